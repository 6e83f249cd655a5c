"""The errors gesprekken raises for problems a user can fix.

Each message is one sentence: which file, what is wrong, what to do. The CLI turns
them into ``click.ClickException`` without a traceback.
"""


class GesprekkenError(Exception):
    """Base class of every error a user can act on."""


class RecordingError(GesprekkenError):
    """A recording is missing, unreadable, silent or otherwise unusable."""


class ProgrammeError(GesprekkenError):
    """The conference programme file does not parse or contradicts itself."""


class TranscriptError(GesprekkenError):
    """A transcript file under transcripts/ does not parse."""


class ModelError(GesprekkenError):
    """A Whisper model cannot be found, assembled or loaded."""


class DiskFullError(GesprekkenError):
    """A file could not be written for want of space (or quota); what was there is kept."""


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "turn")`` -> "1 turn", ``counted(3, "turn")`` -> "3 turns": for messages."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
