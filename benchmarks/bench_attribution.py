"""Diarization alone on the spoken sets: each word's voice against who said it, without Whisper.

    python benchmarks/bench_attribution.py                      # heldout7 and heldout8
    python benchmarks/bench_attribution.py heldout4 dev2 -v     # other sets; -v lists the wrong words

Each dialogue of a set is spoken again with ``scripts/speak.py`` (the same audio, byte for byte, as
the recording its shipped transcript was made from: the transcript's ``recording_sha256`` is
checked), and :mod:`gesprekken.diarize` labels the transcript's own words (Whisper's times, as
shipped) from that audio. Each word's true speaker is the written turn at its time; the voices are
mapped to speakers by majority, so this counts the grouping, not the naming. Short replies and
pause-bounded stretches change with diarization alone, and Whisper, the slow part of an ingest,
is left out: a set of six ten-minute dialogues takes a few minutes of CPU. Only sets on the
benchmark's list are read (``make_speech_set.SETS``; held-out sets are never on it).
"""

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from evaluation import truth_speaker_at
from make_speech_set import SETS

from gesprekken import audio, diarize, transcript

ROOT = Path(__file__).resolve().parent.parent


def attribution(dialogue: Path, work: Path) -> tuple[int, list[tuple[float, str, str]]]:
    """Words of ``dialogue``'s transcript, and the (time, word, true speaker) of those on a wrong voice."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from speak import speak_dialogue

    conversation = transcript.read(dialogue.parent / "transcripts" / f"{dialogue.stem}.md")
    recording = work / f"{dialogue.stem}.mp3"
    truth = speak_dialogue(yaml.safe_load(dialogue.read_text(encoding="utf-8")), recording)
    if audio.content_sha256(recording) != conversation.recording_sha256:
        raise SystemExit(f"{dialogue}: spoken again, it is not its transcript's recording (espeak-ng or MBROLA differ)")
    words = [word for turn in conversation.turns for word in turn.words]
    windows = diarize.VoiceWindows()
    windows.add(audio.decode(recording), words)
    labels = diarize.label_words(windows, words, expected=len({t["speaker"] for t in truth})).labels
    true = [truth_speaker_at(truth, (w.start + w.end) / 2) for w in words]
    voice = {
        label: Counter(t for t, lab in zip(true, labels, strict=True) if lab == label).most_common(1)[0][0]
        for label in set(labels)
    }
    wrong = [(w.start, w.text, t) for w, t, lab in zip(words, true, labels, strict=True) if voice[lab] != t]
    return len(words), wrong


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
        total = wrong_total = 0
        for dialogue in sorted(known[name].glob("*.yaml")):
            with tempfile.TemporaryDirectory() as tmp:
                count, wrong = attribution(dialogue, Path(tmp))
            total += count
            wrong_total += len(wrong)
            print(f"{name}/{dialogue.stem}: {count} words, {len(wrong)} on a wrong voice", flush=True)
            if args.verbose:
                for start, text, speaker in wrong:
                    print(f"    {start:8.2f} {text!r} (said by {speaker})")
        results[name] = {"words": total, "wrong_voice": wrong_total, "right": round(1 - wrong_total / total, 4)}
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
