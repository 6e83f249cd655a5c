"""How high each voice speaks, and whether that fits the names automatic naming gave.

A swapped pair is automatic naming's costliest error: every quote of both people under the other's name. On
the spoken sets every wrong name (35 of 920 voices, session 49) was such a pair, and each pair was of a woman and
a man, where voices differ most in pitch: a woman's voice speaks at about 165-255 Hz, a man's at about 85-155 Hz.
So where the two participants' first names are usually one a woman's and the other a man's
(:func:`usual_voice`, from the name lists of ``gender-guesser``), and the voice named for the man speaks clearly
higher than the voice named for the woman, the names are not trusted: naming leaves both voices for an editor
to name (:func:`gesprekken.naming.name_speakers`). Nothing is named this way, and nothing is said of anyone's
voice: a name's usual voice is a guess that does not hold for everyone, and the cost of a wrong guess is a voice
an editor names by ear.

Pitch is Praat's autocorrelation method (``parselmouth``), 50 frames a second, over each voice's words only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

#: Seconds between frames of the pitch track (50 a second: 0.7 s of CPU for nine minutes, a tenth of 0.01's cost
#: in frames, the same medians; benchmarks/bench_pitch.py).
STEP = 0.02
#: The range searched (Hz): Praat's usual floor for speech, and above any adult speaking voice.
FLOOR, CEILING = 75.0, 400.0
#: The least voiced frames (one second) that make a voice's median pitch worth comparing.
LEAST_VOICED = 50
#: How much higher (as a ratio of the medians) the voice named for a man must speak than the voice named for a
#: woman before the names are doubted: voices of one pair of the other kind (a woman's lower than a man's) are
#: seldom this far apart, where the usual difference the other way is about 1.7.
CONTRARY = 1.2


@dataclass
class PitchTrack:
    """The pitch of the recording, gathered piece of audio by piece (as ``diarize.VoiceWindows``)."""

    times: list[np.ndarray] = field(default_factory=list)
    values: list[np.ndarray] = field(default_factory=list)

    def add(self, audio: np.ndarray, offset: float = 0.0, rate: int = 16000) -> None:
        """Track the pitch of ``audio`` (mono, ``rate`` Hz), which starts at ``offset`` seconds."""
        import parselmouth

        if len(audio) < rate * 0.1:
            return
        sound = parselmouth.Sound(np.asarray(audio, dtype=np.float64), sampling_frequency=rate)
        pitch = sound.to_pitch_ac(time_step=STEP, pitch_floor=FLOOR, pitch_ceiling=CEILING)
        self.times.append(np.asarray(pitch.xs()) + offset)
        self.values.append(np.asarray(pitch.selected_array["frequency"]))

    def of_spans(self, spans: list[tuple[float, float]]) -> float | None:
        """The median pitch (Hz) of the voiced frames inside ``spans`` (start, end), or None with too few."""
        if not self.times:
            return None
        times, values = np.concatenate(self.times), np.concatenate(self.values)
        inside = np.zeros(len(times), dtype=bool)
        for start, end in spans:
            inside[np.searchsorted(times, start) : np.searchsorted(times, end)] = True
        voiced = values[inside & (values > 0)]
        return round(float(np.median(voiced)), 1) if len(voiced) >= LEAST_VOICED else None


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def usual_voice(name: str) -> str | None:
    """The voice a full name's first name usually has: "high" where it is mostly a woman's, "low" where mostly a
    man's (in the Netherlands and in all countries; where either list leaves it open, by the other), None where
    the lists disagree, or it is either as often or unknown ("Jip", "Dominique", an initial, a title)."""
    first = name.split()[0].split("-")[0] if name.split() else ""
    if len(first) < 2 or first.endswith("."):
        return None
    detector = _detector()
    voices = {"female": "high", "mostly_female": "high", "male": "low", "mostly_male": "low"}
    # the Dutch list and the one of all countries must not disagree: the Dutch one says "Ali" and "Toni" are
    # mostly women's (a name either list leaves open goes by the other: the Dutch list leaves "Inge" open)
    said = {voices.get(detector.get_gender(first, "the_netherlands")), voices.get(detector.get_gender(first))}
    said.discard(None)
    return said.pop() if len(said) == 1 else None


def contrary(named: dict[str, str], pitches: dict[str, float | None]) -> bool:
    """Whether two voices named for two people (``named``: voice label -> name) speak against their names'
    usual voices: the one named for a usually low voice clearly higher than the one named for a usually high."""
    if len(named) != 2:
        return False
    usual = {label: usual_voice(name) for label, name in named.items()}
    high = [label for label, voice in usual.items() if voice == "high"]
    low = [label for label, voice in usual.items() if voice == "low"]
    if len(high) != 1 or len(low) != 1:
        return False
    heard_high, heard_low = pitches.get(high[0]), pitches.get(low[0])
    return bool(heard_high and heard_low and heard_low >= heard_high * CONTRARY)
