"""The editors' desk: its library (gesprekken.desk) on the ingested sample, and its JSON API in process.

The browser end to end is in test_desk_browser.py.
"""

import asyncio
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import confirm_voices, run
from datasette.app import Datasette

from gesprekken import Workspace, transcript
from gesprekken.desk import (
    MAX_TEXT,
    Desk,
    DeskError,
    NeedsConfirmation,
    PublicNotUpdated,
    StaleTranscript,
    version_of,
)
from gesprekken.serve import metadata
from gesprekken.transcript import REMOVED_SPEAKER

SAMPLE_ID = "1ef18611f54b"
DESK = f"/-/gesprekken/redactie/{SAMPLE_ID}"
MARLOES = "Marloes van der Heijden"
# The payloads of the existing XSS tests (test_serve.py), for every field of the desk.
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> <b>kop</b> <i>x</i>"
PAYLOADS = ("<script>alert(", "<img src=x", "<b>kop</b>", "<i>x</i>")
WRITE = {"content-type": "application/json", "x-gesprekken": "1"}


def path_of(workspace: Path) -> Path:
    (path,) = (workspace / "transcripts").glob("*.md")
    return path


def desk_of(workspace: Path, actor: str = "editor") -> Desk:
    return Workspace(workspace / "transcripts", db=workspace / "gesprekken.db").desk(SAMPLE_ID, actor=actor)


def db_rows(workspace: Path, sql: str, params=()) -> list:
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        return conn.execute(sql, params).fetchall()


# --- the library --------------------------------------------------------------------------


def test_a_corrected_word_keeps_the_time_of_the_word_it_replaced_and_search_finds_it(workspace):
    desk = desk_of(workspace)
    before = transcript.read(desk.path)
    turn = len(before.turns) - 1  # "Afgesproken. Dan zorgen wij …" as Whisper heard it
    heard = before.turns[turn].words[0]
    tokens = before.turns[turn].text.split()
    comment = desk.path.read_text(encoding="utf-8").split("<!-- woorden:")[-1]

    saved = desk.edit_text(
        version_of(desk.path.read_text(encoding="utf-8")), turn, " ".join(["Tafelgesprek.", *tokens[1:]])
    )

    after = transcript.read(desk.path)
    assert after.turns[turn].text.split()[0] == "Tafelgesprek."
    assert (after.turns[turn].words[0].start, after.turns[turn].words[0].end) == (heard.start, heard.end)
    assert desk.path.read_text(encoding="utf-8").split("<!-- woorden:")[-1] == comment  # what Whisper heard stays
    assert [w.text for w in after.turns[turn - 1].words] == [w.text for w in before.turns[turn - 1].words]
    hits = db_rows(
        workspace,
        "SELECT t.start FROM turns_fts JOIN turns t ON t.rowid = turns_fts.rowid WHERE turns_fts MATCH 'tafelgesprek'",
    )
    assert hits == [(before.turns[turn].start,)]  # the row was rebuilt: search sees the correction
    assert saved["actor"] == "editor" and "→ “Tafelgesprek.”" in saved["summary"]
    assert desk.history()[0]["detail"] == {
        "turn": turn,
        "before": before.turns[turn].text,
        "after": after.turns[turn].text,
    }


def test_a_save_on_an_older_version_is_refused_and_writes_nothing(workspace):
    desk = desk_of(workspace)
    old = desk.path.read_text(encoding="utf-8")
    desk.edit_text(version_of(old), 0, "Goedemiddag, een eerste redacteur was hier.")
    current = desk.path.read_text(encoding="utf-8")
    with pytest.raises(StaleTranscript) as refused:
        desk.edit_text(version_of(old), 0, "Een tweede redacteur, op de oude versie.")
    assert desk.path.read_text(encoding="utf-8") == current
    assert refused.value.version == version_of(current) and refused.value.text == current
    # A hand edit in between is a change too.
    desk.path.write_text(current.replace("eerste redacteur", "hand"), encoding="utf-8")
    with pytest.raises(StaleTranscript):
        desk.set_intro(version_of(current), "Inleiding")


def test_a_correction_made_on_an_older_version_is_saved_where_its_turn_is_unchanged(workspace):
    """Two editors on two turns (a tester's find, session 47): the second always met the conflict panel, which showed
    an unchanged turn. A correction that says what its turn said (``was``) is saved on the newer version where that
    turn still says it, whatever else changed; where the turn itself changed, it is refused as before."""
    desk = desk_of(workspace)
    old = desk.path.read_text(encoding="utf-8")
    turns = transcript.read(desk.path).turns
    desk.edit_text(version_of(old), 0, "Goedemiddag, een eerste redacteur was hier.", turns[0].start, turns[0].text)
    saved = desk.edit_text(
        version_of(old), 2, "Een tweede redacteur, in een andere beurt.", turns[2].start, turns[2].text
    )
    assert saved and saved["summary"].startswith(f"De beurt om {transcript.format_time(turns[2].start, 1)} (")
    now = transcript.read(desk.path).turns
    assert now[0].text == "Goedemiddag, een eerste redacteur was hier."
    assert now[2].text == "Een tweede redacteur, in een andere beurt."
    # the same turn, changed by the first: a conflict, nothing written
    current = desk.path.read_text(encoding="utf-8")
    with pytest.raises(StaleTranscript):
        desk.edit_text(version_of(old), 0, "Een tweede redacteur, op de oude versie.", turns[0].start, turns[0].text)
    # without what it said, or with another text than the turn's, a save on an older version is refused as ever
    with pytest.raises(StaleTranscript):
        desk.edit_text(version_of(old), 4, "Zonder wat er stond.", turns[4].start)
    with pytest.raises(StaleTranscript):
        desk.edit_text(version_of(old), 4, "Met een andere tekst.", turns[4].start, "iets anders")
    assert desk.path.read_text(encoding="utf-8") == current


def test_a_headline_intro_choice_or_participant_made_on_an_older_version_is_saved_where_it_is_unchanged(workspace):
    """Session 47 left: a headline, an intro, a theme or a participant saved from a page another editor's correction
    had made stale met the conflict panel over nothing of theirs (only corrections were saved on a newer version).
    Each says what it was made on (``was``); where that is still so it is saved, where another editor changed the
    same thing it is a conflict as before, and one that the newer version refuses is a conflict, not a refusal."""
    desk = desk_of(workspace)
    old = desk.path.read_text(encoding="utf-8")
    stale = version_of(old)
    conversation = transcript.read(desk.path)
    turns = conversation.turns
    seen = desk._article_as_seen(conversation)
    quote = next(q for q in desk.state()["quotes"] if not q["headline"])["text"]
    first, second = conversation.participants[:2]
    theme = desk.state()["themes"][0]["id"]
    fields = {"name": first.name, "role": first.role, "organisation": first.organisation}
    desk.edit_text(stale, 0, "Goedemiddag, een eerste redacteur was hier.", turns[0].start, turns[0].text)
    assert desk.set_intro(stale, "Een inleiding van de tweede.", was="")
    assert desk.edit_participant(stale, first.name, role="Een nieuwe functie", was=fields)
    assert desk.set_headline(stale, quote, was=seen)["summary"].startswith("Kop:")
    now = transcript.read(desk.path)
    assert now.turns[0].text == "Goedemiddag, een eerste redacteur was hier."
    assert now.analysis["headline"] == quote and now.analysis["intro"] == "Een inleiding van de tweede."
    assert now.participants[0].role == "Een nieuwe functie"
    # a theme rejected on a page that showed the article as it is now, the version older
    seen = desk._article_as_seen(now)
    desk.edit_text(desk.state()["version"], 3, turns[3].text + " Erbij.", turns[3].start, turns[3].text)
    assert desk.choose(stale, "theme", theme, "reject", was=seen)
    assert transcript.read(desk.path).analysis["remove_themes"] == [theme]
    current = desk.path.read_text(encoding="utf-8")
    # the same thing changed meanwhile, or no word of what it was made on: a conflict, nothing written; the
    # article's choices are one thing (a reviewer's read: a quote one editor pinned as the headline, the other
    # rejected), and a participant's fields are theirs (another's, sent as 'was', let a role saved meanwhile go)
    other_fields = {"name": second.name, "role": second.role, "organisation": second.organisation}
    for save in (
        lambda: desk.set_headline(stale, "", was=seen),
        lambda: desk.choose(stale, "quote", quote, "reject", was=seen),
        lambda: desk.set_intro(stale, "Over die van een ander heen.", was=""),
        lambda: desk.set_intro(stale, "Zonder te zeggen waarop."),
        lambda: desk.edit_participant(stale, first.name, role="Weer een andere", was=fields),
        lambda: desk.edit_participant(stale, first.name, role="Weer een andere", was=other_fields),
        lambda: desk.choose(stale, "theme", theme, "accept", was={"headline": ["kapot"]}),
    ):
        with pytest.raises(StaleTranscript):
            save()
    assert desk.path.read_text(encoding="utf-8") == current
    # a sentence whose turn another editor corrected or split meanwhile: the conflict panel, with why, not a refusal
    seen = desk._article_as_seen(transcript.read(desk.path))
    text = turns[2].text
    sentence = text.split(". ")[0].rstrip(".")
    desk.edit_text(version_of(current), 2, "Heel iets anders gezegd.", turns[2].start, text)
    current = desk.path.read_text(encoding="utf-8")
    with pytest.raises(StaleTranscript, match="gewijzigd sinds je het opende.*staat niet in het transcript"):
        desk.choose(stale, "action_point", sentence, "accept", was=desk._article_as_seen(transcript.read(desk.path)))
    long = max(transcript.read(desk.path).turns, key=lambda t: len(t.text.split()))
    index = transcript.read(desk.path).turns.index(long)
    seen = desk._article_as_seen(transcript.read(desk.path))
    desk.split_turn(version_of(current), index, 4, start=long.start, force=True)
    current = desk.path.read_text(encoding="utf-8")
    with pytest.raises(StaleTranscript, match="en nu: Je selectie loopt over de beurt om"):
        desk.set_headline(stale, " ".join(long.text.split()[:8]), was=seen)
    assert desk.path.read_text(encoding="utf-8") == current
    # an action point rejected as it was, where another editor's correction lengthened it meanwhile: a conflict
    point = desk.state()["action_points"][0]["text"]
    at, said = next((k, t.text) for k, t in enumerate(transcript.read(desk.path).turns) if point in t.text)
    seen = desk._article_as_seen(transcript.read(desk.path))
    changed = said.replace(point, point.rstrip(".!?") + " in de hele wijk van Zwolle.")
    desk.edit_text(version_of(current), at, changed, transcript.read(desk.path).turns[at].start, said)
    current = desk.path.read_text(encoding="utf-8")
    with pytest.raises(StaleTranscript):
        desk.choose(stale, "action_point", point, "reject", was=seen)
    assert desk.path.read_text(encoding="utf-8") == current
    # on the version it was made on, a refusal stays a refusal
    with pytest.raises(DeskError) as refused:
        desk.choose(version_of(current), "action_point", sentence, "accept")
    assert not isinstance(refused.value, StaleTranscript)


def test_replace_a_misheard_word_in_every_turn_at_once_keeps_times_choices_and_what_consent_removed(workspace):
    """An editor whose conversation has a name Whisper misheard the same way in many turns fixed each turn by
    hand. "Zoeken en overal vervangen" does it in one save: whole words, any case (written as typed, with a capital
    where it opens a sentence), the words' times kept, the editor's chosen sentences following, one undo;
    "[naam verwijderd]" and a turn emptied on request stay as they are."""
    from gesprekken.consent import REMOVED_NAME

    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turns = transcript.read(desk.path).turns
    # Whisper's way with a term, in three turns, one with the chosen headline in it, one beside a removed name
    said = [
        (1, f"De wijkaanpak loopt. Wij hebben de wijk aanpak goed geregeld. {REMOVED_NAME} zei het ook."),
        (3, "Wijk aanpak is wat we doen, en de wijk aanpakken blijft."),
        (5, "Zonder de WIJK AANPAK lukt het niet."),
    ]
    for index, text in said:
        desk.edit_text(version(), index, text, turns[index].start)
    desk.set_headline(version(), "Wij hebben de wijk aanpak goed geregeld")
    before = transcript.read(desk.path)
    saved = desk.replace_words(version(), "wijk aanpak", "wijkaanpak")
    at = ", ".join(transcript.format_time(turns[n].start, 1) for n in (1, 3, 5))  # by time, as the page shows turns
    assert saved["summary"] == f"Vervangen: “wijk aanpak” door “wijkaanpak”, 3 keer in 3 beurten (om {at})"
    after = transcript.read(desk.path)
    assert after.turns[1].text == (
        f"De wijkaanpak loopt. Wij hebben de wijkaanpak goed geregeld. {REMOVED_NAME} zei het ook."
    )
    assert after.turns[3].text == "Wijkaanpak is wat we doen, en de wijk aanpakken blijft."  # a sentence's capital
    assert after.turns[5].text == "Zonder de wijkaanpak lukt het niet."
    assert after.analysis["headline"].rstrip(".") == "Wij hebben de wijkaanpak goed geregeld"
    for index, _ in said:  # the words keep their times
        was, now = before.turns[index], after.turns[index]
        assert (now.start, now.end) == (was.start, was.end)
    assert [t.text for k, t in enumerate(after.turns) if k not in (1, 3, 5)] == [
        t.text for k, t in enumerate(before.turns) if k not in (1, 3, 5)
    ]
    # search finds the corrected word
    assert db_rows(workspace, "SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'wijkaanpak'")[0][0] >= 3
    # the removed name is no word to replace; nothing found is said, and nothing written
    source = desk.path.read_bytes()
    with pytest.raises(DeskError, match="“naam” staat in geen beurt"):
        desk.replace_words(version(), "naam", "NAAM")
    with pytest.raises(DeskError):
        desk.replace_words(version(), "  ", "x")
    with pytest.raises(DeskError, match="“wijkaanpak” staat er al zo: vervangen door “wijkaanpak” verandert niets"):
        desk.replace_words(version(), "wijkaanpak", "wijkaanpak")
    assert desk.path.read_bytes() == source
    # one undo puts all three back
    desk.undo(version())
    assert [t.text for t in transcript.read(desk.path).turns] == [t.text for t in before.turns]
    # a word taken out leaves no double space, no mark twice, and a sentence it opened opens with a capital; the
    # rest of the turn as it was (a reviewer's read: "Ja., dat klopt,, echt.", "nee.", "Ja : de" made "Ja: de")
    desk.replace_words(version(), "wijk aanpak", "")
    assert transcript.read(desk.path).turns[5].text == "Zonder de lukt het niet."
    desk.edit_text(version(), 6, "Ja. Eh, dat klopt, eh, echt. Eh, nee. Ja : zo is het eh.", turns[6].start)
    desk.replace_words(version(), "eh", "")
    assert transcript.read(desk.path).turns[6].text == "Ja. Dat klopt, echt. Nee. Ja : zo is het."
    # the mark before words taken out at a sentence's end goes with them (a newcomer's run, session 51: ",.")
    desk.edit_text(version(), 6, "We gaan starten, zei hij. Echt, zei hij", turns[6].start)
    desk.replace_words(version(), "zei hij", "")
    assert transcript.read(desk.path).turns[6].text == "We gaan starten. Echt"
    desk.edit_text(version(), 6, "We gaan starten, eh eh. Echt, eh, eh.", turns[6].start)  # twice in a row
    desk.replace_words(version(), "eh", "")
    assert transcript.read(desk.path).turns[6].text == "We gaan starten. Echt."
    # a sentence that was only the word goes whole; after an opening quote a sentence opens (a second editor's run)
    desk.edit_text(version(), 6, "Eh. Dat klopt. Eh. Ja. “Eh, dat klopt,” zei hij.", turns[6].start)
    desk.replace_words(version(), "eh", "")
    assert transcript.read(desk.path).turns[6].text == "Dat klopt. Ja. “Dat klopt,” zei hij."
    desk.edit_text(version(), 6, "Dat klopt (eh) echt, zei – eh – hij.", turns[6].start)  # nor "()", "– –"
    desk.replace_words(version(), "eh", "")
    assert transcript.read(desk.path).turns[6].text == "Dat klopt echt, zei – hij."


def test_merging_two_voices_or_respelling_a_participant_by_a_voices_name_asks_first(workspace):
    """A tester's find (session 47): "Dezelfde stem als ... Samenvoegen" gave all of a voice's turns to the other at
    once, and a typo in a voice's name ("Joost de Boerr") renamed the participant everywhere, where a swap asked.
    Both ask now, saying what they do; with ``force`` they go ahead."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    desk.name_speaker(version(), "Joost de Boer", "Joost de Boer")  # confirmed, so only the merge's question is left
    source = desk.path.read_bytes()
    with pytest.raises(NeedsConfirmation, match=r"Samenvoegen geeft alle \d+ beurten van stem Joost de Boer aan Marl"):
        desk.name_speaker(version(), "Joost de Boer", "Marloes van der Heijden", merge=True)
    with pytest.raises(NeedsConfirmation, match="deelnemer Joost de Boer heet dan overal Joost de Boerr"):
        desk.name_speaker(version(), "Joost de Boer", "Joost de Boerr")
    assert desk.path.read_bytes() == source
    desk.name_speaker(version(), "Joost de Boer", "Joost de Boerr", force=True)
    assert "Joost de Boerr" in {p.name for p in transcript.read(desk.path).participants}
    desk.name_speaker(version(), "Joost de Boerr", "Marloes van der Heijden", merge=True, force=True)
    assert {t.speaker for t in transcript.read(desk.path).turns} == {"Marloes van der Heijden"}


def test_a_heading_misspelt_by_hand_is_merged_with_the_participants_voice_not_swapped(workspace):
    """A newcomer's run as an editor (session 50): Marloes's last heading misspelt by hand ("Marloes van der
    Heyden"), the page offered "Ruil met Marloes van der Heijden", and the swap, confirmed, renamed the participant
    to the misspelling everywhere. The state says whose name that voice's is a spelling of (the page's
    button merges them), a swap is refused with what to do, and the merge gives the turn back to her."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    source = desk.path.read_text(encoding="utf-8")
    heading = [line for line in source.splitlines() if line.startswith("## [")][-1]
    assert heading.endswith("] Marloes van der Heijden")
    desk.path.write_text(source.replace(heading, heading.replace("Heijden", "Heyden")), "utf-8")
    voices = {s["name"]: s["spelling_of"] for s in desk.state()["speakers"]}
    assert voices == {"Marloes van der Heijden": None, "Joost de Boer": None, "Marloes van der Heyden": MARLOES}
    with pytest.raises(DeskError, match="Stem Marloes van der Heyden heeft een andere spelling: ruilen geeft"):
        desk.name_speaker(version(), "Marloes van der Heyden", "Marloes van der Heijden", swap=True, force=True)
    desk.name_speaker(version(), "Marloes van der Heyden", "Marloes van der Heijden", merge=True, force=True)
    after = transcript.read(desk.path)
    assert [p.name for p in after.participants] == ["Marloes van der Heijden", "Joost de Boer"]
    assert after.turns[-1].speaker == "Marloes van der Heijden"
    # a heading typed in another case: the page merges it (spelling_of), so the server refuses the swap too (a
    # reviewer's read, session 50: the refusal restated the page's rule and let this one through)
    source = desk.path.read_text(encoding="utf-8")
    desk.path.write_text(source.replace(heading, heading.replace("Marloes van der Heijden", "marloes van der heijden")))
    assert {s["name"]: s["spelling_of"] for s in desk.state()["speakers"]}["marloes van der heijden"] == MARLOES
    with pytest.raises(DeskError, match="Stem marloes van der heijden heeft een andere spelling: ruilen geeft"):
        desk.name_speaker(version(), "marloes van der heijden", "Marloes van der Heijden", swap=True, force=True)


def test_a_file_saved_from_a_copy_older_than_a_desk_correction_is_loaded_with_a_note_saying_so(workspace):
    """A newcomer's run as an editor (session 50): a correction saved at the desk, then the transcript written back
    from an editor's buffer opened before it (with one change of its own), and 'gesprekken load' took it without a
    word: the correction was gone. Load says which turn, with the correction's words; once, as the rows follow."""
    desk = desk_of(workspace)
    path = desk.path
    old = path.read_text(encoding="utf-8")
    turns = transcript.read(path).turns
    desk.edit_text(desk.state()["version"], 1, turns[1].text + " Vanaf februari.")
    desk.edit_text(desk.state()["version"], 1, turns[1].text + " Vanaf januari.")  # corrected twice (a reviewer)
    assert "Vanaf januari." in path.read_text(encoding="utf-8")
    buffer = old.replace(turns[0].text.split()[-1], turns[0].text.split()[-1].upper(), 1)
    assert buffer != old
    path.write_text(buffer, "utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert (
        f"the turn at {transcript.format_time(turns[1].start, 1)} says again what it said before a correction " in said
    )
    assert "UTC, by editor: " in said and "Vanaf januari.'), as if the file was saved from a copy older" in said
    assert "says again" not in run("load", cwd=workspace).output  # said once: the rows follow the file
    assert "Vanaf januari." not in path.read_text(encoding="utf-8")  # the file is the source of truth


def test_a_correction_undone_by_an_older_copy_is_said_by_whichever_command_or_save_takes_the_file_in_first(workspace):
    """An attack (session 55): load said a desk correction that a file written back from an older copy undid, but
    only where load was the first to take that file in; 'publication', 'ingest' of a kept recording or a desk save
    before it rebuilt the rows from it, and the correction was gone without a word. Each says it now."""
    desk = desk_of(workspace)
    path = desk.path
    old = path.read_text(encoding="utf-8")
    turns = transcript.read(path).turns
    at = transcript.format_time(turns[1].start, 1)
    desk.edit_text(desk.state()["version"], 1, turns[1].text + " Vanaf januari.")
    path.write_text(old, "utf-8")
    result = run("publication", SAMPLE_ID[:8], "internal", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert f"Note: {path.name}: the turn at {at} says again what it said before a correction saved at the desk" in said
    assert "Vanaf januari.'), as if the file was saved from a copy older" in said
    assert "says again" not in run("load", cwd=workspace).output  # said once: the rows follow the file
    # and at the desk: a save made on the file as it is now takes it in, and its summary says so
    desk.edit_text(desk.state()["version"], 1, turns[1].text + " Vanaf maart.")
    path.write_text(old, "utf-8")
    entry = desk.set_intro(version_of(old), "Over wederkerigheid.")
    assert f"; let op: de beurt om {at} zegt weer wat ze zei vóór de correctie van editor" in entry["summary"]
    assert "Vanaf maart.”): het transcript is vanuit een oudere kopie opgeslagen" in entry["summary"]
    # a correction the desk itself undoes, or takes back to what it was, is no such thing
    text = transcript.read(path).turns[1].text
    for again in (text + " Vanaf april.", text, text + " Vanaf april."):
        entry = desk.edit_text(desk.state()["version"], 1, again)
        assert "let op" not in entry["summary"], entry["summary"]
    entry = desk.undo(desk.state()["version"])
    assert "let op" not in entry["summary"], entry["summary"]
    assert "says again" not in run("load", cwd=workspace).output


def test_the_state_says_who_says_the_headline_as_the_article_names_them(workspace):
    """A newcomer's run as an editor (session 51): the desk never said whose name the article prints under the
    headline, and a headline both speakers say gets none. The state lists the speakers that say it whole."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turns = transcript.read(desk.path).turns
    mine = next(n for n, t in enumerate(turns) if t.speaker == "Joost de Boer" and len(t.text.split()) > 6)
    theirs = next(n for n, t in enumerate(turns) if t.speaker == "Marloes van der Heijden")
    headline = "De wijk heeft ons allebei nodig."
    desk.edit_text(version(), mine, f"{turns[mine].text} {headline}", turns[mine].start)
    desk.set_headline(version(), headline)
    assert desk.state()["headline_speakers"] == ["Joost de Boer"]
    desk.edit_text(version(), theirs, f"{turns[theirs].text} {headline}", turns[theirs].start)
    assert (
        desk.state()["headline_speakers"] == ["Marloes van der Heijden", "Joost de Boer"][:: 1 if theirs < mine else -1]
    )


def test_a_find_and_replace_undone_by_a_file_from_an_older_copy_is_noted_at_load(workspace):
    """Session 50's leftover: load named a desk correction that a file written back from an older copy undid, but
    not a find and replace, which corrects several turns at once. Each turn it changed is followed as a correction."""
    desk = desk_of(workspace)
    path = desk.path
    old = path.read_text(encoding="utf-8")
    turns = transcript.read(path).turns
    word = next(w for w in re.findall(r"[a-z]{6,}", turns[1].text))
    saved = desk.replace_words(desk.state()["version"], word, word.upper())
    assert word.upper() in path.read_text(encoding="utf-8"), saved
    path.write_text(old, "utf-8")
    said = " ".join(run("load", cwd=workspace).output.split())
    assert "says again what it said before a correction saved at the desk" in said, said
    assert f"{word.upper()}" in said and f"the turn at {transcript.format_time(turns[1].start, 1)}" in said
    assert "says again" not in run("load", cwd=workspace).output  # once: the rows follow the file


def test_a_theme_shown_is_pinned_by_its_label_and_an_undo_says_the_themes_once(workspace):
    """A newcomer's run as an editor (session 50): a correction that moved the article's themes said "zet er een
    vast", but a theme shown could only be rejected (accepting one the analysis found did nothing); the history
    named a theme by its id ("huurachterstand"); an undo repeated the save's sentence on the themes before its own.
    """
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    state = desk.state()
    theme = state["themes"][0]
    saved = desk.choose(version(), "theme", theme["id"], "accept")
    assert saved["summary"] == f"Thema vastgezet: “{theme['label']}”"
    assert theme["id"] in transcript.read(desk.path).analysis["add_themes"]
    turns = transcript.read(desk.path).turns
    said = turns[0].text + " Het gaat om leefbaarheid, leefbaarheid en nog eens leefbaarheid in de wijk."
    saved = desk.edit_text(version(), 0, said)
    assert saved["summary"].count("Thema's van het artikel: ") == 1, saved["summary"]
    undone = desk.undo(version())
    assert undone["summary"].count("Thema's van het artikel: ") == 1, undone["summary"]
    assert theme["id"] in [t["id"] for t in desk.state()["themes"]]


def test_two_participants_whose_names_are_alike_keep_their_voices_swappable():
    """A reviewer's read (session 50): with "Mark Jansen" and "Marc Jansen" on the programme, each voice was taken
    for a misspelling of the other's name, and the page could only merge the two. A voice named for a participant
    is no one's misspelling; a heading misspelt by hand is that participant's."""
    from gesprekken.desk import _spelling_of
    from gesprekken.transcript import Conversation, Participant, Turn

    mark, marc = Participant("Mark Jansen", "directeur", "A", "published"), Participant("Marc Jansen", "wethouder", "B")
    turns = [Turn("Mark Jansen", 0, 1, "Ja."), Turn("Marc Jansen", 1, 2, "Nee."), Turn("Mark Janssen", 2, 3, "Toch.")]
    talk = Conversation("a1b2c3d4e5f6", "Gelijk", participants=[mark, marc], turns=turns)
    assert _spelling_of(talk, "Mark Jansen") is None and _spelling_of(talk, "Marc Jansen") is None
    assert _spelling_of(talk, "marc jansen") == "Marc Jansen"  # a heading typed in another case is theirs
    assert _spelling_of(talk, "Mark Janssen") in {"Mark Jansen", "Marc Jansen"}
    assert _spelling_of(talk, "Spreker 2") is None


def test_a_voices_evidence_says_where_an_editor_gave_the_turn_it_quotes_to_another(workspace):
    """A tester's find (session 47): after "En ik ben Joost de Boer, ..." was moved to Marloes, Joost's voice still
    showed it as its introduction. The line says whose turn it is now; lines that quote the other's turn by design
    ("wordt aangesproken") and lines of turns not moved stay as they are."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turns = transcript.read(desk.path).turns
    intro = next(n for n, t in enumerate(turns) if t.text.startswith("En ik ben Joost de Boer"))
    desk.move_turn(version(), intro, "Marloes van der Heijden", turns[intro].start, force=True)
    voices = {s["name"]: s["evidence"] for s in desk.state()["speakers"]}
    (joost,) = [line for line in voices["Joost de Boer"] if "En ik ben Joost de Boer" in line]
    assert joost.endswith(": nu een beurt van Marloes van der Heijden"), joost
    assert not any("nu een beurt van" in line for line in voices["Marloes van der Heijden"])


def test_a_desk_save_while_a_command_changes_the_transcript_waits_and_undoes_nothing(workspace):
    """A helper's attack: a desk save made while `gesprekken publication` ran was answered "saved" and then
    written over by the command (which had read the file before it), and a save could as well undo the
    command's change (a withdrawal among them). The command here is the publication change itself, in
    another process, holding on between its read and its write; the desk's save waits for it, then finds
    the file changed and refuses (409 at the desk), so both the command's change and the editor's text
    (to be saved again) are kept, never one lost without a word."""
    desk = desk_of(workspace)
    before = desk.path.read_text(encoding="utf-8")
    command = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from gesprekken.consent import set_status\n"
            "with set_status(Path(sys.argv[1]), 'internal'):\n"
            "    print('read', flush=True)\n"
            "    time.sleep(2)\n",
            str(desk.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert command.stdout.readline().strip() == "read"  # the command has read the file and holds on
        with pytest.raises(StaleTranscript):
            desk.edit_text(version_of(before), 0, "Goedemiddag, een correctie tijdens het commando.")
    finally:
        assert command.wait(timeout=30) == 0
    after = transcript.read(desk.path)
    assert after.status == "internal"  # the command's change stands
    # and the editor saves again on the version the desk now shows: both kept
    desk.edit_text(version_of(desk.path.read_text(encoding="utf-8")), 0, "Goedemiddag, de correctie opnieuw.")
    after = transcript.read(desk.path)
    assert after.status == "internal" and after.turns[0].text == "Goedemiddag, de correctie opnieuw."


def test_split_and_move_keep_the_words_whisper_heard_in_each_part(workspace):
    desk = desk_of(workspace)
    before = transcript.read(desk.path)
    last = len(before.turns) - 1
    words = before.turns[last].words
    desk.split_turn(version_of(desk.path.read_text(encoding="utf-8")), last, 1, "Joost de Boer")
    after = transcript.read(desk.path)
    assert len(after.turns) == len(before.turns) + 1
    first, second = after.turns[last], after.turns[last + 1]
    assert (first.speaker, second.speaker) == ("Marloes van der Heijden", "Joost de Boer")
    assert [w.start for w in first.words + second.words] == [w.start for w in words]
    assert (first.end, second.start) == (words[0].end, words[1].start)
    text = desk.path.read_text(encoding="utf-8")
    sections = text.split("\n## ")[-2:]
    assert all("<!-- woorden:" in section for section in sections)  # each part has its own heard words

    desk.move_turn(version_of(text), 0, "Joost de Boer")
    moved = transcript.read(desk.path)
    assert moved.turns[0].speaker == "Joost de Boer" and moved.turns[0].words == before.turns[0].words
    assert db_rows(workspace, "SELECT speaker FROM turns WHERE conversation_id = ? AND seq = 1", [SAMPLE_ID]) == [
        ("Joost de Boer",)
    ]
    with pytest.raises(DeskError, match="maar één woord|vóór een woord na het eerste"):
        desk.split_turn(version_of(desk.path.read_text(encoding="utf-8")), 1, 0)


def test_naming_a_voice_confirms_it_and_a_name_that_speaks_needs_a_merge(workspace):
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    desk.name_speaker(version(), "Joost de Boer", "Joost de Boer")  # only confirms
    joost = next(s for s in transcript.read(desk.path).speakers if s.label == "Spreker 2")
    assert joost.confirmed and joost.confidence == 1.0 and joost.name == "Joost de Boer"
    with pytest.raises(DeskError, match="spreekt al"):
        desk.name_speaker(version(), "Joost de Boer", "Marloes van der Heijden")
    desk.name_speaker(version(), "Joost de Boer", "J. de Boer")  # the same path as `gesprekken speakers --rename`
    named = transcript.read(desk.path)
    assert {t.speaker for t in named.turns} == {"Marloes van der Heijden", "J. de Boer"}
    assert next(s for s in named.speakers if s.label == "Spreker 2").confirmed
    # "J. de Boer" is no participant's name: its words are held, and the merge that would show them asks first
    with pytest.raises(NeedsConfirmation, match="J. de Boer, die niet op het programma staat"):
        desk.name_speaker(version(), "J. de Boer", "Marloes van der Heijden", merge=True)
    desk.name_speaker(version(), "J. de Boer", "Marloes van der Heijden", merge=True, force=True)
    assert {t.speaker for t in transcript.read(desk.path).turns} == {"Marloes van der Heijden"}


def test_naming_a_voice_with_the_name_of_another_swaps_the_two_and_merges_nothing(workspace):
    """Naming often puts two names the wrong way round; picking the right name for one voice at
    the desk must swap them, not pour both voices into one."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    before = transcript.read(desk.path)
    said = {
        name: [t.text for t in before.turns if t.speaker == name]
        for name in ("Joost de Boer", "Marloes van der Heijden")
    }
    with pytest.raises(DeskError, match="ruilen"):
        desk.name_speaker(version(), "Joost de Boer", "Marloes van der Heijden")
    # Here naming had them right: each voice introduces itself, so the desk asks the editor first.
    source = desk.path.read_bytes()
    with pytest.raises(NeedsConfirmation, match="stelt zich voor als Joost de Boer"):
        desk.name_speaker(version(), "Joost de Boer", "Marloes van der Heijden", swap=True)
    assert desk.path.read_bytes() == source
    desk.name_speaker(version(), "Joost de Boer", "Marloes van der Heijden", swap=True, force=True)
    after = transcript.read(desk.path)
    assert [t.text for t in after.turns if t.speaker == "Marloes van der Heijden"] == said["Joost de Boer"]
    assert [t.text for t in after.turns if t.speaker == "Joost de Boer"] == said["Marloes van der Heijden"]
    assert [(p.name, p.role, p.organisation) for p in after.participants] == [
        (p.name, p.role, p.organisation) for p in before.participants
    ]
    assert all(s.confirmed for s in after.speakers)


def test_article_choices_go_to_the_analysis_block_and_into_the_article(workspace, tmp_path):
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    quotes = desk.state()["quotes"]
    second = quotes[1]["text"]
    desk.set_headline(version(), second)
    with pytest.raises(DeskError, match="staat niet in het transcript"):
        desk.set_headline(version(), "Een zin die niemand zei.")
    desk.choose(version(), "quote", quotes[2]["text"], "reject")
    desk.choose(version(), "theme", "armoede", "accept")
    desk.choose(version(), "theme", "maatwerk", "reject")
    desk.set_intro(version(), "Twee bestuurders over de wijk.")
    analysis = transcript.read(desk.path).analysis
    assert analysis["headline"] == second and analysis["remove_quotes"] == [quotes[2]["text"]]
    assert analysis["add_themes"] == ["armoede"] and analysis["remove_themes"] == ["maatwerk"]
    state = desk.state()
    assert state["headline"] == second and quotes[2]["text"] not in [q["text"] for q in state["quotes"]]
    assert "armoede" in [t["id"] for t in state["themes"]] and "maatwerk" not in [t["id"] for t in state["themes"]]
    # the desk's themes are the article's, in its order (a newcomer saw six at the desk, four in the article)
    article_themes = [r[0] for r in db_rows(workspace, "SELECT theme FROM conversation_themes ORDER BY rank")]
    assert [t["id"] for t in state["themes"]] == article_themes and article_themes[-1] == "armoede"
    desk.choose(version(), "quote", quotes[2]["text"], "accept")  # the rejection taken back
    assert transcript.read(desk.path).analysis.get("remove_quotes", []) == []
    assert quotes[2]["text"] in [q["text"] for q in desk.state()["quotes"]]

    article, _, _, _ = desk.export("artikel.md", tmp_path)
    text = article.read_text(encoding="utf-8")
    assert "Twee bestuurders over de wijk." in text and second.rstrip(".")[:20] in text
    assert db_rows(workspace, "SELECT count(*) FROM exports") == [(0,)]  # a download is not an export on disk


def test_a_word_corrected_in_a_chosen_sentence_keeps_the_editors_choice(workspace):
    """Headline, added action point and rejected quote are stored as sentences a turn must say; a
    correction of a misheard word in one of them carries them over to the corrected words (they were
    lost: the headline came unpinned, the action point went, the rejected quote came back)."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turn = len(transcript.read(desk.path).turns) - 1
    heard = "Het gaat om een vast ansprekpend in elke buurt. Dat is de afspraak met de huurders. Dat zeggen we toe."
    desk.edit_text(version(), turn, heard)  # the editor reads on, as Whisper wrote it
    desk.set_headline(version(), "Het gaat om een vast ansprekpend in elke buurt.")
    desk.choose(version(), "action_point", "Dat is de afspraak met de huurders.", "accept")
    desk.choose(version(), "quote", "Dat zeggen we toe.", "reject")
    assert transcript.read(desk.path).analysis["add_action_points"] == ["Dat is de afspraak met de huurders."]

    corrected = heard.replace("ansprekpend", "aanspreekpunt").replace("met de", "met alle").replace(" we ", " wij ")
    desk.edit_text(version(), turn, corrected)

    analysis = transcript.read(desk.path).analysis
    assert analysis["headline"] == "Het gaat om een vast aanspreekpunt in elke buurt."
    assert analysis["add_action_points"] == ["Dat is de afspraak met alle huurders."]
    assert analysis["remove_quotes"] == ["Dat zeggen wij toe."]
    state = desk.state()
    assert state["headline"] == "Het gaat om een vast aanspreekpunt in elke buurt."
    assert "Dat is de afspraak met alle huurders." in [a["text"] for a in state["action_points"]]
    assert not any("toe" in q["text"].split() for q in state["quotes"])
    # One undo takes the correction back with the choices as they were.
    desk.undo(version())
    assert transcript.read(desk.path).analysis["headline"] == "Het gaat om een vast ansprekpend in elke buurt."


def test_a_theme_a_turn_touches_but_the_article_does_not_hold_can_be_added(workspace):
    """The desk lists the article's themes and offers the others to add, among them themes a turn touched
    that the article does not hold; adding one of those was taken for 'the analysis finds it already' and
    did nothing (no addition in the file, the article and the desk without it)."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    # An aside said once, by one speaker: a turn touches its theme, the article does not hold it.
    first = desk.state()["turns"][0]["text"]
    desk.edit_text(version(), 0, f"{first} Ook de middenhuur speelt mee.")
    touched = {r[0] for r in db_rows(workspace, "SELECT DISTINCT theme_id FROM turn_themes")}
    shown = [t["id"] for t in desk.state()["themes"]]
    extra = sorted(touched - set(shown))
    assert extra, "a theme a turn touches that the article does not hold"
    desk.choose(version(), "theme", extra[0], "accept")
    assert transcript.read(desk.path).analysis["add_themes"] == [extra[0]]
    assert [t["id"] for t in desk.state()["themes"]] == [*shown, extra[0]]
    assert db_rows(workspace, "SELECT theme FROM conversation_themes ORDER BY rank")[-1] == (extra[0],)


def test_a_save_that_moves_the_articles_themes_says_so(workspace):
    """A newcomer's run: correcting the words of one turn changed the article's themes ("Wederkerigheid" left
    the box) and nothing said so. A save that moves them says what they are now and were, and how to keep one;
    a save that leaves them says nothing of themes."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    labels = dict(db_rows(workspace, "SELECT id, label FROM themes"))
    before = [t["id"] for t in desk.state()["themes"]]
    first = desk.state()["turns"][0]["text"]
    same = desk.edit_text(version(), 0, first.replace("Goedemiddag", "Goedendag"))
    assert "thema" not in same["summary"].casefold()
    said = "Doorstroming van ouderen naar een kleinere woning, doorstroming in de sociale huur: dat is de kern."
    turns = desk.state()["turns"]
    for n in range(len(turns)):  # the talk turned towards doorstroming, turn by turn, until the box changes
        saved = desk.edit_text(version(), n, said)
        if {t["id"] for t in desk.state()["themes"]} != set(before):
            break
    now = [t["id"] for t in desk.state()["themes"]]
    came, gone = [t for t in now if t not in before], [t for t in before if t not in now]
    assert came or gone, "the case: a theme came into or left the article's box"
    moved = [f"{', '.join(labels[t] for t in ids)} {where}" for ids, where in ((came, "erbij"), (gone, "eruit")) if ids]
    assert saved["summary"].endswith(
        f". Thema's van het artikel: {'; '.join(moved)}; zet er een vast of haal er een weg onder Thema's"
    )
    assert desk.history()[0]["detail"]["themes"] == {"from": before, "to": now}


def test_undoing_a_merge_of_two_published_voices_asks_nothing(workspace):
    """A newcomer's run as an editor (session 51): with everyone published, a merge of Joost's turn into Marloes's
    undone asked "... maakt openbaar wat nu niet openbaar is": the words it gives back to Joost were shown, at their
    moments, under Marloes. A withheld voice's words given back are still asked about (the test above and below)."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turns = transcript.read(desk.path).turns
    n = next(i for i in range(len(turns) - 1) if turns[i].speaker != turns[i + 1].speaker and turns[i].words)
    original = desk.path.read_text(encoding="utf-8")
    desk.merge_turn(version(), n, force=True)
    assert len(transcript.read(desk.path).turns) == len(turns) - 1
    desk.undo(version())
    assert desk.path.read_text(encoding="utf-8") == original


def test_one_step_of_undo_and_none_over_a_hand_edit(workspace):
    desk = desk_of(workspace)
    original = desk.path.read_text(encoding="utf-8")
    desk.set_status(version_of(original), "internal", "Joost de Boer")
    changed = desk.path.read_text(encoding="utf-8")
    assert db_rows(workspace, "SELECT status FROM participants WHERE name = 'Joost de Boer'") == [("internal",)]
    # in the desk's words, not the file's ("withdrawn → published" stood in a Dutch sentence)
    assert desk.history()[0]["summary"].startswith("Publicatie: Joost de Boer openbaar → intern")
    # undoing it shows his words again: asked first (test_publishing_and_undoing_a_withdrawal_are_asked...)
    with pytest.raises(NeedsConfirmation, match="maakt openbaar wat nu niet openbaar is"):
        desk.undo(version_of(changed))
    desk.undo(version_of(changed), force=True)
    assert desk.path.read_text(encoding="utf-8") == original
    assert db_rows(workspace, "SELECT status FROM participants WHERE name = 'Joost de Boer'") == [("published",)]
    assert [h["action"] for h in desk.history()] == ["ongedaan", "publicatie"]
    desk.path.write_text(original.replace("Goedemiddag", "Goedemorgen"), encoding="utf-8")
    with pytest.raises(DeskError, match="buiten de redactietafel gewijzigd"):
        desk.undo(version_of(desk.path.read_text(encoding="utf-8")))


def test_an_undo_clicked_as_another_save_goes_in_undoes_nothing_it_did_not_name(client, workspace):
    """An editor's run (session 57): a turn corrected, "Overal vervangen" clicked, and at once "Ongedaan maken", which
    still named the turn's correction: the saves went in one after the other and the undo undid the replace. The
    button sends the save it names; where another came after it, nothing is undone, and the desk says which is the
    latest now."""
    path = path_of(workspace)
    first = transcript.read(path).turns[0]
    body = {"version": client.version(), "turn": 0, "text": first.text + " Dat klopt.", "start": first.start}
    assert client.post(f"{DESK}/tekst", {**body, "was": first.text}).status_code == 200
    named = client.get(f"{DESK}.json").json()["undo_id"]
    assert client.post(f"{DESK}/vervangen", {"version": client.version(), "find": "Dat klopt.", "replacement": "Ja."})
    replaced = path.read_bytes()
    answer = client.post(f"{DESK}/ongedaan", {"version": client.version(), "edit": named})
    assert answer.status_code == 400 and "intussen is er opnieuw opgeslagen (Vervangen" in answer.json()["error"]
    assert path.read_bytes() == replaced
    latest = client.get(f"{DESK}.json").json()["undo_id"]
    assert latest != named
    assert client.post(f"{DESK}/ongedaan", {"version": client.version(), "edit": latest}).status_code == 200
    assert "Dat klopt." in transcript.read(path).turns[0].text


def test_an_intro_typed_in_paragraphs_says_it_is_one(workspace):
    """An editor's run (session 57): an intro of two paragraphs was saved, shown and downloaded as one, without a
    word. The article's intro is one paragraph: the save says the paragraphs became one."""
    desk = desk_of(workspace)
    saved = desk.set_intro(desk.state()["version"], "Twee mensen aan tafel.\n\nOver wederkerigheid in de wijk.")
    assert saved["summary"].endswith("de alinea's zijn één geworden: de inleiding is één alinea")
    assert transcript.read(desk.path).analysis["intro"] == "Twee mensen aan tafel. Over wederkerigheid in de wijk."
    saved = desk.set_intro(desk.state()["version"], "Een alinea,\nover twee regels.")
    assert "alinea's" not in saved["summary"]


def test_a_consent_change_by_command_shows_in_the_history_and_no_undo_over_it(workspace):
    """The newcomer withdrew Joost at the desk and published him again with `gesprekken publication`: the
    desk's history still ended at "openbaar → ingetrokken" and offered to undo it, then refused with
    "herstel het met de hand". The command's change is in the history now, and no undo is offered over
    a change made elsewhere (a command's, or a hand edit's)."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    desk.set_status(version(), "withdrawn", "Joost de Boer")
    assert desk.state()["undo"].startswith("Publicatie: Joost de Boer openbaar → ingetrokken")
    result = run("publication", SAMPLE_ID, "published", "--participant", "Joost de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    latest = desk.history()[0]
    assert latest["actor"] == "commando" and latest["action"] == "publicatie"
    assert latest["summary"] == "Publicatie: Joost de Boer ingetrokken → openbaar (met een commando)"
    assert desk.state()["undo"] is None and not any(h["undo"] for h in desk.history())
    with pytest.raises(DeskError, match="niets om ongedaan te maken"):
        desk.undo(version())
    # a desk save again offers its undo; a hand edit after it takes the offer away
    desk.edit_text(version(), 0, "Goedemiddag, dit is een proef.")
    assert desk.state()["undo"]
    desk.path.write_text(desk.path.read_text(encoding="utf-8").replace("een proef", "een test"), encoding="utf-8")
    assert desk.state()["undo"] is None
    # the voices' command is in the history too (a helper's run, session 54: an open desk said only "changed outside
    # the desk", and its history had no word of a name changed everywhere), once, as the desk's own is
    joost = next(s["label"] for s in desk.state()["speakers"] if s["name"] == "Joost de Boer")
    assert run("speakers", SAMPLE_ID, "--confirm", "Joost de Boer", cwd=workspace).exit_code == 0
    latest = desk.history()[0]
    assert (latest["actor"], latest["action"]) == ("commando", "stemmen")
    assert latest["summary"] == "Stemmen: Joost de Boer bevestigd (met een commando)"
    result = run("speakers", SAMPLE_ID, "--rename", f"{joost}=Joost den Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert desk.history()[0]["summary"] == f"Stemmen: {joost} → Joost den Boer (met een commando)"
    assert desk.latest()["by"]["summary"] == desk.history()[0]["summary"]  # what an open page says of it
    count = len(desk.history())
    assert run("speakers", SAMPLE_ID, "--confirm", "Joost den Boer", cwd=workspace).exit_code == 0
    assert len(desk.history()) == count  # (confirmed by the rename already: nothing changed, nothing noted)
    count = len(desk.history())
    desk.name_speaker(version(), joost, "Joost de Boer", force=True)  # the desk's own: one entry, its own
    assert len(desk.history()) == count + 1 and desk.history()[0]["actor"] != "commando"


def test_limits_and_line_breaks_cannot_break_the_file(workspace):
    desk = desk_of(workspace)
    original = desk.path.read_text(encoding="utf-8")
    version = version_of(original)
    for change, message in [
        (lambda: desk.edit_text(version, 0, "x" * (MAX_TEXT + 1)), "hoogstens"),
        (lambda: desk.edit_text(version, 0, "   "), "leeg"),
        (lambda: desk.edit_text(version, 0, "a\x00b"), "stuurtekens"),
        (lambda: desk.edit_text(version, 99, "tekst"), "bestaat niet"),
        # (not Python's words for what was sent: "Beurt True bestaat niet", an editor's run, session 58)
        (lambda: desk.edit_text(version, True, "tekst"), "^Beurt moet een nummer zijn, van 0 tot"),
        (lambda: desk.edit_text(version, float("inf"), "tekst"), "^Beurt moet een nummer zijn, van 0 tot"),
        (lambda: desk.move_turn(version, 0, "[00:01.00 – 00:02.00] X"), "niet met '\\['"),
        (lambda: desk.name_speaker(version, "Joost de Boer", "n" * 101), "hoogstens"),
        (lambda: desk.choose(version, "theme", "bestaat-niet", "accept"), "Geen thema"),
        (lambda: desk.set_status(version, "openbaar"), "geen publicatiestatus"),
    ]:
        with pytest.raises(DeskError, match=message):
            change()
    assert desk.path.read_text(encoding="utf-8") == original
    # Every kind of line break becomes a space: no heading or comment can be smuggled into the file.
    desk.edit_text(version, 0, "Eerste regel\n## Nep\u2028<!-- woorden: 1.0-2.0 nep -->\r\n\\slot")
    after = transcript.read(desk.path)
    assert len(after.turns) == len(transcript.loads(original).turns)
    assert after.turns[0].text == "Eerste regel ## Nep <!-- woorden: 1.0-2.0 nep --> \\slot"


def test_a_turn_whisper_wrote_longer_than_the_limit_can_still_be_corrected(workspace):
    """Minutes of one voice make a turn of more than MAX_TEXT characters: correcting one of its words
    was refused ("hoogstens 5000"), with nothing the editor could do at the desk."""
    path = path_of(workspace)
    conversation = transcript.read(path)
    long = " ".join(["We zien steeds meer huurders met betalingzachter standen."] * (MAX_TEXT // 50))
    conversation.turns[2].text, conversation.turns[2].words = long, []
    transcript.write(conversation, path)
    desk = desk_of(workspace)
    version = lambda: version_of(path.read_text(encoding="utf-8"))  # noqa: E731
    fixed = long.replace("betalingzachter standen", "betalingsachterstanden", 1)
    assert len(fixed) > MAX_TEXT
    desk.edit_text(version(), 2, fixed)
    assert transcript.read(path).turns[2].text == fixed
    with pytest.raises(DeskError, match=f"hoogstens {len(fixed)} zijn"):  # no longer than it was
        desk.edit_text(version(), 2, fixed + " En nog meer.")
    with pytest.raises(DeskError, match=f"hoogstens {MAX_TEXT} zijn"):  # other turns keep the limit
        desk.edit_text(version(), 0, "x" * (MAX_TEXT + 1))


def test_a_title_corrected_at_the_desk_is_kept_by_load_apply_programme_and_ingest_and_undone(workspace):
    """A conversation's title could be changed only by editing the transcript by hand (a reviewer's read of session
    58's desk). The desk saves it in the file, as its other edits: the rows rebuilt at once; a rebuild, the programme
    applied again and a re-ingest keep it (an editor's correction is never overwritten); undo takes it back."""
    from importlib.resources import files

    desk = desk_of(workspace)
    text = lambda: desk.path.read_text(encoding="utf-8")  # noqa: E731
    before = transcript.read(desk.path).title
    new = "Wederkerigheid in de wijk: de buurt aan zet"
    first = version_of(text())
    saved = desk.set_title(first, "  Wederkerigheid in de wijk:\n de buurt  aan zet ")  # one line, as typed
    assert saved["summary"] == f"Titel: “{before}” → “{new}”"
    assert transcript.read(desk.path).title == new and desk.state()["title"] == new
    assert db_rows(workspace, "SELECT title FROM conversations") == [(new,)]
    assert desk.set_title(version_of(text()), new) is None  # the same: nothing saved
    for typed, said in [("  ", "De titel is leeg"), ("x" * 201, "hoogstens 200")]:
        with pytest.raises(DeskError, match=said):
            desk.set_title(version_of(text()), typed)
    # made on an older version: a conflict where the title changed meanwhile, saved where it is as the editor saw it
    with pytest.raises(StaleTranscript):
        desk.set_title(first, "Een andere titel", was=before)
    older = version_of(text())
    desk.set_intro(older, "Een inleiding van een tweede redacteur.")
    assert desk.set_title(older, new + "!", was=new) is not None
    assert transcript.read(desk.path).title == new + "!"

    assert run("load", cwd=workspace).exit_code == 0
    programme = workspace / "programma.yaml"
    programme.write_text(
        (files("gesprekken") / "data" / "sample" / "programme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "kept the title" in result.stderr
    again = run("ingest", "--sample", cwd=workspace)
    assert again.exit_code == 0, again.output
    assert transcript.read(desk.path).title == new + "!"
    assert db_rows(workspace, "SELECT title FROM conversations") == [(new + "!",)]

    undone = desk.undo(version_of(text()))
    assert undone and transcript.read(desk.path).title == new
    assert db_rows(workspace, "SELECT title FROM conversations") == [(new,)]


def test_a_title_typed_at_the_desk_that_names_someone_is_scrubbed_by_forget_and_the_public_copy(workspace):
    """A title is no way round consent: the public copy leaves a withdrawn participant's name out of a title typed at
    the desk, as out of any title, and ``forget`` takes it out of the file."""
    from gesprekken.publish import build_public_copy

    desk = desk_of(workspace)
    desk.set_title(version_of(desk.path.read_text(encoding="utf-8")), "Wederkerigheid, met Joost de Boer")
    desk.set_status(version_of(desk.path.read_text(encoding="utf-8")), "withdrawn", "Joost de Boer", force=True)
    public = build_public_copy(workspace / "gesprekken.db")
    with sqlite3.connect(public) as conn:
        (title,) = conn.execute("SELECT title FROM conversations").fetchone()
    assert "Joost" not in title and "Boer" not in title and title.startswith("Wederkerigheid")
    result = run("forget", "Joost de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "Joost" not in transcript.read(desk.path).title
    assert db_rows(workspace, "SELECT count(*) FROM conversations WHERE title LIKE '%Joost%'") == [(0,)]


def test_forget_deletes_the_history_and_the_public_copy_never_holds_it(workspace):
    from gesprekken.publish import build_public_copy

    desk = desk_of(workspace)
    desk.edit_text(version_of(desk.path.read_text(encoding="utf-8")), 1, "En ik ben Joost de Boer, van de gemeente.")
    public = build_public_copy(workspace / "gesprekken.db")
    with sqlite3.connect(public) as conn:
        assert conn.execute("SELECT count(*) FROM edits").fetchone() == (0,)
    assert db_rows(workspace, "SELECT count(*) FROM edits") == [(1,)]
    result = run("forget", "Joost de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "1 save in the editors' history deleted" in result.output
    assert db_rows(workspace, "SELECT count(*) FROM edits") == [(0,)]


# --- the JSON API, in process -------------------------------------------------------------


class Client:
    """Datasette with gesprekken's metadata and plugins on a workspace, as an editor, a guest or anonymous."""

    def __init__(self, workspace: Path):
        db = workspace / "gesprekken.db"
        self.datasette = Datasette(
            [str(db)],
            metadata=metadata(db, workspace / "recordings", workspace / "transcripts"),
        )
        self.loop = asyncio.new_event_loop()

    def cookies(self, actor: str | None) -> dict:
        return {"ds_actor": self.datasette.sign({"a": {"id": actor}}, "actor")} if actor else {}

    def get(self, path: str, actor: str | None = "editor"):
        return self.loop.run_until_complete(self.datasette.client.get(path, cookies=self.cookies(actor)))

    def post(self, path: str, body, actor: str | None = "editor", headers=None):
        content = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return self.loop.run_until_complete(
            self.datasette.client.post(
                path, content=content, cookies=self.cookies(actor), headers=WRITE if headers is None else headers
            )
        )

    def version(self) -> str:
        return self.get(f"{DESK}.json").json()["version"]

    def close(self):
        self.loop.close()


@pytest.fixture
def client(workspace):
    c = Client(workspace)
    yield c
    c.close()


def test_the_title_is_changed_through_the_api_and_a_stale_tab_meets_the_conflict(client, workspace):
    """POST <desk>/titel: saved composed (as typed text is), and from a tab that saw another title, a conflict with
    the state now, for the desk's panel (nothing written)."""
    import unicodedata

    path = path_of(workspace)
    before = transcript.read(path).title
    stale = client.version()
    body = {"version": stale, "text": unicodedata.normalize("NFD", "Wijkcafé en wederkerigheid"), "was": before}
    answer = client.post(f"{DESK}/titel", body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"]["title"] == transcript.read(path).title == "Wijkcafé en wederkerigheid"
    written = path.read_text(encoding="utf-8")
    conflict = client.post(f"{DESK}/titel", {"version": stale, "text": "Een andere titel", "was": before})
    assert conflict.status_code == 409 and conflict.json()["current"]["title"] == "Wijkcafé en wederkerigheid"
    assert path.read_text(encoding="utf-8") == written
    guest = client.post(f"{DESK}/titel", {"version": client.version(), "text": "Van een gast"}, actor=None)
    assert guest.status_code == 403 and path.read_text(encoding="utf-8") == written


def test_a_correction_pasted_with_decomposed_accents_is_saved_composed_and_found_again(client, workspace):
    """An attack (session 56): "wijkcafé" pasted from a Mac (e + a combining accent) was saved as it came, and a find
    and replace of "wijkcafé" typed said it was in no turn. The desk saves text as the transcripts have it (NFC)."""
    import unicodedata

    path = path_of(workspace)
    first = transcript.read(path).turns[0]
    pasted = unicodedata.normalize("NFD", first.text + " In het wijkcafé.")
    body = {"version": client.version(), "turn": 0, "text": pasted, "start": first.start, "was": first.text}
    assert client.post(f"{DESK}/tekst", body).status_code == 200
    assert "wijkcafé" in path.read_text(encoding="utf-8")
    body = {"version": client.version(), "find": "wijkcafé", "replacement": "buurthuis"}
    answer = client.post(f"{DESK}/vervangen", body)
    assert answer.status_code == 200, answer.text
    assert "In het buurthuis." in transcript.read(path).turns[0].text
    # a name is compared as the file has it, decomposed too (a reviewer's read: "José de Boer" written decomposed
    # could no longer be withdrawn at the desk)
    jose = unicodedata.normalize("NFD", "José de Boer")
    path.write_text(path.read_text(encoding="utf-8").replace("Joost de Boer", jose), encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    body = {"version": client.version(), "status": "internal", "participant": jose}
    answer = client.post(f"{DESK}/publicatie", body)
    assert answer.status_code == 200, answer.text
    assert transcript.read(path).status_of(jose) == "internal"


def test_a_correction_pasted_with_invisible_characters_is_saved_without_them(client, workspace):
    """Session 57's note: a soft hyphen from a Word document or a zero-width space from a web page, pasted at the desk,
    was saved: "wederkerig\u00adheid" looked right and was found by no search for wederkerigheid, nor by the themes;
    a name pasted so was a name no participant had. Saved without them; the joiners of emoji stay."""
    path = path_of(workspace)
    first = transcript.read(path).turns[0]
    pasted = first.text + " Het gaat om wederkerig\u00adheid en maat\u200bwerk.\ufeff"
    pasted += " Top \U0001f44d\u200d\U0001f3fd,\u200bAns."
    body = {"version": client.version(), "turn": 0, "text": pasted, "start": first.start, "was": first.text}
    assert client.post(f"{DESK}/tekst", body).status_code == 200
    saved = transcript.read(path).turns[0].text
    # (a zero-width space before a capital parts two words: "zei\u200bAns Visser" joined kept a withdrawn first name)
    assert "Het gaat om wederkerigheid en maatwerk. Top \U0001f44d\u200d\U0001f3fd, Ans." in saved, ascii(saved)
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        found = db.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'wederkerigheid'").fetchone()[0]
    assert found >= 1
    desk = desk_of(workspace)
    desk.name_speaker(desk.state()["version"], "Joost de Boer", "Joost \u200b de Boer", force=True)
    assert {t.speaker for t in transcript.read(path).turns} == {"Joost de Boer", MARLOES}


def test_a_name_role_or_organisation_typed_with_its_accents_apart_is_as_the_file_writes_it(workspace):
    """Session 56's note: a name, role or organisation typed at the desk was saved as it came, so "José Pérez" pasted
    from a Mac (each accent a letter of its own) was a name no participant had: the voice named so stayed back from
    the public, and he was listed twice. What is typed is composed as the transcripts are; a name that is a
    participant's or a heading's in another form is written as the file has it, decomposed too."""
    import unicodedata

    def apart(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    desk = desk_of(workspace)
    desk.add_participant(
        desk.state()["version"], apart("José Pérez"), apart("coördinator"), apart("Fryslân"), "published"
    )
    jose = next(p for p in transcript.read(desk.path).participants if p.name.startswith("José"))
    assert (jose.name, jose.role, jose.organisation) == ("José Pérez", "coördinator", "Fryslân")
    with pytest.raises(DeskError, match="staat al bij de deelnemers"):
        desk.add_participant(desk.state()["version"], apart("José Pérez"), status="published")
    desk.name_speaker(desk.state()["version"], "Joost de Boer", apart("José Pérez"), force=True)
    turns = desk.state()["turns"]
    his = [t for t in turns if t["speaker"].startswith("José")]
    assert his and {t["speaker"] for t in his} == {"José Pérez"} and not any(t["withheld"] for t in his), his
    desk.edit_participant(desk.state()["version"], "José Pérez", role=apart("coördinator wijkteams"))
    roles = {p.name: p.role for p in transcript.read(desk.path).participants}
    assert roles["José Pérez"] == "coördinator wijkteams"
    # a participant the file writes decomposed (typed by hand) keeps their spelling where the desk names them
    text = desk.path.read_text(encoding="utf-8")
    desk.path.write_text(text.replace(MARLOES, apart("Marloës van der Heijden")), encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    desk.name_speaker(desk.state()["version"], "José Pérez", "Marloës van der Heijden", merge=True, force=True)
    spoken = {t.speaker for t in transcript.read(desk.path).turns}
    assert spoken == {apart("Marloës van der Heijden")}, spoken


def test_a_voice_named_in_another_case_gets_the_participants_own_spelling(workspace):
    """An editor's run (session 57): "joost  de boer" typed for a voice under Stemmen put "joost de boer:" over his
    turns, in the article and on the site, beside "Joost de Boer, sectormanager wonen" in the participants. A name
    typed for a voice is the participant's own spelling where it is theirs in another case; a participant's own
    spelling, corrected under Deelnemers, may still mend the case."""
    desk = desk_of(workspace)
    desk.name_speaker(desk.state()["version"], "Joost de Boer", "joost  de boer")
    assert {t.speaker for t in transcript.read(desk.path).turns} == {MARLOES, "Joost de Boer"}
    desk.add_participant(desk.state()["version"], "Piet Pan", "wethouder", "gemeente Zwolle", "published")
    desk.name_speaker(desk.state()["version"], "Joost de Boer", "PIET PAN", force=True)
    assert {t.speaker for t in transcript.read(desk.path).turns} == {MARLOES, "Piet Pan"}
    desk.edit_participant(desk.state()["version"], "Piet Pan", name="Piet pan", force=True)
    assert {t.speaker for t in transcript.read(desk.path).turns} == {MARLOES, "Piet pan"}


def test_a_status_change_while_another_process_writes_too_long_says_so_in_one_sentence(client, workspace, monkeypatch):
    """A reviewer's read (session 55): Publicatie while a load held the database's write lock past the minute a
    write waits answered an HTML 500 page (a status change writes the database before the file: nothing saved).
    Now JSON, 503, one sentence; the transcript as it was."""
    import gesprekken.storage

    monkeypatch.setattr(gesprekken.storage, "BUSY_WAIT", 1.0)
    before = path_of(workspace).read_bytes()
    other = sqlite3.connect(workspace / "gesprekken.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        answer = client.post(f"{DESK}/publicatie", {"version": client.version(), "status": "internal"})
    finally:
        other.execute("ROLLBACK")
    assert answer.status_code == 503, answer.text
    assert answer.json()["error"].startswith("Niet opgeslagen: de database is bezet")
    assert path_of(workspace).read_bytes() == before


def action_bodies(state: dict) -> dict:
    """A valid body for every action of the API, from the desk's state (Whisper's words differ between CPUs)."""
    quote = state["quotes"][0]["text"]
    return {
        "tekst": {"turn": 0, "text": "Goedemiddag allemaal."},
        "verplaats": {"turn": 0, "speaker": "Joost de Boer"},
        "splits": {"turn": 0, "word": 1},
        "samenvoegen": {"turn": 0, "zeker": True},
        "spreker": {"speaker": "Joost de Boer", "name": "Joost de Boer"},
        "kop": {"text": quote},
        "citaat": {"text": quote, "choice": "reject"},
        "actiepunt": {"text": quote, "choice": "accept"},
        "thema": {"theme": "armoede", "choice": "accept"},
        "inleiding": {"text": "Inleiding."},
        "publicatie": {"status": "internal"},
        "deelnemer": {"participant": "Joost de Boer", "role": "beleidsadviseur"},
        "toevoegen": {"name": "Ad Kok", "role": "wethouder", "status": "internal"},
        "ongedaan": {},
    }


@pytest.mark.parametrize("actor", [None, "gast"])
def test_only_the_editor_may_open_the_desk_or_call_its_api(workspace, client, actor):
    original = path_of(workspace).read_text(encoding="utf-8")
    version = version_of(original)
    bodies = action_bodies(desk_of(workspace).state())
    assert client.get(DESK, actor).status_code == 403
    for path in (f"{DESK}.json", f"{DESK}/geschiedenis", f"{DESK}/versie", f"{DESK}/download/artikel.docx"):
        response = client.get(path, actor)
        assert response.status_code == 403 and "redacteur" in response.json()["error"], path
    for action, body in bodies.items():
        assert client.post(f"{DESK}/{action}", {"version": version, **body}, actor).status_code == 403, action
    assert path_of(workspace).read_text(encoding="utf-8") == original
    assert "redactie-link" not in client.get(f"/-/gesprekken/gesprek/{SAMPLE_ID}", actor).text
    # The editor: the page, the link to it, and every call.
    assert client.get(DESK).status_code == 200
    assert f'href="{DESK}"' in client.get(f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    for action, body in bodies.items():
        response = client.post(f"{DESK}/{action}", {"version": client.version(), **body})
        assert response.status_code == 200, (action, response.text)


def test_a_change_needs_json_and_the_desk_header(workspace, client):
    original = path_of(workspace).read_text(encoding="utf-8")
    body = {"version": version_of(original), "turn": 0, "text": "Gekaapt."}
    refused = [
        {"content-type": "application/json"},  # no X-Gesprekken
        {"content-type": "text/plain", "x-gesprekken": "1"},  # what a cross-site form can send
        {"content-type": "application/x-www-form-urlencoded", "x-gesprekken": "1"},
        {**WRITE, "origin": "https://elders.example"},
        {**WRITE, "sec-fetch-site": "cross-site"},
    ]
    for headers in refused:
        assert client.post(f"{DESK}/tekst", body, headers=headers).status_code == 403, headers
    assert (
        client.post(
            f"{DESK}/tekst", "turn=0&text=Gekaapt", headers={"content-type": "application/x-www-form-urlencoded"}
        ).status_code
        == 403
    )
    assert path_of(workspace).read_text(encoding="utf-8") == original
    assert client.get(f"{DESK}/tekst").status_code == 405
    assert client.post(f"{DESK}/tekst", "{niet json", headers=WRITE).status_code == 400
    assert client.post(f"{DESK}/tekst", {"turn": 0, "text": "zonder versie"}).status_code == 400
    assert client.post(f"{DESK}/tekst", {**body, "text": "x" * 70_000}).status_code == 413
    assert client.post(f"{DESK}/bestaatniet", body).status_code == 404
    assert client.get("/-/gesprekken/redactie/bestaatniet").status_code == 404
    assert client.post(f"{DESK}/tekst", body).status_code == 200


def test_a_stale_save_is_a_conflict_with_both_versions(workspace, client):
    version = client.version()
    first = client.post(f"{DESK}/tekst", {"version": version, "turn": 1, "text": "De eerste redacteur schreef dit."})
    assert first.status_code == 200 and first.json()["state"]["version"] != version
    second = client.post(f"{DESK}/tekst", {"version": version, "turn": 1, "text": "De tweede schreef iets anders."})
    assert second.status_code == 409
    conflict = second.json()
    assert conflict["current"]["turns"][1]["text"] == "De eerste redacteur schreef dit."
    assert conflict["yours"]["text"] == "De tweede schreef iets anders."
    assert transcript.read(path_of(workspace)).turns[1].text == "De eerste redacteur schreef dit."
    history = client.get(f"{DESK}/geschiedenis").json()
    assert history[0]["detail"]["after"] == "De eerste redacteur schreef dit."
    # what an open page asks to learn of it: the version now, and who made it with what
    latest = client.get(f"{DESK}/versie").json()
    assert latest["version"] == first.json()["state"]["version"] == version_of(path_of(workspace).read_text("utf-8"))
    assert (latest["by"]["actor"], latest["by"]["summary"]) == (history[0]["actor"], history[0]["summary"])
    path_of(workspace).write_text(path_of(workspace).read_text("utf-8") + "\n", encoding="utf-8")  # by hand
    latest = client.get(f"{DESK}/versie").json()
    assert latest["by"] is None and latest["version"] == version_of(path_of(workspace).read_text("utf-8"))
    # a hand edit back to what an earlier save made is no save of that editor's (a reviewer's read): only the newest
    # entry says who made the version now
    first_text = path_of(workspace).read_text("utf-8")[:-1]
    again = client.post(f"{DESK}/tekst", {"version": latest["version"], "turn": 1, "text": "Een derde versie."})
    assert again.status_code == 200 and client.get(f"{DESK}/versie").json()["by"]["actor"] == "editor"
    path_of(workspace).write_text(first_text, encoding="utf-8")
    answer = client.get(f"{DESK}/versie").json()
    assert {k: answer[k] for k in ("version", "by")} == {"version": version_of(first_text), "by": None}
    assert answer["edit"] == client.get(f"{DESK}.json").json()["history"][0]["id"]  # the newest save, for a page


def test_a_split_sent_again_on_a_newer_version_splits_before_the_word_the_editor_clicked(workspace, client):
    """An attack (session 56): A chose to split before "Daarom"; B meanwhile corrected two words of the turn into
    one; A's "Mijn versie opslaan" sent word 9 again and split before "willen". The word clicked goes with the split:
    made before it on the newer version, or refused where the turn no longer says it once."""
    path = path_of(workspace)
    seen = client.version()
    turn = transcript.read(path).turns[1]
    tokens = turn.text.split()
    at = next(k for k in range(len(tokens) - 1, 2, -1) if tokens.count(tokens[k]) == 1)  # (a word said once)
    # another editor joins the first two words into one: every word after moves one place
    joined = " ".join([tokens[0] + tokens[1], *tokens[2:]])
    body = {"version": seen, "turn": 1, "text": joined, "start": turn.start, "was": turn.text}
    assert client.post(f"{DESK}/tekst", body).status_code == 200
    body = {"version": client.version(), "turn": 1, "start": turn.start, "word": at, "woord": tokens[at]}
    answer = client.post(f"{DESK}/splits", body)
    assert answer.status_code == 200, answer.text
    parts = transcript.read(path).turns[1:3]
    assert parts[1].text.split()[0] == tokens[at] and parts[0].text.split()[-1] == tokens[at - 1], parts
    # a word the turn no longer says: refused, nothing changed
    before = path.read_bytes()
    body = {"version": client.version(), "turn": 1, "start": turn.start, "word": 2, "woord": "Nergens"}
    answer = client.post(f"{DESK}/splits", body)
    assert answer.status_code == 400 and "“Nergens” staat niet meer in" in answer.json()["error"], answer.text
    assert path.read_bytes() == before


def test_a_change_carried_over_a_split_never_lands_on_another_turn(workspace, client):
    """Another editor split a turn before the one this editor corrected: the conflict panel's
    "Mijn versie opslaan" sends the change again on the new version; the turn's start says which
    turn was meant, and the turn that now has the old number keeps its words."""
    state = client.get(f"{DESK}.json").json()
    later = state["turns"][3]
    split = client.post(f"{DESK}/splits", {"version": state["version"], "turn": 2, "word": 2})
    assert split.status_code == 200
    now = split.json()["state"]
    assert now["turns"][3]["start"] != later["start"]  # number 3 is now the second half of turn 2
    body = {"version": now["version"], "turn": 3, "start": later["start"], "text": "Dat herken ik."}
    others = {
        "tekst": {},
        "verplaats": {"speaker": "Marloes van der Heijden"},
        "splits": {"word": 1},
        "samenvoegen": {"zeker": True},
    }
    for action, extra in others.items():
        refused = client.post(f"{DESK}/{action}", {**body, **extra})
        assert refused.status_code == 400, (action, refused.text)
        assert refused.json()["error"].startswith("De beurt die je om 00:"), refused.json()
        assert "zag beginnen, staat niet meer op die plek (daar staat nu de beurt om 00:" in refused.json()["error"]
    assert transcript.read(path_of(workspace)).turns[3].text == now["turns"][3]["text"]
    # Its new number, with the same start, is the turn the editor meant.
    saved = client.post(f"{DESK}/tekst", {**body, "turn": 4})
    assert saved.status_code == 200 and transcript.read(path_of(workspace)).turns[4].text == "Dat herken ik."


def test_hostile_text_through_every_field_is_stored_as_text_and_shown_escaped(workspace, client):
    def save(action, **body):
        response = client.post(f"{DESK}/{action}", {"version": client.version(), **body})
        assert response.status_code == 200, (action, response.text)

    save("tekst", turn=0, text=f"{HOSTILE} Goedemiddag.")
    save("tekst", turn=2, text=f"We moeten {HOSTILE} starten.")
    save("spreker", speaker="Joost de Boer", name="<img src=x onerror=alert(3)>", zeker=True)
    save("verplaats", turn=3, speaker="<script>alert(4)</script>")
    save("splits", turn=4, word=2, speaker="<b>kop</b>")
    save("kop", text=HOSTILE)
    save("citaat", text=f"{HOSTILE} Goedemiddag.", choice="accept")
    save("actiepunt", text=f"We moeten {HOSTILE} starten.", choice="accept")
    save("inleiding", text=HOSTILE)
    assert (
        client.post(f"{DESK}/thema", {"version": client.version(), "theme": HOSTILE, "choice": "accept"}).status_code
        == 400
    )
    assert (
        client.post(
            f"{DESK}/publicatie", {"version": client.version(), "status": "internal", "participant": HOSTILE}
        ).status_code
        == 400
    )

    conversation = transcript.read(path_of(workspace))
    assert conversation.turns[0].text.startswith(HOSTILE) and conversation.analysis["intro"] == HOSTILE
    assert "<img src=x onerror=alert(3)>" in {t.speaker for t in conversation.turns}
    for path in (
        DESK,
        f"/-/gesprekken/gesprek/{SAMPLE_ID}",
        "/-/gesprekken/zoeken?q=alert",
        f"{DESK}/download/artikel.html",
    ):
        html = client.get(path).text
        for payload in PAYLOADS:
            assert payload not in html, (path, payload)
    state = client.get(f"{DESK}.json").json()  # JSON holds the text as text, for the page to show as text
    assert state["analysis"]["intro"] == HOSTILE


def test_the_desk_shows_no_player_where_the_recording_is_not_there(workspace, client):
    """The desk showed a player for a conversation whose recording file was gone: every play a 404.
    As on the conversation page, no player where the audio route serves none, and the desk says which
    recording is missing; the transcript can still be edited."""
    audio = f"/-/gesprekken/audio/{SAMPLE_ID}"
    page = client.get(DESK).text
    assert page.count("<audio") == 1 and f'src="{audio}"' in page and "Geen opname" not in page
    ((stored,),) = db_rows(workspace, "SELECT recording FROM conversations WHERE id = ?", [SAMPLE_ID])
    (workspace / "transcripts" / stored).resolve().unlink()
    assert client.get(audio).status_code == 404
    page = client.get(DESK)
    assert page.status_code == 200
    assert "<audio" not in page.text and audio not in page.text
    assert "Geen opname" in page.text and Path(stored).name in page.text
    assert "<audio" not in client.get(f"/-/gesprekken/gesprek/{SAMPLE_ID}").text  # as the conversation page
    saved = client.post(f"{DESK}/tekst", {"version": client.version(), "turn": 0, "text": "Goedemiddag allemaal."})
    assert saved.status_code == 200


# Every table that holds a conversation's rows, and how to find them (the analysis is among them).
CONVERSATION_ROWS = {
    "conversations": "id = :cid",
    "participants": "conversation_id = :cid",
    "speakers": "conversation_id = :cid",
    "voice_profiles": "conversation_id = :cid",
    "turns": "conversation_id = :cid",
    "words": "turn_id IN (SELECT id FROM turns WHERE conversation_id = :cid)",
    "turn_themes": "turn_id IN (SELECT id FROM turns WHERE conversation_id = :cid)",
    "entities": "conversation_id = :cid",
    "quotes": "conversation_id = :cid",
    "quote_themes": "quote_id IN (SELECT id FROM quotes WHERE conversation_id = :cid)",
    "action_points": "conversation_id = :cid",
    "action_point_themes": "action_point_id IN (SELECT id FROM action_points WHERE conversation_id = :cid)",
    "conversation_themes": "conversation_id = :cid",
}


def conversation_rows(db: Path, cid: str) -> dict[str, list]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {
            table: sorted(
                (dict(row) for row in conn.execute(f"SELECT * FROM {table} WHERE {where}", {"cid": cid})), key=repr
            )
            for table, where in CONVERSATION_ROWS.items()
        }


def test_a_save_reanalyses_only_the_changed_turn_and_gives_the_rows_a_fresh_load_gives(workspace, client, tmp_path):
    from gesprekken.analyse import pipeline

    def save(action, **body):
        response = client.post(f"{DESK}/{action}", {"version": client.version(), **body})
        assert response.status_code == 200 and response.json()["saved"], (action, response.text)

    state = client.get(f"{DESK}.json").json()
    save("tekst", turn=0, text=state["turns"][0]["text"] + " Welkom bij de woonconferentie.")  # warms the turns
    nlp = pipeline(Workspace(workspace / "transcripts", db=workspace / "gesprekken.db").thesaurus)
    analysed: list[str] = []
    pipe = nlp.pipe

    def counting(texts, *args, **kwargs):
        texts = list(texts)
        analysed.extend(t if isinstance(t, str) else t.text for t in texts)  # texts, or docs made of them
        return pipe(texts, *args, **kwargs)

    nlp.pipe = counting
    try:
        edited = "De huurachterstanden lopen op, dus de schuldhulpverlening moet eerder beginnen."
        save("tekst", turn=2, text=edited)
        assert analysed == [edited]  # one turn through spaCy, not all seven
        # A turn with an action point goes to the other speaker: whose point it is changes with it.
        state = client.get(f"{DESK}.json").json()
        point, moved = next(
            (p, t)
            for p in state["action_points"]
            for t in state["turns"]
            if t["index"] != 2 and t["start"] <= p["start"] < t["end"]
        )
        other = next(p["name"] for p in state["participants"] if p["name"] != moved["speaker"])
        save("verplaats", turn=moved["index"], speaker=other)
        save("kop", text=edited)
        save("citaat", text=client.get(f"{DESK}.json").json()["quotes"][-1]["text"], choice="reject")
        save("thema", theme="armoede", choice="accept")
    finally:
        del nlp.pipe
    assert edited not in analysed[1:]  # a move, the headline and the choices reuse what was analysed

    fresh = tmp_path / "fresh"
    (fresh / "transcripts").mkdir(parents=True)
    shutil.copy(path_of(workspace), fresh / "transcripts")
    gesprekken = Path(sys.executable).parent / "gesprekken"  # a new process: nothing analysed before
    subprocess.run([gesprekken, "load", "--quiet"], cwd=fresh, check=True, capture_output=True)
    kept, loaded = (
        conversation_rows(workspace / "gesprekken.db", SAMPLE_ID),
        conversation_rows(fresh / "gesprekken.db", SAMPLE_ID),
    )
    assert kept["turns"][2]["text"] == edited and kept["quotes"] and kept["conversation_themes"]
    assert (point["text"], other) in [(row["text"], row["speaker"]) for row in kept["action_points"]]
    assert any(row["theme"] == "armoede" for row in kept["conversation_themes"])
    for table in CONVERSATION_ROWS:
        assert kept[table] == loaded[table], table


def test_words_whisper_was_unsure_of_are_marked_and_lose_the_mark_once_corrected(workspace, client):
    from gesprekken.desk import LOW_PROBABILITY, UNCERTAIN

    conversation = transcript.read(path_of(workspace))
    heard = [w for turn in conversation.turns for w in turn.words]
    assert heard and all(w.probability is not None and 0.0 <= w.probability <= 1.0 for w in heard)
    assert "~" in path_of(workspace).read_text(encoding="utf-8").split("<!-- woorden:")[1]  # kept in the file
    state = client.get(f"{DESK}.json").json()
    assert state["word_probabilities"] is True and state["low_probability"] == LOW_PROBABILITY
    words = [(turn["index"], n, *word) for turn in state["turns"] for n, word in enumerate(turn["words"])]
    unsure = [w for w in words if w[5] == UNCERTAIN]
    # Whisper base mishears the sample (betalingzachter, schoepelverlening, Afkussproken): some are marked.
    assert unsure and all(w[6] < LOW_PROBABILITY for w in unsure)
    # Whisper is unsure of the names its prompt spelled for it, and writes them right: not marked.
    names = " ".join(f"{p.name} {p.role} {p.organisation}" for p in conversation.participants).casefold().split()
    low = [w for w in words if w[6] < LOW_PROBABILITY and w[5] != "gerepareerd"]
    assert [w for w in low if w[5] != UNCERTAIN] == [w for w in low if w[4].strip(".,!?").casefold() in names]
    assert 0.03 < len(unsure) / len(words) < 0.4  # a place to start listening, not every other word
    # The editor corrects a marked word: the word is theirs now, and no longer marked.
    turn, index = unsure[0][0], unsure[0][1]
    tokens = state["turns"][turn]["text"].split()
    tokens[index] = "Gecorrigeerd"
    saved = client.post(f"{DESK}/tekst", {"version": state["version"], "turn": turn, "text": " ".join(tokens)}).json()
    word = saved["state"]["turns"][turn]["words"][index]
    assert word[2] == "Gecorrigeerd" and word[3] == "" and word[4] is None
    # Two words Whisper heard apart, one of them unsure, joined by the editor ("in schakelen." to
    # "inschakelen."): the same letters, but the editor's word now, not Whisper's doubt.
    state = saved["state"]
    words = [(turn["index"], n, *word) for turn in state["turns"] for n, word in enumerate(turn["words"])]
    turn, index = next(
        (w[0], w[1]) for w in words if w[5] == UNCERTAIN and w[1] + 1 < len(state["turns"][w[0]]["words"])
    )
    tokens = state["turns"][turn]["text"].split()
    tokens[index : index + 2] = [tokens[index].rstrip(".,!?") + tokens[index + 1]]
    saved = client.post(f"{DESK}/tekst", {"version": state["version"], "turn": turn, "text": " ".join(tokens)}).json()
    word = saved["state"]["turns"][turn]["words"][index]
    assert word[2] == tokens[index] and word[3] == "" and word[4] is None


def test_a_voice_is_named_by_its_label_as_well_as_by_its_current_name(workspace, client):
    state = client.get(f"{DESK}.json").json()
    joost = next(s for s in state["speakers"] if s["name"] == "Joost de Boer")
    assert joost["label"] != joost["name"]
    body = {"version": client.version(), "speaker": joost["label"], "name": "Joost de Boer-Smit"}
    asked = client.post(f"{DESK}/spreker", body)  # another spelling of his name renames him everywhere: asked first
    assert asked.status_code == 400 and asked.json()["confirm"] and "andere spelling" in asked.json()["error"]
    response = client.post(f"{DESK}/spreker", {**body, "zeker": True})
    assert response.status_code == 200 and response.json()["saved"], response.text
    names = {s["label"]: s["name"] for s in client.get(f"{DESK}.json").json()["speakers"]}
    assert names[joost["label"]] == "Joost de Boer-Smit"
    assert "Joost de Boer-Smit" in {t.speaker for t in transcript.read(path_of(workspace)).turns}
    unknown = client.post(f"{DESK}/spreker", {"version": client.version(), "speaker": "Spreker 9", "name": "X"})
    assert unknown.status_code == 400 and "Spreker 9" in unknown.json()["error"]


def test_a_swap_gives_the_other_voice_a_name_an_editor_gave_off_the_programme(workspace):
    """A voice an editor named "Henk Jansen" (a moderator not on the programme) swapped with another
    voice: the other voice is Henk Jansen now. It used to get its bare label, losing the name."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    desk.name_speaker(version(), "Marloes van der Heijden", "Henk Jansen", force=True)  # against her introduction
    before = transcript.read(desk.path)
    henk = [t.text for t in before.turns if t.speaker == "Henk Jansen"]
    joost = [t.text for t in before.turns if t.speaker == "Joost de Boer"]
    desk.name_speaker(version(), "Henk Jansen", "Joost de Boer", swap=True, force=True)
    after = transcript.read(desk.path)
    assert [t.text for t in after.turns if t.speaker == "Joost de Boer"] == henk
    assert [t.text for t in after.turns if t.speaker == "Henk Jansen"] == joost
    assert {s.name for s in after.speakers} == {"Henk Jansen", "Joost de Boer"}


@pytest.mark.parametrize("how", ["verplaats", "splits"])
def test_words_of_a_withdrawn_participant_are_not_given_to_a_name_off_the_programme(workspace, how):
    """Moving (or splitting off) a withdrawn participant's turn to a name off the programme made it
    an unnamed voice's, which would no longer follow their consent (nor a forget)."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    desk = desk_of(workspace)
    conversation = transcript.read(desk.path)
    index = next(n for n, t in enumerate(conversation.turns) if t.speaker == "Joost de Boer")
    said = conversation.turns[index].text.split()
    source = desk.path.read_bytes()
    version = version_of(source.decode("utf-8"))
    with pytest.raises(DeskError, match="toestemming ingetrokken.*openbaar"):
        if how == "verplaats":
            desk.move_turn(version, index, "Piet Pan")
        else:
            desk.split_turn(version, index, 1, "Piet Pan")
    assert desk.path.read_bytes() == source
    assert " ".join(said[1:4]).encode() not in ws.public_copy().read_bytes()
    # To a participant (naming had the turn wrong) it goes. This is his introduction ("En ik ben Joost de Boer"):
    # under Marloes's name her voice then introduces itself as him, so nothing of it shows and nothing is asked,
    # but the save says why all her turns are now kept back (a newcomer's run: the desk only marked them).
    saved = desk.move_turn(version, index, MARLOES)
    assert f"let op: {MARLOES} stelt zich nu voor als Joost de Boer, die niet openbaar is" in saved["summary"]
    assert {t["withheld"] for t in desk.state()["turns"] if t["speaker"] == MARLOES} == {"withdrawn"}


@pytest.mark.parametrize("how", ["verplaats", "splits"])
def test_giving_a_withdrawn_participants_turn_to_someone_published_asks_first(workspace, client, how):
    """A newcomer's run: with Joost de Boer withdrawn, one pick in a turn's speaker menu (or a split whose
    second part went to Marloes) put his words on the live site and his voice in the public recording at once,
    without a question, where publishing anyone asks first. The desk asks now (400, confirm), writes nothing
    until the editor confirms, and then the words show under the name given (naming may have had it wrong)."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    confirm_voices(workspace)
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    conversation = transcript.read(path_of(workspace))
    # his last turn (the first introduces him: under Marloes's name it would hold back her voice instead)
    index = [n for n, t in enumerate(conversation.turns) if t.speaker == "Joost de Boer"][-1]
    said = conversation.turns[index].text.split()
    probe = " ".join(said[1:])  # the words that go to Marloes, both ways

    def public_turns() -> list:
        with sqlite3.connect(ws.public_copy()) as db:
            return db.execute("select speaker from turns where text like ?", (f"%{probe}",)).fetchall()

    assert public_turns() == []
    source = path_of(workspace).read_bytes()
    body = {"version": client.version(), "turn": index, "speaker": MARLOES}
    if how == "splits":
        body["word"] = 1
    asked = client.post(f"{DESK}/{how}", body)
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    error = asked.json()["error"]
    assert "Joost de Boer, die heeft de toestemming ingetrokken" in error and f"onder {MARLOES}" in error
    assert "meteen openbaar" in error
    assert path_of(workspace).read_bytes() == source
    assert public_turns() == []
    confirmed = client.post(f"{DESK}/{how}", {**body, "zeker": True})
    assert confirmed.status_code == 200 and confirmed.json()["saved"], confirmed.text
    assert public_turns() == [(MARLOES,)]
    # Between two published speakers nothing is asked, and a turn given to the withdrawn one is not public.
    conversation = transcript.read(path_of(workspace))
    mine = next(n for n, t in enumerate(conversation.turns) if t.speaker == MARLOES)
    back = client.post(f"{DESK}/verplaats", {"version": client.version(), "turn": mine, "speaker": "Joost de Boer"})
    assert back.status_code == 200 and back.json()["saved"], back.text


def test_a_withdrawal_taken_back_by_an_older_copy_of_the_file_is_asked_about(workspace):
    """An attack (session 55): Joost withdrawn at the desk, a headline pinned, then an older copy of the transcript
    written back (an editor's open buffer, a sync client): load took it in without a word, and his turns were public
    again. Load asks now, the rows kept as they were; the desk's next save says so; 'load --yes' shows them. The
    desk's own ways back (Publicatie, an undo of the withdrawal, each asked first) go through at once."""
    from conftest import run

    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    confirm_voices(workspace)
    path = path_of(workspace)
    older = path.read_text(encoding="utf-8")
    his = next(t.text for t in transcript.read(path).turns if t.speaker == "Joost de Boer")

    def public() -> bool:
        with sqlite3.connect(ws.public_copy()) as db:
            return bool(db.execute("select 1 from turns where text = ?", [his]).fetchall())

    desk = desk_of(workspace)
    desk.set_status(version_of(older), "withdrawn", participant="Joost de Boer", force=True)
    assert not public()
    path.write_text(older, encoding="utf-8")
    # the desk says it before any load does (a second reviewer's read: no word of it)
    assert "Joost de Boer, ingetrokken, is dat er niet meer" in (desk.state()["held_back"] or "")
    result = run("load", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert "Joost de Boer, withdrawn, is no longer withdrawn in it, by hand or by an older copy" in said
    assert f"'gesprekken load --yes {SAMPLE_ID[:8]}'" in said and "give the participant's status" in said
    assert not public()
    # a save at the desk meanwhile is written, and says why the conversation stays off the site
    with pytest.raises(PublicNotUpdated, match="Joost de Boer, ingetrokken, is dat er niet meer"):
        desk.set_intro(version_of(older), "Een gesprek over wederkerigheid in de wijk.")
    assert not public()
    assert run("load", "--yes", SAMPLE_ID[:8], cwd=workspace).exit_code == 0
    assert public()
    # the desk's own way back asks first, and then needs no load
    text = path.read_text(encoding="utf-8")
    desk.set_status(version_of(text), "withdrawn", participant="Joost de Boer", force=True)
    assert not public()
    desk.set_status(version_of(path.read_text(encoding="utf-8")), "published", participant="Joost de Boer", force=True)
    assert public() and run("load", cwd=workspace).exit_code == 0
    desk.set_status(version_of(path.read_text(encoding="utf-8")), "withdrawn", participant="Joost de Boer", force=True)
    with pytest.raises(NeedsConfirmation):
        desk.undo(version_of(path.read_text(encoding="utf-8")))
    desk.undo(version_of(path.read_text(encoding="utf-8")), force=True)
    assert public() and run("load", cwd=workspace).exit_code == 0


def test_desk_changes_an_older_copy_of_the_file_undoes_are_said_once_and_noted_in_the_history(workspace):
    """An attack (session 56): a text editor's buffer, open since before the desk's saves, written back: load said
    the corrected word, and nothing of a turn moved, a turn split, a role, the intro, a pinned headline; the desk's
    history still listed them as saved. Each is said now, by load and by the next desk save, and noted in the
    history once (the next load says nothing more)."""
    from conftest import run

    path = path_of(workspace)
    older = path.read_text(encoding="utf-8")
    desk = desk_of(workspace)
    version = lambda: version_of(path.read_text(encoding="utf-8"))  # noqa: E731
    conversation = transcript.read(path)
    last = len(conversation.turns) - 1
    desk.move_turn(version(), last, "Joost de Boer" if conversation.turns[last].speaker == MARLOES else MARLOES,
                   start=conversation.turns[last].start, force=True)  # fmt: skip
    desk.split_turn(version(), 1, 3, start=conversation.turns[1].start)
    desk.edit_participant(version(), "Joost de Boer", role="wethouder")
    desk.set_intro(version(), "Een gesprek over wederkerigheid.")
    path.write_text(older, encoding="utf-8")

    result = run("load", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "what was saved at the desk or by a command is undone in the file" in said, said
    assert "Joost de Boer's role is 'sectormanager wonen' again (was set to 'wethouder')" in said, said
    assert "split off, is part of the turn before it again" in said and "the intro is as before" in said, said
    assert f"is {conversation.turns[last].speaker}'s again" in said, said
    latest = desk.history()[0]
    assert latest["action"] == "teruggezet" and "de functie van Joost de Boer is weer" in latest["summary"], latest
    again = run("load", cwd=workspace)
    assert "undone in the file" not in again.output, again.output
    # the desk, the next change made there, says it too where it is the first to take such a file in
    desk.set_intro(version(), "Een gesprek over wederkerigheid.")
    path.write_text(older, encoding="utf-8")
    saved = desk.edit_participant(version(), "Joost de Boer", organisation="Gemeente Zwolle")
    assert saved is not None and "zette terug: de inleiding is weer als ervoor" in saved["summary"], saved


def test_a_voice_merged_with_itself_at_the_desk_is_refused_and_confirms_nothing(workspace):
    """An attack (session 56): 'Dezelfde stem als' itself, sent by hand, confirmed the voice's automatic name (the
    command refuses it)."""
    path = path_of(workspace)
    before = path.read_bytes()
    label = next(s.label for s in transcript.read(path).speakers if s.name == "Joost de Boer")
    with pytest.raises(DeskError, match="dezelfde stem"):
        desk_of(workspace).name_speaker(version_of(before.decode("utf-8")), label, "Joost de Boer", merge=True)
    assert path.read_bytes() == before


def test_withdrawn_again_at_the_desk_after_an_older_copy_took_it_back_is_written_in_the_file(workspace):
    """An attack (session 56): the page's banner says "trek weer in onder Publicatie" where an older copy of the file
    took a withdrawal back; choosing 'ingetrokken' answered "Niets veranderd" (the rows said so already), the file
    kept 'published', and the conversation stayed off the site. Now it is written in the file."""
    confirm_voices(workspace)
    path = path_of(workspace)
    older = path.read_text(encoding="utf-8")
    desk = desk_of(workspace)
    desk.set_status(version_of(older), "withdrawn", participant="Joost de Boer", force=True)
    path.write_text(older, encoding="utf-8")
    assert desk.state()["held_back"]
    saved = desk.set_status(version_of(older), "withdrawn", participant="Joost de Boer")
    assert saved is not None and saved["summary"].startswith("Publicatie: Joost de Boer openbaar → ingetrokken")
    assert transcript.read(path).status_of("Joost de Boer") == "withdrawn"
    assert not desk.state()["held_back"]
    assert run("load", cwd=workspace).exit_code == 0


def test_a_withdrawal_from_a_page_before_another_editors_save_elsewhere_is_made_at_once(workspace):
    """An attack (session 56): editor A corrected a word; editor B, whose page had not taken that in, withdrew Joost:
    B got the conflict panel, and Joost stayed on the site until B pressed "Mijn versie opslaan". Less public than
    it is now is made on the newer version at once; more public still needs the version the editor saw."""
    confirm_voices(workspace)
    path = path_of(workspace)
    seen = version_of(path.read_text(encoding="utf-8"))
    conversation = transcript.read(path)
    first = conversation.turns[0]
    desk_of(workspace, "a").edit_text(seen, 0, first.text + " Echt.", start=first.start, was=first.text)
    desk = desk_of(workspace, "b")
    assert desk.set_status(seen, "withdrawn", participant="Joost de Boer", force=True) is not None
    assert transcript.read(path).status_of("Joost de Boer") == "withdrawn"
    assert db_rows(workspace, "SELECT status FROM participants WHERE name = 'Joost de Boer'") == [("withdrawn",)]
    assert desk.set_status(seen, "internal") is not None
    assert transcript.read(path).status == "internal"
    with pytest.raises(StaleTranscript):
        desk.set_status(seen, "published", force=True)
    assert transcript.read(path).status == "internal"
    # not where another editor decided since: A's page showed Joost withdrawn and takes that back to internal; B
    # published him meanwhile: A's change would undo B's, unasked (a helper's attack)
    shown = version_of(path.read_text(encoding="utf-8"))
    desk_of(workspace, "b").set_status(shown, "published", participant="Joost de Boer", force=True)
    with pytest.raises(StaleTranscript):
        desk_of(workspace, "a").set_status(shown, "internal", participant="Joost de Boer", force=True, seen="withdrawn")
    assert transcript.read(path).status_of("Joost de Boer") == "published"
    # but a withdrawal goes through whatever the page showed: it must not wait on a panel while he is public
    desk_of(workspace, "a").set_status(shown, "withdrawn", participant="Joost de Boer", force=True, seen="internal")
    assert transcript.read(path).status_of("Joost de Boer") == "withdrawn"


def test_a_save_while_another_process_writes_waits_for_it_and_one_that_cannot_leaves_the_file_as_it_was(
    workspace, monkeypatch
):
    """An attack (session 55): a desk save while a load held the database's write lock failed at once ("database is
    locked", an HTML 500 page), though the correction was in the file, with no history entry and no undo, and a
    retry met a conflict with itself. A save now waits for the other writer (BEGIN IMMEDIATE); one that waits in vain
    leaves the file as it was and says why, in one sentence."""
    import threading

    import gesprekken.storage
    from gesprekken.errors import GesprekkenError

    monkeypatch.setattr(gesprekken.storage, "BUSY_WAIT", 2.0)
    path = path_of(workspace)
    turn = transcript.read(path).turns[4]
    other = sqlite3.connect(workspace / "gesprekken.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # a load writing, for a second
    threading.Timer(1.0, lambda: other.execute("COMMIT")).start()
    desk = desk_of(workspace)
    before = path.read_text(encoding="utf-8")
    desk.edit_text(version_of(before), 4, turn.text + " Echt.", start=turn.start)
    assert "Echt." in path.read_text(encoding="utf-8")
    assert sqlite3.connect(workspace / "gesprekken.db").execute(
        "SELECT count(*) FROM turns WHERE text LIKE '%Echt.'"
    ).fetchone() == (1,)
    other.execute("BEGIN IMMEDIATE")  # and now for longer than a save waits
    try:
        before = path.read_text(encoding="utf-8")
        edits = len(desk.history())
        with pytest.raises(
            GesprekkenError, match=r"de database is bezet: een ander commando .* probeer het zo opnieuw"
        ):
            desk.edit_text(version_of(before), 4, turn.text + " Nogmaals.", start=turn.start)
        assert path.read_text(encoding="utf-8") == before and len(desk.history()) == edits
    finally:
        other.execute("ROLLBACK")


def withdrawn_unintroduced(workspace: Path):
    """The sample with every voice confirmed, Joost de Boer's own introduction gone (a moderator introduced him)
    and Joost withdrawn; returns a function giving the public copy's speaker of one of his turns."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    confirm_voices(workspace)
    text = path_of(workspace).read_text(encoding="utf-8")
    unintroduced = re.sub(r"[Ii]k ben Joost de Boer,?", "ik werk", text)
    assert unintroduced != text
    path_of(workspace).write_text(unintroduced, encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    conversation = transcript.read(path_of(workspace))
    probe = next(t.text for t in conversation.turns if t.speaker == "Joost de Boer" and len(t.text.split()) > 6)

    def public_turns() -> list:
        with sqlite3.connect(ws.public_copy()) as db:
            return db.execute("select speaker from turns where text = ?", (probe,)).fetchall()

    return public_turns


def test_the_command_merges_a_withdrawn_participants_voice_into_a_published_one_only_with_force(workspace):
    """The same through `gesprekken speakers --merge`: refused in one sentence, the transcript unchanged, until
    --force."""
    public_turns = withdrawn_unintroduced(workspace)
    source = path_of(workspace).read_bytes()
    for _ in range(2):  # and again: nothing changed by the first
        refused = run("speakers", SAMPLE_ID[:8], "--merge", f"Joost de Boer={MARLOES}", cwd=workspace)
        assert refused.exit_code == 1, refused.output
        said = " ".join(refused.output.split())
        assert (
            f"The words of Joost de Boer in {path_of(workspace).name} are not public (Joost de Boer is withdrawn)"
            in said
        )
        assert "pass --force" in said and "is unchanged" in said
        assert path_of(workspace).read_bytes() == source and public_turns() == []
    merged = run("speakers", SAMPLE_ID[:8], "--merge", f"Joost de Boer={MARLOES}", "--force", cwd=workspace)
    assert merged.exit_code == 0, merged.output
    assert public_turns() == [(MARLOES,)]


def test_the_command_refuses_to_show_a_misspelt_or_unlisted_name_and_names_an_unnamed_voice(tmp_path):
    """A reviewer's finding: the command's refusal read only a listed participant who is not published, so
    'Joost de Bor' (his name misspelt in a heading, held as his), a name off the programme and a swap of them still
    went public under Ann's name. Refused now; an unnamed voice is named as the notes say, and a name in other
    case is respelt."""
    from gesprekken.corrections import ShowsWithheld, refuse_showing
    from gesprekken.transcript import Conversation, Participant, Turn

    people = [Participant("Ann Bos", status="published"), Participant("Joost de Boer", status="withdrawn")]

    def talk(*speakers: str) -> Conversation:
        turns = [Turn(who, 3.0 * n, 3.0 * n + 2.0, f"Zin {n} van de stem.") for n, who in enumerate(speakers)]
        return Conversation(id="a1b2c3d4e5f6", title="T", participants=people, turns=turns, status="published")

    for old in ("Joost de Bor", "Piet Jansen", "Joost de Boer"):
        with pytest.raises(ShowsWithheld, match=f"The words of {old} in t.md are not public"):
            refuse_showing(tmp_path / "t.md", talk("Ann Bos", old), talk("Ann Bos", "Ann Bos"))
    refuse_showing(tmp_path / "t.md", talk("Ann Bos", "Spreker 3"), talk("Ann Bos", "Ann Bos"))
    people[1] = Participant("Joost de Boer", status="published")
    refuse_showing(tmp_path / "t.md", talk("Ann Bos", "joost de boer"), talk("Ann Bos", "Joost de Boer"))


@pytest.mark.parametrize("how", ["merge", "swap"])
def test_merging_or_swapping_a_withdrawn_participants_voice_with_a_published_one_asks_first(workspace, client, how):
    """A helper's attack: with Joost de Boer withdrawn (a moderator introduced him: his own words do not), naming
    his voice "Dezelfde stem als" Marloes, or swapping the two names, put all his words on the live site at once,
    where moving one of his turns asks first. The desk asks now, writes nothing until the editor confirms."""
    public_turns = withdrawn_unintroduced(workspace)
    assert public_turns() == []
    source = path_of(workspace).read_bytes()
    body = {"version": client.version(), "speaker": "Joost de Boer", "name": MARLOES, how: True}
    asked = client.post(f"{DESK}/spreker", body)
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    error = asked.json()["error"]
    assert "Joost de Boer, die heeft de toestemming ingetrokken" in error and f"onder {MARLOES}" in error
    assert path_of(workspace).read_bytes() == source
    assert public_turns() == []
    confirmed = client.post(f"{DESK}/spreker", {**body, "zeker": True})
    assert confirmed.status_code == 200 and confirmed.json()["saved"], confirmed.text
    assert public_turns() == [(MARLOES,)]


def test_naming_a_withdrawn_participants_voice_off_the_programme_is_refused_in_the_desks_words(workspace, client):
    """Naming withdrawn Joost de Boer's voice "Piet Jansen" at the desk was refused by the command's
    check: a 409 that opened the conflict panel ("het gesprek is intussen gewijzigd", false) with an
    English sentence about --rename. It is the desk's refusal now: 400, in Dutch, nothing written."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    source = path_of(workspace).read_bytes()
    body = {"version": client.version(), "speaker": "Joost de Boer", "name": "Piet Jansen"}
    refused = client.post(f"{DESK}/spreker", body)
    assert refused.status_code == 400, refused.text
    assert "toestemming ingetrokken" in refused.json()["error"] and "--rename" not in refused.json()["error"]
    assert path_of(workspace).read_bytes() == source
    # Another spelling of their own name is theirs still, as for the command.
    respelt = client.post(f"{DESK}/spreker", {**body, "name": "Joost de Boer-Smit", "zeker": True})
    assert respelt.status_code == 200 and respelt.json()["saved"], respelt.text


def test_naming_a_voice_against_its_own_introduction_asks_the_editor_first(workspace, client):
    """The desk shares the rename of `gesprekken speakers`: a voice that introduces itself as one
    participant is given another's name only once the editor, having listened, confirms it."""
    state = client.get(f"{DESK}.json").json()
    marloes = next(s for s in state["speakers"] if s["name"] == "Marloes van der Heijden")
    source = path_of(workspace).read_bytes()
    body = {"version": client.version(), "speaker": marloes["label"], "name": "Ad Kok"}
    asked = client.post(f"{DESK}/spreker", body)
    assert asked.status_code == 400 and asked.json()["confirm"] is True
    assert "stelt zich voor als Marloes van der Heijden" in asked.json()["error"]
    assert path_of(workspace).read_bytes() == source
    confirmed = client.post(f"{DESK}/spreker", {**body, "zeker": True})
    assert confirmed.status_code == 200 and confirmed.json()["saved"], confirmed.text
    assert "Ad Kok" in {t.speaker for t in transcript.read(path_of(workspace)).turns}


# --- consent at the desk: what the public copy leaves out is marked, and no headline rests on it ----


def test_the_desk_marks_every_turn_voice_and_quote_the_public_copy_leaves_out(workspace, client):
    """An editor turning a published conversation into an article after Joost de Boer withdrew saw
    nothing of it at the desk: his turns, his voice and his quotes looked quotable. They are marked
    now with the status that keeps them out (publish.withheld_turns, as the conversation page and the
    search mark them), exactly the turns the public copy lacks; so is an unnamed voice kept back for
    an internal participant without a named voice."""
    confirm_voices(workspace)  # the rule asked here is another
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    unmarked = client.get(f"{DESK}.json").json()
    assert not any(t["withheld"] for t in unmarked["turns"]) and not any(q["withheld"] for q in unmarked["quotes"])
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)

    state = client.get(f"{DESK}.json").json()
    marked = {t["index"] for t in state["turns"] if t["withheld"]}
    assert marked == {t["index"] for t in state["turns"] if t["speaker"] == "Joost de Boer"} != set()
    assert {t["withheld"] for t in state["turns"]} == {None, "withdrawn"}
    with sqlite3.connect(ws.public_copy()) as public:
        kept = {seq - 1 for (seq,) in public.execute("SELECT seq FROM turns WHERE conversation_id = ?", [SAMPLE_ID])}
    assert marked == set(range(len(state["turns"]))) - kept  # exactly what the public copy leaves out
    assert {v["name"]: v["withheld"] for v in state["speakers"]} == {
        "Marloes van der Heijden": None,
        "Joost de Boer": "withdrawn",
    }
    assert {q["speaker"]: q["withheld"] for q in state["quotes"]} == {
        "Marloes van der Heijden": None,
        "Joost de Boer": "withdrawn",
    }
    assert all(
        p["withheld"] == ("withdrawn" if p["speaker"] == "Joost de Boer" else None) for p in state["action_points"]
    )

    # Joost consents again but is internal, and his voice is unnamed ("Spreker 2"): the rule keeps
    # every unnamed voice back, and the desk marks it as that participant's status.
    ws.publication(SAMPLE_ID, "published", participant="Joost de Boer", yes=True)
    named = client.post(
        f"{DESK}/spreker", {"version": client.version(), "speaker": "Joost de Boer", "name": "Spreker 2"}
    )
    assert named.status_code == 200, named.text
    ws.publication(SAMPLE_ID, "internal", participant="Joost de Boer", yes=True)
    state = client.get(f"{DESK}.json").json()
    assert {v["name"]: v["withheld"] for v in state["speakers"]} == {
        "Marloes van der Heijden": None,
        "Spreker 2": "internal",
    }
    assert {t["withheld"] for t in state["turns"] if t["speaker"] == "Spreker 2"} == {"internal"}


def test_a_headline_the_public_may_not_see_is_refused_and_one_stored_before_is_flagged(workspace, client):
    """'Maak kop' on withdrawn Joost de Boer's quote was accepted, and the downloaded article quietly
    had another headline. It is refused now with why and what to do; a headline pinned on his words
    before he withdrew is flagged in the desk's state (the page says the article takes another)."""
    confirm_voices(workspace)  # the rule asked here is another
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    quotes = client.get(f"{DESK}.json").json()["quotes"]
    his = next(q["text"] for q in quotes if q["speaker"] == "Joost de Boer")
    hers = next(q["text"] for q in quotes if q["speaker"] == "Marloes van der Heijden")
    pinned = client.post(f"{DESK}/kop", {"version": client.version(), "text": his})
    assert pinned.status_code == 200 and pinned.json()["state"]["headline_withheld"] is None, pinned.text
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)

    state = client.get(f"{DESK}.json").json()
    assert state["headline"] == his and state["analysis"]["headline"] == his  # stored, not silently replaced
    assert state["headline_withheld"] == "withdrawn"
    article = client.get(f"{DESK}/download/artikel.md")
    assert article.status_code == 200 and his.rstrip(".") not in article.text  # what the editor is warned of

    source = path_of(workspace).read_bytes()
    refused = client.post(f"{DESK}/kop", {"version": state["version"], "text": his})
    assert refused.status_code == 400, refused.text
    assert "current" not in refused.json()  # no conflict panel
    error = refused.json()["error"]
    assert "niet openbaar is (toestemming ingetrokken)" in error and "kies een ander citaat" in error, error
    assert path_of(workspace).read_bytes() == source
    chosen = client.post(f"{DESK}/kop", {"version": state["version"], "text": hers})
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["state"]["headline"] == hers and chosen.json()["state"]["headline_withheld"] is None


def test_a_voice_held_until_confirmed_is_marked_so_and_a_headline_from_it_points_to_stemmen(workspace, client):
    """Where Joost de Boer withdrew, Marloes's voice, named by automatic naming alone, stays from the
    public until an editor confirms it (Conversation.held_for_naming). The desk marked her turns
    "ingetrokken" and refused her sentence as headline with "toestemming ingetrokken": as if she had
    withdrawn. It says now that her voice is not confirmed yet, and points to Stemmen; once confirmed,
    her sentence may be the headline."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    hers = next(q["text"] for q in client.get(f"{DESK}.json").json()["quotes"] if q["speaker"] == MARLOES)
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    state = client.get(f"{DESK}.json").json()
    assert {t["withheld"] for t in state["turns"] if t["speaker"] == MARLOES} == {"unconfirmed"}
    assert {t["withheld"] for t in state["turns"] if t["speaker"] == "Joost de Boer"} == {"withdrawn"}
    source = path_of(workspace).read_bytes()
    refused = client.post(f"{DESK}/kop", {"version": state["version"], "text": hers})
    assert refused.status_code == 400, refused.text
    error = refused.json()["error"]
    assert "nog niet bevestigd" in error and "bevestig eerst de stem onder Stemmen" in error, error
    assert "ingetrokken" not in error and path_of(workspace).read_bytes() == source

    confirm_voices(workspace)
    chosen = client.post(f"{DESK}/kop", {"version": client.version(), "text": hers})
    assert chosen.status_code == 200 and chosen.json()["state"]["headline_withheld"] is None, chosen.text


def test_the_desk_says_whether_a_concept_keeps_a_headline_the_public_copy_drops(workspace, client):
    """The page told the editor that a concept keeps the headline only where its turn was internal: a
    headline in a voice held until confirmed (Marloes's, named automatically, where Joost is internal)
    is kept by a concept too, and one of a withdrawn person's words never is. The state says which, by
    the concept's own rule (export.publishable), and the concept download agrees."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    quotes = client.get(f"{DESK}.json").json()["quotes"]
    hers = next(q["text"] for q in quotes if q["speaker"] == MARLOES)
    pinned = client.post(f"{DESK}/kop", {"version": client.version(), "text": hers})
    assert pinned.status_code == 200 and pinned.json()["state"]["headline_in_concept"] is False, pinned.text
    ws.publication(SAMPLE_ID, "internal", participant="Joost de Boer", yes=True)
    state = client.get(f"{DESK}.json").json()
    assert state["headline_withheld"] == "unconfirmed" and state["headline_in_concept"] is True, state
    concept = client.get(f"{DESK}/download/artikel.md?concept=1")
    assert concept.status_code == 200 and hers.rstrip(".") in concept.text
    # named a concept, not as the public article (an editor's run, session 53)
    assert concept.headers["content-disposition"].endswith('-concept-artikel.md"'), concept.headers
    # the page says it by the download (a helper's run, session 54), from the concept's own note
    assert json.loads(concept.headers["x-gesprekken-concept"]) == concept.text.splitlines()[0][4:-2]
    # and so inside, with whose words in it are not public yet: Joost's (internal), hers (unconfirmed)
    first = concept.text.splitlines()[0]
    assert first.startswith("> **CONCEPT voor de redactie, niet publiceren of doorsturen.") and all(
        name in first for name in (MARLOES, "Joost de Boer")
    ), first
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    state = client.get(f"{DESK}.json").json()
    assert state["headline_withheld"] == "unconfirmed" and state["headline_in_concept"] is False, state
    concept = client.get(f"{DESK}/download/artikel.md?concept=1")
    assert concept.status_code == 200 and hers.rstrip(".") not in concept.text


def test_a_quote_the_public_may_not_see_is_refused_and_rejecting_one_stays_allowed(workspace, client):
    """'Selectie als citaat' on a sentence of withdrawn Joost de Boer was saved: the quote was marked
    at the desk and silently dropped from the public copy and the download. It is refused now as the
    headline is (a sentence, no conflict panel, nothing written), and so is 'Selectie als actiepunt';
    rejecting his quote, and taking that back ('Toch gebruiken'), stay allowed."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    state = client.get(f"{DESK}.json").json()
    his_turn = next(t for t in state["turns"] if t["withheld"] == "withdrawn" and len(t["text"].split()) > 6)
    selected = " ".join(his_turn["text"].split()[1:6])
    source = path_of(workspace).read_bytes()

    refused = client.post(f"{DESK}/citaat", {"version": state["version"], "text": selected, "choice": "accept"})
    assert refused.status_code == 400 and "current" not in refused.json(), refused.text
    error = refused.json()["error"]
    assert error.startswith("Deze zin kan geen citaat worden") and "(toestemming ingetrokken)" in error, error
    assert "wijzig eerst de toestemming onder Publicatie" in error, error
    assert path_of(workspace).read_bytes() == source
    # 'Selectie als actiepunt' likewise: dropped from the public copy's action points without a word.
    refused = client.post(f"{DESK}/actiepunt", {"version": state["version"], "text": selected, "choice": "accept"})
    assert refused.status_code == 400 and refused.json()["error"].startswith("Deze zin kan geen actiepunt worden")
    assert path_of(workspace).read_bytes() == source

    his = next(q["text"] for q in state["quotes"] if q["withheld"])
    rejected = client.post(f"{DESK}/citaat", {"version": state["version"], "text": his, "choice": "reject"})
    assert rejected.status_code == 200, rejected.text
    version = rejected.json()["state"]["version"]
    assert his in transcript.read(path_of(workspace)).analysis["remove_quotes"]
    # Taking the rejection back only undoes the editor's choice (the public copy keeps his turn back
    # either way; after he consents again his quote must not stay rejected): allowed.
    again = client.post(f"{DESK}/citaat", {"version": version, "text": his, "choice": "accept"})
    assert again.status_code == 200, again.text
    assert his not in (transcript.read(path_of(workspace)).analysis.get("remove_quotes") or [])


def test_a_download_says_whose_words_consent_left_out_of_it(workspace, client):
    """The command's export warns of what consent left out (a withdrawn participant, a pinned headline
    the article cannot have); the desk's download said nothing, and the editor sent an article without
    Joost de Boer's words unawares. The download says it now in a header the page shows by the link:
    Dutch, ASCII-safe JSON, names and statuses only, never the words left out."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    quotes = client.get(f"{DESK}.json").json()["quotes"]
    his = next(q["text"] for q in quotes if q["speaker"] == "Joost de Boer")
    assert client.post(f"{DESK}/kop", {"version": client.version(), "text": his}).status_code == 200
    assert "x-gesprekken-weggelaten" not in client.get(f"{DESK}/download/artikel.md").headers  # nothing left out
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)

    article = client.get(f"{DESK}/download/artikel.md")
    assert article.status_code == 200, article.text
    raw = article.headers["x-gesprekken-weggelaten"]
    assert raw.isascii()
    left_out = json.loads(raw)
    assert left_out[0] == "de woorden van Joost de Boer (toestemming ingetrokken)", left_out
    assert any(line.startswith("de kop die de redactie vastzette") for line in left_out), left_out
    assert his.rstrip(".").casefold() not in " ".join(left_out).casefold()
    data = client.get(f"{DESK}/download/data.json")
    # Her voice, named by automatic naming alone, stays out until an editor confirms it: the download says so.
    held = (
        "de beurten van Marloes van der Heijden, want die stem is alleen automatisch herkend en nog niet bevestigd; "
        "luister, en bevestig onder Stemmen"
    )
    assert held in left_out
    assert json.loads(data.headers["x-gesprekken-weggelaten"]) == [left_out[0], held]  # no headline in the data
    sheet = client.get(f"{DESK}/download/data.xlsx")  # the spreadsheet leaves out what the JSON does
    assert sheet.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert json.loads(sheet.headers["x-gesprekken-weggelaten"]) == [left_out[0], held]
    with zipfile.ZipFile(io.BytesIO(sheet.content)) as book:
        cells = book.read("xl/sharedStrings.xml").decode()
    assert "spreker" in cells and "Joost" not in cells and "Marloes" not in cells

    ws.publication(SAMPLE_ID, "internal", participant="Joost de Boer", yes=True)
    draft = client.get(f"{DESK}/download/ondertitels.vtt?concept=1")  # a concept holds what is internal
    assert draft.status_code == 200 and "x-gesprekken-weggelaten" not in draft.headers
    assert (
        draft.text.startswith("WEBVTT\n\nNOTE CONCEPT voor de redactie")
        and "Joost de Boer" in draft.text.split("\n")[2]
    )
    # nothing of it public: no empty file, but why (an attack, session 57: an empty .srt, exit 0)
    public = client.get(f"{DESK}/download/ondertitels.vtt")
    assert public.status_code == 409 and public.json()["error"] == (
        f"Er valt niets te ondertitelen: de toestemming laat geen beurt van dit gesprek over "
        f"(de woorden van Joost de Boer (intern); {held})"
    )


def test_a_refused_save_is_a_sentence_not_a_conflict(workspace, client):
    """Every GesprekkenError of a save was a 409 with the conflict panel ('intussen gewijzigd'):
    withdrawing a participant whose voice rests on uncertain naming (the workspace's AttributionError)
    too. It asks the editor now (400, to confirm, in Dutch), and a transcript broken by hand is no
    conflict either: its sentence, nothing saved, no conflict panel."""
    path = path_of(workspace)
    text = path.read_text(encoding="utf-8")
    uncertain = re.sub(r"(  name: Joost de Boer\n  confidence:) \S+", r"\1 0.6", text)
    assert uncertain != text
    path.write_text(uncertain, encoding="utf-8")
    source = path.read_bytes()
    body = {"version": client.version(), "status": "withdrawn", "participant": "Joost de Boer"}
    asked = client.post(f"{DESK}/publicatie", body)
    assert asked.status_code == 400, asked.text
    assert asked.json()["confirm"] is True and "current" not in asked.json()
    assert "automatische naamgeving (60% zeker)" in asked.json()["error"] and "--yes" not in asked.json()["error"]
    assert path.read_bytes() == source
    confirmed = client.post(f"{DESK}/publicatie", {**body, "zeker": True})
    assert confirmed.status_code == 200, confirmed.text
    assert transcript.read(path).status_of("Joost de Boer") == "withdrawn"

    broken = path.read_text(encoding="utf-8").replace("\nstatus: published\n", "\nstatus: [published\n", 1)
    path.write_text(broken, encoding="utf-8")
    answer = client.post(f"{DESK}/inleiding", {"version": version_of(broken), "text": "Een inleiding."})
    assert answer.status_code == 500 and "current" not in answer.json(), answer.text
    assert path.name in answer.json()["error"] and answer.json()["error"].startswith("Niet opgeslagen: ")
    # in the desk's words, and without the server's path (an attack, session 56)
    assert "buiten de redactietafel gewijzigd" in answer.json()["error"], answer.text
    assert str(path.parent) not in answer.json()["error"], answer.text
    assert path.read_text(encoding="utf-8") == broken
    # and the desk opened on it says which file and what is wrong, as load does (an editor's run, session 53: the
    # page said only "Er ging op de server iets mis", a dead end)
    for route in (DESK, f"{DESK}.json"):
        opened = client.get(route)
        assert opened.status_code == 409 and path.name in opened.text, opened.text
        assert "kan dit gesprek nu niet openen" in opened.text and "op de server iets mis" not in opened.text


@pytest.mark.parametrize(
    "old, new, english, dutch",
    [
        (
            "status: published\n",
            "status: [published\n",
            "line 7: a '[' on this line is never closed with ']'",
            "regel 7: een '[' op deze regel wordt nergens gesloten met ']'; sluit hem",
        ),
        (
            "status: published\n",
            "\tstatus: published\n",
            "line 7: the line is indented with a tab",
            "regel 7: de regel springt in met een tab; spring in met spaties",
        ),
        (
            "status: published\n",
            "status: published\nstatus: internal\n",
            "line 8: 'status' is given twice",
            "regel 8: 'status' staat twee keer op één plaats (ook op regel 7)",
        ),
        (
            "date: '2026-11-12'\n",
            "date: 2026-02-31\n",
            "line 6: the date 2026-02-31 does not exist",
            "regel 6: de datum 2026-02-31 bestaat niet; schrijf een datum die bestaat",
        ),
    ],
)
def test_a_transcript_whose_front_matter_does_not_read_is_said_in_dutch_at_the_desk(
    workspace, client, old, new, english, dutch
):
    """Session 58's list: the desk's pages are Dutch, but a transcript whose YAML a text editor broke was said in the
    commands' English ("line 7: a '[' on this line is never closed"), and the page that opens the desk named it by
    the server's whole path. A Dutch sentence now, with the file's name and the line; load still says it in English."""
    path = path_of(workspace)
    version = client.version()
    broken = path.read_text(encoding="utf-8").replace(f"\n{old}", f"\n{new}", 1)
    path.write_text(broken, encoding="utf-8")
    opened = client.get(f"{DESK}.json")
    said = opened.json()["error"]
    assert opened.status_code == 409 and said.startswith("De redactietafel kan dit gesprek nu niet openen: "), said
    assert f"{path.name} {dutch}" in said and " line " not in said and str(path.parent) not in said, said
    page = client.get(DESK)
    assert page.status_code == 409 and f"{path.name} regel" in page.text and str(path.parent) not in page.text
    answer = client.post(f"{DESK}/inleiding", {"version": version_of(broken), "text": "Een inleiding."})
    said = answer.json()["error"]
    assert answer.status_code == 500 and f"gewijzigd ({path.name} {dutch}" in said and " line " not in said, said
    assert path.read_text(encoding="utf-8") == broken and version != version_of(broken)
    loaded = run("load", cwd=workspace)
    assert loaded.exit_code == 1 and f"{path.name} {english}" in " ".join(loaded.output.split()), loaded.output


@pytest.mark.parametrize(
    "pattern, typed, dutch",
    [
        # a heading's time typed wrong by hand
        (r"^(## \[\d\d:)(\d)", r"\g<1>x\2", "de tijden in de kop van de beurt zijn voor de naam niet gesloten met ']'"),
        # a word's timing in a woorden comment
        (r"(<!-- woorden: )\d+\.\d+-", r"\g<1>nul-", "de woordtijd 'nul-"),
        (r"^status: published$", "staus: published", "'staus' is geen sleutel van de kop (bedoel je 'status'?)"),
        (r"^status: published$", "status: gepubliseerd", "de status 'gepubliseerd' van het gesprek is geen openbaar"),
        (r"^(- name: Joost de Boer\n(?:  .*\n)*?)  status: \w+$", r"\1  status: ja", "van deelnemer 'Joost de Boer'"),
    ],
)
def test_a_transcript_broken_by_hand_past_its_yaml_is_said_in_dutch_at_the_desk(
    workspace, client, pattern, typed, dutch
):
    """Session 60's list: a transcript whose YAML does not read is said at the desk in one Dutch sentence, by the file's
    name (session 58), but any other error of a hand edit (a heading's time typed wrong, a word timing, a key or a
    status misspelt) in the commands' English: "tafel.md line 44: the heading's times are not closed ...". Dutch now,
    with the file's name and the line, and no server path; load still says it in English."""
    path = path_of(workspace)
    text = path.read_text(encoding="utf-8")
    broken = re.sub(pattern, typed, text, count=1, flags=re.MULTILINE)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    opened = client.get(f"{DESK}.json")
    said = opened.json()["error"]
    assert opened.status_code == 409 and said.startswith("De redactietafel kan dit gesprek nu niet openen: "), said
    assert f"{path.name} regel " in said and dutch in said, said
    assert " line " not in said and str(path.parent) not in said, said
    answer = client.post(f"{DESK}/inleiding", {"version": version_of(broken), "text": "Een inleiding."})
    said = answer.json()["error"]
    assert answer.status_code == 500 and f"gewijzigd ({path.name} regel " in said and dutch in said, said
    assert " line " not in said and str(path.parent) not in said, said
    assert path.read_text(encoding="utf-8") == broken
    loaded = run("load", cwd=workspace)
    assert loaded.exit_code == 1 and f"{path.name} line " in " ".join(loaded.output.split()), loaded.output


def test_every_refusal_of_a_voices_rename_has_its_dutch_sentence_for_the_desk(workspace):
    """Session 60's list: the desk shows what the library refuses in its own words (GesprekkenError.in_dutch), and a
    voice's rename refused by the library ("'Marloes van der Heijden' is renamed twice; rename each speaker once",
    "... already speaks in ...; to swap the two names, give both in one command (--rename ...)") had English only:
    the desk asks the likely ones first in Dutch, and whatever got past that reached a Dutch page in the commands'
    words. Each refusal has its Dutch sentence; the commands say the English as before; nothing is written."""
    from gesprekken.corrections import rename_speaker, rename_speakers
    from gesprekken.errors import GesprekkenError

    path = path_of(workspace)
    joost = "Joost de Boer"
    text = re.sub(
        r"^(- name: Joost de Boer\n(?:  .*\n)*?)  status: \w+$",
        r"\1  status: internal",
        path.read_text(encoding="utf-8"),
        count=1,
        flags=re.MULTILINE,
    )
    path.write_text(text, encoding="utf-8")
    read = transcript.read(path)
    assert read.status == "published" and [p.status for p in read.participants if p.name == joost] == ["internal"]
    refusals = [
        (lambda: rename_speakers(path, [(MARLOES, "Ann Bos"), (MARLOES, "Kees Mol")]), "renamed twice", "twee keer"),
        (lambda: rename_speakers(path, [(MARLOES, "Ann Bos"), (joost, "Ann Bos")]), "is given to", "gaat naar"),
        (lambda: rename_speakers(path, [(MARLOES, joost)]), "already speaks", "spreekt al"),
        (lambda: rename_speakers(path, [(MARLOES, " ")]), "is empty", "is leeg"),
        (lambda: rename_speakers(path, [("Kees Mol", "Ann Bos")]), "does not speak", "spreekt niet"),
        (lambda: rename_speakers(path, [(joost, "Kees Mol")]), "which is published", "niet openbaar"),
        (lambda: rename_speaker(path, MARLOES, "Kees Mol", merge=True), "nothing to merge", "niets mee samen"),
        (lambda: rename_speaker(path, MARLOES, MARLOES, merge=True), "same voice", "dezelfde stem"),
    ]
    for rename, english, dutch in refusals:
        with pytest.raises(GesprekkenError) as refused:
            rename()
        said = refused.value.in_dutch or ""
        assert english in str(refused.value) and dutch in said, (str(refused.value), said)
        assert not re.search(r"--|\b(rename|pass|speaks?|voice|the|forget)\b", said), said
    assert path.read_text(encoding="utf-8") == text


def test_a_copy_of_the_transcript_beside_it_is_said_at_the_desk_in_dutch_by_its_name(workspace, client):
    """Session 60's list: a save where a copy of the transcript stands beside it ("x (1).md", a sync client's) was
    refused in the commands' English with both files by the server's whole path. One Dutch sentence, by their names."""
    path = path_of(workspace)
    version = client.version()
    copy = path.with_name(f"{path.stem} (1).md")
    shutil.copy(path, copy)
    answer = client.post(f"{DESK}/inleiding", {"version": version, "text": "Een inleiding."})
    said = answer.json()["error"]
    assert answer.status_code == 500 and said.startswith("Niet opgeslagen: "), said
    assert f"{path.name} en {copy.name} hebben hetzelfde id" in said or f"{copy.name} en {path.name}" in said, said
    assert "verwijder de kopie die je niet bewerkte" in said and str(path.parent) not in said, said


def test_an_organisation_saved_from_a_tab_older_than_a_role_edited_by_hand_is_saved(workspace, client):
    """An editor's run (session 53): Joost de Boer's role edited by hand in the transcript, then his organisation
    changed at the desk in a tab from before: the conflict panel, though the page sends only the fields the editor
    changed and says only those are saved. Saved now on the newer version, the hand's role kept; the same field
    changed by both is still the conflict."""
    path = path_of(workspace)
    version = client.version()
    seen = {"name": "Joost de Boer", "role": "sectormanager wonen", "organisation": "gemeente Zwolle"}
    text = path.read_text(encoding="utf-8")
    assert "role: sectormanager wonen" in text
    path.write_text(text.replace("role: sectormanager wonen", "role: beleidsadviseur wonen", 1), encoding="utf-8")
    body = {"version": version, "participant": "Joost de Boer", "organisation": "gemeente Kampen", "was": seen}
    saved = client.post(f"{DESK}/deelnemer", body)
    assert saved.status_code == 200, saved.text
    joost = next(p for p in transcript.read(path).participants if p.name == "Joost de Boer")
    assert (joost.role, joost.organisation) == ("beleidsadviseur wonen", "gemeente Kampen")
    stale = client.post(f"{DESK}/deelnemer", {**body, "role": "wethouder"})
    assert stale.status_code == 409 and "current" in stale.json(), stale.text


def test_a_swap_says_which_voice_stays_back_and_why(workspace):
    """An editor's run (session 53): with Joost de Boer internal, swapping the two voices' names said nothing of
    what stays back once saved: the voice named Marloes introduces itself as Joost ("En ik ben Joost de Boer"), so
    its words stay back as his, and the public page showed no dialogue at all. The save says so now."""
    desk = desk_of(workspace)
    desk.name_speaker(desk.state()["version"], "Spreker 2", "Joost de Boer", force=True)
    desk.set_status(desk.state()["version"], "internal", "Joost de Boer")
    state = desk.state()
    saved = desk.name_speaker(state["version"], MARLOES, "Joost de Boer", swap=True, force=True)
    assert saved["summary"].startswith(f"Stem {MARLOES} heet nu Joost de Boer, stem Joost de Boer heet nu {MARLOES}")
    assert f"Stem {MARLOES} stelt zich voor als Joost de Boer, die niet openbaar is" in saved["summary"], saved
    assert all(turn["withheld"] for turn in desk.state()["turns"])  # (what the sentence says: nothing is public)


def test_a_withdrawal_taken_back_is_asked_first(workspace, client):
    """An editor's run (session 53): "ingetrokken" to "intern" saved at once, one arrow key in the menu, and the
    save's sentence listed exports "misschien nog zoals het was", which a withdrawal undone held nothing of. The
    desk asks first now, as making public does, and says nothing of exports where consent is not taken back. And a
    withdrawal says where the editor's intro names them."""
    path = path_of(workspace)
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.export_article(workspace / "artikel.md", [SAMPLE_ID], include_unpublished=True)
    ws.close()
    intro = {"version": client.version(), "text": "Joost de Boer en Marloes praten over wederkerigheid."}
    assert client.post(f"{DESK}/inleiding", intro).status_code == 200
    body = {"status": "withdrawn", "participant": "Joost de Boer", "zeker": True}
    withdrawn = client.post(f"{DESK}/publicatie", {"version": client.version(), **body})
    assert withdrawn.status_code == 200 and "Eerder geëxporteerd" in withdrawn.json()["saved"]["summary"]
    # the intro that names him is pointed at: the public site shows "[naam verwijderd] en Marloes ..." there
    assert "De inleiding noemt Joost de Boer" in withdrawn.json()["saved"]["summary"]
    back = {"version": client.version(), "status": "internal", "participant": "Joost de Boer"}
    source = path.read_bytes()
    asked = client.post(f"{DESK}/publicatie", back)
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    assert asked.json()["error"].startswith("Intrekking van Joost de Boer terugdraaien?")
    assert path.read_bytes() == source
    done = client.post(f"{DESK}/publicatie", {**back, "zeker": True})
    assert done.status_code == 200 and transcript.read(path).status_of("Joost de Boer") == "internal", done.text
    assert "geëxporteerd" not in done.json()["saved"]["summary"]


def test_a_download_consent_leaves_nothing_of_says_so_in_dutch_and_with_the_concept_box(workspace, client):
    """The article of a conversation not yet published: the desk answered the library's English sentence
    about 'gesprekken publication' and '--include-unpublished', options the editor in the browser has
    not (the page's link saved it as a failed file). Now the desk's words: publish it under Publicatie,
    or tick the concept box; withdrawn stays out whatever is ticked."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "internal", yes=True)
    refused = client.get(f"{DESK}/download/artikel.md")
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert "nog niet openbaar" in error and "Publicatie" in error and "--include" not in error, error
    assert client.get(f"{DESK}/download/artikel.md?concept=1").status_code == 200
    ws.publication(SAMPLE_ID, "withdrawn", yes=True)
    withdrawn = client.get(f"{DESK}/download/artikel.md?concept=1")
    assert withdrawn.status_code == 409 and "ingetrokken" in withdrawn.json()["error"], withdrawn.text


def test_withdrawing_someone_whose_voice_is_split_says_to_merge_it(workspace):
    """Joost de Boer speaks under his name and, once, as "Spreker 3". Withdrawing him at the desk said
    to give every voice a name to show it again: a name off the programme shows nothing, and his name
    is taken. The history line says to merge a part of his voice into his (Dezelfde stem als)."""
    path = path_of(workspace)
    text = path.read_text(encoding="utf-8")
    last = list(re.finditer(r"^## \[.*\] Joost de Boer$", text, re.MULTILINE))[-1]
    path.write_text(text[: last.start()] + last[0].replace("Joost de Boer", "Spreker 3") + text[last.end() :])
    assert run("load", cwd=workspace).exit_code == 0
    desk = desk_of(workspace)
    desk.set_status(version_of(path.read_text(encoding="utf-8")), "withdrawn", "Joost de Boer", force=True)
    summary = desk.history()[0]["summary"]
    assert "(Spreker 3) zijn ook niet openbaar" in summary, summary
    assert "Dezelfde stem als" in summary and "deelnemer" in summary, summary


def test_the_same_addition_twice_keeps_it(workspace):
    """'Selectie als citaat' on a sentence the editor had added as a quote already, or 'Toevoegen' of a
    theme added already, took the addition away: the second accept found it among the rows (the first
    had put it there) and dropped it from the analysis block. An editor's correction is never undone so."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    quoted = {q["text"] for q in desk.state()["quotes"]}
    sentence = next(
        s
        for t in transcript.read(desk.path).turns
        for s in re.split(r"(?<=[.?!])\s+", t.text)
        if len(s.split()) >= 4 and s not in quoted
    )
    for _ in range(2):
        desk.choose(version(), "quote", sentence, "accept")
        desk.choose(version(), "theme", "armoede", "accept")
        analysis = transcript.read(desk.path).analysis
        assert analysis["add_quotes"] == [sentence] and analysis["add_themes"] == ["armoede"], analysis
    assert sentence in [q["text"] for q in desk.state()["quotes"]]


# --- merging turns, splitting through a choice, selections --------------------------------------------


def body_of(path: Path) -> str:
    """The turns of a transcript file, as written: what follows the front matter."""
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_merging_a_turn_with_the_next_undoes_a_split_and_keeps_words_choices_and_the_public_copy(workspace):
    """Diarization cuts one person's turn in two; the desk could split a turn and not merge two. Merged,
    the two are one section as before the split, byte for byte: the first's heading from its start to the
    second's end, the words Whisper heard in both. The editor's choices in either part stay chosen, the
    history says it, undo splits again, and the public copy follows at once."""
    from gesprekken.publish import public_path

    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    desk = ws.desk(SAMPLE_ID)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    before = transcript.read(desk.path)
    body = body_of(desk.path)
    turn = 2
    whole = before.turns[turn]
    tokens = whole.text.split()
    at = len(tokens) // 2
    desk.split_turn(version(), turn, at)
    split = transcript.read(desk.path)
    assert len(split.turns) == len(before.turns) + 1
    first, second = split.turns[turn].text, split.turns[turn + 1].text
    desk.choose(version(), "action_point", first, "accept")  # a choice in each part
    desk.set_headline(version(), second)
    analysis = transcript.read(desk.path).analysis
    ws.public_copy()  # a public knowledge base is served: the merge must reach it

    saved = desk.merge_turn(version(), turn, start=split.turns[turn].start, next_start=split.turns[turn + 1].start)

    merged = transcript.read(desk.path)
    assert body_of(desk.path) == body  # the turns exactly as before the split
    assert [t.text for t in merged.turns] == [t.text for t in before.turns]
    assert (merged.turns[turn].start, merged.turns[turn].end) == (whole.start, whole.end)
    assert merged.turns[turn].words == whole.words  # every word keeps the time Whisper heard it at
    assert merged.analysis == analysis  # the choices are the file's as they were, and still count:
    state = desk.state()
    assert state["headline"] == second
    assert [a["speaker"] for a in state["action_points"] if a["text"] == first] == [whole.speaker]
    assert saved["action"] == "samenvoegen"
    at = transcript.format_time(whole.start, 1)
    assert saved["summary"] == f"De beurt om {at} ({whole.speaker}) samengevoegd met de volgende"
    assert desk.history()[0]["detail"] == {"turn": turn, "speaker": whole.speaker, "merged": whole.speaker}
    with sqlite3.connect(public_path(workspace / "gesprekken.db")) as public:
        said = [
            r[0] for r in public.execute("SELECT text FROM turns WHERE conversation_id = ? ORDER BY seq", [SAMPLE_ID])
        ]
    assert said == [t.text for t in before.turns]

    desk.undo(version())
    assert [t.text for t in transcript.read(desk.path).turns] == [t.text for t in split.turns]
    with pytest.raises(DeskError, match="de laatste; er is geen volgende beurt"):
        desk.merge_turn(version(), len(split.turns) - 1)
    begun = transcript.format_time(split.turns[turn + 2].start, 1)
    with pytest.raises(
        DeskError, match=f"De beurt die je om {begun} zag beginnen, staat niet meer op die plek"
    ):  # the next turn changed
        desk.merge_turn(version(), turn, next_start=split.turns[turn + 2].start)


def test_a_voice_held_until_confirmed_cannot_take_a_withdrawn_persons_words_by_a_merge(workspace, client):
    """Where a withdrawal holds the voices named automatically (Conversation.held_for_naming), merging the
    withdrawn person's turn into the other's is refused as before: confirmed later, the merged turn would
    show their words under the other's name (session 39's reviewer: the merge went through)."""
    path = path_of(workspace)
    before = transcript.read(path)
    one, other = before.turns[0].speaker, before.turns[1].speaker
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "published", yes=True)
    ws.publication(SAMPLE_ID, "withdrawn", participant=other, yes=True)
    assert one in transcript.read(path).held_for_naming()
    source = path.read_bytes()
    body = {"version": client.version(), "turn": 0, "start": before.turns[0].start, "zeker": True}
    refused = client.post(f"{DESK}/samenvoegen", body)
    assert refused.status_code == 400 and "confirm" not in refused.json(), refused.text
    assert f"{other} heeft de toestemming ingetrokken en {one} is openbaar" in refused.json()["error"]
    assert path.read_bytes() == source


def test_merging_turns_of_two_speakers_asks_first_and_never_publishes_withheld_words(workspace, client):
    """Merging puts the second's words under the first's name: the desk asks first (400 with confirm,
    saved with zeker), and refuses outright where the second's speaker is not public and the first's is,
    also in a conversation not yet published (publishing it would show them)."""
    confirm_voices(workspace)  # the rule asked here is another
    path = path_of(workspace)
    before = transcript.read(path)
    assert before.turns[0].speaker != before.turns[1].speaker
    source = path.read_bytes()
    body = {"version": client.version(), "turn": 0, "start": before.turns[0].start}
    asked = client.post(f"{DESK}/samenvoegen", body)
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    one, other = before.turns[0].speaker, before.turns[1].speaker
    at = [transcript.format_time(t.start, 1) for t in before.turns[:2]]
    assert asked.json()["error"].startswith(
        f"De beurt om {at[0]} is van {one} en de beurt om {at[1]} van {other}: samengevoegd staat alles"
    )
    assert path.read_bytes() == source

    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    for conversation in ("published", "internal"):
        ws.publication(SAMPLE_ID, conversation, yes=True)
        ws.publication(SAMPLE_ID, "withdrawn", participant=other, yes=True)
        source = path.read_bytes()
        refused = client.post(f"{DESK}/samenvoegen", {**body, "version": client.version(), "zeker": True})
        assert refused.status_code == 400 and "confirm" not in refused.json(), refused.text
        assert f"{other} heeft de toestemming ingetrokken en {one} is openbaar" in refused.json()["error"]
        assert path.read_bytes() == source
        ws.publication(SAMPLE_ID, "published", participant=other, yes=True)
    ws.publication(SAMPLE_ID, "published", yes=True)

    done = client.post(f"{DESK}/samenvoegen", {**body, "version": client.version(), "zeker": True})
    assert done.status_code == 200, done.text
    assert f"({other}, nu ook van {one})" in done.json()["saved"]["summary"]
    merged = transcript.read(path)
    assert len(merged.turns) == len(before.turns) - 1 and merged.turns[0].speaker == one
    assert merged.turns[0].text == f"{before.turns[0].text} {before.turns[1].text}"
    assert merged.turns[0].words == before.turns[0].words + before.turns[1].words
    assert (merged.turns[0].start, merged.turns[0].end) == (before.turns[0].start, before.turns[1].end)


def test_a_split_through_a_chosen_sentence_asks_and_names_it(workspace, client):
    """A split inside the pinned headline ended the choice without a word (a choice counts only where one
    turn says its sentence). The desk asks first, naming the choice; confirmed, the choice goes from the
    file in the same save (undo brings it back). A split beside a chosen sentence keeps it: it follows the
    part that says it."""
    path = path_of(workspace)
    before = transcript.read(path)
    turn = 2
    tokens = before.turns[turn].text.split()
    at = len(tokens) // 2
    pinned = " ".join(tokens)
    point = " ".join(tokens[:at])
    assert client.post(f"{DESK}/kop", {"version": client.version(), "text": pinned}).status_code == 200
    accepted = client.post(f"{DESK}/actiepunt", {"version": client.version(), "text": point, "choice": "accept"})
    assert accepted.status_code == 200, accepted.text
    source = path.read_bytes()
    body = {"turn": turn, "start": before.turns[turn].start, "word": at}
    asked = client.post(f"{DESK}/splits", {**body, "version": client.version()})
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    error = asked.json()["error"]
    assert error.startswith(f"Deze splitsing knipt de vastgezette kop “{pinned}” in twee beurten"), error
    assert "actiepunt" not in error  # the action point ends where the split is: not cut
    assert path.read_bytes() == source

    done = client.post(f"{DESK}/splits", {**body, "version": client.version(), "zeker": True})
    assert done.status_code == 200, done.text
    assert done.json()["saved"]["summary"].endswith(f"; vervallen: de vastgezette kop “{pinned}”")
    analysis = transcript.read(path).analysis
    assert "headline" not in analysis and analysis["add_action_points"] == [point]
    assert point in [a["text"] for a in done.json()["state"]["action_points"]]
    undone = client.post(f"{DESK}/ongedaan", {"version": client.version()})
    assert undone.status_code == 200 and transcript.read(path).analysis["headline"] == pinned


def rejected_quote(workspace):
    """The sample's desk with a quote of six words or more rejected: the desk, its current version, the
    quote, its turn, that turn's words and the quote's first word among them."""
    from gesprekken.analyse import plain_words, turn_of

    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    conversation = transcript.read(desk.path)
    quote = next(q["text"] for q in desk.state()["quotes"] if len(q["text"].split()) >= 6)
    turn = turn_of(conversation, quote)
    tokens = conversation.turns[turn].text.split()
    first = next(n for n in range(len(tokens)) if plain_words(" ".join(tokens[n:])).startswith(plain_words(quote)))
    desk.choose(version(), "quote", quote, "reject")
    return desk, version, quote, turn, tokens, first


def before_themes(summary: str) -> str:
    """A save's summary without its note of the article's themes, which a split or a merge may move or not as
    Whisper heard the sample (on an AMD EPYC with AVX2 only, the sample's split took Wederkerigheid in)."""
    from gesprekken.desk import THEMES_MOVED

    return summary.split(THEMES_MOVED)[0]


def test_a_split_through_a_rejected_quote_keeps_each_part_rejected_without_asking(workspace):
    """The editor said no to a quote; a split through it dropped that no, and a part of the sentence could
    be offered again. Each part is rejected now, in the same save, and nothing is asked (nothing is lost)."""
    from gesprekken.analyse import plain_words

    desk, version, quote, turn, tokens, first = rejected_quote(workspace)
    at = first + 3

    saved = desk.split_turn(version(), turn, at)

    parts = [" ".join(tokens[first:at]), " ".join(quote.split()[3:])]
    assert transcript.read(desk.path).analysis["remove_quotes"] == parts
    assert before_themes(saved["summary"]).endswith(f"; het afgewezen citaat “{quote}” blijft afgewezen, in twee delen")
    offered = [plain_words(q["text"]) for q in desk.state()["quotes"]]
    assert not any(plain_words(part) in offered for part in parts)
    assert "is no longer said" not in run("load", cwd=workspace).output


def test_merging_back_a_split_through_a_rejected_quote_rejects_the_whole_sentence_again(workspace):
    """A split keeps a rejected quote rejected in two parts; merged again, the sentence is whole, and the two
    parts were no longer what the analysis finds: the whole sentence was offered again. It is rejected whole."""
    from gesprekken.analyse import plain_words

    desk, version, quote, turn, _, first = rejected_quote(workspace)
    desk.split_turn(version(), turn, first + 3)
    assert len(transcript.read(desk.path).analysis["remove_quotes"]) == 2

    saved = desk.merge_turn(version(), turn)

    assert transcript.read(desk.path).analysis["remove_quotes"] == [quote]
    assert before_themes(saved["summary"]).endswith(
        f"; het afgewezen citaat “{quote}” is weer één zin en blijft afgewezen"
    )
    assert plain_words(quote) not in [plain_words(q["text"]) for q in desk.state()["quotes"]]
    assert "is no longer said" not in run("load", cwd=workspace).output


def ann_at_the_desk(tmp_path, monkeypatch, *texts: str):
    """A published conversation of Ann Bos alone, one turn a text, loaded: its desk and its current version."""
    from gesprekken.transcript import Conversation, Participant, Turn

    monkeypatch.setenv("GESPREKKEN_HOME", str(tmp_path / "home"))
    ann = Participant("Ann Bos", "directeur", "Woonstichting De Linie", "published")
    turns = [Turn("Ann Bos", 6.0 * n, 6.0 * n + 5.5, text) for n, text in enumerate(texts)]
    conversation = Conversation(
        id="a1b2c3d4e5f6", title="Schulden", participants=[ann], turns=turns, status="published"
    )
    transcript.write(conversation, tmp_path / "transcripts" / "gesprek.md")
    assert run("load", cwd=tmp_path).exit_code == 0
    desk = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db").desk("a1b2c3d4e5f6")
    return desk, lambda: version_of(desk.path.read_text(encoding="utf-8"))


def test_merging_keeps_two_whole_rejected_sentences_at_the_turns_boundary_apart(tmp_path, monkeypatch):
    """Two rejections, one ending a turn and one starting the next, are two sentences an editor said no to,
    not the parts of one a split cut: merged, both stay rejected as they were (joined into one, neither
    would be rejected any more and both would be offered again)."""
    first = "De schuldhulpverlening van de gemeente komt echt veel te laat op gang."
    second = "Wij moeten de gegevens over betalingsachterstanden eerder met elkaar delen."
    desk, version = ann_at_the_desk(
        tmp_path,
        monkeypatch,
        f"Wij zien steeds meer huurders met huurachterstanden in onze wijken. {first}",
        f"{second} Dan kunnen we huurders helpen voordat de schulden te hoog worden.",
    )
    for quote in (first, second):
        desk.choose(version(), "quote", quote, "reject")

    saved = desk.merge_turn(version(), 0)

    assert transcript.read(desk.path).analysis["remove_quotes"] == [first, second]
    assert "weer één zin" not in saved["summary"]
    assert not {first, second} & {q["text"] for q in desk.state()["quotes"]}


def test_merging_back_a_split_after_an_abbreviation_rejects_the_whole_sentence_again(tmp_path, monkeypatch):
    """A split right after "o.a." cut a rejected sentence into "Zie o.a." and the rest: its first part ends
    on a full stop, and was taken for a whole sentence, so the merge left the sentence offered again. What
    counts is the merged turn's sentences, as the analysis splits them."""
    whole = "Zie o.a. het rapport van de gemeente over de wachtlijsten in Zwolle."
    text = f"Wij zien steeds meer huurders met huurachterstanden in onze wijken. {whole}"
    desk, version = ann_at_the_desk(tmp_path, monkeypatch, text)
    desk.choose(version(), "quote", whole, "reject")
    desk.split_turn(version(), 0, text.split().index("o.a.") + 1)
    assert transcript.read(desk.path).analysis["remove_quotes"] == ["Zie o.a.", whole.removeprefix("Zie o.a. ")]

    saved = desk.merge_turn(version(), 0)

    assert transcript.read(desk.path).analysis["remove_quotes"] == [whole]
    assert before_themes(saved["summary"]).endswith(
        f"; het afgewezen citaat “{whole}” is weer één zin en blijft afgewezen"
    )


def test_merging_makes_a_sentence_a_split_had_cut_count_again_and_says_so(workspace):
    """A chosen sentence over two turns (cut by a split made before the desk asked, or by hand) counts
    nowhere, and load says so; merged, it is one turn's again: it counts again, and the history says which."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turn = 2
    whole = transcript.read(desk.path).turns[turn].text
    desk.split_turn(version(), turn, len(whole.split()) // 2)
    conversation = transcript.read(desk.path)
    conversation.analysis["add_action_points"] = [whole]  # by hand: over the two parts
    transcript.write(conversation, desk.path)
    result = run("load", cwd=workspace)
    assert "is no longer said in the transcript" in result.output, result.output
    assert whole not in [a["text"] for a in desk.state()["action_points"]]

    saved = desk.merge_turn(version(), turn)

    assert saved["summary"].endswith(f"; weer in één beurt, en dus weer geldig: het toegevoegde actiepunt “{whole}”")
    assert whole in [a["text"] for a in desk.state()["action_points"]]


def test_a_selection_over_two_turns_says_to_select_within_one(workspace, client):
    """A selection over two turns was refused as "Deze zin staat niet in het transcript": it is, in two
    turns. The desk says so, with the turns, for headline, quote and action point alike."""
    turns = transcript.read(path_of(workspace)).turns
    over = " ".join(turns[3].text.split()[-2:] + turns[4].text.split()[:3])
    for action in ("kop", "citaat", "actiepunt"):
        refused = client.post(f"{DESK}/{action}", {"version": client.version(), "text": over, "choice": "accept"})
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"] == (
            f"Je selectie loopt over de beurt om {transcript.format_time(turns[3].start, 1)} en de beurt om "
            f"{transcript.format_time(turns[4].start, 1)}; een kop, citaat of actiepunt is een zin uit één beurt: "
            "selecteer binnen één beurt"
        )
    three = " ".join([turns[3].text.split()[-1], turns[4].text, turns[5].text.split()[0]])
    refused = client.post(f"{DESK}/actiepunt", {"version": client.version(), "text": three, "choice": "accept"})
    assert (
        f"loopt over de beurt om {transcript.format_time(turns[3].start, 1)} tot en met de beurt om "
        in refused.json()["error"]
    )
    nowhere = client.post(
        f"{DESK}/actiepunt", {"version": client.version(), "text": "Niemand zei dit.", "choice": "accept"}
    )
    assert nowhere.json()["error"].startswith("Deze zin staat niet in het transcript")


def test_an_action_point_over_two_sentences_of_a_turn_is_one_point_from_desk_to_export(workspace, tmp_path):
    """Two sentences of one turn selected as one action point: the file keeps them as one, load stores one
    point with the times of both, and the exports show it whole; the point the analysis found in one of
    them is that point, not a second one beside it (it was counted twice), and lends it who should act."""
    from gesprekken.analyse import plain_words, turn_of

    desk = desk_of(workspace)
    conversation = transcript.read(desk.path)
    found = desk.state()["action_points"]
    # A point the analysis found in a turn that says more than it: the point with the sentence around it.
    point = next(
        a
        for a in found
        if plain_words(a["text"]) != plain_words(conversation.turns[turn_of(conversation, a["text"])].text)
    )
    turn = conversation.turns[turn_of(conversation, point["text"])]
    assert len(re.findall(r"[.?!](?:\s|$)", turn.text)) >= 2, turn.text  # two sentences (or more)
    desk.choose(version_of(desk.path.read_text(encoding="utf-8")), "action_point", turn.text, "accept")
    assert transcript.read(desk.path).analysis["add_action_points"] == [turn.text]

    assert run("load", cwd=workspace).exit_code == 0
    rows = db_rows(
        workspace, 'SELECT text, who, start, "end" FROM action_points WHERE conversation_id = ?', [SAMPLE_ID]
    )
    assert sorted(r[0] for r in rows) == sorted([a["text"] for a in found if a is not point] + [turn.text])
    ((_, who, start, end),) = [r for r in rows if r[0] == turn.text]
    assert who == point["who"] and (start, end) == (turn.words[0].start, turn.words[-1].end)

    data = tmp_path / "data.json"
    assert run("export", "data", SAMPLE_ID, "--format", "json", "-o", data, cwd=workspace).exit_code == 0
    points = [r["text"] for r in json.loads(data.read_text(encoding="utf-8")) if r["kind"] == "action_point"]
    assert sorted(points) == sorted(r[0] for r in rows)
    article = tmp_path / "artikel.md"
    assert run("export", "article", SAMPLE_ID, "-o", article, cwd=workspace).exit_code == 0
    lines = [plain_words(line) for line in article.read_text(encoding="utf-8").splitlines() if "Actiepunt" in line]
    assert sum(plain_words(turn.text) in line for line in lines) == 1
    assert not any(plain_words(point["text"]) in line and plain_words(turn.text) not in line for line in lines)


# --- participants: the name, role and organisation under every quote ------------------------


def public_participants(ws: Workspace) -> dict[str, tuple]:
    with sqlite3.connect(ws.public_copy()) as public:
        return {
            name: (role, organisation)
            for name, role, organisation in public.execute(
                "SELECT name, role, organisation FROM participants WHERE conversation_id = ?", [SAMPLE_ID]
            )
        }


def test_a_participants_role_and_organisation_are_corrected_at_the_desk_everywhere_at_once(workspace, tmp_path):
    """The programme had Joost de Boer's role wrong, and his organisation is not to be named: the
    editor corrects both at the desk. The transcript (the source of truth) says so, marked as the
    editor's, the public copy and the downloaded article follow at once, the history has it and
    it can be undone."""
    desk = desk_of(workspace)
    ws = desk.workspace
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    assert public_participants(ws)["Joost de Boer"] == ("sectormanager wonen", "gemeente Zwolle")

    saved = desk.edit_participant(version(), "Joost de Boer", role="  beleidsadviseur\nwonen ", organisation="")

    joost = next(p for p in transcript.read(desk.path).participants if p.name == "Joost de Boer")
    assert (joost.role, joost.organisation, joost.status, joost.confirmed) == (
        "beleidsadviseur wonen",
        "",
        "published",
        True,
    )
    assert "  confirmed: true" in desk.path.read_text(encoding="utf-8")
    marloes = next(p for p in transcript.read(desk.path).participants if p.name != "Joost de Boer")
    assert not marloes.confirmed and "confirmed" not in yaml_entry(desk.path, marloes.name)
    assert public_participants(ws)["Joost de Boer"] == ("beleidsadviseur wonen", "")
    article, _, _, _ = desk.export("artikel.md", tmp_path)
    lines = article.read_text(encoding="utf-8").splitlines()
    assert "Joost de Boer, beleidsadviseur wonen  " in lines  # the article's line under the headline
    assert not any(line.startswith("Joost de Boer, sectormanager") for line in lines)
    assert saved["summary"] == (
        "Deelnemer Joost de Boer: functie “sectormanager wonen” → “beleidsadviseur wonen”; "
        "organisatie “gemeente Zwolle” → leeg"
    )
    assert desk.history()[0]["detail"]["after"] == {
        "name": "Joost de Boer",
        "role": "beleidsadviseur wonen",
        "organisation": "",
    }
    state = desk.state()
    assert next(p for p in state["participants"] if p["name"] == "Joost de Boer")["confirmed"] is True
    assert desk.edit_participant(version(), "Joost de Boer", role="beleidsadviseur wonen") is None  # nothing new

    desk.undo(version())
    assert public_participants(ws)["Joost de Boer"] == ("sectormanager wonen", "gemeente Zwolle")
    assert not next(p for p in transcript.read(desk.path).participants if p.name == "Joost de Boer").confirmed


def test_a_role_that_names_someone_not_public_reaches_no_public_route(workspace, tmp_path):
    """A role typed at the desk may name a colleague ("collega van Marloes van der Heijden"). Once she
    withdraws, her name reaches the public by no route: the public copy (served, published folders) and
    every download write "[naam verwijderd]" in the role, as in what others say; the transcript, the
    editors' copy, keeps what was typed."""
    confirm_voices(workspace)  # the rule asked here is another
    desk = desk_of(workspace)
    ws = desk.workspace
    desk.edit_participant(
        version_of(desk.path.read_text(encoding="utf-8")), "Joost de Boer", role="collega van Marloes van der Heijden"
    )
    assert public_participants(ws)["Joost de Boer"][0] == "collega van Marloes van der Heijden"  # both public
    ws.publication(SAMPLE_ID, "withdrawn", participant="Marloes van der Heijden", yes=True)

    assert public_participants(ws) == {"Joost de Boer": ("collega van [naam verwijderd]", "gemeente Zwolle")}
    article, _, _, _ = desk.export("artikel.md", tmp_path)
    assert "Joost de Boer, collega van [naam verwijderd], gemeente Zwolle  " in article.read_text(encoding="utf-8")
    for name in ("artikel.md", "artikel.html", "data.json", "data.csv"):
        written, _, _, _ = desk.export(name, tmp_path)
        assert "Marloes" not in written.read_text(encoding="utf-8"), name
    joost = next(p for p in transcript.read(desk.path).participants if p.name == "Joost de Boer")
    assert joost.role == "collega van Marloes van der Heijden"


def test_forget_takes_their_name_out_of_a_role_typed_at_the_desk(workspace):
    """Forget leaves no name behind: a role an editor typed at the desk that names the forgotten person
    ("collega van Marloes van der Heijden") loses it in the transcript, the database and the public copy,
    and in the prompt forget rebuilds from the participants who remain."""
    desk = desk_of(workspace)
    desk.edit_participant(
        version_of(desk.path.read_text(encoding="utf-8")), "Joost de Boer", role="collega van Marloes van der Heijden"
    )
    result = run("forget", "Marloes van der Heijden", "--yes", cwd=workspace)
    assert result.exit_code == 0, result.output

    assert "Heijden" not in desk.path.read_text(encoding="utf-8")
    joost = next(p for p in transcript.read(desk.path).participants if p.name == "Joost de Boer")
    assert joost.role == "collega van [naam verwijderd]"
    assert db_rows(workspace, "SELECT role FROM participants") == [("collega van [naam verwijderd]",)]
    assert public_participants(desk.workspace)["Joost de Boer"][0] == "collega van [naam verwijderd]"


def yaml_entry(path: Path, name: str) -> dict:
    import yaml

    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return next(entry for entry in meta["participants"] if entry["name"] == name)


def test_a_bad_role_or_organisation_is_one_dutch_sentence_and_writes_nothing(workspace):
    desk = desk_of(workspace)
    original = desk.path.read_text(encoding="utf-8")
    version = version_of(original)
    refused = [
        ("Joost de Boer", {"role": "x" * 201}, "De functie is 201 tekens lang; het mag er hoogstens 200 zijn"),
        ("Joost de Boer", {"organisation": "gemeente\x07Zwolle"}, "De organisatie bevat stuurtekens"),
        ("Joost de Boer", {"organisation": 12}, "De organisatie moet tekst zijn"),
        ("Joost de Boer", {"name": ""}, "De naam is leeg"),
        ("Kees Mol", {"role": "wethouder"}, "'Kees Mol' is geen deelnemer van dit gesprek"),
        # Another name is another person: their consent is not this participant's.
        ("Joost de Boer", {"name": "Kees Mol"}, "Kees Mol is een andere naam dan Joost de Boer, geen andere spelling"),
        ("Joost de Boer", {"name": "Marloes van der Heijden"}, "een andere naam"),
    ]
    for who, fields, message in refused:
        with pytest.raises(DeskError, match=re.escape(message)):
            desk.edit_participant(version, who, **fields)
    assert desk.path.read_text(encoding="utf-8") == original
    with pytest.raises(StaleTranscript):
        desk.edit_participant(version_of(original + "x"), "Joost de Boer", role="wethouder")


def test_a_participants_name_is_corrected_in_its_spelling_with_their_turns(workspace):
    """A participant's name as the programme misspelt it: corrected at the desk, their headings and
    voice follow, so their words stay theirs (and their consent with them)."""
    desk = desk_of(workspace)
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    turns = sum(1 for t in transcript.read(desk.path).turns if t.speaker == "Joost de Boer")
    # asked first, as the same spelling given to his voice is (a newcomer's run, session 51: a typo under
    # Deelnemers renamed him everywhere at once)
    source = desk.path.read_bytes()
    with pytest.raises(NeedsConfirmation, match="deelnemer Joost de Boer heet dan overal zo, onder elk citaat"):
        desk.edit_participant(version(), "Joost de Boer", name="Joost de Boerr")
    assert desk.path.read_bytes() == source
    # a correction of case alone where the turns say the name right notes nothing (a reviewer's read)
    desk.edit_participant(version(), "Joost de Boer", name="joost de boer", force=True)
    fixed = desk.edit_participant(version(), "joost de boer", name="Joost de Boer", force=True)
    assert "oude spelling" not in fixed["summary"], fixed["summary"]
    saved = desk.edit_participant(version(), "Joost de Boer", name="Joost den Boer", force=True)
    # his own "En ik ben Joost de Boer" keeps the old spelling: the save says where, and how to correct it
    assert "; de oude spelling staat nog in 1 beurt: verbeter die onder Zoeken en overal vervangen" in saved["summary"]
    # undone, the undo does not repeat that advice, which would put the undone spelling back (a second editor's run)
    undone = desk.undo(version())
    assert (
        undone["summary"].startswith("Ongedaan gemaakt: Deelnemer Joost de Boer: naam")
        and "oude spelling" not in (undone["summary"])
    )
    saved = desk.edit_participant(version(), "Joost de Boer", name="Joost den Boer", force=True)
    after = transcript.read(desk.path)
    assert [p.name for p in after.participants] == ["Marloes van der Heijden", "Joost den Boer"]
    assert sum(1 for t in after.turns if t.speaker == "Joost den Boer") == turns > 0
    assert "Joost den Boer" in {s.name for s in after.speakers} and not after.unlisted()
    assert db_rows(workspace, "SELECT count(*) FROM turns WHERE speaker = 'Joost den Boer'") == [(turns,)]
    # a role typed under the spelling a page from before shows (another tab respelt him meanwhile), saved by the
    # conflict panel's "Mijn versie opslaan" on the version now: his (an editor's run, session 51: "'Joost de Boer'
    # is geen deelnemer")
    saved = desk.edit_participant(version(), "Joost de Boer", role="Sectormanager wonen en zorg")
    assert saved["summary"].startswith("Deelnemer Joost den Boer: functie"), saved["summary"]
    assert transcript.read(desk.path).participants[1].role == "Sectormanager wonen en zorg"
    # and so is a turn moved, or split off, to him (an editor's run, session 58: a voice "Joost de Boer" of its own,
    # no participant's, kept back, and the turn of Marloes's with the best quote no longer public)
    first = next(k for k, t in enumerate(transcript.read(desk.path).turns) if t.speaker == MARLOES)
    moved = desk.move_turn(version(), first, "Joost de Boer", force=True)
    assert "naar Joost den Boer" in moved["summary"] and "niet bij de deelnemers" not in moved["summary"], moved
    assert transcript.read(desk.path).turns[first].speaker == "Joost den Boer"
    desk.move_turn(version(), first, MARLOES, force=True)
    desk.split_turn(version(), first, 2, "Joost de Boer", force=True)
    assert transcript.read(desk.path).turns[first + 1].speaker == "Joost den Boer"
    assert not transcript.read(desk.path).unlisted()
    # and so is a status (a reviewer's read)
    desk.set_status(version(), "internal", participant="Joost de Boer", force=True)
    assert transcript.read(desk.path).participants[1].status == "internal"


def test_a_name_nobody_listed_is_shown_as_such_and_added_as_a_participant_at_the_desk(workspace, client):
    """A voice named at the desk for someone off the programme: its turns are kept from the public.
    The desk's state says which names nobody listed; adding one with a status makes them a participant,
    and their turns follow that status."""
    named = client.post(
        f"{DESK}/spreker", {"version": client.version(), "speaker": "Joost de Boer", "name": "Kees Mol", "zeker": True}
    )
    assert named.status_code == 200, named.text
    state = client.get(f"{DESK}.json").json()
    assert state["unlisted"] == ["Kees Mol"]
    assert {t["withheld"] for t in state["turns"] if t["speaker"] == "Kees Mol"} == {"internal"}

    for body, message in (
        ({"name": "Kees Mol"}, "Kies een publicatiestatus voor Kees Mol"),
        ({"name": "Kees Mol", "status": "openbaar"}, "Kies een publicatiestatus"),
        ({"name": "marloes VAN DER heijden", "status": "published"}, "Marloes van der Heijden staat al bij de"),
        ({"name": "Spreker 3", "status": "published"}, "Spreker 3 is het label van een stem zonder naam"),
        ({"name": "Kees Mol", "role": "x" * 201, "status": "published"}, "De functie is 201 tekens lang"),
    ):
        refused = client.post(f"{DESK}/toevoegen", {"version": client.version(), **body})
        assert refused.status_code == 400 and message in refused.json()["error"], (body, refused.text)

    kees = {"name": "Kees Mol", "role": "wethouder", "organisation": "gemeente Deventer", "status": "published"}
    # his turns go public with it: asked first, as making someone public is (a helper's attack, session 43)
    asked = client.post(f"{DESK}/toevoegen", {"version": client.version(), **kees})
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    assert "Openbaar maken? Wat Kees Mol zei" in asked.json()["error"]
    added = client.post(f"{DESK}/toevoegen", {"version": client.version(), **kees, "zeker": True})
    assert added.status_code == 200, added.text
    assert added.json()["saved"]["summary"] == (
        "Deelnemer toegevoegd: Kees Mol (wethouder, gemeente Deventer), openbaar; de beurten van Kees Mol volgen nu "
        "die status"
    )
    state = added.json()["state"]
    assert state["unlisted"] == [] and not any(t["withheld"] for t in state["turns"])
    kees = next(p for p in state["participants"] if p["name"] == "Kees Mol")
    assert kees == {
        "name": "Kees Mol",
        "role": "wethouder",
        "organisation": "gemeente Deventer",
        "status": "published",
        "confirmed": True,
    }
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    assert public_participants(ws)["Kees Mol"] == ("wethouder", "gemeente Deventer")
    undone = client.post(f"{DESK}/ongedaan", {"version": client.version()})
    assert undone.status_code == 200 and undone.json()["state"]["unlisted"] == ["Kees Mol"]
    assert "Kees Mol" not in public_participants(ws)


def test_a_name_that_could_be_someone_withdrawn_is_not_added_less_strictly(workspace, client):
    """A heading edited by hand to "M. van der Heijden" is withheld as Marloes van der Heijden's, who
    withdrew (Conversation.lookalikes); the desk lists it among the names nobody listed. Adding it as a
    published (or internal) participant would show her words under it: refused in one sentence, nothing
    written, the turn still withheld; added as withdrawn it keeps her consent."""
    path = path_of(workspace)
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "withdrawn", participant="Marloes van der Heijden", yes=True)
    before = transcript.read(path)
    last = max(i for i, t in enumerate(before.turns) if t.speaker == "Marloes van der Heijden")
    sections = re.split(r"(?m)^(?=## \[)", path.read_text(encoding="utf-8"))
    sections[last + 1] = sections[last + 1].replace("Marloes van der Heijden", "M. van der Heijden", 1)
    path.write_text("".join(sections), encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    said = before.turns[last].text
    public = lambda: public_turns(ws, said)  # noqa: E731
    assert public() == 0 and client.get(f"{DESK}.json").json()["unlisted"] == ["M. van der Heijden"]

    for status in ("published", "internal"):
        source = path.read_bytes()
        refused = client.post(
            f"{DESK}/toevoegen", {"version": client.version(), "name": "M. van der Heijden", "status": status}
        )
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"].startswith(
            "M. van der Heijden kan Marloes van der Heijden zijn, die de toestemming heeft ingetrokken"
        )
        assert path.read_bytes() == source and public() == 0
    added = client.post(
        f"{DESK}/toevoegen", {"version": client.version(), "name": "M. van der Heijden", "status": "withdrawn"}
    )
    assert added.status_code == 200, added.text
    assert public() == 0


def test_a_heading_under_an_earlier_spelling_of_someone_withdrawn_is_theirs_and_not_added_less_strictly(
    tmp_path, monkeypatch
):
    """The review of session 23's change: Marloes's name was corrected from "Marlous Heijden", which stays
    her earlier spelling, and one heading still has it; she withdrew. Look-alikes were judged by her name
    as it is now only: load called the heading a name nobody listed, to add "with a status (published to
    show them)", and the desk added it as published, which put her words on the public site. It is hers,
    as her name in any spelling is: load says so, and the desk refuses a looser status."""
    from gesprekken.transcript import Conversation, Participant, Turn

    monkeypatch.setenv("GESPREKKEN_HOME", str(tmp_path / "home"))
    ann = Participant("Ann Bos", "directeur", "Woonstichting De Linie", "published")
    marloes = Participant("Marloes van der Heyden", "adviseur", "", "withdrawn", earlier_spellings=["Marlous Heijden"])
    said = "Wij doen aan schuldhulp, maar de mensen komen vaak te laat bij ons."
    turns = [
        Turn("Ann Bos", 0.0, 4.0, "Wij zien steeds meer huurders met huurachterstanden."),
        Turn("Marlous Heijden", 4.5, 9.0, said),
    ]
    talk = Conversation(
        id="a1b2c3d4e5f6", title="Schulden", participants=[ann, marloes], turns=turns, status="published"
    )
    transcript.write(talk, tmp_path / "transcripts" / "gesprek.md")
    loaded = run("load", cwd=tmp_path)
    assert loaded.exit_code == 0, loaded.output
    assert "could be Marloes van der Heyden (withdrawn)" in loaded.stderr, loaded.stderr
    assert "published to show them" not in loaded.stderr, loaded.stderr
    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    desk = ws.desk(talk.id)
    source = desk.path.read_bytes()
    with pytest.raises(DeskError, match="^Marlous Heijden kan Marloes van der Heyden zijn, die de toestemming"):
        desk.add_participant(version_of(source.decode("utf-8")), "Marlous Heijden", status="published")
    assert desk.path.read_bytes() == source and public_turns(ws, said) == 0


def public_turns(ws: Workspace, text: str) -> int:
    with sqlite3.connect(ws.public_copy()) as public:
        return public.execute("SELECT count(*) FROM turns WHERE text = ?", [text]).fetchone()[0]


def test_apply_programme_and_ingest_keep_the_editors_role_and_organisation(workspace):
    """An editor's correction is never overwritten: the programme, applied again (the real CLI), fills
    in none of it, an emptied organisation neither, and ingest with the programme offers nothing."""
    from importlib.resources import files

    desk = desk_of(workspace)
    desk.edit_participant(
        version_of(desk.path.read_text(encoding="utf-8")), "Joost de Boer", role="beleidsadviseur", organisation=""
    )
    programme = workspace / "programma.yaml"
    programme.write_text(
        (files("gesprekken") / "data" / "sample" / "programme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = desk.path.read_bytes()
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert desk.path.read_bytes() == before
    joost = next(p for p in transcript.read(desk.path).participants if p.name == "Joost de Boer")
    assert (joost.role, joost.organisation) == ("beleidsadviseur", "")
    assert "kept the role and organisation of Joost de Boer an editor set" in result.stderr
    assert db_rows(workspace, "SELECT role, organisation FROM participants WHERE name = 'Joost de Boer'") == [
        ("beleidsadviseur", "")
    ]
    again = run("ingest", "--sample", cwd=workspace)  # kept, with the shipped programme: nothing to offer
    assert again.exit_code == 0, again.output
    assert "differs from the programme" not in again.stderr and desk.path.read_bytes() == before


def test_apply_programme_says_how_to_keep_an_organisation_emptied_by_hand_empty(workspace):
    """An organisation emptied by hand in the file reads like one never filled, and apply-programme fills
    it: it says so and how to keep it empty; with 'confirmed: true' under the participant, as the README
    and that message say, it is kept."""
    from importlib.resources import files

    programme = workspace / "programma.yaml"
    programme.write_text(
        (files("gesprekken") / "data" / "sample" / "programme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = path_of(workspace)
    text = path.read_text(encoding="utf-8")
    emptied = text.replace("organisation: gemeente Zwolle", "organisation: ''", 1)
    assert emptied != text
    path.write_text(emptied, encoding="utf-8")
    result = run("apply-programme", "programma.yaml", "--dry-run", cwd=workspace)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "filled in the role and organisation of Joost de Boer" in said and "'confirmed: true'" in said, said
    path.write_text(emptied.replace("organisation: ''", "organisation: ''\n  confirmed: true", 1), encoding="utf-8")
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    joost = next(p for p in transcript.read(path).participants if p.name == "Joost de Boer")
    assert joost.organisation == "" and joost.confirmed


@pytest.mark.parametrize("how", ["desk", "rename"])
def test_a_corrected_spelling_of_a_name_stays_withheld_where_others_said_the_old_one(workspace, tmp_path, how):
    """Whisper, prompted with the programme, wrote "Van der Heijden" where Joost says her name; the
    editor corrects her name to "Van der Heyden" (at the desk, or by renaming her voice), and she then
    withdraws. The old spelling is still hers: not in the public copy, an export, or what forget leaves."""
    confirm_voices(workspace)  # the rule asked here is another
    desk = desk_of(workspace)
    ws = desk.workspace
    version = lambda: version_of(desk.path.read_text(encoding="utf-8"))  # noqa: E731
    joost = next(n for n, t in enumerate(transcript.read(desk.path).turns) if t.speaker == "Joost de Boer")
    said = transcript.read(desk.path).turns[joost].text
    desk.edit_text(version(), joost, f"{said} Dank u, mevrouw Van der Heijden.")
    if how == "desk":
        desk.edit_participant(version(), "Marloes van der Heijden", name="Marloes van der Heyden", force=True)
    else:
        result = run(
            "speakers", SAMPLE_ID[:8], "--rename", "Marloes van der Heijden=Marloes van der Heyden", cwd=workspace
        )
        assert result.exit_code == 0, result.output
    marloes = next(p for p in transcript.read(desk.path).participants if p.name == "Marloes van der Heyden")
    assert marloes.earlier_spellings == ["Marloes van der Heijden"]
    assert "mevrouw Van der Heijden" in transcript.read(desk.path).turns[joost].text  # the editors' file keeps it

    ws.publication(SAMPLE_ID, "withdrawn", participant="Marloes van der Heyden", yes=True)

    public = ws.public_copy().read_bytes()
    assert b"Heijden" not in public and b"Heyden" not in public
    with sqlite3.connect(ws.public_copy()) as copy:
        (text,) = copy.execute("SELECT text FROM turns WHERE seq = ?", [joost + 1]).fetchone()
    assert text.endswith("Dank u, mevrouw [naam verwijderd].")
    article, _, _, _ = desk.export("artikel.md", tmp_path)
    assert "Heijden" not in article.read_text(encoding="utf-8") and "mevrouw [naam verwijderd]" in article.read_text(
        encoding="utf-8"
    )
    forgotten = run("forget", "Marloes van der Heyden", "--yes", cwd=workspace)
    assert forgotten.exit_code == 0, forgotten.output
    assert "Heijden" not in desk.path.read_text(encoding="utf-8")


def test_adding_someone_where_a_person_was_forgotten_asks_first(workspace, client):
    """forget keeps no name of whom, and apply-programme adds nobody to such a conversation: the desk
    asks before adding someone who could be them, and adds a withdrawn person without asking."""
    forgotten = run("forget", "Joost de Boer", "--yes", cwd=workspace)
    assert forgotten.exit_code == 0, forgotten.output
    body = {"name": "Kees Mol", "role": "wethouder", "status": "published"}
    asked = client.post(f"{DESK}/toevoegen", {"version": client.version(), **body})
    assert asked.status_code == 400 and asked.json()["confirm"] is True, asked.text
    assert "Iemand is uit dit gesprek vergeten" in asked.json()["error"]
    assert "Kees Mol" not in path_of(workspace).read_text(encoding="utf-8")
    withdrawn = client.post(
        f"{DESK}/toevoegen", {"version": client.version(), "name": "Piet Pan", "status": "withdrawn"}
    )
    assert withdrawn.status_code == 200, withdrawn.text
    added = client.post(f"{DESK}/toevoegen", {"version": client.version(), **body, "zeker": True})
    assert added.status_code == 200, added.text
    assert [p.name for p in transcript.read(path_of(workspace)).participants] == [
        "Marloes van der Heijden",
        "Piet Pan",
        "Kees Mol",
    ]


def test_naming_a_voice_by_its_label_keeps_the_spelling_an_editor_gave_its_participant(workspace):
    """An editor corrected Joost's name at the desk; later someone names his voice by its label with
    the programme's spelling. The voice is his already: the editor's spelling is not turned back
    without a word, and renaming by the name still respells it on purpose."""
    from gesprekken.errors import GesprekkenError

    desk = desk_of(workspace)
    desk.edit_participant(
        version_of(desk.path.read_text(encoding="utf-8")), "Joost de Boer", name="Joost den Boer", force=True
    )
    label = next(s.label for s in transcript.read(desk.path).speakers if s.shown_as == "Joost den Boer")
    corrected = desk.path.read_text(encoding="utf-8")
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    with pytest.raises(
        GesprekkenError, match=f'{label} is Joost den Boer already.*--rename "Joost den Boer=Joost de Boer"'
    ):
        ws.speakers(desk.path.name, rename=[(label, "Joost de Boer")])
    assert desk.path.read_text(encoding="utf-8") == corrected

    ws.speakers(desk.path.name, rename=[("Joost den Boer", "Joost de Boer")])
    assert "Joost de Boer" in [p.name for p in transcript.read(desk.path).participants]


def test_publishing_at_the_desk_says_when_someone_withdrawn_speaks_in_no_turn(workspace):
    """As the command says it (test_consent): Kees withdrew and speaks in no turn, every voice has another's name;
    publishing the conversation at the desk said nothing of where his words, if he spoke, now are."""
    path = path_of(workspace)
    text = path.read_text(encoding="utf-8").replace("status: published", "status: internal", 1)
    listed = "  status: published\nspeakers:"
    text = text.replace(listed, listed.replace("speakers:", "- name: Kees Mol\n  status: withdrawn\nspeakers:"), 1)
    path.write_text(text, encoding="utf-8")
    desk = desk_of(workspace)
    saved = desk.set_status(version_of(path.read_text(encoding="utf-8")), "published", force=True)
    assert "Kees Mol spreekt in geen enkele beurt van dit gesprek" in saved["summary"], saved


def test_what_an_undo_would_show_is_read_from_turns_without_times_and_as_if_published_too():
    """A reviewer's findings: turns typed without times all began at 0 and counted as one moment, so undoing a
    withdrawal there was not asked; and in an internal conversation a move asked about (as if published) was done
    again by 'Opnieuw doen' unasked."""
    from gesprekken.desk import _newly_shown
    from gesprekken.transcript import Conversation, Participant, Turn

    def talk(joost: str, status: str = "published", *, timed: bool = True, his: str = "Joost de Boer"):
        people = [Participant("Ann Bos", status="published"), Participant("Joost de Boer", status=joost)]
        turns = [
            Turn(who, 3.0 * n if timed else 0.0, 3.0 * n + 2.0 if timed else 0.0, f"Zin {n}.")
            for n, who in enumerate(["Ann Bos", his, "Ann Bos"])
        ]
        return Conversation(id="a1b2c3d4e5f6", title="T", participants=people, turns=turns, status=status)

    for timed in (True, False):
        assert _newly_shown(talk("withdrawn", timed=timed), talk("published", timed=timed))
        assert not _newly_shown(talk("published", timed=timed), talk("withdrawn", timed=timed))
    internal = talk("withdrawn", "internal")
    assert _newly_shown(internal, talk("withdrawn", "internal", his="Ann Bos"))
    assert not _newly_shown(internal, talk("withdrawn", "internal"))
    # A third reviewer: a turn of his inside Ann's stretch, and a split whose second part was his, undone; read
    # per word and speaker now, not by the stretch the public's turns cover.
    people = [Participant("Ann Bos", status="published"), Participant("Joost de Boer", status="withdrawn")]

    def said(*turns, joost: str = "withdrawn") -> Conversation:
        listed = [people[0], Participant("Joost de Boer", status=joost)]
        timed = [Turn(who, a, b, "een twee drie") for who, a, b in turns]
        return Conversation(id="a1b2c3d4e5f6", title="T", participants=listed, turns=timed, status="published")

    nested = (("Ann Bos", 0.0, 60.0), ("Joost de Boer", 20.0, 25.0))
    assert _newly_shown(said(*nested), said(*nested, joost="published"))
    split = said(("Ann Bos", 0.0, 10.0), ("Joost de Boer", 10.0, 20.0))
    assert _newly_shown(split, said(("Ann Bos", 0.0, 20.0)))
    assert not _newly_shown(said(("Ann Bos", 0.0, 10.0), ("Ann Bos", 10.0, 20.0)), said(("Ann Bos", 0.0, 20.0)))


def test_publishing_and_undoing_a_withdrawal_are_asked_by_the_server_too(workspace, client):
    """A helper's attack on the desk's API: making someone public was asked only by the page (a request without
    'zeker' published Joost at once), undoing his withdrawal put him back on the site with no question at all, and
    'Opnieuw doen' repeated a move the editor had confirmed, unasked. Each is asked now (400, confirm), writes
    nothing, and is done with 'zeker'."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    confirm_voices(workspace)
    conversation = transcript.read(path_of(workspace))
    # his last turn (his first introduces him: under Marloes's name her voice would be his)
    probe = [t.text for t in conversation.turns if t.speaker == "Joost de Boer"][-1]

    def public_turns() -> list:
        with sqlite3.connect(ws.public_copy()) as db:
            return db.execute("select speaker from turns where text = ?", (probe,)).fetchall()

    def asked(action: str, body: dict) -> str:
        source = path_of(workspace).read_bytes()
        answer = client.post(f"{DESK}/{action}", {"version": client.version(), **body})
        assert answer.status_code == 400 and answer.json()["confirm"] is True, answer.text
        assert path_of(workspace).read_bytes() == source
        return answer.json()["error"]

    def done(action: str, body: dict) -> None:
        answer = client.post(f"{DESK}/{action}", {"version": client.version(), **body})
        assert answer.status_code == 200 and answer.json()["saved"], answer.text

    withdraw = {"status": "withdrawn", "participant": "Joost de Boer"}
    done("publicatie", withdraw)
    assert public_turns() == []
    assert "Ongedaan maken (Publicatie: Joost de Boer openbaar → ingetrokken) maakt openbaar" in asked("ongedaan", {})
    assert public_turns() == []
    publish = {"status": "published", "participant": "Joost de Boer"}
    assert "Openbaar maken? Wat Joost de Boer zei" in asked("publicatie", publish)
    assert public_turns() == []
    done("publicatie", {**publish, "zeker": True})
    assert public_turns() == [("Joost de Boer",)]
    # A confirmed move of one of his turns, undone, then done again ('Opnieuw doen'): asked again.
    done("publicatie", withdraw)
    index = next(n for n, t in enumerate(transcript.read(path_of(workspace)).turns) if t.text == probe)
    move = {"turn": index, "speaker": MARLOES}
    asked("verplaats", move)
    done("verplaats", {**move, "zeker": True})
    assert public_turns() == [(MARLOES,)]
    done("ongedaan", {})  # hides it again: nothing to ask
    assert public_turns() == []
    assert asked("ongedaan", {}).startswith("Opnieuw doen (De beurt om ")
    done("ongedaan", {"zeker": True})
    assert public_turns() == [(MARLOES,)]
    # and again: said as the change, not as "Ongedaan gemaakt: Ongedaan gemaakt: ..." (a newcomer's run, session 51)
    done("ongedaan", {})
    assert asked("ongedaan", {}).startswith("Opnieuw doen (De beurt om ")
    done("ongedaan", {"zeker": True})
    assert public_turns() == [(MARLOES,)]
    # A plain correction of a public turn's words, undone and done again, asks nothing (a reviewer: the words
    # aligned anew had other times, and every undo of a correction asked).
    mine = next(n for n, t in enumerate(transcript.read(path_of(workspace)).turns) if t.speaker == MARLOES)
    done("tekst", {"turn": mine, "text": "Goedemiddag, ik ben Marloes van der Heijden, directeur van De Linie."})
    done("ongedaan", {})
    done("ongedaan", {})


def test_naming_a_voice_by_its_label_for_another_listed_participant_whose_name_holds_its_own_is_allowed(tmp_path):
    """A reviewer's find: the refusal above also stopped 'Spreker 2=Jan de Vries-Bakker' where she is another
    participant at the table (her married name holds Jan Bakker's), and its advice would have put every voice of
    Jan Bakker under her name. Another listed participant is named as any participant is."""
    from gesprekken.corrections import rename_speakers
    from gesprekken.transcript import Conversation, Participant, Speaker, Turn, read, write

    conversation = Conversation(
        id="a1b2c3d4e5f6",
        title="Tafel",
        participants=[Participant("Jan Bakker", confirmed=True), Participant("Jan de Vries-Bakker")],
        speakers=[Speaker("Spreker 1", "Jan Bakker", 0.9), Speaker("Spreker 2", None, 0.0)],
        turns=[Turn("Jan Bakker", 0.0, 2.0, "Goedemiddag."), Turn("Spreker 2", 2.0, 4.0, "Dag.")],
    )
    path = tmp_path / "tafel.md"
    write(conversation, path)
    rename_speakers(path, [("Spreker 1", "Jan de Vries-Bakker"), ("Spreker 2", "Jan Bakker")])
    after = read(path)
    assert [t.speaker for t in after.turns] == ["Jan de Vries-Bakker", "Jan Bakker"]
    assert [p.name for p in after.participants] == ["Jan Bakker", "Jan de Vries-Bakker"]


def test_withdrawing_at_the_desk_says_which_voice_named_automatically_stays_back(workspace):
    """Automatic naming may have named the pair the wrong way round: withdrawing Joost keeps Marloes's
    voice, named automatically too, from the public until an editor confirms it (held_for_naming). The
    history line says so, and the desk marks her turns; confirmed, they are public again."""
    marloes = "Marloes van der Heijden"
    path = path_of(workspace)
    assert run("publication", "1ef18611", "published", cwd=workspace).exit_code == 0
    assert run("publication", "1ef18611", "published", "--participant", marloes, cwd=workspace).exit_code == 0
    desk = desk_of(workspace)
    assert not [t for t in desk.state()["turns"] if t["withheld"]]
    desk.set_status(version_of(path.read_text(encoding="utf-8")), "withdrawn", "Joost de Boer", force=True)
    summary = desk.history()[0]["summary"]
    assert f"{marloes} is ook niet openbaar zolang niemand de naam bevestigde" in summary, summary
    hers = [t for t in desk.state()["turns"] if t["speaker"] == marloes]
    assert hers and all(t["withheld"] == "unconfirmed" for t in hers)  # not hers to withdraw: not "ingetrokken"
    assert run("speakers", "1ef18611", "--rename", f"{marloes}={marloes}", cwd=workspace).exit_code == 0
    hers = [t for t in desk_of(workspace).state()["turns"] if t["speaker"] == marloes]
    assert hers and not [t for t in hers if t["withheld"]]


def test_a_name_resting_on_being_addressed_alone_reads_alike_at_the_desk_the_command_and_consent(workspace, client):
    """A transcript named before the thirty-fourth round keeps 0.92 for a name whose only clue is the other
    voice addressing it; consent reads it as 0.86 (naming.ADDRESSED_ALONE, so withdrawing asks first), but the
    desk, `gesprekken speakers` and the database showed the 0.92 stored: the editor saw 92% where the
    withdrawal she made then asked her whether she was sure at 86%. Every route reads it as consent does."""
    from dataclasses import replace

    from gesprekken import naming

    path = path_of(workspace)
    talk = transcript.read(path)
    address = "wordt aangesproken: 'Joost, hoe kijk jij daarnaar?' (Marloes van der Heijden)"
    speakers = [
        replace(s, confidence=0.92, evidence=[address]) if s.name == "Joost de Boer" else s for s in talk.speakers
    ]
    assert speakers != talk.speakers
    transcript.write(replace(talk, speakers=speakers), path)
    assert run("load", cwd=workspace).exit_code == 0

    assert naming.attribution(transcript.read(path), "Joost de Boer").confidence == naming.ADDRESSED_ALONE == 0.86
    joost = next(s for s in client.get(f"{DESK}.json").json()["speakers"] if s["name"] == "Joost de Boer")
    assert joost["confidence"] == 0.86 and not joost["confirmed"]
    listed = run("speakers", SAMPLE_ID[:8], cwd=workspace)
    assert listed.exit_code == 0 and "confidence 0.86" in listed.output and "0.92" not in listed.output
    assert db_rows(workspace, "select confidence from speakers where name = ?", ("Joost de Boer",)) == [(0.86,)]
    # the transcript keeps what naming wrote: nothing is rewritten by reading it
    assert "confidence: 0.92" in path.read_text(encoding="utf-8")


def test_a_theme_the_article_leaves_out_is_marked_at_the_desk(workspace, client):
    """A newcomer's run as an editor: with Joost de Boer withdrawn, a theme she added (and one his turns
    alone said) showed in the desk's box but not in the downloaded article nor on the public page, with no
    sign why. Each theme now carries `withheld` as its turns and quotes do: exactly the themes the article's
    box leaves out are marked."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    confirm_voices(workspace)
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    added = client.post(f"{DESK}/thema", {"version": client.version(), "theme": "leefbaarheid", "choice": "accept"})
    assert added.status_code == 200, added.text
    themes = client.get(f"{DESK}.json").json()["themes"]
    article = client.get(f"{DESK}/download/artikel.md").text
    (box,) = [line for line in article.splitlines() if "Thema’s: " in line]
    in_article = {label.strip() for label in box.split("Thema’s: ", 1)[1].split(",")}
    marked = {t["label"] for t in themes if t["withheld"]}
    assert marked and in_article and not marked & in_article
    assert {t["label"] for t in themes} == in_article | marked
    assert {t["withheld"] for t in themes if t["withheld"]} == {"withdrawn"}
    # With nothing kept back, no theme is marked.
    ws.publication(SAMPLE_ID, "published", participant="Joost de Boer", yes=True)
    assert not [t for t in client.get(f"{DESK}.json").json()["themes"] if t["withheld"]]


def test_a_turn_held_until_its_voice_is_confirmed_is_asked_about_too(workspace):
    """Session 42's reviewer: the question judged the turn's own speaker as if every voice were confirmed, so a
    turn held only until an editor confirms its voice (Joost withdrawn, Marloes named automatically) went to a
    published participant, or to Marloes's name in other case (a heading typed by hand counts as confirmed),
    and onto the public copy without a question."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    desk = desk_of(workspace)
    desk.add_participant(desk.state()["version"], "Piet Pan", "wethouder", "gemeente Zwolle", "published")
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    state = desk.state()
    index = next(t["index"] for t in state["turns"] if t["speaker"] == MARLOES)
    assert state["turns"][index]["withheld"] == "unconfirmed"
    source = desk.path.read_bytes()
    for name in ("Piet Pan", MARLOES.lower()):
        with pytest.raises(NeedsConfirmation, match="wordt achtergehouden tot een redacteur de stem bevestigt"):
            desk.move_turn(state["version"], index, name)
        with pytest.raises(NeedsConfirmation, match="wordt achtergehouden tot een redacteur de stem bevestigt"):
            desk.split_turn(state["version"], index, 1, name)
    assert desk.path.read_bytes() == source


def test_a_turn_forget_emptied_is_neither_moved_nor_split(workspace):
    """Session 42's reviewer: forget's marker turn could be given to Marloes (asked, with a reason about an
    unnamed voice) and then lifted the public recording's silence there, over the forgotten person's voice.
    It is refused, as a merge with it is."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.forget("Joost de Boer", yes=True)
    desk = desk_of(workspace)
    state = desk.state()
    index = next(t["index"] for t in state["turns"] if t["speaker"] == REMOVED_SPEAKER)
    source = desk.path.read_bytes()
    for act in (
        lambda: desk.move_turn(state["version"], index, MARLOES, force=True),
        lambda: desk.split_turn(state["version"], index, 1, MARLOES, force=True),
    ):
        with pytest.raises(DeskError, match="leeggemaakt omdat iemand vergeten wilde worden"):
            act()
    assert desk.path.read_bytes() == source


def test_one_confirmation_of_a_split_answers_both_its_questions(workspace):
    """Session 42's reviewer: a split that would show withheld words and cut a chosen sentence asked only the
    first; its 'zeker' then dropped the chosen sentence without a word. Both are asked at once."""
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    confirm_voices(workspace)
    desk = desk_of(workspace)
    state = desk.state()
    index = [t["index"] for t in state["turns"] if t["speaker"] == "Joost de Boer"][-1]
    sentence = state["turns"][index]["text"]
    assert desk.choose(state["version"], "quote", sentence, "accept")  # chosen before he withdrew
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    with pytest.raises(NeedsConfirmation) as asked:
        desk.split_turn(desk.state()["version"], index, 2, MARLOES)
    assert "die heeft de toestemming ingetrokken" in str(asked.value) and "knipt" in str(asked.value)


def test_a_participant_added_by_mistake_is_taken_off_the_list_where_they_say_nothing(client, workspace):
    """An editor's run (session 58): someone added by mistake, their only turn moved back, stayed in the article's
    participant lines; the desk could only make them internal, which held back another voice no one confirmed.
    One who speaks in no turn goes from the list; one who speaks, or is kept back and named, stays, and it says why."""
    path = path_of(workspace)
    added = client.post(
        f"{DESK}/toevoegen",
        {
            "version": client.version(),
            "name": "Ans Visser",
            "role": "adviseur",
            "organisation": "Stadsbank",
            "status": "published",
        },
    )
    assert added.status_code == 200, added.text
    assert "Ans Visser" in [p.name for p in transcript.read(path).participants]
    speaks = client.post(f"{DESK}/weghalen", {"version": client.version(), "participant": "Joost de Boer"})
    assert speaks.status_code == 400 and "Joost de Boer spreekt in" in speaks.json()["error"], speaks.text
    gone = client.post(f"{DESK}/weghalen", {"version": client.version(), "participant": "Ans Visser"})
    assert gone.status_code == 200 and gone.json()["saved"]["summary"] == "Deelnemer van de lijst gehaald: Ans Visser"
    assert "Ans Visser" not in path.read_text(encoding="utf-8")
    assert db_rows(workspace, "SELECT count(*) FROM participants WHERE name = 'Ans Visser'") == [(0,)]
    # one kept back whom the conversation names: off the list their name would be shown
    client.post(
        f"{DESK}/toevoegen",
        {"version": client.version(), "name": "Ans Visser", "status": "withdrawn"},
    )
    first = transcript.read(path).turns[0]
    text = first.text + " Ans Visser belde me gisteren."
    assert (
        client.post(
            f"{DESK}/tekst",
            {"version": client.version(), "turn": 0, "text": text, "start": first.start, "was": first.text},
        ).status_code
        == 200
    )  # noqa: E501
    named = client.post(f"{DESK}/weghalen", {"version": client.version(), "participant": "Ans Visser"})
    assert named.status_code == 400 and "zou die naam openbaar worden" in named.json()["error"], named.text
    # and by her surname alone, or her initial: as consent finds a name (a reviewer's read)
    first = transcript.read(path).turns[0]
    text = first.text.replace("Ans Visser belde me gisteren.", "A. Visser belde me gisteren.")
    body = {"version": client.version(), "turn": 0, "text": text, "start": first.start, "was": first.text}
    assert client.post(f"{DESK}/tekst", body).status_code == 200
    named = client.post(f"{DESK}/weghalen", {"version": client.version(), "participant": "Ans Visser"})
    assert named.status_code == 400 and "zou die naam openbaar worden" in named.json()["error"], named.text
    # one from the programme, not yet heard under a voice named for them: not taken off (a reviewer's read)
    from_programme = client.post(f"{DESK}/weghalen", {"version": client.version(), "participant": MARLOES})
    assert from_programme.status_code == 400, from_programme.text


def test_the_desk_url_with_the_short_id_ingest_prints_opens_the_desk(client):
    """Ingest prints a conversation's first 8 hex digits, the commands and the conversation page take them, but the
    desk URL the README gives (/-/gesprekken/redactie/<conversation id>) answered 404 "Geen gesprek met dit id." to
    them (helper hF's newcomer run, session 60). It sends the editor on to the desk of the one conversation whose id
    starts so; a guest is still refused, and a prefix of none or a word is still a 404."""
    short = SAMPLE_ID[:8]
    answer = client.get(f"/-/gesprekken/redactie/{short}?x=1")
    assert answer.status_code == 302 and answer.headers["location"] == f"{DESK}?x=1", answer.headers
    assert client.get(answer.headers["location"]).status_code == 200
    assert client.get(f"/-/gesprekken/redactie/{short}", actor=None).status_code == 403
    assert client.get("/-/gesprekken/redactie/00000000").status_code == 404
    assert client.get("/-/gesprekken/redactie/1ef1").status_code == 404


def test_a_voice_is_shown_confirmed_only_where_every_entry_of_its_name_is(workspace):
    """A reviewer's read of 2c60a74: a confirmed voice shows "Bevestigd", a button that does nothing, from the state's
    "confirmed". A second voice merged into one named automatically (diarization split Marloes in two) is confirmed
    under her name, her own entry not: the state said confirmed (the last entry's), the desk offered nothing to
    confirm, while consent still reads her as named by the machine alone (consent.unconfirmed_voices). The state says
    confirmed only where every entry of the name is, and naming her with her own name confirms them all."""
    from gesprekken.consent import unconfirmed_voices

    path = path_of(workspace)
    desk = desk_of(workspace)
    assert desk.name_speaker(desk.state()["version"], "Joost de Boer", MARLOES, merge=True, force=True)
    assert [s.confirmed for s in transcript.read(path).speakers if s.shown_as == MARLOES] == [False, True]
    assert MARLOES in unconfirmed_voices(transcript.read(path))
    (voice,) = [v for v in desk.state()["speakers"] if v["name"] == MARLOES]
    assert voice["confirmed"] is False
    assert desk.name_speaker(desk.state()["version"], MARLOES, MARLOES)
    assert MARLOES not in unconfirmed_voices(transcript.read(path))
    (voice,) = [v for v in desk.state()["speakers"] if v["name"] == MARLOES]
    assert voice["confirmed"] is True
