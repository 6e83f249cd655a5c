"""Show times in the recording as minutes and seconds (01:23.4) instead of raw seconds.

Only the HTML changes: the JSON and CSV keep seconds, so sorting and exports stay exact.
"""

from datasette import hookimpl
from markupsafe import Markup, escape

from gesprekken.transcript import format_time

TIME_COLUMNS = {("turns", "start"), ("turns", "end"), ("words", "start"), ("words", "end")}


def clock(seconds: float) -> str:
    return format_time(seconds, decimals=1)


@hookimpl
def render_cell(value, column, table):
    if (table, column) not in TIME_COLUMNS or not isinstance(value, (int, float)):
        return None
    return Markup(f'<span title="{escape(value)} s">{escape(clock(value))}</span>')
