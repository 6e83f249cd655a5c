"""Consent that holds on a live site: a public copy replaced on disk is served from the next request.

Every change of consent or content rebuilds the public copy and renames it over the old one
(`gesprekken.Workspace.republish`). An immutable database in Datasette keeps its open
connections to the old file, so before each request this plugin compares the file on disk
(inode, size, modification time: one ``stat``) with the one Datasette opened, and when it was
replaced, opens the new file under the same name. Requests already running finish on the old
copy: a visitor sees the old copy whole, or the new one, never a mix.

A command brings the copy up to date right after it commits its change. One killed in between
(SIGKILL, a power cut) leaves the change marked in the database's ``public_pending`` and the old
copy in place: so before each request this plugin also asks the database whether it changed
(``PRAGMA data_version``: no read of the file unless another connection committed) and, where
changes are marked, brings the copy up to date itself (under the lock every build takes) before
answering. Where that fails the copy is taken away and visitors get 503 until it succeeds. While
a ``forget`` is under way, or was interrupted (its journal is in transcripts/), visitors get 503
too, until it is run again to the end.

A transcript is the source of truth, and an organiser may take consent back in it by hand, in any
editor. Before each request this plugin also looks at the transcripts (one ``stat`` each), and a
changed one the database publishes is held against it (:func:`gesprekken.hand_edits.hold_back`:
the database made less public where the transcript is, never more), so the copy follows before the
answer; at startup every published one is. Other hand edits wait for ``gesprekken load``.
"""

import asyncio
import contextlib
import itertools
import logging
import os
import sqlite3
import threading
import time
import weakref

from datasette import hookimpl
from datasette.database import Database, connections
from datasette.utils.asgi import Response

from gesprekken.serve import EDITOR, PLUGIN, marked_stale

from .gesprekken_login import request_actor

_generations = itertools.count(1)
log = logging.getLogger("gesprekken.public")


class FollowedDatabase(Database):
    """An immutable database whose connections belong to one version of its file.

    Datasette keeps one connection per thread and database name; a new version of the file
    under the same name must not reuse them. Each version's connections are keyed by its
    generation, and a thread that meets a newer one closes its older connections first, so
    the replaced file's space is freed once every thread has moved on.
    """

    def __init__(self, ds, path: str, identity: tuple | None) -> None:
        super().__init__(ds, path=path, is_mutable=False)
        self.generation = next(_generations)
        self.identity = identity

    async def execute_fn(self, fn):
        if self.ds.executor is None:
            return await super().execute_fn(fn)
        prefix = f"gesprekken:{self.name}:"
        key = f"{prefix}{self.generation}"

        def in_thread():
            held = vars(connections)
            conn = held.get(key)
            if conn is None:
                for other in [k for k in held if k.startswith(prefix)]:
                    held.pop(other).close()
                conn = self.connect()
                self.ds._prepare_connection(conn, self.name)
                held[key] = conn
            return fn(conn)

        return await asyncio.get_event_loop().run_in_executor(self.ds.executor, in_thread)


def _identity(path: str) -> tuple | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _stale_folder(datasette) -> bool:
    """Whether an immutable database's folder is marked as not showing a change yet (a published
    folder whose rebuild has not run: see Workspace._withhold_sites). One listing per database."""
    return any(
        marked_stale(os.path.dirname(database.path))
        for database in list(datasette.databases.values())
        if not database.is_mutable and not database.is_memory and database.path
    )


def _published(database) -> bool:
    """Whether ``database`` is a published folder's (``gesprekken publish`` marks the folder), served without ``-i``:
    ``datasette serve site/gesprekken.db``, Datasette's plain command, kept the file it first opened, and showed a
    withdrawn participant until it was restarted, after the command said the folder was rebuilt (an attack,
    session 58). Such a database never changes but by a new folder: followed as one served with ``-i`` is."""
    from gesprekken.publish import SITE_MARK

    return bool(database.path) and os.path.exists(os.path.join(os.path.dirname(database.path), SITE_MARK))


def _follow_replaced_files(datasette) -> bool:
    """Follow every immutable database's file (and a published folder's, :func:`_published`); return whether one of
    them is gone."""
    gone = False
    for name, database in list(datasette.databases.items()):
        if database.is_memory or not database.path or (database.is_mutable and not _published(database)):
            continue
        now = _identity(database.path)
        gone = gone or now is None
        if not isinstance(database, FollowedDatabase) or (now is not None and now != database.identity):
            if isinstance(database, FollowedDatabase) and datasette.inspect_data:
                datasette.inspect_data.pop(name, None)  # its hash and counts were the old file's
            route = database.route
            datasette.remove_database(name)
            datasette.add_database(FollowedDatabase(datasette, database.path, now), name=name, route=route)
    return gone


class PendingChanges:
    """Whether the database a public copy is made from holds changes the copy does not."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._pending = False
        self._lock = threading.Lock()
        #: When a catch-up last failed (monotonic seconds).
        self.failed_at = float("-inf")

    def pending(self) -> bool:
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None)
                # Changes only when another connection committed: the usual request reads nothing more.
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
                if version != self._version or self._pending:
                    self._version = version
                    self._pending = (
                        self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'public_pending'").fetchone()
                        is not None
                        and self._conn.execute("SELECT 1 FROM public_pending LIMIT 1").fetchone() is not None
                    )
            except sqlite3.Error:
                self._pending = True  # cannot be known: try to bring the copy up to date (or withhold it)
            return self._pending


_sources: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # Datasette -> PendingChanges | None
_catching_up: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # event loop -> asyncio.Lock


def _source(datasette) -> PendingChanges | None:
    """The database this Datasette's public copy is made from (``serve --public`` only)."""
    if datasette not in _sources:
        config = datasette.plugin_config(PLUGIN) or {}
        found = config.get("public_source") and config.get("transcripts")
        _sources[datasette] = PendingChanges(config["public_source"]) if found else None
    return _sources[datasette]


#: After a catch-up that failed (a full disk), the next waits this long: meanwhile visitors get 503
#: at once, instead of each waiting for another build that will fail.
RETRY_AFTER = 30.0


class HandEdits:
    """The transcripts of a ``serve --public`` as they were when last held against the database
    (inode, size, modification and change time: a file rewritten in place in the same clock tick
    still changes its change time)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.seen: dict[str, tuple[int, int, int, int]] | None = None  # None: none held yet
        #: When holding them against the database last failed (monotonic seconds).
        self.failed_at = float("-inf")

    def now(self) -> dict[str, tuple[int, int, int, int]]:
        found = {}
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name.endswith(".md") and not entry.name.startswith("."):
                    with contextlib.suppress(OSError):
                        info = entry.stat()
                        found[entry.name] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return found

    def changed(self, now: dict[str, tuple[int, int, int, int]]) -> list[str] | None:
        """The files changed or gone since they were last held (None: every one, the first time)."""
        if self.seen is None:
            return None
        return sorted({name for name, info in now.items() if self.seen.get(name) != info} | (self.seen.keys() - now))


_hand_edits: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # Datasette -> HandEdits


def _hold_hand_edits(datasette, edits: HandEdits) -> bool:
    """Hold the transcripts changed since last time against the database (see the module's
    description); False where that failed (then the copy is withheld: it may show what they took back)."""
    from gesprekken import Workspace

    config = datasette.plugin_config(PLUGIN) or {}
    now = edits.now()
    changed = edits.changed(now)
    if changed == []:
        return True
    workspace = Workspace(config["transcripts"], db=config["public_source"], recordings=config.get("recordings"))
    try:
        # the copy, and every folder 'gesprekken publish' wrote, follow now where it held something
        for line in workspace.hold_hand_edits(changed):
            log.warning("gesprekken: %s", line)
        for site, why in workspace.public_state.failed:
            log.error(
                "gesprekken: the published folder %s could not follow (%s): run 'gesprekken publish %s'",
                site,
                why,
                site,
            )
        if workspace.public_failure is not None:
            raise workspace.public_failure
    except Exception as e:
        busy = isinstance(e, sqlite3.OperationalError) and "locked" in str(e)
        log.error(
            "gesprekken: the transcripts edited by hand (%s) could not be held against the database (%s: %s); "
            "visitors get 503 until they can: %s (retried every %d s)",
            ", ".join(changed or ["all"]),
            type(e).__name__,
            " ".join(str(e).split()) or type(e).__name__,
            "another command is writing it, wait for it to finish" if busy else "fix that, then run 'gesprekken load'",
            RETRY_AFTER,
        )
        return False
    finally:
        workspace.close()
    edits.seen = now  # as they were before they were read: a change made meanwhile is read next time
    return True


def _edits(datasette) -> HandEdits | None:
    if _source(datasette) is None:
        return None
    if datasette not in _hand_edits:
        _hand_edits[datasette] = HandEdits((datasette.plugin_config(PLUGIN) or {})["transcripts"])
    return _hand_edits[datasette]


async def _hand_edits_held(datasette) -> bool:
    """Hold the transcripts edited by hand against the database, one request at a time; False where
    that failed (retried after RETRY_AFTER). Not while a forget runs: visitors get 503 then anyway,
    and its rewritten transcripts are read once it is done."""
    edits = _edits(datasette)
    if edits is None or _forgetting(datasette) or edits.changed(edits.now()) == []:
        return True
    if time.monotonic() < edits.failed_at + RETRY_AFTER:
        return False
    lock = _catching_up.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    async with lock:
        # The requests that waited for a hold that failed (a database locked by another writer) get
        # 503 at once, as those after them do: not each another wait for the lock, one after another.
        if time.monotonic() < edits.failed_at + RETRY_AFTER:
            return False
        if await asyncio.get_running_loop().run_in_executor(None, _hold_hand_edits, datasette, edits):
            return True
        edits.failed_at = time.monotonic()
        return False


def _catch_up(datasette) -> bool:
    from gesprekken import Workspace

    config = datasette.plugin_config(PLUGIN) or {}
    workspace = Workspace(config["transcripts"], db=config["public_source"], recordings=config.get("recordings"))
    try:
        workspace.catch_up_public_copy()
        return True
    except Exception as e:  # the copy is taken away (or could not even be): withheld by the caller
        # One line in the server's log: what kept the copy back, and what brings it back.
        reason = " ".join(str(e).split()) or type(e).__name__
        log.error(
            "gesprekken: the public copy could not be brought up to date (%s: %s); visitors get 503 "
            "until it can: fix that, then run 'gesprekken load' (retried every %d s)",
            type(e).__name__,
            reason,
            RETRY_AFTER,
        )
        return False
    finally:
        workspace.close()


def _forgetting(datasette) -> bool:
    """Whether a ``forget`` is under way or was interrupted: its journal is in transcripts/ from before
    it rewrites the first transcript until the database holds the result. Until then the copy may
    hold the person, and no change is marked that would say so."""
    if _source(datasette) is None:
        return False
    from gesprekken.consent import JOURNAL

    return os.path.exists(os.path.join((datasette.plugin_config(PLUGIN) or {})["transcripts"], JOURNAL))


async def _up_to_date(datasette) -> bool:
    """Bring the public copy up to date where the database holds changes it does not; False where
    it could not be (then the copy is withheld: it may hold what was withdrawn)."""
    source = _source(datasette)
    if source is None:
        return True
    if not await _hand_edits_held(datasette):
        return False
    if not source.pending():
        return True
    if time.monotonic() < source.failed_at + RETRY_AFTER:
        return False
    lock = _catching_up.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    async with lock:  # one catch-up at a time; the requests waiting meanwhile find it done
        if not source.pending():
            return True
        if time.monotonic() < source.failed_at + RETRY_AFTER:
            return False
        if await asyncio.get_running_loop().run_in_executor(None, _catch_up, datasette):
            return True
        source.failed_at = time.monotonic()
        return False


#: How much of an immutable database SQLite reads through a memory map instead of a read() per
#: page: the pages come straight from the operating system's file cache, shared by every
#: connection and process (measured in BENCHMARKS.md, issue 17: 10-15 % of a search's CPU). A
#: replaced copy stays mapped until its last connection closes; nothing writes to these files.
MMAP_SIZE = 0x7FFF0000  # 2 GiB: the most SQLite's default build maps (SQLITE_MAX_MMAP_SIZE)


@hookimpl
def prepare_connection(conn, database, datasette):
    found = datasette.databases.get(database)
    if found is not None and not found.is_mutable and not found.is_memory:
        conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")


@hookimpl
def startup(datasette):
    # Remember which file each immutable database was opened from, before any request.
    _follow_replaced_files(datasette)

    async def held():
        # Every published transcript against the database before the first visitor: edited by hand
        # while no server ran, it may take back what the database still publishes.
        await _up_to_date(datasette)

    return held


def _public_route(datasette, path: str) -> bool:
    """Whether ``path`` is one of an immutable database's own routes (the public copy's tables,
    JSON, CSV, queries and download)."""
    base = datasette.setting("base_url") or "/"
    if base != "/" and path.startswith(base):
        path = "/" + path[len(base) :]
    first = path.lstrip("/").split("/", 1)[0]
    return any(
        first == database.route or first.startswith(f"{database.route}.")
        for database in list(datasette.databases.values())
        if not database.is_mutable and not database.is_memory
    )


async def _editor_on_the_private_side(datasette, scope, receive) -> bool:
    """Whether a request to ``serve --public`` is the logged-in editor's and not for the public copy:
    the editor reads the full database and works at the desk while the copy is withheld (the
    actor is found as Datasette finds it, only on this rare path)."""
    if _source(datasette) is None or _public_route(datasette, scope.get("path", "")):
        return False
    actor = await request_actor(datasette, scope, receive)
    return bool(actor) and actor.get("id") == EDITOR


async def withheld(datasette, scope, receive, send) -> bool:
    """Follow the public copy for this request and answer 503 where it may hold what was withdrawn;
    return whether it did. gesprekken_cache asks again when a request's turn comes: a change may
    have been marked while it waited."""
    current = await _up_to_date(datasette)
    if (
        _follow_replaced_files(datasette) or not current or _forgetting(datasette) or _stale_folder(datasette)
    ) and not await _editor_on_the_private_side(datasette, scope, receive):
        # The copy was taken away (a change whose update failed, see Workspace.republish), could
        # not be brought up to date, or a forget is not finished: the copy may hold what was withdrawn.
        await Response.text(
            "De kennisbank wordt bijgewerkt; probeer het over een paar minuten opnieuw.",
            status=503,
            headers={"Cache-Control": "no-store", "Retry-After": "60"},
        ).asgi_send(send)
        return True
    return False


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def follow(scope, receive, send):
            if scope.get("type") == "http" and await withheld(datasette, scope, receive, send):
                return
            await app(scope, receive, send)

        return follow

    return wrap
