"""Dutch words as Whisper hears them: a sound key for near-misses, and how common a word is.

Whisper base writes *levertbaarheid* for leefbaarheid, *wachtlest* for wachtlijst and *confinant*
for convenant: the sound is nearly right, the spelling is not. :func:`sound_key` spells a word the
way it sounds, folding what Dutch spells in two ways or Whisper confuses (ei/ij, au/ou, g/ch, d/t at
the end, v/f, z/s, c/k, doubled vowels and consonants, an -n, -en, -e or -s at the end), so two
spellings of one sound share a key.

The analysis reads the turns' edited text; a word's own frequency stands in for Whisper's confidence
(Whisper's word probabilities only lower the bar for a run of words with a rare word Whisper doubted):
a word that is common Dutch (:func:`commonness`, from wordfreq's Dutch list) was most likely meant, and is
never read as a near-miss of a theme term; a rare or unknown form can be one.
"""

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

#: Zipf frequency (wordfreq: log10 of uses per billion words) from which a word counts as
#: common Dutch, and at which it is certainly common.
COMMON_FROM = 3.0
CERTAINLY_COMMON = 4.5

# Order matters: longer spellings of one sound first. Upper-case letters stand for a sound that
# Dutch spells in more than one way, so they never collide with a letter of the word itself.
_SOUNDS = (
    ("sch", "sg"),
    ("ch", "g"),
    ("ij", "Y"),
    ("ei", "Y"),
    ("y", "Y"),
    ("auw", "W"),
    ("ouw", "W"),
    ("au", "W"),
    ("ou", "W"),
    ("ui", "U"),
    ("ie", "i"),
    ("oe", "O"),
    ("eu", "E"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("uu", "u"),
    ("dt", "t"),
    ("th", "t"),
    ("ph", "f"),
    ("qu", "kw"),
    ("x", "ks"),
    ("c", "k"),
    ("v", "f"),
    ("z", "s"),
)
_DOUBLE = re.compile(r"([bdfgklmnprst])\1+")
_ENDING = re.compile(r"(?:en|e|n|s)$")


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """How a Dutch word sounds, as a string: equal or nearly equal for words that sound alike.

    ``sound_key("levertbaarheid")`` is ``"lefertbarhYt"``, ``sound_key("leefbaarheid")`` is
    ``"lefbarhYt"``; ``sound_key("verhuising") == sound_key("verhuizing")``.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    key = "".join(c for c in decomposed if c.isalpha() and c.isascii())
    for spelled, sound in _SOUNDS:
        key = key.replace(spelled, sound)
    key = _DOUBLE.sub(r"\1", key)
    key = _ENDING.sub("", key)
    if key.endswith("d"):
        key = key[:-1] + "t"
    elif key.endswith("b"):
        key = key[:-1] + "p"
    return key


def phrase_key(words: Sequence[str]) -> str:
    """How words said one after another sound: each word's :func:`sound_key`, so an ending dropped or
    added on any of them is folded ("warm overdracht" sounds as "warme overdracht", "beschermt wonnen"
    as "beschermd wonen"); words of three letters or fewer as spelled, so "de wijk is" is not "de wijk in"."""
    return " ".join(word if len(word) <= 3 else sound_key(word) for word in words)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's small Dutch list as ``wordfreq.get_frequency_dict("nl", "small")`` gives it.

    The list (29,000 words, 25 ms to load) holds every word common enough to matter; it ships in
    ``data/wordfreq/`` (copied by ``scripts/copy_dutch_tables.py``), as wordfreq itself holds every
    language's lists, 58 MB. Its format, cBpack: gzipped msgpack, a header, then one list of words
    per centibel of frequency, the most frequent first (list ``i`` holds the words of 10 ** (-i / 100)).
    """
    import gzip

    import srsly

    path = files("gesprekken") / "data" / "wordfreq" / "small_nl.msgpack.gz"
    header, *buckets = srsly.msgpack_loads(gzip.decompress(path.read_bytes()), use_list=True)
    if header != {"format": "cB", "version": 1}:
        raise ValueError(f"{path} is not a wordfreq cBpack of version 1: {header}")
    return {word: 10 ** (-index / 100) for index, bucket in enumerate(buckets) for word in bucket}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a Dutch word (0 when it is rare or unknown)."""
    import math

    frequency = _frequencies().get(word.casefold(), 0.0)
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


def commonness(word: str) -> float:
    """How surely a word is common Dutch, 0 (rare or unknown) to 1 (in everyday use)."""
    return min(1.0, max(0.0, (zipf(word) - 1.5) / (CERTAINLY_COMMON - 1.5)))


def is_common(word: str) -> bool:
    """Whether a word is common Dutch, so Whisper most likely heard it right."""
    return zipf(word) >= COMMON_FROM


def specificity(term: str) -> float:
    """How much a theme term says about its theme, 0.35 to 1: everyday words ("buren",
    "regels", "voorkomen") say less than field words ("huurachterstand", "vroegsignalering")."""
    if " " in term:
        return 1.0
    return min(1.0, max(0.35, (6.0 - zipf(term)) / 3.0))
