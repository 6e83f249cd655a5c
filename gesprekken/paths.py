"""Where gesprekken keeps its files (the data directory, transcripts, the database) and how it
reads and writes the ones people edit."""

import contextlib
import datetime
import errno
import importlib.util
import os
import re
import shlex
import sqlite3
import stat as stat_module
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .errors import DiskFullError, GesprekkenError

#: Whether this system has ``flock`` (not Windows), for the locks between processes.
HAS_FLOCK = importlib.util.find_spec("fcntl") is not None

DEFAULT_DB = "gesprekken.db"
DEFAULT_TRANSCRIPTS = "transcripts"


def data_dir() -> Path:
    """The folder for assembled models and other machine-wide data.

    ``GESPREKKEN_HOME`` wins; otherwise the platform's user data directory.
    """
    home = os.environ.get("GESPREKKEN_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("gesprekken", appauthor=False))


def as_linked(path: str | os.PathLike) -> Path:
    """``path`` made absolute, the links and ``..`` of its folders resolved but not its own name: a recording an
    organiser linked into recordings/ from another disk is a file in recordings/ (read through its link), where
    ``resolve()`` made it one on the other disk. A link to a folder elsewhere still leads out of recordings/."""
    path = Path(path)
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


#: The errors of a file system with no room left: a full disk, or the user's quota used up.
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


def from_here(path: Path) -> Path:
    """``path`` as a user finds it from where the command runs: relative to the working folder when it
    lies inside it, else absolute (another drive, a folder above)."""
    path = Path(path).resolve()
    with contextlib.suppress(ValueError):
        return path.relative_to(Path.cwd().resolve())
    return path


def current_umask() -> int:
    """The process's umask (read by setting it, and set back at once)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


@contextmanager
def atomic_write(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block succeeds.

    A crash or an exception leaves ``path`` as it was: never half-written.

    Raises:
        DiskFullError: the disk (or the quota) is full; ``path`` is as it was.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        if full := disk_full(path, e):
            raise full from None
        raise
    # mkstemp makes the file private (0600); give it the mode the file had, or the usual one.
    if path.exists():
        permissions = path.stat().st_mode & 0o7777
    else:
        permissions = 0o666 & ~current_umask()
    os.chmod(tmp, permissions)
    try:
        with open(fd, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if full := disk_full(path, e):
            raise full from None
        raise


def disk_full(path: Path, error: BaseException) -> DiskFullError | None:
    """The sentence for ``error`` when it says there was no room to write ``path``; else None.

    Knows the file system's ENOSPC and EDQUOT and SQLite's SQLITE_FULL (SQLite has then
    rolled the transaction back), so every command says a full disk the same way.
    """
    if isinstance(error, OSError) and error.errno in NO_SPACE:
        reason = os.strerror(error.errno)
    elif isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        reason = str(error)
    elif isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_IOERR:
        # SQLite says "disk I/O error" when it cannot make its -shm file on a full disk.
        if _room_left(path) >= 1 << 20:
            return None
        reason = "the disk is full"
    else:
        return None
    kept = "left as it was" if path.exists() else "not written"
    return DiskFullError(
        f"There is no room to write {path} ({reason}), so it was {kept}; "
        "free some space on that disk and run the command again"
    )


@contextmanager
def full_disk_as_error(path: Path) -> Iterator[None]:
    """Inside the block, a full disk met while writing ``path`` (the database, say) is a DiskFullError.

    Raises:
        DiskFullError: see :func:`disk_full`; any other error goes on as it was.
    """
    try:
        yield
    except (OSError, sqlite3.Error) as e:
        # the file the system names, when it names one: of a copy (shutil.copyfile), the one written, not the one read
        named = isinstance(e, OSError) and (e.filename2 or e.filename)
        if full := disk_full(Path(os.fsdecode(named)) if named else path, e):
            raise full from None
        raise


def _room_left(path: Path) -> int:
    """Bytes free for this user on the file system of ``path``; a lot where it cannot say."""
    try:
        stats = os.statvfs(path.parent)
    except (AttributeError, OSError):  # no statvfs on Windows
        return 1 << 62
    return stats.f_bavail * stats.f_frsize


@contextmanager
def recording_lock(transcripts: Path, sha256: str, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold one recording's lock (by its SHA-256) while it is ingested into ``transcripts``.

    Another ingest of the same recording, in any process, waits here until the first has
    written its transcript, and then finds and keeps that transcript: never two
    transcripts with one id. ``on_wait`` is called once when it has to wait. The lock is a
    ``.ingest-<sha256>.lock`` file beside the transcripts, removed when done.

    Raises:
        GesprekkenError: the lock file cannot be made (a read-only folder, a full disk).
    """
    if not HAS_FLOCK:  # no flock on Windows: there, one ingest at a time is the user's to keep
        yield
        return
    path = transcripts / f".ingest-{sha256}.lock"
    made_folder = not transcripts.exists()  # a refused first ingest leaves no empty transcripts/
    try:
        fd = _flocked(path, on_wait, make_folder=True)
    except OSError as e:
        if full := disk_full(path, e):
            raise full from None
        raise GesprekkenError(f"Cannot make the lock file {path} ({e.strerror}); make {transcripts} writable") from None
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked, so a waiting run sees it go
        os.close(fd)
        if made_folder:
            with contextlib.suppress(OSError):  # not empty: a transcript was written, or another run's lock
                transcripts.rmdir()


#: The transcripts folder's write lock file: held while a transcript is read, changed and written back.
WRITE_LOCK = ".gesprekken-write.lock"


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """The SQLite URI that opens the database at ``path`` read-only (``immutable``: and never looks for a
    WAL), its path quoted: a folder named "congres #12" is no URI fragment."""
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


#: The exports ``gesprekken export`` wrote, kept in the transcripts folder for ``forget`` (see
#: :meth:`gesprekken.Workspace.record_export`).
EXPORTS_RECORD = ".gesprekken-exports.json"
_write_locks: dict[Path, threading.Lock] = {}
_write_locks_guard = threading.Lock()
_holding = threading.local()


@contextmanager
def transcripts_lock(transcripts: Path) -> Iterator[None]:
    """Hold the write lock of the folder ``transcripts`` while a transcript in it is read, changed and written
    back: one such change at a time, in every process (a desk save and a ``publication`` command, say), so that
    none writes back a transcript read before another's change and undoes it. Reentrant in a thread (a command
    that renames voices inside another change); other threads and processes wait. The lock is a
    :data:`WRITE_LOCK` file in the folder (``flock``; on Windows, in this process only), removed when done; a
    folder that cannot hold it (read-only) is locked in this process only, and its writes fail with their own
    message."""
    key = Path(transcripts).resolve()
    held = _holding.__dict__.setdefault("depth", {})
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    with _write_locks_guard:
        local = _write_locks.setdefault(key, threading.Lock())
    with local:
        try:
            fd = _flocked(key / WRITE_LOCK) if HAS_FLOCK else None
        except OSError:  # a read-only folder: this process only
            fd = None
        held[key] = 1
        try:
            yield
        finally:
            held[key] = 0
            if fd is not None:
                # removed while still locked (a dry run or a refused change leaves the folder as it was), so a
                # waiting process sees it go and locks the file there is then
                (key / WRITE_LOCK).unlink(missing_ok=True)
                os.close(fd)


def open_lock(path: Path) -> int:
    """A descriptor of the lock file ``path`` (made where it is not there) to ``flock``: read-only, which ``flock``
    needs no more than, and readable by everyone, as it holds nothing. A lock made by one user of a folder shared with
    a group (under umask 077 it was private, under 022 writable by its maker only, and it was opened for writing)
    refused every other user's ``publish`` with "Cannot publish ...: Permission denied (.site.lock); name a folder
    that can be made and written".

    Raises:
        GesprekkenError: the file is there, another user's, and this user may not read it (made before gesprekken
            made its locks readable): which file, whose, and how to free it.
        OSError: the file cannot be made (a read-only folder, a full disk).
    """
    try:
        # never through a link: the mode below would be its target's (a reviewer's read, session 59: a link named
        # .site.lock to the editors' database, 0600, made it readable by every user of the machine)
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as refused:
        if refused.errno == errno.ELOOP or os.path.islink(path):
            raise GesprekkenError(
                f"The lock file {path} is a link (to {os.readlink(path)}), not a file of its own, so it was not taken: "
                f"delete the link (rm {shlex.quote(str(path))}) while no gesprekken command runs in that folder, then "
                "run this command again"
            ) from None
        if not isinstance(refused, PermissionError):
            raise
        try:
            stat = os.stat(path)
        except OSError:
            raise refused from None  # not there, in a folder that may not be written: the caller's message
        import pwd

        try:
            owner = pwd.getpwuid(stat.st_uid).pw_name
        except KeyError:
            owner = f"user {stat.st_uid}"
        raise GesprekkenError(
            f"The lock file {path} is {owner}'s, and you may not read it (mode {stat.st_mode & 0o777:o}); it holds "
            f"nothing: delete it (rm {shlex.quote(str(path))}) while no gesprekken command runs in that folder, or ask "
            f"{owner} to run 'chmod a+r {shlex.quote(str(path))}', then run this command again"
        ) from None
    with contextlib.suppress(OSError):  # (another user's: theirs to change)
        made = os.fstat(fd)
        if stat_module.S_ISREG(made.st_mode) and made.st_nlink == 1 and made.st_mode & 0o444 != 0o444:
            os.fchmod(fd, 0o644)  # made under a umask that keeps it private
    return fd


def _flocked(path: Path, on_wait: Callable[[], None] | None = None, make_folder: bool = False) -> int:
    """An open descriptor of the lock file ``path`` holding its exclusive ``flock``, waiting for it (``on_wait``
    is called once when it has to). The holder before removes the file when done, and a lock on a removed file
    locks nothing: then the lock is taken again on the file that is there now. With ``make_folder``, its folder
    is made each time (the holder before may have removed the folder it made, as a refused first ingest does).

    Raises:
        OSError: the file cannot be made (a read-only folder, a full disk).
    """
    import fcntl

    waited = False
    while True:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_lock(path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait and not waited:
                    on_wait()
                waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                return fd
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def read_text(path: Path, error: type[GesprekkenError], what: str, advice: str = "save it as UTF-8") -> str:
    """The text of a file people write (a transcript, programme or thesaurus), as UTF-8.

    A byte-order mark, which some editors and spreadsheets write, is dropped.

    Args:
        error: the error to raise, the one of the caller's stage.
        what: the kind of file, for the messages ("programme").
        advice: what to do about a file in another encoding.

    Raises:
        GesprekkenError: ``error``, when the file does not exist, is a folder or is not UTF-8.
    """
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"The {what} {path} does not exist; check the path") from None
    except IsADirectoryError:
        raise error(f"The {what} {path} is a folder; pass the file itself") from None
    except UnicodeDecodeError as e:
        # (its line too: "byte 84" alone sent an organiser counting through a programme Excel saved as Windows-1252)
        line = e.object[: e.start].count(b"\n") + 1
        raise error(f"{path} is not UTF-8 text (line {line}, byte {e.start}); {advice}") from None


#: What to do about a date that does not exist.
DATE_ADVICE = "write a date that exists, as YYYY-MM-DD"
#: ... and in Dutch, for the editors' desk.
DUTCH_DATE_ADVICE = "schrijf een datum die bestaat, als JJJJ-MM-DD"
#: What to do about a date gesprekken cannot read.
DATE_FORMAT_ADVICE = "write the date as 2026-11-12 (year-month-day)"

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[Tt ])")
#: 12-11-2026, 12/11/2026, 12.11.2026: day first, as Dutch organisers write a date (never month first).
#: A time after a date written day first or in words (12-11-2026 14:00), kept after the ISO date.
_TIME = r"(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?))?$"
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME)
_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
#: 12 november 2026, as a programme in words writes it.
_DUTCH_DATE = re.compile(rf"(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}}){_TIME}", re.IGNORECASE)


def _date_parts(text: str) -> tuple[tuple[int, int, int], str] | None:
    """Year, month and day of ``text`` written as a date (ISO or day-month-year), and what follows the
    day as an ISO date writes it (its time, if any: "T14:00", " 14:00", or ""); None for other text."""
    if match := _ISO_DATE.match(text):
        return (int(match[1]), int(match[2]), int(match[3])), text[match.end(3) :]
    if match := _DAY_FIRST_DATE.match(text):
        return (int(match[4]), int(match[3]), int(match[1])), f" {match[5]}" if match[5] else ""
    if match := _DUTCH_DATE.match(text):
        day = (int(match[3]), _MONTHS.index(match[2].lower()) + 1, int(match[1]))
        return day, f" {match[4]}" if match[4] else ""
    return None


def impossible_date(text: str) -> str | None:
    """Why ``text``, written as a date (``2016-02-30``, ``30-02-2016``), is none; None for a real date
    or other text."""
    parts = _date_parts(text.strip())
    if parts:
        try:
            datetime.date(*parts[0])
        except ValueError as e:
            return f"the date {text.strip()} does not exist ({e})"
    return None


def iso_date(value: object) -> str:
    """``value`` (a date as a person wrote it, or PyYAML's ``datetime.date``) as ISO: ``2026-11-12``.

    ISO dates are kept with the time they have, as written, their month and day padded (``2026-2-3`` is
    ``2026-02-03``: stored dates sort as text); day-month-year (``12-11-2026``, ``12/11/2026``, ``12.11.2026``,
    ``12 november 2026``, each perhaps with a time: ``12-11-2026 14:00``) is read as that day, its time after
    it. Nothing (None, blank) is ``""``.

    Raises:
        ValueError: the date does not exist, or ``value`` is no date; its text says so and what to do.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if problem := impossible_date(text):
        raise ValueError(f"{problem}; {DATE_ADVICE}")
    parts = _date_parts(text)
    if parts is None:
        raise ValueError(f"the date {text!r} is not a date gesprekken can read; {DATE_FORMAT_ADVICE}")
    day, time = parts
    return datetime.date(*day).isoformat() + time


class _ImpossibleDate(yaml.constructor.ConstructorError):
    pass


class _Dates:
    """An unquoted date that does not exist is an error at its line.

    PyYAML itself raises a bare ValueError there, with no line: a traceback for the user.
    """

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as e:
            problem = impossible_date(node.value) or f"the time {node.value} does not exist ({e})"
            impossible = _ImpossibleDate(None, None, problem, node.start_mark)
            impossible.value = node.value
            raise impossible from None


class _RepeatedKey(yaml.constructor.ConstructorError):
    def __init__(self, key: str, first, again):
        super().__init__(None, None, f"{key!r} is given twice", again)
        self.key, self.first = key, first


class _KeysOnce:
    """A key given twice in one mapping is an error at its second line.

    PyYAML keeps the last and drops the first without a word: ``status: withdrawn`` above
    ``status: published`` in one participant, or two ``name:`` lines, and the file means what its
    writer did not see."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise _RepeatedKey(key_node.value, seen[key], key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


class _Loader(_KeysOnce, _Dates, yaml.SafeLoader):
    """PyYAML's safe loader, with :class:`_Dates`: its messages name what is wrong."""


class _FastLoader(_KeysOnce, _Dates, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same values with libyaml's parser where PyYAML has it: 30 times faster on a transcript's
    front matter (9 -> 0.3 ms), which every save at the editors' desk reads."""


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _loader.construct_yaml_timestamp)


def load_yaml(text: str, path: Path, error: type[GesprekkenError], first_line: int = 1) -> Any:
    """Parse YAML a person wrote (a programme, a thesaurus, a transcript's front matter).

    Args:
        path: the file, for the messages.
        error: the error to raise, the one of the caller's stage.
        first_line: the line of the file on which ``text`` starts.

    Raises:
        GesprekkenError: ``error``, naming the file and the line an editor shows, what is wrong in
            plain words (a colon in a value, a tab, a quote or bracket left open, an indentation) and
            what to do; a key given twice in one mapping; or a date that does not exist.
    """
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        pass  # read again by PyYAML's own parser, whose messages the ones below are worded on
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        if isinstance(e, _ImpossibleDate):
            line = first_line + e.problem_mark.line
            dutch = f"de datum {e.value} bestaat niet; {DUTCH_DATE_ADVICE}"
            raise _refusal(error, path, line, f"{e.problem}; {DATE_ADVICE}", dutch) from None
        if isinstance(e, _RepeatedKey):
            line, first = first_line + e.problem_mark.line, first_line + e.first.line
            raise _refusal(
                error,
                path,
                line,
                f"{e.key!r} is given twice in one place (also on line {first}), and only one would be read; keep "
                "the one you mean and delete the other",
                f"{e.key!r} staat twee keer op één plaats (ook op regel {first}), en maar één wordt gelezen; houd de "
                "regel die je bedoelt en verwijder de andere",
            ) from None
        if isinstance(e, yaml.reader.ReaderError):
            # PyYAML refuses control characters (a word processor's Shift+Enter is U+000B) before it parses
            raise _refusal(
                error,
                path,
                first_line + text.count(chr(10), 0, e.position),
                f"the line holds an invisible character (U+{e.character:04X}), pasted from a word processor "
                "perhaps; delete it, or type the line again",
                f"de regel bevat een onzichtbaar teken (U+{e.character:04X}), misschien geplakt uit een "
                "tekstverwerker; verwijder het, of typ de regel opnieuw",
            ) from None
        index, advice, dutch = _yaml_advice(e, text.splitlines())
        raise _refusal(error, path, first_line + index, advice, dutch) from None


def _refusal(error: type[GesprekkenError], path: Path, line: int, advice: str, dutch: str) -> GesprekkenError:
    """``error`` for YAML that does not read at ``line`` of ``path``: in English for the commands, and in Dutch for
    the editors' desk (:attr:`GesprekkenError.in_dutch`), which said PyYAML's kind of English in a Dutch page."""
    refused = error(f"{path} line {line}: {advice}")
    refused.in_dutch = f"{Path(path).name} regel {line}: {dutch}"
    return refused


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of YAML that :func:`load_yaml` read (for line numbers), by the parser that read it:
    libyaml where PyYAML has it, which takes what PyYAML's own parser refuses (".\t")."""
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)


#: Characters that mean something to YAML at the start of a value: "title: @home" is refused.
_RESERVED = tuple("@`%*!|>?&")


def _yaml_advice(e: yaml.YAMLError, lines: list[str]) -> tuple[int, str, str]:
    """Where a person's YAML broke (an index into ``lines``) and what to do, in an organiser's words: in English
    and in Dutch (for the editors' desk).

    PyYAML's own words ("mapping values are not allowed here", "expected <block end>") name its
    parser's states; and where something opened is never closed, its mark is the end of the file,
    not the line that opened it (the context's mark is), so both are translated here.
    """
    problem, context = str(getattr(e, "problem", "") or ""), str(getattr(e, "context", "") or "")
    opened = context.startswith(("while scanning a quoted", "while parsing a flow", "while scanning a simple key"))
    mark = getattr(e, "context_mark", None) if opened else None
    mark = mark or getattr(e, "problem_mark", None)
    index = mark.line if mark else 0
    while index > 0 and (index >= len(lines) or not lines[index].strip()):
        index -= 1  # a mark at the end of the file: the last line written is the one left open
    line = lines[index].strip() if index < len(lines) else ""
    key, colon, value = line.removeprefix("-").strip().partition(": ")
    if not colon:
        key, value = "", key
    written = f"{key}: {_quoted(value)}" if key else _quoted(value)
    never_closed = (
        "a quotation mark on this line is never closed; close it, or take it out",
        "een aanhalingsteken op deze regel wordt nergens gesloten; sluit het, of haal het weg",
    )
    if "'\\t'" in problem:
        return (
            index,
            "the line is indented with a tab; indent it with spaces",
            "de regel springt in met een tab; spring in met spaties",
        )
    if context.startswith("while scanning a quoted"):
        return index, *never_closed
    if context.startswith("while parsing a flow"):
        opener, closer = ("{", "}") if line.rfind("{") > line.rfind("[") else ("[", "]")
        return (
            index,
            f"a '{opener}' on this line is never closed with '{closer}'; close it, "
            f"or put the value in quotes if the '{opener}' belongs to the text",
            f"een '{opener}' op deze regel wordt nergens gesloten met '{closer}'; sluit hem, "
            f"of zet de waarde tussen aanhalingstekens als de '{opener}' bij de tekst hoort",
        )
    if context.startswith("while scanning a simple key"):
        return (
            index,
            "the line has text without a key; put a key in front (like 'role: '), or join it to the line above",
            "de regel heeft tekst zonder sleutel; zet er een sleutel voor (zoals 'role: '), of voeg hem bij de regel "
            "erboven",
        )
    if value.startswith(_RESERVED):
        return (
            index,
            f"the value starts with '{value[0]}', which means something else in YAML; put the value in quotes, "
            f"like {written}",
            f"de waarde begint met '{value[0]}', dat in YAML iets anders betekent; zet de waarde tussen "
            f"aanhalingstekens, zoals {written}",
        )
    if problem == "mapping values are not allowed here" and ": " in value:
        return (
            index,
            "the value holds a colon and a space, which YAML reads as a new key; put the value in quotes, "
            f"like {written}",
            "de waarde bevat een dubbele punt met een spatie, die YAML als een nieuwe sleutel leest; zet de waarde "
            f"tussen aanhalingstekens, zoals {written}",
        )
    if "'<scalar>'" in problem:
        # "date: '2026-11-05" left open runs on to the next quotation mark, lines below, where the parser stops:
        # the line that opened it is the first above with a quotation mark it does not close
        opened_at = next((i for i in range(index) if _opens_a_quote(lines, i)), None)
        if opened_at is not None:
            return opened_at, *never_closed
    if "'<scalar>'" in problem and value.startswith(("'", '"')):
        return (
            index,
            f"text follows the closing quotation mark; put the whole value in quotes, like {written}",
            f"er staat tekst na het sluitende aanhalingsteken; zet de hele waarde tussen aanhalingstekens, zoals "
            f"{written}",
        )
    above = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
    if above is not None and re.match(r"\s*-[^\s-]", lines[above]) and problem.startswith("mapping values"):
        return (
            above,
            "a '-' that starts a list item needs a space after it; add one, like '- title: ...'",
            "na een '-' waarmee een item van een lijst begint hoort een spatie; zet er een, zoals '- title: ...'",
        )
    if problem.startswith("expected <block end>") or problem == "mapping values are not allowed here":
        return (
            index,
            "the line is indented differently from the lines it belongs with; indent it with spaces, "
            "exactly as far as the other keys of its entry",
            "de regel springt anders in dan de regels waar hij bij hoort; spring in met spaties, precies zo ver als "
            "de andere sleutels van zijn item",
        )
    return (
        index,
        "the file's layout breaks here; indent with spaces as the lines above do, put a space after each ':', "
        "and put a value in quotes when it holds ': ' or starts with a sign",
        "de opbouw van het bestand breekt hier; spring in met spaties zoals de regels erboven, zet een spatie na "
        "elke ':', en zet een waarde tussen aanhalingstekens als die ': ' bevat of met een teken begint",
    )


#: A YAML line whose value starts with a quotation mark: "date: '2026-11-05", "- 'stelt zich voor: ...'".
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[\w.-]+:\s+)?(['"])(.*)$""")
#: A line that starts a key or a list item: where a quoted value of the line before ended, if it was closed.
_NEW_ITEM = re.compile(r"^\s*(?:-\s|[\w.-]+:(?:\s|$))")


def _opens_a_quote(lines: list[str], index: int) -> bool:
    """Whether the value on ``lines[index]`` starts with a quotation mark that it does not close, and the next line
    starts a key or an item ("date: '2026-11-05" above "status: internal"); not a long quoted value that YAML
    wrote over two lines, which the next line goes on with."""
    match = _QUOTED_VALUE.match(lines[index])
    if not match:
        return False
    mark, rest = match[1], match[2]
    closed = "'" in rest.replace("''", "") if mark == "'" else bool(re.search(r'(?<!\\)"', rest))
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    return not closed and bool(_NEW_ITEM.match(following))


def _quoted(value: str) -> str:
    return f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
