"""The learnt models' files (gesprekken.learned) and the training's folds (benchmarks/learning.py)."""

import json
from pathlib import Path

import learning
import pytest

from gesprekken import learned
from gesprekken.errors import GesprekkenError

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


@pytest.mark.parametrize("name", ["themes", "action_points", "headline", "headline_meaning"])
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


def test_a_missing_model_says_it_is_missing_once(tmp_path):
    """No "[Errno 2] No such file or directory" repeating the path: what is wrong, and what to do."""
    path = tmp_path / "themes.json"
    with pytest.raises(GesprekkenError) as caught:
        learned.read_model(path)
    assert str(caught.value) == f"{path} is missing; reinstall gesprekken or run benchmarks/learn_themes.py again"


@pytest.mark.parametrize(
    "broken",
    [
        None,  # missing
        '{"lexicon": {"samenwerking": {"partner": "veel"}}}',  # a weight that is a word
        '{"lexicon": {"samenwerking": {"partner": NaN}}}',
        '{"lexicon": ["partner"]}',
        '{"lexicon": {"samenwerking": ["partner"]}}',
        '{"name": "themes"}',
        "not json",
    ],
)
def test_a_missing_or_broken_word_list_says_which_file_and_what_to_do(tmp_path, monkeypatch, broken):
    """The themes' word list (themes-lexicon.json) is read as the first conversation is analysed: a file
    missing or broken is one sentence naming it and the script that writes it, not a traceback."""
    monkeypatch.setattr(learned, "LEARNED", tmp_path)
    learned.lexicon.cache_clear()  # read once per process: this test's file, not the shipped one
    if broken is not None:
        (tmp_path / "themes-lexicon.json").write_text(broken, encoding="utf-8")
    with pytest.raises(GesprekkenError) as caught:
        learned.lexicon("themes")
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "themes-lexicon.json"))
    assert message.endswith("reinstall gesprekken or run benchmarks/learn_themes.py again")
    assert ("is missing" in message) == (broken is None) and "Traceback" not in message


def test_the_shipped_word_list_is_read():
    words = learned.lexicon("themes")
    assert words["samenwerking"] and all(isinstance(w, float) for lemmas in words.values() for w in lemmas.values())


def test_every_shipped_model_is_read():
    for name in ("themes", "action_points", "headline", "headline_meaning"):
        model = learned.read_model(learned.LEARNED / f"{name}.json")
        assert len(model.features) == len(model.weights) and 0 < model.threshold < 1


def test_a_set_of_no_known_writer_is_an_error_that_says_where_to_add_it():
    """A held-out set merged onto main and later made dev must be given its writer (its own fold)
    before it is trained on; until then no training script may lump it with another writer."""
    assert learning.writer_of("heldout8") == "heldout8" and learning.writer_of("dev2") == "project"
    assert learning.writer_of("heldout10") == "heldout10"
    with pytest.raises(ValueError, match="WRITERS"):
        learning.writer_of("heldout11")


def test_a_held_out_set_is_never_read_for_training(tmp_path, monkeypatch):
    """A new held-out set reaches main in bench_speech.SETS and UNSCORED, in no writer's fold."""
    for name in ("heldout98", "heldout99"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "01-x.yaml").write_text("title: held out\n", encoding="utf-8")
    sets = {**learning.SETS, "heldout98": tmp_path / "heldout98", "heldout99": tmp_path / "heldout99"}
    monkeypatch.setattr(learning, "SETS", sets)
    monkeypatch.setattr(learning, "UNSCORED", {*learning.UNSCORED, "heldout98", "heldout99"})
    read = [path for _, path in learning.training_dialogues()]
    assert read and not any(tmp_path in path.parents for path in read)


def test_no_held_out_set_is_given_a_writers_fold():
    """The training scripts loop over WRITERS' folds and list their sets as trained on: a set still
    held out (heldout11, heldout12 when merged) must be in no fold until it leaves UNSCORED."""
    folded = {name for sets in learning.WRITERS.values() for name in sets}
    assert not folded & learning.UNSCORED
    assert set(learning.APART) <= set(learning.WRITERS) and folded <= set(learning.SETS)


@pytest.mark.parametrize("script", ["learn_themes", "learn_action_points", "learn_headline"])
def test_the_training_scripts_take_the_same_options(script, tmp_path):
    module = __import__(script)
    options = module.arguments(["--check", "--out", str(tmp_path / "m.json")])
    assert options.check and options.out == tmp_path / "m.json"
    assert not module.arguments([]).check and module.arguments([]).out is None


def test_a_visitor_reads_the_scores_as_the_probabilities_they_are():
    """Quotes' and conversation themes' scores are a learnt model's probabilities now (an editor's own
    quote 99, a pinned headline 100): the public site's column labels say so."""
    from gesprekken.serve import _tables

    tables = _tables()
    themes, quotes = tables["conversation_themes"], tables["quotes"]
    assert "0 tot 1" in themes["columns"]["score"] and "kans" in themes["description"]
    assert "0 tot 1" in quotes["columns"]["score"] and "99" in quotes["columns"]["score"]


def test_a_set_not_scored_yet_is_never_trained_on_even_when_named(monkeypatch):
    """The action point model learns from the later writers (LATER_WRITERS, each scored once): none of
    them is a set still held out, and a script naming one (bench_speech.HELD_OUT) is refused (between
    rounds, when none is held out, as if the last set were)."""
    later = {name for sets in learning.LATER_WRITERS.values() for name in sets}
    assert later and not later & learning.HELD_OUT and not later & {n for s in learning.WRITERS.values() for n in s}
    read = {path.parent.name for _, path in learning.training_dialogues(learning.LATER_WRITERS)}
    assert read == {learning.SETS[name].name for name in later}
    if not learning.HELD_OUT:
        monkeypatch.setattr(learning, "HELD_OUT", {sorted(learning.SETS, key=lambda n: (len(n), n))[-1]})
    for name in learning.HELD_OUT:
        with pytest.raises(ValueError, match=name):
            learning.training_dialogues({**learning.LATER_WRITERS, name: (name,)})


@pytest.mark.parametrize("unweighed", [float("nan"), float("inf"), "heard twice", None])
def test_a_value_the_model_does_not_weigh_leaves_the_score_as_it_is_however_few_the_items_features(unweighed):
    """Model.logit scores an item of fewer features than the model over the item's own (the action
    points' thousands of sentence shapes): a value the model has no weight for is passed over there
    too, as over the model's own features, not multiplied by 0 (a NaN, a note, None)."""
    small = learned.Model(name="t", features=("a", "b", "c"), weights=(0.5, -1.0, 2.0), intercept=0.25)
    assert small.logit({"a": 2.0, "eligible": unweighed}) == 1.25
    assert small.logit({"a": 2.0, "b": 1.0, "c": 0.0, "eligible": unweighed}) == 0.25
    assert small.probability({"a": 2.0, "eligible": unweighed}) == pytest.approx(0.7773, abs=1e-4)
