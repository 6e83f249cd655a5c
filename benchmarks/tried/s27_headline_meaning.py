"""Session 27's candidate H2 (BENCHMARKS "Twenty-fifth round"), tried, not shipped: the headline model with
``headline_meaning``, a candidate's cosine with a profile of what editors pick as a headline, judged as
``learn_headline.py --later`` judges a model but with the shipped choice held fixed (no nested choice).

    python -W ignore benchmarks/tried/s27_headline_meaning.py

The profile is the unit difference of the mean sentence vectors (:mod:`gesprekken.meaning`) of the editors'
headlines and of the other candidates, learnt from training writers only and cross-fitted: a training
writer's candidates get a profile learnt without that writer, a left-out writer's one learnt without theirs.
heldout4-10 are left out one by one (trained on the other seven of the eight writers); heldout11-42 are ranked
by the model trained on the eight (never trained on them). Both rows of the table are made here, the same way:
"base" is the shipped choice ("parts and place", c=0.01, speech and text) without the feature.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_headline as lh  # noqa: E402
import numpy as np  # noqa: E402
from learning import APART, SOURCES, WRITERS  # noqa: E402

from gesprekken import meaning  # noqa: E402

CHOICE = ("parts and place", 0.01, ("speech", "text"))


def profile(convs: list[dict], writers: set[str], vectors: dict) -> np.ndarray:
    rows = [x for c in convs if c["writer"] in writers for x in c["candidates"]]
    x = np.array([vectors[r["text"]] for r in rows])
    y = np.array([r["label"] for r in rows], dtype=bool)
    direction = x[y].mean(axis=0) - x[~y].mean(axis=0)
    return direction / np.linalg.norm(direction)


def mark(convs: list[dict], vectors: dict, direction_of) -> None:
    for c in convs:
        direction = direction_of(c["writer"])
        for x in c["candidates"]:
            x["features"]["headline_meaning"] = float(vectors[x["text"]] @ direction)


def main() -> int:
    seen = lh.conversations()
    names = [f"heldout{n}" for n in range(11, 43)]
    newer = lh.conversations({name: (name,) for name in names})
    texts = [x["text"] for c in seen + newer for x in c["candidates"]]
    vectors = dict(zip(texts, meaning.turn_vectors(texts), strict=True))
    lh.FEATURE_SETS["parts and place, meaning"] = (*lh.FEATURE_SETS["parts and place"], "headline_meaning")
    eight = set(WRITERS)
    cache: dict[frozenset, np.ndarray] = {}

    def direction(writers) -> np.ndarray:
        key = frozenset(writers)
        if key not in cache:
            cache[key] = profile(seen, set(key), vectors)
        return cache[key]

    for variant, features in (("base", "parts and place"), ("H2", "parts and place, meaning")):
        choice = (features, *CHOICE[1:])
        ranks: dict[str, list] = {source: [] for source in SOURCES}
        for held in APART:
            inside = [c for c in seen if c["writer"] != held]
            mine = [c for c in seen if c["writer"] == held]
            mark(inside, vectors, lambda w, held=held: direction(eight - {held, w}))
            mark(mine, vectors, lambda w, held=held: direction(eight - {held}))
            for c, r in zip(mine, lh.model_ranks(lh.train(inside, choice), mine), strict=True):
                ranks[c["source"]].append(r)
        mark(seen, vectors, lambda w: direction(eight - {w}))
        mark(newer, vectors, lambda w: direction(eight))
        model = lh.train(seen, choice)
        for c, r in zip(newer, lh.model_ranks(model, newer), strict=True):
            ranks[c["source"]].append(r)
        for source, found in ranks.items():
            print(f"| {variant} | {source} | {len(found)} | {lh.tops(found)} |")
        if variant == "H2":
            print(dict(zip(model.features, model.weights, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
