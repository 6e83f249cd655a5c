"""gesprekken's Datasette plugins, installed as the package ``gesprekken.plugins``.

Datasette loads them from the ``datasette`` entry points in pyproject.toml, so ``datasette serve
gesprekken.db`` finds them wherever gesprekken is installed: this package (its ``templates/`` on
Datasette's template path, its ``static/`` at ``/-/static-plugins/gesprekken/``) and one module per
plugin: gesprekken_pages, gesprekken_audio and gesprekken_times. Every URL they write is built with
``datasette.urls``, so the knowledge base also works under Datasette's ``base_url`` setting.
"""

from datasette import hookimpl

#: The name Datasette serves this package's static/ under: the distribution's name.
STATIC = "gesprekken"


@hookimpl
def extra_css_urls(datasette):
    # On every page: the search and conversation pages, and the captions in Datasette's own tables.
    return [datasette.urls.static_plugins(STATIC, "gesprekken.css")]
