"""The editors' desk: ``/-/gesprekken/redactie/<conversation id>``, and the JSON API it is a thin client of.

Only for whoever holds the permission ``gesprekken-redactie``: the actor that matches the
allow block ``redactie`` of the plugin configuration (default ``{"id": "editor"}``, the editor
who logs in at ``/-/login``). Anyone else gets 403 on the page and on every call. Every
change is a POST with a JSON body and the header ``X-Gesprekken: 1``, which a form on another
site cannot send (and a script on another site may not, without CORS): that is the CSRF
protection, and Datasette's own CSRF token is not needed for these calls.

The work is done by :class:`gesprekken.desk.Desk`, in one thread: saves are serialised, and
SQLite and spaCy stay off Datasette's event loop. See README, "The editors' desk", for the API.
"""

import asyncio
import json
import os
import re
import sqlite3
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlparse

from datasette import hookimpl
from datasette.utils import actor_matches_allow
from datasette.utils.asgi import Response

from gesprekken import Workspace
from gesprekken.desk import DOWNLOADS, Desk, DeskError, NeedsConfirmation, PublicNotUpdated, StaleTranscript
from gesprekken.desk import _composed as composed
from gesprekken.errors import GesprekkenError, TranscriptError
from gesprekken.serve import EDITOR, PLUGIN, readable_database

from . import error_response
from .gesprekken_audio import playable_conversations

PERMISSION = "gesprekken-redactie"
HEADER = "x-gesprekken"
MAX_BODY = 64 * 1024
STATIC = Path(__file__).parent / "static"
ROOT = "/-/gesprekken/redactie"
#: The download's header with what consent left out of the file (a JSON list of Dutch sentences).
LEFT_OUT = "x-gesprekken-weggelaten"
CONCEPT_HEADER = "x-gesprekken-concept"  # a concept's note (JSON, as LEFT_OUT), where the file holds what is not public
NO_STORE = {"cache-control": "no-store", "x-content-type-options": "nosniff"}

#: The API: POST <desk>/<action> with a JSON body; each takes "version" and these fields.
ACTIONS = {
    "tekst": lambda desk, v, b: desk.edit_text(v, b.get("turn"), b.get("text"), b.get("start"), b.get("was")),
    "vervangen": lambda desk, v, b: desk.replace_words(v, b.get("find"), b.get("replacement", "")),
    "verplaats": lambda desk, v, b: desk.move_turn(
        v, b.get("turn"), b.get("speaker"), b.get("start"), b.get("zeker") is True
    ),
    "splits": lambda desk, v, b: desk.split_turn(
        v, b.get("turn"), b.get("word"), b.get("speaker"), b.get("start"), b.get("zeker") is True, b.get("woord")
    ),
    "samenvoegen": lambda desk, v, b: desk.merge_turn(
        v, b.get("turn"), b.get("start"), b.get("next_start"), b.get("zeker") is True
    ),
    "spreker": lambda desk, v, b: desk.name_speaker(
        v, _text(b.get("speaker")), b.get("name"), b.get("merge") is True, b.get("swap") is True, b.get("zeker") is True
    ),
    "kop": lambda desk, v, b: desk.set_headline(v, b.get("text", ""), b.get("was")),
    "citaat": lambda desk, v, b: desk.choose(v, "quote", b.get("text"), b.get("choice"), b.get("was")),
    "actiepunt": lambda desk, v, b: desk.choose(v, "action_point", b.get("text"), b.get("choice"), b.get("was")),
    "thema": lambda desk, v, b: desk.choose(v, "theme", b.get("theme"), b.get("choice"), b.get("was")),
    "inleiding": lambda desk, v, b: desk.set_intro(v, b.get("text", ""), b.get("was")),
    "titel": lambda desk, v, b: desk.set_title(v, b.get("text"), b.get("was")),
    "publicatie": lambda desk, v, b: desk.set_status(
        v, _text(b.get("status")), b.get("participant") or None, b.get("zeker") is True, b.get("van")
    ),
    "deelnemer": lambda desk, v, b: desk.edit_participant(
        v,
        _text(b.get("participant")),
        b.get("name"),
        b.get("role"),
        b.get("organisation"),
        b.get("was"),
        b.get("zeker") is True,
    ),
    "toevoegen": lambda desk, v, b: desk.add_participant(
        v, b.get("name"), b.get("role", ""), b.get("organisation", ""), _text(b.get("status")), b.get("zeker") is True
    ),
    "weghalen": lambda desk, v, b: desk.remove_participant(v, _text(b.get("participant"))),
    "ongedaan": lambda desk, v, b: desk.undo(v, b.get("zeker") is True, _number(b.get("edit"))),
}

# Saves one at a time, in one thread (SQLite has one writer; spaCy and the files stay off the event loop).
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gesprekken-redactie")


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _number(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _config(datasette) -> dict:
    return datasette.plugin_config(PLUGIN) or {}


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if action != PERMISSION:
        return None
    allow = _config(datasette).get("redactie", {"id": EDITOR})
    return actor_matches_allow(actor, allow)


@hookimpl
def skip_csrf(datasette, scope):
    """The desk's JSON calls carry their own CSRF protection (the header); the handler checks it."""
    if f"{ROOT}/" not in scope.get("path", ""):
        return None
    headers = dict(scope.get("headers") or [])
    json_body = headers.get(b"content-type", b"").split(b";")[0].strip() == b"application/json"
    return True if json_body and headers.get(HEADER.encode()) == b"1" else None


def _workspace_paths(datasette) -> tuple[str, str, str | None] | None:
    """Transcripts folder, database file and recordings folder, where this Datasette may change them."""
    config = _config(datasette)
    names = config.get("databases") or [n for n in datasette.databases if n != "_internal"]
    database = datasette.databases.get(names[0]) if names else None
    if not config.get("transcripts") or database is None or not database.is_mutable or not database.path:
        return None
    return config["transcripts"], database.path, config.get("recordings")


def _error(message: str, status: int, **extra) -> Response:
    return Response.json({"ok": False, "error": message, **extra}, status=status, headers=NO_STORE)


async def _refused(request, datasette, write: bool = False) -> Response | None:
    """403 (or 405) for a visitor who may not use the desk, or a change without the CSRF header."""
    if not await datasette.permission_allowed(request.actor, PERMISSION, default=False):
        return _error("Alleen voor de ingelogde redacteur; log in op /-/login.", 403)
    if not write:
        return None
    if request.method != "POST":
        return _error("Gebruik POST met een JSON-body.", 405)
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if request.headers.get(HEADER) != "1" or content_type != "application/json":
        return _error("Geweigerd: een wijziging is JSON met de kopregel X-Gesprekken: 1 (CSRF-bescherming).", 403)
    origin = request.headers.get("origin")
    if origin and urlparse(origin).netloc != request.host:
        return _error("Geweigerd: dit verzoek komt van een andere site.", 403)
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return _error("Geweigerd: dit verzoek komt van een andere site.", 403)
    return None


def _said(e: GesprekkenError, path: Path) -> str:
    """What ``e`` says, for a page of the desk: in Dutch where the library wrote it so (a transcript whose front
    matter does not read, by the file's name and the line, where the page gave the commands' English: session 58's
    list), and the transcript by its name, not the server's path (an attack, session 56; the page that opens the
    desk still showed it), nor the folder of any other file it names (a copy beside it, session 60's list)."""
    return e.in_dutch or str(e).replace(str(path), path.name).replace(f"{path.parent}{os.sep}", "")


async def _in_worker(datasette, conversation_id: str, actor, work):
    """Run ``work(desk)`` in the desk's thread; a GesprekkenError finding the conversation is None."""
    paths = _workspace_paths(datasette)
    if paths is None:
        return None, _error("Hier is geen redactietafel: deze Datasette kan de transcripten niet wijzigen.", 404)

    def run():
        transcripts, db, recordings = paths
        workspace = Workspace(transcripts, db=db, recordings=recordings)
        try:
            try:
                desk = workspace.desk(conversation_id, actor=(actor or {}).get("id") or "?")
            except GesprekkenError:
                return None, _error("Geen gesprek met dit id.", 404)
            try:
                return work(desk), None
            except GesprekkenError as e:
                # the transcript broken by hand (a page that said only "Er ging op de server iets mis", where load
                # says which line and what to do: an editor's run, session 53), a broken thesaurus: the sentence,
                # to the editor who logged in (409: a 500's text is for the server's log, never for the page)
                return None, _error(f"De redactietafel kan dit gesprek nu niet openen: {_said(e, desk.path)}", 409)
        finally:
            workspace.close()

    return await asyncio.get_running_loop().run_in_executor(_worker, run)


def _links(datasette, conversation_id: str) -> dict:
    cid = quote(conversation_id, safe="")
    return {
        "api": datasette.urls.path(f"{ROOT}/{cid}"),
        "audio": datasette.urls.path(f"/-/gesprekken/audio/{cid}"),
        "gesprek": datasette.urls.path(f"/-/gesprekken/gesprek/{cid}"),
        "zoeken": datasette.urls.path("/-/gesprekken/zoeken"),
        "script": datasette.urls.path(f"{ROOT}.js"),
    }


async def _full_id(datasette, actor, conversation_id: str) -> str | None:
    """The id of the one conversation whose id starts with ``conversation_id`` (8 hex digits or more), else None."""
    if not re.fullmatch(r"[0-9a-fA-F]{8,}", conversation_id):
        return None
    db = await readable_database(datasette, actor)
    if db is None:
        return None
    rows = await db.execute(
        "SELECT id FROM conversations WHERE substr(id, 1, ?) = ? LIMIT 2",
        [len(conversation_id), conversation_id.lower()],
    )
    found = [row[0] for row in rows]
    return found[0] if len(found) == 1 and found[0] != conversation_id else None


async def desk_page(request, datasette):
    refused = await _refused(request, datasette)
    if refused is not None:  # the error page, with a link to log in and come back here
        return await error_response(datasette, request, 403, "Alleen voor de ingelogde redacteur.", NO_STORE)
    conversation_id = request.url_vars["conversation_id"]
    state, failed = await _in_worker(datasette, conversation_id, request.actor, lambda desk: desk.state())
    if failed is not None and failed.status == 404:
        # the first 8 or more hex digits, as ingest prints them and the conversation page takes them
        full = await _full_id(datasette, request.actor, conversation_id)
        if full is not None:
            query = f"?{request.query_string}" if request.query_string else ""
            return Response.redirect(datasette.urls.path(f"{ROOT}/{quote(full, safe='')}") + query)
    if failed is not None:
        return await error_response(datasette, request, failed.status, json.loads(failed.body)["error"], NO_STORE)
    _worker.submit(_warm_up, _workspace_paths(datasette))  # spaCy loads while the editor reads
    links = _links(datasette, conversation_id)
    recording = await _recording(datasette, request.actor, conversation_id)
    if recording["missing"]:
        links["audio"] = None
    return Response.html(
        await datasette.render_template(
            "gesprekken_redactie.html",
            {"state": state, "links": links, "recording": recording},
            request=request,
        ),
        headers=NO_STORE,
    )


async def _recording(datasette, actor, conversation_id: str) -> dict:
    """The recording the database names for the conversation, and whether the audio route serves it
    to ``actor`` (decided as the conversation page decides): the desk shows no player for a recording
    that is not there, where every play would be a 404."""
    database = await readable_database(datasette, actor)
    if database is None:
        return {"name": None, "missing": True}
    rows = (await database.execute("SELECT recording FROM conversations WHERE id = ?", [conversation_id])).rows
    stored = rows[0]["recording"] if rows else None
    playing = await playable_conversations(datasette, database, {conversation_id: stored})
    return {"name": stored or None, "missing": conversation_id not in playing}


@hookimpl
def startup(datasette):
    # The word lists the desk marks words with load in the background (0.3 s), not on the first page.
    if _workspace_paths(datasette) is not None:
        _worker.submit(_load_word_lists)


def _load_word_lists() -> None:
    from gesprekken.analyse import lemma_lookup, places

    lemma_lookup()
    places()


def _warm_up(paths) -> None:
    from gesprekken.analyse import pipeline

    workspace = Workspace(paths[0], db=paths[1], recordings=paths[2])
    try:
        pipeline(workspace.thesaurus)
    except GesprekkenError:
        pass  # the save that needs it says what is wrong
    finally:
        workspace.close()


async def desk_state(request, datasette):
    refused = await _refused(request, datasette)
    if refused is not None:
        return refused
    state, failed = await _in_worker(datasette, request.url_vars["conversation_id"], request.actor, Desk.state)
    return failed or Response.json(state, headers=NO_STORE)


#: What GET <desk>/<read> answers: the history, and the version an open page asks after to learn of changes made
#: elsewhere (another tab, another editor, a command, a hand edit).
READS = {"geschiedenis": lambda desk: desk.history(), "versie": lambda desk: desk.latest()}


async def desk_action(request, datasette):
    action = request.url_vars["action"]
    if action in READS and request.method == "GET":
        refused = await _refused(request, datasette)
        if refused is not None:
            return refused
        read, failed = await _in_worker(datasette, request.url_vars["conversation_id"], request.actor, READS[action])
        return failed or Response.json(read, headers=NO_STORE)
    refused = await _refused(request, datasette, write=True)
    if refused is not None:
        return refused
    if action not in ACTIONS:
        return _error(f"Onbekende actie {action!r}; zie README voor de API.", 404)
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        return _error(f"Te groot: een wijziging is hoogstens {MAX_BODY // 1024} kB.", 413)
    raw = await request.post_body()
    if len(raw) > MAX_BODY:
        return _error(f"Te groot: een wijziging is hoogstens {MAX_BODY // 1024} kB.", 413)
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return _error("De body is geen JSON.", 400)
    if not isinstance(body, dict) or not isinstance(body.get("version"), str):
        return _error("Geef een JSON-object met 'version': de versie van het transcript waarop je wijzigt.", 400)
    # what is typed, as one composes its letters: "wijkcafé" pasted from a Mac's decomposed "é" was not found by a
    # find and replace of it typed (an attack, session 56); not names, which are compared as the file has them (a
    # reviewer's read: a participant written decomposed could no longer be withdrawn)
    body = {key: _composed(value) if key in TYPED.get(action, ()) else value for key, value in body.items()}

    def work(desk):
        try:
            saved = ACTIONS[action](desk, body["version"], body)
        except StaleTranscript as e:
            return _error(str(e), 409, version=e.version, current=desk.state(), yours=body)
        except NeedsConfirmation as e:
            # The desk asks the editor, and sends the same save again with "zeker": true.
            return _error(str(e), 400, confirm=True)
        except DeskError as e:
            return _error(str(e), 400)
        except PublicNotUpdated as e:
            # Saved and recorded: the desk shows the save as made (no conflict panel, whose 'Mijn
            # versie opslaan' would make it twice) and says what to do about the public copy.
            return _error(str(e), 409, saved=e.saved, state=desk.state())
        except TranscriptError as e:
            # a transcript broken by hand (a text editor's save): said in the desk's words, the file by its name, not
            # the server's path (an attack, session 56: English, with the path)
            return _error(
                "Niet opgeslagen: het transcript leest niet, want het is buiten de redactietafel gewijzigd "
                f"({_said(e, desk.path)}); herstel het bestand (of zet een reservekopie terug) en sla dan opnieuw op",
                500,
            )
        except GesprekkenError as e:
            # Not the editor's input (the desk checks that, and says so as a DeskError) and no conflict:
            # the workspace cannot make the save (a transcript broken by hand, a broken thesaurus, a full
            # disk). Nothing was saved; the sentence says what to fix. Not 409, which opens the conflict
            # panel ("intussen gewijzigd") with a state the broken file may not even give.
            return _error(f"Niet opgeslagen: {_said(e, desk.path)}", 500)
        except sqlite3.OperationalError as e:
            if "locked" not in str(e):
                raise
            # another process wrote past the minute a write waits (a long load): a status change writes the database
            # before the file, so nothing was saved (a reviewer's read, session 55: an HTML 500 page)
            return _error(
                "Niet opgeslagen: de database is bezet (een ander commando, zoals 'gesprekken load', schrijft erin); "
                "probeer het zo opnieuw",
                503,
            )
        return Response.json({"ok": True, "saved": saved, "state": desk.state()}, headers=NO_STORE)

    response, failed = await _in_worker(datasette, request.url_vars["conversation_id"], request.actor, work)
    return failed or response


#: The fields of a desk request that are text an editor typed, per action (not a name or a sentence the file has,
#: which are compared as written there, nor what the editor saw).
TYPED = {"tekst": ("text",), "vervangen": ("find", "replacement"), "inleiding": ("text",), "titel": ("text",)}


def _composed(value):
    """``value`` (a request's JSON) with every text as the desk takes typed text (:func:`gesprekken.desk._composed`:
    composed, as the transcripts are, without the characters that show nothing)."""
    if isinstance(value, str):
        return composed(value)
    if isinstance(value, list):
        return [_composed(v) for v in value]
    if isinstance(value, dict):
        return {k: _composed(v) for k, v in value.items()}
    return value


async def desk_download(request, datasette):
    refused = await _refused(request, datasette)
    if refused is not None:
        return refused
    name = request.url_vars["name"]
    if name not in DOWNLOADS:
        return _error(f"Onbekende download; kies uit {', '.join(DOWNLOADS)}.", 404)
    include_unpublished = request.args.get("concept") == "1"

    def work(desk):
        with tempfile.TemporaryDirectory(prefix="gesprekken-redactie-") as folder:
            try:
                path, content_type, left_out, concept = desk.export(name, Path(folder), include_unpublished)
            except GesprekkenError as e:
                return _error(str(e), 409)
            body = path.read_bytes()
        filename = path.name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        headers = {**NO_STORE, "content-disposition": f'attachment; filename="{filename}"'}
        if left_out:
            # What consent left out, for the page to show by the download: JSON with \u escapes, as a
            # header value holds only latin-1 (the names are Dutch), read by the page's script.
            headers[LEFT_OUT] = json.dumps(left_out)
        if concept:  # the page says it by the download too (a helper's run, session 54)
            headers[CONCEPT_HEADER] = json.dumps(concept)
        return Response(body, content_type=content_type, headers=headers)

    response, failed = await _in_worker(datasette, request.url_vars["conversation_id"], request.actor, work)
    return failed or response


async def desk_script(request):
    return Response(
        (STATIC / "gesprekken_redactie.js").read_text(encoding="utf-8"),
        content_type="text/javascript; charset=utf-8",
        headers={"cache-control": "max-age=300"},
    )


@hookimpl
def register_routes():
    return [
        (rf"^{ROOT}\.js$", desk_script),
        (rf"^{ROOT}/(?P<conversation_id>[^/.]+)$", desk_page),
        (rf"^{ROOT}/(?P<conversation_id>[^/.]+)\.json$", desk_state),
        (rf"^{ROOT}/(?P<conversation_id>[^/.]+)/download/(?P<name>[a-z]+\.[a-z]+)$", desk_download),
        (rf"^{ROOT}/(?P<conversation_id>[^/.]+)/(?P<action>[a-z]+)$", desk_action),
    ]
