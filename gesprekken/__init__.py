"""gesprekken: turn recorded Dutch conference conversations into a searchable knowledge base.

The library API is :class:`Workspace`; the command line and the Datasette plugins go through it.
"""

import os
from importlib.metadata import PackageNotFoundError, version

# The same words on every x86 machine: CTranslate2 multiplies with Intel's MKL on Intel CPUs and with
# its own kernels elsewhere, and Whisper's greedy decoding then takes other turns (the sample's
# "De leefbaarheid in de wijk staat ..." is "Beliefbaarheid ..." with MKL, and a theme is lost). Its
# own kernels everywhere keep a recording's transcript, and every figure in BENCHMARKS.md, the same on
# an organiser's Intel laptop and an AMD server, at about a fifth more CPU on Intel (9.4 s against
# 11.3 s of CPU to ingest the sample). Set CT2_USE_MKL=1 before starting gesprekken for MKL's speed.
# Read when CTranslate2 loads, so it is set before anything imports it.
os.environ.setdefault("CT2_USE_MKL", "0")

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
