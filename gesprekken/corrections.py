"""Editors' corrections made by command: renaming and merging speakers in a transcript file.

These edit the transcript file itself (the source of truth) with the smallest change:
the speaker in the turn headings and the ``speakers:`` block of the front matter. All
other text, including an editor's own line breaks, stays as it was.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GesprekkenError, TranscriptError
from .naming import AGAINST_PITCH
from .paths import atomic_write, load_yaml, transcripts_lock
from .storage import copies_said, transcript_files
from .transcript import (
    CONFIRMED_EVIDENCE,
    UNKNOWN_SPEAKER,
    Conversation,
    Participant,
    alike_names,
    could_be,
    is_voice_label,
    loads,
    read,
    read_source,
    rename_in_headings,
    shown_under,
    with_comments,
)


class MisnamedVoice(GesprekkenError):
    """A voice would be named for one participant while its own words introduce it as another."""

    def __init__(self, message: str, voice: str, name: str, introduced: str, quote: str) -> None:
        super().__init__(message)
        self.voice, self.name, self.introduced, self.quote = voice, name, introduced, quote


class ForgottenName(GesprekkenError):
    """A voice would be named for someone ``forget`` took out of the transcripts (its record knows the name)."""

    def __init__(self, name: str, transcript: str) -> None:
        super().__init__(
            f"{name!r} was forgotten here ('gesprekken forget'): naming a voice so puts them back into {transcript}; "
            "pass --force if they asked to come back"
        )
        self.name = name


class ShowsWithheld(GesprekkenError):
    """Naming or merging voices would show words the public does not see now (a withdrawn participant's, a voice
    kept back with them) under a name it sees."""

    def __init__(self, message: str, voice: str, name: str) -> None:
        super().__init__(message)
        self.voice, self.name = voice, name


def refuse_showing(path: Path, before: Conversation, after: Conversation) -> None:
    """Refuse a change of who speaks (``before`` to ``after``, turn by turn) that would show words the public does
    not see now under a name it sees (:func:`gesprekken.transcript.shown_under`): a merge put a withdrawn
    participant's words on the public site at once, where the desk asks before moving one turn (a helper's attack,
    session 43); so did a misspelt heading of theirs ("Joost de Bor"), a name off the programme or a swap. Not
    refused: an unnamed voice (``Spreker 3``) given a name, as the notes of every command tell an editor to do
    once they listened, and another spelling of the same name ("joost de boer" as "Joost de Boer").

    Raises:
        ShowsWithheld: saying whose words, why they are kept back, and what to do.
    """
    moved = {b.speaker: a.speaker for b, a in zip(before.turns, after.turns, strict=False) if b.speaker != a.speaker}
    for old, new in moved.items():
        # another spelling of one name ("joost de boer", "Joost de Boer-Smit"), not another listed person's
        respelt = old.casefold() == new.casefold() or (
            alike_names(old, new) and not any(p.name.casefold() == new.casefold() for p in before.participants)
        )
        if is_voice_label(old) or respelt or not shown_under(before, after, old, new):
            continue
        person = next((p for p in before.participants if p.name.casefold() == old.casefold()), None)
        why = (
            f"{old} is {person.status}"
            if person is not None and person.status != "published"
            else "the voice is kept back until an editor confirms it"
            if person is not None
            else f"{old} is no participant's name: nobody gave consent under it"
        )
        when = "at once" if before.status == "published" else "once the conversation is"
        raise ShowsWithheld(
            f"The words of {old} in {path.name} are not public ({why}); under {new} they would be public {when}, "
            f"on the site, in the recording and in exports: listen first, and pass --force if {new} said them; "
            f"{path.name} is unchanged",
            old,
            new,
        )


@dataclass
class SpeakerSummary:
    """One speaker of a conversation, as the editor sees it."""

    speaker: str
    label: str
    confidence: float
    turns: int
    first_words: str
    evidence: list[str]
    #: An editor gave or confirmed the name (or typed it in a heading): no command changes it.
    confirmed: bool = False


def find_transcript(folder: Path, reference: str) -> Path:
    """The transcript for ``reference``: a conversation id (or its start), file name, title or its recording's
    file name.

    Raises:
        GesprekkenError: no transcript, or more than one, matches.
    """
    matches: dict[Path, str] = {}  # each transcript that matches, with its conversation's id
    files = transcript_files(folder)
    # A file name is found without reading any transcript (the editors' desk names the file).
    for path in files:
        if reference in (path.name, path.stem):
            return path
    known, unreadable, partly = [], [], []
    for path in files:
        try:
            conversation = read(path)
        except TranscriptError as e:
            unreadable.append(e)
            continue
        known.append(f"{conversation.id[:8]} ({path.name})")
        recording = Path(conversation.recording) if conversation.recording else None
        if (
            conversation.id.startswith(reference)
            or conversation.title.casefold() == reference.casefold()
            # the recording's file name, as an organiser knows the conversation first ("tafel-3", "tafel-3.mp3")
            or (recording is not None and reference in (recording.name, recording.stem))
        ):
            matches[path] = conversation.id
        elif reference.strip() and reference.casefold() in conversation.title.casefold():
            partly.append(f"{conversation.id[:8]} {conversation.title!r}")  # a title is taken whole: offered
    if len(matches) == 1:
        return next(iter(matches))
    if not matches and unreadable:
        # It may be the one meant (a line typed by hand): what to fix in it, not "no conversation".
        raise GesprekkenError(f"No conversation {reference!r} among the transcripts that read; {unreadable[0]}")
    if not matches:
        # Nothing else lists the ids: name them here when they are few, else say where they are.
        where = (
            f"the conversations here are {', '.join(known)}"
            if 0 < len(known) <= 5
            else f"each transcript in {folder} has its id on the line 'id:' at the top"
        )
        if partly:
            where = f"did you mean {' or '.join(partly[:3])}{' (and more)' if len(partly) > 3 else ''}?"
        raise GesprekkenError(
            f"No conversation {reference!r} in {folder}; pass an id (its first 8 characters will do), "
            f"a transcript's file name, a whole title or a recording's file name: {where}"
        )
    ids = set(matches.values())
    if len(ids) == 1:
        # two copies of one conversation ("x (1).md" beside "x.md"): more of the id would not tell them apart, and no
        # command stores either (Workspace.store)
        raise GesprekkenError(
            f"{copies_said(list(matches), ids.pop())}; delete the copy you did not edit and run the command again"
        )
    # which, by as much of each id as tells them apart (at least 8): "pass more of the id" did not say which ids
    # there were, nor how much more (a helper's attack, session 60)
    shown = next(n for n in range(8, max(8, *map(len, ids)) + 1) if len({cid[:n] for cid in ids}) == len(ids))
    which = ", ".join(f"{cid[:shown]} ({path.name})" for path, cid in sorted(matches.items(), key=lambda m: m[1]))
    raise GesprekkenError(
        f"{reference!r} matches {len(matches)} conversations in {folder}, {which}; pass the id of the one you mean"
    )


def summarise(conversation: Conversation) -> list[SpeakerSummary]:
    """Each speaker with their voice label, confidence, number of turns and first words."""
    from .naming import speakers_as_edited

    by_name = {s.shown_as: s for s in speakers_as_edited(conversation)}
    summaries: dict[str, SpeakerSummary] = {}
    for turn in conversation.turns:
        if turn.speaker not in summaries:
            known = by_name.get(turn.speaker)
            # a heading typed by hand with no voice behind it: a name is the editor's, confirmed; a voice's label
            # ("Spreker 3") names no one, as the desk says (a newcomer's run, session 50: listed as confirmed)
            label = is_voice_label(turn.speaker)
            summaries[turn.speaker] = SpeakerSummary(
                turn.speaker,
                known.label if known else turn.speaker if label else "",
                known.confidence if known else 0.0 if label else 1.0,
                0,
                " ".join(turn.text.split()[:12]),
                known.evidence if known else [],
                known.confirmed if known else not label,
            )
        summaries[turn.speaker].turns += 1
    return list(summaries.values())


def rename_speaker(path: Path, old: str, new: str, merge: bool = False, force: bool = False) -> Conversation:
    """Give every turn of speaker ``old`` the speaker ``new``; with ``merge``, ``new`` must exist.

    The voices renamed are marked ``confirmed``; renaming a name to itself confirms it.

    Raises:
        GesprekkenError: ``old`` does not speak in the conversation, or ``new`` does (or
            does not, for a merge).
    """
    if not merge:
        return rename_speakers(path, [(old, new)], force=force)
    conversation = loads(read_source(path), path)
    speaking = {turn.speaker for turn in conversation.turns}
    old = _speaker(path, conversation, old, speaking)
    new = voice_named(conversation, new.strip()) or new
    if new.strip() not in speaking:
        raise GesprekkenError(
            f"{new.strip()!r} does not speak in {path.name}, so there is nothing to merge into; "
            "use --rename to give the speaker a new name",
            in_dutch=f"{new.strip()!r} spreekt niet in {path.name}, dus er valt niets mee samen te voegen; geef de "
            "stem een nieuwe naam",
        )
    if new.strip() == old:
        # a voice merged into itself changed nothing but marked its automatic name confirmed, which put the turns
        # of someone held back until an editor listened on the site (an attack, session 56)
        raise GesprekkenError(
            f"{old!r} is the same voice as {new.strip()!r} in {path.name}, so there is nothing to merge; to confirm "
            f'its name once you listened, use --confirm "{old}"',
            in_dutch=f"{old} is dezelfde stem als {new.strip()}; bevestig de naam als je hebt geluisterd",
        )
    return _rewrite(path, {old: new.strip()}, merge=True)


def refuse_merging_against_words(path: Path, conversation: Conversation, old: str, new: str) -> None:
    """Refuse a merge of voice ``old`` into ``new`` (names or labels, in ``conversation`` before it) where the words
    of ``old`` say it is not ``new`` ("Ik ben niet Kees", a stand-in split off by diarization: session 57's note, the
    merge put them under his name) or introduce it as someone else, as a rename is refused: once someone listened,
    ``--force`` (the desk: its confirmation). Asked after a merge's consent (:func:`refuse_showing`).

    Raises:
        MisnamedVoice: saying what the voice says.
    """
    from .naming import denial_of

    old, new = voice_named(conversation, old) or old, voice_named(conversation, new.strip()) or new.strip()
    said = denial_of(conversation, old, new)
    if said is not None:
        raise MisnamedVoice(
            f"The voice {old} says it is not {new} ({said!r}): listen first, or pass --force if you are sure the two "
            f"are one voice and it is {new}'s; {path.name} is unchanged",
            old,
            new,
            "",
            said,
        )
    _check_introductions(path, conversation, {old: new})


def rename_speakers(path: Path, pairs: list[tuple[str, str]], force: bool = False) -> Conversation:
    """Rename several speakers at once: ``[("Ad Kok", "Bea Smit"), ("Bea Smit", "Ad Kok")]`` swaps
    two voices that automatic naming mixed up, which one rename at a time cannot do.

    A participant is renamed with their voice only when the new name is another spelling of theirs
    and nobody on the programme has it: their role, organisation and consent stay theirs. A voice of
    a participant whose words are not public, in a published conversation, is not given a name off
    the programme (which would publish them).

    A voice whose own words introduce it as a participant ("ik ben Marloes van der Heijden") is
    not given a name that cannot be theirs unless ``force``: the first unnamed voice is not
    necessarily the one meant, and another person's name on it would publish the words of the voice
    that is theirs.

    Raises:
        GesprekkenError: a name does not speak, a new name is empty, speaks already (and is not
            renamed away), is given twice, or would publish what a participant did not agree to.
        MisnamedVoice: a voice introduces itself as someone the new name cannot be (without ``force``).
    """
    conversation = loads(read_source(path), path)
    speaking = {turn.speaker for turn in conversation.turns}
    mapping: dict[str, str] = {}
    listed = {p.name: p for p in conversation.participants}
    for reference, new in pairs:
        new = new.strip()
        old = _speaker(path, conversation, reference, speaking)
        if not new:
            raise GesprekkenError(
                "The new speaker name is empty; pass OLD=NEW with a name after the '='",
                in_dutch=f"De nieuwe naam van stem {old} is leeg; typ een naam",
            )
        person = listed.get(old)
        if (
            old != reference
            and person
            and person.confirmed
            and new != old
            and new not in listed
            and alike_names(old, new)
        ):
            # "Spreker 2=Joost de Boer" meant to name the voice, which is him already, under the
            # spelling an editor chose: the programme's spelling must not come back by the way.
            raise GesprekkenError(
                f"{reference} is {old} already, as an editor spelt {new}'s name; {path.name} is unchanged: to spell "
                f'it {new!r} again, rename by the name (--rename "{old}={new}")',
                in_dutch=f"{reference} is al {old}, zoals een redacteur de naam spelde; {path.name} is niet veranderd: "
                f"om hem weer {new!r} te spellen, geef de naam {old} die spelling",
            )
        if old in mapping:
            raise GesprekkenError(
                f"{old!r} is renamed twice; rename each speaker once",
                in_dutch=f"{old!r} krijgt twee keer een nieuwe naam; geef elke stem één naam",
            )
        mapping[old] = new
    after = [mapping.get(name, name) for name in speaking]
    for old, new in mapping.items():
        if new != old and after.count(new) > 1:
            given = [voice for voice, name in mapping.items() if name == new]
            if len(given) > 1:
                raise GesprekkenError(
                    f"{new!r} is given to {' and '.join(given)}; give each voice one name",
                    in_dutch=f"{new!r} gaat naar {' en '.join(given)}; geef elke stem één naam",
                )
            raise GesprekkenError(
                f"{new!r} already speaks in {path.name}; to swap the two names, give both in one command "
                f'(--rename "{old}={new}" --rename "{new}={old}"); to make them one voice, --merge "{old}={new}"',
                in_dutch=f"{new!r} spreekt al in {path.name}; kies 'ruilen' als de twee stemmen elkaars naam hebben, "
                "'samenvoegen' als het dezelfde stem is",
            )
    for old, new in mapping.items():
        person = listed.get(old)
        if (
            person
            and new not in listed
            and not alike_names(old, new)
            and person.status != "published"
            and conversation.status == "published"
        ):
            raise GesprekkenError(
                f"{old} is {person.status} in {path.name}, which is published: named {new!r}, who is not on "
                "the programme, their words would no longer be theirs, nor follow their consent or a forget; "
                f"give the voice a participant's name (several --rename at once swap two voices), or add {new} "
                "to the programme first",
                in_dutch=f"{old} is niet openbaar in {path.name}, dat openbaar is: onder de naam "
                f"{new!r}, die niet op de deelnemerslijst staat, zijn die woorden niet meer van {old} en volgen ze "
                f"de toestemming van {old} niet meer, noch een verzoek om vergeten te worden; geef de stem de naam "
                f"van een deelnemer, of zet {new} eerst op de deelnemerslijst",
            )
    if not force:
        _check_introductions(path, conversation, mapping)
    return _rewrite(path, mapping, merge=False)


def _check_introductions(path: Path, conversation: Conversation, mapping: dict[str, str]) -> None:
    """Refuse to name a voice for someone other than the participant it introduces itself as."""
    from .naming import self_introductions

    # Renaming to a voice's label ("Spreker 2") takes a name away, and confirming changes no name.
    named = {old: new for old, new in mapping.items() if new != old and not new.startswith(UNKNOWN_SPEAKER + " ")}
    introduced = self_introductions(conversation) if named else {}
    listed = {p.name for p in conversation.participants}
    for old, new in named.items():
        said = introduced.get(old, {})
        # Another participant's name is another person even where it shares a first name ("Joost").
        could = alike_names if new in listed else could_be
        if not said or any(could(new, person) for person in said):
            continue
        person, evidence = next(iter(said.items()))
        quote = evidence.split(": ", 1)[-1]  # the words, without naming's "stelt zich voor: "
        short = conversation.id[:8]
        raise MisnamedVoice(
            f"The voice {old} introduces itself as {person} ({quote}), not as {new}: listen first and name the voice "
            f"that is {new}'s (each voice's first words: 'gesprekken speakers {short}'), or pass --force if you "
            f"are sure; {path.name} is unchanged",
            old,
            new,
            person,
            quote,
        )


def voice_named(conversation: Conversation, reference: str) -> str | None:
    """The speaker ``reference`` is in ``conversation``: a name that speaks, or the label of a voice
    that speaks ("Spreker 2", which keeps its label once named), as the editors' desk takes it too;
    None when neither. A name that speaks wins over another voice's label."""
    from .naming import speakers_as_edited

    speaking = {turn.speaker for turn in conversation.turns}
    if reference in speaking:
        return reference
    labels = {s.label: s.shown_as for s in speakers_as_edited(conversation) if s.shown_as in speaking}
    return labels.get(reference)


def _speaker(path: Path, conversation: Conversation, old: str, speaking: set[str]) -> str:
    from .naming import speakers_as_edited

    found = voice_named(conversation, old)
    if found is None:
        shown = {s.label: s.shown_as for s in speakers_as_edited(conversation) if s.shown_as in speaking}
        voices = [f"{name} ({label})" if label and label != name else name for label, name in shown.items()]
        voices += sorted(speaking - set(shown.values()))
        raise GesprekkenError(
            f"{old!r} does not speak in {path.name}; pass a voice's name or its label: {', '.join(voices)}",
            in_dutch=f"{old!r} spreekt niet in {path.name}; sprekers: {', '.join(voices)}",
        )
    return found


def _rewrite(path: Path, mapping: dict[str, str], merge: bool) -> Conversation:
    with transcripts_lock(path.parent):  # no other change between the read and the write
        return _rewritten(path, mapping, merge)


def _rewritten(path: Path, mapping: dict[str, str], merge: bool) -> Conversation:
    text = read_source(path)
    lines = text.splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta = load_yaml("".join(lines[1:close]), path, TranscriptError, first_line=2) or {}
    changed = any(old != new for old, new in mapping.items())
    for entry in meta.get("speakers") or []:
        old = entry.get("name") or entry.get("label")
        if old in mapping:
            # A name an editor gave (or, renamed to itself, confirmed) is never changed by a command again.
            new = mapping[old]
            if new == old and entry.get("confirmed") is True and entry.get("name") == new:
                continue  # confirmed already: the same command again changes nothing, nor adds its line again
            changed = True
            entry["name"] = new
            entry["confidence"] = 1.0
            entry["confirmed"] = True
            why = f"{old} is {new}" if new != old else f"{new} bevestigd"
            # a name confirmed before and now given away says so once: "A is B", not "A bevestigd" before it
            # and the pitch's doubt goes: it said this voice does not sound as its name leads one to expect, of a
            # name an editor now gave by ear (a reviewer's read: it outlived the confirmation)
            earlier = [
                e
                for e in entry.get("evidence") or []
                if e != f"{CONFIRMED_EVIDENCE}: {old} bevestigd" and not e.startswith(AGAINST_PITCH)
            ]
            undone = f"{CONFIRMED_EVIDENCE}: {new} is {old}"
            if new != old and undone in earlier:
                # a rename undone ("Marloes is Joost", then "Joost is Marloes"): the name it had, confirmed, not
                # two lines that contradict each other (a newcomer's run)
                earlier.remove(undone)
                why = f"{new} bevestigd"
            entry["evidence"] = earlier + [f"{CONFIRMED_EVIDENCE}: {why}"]
    if not changed:
        return loads(text, path)  # the file as it is, byte for byte
    participants = meta.get("participants") or []
    names = {entry.get("name") for entry in participants}
    if not merge:
        for entry in participants:
            old = entry.get("name")
            new = mapping.get(old)
            if new and new not in names and alike_names(old, new):
                # A corrected spelling: their consent is their participant's status, and must not be
                # left behind under the old spelling (which would publish what they said).
                entry["name"] = new
                # Whisper may have written the old spelling where others say it: withheld with them.
                respelt = Participant(old, earlier_spellings=entry.get("earlier_spellings") or []).respelt(new)
                entry["earlier_spellings"] = respelt.earlier_spellings
    header = with_comments(lines, close, yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100))
    updated = rename_in_headings(f"---\n{header}---\n" + "".join(lines[close + 1 :]), mapping)
    renamed = loads(updated, path)
    with atomic_write(path) as handle:
        handle.write(updated)
    return renamed


def parse_pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    """``("Spreker 1=Ad Kok",)`` -> ``[("Spreker 1", "Ad Kok")]``."""
    pairs = []
    for value in values:
        if "=" not in value:
            raise GesprekkenError(f"{option} {value!r} has no '='; write it as {option} \"OLD=NEW\"")
        old, new = value.split("=", 1)
        pairs.append((old.strip(), new.strip()))
    return pairs
