"""The learnt models' files (gesprekken.learned) and the training's folds (benchmarks/learning.py)."""

import json
from pathlib import Path

import pytest

from gesprekken import learned
from gesprekken.errors import GesprekkenError

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


@pytest.mark.parametrize("name", ["themes", "action_points", "headline"])
def test_a_missing_model_says_which_script_trains_it_again(tmp_path, name):
    with pytest.raises(GesprekkenError, match="reinstall gesprekken or run benchmarks/learn_") as caught:
        learned.read_model(tmp_path / f"{name}.json")
    script = str(caught.value).rsplit("run ", 1)[1].split()[0]
    assert (BENCHMARKS.parent / script).is_file(), f"{script} does not exist"


@pytest.mark.parametrize(
    "broken",
    [
        {"features": ["a", "b"], "weights": [1.0]},  # a weight lost: would fail in the middle of an analysis
        {"features": "ab", "weights": [1.0, 2.0]},  # a feature's name split into letters
        {"features": ["a"], "weights": ["nan"]},
        "not a model",
    ],
)
def test_a_broken_model_is_refused_when_it_is_read_not_when_a_conversation_is_scored(tmp_path, broken):
    path = tmp_path / "themes.json"
    if isinstance(broken, dict):
        broken = {"name": "themes", "intercept": 0.0, **broken}
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(GesprekkenError, match="themes.json is not a model gesprekken can read"):
        learned.read_model(path)


def test_every_shipped_model_is_read():
    for name in ("themes", "action_points", "headline"):
        model = learned.read_model(learned.LEARNED / f"{name}.json")
        assert len(model.features) == len(model.weights) and 0 < model.threshold < 1
