"""`gesprekken export`: article drafts, subtitles and data, from the edited transcripts."""

import os
from pathlib import Path

import click

from .options import db_option, open_workspace, transcripts_option, user_errors, workspace_options

ARTICLE_FORMATS = ("md", "docx", "html")
SUBTITLE_FORMATS = ("srt", "vtt")
DATA_FORMATS = ("json", "csv", "xlsx")


def _report(export) -> None:
    """Say what consent left out of an export, and where it went."""
    for line in export.left_out:
        click.echo(f"Warning: left out, no consent to publish: {line}", err=True)
    for line in export.notes:
        click.echo(f"Note: {line}", err=True)
    click.echo(f"wrote {export.path}")


def force_option(fn):
    return click.option(
        "--force",
        is_flag=True,
        help="Replace the output file even where gesprekken did not write it or it changed since (an edited draft).",
    )(fn)


def unpublished_option(fn):
    return click.option(
        "--include-unpublished",
        is_flag=True,
        help="Include conversations and participants marked internal (never withdrawn ones).",
    )(fn)


def _output(path: Path | None, default: str) -> Path:
    """The output file, checked before any work: its folder must exist and be writable."""
    path = path or Path(default)
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise click.ClickException(f"Cannot write {path}: {folder} is a file, not a folder; pass another -o")
    if not folder.is_dir():
        raise click.ClickException(
            f"Cannot write {path}: the folder {folder} does not exist; create it or pass another -o"
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.ClickException(f"Cannot write {path}: no permission; pass -o with a path you may write to")
    if path.is_dir():
        raise click.ClickException(f"Cannot write {path}: it is a folder; pass -o with a file name")
    return path


def _format(fmt: str | None, output: Path | None, choices: tuple[str, ...], default: str) -> str:
    """The format to write: the one ``-o``'s suffix names (which ``--format``, if given, must be),
    else ``--format``, else ``default``. Checked before any work: a suffix that names no format the
    command writes, or another one than ``--format``, would put one format in a file named for another.
    """
    suffix = output.suffix.lower().lstrip(".") if output else ""
    if not suffix:
        return fmt or default
    names = [f".{choice}" for choice in choices]
    listed = f"{', '.join(names[:-1])} or {names[-1]}"
    if suffix not in choices:
        raise click.ClickException(
            f"Cannot write {output}: .{suffix} is no format this export writes; name the file {listed} "
            "(the format follows the suffix)"
        )
    if fmt and fmt != suffix:
        raise click.ClickException(
            f"Cannot write {output}: --format is {fmt} but the file is named .{suffix}; name the file .{fmt}, "
            f"or leave --format out to write {suffix}"
        )
    return suffix


@click.group()
def export():
    """Export article drafts, subtitles and data from the edited transcripts.

    \b
    Example:
        gesprekken export article 1ef18611 --format docx -o artikel.docx
        gesprekken export subtitles 1ef18611 --format vtt
        gesprekken export data --format csv -o citaten.csv
    """


@export.command()
@click.argument("conversations", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(ARTICLE_FORMATS), help="Default: the suffix of -o, else md.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: artikel.FORMAT).")
@click.option("--title", help="The article's title (default: the conference, else a placeholder; of one, its title).")
@click.option("--intro", help="The intro paragraph (default: a placeholder to fill in).")
@click.option("--box/--no-box", default=True, show_default=True, help="End with the themes and action points.")
@unpublished_option
@force_option
@workspace_options
@user_errors
def article(conversations, fmt, output, title, intro, box, include_unpublished, force, transcripts, thesaurus, db_path):
    """Write an article draft in the house style of the conference magazine.

    Per conversation: the headline quote as heading, a line per participant (name, role,
    organisation), then the dialogue with the speaker's full name on their first turn and
    the surname after. Without CONVERSATIONS, every transcript goes into one article.

    \b
    Example:
        gesprekken export article 1ef18611 -o artikel.md
        gesprekken export article --format docx --title "Woonconferentie 2026" -o congres.docx
    """
    fmt = _format(fmt, output, ARTICLE_FORMATS, "md")
    path = _output(output, f"artikel.{fmt}")
    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus)
    _report(workspace.export_article(path, conversations, fmt, title, intro, box, include_unpublished, force=force))


@export.command()
@click.argument("conversation")
@click.option("--format", "fmt", type=click.Choice(SUBTITLE_FORMATS), help="Default: the suffix of -o, else vtt.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: ID.FORMAT).")
@unpublished_option
@force_option
@transcripts_option
@db_option
@click.option(
    "--speakers/--no-speakers",
    default=True,
    show_default=True,
    help="Open the first cue after each change of speaker with who speaks ('Joost de Boer: ...').",
)
@user_errors
def subtitles(conversation, fmt, output, include_unpublished, force, transcripts, db_path, speakers):
    """Write subtitles for one conversation, aligned to the words' times.

    At most two lines of 42 characters per cue, cut at a full stop or comma where it can
    and never inside a name; where the speaker changes, the cue opens with who speaks
    ("Joost de Boer: ..."; --no-speakers for a video that shows them), and WebVTT names
    each cue's speaker in a voice tag too.

    \b
    Example:
        gesprekken export subtitles 1ef18611 --format srt -o gesprek.srt
    """
    fmt = _format(fmt, output, SUBTITLE_FORMATS, "vtt")
    workspace = open_workspace(transcripts, db_path)
    path = _output(output, f"{workspace.read(conversation).id}.{fmt}")
    _report(workspace.export_subtitles(path, conversation, fmt, include_unpublished, force=force, speakers=speakers))


@export.command()
@click.argument("conversations", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(DATA_FORMATS), help="Default: the suffix of -o, else json.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: gesprekken.FORMAT).")
@unpublished_option
@force_option
@workspace_options
@user_errors
def data(conversations, fmt, output, include_unpublished, force, transcripts, thesaurus, db_path):
    """Write the quotes and action points with speaker, organisation, themes and times.

    \b
    Example:
        gesprekken export data --format csv -o citaten.csv
    """
    fmt = _format(fmt, output, DATA_FORMATS, "json")
    path = _output(output, f"gesprekken.{fmt}")
    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus)
    _report(workspace.export_data(path, conversations, fmt, include_unpublished, force=force))
