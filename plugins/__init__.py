"""gesprekken's Datasette plugins, installed as the package ``gesprekken.plugins``.

Datasette loads them from the ``datasette`` entry points in pyproject.toml, so ``datasette serve
gesprekken.db`` finds them wherever gesprekken is installed: this package (its ``templates/`` on
Datasette's template path, its ``static/`` at ``/-/static-plugins/gesprekken/``) and one module per
plugin: gesprekken_pages, gesprekken_audio, gesprekken_cache, gesprekken_login and gesprekken_times.
Every URL they write is built with ``datasette.urls``, so the knowledge base also works under
Datasette's ``base_url`` setting.
"""

from datasette import hookimpl
from datasette.utils.asgi import Response

#: The name Datasette serves this package's static/ under: the distribution's name.
STATIC = "gesprekken"


async def not_found(datasette, request, message: str = "Deze pagina bestaat niet.") -> Response:
    """A 404 answered here, as Datasette's error page (JSON for a .json path). Raising NotFound
    instead would have Datasette print a traceback with every local variable to the log for each
    mistyped link (and, for an unrouted path, fail with a 500) where rich is installed."""
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": message, "status": 404}, status=404)
    html = await datasette.render_template(
        "error.html", {"ok": False, "error": message, "status": 404, "title": None}, request=request
    )
    return Response.html(html, status=404)


async def unknown_page(request, datasette):
    return await not_found(datasette, request)


@hookimpl(trylast=True)
def register_routes():
    # After the pages and the audio route: any other path under /-/gesprekken/ is a 404.
    return [(r"^/-/gesprekken/.*$", unknown_page)]


@hookimpl
def extra_css_urls(datasette):
    # On every page: the search and conversation pages, and the captions in Datasette's own tables.
    return [datasette.urls.static_plugins(STATIC, "gesprekken.css")]
