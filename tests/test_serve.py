"""The knowledge base in Datasette: in process with our metadata and plugins, and as a real server."""

import asyncio
import json
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from conftest import confirm_voices, run, served, server_process
from datasette.app import Datasette
from markupsafe import escape
from rapidfuzz import fuzz

from gesprekken.serve import metadata


def get(db_path, path, headers=None, recordings=None):
    workspace = db_path.parent

    async def fetch():
        datasette = Datasette(
            [str(db_path)],
            metadata=metadata(db_path, recordings or workspace / "recordings", workspace / "transcripts"),
        )
        return await datasette.client.get(path, headers=headers or {})

    return asyncio.run(fetch())


def test_search_for_a_spoken_word_finds_the_turn(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    response = get(db, "/gesprekken/turns.json?_search=maatwerk&_shape=array")
    assert response.status_code == 200
    (turn,) = response.json()
    assert "maatwerk" in turn["text"].lower()
    assert turn["start"] > 20  # in the second half of the sample, not the first words


def test_search_page_shows_times_as_clock_and_labels_in_dutch(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    (turn,) = get(db, "/gesprekken/turns.json?_search=wederkerigheid&_shape=array").json()
    response = get(db, "/gesprekken/turns?_search=wederkerigheid")
    assert response.status_code == 200
    html = response.text
    assert "Beurten: wat één spreker zei" in html  # the table description from our metadata
    minutes, seconds = divmod(turn["start"], 60)
    assert f'<span title="{turn["start"]} s">{int(minutes):02d}:{seconds:04.1f}</span>' in html


def test_quotes_action_points_and_the_canned_queries_show_times_as_clock_too(ingested_sample):
    """The turns table showed 00:41.1, but the quotes and action points tables and the canned queries
    (citaten_van_een_spreker) showed raw seconds, 41.1 and 43.54 (a newcomer's run); JSON keeps seconds."""
    db = ingested_sample / "gesprekken.db"
    speaker = "/gesprekken/citaten_van_een_spreker{}?spreker=Marloes+van+der+Heijden"
    for path in (speaker, "/gesprekken/quotes{}", "/gesprekken/action_points{}"):
        rows = get(db, path.format(".json") + ("&" if "?" in path else "?") + "_shape=array").json()
        html = get(db, path.format("")).text
        assert rows and isinstance(rows[0]["start"], float), path
        for row in rows:
            minutes, seconds = divmod(row["start"], 60)
            assert f'<span title="{row["start"]} s">{int(minutes):02d}:{seconds:04.1f}</span>' in html, path


def test_internal_tables_are_hidden_and_title_is_set(ingested_sample):
    response = get(ingested_sample / "gesprekken.db", "/gesprekken.json")
    tables = {t["name"]: t for t in response.json()["tables"]}
    assert tables["words"]["hidden"] and tables["_sqlite_migrations"]["hidden"]
    assert not tables["turns"]["hidden"]
    assert "<title>Gesprekken" in get(ingested_sample / "gesprekken.db", "/").text


def test_serve_command_answers_on_localhost(ingested_sample):
    with served(ingested_sample) as base:
        url = f"{base}/gesprekken/turns.json?_search=wederkerigheid&_shape=array"
        with urllib.request.urlopen(url, timeout=10) as response:
            rows = json.load(response)
    assert rows, "a word spoken in the sample is found over HTTP"


# --- the plugin package: Datasette finds it installed, and follows base_url ------------------

DATASETTE = [sys.executable, "-m", "datasette"]  # this interpreter's Datasette


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def page_urls(html: str) -> list[str]:
    """Every link, stylesheet, script, player and form target on a page (query and fragment left off)."""
    return [u for u in re.findall(r'(?:href|src|action)="([^"#?]*)', html) if u]


def test_datasette_serve_alone_is_the_knowledge_base(ingested_sample):
    """`datasette serve gesprekken.db` with gesprekken installed: no --plugins-dir, no metadata."""
    with server_process([*DATASETTE, "serve", "gesprekken.db"], ingested_sample) as base:
        status, _, body = fetch(f"{base}/-/gesprekken/zoeken?q=maatwerk")
        html = body.decode()
        assert status == 200 and "<mark>maatwerk</mark>" in html and "Zoek in alle gesprekken" in html
        assert "/-/static-plugins/gesprekken/gesprekken.css" in page_urls(html)
        status, headers, css = fetch(f"{base}/-/static-plugins/gesprekken/gesprekken.css")
        assert status == 200 and headers["content-type"].startswith("text/css") and b".gesprekken-zoek" in css
        (audio,) = {u for u in page_urls(html) if "/audio/" in u}  # recordings/ beside the database
        assert fetch(base + audio, {"range": "bytes=0-9"})[0] == 206


def test_datasette_serve_alone_says_it_shows_everything_in_the_file(workspace, tmp_path):
    """`datasette serve gesprekken.db` served withdrawn participants and ?sql= to anyone, with no sign:
    without gesprekken's metadata its pages carry plain serve's banner when the file holds anything the
    public copy leaves out; the public copy or a published folder gets none."""
    from conftest import run

    from gesprekken.publish import build_public_copy
    from gesprekken.serve import EVERYTHING

    pages = ("/", "/{}", "/-/gesprekken/zoeken?q=wederkerigheid", "/-/gesprekken/gesprek/1ef18611f54b")

    def banners(db: Path, immutable: bool = False, meta: dict | None = None) -> list[bool]:
        async def fetch():
            datasette = Datasette(**({"immutables": [str(db)]} if immutable else {"files": [str(db)]}), metadata=meta)
            found = []
            for page in pages:
                response = await datasette.client.get(page.format(db.stem))
                assert response.status_code == 200, page
                found.append(EVERYTHING in response.text)
            return found

        return asyncio.run(fetch())

    assert banners(workspace / "gesprekken.db") == [True] * len(pages)
    copy = tmp_path / "openbaar.db"
    shutil.copy(build_public_copy(workspace / "gesprekken.db"), copy)
    assert banners(copy, immutable=True) == [False] * len(pages)
    site = tmp_path / "site"
    assert run("publish", site, cwd=workspace).exit_code == 0
    meta = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    assert banners(site / "gesprekken.db", immutable=True, meta=meta) == [False] * len(pages)


def test_every_url_on_the_pages_carries_base_url(ingested_sample):
    command = [*DATASETTE, "serve", "gesprekken.db", "--setting", "base_url", "/kb/"]
    with server_process(command, ingested_sample) as base:
        pages = [
            "/kb/",
            "/kb/-/gesprekken/zoeken?q=maatwerk",
            "/kb/-/gesprekken/zoeken?thema=wijkaanpak&soort=beurten",
            f"/kb/-/gesprekken/gesprek/{SAMPLE_ID}",
            "/kb/gesprekken/turns?_search=maatwerk",
            "/kb/gesprekken/quotes",
            "/kb/gesprekken/conversations",
        ]
        ours = set()
        for page in pages:
            status, _, body = fetch(base + page)
            assert status == 200, page
            urls = [urljoin(page, u) for u in page_urls(body.decode()) if not u.startswith("http")]
            assert urls and all(u.startswith("/kb/") for u in urls), (page, [u for u in urls if "/kb/" not in u])
            ours |= {u for u in urls if "/-/gesprekken/" in u or "/-/static-plugins/gesprekken/" in u}
        # The links of gesprekken's own pages, stylesheet and players all answer under /kb/.
        assert {"/kb/-/gesprekken/zoeken", "/kb/-/static-plugins/gesprekken/gesprekken.css"} <= ours
        assert f"/kb/-/gesprekken/gesprek/{SAMPLE_ID}" in ours and f"/kb/-/gesprekken/audio/{SAMPLE_ID}" in ours
        for url in ours:
            assert fetch(base + url, {"range": "bytes=0-9"})[0] in (200, 206), url


def test_the_built_package_carries_the_plugins_templates_and_stylesheet(ingested_sample, tmp_path):
    """A wheel built from the source, installed on its own: Datasette loads the plugins from its
    entry points and serves their templates and static files (package data)."""
    root = Path(__file__).parent.parent
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source)
    for name in ("gesprekken", "plugins"):
        shutil.copytree(root / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp_path / "dist", source], check=True)
    (wheel,) = (tmp_path / "dist").glob("gesprekken-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", tmp_path / "site", wheel], check=True)
    installed = tmp_path / "site" / "gesprekken" / "plugins"
    # The Dutch tables the analysis reads, with their licences, in place of their packages.
    data = tmp_path / "site" / "gesprekken" / "data"
    for table in ("lemmas/nl_lemma_lookup.json.gz", "wordfreq/small_nl.msgpack.gz"):
        assert {p.name for p in (data / table).parent.iterdir()} == {Path(table).name, "LICENSE", "NOTICE"}
    # Marks in the installed copy show that the server reads it, not the checkout.
    with open(installed / "static" / "gesprekken.css", "a", encoding="utf-8") as css:
        css.write("/* installed copy */\n")
    template = installed / "templates" / "gesprekken_zoeken_inhoud.html"  # the page's content
    template.write_text(template.read_text(encoding="utf-8").replace("</h1>", " (installed copy)</h1>"), "utf-8")
    env = {"PYTHONPATH": str(tmp_path / "site")}  # before the editable checkout on sys.path
    with server_process([*DATASETTE, "serve", "gesprekken.db"], ingested_sample, env) as base:
        html = fetch(f"{base}/-/gesprekken/zoeken?q=maatwerk")[2].decode()
        assert "<mark>maatwerk</mark>" in html and "(installed copy)</h1>" in html
        assert b"/* installed copy */" in fetch(f"{base}/-/static-plugins/gesprekken/gesprekken.css")[2]


LIGHT_SERVER = """
import asyncio, importlib.abc, sys

class Absent(importlib.abc.MetaPathFinder):  # what `pip install --no-deps gesprekken` leaves out
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"faster_whisper", "ctranslate2", "spacy", "torch", "numpy", "scipy",
                                  "sqlite_utils", "resemblyzer", "docx", "rapidfuzz", "srt", "webvtt"}:
            raise ImportError(f"{name} is not installed")

sys.meta_path.insert(0, Absent())
from datasette.app import Datasette

async def main():
    client = Datasette(["gesprekken.db"]).client
    for path in ("/-/gesprekken/zoeken?q=maatwerk", "/gesprekken/turns", "/-/gesprekken/gesprek/1ef18611f54b"):
        print(path, (await client.get(path)).status_code)

asyncio.run(main())
"""


def test_the_plugins_need_neither_whisper_nor_spacy(ingested_sample):
    """A published site's web server installs gesprekken with --no-deps (see publish.SITE_README)."""
    result = subprocess.run(
        [sys.executable, "-c", LIGHT_SERVER], cwd=ingested_sample, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert [line.rsplit(" ", 1)[1] for line in result.stdout.splitlines()] == ["200", "200", "200"], result.stdout


def test_serve_without_database(tmp_path):
    from conftest import run

    result = run("serve", "--db", tmp_path / "nergens.db", cwd=tmp_path)
    assert result.exit_code == 1
    assert "does not exist; run 'gesprekken ingest' first" in result.stderr


def test_serve_with_a_typo_in_the_database_names_the_one_there(tmp_path):
    """`serve --db gesprekkken.db` advised to run 'gesprekken ingest' first: the wrong fix, where the
    database is there under the name the user meant (a newcomer's run)."""
    from conftest import run

    (tmp_path / "gesprekken.db").write_bytes(b"")
    result = run("serve", "--db", tmp_path / "gesprekkken.db", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"does not exist; did you mean {tmp_path / 'gesprekken.db'}?" in " ".join(result.stderr.split())
    assert "ingest" not in result.stderr


SAMPLE_ID = "1ef18611f54b"


def test_audio_route_serves_the_recording_with_ranges(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    recording = (ingested_sample / "recordings" / "sample.mp3").read_bytes()
    full = get(db, f"/-/gesprekken/audio/{SAMPLE_ID}")
    assert full.status_code == 200 and full.content == recording
    assert full.headers["content-type"] == "audio/mpeg" and full.headers["accept-ranges"] == "bytes"
    part = get(db, f"/-/gesprekken/audio/{SAMPLE_ID}", {"range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == recording[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(recording)}"
    tail = get(db, f"/-/gesprekken/audio/{SAMPLE_ID}", {"range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == recording[-50:]
    assert get(db, f"/-/gesprekken/audio/{SAMPLE_ID}", {"range": f"bytes={len(recording)}-"}).status_code == 416


def test_audio_route_serves_nothing_outside_the_recordings_folder(workspace):
    import sqlite3

    db = workspace / "gesprekken.db"
    for attempt in ("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "../../etc/passwd", "bestaatniet"):
        assert get(db, f"/-/gesprekken/audio/{attempt}").status_code == 404, attempt
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE conversations SET recording = ?", ["../../../../../../etc/passwd"])
    response = get(db, f"/-/gesprekken/audio/{SAMPLE_ID}")
    assert response.status_code == 404 and b"root:" not in response.content


def test_a_recording_linked_into_the_recordings_folder_is_played_and_published_as_a_copy(workspace, tmp_path):
    """An organiser who links a big file from another disk into recordings/ and ingests it from there: ingest wrote
    the link's target into the transcript, so serve played nothing and publish called it "outside recordings" and
    published no recording. The link is a recording in recordings/ now; the published site holds a copy of its
    bytes, no link to a file outside its own folder."""
    import sqlite3

    other_disk = tmp_path / "other-disk"
    other_disk.mkdir()
    recording = (workspace / "recordings" / "sample.mp3").read_bytes()
    (workspace / "recordings" / "sample.mp3").rename(other_disk / "sample.mp3")
    (workspace / "recordings" / "tafel-3.mp3").symlink_to(other_disk / "sample.mp3")
    result = run("ingest", "recordings/", cwd=workspace)
    assert result.exit_code == 0, result.output
    text = next((workspace / "transcripts").glob("*.md")).read_text(encoding="utf-8")
    assert re.search(r"^recording: \.\./recordings/tafel-3\.mp3$", text, flags=re.MULTILINE), text[:600]
    served = get(workspace / "gesprekken.db", f"/-/gesprekken/audio/{SAMPLE_ID}")
    assert served.status_code == 200 and served.content == recording
    result = run("publish", "site", cwd=workspace)
    assert result.exit_code == 0 and "and 1 recording" in result.output, result.output
    assert "outside" not in result.output, result.output
    copy = workspace / "site" / "recordings" / f"{SAMPLE_ID}.mp3"
    assert copy.is_file() and not copy.is_symlink() and copy.stat().st_nlink == 1
    assert not [path for path in (workspace / "site").rglob("*") if path.is_symlink()]
    # A link to a folder elsewhere is no folder inside recordings/: what lies there stays out.
    (workspace / "recordings" / "tafel-3.mp3").unlink()
    (workspace / "recordings" / "elders").symlink_to(other_disk)
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        conn.execute("UPDATE conversations SET recording = ?", ["../recordings/elders/sample.mp3"])
    assert get(workspace / "gesprekken.db", f"/-/gesprekken/audio/{SAMPLE_ID}").status_code == 404


@pytest.mark.parametrize(
    "name, content, recordings",
    [
        ("../gesprekken.db", None, "."),  # the database itself, with the workspace as recordings folder
        ("../recordings/kopie.mp3", "database", "recordings"),  # the database named like a recording
        ("../recordings/opname.txt", "recording", "recordings"),  # a real recording, not named as one
        ("../recordings/tekst.mp3", b"ID3 maar geen geluid", "recordings"),
        ("../recordings/leeg.mp3", b"", "recordings"),
    ],
)
def test_audio_route_serves_recordings_only(workspace, name, content, recordings):
    import sqlite3

    db = workspace / "gesprekken.db"
    if content is not None:
        data = {"database": db.read_bytes(), "recording": (workspace / "recordings" / "sample.mp3").read_bytes()}
        (workspace / "transcripts" / name).write_bytes(data.get(content) if isinstance(content, str) else content)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE conversations SET recording = ?", [name])
    for headers in ({}, {"range": "bytes=0-99"}):
        response = get(db, f"/-/gesprekken/audio/{SAMPLE_ID}", headers, recordings=workspace / recordings)
        assert response.status_code == 404 and b"SQLite format" not in response.content, headers


def test_quotes_and_turns_play_exactly_their_clip(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    html = get(db, "/gesprekken/quotes?_search=wederkerigheid").text
    assert f'src="/-/gesprekken/audio/{SAMPLE_ID}#t=' in html
    rows = get(db, "/gesprekken/quotes.json?_shape=array&_search=wederkerigheid").json()
    start, end = rows[0]["start"], rows[0]["end"]
    assert f"#t={start:.2f},{end:.2f}" in html
    assert "<audio controls" in get(db, "/gesprekken/turns?_search=maatwerk").text


def test_captions_cost_one_query_per_page_however_many_rows(ingested_sample, monkeypatch):
    from datasette.database import Database

    queries = []
    execute = Database.execute

    async def counted(self, sql, *args, **kwargs):
        queries.append(sql)
        return await execute(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", counted)
    db = ingested_sample / "gesprekken.db"
    per_page = {}
    for rows in (1, 7):  # the sample has 7 turns
        queries.clear()
        html = get(db, f"/gesprekken/turns?_size={rows}&_sort=seq").text
        assert html.count('class="gesprekken-wie"') == rows
        per_page[rows] = len(queries)
    assert per_page[1] == per_page[7], per_page
    html = get(db, "/gesprekken/turns?_search=maatwerk").text  # a turn's organisation and themes
    assert "— Marloes van der Heijden, Woonstichting De Linie</div>" in html
    assert '<span class="gesprekken-thema">Wederkerigheid</span> <span class="gesprekken-thema">Maatwerk</span>' in html


def test_the_conversation_page_says_when_its_names_are_automatic_until_an_editor_confirms_them(workspace):
    """An attack on naming (session 44): where everyone is published, a pair named the wrong way round by automatic
    naming is public at once, under each other's names, and a visitor could not tell. The page says the names
    are automatic until an editor confirmed each voice shown; then it says nothing."""
    from gesprekken import Workspace

    said = "Wie wat zei, is automatisch herkend; de redactie heeft de namen nog niet gecontroleerd."
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    assert said in get(ws.public_copy(), f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    assert said in get(workspace / "gesprekken.db", f"/-/gesprekken/gesprek/{SAMPLE_ID}").text  # the editors' too
    assert run("publication", SAMPLE_ID, "internal", cwd=workspace).exit_code == 0  # a status changes no name
    assert run("publication", SAMPLE_ID, "published", "--yes", cwd=workspace).exit_code == 0
    assert said in get(ws.public_copy(), f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    confirm_voices(workspace)
    assert said not in get(ws.public_copy(), f"/-/gesprekken/gesprek/{SAMPLE_ID}").text


def test_a_database_from_before_the_names_checked_column_says_so_at_once(workspace):
    """A reviewer's find: the column came with 1 for every conversation of a database from before it, so an upgraded
    site said nothing until 'gesprekken load'. The migration reads the voices the database holds."""
    import sqlite3

    from gesprekken.storage import open_db

    db = workspace / "gesprekken.db"
    with sqlite3.connect(db) as conn:  # as a database from before m015
        conn.execute("ALTER TABLE conversations DROP COLUMN names_checked")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm015_names_checked'")
    conn.close()
    open_db(db).conn.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT names_checked FROM conversations").fetchall() == [(0,)]
    conn.close()


def test_the_conversation_page_shows_the_editors_intro_and_the_public_one_without_a_withdrawn_name(workspace):
    """The intro an editor writes at the desk was in the article only: the conversation page shows it under the
    title now, on the editors' site at once and on the public one, where a withdrawn participant's name (and the
    aside that says who he is) is left out of it as in the article."""
    from gesprekken import Workspace
    from gesprekken.desk import version_of

    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    desk = ws.desk(SAMPLE_ID, actor="editor")
    intro = "Joost de Boer (gemeente Zwolle) en Marloes van der Heijden praten over de wijk & de <buurt>."
    desk.set_intro(version_of(desk.path.read_text(encoding="utf-8")), intro)
    page = get(workspace / "gesprekken.db", f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    assert '<p class="inleiding" id="inleiding"><em>Joost de Boer (gemeente Zwolle) en Marloes van der' in page
    assert "de wijk &amp; de &lt;buurt&gt;." in page
    public = get(ws.public_copy(), f"/-/gesprekken/gesprek/{SAMPLE_ID}").text  # the public site's page too
    assert '<p class="inleiding" id="inleiding"><em>Joost de Boer (gemeente Zwolle) en Marloes van der' in public
    assert run("publication", SAMPLE_ID, "withdrawn", "--participant", "Joost de Boer", cwd=workspace).exit_code == 0
    public = get(ws.public_copy(), f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    assert "<em>[naam verwijderd] en Marloes van der Heijden praten over de wijk" in public
    assert "Joost" not in public and "(gemeente Zwolle)" not in public


def test_the_public_page_marks_where_a_withdrawn_persons_turn_was_left_out(workspace):
    """A newcomer's run: with Joost withdrawn, the public conversation page showed Marloes's turns side by side with
    nothing between them, where the article prints "[…]". The page marks the gap now; the editors' view, which
    shows his turns (marked), has none."""
    from gesprekken import Workspace

    confirm_voices(workspace)
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    public = ws.public_copy()
    html = get(public, f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    speakers = re.findall(r'<p id="beurt-[^"]*" class="beurt">.*?<strong title="([^"]+)"', html)
    assert speakers and set(speakers) == {"Marloes van der Heijden"}
    gaps = html.count('<p class="beurt weggelaten"')
    assert gaps >= 1 and "[…]" in html
    # between two of her turns, never before the first
    assert html.index('class="beurt weggelaten"') > html.index('class="beurt">')
    assert 'class="beurt weggelaten"' not in get(workspace / "gesprekken.db", f"/-/gesprekken/gesprek/{SAMPLE_ID}").text


def test_a_conversation_without_a_conference_shows_no_dangling_separator(workspace):
    """A newcomer's run: a programme without a conference column gave the page "<p class="aantal"> · 2026-11-13"."""
    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^conference: .*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    html = get(workspace / "gesprekken.db", f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    (line,) = re.findall(r'<p class="aantal">([^<]*)', html)
    assert line == "2026-11-12", line


def test_a_player_is_offered_only_where_the_recording_is_served(workspace):
    """The conversation page showed a player only for a recording the audio route serves; the search
    page and the table cells offered one on every row, and a conversation whose recording is gone
    played a 404. Its text still shows, without a player; the other conversation keeps its players."""
    gone = "2ef18611f54c"
    text = next((workspace / "transcripts").glob("*.md")).read_text(encoding="utf-8")
    text = text.replace(f"id: {SAMPLE_ID}\n", f"id: {gone}\n", 1).replace("title: Wederkerigheid", "title: Zonder", 1)
    text = text.replace(f"recording_sha256: {SAMPLE_ID}", f"recording_sha256: {gone}", 1)  # another recording's
    text = re.sub(r"^recording: .*$", "recording: ../recordings/weg.mp3", text, count=1, flags=re.MULTILINE)
    (workspace / "transcripts" / "zonder-opname.md").write_text(text, encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    db = workspace / "gesprekken.db"
    assert get(db, f"/-/gesprekken/audio/{gone}").status_code == 404
    assert "<audio" not in get(db, f"/-/gesprekken/gesprek/{gone}").text
    found = get(db, "/-/gesprekken/zoeken.json?q=maatwerk").json()
    rows = [row for kind in found["kinds"] for row in kind["rows"]]
    assert {row["conversation_id"] for row in rows} == {SAMPLE_ID, gone}
    for row in rows:
        assert (row["audio"] is None) == (row["conversation_id"] == gone), row
    html = get(db, "/-/gesprekken/zoeken?q=maatwerk").text
    assert html.count('<article class="treffer"') == len(rows) and "Zonder in de wijk" in html
    assert html.count("<audio") == len([row for row in rows if row["conversation_id"] == SAMPLE_ID])
    assert f"/-/gesprekken/audio/{SAMPLE_ID}#t=" in html and f"/-/gesprekken/audio/{gone}" not in html
    for table in ("turns", "quotes", "action_points"):
        html = get(db, f"/gesprekken/{table}?_size=max").text
        cells = html.count('<div class="gesprekken-quote">')
        assert cells >= 2 and html.count("<audio controls") * 2 == cells, table  # the same rows in both
        assert f"/-/gesprekken/audio/{SAMPLE_ID}#t=" in html and f"/-/gesprekken/audio/{gone}" not in html, table


def test_hostile_text_and_names_render_escaped(workspace):
    import sqlite3

    db = workspace / "gesprekken.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE turns SET text = '<script>alert(1)</script> maatwerk', "
            "speaker = '<img src=x onerror=alert(2)>' WHERE seq = 1"
        )
    html = get(db, "/gesprekken/turns?_search=maatwerk").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_quotes_facet_by_theme_and_canned_queries_answer(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    facets = get(db, "/gesprekken/quotes.json?_shape=objects").json()["facet_results"]
    themes = {item["value"] for item in facets["themes"]["results"]}
    assert "wederkerigheid" in themes and "speaker" in facets and "organisation" in facets
    rows = get(db, "/gesprekken/citaten_over_thema.json?thema=wederkerigheid&_shape=array").json()
    assert rows and all("wederkerigheid" in r["text"].lower() for r in rows[:1])
    rows = get(db, "/gesprekken/wat_een_organisatie_zei.json?organisatie=Zwolle&_shape=array").json()
    assert rows and {r["speaker"] for r in rows} == {"Joost de Boer"}
    assert get(db, "/gesprekken/actiepunten_per_thema.json?_shape=array").status_code == 200
    rows = get(db, "/gesprekken/citaten_van_een_spreker.json?spreker=Marloes+van+der+Heijden&_shape=array").json()
    assert rows and rows[0]["congres"] == "Woonconferentie 2026"


def test_canned_queries_match_names_in_any_case_diacritics_included(workspace):
    """SQLite's LIKE ignores the case of ASCII letters only: "WOONCOÖPERATIE" found no
    "Wooncoöperatie", "één loket" no "Één Loket"; and a speaker's name had to be typed in its exact
    case. Names are compared casefolded, as everywhere in gesprekken."""
    import sqlite3

    db = workspace / "gesprekken.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE participants SET organisation = 'Stichting Één Loket, Wooncoöperatie Straße' "
            "WHERE name = 'Joost de Boer'"
        )
        conn.execute("UPDATE quotes SET speaker = 'Özlem Çelik' WHERE speaker = 'Marloes van der Heijden'")
    query = "/gesprekken/wat_een_organisatie_zei.json?_shape=array&organisatie="
    said = get(db, query + "Één Loket").json()
    assert said and {r["speaker"] for r in said} == {"Joost de Boer"}
    for typed in ("één loket", "ÉÉN LOKET", "wooncoöperatie", "WOONCOÖPERATIE", "STRASSE", "stichting één"):
        assert get(db, query + quote(typed)).json() == said, typed
    assert get(db, query + "gemeente").json() == []  # the organisation the sample gave him is gone
    spoken = get(db, "/gesprekken/citaten_van_een_spreker.json?_shape=array&spreker=Özlem+Çelik").json()
    assert spoken
    for typed in ("özlem çelik", "ÖZLEM ÇELIK"):
        assert get(db, f"/gesprekken/citaten_van_een_spreker.json?_shape=array&spreker={quote(typed)}").json() == spoken
    assert get(db, "/gesprekken/citaten_van_een_spreker.json?_shape=array&spreker=Özlem").json() == []  # a whole name


# --- the search page and the conversation page (plugins/gesprekken_pages.py) ---------------


def test_one_search_box_finds_quotes_turns_and_action_points(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    found = get(db, "/-/gesprekken/zoeken.json?q=wijkaanpak").json()
    counts = {kind["kind"]: kind["count"] for kind in found["kinds"]}
    assert counts == {"citaten": 1, "beurten": 1, "actiepunten": 1}
    action = next(k for k in found["kinds"] if k["kind"] == "actiepunten")["rows"][0]
    assert action["speaker"] == "Joost de Boer" and action["organisation"] == "gemeente Zwolle"
    assert action["audio"] == f"/-/gesprekken/audio/{SAMPLE_ID}#t={action['start']:.2f},{action['end']:.2f}"
    assert {"id": "wijkaanpak", "label": "Wijkaanpak"} in action["themes"]


def test_search_finds_the_compound_from_its_first_part(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    found = get(db, "/-/gesprekken/zoeken.json?q=wederkerig").json()  # said: "wederkerigheid"
    quotes = next(k for k in found["kinds"] if k["kind"] == "citaten")
    assert re.search(r"\bwederkerig\w+", quotes["rows"][0]["text"].lower())
    assert get(db, "/-/gesprekken/zoeken.json?q=huurachterstandenregeling").json()["kinds"][1]["count"] == 0


def test_search_page_highlights_and_facets_by_theme(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    html = get(db, "/-/gesprekken/zoeken?q=maatwerk").text
    assert "<mark>maatwerk</mark>" in html
    assert 'href="?q=maatwerk&amp;thema=wederkerigheid"' in html  # a theme facet of the turn found
    narrowed = get(db, "/-/gesprekken/zoeken.json?q=maatwerk&thema=wederkerigheid").json()
    assert [k["count"] for k in narrowed["kinds"]] == [0, 1, 0]  # the quote is about maatwerk only
    assert narrowed["facets"]["thema"] == [
        {"value": "maatwerk", "label": "Maatwerk", "count": 1},
        {"value": "wederkerigheid", "label": "Wederkerigheid", "count": 1},
    ]


def test_facets_count_each_turn_of_the_sample_once_per_value():
    import sqlite3

    from gesprekken.plugins import gesprekken_pages as pages

    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE turns (speaker TEXT, organisation TEXT, conference TEXT, themes TEXT, "
        "id TEXT, conversation_id TEXT)"
    )
    conn.executemany(
        "INSERT INTO turns VALUES (?, ?, ?, ?, ?, 'c1')",
        [
            ("Ans Kok", "gemeente Zwolle", "Wonen 2026", '["maatwerk", "wijk"]', "t1"),
            ("Ans Kok", "gemeente Zwolle", "Wonen 2026", '["maatwerk", "wijk"]', "t2"),
            ("", None, "Wonen 2026", None, "t3"),  # no speaker, organisation or themes: counted for none
            ("Bert Mol", "", "Zorg 2026", '["wijk"]', "t4"),
            ("Cor Vis", "Woonbond", "Zorg 2026", '["maatwerk"]', "t5"),  # not in the sample
        ],
    )
    sample = pages._facet_sample(conn, [4, 3, 2, 1])
    assert len(sample) == 4
    facets = pages._facets(sample, {"wijk": "Wijkaanpak"}, {})
    assert facets == {
        "thema": [
            {"value": "wijk", "label": "Wijkaanpak", "count": 3},
            {"value": "maatwerk", "label": "maatwerk", "count": 2},
        ],
        "spreker": [
            {"value": "Ans Kok", "label": "Ans Kok", "count": 2},
            {"value": "Bert Mol", "label": "Bert Mol", "count": 1},
        ],
        "organisatie": [{"value": "gemeente Zwolle", "label": "gemeente Zwolle", "count": 2}],
        "congres": [
            {"value": "Wonen 2026", "label": "Wonen 2026", "count": 3},
            {"value": "Zorg 2026", "label": "Zorg 2026", "count": 1},
        ],
    }
    assert pages._facets(pages._facet_sample(conn, []), {}, {}) == {name: [] for name in pages.FILTERS}
    # Ans Kok's turns withdrawn: her entries say so; one the public sees a turn of too does not.
    marked = pages._facets(sample, {}, {"t1": "withdrawn", "t2": "withdrawn", "t4": "internal"})
    assert marked["spreker"] == [
        {"value": "Ans Kok", "label": "Ans Kok", "count": 2, "niet_openbaar": "ingetrokken"},
        {"value": "Bert Mol", "label": "Bert Mol", "count": 1, "niet_openbaar": "intern"},
    ]
    assert marked["organisatie"][0]["niet_openbaar"] == "ingetrokken"
    assert [v.get("niet_openbaar") for v in marked["congres"]] == [None, "intern"]  # Wonen 2026: t3 is public
    assert not [v for v in marked["thema"] if "niet_openbaar" in v]  # a turn's themes: a list, not marked


def test_facets_count_only_the_newest_sample_and_give_way_to_the_results(monkeypatch):
    import sqlite3

    from gesprekken.plugins import gesprekken_pages as pages

    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE turns (speaker TEXT, organisation TEXT, conference TEXT, themes TEXT, "
        "id TEXT, conversation_id TEXT)"
    )
    conn.executemany(
        "INSERT INTO turns VALUES (?, ?, ?, ?, ?, 'c1')",
        [(f"Spreker {k % 7}", "", "Wonen 2026", '["wijk"]', f"t{k}") for k in range(3000)],
    )
    newest_first = list(range(3000, 0, -1))
    monkeypatch.setattr(pages, "FACET_SAMPLE", 50)
    sample = pages._facet_sample(conn, newest_first)
    facets = pages._facets(sample, {}, {})
    assert len(sample) == 50  # the first 50 rowids given (the newest matches), not every match
    assert facets["thema"] == [{"value": "wijk", "label": "wijk", "count": 50}]
    assert sum(item["count"] for item in facets["spreker"]) == 50

    # A sample SQLite cannot count within the time limit is left out, never waited for.
    monkeypatch.setattr(pages, "FACET_SAMPLE", 3000)
    monkeypatch.setattr(pages, "FACET_TIME_LIMIT_MS", 1)
    slow = "SELECT speaker, organisation, conference, themes FROM turns, (SELECT 1 FROM turns LIMIT 300) "
    monkeypatch.setattr(pages, "FACET_SAMPLE_ROWS", slow + "WHERE turns.rowid IN (SELECT value FROM json_each(:ids))")
    assert pages._facet_sample(conn, newest_first) is None


def test_a_theme_alone_browses_everything_about_it(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    found = get(db, "/-/gesprekken/zoeken.json?thema=wijkaanpak").json()
    turns = next(k for k in found["kinds"] if k["kind"] == "beurten")
    assert turns["count"] == 1 and "wijkaanpak" in turns["rows"][0]["text"]
    by_speaker = get(db, "/-/gesprekken/zoeken.json?spreker=Joost+de+Boer").json()
    assert {r["speaker"] for k in by_speaker["kinds"] for r in k["rows"]} == {"Joost de Boer"}
    said = get(db, "/-/gesprekken/zoeken.json?q=maatwerk&spreker=Marloes+van+der+Heijden").json()
    assert [k["count"] for k in said["kinds"]] == [1, 1, 0]
    not_said = get(db, "/-/gesprekken/zoeken.json?q=maatwerk&spreker=Joost+de+Boer").json()
    assert [k["count"] for k in not_said["kinds"]] == [0, 0, 0]
    partial = get(db, "/-/gesprekken/zoeken.json?q=maatwerk&spreker=Marloes").json()  # a speaker filter is exact
    assert [k["count"] for k in partial["kinds"]] == [0, 0, 0]


@pytest.mark.parametrize("typed", ['"', "NEAR(", "maatwerk OR", "*", "a:b", "'; DROP TABLE turns; --", "\u0000"])
def test_whatever_a_visitor_types_is_searched_as_text(ingested_sample, typed):
    response = get(ingested_sample / "gesprekken.db", f"/-/gesprekken/zoeken.json?q={quote(typed)}")
    assert response.status_code == 200, response.text


def test_conversation_page_reads_as_the_article(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    html = get(db, f"/-/gesprekken/gesprek/{SAMPLE_ID}").text
    headline = get(db, f"/gesprekken/conversations/{SAMPLE_ID}.json?_shape=array").json()[0]["headline"]
    assert fuzz.partial_ratio("Voor mij gaat het om wederkerigheid", headline) >= 80  # the script's sentence
    assert f"“{escape(headline.rstrip('.'))}”" in html
    assert "<strong>Joost de Boer</strong>, sectormanager wonen, gemeente Zwolle" in html
    # The full name on a speaker's first turn, the surname after.
    assert html.index("Marloes van der Heijden:</strong>") < html.index("Van der Heijden:</strong>")
    assert html.count("De Boer:</strong>") == 2 and html.count("Joost de Boer:</strong>") == 1
    turns = get(db, f"/gesprekken/turns.json?conversation_id={SAMPLE_ID}&_shape=array&_sort=seq").json()
    first = turns[0]
    assert (
        f'href="/-/gesprekken/audio/{SAMPLE_ID}#t={first["start"]:.2f},{first["end"]:.2f}" '
        f'data-start="{first["start"]:.2f}"'
    ) in html
    assert get(db, "/-/gesprekken/gesprek/bestaatniet").status_code == 404


def test_conversation_titles_link_to_their_article(ingested_sample):
    html = get(ingested_sample / "gesprekken.db", "/gesprekken/conversations").text
    assert f'<a href="/-/gesprekken/gesprek/{SAMPLE_ID}">Wederkerigheid in de wijk</a>' in html


def test_hostile_text_is_escaped_on_the_search_and_conversation_pages(workspace):
    import sqlite3

    db = workspace / "gesprekken.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE turns SET text = '<script>alert(1)</script> maatwerk', "
            "speaker = '<img src=x onerror=alert(2)>' WHERE seq = 1"
        )
        conn.execute("UPDATE conversations SET title = '<b>kop</b>', headline = '<i>x</i>'")
    for path in (
        "/-/gesprekken/zoeken?q=maatwerk",
        f"/-/gesprekken/gesprek/{SAMPLE_ID}",
        "/-/gesprekken/zoeken?q=%3Cscript%3Ealert(3)%3C/script%3E",
        "/gesprekken/conversations",
    ):
        html = get(db, path).text
        for payload in ("<script>alert(", "<img src=x", "<b>kop</b>", "<i>x</i>"):
            assert payload not in html, (path, payload)


@pytest.mark.parametrize(
    "header, status, first, last",
    [
        ("bytes=-", 416, None, None),
        ("bytes=" + "9" * 5000 + "-", 416, None, None),  # int() of 5,000 digits fails: it was a 500
        ("bytes=" + "9" * 5000 + "-3", 416, None, None),
        ("bytes=5-2", 416, None, None),
        ("bytes=-0", 416, None, None),
        ("bytes=0-" + "9" * 5000, 206, 0, None),  # an end past any file: to the end
        ("bytes=-" + "9" * 5000, 206, 0, None),  # more of the end than there is: all of it
        ("bytes=100-199", 206, 100, 199),
        ("bytes=0-1, 5-6", 200, 0, None),  # several ranges: the whole file, as a server may answer
        ("octets=0-1", 200, 0, None),
    ],
)
def test_every_range_gets_an_answer_and_never_a_500(ingested_sample, header, status, first, last):
    recording = (ingested_sample / "recordings" / "sample.mp3").read_bytes()
    response = get(ingested_sample / "gesprekken.db", f"/-/gesprekken/audio/{SAMPLE_ID}", {"range": header})
    assert response.status_code == status
    if status == 416:
        assert response.headers["content-range"] == f"bytes */{len(recording)}"
    else:
        assert response.content == recording[first : None if last is None else last + 1]


def test_unknown_pages_under_gesprekken_are_404(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    for path in ("/-/gesprekken/bestaatniet", "/-/gesprekken/audio/x/y", "/-/gesprekken/zoeken.csv", "/-/gesprekken/"):
        response = get(db, path)
        assert response.status_code == 404 and "Deze pagina bestaat niet." in response.text, path
    response = get(db, "/-/gesprekken/bestaatniet.json")
    assert response.status_code == 404 and response.json()["error"] == "Deze pagina bestaat niet."
    assert "Geen gesprek met dit id." in get(db, "/-/gesprekken/gesprek/bestaatniet").text


def test_a_long_query_is_cut_and_the_page_says_so(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    typed = "maatwerk " + "x" * 20_000
    found = get(db, f"/-/gesprekken/zoeken.json?q={quote(typed)}").json()
    assert found["q_shortened"] and found["q"] == typed[:500]
    assert [k["count"] for k in found["kinds"]] == [0, 0, 0]  # "x…x" is a word nobody said
    html = get(db, f"/-/gesprekken/zoeken?q={quote(typed)}").text
    assert "Je zoekopdracht was langer dan 500 tekens: gezocht is op de eerste 500." in html
    short = get(db, "/-/gesprekken/zoeken?q=maatwerk+maatwerk").text
    assert "langer dan 500" not in short and "<mark>maatwerk</mark>" in short


def test_a_range_without_end_on_a_long_recording_is_answered_in_pieces(workspace):
    recording = workspace / "recordings" / "sample.mp3"
    recording.write_bytes(recording.read_bytes() * 20)  # about 6 MiB
    size = recording.stat().st_size
    piece = get(workspace / "gesprekken.db", f"/-/gesprekken/audio/{SAMPLE_ID}", {"range": "bytes=0-"})
    assert piece.status_code == 206 and len(piece.content) == 4 * 1024 * 1024
    assert piece.headers["content-range"] == f"bytes 0-{4 * 1024 * 1024 - 1}/{size}"


def test_a_search_with_more_matches_than_it_ranks_says_so(workspace, monkeypatch):
    """The shortcuts that keep a search fast at a million turns, on a small database with small limits."""
    import sqlite3

    from gesprekken.plugins import gesprekken_pages as pages

    db_path = workspace / "gesprekken.db"
    with sqlite3.connect(db_path) as conn:  # the sample's turns 40 times over (FTS kept by its triggers)
        for n in range(1, 40):
            conn.execute(
                'INSERT INTO turns (id, conversation_id, seq, speaker, participant_id, start, "end", text, '
                "organisation, conference, themes) "
                'SELECT id || ?, conversation_id, seq + ?, speaker, participant_id, start, "end", text, '
                "organisation, conference, themes FROM turns WHERE id NOT LIKE '%-x%'",
                [f"-x{n}", 100 * n],
            )
            conn.execute(
                "INSERT INTO turn_themes (turn_id, theme_id) SELECT turn_id || ?, theme_id FROM turn_themes "
                "WHERE turn_id NOT LIKE '%-x%'",
                [f"-x{n}"],
            )
    for name, value in {"MATCH_CAP": 30, "FACET_SAMPLE": 15}.items():
        monkeypatch.setattr(pages, name, value)
    database = Datasette([str(db_path)]).get_database("gesprekken")
    filters = dict.fromkeys(pages.FILTERS, "")
    newest = {f"1ef18611f54b-0005-x{n}" for n in range(10, 40)}  # the newest 30 of the 40 turns

    found = asyncio.run(pages.search(database, "maatwerk", filters))  # said in 40 turns
    turns = next(k for k in found["kinds"] if k["kind"] == "beurten")
    # Counted to the cap, and the best by relevance of the newest 30: never an older turn.
    assert (turns["count"], turns["exact"], turns["order"]) == (30, False, "relevance_newest")
    assert len(turns["rows"]) == 20 and {r["id"] for r in turns["rows"]} <= newest
    assert found["facet_rows"] == 15
    assert {"value": "maatwerk", "label": "Maatwerk", "count": 15} in found["facets"]["thema"]
    quotes = next(k for k in found["kinds"] if k["kind"] == "citaten")
    assert (quotes["count"], quotes["exact"], quotes["order"]) == (1, True, "relevance")

    # A filter is a word of the index: the same one pass, the same caps.
    narrowed = asyncio.run(pages.search(database, "maatwerk", {**filters, "thema": "wederkerigheid"}))
    turns = next(k for k in narrowed["kinds"] if k["kind"] == "beurten")
    assert (turns["count"], turns["exact"], turns["order"]) == (30, False, "relevance_newest")
    assert {r["id"] for r in turns["rows"]} <= newest

    # A filter alone, more matches than the cap: the newest first.
    browsed = asyncio.run(pages.search(database, "", {**filters, "thema": "maatwerk"}))
    turns = next(k for k in browsed["kinds"] if k["kind"] == "beurten")
    assert (turns["count"], turns["exact"], turns["order"]) == (30, False, "newest")
    assert [r["id"] for r in turns["rows"][:2]] == ["1ef18611f54b-0005-x39", "1ef18611f54b-0005-x38"]

    html = get(db_path, "/-/gesprekken/zoeken?q=maatwerk").text  # the page says what it counted and ranked
    assert 'Beurten <span class="aantal">(meer dan 30)</span>' in html
    assert "Meer dan 30 treffers: de beste van de nieuwste 30." in html
    monkeypatch.undo()
    html = get(db_path, "/-/gesprekken/zoeken?q=maatwerk").text  # the real limits: all 40 ranked
    assert 'Beurten <span class="aantal">(40)</span>' in html and "nieuwste" not in html


def test_every_visible_column_is_described(ingested_sample):
    import sqlite3

    tables = metadata(ingested_sample / "gesprekken.db")["databases"]["gesprekken"]["tables"]
    with sqlite3.connect(ingested_sample / "gesprekken.db") as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in names:
            if table.endswith(("_fts", "_data", "_idx", "_docsize", "_config", "_content")) or tables.get(
                table, {}
            ).get("hidden"):
                continue
            # table_xinfo, as Datasette reads it: generated columns too
            columns = [row[1] for row in conn.execute(f"PRAGMA table_xinfo([{table}])")]
            assert set(columns) <= set(tables[table]["columns"]), (table, set(columns) - set(tables[table]["columns"]))


def test_an_older_database_gets_its_filters_in_the_search_index(ingested_sample, tmp_path):
    """Migration m010 on a database from before it: the same filtered searches as a new one."""
    import sqlite3

    from gesprekken.plugins.gesprekken_pages import _search
    from sqlite_utils import Database

    from gesprekken.storage import migrations, open_db

    old = Database(tmp_path / "oud.db")
    migrations.apply(old, stop_before="m010_filters_in_search_index")
    assert "search_filters" not in {c.name for c in old["turns"].columns}  # truly a database from before
    old.execute("ATTACH ? AS sample", [str(ingested_sample / "gesprekken.db")])
    for table in ("conversations", "participants", "turns", "themes", "turn_themes", "quotes", "action_points"):
        columns = ", ".join(f"[{c.name}]" for c in old[table].columns)
        old.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM sample.{table}")
    old.conn.commit()
    old.execute("DETACH sample")
    old.conn.close()
    open_db(tmp_path / "oud.db").conn.close()

    def found(path: Path, text: str, **filters) -> list[tuple[str, list[str]]]:
        with sqlite3.connect(path) as conn:
            conn.row_factory = sqlite3.Row
            result = _search(
                conn, text, {"thema": "", "spreker": "", "organisatie": "", "congres": "", **filters}, None
            )
        return [(kind["kind"], [row["id"] for row in kind["rows"]]) for kind in result["kinds"]]

    with sqlite3.connect(ingested_sample / "gesprekken.db") as conn:
        conference, organisation = conn.execute(
            "SELECT c.conference, p.organisation FROM participants p JOIN conversations c ON c.id = p.conversation_id "
            "WHERE p.name = 'Marloes van der Heijden'"
        ).fetchone()
    searches = [
        ("maatwerk", {"thema": "wederkerigheid"}),
        ("", {"thema": "wijkaanpak"}),
        ("maatwerk", {"spreker": "Marloes van der Heijden"}),
        ("", {"organisatie": organisation}),
        ("wederkerigheid", {"congres": conference}),
    ]
    for text, filters in searches:
        migrated = found(tmp_path / "oud.db", text, **filters)
        assert migrated == found(ingested_sample / "gesprekken.db", text, **filters), (text, filters)
        assert any(ids for _, ids in migrated), (text, filters)  # the search finds something
    assert found(tmp_path / "oud.db", "maatwerk", spreker="Marloes") == [
        ("citaten", []),
        ("beurten", []),
        ("actiepunten", []),
    ]


def test_an_immutable_database_is_read_through_a_memory_map(ingested_sample):
    """A published site's pages come from the OS file cache (issue 17); a live database is left alone."""
    db_path = str(ingested_sample / "gesprekken.db")

    def mmap_size(datasette):
        return asyncio.run(datasette.get_database("gesprekken").execute("PRAGMA mmap_size")).first()[0]

    assert mmap_size(Datasette(immutables=[db_path])) > 0  # SQLite's build may cap the size asked for
    assert mmap_size(Datasette([db_path])) == 0


def test_a_page_asks_nothing_about_its_templates_without_a_template_dir(ingested_sample, tmp_path, monkeypatch):
    """Jinja looked at every template's modification time on every page: a stat per template, 4 % of a
    page's CPU under a crowd (issue 17). Installed templates do not change while Datasette runs; a
    --template-dir's are still read again when they are edited."""
    import os
    import sqlite3

    db_path = str(ingested_sample / "gesprekken.db")
    with sqlite3.connect(db_path) as conn:
        conversation_id = conn.execute("SELECT id FROM conversations").fetchone()[0]
    paths = ["/-/gesprekken/zoeken?q=gemeente", f"/-/gesprekken/gesprek/{conversation_id}", "/gesprekken/turns"]
    asked = []
    getmtime = os.path.getmtime

    def counted(path):
        asked.append(path)
        return getmtime(path)

    async def pages(datasette):
        for path in paths:  # the first time: the templates are read
            assert (await datasette.client.get(path)).status_code == 200
        monkeypatch.setattr(os.path, "getmtime", counted)
        bodies = [(await datasette.client.get(path)).text for path in paths]
        monkeypatch.setattr(os.path, "getmtime", getmtime)
        return bodies

    asyncio.run(pages(Datasette(immutables=[db_path])))
    assert [path for path in asked if path.endswith(".html")] == []

    (tmp_path / "gesprekken_zoeken_inhoud.html").write_text("<p>eerste versie</p>", encoding="utf-8")
    datasette = Datasette(immutables=[db_path], template_dir=str(tmp_path))
    assert "eerste versie" in asyncio.run(pages(datasette))[0]
    (tmp_path / "gesprekken_zoeken_inhoud.html").write_text("<p>tweede versie</p>", encoding="utf-8")
    later = os.stat(tmp_path / "gesprekken_zoeken_inhoud.html").st_mtime + 10
    os.utime(tmp_path / "gesprekken_zoeken_inhoud.html", (later, later))
    assert "tweede versie" in asyncio.run(pages(datasette))[0]


def test_the_login_page_without_a_password_names_the_server_to_start(tmp_path, monkeypatch):
    """The login page of `serve --public` started without a password hash told its operator to start
    plain `gesprekken serve`, which shows everything to whoever reaches it; a published site told
    its visitors how to start a server. Each says what fits it, in place of a form that can never
    succeed (a newcomer's run of the README met the form), and no path of the server."""
    import sqlite3

    from datasette_auth_passwords.utils import hash_password

    from gesprekken.serve import PASSWORD_ENV

    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    db, public = tmp_path / "gesprekken.db", tmp_path / "gesprekken-openbaar.db"
    for path in (db, public):
        sqlite3.connect(path).close()

    def login_page(files: list[Path], meta: dict | None) -> str:
        async def fetch():
            datasette = Datasette([str(f) for f in files], metadata=meta)
            response = await datasette.client.get("/-/login")
            assert response.status_code == 200
            assert "<form" not in response.text and 'type="password"' not in response.text
            posted = await datasette.client.post("/-/login", data={"username": "editor", "password": "x"})
            assert "ds_actor" not in posted.cookies and 'type="password"' not in posted.text
            return re.search(r'<p class="message-info">(.*?)</p>', response.text, re.S)[1].strip()

        return asyncio.run(fetch())

    said = login_page([db, public], metadata(db, tmp_path, tmp_path, public_db=public))
    assert said.startswith("Voor deze server is geen wachtwoord voor de redactie ingesteld"), said
    assert said.endswith("=$(datasette hash-password) gesprekken serve --public."), said
    assert str(tmp_path) not in said and ".venv" not in said, said
    said = login_page([db], metadata(db, tmp_path, tmp_path))
    assert said.endswith("gesprekken serve.") and "--public" not in said, said
    for meta in (metadata(db, None, None), None):  # a published site; `datasette serve` alone
        said = login_page([public], meta)
        assert "hash-password" not in said and "gesprekken serve" in said, said

    monkeypatch.setenv(PASSWORD_ENV, hash_password("geheim", iterations=1000))  # with a password: the form
    page = asyncio.run(Datasette([str(db)], metadata=metadata(db, tmp_path, tmp_path)).client.get("/-/login"))
    assert 'type="password"' in page.text and "message-info" not in page.text


def test_an_error_whose_message_is_no_text_still_gets_its_dutch_page():
    """A plugin's DatasetteError may carry None or an exception as its message: the error page shows
    its title (and the text, if any) instead of failing to render the page about the error."""
    from gesprekken.plugins import error_page

    assert error_page(400, "Ongeldige invoer", None) == {
        "status": 400,
        "title": "Dat lukte niet",
        "message": "Ongeldige invoer",
    }
    said = error_page(400, "Invalid SQL", ValueError("no such column: x"))
    assert said["message"] == "Invalid SQL: no such column: x"
    assert error_page(404, None, None)["title"] == "Niet gevonden"


def test_a_500_in_json_never_shows_the_exceptions_text(tmp_path, monkeypatch):
    """Datasette answers an error of a .json path itself, with the exception's text: a visitor's
    `?_through=garbage` got "Expecting value: line 1 column 1 (char 0)", and a failure inside the
    server its message, a path on its disk with it. Now it says, in Dutch, what the HTML page says."""
    import sqlite3

    from datasette import hookimpl
    from datasette.plugins import pm

    db = tmp_path / "gesprekken-openbaar.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE turns (id TEXT PRIMARY KEY, text TEXT)")
    conn.close()
    secret = f"{tmp_path}/gesprekken.db is stuk"

    class Broken:
        __name__ = "Broken"

        @hookimpl
        def register_routes(self):
            async def broken():
                raise RuntimeError(secret)

            return [(r"^/-/kapot\.json$", broken)]

    async def answers():
        datasette = Datasette([str(db)])
        paths = ("/-/kapot.json", "/gesprekken-openbaar/turns.json?_through=garbage")
        return [await datasette.client.get(path) for path in (*paths, "/gesprekken-openbaar/turns.json?_sort=x")]

    pm.register(Broken(), name="kapot")
    try:
        broken, through, sort = asyncio.run(answers())
    finally:
        pm.unregister(name="kapot")
    for response in (broken, through):
        assert response.status_code == 500
        assert response.json()["error"] == "Er ging op de server iets mis. Probeer het later opnieuw."
        assert str(tmp_path) not in response.text and "Expecting value" not in response.text
    assert sort.json()["error"] == "Op x kan deze tabel niet gesorteerd worden."  # the visitor's own ask
    assert sort.status_code == 400 and sort.json()["status"] == 400  # not the server's fault (Datasette: 500)


def test_datasettes_error_pages_are_dutch_and_never_show_internals(tmp_path, monkeypatch):
    """Datasette's own 403, 404 and 500 pages were English ("Error 404", "Table not found") among
    Dutch pages, with no way back; a 500 showed the exception's text, a server's path with it."""
    import sqlite3

    from datasette import hookimpl
    from datasette.plugins import pm

    from gesprekken.serve import PASSWORD_ENV

    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    db, public = tmp_path / "gesprekken.db", tmp_path / "gesprekken-openbaar.db"
    for path in (db, public):
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE conversations (id TEXT, date TEXT)")  # the metadata sorts by date
    secret = f"{tmp_path}/gesprekken.db is stuk"

    class Broken:
        __name__ = "Broken"  # Datasette lists its plugins by name

        @hookimpl
        def register_routes(self):
            async def broken():
                raise RuntimeError(secret)

            return [(r"^/-/kapot$", broken)]

    async def pages():
        datasette = Datasette([str(db), str(public)], metadata=metadata(db, tmp_path, tmp_path, public_db=public))
        paths = ("/gesprekken-openbaar/nonexistent_table", "/bestaatniet", "/gesprekken/conversations", "/-/kapot")
        paths += ("/gesprekken-openbaar/conversations?_sort=<b>x</b>", "/gesprekken-openbaar/conversations?_size=-1")
        return [await datasette.client.get(path) for path in paths]

    pm.register(Broken(), name="kapot")
    try:
        missing, no_database, forbidden, broken, sort, size = asyncio.run(pages())
    finally:
        pm.unregister(name="kapot")
    for response, status, title, message in (
        (missing, 404, "Niet gevonden", "Deze tabel bestaat niet."),
        (no_database, 404, "Niet gevonden", "Deze database bestaat niet."),
        (forbidden, 403, "Geen toegang", "Je mag deze tabel niet bekijken."),
        (broken, 500, "Er ging iets mis", "Er ging op de server iets mis. Probeer het later opnieuw."),
        # what a visitor's own URL asks (Datasette: "Cannot sort table by ...", "_size must be ...")
        (sort, 400, "Dat lukte niet", "Op &lt;b&gt;x&lt;/b&gt; kan deze tabel niet gesorteerd worden."),
        (size, 400, "Dat lukte niet", "_size moet een geheel getal boven nul zijn."),
    ):
        page = response.text
        assert response.status_code == status and f"<h1>{title}</h1>" in page and message in page, page
        assert f"<title>{title} — Gesprekken</title>" in page
        assert 'href="/-/gesprekken/zoeken">Zoek in de gesprekken</a>' in page
        assert "Error" not in page and "not found" not in page and "permission" not in page, page
    assert str(tmp_path) not in broken.text and "stuk" not in broken.text and "Traceback" not in broken.text


def test_the_conversation_page_prints_the_names_as_the_article_does(tmp_path):
    """The conversation page printed its speakers' labels, its participants and the headline's byline as the
    transcript spells them, where the article prints them as Dutch writes a name (names.printed_name, with its
    apostrophes curly): "van der Laan:" and "dr. Marloes de Vries" on the page, "Van der Laan:" and "Dr. Marloes de
    Vries:" in the article downloaded from it, "Maarten 't Hart" beside "Maarten ’t Hart". The page's labels, in
    order, are the article's now, and so are its participants' names and the byline."""
    from html import unescape

    from gesprekken import Workspace
    from gesprekken.analyse import analyse
    from gesprekken.export import article_blocks
    from gesprekken.transcript import Conversation, Participant, Turn, Word, read, write

    people = [
        Participant("van der Laan", "directeur", "Woonstichting De Linie", "published"),
        Participant("dr. Marloes de Vries", "onderzoeker", "Hogeschool Windesheim", "published"),
        Participant("Maarten 't Hart", "schrijver", "", "published"),
    ]
    said = [
        "Wij zien steeds meer huurders met huurachterstanden in de wijk.",
        "Dat herken ik, de schuldhulpverlening komt vaak te laat.",
        "Voor mij gaat het om wederkerigheid tussen buren.",
        "Een huisuitzetting is voor ons echt het laatste redmiddel.",
        "We moeten de gegevens eerder delen met elkaar.",
        "Daarom willen we maatwerk bieden aan elke huurder.",
    ]
    turns, clock = [], 0.0
    for n, text in enumerate(said):
        words = [Word(round(clock + i / 2, 2), round(clock + i / 2 + 0.4, 2), t) for i, t in enumerate(text.split())]
        turns.append(Turn(people[n % 3].name, words[0].start, words[-1].end, text, words))
        clock = words[-1].end + 0.6
    talk = Conversation(
        id="abc123def456", title="Samen in de wijk", participants=people, turns=turns, duration=clock,
        status="published", analysis={"headline": said[4]},
    )  # fmt: skip
    path = tmp_path / "transcripts" / "samen-in-de-wijk.md"
    write(talk, path)
    assert run("load", cwd=tmp_path).exit_code == 0
    loaded = read(path)
    blocks = article_blocks([(loaded, analyse(loaded))])
    labels = [b.speaker for b in blocks if b.kind == "turn"]
    assert labels[:4] == ["Van der Laan", "Dr. Marloes de Vries", "Maarten ’t Hart", "Van der Laan"], labels
    lines = [b.text.split(",")[0] for b in blocks if b.kind == "participant"]
    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    for db in (tmp_path / "gesprekken.db", ws.public_copy()):
        html = get(db, f"/-/gesprekken/gesprek/{talk.id}").text
        shown = re.findall(r'<p id="beurt-[^"]*" class="beurt">.*?<strong title="[^"]*">([^<]*):</strong>', html)
        shown = [unescape(label) for label in shown]
        assert shown == labels, (db.name, shown)
        assert [unescape(n) for n in re.findall(r"<li><strong>([^<]*)</strong>", html)] == lines, db.name
        assert "<em>— Dr. Marloes de Vries</em>" in html, db.name
        assert "van der Laan" not in html and "dr. Marloes" not in html and "'t Hart" not in html, db.name


def test_the_public_page_shows_the_headline_an_editor_pinned_as_the_public_article_does(tmp_path):
    """An editor pins a sentence that is no quote of the analysis as the headline ("Dat herken ik, de
    schuldhulpverlening komt vaak te laat." where the quote is its second half): the public article prints it, with
    its speaker under it, but the public copy took it for a headline whose quote went with its speaker (it is in no
    row of quotes) and put the best candidate in its place, another sentence by another person, on the public
    site's page. A headline a kept turn says stays; one whose speaker withdrew goes, as before."""
    from html import unescape

    from gesprekken import Workspace
    from gesprekken.transcript import Conversation, Participant, Turn, Word, write

    people = [
        Participant("Marloes van der Heijden", "directeur", "Woonstichting De Linie", "published"),
        Participant("Joost de Boer", "sectormanager wonen", "gemeente Zwolle", "published"),
    ]
    said = [
        "Wij zien steeds meer huurders met huurachterstanden in de wijk.",
        "Dat herken ik, de schuldhulpverlening komt vaak te laat.",
        "Een huisuitzetting is voor ons echt het laatste redmiddel.",
        "Daarom willen we maatwerk bieden aan elke huurder.",
    ]
    turns, clock = [], 0.0
    for n, text in enumerate(said):
        words = [Word(round(clock + i / 2, 2), round(clock + i / 2 + 0.4, 2), t) for i, t in enumerate(text.split())]
        turns.append(Turn(people[n % 2].name, words[0].start, words[-1].end, text, words))
        clock = words[-1].end + 0.6
    talk = Conversation(
        id="abc123def456", title="Samen in de wijk", participants=people, turns=turns, duration=clock,
        status="published", analysis={"headline": said[1]},
    )  # fmt: skip
    write(talk, tmp_path / "transcripts" / "samen-in-de-wijk.md")
    assert run("load", cwd=tmp_path).exit_code == 0
    out = tmp_path / "artikel.md"
    assert run("export", "article", "-o", out, cwd=tmp_path).exit_code == 0
    assert "## “Dat herken ik, de schuldhulpverlening komt vaak te laat”\n\n*— Joost de Boer*" in out.read_text()
    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    page = unescape(get(ws.public_copy(), f"/-/gesprekken/gesprek/{talk.id}").text)
    assert "“Dat herken ik, de schuldhulpverlening komt vaak te laat”</blockquote>" in page
    assert "<em>— Joost de Boer</em>" in page
    # his consent withdrawn: his sentence is no headline on the public page (nor in the public article)
    withdrawn = run("publication", talk.id, "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=tmp_path)
    assert withdrawn.exit_code == 0, withdrawn.output
    page = unescape(get(ws.public_copy(), f"/-/gesprekken/gesprek/{talk.id}").text)
    assert "schuldhulpverlening" not in page and "Joost" not in page


def test_a_headline_a_withdrawn_speaker_said_is_not_kept_for_a_longer_word_of_another(tmp_path):
    """The public copy kept a pinned headline that a kept turn "says": by its letters anywhere in the turn, so
    Joost's "Ik ben zelf arm", pinned without its full stop, stayed on the public page after he withdrew, as
    Marloes says "Ik ben zelf armoedeconsulent geweest." His words went public, said by no one published. A kept
    turn says a headline by its words whole, as the article's byline finds its speaker."""
    from html import unescape

    from gesprekken import Workspace
    from gesprekken.transcript import Conversation, Participant, Turn, Word, write

    people = [
        Participant("Marloes van der Heijden", "directeur", "Woonstichting De Linie", "published"),
        Participant("Joost de Boer", "sectormanager wonen", "gemeente Zwolle", "published"),
    ]
    said = [
        "Wij zien steeds meer huurders met huurachterstanden in de wijk.",
        "Ik ben zelf arm, dus ik weet hoe dat voelt.",
        "Ik ben zelf armoedeconsulent geweest, daarom willen we maatwerk bieden.",
        "Een huisuitzetting is voor ons echt het laatste redmiddel.",
    ]
    turns, clock = [], 0.0
    for n, text in enumerate(said):
        words = [Word(round(clock + i / 2, 2), round(clock + i / 2 + 0.4, 2), t) for i, t in enumerate(text.split())]
        turns.append(Turn(people[n % 2].name, words[0].start, words[-1].end, text, words))
        clock = words[-1].end + 0.6
    talk = Conversation(
        id="abc123def457", title="Samen in de wijk", participants=people, turns=turns, duration=clock,
        status="published", analysis={"headline": "Ik ben zelf arm"},
    )  # fmt: skip
    write(talk, tmp_path / "transcripts" / "samen-in-de-wijk.md")
    assert run("load", cwd=tmp_path).exit_code == 0
    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    page = unescape(get(ws.public_copy(), f"/-/gesprekken/gesprek/{talk.id}").text)
    assert "“Ik ben zelf arm”</blockquote>" in page
    withdrawn = run("publication", talk.id, "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=tmp_path)
    assert withdrawn.exit_code == 0, withdrawn.output
    page = unescape(get(ws.public_copy(), f"/-/gesprekken/gesprek/{talk.id}").text)
    assert "Joost" not in page
    assert "Ik ben zelf arm”" not in page and "Ik ben zelf arm," not in page


def test_a_headline_a_withdrawn_speaker_said_is_not_kept_for_a_moderator_repeating_it(tmp_path):
    """A pinned headline stayed public where a kept turn says its words whole: the moderator's "U zegt: de
    schuldhulpverlening faalt." kept Joost's sentence as the public page's headline after he withdrew, his quote
    shown as the headline of a conversation he is no part of (session 60's open question). A headline that a
    withheld turn says goes too; the moderator's turn stays, words and all."""
    from html import unescape

    from gesprekken import Workspace
    from gesprekken.transcript import Conversation, Participant, Turn, Word, write

    people = [
        Participant("Anna Visser", "moderator", "", "published"),
        Participant("Joost de Boer", "sectormanager wonen", "gemeente Zwolle", "published"),
        Participant("Marloes van der Heijden", "directeur", "Woonstichting De Linie", "published"),
    ]
    said = [
        (0, "Welkom allemaal bij dit gesprek over schulden in de wijk."),
        (1, "Ik zeg het eerlijk: de schuldhulpverlening faalt."),
        (0, "U zegt: de schuldhulpverlening faalt. Marloes, herkent u dat?"),
        (2, "Wij zien steeds meer huurders met huurachterstanden in de wijk."),
    ]
    turns, clock = [], 0.0
    for who, text in said:
        words = [Word(round(clock + i / 2, 2), round(clock + i / 2 + 0.4, 2), t) for i, t in enumerate(text.split())]
        turns.append(Turn(people[who].name, words[0].start, words[-1].end, text, words))
        clock = words[-1].end + 0.6
    talk = Conversation(
        id="abc123def459", title="Schulden in de wijk", participants=people, turns=turns, duration=clock,
        status="published", analysis={"headline": "De schuldhulpverlening faalt."},
    )  # fmt: skip
    write(talk, tmp_path / "transcripts" / "schulden-in-de-wijk.md")
    assert run("load", cwd=tmp_path).exit_code == 0
    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    page = unescape(get(ws.public_copy(), f"/-/gesprekken/gesprek/{talk.id}").text)
    assert "“De schuldhulpverlening faalt”</blockquote>" in page
    withdrawn = run("publication", talk.id, "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=tmp_path)
    assert withdrawn.exit_code == 0, withdrawn.output
    page = unescape(get(ws.public_copy(), f"/-/gesprekken/gesprek/{talk.id}").text)
    assert "Joost" not in page and "Ik zeg het eerlijk" not in page
    assert "“De schuldhulpverlening faalt”" not in page  # another headline: the best quote kept
    assert "U zegt: de schuldhulpverlening faalt." in page  # the moderator's words are hers, and public


def test_datasettes_own_csv_makes_a_cell_that_opens_like_a_formula_text(tmp_path):
    """Datasette's own CSV on the public site (/<db>/turns.csv, ?_stream=1, ?_dl=1, a canned query's .csv) had no guard
    against a spreadsheet taking a cell for a formula: a turn typed as '=HYPERLINK("https://example.org";"klik")'
    was a link when the download opened in Excel, where gesprekken's own CSV export writes it as text (OWASP's
    CSV injection). Each such cell opens with a "'", as in gesprekken's export; numbers and other texts are as
    they were, every row there."""
    import csv
    import io

    from gesprekken import Workspace
    from gesprekken.transcript import Conversation, Participant, Turn, Word, write

    people = [
        Participant("Marloes van der Heijden", "directeur", "Woonstichting De Linie", "published"),
        Participant("Joost de Boer", "sectormanager wonen", "gemeente Zwolle", "published"),
    ]
    said = [
        '=HYPERLINK("https://example.org";"klik") zei ze, en dat klopt.',
        "-10 procent minder huurachterstanden in de wijk, dat is ons doel.",
        "@Marloes, wij zien steeds meer huurders met schulden.",
        "Een huisuitzetting is voor ons echt het laatste redmiddel.",
    ]
    turns, clock = [], 0.0
    for n, text in enumerate(said):
        words = [Word(round(clock + i / 2, 2), round(clock + i / 2 + 0.4, 2), t) for i, t in enumerate(text.split())]
        turns.append(Turn(people[n % 2].name, words[0].start, words[-1].end, text, words))
        clock = words[-1].end + 0.6
    talk = Conversation(
        id="abc123def462", title="Samen in de wijk", participants=people, turns=turns, duration=clock,
        status="published",
    )  # fmt: skip
    write(talk, tmp_path / "transcripts" / "samen-in-de-wijk.md")
    assert run("load", cwd=tmp_path).exit_code == 0
    public = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db").public_copy()
    db = public.stem
    for path in (
        f"/{db}/turns.csv?_sort=start",
        f"/{db}/turns.csv?_sort=start&_stream=1",
        f"/{db}/turns.csv?_sort=start&_dl=1&_size=1&_stream=1",
        f"/{db}/wat_een_organisatie_zei.csv?organisatie=e",  # a canned query
    ):
        response = get(public, path)
        assert response.status_code == 200, (path, response.text)
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [row["text"] for row in rows] == ["'" + said[0], "'" + said[1], "'" + said[2], said[3]], path
        assert rows[0]["start"] == "0.0", path  # a number as it was


def test_datasettes_csv_debug_view_is_no_way_around_the_formula_guard(tmp_path):
    """?_trace=1 turned Datasette's CSV into its debug page (text/html, the cells unguarded), and with ?_dl=1 that page
    was still a download named turns.csv: '=1+1' and '-10 procent' opened as formulas in a spreadsheet. A .csv answers
    its CSV, guarded, whatever _trace says."""
    from gesprekken import Workspace
    from gesprekken.transcript import Conversation, Participant, Turn, Word, write

    person = Participant("Joost de Boer", "sectormanager wonen", "gemeente Zwolle", "published")
    said = ["=1+1 zei ze, en dat klopt.", "-10 procent minder huurachterstanden in de wijk."]
    turns, clock = [], 0.0
    for text in said:
        words = [Word(round(clock + i / 2, 2), round(clock + i / 2 + 0.4, 2), t) for i, t in enumerate(text.split())]
        turns.append(Turn(person.name, words[0].start, words[-1].end, text, words))
        clock = words[-1].end + 0.6
    talk = Conversation(
        id="abc123def463", title="Samen in de wijk", participants=[person], turns=turns, duration=clock,
        status="published",
    )  # fmt: skip
    write(talk, tmp_path / "transcripts" / "samen-in-de-wijk.md")
    assert run("load", cwd=tmp_path).exit_code == 0
    public = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db").public_copy()
    for query in ("_trace=1&_dl=1", "_trace=1", "_dl=1&_trace=0&_stream=1"):
        response = get(public, f"/{public.stem}/turns.csv?_sort=start&{query}")
        assert response.status_code == 200, query
        assert "=1+1" not in response.text.replace("'=1+1", ""), query
        assert "'-10 procent" in response.text, query


def test_the_desk_refused_without_a_password_says_how_to_start_serve(tmp_path, monkeypatch):
    """`gesprekken serve` without a password hash, as the README's main command starts it: its desk URL
    (the README's /-/gesprekken/redactie/<id>) answered 403 "Alleen voor de ingelogde redacteur." and no more, not
    even a link to log in, as nobody can (helper hF's newcomer run, session 60). The page says why and how to
    start serve so; a published site, which has no desk, says nothing of it."""
    import sqlite3

    from gesprekken.serve import PASSWORD_ENV

    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    db, public = tmp_path / "gesprekken.db", tmp_path / "gesprekken-openbaar.db"
    for path in (db, public):
        sqlite3.connect(path).close()

    def desk_page(files: list[Path], meta: dict | None) -> str:
        async def fetch():
            datasette = Datasette([str(f) for f in files], metadata=meta)
            response = await datasette.client.get("/-/gesprekken/redactie/1ef18611f54b")
            assert response.status_code == 403
            return response.text

        return asyncio.run(fetch())

    page = desk_page([db], metadata(db, tmp_path, tmp_path))
    assert "Alleen voor de ingelogde redacteur." in page
    assert "Voor deze server is geen wachtwoord voor de redactie ingesteld" in page, page
    assert "=$(datasette hash-password) gesprekken serve." in page and str(tmp_path) not in page
    page = desk_page([public], metadata(db, None, None))  # a published site
    assert "Alleen voor de ingelogde redacteur." in page and "hash-password" not in page and "serve" not in page
