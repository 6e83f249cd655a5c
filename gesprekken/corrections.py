"""Editors' corrections made by command: renaming and merging speakers in a transcript file.

These edit the transcript file itself (the source of truth) with the smallest change:
the speaker in the turn headings and the ``speakers:`` block of the front matter. All
other text, including an editor's own line breaks, stays as it was.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GesprekkenError, TranscriptError
from .paths import atomic_write
from .storage import transcript_files
from .transcript import CONFIRMED_EVIDENCE, HEADING, Conversation, loads, read, read_source


@dataclass
class SpeakerSummary:
    """One speaker of a conversation, as the editor sees it."""

    speaker: str
    label: str
    confidence: float
    turns: int
    first_words: str
    evidence: list[str]
    #: An editor gave or confirmed the name (or typed it in a heading): no command changes it.
    confirmed: bool = False


def find_transcript(folder: Path, reference: str) -> Path:
    """The transcript for ``reference``: a conversation id (or its start), file name or title.

    Raises:
        GesprekkenError: no transcript, or more than one, matches.
    """
    matches = []
    files = transcript_files(folder)
    # A file name is found without reading any transcript (the editors' desk names the file).
    for path in files:
        if reference in (path.name, path.stem):
            return path
    for path in files:
        try:
            conversation = read(path)
        except TranscriptError:
            continue
        if conversation.id.startswith(reference) or conversation.title.casefold() == reference.casefold():
            matches.append(path)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise GesprekkenError(
            f"No conversation {reference!r} in {folder}; pass an id, file name or title from 'gesprekken load'"
        )
    raise GesprekkenError(f"{reference!r} matches {len(matches)} conversations in {folder}; pass more of the id")


def summarise(conversation: Conversation) -> list[SpeakerSummary]:
    """Each speaker with their voice label, confidence, number of turns and first words."""
    from .naming import speakers_as_edited

    by_name = {s.shown_as: s for s in speakers_as_edited(conversation)}
    summaries: dict[str, SpeakerSummary] = {}
    for turn in conversation.turns:
        if turn.speaker not in summaries:
            known = by_name.get(turn.speaker)
            summaries[turn.speaker] = SpeakerSummary(
                turn.speaker,
                known.label if known else "",
                known.confidence if known else 1.0,
                0,
                " ".join(turn.text.split()[:12]),
                known.evidence if known else [],
                known.confirmed if known else True,  # a name typed into a heading, with no voice behind it
            )
        summaries[turn.speaker].turns += 1
    return list(summaries.values())


def rename_speaker(path: Path, old: str, new: str, merge: bool = False) -> Conversation:
    """Give every turn of speaker ``old`` the speaker ``new``; with ``merge``, ``new`` must exist.

    The voices renamed are marked ``confirmed``; renaming a name to itself confirms it.

    Raises:
        GesprekkenError: ``old`` does not speak in the conversation, or ``new`` does (or
            does not, for a merge).
    """
    text = read_source(path)
    conversation = loads(text, path)
    speaking = {turn.speaker for turn in conversation.turns}
    new = new.strip()
    if old not in speaking:
        raise GesprekkenError(f"{old!r} does not speak in {path.name}; speakers: {', '.join(sorted(speaking))}")
    if not new:
        raise GesprekkenError("The new speaker name is empty; pass OLD=NEW with a name after the '='")
    if merge and new not in speaking:
        raise GesprekkenError(
            f"{new!r} does not speak in {path.name}, so there is nothing to merge into; "
            "use --rename to give the speaker a new name"
        )
    if not merge and new in speaking and new != old:
        raise GesprekkenError(f'{new!r} already speaks in {path.name}; use --merge "{old}={new}" to merge them')

    lines = text.splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta = yaml.safe_load("".join(lines[1:close])) or {}
    for entry in meta.get("speakers") or []:
        if (entry.get("name") or entry.get("label")) == old:
            # A name an editor gave (or, renamed to itself, confirmed) is never changed by a command again.
            entry["name"] = new
            entry["confidence"] = 1.0
            entry["confirmed"] = True
            why = f"{old} is {new}" if new != old else f"{new} bevestigd"
            entry["evidence"] = list(entry.get("evidence") or []) + [f"{CONFIRMED_EVIDENCE}: {why}"]
    participants = meta.get("participants") or []
    if not merge and not any(entry.get("name") == new for entry in participants):
        for entry in participants:
            if entry.get("name") == old and entry.get("status", "internal") != "published":
                # Their consent is their participant's status: a new name for their voice (a
                # corrected spelling) must not leave it behind and publish what they said.
                entry["name"] = new
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    body = []
    for line in lines[close + 1 :]:
        match = HEADING.match(line.rstrip("\n")) if line.startswith("## ") else None
        if match and match[3] == old:
            line = line[: match.start(3)] + new + line[match.end(3) :]
        body.append(line)
    updated = f"---\n{header}---\n" + "".join(body)
    renamed = loads(updated, path)
    with atomic_write(path) as handle:
        handle.write(updated)
    return renamed


def parse_pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    """``("Spreker 1=Ad Kok",)`` -> ``[("Spreker 1", "Ad Kok")]``."""
    pairs = []
    for value in values:
        if "=" not in value:
            raise GesprekkenError(f"{option} {value!r} has no '='; write it as {option} \"OLD=NEW\"")
        old, new = value.split("=", 1)
        pairs.append((old.strip(), new.strip()))
    return pairs
