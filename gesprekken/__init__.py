"""gesprekken: turn recorded Dutch conference conversations into a searchable knowledge base."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gesprekken")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
