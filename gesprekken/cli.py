"""The gesprekken command line: parses options, calls the library, draws progress."""

import functools
import json
import os
import shutil
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

import click

from . import __version__
from .errors import GesprekkenError
from .paths import DEFAULT_DB, DEFAULT_TRANSCRIPTS

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
        help="Thesaurus of themes (YAML); default: the one shipped with gesprekken.",
    )(fn)


def quiet_option(fn):
    return click.option("--quiet", "-q", is_flag=True, help="No progress bars.")(fn)


def user_errors(fn):
    """Turn the library's errors into one-line messages without a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GesprekkenError as e:
            raise click.ClickException(str(e)) from e

    return wrapper


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="gesprekken")
def cli():
    """Turn recorded Dutch conference conversations into a searchable knowledge base.

    \b
    Example:
        gesprekken ingest opnames/ --programme programma.csv
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


@cli.command()
@click.argument("recordings", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--programme",
    "-p",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Conference programme (CSV or YAML): titles and participants.",
)
@click.option("--language", "-l", default="nl", show_default=True, help="Language spoken in the recordings.")
@click.option("--sample", is_flag=True, help="Ingest the sample conversation that ships with gesprekken.")
@click.option("--threads", type=int, default=0, help="CPU threads for Whisper (0: all cores).")
@click.option(
    "--speakers",
    "num_speakers",
    type=click.IntRange(1, 8),
    default=None,
    help="How many people speak, when you know it (default: found from the voices).",
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
    db_path,
    transcripts,
    model,
    thesaurus,
    quiet,
):
    """Transcribe recordings into transcripts/ and load them into the database.

    RECORDINGS are audio or video files (mp3, m4a, wav, ogg, flac, mp4) or folders of
    them. A recording ingested before (same bytes) is not transcribed again: its
    transcript, with any edits, is loaded as it is.

    \b
    Example:
        gesprekken ingest opnames/tafel-3.m4a --programme programma.yaml
        gesprekken ingest opnames/ --programme programma.csv
        gesprekken ingest --sample
    """
    from .audio import find_recordings
    from .ingest import Ingester
    from .programme import read_programme

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
    parsed_programme = read_programme(programme) if programme else None
    if thesaurus:
        from .analyse import read_thesaurus

        read_thesaurus(thesaurus)  # refuse a broken thesaurus before any work
    failures = []
    expanded = []
    for path in paths:
        try:
            expanded.extend(find_recordings([path]))
        except GesprekkenError as e:
            failures.append((path, e))
            click.echo(f"Error: {e}", err=True)
    show_progress = not quiet and sys.stderr.isatty()
    ingester = Ingester(
        db_path,
        transcripts,
        model,
        language,
        parsed_programme,
        threads,
        diarization=not no_diarization,
        num_speakers=num_speakers,
        thesaurus=thesaurus,
        vocabulary=not no_vocabulary,
    )
    done = 0
    for number, path in enumerate(expanded, start=1):
        progress = _Progress(f"[{number}/{len(expanded)}] {path.name}", show_progress)
        try:
            outcome = ingester.ingest(path, only_recording=len(expanded) == 1, on_progress=progress)
        except GesprekkenError as e:
            progress.close()
            failures.append((path, e))
            click.echo(f"Error: {e}", err=True)
            continue
        progress.close()
        done += 1
        for note in outcome.notes:
            click.echo(note, err=True)
        for speaker in outcome.unnamed:
            click.echo(
                f"{path.name}: {speaker} could not be named with confidence; name it with "
                f"'gesprekken speakers {outcome.conversation_id} --rename \"{speaker}=Naam\"'",
                err=True,
            )
        if not quiet:
            click.echo(f"{outcome.status}: {path} -> {outcome.transcript}")
    if failures:
        raise click.ClickException(
            f"{done} of {done + len(failures)} recordings ingested; failed: "
            + ", ".join(str(path) for path, _ in failures)
        )


@cli.command()
@db_option
@transcripts_option
@thesaurus_option
@quiet_option
@user_errors
def load(db_path, transcripts, thesaurus, quiet):
    """Rebuild the database from the transcript files, without Whisper.

    Run it after editing transcripts/. Conversations whose transcript was deleted are
    removed; a transcript that does not parse is reported and its old rows are kept.

    \b
    Example:
        gesprekken load --db gesprekken.db --transcripts transcripts/
    """
    from .storage import load_folder, open_db

    if not transcripts.is_dir():
        raise click.ClickException(f"The transcripts folder {transcripts} does not exist; ingest a recording first")
    from .analyse import read_thesaurus

    read_thesaurus(thesaurus)
    result = load_folder(open_db(db_path), transcripts, thesaurus)
    for error in result.failed:
        click.echo(f"Error: {error}", err=True)
    if not quiet:
        click.echo(f"loaded {len(result.loaded)} conversations, removed {len(result.removed)} into {db_path}")
    if result.failed:
        raise click.ClickException(f"{len(result.failed)} transcripts could not be read; fix them and run load again")


@cli.command()
@db_option
@transcripts_option
@click.option(
    "--recordings",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The only folder recordings are played from (default: recordings/ beside transcripts/).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", default=8001, show_default=True, type=int, help="Port to listen on.")
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

    if not db_path.exists():
        raise click.ClickException(f"The database {db_path} does not exist; run 'gesprekken ingest' first")
    public_db = None
    if public:
        if os.environ.get(PASSWORD_ENV):
            check_editor_password_hash(os.environ[PASSWORD_ENV])
        from .publish import build_public_copy

        public_db = build_public_copy(db_path)
        click.echo(f"public copy, checked: {public_db}", err=True)
        if not os.environ.get(PASSWORD_ENV):
            click.echo(
                f"no editor login: the full database stays closed to everyone until {PASSWORD_ENV} "
                "holds a password hash (make one with `datasette hash-password`)",
                err=True,
            )
    with tempfile.TemporaryDirectory() as tmp:
        metadata_path = Path(tmp) / "metadata.json"
        recordings = recordings or transcripts.parent / "recordings"
        metadata_path.write_text(json.dumps(metadata(db_path, recordings, transcripts, public_db), ensure_ascii=False))
        datasette_cli.main(datasette_args(db_path, metadata_path, host, port, public_db), prog_name="datasette")


@cli.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@db_option
@transcripts_option
@click.option(
    "--recordings",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder recordings are taken from (default: recordings/ beside transcripts/).",
)
@user_errors
def publish(target, db_path, transcripts, recordings):
    """Write the public knowledge base to a folder that serves it anywhere.

    TARGET gets the checked public copy of the database (only published conversations and
    participants), their recordings, Datasette's metadata and a README with the commands to
    serve it (Datasette finds gesprekken's plugins in the installed package): the database is
    immutable, so any number of Datasette processes can serve the same folder. Running publish
    again replaces the folder whole.

    \b
    Example:
        gesprekken publish site/
        cd site && datasette serve -i gesprekken.db --metadata metadata.json
    """
    from .publish import write_site

    if not db_path.exists():
        raise click.ClickException(f"The database {db_path} does not exist; run 'gesprekken ingest' first")
    written = write_site(db_path, transcripts, recordings or transcripts.parent / "recordings", target)
    click.echo(
        f"published {written['conversations']} conversations and {written['recordings']} recordings "
        f"into {target}; serve it with the commands in {target / 'README.md'}"
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
@db_option
@transcripts_option
@user_errors
def speakers(conversation, rename, merge, db_path, transcripts):
    """List a conversation's speakers, or rename and merge them.

    CONVERSATION is an id (or its first characters), a transcript file name or a title.
    Renaming edits the transcript (turn headings and the speakers block) and updates the
    database; the named voice is then recognised in later recordings.

    \b
    Example:
        gesprekken speakers 1ef18611
        gesprekken speakers 1ef18611 --rename "Spreker 2=Joost de Boer"
        gesprekken speakers wederkerigheid-in-de-wijk --merge "Spreker 3=Joost de Boer"
    """
    from .analyse import analyse
    from .corrections import find_transcript, parse_pairs, rename_speaker, summarise
    from .storage import open_db, store
    from .transcript import read

    path = find_transcript(transcripts, conversation)
    changes = [(old, new, False) for old, new in parse_pairs(rename, "--rename")]
    changes += [(old, new, True) for old, new in parse_pairs(merge, "--merge")]
    for old, new, is_merge in changes:
        rename_speaker(path, old, new, merge=is_merge)
        click.echo(f"{'merged' if is_merge else 'renamed'} {old} -> {new} in {path}")
    current = read(path)
    if changes:
        store(open_db(db_path), current, path.name, analyse(current))
    for s in summarise(current):
        unnamed = "  (niet benoemd: controleer)" if s.label == s.speaker else ""
        click.echo(f'{s.speaker}\t{s.turns} beurten\tzekerheid {s.confidence:.2f}{unnamed}\t"{s.first_words} …"')


@cli.command()
@click.argument("conversations", nargs=-1)
@db_option
@transcripts_option
@thesaurus_option
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
    from .analyse import analyse as analyse_conversation
    from .analyse import read_thesaurus
    from .corrections import find_transcript
    from .storage import open_db, store_analysis, store_themes, transcript_files
    from .transcript import read

    themes = read_thesaurus(thesaurus)
    paths = [find_transcript(transcripts, c) for c in conversations] or transcript_files(transcripts)
    db = open_db(db_path)
    loaded = {row["id"] for row in db.query("SELECT id FROM conversations")}
    results = []
    for path in paths:
        conversation = read(path)
        if conversation.id not in loaded:
            raise click.ClickException(f"{path.name} is not in {db_path}; run 'gesprekken load' first")
        results.append((conversation, analyse_conversation(conversation, thesaurus)))
    with db.atomic():
        store_themes(db, themes)
        for conversation, result in results:
            store_analysis(db, conversation, result)
    if not quiet:
        for conversation, result in results:
            themes_found = sorted({t for ts in result.turn_themes for t in ts})
            headline = result.headline.text if result.headline else "-"
            click.echo(
                f"{conversation.id} {conversation.title}: {len(themes_found)} themes, "
                f"{len(result.quotes)} quotes, {len(result.action_points)} action points; "
                f'headline: "{headline}"'
            )


# Command groups kept in modules of their own register themselves on `cli`.
from . import cli_consent, cli_export  # noqa: E402,F401
