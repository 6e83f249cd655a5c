"""`gesprekken publication` and `gesprekken forget`: consent under the AVG (GDPR)."""

import click

from .options import open_workspace, user_errors, workspace_options, yes_option
from .transcript import STATUSES


@click.command()
@click.argument("conversation")
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--participant", help="Set the status of this participant instead of the whole conversation.")
@yes_option
@workspace_options
@user_errors
def publication(conversation, status, participant, yes, db_path, transcripts, thesaurus):
    """Set the publication status of a conversation or of one participant.

    STATUS is published (shown to the public), internal (editors only; the default) or
    withdrawn (consent taken back: never shown or exported, no voice profile kept). The
    database is changed first and the transcript's front matter with it; if either cannot
    be written, neither changes.

    \b
    Example:
        gesprekken publication 1ef18611 published
        gesprekken publication 1ef18611 withdrawn --participant "Joost de Boer"
    """
    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus)
    changed = workspace.publication(conversation, status, participant, yes=yes)
    click.echo(f"{participant or changed.title}: {status} ({workspace.find(changed.id)})")
    from .consent import withheld_voices_note

    note = withheld_voices_note(changed, participant) if participant else None
    if note:
        click.echo(f"Note: {note}", err=True)


@click.command()
@click.argument("person")
@click.option("--dry-run", is_flag=True, help="Show what would be removed, and change nothing.")
@click.option("--rename-recordings", is_flag=True, help="Rename recordings whose file name carries the person's name.")
@yes_option
@workspace_options
@user_errors
def forget(person, dry_run, rename_recordings, yes, db_path, transcripts, thesaurus):
    """Remove a person from everything gesprekken keeps, on their request.

    Their turns become a marker an editor can see, their name disappears from other
    people's words, their voice profile and participant entry go, the database is rebuilt
    and vacuumed so no trace stays in the file, and exports holding them are deleted.
    If it is interrupted, run it again to finish.

    \b
    Example:
        gesprekken forget "Joost de Boer" --dry-run
        gesprekken forget "Joost de Boer"
    """
    result = open_workspace(transcripts, db_path, thesaurus=thesaurus).forget(person, dry_run, rename_recordings, yes)
    for found in result.attributions:
        basis = "a confirmed name" if found.confirmed else f"automatic naming, confidence {found.confidence:.2f}"
        click.echo(f"{found.title} ({found.conversation_id[:8]}): {found.turns} turns rest on {basis}", err=True)
    prefix = "would remove" if dry_run else "removed"
    for removal in result.removals:
        click.echo(f"{prefix}: {removal.where}: {removal.what}")
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
