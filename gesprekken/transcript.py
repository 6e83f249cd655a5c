"""The transcript file: one human-editable Markdown file per conversation, the source of truth.

A transcript is YAML front matter (the conversation's metadata) followed by one section
per turn::

    ---
    gesprekken: 1
    id: 3f2a9c1b0d4e
    title: Wederkerigheid in de wijk
    participants:
    - name: Marloes van der Heijden
      role: directeur
      organisation: Woonstichting De Linie
    ...
    ---

    ## [00:00.18 – 00:09.06] Marloes van der Heijden

    Goedemiddag, ik ben Marloes van der Heijden.

    <!-- woorden: 0.18-0.62~0.97 Goedemiddag, | 0.70-0.80~0.99 ik | ... -->

Editors change the text, the speaker after the time, the times, or split and merge turns.
The ``woorden`` comments record what Whisper heard and when; :func:`align_words` maps the
edited text back onto them, so a corrected word keeps the time of the word it replaced.
Each word's times (``start-end``, seconds) are followed by ``~`` and how sure Whisper was of it
(its probability, 0 to 1), which the editors' desk marks where it is low; a transcript written
before gesprekken kept it has times only, and reads as well.
"""

import base64
import binascii
import difflib
import json
import re
import string
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import TranscriptError
from .paths import DATE_ADVICE, DUTCH_DATE_ADVICE, atomic_write, impossible_date, iso_date, load_yaml, read_text

FORMAT_VERSION = 1
#: Publication statuses, for a conversation and for each participant. Nothing is public unless it
#: says "published"; "withdrawn" means consent was taken back: never shown, exported or profiled.
STATUSES = ("published", "internal", "withdrawn")
#: The Dutch words for a status, as the programme, the desk and the publication command take them (not a
#: programme's consent column's "ja" and "nee": typed into a transcript, "nee" would undo a withdrawal).
STATUS_WORDS = {
    "gepubliceerd": "published",
    "openbaar": "published",
    "intern": "internal",
    "ingetrokken": "withdrawn",
    "teruggetrokken": "withdrawn",
}
DEFAULT_STATUS = "internal"
#: The editors' corrections to the analysis, kept in the front matter; analyse applies them.
ANALYSIS_CORRECTIONS = {
    "headline": "",
    "add_themes": [],
    "remove_themes": [],
    "add_quotes": [],
    "remove_quotes": [],
    "add_action_points": [],
    "remove_action_points": [],
    "intro": "",
}
#: The corrections that quote a sentence of the transcript (each counts only where a turn says it),
#: with what a note calls them.
CHOSEN_SENTENCES = {
    "headline": "pinned headline",
    "add_quotes": "added quote",
    "remove_quotes": "rejected quote",
    "add_action_points": "added action point",
    "remove_action_points": "rejected action point",
}


def chosen_sentences(conversation: "Conversation") -> list[tuple[str, str]]:
    """The editor's chosen sentences in ``conversation``'s ``analysis:`` block, in the order of
    :data:`CHOSEN_SENTENCES`: (key, sentence) each."""
    found = []
    for key in CHOSEN_SENTENCES:
        value = conversation.analysis.get(key)
        for text in [value] if isinstance(value, str) else value or []:
            if isinstance(text, str) and text.strip():
                found.append((key, text))
    return found


UNKNOWN_SPEAKER = "Spreker"
#: How the evidence of a name an editor gave begins.
CONFIRMED_EVIDENCE = "door de redactie"


@dataclass
class Word:
    """One word with its time in the recording, in seconds."""

    start: float
    end: float
    text: str
    #: How sure Whisper was of the word (0-1, its ``Word.probability``); None where nobody knows:
    #: a word an editor wrote, or a transcript written before gesprekken kept it.
    probability: float | None = None

    def mended(self) -> "Word":
        """The word, with an end before its start (seen after Whisper's word repairs) set to its start."""
        return self if self.end >= self.start else Word(self.start, self.start, self.text, self.probability)


@dataclass
class Participant:
    """A person at the table: name, role and organisation as the programme gives them."""

    name: str
    role: str = ""
    organisation: str = ""
    #: Publication consent: published, internal or withdrawn (see STATUSES).
    status: str = "internal"
    #: Name, role and organisation were set by an editor (at the desk, or ``confirmed: true`` typed
    #: in the file): a programme applied later fills in nothing of them (see programme.apply_entry).
    confirmed: bool = False
    #: Their name as it was spelt before an editor corrected it (at the desk, or a voice renamed to
    #: another spelling): Whisper, prompted with the programme, may have written it so where others say
    #: it, and it is withheld with them (see :attr:`names`).
    earlier_spellings: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every spelling of their name: the one they have, then the earlier ones."""
        return [self.name, *(n for n in self.earlier_spellings if n != self.name)]

    def respelt(self, name: str) -> "Participant":
        """This participant under ``name`` (another spelling), the spelling they had remembered."""
        earlier = [n for n in dict.fromkeys([*self.earlier_spellings, self.name]) if n != name]
        return replace(self, name=name, earlier_spellings=earlier)


def own_spellings(name: str, earlier: Iterable[str], others: Iterable[str]) -> list[str]:
    """Every spelling of a participant's name (``name``, then its ``earlier`` spellings, as
    :attr:`Participant.names`) less an earlier one that is the name of one of ``others`` (the other
    participants there), written as they write it: that name is theirs, and stays whole where they are
    kept (an editor corrected "Piet de Vries" to "Piet de Fries" while Piet de Vries sits at the table too).
    Not case aside: a kept name stays whole only as written (:func:`gesprekken.consent.name_spans`), so
    "Piet De Vries" stays the withheld person's spelling and is withheld whole, not in part."""
    taken = set(others)
    return [name, *(n for n in dict.fromkeys(earlier) if n != name and n not in taken)]


@dataclass
class Speaker:
    """A voice heard in the recording, and who it was found to be."""

    label: str
    name: str | None = None
    confidence: float = 0.0
    evidence: list[str] = field(default_factory=list)
    #: The voice embedding (resemblyzer, 256 numbers), kept for recognising the voice later.
    voice: list[float] | None = None
    #: The name was given by an editor (``speakers --rename``, or a heading edited by hand):
    #: no command changes it again.
    confirmed: bool = False
    #: The median pitch of the voice's words (Hz, :mod:`gesprekken.pitch`), for naming again with a programme.
    pitch: float | None = None

    @property
    def shown_as(self) -> str:
        return self.name or self.label


@dataclass
class Turn:
    """What one speaker says before the other takes over."""

    speaker: str
    start: float
    end: float
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass
class Conversation:
    """A recorded conversation: its metadata and its turns."""

    id: str
    title: str
    #: The titles it had before an editor changed it (at the desk; by hand, where they write it): ingest still knows
    #: the programme's entry it is by them (a re-encoded copy of its recording is no second conversation), and a
    #: programme applied later takes its title for the editor's, whatever it says.
    earlier_titles: list[str] = field(default_factory=list)
    recording: str = ""
    recording_sha256: str = ""
    duration: float = 0.0
    language: str = "nl"
    date: str = ""
    conference: str = ""
    participants: list[Participant] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    #: The effective settings of the transcription run (model, language, options).
    transcription: dict = field(default_factory=dict)
    speakers: list[Speaker] = field(default_factory=list)
    #: The editors' corrections to the analysis (headline, add/remove themes, quotes, action points).
    analysis: dict = field(default_factory=dict)
    #: Publication consent for the conversation as a whole (see STATUSES).
    status: str = "internal"
    #: Set by an export only (never read from or written to a transcript): the positions in ``turns``
    #: of the turns that follow turns consent left out, so an article can mark where they were.
    omitted_before: frozenset[int] = frozenset()
    #: Whether ``forget`` removed someone from this conversation (it keeps no name of whom): a programme
    #: applied later adds nobody to it, for it may name the forgotten person.
    forgotten: bool = False

    def status_of(self, participant: str | None = None) -> str | None:
        """The publication status of the conversation, or of ``participant``; None when no participant
        has that name."""
        if participant is None:
            return self.status
        return next((p.status for p in self.participants if p.name == participant), None)

    def written_otherwise(self, name: str) -> str | None:
        """The participant whose name ``name`` is in other case alone ("Joost de boer" for "Joost de Boer"),
        None where a participant has it as written or none has it at all. Consent compares a held voice's
        name as written (:meth:`held_for_naming`), so such a name holds every automatic voice."""
        if self.status_of(name) is not None:
            return None
        said = name.casefold()
        return next((p.name for p in self.participants if p.name.casefold() == said), None)

    def held_for_case(self, allowed: frozenset[str] | set[str] = frozenset({"published"})) -> dict[str, str]:
        """The names automatic naming gave that are a shown participant's in other case alone
        (:meth:`written_otherwise`), each with that participant's name, where they alone hold the voices
        back (:meth:`held_for_naming`): with each renamed to the name as written, none would be held.
        Empty where something else holds them too (someone not shown heard under no confirmed name,
        forget's marker): confirming each voice is the way then."""
        found = {
            name: like
            for name in self.held_for_naming(allowed)
            if (like := self.written_otherwise(name)) is not None and self.status_of(like) in allowed
        }
        if not found:
            return {}
        renamed = replace(
            self,
            speakers=[replace(s, name=found[s.name], confirmed=True) if s.name in found else s for s in self.speakers],
            turns=[replace(t, speaker=found.get(t.speaker, t.speaker)) for t in self.turns],
        )
        return {} if renamed.held_for_naming(allowed) else found

    def published_for(self, speaker: str) -> bool:
        """Whether a turn of ``speaker`` may be shown to the public (names compare case aside, as
        :func:`gesprekken.publish.withheld_turns` and :func:`gesprekken.export.publishable` do)."""
        if self.status != "published" or speaker == REMOVED_SPEAKER:
            return False  # forget's marker: that someone asked to be removed, and when they spoke
        said = speaker.casefold()  # a name in other case is the same name, as on every route
        if said in {s.casefold() for s in self.introduced_as({"published"})}:
            return False  # its own words say it is someone not published (see introduced_as)
        people = [p for p in self.participants if p.name.casefold() == said]
        if not people and said in {s.casefold() for s in self.lookalikes({"published"})}:
            return False  # a misspelt name of someone not published (see lookalikes)
        if not people and speaker != REMOVED_SPEAKER and not is_voice_label(speaker):
            return False  # a name no participant has: nobody gave consent under it (see unlisted)
        if not people:  # an unnamed voice: perhaps the voice, or a part of it, of someone not published,
            # or of someone forget removed (their marker speaks: a part of their voice may be left here)
            return (
                all(p.status == "published" for p in self.participants)
                and not self.unlisted()
                and all(t.speaker != REMOVED_SPEAKER for t in self.turns)
            )
        if not all(p.status == "published" for p in people):
            return False
        # Automatic naming can name a pair the wrong way round: where someone is not published and no
        # editor confirmed their voice, a voice named automatically may be theirs (see held_for_naming).
        return speaker not in self.held_for_naming()

    def held_for_naming(self, allowed: frozenset[str] | set[str] = frozenset({"published"})) -> list[str]:
        """The names of voices that automatic naming alone gave (no editor confirmed them, see
        :attr:`Speaker.confirmed`) and that every route keeps from the public until an editor confirms
        them, in order of first turn (``allowed``: the statuses shown, as :func:`gesprekken.export.publishable`
        asks; the public sees the published alone). All of them in a conversation shown where someone
        is not shown and is heard under no confirmed name, or where a name that automatic naming gave
        is no shown participant's (their words may be under any voice: automatic naming names a pair
        the wrong way round now and then, and a withdrawn person's words would then show under the
        other's name), or where someone was removed (forget's marker: the words it took may have been
        the other voice's, and theirs be left under it). A name that turn headings carry but no voice
        of the ``speakers:`` block was written by an editor, and counts as confirmed (as
        :func:`gesprekken.naming.attribution`). Names compare as written, as
        :func:`gesprekken.publish.withheld_turns` does; a name no participant has counts as internal
        (see :meth:`unlisted`)."""
        if self.status not in allowed:
            return []
        automatic = {s.name for s in self.speakers if s.name and not s.confirmed}
        spoken = list(dict.fromkeys(t.speaker for t in self.turns))
        confirmed = set(spoken) - automatic
        unsettled = any(p.status not in allowed and p.name not in confirmed for p in self.participants)
        unsettled = unsettled or any(
            name in automatic and (self.status_of(name) or "internal") not in allowed for name in spoken
        )
        if not (unsettled or REMOVED_SPEAKER in spoken):
            return []
        return [name for name in spoken if name in automatic]

    def unlisted(self) -> list[str]:
        """The names that speak but are no participant's, case aside, in order of first turn: not a
        voice's label ("Spreker 2", see :func:`is_voice_label`), not forget's marker. A heading typed by
        hand (a typo, someone added without an entry), a participant's entry deleted by hand after they
        withdrew, a voice named at the desk, with ``speakers --rename`` or by a voice profile for someone
        off the programme: nobody gave consent under that name. Every route keeps such a turn from the
        public as a participant's without a status (internal, or withdrawn where someone there withdrew,
        as it may be them; the database lists them so, and
        :func:`gesprekken.publish.withheld_turns` follows), and with it the unnamed voices, which may be a
        part of their voice; ``load`` says which names, and what to do."""
        names = {p.name.casefold() for p in self.participants}
        found: dict[str, str] = {}
        for speaker in dict.fromkeys(t.speaker for t in self.turns):  # each speaker once: asked once a turn
            said = speaker.casefold()
            if said not in names and speaker != REMOVED_SPEAKER and not is_voice_label(speaker):
                found.setdefault(said, speaker)
        return list(found.values())

    def unnamed_voices(self) -> list[str]:
        """The voices of turns that no participant is named for ("Spreker 2"), in order of first turn;
        not forget's marker (:data:`REMOVED_SPEAKER`)."""
        names = {p.name.casefold() for p in self.participants}
        return list(
            dict.fromkeys(
                t.speaker for t in self.turns if t.speaker.casefold() not in names and t.speaker != REMOVED_SPEAKER
            )
        )

    def unheard(self, allowed: set[str]) -> list[str]:
        """Participants whose status is not in ``allowed`` and in whose name no turn speaks.

        Their words, if they spoke, are under an unnamed voice ("Spreker 2"). Every route keeps the
        unnamed voices from the public wherever any participant is not published, named voice or not
        (diarization can split one person's voice over a name and "Spreker 3"), until each voice is
        named (see published_for, gesprekken.publish.withheld_turns); this list says whose voice
        is surely among them, for the messages that say which voice to name. A voice that only
        introduces itself as them (see introduced_as) is no named voice: it may be one of several
        voices of theirs.
        """
        spoken = {t.speaker.casefold() for t in self.turns} | {
            name.casefold() for name in self.lookalikes(allowed).values()
        }
        return [p.name for p in self.participants if p.status not in allowed and p.name.casefold() not in spoken]

    def lookalikes(self, allowed: set[str]) -> dict[str, str]:
        """Speakers of turns who are no participant and no unnamed voice's label but could be a
        participant whose status is not in ``allowed`` (see :func:`could_be`: a heading edited by
        hand to "Joost de Bor", "Joost" or "J. de Boer"), each with that participant's name.

        The transcript is edited by hand, and a typo must not publish a withdrawn person: every
        route (the public copy, the published folders, the silenced recordings, exports, the desk)
        treats such a turn as that participant's, and ``load`` says where to correct it. Under every
        spelling of their name (see :meth:`spellings_of`): a heading nobody corrected may still have
        the one an editor corrected in the front matter.
        """
        hidden = [p for p in self.participants if p.status not in allowed]
        found = {}
        for speaker in self._named_by_hand() if hidden else []:
            person = next((p.name for p in hidden if could_be_any(speaker, self.spellings_of(p))), None)
            if person is not None:
                found[speaker] = person
        return found

    def spellings_of(self, participant: Participant) -> list[str]:
        """Every spelling of ``participant``'s name but an earlier one that is another participant's
        name here (:func:`own_spellings`)."""
        others = [p.name for p in self.participants if p is not participant]
        return own_spellings(participant.name, participant.earlier_spellings, others)

    def introduced_as(self, allowed: set[str]) -> dict[str, str]:
        """Speakers of turns (a voice's label, or a name) whose own words introduce them as a
        participant whose status is not in ``allowed``, misheard names included ("En ik ben Jost de
        woer" for Joost de Boer, see :func:`gesprekken.naming.self_introductions`), each with that
        participant's name; not the participant's own name, nor a look-alike (see lookalikes).

        A voice may be unnamed, or named for someone else by mistake, while it says who it is: every
        route treats its turns as that participant's, as it does a look-alike, and ``load`` says so.
        A voice named for a published participant is no exception: privacy first, its own words
        outweigh a name that an editor or automatic naming may have got wrong. Read only where
        someone may not be public (it reads every turn).
        """
        hidden = [p.name for p in self.participants if p.status not in allowed]
        if not hidden:
            return {}
        found = {}
        lookalikes = self.lookalikes(allowed)  # theirs already, and said so
        for speaker, people in self._introductions().items():
            person = next((name for name in people if name in hidden), None)
            if person is not None and speaker.casefold() != person.casefold() and speaker not in lookalikes:
                found[speaker] = person
        return found

    def _introductions(self) -> dict[str, tuple[str, ...]]:
        """Per speaker, the participants its own words introduce it as (naming's reading, which costs
        as much as the analysis of the conversation): read once for what the turns say and who the
        participants are, as a load, an export and a status change each ask more than once. Under every
        spelling of their names (:meth:`spellings_of`): Whisper, prompted with the programme, may have
        written an introduction in the spelling an editor corrected since ("ik ben Marlous Heijden")."""
        key = (
            tuple((t.speaker, t.text) for t in self.turns),
            tuple((p.name, p.role, p.organisation, tuple(p.earlier_spellings)) for p in self.participants),
        )
        cached = self.__dict__.get("_introduced")
        if cached is None or cached[0] != key:
            from .naming import self_introductions  # the introductions automatic naming reads

            # Read once more for each earlier spelling, everyone under it who has one (read beside their
            # name as it is now, the two would be names alike and an introduction by first name no one's).
            spellings = [self.spellings_of(p) for p in self.participants]
            found: dict[str, tuple[str, ...]] = {}
            for n in range(max(map(len, spellings), default=1)):
                listed = [
                    replace(p, name=names[n]) if n < len(names) else p
                    for p, names in zip(self.participants, spellings, strict=True)
                ]
                owner = {q.name: p.name for p, q in zip(self.participants, listed, strict=True)}
                reading = replace(self, participants=listed) if n else self
                for speaker, people in self_introductions(reading).items():
                    found[speaker] = tuple(
                        dict.fromkeys([*found.get(speaker, ()), *(owner.get(name, name) for name in people)])
                    )
            cached = self.__dict__["_introduced"] = (key, found)
        return cached[1]

    def named_like(self, person: str) -> list[str]:
        """The speakers of turns who are no participant and no voice's label but could be ``person``
        (see :func:`could_be`): forget takes their turns too."""
        return [speaker for speaker in self._named_by_hand() if could_be(speaker, person)]

    def _named_by_hand(self) -> list[str]:
        known = {p.name.casefold() for p in self.participants} | {s.label.casefold() for s in self.speakers}
        return list(
            dict.fromkeys(
                t.speaker for t in self.turns if t.speaker.casefold() not in known and t.speaker != REMOVED_SPEAKER
            )
        )


_UNNAMED = re.compile(r"(?:spreker|speaker)\s*\d+", re.IGNORECASE)


def as_if_public(conversation: Conversation) -> Conversation:
    """``conversation`` as the public would see it once published and once an editor confirmed every voice (a
    voice held only until then would show its words under its name then)."""
    return replace(
        conversation, status="published", speakers=[replace(s, confirmed=True) for s in conversation.speakers]
    )


def shown_under(before: Conversation, after: Conversation, old: str, new: str) -> bool:
    """Whether words of ``old`` in ``before`` that go to ``new`` in ``after`` would show where they do not now:
    the public would see them under ``new`` as if ``after`` were published and every voice confirmed
    (:func:`as_if_public`, so that publishing it or confirming a voice later shows nothing an editor was not
    asked about), and does not under ``old`` as the voices stand (published, so a turn held only until its
    voice is confirmed counts as kept back)."""
    return not replace(before, status="published").published_for(old) and as_if_public(after).published_for(new)


def is_voice_label(speaker: str) -> bool:
    """Whether a turn's speaker is a voice's label, no name: "Spreker 2", as ingest labels the voices
    it cannot name (any case, spacing or punctuation: "spreker-2", "Speaker 3")."""
    return bool(_UNNAMED.fullmatch(" ".join(_name_parts(speaker))))


def labels_and_names(speakers: list[str]) -> tuple[list[str], list[str]]:
    """``speakers`` that no participant is named for (as Conversation.unnamed_voices gives them) apart:
    the voices' labels ("Spreker 2"), and the names nobody listed as a participant ("Kees Mol", see
    Conversation.unlisted), which the messages call what they are, with their own fix."""
    labels = [s for s in speakers if is_voice_label(s)]
    return labels, [s for s in speakers if not is_voice_label(s)]


def _name_parts(name: str) -> list[str]:
    """A name's words, case, accents and punctuation aside: "J. de Böer" -> ["j", "de", "boer"]."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return re.findall(r"\w+", plain)


def spelled_alike(one: str, other: str) -> bool:
    """Whether two names, written alike, read as one name spelt two ways (Heyden, Heijden): the one
    measure of a respelling, for ``speakers --rename`` and for what is withheld as someone's."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, one, other).ratio() >= 0.8


def alike_names(one: str, other: str) -> bool:
    """Whether two names are one person's name, case and spacing aside, spelt the same or a letter or
    two apart (Heyden, Heijden): :func:`spelled_alike` of the two as written; or one is the other with a
    surname joined to it by a hyphen, after it or before it, as a married name is ("Joost de Boer-de Vries",
    "Joost de Vries-de Boer" for Joost de Boer), however long."""
    one, other = " ".join(one.casefold().split()), " ".join(other.casefold().split())
    return spelled_alike(one, other) or _joined(one, other) or _joined(other, one)


def initialled(one: str, other: str) -> bool:
    """Whether one of two names is the other with its first name as an initial: "J. de Boer", "Joost de Boer"
    (case, accents and punctuation aside); never a name alike in full (:func:`alike_names` judges those)."""
    a, b = _name_parts(one), _name_parts(other)
    if len(a) < 2 or len(a) != len(b) or a[1:] != b[1:] or a[0] == b[0]:
        return False
    short, long = (a[0], b[0]) if len(a[0]) < len(b[0]) else (b[0], a[0])
    return len(short) == 1 and long.startswith(short)


def _joined(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with another surname hyphened after or before its own."""
    first, _, own = short.partition(" ")
    if not own:
        return False  # a first name alone ("Joost", "Joost-Willem" is another's)
    if long.startswith(short + "-") and len(long) > len(short) + 1:
        return True
    return long.startswith(first + " ") and long.endswith("-" + own) and len(long) > len(short) + 1


def could_be_any(speaker: str, spellings: Iterable[str]) -> bool:
    """Whether the name ``speaker`` could be meant for the person whose name has these ``spellings``
    (:func:`could_be` of any of them)."""
    return any(could_be(speaker, name) for name in spellings)


def could_be(speaker: str, person: str) -> bool:
    """Whether the name ``speaker`` could be meant for ``person``: another spelling of the whole
    name (as ``speakers --rename`` judges it), or the same first name or surname ("Joost",
    "de Boer", "J. de Boer" for Joost de Boer), case, accents and punctuation aside. Errs towards
    yes: it decides what is withheld as theirs. A voice's label ("Spreker 2") never is."""
    said, theirs = _name_parts(speaker), _name_parts(person)
    if not said or not theirs or is_voice_label(speaker):
        return False
    if spelled_alike(" ".join(said), " ".join(theirs)):
        return True
    first, surname = theirs[0], theirs[-1]
    return (len(first) > 1 and said[0] == first) or (len(theirs) > 1 and len(surname) > 1 and said[-1] == surname)


# --- times -------------------------------------------------------------------------------


def format_time(seconds: float, decimals: int = 2, always_hours: bool = False) -> str:
    """A time in the recording as a clock: ``83.456`` -> ``01:23.46``, ``3725.5`` -> ``1:02:05.50``.

    The one formatter of every display: transcripts (the default), WebVTT cues
    (``decimals=3, always_hours=True``: ``00:01:23.456``) and the web pages.

    Args:
        seconds: the time; rounded to ``decimals``, so ``59.996`` is ``01:00.00``, never ``00:60.00``.
        decimals: digits after the seconds (0 for none).
        always_hours: two-digit hours even when there are none; otherwise hours appear only
            when there are any.
    """
    unit = 10**decimals
    ticks = round(seconds * unit)
    hours, rest = divmod(ticks, 3600 * unit)
    minutes, rest = divmod(rest, 60 * unit)
    whole, fraction = divmod(rest, unit)
    text = f"{minutes:02d}:{whole:02d}" + (f".{fraction:0{decimals}d}" if decimals else "")
    if always_hours:
        return f"{hours:02d}:{text}"
    return f"{hours}:{text}" if hours else text


_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


def parse_time(text: str) -> float:
    """Parse ``1:02:03.5``, ``02:03.5`` or ``123.5`` into seconds."""
    seconds = 0.0
    for part in text.strip().replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds, 3)  # 1:12.79 is 72.79, not 72.78999999999999


# --- writing ------------------------------------------------------------------------------


def _front_matter(conversation: Conversation) -> dict:
    front = {
        "gesprekken": FORMAT_VERSION,
        "id": conversation.id,
        "title": conversation.title,
        # only where an editor changed it: every other transcript stays as it was written
        **({"earlier_titles": list(conversation.earlier_titles)} if conversation.earlier_titles else {}),
        "conference": conversation.conference,
        "date": conversation.date,
        "status": conversation.status,
        "recording": conversation.recording,
        "recording_sha256": conversation.recording_sha256,
        "duration": round(conversation.duration, 2),
        "language": conversation.language,
        "participants": [_participant_entry(p) for p in conversation.participants],
        "speakers": [_speaker_entry(s) for s in conversation.speakers],
        "analysis": {key: conversation.analysis.get(key, default) for key, default in ANALYSIS_CORRECTIONS.items()},
        "transcription": conversation.transcription,
    }
    if conversation.forgotten:
        front["forgotten"] = True  # only where someone was: every other transcript stays as it was written
    return front


def _participant_entry(participant: Participant) -> dict:
    entry = {
        "name": participant.name,
        "role": participant.role,
        "organisation": participant.organisation,
        "status": participant.status,
    }
    if participant.confirmed:  # only where an editor set them: every other transcript stays as it was written
        entry["confirmed"] = True
    if participant.earlier_spellings:
        entry["earlier_spellings"] = list(participant.earlier_spellings)
    return entry


def _speaker_entry(speaker: Speaker) -> dict:
    entry = {
        "label": speaker.label,
        "name": speaker.name,
        "confidence": speaker.confidence,
        "confirmed": speaker.confirmed,
        "evidence": speaker.evidence,
    }
    if speaker.pitch is not None:
        entry["pitch"] = speaker.pitch
    if speaker.voice is not None:
        entry["voice"] = encode_voice(speaker.voice)
    return entry


def encode_voice(voice) -> str:
    """A voice embedding as compact text: base64 of float16 values."""
    import numpy as np

    return base64.b64encode(np.asarray(voice, dtype="<f2").tobytes()).decode("ascii")


def decode_voice(text: str) -> list[float]:
    import numpy as np

    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32).tolist()


def words_comment(words: list[Word]) -> str:
    """The ``woorden`` comment that records ``words`` and their times under a turn's text."""
    # "--" would end an HTML comment early; Whisper never produces it inside a word.
    items = [
        f"{w.start:.2f}-{w.end:.2f}{'' if w.probability is None else f'~{w.probability:.2f}'} "
        + w.text.replace("--", "- -")
        for w in words
    ]
    lines = ["<!-- woorden:"]
    for item in items:
        # Never break inside an item, so each line reads as whole "start-end word" entries.
        if len(lines[-1]) + len(item) + 3 > 100:
            lines[-1] += " |"
            lines.append(item)
        else:
            lines[-1] += (" | " if lines[-1] != "<!-- woorden:" else " ") + item
    return "\n".join(lines) + " -->"


def dumps(conversation: Conversation) -> str:
    """The text of a transcript file for ``conversation``."""
    header = yaml.safe_dump(_front_matter(conversation), sort_keys=False, allow_unicode=True, width=100)
    parts = [f"---\n{header}---\n"]
    for turn in conversation.turns:
        parts.append(heading(turn.speaker, turn.start, turn.end) + "\n")
        parts.append("\n".join(text_lines(turn.text)) + "\n")
        if turn.words:
            parts.append(words_comment(turn.words) + "\n")
    return "\n".join(parts)


def heading(speaker: str, start: float | None = None, end: float | None = None) -> str:
    """A turn's heading line: ``## [00:01.00 – 00:05.00] Name`` (without times when not known)."""
    if start is None or end is None:
        return f"## {speaker}"
    return f"## [{format_time(start)} – {format_time(end)}] {speaker}"


def text_lines(text: str) -> list[str]:
    """A turn's text as the file holds it: wrapped at 100 characters, a line that would read as a
    heading or comment escaped."""
    wrapped = textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)
    return [_escape_line(line) for line in wrapped.splitlines()]


def replace_front_matter(text: str, conversation: Conversation) -> str:
    """``text`` (a transcript file) with the front matter of ``conversation``; the body, with the
    editor's own line breaks and comments, exactly as it is."""
    lines = text.splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    header = yaml.safe_dump(_front_matter(conversation), sort_keys=False, allow_unicode=True, width=100)
    return "---\n" + with_comments(lines, close, header) + "---\n" + "".join(lines[close + 1 :])


def with_comments(lines: list[str], close: int, header: str) -> str:
    """``header``, a front matter written anew (YAML's writer keeps no comment), with the editor's comments of the
    old one (``lines[1:close]``), so that a command that changes it (a status, a voice's name) loses no note: a
    comment at the end of a line stays at the end of the line that says the same (``role: wethouder  # nagevraagd
    bij Joost``, an attack of session 55 found it dropped); a comment line ("# Rol nagevraagd bij Joost"), and one
    whose line now says otherwise, go to the top, each as a line of its own."""
    top, ends = [], []
    for line in lines[1:close]:
        if line.strip().startswith("#"):
            top.append(line.strip())
        elif " #" in line or "\t#" in line:
            ends.extend(_end_comment(line))
    written = header.splitlines(keepends=True)
    placed: set[int] = set()
    for indent, said, comment in ends:
        at = next(
            (
                n
                for n, line in enumerate(written)
                if n not in placed and len(line) - len(line.lstrip(" ")) == indent and _says(line.strip()) == said
            ),
            None,
        )
        if at is None:
            top.append(comment)
        else:
            placed.add(at)
            written[at] = f"{written[at].rstrip()}  {comment}\n"
    return "".join(f"{comment}\n" for comment in top) + "".join(written)


def _says(line: str) -> str | None:
    """What one line of YAML says (as JSON, dates as text), None where it does not read on its own."""
    try:
        return json.dumps(yaml.safe_load(line), default=str, sort_keys=True)
    except yaml.YAMLError:
        return None


def _end_comment(line: str) -> list[tuple[int, str, str]]:
    """The comment at the end of a front matter line (``role: x  # note``), as (the line's indent, what it says
    without the comment, the comment); none where its "#" is inside a value ("title: 'Tafel #3'")."""
    whole = _says(line.strip())
    for match in re.finditer(r"[ \t]#", line):
        body = line[: match.start()].strip()
        if body and _says(body) == whole is not None:
            return [(len(line) - len(line.lstrip(" ")), whole, line[match.start() :].strip())]
    return []


def rename_in_headings(text: str, mapping: dict[str, str]) -> str:
    """``text`` (a transcript file) with the speakers of its turn headings renamed by ``mapping``, all
    at once (so two voices can swap names); every other line exactly as it is."""
    lines = text.splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    for i in range(close + 1, len(lines)):
        match = HEADING.match(lines[i].rstrip("\n")) if lines[i].startswith("## ") else None
        if match and match[3] in mapping:
            lines[i] = lines[i][: match.start(3)] + mapping[match[3]] + lines[i][match.end(3) :]
    return "".join(lines)


def _escape_line(line: str) -> str:
    """A text line that would read as a heading or comment, or that :func:`loads` would refuse as one typed wrong
    ("[00:25 – ..." at the start of a wrapped line), gets a backslash in front."""
    escaped = line.startswith(("#", "<!--", "\\")) or NEAR_HEADING.match(line) or BARE_WORDS_COMMENT.match(line)
    return "\\" + line if escaped else line


def write(conversation: Conversation, path: Path) -> None:
    """Write the transcript atomically: the old file stays whole until the new one is complete."""
    with atomic_write(path) as handle:
        handle.write(dumps(conversation))


# --- reading ------------------------------------------------------------------------------

#: The speaker of a turn ``forget`` emptied: a name never starts with "[" (that is where a heading's times start).
REMOVED_SPEAKER = "[verwijderd]"


def consent_given(person: str, participants: Iterable[tuple[str, str, Iterable[str]]]) -> bool:
    """Whether what is kept back as ``person``'s may be shown by ``participants`` (name, status, earlier spellings):
    every participant who has that name, now or as a spelling an editor corrected, is published, and there is one;
    forget's marker's never. A name respelt at the desk keeps its consent (Kees Mol respelt "Kees Mool" and
    published), and an old spelling typed again as someone published gives none (a reviewer's attack, session 52:
    "Kees Mol" typed as published beside "Kees Mool" withdrawn played his voice)."""
    if person == REMOVED_SPEAKER:
        return False
    key = person.casefold()
    claims = [status for name, status, earlier in participants if key in {n.casefold() for n in (name, *earlier)}]
    return bool(claims) and all(status == "published" for status in claims)


#: The mark of a turn the public copy leaves out only because its voice, named by automatic naming alone, awaits
#: an editor's confirmation (:meth:`Conversation.held_for_naming`): no publication status. The public copy
#: (gesprekken.publish.unconfirmed) and the editors' pages (gesprekken.desk.WITHHELD_WHY) both use it.
UNCONFIRMED = "unconfirmed"
HEADING = re.compile(rf"^##\s+(?:\[\s*({_TIME})\s*[–—-]+\s*({_TIME})\s*\]\s*)?(.*?)\s*$")
#: A line an editor meant as a turn's heading but did not type as one: "### [00:25.99 – ...", "##[00:25.99 ...",
#: "# [00:25.99 ...", or the times and the name with the "## " deleted. Read as text it would put the turn's words,
#: whoever said them, under the speaker before.
NEAR_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?\[\s*(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d+)?\s*[–—-]+")
#: A word-timing comment whose "<!--" was deleted: "woorden: 9.77-10.23~0.60 Jeroen, | ..."
BARE_WORDS_COMMENT = re.compile(r"^\s*woorden:\s*\d+\.\d+-\d+\.\d+")
#: The keys of the front matter, of a participant's entry and of a speaker's (what :func:`dumps` writes).
FRONT_KEYS = (
    "gesprekken",
    "id",
    "title",
    "earlier_titles",
    "conference",
    "date",
    "status",
    "recording",
    "recording_sha256",
    "duration",
    "language",
    "participants",
    "speakers",
    "analysis",
    "transcription",
    "forgotten",
)
PARTICIPANT_KEYS = ("name", "role", "organisation", "status", "confirmed", "earlier_spellings")
SPEAKER_KEYS = ("label", "name", "confidence", "confirmed", "evidence", "pitch", "voice")
#: The most characters of one turn: spaCy's own limit for one text; a turn that long is a file gone wrong.
MOST_TURN_CHARACTERS = 1_000_000
# "start-end word" or "start-end~probability word", items separated by " | "; a word may itself be
# "|", so an item ends only where the next "start-end" begins.
_WORD = re.compile(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?:~(\d+(?:\.\d+)?))? (.+?)(?: \| (?=\d+(?:\.\d+)?-\d)|$)")


def _error(path: Path, line: int, what: str, dutch: str) -> TranscriptError:
    """The error of a transcript that does not read at ``line``: ``what`` in English for the commands, and ``dutch``
    for the editors' desk (:attr:`gesprekken.errors.GesprekkenError.in_dutch`), the file by its name alone, as the
    YAML's errors are (:func:`gesprekken.paths.load_yaml`): the desk said a heading's time typed wrong by hand in the
    commands' English, by the server's path (session 60's list)."""
    return TranscriptError(f"{path} line {line}: {what}", in_dutch=f"{Path(path).name} regel {line}: {dutch}")


def parse_words(path: Path, line: int, body: str) -> list[Word]:
    """The words of a ``woorden`` comment's body (after ``woorden:``).

    Raises:
        TranscriptError: an item is not ``start-end word``.
    """
    words = []
    body = " ".join(body.split())
    position = 0
    while position < len(body):
        match = _WORD.match(body, position)
        if not match:
            raise _error(
                path,
                line,
                f"the word timing {body[position : position + 30]!r} is not 'start-end word'; "
                "undo the change to this woorden comment or delete the whole comment",
                f"de woordtijd {body[position : position + 30]!r} is geen 'begin-eind woord'; draai de wijziging in "
                "dit woorden-commentaar terug of verwijder het hele commentaar",
            )
        text = match[4].replace("- -", "--")
        probability = float(match[3]) if match[3] is not None else None
        if probability is not None and probability > 1:
            raise _error(
                path,
                line,
                f"the probability ~{match[3]} of {text!r} is more than 1; make it 0 to 1",
                f"de zekerheid ~{match[3]} van {text!r} is meer dan 1; maak er 0 tot 1 van",
            )
        words.append(Word(float(match[1]), float(match[2]), text, probability))
        position = match.end()
    return words


def _key_line(
    lines: list[str], close: int, key: str, value: object = None, after: int = 0, missing: int = 2, until: int = 0
) -> int:
    """The line (from 1) of the front matter (``lines[1:close]``) that gives ``key`` (with ``value`` on it,
    where given), from line ``after`` on (up to line ``until``, where given); ``missing`` where none does (line 2,
    the front matter's first: the line an error in the front matter names)."""
    for number in range(max(after, 2), min(until or close, close) + 1):
        said = lines[number - 1].strip().removeprefix("- ")
        if re.match(rf"{re.escape(key)}\s*:", said) and (value is None or str(value) in said):  # "on : ja" too
            return number
    return missing


def _entry_lines(lines: list[str], close: int, own: int) -> tuple[int, int]:
    """The first and last line of the list entry (``- name: ...``, ``- label: ...``) of the front matter that holds
    line ``own``: a key typed above the entry's ``name:`` is its own, one below the next entry is the next's (an
    entry's own list, ``earlier_spellings:``, indented deeper, is inside it)."""

    def indent(text: str) -> int:
        return len(text) - len(text.lstrip())

    said = lines[own - 1]
    dash = indent(said) + (2 if said.lstrip().startswith("- ") else 0) - 2  # where the entry's "- " stands
    first = next(
        (n for n in range(own, 1, -1) if indent(lines[n - 1]) == dash and lines[n - 1].lstrip().startswith("- ")),
        own,
    )
    last = next(
        (n - 1 for n in range(first + 1, close + 1) if lines[n - 1].strip() and indent(lines[n - 1]) <= dash),
        close,
    )
    return first, last


def _status(path: Path, value, whose: tuple[str, str], line: int = 2) -> str:
    """``value`` as a status; ``whose`` it is, in English and in Dutch (``("the conversation", "het gesprek")``)."""
    if value is None or value == "":
        return DEFAULT_STATUS
    value = STATUS_WORDS.get(str(value).casefold(), value)  # "status: openbaar", typed by an editor
    if str(value) not in STATUSES:
        raise _error(
            path,
            line,
            f"the status {value!r} of {whose[0]} is not one of {', '.join(STATUSES)}; fix it",
            f"de status {value!r} van {whose[1]} is geen openbaar, intern of ingetrokken; verbeter hem",
        )
    return str(value)


def _analysis_corrections(path: Path, value, line: int = 2) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) - set(ANALYSIS_CORRECTIONS):
        raise _error(
            path,
            line,
            f"'analysis:' takes only {', '.join(ANALYSIS_CORRECTIONS)}; fix the block",
            f"'analysis:' neemt alleen {', '.join(ANALYSIS_CORRECTIONS)}; verbeter het blok",
        )
    for key, default in ANALYSIS_CORRECTIONS.items():
        if isinstance(default, list) and not isinstance(value.get(key) or [], list):
            raise _error(
                path,
                line,
                f"'analysis: {key}:' must be a list, like [a, b]; fix it",
                f"'analysis: {key}:' moet een lijst zijn, zoals [a, b]; verbeter het",
            )
    return {key: value[key] for key in ANALYSIS_CORRECTIONS if value.get(key)}


def _spellings(path: Path, value, name, line: int = 2) -> list[str]:
    return _texts(
        path,
        value,
        line,
        f"'earlier_spellings:' of participant {name!r} must be a list of names (- Van der Heijden); fix it, "
        "or delete the line to stop withholding those spellings with them",
        f"'earlier_spellings:' van deelnemer {name!r} moet een lijst van namen zijn (- Van der Heijden); verbeter "
        "het, of verwijder de regel om die spellingen niet meer met hen achter te houden",
    )


def _earlier_titles(path: Path, value, line: int = 2) -> list[str]:
    return _texts(
        path,
        value,
        line,
        "'earlier_titles:' must be a list of titles (- Tafel 3), the titles the conversation had before an editor "
        "changed it; fix it, or delete the line",
        "'earlier_titles:' moet een lijst van titels zijn (- Tafel 3), de titels die het gesprek had voor een "
        "redacteur ze veranderde; verbeter het, of verwijder de regel",
    )


def _texts(path: Path, value, line: int, wrong: str, fout: str) -> list[str]:
    """``value``, a list of texts none empty, each stripped (none where it is not there); else the error, in English
    (``wrong``) and Dutch (``fout``)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(path, line, wrong, fout)
    return [v.strip() for v in value]


def _str(value) -> str:
    return "" if value is None else str(value)


def _unknown_keys(
    path: Path, entry: dict, known: tuple[str, ...], whose: tuple[str, str], line: Callable[..., int]
) -> None:
    """Refuse a key gesprekken does not read (``staus: withdrawn``, ``rol:``): ignored, what it holds would be lost
    without a word (a withdrawal read as the default "internal", a role left empty). ``whose`` the keys are, in
    English and in Dutch; ``line(key, missing=n)`` is the line that gives ``key``, or ``missing`` (a keyword) where
    none does."""
    from .programme import ALIASES, TYPO_SIMILARITY

    for key in entry:
        if key in known:
            continue
        spelt, number = str(key), line(str(key))
        if not isinstance(key, str):  # "on:", "yes:", "null:" or "12:", which YAML reads as True, None or 12
            spelt, number = next(
                ((s, n) for s in _SPELLINGS.get(key, (str(key),)) if (n := line(s, missing=0))),
                (str(key), number),
            )
        meant = ALIASES.get(spelt.casefold())
        if meant not in known:
            meant = next(iter(difflib.get_close_matches(spelt, known, 1, TYPO_SIMILARITY)), None)
        hint = f" (did you mean {meant!r}?)" if meant else ""
        raise _error(
            path,
            number,
            f"{spelt!r} is no key of {whose[0]}{hint}; correct it, or delete the line",
            f"{spelt!r} is geen sleutel van {whose[1]}{f' (bedoel je {meant!r}?)' if meant else ''}; verbeter hem, of "
            "verwijder de regel",
        )


#: How a key YAML reads as no text may have been typed (YAML 1.1's yes/no words and nulls).
_SPELLINGS = {
    True: tuple(w for s in ("on", "yes", "y", "true") for w in (s, s.capitalize(), s.upper())),
    False: tuple(w for s in ("off", "no", "n", "false") for w in (s, s.capitalize(), s.upper())),
    None: ("null", "Null", "NULL", "~"),
}


def loads(text: str, path: Path = Path("<transcript>")) -> Conversation:
    """Parse a transcript file's text.

    Raises:
        TranscriptError: naming the file and line, and what to fix.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise _error(
            path,
            1,
            "a transcript starts with a '---' line and the YAML front matter; restore it",
            "een transcript begint met een regel '---' en de kop in YAML; zet die terug",
        )
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise _error(
            path,
            1,
            "the front matter has no closing '---' line; add one after the metadata",
            "de kop heeft geen regel '---' die hem sluit; zet er een onder de gegevens",
        ) from None
    meta = load_yaml("\n".join(lines[1:close]), path, TranscriptError, first_line=2) or {}
    if not isinstance(meta, dict):
        raise _error(
            path, 2, "the front matter must be 'key: value' lines; fix it", "de kop moet regels 'sleutel: waarde' zijn"
        )
    if not meta.get("id"):
        raise _error(
            path,
            2,
            "the front matter has no 'id'; restore the id the file was written with",
            "de kop heeft geen 'id'; zet het id terug waarmee het bestand geschreven is",
        )

    def at(key: str, value: object = None, after: int = 0, missing: int = 2, until: int = 0) -> int:
        return _key_line(lines, close, key, value, after, missing, until)

    _unknown_keys(path, meta, FRONT_KEYS, ("the front matter", "de kop"), at)
    participants = []
    for entry in meta.get("participants") or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            raise _error(
                path,
                at("participants"),
                "every participant needs a 'name:'; fix the participants list",
                "elke deelnemer heeft een 'name:' nodig; verbeter de lijst van deelnemers",
            )
        own = at("name", entry["name"], at("participants"))  # their entry's line: its status is below it
        first, last = _entry_lines(lines, close, own)
        _unknown_keys(
            path,
            entry,
            PARTICIPANT_KEYS,
            (f"a participant ({entry['name']!r})", f"een deelnemer ({entry['name']!r})"),
            lambda key, missing=2, first=first, last=last: at(key, after=first, missing=missing, until=last),
        )
        participants.append(
            Participant(
                _str(entry["name"]),
                _str(entry.get("role")),
                _str(entry.get("organisation")),
                _status(
                    path,
                    entry.get("status"),
                    (f"participant {entry['name']!r}", f"deelnemer {entry['name']!r}"),
                    at("status", entry.get("status"), own),
                ),
                entry.get("confirmed") is True,
                _spellings(path, entry.get("earlier_spellings"), entry["name"], at("earlier_spellings", after=own)),
            )
        )
    named: dict[str, str] = {}
    for participant in participants:
        # A heading is read as a participant's case aside (on every route): one name, one entry.
        other = named.get(participant.name.casefold())
        named[participant.name.casefold()] = participant.name
        if other is not None:
            if other == participant.name:
                raise _error(
                    path,
                    at("name", other),
                    f"the participant {other!r} is listed twice; remove the double entry",
                    f"de deelnemer {other!r} staat er twee keer; verwijder de dubbele",
                )
            raise _error(
                path,
                2,
                f"the participants {other!r} and {participant.name!r} are one name in other case, and a turn's "
                "heading could be either's; remove the double entry, or tell the two apart in their names",
                f"de deelnemers {other!r} en {participant.name!r} zijn één naam in andere hoofdletters, en de kop van "
                "een beurt kan van elk van beiden zijn; verwijder de dubbele, of maak hun namen verschillend",
            )
    speakers = []
    for entry in meta.get("speakers") or []:
        if not isinstance(entry, dict) or not entry.get("label"):
            raise _error(
                path,
                at("speakers"),
                "every entry under 'speakers:' needs a 'label:'; restore it or delete the entry",
                "elke stem onder 'speakers:' heeft een 'label:' nodig; zet het terug of verwijder de stem",
            )
        own = at("label", entry["label"], at("speakers"))
        first, last = _entry_lines(lines, close, own)
        _unknown_keys(
            path,
            entry,
            SPEAKER_KEYS,
            (f"a speaker ({entry['label']!r})", f"een stem ({entry['label']!r})"),
            lambda key, missing=2, first=first, last=last: at(key, after=first, missing=missing, until=last),
        )
        try:
            voice = decode_voice(entry["voice"]) if entry.get("voice") else None
            confidence = float(entry.get("confidence") or 0)
        except (binascii.Error, ValueError, TypeError):
            raise _error(
                path,
                2,
                f"the voice or confidence of speaker {entry['label']!r} is damaged; delete that 'voice:' line",
                f"de stem of de zekerheid van {entry['label']!r} is beschadigd; verwijder die regel 'voice:'",
            ) from None
        pitch = entry.get("pitch")
        if pitch in (None, ""):
            pitch = None
        elif isinstance(pitch, bool) or not isinstance(pitch, int | float) or not 20 <= pitch <= 1000:
            raise _error(
                path,
                at("pitch", pitch, own),
                f"'pitch:' of speaker {entry['label']!r} must be the voice's pitch in Hz (a number such as 120.5, as "
                "ingest wrote it); fix it or delete that line",
                f"'pitch:' van {entry['label']!r} moet de toonhoogte van de stem in Hz zijn (een getal als 120.5, "
                "zoals ingest het schreef); verbeter het of verwijder die regel",
            )
        else:
            pitch = float(pitch)
        confirmed = entry.get("confirmed", False)
        if not isinstance(confirmed, bool):
            raise _error(
                path,
                at("confirmed", confirmed, at("label", entry["label"], at("speakers"))),
                f"'confirmed:' of speaker {entry['label']!r} must be true or false; fix it",
                f"'confirmed:' van {entry['label']!r} moet true of false zijn; verbeter het",
            )
        speakers.append(
            Speaker(
                _str(entry["label"]),
                _str(entry.get("name")) or None,
                confidence,
                [str(e) for e in entry.get("evidence") or []],
                voice,
                confirmed,
                pitch,
            )
        )
    try:
        duration = float(meta.get("duration") or 0)
    except (TypeError, ValueError):
        raise _error(
            path,
            at("duration"),
            f"duration {meta.get('duration')!r} is not a number of seconds; fix it",
            f"de duur {meta.get('duration')!r} is geen aantal seconden; verbeter hem",
        ) from None
    date = _str(meta.get("date"))
    if problem := impossible_date(date):  # a quoted one; PyYAML's own dates are checked by load_yaml
        line = next((i + 1 for i in range(1, close) if lines[i].startswith("date:")), 2)
        raise _error(path, line, f"{problem}; {DATE_ADVICE}", f"de datum {date} bestaat niet; {DUTCH_DATE_ADVICE}")
    try:
        iso_date(date)
    except ValueError as e:
        # "volgende week", Word's quotes around it: stored as the date as written, sorted as text, where the
        # programme refuses them (an attack, session 56)
        line = next((i + 1 for i in range(1, close) if lines[i].startswith("date:")), 2)
        raise _error(path, line, str(e), f"de datum {date!r} is geen datum; {DUTCH_DATE_ADVICE}") from None
    sha256 = _str(meta.get("recording_sha256"))
    if sha256 and not sha256.startswith(_str(meta["id"])):
        # The id is the recording's: changed, the transcript would be a conversation of its own beside the
        # recording's (a second transcript at its next ingest, with the programme's consent, not the editor's)
        raise _error(
            path,
            at("id"),
            f"the id {_str(meta['id'])!r} is not the start of recording_sha256 ({sha256[:12]}…): an id names its "
            f'recording and never changes; put back the id it was written with (id: "{sha256[:12]}"), or the '
            "recording_sha256 if that was changed",
            f"het id {_str(meta['id'])!r} is niet het begin van recording_sha256 ({sha256[:12]}…): een id hoort bij "
            f'zijn opname en verandert nooit; zet het id terug waarmee het geschreven is (id: "{sha256[:12]}"), of '
            "recording_sha256 als die veranderd is",
        )
    conversation = Conversation(
        id=_str(meta["id"]),
        title=_str(meta.get("title")) or path.stem,
        earlier_titles=_earlier_titles(path, meta.get("earlier_titles"), at("earlier_titles")),
        recording=_str(meta.get("recording")),
        recording_sha256=_str(meta.get("recording_sha256")),
        duration=duration,
        language=_str(meta.get("language")) or "nl",
        date=date,
        conference=_str(meta.get("conference")),
        participants=participants,
        transcription=meta.get("transcription") if isinstance(meta.get("transcription"), dict) else {},
        speakers=speakers,
        analysis=_analysis_corrections(path, meta.get("analysis"), at("analysis")),
        status=_status(path, meta.get("status"), ("the conversation", "het gesprek"), at("status", meta.get("status"))),
        forgotten=meta.get("forgotten") is True,
    )

    heard: list[Word] = []  # every word Whisper heard, wherever an editor moved its comment
    heard_in: list[int] = []  # the turn (index) whose section holds each heard word; -1 before the first
    comment_count: dict[int, int] = {}  # the word comments in each turn's section
    turns: list[tuple[int, str, float | None, float | None, list[str]]] = []
    i = close + 1
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("<!--"):
            start_line = i + 1
            chunk = [stripped]
            while "-->" not in chunk[-1] and i + 1 < len(lines):
                i += 1
                if lines[i].startswith("## ") and HEADING.match(lines[i]):
                    # the comment's "-->" deleted: the turns after it would be read as the comment, and lost
                    raise _error(
                        path,
                        start_line,
                        f"this '<!--' comment is not closed before the turn heading on line {i + 1}; end it with '-->'",
                        f"dit commentaar '<!--' is niet gesloten voor de kop van de beurt op regel {i + 1}; sluit het "
                        "met '-->'",
                    )
                chunk.append(lines[i].strip())
            comment = " ".join(chunk)
            if "-->" not in comment:
                raise _error(
                    path,
                    start_line,
                    "a '<!--' comment is never closed with '-->'; close it",
                    "een commentaar '<!--' wordt nergens gesloten met '-->'; sluit het",
                )
            inner = comment[4 : comment.index("-->")].strip()
            if inner.startswith("woorden:"):
                words = parse_words(path, start_line, inner[len("woorden:") :])
                heard.extend(words)
                heard_in.extend([len(turns) - 1] * len(words))
                comment_count[len(turns) - 1] = comment_count.get(len(turns) - 1, 0) + 1
        elif line.startswith("## "):
            match = HEADING.match(line)
            speaker = match[3] if match else ""
            if not speaker:
                raise _error(
                    path,
                    i + 1,
                    "a turn heading needs a speaker: '## [00:01.00 – 00:05.00] Name'",
                    "de kop van een beurt heeft een spreker nodig: '## [00:01.00 – 00:05.00] Naam'",
                )
            if speaker.startswith("[") and not match[1] and speaker != REMOVED_SPEAKER:
                # times not closed ("## [00:41.10 – 00:46.70 Joost de Boer"): read as a name, no consent's
                # check could tell whose turn it is, and a withdrawn person's words would go public
                raise _error(
                    path,
                    i + 1,
                    "the heading's times are not closed with ']' before the name (a name never starts with "
                    "'['); write it as '## [00:01.00 – 00:05.00] Name'",
                    "de tijden in de kop van de beurt zijn voor de naam niet gesloten met ']' (een naam begint nooit "
                    "met '['); schrijf de kop als '## [00:01.00 – 00:05.00] Naam'",
                )
            start = parse_time(match[1]) if match[1] else None
            end = parse_time(match[2]) if match[2] else None
            turns.append((i + 1, speaker, start, end, []))
        elif NEAR_HEADING.match(line):
            raise _error(
                path,
                i + 1,
                "this line looks like a turn heading but is not one; write it as '## [00:01.00 – 00:05.00] Name' "
                "('## ' and a space at the start), delete it to join its words to the turn before, or put a '\\' "
                "before it if it is said text",
                "deze regel lijkt de kop van een beurt maar is het niet; schrijf hem als '## [00:01.00 – 00:05.00] "
                "Naam' ('## ' en een spatie vooraan), verwijder hem om zijn woorden bij de beurt ervoor te voegen, of "
                "zet er een '\\' voor als het gezegde tekst is",
            )
        elif BARE_WORDS_COMMENT.match(line):
            raise _error(
                path,
                i + 1,
                "word timings without their '<!--' before 'woorden:'; restore the '<!-- ', delete the whole comment, "
                "or put a '\\' before the line if it is said text",
                "woordtijden zonder hun '<!--' voor 'woorden:'; zet de '<!-- ' terug, verwijder het hele commentaar, "
                "of zet er een '\\' voor als het gezegde tekst is",
            )
        elif stripped:
            if not turns:
                raise _error(
                    path,
                    i + 1,
                    "text before the first turn; start a turn with '## [start – end] Speaker'",
                    "tekst voor de eerste beurt; begin een beurt met '## [begin – eind] Spreker'",
                )
            turns[-1][4].append(stripped[1:] if stripped.startswith("\\") else stripped)
        i += 1

    texts = [" ".join(paragraph) for *_, paragraph in turns]
    for (line_number, *_), text in zip(turns, texts, strict=True):
        if len(text) > MOST_TURN_CHARACTERS:
            raise _error(
                path,
                line_number,
                f"this turn has {len(text):,} characters, more than gesprekken reads in one turn "
                f"({MOST_TURN_CHARACTERS:,}); split it with turn headings, or restore the file",
                f"deze beurt heeft {len(text):,} tekens, meer dan gesprekken in één beurt leest "
                f"({MOST_TURN_CHARACTERS:,}); deel hem op met koppen van beurten, of zet het bestand terug",
            )
    aligned = _align(texts, heard, heard_in)
    previous_end = 0.0
    for n, ((_, speaker, start, end, _), text, words) in enumerate(zip(turns, texts, aligned, strict=True)):
        if start is None:
            start = words[0].start if words else previous_end
        if end is None:
            end = words[-1].end if words else start
        if comment_count.get(n, 0) > 1 and words:
            # two turns merged by deleting a heading: the turn runs on to the last of its words
            start, end = min(start, words[0].start), max(end, words[-1].end)
        elif not comment_count.get(n) and words and all(w.end <= start or w.start >= end for w in words):
            # its word comment deleted whole (README: its turn then has no word times), not the end of the turn
            # before for every word, where a quote of it played nothing; a split or a moved comment's words lie
            # within the turn's own times
            words = []
        following = turns[n + 1] if n + 1 < len(turns) else None
        if following and following[2] is None and words and aligned[n + 1] and end > aligned[n + 1][0].start:
            # A turn an editor split by typing a heading without times: this part ends with its own last
            # word, not at the end the whole turn had, which would overlap the part after it.
            end = max(start, min(end, words[-1].end))
        conversation.turns.append(Turn(speaker, start, end, text, words))
        previous_end = end
    return conversation


@dataclass
class Section:
    """The lines of one turn in the file: its heading, text lines and comments (line indexes)."""

    heading: int
    text: list[int]
    comments: list[tuple[int, int]]  # first and last line of each comment
    end: int  # the line after the section


def sections(lines: list[str]) -> tuple[int, list[Section]]:
    """The closing line of the front matter and every turn's section, read as :func:`loads` reads them (every
    comment's lines, a heading only after the front matter)."""
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    found: list[Section] = []
    i = close + 1
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith("<!--"):
            first = i
            while "-->" not in lines[i] and i + 1 < len(lines):
                i += 1
            if found:
                found[-1].comments.append((first, i))
        elif lines[i].startswith("## "):
            found.append(Section(i, [], [], len(lines)))
            if len(found) > 1:
                found[-2].end = i
        elif stripped and found:
            found[-1].text.append(i)
        i += 1
    return close, found


def read_source(path: Path) -> str:
    """The text of the transcript file at ``path``, for a command that rewrites it.

    Raises:
        TranscriptError: the file does not exist or is not UTF-8 text.
    """
    return read_text(path, TranscriptError, "transcript", "save it as UTF-8 in your editor")


def read(path: Path) -> Conversation:
    """Read and parse the transcript file at ``path``."""
    return loads(read_source(path), path)


# --- aligning edited text to the words Whisper heard -------------------------------------


def _norm(token: str) -> str:
    return re.sub(r"[^\w]", "", token.casefold())


def _align(texts: list[str], heard: list[Word], heard_in: list[int]) -> list[list[Word]]:
    """Align each turn to its own heard words while every turn with text still has its
    comment (an edited word cannot borrow the time of a like word in another turn); align
    the whole text at once after an editor split turns or moved comments."""
    owners = set(heard_in)
    if -1 in owners or any(text.split() and t not in owners for t, text in enumerate(texts)):
        return align_words(texts, heard)  # in file order, as the comments stand
    by_turn: dict[int, list[Word]] = {}
    for word, owner in zip(heard, heard_in, strict=True):
        by_turn.setdefault(owner, []).append(word)
    return [align_words([text], by_turn.get(t, []))[0] for t, text in enumerate(texts)]


def _spread(written: list[str], said: list[str], heard: list[Word]) -> list[tuple[float, float]]:
    """The times of ``written``, an editor's words (normalised, :func:`_norm`) for the run of ``heard`` words
    they replace (``said``: those words normalised), by the letters they share (:func:`_by_letters`); where they share
    none, word for word where they are as many ("ja" for "nou"), else by their letters laid over the heard words'
    letters, each heard word's letters over its own time."""
    sizes = [max(1, len(word)) for word in said]
    lengths = [max(1, len(token)) for token in written]

    def time_at(position: float, end: bool) -> float:
        """The time of a letter position over the heard words (a boundary: the word before's end for an end,
        the next word's start for a start)."""
        for word, size in zip(heard, sizes, strict=True):
            if position < size or (end and position <= size):
                return word.start + (word.end - word.start) * min(position, size) / size
            position -= size
        return heard[-1].end

    shared = _by_letters(written, said, time_at)
    if shared is not None:
        return shared
    if len(written) == len(heard):
        return [(w.start, w.end) for w in heard]
    scale = sum(sizes) / sum(lengths)
    spans, at = [], 0.0
    for length in lengths:
        spans.append((time_at(at * scale, False), time_at((at + length) * scale, True)))
        at += length
    return spans


#: The most letters by letters :func:`_by_letters` compares (written times heard); more are spread as before.
LETTERS_COMPARED = 400_000


def _by_letters(written: list[str], said: list[str], time_at) -> list[tuple[float, float]] | None:
    """The times of an editor's words for a run of heard words by the letters they share with them: a word takes the
    time of the heard letters it matches, the first from the run's start and the last to its end; words that share no
    letter take the heard letters between their neighbours' (none: the moment between them). So "onder druk. Echt."
    for "om de ruk." gives "Echt." the moment after "ruk", not the time of "ruk" while "druk." took that of "de" (word
    for word, as three for three were: an editor's run, session 58, whose quote then stopped before its last word),
    and "Stuur me maar" for "Sturmen," puts "me" inside it. None where they share no letter."""
    # one placeholder letter for a word of punctuation alone, which matches nothing, as the sizes count it
    text = "".join(token or "\x00" for token in written)
    heard = "".join(word or "\x01" for word in said)
    if len(text) * len(heard) > LETTERS_COMPARED:
        return None  # (a Whisper loop of thousands of words corrected: difflib's time grows with the product)
    matched: dict[int, int] = {}
    for block in difflib.SequenceMatcher(a=text, b=heard, autojunk=False).get_matching_blocks():
        # (one letter in common is chance: the "n" of "honderdvijftig" and of "man", a reviewer's read)
        if block.size >= 2:
            matched.update((block.a + k, block.b + k) for k in range(block.size))
    if not matched:
        return None
    ranges, at = [], 0
    for token in written:
        size = max(1, len(token))
        own = [matched[k] for k in range(at, at + size) if k in matched]
        ranges.append((own[0], own[-1] + 1) if own else None)
        at += size
    anchors = [k for k, found in enumerate(ranges) if found]
    spans: list[tuple[float, float]] = [(0.0, 0.0)] * len(written)
    for k in anchors:
        first, last = ranges[k]
        spans[k] = (time_at(first, False), time_at(last, True))
    first, last = anchors[0], anchors[-1]
    if first == 0:
        spans[0] = (time_at(0, False), spans[0][1])
    if last == len(written) - 1:
        spans[last] = (spans[last][0], time_at(len(heard), True))
    # the words between two anchors (or before the first, after the last) share the heard letters between them
    bounds = [-1, *anchors, len(written)]
    for before, after in zip(bounds, bounds[1:], strict=False):
        group = list(range(before + 1, after))
        if not group:
            continue
        start = ranges[before][1] if before >= 0 else 0
        end = max(start, ranges[after][0]) if after < len(written) else len(heard)
        letters = [max(1, len(written[k])) for k in group]
        at = 0
        for k, size in zip(group, letters, strict=True):
            spans[k] = (
                time_at(start + (end - start) * at / sum(letters), True),
                time_at(start + (end - start) * (at + size) / sum(letters), True),
            )
            at += size
    return spans


def _as_spaced(written: list[str], heard: list[Word]) -> bool:
    """Whether ``written`` (normalised, :func:`_norm`) are the ``heard`` words as Whisper's text spaces them: a heard
    word that opens with punctuation (".000", "'s", "-economisch") belongs to the word before it, as faster-whisper
    splits its tokens, and any other begins a word. Words an editor joined ("in schakelen." to "inschakelen.") or
    split are the editor's, though their letters are the same."""
    spaced: list[str] = []
    for word in heard:
        if spaced and word.text[:1] in string.punctuation:
            spaced[-1] += _norm(word.text)
        else:
            spaced.append(_norm(word.text))
    return spaced == written


def align_words(texts: list[str], heard: list[Word]) -> list[list[Word]]:
    """Give every token of every turn text a time, taken from the words Whisper heard.

    The edited texts are aligned to the heard words as one sequence, so a turn an editor
    split or merged still finds its times. Unchanged words keep their own time and
    probability; a replaced run of words shares the time of the words it replaced (:func:`_spread`); an
    inserted word sits at the end of the word before it. An editor's words have no
    probability: Whisper did not hear them so.
    """
    tokens = [(t, token) for t, text in enumerate(texts) for token in text.split()]
    result: list[list[Word]] = [[] for _ in texts]
    if not tokens:
        return result
    if not heard:
        return result
    written, said = [_norm(token) for _, token in tokens], [_norm(w.text) for w in heard]
    matcher = difflib.SequenceMatcher(a=written, b=said, autojunk=False)
    # The words as heard, unedited, are one run of equal words: difflib needs the square of their number
    # for a Whisper loop of thousands of the same word ("ja, ja, ja, ...") to find what it knows here.
    opcodes = [("equal", 0, len(written), 0, len(said))] if written == said else matcher.get_opcodes()
    timed: list[tuple[float, float]] = [(0.0, 0.0)] * len(tokens)
    sure: list[float | None] = [None] * len(tokens)  # how sure Whisper was: of the words it heard as written
    for op, a0, a1, b0, b1 in opcodes:
        if op == "equal":
            for k in range(a1 - a0):
                timed[a0 + k] = (heard[b0 + k].start, heard[b0 + k].end)
                sure[a0 + k] = heard[b0 + k].probability
        elif op == "replace":
            # The words as Whisper spaced them ("19.000" heard as "19" ".000"): as sure as the least sure.
            known = [w.probability for w in heard[b0:b1] if w.probability is not None]
            same = len(known) == b1 - b0 and _as_spaced(written[a0:a1], heard[b0:b1])
            for k, span in enumerate(_spread(written[a0:a1], said[b0:b1], heard[b0:b1])):
                timed[a0 + k] = span
                sure[a0 + k] = min(known) if same else None
        elif op == "insert":
            continue
        else:  # "delete": tokens the editor added, with no heard word behind them
            anchor = heard[b0 - 1].end if b0 > 0 else heard[0].start
            for k in range(a0, a1):
                timed[k] = (anchor, anchor)
    for (t, token), (start, end), probability in zip(tokens, timed, sure, strict=True):
        result[t].append(Word(round(start, 3), round(end, 3), token, probability))
    return result
