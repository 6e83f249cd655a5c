"""Consent that holds on a live site: a public copy replaced on disk is served from the next request.

Every change of consent or content rebuilds the public copy and renames it over the old one
(`gesprekken.Workspace.republish`). An immutable database in Datasette keeps its open
connections to the old file, so before each request this plugin compares the file on disk
(inode, size, modification time: one ``stat``) with the one Datasette opened, and when it was
replaced, opens the new file under the same name. Requests already running finish on the old
copy: a visitor sees the old copy whole, or the new one, never a mix.
"""

import asyncio
import itertools
import os

from datasette import hookimpl
from datasette.database import Database, connections
from datasette.utils.asgi import Response

_generations = itertools.count(1)


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


def _follow_replaced_files(datasette) -> bool:
    """Follow every immutable database's file; return whether one of them is gone."""
    gone = False
    for name, database in list(datasette.databases.items()):
        if database.is_mutable or database.is_memory or not database.path:
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


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def follow(scope, receive, send):
            if scope.get("type") == "http":
                if _follow_replaced_files(datasette):
                    # The copy was taken away (a change whose update failed, see
                    # Workspace.republish): its open file may hold what was withdrawn.
                    await Response.text(
                        "De kennisbank wordt bijgewerkt; probeer het over een paar minuten opnieuw.",
                        status=503,
                        headers={"Cache-Control": "no-store", "Retry-After": "60"},
                    ).asgi_send(send)
                    return
            await app(scope, receive, send)

        return follow

    return wrap
