"""Session 41's reading: does a classifier learnt on what the talk means rank an editor's themes better than
the shipped signal of meaning? A reading, not a candidate: nothing in gesprekken/ changes.

    python -W ignore benchmarks/tried/s41_meaning_classifier.py     # about 10 minutes (vectors cached in /tmp)

The themes model reads meaning as the cosine of the conversation's vector (the mean of its turns' vectors,
:func:`gesprekken.meaning.conversation_vector`) with each theme's *profile*, the direction from the
conversations whose editor did not list the theme to those whose editor did (a fixed linear classifier).
s41_theme_misses found half of the editors' themes the model misses on speech implied (no word of the
thesaurus says them), at a median probability of 0.11: what the model reads of meaning does not bring them in.

Here, on every seen set (``bench_speech.SETS`` less ``HELD_OUT``), one writer left out at a time (the project's
five sets are one writer), per theme with at least MIN_LISTED conversations listing it: the ROC AUC, on the
left-out writer's Whisper transcripts, of (1) the profile's cosine, learnt as the shipped one is (both sources
of the other writers), (2) a logistic regression on the same vectors (balanced classes, C fixed before the
run), (3) the share of the K nearest training conversations that list it (as ``meaning.neighbours``).
"""

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_speech import seen_dialogues  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402

from gesprekken import meaning  # noqa: E402

CACHE = Path("/tmp/s41_meaning_vectors.npz")
MIN_LISTED = 15
C, K = 1.0, 20
PROJECT = {"dev", "heldout", "heldout2", "dev2", "heldout3"}
WATCHED = ("samenwerking", "regeldruk", "bewonersinitiatief", "woningtekort", "maatwerk", "inclusie")


def vectors() -> tuple[np.ndarray, list[str], list[str], list[frozenset[str]]]:
    """Per (conversation, source): its vector, writer, source and the editor's themes."""
    if CACHE.exists():
        data = np.load(CACHE, allow_pickle=True)
        return data["x"], list(data["writer"]), list(data["source"]), [frozenset(g) for g in data["gold"]]
    x, writer, source, gold = [], [], [], []
    for name, path in seen_dialogues():
        for kind in ("speech", "text"):
            conversation, listed = spoken_conversation(path, kind)
            x.append(meaning.conversation_vector([t.text for t in conversation.turns]))
            writer.append("project" if name in PROJECT else name)
            source.append(kind)
            gold.append(tuple(listed["themes"]))
    gold_array = np.empty(len(gold), dtype=object)
    gold_array[:] = gold
    np.savez(CACHE, x=np.array(x), writer=np.array(writer), source=np.array(source), gold=gold_array)
    return np.array(x), writer, source, [frozenset(g) for g in gold]


def listed_themes(gold: list[frozenset[str]], source: list[str]) -> tuple[list[str], np.ndarray]:
    """The themes listed for at least MIN_LISTED conversations on speech, and each row's labels for them."""
    counts = defaultdict(int)
    for g, s in zip(gold, source, strict=True):
        if s == "speech":
            for theme in g:
                counts[theme] += 1
    themes = sorted(t for t, n in counts.items() if n >= MIN_LISTED)
    return themes, np.array([[t in g for t in themes] for g in gold], dtype=float)


def left_out_scores(x: np.ndarray, labels: np.ndarray, w: np.ndarray, s: np.ndarray) -> dict[str, np.ndarray]:
    """Each left-out writer's speech rows scored per theme by the three readings of the vectors ``x``, learnt
    on the other writers (both sources)."""
    from sklearn.linear_model import LogisticRegression

    scores = {kind: np.zeros_like(labels) for kind in ("profile", "logistic", "neighbours")}
    for left in sorted(set(w)):
        train, test = w != left, (w == left) & (s == "speech")
        if not test.any():
            continue
        bank, listed = x[train], labels[train]
        near = np.argsort(-(x[test] @ bank.T), axis=1)[:, :K]
        scores["neighbours"][test] = listed[near].mean(axis=1) - listed.mean(axis=0)
        for j in range(labels.shape[1]):
            y = listed[:, j]
            if y.sum() < 2:
                continue
            direction = bank[y == 1].mean(axis=0) - bank[y == 0].mean(axis=0)
            direction /= np.linalg.norm(direction) or 1.0
            scores["profile"][test, j] = x[test] @ direction
            model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(bank, y)
            scores["logistic"][test, j] = model.predict_proba(x[test])[:, 1]
    return scores


def main() -> int:
    from sklearn.metrics import roc_auc_score

    x, writer, source, gold = vectors()
    writers = sorted(set(writer))
    themes, labels = listed_themes(gold, source)
    print(f"{len(x)} rows, {len(writers)} writers, {len(themes)} themes listed for at least {MIN_LISTED}")
    w, s = np.array(writer), np.array(source)
    scores = left_out_scores(x, labels, w, s)
    speech = s == "speech"
    print(f"\n{'theme':22} {'listed':>6} {'profile':>8} {'logistic':>8} {'neighbours':>10}")
    means = defaultdict(list)
    for j, theme in enumerate(themes):
        y = labels[speech, j]
        row = []
        for kind in ("profile", "logistic", "neighbours"):
            auc = roc_auc_score(y, scores[kind][speech, j])
            means[kind].append(auc)
            row.append(auc)
        mark = " *" if theme in WATCHED else ""
        print(f"{theme:22} {int(y.sum()):>6} {row[0]:>8.3f} {row[1]:>8.3f} {row[2]:>10.3f}{mark}")
    print("\nmacro AUC: " + ", ".join(f"{k} {np.mean(v):.3f}" for k, v in means.items()))
    watched = [j for j, t in enumerate(themes) if t in WATCHED]
    print(
        "macro AUC, the six missed most (*): "
        + ", ".join(f"{k} {np.mean([v[j] for j in watched]):.3f}" for k, v in means.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
