"""`gesprekken apply-programme`: a programme given, or corrected, after the recordings were ingested."""

from pathlib import Path

import click

from .errors import counted
from .options import open_workspace, user_errors, workspace_options


@click.command("apply-programme")
@click.argument("programme", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("conversations", nargs=-1)
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@workspace_options
@user_errors
def apply_programme(programme, conversations, dry_run, db_path, transcripts, thesaurus):
    """Apply a programme to transcripts ingested before it was given or corrected.

    Ingest never changes a transcript it kept. This fills in the title, date and conference
    where they are still what ingest made without a programme, adds the participants the
    transcript lacks (with the programme's consent), then names the voices no editor
    confirmed again from the words already transcribed. An editor's title, date and confirmed
    names stay; consent is only tightened (a withdrawal), never loosened. CONVERSATIONS
    (ids, file names or titles) limit it to those; running it again changes nothing more.

    \b
    Example:
        gesprekken apply-programme programma.csv --dry-run
        gesprekken apply-programme programma.csv
        gesprekken apply-programme programma.yaml 1ef18611
    """
    report = open_workspace(transcripts, db_path, thesaurus=thesaurus).apply_programme(
        programme, conversations, dry_run=dry_run
    )
    changed = 0
    for path, applied in report.applied:
        short = applied.conversation.id[:8]
        if applied.changes:
            changed += 1
            verb = "would change" if dry_run else "changed"
            click.echo(f"{verb}: {path} (id {short}): {'; '.join(applied.changes)}")
        elif applied.kept:
            # what the programme says but the transcript keeps (a withdrawal stays): not "as it says"
            click.echo(f"unchanged: {path} (id {short}); kept as it is where the programme differs (below)")
        else:
            click.echo(f"as the programme says: {path} (id {short})")
        for note in applied.kept:
            click.echo(f"Note: {path.name}: {note}", err=True)
    for path in report.unmatched:
        click.echo(f"Note: {path.name}: its recording is not in the programme {programme}; left as it is", err=True)
    for error in report.failed:
        click.echo(f"Error: {error}", err=True)
    for error in report.held:
        click.echo(f"Error: written as the programme says, but {error}", err=True)
    kept = sum(1 for _, applied in report.applied if not applied.changes and applied.kept)
    click.echo(
        f"{counted(changed, 'transcript')} {'would change' if dry_run else 'changed'}, "
        f"{len(report.applied) - changed - kept} already as the programme says, "
        + (f"{kept} kept where it differs, " if kept else "")
        + f"{len(report.unmatched)} not in it",
        err=True,
    )
    if report.held and not report.failed:
        raise click.ClickException(
            f"{counted(len(report.held), 'conversation')} held off the public site until 'gesprekken load' is "
            "answered (above)"
        )
    if report.failed:
        raise click.ClickException(
            f"{counted(len(report.failed), 'transcript')} could not be read; fix "
            f"{'it' if len(report.failed) == 1 else 'them'} and run apply-programme again"
        )
