"""Consent taken back by hand in a transcript, held on the live site before ``gesprekken load``.

A transcript is the source of truth and an organiser may edit it in any editor: a participant's or
the conversation's ``status:`` set to ``withdrawn``, a turn given to someone who withdrew, a turn
deleted. The database follows at the next ``gesprekken load``; a running ``serve --public`` must not
wait for it. :func:`hold_back` compares what a transcript would publish now with what the database
publishes, turn by turn, and where the database shows a turn the transcript would not, it makes the
database less public, never more and never other: it lowers a status to the transcript's, and where
that is not enough (a turn moved to someone withdrawn, whole or a part split off, a turn or all its
words deleted, a file that no longer reads or is gone), it keeps the whole conversation from the
public (its status ``internal``) until ``gesprekken load`` reads the transcript whole. It writes no
words, names or rows: a command that stores the conversation meanwhile (the desk, ``forget``)
writes what the transcript says, and nothing written here can bring back what such a command took
away.

The public copy follows as it follows every change (the database's ``public_pending``).
"""

import contextlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .analyse import plain_words
from .errors import GesprekkenError
from .paths import from_here
from .publish import withheld_turns
from .storage import copies_said, id_in, names_shown, transcript_files
from .transcript import STATUSES, Conversation, loads

#: How public each status is (STATUSES, most public first): lowering is going down this order.
OPENNESS = {status: rank for rank, status in enumerate(reversed(STATUSES))}
#: The status that keeps a conversation from the public until ``gesprekken load``.
HELD = "internal"
#: How long a hold waits for another writer of the database (a command storing) before it gives up.
LOCK_WAIT = 30.0
#: How long a transcript must stay as it was read before it is held against the database: an editor
#: that writes in place (nano; vim, which also renames the old file aside first) shows it empty, half
#: written or gone for a moment, and a word corrected so must not keep the conversation back.
SETTLE = 0.25


@dataclass
class _Said:
    """What a transcript publishes, turn by turn, as :func:`_exposed` compares it."""

    #: The words of each turn it publishes.
    texts: list[str]
    #: The starts of turns it publishes with no words left (a turn's text deleted by hand).
    emptied: set[float]
    #: The words of the turns it publishes, by their starts (two turns at one start, joined).
    by_start: dict[float, str]
    #: The turns it does not publish: start, end, words, and the times Whisper heard its words at.
    hidden: list[tuple[float, float, str, frozenset[tuple[float, float]]]]


def _said(conversation: Conversation) -> _Said:
    said = _Said(texts=[], emptied=set(), by_start={}, hidden=[])
    for turn in conversation.turns:  # published_for once a turn: it may read the whole talk's introductions
        words = plain_words(turn.text)
        if conversation.published_for(turn.speaker):
            at = round(turn.start, 2)
            said.texts.append(words)
            said.by_start[at] = f"{said.by_start.get(at, '')} {words}".strip()
            if not words:
                said.emptied.add(at)
        else:
            said.hidden.append((turn.start, turn.end, words, frozenset(_times(w.start, w.end) for w in turn.words)))
    return said


def _times(start: float, end: float) -> tuple[float, float]:
    return round(start, 2), round(end, 2)


def _within(words: str, text: str) -> bool:
    """Whether ``words`` stand in ``text`` as whole words ("ja" is not in "jaar")."""
    return f" {words} " in f" {text} "


def _exposed(conn: sqlite3.Connection, cid: str, said: _Said) -> list[str]:
    """The turns of ``cid`` the database publishes and the transcript would not: a turn it does not
    publish starts there, or starts inside it with words of it (a turn split by hand and a part given
    to someone not published: its words as the database has them, or half its words heard at the times
    of the database's, a word of it corrected too); else none of its public turns starts there and none
    holds its words (a turn merged by hand into the one before), or the one that starts there lost all
    its words."""
    withheld = withheld_turns(conn, [cid])
    exposed = []

    def heard_in(tid: str, times: frozenset) -> bool:
        """Whether half the words of ``times`` are words of the database's turn ``tid``, heard at their times."""
        if not times:
            return False
        stored = {_times(a, b) for a, b in conn.execute('SELECT start, "end" FROM words WHERE turn_id = ?', [tid])}
        return 2 * len(times & stored) >= len(times)

    for tid, start, end, text in conn.execute(
        "SELECT id, start, end, text FROM turns WHERE conversation_id = ?", [cid]
    ):
        words = plain_words(text)
        if tid in withheld or not words:
            continue
        at = round(start, 2)
        if any(
            round(other, 2) == at
            or (start < other < end and hidden and (_within(hidden, words) or heard_in(tid, times)))
            for other, _, hidden, times in said.hidden
        ):
            exposed.append(tid)
        elif at in said.by_start:
            if at in said.emptied or _moved_to_hidden(words, said.by_start[at], said.hidden):
                exposed.append(tid)
        elif not any(_within(words, public) for public in said.texts):
            exposed.append(tid)
    return exposed


def _moved_to_hidden(stored: str, now: str, hidden: list[tuple]) -> bool:
    """Whether words of a public turn as the database has it (``stored``), gone from the transcript's turn at
    the same start (``now``), stand in a turn the transcript does not publish: a part cut and pasted into the
    next turn, of someone withdrawn. Two words or more: one word in common is no move."""
    import difflib

    before, after = stored.split(), now.split()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        gone = " ".join(before[i1:i2])
        if tag in ("delete", "replace") and i2 - i1 >= 2 and any(_within(gone, words) for _, _, words, _ in hidden):
            return True
    return False


def _lowered(conn: sqlite3.Connection, cid: str, conversation: Conversation, write: bool = True) -> list[str]:
    """Lower the database's statuses of ``cid`` to the transcript's where it says less; what changed
    (with ``write`` False: what would, the database left as it is)."""
    changes = []
    (stored,) = conn.execute("SELECT status FROM conversations WHERE id = ?", [cid]).fetchone()
    if OPENNESS.get(conversation.status, 0) < OPENNESS.get(stored, 0):
        if write:
            conn.execute("UPDATE conversations SET status = ? WHERE id = ?", [conversation.status, cid])
        changes.append(f"the conversation: {conversation.status}")
    # (by any spelling: an entry respelt by hand with its old one kept, as the desk writes it, and withdrawn)
    said = {n.casefold(): p.status for p in conversation.participants for n in (p.name, *p.earlier_spellings)}
    for pid, name, status in conn.execute(
        "SELECT id, name, status FROM participants WHERE conversation_id = ?", [cid]
    ).fetchall():
        now = said.get(name.casefold())
        if now is not None and OPENNESS.get(now, 0) < OPENNESS.get(status, 0):
            if write:
                conn.execute("UPDATE participants SET status = ? WHERE id = ?", [now, pid])
            changes.append(f"{name}: {now}")
    return changes


def _newly_withheld(conn: sqlite3.Connection, cid: str, conversation: Conversation) -> list[str]:
    """The participants the transcript lists as not published whom the database does not list at all (an entry
    typed by hand, "Piet Smit, withdrawn", for someone others name): their name is public in the database's words
    until 'gesprekken load' takes it out, which no status lowered here can do (a helper's attack, session 53).
    Where the database withholds a name that covers every mention already (a withdrawn one respelt by hand), no
    one; and where a participant the database publishes is gone from the list in the same edit, the new entry may
    be them respelt: held (a reviewer's attack, session 53: "Marieke Meijer" to "Marieke Meijers", withdrawn)."""
    rows = conn.execute("SELECT name, status, earlier_spellings FROM participants WHERE conversation_id = ?", [cid])
    stored = {name.casefold(): (name, status, json.loads(earlier or "[]")) for name, status, earlier in rows}
    withheld = [n for name, status, earlier in stored.values() if status != "published" for n in (name, *earlier)]
    listed = {n.casefold() for p in conversation.participants for n in (p.name, *p.earlier_spellings)}
    gone = [key for key, (_, status, _) in stored.items() if status == "published" and key not in listed]
    return [
        p.name
        for p in conversation.participants
        if p.status != "published"
        and not {n.casefold() for n in (p.name, *p.earlier_spellings)} & set(stored)
        and (gone or names_shown(conversation, [p.name, *p.earlier_spellings], withheld))
    ]


def _hold(conn: sqlite3.Connection, cid: str) -> None:
    conn.execute("UPDATE conversations SET status = ? WHERE id = ? AND status = 'published'", [HELD, cid])


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _check(
    conn: sqlite3.Connection, folder: Path, name: str, cid: str, before_write: Callable[[], object] | None = None
) -> str | None:
    """Hold back what transcripts/``name`` (conversation ``cid`` in the database, published there) no
    longer publishes; the line for the server's log, None where nothing needed holding. ``before_write``
    is called before the database is written (see :func:`hold_back`)."""
    path = folder / name
    shown = from_here(path)
    source, conversation, why = _bytes(path), None, f"{shown} is gone or cannot be read"
    if source is not None:
        try:
            conversation = loads(source.decode("utf-8"), shown)
            if conversation.id != cid:
                raise GesprekkenError(f"{shown} now says it is conversation {conversation.id}")
        except UnicodeError:
            conversation, why = None, f"{shown} is no UTF-8 text any more"
        except GesprekkenError as e:
            conversation, why = None, " ".join(str(e).split())
    if conversation is not None:
        said = _said(conversation)
        if (
            not _exposed(conn, cid, said)
            and not _lowered(conn, cid, conversation, write=False)
            and not _newly_withheld(conn, cid, conversation)
        ):
            # the usual case: read only, no write lock taken (a status lowered by hand of someone who speaks no
            # turn shows no turn, but their name, role and organisation, and where others name them)
            return None
    time.sleep(SETTLE)
    if _bytes(path) != source:
        return None  # being written: it changed after it was looked at, so the next look reads it again
    if before_write is not None:
        before_write()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # As it stands now, under the write lock: a command may have stored or rewritten it meanwhile.
        row = conn.execute("SELECT status, transcript_file FROM conversations WHERE id = ?", [cid]).fetchone()
        if row != ("published", name) or _bytes(path) != source:
            conn.execute("ROLLBACK")
            return None  # stored or rewritten meanwhile: the database follows the file, or the next look reads it
        if conversation is None:
            _hold(conn, cid)
            conn.execute("COMMIT")
            return f"{why}: conversation {cid} is kept from the public until it reads and 'gesprekken load' has run"
        lowered = _lowered(conn, cid, conversation)
        if _exposed(conn, cid, said):
            _hold(conn, cid)
            line = (
                f"{shown} no longer publishes turns the public saw (a speaker changed, a turn split, emptied or "
                f"deleted by hand): conversation {cid} is kept from the public until 'gesprekken load'"
            )
        elif newly := _newly_withheld(conn, cid, conversation):
            _hold(conn, cid)
            line = (
                f"{shown} lists {', '.join(newly)} as not published, by hand: where others name them, conversation "
                f"{cid} is kept from the public until 'gesprekken load'"
            )
        elif not lowered:  # the database took the transcript in meanwhile (a load): nothing to hold
            conn.execute("ROLLBACK")
            return None
        else:
            line = f"{shown} takes consent back by hand ({'; '.join(lowered)}): the public copy follows"
        conn.execute("COMMIT")
        return line
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def hold_back(
    db_path: Path,
    transcripts: Path,
    names: Iterable[str] | None = None,
    before_write: Callable[[], object] | None = None,
) -> list[str]:
    """Make the database ``db_path`` no more public than its transcripts in ``transcripts`` say (see
    the module's description): of the transcript files ``names`` (None: every one the database
    publishes). Returns a line for the server's log per conversation held back. Only conversations
    the database publishes are read: nothing else of theirs is public. ``before_write`` is called
    before the database may be written (:meth:`gesprekken.Workspace.hold_hand_edits` marks the
    published folders then, as before every change).

    Raises:
        sqlite3.Error: the database could not be read or written (the caller withholds the site).
    """
    names = None if names is None else list(names)
    with contextlib.closing(sqlite3.connect(db_path, timeout=LOCK_WAIT, isolation_level=None)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(conversations)")}
        if not {"status", "transcript_file"} <= columns:
            return []  # no consent kept yet ('gesprekken load' adds it): no public copy is made from it
        published = dict(
            conn.execute("SELECT transcript_file, id FROM conversations WHERE status = 'published'").fetchall()
        )
        wanted = published if names is None else [name for name in names if name in published]
        lines = [line for name in wanted if (line := _check(conn, transcripts, name, published[name], before_write))]
        # A file of another name that says it is a published conversation: a second copy of it ("x (1).md", saved
        # as or a sync's conflict copy), which 'gesprekken load' takes off the site, whichever says what.
        others = [path.name for path in transcript_files(transcripts)] if names is None else names
        others = [name for name in others if name not in published]
        ids = {cid: name for name, cid in published.items()}
        for name in others:
            cid = id_in(transcripts / name)
            if cid in ids and (line := _check_copy(conn, transcripts, name, ids[cid], cid, before_write)):
                lines.append(line)
        return lines


def _check_copy(
    conn: sqlite3.Connection,
    folder: Path,
    name: str,
    original: str,
    cid: str,
    before_write: Callable[[], object] | None = None,
) -> str | None:
    """Keep conversation ``cid`` (published from transcripts/``original``) from the public while
    transcripts/``name`` is a second copy of it; the line for the server's log, None where nothing was held."""
    time.sleep(SETTLE)
    if id_in(folder / name) != cid:
        return None  # being written, or gone again: the next look reads it
    if before_write is not None:
        before_write()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT status, transcript_file FROM conversations WHERE id = ?", [cid]).fetchone()
        if row != ("published", original) or id_in(folder / name) != cid:
            conn.execute("ROLLBACK")
            return None
        _hold(conn, cid)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    said = copies_said([from_here(folder / original), from_here(folder / name)], cid)
    return f"{said}: conversation {cid} is kept from the public until one is deleted and 'gesprekken load' has run"
