"""Session 27's reading (BENCHMARKS "Twenty-fifth round"): does a sentence that means what editors pick as a
headline stand out among a conversation's candidates? A reading on the seen sets, not a candidate.

    python -W ignore benchmarks/tried/s27_headline_profile.py

The candidates are ``learn_headline.conversations()``'s, on Whisper's transcripts, of the 8 writers the
headline model trains on and of the editors apart after them (heldout11-42). Per writer left out, a profile
from the other writers' candidates (the unit difference of the means of the editors' headlines and the rest)
and each candidate's cosine with it. Printed for the editors apart (heldout4-42): the ROC AUC of the cosine
over all candidates, the editor's headline's mean percentile among its conversation's candidates (0.5 is
chance), and the share of conversations where it is the cosine's best one and among its best three.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from learn_headline import conversations  # noqa: E402
from learning import LATER_WRITERS, WRITERS  # noqa: E402

from gesprekken import meaning  # noqa: E402


def main() -> int:
    later = {name: (name,) for name in (f"heldout{n}" for n in range(27, 43))}
    convs = [c for c in conversations({**WRITERS, **LATER_WRITERS, **later}) if c["source"] == "speech"]
    convs = [c for c in convs if any(x["label"] for x in c["candidates"])]
    texts = [x["text"] for c in convs for x in c["candidates"]]
    vectors = dict(zip(texts, meaning.turn_vectors(texts), strict=True))
    writers = list(dict.fromkeys(c["writer"] for c in convs))
    scores, labels, percentiles, best, three = [], [], [], 0, 0
    apart = 0
    for held in writers:
        inside = [x for c in convs if c["writer"] != held for x in c["candidates"]]
        x = np.array([vectors[c["text"]] for c in inside])
        y = np.array([c["label"] for c in inside], dtype=bool)
        direction = x[y].mean(axis=0) - x[~y].mean(axis=0)
        direction /= np.linalg.norm(direction)
        if held == "project":
            continue  # the first writer's sets are the project's own, not an editor apart
        for c in (c for c in convs if c["writer"] == held):
            cos = np.array([vectors[x["text"]] @ direction for x in c["candidates"]])
            gold = np.array([x["label"] for x in c["candidates"]], dtype=bool)
            scores += list(cos)
            labels += list(gold)
            top = cos[gold].max()
            percentiles.append(float((cos < top).mean()))
            order = np.argsort(-cos)
            best += bool(gold[order[0]])
            three += bool(gold[order[:3]].any())
            apart += 1
    from sklearn.metrics import roc_auc_score

    print(f"editors apart, speech: {apart} conversations with the headline among {len(labels)} candidates")
    print(
        f"AUC of the cosine {roc_auc_score(labels, scores):.3f}; the headline's mean percentile "
        f"{np.mean(percentiles):.3f}; the cosine's best {best} of {apart}, its best three {three} of {apart}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
