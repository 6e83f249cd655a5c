"""A name that speaks but is no participant's has given no consent: its turns are not published.

Found by an attack (session 20): withdraw a participant, then delete their entry from the transcript's
``participants:`` by hand and run ``load``: every turn of theirs went public under their full name, as
the voice of nobody ("Spreker 2"), with no warning. The same held for any heading that names someone
off the list (a typo, a person added by hand without a status, a voice named for someone off the
programme). Such a name is now kept from the public as a participant's without a status (internal) on
every route, and ``load`` says which name, where, and what to do.
"""

import sqlite3
from pathlib import Path

from conftest import run

from gesprekken import Workspace
from gesprekken.desk import version_of
from gesprekken.hand_edits import hold_back
from gesprekken.publish import withheld_turns
from gesprekken.transcript import REMOVED_SPEAKER, Conversation, Participant, Turn, read, write

ANN = Participant("Ann Bos", "directeur", "Woonstichting De Linie", "published")
KEES = Participant("Kees Mol", "wethouder", "gemeente Deventer", "published")
SAID = [
    ("Ann Bos", "Wij zien steeds meer huurders met huurachterstanden."),
    ("Kees Mol", "Dat herken ik, de kwijtschelding komt te laat bij de gemeente."),
    ("Spreker 2", "En de woningcorporaties moeten eerder aan de bel trekken."),
    ("Ann Bos", "Jullie moeten de gegevens eerder met ons delen."),
    ("Kees Mol", "Het dorpshuis sluit om tien uur, dat weet iedereen."),
]


def tweegesprek(folder: Path, participants: list[Participant], said=SAID) -> Path:
    """A published conversation in ``folder``/transcripts, loaded, with a public copy that the commands
    keep up to date (as ``serve --public`` starts it)."""
    turns = [Turn(who, 3.0 * n, 3.0 * n + 2.5, text) for n, (who, text) in enumerate(said)]
    talk = Conversation(
        id="a1b2c3d4e5f6", title="Eerder bij schulden", participants=participants, turns=turns, status="published"
    )
    path = folder / "transcripts" / "gesprek.md"
    write(talk, path)
    assert run("load", cwd=folder).exit_code == 0
    Workspace(folder / "transcripts", db=folder / "gesprekken.db").public_copy()
    return path


def drop_entry(path: Path, name: str) -> None:
    """Delete a participant's entry from the front matter by hand, as an editor would."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line == f"- name: {name}\n")
    end = next(n for n in range(at + 1, len(lines)) if not lines[n].startswith("  "))
    path.write_text("".join(lines[:at] + lines[end:]), encoding="utf-8")


def public_speakers(folder: Path) -> list[str]:
    with sqlite3.connect(folder / "gesprekken-openbaar.db") as conn:
        found = [row[0] for row in conn.execute("SELECT speaker FROM turns ORDER BY seq")]
    conn.close()
    return found


def withheld_speakers(folder: Path) -> dict[str, str]:
    with sqlite3.connect(folder / "gesprekken.db") as conn:
        withheld = withheld_turns(conn)
        speaker = "SELECT speaker FROM turns WHERE id = ?"
        found = {conn.execute(speaker, [turn]).fetchone()[0]: status for turn, status in withheld.items()}
    conn.close()
    return found


def test_a_withdrawn_participant_whose_entry_was_deleted_by_hand_stays_from_the_public(tmp_path):
    path = tweegesprek(tmp_path, [ANN, KEES])
    assert run("publication", "a1b2c3d4", "withdrawn", "--participant", "Kees Mol", cwd=tmp_path).exit_code == 0
    assert "Kees Mol" not in public_speakers(tmp_path)
    drop_entry(path, "Kees Mol")
    # Before a load, the check of hand edits that serve --public runs finds nothing more public to hold.
    assert hold_back(tmp_path / "gesprekken.db", tmp_path / "transcripts") == []
    result = run("load", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    # Not public by any route: the public copy, the rule every route follows, exports.
    assert public_speakers(tmp_path) == ["Ann Bos", "Ann Bos"]
    public = (tmp_path / "gesprekken-openbaar.db").read_bytes()
    assert b"kwijtschelding" not in public and b"Kees Mol" not in public
    assert withheld_speakers(tmp_path) == {"Kees Mol": "internal", "Spreker 2": "internal"}
    conversation = read(path)
    assert [t.speaker for t in conversation.turns if conversation.published_for(t.speaker)] == ["Ann Bos", "Ann Bos"]
    workspace = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    (exported,), left_out = workspace.exportable()
    assert [t.speaker for t in exported.turns] == ["Ann Bos", "Ann Bos"]
    assert any("'Kees Mol'" in line and "no participant" in line for line in left_out), left_out
    # One sentence a user can act on: the file, the name and its line, what to do.
    (warning,) = [line for line in result.stderr.splitlines() if "Kees Mol" in line]
    assert warning.startswith("Warning: gesprek.md: ") and "'Kees Mol' (line " in warning
    assert "not among its participants" in warning and "Spreker 2" in warning
    assert "add each to 'participants:' with a status" in warning and "correct the heading" in warning
    # Listed again with a status, the name follows it.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("speakers:", "- name: Kees Mol\n  status: published\nspeakers:", 1), "utf-8")
    again = run("load", cwd=tmp_path)
    assert again.exit_code == 0 and "Warning" not in again.stderr, again.output
    assert public_speakers(tmp_path) == [who for who, _ in SAID]


def test_every_route_keeps_a_name_off_the_list_back_and_a_voice_label_or_forgets_marker_is_no_name(tmp_path):
    """A typo ("Ann Boss"), someone added by hand without an entry ("Piet de Vries"): kept back on every
    route as internal; a voice's label in any case ("spreker 2") is no name either. Forget's marker is
    no name and always kept back, and with it every unnamed voice (withdrawn): a part of the forgotten
    person's voice may be there, until an editor names it."""
    said = [
        ("Ann Bos", "Wij zien steeds meer huurders met huurachterstanden."),
        ("spreker 2", "En de woningcorporaties moeten eerder aan de bel trekken."),
        (REMOVED_SPEAKER, "[verwijderd op verzoek]"),
        ("Kees Mol", "Dat herken ik, de kwijtschelding komt te laat bij de gemeente."),
    ]
    path = tweegesprek(tmp_path, [ANN, KEES], said)
    # Everyone listed published, but someone was forgotten: the unnamed voice may be a part of theirs.
    assert withheld_speakers(tmp_path) == {REMOVED_SPEAKER: "withdrawn", "spreker 2": "withdrawn"}
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("] Kees Mol\n", "] Piet de Vries\n").replace("] Ann Bos\n", "] Ann Boss\n"), "utf-8")
    conversation = read(path)
    assert conversation.unlisted() == ["Ann Boss", "Piet de Vries"]
    result = run("load", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    (warning,) = [line for line in result.stderr.splitlines() if "Piet de Vries" in line]
    assert "'Ann Boss' (line " in warning and "perhaps Ann Bos" in warning and "(spreker 2)" in warning
    kept_back = {"Ann Boss", "Piet de Vries", "spreker 2", REMOVED_SPEAKER}
    withdrawn = {REMOVED_SPEAKER: "withdrawn", "spreker 2": "withdrawn"}
    assert withheld_speakers(tmp_path) == {**dict.fromkeys(kept_back, "internal"), **withdrawn}
    assert {t.speaker for t in conversation.turns if not conversation.published_for(t.speaker)} == kept_back
    assert public_speakers(tmp_path) == []  # both listed people's turns were renamed away
    workspace = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    (exported,), _ = workspace.exportable()
    assert exported.turns == []
    # An editors' draft (--include-unpublished) has them, as it has an internal participant's words; not
    # the unnamed voice, which may be a part of the forgotten person's.
    (draft,), _ = workspace.exportable(include_unpublished=True)
    assert [t.speaker for t in draft.turns] == ["Ann Boss", "Piet de Vries"]
    # The desk marks them as the public copy leaves them out, and says so in its download's note.
    desk = workspace.desk("a1b2c3d4e5f6")
    assert [t["withheld"] for t in desk.state()["turns"]] == ["internal", "withdrawn", "withdrawn", "internal"]
    _, _, left_out, _ = desk.export("artikel.md", tmp_path)
    assert any("Piet de Vries" in line and "deelnemers" in line for line in left_out), left_out
    # Where someone there withdrew, a name off the list may be them, as an unnamed voice may: withdrawn.
    withdrawn = run("publication", "a1b2c3d4", "withdrawn", "--participant", "Kees Mol", "--yes", cwd=tmp_path)
    assert withdrawn.exit_code == 0, withdrawn.output
    assert withheld_speakers(tmp_path) == dict.fromkeys(kept_back, "withdrawn")
    (draft,), _ = workspace.exportable(include_unpublished=True)
    assert draft.turns == []


def test_the_check_of_hand_edits_holds_a_turn_given_to_a_name_off_the_list_before_load(tmp_path):
    """serve --public holds back by hand edits before a load (gesprekken.hand_edits): a published turn
    whose heading now names nobody on the list is no longer public in the transcript, so the
    conversation is held until load; after the load there is nothing left to hold."""
    path = tweegesprek(tmp_path, [ANN, KEES])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("] Kees Mol\n", "] Kees Mool\n", 1), encoding="utf-8")
    (line,) = hold_back(tmp_path / "gesprekken.db", tmp_path / "transcripts")
    assert "no longer publishes turns the public saw" in line
    with sqlite3.connect(tmp_path / "gesprekken.db") as conn:
        assert conn.execute("SELECT status FROM conversations").fetchone() == ("internal",)
    conn.close()
    assert run("load", cwd=tmp_path).exit_code == 0
    assert hold_back(tmp_path / "gesprekken.db", tmp_path / "transcripts") == []
    assert public_speakers(tmp_path) == ["Ann Bos", "Ann Bos", "Kees Mol"]


def test_a_voice_named_for_someone_off_the_programme_is_shown_once_they_are_listed(tmp_path):
    """Naming a voice for someone off the programme (a moderator, with speakers --rename or at the desk)
    still works; their turns wait for their consent, and the command and the desk say so."""
    path = tweegesprek(tmp_path, [ANN, KEES])
    result = run("speakers", "a1b2c3d4", "--rename", "Spreker 2=Bea Smit", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "'Bea Smit' (line " in result.stderr and "add each to 'participants:' with a status" in result.stderr
    assert withheld_speakers(tmp_path) == {"Bea Smit": "internal"}
    assert "Bea Smit" not in public_speakers(tmp_path)
    workspace = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    desk = workspace.desk("a1b2c3d4e5f6")
    saved = desk.move_turn(desk.state()["version"], 0, "Dirk Ter Horst")
    assert "Dirk Ter Horst staat niet bij de deelnemers" in saved["summary"]
    assert set(withheld_speakers(tmp_path)) == {"Bea Smit", "Dirk Ter Horst"}
    text = path.read_text(encoding="utf-8")
    listed = "- name: Bea Smit\n  status: published\n- name: Dirk Ter Horst\n  status: published\nspeakers:"
    path.write_text(text.replace("speakers:", listed, 1), encoding="utf-8")
    result = run("load", cwd=tmp_path)
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.output
    assert public_speakers(tmp_path) == ["Dirk Ter Horst", "Kees Mol", "Bea Smit", "Ann Bos", "Kees Mol"]


def test_a_name_nobody_listed_is_not_called_a_voice_nobody_is_named_for(tmp_path):
    """Withdrawing someone keeps the voices nobody is named for back with them, and the messages named
    'Kees Mol', a name nobody listed, among those voices (and the desk: 'de stemmen zonder naam
    (Spreker 2, Kees Mol)'). A name is no unnamed voice: the messages say what it is, and its fix."""
    joost = Participant("Joost de Boer", "sectormanager", "gemeente Zwolle", "published")
    tweegesprek(tmp_path, [ANN, joost])  # Kees Mol speaks, but is no participant; Joost de Boer does not speak
    result = run("publication", "a1b2c3d4", "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "the voices nobody is named for there (Spreker 2) and the name nobody listed as a participant " in (
        " ".join(result.output.split())
    ), result.output
    assert "(Kees Mol)" in result.output and "Kees Mol, Spreker 2" not in result.output

    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    desk = ws.desk("a1b2c3d4e5f6")
    # A concept for the editors has Kees Mol's turns left out with the voice nobody is named for (either
    # may be Joost de Boer, withdrawn), and says which is which.
    left_out = desk.export("data.json", tmp_path, include_unpublished=True)[2]
    assert any("stemmen zonder naam (Spreker 2)" in line for line in left_out), left_out
    assert not any("Kees Mol, Spreker 2" in line for line in left_out), left_out
    assert any("Kees Mol, die niet op de deelnemerslijst staat" in line for line in left_out), left_out
    exported = run("export", "data", "--include-unpublished", "-o", "concept.json", cwd=tmp_path)
    warned = " ".join(exported.output.split())
    assert "the unnamed voices of a1b2c3d4e5f6 (Spreker 2) and 'Kees Mol' in a1b2c3d4e5f6, a name nobody listed" in (
        warned
    ), warned
    desk.set_status(version_of(desk.path.read_text(encoding="utf-8")), "internal", "Joost de Boer", force=True)
    summary = desk.history()[0]["summary"]
    assert "de stemmen zonder naam (Spreker 2)" in summary, summary
    assert "Kees Mol staat niet op de deelnemerslijst" in summary and "Kees Mol, Spreker 2" not in summary


def test_a_voice_renamed_at_the_desk_to_another_spelling_of_a_participants_name_is_not_called_unlisted(tmp_path):
    """A newcomer's run of the README (session 28): renaming a voice at the desk to another spelling of a
    published participant's name ("Kees Mool" for Kees Mol) renames the participant too, and their turns
    stay public; the save's summary and the history said the name "staat niet bij de deelnemers: die beurten
    blijven intern" (it read the participants as they were before the rename)."""
    tweegesprek(tmp_path, [ANN, KEES])
    workspace = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    desk = workspace.desk("a1b2c3d4e5f6")
    saved = desk.name_speaker(desk.state()["version"], "Kees Mol", "Kees Mool", force=True)  # asked first: respelt
    assert "Kees Mool" in saved["summary"] and "staat niet bij de deelnemers" not in saved["summary"], saved
    assert withheld_speakers(tmp_path) == {}
    assert "Kees Mool" in public_speakers(tmp_path)
