"""A running `gesprekken serve --public`, tried as a visitor and as an attacker would (a real server)."""

import base64
import http.client
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urlencode, urlsplit

import pytest
from conftest import run, served, server_process
from datasette_auth_passwords.utils import hash_password
from gesprekken.plugins.gesprekken_login import NO_ACCOUNTS, WRONG

from gesprekken.serve import EVERYTHING, PASSWORD_ENV

SAMPLE_ID = "1ef18611f54b"  # the sample conversation, published
PASSWORD = "redactie-2026"


def call(base: str, path: str, method: str = "GET", body: str | None = None, headers: dict | None = None):
    """One request, redirects not followed: (status, headers, body)."""
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def set_recording(workspace, stored: str) -> None:
    """Point the sample's transcript at ``stored`` (as anyone who may write a transcript can), and load."""
    transcript = next((workspace / "transcripts").glob("*.md"))
    text = transcript.read_text(encoding="utf-8")
    transcript.write_text(re.sub(r"^recording: .*$", f"recording: {stored}", text, count=1, flags=re.M), "utf-8")
    assert run("load", cwd=workspace).exit_code == 0


def test_the_database_is_never_served_as_a_recording(workspace):
    set_recording(workspace, "../gesprekken.db")
    # Even with the workspace itself as the recordings folder, where the database lies.
    for recordings in (".", "recordings"):
        with served(workspace, "--public", "--recordings", recordings) as base:
            for headers in ({}, {"range": "bytes=0-99"}, {"range": "bytes=-"}):
                status, _, body = call(base, f"/-/gesprekken/audio/{SAMPLE_ID}", headers=headers)
                assert status == 404 and b"SQLite format" not in body, (recordings, headers)
    (workspace / "recordings" / "kopie.mp3").write_bytes((workspace / "gesprekken.db").read_bytes())
    set_recording(workspace, "../recordings/kopie.mp3")
    with served(workspace, "--public") as base:
        status, _, body = call(base, f"/-/gesprekken/audio/{SAMPLE_ID}")
        assert status == 404 and b"SQLite format" not in body


def test_ranges_and_unknown_pages_get_answers_and_no_traceback(workspace, tmp_path):
    log = tmp_path / "server.log"
    recording = (workspace / "recordings" / "sample.mp3").read_bytes()
    audio = f"/-/gesprekken/audio/{SAMPLE_ID}"
    with served(workspace, "--public", log=log) as base:
        for header in ("bytes=-", "bytes=" + "9" * 5000 + "-", f"bytes={len(recording)}-"):
            status, headers, _ = call(base, audio, headers={"range": header})
            assert status == 416 and headers["content-range"] == f"bytes */{len(recording)}", header[:20]
        assert call(base, audio, headers={"range": "bytes=100-199"})[2] == recording[100:200]
        for path in (
            "/-/gesprekken/bestaatniet",
            "/-/gesprekken/audio/x/y",  # was a 500 and a traceback
            "/-/gesprekken/gesprek/bestaatniet",
            "/-/gesprekken/audio/bestaatniet",
            "/-/gesprekken/zoeken.csv",
        ):
            assert call(base, path)[0] == 404, path
    said = log.read_text(encoding="utf-8", errors="replace")
    assert said.count(" 404 ") == 5 and said.count(" 416 ") == 3, said[-3000:]
    assert "Traceback" not in said and " 500 " not in said


def test_unknown_paths_leave_one_log_line_each_and_no_visitors_cookie(workspace, tmp_path):
    """A bot's /wp-login.php wrote some 175 lines of traceback with every local variable to the log of
    `serve --public` and of a published folder's server, the request's headers among them: a
    visitor's or the editor's cookie in the log. A 404 (or 403) is no error: one access-log line."""
    cookie = {"cookie": "ds_actor=geheim-koekje-4711; other=geheim-koekje-4712"}
    paths = ("/wp-login.php", "/.env", "/gesprekken/bestaatniet", "/gesprekken-openbaar/turns/999999", "/a/b/c/d")
    log = tmp_path / "public.log"
    with served(workspace, "--public", env={PASSWORD_ENV: hash_password(PASSWORD, iterations=1000)}, log=log) as base:
        for path in paths:
            assert call(base, path, headers=cookie)[0] == 404, path
        assert call(base, "/gesprekken.json", headers=cookie)[0] == 403  # the editors' database
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in said and "geheim-koekje" not in said, said[:3000]
    assert said.count(" 404 ") == len(paths) and said.count(" 403 ") == 1, said[-3000:]
    # A published folder served as its README says.
    assert run("publish", "site", cwd=workspace).exit_code == 0
    site_log = tmp_path / "site.log"
    command = [sys.executable, "-m", "datasette", "serve", "-i", "gesprekken.db", "--metadata", "metadata.json"]
    with server_process(command, workspace / "site", log=site_log) as base:
        for path in paths[:3]:
            assert call(base, path, headers=cookie)[0] == 404, path
    said = site_log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in said and "geheim-koekje" not in said and said.count(" 404 ") == 3, said[:3000]


def test_recordings_outside_the_recordings_folder_are_named_at_start_and_get_no_player(workspace, tmp_path):
    """The README's `gesprekken ingest opnames/` leaves the recordings in opnames/: the page showed a
    player that the audio route answered 404, serve said nothing and publish said "0 recordings"."""
    (workspace / "opnames").mkdir()
    (workspace / "recordings" / "sample.mp3").rename(workspace / "opnames" / "sample.mp3")
    set_recording(workspace, "../opnames/sample.mp3")
    page, audio = f"/-/gesprekken/gesprek/{SAMPLE_ID}", f"/-/gesprekken/audio/{SAMPLE_ID}"
    log = tmp_path / "serve.log"
    with served(workspace, log=log) as base:
        status, _, body = call(base, page)
        assert status == 200 and b"<audio" not in body and b'class="tijd" href' not in body
        assert call(base, audio)[0] == 404
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "the recordings of 1 conversation lie outside recordings" in said and "--recordings opnames" in said
    assert said.count("lie outside") == 1
    result = run("publish", "site", cwd=workspace)
    assert result.exit_code == 0 and "--recordings opnames" in result.output, result.output
    with served(workspace, "--recordings", "opnames", log=log) as base:
        assert b"<audio" in call(base, page)[2]
        assert call(base, audio, headers={"range": "bytes=0-9"})[0] == 206
    assert "lie outside" not in log.read_text(encoding="utf-8", errors="replace")
    result = run("publish", "site", "--recordings", "opnames", cwd=workspace)
    assert "and 1 recording" in result.output and "lie outside" not in result.output, result.output


def test_a_long_query_on_the_live_site_is_cut_and_the_page_says_so(workspace):
    typed = "wederkerigheid " * 400  # 6,000 characters
    with served(workspace, "--public") as base:
        status, _, body = call(base, f"/-/gesprekken/zoeken?q={quote(typed)}")
        html = body.decode()
        assert status == 200 and "Je zoekopdracht was langer dan 500 tekens" in html
        assert "<mark>wederkerigheid</mark>" in html  # the first 500 characters are searched
        assert call(base, "/-/gesprekken/zoeken?q=wederkerigheid")[2].count(b"langer dan 500") == 0


def empty_password_hash() -> str:
    made = subprocess.run(
        [sys.executable, "-m", "datasette", "hash-password", "--no-confirm"],
        input="\n",
        capture_output=True,
        text=True,
        check=True,
    )
    return made.stdout.strip()


@pytest.mark.parametrize(
    "made, said",
    [
        (
            empty_password_hash,
            f"Error: {PASSWORD_ENV} is the hash of an empty password, so anyone could log in as the editor; "
            "make one of a real password with `datasette hash-password`",
        ),
        (lambda: "geheim", f"Error: {PASSWORD_ENV} is not a password hash; make one with `datasette hash-password`"),
    ],
)
def test_serve_public_refuses_a_password_anyone_could_type(workspace, made, said):
    (workspace / "gesprekken-openbaar.db").unlink(missing_ok=True)
    gesprekken = os.path.join(os.path.dirname(sys.executable), "gesprekken")
    result = subprocess.run(
        [gesprekken, "serve", "--public", "--port", "1"],  # refused before it would listen
        cwd=workspace,
        env={**os.environ, PASSWORD_ENV: made()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == said
    assert not (workspace / "gesprekken-openbaar.db").exists()  # refused before anything was built


def login(base: str, password: str):
    """Log in as the editor with datasette-auth-passwords' form (its CSRF token included)."""
    _, headers, body = call(base, "/-/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', body.decode())[1]
    cookie = headers["set-cookie"].split(";")[0]
    form = urlencode({"username": "editor", "password": password, "csrftoken": token})
    headers = {"cookie": cookie, "content-type": "application/x-www-form-urlencoded"}
    return call(base, "/-/login", "POST", form, headers)


def basic(password: str) -> dict:
    return {"authorization": "Basic " + base64.b64encode(f"editor:{password}".encode()).decode()}


def test_password_checks_do_not_hold_up_other_visitors(workspace):
    """Eight wrong passwords at once, by the login form and by HTTP Basic: meanwhile another visitor
    is answered at once (datasette-auth-passwords alone hashes on the event loop: that visitor
    waited for all eight, 1.7-1.8 s here)."""
    env = {PASSWORD_ENV: hash_password(PASSWORD)}  # the real work factor: 480,000 rounds
    attempts = {
        "login form": lambda base: login(base, "fout"),
        "basic": lambda base: call(base, "/gesprekken.json", headers=basic("fout")),
    }
    with served(workspace, "--public", env=env) as base:
        for how, attempt in attempts.items():
            started = time.monotonic()
            with ThreadPoolExecutor(8) as pool:
                wrong = [pool.submit(attempt, base) for _ in range(8)]
                time.sleep(0.3)  # the checks are under way
                asked = time.monotonic()
                # A page answered on the event loop (a static file waits for a thread, as the checks do).
                assert call(base, "/-/login")[0] == 200
                answered = time.monotonic() - asked
                answers = [future.result() for future in wrong]
            took = time.monotonic() - started
            if how == "login form":
                assert all(WRONG.encode() in body for _, _, body in answers)
            else:
                assert {status for status, _, _ in answers} == {403}
            assert answered < took / 3, (how, answered, took)

        status, headers, _ = login(base, PASSWORD)  # the right password still opens everything
        assert status == 302 and "ds_actor=" in headers["set-cookie"]
        editor = {"cookie": headers["set-cookie"].split(";")[0]}
        assert call(base, "/gesprekken.json", headers=editor)[0] == 200
        assert call(base, "/gesprekken.json", headers=basic(PASSWORD))[0] == 200
        assert call(base, "/gesprekken.json")[0] == 403


def test_a_login_holds_across_a_restart_only_with_a_secret_of_ones_own(workspace):
    """A newcomer's run: restarting serve (to add --public) logged the editor out, and the README did not say
    why. As the README says now: without DATASETTE_SECRET every start signs with a new secret; with it, the
    login made before the restart still opens the editors' database."""
    import secrets

    password = {PASSWORD_ENV: hash_password(PASSWORD, iterations=1000)}
    for secret, holds in (({}, False), ({"DATASETTE_SECRET": secrets.token_hex(32)}, True)):
        with served(workspace, env={**password, **secret}) as base:
            status, headers, _ = login(base, PASSWORD)
            assert status == 302
            editor = {"cookie": headers["set-cookie"].split(";")[0]}
            assert call(base, "/gesprekken.json", headers=editor)[0] == 200
        with served(workspace, "--public", env={**password, **secret}) as base:
            assert (call(base, "/gesprekken.json", headers=editor)[0] == 200) is holds


def test_plain_serve_says_it_shows_everything_and_how_to_show_the_public_only(workspace, tmp_path):
    """A newcomer withdrew someone, ran the README's `gesprekken serve` and saw the person's turns: the
    editors' own view, by design, but nothing said so. It says so at start, with the command for the
    public's view."""
    log = tmp_path / "serve.log"
    pages = ("/", "/gesprekken", "/-/gesprekken/zoeken?q=wederkerigheid", f"/-/gesprekken/gesprek/{SAMPLE_ID}")
    with served(workspace, log=log) as base:
        # and its pages say so too, to whoever opens them (the start line is for who started it)
        for page in pages:
            status, _, body = call(base, page)
            assert status == 200 and EVERYTHING.encode() in body, page
        # the login page, in Dutch, says why no one can log in and what to start instead
        status, _, body = call(base, "/-/login")
        assert status == 200 and NO_ACCOUNTS.encode() in body
        said = log.read_text(encoding="utf-8", errors="replace")
    assert "editors' view: you will see everything in" in said and "gesprekken serve --public" in said
    # and that the desk needs a login no one has yet, with how to make one (a newcomer met only a 403)
    assert "no editor login, so the editors' desk" in said and "datasette hash-password" in said
    # The public view says nothing of the sort: what it shows is the public's.
    with served(workspace, "--public", env={PASSWORD_ENV: hash_password(PASSWORD, iterations=1000)}) as base:
        for page in pages[:1] + pages[2:]:
            status, _, body = call(base, page)
            assert status == 200 and b"ook niet openbaar" not in body and b"toont alles" not in body, page
        assert b"<h1>Openbare kennisbank</h1>" in call(base, "/gesprekken-openbaar")[2]
        assert b"Inloggen voor de redactie" in call(base, "/-/login")[2]
        assert NO_ACCOUNTS.encode() not in call(base, "/-/login")[2]


def test_serve_on_a_port_in_use_says_so_at_once(workspace):
    """The newcomer's second serve on 8001 ran for half a minute and ended in uvicorn's "[Errno 98]"."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = run("serve", "--port", port, cwd=workspace)
        assert result.exit_code == 1 and time.monotonic() - started < 10
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output


def test_serve_public_with_nothing_published_says_why_the_site_is_empty(workspace):
    """A newcomer's own conversations are internal until consent says otherwise: `serve --public` started a
    blank site and said nothing of why."""
    import socket

    assert run("publication", "1ef18611", "internal", cwd=workspace).exit_code == 0
    with socket.socket() as taken:  # the message comes before serve listens; a port in use ends it there
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("serve", "--public", "--port", taken.getsockname()[1], cwd=workspace)
    assert "the public copy holds no conversation: nothing is published yet" in result.output, result.output
    assert "gesprekken publication <id> published [--participant NAME]" in result.output
    assert run("publication", "1ef18611", "published", cwd=workspace).exit_code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("serve", "--public", "--port", taken.getsockname()[1], cwd=workspace)
    assert "holds no conversation" not in result.output and "cannot listen" in result.output
