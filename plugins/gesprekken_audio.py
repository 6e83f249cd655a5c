"""Hear what was said: an audio route for recordings, and a player on every quote, turn and action point.

`/-/gesprekken/audio/<conversation id>` serves that conversation's recording, with HTTP Range
requests so a browser can seek. The file is looked up by conversation id in the database, never
taken from the URL, and it must lie inside the configured recordings folder: nothing else on the
machine can be served. A cell of ``text`` in quotes, turns and action points renders with an
``<audio>`` element whose media fragment (``#t=start,end``) plays exactly that clip.

The player's caption names the speaker, their organisation and the themes of the clip.

Configured by `gesprekken serve` through the metadata::

    plugins:
      gesprekken:
        databases: [gesprekken, gesprekken-openbaar]  # read the first the visitor may see
        recordings: /path/to/recordings      # only files inside this folder are served
        transcripts: /path/to/transcripts    # recording paths in the database are relative to it

Relative folders are relative to the folder Datasette runs in (as in a `gesprekken publish` site).
"""

import json
import mimetypes
import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Response
from markupsafe import Markup, escape

from gesprekken.serve import PLUGIN, clip_url, readable_database

PLAYABLE = {"quotes", "turns", "action_points"}
MAX_PIECE = 4 * 1024 * 1024  # bytes a Range answer holds at most; the browser asks for the next piece
RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


def _config(datasette) -> dict:
    return datasette.plugin_config(PLUGIN) or {}


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
    database = await readable_database(datasette, request.actor)
    if database is None:
        return Response.text("Deze opname wordt niet gedeeld.", status=403)
    rows = (await database.execute("SELECT recording FROM conversations WHERE id = ?", [conversation_id])).rows
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
        return AsgiFileDownload(path, headers=headers, content_type=content_type)
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    end = min(end, start + MAX_PIECE - 1)  # "bytes=0-" of a long recording: a piece at a time
    if start >= size or start > end:
        return Response(
            "", status=416, headers={**headers, "content-range": f"bytes */{size}"}, content_type=content_type
        )
    with open(path, "rb") as handle:
        handle.seek(start)
        body = handle.read(end - start + 1)
    headers["content-range"] = f"bytes {start}-{end}/{size}"
    return Response(body, status=206, headers=headers, content_type=content_type)


@hookimpl
def register_routes():
    return [(r"^/-/gesprekken/audio/(?P<conversation_id>[^/]+)$", audio)]


def _value(value):
    return value["value"] if isinstance(value, dict) else value  # a foreign key Datasette expanded


async def caption(db, table: str, row) -> dict:
    """Who said it (speaker, organisation) and the theme labels of a quote, turn or action point."""
    keys = set(row.keys())
    speaker = row["speaker"] if "speaker" in keys else ""
    organisation = row["organisation"] if "organisation" in keys else ""
    if table == "turns":
        found = (
            (
                await db.execute("SELECT organisation FROM participants WHERE id = ?", [_value(row["participant_id"])])
            ).rows
            if "participant_id" in keys
            else []
        )
        organisation = found[0]["organisation"] if found else ""
        theme_ids = [
            r["theme_id"]
            for r in (await db.execute("SELECT theme_id FROM turn_themes WHERE turn_id = ?", [_value(row["id"])])).rows
        ]
    else:
        try:
            theme_ids = [str(t) for t in json.loads(row["themes"] or "[]")] if "themes" in keys else []
        except (TypeError, ValueError):
            theme_ids = []
    labels = {}
    if theme_ids:
        marks = ", ".join("?" for _ in theme_ids)
        labels = {
            r["id"]: r["label"]
            for r in (await db.execute(f"SELECT id, label FROM themes WHERE id IN ({marks})", theme_ids)).rows
        }
    return {
        "speaker": speaker or "",
        "organisation": organisation or "",
        "themes": [(t, labels.get(t, t)) for t in theme_ids],
    }


def player(conversation_id: str, start: float, end: float) -> Markup:
    return Markup(f'<audio controls preload="none" src="{escape(clip_url(conversation_id, start, end))}"></audio>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table not in PLAYABLE or column != "text" or not isinstance(value, str):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if not {"conversation_id", "start", "end"} <= set(keys) or row["start"] is None:
        return None

    async def render():
        about = await caption(datasette.get_database(database), table, row)
        who = ", ".join(x for x in (about["speaker"], about["organisation"]) if x)
        themes = "".join(f'<span class="gesprekken-thema">{escape(label)}</span> ' for _, label in about["themes"])
        audio = (
            player(_value(row["conversation_id"]), row["start"], row["end"])
            if _config(datasette).get("recordings")
            else ""
        )
        return Markup(
            f'<div class="gesprekken-quote">{escape(value)}'
            + (f'<div class="gesprekken-wie">— {escape(who)}</div>' if who else "")
            + (f'<div class="gesprekken-themas">{themes}</div>' if themes else "")
            + f"{audio}</div>"
        )

    return render
