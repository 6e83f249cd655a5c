"""Click options shared by the command groups, in a module of their own so that no command
module imports the CLI back."""

import functools
from pathlib import Path

import click

from .errors import GesprekkenError
from .paths import DEFAULT_DB, DEFAULT_TRANSCRIPTS, full_disk_as_error

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def db_option(fn):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        envvar="GESPREKKEN_DB",
        show_default=True,
        help="SQLite database file.",
    )(fn)


def transcripts_option(fn):
    return click.option(
        "--transcripts",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_TRANSCRIPTS,
        envvar="GESPREKKEN_TRANSCRIPTS",
        show_default=True,
        help="Folder of transcript files, the source of truth.",
    )(fn)


def recordings_option(fn):
    return click.option(
        "--recordings",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="The folder recordings are played and published from (default: recordings/ beside transcripts/).",
    )(fn)


def model_option(fn):
    return click.option(
        "--model",
        "-m",
        envvar="GESPREKKEN_MODEL",
        default=None,
        metavar="NAME|FOLDER",
        help="Whisper model: 'base' (packaged, the default), a faster-whisper model name, or a local folder.",
    )(fn)


def thesaurus_option(fn):
    return click.option(
        "--thesaurus",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="GESPREKKEN_THESAURUS",
        default=None,
        help="Thesaurus of themes (YAML), remembered by the workspace for later commands; "
        "'packaged' for the one shipped with gesprekken (the default).",
    )(fn)


def quiet_option(fn):
    return click.option("--quiet", "-q", is_flag=True, help="No progress bars.")(fn)


def user_errors(fn):
    """Turn the library's errors, and a full disk, into one-line messages without a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            with full_disk_as_error(kwargs.get("db_path") or Path(DEFAULT_DB)):
                return fn(*args, **kwargs)
        except GesprekkenError as e:
            raise click.ClickException(str(e)) from e

    return wrapper
