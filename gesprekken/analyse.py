"""Dutch language analysis: people, organisations, places, themes, quotes and action points.

No trained Dutch spaCy pipeline exists on the registry, so the pipeline is built from
``spacy.blank("nl")`` with the Dutch lemma table of ``spacy-lookups-data``, a sentencizer,
and gesprekken's own components and data:

- ``gesprekken_entities``: the programme's people and organisations, organisation
  patterns ("gemeente Zwolle", "Woonstichting De Linie", "Kredietbank Zwolle"), and Dutch
  places from GeoNames (``data/places-nl.tsv``, made by ``scripts/make_places.py``);
- ``gesprekken_themes``: the thesaurus (``data/thesaurus.yaml`` or the organiser's own),
  matched on lemmas, inside compounds (*schuldhulpverlening* is schuldhulp) and with a
  little fuzziness for transcription errors;

and plain functions on top for quotable sentences, the headline quote and action points.
"""

import difflib
import math
import re
import sys
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .errors import GesprekkenError
from .paths import compose_yaml, load_yaml, read_text
from .transcript import Conversation, Participant, Turn

MIN_COMPOUND_TERM = 5  # shorter terms only match whole words
FUZZY_MIN_LENGTH = 7  # a shorter form heard is never read as a near-miss
SOUND_MIN_LENGTH = 6  # sound keys of terms shorter than this are not matched by sound
SOUND_CUTOFF = 84  # rapidfuzz ratio of two sound keys for a near-miss
SOUND_COMPOUND_LENGTH = 7  # a term's sound key this long may be the head or modifier of a form heard
NEGATIONS = frozenset(("geen", "niet"))  # a phrase term starting with one is never matched by sound
JOIN_MIN_CONFIDENCE = 0.6  # a near-miss across words must be this sure (common words join easily)
#: Whisper's word probability under which it doubted a word: a run of words with a rare one it doubted
#: needs less to be a near-miss of a term.
UNSURE_BELOW = 0.5
UNSURE_JOIN_CONFIDENCE = 0.5
JOIN_SIZES = (2, 3, 4)  # the words a join runs together (four: "voor wat hoort wat")
#: What a mention inside a prepositional phrase counts for: a little less, not much ("bij de
#: Voedselbank", "in onze nachtopvang" are often the only time an editor's theme is named).
IN_PASSING = 0.8
PREPOSITIONS = frozenset(
    "aan achter bij binnen buiten door in langs met na naar naast om onder op over per sinds tegen tot tussen "
    "uit van via voor zonder".split()
)
#: Words that may stand between a preposition and its noun: articles, possessives, quantifiers
#: (adjectives, ending in -e, are recognised by that).
NOUN_PHRASE_WORDS = frozenset(
    "de het een der des den mijn jouw je zijn haar ons onze jullie hun uw elk elke ieder iedere alle "
    "veel meer minder weinig geen die dat deze dit zo'n zulke".split()
)
ORGANISATION_HEADS = (
    "gemeente",
    "woonstichting",
    "woningstichting",
    "woningcorporatie",
    "corporatie",
    "stichting",
    "wooncorporatie",
    "huurdersvereniging",
    "huurdersorganisatie",
    "bewonerscommissie",
    "bewonersorganisatie",
    "huurdersraad",
    "zorggroep",
    "kredietbank",
    "volkshuisvesting",
    "woonbedrijf",
    "provincie",
    "ministerie",
    "ggd",
    "ggz",
    "woonzorg",
    "vereniging",
    "federatie",
    "woonbond",
    "aedes",
    "leger",
    "wijkteam",
)
DIRECTIONS = ("Noord", "Oost", "Zuid", "West", "Centrum", "Zuidoost", "Noordwest", "Zuidwest", "Noordoost")


class ThesaurusError(GesprekkenError):
    """The thesaurus file does not parse or contradicts itself."""


@dataclass(frozen=True)
class Theme:
    """A theme of the field, with the words that mean it."""

    id: str
    label: str
    description: str = ""
    terms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    #: Terms that tag a turn (for search) but say too little about what a whole conversation is about
    #: ("huur", "begeleiding"): they are among ``terms`` and do not count towards the conversation's themes.
    in_passing: tuple[str, ...] = ()


@dataclass
class Entity:
    """A person, organisation or place mentioned in a turn."""

    label: str  # PER, ORG or LOC
    text: str
    turn: int
    start_char: int
    end_char: int


@dataclass
class Quote:
    """A quotable sentence of a turn, with its score and themes."""

    turn: int
    text: str
    score: float
    themes: list[str] = field(default_factory=list)


@dataclass
class ActionPoint:
    """A sentence saying what should happen, and who should do it where it is said."""

    turn: int
    text: str
    speaker: str
    who: str
    themes: list[str] = field(default_factory=list)


@dataclass
class ConversationTheme:
    """A theme of the conversation as a whole, with the support it has and its rank."""

    theme: str
    score: float
    rank: int
    turns: int = 0
    speakers: int = 0
    mentions: int = 0


@dataclass
class Analysis:
    """Everything the analysis found in one conversation."""

    entities: list[Entity]
    turn_themes: list[list[str]]
    quotes: list[Quote]
    headline: Quote | None
    action_points: list[ActionPoint]
    #: The conversation's themes, best supported first (at most MAX_CHOSEN_THEMES).
    conversation_themes: list[ConversationTheme] = field(default_factory=list)
    #: The best headline quotes, the headline first (at most HEADLINE_CANDIDATES), for an editor to choose from.
    headline_candidates: list[Quote] = field(default_factory=list)
    #: ``quotes`` in the order they are offered after the headline: what editors pick by what it means
    #: (:func:`meaning_order`); empty where the analysis gave no such order (the quotes' own is used).
    offered_order: list[Quote] = field(default_factory=list)


# --- data ---------------------------------------------------------------------------------


def default_thesaurus_path() -> Path:
    return Path(str(files("gesprekken") / "data" / "thesaurus.yaml"))


def read_thesaurus(path: Path | None = None) -> dict[str, Theme]:
    """Read and check a thesaurus file (the packaged one by default).

    Read once per version of the file (its modification time and size): every command and
    every save at the editors' desk asks for the themes, and parsing the YAML takes 0.15 s.

    Raises:
        ThesaurusError: naming the file and line, and what to fix.
    """
    path = Path(path or default_thesaurus_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ThesaurusError(f"The thesaurus {path} does not exist; check the path") from None
    return dict(_read_thesaurus(path, stat.st_mtime_ns, stat.st_size))


#: What a theme of the thesaurus may say (gesprekken/data/thesaurus.yaml's header says what each is).
THEME_KEYS = ("id", "label", "description", "terms", "in_passing", "related")


@lru_cache(maxsize=8)
def _read_thesaurus(path: Path, mtime_ns: int, size: int) -> dict[str, Theme]:
    """The thesaurus parsed once per version of its file (a desk save re-analyses often)."""
    text = read_text(path, ThesaurusError, "thesaurus")
    data = load_yaml(text, path, ThesaurusError)
    node = compose_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise ThesaurusError(f"{path} line 1: expected a 'themes:' list; see gesprekken/data/thesaurus.yaml")
    items = next(v for k, v in node.value if k.value == "themes").value
    themes: dict[str, Theme] = {}
    for entry, item in zip(data["themes"], items, strict=True):
        line = item.start_mark.line + 1
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise ThesaurusError(f"{path} line {line}: every theme needs an 'id:' and a 'label:'; add them")
        theme_id = str(entry["id"])
        if theme_id in themes:
            raise ThesaurusError(f"{path} line {line}: the theme id {theme_id!r} is used twice; rename one")
        for key in entry:
            if key not in THEME_KEYS:
                # "term:" for "terms:" gave a theme with no terms, silently (a newcomer's run)
                close = difflib.get_close_matches(str(key), THEME_KEYS, n=1, cutoff=0.6)
                meant = f" (did you mean {close[0]!r}?)" if close else ""
                raise ThesaurusError(
                    f"{path} line {line}: the theme {theme_id!r} has a key {key!r} gesprekken does not read{meant}; "
                    f"a theme takes {', '.join(THEME_KEYS)}"
                )
        terms = entry.get("terms") or []
        in_passing = entry.get("in_passing") or []
        for key, value in (("terms", terms), ("in_passing", in_passing)):
            if not isinstance(value, list):
                raise ThesaurusError(f"{path} line {line}: '{key}:' of {theme_id!r} must be a list like [a, b]")
            if any(not str(term).strip() or term is None for term in value):
                # an empty term ("") tagged every conversation with the theme (an attack, session 56)
                raise ThesaurusError(f"{path} line {line}: '{key}:' of {theme_id!r} has an empty term; remove it")
        themes[theme_id] = Theme(
            theme_id,
            str(entry["label"]),
            str(entry.get("description") or ""),
            tuple(str(t).casefold() for t in [entry["label"], *terms, *in_passing]),
            tuple(entry.get("related") or ()),
            tuple(str(t).casefold() for t in in_passing),
        )
    for theme in themes.values():
        unknown = [r for r in theme.related if r not in themes]
        if unknown:
            raise ThesaurusError(
                f"{path}: theme {theme.id!r} is related to unknown theme ids {', '.join(unknown)}; fix 'related:'"
            )
    return themes


@lru_cache(maxsize=1)
def places() -> dict[str, bool]:
    """Dutch place names, each with whether it is also an everyday word."""
    text = (files("gesprekken") / "data" / "places-nl.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line)
    return {name: common == "1" for name, _, common in rows}


# --- the pipeline -------------------------------------------------------------------------


def _import_spacy():
    """Import spaCy without letting thinc import torch (a second of start-up we never use).

    thinc probes for torch on import; where torch is not loaded yet, the probe is told it
    is absent, and torch stays importable for diarization afterwards.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=4)
def _pipeline(thesaurus_path: str, mtime_ns: int, size: int):
    spacy = _import_spacy()
    from spacy.language import Language

    if not Language.has_factory("gesprekken_themes"):
        Language.factory("gesprekken_themes", func=_make_theme_matcher)
    if not Language.has_factory("gesprekken_lemmas"):
        Language.factory("gesprekken_lemmas", func=lambda nlp, name: LookupLemmas(lemma_lookup()))
    if not Language.has_factory("gesprekken_openings"):
        Language.factory("gesprekken_openings", func=lambda nlp, name: opening_starts_sentence)
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("gesprekken_openings")
    nlp.add_pipe("gesprekken_lemmas")
    nlp.add_pipe("gesprekken_themes", config={"thesaurus": thesaurus_path})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def lemma_lookup() -> dict[str, str]:
    """spacy-lookups-data's Dutch lemma table (word form -> lemma) as a plain dict.

    The table ships in ``data/lemmas/`` (copied by ``scripts/copy_dutch_tables.py``): the package
    itself holds every language's tables, 99 MB. spaCy's own lookup lemmatizer gives the same
    lemmas, but its Table hashes all 213,000 keys again on load (0.4 s); the plain dict comes
    straight from the JSON (0.1 s).
    """
    import srsly

    return srsly.read_gzip_json(str(files("gesprekken") / "data" / "lemmas" / "nl_lemma_lookup.json.gz"))


#: Brackets that open what follows them.
OPENINGS = frozenset("([{")


def opening_starts_sentence(doc):
    """An opening bracket after a sentence's end begins the next sentence, as spaCy's sentencizer does not (it keeps
    punctuation after a full stop with the sentence before): "achterstand. [naam verwijderd] van de gemeente ..."
    made a quote end in "[" and the next begin "naam verwijderd]" (an organiser's run after forget, session 55)."""
    for token in doc[1:]:
        if not token.is_sent_start:
            continue
        first = token.i  # back over every opener before it ("achterstand. ( [naam verwijderd] ...")
        while first > 0 and doc[first - 1].text in OPENINGS and not doc[first - 1].is_sent_start:
            first -= 1
        if first < token.i:
            doc[first].is_sent_start = True
            token.is_sent_start = False
    return doc


class LookupLemmas:
    """spaCy's Dutch lookup lemmatizer: each token's lemma is its lowercased form's entry in the
    table (whose keys are all lowercase), else the lowercased form."""

    def __init__(self, table: dict[str, str]):
        self.table = table

    def __call__(self, doc):
        get = self.table.get
        for token in doc:
            lower = token.text.lower()
            token.lemma_ = get(lower, lower)
        return doc


def pipeline(thesaurus: Path | None = None):
    """The Dutch pipeline, built once per version of the thesaurus file (its modification time and
    size) and process: a long-running ``serve`` analyses with the thesaurus as it is now.

    Raises:
        ThesaurusError: the thesaurus file does not exist.
    """
    path = Path(thesaurus or default_thesaurus_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ThesaurusError(f"The thesaurus {path} does not exist; check the path") from None
    return _pipeline(str(path), stat.st_mtime_ns, stat.st_size)


def _make_theme_matcher(nlp, name: str, thesaurus: str):
    return ThemeMatcher(nlp, read_thesaurus(Path(thesaurus)))


@dataclass(frozen=True)
class ThemeMatch:
    """Where a turn says a theme: tokens ``start:end``, the term heard, and how sure (0-1)."""

    start: int
    end: int
    theme: str
    term: str
    confidence: float
    #: 1 where the words are what the sentence is about, less inside a prepositional phrase
    #: ("aan de keukentafel", "bij elke renovatie": said in passing).
    centrality: float = 1.0


class ThemeMatcher:
    """Finds the themes a turn speaks of, also where Whisper split, joined or misheard the words.

    A term matches a token by its form or lemma, as the head or modifier of a compound
    (*huur|achterstanden*), across the words of a split compound (*status houders*, *woonzorg
    complex*), and as a near-miss in sound (:func:`gesprekken.heard.sound_key`: *levertbaarheid*,
    *wachtlest*, *confinant*) when the form heard is no common Dutch word. Near-misses count for
    less, the less alike and the more common the form heard.

    Sets ``doc.spans["themes"]`` (one span per match, labelled with the theme id) and
    ``doc.user_data["theme_matches"]`` (the :class:`ThemeMatch` of each span, same order).
    """

    def __init__(self, nlp, themes: dict[str, Theme]):
        from spacy.matcher import PhraseMatcher

        from .heard import phrase_key, sound_key

        self.themes = themes
        self.words: dict[str, str] = {}  # single-word term -> theme id
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sounds: dict[str, tuple[str, str]] = {}  # sound key -> (term, theme id)
        self.phrase_sounds: dict[str, tuple[str, str]] = {}  # a phrase term's words' sound keys -> term
        for theme in themes.values():
            for term in theme.terms:
                if " " in term:
                    self.phrases.add(theme.id, [nlp.make_doc(term)])
                else:
                    self.words.setdefault(term, theme.id)
                key = sound_key(term)
                # A negation ("geen woning", "niet gehoord") is what the phrase means; one word that
                # sounds like it ("gezinswoning") does not say it.
                if len(key) >= SOUND_MIN_LENGTH and term.split()[0] not in NEGATIONS:
                    self.sounds.setdefault(key, (term, theme.id))
                    if " " in term:
                        self.phrase_sounds.setdefault(phrase_key(term.split()), (term, theme.id))
        # Longest first, so "schuldhulpverlening" wins over "schuldhulp" where both are terms.
        self.compound_terms = sorted((t for t in self.words if len(t) >= MIN_COMPOUND_TERM), key=len, reverse=True)
        self.sound_keys = sorted(self.sounds, key=len, reverse=True)
        self._heard: dict[str, tuple[str, str, float] | None] = {}  # form -> its near-miss, once per process
        # (words run together, the rare ones of them Whisper doubted) -> term
        self._joined: dict[tuple[tuple[str, ...], bool], tuple[str, str, float] | None] = {}

    @staticmethod
    def _forms(lower: str, lemma: str) -> tuple[str, ...]:
        """The lemma, the form heard, and each without a plural ending, in that order: the first that
        is a term wins, the dictionary form as the thesaurus lists it, and the same words give the
        same term (and weight) in every process (a set's order changes with Python's hash seed:
        "vrijwilligers" was once the term, once "vrijwilliger")."""
        forms = (lemma, lower)
        # Plurals: -en, -s, and -'s after a vowel ("procedure's", Whisper's spelling as the editors').
        stripped = tuple(f[:-2] for f in forms if f.endswith(("en", "'s", "’s"))) + tuple(
            f[:-1] for f in forms if f.endswith("s") and f[-2:-1].isalpha()
        )
        return tuple(dict.fromkeys(forms + stripped))

    def _exact(self, forms: tuple[str, ...], boundaries: tuple[int, ...] = ()) -> tuple[str, str] | None:
        """A term that is one of ``forms``, or the head or modifier of one; with ``boundaries`` (a
        run of joined words), only a term that spans a boundary (else one word alone says it)."""
        for form in forms:
            if form in self.words:
                return form, self.words[form]
        # A compound's head or modifier, the longest first: huur|achterstand, schuldhulp|verlening.
        longest = max(map(len, forms))
        for size in range(longest - 1, MIN_COMPOUND_TERM - 1, -1):
            for form in forms:
                if len(form) <= size:
                    continue
                for where in ((0, size), (len(form) - size, len(form))):
                    term = form[where[0] : where[1]]
                    if term in self.words and (not boundaries or any(where[0] < b < where[1] for b in boundaries)):
                        return term, self.words[term]
        return None

    def _sounds_like(self, form: str) -> tuple[str, str, float] | None:
        """A term that ``form`` (no common word) nearly sounds like, or whose sound ends or starts it."""
        if form not in self._heard:
            self._heard[form] = self._sound_match(form)
        return self._heard[form]

    def _sound_match(self, form: str) -> tuple[str, str, float] | None:
        from rapidfuzz import fuzz, process

        from .heard import commonness, sound_key

        key = sound_key(form)
        if len(key) < SOUND_MIN_LENGTH:
            return None
        doubt = 1.0 - commonness(form)
        if key in self.sounds:
            term, theme = self.sounds[key]
            return term, theme, 0.9 * doubt
        best = process.extractOne(key, self.sound_keys, scorer=fuzz.ratio, score_cutoff=SOUND_CUTOFF)
        if best:
            term, theme = self.sounds[best[0]]
            return term, theme, (0.5 + 0.4 * (best[1] - SOUND_CUTOFF) / (100 - SOUND_CUTOFF)) * doubt
        for size in range(len(key) - 1, SOUND_COMPOUND_LENGTH - 1, -1):
            for part in (key[:size], key[-size:]):
                if part in self.sounds:
                    term, theme = self.sounds[part]
                    return term, theme, 0.7 * doubt
        return None

    def match_token(self, token) -> ThemeMatch | None:
        from .heard import is_common

        lower = token.lower_
        if not token.is_alpha and "-" not in lower and not lower[:-2].isalpha():
            return None
        found = self._exact(self._forms(lower, token.lemma_.casefold()))
        if not found and "-" in lower:
            # A compound written with a hyphen says its parts: the head last (wmo-loket, ggz-instelling).
            for part in reversed(lower.split("-")):
                found = part.isalpha() and self._exact(self._forms(part, part))
                if found:
                    break
        if found:
            return ThemeMatch(token.i, token.i + 1, found[1], found[0], 1.0)
        if len(lower) >= FUZZY_MIN_LENGTH and lower.isalpha() and not is_common(lower):
            heard = self._sounds_like(lower)
            if heard:
                return ThemeMatch(token.i, token.i + 1, heard[1], heard[0], heard[2])
        return None

    def match_join(self, tokens) -> ThemeMatch | None:
        """A term spoken as one word that Whisper wrote as two or three (*status houders*)."""
        from .heard import is_common

        parts = tuple(t.lower_ for t in tokens)
        # Whisper doubting a rare word it wrote ("vroeg zealering", "een zamhet") says it did not hear
        # a word it knew; a common word it doubted may still be that word ("de woning").
        unsure = tokens[0].doc.user_data.get("unsure", ())
        doubted = any(p in unsure and not is_common(p) for p in parts)
        if (parts, doubted) not in self._joined:
            self._joined[parts, doubted] = self._join_match(parts, doubted)
        found = self._joined[parts, doubted]
        return ThemeMatch(tokens[0].i, tokens[-1].i + 1, found[0], found[1], found[2]) if found else None

    def _join_match(self, parts: tuple[str, ...], doubted: bool = False) -> tuple[str, str, float] | None:
        """The term ``parts`` say run together; ``doubted``: Whisper was unsure of a rare word of them."""
        from .heard import is_common, phrase_key, sound_key

        # A phrase term whose words each sound as the term's do ("warm overdracht", "beschermt wonnen").
        if phrase_key(parts) in self.phrase_sounds:
            term, theme = self.phrase_sounds[phrase_key(parts)]
            return theme, term, 0.9
        if len(parts) > 3:
            return None
        joined = "".join(parts)
        boundaries = tuple(sum(len(p) for p in parts[:k]) for k in range(1, len(parts)))
        found = self._exact(self._forms(joined, joined), boundaries)
        if found:
            return found[1], found[0], 0.9
        heard = self._sounds_like(joined)
        if heard is None or heard[2] < (UNSURE_JOIN_CONFIDENCE if doubted else JOIN_MIN_CONFIDENCE):
            return None
        # Common words run together into a near-miss easily ("woning met" is nearly "woningwet"):
        # such a run must sound exactly like the term.
        if all(is_common(p) for p in parts) and sound_key(joined) != sound_key(heard[0]):
            return None
        return heard[1], heard[0], heard[2]

    @staticmethod
    def centrality(doc, start: int) -> float:
        """How central the words at ``start`` are to their sentence: less inside a prepositional
        phrase (a preposition before them, with only articles, possessives, numbers and
        adjectives between), the way a theme said in passing is said."""
        i = start - 1
        while i >= 0 and i >= start - 4:
            token = doc[i]
            lower = token.lower_
            if lower in PREPOSITIONS:
                return IN_PASSING
            if not (lower in NOUN_PHRASE_WORDS or token.like_num or lower.endswith("e")) or token.is_punct:
                break
            i -= 1
        return 1.0

    def __call__(self, doc):
        from spacy.tokens import Span

        # Phrases that overlap ("maanden achter" in "drie maanden achter met de huur") are one mention:
        # the longest is kept, the first where two are as long.
        matches: list[ThemeMatch] = []
        taken: set[int] = set()
        for match_id, start, end in sorted(self.phrases(doc), key=lambda m: (m[1] - m[2], m[1])):
            if not taken.intersection(range(start, end)):
                matches.append(ThemeMatch(start, end, doc.vocab.strings[match_id], doc[start:end].text.casefold(), 1.0))
                taken.update(range(start, end))
        for token in doc:
            if token.i in taken:
                continue
            match = self.match_token(token)
            if match:
                matches.append(match)
                taken.add(token.i)
        # Runs of two or three words no term matched, with no punctuation between them.
        tokens = list(doc)
        joinable = [t.is_alpha for t in tokens]
        spaced = [t.whitespace_ == " " for t in tokens]
        for size in JOIN_SIZES:
            for start in range(len(tokens) - size + 1):
                end = start + size
                if not all(joinable[start:end]) or not all(spaced[start : end - 1]):
                    continue
                if any(i in taken for i in range(start, end)):
                    continue
                match = self.match_join(tokens[start:end])
                if match:
                    matches.append(match)
                    taken.update(range(match.start, match.end))
        matches = [replace(m, centrality=self.centrality(doc, m.start)) for m in sorted(matches, key=lambda m: m.start)]
        doc.spans["themes"] = [Span(doc, m.start, m.end, label=m.theme) for m in matches]
        doc.user_data["theme_matches"] = matches
        return doc


# --- entities -----------------------------------------------------------------------------

TITLED_NAME = re.compile(
    r"\b(?:wethouder|minister|staatssecretaris|burgemeester|gedeputeerde|mevrouw|meneer|dokter)\s+"
    r"((?:(?:van|de|der|den|ter|el|al)\s+)*[A-Z][\w'’-]+(?:\s+(?:(?:van|de|der|den|ter|El|Al)\s+)*[A-Z][\w'’-]+)*)"
)
_TITLE_WORD = re.compile(r"^(?:[A-Z][\w'’-]*|'s-[A-Z][\w-]*|de|De|der|den|van|het|Het|des|op|aan)$")


def _organisation_end(tokens: list[str], start: int) -> int:
    """End of an organisation name starting with a head word: the capitalised words after it."""
    end = start + 1
    while (
        end < len(tokens)
        and _TITLE_WORD.match(tokens[end])
        and not (tokens[end].islower() and (end + 1 >= len(tokens) or not tokens[end + 1][:1].isupper()))
    ):
        end += 1
    while end > start + 1 and tokens[end - 1].islower():
        end -= 1
    return end


def find_entities(doc, turn: int, participants: list[Participant]) -> list[Entity]:
    """People, organisations and places in one turn's doc."""
    found: list[Entity] = []
    text = doc.text
    taken = [False] * len(text)

    def add(label: str, start: int, end: int) -> None:
        if any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        found.append(Entity(label, text[start:end], turn, start, end))

    # The programme's own names first: they are the surest.
    known = [(p.name, "PER") for p in participants] + [(p.organisation, "ORG") for p in participants if p.organisation]
    for name, label in sorted(known, key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE if label == "ORG" else 0):
            add(label, match.start(), match.end())
    # A participant called by first name or surname, and titled names ("wethouder Eline Prins").
    for p in participants:
        parts = p.name.split()
        surname = " ".join(parts[1:])
        for name in (parts[0], surname, surname[:1].upper() + surname[1:]):
            if len(name) > 2:
                for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                    add("PER", match.start(), match.end())
    for match in TITLED_NAME.finditer(text):
        add("PER", match.start(1), match.end(1))
    # Organisation patterns: a head word and the capitalised words after it.
    words = [t.text for t in doc]
    for i, token in enumerate(doc):
        head = token.lower_
        if head in ORGANISATION_HEADS and (token.is_title or head == "gemeente" or head in ("aedes", "woonbond")):
            end = _organisation_end(words, i)
            if end > i + 1 or head in ("aedes", "woonbond"):
                add("ORG", token.idx, doc[end - 1].idx + len(doc[end - 1].text))
        elif head == "leger" and i + 2 < len(doc) and doc[i + 1].lower_ == "des" and doc[i + 2].lower_ == "heils":
            add("ORG", token.idx, doc[i + 2].idx + len(doc[i + 2].text))
    # Places: the gazetteer, with district suffixes ("Arnhem-Oost"), and a capitalised word
    # after "in"/"uit"/"naar" that is no everyday word (neighbourhoods GeoNames lacks).
    gazetteer = places()
    for i, token in enumerate(doc):
        word = token.text
        base = word.split("-")[0] if "-" in word and word.split("-")[-1] in DIRECTIONS else word
        two = f"{word} {doc[i + 1].text}" if i + 1 < len(doc) else ""
        if two in gazetteer:
            add("LOC", token.idx, doc[i + 1].idx + len(doc[i + 1].text))
        elif base in gazetteer and token.is_title | word[:1].isupper():
            if gazetteer[base] and (token.is_sent_start or not word[:1].isupper()):
                continue
            add("LOC", token.idx, token.idx + len(word))
        elif (
            i > 0
            and doc[i - 1].lower_ in ("in", "uit", "naar", "rond")
            and word[:1].isupper()
            and token.is_alpha
            and not token.is_sent_start
            and len(word) > 3
            and token.lemma_.casefold() == token.lower_
            and not _is_everyday(token)
        ):
            add("LOC", token.idx, token.idx + len(word))
    return sorted(found, key=lambda e: e.start_char)


def is_dutch_word(word: str) -> bool:
    """Whether the Dutch lemma tables know ``word`` as an inflected form or as a lemma."""
    table, lemmas = _lemma_table()
    lowered = word.casefold()
    return lowered in table or lowered in lemmas


def dutch_lemma(word: str) -> str | None:
    """The lemma the Dutch lemma tables give for the inflected form ``word`` ("tegengekomen": "tegenkomen"),
    or None."""
    table, _ = _lemma_table()
    lemma = table.get(word.casefold())
    return None if lemma is None else str(lemma)


def is_dutch_lemma(word: str) -> bool:
    """Whether the Dutch lemma tables know ``word`` as a lemma ("kant", "plant")."""
    return word.casefold() in _lemma_table()[1]


@lru_cache(maxsize=1)
def _lemma_table() -> tuple:
    table = lemma_lookup()
    return table, frozenset(str(v).casefold() for v in table.values())


def _is_everyday(token) -> bool:
    """Whether a capitalised word is an ordinary Dutch word (known to the lemma tables)."""
    return token.lemma_.casefold() != token.lower_ or is_dutch_word(token.text)


# --- quotes and action points -------------------------------------------------------------

OPINION = re.compile(
    r"\b(ik vind|voor mij|wat mij betreft|moet|moeten|mag niet|mogen niet|geen|niemand|iedereen|echt|juist|"
    r"belangrijk|noodzaak|nodig|verdient|verdienen|kern|nooit|altijd|meer waard|beter dan|helpt)\b",
    re.IGNORECASE,
)
#: A general truth or a contrast: how a headline quote is often built ("Een huurder met begeleiding
#: is geen risico, maar een buurman", "Eenmalige steun is geen beleid", "Het gaat niet alleen om stenen").
MAXIM = re.compile(
    r"^(?:een|wie|je|elk|elke|iedere) (?!derde|kwart|paar|half|halve|aantal)\w+"
    r"|\b(?:geen|niet)\b[^.]{1,50}\bmaar\b|\bgaat (?:niet )?(?:alleen )?om\b|\b(?:zonder|meer dan|minder dan)\b"
    # a contrast after a comma ("..., niet met een pushbericht"), an order of things ("eerst ..., dan"),
    # the generic "je" after a topic put first ("Vertrouwen win je aan een tafel")
    r"|, (?:en |alleen )?(?:niet|geen)\b|^eerst\b[^.]*, dan\b|^\w+(?: \w+)? \w+ je\b"
    # a condition that makes a general truth ("Een huis is pas een thuis als ...")
    r"|\bpas\b[^.]{1,40}\bals\b",
    re.IGNORECASE,
)
#: The speaker's own situation ("wij", "onze", "mijn"), not said as an opinion ("voor mij"): news
#: about one organisation or one life rather than a quote that speaks for itself.
PERSONAL = re.compile(r"\b(?:ik|we|wij|onze|mijn|bij ons)\b", re.IGNORECASE)
#: A story told in the past ("ik had", "er kwam", "niemand had me uitgelegd"): an anecdote.
PAST = re.compile(r"\b(?:had|hadden|was|waren|kwam|kwamen|werd|werden|zei|zeiden|ging|gingen)\b", re.IGNORECASE)
#: A number, in figures or in words: a fact of one place, not a quote.
NUMBER = re.compile(
    r"\d|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|\w*(?:twintig|dertig|veertig|vijftig|"
    r"zestig|zeventig|tachtig|negentig|honderd|duizend)|procent|euro)\b",
    re.IGNORECASE,
)
#: Someone saying who they are: never a headline.
INTRODUCTION = re.compile(r"\b(?:ik ben|mijn naam is|ik werk bij|ik coördineer)\b", re.IGNORECASE)
DEPENDENT_START = re.compile(
    r"^(dat|die|daar|dan|ja|nee|en|maar|eens|prima|goed|mooi|zo|dus|want|daarom|dit|ook|afgesproken|ze|zij|hij|"
    r"fijn|precies|klopt|inderdaad|helemaal|natuurlijk)\b",
    re.IGNORECASE,
)
# Action points are found by the shape of the sentence, not by a list of sentences. Each pattern
# runs on the sentence lowercased, with Whisper's commas kept (a conditional's comma matters).
#: A proposal framed as what would be good, logical, helpful ("het zou logisch zijn als", "het lijkt
#: me goed om"): Whisper often mishears the adjective, so the frame alone counts.
#: A step proposed as a question, by who would take it: "Wat als we sleutelfiguren vragen ...?",
#: "En wat als ik bij het volgende gesprek mee aanschuif?" (not a worry: "wat als het misgaat?",
#: "wat als we niets doen?").
WHAT_IF = re.compile(r"^(?:(?:en|maar|dus|nou|ja),? )?wat als (?:we|wij|ik|jullie|u|jij|je)\b(?: \w+){2}")
NEGATION = re.compile(r"\b(?:niet|niks|niets|geen|nooit)\b")
#: Other proposals put as a question: what would be good, asked ("Zou het niet logisch zijn als jullie
#: ...?"), and an agreement proposed ("Kunnen we afspreken dat ...?"). A rhetorical question ("Wie gaat
#: dat betalen?") or an open one ("Zullen we beginnen?") stays none.
ASKED_PROPOSAL = re.compile(
    r"^(?:(?:en|maar|dus|dan),? )?(?:zou|zal) het niet (?:\w+ )?(?:(?:goed|mooi|mooier|logisch|beter|verstandig|"
    r"slim|handig|fijn|eerlijk|eerlijker|makkelijker|een idee) zijn|helpen|schelen),? (?:als|om)\b"
    r"|\b(?:kunnen|zullen) (?:we|wij) (?:dan |niet )?(?:afspreken|vastleggen|besluiten)\b"
)
#: What befalls the speakers rather than what they would do: "wat als we te laat zijn?", "wat als je
#: ziek wordt?", "wat als jij je baan verliest?" are worries, not steps.
BEFALLS = re.compile(
    r"\b(?:ben|bent|is|zijn|was|waren|word|wordt|worden|heb|hebt|heeft|hebben|kwijt\w*|ziek|verkeerd|"
    r"verlie\w*|mis(?:gaat|gaan|loopt|lopen|lukt)|te (?:laat|weinig|veel|duur))\b"
)
PROPOSAL = re.compile(
    r"\b(?:het (?:\w+ )?(?:zou|zal)|zou het)\b.{0,30}?\b(?:zijn|helpen|schelen)\b,? (?:als|om|dat|wanneer)\b"
    # a step the speaker can imagine or sees something in: "misschien is het een idee om", "ik zie
    # wel iets in een regeling" (not the reply "daar zie ik wel wat in", which ends there)
    r"|\b(?:is|lijkt|zou)\b(?: \w+){0,2} een (?:\w+ )?idee om\b"
    r"|\b(?:ik zie|zie ik)\b(?: \w+){0,2}? (?:iets|wat|veel) in \w+"
    # what the speaker would do or think good, inverted after what it is about ("een
    # welkomstmiddag zou ik een goed begin vinden", "dan zou ik de begeleiding laten doorlopen")
    # (Whisper hears "zou" as "zal" and puts commas where the speaker paused)
    r"|^(?!(?:dat|dit|die|daar)\b)(?:\w+,? ){1,8}(?:zou|zal) ik\b.{0,60}\b(?:vinden|doen|laten \w+|houden)\b"
    r"|^(?!(?:dat|dit|die|daar|het)\b)(?:\w+,? ){1,14}(?:zou|zal)\b.{0,30}\b(?:helpen|schelen|verschil maken)\b"
    # what would be good, its adjective lost to Whisper ("het moest te zijn als" for "het mooiste zou zijn als")
    r"|^(?:en |maar |dan )?het (?:\w+ ){1,2}zijn,? (?:als|om)\b"
    # imagining that something happens: "voorstellen" with a dat-clause, whatever Whisper made of "me"
    r"|(?<!niet )\bvoorstellen,? (?:is )?dat\b"
    # what would help if someone did something, whatever Whisper made of its opening ("hoezo ook helpen")
    r"|\b(?:helpen|schelen),? (?:als|wanneer) (?:jullie|u|de|we|wij|ze)\b"
    r"|\b(?:het|dat) lijkt me\b.{0,30}?\b(?:om|dat|als)\b"
    # a step imagined, in either order and with an adverb ("wat ik me ook kan voorstellen is dat",
    # "ik kan me goed voorstellen dat"), not denied ("ik kan me niet voorstellen"); with what is imagined
    # after it, as a clause or after a colon: "Dat kan ik me voorstellen" agrees, "Laat ik me even
    # voorstellen" introduces the speaker
    r"|\b(?:ik|we|wij)\b(?: (?!niet\b)\w+){0,3} (?:me|mij|ons)\b(?: (?!niet\b)\w+){0,2} voorstellen\b"
    r"(?=,? (?:is )?dat\b|: \w+ \w+)"
    # a judgement of what would be wise, in the present ("dan is het misschien verstandig om")
    r"|\b(?:is het|het is)\b(?: (?!niet\b)\w+){0,2}? (?:verstandig|slim|logisch|handig|zinvol|wijs|beter|tijd) "
    r"(?:om|als|dat)\b"
    r"|\b(?:mijn|ons) voorstel is\b|\bik stel,? voor\b|\bstel ik,? voor\b|\bwat mij betreft\b \w+ (?:we|wij)\b"
    r"|\bik zou het \w+ vinden als\b|\bwat ik (?:zou )?willen,? is\b|\b(?:zou|zal) ik\b.{0,60}\bwillen\b"
    r"|\bik zou\b.{0,60}\b(?:willen|organiseren|beginnen|starten|doen|maken|regelen|vragen|geven|kiezen)\b"
    r"|\b(?:ik|wij|we) denken? aan\b|\bik vind dat\b.{0,60}\b(?:moet|moeten|zou|zouden|mag|mogen)\b"
    r"|\blaten we\b|\b(?:dan |daarom |en |ook )?wil ik\b|^(?:dan |daarom |en |maar |ook )?ik wil\b"
    # what something can become or can be done ("de lege ruimte kan een ontmoetingsplek worden", "dat kan
    # geregeld worden"), not how it can turn out ("het kan alleen maar erger worden", "dat kan duur worden")
    r"|\bkan\b(?:(?!\bniet\b).){0,40}\b(?:een(?: \w+)? \w+|ge\w+[dtn]|\w+ge\w+[dtn]|(?:be|ver|ont|her)\w+[dtn])"
    r" worden\b"
    # what should be there, of no one in particular ("eigenlijk zou er bij elk gesprek ... moeten zijn")
    r"|\b(?:zou|zouden) er\b.{0,80}\bmoeten (?:zijn|komen|gebeuren|worden)\b"
    # what would be good or logical, its subject first ("zou een tuinregeling logisch zijn: dat wij ...")
    r"|^(?!(?:dat|dit|die|het)\b).{0,80}\b(?:zou|zouden) (?!het\b)(?:\w+ ){1,3}(?:logisch|goed|mooi|verstandig|"
    r"handig|slim|beter|fijn) zijn\b"
)
#: Something the speaker or their side will do: first person with a verb of doing, or the inverted
#: order after "dan"/"daarom" ("dan leg ik", "dan beginnen we").
COMMITMENT = re.compile(
    r"\b(?:ik|we|wij)\s+(?:ga|gaan|zorg|zorgen|stuur|sturen|plan|plannen|bel|bellen|neem|nemen|leg|leggen|"
    r"laat|laten|maak|maken|regel|regelen|organiseer|organiseren|start|starten|begin|beginnen|zet|zetten|"
    r"stel|stellen|reserveer|reserveren|open|openen|pak|pakken|spreken|sturen|vraag(?! van)|vragen(?! van)|"
    r"bespreek|bespreken|breng|brengen|meld|melden|zoek|zoeken|geef|geven|schrijf|schrijven|nodig|nodigen|besprek)\b"
    r"|\b(?:dan|daarom|daarna|straks|morgen|eerst|ook)\s+(?:\w+\s+){0,1}"
    r"(?:ga|gaan|zorg|zorgen|stuur|sturen|plan|plannen|bel|bellen|neem|nemen|leg|leggen|laat|laten|maak|maken|"
    r"regel|regelen|organiseer|organiseren|start|starten|begin|beginnen|zet|zetten|stellen|reserveren|bouwen|"
    r"openen|kijken|spreken|meld|schrijf|schrijven|vraag|vragen|bespreek|besprek|bespreken)\s+(?:ik|we|wij|onze|ons|de|het)\b"
    r"|^(?:die|dat|deze|dit|daar)\s+(?:\w+\s+)?(?:laat|laten|regel|regelen|stuur|sturen|zet|zetten|plan|plannen|"
    r"neem|nemen|leg|leggen|schrijf|schrijven|bel|bellen|meld|melden|organiseer|organiseren)\s+(?:ik|we|wij)\b"
    r"|^(?:die|dat|deze|dit)\s+(?:\w+\s+)?(?:doe|doen|geef|geven|pak|pakken|breng|brengen|betaal|betalen|maak|maken)"
    r"\s+(?:ik|we|wij)\b(?! niet\b)"
    # a promise said as one ("dat beloof ik", "wij garanderen"), a visit ("dan kom ik ... langs")
    r"|\b(?:beloof|beloven|garandeer|garanderen)\s+(?:ik|we|wij)\b|\b(?:ik|we|wij)\s+(?:beloof|beloven|garandeer)\b"
    r"|\b(?:kom|komen)\s+(?:ik|we|wij)\b.{0,60}\blangs\b|\b(?:ik|we|wij)\s+(?:kom|komen)\b.{0,60}\blangs\b"
    # an offer to the other side ("ik kan je vertellen welke straten", "ik kan een groep jongeren vragen")
    r"|\b(?:ik|we|wij)\s+(?:kan|kunnen)\s+(?:je|jullie|u)\b.{0,40}\b(?:vertellen|laten zien|sturen|geven|helpen|"
    r"uitleggen|brengen|mailen)\b(?! dat\b)"
    r"|^(?:die|dat|deze|dit)\s+\w+\s+(?:kan|kunnen)\s+(?:ik|we|wij)\b.{0,40}\b(?:regelen|maken|organiseren|"
    r"plannen|starten|openen|betalen)\b"
    r"|\b(?:dan|daarom|daarna)\s+(?:kan|kunnen)\s+(?:ik|we|wij)\b|\bwil\b.{0,40}\bbespreken\b"
    r"|^(?:dat|dit|die|daar)\s+(?:kan|kunnen|wil|zal)\s+(?:ik|we|wij)\b(?! niet\b).{0,50}\b(?:bespreken|regelen|"
    r"navragen|uitzoeken|voorleggen|meenemen|organiseren|vragen|nagaan)\b"
    r"|\b(?:ik|we|wij)\s+(?:lever|leveren|breng|brengen)\b"
    r"|\b(?:kan|zal) ik\b.{0,20}\btoezeggen\b|\bzeg ik\b.{0,30}\btoe\b|\bafgesproken\b|\bspreken (?:we )?af\b"
    # (not of a demonstrative: "dat zorgt voor onrust" says what causes what)
    r"|(?<!\bdat )(?<!\bdit )(?<!\bhet )(?<!\bwat )\b(?:zorgt|zorgen) voor\b"
    r"|\bgaat\b.{0,30}\blangs\b|(?<!het )\b(?:opent|openen|starten)\b(?! meer)"
    r"|\b(?:isoleren|plannen|nemen|regelen|stellen|reserveren|openen|starten) we\b"
    r"|\bwe gaan\b|\bwij gaan\b|\bgaan we\b|\bik ga\b"
    r"|\b(?:wij|we|ik|onze \w+)\s+(?:kunnen|kan)\b.{0,60}\b(?:regelen|opzetten|organiseren|isoleren|bouwen|maken|"
    r"neerzetten|verlagen|zorgen|beginnen|starten|aanbieden|betalen|geven|stellen|vragen|helpen)\b"
)
#: A condition followed by what it would make possible: "als jullie de adressen geven, kunnen
#: wij ...". The consequence starts with its verb (Dutch inverts after the condition).
CONDITIONAL = re.compile(
    r"(?:^|, )(?:en |maar |dus |dan )?(?:als|wanneer|zodra) (?!ik (?:kijk|zie|hoor|het|dat))"
    r"(?:[^,]{4,}?, (?:dan )?(?P<verb>\w+) (?P<subject>\w+)"
    # Whisper often leaves out the comma: then a verb and its subject after the condition's own verb.
    r"|[^,]{4,60}? (?:kan|kunnen|zal|zullen|hoeft|hoeven|zorgen|stellen|wordt|is) "
    r"(?:ik|we|wij|jullie|niemand|iedereen|er|het)\b)"
)
#: The condition itself: its conjunction, its subject and the word after it.
CONDITION = re.compile(r"\b(?:als|wanneer|zodra) (?P<subject>\w+) (?P<next>\w+)(?P<clause>[^,]*)")
#: Words after an impersonal "het" that show it is no article ("als het maar ..., als het goed is").
PARTICLES = frozenset(
    "maar niet wel toch nog ook echt dan straks nu weer zo allemaal misschien eenmaal goed te".split()
)
#: Subjects of a consequence that make it a general truth ("..., mis je het verhaal", "..., wordt het erger").
GENERIC = frozenset("je men het dat er".split())
#: Verbs of being and having: what a consequence then is, not what someone does.
COPULAS = frozenset("ben bent is zijn heb hebt heeft hebben word wordt worden blijf blijft blijven zit zitten".split())
#: Consequences that weigh rather than act ("als ik omval, kost dat de gemeente meer"): an argument.
#: So do consequences that say how people will react ("als jullie nu zeggen ..., dan denken ze: ..."): a
#: prediction, not a step.
JUDGEMENT_VERBS = frozenset(
    "kost kosten scheelt schelen klopt betekent levert "
    "denkt denken zegt zeggen vindt vinden merkt merken weet weten"
    # and what someone then perceives or understands ("als ik door de wijk loop, hoor ik niemand over
    # ...", "als ik eerlijk ben, snap ik die boosheid"): an observation, not a step
    " denk vind merk zie ziet zien hoor hoort horen snap snapt snappen begrijp begrijpt begrijpen".split()
)
#: A consequence that says what is then lacking or will not happen ("als er eenmaal een vonnis ligt,
#: hebben wij weinig keus meer", "als de huur ... gaat, komt die mevrouw niet terug"): a warning, not a step.
SCARCE = re.compile(r"\b(?:weinig|niets|niks|niet|geen|nooit)\b")
#: What happens every year, month or week, or always ("We sturen elk jaar in november een brief", "Elke vier
#: jaar komt er een nieuw project", "We bellen altijd eerst"): a routine described, not a step, unless it is
#: to start ("voortaan", "gaan"). Only in the main clause: "Ik regel dat er elke dinsdag iemand zit" is
#: one step that starts a routine.
HABITUAL = re.compile(
    r"\b(?:elk|elke|ieder|iedere) (?:\w+ )?(?:jaar|maand|week|dag|keer|kwartaal|voorjaar|najaar|zomer|winter|"
    r"ochtend|middag|avond|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b"
    r"|\b(?:jaarlijks|maandelijks|wekelijks|dagelijks|altijd|gewoonlijk|doorgaans|telkens)\b"
)
SUBORDINATE = re.compile(r" (?:dat|om|als|wat|hoe|waar|wie|wanneer|omdat|zodat|die|waarin|waarbij)\b")
#: (a wish or an offer is a step even with a routine: "De bewonerscommissie wil elk kwartaal de voortgang
#: bespreken", "Wij kunnen elk jaar twintig woningen reserveren")
STARTING = re.compile(
    r"\b(?:voortaan|vanaf|ga|gaan|gaat|zullen|zal|zou|zouden|wil|wilt|willen|kan|kunnen)\b|^(?:en |maar )?dan\b"
)
#: What someone else says should happen ("de minister zegt dat wij moeten bouwen", "ze zeggen allemaal
#: hetzelfde: als ik bel, ..."), what the speakers want to talk about ("daar wil ik het over hebben"), or
#: what was agreed or done before ("het Rijk heeft met ons afgesproken", "dat hebben we laten bekijken"):
#: reported, not proposed here.
REPORTED = re.compile(
    r"(?<!\bik )(?<!\bwe )(?<!\bwij )\b(?:zegt|zeggen|zei|zeiden)\b(?: \w+){0,2}(?: dat\b|:|,)"
    r"|^(?!.*\bmet (?:de|het|onze|ons|mijn)\b).*\bover (?:\w+ )?hebben\b"  # (not "met de wethouder over hebben")
    r"|\b(?:heeft|hebben|heb|had|hadden)\b(?: \w+){0,6} (?:afgesproken|besloten|laten \w+)\b"
    # an agreement of the past, in the passive ("dat was toch afgesproken"): a reproach, not a new step
    r"|\b(?:was|waren|werd|werden)\b(?: \w+){0,4} (?:afgesproken|besloten|toegezegd|beloofd)\b"
)
#: The speaker announcing their own words with a modal ("ik moet eerlijk zeggen:", "ik wil wel zeggen dat").
OWN_SAYING = re.compile(r"\b(?:ik|we|wij) (?:moet|moeten|wil|willen|zou|zouden|mag|mogen)\b(?: \w+){0,2} zeggen\b")
#: A promise refused ("Ik ga geen datum beloven", "ik ga niets beloven"): no action point (a promise not to
#: do something, "wij gaan niemand meer uitzetten", still is one).
REFUSED = re.compile(
    r"\b(?:(?:ik|we|wij) (?:ga|gaan|zal|zullen)|(?:ga|gaan|zal|zullen) (?:ik|we|wij)) (?:\w+ )?"
    r"(?:(?:niets|niks)\b|(?:niet|geen)\b.{0,40}\b(?:beloven|toezeggen|garanderen|beloftes?|beloften|toezegging\w*)\b)"
)
#: A capability denied ("wij kunnen het niet allemaal regelen") is no commitment.
DENIED = re.compile(r"\b(?:kan|kunnen)\b(?: \w+){0,2} niet\b")
#: A sentence that opens with a verb's stem, its object after it, after at most "en"/"maar"/"dus"/"ook":
#: an imperative ("En betrek ons vanaf het begin", "Laat de bewoner zelf kennismaken").
IMPERATIVE = re.compile(
    r"^(?:(?:en|maar|dus|ook|dan) )?(?P<verb>[a-z]{3,}) "
    r"(?:(?:dan|wel|ook|even|gewoon|alsjeblieft|vooral) )*(?P<next>\w+)"
)
QUANTIFIERS = frozenset("veel weinig meer minder alle elk geen iets niets wat zo".split())
#: What follows an imperative's verb: its object ("betrek ons", "geef mensen", "verhoog de huur").
OBJECT_START = frozenset(
    "de het een ons me mij hem haar hen die deze dit dat mensen bewoners huurders iemand iets jouw uw".split()
)


#: The future with "gaan", in either order ("ik ga het doorrekenen", "dat ga ik voor de kerst
#: doorrekenen"): the clause up to its first punctuation, whose last word is the infinitive.
GAAN_FUTURE = re.compile(r"\b(?:(?:ik|we|wij) (?:ga|gaan)|(?:ga|gaan) (?:ik|we|wij))\b(?P<clause>[^,.;:!?]*)")
#: Infinitives of being, having, knowing and perceiving: "ik ga eerlijk zijn", "die ga ik onthouden" says how the
#: speaker will be or what they will learn, not what they will do.
STATE_INFINITIVES = frozenset(
    "zijn worden blijven hebben weten vinden denken zien merken hopen zeggen kijken onthouden vergeten begrijpen "
    "snappen voelen geloven horen missen nadenken toegeven erkennen beseffen realiseren".split()
)
#: Finite verbs of being, having, thinking and the modals: after "dan" with "ik"/"we" they are no step
#: ("dan heb ik", "dan denk ik", "dan kan ik").
STATE_VERBS = frozenset(
    "ben zijn heb hebben denk denken weet weten vind vinden zie zien hoor horen snap snappen begrijp begrijpen "
    "krijg krijgen kan kunnen moet moeten wil willen zou zouden mag mogen hoop hopen vrees vrezen word worden "
    "blijf blijven zit zitten sta staan merk merken ken kennen zeg zeggen had hadden was waren lig liggen "
    "hoef hoeven voel voelen geloof geloven".split()
)
#: "Dan" opening a sentence, then a finite verb and "ik"/"we": Dutch puts the verb second, so this is
#: what the speaker will then do ("Dan geef ik haar volgende week jouw nummer", "Dan nodig ik haar uit").
THEN_I = re.compile(r"^(?:(?:en|maar|dus|ja|oké|prima|goed),? )?dan (?P<verb>[a-z]{2,}) (?:ik|we|wij)\b(?! niet\b)")


#: Infinitives of thinking, saying, knowing and being: after "moeten", "willen" or "zou" with a person
#: as subject they say how the speaker will talk or think ("ik moet eerlijk zijn", "u moet begrijpen
#: dat", "ik wil even zeggen", "die wil ik niet vergeten", "ik zou niet weten"), not what anyone will do.
MENTAL_INFINITIVES = frozenset(
    "zijn blijven weten denken zeggen onthouden vergeten begrijpen snappen geloven hopen toegeven erkennen "
    "bekennen beseffen realiseren nadenken afvragen benadrukken".split()
)
#: A modal with a person as its subject, in either order ("ik moet", "moet u", "wil ik", "ik zou").
PERSON_MODAL = re.compile(
    r"\b(?:(?:ik|we|wij|u|jullie|je|jij) (?P<after>moet|moeten|wil|wilt|willen|zou|zouden)"
    r"|(?P<before>moet|moeten|wil|wilt|willen|zou|zouden|laten) (?:ik|we|wij|u|jullie|je|jij))\b"
)
#: Verbs of the conversation itself after "willen": what the speaker will say next ("ik wil jullie bedanken",
#: "ik wil nog één ding toevoegen", "ik wil daar even op reageren"), and "wezen" ("laten we wel wezen").
TALK_INFINITIVES = frozenset("bedanken toevoegen aanvullen reageren opmerken wezen".split())
#: Where a modal's own clause ends: punctuation, or a subordinate clause (what is said, thought or asked).
CLAUSE_END = re.compile(r"[,.;:!?]| (?=(?:dat|of|als|om|wat|hoe|waar|waarom|waardoor|wie|wanneer|omdat|want|zodat)\b)")


def _attitude(text: str) -> tuple[int, int] | None:
    """Where a modal says how its subject talks, thinks or stands rather than what is to be done.

    A person's "moeten", "willen" or "zou" whose clause ends in an infinitive of thinking, saying or
    being ("ik moet eerlijk zijn", "u moet ook mijn kant zien", "die wil ik niet vergeten", "ik zou niet
    weten"), or a "willen" that is denied ("dat wil ik niet meer", "ik wil niet dat"): a hedge, a plea
    for understanding or a stance, not a step. What the other side should see on paper or have ("dan
    wil ik dat op papier zien", "ik wil de buurt erbij hebben") is a demand, so "zien" and "hebben"
    count after "moeten" only; "ik zou zeggen" hedges a proposal, so "zeggen" does not count after "zou".
    A copula followed by "als" or "om" frames a proposal ("ik zou blij zijn als jullie ...").

    Returns the span of the modal's clause, or None.
    """
    for found in PERSON_MODAL.finditer(text):
        modal = found["after"] or found["before"]
        end = CLAUSE_END.search(text, found.end())
        stop = end.start() if end else len(text)
        clause = text[found.end() : stop].split()
        if modal.startswith("wil") and NEGATION.search(" ".join(clause)):
            return found.start(), stop
        if end and text[end.end() :].lstrip().startswith(("als ", "om ", "wanneer ")):
            continue
        # ("jullie zouden eens moeten zien hoe ...": the last modal of the chain decides)
        chain = [modal] + [w for w in clause if w in ("moet", "moeten")]
        mental = MENTAL_INFINITIVES | ({"zien", "horen"} if chain[-1].startswith("moet") else set())
        if modal.startswith(("wil", "laten")):
            mental = mental | TALK_INFINITIVES
        if modal.startswith("zou"):
            mental = mental - {"zeggen"}
        _, lemmas = _lemma_table()
        for word in reversed(clause):
            if word in mental:
                return found.start(), stop
            if word.endswith("en") and word in lemmas:
                break
    return None


#: A denial in a commitment's clause ("ik vraag geen", "dat neem ik je niet kwalijk", "wij gaan daar niet
#: over"), unless it is a promise no longer to do something ("wij gaan geen gezinnen meer uitzetten").
DENIAL = re.compile(r"\b(?:niet|niks|niets|geen|nooit|niemand)\b(?!(?: \w+){0,2} meer\b)")
PROMISE = re.compile(r"\b(?:beloof|beloven|belooft|garandeer|garanderen|garandeert)\b")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause that holds ``text[start:end]``: between punctuation or subordinate clauses."""
    before = [m.end() for m in CLAUSE_END.finditer(text, 0, start)]
    after = CLAUSE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _denied(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the clause around a commitment's words when that clause is denied, else None.

    Dutch puts "niet"/"geen" in the clause it denies: "Ik vraag ook geen extra geld", "Wij gaan daar
    niet over" say what the speaker will not do or is not in charge of, not a step. A denial in
    another clause ("Dat doe ik, als het niet op een zaterdag valt") leaves the step, and so does a
    promise ("Dat beloof ik: de huur gaat niet omhoog").
    """
    span = _clause(text, start, end)
    clause = text[span[0] : span[1]]
    return span if DENIAL.search(clause) and not PROMISE.search(clause) else None


def _is_finite_verb(word: str) -> bool:
    """Whether a word is a present-tense verb the lemma tables know ("misgaat", "lukt", "gebeurt")."""
    table, _ = _lemma_table()
    lemma = str(table.get(word, word))
    return (lemma != word and lemma.endswith("n")) or (word.endswith("t") and is_verb_stem(word[:-1]))


def _no_step_condition(text: str, condition: re.Match) -> bool:
    """Whether a condition with a consequence is an argument or an observation rather than a step.

    A step is a condition someone can bring about with what it then makes possible ("als jullie de
    adressen geven, kunnen wij isoleren"). Not so:

    - a condition in the past ("als we toen hadden doorgezet, ...", "als ik vroeger belde, ..."): a
      regret or a story;
    - a condition of the generic "je"/"men" whose consequence is of no one in particular either ("als je
      alleen isoleert, wordt het schimmelprobleem erger", "..., mis je het verhaal"): a general truth;
    - an impersonal condition, "het" or "er" with no noun ("als het misgaat", "als er iets gebeurt"):
      what befalls, a step only when the speaker's side then acts ("als het misgaat, bel ik de
      wijkagent"), not when it then is or has something ("..., hebben ze meteen een achterstand",
      "..., zijn wij binnen een dag ter plaatse": a description of the service);
    - the speaker's own side in the condition and someone not at the table in the consequence: an
      argument about what would follow (see below).
    """
    found = CONDITION.search(text, max(0, condition.start() - 1))
    if not found:
        return False
    if PAST.search(found.group(0)) or re.search(r"\b(?:toen|vroeger)\b", found.group(0)):
        return True
    verb, subject = condition["verb"], condition["subject"]
    if found["subject"] in ("je", "men"):
        return subject in GENERIC  # (Whisper hears "jullie" as "je": a consequence of ours is still a step)
    impersonal = found["subject"] == "er" or (
        found["subject"] == "het" and (found["next"] in PARTICLES or _is_finite_verb(found["next"]))
    )
    if impersonal:
        return not (subject in FIRST_PERSON and verb not in COPULAS)
    # the speaker's own side in the condition, someone not at the table in the consequence ("als wij al die
    # tuinen gaan doen, betalen alle huurders mee", "als wij drugs aantreffen, kan de burgemeester de woning
    # sluiten", "als ik een medewerker stuur, zit er iemand minder aan de telefoon"): what would follow, an
    # argument; a step of the speaker's side is said as the consequence ("als jullie ..., kunnen wij ...")
    if found["subject"] in ("ik", "we", "wij") and subject is not None:
        return subject not in FIRST_PERSON and subject not in ADDRESSED
    return False


#: What is imagined in a "voorstellen dat"-clause.
IMAGINED = re.compile(r"\bvoorstellen,? (?:is )?dat (?P<clause>[^,.;:!?]*)")
#: Finite verbs of being and becoming in an imagined clause.
BEING = frozenset("is ben bent zijn was waren wordt worden".split())


def _sympathy(text: str) -> bool:
    """Whether "ik kan me voorstellen dat" imagines how someone feels or how hard something is.

    "Ik kan me voorstellen dat u boos bent", "... dat dat moeilijk is voor de bewoners": what is
    imagined is a state, said to show understanding, not a step ("... dat we in maart beginnen", "...
    dat de huismeester één middag in de flat zit"). What there should be ("dat er een vaste huismeester
    is") is still a step.
    """
    found = IMAGINED.search(text)
    if not found:
        return False
    words = found["clause"].split()
    if "er" in words:
        return False
    # the verb of being ends the clause (Dutch puts it last), at most a phrase after it ("... moeilijk is
    # voor de bewoners"); a "zijn" amid other words is a possessive or a verb Whisper misheard
    last = max((i for i, w in enumerate(words) if w in BEING), default=None)
    return last is not None and (last == len(words) - 1 or words[last + 1] in PREPOSITIONS)


def _gaan_future(text: str) -> str | None:
    """``"doing"`` or ``"state"`` for a first-person future with "gaan" and its infinitive, else None."""
    found = GAAN_FUTURE.search(text)
    if not found:
        return None
    _, lemmas = _lemma_table()
    # the last infinitive of the clause (a phrase may follow it: "op tafel leggen bij onze afdeling")
    for word in reversed(found["clause"].split()):
        if word in STATE_INFINITIVES:
            return "state"
        if word.endswith("en") and word in lemmas:
            return "doing"
    return None


def _then_i(text: str) -> bool:
    """Whether a sentence opens "dan" + a verb of doing + "ik"/"we" (see THEN_I)."""
    found = THEN_I.match(text)
    if not found or found["verb"] in STATE_VERBS or found["verb"] in NOT_A_VERB:
        return False
    return is_verb_stem(found["verb"])


def _infinitives(verb: str) -> set[str]:
    """The infinitives a verb's stem may belong to (geef/geven, nodig/nodigen, geloof/geloven)."""
    stem = verb[:-1] + {"f": "v", "s": "z"}.get(verb[-1], verb[-1])
    undoubled = stem[:-2] + stem[-1] if len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in "aeou" else stem
    return {verb + "en", verb + verb[-1] + "en", stem + "en", undoubled + "en"}


def is_verb_stem(verb: str) -> bool:
    """Whether ``verb`` is the stem of a verb the Dutch lemma tables know (geef/geven, nodig/nodigen)."""
    _, lemmas = _lemma_table()
    return any(c in lemmas for c in _infinitives(verb))


#: A separable particle or a destination that makes "neem" a step ("neem iemand mee", "neem contact op").
TAKEN_ALONG = re.compile(r"\b(?:mee|op|aan|over|door|in|af|terug|naar)\b")


def _imperative(text: str) -> bool:
    """Whether a lowercased sentence opens with a verb's stem: one whose infinitive the Dutch lemma
    tables know (betrek/betrekken, laat/laten, geef/geven, verhoog/verhogen), followed by no subject."""
    found = IMPERATIVE.match(text)
    # the addressee named after the bare stem ("Bel jij haar dan op"): a request, its question mark absent
    if not found or found["next"] not in OBJECT_START and found["next"] != "jij":
        return False
    verb = found["verb"]
    if not _step_stem(verb):
        return False
    # "neem" with nothing taken along gives an example ("Neem de familie Bakker: ...", "Neem het
    # voorbeeld van Utrecht"); "laat me" is the speaker's own next words ("Laat me je een voorbeeld
    # geven"), unless the other is to let them know.
    clause = re.split(r"[,.;:!?]", text[found.start("verb") :], maxsplit=1)[0]
    if verb == "neem" and not TAKEN_ALONG.search(clause):
        return False
    return not (verb == "laat" and found["next"] in ("me", "mij") and not re.search(r"\b(?:weten|horen)\b", clause))


def _step_stem(verb: str) -> bool:
    """Whether a sentence's first word is a verb's stem that asks for a step: not an infinitive, a
    plural, a pronoun, a preposition or "veel" (velen), and not an imperative of believing, perceiving
    or thinking, which asks for attention ("Geloof me, ...", "Kijk naar de cijfers", "Vergeet niet dat ...")."""
    if verb.endswith(("en", "e")) or verb in NOT_A_VERB or verb in PREPOSITIONS or verb in QUANTIFIERS:
        return False
    return not _infinitives(verb) & STATE_INFINITIVES and is_verb_stem(verb)


#: Words that do not start the consequence of a condition (its subject, an article, a conjunction):
#: after "als ...," Dutch puts the verb first, so a consequence starts with none of these.
NOT_A_VERB = frozenset(
    "ik je jij we wij jullie u hij zij ze het de een dat die dit deze dan en maar want omdat of als zodat er "
    "niet geen ook nog wel dus toch hun onze ons mijn".split()
)
#: Something that should happen, said with "moet(en)" of an actor who can do it (not of
#: "mensen", "je" or "ze": that is how things are, or advice to no one).
OBLIGATION = re.compile(
    r"\b(?:ik|we|wij|jullie|u|gemeente|gemeenten|corporatie|corporaties|rijk|provincie|ministerie|overheid|"
    r"wijkteam|bewonerscommissie|huurdersvereniging|wijkverpleging|team|huismeesters|\w+teams?)\s+"
    r"(?:moet|moeten|zou|zouden)\b"
    r"|\b(?:moet|moeten|zouden)\s+(?:we|wij|jullie|de gemeente|het rijk|de corporaties|de provincie|u)\b"
    r"|\bgemeente \w+ (?:moet|zou)\b"
    # (not where it should come from: "dat moet van de bewoners zelf komen" is a principle, not a step)
    r"|^(?:dat|die|het|dit) moet\b(?!.{0,40}\bvan\b.{0,30}\bkomen\b).{0,60}\b(?:staan|gebeuren|komen|worden)\b"
)
#: A duty with nothing in it but pronouns, adverbs and "doen" ("We moeten het samen doen", "Jullie moeten dat
#: anders doen"): an exhortation or a reproach that names no step.
EMPTY_DUTY = re.compile(
    r"\b(?:moet|moeten)\b (?:(?:we|wij|jullie|u|ik|het|dat|dit|ze|samen|anders|beter|gewoon|wel|ook|echt|"
    r"allemaal|toch|dan|nu|eens|zelf|met|z'n|zijn|alle|allen) )*doen\W*$"
)
#: A step told with what then happens to it, as a story of how things go: the speaker then undergoes
#: something ("Dan bel ik de corporatie en dan krijg ik een bandje", "..., en dan hoor ik weken niks"), or
#: someone else then does nothing ("Ik stuur ze een brief, ze sturen niks terug", "We plannen een afspraak,
#: en dan komt er niemand"): a complaint in the present, not a step. What the step brings ("..., dan hoort
#: iedereen het op tijd") is not told so.
NARRATIVE = re.compile(
    r"(?:, |\ben )(?:en |maar )?(?:dan )?(?:(?:krijg|krijgen) (?:ik|we|wij)|(?:ik|we|wij) (?:krijg|krijgen))\b"
    r"|(?:, |\ben )(?:en |maar )?(?:dan \w+ )?(?:ik|we|wij|ze|zij|die|er|niemand)\b[^,.;:!?]*"
    r"\b(?:niks|niets|niemand|nooit|geen)\b"
)
#: What any one of a kind must do ("Een corporatie moet haar huurders serieus nemen", "Elke gemeente moet
#: ..."): a general truth of its indefinite subject, not a step of anyone at the table.
GENERIC_DUTY = re.compile(
    r"^(?:(?:en|maar|dus),? )?(?:een|elke?|iedere?) (?!derde|kwart|paar|half|halve|aantal)\w+(?: \w+)? "
    r"(?:moet|moeten|zou|zouden)\b"
)
#: A question, a complaint about the past, a wish that is turned down ("zouden graag..., maar"),
#: or a rule of how things are ("mag niet", "moet je").
NOT_ACTION = re.compile(
    r"\b(?:mag niet|mogen niet|moet je|had\w* .{0,30}moeten|had\w* .{0,30}gemoeten)\b"
    r"|\b(?:zouden|zou|willen|wil)\b .{0,30}\b(?:graag|best)\b.{0,60}\bmaar\b"
    # (not "wat ik me kan voorstellen is", "wat ik wil is": what the speaker proposes, put first)
    r"|^(?:hoe|wat|wie|waarom|wanneer|welke|waar)\b(?! mij betreft| (?:ik|we|wij)\b[^,?]{0,40},? ?\b(?:is|willen)\b)"
    # a question that announces what follows, its question mark lost ("Begrijpelijk, weet je wat ook zou
    # helpen."), and a reason given for what was said ("Want als er straks ..., dan is ...")
    r"|\bweet je wat\b|^want\b"
    # what could have been done and was not ("dit hadden we in augustus al kunnen bespreken"): a regret
    r"|\bhad\w* .{0,40}\b(?:kunnen|willen|mogen)\b"
    # a question in its word order, its question mark lost: a finite verb first, then its subject, the
    # other side or a third ("Zouden jullie dat echt willen doen.", "Kunt u dat regelen.")
    r"|^(?:(?:en|maar|dus),? )?(?:kun|kunt|kunnen|kan|zou|zouden|wil|wilt|willen|moet|moeten|mag|mogen|gaat|"
    r"gaan|heb|hebt|heeft|hebben|bent|is|zijn|doe|doet|doen|weet|weten) (?:jullie|u|je|jij|ze|zij|hij)\b"
    # wondering ("ik vraag me af of"), and a verb with its particle and a dat-clause: what the speaker
    # assumes, admits or says ("ik neem aan dat", "ik geef toe dat", "we gaan ervan uit dat")
    r"|\b(?:vraag|vragen)\w* (?:ik |we |wij )?(?:me|mij|ons|zich|je)\b.{0,20}\baf\b"
    # the speaker introducing themselves ("Ik stel me even voor, ik ben ...", not "ik stel me voor dat ...")
    r"|\bstel\w* (?:ik |we |wij )?(?:me|mij|ons)\b(?: \w+){0,2} voor\b(?!,? dat\b)"
    # (the particle next to its verb, at most "er(van)" or an adverb between: in "we stellen een team aan
    # dat ..." an object stands between and "dat" opens a relative clause)
    r"|\b(?:ik|we|wij) \w+ (?:(?:er|ervan|daar|daarvan|wel|ook|gewoon|maar|even|dus|toch) )*(?:aan|toe|uit|op),? dat\b"
    # a wish turned down in the same breath ("het zou fijn zijn als ..., maar zo werkt het niet"), and
    # one that cannot come true, its clause in the past ("ik zou willen dat het anders was")
    r"|\b(?:zou|zouden)\b.*, maar\b[^,]*\b(?:niet|geen|nooit)\b"
    r"|\b(?:wou|wilde|zou willen) dat [^,.;:!?]*\b(?:was|waren|had|hadden|kon|konden)(?=[,.;:!?]|$)"
    # how something is taken, not a step: "nemen" with an adjective ("die angst neem ik serieus", "dat
    # neem ik haar niet kwalijk")
    r"|\b(?:neem|neemt|nemen)\b(?: \w+){0,4} (?:serieus|kwalijk|persoonlijk|letterlijk)\b"
    # talk about the talk ("ik wil even terugkomen op wat je net zei")
    r"|\b(?:op|over|aan|bij|naar) wat (?:je|jij|u|jullie) (?:\w+ )?(?:zei|zegt|zeiden|zeggen|vertelde|vertelt)\b"
    # asking or saying something now ("ik wil u iets vragen", "dan wil ik nog iets kwijt"), agreeing or
    # admitting ("ik geef je gelijk", "ik geef toe, het had beter gekund"), resignation ("dan kunnen we het
    # net zo goed laten")
    # (of the listener or no one: "ik wil de wethouder iets vragen" is a step; "gelijk" ending the clause,
    # not "ik geef je gelijk de sleutels", at once)
    r"|\b(?:u|je|jou|jullie|nog|ik|wil|even|mag) (?:iets|één ding|een ding|een vraag)\b(?: \w+){0,2} "
    r"(?:vragen|zeggen|kwijt)\b"
    r"|\bgeef\w*\b(?: \w+){0,3} gelijk(?: in)?(?=[,.;:!?]|$)|\bgeef (?:ik )?toe[,:]"
    r"|\bnet zo goed\b.{0,30}\b(?:laten|stoppen|ophouden|opgeven)\b"
    # worrying ("ik maak me zorgen over ...", "daar maken we ons grote zorgen over"): a feeling, not a step
    r"|\b(?:maak|maakt|maken)\b(?: \w+){0,2} (?:me|mij|ons|zich|je)(?: \w+)? zorgen\b"
    # a supposition ("stel dat de huur omhoog gaat, ...")
    r"|^(?:(?:en|maar|dus),? )?stel (?:nou |nu |eens |even )?dat\b"
)
#: The particle "maar" after an imperative's object gives leave rather than asks ("Vertel het me maar",
#: "Zet het maar in mijn agenda"): a reply, not a step.
#: A main clause of the speaker's side after a thought, a worry, a regret or agreement ("Ik vraag me af of dat
#: mag, dus ik leg het voor aan de jurist", "Ik had het eerder kunnen doen, maar ik regel het morgen"): a
#: sentence of its own, which may be a step.
OURS_AFTER = re.compile(r", (?:en|maar|dus|daarom) (?:dan )?(?=(?:ik|we|wij) )")
LEAVE = re.compile(r"\b(?:het|me|mij|ook|dan|gerust) maar\b")
#: Words that colour a reply without adding a step to it ("Dat wil ik best doen", "Dat schrijf ik op, hoor").
REPLY_PARTICLES = frozenset("wel best graag zeker gerust prima hoor ook echt even meteen nou".split())


def _acceptance(text: str) -> bool:
    """Whether a sentence is a short reply that takes up what the other said, by a bare demonstrative.

    "Dat kunnen wij regelen", "Dat wil ik best doen", "Die nemen we mee", "Dat schrijf ik op, hoor": the
    demonstrative is the other's proposal and nothing is added to it (no time, no place, no one), so the
    action point is the other's. The particles that colour a reply do not count as words; "die" must be a
    pronoun, its verb next ("Die ruimte geven wij" names what is given: a step of its own).
    """
    words = [w for w in re.findall(r"\w+", text) if w not in REPLY_PARTICLES]
    if not words or words[0] not in ("dat", "dit", "die") or not 2 <= len(words) <= 4:
        return False
    if words[0] == "die":
        table, _ = _lemma_table()
        return str(table.get(words[1], words[1])).endswith("n") and words[1] not in PREPOSITIONS
    return True


#: Sentences that say how things are now or have been, not what will be done.
DESCRIPTION = re.compile(
    r"\b(?:nu|al jaren|steeds|vaak|meestal|soms|inmiddels|elke dag|elke week|vroeger|al lang)\b"
    r"|\bal (?:\w+ )?(?:jaar|jaren|maanden|weken)\b|^(?:en |maar )?sinds\b"
    # what the speaker's side does already ("dat doen we al", "dat doen we in Tilburg al")
    r"|\b(?:ik|we|wij) al\b|\b(?:ik|we|wij)\b(?: \w+){0,3} al\W*$"
)
#: A practice, for action points only (quote_score keeps DESCRIPTION: "Eenzaamheid zit vooral achter de
#: voordeur" is a headline): "vooral", "normaal gesproken", and "al" ending the clause of "ik"/"we",
#: however long ("wij bellen na de eerste gemiste huur al.").
PRACTICE = re.compile(
    r"\b(?:vooral|voornamelijk|normaal gesproken|normaliter)\b|\b(?:ik|we|wij)\b[^,.;:!?]* al(?:[.!;]|\W*$)"
)
#: Words that tie a sentence to its place and moment ("hier", "dit jaar", "daarna"): news from one
#: situation, not a quote that stands on its own in a headline.
SITUATED = re.compile(r"\b(?:hier|daar|dit jaar|deze week|daarna|vorige?|volgende?|straks|morgen|gisteren)\b")
TIME_WORDS = re.compile(
    r"\b(volgend jaar|dit jaar|voor de zomer|na de zomer|in (?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)|elk kwartaal|volgend voorjaar|komende|binnen|over twee jaar)\b",
    re.IGNORECASE,
)


#: A word said twice is a figure of speech ("Een afspraak die niemand controleert, is geen afspraak
#: maar een wens", "Wie schulden heeft, heeft ..."): what makes a sentence quotable; not so for
#: function words and pronouns ("Wij zijn vrijwilligers, wij lezen ...").
REPEAT_IGNORED = frozenset("die dat een het van voor met wat maar niet wij jij zij hij ons hun hen zich men".split())
#: Not a figure of speech when said twice either: "mijn werk en mijn vrienden" (the rules still count them).
POSSESSIVES = frozenset("mijn onze jouw jullie".split())
#: The rules' weights of a sentence's parts (:func:`quote_parts`): :func:`quote_score` is 1 plus their
#: sum, in this order. "possessive_twice", "other_theme_alone", "overlong" and "offered" are the rules'
#: only; the learnt model (:func:`quote_features`) weighs the others (and "other_theme": a theme beside
#: the top one) apart.
RULE_WEIGHTS = {
    "opinion": 0.6,
    "maxim": 0.5,
    "denial": 0.3,
    "repetition": 0.4,
    "possessive_twice": 0.4,  # a possessive the only word said twice
    "themes": 0.2,
    "top_theme": 0.3,
    "other_theme_alone": 0.2,  # another of the conversation's themes, where the top one is not carried
    "dependent": -1.0,
    "lower_case": -1.0,  # it goes on from what went before (Whisper's full stop fell mid-sentence)
    "overlong": -0.05,  # per word over 22
    "offered": 0.3,  # at most HEADLINE_MAX_WORDS: the page can offer it
    "short": 0.3,  # a headline is short
    "described": -0.4,  # how things are now, or were here, is news, not a quote
    "unnamed": -0.3,
    "action": -0.3,
    "names": -0.4,
    "number": -0.3,
    "personal": -0.3,
    "past": -0.4,
    "introduction": -1.5,
    "garbled": -1.5,
}
#: Parts the rules have always added up first and then subtracted as one: summed in another order a
#: score's last digit moves in one sentence of about 200, and with it a tie (``quote_score`` is rounded).
SUMMED_TOGETHER = (("unnamed", "action", "names", "number"), ("personal", "past"))


#: Sentences a save sees again: a save of one turn at the editors' desk weighs every sentence of the conversation
#: again (its quotes' parts and late action points), whose shapes follow from their words alone.
SHAPES_KEPT = 1 << 16


def quote_parts(
    sentence: str,
    themes: list[str],
    conversation_themes: list[str] = (),
    named: bool = True,
    action: bool = False,
    names: bool = False,
) -> dict[str, float] | None:
    """The signs of a headline quote in a sentence, each a number (:data:`RULE_WEIGHTS` names them),
    or None where the sentence cannot be one (a question, under four words). :func:`quote_score`
    weighs them by rule, :func:`quote_features` hands them to the learnt model."""
    said = _said_parts(sentence)
    if said is None:
        return None
    top = bool(conversation_themes) and conversation_themes[0] in themes
    other = bool(set(themes) & set(conversation_themes[1:]))
    return {
        "opinion": said["opinion"],
        "maxim": said["maxim"],
        # a denial or contrast ("Eenzaamheid zie je niet aan de gevel"): most headlines an editor picks have one
        "denial": said["denial"],
        "repetition": said["repetition"],
        "themes": float(min(2, len(themes))),
        "top_theme": float(top),
        "other_theme": float(other),
        "dependent": said["dependent"],
        "lower_case": said["lower_case"],
        "words": said["words"],
        "short": said["short"],
        "described": said["described"],
        "unnamed": float(not named),
        "action": float(action),
        "names": float(names),
        "number": said["number"],
        "personal": said["personal"],
        "past": said["past"],
        "introduction": said["introduction"],
        "garbled": said["garbled"],
        "possessive_twice": said["possessive_twice"],
        "other_theme_alone": float(other and not top),
        "offered": said["offered"],
        "overlong": said["overlong"],
    }


@lru_cache(maxsize=SHAPES_KEPT)
def _said_parts(sentence: str) -> dict[str, float] | None:
    """:func:`quote_parts`'s parts that follow from the sentence's words alone (kept per sentence, as its action
    kind: a save at the desk weighs every sentence again); None for a question or under four words. Read only."""
    words = sentence.split()
    if sentence.rstrip().endswith("?") or len(words) < 4:
        return None
    lowered = sentence.casefold()
    said = [w.casefold() for w in re.findall(r"\w{3,}", sentence)]
    twice = {w for w in set(said) - REPEAT_IGNORED if said.count(w) > 1}
    return {
        "opinion": float(min(2, len(OPINION.findall(sentence)))),
        "maxim": float(bool(MAXIM.search(sentence))),
        "denial": float(bool(re.search(r"\b(?:niet|niets)\b", lowered))),
        "repetition": float(bool(twice - POSSESSIVES)),
        "dependent": float(bool(DEPENDENT_START.match(sentence))),
        "lower_case": float(sentence.lstrip()[:1].islower()),
        "words": float(len(words)),
        "short": float(len(words) <= 10),
        "described": float(bool(DESCRIPTION.search(lowered) or SITUATED.search(lowered))),
        "number": float(bool(NUMBER.search(sentence))),
        "personal": float(bool(PERSONAL.search(sentence))),
        "past": float(bool(PAST.search(sentence))),
        "introduction": float(bool(INTRODUCTION.search(sentence))),
        "garbled": garbled(words),
        "possessive_twice": float(bool(twice) and not twice - POSSESSIVES),
        "offered": float(len(words) <= HEADLINE_MAX_WORDS),
        "overlong": float(max(0, len(words) - 22)),
    }


def _rule_sum(parts: dict[str, float]) -> float:
    together = {group[0]: group for group in SUMMED_TOGETHER}
    inside = {part for group in SUMMED_TOGETHER for part in group[1:]}
    score = 1.0
    for part, weight in RULE_WEIGHTS.items():
        if part in together:
            score -= sum(-RULE_WEIGHTS[p] * parts[p] for p in together[part])
        elif part not in inside:
            score += weight * parts[part]
    return round(score, 3)


def quote_score(
    sentence: str,
    themes: list[str],
    conversation_themes: list[str] = (),
    named: bool = True,
    action: bool = False,
    names: bool = False,
) -> float:
    """How good a headline quote a sentence makes, by the rules: 1 plus its parts (:func:`quote_parts`)
    weighed by :data:`RULE_WEIGHTS`; 0 for a question or under four words.

    Short and self-contained (no opening "Dat", "Daarom"; no names, numbers or introductions, nothing
    that ties it to its place and moment: "hier", "dit jaar", "daarna"),
    opinionated (a judgement, a contrast "geen X, maar Y" or "X, niet Y", a general truth "Een huurder
    met begeleiding is ...", the generic "je", a word said twice), general rather than the speaker's
    own situation ("wij", "onze", "bij ons") or an anecdote told in the past, carrying the
    conversation's top theme, said by a named participant,
    and heard clearly (few words that are no Dutch at all). What should be done is an action
    point rather than a headline.

    Args:
        sentence: the sentence, as said.
        themes: the themes of the sentence.
        conversation_themes: the conversation's themes, best first.
        named: whether its speaker is a participant (not an unnamed voice).
        action: whether it is an action point.
        names: whether it names a person or an organisation.
    """
    parts = quote_parts(sentence, themes, conversation_themes, named, action, names)
    return 0.0 if parts is None else _rule_sum(parts)


def garbled(words: list[str]) -> float:
    """The share of words that are no Dutch at all (neither in the lemma tables nor in wordfreq, nor a word of
    the field: :func:`field_words`): what Whisper made of words it did not catch."""
    from .heard import zipf

    cores = [w.strip(".,!?;:'\"“”‘’()") for w in words]
    cores = [w for w in cores if w.isalpha() and not w[:1].isupper()]
    if not cores:
        return 0.0
    field = field_words()
    return sum(1 for w in cores if not is_dutch_word(w) and zipf(w) == 0 and w.casefold() not in field) / len(cores)


@lru_cache(maxsize=1)
def field_words() -> frozenset[str]:
    """The words of the field that the lemma tables and wordfreq do not know ("wederkerigheid",
    "vroegsignalering", "schuldhulpverlening"): the shipped thesaurus's single-word terms and
    :data:`gesprekken.vocabulary.FIELD_WORDS` (:func:`gesprekken.vocabulary.field_terms`), lowercased."""
    from .vocabulary import field_terms

    return frozenset(t.casefold() for t in field_terms(read_thesaurus()))


# --- the headline, learnt: quote_score's parts weighed by editors' choices ---------------------

#: The other speaker taking a sentence up at once ("Precies.", "Dat is mooi gezegd"): it landed.
REACTION = re.compile(
    r"^(?:(?:ja|nou|oh|o),? )?(?:precies|klopt|inderdaad|helemaal|absoluut|zeker|eens|mooi|goed gezegd|"
    r"dat is (?:mooi|goed|waar|precies|een mooie)|dat (?:klopt|ben ik met)|daar ben ik het)\b",
    re.IGNORECASE,
)
#: Turns at the start and the end of a conversation: introductions, and the thanks and summing up.
EDGE_TURNS = 3


def quote_features(
    sentence: str,
    themes: list[str],
    conversation_themes: list[str] = (),
    named: bool = True,
    action: bool = False,
    names: bool = False,
    place: tuple[int, int, int, int] = (0, 1, 0, 1),
    answered: bool = False,
) -> dict[str, float] | None:
    """The signs of a headline in a sentence, each a number, for the learnt model ``headline``
    (:mod:`gesprekken.learned`); None where the sentence cannot be one (a question, under four words, an
    introduction that names someone).

    The rules' own sum (:func:`quote_score`, ``rule``), its parts kept apart, and where the sentence
    is: ``place`` is (sentence in its turn, sentences in the turn, turn, turns), ``answered``
    whether the other speaker takes it up at once (:data:`REACTION`).
    """
    parts = quote_parts(sentence, themes, conversation_themes, named, action, names)
    if parts is None:
        return None
    if names and INTRODUCTION.search(sentence):
        return None  # "Ik ben Ingrid Vos van Het Anker, ...": an introduction is no quote, whatever it goes on to say
    at, of, turn, turns = place
    return {
        "rule": _rule_sum(parts),
        **parts,
        "first_in_turn": float(at == 0),
        "alone": float(of == 1),
        "opening": float(turn < EDGE_TURNS),
        "closing": float(turn >= turns - EDGE_TURNS),
        "answered": float(answered),
    }


def quote_rows(
    conversation: Conversation,
    sentences: list[tuple[int, str, list[str], str | None, bool]],
    top: list[str],
    carried: list[set[str]],
    named: set[str],
) -> list[tuple[int, str, list[str], dict[str, float]]]:
    """(turn, text, themes, :func:`quote_features`) of each sentence that may be a headline.

    ``sentences`` are (turn, text, themes, action kind, names someone) in order, ``top`` the
    conversation's themes best first, ``carried`` each turn's themes said in words that count,
    ``named`` the speakers taken for participants.
    """
    turns = conversation.turns
    per_turn: dict[int, int] = {}
    for index, *_ in sentences:
        per_turn[index] = per_turn.get(index, 0) + 1
    seen: dict[int, int] = {}
    rows = []
    for index, text, themes, kind, names in sentences:
        at = seen[index] = seen.get(index, -1) + 1
        last = at == per_turn[index] - 1
        following = turns[index + 1] if index + 1 < len(turns) else None
        answered = bool(
            last and following and following.speaker != turns[index].speaker and REACTION.match(following.text.strip())
        )
        carrying = [t for t in themes if t in carried[index]]
        features = quote_features(
            text,
            carrying,
            top,
            turns[index].speaker in named,
            kind is not None,
            names,
            (at, per_turn[index], index, len(turns)),
            answered,
        )
        if features is not None:
            rows.append((index, text, themes, features))
    return rows


#: The headline candidates' second model's sign of meaning: how close a sentence lies, read by the sentence
#: encoder, to what editors pick as a headline (a person's situation in concrete words, a contrast) rather than
#: to the other sentences of their conversations (``gesprekken/data/learned/headline_meaning-meaning.json``).
HEADLINE_MEANING = "headline_meaning"
#: How many of the first model's best the headline candidates keep before the second model's order (H8: the
#: headline and its second; BENCHMARKS, "Thirty-first round").
HEADLINE_KEPT = 2


def headline_meaning(texts: Sequence[str]) -> list[float]:
    """Each sentence's cosine with the profile of what editors pick as a headline: the unit direction from the
    mean vector of the other candidate sentences to that of the editors' headlines, learnt by
    ``benchmarks/learn_headline.py --meaning`` (:mod:`gesprekken.meaning`)."""
    import numpy as np

    from . import meaning

    profile = np.asarray(meaning.profiles(HEADLINE_MEANING)["headline"], dtype=np.float32)
    return [round(float(v), 6) for v in meaning.turn_vectors(texts) @ profile]


def meaning_order(rows: list[tuple[int, str, list[str], dict[str, float]]], quotes: list[Quote]) -> list[Quote]:
    """``quotes`` as the second headline model (``headline_meaning``: the signs of :func:`quote_features` and
    what the sentence means, learnt from every writer's headlines) ranks them, best first: the order the
    candidates after the headline are offered in (:func:`apply_corrections`). The headline itself stays the
    first model's best: editors pick by meaning, but this model's best is too often a sentence Whisper garbled
    on the conversation's subject (BENCHMARKS, "Thirtieth round")."""
    from .learned import model

    if not quotes:
        return []
    second = model(HEADLINE_MEANING)
    signs: dict[tuple[int, str], dict[str, float]] = {}
    for index, text, _, features in rows:
        signs.setdefault((index, text), features)
    # each quote once, a sentence said twice in a turn too ("Precies. ... Precies.")
    said = [q for q in quotes if (q.turn, q.text) in signs]
    closeness = headline_meaning([q.text for q in said])
    scored = [
        (-second.probability(signs[(q.turn, q.text)] | {HEADLINE_MEANING: near}), n, q)
        for n, (q, near) in enumerate(zip(said, closeness, strict=True))
    ]
    return [quote for *_, quote in sorted(scored, key=lambda s: s[:2])]


def headline_quotes(rows: list[tuple[int, str, list[str], dict[str, float]]]) -> list[Quote]:
    """The sentences as quotes, best first, scored by the learnt model ``headline`` (its probability
    that an editor picks the sentence as the headline); those under its threshold are left out."""
    from .learned import model

    headline = model("headline")
    quotes = [
        Quote(index, text, round(headline.probability(features), 4), themes) for index, text, themes, features in rows
    ]
    quotes = [q for q in quotes if q.score >= headline.threshold]
    quotes.sort(key=lambda q: (-q.score, q.turn))
    return quotes


@lru_cache(maxsize=SHAPES_KEPT)
def action_kind(sentence: str) -> str | None:
    """What kind of action point a sentence is, by its shape, or None when it is none.

    ``"proposal"``: a modal or hedged proposal ("het zou logisch zijn als", "ik kan me voorstellen
    dat", "laten we", "mijn voorstel is"); ``"conditional"``: a condition with what it makes
    possible ("als jullie ..., kunnen wij ..."); ``"commitment"``: what the speaker's side will do
    ("ik stuur", "dan beginnen we"); ``"obligation"``: what an actor must do ("de gemeente moet").
    A question, a complaint about the past, a wish turned down and a description of how things
    are now are none.
    """
    return _action_kind(sentence, 0)


#: How many hedges, denials and thoughts may be taken off a sentence before what is left of it is judged:
#: each is another pass over the sentence, and a run-on sentence of a thousand of them ("ik wil niet, ik
#: wil niet, ...") would take seconds and then pass Python's recursion limit.
MOST_TAKEN_OFF = 6


def _action_kind(sentence: str, taken_off: int) -> str | None:
    if taken_off > MOST_TAKEN_OFF:
        return None
    text = " ".join(sentence.casefold().split())
    if WHAT_IF.match(text) and not NEGATION.search(text) and not BEFALLS.search(text):
        return "proposal"  # "Wat als wij die grond in erfpacht geven?": a proposal put as a question
    if text.endswith("?") and ASKED_PROPOSAL.search(text):
        return "proposal"
    if text.endswith("?") or len(text.split()) < 4:
        return None
    not_action = NOT_ACTION.search(text)
    if not_action:
        ours = OURS_AFTER.search(text, not_action.end())
        return _action_kind(text[ours.end() :], taken_off + 1) if ours else None
    if _acceptance(text) or REFUSED.search(text):
        return None
    reported = REPORTED.search(text)
    # (inside a condition it is what a step waits for: "als het bestuur dat heeft besloten, dan ..."; the
    # speaker's own words announced with a modal, "ik moet eerlijk zeggen: ...", are the speaker's)
    if (
        reported
        and not re.search(r"\b(?:als|wanneer|zodra)\b", text[: reported.start()])
        and not OWN_SAYING.search(text, 0, reported.end())
    ):
        return None
    main = SUBORDINATE.search(text)
    routine = bool(HABITUAL.search(text, 0, main.start() if main else len(text))) and not STARTING.search(text)
    condition = CONDITIONAL.search(text)
    if condition and condition["verb"] not in NOT_A_VERB and not routine:
        lacking = condition["verb"] not in ("hoeft", "hoeven") and SCARCE.search(text, condition.start("verb"))
        weighs = condition["verb"] in JUDGEMENT_VERBS or lacking  # ("hoeven wij niet meer te wachten": a gain)
        weighs = weighs or _no_step_condition(text, condition)
        return None if weighs else "conditional"
    attitude = _attitude(text)
    if attitude:
        # what is left may still be a step ("Ik moet eerlijk zeggen: het zou goed zijn als jullie ...")
        rest = (text[: attitude[0]] + text[attitude[1] :]).strip(" ,.;:")
        return _action_kind(rest, taken_off + 1) if len(rest.split()) >= 4 else None
    if PROPOSAL.search(text) and not _sympathy(text):
        return "proposal"
    first, _, rest = sentence.strip().partition(" ")
    if (
        (OBLIGATION.search(text) or (rest.startswith("moet ") and first in places()))
        and not GENERIC_DUTY.match(text)
        and not EMPTY_DUTY.search(text)
    ):
        return "obligation"
    if DENIED.search(text):
        # what the speaker cannot do, then what they will ("Dat kan ik niet zelf beslissen, maar ik leg het
        # bij mijn manager neer"): the step after "maar" counts
        _, but, step = text.partition(", maar ")
        return _action_kind(step, taken_off + 1) if but and not DENIED.search(step) else None
    future = _gaan_future(text)
    step = GAAN_FUTURE.search(text) if future == "doing" else COMMITMENT.search(text)
    # (the clause the step's first word is in: a denial in a dat-clause after it, "ik ga ervoor zorgen dat
    # niemand ...", is what the step brings about)
    denied = _denied(text, step.start(), step.start() + 1) if step else None
    if denied:
        # the denied clause is no step; what is left may be ("Dat kan niet zo, maar ik bel de wethouder")
        rest = (text[: denied[0]] + text[denied[1] :]).strip(" ,.;:")
        return _action_kind(rest, taken_off + 1) if len(rest.split()) >= 4 and rest != text else None
    told = bool(NARRATIVE.search(text))
    if (future == "doing" or _then_i(text)) and not routine and not told and not MAXIM.search(text):
        return "commitment"
    if (
        COMMITMENT.search(text)
        and future != "state"
        and (not (DESCRIPTION.search(text) or PRACTICE.search(text)) or TIME_WORDS.search(text))
        and not routine
        and not told
    ):
        # a general truth ("Eten opent meer deuren dan een folder") is no commitment
        if not MAXIM.search(text) or FIRST_PERSON & set(text.split()):
            return "commitment"
    if _imperative(text) and not LEAVE.search(text):
        return "imperative"
    # Whisper writes a comma for a full stop: a short reply may open what is a step of its own
    # ("Daar kijk ik serieus naar, maar ik wil de buurt er vroeg bij hebben").
    rest = _without_opening(sentence.strip())
    if rest != sentence.strip():
        return _action_kind(rest, taken_off + 1)
    return None


def is_action_point(sentence: str) -> bool:
    """Whether a sentence says what should happen or will be done (see :func:`action_kind`)."""
    return action_kind(sentence) is not None


FIRST_PERSON = frozenset("ik we wij onze ons mijn".split())
#: What the speaker would do in the other's place ("ik zou een avond organiseren", "dan zou ik de
#: begeleiding laten doorlopen") or what would help, said of no one: advice to the other side.
ADVICE = re.compile(
    r"\b(?:ik zou|zou ik)\b(?!.{0,60}\b(?:willen|vinden)\b)"
    r"|^(?!.*\b(?:ik|we|wij)\b).*\bzou\b.{0,30}\b(?:helpen|schelen|verschil maken)\b"
)
ARTICLES = frozenset("de het een des der den".split())
ADDRESSED = frozenset("jullie u jij".split())
#: Where the one who should act stands in a proposal: the subject of the clause after the frame.
COMPLEMENT = re.compile(
    r"\b(?:zijn|helpen|schelen|lijkt me \w+|lijkt me|voorstellen|voorstel is|stel,? voor|wil ik|ik wil|"
    r"vinden|vind|afspreken|vastleggen)\b,?(?: \w+){0,2}? (?P<conjunction>als|dat|om|wanneer) (?P<rest>.*)"
)


#: A step both sides of the table take: a "we" that takes the other in ("zullen we ...", "laten we ...", "dat
#: we samen ...", "samen met jou", "jij en ik"), in the clause that says who acts. Not "samen met de
#: buurtcoach" (a third party), and a plain "ik kan me voorstellen dat we ..." or "wat als we ..." is most
#: often the speaker's own side, as editors list it (session 28's reading of the seen sets).
TOGETHER = re.compile(
    r"\b(?:zullen|laten) (?:we|wij)\b|\b(?:we|wij)\b(?: \w+){0,4} samen\b(?! met (?!jou|jullie|u\b))"
    r"|\bsamen\b(?! met (?!jou|jullie|u\b))(?: \w+){0,4} (?:we|wij)\b|\bsamen met (?:jou|jullie|u)\b"
    r"|\b(?:jij|u|jullie) en (?:ik|wij)\b|\b(?:ik|wij) en (?:jij|jullie|u)\b"
)
#: A "we" that is the speaker's own side: "in ons team", "bij ons", "intern", "mijn collega's en ik".
OWN_WE = re.compile(r"\b(?:ons|onze|intern|mijn)\b")


def both_sides(own: str, other: str) -> str:
    """Who should act where both sides of the table do (:func:`action_owner`): "<own> en <other>"."""
    return f"{own} en {other}"


def action_owner(
    sentence: str, kind: str | None, speaker: str, participants: list[Participant], entities: list[Entity]
) -> str:
    """Who should act on an action point, from the sentence's structure.

    The subject of the clause that says what should happen: of a proposal's complement ("het zou
    goed zijn als *jullie* ..."), of a condition's consequence, or else of the condition ("als *de
    gemeente* ..., voelt het veiliger"); of the sentence for an obligation or commitment. "Ik",
    "we" or "onze" is the speaker's own organisation; "jullie" the other side of a tweegesprek;
    "de gemeente" the municipality at the table; a named organisation itself. A proposal to
    someone unnamed ("het zou goed zijn als bewoners ...") is for the other side; a commitment
    is the speaker's. Both sides of the table, "<own> en <other>", where the "we" takes the other in
    (:data:`TOGETHER`: "laten we ...", "ik kan me voorstellen dat we samen ...") and is not the speaker's
    side (:data:`OWN_WE`: "in ons team"). A condition's consequence for "jullie" is the other side's in a
    tweegesprek.
    """
    own = next((p.organisation or p.name for p in participants if p.name == speaker), speaker)
    others = [p for p in participants if p.name != speaker]
    other = (others[0].organisation or others[0].name) if len(others) == 1 else own
    both = both_sides(own, other) if other != own else own
    text = " ".join(sentence.casefold().replace(",", " , ").split())

    def together(words: list[str]) -> bool:
        """Whether the clause these words open (up to its first comma) takes the other side in, and nothing
        in the sentence makes the "we" the speaker's side ("ik ga in ons team voorstellen dat we samen ...")."""
        clause = " ".join(words).split(" , ")[0]
        return bool(TOGETHER.search(clause)) and not OWN_WE.search(text)

    def actor(words: list[str], start: int) -> str | None:
        """The actor named by the first words of a clause (its subject), if any."""
        lead = words[:4]
        if any(w in FIRST_PERSON for w in lead[:3]):
            return both if together(words) else own
        if any(w in ADDRESSED for w in lead[:2]):
            return other
        for entity in entities:
            if entity.label == "ORG" and start <= entity.start_char < start + 40:
                return entity.text
        for p in participants:
            names = [
                w
                for w in p.organisation.split()
                if w[:1].isupper() and w.casefold() not in ORGANISATION_HEADS and w.casefold() not in ARTICLES
            ]
            if any(n.casefold() in lead for n in names[:1]):
                return p.organisation
        if "gemeente" in lead[:3]:
            return next(
                (p.organisation for p in participants if "gemeente" in p.organisation.casefold()), "de gemeente"
            )
        if lead[:2] in (["het", "rijk"], ["rijk"]):
            return "het Rijk"
        if "corporaties" in lead[:2]:
            return "de corporaties"
        return None

    words = text.split()
    if kind == "conditional":
        condition = re.search(r"\b(?:als|wanneer|zodra) (?P<rest>.*)", text)
        clause = condition["rest"].split(" , ", 1) if condition else [text]
        if len(clause) == 2:
            consequence = clause[1].split()[1:]  # after its verb
            if any(w in FIRST_PERSON for w in consequence[:2]):
                return both if together(clause[1].split()) else own
            if any(w in ADDRESSED for w in consequence[:2]) and len(others) == 1:
                return other  # "als er een huurder ..., dan moeten jullie ..."
        found = actor(clause[0].split(), 0)
        return found if found and found != other or (found == other and others) else own
    if kind == "imperative":
        return other
    if kind == "proposal":
        complement = COMPLEMENT.search(text)
        if complement:
            found = actor(complement["rest"].split(), len(text) - len(complement["rest"]))
            # "het zou logisch zijn om ..." names no one: most often the speaker's own next step
            return found or (own if complement["conjunction"] == "om" else other)
        if ADVICE.search(text):
            return other
        return actor(words, 0) or own
    return actor(words, 0) or own


# --- action points weighed in their conversation (learnt) ---------------------------------

#: The other speaker's next turn takes the step up ("Afgesproken.", "Daar teken ik voor", "Graag"):
#: a step agreed on, which an editor lists; a practice told is answered otherwise.
AGREED = re.compile(
    r"^(?:\W*(?:ja|nou|oké|ok|goed|mooi|prima|fijn|top|precies|graag|akkoord|afgesproken|deal|zeker|"
    r"uitstekend|heel goed|dat is goed|dat is een goed \w+|dat lijkt me \w+|doen we|dat doen we|"
    r"daar teken ik voor|dat spreken we af|dan doen we dat)\b)"
    r"|\b(?:afgesproken|akkoord|daar teken ik voor|dat spreken we af|ik houd u eraan|ik hou u eraan|"
    r"daar houd ik je aan|daar hou ik je aan|ik noteer|dat noteer ik|dat schrijf ik op)\b"
)
#: The other speaker asked for a step ("Wat gaat u daaraan doen?", "Kunnen jullie ...?", "Wat stelt u voor?").
ASKED_STEP = re.compile(
    r"\b(?:wat (?:gaat|gaan|kunt|kan|kunnen|wilt|wil|willen|zou|zouden|stelt|stel|doet|doen) "
    r"(?:u|jij|je|jullie|de gemeente|de corporatie)\b[^?]*\b(?:doen|voorstellen|voor|daaraan|toezeggen|"
    r"beloven|bieden|regelen)\b|(?:kunt|kan|wilt|wil|gaat|gaan|zou|zouden) (?:u|jij|je|jullie)\b[^?]*\?"
    r"|(?:kunnen|willen|gaan) jullie\b[^?]*\?|wat is (?:uw|jullie|je) (?:voorstel|plan|aanbod)|"
    r"wat stelt u voor|wat zou helpen|wat is er nodig)"
)
#: The other speaker asked how things go ("Hoe gaat dat bij jullie?", "Wat doen jullie als ...?"): what
#: comes back is a practice told in the present, which has a step's shape.
ASKED_HOW = re.compile(
    r"\bhoe (?:gaat|gaan|doet|doen|werkt|werken|pakt|pakken|regelt|regelen|zit|ziet|verloopt|komt|komen|weet|"
    r"bepaalt|bepalen|kiest|kiezen)\b[^?]*\?|\bwat doe(?:t|n)? (?:u|jij|je|jullie|de corporatie|de gemeente)"
    r"\b[^?]*\?|\bhoe vaak\b|\bhoe lang\b|\bhoeveel\b[^?]*\?"
)
#: Words of a step to come ("volgende week", "voortaan", "eerst", "ga", "zal"): a practice has none.
TO_COME = re.compile(
    r"\b(?:volgende?|komende?|voortaan|vanaf|morgen|straks|binnenkort|deze week|deze maand|na de|voor de|"
    r"eerst|dan|ga|gaan|gaat|zal|zullen|meteen|direct|morgenochtend|maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b"
)
#: A modal or a proposal's frame ("moeten", "zou", "kunnen", "laten we", "voorstel"): a step put forward.
MODAL = re.compile(
    r"\b(?:moet|moeten|moest|zou|zouden|kan|kunnen|kunt|wil|willen|wilt|mag|mogen|laten|voorstel|stel voor|"
    r"zullen|zal)\b"
)
#: How things are done now ("nu", "al", "altijd", "gewoon", "meestal"): a practice, not a step.
NOW = re.compile(r"\b(?:nu|al|altijd|gewoon|meestal|vaak|soms|steeds|inmiddels|normaal|eigenlijk)\b")
#: A wish or a demand of the speaker ("ik wil dat ...", "ik zou willen dat"): a position taken, which an
#: editor lists only when it becomes a step.
WISH = re.compile(r"\b(?:ik|we|wij) (?:wil|willen|zou willen|zouden willen|wil ook|wil wel)\b|\bwil ik\b")
#: What ties a sentence to what was just said ("Maar dan ...", "Dat neem ik mee", "Die ..."): a reply or
#: an objection, not a step that stands on its own.
TIED_OPENING = re.compile(r"^(?:\W*(?:ja|nee|nou|oké|goed),? )?(?:maar|dat|die|dit|daar|en dan|dan moet)\b")
#: Something concrete: a number, a day, a month or a name inside the sentence ("vrijdag", "in maart",
#: "twintig woningen", "Ter Apel").
CONCRETE = re.compile(
    r"\b(?:\d+|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig|dertig|veertig|vijftig|honderd|"
    r"\w+honderd|duizend|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart|"
    r"april|mei|juni|juli|augustus|september|oktober|november|december|morgen|volgende week|voor de kerst)\b"
)
#: The features of :func:`action_point_features`, in the order the model's JSON names them: the
#: sentence alone (its rule's kind, its words), where it stands, and the conversation around it.
SENTENCE_FEATURES = (
    "rejected",
    "proposal",
    "conditional",
    "obligation",
    "imperative",
    "to_come",
    "modal",
    "now",
    "wish",
    "tied_opening",
    "concrete",
    "words",
    "asked",
    "verb_first",
    "own_dated",
)
PLACE_FEATURES = ("position", "last_in_turn", "others_in_turn", "candidates")
CONTEXT_FEATURES = ("agreed_after", "asked_step", "asked_how", "own_side", "taken_up", "echoes_before")
ACTION_POINT_FEATURES = SENTENCE_FEATURES + PLACE_FEATURES + CONTEXT_FEATURES


def _acts(who: str, side: str, others: list[str]) -> bool:
    """Whether ``side`` is among those :func:`action_owner` says should act: itself, or first of both sides
    (``others``: the other participants' sides)."""
    return who == side or who in {both_sides(side, other) for other in others}


def action_point_features(conversation: Conversation, actions: list[ActionPoint]) -> list[dict[str, float]]:
    """What the learnt model weighs of each action point the rules found, in its conversation.

    Whether the rules rejected it (:func:`late_action_points`) and the rule's kind (a commitment is
    the baseline); where in the conversation it is said; whether the
    other side takes it up in the next turn or asked for a step or for how things go in the turn
    before; words of a step to come, of a modal and of how things are now; whether the speaker's own
    side acts; how many other points the same turn and the conversation have (a turn of many is a
    practice told at length); whether it ends its turn; its length. And the sentence's shape
    (:func:`shape_grams`, each run of its words' kinds a feature ``shape:...`` of value 1), in which the
    model learns what no rule of structure says ("ik kan ... VI", "VS ik op T").
    """
    turns = conversation.turns
    per_turn: dict[int, int] = {}
    for action in actions:
        per_turn[action.turn] = per_turn.get(action.turn, 0) + 1
    owners = {p.name: (p.organisation or p.name) for p in conversation.participants}

    # Each turn's text folded once, and what is said after a turn once per turn, not once per action point:
    # a long turn of many points was read again for each (session 57's note: a turn of 880,000 characters).
    folded_texts: dict[int, str] = {}
    later: dict[int, str] = {}

    def folded(turn: Turn) -> str:
        if id(turn) not in folded_texts:
            folded_texts[id(turn)] = " ".join(turn.text.casefold().split())
        return folded_texts[id(turn)]

    def said_after(index: int) -> str:
        if index not in later:
            later[index] = " ".join(t.text for t in turns[index + 1 :]).casefold()
        return later[index]

    rows = []
    for action in actions:
        text = " ".join(action.text.casefold().split())
        kind = action_kind(action.text)
        shape = offered_shape(action.text) if kind is None else None
        turn = turns[action.turn] if action.turn < len(turns) else None
        after = next((t for t in turns[action.turn + 1 :] if turn is None or t.speaker != turn.speaker), None)
        before = next((t for t in reversed(turns[: action.turn]) if turn is None or t.speaker != turn.speaker), None)
        before_text = folded(before) if before else ""
        after_text = folded(after) if after else ""
        turn_text = folded(turn) if turn else text
        at = turn_text.find(text[: max(12, len(text) // 2)])
        rest = turn_text[at + len(text) :] if at >= 0 else ""
        rows.append(
            {
                "rejected": float(kind is None),
                "asked": float(shape == "asked"),
                "verb_first": float(shape == "verb_first"),
                "own_dated": float(shape == "own_dated"),
                "proposal": float(kind == "proposal"),
                "conditional": float(kind == "conditional"),
                "obligation": float(kind == "obligation"),
                "imperative": float(kind == "imperative"),
                "position": action.turn / max(1, len(turns) - 1),
                "agreed_after": float(bool(AGREED.search(after_text))),
                "asked_step": float(bool(ASKED_STEP.search(before_text[-300:]))),
                "asked_how": float(bool(ASKED_HOW.search(before_text[-300:]))),
                "to_come": float(bool(TO_COME.search(text) or TIME_WORDS.search(text))),
                "modal": float(bool(MODAL.search(text))),
                "now": float(bool(NOW.search(text) or PRACTICE.search(text) or HABITUAL.search(text))),
                # (the speaker's side among those who act: "<own> en <other>" too, see action_owner)
                "own_side": float(
                    _acts(
                        action.who,
                        owners.get(action.speaker, action.speaker),
                        [side for name, side in owners.items() if name != action.speaker],
                    )
                ),
                "others_in_turn": float(per_turn[action.turn] - 1),
                "candidates": math.log(len(actions)),
                "last_in_turn": float(len(rest.split(maxsplit=2)) <= 2),
                "words": math.log(len(text.split())),
                "wish": float(bool(WISH.search(text))),
                "tied_opening": float(bool(TIED_OPENING.search(text))),
                "concrete": min(3.0, len(CONCRETE.findall(text)) + _names_inside(action.text)),
                "taken_up": _shared(text, said_after(action.turn)),
                "echoes_before": _shared(text, before_text),
            }
            | dict.fromkeys((SHAPE + gram for gram in shape_grams(action.text)), 1.0)
        )
    return rows


#: The words a sentence's shape keeps as they are (:func:`sentence_shape`): Dutch's closed classes
#: (pronouns, modal and auxiliary verbs, conjunctions, articles, prepositions, particles, negation,
#: question words) and the few words of time and judgement a step is framed with. Every other word is
#: only its kind. What a step looks like is in these ("ik kan ... VI", "zal ik", "VS ik op T", "als
#: jullie ..., dan"), whoever wrote the sentence and whatever it is about.
SHAPE_WORDS = frozenset(
    """ik je jij u we wij jullie ze zij hij het die dat dit deze er daar hier mij me ons onze mijn jouw uw hun
    zich zelf kan kunnen kun kunt zal zullen zou zouden moet moeten wil willen wilt ga gaan gaat ben is zijn
    was waren heb hebben heeft had hadden word wordt worden laat laten mag mogen hoeft hoeven doe doen doet
    zorg zorgen als dan dus maar want en of omdat zodat wanneer zodra voordat tenzij toen terwijl niet geen
    wel nog al ook graag gewoon eens even misschien eigenlijk nou ja nee oké voortaan morgen vanavond straks
    binnenkort altijd vaak nooit soms elke iedere wat wie waarom hoe waar welke de een met voor naar bij op
    in aan van om te tot door over uit mee af vorig vorige geleden vroeger destijds sinds volgende volgend
    komende toe samen zo heel echt goed mooi logisch belangrijk idee voorstel afspreken afspraak stel
    zeg""".split()
)
#: The prefix of the learnt action point model's sentence-shape features (:func:`shape_grams`).
SHAPE = "shape:"


def _word_kind(word: str, first: bool) -> str:
    """A word of a sentence's shape: itself when a closed-class word (SHAPE_WORDS), else its kind:
    ``NUM`` a number, ``T`` a word of DATED (a weekday, a month, "morgen", any "...avond" or
    "...middag"), ``NAME`` a capital inside the sentence, ``VS`` a word that is a verb's stem as the
    lemma tables spell it (stuur, bel, but also many short nouns that are one: kerk, huur, plan, brief,
    wijk), ``VP`` a past participle (gestuurd), ``VF`` another inflected verb form (stuurt, belde),
    ``VI`` a word ending in -en the tables know as a lemma (sturen; also plurals), ``W`` any other word.
    Coarse, without a tagger: the model learns which runs of them go with a step, noise and all."""
    lowered = word.casefold()
    if lowered in SHAPE_WORDS:
        return lowered
    if lowered.isdigit():
        return "NUM"
    if DATED.fullmatch(lowered):
        return "T"
    if word[:1].isupper() and not first:
        return "NAME"
    if is_verb_stem(lowered):
        return "VS"
    lemma = dutch_lemma(lowered)
    if lemma and lemma.endswith("en") and lemma != lowered:
        return "VP" if lowered.startswith("ge") else "VF"
    return "VI" if lowered.endswith("en") and is_dutch_lemma(lowered) else "W"


def sentence_shape(text: str) -> list[str]:
    """A sentence as the sequence of its words' kinds (:func:`_word_kind`) and its commas, colons,
    question and exclamation marks, between ``<s>`` and ``</s>``: "Ik kan de kerk openstellen voor een avond." is
    ``<s> ik kan de VS VI voor een T </s>``."""
    words = re.findall(r"\w+|[,?:!]", text)
    kinds = [w if not w[0].isalnum() else _word_kind(w, n == 0) for n, w in enumerate(words)]
    return ["<s>", *kinds, "</s>"]


def shape_grams(text: str, longest: int = 3) -> set[str]:
    """The runs of one to ``longest`` kinds of a sentence's shape (:func:`sentence_shape`), each a
    feature of the learnt action point model (``shape:ik kan de``)."""
    shape = sentence_shape(text)
    return {" ".join(shape[i : i + n]) for n in range(1, longest + 1) for i in range(len(shape) - n + 1)}


def _shared(sentence: str, other: str) -> float:
    """The share of a sentence's longer words (six letters or more) that ``other`` says too."""
    words = {w for w in re.findall(r"\w+", sentence) if len(w) >= 6}
    if not words:
        return 0.0
    said = set(re.findall(r"\w+", other))
    return len(words & said) / len(words)


def _names_inside(sentence: str) -> int:
    """How many capitalised words a sentence has after its first: names of places, people, organisations."""
    return sum(1 for word in sentence.split()[1:] if word[:1].isupper() and word not in ("Ik", "We", "Wij"))


#: A sentence the rules reject that still has a step's shape, offered to the model: a person and a modal
#: ("Ik kan het op de agenda zetten", "Kun jij vijf jongeren vinden?") or a proposal's frame ("ik denk
#: dat het logisch is om ..."). Editors list many of these that no rule of structure took.
PERSON = re.compile(r"\b(?:ik|we|wij|jullie|je|jij|u)\b")
STEP_MODAL = re.compile(r"\b(?:kan|kunnen|kun|kunt|moet|moeten|zou|zouden|ga|gaan|zal|zullen|wil|willen|wilt)\b")
STEP_FRAME = re.compile(r"\b(?:logisch|verstandig|eerlijk|slim|beter|goed idee)\b")


#: A step offered as a question ("Wat als jouw huurders twee mensen kiezen?", "Zullen wij dan
#: inventariseren ...?", "Zou het niet mooi zijn als ...?"): the rules take only some of these.
ASKED_OFFER = re.compile(
    r"^(?:(?:en|maar|dus|dan|nou|ja|oké),? )?(?:wat als (?:\w+ ){0,3}?(?:ik|we|wij|jullie|u|jij|je|jouw|uw|mijn|onze|"
    r"de|het|een)\b|(?:zullen|kunnen) (?:we|wij)\b|zal ik\b|zou het niet\b|waarom (?:\w+ )?(?:we|wij|jullie|u|je) "
    r"(?:\w+ )?niet\b)"
)
#: A time to come inside the sentence ("vanaf januari", "deze week", "voor de kerst", "donderdag"):
#: a step in the present tense ("Ik kom op de avond van 12 januari uitleggen ...") has one.
DATED = re.compile(
    r"\b(?:vanaf|voortaan|deze week|volgende (?:week|maand)|volgend jaar|voor de kerst|morgen|binnenkort|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december|(?!goe)\w*(?:middag|ochtend|avond)\b)"  # not "Goedemiddag, ik werk ..."
)
#: The speaker's side as the subject, then a finite verb (Dutch puts it first or second): "Ik zorg
#: dat ...", "Wij nodigen ...", "Vanaf januari werk ik ...", "Dan bel ik ...".
OWN_SUBJECT = re.compile(
    r"^(?:\W*\w+,? )?(?:(?:ik|wij|we) (?P<verb>\w+)|(?:\w+ ){0,3}?(?P<inverted>\w+) (?:ik|wij|we)\b)"
)
SUBJECTS = frozenset("ik we wij jullie u hij zij ze het er dat dit".split())
#: A time gone by ("Ik woon sinds januari in de wijk", "twee jaar geleden begin ik ..."): the present
#: tense then describes how things are, it offers no step.
SINCE = re.compile(r"\b(?:sinds|sindsdien|geleden)\b")


@lru_cache(maxsize=SHAPES_KEPT)
def offered_shape(text: str) -> str | None:
    """The shape of a step the rules rejected, by the sentence's structure alone, or None.

    ``"asked"``: a step offered as a question ("Wat als ...?", "Zullen we ...?", "Zal ik ...?");
    ``"verb_first"``: a verb's stem first and no subject after it, an imperative the rules' list of
    objects did not take ("Zet in die brief ...", "Stuur bij dat bezoek iemand mee"); ``"own_dated"``:
    the speaker's side does something at a time to come, in the present tense ("Vanaf januari werk ik
    alleen nog met ...", "Ik kom op 12 januari uitleggen ..."; not the past, a routine or a refusal);
    ``"modal"``: none of those, but a person and a modal, or a proposal's frame ("Ik kan het op de
    agenda zetten", "ik denk dat het logisch is om ..."). The three shapes come first: a step asked
    or dated often has a modal too ("Zal ik ...?", "Ik stuur je volgende week ..., dan kun jij ...").
    """
    plain = " ".join(text.casefold().split())
    shape = None if REFUSED.search(plain) else _step_shape(plain)
    if shape:
        return shape
    if (PERSON.search(plain) and STEP_MODAL.search(plain)) or STEP_FRAME.search(plain):
        return "modal"  # (the ninth round's late candidates, questions among them: "Kun jij ... vinden?")
    return None


#: The talk's own start asked, nothing after "beginnen" ("Nou, zal ik maar beginnen?", "Zullen we daar
#: maar mee beginnen?", "Zullen we?"): no step of anyone's ("Zullen we met die helft beginnen, in januari,
#: ...?" is one).
TALK_START = re.compile(r"^(?:\W*\w+,? )?(?:zal ik|zullen (?:we|wij))\b(?:(?: \w+){0,5}? beginnen)?\W*$")


def _step_shape(plain: str) -> str | None:
    """:func:`offered_shape`'s "asked", "verb_first" or "own_dated" of a lowercased sentence, or None."""
    asked = plain.split(" als ", 1)[-1]
    # (a third party not doing something is a worry: "Wat als de huurder de brief niet leest?")
    worry = BEFALLS.search(asked[:25]) or (re.match(r"(?:de|het|een|die|dat)\b", asked) and NEGATION.search(asked))
    if ASKED_OFFER.match(plain) and not worry and not TALK_START.search(plain):
        return "asked"
    if plain.endswith("?"):
        return None
    opened = _without_opening(plain)
    found = IMPERATIVE.match(opened)
    if found and found["next"] not in SUBJECTS and _step_stem(found["verb"]):
        return "verb_first"
    own = OWN_SUBJECT.match(opened)
    verb = own and (own["verb"] or own["inverted"])
    # the present tense: "ik" takes the stem (ik zorg), "wij" the infinitive's form (wij nodigen); not the past
    present = verb and (is_verb_stem(verb) or (verb.endswith("en") and is_dutch_lemma(verb)))
    if (
        present
        and verb not in STATE_VERBS
        and DATED.search(plain)
        and not (HABITUAL.search(plain) or NEGATION.search(plain) or SINCE.search(plain))
    ):
        return "own_dated"
    return None


def late_action_points(conversation: Conversation, sentences: list[tuple], acting: dict[str, str]) -> list[ActionPoint]:
    """The sentences the rules rejected that have a step's shape (:func:`offered_shape`): candidates
    for the learnt model beside the rules' action points."""
    late = []
    for index, text, themes, kind, _ in sentences:
        plain = text.casefold()
        if kind is not None or len(plain.split()) < 5 or action_kind(text) is not None:
            continue
        shape = offered_shape(text)
        if shape:
            speaker = conversation.turns[index].speaker
            # (who acts as the rules' kind of the same shape says: an imperative's addressee, a proposal's subject)
            like = {"verb_first": "imperative"}.get(shape)
            subject = text
            if shape == "asked":
                # the subject after the first "als" acts: "Wat als *jouw huurders* ...?", "Zou het niet goed
                # zijn als *de gemeente* ...?"; not what follows a later one ("..., net als jouw collega's")
                subject = re.split(r"\bals\s+", text, maxsplit=1, flags=re.IGNORECASE)[-1]
                subject = re.sub(r"^(?:jouw|je|uw)\b", "jullie", subject, flags=re.IGNORECASE)
            who = action_owner(subject, like, acting.get(speaker, speaker), conversation.participants, [])
            late.append(ActionPoint(index, text, speaker, who, list(themes)))
    return late


def action_point_candidates(
    conversation: Conversation, actions: list[ActionPoint], late: list[ActionPoint]
) -> list[ActionPoint]:
    """The rules' action points and the late ones, in the order they are said."""
    texts = [" ".join(t.text.split()) for t in conversation.turns]

    def said_at(action: ActionPoint) -> tuple[int, int]:
        return action.turn, texts[action.turn].find(" ".join(action.text.split()))

    return sorted(actions + late, key=said_at)


def weigh_action_points(conversation: Conversation, actions: list[ActionPoint]) -> list[ActionPoint]:
    """The rules' action points the learnt model takes (``gesprekken/data/learned/action_points.json``,
    trained by ``benchmarks/learn_action_points.py`` on the spoken sets' gold)."""
    if not actions:
        return actions
    from .learned import model

    weighed = model("action_points")
    rows = action_point_features(conversation, actions)
    return [a for a, row in zip(actions, rows, strict=True) if weighed.probability(row) >= weighed.threshold]


# --- the conversation's themes ------------------------------------------------------------

MAX_CONVERSATION_THEMES = 6
#: The conversation's themes it keeps and shows, of those ranked: at most five (editors list five for most
#: tweegesprekken, six for few; the model's sixth was right a third of the time, BENCHMARKS "Thirty-fifth
#: round"). The headline's features still read all six (``top``), as the headline model was trained.
MAX_CHOSEN_THEMES = 5
HEADLINE_MAX_WORDS = 18  # a headline quote is at most this long
HEADLINE_CANDIDATES = 5  # the best quotes offered to the editor as headline
#: A theme is the conversation's when its support reaches this, and this share of the best theme's.
#: One field word said clearly (a specificity of 1, even in passing) reaches it; one everyday word
#: ("buren", "vertrouwen", "bouwen": 0.35-0.5) does not on its own, nor one mumbled near-miss.
MIN_THEME_SCORE = 0.6
MIN_THEME_SHARE = 0.15
#: Editors list three to six themes for every conversation, in every set: where fewer clear the floor
#: (Whisper garbled the terms that would have lifted them), the best candidates are taken up to
#: MIN_CONVERSATION_THEMES, as long as each reaches MIN_FILL_SCORE (more than one everyday word).
MIN_CONVERSATION_THEMES = 4
MIN_FILL_SCORE = 0.5
#: Past this many turns, each turn more raises MIN_THEME_SCORE by LONG_CONVERSATION_STEP.
LONG_CONVERSATION_FROM = 10
LONG_CONVERSATION_STEP = 0.01
TURN_SUPPORT_CAP = 1.5  # one turn saying a theme over and over is still one turn
SPEAKERS_SUPPORT = 0.4  # both speakers say it
TITLE_SUPPORT = 1.0  # the programme's title names it
#: A participant's role or organisation names it ("voorzitter van Huurdersvereniging Paddepoel"):
#: what they came to speak for, weaker than the title and not enough on its own.
PARTICIPANT_SUPPORT = 0.5
RELATED_SUPPORT = 0.25  # per related theme the conversation speaks of, at most RELATED_SUPPORT_CAP
RELATED_SUPPORT_CAP = 0.5


#: The themes of the strongest lexical signal in a conversation that may be chosen though no word of
#: the thesaurus names them (``lexical_top``).
LEXICAL_TOP = 2


def lexical_signal(lemmas, lexicon: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Per theme of ``lexicon`` (:func:`gesprekken.learned.lexicon`: a theme's lemmas and their
    weights, learnt from the editors' gold), the weights of the conversation's ``lemmas`` summed, over
    the square root of how many lemmas it has (a long talk says more words of every theme)."""
    if not lemmas:
        return {}
    scale = 1.0 / math.sqrt(len(lemmas))
    return {theme: scale * sum(weights.get(lemma, 0.0) for lemma in lemmas) for theme, weights in lexicon.items()}


#: The fewest different words of a theme's word list a conversation must say for its lexical signal
#: to make the theme eligible: an inference from the talk, not from one word ("huurwoning").
LEXICAL_WORDS = 3


def strongest_lexical(
    lexical: Mapping[str, float], lemmas: frozenset[str], lexicon: Mapping[str, Mapping[str, float]]
) -> set[str]:
    """The LEXICAL_TOP themes of the strongest positive lexical signal (ties by name) whose word list
    the conversation's ``lemmas`` say at least LEXICAL_WORDS different words of."""
    ranked = sorted((t for t, v in lexical.items() if v > 0), key=lambda t: (-lexical[t], t))
    return {t for t in ranked[:LEXICAL_TOP] if len(lemmas & lexicon.get(t, {}).keys()) >= LEXICAL_WORDS}


def with_lexical(
    features: Mapping[str, dict[str, float]], lemmas: frozenset[str], lexicon: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """Each theme's features (:func:`theme_support`'s) with the lexical signal of the conversation's
    ``lemmas`` in ``lexicon``'s word lists:

    - ``lexical``: the conversation's words that go with editors listing the theme (:func:`lexical_signal`):
      a theme inferred from the talk ("partner", "afspraak", "samen" for ``samenwerking``) though no
      word of the thesaurus names it.
    - ``lexical_top``: the theme is inferred: one of the LEXICAL_TOP of the strongest lexical signal,
      said in at least LEXICAL_WORDS words of its list (:func:`strongest_lexical`); such a theme is
      ``eligible`` too. One everyday word said once never makes a theme of the conversation.

    The run time (:func:`rank_themes`) and the training (``benchmarks/learn_themes.py``, each fold its
    own word lists) add them alike."""
    lexical = lexical_signal(lemmas, lexicon)
    inferred = strongest_lexical(lexical, lemmas, lexicon)
    return {
        theme: values
        | {
            "lexical": lexical.get(theme, 0.0),
            "lexical_top": float(theme in inferred),
            "eligible": float(values["eligible"] or theme in inferred),
        }
        for theme, values in features.items()
    }


def with_meaning(
    features: Mapping[str, dict[str, float]], leaning: Mapping[str, float], near: Mapping[str, float] | None = None
) -> dict[str, dict[str, float]]:
    """Each theme's features with ``meaning``: how much more the conversation's turns lean, in a Dutch
    model of meaning, to the theme's profile than to the other themes' (:func:`gesprekken.meaning.closeness`;
    0 for a theme with no profile). What the talk means where no word of the thesaurus says it ("we trekken
    samen op" for ``samenwerking``). With ``near``, also ``neighbours``: how much more often editors listed
    the theme for the training conversations that mean the most alike (:func:`gesprekken.meaning.neighbours`).
    The run time and the training add them alike."""
    return {
        theme: values | {"meaning": leaning.get(theme, 0.0)} | ({"neighbours": near.get(theme, 0.0)} if near else {})
        for theme, values in features.items()
    }


def rank_themes(
    matches: list[list[ThemeMatch]],
    speakers: list[str],
    themes: dict[str, Theme],
    title_themes: set[str] = frozenset(),
    participant_themes: set[str] = frozenset(),
    lemmas: frozenset[str] = frozenset(),
    texts: Sequence[str] = (),
) -> list[ConversationTheme]:
    """The conversation's themes, ranked: the learnt model (``learned.model("themes")``) weighs
    the support :func:`theme_support` measures for every theme of the thesaurus, the lexical
    signal of the conversation's words (``lemmas``, :func:`lexical_signal`) and what its turns mean
    (``texts``, :func:`with_meaning`) where the model weighs them.

    Every theme of the thesaurus may be the conversation's, said or not: it is when the model's
    probability that an editor lists it reaches the model's threshold; where fewer do, the most probable
    ``eligible`` ones (said with some support, or inferred from many words of the talk: see
    :func:`theme_support`) are taken up to MIN_LEARNT_THEMES (editors list three to six themes, whatever
    Whisper heard; :func:`fill`), and at most MAX_CONVERSATION_THEMES. Ranked by probability; ``score``
    is that probability. (Until session 32 only those eligible were weighed at all: ``samenwerking``,
    the theme editors list most, for half the tweegesprekken, was then never chosen where no word names
    it; BENCHMARKS "Twenty-ninth round".)

    Args:
        matches: each turn's theme matches.
        speakers: each turn's speaker.
        themes: the thesaurus.
        title_themes: themes the conversation's title names.
        participant_themes: themes the participants' roles and organisations name.
        lemmas: the conversation's content lemmas (:func:`content_lemmas` of its turns).
        texts: the conversation's turns' texts.
    """
    from .learned import lexicon, model

    learnt = model("themes")
    # the learnt word lists of this thesaurus's themes only (a thesaurus of one's own may have fewer)
    words = {t: w for t, w in lexicon("themes").items() if t in themes} if "lexical" in learnt.features else {}
    supported = theme_support(matches, speakers, themes, title_themes, participant_themes)
    weighed = with_lexical({theme: features for theme, (_, features) in supported.items()}, lemmas, words)
    if "meaning" in learnt.features:
        from . import meaning

        vector = meaning.conversation_vector(texts)
        profiles = {t: v for t, v in meaning.profiles("themes").items() if t in themes}
        near = (
            meaning.neighbours(vector, *meaning.bank("themes"), profiles) if "neighbours" in learnt.features else None
        )
        weighed = with_meaning(weighed, meaning.closeness(vector, profiles), near)
    probable = sorted(
        ((round(learnt.probability(features), 3), theme) for theme, features in weighed.items()),
        key=lambda pair: (-pair[0], pair[1]),
    )
    eligible = {theme for theme, features in weighed.items() if features["eligible"]}
    kept = fill(probable, learnt.threshold, MIN_LEARNT_THEMES, eligible)[:MAX_CONVERSATION_THEMES]
    ranked = []
    for rank, (probability, theme) in enumerate(kept, start=1):
        support = supported[theme][0]
        ranked.append(replace(support, score=probability, rank=rank))
    return ranked


def fill(
    probable: list[tuple[float, str]], threshold: float, least: int, eligible: set[str]
) -> list[tuple[float, str]]:
    """Of ``probable`` (probability, theme), best first: those at ``threshold`` or over, and where fewer
    than ``least``, the most probable of the ``eligible`` (said with some support, or inferred from many
    words of the talk) up to ``least``: a theme no word speaks of is the conversation's only where the
    model is sure enough of it, never to make up the number (a short or garbled talk keeps fewer)."""
    kept = [pair for pair in probable if pair[0] >= threshold]
    more = [pair for pair in probable if pair[0] < threshold and pair[1] in eligible]
    return sorted(kept + more[: max(0, least - len(kept))], key=lambda pair: (-pair[0], pair[1]))


#: Editors list at least three themes for every conversation (where three are said).
MIN_LEARNT_THEMES = 3


#: The opening and the close of a conversation, as a share of its turns (a feature of a theme).
OPENING_SHARE = 0.15


def theme_support(
    matches: list[list[ThemeMatch]],
    speakers: list[str],
    themes: dict[str, Theme],
    title_themes: set[str] = frozenset(),
    participant_themes: set[str] = frozenset(),
) -> dict[str, tuple[ConversationTheme, dict[str, float]]]:
    """Every theme of the thesaurus with its support in the conversation: the rules' score (a
    :class:`ConversationTheme`, ranked and chosen by :func:`rank_themes_by_rules`) and the features
    the learnt model weighs.

    A mention counts by how sure the match is (a near-miss of Whisper's less) and how much its
    term says (a field word more than an everyday word, see :func:`gesprekken.heard.specificity`),
    a little less inside a prepositional phrase, per turn up to a cap, and more where the theme is
    what the turn is about (its share of the turn's theme mentions). Saying it in more turns, by
    both speakers, in the title or in a participant's role or organisation adds support; related
    themes that are said too add a little.

    The features, each with its reason:

    - ``support``: the rules' score (log(1 + score)): everything above in one figure.
    - ``share``: the score as a share of the best theme's: editors list what the talk is mostly about.
    - ``turns``: how many turns say it (log(1 + turns)): a theme carried through the talk, not said once.
    - ``coverage``: the share of turns that say it (the same, relative to the talk's length).
    - ``central``: the share of turns where it is the turn's main theme: what a turn is about.
    - ``both``: both speakers say it.
    - ``title``, ``participant``: the title, a participant's role or organisation names it.
    - ``related``: its related themes' support (capped): a theme inferred from what is said around it.
    - ``opening``, ``closing``: its support in the first and last OPENING_SHARE of the turns (at most
      1): what the talk is introduced with and ends on.
    - ``peak``: its support in the one turn that says it most: a turn given to it.
    - ``spread``: how far apart its first and last turns are, as a share of the turns: carried through.
    - ``passing``: words that only tag it in passing ("huur"), log(1 + count): a weak sign of it.
    - ``said``: any of its words is said at all (an inferred theme has none).
    - ``rules``: the rules (:func:`rank_themes_by_rules`) choose it.
    - ``prior:<theme>``: 1 for this theme: how often editors list it, support or not
      (``samenwerking``, ``vertrouwen``: often inferred without the word); the model's weight for it is
      learnt from the editors' gold.

    And ``eligible``, which the model does not weigh: whether the theme may make up the three themes
    of a conversation where fewer reach the model's threshold (:func:`fill`; any theme may reach it
    since session 32). It must be said (or named by a participant's role or organisation) with support
    of at least MIN_FILL_SCORE (or be inferred from the talk's words, :func:`with_lexical`): one everyday
    word said once, a word that tags a turn only in passing ("huur"), or related themes alone never make
    it up.
    """
    from .heard import specificity

    per_turn: dict[str, list[float]] = {}
    said_by: dict[str, set[str]] = {}
    mentions: dict[str, int] = {}
    passing: dict[str, int] = {}
    central: dict[str, int] = {}
    for turn, (found, speaker) in enumerate(zip(matches, speakers, strict=True)):
        weights: dict[str, float] = {}
        for m in found:
            if not counts(m, themes):
                passing[m.theme] = passing.get(m.theme, 0) + 1
                continue  # it tags the turn, but says little about the conversation
            weights[m.theme] = weights.get(m.theme, 0.0) + m.confidence * m.centrality * specificity(m.term)
            mentions[m.theme] = mentions.get(m.theme, 0) + 1
        total = sum(weights.values())
        for theme, weight in weights.items():
            share = weight / total
            per_turn.setdefault(theme, [0.0] * len(matches))[turn] = min(TURN_SUPPORT_CAP, weight) * (0.6 + 0.4 * share)
            said_by.setdefault(theme, set()).add(speaker)
        if weights:
            top = max(weights.values())
            for theme, weight in weights.items():
                central[theme] = central.get(theme, 0) + (weight == top)
    direct = {theme: sum(support) for theme, support in per_turn.items()}
    scored = []
    for theme in sorted(set(themes) | set(direct) | (set(participant_themes) & set(themes))):
        score = direct.get(theme, 0.0)
        score += SPEAKERS_SUPPORT * (len(said_by.get(theme, ())) > 1)
        score += TITLE_SUPPORT * (theme in title_themes)
        score += PARTICIPANT_SUPPORT * (theme in participant_themes)
        related = themes[theme].related if theme in themes else ()
        score += min(RELATED_SUPPORT_CAP, RELATED_SUPPORT * sum(min(1.0, direct.get(r, 0.0)) for r in related))
        turns = sum(1 for s in per_turn.get(theme, ()) if s)
        said = len(said_by.get(theme, ()))
        scored.append(ConversationTheme(theme, round(score, 3), 0, turns, said, mentions.get(theme, 0)))
    scored.sort(key=lambda t: (-t.score, t.theme))
    # The rules weighed the themes said, or named by a participant's role or organisation.
    candidates = [t for t in scored if t.theme in direct or t.theme in participant_themes]
    chosen = {t.theme for t in _chosen_by_rules(candidates, len(matches))}
    best = scored[0].score if scored else 0.0
    n = max(1, len(matches))
    opening = max(1, round(OPENING_SHARE * n))
    supported = {}
    for t in scored:
        related = themes[t.theme].related if t.theme in themes else ()
        support = per_turn.get(t.theme, [])
        turns_said = [i for i, value in enumerate(support) if value]
        features = {
            "support": math.log1p(t.score),
            "share": t.score / best if best else 0.0,
            "turns": math.log1p(t.turns),
            "coverage": t.turns / n,
            "central": central.get(t.theme, 0) / n,
            "both": float(t.speakers > 1),
            "title": float(t.theme in title_themes),
            "participant": float(t.theme in participant_themes),
            "related": min(RELATED_SUPPORT_CAP, RELATED_SUPPORT * sum(min(1.0, direct.get(r, 0.0)) for r in related)),
            "passing": math.log1p(passing.get(t.theme, 0)),
            "opening": min(1.0, sum(support[:opening])),
            "closing": min(1.0, sum(support[-opening:])) if support else 0.0,
            "peak": max(support, default=0.0),
            "spread": (turns_said[-1] - turns_said[0]) / n if turns_said else 0.0,
            "said": float(t.theme in direct),
            "rules": float(t.theme in chosen),
            f"prior:{t.theme}": 1.0,
            # Not weighed: whether the model may choose it at all (see rank_themes).
            "eligible": float((t.theme in direct or t.theme in participant_themes) and t.score >= MIN_FILL_SCORE),
        }
        supported[t.theme] = (t, features)
    return supported


def rank_themes_by_rules(
    matches: list[list[ThemeMatch]],
    speakers: list[str],
    themes: dict[str, Theme],
    title_themes: set[str] = frozenset(),
    participant_themes: set[str] = frozenset(),
) -> list[ConversationTheme]:
    """The conversation's themes as the hand-written rules of rounds one to eight chose them: a
    feature of the learnt model, and the baseline it is judged against.

    A theme is the conversation's when its support (:func:`theme_support`) reaches
    MIN_THEME_SCORE and MIN_THEME_SHARE of the best theme's: one field word said once is enough,
    one everyday word said once is not (unless related themes are said too). A longer conversation
    touches more themes in passing, so past LONG_CONVERSATION_FROM turns the floor rises a little
    per turn (0.6 at ten turns, 0.7 at twenty): there a field word said once in passing, sharing
    its turn with another theme, is no longer enough. Where fewer than MIN_CONVERSATION_THEMES
    clear that floor, the next best are taken up to that number if each reaches MIN_FILL_SCORE:
    editors list three to six themes whatever Whisper heard.
    """
    supported = theme_support(matches, speakers, themes, title_themes, participant_themes)
    chosen = [t for t, features in supported.values() if features["rules"]]
    chosen.sort(key=lambda t: (-t.score, t.theme))
    return [replace(t, rank=rank) for rank, t in enumerate(chosen, start=1)]


def _chosen_by_rules(scored: list[ConversationTheme], turns: int) -> list[ConversationTheme]:
    """The rules' choice among themes sorted by support (see :func:`rank_themes_by_rules`)."""
    best = scored[0].score if scored else 0.0
    # A longer conversation touches more themes in passing: one mention weighs less there.
    floor = MIN_THEME_SCORE + LONG_CONVERSATION_STEP * max(0, turns - LONG_CONVERSATION_FROM)
    chosen = [t for t in scored if t.score >= floor and t.score >= MIN_THEME_SHARE * best]
    if len(chosen) < MIN_CONVERSATION_THEMES:
        candidates = [t for t in scored if t.score >= MIN_FILL_SCORE and t.score >= MIN_THEME_SHARE * best]
        chosen = candidates[: max(len(chosen), MIN_CONVERSATION_THEMES)]
    return chosen[:MAX_CONVERSATION_THEMES]


# --- the whole conversation ---------------------------------------------------------------


def analyse(conversation: Conversation, thesaurus: Path | None = None, *, unweighed: bool = False) -> Analysis:
    """Analyse every turn of ``conversation``, rank its themes, then apply the editors' corrections.

    What a turn says (its entities, theme matches, sentences and action points) depends on its
    text, its speaker (and who that speaker is taken to be) and the participants only, so it is
    kept per pipeline (one per version of the thesaurus): after an editor corrects one turn, only
    that turn goes through spaCy. What
    depends on the whole conversation (the ranked themes, the quotes' scores, the headline) is
    computed again each time from the turns' parts, so a kept analysis gives what a fresh one does.
    The rules' action points and the sentences with a step's shape they rejected
    (:func:`late_action_points`) are weighed in their conversation by the learnt model
    (:func:`weigh_action_points`); ``unweighed=True`` keeps every one of these candidates (what
    ``benchmarks/learn_action_points.py`` trains on).
    """
    nlp = pipeline(thesaurus)
    cache = _turn_cache(nlp)
    participants = conversation.participants
    named = {p.name for p in participants}
    # One voice left unnamed and one participant not heard: who acts is that participant's side
    # (naming leaves a voice unnamed when its introduction has no "ik ben").
    voices = list(dict.fromkeys(t.speaker for t in conversation.turns))
    unnamed = [v for v in voices if v not in named]
    unheard = [p.name for p in participants if p.name not in voices]
    acting = {unnamed[0]: unheard[0]} if len(unnamed) == 1 and len(unheard) == 1 else {}
    people = tuple((p.name, p.role, p.organisation) for p in participants)
    keys = [
        (people, turn.speaker, acting.get(turn.speaker, turn.speaker), turn.text, unsure_words(turn))
        for turn in conversation.turns
    ]
    parts = {key: cache.pop(key, None) for key in keys}  # taken out, put back last: the least used go first
    todo = [key for key, part in parts.items() if part is None]
    docs = [nlp.make_doc(key[3]) for key in todo]
    for doc, key in zip(docs, todo, strict=True):
        doc.user_data["unsure"] = key[4]
    for key, doc in zip(todo, nlp.pipe(docs), strict=True):
        parts[key] = _analyse_turn(doc, key[1], key[2], participants)
    cache.update(parts)
    while len(cache) > TURN_CACHE_SIZE:
        cache.pop(next(iter(cache)))
    entities: list[Entity] = []
    turn_themes: list[list[str]] = []
    actions: list[ActionPoint] = []
    matches: list[list[ThemeMatch]] = []
    sentences: list[tuple[int, str, list[str], str | None, bool]] = []
    for index, key in enumerate(keys):
        part = parts[key]
        entities += [replace(e, turn=index) for e in part.entities]
        matches.append(list(part.matches))
        turn_themes.append(list(part.themes))
        actions += [replace(a, turn=index, themes=list(a.themes)) for a in part.action_points]
        sentences += [(index, text, list(themes), kind, names) for text, themes, kind, names in part.sentences]
    field = _thesaurus(thesaurus)
    title_themes = _title_themes(nlp, conversation.title, field)
    # A participant's role or organisation is a weak title ("voorzitter van Huurdersvereniging ...").
    participant_themes = {
        theme
        for p in participants
        if p.role or p.organisation
        for theme in _title_themes(nlp, f"{p.role}. {p.organisation}", field)
    }
    lemmas = frozenset().union(*(parts[key].lemmas for key in keys))
    ranked = rank_themes(
        matches,
        [t.speaker for t in conversation.turns],
        field,
        title_themes,
        participant_themes,
        lemmas=lemmas,
        texts=[t.text for t in conversation.turns],
    )
    top = [t.theme for t in ranked]
    # A theme said only in words that tag a turn in passing ("huur") does not make a quote carry it.
    carried = [{m.theme for m in found if counts(m, field)} for found in matches]
    rows = quote_rows(conversation, sentences, top, carried, named | set(acting))
    quotes = headline_quotes(rows)
    ranked = ranked[:MAX_CHOSEN_THEMES]
    actions = action_point_candidates(conversation, actions, late_action_points(conversation, sentences, acting))
    if not unweighed:
        actions = weigh_action_points(conversation, actions)
    analysis = Analysis(entities, turn_themes, quotes, None, actions, ranked, offered_order=meaning_order(rows, quotes))
    return apply_corrections(conversation, analysis)


def unsure_words(turn: Turn) -> frozenset[str]:
    """The words of ``turn`` Whisper was unsure of (probability under UNSURE_BELOW), lowercased and
    without punctuation: a rare one among them makes a run of words a near-miss of a term more easily."""
    return frozenset(_bare(w.text) for w in turn.words if w.probability is not None and w.probability < UNSURE_BELOW)


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'()[]…-–—").casefold()


@dataclass(frozen=True)
class _TurnParts:
    """What one turn says, numbered as turn 0 (:func:`analyse` numbers it): kept per pipeline."""

    entities: tuple[Entity, ...]
    matches: tuple[ThemeMatch, ...]
    themes: tuple[str, ...]
    #: Each sentence: its text (without a leading "Maar"), its themes, its action kind, whether it names someone.
    sentences: tuple[tuple[str, tuple[str, ...], str | None, bool], ...]
    action_points: tuple[ActionPoint, ...]
    #: Its content words' lemmas (:func:`content_lemmas`): what the themes' lexical signal reads.
    lemmas: frozenset[str] = frozenset()


#: Turns whose analysis a process keeps per pipeline, the least used dropped first: about a hundred
#: ten-minute conversations, a few KB a turn (tens of MB at most).
TURN_CACHE_SIZE = 10_000
_turn_caches: dict[int, tuple[object, dict]] = {}


def _turn_cache(nlp) -> dict:
    """The analysed turns of this pipeline (built once per version of a thesaurus and process)."""
    held = _turn_caches.get(id(nlp))
    if held is None or held[0] is not nlp:
        held = _turn_caches[id(nlp)] = (nlp, {})
    return held[1]


def counts(match, themes: dict[str, Theme]) -> bool:
    """Whether a theme match counts towards a conversation's themes: not a word of the theme's
    ``in_passing`` (it tags the turn for search but says little about the conversation)."""
    return match.theme not in themes or match.term not in themes[match.theme].in_passing


def _title_themes(nlp, title: str, themes: dict[str, Theme]) -> set[str]:
    """The themes a title (or a participant's role and organisation) names, in words that count for
    a conversation: a word that only tags a turn in passing ("woningcorporatie", "wijkconsulent")
    names no theme here either."""
    cache = _turn_cache(nlp)
    key = ("title", title)
    if key not in cache:
        cache[key] = frozenset(m.theme for m in nlp(title).user_data["theme_matches"] if counts(m, themes))
    return set(cache[key])


def _analyse_turn(doc, speaker: str, acting: str, participants: list[Participant]) -> _TurnParts:
    """Entities, theme matches, sentences and action points of one turn's doc; ``acting`` is who
    the speaker is taken to be when deciding who acts (the participant an unnamed voice must be)."""
    found = find_entities(doc, 0, participants)
    # "Volkshuisvesting Arnhem" is an organisation, not the theme volkshuisvesting; nor is a
    # name a near-miss of a term.
    inside = [(e.start_char, e.end_char) for e in found]
    named = _characters_inside(inside)
    kept = [
        (span, match)
        for span, match in zip(doc.spans["themes"], doc.user_data["theme_matches"], strict=True)
        if span.start_char not in named
    ]
    # Each sentence looks up its own theme spans and names by position (bisect), not through every one of
    # the turn's: a turn of 160,000 characters took minutes (session 57's note: 880,000 ran over 500 s).
    spans = [span for span, _ in kept]
    by_start = sorted(range(len(spans)), key=lambda i: spans[i].start)
    span_starts = [spans[i].start for i in by_start]
    name_starts = sorted(e.start_char for e in found if e.label in ("PER", "ORG"))
    sentences = []
    actions = []
    for sentence in doc.sents:
        text = sentence.text.strip()
        if not text:
            continue
        inside_sentence = by_start[bisect_left(span_starts, sentence.start) : bisect_left(span_starts, sentence.end)]
        sentence_themes = tuple(dict.fromkeys(spans[i].label_ for i in sorted(inside_sentence)))
        kind = action_kind(text)
        if kind:
            owner = action_owner(text, kind, acting, participants, found)
            actions.append(ActionPoint(0, text, speaker, owner, list(sentence_themes)))
        names = bisect_left(name_starts, sentence.start_char) < bisect_left(name_starts, sentence.end_char)
        sentences.append((_without_opening(text), sentence_themes, kind, names))
        # Whisper writes a comma for a full stop: a general statement after a comma ("..., een
        # generatie die niet van huis kan, kan ook niet volwassen worden") is a quote of its own.
        tail = RUN_ON_STATEMENT.search(text)
        if tail and len(tail["statement"].split()) >= 6:
            statement = tail["statement"][:1].upper() + tail["statement"][1:]
            sentences.append((statement, sentence_themes, action_kind(statement), names))
    return _TurnParts(
        tuple(found),
        tuple(match for _, match in kept),
        tuple(dict.fromkeys(span.label_ for span in spans)),
        tuple(sentences),
        tuple(actions),
        content_lemmas(doc, inside),
    )


def content_lemmas(doc, names: list[tuple[int, int]]) -> frozenset[str]:
    """The lemmas of a doc's content words: three letters or more, no stop word, inside none of the
    names' character spans ``names`` (a person or organisation is no word of a theme), known to the
    Dutch lemma tables (a misheard or foreign word is left out)."""
    lemmas = set()
    named = _characters_inside(names)
    for token in doc:
        if not token.is_alpha or token.is_stop or len(token) < 3:
            continue
        if token.idx in named:
            continue
        lemma = token.lemma_.casefold()
        if is_dutch_word(lemma):
            lemmas.add(lemma)
    return frozenset(lemmas)


def _characters_inside(spans: list[tuple[int, int]]) -> frozenset[int]:
    """The character positions inside any of ``spans`` (start, end): one look-up a word, however many names."""
    return frozenset(i for start, end in spans for i in range(start, end))


#: A general statement run on after a comma: an article or "wie" opening a clause of its own.
RUN_ON_STATEMENT = re.compile(r"^[^,]{12,}, (?P<statement>(?:een|wie|elke?) \w+.*)$", re.IGNORECASE)


def _without_opening(sentence: str) -> str:
    """A sentence without the "Maar", "En" or "Ja" that ties it to the one before, as an editor
    quotes it ("Maar een stad zonder middeninkomens ..." is quoted "Een stad zonder ..."), and
    without a short reply before a comma, where Whisper wrote a comma for a full stop ("Dat is
    schrijnend, een kind dat ...")."""
    # Both may open one sentence: "Dat hoor ik vaker, maar een stad zonder ..." (a loop, not a recursion,
    # that moves on through the sentence and counts the words it passes: Whisper writes "ja, ja, ja, ..."
    # thousands of times, and cutting and counting the rest at each one grew with their square)
    at, words = 0, len(sentence.split())
    while words >= 6 and (match := OPENING.match(sentence, at)):
        at, words = match.end(), words - len(match[0].split())
    rest = sentence[at:]
    return rest[:1].upper() + rest[1:] if at else sentence


#: What ties a sentence to the one before; matched where the words before it end (no "^": see re.match's pos).
OPENING = re.compile(
    r"(?:(?:maar|en|ja|nee|dus|want|kijk|nou)\b,?|(?:dat|daar|dit|ja|nee|goed|mooi|prima|klopt|eens)\b[^,]{0,25},)"
    r"\s+(?=\w)",
    re.IGNORECASE,
)


def _thesaurus(thesaurus: Path | None):
    """The themes the pipeline of ``thesaurus`` matches (read once with it)."""
    return pipeline(thesaurus).get_pipe("gesprekken_themes").themes


def apply_corrections(conversation: Conversation, analysis: Analysis) -> Analysis:
    """Apply the transcript's ``analysis:`` corrections, and choose the headline quote."""
    corrections = conversation.analysis
    removed = set(corrections.get("remove_themes") or [])
    added = [t for t in corrections.get("add_themes") or [] if t not in removed]
    analysis.turn_themes = [[t for t in themes if t not in removed] for themes in analysis.turn_themes]
    for item in analysis.quotes + analysis.action_points:
        item.themes = [t for t in item.themes if t not in removed]
    # A theme the editor adds belongs to the conversation as a whole: where no turn says it, it is put
    # on the first turn (so a search for it finds the conversation); where turns say it, they are what
    # a search for it should find, not an opening greeting.
    unsaid = [t for t in added if not any(t in themes for themes in analysis.turn_themes)]
    if unsaid and analysis.turn_themes:
        analysis.turn_themes[0] = list(dict.fromkeys(analysis.turn_themes[0] + unsaid))
    drop_quotes = {plain_words(q) for q in corrections.get("remove_quotes") or []}
    analysis.quotes = [q for q in analysis.quotes if plain_words(q.text) not in drop_quotes]
    # An editor's text counts only where the transcript still says it (a forgotten or
    # unpublished speaker's words are gone, and so are corrections quoting them).
    for text in corrections.get("add_quotes") or []:
        turn = turn_of(conversation, text)
        if turn is not None:
            # A quote the analysis found inside the editor's (selected with more of the turn) is that quote.
            analysis.quotes = [q for q in analysis.quotes if not (q.turn == turn and _within(q.text, text))]
            analysis.quotes.insert(0, Quote(turn, text, 99.0, list(analysis.turn_themes[turn])))
    drop_actions = {plain_words(a) for a in corrections.get("remove_action_points") or []}
    analysis.action_points = [a for a in analysis.action_points if plain_words(a.text) not in drop_actions]
    added_points = []
    for text in corrections.get("add_action_points") or []:
        turn = turn_of(conversation, text)
        if turn is not None:
            # A point the analysis found that the editor's point holds (selected with the sentence before
            # or after it) is that point: counted once, in the editor's words, with who and themes found.
            held = [a for a in analysis.action_points if a.turn == turn and _within(a.text, text)]
            analysis.action_points = [a for a in analysis.action_points if a not in held]
            speaker = conversation.turns[turn].speaker
            # Who acts, as the analysis names it: the organisation, the other side, "de gemeente".
            who = held[0].who if held else action_owner(text, action_kind(text), speaker, conversation.participants, [])
            themes = list(dict.fromkeys(t for a in held for t in a.themes))
            added_points.append(ActionPoint(turn, text, speaker, who, themes))
    analysis.action_points += added_points
    pinned = corrections.get("headline")
    pinned_turn = turn_of(conversation, pinned) if pinned else None
    short = [q for q in analysis.quotes if len(q.text.split()) <= HEADLINE_MAX_WORDS]
    if pinned_turn is not None:
        analysis.headline = Quote(pinned_turn, pinned, 100.0, [])
    else:
        analysis.headline = (short or analysis.quotes or [None])[0]

    def distinct(quotes: list[Quote]) -> list[Quote]:
        return [quotes[n] for n in one_of_each([(q.turn, q.text) for q in quotes])]

    # The headline (an editor's pinned one, or the first model's best) and the next of the first model's order
    # (an editor's added quotes first), then the rest in the second model's order, an editor's own quotes
    # first: what the sample and the dev set's editor pick stays in the top three
    first = distinct(([analysis.headline] if analysis.headline else []) + short)[:HEADLINE_KEPT]
    order: dict[tuple[int, str], int] = {}
    for n, q in enumerate(analysis.offered_order):
        order.setdefault((q.turn, q.text), n)
    after = sorted(short, key=lambda q: order.get((q.turn, q.text), -1))
    analysis.headline_candidates = distinct(first + after)[:HEADLINE_CANDIDATES]
    # The conversation's themes follow the editor: a removed theme goes, an added one comes last.
    analysis.conversation_themes = [t for t in analysis.conversation_themes if t.theme not in removed]
    have = {t.theme for t in analysis.conversation_themes}
    for theme in added:
        if theme not in have:
            analysis.conversation_themes.append(ConversationTheme(theme, 0.0, 0))
    for rank, theme in enumerate(analysis.conversation_themes, start=1):
        theme.rank = rank
    return analysis


def _within(part: str, whole: str) -> bool:
    """Whether the words of ``part`` are words of ``whole``, in a row (punctuation and case aside)."""
    return f" {plain_words(part)} " in f" {plain_words(whole)} "


def one_of_each(quotes: list[tuple[int, str]]) -> list[int]:
    """The positions of ``quotes`` (turn, text) to offer, in order, each quote once: a later one is left
    out where its words are an earlier one's, or where, in the same turn, its words hold an earlier one's
    or are part of it ("Een traplift is ook niet altijd het antwoord." after "Eerlijk gezegd, een
    traplift is ook niet altijd het antwoord."): the same quote, offered twice."""
    kept: list[tuple[int, str]] = []
    positions = []
    for n, (turn, text) in enumerate(quotes):
        words = f" {plain_words(text)} "
        if not any(words == other or (turn == at and (words in other or other in words)) for at, other in kept):
            kept.append((turn, words))
            positions.append(n)
    return positions


def plain_words(text: str) -> str:
    """Lowercase words without punctuation: how an editor's quoted sentence is compared with a turn."""
    return " ".join(re.sub(r"[^\w\s]", " ", str(text).casefold()).split())


def turn_of(conversation: Conversation, text: str) -> int | None:
    """The turn that contains ``text`` (an editor's quote), if any."""
    wanted = plain_words(text)
    for index, turn in enumerate(conversation.turns):
        if wanted and wanted in plain_words(turn.text):
            return index
    return None
