"""What the tests that work on the ingested sample take for granted of what Whisper heard in it.

The tests of the site, the desk, consent and the cache (conftest.SAMPLE_AS_DATA) take the sample, ingested
once with the real model, as their data: they find the words they look for at run time
(``spoken_only_by``) or look for conftest.SAMPLE_WORDS (where this CPU's Whisper misheard one or two
of them, they are put back as the script says: conftest.ingested_sample). Whisper's words differ between
CPUs, so CI runs these checks (marked ``whisper``) again as on a CPU without AVX-512; if one fails there, it
names the
assumption that CPU broke, where the tests that rest on it would fail one by one without saying why.
"""

import json
import sqlite3

from conftest import MAY_PUT_BACK, SAMPLE_WORDS, misheard, normalise, put_back, spoken_only_by
from rapidfuzz import fuzz

from gesprekken import transcript

MARLOES, JOOST = "Marloes van der Heijden", "Joost de Boer"
WORDS = SAMPLE_WORDS
#: Themes the tests filter on, and whose turns they are found in.
THEMES = {"wederkerigheid": MARLOES, "maatwerk": MARLOES, "wijkaanpak": JOOST}


def sample(ingested_sample):
    (path,) = (ingested_sample / "transcripts").glob("*.md")
    return path, transcript.read(path)


def test_the_two_voices_are_named_from_their_introductions_and_take_turns(ingested_sample):
    _, conversation = sample(ingested_sample)
    assert conversation.id.startswith("1ef18611")  # from the recording's bytes, not from what was heard
    assert [(s.label, s.name) for s in conversation.speakers] == [("Spreker 1", MARLOES), ("Spreker 2", JOOST)]
    assert [t.speaker for t in conversation.turns] == [MARLOES, JOOST] * 3 + [MARLOES]


def test_whisper_heard_the_words_the_tests_use_all_but_one_or_two(sample_ingest):
    """The tests take the sample with a misheard one of them put back (conftest.ingested_sample), as an
    editor would: more than MAY_PUT_BACK, and it is no longer the recording they were written for."""
    (path,) = (sample_ingest[0] / "transcripts").glob("*.md")
    assert len(put_back(path, dry_run=True)) <= MAY_PUT_BACK


def test_the_words_the_tests_search_for_are_each_said_by_one_of_them(ingested_sample):
    _, conversation = sample(ingested_sample)
    for word, speaker in WORDS.items():
        saying = {t.speaker for t in conversation.turns if word in normalise(t.text).split()}
        assert saying == {speaker}, f"{word!r} said by {saying or 'nobody'}"


def test_each_says_sentences_and_words_the_other_does_not(ingested_sample):
    path, _ = sample(ingested_sample)
    for speaker in (MARLOES, JOOST):
        sentences, words = spoken_only_by(path, speaker)
        assert sentences and len(words) >= 3, speaker


def test_the_themes_headline_quotes_and_action_point_the_tests_use(ingested_sample):
    with sqlite3.connect(ingested_sample / "gesprekken.db") as db:
        tagged = db.execute("SELECT tt.theme_id, t.speaker FROM turn_themes tt JOIN turns t ON t.id = tt.turn_id")
        tagged = tagged.fetchall()
        (headline,) = db.execute("SELECT headline FROM conversations").fetchone()
        quotes = db.execute("SELECT text, speaker, themes FROM quotes").fetchall()
        points = db.execute("SELECT text, speaker, themes FROM action_points").fetchall()
        themes = {t for (t,) in db.execute("SELECT theme FROM conversation_themes")} | {t for t, _ in tagged}
        maatwerk = db.execute("SELECT start, themes FROM turns WHERE text LIKE '%maatwerk%'").fetchall()
    for theme, speaker in THEMES.items():
        assert [s for t, s in tagged if t == theme] == [speaker], theme  # one turn each: a count the tests check
    assert fuzz.partial_ratio("Voor mij gaat het om wederkerigheid", headline) >= 80, headline
    assert len(quotes) >= 3 and {s for _, s, _ in quotes} == {MARLOES, JOOST}  # a quote of each
    # One quote, one turn and one action point say "wijkaanpak", the quote and the point under its theme;
    # the maatwerk sentence is a quote of its own, not under wederkerigheid; its turn is under both, in
    # this order, in the sample's second half.
    assert [("wijkaanpak" in ts) for t, _, ts in quotes if "wijkaanpak" in t] == [True], quotes
    assert [(s, "wijkaanpak" in ts) for t, s, ts in points if "wijkaanpak" in t] == [(JOOST, True)], points
    assert any("maatwerk" in t and "wederkerigheid" not in ts for t, _, ts in quotes), quotes
    ((start, turn_themes),) = maatwerk
    assert start > 20 and json.loads(turn_themes)[:2] == ["wederkerigheid", "maatwerk"], (start, turn_themes)
    assert "armoede" not in themes  # the theme a test adds


def test_whisper_misheard_a_word_of_the_script_for_the_desk_to_correct(ingested_sample):
    """tests/test_desk_browser.py corrects a word Whisper got wrong, one for one, and finds it again."""
    misheard(sample(ingested_sample)[1])
