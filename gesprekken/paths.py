"""Where gesprekken keeps its files: the data directory, transcripts and the database."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
