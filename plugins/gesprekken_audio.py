"""Hear what was said: an audio route for recordings, and a player on every quote, turn and action point.

`/-/gesprekken/audio/<conversation id>` serves that conversation's recording, with HTTP Range
requests so a browser can seek. The file is looked up by conversation id in the database, never
taken from the URL; it must lie inside the recordings folder, have an audio or video name and
open in PyAV with an audio stream: nothing else on the machine can be served (not even the
database, whatever a transcript names as its recording). Anything else is a 404.

A cell of ``text`` in quotes, turns and action points renders with an ``<audio>`` element whose
media fragment (``#t=start,end``) plays exactly that clip, where the audio route serves the
conversation's recording (else the text alone: a player there would be a 404), and a caption: the
speaker, their organisation and the themes of the clip.

Configured by `gesprekken serve` through the metadata::

    plugins:
      gesprekken:
        databases: [gesprekken, gesprekken-openbaar]  # read the first the visitor may see
        recordings: /path/to/recordings      # only files inside this folder are served
        transcripts: /path/to/transcripts    # recording paths in the database are relative to it

Relative folders are relative to the folder Datasette runs in (as in a `gesprekken publish` site).
Without configuration (``datasette serve gesprekken.db``) the folders are ``recordings/`` and
``transcripts/`` beside the database, where gesprekken writes them.
"""

import asyncio
import json
import re
from contextvars import ContextVar
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Response
from markupsafe import escape

from gesprekken.paths import as_linked
from gesprekken.serve import PLUGIN, clip_url, readable_database, recording_media_type

PLAYABLE = {"quotes", "turns", "action_points"}
MAX_PIECE = 4 * 1024 * 1024  # bytes a Range answer holds at most; the browser asks for the next piece
RANGE = re.compile(r"bytes=(\d*)-(\d*)$")
MAX_DIGITS = 18  # a byte position with more digits is past the end of any file (and int() of 5,000 digits fails)


def _folders(datasette, database) -> tuple[Path, Path] | None:
    """The recordings folder and the folder recording paths are relative to, for ``database``."""
    config = datasette.plugin_config(PLUGIN) or {}
    if config.get("recordings"):
        # Relative folders (a published folder's metadata.json) lie beside the database, wherever the
        # server was started: not in its working folder, which may be another workspace's.
        base = Path(database.path).resolve().parent if database is not None and database.path else Path.cwd()
        root = (base / config["recordings"]).resolve()
        return root, (base / (config.get("transcripts") or config["recordings"])).resolve()
    if database is None or not database.path:
        return None
    beside = Path(database.path).resolve().parent  # where `gesprekken ingest` puts them
    return beside / "recordings", beside / "transcripts"


def _recording(datasette, database, stored: str) -> tuple[Path, str] | None:
    """The recording file for a database value and its media type, if it lies inside the
    recordings folder and is a recording (see :func:`gesprekken.serve.recording_media_type`)."""
    folders = _folders(datasette, database)
    if not stored or folders is None:
        return None
    root, base = folders
    path = as_linked(base / stored)  # (a recording linked into the folder from another disk is played)
    if not path.is_relative_to(root) or not path.is_file():
        return None
    media_type = recording_media_type(path)
    return (path, media_type) if media_type else None


async def playable_conversations(datasette, database, recordings: dict[str, str | None]) -> set[str]:
    """Of the conversations in ``recordings`` (id: the recording its row in ``database`` names), those
    whose recording the audio route serves: a page shows a player only for them (a recording gone, or
    outside the recordings folder, would be a 404). Checked once per conversation however many of its
    rows a page shows, all in one thread (PyAV's verdict is cached per file)."""

    def check() -> set[str]:
        return {cid for cid, stored in recordings.items() if _recording(datasette, database, stored or "")}

    return await asyncio.to_thread(check) if recordings else set()


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a ``Range: bytes=…`` header asks for, within ``size``; None if it
    cannot be satisfied (``bytes=-``, a start past the end, however many digits it has)."""
    first, last = RANGE.match(header).groups()
    if not (first or last) or len(first) > MAX_DIGITS:
        return None
    endless = len(last) > MAX_DIGITS  # more bytes than any file holds: to the end
    if first == "":  # the last N bytes
        start, end = 0 if endless else max(0, size - int(last)), size - 1
    else:
        start, end = int(first), size - 1 if endless or not last else min(int(last), size - 1)
    end = min(end, start + MAX_PIECE - 1)  # "bytes=0-" of a long recording: a piece at a time
    return (start, end) if start < size and start <= end else None


async def audio(request, datasette):
    conversation_id = request.url_vars["conversation_id"]
    database = await readable_database(datasette, request.actor)
    if database is None:
        return Response.text("Deze opname wordt niet gedeeld.", status=403)
    rows = (await database.execute("SELECT recording FROM conversations WHERE id = ?", [conversation_id])).rows
    # PyAV opens the file once (then it is cached): in a thread, not on the event loop.
    found = await asyncio.to_thread(_recording, datasette, database, rows[0]["recording"]) if rows else None
    if found is None:
        return Response.text("Geen opname bij dit id.", status=404)
    path, content_type = found
    size = path.stat().st_size
    headers = {"accept-ranges": "bytes", "cache-control": "max-age=3600"}
    header = request.headers.get("range", "")
    if not RANGE.match(header):  # no Range, or one this route does not take (several ranges): all of it
        return AsgiFileDownload(path, headers=headers, content_type=content_type)
    wanted = _byte_range(header, size)
    if wanted is None:
        return Response(
            "", status=416, headers={**headers, "content-range": f"bytes */{size}"}, content_type=content_type
        )
    start, end = wanted
    with open(path, "rb") as handle:
        handle.seek(start)
        body = handle.read(end - start + 1)
    headers["content-range"] = f"bytes {start}-{end}/{size}"
    return Response(body, status=206, headers=headers, content_type=content_type)


@hookimpl
def register_routes():
    return [(r"^/-/gesprekken/audio/(?P<conversation_id>[^/]+)$", audio)]


# Captions, one query per page. render_cell is called once per cell and knows nothing of the page
# (nor of the request), so each playable cell notes its row in the page's list and renders late
# (a Caption); extra_template_vars, which Datasette awaits after every cell and before the template,
# fetches the captions of all noted rows in one query, and which of their conversations have a
# recording the audio route serves (one more query, one check per conversation): only those cells
# get a player. asgi_wrapper gives each request its own list.
_page: ContextVar[list | None] = ContextVar("gesprekken_captions", default=None)


def _value(value):
    return value["value"] if isinstance(value, dict) else value  # a foreign key Datasette expanded


def _theme_ids(row) -> list[str]:
    try:
        return [str(t) for t in json.loads(row["themes"] or "[]")]
    except (TypeError, ValueError):
        return []


class Caption:
    """A playable cell: the text and the player, with the caption and whether the recording is
    served (``playable``) filled in by :func:`_fetch`: no player until then."""

    def __init__(self, text: str, table: str, database: str, row, clip: str):
        keys = set(row.keys())
        self.text, self.table, self.database, self.clip = text, table, database, clip
        self.conversation_id = _value(row["conversation_id"])
        self.playable = False
        self.id = _value(row["id"]) if "id" in keys else None
        self.speaker = (row["speaker"] if "speaker" in keys else "") or ""
        self.organisation = (row["organisation"] if "organisation" in keys else "") or ""
        self.theme_ids = _theme_ids(row) if table != "turns" and "themes" in keys else []
        self.themes: list[str] = list(self.theme_ids)  # labels, once fetched

    def __html__(self) -> str:
        who = ", ".join(x for x in (self.speaker, self.organisation) if x)
        themes = "".join(f'<span class="gesprekken-thema">{escape(label)}</span> ' for label in self.themes)
        player = f'<audio controls preload="none" src="{escape(self.clip)}"></audio>' if self.playable else ""
        return (
            f'<div class="gesprekken-quote">{escape(self.text)}'
            + (f'<div class="gesprekken-wie">— {escape(who)}</div>' if who else "")
            + (f'<div class="gesprekken-themas">{themes}</div>' if themes else "")
            + f"{player}</div>"
        )

    __str__ = __html__


TURN_CAPTIONS = """
SELECT t.id, p.organisation,
  (SELECT json_group_array(label) FROM (
     SELECT coalesce(th.label, tt.theme_id) AS label FROM turn_themes tt LEFT JOIN themes th ON th.id = tt.theme_id
     WHERE tt.turn_id = t.id ORDER BY tt.rowid)) AS themes
FROM turns t LEFT JOIN participants p ON p.id = t.participant_id
WHERE t.id IN (SELECT value FROM json_each(:ids))
"""


async def _fetch(datasette, captions: list[Caption], readable) -> None:
    """Fill in the organisations and theme labels of a page's captions (one query per database), and
    which of them the audio route plays from ``readable`` (the database it serves the visitor)."""
    if readable is not None:
        ids = sorted({c.conversation_id for c in captions})
        recordings = dict(
            (
                await readable.execute(
                    "SELECT id, recording FROM conversations WHERE id IN (SELECT value FROM json_each(:ids))",
                    {"ids": json.dumps(ids)},
                )
            ).rows
        )
        playing = await playable_conversations(datasette, readable, recordings)
        for caption in captions:
            caption.playable = caption.conversation_id in playing
    for database in {c.database for c in captions}:
        mine = [c for c in captions if c.database == database]
        db = datasette.get_database(database)
        turns = [c for c in mine if c.table == "turns" and c.id is not None]
        if turns:
            found = {
                row["id"]: row
                for row in (await db.execute(TURN_CAPTIONS, {"ids": json.dumps([c.id for c in turns])})).rows
            }
            for caption in turns:
                if caption.id in found:
                    caption.organisation = found[caption.id]["organisation"] or ""
                    caption.themes = json.loads(found[caption.id]["themes"])
        theme_ids = sorted({t for c in mine for t in c.theme_ids})
        if theme_ids:
            labels = dict(
                (
                    await db.execute(
                        "SELECT id, label FROM themes WHERE id IN (SELECT value FROM json_each(:ids))",
                        {"ids": json.dumps(theme_ids)},
                    )
                ).rows
            )
            for caption in mine:
                caption.themes = [labels.get(t, t) for t in caption.theme_ids] or caption.themes


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table not in PLAYABLE or column != "text" or not isinstance(value, str):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if not {"conversation_id", "start", "end"} <= set(keys) or row["start"] is None:
        return None
    clip = clip_url(datasette, _value(row["conversation_id"]), row["start"], row["end"])
    caption = Caption(value, table, database, row, clip)
    page = _page.get()
    if page is not None:
        page.append(caption)
    return caption


@hookimpl
def extra_template_vars(datasette, request):
    async def fetch_captions():
        page = _page.get()
        if page:
            # The clips play from the database the audio route serves this visitor.
            readable = await readable_database(datasette, request.actor if request is not None else None)
            await _fetch(datasette, page, readable)
            page.clear()
        return {}

    return fetch_captions


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def one_page_of_captions(scope, receive, send):
            token = _page.set([])
            try:
                await app(scope, receive, send)
            finally:
                _page.reset(token)

        return one_page_of_captions

    return wrap
