"""Crash safety: SIGKILL at random moments of ingest and load, and Datasette reading while ingest writes."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import served

from gesprekken.transcript import read

pytestmark = pytest.mark.slow

DEV = Path(__file__).parent / "data" / "dev"
GESPREKKEN = os.path.join(os.path.dirname(sys.executable), "gesprekken")
RUNS = 20


def command(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [GESPREKKEN, *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "GESPREKKEN_HOME": os.environ["GESPREKKEN_HOME"]},
    )


def killed_after(process: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL ``process`` after ``seconds``; False if it finished before."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def turn_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return dict(conn.execute("SELECT conversation_id, count(*) FROM turns GROUP BY 1").fetchall())


def test_sigkill_during_ingest_leaves_old_or_new_and_a_rerun_completes(workspace):
    recording = DEV / "een-spreker.mp3"
    ingest = ["ingest", str(recording), "--no-diarization", "--quiet", "--programme", str(DEV / "programme.yaml")]
    sample = turn_counts(workspace / "gesprekken.db")
    assert subprocess.run([GESPREKKEN, *ingest], cwd=workspace, capture_output=True).returncode == 0
    complete = turn_counts(workspace / "gesprekken.db")
    (new_id,) = set(complete) - set(sample)
    transcripts = workspace / "transcripts"
    new_transcript = next(p for p in transcripts.glob("*.md") if new_id in p.read_text())
    rng = random.Random(8)
    kills = 0
    for run in range(RUNS):
        if run % 2 == 0:
            new_transcript.unlink(missing_ok=True)  # transcribe again: the writing path, not the "kept" one
        kills += killed_after(command(*ingest, cwd=workspace), rng.uniform(0.3, 4.0))
        counts = turn_counts(workspace / "gesprekken.db")
        assert counts[sample_id(sample)] == sample[sample_id(sample)], "the old conversation is whole"
        assert counts.get(new_id, 0) in (0, complete[new_id]), f"run {run}: half a conversation"
        for path in transcripts.glob("*.md"):
            read(path)  # every transcript parses: none is half-written
    assert kills >= RUNS // 2, "most runs were really interrupted"
    result = subprocess.run([GESPREKKEN, *ingest], cwd=workspace, capture_output=True)
    assert result.returncode == 0
    assert turn_counts(workspace / "gesprekken.db") == complete


def sample_id(counts: dict[str, int]) -> str:
    return next(iter(counts))


def test_sigkill_during_load_leaves_old_or_new_and_a_rerun_completes(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    db = workspace / "gesprekken.db"
    expected = turn_counts(db)
    rng = random.Random(9)
    kills = 0
    for run in range(RUNS):
        before = _first_turn(db)
        text = path.read_text(encoding="utf-8")
        first_word = text.split("\n## ", 1)[1].split("\n\n", 1)[1].split()[0]
        path.write_text(text.replace(f"\n\n{first_word} ", f"\n\nRun{run} ", 1), encoding="utf-8")
        kills += killed_after(command("load", "--quiet", cwd=workspace), rng.uniform(0.1, 2.5))
        assert turn_counts(db) == expected
        assert _first_turn(db).split()[0] in (before.split()[0], f"Run{run}"), "old or new, never a mix"
    assert kills >= RUNS // 2
    assert subprocess.run([GESPREKKEN, "load"], cwd=workspace, capture_output=True).returncode == 0
    assert _first_turn(db).startswith(f"Run{RUNS - 1}")


def _first_turn(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT text FROM turns WHERE seq = 1").fetchone()[0]


def test_datasette_serves_without_failing_while_ingest_writes(workspace):
    with served(workspace) as base:
        _read_while_ingesting(
            workspace,
            [
                f"{base}/gesprekken/turns.json?_search=maatwerk&_shape=array",
                f"{base}/-/gesprekken/zoeken?q=maatwerk",
                f"{base}/-/gesprekken/gesprek/1ef18611f54b",
            ],
        )


def _read_while_ingesting(workspace: Path, urls: list[str]) -> None:
    failures, answers = [], []
    done = threading.Event()

    def read_in_a_loop():
        stop = time.monotonic() + 120  # bounded in time and count
        while not done.is_set() and time.monotonic() < stop and len(answers) < 2000:
            try:
                with urllib.request.urlopen(urls[len(answers) % len(urls)], timeout=10) as response:
                    answers.append(response.status)
            except Exception as e:  # noqa: BLE001 - every failure counts
                failures.append(repr(e))
            time.sleep(0.02)

    reader = threading.Thread(target=read_in_a_loop)
    reader.start()
    try:
        result = subprocess.run(
            [GESPREKKEN, "ingest", str(DEV / "twee-mannen.mp3"), "--quiet", "--programme", str(DEV / "programme.yaml")],
            cwd=workspace,
            capture_output=True,
        )
    finally:
        done.set()
        reader.join()
    assert result.returncode == 0
    assert len(answers) > 20 and set(answers) == {200}
    assert failures == []


@pytest.fixture(autouse=True)
def _home(gesprekken_home):
    """The commands run as child processes: make sure they share the test session's model folder."""
    os.environ["GESPREKKEN_HOME"] = str(gesprekken_home)
