"""Naming replayed on the spoken analysis sets: each voice named right, left unnamed, or named wrong.

    python benchmarks/replay_naming.py [--set NAME ...] [--why]

Every shipped transcript of ``tests/data/analyse-speech*`` is named again from its words alone
(:func:`gesprekken.naming.name_speakers` with the programme's participants, no voice profiles),
without Whisper or diarization: the same words and voices as ingested, today's naming. A voice's
true name is the speaker of most of its words in the dialogue as written (the words aligned with
difflib), so a quick loop shows what a naming change does to a hundred conversations. A set still
held out (``bench_speech.UNSCORED``) is read only when named with ``--set``. A voice none of whose
words align with the dialogue has no true name: named, it counts as wrong.

With ``--pitch``, each voice's median pitch (:mod:`gesprekken.pitch`) is given to naming too: that of the
written speaker of most of its words, measured on their first six turns spoken again with their MBROLA voice
(``scripts/speak.py``; needs espeak-ng and the voices, ``scripts/install_voices.sh``), as ingest measures it on
the voice's own words. Synthetic voices: two MBROLA voices, each given to one kind of name by the sets' writers.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml
from bench_speech import SETS, UNSCORED
from evaluation import aligned_speakers

from gesprekken import transcript
from gesprekken.naming import name_speakers


def voices_of(dialogue: Path) -> dict[str, str]:
    """Each voice (label) of the dialogue's transcript: the written speaker of most of its words."""
    written = yaml.safe_load(dialogue.read_text(encoding="utf-8"))
    heard = transcript.read(dialogue.parent / "transcripts" / f"{dialogue.stem}.md")
    votes: dict[str, Counter] = {}
    for truly, label in aligned_speakers(
        [(t["speaker"], t["text"]) for t in written["turns"]], [(t.speaker, t.text) for t in heard.turns]
    ):
        votes.setdefault(label, Counter())[truly] += 1
    return {label: counts.most_common(1)[0][0] for label, counts in votes.items()}


def pitches_of(dialogue: Path) -> dict[str, float | None]:
    """Each written speaker's median pitch, from their first six turns spoken again."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from speak import synthesise

    from gesprekken.pitch import PitchTrack

    written = yaml.safe_load(dialogue.read_text(encoding="utf-8"))
    found = {}
    for speaker, voice in written["voices"].items():
        voice = {"voice": voice} if isinstance(voice, str) else voice
        said = [t["text"] for t in written["turns"] if t["speaker"] == speaker][:6]
        track = PitchTrack()
        spoken = synthesise(
            " ".join(said), voice["voice"], voice.get("speed", 150), voice.get("pitch", 50), voice.get("formants", 1.0)
        )
        track.add(spoken.astype("float64") / 32768)
        found[speaker] = track.of_spans([(0.0, 1e9)])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=list(SETS), help="a spoken set (default: all)")
    parser.add_argument("--why", action="store_true", help="list every voice not named right")
    parser.add_argument("--pitch", action="store_true", help="give naming each voice's pitch (spoken again)")
    args = parser.parse_args(argv)
    total = Counter()
    print("| set | voices | right | unnamed | wrong |\n| --- | --- | --- | --- | --- |")
    for name in args.set or [name for name in SETS if name not in UNSCORED]:
        counts = Counter()
        for dialogue in sorted(SETS[name].glob("*.yaml")):
            if not (dialogue.parent / "transcripts" / f"{dialogue.stem}.md").exists():
                continue
            conversation = transcript.read(dialogue.parent / "transcripts" / f"{dialogue.stem}.md")
            truth = voices_of(dialogue)
            pitches = None
            if args.pitch:
                spoken = pitches_of(dialogue)
                pitches = {label: spoken.get(truly) for label, truly in truth.items()}
            named = name_speakers(conversation.turns, conversation.participants, pitches=pitches)
            for label, speaker in named.items():
                outcome = (
                    "unnamed" if speaker.name is None else "right" if speaker.name == truth.get(label) else "wrong"
                )
                counts[outcome] += 1
                if args.why and outcome != "right":
                    print(f"  {name}/{dialogue.stem}: {label} {outcome} ({speaker.name}; is {truth.get(label)})")
        total += counts
        print(f"| {name} | {sum(counts.values())} | {counts['right']} | {counts['unnamed']} | {counts['wrong']} |")
    print(f"| **all** | {sum(total.values())} | **{total['right']}** | {total['unnamed']} | **{total['wrong']}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
