"""The knowledge base in Datasette: in process with our metadata and plugins, and as a real server."""

import asyncio
import json
import re
import urllib.request
from urllib.parse import quote

import pytest
from conftest import served
from datasette.app import Datasette
from markupsafe import escape
from rapidfuzz import fuzz

from gesprekken.serve import metadata, plugins_dir


def get(db_path, path, headers=None):
    workspace = db_path.parent

    async def fetch():
        datasette = Datasette(
            [str(db_path)],
            plugins_dir=str(plugins_dir()),
            metadata=metadata(db_path, workspace / "recordings", workspace / "transcripts"),
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


def test_serve_without_database(tmp_path):
    from conftest import run

    result = run("serve", "--db", tmp_path / "nergens.db", cwd=tmp_path)
    assert result.exit_code == 1
    assert "does not exist; run 'gesprekken ingest' first" in result.stderr


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
    assert response.status_code == 403 and b"root:" not in response.content


def test_quotes_and_turns_play_exactly_their_clip(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    html = get(db, "/gesprekken/quotes?_search=wederkerigheid").text
    assert f'src="/-/gesprekken/audio/{SAMPLE_ID}#t=' in html
    rows = get(db, "/gesprekken/quotes.json?_shape=array&_search=wederkerigheid").json()
    start, end = rows[0]["start"], rows[0]["end"]
    assert f"#t={start:.2f},{end:.2f}" in html
    assert "<audio controls" in get(db, "/gesprekken/turns?_search=maatwerk").text


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


def test_a_theme_alone_browses_everything_about_it(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    found = get(db, "/-/gesprekken/zoeken.json?thema=leefbaarheid").json()
    turns = next(k for k in found["kinds"] if k["kind"] == "beurten")
    assert turns["count"] == 1 and "leefbaarheid" in turns["rows"][0]["text"]
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
                'INSERT INTO turns (id, conversation_id, seq, speaker, participant_id, start, "end", text) '
                'SELECT id || ?, conversation_id, seq + ?, speaker, participant_id, start, "end", text '
                "FROM turns WHERE id NOT LIKE '%-x%'",
                [f"-x{n}", 100 * n],
            )
            conn.execute(
                "INSERT INTO turn_themes (turn_id, theme_id) SELECT turn_id || ?, theme_id FROM turn_themes "
                "WHERE turn_id NOT LIKE '%-x%'",
                [f"-x{n}"],
            )
    for name, value in {"RANK_LIMIT": 20, "WORD_COUNT_CAP": 30, "COUNT_CAP": 10, "FACET_SAMPLE": 15}.items():
        monkeypatch.setattr(pages, name, value)
    database = Datasette([str(db_path)]).get_database("gesprekken")
    filters = dict.fromkeys(pages.FILTERS, "")

    found = asyncio.run(pages.search(database, "maatwerk", filters))  # said in 40 turns
    turns = next(k for k in found["kinds"] if k["kind"] == "beurten")
    assert (turns["count"], turns["exact"], turns["order"]) == (30, False, "newest")
    assert [r["id"] for r in turns["rows"][:2]] == ["1ef18611f54b-0005-x39", "1ef18611f54b-0005-x38"]
    assert found["facet_rows"] == 15
    assert {"value": "maatwerk", "label": "Maatwerk", "count": 15} in found["facets"]["thema"]
    quotes = next(k for k in found["kinds"] if k["kind"] == "citaten")
    assert (quotes["count"], quotes["exact"], quotes["order"]) == (1, True, "relevance")

    narrowed = asyncio.run(pages.search(database, "maatwerk", {**filters, "thema": "wederkerigheid"}))
    turns = next(k for k in narrowed["kinds"] if k["kind"] == "beurten")
    assert (turns["count"], turns["exact"], turns["order"]) == (10, False, "newest")
    html = get(db_path, "/-/gesprekken/zoeken?q=maatwerk").text  # the real limits: all 40 ranked
    assert 'Beurten <span class="aantal">(40)</span>' in html and "nieuwste eerst" not in html


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
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
            assert set(columns) <= set(tables[table]["columns"]), (table, set(columns) - set(tables[table]["columns"]))
