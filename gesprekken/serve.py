"""Serving: the Datasette metadata and settings that turn the database into a knowledge base."""

from importlib.resources import files
from pathlib import Path

from . import __version__

TITLE = "Gesprekken"
DESCRIPTION = (
    "Doorzoekbare tweegesprekken van het congres: zoek op een woord en vind wie wat zei, in welk gesprek en wanneer."
)


def plugins_dir() -> Path:
    """The folder of gesprekken's Datasette plugins (``plugins/`` in the repository)."""
    return Path(str(files("gesprekken.plugins")))


def metadata(db_path: Path, recordings: Path | None = None, transcripts: Path | None = None) -> dict:
    """Datasette metadata for the database at ``db_path``: labels, search, hidden tables, plugins.

    ``recordings`` is the only folder the audio route may serve from; the recording paths in
    the database are relative to ``transcripts``.
    """
    plugins = {}
    if recordings is not None:
        plugins["gesprekken_audio"] = {
            "recordings": str(recordings.resolve()),
            "transcripts": str((transcripts or recordings).resolve()),
        }
    return {
        "plugins": plugins,
        "title": TITLE,
        "description": DESCRIPTION,
        "source": f"gesprekken {__version__}",
        "source_url": "https://pypi.org/project/gesprekken/",
        "databases": {
            db_path.stem: {
                "description": "Gesprekken, deelnemers en beurten, afgeleid van de transcripten in transcripts/.",
                "tables": {
                    "conversations": {
                        "label_column": "title",
                        "description": "Gesprekken: één opname met de metadata uit het programma.",
                        "sort": "title",
                        "columns": {
                            "title": "Titel van het gesprek",
                            "conference": "Congres",
                            "date": "Datum",
                            "recording": "Opname, ten opzichte van transcripts/",
                            "duration": "Duur in seconden",
                            "transcript_file": "Transcriptbestand in transcripts/",
                            "transcription": "Instellingen waarmee Whisper transcribeerde",
                        },
                    },
                    "participants": {
                        "label_column": "name",
                        "description": "Deelnemers: naam, functie en organisatie volgens het programma.",
                        "sort": "name",
                        "facets": ["organisation"],
                        "columns": {"name": "Naam", "role": "Functie", "organisation": "Organisatie"},
                    },
                    "turns": {
                        "label_column": "text",
                        "description": "Beurten: wat één spreker zei, met begin- en eindtijd in de opname.",
                        "sort": "start",
                        "fts_table": "turns_fts",
                        "fts_pk": "rowid",
                        "facets": ["conversation_id", "speaker"],
                        "columns": {
                            "speaker": "Spreker",
                            "start": "Begin (seconden)",
                            "end": "Einde (seconden)",
                            "text": "Wat er gezegd werd",
                        },
                    },
                    "words": {"hidden": True},
                    "_sqlite_migrations": {"hidden": True},
                },
            }
        },
    }


def datasette_args(db_path: Path, metadata_path: Path, host: str, port: int) -> list[str]:
    """The ``datasette serve`` arguments for the knowledge base."""
    return [
        "serve", str(db_path),
        "--metadata", str(metadata_path),
        "--plugins-dir", str(plugins_dir()),
        "--host", host,
        "--port", str(port),
        "--setting", "default_page_size", "50",
    ]
