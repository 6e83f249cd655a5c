"""The search page's filters as words of the full-text index.

A word with a filter (a theme, a speaker, an organisation, a conference) is found by one lookup in
the full-text index, as a word alone is: each filter value is a word of the index, held in the
generated column ``search_filters`` of turns, quotes and action points (migration
``m010_filters_in_search_index`` in :mod:`gesprekken.storage`). The search page asks for the same
word with :func:`filter_token`. Checked row by row, a theme took 200 ms at a million turns.

This module is imported by the Datasette plugins, so it imports nothing heavy.
"""

import json

#: The filter words of a row, as a SQL expression over its own columns, so that a generated column
#: can hold it and the index's triggers see exactly what they indexed when a row changes or goes.
#: A filter word is the field's letter and the value's UTF-8 in hex ("o" + hex("gemeente Zwolle")):
#: one token whatever the value holds, and it starts with a letter and a digit, which no word that
#: a visitor types does. A theme list (JSON as json.dumps writes it, ASCII only: ["a", "b"]) gives
#: a word per theme: its brackets and separators become spaces in the hex, where an ASCII
#: character's two hex digits cannot be misread.
SEARCH_FILTERS = """trim(
  replace(replace(replace(replace(replace(hex(coalesce(themes, '[]')), '5B5D', ''), '5B22', 't'), '225D', ''),
    '222C2022', ' t'), '222C22', ' t')
  || ' s' || hex(speaker) || ' o' || hex(organisation) || ' c' || hex(conference))"""
LETTERS = {"thema": "t", "spreker": "s", "organisatie": "o", "congres": "c"}


def filter_token(name: str, value: str) -> str:
    """The index's word for the search filter ``name`` (``thema``, ``spreker``, ``organisatie`` or
    ``congres``) with ``value``: it matches exactly the rows that have that value."""
    if name == "thema":
        value = json.dumps(value)[1:-1]  # as the theme is written inside a stored JSON list
    return LETTERS[name] + value.encode("utf-8").hex().upper()
