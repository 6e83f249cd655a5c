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
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import NotFound, Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup, escape

from gesprekken.names import surname
from gesprekken.serve import readable_database

TEMPLATES = Path(__file__).parent / "templates"
#: Search result kinds: URL word, table, full-text table, heading.
KINDS = [
    ("citaten", "quotes", "quotes_fts", "Citaten"),
    ("beurten", "turns", "turns_fts", "Beurten"),
    ("actiepunten", "action_points", "action_points_fts", "Actiepunten"),
]
FILTERS = {"thema": "Thema", "spreker": "Spreker", "organisatie": "Organisatie", "congres": "Congres"}
PER_KIND = 20  # rows per kind on the overview; one kind alone (?soort=) shows up to MAX_ROWS
MAX_ROWS = 200
FACET_TIME_LIMIT_MS = 300  # facets are a help, not a must: a slow one is left out, the results stay
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 query for what a visitor typed: every word must occur, as a word or a word's start.

    Operators and quotes are not passed on (a visitor's ``"`` or ``NEAR(`` is just text).
    """
    words = WORD.findall(text or "")
    if not words:
        return None
    return " ".join(f'"{w}"*' if len(w) >= 4 else f'"{w}"' for w in words)


def clock(seconds: float | None) -> str:
    seconds = float(seconds or 0)
    minutes, rest = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes:02d}:{rest:02d}"


def highlighted(snippet: str) -> Markup:
    """FTS5's snippet (with control-character marks) as escaped HTML with <mark>."""
    return Markup(str(escape(snippet)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _query(kind_table: str, fts: str | None, filters: dict, mode: str = "rows") -> tuple[str, dict]:
    """The SQL for one result kind: matches of ``fts`` with the filters, or the filters alone.

    ``mode`` is ``rows`` (the best rows, with a highlighted fragment), ``count`` or ``facet``
    (the columns the facets count, every match).
    """
    is_turn = kind_table == "turns"
    organisation = "p.organisation" if is_turn else "x.organisation"
    link, key = {"turns": ("turn_themes", "turn_id"), "quotes": ("quote_themes", "quote_id"),
                 "action_points": ("action_point_themes", "action_point_id")}[kind_table]
    where, params = [], {}
    if fts:
        where.append(f"{kind_table}_fts MATCH :q")
        params["q"] = fts
    if filters.get("thema"):
        where.append(f"x.id IN (SELECT {key} FROM {link} WHERE theme_id = :thema)")
        params["thema"] = filters["thema"]
    if filters.get("spreker"):
        where.append("x.speaker = :spreker")
        params["spreker"] = filters["spreker"]
    if filters.get("organisatie"):
        where.append(f"{organisation} = :organisatie")
        params["organisatie"] = filters["organisatie"]
    if filters.get("congres"):
        where.append("c.conference = :congres")
        params["congres"] = filters["congres"]
    source = (f"{kind_table}_fts JOIN {kind_table} x ON x.rowid = {kind_table}_fts.rowid" if fts
              else f"{kind_table} x")
    joins = (f"{source} JOIN conversations c ON c.id = x.conversation_id"
             + (" LEFT JOIN participants p ON p.id = x.participant_id" if is_turn else ""))
    condition = " AND ".join(where) or "1"
    if mode == "count":
        return f"SELECT count(*) FROM {joins} WHERE {condition}", params
    if mode == "facet":
        return (f"SELECT x.id, x.speaker, {organisation} AS organisation, c.conference AS congres "
                f"FROM {joins} WHERE {condition}", params)
    themes = (f"(SELECT json_group_array(theme_id) FROM {link} WHERE {key} = x.id)" if is_turn else "x.themes")
    fragment = (f"snippet({kind_table}_fts, 0, char(2), char(3), '…', 48)" if fts else "x.text")
    order = f"{kind_table}_fts.rank" if fts else "c.date DESC, c.title, x.start"
    turn = "x.id" if is_turn else "x.turn_id"
    return (f"SELECT x.id, {turn} AS turn_id, x.conversation_id, x.speaker, {organisation} AS organisation, x.text, "
            f"{themes} AS themes, x.start, x.end, c.title AS gesprek, c.conference AS congres, c.date AS datum, "
            f"{fragment} AS fragment FROM {joins} WHERE {condition} ORDER BY {order} LIMIT :limit", params)


FACET_SQL = {  # counted over the turns: everything said, quotes and action points included
    "thema": ("SELECT tt.theme_id AS value, th.label AS label, count(*) AS n FROM ({rows}) r "
              "JOIN turn_themes tt ON tt.turn_id = r.id JOIN themes th ON th.id = tt.theme_id "
              "GROUP BY tt.theme_id ORDER BY n DESC, label LIMIT 15"),
    "spreker": "SELECT speaker AS value, speaker AS label, count(*) AS n FROM ({rows}) r "
               "WHERE speaker != '' GROUP BY speaker ORDER BY n DESC, label LIMIT 15",
    "organisatie": "SELECT organisation AS value, organisation AS label, count(*) AS n FROM ({rows}) r "
                   "WHERE organisation != '' GROUP BY organisation ORDER BY n DESC, label LIMIT 15",
    "congres": "SELECT congres AS value, congres AS label, count(*) AS n FROM ({rows}) r "
               "WHERE congres != '' GROUP BY congres ORDER BY n DESC, label LIMIT 15",
}


async def search(db, text: str, filters: dict, only: str | None = None) -> dict:
    """Search the database: per kind its match count and best rows, and the facets."""
    fts = fts_query(text)
    result = {"q": text, "filters": filters, "kinds": [], "facets": {}}
    if not fts and not any(filters.values()):
        return result
    theme_labels = {r["id"]: r["label"] for r in (await db.execute("SELECT id, label FROM themes")).rows}
    for word, table, _, heading in KINDS:
        if only and word != only:
            continue
        limit = MAX_ROWS if only else PER_KIND
        sql, params = _query(table, fts, filters)
        rows = (await db.execute(sql, {**params, "limit": limit})).rows
        count_sql, count_params = _query(table, fts, filters, mode="count")
        total = (await db.execute(count_sql, count_params)).rows[0][0]
        result["kinds"].append({
            "kind": word, "heading": heading, "table": table, "count": total,
            "rows": [_row(r, theme_labels) for r in rows],
        })
    rows_sql, params = _query("turns", fts, filters, mode="facet")
    for name, sql in FACET_SQL.items():
        try:
            found = (await db.execute(sql.format(rows=rows_sql), params,
                                      custom_time_limit=FACET_TIME_LIMIT_MS)).rows
        except QueryInterrupted:
            continue
        result["facets"][name] = [{"value": r["value"], "label": r["label"], "count": r["n"]} for r in found]
    return result


def _row(row, theme_labels: dict) -> dict:
    try:
        theme_ids = [str(t) for t in json.loads(row["themes"] or "[]")]
    except (TypeError, ValueError):
        theme_ids = []
    return {
        "id": row["id"], "turn_id": row["turn_id"], "conversation_id": row["conversation_id"], "speaker": row["speaker"] or "",
        "organisation": row["organisation"] or "", "text": row["text"], "fragment": row["fragment"] or "",
        "themes": [{"id": t, "label": theme_labels.get(t, t)} for t in theme_ids],
        "start": row["start"], "end": row["end"], "conversation": row["gesprek"] or "",
        "conference": row["congres"] or "", "date": row["datum"] or "",
    }


def _filters(request) -> dict:
    return {name: (request.args.get(name) or "").strip() for name in FILTERS}


async def search_page(request, datasette):
    db = await readable_database(datasette, request.actor)
    if db is None:
        return Response.text("Je hebt geen toegang tot deze kennisbank.", status=403)
    text = (request.args.get("q") or "").strip()
    filters = _filters(request)
    only = request.args.get("soort") if request.args.get("soort") in {k[0] for k in KINDS} else None
    result = await search(db, text, filters, only)
    if request.url_vars.get("format") == "json":
        for kind in result["kinds"]:
            for row in kind["rows"]:
                row["fragment"] = row["fragment"].replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
                row["audio"] = f"/-/gesprekken/audio/{row['conversation_id']}#t={row['start']:.2f},{row['end']:.2f}"
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
    return Response.html(await datasette.render_template("gesprekken_zoeken.html", {
        "q": text, "filters": filters, "filter_names": FILTERS,
        "active": [(name, value) for name, value in filters.items() if value], "result": result, "only": only,
        "link": link, "database": db.name, "searched": bool(fts_query(text) or any(filters.values())),
        "json_url": "/-/gesprekken/zoeken.json" + link(),
    }, request=request))


async def conversation_page(request, datasette):
    db = await readable_database(datasette, request.actor)
    if db is None:
        return Response.text("Je hebt geen toegang tot deze kennisbank.", status=403)
    conversation_id = request.url_vars["conversation_id"]
    found = (await db.execute("SELECT * FROM conversations WHERE id = ?", [conversation_id])).rows
    if not found:
        raise NotFound("Geen gesprek met dit id.")
    conversation = dict(found[0])
    participants = [dict(r) for r in (await db.execute(
        "SELECT name, role, organisation FROM participants WHERE conversation_id = ? ORDER BY rowid",
        [conversation_id])).rows]
    turns = (await db.execute(
        "SELECT id, seq, speaker, start, end, text FROM turns WHERE conversation_id = ? ORDER BY seq",
        [conversation_id])).rows
    themes = (await db.execute(
        "SELECT th.id, th.label, count(*) AS n FROM turn_themes tt JOIN turns t ON t.id = tt.turn_id "
        "JOIN themes th ON th.id = tt.theme_id WHERE t.conversation_id = ? GROUP BY th.id ORDER BY n DESC, th.label",
        [conversation_id])).rows
    action_points = (await db.execute(
        "SELECT text, who, speaker, start, end FROM action_points WHERE conversation_id = ? ORDER BY start",
        [conversation_id])).rows
    known = {p["name"] for p in participants}
    seen: set[str] = set()
    dialogue = []
    for turn in turns:
        speaker = turn["speaker"] or ""
        shown = surname(speaker) if speaker in seen and speaker in known else speaker
        seen.add(speaker)
        dialogue.append({"id": turn["id"], "seq": turn["seq"], "speaker": shown, "full_name": speaker,
                         "text": turn["text"], "start": turn["start"], "end": turn["end"],
                         "clock": clock(turn["start"])})
    return Response.html(await datasette.render_template("gesprekken_gesprek.html", {
        "conversation": conversation, "participants": participants, "dialogue": dialogue,
        "themes": [dict(t) for t in themes], "action_points": [dict(a) for a in action_points],
        "audio_url": f"/-/gesprekken/audio/{conversation_id}", "database": db.name,
        "clock": clock,
    }, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/-/gesprekken/zoeken(\.(?P<format>json))?$", search_page),
        (r"^/-/gesprekken/gesprek/(?P<conversation_id>[^/]+)$", conversation_page),
    ]


@hookimpl
def prepare_jinja2_environment(env):
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])


@hookimpl
def menu_links():
    return [{"href": "/-/gesprekken/zoeken", "label": "Zoek in alle gesprekken"}]


@hookimpl
def render_cell(value, column, table, row):
    """A conversation's title links to its article page."""
    if table != "conversations" or column != "title" or not isinstance(value, str):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if "id" not in keys:
        return None
    return Markup(f'<a href="/-/gesprekken/gesprek/{escape(row["id"])}">{escape(value)}</a>')
