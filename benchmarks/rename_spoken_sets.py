"""Name the voices of the spoken analysis sets' transcripts again, from their text alone.

    python benchmarks/rename_spoken_sets.py            # every set bench_speech.py scores by default
    python benchmarks/rename_spoken_sets.py heldout5   # only the sets named

The shipped transcripts (tests/data/analyse-speech*/transcripts) keep the names ingest gave when
they were made. This names every voice again with the current rules (no voice profiles: each
conversation was ingested in a workspace of its own) and scores both against the dialogue's gold:
a voice's true speaker is the one whose gold turns its words match best, weighted by length.
"""

import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import yaml
from bench_speech import SETS, UNSCORED
from rapidfuzz import fuzz

from gesprekken import transcript
from gesprekken.naming import name_speakers

ROOT = Path(__file__).resolve().parent.parent


def truth(conversation, gold_turns, label_of) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for turn in conversation.turns:
        best = max(gold_turns, key=lambda g: fuzz.partial_ratio(turn.text.lower(), g["text"].lower()))
        votes[label_of.get(turn.speaker, turn.speaker)][best["speaker"]] += len(turn.text.split())
    return {label: counts.most_common(1)[0][0] for label, counts in votes.items()}


def main(names: list[str]) -> int:
    totals = Counter()
    # The sets bench_speech.py scores by default: a held-out set of the next round is not looked at
    # unless it is named.
    unknown = [name for name in names if name not in SETS]
    if unknown:
        print(f"No spoken set {', '.join(unknown)}; the sets are {', '.join(SETS)}.", file=sys.stderr)
        return 2
    sets = [folder for name, folder in SETS.items() if (name in names if names else name not in UNSCORED)]
    for path in sorted(path for folder in sets for path in folder.glob("transcripts/*.md")):
        gold = path.parent.parent / f"{path.stem}.yaml"
        conversation = transcript.read(path)
        label_of = {s.name or s.label: s.label for s in conversation.speakers}
        shipped = {s.label: s.name for s in conversation.speakers}
        turns = [replace(t, speaker=label_of.get(t.speaker, t.speaker)) for t in conversation.turns]
        now = {label: s.name for label, s in name_speakers(turns, conversation.participants).items()}
        true = truth(conversation, yaml.safe_load(gold.read_text(encoding="utf-8"))["turns"], label_of)
        for which, names in (("shipped", shipped), ("now", now)):
            for label, speaker in true.items():
                given = names.get(label)
                totals[which, "right" if given == speaker else "unnamed" if given is None else "wrong"] += 1
        if shipped != now:
            print(f"{path.parent.parent.name}/{path.stem}: {shipped} -> {now} (true: {true})")
    for which in ("shipped", "now"):
        print(which, {kind: totals[which, kind] for kind in ("right", "wrong", "unnamed")})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
