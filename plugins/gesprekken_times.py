"""Show times in the recording as minutes and seconds (01:23.4) instead of raw seconds.

Only the HTML changes: the JSON and CSV keep seconds, so sorting and exports stay exact.
"""

from datasette import hookimpl
from markupsafe import Markup, escape

from gesprekken.transcript import format_time

#: The tables whose ``start`` and ``end`` are times in the recording.
TIMED = {"turns", "words", "quotes", "action_points"}


def clock(seconds: float) -> str:
    return format_time(seconds, decimals=1)


@hookimpl
def render_cell(row, value, column, table):
    if column not in ("start", "end") or not isinstance(value, (int, float)):
        return None
    # A query's rows (the canned ones of gesprekken.serve.QUERIES among them) have no table: a start beside
    # an end there is a quote's or turn's, as in every table of gesprekken's that has them.
    if table not in TIMED and (table is not None or not {"start", "end"} <= set(row.keys())):
        return None
    return Markup(f'<span title="{escape(value)} s">{escape(clock(value))}</span>')
