"""Hear what was said: an audio route for recordings, and a player on every quote, turn and action point.

`/-/gesprekken/audio/<conversation id>` serves that conversation's recording, with HTTP Range
requests so a browser can seek. The file is looked up by conversation id in the database, never
taken from the URL, and it must lie inside the configured recordings folder: nothing else on the
machine can be served. A cell of ``text`` in quotes, turns and action points renders with an
``<audio>`` element whose media fragment (``#t=start,end``) plays exactly that clip.

Configured by `gesprekken serve` through the metadata::

    plugins:
      gesprekken_audio:
        recordings: /path/to/recordings      # only files inside this folder are served
        transcripts: /path/to/transcripts    # recording paths in the database are relative to it
"""

import mimetypes
import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

PLAYABLE = {"quotes", "turns", "action_points"}
RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


def _config(datasette) -> dict:
    return datasette.plugin_config("gesprekken_audio") or {}


def _recording_path(datasette, stored: str) -> Path | None:
    """The recording file for a database value, if it lies inside the recordings folder."""
    config = _config(datasette)
    if not stored or not config.get("recordings"):
        return None
    root = Path(config["recordings"]).resolve()
    base = Path(config.get("transcripts") or root)
    path = (base / stored).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


async def audio(request, datasette):
    conversation_id = request.url_vars["conversation_id"]
    database = next(iter(datasette.databases.values()))
    for name, db in datasette.databases.items():
        if name != "_internal":
            database = db
            break
    rows = (await database.execute(
        "SELECT recording FROM conversations WHERE id = ?", [conversation_id])).rows
    if not rows:
        return Response.text("Geen gesprek met dit id.", status=404)
    path = _recording_path(datasette, rows[0]["recording"])
    if path is None:
        return Response.text("Deze opname wordt niet gedeeld.", status=403)
    size = path.stat().st_size
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"accept-ranges": "bytes", "cache-control": "max-age=3600"}
    match = RANGE.match(request.headers.get("range", ""))
    if not match:
        return Response(path.read_bytes(), status=200, headers=headers, content_type=content_type)
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    if start >= size or start > end:
        return Response("", status=416, headers={**headers, "content-range": f"bytes */{size}"},
                        content_type=content_type)
    with open(path, "rb") as handle:
        handle.seek(start)
        body = handle.read(end - start + 1)
    headers["content-range"] = f"bytes {start}-{end}/{size}"
    return Response(body, status=206, headers=headers, content_type=content_type)


@hookimpl
def register_routes():
    return [(r"^/-/gesprekken/audio/(?P<conversation_id>[^/]+)$", audio)]


@hookimpl
def render_cell(row, value, column, table, datasette):
    if table not in PLAYABLE or column != "text" or not isinstance(value, str):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if not {"conversation_id", "start", "end"} <= set(keys) or row["start"] is None:
        return None
    if not _config(datasette).get("recordings"):
        return None
    conversation = row["conversation_id"]
    if isinstance(conversation, dict):  # a foreign key Datasette expanded to {"value", "label"}
        conversation = conversation["value"]
    src = f"/-/gesprekken/audio/{conversation}#t={float(row['start']):.2f},{float(row['end']):.2f}"
    return Markup(
        f'<div class="gesprekken-quote">{escape(value)}<br>'
        f'<audio controls preload="none" src="{escape(src)}"></audio></div>'
    )
