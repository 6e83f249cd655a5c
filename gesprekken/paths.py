"""Where gesprekken keeps its files (the data directory, transcripts, the database) and how it
reads and writes the ones people edit."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
