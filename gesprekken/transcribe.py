"""Transcription: Dutch speech to timed words with faster-whisper.

Settings follow what makes runs repeatable and robust on conference audio: temperature 0
(the same file gives the same words), the Silero VAD filter (no text invented in the
pauses), word timestamps (every word keeps its place in the audio), and the programme's
names as the initial prompt (Whisper then spells them as the programme does).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .audio import SAMPLE_RATE
from .transcript import Participant, Word

BEAM_SIZE = 5


@dataclass
class Segment:
    """A stretch of speech as Whisper returns it; word texts keep their leading space."""

    start: float
    end: float
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass
class Transcription:
    """What Whisper heard, with the settings it ran with."""

    segments: list[Segment]
    duration: float
    language: str
    settings: dict


def vocabulary_prompt(title: str = "", participants: list[Participant] | None = None) -> str:
    """An initial prompt that teaches Whisper the spelling of the conversation's names."""
    people = [", ".join(part for part in (p.name, p.role, p.organisation) if part) for p in (participants or [])]
    parts = [f"Tweegesprek: {title}." if title else ""] + ([f"Met {' en '.join(people)}."] if people else [])
    return " ".join(part for part in parts if part)


#: A recording is refused as "another language" only when Whisper is this sure of it and gives
#: the requested language at most OTHER_LANGUAGE_MAX_REQUESTED (synthetic Dutch scores 0.57-0.91).
OTHER_LANGUAGE_MIN_PROBABILITY = 0.8
OTHER_LANGUAGE_MAX_REQUESTED = 0.05


ECHO_WORDS = 6


def _normal_words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", text.casefold()).split()


def echoes_prompt(text: str, prompt: str | None) -> bool:
    """Whether Whisper wrote out its initial prompt instead of speech (a known failure).

    A segment is an echo when it repeats six or more consecutive words of the prompt;
    people introducing themselves do not speak in the prompt's "Name, role, organisation en".
    """
    if not prompt:
        return False
    said, given = _normal_words(text), _normal_words(prompt)
    runs = {tuple(given[i : i + ECHO_WORDS]) for i in range(len(given) - ECHO_WORDS + 1)}
    return any(tuple(said[i : i + ECHO_WORDS]) in runs for i in range(len(said) - ECHO_WORDS + 1))


def other_language(model, audio: np.ndarray, language: str) -> tuple[str, float] | None:
    """The language the speech is clearly in, when that is not ``language``; else None.

    Whisper forced to Dutch still writes English words for English speech, so the check is
    made before transcribing, on the first 30 seconds of speech.
    """
    detected, probability, all_probabilities = model.detect_language(audio, vad_filter=True)
    requested = dict(all_probabilities).get(language, 0.0)
    if (
        detected != language
        and probability >= OTHER_LANGUAGE_MIN_PROBABILITY
        and requested <= OTHER_LANGUAGE_MAX_REQUESTED
    ):
        return detected, probability
    return None


def transcribe(
    model,
    audio: np.ndarray,
    language: str = "nl",
    initial_prompt: str | None = None,
    on_progress: Callable[[float, float], None] | None = None,
) -> Transcription:
    """Transcribe 16 kHz mono ``audio`` with a loaded ``WhisperModel``.

    faster-whisper yields segments lazily; this consumes them all, reporting the seconds
    of audio done through ``on_progress(done, total)`` as each segment arrives.
    """
    import faster_whisper

    options = {
        "language": language,
        "task": "transcribe",
        "beam_size": BEAM_SIZE,
        "temperature": 0.0,
        "vad_filter": True,
        "word_timestamps": True,
        "condition_on_previous_text": True,
        "initial_prompt": initial_prompt or None,
    }
    lazy_segments, info = model.transcribe(audio, **options)
    duration = len(audio) / SAMPLE_RATE
    segments = []
    echoes = 0
    for segment in lazy_segments:
        if echoes_prompt(segment.text, initial_prompt):
            echoes += 1
            continue
        # Words keep Whisper's own spacing (" woningen", ".000") so that joining them
        # rebuilds the text exactly; the transcript file stores them stripped.
        words = [Word(round(w.start, 3), round(w.end, 3), w.word) for w in segment.words or []]
        segments.append(Segment(round(segment.start, 3), round(segment.end, 3), segment.text.strip(), words))
        if on_progress:
            on_progress(min(segment.end, duration), duration)
    if on_progress:
        on_progress(duration, duration)
    settings = {
        "faster_whisper": faster_whisper.__version__,
        "prompt_echoes_dropped": echoes,
        **{key: value for key, value in options.items() if value is not None},
    }
    return Transcription(segments, duration, info.language, settings)
