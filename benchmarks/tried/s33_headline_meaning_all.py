"""Session 33's candidate H3 (BENCHMARKS "Thirtieth round"): the headline model trained on every writer seen,
with ``headline_meaning`` (session 27's H2: a candidate's cosine with a profile of what editors pick), judged
one writer left out over the editors apart of heldout11-54, whom the shipped model (eight writers) never saw.

    python -W ignore benchmarks/tried/s33_headline_meaning_all.py

Rows, all made here the same way, the shipped choice held fixed ("parts and place", c=0.01, speech and text):

- ``main``: the shipped ``headline.json``, and the shipped protocol refitted here: a model trained on the
  eight writers of ``learning.WRITERS`` with the analysis as it is now;
- ``A``: trained on the eight and every later writer but the one left out, no meaning;
- ``H3``: A with ``headline_meaning``. The profile (the unit difference of the mean sentence vectors of the
  editors' headlines and of the other candidates) is cross-fitted: in the fold of a writer left out, a
  training writer's candidates get a profile learnt without that writer and without the one left out, the
  left-out writer's one learnt without theirs.

heldout55 and heldout56 are held out (``bench_speech.HELD_OUT``): not read here.
"""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_headline as lh  # noqa: E402
import numpy as np  # noqa: E402
from bench_speech import HELD_OUT  # noqa: E402
from learning import SOURCES, WRITERS  # noqa: E402

from gesprekken import meaning  # noqa: E402
from gesprekken.learned import model as shipped_model  # noqa: E402

CHOICE = (0.01, ("speech", "text"))
LATER = {f"heldout{n}": (f"heldout{n}",) for n in range(11, 55) if f"heldout{n}" not in HELD_OUT}


def main() -> int:
    kept = Path("/tmp/s33_headline_meaning_all.pickle")  # the candidates and their vectors, for a second run
    if kept.exists():
        convs, vectors = pickle.loads(kept.read_bytes())
    else:
        convs = lh.conversations({**WRITERS, **LATER})
        texts = list(dict.fromkeys(x["text"] for c in convs for x in c["candidates"]))
        vectors = {}
        for start in range(0, len(texts), 2000):
            part = texts[start : start + 2000]
            vectors.update(zip(part, meaning.turn_vectors(part), strict=True))
        kept.write_bytes(pickle.dumps((convs, vectors)))
    print(f"{len(convs) // 2} conversations, {len(vectors)} candidate sentences", flush=True)
    # per writer: the sums and counts of the vectors of headlines and of the other candidates
    sums: dict[str, list] = {}
    for c in convs:
        s = sums.setdefault(c["writer"], [np.zeros(meaning.DIMENSIONS), 0, np.zeros(meaning.DIMENSIONS), 0])
        for x in c["candidates"]:
            if x["label"]:
                s[0] += vectors[x["text"]]
                s[1] += 1
            else:
                s[2] += vectors[x["text"]]
                s[3] += 1
    cache: dict[frozenset, np.ndarray] = {}

    def direction(without: frozenset) -> np.ndarray:
        if without not in cache:
            kept = [s for w, s in sums.items() if w not in without]
            pos = sum(s[0] for s in kept) / sum(s[1] for s in kept)
            neg = sum(s[2] for s in kept) / sum(s[3] for s in kept)
            d = pos - neg
            cache[without] = d / np.linalg.norm(d)
        return cache[without]

    def mark(group: list[dict], without) -> None:
        for c in group:
            d = direction(frozenset(without(c["writer"])))
            for x in c["candidates"]:
                x["features"]["headline_meaning"] = float(vectors[x["text"]] @ d)

    lh.FEATURE_SETS["parts and place, meaning"] = (*lh.FEATURE_SETS["parts and place"], "headline_meaning")
    eight = [c for c in convs if c["writer"] in WRITERS]
    later = [c for c in convs if c["writer"] in LATER]
    shipped = shipped_model("headline")
    print("| row | source | conversations | top 1 / 3 / 5 |")
    print("| --- | --- | --- | --- |")
    ranks = {source: [] for source in SOURCES}
    base = lh.train(eight, ("parts and place", *CHOICE))
    for label, ranked in (("main, as shipped", shipped), ("main, refitted here (eight writers)", base)):
        ranks = {source: [] for source in SOURCES}
        for c, r in zip(later, lh.model_ranks(ranked, later), strict=True):
            ranks[c["source"]].append(r)
        for source, found in ranks.items():
            print(f"| {label} | {source} | {len(found)} | {lh.tops(found)} |", flush=True)
    for variant, features in (("A", "parts and place"), ("H3", "parts and place, meaning")):
        ranks = {source: [] for source in SOURCES}
        for held in LATER:
            inside = [c for c in convs if c["writer"] != held]
            mine = [c for c in convs if c["writer"] == held]
            if variant == "H3":
                mark(inside, lambda w, held=held: {held, w})
                mark(mine, lambda w: {w})
            for c, r in zip(mine, lh.model_ranks(lh.train(inside, (features, *CHOICE)), mine), strict=True):
                ranks[c["source"]].append(r)
        for source, found in ranks.items():
            print(f"| {variant} | {source} | {len(found)} | {lh.tops(found)} |", flush=True)
    mark(convs, lambda w: {w})
    model = lh.train(convs, ("parts and place, meaning", *CHOICE))
    print(dict(zip(model.features, model.weights, strict=True)), model.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
