"""Exports for editors: article drafts in the magazine's house style, subtitles, and data.

Everything here reads transcripts (with the editors' corrections) and their analysis;
nothing runs Whisper. An article is built once as plain blocks and then rendered to
Markdown, HTML or DOCX, so the three formats cannot drift apart.
"""

import csv
import datetime
import html
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .analyse import Analysis, read_thesaurus
from .errors import GesprekkenError
from .names import PARTICLES, later_names, printed_name, surname
from .paths import atomic_write
from .transcript import (
    REMOVED_SPEAKER,
    Conversation,
    Turn,
    Word,
    format_time,
    is_voice_label,
    labels_and_names,
    own_spellings,
)

#: A filler word, and the mark after it: a full stop, a question or an exclamation mark ends the sentence (kept).
FILLERS = re.compile(r"(?<![\w-])(?:e+h+m*|u+h+m*|hm+|ehm+),*([.!?]?)[,.]*(?=\s|$)", re.IGNORECASE)
#: "we- we gaan": a word broken off with a dash (the word after it is caught: see _false_start); not a number
#: before a range ("de jaren 80- 90").
FALSE_START = re.compile(r"(?<!\S)(\w+)-\s+(?=([^\W\d_]\w*))")
#: The words that join the first part of a compound written short to the next ("woon- en zorgbuurt", "huur- of
#: koopwoning", "zowel huur- als koopwoningen", "eerder huur- dan koopwoningen"): Dutch as it should be written.
JOINING = frozenset({"en", "of", "tot", "noch", "als", "dan", "maar", "én", "óf"})
#: Words that are no first part of a compound: broken off before a joining word, they are a false start ("Ik- als ik
#: kijk", "We- maar goed", "Het- dan zie je": a reviewer's read, session 56).
NO_COMPOUND = frozenset(
    {"ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "het", "de", "dat", "die", "dit", "er", "en", "of"}
    | {"maar", "dan", "als", "dus", "zo", "nou", "ja", "nee", "want", "wat"}
)  # (not "voor", "in", "op", "met", "een": "voor- en nadelen", "in- en uitstroom", "een- en tweepersoons")


def _false_start(match: re.Match) -> str:
    """A word broken off (:data:`FALSE_START`) left out, but the first part of a compound before a joining word."""
    broken, after = match[1].casefold(), match[2].casefold()
    if after in JOINING and broken != after and broken not in NO_COMPOUND:
        return match[0]
    return ""


#: "de de wijk"; not "dat dat" and "die die", which Dutch says ("Ik denk dat dat komt door ..."), nor a name's
#: particle after the same word ("het verhaal van Van der Heijden").
REPEAT = re.compile(r"\b(?!(?:dat|die)\b)(\w+)(\s+\1\b)+", re.IGNORECASE)
#: Where a dropped filler opened a sentence, for its next word's capital (clean_for_print).
_OPENED = "\x00"
MAX_LINE = 42
MAX_LINES = 2


class ExportError(GesprekkenError):
    """An export cannot be written."""


class NothingToSubtitle(ExportError):
    """Consent leaves no turn of the conversation to subtitle: no file is written."""


# --- names and text -----------------------------------------------------------------------


def typographic(text: str) -> str:
    """Curly quotation marks and apostrophes: "ja" -> “ja”, zo'n -> zo’n, 's avonds -> ’s avonds, '80 -> ’80; a dash
    between spaces as a dash ("de jaren '80 - toen" -> "de jaren ’80 – toen"), three dots as an ellipsis ("…")."""
    # (a typewriter's hyphen between spaces is a dash, as Whisper and an editor type one: "huur- en koopwoningen"
    # and "-10 procent" keep theirs; an editor's read of the exports, session 60)
    text = re.sub(r"(?<=\s)--?(?=\s)", "–", text)
    text = re.sub(r"(?<!\.)\.\.\.(?!\.)", "…", text)
    text = re.sub(r'"([^"]*)"', "“\\1”", text)
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r"(?<!\w)'(?=(?:s|t|n)\b)", "’", text)
    text = re.sub(r"(?<!\w)'([^']+)'(?!\w)", "‘\\1’", text)
    # a year written short, once a quotation that opens with a number has its marks: "de jaren ’80", "in ’23"
    return re.sub(r"(?<!\w)'(?=\d\d(?!\d))", "’", text)


def name_as_printed(name: str) -> str:
    """A name as the article prints it in a label, a participant's line or a byline: as Dutch writes it
    (:func:`printed_name`: "van der Laan" -> "Van der Laan"), its apostrophes curly ("’t Hart")."""
    return typographic(printed_name(name))


def clean_for_print(text: str) -> str:
    """Leave out filler words, false starts and stutters: for the draft only, never the transcript."""
    text = FALSE_START.sub(_false_start, text.replace(_OPENED, ""))
    # (its mark kept where it ends a sentence the filler ended: "inschakelen, ehm.", not "Goed. Ehm... Nou.")
    text = FILLERS.sub(
        lambda m: _OPENED if re.search(r"(?:^|[.!?][\"”’']?)\s*$", m.string[: m.start()]) else m[1], text
    )
    text = REPEAT.sub(lambda m: m[0] if _a_name_after(m) else m[1], text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    # "eerder inschakelen, ehm." ends with its full stop, not a comma (an editor's run, session 53)
    text = re.sub(r"[,;:]+([.!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = re.sub(r"^[,.;:]\s*", "", text)
    # A sentence that began with a dropped filler still begins with a capital; no other word is given one (after
    # "o.a.", "bijv.", "prof. dr.": an editor's read of the exports, session 56: "o.a. Met", "prof. Dr. Jansen").
    text = re.sub(rf"{_OPENED}[\s,.;:]*(\w)", lambda m: m[1].upper(), text)
    text = text.replace(_OPENED, "")
    # a quotation that opened with a dropped filler: "Hij zei: “nee”", not "“ nee”"
    text = re.sub(r"(?:(?<=^)|(?<=\s))([\"“‘(])\s+", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


def _a_name_after(repeat: re.Match) -> bool:
    """Whether a word said twice is a name's particle after the same word: "van Van der Heijden"."""
    word, again = repeat[1], repeat[2].strip()
    return word.casefold() in PARTICLES and word[:1].islower() and again[:1].isupper()


# --- consent ------------------------------------------------------------------------------


def publishable(conversation: Conversation, include_unpublished: bool = False) -> Conversation | None:
    """The part of ``conversation`` an export may show, or None when none of it may.

    Published conversations and participants only; with ``include_unpublished`` also
    internal ones. Withdrawn consent is never overridden: those turns are left out, and so are
    the unnamed voices' wherever someone is left out, for any of them may be theirs, and forget's
    marker's everywhere (see Conversation.published_for), and the voices automatic naming alone named
    where it may have named them the wrong way round (Conversation.held_for_naming). A name that
    speaks but is no participant's counts as internal (see Conversation.unlisted). Names compare case
    aside, as the public copy's (:func:`gesprekken.publish.withheld_turns`), but for the held voices'
    names, which compare as written, as there and in Conversation.published_for.
    """
    allowed = {"published", "internal"} if include_unpublished else {"published"}
    if conversation.status not in allowed:
        return None
    # Names compare case aside: "KEES MOL" is Kees Mol's heading, as the public copy reads it.
    hidden = {p.name.casefold() for p in conversation.participants if p.status not in allowed}
    if "internal" not in allowed:  # a name no participant has gave no consent: internal (see Conversation.unlisted)
        hidden |= {s.casefold() for s in conversation.unlisted()}
    # Forget's marker says that someone asked to be removed, and when they spoke: always left out, as
    # the public copy does (Conversation.published_for).
    # Voices that automatic naming alone named, where it may have named a pair the wrong way round
    # (Conversation.held_for_naming): their turns, not their participant entries. Compared as written, as
    # held_for_naming and the public copy do: a heading an editor typed in other case ("joost de boer")
    # is an editor's naming, not the automatic one.
    held = set(conversation.held_for_naming(allowed))
    removed = any(t.speaker == REMOVED_SPEAKER for t in conversation.turns)
    if not hidden and not held and not removed:
        return conversation
    if hidden:
        hidden |= {s.casefold() for s in conversation.lookalikes(allowed)}  # a misspelt name of someone left out
        hidden |= {s.casefold() for s in conversation.unnamed_voices()}  # perhaps theirs, or a part of their voice
    elif removed:  # a part of the voice forget removed may be under a voice's label (Conversation.published_for)
        hidden |= {s.casefold() for s in conversation.unnamed_voices() if is_voice_label(s)}
    hidden.add(REMOVED_SPEAKER.casefold())
    # A voice whose own words introduce it as someone left out: its turns, not its participant entry.
    kept_out = hidden | {s.casefold() for s in conversation.introduced_as(allowed)}
    turns, left_out, omitted_before, omitting = [], [], set(), False
    for turn in conversation.turns:
        if turn.speaker.casefold() in kept_out or turn.speaker in held:
            left_out.append(turn)
            omitting = True
            continue
        if omitting and turns:
            omitted_before.add(len(turns))
        turns.append(turn)
        omitting = False
    # A pinned headline no kept turn says by its words whole, or a turn left out says first, is someone's left out
    # (the article takes its best quote): headline_stands.
    choices = conversation.analysis
    left = {id(t) for t in left_out}
    if (pinned := choices.get("headline")) and not headline_stands(
        [(t.text, id(t) not in left) for t in conversation.turns], pinned
    ):
        choices = {key: value for key, value in choices.items() if key != "headline"}
    return replace(
        conversation,
        analysis=choices,
        participants=[p for p in conversation.participants if p.name.casefold() not in hidden],
        turns=turns,
        speakers=[s for s in conversation.speakers if not {(s.name or "").casefold(), s.label.casefold()} & kept_out],
        omitted_before=frozenset(omitted_before),
    )


def left_out_people(whole: Conversation, part: Conversation) -> list[tuple[str, str]]:
    """The ``(name, organisation)`` of everyone :func:`publishable` left out of ``whole`` to give
    ``part``: once for each spelling of their name (Participant.names), and a name that speaks but is
    no participant's whose turns went (Conversation.unlisted), as the public copy lists them (a
    participant without a status). The people an export of ``part`` does not name, by the public
    copy's rule (:func:`without_names`, :func:`public_analysis`)."""
    kept = {p.name for p in part.participants}
    # Not under an earlier spelling that is the name of someone kept (own_spellings): that stays whole.
    left = [
        (name, p.organisation)
        for p in whole.participants
        if p.name not in kept
        for name in own_spellings(p.name, p.earlier_spellings, kept)
    ]
    speaking = {t.speaker.casefold() for t in part.turns}
    return left + [(name, "") for name in whole.unlisted() if name.casefold() not in speaking]


@dataclass(frozen=True)
class NotYetPublic:
    """What a concept (an export's part of a conversation that may hold what is not yet public) holds that the
    public may not see (:func:`not_yet_public`)."""

    #: Whose words: the speakers of its turns the public's part has not, and the participants not public that its
    #: turns name where the public's leave the name out; ``[""]`` where the conversation itself is not published.
    said: list[str] = field(default_factory=list)
    #: The participants it lists and the public's part does not.
    listed: list[str] = field(default_factory=list)
    #: Its turns (indices in its ``turns``) the public's part has not, or has otherwise (a name left out).
    turns: frozenset[int] = frozenset()
    #: The participants (their names, case aside) whose line it shows otherwise than the public's: not public, or a
    #: role or organisation that names someone who is not ("collega van Kees Mol").
    lines: frozenset[str] = frozenset()
    #: Whether its title names someone the public's leaves out ("In gesprek met Kees Mol"), and its conference's
    #: name ("Afscheidssymposium Kees Mol") and the intro an editor wrote.
    title: bool = False
    conference: bool = False
    intro: bool = False
    #: The public's part's participants left out and kept, as (name, organisation): who should act on an action point
    #: is empty in the public's where it names one left out (:func:`gesprekken.publish.public_action_owner`).
    left_out: tuple[tuple[str, str], ...] = ()
    staying: tuple[tuple[str, str], ...] = ()

    def owner_hidden(self, who: str) -> bool:
        """Whether the public's export leaves ``who`` (an action point's) out."""
        from .publish import public_action_owner

        return bool(who and self.left_out) and public_action_owner(who, self.left_out, self.staying) != who

    def names(self, listed: bool = True) -> list[str]:
        """For the concept's note: each once, case aside ("JOOST DE BOER" heading the participant Joost de Boer);
        the participants listed only where the file lists participants (an article, not subtitles)."""
        if self.said == [""]:
            return [""]
        first: dict[str, str] = {}
        for name in [*self.said, *(self.listed if listed else [])]:
            first.setdefault(name.casefold(), name)
        return list(first.values())


def not_yet_public(whole: Conversation, part: Conversation) -> NotYetPublic:
    """What ``part``, an export's part of ``whole`` with what is not yet public (``include_unpublished``), holds that
    the public may not see, compared with the public's part as an export shows it (:func:`without_names`): nothing
    where the part is all public (a concept of a published conversation is then none)."""
    public = publishable(whole)
    if public is None:
        everyone = [p.name for p in part.participants]
        every_turn = frozenset(range(len(part.turns)))
        return NotYetPublic([""], everyone, every_turn, frozenset(n.casefold() for n in everyone), True, True, True)
    listed = [p.name for p in part.participants if p.name not in {q.name for q in public.participants}]
    # each turn as the public's export and the concept's show it (publishable keeps the turns themselves, not copies;
    # without_names keeps their order)
    public_shown, concept_shown = without_names(whole, public)[0], without_names(whole, part)[0]
    public_text = {id(t): shown.text for t, shown in zip(public.turns, public_shown.turns, strict=True)}
    concept_text = [shown.text for shown in concept_shown.turns]
    public_lines = {p.name: (p.role, p.organisation) for p in public_shown.participants}
    lines = frozenset(
        p.name.casefold() for p in concept_shown.participants if public_lines.get(p.name) != (p.role, p.organisation)
    )
    said, turns = [], set()
    for n, turn in enumerate(part.turns):
        if id(turn) not in public_text:
            said.append(turn.speaker)
            turns.add(n)
        elif public_text[id(turn)] != concept_text[n]:  # a name the public's leaves out (a reviewer's read)
            turns.add(n)
            text = concept_text[n].casefold()
            named = [name for name in listed if name.casefold() in text or surname(name).casefold() in text]
            said += named or listed
    return NotYetPublic(
        said,
        listed,
        frozenset(turns),
        lines,
        public_shown.title != concept_shown.title,
        public_shown.conference != concept_shown.conference,
        public_shown.analysis.get("intro") != concept_shown.analysis.get("intro"),
        tuple(left_out_people(whole, public)),
        tuple((p.name, p.organisation) for p in public.participants),
    )


#: A concept's first line (:func:`concept_note`): what it is, and what not to do with it.
CONCEPT = "CONCEPT voor de redactie, niet publiceren of doorsturen"
#: In a concept, after each name whose words or line the public may not see (an editor's run, session 54: a
#: paragraph copied out of a concept read as the public article's).
NOT_PUBLIC = "niet openbaar"


def concept_note(parts: list[tuple[Conversation, list[str]]]) -> str | None:
    """The sentence a concept opens with (an article's first block, a WebVTT note): that it is one, and what in it is
    not yet public (:func:`not_yet_public`'s names per conversation); None where it all is (no concept then).
    Titles are said where there is more than one conversation."""
    said = []
    for conversation, names in parts:
        if names == [""]:
            said.append(f"het gesprek ‘{conversation.title}’" if len(parts) > 1 else "dit gesprek")
        elif names:
            said.append(_and(names) + (f" in ‘{conversation.title}’" if len(parts) > 1 else ""))
    if not said:
        return None
    return f"{CONCEPT}. Hierin staat wat (nog) niet openbaar is: {'; '.join(said)}."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def without_names(
    whole: Conversation, part: Conversation, analysis: Analysis | None = None
) -> tuple[Conversation, Analysis | None]:
    """``part`` (what :func:`publishable` keeps of ``whole``) and its ``analysis`` with the names of the
    participants left out written "[naam verwijderd]" where others say them, and in the title: the
    public copy's rule (:func:`gesprekken.publish.withheld_people`), so an export never names someone
    the public site does not; so is the intro an editor wrote. The words and entities that name them
    are left out."""
    from .consent import entity_is_theirs, naming_words, scrub_names, scrub_roles, scrub_who

    variants, keep, about, who = _left_out_rule(whole, part)
    if not variants:
        return part, analysis

    def scrubbed(turn: Turn) -> Turn:
        said = naming_words(turn.text, [w.text for w in turn.words], variants, keep, about)
        text = scrub_names(turn.text, variants, keep, about)
        if text == turn.text and not said:
            return turn
        words = [] if said is None else _named_words_removed(turn.words, said, variants, keep, about)
        return replace(turn, text=text, words=words)

    # The intro an editor wrote in the transcript (the article's, see article_blocks) may name them too.
    choices = dict(part.analysis)
    if isinstance(choices.get("intro"), str):
        choices["intro"] = _without_them(choices["intro"], variants, keep, about, who)
    part = replace(
        part,
        title=_without_them(part.title, variants, keep, about, who),
        conference=scrub_names(part.conference, variants, keep, about),  # "Afscheidssymposium Joost de Boer"
        # A role an editor typed may name them ("collega van Jan Bakker"), as the public copy's does.
        participants=[replace(p, role=scrub_who(p.role, who)) for p in scrub_roles(part.participants, variants, keep)],
        turns=[scrubbed(t) for t in part.turns],
        analysis=choices,
    )
    if analysis is not None:
        said = " ".join(t.text for t in part.turns)

        def scrubbed_point(point):
            return replace(point, text=scrub_names(point.text, variants, keep, about))

        analysis = replace(
            analysis,
            quotes=[scrubbed_point(q) for q in analysis.quotes],
            headline=scrubbed_point(analysis.headline) if analysis.headline else None,
            headline_candidates=[scrubbed_point(q) for q in analysis.headline_candidates],
            action_points=[scrubbed_point(a) for a in analysis.action_points],
            entities=[e for e in analysis.entities if not entity_is_theirs(e.text, variants, keep, about, said)],
        )
    return part, analysis


def _named_words_removed(
    words: list[Word], said: list[int], variants: list[str], keep: list[str], about: list[str]
) -> list[Word]:
    """``words`` with each run of those that say one name (``said``: their indexes, :func:`consent.naming_words`) one
    word, its name "[naam verwijderd]", in their time and with the marks around it, as the article's text has it:
    subtitles read "Dat klopt, [naam verwijderd]. Laten we", not "Dat klopt, Laten we" (an editor's read of the
    exports, session 60). A run is one name's (:func:`consent.name_spans`), not every name side by side: "Lotte, Kees"
    is two, and "Kees Mol (wethouder)," one with its comma (a reviewer's read: "[naam verwijderd] en Marloes" under
    the article's two, and "[naam verwijderd]),")."""
    from .consent import REMOVED_NAME, joined_words, name_spans

    joined, bounds = joined_words([word.text for word in words])  # as naming_words reads them
    spans = name_spans(joined, variants, keep, about)

    def spans_of(n: int) -> set[tuple[int, int]]:
        return {(a, b) for a, b in spans if a < bounds[n][1] and bounds[n][0] < b}

    kept: list[Word] = []
    n = 0
    while n < len(words):
        if n not in said:
            kept.append(words[n])
            n += 1
            continue
        last = n
        while last + 1 in said and spans_of(last) & spans_of(last + 1):
            last += 1
        first_at, end = bounds[n][0], bounds[last][1]
        text, at = "", first_at
        for a, b in sorted(set().union(*(spans_of(k) for k in range(n, last + 1)))):
            text += joined[at : max(a, at)] + REMOVED_NAME
            at = max(at, min(b, end))
        # (a word naming_words counts that no span here covers is the mark alone, never as it was said)
        text = text + joined[at:end] if text else REMOVED_NAME
        kept.append(Word(words[n].start, words[last].end, text))
        n = last + 1
    return kept


def without_their_names(text: str, pairs: list[tuple[Conversation, Conversation]]) -> str:
    """An editor's own title or intro given for an export (``--title``, ``--intro``) without the names of those the
    export leaves out of each of ``pairs`` (whole, part), nor their organisation and role (:func:`without_names`'
    rule for the intro a transcript holds): a command run again after a withdrawal put the name back unsaid (an
    editor's read of the exports, session 56)."""
    for whole, part in pairs:
        if text:
            text = _without_them(text, *_left_out_rule(whole, part))
    return text


def conference_without_their_names(conference: str, pairs: list[tuple[Conversation, Conversation]]) -> str:
    """A conference's name, the title of an article of several conversations (:func:`article_blocks`), without the
    names of those the export leaves out of any of ``pairs`` (whole, part), as :func:`without_names` writes it for
    each: "Afscheidssymposium Kees Mol" of a table Kees Mol withdrew from stood as the title where the first table,
    his name not said there, showed it whole (a reviewer's read, session 61)."""
    from .consent import scrub_names

    for whole, part in pairs:
        variants, keep, about, _ = _left_out_rule(whole, part)
        if conference and variants:
            conference = scrub_names(conference, variants, keep, about)
    return conference


def _left_out_rule(whole: Conversation, part: Conversation) -> tuple[list[str], list[str], list[str], list]:
    """The rule an export of ``part`` (what :func:`publishable` keeps of ``whole``) takes those it leaves out by, as
    the public copy does (:func:`gesprekken.publish.withheld_people`): the ways they are named and what stays whole
    (the published people's names and organisations: "Jan de Vries", "Bakker Bouw"); who they are, where an aside
    right after their name says it ("Kees Mol (wethouder, gemeente Deventer)"); and their organisation and role said
    without their name (:func:`gesprekken.consent.who_they_are`)."""
    from .consent import left_out_names, who_they_are

    published = [(p.name, p.organisation) for p in part.participants]
    variants, keep = left_out_names([name for name, _ in left_out_people(whole, part)], published)
    kept = {p.name for p in part.participants}
    gone = [p for p in whole.participants if p.name not in kept]
    about = [value for p in gone for value in (p.role, p.organisation)]
    who = who_they_are([(p.role, p.organisation) for p in gone], [(p.role, p.organisation) for p in part.participants])
    return variants, keep, about, who


def _without_them(text: str, variants: list[str], keep: list[str], about: list[str], who: list) -> str:
    """A title or an intro by :func:`_left_out_rule`: their names, and who they are, written out."""
    from .consent import scrub_names, scrub_who

    return scrub_who(scrub_names(text, variants, keep, about), who) if variants else text


def public_analysis(whole: Conversation, part: Conversation, analyse: Callable[[Conversation], Analysis]) -> Analysis:
    """The analysis an export of ``part`` (what :func:`publishable` keeps of ``whole``) shows: that of
    ``part``, with the conversation's themes the public copy keeps of ``whole``'s (by the one rule,
    :func:`gesprekken.publish.public_themes`, over the analysis the database stores: ``whole``'s). So an
    article or a data file never shows a theme the public site dropped, nor lacks one it shows. Who
    should act on an action point is also the public copy's (:func:`gesprekken.publish.public_action_owner`).
    ``analyse`` analyses a conversation (the workspace's, with its thesaurus).
    """
    from .publish import public_action_owner, public_themes

    own = analyse(part)
    if part is whole:  # nothing left out: the analysis the database stores
        return own
    stored = analyse(whole)
    kept = {id(turn) for turn in part.turns}  # publishable keeps the turns themselves, not copies
    tagged = [
        theme
        for turn, themes in zip(whole.turns, stored.turn_themes, strict=True)
        if id(turn) in kept
        for theme in themes
    ]
    thinned = len(part.turns) < len(whole.turns) or len(part.participants) < len(whole.participants)
    public = set(public_themes([t.theme for t in stored.conversation_themes], tagged, thinned))
    own.conversation_themes = [t for t in stored.conversation_themes if t.theme in public]
    # Who should act, as the whole conversation says it (what is left has no other side to name: "jullie"
    # would be the speaker's own organisation), less anyone left out (public_action_owner).
    position = {id(turn): n for n, turn in enumerate(whole.turns)}
    found = {(point.turn, point.text): point.who for point in stored.action_points}
    left = left_out_people(whole, part)
    staying = [(p.name, p.organisation) for p in part.participants]
    own.action_points = [
        replace(
            point,
            who=public_action_owner(
                found.get((position[id(part.turns[point.turn])], point.text), point.who), left, staying
            ),
        )
        for point in own.action_points
    ]
    return own


@dataclass(frozen=True)
class Omission:
    """One thing consent keeps out of an export of a conversation (see :func:`omissions`).

    ``kind`` is ``conversation`` (all of it: ``status``), ``participant`` (``people``: one, with
    ``status``), ``lookalike`` and ``introduced`` (``voices``: a voice whose name looks like, or which
    introduces itself as, ``people``), ``unlisted`` (``voices``: names no participant has, internal),
    ``unnamed`` (``voices``: the unnamed voices, as ``people`` may be any of them; ``unheard``: those
    have no named voice there), ``removed`` (the turns forget left as its marker: someone there asked to
    be removed), or ``held`` (``voices``: named by automatic naming alone, until an editor
    confirms them, see Conversation.held_for_naming; ``like``: for each, the participant whose name it is
    in other case alone where that alone holds them, "" where none, see Conversation.held_for_case; and
    ``speaking``, the names of the conversation's turns).
    """

    kind: str
    conversation: str
    title: str = ""
    people: tuple[str, ...] = ()
    voices: tuple[str, ...] = ()
    status: str = ""
    unheard: bool = False
    like: tuple[str, ...] = ()
    speaking: tuple[str, ...] = ()


def omissions(conversation: Conversation, include_unpublished: bool) -> list[Omission]:
    """What consent keeps out of an export of ``conversation`` (the rule of :func:`publishable`), for
    the editor's warning in the command's words (:func:`left_out`) or the desk's."""
    c = conversation
    if publishable(c, include_unpublished) is None:
        return [Omission("conversation", c.id, c.title, status=c.status)]
    allowed = {"published", "internal"} if include_unpublished else {"published"}
    hidden = [p for p in c.participants if p.status not in allowed]
    found = [Omission("participant", c.id, people=(p.name,), status=p.status) for p in hidden]
    if any(t.speaker == REMOVED_SPEAKER for t in c.turns):  # forget's marker: never shown (publishable)
        found.append(Omission("removed", c.id, c.title))
    found += [Omission("lookalike", c.id, people=(p,), voices=(s,)) for s, p in c.lookalikes(allowed).items()]
    introduced = c.introduced_as(allowed)
    found += [Omission("introduced", c.id, people=(p,), voices=(s,)) for s, p in introduced.items()]
    noted = {s.casefold() for s in [*c.lookalikes(allowed), *introduced]}
    unlisted = [s for s in c.unlisted() if s.casefold() not in noted] if "internal" not in allowed else []
    if unlisted:
        found.append(Omission("unlisted", c.id, voices=tuple(unlisted), status="internal"))
    named = {s.casefold() for s in unlisted}
    unnamed, unheard = [v for v in c.unnamed_voices() if v.casefold() not in named], c.unheard(allowed)
    if (hidden or unlisted) and unnamed:
        people = tuple(unheard or [p.name for p in hidden] or unlisted)
        found.append(Omission("unnamed", c.id, people=people, voices=tuple(unnamed), unheard=bool(unheard)))
        named |= {v.casefold() for v in unnamed}
    # The voices automatic naming alone named, held until an editor confirms them (Conversation.held_for_naming),
    # where nothing above says so already: a name shown otherwise, or no participant's as written.
    said = {p.name.casefold() for p in hidden} | named | noted
    held = [v for v in c.held_for_naming(allowed) if v.casefold() not in said]
    if held:
        case = c.held_for_case(allowed)
        like = tuple(case.get(v, "") for v in held)
        speaking = tuple(dict.fromkeys(t.speaker for t in c.turns)) if case else ()
        found.append(Omission("held", c.id, voices=tuple(held), like=like, speaking=speaking))
    return found


def left_out(conversations: list[Conversation], include_unpublished: bool) -> list[str]:
    """What consent keeps out of an export, one line each, for the editor's warning."""
    return [omission_line(o) for c in conversations for o in omissions(c, include_unpublished)]


def omission_line(o: Omission) -> str:
    """One thing consent keeps out (:func:`omissions`), in the command's words."""
    if o.kind == "conversation":
        return f"{o.conversation} {o.title!r} is {o.status}"
    if o.kind == "participant":
        return f"{o.people[0]} in {o.conversation} is {o.status}"
    if o.kind == "removed":
        return f"the turns marked {REMOVED_SPEAKER} in {o.conversation}, as someone there asked to be removed"
    if o.kind == "lookalike":
        return f"{o.voices[0]!r} in {o.conversation}, as it could be {o.people[0]}"
    if o.kind == "introduced":
        return f"{o.voices[0]!r} in {o.conversation}, as it introduces itself as {o.people[0]}"
    if o.kind == "unlisted":
        return (
            f"{' and '.join(repr(v) for v in o.voices)} in {o.conversation}, as no participant has that name (add "
            "them to the transcript's participants with a status, or correct the heading)"
        )
    if o.kind == "held":
        from .consent import confirm_command, written_otherwise_advice

        voices = " and ".join(repr(v) for v in o.voices)
        otherwise = {v: like for v, like in zip(o.voices, o.like, strict=True) if like} if o.like else {}
        if otherwise:  # a name in other case holds them all (Conversation.held_for_case): settling it shows them
            return f"{voices} in {o.conversation}: {written_otherwise_advice(o.conversation, otherwise, o.speaking)}"
        them = "it" if len(o.voices) == 1 else "them"
        return (
            f"{voices} in {o.conversation}, named by automatic naming alone, which now and then names a pair the "
            f"wrong way round, until an editor confirms {them}"
            f" (listen, then '{confirm_command(o.conversation, o.voices)}', or under Stemmen at the desk)"
        )
    people = ", ".join(o.people) if o.unheard else " or ".join(o.people)
    why = f"{people} has no named voice there" if o.unheard else f"they may be {people}"
    labels, names = labels_and_names(list(o.voices))
    # A name nobody listed (left in a concept with someone withdrawn) is no unnamed voice: said as what it is.
    said = [f"the unnamed voices of {o.conversation} ({', '.join(labels)})"] if labels else []
    if names:
        which = "a name" if len(names) == 1 else "names"
        quoted = " and ".join(repr(n) for n in names)
        said.append(f"{quoted} in {o.conversation}, {which} nobody listed as a participant")
    return f"{' and '.join(said)}, as {why}"


def nothing_exportable(conversations: list[Conversation], include_unpublished: bool) -> str:
    """Why consent leaves nothing of ``conversations`` to export, and what to do, in one sentence."""
    internal = [c for c in conversations if c.status == "internal"]
    if internal and not include_unpublished:
        c = internal[0]
        which, command = (
            (f"{c.id} {c.title!r} is", f"publish it with 'gesprekken publication {c.id} published'")
            if len(internal) == 1
            else (
                f"{len(internal)} conversations are",
                f"publish them with 'gesprekken publication ID published' (such as {c.id})",
            )
        )
        return (
            f"Nothing may be exported: {which} internal, not published; {command}, "
            "or pass --include-unpublished to export unpublished material for the editors"
        )
    # Every one is withdrawn (the only status left).
    which = f"{conversations[0].id} {conversations[0].title!r} is" if len(conversations) == 1 else "all are"
    return f"Nothing may be exported: {which} withdrawn, and no option overrides withdrawn consent"


def lost_headlines(pairs: list[tuple[Conversation, Conversation]]) -> list[str]:
    """The headlines pinned in the transcripts (the ``analysis:`` block's ``headline``) that a turn of
    the whole conversation says but none of the part an export keeps (:func:`publishable`): the words
    of someone left out. The article then takes the best quote instead
    (:func:`gesprekken.analyse.apply_corrections`), so the editor is told, one line each."""
    from .analyse import turn_of

    return [
        # Not the words themselves: a warning may end up in a log, and they are someone's left out.
        f"the headline pinned in {whole.id}, as only turns left out say it: the article has another; pin one "
        "that is kept (the transcript's analysis: headline, or the desk)"
        for whole, part in pairs
        if (pinned := whole.analysis.get("headline"))
        and turn_of(whole, pinned) is not None
        and not headline_stands(_kept_in_order(whole, part), pinned)
    ]


def _kept_in_order(whole: Conversation, part: Conversation) -> list[tuple[str, bool]]:
    """The texts of the turns of ``whole`` in order, each with whether :func:`publishable` kept it in ``part``."""
    kept = {(t.speaker, t.start, t.text) for t in part.turns}
    return [(t.text, (t.speaker, t.start, t.text) in kept) for t in whole.turns]


def unnamed_voices_shown(parts: list[Conversation]) -> list[tuple[Conversation, str, int]]:
    """The voices an article shows by a label, not a name ("Spreker 3": diarization's third voice, one no one named),
    with how many turns each, per conversation kept (a newcomer's run, session 50: an article went out with
    "**Spreker 3:**" three times and no word)."""
    found = []
    for part in parts:
        counts: dict[str, int] = {}
        for turn in part.turns:
            if is_voice_label(turn.speaker):
                counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
        found += [(part, voice, n) for voice, n in counts.items()]
    return found


def unnamed_notes(parts: list[Conversation]) -> list[str]:
    """:func:`unnamed_voices_shown`, one line each in the command's words."""
    return [
        f"{part.title!r} ({part.id[:8]}) shows {n} turn{'s' if n != 1 else ''} as {voice!r}, a voice no one named; "
        f"name it at the desk (Stemmen) or with 'gesprekken speakers {part.id[:8]} --rename \"{voice}=NAME\"' "
        "and export again"
        for part, voice, n in unnamed_voices_shown(parts)
    ]


# --- the article --------------------------------------------------------------------------


@dataclass
class Paragraph:
    """One block of the article: ``kind`` is concept (:func:`concept_note`), title, intro, kicker (which conversation
    of several), heading, byline, participant, turn, omission or box."""

    kind: str
    text: str
    speaker: str = ""  # the name printed in bold before a turn
    items: list[str] = field(default_factory=list)  # a box's lines


def article_blocks(
    conversations: list[tuple[Conversation, Analysis]],
    title: str | None = None,
    intro: str | None = None,
    box: bool = True,
    thesaurus: Path | None = None,
    not_public: list[NotYetPublic] | None = None,
) -> list[Paragraph]:
    """The article for one or more conversations, as blocks in reading order; in a concept, each participant and
    turn the public may not see (``not_public``, per conversation) is marked :data:`NOT_PUBLIC`."""
    labels = {theme.id: theme.label for theme in read_thesaurus(thesaurus).values()}
    first, _ = conversations[0]
    if not intro and len(conversations) == 1:
        intro = first.analysis.get("intro")  # the intro an editor wrote in the transcript
    # Several conversations are a conference's; of none, the article's title is the editor's to write: the first one's
    # title stood over the article and again over the first conversation (an editor's read of the exports, session 60)
    several = len(conversations) > 1
    # ... and one conference's, as each shows it: the first one's name stood over another whose consent leaves someone
    # in it out ("Afscheidssymposium Kees Mol" over Kees Mol's withdrawn table: a reviewer's read), or over another
    # conference's conversations
    conferences = {c.conference for c, _ in conversations}
    conference = first.conference if several and len(conferences) == 1 else ""
    blocks = [
        Paragraph("title", title or conference or (NO_TITLE if several else first.title)),
        Paragraph("intro", intro or f"[Inleiding: schrijf hier twee of drie zinnen over {NO_INTRO[several]}.]"),
    ]
    if not_public:
        # in a concept, a title or intro that names someone the public's leaves out (a reviewer's read)
        if not title and (any(n.conference for n in not_public) if conference else not_public[0].title and not several):
            blocks[0] = Paragraph("title", _marked(blocks[0].text))
        if blocks[1].text == first.analysis.get("intro") and not_public[0].intro:
            blocks[1] = Paragraph("intro", _marked(blocks[1].text))
    for n, (conversation, analysis) in enumerate(conversations):
        hidden = not_public[n] if not_public else NotYetPublic()
        if len(conversations) > 1 and not any(typographic(clean_for_print(t.text)) for t in conversation.turns):
            # of several, one consent leaves no turn of: no heading over nothing, read as the next one's title (an
            # editor's read of the exports, session 56; the warnings say why it is left out)
            continue

        # a headline is a quote, in quote marks, without the mark its sentence ended with ("Dat herken ik,"); with
        # none left, the title is no quote (a second editor's run, session 51: "“Wederkerigheid in de wijk”")
        if analysis.headline and len(conversations) > 1:
            # of several, which conversation this is: its title over its headline (an editor's read of a conference's
            # article, session 60: quote after quote, and no word of which table said them)
            blocks.append(Paragraph("kicker", _marked(typographic(conversation.title), hidden.title)))
        if analysis.headline:
            headline = analysis.headline.text
            # as the dialogue prints it: without its fillers and stutters ("“De de wachtlijsten zijn lang”" stood over
            # "De wachtlijsten zijn lang": an editor's read of the exports, session 61)
            # and a quotation inside it in single quotation marks, as Dutch nests them: "“... zo’n ‘convenant’ helpt”",
            # not "“... zo’n “convenant” helpt”" (the same read)
            inner = typographic(clean_for_print(headline).rstrip(".,;: ")).replace("“", "‘").replace("”", "’")
            quoted = f"“{inner}”"
            blocks.append(Paragraph("heading", _marked(quoted, analysis.headline.turn in hidden.turns)))
        else:
            headline = conversation.title
            if several or title:  # (one conversation's title is the article's: not again under it, an editor's read)
                blocks.append(Paragraph("heading", _marked(typographic(headline), hidden.title)))
        # who said it, under the quote: the participants' list below it read as its attribution (a newcomer's run,
        # session 50: Joost de Boer's headline stood over "Marloes van der Heijden, directeur, ...")
        known = {p.name for p in conversation.participants}
        said_by = headline_said_by([(t.speaker, t.text) for t in conversation.turns], headline)
        if analysis.headline and said_by in known:
            blocks.append(Paragraph("byline", f"— {printed_name(said_by)}"))
        for p in conversation.participants:
            # a name opens a line and a label with a capital, as Dutch writes it: "Dr. Marloes de Vries", "Van der
            # Laan:" (printed_name; an attack on the exports, session 59: "**dr. Marloes de Vries:**", "**van der
            # Laan:**")
            line = ", ".join(x for x in (printed_name(p.name), p.role, p.organisation) if x)
            blocks.append(Paragraph("participant", _marked(line, p.name.casefold() in hidden.lines)))
        seen: set[str] = set()
        later = later_names(known)
        omitted = False
        for turn, after_omission, marked in _merged(conversation.turns, conversation.omitted_before, hidden.turns):
            text = typographic(clean_for_print(turn.text))
            omitted = omitted or after_omission  # past a turn that prints as nothing ("Eh.") too
            if not text:
                continue
            if omitted and blocks[-1].kind == "turn":
                # What someone who withdrew said is left out: the reader sees that something was.
                blocks.append(Paragraph("omission", OMISSION))
            omitted = False
            if turn.speaker in seen and turn.speaker in known:
                shown = later[turn.speaker]
            else:
                shown = turn.speaker
            seen.add(turn.speaker)
            blocks.append(Paragraph("turn", text, speaker=_marked(printed_name(shown), marked)))
        if box:
            themes = [labels.get(t.theme, t.theme) for t in analysis.conversation_themes]
            items = [f"Thema’s: {', '.join(themes)}"] if themes else []
            items += [
                _marked(
                    f"Actiepunt{f' ({a.who})' if a.who else ''}", a.turn in hidden.turns or hidden.owner_hidden(a.who)
                )
                + f": {typographic(clean_for_print(a.text))}"
                for a in analysis.action_points
            ]
            if items:
                blocks.append(Paragraph("box", "Thema’s en actiepunten", items=items))
    # the names, roles, title and intro with the apostrophes and quotation marks of the text they stand by: the
    # labels said "Hedy d'Ancona:" and "'t Hart:" over "d’Ancona" and "’t Hart" (an attack on the exports, session 59)
    for b in blocks:
        b.text, b.speaker, b.items = typographic(b.text), typographic(b.speaker), [typographic(i) for i in b.items]
    return blocks


#: What the intro to fill in is about, for one conversation and for several.
NO_INTRO = {False: "het gesprek", True: "de gesprekken"}
#: The title of an article of several conversations without a conference (:func:`article_blocks`): the editor's.
NO_TITLE = "[Titel: schrijf hier de kop boven de gesprekken.]"


def _marked(text: str, shown: bool = True) -> str:
    """``text`` marked :data:`NOT_PUBLIC` in a concept where ``shown`` (the public may not see it as it stands)."""
    return f"{text} ({NOT_PUBLIC})" if shown else text


def headline_said_by(turns: list[tuple[str, str]], headline: str | None) -> str | None:
    """Who said ``headline``: the one speaker of the turns (speaker, text) that say its words, whole; None where no
    turn or turns of two speakers say them. Not the turn the analysis names: a pinned headline is found by its words
    in the first turn that has them, and Marloes's "Ik zeg niet dat de schuldhulpverlening faalt" before Joost's "De
    schuldhulpverlening faalt." put her name under his headline (a reviewer's read)."""
    speakers = headline_speakers(turns, headline)
    return speakers[0] if len(speakers) == 1 else None


def headline_stands(turns: list[tuple[str, bool]], headline: str | None) -> bool:
    """Whether a pinned ``headline`` (an editor's sentence, perhaps no quote of the analysis) stands in a copy of the
    ``turns`` (text, whether the copy keeps it), in the order they were said: the first turn that says its words
    whole (not its letters inside a longer word: a withdrawn speaker's "Ik ben zelf arm" stayed for a kept "Ik ben
    zelf armoedeconsulent", a reviewer's) is kept. A turn left out that said it first makes it theirs (a moderator's
    "U zei: de schuldhulpverlening faalt." kept Joost's sentence as the headline after he withdrew); one that
    repeats it after a kept one does not (Joost agreeing with Marloes's own sentence: a reviewer's read of 9548930).
    The one rule of the exports and the public copy."""
    first = next((kept for text, kept in turns if headline_speakers([("", text)], headline)), False)
    return first


def headline_speakers(turns: list[tuple[str, str]], headline: str | None) -> list[str]:
    """The speakers of the turns (speaker, text) that say ``headline``'s words whole, in order of first turn."""
    from .analyse import plain_words

    wanted = f" {plain_words(headline or '')} "
    if not wanted.strip():
        return []
    return list(dict.fromkeys(speaker for speaker, text in turns if wanted in f" {plain_words(text)} "))


#: Where turns were left out of an article for consent: the press's mark of an omission.
OMISSION = "[…]"


def _merged(
    turns: list[Turn], omitted_before: frozenset[int] = frozenset(), marked: frozenset[int] = frozenset()
) -> list[tuple[Turn, bool, bool]]:
    """Consecutive turns of one speaker read as one paragraph in print, each with whether turns were
    left out before it (then it is not merged: one speaker's turns on either side of someone left out
    are two answers, not one monologue), and whether any of its turns is ``marked``."""
    merged: list[tuple[Turn, bool, bool]] = []
    for index, turn in enumerate(turns):
        after_omission = index in omitted_before
        if merged and merged[-1][0].speaker == turn.speaker and not after_omission:
            last, before, was = merged[-1]
            joined = Turn(turn.speaker, last.start, turn.end, f"{last.text} {turn.text}")
            merged[-1] = joined, before, was or index in marked
        else:
            merged.append((Turn(turn.speaker, turn.start, turn.end, turn.text), after_omission, index in marked))
    return merged


#: How each kind of block reads in Markdown and in HTML; ``{items}`` is a box's lines.
MARKDOWN = {
    "concept": "> **{text}**\n",
    "title": "# {text}\n",
    "intro": "*{text}*\n",
    "kicker": "**{text}**\n",
    "heading": "## {text}\n",
    "byline": "*{text}*\n",
    "participant": "{text}  ",  # two spaces: a line break, so the participants stand one under the other
    "turn": "**{speaker}:** {text}\n",
    "omission": "{text}\n",
    "box": "> **{text}**\n>\n{items}\n",
}
#: Where each kind's text stands in its Markdown line (:func:`markdown_text`); "inline" for the rest.
MARKDOWN_TEXT = {"title": "heading", "heading": "heading", "byline": "line", "participant": "line", "omission": "line"}
HTML = {
    "concept": '<p class="concept"><strong>{text}</strong></p>',
    "title": "<h1>{text}</h1>",
    "intro": '<p class="intro"><em>{text}</em></p>',
    "kicker": '<p class="kicker"><strong>{text}</strong></p>',
    "heading": "<h2>{text}</h2>",
    "byline": '<p class="byline"><em>{text}</em></p>',
    "participant": '<p class="participant">{text}</p>',
    "turn": '<p class="turn"><strong>{speaker}:</strong> {text}</p>',
    "omission": '<p class="omission">{text}</p>',
    "box": '<aside class="box"><h3>{text}</h3><ul>{items}</ul></aside>',
}


#: The characters that would start Markdown where a block's text has them, escaped with a backslash as pandoc's
#: Markdown writer does. Not "[" and "]" themselves: "[…]" and "[naam verwijderd]" print as they are, and a
#: bracket only makes a link with "(" or "[" right after it ("[klik](javascript:...)") or as a reference's
#: definition at a line's start ("[x]: https://..."), and a backslash before that bracket is enough.
_MARKDOWN_MARK = re.compile(
    r"""
    [\\`*]                        # an escape, code, emphasis
    | (?<![^\W_])_ | _(?![^\W_])    # emphasis; not one between letters ("mol_kees"), which Markdown leaves be
    | \](?=[(\[])                  # the end of a link's text
    """,
    re.VERBOSE,
)
#: ... and where the text opens a line (a participant's line, the omission's, a box's item): what starts a block.
_MARKDOWN_LINE_START = re.compile(
    r"""
    ^\[(?=[^\]]*\]:)             # a reference's definition
    | ^[#>+-]                      # a heading, a quotation, a list, a rule
    | ^=(?==*\s*$) | ^~(?=~~)      # a line under a heading, a block of code
    """,
    re.VERBOSE,
)
#: ... and in a heading: its closing marks.
_MARKDOWN_HEADING_END = re.compile(r"\#(?=\#*$)")


def markdown_text(text: str, where: str = "inline") -> str:
    """``text`` written in Markdown so that a Markdown renderer shows exactly these characters.

    Markdown's own marks get a backslash (:data:`_MARKDOWN_MARK`). "<" and an "&" that would start a character
    reference are written as the references ``&lt;`` and ``&amp;``: a backslash before them is CommonMark's
    and pandoc's, but Python-Markdown and Markdown.pl would still read ``\\<script>`` as HTML. A block is one
    line, so a line break typed in it is a space (a renderer shows a single one as a space too): a blank line
    would end the block and let what follows it start one of its own. Ordinary Dutch text ("zo’n “convenant”",
    "huur- en koopwoning", "A & B", "[…]") stays as it is. ``where``: "inline" (after "**Name:** ", in the intro's
    emphasis, a box's heading), "line" (the text opens a line: "1." or "-" there would start a list) or "heading"
    (a title's or heading's closing "#"); a mark escaped where it starts nothing shows its backslash in the file (a
    second reviewer's read: "**Ann Bos:** 1\\. Dat we ...").
    """
    # leading spaces would make code; a no-break space at an edge, "*Inleiding\u00a0*", is no emphasis (a reviewer)
    text = re.sub(r"[ \t]*[\r\n]+[ \t\r\n]*", " ", text).strip()
    # "<" only where it could open a tag, a comment or an autolink ("<script", "</", "<!--", "<http", "<06-12@sms.nl>":
    # a third reviewer's read); not before a space, "=" or a number that is no address ("<3", "< 300", "<=")
    text = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", text)
    text = re.sub(r"<(?![\s=]|\d[^\s@>]*(?:[\s>]|$))", "&lt;", text)
    text = _MARKDOWN_MARK.sub(r"\\\g<0>", text)
    if text.count("~") > 1:  # GitHub's strikethrough ("~~niet~~", "~niet~"), which most CMSs render; not "~5" alone
        text = text.replace("~", "\\~")
    if where == "heading":
        text = _MARKDOWN_HEADING_END.sub(r"\\\g<0>", text)
    if where != "line":
        return text
    text = _MARKDOWN_LINE_START.sub(r"\\\g<0>", text)
    return re.sub(r"^(\d+)(?=[.)](?:\s|$))", r"\1\\", text)  # "1. " would start a numbered list


def render_markdown(blocks: list[Paragraph]) -> str:
    """The article in Markdown (:data:`MARKDOWN`): its text, typed by editors and speakers, shows as typed
    (:func:`markdown_text`), never as Markdown or HTML of its own."""
    out = []
    e = markdown_text
    for b in blocks:
        if b.kind == "turn" and out and out[-1].endswith("  "):
            out.append("")  # the participants' lines end in a paragraph break before the first turn
        items = "\n".join(f"> - {e(item, 'line')}" for item in b.items)
        where = MARKDOWN_TEXT.get(b.kind, "inline")
        out.append(MARKDOWN[b.kind].format(text=e(b.text, where), speaker=e(b.speaker), items=items))
    return "\n".join(out).rstrip() + "\n"


def render_html(blocks: list[Paragraph]) -> str:
    e = html.escape
    body = [
        HTML[b.kind].format(text=e(b.text), speaker=e(b.speaker), items="".join(f"<li>{e(i)}</li>" for i in b.items))
        for b in blocks
    ]
    title = _file_title(blocks)
    if any(b.kind == "concept" for b in blocks):  # the browser's tab and a bookmark say so too
        title = f"CONCEPT: {title}" if title else "CONCEPT"
    return (
        f'<!DOCTYPE html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>{e(title)}</title></head>\n'
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _file_title(blocks: list[Paragraph]) -> str:
    """The article's title as its file's own (a DOCX's File > Info, an HTML page's tab): none where it is the line to
    fill in (:data:`NO_TITLE`), which an editor replaces on the page but never sees there: a PDF of the DOCX, the
    title in its place, was still called "[Titel: schrijf hier de kop boven de gesprekken.]" (a reviewer's read)."""
    title = next((b.text for b in blocks if b.kind == "title"), "")
    return "" if title == NO_TITLE else title


def render_docx(blocks: list[Paragraph], out) -> None:
    """Write a DOCX with named paragraph styles, so an editor's template restyles it."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    # XML holds no control characters: a word processor's line break (U+000B) pasted into a --title, or a U+0001 a
    # transcript loads as it is, ended the export in a traceback (an attack on the exports, session 59)
    blocks = [
        replace(b, text=_xml_text(b.text), speaker=_xml_text(b.speaker), items=list(map(_xml_text, b.items)))
        for b in blocks
    ]
    document = Document()
    styles = document.styles
    concept = any(b.kind == "concept" for b in blocks)
    for name, base in (
        ("Deelnemer", "Normal"),
        ("Bron", "Normal"),
        ("Beurt", "Normal"),
        ("Inleiding", "Normal"),
        ("Kader", "Normal"),
        *([("Bovenkop", "Normal")] if any(b.kind == "kicker" for b in blocks) else []),
        *([("Concept", "Normal")] if concept else []),
    ):
        if name not in [s.name for s in styles]:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
    styles["Inleiding"].font.italic = styles["Bron"].font.italic = True
    styles["Deelnemer"].paragraph_format.space_after = Pt(0)
    styles["Kader"].font.size = Pt(9)
    if "Bovenkop" in [s.name for s in styles]:  # (only where there is one: a single conversation's as before)
        styles["Bovenkop"].font.bold = True
        styles["Bovenkop"].paragraph_format.space_before = Pt(18)
        styles["Bovenkop"].paragraph_format.keep_with_next = True  # never alone at the foot of a page
    if concept:  # (a public article has no such style: byte for byte as before, a reviewer's read)
        styles["Concept"].font.bold = True
        styles["Concept"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    if "Spreker" not in [s.name for s in styles]:
        speaker = styles.add_style("Spreker", WD_STYLE_TYPE.CHARACTER)
        speaker.font.bold = True
    for previous, b in zip([None, *(b.kind for b in blocks)], blocks, strict=False):
        if b.kind == "concept":
            document.add_paragraph(b.text, style="Concept")
        elif b.kind == "title":
            document.add_paragraph(b.text, style="Title")
        elif b.kind == "intro":
            document.add_paragraph(b.text, style="Inleiding")
        elif b.kind == "kicker":
            document.add_paragraph(b.text, style="Bovenkop")
        elif b.kind == "heading":
            heading = document.add_paragraph(b.text, style="Heading 1")
            if previous == "kicker":  # the two read as one
                heading.paragraph_format.space_before = Pt(2)
        elif b.kind == "byline":
            document.add_paragraph(b.text, style="Bron")
        elif b.kind == "participant":
            document.add_paragraph(b.text, style="Deelnemer")
        elif b.kind == "turn":
            paragraph = document.add_paragraph(style="Beurt")
            # a line's space after the participants, as the Markdown has (an editor's run)
            if previous == "participant":
                paragraph.paragraph_format.space_before = Pt(12)
            paragraph.add_run(f"{b.speaker}: ", style="Spreker")
            paragraph.add_run(b.text)
        elif b.kind == "omission":
            document.add_paragraph(b.text, style="Beurt")
        elif b.kind == "box":
            document.add_paragraph(b.text, style="Heading 3")
            for item in b.items:
                document.add_paragraph(item, style="Kader")
    # The file's own properties (Word's File > Info): the library's template says "python-docx", 2013.
    properties = document.core_properties
    properties.title = _file_title(blocks)
    properties.author = properties.last_modified_by = "gesprekken"
    properties.comments = properties.subject = properties.keywords = properties.category = ""
    if concept:  # File > Info says so too, where a template restyles the first line
        # ... and every page's header, where an article of a conference runs on for pages
        for section in document.sections:
            section.header.paragraphs[0].text = CONCEPT
            section.header.paragraphs[0].style = styles["Concept"]
        properties.category = "Concept"
        properties.comments = CONCEPT  # (at most 255 characters: the names are in the first paragraph)
    properties.language = "nl-NL"
    # the text's language, which spelling checkers read (python-docx's template says en-US: Word and LibreOffice
    # underlined the whole Dutch article, a newcomer's run, session 51)
    from docx.oxml.ns import qn

    for lang in (*styles.element.iter(qn("w:lang")), *document.settings.element.iter(qn("w:themeFontLang"))):
        lang.set(qn("w:val"), "nl-NL")
    for part in document.part.package.iter_parts():  # Word 2010's copy of the styles (a reviewer's read)
        if str(part.partname).endswith("/stylesWithEffects.xml"):
            part._blob = part.blob.replace(b'w:val="en-US"', b'w:val="nl-NL"')
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    properties.revision = 1
    document.save(out)


#: The characters XML 1.0, and so a DOCX, cannot hold: the control characters but tab and line breaks, and two
#: non-characters.
_NOT_XML = re.compile("[ ]*[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]+[ ]*")


def _xml_text(text: str) -> str:
    """``text`` without what a DOCX cannot hold (:data:`_NOT_XML`): a space where it was, as a line break is."""
    return _NOT_XML.sub(" ", text)


def write_article(blocks: list[Paragraph], fmt: str, path: Path) -> None:
    """Write the article atomically: a failed export leaves no half-written file."""
    if fmt == "docx":
        # made in memory, then written: python-docx's zip, left open by a full disk, said "Exception ignored in:
        # <function ZipFile.__del__ ...>" with a traceback after the sentence (session 58's list)
        document = io.BytesIO()
        render_docx(blocks, document)
        with atomic_write(path, "wb") as handle:
            handle.write(document.getvalue())
    else:
        with atomic_write(path) as handle:
            handle.write(render_markdown(blocks) if fmt == "md" else render_html(blocks))


# --- subtitles ----------------------------------------------------------------------------

#: The shortest a cue is on screen (seconds) where the silence after it allows: players' and broadcasters' guidelines
#: ask 0.7 s at least (Netflix: 5/6 s); a one-word "Groet." of 0.5 s before a second of silence flashed by (an
#: editor's check of the subtitles of a Whisper transcript, session 61).
MIN_CUE = 0.7
#: The fastest a viewer reads (characters a second; Netflix's guideline for Dutch is 17): a cue shorter than its
#: text needs stays on into the silence after it, up to the next cue (a newcomer's run, session 51: "Marloes van
#: der Heijden: Afgesproken." showed for 0.66 s).
READING_SPEED = 17.0
#: The longest a cue stays on screen (seconds; broadcasters' guidelines say 6 to 7): a slow speaker's
#: or a long silence's cue is cut, and a cue never hangs over a pause it cannot span.
MAX_CUE = 7.0
#: A silence between two words this long (seconds) is a place to break, as good as a comma.
PAUSE = 1.0
#: What a break after a word costs: a cue or line ends best where a sentence or clause does.
#: A new cue costs 1, so a clause gets a cue of its own before a cue is cut between two words.
SENTENCE_END, CLAUSE_END, BETWEEN_WORDS, BEFORE_ITS_NOUN, INSIDE_NAME = 0.0, 0.3, 2.0, 3.0, 100.0
#: Words bound to the word after them: articles, prepositions, possessives, conjunctions (a line
#: breaks before "en", not after it) and the subject pronouns that open a clause ("We | bieden").
LEANS_FORWARD = frozenset(
    "de het een 't van in op met voor aan bij naar om te tot uit over door tegen onder na sinds"
    " zonder tussen per mijn jouw je uw onze ons"
    " en of maar want dus omdat zodat terwijl ik we wij jij hij".split()
)
_EDGE = re.compile(r"^[\"“‘(\[]+|[\"”’)\],.;:!?…]+$")


@dataclass
class Cue:
    """One subtitle: at most two lines of at most 42 characters, said by one speaker."""

    start: float
    end: float
    speaker: str
    lines: list[str]


#: The longest a cue's "Name:" may be, leaving a line room for words beside it.
MAX_LABEL = 30


def cue_word(text: str) -> str:
    """A word as a cue shows it: "-->" separates a cue's times in both formats, so an arrow an editor typed
    ("huurachterstand --> schuldhulp") is written "→" (WebVTT forbids it in cue text; SRT players take it for a
    timing line)."""
    return text.replace("-->", "→")


def speaker_label(speaker: str) -> str:
    """What a cue shows of who speaks, where the speaker changes: "Joost de Boer:" (the surname alone where the
    name would not fit a line with a word beside it)."""
    label = f"{printed_name(speaker)}:"
    if len(label) <= MAX_LABEL:
        return label
    # the surname whole where it fits a line, else its last part ("Van den Bergh-Ouwerkerk-Vliegenthart:"), never
    # cut inside a word (a reviewer's read: "Van den Bergh-Ouwerkerk-Vlieg:")
    last = surname(speaker)
    return f"{last}:" if len(last) < MAX_LINE else f"{re.split(r'[ -]', last)[-1][: MAX_LINE - 1]}:"


def cues(conversation: Conversation, speakers: bool = False, not_public: frozenset[int] = frozenset()) -> list[Cue]:
    """Subtitle cues aligned to word times; a cue never spans two speakers.

    Each turn is cut where a viewer would pause: after a full stop or a comma where the words
    allow, never inside a name ("Joost | de Boer"), and not after an article or a preposition;
    where the speaker paused for a second or more; and a cue lasts at most MAX_CUE seconds.
    With ``speakers``, the first cue after a change of speaker opens with who speaks
    (:func:`speaker_label`), kept on a line with the first word: in a recording of voices alone a
    viewer cannot see who speaks. In a concept, the first cue of each turn the public may not see
    (``not_public``: their indices, :attr:`NotYetPublic.turns`) opens with "[niet openbaar]".
    """
    names = [_tokens(n) for p in conversation.participants for n in {p.name, surname(p.name)}]
    windows = untimed_windows(conversation)
    result: list[Cue] = []
    previous = None
    for index, turn in enumerate(conversation.turns):
        if index in windows:  # typed without times: its words spread over the time before the next turn
            turn = replace(turn, start=windows[index][0], end=windows[index][1])
        words = turn.words or [w for w in _even_words(turn)]
        if not words:
            continue
        if index not in windows and (index - 1 in windows or index + 1 in windows):
            # a neighbour typed without times may have borrowed the start or the end of this turn's time
            earliest = windows[index - 1][1] if index - 1 in windows else None
            words = _squeezed(turn, words, earliest, windows[index + 1][0] if index + 1 in windows else None)
        # (a word longer than a line, a web address, is cut to fit with "…" where it is cut: it was cut without a
        # mark, an editor's read of the exports, session 56: "www.woonstichtingdelinie.nl/schuldhulpverl"; a line of
        # its own, whole, gave cues out of order where its times were typed at the desk, a reviewer's read)
        texts = [_fitting(cue_word(w.text)) for w in words]
        costs = _break_costs(texts, names)
        labelled = speakers and turn.speaker != previous
        label = speaker_label(turn.speaker) if labelled else ""
        if index in not_public:
            # one label with the name, on one line (a reviewer's read: a mark of its own left a long name's first cue
            # one word and a flash)
            label = _marked_label(turn.speaker) if labelled else f"[{NOT_PUBLIC}]"
            labelled = True
        if labelled:
            words = [Word(words[0].start, words[0].start, cue_word(label)), *words]
            texts, costs = [words[0].text, *texts], [INSIDE_NAME, *costs]
        previous = turn.speaker
        for i in range(len(words) - 1):
            if words[i + 1].start - words[i].end >= PAUSE:
                costs[i] = min(costs[i], CLAUSE_END)  # even inside a name: the speaker stopped there
        # the time its last cue may stay on into: the next turn's start (or the recording's end)
        if index + 1 < len(conversation.turns):
            until = windows[index + 1][0] if index + 1 in windows else conversation.turns[index + 1].start
        else:
            until = conversation.duration or float("inf")
        for first, last in _cue_spans(words, texts, costs, labelled, until):
            lines, _ = _lines(texts[first : last + 1], costs[first:last])
            start = words[first].start
            result.append(Cue(start, max(words[last].end, start), turn.speaker, lines))
    for k, cue in enumerate(result):
        # a cue shorter than MIN_CUE, or than its text takes to read, cannot be read
        cue.end = max(
            cue.end, round(cue.start + MIN_CUE, 3), round(cue.start + len(" ".join(cue.lines)) / READING_SPEED, 3)
        )
        cue.end = min(cue.end, cue.start + MAX_CUE)  # one word Whisper stretched over a silence
        if k + 1 < len(result) and result[k + 1].start > cue.start:
            # ... but it never runs into the next (a reviewer's read: a label made a short first cue longer)
            cue.end = min(cue.end, result[k + 1].start)
        if conversation.duration:
            cue.end = min(cue.end, conversation.duration)
            cue.start = min(cue.start, cue.end)
    return result


def _marked_label(speaker: str) -> str:
    """A cue's label in a concept where the public may not see the turn: "[niet openbaar] Joost de Boer:", the surname
    or its last part where the whole would not fit a line (:func:`speaker_label`)."""
    mark = f"[{NOT_PUBLIC}] "
    for label in (speaker_label(speaker), f"{surname(speaker)}:", f"{re.split(r'[ -]', surname(speaker))[-1]}:"):
        if len(mark + label) <= MAX_LINE:
            return mark + label
    return mark + label[: MAX_LINE - len(mark) - 1] + ":"


def _tokens(name: str) -> list[str]:
    return [t.casefold() for t in name.split()]


def _bare(token: str) -> str:
    return _EDGE.sub("", token)


def _break_costs(texts: list[str], names: list[list[str]]) -> list[float]:
    """The cost of a break after each word but the last (see SENTENCE_END and the others)."""
    bare = [_bare(t) for t in texts]
    capital = [b[:1].isupper() for b in bare]
    costs = []
    for text, word in zip(texts[:-1], bare[:-1], strict=True):
        end = text.rstrip('"”’)]')
        if end.endswith((".", "?", "!", "…")):
            costs.append(SENTENCE_END)
        elif end.endswith((",", ";", ":")):
            costs.append(CLAUSE_END)
        elif word.casefold() in LEANS_FORWARD or word.isdigit():
            costs.append(BEFORE_ITS_NOUN)
        else:
            costs.append(BETWEEN_WORDS)
    inside = set()
    for i in range(len(texts) - 1):
        # A run of capitalised words, with particles between them: "Joost de Boer", "Woonstichting De Linie".
        if not capital[i] or costs[i] <= CLAUSE_END:
            continue
        j = i + 1
        while j < len(texts) - 1 and bare[j].casefold() in PARTICLES and costs[j] > CLAUSE_END:
            j += 1
        if capital[j]:
            inside.update(range(i, j))
    folded = [b.casefold() for b in bare]
    for name in names:
        # A participant's name however it is written: "bell hooks" has no capitals to go by.
        for i in range(len(folded) - len(name) + 1):
            if folded[i : i + len(name)] == name:
                inside.update(k for k in range(i, i + len(name) - 1) if costs[k] > CLAUSE_END)
    for i in inside:
        costs[i] = INSIDE_NAME
    return costs


def _fitting(word: str) -> str:
    """``word`` as a cue shows it: whole where it fits a line, else cut with "…" where it is cut."""
    return word if len(word) <= MAX_LINE else word[: MAX_LINE - 1] + "…"


def _lines(texts: list[str], costs: list[float]) -> tuple[list[str], float] | None:
    """One or two lines of at most MAX_LINE characters and what the line break costs; None if they don't fit.

    The break goes where it costs least, between lines of about the same length; a break between
    two words is as good as none (two lines are what subtitles are for), one inside a name is not.
    """
    whole = " ".join(texts)
    if len(whole) <= MAX_LINE:
        return [whole], 0.0
    best, best_cost = None, 0.0
    for k in range(1, len(texts)):
        top, bottom = " ".join(texts[:k]), " ".join(texts[k:])
        if len(top) > MAX_LINE or len(bottom) > MAX_LINE:
            continue
        uneven = abs(len(top) - len(bottom)) / MAX_LINE
        if best is None or costs[k - 1] + uneven < best_cost:
            best, best_cost = ([top, bottom], max(0.0, costs[k - 1] - BETWEEN_WORDS) + uneven), costs[k - 1] + uneven
    return best


def _cue_spans(
    words: list[Word], texts: list[str], costs: list[float], labelled: bool = False, until: float = float("inf")
) -> list[tuple[int, int]]:
    """Where the cues of one turn begin and end (word indexes), cut for the least cost in all.

    Every cue costs 1, so fewer cues are better; a break costs what _break_costs says, a cue that
    is half empty costs a little more, and one that cannot stay on for :data:`MIN_CUE` before the next word (the
    last: before ``until``, the next turn's start) more. With ``labelled``, the first word is the speaker's
    name (:func:`speaker_label`): it never stands alone, and goes with the word after it however long that word is
    said (a second reviewer's read: a first word of more than seven seconds left the name a cue of its own).
    """
    n = len(texts)
    best: list[float] = [0.0] + [float("inf")] * n
    came_from = [0] * (n + 1)
    for first in range(n):  # a word on its own always fits, so every first word is reached (the name: with the next)
        if best[first] == float("inf"):
            continue
        length = -1
        for last in range(first, n):
            length += len(texts[last]) + 1
            with_name = labelled and first == 0 and last == 1
            if length > MAX_LINES * MAX_LINE + 1 or (
                last > first and words[last].end - words[first].start > MAX_CUE and not with_name
            ):
                break
            if labelled and first == 0 and last == 0 and n > 1:
                continue  # the name alone
            layout = _lines(texts[first : last + 1], costs[first:last])
            if layout is None:
                continue
            # A line break inside a cue is easier on the eye than a new cue, so it weighs half.
            cost = 1.0 + (costs[last] if last < n - 1 else 0.0) + 0.5 * layout[1]
            cost += 0.5 * (1 - length / (MAX_LINES * MAX_LINE)) ** 2
            # (a short "Groet." before a silence stays on into it, a cue of its own; one the next word follows
            # at once is a flash)
            room = words[last + 1].start if last < n - 1 else max(until, words[last].end)
            if room - words[first].start < MIN_CUE:
                cost += 2.0
            if best[first] + cost < best[last + 1]:
                best[last + 1], came_from[last + 1] = best[first] + cost, first
    spans, end = [], n
    while end > 0:
        spans.append((came_from[end], end - 1))
        end = came_from[end]
    return spans[::-1]


def untimed_windows(conversation: Conversation, borrow: bool = True) -> dict[int, tuple[float, float]]:
    """The time each turn typed without times (no word times, and a heading without them: its start is its end, that
    of the turn before) has for its subtitles: the turns of a row of them share, by their length, the time from the
    turn before to the next turn with times (or the recording's end; where there is none, what their text takes to
    read), at most twice what they take to read. Their cues were all at one moment, and out of order (an editor's
    read of the exports, session 56).

    Where that time is too short to read them (turns that touch, the first turn at 0:00, the last at the recording's
    end), the row borrows what it lacks from the turns around it, each lending at most half of its own time (a
    quarter to each side where rows on both sides borrow), and those are shown that much faster (:func:`_squeezed`):
    a row with no time had its cues stacked at one moment over the next turn's, or of no length at the end. With
    ``borrow`` false, the time between alone."""
    turns = conversation.turns
    untimed = [i for i, t in enumerate(turns) if not t.words and t.end <= t.start and t.text.strip()]
    windows: dict[int, tuple[float, float]] = {}
    for first in untimed:
        if first in windows:
            continue
        row = [first]
        while row[-1] + 1 in untimed:
            row.append(row[-1] + 1)
        sizes = [len(turns[i].text) for i in row]
        start = turns[first].start
        reading = sum(sizes) / READING_SPEED
        # the next turn's start, also where it starts as the row does (word times touch where the speaker changes: a
        # reviewer's read, the row ran on past it), else the recording's end; no longer than twice the reading time
        # (a closing line before minutes of applause was one word a cue, a reviewer's read)
        later = turns[row[-1] + 1].start if row[-1] + 1 < len(turns) else None
        end = later if later is not None else conversation.duration or start + reading
        end = max(start, min(end, start + 2 * reading))
        lacking = max(reading, MIN_CUE * len(row)) - (end - start)
        if borrow and lacking > 0:
            before = turns[first - 1] if first > 0 else None
            after = turns[row[-1] + 1] if later is not None else None
            # half of each neighbour's time at most, as evenly as they have it; a quarter where a row typed without
            # times borrows its other side's too (a turn between two rows lent both halves and had no time left: its
            # cues stacked over theirs, a reviewer's read)
            other = (first - 2 in untimed, row[-1] + 2 in untimed)
            lend = [
                max(0.0, (t.end - t.start) / (4 if shared else 2)) if t is not None else 0.0
                for t, shared in zip((before, after), other, strict=True)
            ]
            early = min(lend[0], max(lacking / 2, lacking - lend[1]))
            start, end = start - early, end + min(lend[1], lacking - early)
        room = end - start
        for i, size in zip(row, sizes, strict=True):
            share = room * size / sum(sizes)
            windows[i] = (round(start, 3), round(start + share, 3))
            start += share
    return windows


def _squeezed(turn: Turn, words: list[Word], earliest: float | None, latest: float | None) -> list[Word]:
    """``words`` of ``turn``, shown between ``earliest`` and ``latest`` where a turn typed without times borrowed
    the start or the end of its time (:func:`untimed_windows`): said a little faster, in the same order."""
    start, end = turn.start, turn.end
    if end <= start or (earliest is None and latest is None):
        return words
    new_start = max(start, earliest) if earliest is not None else start
    new_end = min(end, latest) if latest is not None else end
    scale = (new_end - new_start) / (end - start)

    def moved(t: float) -> float:
        return round(new_start + (min(max(t, start), end) - start) * scale, 3)

    return [replace(w, start=moved(w.start), end=moved(w.end)) for w in words]


def too_short_to_read(conversation: Conversation) -> list[str]:
    """A sentence for each turn typed without times whose words get less time than they take to read between the
    turns around it (:func:`untimed_windows` without borrowing), saying where and what to do."""
    said = []
    for i, (start, end) in untimed_windows(conversation, borrow=False).items():
        turn = conversation.turns[i]
        if (end - start) * READING_SPEED < len(turn.text):
            said.append(
                f"the turn of {turn.speaker} at {format_time(start, 0)} has no times (its heading was typed without "
                f"them): the {end - start:.1f} s before the next turn or the end are too short to read, so its "
                "subtitles take time from the turns around it, shown faster; give its heading the times it is said at "
                "([mm:ss – mm:ss]) and export again"
            )
    return said


def _even_words(turn: Turn):
    """Words with times spread evenly over the turn, for a turn without word times."""
    tokens = turn.text.split()
    step = (turn.end - turn.start) / max(1, len(tokens))
    return [Word(turn.start + i * step, turn.start + (i + 1) * step, t) for i, t in enumerate(tokens)]


#: What SubRip players read as markup in a cue's text: an HTML-like tag ("<i>", "</b>", "<font ...>") and an ASS
#: override ("{\\an8}", "{\\i1}"). SubRip has no escape, so a word joiner (U+2060, shown as nothing) after the "<"
#: or "{" keeps what an editor typed as text.
SRT_MARKUP = re.compile(r"(<)(?=/?[A-Za-z])|(\{)(?=\\)")


def render_srt(conversation: Conversation, speakers: bool = True, not_public: frozenset[int] = frozenset()) -> str:
    """SubRip subtitles (:func:`cues`), with who speaks where the speaker changes unless not ``speakers``. The words
    are text: "<i>schuin</i>" typed in a turn shows as typed, not in italics (:data:`SRT_MARKUP`)."""
    import datetime

    import srt

    subtitles = [
        srt.Subtitle(
            index=i,
            start=datetime.timedelta(seconds=c.start),
            end=datetime.timedelta(seconds=c.end),
            content=SRT_MARKUP.sub(lambda m: m.group(0) + "\u2060", "\n".join(c.lines)),
        )
        for i, c in enumerate(cues(conversation, speakers, not_public), start=1)
    ]
    return srt.compose(subtitles)


def render_vtt(
    conversation: Conversation,
    speakers: bool = True,
    note: str | None = None,
    not_public: frozenset[int] = frozenset(),
) -> str:
    """WebVTT subtitles (:func:`cues`): each cue's speaker in a voice tag, which players keep to themselves, and
    shown where the speaker changes unless not ``speakers``. The words are text, not markup: "A & B" and "<script>"
    show as typed. ``note`` (a concept's, :func:`concept_note`) stands first, as a NOTE block no player shows."""
    import webvtt

    vtt = webvtt.WebVTT()
    for c in cues(conversation, speakers, not_public):
        # A voice tag ends at ">", and one that ended "--" would write "-->", which WebVTT forbids in a cue.
        voice = re.sub(r"[<>&]", "", c.speaker).rstrip("- ")
        # WebVTT cue text is markup (webvtt-py writes it as given): "&", "<" and ">" as character references.
        lines = [html.escape(line, quote=False) for line in c.lines]
        start, end = (format_time(t, decimals=3, always_hours=True) for t in (c.start, c.end))
        caption = webvtt.Caption(start, end, [f"<v {voice}>{lines[0]}", *lines[1:]])
        vtt.captions.append(caption)
    content = vtt.content
    if note:
        # a NOTE block ends at a blank line and may not hold "-->" (a name or title could)
        note = re.sub(r"\s+", " ", note).replace("-->", "→")
        content = content.replace("WEBVTT\n", f"WEBVTT\n\nNOTE {note}\n", 1)
    return content


# --- data ---------------------------------------------------------------------------------

DATA_FIELDS = [
    "conversation_id",
    "conversation",
    "kind",
    "speaker",
    "organisation",
    "who",
    "text",
    "themes",
    "conversation_themes",
    "start",
    "end",
]


def data_rows(conversations: list[tuple[Conversation, Analysis]], thesaurus: Path | None = None) -> list[dict]:
    """Quotes and action points with speaker, organisation, themes, the conversation's themes (best
    first) and times in the recording (a concept's rows say which are public too: :func:`mark_public`)."""
    from .storage import span_times

    labels = {theme.id: theme.label for theme in read_thesaurus(thesaurus).values()}
    rows = []
    for conversation, analysis in conversations:
        organisation = {p.name: p.organisation for p in conversation.participants}
        conversation_themes = [labels.get(t.theme, t.theme) for t in analysis.conversation_themes]
        items = [("quote", q.turn, q.text, q.themes, "") for q in analysis.quotes]
        items += [("action_point", a.turn, a.text, a.themes, a.who) for a in analysis.action_points]
        for kind, turn_index, text, themes, who in items:
            turn = conversation.turns[turn_index]
            start, end = span_times(turn, text)
            rows.append(
                {
                    "conversation_id": conversation.id,
                    "conversation": conversation.title,
                    "kind": kind,
                    "speaker": turn.speaker,
                    "organisation": organisation.get(turn.speaker, ""),
                    "who": who,
                    "text": text,
                    "themes": [labels.get(t, t) for t in themes],
                    "conversation_themes": conversation_themes,
                    "start": start,
                    "end": end,
                }
            )
    return rows


def _row_key(row: dict) -> tuple:
    return tuple(row[k] for k in ("conversation_id", "kind", "speaker", "organisation", "who", "text", "start", "end"))


def mark_public(rows: list[dict], public_rows: list[dict]) -> list[dict]:
    """A concept's data ``rows``, each ``public`` only where the public export (``public_rows``) has that very row:
    the same words said by the same speaker (a published turn that names someone not public is "[naam verwijderd]"
    there: a reviewer's read found it marked public with the name), and then as it has it: the rows marked public
    are the public export's."""
    shown = {_row_key(row): row for row in public_rows}
    # a public row as the public export has it, the conversation's themes too (those of its public turns: a helper's
    # run found a theme only a withheld turn spoke of in rows marked public)
    return [{**shown.get(_row_key(row), row), "public": _row_key(row) in shown} for row in rows]


#: What makes a spreadsheet that opens a CSV (Excel, LibreOffice, Google Sheets) take a cell for a formula where the
#: cell opens with it: '=HYPERLINK(...)' becomes a link to anywhere, "-10 procent" #NAME? (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """``value`` as a CSV cell: a text that opens like a formula (:data:`FORMULA_START`) after a "'", which makes it
    text in a spreadsheet, as OWASP advises; a number, and any other text, as it is. Only the CSV's: the JSON and the
    workbook (texts written as texts: :func:`write_sheet`) keep what was said as it was said."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def render_data(rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    # (``public`` only in a concept's: a public export's columns are as they were, a reviewer's read)
    writer = csv.DictWriter(buffer, fieldnames=DATA_FIELDS + (["public"] if rows and "public" in rows[0] else []))
    writer.writeheader()
    for row in rows:
        joined = {"themes": "; ".join(row["themes"]), "conversation_themes": "; ".join(row["conversation_themes"])}
        writer.writerow({name: csv_cell(value) for name, value in {**row, **joined}.items()})
    return buffer.getvalue()


#: The spreadsheet's column headers and kinds, in Dutch: a spreadsheet is read by people, where the CSV and JSON keep
#: the field names for tools. (A CSV opens in one column in a Dutch Excel, whose list separator is ';', and its accents
#: garbled without a byte order mark: the xlsx opens as it is, times as numbers.)
SHEET_HEADERS = {
    "conversation_id": "gesprek-id",
    "conversation": "gesprek",
    "kind": "soort",
    "speaker": "spreker",
    "organisation": "organisatie",
    "who": "wie (actiepunt)",
    "text": "tekst",
    "themes": "thema's",
    "conversation_themes": "thema's van het gesprek",
    "start": "begin (s)",
    "end": "eind (s)",
    "public": "openbaar",
}
SHEET_KINDS = {"quote": "citaat", "action_point": "actiepunt"}
SHEET_WIDTHS = {"conversation": 30, "speaker": 22, "organisation": 24, "who": 18, "text": 70, "themes": 24}


def write_sheet(rows: list[dict], path: Path, note: str | None = None) -> None:
    """Write the data ``rows`` as an Excel workbook (with xlsxwriter), atomically: one sheet, a row per quote or
    action point, the header frozen and filtered; every text a text, never a formula (a quote that opens with '=' or
    '-' is what was said). A concept's ``note`` is the workbook's comment and a line above the table."""
    import xlsxwriter

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    workbook.set_properties({"title": "Citaten en actiepunten", "comments": note or ""})
    sheet = workbook.add_worksheet("Citaten en actiepunten")
    bold, wrap = workbook.add_format({"bold": True}), workbook.add_format({"text_wrap": True, "valign": "top"})
    seconds = workbook.add_format({"num_format": "0.00", "valign": "top"})
    top = 0
    if note:
        sheet.write_string(0, 0, note, workbook.add_format({"bold": True, "font_color": "#C00000"}))
        top = 1
    names = DATA_FIELDS + (["public"] if rows and "public" in rows[0] else [])
    for column, name in enumerate(names):
        sheet.write_string(top, column, SHEET_HEADERS[name], bold)
        sheet.set_column(column, column, SHEET_WIDTHS.get(name, 14))
    for number, row in enumerate(rows, start=top + 1):
        for column, name in enumerate(names):
            value = row[name]
            if name in ("start", "end"):
                if value is None:
                    sheet.write_blank(number, column, None, seconds)
                else:
                    sheet.write_number(number, column, value, seconds)
            elif name == "public":
                sheet.write_string(number, column, "ja" if value else "nee", wrap)
            else:
                if name == "kind":
                    value = SHEET_KINDS.get(value, value)
                elif isinstance(value, list):
                    value = "; ".join(value)
                sheet.write_string(number, column, value or "", wrap)
    sheet.freeze_panes(top + 1, 0)
    sheet.autofilter(top, 0, top + max(len(rows), 1), len(names) - 1)
    workbook.close()
    with atomic_write(path, "wb") as handle:
        handle.write(buffer.getvalue())


def write_data(rows: list[dict], fmt: str, path: Path, note: str | None = None) -> None:
    """Write the data ``rows`` atomically as JSON, CSV or a spreadsheet (xlsx; a concept's ``note`` in it)."""
    if fmt == "xlsx":
        write_sheet(rows, path, note)
    else:
        write_text(render_data(rows, fmt), path)


def write_text(text: str, path: Path) -> None:
    with atomic_write(path) as handle:
        handle.write(text)
