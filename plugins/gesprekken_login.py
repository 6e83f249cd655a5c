"""The editor's login (datasette-auth-passwords), with the password checked off the event loop.

datasette-auth-passwords hashes a password (PBKDF2, 480,000 rounds, a few tenths of a second) in
the request's own coroutine: while it runs, Datasette answers nobody, so eight wrong passwords at
once hold up every visitor for seconds. This plugin does the same checks in a thread:

- ``/-/login`` is answered here (before datasette-auth-passwords' own route): the same form in
  Dutch, the same accounts and cookie, the hash computed in a thread;
- a request with ``Authorization: Basic`` (which datasette-auth-passwords checks on every
  request) has its credentials checked in a thread before Datasette sees it; the header is then
  taken off, and the actor it proved is handed on through :func:`actor_from_request`.

It also keeps what is the editor's alone from visitors:

- Datasette's pages about the server itself (:data:`INTERNALS`: its databases' files, plugins,
  versions, settings, metadata with the folders on disk, threads, and its debugging tools) are a
  404 for anyone but the logged-in editor and Datasette's ``root``;
- ``/login`` leads to ``/-/login``, and after logging in the editor lands on the page they came
  from (``?next=``, a path on this site only), or on the search page.
"""

import asyncio
import re
from urllib.parse import urlencode, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import Request, Response
from datasette_auth_passwords.utils import scope_has_valid_authorization, verify_password

from gesprekken.serve import PASSWORD_ENV, PLUGIN, page_url

from . import NOT_FOUND, error_response
from .gesprekken_desk import PERMISSION

AUTH_PASSWORDS = "datasette-auth-passwords"
ACTOR = "gesprekken.basic_actor"  # the scope key that carries the actor a Basic header proved


def _accounts(config: dict) -> dict:
    return {key.split("_password_hash")[0]: value for key, value in config.items() if key.endswith("_password_hash")}


#: What the login page says, in place of the form, when no account has a password hash: the server was
#: started without one (with the command it was started by: plain serve in its place would show
#: everything to everyone). The bare `datasette hash-password`: visitors see this page, not the server's paths.
NO_ACCOUNTS = (
    "Voor deze server is geen wachtwoord voor de redactie ingesteld, dus inloggen kan hier niet. "
    f"Stel er een in door hem opnieuw te starten met {PASSWORD_ENV}=$(datasette hash-password) gesprekken serve."
)
NO_ACCOUNTS_PUBLIC = NO_ACCOUNTS.replace("gesprekken serve.", "gesprekken serve --public.")
#: A published site, or ``datasette serve`` without gesprekken's metadata: there is no desk to log in to.
NO_DESK = (
    "Op deze site kan niemand inloggen: hij heeft geen redactie. Redigeren doe je in de werkmap van "
    "gesprekken, met gesprekken serve."
)
WRONG = "Gebruikersnaam of wachtwoord klopt niet."

#: Datasette's own pages (0.65, its app.py) about the server rather than the knowledge base: the
#: databases' files and sizes, plugins, versions, settings, metadata (the folders of the recordings,
#: the transcripts and the editors' database), threads, the actor, and its debugging tools. Datasette
#: opens them to whoever may view the instance; the permission it lists them under, ``debug-menu``,
#: is its ``root``'s alone. Its permission hook is not told which page asks, so they are refused here.
INTERNALS = re.compile(
    r"/-/(?:(?:databases|plugins|versions|settings|config|metadata|threads|actor)(?:\.json)?"
    r"|messages|patterns|allow-debug|permissions)"
)
#: datasette-auth-passwords' page that hashes a password on the event loop, holding up every visitor
#: while it does (see above): for nobody. A hash is made with ``datasette hash-password``.
PASSWORD_TOOL = "/-/password-tool"


async def login(request, datasette):
    """The login form in Dutch, as datasette-auth-passwords' own but with the hash checked in a thread;
    where no account has a password, why not and what to do instead of a form that never succeeds."""
    config = datasette.plugin_config(AUTH_PASSWORDS) or {}
    accounts = {name: value for name, value in _accounts(config).items() if value}  # "$env" unset: no hash
    if not accounts:
        context = {"no_login": _no_accounts(datasette, config)}
        return Response.html(await datasette.render_template("gesprekken_inloggen.html", context, request=request))
    error, username = None, ""
    if request.method == "POST":
        post = await request.post_vars()
        username, password = post.get("username") or "", post.get("password") or ""
        password_hash = accounts.get(username)
        if password_hash and await asyncio.to_thread(_verified, password, password_hash):
            actor = (config.get("actors") or {}).get(username) or {"id": username}
            response = Response.redirect(_next(datasette, post.get("next")))
            response.set_cookie("ds_actor", datasette.sign({"a": actor}, "actor"))
            return response
        error = WRONG
        following = post.get("next")
    else:
        following = request.args.get("next")
    context = {"error": error, "username": username, "next": _local_path(following)}
    return Response.html(await datasette.render_template("gesprekken_inloggen.html", context, request=request))


def _local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: never an address elsewhere (``//host``,
    ``/\\host``, a scheme) nor one a browser reads as such once it drops tabs and line breaks."""
    if not target or not target.startswith("/") or any(c == "\\" or ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def _next(datasette, target: str | None) -> str:
    """Where the editor goes after logging in: the page they came from, or the search page."""
    return _local_path(target) or page_url(datasette, "zoeken")


def login_url(datasette, request) -> str:
    """The login page's URL, back to ``request``'s page after logging in."""
    return datasette.urls.path("/-/login") + "?" + urlencode({"next": request.full_path})


def can_log_in(datasette) -> bool:
    """Whether anyone can log in here: an account with a password hash (not a published site)."""
    return any(_accounts(datasette.plugin_config(AUTH_PASSWORDS) or {}).values())


async def to_login(request, datasette):
    query = request.query_string
    return Response.redirect(datasette.urls.path("/-/login") + (f"?{query}" if query else ""))


def _no_accounts(datasette, config: dict) -> str:
    """Why nobody can log in here, and what to do, for the server this is: gesprekken's metadata names
    an account (its hash from the environment) only where there is a desk (see gesprekken.serve.metadata)."""
    if not _accounts(config):
        return NO_DESK
    databases = (datasette.plugin_config(PLUGIN) or {}).get("databases") or []
    return NO_ACCOUNTS_PUBLIC if len(databases) > 1 else NO_ACCOUNTS


def _verified(password: str, password_hash: str) -> bool:
    try:
        return verify_password(password, password_hash)
    except (ValueError, AssertionError):  # not a hash datasette hash-password makes
        return False


@hookimpl(tryfirst=True)
def register_routes():
    return [(r"^/-/login$", login), (r"^/login$", to_login)]


def _basic(scope) -> bool:
    return any(name == b"authorization" and value[:6].lower() == b"basic " for name, value in scope["headers"])


async def request_actor(datasette, scope, receive):
    """The actor of a request not yet routed, found as Datasette's router finds it."""
    from datasette.plugins import pm
    from datasette.utils import await_me_maybe

    request = Request(scope, receive)
    for actor in pm.hook.actor_from_request(datasette=datasette, request=request):
        actor = await await_me_maybe(actor)
        if actor:
            return actor
    return None


def _routed_path(datasette, scope) -> str:
    """The path Datasette routes ``scope`` by: the raw path, without ``base_url``."""
    raw = scope.get("raw_path")
    path = (raw.decode("latin-1") if raw else scope["path"]).partition("?")[0]
    base = datasette.setting("base_url") or "/"
    return "/" + path[len(base) :] if base != "/" and path.startswith(base) else path


async def _refused_internals(datasette, scope, receive) -> bool:
    """Whether ``scope`` asks for one of Datasette's pages about the server that its actor may not see."""
    path = _routed_path(datasette, scope)
    if path == PASSWORD_TOOL:
        return True
    if not INTERNALS.fullmatch(path):
        return False
    actor = await request_actor(datasette, scope, receive)
    for action in ("debug-menu", PERMISSION):  # Datasette's root; the editor
        if await datasette.permission_allowed(actor, action, default=False):
            return False
    return True


def _basic_actor(scope, datasette):
    try:
        return scope_has_valid_authorization(scope, datasette)
    except (ValueError, UnicodeDecodeError, AssertionError):  # not base64, not ASCII, not a hash
        return None


@hookimpl(trylast=True)
def asgi_wrapper(datasette):
    # trylast: the outermost wrapper, so the header is gone before anything else sees it, and a page
    # about the server is refused before anything answers it (a cache's 304, a 503).
    def wrap(app):
        async def basic_auth_off_the_loop(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            # With http_basic_auth on, datasette-auth-passwords demands the header on every request.
            if _basic(scope) and not (datasette.plugin_config(AUTH_PASSWORDS) or {}).get("http_basic_auth"):
                actor = await asyncio.to_thread(_basic_actor, scope, datasette)
                headers = [(name, value) for name, value in scope["headers"] if name != b"authorization"]
                scope = {**scope, "headers": headers, ACTOR: actor}
            if await _refused_internals(datasette, scope, receive):
                # Answered before Datasette's own startup and CSRF layer run (they are inside this
                # wrapper): startup is done once, and the error page has no form to post. The editor
                # gets the page: a cache in front keeps this answer for no one who sends a cookie.
                await datasette.invoke_startup()
                request = Request({**scope, "csrftoken": lambda: ""}, receive)
                refused = await error_response(datasette, request, 404, NOT_FOUND, {"vary": "Cookie, Authorization"})
                return await refused.asgi_send(send)
            await app(scope, receive, send)

        return basic_auth_off_the_loop

    return wrap


@hookimpl
def actor_from_request(request):
    return request.scope.get(ACTOR)
