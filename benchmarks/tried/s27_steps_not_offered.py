"""Session 27's reading (BENCHMARKS "Twenty-fifth round"): could what a sentence means offer the editors'
action points that no rule offers? A reading on the seen sets, not a candidate.

    python -W ignore benchmarks/tried/s27_steps_not_offered.py

On Whisper's transcripts of every writer the action point model learns from: each turn split into sentences
at . ! ? (as Whisper punctuated); a sentence is *offered* when it is alike (``evaluation.SAME_SENTENCE``) to a
candidate of ``analyse(..., unweighed=True)``, and a *step* when it is alike to a gold action point. Per writer
left out, a profile from the other writers' sentences (the unit difference of the means of steps and the rest)
and each sentence's cosine with it. Printed, over the sentences no rule offers, for the editors apart: how many
steps are among them, the ROC AUC of the cosine, and the steps the best threshold reaches at precision 0.5
and 0.3 (what offering them would add to the candidates, before any model weighs them).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from evaluation import SAME_SENTENCE, sentence_similarity, spoken_conversation  # noqa: E402
from learn_action_points import WRITERS  # noqa: E402
from learning import APART, training_dialogues  # noqa: E402

from gesprekken import meaning  # noqa: E402
from gesprekken.analyse import analyse  # noqa: E402


def main() -> int:
    rows = []  # (writer, sentence, offered, step)
    for writer, path in training_dialogues(WRITERS):
        conversation, gold = spoken_conversation(path, "speech")
        offered = [a.text for a in analyse(conversation, unweighed=True).action_points]
        steps = [a["text"] for a in gold["action_points"]]
        for turn in conversation.turns:
            for sentence in re.split(r"(?<=[.!?])\s+", turn.text.strip()):
                if len(sentence.split()) < 3:
                    continue
                rows.append(
                    (
                        writer,
                        sentence,
                        any(sentence_similarity(sentence, o) >= SAME_SENTENCE for o in offered),
                        any(sentence_similarity(sentence, s) >= SAME_SENTENCE for s in steps),
                    )
                )
    vectors = meaning.turn_vectors([r[1] for r in rows])
    writers = np.array([r[0] for r in rows])
    offered = np.array([r[2] for r in rows])
    step = np.array([r[3] for r in rows])
    score = np.zeros(len(rows))
    for held in dict.fromkeys(writers):
        inside = writers != held
        direction = vectors[inside & step].mean(axis=0) - vectors[inside & ~step].mean(axis=0)
        direction /= np.linalg.norm(direction)
        score[~inside] = vectors[~inside] @ direction
    apart = np.isin(writers, [*APART, *(f"heldout{n}" for n in range(11, 41))])
    pool = apart & ~offered
    from sklearn.metrics import roc_auc_score

    labels, scores = step[pool], score[pool]
    order = np.argsort(-scores)
    right = np.cumsum(labels[order])
    found = np.arange(1, len(order) + 1)
    print(
        f"editors apart, speech: {apart.sum()} sentences, {step[apart].sum()} alike a step, "
        f"{(step & offered)[apart].sum()} of those offered by a rule"
    )
    print(
        f"not offered: {pool.sum()} sentences, {labels.sum()} alike a step; AUC of the cosine "
        f"{roc_auc_score(labels, scores):.3f}"
    )
    for floor in (0.5, 0.3):
        ok = right / found >= floor
        best = int(right[ok].max()) if ok.any() else 0
        at = int(found[ok][np.argmax(right[ok])]) if ok.any() else 0
        print(f"  at precision >= {floor}: {best} steps among the {at} sentences offered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
