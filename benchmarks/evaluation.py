"""Scoring against ground truth: word-level speaker accuracy and diarization error rate.

Used by the tests and benchmarks on the project's synthetic dev set, whose ground truth
(speaker, start and end of every turn) comes from ``scripts/speak.py``. Not part of the
installed package: the DER needs pyannote.metrics, a test extra. The tests import it
through pytest's ``pythonpath`` (pyproject.toml), the benchmarks as their sibling.
"""

from itertools import permutations

from gesprekken.transcript import Turn, Word


def truth_speaker_at(truth: list[dict], time: float) -> str:
    """The speaker of the true turn at ``time``, or of the nearest one in a pause."""
    return min(
        truth, key=lambda t: 0 if t["start"] <= time <= t["end"] else min(abs(time - t["start"]), abs(time - t["end"]))
    )["speaker"]


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


def diarization_error_rate(turns: list[Turn], truth: list[dict], collar: float = 0.0) -> dict[str, float]:
    """DER (pyannote.metrics) of ``turns`` against the true turns, with its parts.

    Returns the error rate and the shares of speaker confusion, missed speech and false
    alarm, each relative to the true speech time. ``collar`` is pyannote's: the total
    width forgiven around every true boundary (0.5 forgives 0.25 s on either side).
    """
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    reference, hypothesis = Annotation(), Annotation()
    for t in truth:
        reference[Segment(t["start"], t["end"])] = t["speaker"]
    for turn in turns:
        if turn.end > turn.start:
            hypothesis[Segment(turn.start, turn.end)] = turn.speaker
    parts = DiarizationErrorRate(collar=collar)(reference, hypothesis, detailed=True)
    total = parts["total"] or 1.0
    return {
        "der": float(parts["diarization error rate"]),
        "confusion": parts["confusion"] / total,
        "missed": parts["missed detection"] / total,
        "false_alarm": parts["false alarm"] / total,
    }


def _prf(true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "predicted": predicted}


def dev_conversation(path) -> tuple:
    """A dev-set file as a :class:`Conversation` and its gold annotations."""
    import yaml

    from gesprekken.transcript import Conversation, Participant, Turn

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    conversation = Conversation(
        id=path.stem,
        title=data["title"],
        participants=[
            Participant(p["name"], p.get("role", ""), p.get("organisation", "")) for p in data["participants"]
        ],
        turns=[Turn(t["speaker"], float(n), float(n) + 1, t["text"]) for n, t in enumerate(data["turns"])],
    )
    gold = dict(data["gold"])
    gold["turn_themes"] = [list(t.get("themes") or []) for t in data["turns"]]
    return conversation, gold


def evaluate_analysis(paths, thesaurus=None) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per task over the dev set's gold annotations."""
    from gesprekken.analyse import analyse

    def norm(text: str) -> str:
        return " ".join(text.casefold().replace(",", " ").replace(".", " ").split())

    counts: dict[str, list[int]] = {}

    def count(task: str, predicted: set, gold: set) -> None:
        tp, p, g = counts.setdefault(task, [0, 0, 0])
        counts[task] = [tp + len(predicted & gold), p + len(predicted), g + len(gold)]

    headlines = 0
    paths = list(paths)
    for path in paths:
        conversation, gold = dev_conversation(path)
        result = analyse(conversation, thesaurus)
        count(
            "themes",
            {(i, t) for i, themes in enumerate(result.turn_themes) for t in themes},
            {(i, t) for i, themes in enumerate(gold["turn_themes"]) for t in themes},
        )
        for task, label in (("people", "PER"), ("organisations", "ORG"), ("places", "LOC")):
            count(task, {norm(e.text) for e in result.entities if e.label == label}, {norm(x) for x in gold[task]})
        count("action points", {norm(a.text) for a in result.action_points}, {norm(a) for a in gold["action_points"]})
        headlines += bool(result.headline and norm(result.headline.text) in {norm(h) for h in gold["headline"]})
    scores = {task: _prf(*values) for task, values in counts.items()}
    scores["headline"] = {"accuracy": headlines / len(paths), "gold": len(paths)}
    return scores


def naming_outcomes(conversation, truth: list[dict]) -> list[dict]:
    """How each voice of ``conversation`` was named, against the true speakers.

    A voice's true speaker is the one who said most of its words. It is "right" when named as
    that speaker, or left unnamed when that speaker is not on the conversation's programme;
    "unnamed" when left unnamed although its speaker is on the programme; "wrong" otherwise.
    """
    listed = {p.name for p in conversation.participants}
    outcomes = []
    for speaker in conversation.speakers:
        said = [
            truth_speaker_at(truth, (w.start + w.end) / 2)
            for turn in conversation.turns
            if turn.speaker == speaker.shown_as
            for w in turn.words
        ]
        if not said:
            continue
        true = max(set(said), key=said.count)
        if speaker.name == true or (speaker.name is None and true not in listed):
            verdict = "right"
        elif speaker.name is None:
            verdict = "unnamed"
        else:
            verdict = "wrong"
        outcomes.append(
            {
                "label": speaker.label,
                "name": speaker.name,
                "true": true,
                "confidence": speaker.confidence,
                "verdict": verdict,
            }
        )
    return outcomes
