"""Training the analysis's learnt weights (:mod:`gesprekken.learned`), judged one writer left out at a time.

The spoken sets were written by eight writers: the project's own sets (dev, heldout, heldout2, dev2,
heldout3, written by the sessions that also wrote the rules) and one editor apart for each of
heldout4 to heldout10 (heldout9 and 10 since session 10). Rules learnt from one writer's phrasings
did not carry to the next (issue 15), so a model is judged by the predictions each writer's
conversations get from a model trained on the other writers only (:func:`left_out`), and the
figure that counts is the one on the editors apart. Sets in ``bench_speech.UNSCORED`` (held out) are never read here.

Training needs scikit-learn (installed with the test extras, through pyannote.metrics); the model it
writes is a JSON file of weights that gesprekken scores with a dot product.
"""

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from bench_speech import SETS, UNSCORED

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


def training_dialogues() -> list[tuple[str, Path]]:
    """(writer, dialogue file) of every spoken set that may be trained on, held-out sets left out."""
    return [
        (writer_of(name), path)
        for name, folder in SETS.items()
        if name not in UNSCORED
        for path in sorted(folder.glob("*.yaml"))
    ]


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    name: str,
    features: Sequence[str],
    c: float = 1.0,
    balanced: bool = False,
    threshold: float = 0.5,
    trained_on: str = "",
) -> Model:
    """A logistic regression of ``labels`` on ``rows``' ``features``, as a :class:`Model`.

    The features are standardised for the fit (so ``c``, the inverse of the L2 penalty, treats them
    alike) and the scaling is folded into the weights, so the model scores raw feature values.
    """
    from sklearn.linear_model import LogisticRegression

    x = np.array([[float(row.get(f, 0.0)) for f in features] for row in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fitted = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=5000)
    fitted.fit((x - mean) / scale, np.asarray(labels))
    weights = fitted.coef_[0] / scale
    intercept = float(fitted.intercept_[0] - (fitted.coef_[0] * mean / scale).sum())
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
