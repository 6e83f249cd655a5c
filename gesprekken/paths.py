"""Where gesprekken keeps its files (the data directory, transcripts, the database) and how it
reads and writes the ones people edit."""

import datetime
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .errors import GesprekkenError

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


@contextmanager
def atomic_write(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block succeeds.

    A crash or an exception leaves ``path`` as it was: never half-written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    # mkstemp makes the file private (0600); give it the mode the file had, or the usual one.
    if path.exists():
        permissions = path.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        permissions = 0o666 & ~umask
    os.chmod(tmp, permissions)
    try:
        with open(fd, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        raise error(f"{path} is not UTF-8 text (byte {e.start}); {advice}") from None


#: What to do about a date that does not exist.
DATE_ADVICE = "write a date that exists, as YYYY-MM-DD"


def impossible_date(text: str) -> str | None:
    """Why ``text``, written as a date (``2016-02-30``), is none; None for a real date or other text."""
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[Tt ])", text.strip())
    if match:
        try:
            datetime.date(*map(int, match.groups()))
        except ValueError as e:
            return f"the date {text.strip()} does not exist ({e})"
    return None


class _ImpossibleDate(yaml.constructor.ConstructorError):
    pass


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, but an unquoted date that does not exist is an error at its line.

    PyYAML itself raises a bare ValueError there, with no line: a traceback for the user.
    """

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as e:
            problem = impossible_date(node.value) or f"the time {node.value} does not exist ({e})"
            raise _ImpossibleDate(None, None, problem, node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(text: str, path: Path, error: type[GesprekkenError], first_line: int = 1) -> Any:
    """Parse YAML a person wrote (a programme, a thesaurus, a transcript's front matter).

    Args:
        path: the file, for the messages.
        error: the error to raise, the one of the caller's stage.
        first_line: the line of the file on which ``text`` starts.

    Raises:
        GesprekkenError: ``error``, naming the file and line: not valid YAML, or a date that does not exist.
    """
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        if isinstance(e, _ImpossibleDate):
            raise error(f"{path} line {line}: {e.problem}; {DATE_ADVICE}") from None
        raise error(f"{path} line {line}: not valid YAML ({getattr(e, 'problem', e)}); fix it") from None
