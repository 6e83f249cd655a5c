"""End to end in a real headless Chromium (Debian's, driven by Playwright): what an attendee does.

A real `gesprekken serve` on the sample; the browser searches a Dutch word, plays the quote
(the audio element's own clock must start and stop at the quote's times), opens the
conversation, plays a turn from its time, and narrows by theme. Every page is saved as a
screenshot in test-artifacts/screenshots/ (set GESPREKKEN_ARTIFACTS to put them elsewhere).
"""

import json
import shutil
import urllib.request

import pytest
from conftest import PRIVATE_WORD, SQLITE_SIDE_FILES, confirm_voices, run, screenshot, served

pytestmark = pytest.mark.slow

PLAY = """async (audio) => {
    audio.muted = true;
    if (audio.readyState < 1) {
        audio.preload = "auto";
        audio.load();
        await new Promise((ok, bad) => {
            audio.addEventListener("loadedmetadata", ok, {once: true});
            audio.addEventListener("error", () => bad(String(audio.error && audio.error.message)), {once: true});
        });
    }
    const start = audio.currentTime;
    await audio.play();
    await new Promise(ok => audio.addEventListener("pause", ok, {once: true}));
    return [start, audio.currentTime];
}"""


@pytest.fixture(scope="module")
def site(ingested_sample):
    with served(ingested_sample) as base:
        yield base


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="nl-NL")
    page.set_default_timeout(20_000)
    yield page
    page.close()


def fetch_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_search_a_word_and_hear_exactly_the_quote(site, page):
    page.goto(f"{site}/")
    screenshot(page, "01-start")
    page.get_by_role("link", name="Zoek in alle gesprekken").first.click()
    page.locator("#zoekveld").fill("wederkerigheid")
    page.locator("#zoekveld").press("Enter")
    page.wait_for_url("**/-/gesprekken/zoeken?q=wederkerigheid")
    quote = page.locator("#citaten article.treffer").first
    expected = fetch_json(f"{site}/gesprekken/quotes.json?_search=wederkerigheid&_shape=array")[0]
    assert quote.locator("blockquote").inner_text() == expected["text"]  # as Whisper wrote it on this CPU
    assert quote.locator("mark").inner_text() == "wederkerigheid"
    assert "Marloes van der Heijden, Woonstichting De Linie" in quote.locator(".wie").inner_text()
    screenshot(page, "02-zoeken-wederkerigheid")

    audio = quote.locator("audio")
    assert audio.get_attribute("src") == (
        f"/-/gesprekken/audio/{expected['conversation_id']}#t={expected['start']:.2f},{expected['end']:.2f}"
    )
    started, stopped = audio.evaluate(PLAY)  # the browser fetches the recording with Range requests
    assert started == pytest.approx(expected["start"], abs=0.05)
    assert stopped == pytest.approx(expected["end"], abs=0.3)  # the media fragment's end pauses it


def test_all_conversations_from_the_search_page_to_a_conversation(site, page):
    """The overview a visitor reaches from "alle gesprekken" (session 47: it was Datasette's table): the headline,
    who spoke and the themes, and the title leads to the conversation."""
    page.goto(f"{site}/-/gesprekken/zoeken")
    page.get_by_role("link", name="alle gesprekken").first.click()
    page.wait_for_selector("ul.gesprekken-overzicht")
    (conversation,) = fetch_json(f"{site}/gesprekken/conversations.json?_shape=array")
    item = page.locator("li.gesprek")
    assert item.locator(".gesprekken-kop").inner_text() == f"“{conversation['headline'].rstrip('.')}”"
    assert item.locator(".deelnemers strong").all_inner_texts() == ["Marloes van der Heijden", "Joost de Boer"]
    assert item.locator("a.gesprekken-thema").count() >= 1
    screenshot(page, "02b-alle-gesprekken")
    item.locator("h3 a").first.click()
    page.wait_for_selector("article.gesprekken-artikel")
    assert page.locator("h1").inner_text() == conversation["title"]


def test_open_the_conversation_and_play_a_turn_from_its_time(site, page):
    page.goto(f"{site}/-/gesprekken/zoeken?q=wijkaanpak")
    page.locator("#citaten article.treffer .waar a").first.click()
    page.wait_for_selector("article.gesprekken-artikel")
    assert page.locator("h1").inner_text() == "Wederkerigheid in de wijk"
    (conversation,) = fetch_json(f"{site}/gesprekken/conversations.json?_shape=array")
    assert page.locator(".gesprekken-kop").inner_text() == f"“{conversation['headline'].rstrip('.')}”"
    # who said it, under it, as the article prints it (session 50: the participants' list read as its attribution)
    (said_by,) = fetch_json(
        f"{site}/gesprekken/quotes.json?_shape=array&headline=1&_col=speaker&conversation_id={conversation['id']}"
    )
    assert page.locator(".gesprekken-kop-bron").inner_text() == f"— {said_by['speaker']}"
    target = page.url.split("#", 1)[1]
    assert "wijkaanpak" in page.locator(f"#{target}").inner_text()  # the link lands on the quote's turn
    speakers = page.locator(".dialoog p.beurt strong").all_inner_texts()
    assert speakers[:4] == ["Marloes van der Heijden:", "Joost de Boer:", "Van der Heijden:", "De Boer:"]
    # the player shows 0:00 until it plays (preload="none"): the recording's length is said beside it
    minutes, seconds = divmod(round(conversation["duration"]), 60)
    assert page.locator("#duur").inner_text() == f"{minutes:02d}:{seconds:02d}"
    screenshot(page, "03-gesprek")

    time_link = page.locator(f"#{target} a.tijd")
    start, end = float(time_link.get_attribute("data-start")), float(time_link.get_attribute("data-end"))
    page.evaluate("() => { document.getElementById('speler').muted = true; }")
    time_link.click()
    page.wait_for_function(
        "() => { const a = document.getElementById('speler'); return a.paused && a.currentTime > 0; }"
    )
    position = page.evaluate("() => document.getElementById('speler').currentTime")
    assert start < position == pytest.approx(end, abs=0.5)
    assert page.locator("p.speelt").get_attribute("id") == target


def test_narrow_a_search_by_theme(site, page):
    page.goto(f"{site}/-/gesprekken/zoeken?q=maatwerk")
    facet = page.locator('[data-facet="thema"]')
    assert facet.get_by_role("link", name="Wederkerigheid").count() == 1
    facet.get_by_role("link", name="Wederkerigheid").click()
    page.wait_for_url("**thema=wederkerigheid")
    assert page.locator(".gesprekken-filter").inner_text().startswith("Thema: Wederkerigheid")
    assert page.locator("#citaten article.treffer").count() == 0  # the quote is about maatwerk only
    assert page.locator("#beurten article.treffer").count() == 1
    screenshot(page, "04-zoeken-maatwerk-thema-wederkerigheid")


def test_datasette_quotes_table_facets_by_theme_and_plays(site, page):
    page.goto(f"{site}/gesprekken/quotes")
    page.locator(".facet-info").filter(has_text="themes").get_by_role("link", name="wijkaanpak").click()
    page.wait_for_url("**themes__arraycontains=wijkaanpak**")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1
    cell = rows.first.locator("td.col-text")
    assert "wijkaanpak" in cell.inner_text().lower()
    assert "Wijkaanpak" in cell.locator(".gesprekken-themas").inner_text()
    assert "#t=" in cell.locator("audio").get_attribute("src")
    screenshot(page, "05-citaten-thema-wijkaanpak")


def test_public_site_hides_internal_material_until_the_editor_logs_in(knowledge_base, page):
    from datasette_auth_passwords.utils import hash_password

    password = "redactie-2026"
    env = {"GESPREKKEN_EDITOR_PASSWORD_HASH": hash_password(password, iterations=1000)}
    with served(knowledge_base, "--public", env=env) as base:
        page.goto(f"{base}/-/gesprekken/zoeken?q={PRIVATE_WORD}")
        assert page.locator("#beurten article.treffer").count() == 0
        assert "Geen beurten gevonden." in page.locator("#beurten").inner_text()
        screenshot(page, "06-openbaar-anoniem")

        page.goto(f"{base}/-/login")
        page.locator("#id_username").fill("editor")
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Log in").or_(page.locator("input[type=submit]")).first.click()
        page.wait_for_load_state()
        page.goto(f"{base}/-/gesprekken/zoeken?q={PRIVATE_WORD}")
        hit = page.locator("#beurten article.treffer").first
        assert PRIVATE_WORD in hit.locator("mark").inner_text()
        screenshot(page, "07-openbaar-redacteur")
        hit.locator(".waar a").click()
        page.wait_for_selector("article.gesprekken-artikel")
        audio = page.locator("#speler")
        assert audio.evaluate("a => fetch(a.src, {headers: {Range: 'bytes=0-1'}}).then(r => r.status)") == 206


@pytest.mark.parametrize("path", ["/-/gesprekken/gesprek/1ef18611f54b", "/-/gesprekken/zoeken.json?q=wijk"])
def test_back_never_shows_a_page_of_someone_who_withdrew_since(ingested_sample, tmp_path, page, path):
    """An attack (session 57): a visitor read Marloes van der Heijden's conversation, went on to the overview; she
    withdrew; Back showed her page again, every word, from the browser's own copy without a question to the server
    (Chromium reuses a kept page on Back however old: 'max-age=0' is no help). So too a JSON answer opened by itself
    (session 58). Neither is kept by a browser now ('no-store'), so Back asks, and gets the answer without her."""
    workspace = tmp_path / "werk"
    shutil.copytree(ingested_sample, workspace, ignore=SQLITE_SIDE_FILES)
    confirm_voices(workspace)
    marloes = "Marloes van der Heijden"
    with served(workspace, "--public") as base:
        page.goto(base + path)
        assert marloes in page.content()
        page.goto(f"{base}/-/gesprekken/gesprekken")
        withdrawn = run("publication", "1ef18611", "withdrawn", "--participant", marloes, "--yes", cwd=workspace)
        assert withdrawn.exit_code == 0, withdrawn.output
        page.go_back()
        page.wait_for_load_state()
        assert page.url == base + path
        shown = page.content()
        assert "Joost de Boer" in shown and marloes not in shown and "Heijden" not in shown
