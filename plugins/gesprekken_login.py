"""The editor's login (datasette-auth-passwords), with the password checked off the event loop.

datasette-auth-passwords hashes a password (PBKDF2, 480,000 rounds, a few tenths of a second) in
the request's own coroutine: while it runs, Datasette answers nobody, so eight wrong passwords at
once hold up every visitor for seconds. This plugin does the same checks in a thread:

- ``/-/login`` is answered here (before datasette-auth-passwords' own route): the same form in
  Dutch, the same accounts and cookie, the hash computed in a thread;
- a request with ``Authorization: Basic`` (which datasette-auth-passwords checks on every
  request) has its credentials checked in a thread before Datasette sees it; the header is then
  taken off, and the actor it proved is handed on through :func:`actor_from_request`.
"""

import asyncio

from datasette import hookimpl
from datasette.utils.asgi import Response
from datasette_auth_passwords.utils import scope_has_valid_authorization, verify_password

from gesprekken.serve import PASSWORD_ENV, PLUGIN

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
            response = Response.redirect(datasette.urls.path("/"))
            response.set_cookie("ds_actor", datasette.sign({"a": actor}, "actor"))
            return response
        error = WRONG
    context = {"error": error, "username": username}
    return Response.html(await datasette.render_template("gesprekken_inloggen.html", context, request=request))


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
    return [(r"^/-/login$", login)]


def _basic(scope) -> bool:
    return any(name == b"authorization" and value[:6].lower() == b"basic " for name, value in scope["headers"])


def _basic_actor(scope, datasette):
    try:
        return scope_has_valid_authorization(scope, datasette)
    except (ValueError, UnicodeDecodeError, AssertionError):  # not base64, not ASCII, not a hash
        return None


@hookimpl(trylast=True)
def asgi_wrapper(datasette):
    # trylast: the outermost wrapper, so the header is gone before anything else sees it.
    def wrap(app):
        async def basic_auth_off_the_loop(scope, receive, send):
            # With http_basic_auth on, datasette-auth-passwords demands the header on every request.
            if (
                scope["type"] == "http"
                and _basic(scope)
                and not (datasette.plugin_config(AUTH_PASSWORDS) or {}).get("http_basic_auth")
            ):
                actor = await asyncio.to_thread(_basic_actor, scope, datasette)
                headers = [(name, value) for name, value in scope["headers"] if name != b"authorization"]
                scope = {**scope, "headers": headers, ACTOR: actor}
            await app(scope, receive, send)

        return basic_auth_off_the_loop

    return wrap


@hookimpl
def actor_from_request(request):
    return request.scope.get(ACTOR)
