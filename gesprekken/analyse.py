"""Dutch language analysis: people, organisations, places, themes, quotes and action points.

No trained Dutch spaCy pipeline exists on the registry, so the pipeline is built from
``spacy.blank("nl")`` with the lemma table of ``spacy-lookups-data``, a sentencizer,
and gesprekken's own components and data:

- ``gesprekken_entities``: the programme's people and organisations, organisation
  patterns ("gemeente Zwolle", "Woonstichting De Linie", "Kredietbank Zwolle"), and Dutch
  places from GeoNames (``data/places-nl.tsv``, made by ``scripts/make_places.py``);
- ``gesprekken_themes``: the thesaurus (``data/thesaurus.yaml`` or the organiser's own),
  matched on lemmas, inside compounds (*schuldhulpverlening* is schuldhulp) and with a
  little fuzziness for transcription errors;

and plain functions on top for quotable sentences, the headline quote and action points.
"""

import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml

from .errors import GesprekkenError
from .transcript import Conversation, Participant

MIN_COMPOUND_TERM = 5  # shorter terms only match whole words
FUZZY_MIN_LENGTH = 8
FUZZY_CUTOFF = 88
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
class Analysis:
    """Everything the analysis found in one conversation."""

    entities: list[Entity]
    turn_themes: list[list[str]]
    quotes: list[Quote]
    headline: Quote | None
    action_points: list[ActionPoint]


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


@lru_cache(maxsize=8)
def _read_thesaurus(path: Path, mtime_ns: int, size: int) -> dict[str, Theme]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ThesaurusError(f"The thesaurus {path} does not exist; check the path") from None
    except UnicodeDecodeError as e:
        raise ThesaurusError(f"{path} is not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise ThesaurusError(
            f"{path} line {mark.line + 1 if mark else 1}: not valid YAML ({getattr(e, 'problem', e)}); fix it"
        ) from None
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
        terms = entry.get("terms") or []
        if not isinstance(terms, list):
            raise ThesaurusError(f"{path} line {line}: 'terms:' of {theme_id!r} must be a list like [a, b]")
        themes[theme_id] = Theme(
            theme_id,
            str(entry["label"]),
            str(entry.get("description") or ""),
            tuple(str(t).casefold() for t in [entry["label"], *terms]),
            tuple(entry.get("related") or ()),
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
def _pipeline(thesaurus_path: str):
    spacy = _import_spacy()
    from spacy.language import Language

    if not Language.has_factory("gesprekken_themes"):
        Language.factory("gesprekken_themes", func=_make_theme_matcher)
    if not Language.has_factory("gesprekken_lemmas"):
        Language.factory("gesprekken_lemmas", func=lambda nlp, name: LookupLemmas(lemma_lookup()))
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("gesprekken_lemmas")
    nlp.add_pipe("gesprekken_themes", config={"thesaurus": thesaurus_path})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def lemma_lookup() -> dict[str, str]:
    """spacy-lookups-data's Dutch lemma table (word form -> lemma) as a plain dict.

    spaCy's own lookup lemmatizer gives the same lemmas, but its Table hashes all 213,000
    keys again on load (0.4 s); the plain dict comes straight from the JSON (0.1 s).
    """
    import srsly
    from spacy_lookups_data import get_file

    return srsly.read_gzip_json(get_file("nl_lemma_lookup.json.gz"))


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
    """The Dutch pipeline, built once per thesaurus file and process."""
    return _pipeline(str(thesaurus or default_thesaurus_path()))


def _make_theme_matcher(nlp, name: str, thesaurus: str):
    return ThemeMatcher(nlp, read_thesaurus(Path(thesaurus)))


class ThemeMatcher:
    """Tags each token and phrase with the themes whose terms it contains.

    Sets ``doc.spans["themes"]``: one span per match, labelled with the theme id.
    """

    def __init__(self, nlp, themes: dict[str, Theme]):
        from spacy.matcher import PhraseMatcher

        self.themes = themes
        self.words: dict[str, str] = {}  # single-word term -> theme id
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for theme in themes.values():
            for term in theme.terms:
                if " " in term:
                    self.phrases.add(theme.id, [nlp.make_doc(term)])
                else:
                    self.words.setdefault(term, theme.id)
        # Longest first, so "schuldhulpverlening" wins over "schuldhulp" where both are terms.
        self.compound_terms = sorted((t for t in self.words if len(t) >= MIN_COMPOUND_TERM), key=len, reverse=True)
        self.fuzzy_terms = [t for t in self.words if len(t) >= FUZZY_MIN_LENGTH]
        # A word's theme depends on its form and lemma only; a conversation says most words many times.
        self.seen: dict[tuple[str, str, bool], str | None] = {}

    def theme_of(self, token) -> str | None:
        key = (token.lower_, token.lemma_, token.is_alpha)
        if key not in self.seen:
            if len(self.seen) > 200_000:
                self.seen.clear()
            self.seen[key] = self._theme_of(token)
        return self.seen[key]

    def _theme_of(self, token) -> str | None:
        lower = token.lower_
        if not token.is_alpha and "-" not in lower:
            return None
        forms = {lower, token.lemma_.casefold()}
        forms |= {f[:-2] for f in forms if f.endswith("en")} | {f[:-1] for f in forms if f.endswith("s")}
        for form in forms:
            if form in self.words:
                return self.words[form]
        for term in self.compound_terms:
            for form in forms:
                # A compound's head or modifier: huur|achterstand, schuldhulp|verlening.
                if len(form) > len(term) and (form.endswith(term) or form.startswith(term)):
                    return self.words[term]
        if len(lower) >= FUZZY_MIN_LENGTH:
            from rapidfuzz import fuzz, process

            best = process.extractOne(lower, self.fuzzy_terms, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best:
                return self.words[best[0]]
        return None

    def __call__(self, doc):
        from spacy.tokens import Span

        spans = [Span(doc, start, end, label=doc.vocab.strings[match_id]) for match_id, start, end in self.phrases(doc)]
        for token in doc:
            theme = self.theme_of(token)
            if theme:
                spans.append(Span(doc, token.i, token.i + 1, label=theme))
        doc.spans["themes"] = spans
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


def is_dutch_word(word: str, nlp=None) -> bool:
    """Whether the Dutch lemma tables know ``word`` as an inflected form or as a lemma."""
    table, lemmas = _lemma_table()
    lowered = word.casefold()
    return lowered in table or lowered in lemmas


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
DEPENDENT_START = re.compile(
    r"^(dat|die|daar|dan|ja|nee|en|maar|eens|prima|goed|mooi|zo|dus|want|daarom|dit|ook|afgesproken)\b",
    re.IGNORECASE,
)
ACTION = re.compile(
    r"\b(moet\w*|zou\w* .{0,40}moeten|we gaan|wij gaan|ik ga|gaan we|we starten|starten we|we openen|openen we|"
    r"we reserveren|reserveren we|ik zorg|zorgen wij|zorgt voor|zorgen voor|spreken (?:we )?af|afgesproken|"
    r"laten we|regelen we|stellen we|wil .{0,40}bespreken|gaan .{0,30}(?:isoleren|bouwen|doen|organiseren)|"
    r"opent|openen|starten|isoleren we|plannen we|nemen we|gaat .{0,30}langs)\b",
    re.IGNORECASE,
)
NOT_ACTION = re.compile(r"\b(mag niet|mogen niet|moet je)\b", re.IGNORECASE)
TIME_WORDS = re.compile(
    r"\b(volgend jaar|dit jaar|voor de zomer|na de zomer|in (?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)|elk kwartaal|volgend voorjaar|komende|binnen|over twee jaar)\b",
    re.IGNORECASE,
)


def quote_score(sentence: str, themes: list[str]) -> float:
    """How quotable a sentence is: opinionated, self-contained, not too long, on a theme."""
    words = sentence.split()
    if sentence.rstrip().endswith("?") or len(words) < 4:
        return 0.0
    score = 1.0
    score += 0.6 * min(2, len(OPINION.findall(sentence)))
    score += 0.3 * min(2, len(themes))
    if DEPENDENT_START.match(sentence):
        score -= 1.0
    if len(words) > 22:
        score -= 0.05 * (len(words) - 22)
    if len(words) <= 15:
        score += 0.3
    return round(score, 3)


def is_action_point(sentence: str) -> bool:
    """Whether a sentence says what should happen or will be done."""
    if sentence.rstrip().endswith("?") or len(sentence.split()) < 4:
        return False
    if NOT_ACTION.search(sentence) and not TIME_WORDS.search(sentence):
        return False
    return bool(ACTION.search(sentence))


def action_owner(doc_sentence, speaker: str, participants: list[Participant], entities: list[Entity]) -> str:
    """Who should act: an organisation named as subject, else the speaker's own organisation."""
    own = next((p.organisation for p in participants if p.name == speaker and p.organisation), speaker)
    first = doc_sentence.text.split()[:3]
    lowered = " ".join(first).casefold()
    for entity in entities:
        if entity.label == "ORG" and doc_sentence.start_char <= entity.start_char < doc_sentence.start_char + 40:
            return entity.text
    if lowered.startswith(("de gemeente", "gemeente")):
        return next((p.organisation for p in participants if "gemeente" in p.organisation.casefold()), "de gemeente")
    if lowered.startswith(("het rijk", "rijk")):
        return "het Rijk"
    if lowered.startswith(("de corporaties", "corporaties")):
        return "de corporaties"
    return own


# --- the whole conversation ---------------------------------------------------------------


def analyse(conversation: Conversation, thesaurus: Path | None = None) -> Analysis:
    """Analyse every turn of ``conversation``, then apply the editors' corrections.

    Each turn is analysed on its own (its text, speaker and the participants decide what is
    found), so a turn analysed before in this process, with the same pipeline, is not analysed
    again: after an editor corrects one turn, only that turn goes through spaCy.
    """
    nlp = pipeline(thesaurus)
    cache = _turn_cache(nlp)
    participants = conversation.participants
    people = tuple((p.name, p.role, p.organisation) for p in participants)
    keys = [(people, turn.speaker, turn.text) for turn in conversation.turns]
    todo = [index for index, key in enumerate(keys) if key not in cache]
    for index, doc in zip(todo, nlp.pipe(conversation.turns[i].text for i in todo), strict=True):
        cache[keys[index]] = _analyse_turn(doc, conversation.turns[index].speaker, participants)
        while len(cache) > TURN_CACHE_SIZE:
            cache.pop(next(iter(cache)))
    entities: list[Entity] = []
    turn_themes: list[list[str]] = []
    quotes: list[Quote] = []
    actions: list[ActionPoint] = []
    for index, key in enumerate(keys):
        found, themes_here, turn_quotes, turn_actions = cache[key]
        entities += [replace(e, turn=index) for e in found]
        turn_themes.append(list(themes_here))
        quotes += [replace(q, turn=index, themes=list(q.themes)) for q in turn_quotes]
        actions += [replace(a, turn=index, themes=list(a.themes)) for a in turn_actions]
    quotes.sort(key=lambda q: (-q.score, q.turn))
    return apply_corrections(conversation, Analysis(entities, turn_themes, quotes, None, actions))


#: Turns whose analysis a process keeps (per pipeline), oldest dropped first.
TURN_CACHE_SIZE = 50_000
_turn_caches: dict[int, tuple[object, dict]] = {}


def _turn_cache(nlp) -> dict:
    """The analysed turns of this pipeline (a thesaurus's pipeline is built once per process)."""
    held = _turn_caches.get(id(nlp))
    if held is None or held[0] is not nlp:
        held = _turn_caches[id(nlp)] = (nlp, {})
    return held[1]


def _analyse_turn(doc, speaker: str, participants: list[Participant]):
    """Entities, themes, quotes and action points of one turn (numbered 0; the caller numbers them)."""
    found = find_entities(doc, 0, participants)
    # "Volkshuisvesting Arnhem" is an organisation, not the theme volkshuisvesting.
    inside = [(e.start_char, e.end_char) for e in found if e.label in ("ORG", "LOC")]
    doc.spans["themes"] = [
        span for span in doc.spans["themes"] if not any(start <= span.start_char < end for start, end in inside)
    ]
    themes_here = list(dict.fromkeys(span.label_ for span in doc.spans["themes"]))
    quotes, actions = [], []
    for sentence in doc.sents:
        text = sentence.text.strip()
        if not text:
            continue
        sentence_themes = list(
            dict.fromkeys(span.label_ for span in doc.spans["themes"] if sentence.start <= span.start < sentence.end)
        )
        score = quote_score(text, sentence_themes)
        if score > 0:
            quotes.append(Quote(0, text, score, sentence_themes))
        if is_action_point(text):
            actions.append(
                ActionPoint(0, text, speaker, action_owner(sentence, speaker, participants, found), sentence_themes)
            )
    return found, themes_here, quotes, actions


def apply_corrections(conversation: Conversation, analysis: Analysis) -> Analysis:
    """Apply the transcript's ``analysis:`` corrections, and choose the headline quote."""
    corrections = conversation.analysis
    removed = set(corrections.get("remove_themes") or [])
    added = [t for t in corrections.get("add_themes") or [] if t not in removed]
    analysis.turn_themes = [[t for t in themes if t not in removed] for themes in analysis.turn_themes]
    for item in analysis.quotes + analysis.action_points:
        item.themes = [t for t in item.themes if t not in removed]
    if added and analysis.turn_themes:
        # A theme the editor adds belongs to the conversation as a whole: put it on the first turn.
        analysis.turn_themes[0] = list(dict.fromkeys(analysis.turn_themes[0] + added))
    drop_quotes = {plain_words(q) for q in corrections.get("remove_quotes") or []}
    analysis.quotes = [q for q in analysis.quotes if plain_words(q.text) not in drop_quotes]
    # An editor's text counts only where the transcript still says it (a forgotten or
    # unpublished speaker's words are gone, and so are corrections quoting them).
    for text in corrections.get("add_quotes") or []:
        turn = turn_of(conversation, text)
        if turn is not None:
            analysis.quotes.insert(0, Quote(turn, text, 99.0, list(analysis.turn_themes[turn])))
    drop_actions = {plain_words(a) for a in corrections.get("remove_action_points") or []}
    analysis.action_points = [a for a in analysis.action_points if plain_words(a.text) not in drop_actions]
    for text in corrections.get("add_action_points") or []:
        turn = turn_of(conversation, text)
        if turn is not None:
            speaker = conversation.turns[turn].speaker
            analysis.action_points.append(ActionPoint(turn, text, speaker, speaker, []))
    pinned = corrections.get("headline")
    pinned_turn = turn_of(conversation, pinned) if pinned else None
    if pinned_turn is not None:
        analysis.headline = Quote(pinned_turn, pinned, 100.0, [])
    else:
        short = [q for q in analysis.quotes if len(q.text.split()) <= 15]
        analysis.headline = (short or analysis.quotes or [None])[0]
    return analysis


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
