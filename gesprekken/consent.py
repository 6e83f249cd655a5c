"""Consent: publication status, and forgetting a person everywhere the project keeps them.

Under the AVG (GDPR) a person may withdraw consent or ask to be forgotten. Forgetting
edits the transcripts (the source of truth) first, each atomically, and records what it
is doing in a journal beside them, so that a crash half-way is finished by running the
command again; then it rebuilds the person's conversations in the database, rebuilds the
full-text indexes and vacuums the file so no deleted text lingers in free pages; finally it
deletes the exports that held those conversations.
"""

import functools
import hashlib
import itertools
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .analyse import is_dutch_word as _in_lemma_tables
from .analyse import plain_words
from .errors import GIVEN_BACK, UNLISTED, GesprekkenError, counted, publication_command
from .names import PARTICLES, POSTNOMINALS, double_surname_start
from .paths import EXPORTS_RECORD, atomic_write, from_here, read_only_uri, transcripts_lock
from .storage import transcript_files
from .transcript import (
    REMOVED_SPEAKER,
    STATUSES,
    Conversation,
    Participant,
    Turn,
    alike_names,
    dumps,
    is_voice_label,
    loads,
    own_spellings,
    read,
    read_source,
    replace_front_matter,
)

if TYPE_CHECKING:
    from .workspace import Workspace

REMOVED_TURN = "[verwijderd op verzoek]"
REMOVED_NAME = "[naam verwijderd]"
#: What takes the place of the organisation or the role of someone left out in a title or an intro (who_they_are).
REMOVED_ORGANISATION = "[organisatie verwijderd]"
REMOVED_ROLE = "[functie verwijderd]"
JOURNAL = ".forget-journal.json"
#: forget's record, in the transcripts folder, of whom it took out: no name, a salted SHA-256 of each spelling it took
#: (case and accents aside), so that a programme applied or ingested later does not add them back (session 58 left:
#: Fatma Yilmaz, forgotten, came back published at another table the programme lists her at).
FORGOTTEN = ".forgotten.json"


@dataclass
class Removal:
    """One thing forgetting removed (or, in a dry run, would remove), and where."""

    where: str
    what: str


@contextmanager
def set_status(path: Path, status: str, participant: str | None = None) -> Iterator[Conversation]:
    """Set the publication status of a conversation, or of one participant in it.

    A context manager: the new transcript is written to a temporary file first, the block
    runs with the changed conversation (to store it in the database), and only if both
    succeed is the transcript replaced. A full disk or a failing database changes nothing.

    Raises:
        GesprekkenError: an unknown status or participant.
    """
    if status not in STATUSES:
        raise GesprekkenError(f"{status!r} is not a publication status; use one of {', '.join(STATUSES)}")
    with transcripts_lock(path.parent):  # no desk save between the read and the write (nor undone by it)
        text = read_source(path)
        conversation = loads(text, path)
        if participant is None:
            changed = replace(conversation, status=status)
        else:
            names = [p.name for p in conversation.participants]
            if participant not in names:
                close = [n for n in names if alike_names(n, participant)]  # case and spacing aside too
                meant = f"; did you mean {close[0]!r}?" if close else ""
                raise GesprekkenError(
                    f"{participant!r} is not a participant of {path.name}; participants: {', '.join(names) or 'none'}"
                    + meant
                )
            changed = replace(
                conversation,
                participants=[
                    replace(p, status=status) if p.name == participant else p for p in conversation.participants
                ],
            )
        with atomic_write(path) as handle:
            handle.write(replace_front_matter(text, changed))
            handle.flush()
            os.fsync(handle.fileno())
            yield changed


def withheld_voices(conversation: Conversation, participant: str) -> list[str] | None:
    """After ``participant``'s status changed: None when the unnamed voices are public or withheld as
    they were (``participant`` is published, or the conversation is not public at all); else the
    unnamed voices kept from the public with them (any may be theirs, see
    Conversation.published_for), empty when there are none."""
    if conversation.status != "published" or conversation.status_of(participant) in (None, "published"):
        return None
    return conversation.unnamed_voices()


def withheld_voices_note(conversation: Conversation, participant: str) -> str | None:
    """One sentence on what :func:`withheld_voices` found, and on the voices named automatically that
    are kept back with them (:meth:`Conversation.held_for_naming`), with the commands that settle it."""
    notes = [note for note in (_unnamed_voices_note(conversation, participant), held_note(conversation)) if note]
    return "; ".join(notes) or None


def confirmable(conversation: Conversation) -> list[str]:
    """The published participants' voices that the public copy leaves out only until an editor confirms
    their automatic name (:meth:`Conversation.held_for_naming`): confirming shows them. Not a voice kept
    back as someone else's too (it introduces itself as, or its name looks like, someone left out)."""
    other = {
        s.casefold() for s in (*conversation.introduced_as({"published"}), *conversation.lookalikes({"published"}))
    }

    def published(name: str) -> bool:  # case aside, as Conversation.published_for reads a heading
        people = [p for p in conversation.participants if p.name.casefold() == name.casefold()]
        return bool(people) and all(p.status == "published" for p in people)

    return [name for name in conversation.held_for_naming() if published(name) and name.casefold() not in other]


def confirm_command(conversation_id: str, voices: Iterable[str]) -> str:
    """The command that confirms each of ``voices`` at once (one ``--confirm "NAME"`` each)."""
    return f"gesprekken speakers {conversation_id[:8]} " + " ".join(f'--confirm "{v}"' for v in voices)


def written_otherwise_advice(conversation_id: str, names: dict[str, str], speaking: Iterable[str]) -> str:
    """Why every voice named automatically stays back where automatic naming gave a name that is a
    participant's in other case alone (``names``: each with that participant, see
    :meth:`Conversation.held_for_case`), and the two ways to settle it: the voice renamed to the name as
    written (merged into it where a heading has it already: ``speaking``), or the participant's entry corrected."""
    short, speaking = conversation_id[:8], set(speaking)
    said = "; ".join(
        f"{name} is no participant's name as written ({like} is, case aside): give the voice the exact name with "
        f"'gesprekken speakers {short} {'--merge' if like in speaking else '--rename'} \"{name}={like}\"', or "
        f"correct the participant's entry to {name}"
        for name, like in names.items()
    )
    return f"every voice named by automatic naming alone stays from the public until an editor confirms it, as {said}"


def held_note(conversation: Conversation) -> str | None:
    """One sentence on the voices that stay back until an editor confirms their automatic name
    (:func:`confirmable`), with the command that shows each again, and on a name automatic naming gave
    that is a participant's in other case alone, which holds them all; None when none."""
    where = f"{conversation.title!r} ({conversation.id[:8]})"
    otherwise = conversation.held_for_case()
    if otherwise:  # a name in other case holds them all: settling it shows them
        held = conversation.held_for_naming()
        return (
            f"{' and '.join(held)} in {where} {'is' if len(held) == 1 else 'are'} kept from the public too: "
            f"{written_otherwise_advice(conversation.id, otherwise, (t.speaker for t in conversation.turns))}"
        )
    held = confirmable(conversation)
    if not held:
        return None
    return (
        f"{' and '.join(held)} in {where} {'is' if len(held) == 1 else 'are'} kept from the public too, named "
        "by automatic naming alone, which now and then names a pair the wrong way round: listen, and confirm "
        f"{'it' if len(held) == 1 else 'each'} with '{confirm_command(conversation.id, held)}' (or under "
        "Stemmen at the desk) to show it again"
    )


def unconfirmed_voices(conversation: Conversation) -> list[str]:
    """The voices the public sees under a name automatic naming alone gave, no editor confirmed (each once): where
    everyone is published nothing holds them back (:meth:`Conversation.held_for_naming` holds them only beside
    someone who is not), so a pair named the wrong way round is public under each other's names (an attack on
    naming, session 44)."""
    if conversation.status != "published":
        return []
    held = {name.casefold() for name in conversation.held_for_naming()}
    speaking = {t.speaker for t in conversation.turns}
    return list(
        dict.fromkeys(
            s.name
            for s in conversation.speakers
            if s.name
            and not s.confirmed
            and s.name in speaking
            and s.name.casefold() not in held
            and conversation.published_for(s.name)
        )
    )


def unconfirmed_note(conversation: Conversation) -> str | None:
    """One sentence on :func:`unconfirmed_voices`, with the command that confirms them; None when none."""
    names = unconfirmed_voices(conversation)
    if not names:
        return None
    one = len(names) == 1
    return (
        f"{' and '.join(names)} in {conversation.title!r} ({conversation.id[:8]}) {'is' if one else 'are'} public "
        f"under {'a name' if one else 'names'} automatic naming gave, which no editor confirmed (it names a pair "
        f"the wrong way round now and then): listen, and confirm {'it' if one else 'each'} with "
        f"'{confirm_command(conversation.id, names)}' (or under Stemmen at the desk)"
    )


def after_forget_note(conversation: Conversation) -> str | None:
    """One sentence on the unnamed voices (a voice's label, "Spreker 3") that every route keeps from the
    public after ``forget`` removed someone from ``conversation``, for a part of the removed voice may be
    under them (see :func:`gesprekken.export.publishable`), with what shows each again; None when none."""
    if conversation.status != "published" or not any(t.speaker == REMOVED_SPEAKER for t in conversation.turns):
        return None
    voices = [v for v in conversation.unnamed_voices() if is_voice_label(v)]
    if not voices:
        return None
    short = conversation.id[:8]
    return (
        f"{' and '.join(voices)} in {conversation.title!r} ({short}) {'is' if len(voices) == 1 else 'are'} kept "
        "from the public too, for a part of the removed voice may be there: listen, and name each for who speaks, "
        f"with 'gesprekken speakers {short} --rename \"{voices[0]}=NAME\"' where NAME speaks in no other turn, or "
        f'--merge "{voices[0]}=NAME" where NAME does, to show it again'
    )


def _unnamed_voices_note(conversation: Conversation, participant: str) -> str | None:
    voices = withheld_voices(conversation, participant)
    if voices is None:
        return None
    short = conversation.id[:8]
    where = f"{conversation.title!r} ({short})"
    if participant in conversation.unheard({"published"}):
        if not voices:
            return (
                f"{participant} speaks in no turn of {where}: if they spoke, their words are still public under "
                f"another name; find their voice with 'gesprekken speakers {short}' and rename it to {participant}"
            )
        return (
            f"{participant} has no named voice in {where}, so {_kept_too(voices, ' there')} are kept from the public "
            f"as well: {name_their_voice(conversation, participant)}; name the others for their participants too, "
            f"to show them again{_listing_advice(voices)}"
        )
    notes = []
    # A voice whose own words say it is them is kept back as theirs (see introduced_as), named or not.
    introduced = conversation.introduced_as({"published"})
    others = [v for v, who in introduced.items() if who == participant and v != participant]
    rest = [v for v in voices if v not in others]
    if rest:
        # Their voice split in two is merged into theirs (renaming refuses a name that speaks already),
        # and a voice named for someone who is no participant stays back (Conversation.published_for).
        notes.append(
            f"{_kept_too(rest, f' in {where}')} are kept from the public as well, "
            f"for any of them may be {participant}'s; listen, and merge a part of their voice into theirs with "
            f"'gesprekken speakers {short} --merge \"VOICE={participant}\"', and name each other voice for its "
            f"participant with 'gesprekken speakers {short} --rename \"VOICE=NAME\"' (adding someone missing to "
            f"the transcript's participants first) to show it again{_listing_advice(rest)}"
        )
    if others:
        notes.append(
            f"{' and '.join(others)} in {where} also introduces itself as {participant}, whose turns are kept "
            "from the public, and so are its own; listen, and name the voice that is theirs with "
            f"'gesprekken speakers {short} --rename \"VOICE={participant}\"' (--force where the names disagree)"
        )
    return "; ".join(notes) or None


def _kept_too(voices: list[str], where: str) -> str:
    """The speakers no participant is named for, as what they are: "the voices nobody is named for there
    (Spreker 2) and the names nobody listed as a participant (Kees Mol)"."""
    from .transcript import labels_and_names

    labels, names = labels_and_names(voices)
    parts = [f"the voices nobody is named for{where} ({', '.join(labels)})"] if labels else []
    if names:
        which = "the name" if len(names) == 1 else "the names"
        parts.append(f"{which} nobody listed as a participant{'' if labels else where} ({', '.join(names)})")
    return " and ".join(parts)


def _listing_advice(voices: list[str]) -> str:
    """For the names among ``voices`` nobody listed: how their turns are shown ("" where there are none)."""
    from .transcript import labels_and_names

    names = labels_and_names(voices)[1]
    if not names:
        return ""
    return (
        f"; {' and '.join(names)} {'is' if len(names) == 1 else 'are'} no participant's name: add them to the "
        "transcript's participants with a status (at the desk: Deelnemers), or rename the voice to its participant"
    )


def kept_back_note(conversation: Conversation) -> str | None:
    """After a whole conversation was published: one sentence on the turns that still stay from the
    public (:func:`gesprekken.export.omissions`, the rule every route follows; a participant not
    published who speaks in no turn of their own is left out of it: nothing is kept back in their name)
    and, per kind, how to show them; None when every turn is public."""
    from .export import omission_line, omissions

    if conversation.status != "published":
        return None
    speaking = {t.speaker.casefold() for t in conversation.turns}
    found = [
        o
        for o in omissions(conversation, include_unpublished=False)
        if o.kind != "participant" or o.people[0].casefold() in speaking
    ]
    # Someone not published who speaks in no turn, while every voice has another's name: nothing is kept back,
    # but if they spoke, their words are public under that name (diarization merged two voices, say).
    # (the held voices are said by their own omission: not again by held_note)
    note = _unnamed_voices_note if any(o.kind == "held" for o in found) else withheld_voices_note
    unheard = [
        note(conversation, p.name)
        for p in conversation.participants
        if p.status != "published"
        and p.name in conversation.unheard({"published"})
        and not conversation.unnamed_voices()
    ]
    unheard = [note for note in unheard if note]
    if not found:
        return "; ".join(unheard) or None
    short = conversation.id[:8]
    notes = [omission_line(o) for o in found] + unheard
    if any(o.kind in ("unnamed", "lookalike") for o in found):
        notes.append(
            f"listen, and name each voice nobody is named for with 'gesprekken speakers {short} --rename "
            "\"VOICE=NAME\"' (or merge a part of someone's voice into theirs with --merge) to show it"
        )
    notes += [
        f"if {o.voices[0]} is {o.people[0]}, rename it to {o.people[0]}; if Whisper misheard, correct the words "
        "of its introduction"
        for o in found
        if o.kind == "introduced"
    ]
    # internal is the default where the programme said nothing of consent: say how to publish who agreed
    # (never one who withdrew: taking that back is theirs to ask)
    internal = [o.people[0] for o in found if o.kind == "participant" and o.status == "internal"]
    if internal:
        commands = " and ".join(f"'{publication_command(short, 'published', n)}'" for n in internal)
        notes.append(f"publish {'each' if len(internal) > 1 else 'them'}, once they agreed, with {commands}")
    return f"not every turn of {conversation.title!r} ({short}) is public: " + "; ".join(notes)


def name_their_voice(conversation: Conversation, participant: str) -> str:
    """How to find ``participant``'s voice among the unnamed ones: each voice's first words (and whom
    it introduces itself as), and the command that names it. The voice is given only where its own
    introduction points to it: the first unnamed voice is merely the first one heard."""
    from .corrections import summarise
    from .naming import self_introductions

    voices = conversation.unnamed_voices()
    first_words = {s.speaker: s.first_words for s in summarise(conversation)}
    introduced = self_introductions(conversation)
    described = []
    for voice in voices:
        said = list(introduced.get(voice, {}))
        who = f", introduces itself as {' and '.join(said)}" if said else ""
        described.append(f'{voice} ("{first_words.get(voice, "")} …"{who})')
    theirs = [voice for voice in voices if participant in introduced.get(voice, {})]
    short = conversation.id[:8]
    if len(theirs) == 1:
        return (
            f"{'; '.join(described)}; {theirs[0]} introduces itself as {participant}: listen, and if it is them "
            f"name it with 'gesprekken speakers {short} --rename \"{theirs[0]}={participant}\"'"
        )
    return (
        f"{'; '.join(described)}; listen (or read their turns) to find which voice is theirs, then name it "
        f"with 'gesprekken speakers {short} --rename \"VOICE={participant}\"'"
    )


# --- forgetting ---------------------------------------------------------------------------


#: Titles before a name in a programme ("dr. Piet Hein Donner", "Mr. Anna Kok"): not part of how others say it.
TITLES = frozenset({"dr", "drs", "mr", "ir", "prof", "ds", "dhr", "mevr", "mw"})
#: ... and those taken for a title only with their dot, for a given name may be one ("Ing de Vries").
DOTTED_TITLES = frozenset({"ing", "bc", "em"})


def name_as_said(person: str) -> str:
    """``person`` as others say the name: without a title before it ("dr. Piet Hein Donner"), a degree or a role
    after a comma ("Anna Kok, MSc", "Kees Mol, wethouder"), in the order of speech where it is written surname
    first ("Mol, Kees", "Heijden, van der, Marloes", "de Vries, jan", "Jansen-van Dijk, Els")."""
    from .names import PARTICLES

    words = person.split()
    while len(words) > 1 and (
        words[0].casefold().rstrip(".") in TITLES
        or (words[0].endswith(".") and words[0].casefold().rstrip(".") in DOTTED_TITLES)
    ):
        words = words[1:]
    name = " ".join(words)
    if "," not in name:
        return name
    parts = [part.split() for part in name.split(",")]
    # a degree, or a role in lower case, after the last comma of three or more parts: "Kok, Anna, MSc",
    # "Mol, Kees, wethouder"
    while len(parts) > 2 and (_postnominal(parts[-1]) or (parts[-1] and parts[-1][0].islower())):
        parts.pop()
    head, *tail = parts
    after = [w for part in tail for w in part]
    given = [w for w in after if w.casefold() not in PARTICLES]
    surname = [w for w in head if w.casefold() not in PARTICLES]
    one_surname = bool(head) and (head[0].casefold() in PARTICLES or len(surname) == 1 or double_surname_start(head[0]))
    written_as_given = given and (given[0][:1].isupper() or head[0].casefold() in PARTICLES)
    if one_surname and written_as_given and not _postnominal(after):
        particles = [w for w in after if w.casefold() in PARTICLES] + [w for w in head if w.casefold() in PARTICLES]
        return " ".join(given + particles + surname)
    return " ".join(head) or name


def _postnominal(words: list[str]) -> bool:
    """Whether every one of ``words`` is a degree or a suffix written after a name ("MSc", "Ph.D.", "jr.")."""
    return all(w.casefold().strip(".") in POSTNOMINALS for w in words)


def given_and_surname(name: str) -> tuple[list[str], list[str]]:
    """The given names and the surname (with its particles) of ``name`` (:func:`name_as_said`), as words:
    "Piet Hein Donner" -> Piet Hein, Donner; "Els Jansen-van Dijk" -> Els, Jansen-van Dijk; "De Vries" ->
    nothing, De Vries."""
    from .names import PARTICLES

    words = name.split()
    if not words or words[0].casefold() in PARTICLES:
        return [], words
    start = next(
        (i for i in range(1, len(words)) if words[i].casefold() in PARTICLES or double_surname_start(words[i])),
        len(words) - 1,
    )
    return words[:start], words[start:]


def name_forms(person: str, sounds: bool = True) -> list[str]:
    """The full names ``person`` goes by, as others say or write them (a helper's attack, session 44, found each
    form public after a withdrawal): first as said (:func:`name_as_said`), then with its first given name alone
    ("Piet Donner") and as Whisper may spell it ("Cees Mol": :func:`_spelt_otherwise`), a hyphenated given name
    spaced or joined ("Anne Marie", "Annemarie"), each part of a
    double surname ("Sjaak de Wit", "Sjaak Hoogerwerf", "Els van Dijk"), and each surname with its "ij" written
    otherwise ("Marieke Meyer", "Marieke Meier": :func:`_ij_spellings`)."""
    name = name_as_said(person)
    given, last = given_and_surname(name)
    if not given or not last:
        return [name]
    firsts = [" ".join(given), given[0], *(form for one in given for form in _unhyphened(one))]
    firsts += _spelt_otherwise(given[0])
    surname = " ".join(last)
    lasts = [surname]
    if "-" in surname.lstrip("-"):  # "de Wit-Hoogerwerf": "de Wit", "Hoogerwerf"; "Jansen-van Dijk": "van Dijk"
        head, _, tail = surname.partition("-")
        lasts += [head, tail]
    # a name's "ij" finds "y" and "ĳ" too (_letters): the other forms are those with "ij" or "ei"
    spellings = other_spellings if sounds else _ij_spellings
    lasts += [spelt for one in lasts for spelt in spellings(one) if not re.search("[yĳ]", spelt, re.IGNORECASE)]
    return list(dict.fromkeys([name] + [f"{first} {rest}" for first in firsts for rest in lasts]))


def other_spellings(surname: str) -> list[str]:
    """The other ways ``surname`` is written that Whisper cannot hear apart: its "ij" (:func:`_ij_spellings`) and
    its sounds (:func:`_sound_spellings`), each on its own."""
    return list(dict.fromkeys([*_ij_spellings(surname), *_sound_spellings(surname)]))


#: One change each of how a Dutch surname's last word sounds the same written otherwise (a tester's find, session
#: 46: "Janssen" kept Gert Jansen's surname): an "s" or "ss" before "en", "sen" or "se" at the end, "d", "t" or "dt"
#: at the end, "ck" or "k" (or "kk"), "C" or "K" at the start, "x", "ks" or "kx" at the end, "gh" or "g", "sch" or
#: "s", a last consonant single or doubled, a long vowel in an open syllable single or doubled.
SOUNDS = (
    (r"(?<=[aeiouylnr])ss(?=en?$)", "s"),
    (r"(?<=[aeiouylnr])s(?=en?$)", "ss"),
    (r"(?<=\w\w[^aeiou])en$", "e"),
    (r"(?<=[sd])e$", "en"),
    (r"(?<=[aeiouylnr])dt$", "d"),
    (r"(?<=[aeiouylnr])dt$", "t"),
    (r"(?<=[aeiouylnr])d$", "t"),
    (r"(?<=[aeiouylnr])d$", "dt"),
    (r"(?<=[aeiouylnr])t$", "d"),
    (r"(?<=[aeiouylnr])t$", "dt"),
    (r"ck", "k"),
    (r"(?<=[aeiou])kk", "ck"),
    (r"(?<=[aeiouj])k(?=s?$)", "ck"),
    (r"^C(?=[aoulr])", "K"),
    (r"^K(?=[aoulr])", "C"),
    (r"(?:c?k[sx]|x)$", "ks"),
    (r"(?:c?k[sx]|x)$", "kx"),
    (r"(?:c?k[sx]|x)$", "x"),
    (r"(?<=\w\w[aeiou])(?:k[sx]|x)$", "ckx"),  # "Hendrickx" of Hendriks (session 46's leak); not "Dickx" of Dix
    (r"(?<=\w\w[aeiou])(?:k[sx]|x)$", "cks"),
    (r"gh$", "g"),
    (r"(?<=[aeiourln])g$", "gh"),
    (r"sch$", "s"),
    (r"(?<=[^aeiou][ao])s$", "sch"),
    (r"(?<=[aeiou])([flmpst])\1$", r"\1"),
    (r"(?<=[^aeiou][aeiou])([lmpst])$", r"\1\1"),
    (r"(?<=[aeiou])f$", "ff"),
    (r"(?<![aeiou])(aa|ee|oo)(?=[bdfgklmnprstvz][aeiou])", lambda m: m[1][0]),
    (r"(?<![aeiou])([aeo])(?=[bdfgklmnprstvz][aeiou])", lambda m: m[1] * 2),
)


def _sound_spellings(surname: str) -> list[str]:
    """The other ways ``surname``'s last word is written that sound the same (:data:`SOUNDS`, one change each):
    "Jansen" -> "Janssen", "Janse"; "Smit" -> "Smid", "Smidt"; "Hendriks" -> "Hendrikx", "Hendrix"; "Peters" ->
    "Peeters"; "van den Berg" -> "van den Bergh"; "Mol" -> "Moll"; nothing where no rule applies ("Visser")."""
    head, _, last = surname.rpartition(" ")
    if len(last) < 3 or not last[:1].isalpha():
        return []
    spellings = []
    for pattern, replacement in SOUNDS:
        spelt = re.sub(pattern, replacement, last, count=1)
        if spelt != last and len(spelt) >= 3:
            spellings.append(f"{head} {spelt}" if head else spelt)
    return list(dict.fromkeys(spellings))


#: An "ij" in a surname, and an "e" or "u" before it: Whisper cannot hear it from "ei" and often writes "y", an
#: editor may type the one letter "ĳ"; "eij" and "uij" are heard as "ei" and "ui" ("Meier", "Kuipers"), and so an
#: "ei" or "ui" of a programme's is "eij" and "uij" too ("Meier" said "Meijer", "Kuipers" "Kuijpers").
IJ = re.compile(r"([eu]?)(ij|ĳ|y|(?<=[eu])i(?!j))", re.IGNORECASE)


def _ij_spellings(surname: str) -> list[str]:
    """The other ways ``surname``'s "ij" (or "y", "ĳ", "ei", "ui") is written (:data:`IJ`): "Meijer" -> "Meyer",
    "Meier", "Meĳer"; "Kuijpers" -> "Kuypers", "Kuipers", "Kuĳpers"; "Meyer" and "Meier" -> "Meijer" and the rest;
    nothing for a surname without one. Each the same way throughout ("van Rijswijk" -> "van Ryswyk")."""

    def written(match: re.Match, ij: str) -> str:
        ij = "i" if match[1] and ij == "ei" else ij
        capital = match[2][0].isupper()
        return match[1] + ("IJ" if ij == "ij" else ij.capitalize()) if capital else match[1] + ij

    spellings = [IJ.sub(lambda m, ij=ij: written(m, ij), surname) for ij in ("ij", "y", "ei", "ĳ")]
    return [spelt for spelt in dict.fromkeys(spellings) if spelt != surname] if IJ.search(surname) else []


def _spelt_otherwise(first: str) -> list[str]:
    """A first name as Whisper spells it now one way, now the other: "Kees" -> "Cees", "Erik" -> "Eric", "Thijs"
    -> "Tijs", "Chris" -> "Kris", "Gerd" -> "Gert", "Stefan" -> "Stephan", "Mohammed" -> "Mohamed", and back
    (:func:`name_variants` leaves one out that is a Dutch word or a kept person's)."""
    spellings = {
        re.sub(r"^K(?=[aoulr]|ee)", "C", first),
        re.sub(r"^C(?=[aoulr]|ee)", "K", first),
        re.sub(r"(?<=[aeiour])k$", "c", first),
        re.sub(r"(?<=[aeiour])c$", "k", first),
        re.sub(r"^Th", "T", first),
        re.sub(r"^T(?!h)", "Th", first),
        # (a tester's finds, session 46) "Chris"/"Kris", "Gerd"/"Gert", "Stefan"/"Stephan", "Mohamed"/"Mohammed"
        re.sub(r"^Chr", "Kr", first),
        re.sub(r"^Kr", "Chr", first),
        re.sub(r"(?<=[aeiourln])d$", "t", first),
        re.sub(r"(?<=[rn])t$", "d", first),
        re.sub(r"ph", "f", first),
        re.sub(r"(?<=[aeiou])f(?=[aeiou])", "ph", first),
        re.sub(r"mm", "m", first),
        re.sub(r"(?<=[aeiou])m(?=[aeiou])", "mm", first),
    }
    return sorted(spellings - {first})


def _unhyphened(given: str) -> list[str]:
    """A hyphenated given name as Whisper or a handle writes it: "Anne-Marie" -> "Anne Marie", "Annemarie",
    "AnneMarie"; nothing for a name without a hyphen."""
    if "-" not in given:
        return []
    a, _, b = given.partition("-")
    return [f"{a} {b}", a + b.lower(), a + b]


def _diminutives(first: str) -> list[str]:
    """What friends call ``first``: "Keesje", "Wimpje", "Annatje" (by the ending's common rule only; a first name
    that is a Dutch word, "Jan" or "Piet", gets none: see :func:`name_variants`)."""
    if first[-1:].casefold() in "aeiouy":
        return [first + "tje", first + "atje" if first.endswith("a") else first + "tje"]
    if first[-1:].casefold() == "m":
        return [first + "pje"]
    return [first + "je", first + "tje"] if first[-1:].casefold() in "lnrw" else [first + "je"]


def name_variants(person: str, bare: bool = False, spare: Iterable[str] = ()) -> list[str]:
    """The ways a person is named in text: full name, surname (with its particle), first name, in every form
    the name goes by (:func:`name_forms`); given names together ("Piet Hein", "Anne Marie"); the first given
    name's diminutive ("Keesje", where the name is no Dutch word); an initial with the surname ("K. Mol"); "'t"
    said "het" with the first name, a form of address or capitalised within a sentence ("Anne-Marie van het Hof",
    "mevrouw Van het Hof", "zoals Van het Hof zei"; not "van het Hof", which is Dutch for a court); the name
    joined as a handle or an address writes it ("KeesMol", "@keesmol", "kees.mol@...", and before an "@" alone
    where it is short or a word: "k.mol@...", "kmol@...", :data:`BEFORE_AN_ADDRESS`) and the surname's particles
    run together as Whisper writes them now and then ("Vanderheijden", "Vandijk"); with ``bare``, also the
    surname's last word alone ("Heijden"), for looking wider where nothing is cut from what others said (file
    names, the desk's saves that forget deletes).

    What only those other forms give alone (a part of a hyphenated given name) is left out where it is a Dutch
    word or a given name of someone kept (``spare``, case aside: "Anne" of Anne-Marie Kok where Anne Bos is
    published); a further given name alone ("Lieve" of Anna Lieve de Jong) is none: people are called by their
    first. A surname spelt otherwise alone that is a word anyone says ("Bruin" of Thijs Bruijn) names them only
    capitalised within a sentence, as "Boer" of Joost de Boer does. The name as said is theirs as before."""
    from .heard import is_common

    forms = name_forms(person)
    split = {form: given_and_surname(form) for form in forms}
    name = forms[0]
    variants = set(_form_variants(name, bare))
    # a letter written as two where it cannot be typed: "Weiss" of Jürgen Weiß, "Mueller" of Müller, "Oestergaard" of
    # Østergaard (accents taken off are found already, :func:`_plain_letters`; a reviewer's read, session 58)
    spelt_out = name.translate(SPELT_OUT)
    if spelt_out != name:
        variants |= set(_form_variants(spelt_out, bare))
    if person != name:  # as the programme writes it, too ("dr. Piet Hein Donner", "Mol, Kees")
        variants |= {person, CASE_ASIDE + person}
    extra = {v for form in forms[1:] for v in _form_variants(form, bare)}
    given, last = split[name]
    if given and last:
        surname = " ".join(last)
        if len(given) > 1:  # "Piet Hein", "Jan Peter", "Jan-Peter": one name, replaced as one
            extra |= {" ".join(given), "-".join(given)}
        extra |= {form for one in given for form in _unhyphened(one)}  # "Anne Marie", "Annemarie", alone
        if "-" in surname.lstrip("-"):  # "Jansen-van Dijk" alone, as the surname it is
            extra |= {surname, surname[:1].upper() + surname[1:]}
        first = given[0]
        if first[:1].isupper() and "-" not in first and not is_dutch_word(first):
            extra |= {d for d in _diminutives(first) if not is_dutch_word(d)}
        if first[:1].isalpha():  # "K. Mol", "M. van der Heijden", "K.Mol"
            extra |= {f"{first[0]}. {surname}", f"{first[0]}.{surname}"}
            # every given name's initial: "K.J. Mulder", "K.J.Mulder", "KJ Mulder", "K.-J. Mulder" of Kees-Jan Mulder
            # (an initial stood before the marker: "K.[naam verwijderd]", "K.J. [naam verwijderd]", session 57's note)
            letters = [part[0] for one in given for part in one.split("-") if part[:1].isalpha()]
            if len(letters) > 1:
                dotted = ".".join(letters) + "."
                extra |= {f"{dotted} {surname}", f"{dotted}{surname}", f"{''.join(letters)} {surname}"}
                extra |= {".-".join(letters) + f". {surname}", f"{''.join(letters)}. {surname}"}
                extra |= {f"{' '.join(letters)} {surname}", f"{'.'.join(letters)} {surname}"}  # "K J", "K.J"
            # and without its particles: "J. Boer" of Joost de Boer (a helper's attack, session 51: after "J." the
            # word "Boer" reads as opening a sentence, so it was no one's)
            core = surname.split()[-1]
            if core != surname and core[:1].isalpha():
                extra.add(f"{first[0]}. {core[:1].upper()}{core[1:]}")
            # and its other spellings: "K. Hendrix" of Kees Hendriks (a reviewer's read)
            extra |= {f"{first[0]}. {spelt}" for spelt in other_spellings(surname)}
        if re.search(rf"(?<!\w)[{APOSTROPHES}]t(?!\w)", surname):
            said = re.sub(rf"(?<!\w)[{APOSTROPHES}]t(?!\w)", "het", surname)
            for form in {said, said[:1].upper() + said[1:], said[:1].lower() + said[1:]}:
                extra |= {f"{f} {form}" for f in (" ".join(given), first)}
                extra |= {f"{title} {form}" for title in ADDRESSES}
            # capitalised within a sentence: "zoals Van het Hof al zei" (not "Van het Hof van Justitie" opening one)
            extra.add(WITHIN_A_SENTENCE + said[:1].upper() + said[1:])
        # as a handle or an e-mail address writes it: "KeesMol", "keesmol", "Kees_Mol", "kees.mol", "kees-mol",
        # "marloes.vanderheijden", "m.vanderheijden"
        for form in forms:
            words = [re.sub(rf"[{APOSTROPHES}-]", "", w) for w in form.split()]
            its_given = len(split[form][0])
            glued = "".join(words[its_given:])
            # in a handle, also surname first, an initial, the particles shortened: "www.molkees.nl",
            # "@MvanderHeijden", "@MarloesvdHeijden" (a reviewer's read, session 46)
            given_glued = "".join(words[:its_given])
            shortened = re.sub(r"^van(?:de[nr]?)", "vd", glued.lower()) if len(words) - its_given > 1 else ""
            extra |= {
                IN_A_HANDLE + handle
                for handle in (
                    (glued + given_glued).lower(),
                    (words[0][:1] + glued).lower(),
                    (glued + words[0][:1]).lower() + ENDS_IN_AN_INITIAL,  # "@vanderheijdenm", "@van.der.heijden.m"
                    # the particles shortened with an initial: "@mvdheijden", "@vdheijden_m" (a reviewer's read)
                    *(
                        (
                            (words[0][:1] + shortened).lower(),
                            shortened.lower() + words[0][:1].lower() + ENDS_IN_AN_INITIAL,
                        )
                        if shortened
                        else ()
                    ),
                    *(((given_glued + shortened).lower(),) if shortened else ()),
                )
                if len(handle.rstrip(ENDS_IN_AN_INITIAL)) >= 7
            }
            # a short name, surname first or not, only where a mark parts its words ("@kok_ria", "kok.ria@" of Ria
            # Kok: a second reviewer's read; "ria%20kok.pdf": a third's; "@kokria" alone may be anything)
            extra |= {
                IN_A_HANDLE + handle + ACROSS_A_MARK
                for handle in ((glued + given_glued).lower(), (given_glued + glued).lower())
                if 5 <= len(handle) < 7 and given_glued
            }
            # "k.mol", "kmol", "mol.k"
            initials = tuple(
                f"{a}{sep}{b}".lower()
                for a, sep, b in ((words[0][:1], ".", glued), (words[0][:1], "", glued), (glued, ".", words[0][:1]))
            )
            for joined in (
                "".join(words),
                "_".join(words),
                *(sep.join(words).lower() for sep in ("", ".", "_", "-")),
                ".".join([*words[:its_given], glued]).lower(),
                *initials,
                # the surname with its particles run together, as Whisper writes it now and then: "Vanderheijden"
                # ("vanderheijden" too, as a handle or an editor writes it)
                *((glued[:1].upper() + glued[1:].lower(), glued.lower()) if len(words) - its_given > 1 else ()),
            ):
                if joined == "".join(words).lower() and len(joined) >= 7:  # "@MariekeMeijerNL", "#TeamKeesMol"
                    extra.add(IN_A_HANDLE + joined)
                if len(joined) > 4 and not is_dutch_word(joined) and (len(glued) > 4 or joined not in initials):
                    extra.add(joined)
                elif len(joined) > 2:  # short or a word ("k.mol", "kmol"): theirs in an address alone
                    extra.add(BEFORE_AN_ADDRESS + joined)
            # with each word's first letter in either case, as a handle or Belgian writing has them: "JoostDeBoer",
            # "DeBoer", "VanderHeijden", "deBoer", "keesMol" (a helper's attack and a reviewer's read, session 56:
            # only "JoostdeBoer" and "Deboer" were found); a capital inside, so no one's name that is the same
            # letters ("Joris" beside Jo Ris: a reviewer)
            camel = set()
            for parts in (words, words[its_given:]) if len(words) - its_given > 1 else (words,):
                for cases in itertools.product((str.upper, str.lower), repeat=len(parts)):
                    camel.add("".join(case(w[:1]) + w[1:] for case, w in zip(cases, parts, strict=True)))
            extra |= {c for c in camel if len(c) > 4 and re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", c)}
    spared = {w.casefold() for w in spare}
    # a given name's word, alone, as another form gives it ("Anne" of "Anne Marie Kok")
    given_words = {w.casefold() for form in forms for g in split[form][0] for w in re.split(r"[-\s]", g)}

    own_words = {w.casefold() for w in re.split(r"[-\s]", name)}
    # a surname as Whisper may spell it otherwise, alone: capitalised, of four letters or more, and where it is a
    # Dutch word only within a sentence and not in capitals ("zei Bruin"; not "Het peil", "Stand By Me", "Lekker
    # Bruin Brood" nor "BRUIN": a reviewer's read)
    spelt = {w.casefold() for sp in (other_spellings(" ".join(last)) if last else []) for w in re.split(r"[-\s]", sp)}
    spelt -= own_words | PARTICLES
    # a surname as it sounds ("Janssen" of Jansen), alone, only where it is no common word or name: "Premier Rutte",
    # "Hugo Boss", "Jimi Hendrix", "Wall Street", "Houdt u ...", "de Hoge Raad" are no Rutten's, Bos's, Hendriks's,
    # Van der Wal's, Van Hout's, Raat's (a reviewer's read); after a form of address it is theirs ("meneer Janssen")
    ij_spelt = {w.casefold() for sp in (_ij_spellings(" ".join(last)) if last else []) for w in re.split(r"[-\s]", sp)}
    sounded = {w for w in spelt - ij_spelt if is_common(w)}
    extra |= {f"{title} {w}" for w in spelt - ij_spelt for title in ADDRESSES for w in [w.capitalize()]}

    def as_theirs(variant: str) -> str | None:
        word = variant.lstrip(CASE_ASIDE + WITHIN_A_SENTENCE + BEFORE_AN_ADDRESS + A_PLACE)
        if " " in word or variant.startswith(BEFORE_AN_ADDRESS):
            return variant
        if word.casefold() in spelt and (
            len(word) < 4 or word.islower() or is_a_place(word) or word.casefold() in sounded
        ):
            return None  # "By" of Bij, "peil" of Pijl: Whisper capitalises a name it hears; "Bosch" is a place
        if word.casefold() in given_words:
            return variant if word.casefold() not in spared and not is_dutch_word(word) else None
        if word.casefold() not in own_words and is_dutch_word(word) and is_common(word):
            return WITHIN_A_SENTENCE + word  # a spelling that is a word anyone says ("Bruin" of Bruijn), as "zei Boer"
        return variant

    variants |= {theirs for v in extra - variants if (theirs := as_theirs(v))}
    # not in capitals a spelling kept to within a sentence ("BRUIN")
    weaker = {
        v
        for v in variants
        if v.lstrip(A_PLACE).startswith(WITHIN_A_SENTENCE) and v.lstrip(A_PLACE)[1:].casefold() in spelt
    }
    variants |= {v.upper() for v in variants if len(v) > 2 and v not in weaker and not v.startswith(IN_A_HANDLE)}
    variants = {unicodedata.normalize(form, v) for v in variants for form in ("NFC", "NFD")}
    return sorted({v for v in variants if len(v) > 1}, key=len, reverse=True)


def left_out_names(names: Iterable[str], kept: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The ways the people ``names`` are named (:func:`name_variants`, longest first, as :func:`name_spans`
    takes them), and what stays whole where it holds one of those: the names (as written and as said, with
    their given names together: "Jan Peter") and organisations of the people ``kept`` (``(name,
    organisation)``: "Jan de Vries", "Bakker Bouw" when Jan Bakker is left out), as loosely as the variants
    are found: of more than one word in any case (:data:`CASE_ASIDE`: "Jan De Vries", "Bakker bouw"), an
    organisation hyphenated too ("Bakker-Bouw"). The one rule of forget, the public copy and the exports."""
    names, kept = list(names), list(kept)
    spare = {w for name, _ in kept if name for w in re.findall(r"\w+", name_as_said(name))}
    variants = sorted({v for name in names for v in name_variants(name, spare=spare)}, key=len, reverse=True)
    # a published participant listed by one word that names one left out too ("Kees", the moderator, beside a
    # withdrawn Kees Mol) keeps no mention whole: "Kees" alone may be either (a helper's attack, session 53)
    either = {_same(v) for v in variants}
    kept = [(name, organisation) for name, organisation in kept if not _one_of(name, either)]
    # a published participant's own name is never a withdrawn one's other spelling: "Gert Janssen" stays beside a
    # withdrawn Gert Jansen, "Marieke Meier" beside Marieke Meijer (a reviewer's read, session 46)
    # (not a spelling the withdrawn one is known by: "Piet De Vries", Piet de Fries's earlier spelling, goes whole)
    theirs = {_same(v) for name, _ in kept if name for v in (name, name_as_said(name))}
    theirs -= {_same(v) for name in names for v in (name, name_as_said(name))}
    variants = [v for v in variants if _same(v) not in theirs]
    whole = []
    for name, organisation in kept:
        if name:
            said = name_as_said(name)
            given = given_and_surname(said)[0]
            whole += [name, said, *([" ".join(given)] if len(given) > 1 else [])]
            # and as Whisper may write it: "Kees Bakker" of a published Cees Bakker, "Jan Janssen" of Jan Jansen
            whole += name_forms(said)[1:]
            surname = " ".join(given_and_surname(said)[1])
            if "-" in surname.lstrip("-"):  # "mevrouw Meijer-Bakker": her double surname, alone
                whole += [surname, surname[:1].upper() + surname[1:]]
            # "Jan-Peter" (and "Jan Peter") of Jan-Peter Bos stays whole where Peter Mol is left out
            whole += [form for g in given if "-" in g for form in (g, g.replace("-", " "))]
        if organisation:
            whole += [organisation, re.sub(r"\s+", "-", organisation)]
    # Of more than one word in any case, as Whisper writes a name now and then ("ann de vries zei", "Jan De Vries",
    # "TAFEL 3: JAN DE VRIES" keeps his name when Jan Bakker goes); one word as written and in capitals. Accents,
    # white space and the Unicode form aside, as name_spans finds the variants.
    return variants, list(
        dict.fromkeys(
            k for value in whole for k in ((CASE_ASIDE + value,) if " " in value.strip() else (value, value.upper()))
        )
    )


def _one_of(name: str, either: set[str]) -> bool:
    """Whether the participant's ``name`` is one word (as written or said) among ``either``."""
    return bool(name) and any(len(form.split()) == 1 and _same(form) in either for form in (name, name_as_said(name)))


def _same(name: str) -> str:
    """``name`` as compared with another: its marks (:data:`MARKERS`), case, white space and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", name.lstrip(MARKERS)).casefold().split())


def _form_variants(person: str, bare: bool = False) -> list[str]:
    """The ways one form of a name (:func:`name_forms`) is named in text: full name, surname (with its particle),
    first name; with ``bare``, also the surname's last word alone."""
    from .heard import zipf
    from .names import GIVEN_NAME_PARTICLES, opens_with_surname, surname

    parts = person.split()
    variants = [person]
    if len(parts) > 1:
        # "De Vries" (no first name) is a surname whole, not a first name "De" and a surname "Vries"; "Al Gore" is a
        # first name and a surname, as the article prints him ("Gore:"), and "met Al" names him, within a sentence
        # ("Al jaren ..." opening one is the Dutch word: a reviewer's read, session 60)
        alone = opens_with_surname(parts)
        last = person[:1].upper() + person[1:] if alone else surname(person)
        first = WITHIN_A_SENTENCE + parts[0] if parts[0] in GIVEN_NAME_PARTICLES else parts[0]
        variants += [last] + ([] if alone else [first])
        if last != parts[-1]:
            # "Van der Heijden" mid-sentence is "van der Heijden", and Whisper may write "Van Der Heijden";
            # its last word alone is nobody's name in Dutch ("Meer huurders ..." is not Anna van der Meer's,
            # "op de Dam" not Jan van Dam's). A surname without particle is not lowered ("Bakker" to
            # "bakker"): that is a word anyone says ("een bakker", "roos").
            variants += [
                last[:1].lower() + last[1:],
                last[:1].upper() + last[1:],
                " ".join(word[:1].upper() + word[1:] for word in last.split()),
            ]
            # The surname's last word alone: where it is no Dutch word anywhere ("Heijden", "Vries"); one that is
            # a word ("Boer", "Dam", "Meer") capitalised within a sentence ("zei Boer", "met Boer"; not "Meer
            # huurders ..." opening one, :data:`WITHIN_A_SENTENCE`), and after a form of address in any case
            # ("meneer boer", "Mevrouw de boer").
            word = parts[-1]
            # a place's name only where no word says a place before it: "De gemeente Houten", "in Den Bosch" are no
            # Eva van Houten's nor Jan van den Bosch's ("zei Houten" is, and "Houten bouwt veel." too: A_PLACE)
            alone = word if not is_dutch_word(word) else WITHIN_A_SENTENCE + word
            variants.append(A_PLACE + alone if is_a_place(word) else alone)
            for title in ADDRESSES:
                variants += [f"{title} {word}", f"{title} {word.lower()}", f"{title} {last.lower()}"]
        elif zipf(last) < 5.5:  # "meneer mol", as Whisper or an editor may write it (a reviewer's find): after a
            # form of address; not a word as common as "wel" ("Is meneer wel thuis?" where Kees Wel withdrew)
            variants += [f"{t} {last.lower()}" for t in ADDRESSES]
        if bare:
            variants.append(parts[-1])
    # A name in lower case, as an editor may type it ("zei joost"), where it is no Dutch word: "joost",
    # "heijden"; not "bas", "roos" or "boer", which anyone says. The full name in lower case is theirs
    # whatever its words ("joost de boer"); so is a surname with its particle whose last word is no Dutch
    # word ("van der heijden"; not "de boer").
    variants += [
        v.lower()
        for v in variants
        if " " not in v
        and len(v) > 2
        and v != v.lower()
        and v.removeprefix(A_PLACE)[:1] != WITHIN_A_SENTENCE
        and not is_dutch_word(v.removeprefix(A_PLACE))
    ]
    if len(parts) > 1:
        variants.append(CASE_ASIDE + person)  # "joost de boer", "Joost De boer", "JOOST de Boer"
        if not is_dutch_word(parts[-1]) and not opens_with_surname(parts):
            variants.append(surname(person).lower())
    # A title or a heading in capitals ("TAFEL 3: JOOST DE BOER") names them too; a name of two letters in
    # capitals is an abbreviation far more often ("het AD" is a newspaper, not Ad Kok).
    variants += [v.upper() for v in variants if len(v) > 2]
    # "Zoë" composed (NFC: Whisper, most editors) or decomposed (NFD: a programme from macOS) is the same name.
    variants = [unicodedata.normalize(form, v) for v in variants for form in ("NFC", "NFD")]
    # Longest first, so the full name is replaced before its parts.
    return sorted({v for v in variants if len(v) > 1}, key=len, reverse=True)


#: The months and days, which the lemma tables leave out: "14 mei" is no Mei Tan (a tester's find, session 46).
CALENDAR = frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
)


def is_dutch_word(word: str) -> bool:
    """Whether ``word`` is a Dutch word (the lemma tables, and :data:`CALENDAR`), so no name alone in lower case."""
    return word.casefold() in CALENDAR or _in_lemma_tables(word)


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from .analyse import places

    return frozenset(w.casefold() for name in places() for w in (name, name.split()[-1]))


@functools.lru_cache(maxsize=1)
def _places_run_together() -> frozenset[str]:
    from .analyse import places

    return frozenset(re.sub(r"[\W_]", "", name).casefold() for name in places())


def _in_a_place(token: str, words: list[tuple[int, int]], k: int) -> bool:
    """Whether the ``k``-th of ``token``'s ``words`` (:func:`_camel_words`) is one of two to five run together that
    name a place ("#DenBosch", "#BergenOpZoom", "#WijkBijDuurstede", "#ZuidLaren", "#VeenDam": a reviewer's read)."""
    return any(
        re.sub(r"[\W_]", "", token[words[a][0] : words[b][1]]).casefold() in _places_run_together()
        for a in range(max(0, k - 4), k + 1)
        for b in range(max(k, a + 1), min(len(words), a + 5))
        if all(words[j][1] == words[j + 1][0] for j in range(a, b))
    )


def is_a_place(word: str) -> bool:
    """Whether ``word`` is a Dutch place's name or its last word ("Houten", "Bosch" of Den Bosch, "Rijn" of Alphen
    aan den Rijn): at a conference of municipalities, a surname's last word alone that is one names the place far
    more often (a tester's find, session 46: "De gemeente Houten bouwt veel." lost "Houten" to Eva van Houten)."""
    return word.casefold() in _places()


#: The marks a variant may open with (:data:`CASE_ASIDE` and the rest).
MARKERS = "\x00\x01\x02\x03\x04"


#: Forms of address before a surname: "meneer Boer", "mevrouw de boer".
HONORIFICS = ("meneer", "mevrouw", "mijnheer", "dokter", "heer", "dhr.", "mevr.", "mw.", "mr.")
#: ... as written within a sentence and opening one ("Meneer Boer").
ADDRESSES = (*HONORIFICS, *(t.capitalize() for t in HONORIFICS))
#: Marks a variant found in any case: a full name of more than one word ("joost de boer" is nobody's prose).
CASE_ASIDE = "\x01"
#: Marks a variant that names someone only within a sentence, after a word and a space ("zei Boer"), not
#: opening one ("Boer zijn is zwaar", "Meer huurders ..."): a surname's last word that is also a Dutch word.
WITHIN_A_SENTENCE = "\x00"
#: A handle's word glued before a surname or first name that is also a Dutch word that says it is a person's there
#: ("#TeamBakker", "@MevrouwGroot"; not "#DenkGroot").
PERSON_BEFORE = frozenset({"team", *(t.casefold() for t in HONORIFICS)})
#: Marks a variant that names someone only before an "@": an e-mail address's name that is short or a word alone
#: ("k.mol@gemeente.nl", "kmol@..." of Kees Mol, not "Ik zag een mol").
BEFORE_AN_ADDRESS = "\x02"
#: Marks a surname's last word that is a place's name (:func:`is_a_place`): not after a word that says a place
#: ("gemeente Houten", "naar Den Bosch", "Zwolle en Houten"), before :data:`WITHIN_A_SENTENCE` where it is a word.
A_PLACE = "\x03"
#: Marks a full name run together ("mariekemeijer") that names them anywhere inside a handle, a hashtag, an e-mail
#: address or a web address, whatever is glued to it ("@MariekeMeijerNL", "#TeamMariekeMeijer",
#: "www.mariekemeijeradvies.nl": a tester's find, session 46); in any case.
IN_A_HANDLE = "\x04"
#: A handle, a hashtag, an e-mail or a web address, or a file's name ("Mol_Kees.pdf": session 47 left).
HANDLE = re.compile(
    r"[@#][\w.%-]+|[\w.+%-]+@[\w.-]+|\b(?:https?://|www\.)[^\s<>\"')\]]+"
    # a file's name, with a copy's " (1)" ("Mol_Kees (1).PDF": a reviewer's read)
    r"|(?<![\w.%+-])[\w.%+,~&-]*\w(?: \(\d+\))?\.(?i:pdf|docx?|odt|rtf|txt|md|html?|eml|msg|xlsx?|ods|csv|pptx?|odp"
    r"|pages|key|numbers|jpe?g|png|gif|heic|tiff?|mp[34]|m4[av]|wav|ogg|webm|mov|avi|zip)\b"
)
#: A mark between a handle's words ("@mol_kees", "www.mol-kees.nl", "@van.der.heijden.m") or a space a web address
#: encodes ("/team/Kees%20Mol", "kees%20mol@"): the name is looked for with them left out, too.
MARK_IN_A_HANDLE = re.compile(r"[._+,/-]|%(?:2[0-9A-Fa-f]|3[A-Fa-f]|40|5[B-Fb-f]|60|7[B-Eb-e])")
#: At the end of a handle's form that ends in an initial ("vanderheijdenm"): it must end where a word does, as the
#: initial alone says little ("@hendriksann" is Ann Hendriks's, not a withdrawn Anouk Hendriks's: a reviewer's read).
ENDS_IN_AN_INITIAL = "$"
#: At the end of a short handle's form: it counts only where a mark parts its words (read without its marks), or a
#: capital after a small letter ("@KokRia").
ACROSS_A_MARK = "+"
#: ... those marks: "_", ".", "-", and a space as a web address or a query writes it ("@kok%20ria", "kok+ria@");
#: not a path's "/" ("/bos/eva-route" is no Eva Bos's).
PARTING_MARKS = frozenset({"_", ".", "-", "+", "%20", "%2B", "%2D", "%2E", "%5F"})
#: ... those words.
BEFORE_A_PLACE = "gemeente regio provincie in naar uit te den rond richting tussen".split()


@functools.lru_cache(maxsize=4096)
def _accents_aside(variant: str, any_case: bool = False, kept: bool = False) -> str:
    """A regular expression for ``variant`` whatever its letters' accents, composed or not: "Joost" finds
    "Jóost", "Zoë" finds "Zoe" and "Zoë" (Whisper drops an accent, an editor types one); an apostrophe is
    any apostrophe ("Joost's", "Joost’s"), a hyphen any hyphen or an en dash ("Anne‐Marie"); "van de", "van den"
    and "van der" are one another, shortened or run together too ("van der Heijden" finds "Van de Heijden" as it
    finds "v.d. Heijden", "Vander Heijden"; :data:`VAN_DE`), in the case the variant has ("van den Berg" is not
    "van de berg"; ``any_case``: read in any case, where "Van" says no more than "van"); an "ij" is also "ĳ", and
    "y" where the variant has a capital and five letters or more ("Meyer"; not "hey", "Hey" or "HEY" of Kees de
    Heij), but a "y" no "ij" ("Van Wyk" is no "wijk"); a published name (``kept``) in either spelling, as Whisper
    may write it."""
    if variant.startswith(CASE_ASIDE):
        return f"(?i:{_accents_aside(variant[len(CASE_ASIDE) :], True, kept)})"
    if variant.startswith(A_PLACE):
        said = "".join(rf"(?<!(?i:\b{w}\s))(?<!(?i:\b{w}\s\s))" for w in BEFORE_A_PLACE)
        return said + _accents_aside(variant[len(A_PLACE) :])
    if variant.startswith(BEFORE_AN_ADDRESS):
        return f"(?i:{_accents_aside(variant[len(BEFORE_AN_ADDRESS) :])})(?=\\d*@)"  # an address in any case ("kmol2@")
    if variant.startswith(WITHIN_A_SENTENCE):
        # after a word's last character (or a comma) and up to three spaces (an editor's double space, a line
        # break): not at the text's start, nor after . ! ? : and not after an article: "op de Dam", "een Boer"
        # are a place and a thing. And where no sentence opens: after a lowercase word's hyphen ("collega-Boer";
        # not "Zwart-Wit", "Noord-Zee"), a slash ("Bos/Boer"), or alone in brackets or quotes ("(Boer)",
        # "[Boer]", "“Boer”")
        word = _accents_aside(variant[len(WITHIN_A_SENTENCE) :])
        after = r"[^\s.!?…:;\"“”‘’'(\[]"
        alone = rf"{word}(?:s|[{APOSTROPHES}]s)?"
        # (a lookbehind has one width: a lowercase word of two to sixteen letters before the hyphen, each its own)
        hyphened = "|".join(rf"(?<=\b[^\W\d_A-ZÀ-Þ]{{{n}}}[-‐‑])" for n in range(2, 17))
        return (
            rf"(?:(?<={after}\s)|(?<={after}\s\s)|(?<={after}\s\s\s)|{hyphened}|(?<=\w/)"
            rf"|(?<=\()(?={alone}\))|(?<=\[)(?={alone}\])|(?<=[\"“‘'])(?={alone}[\"”’']))"
            # (an article in capitals too: "HET HART VAN DE STAD" is no name)
            rf"(?<!(?i:\bde\s))(?<!(?i:\bhet\s))(?<!(?i:\been\s))(?<!(?i:\bde\s\s))(?<!(?i:\bhet\s\s))"
            rf"(?<!(?i:\been\s\s)){word}"
        )
    # (an address or a handle in lower case, "marieke.meyer@", may write the "ij" "y" too)
    lowered = variant.islower() and not re.search(r"[._@]", variant)
    ij = Y_AS_IJ if kept else IJ_ONLY if lowered or len(variant) < 5 else IJ_OR_Y
    parts, at = [], 0
    for match in VAN_DE.finditer(variant):
        van, spaced, d, e = match.group("van", "spaced", "d", "e")
        if match["t"]:  # "ter" and "ten" ("Jan ten Brink" said "Jan ter Brink")
            van, spaced, d, e = "", " ", match["t"], match["te"]
        ending = "[nr]" if e.islower() else "[NR]"
        # one another run together, after a given name or a title, as "Van" within a sentence's words, or before a
        # surname that is no Dutch word: "De rol van de Kerk" is no "Kees van der Kerk", nor is "Van De Berg Af" or
        # "VAN DE BERG AF" "Van den Berg" (a reviewer's read); "ten" and "ter" only so, and as words
        after = variant[match.end() :].split()[:1]
        loose = (
            not spaced
            or bool(variant[: match.start()].strip())
            or ((van, d) in (("Van", "d"), ("", "T")) and not any_case)
            or not (after and is_dutch_word(after[0]))
        )
        if loose and not van:
            same = f"{d}{e}{ending}"
        else:
            same = f"{re.escape(van)}\\s*{d}{e}{ending}?" if loose else _letters(variant[match.start() : match.end()])
        parts += [_letters(variant[at : match.start()], ij), f"(?:{same}"]
        parts.append(f"|{van[0]}[./]?{d}\\.?)" if spaced and van else ")")
        at = match.end()
    return "".join([*parts, _letters(variant[at:], ij)])


#: "van de", "van den" or "van der" in a variant: as words ("van der Heijden") or run together ("Vanderheijden");
#: "ter" or "ten" as words ("ten Brink").
VAN_DE = re.compile(
    r"(?<!\w)(?:(?P<van>van)(?:(?P<spaced>\s+)|)(?P<d>d)(?P<e>e)[nr]?(?(spaced)(?=\s)|(?=[^\W\d_]))"
    r"|(?P<t>t)(?P<te>e)[nr](?=\s))",
    re.IGNORECASE,
)


#: How an "ij" is read (:func:`_letters`): as "ij" or "ĳ"; also as "y"; and a "y" as any of them too.
IJ_ONLY, IJ_OR_Y, Y_AS_IJ = "ij", "y", "both"


def _letters(variant: str, ij: str = IJ_OR_Y) -> str:
    """A regular expression for ``variant``'s letters whatever their accents (see :func:`_accents_aside`), its "ij"
    also written "ĳ" and, with :data:`IJ_OR_Y`, "y" ("Meijer" finds "Meyer" and "Meĳer", which Whisper cannot hear
    apart), and with :data:`Y_AS_IJ` its "y" also "ij" (a published name, kept in either spelling)."""
    parts = []
    for piece in re.split(r"(ij|ĳ|IJ|Ij|Ĳ|y|Y)" if ij == Y_AS_IJ else r"(ij|ĳ|IJ|Ij|Ĳ)", variant):
        if piece in ("ij", "ĳ", "y"):
            parts.append("(?:ij|ĳ)" if ij == IJ_ONLY else "(?:ij|ĳ|y)")
        elif piece in ("IJ", "Ij", "Ĳ", "Y"):
            parts.append("(?:IJ|Ij|Ĳ)" if ij == IJ_ONLY else "(?:IJ|Ij|Ĳ|Y)")
        else:
            parts.append(_plain_letters(piece))
    return "".join(parts)


#: An apostrophe as it is typed, or as a word processor or a keyboard writes it: "van ‘t Hek" with an opening quote (a
#: word processor's after a space), a grave or an acute accent, a modifier letter, full-width (session 58 left: "van
#: ‘t Hek" kept the particle and the name of a withdrawn Anne van 't Hek).
APOSTROPHES = "'’‘`´ʼ＇"


#: Letters as they are written where they cannot be typed (German, Danish, Norwegian, French): "ß" as "ss".
SPELT_OUT = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "oe",
        "Ø": "Oe",
        "œ": "oe",
        "Œ": "Oe",
        "å": "aa",
        "Å": "Aa",
    }
)


#: Letters no accent can be taken off in Unicode (they do not decompose), by the letter written for them where they
#: are not typed: "Yılmaz" is "Yilmaz" as Whisper and most keyboards write it, "Østergaard" "Ostergaard", "Łukasz"
#: "Lukasz" (an attack, session 58: a withdrawn Fatma Yılmaz stayed as "mevrouw Yilmaz", and the other way round).
NOT_DECOMPOSED, WRITTEN_AS = "ıøØłŁđĐðÐħĦŧŦ", "ioOlLdDdDhHtT"
UNACCENTED = str.maketrans(NOT_DECOMPOSED, WRITTEN_AS)


def _opens_t(chars: str, at: int) -> bool:
    """Whether the apostrophe at ``chars[at]`` is that of the particle "'t", a word of its own."""
    return (
        (at == 0 or chars[at - 1].isspace())
        and chars[at + 1 : at + 2] in ("t", "T")
        and not chars[at + 2 : at + 3].isalpha()
    )


def _plain_letters(variant: str) -> str:
    parts = []
    chars = unicodedata.normalize("NFD", variant).translate(UNACCENTED)
    for at, char in enumerate(chars):
        if unicodedata.combining(char):
            continue
        if char.isalpha():
            parts.append(
                f"{re.escape(char)}[\u0300-\u036f]*"
                if not _ACCENTED.get(char)
                else f"[{char}{_ACCENTED[char]}][\u0300-\u036f]*"
            )
        elif char in APOSTROPHES and _opens_t(chars, at):
            # "'t" may be written without it ("meneer t Hart" kept its "t" before the marker: session 59 left)
            parts.append(f"(?:[{APOSTROPHES}]\\s?)?")
        elif char in APOSTROPHES:
            parts.append(f"[{APOSTROPHES}]\\s?")  # ... and a space after it ("d' Ancona")
        elif char in "-‐‑–":
            # a hyphen as a word processor or Whisper writes it ("Anne‐Marie", U+2010), and one where the line broke
            # after it ("Anne-\nMarie", or "Anne- Marie" as a transcript's wrapped lines are read: session 58 left)
            parts.append(r"[-‐‑–][^\S\n]*(?:\r?\n[^\S\n]*)?")
        elif char.isspace():
            parts.append(r"\s+")  # a no-break space too ("Joost\u00a0de\u00a0Boer", pasted from a word processor)
        else:
            parts.append(re.escape(char))
    return "".join(parts)


#: Each letter's composed accented forms (Latin-1 and Latin Extended-A), by its plain letter.
_ACCENTED: dict[str, str] = {}
for _code in range(0xC0, 0x180):
    _plain = unicodedata.normalize("NFD", chr(_code))[0]
    if _plain != chr(_code) and _plain.isascii() and _plain.isalpha():
        _ACCENTED[_plain] = _ACCENTED.get(_plain, "") + chr(_code)
for _letter, _plain in zip(NOT_DECOMPOSED, WRITTEN_AS, strict=True):
    _ACCENTED[_plain] = _ACCENTED.get(_plain, "") + _letter


#: A bracketed aside right after a name, on the same line: round, square or full-width brackets, each closed by
#: its own kind, one level nested inside ("Kees (wethouder (CDA), gemeente Deventer)", "Kees [wethouder]").
ASIDE = re.compile(
    r"[ \t]*(?:\(((?:[^()\n]|\([^()\n]*\))*)\)|\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]|（((?:[^（）\n]|（[^（）\n]*）)*)）)"
)


#: Characters that show nothing inside a word: a soft hyphen, zero-width spaces and joiners, a byte order mark; and
#: the rest of Unicode's default ignorable ones (DerivedCoreProperties.txt: left-to-right and other direction marks,
#: invisible operators, Hangul fillers, variation selectors, tags), which show nothing either ("Mul\u200eder": a
#: reviewer's read, session 60). (A combining grapheme joiner, U+034F, is a mark: read through as accents are.)
INVISIBLE = re.compile(
    "[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
#: Letters of other alphabets that look like Latin ones, by the Latin letter a reader takes each for: "Кees Mulder"
#: with a Cyrillic К reads as Kees Mulder (an attack, session 59). Python's unicodedata has no confusables (Unicode's
#: UTS #39) and no kept library of them is installed, so the few that pass for a Latin letter in a name are written
#: here, after Unicode's confusables.txt (https://www.unicode.org/Public/security/latest/confusables.txt): Cyrillic,
#: Greek, Armenian and Cherokee (its small letters read as its capitals: :func:`_seen_letter`), with "к", a small
#: capital K, counted in; and Latin's small capitals as the capitals they show ("ᴍᴜʟᴅᴇʀ" as MULDER).
LOOKALIKES = {
    **dict(zip("АВСЕНІЈКМОРЅТХҮԚԜӀаеорсхуіјѕһԁԛԝӏк", "ABCEHIJKMOPSTXYQWlaeopcxyijshdqwlk", strict=True)),  # Cyrillic
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹͿαιοκνρυχγϲϳ", "ABEZHIKMNOPTYXCJaiokvpuxycj", strict=True)),  # Greek
    **{
        chr(code): latin  # Armenian and Cherokee, by code point (hard to tell from Latin letters in the source too)
        for codes, letters in (
            ((0x555, 0x54D, 0x54F, 0x53C, 0x585, 0x57D, 0x570), "OUSLouh"),
            ((0x578, 0x57C, 0x581, 0x584, 0x566, 0x575), "nngfqj"),
            ((0x13A0, 0x13A1, 0x13A2, 0x13A5, 0x13AA, 0x13AB, 0x13AC, 0x13B3, 0x13B7, 0x13BB, 0x13BD), "DRTiAJEWMHY"),
            ((0x13C0, 0x13C2, 0x13C3, 0x13CF, 0x13D2, 0x13D4, 0x13D5, 0x13D9, 0x13DA, 0x13DE), "GhZbRWSVSL"),
            ((0x13DF, 0x13E2, 0x13E6, 0x13F4), "CPKB"),
        )
        for code, latin in zip(codes, letters, strict=True)
    },
    **dict(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ", "ABCDEFGHIJKLMNOPQRSTUVWYZ", strict=True)),  # Latin small capitals (no X)
}
#: A capital I right after a small letter, which many typefaces draw as an l: "MuIder" reads as Mulder (session 59
#: left). Read so only inside a word, after a small letter: "Ik", "IJssel", "IKEA", "eID" stay what they are.
#: ... and after a small letter with its accents written apart ("Mu\u0301Ider" shows as "MúIder": a reviewer's read).
I_FOR_L = re.compile(r"(?<=[^\W\d_])[\u0300-\u036f]*I")
#: A one, a bar or a click letter for an l and a zero for an o between two letters: "Mu1der", "Mu|der", "Muǀder",
#: "M0l" (a reviewer's read, session 60). Not a number, "A1", "CO2", "7411AB": no letter on both sides.
DIGIT_FOR_LETTER = re.compile(r"(?<=[^\W\d_])[01|\u01c0](?=[^\W\d_])")


@functools.lru_cache(maxsize=4096)
def _seen_letter(char: str) -> str:
    """``char`` as the one Latin letter it shows as, where it is a lookalike (:data:`LOOKALIKES`, its accent kept:
    "ё" as "ë") or a compatibility form of one character (a full-width "Ｍ", a mathematical "𝐊": NFKC); else
    ``char``. White space stays as it is (a name is found across any)."""
    compatible = unicodedata.normalize("NFKC", char)
    if len(compatible) != 1 or char.isspace():
        compatible = char
    base, *marks = unicodedata.normalize("NFD", compatible)
    if "\uab70" <= base <= "\uabbf" or "\u13f8" <= base <= "\u13fd":  # Cherokee's small letters, its capitals smaller
        base = base.upper()
    if base not in LOOKALIKES:
        return compatible
    seen = unicodedata.normalize("NFC", LOOKALIKES[base] + "".join(marks))
    return seen if len(seen) == 1 else LOOKALIKES[base]


def as_seen(text: str) -> str:
    """``text`` letter for letter as a reader sees it (:func:`_seen_letter`; a capital I after a small letter as an l:
    :data:`I_FOR_L`; a digit or a bar for a letter: :data:`DIGIT_FOR_LETTER`), of the same length: a span found in
    it is a span of ``text``."""
    seen = text if text.isascii() else "".join(map(_seen_letter, text))
    if any(char in seen for char in "01|\u01c0"):
        seen = DIGIT_FOR_LETTER.sub(lambda m: "o" if m[0] == "0" else "l", seen)
    if "I" not in seen:
        return seen
    return I_FOR_L.sub(lambda m: m[0][:-1] + ("l" if seen[m.start() - 1].islower() else "I"), seen)


#: No letter right before or after (a digit, an underscore or a mark may be): where a name starts and ends.
NO_LETTER_BEFORE, NO_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
#: ... for a short word: no letter, digit or underscore, but an underscore of Markdown's emphasis ("_Mol_").
WORD_BEFORE, WORD_AFTER = r"(?:(?<!\w)|(?<=(?<!\w)_))", r"(?:(?!\w)|(?=_(?!\w)))"


def _glued_apart(
    token: str, start: int, end: int, marks: Iterable[int] | None = None, strict_end: bool = False
) -> bool:
    """Whether ``token[start:end]``, a name run together inside a handle, stands apart from what is glued to it: a
    mark, a capital ("@MariekeMeijerNL", "#TeamMariekeMeijer") or a Dutch word ("mariekemeijeradvies.nl") either
    side; not "www.keesmolenaar.nl", which is no Kees Mol's. ``marks``: where in ``token`` (read without its marks)
    a mark was left out (a mark stood right before each of those places); such a token's words are its marks', so
    a name there starts and ends where one of them does or at a capital ("@mol_kees", "@Mol_KeesNL"; not
    "@kees_molen", "de-bakker-bakt": a reviewer's read). ``strict_end``: a form that ends in an initial ends so too."""
    before = "" if marks and start in marks else re.search(r"[^\W\d_]*$", token[:start])[0]
    after = "" if marks and end in marks else re.match(r"[^\W\d_]*", token[end:])[0]
    if marks is not None:
        return (not before or token[start].isupper()) and (not after or after[0].isupper())
    if strict_end and after and not after[0].isupper():
        return False
    # (a short ending or a place glued on is theirs too: "@keesmolnl", "@keesmoldeventer")
    return (not before or token[start].isupper() or is_dutch_word(before)) and (
        not after or after[0].isupper() or len(after) <= 3 or is_dutch_word(after) or is_a_place(after)
    )


def _fold(token: str) -> str:
    """``token`` casefolded letter by letter where that keeps its length ("ß", "İ" as they are): a span found in it
    is a span of ``token`` (a reviewer's read: "@Großkeesbos" ran an index off the end)."""
    return "".join(next((f for f in (c.casefold(), c.lower()) if len(f) == 1), c) for c in token)


def _capital_parts(token: str, start: int, end: int) -> bool:
    """Whether ``token[start:end]``, a short name run together, is parted by its one capital after a small letter
    and stands apart as a word does: a capital or nothing of letters before it, nothing of letters after it but a
    capital ("@KokRia", "#TeamKokRia", "@KokRiaNL"; not "#KokRiant", "#VosEdam", "@StaatsbosEva": a reviewer's read)."""
    inner = [k for k in range(start + 1, end) if token[k].isupper() and token[k - 1].islower()]
    before = start == 0 or not token[start - 1].isalpha() or token[start].isupper()
    after = end == len(token) or not token[end].isalpha() or token[end].isupper()
    return len(inner) == 1 and before and after


def _camel_words(token: str) -> list[tuple[int, int]]:
    """Where the words of ``token``'s runs of letters glued at a capital after a small letter start and end, in runs
    of more than one such word ("#teamIlse": "team" and "Ilse"; not "#Mulder", a word a sentence's reading finds)."""
    spans = []
    for run in re.finditer(r"[^\W\d_]+", token):
        cuts = [k for k in range(run.start() + 1, run.end()) if token[k].isupper() and token[k - 1].islower()]
        if cuts:
            edges = [run.start(), *cuts, run.end()]
            spans += list(itertools.pairwise(edges))
    return spans


def _without_marks(token: str) -> tuple[str, list[int], dict[int, str]]:
    """``token`` without the marks between its words (:data:`MARK_IN_A_HANDLE`), where each of its letters stood in
    ``token``, and the places in it right after a mark left out, with that mark."""
    at: list[int] = []
    marks: dict[int, str] = {}
    k = 0
    for mark in MARK_IN_A_HANDLE.finditer(token):
        at += range(k, mark.start())
        marks[len(at)] = mark[0].upper()
        k = mark.end()
    at += range(k, len(token))
    return "".join(token[k] for k in at), at, marks


def _namesake_alone(token: str, start: int, end: int, theirs: set[str]) -> bool:
    """Whether a published person's name at ``token[start:end]`` (a handle) is a word of it: no letter right before
    or after, no mark inside but :data:`PARTING_MARKS`, and no word of ``theirs`` (the withdrawn person's) beside it."""
    if (start and token[start - 1].isalpha()) or (end < len(token) and token[end].isalpha()):
        return False
    if any(mark[0].upper() not in PARTING_MARKS for mark in MARK_IN_A_HANDLE.finditer(token[start:end])):
        return False
    near = re.findall(r"[^\W\d_]+", token[:start])[-1:] + re.findall(r"[^\W\d_]+", token[end:])[:1]
    return not any(_fold(w) in theirs for w in near)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` in order, those inside or across another joined to it."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


#: A right-to-left override: the letters after it, to the end of its run, show in reverse order ("\u202eredluM" shows
#: as "Mulder": a reviewer's read, session 60). The other direction controls reorder whole words at most, each found
#: as it is written.
RIGHT_TO_LEFT_OVERRIDE = "\u202e"
#: What ends a line's reordering: the end of a line or paragraph (Unicode's paragraph separators).
OVERRIDE_ENDS = "\n\r\u2029\x1c\x1d\x1e\x85"
#: The direction controls: embeddings and overrides (ended by U+202C), isolates (ended by U+2069).
EMBEDDINGS = {"\u202a": (0, None), "\u202b": (1, None), "\u202d": (0, "L"), "\u202e": (1, "R")}
ISOLATES = {"\u2066": 0, "\u2067": 1, "\u2068": 0}


def _levels(line: str) -> list[int]:
    """The embedding level each character of ``line`` shows at, by Unicode's bidirectional algorithm's explicit
    rules (X1-X8: a pop that matches nothing does nothing, an override nested in another or inside an isolate) and
    its implicit ones for letters, digits and the neutrals between them (a paragraph read left to right)."""
    stack = [(0, None, False)]  # (level, override, an isolate's entry)
    levels, kinds = [], []
    for char in line:
        level, override, _ = stack[-1]
        if char in EMBEDDINGS or char in ISOLATES:
            odd = EMBEDDINGS[char][0] if char in EMBEDDINGS else ISOLATES[char]
            new = level + 1 + ((level + 1) % 2 != odd)
            levels.append(level)
            kinds.append(override or "N")
            if new <= 125:
                stack.append((new, EMBEDDINGS[char][1] if char in EMBEDDINGS else None, char in ISOLATES))
            continue
        if char == "\u202c":
            if len(stack) > 1 and not stack[-1][2]:
                stack.pop()
        elif char == "\u2069" and any(entry[2] for entry in stack):
            while not stack.pop()[2]:
                pass
        level, override, _ = stack[-1]
        if char in OVERRIDE_ENDS:  # a line's end at the paragraph's level (L1)
            level, override = 0, "L"
        levels.append(level)
        kind = unicodedata.bidirectional(char)
        if kind == "EN":  # a digit after a left-to-right letter is one (W7: "in 2024" stays)
            strong = next((c for c in reversed(kinds) if c in "LR"), "RL"[level % 2 == 0])
            kind = "L" if strong == "L" else "AN"
        kinds.append(override or ("L" if kind == "L" else "R" if kind in ("R", "AL") else "E" if kind == "AN" else "N"))
    # a neutral between two letters of one direction at its level takes theirs (N1), else its embedding's (N2)
    resolved = list(kinds)
    k = 0
    while k < len(line):
        if kinds[k] != "N":
            k += 1
            continue
        end = k
        while end < len(line) and kinds[end] == "N" and levels[end] == levels[k]:
            end += 1
        before = kinds[k - 1].replace("E", "R") if k and levels[k - 1] == levels[k] else "RL"[levels[k] % 2 == 0]
        after = (
            kinds[end].replace("E", "R") if end < len(line) and levels[end] == levels[k] else "RL"[levels[k] % 2 == 0]
        )
        for n in range(k, end):
            resolved[n] = before if before == after else "RL"[levels[k] % 2 == 0]
        k = end
    # I1-I2: a letter against its level's direction one level up, a number two at an even level
    return [
        level + (2 if kind == "E" and level % 2 == 0 else kind in ("E", "L" if level % 2 else "R"))
        for level, kind in zip(levels, resolved, strict=True)
    ]


def shown_order(text: str) -> list[int]:
    """Where each character of ``text`` shows, left to right: the places of ``text`` in the order a reader sees them,
    each line's runs reversed as Unicode's bidirectional algorithm does (L2: from the highest level down to the
    lowest odd one, each run at that level or higher), after its direction controls ("\u202eredluM" shows
    "Mulder", and so does "\u202eredl\u202d\u202cuM": a reviewer's read of dd5bf85)."""
    order: list[int] = []
    for line in re.finditer(f"[^{OVERRIDE_ENDS}]*[{OVERRIDE_ENDS}]?", text):
        if not line[0]:
            continue
        levels = _levels(line[0])
        places = list(range(line.start(), line.end()))
        for level in range(max(levels), 0, -1):
            k = 0
            while k < len(places):
                if levels[places[k] - line.start()] < level:
                    k += 1
                    continue
                end = k
                while end < len(places) and levels[places[end] - line.start()] >= level:
                    end += 1
                places[k:end] = reversed(places[k:end])
                k = end
        order += places
    return order


def name_spans(
    text: str, variants: list[str], keep: Iterable[str] = (), about: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """Where ``text`` names someone by one of ``variants`` (:func:`name_variants`, longest first):
    each as a whole word, also possessive ("Joosts", "Joost's"), case as written (so "bakker" is not
    Bakker). Not where it is a part of a longer name in ``keep`` (the published people's names and
    organisations): "Jan de Vries" and "Bakker Bouw" stay when Jan Bakker is left out, but "Jan"
    alone, which may be either, does not. With ``about`` (the roles and organisations of the people named), a
    span takes in a bracketed aside right after the name that gives one of them (:data:`ASIDE`)."""
    if not text or not variants:
        return []
    if RIGHT_TO_LEFT_OVERRIDE in text:
        # "\u202eredluM eslI" shows as "Ilse Mulder": found as it shows too, its span the letters that show it (the
        # override read as one that does nothing, below)
        order = shown_order(text)
        shown = "".join(text[k] for k in order).replace(RIGHT_TO_LEFT_OVERRIDE, "\u202d")
        spans = [(min(order[a:b]), max(order[a:b]) + 1) for a, b in name_spans(shown, variants, keep, about) if b > a]
        spans += name_spans(text.replace(RIGHT_TO_LEFT_OVERRIDE, "\u202d"), variants, keep, about)
        return _outermost(spans)
    if INVISIBLE.search(text):
        # "Mo\u00adl", "Me\u200bijer": a soft hyphen or a zero-width space from a word processor shows nothing, so
        # the name is read without them too, its span covering them (a tester's find, session 46); and with them,
        # where one stands between two words ("zei\u200bKees Mol": a reviewer's read)
        at = [k for k, char in enumerate(text) if not INVISIBLE.match(char)]
        seen = "".join(text[k] for k in at)
        spans = [(at[a], at[b - 1] + 1) for a, b in name_spans(seen, variants, keep, about) if b > a]
        spans += name_spans(INVISIBLE.sub(" ", text), variants, keep, about)  # the same length, each a space
        return _outermost(spans)
    seen = as_seen(text)
    if seen != text:
        # a name in lookalike letters of another script or full-width ("Кees Mulder", "Ｍulder": an attack, session
        # 59) is found as it shows, its span the lookalike word whole; and as written (a name in that script)
        return _outermost(_name_spans(seen, variants, keep, about) + _name_spans(text, variants, keep, about))
    return _name_spans(text, variants, keep, about)


def _name_spans(text: str, variants: list[str], keep: Iterable[str], about: Iterable[str]) -> list[tuple[int, int]]:
    """:func:`name_spans` in ``text`` as written."""
    # a name as a word: no letter either side; an underscore or a digit is none ("Interview_Kees_Mol.docx",
    # "@keesmol1981": a tester's find, session 46), where the form is of more than one word or long; a short word
    # between underscores only as Markdown's emphasis ("_Mol_"; not "01JAN2024", "Notulen_Jan_2024", "BOS2030": a
    # reviewer's read)
    glued = [v[len(IN_A_HANDLE) :] for v in variants if v.startswith(IN_A_HANDLE)]
    variants = [v for v in variants if not v.startswith(IN_A_HANDLE)]
    short_words = {
        v for v in variants if re.fullmatch(r"[^\W\d_]{1,5}", v.lstrip(MARKERS)) and not v.startswith(BEFORE_AN_ADDRESS)
    }
    short = [v for v in variants if v in short_words]
    long = [v for v in variants if v not in short_words]
    found = []
    # a first name or a surname alone, capitalised, as one of a handle's words run together: "#TeamMulder",
    # "#teamIlse", "@IlseM" (session 60 left), as it is a word in a sentence; of four letters or more (not "#VosEdam",
    # "#KokRiant", "@StaatsbosEva": a reviewer's read, session 48)
    alone = {
        v.lstrip(WITHIN_A_SENTENCE)
        for v in variants
        if re.fullmatch(rf"{WITHIN_A_SENTENCE}?[^\W\d_]{{4,}}", v) and v.lstrip(WITHIN_A_SENTENCE)[1:].islower()
    }
    # ... but a handle capitalises each of its words: one that is a common Dutch word is that word ("#OpenHuis",
    # "#DenkGroot", "#HoogWater", "#MeerDoen" of no Eva ten Huis, Kees Groot, Kees Water or Anna van der Meer: a
    # reviewer's read), as it is opening a sentence, unless a form of address or "Team" glued before it says a person
    # ("#TeamGroot", "@MevrouwGroot"); a rarer one ("#BakkerZwolle", "#TeamVisser") is a name there
    worded: set[str] = set()
    if alone:
        from .heard import zipf

        worded = {w for w in alone if is_dutch_word(w) and zipf(w) >= 4.5}
    handles = list(HANDLE.finditer(text)) if glued or (alone and re.search(r"[@#.]", text)) else []
    # a published name or organisation run together in a handle stays ("@JanBakkerBouw" of Jan Bakker Bouw), surname
    # first too ("@hendriksann" of a published Ann Hendriks); only where there is a handle (most texts have none)
    held: list[str] = []
    namesakes: list[str] = []
    theirs: set[str] = set()
    whole: list[tuple[int, int]] = []
    if handles:

        def letters(name: str) -> str:  # a name run together, folded as a handle is read
            return _fold(re.sub(r"[\W_]", "", name))

        people = [("".join(g), "".join(s)) for g, s in (given_and_surname(k.lstrip(MARKERS)) for k in keep) if g and s]
        surname_first = [letters(last + given) for given, last in people]
        held = [k for k in (letters(k.lstrip(MARKERS)) for k in keep) if len(k) >= 7] + surname_first
        namesakes = [letters(given + last) for given, last in people] + surname_first
        theirs = {_fold(w) for v in variants + glued for w in re.findall(r"[^\W\d_]+", v.lstrip(MARKERS))}
    for handle in handles:
        folded = _fold(handle[0])
        camel = _camel_words(handle[0])
        found += [
            (handle.start() + start, handle.start() + end)
            for k, (before, (start, end)) in enumerate(zip([None, *camel], camel, strict=False))
            if handle[0][start:end] in alone
            and not _in_a_place(handle[0], camel, k)
            and (
                handle[0][start:end] not in worded
                or (before is not None and before[1] == start and handle[0][slice(*before)].casefold() in PERSON_BEFORE)
            )
            and not any(
                k in folded and folded.index(k) <= start and end <= folded.index(k) + len(k) for k in held + namesakes
            )
        ]
        # as written, and with the marks between its words left out ("@mol_kees", "Kees%20Mol": session 46's leaks)
        for token, at, marks in ((handle[0], range(len(handle[0])), None), _without_marks(handle[0])):
            folded = _fold(token)
            found += [
                (handle.start() + at[m.start()], handle.start() + at[m.end() - 1] + 1)
                for g in glued
                for m in re.finditer(_letters(g.rstrip(ENDS_IN_AN_INITIAL + ACROSS_A_MARK), IJ_OR_Y), folded)
                if _glued_apart(token, m.start(), m.end(), marks, g.endswith(ENDS_IN_AN_INITIAL))
                and (
                    not g.endswith(ACROSS_A_MARK)
                    or any(m.start() < k < m.end() and v in PARTING_MARKS for k, v in (marks or {}).items())
                    or (marks is None and _capital_parts(token, m.start(), m.end()))
                )
                and not any(
                    k in folded and folded.index(k) <= m.start() and m.end() <= folded.index(k) + len(k) for k in held
                )
            ]
            if marks is not None:
                # a published person's whole name there is theirs: "kees.bos@" keeps the "kees" a withdrawn Kees Mol
                # shares (session 47 left); as a word there, with no word of the withdrawn one's beside it and no
                # path's "/" inside ("kees.bos.mol@", "/team/kees/bos-en-natuur": a reviewer's read)
                whole += [
                    (handle.start() + at[m.start()], handle.start() + at[m.end() - 1] + 1)
                    for k in namesakes
                    for m in re.finditer(re.escape(k), folded)
                    if _namesake_alone(handle[0], at[m.start()], at[m.end() - 1] + 1, theirs)
                ]
    for forms, before, after in ((long, NO_LETTER_BEFORE, NO_LETTER_AFTER), (short, WORD_BEFORE, WORD_AFTER)):
        if forms:
            pattern = rf"{before}(?:{'|'.join(_accents_aside(v) for v in forms)})[sS]?{after}"
            found += [m.span() for m in re.finditer(pattern, text)]
    found = _outermost(found)
    kept = whole + [
        m.span()
        for k in keep
        if found and k
        for m in re.finditer(rf"{NO_LETTER_BEFORE}{_accents_aside(k, kept=True)}{NO_LETTER_AFTER}", text)
    ]
    spans = [(s, e) for s, e in found if not any(a <= s and e <= b and b - a > e - s for a, b in kept)]
    said = [re.compile(rf"(?<!\w){re.escape(a.strip())}(?!\w)", re.IGNORECASE) for a in about if a.strip()]
    if not said:
        return spans
    wider: list[tuple[int, int]] = []
    for start, end in spans:
        # after a name in Markdown's emphasis too ("*Kees Mol* (adviseur, Mol Advies)": the aside stayed, an attack,
        # session 57), the emphasis going with it
        marks = re.match(r"[*_]{1,3}", text[end:])
        closed = len(marks[0]) if marks and text[max(0, start - len(marks[0])) : start] == marks[0] else 0
        aside = ASIDE.match(text, end + closed)
        inside = aside and next(part for part in aside.groups() if part is not None)
        if inside and any(p.search(inside) for p in said):
            start, end = start - closed, aside.end()
        if wider and start < wider[-1][1]:  # a name inside the aside of the one before: one span
            wider[-1] = (wider[-1][0], max(end, wider[-1][1]))
        else:
            wider.append((start, end))
    return wider


def found_name_is_theirs(name: str, variants: list[str], keep: Iterable[str] = ()) -> bool:
    """Whether a name the analysis found (an entity: "Boer" of "wethouder Boer") names someone by one of
    ``variants``. The name is taken out of its sentence, so a surname's last word that is a Dutch word counts
    alone too: where the text says "meneer Boer", the name found is "Boer", which no sentence comes before."""
    # (a place's name too: "Houten" found as a name may be Eva van Houten's; the facet loses a place, no name leaks)
    return bool(name_spans(name, [v.removeprefix(A_PLACE).removeprefix(WITHIN_A_SENTENCE) for v in variants], keep))


def entity_is_theirs(
    entity: str, variants: list[str], keep: Iterable[str] = (), about: Iterable[str] = (), said: str = ""
) -> bool:
    """Whether an entity the analysis found must go with the names of the people left out: it names one of them
    (:func:`found_name_is_theirs`), or it is their role or organisation (one of ``about``), found in an aside that
    went with their name ("Kees Mol (wethouder, gemeente Deventer)") and said nowhere in ``said``, the text that is
    left. One rule for the public copy's entities and an export's."""
    if found_name_is_theirs(entity, variants, keep):
        return True
    folded = entity.casefold()
    return folded in {value.casefold() for value in about if value} and folded not in said.casefold()


def scrub_names(text: str, variants: list[str], keep: Iterable[str] = (), about: Iterable[str] = ()) -> str:
    """``text`` with every name :func:`name_spans` finds replaced by "[naam verwijderd]". With ``about`` (the
    roles and organisations of the people named), a bracketed aside right after a name that gives one of them,
    "Kees Mol (wethouder, gemeente Deventer)", goes with the name: who they are, not only what they are called."""
    for start, end in reversed(name_spans(text, variants, keep, about)):
        text = text[:start] + REMOVED_NAME + text[end:]
    return text


def joined_words(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A turn's ``words`` joined by one space, as :func:`naming_words` reads them for names, and where each stands in
    that text (its start and end)."""
    joined, bounds = "", []
    for word in words:
        piece = (word or "").strip()
        start = len(joined) + (1 if joined else 0)
        joined = f"{joined} {piece}" if joined else piece
        bounds.append((start, start + len(piece)))
    return joined, bounds


def naming_words(
    text: str, words: list[str], variants: list[str], keep: Iterable[str] = (), about: Iterable[str] = ()
) -> list[int] | None:
    """Which of a turn's ``words`` (in order) say a name (:func:`name_spans`): their indexes, a name
    Whisper wrote as two words ("Van" "Dam") both, and a name in the words that the text, edited by
    hand, no longer says (it is still heard); None where the words do not say every name the turn's
    ``text`` does (text or words edited by hand, a name misheard in the words): the whole turn is to
    be taken as naming them."""
    joined, bounds = joined_words(words)
    found = name_spans(joined, variants, keep, about)
    if len(found) < len(name_spans(text, variants, keep)):
        return None
    return [n for n, (a, b) in enumerate(bounds) if any(a < end and start < b for start, end in found)]


def who_they_are(left_out: Iterable[tuple[str, str]], kept: Iterable[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """What tells who the people left out are (``(role, organisation)`` each) where a title or an intro says it
    without their name ("De Linie en gemeente Zwolle over wederkerigheid"; in a tweegesprek the other side of the
    table: a helper's attack, session 56): their organisation, and a role of more than one word ("sectormanager
    wonen"; "wethouder" alone tells no one), where none of those ``kept`` has it; each with what takes its place
    (:func:`scrub_who`), the longest first. And the organisations and roles of those ``kept``, with None: said whole
    where they hold one of the others ("Woonstichting De Linie" keeps "De Linie" of a withdrawn one: a reviewer)."""
    kept = list(kept)
    held = {_same(value) for pair in kept for value in pair if value}
    found: dict[str, str | None] = {}
    for role, organisation in left_out:
        if organisation and len(organisation.strip()) > 2 and _same(organisation) not in held:
            found[" ".join(organisation.split())] = REMOVED_ORGANISATION
        if role and len(role.split()) > 1 and _same(role) not in held:
            found.setdefault(" ".join(role.split()), REMOVED_ROLE)
    if found:
        found |= {" ".join(value.split()): None for pair in kept for value in pair if value and value.strip()}
    return sorted(found.items(), key=lambda item: len(item[0]), reverse=True)


def scrub_who(text: str, who: list[tuple[str, str | None]]) -> str:
    """``text`` (a title, an intro) with each organisation and role of :func:`who_they_are` replaced, as a whole, by
    its mark: of more words in any case, one word as written or in capitals (not "het digitale portaal" for Portaal:
    a reviewer's read), its white space any; not inside the organisation or role of someone kept."""
    if not text or not any(mark for _, mark in who):
        return text

    def pattern(said: str) -> str:
        words = said.split()
        # of more words in any case ("gemeente zwolle", "woonstichting de Linie", a title in capitals: a reviewer's
        # read); one word as written or in capitals ("Portaal", "PORTAAL"; not "het digitale portaal")
        if len(words) > 1:
            # and with a run of its words a name taken out before ("Wijkzorg bij [naam verwijderd] Zorgnetwerk" of a
            # forgotten Fatma Yilmaz of Yilmaz Zorgnetwerk: the attack of session 60), a word of more than three
            # letters left (not "De [naam verwijderd]" of De Linie)
            return "|".join(
                r"(?<!\w)"
                + r"\s+".join(
                    [_accents_aside(CASE_ASIDE + w) for w in words[:a]]
                    + ([re.escape(REMOVED_NAME)] if b > a else [])
                    + [_accents_aside(CASE_ASIDE + w) for w in words[b:]]
                )
                + r"(?!\w)"
                for a in range(len(words))
                for b in range(a, len(words) + 1)
                if b == a == 0 or (b > a and any(len(w) > 3 for w in words[:a] + words[b:]))
            )
        return rf"(?<!\w)(?:{_accents_aside(said)}|{_accents_aside(said.upper())})(?!\w)"

    # as it shows too ("gemeente Dеventer" with a Cyrillic е: session 59 left), of the same length; and without the
    # characters that show nothing ("gemeente Dev\u00adenter": a reviewer's read, session 60), each letter where it
    # stood in ``text``; and as a right-to-left override shows it ("\u202eellowZ etneemeg": shown_order), each
    # reading with the places in ``text`` of its letters
    readings: dict[str, list[int]] = {}
    for order in [list(range(len(text)))] + ([shown_order(text)] if RIGHT_TO_LEFT_OVERRIDE in text else []):
        for places in (order, [k for k in order if not INVISIBLE.match(text[k])]):
            shown = "".join(text[k] for k in places)
            readings.setdefault(shown, places)
            readings.setdefault(as_seen(shown), places)

    def found(said: str) -> Iterator[tuple[int, int]]:
        for reading, places in readings.items():
            for m in re.finditer(pattern(said), reading):
                yield min(places[m.start() : m.end()]), max(places[m.start() : m.end()]) + 1

    # (not the text itself: a published participant's role that says who the other one is, a reviewer's read)
    kept = [span for said, mark in who if mark is None for span in found(said) if span != (0, len(text))]
    spans: list[tuple[int, int, str]] = []
    for said, mark in who:
        if mark is None:
            continue
        for start, end in found(said):
            inside = any(a <= start and end <= b for a, b in kept)
            if not inside and not any(start < b and a < end for a, b, _ in spans):
                spans.append((start, end, mark))
    for start, end, mark in sorted(spans, reverse=True):
        text = text[:start] + mark + text[end:]
    return text


def scrub_roles(participants: list[Participant], variants: list[str], keep: Iterable[str] = ()) -> list[Participant]:
    """``participants`` with the names :func:`name_spans` finds taken out of their roles: a role an
    editor typed may name someone left out ("collega van Jan Bakker"). Organisations stay whole, as in
    what others say (``keep``)."""
    return [replace(p, role=scrub_names(p.role, variants, keep)) for p in participants]


def _scrub_value(value, variants: list[str], keep: list[str], about: Iterable[str] = ()):
    """Scrub names from every string inside a YAML value (settings, corrections), with the aside that says who
    they are (``about``: see :func:`scrub_names`)."""
    if isinstance(value, str):
        return scrub_names(value, variants, keep, about)
    if isinstance(value, list):
        return [_scrub_value(v, variants, keep, about) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v, variants, keep, about) for k, v in value.items()}
    return value


#: A key of the transcript's ``analysis:`` block as forget's list of what went says it.
ANALYSIS_SAID = {
    "headline": "headline",
    "intro": "intro",
    "add_quotes": "quotes",
    "remove_quotes": "quotes turned down",
    "add_action_points": "action points",
    "remove_action_points": "action points turned down",
    "add_themes": "themes",
    "remove_themes": "themes turned down",
}
_GONE = object()


def forget_in_conversation(
    conversation: Conversation, person: str, also: Iterable[str] = (), known_as: Iterable[tuple[str, str]] = ()
) -> tuple[Conversation, list[str]]:
    """``conversation`` without ``person``: their turns, name, voice and mentions; and what went.
    ``also``: other spellings of their name (corrected by an editor in another conversation); ``known_as``: their
    roles and organisations in other conversations, for an aside after their name where they are only mentioned."""
    # The names and organisations of the others stay whole ("Jan de Vries" when Jan Bakker goes).
    others = [(p.name, p.organisation) for p in conversation.participants if p.name != person]
    # Also the spellings of their name an editor corrected, which Whisper may have written; but not
    # one that is another participant's name here: theirs stays whole (own_spellings).
    earlier = next((p.earlier_spellings for p in conversation.participants if p.name == person), [])
    spellings = own_spellings(person, [*earlier, *also], [name for name, _ in others])
    variants, keep = left_out_names(spellings, others)
    # who they were, where an aside right after their name says it ("Kees Mol (wethouder, gemeente Deventer)")
    # (also where they were only mentioned, by who they were elsewhere: "Ik heb veel geleerd van Joost de Boer
    # (gemeente Zwolle)" kept the aside in a conversation he was not in, an attack, session 58)
    here = [(p.role, p.organisation) for p in conversation.participants if p.name == person]
    about = list(dict.fromkeys(v for pair in [*here, *known_as] for v in pair))
    # and in the title and the intro, their organisation and role said without their name (who_they_are)
    who = who_they_are(
        [(p.role, p.organisation) for p in conversation.participants if p.name == person],
        [(p.role, p.organisation) for p in conversation.participants if p.name != person],
    )
    removed: list[str] = []
    # Also turns under a misspelling of their name ("Joost de Bor", see Conversation.lookalikes),
    # which would otherwise be public once they are no participant to withhold them for.
    # And turns under their name in other case ("joost de boer"), which named_like leaves out as a
    # participant's own name, and every other route reads as theirs (casefold). Under every spelling of
    # their name: a heading nobody corrected may still have the one an editor corrected in the front matter.
    named = {name.casefold() for name in spellings} - {
        p.name.casefold() for p in conversation.participants if p.name != person
    }
    theirs = {person, *(speaker for name in spellings for speaker in conversation.named_like(name))}
    theirs |= {t.speaker for t in conversation.turns if t.speaker.casefold() in named}
    own = [t for t in conversation.turns if t.speaker in theirs]
    if own:
        removed.append(f"{counted(len(own), 'turn')} of {person} replaced by {REMOVED_TURN!r}")
    said = " ".join(t.text for t in own)
    turns = []
    mentioned_by: list[str] = []
    for turn in conversation.turns:
        if turn.speaker in theirs:
            turns.append(Turn(REMOVED_SPEAKER, turn.start, turn.end, REMOVED_TURN, []))
            continue
        scrubbed = scrub_names(turn.text, variants, keep, about)
        if scrubbed != turn.text:
            mentioned_by.append(turn.speaker)
            # Word times of a changed turn are realigned from the words that stay.
            naming = naming_words(turn.text, [w.text for w in turn.words], variants, keep, about)
            if naming is None:  # the words do not say the names the text does: each word on its own
                naming = [n for n, w in enumerate(turn.words) if name_spans(w.text, variants)]
            words = [w for n, w in enumerate(turn.words) if n not in naming]
            turns.append(Turn(turn.speaker, turn.start, turn.end, scrubbed, words))
        else:
            turns.append(turn)
    if mentioned_by:
        # Whose turns: a name before a rename is found in that person's own introduction too.
        removed.append(
            f"{person}'s name removed from {counted(len(mentioned_by), 'turn')} of others "
            f"({', '.join(dict.fromkeys(mentioned_by))})"
        )
    participants = [p for p in conversation.participants if p.name != person]
    was_participant = len(participants) != len(conversation.participants)
    if was_participant:
        removed.append(f"{person} removed from the participants")
    # A role an editor typed may name them ("collega van Jan Bakker"); organisations stay whole, as in text.
    roles = scrub_roles(participants, variants, keep)
    if roles != participants:
        named_in = [p.name for p, q in zip(participants, roles, strict=True) if p != q]
        removed.append(f"{person}'s name removed from the role of {', '.join(named_in)}")
        participants = roles
    # Their name as another participant's earlier spelling (forgotten under the spelling before a
    # correction, as someone else): the name goes from there too, as from what others said.
    respelt = [
        replace(p, earlier_spellings=[n for n in p.earlier_spellings if n.casefold() not in named])
        for p in participants
    ]
    if respelt != participants:
        named_in = [p.name for p, q in zip(participants, respelt, strict=True) if p != q]
        removed.append(f"{person} removed from the earlier spellings of {', '.join(named_in)}")
        participants = respelt
    speakers = []
    for speaker in conversation.speakers:
        if speaker.name and speaker.name.casefold() in named:
            removed.append(f"voice {speaker.label} ({speaker.name}) and its voice embedding removed")
            continue
        speakers.append(replace(speaker, evidence=[scrub_names(e, variants, keep) for e in speaker.evidence]))
    corrections = {}
    for key, value in conversation.analysis.items():
        if isinstance(value, list):
            kept = [v for v in value if not (said and plain_words(v) in plain_words(said))]
            corrections[key] = _scrub_value(kept, variants, keep, about)
        elif isinstance(value, str) and said and plain_words(value) in plain_words(said):
            continue
        else:
            # the intro, which the conversation page shows: "Kees Mol (wethouder, gemeente Deventer)" goes whole
            corrections[key] = _scrub_value(value, variants, keep, about)
            if key == "intro" and isinstance(value, str):
                corrections[key] = scrub_who(corrections[key], who)
    title = scrub_who(scrub_names(conversation.title, variants, keep, about), who)
    if scrub_names(conversation.title, variants, keep, about) != conversation.title:
        # (said as every other place is: the title of a conversation they were only mentioned in was rewritten
        # without a line, an attack, session 58)
        removed.append(f"{person}'s name removed from the title")
    elif scrub_who(conversation.title, who) != conversation.title:
        removed.append(f"{person}'s organisation or role removed from the title")
    # and from the titles it had before an editor changed it (kept for ingest's look for its programme entry)
    earlier_titles = [scrub_who(scrub_names(t, variants, keep, about), who) for t in conversation.earlier_titles]
    if earlier_titles != conversation.earlier_titles:
        removed.append(f"{person}'s name, organisation or role removed from the earlier titles")
    # the editor's choices (the intro, a pinned headline, quotes and action points added): said too
    chose = [key for key, value in conversation.analysis.items() if corrections.get(key, _GONE) != value]
    if chose:
        removed.append(
            f"{person}'s name or words removed from the editor's {', '.join(ANALYSIS_SAID.get(k, k) for k in chose)}"
        )
    conference = scrub_names(conversation.conference, variants, keep, about)
    if conference != conversation.conference:
        removed.append(f"{person}'s name removed from the conference's name")
    settings = _scrub_value(conversation.transcription, variants, keep)
    if "initial_prompt" in settings and was_participant:
        # The prompt named them with role and organisation: rebuild it from who remains.
        from .transcribe import vocabulary_prompt

        settings["initial_prompt"] = vocabulary_prompt(title, participants)
    if (
        own
        or was_participant
        or settings.get("vocabulary_corrections") != conversation.transcription.get("vocabulary_corrections")
    ):
        # The repairs quote fragments of speech, theirs among them, and Whisper's misspellings of their
        # name. Someone only mentioned here leaves the others' repairs alone (their name scrubbed above).
        settings.pop("vocabulary_corrections", None)
    if settings != conversation.transcription:
        removed.append(f"{person}'s name removed from the transcription settings")
    forgotten = replace(
        conversation,
        title=title,
        earlier_titles=earlier_titles,
        conference=conference,
        turns=turns,
        participants=participants,
        speakers=speakers,
        analysis=corrections,
        transcription=settings,
        forgotten=conversation.forgotten or bool(removed),
    )
    return forgotten, removed


def _mentions(conversation: Conversation, person: str) -> bool:
    """Whether ``conversation`` holds ``person``'s full name: as a participant's, a heading's or a voice's
    (case aside, as forget_in_conversation takes them), or anywhere as written or in capitals (a title,
    "TAFEL 3: JOOST DE BOER", see name_variants)."""
    folded = person.casefold()
    if any(p.name.casefold() == folded for p in conversation.participants):
        return True
    if any(t.speaker.casefold() == folded for t in conversation.turns):
        return True
    if any((s.name or "").casefold() == folded for s in conversation.speakers):
        return True
    return names_in_full(re.compile(_whole_name(person)), dumps(conversation))


@functools.lru_cache(maxsize=256)
def _whole_name(name: str) -> str:
    """A regular expression for ``name`` whole: whatever its accents ("Jóost de Boer", "Zoe Celik" for Zoë
    Çelik), any white space between its words (a no-break space pasted from a word processor), possessive
    ("Joost de Boers idee"), a name of more than one word in any case ("joost de boer", :data:`CASE_ASIDE`),
    in the forms it goes by (:func:`name_forms`: "Cees Mol", "Gert Janssen") and joined by underscores
    ("Interview_Kees_Mol.docx"), between underscores or digits ("_Kees Mol_"); one word ("Wil", "Roos") as written,
    as :func:`name_spans` takes them. (Search the text with and without :data:`INVISIBLE` characters:
    :func:`names_in_full`.)"""
    if len(name.split()) < 2:
        return rf"(?<!\w){_accents_aside(name)}s?(?!\w)"
    # (not its sound spellings: "Gert Janssen" is as often another man as Gert Jansen, a reviewer's read)
    forms = [form for full in name_forms(name, sounds=False) for form in (full, full.replace(" ", "_"))]
    return rf"{NO_LETTER_BEFORE}(?:{'|'.join(_accents_aside(CASE_ASIDE + form) for form in forms)})s?{NO_LETTER_AFTER}"


def names_in_full(pattern: re.Pattern, text: str) -> bool:
    """Whether ``pattern`` (a :func:`_whole_name`) finds a name in ``text``, read with and without the characters
    that show nothing (:data:`INVISIBLE`: "Kees Mo\u00adl", "zei\u200bKees Mol"), as written and as it shows
    (:func:`as_seen`: "Кees Mulder")."""
    shown = "".join(text[k] for k in shown_order(text)) if RIGHT_TO_LEFT_OVERRIDE in text else text
    readings = {text, INVISIBLE.sub("", text), shown, INVISIBLE.sub("", shown)}
    return any(pattern.search(reading) for reading in readings | {as_seen(reading) for reading in readings})


def plan_forget(folder: Path, person: str) -> list[tuple[Path, Conversation, list[str]]]:
    """Every transcript that holds ``person``, with its forgotten version and what goes.

    Raises:
        GesprekkenError: no transcript holds the person.
    """
    return _plan_forget(folder, person)[0]


def _plan_forget(
    folder: Path, person: str, also: Iterable[str] = ()
) -> tuple[list[tuple[Path, Conversation, list[str]]], list[str]]:
    """:func:`plan_forget`, and every spelling of ``person``'s name it forgets: theirs first, then the
    spellings an editor corrected, in any transcript, and ``also`` (those an interrupted forget wrote in
    its journal: the transcripts it rewrote no longer hold them)."""
    plans = []
    conversations = [(path, read(path)) for path in transcript_files(folder)]
    # A spelling of their name an editor corrected in one conversation may stand uncorrected in another.
    # (Not the other way round: forgetting an earlier spelling is someone else's, see Workspace.forget.)
    # Their name as each transcript writes it: composed or decomposed ("Zoë", NFC or NFD: a programme from
    # macOS) and in any case ("zoë çelik" typed) is the same name to every reader.
    key = unicodedata.normalize("NFC", person).casefold()
    selves = {person} | {
        p.name
        for _, conversation in conversations
        for p in conversation.participants
        if unicodedata.normalize("NFC", p.name).casefold() == key
    }
    spellings = {*selves, *also}
    for _, conversation in conversations:
        spellings.update(name for p in conversation.participants if p.name in selves for name in p.names)
    # But not an earlier spelling that is the name of someone who sat at a table with them: that is
    # another person (own_spellings), whose entries, voice profile and saves stay.
    others = {
        p.name.casefold()
        for _, conversation in conversations
        if any(p.name in selves for p in conversation.participants)
        for p in conversation.participants
        if p.name not in selves
    }
    spellings = {name for name in spellings if name in selves or name.casefold() not in others}
    # who they were, by role and organisation, wherever they sat (for an aside after their name)
    known_as = sorted(
        {
            (p.role, p.organisation)
            for _, conversation in conversations
            for p in conversation.participants
            if p.name in selves or p.name.casefold() in {name.casefold() for name in spellings}
        }
    )
    for path, conversation in conversations:
        # Their entry, in any case (a name in other case is the same name on every route): under the
        # name they have where there is one, not another participant's that is an earlier spelling of it.
        folded = {name.casefold() for name in spellings}
        listed = [p.name for p in conversation.participants]
        here = next((name for name in listed if name.casefold() in {s.casefold() for s in selves}), None)
        here = here or next((name for name in listed if name.casefold() in folded), person)
        if any(_mentions(conversation, name) for name in spellings):
            forgotten, removed = forget_in_conversation(conversation, here, sorted(spellings - {here}), known_as)
            plans.append((path, forgotten, removed))
    if not plans:
        if forgotten_in(folder)(person):
            raise GesprekkenError(
                f"{person!r} was forgotten in {folder} before: no conversation holds their name any more"
            )
        # A forget before its record (FORGOTTEN) was kept cannot be told from a misspelt name; it says both (a
        # newcomer read "check the spelling" after forgetting someone twice as a mistake of theirs).
        before = sum(1 for _, conversation in conversations if conversation.forgotten)
        raise GesprekkenError(
            f"No one called {person!r} in {folder}; check the spelling ('gesprekken speakers ID' lists names)"
            + (
                f", or they were forgotten before gesprekken kept a record of whom it forgot, and {before} "
                f"conversation{'s' if before != 1 else ''} here had someone forgotten"
                if before
                else ""
            )
        )
    return plans, [person, *sorted(spellings - {person})]


def tablemates_spellings(folder: Path, person: str, skipped: Iterable[Path]) -> list[tuple[Path, str, Path]]:
    """The transcripts forget leaves as they are (not ``skipped``) that list a participant under an earlier
    spelling of ``person``'s name that is also the name of someone who sat at a table with them (forget
    does not take it: :func:`_plan_forget`), each with that name and the transcript where both sat. Forget
    cannot tell the two apart there; the editor is told where to look instead of nothing."""
    conversations = [(path, read(path)) for path in transcript_files(folder)]
    mates: dict[str, Path] = {}  # a tablemate's name (casefolded) that is an earlier spelling of theirs
    for path, conversation in conversations:
        theirs = next((p for p in conversation.participants if p.name == person), None)
        if theirs is None:
            continue
        earlier = {name.casefold() for name in theirs.earlier_spellings}
        for p in conversation.participants:
            if p.name != person and p.name.casefold() in earlier:
                mates.setdefault(p.name.casefold(), path)
    skipped = set(skipped)
    return [
        (path, p.name, mates[p.name.casefold()])
        for path, conversation in conversations
        if path not in skipped and all(p.name != person for p in conversation.participants)
        for p in conversation.participants
        if p.name.casefold() in mates and mates[p.name.casefold()] != path
    ]


def surname_only(folder: Path, skipped: Iterable[Path], spellings: list[str]) -> list[tuple[Path, str]]:
    """The transcripts forget leaves as they are (not ``skipped``) whose title or turns name the person
    (``spellings``: every spelling of their name) by their surname alone, as :func:`name_spans` finds
    it ("De Boer", "van der Heijden"), each with the first such name. Forget does not take those out:
    where the person is no participant and nobody says their full name, a surname ("Bakker", "De
    Vries") is as likely someone else's, and forget edits the source of truth with no undo; the editor
    is told where to look instead."""
    # Not the full name (forget takes it everywhere), nor the first name alone (no surname).
    variants = sorted(
        {
            v
            for name in spellings
            if len(name.split()) > 1
            for v in name_variants(name)
            if unicodedata.normalize("NFC", v).casefold()
            not in {unicodedata.normalize("NFC", n).casefold() for n in (name, name.split()[0])}
        },
        key=len,
        reverse=True,
    )
    skipped = set(skipped)
    found = []
    for path in transcript_files(folder):
        if path in skipped or not variants:
            continue
        conversation = read(path)
        for text in [conversation.title, *(t.text for t in conversation.turns)]:
            spans = name_spans(
                text, variants, [v for p in conversation.participants for v in (p.name, p.organisation) if v]
            )
            if spans:
                found.append((path, text[spans[0][0] : spans[0][1]]))
                break
    return found


def write_journal(folder: Path, person: str, paths: list[Path], spellings: Iterable[str] = ()) -> Path:
    journal = folder / JOURNAL
    with atomic_write(journal) as handle:
        entry = {"person": person, "transcripts": [p.name for p in paths], "spellings": list(spellings)}
        handle.write(json.dumps(entry, ensure_ascii=False))
    return journal


def _forgotten_key(salt: str, name: str) -> str:
    return hashlib.sha256(f"{salt}\x00{' '.join(_folded(name).split())}".encode()).hexdigest()


def _forgotten_record(folder: Path) -> dict:
    record = folder / FORGOTTEN
    try:
        kept = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    except (OSError, ValueError) as error:
        kept = error
    if not isinstance(kept, dict) or not isinstance(kept.get("names", []), list):
        raise GesprekkenError(
            f"{record} does not read ({kept if isinstance(kept, Exception) else 'not a record of names'}): it holds "
            "whom forget took out, so that a programme adds none of them again; restore it from a backup, or "
            "delete it if no one was forgotten here"
        )
    return kept


def remember_forgotten(folder: Path, spellings: Iterable[str]) -> None:
    """Add ``spellings`` (of a person forget takes out) to :data:`FORGOTTEN`, as keys that hold no name."""
    record = _forgotten_record(folder)
    salt = record.get("salt") or secrets.token_hex(16)
    keys = set(record.get("names", [])) | {_forgotten_key(salt, name) for name in spellings}
    with atomic_write(folder / FORGOTTEN) as handle:
        handle.write(json.dumps({"salt": salt, "names": sorted(keys)}))


def forgotten_in(folder: Path) -> Callable[[str], bool]:
    """Whether a name is one forget took out of the transcripts in ``folder`` (:data:`FORGOTTEN`), in any spelling
    it took, case, accents and spaces aside, and as it shows (:func:`as_seen`)."""
    record = _forgotten_record(folder)
    keys = set(record.get("names", []))
    # and in letters of another script that pass for its own ("Fаtma", a Cyrillic а: a reviewer's read, session 59)
    return lambda name: bool(keys) and bool({_forgotten_key(record["salt"], n) for n in (name, as_seen(name))} & keys)


#: The most words a forgotten name is looked for in (:func:`without_forgotten`).
FORGOTTEN_WORDS = 6


def without_forgotten(text: str, forgotten: Callable[[str], bool] | None) -> str:
    """``text`` (a programme's title or conference) with :data:`REMOVED_NAME` for each run of its words that is a name
    ``forgotten`` knows (:func:`forgotten_in`), longest first: "Schuldhulp vroeg met Fatma Yilmaz" of a programme not
    corrected after forget put her name back in the title of another table (a reviewer's read, session 59)."""
    if not forgotten or not text:
        return text
    # (an apostrophe inside a word, as every other look for a name reads one: "d＇Oliveira" is one word)
    words = list(re.finditer(rf"[^\W_](?:[\w{APOSTROPHES}.-]*[^\W_])?", text))
    out, at, n = [], 0, 0
    while n < len(words):
        for end in range(min(len(words), n + FORGOTTEN_WORDS), n, -1):
            run = text[words[n].start() : words[end - 1].end()]
            # and the name before a possessive 's ("Fatma Yilmaz's team"), or the s Dutch writes without one ("Joost
            # de Boers tafel", a reviewer's read), which the word holds: the 's or the s stays
            possessive = (re.sub(rf"[{APOSTROPHES}]s$", "", run), re.sub(r"(?<=\w)s$", "", run))
            name = next((r for r in (run, *possessive) if r and forgotten(r)), None)
            if name is not None:
                out += [text[at : words[n].start()], REMOVED_NAME]
                at, n = words[n].start() + len(name), end
                break
        else:
            n += 1
    return "".join([*out, text[at:]])


def pending_forget(folder: Path) -> dict | None:
    """A forget that was interrupted: the person, the transcripts it was rewriting and the spellings
    of their name it was forgetting (none in a journal written before they were kept)."""
    journal = folder / JOURNAL
    if not journal.exists():
        return None
    return json.loads(journal.read_text(encoding="utf-8"))


#: What forget says of an export an editor changed since it was written (and asks before it deletes one).
CHANGED_BY_HAND = "changed by hand since gesprekken wrote it"


def forget_in_exports(
    workspace: "Workspace",
    conversation_ids: set[str],
    left: list[str] | None = None,
    *,
    dry_run: bool,
    asks: bool = False,
) -> list[Removal]:
    """Delete the exports `gesprekken export` wrote that held any of ``conversation_ids`` (as recorded in the
    database and in the transcripts folder, :meth:`gesprekken.Workspace.recorded_exports`). One outside this workspace
    that another copy of it wrote (:func:`written_elsewhere`) is left where it is, and ``left`` gets a note of it.
    ``asks``: whether each export to delete can be (:func:`_deletable`), before a forget changes anything."""
    from .workspace import changed_by_hand

    removals, gone = [], []
    for stored, entry in workspace.recorded_exports().items():
        if not set(entry.get("conversation_ids") or []) & conversation_ids:
            continue
        path = workspace.resolve(stored)
        if (elsewhere := written_elsewhere(workspace, stored, entry)) and path.exists():
            if left is not None:
                left.append(
                    f"{path} holds an export of a conversation they were in, but the workspace in {elsewhere} wrote "
                    f"it, not this one ({workspace.root}), so forget does not delete it: "
                    f"forget them there too, or delete it yourself if it is this workspace's"
                )
            continue  # its record kept: a later forget here (of another at that table) still names it
        if path.exists():
            # Any export of a conversation they were in may hold them (their words, if published then; their name
            # in an editor's additions): deleted whole. One an editor changed since it was written is said so.
            what = f"{entry.get('kind')} export of a conversation they were in"
            if changed_by_hand(path, entry):  # as export judges it before it replaces one
                what += (
                    f", {CHANGED_BY_HAND}: copy out your own work first, for forget deletes it with the rest"
                    if dry_run
                    else f", {CHANGED_BY_HAND}"
                )
            removals.append(Removal(str(path), f"{what} (export it again afterwards)"))
            if asks:
                _deletable(path)
            if not dry_run:
                path.unlink()
        gone.append(stored)
    if gone and not dry_run:
        workspace.forget_exports(gone)
    return removals


def _deletable(path: Path) -> None:
    """Raise the OSError that deleting ``path`` would meet, changing nothing: an export in a folder that may not be
    written (chmod a-w, chattr +i) stopped forget after it had rewritten the transcripts, the database and the site
    still holding the person until it was run again (session 61's attack). The file opened to append (its bytes and
    time as they were), and a file made and deleted in its folder, named as a temporary one (the folder is named).
    A file only its mode keeps from being written (chmod a-w, an editor's 'read-only') is deleted all the same, as
    its folder allows: refused for it, forget kept the person (a reviewer's read, session 61); one made immutable
    or append-only (chattr +i, +a; EPERM) is not."""
    import errno
    import tempfile

    try:
        with path.open("ab"):
            pass
    except PermissionError as e:
        if e.errno != errno.EACCES or _mode_lets_write(path):
            raise  # (immutable, or refused for another reason: a file locked on a share, which is not deleted either)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"):
        pass


def _mode_lets_write(path: Path) -> bool:
    """Whether ``path``'s mode lets this user write it (its owner's, group's or others' write bit, as it applies)."""
    import os

    stat = path.stat()
    if stat.st_uid == os.geteuid():
        return bool(stat.st_mode & 0o200)
    if stat.st_gid in {os.getegid(), *os.getgroups()}:
        return bool(stat.st_mode & 0o020)
    return bool(stat.st_mode & 0o002)


def written_elsewhere(workspace: "Workspace", stored: str, entry: dict) -> str | None:
    """The folder of the workspace that wrote the export recorded at ``stored`` (``entry``: its record) where that is
    another than ``workspace`` and the export lies outside it: a copy of a workspace (its transcripts folder copied,
    the export records with it) read an export written outside the first by its absolute path, and forget there
    deleted the first one's article (a helper's attack, session 60). None where it is this workspace's, lies inside
    it, or is recorded without the folder (an export written before it was recorded: this workspace's, as before),
    and where no workspace in that folder records it still: this one, moved or renamed (mv congres congres-2026), wrote
    it, and forget there left its own article with the person in it (a reviewer's read, session 60)."""
    written_from = entry.get("workspace")
    path = workspace.resolve(stored)
    if not isinstance(written_from, str) or not Path(stored).is_absolute():
        return None
    if Path(written_from) == workspace.root or path.resolve().is_relative_to(workspace.root):
        return None
    return written_from if _records_export(Path(written_from), stored) else None


def _records_export(root: Path, stored: str) -> bool:
    """Whether a transcripts folder in the workspace ``root`` records the export at ``stored`` (its export record)."""
    try:
        records = list(root.glob(f"*/{EXPORTS_RECORD}"))
    except OSError:
        return False
    for record in records:
        try:
            written = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(written, dict) and isinstance(written.get(stored), dict):
            return True
    return False


def _name_tests(db, spellings: list[str]) -> None:
    """Two SQL functions over a text, on ``db``'s connection, for the person whose name has these ``spellings``:
    ``names_in_full(text)``, one of them whole, whatever its accents and case; ``names_them(text)``, any way of
    naming them (:func:`name_variants`, their surname's last word too) as :func:`name_spans` finds it. Not SQL's
    instr: "Zoe Celik", as Whisper writes Zoë Çelik, is her name too."""
    variants = sorted({v for name in spellings for v in name_variants(name, bare=True)}, key=len, reverse=True)
    full = re.compile("|".join(_whole_name(name) for name in spellings))
    db.conn.create_function(
        "names_in_full", 1, lambda text: bool(text and names_in_full(full, text)), deterministic=True
    )
    db.conn.create_function("names_them", 1, lambda text: bool(name_spans(text or "", variants)), deterministic=True)


def _history(spoke_in: set[str], mentioned_in: set[str]) -> tuple[str, list]:
    """The saves of the editors' desk that may hold the person (the SQL functions of :func:`_name_tests`):
    every save of a conversation they spoke in (a save's detail holds texts of turns), those of a
    conversation that only mentions them that name them in any way, and any that names them in full. A save
    from before an editor corrected their name holds only the spelling it had then."""
    where = (
        "conversation_id IN (SELECT value FROM json_each(?)) OR names_in_full(summary) OR names_in_full(detail) "
        "OR (conversation_id IN (SELECT value FROM json_each(?)) AND (names_them(summary) OR names_them(detail)))"
    )
    return where, [json.dumps(sorted(spoke_in)), json.dumps(sorted(mentioned_in))]


def _undo(mentioned_in: set[str]) -> tuple[str, list]:
    """The undo a save keeps (the whole transcript as it was) of a conversation that mentions the person,
    or that holds any spelling of their name."""
    where = "previous IS NOT NULL AND (names_in_full(previous) OR conversation_id IN (SELECT value FROM json_each(?)))"
    return where, [json.dumps(sorted(mentioned_in))]


def history_of(db, spoke_in: set[str], mentioned_in: set[str], spellings: list[str]) -> tuple[int, int]:
    """How many saves of the editors' desk forgetting deletes (see :func:`_history`), and of how
    many others it drops the undo."""
    if not db["edits"].exists():
        return 0, 0
    _name_tests(db, spellings)
    where, params = _history(spoke_in, mentioned_in)
    deleted = db.execute(f"SELECT count(*) FROM edits WHERE {where}", params).fetchone()[0]
    undo, kept = _undo(mentioned_in)
    undone = db.execute(f"SELECT count(*) FROM edits WHERE {undo} AND NOT ({where})", [*kept, *params]).fetchone()[0]
    return deleted, undone


def forget_in_history(db, spoke_in: set[str], mentioned_in: set[str], spellings: list[str]) -> None:
    """Delete the desk's saves that may hold the person (see :func:`_history`), and the undo of any
    other that keeps a transcript that held them."""
    if db["edits"].exists():
        _name_tests(db, spellings)
        where, params = _history(spoke_in, mentioned_in)
        db.execute(f"DELETE FROM edits WHERE {where}", params)
        undo, kept = _undo(mentioned_in)
        db.execute(f"UPDATE edits SET previous = NULL WHERE {undo}", kept)


_UNSPLIT_LETTERS = str.maketrans(
    {"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE"}
    | {"œ": "oe", "Œ": "OE", "ß": "ss", "ð": "d", "þ": "th", "ħ": "h"}
)


def _folded(text: str) -> str:
    """``text`` with case, composition and accents aside ("Zoë Çelik" and "zoe celik": a reviewer's attack, session 54,
    found forget leave a stretch remembered as the second)."""
    # (and letters Unicode does not split into a letter and its mark: "Aydın" and "aydin", "Søren" and "Soren", a
    # second reviewer's read)
    plain = text.translate(_UNSPLIT_LETTERS)
    bare = "".join(c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).casefold()


def _stretches_of(db, spellings: Iterable[str]) -> list[int]:
    """The rowids of the stretches ``db`` remembers as kept back as the person's (any of their ``spellings``, case
    and composition aside; :func:`gesprekken.storage.remember_kept`)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'consent_stretches'").fetchone():
        return []
    names = {_folded(name) for name in spellings}
    return [
        rowid for rowid, person in db.execute("SELECT rowid, person FROM consent_stretches") if _folded(person) in names
    ]


def _remembered_as(db_path: Path, person: str) -> bool:
    """Whether the database at ``db_path`` remembers a stretch kept back as ``person``'s."""
    import sqlite3

    if not db_path.exists():
        return False
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    try:
        # (or withdrawn in a conversation whose rows are off the database: forget found "no one called" them and
        # left the name there, a reviewer's read, session 55)
        return bool(_stretches_of(conn, [person]) or _withdrawals_of(conn, [person]))
    finally:
        conn.close()


def forget_stretches(db, spellings: list[str]) -> None:
    """Give the turns remembered as kept back as the person's (any of their ``spellings``) to forget's marker, their
    stretch of the recording without their words, in every conversation; and take the words of any other turn
    remembered that says their name (another withheld participant's "Ann Bos zei het al", a reviewer's read)."""
    db.conn.executemany(
        # (someone's consent, a voice not named's too: forgotten, it is no voice to name, a reviewer's attack; and
        # without their words, which forget takes out of every transcript)
        "UPDATE OR REPLACE consent_stretches SET person = ?, consent = 1, text = '' WHERE rowid = ?",
        [(REMOVED_SPEAKER, rowid) for rowid in _stretches_of(db, spellings)],
    )
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'consent_stretches'").fetchone():
        return
    said = [
        rowid
        for rowid, text in db.execute("SELECT rowid, text FROM consent_stretches WHERE text != ''")
        # (case and composition aside, and as it shows: "Аnn Bos" with a Cyrillic А, as_seen; a word more taken off
        # than needed costs only the copy check of that turn)
        if any(_folded(name) in _folded(as_seen(text)) for name in spellings)
    ]
    db.conn.executemany("UPDATE OR REPLACE consent_stretches SET text = '' WHERE rowid = ?", [(r,) for r in said])
    forget_withdrawals(db, spellings)


def _withdrawals_of(db, spellings: Iterable[str]) -> list[tuple[str, str]]:
    """The withdrawals remembered of conversations off the database (:func:`gesprekken.storage.delete_remembering`)
    of the person (any of their ``spellings``, or any spelling the memory has of them), as (conversation, name)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'withdrawals_remembered'").fetchone():
        return []
    names = {_folded(name) for name in spellings}
    return [
        (cid, name)
        for cid, name, known in db.execute("SELECT conversation_id, name, spellings FROM withdrawals_remembered")
        if name and {_folded(n) for n in [name, *json.loads(known or "[]")]} & names
    ]


def forget_withdrawals(db, spellings: list[str]) -> None:
    """Take the person (any of their ``spellings``) off the withdrawals remembered: the name goes, its memory too."""
    if found := _withdrawals_of(db, spellings):
        db.conn.executemany("DELETE FROM withdrawals_remembered WHERE conversation_id = ? AND name = ?", found)


def scrub_database_files(db) -> None:
    """Rebuild every full-text index and vacuum, so no deleted text stays in free pages or the WAL."""
    from .storage import rebuild_fts

    rebuild_fts(db)
    db.conn.commit()
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass
class ForgetResult:
    """What forgetting removed, and what it could not remove itself."""

    removals: list[Removal]
    notes: list[str]
    #: Per conversation, whether the person's turns rest on a confirmed or an automatic name.
    attributions: list = field(default_factory=list)


def names_person(file_name: str, *spellings: str) -> str | None:
    """Which of the person's ``spellings`` a file name carries (any variant of it, in any case or
    separator, and as it shows: "interview-Кees-Mol.wav" with a Cyrillic К, :func:`as_seen`): of those that it
    does, the one whose words as written it carries most ("Heijden", where the variants of "Heyden" are "Heijden"
    too), the first of equals; or None."""
    stem = Path(file_name).stem
    readings = [re.findall(r"[^\W_]+", reading.casefold()) for reading in dict.fromkeys([stem, as_seen(stem)])]

    def carried(name: str) -> bool:
        for variant in name_variants(name, bare=True):
            parts = re.findall(r"[^\W_]+", variant.casefold())
            if parts and any(w[i : i + len(parts)] == parts for w in readings for i in range(len(w))):
                return True
        return False

    words = {word for reading in readings for word in reading}
    own = {name: len(set(re.findall(r"[^\W_]+", name.casefold())) & words) for name in spellings if carried(name)}
    return max(own, key=own.get, default=None)


def forget(workspace: "Workspace", person: str, dry_run: bool = False, rename_recordings: bool = False) -> ForgetResult:
    """Remove ``person`` from the workspace (:func:`_forget`), holding the transcripts' write lock from the
    first read to the last write: no desk save or other command comes between (nor is undone)."""
    with transcripts_lock(workspace.transcripts):
        return _forget(workspace, person, dry_run, rename_recordings)


def _forget(
    workspace: "Workspace", person: str, dry_run: bool = False, rename_recordings: bool = False
) -> ForgetResult:
    """Remove ``person`` from the workspace's transcripts, database, voice profiles, exports and
    temporary files.

    Running it again after a crash finishes the work (the journal says which transcripts
    were being rewritten). With ``dry_run`` nothing changes.

    Raises:
        GesprekkenError: nobody of that name, or another person's forget is unfinished.
    """
    from .transcript import write

    transcripts, db_path = workspace.transcripts, workspace.db_path
    pending = pending_forget(transcripts)
    if pending and pending["person"] != person:
        raise GesprekkenError(
            f"Forgetting {pending['person']!r} was interrupted; run 'gesprekken forget "
            f'"{pending["person"]}"\' first to finish it'
        )
    # Every spelling of their name (an editor corrected it): a save at the desk, a recording's file name
    # or a voice profile from before holds the one it had then.
    also = (pending or {}).get("spellings") or []
    try:
        plans, spellings = _plan_forget(transcripts, person, also)
    except GesprekkenError:
        # (or what was kept back as theirs in a conversation whose transcript is gone is all that is left of them:
        # a helper's attack, session 52, found their name there, and forget said "No one called")
        if not pending and not _remembered_as(db_path, person):
            raise
        plans = []  # every transcript was rewritten before the interruption: finish the database
        spellings = list(dict.fromkeys([person, *also]))
    paths = {path for path, _, _ in plans} | {transcripts / name for name in (pending or {}).get("transcripts", [])}
    removals = [Removal(str(path), what) for path, _, removed in plans for what in removed]
    notes = []
    renames: list[tuple[Path, Path]] = []
    spoke_in = set()
    for path, forgotten, _ in plans:
        # Where turns of theirs go (or, finishing an interrupted forget, went): the rest only mentions them.
        went = sum(t.speaker == REMOVED_SPEAKER for t in read(path).turns)
        if sum(t.speaker == REMOVED_SPEAKER for t in forgotten.turns) > went or (pending and went):
            spoke_in.add(forgotten.id)
    for n, (path, forgotten, removed) in enumerate(plans):
        if not forgotten.recording:
            continue
        recording = transcripts / forgotten.recording
        if forgotten.id in spoke_in:
            # The path from where the command runs (the transcript keeps it relative to itself: ../recordings/...).
            where = from_here(recording)
            notes.append(
                f"the original recording {where} (of {path.name}) still holds {person}'s voice "
                "(what gesprekken serves or publishes has it silent); gesprekken does not edit originals: cut or "
                "delete it yourself"
            )
        spelt = names_person(recording.name, *spellings)
        if spelt is None:
            continue
        # Which spelling: the file may carry the one an editor corrected, not the name they have now.
        spelling = "" if spelt == person else f" in an earlier spelling ({spelt})"
        if rename_recordings:
            renamed = recording.with_name(f"{forgotten.id}{recording.suffix.lower()}")
            renames.append((recording, renamed))
            reference = os.path.relpath(renamed, transcripts)
            plans[n] = (path, replace(forgotten, recording=reference), removed)
            removals.append(
                Removal(str(recording), f"recording renamed to {renamed.name} (its name held {person}{spelling})")
            )
        else:
            notes.append(
                f"the file name {recording.name} still carries {person}'s name{spelling}; run forget again with "
                "--rename-recordings to rename it after the conversation id"
            )
    for path, name, together in tablemates_spellings(transcripts, person, paths):
        notes.append(
            f"{path.name} lists {name}, an earlier spelling of {person}'s name and the name of the {name} who sat "
            f"with them in {together.name}: forget left it, as it cannot tell the two apart there; if it is "
            f"{person}, correct the name at the desk (or in the transcript) and forget again"
        )
    for path, said in surname_only(transcripts, paths, spellings):
        notes.append(
            f"{path.name} says {said!r} but not {person}'s full name, and they are no participant there: forget left "
            "it, as a surname alone may be someone else's; if it is them, take it out at the desk or in the "
            "transcript and run 'gesprekken load'"
        )
    stale = sorted(transcripts.glob(".*.tmp"))
    removals += [Removal(str(p), "left-over temporary file deleted") for p in stale]
    conversation_ids = {forgotten.id for _, forgotten, _ in plans} | {read(p).id for p in paths if p.exists()}
    # Finishing an interrupted forget: what it rewrote already is not known to be mentions only.
    spoke_in |= {read(p).id for p in paths if p.exists() and p not in {path for path, _, _ in plans}}
    if db_path.exists():
        if dry_run:
            import sqlite3

            from sqlite_utils import Database

            db = Database(sqlite3.connect(read_only_uri(db_path), uri=True))  # a dry run writes nothing
        else:
            db = workspace.db
        profiles = db.execute(
            "SELECT count(*) FROM voice_profiles WHERE name IN (SELECT value FROM json_each(?))",
            [json.dumps(spellings)],
        ).fetchone()[0]
        if profiles:
            removals.append(Removal(str(db_path), f"{counted(profiles, 'voice profile')} of {person} deleted"))
        if kept := len(_stretches_of(db, spellings)):
            removals.append(
                Removal(
                    str(db_path),
                    f"their name taken off {counted(kept, 'stretch', 'stretches')} of the recordings kept back "
                    "for their consent (kept back as forget's marker's)",
                )
            )
        removals.append(
            Removal(
                str(db_path),
                f"{counted(len(conversation_ids), 'conversation')} rebuilt without {person}; "
                "full-text indexes rebuilt; file vacuumed",
            )
        )
        saves, undone = history_of(db, spoke_in, conversation_ids - spoke_in, spellings)
        if saves:
            removals.append(
                Removal(str(db_path), f"{counted(saves, 'save')} in the editors' history deleted (no undo of them)")
            )
        if undone:
            removals.append(
                Removal(
                    str(db_path),
                    f"the undo of {counted(undone, 'other save')} in the editors' history dropped "
                    f"(it kept the transcript with {person} in it)",
                )
            )
    removals += forget_in_exports(workspace, conversation_ids, notes, dry_run=True, asks=not dry_run)
    # A hand edit that gives a turn kept back to someone shown waits on load's question: forget would take it in
    # unasked (its store cannot stop half-way to ask), so it asks first, changing nothing but holding that
    # conversation off the public site meanwhile (a reviewer's read: Kees Mol's own hand-headed turn went public)
    # (not in a dry run, which writes nothing, not even the database's log of a look rolled back)
    if dry_run:
        return ForgetResult(removals, notes)
    waiting = []
    # (not their own withdrawal taken back in the file, nor a turn of theirs under their own name, which forget
    # empties: forget goes further than either; a reviewer's read, session 55, found forget refused with the advice
    # to publish them first, also under a spelling the desk corrected since)
    forgotten = {_folded(name) for name in spellings}
    if db_path.exists():
        for name, earlier in workspace.db.execute("SELECT name, earlier_spellings FROM participants").fetchall():
            names = {_folded(n) for n in [name, *json.loads(earlier or "[]")]}
            if names & forgotten:
                forgotten |= names
    for path in [] if pending else sorted(paths):
        conversation = read(path)
        shown = [
            found
            for found in workspace.would_show(path, conversation)
            if not (
                (found[1] == GIVEN_BACK and _folded(found[2]) in forgotten)
                or (found[1] and found[1] not in (GIVEN_BACK, UNLISTED) and _folded(found[1]) in forgotten)
            )
        ]
        if shown:
            waiting.append((path, conversation.id, shown))
    if waiting:
        from .storage import shown_by_hand_said

        said = "; ".join(shown_by_hand_said(path.name, shown, cid, by="forget") for path, cid, shown in waiting)
        for _, cid, _ in waiting:
            workspace.hold(cid)
        raise GesprekkenError(f"Nothing forgotten yet: {said}; then run 'gesprekken forget' again")

    remember_forgotten(transcripts, spellings)  # first: a record that does not read stops forget before any change
    workspace._withhold_sites()  # before the first transcript loses them: published folders answer 503
    write_journal(transcripts, person, sorted(paths), spellings)
    for old, new in renames:
        if old.exists() and not new.exists():
            old.rename(new)
    for path, forgotten, _ in plans:
        write(forgotten, path)
    for path in stale:
        path.unlink(missing_ok=True)
    # (before the database's files are scrubbed below: its record of an export goes with the export)
    forget_in_exports(workspace, conversation_ids, dry_run=False)
    if db_path.exists():
        db = workspace.db
        with db.atomic():
            for path in sorted(paths):
                if path.exists():
                    # asked above (would_show): forget must not stop half-way on load's question
                    workspace.store(read(path), path, show=True)
            # what was kept back as theirs stays kept, as forget's marker's, with no name of theirs (after the
            # stores, which remember what the rows kept back before them: a helper's attack, session 52)
            forget_stretches(db, spellings)
            db.execute(
                "DELETE FROM voice_profiles WHERE name IN (SELECT value FROM json_each(?))", [json.dumps(spellings)]
            )
            forget_in_history(db, spoke_in, conversation_ids - spoke_in, spellings)
        scrub_database_files(db)
    (transcripts / JOURNAL).unlink(missing_ok=True)
    return ForgetResult(removals, notes)
