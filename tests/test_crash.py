"""Crash safety: SIGKILL at random moments of ingest and load, Datasette reading while ingest writes,
two ingests of one recording at once, and a full disk: one sentence, exit 1, every file as it was."""

import errno
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR, first_seconds, quickest_run, served, snapshot, write_other_side_withdrawn
from conftest import run as run_cli

from gesprekken import paths
from gesprekken.audio import SAMPLE_RATE, decode, encode
from gesprekken.errors import DiskFullError, GesprekkenError
from gesprekken.paths import atomic_write, disk_full, full_disk_as_error, recording_lock
from gesprekken.transcript import read

pytestmark = pytest.mark.slow

DEV = Path(__file__).parent / "data" / "dev"
GESPREKKEN = os.path.join(os.path.dirname(sys.executable), "gesprekken")
#: Kills per test, each at a random moment (20 until CI's CPU, without AVX-512, took its suite past
#: 20 minutes): most of them must really interrupt the command (asserted below).
RUNS = 12


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
            # The writes come at the end of an ingest, however long: a few seconds of speech make them.
            [
                GESPREKKEN,
                "ingest",
                first_seconds(DEV / "twee-mannen.mp3", workspace),
                "--quiet",
                "--programme",
                str(DEV / "programme.yaml"),
            ],
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


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["mkstemp", "write", "fsync", "quota"])
def test_a_full_disk_leaves_the_file_as_it_was(tmp_path, monkeypatch, where):
    path = tmp_path / "gesprek.md"
    path.write_text("het origineel\n", encoding="utf-8")
    if where == "mkstemp":
        monkeypatch.setattr(paths.tempfile, "mkstemp", no_space)
    elif where == "fsync":
        monkeypatch.setattr(paths.os, "fsync", no_space)
    with pytest.raises(DiskFullError) as error:
        with atomic_write(path) as handle:
            handle.write("de nieuwe tekst\n" * 1000)
            if where == "write":
                no_space()  # as the handle's own write raises it when the disk fills mid-file
            if where == "quota":
                raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))
    assert str(error.value).startswith(f"There is no room to write {path} (")
    assert str(error.value).endswith("so it was left as it was; free some space on that disk and run the command again")
    assert path.read_text(encoding="utf-8") == "het origineel\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gesprek.md"]  # no temporary file left behind


def test_other_write_errors_stay_what_they_are(tmp_path, monkeypatch):
    monkeypatch.setattr(paths.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    with pytest.raises(OSError) as error:
        with atomic_write(tmp_path / "x.md") as handle:
            handle.write("x")
    assert error.value.errno == errno.EIO and not isinstance(error.value, DiskFullError)


def test_a_full_database_says_the_same(tmp_path):
    db = tmp_path / "gesprekken.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA max_page_count = 4")  # a database that cannot grow: SQLite's SQLITE_FULL
        with pytest.raises(sqlite3.OperationalError) as error:
            conn.execute("INSERT INTO t VALUES (?)", ["x" * 100_000])
    assert str(disk_full(db, error.value)).startswith(f"There is no room to write {db} (database or disk is full)")
    assert disk_full(db, sqlite3.OperationalError("no such table: t")) is None
    export = tmp_path / "artikel.docx"
    with pytest.raises(DiskFullError, match="no room to write .*artikel.docx .*so it was not written"):
        with full_disk_as_error(db):  # the file the system names wins over the database
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(export))


def test_a_copy_that_does_not_fit_names_the_file_written_not_the_one_read(tmp_path):
    """shutil.copyfile's error on a full disk names the file read first and the one written second: the message named
    the one read (the workspace's public copy, which was fine)."""
    written = tmp_path / "elders" / "gesprekken.db"
    with pytest.raises(DiskFullError, match=f"^There is no room to write {written} "):
        with full_disk_as_error(tmp_path / "gesprekken.db"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "gesprekken-openbaar.db", None, str(written))


def test_publication_on_a_full_disk_changes_nothing(workspace, monkeypatch):
    monkeypatch.setattr(paths.os, "fsync", no_space)
    before = snapshot(workspace)
    result = run_cli("publication", "1ef18611", "internal", cwd=workspace)  # in process: a traceback fails the test
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: There is no room to write transcripts/") and result.stderr.count("\n") == 1
    assert snapshot(workspace) == before


UNSHARE = ["unshare", "--user", "--map-root-user", "--mount"]
ON_A_FULL_DISK = """
set -eu
size=$(( $(du -sk "$1" | cut -f1) + 512 ))
mkdir -p "$2" && mount -t tmpfs -o size=${size}k tmpfs "$2" && cp -r "$1"/. "$2"/ && cd "$2"
head -c 100M /dev/zero > vol 2>/dev/null || true
before=$(sha256sum transcripts/*.md gesprekken.db)
shift 2
if err=$("$@" 2>&1 >/dev/null); then echo "rc=0"; else echo "rc=$?"; fi
echo "$err"
[ "$before" = "$(sha256sum transcripts/*.md gesprekken.db)" ] && echo unchanged || echo CHANGED
"""


def _can_mount_a_tmpfs() -> bool:
    try:
        return subprocess.run([*UNSHARE, "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount_a_tmpfs(), reason="needs unshare into a user namespace, to mount a small tmpfs")
@pytest.mark.parametrize(
    "command",
    [
        ["publication", "1ef18611", "internal"],
        ["speakers", "1ef18611", "--rename", "Joost de Boer=Joost de Vries"],
        ["forget", "Joost de Boer"],
        ["load"],
        ["analyse"],
    ],
)
def test_a_really_full_disk_is_one_sentence_and_changes_nothing(workspace, tmp_path, command):
    """The workspace on a small tmpfs, filled to the last byte, in a mount namespace of its own."""
    source = tmp_path / "klein"
    source.mkdir()
    shutil.copytree(workspace / "transcripts", source / "transcripts")
    shutil.copy(workspace / "gesprekken.db", source)
    out = subprocess.run(
        [*UNSHARE, "bash", "-c", ON_A_FULL_DISK, "-", source, tmp_path / "vol", GESPREKKEN, *command],
        capture_output=True,
        text=True,
        env={**os.environ, "GESPREKKEN_HOME": os.environ["GESPREKKEN_HOME"]},
    ).stdout
    lines = out.splitlines()
    assert lines[0] == "rc=1" and lines[-1] == "unchanged", out
    assert len(lines) == 3 and lines[1].startswith("Error: There is no room to write "), out


ON_A_FULL_FOLDER = """
set -eu
mkdir -p "$1" && mount -t tmpfs -o size=400k tmpfs "$1" && head -c 390K /dev/zero > "$1/vol" 2>/dev/null || true
shift
if err=$("$@" 2>&1 >/dev/null); then echo "rc=0"; else echo "rc=$?"; fi
echo "$err"
"""


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount_a_tmpfs(), reason="needs unshare into a user namespace, to mount a small tmpfs")
@pytest.mark.parametrize(
    "command, written",
    [(["publish"], "site"), (["export", "article", "1ef18611", "--format", "docx", "-o"], "artikel.docx")],
)
def test_a_full_disk_where_publish_or_an_export_writes_names_what_could_not_be_written(
    workspace, tmp_path, command, written
):
    """Session 58's list: publishing to a folder on a full disk said "There is no room to write gesprekken-openbaar.db",
    the workspace's public copy (which was fine) rather than the folder; a DOCX export said its sentence, then Python's
    "Exception ignored in: <function ZipFile.__del__ ...> Traceback ... ValueError: seek of closed file". One sentence
    now, naming what was not written; the workspace's own files are as they were."""
    volume = tmp_path / "vol"
    before = snapshot(workspace)
    out = subprocess.run(
        [*UNSHARE, "bash", "-c", ON_A_FULL_FOLDER, "-", volume, GESPREKKEN, *command, volume / written],
        capture_output=True,
        text=True,
        cwd=workspace,
    ).stdout
    lines = out.splitlines()
    assert lines[0] == "rc=1" and len(lines) == 2, out
    assert lines[1] == (
        f"Error: There is no room to write {volume / written} (No space left on device), so it was not written; "
        "free some space on that disk and run the command again"
    ), out
    after = snapshot(workspace)
    assert {k: v for k, v in after.items() if k.startswith("transcripts/")} == {
        k: v for k, v in before.items() if k.startswith("transcripts/")
    }
    result = run_cli("load", cwd=workspace)  # and no folder that was never written is remembered as published
    assert result.exit_code == 0 and "gone" not in result.output, result.output


def test_a_lock_made_under_a_private_umask_can_be_taken_by_the_other_users_of_the_folder(workspace):
    """Session 58's list: under umask 077 publish made its .site.lock 0600 (under 022, 0644, and opened it for
    writing), and it stays: another user of a folder shared with a group could not take it, and publish said
    "Permission denied (.site.lock); name a folder that can be made and written". Lock files are readable by
    everyone now (they hold nothing), and taken through a read-only descriptor."""
    old = os.umask(0o077)
    try:
        result = run_cli("publish", "site", cwd=workspace)
        assert result.exit_code == 0, result.output
        with paths.transcripts_lock(workspace / "transcripts"):
            assert (workspace / "transcripts" / paths.WRITE_LOCK).stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)
    for lock in (workspace / ".site.lock", workspace / ".gesprekken-openbaar.db.lock"):
        assert lock.stat().st_mode & 0o777 == 0o644, lock
        lock.chmod(0o444)  # (not writable: a lock needs none of it)
    result = run_cli("publication", "1ef18611", "internal", cwd=workspace)  # rebuilds the copy and the site
    assert result.exit_code == 0 and "could not be rebuilt" not in result.output, result.output


def test_a_lock_that_is_a_link_makes_no_private_file_readable_by_everyone(workspace):
    """A reviewer's read of 955f789 (session 59): a lock file is made readable by everyone where it is not, through
    the descriptor opened on it, which follows a link. Someone who may write in a folder shared with a group put a link
    named .site.lock (or the transcripts' write lock) there to the editors' database, kept 0600: the next publish or
    change of a transcript made that database, withdrawn words and all, 0644 for every user of the machine. A lock
    that is a link is now one sentence (which file, delete the link), and what it points to is left as it was."""
    db = workspace / "gesprekken.db"
    db.chmod(0o600)
    for lock, command in (
        (workspace / ".site.lock", ("publish", "site")),
        (workspace / "transcripts" / paths.WRITE_LOCK, ("publication", "1ef18611", "internal")),
    ):
        lock.symlink_to(db)
        result = run_cli(*command, cwd=workspace)
        assert db.stat().st_mode & 0o777 == 0o600, lock
        assert result.exit_code == 1 and f"The lock file {lock} is a link" in " ".join(result.output.split()), (
            result.output
        )
        lock.unlink()
    assert run_cli("publish", "site", cwd=workspace).exit_code == 0
    assert db.stat().st_mode & 0o777 == 0o600


def test_a_site_published_under_a_private_umask_can_be_read_by_whoever_serves_it(workspace):
    """Under umask 077, publish made the site's folder readable by everyone (0755) and its database too (0444), but
    its README, metadata.json and recordings/ (0700, the copies 0600) its maker's alone: Datasette or nginx run as
    another user (www-data) could not read the metadata nor play a recording."""
    old = os.umask(0o077)
    try:
        result = run_cli("publish", "site", cwd=workspace)
    finally:
        os.umask(old)
    assert result.exit_code == 0 and "and 1 recording" in result.output, result.output
    site = workspace / "site"
    modes = {str(p.relative_to(site)): p.stat().st_mode & 0o777 for p in [site, *site.rglob("*")]}
    assert modes == {
        ".": 0o755,
        ".gesprekken-site": 0o644,
        "README.md": 0o644,
        "metadata.json": 0o644,
        "gesprekken.db": 0o444,
        "recordings": 0o755,
        "recordings/1ef18611f54b.mp3": 0o644,
    }, modes


def test_a_site_published_in_a_folder_shared_with_a_group_can_be_rebuilt_by_the_group(tmp_path):
    """A helper's attack (session 60): in a folder shared with a group (setgid, umask 002, as the rest of gesprekken
    follows it) publish made the site's folders 0755, its setgid bit dropped: no other member of the group could
    write the folder, so their publish, or the rebuild after their withdrawal, could not replace it. Its folders and
    files are writable by the group as the umask allows now (the database stays 0444), the setgid bit kept."""
    write_other_side_withdrawn(tmp_path)
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o2775)
    old = os.umask(0o002)
    try:
        for _ in range(2):  # made, then rebuilt in its place
            result = run_cli("publish", shared / "site", cwd=tmp_path)
            assert result.exit_code == 0, result.output
            site = shared / "site"
            modes = {str(p.relative_to(site)): p.stat().st_mode & 0o7777 for p in [site, *site.rglob("*")]}
            assert modes == {
                ".": 0o2775,
                ".gesprekken-site": 0o664,
                "README.md": 0o664,
                "metadata.json": 0o664,
                "gesprekken.db": 0o444,
                "recordings": 0o2775,
            }, modes
            assert run_cli("publication", "a1b2c3d4", "internal", cwd=tmp_path).exit_code == 0
    finally:
        os.umask(old)


def test_a_site_published_under_umask_000_is_writable_by_no_one_else(tmp_path):
    """A reviewer's read (session 60): publish made the site writable as the umask allows, for a group's rebuild; under
    umask 000 its folders were 0777 and its files 0666, pages anyone on the machine could change (a withdrawn person
    put back). The group's write alone follows the umask."""
    write_other_side_withdrawn(tmp_path)
    old = os.umask(0o000)
    try:
        result = run_cli("publish", tmp_path / "site", cwd=tmp_path)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    modes = {str(p.relative_to(site)): p.stat().st_mode & 0o7777 for p in [site, *site.rglob("*")]}
    assert all(not mode & 0o002 for mode in modes.values()), modes
    assert modes["."] == 0o775 and modes["README.md"] == 0o664 and modes["gesprekken.db"] == 0o444, modes


def test_another_users_lock_that_may_not_be_read_is_named_with_how_to_free_it():
    """A lock file made before locks were readable by everyone, another user's: one sentence with the file, whose it
    is and what to do, where publish said to name another folder and a change of the transcripts went on unlocked."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gesprekken-gedeeld-"))  # (in /tmp: another user may look in)
    folder.chmod(0o755)
    lock = folder / ".site.lock"
    lock.touch()
    if os.geteuid() == 0:
        os.chown(lock, 0, 0)
        lock.chmod(0o600)
        user = 65534  # another user, in a child: root reads any file
    else:
        lock.chmod(0)  # (the owner's own, in a way it may not read either)
        user = None
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        try:
            if user is not None:
                os.setgid(user)
                os.setuid(user)
            said = "opened"
            try:
                os.close(paths.open_lock(lock))
            except GesprekkenError as e:
                said = str(e)
            os.write(writing, said.encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, encoding="utf-8") as pipe:
        said = pipe.read()
    os.waitpid(child, 0)
    owner = "root" if user is not None else __import__("pwd").getpwuid(os.getuid()).pw_name
    assert said.startswith(f"The lock file {lock} is {owner}'s, and you may not read it (mode "), said
    assert f"delete it (rm {lock}) while no gesprekken command runs in that folder" in said, said
    assert f"or ask {owner} to run 'chmod a+r {lock}', then run this command again" in said, said
    shutil.rmtree(folder)


def test_a_recording_lock_makes_the_second_wait(tmp_path):
    order, waited = [], threading.Event()

    def second():
        with recording_lock(tmp_path, "ab" * 32, on_wait=waited.set):
            order.append("second")

    with recording_lock(tmp_path, "ab" * 32):
        other = threading.Thread(target=second)
        other.start()
        assert waited.wait(10), "the second never waited"
        with recording_lock(tmp_path, "cd" * 32):  # another recording is not held up
            order.append("other recording")
        order.append("first")
    other.join(10)
    assert order == ["other recording", "first", "second"]
    assert list(tmp_path.iterdir()) == []  # no lock file left


def test_a_recording_lock_waiting_on_a_first_ingest_that_made_and_removed_the_folder_makes_it_again(tmp_path):
    """A first ingest into a folder that was not there makes it, and removes it again when it wrote nothing (a
    refused recording); the second, waiting on its lock, takes the lock in a folder made anew, not an error."""
    folder, order, waited = tmp_path / "transcripts", [], threading.Event()

    def second():
        with recording_lock(folder, "ab" * 32, on_wait=waited.set):
            order.append("second")

    with recording_lock(folder, "ab" * 32):
        other = threading.Thread(target=second)
        other.start()
        assert waited.wait(10), "the second never waited"
        order.append("first")
    other.join(10)
    assert order == ["first", "second"]


@pytest.mark.slow
def test_two_ingests_of_one_recording_at_once_write_one_transcript(tmp_path):
    speech = (decode(SAMPLE_DIR / "sample.mp3")[: 7 * SAMPLE_RATE] * 32767).astype("int16")
    recording = encode(tmp_path / "tafel-1.flac", [speech])
    ingest = [GESPREKKEN, "ingest", str(recording), "--no-diarization"]
    env = {**os.environ, "GESPREKKEN_HOME": os.environ["GESPREKKEN_HOME"]}
    both = [subprocess.Popen(ingest, cwd=tmp_path, stdout=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = sorted(process.communicate(timeout=300)[0] for process in both)
    assert [process.returncode for process in both] == [0, 0]
    (transcript,) = (tmp_path / "transcripts").glob("*.md")  # one transcript, not two with one id
    assert [line.split(":")[0] for line in outputs] == ["kept", "transcribed"], outputs
    assert list((tmp_path / "transcripts").glob(".*")) == []  # no lock file left behind
    load = subprocess.run([GESPREKKEN, "load"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert load.returncode == 0, load.stderr
    with sqlite3.connect(tmp_path / "gesprekken.db") as conn:
        assert conn.execute("SELECT transcript_file FROM conversations").fetchall() == [(transcript.name,)]


def _analysis_rows(db: Path) -> dict[str, list]:
    """A conversation's analysis as rows without their keys: what a rerun must give again."""
    queries = {
        "quotes": "SELECT conversation_id, speaker, text, headline FROM quotes",
        "action_points": "SELECT conversation_id, speaker, who, text FROM action_points",
        "turn_themes": "SELECT turn_id, theme_id FROM turn_themes",
        "conversation_themes": "SELECT conversation_id, theme, rank FROM conversation_themes",
        "entities": "SELECT turn_id, label, text FROM entities",
        "headline": "SELECT id, headline, themes FROM conversations",
    }
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {name: sorted(conn.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}


def test_sigkill_at_random_moments_of_analyse_and_running_it_again_loses_nothing(workspace, tmp_path):
    """SECURITY.md's "not yet done": analyse under a kill test. A workspace with a withdrawn speaker,
    a public copy, a published folder and an editor's corrections runs analyse with another
    thesaurus (so the old and the new analysis differ, and the public copy is built whole); each run
    starts from the same workspace, is SIGKILLed at a random moment and run again."""
    from conftest import confirm_voices, spoken_only_by

    from gesprekken import Workspace
    from gesprekken.serve import marked_stale

    person, cid = "Joost de Boer", "1ef18611f54b"
    (path,) = (workspace / "transcripts").glob("*.md")
    sentences, _ = spoken_only_by(path, person)
    assert sentences
    traces = [person.encode(), *(s.encode() for s in sentences)]
    confirm_voices(workspace)  # the rule asked here is another
    assert run_cli("publish", "site", cwd=workspace).exit_code == 0
    assert run_cli("publication", cid, "withdrawn", "--participant", person, "--yes", cwd=workspace).exit_code == 0
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    desk = ws.desk(cid)
    state = desk.state()
    theirs = [q["text"] for q in state["quotes"] if q["speaker"] != person]
    rejected, accepted = theirs[0], theirs[-1]
    desk.choose(desk.state()["version"], "quote", rejected, "reject")
    desk.choose(desk.state()["version"], "action_point", accepted, "accept")
    ws.close()
    thesaurus = workspace / "thema.yaml"  # the packaged one and a theme the sample speaks of
    packaged = (Path(__file__).parents[1] / "gesprekken" / "data" / "thesaurus.yaml").read_text(encoding="utf-8")
    head, rest = packaged.split("\n  - id: ", 1)
    added = "  - id: gemeentezaken\n    label: Gemeentezaken\n    description: Wat gemeenten doen.\n"
    thesaurus.write_text(f"{head}\n{added}    terms: [gemeente, gemeenten]\n  - id: {rest}", encoding="utf-8")
    old = _analysis_rows(workspace / "gesprekken.db")
    assert "gemeentezaken" not in {theme for _, theme in old["turn_themes"]}
    template = tmp_path / "template"
    shutil.copytree(workspace, template)
    transcripts = {p.name: p.read_bytes() for p in (workspace / "transcripts").glob("*.md")}
    analyse = [GESPREKKEN, "analyse", "--thesaurus", "thema.yaml"]
    whole = quickest_run(analyse, workspace, template)
    new = _analysis_rows(workspace / "gesprekken.db")
    assert "gemeentezaken" in {theme for _, theme in new["turn_themes"]}
    assert rejected not in {text for _, _, text, _ in new["quotes"]}  # the editor's corrections hold
    assert accepted in {text for _, _, _, text in new["action_points"]}

    def nothing_withdrawn_is_served() -> None:
        public = (workspace / "gesprekken-openbaar.db").read_bytes()
        assert not [t for t in traces if t in public]
        site = workspace / "site" / "gesprekken.db"
        if not marked_stale(str(workspace / "site")) and site.exists():  # served, not withheld
            assert not [t for t in traces if t in site.read_bytes()]

    rng = random.Random(13)
    kills = 0
    for attempt in range(5):
        at = rng.uniform(0.4 * whole, 0.95 * whole)
        for _ in range(3):  # a run faster than the two timed (the other test worker idle now): again, killed sooner
            shutil.rmtree(workspace)
            shutil.copytree(template, workspace)
            process = subprocess.Popen(analyse, cwd=workspace, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if killed_after(process, at):
                kills += 1
                break
            at *= 0.6
        after_kill = _analysis_rows(workspace / "gesprekken.db")
        assert after_kill in (old, new), (attempt, "old or new, never a mix")
        nothing_withdrawn_is_served()
        assert {p.name: p.read_bytes() for p in (workspace / "transcripts").glob("*.md")} == transcripts
        again = subprocess.run(analyse, cwd=workspace, capture_output=True, text=True)
        assert again.returncode == 0, (attempt, again.stderr)
        assert _analysis_rows(workspace / "gesprekken.db") == new, attempt
        nothing_withdrawn_is_served()
        assert not marked_stale(str(workspace / "site"))
        assert b"Marloes van der Heijden" in (workspace / "site" / "gesprekken.db").read_bytes()
        with sqlite3.connect(workspace / "gesprekken.db") as conn:
            assert conn.execute("SELECT count(*) FROM public_pending").fetchone() == (0,)
        assert not list(workspace.glob(".gesprekken-openbaar.db.*.tmp"))
    assert kills >= 3, "runs were really interrupted"
