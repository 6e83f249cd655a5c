"""`gesprekken publication` and `gesprekken forget`: consent under the AVG (GDPR)."""

import click

from .errors import counted
from .options import open_workspace, user_errors, workspace_options, yes_option
from .paths import from_here
from .transcript import STATUS_WORDS, STATUSES


def _status(ctx, param, value: str) -> str:
    """The status a Dutch word stands for (openbaar -> published)."""
    return STATUS_WORDS.get(value.casefold(), value.casefold())


@click.command()
@click.argument("conversation")
@click.argument(
    "status",
    type=click.Choice([*STATUSES, *STATUS_WORDS], case_sensitive=False),
    callback=_status,
    metavar="STATUS",
)
@click.option("--participant", help="Set the status of this participant instead of the whole conversation.")
@yes_option
@workspace_options
@user_errors
def publication(conversation, status, participant, yes, db_path, transcripts, thesaurus):
    """Set the publication status of a conversation or of one participant.

    STATUS is published (shown to the public), internal (editors only; the default) or
    withdrawn (consent taken back: never shown or exported, no voice profile kept); the
    Dutch words of the desk and the programme (openbaar, intern, ingetrokken) say the same. The
    database is changed first and the transcript's front matter with it; if either cannot
    be written, neither changes.

    \b
    Example:
        gesprekken publication 1ef18611 published
        gesprekken publication 1ef18611 withdrawn --participant "Joost de Boer"
        gesprekken publication 1ef18611 intern
    """
    from .errors import ShownByHand
    from .transcript import read
    from .workspace import as_listed

    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus)
    before = read(workspace.find(conversation))
    if participant:
        participant = as_listed(participant, [p.name for p in before.participants])
        # First what their turns rest on, as forget shows it: a wrong name would hide someone else's words.
        _show_attributions(workspace.attributions(participant, [conversation]))
    was = before.status_of(participant)
    # (and the database's: an older copy of the file that took a withdrawal back leaves the rows withdrawn until load
    # answers; this command takes it back in both, a reviewer's read, session 55: it said "nothing changed")
    stored = workspace.stored_status(before.id, participant)
    held = None
    try:
        changed = workspace.publication(conversation, status, participant, yes=yes)
    except ShownByHand as e:  # written all the same: its notes below, then why it is held (a reviewer's read)
        held, changed = e, read(workspace.find(conversation))
    already = " (already so: nothing changed)" if was == status and stored in (None, status) else ""
    click.echo(f"{participant or changed.title}: {status}{already} ({workspace.find(changed.id)})")
    reached = workspace.public_state.reached()
    if reached and not already:  # what the change reached, as forget says it
        click.echo(f"Note: the public copy follows: {', '.join(reached)} rebuilt", err=True)
    from .consent import kept_back_note, unconfirmed_note, withheld_voices_note

    if participant:
        note = withheld_voices_note(changed, participant)
    else:
        note = kept_back_note(changed) if status == "published" else None
    if note:
        click.echo(f"Note: {note}", err=True)
    if status == "published" and not already and (named := unconfirmed_note(changed)):
        click.echo(f"Note: {named}", err=True)
    if status != "published" and not already and (exported := workspace.exports_of(changed.id)):
        who = participant or "the conversation"
        where = ", ".join(str(from_here(path)) for path in exported)
        click.echo(
            f"Note: {counted(len(exported), 'export')} of this conversation written before may still hold "
            f"{who} as {'they were' if participant else 'it was'}: {where}; export "
            f"{'it' if len(exported) == 1 else 'them'} again, or delete {'it' if len(exported) == 1 else 'them'}, "
            "and ask back any copy sent on",
            err=True,
        )
    if participant and status != "published" and not already:
        if elsewhere := workspace.named_elsewhere(participant, changed.id):
            where = ", ".join(f"{title!r} ({cid[:8]})" for cid, title in elsewhere)
            click.echo(
                f"Note: others name {participant} in {counted(len(elsewhere), 'more published conversation')}, "
                f"{where}, where they are no participant: that stays public, for a status holds in its "
                f"conversation only; 'gesprekken forget \"{participant}\"' removes them from everything, their name in "
                "every conversation included",
                err=True,
            )
    if held is not None:
        raise held


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
    If it is interrupted, run it again to finish. A name that nobody has while a close one
    does (the name before a rename) is refused with the name to use; --yes takes only its
    mentions.

    \b
    Example:
        gesprekken forget "Joost de Boer" --dry-run
        gesprekken forget "Joost de Boer"
    """
    workspace = open_workspace(transcripts, db_path, thesaurus=thesaurus)
    person = workspace.spelt_as(person)  # (in another case: the participant's own spelling)
    unfinished = workspace.unfinished_forget()
    if unfinished is not None and unfinished.casefold() == person.casefold():
        # the run again after an interruption said they were no participant (the transcripts were rewritten
        # without them already), then finished: an organiser's run, session 58
        person, not_a_speaker = unfinished, None
        finishes = "would finish" if dry_run else "finishes"
        click.echo(f"Forgetting {person!r} was interrupted before it ended: this run {finishes} it", err=True)
    else:
        # Read before: once forgotten, a participant who never spoke is no participant any more either.
        not_a_speaker = _not_a_speaker_note(workspace, person)
    result = workspace.forget(person, dry_run, rename_recordings, yes)
    _show_attributions(result.attributions)
    if not result.attributions and not_a_speaker:
        click.echo(f"Note: {not_a_speaker}", err=True)
    prefix = "would remove" if dry_run else "removed"
    for removal in result.removals:
        click.echo(f"{prefix}: {removal.where}: {removal.what}")
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)


def _show_attributions(attributions) -> None:
    """Per conversation, the person's turns a change would take, and whether the name they stand under was
    confirmed by an editor or given by automatic naming (checked before anything is done)."""
    for found in attributions:
        basis = (
            "under a name an editor confirmed"
            if found.confirmed
            else f"under a name given by automatic naming, confidence {found.confidence:.2f}"
        )
        where = f"{found.title} ({found.conversation_id[:8]})"
        click.echo(f"{found.person} speaks in {where}: {counted(found.turns, 'turn')}, {basis}", err=True)


def _not_a_speaker_note(workspace, person: str) -> str | None:
    """A sentence when ``person`` speaks nowhere and is nobody's participant: only mentions of the
    name go, and a person who did speak, under another spelling, would keep their words."""
    similar = workspace.names_like(person)
    if similar is None:
        return None
    hint = f"; did you mean {' or '.join(repr(n) for n in similar)}?" if similar else ""
    return (
        f"{person!r} is no participant and speaks in no conversation: forgetting them takes only "
        f"mentions of the name out of other people's words, nobody's turns{hint}"
    )
