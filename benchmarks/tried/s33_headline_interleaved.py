"""Session 33's candidate H5 (BENCHMARKS "Thirtieth round"): the five headline candidates taken in turn from two
rankings, the shipped model's first (so the headline, the first, stays the shipped model's) and H3's (the 52-writer
model with ``headline_meaning``, ``s33_headline_meaning_all.py``), each quote once. Judged as H3 was: over
heldout11-54, H3 left out per writer (its profile cross-fitted), the shipped model never trained on them.

    python -W ignore benchmarks/tried/s33_headline_interleaved.py     # after s33_headline_meaning_all.py (its pickle)

H7, written after H5's seen figure: the shipped model's best (the headline), then H3's ranking for the other four.
"""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_headline as lh  # noqa: E402
import numpy as np  # noqa: E402
from learning import SOURCES, WRITERS  # noqa: E402
from s33_headline_meaning_all import CHOICE, LATER  # noqa: E402

from gesprekken import analyse as analysis  # noqa: E402
from gesprekken.learned import model as shipped_model  # noqa: E402


def offered(conv: dict, model) -> list[dict]:
    """The candidates as the analysis offers them by ``model``: above its threshold, best first, each once."""
    scored = [(round(model.probability(c["features"]), 4), n, c) for n, c in enumerate(conv["candidates"])]
    kept = [c for *_, c in sorted((s for s in scored if s[0] >= model.threshold), key=lambda s: (-s[0], s[1]))]
    return [kept[n] for n in analysis.one_of_each([(c["turn"], c["text"]) for c in kept])]


def interleaved(first: list[dict], second: list[dict]) -> list[dict]:
    merged = []
    for pair in zip(first + [None] * len(second), second + [None] * len(first), strict=False):
        for c in pair:
            if c is not None and all(c is not m for m in merged):
                merged.append(c)
    kept = [merged[n] for n in analysis.one_of_each([(c["turn"], c["text"]) for c in merged])]
    return kept


def after_the_headline(first: list[dict], second: list[dict]) -> list[dict]:
    """H7: the first ranking's best (the headline), then the second ranking's, each quote once."""
    merged = first[:1] + [c for c in second if all(c is not m for m in first[:1])]
    return [merged[n] for n in analysis.one_of_each([(c["turn"], c["text"]) for c in merged])]


def place(candidates: list[dict]) -> int | None:
    return next((n for n, c in enumerate(candidates[:5], 1) if c["label"]), None)


def main() -> int:
    convs, vectors = pickle.loads(Path("/tmp/s33_headline_meaning_all.pickle").read_bytes())
    sums: dict[str, list] = {}
    for c in convs:
        s = sums.setdefault(c["writer"], [np.zeros(512), 0, np.zeros(512), 0])
        for x in c["candidates"]:
            at = 0 if x["label"] else 2
            s[at] += vectors[x["text"]]
            s[at + 1] += 1

    def direction(without) -> np.ndarray:
        kept = [s for w, s in sums.items() if w not in without]
        d = sum(s[0] for s in kept) / sum(s[1] for s in kept) - sum(s[2] for s in kept) / sum(s[3] for s in kept)
        return d / np.linalg.norm(d)

    lh.FEATURE_SETS["parts and place, meaning"] = (*lh.FEATURE_SETS["parts and place"], "headline_meaning")
    shipped = shipped_model("headline")
    rows = {name: {source: [] for source in SOURCES} for name in ("main", "H3", "H5", "H7", "H7 within main's quotes")}
    for held in LATER:
        inside = [c for c in convs if c["writer"] != held]
        mine = [c for c in convs if c["writer"] == held]
        for c in inside:
            d = direction({held, c["writer"]})
            for x in c["candidates"]:
                x["features"]["headline_meaning"] = float(vectors[x["text"]] @ d)
        d = direction({held})
        for c in mine:
            for x in c["candidates"]:
                x["features"]["headline_meaning"] = float(vectors[x["text"]] @ d)
        h3 = lh.train(inside, ("parts and place, meaning", *CHOICE))
        for c in mine:
            ours, theirs = offered(c, shipped), offered(c, h3)
            rows["main"][c["source"]].append(place(ours))
            rows["H3"][c["source"]].append(place(theirs))
            rows["H5"][c["source"]].append(place(interleaved(ours, theirs)))
            rows["H7"][c["source"]].append(place(after_the_headline(ours, theirs)))
            within = [x for x in theirs if any(x is o for o in ours)]  # as built: H3 orders the quotes main keeps
            rows["H7 within main's quotes"][c["source"]].append(place(after_the_headline(ours, within)))
    print("| row | source | conversations | top 1 / 3 / 5 |")
    print("| --- | --- | --- | --- |")
    for name, by_source in rows.items():
        for source, found in by_source.items():
            print(f"| {name} | {source} | {len(found)} | {lh.tops(found)} |")
    assert set(WRITERS) <= {c["writer"] for c in convs}
    return 0


if __name__ == "__main__":
    sys.exit(main())
