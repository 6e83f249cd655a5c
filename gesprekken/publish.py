"""The public knowledge base: a copy of the database that holds only what may be published.

Filtering rows per request is easy to get wrong (a facet count, a CSV export, a search
snippet); a separate file that simply does not contain unpublished material cannot leak it.
:func:`build_public_copy` copies the database with SQLite's backup API, deletes every
conversation and participant that is not ``published`` (with their turns, words, quotes,
action points, entities and themes), drops voice profiles, speaker evidence, Whisper's
settings (the prompt names everyone) and the export log, rebuilds the full-text indexes,
vacuums, and then checks the result before it is moved into place.
"""

import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from .errors import GesprekkenError
from .storage import delete_turns, rebuild_fts


class PublishError(GesprekkenError):
    """A public copy cannot be guaranteed to hold only published material."""


def public_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-openbaar{db_path.suffix}")


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
    for what, sql in checks.items():
        found = db.execute(sql).fetchone()[0]
        if found:
            raise PublishError(f"The public copy still holds {found} {what}; refusing to publish it")


def build_public_copy(db_path: Path, transcripts: Path | None = None, recordings: Path | None = None) -> Path:
    """Write ``<db>-openbaar.db`` with only published material, checked; return its path.

    A published conversation in which someone may not be heard (a participant who is not
    published, or a forgotten person) gets a public recording with those turns silent (see
    :mod:`gesprekken.redact`) in ``recordings/.openbaar/``; without ``transcripts`` and
    ``recordings`` to find the original, its public copy has no recording at all. Builds are
    serialised by a lock beside the copy, so the last build always holds the newest state.

    Raises:
        PublishError: the database is not up to date or the result fails the check.
    """
    target = public_path(db_path)
    with _locked(target.with_name(f".{target.name}.lock")):
        return _build_public_copy(db_path, target, transcripts, recordings)


@contextmanager
def _locked(path: Path):
    import fcntl

    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _public_recordings(db: Database, transcripts: Path | None, recordings: Path | None) -> set[Path]:
    """Point each published conversation in which someone may not be heard at a copy with them
    silent (or at no recording when that cannot be made); returns the copies in use."""
    from .consent import REMOVED_SPEAKER
    from .redact import PUBLIC_FOLDER, hidden_spans, public_recording_name, silence

    used: set[Path] = set()
    hidden_people = db.execute(
        "SELECT conversation_id, id, name FROM participants WHERE status != 'published'"
    ).fetchall()
    for cid, recording, sha256, duration in db.execute(
        "SELECT id, recording, recording_sha256, duration FROM conversations WHERE status = 'published'"
    ).fetchall():
        ids = {pid for c, pid, _ in hidden_people if c == cid}
        names = {name for c, _, name in hidden_people if c == cid} | {REMOVED_SPEAKER}
        turns = [
            (start, end, participant_id in ids or speaker in names)
            for start, end, speaker, participant_id in db.execute(
                'SELECT start, "end", speaker, participant_id FROM turns WHERE conversation_id = ?', [cid]
            ).fetchall()
        ]
        spans = hidden_spans(turns, duration or 0.0)
        if not spans or not recording:
            continue
        source = (transcripts / recording).resolve() if transcripts and recordings else None
        if source is None or not source.is_relative_to(recordings.resolve()) or not source.is_file():
            db.execute("UPDATE conversations SET recording = '' WHERE id = ?", [cid])
            continue
        copy = recordings / PUBLIC_FOLDER / public_recording_name(cid, sha256 or "", spans)
        if not copy.exists():
            silence(source, copy, spans)
        used.add(copy.resolve())
        db.execute("UPDATE conversations SET recording = ? WHERE id = ?", [os.path.relpath(copy, transcripts), cid])
    return used


def _build_public_copy(db_path: Path, target: Path, transcripts: Path | None, recordings: Path | None) -> Path:
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
        with db.atomic():
            used = _public_recordings(db, transcripts, recordings)
            hidden = [row[0] for row in db.execute("SELECT id FROM conversations WHERE status != 'published'")]
            for conversation_id in hidden:
                delete_turns(db, "conversation_id = ?", [conversation_id])
                for table in ("participants", "speakers", "voice_profiles", "conversation_themes"):
                    db.execute(f"DELETE FROM {table} WHERE conversation_id = ?", [conversation_id])
                db.execute("DELETE FROM conversations WHERE id = ?", [conversation_id])
            for pid, cid, name in db.execute(
                "SELECT id, conversation_id, name FROM participants WHERE status != 'published'"
            ).fetchall():
                delete_turns(db, "conversation_id = ? AND (participant_id = ? OR speaker = ?)", [cid, pid, name])
                db.execute("DELETE FROM participants WHERE id = ?", [pid])
            # Editors' material, never public: voices, naming evidence, Whisper's settings, exports,
            # the desk's history of saves.
            for table in ("voice_profiles", "speakers", "exports", "settings", "sites", "edits"):
                if db[table].exists():
                    db.execute(f"DELETE FROM {table}")
            db.execute("UPDATE conversations SET transcription = '{}', transcript_file = ''")
            # A headline whose quote went with its speaker goes too, and so does a conversation theme
            # that no turn left in the copy speaks of.
            db.execute("UPDATE conversations SET headline = NULL WHERE headline NOT IN (SELECT text FROM quotes)")
            db.execute(
                "DELETE FROM conversation_themes WHERE NOT EXISTS (SELECT 1 FROM turn_themes tt JOIN turns t "
                "ON t.id = tt.turn_id WHERE t.conversation_id = conversation_themes.conversation_id "
                "AND tt.theme_id = conversation_themes.theme)"
            )
            db.execute(
                "UPDATE conversations SET themes = (SELECT json_group_array(theme) FROM (SELECT theme FROM "
                "conversation_themes c WHERE c.conversation_id = conversations.id ORDER BY rank))"
            )
        rebuild_fts(db)
        db.conn.commit()
        db.execute("VACUUM")
        verify(db)
        copy.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # only a checked copy is ever in place
    finally:
        Path(tmp).unlink(missing_ok=True)
    if recordings is not None:
        from .redact import PUBLIC_FOLDER

        # Copies of an earlier state may hold a voice that is now withdrawn: only current ones stay.
        for old in (recordings / PUBLIC_FOLDER).glob("*.flac"):
            if old.resolve() not in used:
                old.unlink(missing_ok=True)
    return target


SITE_MARK = ".gesprekken-site"  # marks a folder written by write_site, which a later run may replace
SITE_README = """# {title}: the public knowledge base, ready to serve

Written by `gesprekken publish`: only published conversations and participants (checked), the
recordings of those conversations and Datasette's metadata. gesprekken's Datasette plugins (the
search and conversation pages, the recordings, the players) come with the gesprekken package:
Datasette loads them by itself once it is installed.

The database is opened immutable (`-i`): nothing writes to it, so any number of Datasette
processes, on one machine or many, can serve this same folder. Serve it with Datasette and
gesprekken (`--no-deps`: the web server needs neither Whisper nor torch; PyAV checks that a
recording is one before it is served):

    pip install datasette datasette-auth-passwords av && pip install --no-deps gesprekken=={version}
    datasette serve -i {db} --metadata metadata.json {settings} --host 0.0.0.0 --port 8001

Run it from this folder: the recordings are found in `recordings/` relative to it. Behind a proxy
that serves it under a path, add `--setting base_url /kennisbank/`: every link, stylesheet and
recording follows it. To publish to a hosting service the Datasette way, pass the same files to
`datasette publish` (for example `datasette publish cloudrun {db} --metadata metadata.json
--static recordings:recordings --install gesprekken`), or build an image with `datasette package`.

Every answer carries an ETag derived from the database and `Cache-Control: public,
max-age={max_age}, s-maxage={shared_max_age}`: a cache in front (a CDN, or nginx as gesprekken's
README shows) serves a crowd and asks again every {shared_max_age} seconds. Publishing again
replaces this folder: restart the Datasette processes, which hold the old database open; the ETag
changes, so no cache keeps an old page.
"""


def site_metadata(site_db: Path) -> dict:
    """Datasette's metadata for a published folder: the recordings in ``recordings/`` beside the
    database (relative, so the folder serves from anywhere), answers cached as an immutable
    database allows (plugins/gesprekken_cache.py)."""
    from .serve import CACHE_PUBLISHED, PLUGIN, metadata

    meta = metadata(site_db, None, None)
    meta["plugins"][PLUGIN].update({"recordings": "recordings", "transcripts": "recordings", "cache": CACHE_PUBLISHED})
    return meta


def write_site(db_path: Path, transcripts: Path, recordings: Path, target: Path) -> dict:
    """Write a folder that serves the public knowledge base anywhere: the checked public copy
    (as ``<db name>.db``), the recordings of its conversations, metadata.json and a README with
    the commands (the plugins come with the gesprekken package). The folder is built beside
    ``target`` and swapped in whole.

    Returns what was written: the database, the number of conversations and of recordings.
    """
    from . import __version__
    from .serve import CACHE_PUBLISHED, TITLE, recording_media_type, settings_args

    target = target.resolve()
    if target.exists() and any(target.iterdir()) and not (target / SITE_MARK).exists():
        raise PublishError(f"{target} exists and is not a folder gesprekken publish wrote; name a new or empty folder")
    public = build_public_copy(db_path, transcripts, recordings)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        site_db = staging / db_path.name
        shutil.copyfile(public, site_db)
        (staging / "recordings").mkdir()
        db = Database(site_db)
        copied = 0
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
                continue
            name = f"{cid}{source.suffix.lower()}"
            shutil.copyfile(source, staging / "recordings" / name)
            db.execute("UPDATE conversations SET recording = ? WHERE id = ?", [name, cid])
            copied += 1
        db.conn.commit()
        conversations = db.execute("SELECT count(*) FROM conversations").fetchone()[0]
        verify(db)
        db.conn.close()
        os.chmod(site_db, 0o444)  # immutable, also on disk
        os.chmod(staging, 0o755)
        (staging / "metadata.json").write_text(
            json.dumps(site_metadata(site_db), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        (staging / SITE_MARK).write_text(f"gesprekken {__version__}\n", encoding="utf-8")
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
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"database": target / db_path.name, "conversations": conversations, "recordings": copied}
