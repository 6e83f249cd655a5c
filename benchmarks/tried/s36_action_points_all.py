"""The action point model on every writer seen (session 36): a seen step, each later writer left out.

    python -W ignore benchmarks/tried/s36_action_points_all.py            # collect (cached), then the table

The shipped model (``gesprekken/data/learned/action_points.json``) learns from the eight writers of
``learning.WRITERS`` and heldout11-26 (24 writers); heldout27-68 are seen, each scored once as held out, never
trained on. This trains the same model with its own choice fixed (the sentence, place and shape features,
c=0.1, threshold 0.3: what the 24-writer protocol chose) on every seen writer but one, for each writer of
heldout27-68 in turn, and scores that writer's conversations; beside it the shipped model on the same
conversations, and the recall at a precision of at least 0.7 of each (one threshold swept). Dev figures:
every one of these sets was read by some earlier round.
"""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import learn_action_points as lap  # noqa: E402
from learning import fit  # noqa: E402

from gesprekken.learned import model  # noqa: E402

LATER = {f"heldout{n}": (f"heldout{n}",) for n in range(27, 69)}
CACHE = Path("/tmp/s36/ap_all.pkl")
CHOICE = ("sentence+place+shape", 0.1, 0.3)


def collect() -> list[dict]:
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    lap.WRITERS = {**lap.WRITERS, **LATER}
    conversations = lap.collect()
    CACHE.write_bytes(pickle.dumps(conversations))
    return conversations


def counts(conversations, probabilities, threshold):
    kept = [[p >= threshold for p in ps] for ps in probabilities]
    scored = lap.score(conversations, kept)
    return {s: lap._pooled(scored, list(LATER), s) for s in lap.SOURCES}


def main() -> None:
    conversations = collect()
    shipped = model("action_points")
    base = [[shipped.probability(row) for row in c["rows"]] for c in conversations]
    candidate = [[] for _ in conversations]
    name, c, threshold = CHOICE
    for writer in LATER:
        inside = [x for x in conversations if x["writer"] != writer]
        rows, labels, _ = lap._flatten(inside)
        fitted = fit(rows, labels, name="left-out", features=lap.FEATURE_SETS[name], c=c)
        for n, x in enumerate(conversations):
            if x["writer"] == writer:
                candidate[n] = [fitted.probability(row) for row in x["rows"]]
        print(writer, file=sys.stderr, flush=True)
    later = [n for n, x in enumerate(conversations) if x["writer"] in LATER]
    sub = [conversations[n] for n in later]
    lap.APART = tuple(LATER)
    header = "source | P / R / F1 (right of found, gold) | recall at P >= 0.7"
    print(f"| heldout27-68 ({len(LATER)} writers), pooled | {header} |")
    print("| --- | --- | --- | --- |")
    for label, probabilities, t in (
        ("shipped (24 writers, never trained on these)", base, shipped.threshold),
        ("every other seen writer, choice fixed", candidate, threshold),
    ):
        ps = [probabilities[n] for n in later]
        pooled = counts(sub, ps, t)
        for source in lap.SOURCES:
            best = lap.recall_at_precision(sub, ps, source)
            at = f"{best[0]:.3f} (P {best[1]:.3f}, threshold {best[2]:.2f})" if best else "none"
            print(f"| {label} | {source} | {lap._cell(pooled[source])} | {at} |")


if __name__ == "__main__":
    main()
