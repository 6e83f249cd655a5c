"""The editors' desk: listen, correct, name and approve one conversation, one save at a time.

Every save is a change an editor could make by hand in the transcript file, the source of
truth, and goes through the same code paths as that hand edit or the command that makes it:

- a turn's text is rewritten in the file with its ``woorden`` comment left as it is, so on
  reading the file :func:`gesprekken.transcript.align_words` gives a corrected word the time of
  the word it replaced;
- a turn moved to another speaker gets that name in its heading; a turn split at a word
  becomes two sections, each with its own heading and the words Whisper heard in it; two turns
  merged become one section, under the first's heading, with the words Whisper heard in both;
- voices are named and merged by :meth:`Workspace.speakers` (as ``gesprekken speakers`` does),
  and the name is marked ``confirmed``;
- the conversation's title is its ``title:`` in the file's front matter (a programme applied later
  keeps it, as it keeps a title corrected by hand);
- the article's choices (headline, quotes, action points, themes, intro) go to the
  transcript's ``analysis:`` block, which :func:`gesprekken.analyse.apply_corrections` applies;
- publication goes through :meth:`Workspace.publication`.

Then the conversation's rows are rebuilt (:meth:`Workspace.refresh`), so search sees the
change at once and the public copy follows.

Each save names the version of the transcript it was made on (the SHA-256 of the file);
a save against a file that changed since (another editor, a hand edit, a command) raises
:class:`StaleTranscript` and writes nothing. Each save is appended to the history (table
``edits``: who, when, what), and the latest one can be undone.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GIVEN_BACK, REMEMBERED, UNLISTED, GesprekkenError, ShownByHand
from .paths import atomic_write, transcripts_lock
from .programme import forgotten_here
from .transcript import (
    HEADING,
    REMOVED_SPEAKER,
    STATUSES,
    UNCONFIRMED,
    Conversation,
    Participant,
    Section,
    Turn,
    Word,
    alike_names,
    as_if_public,
    chosen_sentences,
    could_be_any,
    format_time,
    heading,
    is_voice_label,
    labels_and_names,
    loads,
    parse_words,
    rename_in_headings,
    replace_front_matter,
    sections,
    shown_under,
    text_lines,
    words_comment,
)

if TYPE_CHECKING:
    from .workspace import Workspace

#: Input limits: a turn's text, a name, a sentence (headline, quote, action point), the intro, the title.
MAX_TEXT = 5_000
MAX_NAME = 100
MAX_TITLE = 200
#: A participant's role and organisation.
MAX_ROLE = 200
MAX_SENTENCE = 600
MAX_INTRO = 3_000
#: How many saves the history shows.
HISTORY = 50
#: Sample clips per voice, and their length in seconds.
CLIPS = 3
CLIP_SECONDS = 4.0
#: Article choices in the ``analysis:`` block: kind -> (list of additions, list of removals).
CHOICES = {
    "quote": ("add_quotes", "remove_quotes"),
    "action_point": ("add_action_points", "remove_action_points"),
    "theme": ("add_themes", "remove_themes"),
}
#: The editor's chosen sentences (:data:`gesprekken.transcript.CHOSEN_SENTENCES`) as the desk names them.
CHOSEN_WORDS = {
    "headline": "de vastgezette kop",
    "add_quotes": "het toegevoegde citaat",
    "remove_quotes": "het afgewezen citaat",
    "add_action_points": "het toegevoegde actiepunt",
    "remove_action_points": "het afgewezen actiepunt",
}
#: Downloads: name -> (kind, format).
DOWNLOADS = {
    "artikel.md": ("article", "md"),
    "artikel.docx": ("article", "docx"),
    "artikel.html": ("article", "html"),
    "ondertitels.srt": ("subtitles", "srt"),
    "ondertitels.vtt": ("subtitles", "vtt"),
    "data.json": ("data", "json"),
    "data.csv": ("data", "csv"),
    "data.xlsx": ("data", "xlsx"),
}
CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "srt": "application/x-subrip; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Word marks, for the editor to listen there first. Whisper's probability of a word (kept in the
#: ``woorden`` comment): below LOW_PROBABILITY it is marked ``onzeker``, unless it is a word of a
#: participant's name, role or organisation (Whisper is unsure of exactly the names its prompt
#: spelled for it, and writes them right). 0.6: on the sample and the four Dutch dev recordings
#: (370 words, 74 of them misheard by Whisper base on this CPU) it marks 19% of the words, two
#: thirds of them misheard, and 62% of all misheard words; 0.5 marks 13% (45% of the misheard),
#: 0.7 marks 28% (81%, but 58% of the marks misheard). Without leaving out the names: a quarter more
#: marks, half of them wrong.
UNCERTAIN = "onzeker"
LOW_PROBABILITY = 0.6
#: A transcript written before probabilities were kept: words no Dutch word list knows.
UNKNOWN = "onbekend"  # not in the Dutch lemma tables, the programme or the thesaurus
#: The lemma tables miss many short everyday words (we, ook, gaat), so only longer words are
#: marked unknown: on the sample every misheard word is marked and one right one (Goedemiddag);
#: on the analysis sets' written Dutch, 2% of the words (mostly rare compounds).
MIN_UNKNOWN = 8
INFLECTIONS = ("en", "t", "te", "ten", "de", "den", "s", "e", "d", "er", "ste")
REPAIRED = "gerepareerd"  # written by the vocabulary repair, not heard as such

# One save at a time per transcript file (the desk runs its saves in one thread; this also
# holds when a Python user drives two desks at once).
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


class DeskError(GesprekkenError):
    """A change the desk refuses, with what is wrong and what to do."""


class NeedsConfirmation(DeskError):
    """A change the desk makes only once the editor confirms it (the same request with ``force``)."""


class NotInTranscript(DeskError):
    """A chosen sentence (a headline, a quote, an action point) that no one turn says."""


class PublicNotUpdated(GesprekkenError):
    """The save went through and is recorded, but the public copy or a published folder could not
    follow it: they are withheld until a command succeeds."""


CHANGED_MEANWHILE = (
    "Dit gesprek is gewijzigd sinds je het opende (door een andere redacteur, met de hand of met een commando)"
)


class StaleTranscript(GesprekkenError):
    """The transcript changed since the version a save was made on; nothing was written.

    Attributes:
        version: the version of the transcript now.
        text: the transcript file's text now.
    """

    def __init__(self, message: str, version: str, text: str) -> None:
        super().__init__(message)
        self.version = version
        self.text = text


#: The publication statuses as the desk shows them (its page says "openbaar", "intern", "ingetrokken";
#: the history said "withdrawn → published" in a Dutch sentence).
STATUS_WORDS = {"published": "openbaar", "internal": "intern", "withdrawn": "ingetrokken"}


def _as_sent(was) -> dict | None:
    """The article's choices as a page sent them (``was``), its lists in order (:meth:`Desk._article_as_seen`)."""
    if not isinstance(was, dict) or not all(isinstance(v, str | list) for v in was.values()):
        return None
    try:
        return {key: sorted(value) if isinstance(value, list) else value for key, value in was.items()}
    except TypeError:  # a list of mixed things: not what a page sends
        return None


#: Where :meth:`Desk.replace_words` took a word out, and where that word opened a sentence (never in a text: control
#: characters are refused).
TAKEN_OUT, OPENS = "\x00", "\x01"


def words_pattern(phrase: str, after: str = "") -> re.Pattern:
    """``phrase`` as whole words in any case, its spaces any white space: what the desk's replace finds (the page
    counts with the same rule); ``after``, what is taken with it."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<!\w){body}(?!\w){after}", re.IGNORECASE)


def _speaks_in_no_turn(person: str, when: str) -> str:
    """The sentence that someone not published speaks in no turn: their words, if they spoke, are public
    under another name (``when``: "nog" after their withdrawal, "nu" after the conversation is published)."""
    return (
        f". {person} spreekt in geen enkele beurt van dit gesprek: als die sprak, staan die woorden {when} openbaar "
        f"onder een andere naam; zoek die stem en geef die de naam {person}"
    )


def publication_summary(participant: str | None, before: str, after: str) -> str:
    """A publication change as the desk's history says it: "Publicatie: Joost de Boer openbaar → ingetrokken"."""
    said = STATUS_WORDS.get(before, before), STATUS_WORDS.get(after, after)
    return f"Publicatie: {participant or 'Het gesprek'} {said[0]} → {said[1]}"


def held_back(said: str, stored: str | None, here: str = "hier") -> str | None:
    """Where the database keeps the conversation less public than its transcript says (a hold of a running
    ``serve --public`` after a hand edit it could not follow, see :mod:`gesprekken.hand_edits`): the
    sentence the desk (and the editors' conversation page) shows by its publication, else None. ``here``
    is where a save takes the transcript in."""
    from .hand_edits import OPENNESS

    if stored is None or OPENNESS.get(stored, 0) >= OPENNESS.get(said, 0):
        return None
    return (
        f"De openbare kennisbank houdt dit gesprek achter: de database zegt {STATUS_WORDS.get(stored, stored)}, "
        f"het transcript {STATUS_WORDS.get(said, said)} (met de hand bewerkt terwijl de site draaide). "
        f"Een opslag {here} of 'gesprekken load' neemt het transcript over"
        # (where load held it on its question, the desk says which turn; this page cannot tell the two apart: an
        # editor's run, session 53, read the sentence as a promise neither kept)
        + (
            "."
            if here == "hier"
            else ", tenzij load vraagt naar een beurt die is achtergehouden: de redactietafel zegt dan welke."
        )
    )


#: Why a sentence the public copy leaves out cannot be the headline or a quote, by the status that keeps it out
#: (gesprekken.publish.withheld_turns; UNCONFIRMED: held until an editor confirms its voice).
WITHHELD_WHY = {"withdrawn": "toestemming ingetrokken", "internal": "intern", UNCONFIRMED: "stem nog niet bevestigd"}


def version_of(text: str) -> str:
    """The version of a transcript: the SHA-256 of its file's bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The last version of each transcript the desk parsed: a page load, a save and the state it answers
# with read the same file; a 1,500-word transcript takes some 50 ms to parse and align. The desk
# never changes a parsed Conversation in place.
_parsed: dict[Path, tuple[str, Conversation]] = {}


def _parse(path: Path, text: str) -> Conversation:
    with _locks_guard:
        known = _parsed.get(path)
    if known is not None and known[0] == text:
        return known[1]
    conversation = loads(text, path)
    with _locks_guard:
        _parsed[path] = (text, conversation)
    return conversation


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


# --- input ------------------------------------------------------------------------------


#: Characters that show nothing and that a paste brings along (a soft hyphen from a Word document or a web page, a
#: zero-width space, a word joiner, a byte order mark): inside a word they split it for the search and the themes
#: ("wederkerig\u00adheid" was found by no search for wederkerigheid) and a name for naming. Not the joiners of
#: emoji and scripts (U+200C, U+200D).
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def clean(value, limit: int | None, what: str, empty: bool = False) -> str:
    """One line of text from an editor: whitespace (line breaks too) folded to single spaces;
    ``limit`` None: its length is checked later.

    Raises:
        DeskError: not text, empty (unless ``empty``), longer than ``limit`` or holding control characters.
    """
    if not isinstance(value, str):
        raise DeskError(f"{what} moet tekst zijn")
    text = " ".join(_visible(value).split())
    if not text and not empty:
        raise DeskError(f"{what} is leeg; vul iets in")
    if limit is not None and len(text) > limit:
        raise DeskError(f"{what} is {len(text)} tekens lang; het mag er hoogstens {limit} zijn")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise DeskError(f"{what} bevat stuurtekens; haal ze weg")
    return text


def _composed(text: str) -> str:
    """Text an editor typed, its letters composed (NFC) as the transcripts write them, without the characters that
    show nothing (:data:`INVISIBLE`)."""
    return _visible(unicodedata.normalize("NFC", text))


def _visible(text: str) -> str:
    """``text`` without :data:`INVISIBLE`; a zero-width space before a capital is a space: "zei\u200bAns Visser" is
    two words, and joined the first name stayed beside the marker of a withdrawn name (a reviewer's read)."""
    return re.sub("\u200b(?=[^\\W\\d_])", lambda m: " " if text[m.end()].isupper() else "", text).translate(INVISIBLE)


def clean_name(value, what: str = "De naam") -> str:
    name = clean(value, MAX_NAME, what)
    if name.startswith("["):
        raise DeskError(f"{what} mag niet met '[' beginnen (zo beginnen de tijden in een kopregel)")
    return name


def _as_written(conversation: Conversation, typed: str, any_case: bool = False) -> str:
    """A name typed at the desk as the transcript writes it: a participant's or a turn's heading's own spelling where
    it is that name in another Unicode form (a name pasted from a Mac has its accents apart), and with ``any_case`` in
    another case too (a voice named "joost de boer" printed so in the article beside "Joost de Boer, sectormanager":
    an editor's run, session 57); else composed (NFC), as the desk's other typed text is (a decomposed "José" typed
    for a voice or added as a participant was a name no participant had, and his words stayed back: session 56's
    note). Not ``any_case`` where the name is a participant's new spelling, which may be a case mended."""

    def key(name: str) -> str:
        return _composed(name).casefold() if any_case else _composed(name)

    written = [p.name for p in conversation.participants] + [t.speaker for t in conversation.turns]
    return next((name for name in written if key(name) == key(typed)), _composed(typed))


def _listed_as(conversation: Conversation, speaker: str) -> Participant | None:
    """The participant a turn's ``speaker`` names, case aside (as Conversation.published_for reads a heading)."""
    return next((p for p in conversation.participants if p.name.casefold() == speaker.casefold()), None)


def _why_not_public(person: Participant | None) -> str:
    """Why someone's words are kept from the public, in the desk's words: withdrawn, or not public."""
    return (
        "heeft de toestemming ingetrokken"
        if person is not None and person.status == "withdrawn"
        else "is niet openbaar"
    )


#: In a save's summary, before each correction the transcript no longer says (saved from an older copy).
REVERTED = "; let op: de beurt om "
#: ... and where other changes saved here or by a command are undone by the file (storage.undone_changes).
UNDONE_BY_FILE = "; let op: het transcript is vanuit een oudere kopie opgeslagen en zette terug: "


def _undone_said(undone: list) -> str:
    """What :data:`UNDONE_BY_FILE` says of :func:`gesprekken.storage.undone_changes`, in the desk's words."""
    from .storage import facts_said

    return facts_said(undone, dutch=True, when=False) + " (zet terug wat wel de bedoeling was)"


def _shown_by_hand_said(shown: list[tuple[float, str | None, str]], cid: str, lead: str = "Opgeslagen, maar") -> str:
    """What a save held for load's question says at the desk (:class:`gesprekken.errors.ShownByHand`)."""
    turns = "; ".join(
        f"{old}, niet openbaar, staat niet meer bij de deelnemers: waar anderen die naam noemen, zou die te zien zijn"
        if new == UNLISTED
        else f"{old or 'het gesprek'}, ingetrokken, is dat er niet meer, met de hand of door een oudere kopie"
        if new == GIVEN_BACK
        else f"om {format_time(start, 1)} is {old} te horen, achtergehouden sinds een eerdere wijziging die beurt "
        "wegnam of anders noemde: die stem zou in de openbare opname te horen zijn"
        if new == REMEMBERED
        else f"de beurt om {format_time(start, 1)} staat onder {new}, maar is achtergehouden als die van {old}"
        if new
        else f"de beurt om {format_time(start, 1)} van {old}, achtergehouden, staat niet meer in het transcript: "
        "die stem zou in de openbare opname te horen zijn"
        for start, new, old in shown
    )
    return (
        f"{lead} het transcript is met de hand gewijzigd ({turns}), dus staat het gesprek van de openbare site tot "
        "dat beslist is: "
        + (
            "zet die deelnemer terug (onder Deelnemers, of in het transcript)"
            if UNLISTED in [t[1] for t in shown]
            else "trek weer in onder Publicatie"
            if GIVEN_BACK in [t[1] for t in shown]
            else "geef de beurt hier terug aan wie haar zei"
        )
        + ", of klopt de wijziging, voer dan "
        f"'gesprekken load --yes {cid[:8]}' uit"
    )


def _unconfirmed_said(held: list[str]) -> str:
    """The desk's sentence on the voices ``held`` from the public until a name is confirmed: automatic naming may
    have named the pair the wrong way round (Conversation.held_for_naming)."""
    return (
        f". {' en '.join(held)} {'is' if len(held) == 1 else 'zijn'} ook niet openbaar zolang niemand "
        f"de naam bevestigde: de automatische naamgeving verwisselt soms een paar; luister en bevestig "
        f"onder Stemmen om {'die' if len(held) == 1 else 'ze'} weer te tonen"
    )


def _intro_names(conversation: Conversation, person: str) -> bool:
    """Whether the editor's intro of ``conversation`` names ``person`` as the public copy finds a name left out."""
    from .consent import left_out_names, name_spans

    intro = conversation.analysis.get("intro") or ""
    kept = [(p.name, p.organisation) for p in conversation.participants if p.status == "published"]
    return bool(intro) and bool(name_spans(intro, *left_out_names([person], kept)))


def _keep_unpublished(conversation: Conversation, old: str, new: str) -> None:
    """Refuse to give words of a participant who is not public, in a published conversation, to a
    name off the programme: kept back under it only as internal (see Conversation.unlisted), while
    their consent and a forget follow their name.

    Raises:
        DeskError: naming the participant, their status and what to do.
    """
    listed = {p.name.casefold(): p for p in conversation.participants}
    person = listed.get(old.casefold())
    if (
        conversation.status == "published"
        and person is not None
        and person.status != "published"
        and new.casefold() not in listed
    ):
        why = _why_not_public(person)
        raise DeskError(
            f"{old} {why} in dit gepubliceerde gesprek: onder {new}, die niet op het programma staat, zouden "
            f"deze woorden niet meer van {old} zijn, en niet meer volgen of die openbaar is; geef ze aan een "
            f"deelnemer, of zet {new} eerst op het programma"
        )


def _showing_question(before: Conversation, after: Conversation, old: str, new: str, what: str, go_on: str) -> str:
    """The question to ask before ``what`` (words of ``old`` in ``before``) goes to ``new`` (``after``), or "":
    asked where the public would see them under ``new`` and does not under ``old``
    (:func:`gesprekken.transcript.shown_under`; a turn held only until its voice is confirmed counts as kept
    back: session 42's reviewer)."""
    if not shown_under(before, after, old, new):
        return ""
    person = _listed_as(before, old)
    why = (
        "wordt achtergehouden (een stem zonder naam, naast iemand die niet openbaar is)"
        if person is None and is_voice_label(old)
        else "niet op het programma staat en dus wordt achtergehouden (niemand gaf onder die naam toestemming)"
        if person is None
        else "wordt achtergehouden tot een redacteur de stem bevestigt"
        if person.status == "published"
        else _why_not_public(person)
    )
    shown = (
        "wordt het meteen openbaar" if before.status == "published" else "wordt het openbaar zodra het gesprek dat is"
    )
    return (
        f"{what} is van {old}, die {why}: onder {new} {shown}, op de site, in de opname en in exports. "
        f"Luister eerst; weet je zeker dat {new} dit zei, {go_on}"
    )


#: How an undo's summary begins (undoing an undo does the change again).
UNDONE = "Ongedaan gemaakt: "
#: How a participant's respelling says where the old spelling still stands in the turns.
STILL_SPELT = "de oude spelling staat nog in "


def _undone(summary: str) -> tuple[bool, str]:
    """Whether undoing the save of ``summary`` does a change again (the save was an undo of it, an odd number of
    "Ongedaan gemaakt: " before it), and that change's own summary."""
    undos = 0
    while summary.startswith(UNDONE):
        summary, undos = summary[len(UNDONE) :], undos + 1
    return undos % 2 == 1, summary


#: How a save's summary says the article's themes moved with it (a corrected word can take one in or out).
THEMES_MOVED = ". Thema's van het artikel: "


def _newly_shown(before: Conversation, after: Conversation) -> bool:
    """Whether ``after`` shows the public what ``before`` does not, as the voices stand and as if both were
    published with every voice confirmed (:func:`as_if_public`: a change asked about in an internal conversation is
    asked again). A word ``after`` shows is shown already where a turn ``before`` shows holds its moment and is
    that turn (the same start and end: a text corrected, a voice renamed) or the same speaker's (a split, a merge);
    a turn without times is shown already where ``before`` shows a turn of that speaker with that text. A participant
    made public who was not is shown too, turns or none (their name, role and organisation; others' words that name
    them: a reviewer's read, session 55, undid a withdrawal of someone who never spoke unasked)."""
    if any(
        p.status == "published" and before.status_of(p.name) not in (None, "published") for p in after.participants
    ) or (after.status == "published" and before.status != "published"):
        return True
    for one, other in ((before, after), (as_if_public(before), as_if_public(after))):
        was = [t for t in one.turns if one.published_for(t.speaker)]
        untimed = {(t.speaker.casefold(), " ".join(t.text.split())) for t in was if not t.end > t.start}
        # the very words shown, each at its moment: a merge undone gives them back to their own speaker (a
        # newcomer's run, session 51: asked about in a conversation where everyone is published)
        said = {(round(w.start, 2), w.text.strip().casefold()) for t in was for w in t.words if w.start is not None}
        for turn in other.turns:
            if not other.published_for(turn.speaker):
                continue
            if not turn.end > turn.start:
                if (turn.speaker.casefold(), " ".join(turn.text.split())) not in untimed:
                    return True
                continue
            # its words' moments; a turn without words, every half second of it
            moments = [w.start for w in turn.words if w.start is not None] or [
                min(turn.end, turn.start + n / 2) for n in range(int((turn.end - turn.start) * 2) + 2)
            ]
            holders = [
                t
                for t in was
                if t.speaker.casefold() == turn.speaker.casefold()
                or (abs(t.start - turn.start) <= 0.05 and abs(t.end - turn.end) <= 0.05)
            ]
            shown = {w.start for w in turn.words if (round(w.start, 2), w.text.strip().casefold()) in said}
            if any(m not in shown and not any(t.start - 0.05 <= m <= t.end + 0.05 for t in holders) for m in moments):
                return True
    return False


def _not_the_marker(speaker: str, what: str) -> None:
    """Refuse to give away a turn forget emptied (its marker speaks it): the public recording is silent there
    for the forgotten person's voice, and the marker holds back the voices they may be heard under.

    Raises:
        DeskError: saying so.
    """
    if speaker == REMOVED_SPEAKER:
        raise DeskError(
            f"{what} is leeggemaakt omdat iemand vergeten wilde worden; die geef je aan niemand anders en "
            "splits je niet"
        )


def _now_introduced(before: Conversation, after: Conversation, new: str) -> str:
    """A note for the save's summary where, after the change, ``new``'s own words introduce them as someone
    not published (:meth:`Conversation.introduced_as`): every turn of ``new`` is then kept from the public, and
    the desk says why rather than only marking them."""
    if before.status != "published" or not any(p.status != "published" for p in before.participants):
        return ""
    person = after.introduced_as({"published"}).get(new)
    if person is None or before.introduced_as({"published"}).get(new) == person:
        return ""
    return (
        f"; let op: {new} stelt zich nu voor als {person}, die niet openbaar is, dus alle beurten van {new} blijven "
        "achter; is dit toch van die ander, zet het dan terug"
    )


def _keep_apart(conversation: Conversation, index: int) -> None:
    """Refuse to merge turn ``index + 1`` into turn ``index`` where the public may see the first's words and
    not the second's (:meth:`Conversation.published_for`, as if the conversation were published, so that
    publishing it later shows nothing more): the merged turn would show them under the first's name.

    Raises:
        DeskError: naming both speakers and what to do.
    """
    first, second = conversation.turns[index].speaker, conversation.turns[index + 1].speaker
    # ... and as if an editor confirmed every voice: a voice held only until then (Conversation.held_for_naming)
    # would show the merged words under its name once confirmed (session 39's reviewer).
    public = as_if_public(conversation)
    if not public.published_for(first) or public.published_for(second):
        return
    why = _why_not_public(_listed_as(conversation, second))
    raise DeskError(
        f"{_beurt(conversation, index + 1).capitalize()} kan niet bij {_beurt(conversation, index)}: {second} {why} en "
        f"{first} is openbaar, dus samengevoegd zouden de woorden van {second} openbaar worden onder de naam {first}; "
        f"is {_beurt(conversation, index + 1)} toch van "
        f"{first}, geef hem dan eerst die spreker"
    )


def _beurt(conversation: Conversation, index: int) -> str:
    """Turn ``index`` as the page shows it, by the time it begins: "de beurt om 00:41.1" (a newcomer's run, session
    50: the desk's sentences said "Beurt 7" where the page numbers no turn); its number where it has no time."""
    start = conversation.turns[index].start
    return f"de beurt om {format_time(start, 1)}" if start is not None else f"beurt {index + 1}"


def _in_one_turn(conversation: Conversation, text: str, missing: str) -> None:
    """Refuse a chosen sentence (headline, quote, action point) that no one turn says: one that runs on
    from a turn into the next (an editor's selection over two turns) is said so, with the turns; any other
    is ``missing``.

    Raises:
        DeskError: what is wrong and what to choose instead.
    """
    from bisect import bisect_right

    from .analyse import plain_words, turn_of

    if turn_of(conversation, text) is not None:
        return
    said = [plain_words(t.text) for t in conversation.turns]
    wanted = plain_words(text)
    at = " ".join(said).find(wanted) if wanted else -1
    if at < 0:
        raise NotInTranscript(f"{missing}; kies een zin die er letterlijk in staat")
    starts = [0]  # where each turn's words begin in the words of all turns, one space between turns
    for words in said[:-1]:
        starts.append(starts[-1] + len(words) + 1)
    first, last = bisect_right(starts, at), bisect_right(starts, at + len(wanted) - 1)
    between = "en" if last == first + 1 else "tot en met"
    turns = f"{_beurt(conversation, first - 1)} {between} {_beurt(conversation, last - 1)}"
    raise NotInTranscript(
        f"Je selectie loopt over {turns}; een kop, citaat of actiepunt is een zin uit één beurt: selecteer "
        "binnen één beurt"
    )


def _unlisted(conversation: Conversation, name: str) -> str:
    """For a summary: that ``name``, given turns of a published conversation, is no participant's and
    is kept from the public (see Conversation.unlisted); "" where it is a participant's or a voice's label."""
    listed = {p.name.casefold() for p in conversation.participants}
    if conversation.status != "published" or name.casefold() in listed or is_voice_label(name):
        return ""
    return f"; {name} staat niet bij de deelnemers: die beurten blijven intern tot {name} daar met een status staat"


def _spelt_now(conversation: Conversation, name: str) -> str:
    """``name``, or the name of the one participant who had it as an earlier spelling (another tab respelt them
    meanwhile: an editor's role typed on a page from before, saved as "Mijn versie opslaan", answered "'Joost de
    Boer' is geen deelnemer", an editor's run, session 51)."""
    if any(p.name == name for p in conversation.participants):
        return name
    them = [p.name for p in conversation.participants if name in p.earlier_spellings]
    return them[0] if len(them) == 1 else name


def _participant(conversation: Conversation, name) -> Participant:
    """The participant called ``name``.

    Raises:
        DeskError: no participant of this conversation has that name.
    """
    person = next((p for p in conversation.participants if p.name == name), None)
    if person is None:
        listed = ", ".join(p.name for p in conversation.participants) or "geen"
        raise DeskError(f"{name!r} is geen deelnemer van dit gesprek; deelnemers: {listed}")
    return person


def _check_spelling(conversation: Conversation, old: str, new: str) -> None:
    """Refuse a participant's new name that is not another spelling of ``old``, or that someone else has.

    Raises:
        DeskError: what is wrong, and where it is done instead.
    """
    if not alike_names(old, new):
        raise DeskError(
            f"{new} is een andere naam dan {old}, geen andere spelling: hun toestemming is niet van {new}; voeg "
            f"{new} toe als deelnemer met een status, of geef een stem onder Stemmen de naam van een deelnemer"
        )
    if any(p.name.casefold() == new.casefold() and p.name != old for p in conversation.participants):
        raise DeskError(f"{new} staat al bij de deelnemers; een naam hoort bij één deelnemer")
    others = {t.speaker.casefold() for t in conversation.turns} - {old.casefold()}
    if new.casefold() in others:
        raise DeskError(
            f"{new} spreekt al in dit gesprek, niet als deelnemer; voeg die stem onder Stemmen samen met {old}"
        )


def _quoted(value: str) -> str:
    return f"“{value}”" if value else "leeg"


def _index(value, size: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        # (not Python's words for what was sent: "Beurt True bestaat niet", an editor's run, session 58)
        raise DeskError(f"{what} moet een nummer zijn, van 0 tot {size - 1}")
    if not 0 <= value < size:
        raise DeskError(f"{what} {value} bestaat niet; kies een nummer van 0 tot {size - 1}")
    return value


def _ask_before_merging_or_respelling(
    conversation: Conversation, voice: str, new: str, merge: bool, swap: bool
) -> None:
    """Ask before the voice actions that change most at one click (a tester's find, session 47: the swap asked,
    these did not): a merge, which gives all of a voice's turns to another; and a name that is another spelling of
    the voice's participant's, which renames that participant everywhere.

    Raises:
        NeedsConfirmation: saying what the change does.
    """
    turns = sum(t.speaker == voice for t in conversation.turns)
    if merge:
        raise NeedsConfirmation(
            f"Samenvoegen geeft {'de ene beurt' if turns == 1 else f'alle {turns} beurten'} van stem {voice} aan "
            f"{new}: luister eerst; is het dezelfde stem, bevestig het dan"
        )
    listed = {p.name for p in conversation.participants}
    if not swap and voice in listed and new not in listed and alike_names(voice, new):
        raise NeedsConfirmation(
            f"{new} is een andere spelling van {voice}: deelnemer {voice} heet dan overal {new}, onder elk citaat, in "
            "het artikel en op de kennisbank; is dat de juiste spelling, bevestig het dan"
        )


def _turn(conversation: Conversation, turn, start) -> int:
    """The index of ``turn``, checked against ``start``: where the editor saw that turn begin.

    A turn's number shifts when a turn before it is split (by another editor, or by hand), so a
    change carried over to a newer version (the conflict panel's "Mijn versie opslaan") could land
    on another turn; its start says which turn the editor meant. ``None``: no check.
    """
    index = _index(turn, len(conversation.turns), "Beurt")
    _begins(conversation, index, start)
    return index


def _begins(conversation: Conversation, index: int, start) -> None:
    """Refuse where turn ``index`` no longer begins at ``start`` (None: no check); see :func:`_turn`."""
    found = conversation.turns[index].start
    if start is None or found is None:
        return
    if isinstance(start, bool) or not isinstance(start, int | float):
        raise DeskError(f"Begin {start!r} is geen tijd; geef de seconden waarop de beurt begint")
    if abs(found - start) > 0.005:
        raise DeskError(
            f"De beurt die je om {format_time(start, 1)} zag beginnen, staat niet meer op die plek (daar staat nu "
            f"{_beurt(conversation, index)}): het gesprek "
            "is intussen gewijzigd; herlaad de pagina en doe je wijziging opnieuw in de juiste beurt"
        )


def _unsaid(before: Conversation, after: Conversation) -> list[tuple[str, str]]:
    """The chosen sentences that a turn of ``before`` says and no turn of ``after`` (the same conversation
    with turns split or merged): a choice counts only where one turn says its sentence."""
    from .analyse import turn_of

    return [
        (key, text)
        for key, text in chosen_sentences(before)
        if turn_of(before, text) is not None and turn_of(after, text) is None
    ]


#: The choices that say no to a sentence the analysis found.
REJECTIONS = ("remove_quotes", "remove_action_points")


def _parts_of(sentence: str, tokens: list[str], at: int) -> list[str]:
    """The two parts of ``sentence`` that a split of a turn's ``tokens`` before token ``at`` makes."""
    from .analyse import plain_words

    size = len(sentence.split())
    for start in range(max(0, at - size + 1), at):
        if plain_words(" ".join(tokens[start : start + size])) == plain_words(sentence):
            return [" ".join(tokens[start:at]), " ".join(tokens[at : start + size])]
    return []


def _rejoined(analysis: dict, first: str, second: str, thesaurus: Path) -> list[tuple[str, str, str]]:
    """The rejections a split cut in two that a merge of turn texts ``first`` and ``second`` makes one
    sentence again: ``(key, end, start)`` for a rejected part ending ``first`` and one of the same kind
    starting ``second``, as :meth:`Desk.split_turn` keeps them (:func:`_parts_of`), where the two are one
    sentence of the merged turn as the analysis splits it. Two whole sentences rejected either side of the
    boundary stay two: the analysis offers neither again. ``thesaurus``: the workspace's, whose pipeline the
    desk has built already."""
    from .analyse import pipeline, plain_words

    ends, starts = plain_words(first), plain_words(second)
    merged: set[str] | None = None
    found = []
    for key in REJECTIONS:
        texts = [t for t in analysis.get(key) or [] if plain_words(t)]
        ending = [t for t in texts if f" {ends} ".endswith(f" {plain_words(t)} ")]
        starting = [t for t in texts if f" {starts} ".startswith(f" {plain_words(t)} ")]
        if not ending or not starting:
            continue
        if merged is None:  # the sentences of the merged turn, only where a rejection meets the boundary
            merged = {plain_words(s.text) for s in pipeline(thesaurus)(f"{first} {second}").sents}
        pairs = [(e, s) for e in ending for s in starting if e != s and plain_words(f"{e} {s}") in merged]
        if pairs:
            found.append((key, *max(pairs, key=lambda pair: len(pair[0]) + len(pair[1]))))
    return found


def _named_choices(choices: list[tuple[str, str]]) -> str:
    """Chosen sentences as the desk names them: de vastgezette kop “...” en het toegevoegde actiepunt “...”."""
    named = [f"{CHOSEN_WORDS.get(key, key)} “{text}”" for key, text in choices]
    return " en ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)


def _without(analysis: dict, choices: list[tuple[str, str]]) -> dict:
    """The ``analysis`` block less the chosen sentences ``choices``."""
    changed = dict(analysis)
    for key, text in choices:
        value = changed.get(key)
        changed[key] = "" if isinstance(value, str) else [s for s in value or [] if s != text]
    return changed


# --- the transcript file, section by section ---------------------------------------------


def _comment_words(lines: list[str], span: tuple[int, int]) -> list[Word] | None:
    """The words of a ``woorden`` comment, or None for another comment."""
    inner = " ".join(line.strip() for line in lines[span[0] : span[1] + 1])
    inner = inner[4 : inner.index("-->")].strip() if "-->" in inner else ""
    if not inner.startswith("woorden:"):
        return None
    return parse_words(Path("<transcript>"), span[0] + 1, inner[len("woorden:") :])


def _section_lines(head: str, text: str, comments: list[str]) -> list[str]:
    out = [head + "\n", "\n"] + [line + "\n" for line in text_lines(text)]
    for comment in comments:
        out += ["\n", comment if comment.endswith("\n") else comment + "\n"]
    return out


def _with_turn_text(lines: list[str], section: Section, text: str) -> str:
    """The file with the turn of ``section`` saying ``text``, its heading and comments (its words' times) kept."""
    comments = ["".join(lines[a : b + 1]) for a, b in section.comments]
    return _splice(lines, section, _section_lines(lines[section.heading].rstrip("\n"), text, comments))


def _splice(lines: list[str], section: Section, *replacements: list[str]) -> str:
    """The file with ``section`` replaced by one or more sections, blank lines between, as dumps writes them."""
    new: list[str] = []
    for replacement in replacements:
        new += (["\n"] if new else []) + replacement
    after = lines[section.end :]
    return "".join(lines[: section.heading] + new + (["\n"] if after else []) + after)


# --- the desk -----------------------------------------------------------------------------


class Desk:
    """One conversation at the editors' desk.

    Args:
        workspace: the workspace whose transcript and database change.
        conversation_id: the conversation's id.
        actor: who saves, for the history (the Datasette actor id).

    Raises:
        GesprekkenError: no transcript of that conversation.
    """

    def __init__(self, workspace: Workspace, conversation_id: str, actor: str = "editor") -> None:
        self.workspace = workspace
        self.conversation_id = conversation_id
        self.actor = actor
        self.path = self._find()
        #: What a save's store held back for load's question (:class:`gesprekken.errors.ShownByHand`), if any.
        self._held: ShownByHand | None = None

    def _find(self) -> Path:
        """The transcript: the file the database names for the id (no transcript read to find it), else a search."""
        ws = self.workspace
        if ws.db_path.exists():
            row = ws.db.execute(
                "SELECT transcript_file FROM conversations WHERE id = ?", [self.conversation_id]
            ).fetchone()
            if row and row[0]:
                path = ws.transcripts / row[0]
                if path.is_file() and _id_of(path) == self.conversation_id:
                    return path
        path = ws.find(self.conversation_id)
        if _id_of(path) != self.conversation_id:
            raise GesprekkenError(f"No conversation with the id {self.conversation_id!r} in {ws.transcripts}")
        return path

    def read(self) -> tuple[str, Conversation]:
        """The transcript's text and what it says (parsed once per version of the file)."""
        text = self.path.read_text(encoding="utf-8")
        return text, _parse(self.path, text)

    # --- saving -------------------------------------------------------------------------

    def _save(
        self,
        version: str,
        action: str,
        change: Callable[[str, Conversation], tuple[str, dict] | None],
        unchanged: Callable[[Conversation], bool] | None = None,
    ) -> dict | None:
        """Run ``change`` on the transcript of ``version`` and record it; returns the history entry,
        or None when nothing changed. ``change`` writes the file and rebuilds the rows, and returns
        the summary and detail of what it did (None: nothing to do). ``unchanged``: whether what the change
        is made on is as the editor saw it, so that it may be made on a newer version (another editor's save
        elsewhere in the conversation is no conflict)."""
        from .storage import changed_facts, record_undone, reverted_turns, undone_changes

        # in this server (threads) and across processes (a command changing the file meanwhile)
        with _lock(self.path), transcripts_lock(self.path.parent):
            text, conversation = self.read()
            now = version_of(text)
            if version != now and not (unchanged is not None and unchanged(conversation)):
                raise StaleTranscript(f"{CHANGED_MEANWHILE}; bekijk beide versies en sla opnieuw op", now, text)
            # A save that went through but did not reach the public copy (a full disk) is still
            # recorded, with its undo, before the editor is told; visitors get 503 meanwhile.
            self.workspace.defer_public_failure, self.workspace.public_failure = True, None
            themes = self._article_themes()
            self._held = None
            # a desk correction the file as it is now no longer says (written back from an older copy): this save
            # takes the file in, so it says so, as load would (an attack, session 55: it was gone without a word)
            undone = reverted_turns(self.workspace.db, conversation)
            # and any other change saved here or by a command that the file undid (a move, a split, a role, the
            # intro, a voice's confirmation: an attack, session 56), said the same way
            undone_elsewhere = undone_changes(self.workspace.db, conversation)
            try:
                done = change(text, conversation)
            except NotInTranscript as e:
                if version == now:
                    raise
                # Made on an older version, refused on this one (a turn split or corrected meanwhile, most likely):
                # the editor sees both versions and the reason, not only a refusal of their input.
                raise StaleTranscript(f"{CHANGED_MEANWHILE}, en nu: {e}", now, text) from e
            finally:
                self.workspace.defer_public_failure = False
            after = self.path.read_text(encoding="utf-8")
            entry = None
            if done is not None and after != text:
                summary, detail = done
                if action != "thema" and set(now_themes := self._article_themes()) != set(themes):
                    # A corrected word can take a theme into or out of the article's box (the analysis runs
                    # again): said, with the way to keep one (a newcomer's run: "Wederkerigheid" left it unsaid).
                    # Another order of the same themes is not worth a word.
                    labels = dict(self.workspace.db.execute("SELECT id, label FROM themes").fetchall())
                    moved = [
                        f"{', '.join(labels.get(t, t) for t in ids)} {where}"
                        for ids, where in (
                            ([t for t in now_themes if t not in themes], "erbij"),
                            ([t for t in themes if t not in now_themes], "eruit"),
                        )
                        if ids
                    ]
                    summary += f"{THEMES_MOVED}{'; '.join(moved)}; zet er een vast of haal er een weg onder Thema's"
                    detail = {**detail, "themes": {"from": themes, "to": now_themes}}
                summary += "".join(
                    f"{REVERTED}{format_time(start, 1)} zegt weer wat ze zei vóór de correctie van "
                    f"{actor or 'een redacteur'} ({at[:16].replace('T', ' ')} UTC: “{said}”): het transcript is "
                    "vanuit een oudere kopie opgeslagen; zet de correctie terug als dat niet de bedoeling was"
                    for start, at, actor, said in undone
                )
                facts = changed_facts(conversation, _parse(self.path, after))
                # (not what this save sets again: a reviewer's read, an intro put back was said to be undone)
                undone_elsewhere = [u for u in undone_elsewhere if u[0] not in facts]
                if undone_elsewhere:
                    summary += f"{UNDONE_BY_FILE}{_undone_said(undone_elsewhere)}"
                    record_undone(self.workspace.db, self.conversation_id, undone_elsewhere, now)
                detail = {**detail, "facts": facts}
                entry = self._record(action, summary, detail, now, version_of(after), text)
            if (held := self._held) is not None:
                # Written and recorded, with its undo; the rows kept as they were, off the public site: a heading
                # edited by hand gives a turn kept back to someone shown, as load asks (a reviewer's read of
                # session 48: any save before the next load put those words on the site)
                error = PublicNotUpdated(_shown_by_hand_said(held.shown, self.conversation_id))
                error.saved = entry
                raise error from held
            failed = self.workspace.public_failure
            if failed is not None:
                reason = getattr(failed, "strerror", None) or str(failed)
                error = PublicNotUpdated(
                    f"Opgeslagen, maar de openbare kennisbank kon niet worden bijgewerkt ({reason}); bezoekers "
                    "krijgen 503 tot dat lukt: los dit op en voer 'gesprekken load' uit"
                )
                error.saved = entry  # what was saved, for the caller to show as saved
                raise error from failed
            return entry

    def _article_themes(self) -> list[str]:
        """The conversation's themes as its article's box shows them (ids, by rank; see storage.store)."""
        row = self.workspace.db.execute("SELECT themes FROM conversations WHERE id = ?", [self.conversation_id])
        found = row.fetchone()
        return json.loads(found[0] or "[]") if found else []

    def _write(self, text: str, updated: str, asked: bool = True) -> None:
        """Write the transcript (checked to parse first) and rebuild the conversation's rows. The turns this change
        makes are the desk's, which asked where they show words kept back (the editor confirmed): only a hand edit
        elsewhere in the file is load's question (see :meth:`gesprekken.Workspace.store`). A change that asks
        nothing of the kind (``asked`` False: a turn's words typed, a find and replace) is judged as a hand edit is:
        a withdrawn participant's sentence typed into a turn of someone published went on the site unasked, where
        the same typed by hand was asked about (a helper's attack, session 52)."""
        from .storage import changed_turns

        parsed = _parse(self.path, updated)
        if updated == text:
            return
        old = _parse(self.path, text)
        confirmed = changed_turns(old, parsed) if asked else ()
        # a withdrawal this change takes back (an undo of one, having asked): the editor's, not a hand edit's
        given_back = (
            [
                name
                for name in ("", *(p.name for p in parsed.participants))
                if old.status_of(name or None) == "withdrawn" and parsed.status_of(name or None) != "withdrawn"
            ]
            if asked
            else ()
        )
        with atomic_write(self.path) as handle:
            handle.write(updated)
        try:
            self.workspace.refresh(
                self.path.name, current=parsed, show=confirmed, given_back=given_back, reverted=False
            )
        except ShownByHand as e:
            self._held = e  # said once the save is recorded (see _save)
        except BaseException as e:
            # The rows could not follow (the database locked past its wait by a long load, a full disk): the file
            # goes back to what the rows say, so "not saved" is true and a retry meets no conflict with itself (an
            # attack, session 55: the correction stayed in the file, unrecorded, without an undo).
            with atomic_write(self.path) as handle:
                handle.write(text)
            if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
                from .storage import BUSY_WAIT

                raise GesprekkenError(
                    "de database is bezet: een ander commando (zoals 'gesprekken load') schrijft er al meer dan "
                    f"{BUSY_WAIT:.0f} seconden in; probeer het zo opnieuw"
                ) from e
            raise

    def _record(self, action: str, summary: str, detail: dict, before: str, after: str, previous: str) -> dict:
        db = self.workspace.db
        entry = {
            "conversation_id": self.conversation_id,
            "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "actor": self.actor,
            "action": action,
            "summary": summary,
            "detail": json.dumps(detail, ensure_ascii=False),
            "version_before": before,
            "version_after": after,
            "previous": previous,
        }
        with db.atomic():
            # One step of undo: only the latest save keeps the transcript as it was before it.
            db.execute("UPDATE edits SET previous = NULL WHERE conversation_id = ?", [self.conversation_id])
            db["edits"].insert(entry)
        entry["id"] = db.execute("SELECT max(id) FROM edits").fetchone()[0]
        return {key: entry[key] for key in ("id", "at", "actor", "action", "summary")}

    # --- listen and correct -------------------------------------------------------------

    def edit_text(
        self, version: str, turn: int, text: str, start: float | None = None, was: str | None = None
    ) -> dict | None:
        """Replace a turn's text; its words keep their times by alignment to what Whisper heard.
        ``start``: where the editor saw the turn begin; a turn that begins elsewhere is refused.
        ``was``: the turn's text as the editor saw it; where the turn that begins at ``start`` still says it,
        the correction is saved on a newer version too (two editors on two turns: a tester's find, session 47,
        where the second always met the conflict panel, which showed an unchanged turn).
        A turn Whisper wrote longer than ``MAX_TEXT`` (minutes of one voice) may stay as long."""
        clean(text, None, "De tekst van de beurt")  # not text, empty, control characters: said before the lock

        def as_seen(conversation: Conversation) -> int | None:
            """The turn that begins at ``start`` and says ``was``, where one does."""
            if not isinstance(was, str) or isinstance(start, bool) or not isinstance(start, int | float):
                return None
            return next(
                (
                    k
                    for k, t in enumerate(conversation.turns)
                    if t.start is not None and abs(t.start - start) <= 0.005 and t.text == was
                ),
                None,
            )

        def change(file_text: str, conversation: Conversation):
            seen = as_seen(conversation)
            index = _turn(conversation, turn, start) if seen is None else seen
            old = conversation.turns[index].text
            new = clean(text, max(MAX_TEXT, len(old)), "De tekst van de beurt")
            if new == old:
                return None
            lines = file_text.splitlines(keepends=True)
            _, found = sections(lines)
            updated = _with_turn_text(lines, found[index], new)
            choices = _choices_corrected(conversation.analysis, old, new)
            if choices != conversation.analysis:
                updated = self._with_analysis(updated, choices)
            self._write(file_text, updated, asked=False)
            return (
                f"{_beurt(conversation, index).capitalize()} ({conversation.turns[index].speaker}): "
                f"{_difference(old, new)}",
                {"turn": index, "before": old, "after": new},
            )

        return self._save(version, "tekst", change, unchanged=lambda c: as_seen(c) is not None)

    def replace_words(self, version: str, find: str, replacement: str) -> dict | None:
        """Replace a word or phrase in every turn at once: a name or a term Whisper misheard the same way throughout
        ("Rentré" for Rentree). Whole words, in any case; the replacement as typed, with a capital where it opens a
        sentence. The words keep
        their times, as a correction's do; the editor's chosen sentences follow; one save, one undo. Not inside what
        consent removed ("[naam verwijderd]", a turn emptied on request).

        Raises:
            DeskError: nothing to look for, or it is in no turn.
        """
        from .consent import REMOVED_NAME, REMOVED_TURN

        old = clean(find, MAX_NAME, "Wat je zoekt")
        new = clean(replacement, MAX_NAME, "Waardoor je het vervangt", empty=True)
        # taken out ("eh"), with the mark and the space after it: "Ja. Eh, dat klopt, eh, echt." is "Ja. Dat klopt,
        # echt." (a reviewer's read: "Ja., dat klopt,, echt.")
        pattern = words_pattern(old, r"[,;:]?\s*" if not new else "")

        def substituted(text: str) -> tuple[str, int]:
            kept = [m.span() for m in re.finditer(re.escape(REMOVED_NAME), text)]
            count = 0

            def one(match: re.Match) -> str:
                nonlocal count
                if any(a < match.end() and match.start() < b for a, b in kept):
                    return match[0]
                count += 1
                # (after an opening quote or bracket too: "“Eh, dat klopt,” zei hij." is "“Dat klopt,” zei hij.")
                opens = re.search(r"(?:^|[.!?…]\s+)[“‘\"'(\[]*$", text[: match.start()])
                if not new:
                    return OPENS if opens else TAKEN_OUT
                return new[:1].upper() + new[1:] if opens and new[:1].islower() else new

            result = pattern.sub(one, text)
            if count and not new:  # no space left before a sentence's end; the next word opens a sentence it opened
                # nor the mark before what was taken out where it ended the sentence ("starten, zei hij." is
                # "starten.", not "starten,.": a newcomer's run, session 51)
                # (and a word taken out twice or more in a row: "starten, eh eh." is "starten.", a reviewer's read)
                # a sentence that was only what was taken out goes whole ("Eh. Dat klopt.", "Dat klopt. Eh. Ja.": a
                # second editor's run left ". Dat klopt." and "Dat klopt.. Ja.")
                result = re.sub(
                    rf"(^|[.!?…]\s+){OPENS}(?:\s*[{TAKEN_OUT}{OPENS}])*\s*[.!?…]+\s*", rf"\g<1>{OPENS}", result
                )
                result = re.sub(rf"\s*[,;:]\s*(?=(?:[{TAKEN_OUT}{OPENS}]\s*)+(?:[.!?…]|$))", "", result)
                result = re.sub(rf"(?:\s*[{TAKEN_OUT}{OPENS}])+(?=\s*(?:[.!?…]|$))", "", result)
                # nor brackets or dashes left around nothing: "(eh)", "zei – eh – hij" (a second editor's run)
                result = re.sub(rf"\s*[(\[](?:\s*[{TAKEN_OUT}{OPENS}])+\s*[)\]]", "", result)
                result = re.sub(rf"([–—])(?:\s*[{TAKEN_OUT}{OPENS}])+\s*[–—]", r"\1", result)
                result = re.sub(rf"{OPENS}(\w)", lambda m: m[1].upper(), result).replace(OPENS, "")
                result = result.replace(TAKEN_OUT, "").strip()
            return result, count

        def change(file_text: str, conversation: Conversation):
            lines = file_text.splitlines(keepends=True)
            _, found = sections(lines)
            analysis = conversation.analysis
            done: list[tuple[int, int]] = []
            texts: list[dict] = []
            found_as_it_is = False
            # the last turn first: the lines above it stay where they are
            for index in reversed(range(len(conversation.turns))):
                before = conversation.turns[index].text
                after, count = substituted(before) if before != REMOVED_TURN else (before, 0)
                if after == before:
                    found_as_it_is = found_as_it_is or count > 0
                    continue
                clean(after, max(MAX_TEXT, len(before)), f"{_beurt(conversation, index).capitalize()} na het vervangen")
                lines = _with_turn_text(lines, found[index], after).splitlines(keepends=True)
                analysis = _choices_corrected(analysis, before, after)
                done.append((index, count))
                texts.append({"turn": index, "before": before, "after": after})
            if not done and found_as_it_is:
                # (a newcomer's run, session 51: "staat in geen beurt" where the page had counted it)
                raise DeskError(f"“{old}” staat er al zo: vervangen door “{new}” verandert niets")
            if not done:
                raise DeskError(f"“{old}” staat in geen beurt (hele woorden, hoofdletters maken niet uit)")
            updated = "".join(lines)
            if analysis != conversation.analysis:
                updated = self._with_analysis(updated, analysis)
            self._write(file_text, updated, asked=False)
            times = sum(count for _, count in done)
            # by the times they begin, as the page shows them (a newcomer's run: "(7)", a number the page has not)
            changed = [conversation.turns[index].start for index, _ in reversed(done)]
            turns = (
                "om " + ", ".join(format_time(start, 1) for start in changed)
                if None not in changed
                else ", ".join(_beurt(conversation, index).removeprefix("de ") for index, _ in reversed(done))
            )
            what = f"“{new}”" if new else "niets (weggehaald)"
            return (
                f"Vervangen: “{old}” door {what}, {times} keer in {len(done)} "
                f"{'beurt' if len(done) == 1 else 'beurten'} ({turns})",
                {
                    "find": old,
                    "replacement": new,
                    "turns": [index for index, _ in reversed(done)],
                    "count": times,
                    # each turn's text before and after, as a correction's ('tekst'), so that load can say where a
                    # file written back from an older copy undid it (storage.reverted_notes)
                    "texts": texts[::-1],
                },
            )

        return self._save(version, "vervangen", change)

    def move_turn(
        self, version: str, turn: int, speaker: str, start: float | None = None, force: bool = False
    ) -> dict | None:
        """Give one turn to another speaker (the name in its heading); ``start`` as in :meth:`edit_text`.

        A turn the public does not see under its speaker (withdrawn, internal, a voice kept back with them)
        that it would see under the new one is moved only with ``force`` (the editor confirmed, as a
        publication asks): one pick in the menu would otherwise put those words on the site at once.

        Raises:
            NeedsConfirmation: the move would show withheld words (without ``force``).
        """
        typed = clean_name(speaker, "De spreker")

        def change(file_text: str, conversation: Conversation):
            # a name another tab respelt meanwhile is that participant's now, not a voice of its own under the old
            # spelling, kept back as no participant's (an editor's run, session 58: "Mijn versie opslaan" of a move)
            name = _spelt_now(conversation, typed)
            index = _turn(conversation, turn, start)
            old = conversation.turns[index].speaker
            if name == old:
                return None
            _not_the_marker(old, _beurt(conversation, index).capitalize())
            _keep_unpublished(conversation, old, name)
            turns = list(conversation.turns)
            turns[index] = replace(turns[index], speaker=name)
            after = replace(conversation, turns=turns)
            question = _showing_question(
                conversation, after, old, name, _beurt(conversation, index).capitalize(), "verplaats dan toch"
            )
            if question and not force:
                raise NeedsConfirmation(question)
            lines = file_text.splitlines(keepends=True)
            _, found = sections(lines)
            line = lines[found[index].heading]
            match = HEADING.match(line.rstrip("\n"))
            lines[found[index].heading] = line[: match.start(3)] + name + line[match.end(3) :]
            self._write(file_text, "".join(lines))
            summary = (
                f"{_beurt(conversation, index).capitalize()} verplaatst van {old} naar {name}"
                + _unlisted(conversation, name)
                + _now_introduced(conversation, after, name)
            )
            return summary, {"turn": index, "from": old, "to": name}

        return self._save(version, "verplaats", change)

    def split_turn(
        self,
        version: str,
        turn: int,
        word: int,
        speaker: str | None = None,
        start: float | None = None,
        force: bool = False,
        said: str | None = None,
    ) -> dict | None:
        """Split a turn before its word number ``word``; the second part goes to ``speaker``
        (default: the same speaker). Each part keeps the words Whisper heard in it; ``start`` as
        in :meth:`edit_text`; ``said``: that word as the editor saw it, so that a split sent again on a newer version
        (another editor's correction of the turn meanwhile) is made before that word, or refused where the turn no
        longer says it once (an attack, session 56: "Mijn versie opslaan" split one word off).

        A split inside a sentence the editor chose (the pinned headline, a quote or action point added or
        rejected) would end that choice, which counts only where one turn says its sentence: it is made
        only with ``force`` (the editor confirmed), and the choice is then taken out of the ``analysis:``
        block in the same save (the undo brings it back).

        A second part given to a speaker the public would see, where the public does not see the turn's own,
        is made only with ``force`` too (as :meth:`move_turn`).

        Raises:
            NeedsConfirmation: the split cuts a chosen sentence, or would show withheld words (without
                ``force``), naming it.
        """
        typed = clean_name(speaker, "De spreker") if speaker not in (None, "") else None

        def change(file_text: str, conversation: Conversation):
            name = None if typed is None else _spelt_now(conversation, typed)  # (as a move's)
            index = _turn(conversation, turn, start)
            current = conversation.turns[index]
            _not_the_marker(current.speaker, _beurt(conversation, index).capitalize())
            before, after = conversation.turns[:index], conversation.turns[index + 1 :]
            tokens = current.text.split()
            if len(tokens) < 2:
                raise DeskError(
                    f"{_beurt(conversation, index).capitalize()} heeft maar één woord; daar valt niets te splitsen"
                )
            given = isinstance(said, str) and bool(said.strip())
            try:
                at = _index(word, len(tokens), "Woord")
            except DeskError:
                if not given or isinstance(word, bool) or not isinstance(word, int):
                    raise
                at = None  # (a word further on than the turn now has words: looked for by what it says)
            # (the words as the page shows them: state's)
            seen = [w.text for w in current.words] if len(current.words) == len(tokens) else tokens
            if given and (at is None or seen[at] != said.strip()):
                found = [k for k, token in enumerate(seen) if token == said.strip()]
                if len(found) != 1:
                    raise DeskError(
                        f"“{said.strip()}” staat niet meer {'één keer ' if found else ''}in "
                        f"{_beurt(conversation, index)} (die is intussen gewijzigd); klik opnieuw op het woord waarmee "
                        "de nieuwe beurt begint"
                    )
                at = found[0]
            if at == 0:
                raise DeskError("Splits vóór een woord na het eerste; het eerste woord begint de beurt al")
            lines = file_text.splitlines(keepends=True)
            _, found = sections(lines)
            section = found[index]
            heard_spans = [(span, _comment_words(lines, span)) for span in section.comments]
            woorden = [(span, words) for span, words in heard_spans if words is not None]
            others = ["".join(lines[a : b + 1]) for (a, b), words in heard_spans if words is None]
            first_comments, second_comments = list(others), []
            timed = len(current.words) == len(tokens)
            if len(woorden) == 1 and timed:
                heard = woorden[0][1]
                boundary = current.words[at].start
                cut = sum(1 for w in heard if (w.start + w.end) / 2 < boundary)
                if heard[:cut]:
                    first_comments.append(words_comment(heard[:cut]))
                if heard[cut:]:
                    second_comments.append(words_comment(heard[cut:]))
            else:  # no comment, or more than one: keep them in the second part (the file is aligned as a whole)
                second_comments += ["".join(lines[a : b + 1]) for (a, b), _ in woorden]
            second = name or current.speaker
            _keep_unpublished(conversation, current.speaker, second)
            parts = [Turn(current.speaker, 0, 0, " ".join(tokens[:at])), Turn(second, 0, 0, " ".join(tokens[at:]))]
            split = replace(conversation, turns=[*before, *parts, *after])
            what = f"Het tweede deel van {_beurt(conversation, index)} (vanaf “{tokens[at]}”)"
            question = _showing_question(conversation, split, current.speaker, second, what, "splits dan toch")
            if timed:
                first_head = heading(current.speaker, current.start, current.words[at - 1].end)
                second_head = heading(second, current.words[at].start, current.end)
            else:
                first_head, second_head = lines[section.heading].rstrip("\n"), heading(second)
            cut = _unsaid(conversation, split)
            # A rejected quote or action point cut in two stays rejected: each part of it is (the analysis
            # would otherwise offer a part again). Nothing is lost, so nothing is asked.
            rejected = [(key, text) for key, text in cut if key in REJECTIONS]
            cut = [choice for choice in cut if choice not in rejected]
            if cut:  # one confirmation answers both questions, so both are asked at once
                question = " ".join(
                    part
                    for part in (
                        question and question + ".",
                        f"Deze splitsing knipt {_named_choices(cut)} in twee beurten, en een keuze geldt alleen voor "
                        "een zin binnen één beurt, dus die vervalt; splits vóór of na die zin, of splits toch (de "
                        "keuze vervalt, ongedaan maken zet hem terug)",
                    )
                    if part
                )
            if question and not force:
                raise NeedsConfirmation(question)
            first = _section_lines(first_head, parts[0].text, first_comments)
            updated = _splice(lines, section, first, _section_lines(second_head, parts[1].text, second_comments))
            if cut or rejected:
                analysis = _without(conversation.analysis, cut + rejected)
                for key, text in rejected:
                    # Where the parts cannot be told (the sentence spelt otherwise), the rejection stays as it was.
                    analysis[key] = [*analysis[key], *(_parts_of(text, tokens, at) or [text])]
                updated = self._with_analysis(updated, analysis)
            self._write(file_text, updated)
            return (
                f"{_beurt(conversation, index).capitalize()} ({current.speaker}) gesplitst vóór “{tokens[at]}”"
                + (f"; het tweede deel is van {second}" if second != current.speaker else "")
                + (f"; vervallen: {_named_choices(cut)}" if cut else "")
                + (f"; {_named_choices(rejected)} blijft afgewezen, in twee delen" if rejected else "")
                + _now_introduced(conversation, split, second),
                {
                    "turn": index,
                    "word": at,
                    "speaker": second,
                    **({"dropped": [t for _, t in cut]} if cut else {}),
                    **({"rejected_in_parts": [t for _, t in rejected]} if rejected else {}),
                },
            )

        return self._save(version, "splits", change)

    def merge_turn(
        self,
        version: str,
        turn: int,
        start: float | None = None,
        next_start: float | None = None,
        force: bool = False,
    ) -> dict | None:
        """Merge a turn with the next one (diarization cut one person's turn in two): one section under
        the first's heading, from the first's start to the second's end, the texts joined and the words
        Whisper heard in both kept, so times and the editor's chosen sentences stay right (a chosen
        sentence that a split had cut reads whole again, and counts again). ``start`` and ``next_start``:
        where the editor saw the two turns begin (see :meth:`edit_text`).

        Turns of two speakers are merged only with ``force`` (the editor confirmed): all the words are
        then the first's. Never where that would show words the public copy keeps back under a public
        name: the second's speaker not public (withdrawn, internal) and the first's public (as if the
        conversation were published), nor a participant's words under a name off the programme
        (:func:`_keep_unpublished`), nor forget's emptied turns.

        Raises:
            NeedsConfirmation: two speakers (without ``force``).
            DeskError: the turn is the last, or the merge would publish withheld words.
        """

        def change(file_text: str, conversation: Conversation):
            index = _turn(conversation, turn, start)
            if index + 1 >= len(conversation.turns):
                raise DeskError(
                    f"{_beurt(conversation, index).capitalize()} is de laatste; er is geen volgende beurt om mee samen "
                    "te voegen"
                )
            _begins(conversation, index + 1, next_start)
            first, second = conversation.turns[index], conversation.turns[index + 1]
            if REMOVED_SPEAKER in (first.speaker, second.speaker):
                emptied = _beurt(conversation, index if first.speaker == REMOVED_SPEAKER else index + 1)
                raise DeskError(
                    f"{emptied.capitalize()} is leeggemaakt omdat iemand vergeten wilde worden; die voeg je met geen "
                    "andere beurt samen"
                )
            same = first.speaker.casefold() == second.speaker.casefold()
            if not same:
                _keep_apart(conversation, index)
                _keep_unpublished(conversation, second.speaker, first.speaker)
                if not force:
                    raise NeedsConfirmation(
                        f"{_beurt(conversation, index).capitalize()} is van {first.speaker} en "
                        f"{_beurt(conversation, index + 1)} van {second.speaker}: samengevoegd staat alles onder "
                        f"{first.speaker}; luister eerst, en weet je zeker dat {first.speaker} beide zei, voeg dan "
                        "toch samen"
                    )
            lines = file_text.splitlines(keepends=True)
            _, found = sections(lines)
            one, two = found[index], found[index + 1]
            comments = [(span, _comment_words(lines, span), n) for n, s in enumerate((one, two)) for span in s.comments]
            others = ["".join(lines[a : b + 1]) for (a, b), words, _ in comments if words is None]
            heard = [(span, words, n) for span, words, n in comments if words is not None]
            if [n for *_, n in heard] == [0, 1]:  # one woorden comment each, as split_turn writes them: one again
                woorden = [words_comment(heard[0][1] + heard[1][1])]
            else:  # none, or several: kept as they are (the file is aligned as a whole)
                woorden = ["".join(lines[a : b + 1]) for (a, b), *_ in heard]
            head = lines[one.heading].rstrip("\n")
            if HEADING.match(head)[1] is not None:
                head = heading(first.speaker, first.start, second.end)
            text = " ".join(t for t in (first.text, second.text) if t)
            merged = replace(
                conversation,
                turns=[*conversation.turns[:index], replace(first, text=text), *conversation.turns[index + 2 :]],
            )
            whole = _unsaid(merged, conversation)  # chosen sentences a split had cut: said in one turn again
            both = Section(one.heading, [], [], two.end)
            updated = _splice(lines, both, _section_lines(head, text, others + woorden))
            # A rejected sentence a split kept rejected in two parts is one sentence again: rejected whole, or
            # the analysis would offer it again (neither part is the sentence it finds).
            rejoined = _rejoined(conversation.analysis, first.text, second.text, self.workspace.thesaurus)
            if rejoined:
                analysis = dict(conversation.analysis)
                for key, end, begin in rejoined:
                    kept = [t for t in analysis[key] if t not in (end, begin)]
                    analysis[key] = [*kept, f"{end} {begin}"]
                updated = self._with_analysis(updated, analysis)
            self._write(file_text, updated)
            summary = f"{_beurt(conversation, index).capitalize()} ({first.speaker}) samengevoegd met de volgende" + (
                "" if same else f" ({second.speaker}, nu ook van {first.speaker})"
            )
            if whole:
                summary += f"; weer in één beurt, en dus weer geldig: {_named_choices(whole)}"
            if rejoined:
                named = _named_choices([(key, f"{end} {begin}") for key, end, begin in rejoined])
                summary += f"; {named} is weer één zin en blijft afgewezen"
            return summary, {"turn": index, "speaker": first.speaker, "merged": second.speaker}

        return self._save(version, "samenvoegen", change)

    # --- speakers -----------------------------------------------------------------------

    def name_speaker(
        self, version: str, speaker: str, name: str, merge: bool = False, swap: bool = False, force: bool = False
    ) -> dict | None:
        """Name a voice (a participant's name or any name); a name already speaking needs ``merge``
        (the two voices are one) or ``swap`` (naming put the two names the wrong way round: the
        other voice takes this voice's name, or its own label when this one had none).
        The name is confirmed; naming a voice with its own name only confirms it. A voice that
        introduces itself as another participant is named only with ``force`` (the editor confirmed).

        Raises:
            NeedsConfirmation: the voice introduces itself as someone else (without ``force``).
        """
        from .corrections import ForgottenName, MisnamedVoice, ShowsWithheld

        typed = clean_name(name)

        def rename(**changes) -> None:
            try:
                self.workspace.speakers(self.path.name, force=force, record=False, **changes)
            except ShownByHand as e:
                self._held = e  # named in the file; said once the save is recorded (see _save)
            except MisnamedVoice as e:
                if not e.introduced:  # what it says it is not
                    raise NeedsConfirmation(
                        f"Stem {e.voice} zegt {e.name} niet te zijn (“{e.quote}”): luister eerst; weet je zeker "
                        f"dat dit {e.name} is, bevestig het dan"
                    ) from e
                raise NeedsConfirmation(
                    f"Stem {e.voice} stelt zich voor als {e.introduced} ({e.quote}), niet als {e.name}: luister "
                    f"eerst; weet je zeker dat dit {e.name} is, bevestig het dan"
                ) from e
            except ForgottenName as e:
                raise NeedsConfirmation(
                    f"{e.name} is vergeten (gesprekken forget): onder die naam komt die persoon terug in dit gesprek; "
                    f"weet je zeker dat {e.name} terug mag komen, bevestig het dan"
                ) from e
            except ShowsWithheld as e:  # asked above (_ask_before_showing) as the desk asks; this is the command's
                raise NeedsConfirmation(
                    f"Wat stem {e.voice} zegt is niet openbaar; onder {e.name} wordt het openbaar: luister eerst; weet "
                    f"je zeker dat {e.name} dit zei, bevestig het dan"
                ) from e

        def change(file_text: str, conversation: Conversation):
            new = _as_written(conversation, typed, any_case=True)
            speaking = list(dict.fromkeys(t.speaker for t in conversation.turns))
            # A voice by its current name, or by its label ("Spreker 2") as the state also gives it.
            labels = {s.label: s.shown_as for s in conversation.speakers if s.shown_as in speaking}
            voice = speaker if speaker in speaking else labels.get(speaker, speaker)
            if voice not in speaking:
                raise DeskError(f"{speaker!r} spreekt niet in dit gesprek; sprekers: {', '.join(speaking)}")
            if new == voice and (merge or swap):
                # one voice merged with itself confirmed its automatic name, as the command's did (an attack,
                # session 56): naming it with its own name is how it is confirmed
                raise DeskError(f"{voice} is dezelfde stem; bevestig de naam als je hebt geluisterd")
            if new == voice:
                return self._confirm(file_text, conversation, voice)
            if new in speaking and not (merge or swap):
                raise DeskError(
                    f"{new} spreekt al in dit gesprek; kies 'ruilen' als de twee stemmen elkaars naam hebben, "
                    "'samenvoegen' als het dezelfde stem is"
                )
            if (merge or swap) and new not in speaking:
                raise DeskError(f"{new} spreekt niet in dit gesprek, dus er valt niets samen te voegen of te ruilen")
            pair = [(voice, new)]
            if not merge and not alike_names(voice, new):
                # Before the rename's own check, whose sentence is the command's (English, with --rename).
                _keep_unpublished(conversation, voice, new)
            back = None
            if swap and (is_voice_label(voice) or _spelling_of(conversation, voice) == new):
                # a newcomer's run (session 50): "Spreker 3", or a heading misspelt by hand, swapped with the
                # participant's own voice put "Spreker 3" over her introduction, or gave her the misspelling
                raise DeskError(
                    f"Stem {voice} heeft {'geen naam' if is_voice_label(voice) else 'een andere spelling'}: "
                    f"ruilen geeft {new} die {'naam' if is_voice_label(voice) else 'spelling'}; is {voice} "
                    f"dezelfde stem als {new}, kies dan 'Samenvoegen met {new}'"
                )
            if swap:
                other = next((s for s in conversation.speakers if s.shown_as == new), None)
                mine = next((s for s in conversation.speakers if s.shown_as == voice), None)
                if other is None:
                    raise DeskError(f"{new} staat niet in het sprekersblok van dit gesprek; kies 'samenvoegen'")
                # A name this voice has (a participant's, or one an editor gave: a moderator off the
                # programme) goes to the other voice; only an unnamed voice gives the other its own label.
                back = voice if mine is None or mine.name else other.label
            if not force:
                self._ask_before_showing(conversation, {voice: new, **({new: back} if swap else {})}, merge, swap)
                _ask_before_merging_or_respelling(conversation, voice, new, merge, swap)
            if swap:
                rename(rename=[(voice, new), (new, back)])
                # (where someone is not published, a voice whose name no one confirmed stays back: the swap's other
                # voice, which the question did not name, an editor's run, session 53: the whole dialogue went)
                from .consent import confirmable

                swapped = loads(self.path.read_text(encoding="utf-8"), self.path)
                held = confirmable(swapped)
                # and a voice that introduces itself as someone not published: kept back as theirs
                introduced = swapped.introduced_as({"published"})
                told = "".join(
                    f". Stem {name} stelt zich voor als {introduced[name]}, die niet openbaar is: wat die stem zegt "
                    "blijft van de openbare site"
                    for name in (new, back)
                    if name in introduced and name != introduced[name]
                )
                return f"Stem {voice} heet nu {new}, stem {new} heet nu {back}" + told + (
                    _unconfirmed_said(held) if held else ""
                ), {"speaker": voice, "name": new, "swap": back}
            rename(rename=[] if merge else pair, merge=pair if merge else [])
            verb = "samengevoegd met" if merge else "heet nu"
            # (the participants as the rename left them: another spelling of a participant's name is theirs now)
            renamed = loads(self.path.read_text(encoding="utf-8"), self.path)
            summary = f"Stem {voice} {verb} {new}" + ("" if merge else _unlisted(renamed, new))
            return summary, {"speaker": voice, "name": new, "merge": merge}

        return self._save(version, "spreker", change)

    def _ask_before_showing(self, conversation: Conversation, mapping: dict[str, str], merge: bool, swap: bool) -> None:
        """Ask before a voice's words the public does not see (a withdrawn participant's, a voice kept back with
        them) go to a name under which it would (``mapping``: each voice's new name), as moving one turn asks
        (:func:`_showing_question`; a helper's attack, session 43: a merge or a swap published them at once).
        One confirmation answers every question, so a rename's own question (the voice introduces itself as
        someone else) is asked with it.

        Raises:
            NeedsConfirmation: saying what would show, and why each voice is kept back.
        """
        from .corrections import MisnamedVoice, _check_introductions

        after = replace(
            conversation, turns=[replace(t, speaker=mapping.get(t.speaker, t.speaker)) for t in conversation.turns]
        )
        go_on = "voeg dan toch samen" if merge else "ruil dan toch" if swap else "geef de stem dan toch die naam"
        questions = [
            question
            for old, new in mapping.items()
            if (question := _showing_question(conversation, after, old, new, f"Wat stem {old} zegt", go_on))
        ]
        if not questions:
            return
        if not merge:
            try:
                _check_introductions(self.path, conversation, mapping)
            except MisnamedVoice as e:
                questions.append(f"En stem {e.voice} stelt zich voor als {e.introduced} ({e.quote}), niet als {e.name}")
        raise NeedsConfirmation(". ".join(questions))

    def _confirm(self, file_text: str, conversation: Conversation, speaker: str):
        entries = [s for s in conversation.speakers if s.shown_as == speaker]
        if not entries or all(s.confirmed for s in entries):
            return None
        confirmed = [
            replace(
                s,
                confidence=1.0,
                confirmed=True,
                evidence=[*s.evidence, f"door de redactie bevestigd: {speaker}"],
            )
            if s.shown_as == speaker
            else s
            for s in conversation.speakers
        ]
        self._write(file_text, replace_front_matter(file_text, replace(conversation, speakers=confirmed)))
        return f"Stem {speaker} bevestigd", {"speaker": speaker, "name": speaker, "merge": False}

    # --- participants -------------------------------------------------------------------

    def edit_participant(
        self,
        version: str,
        participant: str,
        name: str | None = None,
        role: str | None = None,
        organisation: str | None = None,
        was: dict | None = None,
        force: bool = False,
    ) -> dict | None:
        """Correct a participant's name, role or organisation: what the article, the public site and the
        exports show under each of their quotes. None leaves a field as it is; "" empties the role or the
        organisation. The participant is marked ``confirmed``: a programme applied later (``apply-programme``,
        ``ingest --programme``) fills in none of it again. A name is corrected in its spelling only
        (:func:`alike_names`: another name is another person, whose consent this is not), and follows in
        the headings of their turns and in the speakers block, as a voice's rename does.

        ``was``: the participant's name, role and organisation as the editor saw them (a dict); where they still
        are, the save is made on a newer version too. A name respelt is made only with ``force`` (the editor
        confirmed): it renames them everywhere, as a voice given another spelling of their name does.

        Raises:
            DeskError: no such participant, a bad value, another person's name, or a name someone else has.
            NeedsConfirmation: the name respelt (without ``force``), saying what it does.
        """
        typed = None if name is None else clean_name(name)
        new_role = None if role is None else _composed(clean(role, MAX_ROLE, "De functie", empty=True))
        new_organisation = (
            None if organisation is None else _composed(clean(organisation, MAX_ROLE, "De organisatie", empty=True))
        )

        def change(file_text: str, conversation: Conversation):
            new_name = None if typed is None else _as_written(conversation, typed)
            person = _participant(conversation, _spelt_now(conversation, participant))
            after = replace(
                person if new_name is None or new_name == person.name else person.respelt(new_name),
                role=person.role if new_role is None else new_role,
                organisation=person.organisation if new_organisation is None else new_organisation,
                confirmed=True,
            )
            fields = ("name", "role", "organisation")
            if all(getattr(after, f) == getattr(person, f) for f in fields):
                return None
            mapping: dict[str, str] = {}
            speakers = conversation.speakers
            if after.name != person.name:
                _check_spelling(conversation, person.name, after.name)
                if not force:
                    # a newcomer's run (session 51): a typo here ("Joost de Boerr") renamed him everywhere at once,
                    # where the same spelling given to his voice asks first
                    raise NeedsConfirmation(
                        f"{after.name} is een andere spelling van {person.name}: deelnemer {person.name} heet dan "
                        "overal zo, onder elk citaat, in het artikel en op de kennisbank; is dat de juiste spelling, "
                        "bevestig het dan"
                    )
                # Their headings in any case are theirs (a heading is read as a participant's case aside).
                mapping = {
                    t.speaker: after.name for t in conversation.turns if t.speaker.casefold() == person.name.casefold()
                }
                speakers = [
                    replace(s, name=after.name) if s.name and s.name.casefold() == person.name.casefold() else s
                    for s in speakers
                ]
            participants = [after if p is person else p for p in conversation.participants]
            changed = replace(conversation, participants=participants, speakers=speakers)
            self._write(file_text, rename_in_headings(replace_front_matter(file_text, changed), mapping))
            words = {"name": "naam", "role": "functie", "organisation": "organisatie"}
            said = [
                f"{words[f]} {_quoted(getattr(person, f))} → {_quoted(getattr(after, f))}"
                for f in fields
                if getattr(after, f) != getattr(person, f)
            ]
            if after.name != person.name:
                # the old spelling as said in the turns ("En ik ben Joost de Boer") is the editor's to correct too,
                # with the words' times kept: said, with where (a newcomer's run, session 50, found it left over)
                old = re.compile(rf"(?<!\w){re.escape(person.name)}(?!\w)", re.IGNORECASE)
                # (not where a turn says the new spelling already: a correction of case alone, a reviewer's read)
                still = sum(any(m[0] != after.name for m in old.finditer(t.text)) for t in conversation.turns)
                if still:
                    said.append(
                        f"{STILL_SPELT}{still} {'beurt' if still == 1 else 'beurten'}: verbeter die "
                        f"onder Zoeken en overal vervangen ({_quoted(person.name)} → {_quoted(after.name)})"
                    )
            return f"Deelnemer {person.name}: {'; '.join(said)}", {
                "participant": person.name,
                "before": {f: getattr(person, f) for f in fields},
                "after": {f: getattr(after, f) for f in fields},
            }

        def unchanged(conversation: Conversation) -> bool:
            # this participant's own fields (a reviewer's read: any participant's let a role saved meanwhile go)
            spelt = _spelt_now(conversation, participant)  # (as change reads it, a reviewer's read)
            person = next((p for p in conversation.participants if p.name == spelt), None)
            # the fields this save sets (the page sends only those the editor changed): a role edited meanwhile by
            # hand is no conflict for an organisation saved (an editor's run, session 53: the page says only the
            # changed fields are saved, and met the conflict panel)
            given = {"name": typed, "role": new_role, "organisation": new_organisation}
            fields = [f for f, value in given.items() if value is not None] or list(given)
            return (
                isinstance(was, dict) and person is not None and all(was.get(f) == getattr(person, f) for f in fields)
            )

        return self._save(version, "deelnemer", change, unchanged=unchanged)

    def add_participant(
        self, version: str, name: str, role: str = "", organisation: str = "", status: str = "", force: bool = False
    ) -> dict | None:
        """Add a participant with a publication status: for a name that speaks but nobody listed (see
        Conversation.unlisted), kept from the public until it is a participant's, or for someone the
        programme missed. Marked ``confirmed`` like an edited participant.

        Raises:
            DeskError: a bad value, no status, a voice's label, a name that is a participant's already, or
                one that could be a participant with a stricter status (see Conversation.lookalikes).
            NeedsConfirmation: someone was forgotten from the conversation, which keeps no name of whom
                (without ``force``; as ``apply-programme`` adds nobody there): it may be them; or the words of
                the name added would go public (as making someone public asks).
        """
        typed = new = _composed(clean_name(name))
        new_role = _composed(clean(role, MAX_ROLE, "De functie", empty=True))
        new_organisation = _composed(clean(organisation, MAX_ROLE, "De organisatie", empty=True))
        if status not in STATUSES:
            raise DeskError(
                f"Kies een publicatiestatus voor {new} ({', '.join(STATUS_WORDS[s] for s in STATUSES)}): zonder "
                "status is er geen toestemming"
            )
        if is_voice_label(new):
            raise DeskError(
                f"{new} is het label van een stem zonder naam, geen naam; geef die stem onder Stemmen de naam van "
                "een deelnemer"
            )

        def change(file_text: str, conversation: Conversation):
            new = _as_written(conversation, typed)
            same = _listed_as(conversation, new)
            if same is not None:
                raise DeskError(f"{same.name} staat al bij de deelnemers; wijzig daar de functie of de organisatie")
            # A name that could be someone kept more strictly is withheld as theirs (Conversation.lookalikes):
            # a participant under it with a looser status would show their words.
            stricter = next(
                (
                    p
                    for p in conversation.participants
                    if STATUSES.index(p.status) > STATUSES.index(status)
                    and could_be_any(new, conversation.spellings_of(p))
                ),
                None,
            )
            if stricter is not None:
                why = "de toestemming heeft ingetrokken" if stricter.status == "withdrawn" else "niet openbaar is"
                raise DeskError(
                    f"{new} kan {stricter.name} zijn, die {why}, en blijft daarom achter als {stricter.name}; is "
                    f"het {stricter.name}, geef die beurten dan onder Stemmen die naam, en is het iemand anders, "
                    f"voeg {new} dan toe als {STATUS_WORDS[stricter.status]} of zet de naam met de hand onder "
                    "participants: in het transcript"
                )
            added = Participant(new, new_role, new_organisation, status, confirmed=True)
            changed = replace(conversation, participants=[*conversation.participants, added])
            questions = []
            if status != "withdrawn" and forgotten_here(conversation):
                questions.append(
                    f"Iemand is uit dit gesprek vergeten, en het gesprek weet niet meer wie: dat kan {new} zijn. "
                    f"Voeg {new} alleen toe als het zeker iemand anders is"
                )
            if _newly_shown(conversation, changed):
                # as making someone public at Publicatie asks (a helper's attack: this went live unasked)
                questions.append(
                    f"Openbaar maken? Wat {new} zei, staat dan meteen op de openbare kennisbank, in het artikel en in "
                    "de downloads"
                )
            if questions and not force:
                raise NeedsConfirmation(". ".join(questions))
            self._write(file_text, replace_front_matter(file_text, changed))
            speaks = any(t.speaker.casefold() == new.casefold() for t in conversation.turns)
            described = ", ".join(x for x in (new_role, new_organisation) if x)
            summary = f"Deelnemer toegevoegd: {new}" + (f" ({described})" if described else "")
            summary += f", {STATUS_WORDS[status]}" + (f"; de beurten van {new} volgen nu die status" if speaks else "")
            return summary, {"participant": new, "role": new_role, "organisation": new_organisation, "status": status}

        return self._save(version, "toevoegen", change)

    def remove_participant(self, version: str, participant: str) -> dict | None:
        """Take off the list a participant who speaks in no turn: one added by mistake, whose name and role stood in
        the article's participant lines with nothing said (an editor's run, session 58: the desk could only make
        them internal, which held back another voice no one had confirmed).

        Raises:
            DeskError: they speak in a turn, a voice introduces itself as them, they came from the programme (their
                voice may not be named yet), or they are kept from the public and named in the conversation (off the
                list, that name would be shown).
        """
        from .consent import left_out_names, name_spans
        from .naming import self_introductions
        from .transcript import dumps as transcript_text

        def change(file_text: str, conversation: Conversation):
            person = _participant(conversation, _spelt_now(conversation, participant))
            names = {n.casefold() for n in person.names}
            speaks = sum(1 for t in conversation.turns if t.speaker.casefold() in names)
            if speaks:
                raise DeskError(
                    f"{person.name} spreekt in {speaks} {'beurt' if speaks == 1 else 'beurten'}; geef die eerst aan "
                    f"wie ze zei (de sprekerskeuze van de beurt, of Stemmen), dan kan {person.name} van de lijst"
                )
            # one from the programme whose voice is not named yet ("En ik ben Joost de Boer" under Spreker 2), or one
            # kept back whom the conversation names in any way (their surname alone, "A. Visser": as consent finds a
            # name): off the list, a voice named later would stay back, their name would be shown (a reviewer's read)
            introduced = {name for said in self_introductions(conversation).values() for name in said}
            if person.name in introduced:
                raise DeskError(
                    f"Een stem stelt zich voor als {person.name}: geef die stem onder Stemmen de naam {person.name}"
                )
            if not person.confirmed:
                raise DeskError(
                    f"{person.name} staat op de lijst uit het programma: zegt {person.name} hier niets, dan is de stem "
                    f"misschien nog niet genoemd (Stemmen); klopt het programma niet, maak {person.name} dan intern"
                )
            rest = replace(conversation, participants=[p for p in conversation.participants if p is not person])
            variants, keep = left_out_names(person.names, [(p.name, p.organisation) for p in rest.participants])
            if person.status != "published" and name_spans(transcript_text(rest), variants, keep):
                raise DeskError(
                    f"{person.name} is {STATUS_WORDS[person.status]} en wordt in dit gesprek genoemd: van de lijst "
                    f"zou die naam openbaar worden; laat {person.name} {STATUS_WORDS[person.status]} op de lijst staan"
                )
            self._write(file_text, replace_front_matter(file_text, rest))
            return f"Deelnemer van de lijst gehaald: {person.name}", {"participant": person.name}

        return self._save(version, "weghalen", change)

    # --- the article --------------------------------------------------------------------

    def _with_analysis(self, text: str, analysis: dict) -> str:
        """The transcript ``text`` with its ``analysis:`` block (the editor's choices) as ``analysis``."""
        return replace_front_matter(text, replace(_parse(self.path, text), analysis=analysis))

    def _analysis(self, file_text: str, conversation: Conversation, changes: dict) -> None:
        analysis = {**conversation.analysis, **changes}
        self._write(file_text, replace_front_matter(file_text, replace(conversation, analysis=analysis)))

    def set_headline(self, version: str, text: str, was: str | None = None) -> dict | None:
        """Pin the headline: a quote, or any sentence of the transcript ("" goes back to the best quote).
        ``was``: the article's choices as the editor saw them (:meth:`_article_as_seen`); where they still are, the
        save is made on a newer version too (:meth:`_save`'s ``unchanged``)."""
        headline = clean(text, MAX_SENTENCE, "De kop", empty=True)

        def change(file_text: str, conversation: Conversation):
            if headline:
                _in_one_turn(conversation, headline, "Deze kop staat niet in het transcript")
                # The public copy drops such a headline and the article quietly takes another.
                self._refuse_withheld(conversation, headline, "kop", "het artikel", "kies een ander citaat als kop")
            if headline == (conversation.analysis.get("headline") or ""):
                return None
            self._analysis(file_text, conversation, {"headline": headline})
            what = f"Kop: “{headline}”" if headline else "Kop: weer de beste citaatzin (niet meer vastgezet)"
            return what, {"before": conversation.analysis.get("headline") or "", "after": headline}

        return self._save(version, "kop", change, unchanged=lambda c: self._article_as_seen(c) == _as_sent(was))

    def _refuse_withheld(self, conversation: Conversation, sentence: str, what: str, where: str, instead: str) -> None:
        """Refuse to make ``sentence`` the article's ``what`` (kop, citaat) where the public copy and
        ``where`` (the article, the downloads) leave it out (:func:`_withheld_sentence`).

        Raises:
            DeskError: why (the status that keeps it out) and what to do (``instead``, or change consent).
        """
        status = _withheld_sentence(conversation, sentence, self._withheld()[1])
        if status == UNCONFIRMED:
            raise DeskError(
                f"Deze zin kan geen {what} worden: hij staat in een beurt van een stem die alleen automatisch is "
                f"herkend en nog niet bevestigd, dus de openbare kennisbank en {where} laten hem weg; {instead}, of "
                "luister en bevestig eerst de stem onder Stemmen"
            )
        if status is not None:
            raise DeskError(
                f"Deze zin kan geen {what} worden: hij staat in een beurt die niet openbaar is "
                f"({WITHHELD_WHY.get(status, status)}), dus de openbare kennisbank en {where} laten hem weg; "
                f"{instead}, of wijzig eerst de toestemming onder Publicatie"
            )

    def choose(self, version: str, kind: str, value: str, choice: str, was: dict | None = None) -> dict | None:
        """Accept or reject a quote, an action point or a theme (``kind``); ``choice`` is accept or reject.

        Accepting undoes a rejection, or adds a sentence (a theme) the analysis did not find;
        rejecting takes back an addition and keeps the analysis from finding it again. ``was``: the article's
        choices as the editor saw them (:meth:`_article_as_seen`); where they still are, the save is made on a newer
        version too.
        """
        from .analyse import plain_words

        if kind not in CHOICES:
            raise DeskError(f"Onbekende soort {kind!r}; kies uit {', '.join(CHOICES)}")
        if choice not in ("accept", "reject"):
            raise DeskError(f"Onbekende keuze {choice!r}; kies accept of reject")
        limit = MAX_NAME if kind == "theme" else MAX_SENTENCE
        item = clean(value, limit, "Het thema" if kind == "theme" else "De zin")
        added_key, removed_key = CHOICES[kind]

        def change(file_text: str, conversation: Conversation):
            shown = item
            if kind == "theme":
                themes = self.workspace.themes()
                if item not in themes:
                    raise DeskError(f"Geen thema {item!r} in de thesaurus; kies een thema uit de lijst")
                shown = themes[item].label  # as the page shows it (a newcomer's run: "huurachterstand", its id)
                same = lambda a, b: a == b  # noqa: E731
            else:
                _in_one_turn(conversation, item, "Deze zin staat niet in het transcript")
                same = lambda a, b: plain_words(a) == plain_words(b)  # noqa: E731
            had = conversation.analysis.get(added_key) or []
            added = [x for x in had if not same(x, item)]
            removed = [x for x in conversation.analysis.get(removed_key) or [] if not same(x, item)]
            if choice == "reject":
                removed.append(item)
            elif len(added) < len(had):
                added.append(item)  # added before and accepted again (the same selection twice): it stays
            elif len(removed) == len(conversation.analysis.get(removed_key) or []) and (
                kind == "theme" or not self._found(kind, item)
            ):
                # (a theme the analysis finds is added all the same: pinned, it stays whatever a correction moves)
                # Not a rejection taken back, and the analysis does not find it: add it, unless the public copy
                # and the downloads would drop it without a word (a sentence of a withheld turn). Taking back a
                # rejection stays allowed: it only undoes the editor's choice, and the turn stays back either way.
                if kind != "theme":
                    what = "citaat" if kind == "quote" else "actiepunt"
                    self._refuse_withheld(
                        conversation, item, what, "de downloads", "kies een zin uit een beurt die wel openbaar is"
                    )
                added.append(item)
            self._analysis(file_text, conversation, {added_key: added, removed_key: removed})
            label = {"quote": "Citaat", "action_point": "Actiepunt", "theme": "Thema"}[kind]
            pinned = kind == "theme" and item in added
            verb = "afgewezen" if choice == "reject" else "vastgezet" if pinned else "geaccepteerd"
            return f"{label} {verb}: “{shown}”", {"kind": kind, "value": item, "choice": choice}

        def unchanged(conversation: Conversation) -> bool:
            # a sentence rejected on an older version only where the analysis still finds it or an editor added
            # it (a reviewer's read: an action point another's correction lengthened was "rejected" as it was, to
            # no effect, while the desk said it was done)
            return self._article_as_seen(conversation) == _as_sent(was) and (
                kind == "theme"
                or choice == "accept"
                or self._found(kind, item)
                or any(plain_words(x) == plain_words(item) for x in conversation.analysis.get(added_key) or [])
            )

        action = {"quote": "citaat", "action_point": "actiepunt", "theme": "thema"}[kind]
        return self._save(version, action, change, unchanged=unchanged)

    def _article_as_seen(self, conversation: Conversation) -> dict:
        """The editors' choices of the article as the desk shows them: the pinned headline, the added and rejected
        quotes, action points and themes (in any order). A headline, a quote, an action point or a theme chosen on a
        page that showed these is no conflict with another editor's save elsewhere (a tester's find, session 47);
        one that changed any of them is (a reviewer's read: a quote pinned as the headline by one editor and
        rejected by the other went through)."""
        seen: dict = {"headline": conversation.analysis.get("headline") or ""}
        for key in (key for keys in CHOICES.values() for key in keys):
            seen[key] = sorted(conversation.analysis.get(key) or [])
        return seen

    def _found(self, kind: str, item: str) -> bool:
        """Whether the conversation's rows already hold this quote, action point or theme."""
        from .analyse import plain_words

        db, cid = self.workspace.db, self.conversation_id
        if kind == "theme":
            # the article's themes, as the desk lists them: a theme only a turn touches is not in the article
            sql = "SELECT 1 FROM conversation_themes WHERE conversation_id = ? AND theme = ? LIMIT 1"
            return db.execute(sql, [cid, item]).fetchone() is not None
        table = "quotes" if kind == "quote" else "action_points"
        texts = [row[0] for row in db.execute(f"SELECT text FROM {table} WHERE conversation_id = ?", [cid])]
        return plain_words(item) in {plain_words(t) for t in texts}

    def set_intro(self, version: str, text: str, was: str | None = None) -> dict | None:
        """The article's intro (the ``intro`` of the ``analysis:`` block). ``was``: the intro as the editor saw it;
        where it still is, the save is made on a newer version too."""
        intro = clean(text, MAX_INTRO, "De inleiding", empty=True)

        def change(file_text: str, conversation: Conversation):
            if intro == (conversation.analysis.get("intro") or ""):
                return None
            self._analysis(file_text, conversation, {"intro": intro})
            # the article prints the intro as one paragraph: paragraphs typed are said to be joined, not joined
            # without a word (an editor's run, session 57)
            paragraphs = re.search(r"\n\s*\n", text)
            joined = "; de alinea's zijn één geworden: de inleiding is één alinea" if paragraphs else ""
            return "Inleiding: " + (f"“{_short(intro)}”" if intro else "leeg") + joined, {"after": intro}

        def unchanged(conversation: Conversation) -> bool:
            return isinstance(was, str) and (conversation.analysis.get("intro") or "") == was

        return self._save(version, "intro", change, unchanged=unchanged)

    def set_title(self, version: str, text: str, was: str | None = None) -> dict | None:
        """The conversation's title (``title:`` in the transcript), as every page, the article and the downloads
        show it; before, only a hand edit of the file changed it. ``was``: the title as the editor saw it; where it
        still is, the save is made on a newer version too. The public copy takes the names of those kept back out
        of it, and ``forget`` out of the file, as of any title. The title it had is kept (``earlier_titles:``, as a
        name's earlier spellings are), so that ingest still knows the programme's conversation it is, and a programme
        applied later knows the title for an editor's."""
        title = clean(text, MAX_TITLE, "De titel")

        def change(file_text: str, conversation: Conversation):
            if title == conversation.title:
                return None
            earlier = [t for t in dict.fromkeys([*conversation.earlier_titles, conversation.title]) if t != title]
            retitled = replace(conversation, title=title, earlier_titles=earlier)
            self._write(file_text, replace_front_matter(file_text, retitled))
            summary = f"Titel: “{_short(conversation.title)}” → “{_short(title)}”"
            return summary, {"before": conversation.title, "after": title}

        return self._save(version, "titel", change, unchanged=lambda c: isinstance(was, str) and c.title == was)

    # --- publication and undo -----------------------------------------------------------

    def set_status(
        self, version: str, status: str, participant: str | None = None, force: bool = False, seen: str | None = None
    ) -> dict | None:
        """Publication status of the conversation, or of one participant (see :meth:`Workspace.publication`).
        Withdrawing a participant whose turns rest on uncertain automatic naming needs ``force`` (the
        editor listened and is sure), as the command needs ``--yes``; so does making anything public (the page
        asks first, and the server holds to it: a request without it published at once, a helper's attack).

        ``seen``: the status the editor's page showed; a change less public than now is made on a newer version at
        once where the status is still that (see ``lowers``).

        Raises:
            NeedsConfirmation: the withdrawal would act on a name that may be wrong, or the change makes the
                conversation or a participant public (without ``force``).
        """
        from .workspace import AttributionError

        if status not in STATUSES:
            raise DeskError(f"{status!r} is geen publicatiestatus; kies uit {', '.join(STATUSES)}")

        def change(file_text: str, conversation: Conversation):
            nonlocal participant
            if participant:  # (as spelt now: a page from before another tab respelt them, a reviewer's read)
                participant = _spelt_now(conversation, participant)
            before = in_file = conversation.status_of(participant)
            if before is None:
                raise DeskError(f"{participant!r} is geen deelnemer van dit gesprek")
            # withdrawn in the rows while the file, an older copy written back, says otherwise: a withdrawal taken
            # back all the same, asked as one (a reviewer's read, session 55: "intern" took it back unasked)
            if self.workspace.stored_status(conversation.id, participant) == "withdrawn":
                before = "withdrawn"
            # (withdrawn again where the rows say so and the file does not: written in the file, as the page's
            # banner asks; an attack, session 56: "Niets veranderd", and the conversation stayed held)
            if before == status and in_file == status:
                return None
            if before == "withdrawn" and status not in ("published", "withdrawn") and not force:
                # taken back in one arrow key in the menu (an editor's run, session 53): asked, as making public is
                raise NeedsConfirmation(
                    f"Intrekking van {participant or 'het gesprek'} terugdraaien? "
                    + (f"Wat {participant} zei, staat" if participant else "Het gesprek staat")
                    + " dan weer in de redactieversie en in concepten. Doe dit alleen als de toestemming terug is"
                )
            if status == "published" and not force:
                raise NeedsConfirmation(
                    f"Openbaar maken? Wat {participant} zei, staat dan meteen op de openbare kennisbank, in het "
                    "artikel en in de downloads"
                    if participant
                    else "Het gesprek openbaar maken? Wat de openbare deelnemers zeiden, staat dan meteen op de "
                    "openbare kennisbank, in het artikel en in de downloads"
                )
            # not at import: a published site's server has no numpy
            from .consent import confirmable, unconfirmed_voices, withheld_voices
            from .hand_edits import OPENNESS

            try:
                changed = self.workspace.publication(self.path.name, status, participant, yes=force, record=False)
            except ShownByHand as e:
                self._held = e  # the status is written; said once the save is recorded (see _save)
                changed = self.read()[1]
            except AttributionError as e:
                found = self.workspace.attributions(participant, [self.path.name])
                sure = f"{round(found[0].confidence * 100)}% zeker" if found else "niet bevestigd"
                raise NeedsConfirmation(
                    f"De beurten van {participant} rusten op automatische naamgeving ({sure}): luister eerst of "
                    f"die stem {participant} is en bevestig de naam onder Stemmen; weet je het zeker, trek de "
                    "toestemming dan toch in"
                ) from e
            if before == status:  # written again in a file an older copy took it back in (see above)
                before = in_file
            summary = publication_summary(participant, before, status)
            detail = {"participant": participant, "from": before, "to": status}
            voices = withheld_voices(changed, participant) if participant else None
            unheard = participant in changed.unheard({"published"})
            # A name nobody listed is no voice without a name: said apart, with its own fix.
            labels, names = labels_and_names(voices or [])
            if labels and unheard:
                summary += (
                    f". {participant} heeft in dit gesprek geen stem met een naam, dus de stemmen zonder naam "
                    f"({', '.join(labels)}) zijn ook niet openbaar; geef de stem van {participant} een naam, "
                    "en de andere stemmen de naam van hun deelnemer om die weer te tonen"
                )
            elif labels:
                summary += (
                    # A part of their voice (diarization split it) is merged: their name speaks already.
                    f". De stemmen zonder naam ({', '.join(labels)}) zijn ook niet openbaar, want ze kunnen van "
                    f"{participant} zijn; voeg onder Stemmen een deel van de stem van {participant} bij die van "
                    f"{participant} (Dezelfde stem als), en geef elke andere stem de naam van haar deelnemer om die "
                    "weer te tonen"
                )
            elif names and unheard:
                summary += f". {participant} heeft in dit gesprek geen stem met een naam"
            elif voices is not None and unheard:
                summary += _speaks_in_no_turn(participant, "nog")
            if names:
                summary += (
                    f". {' en '.join(names)} {'staat' if len(names) == 1 else 'staan'} niet op de deelnemerslijst, "
                    f"dus die beurten zijn niet openbaar (en kunnen van {participant} zijn); zet "
                    f"{'die' if len(names) == 1 else 'ze'} onder Deelnemers met een status op de lijst, of geef de "
                    "stem de naam van een deelnemer"
                )
            if labels or names:
                detail["withheld"] = voices
            if participant is None and status == "published" and not changed.unnamed_voices():
                # Someone not published with no turn of their own: if they spoke, it is under another's name.
                for person in changed.unheard({"published"}):
                    summary += _speaks_in_no_turn(person, "nu")
            # (only where consent is taken back: a withdrawal undone to internal held no export of theirs)
            if OPENNESS[status] < OPENNESS[before] and (exported := self.workspace.exports_of(changed.id)):
                files = ", ".join(path.name for path in exported)
                summary += (
                    f". Eerder geëxporteerd, misschien nog zoals het was: {files}; exporteer opnieuw of verwijder "
                    f"{'het' if len(exported) == 1 else 'ze'}, en vraag terug wat al is doorgestuurd"
                )
            if (
                participant
                and status != "published"
                and (elsewhere := self.workspace.named_elsewhere(participant, changed.id))
            ):
                titles = ", ".join(f"'{title}'" for _, title in elsewhere)
                summary += (
                    f". Anderen noemen {participant} ook in {titles}, waar {participant} geen deelnemer is: dat blijft "
                    "openbaar, want een status geldt alleen voor zijn eigen gesprek; 'gesprekken forget' haalt "
                    f"{participant} overal weg, de naam in elk gesprek ook"
                )
                detail["named_elsewhere"] = [cid for cid, _ in elsewhere]
            if participant and OPENNESS[status] < OPENNESS[before] and _intro_names(changed, participant):
                # the intro is the editor's own text: the public site shows it with the name left out, which reads
                # badly (an editor's run, session 53: "[naam verwijderd] pleit voor vroegsignalering")
                summary += (
                    f". De inleiding noemt {participant}: op de openbare site en in het artikel staat daar nu "
                    "[naam verwijderd]; herschrijf de inleiding onder Artikel"
                )
            held = confirmable(changed)  # the voices confirming shows, as held_note says them
            if held:
                summary += _unconfirmed_said(held)
                detail["held"] = held
            named = unconfirmed_voices(changed) if status == "published" else []
            if named:
                # Nothing holds them where everyone is published: said, as the commands say it
                one = len(named) == 1
                summary += (
                    f". {' en '.join(named)} {'staat' if one else 'staan'} openbaar onder "
                    f"{'een naam' if one else 'namen'} die de automatische naamgeving gaf en niemand bevestigde (die "
                    f"verwisselt soms een paar): luister en bevestig {'die' if one else 'ze'} onder Stemmen"
                )
                detail["unconfirmed"] = named
            return summary, detail

        def lowers(conversation: Conversation) -> bool:
            # Less public than it is now (a withdrawal, internal) is no conflict with another editor's save elsewhere:
            # made on the newer version at once, as a correction of a turn's words is (an attack, session 56: a
            # withdrawal waited on the editor's "Mijn versie opslaan" after an unrelated save, public meanwhile)
            from .hand_edits import OPENNESS

            now = conversation.status_of(_spelt_now(conversation, participant) if participant else None)
            # (and only where it is still what the page showed: an undo of a withdrawal to "intern" on a page from
            # before another editor published them made them internal, his decision undone unasked: an attack)
            # (a withdrawal always: it must not wait on a panel while they are public, a reviewer's read)
            return (
                now is not None and OPENNESS[status] < OPENNESS[now] and (status == "withdrawn" or seen in (None, now))
            )

        return self._save(version, "publicatie", change, unchanged=lowers)

    def undo(self, version: str, force: bool = False, edit: int | None = None) -> dict | None:
        """Undo the latest save: the transcript goes back to what it was before it. Where that shows the public
        what it does not see now (a withdrawal undone, a confirmed move done again), only with ``force``, as the
        change itself asked (a helper's attack: undoing a withdrawal put him back on the site unasked). ``edit``:
        the history entry the editor saw as the latest (the page's button names it); where another save came
        after it, nothing is undone (an editor's run, session 57: clicked while a find and replace was being
        saved, the button that named a turn's correction undid the replace).

        Raises:
            NeedsConfirmation: the undo would show withheld words (without ``force``).
            DeskError: nothing to undo, or the file changed outside the desk since that save.
        """
        last = self.workspace.db.execute(
            "SELECT id, summary, version_after, previous FROM edits WHERE conversation_id = ? ORDER BY id DESC LIMIT 1",
            [self.conversation_id],
        ).fetchone()
        if last is None or last[3] is None:
            raise DeskError("Er is niets om ongedaan te maken")
        _, summary, after, previous = last

        def change(file_text: str, conversation: Conversation):
            # (here, after the version's check: an undo sent on a page from before meets the conflict panel first)
            if edit is not None and edit != last[0]:
                raise DeskError(
                    f"Niet ongedaan gemaakt: intussen is er opnieuw opgeslagen ({summary}); de knop noemt nu die "
                    "wijziging: klik opnieuw als je die ongedaan wilt maken"
                )
            if version_of(file_text) != after:
                raise DeskError(
                    "Het transcript is na de laatste opslag buiten de redactietafel gewijzigd; ongedaan maken "
                    "zou die wijziging wissen, dus herstel het met de hand"
                )
            back = loads(previous, self.path)
            if not force and _newly_shown(conversation, back):
                again, what = _undone(summary)
                raise NeedsConfirmation(
                    f"{'Opnieuw doen' if again else 'Ongedaan maken'} ({what}) maakt openbaar wat nu niet openbaar "
                    "is, op de site, in de opname en in exports; weet je het zeker, doe het dan toch"
                )
            self._write(file_text, previous)
            # the save's own sentence on the article's themes is not said again: the undo says how they move now
            # nor its advice to correct an old spelling in the turns, which the undo makes the spelling again (a
            # second editor's run, session 51)
            said = re.sub(rf"; {re.escape(STILL_SPELT)}[^;]*", "", summary.split(THEMES_MOVED)[0])
            return f"{UNDONE}{said}", {"undone": last[0]}

        return self._save(version, "ongedaan", change)

    def history(self, limit: int = HISTORY) -> list[dict]:
        """The latest saves, newest first: id, at, actor, action, summary; ``undo`` on the latest when it
        can be undone (the transcript is still as that save left it)."""
        rows = self.workspace.db.execute(
            "SELECT id, at, actor, action, summary, detail, previous IS NOT NULL, version_after FROM edits "
            "WHERE conversation_id = ? ORDER BY id DESC LIMIT ?",
            [self.conversation_id, limit],
        ).fetchall()
        now = version_of(self.path.read_text(encoding="utf-8")) if rows and rows[0][6] else None
        keys = ("id", "at", "actor", "action", "summary")
        return [
            {
                **dict(zip(keys, row[:5], strict=True)),
                # (without what each save set, kept for storage.undone_changes: not the page's)
                "detail": {k: v for k, v in json.loads(row[5] or "{}").items() if k != "facts"},
                "undo": bool(row[6]) and row[7] == now,
            }
            for row in rows
        ]

    def latest(self) -> dict:
        """What an open page asks every few seconds to learn that the transcript changed without its own save: its
        ``version`` now, and ``by``: who made that version and how (``at``, ``actor``, ``action``, ``summary``: the
        history's latest entry that made it), or None where no save here or recorded command did (a hand edit)."""
        version = version_of(self.path.read_text(encoding="utf-8"))
        # the newest entry only: a hand edit back to what an earlier save made is no save of that editor's (a
        # reviewer's read named them)
        row = self.workspace.db.execute(
            "SELECT at, actor, action, summary, version_after, id FROM edits WHERE conversation_id = ? "
            "ORDER BY id DESC LIMIT 1",
            [self.conversation_id],
        ).fetchone()
        by = (
            dict(zip(("at", "actor", "action", "summary"), row[:4], strict=True)) if row and row[4] == version else None
        )
        # ``edit``: the newest save's id, for a page to learn of saves that left the file as it was (a withdrawal
        # made and taken back elsewhere: its undo named a save that was no longer the latest, session 57)
        return {"version": version, "by": by, "edit": row[5] if row else None}

    def record_command(self, action: str, summary: str, detail: dict, before: str, after: str) -> None:
        """Note in the history a change a command made to the transcript (``before`` and ``after`` its
        texts), so the desk shows what changed and offers no undo of an earlier save over it."""
        from .storage import changed_facts

        # (what it set, so that an older copy of the file that undoes it is said: storage.undone_changes)
        detail = {**detail, "facts": changed_facts(loads(before, self.path), loads(after, self.path))}
        self._record(action, summary, detail, version_of(before), version_of(after), None)

    def _withheld(self) -> tuple[dict[str, str], dict[int, str]]:
        """What the public copy leaves out of this conversation (:func:`gesprekken.publish.withheld_turns`,
        the rule publish withholds by and the editors' pages mark by): the status that keeps each such
        turn out, by the turn's id in the database and by its number in the transcript (the rows are
        rebuilt from the transcript on every save). A published participant's voice held only until an
        editor confirms it is no withdrawal: marked "unconfirmed" as the pages mark it
        (:func:`gesprekken.publish.unconfirmed`), and the desk points to Stemmen rather than to Publicatie."""
        from .publish import unconfirmed, withheld_turns  # not at import: publish is the public copy's module

        db = self.workspace.db
        by_id = unconfirmed(db.conn, withheld_turns(db.conn, [self.conversation_id]))
        if not by_id:
            return {}, {}
        seqs = dict(db.execute("SELECT id, seq FROM turns WHERE conversation_id = ?", [self.conversation_id]))
        return by_id, {seqs[tid] - 1: status for tid, status in by_id.items() if tid in seqs}

    # --- exports ------------------------------------------------------------------------

    def export(
        self, name: str, folder: Path, include_unpublished: bool = False
    ) -> tuple[Path, str, list[str], str | None]:
        """Write a download (see DOWNLOADS) of the conversation into ``folder``; returns the file, its
        content type, what consent left out of it, one Dutch sentence each (the command's warnings, in
        the desk's words: names and statuses the desk shows, never the words left out), and a concept's note
        where the file holds what is not public yet (:func:`gesprekken.export.concept_note`).

        Raises:
            DeskError: an unknown download, or consent leaves nothing to export (in the desk's words).
        """
        from .export import NothingToSubtitle, lost_headlines, omissions, publishable, without_names

        if name not in DOWNLOADS:
            raise DeskError(f"Onbekende download {name!r}; kies uit {', '.join(DOWNLOADS)}")
        kind, fmt = DOWNLOADS[name]
        _, conversation = self.read()
        part = publishable(conversation, include_unpublished)
        if part is None:
            if conversation.status == "withdrawn":
                raise DeskError("Er valt niets te downloaden: dit gesprek is ingetrokken, en dat blijft altijd weg")
            raise DeskError(
                "Er valt niets te downloaden: dit gesprek is nog niet openbaar; zet het onder Publicatie op "
                "openbaar, of vink 'ook wat (nog) niet openbaar is' aan voor een concept voor de redactie"
            )
        # The title as the download shows it: a name consent leaves out is not in the file's name either.
        title = without_names(conversation, part)[0].title
        stem = re.sub(r"[^\w-]+", "-", title.casefold()).strip("-") or self.conversation_id
        # a concept says so in its name: it holds what is not public (an editor's run, session 53: the same name as
        # the public article, and nothing to tell the two apart once sent on)
        target = folder / f"{stem}{'-concept' if include_unpublished else ''}-{name}"
        left_out = [_left_out_sentence(o) for o in omissions(conversation, include_unpublished)]
        ws, reference = self.workspace, self.path.name
        try:
            if kind == "article":
                written = ws.export_article(
                    target, [reference], fmt=fmt, include_unpublished=include_unpublished, record=False
                )
            elif kind == "subtitles":
                written = ws.export_subtitles(
                    target, reference, fmt=fmt, include_unpublished=include_unpublished, record=False
                )
            else:
                written = ws.export_data(
                    target, [reference], fmt=fmt, include_unpublished=include_unpublished, record=False
                )
        except ShownByHand as e:
            raise DeskError(_shown_by_hand_said(e.shown, self.conversation_id, "Niet gedownload:")) from e
        except NothingToSubtitle as e:
            raise DeskError(
                "Er valt niets te ondertitelen: de toestemming laat geen beurt van dit gesprek over "
                f"({'; '.join(left_out)})"
            ) from e
        if kind == "article" and lost_headlines([(conversation, part)]):
            left_out.append(
                "de kop die de redactie vastzette: alleen beurten die er niet in staan zeggen hem, dus het artikel "
                "heeft een andere kop; kies onder Kop een citaat dat er wel in staat"
            )
        return target, CONTENT_TYPES[fmt], left_out, written.concept

    # --- what the page shows ------------------------------------------------------------

    def _held_back(self, conversation: Conversation, stored: str | None) -> str | None:
        """Why the public site holds the conversation back where the database keeps it less public than its
        transcript says (:func:`held_back`), the reason first: load's question of a hand edit, where that is what
        held it (a save here is held too, and 'gesprekken load' asks again; an editor's run, session 53, read "a
        save here or 'gesprekken load' takes the transcript in", which neither did), else a hand edit that a
        running ``serve --public`` could not follow."""
        said = held_back(conversation.status, stored)
        # (and where the rows have someone withdrawn whom the file, an older copy written back, does not: load asks,
        # and the desk says so before it does; a reviewer's read, session 55, found no word of it)
        from .storage import taken_back, withdrawn_in_rows

        given_back = taken_back(conversation, withdrawn_in_rows(self.workspace.db, conversation.id), ())
        if (said is not None or given_back) and (shown := self.workspace.would_show(self.path, conversation)):
            return _shown_by_hand_said(shown, self.conversation_id, "De openbare site houdt dit gesprek achter:")
        return said

    def state(self) -> dict:
        """Everything the desk shows, as JSON-ready data (see README, "The editors' desk")."""
        from .export import headline_speakers

        text, conversation = self.read()
        db, cid = self.workspace.db, self.conversation_id
        marks = WordMarks(self.workspace, conversation)
        # What the public copy leaves out, marked where the editor sees it (turn, voice, quote, action
        # point, headline): the status that keeps it out, or None.
        withheld_ids, withheld = self._withheld()
        turns = [
            {
                "index": n,
                "speaker": t.speaker,
                "withheld": withheld.get(n),
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "words": [[w.start, w.end, w.text, marks(w.text, w.probability), w.probability] for w in t.words]
                if len(t.words) == len(t.text.split())
                else [[None, None, token, marks(token), None] for token in t.text.split()],
            }
            for n, t in enumerate(conversation.turns)
        ]
        theme_labels = dict(db.execute("SELECT id, label FROM themes").fetchall())
        quotes = [
            {
                "text": row[0],
                "speaker": row[1],
                "start": row[2],
                "end": row[3],
                "score": row[4],
                "rank": row[5],
                "headline": bool(row[6]),
                "themes": [theme_labels.get(t, t) for t in json.loads(row[7] or "[]")],
                "withheld": withheld_ids.get(row[8]),
            }
            for row in db.execute(
                'SELECT text, speaker, start, "end", score, rank, headline, themes, turn_id FROM quotes '
                "WHERE conversation_id = ? ORDER BY rank",
                [cid],
            )
        ]
        action_points = [
            {
                "text": row[0],
                "speaker": row[1],
                "who": row[2],
                "start": row[3],
                "end": row[4],
                "withheld": withheld_ids.get(row[5]),
            }
            for row in db.execute(
                'SELECT text, speaker, who, start, "end", turn_id FROM action_points WHERE conversation_id = ? '
                "ORDER BY start",
                [cid],
            )
        ]
        # The article's themes, as its box, the conversation page and the exports give them (ranked, the
        # editor's additions last), each with how many turns say it: not every theme a turn touched (the
        # desk showed six where the article had four, and offered to remove themes it did not hold).
        themes = [
            {"id": row[0], "label": theme_labels.get(row[0], row[0]), "turns": row[1]}
            for row in db.execute(
                "SELECT ct.theme, (SELECT count(*) FROM turn_themes tt JOIN turns t ON t.id = tt.turn_id "
                "WHERE t.conversation_id = ct.conversation_id AND tt.theme_id = ct.theme) "
                "FROM conversation_themes ct WHERE ct.conversation_id = ? ORDER BY ct.rank, ct.theme",
                [cid],
            )
        ]
        # A theme the article and the public copy drop as they drop it (publish.public_themes: where something
        # was kept back, only the themes the turns left in tag): the status that keeps it out, or None. An editor
        # who added one saw it in this box and not in the article (a newcomer's run).
        from .publish import public_themes

        tagging = db.execute(
            "SELECT tt.theme_id, t.id FROM turn_themes tt JOIN turns t ON t.id = tt.turn_id "
            "WHERE t.conversation_id = ?",
            [cid],
        ).fetchall()
        thinned = bool(withheld_ids) or any(p.status != "published" for p in conversation.participants)
        shown = public_themes(
            [t["id"] for t in themes], [th for th, tid in tagging if tid not in withheld_ids], thinned
        )
        whose = next(iter(withheld_ids.values()), None) or next(
            (p.status for p in conversation.participants if p.status != "published"), None
        )
        for theme in themes:
            said = [withheld_ids[tid] for th, tid in tagging if th == theme["id"] and tid in withheld_ids]
            theme["withheld"] = None if theme["id"] in shown else (said[0] if said else whose)
        row = db.execute("SELECT headline, status FROM conversations WHERE id = ?", [cid]).fetchone()
        headline = row[0] if row else None
        headline_withheld = _withheld_sentence(conversation, headline, withheld) if headline else None
        analysis = {key: conversation.analysis.get(key, default) for key, default in _corrections().items()}
        voices = _speakers(conversation)
        for voice in voices:  # a voice the public hears nothing of
            said = [withheld.get(n) for n, t in enumerate(conversation.turns) if t.speaker == voice["name"]]
            voice["withheld"] = said[0] if said and all(said) else None
        history = self.history()
        undoable = history[0] if history and history[0]["undo"] else None
        return {
            "id": conversation.id,
            "title": conversation.title,
            "conference": conversation.conference,
            "date": conversation.date,
            "duration": conversation.duration,
            "status": conversation.status,
            "held_back": self._held_back(conversation, row[1] if row else None),
            "version": version_of(text),
            "file": self.path.name,
            "participants": [
                {
                    "name": p.name,
                    "role": p.role,
                    "organisation": p.organisation,
                    "status": p.status,
                    "confirmed": p.confirmed,
                }
                for p in conversation.participants
            ],
            # Names that speak but no participant has: kept from the public (see Conversation.unlisted).
            "unlisted": conversation.unlisted(),
            "speakers": voices,
            "turns": turns,
            "headline": headline,
            # who says it, as the article puts their name under it (export.headline_said_by: one participant, or no
            # name; a newcomer's run, session 51: the desk never said whose name the article would print)
            "headline_speakers": headline_speakers([(t.speaker, t.text) for t in conversation.turns], headline),
            # A headline the public copy drops (the downloaded article then takes another): the status.
            "headline_withheld": headline_withheld,
            # ... and whether a concept for the editors (what is not yet public too) keeps it.
            "headline_in_concept": bool(headline_withheld) and _in_concept(conversation, headline),
            "analysis": analysis,
            "quotes": quotes,
            "action_points": action_points,
            "themes": themes,
            "all_themes": [
                {"id": key, "label": label} for key, label in sorted(theme_labels.items(), key=lambda x: x[1])
            ],
            "history": history,
            "undo": undoable["summary"] if undoable else None,
            "undo_id": undoable["id"] if undoable else None,
            "statuses": list(STATUSES),
            "downloads": list(DOWNLOADS),
            "limits": {
                "text": MAX_TEXT,
                "name": MAX_NAME,
                "role": MAX_ROLE,
                "sentence": MAX_SENTENCE,
                "intro": MAX_INTRO,
                "title": MAX_TITLE,
            },
            "word_probabilities": marks.probabilities,
            "low_probability": LOW_PROBABILITY,
        }


def _withheld_sentence(conversation: Conversation, text: str, withheld: dict[int, str]) -> str | None:
    """The status that keeps ``text``, a sentence of a published conversation, out of the public copy
    and the article: it stands only in turns the copy leaves out (``withheld``, by turn number). None
    where a turn the public sees says it too, or where the conversation itself is not public (the
    whole of it waits; the editor may be preparing it, and the turns are marked)."""
    from .analyse import turn_of

    if conversation.status != "published" or not withheld:
        return None
    public = replace(conversation, turns=[t for n, t in enumerate(conversation.turns) if n not in withheld])
    if turn_of(public, text) is not None:
        return None
    return withheld.get(turn_of(conversation, text))


def _in_concept(conversation: Conversation, text: str) -> bool:
    """Whether a concept for the editors (an export of what is not yet public too) keeps ``text``, a
    sentence of ``conversation``: a turn it shows says it (:func:`gesprekken.export.publishable`)."""
    from .analyse import turn_of
    from .export import publishable

    concept = publishable(conversation, include_unpublished=True)
    return concept is not None and turn_of(concept, text) is not None


def _left_out_sentence(omission) -> str:
    """What consent left out of a download (a :class:`gesprekken.export.Omission`), as the desk says it."""
    people, voices = " of ".join(omission.people), ", ".join(omission.voices)
    if omission.kind == "participant":
        return f"de woorden van {people} ({WITHHELD_WHY.get(omission.status, omission.status)})"
    if omission.kind == "removed":
        return f"de beurten die als {REMOVED_SPEAKER} gemarkeerd zijn, want iemand vroeg om verwijdering"
    if omission.kind == "lookalike":
        return f"de beurten van {voices}, want die naam lijkt op {people}"
    if omission.kind == "introduced":
        return f"de beurten van {voices}, want die stem stelt zich voor als {people}"
    if omission.kind == "unlisted":
        return (
            f"de beurten van {voices}, want niemand onder de deelnemers heet zo; zet ze met een status bij de "
            "deelnemers, of geef de beurten aan een deelnemer"
        )
    if omission.kind == "held":
        one = len(omission.voices) == 1
        otherwise = [(v, like) for v, like in zip(omission.voices, omission.like, strict=True) if like]
        if otherwise:  # a name in other case holds them all (Conversation.held_for_case)
            return f"de beurten van {' en '.join(omission.voices)}, want " + "; ".join(
                f"geen deelnemer heet {v} zoals geschreven (wel {like}, op hoofdletters na): geef de stem onder "
                "Stemmen precies die naam, of verbeter de deelnemer"
                for v, like in otherwise
            )
        return (
            f"de beurten van {' en '.join(omission.voices)}, want {'die stem is' if one else 'die stemmen zijn'} "
            "alleen automatisch herkend en nog niet bevestigd; luister, en bevestig onder Stemmen"
        )
    if omission.kind == "unnamed":
        have = "heeft" if len(omission.people) == 1 else "hebben"
        why = (
            f"{' en '.join(omission.people)} {have} hier geen stem met een naam"
            if omission.unheard
            else f"ze van {people} kunnen zijn"
        )
        # A name nobody listed (in a concept, where someone withdrew) is no voice without a name.
        labels, names = labels_and_names(list(omission.voices))
        said = [f"de stemmen zonder naam ({', '.join(labels)})"] if labels else []
        if names:
            listed = "die niet op de deelnemerslijst " + ("staat" if len(names) == 1 else "staan")
            said.append(f"{' en '.join(names)}, {listed}")
        return f"de beurten van {' en van '.join(said)}, want {why}"
    return f"het gesprek ({STATUS_WORDS.get(omission.status, omission.status)})"


def _id_of(path: Path) -> str | None:
    """The ``id:`` of a transcript's front matter, without parsing the whole file."""
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if number and line.strip() == "---":
                    return None
                match = re.match(r"id:\s*['\"]?([^'\"\s]+)", line)
                if match:
                    return match[1]
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _corrections() -> dict:
    from .transcript import ANALYSIS_CORRECTIONS

    return ANALYSIS_CORRECTIONS


def _speakers(conversation: Conversation) -> list[dict]:
    """Each voice that speaks, in order of first turn: name, label, confidence (as consent reads it), evidence,
    and sample clips."""
    from .naming import speakers_as_edited

    edited = speakers_as_edited(conversation)
    by_name = {s.shown_as: s for s in edited}
    # confirmed only where every entry under the name is: a voice merged into one named automatically is confirmed, the
    # other not, and the desk's "Bevestigd" (nothing to confirm) hid what consent still reads as the machine's naming
    # (a reviewer's read of 2c60a74)
    unconfirmed = {s.shown_as for s in edited if not s.confirmed}
    owners = {format_time(t.start): t.speaker for t in conversation.turns if t.start is not None}  # by start
    voices: dict[str, dict] = {}
    for turn in conversation.turns:
        voice = voices.get(turn.speaker)
        if voice is None:
            known = by_name.get(turn.speaker)
            voice = voices[turn.speaker] = {
                "name": turn.speaker,
                "label": known.label if known else "",
                "confidence": known.confidence if known else None,
                "evidence": _evidence_as_edited(known.evidence, turn.speaker, owners) if known else [],
                "confirmed": bool(known and turn.speaker not in unconfirmed),
                # not named ("Spreker 3"), or named in another spelling of a participant's name (and no participant's
                # own): given the name another voice has, such a voice merges with it (the page's button), where two
                # named voices swap (a reviewer: "Mark Jansen" beside "Marc Jansen" could no longer swap)
                "unnamed": is_voice_label(turn.speaker),
                "spelling_of": _spelling_of(conversation, turn.speaker),
                "turns": 0,
                "clips": [],
                "_spans": [],
            }
        voice["turns"] += 1
        if turn.end > turn.start:
            voice["_spans"].append((turn.start, turn.end))
    for voice in voices.values():
        spans = voice.pop("_spans")
        # The first, a middle and the last turn: the voice as it sounds across the conversation.
        picked = sorted({0, len(spans) // 2, len(spans) - 1}) if spans else []
        voice["clips"] = [
            [round(spans[i][0], 2), round(min(spans[i][1], spans[i][0] + CLIP_SECONDS), 2)] for i in picked[:CLIPS]
        ]
    return list(voices.values())


#: The turn an evidence line quotes: its time at the end, as naming writes it ('stelt zich voor: "..." (00:09.88)').
EVIDENCE_TIME = re.compile(r"\((\d+:)?\d\d:\d\d\.\d\d\)$")
#: How naming's evidence about a voice's own words begins (gesprekken.naming).
OWN_EVIDENCE = ("stelt zich voor", "noemt ", "spreekt ", "is geen ", "neemt afstand", "leidt het gesprek")


def _spelling_of(conversation: Conversation, voice: str) -> str | None:
    """The participant whose name ``voice`` is another spelling of (a heading misspelt by hand), where ``voice`` is
    no participant's name itself; None otherwise."""
    listed = [p.name for p in conversation.participants]
    if voice in listed:
        return None
    # a heading typed in another case ("joost de boer") is theirs as it is (a reviewer: it was offered a swap)
    same = [name for name in listed if name.casefold() == voice.casefold()]
    return same[0] if same else next((name for name in listed if alike_names(voice, name)), None)


def _evidence_as_edited(evidence: list[str], voice: str, owners: dict[str, str]) -> list[str]:
    """``voice``'s evidence, each line that quotes a turn an editor has since given to another speaker saying so (a
    tester's find, session 47: after "En ik ben Joost de Boer" was moved to Marloes, Joost's voice still showed it as
    its introduction). ``owners``: each turn's speaker, by its start as naming writes it."""
    shown = []
    for line in evidence:
        stamp = EVIDENCE_TIME.search(line)
        # only a line about the voice's own words: "wordt aangesproken", "krijgt antwoord" quote the other's turn
        own = line.split(": ", 1)[-1] if line.startswith(("maar: ", "niet als voorstellen gelezen")) else line
        owner = owners.get(stamp[0][1:-1]) if stamp and own.startswith(OWN_EVIDENCE) else None
        shown.append(f"{line}: nu een beurt van {owner}" if owner is not None and owner != voice else line)
    return shown


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _choices_corrected(analysis: dict, old: str, new: str) -> dict:
    """The ``analysis`` block with the editor's chosen sentences (the pinned headline, added and
    rejected quotes and action points) that quote a turn's ``old`` text in its ``new`` words.

    A choice counts only where a turn says it; kept in the words Whisper misheard, it would stop
    counting once the editor corrects one of them: the pinned headline came unpinned, an added action
    point went, a rejected quote came back.
    """
    import difflib

    from .analyse import plain_words
    from .transcript import CHOSEN_SENTENCES

    def corrected(sentence: str) -> str:
        wanted = plain_words(sentence).split()
        if not wanted or " ".join(wanted) in plain_words(new) or " ".join(wanted) not in plain_words(old):
            return sentence
        # Where the sentence's words lie among the old text's words, then where those are in the new text.
        words = [(word, n) for n, token in enumerate(old_tokens) for word in plain_words(token).split()]
        at = next((i for i in range(len(words)) if [w for w, _ in words[i : i + len(wanted)]] == wanted), None)
        if at is None:  # a part of a word ("de wijk" in "de wijkaanpak"): nothing to follow
            return sentence
        first, last = words[at][1], words[at + len(wanted) - 1][1]
        starts, ends = {}, {}
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            for i in range(a0, a1):
                starts[i], ends[i] = (b0 + i - a0, b0 + i - a0) if op == "equal" else (b0, b1 - 1)
        begin, end = starts[first], ends[last]
        return " ".join(new_tokens[begin : end + 1]).rstrip(",;:") if begin <= end else sentence

    old_tokens, new_tokens = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        a=[plain_words(t) for t in old_tokens], b=[plain_words(t) for t in new_tokens], autojunk=False
    )
    changed = dict(analysis)
    for key in CHOSEN_SENTENCES:
        value = analysis.get(key)
        if value and isinstance(value, str):  # the pinned headline
            changed[key] = corrected(value)
        elif value:
            changed[key] = list(dict.fromkeys(corrected(sentence) for sentence in value))
    return changed


def _difference(old: str, new: str) -> str:
    """What changed between two texts of a turn, word by word: “oud” → “nieuw”."""
    import difflib

    a, b = old.split(), new.split()
    changes = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "insert":
            changes.append(f"toegevoegd: “{' '.join(b[b0:b1])}”")
        elif op == "delete":
            changes.append(f"weggehaald: “{' '.join(a[a0:a1])}”")
        elif op == "replace":
            changes.append(f"“{' '.join(a[a0:a1])}” → “{' '.join(b[b0:b1])}”")
    return "; ".join(changes[:5]) + ("; …" if len(changes) > 5 else "")


class WordMarks:
    """Which words the editor should listen to first.

    A word is marked when the vocabulary repair wrote it (``gerepareerd``: Whisper heard
    something close, the repair chose this), and when Whisper was unsure of it (``onzeker``: its
    probability below LOW_PROBABILITY, and no word of a participant's name, role or organisation).
    A word an editor wrote has no probability and no mark. In a transcript written before probabilities
    were kept, a word of at least MIN_UNKNOWN letters is marked when the Dutch lemma tables (with
    regular inflections), the programme, the thesaurus and the list of Dutch places do not know it
    (``onbekend``: often a misheard word, like *betalingzachter*).
    """

    def __init__(self, workspace: Workspace, conversation: Conversation) -> None:
        from .vocabulary import FIELD_WORDS

        known: set[str] = set(FIELD_WORDS)
        for text in [conversation.title, conversation.conference] + [
            f"{p.name} {p.role} {p.organisation}" for p in conversation.participants
        ]:
            known |= {_core(w) for w in text.split()}
        for theme in workspace.themes().values():
            for term in theme.terms:
                known |= {_core(w) for w in term.split()}
        self.known = known | _places()
        self.repaired: set[str] = set()
        for change in conversation.transcription.get("vocabulary_corrections") or []:
            if "->" in str(change):
                self.repaired |= {_core(w) for w in str(change).split("->", 1)[1].split()}
        #: Whether the transcript holds Whisper's probabilities (else the word lists decide).
        self.probabilities = any(w.probability is not None for turn in conversation.turns for w in turn.words)
        #: The words of the names Whisper's prompt spelled (see transcribe.vocabulary_prompt).
        spelled = " ".join(f"{p.name} {p.role} {p.organisation}" for p in conversation.participants)
        self.names = {_core(w) for w in spelled.split()}
        self._marks: dict[str, str] = {}  # a conversation says most words many times
        self._cores: dict[str, str] = {}

    def __call__(self, token: str, probability: float | None = None) -> str:
        if self.probabilities:
            core = self._cores.get(token)
            if core is None:
                core = self._cores[token] = _core(token)
            if core and core in self.repaired:
                return REPAIRED
            if probability is not None and probability < LOW_PROBABILITY and core and core not in self.names:
                return UNCERTAIN
            return ""
        mark = self._marks.get(token)
        if mark is None:
            mark = self._marks[token] = self._mark(token)
        return mark

    def _mark(self, token: str) -> str:
        from .analyse import is_dutch_word

        core = _core(token)
        if not core:
            return ""
        if core in self.repaired:
            return REPAIRED
        if len(core) < MIN_UNKNOWN or not core.isalpha() or core in self.known or is_dutch_word(core):
            return ""
        for suffix in INFLECTIONS:  # a regular inflection of a word the tables know (werkt, werken)
            stem = core[: -len(suffix)]
            if core.endswith(suffix) and len(stem) >= 3 and any(is_dutch_word(w) for w in (stem, stem + "en")):
                return ""
        return UNKNOWN


def _core(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word).casefold()


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from .analyse import places

    return frozenset(name.casefold() for name in places())


__all__ = ["Desk", "DeskError", "StaleTranscript", "version_of"]
