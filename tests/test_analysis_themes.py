"""A conversation's themes as the learnt model weighs them (issue 15, ninth round): what an editor
would recognise, and that the shipped model is what ``benchmarks/learn_themes.py`` trains."""

import base64
import json
from pathlib import Path

import pytest
from conftest import left_out_theme_rows

from gesprekken.analyse import LEXICAL_WORDS, ThemeMatch, rank_themes, read_thesaurus, strongest_lexical
from gesprekken.learned import LEARNED, lexicon, lexicon_path, model

SPEAKERS = ["Ingrid Vos", "Peter Lammers"] * 18


def talk(*asides) -> list[list[ThemeMatch]]:
    """Thirty-six turns about debt help and rent arrears, both carried through by both speakers,
    early signalling said four times; each aside is (theme, turns that say it)."""
    turns: list[list[ThemeMatch]] = [[] for _ in range(36)]
    for turn in range(0, 36, 4):
        turns[turn].append(ThemeMatch(0, 1, "schuldhulp", "schuldhulp", 1.0))
        turns[turn + 1].append(ThemeMatch(0, 1, "huurachterstand", "huurachterstand", 1.0))
    for turn in range(2, 30, 7):
        turns[turn].append(ThemeMatch(0, 1, "vroegsignalering", "vroegsignalering", 1.0))
    for theme, said in asides:
        for turn in said:
            turns[turn].append(ThemeMatch(0, 1, theme, theme, 1.0))
    return turns


def themes(turns) -> list[str]:
    return [t.theme for t in rank_themes(turns, SPEAKERS, read_thesaurus())]


def test_an_aside_in_a_long_talk_ranks_below_what_the_talk_is_about():
    """Middle rents, status holders and informal care each come up in one exchange (a turn and its
    reply) of a talk about debts: an editor lists first what the talk is about. The rules took all
    three at the rank of the talk's own themes (both speakers said them); the model weighs how far
    through the talk a theme goes. Said once by one speaker, an aside is no theme at all.

    (The models of sessions 9-12 left all three exchanges out, at threshold 0.45. Retrained in session
    13 with the matching that survives more of Whisper's errors, the same script chose threshold 0.25:
    two of them come in last, at 0.26. That model agreed better with the editors of heldout21-22 and the
    writers left out; BENCHMARKS.md, "Held out 21 and 22".)"""
    ranked = rank_themes(
        talk(("middenhuur", (10, 11)), ("statushouders", (6, 7)), ("mantelzorg", (14, 15))), SPEAKERS, read_thesaurus()
    )
    found = [t.theme for t in ranked]
    assert found[:2] in (["schuldhulp", "huurachterstand"], ["huurachterstand", "schuldhulp"])
    assert found[2] == "vroegsignalering"
    asides = [t for t in ranked if t.theme in {"middenhuur", "statushouders", "mantelzorg"}]
    assert all(t.rank > 3 and t.score < 0.5 for t in asides)
    once = themes(talk(("middenhuur", (10,)), ("statushouders", (6,)), ("mantelzorg", (14,))))
    assert once == found[:3]


def test_a_theme_the_talk_comes_back_to_is_one_of_its_themes():
    """Loneliness comes up in seven turns of the last third, by both: a theme, ranked below the two
    the whole talk is about. (Five turns were enough for the model trained on six writers; the one
    trained on eight lists fewer themes, threshold 0.45 against 0.30, and wants six.)"""
    found = themes(talk(("eenzaamheid", (27, 28, 29, 30, 31, 32, 33))))
    assert "eenzaamheid" in found
    assert found.index("eenzaamheid") > max(found.index("schuldhulp"), found.index("huurachterstand"))


def test_a_conversation_theme_scores_the_probability_an_editor_lists_it():
    """The score stored with a theme (and shown on the desk) is the model's probability, 0 to 1, the
    best first, each kept theme at the model's threshold or among the three most probable."""
    ranked = rank_themes(talk(("eenzaamheid", (27, 29, 31))), SPEAKERS, read_thesaurus())
    scores = [t.score for t in ranked]
    assert all(0 < s <= 1 for s in scores) and scores == sorted(scores, reverse=True)
    assert [t.rank for t in ranked] == list(range(1, len(ranked) + 1))
    assert all(s >= model("themes").threshold for s in scores[3:])


def test_the_shipped_model_says_what_it_was_trained_on():
    from learning import WRITERS

    shipped = model("themes")
    assert {"share", "turns", "related"} <= set(shipped.features)
    assert all(name in shipped.trained_on for sets in WRITERS.values() for name in sets)
    assert "c=" in shipped.trained_on and "leave-one-writer-out" in shipped.trained_on


@pytest.mark.slow
@pytest.mark.retrain
def test_the_shipped_model_is_what_the_training_script_gives(tmp_path: Path):
    """Retrained from the spoken sets' gold (about a minute), the same weights, threshold and
    description, to the digit: what `learn_themes.py` writes, without its left-out table."""
    import learn_themes

    learn_themes.write_shipped(learn_themes.candidates(), out=tmp_path / "themes.json")
    retrained = json.loads((tmp_path / "themes.json").read_text(encoding="utf-8"))
    shipped_model = json.loads((LEARNED / "themes.json").read_text(encoding="utf-8"))
    # Its features weigh what the talk means (the encoder's floats, below): a weight's sixth decimal may
    # differ from one CPU to another (1.503503 here, 1.503504 shipped; session 39), all else to the digit.
    assert {k: v for k, v in retrained.items() if k != "weights"} == {
        k: v for k, v in shipped_model.items() if k != "weights"
    }
    assert retrained["weights"] == pytest.approx(shipped_model["weights"], abs=1e-5)
    words = json.loads((tmp_path / "themes-lexicon.json").read_text(encoding="utf-8"))
    assert words == json.loads(lexicon_path("themes").read_text(encoding="utf-8"))
    # The sentence encoder's floats differ in their last bits from one CPU's BLAS path to another's (the
    # profiles are kept to five decimals, the bank's vectors as float32): alike to that, the same otherwise.
    profiles = json.loads((tmp_path / "themes-meaning.json").read_text(encoding="utf-8"))
    shipped = json.loads((LEARNED / "themes-meaning.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in profiles.items() if k not in ("profiles", "bank")} == {
        k: v for k, v in shipped.items() if k not in ("profiles", "bank")
    }
    assert profiles["profiles"].keys() == shipped["profiles"].keys()
    for theme, vector in shipped["profiles"].items():
        assert profiles["profiles"][theme] == pytest.approx(vector, abs=2e-5), theme
    assert profiles["bank"]["themes"] == shipped["bank"]["themes"]
    retrained, ours = bank_vectors(profiles), bank_vectors(shipped)
    assert retrained.shape == ours.shape and abs(retrained - ours).max() <= 1e-5


def bank_vectors(saved: dict):
    """The bank's vectors of a saved ``themes-meaning.json``, as a numpy array."""
    import numpy as np

    return np.frombuffer(base64.b64decode(saved["bank"]["vectors"]), dtype="<f4")


def test_a_theme_no_turn_speaks_of_is_never_one_even_to_make_three():
    """Debt help said in three turns of six, nothing else: its related themes (arrears, poverty) are
    not said, and a word that tags a turn only in passing ("deurwaarder") makes no theme either, so
    the conversation has one theme, not three filled up with what nobody said (the public copy shows
    them)."""
    turns: list[list[ThemeMatch]] = [[] for _ in range(6)]
    for turn in (0, 1, 3):
        turns[turn].append(ThemeMatch(0, 1, "schuldhulp", "schuldhulp", 1.0))
    turns[4].append(ThemeMatch(0, 1, "vroegsignalering", "huisbezoek", 1.0))
    assert "huisbezoek" in read_thesaurus()["vroegsignalering"].in_passing
    assert [t.theme for t in rank_themes(turns, SPEAKERS[:6], read_thesaurus())] == ["schuldhulp"]


def _word_talks() -> list[dict]:
    """Three writers' conversations (as ``learn_themes.candidates()`` gives them): every
    conversation about working together says "partner" and "afspraak", its editor lists
    ``samenwerking``; the others speak of rent."""
    from learn_themes import WORD_SETS

    names = {name for features in WORD_SETS.values() for name in features}
    talks = []
    for writer in ("a", "b", "c"):
        for n in range(4):
            together = n % 2 == 0
            lemmas = {"partner", "afspraak", "gemeente"} if together else {"huur", "woning", "gemeente"}
            features = {
                theme: dict.fromkeys(names, 0.0) | {"support": 0.5 + 0.1 * n, "eligible": 1.0, "turns": float(n)}
                for theme in ("samenwerking", "huurachterstand", "wonen")
            }
            talks.append(
                {
                    "writer": writer,
                    "id": f"{writer}/{n}",
                    "source": "speech",
                    "gold": {"samenwerking", "wonen"} if together else {"huurachterstand", "wonen"},
                    "rules": [],
                    "features": features,
                    "lemmas": frozenset(lemmas),
                }
            )
    return talks


def _lexical_rows(talks, held_gold=None, trained_gold=None):
    """The rows' ``lexical`` (:func:`conftest.left_out_theme_rows`) that the judge gives writer c left out,
    and that training gives writer a, with c's or a's first conversation's gold replaced."""
    import learn_themes

    features = learn_themes.WORD_SETS["without the prior, words"]
    return left_out_theme_rows(talks, features, lambda row: row["lexical"], held_gold, trained_gold)


def test_a_left_out_conversations_words_are_learnt_without_its_own_gold():
    """The lexical signal of a conversation left out (writer c) comes from the training writers'
    gold only: its editor listing other themes changes neither its lexical features nor its
    themes' probabilities; a training writer's rows (a) get a profile learnt without a's gold
    (cross-fitted), so a's own labels do not shape its feature either."""
    talks = _word_talks()
    seen, predicted = _lexical_rows(talks)
    assert seen["c/0"]["samenwerking"] > 0  # the signal is there to leak
    assert seen["a/0"]["samenwerking"] > 0
    again, again_predicted = _lexical_rows(_word_talks(), held_gold={"huurachterstand"})
    assert again["c/0"] == seen["c/0"]
    assert again_predicted == predicted
    crossed, _ = _lexical_rows(_word_talks(), trained_gold={"huurachterstand"})
    assert crossed["a/0"] == seen["a/0"]


def _inferred(words: list[str]) -> list[str]:
    """Debt help and arrears said throughout (talk()), and ``words`` said in the talk's other turns."""
    lemmas = frozenset({"schuld", "huur", "gesprek", "woning", *words})
    return [t.theme for t in rank_themes(talk(), SPEAKERS, read_thesaurus(), lemmas=lemmas)]


def test_a_theme_no_word_of_the_thesaurus_names_is_inferred_from_many_words_of_the_talk():
    """Editors list ``samenwerking`` for a third of the conversations, mostly without the word said:
    the words that go with their listing it (learnt, ``themes-lexicon.json``), many of them said, make
    it a theme; without them it is not one of this talk of debt help and arrears, and the more of them,
    the more probable (since session 32 the model weighs every theme, said or not)."""
    assert "lexical" in model("themes").features
    listed = lexicon("themes")["samenwerking"]
    field = {term for theme in read_thesaurus().values() for term in theme.terms}
    words = [w for w, _ in sorted(listed.items(), key=lambda pair: -pair[1]) if w not in field]
    assert "samenwerking" not in _inferred([])
    assert "samenwerking" in _inferred(words[:12])

    def probability(said: list[str]) -> float:
        lemmas = frozenset({"schuld", "huur", "gesprek", "woning", *said})
        ranked = rank_themes(talk(), SPEAKERS, read_thesaurus(), lemmas=lemmas)
        return next((t.score for t in ranked if t.theme == "samenwerking"), 0.0)

    assert probability(words[: LEXICAL_WORDS - 1]) < probability(words[:12])


def test_the_strongest_lexical_signal_needs_several_words_of_its_list():
    lists = {"samenwerking": {"partner": 1.0, "afspraak": 1.0, "overleg": 1.0}, "vertrouwen": {"wantrouwen": 5.0}}
    signal = {"samenwerking": 0.6, "vertrouwen": 0.9}
    assert strongest_lexical(signal, frozenset({"partner", "afspraak", "overleg", "wantrouwen"}), lists) == {
        "samenwerking"
    }
    assert strongest_lexical(signal, frozenset({"partner", "afspraak", "wantrouwen"}), lists) == set()
    assert strongest_lexical({"samenwerking": 0.0}, frozenset(lists["samenwerking"]), lists) == set()


def test_a_thesaurus_without_a_theme_infers_the_next_of_its_own():
    """A thesaurus of one's own without ``samenwerking``: the shipped words for it make no theme of it, and
    the next two the talk's words go with are inferred."""
    listed = lexicon("themes")

    def said(theme: str, n: int) -> list[str]:
        return sorted(listed[theme], key=lambda w: -listed[theme][w])[:n]

    lemmas = frozenset({"schuld", "huur", *said("samenwerking", 12), *said("vertrouwen", 8), *said("regeldruk", 5)})
    field = read_thesaurus()
    own = {t: theme for t, theme in field.items() if t != "samenwerking"}
    with_it = [t.theme for t in rank_themes(talk(), SPEAKERS, field, lemmas=lemmas)]
    without = [t.theme for t in rank_themes(talk(), SPEAKERS, own, lemmas=lemmas)]
    assert {"samenwerking", "vertrouwen"} <= set(with_it)
    assert {"vertrouwen", "regeldruk"} <= set(without) and "samenwerking" not in without
