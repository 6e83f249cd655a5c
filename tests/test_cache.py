"""Serving a crowd: every page in one database call, and caching the web's way (ETag, Cache-Control,
304), in process, from `gesprekken serve --public`, and behind a real nginx in front of a published
folder (the README's configuration, benchmarks/cache_front.py)."""

import asyncio
import json
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from cache_front import free_port, nginx_in_front
from conftest import run, served, server_process
from datasette.app import Datasette
from datasette.database import Database

from gesprekken.serve import settings_args

SAMPLE_ID = "1ef18611f54b"  # the sample conversation, published
NEW_WORD = "kruimelpad"  # spoken nowhere; written into the transcript before a second publish
PAGES = [
    "/",
    "/-/gesprekken/zoeken?q=maatwerk",
    "/-/gesprekken/zoeken.json?q=maatwerk",
    "/-/gesprekken/zoeken.json?q=maatwerk&thema=maatwerk",
    f"/-/gesprekken/gesprek/{SAMPLE_ID}",
    f"/-/gesprekken/audio/{SAMPLE_ID}",
    "/gesprekken/turns.json?_shape=array",
    "/-/static-plugins/gesprekken/gesprekken.css",
]


def publish(workspace: Path, site: Path) -> None:
    result = run("publish", site, cwd=workspace)
    assert result.exit_code == 0, result.output


def site_app(site: Path) -> Datasette:
    """A published folder in process, as `datasette serve -i` serves it."""
    metadata = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(site / "gesprekken.db")], metadata=metadata)


def count_calls(monkeypatch) -> list[str]:
    """The names of the databases each execute_fn call (each wait in Datasette's queue) goes to."""
    calls: list[str] = []
    original = Database.execute_fn

    async def counted(self, fn):
        calls.append(self.name)
        return await original(self, fn)

    monkeypatch.setattr(Database, "execute_fn", counted)
    return calls


def test_every_page_is_one_database_call(ingested_sample, monkeypatch):
    datasette = Datasette([str(ingested_sample / "gesprekken.db")])

    async def calls_for(path: str) -> int:
        await datasette.client.get(path)  # Datasette's own first-request work out of the way
        calls.clear()
        response = await datasette.client.get(path)
        assert response.status_code == 200, path
        return calls.count("gesprekken")

    calls = count_calls(monkeypatch)
    for path in (
        f"/-/gesprekken/gesprek/{SAMPLE_ID}",
        "/-/gesprekken/zoeken?q=maatwerk",
        "/-/gesprekken/zoeken.json?q=maatwerk&thema=wederkerigheid&spreker=Marloes+van+der+Heijden",
    ):
        assert asyncio.run(calls_for(path)) == 1, path


def test_a_published_site_answers_with_an_etag_and_304_without_a_query(workspace, tmp_path, monkeypatch):
    site = tmp_path / "site"
    publish(workspace, site)
    monkeypatch.chdir(site)  # the recordings are relative to the folder, as with `datasette serve -i`
    datasette = site_app(site)

    async def check():
        tags = set()
        for path in PAGES:
            response = await datasette.client.get(path)
            assert response.status_code == 200, path
            if path not in (PAGES[5], PAGES[7]):
                # a page, JSON or CSV no browser keeps (Back showed one after a withdrawal): a shared cache two
                # seconds all the same
                cached = [response.headers.get(h) for h in ("cache-control", "x-accel-expires", "cdn-cache-control")]
                assert cached == ["no-store", "2", "max-age=2"], path
            else:  # a recording and a stylesheet, which a page fetches: a browser asks again, answered 304
                assert response.headers["cache-control"] == "public, max-age=0, s-maxage=2", path
            tags.add(response.headers["etag"])
            assert response.headers["x-robots-tag"] == "noarchive", path  # no search engine's copy to outlive consent
        (tag,) = tags  # one ETag for the whole site: it is the database's
        assert tag.startswith('W/"')
        calls.clear()
        for path in PAGES:
            unchanged = await datasette.client.get(path, headers={"if-none-match": tag})
            assert (unchanged.status_code, unchanged.content, unchanged.headers["etag"]) == (304, b"", tag), path
            # with the caching headers of its 200: a cache that copies them onto its page keeps it from browsers still
            kept = path in (PAGES[5], PAGES[7])
            assert unchanged.headers["cache-control"] == ("public, max-age=0, s-maxage=2" if kept else "no-store"), path
        assert calls == []  # answered before any query
        changed = await datasette.client.get(PAGES[1], headers={"if-none-match": 'W/"an-old-one"'})
        assert changed.status_code == 200 and "<mark>maatwerk</mark>" in changed.text
        # "*" is no tag of ours: a path with no page is not answered 304 as if it had one.
        for path, status in ((PAGES[1], 200), ("/gesprekken/no_such_table", 404)):
            starred = await datasette.client.get(path, headers={"if-none-match": "*"})
            assert starred.status_code == status, path
        piece = await datasette.client.get(PAGES[5], headers={"range": "bytes=0-99"})
        assert (piece.status_code, len(piece.content), piece.headers["etag"]) == (206, 100, tag)
        # A weak ETag never satisfies If-Range: the whole recording, not a piece of another one.
        whole = await datasette.client.get(PAGES[5], headers={"range": "bytes=0-99", "if-range": tag})
        assert whole.status_code == 200 and len(whole.content) > 100
        # The editor, or anyone with a cookie or a login: never cached, never a 304.
        for login in ({"cookie": "ds_actor=x"}, {"authorization": "Basic ZWRpdG9yOmdlaGVpbQ=="}):
            personal = await datasette.client.get(PAGES[1], headers={**login, "if-none-match": tag})
            assert personal.status_code == 200 and "etag" not in personal.headers, login
            assert "public" not in personal.headers.get("cache-control", ""), login

    calls = count_calls(monkeypatch)
    asyncio.run(check())


def test_a_live_database_is_not_cached(ingested_sample):
    """`gesprekken serve` of the database an ingest writes to: no ETag, no 304, and nothing a cache
    may keep (the recording said max-age=3600 and Datasette's tables max-age=5)."""
    datasette = Datasette([str(ingested_sample / "gesprekken.db")])
    response = asyncio.run(datasette.client.get("/-/gesprekken/zoeken?q=maatwerk"))
    assert response.status_code == 200 and "etag" not in response.headers
    assert "public" not in response.headers.get("cache-control", "")
    for path in (f"/-/gesprekken/audio/{SAMPLE_ID}", "/gesprekken/turns.json?_shape=array"):
        response = asyncio.run(datasette.client.get(path))
        assert response.status_code == 200 and response.headers["cache-control"] == "no-store", path
    # The stylesheet holds no visitor's data: cached as Datasette says, not fetched again on every page.
    response = asyncio.run(datasette.client.get("/-/static/app.css"))
    assert response.status_code == 200 and "no-store" not in response.headers.get("cache-control", "")


def test_an_answer_given_without_an_etag_is_never_kept(workspace, tmp_path, monkeypatch):
    """The race of the test below: the copy replaced before the ETag is read, so this answer (maybe
    from the old copy, a voice withdrawn a moment ago) gets no ETag; nor may a browser or a cache in
    front keep it: the recording said max-age=3600, Datasette's pages max-age=5."""
    from gesprekken.plugins import gesprekken_cache

    site = tmp_path / "site"
    publish(workspace, site)
    datasette = site_app(site)
    monkeypatch.setattr(gesprekken_cache, "_hash_of", lambda db: None)
    for path in PAGES:
        response = asyncio.run(datasette.client.get(path))
        assert response.status_code == 200 and "etag" not in response.headers, path
        if "/-/static" not in path:  # a stylesheet holds nobody's words: left as Datasette serves it
            assert response.headers.get("cache-control") == "no-store", path


def fetch(url: str, headers: dict | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case) and body of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_serve_public_has_short_lifetimes_and_a_new_etag_after_a_consent_change(workspace):
    with served(workspace, "--public") as base:
        url = f"{base}/-/gesprekken/zoeken.json?q=gemeente"
        status, headers, body = fetch(url)
        assert status == 200 and headers["Cache-Control"] == "no-store" and headers["X-Accel-Expires"] == "2"
        assert b"Joost de Boer" in body
        old = headers["ETag"]
        assert fetch(url, {"If-None-Match": old})[0] == 304
        assert run("forget", "Joost de Boer", cwd=workspace).exit_code == 0  # the public copy is replaced
        status, headers, body = fetch(url, {"If-None-Match": old})
        assert status == 200 and headers["ETag"] != old and b"Joost de Boer" not in body


def datasette_serve(site: Path, port: int = 0):
    command = [sys.executable, "-m", "datasette", "serve", "-i", "gesprekken.db", "--metadata", "metadata.json"]
    return server_process([*command, *settings_args()], site, port=port)


@pytest.mark.parametrize("immutable", [["-i", "site/gesprekken.db"], ["site/gesprekken.db"]], ids=["-i", "without -i"])
def test_a_published_folder_follows_a_withdrawal_served_with_or_without_i(workspace, tmp_path, immutable):
    """An attack (session 58): a published folder served by Datasette's plain command, without -i, kept the file it
    first opened: after a withdrawal the command said the folder was rebuilt, and the site showed Joost de Boer until
    it was restarted. A published folder's database is followed as one served with -i."""
    site = tmp_path / "site"
    publish(workspace, site)
    command = [sys.executable, "-m", "datasette", "serve", *immutable, "--metadata", "site/metadata.json"]
    with server_process([*command, *settings_args()], tmp_path) as base:
        url = f"{base}/gesprekken/participants.json?_shape=array"
        status, _, body = fetch(url)
        assert status == 200 and b"Joost de Boer" in body
        withdrawn = run(
            "publication", SAMPLE_ID[:8], "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=workspace
        )
        assert withdrawn.exit_code == 0 and str(site) in withdrawn.output, withdrawn.output
        for path in (
            "/gesprekken/participants.json?_shape=array",
            "/-/gesprekken/gesprekken",
            f"/-/gesprekken/gesprek/{SAMPLE_ID}",
        ):
            status, _, body = fetch(base + path)
            assert status == 200 and b"Joost de Boer" not in body and b"Boer" not in body, (path, body[:300])


def test_nginx_in_front_serves_repeats_and_no_stale_page_after_a_new_publish(workspace, tmp_path):
    site = tmp_path / "site"
    publish(workspace, site)
    port = free_port()
    with nginx_in_front([f"127.0.0.1:{port}"], tmp_path / "nginx") as cache:
        with datasette_serve(site, port) as upstream:
            first = {path: fetch(cache + path) for path in PAGES}
            again = {path: fetch(cache + path) for path in PAGES}
            for path in PAGES:
                assert first[path][0] == 200 and first[path][1]["X-Cache-Status"] == "MISS", path
                assert again[path][1]["X-Cache-Status"] == "HIT", path
                assert again[path][2] == first[path][2], path
            recording = fetch(upstream + PAGES[5])[2]
            status, _, piece = fetch(cache + PAGES[5], {"Range": "bytes=100-199"})  # from the cached recording
            assert (status, piece) == (206, recording[100:200])
            # Past s-maxage: nginx asks again, Datasette answers 304 without a query. nginx keeps
            # whole seconds (stored at 10.0 with s-maxage=2, it is fresh until 12.999), so 3.2 s.
            time.sleep(3.2)
            status, headers, body = fetch(cache + PAGES[4])
            assert (status, headers["X-Cache-Status"], body) == (200, "REVALIDATED", first[PAGES[4]][2])

        # A new publish: the transcript says something new. Datasette restarts on the new folder
        # (a running process holds the old one open); nginx and what it cached stay.
        transcript = next((workspace / "transcripts").glob("*.md"))
        text = transcript.read_text(encoding="utf-8")
        transcript.write_text(text.replace("maatwerk", f"maatwerk {NEW_WORD}", 1), encoding="utf-8")
        assert run("load", cwd=workspace).exit_code == 0
        publish(workspace, site)
        with datasette_serve(site, port) as upstream:
            time.sleep(3.2)  # what the cache may hold for s-maxage without asking (whole seconds, as above)
            stale = []
            for path in PAGES:
                status, headers, body = fetch(cache + path)
                direct = fetch(upstream + path)
                # EXPIRED: nginx asked with the old ETag and got the new page, not a 304.
                assert status == 200 and headers["X-Cache-Status"] == "EXPIRED", (path, headers)
                if headers["ETag"] != direct[1]["ETag"] or (path.startswith("/-/gesprekken/") and body != direct[2]):
                    stale.append(path)
            assert stale == []
            page = fetch(cache + PAGES[4])
            assert NEW_WORD in page[2].decode() and page[1]["X-Cache-Status"] == "HIT"  # and cached again


@pytest.mark.parametrize("path", ["/-/gesprekken/zoeken?q=maatwerk", f"/-/gesprekken/gesprek/{SAMPLE_ID}"])
def test_a_cache_never_keeps_a_page_for_one_visitor(workspace, tmp_path, path):
    """A logged-in editor's answer (Datasette: private, no-store) is not stored, and not served to others."""
    site = tmp_path / "site"
    publish(workspace, site)
    port = free_port()
    with datasette_serve(site, port), nginx_in_front([f"127.0.0.1:{port}"], tmp_path / "nginx") as cache:
        status, headers, _ = fetch(cache + path, {"Cookie": "ds_actor=someone"})
        assert status == 200 and headers["Cache-Control"] == "private, no-store"
        assert headers["X-Cache-Status"] == "MISS"
        assert fetch(cache + path)[1]["X-Cache-Status"] == "MISS"  # the anonymous page was not the editor's
        assert fetch(cache + path, {"Cookie": "ds_actor=someone"})[1]["X-Cache-Status"] == "MISS"


def test_a_search_cut_short_is_never_cached(workspace, tmp_path, monkeypatch):
    """Facets that ran out of time: that answer is not the page's, so no cache may keep it (a cache that
    revalidates would keep it as long as the database stays the same)."""
    from gesprekken.plugins import gesprekken_pages

    site = tmp_path / "site"
    publish(workspace, site)
    monkeypatch.chdir(site)
    datasette = site_app(site)
    monkeypatch.setattr(gesprekken_pages, "FACET_TIME_LIMIT_MS", 0)  # every facet query interrupted
    for path in ("/-/gesprekken/zoeken?q=maatwerk", "/-/gesprekken/zoeken.json?q=maatwerk"):
        response = asyncio.run(datasette.client.get(path))
        assert response.status_code == 200 and "maatwerk" in response.text, path  # the results still come
        assert response.headers["cache-control"] == "no-store" and "etag" not in response.headers, path


def test_a_copy_replaced_before_its_etag_is_read_never_lends_its_etag_to_the_old_pages(tmp_path):
    # The race: a request finds the public copy unchanged (gesprekken_public), the copy is then
    # replaced (a withdrawal), and only then is the ETag computed, lazily, from the file now at the
    # path. The old connections still answer with the withdrawn words, under the new copy's ETag:
    # a cache that revalidates that page gets 304 from then on and keeps the withdrawn words.
    import os
    import sqlite3

    from gesprekken.plugins.gesprekken_cache import site_tag
    from gesprekken.plugins.gesprekken_public import _follow_replaced_files

    path = tmp_path / "gesprekken-openbaar.db"

    def write(text: str) -> None:
        tmp = tmp_path / "new.db"
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE turns (text TEXT)")
            db.execute("INSERT INTO turns VALUES (?)", [text])
        os.replace(tmp, path)

    async def check():
        write("De leefbaarheid in de wijk staat onder druk.")
        ds = Datasette([], immutables=[str(path)], settings={"num_sql_threads": 1})
        await ds.invoke_startup()
        _follow_replaced_files(ds)
        db = ds.get_database("gesprekken-openbaar")
        assert (await db.execute("SELECT text FROM turns")).rows[0][0].startswith("De leefbaarheid")
        write("Ingetrokken.")  # withdrawn, after this request's check of the file
        tag = await site_tag(ds)
        answered = (await db.execute("SELECT text FROM turns")).rows[0][0]
        _follow_replaced_files(ds)  # the next request
        assert (await ds.get_database("gesprekken-openbaar").execute("SELECT text FROM turns")).rows[0][0] == (
            "Ingetrokken."
        )
        return tag, answered, await site_tag(ds)

    tag, answered, now = asyncio.run(check())
    assert answered.startswith("De leefbaarheid")
    assert tag is None or tag != now  # the old page under the new ETag would be revalidated with 304


def test_a_published_site_computes_one_page_at_a_time(workspace, tmp_path, monkeypatch):
    """Concurrent anonymous pages of a published site: their database calls never overlap (each
    request's turn), while a 304 and a page for a visitor with a cookie never wait for a turn."""
    site = tmp_path / "site"
    publish(workspace, site)
    monkeypatch.chdir(site)
    datasette = site_app(site)
    from gesprekken.plugins.gesprekken_public import FollowedDatabase

    running, most = [0], [0]
    gate = asyncio.Event()
    gate_up = [False]
    held: list[bool] = []  # while the gate is up: the first page's call waits, holding its turn

    def watching(original):
        async def watched(self, fn):
            if gate_up[0] and not held:
                held.append(True)
                await gate.wait()
            running[0] += 1
            most[0] = max(most[0], running[0])
            try:
                await asyncio.sleep(0.02)  # room for another request to start its own call meanwhile
                return await original(self, fn)
            finally:
                running[0] -= 1

        return watched

    # The published database is followed by gesprekken_public (its own execute_fn).
    monkeypatch.setattr(FollowedDatabase, "execute_fn", watching(FollowedDatabase.execute_fn))
    pages = [f"/-/gesprekken/zoeken?q={w}" for w in ("maatwerk", "gemeente", "samen", "wijk")]
    pages += [f"/-/gesprekken/zoeken.json?q={w}" for w in ("maatwerk", "gemeente", "samen")]
    pages.append(f"/-/gesprekken/gesprek/{SAMPLE_ID}")

    database = next(name for name in datasette.databases if name != "_internal")

    async def check():
        tag = (await datasette.client.get(pages[0])).headers["etag"]
        most[0] = 0
        answers = await asyncio.gather(*(datasette.client.get(page) for page in pages))
        assert [a.status_code for a in answers] == [200] * len(pages)
        assert most[0] == 1  # eight pages at once, computed one after another

        gate_up[0] = True
        first = asyncio.create_task(datasette.client.get(pages[1]))
        while not held:
            await asyncio.sleep(0.01)
        second = asyncio.create_task(datasette.client.get(pages[2]))
        await asyncio.sleep(0.3)
        assert not second.done()  # waits for the first page's turn
        unchanged = await asyncio.wait_for(datasette.client.get(pages[3], headers={"if-none-match": tag}), 10)
        assert unchanged.status_code == 304  # no query, no turn
        personal = await asyncio.wait_for(datasette.client.get(pages[3], headers={"cookie": "ds_actor=x"}), 10)
        assert personal.status_code == 200  # a visitor with a cookie (the editor): never cached, no turn
        # Datasette's own pages cost what a visitor asks (a sort, a ?sql=): never in turn, so one
        # visitor's slow queries hold up nobody's search.
        table = await asyncio.wait_for(datasette.client.get(f"/{database}/turns.json?_size=1"), 10)
        assert table.status_code == 200
        asked = await asyncio.wait_for(datasette.client.get(f"/{database}.json?sql=select+count(*)+from+turns"), 10)
        assert asked.status_code == 200
        assert not second.done()
        gate.set()
        assert (await first).status_code == 200 and (await second).status_code == 200

    asyncio.run(check())


def test_a_turn_is_given_up_once_when_the_answer_starts_fails_never_starts_or_is_cancelled():
    from gesprekken.plugins.gesprekken_cache import Turns

    turns = Turns()
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def check():
        async def fails(scope, receive, send):
            raise RuntimeError("kapot")

        async def never_starts(scope, receive, send):
            return

        started, go_on = asyncio.Event(), asyncio.Event()

        async def hangs(scope, receive, send):
            started.set()
            await asyncio.sleep(3600)

        async def answers(scope, receive, send):
            await send({"type": "http.response.start", "status": 200, "headers": []})
            started.set()
            await go_on.wait()  # its body still to come: a slow listener
            await send({"type": "http.response.body", "body": b"ok"})

        with pytest.raises(RuntimeError):
            await asyncio.wait_for(turns.run(fails, {}, None, send), 5)
        await asyncio.wait_for(turns.run(never_starts, {}, None, send), 5)
        hanging = asyncio.create_task(turns.run(hangs, {}, None, send))
        await started.wait()
        waiting = asyncio.create_task(turns.run(never_starts, {}, None, send))
        await asyncio.sleep(0.05)
        assert not waiting.done()  # its turn comes after the hanging one
        hanging.cancel()  # the client went away
        await asyncio.wait_for(waiting, 5)

        # An answer that started gives up its turn before its body; ending later, it must not give
        # up the turn again: by then it is the next request's.
        started.clear()
        slow = asyncio.create_task(turns.run(answers, {}, None, send))
        await started.wait()
        started.clear()
        next_one = asyncio.create_task(turns.run(hangs, {}, None, send))
        await asyncio.wait_for(started.wait(), 5)  # the next request's turn, the slow body still unsent
        go_on.set()
        await asyncio.wait_for(slow, 5)
        last = asyncio.create_task(turns.run(never_starts, {}, None, send))
        await asyncio.sleep(0.05)
        assert not last.done()  # the hanging request still has its turn
        next_one.cancel()
        await asyncio.wait_for(last, 5)
        assert sent[-1] == {"type": "http.response.body", "body": b"ok"}

    asyncio.run(check())


def test_a_request_whose_client_goes_away_while_it_waits_is_never_computed():
    """A crowd that gave up must not keep a process busy after it left: a request waiting for its
    turn whose client disconnects leaves the queue uncomputed, and the turn passes on to the next."""
    from gesprekken.plugins.gesprekken_cache import Turns

    turns = Turns()
    computed: list[str] = []

    async def send(message):
        pass

    def client(leaves: asyncio.Event | None = None):
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive():
            if messages:
                return messages.pop(0)
            await (leaves or asyncio.Event()).wait()  # until the client goes (or for ever)
            return {"type": "http.disconnect"}

        return receive

    async def check():
        first_in, let_go = asyncio.Event(), asyncio.Event()

        async def holds(scope, receive, send):
            first_in.set()
            await let_go.wait()
            computed.append("first")

        def page(name):
            async def app(scope, receive, send):
                assert (await receive())["type"] == "http.request"  # its own message, heard while it waited
                computed.append(name)

            return app

        first = asyncio.create_task(turns.run(holds, {}, client(), send))
        await first_in.wait()
        leaves = asyncio.Event()
        gone = asyncio.create_task(turns.run(page("gone"), {}, client(leaves), send))
        stays = asyncio.create_task(turns.run(page("stays"), {}, client(), send))
        await asyncio.sleep(0.05)
        leaves.set()  # the second client disconnects while it waits
        await asyncio.wait_for(gone, 5)  # it leaves the queue at once, uncomputed
        assert computed == []
        let_go.set()
        await asyncio.wait_for(asyncio.gather(first, stays), 5)
        assert computed == ["first", "stays"]

        # Cancelled while it waits (the server's task ended): no turn kept, the next one served.
        let_go.clear()
        computed.clear()
        first = asyncio.create_task(turns.run(holds, {}, client(), send))
        first_in.clear()
        await first_in.wait()
        cancelled = asyncio.create_task(turns.run(page("cancelled"), {}, client(), send))
        await asyncio.sleep(0.05)
        cancelled.cancel()
        last = asyncio.create_task(turns.run(page("last"), {}, client(), send))
        let_go.set()
        await asyncio.wait_for(asyncio.gather(first, last), 5)
        assert cancelled.cancelled() and computed == ["first", "last"]
        assert not turns._lock().locked()

    asyncio.run(check())


def test_a_slow_listener_of_a_recording_does_not_hold_up_a_search(workspace, tmp_path):
    """Over a real server: a recording much longer than the sockets' buffers, read by nobody, while
    a search page is asked for."""
    import socket

    site = tmp_path / "site"
    publish(workspace, site)
    (recording,) = [p for p in (site / "recordings").rglob("*") if p.is_file()]
    recording.write_bytes(recording.read_bytes() * 64)  # MP3 frames one after another: 20 MB of sound
    with datasette_serve(site) as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.socket() as listener:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            listener.connect((host, int(port)))
            listener.sendall(f"GET /-/gesprekken/audio/{SAMPLE_ID} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            assert listener.recv(100).startswith(b"HTTP/1.1 200")  # and then it reads no more
            time.sleep(0.5)
            status, _, body = fetch(f"{base}/-/gesprekken/zoeken?q=maatwerk")
            assert status == 200 and b"<mark>maatwerk</mark>" in body


def test_a_page_waiting_for_its_turn_is_withheld_when_a_change_is_marked_meanwhile(workspace, tmp_path, monkeypatch):
    """gesprekken_public checks a request when it comes; a withdrawal marked while it waits for its turn
    (behind a slow page) must withhold it too: the turn must not serve what was withdrawn meanwhile."""
    from gesprekken.plugins.gesprekken_public import FollowedDatabase

    from gesprekken.serve import STALE_MARK

    site = tmp_path / "site"
    publish(workspace, site)
    monkeypatch.chdir(site)
    datasette = site_app(site)
    gate, held = asyncio.Event(), []
    original = FollowedDatabase.execute_fn

    async def slow(self, fn):
        if not held:  # the first page's call waits, holding the turn
            held.append(True)
            await gate.wait()
        return await original(self, fn)

    monkeypatch.setattr(FollowedDatabase, "execute_fn", slow)

    async def check():
        first = asyncio.create_task(datasette.client.get("/-/gesprekken/zoeken?q=maatwerk"))
        while not held:
            await asyncio.sleep(0.01)
        waiting = asyncio.create_task(datasette.client.get(f"/-/gesprekken/gesprek/{SAMPLE_ID}"))
        await asyncio.sleep(0.2)
        assert not waiting.done()  # checked by gesprekken_public, now waiting for its turn
        (site / f"{STALE_MARK}-withdrawal").write_text("a withdrawal is being written\n")
        gate.set()
        await first
        return await asyncio.wait_for(waiting, 10)

    answer = asyncio.run(check())
    assert answer.status_code == 503, answer.status_code
    assert "public" not in answer.headers.get("cache-control", "")
