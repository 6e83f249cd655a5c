"""Diarization alone on the spoken sets: each word's voice against who said it, without Whisper.

    python benchmarks/bench_attribution.py                      # heldout7 and heldout8
    python benchmarks/bench_attribution.py heldout4 dev2 -v     # other sets; -v lists the wrong words

Each dialogue of a set is spoken again with ``scripts/speak.py`` (the same audio, byte for byte, as
the recording its shipped transcript was made from: the transcript's ``recording_sha256`` is
checked), and :mod:`gesprekken.diarize` labels the transcript's own words (Whisper's times, as
shipped) from that audio. Each word's true speaker is the written turn at its time; the voices are
mapped to speakers by majority ("on a wrong voice": the grouping). The voices are then named as
ingest names them in a fresh workspace, and the written and heard words aligned ("by name": under
the right participant, the other one, or an unnamed voice; the count the lead's attrib.py makes on
the shipped transcripts, which this gives back for the code they were made with). Whisper, the
slow part of an ingest, is left out: its words do not change with diarization or naming, and a
set of six ten-minute dialogues takes a few minutes of CPU. Only sets on the benchmark's list are
read (``make_speech_set.SETS``), and only those named (heldout7 and heldout8 by default): a set held
out for the analysis (``bench_speech.HELD_OUT``) is read only when named on the command line.
"""

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from evaluation import aligned_speakers, truth_speaker_at
from make_speech_set import SETS

from gesprekken import audio, diarize, transcript
from gesprekken.ingest import turns_from_words
from gesprekken.naming import name_speakers
from gesprekken.transcript import UNKNOWN_SPEAKER

ROOT = Path(__file__).resolve().parent.parent


def attribution(dialogue: Path, work: Path) -> dict:
    """Diarize and name ``dialogue``'s transcript words again; how many are on the right voice and name.

    ``wrong``: the (time, word, true speaker) of words on a wrong voice. By name, the written and
    the heard words are aligned (difflib) and each matched word is under the right participant, the
    other participant, or an unnamed voice; ``turns``: turns heard, against ``written``.
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    from speak import speak_dialogue

    written = yaml.safe_load(dialogue.read_text(encoding="utf-8"))
    conversation = transcript.read(dialogue.parent / "transcripts" / f"{dialogue.stem}.md")
    recording = work / f"{dialogue.stem}.mp3"
    truth = speak_dialogue(written, recording)
    if audio.content_sha256(recording) != conversation.recording_sha256:
        raise SystemExit(f"{dialogue}: spoken again, it is not its transcript's recording (espeak-ng or MBROLA differ)")
    # Whisper's words keep their leading space, as ingest hands them on.
    words = [transcript.Word(w.start, w.end, " " + w.text, w.probability) for t in conversation.turns for w in t.words]
    windows = diarize.VoiceWindows()
    windows.add(audio.decode(recording), words)
    found = diarize.label_words(windows, words, expected=len(conversation.participants) or None)
    true = [truth_speaker_at(truth, (w.start + w.end) / 2) for w in words]
    voice = {
        label: Counter(t for t, lab in zip(true, found.labels, strict=True) if lab == label).most_common(1)[0][0]
        for label in set(found.labels)
    }
    wrong = [(w.start, w.text, t) for w, t, lab in zip(words, true, found.labels, strict=True) if voice[lab] != t]

    # As ingest names them, in a fresh workspace (no stored voices).
    turns = turns_from_words(words, [f"{UNKNOWN_SPEAKER} {label + 1}" for label in found.labels])
    voices = {f"{UNKNOWN_SPEAKER} {k + 1}": vector for k, vector in enumerate(found.embeddings)}
    shown = {s.label: s.shown_as for s in name_speakers(turns, conversation.participants, voices, {}).values()}
    names = {p["name"] for p in written["participants"]}
    by_name = Counter(
        "right" if named == truly else "other" if named in names else "unnamed"
        for truly, named in aligned_speakers(
            [(t["speaker"], t["text"]) for t in written["turns"]], [(shown[t.speaker], t.text) for t in turns]
        )
    )
    return {
        "words": len(words),
        "wrong": wrong,
        "by_name": by_name,
        "turns": len(turns),
        "written": len(written["turns"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=["heldout7", "heldout8"], help="set names: dev2, heldout4, ...")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the words on a wrong voice")
    args = parser.parse_args(argv)
    known = {folder.name.removeprefix("analyse-speech").lstrip("-") or "dev": folder for folder in SETS}
    results = {}
    for name in args.sets:
        if name not in known:
            raise SystemExit(f"{name} is not one of the spoken sets: {', '.join(known)}")
        total = Counter()
        for dialogue in sorted(known[name].glob("*.yaml")):
            with tempfile.TemporaryDirectory() as tmp:
                found = attribution(dialogue, Path(tmp))
            named = found["by_name"]
            total.update(
                words=found["words"], wrong_voice=len(found["wrong"]), turns=found["turns"], written=found["written"]
            )
            total.update(named)
            print(
                f"{name}/{dialogue.stem}: {found['words']} words, {len(found['wrong'])} on a wrong voice; by name "
                f"{named['right']} right, {named['other']} under the other name, {named['unnamed']} unnamed; "
                f"{found['turns']} turns for {found['written']} written",
                flush=True,
            )
            if args.verbose:
                for start, text, speaker in found["wrong"]:
                    print(f"    {start:8.2f} {text!r} (said by {speaker})")
        matched = total["right"] + total["other"] + total["unnamed"]
        results[name] = dict(total) | {
            "right_voice": round(1 - total["wrong_voice"] / total["words"], 4),
            "right_name": round(total["right"] / matched, 4),
        }
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
