"""Two pages of the knowledge base: one search box for everything said, and a conversation as an article.

``/-/gesprekken/zoeken?q=…`` searches quotes, turns and action points at once (FTS5, each word
also as the start of a Dutch compound: ``schuldhulp`` finds ``schuldhulpverlening``), filters by
theme, speaker, organisation and conference, and counts the matches per filter value (facets).
Without a word it browses a filter (all quotes about a theme). ``/-/gesprekken/zoeken.json``
answers the same as JSON. In the editors' database a hit the public may not see is marked, on the
page and as ``niet_openbaar`` ("intern", "ingetrokken") in the JSON, and so is a speaker's,
organisation's or conference's filter entry all of whose turns it may not see; a public copy holds
none. What the public may not see is what the public copy leaves out, by publish's own rule
(:func:`gesprekken.publish.withheld_turns`); so on the conversation page, turn by turn.

``/-/gesprekken/gesprek/<id>`` shows a conversation as the magazine prints it: the headline
quote, the participants with role and organisation, and the dialogue with the full name on a
speaker's first turn and the surname after. Every turn's time plays that turn.

Both read the first database the visitor may see (see :func:`gesprekken.serve.readable_database`),
so with ``gesprekken serve --public`` an anonymous visitor searches the public copy only.
"""

import json
import re
import sqlite3
import unicodedata
from collections import Counter
from urllib.parse import quote_plus

from datasette import hookimpl
from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from gesprekken.desk import STATUS_WORDS, WITHHELD_WHY
from gesprekken.errors import GesprekkenError
from gesprekken.export import name_as_printed, typographic
from gesprekken.names import later_names
from gesprekken.publish import UNCONFIRMED, unconfirmed, withheld_turns
from gesprekken.search_index import filter_token
from gesprekken.serve import (
    EVERYTHING,
    PLUGIN,
    clip_url,
    conversation_url,
    page_url,
    readable_database,
    recording_url,
    shows_everything,
)
from gesprekken.transcript import format_time

from . import error_response, not_found, rendered
from .gesprekken_audio import playable_conversations

#: Search result kinds: URL word, table (its full-text index is <table>_fts), heading.
KINDS = [
    ("citaten", "quotes", "Citaten"),
    ("beurten", "turns", "Beurten"),
    ("actiepunten", "action_points", "Actiepunten"),
]
FILTERS = {"thema": "Thema", "spreker": "Spreker", "organisatie": "Organisatie", "congres": "Congres"}
PER_KIND = 20  # rows per kind on the overview; one kind alone (?soort=) shows up to MAX_ROWS
MAX_ROWS = 200
# A search stays fast however common the word: one pass over each full-text index, newest first,
# stops after MATCH_CAP matches. Those give the count ("meer dan 1.000" beyond), the ranking (bm25
# of the newest MATCH_CAP matches: all of them when there are fewer) and the facets (the newest
# FACET_SAMPLE matching turns). The filters are words of the index too
# (gesprekken.search_index.filter_token), so a word with a theme costs what the word alone costs.
# Measured in BENCHMARKS.md at one million turns: counting to 10,000 and ranking up to 5,000
# matches took three times the CPU of a page (issue 17).
MATCH_CAP = 1_000
FACET_SAMPLE = 1_000
FACET_TIME_LIMIT_MS = 60
FACET_SIZE = 15
# A search is for words, not documents: longer input is cut (a 100 kB query took seconds), and the
# page says so.
MAX_QUERY = 500
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
#: A publication status the public may not see, in the desk's words for it ("intern", "ingetrokken").
NOT_PUBLIC = {status: word for status, word in STATUS_WORDS.items() if status != "published"}
NOT_PUBLIC[UNCONFIRMED] = WITHHELD_WHY[UNCONFIRMED]  # held until an editor confirms the voice: no status


def _why(status: str | None) -> str | None:
    """The desk's word for a status that keeps a turn from the public (a status it has no word for, as it is)."""
    return NOT_PUBLIC.get(status, status)


WORD = re.compile(r"\w+", re.UNICODE)
WORDS = re.compile(r"(\w+)", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 query for what a visitor typed: every word must occur, as a word or a word's start.

    Operators and quotes are not passed on (a visitor's ``"`` or ``NEAR(`` is just text). A word
    typed twice is searched once (each copy would make SQLite read its matches again).
    """
    words = list({fold(w): w for w in WORD.findall(text or "")}.values())
    if not words:
        return None
    return " ".join(f'"{w}"*' if len(w) >= 4 else f'"{w}"' for w in words)


def match_query(text: str, filters: dict) -> str | None:
    """The FTS5 query for typed words and filters together: the filters are words of the index."""
    parts = [f'"{filter_token(name, value)}"' for name, value in filters.items() if value and name in FILTERS]
    words = fts_query(text)
    if words:
        parts.insert(0, f"({words})")
    return " AND ".join(parts) or None


def clock(seconds: float | None) -> str:
    return format_time(seconds or 0, decimals=0)


def fold(word: str) -> str:
    """A word as the full-text index compares it: case and diacritics removed (ideeën = ideeen)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def marked(text: str, typed: str, width: int = 48) -> str:
    """``text`` with the words that match what was typed between MARK_OPEN and MARK_CLOSE (a word
    of four letters or more also as a word's start, as the search does), cut to ``width`` words
    around the first match."""
    wanted = [fold(w) for w in WORD.findall(typed or "")]
    starts = tuple(w for w in wanted if len(w) >= 4)
    whole = {w for w in wanted if len(w) < 4}
    pieces = WORDS.split(text)  # separators at even, words at odd positions
    first = None
    for i in range(1, len(pieces), 2):
        # An ASCII word folds by casefold alone (most words: the full fold was 2 ms of a page).
        word = pieces[i].casefold() if pieces[i].isascii() else fold(pieces[i])
        if word.startswith(starts) or word in whole:
            pieces[i] = f"{MARK_OPEN}{pieces[i]}{MARK_CLOSE}"
            first = i if first is None else first
    words = (len(pieces) - 1) // 2
    if words <= width:
        return "".join(pieces)
    start = max(0, min((first or 1) // 2 - width // 4, words - width))
    cut = "".join(pieces[2 * start + 1 : 2 * (start + width)]).strip()
    return ("…" if start else "") + cut + ("…" if start + width < words else "")


def highlighted(text: str) -> Markup:
    """Marked text (see :func:`marked`) as escaped HTML with <mark>."""
    return Markup(str(escape(text)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


COLUMNS = (
    "x.id, {turn_id} AS turn_id, x.conversation_id, x.speaker, x.organisation, x.text, x.themes, x.start, x.end, "
    "c.title AS gesprek, c.conference AS congres, c.date AS datum, c.recording AS opname"
)


def _columns(table: str) -> str:
    return COLUMNS.format(turn_id="x.id" if table == "turns" else "x.turn_id")


def _newest_matches(conn, table: str, match: str, scored: bool) -> list[tuple[int, float | None]]:
    """The rowids matching the words and filters, newest first, at most MATCH_CAP + 1, each with
    its bm25 score when ``scored`` (the filters column weighs nothing). One pass over the
    full-text index: SQLite stops after the LIMIT, and bm25 is computed only for the rows it
    returns (ranking every match before the LIMIT cost 15 ms for 2,000 of them)."""
    score = f"bm25({table}_fts, 1.0, 1.0, 0.0)" if scored else "NULL"
    sql = f"SELECT rowid, {score} FROM {table}_fts WHERE {table}_fts MATCH :q ORDER BY rowid DESC LIMIT {MATCH_CAP + 1}"
    return conn.execute(sql, {"q": match}).fetchall()


def _rows_by_date(conn, table: str, match: str, limit: int) -> list:
    """With filters alone, the matching rows by conversation, newest conversation first."""
    sql = (
        f"SELECT {_columns(table)} FROM {table}_fts JOIN {table} x ON x.rowid = {table}_fts.rowid "
        f"JOIN conversations c ON c.id = x.conversation_id WHERE {table}_fts MATCH :q "
        "ORDER BY c.date DESC, c.title, x.start LIMIT :limit"
    )
    return conn.execute(sql, {"q": match, "limit": limit}).fetchall()


def _rows_by_rowid(conn, table: str, rowids: list[int]) -> list:
    """The rows of one kind with these rowids, in the order given: only the rows shown are read."""
    sql = (
        f"SELECT x.rowid AS rowid_, {_columns(table)} FROM {table} x "
        "JOIN conversations c ON c.id = x.conversation_id WHERE x.rowid IN (SELECT value FROM json_each(:ids))"
    )
    found = {row["rowid_"]: row for row in conn.execute(sql, {"ids": json.dumps(rowids)})}
    return [found[r] for r in rowids if r in found]


# The facets' sample read once, counted in Python: SQLite's count per field (a GROUP BY each, the
# themes by json_each per row) cost twice the reading (BENCHMARKS.md, issue 17, fourth round).
FACET_SAMPLE_ROWS = (
    "SELECT speaker, organisation, conference, themes, id, conversation_id FROM turns "
    "WHERE rowid IN (SELECT value FROM json_each(:ids))"
)
#: The facets whose values are a turn's own (not a list): an entry of these is marked when every turn
#: it counts is one the public may not see.
MARKED_FACETS = ("spreker", "organisatie", "congres")


def _facet_sample(conn, turn_rowids: list[int]) -> list[tuple] | None:
    """The newest FACET_SAMPLE matching turns, as FACET_SAMPLE_ROWS reads them; None when that took
    longer than FACET_TIME_LIMIT_MS (facets help, but never hold up the results)."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a Row per sampled turn cost more than its counting
    try:
        with sqlite_timelimit(conn, FACET_TIME_LIMIT_MS):
            return cursor.execute(FACET_SAMPLE_ROWS, {"ids": json.dumps(turn_rowids[:FACET_SAMPLE])}).fetchall()
    except sqlite3.OperationalError:
        return None


def _facets(rows: list[tuple], theme_labels: dict, withheld: dict[str, str]) -> dict:
    """Counts per theme, speaker, organisation and conference over the sampled turns (everything
    said, quotes and action points included); a speaker's, organisation's or conference's entry
    whose turns are all ``withheld`` says so (``niet_openbaar``), in the words of their statuses."""
    columns = list(zip(*rows, strict=True))[:4] or [(), (), (), ()]
    speakers, organisations, conferences, theme_lists = (Counter(column) for column in columns)
    themes = Counter()
    for listed, n in theme_lists.items():  # a list of themes is counted once, however many turns have it
        for theme in _theme_ids(listed):
            themes[theme] += n
    counted = {"thema": themes, "spreker": speakers, "organisatie": organisations, "congres": conferences}
    # Per marked facet and value, the words of its withheld turns (only those rows: usually none).
    kept_back = {name: {} for name in MARKED_FACETS}
    for row in (row for row in rows if row[4] in withheld) if withheld else ():
        for name, value in zip(MARKED_FACETS, row[:3], strict=True):
            kept_back[name].setdefault(value, Counter())[_why(withheld[row[4]])] += 1
    facets = {}
    for name in FILTERS:
        counts = [(str(value), n) for value, n in counted[name].items() if value is not None and value != ""]
        top = sorted(counts, key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        labels = theme_labels if name == "thema" else {}
        facets[name] = [{"value": value, "label": labels.get(value, value), "count": n} for value, n in top]
        for entry, (value, n) in zip(facets[name], top, strict=True):
            words = kept_back.get(name, {}).get(value)
            if words and words.total() == n:  # all of them: the public's facet has no such entry
                entry["niet_openbaar"] = ", ".join(words)
    return facets


def _theme_ids(themes: str | None) -> list[str]:
    try:
        return [str(t) for t in json.loads(themes or "[]")]
    except (TypeError, ValueError):
        return []


def _mark_participant(participant: dict) -> None:
    """A participant as a page shows them: what the public may not see of them marked (an editor's view; the public
    copy holds none), their name as the article prints it."""
    participant["withheld"] = NOT_PUBLIC.get(participant.get("status") or "published")
    participant["printed"] = name_as_printed(participant["name"])


async def search(db, text: str, filters: dict, only: str | None = None) -> dict:
    """Search the database: per kind its match count and best rows, and the facets. All queries
    run in one call on one connection (one thread hop, not ten)."""
    return await db.execute_fn(lambda conn: _search(conn, text, filters, only))


def _search(conn, text: str, filters: dict, only: str | None) -> dict:
    match = match_query(text, filters)
    result = {"q": text, "filters": filters, "kinds": [], "facets": {}, "facet_rows": 0, "complete": True}
    result["recordings"] = {}  # per conversation shown, the recording its row names (not in the answer)
    if not match:
        return result
    words = fts_query(text) is not None
    theme_labels = dict(conn.execute("SELECT id, label FROM themes").fetchall())
    turn_rowids = None
    for kind, table, heading in KINDS:
        if only and kind != only:
            continue
        limit = MAX_ROWS if only else PER_KIND
        matches = _newest_matches(conn, table, match, scored=words)
        if table == "turns":
            turn_rowids = [rowid for rowid, _ in matches]
        total, exact = min(len(matches), MATCH_CAP), len(matches) <= MATCH_CAP
        if words:  # the best by relevance: of all matches, or of the newest MATCH_CAP
            best = sorted(matches[:MATCH_CAP], key=lambda m: m[1])[:limit]
            rows = _rows_by_rowid(conn, table, [rowid for rowid, _ in best])
            order = "relevance" if exact else "relevance_newest"
        elif exact:
            rows, order = _rows_by_date(conn, table, match, limit), "date"
        else:
            rows, order = _rows_by_rowid(conn, table, [rowid for rowid, _ in matches[:limit]]), "newest"
        result["recordings"].update((r["conversation_id"], r["opname"]) for r in rows)
        result["kinds"].append(
            {
                "kind": kind,
                "heading": heading,
                "table": table,
                "count": total,
                "exact": exact,
                "order": order,
                "rows": [_row(r, theme_labels, text) for r in rows],
            }
        )
    if turn_rowids is None:
        turn_rowids = [rowid for rowid, _ in _newest_matches(conn, "turns", match, scored=False)]
    sample = _facet_sample(conn, turn_rowids)
    # What the public may not see, of the rows shown and the facets' sample: one read for the page.
    shown = [row for kind in result["kinds"] for row in kind["rows"]]
    withheld = _withheld(
        conn,
        {row["conversation_id"] for row in shown} | {row[5] for row in sample or ()},
        [row["turn_id"] for row in shown] + [row[4] for row in sample or ()],
    )
    for row in shown:
        row["niet_openbaar"] = _why(withheld.get(row["turn_id"]))
    if sample is not None:  # else cut short by its time limit: no facets
        result["facets"], result["facet_rows"] = _facets(sample, theme_labels, withheld), len(sample)
    # Facets cut short by their time limit: this answer is not the page's, so no cache keeps it.
    result["complete"] = bool(result["facet_rows"]) or not turn_rowids
    return result


def _withheld(conn, conversation_ids: set[str], turn_ids: list[str]) -> dict[str, str]:
    """Of ``turn_ids`` (of the conversations ``conversation_ids``), the turns the public copy leaves
    out, each with its status (gesprekken.publish.withheld_turns: the rule publish follows). Empty
    in a public copy, which holds nothing of the kind."""
    if not turn_ids:
        return {}
    return unconfirmed(conn, withheld_turns(conn, sorted(conversation_ids), turn_ids))


def _row(row, theme_labels: dict, typed: str) -> dict:
    theme_ids = _theme_ids(row["themes"])
    return {
        "id": row["id"],
        "turn_id": row["turn_id"],
        "conversation_id": row["conversation_id"],
        "speaker": row["speaker"] or "",
        "organisation": row["organisation"] or "",
        "text": row["text"],
        "fragment": marked(row["text"] or "", typed),
        "themes": [{"id": t, "label": theme_labels.get(t, t)} for t in theme_ids],
        "start": row["start"],
        "end": row["end"],
        "conversation": row["gesprek"] or "",
        "conference": row["congres"] or "",
        "date": row["datum"] or "",
    }


def _typed(request, name: str) -> str:
    """What the visitor typed for ``name``, at most MAX_QUERY characters."""
    return (request.args.get(name) or "").strip()[:MAX_QUERY]


def _filters(request) -> dict:
    return {name: _typed(request, name) for name in FILTERS}


async def search_page(request, datasette):
    db = await readable_database(datasette, request.actor)
    if db is None:
        return await error_response(datasette, request, 403, "Je hebt geen toegang tot deze kennisbank.")
    text = _typed(request, "q")
    filters = _filters(request)
    only = request.args.get("soort") if request.args.get("soort") in {k[0] for k in KINDS} else None
    result = await search(db, text, filters, only)
    result["q_shortened"] = len((request.args.get("q") or "").strip()) > MAX_QUERY
    # A player only where the audio route serves the recording (as on the conversation page): checked
    # once per conversation shown, not per row. Elsewhere the text alone, and null in the JSON.
    playing = await playable_conversations(datasette, db, result.pop("recordings"))
    for kind in result["kinds"]:
        for row in kind["rows"]:
            cid = row["conversation_id"]
            row["audio"] = clip_url(datasette, cid, row["start"], row["end"]) if cid in playing else None
            row["conversation_url"] = conversation_url(datasette, row["conversation_id"])
    if request.url_vars.get("format") == "json":
        for kind in result["kinds"]:
            for row in kind["rows"]:
                row["fragment"] = row["fragment"].replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
                if row["niet_openbaar"] is None:  # a field only where there is something to say
                    del row["niet_openbaar"]
        return Response.json(result, headers=_cache_headers(result))

    # The fixed part of this search's URL, encoded once: the page links to it some hundred times
    # with one argument changed (urlencode per link was 2 ms of a page's CPU).
    fixed = {"q": text, **filters, "soort": only or ""}
    encoded = {name: quote_plus(value) for name, value in fixed.items() if value}

    def link(name: str | None = None, value: str = "", **changes) -> str:
        """This search's URL with one filter (``name``) or other arguments changed."""
        if name:
            changes[name] = value
        parts = []
        for key in fixed:
            shown = encoded.get(key) if key not in changes else quote_plus(changes[key]) if changes[key] else None
            if shown:
                parts.append(f"{key}={shown}")
        return "?" + "&".join(parts)

    for kind in result["kinds"]:
        for row in kind["rows"]:
            row["fragment_html"] = highlighted(row["fragment"])
            row["clock"] = f"{clock(row['start'])}–{clock(row['end'])}"
    context = {
        "q": text,
        "max_query": MAX_QUERY,
        "filters": filters,
        "filter_names": FILTERS,
        "facet_sample": FACET_SAMPLE,
        "match_cap": f"{MATCH_CAP:,}".replace(",", "."),
        "active": [(name, value) for name, value in filters.items() if value],
        "result": result,
        "only": only,
        "link": link,
        "database": db.name,
        "searched": bool(fts_query(text) or any(filters.values())),
        "search_url": page_url(datasette, "zoeken"),
        "overview_url": page_url(datasette, "gesprekken"),
        "json_url": page_url(datasette, "zoeken.json") + link(),
        "everything": EVERYTHING if shows_everything(datasette) else None,
        "urls": datasette.urls,
    }
    context["content"] = rendered(datasette, "gesprekken_zoeken_inhoud.html", context)
    return Response.html(
        await datasette.render_template("gesprekken_zoeken.html", context, request=request),
        headers=_cache_headers(result),
    )


def _cache_headers(result: dict) -> dict:
    # A search whose facets ran out of time is not what the page holds: no cache may keep it (a
    # cache that revalidates would keep it as long as the database stays the same).
    return {} if result["complete"] else {"cache-control": "no-store"}


def _conversation(conn, conversation_id: str) -> dict | None:
    """A conversation with its participants, turns, themes and action points: one database call."""
    found = conn.execute("SELECT * FROM conversations WHERE id = ?", [conversation_id]).fetchone()
    if found is None:
        # The first 8 or more hex digits, as the command line takes them, when one conversation of
        # this database (the public copy, for a visitor) starts so: what else exists stays unseen.
        if not re.fullmatch(r"[0-9a-fA-F]{8,}", conversation_id):
            return None
        starting = conn.execute(
            "SELECT id FROM conversations WHERE substr(id, 1, ?) = ? LIMIT 2",
            [len(conversation_id), conversation_id.lower()],
        ).fetchall()
        return {"redirect": starting[0][0]} if len(starting) == 1 else None
    return {
        "conversation": dict(found),
        "participants": [
            dict(r)
            for r in conn.execute(
                "SELECT name, role, organisation, status FROM participants WHERE conversation_id = ? ORDER BY rowid",
                [conversation_id],
            )
        ],
        "turns": conn.execute(
            "SELECT id, seq, speaker, start, end, text FROM turns WHERE conversation_id = ? ORDER BY seq",
            [conversation_id],
        ).fetchall(),
        # Its turns the public copy leaves out, with their status (the rule publish follows).
        "withheld": unconfirmed(conn, withheld_turns(conn, [conversation_id])),
        # The conversation's own themes, ranked by the analysis (not every theme a turn touched).
        "themes": [
            dict(r)
            for r in conn.execute(
                "SELECT th.id, th.label FROM conversation_themes ct JOIN themes th ON th.id = ct.theme "
                "WHERE ct.conversation_id = ? ORDER BY ct.rank",
                [conversation_id],
            )
        ],
        "candidates": [
            dict(r)
            for r in conn.execute(
                "SELECT text, speaker, start, end FROM quotes WHERE conversation_id = ? AND candidate IS NOT NULL "
                "ORDER BY candidate",
                [conversation_id],
            )
        ],
        "action_points": [
            dict(r)
            for r in conn.execute(
                "SELECT text, who, speaker, start, end FROM action_points WHERE conversation_id = ? ORDER BY start",
                [conversation_id],
            )
        ],
    }


def _held_back(datasette, conversation: dict, stored: str) -> str | None:
    """The desk's sentence for a conversation the database holds back while its transcript publishes it
    (:func:`gesprekken.desk.held_back`), where this Datasette knows the transcripts (the editors' site)."""
    from pathlib import Path

    from gesprekken.desk import held_back
    from gesprekken.transcript import read

    folder = (datasette.plugin_config(PLUGIN) or {}).get("transcripts")
    name = conversation.get("transcript_file")
    if not folder or not name or not (Path(folder) / name).is_file():
        return None
    try:
        said = read(Path(folder) / name).status
    except GesprekkenError:  # broken by hand: load says so; the page says what the database says
        return None
    return held_back(said, stored, "aan de redactietafel")


async def conversation_page(request, datasette):
    db = await readable_database(datasette, request.actor)
    if db is None:
        return await error_response(datasette, request, 403, "Je hebt geen toegang tot deze kennisbank.")
    conversation_id = request.url_vars["conversation_id"]
    # One call, one wait in Datasette's queue: five calls made this page the slowest under a crowd
    # (each waited its turn behind the searches), though it takes 5 ms alone.
    found = await db.execute_fn(lambda conn: _conversation(conn, conversation_id))
    if found is None:
        return await not_found(datasette, request, "Geen gesprek met dit id.")
    if "redirect" in found:
        query = f"?{request.query_string}" if request.query_string else ""
        return Response.redirect(conversation_url(datasette, found["redirect"]) + query)
    participants = found["participants"]
    known = {p["name"] for p in participants}
    # what the public may not see, marked where an editor's view shows it (the public copy holds none); each name
    # as the article prints it ("van der Laan" was "Van der Laan:" in the article downloaded from this page)
    for p in participants:
        _mark_participant(p)
    for a in found["action_points"]:  # whose it is, as the article's box says it ("Maarten ’t Hart")
        a["who"] = typographic(a["who"] or "")
    seen: set[str] = set()
    later = later_names(known)
    dialogue = []
    previous = None
    for turn in found["turns"]:
        speaker = turn["speaker"] or ""
        shown = later[speaker] if speaker in seen and speaker in known else speaker
        seen.add(speaker)
        # Turns the public copy left out leave a gap in the numbering: "[…]" there, as the article prints it (a
        # newcomer saw one person's two turns side by side, as if nothing had been said between them).
        after_omission = previous is not None and turn["seq"] is not None and turn["seq"] > previous + 1
        previous = turn["seq"]
        dialogue.append(
            {
                "id": turn["id"],
                "after_omission": after_omission,
                "seq": turn["seq"],
                "speaker": name_as_printed(shown),
                "full_name": name_as_printed(speaker),
                "withheld": _why(found["withheld"].get(turn["id"])),
                "audio": clip_url(datasette, conversation_id, turn["start"], turn["end"]),
                "text": turn["text"],
                "start": turn["start"],
                "end": turn["end"],
                "clock": clock(turn["start"]),
            }
        )
    # A headline pinned on a sentence the public may not see (said before its speaker withdrew): the public
    # copy drops it and the article takes another, so the editors' view marks it as it marks the turn. Only
    # where a turn is withheld: never on the public site, whose copy holds none.
    held = [(t["text"], t["withheld"]) for t in dialogue if t["withheld"]]
    headline_withheld = _withheld_headline(found["conversation"].get("headline"), held)
    # The editors' desk (plugins/gesprekken_desk.py) for whoever may use it.
    may_edit = await datasette.permission_allowed(request.actor, "gesprekken-redactie", default=False)
    status = found["conversation"].get("status") or "published"
    context = {
        "desk_url": datasette.urls.path(f"/-/gesprekken/redactie/{conversation_id}") if may_edit else None,
        "conversation": found["conversation"],
        "withheld": NOT_PUBLIC.get(status),
        "headline_withheld": headline_withheld,
        # who said it, under it, where a participant did (a newcomer's run, session 50: the participants' list under
        # the headline read as its attribution)
        "headline_by": name_as_printed(said_by) if (said_by := _headline_by(found)) in known else None,
        # Why, where its transcript publishes it (a hold after a hand edit the running site could not follow).
        "held_back": _held_back(datasette, found["conversation"], status) if status != "published" else None,
        "participants": participants,
        "dialogue": dialogue,
        "themes": found["themes"],
        "action_points": found["action_points"],
        # The shortlist of headlines to choose from, garbled ones included, is the editors' tool.
        "candidates": found["candidates"] if may_edit else [],
        "audio_url": recording_url(datasette, conversation_id)
        if await playable_conversations(datasette, db, {conversation_id: found["conversation"].get("recording")})
        else None,
        "search_url": page_url(datasette, "zoeken"),
        "overview_url": page_url(datasette, "gesprekken"),
        "database": db.name,
        # the database's title for the breadcrumb ("Openbare kennisbank"), not its file's name
        "database_title": datasette.metadata("title", database=db.name) or db.name,
        "clock": clock,
        "everything": EVERYTHING if shows_everything(datasette) else None,
        "urls": datasette.urls,
    }
    context["content"] = rendered(datasette, "gesprekken_gesprek_inhoud.html", context)
    return Response.html(await datasette.render_template("gesprekken_gesprek.html", context, request=request))


def _headline_by(found: dict) -> str | None:
    """Who said the conversation's headline, as the article prints it (:func:`gesprekken.export.headline_said_by`,
    from the turns this page shows)."""
    from gesprekken.export import headline_said_by

    return headline_said_by(
        [(t["speaker"] or "", t["text"]) for t in found["turns"]], found["conversation"]["headline"]
    )


def _withheld_headline(headline: str | None, held: list[tuple[str, str]]) -> str | None:
    """Why the public may not see ``headline``: the word for the status of the first of ``held`` (the text and the
    word of each turn the public copy leaves out) that says it, or None."""
    if not headline or not held:
        return None
    from gesprekken.analyse import plain_words  # as the desk finds an editor's sentence in a turn

    said = plain_words(headline)
    return next((why for text, why in held if said in plain_words(text)), None)


def _overview(conn) -> list[dict]:
    """Every conversation of the database with its participants and its three best themes: one database call."""
    conversations = [
        dict(r)
        for r in conn.execute(
            "SELECT id, title, conference, date, headline, status, names_checked FROM conversations "
            "ORDER BY coalesce(conference, ''), coalesce(date, ''), title, id"
        )
    ]
    people: dict[str, list[dict]] = {}
    for r in conn.execute("SELECT conversation_id, name, role, organisation, status FROM participants ORDER BY rowid"):
        people.setdefault(r["conversation_id"], []).append(dict(r))
    themes: dict[str, list[dict]] = {}
    for r in conn.execute(
        "SELECT ct.conversation_id, th.id, th.label FROM conversation_themes ct JOIN themes th ON th.id = ct.theme "
        "WHERE ct.rank <= 3 ORDER BY ct.conversation_id, ct.rank"
    ):
        themes.setdefault(r["conversation_id"], []).append(dict(r))
    # A headline pinned on a sentence the public copy leaves out (said before its speaker withdrew): marked, as the
    # conversation page marks it (only in the editors' database: the public copy holds no such turn)
    withheld = unconfirmed(conn, withheld_turns(conn, [c["id"] for c in conversations]))
    held: dict[str, list[tuple[str, str]]] = {}
    if withheld:  # (the public copy holds none)
        for r in conn.execute(
            "SELECT id, conversation_id, text FROM turns WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(withheld))],
        ):
            held.setdefault(r["conversation_id"], []).append((r["text"], _why(withheld[r["id"]])))
    for c in conversations:
        c["participants"], c["themes"] = people.get(c["id"], []), themes.get(c["id"], [])
        c["headline_withheld"] = _withheld_headline(c["headline"], held.get(c["id"], []))
    return conversations


async def overview_page(request, datasette):
    """``/-/gesprekken/gesprekken``: every conversation of the knowledge base, by conference, with its headline,
    participants and best themes, each a link to its page (a tester's find, session 47: "alle gesprekken" led to
    Datasette's table, with its SQL and column notes). What it reads is what the conversation page reads: the
    public copy for a visitor, where nothing withheld is; in the editors' database, a status is marked."""
    db = await readable_database(datasette, request.actor)
    if db is None:
        return await error_response(datasette, request, 403, "Je hebt geen toegang tot deze kennisbank.")
    conversations = await db.execute_fn(_overview)
    may_edit = await datasette.permission_allowed(request.actor, "gesprekken-redactie", default=False)
    for c in conversations:
        c["url"] = conversation_url(datasette, c["id"])
        c["withheld"] = NOT_PUBLIC.get(c["status"] or "published")
        c["desk_url"] = datasette.urls.path(f"/-/gesprekken/redactie/{c['id']}") if may_edit else None
        for p in c["participants"]:
            _mark_participant(p)
    context = {
        "conversations": conversations,
        "search_url": page_url(datasette, "zoeken"),
        "overview_url": page_url(datasette, "gesprekken"),
        "database": db.name,
        "database_title": datasette.metadata("title", database=db.name) or db.name,
        "everything": EVERYTHING if shows_everything(datasette) else None,
        "urls": datasette.urls,
    }
    context["content"] = rendered(datasette, "gesprekken_gesprekken_inhoud.html", context)
    return Response.html(await datasette.render_template("gesprekken_gesprekken.html", context, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/-/gesprekken/zoeken(\.(?P<format>json))?$", search_page),
        (r"^/-/gesprekken/gesprek/(?P<conversation_id>[^/]+)$", conversation_page),
        (r"^/-/gesprekken/gesprekken$", overview_page),
    ]


@hookimpl
def extra_template_vars(template, datasette, request):
    """On the start page, the database the overview of all conversations reads for this visitor (the editors' full
    one for the editor with ``--public``), whose heading leads there: it led to Datasette's English database page, and
    the way to the desk was a small "alle gesprekken" (an editor's run, session 60)."""
    if template != "index.html":
        return None

    async def overview():
        db = await readable_database(datasette, request.actor if request is not None else None)
        return {"gesprekken_overzicht": {"database": db.name, "url": page_url(datasette, "gesprekken")} if db else None}

    return overview


@hookimpl
def menu_links(datasette):
    return [
        {"href": page_url(datasette, "zoeken"), "label": "Zoek in alle gesprekken"},
        {"href": page_url(datasette, "gesprekken"), "label": "Alle gesprekken"},
    ]


@hookimpl
def render_cell(value, column, table, row, datasette):
    """A conversation's title links to its article page."""
    if table != "conversations" or column != "title" or not isinstance(value, str):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if "id" not in keys:
        return None
    return Markup(f'<a href="{escape(conversation_url(datasette, row["id"]))}">{escape(value)}</a>')
