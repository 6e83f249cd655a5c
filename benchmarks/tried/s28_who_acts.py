"""Session 28's reading of who should act (BENCHMARKS "Twenty-fifth round"): over the seen spoken sets of the
editors apart (heldout4-42), of the action points found that match a gold one, the share whose actors are the
gold's, as sets of organisations (:func:`evaluation.actors`) and word for word (as scored before session 28).

    python -W ignore benchmarks/tried/s28_who_acts.py [--details]

With --details, each action point whose actors differ, with both labels.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_speech import HELD_OUT, SETS  # noqa: E402
from evaluation import _matched, actors, normalised, spoken_conversation  # noqa: E402

from gesprekken.analyse import analyse  # noqa: E402


def main(details: bool) -> int:
    names = [f"heldout{n}" for n in range(4, 43) if f"heldout{n}" not in HELD_OUT]
    for source in ("speech", "text"):
        right = strict = total = 0
        for name in names:
            for path in sorted(SETS[name].glob("*.yaml")):
                conversation, gold = spoken_conversation(path, source)
                result = analyse(conversation)
                organisations = [label for p in conversation.participants for label in (p.organisation, p.name)]
                said = [a.text for a in result.action_points]
                written = [a["text"] for a in gold["action_points"]]
                for i, j in _matched(said, written):
                    mine, theirs = result.action_points[i].who, gold["action_points"][j]["who"]
                    total += 1
                    same = actors(mine, organisations) == actors(theirs, organisations)
                    right += same
                    strict += normalised(mine) == normalised(theirs)
                    if details and not same:
                        print(f"{source} {name}/{path.stem[:24]}: said {mine!r}, gold {theirs!r}: {said[i][:90]}")
        print(f"{source}: {total} matched; actors right {right} ({right / total:.3f}), word for word {strict}")
    return 0


if __name__ == "__main__":
    sys.exit(main("--details" in sys.argv))
