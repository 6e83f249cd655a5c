"""Session 28's candidate E5 (BENCHMARKS "Twenty-fifth round"): the themes model with ``meaning_fit`` beside
E2's ``meaning`` and E4's ``neighbours``, judged as ``learn_themes.py --check`` judges a model, the shipped
model (E4) as the base row in the same run.

    python -W ignore benchmarks/tried/s28_themes_meaning_fit.py

E2's profile is, per theme, the difference of two mean vectors: it ignores how the 512 dimensions of the
sentence encoder vary together. E5 fits, per theme, a ridge regression of "the editor listed it" (0 or 1) on the
conversation's vector, over the training writers' conversations (a conversation's transcript and dialogue vectors
averaged into one row, so that no conversation is its own neighbour in the penalty's choice); the penalty is
chosen inside the training rows alone, by the exact leave-one-out error summed over the themes, from a grid
fixed here. ``meaning_fit`` is the fitted value less the theme's training rate. Cross-fitted as E2's profiles
are: a training writer's rows get what was learnt without that writer's gold, a left-out writer's what was
learnt without theirs.

Rule, written before the run: a candidate to ship if speech F1 over the editors apart rises by 0.010 or more
over the base row and text F1 is not lower.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_themes as lt  # noqa: E402
import numpy as np  # noqa: E402
from learning import SOURCES  # noqa: E402

ALPHAS = np.logspace(-2, 2, 9)


def ridge(conversations: list[dict], writers) -> dict:
    """Per theme (those some but not every training conversation lists), the ridge weights, the centre of the
    vectors and the theme's rate, from ``writers``' conversations; the penalty by leave-one-out."""
    rows: dict[str, list] = {}
    for c in conversations:
        if c["writer"] in writers:
            rows.setdefault(c["id"], [c["gold"], []])[1].append(np.asarray(c["vector"]))
    golds = [g for g, _ in rows.values()]
    x = np.array([np.mean(vs, axis=0) for _, vs in rows.values()])
    themes = sorted({t for c in conversations for t in c["features"]})
    themes = [t for t in themes if 0 < sum(t in g for g in golds) < len(golds)]
    y = np.array([[t in g for t in themes] for g in golds], dtype=float)
    centre, rate = x.mean(axis=0), y.mean(axis=0)
    xc, yc = x - centre, y - rate
    u, s, vt = np.linalg.svd(xc, full_matrices=False)
    uty = u.T @ yc
    best = None
    for alpha in ALPHAS:
        shrink = s**2 / (s**2 + alpha)
        fitted = u @ (shrink[:, None] * uty)
        hat = (u**2) @ shrink + 1 / len(x)  # the centring is a fitted intercept
        error = float((((yc - fitted) / (1 - hat)[:, None]) ** 2).sum())
        if best is None or error < best[0]:
            best = (error, alpha)
    alpha = best[1]
    weights = vt.T @ ((s / (s**2 + alpha))[:, None] * uty)  # 512 x themes
    return {"themes": themes, "weights": weights, "centre": centre, "alpha": alpha}


_fits: dict[frozenset, dict] = {}


def main() -> int:
    conversations = lt.candidates()
    original_rows = lt.rows_of
    current: dict = {}

    def fit_of(writers) -> dict:
        key = frozenset(writers)
        if key not in _fits:
            _fits[key] = ridge(conversations, key)
        return _fits[key]

    def rows_of(conversation, prior, lexicon=None, profiles=None, bank=None):
        themes, rows, labels = original_rows(conversation, prior, lexicon, profiles, bank)
        fitted = current.get(id(profiles))
        if fitted is None or not rows:
            return themes, rows, labels
        score = (np.asarray(conversation["vector"]) - fitted["centre"]) @ fitted["weights"]
        extra = dict(zip(fitted["themes"], score, strict=True))
        rows = [row | {"meaning_fit": float(extra.get(t, 0.0))} for t, row in zip(themes, rows, strict=True)]
        return themes, rows, labels

    original_profiles = lt.profiles_of

    def profiles_of(conversations, writers):
        found = original_profiles(conversations, writers)
        current[id(found)] = fit_of(writers)
        return found

    lt.rows_of, lt.profiles_of = rows_of, profiles_of
    name, c, sources, cut = lt.CHOICE
    gold = {(x["id"], x["source"]): x["gold"] for x in conversations}
    for variant, features in (("base (E4)", lt.ALL_SETS[name]), ("E5", (*lt.ALL_SETS[name], "meaning_fit"))):
        found = lt.left_out(conversations, list(lt.WRITERS), features, c, sources, cut)
        for group, members in (("apart, pooled", lt.APART), ("all, pooled", list(lt.WRITERS))):
            for source in SOURCES:
                keys = [
                    (x["id"], x["source"]) for x in conversations if x["writer"] in members and x["source"] == source
                ]
                p, r, f1, tp, predicted, _ = lt.prf((found[k], gold[k]) for k in keys)
                scores = f"{p:.3f}/{r:.3f}/{f1:.4f} ({tp} of {predicted})"
                print(f"| {variant} | {group} ({len(keys)}) | {source} | {scores} |", flush=True)
    model = lt.train(conversations, list(lt.WRITERS), features, c, sources)
    print({f: round(w, 3) for f, w in zip(model.features, model.weights, strict=True)})
    alphas = [f["alpha"] for f in _fits.values()]
    print(f"penalties chosen: {sorted(set(alphas))} (median {np.median(alphas)}), {len(alphas)} fits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
