"""What the analysis learnt from editors' gold: small logistic models over its own features.

The rules of :mod:`gesprekken.analyse` say what a theme's support, an action point or a good quote
looks like; how much each of those signs weighs against the others is learnt from the spoken
sets' gold (``benchmarks/learn_<model>.py``, scikit-learn's logistic regression, judged with one
writer's conversations left out at a time). Each model is a JSON file in
``gesprekken/data/learned/``: the features' names, their weights (on the features as
:mod:`gesprekken.analyse` computes them: the training's scaling is folded in), the intercept, the
probability an item must reach, and what it was trained on. Scoring is a dot product, so no
library is needed at run time.
"""

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from pathlib import Path

from .errors import GesprekkenError

LEARNED = Path(__file__).parent / "data" / "learned"


@dataclass(frozen=True)
class Model:
    """A logistic model: ``probability(values)`` of an item with these feature values."""

    name: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    #: The probability an item must reach to be taken (chosen on the cross-validated predictions).
    threshold: float = 0.5
    #: What it was trained on and how it was judged, in a line.
    trained_on: str = ""

    def logit(self, values: Mapping[str, float]) -> float:
        """The model's log-odds for an item; a feature missing from ``values`` counts as 0, a value the
        model does not weigh (``eligible``, a note) is not read."""
        if len(values) < len(self.features):
            # a model of many features (the action points' sentence shapes) scores the few an item has
            weights = self._weights
            return self.intercept + sum(weights[f] * float(v) for f, v in values.items() if f in weights)
        return self.intercept + sum(
            w * float(values.get(f, 0.0)) for f, w in zip(self.features, self.weights, strict=True)
        )

    @cached_property
    def _weights(self) -> dict[str, float]:
        return dict(zip(self.features, self.weights, strict=True))

    def probability(self, values: Mapping[str, float]) -> float:
        """The model's probability (0 to 1) that an item with these feature values is one."""
        z = self.logit(values)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def save(self, path: Path | None = None) -> Path:
        """Write the model as JSON (to ``gesprekken/data/learned/<name>.json`` unless ``path``)."""
        path = path or LEARNED / f"{self.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path


def read_model(path: Path) -> Model:
    """The model stored at ``path``; a file that is missing, broken or whose weights do not match its
    features is an error that says how to get the model back."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stored = Model(
            name=str(data["name"]),
            features=tuple(str(f) for f in data["features"]),
            weights=tuple(float(w) for w in data["weights"]),
            intercept=float(data["intercept"]),
            threshold=float(data.get("threshold", 0.5)),
            trained_on=str(data.get("trained_on", "")),
        )
        if isinstance(data["features"], str) or len(stored.features) != len(stored.weights):
            raise ValueError(f"{len(stored.weights)} weights for {len(stored.features)} features")
        if not all(math.isfinite(x) for x in (*stored.weights, stored.intercept, stored.threshold)):
            raise ValueError("a weight that is not a number")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _unreadable(path, "a model", path.stem, error) from error
    return stored


#: The training script of a model not named after its own (``benchmarks/learn_<name>.py`` writes the others).
_TRAINED_BY = {"headline_meaning": "learn_headline.py --meaning"}


def _unreadable(path: Path, what: str, name: str, error: Exception) -> GesprekkenError:
    """The error for a learnt file that is missing or broken: which, why, and how to get it back
    (``benchmarks/learn_<name>.py`` writes it)."""
    why = "is missing" if isinstance(error, FileNotFoundError) else f"is not {what} gesprekken can read ({error})"
    script = _TRAINED_BY.get(name, f"learn_{name}.py")
    return GesprekkenError(f"{path} {why}; reinstall gesprekken or run benchmarks/{script} again")


@cache
def model(name: str) -> Model:
    """The shipped model ``name`` (``gesprekken/data/learned/<name>.json``), read once per process."""
    return read_model(LEARNED / f"{name}.json")


def lexicon_path(name: str) -> Path:
    """Where the words of the shipped model ``name`` are kept (``<name>-lexicon.json``)."""
    return LEARNED / f"{name}-lexicon.json"


@cache
def lexicon(name: str) -> dict[str, dict[str, float]]:
    """The words a shipped model weighs beside its features (``themes``: per theme, the lemmas that go
    with editors listing it and their weights, :func:`gesprekken.analyse.lexical_signal`), read once
    per process; a file that is broken is an error that says how to get it back."""
    path = lexicon_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        words = {str(t): {str(w): float(v) for w, v in lemmas.items()} for t, lemmas in data["lexicon"].items()}
        if not all(math.isfinite(v) for lemmas in words.values() for v in lemmas.values()):
            raise ValueError("a weight that is not a number")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _unreadable(path, "a word list", name, error) from error
    return words


def save_lexicon(
    name: str, words: Mapping[str, Mapping[str, float]], trained_on: str, path: Path | None = None
) -> Path:
    """Write a model's word list as JSON (to :func:`lexicon_path` unless ``path``)."""
    path = path or lexicon_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"name": name, "trained_on": trained_on, "lexicon": {t: dict(w) for t, w in sorted(words.items())}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
