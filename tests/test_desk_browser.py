"""The editors' desk end to end in a real headless Chromium, against a real `gesprekken serve --public`.

The sample is served with one voice left unnamed ("Spreker 2"), as a recording whose speaker
no one introduced would be. The editor logs in with datasette-auth-passwords' form, opens the
desk from the conversation page, listens, corrects a misheard word, names the voice, moves and
splits turns, picks the headline and downloads the article; two editors save the same turn;
anonymous visitors and a guest are refused. The tests run in order on one server: each goes on
from the state the one before left. Screenshots land in test-artifacts/screenshots/.
"""

import json
import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from conftest import SQLITE_SIDE_FILES, misheard, run, screenshot, served

from gesprekken import transcript

pytestmark = pytest.mark.slow  # a real Chromium, as tests/test_browser.py

SAMPLE_ID = "1ef18611f54b"
MARLOES = "Marloes van der Heijden"
PASSWORD = "redactie-2026"
SECRET = "geheim-voor-de-test"  # DATASETTE_SECRET: lets the test sign a guest's actor cookie
WAIT_SAVED = "() => document.getElementById('melding').className === 'ok'"
#: The desk asks after changes made elsewhere every 15 s (and when it is seen again): the tests' pages ask only when
#: a test says they are seen again, so a slow machine's 15 s never takes a change in under a test that expects the
#: conflict panel.
ONLY_WHEN_SEEN = "window.GESPREKKEN_VERSIE_MS = 3600 * 1000;"


def transcript_path(workspace: Path) -> Path:
    (path,) = (workspace / "transcripts").glob("*.md")
    return path


@pytest.fixture(scope="module")
def desk_workspace(ingested_sample, tmp_path_factory) -> Path:
    """The sample with Joost de Boer's voice unnamed: "Spreker 2", no name, low confidence."""
    import shutil

    workspace = tmp_path_factory.mktemp("desk")
    shutil.copytree(ingested_sample, workspace, dirs_exist_ok=True, ignore=SQLITE_SIDE_FILES)
    path = transcript_path(workspace)
    conversation = transcript.read(path)
    for speaker in conversation.speakers:
        if speaker.name == "Joost de Boer":
            speaker.name, speaker.confidence, speaker.evidence = None, 0.42, []
    for turn in conversation.turns:
        if turn.speaker == "Joost de Boer":
            turn.speaker = "Spreker 2"
    transcript.write(conversation, path)
    assert run("load", cwd=workspace).exit_code == 0
    return workspace


@pytest.fixture(scope="module")
def site(desk_workspace):
    from datasette_auth_passwords.utils import hash_password

    env = {"GESPREKKEN_EDITOR_PASSWORD_HASH": hash_password(PASSWORD, iterations=1000), "DATASETTE_SECRET": SECRET}
    with served(desk_workspace, "--public", env=env) as base:
        yield base


@pytest.fixture(scope="module")
def editor(browser, site):
    """A browser context in which the editor logged in through the login form."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL", accept_downloads=True)
    context.add_init_script(ONLY_WHEN_SEEN)
    page = context.new_page()
    page.goto(f"{site}/-/login")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").or_(page.locator("input[type=submit]")).first.click()
    page.wait_for_load_state()
    page.close()
    yield context
    context.close()


@pytest.fixture
def desk(editor, site):
    page = editor.new_page()
    page.set_default_timeout(30_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    assert not dialogs, f"a script ran: {dialogs}"
    page.close()


def second_tab(editor):
    """A second editor's tab (a context of its own, logged in as the editor)."""
    other = editor.browser.new_context(storage_state=editor.storage_state(), viewport={"width": 1400, "height": 1000})
    other.add_init_script(ONLY_WHEN_SEEN)
    second = other.new_page()
    second.set_default_timeout(30_000)
    return other, second


def open_desk(page, site):
    page.goto(f"{site}/-/gesprekken/redactie/{SAMPLE_ID}")
    page.wait_for_function("() => document.body.dataset.redactie === 'klaar'")
    page.evaluate("() => { document.getElementById('speler').muted = true; }")


def saved(page):
    page.wait_for_function(WAIT_SAVED)


def move(page, turn: int, speaker: str) -> None:
    """Give turn ``turn`` to ``speaker`` in its menu, and answer the desk's question."""
    page.locator(f"#beurt-{turn} select.verplaats").select_option(speaker)
    page.locator("#melding button.verplaatsen").click()


def test_the_desk_shows_each_turn_at_the_time_every_other_page_does(desk, site, desk_workspace):
    # A turn at 9.88 s is 00:09.9 in Datasette's tables and the transcript's own rounding, so the
    # desk must not say 00:09.8 (it cut the tenths off, and showed 47.96 s as 00:47.9).
    open_desk(desk, site)
    starts = [turn.start for turn in transcript.read(transcript_path(desk_workspace)).turns]
    shown = desk.locator(".beurt-kop button.speel").all_inner_texts()
    assert shown == [transcript.format_time(start, decimals=1) for start in starts]


def test_open_the_desk_from_the_conversation_and_hear_the_words_followed(desk, site):
    desk.goto(f"{site}/-/gesprekken/gesprek/{SAMPLE_ID}")
    desk.locator("a.redactie-link").click()
    desk.wait_for_function("() => document.body.dataset.redactie === 'klaar'")
    assert desk.locator("h1").inner_text() == "Redactietafel: Wederkerigheid in de wijk"
    assert "Esc" in desk.locator(".sneltoetsen").inner_text() and "F3" in desk.locator(".sneltoetsen").inner_text()
    # The words Whisper was unsure of are marked, as the API says, with how sure it was on hover.
    state = json.loads(desk.evaluate(f"() => fetch('/-/gesprekken/redactie/{SAMPLE_ID}.json').then(r => r.text())"))
    unsure = [(t["index"], n, w) for t in state["turns"] for n, w in enumerate(t["words"]) if w[3] == "onzeker"]
    assert unsure and desk.locator("[id^='beurt-'] .woord.onzeker").count() == len(unsure)
    turn, index, word = unsure[0]
    marked = desk.locator(f"#beurt-{turn} .woord").nth(index)
    assert "onzeker" in marked.get_attribute("class").split() and marked.inner_text() == word[2]
    assert marked.get_attribute("title") == f"Whisper was onzeker ({round(word[4] * 100)}%): luister hier eerst"
    # the legend says what the mark means, one click away: closed, it leaves the turns in view (a newcomer's run,
    # session 50: on a 1280x720 screen two turns fitted above the fold), its summary giving the keys
    assert desk.locator(".sneltoetsen").get_attribute("open") is None
    desk.locator(".sneltoetsen summary").click()
    assert "onzeker was" in desk.locator(".sneltoetsen").inner_text()
    screenshot(desk, "10-redactie")

    audio = desk.locator("#speler")
    audio.evaluate("a => { a.muted = true; a.currentTime = 0; return a.play(); }")
    seen = []
    for after in (2.0, 6.0):
        desk.wait_for_function(f"() => document.getElementById('speler').currentTime > {after}")
        now, start, end, text = desk.evaluate(
            """() => { const w = document.querySelector('.woord.nu'), a = document.getElementById('speler');
                return [a.currentTime, +w.dataset.start, +w.dataset.end, w.textContent]; }"""
        )
        assert start - 0.05 <= now <= end + 0.7, (now, start, end, text)
        seen.append(start)
    assert seen[1] > seen[0]  # the highlight moved on with the audio
    audio.evaluate("a => a.pause()")

    word = desk.locator("#beurt-4 .woord").nth(3)
    expected = float(word.get_attribute("data-start"))
    desk.evaluate(
        """() => { const a = document.getElementById('speler');
            // 'seeking' fires as the seek starts, at the new position: by 'seeked' playback may
            // already have moved on (0.18 s on a loaded machine).
            window.__seeked = new Promise(ok => a.addEventListener('seeking', () => ok(a.currentTime), {once: true}));
        }"""
    )
    word.click()
    assert desk.evaluate("() => window.__seeked") == pytest.approx(expected, abs=0.05)
    audio.evaluate("a => a.pause()")


def test_fix_a_misheard_word_and_it_keeps_its_time_and_search_finds_it(desk, site, desk_workspace):
    path = transcript_path(desk_workspace)
    before = transcript.read(path)
    turn, index, fixed = misheard(before)
    tokens = before.turns[turn].text.split()
    tokens[index] = fixed
    open_desk(desk, site)
    section = desk.locator(f"#beurt-{turn}")
    section.locator("button.bewerk").click()
    section.locator("textarea").fill(" ".join(tokens))
    screenshot(desk, "11-redactie-bewerken")
    section.locator("button.opslaan").click()
    saved(desk)

    desk.reload()
    desk.wait_for_function("() => document.body.dataset.redactie === 'klaar'")
    assert desk.locator(f"#beurt-{turn} .woord").nth(index).inner_text() == fixed
    after = transcript.read(path)
    assert after.turns[turn].text.split()[index] == fixed
    old, new = before.turns[turn].words[index], after.turns[turn].words[index]
    assert (new.start, new.end) == (old.start, old.end)  # the fixed word keeps the time of what Whisper heard

    word = re.sub(r"\W", "", fixed)
    desk.goto(f"{site}/-/gesprekken/zoeken?q={word}")
    hits = desk.locator("#beurten article.treffer mark").all_inner_texts()
    assert any(word.casefold() in hit.casefold() for hit in hits), hits


def test_name_a_voice_move_a_turn_and_split_a_turn(desk, site, desk_workspace):
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    voice = desk.locator('.stem[data-stem="Spreker 2"]')
    assert "niet bevestigd" in voice.inner_text() and voice.locator("button.speel").count() >= 2
    voice.locator("select.naam-keuze").select_option("Joost de Boer")
    assert voice.locator("button.naam-opslaan").inner_text() == "Noem Joost de Boer"
    screenshot(desk, "12-redactie-stem-noemen")
    voice.locator("button.naam-opslaan").click()
    saved(desk)
    named = transcript.read(path)
    assert "Spreker 2" not in {t.speaker for t in named.turns}
    joost = next(s for s in named.speakers if s.label == "Spreker 2")
    assert (joost.name, joost.confirmed) == ("Joost de Boer", True)
    assert desk.locator('.stem[data-stem="Joost de Boer"] .bevestigd').count() == 1

    move(desk, 1, "Marloes van der Heijden")
    saved(desk)
    assert transcript.read(path).turns[1].speaker == "Marloes van der Heijden"
    move(desk, 1, "Joost de Boer")
    saved(desk)
    assert transcript.read(path).turns[1].speaker == "Joost de Boer"

    before = transcript.read(path)
    last = len(before.turns) - 1
    desk.locator(f"#beurt-{last} button.splits").click()
    desk.locator(f"#beurt-{last} .woord").nth(1).click()
    saved(desk)
    after = transcript.read(path)
    assert len(after.turns) == len(before.turns) + 1
    assert after.turns[last].text.split() == before.turns[last].text.split()[:1]
    assert after.turns[last + 1].start == before.turns[last].words[1].start
    assert desk.locator(".beurt").count() == len(after.turns)

    # Naming put two names the wrong way round: picking the other's name swaps them, merges nothing.
    said = {
        name: [t.text for t in after.turns if t.speaker == name]
        for name in ("Joost de Boer", "Marloes van der Heijden")
    }
    voice = desk.locator('.stem[data-stem="Joost de Boer"]')
    voice.locator("select.naam-keuze").select_option("Marloes van der Heijden")
    assert voice.locator("button.naam-opslaan").inner_text() == "Ruil met Marloes van der Heijden"
    # Each voice introduces itself: the desk asks before it names one against that, and saves once confirmed.
    voice.locator("button.naam-opslaan").click()
    sure = desk.locator("#melding button.zeker")
    sure.wait_for()
    assert "stelt zich voor als Joost de Boer" in desk.locator("#melding").inner_text()
    assert sure.inner_text() == "Toch deze naam geven"
    assert [t.speaker for t in transcript.read(path).turns] == [t.speaker for t in after.turns]
    sure.click()
    saved(desk)
    swapped = transcript.read(path)
    assert [t.text for t in swapped.turns if t.speaker == "Marloes van der Heijden"] == said["Joost de Boer"]
    assert [t.text for t in swapped.turns if t.speaker == "Joost de Boer"] == said["Marloes van der Heijden"]


def name_the_unnamed_voice(page):
    """Name "Spreker 2" Joost de Boer at the desk, where no earlier test of the file did (run alone, or the file
    split between test workers): the article then has his voice to show."""
    voice = page.locator('.stem[data-stem="Spreker 2"]')
    if voice.count():
        voice.locator("select.naam-keuze").select_option("Joost de Boer")
        voice.locator("button.naam-opslaan").click()
        saved(page)


def test_pick_the_headline_and_download_the_docx(desk, site, desk_workspace):
    from docx import Document

    open_desk(desk, site)
    name_the_unnamed_voice(desk)
    # nothing of the page's own making shows as a word ("null" under Kop where no headline was withheld)
    assert "null" not in desk.locator("#artikel-inhoud").inner_text().split()
    quote = desk.locator("#citaten li.citaat").nth(1)
    text = quote.locator(".citaat-tekst").inner_text()
    quote.locator("button.maak-kop").click()
    saved(desk)
    assert desk.locator("#kop").inner_text() == f"“{text}”"
    assert "null" not in desk.locator("#artikel-inhoud").inner_text().split()
    assert transcript.read(transcript_path(desk_workspace)).analysis["headline"] == text
    screenshot(desk, "13-redactie-artikel")

    with desk.expect_download() as download:
        desk.locator('a[data-name="artikel.docx"]').click()
    document = Document(download.value.path())
    heading = next(p.text for p in document.paragraphs if p.style.name == "Heading 1")
    plain = lambda s: " ".join(re.findall(r"\w+", s.casefold()))  # noqa: E731
    assert plain(heading) == plain(text)
    # the desk says whose name the article prints under the headline, as the article does (a newcomer's run,
    # session 51: it never said, and a headline two speakers say gets none)
    byline = [p.text for p in document.paragraphs if p.style.name == "Bron"]
    said = desk.locator("#kop-bron").inner_text()
    assert byline and said == f"Onder de kop in het artikel: {byline[0]}"
    participants = [p.text for p in document.paragraphs if p.style.name == "Deelnemer"]
    assert "Joost de Boer, sectormanager wonen, gemeente Zwolle" in participants
    speakers = {p.runs[0].text.rstrip(": ") for p in document.paragraphs if p.style.name == "Beurt"}
    assert {"Joost de Boer", "De Boer"} <= speakers  # the voice named at the desk speaks in the article

    # Every save rebuilt the public copy: an anonymous visitor reads the headline the editor picked.
    with urllib.request.urlopen(f"{site}/-/gesprekken/gesprek/{SAMPLE_ID}", timeout=10) as response:
        public = response.read().decode()
    assert f"“{text.rstrip('.')}”" in public and "redactie-link" not in public


def test_merge_a_turn_with_the_next_and_select_within_one_turn(desk, site, desk_workspace):
    """Diarization gave the end of a turn to the other speaker: "Samenvoegen met volgende beurt" asks
    first (two speakers), and once confirmed the turn is whole again. A selection over two turns is
    said to be one (it was "Deze zin staat niet in het transcript"), and nothing is sent; a turn's two
    sentences selected with a triple click become one action point."""
    from gesprekken import Workspace
    from gesprekken.analyse import plain_words
    from gesprekken.desk import version_of

    path = transcript_path(desk_workspace)
    before = transcript.read(path)
    last = len(before.turns) - 1
    one = before.turns[last].speaker
    other = next(p.name for p in before.participants if p.name != one)
    words = before.turns[last].text.split()
    workspace = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db")
    workspace.desk(SAMPLE_ID).split_turn(version_of(path.read_text(encoding="utf-8")), last, len(words) // 2, other)
    assert len(transcript.read(path).turns) == len(before.turns) + 1
    open_desk(desk, site)
    desk.locator(f"#beurt-{last} button.voeg-samen").click()
    sure = desk.locator("#melding button.zeker")
    sure.wait_for()
    assert f"samengevoegd staat alles onder {one}" in desk.locator("#melding").inner_text()
    assert sure.inner_text() == "Toch samenvoegen"  # the change asked about, not a generic "opslaan"
    # a question, as the page's own, with both answers: not a red failure with one button (session 50)
    assert desk.locator("#melding").inner_text().startswith("Eerst een vraag, nog niets opgeslagen: ")
    assert desk.locator("#melding").get_attribute("class") == "vraag"
    desk.locator("#melding button.niet-doen").click()
    assert desk.locator("#melding").inner_text() == "Niets veranderd"
    desk.locator(f"#beurt-{last} button.voeg-samen").click()
    sure.wait_for()
    assert len(transcript.read(path).turns) == len(before.turns) + 1  # asked, nothing saved
    sure.click()
    saved(desk)
    merged = transcript.read(path)
    assert [(t.speaker, t.text) for t in merged.turns] == [(t.speaker, t.text) for t in before.turns]
    assert desk.locator(".beurt").count() == len(before.turns)
    assert desk.locator(f"#beurt-{last} button.voeg-samen").count() == 0  # the last turn has no next

    source = path.read_bytes()
    desk.evaluate(
        """() => { const a = document.querySelector('#beurt-0 .woord:last-child');
            const b = document.querySelectorAll('#beurt-1 .woord')[1], r = document.createRange();
            r.setStart(a.firstChild, 0); r.setEnd(b.firstChild, b.textContent.length);
            getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    desk.locator("#selectie-kop").click()
    message = desk.locator("#melding")
    assert message.inner_text().startswith("Je selectie loopt over de beurt om 00:"), message.inner_text()
    assert "selecteer binnen één beurt" in message.inner_text() and path.read_bytes() == source

    desk.locator("#beurt-0 p.tekst .woord").nth(1).click(click_count=3)  # the paragraph, to the next turn's start
    desk.locator("#selectie-actiepunt").click()
    saved(desk)
    state = json.loads(desk.evaluate(f"() => fetch('/-/gesprekken/redactie/{SAMPLE_ID}.json').then(r => r.text())"))
    assert plain_words(merged.turns[0].text) in [plain_words(a["text"]) for a in state["action_points"]]

    # A drag that begins a letter late in a sentence and ends inside the second word of the sentence after: the whole
    # sentence, not "oedemiddag, ik ben ... We ve" (an editor's run, session 57: "ij gaat het om wederkerig" was saved
    # as the headline, in the article and on the site).
    sentences = re.split(r"(?<=[.!?])\s+", merged.turns[0].text)
    k = next(k for k in range(len(sentences) - 1) if len(sentences[k].split()) > 2 < len(sentences[k + 1].split()))
    assert desk.locator("#beurt-0 p.tekst .woord").count() == len(merged.turns[0].text.split())
    first = sum(len(sentence.split()) for sentence in sentences[:k])
    last = first + len(sentences[k].split()) + 1
    desk.evaluate(
        """([first, last]) => { const words = document.querySelectorAll('#beurt-0 p.tekst .woord');
            const r = document.createRange();
            r.setStart(words[first].firstChild, 1); r.setEnd(words[last].firstChild, 2);
            getSelection().removeAllRanges(); getSelection().addRange(r); }""",
        [first, last],
    )
    desk.locator("#selectie-kop").click()
    saved(desk)
    assert transcript.read(path).analysis["headline"] == sentences[k]
    assert desk.locator("#kop").inner_text() == f"“{sentences[k]}”"


def test_two_editors_save_the_same_turn_and_both_texts_survive(desk, editor, site, desk_workspace):
    path = transcript_path(desk_workspace)
    other, second = second_tab(editor)
    open_desk(desk, site)
    open_desk(second, site)
    original = transcript.read(path).turns[0].text
    first_text, second_text = f"{original} Dat zei de eerste redacteur.", f"{original} Dat zei de tweede redacteur."

    desk.locator("#beurt-0 button.bewerk").click()
    desk.locator("#beurt-0 textarea").fill(first_text)
    desk.locator("#beurt-0 textarea").press("Control+Enter")
    saved(desk)
    # the keyboard's place is kept on the turn saved (an attack, session 56: focus went to the page's top)
    assert (
        desk.evaluate("() => document.activeElement.closest('section') && document.activeElement.closest('section').id")
        == "beurt-0"
    )
    second.locator("#beurt-0 button.bewerk").click()
    second.locator("#beurt-0 textarea").fill(second_text)
    second.locator("#beurt-0 button.opslaan").click()
    conflict = second.locator("#conflict")
    conflict.wait_for(state="visible")
    assert conflict.locator(".tekst-hun").inner_text() == first_text
    assert conflict.locator("textarea.tekst-mijn").input_value() == second_text
    # what differs is marked, on both sides (an editor's run, session 53: a word added by hand went unseen)
    assert conflict.locator(".tekst-hun mark").all_inner_texts() == ["eerste"]
    # and what was saved meanwhile, by whom (said for every kind of change: a move's or an undo's panel said nothing)
    meanwhile = conflict.locator(".intussen").inner_text()
    assert meanwhile.startswith("Intussen opgeslagen:") and "editor: De beurt om 00:0" in meanwhile, meanwhile
    assert "Dat zei de eerste redacteur." in meanwhile
    assert conflict.locator(".tekst-mijn-verschil mark").all_inner_texts() == ["tweede"]
    conflict.locator("textarea.tekst-mijn").fill(f"{original} Dat zei de eerste redacteur, echt.")  # marks follow
    assert conflict.locator(".tekst-mijn-verschil mark").all_inner_texts() == ["redacteur,", "echt."]
    assert conflict.locator(".tekst-hun mark").all_inner_texts() == ["redacteur."]
    conflict.locator("textarea.tekst-mijn").fill(second_text)
    assert transcript.read(path).turns[0].text == first_text  # nothing overwritten
    screenshot(second, "14-redactie-conflict")

    conflict.locator("button.mijn-versie").click()  # the second editor, having seen both, keeps theirs
    saved(second)
    assert transcript.read(path).turns[0].text == second_text
    history = second.evaluate(f"() => fetch('/-/gesprekken/redactie/{SAMPLE_ID}/geschiedenis').then(r => r.json())")
    assert history[0]["detail"]["before"] == first_text and history[1]["detail"]["after"] == first_text
    assert second.locator("#ongedaan").inner_text() == "Ongedaan maken"
    second.locator("#ongedaan").click()  # one step of undo brings the first editor's text back
    saved(second)
    assert transcript.read(path).turns[0].text == first_text
    # undoing that undo does the change again, and the button says so (it said "Ongedaan maken" again)
    assert second.locator("#ongedaan").inner_text() == "Opnieuw doen"
    assert not second.locator("#geschiedenis-inhoud p .aantal").first.inner_text().startswith("Ongedaan")
    second.locator("#ongedaan").click()
    saved(second)
    assert transcript.read(path).turns[0].text == second_text
    # the history says it as done again, not "Ongedaan gemaakt: Ongedaan gemaakt: ..." (a newcomer's run, session 51)
    latest = second.locator("#geschiedenis-lijst li").first.inner_text()
    assert "Opnieuw gedaan: " in latest and "Ongedaan" not in latest, latest
    assert second.locator("#melding").inner_text().startswith("Opgeslagen: Opnieuw gedaan: ")  # and as saved
    other.close()


def test_a_turn_split_before_yours_meanwhile_leaves_your_correction_on_your_turn(desk, editor, site, desk_workspace):
    """The first editor splits a turn; the second, whose page still numbers the turns as before,
    corrects a later one: it is saved on that turn (now one number further), not on the turn that took its old
    number, and without the conflict panel, as the turn itself did not change (session 47: the panel opened and
    showed an unchanged turn)."""
    path = transcript_path(desk_workspace)
    other, second = second_tab(editor)
    open_desk(desk, site)
    open_desk(second, site)
    before = transcript.read(path)
    desk.locator("#beurt-1 button.splits").click()
    desk.locator("#beurt-1 .woord").nth(3).click()
    saved(desk)
    mine = before.turns[3].text + " Zeker weten."
    second.locator("#beurt-3 button.bewerk").click()
    second.locator("#beurt-3 textarea").fill(mine)
    second.locator("#beurt-3 button.opslaan").click()
    saved(second)
    assert second.locator("#conflict").is_hidden()
    after = transcript.read(path)
    assert after.turns[4].text == mine and after.turns[4].start == before.turns[3].start
    assert [t.text for t in after.turns[5:]] == [t.text for t in before.turns[4:]]
    assert after.turns[2].text == " ".join(before.turns[1].text.split()[3:])  # the split's second half
    assert after.turns[3].text == before.turns[2].text  # the turn that took the old number keeps its words
    # Any other change on a page gone stale is said in words, not as the API's JSON (a theme added where another
    # editor rejected one meanwhile: the themes chosen changed)
    second.locator("#themas .gesprekken-thema button.wijs-af").first.click()
    saved(second)
    theme = desk.locator("#thema-keuze option").nth(1)
    label = theme.inner_text()
    desk.locator("#thema-keuze").select_option(theme.get_attribute("value"))
    desk.locator("#thema-keuze ~ button").first.click()
    conflict = desk.locator("#conflict")
    conflict.wait_for(state="visible")
    assert conflict.locator(".wijziging-mijn").inner_text() == f"Jouw wijziging: thema toevoegen: {label}"
    conflict.locator("button.mijn-versie").click()
    saved(desk)
    other.close()


def guest_cookie(site: str) -> dict:
    from itsdangerous import URLSafeSerializer

    value = URLSafeSerializer(SECRET, "actor").dumps({"a": {"id": "gast"}})
    return {"name": "ds_actor", "value": value, "url": site}


def test_anonymous_and_a_guest_get_403_and_a_cross_site_post_is_refused(browser, desk, site, desk_workspace):
    path = transcript_path(desk_workspace)
    original = path.read_text(encoding="utf-8")
    open_desk(desk, site)
    version = desk.evaluate("() => JSON.parse(document.getElementById('staat').textContent).version")
    base = f"{site}/-/gesprekken/redactie/{SAMPLE_ID}"
    actions = ["tekst", "verplaats", "splits", "spreker", "kop", "citaat", "actiepunt", "thema", "inleiding"]
    actions += ["publicatie", "ongedaan"]
    for cookies in ([], [guest_cookie(site)]):
        context = browser.new_context()
        context.add_cookies(cookies)
        page = context.new_page()
        assert page.goto(base).status == 403
        for url in (f"{base}.json", f"{base}/geschiedenis", f"{base}/download/artikel.docx"):
            assert context.request.get(url).status == 403, url
        for action in actions:
            response = context.request.post(
                f"{base}/{action}",
                data=json.dumps({"version": version, "turn": 0, "text": "x"}),
                headers={"Content-Type": "application/json", "X-Gesprekken": "1"},
            )
            assert response.status == 403, action
        context.close()

    # The editor's own browser: a POST without the desk's header, and a form posted from another site.
    status = desk.evaluate(
        f"""() => fetch('{base}/tekst', {{method: 'POST', headers: {{'Content-Type': 'application/json'}},
            body: JSON.stringify({{version: '{version}', turn: 0, text: 'zonder kopregel'}})}}).then(r => r.status)"""
    )
    assert status == 403
    attacker = desk.context.new_page()
    attacker.set_content(
        f"""<form method="post" action="{base}/tekst" enctype="text/plain">
        <input name='{{"version": "{version}", "turn": 0, "text": "gekaapt", "x": "' value='"}}'></form>"""
    )
    with attacker.expect_navigation():
        attacker.evaluate("() => document.forms[0].submit()")
    assert "gekaapt" not in path.read_text(encoding="utf-8")
    attacker.close()
    assert path.read_text(encoding="utf-8") == original


def test_hostile_text_in_every_field_shows_as_text(desk, site, desk_workspace):
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    open_desk(desk, site)
    name_the_unnamed_voice(desk)  # (the file split between test workers: no earlier test named "Spreker 2")
    open_desk(desk, site)  # the page's version after that save
    post = """async ([action, body]) => {
        const state = JSON.parse(document.getElementById('staat').textContent);
        const version = (window.__version || state.version);
        const r = await fetch(location.pathname + '/' + action, {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-Gesprekken': '1'},
            body: JSON.stringify(Object.assign({version}, body))});
        const data = await r.json();
        if (r.ok) window.__version = data.state.version;
        return r.status; }"""
    # The headline, quote and action point first: a name off the programme keeps its turns from the
    # public (and the unnamed voices), and a sentence only they hold cannot become one (400).
    for action, body in [
        ("tekst", {"turn": 0, "text": f"Goedemiddag {payload} allemaal."}),
        ("kop", {"text": payload}),
        ("citaat", {"text": f"Goedemiddag {payload} allemaal.", "choice": "accept"}),
        ("actiepunt", {"text": f"Goedemiddag {payload} allemaal.", "choice": "accept"}),
        ("spreker", {"speaker": "Joost de Boer", "name": f"Joost {payload}"}),
        ("verplaats", {"turn": 2, "speaker": f"<b>kop</b>{payload}"}),
        ("splits", {"turn": 3, "word": 2, "speaker": f"<i>x</i>{payload}"}),
        ("inleiding", {"text": payload}),
    ]:
        assert desk.evaluate(post, [action, body]) == 200, action
    for url in (f"{site}/-/gesprekken/redactie/{SAMPLE_ID}", f"{site}/-/gesprekken/gesprek/{SAMPLE_ID}"):
        desk.goto(url)
        desk.wait_for_load_state("networkidle")
        assert desk.locator("img[src=x]").count() == 0 and desk.locator("b", has_text="kop").count() == 0, url
    open_desk(desk, site)
    assert payload in desk.locator("#beurt-0 .tekst").inner_text()
    assert desk.locator("#inleiding").input_value() == payload
    screenshot(desk, "15-redactie-vijandige-tekst")
    # The dialogs fixture asserts that no alert() ran on any of these pages.


def test_a_save_the_public_copy_cannot_follow_shows_as_saved_with_what_to_do(desk, site, desk_workspace):
    """The server keeps the save and answers 409 'Opgeslagen, maar ...': the page shows the save made
    and the message, not the conflict panel ('Niet opgeslagen ...'), whose 'Mijn versie opslaan'
    would post the change a second time."""
    path = transcript_path(desk_workspace)
    turn = 0
    text = transcript.read(path).turns[turn].text + " Tot zover."
    blocker = desk_workspace / "recordings" / ".openbaar"  # a file where the public recordings' folder goes
    # (the hostile names before are no participants', so their turns are silent in a public recording there)
    shutil.rmtree(blocker, ignore_errors=True)
    blocker.write_text("in the way")
    # A withdrawal whose silenced recording cannot be written takes the public copy away: the next
    # save's update of it fails too
    result = run("publication", SAMPLE_ID, "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=desk_workspace)
    assert result.exit_code == 1 and "The change is saved, but the public copy" in result.output, result.output
    try:
        open_desk(desk, site)
        section = desk.locator(f"#beurt-{turn}")
        section.locator("button.bewerk").click()
        section.locator("textarea").fill(text)
        section.locator("button.opslaan").click()
        desk.wait_for_function("() => document.getElementById('melding').textContent.startsWith('Opgeslagen')")
        message = desk.locator("#melding").inner_text()
        assert message.startswith("Opgeslagen, maar") and "gesprekken load" in message, message
        assert desk.locator("#conflict").is_hidden()
        assert desk.locator(f"#beurt-{turn} textarea").count() == 0  # the edit is closed: it is saved
        assert "Tot zover." in desk.locator(f"#beurt-{turn}").inner_text()
        assert transcript.read(path).turns[turn].text == text
        # What the public may not see is marked, and a refused headline is a sentence, not the conflict panel.
        # (Joost's voice has a hostile name by now: an unnamed voice, kept back with every other one.)
        import sqlite3

        from gesprekken.publish import withheld_turns

        with sqlite3.connect(desk_workspace / "gesprekken.db") as conn:
            withheld = withheld_turns(conn, [SAMPLE_ID])
        assert desk.locator(".beurt.beurt-niet-openbaar").count() == len(withheld) > 0
        # (and a voice named by automatic naming alone, until an editor confirms it, where an earlier test of
        # this module's workspace left one unconfirmed: held_for_naming)
        marked = set(desk.locator("#stemmen-lijst .stem h3 .niet-openbaar").all_inner_texts())
        assert "(niet openbaar: ingetrokken)" in marked
        assert marked <= {"(niet openbaar: ingetrokken)", "(niet openbaar: stem nog niet bevestigd)"}, marked
        # his sentence is offered as no headline: said, not offered and then refused (a helper's run, session 54; the
        # desk refuses it as before, tests/test_desk.py)
        his = desk.locator("#citaten li.citaat", has=desk.locator(".niet-openbaar"))
        assert his.count() and his.locator("button.maak-kop").count() == 0
        offered = his.locator(".geen-kop")  # (one of them may be the headline pinned before)
        assert offered.count() and set(offered.all_inner_texts()) == {"kan geen kop worden"}
        assert {"toestemming" in t or "Stemmen" in t for t in offered.evaluate_all("s => s.map(x => x.title)")} == {
            True
        }
        screenshot(desk, "redactie-niet-openbaar")
    finally:
        blocker.unlink()
        result = run("publication", SAMPLE_ID, "published", "--participant", "Joost de Boer", cwd=desk_workspace)
        assert result.exit_code == 0, result.output  # the public copy back for the other tests


def test_without_its_recording_the_desk_shows_no_player_and_still_edits(desk, site, desk_workspace):
    """A conversation whose recording file is gone: no player (every play was a 404), the turns keep
    their times as text, the desk says which recording is missing, and a save still works."""
    import shutil
    import sqlite3

    with sqlite3.connect(desk_workspace / "gesprekken.db") as conn:
        ((stored,),) = conn.execute("SELECT recording FROM conversations WHERE id = ?", [SAMPLE_ID]).fetchall()
    recording = (desk_workspace / "transcripts" / stored).resolve()
    aside = desk_workspace / "elders.bak"
    shutil.move(recording, aside)
    errors = []
    desk.on("pageerror", lambda error: errors.append(str(error)))
    try:
        desk.goto(f"{site}/-/gesprekken/redactie/{SAMPLE_ID}")
        desk.wait_for_function("() => document.body.dataset.redactie === 'klaar'")
        assert desk.locator("audio").count() == 0 and desk.locator("button.speel").count() == 0
        assert "Geen opname om af te spelen" in desk.locator(".geen-opname").inner_text()
        turns = len(transcript.read(transcript_path(desk_workspace)).turns)
        assert desk.locator(".beurt-kop .tijd").count() == turns
        desk.keyboard.press("Escape")
        section = desk.locator("#beurt-0")
        section.locator("button.bewerk").click()
        section.locator("textarea").fill("Goedemiddag, zonder opname.")
        section.locator("button.opslaan").click()
        desk.wait_for_function("() => document.getElementById('melding').textContent.startsWith('Opgeslagen')")
        assert "zonder opname" in desk.locator("#beurt-0").inner_text()
        screenshot(desk, "redactie-zonder-opname")
        assert not errors, errors
    finally:
        shutil.move(aside, recording)


def test_correct_a_participants_role_and_organisation_and_add_a_name_nobody_listed(browser, desk, site, desk_workspace):
    """The editor corrects Joost de Boer's role and empties his organisation under Deelnemers: the
    published conversation page shows the correction at once. A name that speaks but nobody listed
    is marked as such, in the list and by its voice, and is put on the list with a status from there."""
    open_desk(desk, site)
    form = desk.locator(".deelnemer[data-deelnemer='Joost de Boer']")
    form.locator("input.deelnemer-functie").fill("beleidsadviseur wonen")
    form.locator("input.deelnemer-organisatie").fill("")
    form.locator("button.deelnemer-opslaan").click()
    saved(desk)
    assert desk.locator("#melding").inner_text() == (
        "Opgeslagen: Deelnemer Joost de Boer: functie “sectormanager wonen” → “beleidsadviseur wonen”; "
        "organisatie “gemeente Zwolle” → leeg"
    )
    form = desk.locator(".deelnemer[data-deelnemer='Joost de Boer']")
    assert form.locator("input.deelnemer-functie").input_value() == "beleidsadviseur wonen"
    assert "door de redactie" in form.locator("h3").inner_text()
    joost = next(p for p in transcript.read(transcript_path(desk_workspace)).participants if p.name == "Joost de Boer")
    assert (joost.role, joost.organisation, joost.confirmed) == ("beleidsadviseur wonen", "", True)

    visitor = browser.new_context()
    page = visitor.new_page()
    assert page.goto(f"{site}/-/gesprekken/gesprek/{SAMPLE_ID}").status == 200
    listed = page.locator("ul.deelnemers li", has_text="Joost de Boer").inner_text()
    assert listed == "Joost de Boer, beleidsadviseur wonen", listed
    visitor.close()

    # A name nobody listed: one is made where the tests before left none (a voice named off the programme).
    state = json.loads(desk.evaluate("() => document.getElementById('staat').textContent"))
    if not state["unlisted"]:
        voice = desk.locator("#stemmen-lijst .stem").last
        voice.locator("select.naam-keuze").select_option("")
        voice.locator("input.naam-vrij").fill("Kees Mol")
        voice.locator("button.naam-opslaan").click()
        # The voice introduces itself as Joost de Boer: the desk asks first.
        desk.wait_for_function(f"() => ({WAIT_SAVED})() || document.querySelector('#melding button.zeker')")
        if desk.locator("#melding button.zeker").count():
            desk.locator("#melding button.zeker").click()
        saved(desk)
    state = desk.evaluate(f"() => fetch('/-/gesprekken/redactie/{SAMPLE_ID}.json').then(r => r.json())")
    names = state["unlisted"]
    marked = desk.locator("#deelnemers-lijst .niet-gelijst")
    assert [marked.nth(i).get_attribute("data-naam") for i in range(marked.count())] == names != []
    assert all("niet op de deelnemerslijst — niet openbaar" in text for text in marked.all_inner_texts())
    assert desk.locator("#stemmen-lijst .stem .niet-gelijst-stem").count() == len(names)
    screenshot(desk, "redactie-deelnemers")
    first = marked.first
    first.locator("input.nieuw-functie").fill("wethouder")
    first.locator("button.toevoegen").click()  # no status yet: said, nothing saved
    assert "Kies een publicatiestatus" in desk.locator("#melding").inner_text()
    first.locator("select.nieuw-status").select_option("internal")
    first.locator("button.toevoegen").click()
    saved(desk)
    assert desk.locator("#melding").inner_text().startswith(f"Opgeslagen: Deelnemer toegevoegd: {names[0]} (wethouder)")
    added = next(p for p in transcript.read(transcript_path(desk_workspace)).participants if p.name == names[0])
    assert (added.role, added.status, added.confirmed) == ("wethouder", "internal", True)
    assert desk.locator("#deelnemers-lijst .niet-gelijst").count() == len(names) - 1
    listed = desk.locator("#deelnemers-lijst .deelnemer").evaluate_all("a => a.map(x => x.dataset.deelnemer)")
    assert listed[-1] == names[0]


def test_a_participants_status_is_set_under_deelnemers_and_an_asked_change_shows_the_saved_one(
    desk, site, desk_workspace
):
    """Beside the role and organisation, each participant's status: the same save as under Publicatie,
    whose menu follows. A withdrawal the desk asks about first leaves both menus at the saved status
    until the editor confirms it (Toch intrekken)."""
    from dataclasses import replace

    open_desk(desk, site)
    name_the_unnamed_voice(desk)  # each published participant's voice named, whichever tests ran before on this worker
    path = transcript_path(desk_workspace)
    conversation = transcript.read(path)
    one = next(p for p in conversation.participants if p.status == "published")
    # Their voice named automatically, and not surely: a withdrawal is asked about first.
    speakers = [replace(s, confidence=0.5, confirmed=False) if s.name == one.name else s for s in conversation.speakers]
    transcript.write(replace(conversation, speakers=speakers), path)
    assert run("load", cwd=desk_workspace).exit_code == 0
    open_desk(desk, site)
    form = desk.locator(f".deelnemer[data-deelnemer='{one.name}']")
    form.locator("select.status").select_option("internal")
    saved(desk)
    assert next(
        p for p in transcript.read(transcript_path(desk_workspace)).participants if p.name == one.name
    ).status == ("internal")
    menus = desk.locator(f"select.status[data-participant='{one.name}']")
    assert menus.count() == 2 and menus.evaluate_all("s => s.map(x => x.value)") == ["internal", "internal"]

    form = desk.locator(f".deelnemer[data-deelnemer='{one.name}']")
    form.locator("input.deelnemer-functie").fill("nog niet opgeslagen")
    form.locator("select.status").select_option("withdrawn")
    desk.wait_for_function(f"() => ({WAIT_SAVED})() || document.querySelector('#melding button.zeker')")
    sure = desk.locator("#melding button.zeker")
    assert (
        sure.inner_text() == "Toch intrekken"
        and "rusten op automatische naamgeving (50% zeker)" in desk.locator("#melding").inner_text()
    )
    assert menus.evaluate_all("s => s.map(x => x.value)") == ["internal", "internal"]  # asked, nothing saved yet
    assert form.locator("input.deelnemer-functie").input_value() == "nog niet opgeslagen"  # kept, not redrawn
    sure.click()
    saved(desk)
    assert next(
        p for p in transcript.read(transcript_path(desk_workspace)).participants if p.name == one.name
    ).status == ("withdrawn")
    assert menus.evaluate_all("s => s.map(x => x.value)") == ["withdrawn", "withdrawn"]


def test_making_someone_public_is_asked_first_and_keeping_them_from_it_is_not(desk, site, desk_workspace):
    """One slip in a Publicatie menu put what someone said on the public site at once. Intern and ingetrokken
    still save at once (privacy first); openbaar asks first and saves only when the editor confirms."""
    path = transcript_path(desk_workspace)
    name = transcript.read(path).participants[0].name
    status = lambda: next(p.status for p in transcript.read(path).participants if p.name == name)  # noqa: E731
    open_desk(desk, site)
    menus = desk.locator(f"select.status[data-participant='{name}']")
    menus.first.select_option("internal")
    if status() == "withdrawn":  # (an earlier test of this module left them withdrawn: taking it back is asked)
        desk.locator("#melding button.intrekking-terug").click()
    saved(desk)
    assert status() == "internal"

    menus.last.select_option("published")
    desk.wait_for_function("() => document.getElementById('melding').className === 'vraag'")
    assert desk.locator("#melding").inner_text().startswith(f"Openbaar maken? Wat {name} zei, staat dan meteen")
    assert status() == "internal" and menus.evaluate_all("s => s.map(x => x.value)") == ["internal", "internal"]
    screenshot(desk, "redactie-openbaar-maken-vraagt")
    desk.locator("#melding button.niet-doen").click()  # both answers (session 50: the question had no "no")
    assert desk.locator("#melding").inner_text() == "Niets veranderd" and status() == "internal"
    menus.last.select_option("published")
    desk.wait_for_function("() => document.getElementById('melding').className === 'vraag'")
    desk.locator("#melding button.openbaar-maken").click()
    saved(desk)
    assert status() == "published" and menus.evaluate_all("s => s.map(x => x.value)") == ["published", "published"]

    # a withdrawal taken back is asked too (an editor's run, session 53: one arrow key in the menu undid it)
    menus.first.select_option("withdrawn")
    desk.wait_for_function("() => ['ok', 'vraag'].includes(document.getElementById('melding').className)")
    if desk.locator("#melding button.zeker").count():  # (a withdrawal that rests on automatic naming asks first)
        desk.locator("#melding button.zeker").click()
        saved(desk)
    assert status() == "withdrawn"
    menus.first.select_option("internal")
    desk.wait_for_function("() => document.getElementById('melding').className === 'vraag'")
    assert desk.locator("#melding").inner_text().startswith(f"Intrekking van {name} terugdraaien?")
    assert status() == "withdrawn" and menus.evaluate_all("s => s.map(x => x.value)") == ["withdrawn", "withdrawn"]
    desk.locator("#melding button.intrekking-terug").click()
    saved(desk)
    assert status() == "internal" and "Eerder geëxporteerd" not in desk.locator("#melding").inner_text()
    menus.last.select_option("published")
    desk.locator("#melding button.openbaar-maken").click()
    saved(desk)
    assert status() == "published"


def test_the_headline_warning_says_a_concept_keeps_it_only_where_a_concept_does(
    desk, site, desk_workspace, ingested_sample
):
    """Under Kop, a headline the public copy drops says whether a concept for the editors keeps it
    (the state's ``headline_in_concept``, by the concept's own rule). Marloes's voice, named by automatic
    naming alone, is held from the public while Joost is internal: a concept keeps her words (the page said
    nothing of it, reading the status 'internal' alone); where Joost withdrew, a concept holds them too.
    The sample as ingested, put back as this module left it afterwards."""
    path = transcript_path(desk_workspace)
    before = path.read_bytes()
    shutil.copy(transcript_path(ingested_sample), path)
    hint = "een concept met wat niet openbaar is houdt hem"
    post = """async ([version, text]) => (await fetch(location.pathname + '/kop', {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-Gesprekken': '1'},
        body: JSON.stringify({version, text})})).status"""
    try:
        # (the sample as ingested gives turns this module moved to people it added, not published, back to the two:
        # load asks about that, and the test answers --yes)
        loaded = run("load", "--yes", cwd=desk_workspace)
        assert loaded.exit_code == 0, loaded.output
        marloes, joost = (p.name for p in transcript.read(path).participants)
        open_desk(desk, site)
        state = json.loads(desk.locator("#staat").text_content())
        hers = next(q["text"] for q in state["quotes"] if q["speaker"] == marloes)
        assert desk.evaluate(post, [state["version"], hers]) == 200
        for status, kept in (("internal", True), ("withdrawn", False)):
            result = run("publication", SAMPLE_ID, status, "--participant", joost, "--yes", cwd=desk_workspace)
            assert result.exit_code == 0, result.output
            open_desk(desk, site)
            warning = desk.locator("#kop-niet-openbaar").inner_text()
            assert "stem nog niet bevestigd" in warning and (hint in warning) == kept, (status, warning)
    finally:
        path.write_bytes(before)
        assert run("load", "--yes", cwd=desk_workspace).exit_code == 0


def test_a_save_keeps_what_the_editor_typed_elsewhere_and_a_long_paste_is_refused_whole(desk, site, desk_workspace):
    """A tester's finds (session 47): pinning a headline closed an open correction and emptied a typed intro without
    a word; a paste over the limit was cut at 5,000 characters by the browser, then saved; a turn's speaker menu saved
    the moment the arrow keys changed it."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    before = transcript.read(path)
    desk.locator("#beurt-2 button.bewerk").click()
    typed = before.turns[2].text + " Nog niet opgeslagen."
    desk.locator("#beurt-2 textarea").fill(typed)
    desk.locator("#inleiding").fill("Een inleiding die nog niet is opgeslagen.")
    desk.locator("#citaten button.maak-kop").first.click()
    saved(desk)
    assert desk.locator("#beurt-2 textarea").input_value() == typed
    assert desk.locator("#inleiding").input_value() == "Een inleiding die nog niet is opgeslagen."
    assert transcript.read(path).turns[2].text == before.turns[2].text  # kept on the page, not saved
    desk.locator("button.kop-los").click()
    saved(desk)
    assert desk.locator("#beurt-2 textarea").input_value() == typed

    long = " ".join(["Een zin die veel te lang doorgaat."] * 220)  # 7,700 characters: refused whole, still open
    desk.locator("#beurt-2 textarea").fill(long)
    desk.locator("#beurt-2 button.opslaan").click()
    desk.wait_for_function("() => document.getElementById('melding').className === 'fout'")
    assert "hoogstens" in desk.locator("#melding").inner_text()
    assert desk.locator("#beurt-2 textarea").input_value() == long
    assert transcript.read(path).turns[2].text == before.turns[2].text
    desk.locator("#beurt-2 button.annuleren").click()
    desk.locator("#inleiding").fill("")

    source = path.read_bytes()
    other = next(t.speaker for t in before.turns if t.speaker != before.turns[2].speaker)
    desk.locator("#beurt-2 select.verplaats").select_option(other)
    at = transcript.format_time(before.turns[2].start, 1)
    assert (
        desk.locator("#melding").inner_text().startswith(f"De beurt om {at} van {before.turns[2].speaker} naar {other}")
    )
    assert path.read_bytes() == source  # asked, nothing saved
    desk.locator("#melding button.niet-verplaatsen").click()
    assert desk.locator("#beurt-2 select.verplaats").input_value() == before.turns[2].speaker
    assert path.read_bytes() == source


def test_opening_another_turn_asks_before_a_typed_correction_goes(desk, site, desk_workspace):
    """An editor's run (session 53): a correction typed in one turn went without a word when Bewerk was clicked on
    another (the README says what is typed stays on the page). Now the desk asks: keep editing, save it first, or
    let it go. And Esc, typing in a turn with the player elsewhere, plays from that turn, not from 00:00."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    before = transcript.read(path)
    typed = before.turns[3].text + " Nog niet opgeslagen."
    desk.locator("#beurt-3 button.bewerk").click()
    desk.locator("#beurt-3 textarea").fill(typed)
    desk.keyboard.press("Escape")  # plays from turn 4's start (the player was at 00:00)
    desk.wait_for_function("() => !document.getElementById('speler').paused")
    desk.keyboard.press("Escape")
    at = desk.evaluate("() => document.getElementById('speler').currentTime")
    assert before.turns[3].start - 0.1 <= at <= before.turns[3].end + 1, (at, before.turns[3].start)
    desk.locator("#beurt-0 button.bewerk").click()
    assert "niet is opgeslagen" in desk.locator("#melding").inner_text()
    assert desk.locator("#beurt-3 textarea").input_value() == typed and desk.locator("#beurt-0 textarea").count() == 0
    desk.locator("#melding button.verder-bewerken").click()
    assert desk.locator("#beurt-3 textarea").input_value() == typed
    desk.locator("#beurt-3 button.splits").click()  # a redraw of the same turn keeps it too
    assert desk.locator("#melding").inner_text().startswith("Klik op het woord")
    assert desk.locator("#beurt-3 textarea").input_value() == typed
    desk.locator("#beurt-3 button.splits").click()
    desk.locator("#beurt-0 button.bewerk").click()
    desk.locator("#melding button.eerst-opslaan").click()
    desk.wait_for_selector("#beurt-0 textarea")
    assert transcript.read(path).turns[3].text == typed
    assert desk.locator("#melding").inner_text().startswith("Opgeslagen")
    desk.locator("#beurt-0 textarea").fill("Weg ermee.")
    desk.locator("#beurt-1 button.bewerk").click()
    desk.locator("#melding button.niet-opslaan").click()
    assert desk.locator("#beurt-1 textarea").count() == 1 and desk.locator("#beurt-0 textarea").count() == 0
    assert transcript.read(path).turns[0].text == before.turns[0].text
    desk.locator("#beurt-1 button.annuleren").click()
    screenshot(desk, "redactie-eerst-opslaan")
    desk.locator("#beurt-3 button.bewerk").click()  # (as it was, for the tests after this one)
    desk.locator("#beurt-3 textarea").fill(before.turns[3].text)
    desk.locator("#beurt-3 button.opslaan").click()
    saved(desk)
    assert transcript.read(path).turns[3].text == before.turns[3].text


def test_a_draft_over_what_another_editor_changed_meanwhile_is_offered_to_copy_not_put_back(desk, site, desk_workspace):
    """A reviewer's read of session 47's drafts: an intro typed and not saved was put back over the intro another
    editor saved meanwhile (and then saved over it, without a conflict); and after "Mijn versie opslaan" the text of a
    correction that could not stay was shown and at once cleared. Both are shown to copy now, and stay shown."""
    from gesprekken import Workspace

    path = transcript_path(desk_workspace)
    other = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db").desk(SAMPLE_ID)
    open_desk(desk, site)
    desk.locator("#inleiding").fill("Mijn inleiding, nog niet opgeslagen.")
    other.set_intro(other.state()["version"], "De inleiding van een andere redacteur.")
    turns = transcript.read(path).turns
    desk.locator("#beurt-3 button.bewerk").click()
    desk.locator("#beurt-3 textarea").fill(turns[3].text + " Aangevuld.")
    desk.locator("#beurt-3 button.opslaan").click()  # saved on the newer version: its turn did not change
    saved(desk)
    assert desk.locator("#inleiding").input_value() == "De inleiding van een andere redacteur."
    kept = desk.locator("#melding textarea.tekst-verloren")
    assert kept.count() == 1 and kept.input_value() == "Mijn inleiding, nog niet opgeslagen."

    desk.locator("#beurt-5 button.bewerk").click()
    desk.locator("#beurt-5 textarea").fill("Een correctie die niet kan blijven staan.")
    other.edit_text(other.state()["version"], 5, turns[5].text + " Door de ander.", turns[5].start)
    other.set_intro(other.state()["version"], "Weer een inleiding van de ander.")  # (the intro's conflict)
    desk.locator("#inleiding").fill("Nog een inleiding.")
    desk.locator("#inleiding-opslaan").click()
    conflict = desk.locator("#conflict")
    conflict.wait_for(state="visible")
    conflict.locator("button.mijn-versie").click()
    saved(desk)
    kept = desk.locator("#melding textarea.tekst-verloren")
    assert kept.count() == 1 and kept.input_value() == "Een correctie die niet kan blijven staan."
    assert transcript.read(path).turns[5].text == turns[5].text + " Door de ander."


def test_a_headline_theme_or_intro_saved_beside_another_editors_correction_is_saved(desk, site, desk_workspace):
    """Session 47 left: a headline pinned, a theme rejected or an intro saved from a page that another editor's
    correction elsewhere had made stale opened the conflict panel over nothing of theirs. Saved now, with the other
    editor's correction kept; a headline another editor pinned meanwhile is still a conflict."""
    from gesprekken import Workspace

    path = transcript_path(desk_workspace)
    other = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db").desk(SAMPLE_ID)
    open_desk(desk, site)
    turns = transcript.read(path).turns
    other.edit_text(other.state()["version"], 4, turns[4].text + " Door de ander.", turns[4].start, turns[4].text)
    quote = desk.locator("#citaten li.citaat").filter(has=desk.locator("button.maak-kop")).first
    text = quote.locator(".citaat-tekst").inner_text()
    quote.locator("button.maak-kop").click()
    saved(desk)
    assert desk.locator("#conflict").is_hidden()
    assert desk.locator("#kop").inner_text() == f"“{text}”"
    theme = desk.locator("#themas .gesprekken-thema").first
    label = theme.inner_text().split(" ")[0]
    other.edit_text(other.state()["version"], 4, turns[4].text + " Nog eens.", turns[4].start, None)
    theme.locator("button.wijs-af").click()
    saved(desk)
    other.edit_text(other.state()["version"], 4, turns[4].text, turns[4].start)
    desk.locator("#inleiding").fill("Een inleiding naast een correctie.")
    desk.locator("#inleiding-opslaan").click()
    saved(desk)
    assert desk.locator("#conflict").is_hidden()
    now = transcript.read(path)
    assert now.analysis["headline"] == text and now.analysis["intro"] == "Een inleiding naast een correctie."
    assert now.analysis["remove_themes"] and label in desk.locator("#artikel-inhoud .afgewezen-lijst").inner_text()
    assert now.turns[4].text == turns[4].text  # the other editor's last correction, kept
    # the headline itself changed meanwhile: the conflict panel, as before
    other.set_headline(other.state()["version"], "")
    desk.locator("button.kop-los").click()
    desk.locator("#conflict").wait_for(state="visible")
    desk.locator("#conflict button.hun-versie").click()
    other.set_intro(other.state()["version"], "")
    other.choose(other.state()["version"], "theme", now.analysis["remove_themes"][0], "accept")


def test_find_and_replace_a_misheard_name_in_every_turn_at_once(desk, site, desk_workspace):
    """A name Whisper misheard the same way in many turns was fixed turn by turn. Under "Zoeken en overal
    vervangen" the editor types it, sees how often and where (the turns marked), replaces it in one save, and an
    anonymous visitor's search finds the corrected name."""
    from gesprekken import Workspace

    path = transcript_path(desk_workspace)
    other = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db").desk(SAMPLE_ID)
    turns = transcript.read(path).turns
    for index in (2, 4):
        text = (
            turns[index].text + " Dat zei ook Woonstichting Rentré." + (" [naam verwijderd] ook." if index == 4 else "")
        )
        other.edit_text(other.state()["version"], index, text, turns[index].start)
    open_desk(desk, site)
    desk.locator("#vervangen summary").click()
    desk.locator("#zoek").fill("rentré")
    at = ", ".join(transcript.format_time(turns[n].start, 1) for n in (2, 4))  # by time, as the page shows turns
    assert desk.locator("#zoek-aantal").inner_text() == f"2 keer in 2 beurten (om {at})"
    desk.locator("#zoek").fill("naam")  # as the desk counts: not inside what consent removed
    desk.locator("#zoek").dispatch_event("input")
    assert desk.locator("#zoek-aantal").inner_text() == "in geen beurt"
    desk.locator("#zoek").fill("rentré")
    assert desk.locator("#beurten .beurt.gevonden").count() == 2
    desk.locator("#vervang").fill("Rentree")
    screenshot(desk, "14-redactie-vervangen")
    desk.locator("#vervang-overal").click()
    saved(desk)
    assert f"Vervangen: “rentré” door “Rentree”, 2 keer in 2 beurten (om {at})" in desk.locator("#melding").inner_text()
    now = transcript.read(path).turns
    assert now[2].text.endswith("Dat zei ook Woonstichting Rentree.") and "Woonstichting Rentree." in now[4].text
    assert desk.locator("#zoek-aantal").inner_text() == "in geen beurt"
    assert desk.locator("#vervang-overal").is_disabled()
    with urllib.request.urlopen(f"{site}/-/gesprekken/zoeken?q=Rentree", timeout=10) as response:
        assert "Rentree" in response.read().decode()
    desk.locator("#ongedaan").click()  # back in one step
    saved(desk)
    assert transcript.read(path).turns[2].text.endswith("Woonstichting Rentré.")
    for index in (2, 4):  # (the sample as it was)
        other.edit_text(other.state()["version"], index, turns[index].text, now[index].start)


def test_a_pinned_headline_whose_words_were_edited_by_hand_is_not_said_to_be_pinned(desk, site, desk_workspace):
    """A newcomer's run as an editor (session 50): after a hand edit changed the words of the pinned headline, the
    desk showed the analysis's own headline with "Vastgezet door de redactie", a sentence the editor never pinned.
    It says the pinned one is no longer said, and that the analysis chose the one shown."""
    from gesprekken import Workspace
    from gesprekken.desk import version_of

    path = transcript_path(desk_workspace)
    source = path.read_text(encoding="utf-8")
    ws = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db")
    turns = transcript.read(path).turns
    turn = max(range(len(turns)), key=lambda n: len(turns[n].text))
    sentence = re.split(r"(?<=[.?!])\s+", turns[turn].text)[0]
    try:
        ws.desk(SAMPLE_ID).set_headline(version_of(source), sentence)
        pinned = path.read_text(encoding="utf-8")
        first = sentence.split()[0]
        edited = pinned.replace(f"\n{first} ", "\nTja, ", 1)  # its first word said otherwise
        assert edited != pinned
        path.write_text(edited, "utf-8")
        assert run("load", cwd=desk_workspace).exit_code == 0
        open_desk(desk, site)
        said = desk.locator("#kop-herkomst").inner_text()
        assert said.startswith(f"De vastgezette kop “{sentence}” staat niet meer zo in het transcript"), said
        assert "Vastgezet door de redactie" not in said
        assert desk.locator("#kop").inner_text() != f"“{sentence}”"
    finally:
        path.write_text(source, "utf-8")
        assert run("load", cwd=desk_workspace).exit_code == 0


def test_a_theme_shown_is_pinned_in_the_box(desk, site, desk_workspace):
    """A newcomer's run as an editor (session 50): the desk said "zet er een vast" when a correction moved a theme,
    but a theme shown had only its ×. Each has "vastzetten" now; pinned, it says so."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    theme = desk.locator("#themas .gesprekken-thema", has=desk.locator("button.zet-vast")).first
    label = theme.inner_text().split(" ")[0]
    theme.locator("button.zet-vast").click()
    saved(desk)
    assert desk.locator("#melding").inner_text().startswith(f"Opgeslagen: Thema vastgezet: “{label}")
    pinned = desk.locator("#themas .gesprekken-thema", has=desk.locator(".thema-vast")).all_inner_texts()
    assert any(text.startswith(label) for text in pinned), pinned
    assert transcript.read(path).analysis["add_themes"]


def test_a_voice_not_named_given_the_name_another_voice_has_merges_with_it(desk, site, desk_workspace):
    """A newcomer's run as an editor (session 50): diarization heard the last turn as a third voice, "Spreker 3";
    picking its speaker's name under Stemmen offered "Ruil met ...", and the swap put "Spreker 3" over every other
    turn of theirs, their introduction among them, in the article. The button merges now (asked first), and a
    swap of a voice not named is refused with what to do."""
    from gesprekken import Workspace
    from gesprekken.desk import DeskError, version_of

    path = transcript_path(desk_workspace)
    source = path.read_text(encoding="utf-8")
    before = transcript.read(path)
    her = before.turns[-1].speaker
    assert sum(t.speaker == her for t in before.turns) >= 2
    heading = [line for line in source.splitlines() if line.startswith("## [")][-1]
    path.write_text(source.replace(heading, heading.rsplit("] ", 1)[0] + "] Spreker 3"), "utf-8")
    try:
        assert run("load", cwd=desk_workspace).exit_code == 0
        ws = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db")
        version = version_of(path.read_text(encoding="utf-8"))
        with pytest.raises(DeskError, match=re.escape(f"Stem Spreker 3 heeft geen naam: ruilen geeft {her} die naam")):
            ws.desk(SAMPLE_ID).name_speaker(version, "Spreker 3", her, swap=True)
        open_desk(desk, site)
        # the downloads say the article shows the voice by its label (session 50)
        # (unless the voice is kept from the public, where someone earlier in this module's workspace is not
        # published: the public downloads leave it out, and the note does not name it)
        state = desk.evaluate(f"() => fetch('/-/gesprekken/redactie/{SAMPLE_ID}.json').then(r => r.json())")
        (third,) = [s for s in state["speakers"] if s["name"] == "Spreker 3"]
        noted = desk.locator("#geen-naam").all_inner_texts()
        if third["withheld"]:
            assert not any("Spreker 3" in text for text in noted), noted
        else:
            assert "Spreker 3" in noted[0] and "nog geen naam en sta" in noted[0], noted
            assert "in het artikel en de ondertitels" in noted[0]
        voice = desk.locator('.stem[data-stem="Spreker 3"]')
        voice.locator("select.naam-keuze").select_option(her)
        assert voice.locator("button.naam-opslaan").inner_text() == f"Samenvoegen met {her}"
        voice.locator("button.naam-opslaan").click()
        sure = desk.locator("#melding button.zeker")
        sure.wait_for()
        assert f"Samenvoegen geeft de ene beurt van stem Spreker 3 aan {her}" in desk.locator("#melding").inner_text()
        sure.click()
        saved(desk)
        assert [t.speaker for t in transcript.read(path).turns] == [t.speaker for t in before.turns]
    finally:
        path.write_text(source, "utf-8")
        assert run("load", cwd=desk_workspace).exit_code == 0


def test_a_turn_kept_from_the_public_given_to_someone_public_is_asked_first(desk, site, desk_workspace):
    """A newcomer's run as an editor: with Joost de Boer withdrawn, one pick in a turn's speaker menu put his
    words on the live site at once. The menu asks now (Toch verplaatsen), saves nothing until the editor
    confirms, and then moves it. Last in the file: it puts the workspace back as it found it."""
    from gesprekken import Workspace

    ws = Workspace(desk_workspace / "transcripts", db=desk_workspace / "gesprekken.db")
    path = transcript_path(desk_workspace)
    ws.publication(SAMPLE_ID, "withdrawn", participant="Joost de Boer", yes=True)
    try:
        turns = transcript.read(path).turns
        index = [n for n, t in enumerate(turns) if t.speaker != MARLOES][-1]
        old = turns[index].speaker  # his voice, named or (in this module) perhaps still "Spreker 2": kept back too
        source = path.read_bytes()
        open_desk(desk, site)
        move(desk, index, MARLOES)
        desk.wait_for_function(f"() => ({WAIT_SAVED})() || document.querySelector('#melding button.zeker')")
        sure = desk.locator("#melding button.zeker")
        assert sure.inner_text() == "Toch verplaatsen", desk.locator("#melding").inner_text()
        assert f"onder {MARLOES} wordt het meteen openbaar" in desk.locator("#melding").inner_text()
        assert path.read_bytes() == source  # asked, nothing saved
        sure.click()
        saved(desk)
        assert transcript.read(path).turns[index].speaker == MARLOES
        move(desk, index, old)  # back: kept from the public, not asked again
        saved(desk)
        assert transcript.read(path).turns[index].speaker == old
        # a theme the article leaves out (only his turns said it) is marked in the box, as his turns are
        state = desk.evaluate(f"() => fetch('/-/gesprekken/redactie/{SAMPLE_ID}.json').then(r => r.json())")
        marked = [t["label"] for t in state["themes"] if t["withheld"]]
        shown = desk.locator("#themas .thema-niet-openbaar")
        assert marked and shown.count() == len(marked)
        assert shown.first.inner_text().startswith(f"{marked[0]} (niet openbaar: ")  # its status as the turns'
    finally:
        ws.publication(SAMPLE_ID, "published", participant="Joost de Boer", yes=True)


def test_a_role_saved_from_a_stale_tab_keeps_the_organisation_another_tab_saved(desk, editor, site, desk_workspace):
    """A newcomer's run as an editor (session 51): tab A corrected Joost's organisation; tab B, opened before,
    corrected his role only, met the conflict panel (which showed only B's change) and saved its version: A's
    organisation was undone, as B's form sent the old one back. The form sends what the editor changed, and (an
    editor's run, session 53) a save that sets only fields no one changed meanwhile is made on the newer version,
    without the panel; a double click on a save is one save, not a conflict with oneself."""
    path = transcript_path(desk_workspace)
    other, second = second_tab(editor)
    open_desk(desk, site)
    open_desk(second, site)
    joost = next(p for p in transcript.read(path).participants if p.name == "Joost de Boer")
    organisation, role = joost.organisation + ", afdeling Wonen", joost.role + " a.i."
    form = desk.locator(".deelnemer[data-deelnemer='Joost de Boer']")
    form.locator("input.deelnemer-organisatie").fill(organisation)
    form.locator("button.deelnemer-opslaan").click()
    saved(desk)
    form = second.locator(".deelnemer[data-deelnemer='Joost de Boer']")
    form.locator("input.deelnemer-functie").fill(role)
    form.locator("button.deelnemer-opslaan").click()
    # (since session 53 no conflict panel: the role is the only field this save sets, and it is as B saw it)
    saved(second)
    assert second.locator("#conflict").is_hidden()
    joost = next(p for p in transcript.read(path).participants if p.name == "Joost de Boer")
    assert (joost.role, joost.organisation) == (role, organisation)
    other.close()
    open_desk(desk, site)
    # a name respelt under Deelnemers is asked first; "Niet doen" leaves it, and the form, as saved
    marloes = desk.locator(".deelnemer[data-deelnemer='Marloes van der Heijden'] input.deelnemer-functie")
    her_role = marloes.input_value()
    marloes.fill("directeur-bestuurder")  # typed, not saved: "Niet doen" below leaves it (a second editor's run)
    form = desk.locator(".deelnemer[data-deelnemer='Joost de Boer']")
    form.locator("input.deelnemer-naam").fill("Joost de Boerr")
    form.locator("button.deelnemer-opslaan").click()
    desk.wait_for_function("() => !document.getElementById('melding').textContent.startsWith('Bezig')")
    assert desk.locator("#melding").inner_text().startswith("Eerst een vraag, nog niets opgeslagen: Joost de Boerr is")
    desk.locator("#melding button.niet-doen").click()
    assert desk.locator("#melding").inner_text() == "Niets veranderd"
    assert (
        desk.locator(".deelnemer[data-deelnemer='Joost de Boer'] input.deelnemer-naam").input_value() == "Joost de Boer"
    )
    assert "Joost de Boerr" not in path.read_text(encoding="utf-8")
    assert marloes.input_value() == "directeur-bestuurder"
    marloes.fill(her_role)  # (nothing left unsaved for the page to ask about)
    # a double click on a correction's save: saved once, no panel
    text = transcript.read(path).turns[2].text + " Twee keer geklikt."
    desk.locator("#beurt-2 button.bewerk").click()
    desk.locator("#beurt-2 textarea").fill(text)
    desk.locator("#beurt-2 button.opslaan").dblclick()
    saved(desk)
    desk.wait_for_timeout(1500)
    assert desk.locator("#conflict").is_hidden()
    assert desk.locator("#melding").inner_text().startswith("Opgeslagen")
    assert transcript.read(path).turns[2].text == text

    # another change asked while a save is on its way waits its turn and is made, not dropped (a reviewer: a
    # withdrawal chosen meanwhile was lost under "Opgeslagen")
    def slow(route):
        desk.wait_for_timeout(1500)
        route.continue_()

    desk.route("**/redactie/*/tekst", slow)
    try:
        text = transcript.read(path).turns[3].text + " Nog een."
        desk.locator("#beurt-3 button.bewerk").click()
        desk.locator("#beurt-3 textarea").fill(text)
        desk.locator("#beurt-3 button.opslaan").click()
        theme = desk.locator("#themas .gesprekken-thema", has=desk.locator("button.zet-vast")).first
        label = theme.inner_text().split(" ")[0]
        theme.locator("button.zet-vast").click()
        desk.wait_for_function(
            "() => document.getElementById('melding').textContent.startsWith('Opgeslagen: Thema vastgezet')"
        )
    finally:
        desk.unroute("**/redactie/*/tekst")
    after = transcript.read(path)
    assert after.turns[3].text == text and label in desk.locator("#themas").inner_text()
    assert len(after.analysis["add_themes"]) >= 1


def test_an_open_tab_learns_of_a_change_made_elsewhere_and_keeps_what_was_typed(desk, editor, site, desk_workspace):
    """An editor's run (session 53): a tab opened before another tab's save showed the old text until its own next
    save met the conflict panel. An open page asks the transcript's version (every 15 s, and when it is seen
    again): with nothing typed it takes the change in and says who made it; with a correction typed it says so and
    offers Bijwerken, which keeps the typed text; a hand edit is said as one."""
    path = transcript_path(desk_workspace)
    other, second = second_tab(editor)
    open_desk(desk, site)
    open_desk(second, site)
    seen_again = "() => window.dispatchEvent(new Event('focus'))"
    banner = desk.locator("#elders")

    def correct(page, turn: int, addition: str) -> str:
        text = transcript.read(path).turns[turn].text + addition
        page.locator(f"#beurt-{turn} button.bewerk").click()
        page.locator(f"#beurt-{turn} textarea").fill(text)
        page.locator(f"#beurt-{turn} button.opslaan").click()
        saved(page)
        return text

    first = correct(second, 1, " Elders gewijzigd.")
    desk.evaluate(seen_again)
    banner.wait_for(state="visible")
    assert banner.inner_text().startswith("Bijgewerkt. Intussen gewijzigd door editor (")
    assert desk.locator("#beurt-1 .tekst").inner_text().endswith("Elders gewijzigd."), "taken in, nothing typed"

    mine = transcript.read(path).turns[0].text + " Mijn eigen zin."
    desk.locator("#beurt-0 button.bewerk").click()
    desk.locator("#beurt-0 textarea").fill(mine)
    second.evaluate(seen_again)  # (the second tab is up to date: nothing to say there)
    theirs = correct(second, 2, " Nog eens elders.")
    desk.evaluate(seen_again)
    desk.locator("#elders button.bijwerken").wait_for(state="visible")
    assert "Wat je hier typte is nog niet opgeslagen" in banner.inner_text()
    assert not desk.locator("#beurt-2 .tekst").inner_text().endswith("Nog eens elders."), "not under the editor's hands"
    desk.locator("#elders button.bijwerken").click()
    desk.wait_for_function("() => document.querySelector('#beurt-2 .tekst').textContent.endsWith('Nog eens elders.')")
    assert desk.locator("#beurt-0 textarea").input_value() == mine  # what was typed stays
    desk.locator("#beurt-0 button.opslaan").click()
    saved(desk)
    assert desk.locator("#conflict").is_hidden() and banner.is_hidden()
    after = transcript.read(path)
    assert (after.turns[0].text, after.turns[1].text, after.turns[2].text) == (mine, first, theirs)
    assert not second.locator("#elders").is_visible()
    other.close()

    # every 15 s without being seen again: a page that asks every half second learns of it by itself
    third_context = editor.browser.new_context(storage_state=editor.storage_state())  # (no ONLY_WHEN_SEEN)
    third = third_context.new_page()
    third.add_init_script("window.GESPREKKEN_VERSIE_MS = 500;")
    open_desk(third, site)
    later = correct(desk, 3, " Vanzelf gezien.")
    third.wait_for_function("() => document.querySelector('#beurt-3 .tekst').textContent.endsWith('Vanzelf gezien.')")
    assert third.locator("#elders").inner_text().startswith("Bijgewerkt. Intussen gewijzigd door editor")
    assert transcript.read(path).turns[3].text == later
    third_context.close()

    # a hand edit (no save here, no command the history notes) is said as one
    path.write_text(path.read_text(encoding="utf-8").replace("Mijn eigen zin.", "Met de hand."), encoding="utf-8")
    desk.evaluate(seen_again)
    desk.wait_for_function("() => document.querySelector('#beurt-0 .tekst').textContent.endsWith('Met de hand.')")
    assert "buiten de redactietafel gewijzigd" in banner.inner_text()
    # ... and that the public site has not taken it in (an editor's run, session 57, read "Bijgewerkt" as published)
    assert "de openbare kennisbank volgt een wijziging met de hand pas na 'gesprekken load'" in banner.inner_text()
    path.write_text(path.read_text(encoding="utf-8").replace("Met de hand.", "Mijn eigen zin."), encoding="utf-8")
    desk.evaluate(seen_again)
    desk.wait_for_function("() => document.querySelector('#beurt-0 .tekst').textContent.endsWith('Mijn eigen zin.')")

    # a hand edit that breaks the file is said at once, with what to fix, not at the next save (a reviewer's read)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("---", "--- [", 1), encoding="utf-8")
    desk.evaluate(seen_again)
    desk.wait_for_function("() => document.getElementById('elders').textContent.includes('nu niet te lezen')")
    assert "kan dit gesprek nu niet openen" in banner.inner_text()
    path.write_text(good, encoding="utf-8")


def test_a_question_asked_before_a_change_elsewhere_is_not_answered_on_it(desk, editor, site, desk_workspace):
    """A reviewer's attack: tab A undid a withdrawal and was asked (it makes someone public again); meanwhile
    another tab withdrew the other participant; A took that in and answered "Toch doen", which undid the newer
    withdrawal instead and put her words back on the public site. The answer is sent on the version the question
    was asked on, so it meets the conflict panel; taking the change in drops the question."""
    path = transcript_path(desk_workspace)
    first, second = [p.name for p in transcript.read(path).participants][:2]  # (an earlier test adds a third)
    status = lambda name: next(p.status for p in transcript.read(path).participants if p.name == name)  # noqa: E731
    other, tab = second_tab(editor)
    open_desk(tab, site)

    def elsewhere(name: str, to: str) -> None:  # a save at the other tab's desk (undoable, as A's own)
        answer = tab.evaluate(
            """async ([name, to]) => {
                const api = document.getElementById('redactie').dataset.api;
                const state = await (await fetch(api + '.json')).json();
                const body = { version: state.version, status: to, participant: name, zeker: true };
                const headers = { 'Content-Type': 'application/json', 'X-Gesprekken': '1' };
                const sent = { method: 'POST', headers, body: JSON.stringify(body) };
                return (await fetch(api + '/publicatie', sent)).status;
            }""",
            [name, to],
        )
        assert answer == 200 and status(name) == to

    open_desk(desk, site)
    desk.locator(f"select.status[data-participant='{first}']").first.select_option("withdrawn")
    desk.wait_for_function("() => ['ok', 'vraag'].includes(document.getElementById('melding').className)")
    if desk.locator("#melding button.zeker").count():  # (a withdrawal that rests on automatic naming asks first)
        desk.locator("#melding button.zeker").click()
        saved(desk)
    assert status(first) == "withdrawn"
    for answer in ("Toch doen", "Bijwerken"):
        desk.locator("#ongedaan").click()
        desk.wait_for_function("() => document.getElementById('melding').className === 'vraag'")
        assert desk.locator("#melding button.zeker").count() == 1
        elsewhere(second, "withdrawn")
        desk.evaluate("() => window.dispatchEvent(new Event('focus'))")
        desk.locator("#elders button.bijwerken").wait_for(state="visible")
        # (the question is beside Ongedaan maken, under Geschiedenis: not "hierboven" any more)
        assert "De open vraag gaat over wat er eerst stond." in desk.locator("#elders").inner_text()
        if answer == "Toch doen":
            desk.locator("#melding button.zeker").click()
            desk.locator("#conflict").wait_for(state="visible")  # asked again there, on what is saved now
            assert status(second) == "withdrawn"
            desk.locator("#conflict button.hun-versie").click()
        else:
            desk.locator("#elders button.bijwerken").click()
            desk.wait_for_function(
                "() => document.getElementById('melding').textContent.startsWith('Die vraag vervalt')"
            )
            assert desk.locator("#melding button").count() == 0
        assert (status(first), status(second)) == ("withdrawn", "withdrawn"), answer
        elsewhere(second, "published")
        desk.evaluate("() => window.dispatchEvent(new Event('focus'))")
        desk.wait_for_function("() => document.getElementById('elders').textContent.startsWith('Bijgewerkt')")
        if answer == "Toch doen":  # the withdrawal to undo is A's again: its own save is the latest no more
            elsewhere(first, "published")
            elsewhere(first, "withdrawn")
            newest = json.loads(tab.evaluate(
                "async () => JSON.stringify(await (await fetch("
                "document.getElementById('redactie').dataset.api + '/versie')).json())"
            ))["edit"]  # fmt: skip
            desk.evaluate("() => window.dispatchEvent(new Event('focus'))")
            desk.wait_for_function(
                f"() => document.querySelector(\"select.status[data-participant='{first}']\").value === 'withdrawn'"
            )
            # the page takes in the two saves though the text is as it was (session 57: its undo named an older
            # save, and the desk undoes only the save it names)
            desk.wait_for_function(
                f"() => document.querySelector('#geschiedenis-lijst li').dataset.edit === '{newest}'"
            )
    elsewhere(first, "published")
    other.close()


SELECTED = [  # (the turn's text, what the editor dragged over, what is saved)
    ("Voor mij gaat het om wederkerigheid. We moeten door.", "ij gaat het om wederkerig",
     "mij gaat het om wederkerigheid."),
    ("Voor mij gaat het om wederkerigheid. We moeten door.", "Voor mij gaat het om wederkerigheid. We",
     "Voor mij gaat het om wederkerigheid."),
    ("Dat is ook. We moeten samen een wijkaanpak starten.", "k. We moeten samen een wijkaan",
     "We moeten samen een wijkaanpak"),
    ("Wederkerigheid", "derkerig", "Wederkerigheid"),
    # a reviewer's read: an abbreviation ends no sentence, and a sentence selected whole stays
    ("Het gaat o.a. om geld en tijd.", "Het gaat o.a. om geld", "Het gaat o.a. om geld"),
    ("Dat kost 19.000 euro p.j. extra voor de gemeente", "Dat kost 19.000 euro p.j. extra",
     "Dat kost 19.000 euro p.j. extra"),
    ("Bijv. de buurtzorg doet dat al. Echt.", "Bijv. de buurtzorg doet dat al.", "Bijv. de buurtzorg doet dat al."),
    ("Nee. Dat klopt niet. Zeker niet.", "Nee. Dat klopt niet.", "Nee. Dat klopt niet."),
    ("We doen het samen. Echt waar. Klaar.", "We doen het samen. Echt waar", "We doen het samen. Echt waar."),
    ("Dat is mw. de Vries van de gemeente.", "mw. de Vries van de gemeente.", "mw. de Vries van de gemeente."),
]  # fmt: skip


def test_a_selection_is_taken_as_the_whole_words_and_sentences_the_editor_meant(browser):
    """The desk's own function (plugins/static/gesprekken_redactie.js) on a turn's words as the desk lays them out:
    what a drag that began or ended inside a word saves as headline, quote or action point (session 57)."""
    source = (Path(__file__).parent.parent / "plugins/static/gesprekken_redactie.js").read_text(encoding="utf-8")
    function = source[source.index("  function wholeWords(") :]
    function = function[: function.index("\n  }\n", function.index("  function wordsBetween(")) + 5]
    page = browser.new_page()
    page.set_content(f"<p class=tekst></p><script>{function}</script>")
    for text, dragged, saved in SELECTED:
        got = page.evaluate(
            """([text, dragged]) => {
                const p = document.querySelector('p.tekst');
                p.replaceChildren();
                text.split(' ').forEach((w, i) => {
                    if (i) p.append(' ');
                    p.append(Object.assign(document.createElement('span'), { className: 'woord', textContent: w }));
                });
                const from = text.indexOf(dragged), to = from + dragged.length, r = document.createRange();
                const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
                let node, at = 0, started = false;
                while ((node = walker.nextNode())) {
                    const length = node.data.length;
                    if (!started && from <= at + length) { r.setStart(node, from - at); started = true; }
                    if (to <= at + length) { r.setEnd(node, to - at); break; }
                    at += length;
                }
                return wholeWords(r, p);
            }""",
            [text, dragged],
        )
        assert got == saved, (text, dragged)
    page.close()


def answered(desk, focused: str) -> None:
    """Saved, or asked first (words another speaker's, or kept back, as earlier tests of the file left them) and then
    answered with the keyboard, which the question took, on the answer that changes nothing."""
    desk.wait_for_function(
        "() => ['ok', 'fout'].includes(document.getElementById('melding').className) "
        "|| !!document.querySelector('#melding .zeker')"
    )
    assert desk.locator("#melding").get_attribute("class") != "fout", desk.locator("#melding").inner_text()
    if desk.locator("#melding button.zeker").count():
        assert desk.evaluate(focused).startswith("melding niet-doen"), desk.evaluate(focused)
        desk.keyboard.press("Shift+Tab")
        desk.keyboard.press("Enter")
        saved(desk)


def test_a_turn_is_split_to_the_other_speaker_and_merged_again_with_the_keyboard_alone(desk, site, desk_workspace):
    """An editor's run (session 58): splitting needed a mouse (a word to click), the new turn's speaker was a second
    step (its menu, then "Verplaatsen" at the top), and after a split, a merge or "Annuleren" the keyboard's place
    fell to the page's top. Now the words of a turn being split are reached with Tab and chosen with Enter, the new
    turn's speaker is chosen beside "Niet splitsen", and the keyboard stays where the change was."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    before = transcript.read(path)
    last = len(before.turns) - 1
    own = before.turns[last].speaker
    other = next(t.speaker for t in before.turns if t.speaker != own)
    focused = "() => { const a = document.activeElement; return a && a !== document.body ? (a.closest('[id]') || {}).id + ' ' + a.className + ' ' + a.textContent.slice(0, 30) : 'body'; }"  # noqa: E501
    desk.locator(f"#beurt-{last} button.bewerk").focus()
    desk.keyboard.press("Enter")
    desk.wait_for_selector(f"#beurt-{last} textarea.bewerk-tekst")
    desk.keyboard.press("Tab")
    desk.keyboard.press("Tab")  # Opslaan, Annuleren
    desk.keyboard.press("Enter")
    assert desk.evaluate(focused).startswith(f"beurt-{last} bewerk"), desk.evaluate(focused)

    desk.locator(f"#beurt-{last} button.splits").focus()
    desk.keyboard.press("Enter")
    assert desk.evaluate(focused).startswith(f"beurt-{last} woord"), desk.evaluate(focused)
    desk.keyboard.press("Escape")  # out of split mode, back on "Splits" (a reviewer's read)
    assert desk.evaluate(focused).startswith(f"beurt-{last} splits"), desk.evaluate(focused)
    assert desk.locator(f"#beurt-{last}.splitsen").count() == 0
    desk.keyboard.press("Enter")
    # the first word to split at
    assert desk.evaluate(focused).startswith(f"beurt-{last} woord"), desk.evaluate(focused)
    desk.locator(f"#beurt-{last} select.splits-spreker").select_option(other)
    desk.locator(f"#beurt-{last} .woord[tabindex]").nth(1).focus()
    desk.keyboard.press("Enter")
    answered(desk, focused)
    after = transcript.read(path)
    assert len(after.turns) == len(before.turns) + 1
    assert (after.turns[last].speaker, after.turns[last + 1].speaker) == (own, other)
    assert after.turns[last].text.split() == before.turns[last].text.split()[:2]
    assert desk.evaluate(focused).startswith(f"beurt-{last + 1} verplaats"), desk.evaluate(focused)  # to check it

    desk.locator(f"#beurt-{last} button.voeg-samen").focus()
    desk.keyboard.press("Enter")
    desk.wait_for_function(
        "() => document.getElementById('melding').className === 'ok' || !!document.querySelector('#melding .zeker')"
    )
    if desk.locator("#melding button.zeker").count():  # "Niet doen": the keyboard back where it asked
        desk.keyboard.press("Enter")
        assert desk.evaluate(focused).startswith(f"beurt-{last} voeg-samen"), desk.evaluate(focused)
        desk.keyboard.press("Enter")
        answered(desk, focused)
    assert len(transcript.read(path).turns) == len(before.turns)
    assert desk.evaluate(focused) != "body"
    # a selection made with the keyboard in a turn's open text: its whole words, as a drag's (session 58); in a turn
    # the public sees (one kept back is no headline)
    shown = int(desk.locator(".beurt:not(.beurt-niet-openbaar)").last.get_attribute("data-turn"))
    desk.locator(f"#beurt-{shown} button.bewerk").focus()
    desk.keyboard.press("Enter")
    area = desk.locator(f"#beurt-{shown} textarea.bewerk-tekst")
    area.focus()
    text = area.input_value()
    sentence = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    desk.keyboard.press("Control+End")
    for _ in range(len(sentence) - 1):  # from a letter into the last sentence's first word: its whole word is taken
        desk.keyboard.press("Shift+ArrowLeft")
    for _ in range(3):  # Opslaan, Annuleren, Selectie als kop
        desk.keyboard.press("Tab")
    desk.keyboard.press("Enter")
    answered(desk, focused)
    assert transcript.read(path).analysis["headline"] == sentence


FOCUSED = "() => { const a = document.activeElement; return a && a !== document.body ? [(a.closest('[id]') || {}).id, (a.closest('[data-deelnemer]') || { dataset: {} }).dataset.deelnemer, a.className].filter(Boolean).join(' ') : 'body'; }"  # noqa: E501


def add_participant(desk, name: str) -> None:
    """``name`` put on the list under Deelnemers ("Iemand toevoegen"), kept internal."""
    form = desk.locator("#deelnemers-lijst details.iemand-toevoegen")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    form.locator("input.nieuw-naam").fill(name)
    form.locator("select.nieuw-status").select_option("internal")
    form.locator("button.toevoegen").click()
    answered(desk, FOCUSED)
    assert desk.locator(f".deelnemer[data-deelnemer='{name}']").count() == 1


def test_a_participant_taken_off_the_list_leaves_the_keyboard_on_the_list(desk, site, desk_workspace):
    """A reviewer's read (session 58's "Van de lijst halen"): after the question's "Van de lijst halen" the keyboard
    fell to the page's top, and a keyboard user started over from there. It stays on the list: on the participant
    now in that place, or on what follows the list."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    for name in ("Tessa Bakker", "Ruud Smit"):
        add_participant(desk, name)
    for name, then in (("Tessa Bakker", "Ruud Smit"), ("Ruud Smit", None)):
        desk.locator(f".deelnemer[data-deelnemer='{name}'] button.deelnemer-weghalen").focus()
        desk.keyboard.press("Enter")
        assert desk.evaluate(FOCUSED).endswith("niet-doen"), desk.evaluate(FOCUSED)
        desk.keyboard.press("Shift+Tab")  # "Van de lijst halen"
        desk.keyboard.press("Enter")
        saved(desk)
        assert name not in [p.name for p in transcript.read(path).participants]
        where = desk.evaluate(FOCUSED)
        if then:  # the next one's first field
            assert where == f"deelnemers-lijst {then} deelnemer-naam", where
        else:
            assert desk.evaluate(
                "() => document.getElementById('deelnemers-lijst').contains(document.activeElement)"
            ), where


def test_the_words_of_a_turn_being_split_are_one_tab_stop_walked_with_the_arrow_keys(desk, site, desk_workspace):
    """A reviewer's read (session 58's split with the keyboard): every word of a turn being split was a tab stop, so
    a long turn was hundreds of Tabs to cross. The words are one composite widget, the WAI-ARIA way: one tab stop,
    the arrow keys, Home and End walk its words, Enter splits before the word chosen, Escape leaves."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    before = transcript.read(path)
    turn = max(range(len(before.turns)), key=lambda i: len(before.turns[i].text.split()))  # the longest
    words = before.turns[turn].text.split()
    assert len(words) > 5
    word = "() => document.activeElement.classList.contains('woord') ? document.activeElement.dataset.index : 'elders'"
    desk.locator(f"#beurt-{turn} button.splits").focus()
    desk.keyboard.press("Enter")
    group = desk.locator(f"#beurt-{turn} p.tekst")
    assert group.get_attribute("role") == "toolbar"
    assert group.get_attribute("aria-label").startswith("Splitsen: het woord waarmee de nieuwe beurt begint")
    assert desk.locator(f"#beurt-{turn} .woord[tabindex='0']").count() == 1  # one tab stop
    assert desk.evaluate(word) == "1"  # (the first word a split can start with)
    for key, index in [("ArrowRight", 2), ("End", len(words) - 1), ("ArrowRight", len(words) - 1), ("Home", 1),
                       ("ArrowLeft", 1), ("ArrowRight", 2), ("ArrowRight", 3)]:  # fmt: skip
        desk.keyboard.press(key)
        assert desk.evaluate(word) == str(index), key
        assert desk.locator(f"#beurt-{turn} .woord[tabindex='0']").get_attribute("data-index") == str(index)
    desk.keyboard.press("Tab")  # out of the words at once
    assert desk.evaluate(word) == "elders"
    desk.keyboard.press("Shift+Tab")  # and back on the word chosen
    assert desk.evaluate(word) == "3"
    desk.keyboard.press("Enter")
    answered(desk, FOCUSED)
    after = transcript.read(path)
    assert len(after.turns) == len(before.turns) + 1
    assert after.turns[turn].text.split() == words[:3] and after.turns[turn + 1].text.split() == words[3:]
    desk.locator(f"#beurt-{turn} button.voeg-samen").focus()  # together again, for the tests after this one
    desk.keyboard.press("Enter")
    answered(desk, FOCUSED)
    assert transcript.read(path).turns[turn].text.split() == words


def gap(page, asker: str, box: str) -> float:
    """How far below what asked (``asker``) the question or panel (``box``) is shown, in pixels."""
    return page.evaluate(
        "([a, b]) => document.querySelector(b).getBoundingClientRect().top"
        " - document.querySelector(a).getBoundingClientRect().bottom",
        [asker, box],
    )


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        selector,
    )


def test_a_question_and_the_conflict_panel_are_shown_beside_what_asked_them(desk, editor, site, desk_workspace):
    """A reviewer's read (session 58): the desk's questions (before it moves a turn, takes someone off the list, ...)
    and the conflict panel were at the top of the page, far from the turn the editor worked on at the bottom of a long
    conversation. They are shown right after the turn or form that asked, in view, and go back to the bar after."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    turns = transcript.read(path).turns
    last = len(turns) - 1
    other = next(t.speaker for t in turns if t.speaker != turns[last].speaker)
    desk.locator(f"#beurt-{last}").evaluate("s => s.scrollIntoView({ block: 'end' })")
    desk.locator(f"#beurt-{last} select.verplaats").select_option(other)
    assert desk.locator(f"#beurt-{last} + #melding.vraag button.verplaatsen").count() == 1
    assert 0 <= gap(desk, f"#beurt-{last}", "#melding") < 50 and in_view(desk, "#melding")
    desk.locator("#melding button.niet-verplaatsen").click()
    assert desk.locator(".balk > #melding").count() == 1  # back in the bar
    assert transcript.read(path).turns[last].speaker == turns[last].speaker

    add_participant(desk, "Tessa Bakker")
    form = ".deelnemer[data-deelnemer='Tessa Bakker']"
    desk.locator(f"{form} button.deelnemer-weghalen").click()
    assert desk.locator(f"{form} + #melding button.weghalen").count() == 1 and in_view(desk, "#melding")
    assert desk.evaluate(FOCUSED) == "melding niet-doen"
    desk.locator("#melding button.weghalen").click()
    saved(desk)
    assert desk.locator(".balk > #melding").count() == 1

    # the conflict panel: another editor saved the turn meanwhile
    other_context, tab = second_tab(editor)
    open_desk(tab, site)
    text = turns[last].text
    tab.locator(f"#beurt-{last} button.bewerk").click()
    tab.locator(f"#beurt-{last} textarea").fill(text + " Echt.")
    tab.locator(f"#beurt-{last} button.opslaan").click()
    saved(tab)
    other_context.close()
    desk.locator(f"#beurt-{last} button.bewerk").click()
    desk.locator(f"#beurt-{last} textarea").fill(text + " Zeker.")
    desk.locator(f"#beurt-{last}").evaluate("s => s.scrollIntoView({ block: 'end' })")
    desk.locator(f"#beurt-{last} textarea").press("Control+Enter")
    desk.locator("#conflict").wait_for(state="visible")
    assert desk.locator(f"#beurt-{last} + #conflict").count() == 1
    assert 0 <= gap(desk, f"#beurt-{last}", "#conflict") < 50
    assert in_view(desk, "#conflict h2") and desk.evaluate("() => document.activeElement.id") == "conflict"
    desk.locator("#conflict button.hun-versie").click()
    assert desk.locator("#conflict").is_hidden() and desk.locator("#redactie > #conflict").count() == 1
    assert transcript.read(path).turns[last].text == text + " Echt."


def test_the_title_is_changed_at_the_desk_and_a_stale_tab_meets_the_conflict_beside_it(
    browser, desk, editor, site, desk_workspace
):
    """A reviewer's read (session 58): a conversation's title could be changed only by editing the file by hand. It is
    a field under Artikel, saved as any edit (Enter or Titel opslaan), in the transcript, the page's heading and the
    conversation's page; a tab that saw another title meets the conflict panel, beside the title."""
    path = transcript_path(desk_workspace)
    before = transcript.read(path).title
    new = before + ": de buurt aan zet"
    other_context, tab = second_tab(editor)
    open_desk(tab, site)
    open_desk(desk, site)
    field = desk.locator("#titel")
    assert field.input_value() == before and field.get_attribute("aria-label") == "Titel van het gesprek"
    field.fill(new)
    field.press("Enter")
    saved(desk)
    assert desk.locator("#melding").inner_text() == f"Opgeslagen: Titel: “{before}” → “{new}”"
    assert transcript.read(path).title == new
    assert desk.locator("h1").inner_text() == f"Redactietafel: {new}" and new in desk.title()
    visitor = browser.new_context()
    page = visitor.new_page()
    page.goto(f"{site}/-/gesprekken/gesprek/{SAMPLE_ID}")
    assert page.locator("h1").inner_text() == new
    visitor.close()

    tab.locator("#titel").fill("Een titel uit een oud tabblad")
    tab.locator("#titel-opslaan").click()
    tab.locator("#conflict").wait_for(state="visible")
    assert tab.locator("#titel-regel + #conflict").count() == 1  # beside the title
    assert f"Zoals het nu is opgeslagen: “{new}”" in tab.locator("#conflict").inner_text()
    tab.locator("#conflict button.hun-versie").click()
    assert tab.locator("#titel").input_value() == new and transcript.read(path).title == new
    other_context.close()
    desk.locator("#ongedaan").click()  # as it was, for any test after this one
    saved(desk)
    assert transcript.read(path).title == before and desk.locator("#titel").input_value() == before


def test_a_title_saved_with_enter_keeps_the_keyboard_and_the_caret_in_the_title(desk, site, desk_workspace):
    """An editor's run (session 60): Enter in the title saved it and the keyboard fell to the page; a field or button
    with an id of its own (the title, Titel opslaan, Selectie als kop) was not found again once the article was drawn
    anew. They keep the keyboard, a text field its caret: a letter typed, saved, taken back and saved again."""
    path = transcript_path(desk_workspace)
    before = transcript.read(path).title
    open_desk(desk, site)
    focused = "() => [document.activeElement.id, document.activeElement.selectionStart]"
    desk.locator("#titel").click()
    desk.keyboard.press("End")
    desk.keyboard.type("!")
    desk.keyboard.press("Enter")
    saved(desk)
    assert transcript.read(path).title == before + "!"
    assert desk.evaluate(focused) == ["titel", len(before) + 1]
    desk.keyboard.press("Backspace")
    desk.keyboard.press("Enter")
    saved(desk)
    assert transcript.read(path).title == before and desk.evaluate(focused) == ["titel", len(before)]
    desk.locator("#titel-opslaan").click()
    saved(desk)
    assert desk.evaluate(focused)[0] == "titel-opslaan"


def test_on_a_phone_the_control_tabbed_to_is_never_under_the_sticky_player(editor, site):
    """An editor's run (session 60), on a phone (390 x 844): Shift+Tab up the transcript scrolled Bewerk, Splits and
    Samenvoegen under the sticky bar (the player, its speed, the message), out of sight. Every control the keyboard
    reaches, from the last turn up to the player, is shown clear of the bar."""
    phone = editor.browser.new_context(storage_state=editor.storage_state(), viewport={"width": 390, "height": 844})
    phone.add_init_script(ONLY_WHEN_SEEN)
    page = phone.new_page()
    open_desk(page, site)
    page.locator("#beurten section.beurt").last.locator("button.bewerk").focus()
    where = """() => {
        const active = document.activeElement, bar = document.querySelector('.redactie .balk');
        const r = active.getBoundingClientRect(), b = bar.getBoundingClientRect();  // (- 1: a pixel's rounding)
        return [bar.contains(active), r.top < b.bottom - 1 && r.bottom > b.top, active.className, active.textContent];
    }"""
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        in_bar, under_bar, *control = page.evaluate(where)
        if in_bar:
            break
        assert not under_bar, control
    assert in_bar  # (up to the player)
    phone.close()


def test_an_answer_to_the_desks_question_gives_the_keyboard_back_to_what_asked_it(desk, site, desk_workspace):
    """An editor's run (session 60): a participant's status menu under Publicatie asks before making public, a turn's
    speaker menu before moving it; an answer clicked (the change or Niet doen), its button gone with the question, left
    the keyboard on the page, the next Tab at the top of the desk. It goes back to the menu that asked."""
    open_desk(desk, site)
    status = desk.locator(f'#publicatie-inhoud select[data-participant="{MARLOES}"]')
    focused = "() => [document.activeElement.className, document.activeElement.dataset.participant]"
    assert status.input_value() == "published"
    status.focus()
    desk.keyboard.press("ArrowDown")  # intern: at once
    saved(desk)
    assert status.input_value() == "internal" and desk.evaluate(focused) == ["status", MARLOES]
    desk.keyboard.press("ArrowUp")  # openbaar: asked first
    desk.locator("#melding button.niet-doen").click()
    assert status.input_value() == "internal" and desk.evaluate(focused) == ["status", MARLOES]
    desk.keyboard.press("ArrowUp")
    desk.locator("#melding button.openbaar-maken").click()
    saved(desk)
    assert status.input_value() == "published" and desk.evaluate(focused) == ["status", MARLOES]
    desk.locator("#beurt-0 select.verplaats").focus()
    desk.keyboard.press("ArrowDown")
    desk.locator("#melding button.niet-verplaatsen").click()
    assert desk.evaluate(
        "() => document.activeElement.closest('.beurt').id + ' ' + document.activeElement.className"
    ) == ("beurt-0 verplaats")


def test_an_error_and_the_news_of_a_change_elsewhere_are_shown_beside_the_turn_and_a_question_stays_there(
    desk, editor, site, desk_workspace
):
    """Session 60's list: a save refused ("Niet opgeslagen: ...") and the news of a change made elsewhere with its
    Bijwerken were shown in the bar at the top, far from the turn the editor worked on at the bottom of a long
    conversation; and a question beside a turn went back to the bar once the turns were drawn again (another turn
    opened). Each is shown right after that turn, in view, with the keyboard where the editor works."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    turns = transcript.read(path).turns
    last = len(turns) - 1
    desk.locator(f"#beurt-{last}").evaluate("s => s.scrollIntoView({ block: 'end' })")
    # a save refused: its sentence beside the turn, the keyboard still in the text to put it right
    desk.locator(f"#beurt-{last} button.bewerk").click()
    area = desk.locator(f"#beurt-{last} textarea")
    area.fill(" ".join(["Een zin die veel te lang doorgaat."] * 220))
    area.press("Control+Enter")
    desk.wait_for_function("() => document.getElementById('melding').className === 'fout'")
    assert "hoogstens" in desk.locator("#melding").inner_text()
    assert desk.locator(f"#beurt-{last} + #melding.fout").count() == 1
    assert 0 <= gap(desk, f"#beurt-{last}", "#melding") < 50 and in_view(desk, "#melding")
    assert desk.evaluate(FOCUSED) == f"beurt-{last} bewerk-tekst"
    mine = turns[last].text + " Nog niet opgeslagen."
    area.fill(mine)

    # a change made elsewhere while the turn is open: the news and Bijwerken beside it, not at the top
    other, tab = second_tab(editor)
    open_desk(tab, site)
    tab.locator("#beurt-1 button.bewerk").click()
    tab.locator("#beurt-1 textarea").fill(turns[1].text + " Elders.")
    tab.locator("#beurt-1 button.opslaan").click()
    saved(tab)
    desk.evaluate("() => window.dispatchEvent(new Event('focus'))")
    desk.locator("#elders button.bijwerken").wait_for(state="visible")
    assert desk.locator(f"#beurt-{last} ~ #elders").count() == 1 and in_view(desk, "#elders")
    assert 0 <= gap(desk, f"#beurt-{last}", "#elders") < 100
    assert desk.evaluate("() => document.getElementById('elders').getAttribute('aria-live')") == "polite"
    desk.locator("#elders button.bijwerken").focus()
    desk.keyboard.press("Enter")
    desk.wait_for_function("() => document.querySelector('#beurt-1 .tekst').textContent.endsWith('Elders.')")
    assert desk.locator(f"#beurt-{last} ~ #elders").count() == 1  # the news stays there, drawn anew
    assert desk.evaluate(FOCUSED) == f"beurt-{last} bewerk-tekst" and area.input_value() == mine
    desk.locator(f"#beurt-{last} button.annuleren").click()

    # a question beside the turn stays beside it when the turns are drawn again (another turn opened)
    other_speaker = next(t.speaker for t in turns if t.speaker != turns[last].speaker)
    desk.locator(f"#beurt-{last} select.verplaats").select_option(other_speaker)
    assert desk.locator(f"#beurt-{last} + #melding.vraag button.verplaatsen").count() == 1
    desk.locator("#beurt-0 button.bewerk").click()
    desk.locator("#beurt-0 textarea").wait_for()
    assert desk.locator(f"#beurt-{last} + #melding.vraag button.verplaatsen").count() == 1
    desk.locator("#melding button.niet-verplaatsen").click()
    desk.locator("#beurt-0 button.annuleren").click()
    assert transcript.read(path).turns[last].speaker == turns[last].speaker

    # a form's own error, where the click gave its button no keyboard (as in Safari): beside the form, which it takes
    form = desk.locator("#deelnemers-lijst details.iemand-toevoegen")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    desk.evaluate("() => document.activeElement.blur()")
    form.locator("button.toevoegen").dispatch_event("click")
    assert desk.locator("#melding").inner_text() == "Typ een naam"
    assert desk.locator("#deelnemers-lijst article.nieuw + #melding.fout").count() == 1 and in_view(desk, "#melding")
    assert desk.evaluate("() => document.activeElement.id") == "melding"

    tab.locator("#beurt-1 button.bewerk").click()  # (as it was, for any test after this one)
    tab.locator("#beurt-1 textarea").fill(turns[1].text)
    tab.locator("#beurt-1 button.opslaan").click()
    saved(tab)
    other.close()
    assert transcript.read(path).turns[1].text == turns[1].text


def test_the_front_pages_heading_of_the_editors_database_leads_to_the_conversations_and_their_desks(desk, site):
    """An editor's run (session 60): on the front page "Alle gesprekken (redactie)" led to Datasette's English page of
    the database, and the way to the desk was the small "alle gesprekken" under the site's description. The heading
    leads to the overview of every conversation, with each one's desk."""
    desk.goto(site)
    desk.get_by_role("link", name="Alle gesprekken (redactie)").click()
    desk.wait_for_load_state()
    assert desk.url == f"{site}/-/gesprekken/gesprekken" and desk.locator("h1").inner_text() == "Alle gesprekken"
    desk.locator(f'li[data-conversation="{SAMPLE_ID}"] a.redactie-link').click()
    desk.wait_for_function("() => document.body.dataset.redactie === 'klaar'")
    assert desk.locator("h1").inner_text().startswith("Redactietafel: ")


def test_the_keyboard_goes_to_what_a_voices_menu_and_a_question_ask_for(desk, site, desk_workspace):
    """An editor's run (session 60), with the keyboard alone: "Andere naam…" in a voice's menu left the keyboard in
    the menu, not in the field the name is typed in; a confirmed voice still offered "Bevestig", which said "Niets
    veranderd"; and Tab from a turn's speaker menu or a status menu whose question opened went on to the turn's Bewerk
    (or the next menu), the question's answers far behind. Now the field takes the keyboard, a confirmed voice shows
    "Bevestigd", and Tab goes to the answers (Shift+Tab back to the menu)."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    name_the_unnamed_voice(desk)
    # (the first voice, whichever name the tests before gave it)
    name = desk.locator(".stem").first.get_attribute("data-stem")
    voice = desk.locator(f'.stem[data-stem="{name}"]')
    button = voice.locator("button.naam-opslaan")
    if voice.locator(".niet-bevestigd").count():  # a voice not confirmed offers it, and is confirmed here
        assert button.inner_text() == "Bevestig"
        button.click()
        saved(desk)
    active = "() => document.activeElement.className"
    voice.locator("select.naam-keuze").select_option("")
    assert desk.evaluate(active) == "naam-vrij" and voice.locator("input.naam-vrij").is_visible()
    desk.keyboard.press("Shift+Tab")
    assert desk.evaluate(active) == "naam-keuze"
    voice.locator("select.naam-keuze").select_option(name)
    assert button.inner_text() == "Bevestigd" and button.get_attribute("aria-disabled") == "true"
    history = len(transcript.read(path).turns), desk.locator("#geschiedenis-inhoud li").count()
    button.focus()
    desk.keyboard.press("Enter")
    # (nothing asked of the server: not "Bezig met opslaan…", then "Niets veranderd")
    assert desk.locator("#melding").inner_text() not in ("Niets veranderd", "Bezig met opslaan…")
    assert desk.evaluate(active).startswith("naam-opslaan")
    assert (len(transcript.read(path).turns), desk.locator("#geschiedenis-inhoud li").count()) == history

    speaker = desk.locator("#beurt-0 select.verplaats")
    speaker.focus()
    desk.keyboard.press("ArrowDown")
    assert desk.locator("#melding").get_attribute("class") == "vraag"
    desk.keyboard.press("Tab")
    assert desk.evaluate(active) == "verplaatsen"
    desk.keyboard.press("Shift+Tab")
    assert desk.evaluate(active) == "verplaats"
    desk.keyboard.press("Tab")
    desk.keyboard.press("Tab")
    assert desk.evaluate(active) == "niet-verplaatsen"
    desk.keyboard.press("Enter")
    assert desk.evaluate(active) == "verplaats" and transcript.read(path).turns[0].speaker == speaker.input_value()

    status = desk.locator(f'#publicatie-inhoud select[data-participant="{MARLOES}"]')
    was = status.input_value()
    status.focus()
    if was == "published":
        desk.keyboard.press("ArrowDown")  # intern: at once
        saved(desk)
    desk.keyboard.press("ArrowUp")  # openbaar: asked first
    assert desk.locator("#melding").get_attribute("class") == "vraag"
    desk.keyboard.press("Tab")
    assert desk.evaluate(active) == "openbaar-maken"
    desk.keyboard.press("Enter")
    saved(desk)
    assert status.input_value() == "published" and desk.evaluate(active) == "status"


def desk_of(workspace: Path):
    """The desk's library on ``workspace``: the changes a second editor makes meanwhile."""
    from gesprekken import Workspace

    return Workspace(workspace / "transcripts", db=workspace / "gesprekken.db").desk(SAMPLE_ID)


def phone_page(editor):
    """A page of the desk on a phone (390 x 844), logged in as the editor."""
    phone = editor.browser.new_context(storage_state=editor.storage_state(), viewport={"width": 390, "height": 844})
    phone.add_init_script(ONLY_WHEN_SEEN)
    page = phone.new_page()
    page.set_default_timeout(30_000)
    return phone, page


def test_on_a_phone_a_name_replaced_everywhere_with_the_keyboard_keeps_it_in_the_form(editor, site, desk_workspace):
    """An editor's run (session 61), on a phone with the keyboard alone: a name Whisper misheard in three turns,
    replaced under "Zoeken en overal vervangen" with Enter on "Overal vervangen", left nothing to find, the button went,
    and the keyboard with it to the page: the next Tab at the top of the desk. It goes to the field to find the next
    word in, its text selected to type over."""
    path = transcript_path(desk_workspace)
    turns = transcript.read(path).turns
    phone, page = phone_page(editor)
    other = desk_of(desk_workspace)
    for index in (0, 2, 4):
        other.edit_text(other.state()["version"], index, turns[index].text + " Bij De Linje.", turns[index].start)
    open_desk(page, site)
    page.locator("#vervangen summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("De Linje")
    assert page.locator("#zoek-aantal").inner_text().startswith("3 keer in 3 beurten")
    page.keyboard.press("Tab")
    page.keyboard.type("De Linie")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    saved(page)
    assert [transcript.read(path).turns[n].text.endswith("Bij De Linie.") for n in (0, 2, 4)] == [True] * 3
    focused = page.evaluate(
        "() => { const a = document.activeElement; return [a.id, a.selectionStart, a.selectionEnd] }"
    )
    assert focused == ["zoek", 0, len("De Linje")]
    phone.close()
    for index in (0, 2, 4):  # (the sample as it was)
        other.edit_text(other.state()["version"], index, turns[index].text, turns[index].start)


def test_on_a_phone_a_saves_summary_takes_two_lines_of_the_sticky_bar_at_most(editor, site, desk_workspace):
    """An editor's run (session 61), on a phone: a save's summary in the sticky bar (a replace in three turns, with
    the themes that moved) took six lines, the bar a third of the screen above every turn for as long as it was shown.
    Two lines at most; the history has it whole."""
    path = transcript_path(desk_workspace)
    turns = transcript.read(path).turns
    phone, page = phone_page(editor)
    open_desk(page, site)
    page.locator("#beurt-0 button.bewerk").click()
    page.locator("#beurt-0 textarea").fill(turns[0].text + " " + "En nog een zin die de samenvatting lang maakt." * 3)
    page.locator("#beurt-0 button.opslaan").click()
    saved(page)
    # (the summary is longer than two lines: whole, it would take more)
    line = page.evaluate("() => parseFloat(getComputedStyle(document.getElementById('melding')).lineHeight)")
    assert page.evaluate("() => document.getElementById('melding').scrollHeight") > 2.5 * line
    shown = page.evaluate("() => document.getElementById('melding').getBoundingClientRect().height")
    assert shown <= 2 * line + 1, (shown, line)
    assert "samenvatting lang maakt" in page.locator("#melding").text_content()  # (said whole to a screen reader)
    phone.close()
    other = desk_of(desk_workspace)  # (the sample as it was)
    other.edit_text(other.state()["version"], 0, turns[0].text, turns[0].start)


def test_enter_in_a_one_line_field_does_what_its_button_does(desk, site, desk_workspace):
    """An editor's run (session 61), with the keyboard alone: a name typed under "Andere naam…", a participant's role
    corrected and a replacement typed each waited for Tabs to their button, and Enter (a phone's Enter key) did
    nothing, where Enter in the title saves it. Enter does what the button does; in "Zoek", or with "Vervang door"
    empty (the word taken out everywhere), it does nothing."""
    path = transcript_path(desk_workspace)
    open_desk(desk, site)
    name_the_unnamed_voice(desk)
    voice = desk.locator(".stem").first
    voice.locator("select.naam-keuze").select_option("")
    voice.locator("input.naam-vrij").focus()
    desk.keyboard.type("Kees Mol")
    # saved, asked first (a voice that introduces itself as someone else) or refused (a name off the programme for a
    # voice not published), as the tests before left the voices: said of Kees Mol in each case
    desk.keyboard.press("Enter")
    desk.wait_for_function("() => document.getElementById('melding').textContent.includes('Kees Mol')")
    if desk.locator("#melding button.niet-doen").count():
        desk.locator("#melding button.niet-doen").click()
    elif desk.locator("#melding").get_attribute("class") == "ok":
        assert "Kees Mol" in {s.name for s in transcript.read(path).speakers}
        desk.locator("#ongedaan").click()  # (where it would show what is not public now, asked first)
        desk.wait_for_function(
            "() => ['ok', 'vraag', 'fout'].includes(document.getElementById('melding').className)"
            " && /Ongedaan|Toch|Niet opgeslagen/.test(document.getElementById('melding').textContent)"
        )
        if desk.locator("#melding button.zeker").count():
            desk.locator("#melding button.zeker").click()
        saved(desk)
        assert "Kees Mol" not in {s.name for s in transcript.read(path).speakers}, desk.locator("#melding").inner_text()

    # (a name refused stays typed, which keeps the page from taking in a change made elsewhere: the menu back)
    shown = desk.locator(".stem").first
    shown.locator("select.naam-keuze").select_option(shown.get_attribute("data-stem"))

    before = transcript.read(path)
    role = desk.locator(f'article.deelnemer[data-deelnemer="{MARLOES}"] input.deelnemer-functie')
    role.fill("directeur-bestuurder")
    role.press("Enter")
    saved(desk)
    assert next(p.role for p in transcript.read(path).participants if p.name == MARLOES) == "directeur-bestuurder"

    other = desk_of(desk_workspace)  # (a word to replace, said once, whatever the tests before left)
    other.edit_text(other.state()["version"], 1, before.turns[1].text + " Bij De Linje.", before.turns[1].start)
    desk.evaluate("() => window.dispatchEvent(new Event('focus'))")  # (the page takes the change in, or offers to)
    taken = "() => document.querySelector('#beurt-1 .tekst').textContent.endsWith('Linje.')"
    desk.wait_for_function(f"() => ({taken})() || !document.querySelector('#elders').hidden")
    if not desk.evaluate(taken):
        desk.locator("#elders button.bijwerken").click()
        desk.wait_for_function(taken)
    saves = desk.locator("#geschiedenis-inhoud li").count()
    desk.locator("#vervangen summary").click()
    desk.locator("#zoek").fill("De Linje")
    desk.locator("#zoek").press("Enter")
    desk.locator("#vervang").press("Enter")
    assert desk.locator("#geschiedenis-inhoud li").count() == saves  # nothing saved
    desk.locator("#vervang").fill("De Linie")
    desk.locator("#vervang").press("Enter")
    saved(desk)
    assert transcript.read(path).turns[1].text.endswith(" Bij De Linie.")
    other.edit_text(other.state()["version"], 1, before.turns[1].text, before.turns[1].start)
    role.fill(next(p.role for p in before.participants if p.name == MARLOES))  # (as it was)
    role.press("Enter")
    saved(desk)


def test_on_a_phone_a_draft_that_could_not_stay_is_shown_whole_under_a_saves_summary(editor, site, desk_workspace):
    """A reviewer's read of e21eb42: on a phone a save's summary is cut to two lines, and the text the editor typed
    that could not stay (another editor saved over what it was typed over meanwhile), offered to copy after that
    summary, was cut with it: the only place that text still was, out of sight. A message with something to copy is
    shown whole."""
    path = transcript_path(desk_workspace)
    turns = transcript.read(path).turns
    phone, page = phone_page(editor)
    other = desk_of(desk_workspace)
    intro = other.state()["analysis"].get("intro") or ""
    open_desk(page, site)
    page.locator("#inleiding").fill("Mijn inleiding op de telefoon, nog niet opgeslagen.")
    other.set_intro(other.state()["version"], "De inleiding van een andere redacteur, intussen.")
    page.locator("#beurt-0 button.bewerk").click()
    page.locator("#beurt-0 textarea").fill(turns[0].text + " Aangevuld op de telefoon.")
    page.locator("#beurt-0 button.opslaan").click()
    saved(page)
    kept = page.locator("#melding textarea.tekst-verloren")
    assert kept.count() == 1 and kept.input_value() == "Mijn inleiding op de telefoon, nog niet opgeslagen."
    shown = page.evaluate(
        "() => { const m = document.getElementById('melding').getBoundingClientRect();"
        " const t = document.querySelector('#melding textarea.tekst-verloren').getBoundingClientRect();"
        " return [Math.round(t.bottom - m.bottom), t.height] }"
    )
    assert shown[0] <= 1 and shown[1] > 0, shown  # (the textarea inside what the message shows)
    phone.close()
    other.edit_text(other.state()["version"], 0, turns[0].text, turns[0].start)  # (the sample as it was)
    other.set_intro(other.state()["version"], intro)


def test_enter_held_down_in_vervang_door_replaces_once(desk, site, desk_workspace):
    """A reviewer's read of 5a3011b: Enter in "Vervang door" clicks "Overal vervangen", and a key held down repeats:
    with a replacement that holds the word looked for ("Zwartkop" by "Anne Zwartkop"), each repeat after the save
    replaced again ("Anne Anne Zwartkop"). A key held down saves once."""
    path = transcript_path(desk_workspace)
    turns = transcript.read(path).turns
    other = desk_of(desk_workspace)
    other.edit_text(other.state()["version"], 1, turns[1].text + " Bij Zwartkop.", turns[1].start)
    open_desk(desk, site)
    desk.locator("#vervangen summary").click()
    desk.locator("#zoek").fill("Zwartkop")
    desk.locator("#vervang").fill("Anne Zwartkop")
    desk.locator("#vervang").focus()
    desk.keyboard.down("Enter")
    saved(desk)
    for _ in range(3):  # (the key still down: the browser repeats it)
        desk.keyboard.down("Enter")
        desk.wait_for_timeout(300)
    desk.keyboard.up("Enter")
    desk.wait_for_function("() => document.getElementById('melding').className !== ''")
    assert transcript.read(path).turns[1].text.endswith(" Bij Anne Zwartkop."), transcript.read(path).turns[1].text
    other.edit_text(other.state()["version"], 1, turns[1].text, turns[1].start)  # (the sample as it was)


def test_a_visitors_front_page_heading_leads_to_the_public_overview_only(browser, site):
    """A reviewer's read of b1c705c: the heading of the database the overview reads leads to the overview; for a
    visitor of serve --public that is the public copy's heading, and the overview it leads to offers no desk, and no
    heading leads to the editors' database."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.goto(site)
    headings = page.locator("h2 a")
    shown = {headings.nth(n).inner_text(): headings.nth(n).get_attribute("href") for n in range(headings.count())}
    assert "Alle gesprekken (redactie)" not in shown, shown
    assert list(shown.values()).count("/-/gesprekken/gesprekken") == 1, shown
    page.locator('h2 a[href="/-/gesprekken/gesprekken"]').click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Alle gesprekken"
    assert page.locator("a.redactie-link").count() == 0
    context.close()


def test_enter_that_ends_a_composition_saves_nothing(desk, site, desk_workspace):
    """A reviewer's read of 5a3011b: Enter in a one-line field clicks its button; an Enter that ends a composition
    (an input method's, a dead key's) only takes the composed letters. In Chromium its keydown says isComposing (the
    handler asks that); Safari sends it after compositionend with isComposing false and keyCode 229, which clicked
    "Overal vervangen" with the word still being typed. Neither saves."""
    path = transcript_path(desk_workspace)
    turns = transcript.read(path).turns
    other = desk_of(desk_workspace)
    other.edit_text(other.state()["version"], 1, turns[1].text + " Bij Zwartkop.", turns[1].start)
    open_desk(desk, site)
    saves = desk.locator("#geschiedenis-inhoud li").count()
    desk.locator("#vervangen summary").click()
    desk.locator("#zoek").fill("Zwartkop")
    desk.locator("#vervang").fill("Zwartk")
    cdp = desk.context.new_cdp_session(desk)
    cdp.send("Input.imeSetComposition", {"text": "o", "selectionStart": 1, "selectionEnd": 1})
    cdp.send(
        "Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
    )
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13})
    cdp.send("Input.insertText", {"text": "o"})
    desk.evaluate(  # (Safari's order: the composition ended, then its Enter)
        "() => document.getElementById('vervang').dispatchEvent(new KeyboardEvent('keydown',"
        " {key: 'Enter', code: 'Enter', keyCode: 229, bubbles: true, cancelable: true}))"
    )
    desk.wait_for_timeout(500)
    desk.wait_for_function("() => !document.getElementById('melding').textContent.startsWith('Bezig')")
    assert desk.locator("#geschiedenis-inhoud li").count() == saves
    assert transcript.read(path).turns[1].text.endswith(" Bij Zwartkop.")
    other.edit_text(other.state()["version"], 1, turns[1].text, turns[1].start)  # (the sample as it was)
