"""Consent: publication status, and forgetting a person so that no byte of them is left."""

import sqlite3
from pathlib import Path

import pytest
from conftest import run, snapshot

from gesprekken import transcript

PERSON = "Joost de Boer"
# Words only Joost says in the sample (as Whisper heard them).
PHRASE = "aan tafel zitten"


def all_bytes(workspace: Path) -> bytes:
    """The raw bytes of the database (with its WAL) and of every file under transcripts/."""
    files = list(workspace.glob("gesprekken.db*")) + [p for p in (workspace / "transcripts").rglob("*") if p.is_file()]
    return b"".join(p.read_bytes() for p in files)


def test_sample_is_published_from_its_programme(ingested_sample):
    (path,) = (ingested_sample / "transcripts").glob("*.md")
    conversation = transcript.read(path)
    assert conversation.status == "published"
    assert {p.status for p in conversation.participants} == {"published"}


def test_status_defaults_to_internal_and_is_set_by_command(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    result = run("publication", "1ef18611", "withdrawn", "--participant", PERSON, cwd=workspace)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").split("\n---\n", 1)[1] == body  # the body is untouched
    conversation = transcript.read(path)
    assert next(p for p in conversation.participants if p.name == PERSON).status == "withdrawn"
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT status FROM participants WHERE name = ?", [PERSON]).fetchall() == [("withdrawn",)]
        # A withdrawn participant's voice is not kept.
        assert db.execute("SELECT count(*) FROM voice_profiles WHERE name = ?", [PERSON]).fetchone() == (0,)
    result = run("publication", "1ef18611", "openbaar", cwd=workspace)
    assert result.exit_code == 2 and "openbaar" in result.output
    result = run("publication", "1ef18611", "internal", "--participant", "Niemand", cwd=workspace)
    assert result.exit_code == 1 and "'Niemand' is not a participant" in result.stderr


def test_forget_dry_run_changes_nothing(workspace):
    before = snapshot(workspace)
    result = run("forget", PERSON, "--dry-run", cwd=workspace)
    assert result.exit_code == 0
    assert "would remove:" in result.stdout and "3 turns of Joost de Boer" in result.stdout
    assert snapshot(workspace) == before


def test_forget_leaves_no_trace_in_the_bytes(workspace):
    assert PERSON.encode() in all_bytes(workspace) and PHRASE.encode() in all_bytes(workspace)
    article = workspace / "artikel.md"
    assert run("export", "article", "-o", article, cwd=workspace).exit_code == 0
    result = run("forget", PERSON, cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "removed:" in result.stdout and "voice profiles of Joost de Boer deleted" in result.stdout
    assert "still holds Joost de Boer's voice" in result.stderr  # what it cannot do, it says
    data = all_bytes(workspace)
    for trace in (PERSON, "Joost", PHRASE, "sectormanager"):
        assert trace.encode() not in data, trace
    assert not article.exists()
    (path,) = (workspace / "transcripts").glob("*.md")
    conversation = transcript.read(path)
    assert "[verwijderd op verzoek]" in [t.text for t in conversation.turns]
    assert [p.name for p in conversation.participants] == ["Marloes van der Heijden"]
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'tafel'").fetchone() == (0,)
    # Running it again finds nobody, and says so.
    result = run("forget", PERSON, cwd=workspace)
    assert result.exit_code == 1 and "No one called 'Joost de Boer'" in result.stderr


def test_forget_removes_mentions_from_other_peoples_words(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8").replace("Voor mij gaat het om", "Joost, voor mij gaat het om", 1)
    path.write_text(text, encoding="utf-8")
    assert run("forget", PERSON, cwd=workspace).exit_code == 0
    turns = transcript.read(path).turns
    assert any("[naam verwijderd], voor mij gaat het om" in t.text for t in turns)


def test_unknown_person(workspace):
    before = snapshot(workspace)
    result = run("forget", "Onbekende Persoon", cwd=workspace)
    assert result.exit_code == 1 and "No one called 'Onbekende Persoon'" in result.stderr
    assert snapshot(workspace) == before


@pytest.mark.parametrize("where", ["programme", "transcript"])
def test_bad_status_is_refused_with_file_and_line(tmp_path, where):
    from gesprekken.errors import GesprekkenError
    from gesprekken.programme import read_programme

    if where == "programme":
        path = tmp_path / "p.csv"
        path.write_text("title,name,status\nA,Ad Kok,misschien\n")
        with pytest.raises(GesprekkenError, match="p.csv line 2: the status 'misschien' is not one of"):
            read_programme(path)
    else:
        from gesprekken.transcript import Conversation, dumps, loads

        text = dumps(Conversation(id="x", title="x")).replace("status: internal", "status: geheim")
        with pytest.raises(GesprekkenError, match="the status 'geheim' of the conversation"):
            loads(text, tmp_path / "x.md")


def test_dutch_status_words_in_a_spreadsheet(tmp_path):
    from gesprekken.programme import read_programme

    path = tmp_path / "p.csv"
    path.write_text("titel;naam;publicatie;publicatie_gesprek\nA;Ad Kok;ingetrokken;openbaar\nA;Fatma;ja;\n")
    (entry,) = read_programme(path).entries
    assert entry.status == "published"
    assert [p.status for p in entry.participants] == ["withdrawn", "published"]
