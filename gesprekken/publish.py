"""The public knowledge base: a copy of the database that holds only what may be published.

Filtering rows per request is easy to get wrong (a facet count, a CSV export, a search
snippet); a separate file that simply does not contain unpublished material cannot leak it.
:func:`build_public_copy` copies the database with SQLite's backup API, deletes every
conversation and participant that is not ``published`` (with their turns, words, quotes,
action points, entities and themes), drops voice profiles, speaker evidence, Whisper's
settings (the prompt names everyone) and the export log, rebuilds the full-text indexes,
vacuums, and then checks the result before it is moved into place.

After a change of a few conversations (a save at the editors' desk) the copy can instead be
brought up to date for those conversations only (``incremental``): the database records which
conversations changed since the last build (table ``public_pending``, written by triggers in the
transaction of the change), and the new copy is the old one with those conversations' rows
deleted and, where published, copied again and withheld from exactly as a whole build does. With
``secure_delete`` on and the full-text indexes merged, nothing deleted stays in the file, so no
vacuum is needed. Whenever that cannot be sure to give what a whole build gives (the themes
changed, another schema, a copy by another version) the whole build runs.

What the copy leaves out of a conversation's turns is decided by one rule, :func:`withheld_turns`,
which the editors' pages (plugins/gesprekken_pages.py) ask too, to mark what the public may not
see. A published site's server runs those pages without numpy or sqlite-utils: this module
imports them (through :mod:`gesprekken.storage`) only inside the functions that build a copy.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat as stat_module
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GesprekkenError
from .paths import current_umask, disk_full
from .serve import EDITORS_TABLES
from .transcript import REMOVED_SPEAKER, UNCONFIRMED, own_spellings

if TYPE_CHECKING:
    from sqlite_utils import Database


class PublishError(GesprekkenError):
    """A public copy cannot be guaranteed to hold only published material."""


def public_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-openbaar{db_path.suffix}")


#: What the copy is built by, as its ``user_version``: a copy that another way of building made
#: (an older gesprekken) is never brought up to date incrementally, only rebuilt whole.
PUBLIC_FORMAT = 1
#: The tables that hold a conversation's public rows, and how to find them (``{db}``: the database, ``?``: its id).
CONVERSATION_ROWS = {
    "conversations": "id = ?",
    "participants": "conversation_id = ?",
    "turns": "conversation_id = ?",
    "words": "turn_id IN (SELECT id FROM {db}.turns WHERE conversation_id = ?)",
    "turn_themes": "turn_id IN (SELECT id FROM {db}.turns WHERE conversation_id = ?)",
    "entities": "conversation_id = ?",
    "quotes": "conversation_id = ?",
    "quote_themes": "quote_id IN (SELECT id FROM {db}.quotes WHERE conversation_id = ?)",
    "action_points": "conversation_id = ?",
    "action_point_themes": "action_point_id IN (SELECT id FROM {db}.action_points WHERE conversation_id = ?)",
    "conversation_themes": "conversation_id = ?",
}

#: Read by :func:`withheld_turns` (which voices an editor confirmed), so copied in with a changed
#: conversation's rows as a whole build has them; the editors' alone, deleted with EDITORS_TABLES.
VOICE_ROWS = {"speakers": "conversation_id = ?"}


def verify(db: Database) -> None:
    """Raise PublishError unless only published conversations and participants remain."""
    checks = {
        "conversations that are not published": "SELECT count(*) FROM conversations WHERE status != 'published'",
        "participants who are not published": "SELECT count(*) FROM participants WHERE status != 'published'",
        "turns of conversations that are gone": "SELECT count(*) FROM turns WHERE conversation_id NOT IN "
        "(SELECT id FROM conversations)",
        "quotes without their turn": "SELECT count(*) FROM quotes WHERE turn_id NOT IN (SELECT id FROM turns)",
        "voice profiles": "SELECT count(*) FROM voice_profiles",
    }
    if db["edits"].exists():
        checks["saves in the editors' history"] = "SELECT count(*) FROM edits"
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        checks["counters of past changes (sqlite_sequence)"] = "SELECT count(*) FROM sqlite_sequence"
    if db["public_pending"].exists():
        checks["marks of past changes"] = "SELECT count(*) FROM public_pending"
    named = ", ".join(f"'{table}'" for table in STATISTICS)
    checks["statistics of the editors' database (sqlite_stat*)"] = (
        f"SELECT count(*) FROM sqlite_master WHERE name IN ({named})"
    )
    for what, sql in checks.items():
        found = db.execute(sql).fetchone()[0]
        if found:
            raise PublishError(f"The public copy still holds {found} {what}; refusing to publish it")


def build_public_copy(
    db_path: Path, transcripts: Path | None = None, recordings: Path | None = None, incremental: bool = False
) -> Path:
    """Write ``<db>-openbaar.db`` with only published material, checked; return its path.

    A published conversation in which someone may not be heard (a participant who is not
    published, or a forgotten person) gets a public recording with those turns silent (see
    :mod:`gesprekken.redact`) in ``recordings/.openbaar/``; without ``transcripts`` and
    ``recordings`` to find the original, its public copy has no recording at all. Builds are
    serialised by a lock beside the copy, so the last build always holds the newest state.

    With ``incremental``, an existing copy is brought up to date for the conversations that
    changed since it was built (see the module's description), and left as it is when none did;
    where that cannot be sure to give what a whole build gives, the whole build runs.

    Raises:
        PublishError: the database is not up to date or the result fails the check.
    """
    target = public_path(db_path)
    with _locked(_lock_path(target)):
        _remove_leftovers(target)
        if incremental and target.exists() and _update_public_copy(db_path, target, transcripts, recordings):
            return target
        return _build_public_copy(db_path, target, transcripts, recordings)


def _lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


@contextmanager
def _locked(path: Path, wait: bool = True):
    """Hold the lock that serialises builds; without ``wait``, yield False at once when a build holds it."""
    import fcntl

    from .paths import open_lock

    with open(open_lock(path), "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _leftovers(target: Path) -> Iterator[Path]:
    """The temporary copies beside ``target`` (``mkstemp``'s), and the journal SQLite kept beside one
    ("<copy>.tmp-journal", a killed run's, session 58)."""
    return target.parent.glob(f".{glob.escape(target.name)}.*.tmp*")


def _remove_leftovers(target: Path) -> None:
    """Delete the temporary copies of builds that were killed (with the lock held: no build is running).

    A whole build's temporary copy holds the whole database until it is filtered, an update's the
    rows it is copying: readable by its owner only (``mkstemp``), never served, and gone here.
    """
    for leftover in _leftovers(target):
        leftover.unlink(missing_ok=True)


def remove_leftover_copies(db_path: Path) -> None:
    """Delete what a build killed mid-way left beside the database, unless a build is running now.

    Every command that opens the database calls this, so such a file does not outlive the next one.
    """
    target = public_path(db_path)
    if not any(_leftovers(target)):
        return  # the usual case: no lock file written where there is nothing to remove
    with _locked(_lock_path(target), wait=False) as held:
        if held:
            _remove_leftovers(target)


def _scope(column: str, only: list[str] | None) -> tuple[str, list[str]]:
    """`` AND column IN (...)`` for the conversations ``only`` (None: every conversation)."""
    if only is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' for _ in only)})", list(only)


#: Per turn, the publication status that keeps it out of the public copy (see :func:`withheld_turns`).
#: ``{conversations}`` and ``{turns}`` narrow it (``1``: all). Only conversations with something not
#: published are looked into, so a public copy (nothing of the kind) costs a look at each one asked.
WITHHELD_TURNS = """
WITH off_list AS (  -- a voice named by automatic naming alone, under a name no published participant has
  SELECT c.id FROM conversations c WHERE {conversations}
    AND EXISTS (SELECT 1 FROM speakers v JOIN turns u ON u.conversation_id = v.conversation_id AND u.speaker = v.name
      WHERE v.conversation_id = c.id AND NOT v.confirmed AND NOT EXISTS (SELECT 1 FROM participants p
        WHERE p.conversation_id = c.id AND p.name = v.name AND p.status = 'published'))
),
suspect AS (
  SELECT c.id, c.status FROM conversations c WHERE {conversations} AND (c.status != 'published'
    OR EXISTS (SELECT 1 FROM participants p WHERE p.conversation_id = c.id AND p.status != 'published')
    OR EXISTS (SELECT 1 FROM turns r WHERE r.conversation_id = c.id AND r.speaker = :removed)
    OR c.id IN (SELECT id FROM off_list))
),
hidden AS (
  SELECT p.conversation_id, p.status, p.rowid AS n FROM participants p JOIN suspect s ON s.id = p.conversation_id
  WHERE s.status = 'published' AND p.status != 'published'
),
unsettled AS (
  SELECT h.conversation_id, CASE WHEN EXISTS (SELECT 1 FROM turns r WHERE r.conversation_id = h.conversation_id
      AND r.speaker = :removed) THEN 'withdrawn' ELSE max(h.status) END AS status
  FROM hidden h JOIN participants p ON p.rowid = h.n
  WHERE NOT EXISTS (SELECT 1 FROM turns u WHERE u.conversation_id = h.conversation_id AND u.speaker = p.name
    AND NOT EXISTS (SELECT 1 FROM speakers v WHERE v.conversation_id = u.conversation_id AND v.name = p.name
      AND NOT v.confirmed))
  GROUP BY h.conversation_id
  UNION ALL
  SELECT s.id, 'withdrawn' FROM suspect s WHERE s.status = 'published'
    AND EXISTS (SELECT 1 FROM turns r WHERE r.conversation_id = s.id AND r.speaker = :removed)
  UNION ALL
  SELECT s.id, CASE WHEN EXISTS (SELECT 1 FROM participants p WHERE p.conversation_id = s.id
      AND p.status = 'withdrawn') THEN 'withdrawn' ELSE 'internal' END
  FROM suspect s WHERE s.status = 'published' AND s.id IN (SELECT id FROM off_list)
)
SELECT t.id, CASE WHEN s.status != 'published' THEN s.status WHEN t.speaker = :removed THEN 'withdrawn' ELSE coalesce(
    (SELECT p.status FROM participants p WHERE p.conversation_id = t.conversation_id AND p.status != 'published'
      AND (p.id = t.participant_id OR p.name = t.speaker) ORDER BY p.status = 'withdrawn' DESC, p.rowid LIMIT 1),
    (SELECT 'withdrawn' WHERE t.participant_id IS NULL AND EXISTS (SELECT 1 FROM turns r
      WHERE r.conversation_id = t.conversation_id AND r.speaker = :removed)),
    (SELECT h.status FROM hidden h WHERE t.participant_id IS NULL AND h.conversation_id = t.conversation_id
      ORDER BY h.status = 'withdrawn' DESC, h.n LIMIT 1),
    (SELECT max(w.status) FROM unsettled w WHERE w.conversation_id = t.conversation_id
      AND EXISTS (SELECT 1 FROM speakers v WHERE v.conversation_id = t.conversation_id AND v.name = t.speaker
        AND NOT v.confirmed))
  ) END AS withheld
FROM suspect s JOIN turns t ON t.conversation_id = s.id
WHERE {turns} AND withheld IS NOT NULL
"""


def withheld_turns(
    conn: sqlite3.Connection, conversation_ids: list[str] | None = None, turn_ids: list[str] | None = None
) -> dict[str, str]:
    """The turns the public copy leaves out, each with the publication status that keeps it out
    ("internal", "withdrawn"): of the conversations ``conversation_ids`` (None: all), and of those
    only the turns ``turn_ids`` when given. The one rule: publish withholds by it, the editors' pages
    mark by it. A speaker's name compares with a participant's as written: a turn whose speaker is no
    participant's name to the letter ("joost de boer") is a voice not named for a participant, below.

    A turn is left out when its conversation is not published (its status), else when it is forget's
    marker (``[verwijderd]``, "withdrawn": it says that someone asked to be removed, and when they
    spoke), or a participant who is not published is its speaker, by id or by name (theirs). And in
    a published conversation with such a participant, every voice not named for a participant
    ("Spreker 2") is left out too ("withdrawn" where anyone there withdrew), until the voice is named:
    their words may be under it, all of them where they have no turn in their name, or a part where
    diarization split their voice (as Conversation.published_for). A name that speaks but is no
    participant's is stored as a participant without a status (see Conversation.unlisted), and so
    follows this rule. After ``forget``, the unnamed voices are left out too (a part of the forgotten
    voice may be there). And in a published conversation where someone is not published and heard
    under no confirmed name, or where a name automatic naming gave is no published participant's, or
    after ``forget``, every voice that automatic naming alone named (``speakers.confirmed`` 0) is left
    out until an editor confirms it: automatic naming names a pair the wrong way round now and then
    (as Conversation.held_for_naming)."""
    conversations = "c.id IN (SELECT value FROM json_each(:conversations))" if conversation_ids is not None else "1"
    turns = "t.id IN (SELECT value FROM json_each(:turns))" if turn_ids is not None else "1"
    sql = WITHHELD_TURNS.format(conversations=conversations, turns=turns)
    params = {
        "conversations": json.dumps(list(conversation_ids or [])),
        "turns": json.dumps(list(turn_ids or [])),
        "removed": REMOVED_SPEAKER,
    }
    return dict(conn.execute(sql, params).fetchall())


#: Of the turns ``:turns``, those of a published participant's own voice (their id: their name, case aside;
#: a voice that introduces itself as, or looks like, someone else has theirs) that automatic naming alone
#: named: the public copy leaves them out only until an editor confirms the voice (see :func:`unconfirmed`).
UNCONFIRMED_TURNS = """
SELECT t.id FROM turns t JOIN participants p ON p.id = t.participant_id
  JOIN conversations c ON c.id = t.conversation_id
WHERE t.id IN (SELECT value FROM json_each(:turns)) AND c.status = 'published' AND p.status = 'published'
  AND EXISTS (SELECT 1 FROM speakers v WHERE v.conversation_id = t.conversation_id AND v.name = t.speaker
    AND NOT v.confirmed)
"""


def unconfirmed(conn: sqlite3.Connection, withheld: dict[str, str]) -> dict[str, str]:
    """``withheld`` (:func:`withheld_turns`), a published participant's turn held only until an editor
    confirms that automatic naming named its voice right marked ``UNCONFIRMED``, not with the status
    of whoever kept it back (as the desk says it: Conversation.held_for_naming, consent.confirmable);
    what is withheld does not change. A voice that introduces itself as someone else keeps their mark."""
    if not withheld:
        return withheld
    held = {row[0] for row in conn.execute(UNCONFIRMED_TURNS, {"turns": json.dumps(list(withheld))})}
    return {tid: UNCONFIRMED if tid in held else status for tid, status in withheld.items()}


def public_themes(themes: list[str], tagged: Iterable[str], thinned: bool) -> list[str]:
    """The one rule for which of a conversation's themes (``themes``, best first) the public may see,
    given the themes that the turns left in it tag (``tagged``) and whether turns or a participant were
    withheld from it (``thinned``): all of them where nothing was; else only those a turn left in tags.
    A theme no such turn speaks of may rest on what went: said, or inferred from the words of the talk
    (:func:`gesprekken.analyse.lexical_signal`) or from what it means (:mod:`gesprekken.meaning`), only in
    what was withheld, or named by a withheld
    participant's role or organisation alone. Where nothing went, a theme inferred from the talk stays,
    as the editors see it. The public copy keeps these (:func:`_withhold`), and so does every export
    (:func:`gesprekken.export.public_analysis`), so an article never shows a theme the site dropped."""
    if not thinned:
        return list(themes)
    tagged = set(tagged)
    return [theme for theme in themes if theme in tagged]


def public_action_owner(who: str, left_out: Iterable[tuple[str, str]], kept: Iterable[tuple[str, str]]) -> str:
    """The one rule for who should act on an action point the public may see (``who``, as the analysis
    of the whole conversation found it), given the ``(name, organisation)`` of the participants withheld
    from it (``left_out``: once for each spelling of their name, see Participant.names) and of those
    kept: empty where it names someone withheld: by their organisation ("jullie" in a tweegesprek is the
    other side, see :func:`gesprekken.analyse.action_owner`), or by their name in any way the texts'
    rule finds it (:func:`gesprekken.consent.name_spans`: their surname in an organisation the analysis
    found, "Stichting Bakker"; an earlier spelling; in capitals). A kept participant's name or
    organisation stays whole ("Bakker Bouw" when Jan Bakker is left out), as in the texts. Empty, not
    "[naam verwijderd]": who should act is a label the analysis gave, not words anyone said, and a label
    that points at the one left out as the actor tells a reader nothing but that. The public copy keeps
    this (:func:`_withhold`), and so does every export (:func:`gesprekken.export.public_analysis`)."""
    from .consent import found_name_is_theirs, left_out_names, name_spans

    left_out, kept = list(left_out), list(kept)

    def folded(label: str) -> str:
        # A label the analysis gave, not words anyone said: "stichting mool" is Stichting Mool, case aside,
        # and "Café" composed (NFC) or decomposed (NFD, typed on a Mac) is one word.
        return unicodedata.normalize("NFC", label).casefold()

    said = folded(who)
    if not who or said in {folded(value) for pair in kept for value in pair if value}:
        return who
    variants, keep = left_out_names(dict.fromkeys(name for name, _ in left_out if name), kept)

    # Both sides of the table ("Woongoed en Stichting Mool", see action_owner) name the one withheld as
    # well: the label goes whole, as for them alone. Their organisation counts wherever it stands in the
    # label, but not inside a longer kept one ("Mool Bouw" kept, "Mool" withheld), by the texts' rule
    # (name_spans); a kept one inside theirs hides nothing ("Portaal" kept, "Huurdersvereniging Portaal"
    # withheld). Compared word by word: punctuation and spacing aside.
    def spaced(label: str) -> str:
        return " ".join(re.findall(r"\w+", folded(label)))

    theirs = sorted({spaced(o) for _, o in left_out if o} - {""}, key=len, reverse=True)
    if name_spans(spaced(who), theirs, [spaced(o) for _, o in kept if o]):
        return ""
    return "" if found_name_is_theirs(who, variants, keep) else who  # a label: "Boer" alone names him too


#: Seconds silenced on either side of a word that names someone not published: Whisper's word times
#: may be off by a little, and the name must not be heard.
MENTION_MARGIN = 0.1


def withheld_people(
    db: Database, only: list[str] | None
) -> tuple[dict[str, tuple[list[str], list[str]]], dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Per published conversation (of ``only``) with participants who are not published: the ways they are
    named (:func:`gesprekken.consent.name_variants`), which must not reach the public in what is shown of it,
    nor be heard, as after ``forget`` (whose marker shows no name either), with the names and organisations of
    its published participants, which stay whole where they hold such a name ("Jan de Vries" when Jan Bakker is
    left out: :func:`gesprekken.consent.name_spans`); and their roles and organisations: who they are, which an
    aside right after their name gives ("Kees Mol (wethouder, gemeente Deventer)", see
    :func:`gesprekken.consent.scrub_names`); and what says who they are in the title or the intro without their
    name (their organisation, a role of more words, where no one published has it: :func:`~gesprekken.consent.
    who_they_are`)."""
    from .consent import left_out_names, who_they_are

    in_scope, params = _scope("p.conversation_id", only)
    rows = db.execute(
        "SELECT p.conversation_id, p.name, p.organisation, p.status, p.earlier_spellings, p.role FROM participants p "
        f"JOIN conversations c ON c.id = p.conversation_id WHERE c.status = 'published'{in_scope} ORDER BY p.rowid",
        params,
    ).fetchall()
    names = {
        cid: left_out_names([n for n, _ in left], kept)
        for cid, (left, kept) in _by_consent([row[:5] for row in rows]).items()
        if left
    }
    about: dict[str, list[str]] = {}
    sides: dict[str, tuple[list, list]] = {}  # (role, organisation) of those left out, and of those published
    for cid, _, organisation, status, _, role in rows:
        if status != "published":
            about.setdefault(cid, []).extend(v for v in (role, organisation) if v)
        sides.setdefault(cid, ([], []))[status == "published"].append((role, organisation))
    who = {cid: who_they_are(*sides[cid]) for cid in names}
    return names, about, who


def _by_consent(rows: list[tuple]) -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """Per conversation, from its participants' rows (conversation id, name, organisation, status, earlier
    spellings as JSON): those not published, under every spelling of their name (as Whisper may have written
    one an editor corrected since) but a published participant's own (:func:`own_spellings`), and those
    published, as named now; each with their organisation."""
    public: dict[str, list[str]] = {}
    for cid, name, _, status, _ in rows:
        if status == "published":
            public.setdefault(cid, []).append(name)
    people: dict[str, tuple[list, list]] = {}
    for cid, name, organisation, status, earlier in rows:
        published = status == "published"
        spelt = [name] if published else own_spellings(name, json.loads(earlier or "[]"), public.get(cid, []))
        people.setdefault(cid, ([], []))[published].extend((n, organisation) for n in spelt)
    return people


def _mentions(
    db: Database,
    names: dict[str, tuple[list[str], list[str]]],
    withheld: dict[str, str],
    about: dict[str, list[str]] | None = None,
) -> tuple[dict[str, list], list[int]]:
    """Per conversation of ``names``, the spans of the recording in which a turn the public hears
    says one of those names: its words that do (with MENTION_MARGIN), or the whole turn where its
    text says one and its words do not say them all (words edited by hand, a name misheard in them,
    see :func:`gesprekken.consent.naming_words`); and the rowids of the words the copy leaves out:
    those, or all of such a turn's; with ``about`` (:func:`withheld_people`), an aside right after a name that says
    who they are with it."""
    from .consent import naming_words

    spans: dict[str, list] = {}
    dropped: list[int] = []
    for cid, (variants, keep) in names.items():
        # Every turn of the conversation: a name is found by name_spans, whatever its accents and case, which no
        # SQL test of the names as written can tell beforehand ("Zoe Celik" for Zoë Çelik, as Whisper writes it).
        for turn_id, start, end, text in db.execute(
            'SELECT id, start, "end", text FROM turns WHERE conversation_id = ?', [cid]
        ).fetchall():
            if turn_id in withheld:
                continue
            its = db.execute(
                'SELECT rowid, start, "end", word FROM words WHERE turn_id = ? ORDER BY seq', [turn_id]
            ).fetchall()
            said = naming_words(text or "", [w[3] for w in its], variants, keep, (about or {}).get(cid, []))
            if said is None:
                spans.setdefault(cid, []).append((start, end))
                dropped.extend(w[0] for w in its)
            for n in said or []:
                rowid, first, last, _ = its[n]
                spans.setdefault(cid, []).append((max(0.0, first - MENTION_MARGIN), last + MENTION_MARGIN))
                dropped.append(rowid)
    return spans, dropped


def _forgotten_names(db: Database, only: list[str] | None, withheld: dict[str, str]) -> dict[str, list]:
    """Per published conversation (of ``only``), the spans of the recording in which a turn the
    public hears still says a name that ``forget`` (or an editor) wrote "[naam verwijderd]" for:
    from the end of the word before it to the start of the word after it (forget drops the name's
    words, and keeps the others' times), with MENTION_MARGIN; the whole turn where its words do not
    hold the mark (:func:`gesprekken.consent.naming_words`)."""
    from .consent import REMOVED_NAME, naming_words

    in_scope, params = _scope("t.conversation_id", only)
    spans: dict[str, list] = {}
    for turn_id, cid, start, end, text in db.execute(
        'SELECT t.id, t.conversation_id, t.start, t."end", t.text FROM turns t JOIN conversations c '
        f"ON c.id = t.conversation_id WHERE c.status = 'published' AND instr(t.text, ?){in_scope}",
        [REMOVED_NAME, *params],
    ).fetchall():
        if turn_id in withheld:
            continue
        words = db.execute('SELECT start, "end", word FROM words WHERE turn_id = ? ORDER BY seq', [turn_id]).fetchall()
        marked = naming_words(text, [w[2] for w in words], [REMOVED_NAME])
        if marked is None:
            spans.setdefault(cid, []).append((start, end))
            continue
        runs: list[list[int]] = []  # the mark is two words ("[naam", "verwijderd]"): each run of them
        for n in marked:
            if runs and runs[-1][-1] == n - 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        for run in runs:
            before = words[run[0] - 1][1] if run[0] > 0 else start
            after = words[run[-1] + 1][0] if run[-1] + 1 < len(words) else end
            spans.setdefault(cid, []).append((max(0.0, before - MENTION_MARGIN), max(before, after) + MENTION_MARGIN))
    return spans


def _scrub_mentions(
    db: Database,
    names: dict[str, tuple[list[str], list[str]]],
    words: list[int],
    about: dict[str, list[str]],
    who: dict[str, list[tuple[str, str]]],
) -> None:
    """Write "[naam verwijderd]" for every way ``names`` names someone in the copy's text of their
    conversation (title, headline, intro, turns, quotes, action points, the roles of those kept), and drop the
    ``words`` (rowids, see :func:`_mentions`) and the entities that name them, as ``forget`` does in the
    transcript. An aside after such a name that gives their role or organisation (``about``) goes with it, as
    in an export's intro; in the title and the intro, their organisation and role (``who``) go wherever said."""
    from .consent import entity_is_theirs, scrub_names, scrub_who

    conferences: dict[str, str] = {}  # a conference's name that named someone, as scrubbed
    for cid, (variants, keep) in names.items():
        for table, key, column, where in (
            ("conversations", "id", "title", "id = ?"),
            ("conversations", "id", "conference", "id = ?"),  # "Afscheidssymposium Joost de Boer"
            ("turns", "id", "conference", "conversation_id = ?"),  # each row carries it, for the filters
            ("quotes", "id", "conference", "conversation_id = ?"),
            ("action_points", "id", "conference", "conversation_id = ?"),
            ("conversations", "id", "headline", "id = ?"),
            ("conversations", "id", "intro", "id = ?"),  # the editor's, as the article's is
            ("turns", "id", "text", "conversation_id = ?"),
            ("quotes", "id", "text", "conversation_id = ?"),
            ("action_points", "id", "text", "conversation_id = ?"),
            ("participants", "id", "role", "conversation_id = ?"),  # a role an editor typed may name them
        ):
            if not db[table].exists():
                continue
            # every row: the names are found whatever their accents and case (see _mentions)
            for row_key, value in db.execute(f"SELECT {key}, {column} FROM {table} WHERE {where}", [cid]).fetchall():
                scrubbed = scrub_names(value or "", variants, keep, about.get(cid, []))
                # (and the roles of those kept: "gespreksleider, sprak met de sectormanager wonen van gemeente
                # Zwolle", an attack, session 56)
                if (table, column) in (
                    ("conversations", "title"),
                    ("conversations", "intro"),
                    ("participants", "role"),
                ):
                    scrubbed = scrub_who(scrubbed, who.get(cid, []))
                if scrubbed != (value or ""):
                    db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", [scrubbed, row_key])
                    if (table, column) == ("conversations", "conference"):
                        conferences[value] = scrubbed
        if db["entities"].exists():
            turns = dict(db.execute("SELECT id, text FROM turns WHERE conversation_id = ?", [cid]).fetchall())
            said = " ".join(text or "" for text in turns.values())
            kept: dict[tuple[str, str], int] = {}  # each entity's place among those of its text in its turn
            for rowid, turn, text in db.execute(
                "SELECT rowid, turn_id, text FROM entities WHERE conversation_id = ? ORDER BY turn_id, start_char",
                [cid],
            ).fetchall():
                if entity_is_theirs(text or "", variants, keep, about.get(cid, []), said):
                    db.execute("DELETE FROM entities WHERE rowid = ?", [rowid])
                    continue
                # where it is in the turn as scrubbed: its offsets counted in the text before gave away how long
                # the name taken out before it was (a helper's attack, session 51: 4 characters more, 13 letters)
                nth = kept[(turn, text)] = kept.get((turn, text), -1) + 1
                whole = rf"(?<!\w){re.escape(text or '')}(?!\w)"  # "Arnhem", not inside "Arnhemseweg"
                places = [m.start() for m in re.finditer(whole, turns.get(turn) or "")] if text else []
                if nth < len(places):
                    db.execute(
                        "UPDATE entities SET start_char = ?, end_char = ? WHERE rowid = ?",
                        [places[nth], places[nth] + len(text), rowid],
                    )
                else:
                    db.execute("DELETE FROM entities WHERE rowid = ?", [rowid])
    # A conference is shared: its name as scrubbed for every conversation of it, not only those the person sat
    # in (a facet would show "Afscheidssymposium Joost de Boer" beside the scrubbed one).
    for old, new in conferences.items():
        for table in ("conversations", "turns", "quotes", "action_points"):
            if db[table].exists():
                db.execute(f"UPDATE {table} SET conference = ? WHERE conference = ?", [new, old])
    db.execute("DELETE FROM words WHERE rowid IN (SELECT value FROM json_each(?))", [json.dumps(words)])


#: A conversation's turns in order, each with where its words were said: (id, start, end, speaker, text, the first
#: word's start, the last word's end; None where it has no word times).
TURNS_IN_TIME = (
    'SELECT t.id, t.start, t."end", t.speaker, t.text, min(w.start), max(w."end") FROM turns t '
    "LEFT JOIN words w ON w.turn_id = t.id WHERE t.conversation_id = ? GROUP BY t.id ORDER BY t.seq"
)


def silenced_spans(
    turns: Iterable[tuple[float | None, float | None, bool, float | None, float | None]], withheld_here: bool = False
) -> list[tuple[float, float]]:
    """What the public recording silences of a conversation whose ``turns`` are (start, end, hidden, the first
    word's start, the last word's end), as :func:`gesprekken.redact.hidden_spans` reads them. The one reading of
    the timeline, for the copy made (:func:`_public_recordings`) and for load's question of a hand edit
    (:func:`gesprekken.storage.shown_by_hand`), so that the two cannot drift apart.

    Where any turn is hidden, or anyone of the conversation is withheld (``withheld_here``: a participant not
    published whose turns were all deleted by hand is no less withheld), every stretch of the recording that no
    heard turn holds is silent too, to the end of the file whatever the transcript says its ``duration`` is: a
    helper's attack (session 51) heard a withdrawn voice where a turn had been deleted by hand before he withdrew
    (his name, role and organisation), and after a ``duration:`` shortened by hand (the spans were cut at it; at
    one second, the original was served). A pause, a jingle, speech no turn holds is the cost; it is paid only
    where someone is withheld."""
    from .redact import END_OF_RECORDING, HIDDEN_MARGIN, hidden_spans, merged_spans

    timeline, holds = [], []
    for start, end, hidden, said_from, said_to in turns:
        start, end = start or 0.0, end or 0.0
        timeline.append((start, end, hidden))
        if hidden and said_from is not None and (said_from < start or said_to > end):
            # its heading's times typed at another moment than its words were said (load notes it): silent where
            # the words say it spoke too
            timeline.append((said_from, said_to, True))
        elif not hidden:
            # a turn heard holds its words' stretch (a margin either side), not all its heading may say: a heading
            # stretched by hand over a stretch no turn held made it heard (a reviewer, session 51)
            words = (said_from - HIDDEN_MARGIN, said_to + HIDDEN_MARGIN) if said_from is not None else (start, end)
            holds.append((max(start, words[0]), min(end, words[1])))
    if not withheld_here and not any(hidden for _, _, hidden in timeline):
        return []
    heard = merged_spans(holds, None)
    edges = [0.0, *(edge for span in heard for edge in span), END_OF_RECORDING]
    unheld = list(zip(edges[::2], edges[1::2], strict=True))  # before the first heard turn, between, after the last
    return merged_spans(hidden_spans(timeline, 0.0) + unheld, None)


def _public_recordings(
    db: Database,
    transcripts: Path | None,
    recordings: Path | None,
    only: list[str] | None,
    withheld: dict[str, str],
    mentions: dict[str, list] | None = None,
    names: dict[str, tuple[list[str], list[str]]] | None = None,
) -> set[Path]:
    """Point each published conversation (of ``only``) in which someone may not be heard (a turn of
    ``withheld``, or a forgotten person's, or a name of someone not published: ``mentions``) at a copy
    with them silent (or at no recording when that cannot be made); returns the copies in use. So too one
    whose recording's file name (or folder) says the name of someone not published (``names``, as
    :func:`withheld_people` gives them): the copy table shows where its recording is ("tafel-3-kees-mol.mp3"; a
    helper's attack, session 43), and the copy is named by the conversation's id."""
    from .redact import PUBLIC_FOLDER, RedactionError, merged_spans, public_recording_name, remux, silence

    used: set[Path] = set()
    where, params = _scope("id", only)
    # every conversation's, not the published ones alone (an update of the copy holds only those: the database it
    # updates from is attached as "source", a reviewer's read)
    attached = {row[1] for row in db.execute("PRAGMA database_list")}
    every = "source.conversations" if "source" in attached else "conversations"
    shas = {sha for (sha,) in db.execute(f"SELECT recording_sha256 FROM {every}") if sha}
    remembered, withheld_there = _remembered_silent(db, "source" if "source" in attached else "main", only)
    shared = shared_recordings(db, transcripts, recordings, every)
    for cid, recording, sha256 in db.execute(
        f"SELECT id, recording, recording_sha256 FROM conversations WHERE status = 'published'{where}",
        params,
    ).fetchall():
        turns = [
            (start, end, turn_id in withheld or speaker == REMOVED_SPEAKER, said_from, said_to)
            for turn_id, start, end, speaker, _, said_from, said_to in db.execute(TURNS_IN_TIME, [cid]).fetchall()
        ]
        # (and the stretches remembered as kept back for someone's consent: storage.remember_kept)
        spans = silenced_spans(turns, cid in (names or {}) or cid in withheld_there) + remembered.get(cid, [])
        spans = merged_spans(spans + (mentions or {}).get(cid, []), None)
        source = recording_source(transcripts, recordings, recording)
        if source is not None and (cid in shared or not recording_is_its_own(source, sha256, recordings, shas)):
            # another conversation's recording (a 'recording:' edited by hand), or a file replaced under the same
            # name (other times): played as it is, it holds voices this conversation's consent does not cover
            db.execute("UPDATE conversations SET recording = '' WHERE id = ?", [cid])
            continue
        if not recording:
            continue
        if source is None:
            # no file in the recordings folder to play: no path either, whose name may say one forgotten (a
            # reviewer, session 53)
            db.execute("UPDATE conversations SET recording = '' WHERE id = ?", [cid])
            continue
        # (where the transcript has no recording_sha256: the file's own inode, size and time, so that a file put in
        # its place is played, as it was before session 53, a reviewer)
        stat = source.stat()
        key = sha256 or f"{stat.st_dev}-{stat.st_ino}-{stat.st_size}-{stat.st_mtime_ns}"
        if not spans:
            # nothing to silence: the recording's own sound, its packets copied as they are (no new encoding) into
            # a file of its kind named by the conversation's id, with none of the file's tags, chapters or other
            # chunks. Its name may say a name consent keeps from the public and no rule knows any more (one
            # forgotten: a helper's attack, session 53, found "tafel-kees-mol.mp3" back on the site after forget),
            # and so may its tags ("Tafel 3 met wethouder Kees Mol", chapters, a recorder's iXML: two reviewers'
            # attacks). A file put in its place, or written over, is not played before load has looked at it.
            copy = recordings / PUBLIC_FOLDER / public_recording_name(cid, key, [], source.suffix.lower())
            if not copy.exists():
                import av

                try:
                    remux(source, copy)
                except (av.error.FFmpegError, RedactionError, ValueError):
                    copy = None  # (its kind cannot be written again as it is: a FLAC copy below)
            if copy is not None:
                used.add(copy.resolve())
                db.execute(
                    "UPDATE conversations SET recording = ? WHERE id = ?", [os.path.relpath(copy, transcripts), cid]
                )
                continue
        # silenced where it must be: a FLAC copy (which holds none of the file's tags either)
        copy = recordings / PUBLIC_FOLDER / public_recording_name(cid, key, spans)
        if not copy.exists():
            import av

            try:
                silence(source, copy, spans)
            except (av.error.FFmpegError, RedactionError):
                # a file PyAV cannot decode, a copy not silent: no player, for that conversation alone (one damaged
                # recording took every conversation off the public site, a helper's attack, session 51); privacy
                # holds either way, as nothing of it is played. A copy that cannot be written fails, and says so.
                db.execute("UPDATE conversations SET recording = '' WHERE id = ?", [cid])
                continue
        used.add(copy.resolve())
        db.execute("UPDATE conversations SET recording = ? WHERE id = ?", [os.path.relpath(copy, transcripts), cid])
    return used


def _remembered_silent(
    db: Database, schema: str, only: list[str] | None
) -> tuple[dict[str, list[tuple[float, float]]], set[str]]:
    """Per conversation (of ``only``), the stretches remembered as kept back (:func:`gesprekken.storage.remember_kept`,
    in the editors' database ``schema``) that stay silent: each whose consent is not given there
    (:func:`gesprekken.transcript.consent_given`: a participant not published under any spelling of their name,
    forget's marker, a voice not named or no participant's). A store lets go of those a heard turn holds where it
    may (an answered question, a voice named), so what is left is what no heard turn may hold. And the conversations
    where one is someone's consent (not a voice's not named), in which everything no heard turn holds is silent too,
    as where a participant is withheld (a voice not named deleted, a cough, silenced the pauses too: a helper's run,
    session 52)."""
    from .redact import HIDDEN_MARGIN
    from .transcript import consent_given

    if not db.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'consent_stretches'").fetchone():
        return {}, set()
    where, params = _scope("s.conversation_id", only)
    rows = db.execute(
        f'SELECT s.conversation_id, s.start, s."end", s.person, s.consent, '
        "(SELECT json_group_array(json_array(p.name, p.status, json(p.earlier_spellings))) FROM participants p "
        f"WHERE p.conversation_id = s.conversation_id) FROM {schema}.consent_stretches s WHERE 1{where}",
        params,
    ).fetchall()
    silent: dict[str, list[tuple[float, float]]] = {}
    withheld: set[str] = set()
    for cid, start, end, person, consent, participants in rows:
        if not consent_given(person, json.loads(participants)):
            # (with the margin a turn kept back gets either side: Whisper's word times may cut a voice short, and a
            # heard turn typed right beside the stretch let a fifth of a second through; a helper's read, session 52)
            silent.setdefault(cid, []).append((max(0.0, start - HIDDEN_MARGIN), end + HIDDEN_MARGIN))
            if consent:
                withheld.add(cid)
    return silent, withheld


def recording_source(transcripts: Path | None, recordings: Path | None, recording: str) -> Path | None:
    """The file ``recording`` (as a transcript names it, relative to ``transcripts``) where it is one inside the
    ``recordings`` folder (a link there to a file elsewhere too: :func:`gesprekken.paths.as_linked`), the only one
    played or copied from; None otherwise."""
    from .paths import as_linked

    if not (recording and transcripts and recordings):
        return None
    source = as_linked(transcripts / recording)
    return source if source.is_relative_to(recordings.resolve()) and source.is_file() else None


def shared_recordings(
    db: Database, transcripts: Path | None, recordings: Path | None, table: str = "conversations"
) -> dict[str, list[str]]:
    """The conversations (of ``table``: every one in the database) whose recording another names too, each with
    those others' ids: the public site plays it for none of them. A copy of a transcript under another id, with
    someone deleted and taken off its list, played the original whole: its consent and what it kept back are the
    other's (a helper's attack, session 52)."""
    by_source: dict[Path, list[str]] = {}
    for cid, recording in db.execute(f"SELECT id, recording FROM {table}"):
        if (source := recording_source(transcripts, recordings, recording)) is not None:
            by_source.setdefault(source.resolve(), []).append(cid)  # (two links to one file are one recording)
    return {cid: [o for o in ids if o != cid] for ids in by_source.values() if len(ids) > 1 for cid in ids}


def recording_is_its_own(source: Path, sha256: str, recordings: Path, shas: set[str]) -> bool:
    """Whether ``source`` is the recording a conversation was transcribed from: its bytes' SHA-256 is the
    transcript's ``recording_sha256`` (where the transcript has none, it is at least no other conversation's, of
    ``shas``). Each file is hashed once for its size and time (a hidden cache in the recordings folder, by the
    file's device and inode: a path would keep a name ``forget`` renamed a recording away from, a reviewer's read).
    A file that cannot be read is none (no player); a cache that cannot be written is no matter."""
    from .audio import content_sha256
    from .errors import GesprekkenError
    from .paths import atomic_write

    cache_path = recordings / ".gesprekken-sha256.json"  # (hidden: never ingested)
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    cache = cache if isinstance(cache, dict) else {}
    try:
        stat = source.stat()
        # (and its change time, which no copy or touch sets back: a file replaced in place with the same length and
        # its old date kept was taken for the one hashed, a helper's attack)
        key, stamp = f"{stat.st_dev}:{stat.st_ino}", [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
        known = cache.get(key)
        if isinstance(known, list) and len(known) == 4 and known[:3] == stamp:
            digest = known[3]
        else:
            digest = content_sha256(source)
            cache[key] = [*stamp, digest]
            with contextlib.suppress(OSError, GesprekkenError), atomic_write(cache_path) as handle:
                json.dump(cache, handle)
    except OSError:  # unreadable: not known to be its own (one such file takes no other player down)
        return False
    return digest == sha256 if sha256 else digest not in shas


def _withhold(db: Database, transcripts: Path | None, recordings: Path | None, only: list[str] | None) -> set[Path]:
    """Delete from the copy ``db`` what may not be public, of the conversations ``only`` (None: all),
    and every editors' table; returns the public recordings in use (of those conversations)."""
    from .export import headline_stands
    from .storage import delete_turns

    withheld = withheld_turns(db.conn, only)  # read whole, before any of them goes
    # their words, by conversation, with when: no headline of the copy they said first (headline_stands)
    # (in the order said: seq, the transcript's, where two turns start at once, as a turn typed without times
    # starts where the one before it ended: a reviewer's read, session 61)
    said_withheld: dict[str, list[tuple[int, str]]] = {}
    for cid, seq, text in db.execute(
        "SELECT conversation_id, seq, text FROM turns WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(withheld))],
    ):
        said_withheld.setdefault(cid, []).append((seq, text or ""))
    names, about, who_they_are = withheld_people(db, only)  # before the participants who are not published go
    mentions, named_words = _mentions(db, names, withheld, about)
    for cid, forgotten in _forgotten_names(db, only, withheld).items():
        mentions.setdefault(cid, []).extend(forgotten)
    used = _public_recordings(db, transcripts, recordings, only, withheld, mentions, names)
    turn_ids = json.dumps(sorted(withheld))
    # The conversations that lose turns or a participant: a theme no turn left tags may rest on what
    # went (inferred from their words, or named by a silent participant's role or organisation alone).
    thinned = json.dumps(
        [
            row[0]
            for row in db.execute(
                "SELECT conversation_id FROM turns WHERE id IN (SELECT value FROM json_each(?)) "
                "UNION SELECT conversation_id FROM participants WHERE status != 'published'",
                [turn_ids],
            )
        ]
    )
    delete_turns(db, "id IN (SELECT value FROM json_each(?))", [turn_ids])
    where, params = _scope("id", only)
    hidden = [row[0] for row in db.execute(f"SELECT id FROM conversations WHERE status != 'published'{where}", params)]
    for conversation_id in hidden:  # their turns went above
        for table in ("participants", "speakers", "voice_profiles", "conversation_themes"):
            db.execute(f"DELETE FROM {table} WHERE conversation_id = ?", [conversation_id])
        db.execute("DELETE FROM conversations WHERE id = ?", [conversation_id])
    in_scope, params = _scope("conversation_id", only)
    # Who should act on a point left in may be the other side of a tweegesprek (public_action_owner).
    # Someone withheld under every spelling of their name (as withheld_people), someone kept as named now.
    sql = f"SELECT conversation_id, name, organisation, status, earlier_spellings FROM participants WHERE 1{in_scope}"
    people = _by_consent(db.execute(sql, params).fetchall())
    for rowid, cid, who in db.execute(
        f"SELECT rowid, conversation_id, who FROM action_points WHERE who != ''{in_scope}", params
    ).fetchall():
        if public_action_owner(who, *people.get(cid, ([], []))) != who:
            db.execute("UPDATE action_points SET who = '' WHERE rowid = ?", [rowid])
    db.execute(f"DELETE FROM participants WHERE status != 'published'{in_scope}", params)
    # How an editor corrected a published name's spelling is the editors' (their names were withheld above).
    db.execute(f"UPDATE participants SET earlier_spellings = '[]' WHERE 1{in_scope}", params)
    _scrub_mentions(db, names, named_words, about, who_they_are)
    db.execute(f"UPDATE conversations SET transcription = '{{}}', transcript_file = '' WHERE 1{where}", params)
    # A headline whose quote went with its speaker goes too, for the best headline candidate left (as the
    # article takes one: a newcomer saw the page without a headline and the article with another, session
    # 28), and so does, where turns or a participant went, a conversation theme that may rest on what went
    # (public_themes: the rule exports follow).
    for conversation_id, headline in db.execute(
        # its own quotes: the same sentence may be another conversation's quote, said by someone published there;
        # a sentence an editor pinned is no quote of the analysis, and stays where a turn kept says it (as the
        # article takes it: the public page showed another sentence by another person, an editor's read, session 60)
        "SELECT id, headline FROM conversations WHERE headline NOT IN "
        f"(SELECT text FROM quotes WHERE quotes.conversation_id = conversations.id){where}",
        params,
    ).fetchall():
        # said first by a kept turn by its words whole, not by a turn withheld, as the article keeps it
        kept = [
            (seq, text or "", True)
            for seq, text in db.execute("SELECT seq, text FROM turns WHERE conversation_id = ?", [conversation_id])
        ]
        said = sorted(kept + [(seq, text, False) for seq, text in said_withheld.get(conversation_id, [])])
        if headline and headline_stands([(text, kept) for _, text, kept in said], headline):
            continue
        (best,) = db.execute(
            "SELECT (SELECT text FROM quotes WHERE conversation_id = ? AND candidate IS NOT NULL "
            "ORDER BY candidate LIMIT 1)",
            [conversation_id],
        ).fetchone()
        db.execute("UPDATE conversations SET headline = ? WHERE id = ?", [best, conversation_id])
        db.execute("UPDATE quotes SET headline = (text IS ?) WHERE conversation_id = ?", [best, conversation_id])
    for (conversation_id,) in db.execute(
        f"SELECT id FROM conversations WHERE id IN (SELECT value FROM json_each(?)){where}", [thinned, *params]
    ).fetchall():
        themes = db.execute(
            "SELECT theme FROM conversation_themes WHERE conversation_id = ? ORDER BY rank", [conversation_id]
        ).fetchall()
        tagged = db.execute(
            "SELECT tt.theme_id FROM turn_themes tt JOIN turns t ON t.id = tt.turn_id WHERE t.conversation_id = ?",
            [conversation_id],
        ).fetchall()
        kept = public_themes([row[0] for row in themes], [row[0] for row in tagged], thinned=True)
        db.execute(
            "DELETE FROM conversation_themes WHERE conversation_id = ? "
            "AND theme NOT IN (SELECT value FROM json_each(?))",
            [conversation_id, json.dumps(kept)],
        )
    db.execute(
        "UPDATE conversations SET themes = (SELECT json_group_array(theme) FROM (SELECT theme FROM "
        f"conversation_themes c WHERE c.conversation_id = conversations.id ORDER BY rank)) WHERE 1{where}",
        params,
    )
    rank_again(db, in_scope, params)
    # The headline shortlist is the editors' tool (the page shows it to them alone): not in the copy.
    db.execute(f"UPDATE quotes SET candidate = NULL WHERE candidate IS NOT NULL{in_scope}", params)
    # Editors' material, never public: voices, naming evidence, Whisper's settings, exports, the
    # desk's history of saves, what changed since the last build (last: the changes above mark it).
    for table in EDITORS_TABLES:
        if db[table].exists():
            db.execute(f"DELETE FROM {table}")
    _forget_counters(db)
    return used


def rank_again(db: Database, in_scope: str = "", params: list | tuple = ()) -> None:
    """Count the ranks of the quotes and the conversation's themes again over what is left (of the conversations
    ``in_scope``, a ``_scope`` clause on conversation_id): 1, 3, 5 (or themes from 2) said that something ranked
    between them was withheld (a helper's attack, session 44). Ids stay, so that a link to a quote holds; their
    gaps say what the turns' numbers and times say already (SECURITY.md). Numbered in Python from the rows read
    first (a count inside the UPDATE saw rows it had renumbered already, in whatever order it visited them: a
    reviewer's find; ``UPDATE ... FROM`` needs SQLite 3.33), and only the rows whose rank changes are written."""
    for table in ("quotes", "conversation_themes"):
        rows = db.execute(
            f"SELECT rowid, conversation_id, rank FROM {table} WHERE 1{in_scope} ORDER BY conversation_id, rank, rowid",
            list(params),
        ).fetchall()
        changed, counted, previous = [], 0, None
        for rowid, cid, rank in rows:
            counted = counted + 1 if cid == previous else 1
            previous = cid
            if rank != counted:
                changed.append((counted, rowid))
        db.conn.executemany(f"UPDATE {table} SET rank = ? WHERE rowid = ?", changed)


#: SQLite's statistics tables, which ``ANALYZE`` (run on the editors' database by hand or by a tool)
#: writes: the number of rows of every table and index of the whole database, the unpublished too
#: (sqlite_stat4 even holds sample keys), copied into the public copy by the backup.
STATISTICS = ("sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4")


def _forget_counters(db: Database) -> None:
    """Empty ``sqlite_sequence``: its AUTOINCREMENT counter (public_pending's, which the triggers
    bump on every change, in the copy too) says how many changes were ever made, of withdrawn
    people as well. And drop SQLite's statistics (:data:`STATISTICS`), which count what was
    deleted. Called last, after every change that could bump it."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        db.execute("DELETE FROM sqlite_sequence")
    for table in STATISTICS:
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone():
            db.execute(f"DROP TABLE {table}")


def _build_public_copy(db_path: Path, target: Path, transcripts: Path | None, recordings: Path | None) -> Path:
    from sqlite_utils import Database

    from .storage import rebuild_fts

    source = sqlite3.connect(db_path)
    columns = {row[1] for row in source.execute("PRAGMA table_info(conversations)")}
    if "status" not in columns:
        source.close()
        raise PublishError(f"{db_path} has no publication status yet; run 'gesprekken load' first")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        copy = sqlite3.connect(tmp)
        source.backup(copy)
        source.close()
        db = Database(copy)
        db.execute("PRAGMA journal_mode = DELETE")
        built = _pending(db, "main")  # the changes this copy holds: the database as the backup read it
        with db.atomic():
            used = _withhold(db, transcripts, recordings, None)
        rebuild_fts(db)
        db.conn.commit()
        db.execute("VACUUM")
        db.execute(f"PRAGMA user_version = {PUBLIC_FORMAT}")
        verify(db)
        copy.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # only a checked copy is ever in place
    finally:
        Path(tmp).unlink(missing_ok=True)
    _built(db_path, built)
    _remove_old_recordings(recordings, used, None)
    return target


def _pending(db: Database, schema: str) -> list[tuple[int, str]]:
    """What changed since the last build, as the database ``schema`` holds it (none in an older one)."""
    if not db.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'public_pending'").fetchone():
        return []
    return db.execute(f"SELECT id, conversation_id FROM {schema}.public_pending ORDER BY id").fetchall()


def _built(db_path: Path, pending: list[tuple[int, str]]) -> None:
    """Forget the changes a copy now in place holds; those made since stay for the next build."""
    if not pending:
        return
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute("DELETE FROM public_pending WHERE id <= ?", [max(id_ for id_, _ in pending)])
    except sqlite3.OperationalError:
        pass  # the database is busy: the marks stay, and the next build redoes those conversations
    finally:
        conn.close()


def _remove_old_recordings(recordings: Path | None, used: set[Path], only: list[str] | None) -> None:
    """Copies of an earlier state may hold a voice that is now withdrawn: only current ones stay
    (of the conversations ``only``, None: all)."""
    if recordings is None:
        return
    from .redact import PUBLIC_FOLDER

    ids = ".+" if only is None else "|".join(re.escape(cid) for cid in only)
    for old in (recordings / PUBLIC_FOLDER).glob("*"):
        # (a copy silenced, FLAC, or the recording linked under the id's name, its own suffix)
        if re.fullmatch(rf"(?:{ids})-[0-9a-f]{{12}}(?:\.link\.\w+)?\.\w+", old.name) and old.resolve() not in used:
            old.unlink(missing_ok=True)


def pending_changes(conn: sqlite3.Connection) -> bool | None:
    """Whether the database holds changes a public copy does not yet; None for a database from
    before ``public_pending`` (migration m011), where it cannot be known. (The published site's
    plugin asks the same of its own connection: it may not import this module.)"""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'public_pending'").fetchone():
        return None
    return conn.execute("SELECT 1 FROM public_pending LIMIT 1").fetchone() is not None


def _changed_since(db_path: Path) -> bool:
    """Whether anything changed since the copy was built, or cannot be known not to."""
    conn = sqlite3.connect(db_path)
    try:
        return pending_changes(conn) is not False
    finally:
        conn.close()


def _update_public_copy(db_path: Path, target: Path, transcripts: Path | None, recordings: Path | None) -> bool:
    """Bring the copy ``target`` up to date for the conversations that changed since it was built
    (see the module's description); False, and nothing changed, where only a whole build can be
    sure to give the right copy."""
    from sqlite_utils import Database

    from .storage import delete_conversation

    if not _changed_since(db_path):
        return True
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    copy = None
    try:
        shutil.copyfile(target, tmp)
        copy = sqlite3.connect(tmp, isolation_level=None)
        db = Database(copy)
        if db.execute("PRAGMA user_version").fetchone()[0] != PUBLIC_FORMAT:
            return False
        # Deleted rows are overwritten with zeros, and the full-text indexes merged below: what a
        # change removed is gone from the file as a vacuum would make it.
        db.execute("PRAGMA secure_delete = ON")
        # A file nobody reads until it is renamed into place: no journal on disk, one fsync at the end.
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("ATTACH DATABASE ? AS source", [str(db_path)])
        db.execute("BEGIN")  # one snapshot of the database for everything read from it below
        schema = "SELECT type, name, sql FROM {}.sqlite_master WHERE name != 'sqlite_sequence' ORDER BY name"
        same_schema = db.execute(schema.format("main")).fetchall() == db.execute(schema.format("source")).fetchall()
        pending = _pending(db, "source")
        if not same_schema or not db["public_pending"].exists() or "*" in {cid for _, cid in pending}:
            db.execute("ROLLBACK")
            return False
        if not pending:
            db.execute("ROLLBACK")
            return True  # nothing changed since the copy was built
        changed = sorted({cid for _, cid in pending})
        try:
            for cid in changed:
                delete_conversation(db, cid)
            published = [
                row[0]
                for row in db.execute(
                    f"SELECT id FROM source.conversations WHERE status = 'published'{_scope('id', changed)[0]}", changed
                )
            ]
            for table, where in {**CONVERSATION_ROWS, **VOICE_ROWS}.items():
                columns = ", ".join(f"[{row[1]}]" for row in db.execute(f"PRAGMA source.table_info([{table}])"))
                for cid in published:  # with their rowids, as a whole build copies them
                    db.execute(
                        f"INSERT INTO main.[{table}] (rowid, {columns}) SELECT rowid, {columns} "
                        f"FROM source.[{table}] WHERE {where.format(db='source')}",
                        [cid],
                    )
        except sqlite3.IntegrityError:  # a row where the copy has another: only a whole build is sure
            db.execute("ROLLBACK")
            return False
        used = _withhold(db, transcripts, recordings, changed)
        for table in db.table_names():
            if table.endswith("_fts"):  # merged: a deleted row's words leave the index, not just marked
                db.execute(f"INSERT INTO [{table}]([{table}]) VALUES('optimize')")
        db.execute("COMMIT")
        db.execute("DETACH DATABASE source")
        verify(db)
        copy.close()
        copy = None
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # only a checked copy is ever in place
    finally:
        if copy is not None:
            copy.close()
        Path(tmp).unlink(missing_ok=True)
    _built(db_path, pending)
    _remove_old_recordings(recordings, used, changed)
    return True


SITE_MARK = ".gesprekken-site"  # marks a folder written by write_site, which a later run may replace


def site_owner(db_path: Path) -> str:
    """Who publishes to a folder: a digest of the editors' database's absolute path (not the path: the
    folder is public). A copy of the knowledge base elsewhere, or one moved, has another: it leaves a
    folder its original publishes alone (see :meth:`gesprekken.workspace.Workspace.republish`)."""
    return hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]


def owner_of_site(folder: Path) -> str | None:
    """The :func:`site_owner` that wrote ``folder`` last (None: a folder written before owners were,
    which the next publish makes its own)."""
    try:
        text = (folder / SITE_MARK).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return next(
        (line.split()[1] for line in text.splitlines() if line.startswith("owner ") and len(line.split()) == 2), None
    )


SITE_README = """# {title}: the public knowledge base, ready to serve

Written by `gesprekken publish`: only published conversations and participants (checked), the
recordings of those conversations and Datasette's metadata. gesprekken's Datasette plugins (the
search and conversation pages, the recordings, the players, and the `casefold` function by which the
canned queries compare names) come with the gesprekken package: Datasette loads them by itself once
it is installed; without it those queries answer "no such function: casefold".

The database is opened immutable (`-i`): nothing writes to it, so any number of Datasette
processes, on one machine or many, can serve this same folder. Serve it with Datasette and
gesprekken (`--no-deps`: the web server needs neither Whisper nor torch; PyAV checks that a
recording is one before it is served):

    pip install datasette datasette-auth-passwords av
    pip install --no-deps /path/to/gesprekken-{version}-py3-none-any.whl
    cd /srv/kennisbank  # this folder, wherever it is: "$PWD" below makes its paths absolute
    datasette serve -i "$PWD/{db}" --metadata "$PWD/metadata.json" {settings} --host 0.0.0.0 --port 8001

gesprekken is not on PyPI: make its wheel in the checkout this was published from (`pip wheel
--no-deps -w dist .` writes `dist/gesprekken-{version}-py3-none-any.whl`) and install that file, as
above. Do not install a package named gesprekken from PyPI: it would not be this one.

Give Datasette the files by absolute path, as above: publishing again replaces this folder whole,
and a server given relative paths from inside it keeps the old folder (deleted) as its working
folder and answers 503 until it is restarted; one given absolute paths serves the rebuilt folder
from its next request. (A change that leaves what is public as it was does not rebuild the folder.)
The recordings are found in `recordings/` beside the database, wherever the server runs. Behind a proxy
that serves it under a path, add `--setting base_url /kennisbank/`: every link, stylesheet and
recording follows it. To publish to a hosting service the Datasette way, pass the same files to
`datasette publish` (for example `datasette publish cloudrun {db} --metadata metadata.json
--static recordings:recordings --install <the gesprekken wheel made as above>`: `--install gesprekken`
is not this project), or build an image with `datasette package`.

Every answer carries an ETag derived from the database and `Cache-Control: public,
max-age={max_age}, s-maxage={shared_max_age}`: a cache in front (a CDN, or nginx as gesprekken's
README shows) serves a crowd and asks again every {shared_max_age} seconds. Publishing again
replaces this folder: a server given absolute paths follows the new database from its next
request (others: restart them); the ETag changes, so no cache keeps an old page. While a file
`.gesprekken-stale-*` is in this folder (a change
is being made that it does not show yet), the servers answer 503 to every request; the rebuild
removes it. Copy it along when you copy the folder elsewhere, and never deploy the folder while it
is there (`datasette publish` takes the database, not the mark).
"""


def withhold_site(site: Path, database_name: str) -> int | None:
    """Before a change is written: mark the published folder ``site`` as not showing it yet (a
    :data:`gesprekken.serve.STALE_MARK` of its own; the folder's servers answer 503 while it is
    there), and return the open file that holds the mark's lock: close it once the change is
    written. A rebuild leaves out only the marks whose lock it could take before it read the
    database (their changes are in what it read); the others stay in the rebuilt folder. Where no
    mark can be written (a read-only folder), the folder's database is taken out instead (None).
    """
    import fcntl
    import secrets
    import time

    from .serve import STALE_MARK

    mark = site / f"{STALE_MARK}-{os.getpid()}-{secrets.token_hex(4)}"
    for _ in range(50):  # the folder is missing only for the instant a rebuild swaps it
        try:
            fd = os.open(mark, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileNotFoundError:
            time.sleep(0.01)
        except OSError:
            fd = None
            break
    else:
        fd = None
    if fd is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, b"A change is being made that this folder does not show yet; it is rebuilt next.\n")
            os.fsync(fd)  # on disk before the change is: a power cut keeps it too
            directory = os.open(mark.parent, os.O_RDONLY)  # the rebuild may have swapped the folder meanwhile
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
            return fd
        except OSError:
            os.close(fd)
    (site / database_name).unlink(missing_ok=True)
    return None


def _settled_marks(site: Path) -> set[str]:
    """The marks in ``site`` whose change is written (or never will be: its command died): their
    lock is free. Read before the database is, so what they marked is in what a rebuild reads."""
    import fcntl

    from .serve import STALE_MARK

    settled = set()
    for mark in site.glob(f"{glob.escape(STALE_MARK)}*"):
        try:
            fd = os.open(mark, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            settled.add(mark.name)
        except OSError:
            pass  # its change is still being written: the rebuild does not show it, the mark stays
        finally:
            os.close(fd)
    return settled


def site_metadata(site_db: Path) -> dict:
    """Datasette's metadata for a published folder: the recordings in ``recordings/`` beside the
    database (relative, so the folder serves from anywhere), answers cached as an immutable
    database allows (plugins/gesprekken_cache.py)."""
    from .serve import CACHE_PUBLISHED, PLUGIN, PUBLIC_DESCRIPTION, PUBLIC_TITLE, metadata

    meta = metadata(site_db, None, None)
    meta["plugins"][PLUGIN].update({"recordings": "recordings", "transcripts": "recordings", "cache": CACHE_PUBLISHED})
    # Titled as serve --public's copy: its pages and tabs said its file's name, "gesprekken".
    meta["databases"][site_db.stem].update(title=PUBLIC_TITLE, description=PUBLIC_DESCRIPTION)
    return meta


def _content(db_path: Path) -> str:
    """A hash of what a database holds (its schema and every row, in the order of its table's
    primary key; a table without one: with its rowid, which its pages show), however the file is
    laid out and whatever rowids a table with a primary key got (a load gives them new ones);
    the full-text indexes' own tables aside (they follow their rows)."""
    import hashlib

    digest = hashlib.sha256()
    from .paths import read_only_uri

    conn = sqlite3.connect(read_only_uri(db_path, immutable=True), uri=True)
    try:
        digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
        for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"):
            digest.update(repr((kind, name, sql)).encode())
            if kind != "table" or re.search(r"_fts(_\w+)?$", name) or name == "sqlite_sequence":
                continue
            key = [row[1] for row in sorted(conn.execute(f"PRAGMA table_info([{name}])"), key=lambda r: r[5]) if row[5]]
            order = ", ".join(f"[{column}]" for column in key)
            query = (
                f"SELECT * FROM [{name}] ORDER BY {order}" if key else f"SELECT rowid, * FROM [{name}] ORDER BY rowid"
            )
            for row in conn.execute(query):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def _same_site(staging: Path, target: Path) -> bool:
    """Whether the folder built in ``staging`` serves exactly what ``target`` does (its marks aside):
    the same files, the same bytes, and databases that hold the same."""
    import filecmp

    from .serve import STALE_MARK

    def files(folder: Path) -> set[str]:
        return {
            str(path.relative_to(folder))
            for path in folder.rglob("*")
            if not path.is_dir() and not path.name.startswith(STALE_MARK)
        }

    names = files(staging)
    if names != files(target):
        return False
    try:
        for name in names:
            new, old = staging / name, target / name
            if new.is_symlink() or old.is_symlink() or not old.is_file():
                return False
            if name.endswith(".db") and new.parent == staging:
                if _content(new) != _content(old):
                    return False
            elif not filecmp.cmp(new, old, shallow=False):
                return False
    except (OSError, sqlite3.Error):
        return False  # when in doubt, the folder is rebuilt
    return True


def write_site(db_path: Path, transcripts: Path, recordings: Path, target: Path) -> dict:
    """Write a folder that serves the public knowledge base anywhere: the checked public copy
    (as ``<db name>.db``), the recordings of its conversations, metadata.json and a README with
    the commands (the plugins come with the gesprekken package). The folder is built beside
    ``target`` and swapped in whole, unless it serves exactly what ``target`` does already (see
    :func:`_same_site`): then the folder stays as it is, and only the settled marks leave it.

    Returns what was written: the database, the number of conversations and of recordings, and the ids of the
    conversations published without one (``without_recording``).
    """
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} is a file, not a folder; name a new or empty folder to publish to")
    if target.exists() and any(target.iterdir()) and not (target / SITE_MARK).exists():
        raise PublishError(f"{target} exists and is not a folder gesprekken publish wrote; name a new or empty folder")
    settled = _settled_marks(target) if target.exists() else set()

    def unwritable(e: OSError) -> PublishError:
        # (a file where a folder on the way should be, a folder that may not be written: an organiser's run)
        if isinstance(e, (FileExistsError, NotADirectoryError)):
            what = f"{e.filename} is a file, not a folder"
        else:
            what = f"{e.strerror or e} ({e.filename or target.parent})"
        return PublishError(f"Cannot publish to {target}: {what}; name a folder that can be made and written")

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise unwritable(e) from e
    public = build_public_copy(db_path, transcripts, recordings)
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(_locked(_lock_path(target)))  # one build of a folder at a time: the rest no build's
            _remove_killed_builds(target, db_path.name)
            staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
        except OSError as e:
            raise unwritable(e) from e
        try:
            return _fill_and_swap(db_path, recordings, transcripts, target, public, staging, settled)
        except (OSError, sqlite3.Error) as e:
            # the folder, not the file of its build that did not fit, nor the public copy it was copied from (which
            # the message named: session 58's list)
            if full := disk_full(target, e):
                raise full from None
            raise


def _remove_killed_builds(target: Path, db_name: str) -> None:
    """Delete the folders a killed build of ``target`` left beside it (its staging folder, or the old folder between
    the two swaps): each holds a public copy and recordings of its day, what a withdrawal or a forget since took out
    (an attack, session 58: a forgotten person's turns and unsilenced recording stayed in ".site.bsugw0xb" through
    later publishes and the forget). Only a folder that holds nothing but what a build writes."""
    from .serve import STALE_MARK

    ours = {db_name, f"{db_name}-journal", "recordings", "metadata.json", SITE_MARK, "README.md"}
    # (mkdtemp's names, and the old folder: not ".site.v2.6sid26qy", another site's build, nor ".site.backup-...", an
    # organiser's copy; a reviewer's read)
    built = re.compile(rf"\.{re.escape(target.name)}\.(?:[a-z0-9_]{{8}}|old)")
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*"):
        if not built.fullmatch(leftover.name) or not leftover.is_dir() or leftover.is_symlink():
            continue
        names = {entry.name for entry in leftover.iterdir()}
        if all(name in ours or name.startswith(STALE_MARK) for name in names):
            shutil.rmtree(leftover, ignore_errors=True)


def _fill_and_swap(
    db_path: Path, recordings: Path, transcripts: Path, target: Path, public: Path, staging: Path, settled: set
) -> dict:
    """Write the site into ``staging`` and swap it in for ``target`` (see :func:`write_site`)."""
    from sqlite_utils import Database

    from . import __version__
    from .serve import CACHE_PUBLISHED, STALE_MARK, TITLE, recording_media_type, settings_args

    try:
        site_db = staging / db_path.name
        shutil.copyfile(public, site_db)
        (staging / "recordings").mkdir()
        db = Database(site_db)
        db.execute("PRAGMA secure_delete = ON")  # the marks cleared below leave no bytes behind
        copied, without = 0, []
        root = recordings.resolve()
        for cid, stored in db.execute("SELECT id, recording FROM conversations").fetchall():
            source = (transcripts / stored).resolve() if stored else None
            if (
                source is None
                or not source.is_relative_to(root)
                or not source.is_file()
                or not recording_media_type(source)  # only a recording, whatever a transcript names
            ):
                db.execute("UPDATE conversations SET recording = '' WHERE id = ?", [cid])
                without.append(cid)
                continue
            name = f"{cid}{source.suffix.lower()}"
            shutil.copyfile(source, staging / "recordings" / name)
            db.execute("UPDATE conversations SET recording = ? WHERE id = ?", [name, cid])
            copied += 1
        # The updates above marked their conversations as changed (the triggers are in the copy too).
        if db["public_pending"].exists():
            db.execute("DELETE FROM public_pending")
        _forget_counters(db)
        db.conn.commit()
        conversations = db.execute("SELECT count(*) FROM conversations").fetchone()[0]
        verify(db)
        db.conn.close()
        os.chmod(site_db, 0o444)  # immutable, also on disk
        (staging / "metadata.json").write_text(
            json.dumps(site_metadata(site_db), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        (staging / SITE_MARK).write_text(f"gesprekken {__version__}\nowner {site_owner(db_path)}\n", encoding="utf-8")
        (staging / "README.md").write_text(
            SITE_README.format(
                title=TITLE,
                version=__version__,
                db=site_db.name,
                settings=" ".join(settings_args()),
                **CACHE_PUBLISHED,
            ),
            encoding="utf-8",
        )
        # readable by whoever serves it (a web server's user), whatever the umask of whoever published: under 077 the
        # folder was made 0755, but what is in it its maker's alone. Writable as the umask allows, and a folder's
        # setgid bit kept: in a folder shared with a group (setgid, umask 002) the site was 0755, and no other
        # member of the group could rebuild it (a helper's attack, session 60). The group's write alone: under umask 000
        # the site was world-writable, its pages anyone's on the machine to change (a reviewer's read)
        shared = 0o020 & ~current_umask()
        for path in [staging, *staging.rglob("*")]:
            if path == site_db:
                continue
            if path.is_dir():
                os.chmod(path, 0o755 | shared | (path.stat().st_mode & stat_module.S_ISGID))
            else:
                os.chmod(path, 0o644 | shared)
        if target.exists() and _same_site(staging, target):
            # Nothing public changed (a load of unchanged transcripts, a failed ingest, a status set
            # to what it was): the folder stays as it is, so its servers (also one started from
            # inside it, whose relative paths a swap would leave behind) go on answering. The marks
            # whose change is in what was read are settled by it: they go.
            for name in settled:
                (target / name).unlink(missing_ok=True)
        elif target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            # A change marked while this was built is not in it: its mark (the same file, so its
            # lock too) goes along, linked before the swap, and moved after it for one marked meanwhile.
            for mark in target.glob(f"{glob.escape(STALE_MARK)}*"):
                if mark.name not in settled:
                    try:
                        os.link(mark, staging / mark.name)
                    except OSError:
                        pass  # gone meanwhile, or no links here: moved after the swap
            os.replace(target, old)
            os.replace(staging, target)
            for mark in old.glob(f"{glob.escape(STALE_MARK)}*"):
                if mark.name not in settled and not (target / mark.name).exists():
                    os.replace(mark, target / mark.name)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {
        "database": target / db_path.name,
        "conversations": conversations,
        "recordings": copied,
        "without_recording": without,
    }
