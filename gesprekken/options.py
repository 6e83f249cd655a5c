"""Click options shared by the command groups, in a module of their own so that no command
module imports the CLI back."""

import errno
import functools
import shlex
import sqlite3
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from .errors import GesprekkenError
from .paths import DEFAULT_DB, DEFAULT_TRANSCRIPTS, full_disk_as_error

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class CommandGroup(click.Group):
    """The group of the commands: an argument that starts with ``-`` (a recording ``-dash.wav``) is read as options
    by Click, whose "No such option '-d'" said nothing of the file; the message says how to pass it now."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["gesprekken.arguments"] = list(args)  # (shared with the subcommands' contexts)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            given = ctx.meta.get("gesprekken.arguments", [])
            given = given[: given.index("--")] if "--" in given else given
            command = e.ctx.command if e.ctx else None
            if command is None or not any(isinstance(p, click.Argument) for p in command.params):
                raise
            if isinstance(e, click.NoSuchOption):
                typed = _typed_as_option(e.option_name, given)
                if not typed or len(typed) <= 2 or (typed.startswith("--") and not Path(typed).exists()):
                    raise
            else:
                # a short option that takes a value took the rest of the file's name as it ("-middag.wav": -m, the
                # model "iddag.wav"), and the command then missed its argument: a reviewer's read
                typed = next((a for a in given if a[:1] == "-" and a[1:2] not in ("-", "") and Path(a).is_file()), None)
                if not typed:
                    raise
            # quoted as a shell reads it: "-mijn opname.wav" pasted unquoted was two arguments (a helper's attack)
            e.message += (
                f" If {typed} is a file name or another argument, not an option, put -- before it (after the "
                f"options): {e.ctx.command_path} -- {shlex.quote(typed)}"
                + (f", or write it as {shlex.quote(f'./{typed}')}" if Path(typed).exists() else "")
            )
            raise


def _typed_as_option(option: str, given: list[str]) -> str | None:
    """The argument among ``given`` that Click read as the unknown ``option`` (``-dash.wav`` for ``-d``)."""
    for argument in given:
        if argument == option or argument.startswith(f"{option}="):
            return argument
        if not option.startswith("--") and argument.startswith("-") and not argument.startswith("--"):
            if option[1:] in argument[1:]:
                return argument
    return None


def _option(*declarations, **attributes):
    """A reusable ``click.option`` decorator."""
    return functools.partial(click.option(*declarations, **attributes))


def _path_option(flag: str, dest: str, *, folder: bool, default: str, envvar: str, help: str):
    kind = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return _option(flag, dest, type=kind, default=default, envvar=envvar, show_default=True, help=help)


db_option = _path_option(
    "--db", "db_path", folder=False, default=DEFAULT_DB, envvar="GESPREKKEN_DB", help="SQLite database file."
)
transcripts_option = _path_option(
    "--transcripts",
    "transcripts",
    folder=True,
    default=DEFAULT_TRANSCRIPTS,
    envvar="GESPREKKEN_TRANSCRIPTS",
    help="Folder of transcript files, the source of truth.",
)
recordings_option = _option(
    "--recordings",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder recordings are played and published from (default: recordings/ beside transcripts/).",
)
model_option = _option(
    "--model",
    "-m",
    envvar="GESPREKKEN_MODEL",
    default=None,
    metavar="NAME|FOLDER",
    help="Whisper model: 'base' (packaged, the default), a faster-whisper model name, or a local folder.",
)
thesaurus_option = _option(
    "--thesaurus",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="GESPREKKEN_THESAURUS",
    default=None,
    help="Thesaurus of themes (YAML), remembered by the workspace for later commands; "
    "'packaged' for the one shipped with gesprekken (the default).",
)
quiet_option = _option("--quiet", "-q", is_flag=True, help="No progress (bars on a terminal, lines elsewhere).")
yes_option = _option("--yes", is_flag=True, help="Act even where the person's name rests on uncertain naming.")


def workspace_options(fn):
    """--db, --transcripts and --thesaurus: what a command needs to open its Workspace."""
    return db_option(transcripts_option(thesaurus_option(fn)))


def user_errors(fn):
    """Turn the library's errors, and a full disk, into one-line messages without a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        db_path = kwargs.get("db_path") or Path(DEFAULT_DB)
        try:
            with full_disk_as_error(db_path):
                return fn(*args, **kwargs)
        except GesprekkenError as e:
            raise click.ClickException(str(e)) from e
        except sqlite3.OperationalError as e:
            if "readonly" in str(e) or "unable to open" in str(e):
                # a read-only database or folder (an attack, session 57: a traceback, also for an export)
                raise click.ClickException(
                    f"The database {db_path} cannot be opened for writing ({e}): it or its folder is read-only; make "
                    f"both writable (chmod u+w), or pass --db with a database you may write, and run this again"
                ) from e
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            raise click.ClickException(
                f"The database {db_path} stayed busy (another command or the editors' desk was writing it); "
                "run this command again when the other is done"
            ) from e
        except KeyboardInterrupt:
            # Click's "Aborted!" said nothing of what was kept (an attack, session 57: Ctrl-C during load and export):
            # every file is written whole or not at all, and the database per conversation, as ingest says too
            click.echo(
                "Stopped by Ctrl-C: nothing was left half-written (each file and each conversation in the database is "
                "whole, as before or as done); run the command again to finish it",
                err=True,
            )
            sys.exit(130)
        except PermissionError as e:
            # a transcript or its folder made read-only (chattr +i, chmod): a traceback before (an attack, session 57)
            written = Path(e.filename or "")
            if written.name.startswith(".") and written.name.endswith(".tmp") and not written.exists():
                # the temporary file a file is written through (atomic_write): named, it was one the user could not
                # find, let alone chmod ("No permission for transcripts/..gesprekken-exports.json.ut3f3lf6.tmp"; a
                # helper's attack, session 60); the folder is what to make writable
                raise click.ClickException(
                    f"No permission to write in the folder {written.parent}: {e.strerror or e} (it is read-only, "
                    "locked or not yours); give yourself permission to write in it (chmod u+w, or chattr -i) and run "
                    "this command again"
                ) from e
            raise click.ClickException(
                f"No permission for {e.filename or 'a file'}: {e.strerror or e} (it or its folder is read-only, locked "
                "or not yours); give yourself permission to read and write it (chmod u+rw, or chattr -i) and run this "
                "command again"
            ) from e
        except OSError as e:
            if e.errno != errno.EROFS:
                raise
            # a folder or an export on a file system mounted read-only (a USB stick, a share): OSError, no
            # PermissionError, so a traceback and nothing done (a reviewer's read, session 61: forget's look at an
            # export there)
            raise click.ClickException(
                f"{e.filename or 'A file'} is on a file system mounted read-only; mount it writable (or copy what this "
                "command needs to a disk you may write) and run this command again"
            ) from e
        except sqlite3.DatabaseError as e:
            if "malformed" not in str(e) and "not a database" not in str(e):
                raise
            # a database cut short or overwritten gave a traceback (an attack, session 56); it is rebuilt from the
            # transcripts, but the desk's history and what else only it holds is lost with it: the user's choice
            raise click.ClickException(
                f"The database {db_path} is damaged ({e}); move it aside (mv {db_path} {db_path}.damaged) and run "
                "'gesprekken load' to rebuild it from the transcripts (the desk's history, voice profiles, settings "
                "and its memory of withdrawals are not in the transcripts: restore a backup of it instead if you have "
                "one)"
            ) from e

    return wrapper


def open_workspace(transcripts, db_path, recordings=None, thesaurus=None, *, makes_database=False):
    """The command's :class:`gesprekken.Workspace`, closed when the command ends (so its database
    connection does not outlive the command, as it would in a test runner's process).

    A database named by --db or GESPREKKEN_DB that is not there is refused in one sentence, before anything is
    changed, by every command but those that make one (``makes_database``: ingest, load): with a typo in --db,
    publication, forget and speakers changed the transcripts alone with exit 0 while the database the site is
    served from kept what they took back, and export recorded its file where forget, given the right one, does
    not look (a helper's attack, session 60). Without either, transcripts alone are a workspace still (an
    export, a status or a programme before the first load); serve, publish and analyse ask for the database."""
    from .publish import remove_leftover_copies
    from .workspace import Workspace

    workspace = Workspace(transcripts, db_path, recordings, thesaurus)
    named = click.get_current_context().get_parameter_source("db_path") not in (None, ParameterSource.DEFAULT)
    if named and not makes_database:
        workspace._require_db()
    remove_leftover_copies(workspace.db_path)  # what a build of the public copy killed mid-way left
    context = click.get_current_context()
    context.call_on_close(workspace.close)
    context.call_on_close(lambda: _say_reverted(workspace))  # (before the close: the last registered runs first)
    return workspace


def _say_reverted(workspace) -> None:
    """Say the desk corrections a command's store found undone by the transcript, as load says them."""
    from .storage import reverted_said

    for name, *turn in workspace.reverted:
        click.echo(f"Note: {reverted_said(name, *turn)}", err=True)
