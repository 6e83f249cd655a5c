"""Naming on the openings set: voices named right, left unnamed, named wrong, from text alone.

    python benchmarks/bench_naming_openings.py [--part dev|heldout|heldout2] [--why]

Each dialogue of tests/data/naming-openings/<part>/ becomes a conversation of anonymous voices
("Spreker 1", "Spreker 2" in speaking order, a turn per dialogue turn), named with the programme
of its part and no voice profiles, and scored against the dialogue's gold (the set's README). The
default part is dev: the held-out parts are scored only when asked for by name.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from gesprekken.naming import name_speakers
from gesprekken.transcript import Participant, Turn

ROOT = Path(__file__).resolve().parent.parent
OPENINGS = ROOT / "tests" / "data" / "naming-openings"


def programme(folder: Path) -> dict[str, list[Participant]]:
    """Each recording's participants, by the recording's stem."""
    data = yaml.safe_load((folder / "programme.yaml").read_text(encoding="utf-8"))
    return {
        Path(c["recording"]).stem: [
            Participant(p["name"], p.get("role", ""), p.get("organisation", "")) for p in c["participants"]
        ]
        for c in data["conversations"]
    }


def score(path: Path, participants: list[Participant]) -> tuple[list[tuple[str, str, str | None, object]], Counter]:
    """Name one dialogue's voices; return (speaker, outcome, gold, named voice) per voice and the counts."""
    dialogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    label = {}
    for turn in dialogue["turns"]:
        label.setdefault(turn["speaker"], f"Spreker {len(label) + 1}")
    turns = [Turn(label[t["speaker"]], n * 5.0, n * 5.0 + 4, t["text"]) for n, t in enumerate(dialogue["turns"])]
    named = name_speakers(turns, participants)
    rows, counts = [], Counter()
    for speaker, voice in label.items():
        gold = dialogue["naming"]["gold"][speaker]
        given = named[voice].name
        if given == gold or (given is not None and given == speaker):
            outcome = "right"
        elif given is None:
            outcome = "unnamed"
        else:
            outcome = "wrong"
        counts[outcome] += 1
        rows.append((speaker, outcome, gold, named[voice]))
    return rows, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "heldout", "heldout2"), default="dev")
    parser.add_argument("--why", action="store_true", help="print the evidence of every voice")
    args = parser.parse_args()
    folder = OPENINGS / args.part
    participants = programme(folder)
    totals = Counter()
    print("| case | right | unnamed | wrong | names given (confidence) |\n| --- | --- | --- | --- | --- |")
    for path in sorted(folder.glob("[0-9]*.yaml")):
        rows, counts = score(path, participants[path.stem])
        totals += counts
        given = "; ".join(
            f"{s.name or '-'} ({s.confidence:.2f})" + ("" if outcome == "right" else f" [{speaker}]")
            for speaker, outcome, _, s in rows
        )
        print(f"| {path.stem} | {counts['right']} | {counts['unnamed']} | {counts['wrong']} | {given} |")
        if args.why:
            for speaker, outcome, gold, s in rows:
                print(f"    {speaker} ({outcome}, gold {gold}): {s.evidence}")
    voices = sum(totals.values())
    print(
        f"| **{args.part}** ({voices} voices) | **{totals['right']}** | {totals['unnamed']} | **{totals['wrong']}** | |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
