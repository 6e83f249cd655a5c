"""The SQLite database: schema migrations and loading transcripts into it.

The database is derived: every row comes from a transcript file and can be rebuilt from
transcripts/ alone with :func:`load_folder`. Each conversation is replaced in one
transaction, and the database runs in WAL mode so Datasette can read while we write.
"""

import bisect
import contextlib
import functools
import itertools
import json
import re
import shlex
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .errors import GIVEN_BACK, REMEMBERED, UNLISTED, GesprekkenError, ShownByHand, TranscriptError
from .naming import keeps_voice_profile, speakers_as_edited
from .programme import slug
from .search_index import SEARCH_FILTERS
from .transcript import (
    CHOSEN_SENTENCES,
    CONFIRMED_EVIDENCE,
    DEFAULT_STATUS,
    REMOVED_SPEAKER,
    Conversation,
    Participant,
    chosen_sentences,
    consent_given,
    read,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .analyse import Analysis

migrations = Migrations("gesprekken")

# unicode61 without a stemmer: Porter would mangle Dutch ("woningen" -> "wone"); removing
# diacritics lets "ideeen" find "ideeën".
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations()
def m001_initial(db: Database) -> None:
    db["conversations"].create(
        {
            "id": str,
            "title": str,
            "conference": str,
            "date": str,
            "recording": str,
            "recording_sha256": str,
            "duration": float,
            "language": str,
            "transcript_file": str,
            "transcription": str,
        },
        pk="id",
    )
    db["participants"].create(
        {"id": str, "conversation_id": str, "name": str, "role": str, "organisation": str},
        pk="id",
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    db["turns"].create(
        {
            "id": str,
            "conversation_id": str,
            "seq": int,
            "speaker": str,
            "participant_id": str,
            "start": float,
            "end": float,
            "text": str,
        },
        pk="id",
        foreign_keys=[("conversation_id", "conversations", "id"), ("participant_id", "participants", "id")],
    )
    db["words"].create(
        {"turn_id": str, "seq": int, "start": float, "end": float, "word": str},
        pk=("turn_id", "seq"),
        foreign_keys=[("turn_id", "turns", "id")],
    )
    db["turns"].create_index(["conversation_id", "seq"])
    db["participants"].create_index(["conversation_id"])
    db["turns"].enable_fts(["text", "speaker"], tokenize=FTS_TOKENIZE, create_triggers=True)


@migrations()
def m002_speakers_and_voice_profiles(db: Database) -> None:
    db["speakers"].create(
        {"conversation_id": str, "label": str, "name": str, "confidence": float, "evidence": str},
        pk=("conversation_id", "label"),
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    # A named participant's voice, float32 little-endian, to recognise them in later recordings.
    db["voice_profiles"].create(
        {"name": str, "conversation_id": str, "label": str, "embedding": bytes},
        pk=("conversation_id", "label"),
        foreign_keys=[("conversation_id", "conversations", "id")],
    )


@migrations()
def m003_analysis(db: Database) -> None:
    db["themes"].create({"id": str, "label": str, "description": str, "related": str}, pk="id")
    db["turn_themes"].create(
        {"turn_id": str, "theme_id": str},
        pk=("turn_id", "theme_id"),
        foreign_keys=[("turn_id", "turns", "id"), ("theme_id", "themes", "id")],
    )
    db["entities"].create(
        {
            "id": str,
            "conversation_id": str,
            "turn_id": str,
            "label": str,
            "text": str,
            "start_char": int,
            "end_char": int,
        },
        pk="id",
        foreign_keys=[("conversation_id", "conversations", "id"), ("turn_id", "turns", "id")],
    )
    for table in ("quotes", "action_points"):
        columns = {
            "id": str,
            "conversation_id": str,
            "turn_id": str,
            "speaker": str,
            "organisation": str,
            "text": str,
            "themes": str,
            "start": float,
            "end": float,
        }
        columns.update({"score": float, "rank": int, "headline": int} if table == "quotes" else {"who": str})
        db[table].create(
            columns, pk="id", foreign_keys=[("conversation_id", "conversations", "id"), ("turn_id", "turns", "id")]
        )
        link = "quote_themes" if table == "quotes" else "action_point_themes"
        key = "quote_id" if table == "quotes" else "action_point_id"
        db[link].create(
            {key: str, "theme_id": str},
            pk=(key, "theme_id"),
            foreign_keys=[(key, table, "id"), ("theme_id", "themes", "id")],
        )
        db[table].enable_fts(["text", "speaker"], tokenize=FTS_TOKENIZE, create_triggers=True)
    db["conversations"].add_column("headline", str)
    for table in ("entities", "quotes", "action_points"):
        db[table].create_index(["conversation_id"])


@migrations()
def m004_publication_and_exports(db: Database) -> None:
    db["conversations"].add_column("status", str, not_null_default="internal")
    db["participants"].add_column("status", str, not_null_default="internal")
    # Files `gesprekken export` wrote, so that `gesprekken forget` can find them again.
    db["exports"].create(
        {"path": str, "kind": str, "conversation_ids": str, "written_at": str},
        pk="path",
    )


@migrations()
def m005_indexes_for_browsing(db: Database) -> None:
    # The knowledge base filters by theme, speaker, organisation and conference (search page,
    # canned queries, facets): without these each filter reads every row of a large table.
    for link in ("turn_themes", "quote_themes", "action_point_themes"):
        db[link].create_index(["theme_id"], if_not_exists=True)
    db["turns"].create_index(["speaker"], if_not_exists=True)
    db["turns"].create_index(["participant_id"], if_not_exists=True)
    db["participants"].create_index(["organisation"], if_not_exists=True)
    db["conversations"].create_index(["conference"], if_not_exists=True)
    db["quotes"].create_index(["rank"], if_not_exists=True)  # the quotes table's default order


@migrations()
def m006_settings(db: Database) -> None:
    # Settings of the workspace that later commands must honour (the organiser's thesaurus).
    db["settings"].create({"key": str, "value": str}, pk="key")


@migrations()
def m007_sites(db: Database) -> None:
    # Folders `gesprekken publish` wrote, so that a change of consent can rebuild them.
    db["sites"].create({"path": str, "written_at": str}, pk="path")


@migrations()
def m008_conversation_themes(db: Database) -> None:
    # A conversation's themes, ranked by their support in what was said (issue 15); the
    # conversations table repeats them as a JSON array of ids for Datasette's array facet.
    db["conversation_themes"].create(
        {"conversation_id": str, "theme": str, "score": float, "rank": int},
        pk=("conversation_id", "theme"),
        foreign_keys=[("conversation_id", "conversations", "id"), ("theme", "themes", "id")],
    )
    db["conversation_themes"].create_index(["theme"], if_not_exists=True)
    db["conversations"].add_column("themes", str)
    # The best short quotes offered to the editor as headline: 1 to 5, else NULL.
    db["quotes"].add_column("candidate", int)


@migrations()
def m009_edits(db: Database) -> None:
    # The editors' desk: who saved what and when, per conversation; ``previous`` holds the
    # transcript as it was before the latest save of a conversation, for one step of undo.
    db["edits"].create(
        {
            "id": int,
            "conversation_id": str,
            "at": str,
            "actor": str,
            "action": str,
            "summary": str,
            "detail": str,
            "version_before": str,
            "version_after": str,
            "previous": str,
        },
        pk="id",
    )
    db["edits"].create_index(["conversation_id", "id"])


@migrations()
def m010_filters_in_search_index(db: Database) -> None:
    # Turns carry their speaker's organisation, their conference and their themes (JSON, as quotes
    # and action points do), and every kind a generated column search_filters that the full-text
    # index holds: a word with a filter is one lookup in the index (BENCHMARKS.md, issue 17).
    tables = ("turns", "quotes", "action_points")
    for table in tables:
        db[table].disable_fts()  # no triggers while the new columns are filled
    db["turns"].add_column("organisation", str)
    db["turns"].add_column("conference", str)
    db["turns"].add_column("themes", str)
    for table in ("quotes", "action_points"):
        db[table].add_column("conference", str)
    db.execute(
        "UPDATE turns SET organisation = (SELECT organisation FROM participants p WHERE p.id = turns.participant_id)"
    )
    for table in tables:
        db.execute(
            f"UPDATE {table} SET conference = "
            f"(SELECT conference FROM conversations c WHERE c.id = {table}.conversation_id)"
        )
    themes: dict[str, list[str]] = {}
    for turn_id, theme_id in db.execute("SELECT turn_id, theme_id FROM turn_themes ORDER BY rowid").fetchall():
        themes.setdefault(turn_id, []).append(theme_id)
    db.conn.executemany("UPDATE turns SET themes = ? WHERE id = ?", [(json.dumps(t), i) for i, t in themes.items()])
    db.execute("UPDATE turns SET themes = '[]' WHERE themes IS NULL")
    for table in tables:
        db.execute(
            f"ALTER TABLE [{table}] ADD COLUMN search_filters TEXT GENERATED ALWAYS AS ({SEARCH_FILTERS}) VIRTUAL"
        )
        db[table].enable_fts(["text", "speaker", "search_filters"], tokenize=FTS_TOKENIZE, create_triggers=True)


@migrations()
def m011_public_pending(db: Database) -> None:
    # What changed since the public copy was last built, so the next build can redo just those
    # conversations (see gesprekken.publish). Triggers write it, in the transaction of the change
    # itself, so no change can be missed: every change of a conversation's rows writes its row in
    # conversations (storage.store, store_analysis and delete_conversation all do), and its
    # participants carry the consent. "*": the themes changed, so the next build is a whole one,
    # and so is the first one after this migration. AUTOINCREMENT: an id is never used twice, so a
    # build clears only the marks it saw.
    db.execute(
        "CREATE TABLE public_pending (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL UNIQUE)"
    )
    mark = "INSERT OR REPLACE INTO public_pending (conversation_id) VALUES ({})"
    for table, key in (("conversations", "id"), ("participants", "conversation_id")):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(
                f"CREATE TRIGGER {table}_public_{event.lower()} AFTER {event} ON {table} BEGIN "
                f"{mark.format(f'{row}.{key}')}; END"
            )
    everything = mark.format("'*'")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("id", "label", "description", "related"))
    for event, when in (("INSERT", ""), ("DELETE", ""), ("UPDATE", f" WHEN {changed}")):
        name = f"themes_public_{event.lower()}"
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON themes{when} BEGIN {everything}; END")
    db.execute(everything)


@migrations()
def m012_indexes_for_one_conversation(db: Database) -> None:
    # Rebuilding one conversation deletes its turns' quotes, action points and entities by turn
    # (storage.delete_turns): without these, each save at the editors' desk reads those whole tables.
    for table in ("quotes", "action_points", "entities"):
        db[table].create_index(["turn_id"], if_not_exists=True)


@migrations()
def m013_earlier_spellings(db: Database) -> None:
    # A participant's name as spelt before an editor corrected it (JSON list): withheld with them in
    # the public copy where others say it (see gesprekken.publish.withheld_people).
    db["participants"].add_column("earlier_spellings", str, not_null_default="[]")


@migrations()
def m014_confirmed_voices(db: Database) -> None:
    # Whether an editor confirmed a voice's name (1) or automatic naming alone gave it (0): where someone
    # is not published, a voice named automatically is withheld until confirmed (see withheld_turns).
    # A database from before kept no confirmation but in the evidence an editor's confirmation writes
    # (CONFIRMED_EVIDENCE); a name confirmed without it counts as automatic until 'gesprekken load'.
    db["speakers"].add_column("confirmed", int, not_null_default=0)
    db.execute("UPDATE speakers SET confirmed = 1 WHERE evidence LIKE ?", [f'%"{CONFIRMED_EVIDENCE}%'])


@migrations()
def m015_names_checked(db: Database) -> None:
    # Whether every voice the public would see under a name has one an editor confirmed (1), or automatic naming
    # alone gave one (0): the conversation page says so (an attack on naming, session 44). From before: 1 until
    # 'gesprekken load' reads it.
    db["conversations"].add_column("names_checked", int, not_null_default=1)
    # ... said at once where a named voice that speaks is unconfirmed (a reviewer: an upgraded site said nothing
    # until 'gesprekken load'); where that voice is withheld too, the next store says 1 again
    db.execute(
        "UPDATE conversations SET names_checked = 0 WHERE id IN (SELECT s.conversation_id FROM speakers s "
        "WHERE NOT s.confirmed AND coalesce(s.name, '') != '' AND EXISTS (SELECT 1 FROM turns t "
        "WHERE t.conversation_id = s.conversation_id AND t.speaker = s.name))"
    )


@migrations()
def m016_intro(db: Database) -> None:
    # The editor's intro (two or three sentences on the conversation, written at the desk): the conversation
    # page shows it under the title, as the article does. From before: NULL until 'gesprekken load' reads it.
    db["conversations"].add_column("intro", str)


@migrations()
def m017_consent_stretches(db: Database) -> None:
    # The stretches of a conversation's recording kept from the public for someone's consent, remembered past the
    # rows that kept them (see remember_kept): a hand edit that deletes a withheld turn, or heads it "Spreker 3",
    # shows nothing in one load, and a second one made that stretch heard unasked (a helper's attack, session 51).
    # ``person``: whose consent (a participant's name, forget's marker: ``consent`` 1; a voice not named or no
    # participant's: 0, silent until a turn heard holds it, as naming it does); ``text``: what the turn said (its
    # words copied into a turn shown are asked about a load later too; a turn without times is known by them).
    # Rows stay when their conversation is taken off the database (its transcript may come back); forget takes the
    # names and the words off.
    db["consent_stretches"].create(
        {"conversation_id": str, "start": float, "end": float, "person": str, "consent": int, "text": str},
        pk=("conversation_id", "start", "end", "person", "text"),
    )


@migrations()
def m018_withdrawals_remembered(db: Database) -> None:
    # The participants withdrawn in a conversation's rows (and the conversation itself, name ""), remembered when its
    # rows are taken off the database (its transcript gone, or a copy of it beside it): given back by an older copy
    # of the file (a sync client's conflict copy, the newer one deleted), load asks as if the rows were still there
    # (a reviewer's read, session 55: they were published unasked). Emptied by the store that follows; forget takes
    # the name off.
    # ``name``: the participant's (as the rows had it; "" for the conversation itself), ``status``: withdrawn or
    # internal (someone not published whom others name is asked about too), ``spellings``: every spelling the rows
    # had (JSON), as the guard and forget compare them.
    db["withdrawals_remembered"].create(
        {"conversation_id": str, "name": str, "status": str, "spellings": str}, pk=("conversation_id", "name")
    )


#: How long a write waits for another process's write to the database (seconds).
BUSY_WAIT = 60.0


class _Database(Database):
    """sqlite-utils' Database, whose outermost :meth:`atomic` begins IMMEDIATE: it takes the write lock at once,
    waiting for another writer (busy_timeout). A deferred BEGIN reads first and then asks for the lock, and SQLite
    does not wait for a read transaction to become a write one while another process writes: a desk save beside a
    load failed at once with "database is locked" (an attack, session 55), and a load beside a desk save too."""

    @contextlib.contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def require_database_folder(path: Path) -> None:
    """Refuse a database whose folder is not there: ``--db /srv/gesprekkn/kb.db`` (a typo in a folder) made that folder
    and a new, empty knowledge base in it, and the command went on as if nothing were amiss.

    Raises:
        GesprekkenError: the folder does not exist, or is a file.
    """
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise GesprekkenError(
            f"The folder {folder} of the database {path.name} {what}; pass --db with a file in a folder that exists, "
            f"or make the folder first (mkdir -p {shlex.quote(str(folder))})"
        )


def open_db(path: Path) -> Database:
    """Open (creating if needed) the database at ``path`` with every migration applied; its folder must exist
    (:func:`require_database_folder`)."""
    require_database_folder(path)
    db = _Database(path)
    # A desk save and a `load` (one long transaction) write the same file: each waits for the other, up to
    # BUSY_WAIT, where SQLite's five seconds made `load` fail with "database is locked" and the desk answer 500.
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_WAIT * 1000)}")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def _rows(conversation: Conversation, transcript_file: str) -> dict[str, list[dict]]:
    from .consent import unconfirmed_voices

    cid = conversation.id
    participant_ids = {}
    participants = []
    taken: set[str] = set()

    def add(p: Participant, own_turns: bool = True) -> None:
        # Two people whose names are alike in ASCII ("Émile", "Emile") each get an id of their own.
        pid = base = f"{cid}-{slug(p.name)}"
        for n in itertools.count(2):
            if pid not in taken:
                break
            pid = f"{base}-{n}"
        taken.add(pid)
        if own_turns:
            participant_ids[p.name.casefold()] = pid
        participants.append(
            {
                "id": pid,
                "conversation_id": cid,
                "name": p.name,
                "role": p.role,
                "organisation": p.organisation,
                "status": p.status,
                "earlier_spellings": json.dumps(p.earlier_spellings, ensure_ascii=False),
            }
        )

    for p in conversation.participants:
        add(p)
    # A misspelt heading of someone not published is theirs (see Conversation.lookalikes).
    for speaker, person in conversation.lookalikes({"published"}).items():
        participant_ids[speaker.casefold()] = participant_ids[person.casefold()]
    # So is a voice whose own words introduce it as them (see Conversation.introduced_as); but an
    # unnamed one of someone with no named voice keeps none, so that publish.withheld_turns still keeps
    # every unnamed voice back (it is one of them), as Conversation.unheard does.
    unheard = set(conversation.unheard({"published"}))
    for speaker, person in conversation.introduced_as({"published"}).items():
        if person in unheard and speaker.casefold() not in {p.name.casefold() for p in conversation.participants}:
            continue
        participant_ids[speaker.casefold()] = participant_ids[person.casefold()]
    # A name that speaks but is no participant's has given no consent (see Conversation.unlisted): it is
    # listed as a participant without a status (internal), so that withheld_turns keeps every turn of no
    # participant from the public, its own and the unnamed voices' (a part of its voice may be there).
    # Its turns stay no one's, as an unnamed voice's: where someone there withdrew they may be theirs,
    # so it is listed as withdrawn then. A look-alike or a voice that introduces itself is theirs, as above.
    withdrew = any(p.status == "withdrawn" for p in conversation.participants)
    for speaker in conversation.unlisted():
        if speaker.casefold() not in participant_ids:
            add(Participant(speaker, status="withdrawn" if withdrew else DEFAULT_STATUS), own_turns=False)
    organisations = {p.name.casefold(): p.organisation for p in conversation.participants}
    turns, words = [], []
    for seq, turn in enumerate(conversation.turns, start=1):
        tid = f"{cid}-{seq:04d}"
        turns.append(
            {
                "id": tid,
                "conversation_id": cid,
                "seq": seq,
                "speaker": turn.speaker,
                "participant_id": participant_ids.get(turn.speaker.casefold()),
                "start": turn.start,
                "end": turn.end,
                "text": turn.text,
                "organisation": organisations.get(turn.speaker.casefold()),
                "conference": conversation.conference,
                "themes": "[]",  # set by store_analysis
            }
        )
        words.extend(
            {"turn_id": tid, "seq": n, "start": w.start, "end": w.end, "word": w.text}
            for n, w in enumerate(turn.words, start=1)
        )
    voices = speakers_as_edited(conversation)  # a heading renamed by hand renames its voice, confirmed
    speakers = [
        {
            "conversation_id": cid,
            "label": sp.label,
            "name": sp.name,
            "confidence": sp.confidence,
            "evidence": json.dumps(sp.evidence, ensure_ascii=False),
            "confirmed": int(sp.confirmed),
        }
        for sp in voices
    ]
    # Only a voice whose name the turns still carry: an editor who renamed the turns by
    # hand but not the speakers block must not file this voice under the old name.
    # A withdrawn participant's voice is never kept. Only a confirmed or introduced name makes
    # a profile, so that one wrong naming does not spread to later recordings.
    withdrawn = {p.name for p in conversation.participants if p.status == "withdrawn"}
    heard_names = {turn.speaker for turn in conversation.turns} - withdrawn
    profiles = [
        {
            "name": sp.name,
            "conversation_id": cid,
            "label": sp.label,
            "embedding": np.asarray(sp.voice, dtype="<f4").tobytes(),
        }
        for sp in voices
        if sp.name and sp.voice and sp.name in heard_names and keeps_voice_profile(sp)
    ]
    conversation_row = {
        "id": cid,
        "title": conversation.title,
        "conference": conversation.conference,
        "date": conversation.date,
        "recording": conversation.recording,
        "recording_sha256": conversation.recording_sha256,
        "duration": conversation.duration,
        "language": conversation.language,
        "transcript_file": transcript_file,
        "status": conversation.status,
        "transcription": json.dumps(conversation.transcription, ensure_ascii=False, sort_keys=True),
        # as published: a status changed later by a command changes no name (consent.unconfirmed_voices)
        "names_checked": int(not unconfirmed_voices(replace(conversation, status="published"))),
        "intro": conversation.analysis.get("intro") or None,
    }
    return {
        "conversations": [conversation_row],
        "participants": participants,
        "turns": turns,
        "words": words,
        "speakers": speakers,
        "voice_profiles": profiles,
    }


def insert(db: Database, table: str, rows: Iterable[dict], ignore: bool = False) -> None:
    """Insert rows of plain values (all with the keys of the first) in one executemany: the rows of
    a conversation are rebuilt on every edit, and sqlite-utils' insert_all spends most of its time
    checking each value for JSON (0.1 s for the 1,500 words of a ten-minute conversation)."""
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(
        f"INSERT {'OR IGNORE ' if ignore else ''}INTO [{table}] ({names}) VALUES ({marks})",
        [tuple(row[c] for c in columns) for row in rows],
    )


def delete_turns(db: Database, where: str, params: list) -> None:
    """Delete the turns ``where`` says, with everything that hangs on them: words, themes,
    entities, quotes and action points (with their themes). The one cascade delete."""
    turns = f"SELECT id FROM turns WHERE {where}"
    db.execute(f"DELETE FROM words WHERE turn_id IN ({turns})", params)
    if db["quotes"].exists():
        db.execute(f"DELETE FROM turn_themes WHERE turn_id IN ({turns})", params)
        db.execute(f"DELETE FROM entities WHERE turn_id IN ({turns})", params)
        for table, link, key in (
            ("quotes", "quote_themes", "quote_id"),
            ("action_points", "action_point_themes", "action_point_id"),
        ):
            db.execute(f"DELETE FROM {link} WHERE {key} IN (SELECT id FROM {table} WHERE turn_id IN ({turns}))", params)
            db.execute(f"DELETE FROM {table} WHERE turn_id IN ({turns})", params)
    db.execute(f"DELETE FROM turns WHERE {where}", params)


def delete_conversation(db: Database, conversation_id: str) -> None:
    """Delete one conversation and every row that belongs to it."""
    if db["quotes"].exists():
        _delete_analysis(db, conversation_id)
    delete_turns(db, "conversation_id = ?", [conversation_id])
    for table in ("voice_profiles", "speakers", "participants", "conversations"):
        column = "id" if table == "conversations" else "conversation_id"
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", [conversation_id])


def rebuild_fts(db: Database) -> None:
    """Rebuild (and optimise) every full-text index, so no deleted text stays in its pages."""
    for table in db.table_names():
        if table.endswith("_fts"):
            db.execute(f"INSERT INTO [{table}]([{table}]) VALUES('rebuild')")
            db.execute(f"INSERT INTO [{table}]([{table}]) VALUES('optimize')")


def store(db: Database, conversation: Conversation, transcript_file: str, analysis: "Analysis | None" = None) -> None:
    """Replace one conversation's rows with those of ``conversation``, in one transaction."""
    with db.atomic():
        delete_conversation(db, conversation.id)
        for table, rows in _rows(conversation, transcript_file).items():
            insert(db, table, rows)
        if analysis is not None:
            store_analysis(db, conversation, analysis)


def store_themes(db: Database, themes: dict) -> None:
    """The thesaurus's themes, so that theme ids resolve to labels in Datasette."""
    rows = [
        {"id": t.id, "label": t.label, "description": t.description, "related": json.dumps(list(t.related))}
        for t in themes.values()
    ]
    with db.atomic():
        if not db["themes"].exists():
            db["themes"].insert_all(rows, pk="id")
            return
        stored = {row["id"]: row for row in db.query("SELECT id, label, description, related FROM themes")}
        # Row by row, and only what changed: an upsert (INSERT ... ON CONFLICT DO UPDATE) of two changed themes
        # failed on the public copy's trigger, whose INSERT OR REPLACE of the mark '*' is an ABORT inside it
        # (an organiser's own thesaurus with two descriptions changed: 'UNIQUE constraint failed').
        db["themes"].insert_all([row for row in rows if row["id"] not in stored], pk="id")
        for row in rows:
            if row["id"] in stored and stored[row["id"]] != row:
                db.execute(
                    "UPDATE themes SET label = ?, description = ?, related = ? WHERE id = ?",
                    [row["label"], row["description"], row["related"], row["id"]],
                )


def _delete_analysis(db: Database, conversation_id: str) -> None:
    for link, key, table in (
        ("quote_themes", "quote_id", "quotes"),
        ("action_point_themes", "action_point_id", "action_points"),
    ):
        db.execute(
            f"DELETE FROM {link} WHERE {key} IN (SELECT id FROM {table} WHERE conversation_id = ?)", [conversation_id]
        )
    db.execute(
        "DELETE FROM turn_themes WHERE turn_id IN (SELECT id FROM turns WHERE conversation_id = ?)", [conversation_id]
    )
    for table in ("quotes", "action_points", "entities", "conversation_themes"):
        db.execute(f"DELETE FROM {table} WHERE conversation_id = ?", [conversation_id])


def store_analysis(db: Database, conversation: Conversation, analysis: "Analysis") -> None:
    """Replace one conversation's analysis rows (themes, entities, quotes, action points)."""
    cid = conversation.id
    organisation = {p.name: p.organisation for p in conversation.participants}
    with db.atomic():
        _delete_analysis(db, cid)
        known = {row["id"] for row in db.query("SELECT id FROM themes")}

        def turn_id(index: int) -> str:
            return f"{cid}-{index + 1:04d}"

        def link_themes(table: str, key: str, rows: list[dict], items) -> None:
            """Each stored quote's or action point's themes, as rows of its link table."""
            pairs = (
                {key: row["id"], "theme_id": t} for row, item in zip(rows, items, strict=True) for t in item.themes
            )
            insert(db, table, (pair for pair in pairs if pair["theme_id"] in known), ignore=True)

        def timed(text: str, index: int) -> tuple[float, float]:
            turn = conversation.turns[index]
            return span_times(turn, text)

        insert(
            db,
            "turn_themes",
            (
                {"turn_id": turn_id(i), "theme_id": t}
                for i, themes in enumerate(analysis.turn_themes)
                for t in themes
                if t in known
            ),
            ignore=True,
        )
        # The same themes as a JSON list on the turn, for the search index; a turn whose themes
        # stay as they were is not written (each write re-indexes its text).
        db.conn.executemany(
            "UPDATE turns SET themes = :themes WHERE id = :id AND themes IS NOT :themes",
            [
                {"themes": json.dumps([t for t in dict.fromkeys(themes) if t in known]), "id": turn_id(i)}
                for i, themes in enumerate(analysis.turn_themes)
            ],
        )
        insert(
            db,
            "entities",
            (
                {
                    "id": f"{turn_id(e.turn)}-e{n}",
                    "conversation_id": cid,
                    "turn_id": turn_id(e.turn),
                    "label": e.label,
                    "text": e.text,
                    "start_char": e.start_char,
                    "end_char": e.end_char,
                }
                for n, e in enumerate(analysis.entities, start=1)
            ),
        )
        headline = analysis.headline.text if analysis.headline else None
        candidates = {q.text: n for n, q in enumerate(analysis.headline_candidates, start=1)}
        quotes = []
        for rank, quote in enumerate(analysis.quotes, start=1):
            start, end = timed(quote.text, quote.turn)
            speaker = conversation.turns[quote.turn].speaker
            quotes.append(
                {
                    "id": f"{cid}-q{rank:03d}",
                    "conversation_id": cid,
                    "turn_id": turn_id(quote.turn),
                    "speaker": speaker,
                    "organisation": organisation.get(speaker, ""),
                    "text": quote.text,
                    "themes": json.dumps(quote.themes),
                    "conference": conversation.conference,
                    "start": start,
                    "end": end,
                    "score": quote.score,
                    "rank": rank,
                    "headline": int(quote.text == headline),
                    "candidate": candidates.get(quote.text),
                }
            )
        insert(db, "quotes", quotes)
        link_themes("quote_themes", "quote_id", quotes, analysis.quotes)
        actions = []
        for n, point in enumerate(analysis.action_points, start=1):
            start, end = timed(point.text, point.turn)
            actions.append(
                {
                    "id": f"{cid}-a{n:03d}",
                    "conversation_id": cid,
                    "turn_id": turn_id(point.turn),
                    "speaker": point.speaker,
                    "organisation": organisation.get(point.speaker, ""),
                    "who": point.who,
                    "text": point.text,
                    "themes": json.dumps(point.themes),
                    "conference": conversation.conference,
                    "start": start,
                    "end": end,
                }
            )
        insert(db, "action_points", actions)
        link_themes("action_point_themes", "action_point_id", actions, analysis.action_points)
        ranked = [t for t in analysis.conversation_themes if t.theme in known]
        db["conversation_themes"].insert_all(
            {"conversation_id": cid, "theme": t.theme, "score": t.score, "rank": t.rank} for t in ranked
        )
        db["conversations"].update(cid, {"headline": headline, "themes": json.dumps([t.theme for t in ranked])})


def span_times(turn, text: str) -> tuple[float, float]:
    """Start and end, in the recording, of ``text`` inside ``turn``: from its words' times. Where the turn's text holds
    ``text`` and has a word for each of its words, those words; else the stretch of words that is most like it (a
    quote as printed: a filler left out, a name as '[naam verwijderd]'). Not the first word that opens it: "De
    gemeente moet ..." played "De leefbaarheid ...", said before it (an attack, session 57)."""
    import difflib

    tokens = text.split()
    words = turn.words
    if not tokens or not words:
        return turn.start, turn.end
    # where it starts a word ("en dat werkt" is not in "Wonen dat werkt": a reviewer's read)
    starts = (m.start() for m in re.finditer(re.escape(text), turn.text))
    at = next((i for i in starts if not turn.text[i - 1 : i].strip()), -1)
    word_starts = _word_starts(turn.text)
    if at >= 0 and len(word_starts) == len(words):
        first = bisect.bisect_left(word_starts, at)  # the words before it
        last = first + len(tokens) - 1
        if last < len(words):
            return words[first].start, words[last].end
    bare = [_bare_word(w.text) for w in words]
    wanted = [_bare_word(t) for t in tokens]
    size = min(len(wanted), len(bare))
    best, best_score, blocks = 0, -1.0, []
    for i in range(len(bare) - size + 1):
        matcher = difflib.SequenceMatcher(None, bare[i : i + size], wanted, autojunk=False)
        if (score := matcher.ratio()) > best_score:
            best, best_score, blocks = i, score, [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return turn.start, turn.end
    # from the words matched, and as many words on either side as the text has unmatched there
    first = max(0, best + blocks[0].a - blocks[0].b)
    last = min(len(words) - 1, best + blocks[-1].a + blocks[-1].size - 1 + len(wanted) - blocks[-1].b - blocks[-1].size)
    return words[first].start, words[last].end


@functools.lru_cache(maxsize=64)
def _word_starts(text: str) -> list[int]:
    """Where each of a turn's words starts in its text: once a turn, not once a quote (a turn of 200,000 characters
    was split again for each of its quotes and action points, 17 s of a load)."""
    return [m.start() for m in re.finditer(r"\S+", text)]


def _bare_word(token: str) -> str:
    return token.casefold().strip(".,!?;:\"'“”‘’()…-")


def voice_profiles(db: Database, leave_out: str = "") -> dict[str, np.ndarray]:
    """Each named participant's voice: the mean of their stored embeddings, unit length; without
    those of the conversation ``leave_out`` (its voices named again must not recognise themselves)."""
    if not db["voice_profiles"].exists():
        return {}
    grouped: dict[str, list[np.ndarray]] = {}
    for row in db.query("SELECT name, embedding FROM voice_profiles WHERE conversation_id != ?", [leave_out]):
        grouped.setdefault(row["name"], []).append(np.frombuffer(row["embedding"], dtype="<f4"))
    profiles = {}
    for name, vectors in grouped.items():
        mean = np.mean(vectors, axis=0)
        profiles[name] = mean / (np.linalg.norm(mean) or 1.0)
    return profiles


@dataclass
class LoadResult:
    """What a load did: conversations loaded and removed, and files that failed."""

    loaded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[TranscriptError] = field(default_factory=list)
    #: One sentence each on what the editor should correct (a misspelt name withheld as someone's).
    notes: list[str] = field(default_factory=list)
    #: One sentence each on a transcript not loaded because a hand edit would show turns the database keeps from
    #: the public under another name (:func:`shown_by_hand`); its old rows are kept.
    held: list[str] = field(default_factory=list)


@dataclass
class KeptBack:
    """What a conversation's stored rows say before a store, for :func:`shown_by_hand`."""

    #: The turns kept from the public for someone's consent (speaker, text, start, end, whose: the participant
    #: they are withheld as, a voice that introduces itself as them included).
    kept: list[tuple[str, str, float, float, str]]
    #: The words of the turns that are shown (as if published, every voice confirmed).
    shown: Counter
    #: Those turns' words, each turn's in order (a run of a kept turn copied into one is asked about).
    shown_turns: list[list[str]] = field(default_factory=list)
    #: The turns withheld for no participant's consent (a voice not named, a name no participant has), as
    #: (speaker, start, end): remembered, not asked about (:func:`remember_kept`).
    unnamed: list[tuple[str, float, float]] = field(default_factory=list)
    #: Every turn remembered as kept back (start, end, whose, 1 for someone's consent or 0 for a voice not named,
    #: its words), held by a turn kept back now or not: where one is someone's not given, publish silences all that
    #: no heard turn holds.
    remembered: list[tuple[float, float, str, int, str]] = field(default_factory=list)
    #: Those of someone's consent that no turn kept back as theirs holds now (its turn deleted, moved or given
    #: another heading by an earlier edit): (start, end, whose, its words).
    earlier: list[tuple[float, float, str, str]] = field(default_factory=list)
    #: The participants not published, each as the spellings of their name the rows have (the name first, then the
    #: earlier spellings an editor corrected): where others name them, it is kept from the public while they are on
    #: the list.
    people: list[list[str]] = field(default_factory=list)
    #: The participants withdrawn, each as their spellings (as ``people``), and "" where the conversation itself is:
    #: a transcript that lists them as published again is asked about (:func:`taken_back`).
    withdrawn: list[list[str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.kept or self.earlier or self.people or self.withdrawn)


#: A part of a withheld turn this long (words) or longer, or half of it, now said by someone shown is asked
#: about; a word or two ("Ja,") split off a long turn is not.
ASKED_WORDS = 3
#: Seconds of a withheld turn's stretch that the public recording may let through after a hand edit before it asks
#: (a flat bar: a tenth of a long turn let seconds through, a reviewer's read): a heading nudged over a word's edge
#: is not worth the question, and a nudge or a merge inside the silence around a withheld turn lets nothing through.
HEARD_SECONDS = 0.2
#: A run of this many words of a withheld turn (or the whole turn, of three or four words) newly said in a shown
#: turn while the withheld one still says it is asked about as a copy; a shorter run said by both is common talk.
COPIED_WORDS = 5


def _as_if_public(db: Database, cid: str) -> set[str]:
    """The turns of ``cid`` the public copy would leave out were the conversation published and every voice
    confirmed: what consent keeps back, whatever the status and the naming now (a savepoint, rolled back)."""
    from .publish import withheld_turns

    db.execute("SAVEPOINT as_if_public")
    try:
        db.execute("UPDATE conversations SET status = 'published' WHERE id = ?", [cid])
        db.execute("UPDATE speakers SET confirmed = 1 WHERE conversation_id = ?", [cid])
        return set(withheld_turns(db.conn, [cid]))
    finally:
        db.execute("ROLLBACK TO as_if_public")
        db.execute("RELEASE as_if_public")


def withdrawn_in_rows(db: Database, cid: str) -> list[list[str]]:
    """The participants of ``cid`` the rows have withdrawn, each as their spellings (the name first, then the earlier
    spellings an editor corrected), and [""] where the conversation itself is: what a transcript that lists them as
    no longer withdrawn takes back (:func:`taken_back`)."""
    withdrawn = [
        [name, *json.loads(earlier or "[]")]
        for name, earlier in db.execute(
            "SELECT name, earlier_spellings FROM participants WHERE conversation_id = ? AND status = 'withdrawn' "
            "ORDER BY name",
            [cid],
        )
    ]
    if db.execute("SELECT 1 FROM conversations WHERE id = ? AND status = 'withdrawn'", [cid]).fetchone():
        withdrawn.append([""])
    return withdrawn


def kept_back(db: Database, cid: str) -> KeptBack:
    """The stored turns of ``cid`` kept from the public for someone's consent (a participant who is not published,
    forget's marker; not a name no participant has: a typo, which load asks to correct; nor a voice not named,
    which load's notes ask to name by its heading), and the words of those shown; and the stretches remembered as
    kept back by an earlier store (:func:`remember_kept`; each as a kept turn without words, where no turn kept
    back as the same person's holds it now). Read inside the transaction of the store it is for
    (:func:`store_asked`; :func:`_as_if_public` is a savepoint)."""
    remembered = _remembered(db, cid)
    # (not a heading no participant has, which the rows list as a participant not published: its turns are no one's;
    # corrected to a participant's name, it is no one taken off the list, a reviewer's attack, session 53)
    people = [
        [name, *json.loads(earlier or "[]")]
        for name, earlier in db.execute(
            "SELECT p.name, p.earlier_spellings FROM participants p WHERE p.conversation_id = ? "
            "AND p.status != 'published' AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = "
            "p.conversation_id AND t.participant_id IS NULL AND lower(t.speaker) = lower(p.name)) ORDER BY p.name",
            [cid],
        )
    ]
    withdrawn = withdrawn_in_rows(db, cid)
    if db["withdrawals_remembered"].exists():  # (of rows taken off the database: delete_remembering)
        known = {names[0] for names in withdrawn + people}
        for name, status, spellings in db.execute(
            "SELECT name, status, spellings FROM withdrawals_remembered WHERE conversation_id = ? ORDER BY name", [cid]
        ).fetchall():
            if name in known:
                continue
            names = json.loads(spellings or "[]") or [name]
            if status == "withdrawn":
                withdrawn.append(names)
            if name:
                people.append(names)
    # none of them at all (the usual case: everyone published, every voice named): no turn can be kept, and no look
    # as if public is needed on this store (every desk save, ingest and export looks here)
    candidates = db.execute(
        "SELECT 1 FROM turns t LEFT JOIN participants p ON p.id = t.participant_id WHERE t.conversation_id = ? "
        "AND (t.speaker = ? OR t.participant_id IS NULL OR (p.status IS NOT NULL AND p.status != 'published')) "
        "LIMIT 1",
        [cid, REMOVED_SPEAKER],
    ).fetchone()
    if candidates is None and not remembered:
        return KeptBack([], Counter(), people=people, withdrawn=withdrawn)
    held = _as_if_public(db, cid)
    rows = db.execute(
        'SELECT t.id, t.speaker, t.text, t.start, t."end", p.status, p.name, min(w.start), max(w."end") FROM turns t '
        "LEFT JOIN participants p ON p.id = t.participant_id LEFT JOIN words w ON w.turn_id = t.id "
        "WHERE t.conversation_id = ? GROUP BY t.id ORDER BY t.seq",
        [cid],
    ).fetchall()
    kept, shown, shown_turns, unnamed = [], Counter(), [], []
    for tid, speaker, text, start, end, status, person, said_from, said_to in rows:
        if tid not in held:
            shown.update(words := _words(text))
            shown_turns.append(words)
            continue
        # where its voice is: its words' times where it has them (a heading typed at another moment is not)
        at = (said_from, said_to) if said_from is not None and said_to > said_from else (start, end)
        if speaker == REMOVED_SPEAKER or (status is not None and status != "published"):
            kept.append((speaker, text, at[0] or 0.0, at[1] or 0.0, person or speaker))
        else:
            unnamed.append((speaker, at[0] or 0.0, at[1] or 0.0))
    earlier = []
    for start, end, person, consent, text in remembered:
        theirs = [(a, b, said) for _, said, a, b, whose in kept if whose.casefold() == person.casefold()]
        if not consent or (  # (held by a turn kept back as theirs: its stretch, or its words where it has none)
            (end - start) - _overlap(start, end, [(a, b) for a, b, _ in theirs]) <= HEARD_SECONDS
            if end > start
            else any(said == text for _, _, said in theirs)
        ):
            continue
        earlier.append((start, end, person, text))
    return KeptBack(kept, shown, shown_turns, unnamed, remembered, earlier, people, withdrawn)


def _remembered(db: Database, cid: str) -> list[tuple[float, float, str, int, str]]:
    """The turns of ``cid`` remembered as kept back (start, end, whose, whether for someone's consent: 0 for a
    voice not named, its words), of :func:`remember_kept`."""
    if not db["consent_stretches"].exists():  # (a database opened without its migrations: a test's, a copy's)
        return []
    return db.execute(
        'SELECT start, "end", person, consent, text FROM consent_stretches WHERE conversation_id = ? ORDER BY start',
        [cid],
    ).fetchall()


def remember_kept(
    db: Database,
    cid: str,
    before: KeptBack | None,
    answered: Iterable[tuple[float, float, str, str, bool]] = (),
    held: "Callable[[], set[str]] | None" = None,
) -> None:
    """Remember the turns that ``before`` (the rows before this store, and what they remembered) kept back, their
    stretch of the recording and their words, until a store lets them be heard: the one load's question asked
    about, answered (``load --yes``: ``answered``, the earlier ones it found, each with whether its stretch was
    heard: where only its words were copied, its words go and its stretch stays silent; a helper's attack, session
    52, heard it after a false alarm answered), or a participant's consent given back, or a voice not named given a
    name.

    Load's question compares a hand edit with the rows of the last load alone: a first load that deleted a
    withheld turn, moved it where nothing is heard or headed it "Spreker 3" showed nothing, and asked nothing; a
    second that made that stretch heard (a turn added there, a neighbour's heading merged over it, the voice named
    as a published participant), or pasted its words into a turn shown, put the withdrawn voice on the site unasked
    (a helper's attack, sessions 51 and 52). Remembered, that second load asks (:func:`kept_back`), and the public
    recording keeps it silent meanwhile (:func:`gesprekken.publish._remembered_silent`); so is a deleted turn of a
    name no participant has, where no one else was withheld (the whole recording played)."""
    from .publish import TURNS_IN_TIME, silenced_spans

    if not db["consent_stretches"].exists() or before is None:
        return
    # (what the rows keep now is remembered by the store that changes them, as its ``before``, or by the removal of
    # the conversation: delete_remembering)
    rows = {(round(start, 2), round(end, 2), whose, 1, text) for _, text, start, end, whose in before.kept}
    rows |= {(round(start, 2), round(end, 2), speaker, 0, "") for speaker, start, end in before.unnamed if end > start}
    # (and all the rows remembered: those of the id a transcript had, where it was changed by hand, a voice not
    # named's too; a reviewer's read, session 52)
    rows |= set(before.remembered)
    db.conn.executemany(
        "INSERT OR IGNORE INTO consent_stretches VALUES (?, ?, ?, ?, ?, ?)", [(cid, *row) for row in sorted(rows)]
    )
    remembered = _remembered(db, cid)
    if not remembered:
        return
    held = held() if held is not None else _as_if_public(db, cid)
    timeline = [
        (start or 0.0, end or 0.0, tid in held, said_from, said_to)
        for tid, start, end, _, _, said_from, said_to in db.execute(TURNS_IN_TIME, [cid]).fetchall()
    ]
    silent = silenced_spans(timeline, withheld_here=True)
    heard = {
        (start, end, person, text)
        for start, end, person, _, text in remembered
        if end > start and (end - start) - _overlap(start, end, silent) > HEARD_SECONDS
    }
    heard |= {(start, end, whose, text) for start, end, whose, text, stretch in answered if stretch}
    where = 'conversation_id = ? AND start = ? AND "end" = ? AND person = ? AND text = ?'
    db.conn.executemany(f"DELETE FROM consent_stretches WHERE {where}", [(cid, *row) for row in sorted(heard)])
    copied = [(cid, start, end, whose, text) for start, end, whose, text, stretch in answered if not stretch]
    db.conn.executemany(f"UPDATE OR REPLACE consent_stretches SET text = '' WHERE {where}", copied)


def hold(db: Database, *ids: str | None) -> None:
    """Keep the conversations ``ids`` off the public site (internal in the rows) until load reads their transcripts
    whole. Only a published one: a withdrawn one stays withdrawn, for the next load to ask about again (a reviewer's
    read, session 55: a held withdrawal, made internal, was published by the next load)."""
    db.execute(
        f"UPDATE conversations SET status = 'internal' WHERE id IN ({', '.join('?' for _ in ids)}) "
        "AND status = 'published'",
        list(ids),
    )


def delete_remembering(db: Database, cid: str) -> None:
    """Take a conversation off the database (its transcript gone, or a copy of it beside it), remembering what its
    rows kept back: given back edited, it is asked about as the rows had it (a helper's attack, session 52: a
    conflict copy taken in by a desk save lost it); and who was withdrawn (:func:`taken_back`)."""
    before = kept_back(db, cid)
    remember_kept(db, cid, before)
    if db["withdrawals_remembered"].exists():
        rows = [
            (cid, name, status, json.dumps([name, *json.loads(earlier or "[]")], ensure_ascii=False))
            for name, earlier, status in db.execute(
                "SELECT name, earlier_spellings, status FROM participants WHERE conversation_id = ? "
                "AND status != 'published'",
                [cid],
            )
        ]
        if [""] in before.withdrawn:
            rows.append((cid, "", "withdrawn", '[""]'))
        db.conn.executemany("INSERT OR IGNORE INTO withdrawals_remembered VALUES (?, ?, ?, ?)", rows)
    delete_conversation(db, cid)


def store_asked(
    db: Database,
    conversation: Conversation,
    name: str,
    analysis: "Analysis | None",
    show: "bool | Collection[tuple[float, str, str]]" = (),
    by: str = "load",
    was: str | None = None,
    given_back: "Collection[str]" = (),
) -> None:
    """Store ``conversation`` (of the transcript file ``name``) as :func:`store` does, unless it shows what the rows
    keep back for someone's consent (:func:`shown_by_hand`): then raise ShownByHand (said as ``by`` makes it) with
    the rows as they were. ``show``: the turns (start, speaker, text) the editor confirmed this change shows, or
    True for every one (``load --yes``); ``was``: the id the conversation had in the rows (its transcript's id
    changed by hand); ``given_back``: the participants (names; "" for the conversation) whose withdrawal the command
    took back, having asked. The one store of a transcript for load and every other command."""
    with db.atomic():  # (what the rows keep back read in the store's transaction: no writer between, a reviewer)
        before = kept_back(db, was or conversation.id) if db["turns"].exists() else None
        store(db, conversation, name, analysis)
        # the stored turns kept back as if public, looked at once for the question and the memory
        held = functools.cache(lambda: _as_if_public(db, conversation.id))
        confirmed = show if show is not True else ()
        shown, earlier = _shown(db, conversation, before, confirmed, held, given_back) if before else ([], [])
        if shown and show is not True:
            raise ShownByHand(shown_by_hand_said(name, shown, conversation.id, by=by), shown)
        remember_kept(db, conversation.id, before, answered=earlier, held=held)
        if db["withdrawals_remembered"].exists():  # the rows say it now, asked where it was given back
            db.execute("DELETE FROM withdrawals_remembered WHERE conversation_id IN (?, ?)", [conversation.id, was])


def shown_by_hand(
    db: Database,
    conversation: Conversation,
    before: KeptBack,
    confirmed: "Iterable[tuple[float, str, str]]" = (),
) -> list[tuple[float, str | None, str]]:
    """The turns ``before`` kept back for someone's consent that ``conversation``, as just stored, would show: their
    words now said by someone shown (a heading given by hand to someone published, whole, in parts, merged into
    theirs; at least :data:`ASKED_WORDS` words of a turn or half of it), or their stretch of the recording in no
    turn kept back, so that the public recording would play that voice (a withheld turn or forget's marker deleted
    by hand, or headed by hand with other words). Each as (start, new speaker or None where it is gone, old
    speaker). ``confirmed``: the turns (start, speaker, text) the editor confirmed this very change shows.

    Words count where they left the turns kept back and came to the shown ones: a word corrected in a withheld
    turn, or Ann's own "Ja, dat zeg ik al jaren." unchanged beside Kees's "Ja." corrected to "Nee.", is no question
    (a reviewer's read). Judged as if the conversation were published and every voice confirmed: stored while it
    is not, the new headings would be the rows' and show as soon as it is. A newcomer's run (session 48): a
    withdrawn participant's turn headed by hand with a published one's name was on the site at the next load.
    So are the turns remembered as kept back by an earlier store (``before.earlier``): their stretch heard (with
    the new speaker :data:`gesprekken.errors.REMEMBERED`), or their words copied into a turn shown."""
    return _shown(db, conversation, before, confirmed)[0]


def _shown(
    db: Database,
    conversation: Conversation,
    before: KeptBack,
    confirmed: "Iterable[tuple[float, str, str]]" = (),
    held: "Callable[[], set[str]] | None" = None,
    given_back: "Collection[str]" = (),
) -> tuple[list[tuple[float, str | None, str]], list[tuple[float, float, str, str, bool]]]:
    """:func:`shown_by_hand`, and the turns remembered as kept back (of ``before.earlier``) among what it found,
    each with whether its stretch is heard (else its words were copied). ``held``: the stored turns kept back as if
    public (:func:`_as_if_public`), where the caller has them."""
    from .publish import TURNS_IN_TIME, silenced_spans

    cid = conversation.id
    # consent given back in the file itself shows their words whoever's heading they are under
    people = [(p.name, p.status, p.earlier_spellings) for p in conversation.participants]
    kept_before = [
        (turn[4], *turn[1:4])  # (named by whose they are kept back as: "kept back as Kees Mol's", not his heading's)
        for turn in before.kept
        # forget's marker is no one's to give back (a reviewer: a participant entry '[verwijderd]' typed as
        # published let a marker be deleted unasked)
        # and only the consent of the one it is withheld as: "Joost de Bor" over Joost de Boer's (withdrawn) turn,
        # then a participant "Joost de Bor" typed as published, is someone's consent no one gave (a helper's attack,
        # session 51: two loads showed what one refused)
        # (consent_given: under any spelling of the name an editor corrected, as publish reads it)
        if turn[0] == REMOVED_SPEAKER or not consent_given(turn[4], people)
    ]
    earlier = [turn for turn in before.earlier if not consent_given(turn[2], people)]
    # a participant not published taken off the list by hand, who speaks no turn now (where one does, their turns
    # and their name stay back as a name no participant has): where others name them, their name would be shown
    # (a helper's attack, session 53: Kees Mol, withdrawn, never speaking, his entry deleted; "zoals Kees Mol al zei"
    # was on the site at the next load); a respelling by hand is the same (the old spelling is no one's now)
    unlisted = [(0.0, UNLISTED, name) for name in _named_unlisted(conversation, before.people)]
    unlisted += [(0.0, GIVEN_BACK, name) for name in taken_back(conversation, before.withdrawn, given_back)]
    if not kept_before and not earlier:
        return unlisted, []
    held = held() if held is not None else _as_if_public(db, cid)
    exempt = Counter((round(start, 2), speaker.casefold(), text) for start, speaker, text in confirmed)
    # every turn once: (start, end, kept back now, confirmed shown by this change, speaker, text, its words, the
    # first word's start, the last word's end)
    turns = []
    for tid, start, end, speaker, text, said_from, said_to in db.execute(TURNS_IN_TIME, [cid]).fetchall():
        start, end, key = start or 0.0, end or 0.0, (round(start or 0.0, 2), speaker.casefold(), text)
        asked = tid not in held and exempt[key] > 0
        exempt[key] -= asked
        turns.append((start, end, tid in held, asked, speaker, text, _words(text), said_from, said_to))
    kept_now = [(text, words) for _, _, kept, _, _, text, words, _, _ in turns if kept]
    # (as publish reads it: anyone not published there silences what no heard turn holds, their deleted turns too,
    # and so does a turn remembered as someone's kept back)
    withheld_here = any(p.status != "published" for p in conversation.participants) or any(
        consent and not consent_given(person, people) for _, _, person, consent, _ in before.remembered
    )

    def as_heard(asked_heard: bool) -> tuple[list[tuple[float, float]], list, Counter, _Copies]:
        """The recording's stretches silent as publish silences them (from the heard turn before each withheld
        one to the heard turn after it), the turns shown, their words new to the shown ones, and where a kept
        turn's words were copied; with the turns this change confirmed shown (``confirmed``) heard or not.

        For the turns kept back now they are not: they are what the command asked about, and a heading nudged or
        two withheld turns merged by hand leave nothing heard (a reviewer: both were asked about), where a heard
        heading stretched over a withheld voice does not. For a turn remembered from an earlier store they are: it
        is no part of what a command asked about (the desk's merge of two turns, 'speakers --merge' of a voice
        named "Spreker 3" over it, asked nothing, and played it: a helper's attack, session 52)."""
        timeline = [
            (start, end, True, None, None) if asked and not asked_heard else (start, end, kept, said_from, said_to)
            for start, end, kept, asked, _, _, _, said_from, said_to in turns
        ]
        shown = [
            (start, speaker, Counter(words), words)
            for start, _, kept, asked, speaker, _, words, _, _ in turns
            if not kept and (asked_heard or not asked)
        ]
        added = sum((turn[2] for turn in shown), Counter()) - before.shown
        return silenced_spans(timeline, withheld_here), shown, added, _Copies(before.shown_turns, shown)

    silent, shown_now, added, copies = as_heard(False)
    lost = sum((Counter(_words(text)) for _, text, _, _ in kept_before), Counter()) - Counter(
        word for _, words in kept_now for word in words
    )
    moved = lost & added  # words that left the turns kept back and came to the shown ones
    still = Counter(text for text, _ in kept_now)
    gone = []
    for n, (speaker, text, _, _) in enumerate(kept_before):
        if still[text] > 0:
            still[text] -= 1  # its words still kept back (where, the recording's check below says)
        else:
            gone.append((n, speaker, Counter(_words(text))))
    # the turns most of whose words moved take them first: a long kept turn corrected in the same edit shares the
    # common words of one given away (a reviewer's read: it took them, and the turn given away went unreported)
    gone.sort(key=lambda turn: -sum((turn[2] & moved).values()) / max(1, sum(turn[2].values())))
    found: dict[int, tuple[float, str | None, str]] = {}
    for n, speaker, words in gone:
        taken = words & moved
        moved -= taken
        if taken and sum(taken.values()) >= min(ASKED_WORDS, 0.5 * sum(words.values())):
            at, new, *_ = max(shown_now, key=lambda turn: sum((taken & turn[2]).values()))
            found[n] = (at, new, speaker)
    for n, (speaker, text, start, end) in enumerate(kept_before):
        if n in found:
            continue
        # every kept turn's stretch of the recording, where its text now is or not: a turn, or one of forget's
        # markers that all say the same, moved in time or deleted by hand would play that voice (a reviewer's
        # attack: only a turn whose text had gone was looked at)
        if end > start and (end - start) - _overlap(start, end, silent) > HEARD_SECONDS:
            found[n] = (start, None, speaker)
        elif copied := copies.into(_words(text), added):
            found[n] = (copied[0], copied[1], speaker)  # copied whole or in part, the kept turn left as it was
    shown = list(found.values())
    # a turn remembered as kept back: its stretch heard, or a run of its words copied into a turn shown (not words
    # alone: the common words of every turn deleted since would ask of every edit)
    answered = []
    if earlier:
        silent, _, added, copies = as_heard(True)
        for start, end, whose, text in earlier:
            if end > start and (end - start) - _overlap(start, end, silent) > HEARD_SECONDS:
                shown.append((start, REMEMBERED, whose))
                answered.append((start, end, whose, text, True))
            elif text and (copied := copies.into(_words(text), added)):
                shown.append((copied[0], copied[1], whose))
                answered.append((start, end, whose, text, False))
    return unlisted + sorted(shown, key=lambda turn: turn[0]), answered


def taken_back(conversation: Conversation, withdrawn: list[list[str]], confirmed: "Collection[str]") -> list[str]:
    """Of ``withdrawn`` (the participants the rows have withdrawn, as their spellings, and "" for the conversation),
    those ``conversation`` lists as no longer withdrawn (published, internal), which no command made so
    (``confirmed``: the names a command or the desk took the withdrawal of back, having asked). A withdrawal taken
    back by hand, or an older copy of the transcript written back (an editor's buffer, a sync client), put a
    withdrawn voice on the site at the next load, without a word (an attack, session 55); the desk and 'publication'
    ask before they take one back, and so does load."""
    found = []
    for spellings in withdrawn:
        if spellings == [""]:
            if conversation.status != "withdrawn" and "" not in confirmed:
                found.append("")
            continue
        names = {name.casefold() for name in spellings}
        listed = [
            p for p in conversation.participants if {n.casefold() for n in (p.name, *p.earlier_spellings)} & names
        ]
        # (internal too: no longer withdrawn, their voice profile is kept again, and the desk asks first; a reviewer)
        if listed and all(p.status != "withdrawn" for p in listed) and not names & {c.casefold() for c in confirmed}:
            found.append(spellings[0])
    return found


def _named_unlisted(conversation: Conversation, people: list[list[str]]) -> list[str]:
    """Of ``people`` (participants the rows keep from the public, each as their spellings), those ``conversation``
    no longer lists under any spelling nor has speak a turn, whom what the public may see of it names (by any of
    their spellings: an earlier one an editor corrected is theirs too, a reviewer's attack, session 53) where no one
    it keeps from the public now is named (a respelling by hand that still covers every mention is no question; nor
    is one whom no one names: a name respelt at the desk and undone)."""
    listed = {name.casefold() for p in conversation.participants for name in (p.name, *p.earlier_spellings)}
    # (a heading no participant has is kept back, its name too: it covers what it names, not an earlier spelling of
    # theirs, "zei Carine Jansen al" of a Karin Janssen whose entry is gone and who speaks, a reviewer's attack)
    withheld = [n for p in conversation.participants if p.status != "published" for n in conversation.spellings_of(p)]
    withheld += conversation.unlisted()
    return [
        spellings[0]
        for spellings in people
        if not {name.casefold() for name in spellings} & listed and names_shown(conversation, spellings, withheld)
    ]


def names_shown(conversation: Conversation, spellings: list[str], withheld: list[str] = ()) -> bool:
    """Whether what the public may see of ``conversation`` names someone of ``spellings`` (as the public copy finds
    a name left out: its forms, beside the published participants' names kept whole) somewhere the names of
    ``withheld`` do not cover: the published participants' turns, the title, the conference, the intro, the
    headline, a published participant's role or organisation. Not what is kept from the public anyway (another
    withheld participant's words, a reviewer's attack, session 53: a question where nothing would show)."""
    from .consent import left_out_names, name_spans

    published = [p for p in conversation.participants if p.status == "published"]
    kept = [(p.name, p.organisation) for p in published]
    heard = {p.name.casefold() for p in published}
    texts = [turn.text for turn in conversation.turns if turn.speaker.casefold() in heard]
    texts += [conversation.title, conversation.conference or ""]
    texts += [conversation.analysis.get(key) or "" for key in ("intro", "headline")]
    texts += [value for p in published for value in (p.role, p.organisation) if value]
    variants, keep = left_out_names(spellings, kept)
    covering = left_out_names(withheld, kept) if withheld else None
    for text in texts:
        spans = name_spans(text, variants, keep) if text else []
        covered = name_spans(text, *covering) if spans and covering else []
        if any(not any(a <= start and end <= b for a, b in covered) for start, end in spans):
            return True
    return False


def _overlap(start: float, end: float, spans: list[tuple[float, float]]) -> float:
    """How much of ``start``-``end`` the ``spans`` cover together (seconds; a stretch covered twice once)."""
    covered, reached = 0.0, start
    for a, b in sorted(spans):
        a, b = max(a, reached), min(b, end)
        if b > a:
            covered, reached = covered + b - a, b
    return covered


class _Copies:
    """Where a kept turn's words were copied into a turn shown (:func:`shown_by_hand`): the shown turns whose words
    changed, found once, and the runs of the turns shown before, made once for each length asked (a reviewer's
    measure: made for every kept turn, 6 s for 1,200 turns)."""

    def __init__(self, shown_before: list[list[str]], shown_now: list[tuple[float, str, Counter, list[str]]]):
        old = {tuple(said) for said in shown_before}
        self.shown_before = shown_before
        self.changed = [(start, speaker, said) for start, speaker, _, said in shown_now if tuple(said) not in old]
        self.before: dict[int, set[tuple[str, ...]]] = {}

    def into(self, words: list[str], added: Counter) -> tuple[float, str] | None:
        """The first shown turn (start, speaker) that newly says a run of :data:`COPIED_WORDS` of ``words`` (all
        of them where there are three or four), which no turn shown before said, where at least
        :data:`ASKED_WORDS` of its words are new to the shown turns (``added``): a typo fixed in Ann's echo of
        Kees's sentence ("snel" to "sneller") makes a new run of his words with one new word, and is no copy (a
        reviewer's read); None where none does. Of a longer turn, a run of five stock words is no copy unless a
        longer one is (:data:`STOCK_RUN` words, or the whole turn): a run counts where at least two of its words are
        not Dutch function words (spaCy's list). Ann's own "Ik denk dat het niet anders kan", typed at the desk, was
        asked about as Kees's "Ik denk dat het niet werkt zo" (a helper's run, session 52), and took the
        conversation off the site; his "Ik wil hier niet meer over praten" copied whole still asks (a reviewer's
        read)."""
        from spacy.lang.nl.stop_words import STOP_WORDS

        size = min(COPIED_WORDS, len(words))
        if not self.changed or size < ASKED_WORDS or sum((Counter(words) & added).values()) < ASKED_WORDS:
            return None
        kept = {size: _runs(words, size)}  # runs by their length
        if len(words) > size:
            kept[size] = {run for run in kept[size] if sum(word not in STOP_WORDS for word in run) >= 2}
            kept[min(STOCK_RUN, len(words))] = _runs(words, min(STOCK_RUN, len(words)))
        for length in kept:
            if length not in self.before:
                self.before[length] = set().union(*(_runs(said, length) for said in self.shown_before))
        for start, speaker, said in self.changed:
            if any((_runs(said, length) & runs) - self.before[length] for length, runs in kept.items()):
                return start, speaker
        return None


#: How long a run of a withheld turn's words copied into a turn shown is asked about even where it is stock words
#: (see :meth:`_Copies.into`); a turn this long or shorter, copied whole.
STOCK_RUN = 7


def _runs(said: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(said[i : i + size]) for i in range(len(said) - size + 1)}


def changed_turns(before: Conversation, after: Conversation) -> list[tuple[float, str, str]]:
    """The turns (start, speaker, text) ``after`` says that ``before`` did not: what a change gave to whom, for
    :func:`shown_by_hand`'s ``confirmed`` (the text tells turns apart where a transcript has no times)."""
    return list(
        (
            Counter((t.start, t.speaker, t.text) for t in after.turns)
            - Counter((t.start, t.speaker, t.text) for t in before.turns)
        ).elements()
    )


def _words(text: str) -> list[str]:
    # a character that shows as nothing or as a mark on the letter before (a zero-width space, a soft hyphen, a
    # bidi isolate, a variation selector, a tag, a combining mark) inside a word split it for \w: reviewers' copies
    # of Kees's sentence with them in went through as other words. Read decomposed and without them (accents too,
    # on both sides of every comparison).
    if text.isascii():
        return re.findall(r"\w+", text.casefold())
    decomposed = unicodedata.normalize("NFKD", text).translate(BLANK_LETTERS)
    shown = "".join(c for c in decomposed if unicodedata.category(c) not in UNSEEN)
    return re.findall(r"\w+", shown.casefold())


#: Unicode's categories of format characters and of marks that join the letter before.
UNSEEN = ("Cf", "Mn", "Me")
#: Letters that show as nothing (Unicode's Default_Ignorable code points of other categories: the Hangul fillers).
BLANK_LETTERS = str.maketrans("", "", "\u115f\u1160\u3164\uffa0")


def shown_by_hand_said(
    name: str, shown: list[tuple[float, str | None, str]], cid: str, by: str = "load", where: str = "on the site"
) -> str:
    """The sentence on what :func:`shown_by_hand` found in transcript ``name`` (conversation ``cid``), for a store
    made ``by`` a command (load, or any save that takes the transcript in as it is: a desk save, 'publication'),
    which would put them ``where``."""
    from .transcript import format_time

    turns = "; ".join(
        f"{old}, not published, is no longer on the list of participants: where others name them, the name would "
        "be shown"
        if new == UNLISTED
        else f"{old or 'the conversation'}, withdrawn, is no longer withdrawn in it, by hand or by an older copy"
        if new == GIVEN_BACK
        else f"{format_time(start, 1)}, kept back as {old}'s since an earlier edit took it out of its turn (deleted, "
        "moved or given another heading then): its voice would be heard"
        if new == REMEMBERED
        else f"{format_time(start, 1)} now {new!r}, kept back as {old}'s"
        if new
        else f"{format_time(start, 1)}, kept back as {old}'s, no longer in a turn kept back: its voice would be heard"
        for start, new, old in shown
    )
    marks = {t[1] for t in shown}
    entry = bool({UNLISTED, GIVEN_BACK} & marks)
    fields = [
        what
        for what, found in (
            ("participant's entry", UNLISTED in marks),
            ("participant's status", any(new == GIVEN_BACK and old for _, new, old in shown)),
            ("conversation's status", any(new == GIVEN_BACK and not old for _, new, old in shown)),
        )
        if found
    ]
    what = (
        "what is kept from the public for someone's consent is"
        if entry
        else f"{len(shown)} turn{'s' if len(shown) != 1 else ''} kept from the public for someone's consent "
        f"{'are' if len(shown) != 1 else 'is'}"
    )
    return (
        f"{name}: {what} changed by hand ({turns}), so {by} would put {'it' if entry else 'them'} {where}; the "
        "conversation's rows were kept as they were, off the public site until then: if the edit is right, run "
        f"'gesprekken load --yes {cid[:8]}', else give the "
        + (f"{' and '.join(fields)}, " if entry else "")
        + "headings and words back"
        + (
            " (and leave a stretch kept back since an earlier edit in no turn heard)"
            if REMEMBERED in [t[1] for t in shown]
            else ""
        )
        + " and run 'gesprekken load'"
        + (" again" if by == "load" else "")
    )


def transcript_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))


#: The id line of a transcript's front matter, as :func:`gesprekken.transcript.dumps` writes it.
ID_LINE = re.compile(r"^id:\s*['\"]?([^'\"\s]+)", re.MULTILINE)


def copies_said(paths: list[Path], conversation_id: str) -> str:
    """The start of every sentence about two copies of one conversation ("x (1).md" beside "x.md"), whatever the
    command then does of them."""
    named = " and ".join(str(p) for p in paths)
    return f"{named} have the same id {conversation_id}: they are copies of one conversation"


def id_in(path: Path) -> str | None:
    """The id a transcript's front matter gives, read from its first lines only (a file that does not parse
    too); None where it gives none or cannot be read."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            match = ID_LINE.search(handle.read(4096))
    except OSError:
        return None
    return match[1] if match else None


def copies_of(folder: Path, conversation_id: str) -> list[Path]:
    """The transcripts in ``folder`` whose front matter gives ``conversation_id`` (two or more: copies of one
    conversation), read from each file's first lines only: cheap enough for every save."""
    return [path for path in transcript_files(folder) if id_in(path) == conversation_id]


def lookalike_notes(conversation: Conversation, path: Path) -> list[str]:
    """For each heading that names no participant but could be one not published (see
    Conversation.lookalikes): where it is, and that its turn is withheld as theirs until corrected."""
    from .transcript import HEADING, read_source

    notes = []
    status = {p.name: p.status for p in conversation.participants}
    lines = read_source(path).splitlines()
    for speaker, person in conversation.lookalikes({"published"}).items():
        headings = (n for n, text in enumerate(lines, 1) if (m := HEADING.match(text)) and m[3] == speaker)
        line = next(headings, None)
        where = f"{path.name}, line {line}" if line else path.name
        notes.append(
            f"{where}: the heading names {speaker!r}, who is not a participant but could be {person} "
            f"({status[person]}), so that turn is withheld as theirs; correct the heading to the speaker's "
            "participant name and run 'gesprekken load' again"
        )
    return notes


def unlisted_notes(conversation: Conversation, path: Path) -> list[str]:
    """For a published conversation in which names speak that are no participant's (see
    Conversation.unlisted; a look-alike or a voice that introduces itself has a note of its own): one
    sentence with the file, each name and its first heading's line, that their turns (and the unnamed
    voices) are kept from the public, and what to do."""
    from .transcript import HEADING, could_be, is_voice_label, read_source

    if conversation.status != "published":
        return []  # nothing of it is public: nothing is kept back by this
    noted = {s.casefold() for s in conversation.lookalikes({"published"})}
    noted |= {s.casefold() for s in conversation.introduced_as({"published"})}
    names = [name for name in conversation.unlisted() if name.casefold() not in noted]
    if not names:
        return []
    lines = read_source(path).splitlines()
    first = {}
    for number, text in enumerate(lines, 1):
        if (match := HEADING.match(text)) and match[3]:
            first.setdefault(match[3].casefold(), number)
    described = []
    for name in names:
        like = next((p.name for p in conversation.participants if could_be(name, p.name)), None)
        described.append(f"{name!r} (line {first.get(name.casefold(), '?')}" + (f", perhaps {like})" if like else ")"))
    voices = [v for v in conversation.unnamed_voices() if is_voice_label(v)]
    also = f", and so are the voices nobody is named for ({', '.join(voices)}), as any may be theirs" if voices else ""
    return [
        f"{path.name}: the headings name {' and '.join(described)}, who {'is' if len(names) == 1 else 'are'} not "
        f"among its participants, so nobody gave consent under {'that name' if len(names) == 1 else 'those names'} "
        f"and those turns are kept from the public as internal{also}; add each to 'participants:' with a status "
        "(published to show them), or correct the heading to a participant's name, and run 'gesprekken load' again"
    ]


def introduction_notes(conversation: Conversation, path: Path) -> list[str]:
    """For each voice whose own words introduce it as a participant not published (see
    Conversation.introduced_as): where, and that its turns are withheld as theirs until it is named."""
    status = {p.name: p.status for p in conversation.participants}
    short = conversation.id[:8]
    notes = []
    for speaker, person in conversation.introduced_as({"published"}).items():
        named = speaker in status
        todo = (
            f"if it is {person}, rename it to {person}; if Whisper misheard, correct the words of its introduction"
            if named
            else f"name the voice at the desk or with 'gesprekken speakers {short} --rename \"{speaker}={person}\"'"
        )
        notes.append(
            f"{speaker} in {path.name} introduces itself as {person}, who is {status[person]}: its turns are kept "
            f"from the public; {todo}"
        )
    return notes


def time_notes(conversation: Conversation, path: Path) -> list[str]:
    """For each heading whose times no recording can play, typed by hand (its end before its start, its
    start past the recording's end, a minute or second of 60 or more: "01:99"), or whose times lie apart
    from the turn's own words: where, and what its player plays until the times are fixed. The turn loads as
    it is (older transcripts and whole test suites hold such turns): a note, not a refusal; the public
    recording silences a withheld turn where its words were said too (:func:`gesprekken.publish.build_public_copy`)."""
    from .transcript import HEADING, format_time, read_source, sections

    duration = conversation.duration

    def apart(turn) -> bool:
        return bool(turn.words) and all(w.end <= turn.start or w.start >= turn.end for w in turn.words)

    def no_time(text: str) -> bool:
        return any(float(part.replace(",", ".")) >= 60 for part in text.strip().split(":")[1:])

    lines = read_source(path).splitlines()  # a time that is none ("00:99") is seen only as typed
    _, found = sections(lines)
    notes = []
    for n, turn in enumerate(conversation.turns):
        number = found[n].heading if n < len(found) else None
        match = HEADING.match(lines[number]) if number is not None else None
        start, end = turn.start, turn.end
        if match and match[1] and (no_time(match[1]) or no_time(match[2])):
            typed = match[1].strip() if no_time(match[1]) else match[2].strip()
            why = f"has {typed}, which is no time (minutes and seconds run to 59)"
        elif end < start:
            why = f"ends ({format_time(end)}) before it starts ({format_time(start)})"
        elif duration and start > duration + 1:
            why = f"starts at {format_time(start)}, after the recording ends ({format_time(duration)})"
        elif apart(turn):
            why = (
                f"says {format_time(start)} – {format_time(end)}, apart from the turn's words, said "
                f"{format_time(turn.words[0].start)} – {format_time(turn.words[-1].end)}"
            )
        else:
            continue
        where = f", line {number + 1}" if number is not None else ""
        plays = "plays nothing" if end < start or (duration and start > duration + 1) else "plays another moment"
        notes.append(
            f"{path.name}{where}: the heading {why}, so its turn's player {plays}; correct its "
            "times (minutes:seconds as in the other headings) and run 'gesprekken load' again"
        )
    return notes


def empty_turn_notes(conversation: Conversation, path: Path) -> list[str]:
    """For each turn whose words an editor deleted by hand, heading left: where, that it is shown empty,
    and what to do. It loads as it is (the heading may be meant to stay): a note, not a refusal."""
    from .transcript import format_time, read_source, sections

    empty = [n for n, turn in enumerate(conversation.turns) if not turn.text.strip()]
    if not empty:
        return []  # the file is read again only to say where
    _, found = sections(read_source(path).splitlines())
    headings = [section.heading + 1 for section in found]  # the turns' headings, as loads reads them
    notes = []
    for n in empty:
        turn = conversation.turns[n]
        line = f", line {headings[n]}" if n < len(headings) else ""
        notes.append(
            f"{path.name}{line}: the turn of {turn.speaker} at {format_time(turn.start)} has no words, so it is "
            "shown empty; write what was said under its heading, or delete the heading to leave the turn out, "
            "and run 'gesprekken load' again"
        )
    return notes


def choice_notes(conversation: Conversation, path: Path) -> list[str]:
    """For each of the editor's choices (:data:`gesprekken.transcript.CHOSEN_SENTENCES`) that quotes a
    sentence the transcript no longer says (its words edited by hand since): that it is not applied, and
    how to set it right. The choice stays in the file; a correction at the desk carries it over by itself
    (see gesprekken.desk)."""
    from .analyse import turn_of

    notes = []
    for key, text in chosen_sentences(conversation):
        if turn_of(conversation, text) is None:
            notes.append(
                f"{path.name}: the editor's {CHOSEN_SENTENCES[key]} {text!r} is no longer said in the transcript (its "
                f"words were edited), so it is not applied; correct it under 'analysis: {key}:' to the sentence as it "
                "now reads and run 'gesprekken load' again, or choose it again at the desk"
            )
    return notes


def theme_notes(conversation: Conversation, path: Path, themes: dict) -> list[str]:
    """For each theme an editor added or removed under ``analysis:`` that is none of the thesaurus's ``themes`` (by
    id; "Armoede" for ``armoede``, a typo): that it is not applied, and the id meant where one is close (an attack,
    session 56: not a word, where a quote that is no longer said has one)."""
    import difflib

    labels = {theme.label.casefold(): theme_id for theme_id, theme in themes.items()}
    notes = []
    for key, done in (("add_themes", "added"), ("remove_themes", "removed")):
        for said in conversation.analysis.get(key) or []:
            if not isinstance(said, str) or said in themes:
                continue
            meant = labels.get(said.casefold()) or next(
                iter(difflib.get_close_matches(said.casefold(), [*themes, *labels], n=1, cutoff=0.75)), None
            )
            meant = labels.get(meant, meant) if meant else None
            notes.append(
                f"{path.name}: the editor's {done} theme {said!r} under 'analysis: {key}:' is no theme of the "
                "thesaurus, so it is not applied; "
                + (f"write its id, {meant!r}, there" if meant else "write a theme's id there (see the themes table)")
                + " and run 'gesprekken load' again"
            )
    return notes


def reverted_notes(db: Database, conversation: Conversation, path: Path) -> list[str]:
    """For each correction saved at the desk (its history, table ``edits``) that the rows still say and the
    transcript no longer does, a turn of it saying again what the correction replaced: that the file was saved from
    a copy older than the correction (an editor's buffer open since, a synced copy), with the correction's words, so
    that nothing an editor corrected is lost without a word (a newcomer's run, session 50: load took such a file
    silently, and two desk saves were gone). Read before the rows are rebuilt; said once, as the rows then follow
    (by load, and by every other store: :meth:`gesprekken.Workspace.store`)."""
    return [reverted_said(path.name, *turn) for turn in reverted_turns(db, conversation)]


#: The corrections of ``analysis:`` whose undoing by an older copy of the file :func:`undone_changes` says, each as
#: load and as the desk say them.
_ANALYSIS_FACTS = {
    "headline": ("the pinned headline", "de vastgezette kop"),
    "intro": ("the intro", "de inleiding"),
    "add_quotes": ("the added quotes", "de toegevoegde citaten"),
    "remove_quotes": ("the rejected quotes", "de afgewezen citaten"),
    "add_action_points": ("the added action points", "de toegevoegde actiepunten"),
    "remove_action_points": ("the rejected action points", "de afgewezen actiepunten"),
    "add_themes": ("the added themes", "de toegevoegde thema's"),
    "remove_themes": ("the removed themes", "de weggehaalde thema's"),
}
#: ... and the fields of a participant and of the conversation, as the desk says them.
_FIELD_WORDS = {"role": "de functie", "organisation": "de organisatie", "title": "de titel", "date": "de datum"}


def facts_of(conversation: Conversation) -> dict[str, str | None]:
    """What a change at the desk or by a command may set, each by a key of its own, for :func:`changed_facts`: who
    speaks each turn (by its start: a turn split off or merged away is one that is there or not; its words are
    :func:`reverted_turns`'), each participant's role and organisation, each voice's name and whether an editor
    confirmed it, the editors' choices under ``analysis:``, and the conversation's title and date. (Not consent: a
    withdrawal a file takes back is load's question, :func:`taken_back`; a status set by hand is the editor's.)"""
    facts: dict[str, str | None] = {f"beurt {turn.start:.1f}": turn.speaker for turn in conversation.turns}
    for p in conversation.participants:
        facts |= {f"deelnemer {p.name}|{key}": getattr(p, key) for key in ("role", "organisation")}
    for speaker in conversation.speakers:
        facts[f"stem {speaker.label}"] = f"{speaker.name or ''}{' (bevestigd)' if speaker.confirmed else ''}"
    for key in _ANALYSIS_FACTS:
        value = conversation.analysis.get(key)
        facts[f"analyse {key}"] = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    facts |= {f"gesprek {key}": getattr(conversation, key) or None for key in ("title", "date")}
    return facts


def changed_facts(before: Conversation, after: Conversation) -> dict[str, list]:
    """The :func:`facts_of` a change made, each as [before, after] (None: not there)."""
    old, new = facts_of(before), facts_of(after)
    return {key: [old.get(key), new.get(key)] for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def fact_said(key: str, before, after, dutch: bool = False) -> str:
    """One undone change of :func:`undone_changes`, in a few words (the desk's, with ``dutch``): what is as it was
    before it."""
    from .transcript import format_time

    kind, _, what = key.partition(" ")
    if kind == "beurt":
        at = format_time(float(what), 1)
        if before is None:
            return (
                f"de beurt om {at}, afgesplitst, hoort weer bij de beurt ervoor"
                if dutch
                else f"the turn at {at}, split off, is part of the turn before it again"
            )
        if after is None:
            return (
                f"de beurt om {at}, samengevoegd, staat weer apart"
                if dutch
                else f"the turn at {at}, merged into the one before, is a turn of its own again"
            )
        return (
            f"de beurt om {at} is weer van {before}"
            if dutch
            else f"the turn at {at}, given to {after}, is {before}'s again"
        )
    if kind == "deelnemer":
        name, _, part = what.rpartition("|")
        if dutch:
            return f"{_FIELD_WORDS[part]} van {name} is weer {before or 'leeg'!r}"
        return f"{name}'s {part} is {before!r} again (was set to {after!r})"
    if kind == "stem":
        if dutch:
            return f"stem {what} is weer {before or 'zonder naam'}"
        return f"the voice {what} is {before or 'unnamed'!r} again (was set to {after or 'unnamed'!r})"
    if kind == "analyse":
        many = what not in ("headline", "intro")
        english, dutch_words = _ANALYSIS_FACTS.get(what, (what, what))
        if dutch:
            return f"{dutch_words} {'zijn' if many else 'is'} weer als ervoor"
        return f"{english} {'are' if many else 'is'} as before"
    if dutch:
        return f"{_FIELD_WORDS.get(what, what)} is weer {before!r}"
    return f"the conversation's {what} is {before!r} again (was set to {after!r})"


def undone_changes(db: Database, conversation: Conversation) -> list[tuple[str, list, str, str]]:
    """The changes saved at the desk or by a command (the desk's history, table ``edits``) that ``conversation``, as
    its file now says, has undone: where a change's :func:`changed_facts` (the latest that touched each) set one, the
    file has what was there before it, as if it was saved from a copy older than the change (an editor's buffer, a
    sync client: an attack, session 56, found a move, a split, a role, the intro, a pinned headline and a voice's
    confirmation gone without a word, where a correction of words is said). Each as (key, [set, as before], when,
    by whom). Said once: :func:`record_undone` notes the undoing as the latest change of each."""
    if not db["edits"].exists():
        return []
    now = facts_of(conversation)
    decided: set[str] = set()
    found = []
    for at, actor, detail in db.execute(
        "SELECT at, actor, detail FROM edits WHERE conversation_id = ? ORDER BY id DESC LIMIT 500", [conversation.id]
    ).fetchall():
        change = json.loads(detail or "{}")
        facts = change.get("facts") if isinstance(change, dict) else None
        for key, pair in (facts or {}).items():
            if key in decided or not isinstance(pair, list) or len(pair) != 2:
                continue
            decided.add(key)
            before, after = pair
            if before != after and now.get(key) == before:
                found.append((key, [after, before], at, actor))
    return sorted(found)


def facts_said(undone: list[tuple[str, list, str, str]], dutch: bool = False, when: bool = True) -> str:
    """The changes of :func:`undone_changes` in a few words each (``when``: with when and by whom they were saved), the
    turns given back to their speakers counted as one where there are more than three (a voice renamed)."""
    moved = [u for u in undone if u[0].startswith("beurt ") and None not in u[1]]
    rest = [u for u in undone if u not in moved] if len(moved) > 3 else undone
    # a participant added, taken off or respelt: one phrase for them, not one per field (a reviewer's read, session
    # 56: "Joost de Boer-Smit's organisation is None again")
    whole: dict[str, list] = {}
    for u in rest:
        if u[0].startswith("deelnemer ") and None in u[1]:
            whole.setdefault(u[0].removeprefix("deelnemer ").rpartition("|")[0], []).append(u)
    rest = [u for u in rest if not any(u in group for group in whole.values())]
    said = [
        fact_said(key, before, after, dutch)
        + (f" ({at[:16].replace('T', ' ')} UTC{f', {actor}' if actor else ''})" if when else "")
        for key, (after, before), at, actor in rest
    ]
    for name, group in whole.items():
        gone = group[0][1][1] is None  # (as before: not on the list)
        if dutch:
            said.append(f"{name} staat {'niet meer' if gone else 'weer'} bij de deelnemers")
        else:
            said.append(f"{name} is {'no longer' if gone else 'again'} on the list of participants")
    if len(moved) > 3:
        said.append(
            f"{len(moved)} beurten staan weer onder de spreker van ervoor"
            if dutch
            else f"{len(moved)} turns are under the speaker they had before again"
        )
    return "; ".join(dict.fromkeys(said))


def undone_said(name: str, undone: list[tuple[str, list, str, str]]) -> str:
    """The sentence of a load or a command on :func:`undone_changes` of transcript ``name``."""
    return (
        f"{name}: what was saved at the desk or by a command is undone in the file, as if it was saved from an older "
        "copy: "
        f"{facts_said(undone)}; it is loaded as the file says (the desk's history notes it): if that was not meant, "
        "make the change again"
    )


def record_undone(db: Database, conversation_id: str, undone: list[tuple[str, list, str, str]], version: str) -> None:
    """Note in the desk's history that the file undid those changes (:func:`undone_changes`), as the latest change of
    each: said once, and the desk's history shows it (an editor saw the changes listed as saved, and undone)."""
    import datetime

    labels = facts_said(undone, dutch=True, when=False)
    db["edits"].insert(
        {
            "conversation_id": conversation_id,
            "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "actor": "bestand",
            "action": "teruggezet",
            "summary": f"Teruggezet door het bestand (een oudere kopie?): {labels}",
            "detail": json.dumps({"facts": {key: pair for key, pair, _, _ in undone}}, ensure_ascii=False),
            "version_before": "",
            "version_after": version,
            "previous": None,
        }
    )


def reverted_said(name: str, start: float, at: str, actor: str, after: str) -> str:
    """The sentence of :func:`reverted_notes` on one turn of transcript ``name``."""
    from .transcript import format_time

    return (
        f"{name}: the turn at {format_time(start, 1)} says again what it said before a correction saved at the desk "
        f"({at[:16].replace('T', ' ')} UTC{f', by {actor}' if actor else ''}: {after!r}), as if the file was saved "
        "from a copy older than that correction; it is loaded as the file says: if that was not meant, put the "
        "correction back (the desk's history has it) and run 'gesprekken load' again"
    )


def reverted_turns(db: Database, conversation: Conversation) -> list[tuple[float, str, str, str]]:
    """What :func:`reverted_notes` says, as (the turn's start, when the correction was saved, by whom, its words)."""
    if not db["edits"].exists():
        return []
    cid = conversation.id
    stored = Counter(text for (text,) in db.execute("SELECT text FROM turns WHERE conversation_id = ?", [cid]))
    said = Counter(t.text for t in conversation.turns)
    # each correction (before -> after, the latest first), to follow a turn corrected twice back from what the rows
    # say (A to B, then B to C, the file written back with A: a reviewer's read found no note)
    corrected: dict[str, tuple[str, str, str | None]] = {}
    for at, actor, detail in db.execute(
        "SELECT at, actor, detail FROM edits WHERE conversation_id = ? AND action IN ('tekst', 'vervangen') "
        "ORDER BY id DESC LIMIT 500",
        [cid],
    ).fetchall():
        change = json.loads(detail or "{}")
        # a find and replace changes several turns at once, each as a correction does (a reviewer: not followed)
        for one in change.get("texts") or [change] if isinstance(change, dict) else []:
            before, after = one.get("before"), one.get("after")
            if isinstance(before, str) and isinstance(after, str) and before != after:
                corrected.setdefault(after, (before, at, actor))
    found = []
    for after in stored:
        if after not in corrected or stored[after] <= said[after]:
            continue
        _, at, actor = corrected[after]
        text, walked = after, {after}
        while text in corrected and (text := corrected[text][0]) not in walked:
            walked.add(text)
            if said[text] > stored[text]:
                turn = next(t for t in conversation.turns if t.text == text)
                found.append((turn.start or 0.0, at, actor or "", after))
                break
    return found


def _recording_at(folder: Path, recording: str | None) -> str | None:
    """Where a transcript in ``folder`` says its recording is (the path resolved), or None where it says none."""
    if not recording:
        return None
    try:
        return str((folder / recording).resolve())
    except (OSError, ValueError):  # (a path with a NUL in it, a loop of links)
        return None


def load_folder(
    db: Database,
    folder: Path,
    themes: dict,
    analyse: "Callable[[Conversation], Analysis]",
    show: bool | Collection[str] = False,
) -> LoadResult:
    """Rebuild the database from every transcript in ``folder``, in one transaction.

    A transcript that does not parse is reported in ``failed`` and its conversation's
    rows are kept as they were, so one bad edit loses nothing. ``analyse`` analyses a
    conversation with the workspace's thesaurus, whose ``themes`` are stored too. Conversations whose
    transcript is gone are removed. Running it twice gives the same rows. A transcript whose hand edit would show
    turns the rows keep back under another speaker (:func:`shown_by_hand`) is reported in ``held`` and its rows
    are kept as they were, unless ``show`` (the editor says the turns are the new speaker's: True for every
    conversation, else the ids of those meant).
    """
    result = LoadResult()
    parsed: list[tuple[Conversation, Path]] = []
    seen: dict[str, Path] = {}
    unreadable: set[str] = set()
    read_all: list[tuple[Conversation, Path]] = []
    for path in transcript_files(folder):
        try:
            read_all.append((read(path), path))
        except TranscriptError as e:
            result.failed.append(e)
            unreadable.add(path.name)
    copies: dict[str, list[Path]] = {}
    for conversation, path in read_all:
        copies.setdefault(conversation.id, []).append(path)
    for name in sorted(unreadable):
        # a copy that does not read ("x (1).md" with a withdrawal and a typo) is a copy all the same: which file is
        # the editor's is no more for load to guess (a running 'serve --public' holds such a copy too)
        cid = id_in(folder / name)
        if cid in copies:
            copies[cid].append(folder / name)
    for conversation, path in read_all:
        if len(copies[conversation.id]) > 1:
            # "x (1).md" beside "x.md" (a synced or copied file): which is the editor's is not for load to guess,
            # and either may be the stale one (a withdrawal undone): neither is loaded, and the conversation's rows
            # go, so that no visitor sees what one of them may have withdrawn
            if path == copies[conversation.id][0]:
                result.failed.append(
                    TranscriptError(
                        f"{copies_said(copies[conversation.id], conversation.id)}, so neither is loaded and the "
                        "conversation is off the database and the site until one is gone; delete the copy you did not "
                        "edit and run 'gesprekken load' again"
                    )
                )
            continue
        seen[conversation.id] = path
        parsed.append((conversation, path))
        if not conversation.turns:
            result.notes.append(
                f"{path.name}: no turns after the front matter, so the conversation is shown without a word; if the "
                "file was cut short, restore it (from a backup, or ingest its recording again)"
            )
        result.notes.extend(lookalike_notes(conversation, path))
        result.notes.extend(introduction_notes(conversation, path))
        result.notes.extend(choice_notes(conversation, path))
        result.notes.extend(theme_notes(conversation, path, themes))
        result.notes.extend(time_notes(conversation, path))
        result.notes.extend(empty_turn_notes(conversation, path))
        result.notes.extend(unlisted_notes(conversation, path))
    with db.atomic():
        store_themes(db, themes)
        # a transcript whose id was changed by hand is the conversation its file (or recording) was: what that kept
        # back for someone's consent is asked about as its own (a helper's attack, session 52: a new id and a
        # withdrawn turn's heading given to someone published, in one edit, was loaded unasked)
        # (by its file's name, or its recording wherever the path to it is written; the id it had is no transcript's
        # now, and may be another conversation's: a reviewer's attack, session 52, renamed the file and wrote the
        # recording's path another way, or took the id of a conversation whose transcript was deleted)
        # (by the file's name only where neither names a recording: a new conversation under a deleted transcript's
        # name, with a recording of its own, is not that one, a reviewer's read)
        rows = db.execute("SELECT id, transcript_file, recording FROM conversations").fetchall() if parsed else []
        files = {name: cid for cid, name, recording in rows if cid not in seen and not recording}
        recorded = {_recording_at(folder, recording): cid for cid, _, recording in rows if cid not in seen}
        recorded.pop(None, None)
        was: dict[str, tuple[str, str]] = {}  # old id: (file, new id)
        for conversation, path in parsed:
            result.notes.extend(reverted_notes(db, conversation, path))
            # (and the other changes saved at the desk or by a command that the file undid: an attack, session 56)
            if undone := undone_changes(db, conversation):
                from .desk import version_of

                result.notes.append(undone_said(path.name, undone))
                record_undone(db, conversation.id, undone, version_of(path.read_text(encoding="utf-8")))
            where = _recording_at(folder, conversation.recording)
            old = recorded.get(where) if where else files.get(path.name)
            if old == conversation.id or old in was:
                old = None
            elif old is not None:
                was[old] = (path.name, conversation.id)
            try:
                confirmed = show is True or conversation.id in (show or ())  # load --yes (of this one)
                store_asked(db, conversation, path.name, analyse(conversation), show=True if confirmed else (), was=old)
            except ShownByHand as e:
                # the old rows stay (what was kept back, and under whom), off the public site: an edit of the same
                # file that takes consent back must not wait on this (a reviewer's read)
                # (those of the id it had, where its id was changed: kept, so that the next load asks again)
                hold(db, conversation.id, old)
                result.held.append(str(e))
                if old is not None:
                    seen[old] = path
                continue
            result.loaded.append(conversation.id)
        for row in list(db.query("SELECT id, title, status, transcript_file FROM conversations")):
            if row["id"] in seen:
                continue
            if row["transcript_file"] in unreadable:
                # its transcript exists but did not parse: the old rows are kept, but off the public site, as what
                # the file now says of consent cannot be read ("staus: withdrawn" typed for "status: withdrawn")
                # Said on every load it fails, not only the first (a newcomer's run): "stays" once it is off.
                if row["status"] == "published":
                    db.execute("UPDATE conversations SET status = 'internal' WHERE id = ?", [row["id"]])
                result.notes.append(
                    f"{row['transcript_file']} does not read, so {row['title']!r} ({row['id'][:8]}) "
                    f"{'is' if row['status'] == 'published' else 'stays'} off the public site until it does; fix "
                    "it as said and run 'gesprekken load' again"
                )
                continue
            # what it kept back is remembered, should its transcript come back edited (a hand edit with it away)
            delete_remembering(db, row["id"])
            result.removed.append(row["id"])
            if row["id"] in was:
                name, new = was[row["id"]]
                result.notes.append(
                    f"{name} now says id {new}, where it said {row['id']}: an id names its conversation and never "
                    f"changes; if it was changed by mistake, put back 'id: {row['id']}' and run 'gesprekken load' "
                    "again (what it kept from the public for someone's consent is kept for it either way)"
                )
            elif len(copies.get(row["id"], [])) < 2:  # two copies: said above
                result.notes.append(
                    f"{row['transcript_file']} is gone from {folder}, so {row['title']!r} ({row['id'][:8]}) was taken "
                    "off the database; if the file was renamed or moved, give it back a name ending in .md there and "
                    "run 'gesprekken load' again"
                )
    return result
