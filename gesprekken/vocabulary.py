"""Domain vocabulary: the programme's names and the thesaurus's words, fed to Whisper and used to
repair its near-misses.

Whisper base hears "Marloos van der Heiden", "levbaarheid" and "wijk aan pak". Two steps help:
the initial prompt (names, roles, organisations and the conversation's title, see
:func:`gesprekken.transcribe.vocabulary_prompt`) and :func:`correct`, which after
transcription replaces a run of words that nearly spells a known name, a split compound
that spells a known term, and a non-Dutch word that nearly spells a known term. A word the
Dutch lemma tables know is never changed. Every word keeps its place in the audio.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .transcript import Participant, Word

if TYPE_CHECKING:
    from .analyse import Theme

NAME_CUTOFF = 85
TERM_CUTOFF = 85
MIN_TERM_LENGTH = 6
#: Everyday words of the field that are not theme terms but are often misheard.
FIELD_WORDS = (
    "huurder",
    "huurders",
    "woning",
    "woningen",
    "corporatie",
    "corporaties",
    "gemeente",
    "gemeenten",
    "bewoner",
    "bewoners",
    "wijk",
    "wijken",
    "buurt",
    "buurten",
    "sectormanager",
    "directeur",
    "wethouder",
    "wooncorporatie",
    "woningcorporatie",
    "woningcorporaties",
    "huurdersvereniging",
    "verhuren",
    "verhuurder",
    "verhuurt",
)
_CORE = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


@dataclass(frozen=True)
class Vocabulary:
    """What the field and the programme call things."""

    names: tuple[str, ...]  # multi-word names: people and organisations, as the programme spells them
    terms: tuple[str, ...]  # single words, lowercased: theme terms and field words

    @classmethod
    def build(cls, participants: list[Participant], thesaurus: Path | None = None) -> "Vocabulary":
        from .analyse import read_thesaurus

        names = {p.name for p in participants} | {p.organisation for p in participants if p.organisation}
        terms = field_terms(read_thesaurus(thesaurus))
        return cls(
            tuple(sorted(names, key=len, reverse=True)), tuple(sorted(t for t in terms if len(t) >= MIN_TERM_LENGTH))
        )


def field_terms(themes: Mapping[str, "Theme"]) -> set[str]:
    """The single words of the field: the thesaurus ``themes``' one-word terms and :data:`FIELD_WORDS`."""
    return {term for theme in themes.values() for term in theme.terms if " " not in term} | set(FIELD_WORDS)


def _inflects_a_term(word: str, terms: set[str]) -> bool:
    """Whether ``word`` is a known term with a plural or inflected ending, spelled as Dutch spells
    it (statushouders, woningen, gezonde; not *uitstroomen*, which Dutch writes uitstromen)."""
    for ending in ("s", "en", "n", "e"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem in terms:
            # Before -e(n) a doubled vowel in a closed last syllable is written single.
            return ending == "s" or not re.search(r"(aa|ee|oo|uu)[^aeiou]$", stem)
    return False


def _split(text: str) -> tuple[str, str, str]:
    lead, core, trail = _CORE.match(text).groups()
    return lead, core, trail


def _replace(words: list[Word], start: int, end: int, new_tokens: list[str]) -> list[Word]:
    """Words ``start:end`` become ``new_tokens``, sharing the time those words took."""
    first, last = words[start], words[end - 1]
    lead = _split(first.text)[0]
    trail = _split(last.text)[2]
    step = (last.end - first.start) / len(new_tokens)
    # As sure as Whisper was of the least sure word it replaced: the repair may be wrong too.
    known = [w.probability for w in words[start:end] if w.probability is not None]
    probability = min(known) if known else None
    replaced = []
    for k, token in enumerate(new_tokens):
        text = (lead if k == 0 else " ") + token + (trail if k == len(new_tokens) - 1 else "")
        start_k, end_k = round(first.start + k * step, 3), round(first.start + (k + 1) * step, 3)
        replaced.append(Word(start_k, end_k, text, probability))
    return words[:start] + replaced + words[end:]


def correct(words: list[Word], vocabulary: Vocabulary) -> tuple[list[Word], list[str]]:
    """Repair near-misses of known names and terms; returns the words and what changed.

    Word texts keep Whisper's leading spaces; punctuation around a word is kept.
    """
    from rapidfuzz import fuzz, process

    from .analyse import is_dutch_word
    from .heard import is_common, sound_key

    changes: list[str] = []
    words = list(words)

    # 1. Names: a run of words that nearly spells a programme name becomes that name.
    for name in vocabulary.names:
        size = len(name.split())
        cores = [_split(w.text)[1] for w in words]
        i = 0
        while i < len(words):
            best = None
            for n in sorted({size - 1, size, size + 1} - {0}):
                if i + n > len(words):
                    continue
                said = " ".join(cores[i : i + n])
                # The run must start and end like the name, so "ben Marloos" does not swallow "ben".
                edges = (
                    fuzz.ratio(cores[i].casefold(), name.split()[0].casefold()) >= 70
                    and fuzz.ratio(cores[i + n - 1].casefold(), name.split()[-1].casefold()) >= 70
                )
                score = fuzz.ratio(said.casefold(), name.casefold()) if edges else 0
                if score >= NAME_CUTOFF and (best is None or score > best[0]):
                    best = (score, n, said)
            if best and best[2] != name:
                words = _replace(words, i, i + best[1], name.split())
                cores = cores[:i] + name.split() + cores[i + best[1] :]
                changes.append(f"{best[2]} -> {name}")
                i += size
            else:
                i += best[1] if best else 1

    # 2. Split compounds: "wijk aan pak" -> "wijkaanpak" when that is a known term.
    i = 0
    terms = set(vocabulary.terms)
    while i < len(words):
        for n in (3, 2):
            if i + n > len(words):
                continue
            parts = [_split(w.text)[1] for w in words[i : i + n]]
            # Only where no punctuation separates the parts.
            if any(_split(w.text)[2] for w in words[i : i + n - 1]):
                continue
            joined = "".join(parts).casefold()
            if joined in terms:
                before = " ".join(parts)
                capital = parts[0][:1].isupper()
                words = _replace(words, i, i + n, [joined.capitalize() if capital else joined])
                changes.append(f"{before} -> {joined}")
                break
        i += 1

    # 3. Single words that are not Dutch but nearly spell a known term. A programme name's word
    # ("Scholten", not the term "schotten"), an inflection of a term ("statushouders") and a
    # common Dutch word ("gemeten", not "gemeenten") were heard right; a common word is taken for
    # a term only when it sounds the same ("digital" for "digitaal").
    name_words = {part.casefold() for name in vocabulary.names for part in name.split()}
    for i, word in enumerate(words):
        lead, core, trail = _split(word.text)
        folded = core.casefold()
        if (
            len(core) < MIN_TERM_LENGTH
            or not core.isalpha()
            or folded in terms
            or folded in name_words
            or _inflects_a_term(folded, terms)
            or is_dutch_word(core)
        ):
            continue
        match = process.extractOne(folded, vocabulary.terms, scorer=fuzz.ratio, score_cutoff=TERM_CUTOFF)
        if match and is_common(core) and sound_key(core) != sound_key(match[0]):
            continue
        if match:
            fixed = match[0].capitalize() if core[:1].isupper() else match[0]
            words[i] = Word(word.start, word.end, lead + fixed + trail, word.probability)
            changes.append(f"{core} -> {fixed}")
    return words, changes
