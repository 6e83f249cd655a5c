"""`gesprekken publication` and `gesprekken forget`: consent under the AVG (GDPR)."""

import click

from .cli import cli, db_option, thesaurus_option, transcripts_option, user_errors
from .transcript import STATUSES


@cli.command()
@click.argument("conversation")
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--participant", help="Set the status of this participant instead of the whole conversation.")
@db_option
@transcripts_option
@user_errors
def publication(conversation, status, participant, db_path, transcripts):
    """Set the publication status of a conversation or of one participant.

    STATUS is published (shown to the public), internal (editors only; the default) or
    withdrawn (consent taken back: never shown or exported, no voice profile kept). The
    transcript's front matter is updated, and the database with it.

    \b
    Example:
        gesprekken publication 1ef18611 published
        gesprekken publication 1ef18611 withdrawn --participant "Joost de Boer"
    """
    from .analyse import analyse
    from .consent import set_status
    from .corrections import find_transcript
    from .storage import open_db, store

    path = find_transcript(transcripts, conversation)
    changed = set_status(path, status, participant)
    if db_path.exists():
        store(open_db(db_path), changed, path.name, analyse(changed))
    click.echo(f"{participant or changed.title}: {status} ({path})")


@cli.command()
@click.argument("person")
@click.option("--dry-run", is_flag=True, help="Show what would be removed, and change nothing.")
@db_option
@transcripts_option
@thesaurus_option
@user_errors
def forget(person, dry_run, db_path, transcripts, thesaurus):
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
    from .consent import forget as forget_person

    result = forget_person(person, transcripts, db_path, dry_run=dry_run, thesaurus=thesaurus)
    prefix = "would remove" if dry_run else "removed"
    for removal in result.removals:
        click.echo(f"{prefix}: {removal.where}: {removal.what}")
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
