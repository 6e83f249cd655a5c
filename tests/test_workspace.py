"""The library API: gesprekken.Workspace, and the rules it keeps in one place."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run

import gesprekken
from gesprekken import Workspace

README = Path(__file__).parent.parent / "README.md"
OWN_THESAURUS = """themes:
  - id: aan-tafel
    label: Aan tafel
    description: Een thema dat alleen deze organisator kent.
    terms: [tafel, huurders]
    related: []
"""


def themes_in_db(workspace: Path) -> set[str]:
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        return {row[0] for row in db.execute("SELECT DISTINCT theme_id FROM turn_themes")}


def dump(workspace: Path) -> list[str]:
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        return list(db.iterdump())


def test_public_names():
    assert {"Workspace", "GesprekkenError", "TranscriptError"} <= set(gesprekken.__all__)
    assert all(hasattr(gesprekken, name) for name in gesprekken.__all__)


def test_organisers_thesaurus_survives_publication_and_rename(workspace):
    (workspace / "eigen.yaml").write_text(OWN_THESAURUS, encoding="utf-8")
    assert "aan-tafel" not in themes_in_db(workspace)
    result = run("analyse", "--thesaurus", "eigen.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert themes_in_db(workspace) == {"aan-tafel"}
    # Neither command is given the thesaurus: the workspace remembers it.
    result = run("publication", "1ef18611", "internal", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert themes_in_db(workspace) == {"aan-tafel"}
    result = run("speakers", "1ef18611", "--rename", "Joost de Boer=Joost de Boer-Jansen", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert themes_in_db(workspace) == {"aan-tafel"}
    assert run("load", cwd=workspace).exit_code == 0
    assert themes_in_db(workspace) == {"aan-tafel"}
    # Back to the packaged thesaurus, by name.
    assert run("analyse", "--thesaurus", "packaged", cwd=workspace).exit_code == 0
    assert "aan-tafel" not in themes_in_db(workspace) and "wederkerigheid" in themes_in_db(workspace)


@pytest.mark.parametrize("command", ["analyse", "load"])
def test_a_copy_of_the_thesaurus_with_descriptions_changed_is_read(workspace, command):
    """An organiser copies the shipped thesaurus and words two descriptions their way (README): 'analyse' and
    'load' with it failed with a traceback (UNIQUE constraint failed: public_pending.conversation_id)."""
    import sqlite3

    from gesprekken.analyse import default_thesaurus_path

    text = default_thesaurus_path().read_text(encoding="utf-8")
    for old in ("description: Geven en nemen", "description: Afwijken van"):
        assert old in text
        text = text.replace(old, old.replace("description: ", "description: Bij ons "), 1)
    (workspace / "eigen.yaml").write_text(text, encoding="utf-8")
    result = run(command, "--thesaurus", "eigen.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        changed = conn.execute("SELECT count(*) FROM themes WHERE description LIKE 'Bij ons %'").fetchone()
    assert changed == (2,)


def test_a_remembered_thesaurus_that_is_gone_is_one_sentence(workspace):
    (workspace / "eigen.yaml").write_text(OWN_THESAURUS, encoding="utf-8")
    assert run("analyse", "--thesaurus", "eigen.yaml", cwd=workspace).exit_code == 0
    (workspace / "eigen.yaml").unlink()
    (path,) = (workspace / "transcripts").glob("*.md")
    before = path.read_bytes(), dump(workspace)
    result = run("publication", "1ef18611", "internal", cwd=workspace)
    assert result.exit_code == 1
    assert "eigen.yaml" in result.stderr and "--thesaurus" in result.stderr and "Traceback" not in result.output
    assert (path.read_bytes(), dump(workspace)) == before


def test_workspace_takes_str_and_path(workspace):
    for ws in (
        Workspace(str(workspace / "transcripts"), str(workspace / "gesprekken.db")),
        Workspace(workspace / "transcripts", db=workspace / "gesprekken.db"),
    ):
        result = ws.load()
        assert result.loaded == ["1ef18611f54b"] and not result.failed
        assert {s.speaker for s in ws.speakers("1ef18611")} == {"Marloes van der Heijden", "Joost de Boer"}
        ws.close()


def test_exports_are_recorded_relative_to_the_workspace(workspace, tmp_path):
    ws = Workspace(workspace / "transcripts", workspace / "gesprekken.db")
    export = ws.export_article(workspace / "artikel.md", ["1ef18611"])
    assert export.conversation_ids == ["1ef18611f54b"] and export.path.exists()
    ws.close()
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT path FROM exports").fetchall() == [("artikel.md",)]
    # A copied knowledge base forgets in its own folder, not in the original.
    import shutil

    copy = tmp_path / "kopie"
    shutil.copytree(workspace, copy)
    result = run("forget", "Joost de Boer", cwd=copy)
    assert result.exit_code == 0, result.output
    assert not (copy / "artikel.md").exists() and (workspace / "artikel.md").exists()


def test_a_copied_knowledge_base_leaves_the_originals_published_folder_outside_it_alone(workspace, tmp_path):
    """A folder outside the workspace is stored by its absolute path, so a copy of the knowledge base names
    it too: a change of consent in the copy must not put the copy's consent on the original's public site."""
    import shutil

    site = tmp_path / "site"
    assert run("publish", site, cwd=workspace).exit_code == 0

    def published() -> list[str]:
        with sqlite3.connect(f"file:{site / 'gesprekken.db'}?mode=ro", uri=True) as db:
            return [row[0] for row in db.execute("SELECT id FROM conversations")]

    assert published() == ["1ef18611f54b"]
    copy = tmp_path / "kopie"
    shutil.copytree(workspace, copy)
    result = run("publication", "1ef18611", "internal", "--yes", cwd=copy)
    # the change is the copy's; the original's folder is left as it is, and the copy is told why
    said = " ".join(result.output.split())
    assert result.exit_code != 0 and "The change is saved here" in said and "another knowledge base" in said, said
    assert str(site) in " ".join(result.output.split()) and published() == ["1ef18611f54b"]
    assert not list(site.glob(".gesprekken-stale*")), "the original's folder is not marked by the copy's change"
    result = run("publish", site, "--remove", cwd=copy)
    assert result.exit_code == 0 and "left it as it is" in result.output and published() == ["1ef18611f54b"]
    # the original still publishes there; its own change reaches the folder
    assert run("publication", "1ef18611", "internal", "--yes", cwd=workspace).exit_code == 0
    assert published() == []


def python_example() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- python-example -->\s*```python\n(.*?)```", text, re.DOTALL)
    assert match, "README.md has no Python example after <!-- python-example -->"
    return match[1]


def test_readme_python_example_runs(workspace):
    result = subprocess.run(
        [sys.executable, "-c", python_example()],
        cwd=workspace,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Joost de Boer" in result.stdout and "Marloes van der Heijden" in result.stdout
    assert (workspace / "artikel.docx").stat().st_size > 1000


@pytest.mark.parametrize("status", ["published", "withdrawn"])
def test_publication_changes_nothing_when_the_disk_is_full(workspace, monkeypatch, status):
    """Database first: a database write that fails leaves the transcript (and the database) as they were."""
    import gesprekken.storage

    (path,) = (workspace / "transcripts").glob("*.md")
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # as SQLite itself raises it
        raise error

    monkeypatch.setattr(gesprekken.storage, "store", full_disk)
    result = run("publication", "1ef18611", status, cwd=workspace)
    assert result.exit_code == 1
    assert "no room to write" in result.stderr and "Traceback" not in result.output
    assert path.read_bytes() == before
    assert not list((workspace / "transcripts").glob(".*.tmp"))
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT status FROM conversations").fetchall() == [("published",)]


def test_a_conversation_is_found_by_its_recordings_file_name(workspace):
    """A newcomer passed 'tafel-3' (the recording) to export and speakers: refused, where the recording's name
    is how an organiser knows a conversation first."""
    result = run("speakers", "sample", cwd=workspace)
    assert result.exit_code == 0 and "Marloes van der Heijden" in result.output, result.output
    result = run("export", "subtitles", "sample.mp3", "-o", workspace / "s.vtt", cwd=workspace)
    assert result.exit_code == 0, result.output
    result = run("speakers", "tafel-9", cwd=workspace)
    assert result.exit_code == 1 and "a whole title or a recording's file name" in result.stderr


def test_part_of_a_title_is_offered_not_taken(workspace):
    """A newcomer passed 'Wederkerigheid' for 'Wederkerigheid in de wijk': refused with the ids only. A title
    is still taken whole (a part could be another conversation's), and the one meant is offered."""
    before = next((workspace / "transcripts").glob("*.md")).read_bytes()
    result = run("publication", "wederkerigheid", "internal", cwd=workspace)
    assert result.exit_code == 1, result.output
    assert "did you mean 1ef18611 'Wederkerigheid in de wijk'?" in " ".join(result.stderr.split()), result.stderr
    assert next((workspace / "transcripts").glob("*.md")).read_bytes() == before
