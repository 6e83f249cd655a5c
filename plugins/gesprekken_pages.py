"""Two pages of the knowledge base: one search box for everything said, and a conversation as an article.

``/-/gesprekken/zoeken?q=…`` searches quotes, turns and action points at once (FTS5, each word
also as the start of a Dutch compound: ``schuldhulp`` finds ``schuldhulpverlening``), filters by
theme, speaker, organisation and conference, and counts the matches per filter value (facets).
Without a word it browses a filter (all quotes about a theme). ``/-/gesprekken/zoeken.json``
answers the same as JSON.

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
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from gesprekken.names import surname
from gesprekken.serve import clip_url, conversation_url, page_url, readable_database, recording_url
from gesprekken.transcript import format_time

from . import not_found

#: Search result kinds: URL word, table (its full-text index is <table>_fts), heading.
KINDS = [
    ("citaten", "quotes", "Citaten"),
    ("beurten", "turns", "Beurten"),
    ("actiepunten", "action_points", "Actiepunten"),
]
FILTERS = {"thema": "Thema", "spreker": "Spreker", "organisatie": "Organisatie", "congres": "Congres"}
PER_KIND = 20  # rows per kind on the overview; one kind alone (?soort=) shows up to MAX_ROWS
MAX_ROWS = 200
# A search stays fast however common the word: bm25 ranks up to RANK_LIMIT matches (more are
# shown newest first), counts stop at WORD_COUNT_CAP (a word alone) or COUNT_CAP (with
# filters), and the facets count at most the newest FACET_SAMPLE matching turns. Measured in
# BENCHMARKS.md at one million turns.
RANK_LIMIT = 5_000
WORD_COUNT_CAP = 10_000
COUNT_CAP = 1_000
COUNT_TIME_LIMIT_MS = 40
FACET_SAMPLE = 1_000
FACET_TIME_LIMIT_MS = 60
FACET_SIZE = 15
# A search is for words, not documents: longer input is cut (a 100 kB query took seconds), and the
# page says so.
MAX_QUERY = 500
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 query for what a visitor typed: every word must occur, as a word or a word's start.

    Operators and quotes are not passed on (a visitor's ``"`` or ``NEAR(`` is just text). A word
    typed twice is searched once (each copy would make SQLite read its matches again).
    """
    words = list({fold(w): w for w in WORD.findall(text or "")}.values())
    if not words:
        return None
    return " ".join(f'"{w}"*' if len(w) >= 4 else f'"{w}"' for w in words)


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
    pieces = re.split(r"(\w+)", text)  # separators at even, words at odd positions
    first = None
    for i in range(1, len(pieces), 2):
        word = fold(pieces[i])
        if any(word.startswith(w) if len(w) >= 4 else word == w for w in wanted):
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


LINKS = {
    "turns": ("turn_themes", "turn_id"),
    "quotes": ("quote_themes", "quote_id"),
    "action_points": ("action_point_themes", "action_point_id"),
}


def _from_where(table: str, fts: str | None, filters: dict) -> tuple[str, str, dict]:
    """FROM and WHERE for one result kind: matches of ``fts`` with the filters, or the filters alone."""
    is_turn = table == "turns"
    link, key = LINKS[table]
    where, params = [], {}
    if fts:
        where.append(f"{table}_fts MATCH :q")
        names = WORD.findall(filters.get("spreker") or "")
        # The speaker is in the full-text index too: there the intersection with the word costs
        # nothing, where SQLite would otherwise look the word up again for each of their turns.
        params["q"] = f'({fts}) AND speaker : "{" ".join(names)}"' if names else fts
    if filters.get("thema"):
        where.append(f"EXISTS (SELECT 1 FROM {link} f WHERE f.{key} = x.id AND f.theme_id = :thema)")
        params["thema"] = filters["thema"]
    if filters.get("spreker"):
        where.append("+x.speaker = :spreker" if fts else "x.speaker = :spreker")  # exact, after the index
        params["spreker"] = filters["spreker"]
    if filters.get("organisatie"):
        where.append(
            "x.participant_id IN (SELECT id FROM participants WHERE organisation = :organisatie)"
            if is_turn
            else "x.organisation = :organisatie"
        )
        params["organisatie"] = filters["organisatie"]
    if filters.get("congres"):
        # "+": walk the rows newest first and look each conversation up, rather than gather all
        # of a conference's rows and sort them (measured: 7 against 300 ms at a million turns).
        where.append("+x.conversation_id IN (SELECT id FROM conversations WHERE conference = :congres)")
        params["congres"] = filters["congres"]
    source = f"{table}_fts JOIN {table} x ON x.rowid = {table}_fts.rowid" if fts else f"{table} x"
    joins = f"{source} JOIN conversations c ON c.id = x.conversation_id" + (
        " LEFT JOIN participants p ON p.id = x.participant_id" if is_turn else ""
    )
    return joins, " AND ".join(where) or "1", params


def _count(conn, table: str, fts: str | None, filters: dict) -> tuple[int | None, bool]:
    """How many rows match the filters (and the word, if any), and whether that is exact:
    counting stops at COUNT_CAP, or gives up (None) after COUNT_TIME_LIMIT_MS, as Datasette's
    own table counts do. A word alone is counted by :func:`_newest_matches`."""
    joins, condition, params = _from_where(table, fts, filters)
    if not fts and [name for name, value in filters.items() if value] == ["thema"]:
        # A theme alone: its link rows are the matches, counted from the theme index.
        joins, condition = f"{LINKS[table][0]} x", "x.theme_id = :thema"
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {joins} WHERE {condition} LIMIT {COUNT_CAP + 1})"
    try:
        with sqlite_timelimit(conn, COUNT_TIME_LIMIT_MS):
            found = conn.execute(sql, params).fetchone()[0]
    except sqlite3.OperationalError:  # interrupted at the time limit
        return None, False
    return min(found, COUNT_CAP), found <= COUNT_CAP


def _columns(table: str) -> str:
    is_turn = table == "turns"
    link, key = LINKS[table]
    themes = f"(SELECT json_group_array(theme_id) FROM {link} WHERE {key} = x.id)" if is_turn else "x.themes"
    return (
        f"x.id, {'x.id' if is_turn else 'x.turn_id'} AS turn_id, x.conversation_id, x.speaker, "
        f"{'p' if is_turn else 'x'}.organisation AS organisation, x.text, {themes} AS themes, x.start, x.end, "
        f"c.title AS gesprek, c.conference AS congres, c.date AS datum"
    )


def _rows_sql(table: str, fts: str | None, filters: dict, ranked: bool) -> tuple[str, dict]:
    """The best rows of one kind: by relevance (bm25) or, with too many matches to rank, newest first."""
    joins, condition, params = _from_where(table, fts, filters)
    if ranked:
        order = f"{table}_fts.rank" if fts else "c.date DESC, c.title, x.start"
    else:
        order = f"{table}_fts.rowid DESC" if fts else "x.rowid DESC"
    return f"SELECT {_columns(table)} FROM {joins} WHERE {condition} ORDER BY {order} LIMIT :limit", params


def _rows_by_rowid_sql(table: str) -> str:
    """The rows of one kind whose rowids are in the JSON list :ids, newest first."""
    joins, _, _ = _from_where(table, None, {})
    return (
        f"SELECT {_columns(table)} FROM {joins} WHERE x.rowid IN (SELECT value FROM json_each(:ids)) "
        "ORDER BY x.rowid DESC"
    )


def _newest_matches(conn, table: str, fts: str) -> list[int]:
    """The rowids matching a word alone, newest first, at most WORD_COUNT_CAP + 1: one pass over
    the full-text index gives the count, the rows shown when there are too many to rank, and
    the facets' sample (a prefix query costs the same however few rows it returns)."""
    sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :q ORDER BY rowid DESC LIMIT {WORD_COUNT_CAP + 1}"
    return [row[0] for row in conn.execute(sql, {"q": fts})]


def _facets(
    conn, fts: str | None, filters: dict, theme_labels: dict, turn_rowids: list[int] | None = None
) -> tuple[dict, int]:
    """Counts per theme, speaker, organisation and conference over the matching turns (everything
    said, quotes and action points included): over all of them, or the newest FACET_SAMPLE."""
    joins, condition, params = _from_where("turns", fts, filters)
    if turn_rowids is not None:  # a word alone: its newest matches are known already
        condition, params = (
            "x.rowid IN (SELECT value FROM json_each(:ids))",
            {"ids": json.dumps(turn_rowids[:FACET_SAMPLE])},
        )
        joins, _, _ = _from_where("turns", None, {})
    order = "turns_fts.rowid DESC" if fts and turn_rowids is None else "x.rowid DESC"
    try:
        with sqlite_timelimit(conn, FACET_TIME_LIMIT_MS):
            rows = conn.execute(
                f"SELECT x.id, x.speaker, p.organisation, c.conference FROM {joins} "
                f"WHERE {condition} ORDER BY {order} LIMIT {FACET_SAMPLE}",
                params,
            ).fetchall()
    except sqlite3.OperationalError:  # interrupted: facets help, but never hold up the results
        return {}, 0
    counters = {name: Counter() for name in FILTERS}
    for row in rows:
        for name, value in (("spreker", row[1]), ("organisatie", row[2]), ("congres", row[3])):
            if value:
                counters[name][value] += 1
    themes = conn.execute(
        "SELECT theme_id, count(*) FROM turn_themes WHERE turn_id IN (SELECT value FROM json_each(:ids)) "
        "GROUP BY theme_id",
        {"ids": json.dumps([row[0] for row in rows])},
    ).fetchall()
    counters["thema"].update({theme: n for theme, n in themes})
    facets = {}
    for name, counter in counters.items():
        top = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        labels = theme_labels if name == "thema" else {}
        facets[name] = [{"value": value, "label": labels.get(value, value), "count": n} for value, n in top]
    return facets, len(rows)


async def search(db, text: str, filters: dict, only: str | None = None) -> dict:
    """Search the database: per kind its match count and best rows, and the facets. All queries
    run in one call on one connection (one thread hop, not ten)."""
    return await db.execute_fn(lambda conn: _search(conn, text, filters, only))


def _search(conn, text: str, filters: dict, only: str | None) -> dict:
    fts = fts_query(text)
    result = {"q": text, "filters": filters, "kinds": [], "facets": {}, "facet_rows": 0}
    if not fts and not any(filters.values()):
        return result
    word_alone = bool(fts) and not any(filters.values())
    theme_labels = dict(conn.execute("SELECT id, label FROM themes").fetchall())
    turn_rowids = None
    for word, table, heading in KINDS:
        if only and word != only:
            continue
        limit = MAX_ROWS if only else PER_KIND
        if word_alone:
            rowids = _newest_matches(conn, table, fts)
            if table == "turns":
                turn_rowids = rowids
            total, exact = min(len(rowids), WORD_COUNT_CAP), len(rowids) <= WORD_COUNT_CAP
        else:
            total, exact = _count(conn, table, fts, filters)
        ranked = exact and total is not None and total <= RANK_LIMIT
        if word_alone and not ranked:
            rows = conn.execute(_rows_by_rowid_sql(table), {"ids": json.dumps(rowids[:limit])}).fetchall()
        else:
            sql, params = _rows_sql(table, fts, filters, ranked)
            rows = conn.execute(sql, {**params, "limit": limit}).fetchall()
        result["kinds"].append(
            {
                "kind": word,
                "heading": heading,
                "table": table,
                "count": total,
                "exact": exact,
                "order": "relevance" if ranked and fts else "newest" if not ranked else "date",
                "rows": [_row(r, theme_labels, text) for r in rows],
            }
        )
    if word_alone and turn_rowids is None:
        turn_rowids = _newest_matches(conn, "turns", fts)
    result["facets"], result["facet_rows"] = _facets(conn, fts, filters, theme_labels, turn_rowids)
    return result


def _row(row, theme_labels: dict, typed: str) -> dict:
    try:
        theme_ids = [str(t) for t in json.loads(row["themes"] or "[]")]
    except (TypeError, ValueError):
        theme_ids = []
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
        return Response.text("Je hebt geen toegang tot deze kennisbank.", status=403)
    text = _typed(request, "q")
    filters = _filters(request)
    only = request.args.get("soort") if request.args.get("soort") in {k[0] for k in KINDS} else None
    result = await search(db, text, filters, only)
    result["q_shortened"] = len((request.args.get("q") or "").strip()) > MAX_QUERY
    for kind in result["kinds"]:
        for row in kind["rows"]:
            row["audio"] = clip_url(datasette, row["conversation_id"], row["start"], row["end"])
            row["conversation_url"] = conversation_url(datasette, row["conversation_id"])
    if request.url_vars.get("format") == "json":
        for kind in result["kinds"]:
            for row in kind["rows"]:
                row["fragment"] = row["fragment"].replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        return Response.json(result, headers={"cache-control": "no-store"})

    def link(name: str | None = None, value: str = "", **changes) -> str:
        """This search's URL with one filter (``name``) or other arguments changed."""
        args = {"q": text, **filters, **({"soort": only} if only else {})}
        args.update(changes)
        if name:
            args[name] = value
        return "?" + urlencode({k: v for k, v in args.items() if v})

    for kind in result["kinds"]:
        for row in kind["rows"]:
            row["fragment_html"] = highlighted(row["fragment"])
            row["clock"] = f"{clock(row['start'])}–{clock(row['end'])}"
    return Response.html(
        await datasette.render_template(
            "gesprekken_zoeken.html",
            {
                "q": text,
                "max_query": MAX_QUERY,
                "filters": filters,
                "filter_names": FILTERS,
                "facet_sample": FACET_SAMPLE,
                "active": [(name, value) for name, value in filters.items() if value],
                "result": result,
                "only": only,
                "link": link,
                "database": db.name,
                "searched": bool(fts_query(text) or any(filters.values())),
                "search_url": page_url(datasette, "zoeken"),
                "json_url": page_url(datasette, "zoeken.json") + link(),
            },
            request=request,
        )
    )


async def conversation_page(request, datasette):
    db = await readable_database(datasette, request.actor)
    if db is None:
        return Response.text("Je hebt geen toegang tot deze kennisbank.", status=403)
    conversation_id = request.url_vars["conversation_id"]
    found = (await db.execute("SELECT * FROM conversations WHERE id = ?", [conversation_id])).rows
    if not found:
        return await not_found(datasette, request, "Geen gesprek met dit id.")
    conversation = dict(found[0])
    participants = [
        dict(r)
        for r in (
            await db.execute(
                "SELECT name, role, organisation FROM participants WHERE conversation_id = ? ORDER BY rowid",
                [conversation_id],
            )
        ).rows
    ]
    turns = (
        await db.execute(
            "SELECT id, seq, speaker, start, end, text FROM turns WHERE conversation_id = ? ORDER BY seq",
            [conversation_id],
        )
    ).rows
    # The conversation's own themes, ranked by the analysis (not every theme a turn touched).
    themes = (
        await db.execute(
            "SELECT th.id, th.label FROM conversation_themes ct JOIN themes th ON th.id = ct.theme "
            "WHERE ct.conversation_id = ? ORDER BY ct.rank",
            [conversation_id],
        )
    ).rows
    candidates = (
        await db.execute(
            "SELECT text, speaker, start, end FROM quotes WHERE conversation_id = ? AND candidate IS NOT NULL "
            "ORDER BY candidate",
            [conversation_id],
        )
    ).rows
    action_points = (
        await db.execute(
            "SELECT text, who, speaker, start, end FROM action_points WHERE conversation_id = ? ORDER BY start",
            [conversation_id],
        )
    ).rows
    known = {p["name"] for p in participants}
    seen: set[str] = set()
    dialogue = []
    for turn in turns:
        speaker = turn["speaker"] or ""
        shown = surname(speaker) if speaker in seen and speaker in known else speaker
        seen.add(speaker)
        dialogue.append(
            {
                "id": turn["id"],
                "seq": turn["seq"],
                "speaker": shown,
                "full_name": speaker,
                "audio": clip_url(datasette, conversation_id, turn["start"], turn["end"]),
                "text": turn["text"],
                "start": turn["start"],
                "end": turn["end"],
                "clock": clock(turn["start"]),
            }
        )
    # The editors' desk (plugins/gesprekken_desk.py) for whoever may use it.
    may_edit = await datasette.permission_allowed(request.actor, "gesprekken-redactie", default=False)
    return Response.html(
        await datasette.render_template(
            "gesprekken_gesprek.html",
            {
                "desk_url": datasette.urls.path(f"/-/gesprekken/redactie/{conversation_id}") if may_edit else None,
                "conversation": conversation,
                "participants": participants,
                "dialogue": dialogue,
                "themes": [dict(t) for t in themes],
                "action_points": [dict(a) for a in action_points],
                "candidates": [dict(c) for c in candidates],
                "audio_url": recording_url(datasette, conversation_id),
                "search_url": page_url(datasette, "zoeken"),
                "database": db.name,
                "clock": clock,
            },
            request=request,
        )
    )


@hookimpl
def register_routes():
    return [
        (r"^/-/gesprekken/zoeken(\.(?P<format>json))?$", search_page),
        (r"^/-/gesprekken/gesprek/(?P<conversation_id>[^/]+)$", conversation_page),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": page_url(datasette, "zoeken"), "label": "Zoek in alle gesprekken"}]


@hookimpl
def render_cell(value, column, table, row, datasette):
    """A conversation's title links to its article page."""
    if table != "conversations" or column != "title" or not isinstance(value, str):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if "id" not in keys:
        return None
    return Markup(f'<a href="{escape(conversation_url(datasette, row["id"]))}">{escape(value)}</a>')
