"""A conference in one command (--jobs), resumed when interrupted, and shards of it ingested on
several machines merged with `load` into the database a single machine would have made."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import DEV, first_seconds, run

RECORDINGS = ["een-spreker.mp3", "twee-mannen.mp3"]
pytestmark = pytest.mark.slow


def folder_of(tmp: Path, names: list[str]) -> Path:
    folder = tmp / "opnames"
    folder.mkdir(parents=True)
    for name in names:
        first_seconds(DEV / name, folder)
    return folder


def rows(db: Path) -> dict[str, list]:
    """What a reader sees: conversations, participants, turns with speakers and words, quotes."""
    queries = {
        "conversations": "SELECT id, title, status, duration FROM conversations ORDER BY id",
        "participants": "SELECT id, name, role, organisation FROM participants ORDER BY id",
        "turns": 'SELECT id, speaker, start, "end", text FROM turns ORDER BY id',
        "words": 'SELECT turn_id, seq, start, "end", word FROM words ORDER BY turn_id, seq',
        "quotes": "SELECT id, text, speaker, headline FROM quotes ORDER BY id",
        "themes": "SELECT turn_id, theme_id FROM turn_themes ORDER BY 1, 2",
    }
    with sqlite3.connect(db) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


def test_a_conference_folder_in_parallel_jobs_then_resumed(tmp_path):
    folder = folder_of(tmp_path, RECORDINGS)
    programme = DEV / "programme.yaml"
    result = run("ingest", folder, "--programme", programme, "--jobs", "2", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "2 transcribed, 0 skipped as already ingested, 0 refused" in result.stderr
    assert len(list((tmp_path / "transcripts").glob("*.md"))) == 2
    with sqlite3.connect(tmp_path / "gesprekken.db") as db:
        titles = {row[0] for row in db.execute("SELECT title FROM conversations")}
    assert titles == {"Openingswoord", "Doorstroming op de woningmarkt"}
    # An interrupted run is resumed by running it again: nothing is transcribed twice.
    first_seconds(DEV / "tweede-opname.mp3", folder)
    (folder / "kapot.mp3").write_bytes(b"geen audio")
    result = run("ingest", folder, "--programme", programme, "--jobs", "2", cwd=tmp_path)
    assert result.exit_code == 1
    assert "1 transcribed, 2 skipped as already ingested, 1 refused" in result.stderr
    assert "kapot.mp3" in result.stderr
    assert len(list((tmp_path / "transcripts").glob("*.md"))) == 3


def test_shards_ingested_apart_and_merged_with_load_equal_one_machine(tmp_path):
    programme = DEV / "programme.yaml"
    single = tmp_path / "een-machine"
    run_single = run("ingest", folder_of(single, RECORDINGS), "--programme", programme, "--threads", "1", cwd=single)
    assert run_single.exit_code == 0, run_single.output
    shards = []
    for n, name in enumerate(RECORDINGS):
        shard = tmp_path / f"machine-{n}"
        result = run("ingest", folder_of(shard, [name]), "--programme", programme, "--threads", "1", cwd=shard)
        assert result.exit_code == 0, result.output
        shards.append(shard)
    merged = tmp_path / "samengevoegd"
    (merged / "transcripts").mkdir(parents=True)
    for shard in shards:
        for transcript in (shard / "transcripts").glob("*.md"):
            shutil.copy(transcript, merged / "transcripts" / transcript.name)
    assert run("load", cwd=merged).exit_code == 0
    assert rows(merged / "gesprekken.db") == rows(single / "gesprekken.db")


def test_jobs_take_the_beam_size(tmp_path):
    from gesprekken import transcript

    folder = folder_of(tmp_path, ["een-spreker.mp3", "twee-mannen.mp3"])
    result = run(
        "ingest", folder, "--jobs", "2", "--batch-size", "4", "--beam-size", "2", "--no-diarization", cwd=tmp_path
    )
    assert result.exit_code == 0, result.output
    settings = [transcript.read(path).transcription for path in (tmp_path / "transcripts").glob("*.md")]
    assert len(settings) == 2
    # Each worker decoded with the width asked for, not the default (5).
    assert all(s["beam_size"] == 2 and s["batch_size"] == 4 for s in settings), settings
