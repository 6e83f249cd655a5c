"""Shared fixtures: a fresh data directory, and the sample ingested once with the real model."""

import contextlib
import difflib
import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import wave
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from click.testing import CliRunner

from gesprekken.cli import cli

SAMPLE_DIR = Path(__file__).parent.parent / "gesprekken" / "data" / "sample"

# The README's two test processes, and the ingests and servers they start, share the cores. CTranslate2's
# OpenMP threads spin while they wait (libgomp's default), taking the CPU from the other process's work: two
# sample ingests at once took 163 s each, 32 s with waiting threads asleep; one alone 20 s against 22 to 25 s
# (BENCHMARKS.md, "Two test processes"). Read when CTranslate2 loads: before any test imports it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# CI explores the same examples every run (a red CI must be reproducible); a developer's run
# explores new ones and keeps what failed in .hypothesis/.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # hypothesis is a test extra
    pass


#: Fixtures that hold what Whisper heard in the sample: a test that uses one depends on the words
#: Whisper writes on this CPU, and is marked ``whisper`` (CI runs those again as on a CPU without
#: AVX-512), unless its module only breaks the workspace (kills, memory) and reads no words, or takes
#: the sample as the data it works on (the site, the desk, consent, the cache): those find the words
#: they look for at run time (``spoken_only_by``), and what else they take for granted of what Whisper
#: heard is checked once, in tests/test_sample.py, which is marked.
WHISPER_FIXTURES = {"sample_ingest", "ingested_sample", "workspace", "knowledge_base"}
READ_NO_WORDS = {"test_crash.py"}
SAMPLE_AS_DATA = {
    f"test_{name}.py"
    for name in (
        "bad_input browser cache cli consent desk desk_browser live_consent live_site privacy serve workspace".split()
    )
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With ``-n``, a test file runs whole in one worker, in order (pytest-xdist's loadscope): the browser tests of a
    file build on what the ones before them left in one served workspace (as one editor's afternoon at the desk).
    Spread test by test over two workers, a file's later tests met another state (CI at 938ae1a: six of
    test_desk_browser failed, asked another question first)."""
    from xdist.scheduler import LoadScopeScheduling

    return LoadScopeScheduling(config, log)


def pytest_collection_modifyitems(items):
    for item in items:
        if (
            WHISPER_FIXTURES & set(getattr(item, "fixturenames", ()))
            and item.path.name not in READ_NO_WORDS | SAMPLE_AS_DATA
        ):
            item.add_marker(pytest.mark.whisper)


@pytest.fixture(scope="session", autouse=True)
def gesprekken_home(tmp_path_factory):
    """Every test run assembles the packaged model into its own fresh data directory."""
    home = tmp_path_factory.mktemp("home")
    previous = os.environ.get("GESPREKKEN_HOME")
    os.environ["GESPREKKEN_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("GESPREKKEN_HOME", None)
    else:
        os.environ["GESPREKKEN_HOME"] = previous


def ann_and_kees(status: str = "withdrawn", **kees) -> tuple:
    """The two sides of the tweegesprek the consent tests use: Ann Bos (directeur, Woonstichting De Linie,
    published) and Kees Mol (wethouder, gemeente Deventer) with ``status`` (and ``kees``'s other fields)."""
    from gesprekken.transcript import Participant

    return (
        Participant("Ann Bos", "directeur", "Woonstichting De Linie", "published"),
        Participant("Kees Mol", "wethouder", "gemeente Deventer", status, **kees),
    )


def write_other_side_withdrawn(folder: Path) -> Path:
    """A loaded tweegesprek in ``folder`` (transcripts/ and gesprekken.db): Ann Bos (published) asks the
    other side, Kees Mol of the gemeente Deventer (withdrawn), to act: "Jullie moeten ..."."""
    from gesprekken.transcript import Conversation, Turn, write

    ann, kees = ann_and_kees()
    said = [
        (ann, "Wij zien steeds meer huurders met huurachterstanden."),
        (kees, "Dat herken ik, de schuldhulpverlening komt te laat."),
        (ann, "Jullie moeten de gegevens eerder met ons delen."),
    ]
    turns = [Turn(p.name, 3.0 * n, 3.0 * n + 2.5, text) for n, (p, text) in enumerate(said)]
    conversation = Conversation(
        id="a1b2c3d4e5f6", title="Eerder bij schulden", participants=[ann, kees], turns=turns, status="published"
    )
    path = folder / "transcripts" / "gesprek.md"
    write(conversation, path)
    assert run("load", cwd=folder).exit_code == 0
    return path


def quickest_run(command: list, workspace: Path, template: Path, runs: int = 2) -> float:
    """Seconds the quickest of ``runs`` whole runs of ``command`` takes, each in ``workspace`` made anew as a copy
    of ``template`` (left as the last run made it): a kill test's measure of a run, so that a run slowed by
    another process (the other test worker, on two cores) does not put the kills past the end of the runs on a
    machine quieter afterwards."""
    lengths = []
    for _ in range(runs):
        shutil.rmtree(workspace)
        shutil.copytree(template, workspace)
        started = time.monotonic()
        assert subprocess.run(command, cwd=workspace, capture_output=True).returncode == 0
        lengths.append(time.monotonic() - started)
    return min(lengths)


def confirmable_marks(db_path: Path, conversation) -> dict[str, str]:
    """The turns of ``conversation`` the public copy leaves out (publish.withheld_turns over the database at
    ``db_path``), marked "unconfirmed" where consent.confirmable names the speaker (the voices held_note offers
    to confirm) and by their status elsewhere: the marks the desk and the editors' pages must show."""
    from gesprekken.consent import confirmable
    from gesprekken.publish import withheld_turns

    held = set(confirmable(conversation))
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        withheld = withheld_turns(db, [conversation.id])
        speakers = dict(db.execute("SELECT id, speaker FROM turns WHERE conversation_id = ?", [conversation.id]))
    return {tid: "unconfirmed" if speakers[tid] in held else status for tid, status in withheld.items()}


def said_turns(headings, texts) -> list:
    """Turns under ``headings`` saying ``texts``, a word every 0.45 s and 0.6 s between turns, as a
    transcript keeps them (word times included): a table for a test of consent, no recording needed."""
    from gesprekken.transcript import Turn, Word

    turns, clock = [], 0.0
    for heading, text in zip(headings, texts, strict=True):
        words = []
        for token in text.split():
            words.append(Word(round(clock, 2), round(clock + 0.4, 2), token))
            clock += 0.45
        turns.append(Turn(heading, words[0].start, words[-1].end, text, words))
        clock += 0.6
    return turns


def run(*args, cwd: Path | None = None):
    """Invoke the CLI in ``cwd`` (where transcripts/ and gesprekken.db live)."""
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


#: Seconds a run waits for the sample's ingest at most.
SAMPLE_INGEST_LIMIT = 900
#: The sample's ingest, run by a child process so that other tests go on meanwhile: the CLI as ``run`` invokes it
#: (its output not a terminal, as in CI), its result written as JSON beside the workspace, whatever happens.
SAMPLE_INGEST = """
import json, os, sys, traceback
said = {"exit_code": 1, "output": "", "stdout": "", "stderr": ""}
try:
    from click.testing import CliRunner
    from gesprekken.cli import cli
    result = CliRunner().invoke(cli, ["ingest", "--sample"])
    said = {field: getattr(result, field) for field in said}
    if result.exc_info and not isinstance(result.exception, SystemExit):
        said["output"] += "".join(traceback.format_exception(*result.exc_info))
except BaseException:
    said["output"] = traceback.format_exc()
    raise
finally:
    with open(sys.argv[1] + ".tmp", "w", encoding="utf-8") as file:
        json.dump(said, file)
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
"""


def _sample_folder(config, tmp_path_factory) -> Path:
    """Where the sample is ingested: once per run, in the folder pytest-xdist's workers share (named by the
    run, so that no run reads another's result)."""
    root = tmp_path_factory.getbasetemp()
    worker = getattr(config, "workerinput", None)  # a pytest-xdist worker's, and only its
    return root.parent / f"sample-workspace-{worker['testrunuid']}" if worker else root / "sample-workspace"


#: The sample's ingest this process started, for pytest_keyboard_interrupt.
_started: list[subprocess.Popen] = []


def _written_when_ended(child: subprocess.Popen, said: str, log: str) -> None:
    """Wait for the ingest ``child``; where it ended without writing its result (killed, crashed before its
    ``finally``), write one that says so, so that no worker waits for a result that will not come."""
    code = child.wait()
    if not os.path.exists(said):
        with open(f"{said}.tmp", "w", encoding="utf-8") as file:
            ended = f"with exit code {code}" if code >= 0 else f"by signal {-code}"
            json.dump({"exit_code": code or 1, "output": f"The ingest ended {ended} without a result; see {log}"}, file)
        os.replace(f"{said}.tmp", said)


def pytest_keyboard_interrupt(excinfo):
    """Ctrl-C, or SIGINT to pytest alone: the sample's ingest stops too, rather than the run waiting for it."""
    for child in _started:
        child.terminate()


@pytest.fixture(scope="session", autouse=True)
def sample_ingest_started(request, tmp_path_factory):
    """Start the sample's one ingest at once where this run's tests use it (the first process to claim the
    folder starts it; the README's ``-n 2`` runs two), so that the tests without it run while it does."""
    if not any(WHISPER_FIXTURES & set(getattr(item, "fixturenames", ())) for item in request.session.items):
        yield None
        return
    folder = _sample_folder(request.config, tmp_path_factory)
    try:
        folder.mkdir()
    except FileExistsError:  # another worker started it
        yield None
        return
    env = {**os.environ, "GESPREKKEN_HOME": str(folder.with_name(f"{folder.name}-home"))}
    said, log = f"{folder}.json", f"{folder}.log"  # beside the workspace, not in it: tests read every byte of theirs
    with open(log, "wb") as output:
        child = subprocess.Popen(
            [sys.executable, "-c", SAMPLE_INGEST, said], cwd=folder, env=env, stdout=output, stderr=output
        )
    _started.append(child)
    threading.Thread(target=_written_when_ended, args=(child, said, log), daemon=True).start()
    yield child
    try:
        child.wait(timeout=SAMPLE_INGEST_LIMIT)  # a worker may still wait for it; it ends on its own
    except subprocess.TimeoutExpired:
        child.kill()


@pytest.fixture(scope="session")
def sample_ingest(pytestconfig, tmp_path_factory, sample_ingest_started):
    """`gesprekken ingest --sample` run once, with the real Whisper model and its output not a terminal (as
    in CI): its workspace and its result (exit code, output, stdout and stderr), read from the JSON the
    ingest started by ``sample_ingest_started`` writes. Tests copy the workspace before they change it
    (``workspace``)."""
    folder = _sample_folder(pytestconfig, tmp_path_factory)
    said = Path(f"{folder}.json")
    waited = time.monotonic()
    while not said.exists():  # written by the ingest, or by its starter where it ended without (_written_when_ended)
        if time.monotonic() - waited > SAMPLE_INGEST_LIMIT:
            pytest.fail(f"The sample's ingest in {folder} wrote no result in {SAMPLE_INGEST_LIMIT} s; see {folder}.log")
        time.sleep(0.2)
    result = SimpleNamespace(**json.loads(said.read_text(encoding="utf-8")))
    assert result.exit_code == 0, result.output
    return folder, result


#: Words the tests of the site, the desk, consent and the cache search for or edit, each said by one of the
#: two only (withdrawing them must hide it; tests/test_sample.py checks it). Not "leefbaarheid": where
#: CTranslate2 multiplies with AVX2 only, Whisper writes "Beliefbaarheid"; nor "tafel" ("aan het aantal zitten").
SAMPLE_WORDS = {
    **{"wederkerigheid": "Marloes van der Heijden", "maatwerk": "Marloes van der Heijden"},
    **{"huurders": "Marloes van der Heijden", "goedemiddag": "Marloes van der Heijden"},
    **{"gemeente": "Joost de Boer", "wijkaanpak": "Joost de Boer"},
}
#: At most this many of them may be misheard and put back (``put_back``); more, and the sample is no longer
#: the recording the tests were written for on this CPU: tests/test_sample.py fails and says which.
MAY_PUT_BACK = 2


#: The files SQLite keeps beside a database in WAL mode while a connection is open. The ingested sample is
#: shared by the pytest-xdist workers and never written after its ingest (checkpointed when it closed), so
#: these hold nothing of it; one appears while another worker's test reads the sample's database and goes
#: when it closes, and a copy that listed it then failed ("No such file or directory: ...gesprekken.db-wal").
SQLITE_SIDE_FILES = shutil.ignore_patterns("*.db-wal", "*.db-shm")


@pytest.fixture(scope="session")
def ingested_sample(sample_ingest, tmp_path_factory) -> Path:
    """A workspace in which `gesprekken ingest --sample` ran once, with the real Whisper model.

    Where Whisper on this CPU misheard one of SAMPLE_WORDS (an AMD EPYC with AVX2 only writes "nadwerk" for
    "maatwerk"), a copy in which that word is put back as the script says it and the knowledge base loaded
    again (``put_back``): the tests that take the sample as their data test the site, not Whisper. Where
    nothing was misheard (as on a CPU with AVX-512) it is the ingest's own workspace, untouched."""
    raw = sample_ingest[0]
    (path,) = (raw / "transcripts").glob("*.md")
    if not put_back(path, dry_run=True):
        return raw
    corrected = tmp_path_factory.mktemp("sample-corrected") / "ws"
    shutil.copytree(raw, corrected, ignore=SQLITE_SIDE_FILES)
    (path,) = (corrected / "transcripts").glob("*.md")
    put_back(path)
    result = run("load", cwd=corrected)
    assert result.exit_code == 0, result.output
    return corrected


def put_back(path: Path, dry_run: bool = False) -> list[str]:
    """Write each of SAMPLE_WORDS that Whisper misheard one for one, or heard as two words (by the script), as
    the script says it, in its turn's text and in the word Whisper heard there (its times and probability
    kept, as if Whisper had heard it so); at most MAY_PUT_BACK. The rest of the file stays byte for byte.
    Returns the words put back (``dry_run``: the words it would put back, the file untouched)."""
    from gesprekken import transcript

    conversation = transcript.read(path)
    spoken = {w for t in conversation.turns for w in normalise(t.text).split()}
    text = path.read_text(encoding="utf-8")
    sections = re.split(r"(?m)^(?=## \[)", text)  # the front matter, then one section a turn
    done = []
    for index, _, heard, said in misheard_words(conversation):
        if _core(said) in SAMPLE_WORDS and _core(said) not in spoken:
            wrong, right = re.escape(_core(heard)), said.strip(".,?!")
            section = re.sub(rf"\b{wrong}\b", right, sections[index + 1], count=1, flags=re.IGNORECASE)
            sections[index + 1] = re.sub(rf"(\d+\.\d+-\d+\.\d+~[\d.]+) {wrong}\b", rf"\1 {right}", section)
            done.append(_core(said))
    # A word heard as two ("Goede middag" for "Goedemiddag", where CTranslate2 is held to AVX2 on a CPU with
    # AVX-512): one word again, in the text and in the words, from the first's start to the second's end.
    for index, first, second, said in split_words(conversation):
        if _core(said) in SAMPLE_WORDS and _core(said) not in spoken:
            right, one, two = said.strip(".,?!"), re.escape(first), re.escape(second)
            section = re.sub(rf"\b{one}\W+{two}\b", right, sections[index + 1], count=1, flags=re.IGNORECASE)
            timed = rf"(\d+\.\d+)-\d+\.\d+~([\d.]+) {one}\W*\s*\|\s*\d+\.\d+-(\d+\.\d+)~[\d.]+ {two}\b"
            sections[index + 1] = re.sub(timed, rf"\1-\3~\2 {right}", section, count=1, flags=re.IGNORECASE)
            done.append(_core(said))
    assert len(done) <= MAY_PUT_BACK, (
        f"Whisper misheard {done} of the words the tests use; the sample needs other words"
    )
    if done and not dry_run:
        path.write_text("".join(sections), encoding="utf-8")
    return done


@pytest.fixture
def workspace(ingested_sample, tmp_path) -> Path:
    """A private copy of the ingested sample workspace, free to change."""
    target = tmp_path / "ws"
    shutil.copytree(ingested_sample, target, ignore=SQLITE_SIDE_FILES)
    return target


def confirm_voices(workspace: Path, conversation: str = "1ef18611f54b") -> None:
    """An editor listened and confirmed the name of every named voice of ``conversation`` (the
    sample): where someone there is not published, a voice named automatically is kept from the public
    until confirmed (Conversation.held_for_naming), and a test about another rule starts from here."""
    from gesprekken.transcript import read

    path = next(p for p in (workspace / "transcripts").glob("*.md") if read(p).id.startswith(conversation))
    for speaker in read(path).speakers:
        if speaker.name and not speaker.confirmed:
            rename = f"{speaker.name}={speaker.name}"
            result = run("speakers", conversation[:8], "--rename", rename, cwd=workspace)
            assert result.exit_code == 0, result.output


@contextlib.contextmanager
def served(workspace: Path, *args: str, env: dict | None = None, log: Path | None = None):
    """Run `gesprekken serve` in ``workspace`` on a free port; yield its base URL once it answers."""
    gesprekken = os.path.join(os.path.dirname(sys.executable), "gesprekken")
    with server_process([gesprekken, "serve", *args], workspace, env, log) as base:
        yield base


@contextlib.contextmanager
def server_process(command: list, cwd: Path, env: dict | None = None, log: Path | None = None, port: int = 0):
    """Run a web server (``--port`` is appended) on a free port; yield its base URL once it answers.

    ``log``: a file that gets what the server writes (stdout and stderr), for a test to read.
    ``port``: this port instead of a free one (a server restarted where a proxy expects it).
    """
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    # A file, never a pipe: nobody reads a pipe while the server runs, and once its buffer is full
    # (some 700 lines of access log) the server blocks on its next log line.
    output = open(log, "w+b") if log else tempfile.TemporaryFile()  # closed after the server stops
    server = subprocess.Popen(
        [*map(str, command), "--port", str(port)],
        cwd=cwd,
        stdout=output,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/static/app.css", timeout=5):
                    break
            except OSError:
                if server.poll() is not None:
                    output.seek(0)
                    raise RuntimeError(f"{command[0]} stopped: {output.read().decode(errors='replace')}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)  # a loaded CI machine may take a while to finish its last request
        output.close()


# --- a real headless Chromium (the browser tests) -----------------------------------------

ARTIFACTS = Path(os.environ.get("GESPREKKEN_ARTIFACTS") or Path(__file__).parents[1] / "test-artifacts") / "screenshots"
# The flags this machine's closed network needs (no background connections, no sandbox as root).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium() -> str:
    found = os.environ.get("GESPREKKEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "no Chromium to drive: install Debian's chromium (apt-get install chromium), "
            "or set GESPREKKEN_CHROMIUM to a Chromium executable"
        )
    return found


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright: one per test module (Playwright's sync API
    runs an event loop of its own, which must be gone before a test that runs asyncio)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def screenshot(page, name: str) -> None:
    """Save the whole page as test-artifacts/screenshots/<name>.png (README shows some of them)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


DEV = Path(__file__).parent / "data" / "dev"


def first_seconds(recording: Path, folder: Path, seconds: int = 10, name: str | None = None) -> Path:
    """The first ``seconds`` of ``recording`` as a file in ``folder`` (under its own name, which a
    programme knows it by, or ``name``): for tests of what an ingest does around Whisper (workers,
    queues, resuming, locks, progress), not of what it hears; a few seconds go through every step a
    whole recording does, in a fraction of CI's time."""
    from gesprekken.audio import SAMPLE_RATE, decode, encode

    samples = decode(recording)[: seconds * SAMPLE_RATE]
    return encode(folder / (name or recording.name), [(samples * 32767).astype(np.int16)])


PRIVATE_WORD = "dorpshuis"  # spoken nowhere; planted in the internal conversation below


MARLOES = "Marloes van der Heijden"


@pytest.fixture(scope="module")
def knowledge_base(ingested_sample, tmp_path_factory) -> Path:
    """The sample (published) plus an internal conversation, and Joost de Boer withdrawn from the sample."""
    workspace = tmp_path_factory.mktemp("privacy")
    shutil.copytree(ingested_sample, workspace, dirs_exist_ok=True, ignore=SQLITE_SIDE_FILES)
    recording = shutil.copy(DEV / "een-spreker.mp3", workspace / "recordings")  # served from there only
    assert (
        run("ingest", recording, "--no-diarization", "--programme", DEV / "programme.yaml", cwd=workspace).exit_code
        == 0
    )
    internal = next(p for p in (workspace / "transcripts").glob("*.md") if "opening" in p.name)
    text = internal.read_text(encoding="utf-8")
    # Planted at the start of the first turn, whatever words Whisper wrote there.
    body = text.index("\n\n", text.index("\n## ")) + 2
    internal.write_text(text[:body] + f"Welkom in het {PRIVATE_WORD}. " + text[body:], encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?", [PRIVATE_WORD]).fetchone() == (1,)
    assert run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", cwd=workspace).exit_code == 0
    # An editor listened and confirmed Marloes's voice: named automatically, it stays back while Joost's is
    # unconfirmed (Conversation.held_for_naming; test_privacy -k held_for_naming asks that part).
    confirm = run("speakers", "1ef18611", "--rename", f"{MARLOES}={MARLOES}", cwd=workspace)
    assert confirm.exit_code == 0, confirm.output
    return workspace


def snapshot(workspace: Path) -> dict[str, str]:
    """SHA-256 of the database file (and its WAL) and of every file under transcripts/ and recordings/.

    The -shm file is left out: it is SQLite's shared-memory index of the WAL, rewritten by any
    reader, and holds no data; so is an empty WAL, which any connection may create.
    """
    state = {}
    for path in sorted(workspace.rglob("*")):
        if path.name.endswith("-wal") and path.stat().st_size == 0:
            continue
        if path.is_file() and not path.name.endswith("-shm"):
            state[str(path.relative_to(workspace))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def sample_reference() -> list[dict]:
    import yaml

    return yaml.safe_load((SAMPLE_DIR / "dialoog.yaml").read_text(encoding="utf-8"))["turns"]


def _core(word: str) -> str:
    return re.sub(r"\W", "", word.casefold())


def misheard_words(conversation):
    """Each word of the sample Whisper wrote otherwise than its script, one for one: (turn, word number,
    the word as heard, the script's word)."""
    for index, (turn, said) in enumerate(zip(conversation.turns, sample_reference(), strict=False)):
        ours, theirs = turn.text.split(), said["text"].split()
        matcher = difflib.SequenceMatcher(a=[_core(w) for w in ours], b=[_core(w) for w in theirs], autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "replace" and a1 - a0 == 1 and b1 - b0 == 1:
                yield index, a0, ours[a0], theirs[b0]


def split_words(conversation):
    """Each word of the sample's script Whisper wrote as two: (turn, the first heard, the second, the
    script's word)."""
    for index, (turn, said) in enumerate(zip(conversation.turns, sample_reference(), strict=False)):
        ours, theirs = turn.text.split(), said["text"].split()
        matcher = difflib.SequenceMatcher(a=[_core(w) for w in ours], b=[_core(w) for w in theirs], autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if (
                op == "replace"
                and a1 - a0 == 2
                and b1 - b0 == 1
                and _core(ours[a0]) + _core(ours[a0 + 1]) == _core(theirs[b0])
            ):
                yield index, _core(ours[a0]), _core(ours[a0 + 1]), theirs[b0]


def misheard(conversation) -> tuple[int, int, str]:
    """A word Whisper misheard, by the sample's script: (turn, word, the script's word), one for one."""
    spoken = " ".join(t.text for t in conversation.turns).casefold()
    for index, at, _, said in misheard_words(conversation):
        if _core(said) not in spoken:
            return index, at, said
    pytest.fail("Whisper heard every word of the sample as written; no misheard word to correct")


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype(np.int16).tobytes())
    return path


def normalise(text: str) -> str:
    """Lowercase words without punctuation, as WER is measured."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def script_text(script: Path) -> str:
    """Everything said in a dialogue script (the YAML a recording was spoken from)."""
    import yaml

    return " ".join(turn["text"] for turn in yaml.safe_load(script.read_text(encoding="utf-8"))["turns"])


def found_words(reference: str, heard: str, score: float = 80) -> list[str]:
    """The words of ``reference`` that Whisper wrote in ``heard``, allowing a letter or two off.

    Whisper's exact spelling differs between CPUs ("buurren", "buuren"); a word counts as heard
    when some heard word is at least ``score`` (0-100) similar to it.
    """
    from rapidfuzz import fuzz, process

    said = normalise(heard).split()
    return [
        word
        for word in normalise(reference).split()
        if process.extractOne(word, said, scorer=fuzz.ratio, score_cutoff=score)
    ]


def spoken_only_by(path: Path, speaker: str) -> tuple[list[str], list[str]]:
    """What ``speaker`` says in a transcript that nobody else there says, as Whisper wrote it.

    Returns their sentences of three words or more, and their words of five letters or more,
    so that tests look for the person's own words on any CPU instead of a phrase of Whisper's.
    """
    from gesprekken import transcript

    turns = transcript.read(path).turns
    theirs = [turn.text for turn in turns if turn.speaker == speaker]
    others = " ".join(turn.text for turn in turns if turn.speaker != speaker)
    sentences = [
        sentence
        for text in theirs
        for sentence in re.split(r"(?<=[.?!])\s+", text)
        if len(sentence.split()) >= 3 and sentence.casefold() not in others.casefold()
    ]
    other_words = set(normalise(others).split())
    words = sorted({w for w in normalise(" ".join(theirs)).split() if len(w) >= 5 and w.isalpha()} - other_words)
    return sentences, words


def left_out_theme_rows(talks, features, read, held_gold=None, trained_gold=None):
    """What benchmarks/learn_themes.py gives the conversations ``talks`` of writers a, b and c when c is judged
    left out by a model trained on a and b with ``features``: per conversation id, per theme, ``read(row)``;
    and c's predictions. c's (``held_gold``) or a's (``trained_gold``) first conversation's gold is replaced
    first: a left-out writer's gold must change nothing of theirs, a training writer's nothing of their rows
    (cross-fitted). Every learnt word list, profile and bank is learnt anew."""
    import learn_themes

    if held_gold is not None:
        talks[8]["gold"] = held_gold
    if trained_gold is not None:
        talks[0]["gold"] = trained_gold
    seen = {}
    rows_of = learn_themes.rows_of

    def spy(conversation, prior, lexicon=None, profiles=None, bank=None):
        themes, rows, labels = rows_of(conversation, prior, lexicon, profiles, bank)
        seen[conversation["id"]] = {t: read(row) for t, row in zip(themes, rows, strict=True)}
        return themes, rows, labels

    learn_themes._lexicons.clear()
    learn_themes._profiles.clear()
    learn_themes.rows_of = spy
    try:
        predicted = learn_themes.predict(talks, ["a", "b"], "c", features, 3.0, ("speech",))
    finally:
        learn_themes.rows_of = rows_of
        learn_themes._lexicons.clear()
        learn_themes._profiles.clear()
    return seen, predicted
