"""gesprekken's Datasette plugins, installed as the package ``gesprekken.plugins``.

Datasette loads them from the ``datasette`` entry points in pyproject.toml, so ``datasette serve
gesprekken.db`` finds them wherever gesprekken is installed: this package (its ``templates/`` on
Datasette's template path, its ``static/`` at ``/-/static-plugins/gesprekken/``) and one module per
plugin: gesprekken_pages, gesprekken_audio, gesprekken_cache, gesprekken_login and gesprekken_times.
Every URL they write is built with ``datasette.urls``, so the knowledge base also works under
Datasette's ``base_url`` setting.
"""

import csv
import io
import re
import traceback
import weakref
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from gesprekken.serve import EVERYTHING, EVERYTHING_TITLE, TITLE, casefold, note_unguarded, unguarded

#: The name Datasette serves this package's static/ under: the distribution's name.
STATIC = "gesprekken"


NOT_FOUND = "Deze pagina bestaat niet."


async def not_found(datasette, request, message: str = NOT_FOUND) -> Response:
    """A 404 answered here, as Datasette's error page (JSON for a .json path)."""
    return await error_response(datasette, request, 404, message)


async def error_response(datasette, request, status: int, message: str, headers: dict | None = None) -> Response:
    """An error answered here, as Datasette's error page (templates/error.html; JSON for a .json path)."""
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": message, "status": status}, status=status, headers=headers)
    html = await datasette.render_template(
        "error.html", {"ok": False, "error": message, "status": status, "title": None}, request=request
    )
    return Response.html(html, status=status, headers=headers)


#: The heading of an error page (templates/error.html) by its status, in Dutch as every page here.
ERROR_TITLES = {400: "Dat lukte niet", 403: "Geen toegang", 404: "Niet gevonden", 409: "Dat lukte niet"}
SOMETHING_WRONG = "Er ging iets mis"
#: Datasette's own messages (0.65) in Dutch, by what comes before a colon (``Table not found: x``).
DATASETTE_MESSAGES = {
    "404": "Deze pagina bestaat niet.",
    "Database not found": "Deze database bestaat niet.",
    "Table not found": "Deze tabel bestaat niet.",
    "Record not found": "Deze rij bestaat niet.",
    "No data": "Hier staan geen gegevens.",
    "You do not have permission to view this database": "Je mag deze database niet bekijken.",
    "You do not have permission to view this table": "Je mag deze tabel niet bekijken.",
    "You do not have permission to view this query": "Je mag deze query niet bekijken.",
    "Database download is forbidden": "Deze database downloaden mag niet.",
    "Permission denied": "Dit mag je niet.",
    # what a visitor's own URL can ask (a table's _sort, _size, _where, a login token)
    "Cannot use _sort and _sort_desc at the same time": "Sorteer op één manier: met _sort of met _sort_desc.",
    "_size must be a positive integer": "_size moet een geheel getal boven nul zijn.",
    "_where= is not allowed": "_where= mag hier niet.",
    "_facet= is not allowed": "_facet= mag hier niet.",
    "Cannot search by that column": "Op die kolom kan niet gezocht worden.",
    "CSV streaming is disabled": "Alle rijen als CSV downloaden staat uit.",
    "_next not allowed for CSV streaming": "_next kan niet bij het downloaden van alle rijen als CSV.",
    "Invalid token": "Deze inlogcode klopt niet.",
    "Root token has already been used": "Deze inlogcode is al gebruikt.",
    "Database is immutable": "Deze database kan niet veranderd worden.",
    "Invalid database": "Deze database bestaat niet.",
    "Cannot download database": "Deze database kan niet gedownload worden.",
    "Cannot download in-memory databases": "Deze database kan niet gedownload worden.",
}
#: Datasette's only messages with status 500 (0.65) that are about the visitor's URL, not the server: 400 here.
VISITORS_500 = ("Cannot sort table by ", "Cannot use _sort and _sort_desc at the same time")
#: Datasette's own messages that name what the visitor asked for, in Dutch with it.
DATASETTE_PATTERNS = (
    (re.compile(r"Cannot sort table by (?P<what>.+)"), "Op {what} kan deze tabel niet gesorteerd worden."),
    (re.compile(r"_size must be <= (?P<what>\d+)"), "_size mag hoogstens {what} zijn."),
)


def error_page(status: int | None, title: str | None, message) -> dict:
    """The heading and message of Datasette's error page, in Dutch.

    A 500's message is the exception's text (a query, a file's path): it goes to the server's log,
    never to the page (Datasette's two 500s about a sort the URL asks for, VISITORS_500, are 400s by
    :func:`handle_exception`, said in Dutch as the visitor's error). A 403 for a permission says no more
    than that it is not allowed (Datasette says the permission's name). Any other message is shown as
    Datasette or a plugin gave it, in Dutch where it is one of Datasette's own (a wrong query's message
    helps whoever wrote the query).
    Datasette's ``forbidden`` hook renders the page without a status, titled "Forbidden".
    """
    if status is None and title == "Forbidden":
        status, title = 403, None
    if not isinstance(message, str):  # a plugin's DatasetteError(None) or (an exception): its text, if any
        message = "" if message is None else str(message)
    dutch = DATASETTE_MESSAGES.get(message.split(":")[0].strip())
    for pattern, said in DATASETTE_PATTERNS if dutch is None else ():
        if found := pattern.fullmatch(message):
            dutch = said.format(what=found["what"])
            break
    if status is None or status >= 500:
        return {
            "status": status or 500,
            "title": SOMETHING_WRONG,
            "message": "Er ging op de server iets mis. Probeer het later opnieuw.",
        }
    if dutch is None and status == 403 and re.fullmatch(r"[a-z-]+", message):  # view-instance, execute-sql
        dutch = "Je mag deze pagina niet bekijken."
    if dutch is None and title:
        message = f"{title}: " + message if message else title  # Markup stays Markup (HTML, as Datasette marks it)
    return {"status": status, "title": ERROR_TITLES.get(status, f"Fout {status}"), "message": dutch or message}


#: The labels of the menu's links that other plugins give in English (datasette-auth-passwords).
MENU_LABELS = {"Log in": "Inloggen"}


def count(number: int | None, one: str = "", many: str = "") -> str:
    """``number`` as Dutch writes it (``1.234``), with the word for one or for more after it."""
    if number is None:
        return many
    shown = f"{number:,}".replace(",", ".")
    word = one if number == 1 else many
    return f"{shown} {word}" if word else shown


#: Per Datasette instance, its template environment without async mode (see :func:`rendered`).
_sync_environments: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def rendered(datasette, template: str, context: dict) -> Markup:
    """A page's content rendered by Jinja without async mode, to be placed in a Datasette template.

    Datasette renders in Jinja's async mode, where every piece of output passes through a chain of
    async generators: for a search page with its hundred links that was 4-8 ms of CPU, a quarter of
    the request (issue 17). The content is rendered here in plain mode, with Datasette's template
    loader (a ``--template-dir`` still overrides it) and filters, and Datasette renders only the
    page around it. ``context`` must hold everything the template uses, ``urls`` included.
    """
    environment = _sync_environments.get(datasette)
    if environment is None:
        environment = datasette.jinja_env.overlay(enable_async=False, cache_size=50)
        _sync_environments[datasette] = environment
    return Markup(environment.get_template(template).render(context))


async def unknown_page(request, datasette):
    return await not_found(datasette, request)


@hookimpl
def startup(datasette):
    # Jinja asks the file system whether each template (and each one it extends or includes) changed
    # since it was loaded: a stat per template per page, 4 % of a page's CPU under a crowd (issue
    # 17). The templates served without a --template-dir are installed packages', which do not
    # change while Datasette runs; a --template-dir's are still reloaded when edited.
    if not datasette.template_dir:
        datasette.jinja_env.auto_reload = False
    # Datasette's error handler prints each exception with rich where rich is installed (spaCy
    # brings it): every 404 and 403 a page of traceback with every local variable, a request's
    # headers and a visitor's cookie among them; and for an unrouted path, raised outside an except
    # block, rich fails and the 404 becomes a 500. Without it a 404 is one access-log line and only
    # a 500 prints its plain traceback (no locals).
    from datasette import handle_exception  # here: importing it loads the plugins, this one among them

    handle_exception.rich = None

    async def look():
        await note_unguarded(datasette)

    return look


@hookimpl
def prepare_jinja2_environment(env, datasette):
    from .gesprekken_login import can_log_in, login_url  # that module imports this package

    def login_link(request) -> str | None:
        """On a 403 for a visitor, where someone can log in: the login page, and back here after."""
        if request is None or request.actor or not can_log_in(datasette):
            return None
        return login_url(datasette, request)

    def no_login(request) -> str | None:
        """On a 403 for a visitor of a server with a desk that no password opens (serve started without
        one): why nobody can log in and how to start it so; None elsewhere (a published site says nothing)."""
        from .gesprekken_login import AUTH_PASSWORDS, NO_DESK, _no_accounts

        if request is None or request.actor or can_log_in(datasette):
            return None
        why = _no_accounts(datasette, datasette.plugin_config(AUTH_PASSWORDS) or {})
        return None if why == NO_DESK else why

    def title(database: str | None = None, table: str | None = None) -> str:
        """The title the metadata gives a database or table (the site's without either), else its name."""
        if database is None:
            return datasette.metadata("title") or TITLE
        return datasette.metadata("title", database=database, table=table, fallback=False) or table or database

    def crumb(label: str, database: str | None, table: str | None) -> str:
        """A breadcrumb of Datasette's (templates/_crumbs.html) by its title: "home" is the site's."""
        if label == table:
            return title(database, table)
        if label == database:
            return title(database)
        return title() if label == "home" else label

    def menu(links: list, request) -> list[dict]:
        """The menu's links in Dutch; the login link comes back to the page, and is left out where
        nobody can log in (a published folder: its page says only that)."""
        login = datasette.urls.path("/-/login")
        shown = []
        for link in links:
            if link.get("href") == login:
                if not can_log_in(datasette):
                    continue
                if request is not None and request.path != login:  # on the login page: no way back to it
                    link = {**link, "href": login_url(datasette, request)}
            shown.append({**link, "label": MENU_LABELS.get(link.get("label"), link.get("label"))})
        return shown

    env.globals["gesprekken_fout"] = error_page  # templates/error.html
    env.globals["gesprekken_inloggen"] = login_link
    env.globals["gesprekken_geen_inlog"] = no_login
    env.globals["gesprekken_titel"] = title
    env.globals["gesprekken_kruimel"] = crumb
    env.globals["gesprekken_menu"] = menu
    env.filters["gesprekken_aantal"] = count


@hookimpl
def prepare_connection(conn):
    # The canned queries (gesprekken.serve.QUERIES) compare names as gesprekken does everywhere.
    conn.create_function("casefold", 1, casefold, deterministic=True)


@hookimpl
def get_metadata(datasette, key, database, table):
    # `datasette serve gesprekken.db` without gesprekken's metadata shows everything in the file to
    # anyone: its pages say so as plain `gesprekken serve`'s do (gesprekken.serve.metadata).
    names = unguarded(datasette)
    if not names:
        return None
    return {
        "description_html": f"<strong>{EVERYTHING}</strong>",
        "databases": {name: {"title": EVERYTHING_TITLE, "description": EVERYTHING} for name in names},
    }


@hookimpl
def handle_exception(datasette, request, exception):
    """A 500 of a JSON path said the exception's text (Datasette answers JSON itself, without
    templates/error.html): as on the HTML page, it goes to the server's log, and the answer says only
    that the server failed. A sort the visitor's URL asks for is the visitor's error, 400 on a page and in JSON,
    with what was asked (error_page)."""
    from datasette.utils import add_cors_headers
    from datasette.utils.asgi import Base400
    from datasette.views.base import DatasetteError

    visitors = (
        isinstance(exception, DatasetteError) and exception.status == 500 and exception.message.startswith(VISITORS_500)
    )
    if visitors:
        exception.status = 400  # the visitor's URL asks it (Datasette 0.65 says 500): a monitor need not wake
    if not request.path.endswith(".json") or isinstance(exception, Base400):
        return None
    if isinstance(exception, DatasetteError):
        if exception.status < 500 and not visitors:
            return None
        message, status = exception.message, exception.status
    else:
        message, status = str(exception), 500
        traceback.print_exception(exception)  # as Datasette does: the log has it, the visitor not
    shown = error_page(status, None, message)
    headers: dict = {}
    if datasette.cors:
        add_cors_headers(headers)
    body = {"ok": False, "error": str(shown["message"]), "status": shown["status"], "title": None}
    return Response.json(body, status=shown["status"], headers=headers)


#: A cell that is a number as Datasette writes one ("-2.5", "1e-05"): a spreadsheet takes it as that number, no formula.
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def guarded_csv(text: str) -> str:
    """``text``, whole CSV records as Datasette writes them (its excel dialect), with each cell that opens like a
    formula made text as gesprekken's own CSV export does (:func:`gesprekken.export.csv_cell`); a number stays one."""
    from gesprekken.export import csv_cell

    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([cell if NUMBER.fullmatch(cell) else csv_cell(cell) for cell in row])
    return out.getvalue()


def _complete(text: str) -> bool:
    """Whether ``text`` ends where a CSV record does: after a line's end, outside quotes."""
    return text.endswith("\n") and text.count('"') % 2 == 0


@hookimpl
def asgi_wrapper(datasette):
    # Datasette's own CSV (/<db>/<table>.csv, ?_stream=1, ?_dl=1, a query's .csv) has no guard against
    # a spreadsheet taking a cell for a formula: a turn typed as "=HYPERLINK(...)" was a link in Excel, where
    # gesprekken's CSV export writes it as text (a helper's read, session 61). Datasette writes a record a chunk;
    # one split over chunks is held until it is whole.
    def wrap(app):
        async def guard(scope, receive, send):
            if scope["type"] != "http" or not scope["path"].endswith(".csv"):
                return await app(scope, receive, send)
            # ?_trace=1 made the CSV a page, text/html with the cells unguarded, and with ?_dl=1 still a download
            # named <table>.csv that a spreadsheet opens (a reviewer's read, session 61): a CSV has no debug view.
            asked = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
            if any(name == "_trace" for name, _ in asked):
                kept = urlencode([(name, value) for name, value in asked if name != "_trace"])
                scope = {**scope, "query_string": kept.encode("latin-1")}
            held = b""
            is_csv = False

            async def guarded(message):
                nonlocal held, is_csv
                if message["type"] == "http.response.start":
                    headers = dict((k.lower(), v) for k, v in message.get("headers", []))
                    kind = headers.get(b"content-type", b"").split(b";")[0].strip()
                    is_csv = kind in (b"text/csv", b"text/plain")
                    if is_csv:  # the length changes
                        kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"]
                        message = {**message, "headers": kept}
                elif message["type"] == "http.response.body" and is_csv:
                    held += message.get("body", b"")
                    more = message.get("more_body", False)
                    try:
                        text = held.decode("utf-8")
                    except UnicodeDecodeError:
                        if more:  # a character split over chunks
                            return
                        text = held.decode("utf-8", "replace")
                    if more and not _complete(text):
                        return
                    held = b""
                    message = {**message, "body": guarded_csv(text).encode("utf-8")}
                await send(message)

            return await app(scope, receive, guarded)

        return guard

    return wrap


@hookimpl(trylast=True)
def register_routes():
    # After the pages and the audio route: any other path under /-/gesprekken/ is a 404.
    return [(r"^/-/gesprekken/.*$", unknown_page)]


@hookimpl
def extra_css_urls(datasette):
    # On every page: the search and conversation pages, and the captions in Datasette's own tables.
    return [datasette.urls.static_plugins(STATIC, "gesprekken.css")]
