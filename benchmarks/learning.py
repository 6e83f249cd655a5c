"""Training the analysis's learnt weights (:mod:`gesprekken.learned`), judged one writer left out at a time.

The spoken sets were written by eight writers: the project's own sets (dev, heldout, heldout2, dev2,
heldout3, written by the sessions that also wrote the rules) and one editor apart for each of
heldout4 to heldout10 (heldout9 and 10 since session 10). Rules learnt from one writer's phrasings
did not carry to the next (issue 15), so a model is judged by the predictions each writer's
conversations get from a model trained on the other writers only (:func:`left_out`), and the
figure that counts is the one on the editors apart. Sets in ``bench_speech.UNSCORED`` are read only where a
script names their writers (LATER_WRITERS); sets in ``bench_speech.HELD_OUT`` (not scored yet) never.

Training needs scikit-learn (installed with the test extras, through pyannote.metrics); the model it
writes is a JSON file of weights that gesprekken scores with a dot product.
"""

import argparse
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
from bench_speech import HELD_OUT, SETS, UNSCORED

from gesprekken.analyse import SHAPE
from gesprekken.learned import Model

#: Who wrote which set: a fold of the cross-validation per writer. A held-out set (bench_speech.UNSCORED)
#: is in no fold: it gets its writer here when it leaves UNSCORED, not before (the scripts loop over these
#: writers and name their sets in what a model says it was trained on).
WRITERS = {
    "project": ("dev", "heldout", "heldout2", "dev2", "heldout3"),
    "heldout4": ("heldout4",),
    "heldout5": ("heldout5",),
    "heldout6": ("heldout6",),
    "heldout7": ("heldout7",),
    "heldout8": ("heldout8",),
    "heldout9": ("heldout9",),
    "heldout10": ("heldout10",),
}
#: The writers who read no rule: the folds whose left-out figures decide.
APART = ("heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10")
#: The editors apart of heldout11 to heldout68 (sessions 10 to 35), each scored once as held out and seen
#: since: the action point model, which weighs a sentence's shape, learns from every one of them (heldout11-26
#: since sessions 14 and 15, heldout27-68 since session 36; BENCHMARKS "Fourteenth round", "Fifteenth round",
#: "Thirty-third round"). The themes model and the headline's second model name their own later writers
#: (learn_themes.LATER, learn_headline.MEANING_WRITERS); the headline's first model learns from WRITERS alone.
LATER_WRITERS = {name: (name,) for name in (f"heldout{n}" for n in range(11, 69))}


#: What each conversation is scored and trained on: Whisper's transcript and the dialogue as written.
SOURCES = ("speech", "text")


def writer_of(set_name: str) -> str:
    """The writer (fold) of a spoken set; a set of no known writer (a held-out set made dev) is an
    error until it is given its own fold in WRITERS, never lumped with another writer's."""
    for writer, sets in WRITERS.items():
        if set_name in sets:
            return writer
    raise ValueError(
        f"the spoken set {set_name} has no writer in benchmarks/learning.py WRITERS: add it (its editor's own "
        "fold, and APART if the editor read no rule) before training on it, or keep it in bench_speech.UNSCORED"
    )


def arguments(
    description: str, argv: Sequence[str] | None = None, flags: Mapping[str, str] | None = None
) -> argparse.Namespace:
    """The options every training script takes: ``--check`` (print the table, write no model) and
    ``--out`` (where to write the model); and a script's own ``flags`` (option -> help), each on or off."""
    parser = argparse.ArgumentParser(description=description)
    for flag, text in (flags or {}).items():
        parser.add_argument(flag, action="store_true", help=text)
    parser.add_argument("--check", action="store_true", help="print the table only; write no model")
    parser.add_argument(
        "--out", "--output", type=Path, help="write the model here (default: gesprekken/data/learned/<model>.json)"
    )
    return parser.parse_args(argv)


def training_dialogues(writers: Mapping[str, Sequence[str]] | None = None) -> list[tuple[str, Path]]:
    """(writer, dialogue file) of every spoken set that may be trained on, held-out sets left out: the
    sets of WRITERS (by default) or of ``writers``, never a set not scored yet (``bench_speech.HELD_OUT``)."""
    if writers is None:
        return [
            (writer_of(name), path)
            for name, folder in SETS.items()
            if name not in UNSCORED
            for path in sorted(folder.glob("*.yaml"))
        ]
    unseen = {name for sets in writers.values() for name in sets} & HELD_OUT
    if unseen:
        raise ValueError(f"held out, not scored yet, never trained on: {', '.join(sorted(unseen))}")
    return [
        (writer, path)
        for writer, sets in writers.items()
        for name in sets
        for path in sorted(SETS[name].glob("*.yaml"))
    ]


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    name: str,
    features: Sequence[str] | Callable[[Sequence[Mapping[str, float]]], Sequence[str]],
    c: float = 1.0,
    balanced: bool = False,
    threshold: float = 0.5,
    trained_on: str = "",
) -> Model:
    """A logistic regression of ``labels`` on ``rows``' ``features``, as a :class:`Model`.

    The features are standardised for the fit (so ``c``, the inverse of the L2 penalty, treats them
    alike) and the scaling is folded into the weights, so the model scores raw feature values; the
    sentence-shape indicators (``shape:...``, 0 or 1) are not: a run of words said in a few sentences
    would otherwise weigh as much as one every sentence has. ``features`` may be a function of the
    training rows (the shapes said often enough in them).
    """
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    if callable(features):
        features = features(rows)

    dense = [f for f in features if not f.startswith(SHAPE)]
    shapes = {f: j for j, f in enumerate(f for f in features if f.startswith(SHAPE))}
    x = np.array([[float(row.get(f, 0.0)) for f in dense] for row in rows]).reshape(len(rows), len(dense))
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    design = (x - mean) / scale
    if shapes:  # (thousands of indicators, a few per row: a sparse matrix)
        cells = [(i, shapes[f]) for i, row in enumerate(rows) for f in row if f in shapes]
        said = sparse.csr_matrix(
            ([1.0] * len(cells), ([i for i, _ in cells], [j for _, j in cells])), shape=(len(rows), len(shapes))
        )
        design = sparse.hstack([sparse.csr_matrix(design), said]).tocsr()
    fitted = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=5000)
    fitted.fit(design, np.asarray(labels))
    coef = fitted.coef_[0]
    weighed = dict(zip(dense, coef[: len(dense)] / scale, strict=True)) | dict(
        zip(shapes, coef[len(dense) :], strict=True)
    )
    weights = [weighed[f] for f in features]
    intercept = float(fitted.intercept_[0] - (coef[: len(dense)] * mean / scale).sum())
    return Model(
        name=name,
        features=tuple(features),
        weights=tuple(round(float(w), 6) for w in weights),
        intercept=round(intercept, 6),
        threshold=threshold,
        trained_on=trained_on,
    )


def left_out(
    rows: Sequence[Mapping[str, float]], labels: Sequence[int], groups: Sequence[str], **fit_args
) -> list[float]:
    """Each row's probability from a model trained on the other groups' rows only."""
    probabilities = [0.0] * len(rows)
    for group in dict.fromkeys(groups):
        inside = [i for i, g in enumerate(groups) if g != group]
        model = fit([rows[i] for i in inside], [labels[i] for i in inside], name="left-out", **fit_args)
        for i, g in enumerate(groups):
            if g == group:
                probabilities[i] = model.probability(rows[i])
    return probabilities
