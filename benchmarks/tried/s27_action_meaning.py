"""Session 27's reading (BENCHMARKS "Twenty-fifth round"): does what a candidate sentence means tell the
editors' action points from the rest, beyond the action point model's own features? A reading on the seen
sets, not a candidate: nothing here is shipped.

    python -W ignore benchmarks/tried/s27_action_meaning.py

The candidates are ``learn_action_points.collect()``'s (the rules' action points and the rejected sentences
of a step's shape, on Whisper's transcript and the dialogue as written, every writer the action point model
learns from). Each candidate's sentence vector (:mod:`gesprekken.meaning`); per writer left out, a profile
learnt from the other writers' candidates (the unit difference of the means of those on the editors' lists
and the rest) and ``meaning``, the candidate's cosine with it. Printed, on the editors apart's speech and text:
the ROC AUC of ``meaning`` alone, of the left-out model over the shipped features (one writer left out, the
shipped c), and of the same model with ``meaning`` added; and the recall at precision 0.7 of the last two.
The training rows of the fold get the profile learnt without the held writer only (not without their own
writer too): a small leak towards ``meaning``, so the last column is optimistic.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from learn_action_points import FEATURE_SETS, SOURCES, collect  # noqa: E402
from learning import APART, fit  # noqa: E402

from gesprekken import meaning  # noqa: E402
from gesprekken.learned import model  # noqa: E402


def auc(scores, labels) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def recall_at(scores, labels, gold: int, floor: float = 0.7) -> float:
    """The best recall of the gold (``gold`` items, matched or not) at precision >= floor, one threshold."""
    order = np.argsort(-np.asarray(scores))
    right = np.cumsum(np.asarray(labels)[order])
    found = np.arange(1, len(order) + 1)
    ok = right / found >= floor
    return float(right[ok].max() / gold) if ok.any() else 0.0


def main() -> int:
    conversations = collect()
    texts = [t for c in conversations for t in c["texts"]]
    vectors = dict(zip(texts, meaning.turn_vectors(texts), strict=True)) if texts else {}
    writers = list(dict.fromkeys(c["writer"] for c in conversations))
    shipped = model("action_points")
    name = "sentence+place+shape" if any(f.startswith("shape:") for f in shipped.features) else "sentence+place"
    c_value = 0.1  # the shipped choice (action_points.json: c=0.1, threshold 0.3)
    out = {s: {"meaning": [], "model": [], "with": [], "labels": [], "gold": 0} for s in SOURCES}
    for held in writers:
        inside = [c for c in conversations if c["writer"] != held]
        x = np.array([vectors[t] for c in inside for t in c["texts"]])
        y = np.array([label for c in inside for label in c["labels"]], dtype=bool)
        direction = x[y].mean(axis=0) - x[~y].mean(axis=0)
        direction /= np.linalg.norm(direction)

        def rows_with(cs, direction=direction):
            return [
                row | {"meaning": float(vectors[t] @ direction)}
                for c in cs
                for row, t in zip(c["rows"], c["texts"], strict=True)
            ]

        labels = [label for c in inside for label in c["labels"]]
        features = FEATURE_SETS[name]
        base = fit([r for c in inside for r in c["rows"]], labels, "left-out", features, c=c_value)
        chosen = features(rows_with(inside)) if callable(features) else features
        more = fit(rows_with(inside), labels, "left-out", (*chosen, "meaning"), c=c_value)
        if held not in APART and held not in {f"heldout{n}" for n in range(11, 41)}:
            continue
        for source in SOURCES:
            mine = [c for c in conversations if c["writer"] == held and c["source"] == source]
            rows = rows_with(mine)
            out[source]["meaning"] += [r["meaning"] for r in rows]
            out[source]["model"] += [base.probability(r) for r in rows]
            out[source]["with"] += [more.probability(r) for r in rows]
            out[source]["labels"] += [label for c in mine for label in c["labels"]]
            out[source]["gold"] += sum(len(c["written"]) for c in mine)
    print(
        "| editors apart, left out | candidates (on a list) | AUC meaning | AUC model | AUC model+meaning "
        "| recall at P>=0.7, model | model+meaning |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for source in SOURCES:
        o = out[source]
        labels, gold = o["labels"], o["gold"]
        cells = [
            f"{len(labels)} ({sum(labels)} of {gold} gold)",
            *(f"{auc(o[key], labels):.3f}" for key in ("meaning", "model", "with")),
            *(f"{recall_at(o[key], labels, gold):.3f}" for key in ("model", "with")),
        ]
        print(f"| {source} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
