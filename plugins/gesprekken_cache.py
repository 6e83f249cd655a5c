"""Caching the web's way: Cache-Control and an ETag on what an immutable knowledge base serves.

A published site (``gesprekken publish``, served with ``datasette serve -i``) and the public copy
of ``gesprekken serve --public`` change only when their database file is replaced. Every page,
JSON answer, stylesheet and recording that an anonymous visitor gets from them carries

- ``ETag: W/"…"``, a hash of the databases' own hashes (Datasette's ``Database.hash``), the
  metadata, ``base_url`` and the versions of gesprekken and Datasette: it changes when any of
  them does, and with the database the recordings change too (a new publish, a withdrawn voice);
- ``Cache-Control: public, max-age=N, s-maxage=M``: a browser may reuse the answer for N
  seconds, a shared cache (a CDN, nginx's proxy_cache) for M seconds, after which it asks again
  with ``If-None-Match``. That question is answered ``304 Not Modified`` here, before Datasette
  runs a query: a cache in front serves the crowd, and after a new publish its next question
  brings the new page, because the ETag changed.
  A page, a JSON or a CSV is ``no-store`` for a browser, which keeps no copy to show on Back, and says M
  to a shared cache in ``X-Accel-Expires`` and ``CDN-Cache-Control`` (:func:`_for_caches`).

N and M come from the plugin configuration (``gesprekken publish`` and ``serve --public`` write
N = 0, so that a browser asks again for every page and a withdrawal reaches a visitor's next page
at once; its question costs a 304)::

    plugins:
      gesprekken:
        cache: {max_age: 0, shared_max_age: 2}

Nothing changes for a request with a cookie or an ``Authorization`` header (Datasette answers
those ``private, no-store``), for an answer that says ``no-store`` or sets a cookie, for errors,
or while a database an anonymous visitor may read is mutable (``gesprekken serve`` of the live
database): those are never cached.

**One page computed at a time, in the order they came.** gesprekken's own pages whose answers may
be cached (the search and the conversation pages, HTML and JSON, under ``/-/gesprekken/``, for an
anonymous visitor's GET or HEAD of an immutable site, not answered 304; a 404 among them) are
computed one at a time per server process: each waits for its turn, first come first served, and gives it up as
soon as its answer starts (``http.response.start``), before its body is sent. Such a request costs
CPU only (an immutable database is never locked by a writer), and a process has one core's worth
of Python (the GIL): computed together, eight requests would each take about eight times their own
time and more CPU in all (the event loop and Datasette's SQL threads handing over the GIL), where in
turn each takes its own time plus that of the ones before it. A recording is sent after its answer
started, so a slow listener never holds the turn; an answer that fails, is cancelled (a client gone)
or never starts gives it up when it ends, and a request whose client goes away while it waits
leaves the queue without being computed (a crowd of clients that gave up does not keep a
process busy after they left). When its turn comes, a request is checked again as
gesprekken_public checked it when it came (a withdrawal marked, the copy replaced meanwhile: 503, or
the new copy under its own ETag), so waiting never serves what was withdrawn.
Everything else takes no turn: a 304 (no query), the
editor's and other logged-in pages, POSTs, every request to a site whose database may change
(``gesprekken serve`` of the live database), which may wait for a writer, and Datasette's own
pages (tables, rows, a visitor's ``?sql=``, exports), whose cost a visitor chooses (up to
``sql_time_limit_ms`` per query, several queries a page): in turn, one visitor's slow queries
would hold up everyone's searches. A page in turn delays the ones queued behind it by its own
time, which is bounded: a search page (its words cut at 500 characters, each searched once) about
100 ms at worst at a million turns (BENCHMARKS.md, issue 17, fifth round).
"""

import asyncio
import hashlib
import json
import re
import weakref

import datasette as datasette_package
from datasette import hookimpl

from gesprekken import __version__
from gesprekken.serve import CACHE_LIVE, PLUGIN

from .gesprekken_login import ACTOR as BASIC_ACTOR
from .gesprekken_public import _identity, withheld

#: The ETag of each Datasette instance, with the databases it was computed for (a database
#: replaced on disk is a new object: gesprekken_public opens it anew).
_tags: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _databases(datasette) -> tuple:
    # With the generation of a followed copy: the id of a freed object may be given to a new one.
    return tuple(
        (name, id(db), getattr(db, "generation", None))
        for name, db in datasette.databases.items()
        if name != "_internal"
    )


async def site_tag(datasette) -> str | None:
    """The ETag of everything an anonymous visitor reads, or None when it may change at any time
    (a mutable database they may read). Computed once per set of databases; the databases'
    hashes are read in a thread (Datasette reads the whole file, or its ``--inspect-file``)."""
    state = _databases(datasette)
    held = _tags.get(datasette)
    if held is None or held[0] != state:
        held = (state, asyncio.ensure_future(_compute(datasette)))
        _tags[datasette] = held
    return await asyncio.shield(held[1])


async def _compute(datasette) -> str | None:
    try:
        return await _tag(datasette)
    except OSError:  # a database file gone while it was read: nothing is cached until it is back
        return None


async def _tag(datasette) -> str | None:
    hashes = []
    for name, db in list(datasette.databases.items()):
        if name == "_internal":
            continue
        readable = await datasette.permission_allowed(
            None, "view-instance", default=True
        ) and await datasette.permission_allowed(None, "view-database", resource=name, default=True)
        if db.is_mutable or db.is_memory or not db.path:
            if readable:
                return None
            continue  # the editor's database behind a login: anonymous answers never show it
        digest = await asyncio.to_thread(_hash_of, db)
        if digest is None:
            return None
        hashes.append((name, digest))
    if not hashes:
        return None
    identity = [
        __version__,
        datasette_package.__version__,
        datasette.setting("base_url"),
        datasette.metadata(),
        sorted(hashes),
    ]
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode()).hexdigest()
    return f'W/"{digest[:32]}"'


def _hash_of(db) -> str | None:
    """The hash of the file ``db`` answers from, or None when the file at its path may be another:
    Datasette reads the hash lazily from the path, and a copy replaced after gesprekken_public
    looked (a withdrawal) would lend its hash to the old copy's pages, which a cache would then
    revalidate with 304 for as long as the new copy is served."""
    if not hasattr(db, "identity"):  # not followed by gesprekken_public
        return db.hash
    expected = db.identity
    before = _identity(db.path)
    digest = db.hash
    if before != expected or _identity(db.path) != expected:
        return None  # not cached this once: the next request opens the new file under its own tag
    return digest


def cache_control(datasette) -> str:
    """The Cache-Control of a cacheable answer, from the plugin configuration."""
    config = {**CACHE_LIVE, **((datasette.plugin_config(PLUGIN) or {}).get("cache") or {})}
    return f"public, max-age={int(config['max_age'])}, s-maxage={int(config['shared_max_age'])}"


def _for_caches(kept: bool, control: bytes) -> list[tuple[bytes, bytes]]:
    """The caching headers of a cacheable answer (``control``: :func:`cache_control`). One a browser may not keep
    (not ``kept``: :func:`_kept_by_browsers`) is ``no-store`` for it: one that kept a page showed it again on Back,
    without asking, after the person in it had withdrawn (Chromium reuses a kept page on Back and Forward however
    old; an attack, session 57), and a JSON or CSV opened by itself the same (session 58). A shared cache keeps it
    for s-maxage all the same: nginx by ``X-Accel-Expires`` (first: nginx 1.22 reads it only before a Cache-Control
    that says no-store; never passed on), a CDN by ``CDN-Cache-Control`` (RFC 9213). Recordings and stylesheets,
    which the pages fetch, keep ``control``: a browser's question costs a 304."""
    if kept:
        return [(b"cache-control", control)]
    shared = re.search(rb"s-maxage=(\d+)", control)
    seconds = shared.group(1) if shared else b"0"
    return [
        (b"x-accel-expires", seconds),
        (b"cache-control", b"no-store"),
        (b"cdn-cache-control", b"max-age=" + seconds),
    ]


def _raw_path(scope: dict) -> bytes:
    """The path as Datasette routes it: "%2F-%2Fstatic" in a row's key is no static file."""
    return scope.get("raw_path") or scope["path"].encode()


def _static(scope: dict) -> bool:
    """Whether a request is for a stylesheet or a script: nobody's words."""
    return any(part in _raw_path(scope) for part in (b"/-/static/", b"/-/static-plugins/"))


def _kept_by_browsers(scope: dict) -> bool:
    """Whether a browser may keep an answer to this request: a recording or a stylesheet or script, which a page
    fetches and shows no more than the page allows (a withdrawn voice's recording answers 404 to the next question);
    never a page, a JSON, a CSV or a database, which a browser shows as they are on Back."""
    return _static(scope) or b"/-/gesprekken/audio/" in _raw_path(scope)


def _matches(header: str, tag: str) -> bool:
    """Whether an If-None-Match header names ``tag`` (weak comparison, as RFC 9110 asks). Not "*": it
    matches only where the path has a page, which is known only by computing it (a 304 answered a
    path that is 404 or 403); no browser sends it to a GET."""
    wanted = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == wanted for t in header.split(","))


#: The paths of gesprekken's own pages (after Datasette's base_url), the ones computed in turn.
OWN_PAGES = "/-/gesprekken/"


class Turns:
    """One request computed at a time, first come first served (see the module's docstring)."""

    def __init__(self):
        # One lock per event loop: an asyncio.Lock belongs to the loop it first waited in, and a
        # Datasette in a test may serve from several loops one after another.
        self._locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def run(self, app, scope, receive, send) -> None:
        """``app`` for this request once it is its turn; the turn is given up when its answer
        starts, or when ``app`` ends without starting one (an error, a cancellation). A request
        whose client goes away while it waits leaves the queue uncomputed."""
        lock = self._lock()
        heard: list[dict] = []  # what the client sent while it waited, handed to ``app`` first
        if not await self._wait_for_turn(lock, receive, heard):
            return  # its client has gone: nobody to answer (the server answers nothing either)
        held = True

        async def receive_heard():
            return heard.pop(0) if heard else await receive()

        def give_up() -> None:
            nonlocal held
            if held:  # once: after it, the lock may be the next request's
                held = False
                lock.release()

        async def send_and_give_up(message):
            if message["type"] == "http.response.start":
                give_up()
            await send(message)

        try:
            await app(scope, receive_heard, send_and_give_up)
        finally:
            give_up()

    @staticmethod
    async def _wait_for_turn(lock: asyncio.Lock, receive, heard: list[dict]) -> bool:
        """Wait for ``lock`` (FIFO: a waiting request is never overtaken by a later one) while
        listening for the client going away; True once it is this request's turn, False (the lock
        not held) when the client went first. A request's own message (a GET's empty body) is
        kept in ``heard``."""
        if not lock.locked():
            await lock.acquire()
            return True

        async def listen():
            try:
                while (message := await receive())["type"] != "http.disconnect":
                    heard.append(message)
            except Exception:  # a server whose receive cannot be listened to: wait for the turn as before
                await asyncio.Event().wait()

        turn = asyncio.ensure_future(lock.acquire())
        gone = asyncio.ensure_future(listen())
        try:
            await asyncio.wait((turn, gone), return_when=asyncio.FIRST_COMPLETED)
        except BaseException:  # this request cancelled while it waits: no turn kept
            gone.cancel()
            turn.cancel()
            if await Turns._outcome(turn):
                lock.release()
            raise
        client_gone = gone.done() and not gone.cancelled()
        gone.cancel()
        turn.cancel()  # nothing when the turn came
        got_turn = await Turns._outcome(turn)
        if got_turn and client_gone:
            lock.release()  # the turn came as the client went: the next request's now
        return got_turn and not client_gone

    @staticmethod
    async def _outcome(turn: asyncio.Future) -> bool:
        """Whether ``turn`` (a lock's acquire, maybe cancelled) got the lock."""
        try:
            return bool(await turn)
        except asyncio.CancelledError:
            return False


def _personal(scope: dict, headers: dict) -> bool:
    # gesprekken_login takes a Basic header off before this runs and leaves what it proved in the scope.
    return b"cookie" in headers or b"authorization" in headers or BASIC_ACTOR in scope


@hookimpl(tryfirst=True)
def asgi_wrapper(datasette):
    # tryfirst: the innermost of gesprekken's wrappers, so gesprekken_public has already opened a
    # replaced public copy when the ETag is looked up.
    turns = Turns()

    def wrap(app):
        async def cached(scope, receive, send):
            if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
                return await app(scope, receive, send)
            headers = dict(scope["headers"])
            if _personal(scope, headers):
                return await app(scope, receive, send)
            tag = await site_tag(datasette)
            own_page = OWN_PAGES in scope["path"]
            control = cache_control(datasette).encode()

            async def send_with_validators(message):
                if message["type"] == "http.response.start" and message["status"] in (200, 206):
                    answer = list(message.get("headers", []))
                    names = {k.lower() for k, _ in answer}
                    control_now = b", ".join(v for k, v in answer if k.lower() == b"cache-control").lower()
                    if b"set-cookie" not in names and b"no-store" not in control_now and b"private" not in control_now:
                        answer = [(k, v) for k, v in answer if k.lower() not in (b"cache-control", b"etag")]
                        # Without an ETag (a live database, or a copy replaced while this answer was
                        # made, maybe from the old copy) nothing may keep it: the recording's own
                        # max-age=3600 or Datasette's max-age=5 kept what was withdrawn meanwhile.
                        # (noarchive: a search engine keeps no copy of a page that consent may take back; a
                        # helper's attack, session 57: an archive would show a withdrawal's page for ever)
                        if tag:
                            answer += [(b"etag", tag.encode()), (b"x-robots-tag", b"noarchive")]
                            answer += _for_caches(_kept_by_browsers(scope), control)
                        else:
                            answer.append((b"cache-control", b"no-store"))
                        message = {**message, "headers": answer}
                await send(message)

            if tag is None:
                if _static(scope):  # cached as Datasette says
                    return await app(scope, receive, send)
                return await app(scope, receive, send_with_validators)
            if _matches(headers.get(b"if-none-match", b"").decode("latin-1"), tag):
                # Unchanged: answered without a query. The headers a 200 would have had (RFC 9110).
                await send(
                    {
                        "type": "http.response.start",
                        "status": 304,
                        # (a page's as its 200 has them: a cache that takes a 304's headers onto its copy would
                        # hand browsers a page they keep, a reviewer's read, session 57)
                        "headers": [
                            (b"etag", tag.encode()),
                            (b"x-robots-tag", b"noarchive"),
                            *_for_caches(_kept_by_browsers(scope), control),
                            (b"vary", b"Cookie, Authorization"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
            if b"if-range" in headers:
                # Our ETags are weak, and a weak one never satisfies If-Range: the whole recording.
                scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k not in (b"range", b"if-range")]}

            async def in_turn(scope, receive, send):
                # What gesprekken_public checked when the request came may be old by its turn (a
                # withdrawal marked, the copy replaced meanwhile): checked again, and the ETag of
                # what is answered now.
                nonlocal tag
                if await withheld(datasette, scope, receive, send):
                    return
                tag = await site_tag(datasette)
                await app(scope, receive, send)

            if not own_page:  # Datasette's pages: what they cost is the visitor's choice
                return await app(scope, receive, send_with_validators)
            await turns.run(in_turn, scope, receive, send_with_validators)

        return cached

    return wrap
