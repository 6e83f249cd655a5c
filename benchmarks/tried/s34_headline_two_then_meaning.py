"""Session 34's candidate H8 (BENCHMARKS "Thirty-first round"): the shipped model's first two candidates (the
headline and the second), then the other quotes in H3's order (the 52-writer model with ``headline_meaning``,
``s33_headline_meaning_all.py``), each quote once; H7 (the first alone kept) beside it. Judged as H3 was: over
heldout11-54, H3 left out per writer (its profile cross-fitted), the shipped model never trained on them.

    python -W ignore benchmarks/tried/s34_headline_two_then_meaning.py     # after s33_headline_meaning_all.py
"""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import learn_headline as lh  # noqa: E402
import numpy as np  # noqa: E402
from learning import SOURCES, WRITERS  # noqa: E402
from s33_headline_interleaved import offered, place  # noqa: E402
from s33_headline_meaning_all import CHOICE, LATER  # noqa: E402

from gesprekken import analyse as analysis  # noqa: E402
from gesprekken.learned import model as shipped_model  # noqa: E402


def after_the_first(first: list[dict], second: list[dict], kept: int) -> list[dict]:
    """The first ranking's ``kept`` best, then the second ranking's, each quote once."""
    merged = first[:kept] + [c for c in second if all(c is not m for m in first[:kept])]
    return [merged[n] for n in analysis.one_of_each([(c["turn"], c["text"]) for c in merged])]


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
    rows = {name: {source: [] for source in SOURCES} for name in ("main", "H3", "H7", "H8")}
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
            within = [x for x in theirs if any(x is o for o in ours)]  # as built: H3 orders the quotes main keeps
            rows["main"][c["source"]].append(place(ours))
            rows["H3"][c["source"]].append(place(theirs))
            rows["H7"][c["source"]].append(place(after_the_first(ours, within, 1)))
            rows["H8"][c["source"]].append(place(after_the_first(ours, within, 2)))
    print("| row | source | conversations | top 1 / 3 / 5 |")
    print("| --- | --- | --- | --- |")
    for name, by_source in rows.items():
        for source, found in by_source.items():
            print(f"| {name} | {source} | {len(found)} | {lh.tops(found)} |")
    assert set(WRITERS) <= {c["writer"] for c in convs}
    return 0


if __name__ == "__main__":
    sys.exit(main())
