"""gesprekken: turn recorded Dutch conference conversations into a searchable knowledge base.

The library API is :class:`Workspace`; the command line and the Datasette plugins go through it.
"""

import os
from importlib.metadata import PackageNotFoundError, version

# Fewer differences between machines: CTranslate2 multiplies with Intel's MKL on Intel CPUs and with
# oneDNN elsewhere, and Whisper's greedy decoding then takes other turns (the sample's "De
# leefbaarheid in de wijk staat ..." is "Beliefbaarheid ..." with MKL, and a theme is lost). oneDNN
# everywhere makes a recording's transcript depend on the CPU's width alone, not its vendor: oneDNN
# still takes AVX-512 where the CPU has it, and a CPU with AVX2 only (set ONEDNN_MAX_CPU_ISA=AVX2 to
# hear what one hears) writes other words in places (BENCHMARKS.md, session 18). About a fifth more
# CPU on Intel (9.4 s against 11.3 s to ingest the sample); set CT2_USE_MKL=1 before starting
# gesprekken for MKL's speed. Read when CTranslate2 loads, so it is set before anything imports it.
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
