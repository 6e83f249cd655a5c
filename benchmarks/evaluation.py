"""Scoring against ground truth: word-level speaker accuracy and diarization error rate.

Used by the tests and benchmarks on the project's synthetic dev set, whose ground truth
(speaker, start and end of every turn) comes from ``scripts/speak.py``. Not part of the
installed package: the DER needs pyannote.metrics, a test extra. The tests import it
through pytest's ``pythonpath`` (pyproject.toml), the benchmarks as their sibling.
"""

import re
from difflib import SequenceMatcher
from itertools import permutations

from gesprekken.transcript import Turn, Word


def aligned_speakers(written: list[tuple[str, str]], heard: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(written speaker, heard speaker) of every word the dialogue as written and its transcript share,
    the words aligned in order (difflib); each turn is (speaker, text), its words lowercased."""

    def words(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(word, speaker) for speaker, text in turns for word in re.findall(r"\w+", text.casefold())]

    said, spoken = words(written), words(heard)
    matcher = SequenceMatcher(None, [w for w, _ in said], [w for w, _ in spoken], autojunk=False)
    return [(said[a + k][1], spoken[b + k][1]) for a, b, size in matcher.get_matching_blocks() for k in range(size)]


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


# --- the spoken analysis sets (issue 15) ------------------------------------------------------

#: Two sentences are the same when their normalised texts are this similar (rapidfuzz, 0-100):
#: Whisper's version of a sentence differs from the written one in a few words and its punctuation.
SAME_SENTENCE = 70


def normalised(text: str) -> str:
    import re

    return " ".join(re.sub(r"[^\w\s]", " ", str(text).casefold()).split())


def actors(who: str, organisations) -> frozenset[str]:
    """Who should act, as a set: each of ``organisations`` (the participants', and their names for one
    without an organisation) the label names, and what is left of it once those and the words that join them
    ("en", commas) are taken out. "Woongoed en Stichting Mool" and "Stichting Mool en Woongoed" are the same
    two actors; an organisation's own "en" ("Waterschap Linge en Waal") stays inside it."""
    left = f" {normalised(who)} "
    found = set()
    for organisation in sorted((normalised(o) for o in organisations if o), key=len, reverse=True):
        if organisation and f" {organisation} " in left:
            found.add(organisation)
            left = left.replace(f" {organisation} ", " , ")
    rest = " ".join(w for w in left.split() if w not in {",", "en"})
    return frozenset(found | ({rest} if rest else set()))


def sentence_similarity(said: str, written: str) -> float:
    """How alike a sentence of the analysis and a gold sentence are (0-100).

    The plain ratio, or, where Whisper ran two sentences together (a comma for a full stop),
    the best partial alignment when the shorter is at least 60% of the longer.
    """
    from rapidfuzz import fuzz

    a, b = normalised(said), normalised(written)
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    if min(len(a), len(b)) >= 0.6 * max(len(a), len(b)):
        score = max(score, fuzz.partial_ratio(a, b))
    return score


def spoken_conversation(path, source: str = "speech") -> tuple:
    """A spoken-set dialogue as a :class:`Conversation` and its gold.

    ``source="speech"``: the transcript gesprekken's ingest made of its recording
    (``transcripts/<name>.md`` beside the dialogue); ``source="text"``: the dialogue as written.
    """
    import yaml

    from gesprekken.transcript import Conversation, Participant, Turn, read

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if source == "speech":
        conversation = read(path.parent / "transcripts" / f"{path.stem}.md")
    else:
        conversation = Conversation(
            id=path.stem,
            title=data["title"],
            participants=[
                Participant(p["name"], p.get("role", ""), p.get("organisation", "")) for p in data["participants"]
            ],
            turns=[Turn(t["speaker"], float(n), float(n) + 1, t["text"]) for n, t in enumerate(data["turns"])],
        )
    return conversation, data["gold"]


def _matched(said: list[str], written: list[str]) -> list[tuple[int, int]]:
    """One-to-one pairs (said, written) of the same sentence, the most alike first."""
    scored = sorted(
        ((sentence_similarity(s, w), i, j) for i, s in enumerate(said) for j, w in enumerate(written)),
        reverse=True,
    )
    pairs, used_said, used_written = [], set(), set()
    for score, i, j in scored:
        if score < SAME_SENTENCE:
            break
        if i not in used_said and j not in used_written:
            pairs.append((i, j))
            used_said.add(i)
            used_written.add(j)
    return pairs


def conversation_themes_of(result) -> list[str]:
    """The conversation's themes as the analysis ranks them (before issue 15: every turn's, unranked)."""
    ranked = getattr(result, "conversation_themes", None)
    if ranked is not None:
        return [t.theme for t in ranked]
    return list(dict.fromkeys(t for themes in result.turn_themes for t in themes))


def headline_candidates_of(result, k: int = 5) -> list[str]:
    """The analysis's best k headline quotes, the headline first."""
    candidates = getattr(result, "headline_candidates", None)
    if candidates is None:
        candidates = ([result.headline] if result.headline else []) + list(result.quotes)
    return list(dict.fromkeys(q.text for q in candidates))[:k]


def headline_rank(candidates: list[str], headline: str) -> int | None:
    """Where the editor's ``headline`` is among the analysis's ``candidates`` (1 = first), or None."""
    return next(
        (n for n, text in enumerate(candidates, 1) if sentence_similarity(text, headline) >= SAME_SENTENCE), None
    )


def _add(counts: dict, task: str, *values: int) -> None:
    counts[task] = [a + b for a, b in zip(counts[task], values, strict=True)]


def evaluate_spoken(paths, source: str = "speech", thesaurus=None, union: bool = False) -> dict:
    """Conversation themes, action points (with who acts) and headline on the spoken sets.

    Returns precision, recall and F1 for themes and action points, the share of conversations
    whose gold headline is the analysis's headline (top 1) or among its best three and five, the
    share of found action points whose actors are the gold's (:func:`actors`: the same organisations in
    any order; ``strict``: the same words, as before session 28), and per-conversation details.
    ``union=True`` scores the plain baseline for themes: every theme any turn touched.
    """
    from gesprekken.analyse import analyse

    counts = {"themes": [0, 0, 0], "action points": [0, 0, 0]}
    headline_ranks: list[int | None] = []
    who_right = who_strict = who_total = 0
    details = []
    paths = list(paths)
    for path in paths:
        conversation, gold = spoken_conversation(path, source)
        result = analyse(conversation, thesaurus)
        themes = conversation_themes_of(result)
        if union:
            themes = list(dict.fromkeys(t for turn in result.turn_themes for t in turn))
        hits = set(themes) & set(gold["themes"])
        _add(counts, "themes", len(hits), len(themes), len(gold["themes"]))
        said = [a.text for a in result.action_points]
        written = [a["text"] for a in gold["action_points"]]
        pairs = _matched(said, written)
        _add(counts, "action points", len(pairs), len(said), len(written))
        organisations = [label for p in conversation.participants for label in (p.organisation, p.name)]
        for i, j in pairs:
            said_who, written_who = result.action_points[i].who, gold["action_points"][j]["who"]
            who_total += 1
            who_right += actors(said_who, organisations) == actors(written_who, organisations)
            who_strict += normalised(said_who) == normalised(written_who)
        candidates = headline_candidates_of(result)
        rank = headline_rank(candidates, gold["headline"])
        headline_ranks.append(rank)
        details.append(
            {
                "conversation": path.stem,
                "themes": themes,
                "gold_themes": gold["themes"],
                "action_points": said,
                "missed_action_points": [w for j, w in enumerate(written) if j not in {j for _, j in pairs}],
                "wrong_action_points": [s for i, s in enumerate(said) if i not in {i for i, _ in pairs}],
                "headline_candidates": candidates,
                "headline_rank": rank,
            }
        )
    scores = {task: _prf(*values) for task, values in counts.items()}
    n = len(paths) or 1
    scores["headline"] = {f"top{k}": sum(r is not None and r <= k for r in headline_ranks) / n for k in (1, 3, 5)} | {
        "gold": len(paths)
    }
    scores["who"] = {
        "accuracy": who_right / who_total if who_total else 0.0,
        "strict": who_strict / who_total if who_total else 0.0,
        "matched": who_total,
    }
    scores["details"] = details
    return scores
