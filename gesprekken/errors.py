"""The errors gesprekken raises for problems a user can fix.

Each message is one sentence: which file, what is wrong, what to do. The CLI turns
them into ``click.ClickException`` without a traceback.
"""

import shlex


class GesprekkenError(Exception):
    """Base class of every error a user can act on."""

    #: The sentence in Dutch for the editors' desk, whose every other word is Dutch, where one is written (a
    #: transcript whose front matter does not read: the file's name, the line and what to do; a voice's rename
    #: refused); None elsewhere.
    in_dutch: str | None = None

    def __init__(self, *args, in_dutch: str | None = None) -> None:
        super().__init__(*args)
        if in_dutch is not None:
            self.in_dutch = in_dutch


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


#: In what a :class:`ShownByHand` found, the new speaker of a stretch remembered as kept back (no turn kept back
#: holds it now: its turn was deleted, moved or given another heading by an earlier edit) that would now be heard;
#: None: a turn kept back deleted or moved by this edit.
REMEMBERED = ""
#: In what a :class:`ShownByHand` found, the new speaker of a participant not published whose entry this edit took
#: off the list (no turn of theirs left): where others name them, their name would be shown.
UNLISTED = "\x00"
#: In what a :class:`ShownByHand` found, the new speaker of a participant withdrawn in the rows whom this edit lists
#: as published (the old speaker: their name; "" for the conversation itself, withdrawn and now published): a
#: withdrawal taken back in the file, or an older copy of it written back.
GIVEN_BACK = "\x01"


class ShownByHand(GesprekkenError):
    """A conversation's rows kept as they were, off the public site: a hand edit of its transcript would show turns
    the rows keep back under another speaker (:func:`gesprekken.storage.shown_by_hand`); the sentence says which
    and what to do.

    Attributes:
        shown: what was found (start, new speaker, old speaker; the new one None or :data:`REMEMBERED` where
            the turn is gone), for a sentence in another language.
    """

    def __init__(self, message: str, shown: list[tuple[float, str, str]] = ()) -> None:
        super().__init__(message)
        self.shown = list(shown)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "turn")`` -> "1 turn", ``counted(3, "turn")`` -> "3 turns": for messages."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def publication_command(conversation: str, status: str, participant: str) -> str:
    """The command that sets ``participant``'s ``status`` in ``conversation``, for a note to paste: the name in double
    quotes as the README writes it ("Joost de Boer"), in shlex's quotes where a shell would change it there (a
    ``"``, ``$``, backtick, backslash or ``!``: 'Sanne "Sas" de Vries' pasted broke the command)."""
    quoted = shlex.quote(participant) if set(participant) & set('"$`\\!') else f'"{participant}"'
    return f"gesprekken publication {conversation} {status} --participant {quoted}"
