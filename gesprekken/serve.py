"""Serving: the Datasette metadata and settings that turn the database into a knowledge base."""

import mimetypes
import os
import sqlite3
import weakref
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from . import __version__
from .errors import GesprekkenError

TITLE = "Gesprekken"
#: Datasette settings of `gesprekken serve`. The facets that matter are configured per table;
#: Datasette's facet suggestions cost seconds per page at a million turns (BENCHMARKS.md).
SETTINGS = {"default_page_size": 50, "suggest_facets": False}
#: The plugin configuration key of gesprekken's own Datasette plugins (plugins/).
PLUGIN = "gesprekken"
#: Cache lifetimes in seconds (plugins/gesprekken_cache.py): how long a browser (max_age) and a
#: shared cache, a CDN or a reverse proxy (shared_max_age) may reuse an answer before they ask
#: again whether it changed. A browser asks again every time (a 304 answered before any query,
#: so it costs little): a withdrawal reaches a visitor's next page at once, never a copy the
#: browser kept; a shared cache in front serves the crowd and asks again after two seconds.
CACHE_PUBLISHED = {"max_age": 0, "shared_max_age": 2}
CACHE_LIVE = {"max_age": 0, "shared_max_age": 2}
EDITOR = "editor"
#: In a folder `gesprekken publish` wrote, files whose names start with this say that a change is
#: being made that the folder does not show yet: one per change, written before it is, locked by
#: the command making it until its change is written, and left out of the rebuild after that.
#: While one is there the folder's servers answer 503 (plugins/gesprekken_public.py), so a command
#: killed in between leaves no published folder showing what the change took back.
STALE_MARK = ".gesprekken-stale"


def marked_stale(folder: str) -> bool:
    """Whether ``folder`` holds a :data:`STALE_MARK` (one listing of a small folder)."""
    try:
        return any(name.startswith(STALE_MARK) for name in os.listdir(folder or "."))
    except OSError:
        return False


#: The editor's password hash, made with `datasette hash-password`.
PASSWORD_ENV = "GESPREKKEN_EDITOR_PASSWORD_HASH"
DESCRIPTION = (
    "Doorzoekbare tweegesprekken van het congres: zoek op een woord en vind wie wat zei, in welk gesprek en wanneer."
)

#: The public copy's title and description on its pages (its name in URLs is its file's).
PUBLIC_TITLE = "Openbare kennisbank"
PUBLIC_DESCRIPTION = "De openbare kennisbank: alleen gesprekken en deelnemers die toestemming gaven."

#: What plain ``gesprekken serve`` says on its pages: it shows everything, to whoever reaches it.
EVERYTHING_TITLE = "Alle gesprekken, ook niet openbaar"
#: What ``serve --public`` calls the full database, the logged-in editor's alone.
EDITORS_TITLE = "Alle gesprekken (redactie)"
EDITORS_DESCRIPTION = (
    "Alles uit transcripts/, ook wat niet openbaar is of waarvoor de toestemming is ingetrokken: alleen voor de "
    "ingelogde redacteur. Bezoekers zien de openbare kennisbank."
)
EVERYTHING = (
    "Deze server toont alles uit transcripts/, ook gesprekken en deelnemers die niet openbaar zijn of hun "
    "toestemming introkken: hij is voor de organisatie zelf. Voor bezoekers: gesprekken serve --public of "
    "gesprekken publish."
)


class ServeError(GesprekkenError):
    """The knowledge base cannot be served safely as asked."""


def check_editor_password_hash(value: str) -> None:
    """Raise ServeError unless ``value`` is a password hash made by ``datasette hash-password``
    of a password that is not empty (``--no-confirm`` with empty input hashes the empty string)."""
    from datasette_auth_passwords.utils import verify_password

    parts = value.strip().split("$")
    if len(parts) != 4 or parts[0] != "pbkdf2_sha256" or not parts[1].isdigit():
        raise ServeError(f"{PASSWORD_ENV} is not a password hash; make one with `datasette hash-password`")
    if verify_password("", value):
        raise ServeError(
            f"{PASSWORD_ENV} is the hash of an empty password, so anyone could log in as the editor; "
            "make one of a real password with `datasette hash-password`"
        )


#: Media types of the recordings gesprekken ingests, for those Python's own table lacks
#: where the system has no /etc/mime.types (a slim container).
MEDIA_TYPES = {
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".flac": "audio/flac",
    ".wma": "audio/x-ms-wma",
    ".m4v": "video/mp4",
    ".mkv": "video/x-matroska",
}


#: The first bytes of every SQLite database: never a recording, whatever its name.
SQLITE_HEADER = b"SQLite format 3\x00"


def recording_media_type(path: Path) -> str | None:
    """The media type to serve ``path`` with if it is a recording: an audio or video type by its
    name, and a file PyAV opens with an audio stream. None for anything else (a database, a
    transcript, a text file named .mp3)."""
    media_type = MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or ""
    if not media_type.startswith(("audio/", "video/")):
        return None
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            # FFmpeg's MP3 reader finds "frames" in most SQLite files named .mp3 (175 of 184 tried).
            return None
    stat = path.stat()
    return media_type if _has_audio_stream(str(path), stat.st_size, stat.st_mtime_ns) else None


@lru_cache(maxsize=1024)
def _has_audio_stream(path: str, size: int, mtime_ns: int) -> bool:
    """Whether PyAV opens ``path`` and finds an audio stream (cached while size and time hold)."""
    import av

    with open(path, "rb") as handle:
        if handle.read(16) == b"SQLite format 3\x00":  # never a database, whatever its name says
            return False
    try:
        with av.open(path, metadata_errors="ignore") as container:
            if not container.streams.audio:
                return False
            stream = container.streams.audio[0]
            # FFmpeg's mp3 demuxer "opens" any bytes named .mp3, with a stream of 0 Hz and no
            # channels: a recording has a sample rate and decodes to samples.
            if not stream.codec_context.sample_rate:
                return False
            for frame in container.decode(stream):
                return frame.samples > 0
            return False
    except (av.error.FFmpegError, OSError, UnicodeDecodeError, ValueError):
        return False


def casefold(text: str | None) -> str | None:
    """A name folded as gesprekken compares names everywhere (``str.casefold``, see
    Conversation.unheard), as the SQL function ``casefold``: SQLite's ``lower()`` and ``LIKE``
    fold ASCII letters only, so to them "Özlem Yıldız" and "özlem yıldız", "Één Loket" and
    "één loket" were two names. Registered on Datasette's connections by the ``gesprekken``
    plugin (plugins/__init__.py) for the canned queries, and by publish for its own reads."""
    return text.casefold() if isinstance(text, str) else text


#: Canned queries: what attendees and editors ask most.
QUERIES = {
    "citaten_over_thema": {
        "title": "Citaten over een thema",
        "description": "Alle citaten over een thema (een id uit de tabel themes, zoals schuldhulp).",
        "sql": "SELECT q.text, q.speaker, q.organisation, c.title AS gesprek, q.start, q.end "
        "FROM quotes q JOIN quote_themes qt ON qt.quote_id = q.id "
        "JOIN conversations c ON c.id = q.conversation_id "
        "WHERE qt.theme_id = :thema ORDER BY q.score DESC",
    },
    "wat_een_organisatie_zei": {
        "title": "Wat een organisatie zei",
        "description": "Alle beurten van sprekers van een organisatie (een deel van de naam volstaat, in hoofd- "
        "of kleine letters).",
        "sql": "SELECT t.text, t.speaker, p.organisation, c.title AS gesprek, t.start, t.end "
        "FROM turns t JOIN participants p ON p.id = t.participant_id "
        "JOIN conversations c ON c.id = t.conversation_id "
        "WHERE instr(casefold(p.organisation), casefold(:organisatie)) > 0 ORDER BY c.title, t.seq",
    },
    "actiepunten_per_thema": {
        "title": "Actiepunten per thema",
        "description": "Hoeveel actiepunten elk thema heeft, en welke.",
        "sql": "SELECT th.label AS thema, count(*) AS actiepunten, group_concat(a.text, ' | ') AS teksten "
        "FROM action_points a JOIN action_point_themes at ON at.action_point_id = a.id "
        "JOIN themes th ON th.id = at.theme_id GROUP BY th.id ORDER BY actiepunten DESC",
    },
    "citaten_van_een_spreker": {
        "title": "Citaten van een spreker, over alle congressen",
        "description": "Alle citaten van één persoon (de volledige naam, in hoofd- of kleine letters), met "
        "congres en gesprek.",
        "sql": "SELECT q.text, c.conference AS congres, c.title AS gesprek, q.start, q.end "
        "FROM quotes q JOIN conversations c ON c.id = q.conversation_id "
        "WHERE casefold(q.speaker) = casefold(:spreker) ORDER BY c.date, q.rank",
    },
}


async def readable_database(datasette, actor):
    """The database the pages and the audio route read for ``actor``: the full database for
    whoever may see it (everyone locally, the editor with ``--public``), else the public copy;
    None when the visitor may see neither."""
    if not await datasette.permission_allowed(actor, "view-instance", default=True):
        return None
    names = (datasette.plugin_config(PLUGIN) or {}).get("databases") or [
        name for name in datasette.databases if name != "_internal"
    ]
    for name in names:
        if name in datasette.databases and await datasette.permission_allowed(
            actor, "view-database", resource=name, default=True
        ):
            return datasette.get_database(name)
    return None


#: Tables of editors' material, never public: emptied in every copy.
EDITORS_TABLES = (
    "voice_profiles",
    "speakers",
    "exports",
    "settings",
    "sites",
    "edits",
    "public_pending",
    "consent_stretches",
    "withdrawals_remembered",
)


def holds_unpublished(conn: sqlite3.Connection) -> bool:
    """Whether a gesprekken database holds anything its public copy leaves out: a conversation or
    participant that is not published, or a row of the editors' tables. A few reads that stop at the
    first row found; False for a database that is not gesprekken's."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"conversations", "participants"} <= tables:
        return False
    checks = [f"SELECT 1 FROM {t} WHERE status != 'published' LIMIT 1" for t in ("conversations", "participants")]
    checks += [f"SELECT 1 FROM {t} LIMIT 1" for t in EDITORS_TABLES if t in tables]
    return any(conn.execute(sql).fetchone() for sql in checks)


#: Per Datasette instance served without gesprekken's metadata, the databases that hold something
#: not published (see :func:`note_unguarded`).
_unguarded: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def shows_everything(datasette) -> bool:
    """True for plain ``gesprekken serve``: one database, everything in it, for whoever reaches it;
    and for ``datasette serve gesprekken.db`` without gesprekken's metadata, on a database that holds
    something not published."""
    config = datasette.plugin_config(PLUGIN) or {}
    if "databases" not in config:
        return bool(unguarded(datasette))
    return bool(config.get("everything"))


def unguarded(datasette) -> list[str]:
    """The databases ``datasette`` serves to anyone without gesprekken's metadata though they hold
    something not published (noted at startup by :func:`note_unguarded`)."""
    return _unguarded.get(datasette, [])


async def note_unguarded(datasette) -> None:
    """Without gesprekken's metadata (``datasette serve gesprekken.db`` alone) nothing keeps anything
    from anyone: note each database that holds something its public copy leaves out, for the pages
    to say so. One look at startup, a few reads that stop at the first row found."""
    if "databases" in (datasette.plugin_config(PLUGIN) or {}):
        return
    found = []
    for name, database in list(datasette.databases.items()):
        if name != "_internal" and await database.execute_fn(holds_unpublished):
            found.append(name)
    _unguarded[datasette] = found


def page_url(datasette, path: str) -> str:
    """The URL of one of gesprekken's pages (``zoeken``, ``gesprek/<id>``, ``audio/<id>``), under
    Datasette's ``base_url``."""
    return datasette.urls.path(f"-/gesprekken/{path}")


def conversation_url(datasette, conversation_id: str) -> str:
    """The URL of a conversation's article page."""
    return page_url(datasette, f"gesprek/{quote(str(conversation_id), safe='')}")


def recording_url(datasette, conversation_id: str) -> str:
    """The audio route's URL for a conversation's recording."""
    return page_url(datasette, f"audio/{quote(str(conversation_id), safe='')}")


def clip_url(datasette, conversation_id: str, start: float, end: float) -> str:
    """The audio route's URL for a conversation's recording from ``start`` to ``end`` (a media fragment)."""
    return f"{recording_url(datasette, conversation_id)}#t={float(start):.2f},{float(end):.2f}"


def metadata(
    db_path: Path, recordings: Path | None = None, transcripts: Path | None = None, public_db: Path | None = None
) -> dict:
    """Datasette metadata for the database at ``db_path``: labels, search, hidden tables, plugins.

    ``recordings`` is the only folder the audio route may serve from; the recording paths in
    the database are relative to ``transcripts``. With ``public_db`` (see
    :func:`gesprekken.publish.build_public_copy`) everyone sees that copy, and the full
    database, SQL included, is for the logged-in editor only. The editor logs in (user
    ``editor``, the password hash in GESPREKKEN_EDITOR_PASSWORD_HASH) wherever ``transcripts``
    can be changed: the editors' desk is theirs alone, with or without the public copy.
    """
    # The full database first: the pages and the audio route read the first one the visitor may see.
    config: dict = {
        "databases": [db_path.stem] + ([public_db.stem] if public_db is not None else []),
        "cache": CACHE_LIVE,
    }
    if recordings is not None:
        config["recordings"] = str(recordings.resolve())
        config["transcripts"] = str((transcripts or recordings).resolve())
    if public_db is not None:
        # The database the public copy is made from: plugins/gesprekken_public.py brings the copy
        # up to date when that database holds a change the copy does not (a writer killed mid-way).
        config["public_source"] = str(db_path.resolve())
    plugins: dict = {PLUGIN: config}
    databases = {}
    if public_db is not None:
        databases[public_db.stem] = {
            "title": PUBLIC_TITLE,
            "description": PUBLIC_DESCRIPTION,
            "queries": QUERIES,
            "tables": _tables(),
        }
    databases[db_path.stem] = {
        "description": "Gesprekken, deelnemers en beurten, afgeleid van de transcripten in transcripts/.",
        "queries": QUERIES,
        "tables": _tables(),
    }
    # Shown on the index page only (databases and tables have their own descriptions); relative,
    # so it holds under Datasette's base_url too.
    description_html = (
        f'{DESCRIPTION} <a href="-/gesprekken/zoeken">Zoek in alle gesprekken</a> of bekijk '
        '<a href="-/gesprekken/gesprekken">alle gesprekken</a>.'
    )
    if public_db is None and transcripts is not None:
        # Plain serve: everyone who reaches it sees everything, and its pages say so. (A published
        # folder's metadata has one database and a transcripts folder too, and shows only the public's.)
        config["everything"] = True
        databases[db_path.stem].update(title=EVERYTHING_TITLE, description=EVERYTHING)
        description_html = f"<strong>{EVERYTHING}</strong> {description_html}"
    result = {
        "title": TITLE,
        "description_html": description_html,
        "source": f"gesprekken {__version__}",  # no link: gesprekken is not on PyPI
        "plugins": plugins,
        "databases": databases,
    }
    if public_db is not None:
        databases[db_path.stem].update(title=EDITORS_TITLE, description=EDITORS_DESCRIPTION, allow={"id": EDITOR})
        result["allow_sql"] = {"id": EDITOR}
    if public_db is not None or transcripts is not None:
        # The editor logs in: to see the full database (--public) and to use the editors' desk,
        # which changes the transcripts (a published site has none).
        plugins["datasette-auth-passwords"] = {f"{EDITOR}_password_hash": {"$env": PASSWORD_ENV}}
    return result


#: Descriptions of the key and status columns that several tables share.
SHARED_COLUMNS = {
    "id": "Sleutel",
    "conversation_id": "Het gesprek",
    "turn_id": "De beurt waarin het gezegd werd",
    "participant_id": "De deelnemer die sprak (leeg als de spreker niet in het programma staat)",
    "seq": "Volgorde in het gesprek",
    "status": "Publicatie: published (openbaar), internal (intern) of withdrawn (toestemming ingetrokken)",
    "conference": "Congres van het gesprek",
    "search_filters": "Thema’s, spreker, organisatie en congres als woorden van de zoekindex (voor de zoekpagina)",
}


def _shared(*names: str) -> dict:
    return {name: SHARED_COLUMNS[name] for name in names}


def _tables() -> dict:
    return {
        "conversations": {
            "title": "Gesprekken",
            "label_column": "title",
            "description": "Gesprekken: één opname met de metadata uit het programma.",
            "sort_desc": "date",
            "facets": ["conference", "date", {"array": "themes"}],
            "columns": {
                **_shared("id", "status"),
                "title": "Titel van het gesprek",
                "conference": "Congres",
                "date": "Datum",
                "recording": "Opname, ten opzichte van transcripts/",
                "recording_sha256": "SHA-256 van de opname",
                "duration": "Duur in seconden",
                "language": "Taal van het gesprek",
                "transcript_file": "Transcriptbestand in transcripts/",
                "transcription": "Instellingen waarmee Whisper transcribeerde",
                "headline": "Het kopcitaat van het gesprek",
                "themes": "Thema’s van het gesprek, het best onderbouwde eerst (ids uit de tabel themes)",
                "names_checked": "1 als de redactie elke stem met een naam bevestigde; 0 als de automatische "
                "herkenning een naam gaf die nog niemand controleerde",
                "intro": "De inleiding van de redactie (aan de redactietafel geschreven), zoals in het artikel",
            },
        },
        "conversation_themes": {
            "title": "Thema’s per gesprek",
            "description": "De thema's van elk gesprek als geheel, gerangschikt naar de kans dat een redacteur ze "
            "noemt: geschat uit hoe vaak, in hoeveel beurten, door hoeveel sprekers en hoe centraal ze ter sprake "
            "kwamen. Een thema dat de redactie toevoegde staat achteraan, met kans 0.",
            "sort": "rank",
            "facets": ["theme"],
            "columns": {
                **_shared("conversation_id"),
                "theme": "Thema",
                "score": "Kans dat een redacteur dit thema noemt (0 tot 1)",
                "rank": "Rang in het gesprek",
            },
        },
        "participants": {
            "title": "Deelnemers",
            "label_column": "name",
            "description": "Deelnemers: naam, functie en organisatie volgens het programma.",
            "sort": "name",
            "facets": ["organisation"],
            "columns": {
                **_shared("id", "conversation_id", "status"),
                "name": "Naam",
                "role": "Functie",
                "organisation": "Organisatie",
                "earlier_spellings": "Hoe de naam eerder gespeld was, voor de redactie hem verbeterde (JSON-lijst): "
                "wordt met de deelnemer achtergehouden waar anderen hem zo zeiden",
            },
        },
        "turns": {
            "title": "Beurten",
            "label_column": "text",
            "description": "Beurten: wat één spreker zei, met begin- en eindtijd in de opname.",
            "fts_table": "turns_fts",
            "fts_pk": "rowid",
            "facets": ["conversation_id", "speaker"],
            "columns": {
                **_shared("id", "conversation_id", "seq", "participant_id", "conference", "search_filters"),
                "speaker": "Spreker",
                "start": "Begin (seconden)",
                "end": "Einde (seconden)",
                "text": "Wat er gezegd werd",
                "organisation": "Organisatie van de spreker",
                "themes": "Thema’s",
            },
        },
        "quotes": {
            "title": "Citaten",
            "label_column": "text",
            "description": "Citaten: de citeerbare zinnen, de beste eerst; 'headline' is de kop van het "
            "gesprek. Speel het fragment af bij de tekst.",
            "sort": "rank",
            "fts_table": "quotes_fts",
            "facets": ["speaker", "organisation", {"array": "themes"}, "conversation_id"],
            "columns": {
                **_shared("id", "conversation_id", "turn_id", "conference", "search_filters"),
                "speaker": "Spreker",
                "organisation": "Organisatie van de spreker",
                "text": "Citaat",
                "themes": "Thema’s",
                "score": "Citeerbaarheid: de kans (0 tot 1) dat een redacteur dit als kop kiest; 99 of 100: "
                "gekozen door de redactie",
                "rank": "Rang in het gesprek",
                "headline": "1 = kop van het gesprek",
                "candidate": "1-5: aangeboden als kopcitaat, het beste eerst",
                "start": "Begin (seconden)",
                "end": "Einde (seconden)",
            },
        },
        "action_points": {
            "title": "Actiepunten",
            "label_column": "text",
            "description": "Actiepunten: wat er volgens een spreker moet gebeuren, en door wie.",
            "fts_table": "action_points_fts",
            "facets": ["who", {"array": "themes"}, "speaker", "conversation_id"],
            "columns": {
                **_shared("id", "conversation_id", "turn_id", "conference", "search_filters"),
                "speaker": "Spreker",
                "organisation": "Organisatie van de spreker",
                "who": "Wie moet het doen",
                "text": "Actiepunt",
                "themes": "Thema’s",
                "start": "Begin (seconden)",
                "end": "Einde (seconden)",
            },
        },
        "themes": {
            "title": "Thema’s",
            "label_column": "label",
            "description": "Thema’s uit de thesaurus.",
            "sort": "label",
            "columns": {**_shared("id"), "label": "Thema", "description": "Omschrijving", "related": "Zie ook"},
        },
        "entities": {
            "title": "Genoemde namen",
            "description": "Genoemde personen (PER), organisaties (ORG) en plaatsen (LOC).",
            "facets": ["label", "text"],
            "columns": {
                **_shared("id", "conversation_id", "turn_id"),
                "label": "Soort: PER (persoon), ORG (organisatie) of LOC (plaats)",
                "text": "De naam zoals genoemd",
                "start_char": "Begin in de tekst van de beurt (teken)",
                "end_char": "Einde in de tekst van de beurt (teken)",
            },
        },
        "speakers": {
            "title": "Stemmen",
            "description": "De stemmen van elk gesprek en wie ze zijn, met hoe zeker en waarom (voor redacteuren; "
            "niet in de openbare kopie).",
            "columns": {
                **_shared("conversation_id"),
                "label": "Stem in de opname (Spreker 1, Spreker 2, …)",
                "name": "Naam van de spreker, als die bekend is",
                "confidence": "Hoe zeker de naam is (0-1)",
                "evidence": "Waarom: voorstelling, aanspreken, zelfbeschrijving of stemprofiel",
                "confirmed": "1 als een redacteur de naam bevestigde, 0 als alleen de automatische naamgeving hem gaf",
            },
        },
        "words": {"hidden": True},
        "turn_themes": {"hidden": True},
        "quote_themes": {"hidden": True},
        "action_point_themes": {"hidden": True},
        "voice_profiles": {"hidden": True},
        "exports": {"hidden": True},
        "settings": {"hidden": True},
        "sites": {"hidden": True},
        "edits": {"hidden": True},
        "public_pending": {"hidden": True},
        "consent_stretches": {"hidden": True},
        "withdrawals_remembered": {"hidden": True},
        "sqlite_sequence": {"hidden": True},  # public_pending's AUTOINCREMENT counter
        "_sqlite_migrations": {"hidden": True},
    }


def datasette_args(
    db_path: Path, metadata_path: Path, host: str, port: int, public_db: Path | None = None
) -> list[str]:
    """The ``datasette serve`` arguments for the knowledge base (the public copy first, immutable).

    No ``--plugins-dir``: Datasette loads gesprekken's plugins from their entry points.
    """
    return [
        "serve",
        *(["-i", str(public_db)] if public_db else []),
        str(db_path),
        "--metadata",
        str(metadata_path),
        "--host",
        host,
        "--port",
        str(port),
        *settings_args(),
    ]


def settings_args() -> list[str]:
    """SETTINGS as ``datasette serve`` arguments."""
    shown = {True: "on", False: "off"}
    return [
        arg
        for name, value in SETTINGS.items()
        for arg in ("--setting", name, shown[value] if isinstance(value, bool) else str(value))
    ]
