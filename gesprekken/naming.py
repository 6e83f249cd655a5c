"""Naming: which programme participant is each anonymous voice, as a human editor would tell.

Evidence, each with a weight, per voice and candidate:

- a self-introduction: "ik ben Marloes van der Heijden", "mijn naam is Ad Kok";
- being addressed: "Kees, wat is de volgende stap?" names the next speaker Kees and says
  the one speaking is not Kees;
- what they say of themselves: "wij als corporatie", "bij ons in Zwolle", "onze huurders"
  point to the participant whose organisation or place that is;
- a known voice: a voice profile from an earlier recording, above a similarity threshold.

The order of the programme is no evidence. A voice is named only when its best candidate
leads the next one by enough; otherwise it stays "Spreker N" and is listed for the editor.
"""

import re
import unicodedata
from difflib import SequenceMatcher

import numpy as np

from .transcript import Participant, Speaker, Turn, format_time

#: A voice is named when its confidence reaches this.
NAMING_THRESHOLD = 0.6
#: Cosine similarity from which a voice matches a stored voice profile.
VOICE_MATCH_THRESHOLD = 0.8

WEIGHT_INTRODUCTION = 4.0
WEIGHT_ADDRESSED = 1.5
WEIGHT_SELF_DESCRIPTION = 1.0
WEIGHT_VOICE = 3.0

INTRODUCTION = re.compile(
    r"\b(?:ik ben|mijn naam is|ik heet|u spreekt met|je spreekt met|hier is)\s+((?:[\w'’-]+\s*){1,5})",
    re.IGNORECASE,
)
GREETINGS = r"(?:dank(?:\s+je|\s+u|je\s*wel|u\s*wel)?|bedankt|ja|nee|nou|hoi|hallo|welkom|goedemorgen|goedemiddag)"
SELF_REFERENCE = re.compile(
    r"\b(?:wij als|we als|ik als|bij ons in|bij ons op|hier in|wij in|we in|onze|ons|wij bij|we bij|bij ons bij)\s+"
    r"((?:[\w'’-]+\s*){1,4})",
    re.IGNORECASE,
)
#: Kinds of organisation, and the words a speaker uses for their own kind.
ORGANISATION_KINDS = {
    "corporatie": ("corporatie", "woningcorporatie", "woonstichting", "woningstichting", "woonbedrijf", "wonen"),
    "gemeente": ("gemeente", "stadsdeel", "college", "wethouder"),
    "huurders": ("huurdersvereniging", "huurdersorganisatie", "bewonersorganisatie", "huurdersbond", "huurders"),
    "zorg": ("zorg", "welzijn", "ggz", "zorginstelling"),
    "schuldhulp": ("schuldhulp", "schuldhulpverlening", "budget", "kredietbank"),
    "ministerie": ("ministerie", "rijk", "bzk"),
    "aedes": ("aedes", "federatie", "koepel"),
}
#: What a speaker calls "ours", pointing to a kind of organisation.
OWN_WORDS = {
    "huurders": ("corporatie", "huurders"),
    "bewoners": ("corporatie", "huurders", "gemeente"),
    "leden": ("huurders", "aedes"),
    "corporatie": ("corporatie",),
    "corporaties": ("aedes",),
    "woningen": ("corporatie",),
    "gemeente": ("gemeente",),
    "stad": ("gemeente",),
    "inwoners": ("gemeente",),
    "wethouder": ("gemeente",),
    "cliënten": ("zorg", "schuldhulp"),
    "klanten": ("schuldhulp", "corporatie"),
}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _name_similarity(said: str, participant: str) -> float:
    """How well words a speaker said match a participant's name (full name, or first name)."""
    said_words = _fold(said).split()
    name_words = _fold(participant).split()
    best = 0.0
    for n in range(1, len(name_words) + 1):
        candidate = " ".join(said_words[:n])
        best = max(best, SequenceMatcher(None, candidate, " ".join(name_words)).ratio())
    first = SequenceMatcher(None, said_words[0] if said_words else "", name_words[0]).ratio()
    return max(best, 0.9 * first if first >= 0.85 else 0.0)


def _kinds(participant: Participant) -> set[str]:
    text = _fold(f"{participant.organisation} {participant.role}")
    return {kind for kind, words in ORGANISATION_KINDS.items() if any(w in text for w in words)}


def _places(participant: Participant) -> set[str]:
    """Capitalised words of the organisation, such as 'Zwolle' in 'gemeente Zwolle'."""
    return {_fold(w) for w in re.findall(r"\b[A-Z][\w-]+", participant.organisation)}


def _vocatives(text: str, participants: list[Participant]) -> set[str]:
    """Participants addressed by first or full name in ``text``."""
    addressed = set()
    for p in participants:
        first = re.escape(p.name.split()[0])
        full = re.escape(p.name)
        patterns = [
            rf"^\s*(?:{full}|{first})\s*[,!?]",  # "Kees, wat is ..."
            rf"\b{GREETINGS}\s+(?:{full}|{first})\b",  # "Dank je Sanne"
            rf",\s*(?:{full}|{first})\s*[?.!]?\s*$",  # "..., Joost?"
        ]
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if any(re.search(pattern, sentence, re.IGNORECASE) for pattern in patterns):
                addressed.add(p.name)
    return addressed


def name_speakers(
    turns: list[Turn],
    participants: list[Participant],
    voices: dict[str, np.ndarray] | None = None,
    profiles: dict[str, np.ndarray] | None = None,
    threshold: float = NAMING_THRESHOLD,
) -> dict[str, Speaker]:
    """Name the anonymous speakers of ``turns`` (labels like "Spreker 1").

    Args:
        turns: the conversation's turns, each with its anonymous speaker label.
        participants: the programme's participants for this conversation (any order).
        voices: each label's voice embedding, for matching ``profiles``.
        profiles: known voices by participant name, from earlier recordings.
        threshold: the least confidence at which a voice is named.

    Returns:
        A :class:`~gesprekken.transcript.Speaker` per label; ``name`` is None where the evidence is too weak.
    """
    labels = list(dict.fromkeys(turn.speaker for turn in turns))
    candidates = {p.name: p for p in participants}
    for name in profiles or {}:
        candidates.setdefault(name, Participant(name))
    scores = {label: dict.fromkeys(candidates, 0.0) for label in labels}
    evidence: dict[tuple[str, str], list[str]] = {}

    def add(label: str, name: str, weight: float, why: str) -> None:
        scores[label][name] += weight
        if weight > 0:
            evidence.setdefault((label, name), []).append(why)

    people = list(candidates.values())
    for index, turn in enumerate(turns):
        at = format_time(turn.start)
        for match in INTRODUCTION.finditer(turn.text):
            said = match[1]
            for p in people:
                if _name_similarity(said, p.name) >= 0.8:
                    add(turn.speaker, p.name, WEIGHT_INTRODUCTION, f'stelt zich voor: "{match[0].strip()}" ({at})')
        for name in _vocatives(turn.text, people):
            add(turn.speaker, name, -WEIGHT_ADDRESSED, "")
            following = next((t for t in turns[index + 1 :] if t.speaker != turn.speaker), None)
            if following is not None:
                add(
                    following.speaker,
                    name,
                    WEIGHT_ADDRESSED,
                    f'wordt aangesproken door de vorige spreker: "{turn.text[:60]}" ({at})',
                )
        for match in SELF_REFERENCE.finditer(turn.text):
            said = _fold(match[1])
            said_words = set(re.findall(r"\w+", said))
            for p in people:
                kinds = _kinds(p)
                hit = (
                    (said_words & _places(p))
                    or any(said_words & set(ORGANISATION_KINDS[k]) for k in kinds)
                    or any(set(OWN_WORDS.get(w, ())) & kinds for w in said_words)
                )
                if hit:
                    add(
                        turn.speaker,
                        p.name,
                        WEIGHT_SELF_DESCRIPTION,
                        f'zegt "{match[0].strip()}" ({p.organisation or p.role}, {at})',
                    )
    for label, voice in (voices or {}).items():
        for name, profile in (profiles or {}).items():
            similarity = float(np.dot(voice, profile) / (np.linalg.norm(voice) * np.linalg.norm(profile) or 1))
            if similarity >= VOICE_MATCH_THRESHOLD and label in scores:
                add(
                    label,
                    name,
                    WEIGHT_VOICE * (similarity - VOICE_MATCH_THRESHOLD) / (1 - VOICE_MATCH_THRESHOLD)
                    + WEIGHT_VOICE / 2,
                    f"stem lijkt op het stemprofiel van {name} ({similarity:.2f})",
                )
    return _assign(labels, scores, evidence, threshold, {p.name for p in participants})


def _confidence(best: float, runner_up: float) -> float:
    """0 for no lead; approaches 1 as the lead over the runner-up grows (4 points: 0.98)."""
    lead = max(0.0, best - max(runner_up, 0.0))
    return round(1 - float(np.exp(-lead)), 2)


def _assign(labels, scores, evidence, threshold, programme_names: set[str]) -> dict[str, Speaker]:
    """Give each voice at most one name and each name at most one voice, surest first."""
    result = {label: Speaker(label) for label in labels}
    open_labels, open_names = set(labels), {n for s in scores.values() for n in s}
    while open_labels and open_names:
        options = []
        for label in open_labels:
            ranked = sorted(((scores[label][n], n) for n in open_names), reverse=True)
            best_score, best_name = ranked[0]
            rivals = [scores[other][best_name] for other in open_labels if other != label]
            runner_up = max([ranked[1][0] if len(ranked) > 1 else 0.0] + rivals)
            options.append((_confidence(best_score, runner_up), best_score, label, best_name))
        confidence, score, label, name = max(options)
        if score <= 0 or confidence < threshold:
            break
        result[label] = Speaker(label, name, confidence, evidence.get((label, name), []))
        open_labels.discard(label)
        open_names.discard(name)
    # One voice and one participant left, and nothing against them: named by elimination.
    if len(open_labels) == 1 and len(open_names) == 1:
        (label,), (name,) = open_labels, open_names
        named = [n.confidence for n in result.values() if n.name]
        if name in programme_names and scores[label][name] >= 0 and (named or len(labels) == 1):
            # A single voice with a single programme participant is the programme's own word.
            confidence = round(min(named) * 0.95, 2) if named else 0.9
            why = "de enige overgebleven deelnemer" if named else "de enige stem en de enige deelnemer"
            if confidence >= threshold:
                result[label] = Speaker(label, name, confidence, evidence.get((label, name), []) + [why])
    return result
