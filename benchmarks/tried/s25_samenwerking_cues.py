"""Session 25's read (BENCHMARKS "Twenty-fourth round"): does any cue the analysis has predict that an
editor lists ``samenwerking`` or ``vertrouwen``? ROC AUC per cue over every seen spoken set, speech.

    python -W ignore benchmarks/tried/s25_samenwerking_cues.py
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learning  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

from gesprekken.analyse import analyse  # noqa: E402

SEEN = {**learning.WRITERS, **{f"heldout{n}": (f"heldout{n}",) for n in range(11, 41)}}
PLURAL = re.compile(r"\b(?:we|wij|ons|onze|samen|elkaar|gezamenlijk)\b", re.IGNORECASE)
TOGETHER = re.compile(r"\b(?:samen|elkaar|gezamenlijk|afspraak|afspraken|afspreken|partners?|overleg|contact)\b", re.I)


def main() -> None:
    rows = []
    for _, path in learning.training_dialogues(SEEN):
        conversation, gold = spoken_conversation(path, "speech")
        steps = analyse(conversation).action_points
        text = " ".join(t.text for t in conversation.turns)
        rows.append(
            {
                "samenwerking": "samenwerking" in gold["themes"],
                "vertrouwen": "vertrouwen" in gold["themes"],
                "action points": len(steps),
                "steps in the first person plural": sum(bool(PLURAL.search(a.text)) for a in steps),
                "steps both sides take": sum(" en " in (a.who or "") for a in steps),
                "together words per 1,000": len(TOGETHER.findall(text)) / len(text.split()) * 1000,
            }
        )
    print(f"{len(rows)} conversations; samenwerking listed in {sum(r['samenwerking'] for r in rows)}")
    cues = [key for key in rows[0] if key not in ("samenwerking", "vertrouwen")]
    for cue in cues:
        aucs = [roc_auc_score([r[t] for r in rows], [r[cue] for r in rows]) for t in ("samenwerking", "vertrouwen")]
        print(f"{cue:34} AUC samenwerking {aucs[0]:.3f}, vertrouwen {aucs[1]:.3f}")


if __name__ == "__main__":
    main()
