"""gesprekken: turn recorded Dutch conference conversations into a searchable knowledge base.

The library API is :class:`Workspace`; the command line and the Datasette plugins go through it.
"""

from importlib.metadata import PackageNotFoundError, version

from .errors import GesprekkenError, ModelError, ProgrammeError, RecordingError, TranscriptError
from .workspace import Export, IngestReport, Workspace

try:
    __version__ = version("gesprekken")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"

__all__ = [
    "Export",
    "GesprekkenError",
    "IngestReport",
    "ModelError",
    "ProgrammeError",
    "RecordingError",
    "TranscriptError",
    "Workspace",
    "__version__",
]
