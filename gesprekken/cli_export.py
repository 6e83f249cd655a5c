"""`gesprekken export`: article drafts, subtitles and data, from the edited transcripts."""

import os
from pathlib import Path

import click

from .cli import cli, db_option, thesaurus_option, transcripts_option, user_errors


def _conversations(transcripts: Path, references: tuple[str, ...], include_unpublished: bool):
    """The named conversations (or all), as far as consent allows, with a warning for the rest."""
    from .corrections import find_transcript
    from .export import left_out, publishable
    from .storage import transcript_files
    from .transcript import read

    paths = [find_transcript(transcripts, ref) for ref in references] if references else transcript_files(transcripts)
    if not paths:
        raise click.ClickException(f"{transcripts} holds no transcripts; ingest a recording first")
    conversations = [read(path) for path in paths]
    warnings = left_out(conversations, include_unpublished)
    for line in warnings:
        click.echo(f"Warning: left out, no consent to publish: {line}", err=True)
    if warnings and not include_unpublished:
        click.echo(
            "Pass --include-unpublished to include internal material; withdrawn consent is never included.", err=True
        )
    kept = [c for c in (publishable(c, include_unpublished) for c in conversations) if c is not None]
    if not kept:
        raise click.ClickException(
            "Nothing may be exported: no conversation is published; mark it published in "
            "the programme or transcript, or pass --include-unpublished"
        )
    return kept


def _load(transcripts: Path, references: tuple[str, ...], thesaurus: Path | None, include_unpublished: bool):
    """The conversations consent allows, analysed with the editors' corrections."""
    from .analyse import analyse

    return [(c, analyse(c, thesaurus)) for c in _conversations(transcripts, references, include_unpublished)]


def _record(db_path: Path, path: Path, kind: str, conversations) -> None:
    """Note the export in the database (when there is one) so `forget` can find it later."""
    if db_path.exists():
        from .storage import open_db, record_export

        record_export(open_db(db_path), path, kind, [c.id for c in conversations])


def unpublished_option(fn):
    return click.option(
        "--include-unpublished",
        is_flag=True,
        help="Include conversations and participants marked internal (never withdrawn ones).",
    )(fn)


def _write(path: Path, write) -> None:
    """Run ``write`` and turn a failing file system into one sentence."""
    try:
        write()
    except OSError as e:
        raise click.ClickException(
            f"Cannot write {path}: {e.strerror or e}; pass -o with a path you may write to"
        ) from None
    click.echo(f"wrote {path}")


def _output(path: Path | None, default: str) -> Path:
    """The output file, checked before any work: its folder must exist and be writable."""
    path = path or Path(default)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise click.ClickException(
            f"Cannot write {path}: the folder {folder} does not exist; create it or pass another -o"
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.ClickException(f"Cannot write {path}: no permission; pass -o with a path you may write to")
    if path.is_dir():
        raise click.ClickException(f"Cannot write {path}: it is a folder; pass -o with a file name")
    return path


@cli.group()
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
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "html"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: artikel.FORMAT).")
@click.option("--title", help="The article's title (default: the conference, or the conversation's title).")
@click.option("--intro", help="The intro paragraph (default: a placeholder to fill in).")
@click.option("--box/--no-box", default=True, show_default=True, help="End with the themes and action points.")
@unpublished_option
@transcripts_option
@thesaurus_option
@db_option
@user_errors
def article(conversations, fmt, output, title, intro, box, include_unpublished, transcripts, thesaurus, db_path):
    """Write an article draft in the house style of the conference magazine.

    Per conversation: the headline quote as heading, a line per participant (name, role,
    organisation), then the dialogue with the speaker's full name on their first turn and
    the surname after. Without CONVERSATIONS, every transcript goes into one article.

    \b
    Example:
        gesprekken export article 1ef18611 -o artikel.md
        gesprekken export article --format docx --title "Woonconferentie 2026" -o congres.docx
    """
    from .export import article_blocks, write_article

    path = _output(output, f"artikel.{fmt}")
    loaded = _load(transcripts, conversations, thesaurus, include_unpublished)
    blocks = article_blocks(loaded, title, intro, box, thesaurus)
    _write(path, lambda: write_article(blocks, fmt, path))
    _record(db_path, path, "article", [c for c, _ in loaded])


@export.command()
@click.argument("conversation")
@click.option("--format", "fmt", type=click.Choice(["srt", "vtt"]), default="vtt", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: ID.FORMAT).")
@unpublished_option
@transcripts_option
@db_option
@user_errors
def subtitles(conversation, fmt, output, include_unpublished, transcripts, db_path):
    """Write subtitles for one conversation, aligned to the words' times.

    At most two lines of 42 characters per cue; WebVTT names the speaker of each cue
    with a voice tag.

    \b
    Example:
        gesprekken export subtitles 1ef18611 --format srt -o gesprek.srt
    """
    from .export import render_srt, render_vtt, write_text

    (loaded,) = _conversations(transcripts, (conversation,), include_unpublished)
    path = _output(output, f"{loaded.id}.{fmt}")
    text = render_srt(loaded) if fmt == "srt" else render_vtt(loaded)
    _write(path, lambda: write_text(text, path))
    _record(db_path, path, "subtitles", [loaded])


@export.command()
@click.argument("conversations", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: gesprekken.FORMAT).")
@unpublished_option
@transcripts_option
@thesaurus_option
@db_option
@user_errors
def data(conversations, fmt, output, include_unpublished, transcripts, thesaurus, db_path):
    """Write the quotes and action points with speaker, organisation, themes and times.

    \b
    Example:
        gesprekken export data --format csv -o citaten.csv
    """
    from .export import data_rows, render_data, write_text

    path = _output(output, f"gesprekken.{fmt}")
    loaded = _load(transcripts, conversations, thesaurus, include_unpublished)
    text = render_data(data_rows(loaded, thesaurus), fmt)
    _write(path, lambda: write_text(text, path))
    _record(db_path, path, "data", [c for c, _ in loaded])
