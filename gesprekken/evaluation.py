"""Scoring against ground truth: word-level speaker accuracy and diarization error rate.

Used by the tests and benchmarks on the project's synthetic dev set, whose ground truth
(speaker, start and end of every turn) comes from ``scripts/speak.py``.
"""

from itertools import permutations

from .transcript import Turn, Word


def truth_speaker_at(truth: list[dict], time: float) -> str:
    """The speaker of the true turn at ``time``, or of the nearest one in a pause."""
    return min(truth, key=lambda t: 0 if t["start"] <= time <= t["end"] else min(
        abs(time - t["start"]), abs(time - t["end"])))["speaker"]


def word_speaker_accuracy(words: list[Word], speakers: list[str], truth: list[dict]) -> float:
    """Share of words whose speaker is right, under the best one-to-one naming of the labels.

    ``speakers`` may be anonymous labels ("Spreker 1") or names; the best mapping of labels to
    true speakers is chosen, so only the grouping counts.
    """
    if not words:
        return 0.0
    true = [truth_speaker_at(truth, (w.start + w.end) / 2) for w in words]
    labels = sorted(set(speakers))
    names = sorted(set(true))
    best = 0
    # Pad with None so that surplus labels or surplus true speakers map to nothing.
    size = max(len(labels), len(names))
    padded_names = names + [None] * (size - len(names))
    for assignment in permutations(padded_names, len(labels)):
        mapping = dict(zip(labels, assignment, strict=True))
        best = max(best, sum(mapping[s] == t for s, t in zip(speakers, true, strict=True)))
    return best / len(words)


def diarization_error_rate(turns: list[Turn], truth: list[dict]) -> float:
    """DER (pyannote.metrics, no forgiveness collar) of ``turns`` against the true turns."""
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    reference, hypothesis = Annotation(), Annotation()
    for t in truth:
        reference[Segment(t["start"], t["end"])] = t["speaker"]
    for turn in turns:
        if turn.end > turn.start:
            hypothesis[Segment(turn.start, turn.end)] = turn.speaker
    return float(DiarizationErrorRate()(reference, hypothesis))
