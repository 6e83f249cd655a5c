"""What a visitor of the public site (`serve --public`, a published folder) sees and reaches beyond
gesprekken's own pages: Datasette's pages about the server, the login and the editors' desk."""

import asyncio
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password

from gesprekken.publish import site_metadata
from gesprekken.serve import PASSWORD_ENV, metadata

#: Datasette 0.65's pages about the server itself and its debugging tools (its app.py's routes).
INTERNALS = [
    "/-/databases",
    "/-/databases.json",
    "/-/plugins.json",
    "/-/versions",
    "/-/versions.json",
    "/-/settings.json",
    "/-/config",
    "/-/config.json",
    "/-/metadata",
    "/-/metadata.json",
    "/-/threads.json",
    "/-/actor.json",
    "/-/messages",
    "/-/patterns",
    "/-/allow-debug",
    "/-/permissions",
    "/-/password-tool",
]


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """An editors' database and its public copy, as `serve --public` serves them (no Whisper: a
    table each is enough for Datasette's pages), with the editor's password set."""
    monkeypatch.setenv(PASSWORD_ENV, hash_password("geheim", iterations=1000))
    for name in ("gesprekken.db", "gesprekken-openbaar.db"):
        with sqlite3.connect(tmp_path / name) as conn:
            conn.execute("CREATE TABLE conversations (id TEXT PRIMARY KEY, title, conference, date, themes)")
            conn.execute(
                "INSERT INTO conversations VALUES (?, ?, ?, ?, ?)",
                ["1ef18611f54b", "Wederkerigheid in de wijk", "Wijkcongres", "2026-11-12", "[]"],
            )
            conn.execute("CREATE TABLE quotes (text, speaker, conversation_id, start, end, rank)")
    return tmp_path


def public_datasette(site: Path, **settings) -> Datasette:
    db, public = site / "gesprekken.db", site / "gesprekken-openbaar.db"
    return Datasette(
        [str(db)],
        immutables=[str(public)],
        metadata=metadata(db, site / "recordings", site / "transcripts", public),
        settings=settings or None,
    )


def cookies(datasette: Datasette, actor_id: str | None) -> dict:
    return {"ds_actor": datasette.sign({"a": {"id": actor_id}}, "actor")} if actor_id else {}


def test_datasettes_pages_about_the_server_are_not_for_visitors(site):
    """Datasette served every visitor its debugging tools and its pages about the server: /-/databases.json
    named the editors' database file and its size, /-/metadata the folders of the transcripts and
    the recordings, /-/versions and /-/plugins what runs. A visitor gets the Dutch 404 page; the
    editor and Datasette's root still get them; the public tables' JSON answers as before."""

    async def pages():
        datasette = public_datasette(site)
        visitor = {path: await datasette.client.get(path) for path in INTERNALS}
        editor = {path: await datasette.client.get(path, cookies=cookies(datasette, "editor")) for path in INTERNALS}
        root = await datasette.client.get("/-/databases.json", cookies=cookies(datasette, "root"))
        public = [
            await datasette.client.get(path)
            for path in ("/.json", "/gesprekken-openbaar.json", "/gesprekken-openbaar/conversations.json", "/")
        ]
        based = public_datasette(site, base_url="/kennisbank/")
        under_base = await based.client.get("/kennisbank/-/databases.json")
        return visitor, editor, root, public, under_base

    visitor, editor, root, public, under_base = asyncio.run(pages())
    for path, response in visitor.items():
        assert response.status_code == 404, (path, response.status_code)
        assert "Cookie" in response.headers["vary"], path  # the editor's answer differs: no cache serves this one
        if path.endswith(".json"):
            assert response.json()["error"] == "Deze pagina bestaat niet.", path
        else:
            assert "<h1>Niet gevonden</h1>" in response.text and "Deze pagina bestaat niet." in response.text, path
        assert str(site) not in response.text, path
    assert under_base.status_code == 404 and str(site) not in under_base.text
    assert editor["/-/databases.json"].status_code == 200 and str(site) in editor["/-/databases.json"].text
    assert editor["/-/versions.json"].status_code == 200 and "datasette" in editor["/-/versions.json"].json()
    assert editor["/-/password-tool"].status_code == 404  # hashes on the event loop: for nobody
    assert root.status_code == 200
    for response in public:
        assert response.status_code == 200 and str(site) not in response.text, response.url
    assert [row[:2] for row in public[2].json()["rows"]] == [["1ef18611f54b", "Wederkerigheid in de wijk"]]
    # nor does a page's footer say it (a newcomer saw an empty "Datasette v" on the error page)
    from datasette.version import __version__

    assert "Gemaakt met" in public[3].text and f"v{__version__}" not in public[3].text
    assert "Datasette v" not in visitor["/-/versions"].text


def test_a_published_folder_shows_no_visitor_its_servers_internals(site):
    """A published folder has no login: nobody gets the pages about the server there."""
    public = site / "gesprekken-openbaar.db"

    async def pages():
        datasette = Datasette(immutables=[str(public)], metadata=site_metadata(public))
        return [await datasette.client.get(path) for path in INTERNALS]

    for path, response in zip(INTERNALS, asyncio.run(pages()), strict=True):
        assert response.status_code == 404 and str(site) not in response.text, path


def test_login_leads_to_the_login_page_and_back_to_where_the_editor_was(site):
    """/login was a 404 with no pointer to /-/login; after logging in the editor landed on /, wherever
    they came from. Now /login leads to /-/login, and the editor lands on the page named by ?next=
    when it is a path on this site, else on the search page: never on another site."""
    desk = "/-/gesprekken/redactie/1ef18611f54b"

    async def logins():
        datasette = public_datasette(site)
        redirected = await datasette.client.get(f"/login?next={desk}")
        form = await datasette.client.get(f"/-/login?next={desk}")
        token = re.search(r'name="csrftoken" value="([^"]+)"', form.text)[1]
        landed = {}
        elsewhere = ("//andere.example/x", "/\\andere.example", "https://andere.example/", "/\t/andere.example")
        for target in (desk, None, *elsewhere):
            data = {"username": "editor", "password": "geheim", "csrftoken": token}
            if target is not None:
                data["next"] = target
            response = await datasette.client.post(
                "/-/login", data=data, cookies={"ds_csrftoken": form.cookies["ds_csrftoken"]}
            )
            assert response.status_code == 302 and "ds_actor" in response.cookies, target
            landed[target] = response.headers["location"]
        return redirected, form, landed

    redirected, form, landed = asyncio.run(logins())
    assert redirected.status_code == 302 and redirected.headers["location"] == f"/-/login?next={desk}"
    assert f'<input type="hidden" name="next" value="{desk}">' in form.text
    assert landed.pop(desk) == desk
    assert set(landed.values()) == {"/-/gesprekken/zoeken"}, landed


def test_the_desk_refuses_a_visitor_with_the_dutch_error_page_and_a_way_to_log_in(site):
    """The desk answered a visitor with bare text; it is the Dutch error page, with a link to log in
    that comes back to the desk (none on a published folder, where nobody can log in). Its JSON API
    still answers JSON."""
    desk = "/-/gesprekken/redactie/1ef18611f54b"
    public = site / "gesprekken-openbaar.db"

    async def pages():
        datasette = public_datasette(site)
        published = Datasette(immutables=[str(public)], metadata=site_metadata(public))
        return (
            await datasette.client.get(desk),
            await datasette.client.get(f"{desk}.json"),
            await published.client.get(desk),
        )

    page, api, published = asyncio.run(pages())
    assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
    assert "<title>Geen toegang — Gesprekken</title>" in page.text and "Alleen voor de ingelogde redacteur" in page.text
    assert '<a href="/-/login?next=%2F-%2Fgesprekken%2Fredactie%2F1ef18611f54b">Log in</a>' in page.text, page.text
    assert api.status_code == 403 and api.json()["ok"] is False
    assert published.status_code == 403 and "<h1>Geen toegang</h1>" in published.text
    assert "Ben je redacteur?" not in published.text


def test_the_public_sites_pages_are_titled_in_dutch_and_name_no_file(site):
    """Datasette's tabs and breadcrumbs said the public copy's file name ("gesprekken-openbaar",
    "gesprekken" in a published folder) and its chrome was English ("home", "Powered by Datasette",
    "7 rows in 9 tables", "Log in"). They say the titles the metadata gives, in Dutch; the menu's
    login link comes back to the page, and a published folder, where nobody can log in, has none."""
    paths = {
        "/": "Gesprekken",
        "/gesprekken-openbaar": "Openbare kennisbank — Gesprekken",
        "/gesprekken-openbaar/conversations": "Gesprekken: 1 rij — Openbare kennisbank",
        "/gesprekken-openbaar/conversations/1ef18611f54b": "Gesprekken: 1ef18611f54b — Openbare kennisbank",
        "/gesprekken-openbaar/citaten_van_een_spreker": "Citaten van een spreker, over alle congressen — "
        "Openbare kennisbank",
        "/-/login": "Inloggen — Gesprekken",
    }
    public = site / "gesprekken-openbaar.db"

    async def pages():
        datasette = public_datasette(site)
        published = Datasette(immutables=[str(public)], metadata=site_metadata(public))
        served = {path: await datasette.client.get(path) for path in paths}
        return served, {path: await published.client.get(path) for path in ("/", "/gesprekken-openbaar/conversations")}

    served, published = asyncio.run(pages())
    for path, title in paths.items():
        page = served[path].text
        assert served[path].status_code == 200, path
        assert f"<title>{title}</title>" in page, (path, re.search(r"<title>(.*?)</title>", page, re.S)[1])
        crumbs = re.search(r'<p class="crumbs">(.*?)</p>', page, re.S)
        crumbs = text(crumbs[1]) if crumbs else ["Gesprekken"]
        assert crumbs[0] == "Gesprekken" and "gesprekken-openbaar" not in crumbs, (path, crumbs)
        footer = " ".join(text(page[page.index("<footer") :]))
        assert "Gemaakt met" in footer and "Powered by" not in footer and "Data source" not in footer, (path, footer)
        menu = text(page[page.index('<details class="nav-menu">') : page.index("</details>")])
        assert "Log in" not in menu, (path, menu)
        login = re.escape(f"/-/login?next={quote(path, safe='')}")
        assert path == "/-/login" or re.search(rf'<a href="{login}">Inloggen</a>', page), path
    index = text(served["/"].text)
    assert " ".join(index).count("Bron:") == 1, index  # the footer's; the front page said it twice
    assert "Openbare kennisbank" in index and "1 rij in 2 tabellen" in index and "home" not in index, index
    assert not any(english in line for line in index for english in ("gesprekken-openbaar", " rows", " tables"))
    assert ">Gesprekken</a>" in served["/gesprekken-openbaar/conversations/1ef18611f54b"].text  # the table's crumb
    for path, response in published.items():
        assert response.status_code == 200 and "Openbare kennisbank" in response.text, path
        assert "/-/login" not in response.text and ">gesprekken<" not in response.text, path


def test_the_editors_full_database_is_titled_in_dutch_and_the_index_names_no_hidden_tables(site):
    """Under serve --public the editor's full database had no title: "gesprekken 🔒" on the index and
    "Gesprekken / Gesprekken" in its breadcrumbs, the public index said "192 rijen in 27 verborgen
    tabellen" (the search index's own tables) and its theme tables "Thema's" where the pages write
    "Thema’s" (a newcomer's run of the README)."""
    for name in ("gesprekken.db", "gesprekken-openbaar.db"):
        with sqlite3.connect(site / name) as conn:
            conn.execute("CREATE TABLE themes (id TEXT PRIMARY KEY, label)")
            conn.execute("CREATE VIRTUAL TABLE turns_fts USING fts5(text)")  # hidden tables, as the search's

    async def pages():
        datasette = public_datasette(site)
        editor = cookies(datasette, "editor")
        paths = ("/", "/gesprekken", "/gesprekken/themes", "/gesprekken-openbaar/themes")
        return [await datasette.client.get(path, cookies=editor) for path in paths], await datasette.client.get("/")

    (index, full, themes, public_themes), visitor = asyncio.run(pages())
    for page in (index, full, themes):
        assert page.status_code == 200 and "Alle gesprekken (redactie)" in page.text, page.url
    assert "<title>Alle gesprekken (redactie) — Gesprekken</title>" in full.text
    assert "alleen voor de ingelogde redacteur" in " ".join(text(full.text))
    assert "Alle gesprekken (redactie)" not in visitor.text and ">gesprekken<" not in index.text
    for page in (index, visitor):
        assert "verborgen" not in page.text, " ".join(text(page.text))
    for page in (themes, public_themes):
        assert "Thema’s" in page.text and "Thema's" not in page.text.replace("&#39;", "'"), page.url


def text(html: str) -> list[str]:
    """The lines of text a page shows (no tags, no URLs), without blank ones."""
    return [line.strip() for line in re.sub(r"<[^>]*>", "\n", html).splitlines() if line.strip()]


def test_the_search_and_conversation_pages_refuse_a_visitor_who_may_see_no_database_in_dutch(site):
    """Where a visitor may read neither database (a site whose metadata allows nobody), the search
    and conversation pages answered a bare line of text; they give the Dutch error page as every
    other refusal here, JSON for the search's .json."""

    async def pages():
        datasette = Datasette([str(site / "gesprekken.db")], metadata={"allow": False})
        return [
            await datasette.client.get(path)
            for path in (
                "/-/gesprekken/zoeken?q=wijk",
                "/-/gesprekken/gesprek/1ef18611f54b",
                "/-/gesprekken/zoeken.json",
            )
        ]

    search, conversation, as_json = asyncio.run(pages())
    for response in (search, conversation):
        assert response.status_code == 403 and "text/html" in response.headers["content-type"], response.text
        assert "<h1>" in response.text and "Je hebt geen toegang tot deze kennisbank." in response.text
    assert as_json.status_code == 403 and as_json.json()["error"] == "Je hebt geen toegang tot deze kennisbank."
