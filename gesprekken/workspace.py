"""The workspace: one transcripts folder, its database, its recordings and its thesaurus.

:class:`Workspace` is gesprekken's library API and the one way every command and plugin
changes anything. It holds the rules that must not differ between commands: which thesaurus
analyses a conversation, how a transcript and its analysis are stored, where exports are
recorded. Like ``sqlite_utils.Database`` it takes paths as ``str`` or ``Path``::

    from gesprekken import Workspace

    ws = Workspace("transcripts", db="gesprekken.db")
    ws.load()
    for summary in ws.speakers("1ef18611"):
        print(summary.speaker, summary.turns)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GesprekkenError
from .paths import DEFAULT_DB, DEFAULT_TRANSCRIPTS, EXPORTS_RECORD, as_linked, read_only_uri, transcripts_lock

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .analyse import Analysis, Theme
    from .consent import ForgetResult
    from .corrections import SpeakerSummary
    from .desk import Desk
    from .ingest import IngestOutcome
    from .naming import Attribution
    from .programme import Applied, Programme
    from .storage import LoadResult
    from .transcript import Conversation

#: The workspace setting that remembers an organiser's thesaurus (see :attr:`Workspace.thesaurus`).
THESAURUS_SETTING = "thesaurus"
#: Below this confidence an automatic name does not carry forget or withdrawal without --yes.
ACT_ON_NAME = 0.9


class AttributionError(GesprekkenError):
    """A name that forgetting or withdrawing would act on rests on uncertain automatic naming."""


class _Undone(Exception):
    """Rolls back a store made only to look at it (:meth:`Workspace.would_show`)."""


@dataclass
class ProgrammeApplication:
    """What :meth:`Workspace.apply_programme` did to each transcript."""

    programme: Path
    #: Each transcript the programme has an entry for, with what was applied (and what was kept).
    applied: list[tuple[Path, Applied]] = field(default_factory=list)
    #: Transcripts whose recording the programme does not name.
    unmatched: list[Path] = field(default_factory=list)
    #: Transcripts that do not parse (fix them first).
    failed: list[GesprekkenError] = field(default_factory=list)
    #: Transcripts written as the programme says whose rows wait on load's question of a hand edit (ShownByHand).
    held: list[GesprekkenError] = field(default_factory=list)


@dataclass
class IngestReport:
    """What an ingest of several recordings did: one outcome per recording that went through,
    and the recordings that could not be used, each with the reason."""

    outcomes: list[IngestOutcome] = field(default_factory=list)
    failures: list[tuple[Path, GesprekkenError]] = field(default_factory=list)


@dataclass
class Export:
    """A file an export wrote, with the conversations it holds and what consent left out."""

    path: Path
    conversation_ids: list[str]
    left_out: list[str] = field(default_factory=list)
    #: What else the editor should know of the file before it goes out (a voice shown by its label).
    notes: list[str] = field(default_factory=list)
    #: A concept's note (:func:`gesprekken.export.concept_note`), where the file holds what is not public yet.
    concept: str | None = None


#: What the command says of a concept that holds what is not public yet (it says so inside too).
CONCEPT_NOTE = (
    "a concept for the editors: it holds what is not public yet, marked 'niet openbaar' inside; do not publish it or "
    "pass it on"
)
SITE_GONE = "it is gone (moved or deleted)"
#: A published folder whose mark names another knowledge base (see :func:`gesprekken.publish.site_owner`).
SITE_FOREIGN = "another knowledge base publishes to it"


@dataclass
class PublicState:
    """The public surfaces a change reached, and the published folders it could not."""

    public_copy: Path | None = None
    sites: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def reached(self) -> list[str]:
        """The public copy and the published folders rebuilt, as paths to say."""
        return [str(p) for p in [self.public_copy, *self.sites] if p]

    def check(self) -> None:
        """Raise when a published folder still shows what is no longer public.

        Raises:
            GesprekkenError: naming each folder that could not be rebuilt.
        """
        if self.failed:
            import shlex

            def told(path: Path, why: str) -> str:
                folder = shlex.quote(str(path))
                stop = f"'gesprekken publish {folder} --remove' to stop publishing to it"
                if why == SITE_FOREIGN:
                    return (
                        f"The change is saved here, and the published folder {path} was left as it is: another "
                        "knowledge base publishes to it "
                        f"(the one this was copied from, or this one before it moved): run 'gesprekken publish "
                        f"{folder}' to publish this one there instead, or {stop} from here (the folder stays)"
                    )
                if why == SITE_GONE:
                    return (
                        f"The published folder {path} is gone (moved or deleted): run {stop} "
                        f"(and delete any moved copy, which is no longer updated), "
                        f"or 'gesprekken publish {folder}' to publish there again"
                    )
                return (
                    f"The published folder {path} could not be rebuilt and may still show what is no longer "
                    f"public ({why}): run 'gesprekken publish {folder}' to rebuild it, or {stop}"
                )

            raise GesprekkenError("; ".join(told(path, why) for path, why in self.failed))


def as_listed(name: str, listed: list[str]) -> str:
    """``name`` as the transcript lists it where it is one of ``listed`` in another case or Unicode form
    ("zoë çelik" typed, or "Zoë" decomposed as a programme from macOS holds it); else as given."""
    key = unicodedata.normalize("NFC", name).casefold()
    same = [n for n in listed if unicodedata.normalize("NFC", n).casefold() == key]
    return same[0] if len(same) == 1 else name


def changed_by_hand(path: Path, written: dict) -> bool:
    """Whether the export at ``path`` was changed since ``gesprekken export`` wrote it, by its record
    ``written`` (:meth:`Workspace.recorded_exports`): its checksum, or where the record keeps none, its time."""
    from .audio import content_sha256

    digest = written.get("sha256")
    return digest != content_sha256(path) if digest else _changed_since(path, written)


def _changed_since(path: Path, written: dict) -> bool:
    """Whether the file at ``path`` was changed after the export recorded it wrote it (``written_at``), where the
    record keeps no checksum (the database's; the transcripts folder's record, which has one, was deleted)."""
    import datetime

    try:
        at = datetime.datetime.fromisoformat(str(written.get("written_at"))).timestamp()
    except ValueError:
        return True  # no time to go by: it may be someone's work
    return path.stat().st_mtime > at + 2  # the record is written just after the file, to the second


def _renamed_from(old: str, new: str) -> bool:
    """Whether ``new`` can be ``old``'s name after a rename: the same name spelt another way (Heyden,
    Heijden; Bos, Vos) or with words added (Joost de Boer-Smit). Another first name with the same
    surname (Piet de Boer, Joost de Boer) is another person, however close difflib finds them."""
    from .transcript import _name_parts, spelled_alike

    before, after = _name_parts(old), _name_parts(new)
    if not before or not after:
        return False
    if spelled_alike(" ".join(before), " ".join(after)):
        return True
    shorter, longer = sorted((before, after), key=len)
    return shorter[0] == longer[0] and all(part in longer for part in shorter)


@contextlib.contextmanager
def _workers_deaf_to_ctrl_c() -> Iterator[None]:
    """Ctrl-C held back while worker processes start, and acted on once they have.

    SIGINT is blocked in this thread, which starts them: they inherit the mask, so a Ctrl-C while
    they import (before they can ignore it) prints no traceback. The mask is this thread's only, and
    another thread takes the signal; its handler only records it meanwhile
    (:class:`~gesprekken.audio.DeferredInterrupt`): raised mid-way, it cut off the data a worker
    reads as it starts ('EOFError: Ran out of input'). Main thread only, and not on Windows.
    """
    import signal
    import threading

    from .audio import DeferredInterrupt

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    with DeferredInterrupt():
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Workspace:
    """A knowledge base on disk: transcripts (the source of truth), the database derived from
    them, the recordings they point at, and the thesaurus that analyses them.

    Args:
        transcripts: the folder of transcript files.
        db: the SQLite database, created on first use.
        recordings: the only folder recordings are served from (default: ``recordings/``
            beside ``transcripts/``).
        thesaurus: the organisers' thesaurus of themes. When given it is remembered in the
            database, so that later commands without it (a publication change, a rename) do
            not fall back to the packaged thesaurus; when not given, the remembered one (or
            else the packaged one) is used.
    """

    def __init__(
        self,
        transcripts: str | os.PathLike = DEFAULT_TRANSCRIPTS,
        db: str | os.PathLike = DEFAULT_DB,
        recordings: str | os.PathLike | None = None,
        thesaurus: str | os.PathLike | None = None,
    ) -> None:
        self.transcripts = Path(transcripts)
        self.db_path = Path(db)
        self.recordings = Path(recordings) if recordings else self.transcripts.parent / "recordings"
        self._thesaurus_given = Path(thesaurus) if thesaurus else None
        self._thesaurus: Path | None = None
        self._thesaurus_resolved = False
        self._db: Database | None = None
        self._themes_stored = False
        #: What the last change did to the public copy and the published folders.
        self.public_state = PublicState()
        #: Set by a caller that reports it itself (the editors' desk, after it recorded the save):
        #: a change that went through but could not be brought to the public surfaces keeps what
        #: went wrong in :attr:`public_failure` instead of raising it.
        self.defer_public_failure = False
        self.public_failure: Exception | None = None
        #: Desk corrections a store found undone by the transcript (saved from an older copy), as
        #: (file name, the turn's start, when the correction was saved, by whom, its words): said by the command
        #: or the desk that made the store, as load says them (:func:`gesprekken.storage.reverted_notes`).
        self.reverted: list[tuple[str, float, str, str, str]] = []
        #: The locks of this change's marks in the published folders (see :meth:`_withhold_sites`).
        self._site_marks: list[int] = []

    def __repr__(self) -> str:
        return f"Workspace(transcripts={str(self.transcripts)!r}, db={str(self.db_path)!r})"

    # --- the database and the thesaurus ------------------------------------------------------

    @property
    def root(self) -> Path:
        """The folder that holds ``transcripts/``: stored paths are relative to it."""
        return self.transcripts.resolve().parent

    @property
    def db(self) -> Database:
        """The database, opened (created and migrated) on first use."""
        if self._db is None:
            from .publish import remove_leftover_copies
            from .storage import open_db

            self._db = open_db(self.db_path)
            remove_leftover_copies(self.db_path)  # a public copy's build killed mid-way (unfiltered)
        return self._db

    def close(self) -> None:
        self._release_site_marks()
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def thesaurus(self) -> Path | None:
        """The thesaurus this workspace analyses with: the one given, else the one an earlier
        command was given (remembered in the database), else None for the packaged one.

        Raises:
            ThesaurusError: the thesaurus does not parse, or the remembered one is gone.
        """
        if not self._thesaurus_resolved:
            from .analyse import ThesaurusError, read_thesaurus

            if self._thesaurus_given is not None and self._packaged(self._thesaurus_given):
                self._thesaurus = None
            elif self._thesaurus_given is not None:
                read_thesaurus(self._thesaurus_given)  # refuse a broken thesaurus before any work
                self._thesaurus = self._thesaurus_given
            elif self.db_path.exists():
                stored = self._setting(THESAURUS_SETTING)
                if stored:
                    path = Path(stored) if Path(stored).is_absolute() else self.root / stored
                    if not path.is_file():
                        raise ThesaurusError(
                            f"The thesaurus {path} that this workspace was analysed with is gone; restore it, "
                            "or pass --thesaurus (a file, or 'packaged' for the one shipped with gesprekken)"
                        )
                    read_thesaurus(path)
                    self._thesaurus = path
            self._thesaurus_resolved = True
        return self._thesaurus

    def themes(self) -> dict[str, Theme]:
        """The themes of :attr:`thesaurus`."""
        from .analyse import read_thesaurus

        return read_thesaurus(self.thesaurus)

    def _setting(self, key: str) -> str | None:
        if not self.db["settings"].exists():
            return None
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _remember_thesaurus(self) -> None:
        """Remember a given thesaurus (or forget one: ``packaged``) for later commands."""
        given = self._thesaurus_given
        if given is None:
            return
        value = "" if self._packaged(given) else self._relative(given)
        self.db["settings"].upsert({"key": THESAURUS_SETTING, "value": value}, pk="key")

    @staticmethod
    def _packaged(path: Path) -> bool:
        """``--thesaurus packaged`` asks for the thesaurus shipped with gesprekken."""
        return str(path) == "packaged" and not path.exists()

    def _relative(self, path: Path) -> str:
        """``path`` relative to the workspace when inside it (so a copied workspace still works)."""
        resolved = path.resolve()
        return os.path.relpath(resolved, self.root) if resolved.is_relative_to(self.root) else str(resolved)

    # --- the one way to store a conversation -------------------------------------------------

    def analyse_conversation(self, conversation: Conversation) -> Analysis:
        """The Dutch analysis of ``conversation`` with this workspace's thesaurus."""
        from .analyse import analyse

        return analyse(conversation, self.thesaurus)

    def store(
        self,
        conversation: Conversation,
        path: Path,
        analysis: Analysis | None = None,
        show: bool | Collection[tuple[float, str, str]] = (),
        given_back: Collection[str] = (),
        reverted: bool = True,
    ) -> None:
        """Replace ``conversation``'s rows with it and its analysis (with this workspace's thesaurus).

        Every command that changes a conversation ends here, so no command analyses with
        another thesaurus than the rest.

        Raises:
            ShownByHand: the transcript gives turns the rows keep back for someone's consent to someone shown, as
                ``load`` asks about (a heading edited by hand: a reviewer's read of session 48 found any save
                made before the next load, at the desk or by 'publication', put them on the site): the rows are
                kept as they were and the conversation is off the public site until 'gesprekken load' is answered.
                ``show``: the turns (start, speaker, text) this change made, asked about by the command that
                made it (:func:`gesprekken.storage.changed_turns`), or True for all (``load --yes``, the editor
                says every turn is the new speaker's). So does a participant withdrawn in the rows whom the
                transcript lists as published (or the conversation), unless named in ``given_back`` (the names whose
                withdrawal this command took back, having asked; "" for the conversation).

        A desk correction the transcript no longer says (written back from an older copy) is kept in
        :attr:`reverted` for the command to say, unless ``reverted`` is False (the desk, whose own save changes
        turns, looks at the file before its change itself).
        """
        from .errors import ShownByHand
        from .storage import copies_of, copies_said, delete_remembering, reverted_turns, store_asked, store_themes

        copies = copies_of(self.transcripts, conversation.id) if self.transcripts.is_dir() else []
        if len(copies) > 1:
            # one of them may be a stale copy (a withdrawal undone): neither is stored, and the rows go (see load)
            with self.db.atomic():
                delete_remembering(self.db, conversation.id)
            self._changed()
            error = GesprekkenError(
                f"{copies_said(copies, conversation.id)}, so it is off the database and the site until one is gone; "
                "delete the copy you did not edit and run the command again"
            )
            error.in_dutch = (
                f"{' en '.join(p.name for p in copies)} hebben hetzelfde id {conversation.id}: het zijn kopieën van "
                "één gesprek, dus het staat niet in de database en niet op de site tot er één weg is; verwijder de "
                "kopie die je niet bewerkte en sla opnieuw op"
            )
            raise error
        analysis = analysis if analysis is not None else self.analyse_conversation(conversation)
        self._withhold_sites()
        try:
            with self.db.atomic():
                if not self._themes_stored:
                    store_themes(self.db, self.themes())
                    self._remember_thesaurus()
                # (a correction the file no longer says, read before the rows follow it: an attack, session 55, found
                # it said only where load was the first to store such a file)
                undone = reverted_turns(self.db, conversation) if reverted else []
                store_asked(
                    self.db, conversation, path.name, analysis, show=show or (), by="this save", given_back=given_back
                )
            self.reverted += [(path.name, *turn) for turn in undone]
        except ShownByHand:
            # as load does: the old rows stay (what was kept back, and under whom), off the public site
            self.hold(conversation.id)
            raise
        self._themes_stored = True

    def find(self, reference: str) -> Path:
        """The transcript of ``reference``: an id (or its start), a file name, a title or its recording's file name."""
        from .corrections import find_transcript

        if not self.transcripts.is_dir():
            # "No conversation 'a1b2' in nergens; ... each transcript in nergens has its id on the line 'id:'" sent
            # the user looking in a folder that is not there (a helper's attack, session 60)
            raise GesprekkenError(
                f"The transcripts folder {self.transcripts} does not exist, so there is no conversation {reference!r} "
                "in it; pass --transcripts with the folder your transcripts are in, or run the command where it is"
            )
        return find_transcript(self.transcripts, reference)

    def transcript_files(self) -> list[Path]:
        from .storage import transcript_files

        return transcript_files(self.transcripts) if self.transcripts.is_dir() else []

    def read(self, reference: str) -> Conversation:
        """The conversation of ``reference`` as its transcript says, with every edit."""
        from .transcript import read

        return read(self.find(reference))

    def hold(self, conversation_id: str) -> None:
        """Keep a conversation off the public site (its status internal in the database) until 'gesprekken load'
        reads its transcript whole: its rows wait on load's question (see :meth:`store`)."""
        from .storage import hold

        with self.db.atomic():
            hold(self.db, conversation_id)
        self._changed()

    def would_show(self, path: Path, conversation: Conversation | None = None) -> list[tuple[float, str | None, str]]:
        """What storing the transcript at ``path`` (``conversation``: what it says, where the caller read it) as it
        is would show of turns the rows keep back, changed by hand (:func:`gesprekken.storage.shown_by_hand`:
        start, new speaker or None, old speaker): the store that every command makes
        (:func:`gesprekken.storage.store_asked`), rolled back; nothing is stored."""
        from .analyse import Analysis
        from .errors import ShownByHand
        from .storage import kept_back, store_asked
        from .transcript import read

        if not self.db_path.exists() or not self.db["turns"].exists():
            return []
        conversation = conversation if conversation is not None else read(path)
        if not kept_back(self.db, conversation.id):  # (the usual case: nothing kept back, no store to make)
            return []
        try:
            with contextlib.suppress(_Undone), self.db.atomic():
                # its turns are all this reads: an empty analysis, and every row rolled back
                empty = Analysis([], [[] for _ in conversation.turns], [], None, [])
                store_asked(self.db, conversation, path.name, empty)
                raise _Undone
        except ShownByHand as error:
            return error.shown
        return []

    def refresh(
        self,
        conversation: str,
        current: Conversation | None = None,
        show: Collection[tuple[float, str, str]] = (),
        given_back: Collection[str] = (),
        reverted: bool = True,
    ) -> Conversation:
        """Rebuild one conversation's rows from its transcript (after an edit), and return it.

        ``current`` is what the transcript now says, when the caller has just written and parsed it
        (the editors' desk): the file is then not parsed again.
        """
        from .transcript import read

        path = self.find(conversation)
        current = current if current is not None else read(path)
        self.store(current, path, show=show, given_back=given_back, reverted=reverted)
        self._changed()
        return current

    def desk(self, conversation: str, actor: str = "editor") -> Desk:
        """One conversation at the editors' desk (see :class:`gesprekken.desk.Desk`): every change
        an editor makes there, checked against the transcript's version, saved and recorded."""
        from .desk import Desk

        return Desk(self, conversation, actor=actor)

    # --- commands ----------------------------------------------------------------------------

    def ingest_each(
        self,
        recordings: Iterable[str | os.PathLike],
        programme: str | os.PathLike | Programme | None = None,
        *,
        model: str | None = None,
        language: str = "nl",
        threads: int = 0,
        num_speakers: int | None = None,
        diarization: bool = True,
        vocabulary: bool = True,
        jobs: int = 1,
        batch_size: int = 0,
        device: str = "cpu",
        beam_size: int | None = None,
        on_progress: Callable[[Path, int, int], Callable[[float, float], None] | None] | None = None,
    ) -> Iterator[tuple[Path, IngestOutcome | GesprekkenError]]:
        """Ingest recordings (files or folders of them), lazily: yields each recording with its
        outcome, or with the error that refused it (the others go on).

        With ``jobs`` above 1, recordings are transcribed in that many worker processes, each
        with its own model and ``threads`` (default: the cores divided among the workers);
        outcomes arrive as recordings finish, and this process stores them one at a time.
        Otherwise Whisper, the speaker model and spaCy load once and recordings go one by one,
        and ``on_progress(path, number, total)``, called as each recording starts, may return a
        callback for seconds of audio done, called with ``done == total`` once Whisper is done with
        the recording and the speakers, analysis and storing begin (in parallel it is called as a
        worker takes a recording, in the order they are taken, and what it returns is not used).
        A recording ingested before (same bytes) is never transcribed again, so an interrupted
        run resumes where it stopped.

        ``batch_size`` above 0 decodes that many stretches of speech at once (faster-whisper's
        batched pipeline); ``beam_size`` is the beam search's width (None: the default, see
        :func:`gesprekken.transcribe.transcribe`). ``device="cuda"`` runs Whisper on the GPU; without
        one it runs on the CPU, and the first outcome's notes say so.
        """
        from .audio import find_recordings
        from .models import choose_device
        from .programme import Programme, read_programme
        from .storage import require_database_folder

        require_database_folder(self.db_path)  # before any work, not after the first transcription
        self._require_transcripts_of_the_database()
        parsed = programme if isinstance(programme, Programme) or programme is None else read_programme(Path(programme))
        self.thesaurus  # noqa: B018 (a broken thesaurus is refused before any work)
        expanded: list[Path] = []
        refused: list[tuple[Path, GesprekkenError]] = []
        for path in map(Path, recordings):
            try:
                expanded.extend(find_recordings([path]))
            except GesprekkenError as e:
                refused.append((path, e))
        yield from refused
        # a programme's conversation whose recording is in none of the folders given, nor a transcript's: said (an
        # attack, session 56: "Tafel vijf, tafel-5.m4a" was never mentioned; one missing from the programme is)
        missing_note = None
        if parsed is not None and any(Path(p).is_dir() for p in recordings):
            # (each transcript's recording by the programme's entry for its name, told apart by its folders: with
            # dag1/gesprek.m4a transcribed, dag2/gesprek.m4a was taken for a transcript's too)
            kept = [
                parsed.by_file_name(Path(found[1].strip().strip("'\"")))[1]
                for transcript_path in self.transcript_files()
                if (found := re.search(r"(?m)^recording:(.*)$", _text_or_nothing(transcript_path)))
            ]
            missing = [
                entry
                for entry in parsed.entries
                if entry.recording
                and all(parsed.match(path) is not entry for path in expanded)
                and not any(entry is their for their in kept)
            ]
            if missing:
                named = "; ".join(f"{entry.recording} ('{entry.title}', line {entry.line})" for entry in missing)
                is_, it = ("is", "it") if len(missing) == 1 else ("are", "them")
                missing_note = (
                    f"the programme {parsed.path} names {named}, which {is_} among no recordings given nor any "
                    f"transcript's: ingest {it} when you have {it}, or correct the file name in the programme"
                )
        device, device_note = choose_device(device)
        options = dict(
            model=model,
            batch_size=batch_size,
            beam_size=beam_size,
            device=device,
            language=language,
            programme=parsed,
            diarization=diarization,
            num_speakers=num_speakers,
            vocabulary=vocabulary,
        )
        for path, outcome in self._ingest_all(expanded, options, jobs, threads, on_progress):
            if device_note and not isinstance(outcome, GesprekkenError):
                outcome.notes.insert(0, device_note)
                device_note = None
            if missing_note and not isinstance(outcome, GesprekkenError):
                outcome.notes.append(missing_note)
                missing_note = None
            if self._site_marks:
                # The published folders answer 503 from the first recording stored until they are
                # rebuilt: rebuilt after each recording, not once after an ingest of hours.
                with contextlib.suppress(Exception):  # withheld meanwhile; the end tries again and says why
                    self._changed()
            yield path, outcome
        if expanded:
            self._changed()

    def _ingest_all(
        self, recordings: list[Path], options: dict, jobs: int, threads: int, on_progress
    ) -> Iterator[tuple[Path, IngestOutcome | GesprekkenError]]:
        from .ingest import Ingester

        if jobs > 1 and len(recordings) > 1:
            yield from self._ingest_in_parallel(recordings, options, jobs, threads, on_progress)
            return
        ingester = Ingester(self, cpu_threads=threads, **options)
        for number, path in enumerate(recordings, start=1):
            progress = on_progress(path, number, len(recordings)) if on_progress else None
            try:
                yield path, ingester.ingest(path, only_recording=len(recordings) == 1, on_progress=progress)
            except GesprekkenError as e:
                yield path, e

    def _ingest_in_parallel(
        self, recordings: list[Path], options: dict, jobs: int, threads: int, on_progress
    ) -> Iterator[tuple[Path, IngestOutcome | GesprekkenError]]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from .errors import ShownByHand
        from .ingest import _ingest_in_worker, _start_worker
        from .transcript import read

        threads = threads or max(1, (os.cpu_count() or 1) // jobs)
        handle = (self.transcripts, self.db_path, self.recordings, self.thesaurus)
        self.db  # noqa: B018 (create and migrate the database before the workers read it)
        # spawn, not fork: CTranslate2 and the speaker model do not survive a fork of a process
        # that has loaded them, and a fresh interpreter per worker keeps memory per worker small.
        context = multiprocessing.get_context("spawn")
        stop = context.Event()
        handled = set()

        def finished(future) -> tuple[Path, IngestOutcome | GesprekkenError] | None:
            path, outcome = future.result()
            if outcome is not None and not isinstance(outcome, GesprekkenError):
                try:
                    self.store(read(outcome.transcript), outcome.transcript)
                except ShownByHand as e:  # a kept transcript's hand edit waits on load: this one, not the run
                    outcome = e
            handled.add(future)  # once stored: a store that Ctrl-C cut short is done again below
            if outcome is None:  # stopped before it was done: nothing written
                return None
            return path, outcome

        taken = 0

        def next_taken() -> None:
            # Workers take the recordings in order, the next as soon as one is free.
            nonlocal taken
            if on_progress and taken < len(recordings):
                on_progress(recordings[taken], taken + 1, len(recordings))
            taken += 1

        with ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(handle, {**options, "cpu_threads": threads}, stop),
        ) as pool:
            futures = []
            try:
                with _workers_deaf_to_ctrl_c():
                    futures += [pool.submit(_ingest_in_worker, path, False) for path in recordings]
                for _ in range(jobs):
                    next_taken()
                for future in as_completed(futures):
                    if result := finished(future):
                        yield result
                    next_taken()
            except (KeyboardInterrupt, GeneratorExit) as stopped:
                # Ctrl-C (it reached the workers too, which ignore it), or the caller stopped asking
                # (GeneratorExit): each worker stops at its next moment of progress, writing nothing
                # half done, and takes no other recording. What finished meanwhile is stored, and
                # after a Ctrl-C yielded too, since the caller tells the user it is kept.
                stop.set()
                pool.shutdown(wait=True, cancel_futures=True)
                for future in futures:
                    if future not in handled and future.done() and not future.cancelled():
                        result = finished(future)
                        if result and isinstance(stopped, KeyboardInterrupt):
                            yield result
                raise

    def ingest(self, recordings: Iterable[str | os.PathLike], programme=None, **options) -> IngestReport:
        """Ingest recordings (see :meth:`ingest_each` for the options) and report what happened."""
        report = IngestReport()
        for path, result in self.ingest_each(recordings, programme, **options):
            if isinstance(result, GesprekkenError):
                report.failures.append((path, result))
            else:
                report.outcomes.append(result)
        return report

    def apply_programme(
        self,
        programme: str | os.PathLike | Programme,
        conversations: Iterable[str] = (),
        dry_run: bool = False,
    ) -> ProgrammeApplication:
        """Apply a programme given (or corrected) after the recordings were ingested to their kept
        transcripts (default: all), as far as no editor changed them (see
        :func:`gesprekken.programme.apply_entry`), and name their voices again; nothing is transcribed.

        Running it again changes nothing more. ``dry_run`` says what it would change, writing nothing.

        Raises:
            ProgrammeError: the programme cannot be read.
            GesprekkenError: a named conversation is not found.
        """
        from .consent import forgotten_in
        from .errors import ShownByHand, TranscriptError
        from .paths import atomic_write
        from .programme import Programme, apply_entry, read_programme
        from .storage import changed_turns, voice_profiles
        from .transcript import loads, read_source, rename_in_headings, replace_front_matter

        parsed = programme if isinstance(programme, Programme) else read_programme(Path(programme))
        self._require_transcripts_of_the_database()
        references = list(conversations)
        paths = [self.find(ref) for ref in references] if references else self.transcript_files()
        report = ProgrammeApplication(parsed.path)
        forgotten = forgotten_in(self.transcripts)
        for path in paths:
            with transcripts_lock(self.transcripts):  # no desk save between the read and the write
                try:
                    text = read_source(path)
                    conversation = loads(text, path)
                except TranscriptError as e:
                    if references:
                        raise
                    report.failed.append(e)
                    continue
                # One conversation named or held: the programme's single conversation without a file name applies.
                entry = parsed.match(Path(conversation.recording), only_recording=len(paths) == 1)
                if entry is None:
                    report.unmatched.append(path)
                    continue
                profiles = voice_profiles(self.db, leave_out=conversation.id) if self.db_path.exists() else {}
                applied = apply_entry(
                    conversation,
                    entry,
                    parsed.conference,
                    profiles,
                    published_by_editors=self.published_by_editors(conversation.id, written_at(parsed.path)),
                    elsewhere=parsed.listed_elsewhere(entry),
                    forgotten=forgotten,
                )
                report.applied.append((path, applied))
                if dry_run or not applied.changes:
                    continue
                updated = rename_in_headings(replace_front_matter(text, applied.conversation), applied.renamed)
                written = loads(updated, path)  # what load will read back
                with atomic_write(path) as handle:
                    handle.write(updated)
                try:
                    # the programme's naming is automatic naming, withheld as such: not load's question
                    self.store(written, path, show=changed_turns(conversation, written))
                except ShownByHand as e:
                    # written as the programme says (a withdrawal must not wait on it, a reviewer's read); the rows
                    # wait on load's question of a hand edit, off the public site
                    report.held.append(e)
                except BaseException:
                    # Transcript and database must not tell different stories: the transcript goes back.
                    with atomic_write(path) as handle:
                        handle.write(text)
                    raise
                if self.db_path.exists():
                    # in the desk's history, as publication's and speakers' (what it set is then no change an older
                    # copy of the file undid: storage.undone_changes)
                    self.desk(written.id, actor="commando").record_command(
                        "programma",
                        f"Programma toegepast: {'; '.join(applied.changes)} (met een commando)",
                        {"changes": applied.changes},
                        text,
                        updated,
                    )
        if not dry_run and any(applied.changes for _, applied in report.applied):
            self._changed()
        return report

    def load(self, yes: bool | Collection[str] = False) -> LoadResult:
        """Rebuild the database from every transcript, in one transaction (see
        :func:`gesprekken.storage.load_folder`); with ``yes``, also where a hand edit shows turns the database
        kept back under another speaker (the editor says they are the new speaker's): True for every
        conversation, else the ids of those meant.

        Raises:
            GesprekkenError: the transcripts folder does not exist.
        """
        from .storage import load_folder

        self._require_transcripts_of_the_database()
        if not self.transcripts.is_dir():
            raise GesprekkenError(f"The transcripts folder {self.transcripts} does not exist; ingest a recording first")
        themes = self.themes()
        self._withhold_sites()
        with self.db.atomic():
            result = load_folder(self.db, self.transcripts, themes, self.analyse_conversation, show=yes)
            self._remember_thesaurus()
        self._themes_stored = True
        result.notes.extend(self._recordings_not_their_own())
        result.notes.extend(self.transcripts_out_of_reach())
        self._changed()
        return result

    def transcripts_out_of_reach(self) -> list[str]:
        """A note for each transcript in a folder inside transcripts/ (an editor's "archief/"), which no command reads:
        its conversation left the database without a word, and the next ingest of its recording transcribed it again
        without its edits (an attack, session 58)."""
        from .storage import ID_LINE

        notes = []
        # (without following links: "transcripts/self -> ." made the live transcripts "out of reach", a reviewer's read)
        inside = [
            Path(folder) / name
            for folder, dirs, files in os.walk(self.transcripts)
            if Path(folder) != self.transcripts
            for name in files
            if name.endswith(".md")
        ]
        for path in sorted(inside):
            if any(part.startswith(".") for part in path.relative_to(self.transcripts).parts):
                continue  # (gesprekken's own hidden folders)
            try:
                head = path.read_text(encoding="utf-8-sig", errors="replace")[:2000]
            except OSError:
                continue
            if head.startswith("---") and ID_LINE.search(head):
                notes.append(
                    f"{path} is a transcript in a folder inside {self.transcripts}, which gesprekken does not read: "
                    f"its conversation is not loaded, and an ingest of its recording transcribes it anew without its "
                    f"edits; move it into {self.transcripts} itself, or delete it"
                )
        return notes

    def _recordings_not_their_own(self, only: Collection[str] | None = None) -> list[str]:
        """A note for each conversation (of ``only``) whose recording is not the file it was transcribed from (its
        ``recording:`` pointed at another, the file replaced under its name): the public site plays none for it
        (:func:`gesprekken.publish.recording_is_its_own`), which a reviewer found said nowhere (session 51)."""
        from .audio import unplayable
        from .publish import recording_is_its_own, recording_source, shared_recordings

        rows = self.db.execute("SELECT id, transcript_file, recording, recording_sha256 FROM conversations").fetchall()
        shas = {sha for *_, sha in rows if sha}
        names = {cid: name for cid, name, *_ in rows}
        shared = shared_recordings(self.db, self.transcripts, self.recordings)
        notes = []
        for cid, name, recording, sha256 in rows:
            if only is not None and cid not in only:
                continue
            if cid in shared:
                notes.append(
                    f"{name}: its recording {recording} is {names[shared[cid][0]]}'s too, so the public site plays it "
                    "for neither (what one kept back for someone's consent the other would play); give each its own "
                    "recording, and run 'gesprekken load' again"
                )
            elif (source := recording_source(self.transcripts, self.recordings, recording)) is not None and (
                not recording_is_its_own(source, sha256 or "", self.recordings, shas - {sha256})
            ):
                notes.append(
                    f"{name}: its recording {recording} is not the file it was transcribed from (the file's SHA-256 "
                    f"is {'not its recording_sha256' if sha256 else 'another conversation’s'}), so the public site "
                    "plays no recording for it; put that recording back, or point 'recording:' at it, and run "
                    "'gesprekken load' again"
                )
            elif source is not None and not sha256 and (problem := unplayable(source)):
                # (one named by hand, which ingest never looked at: with its SHA-256, it is the file ingest decoded)
                notes.append(
                    f"{name}: its recording {recording} {problem}, so the public site plays no recording for it; put "
                    "the conversation's recording there, or point 'recording:' at it, and run 'gesprekken load' again"
                )
        return notes

    def analyse(self, conversations: Iterable[str] = ()) -> list[tuple[Conversation, Analysis]]:
        """Rerun the analysis of the named conversations (default: all) and store it.

        Raises:
            GesprekkenError: a conversation is not in the database yet.
        """
        from .storage import store_analysis, store_themes
        from .transcript import read

        themes = self.themes()  # a broken thesaurus is refused before the database is opened
        self._require_db()  # (a typo in --db made an empty one, and said to load into it)
        paths = [self.find(c) for c in conversations] or self.transcript_files()
        loaded = {row["id"] for row in self.db.query("SELECT id FROM conversations")}
        results = []
        edited = []
        for path in paths:
            conversation = read(path)
            if conversation.id not in loaded:
                raise GesprekkenError(f"{path.name} is not in {self.db_path}; run 'gesprekken load' first")
            # the analysis is of the turns the database holds: a hand edit not loaded yet gave quotes that no turn
            # says (an attack, session 56), and load has its questions of such an edit first
            stored = self.db.execute(
                "SELECT speaker, text FROM turns WHERE conversation_id = ? ORDER BY seq", [conversation.id]
            ).fetchall()
            if [tuple(row) for row in stored] != [(t.speaker, t.text) for t in conversation.turns]:
                edited.append(path.name)
                continue
            results.append((conversation, self.analyse_conversation(conversation)))
        if edited:
            raise GesprekkenError(
                f"{', '.join(edited)} {'was' if len(edited) == 1 else 'were'} edited since the last load, so nothing "
                "was analysed; run 'gesprekken load' (which analyses what it loads), then this command if still needed"
            )
        self._withhold_sites()
        with self.db.atomic():
            store_themes(self.db, themes)
            self._remember_thesaurus()
            for conversation, analysis in results:
                store_analysis(self.db, conversation, analysis)
        self._themes_stored = True
        self._changed()
        return results

    def speakers(
        self,
        conversation: str,
        rename: Iterable[tuple[str, str]] = (),
        merge: Iterable[tuple[str, str]] = (),
        force: bool = False,
        record: bool = True,
    ) -> list[SpeakerSummary]:
        """A conversation's speakers; with ``rename`` (OLD, NEW) and ``merge`` (FROM, INTO) pairs,
        first changes its transcript (headings and the speakers block) and its rows. The renames are
        made at once, so two voices can swap names; if any change cannot be made, none is. A voice
        that introduces itself as another participant is renamed only with ``force`` (see
        :func:`gesprekken.corrections.rename_speakers`). With ``record`` (a command's change, not the desk's,
        which records its own), the change is noted in the editors' desk's history."""
        from .corrections import (
            ForgottenName,
            refuse_merging_against_words,
            refuse_showing,
            rename_speaker,
            rename_speakers,
            summarise,
        )
        from .errors import ShownByHand
        from .paths import atomic_write
        from .storage import changed_turns
        from .transcript import loads, read

        path = self.find(conversation)
        rename, merge = list(rename), list(merge)
        if not rename and not merge:
            return summarise(read(path))
        if not force and rename:
            from .consent import forgotten_in

            # (an editor who typed a forgotten name could not know it was: forget keeps only its record of whom)
            forgotten = forgotten_in(self.transcripts)
            if gone := next((new for _, new in rename if forgotten(new)), None):
                raise ForgottenName(gone, path.name)
        with transcripts_lock(self.transcripts):  # no desk save between the read and the write
            source = path.read_bytes()
            try:
                if rename:  # all at once: two voices swap their names
                    rename_speakers(path, rename, force=force)
                for old, new in merge:
                    rename_speaker(path, old, new, merge=True)
                current = read(path)
                before = loads(source.decode("utf-8-sig"), path)
                if not force:
                    refuse_showing(path, before, current)
                    for old, new in merge:
                        refuse_merging_against_words(path, before, old, new)
                try:
                    # what this rename or merge changes was asked above (refuse_showing, or --force): only a hand
                    # edit elsewhere is load's question (a reviewer's read)
                    self.store(current, path, show=changed_turns(before, current))
                except ShownByHand as e:
                    # written, the rows kept as they were and off the public site until load is answered
                    self._changed()
                    raise ShownByHand(f"the voices are renamed in {path.name}; but {e}", e.shown) from e
            except ShownByHand:
                raise
            except BaseException:
                # A rename kept before a merge that failed (or a database that could not be written)
                # would leave transcript and database telling different stories of who said what.
                if path.read_bytes() != source:
                    with atomic_write(path, "wb", encoding=None) as handle:
                        handle.write(source)
                raise
        self._changed()
        after = path.read_bytes()
        if record and after != source and self.db_path.exists():
            # in the desk's history, as publication's (a helper's run, session 54: an open desk said only that the
            # transcript changed outside it, and its history had no word of a name changed everywhere)
            named = {speaker.label: speaker.name for speaker in before.speakers}  # --confirm: a voice to its own name
            said = [f"{new} bevestigd" if new in (old, named.get(old)) else f"{old} → {new}" for old, new in rename]
            said += [f"{old} samengevoegd met {into}" for old, into in merge]
            detail = {"rename": [list(pair) for pair in rename], "merge": [list(pair) for pair in merge]}
            self.desk(current.id, actor="commando").record_command(
                "stemmen",
                f"Stemmen: {'; '.join(said)} (met een commando)",
                detail,
                source.decode("utf-8"),
                after.decode("utf-8"),
            )
        return summarise(current)

    def attributions(self, person: str, conversations: Iterable[str] = ()) -> list[Attribution]:
        """For each conversation (default: all) in which ``person`` speaks: whether their turns
        rest on a confirmed name or on automatic naming, with its confidence and evidence."""
        from .naming import attribution
        from .transcript import read

        references = list(conversations)
        paths = [self.find(ref) for ref in references] if references else self.transcript_files()
        found = []
        for path in paths:
            result = attribution(read(path), person)
            if result.turns:
                found.append(result)
        return found

    def named_elsewhere(self, person: str, conversation_id: str) -> list[tuple[str, str]]:
        """The published conversations other than ``conversation_id`` in which ``person`` is no participant and
        others name them (in a turn, the title or the conference's name), as (id, title): a withdrawal holds for
        the conversation it is made in, where ``forget`` takes the name out of every one (a helper's attack,
        session 44: "Wethouder Kees Mol vertelde mij ..." stayed public at another table)."""
        from .consent import (
            INVISIBLE,
            as_seen,
            given_and_surname,
            left_out_names,
            name_as_said,
            name_spans,
            other_spellings,
        )
        from .names import PARTICLES

        db, found = self.db, []
        if not db["conversations"].exists():
            return found
        # Said by a form with the surname in it ("Kees Mol", "meneer Mol", "kees.mol"): "Kees" alone may be anyone
        # of that name there (a reviewer's find: "Dank je, Kees." to Kees Jansen)
        last = given_and_surname(name_as_said(person))[1] or person.split()
        words = [w for w in re.split(r"[-\s]", " ".join(last)) if w and w.casefold() not in PARTICLES]
        # as Whisper may write it ("Meyer", "Janssen", "Cramer"): its spellings from the name as written
        surnames = {spelt.casefold() for word in words for spelt in [word, *other_spellings(word)]}
        for cid, title, conference in db.execute(
            "SELECT id, title, conference FROM conversations c WHERE status = 'published' AND id != ? AND NOT EXISTS "
            "(SELECT 1 FROM participants p WHERE p.conversation_id = c.id AND lower(p.name) = lower(?)) ORDER BY id",
            [conversation_id, person],
        ).fetchall():
            people = db.execute("SELECT name, organisation FROM participants WHERE conversation_id = ?", [cid])
            variants, keep = left_out_names([person], people.fetchall())
            said = [row[0] or "" for row in db.execute("SELECT text FROM turns WHERE conversation_id = ?", [cid])]
            text = "\n\n".join([title or "", conference or "", *said])  # one pass: quicker than one a turn
            # any part of a double surname: "Kees de Wit" of Kees de Wit-Hoogerwerf
            spans = name_spans(text, variants, keep)
            # (read as it shows: "Кees Mulder" with a Cyrillic К, consent.as_seen)
            if any(word in as_seen(INVISIBLE.sub("", text[a:b])).casefold() for a, b in spans for word in surnames):
                found.append((cid, title))
        return found

    def _names(self) -> set[str]:
        """Every participant's and speaker's name in the transcripts that read."""
        from .errors import TranscriptError
        from .transcript import read

        names = set()
        for path in self.transcript_files():
            try:
                conversation = read(path)
            except TranscriptError:
                continue
            names |= {p.name for p in conversation.participants} | {t.speaker for t in conversation.turns}
        return names

    def names_like(self, person: str, names: set[str] | None = None) -> list[str] | None:
        """None when ``person`` is a participant or speaks in some conversation; else the participants
        and speakers whose names are close to it (another spelling, a name before a rename), best first.
        ``names``: :meth:`_names`, where the caller read them already.
        """
        from difflib import get_close_matches

        names = self._names() if names is None else names
        if unicodedata.normalize("NFC", person) in {unicodedata.normalize("NFC", name) for name in names}:
            return None  # composed or decomposed ("Zoë"), the same name
        return get_close_matches(person, sorted(n for n in names if not n.startswith("[")), n=3, cutoff=0.6)

    def spelt_as(self, person: str) -> str:
        """``person`` as the one participant or speaker whose name it is in another case ("joost de boer", "JOOST DE
        BOER" for Joost de Boer: one was refused as a close name, the other went on as nobody's, session 56's
        attack), else as given."""
        names = {unicodedata.normalize("NFC", n) for n in self._names() if n[:1] != "["}
        said = unicodedata.normalize("NFC", person)
        if said in names:
            return person
        same = [n for n in names if n.casefold() == said.casefold()]
        return same[0] if len(same) == 1 else person

    def names_with_part(self, part: str, names: set[str] | None = None) -> list[str]:
        """The participants' and speakers' names of which ``part`` is a part, whole words in any case (a first name
        or a surname alone: "Fatma" of Fatma Yilmaz), where ``part`` is no one's whole name. ``names``: as for
        :meth:`names_like`."""
        words = re.split(r"[\s-]+", unicodedata.normalize("NFC", part).casefold().strip())
        names = {unicodedata.normalize("NFC", n) for n in (self._names() if names is None else names) if n[:1] != "["}
        if not part.strip() or part in names:
            return []
        found = []
        for name in sorted(names):
            said = re.split(r"[\s-]+", name.casefold())  # "Demir" of Fatma Yilmaz-Demir too (a reviewer's read)
            if len(said) > len(words) and any(said[k : k + len(words)] == words for k in range(len(said))):
                found.append(name)
        return found

    def _check_attribution(self, person: str, found: list[Attribution], action: str) -> None:
        """Refuse to act on a name that rests on uncertain automatic naming (see :data:`ACT_ON_NAME`).

        Raises:
            AttributionError: naming each such conversation, its confidence and evidence.
        """
        uncertain = [a for a in found if not a.confirmed and a.confidence < ACT_ON_NAME]
        if not uncertain:
            return
        described = "; ".join(
            f"in {a.title!r} ({a.conversation_id[:8]}) {a.turns} turns rest on automatic naming at "
            f"confidence {a.confidence:.2f} ({', '.join(a.evidence[:2]) or 'no evidence'})"
            for a in uncertain
        )
        raise AttributionError(
            f"{action} {person} would act on a name that may be wrong, and so on someone else's words: {described}; "
            f"listen and confirm the name with 'gesprekken speakers {uncertain[0].conversation_id[:8]} --confirm "
            f'"{person}"\' (or fix it), or pass --yes to go ahead'
        )

    def _check_unnamed_voice(self, person: str) -> None:
        """Refuse to forget a participant of a conversation where a voice is still unnamed: their words,
        all of them (they speak in no turn, or the voice introduces itself as them) or a part (a split
        voice), may stay under that voice, and, with their participant entry gone, nothing would keep
        it from the public any more (see Conversation.published_for, unheard and introduced_as).

        Raises:
            GesprekkenError: naming the first such conversation, its unnamed voices and what to do.
        """
        from .transcript import read

        for path in self.transcript_files():
            conversation = read(path)
            voices = conversation.unnamed_voices()
            # An unnamed voice that introduces itself as them is withheld as theirs only while they are a
            # participant (see Conversation.introduced_as), even where they have a named voice too.
            taken = set(conversation.named_like(person))  # forget takes those turns too
            introduced = [v for v, p in conversation.introduced_as(set()).items() if p == person and v in voices]
            introduced = [v for v in introduced if v not in taken]
            voices = [v for v in voices if v not in taken]
            unheard = person in conversation.unheard(set())
            theirs = any(p.name.casefold() == person.casefold() for p in conversation.participants)
            if not voices or not (unheard or introduced or theirs):
                continue
            from .consent import name_their_voice

            where = f"{conversation.title!r} ({conversation.id[:8]})"
            are = "is" if len(voices) == 1 else "are"
            if unheard or introduced:
                why = (
                    f"{person} has no named voice in {where}, where {', '.join(voices)} {are} unnamed"
                    if unheard
                    else f"{', '.join(introduced)} in {where} introduces itself as {person} but is unnamed"
                )
                raise GesprekkenError(
                    f"{why}: forgetting them would leave their words there; "
                    f"{name_their_voice(conversation, person)}, and forget again, or pass --yes if they did not speak"
                )
            # They speak under their name, and a part of their voice may be unnamed (diarization split it),
            # which their entry keeps back (Conversation.published_for): merged into theirs, forget takes it.
            raise GesprekkenError(
                f"{', '.join(voices)} in {where} {are} unnamed and may be {person} too: forgetting them would "
                f"leave those words there; listen, and merge a part of their voice into theirs with "
                f"'gesprekken speakers {conversation.id[:8]} --merge \"VOICE={person}\"', and forget again, "
                "or pass --yes if none of it is theirs"
            )

    def publication(
        self, conversation: str, status: str, participant: str | None = None, yes: bool = False, record: bool = True
    ) -> Conversation:
        """Set the publication status of a conversation, or of one of its participants.

        The database is changed first, in a transaction that commits only once the transcript
        is rewritten: if either write fails (a full disk), both stay as they were. Withdrawing a
        participant whose turns rest on automatic naming below :data:`ACT_ON_NAME` stops with
        :class:`AttributionError` unless ``yes``. With ``record`` (a command's change, not the
        desk's, which records its own), the change is noted in the editors' desk's history.
        """
        from .consent import set_status
        from .errors import ShownByHand
        from .transcript import read

        path = self.find(conversation)
        text = path.read_text(encoding="utf-8")
        before = read(path)
        if participant:
            participant = as_listed(participant, [p.name for p in before.participants])
        stored = self.stored_status(before.id, participant)
        if participant and status == "withdrawn" and not yes:
            self._check_attribution(participant, self.attributions(participant, [path.name]), "Withdrawing")
        held = None
        try:
            with set_status(path, status, participant) as changed:
                if self.db_path.exists():
                    try:
                        # (the command is the editor's word that a withdrawal is taken back: the desk asks first)
                        self.store(changed, path, given_back=[participant or ""] if status != "withdrawn" else ())
                    except ShownByHand as e:
                        # a hand edit elsewhere in the file waits on load's question, the conversation off the public
                        # site meanwhile; the status is written all the same (a withdrawal must not wait on it), and
                        # the rows kept take it too: no voice profile of someone not published is kept meanwhile, for
                        # an ingest to recognise them by (a reviewer's read)
                        held = e
                        if participant:
                            with self.db.atomic():
                                self.db.execute(
                                    "UPDATE participants SET status = ? WHERE conversation_id = ? AND name = ?",
                                    [status, changed.id, participant],
                                )
                                if status != "published":
                                    self.db.execute(
                                        "DELETE FROM voice_profiles WHERE conversation_id = ? AND name = ?",
                                        [changed.id, participant],
                                    )
        except PermissionError as e:
            # the transcript could not be replaced (read-only, locked) after the database took the status: a change to
            # less public stays there (the public site keeps them back at once), one to more public is taken back (an
            # attack, session 57: the database said withdrawn, the file published, with a traceback, and the next
            # load blamed an older copy of the file)
            from .transcript import STATUSES

            was = stored if stored is not None else before.status_of(participant)
            stricter = STATUSES.index(status) > STATUSES.index(was)
            # what the database holds now: the store may not have run (a read-only folder fails before the file is
            # begun: a reviewer's read, session 57, where this said the database had the withdrawal it had not)
            taken = status != was and self.db_path.exists() and self.stored_status(before.id, participant) == status
            if taken and not stricter:
                self.store(before, path)
            self._changed()  # the public copy follows what the database has now
            kept = (
                f"the database has it {status} already (the site and exports follow it), but"
                if taken and stricter
                else ""
            )
            raise GesprekkenError(
                f"Cannot write {path}: {e.strerror or e}; {kept or 'nothing changed:'} the transcript still says "
                f"{was}: make the file and its folder writable (chmod u+w, or chattr -i) and run this command again"
            ) from e
        self._changed()
        after = path.read_text(encoding="utf-8")
        # (the rows too: a withdrawal an older copy of the file took back is one to take back now, a reviewer's read)
        if record and (after != text or stored not in (None, status)) and self.db_path.exists():
            from .desk import publication_summary

            # (what the public saw: the rows' status where an older copy of the file says otherwise)
            was = stored if stored is not None else before.status_of(participant)
            summary = f"{publication_summary(participant, was, status)} (met een commando)"
            detail = {"participant": participant, "from": was, "to": status}
            self.desk(changed.id, actor="commando").record_command("publicatie", summary, detail, text, after)
        if held is not None:
            done = f"written in {path.name}" if after != text else "already so"
            raise ShownByHand(f"{participant or changed.title}: {status}, {done}; but {held}", held.shown)
        return changed

    def published_by_editors(self, conversation_id: str, since: float | None = None) -> set[str]:
        """Whom the desk's history has published last (at the desk or by a command), after ``since`` (a time stamp:
        when the programme was last written): their names, "" for the conversation itself; a programme's "internal"
        for them is the earlier word (see apply_entry). A programme written since is the later word (a reviewer's
        read, session 56: any publication in the history won over a programme corrected after it)."""
        import datetime

        if not self.db_path.exists() or not self.db["edits"].exists():
            return set()
        latest: dict[str, tuple[str, str]] = {}
        for at, detail in self.db.execute(
            "SELECT at, detail FROM edits WHERE conversation_id = ? AND action = 'publicatie' ORDER BY id",
            [conversation_id],
        ).fetchall():
            change = json.loads(detail or "{}")
            if isinstance(change, dict) and isinstance(change.get("to"), str):
                latest[change.get("participant") or ""] = (change["to"], at)

        def after(at: str) -> bool:
            with contextlib.suppress(ValueError):
                return since is None or datetime.datetime.fromisoformat(at).timestamp() > since
            return False

        return {name for name, (status, at) in latest.items() if status == "published" and after(at)}

    def stored_status(self, conversation_id: str, participant: str | None = None) -> str | None:
        """The publication status the database has for the conversation, or for ``participant`` of it; None where it
        has none (not loaded, or no such participant). It may differ from the transcript's until a load answers."""
        if not self.db_path.exists():
            return None
        if participant is None:
            row = self.db.execute("SELECT status FROM conversations WHERE id = ?", [conversation_id]).fetchone()
            return row[0] if row else None
        # by the name, else by a spelling an editor corrected (the file written back from before the correction:
        # a reviewer's read, session 55)
        rows = self.db.execute(
            "SELECT name, earlier_spellings, status FROM participants WHERE conversation_id = ?", [conversation_id]
        ).fetchall()
        key = participant.casefold()
        found = [status for name, _, status in rows if name.casefold() == key]
        found += [status for _, earlier, status in rows if key in {n.casefold() for n in json.loads(earlier or "[]")}]
        return found[0] if found else None

    def unfinished_forget(self) -> str | None:
        """The person whose forget was interrupted (its journal beside the transcripts), which the next forget of
        them finishes and any other forget waits for; None where no forget is unfinished."""
        from .consent import pending_forget

        pending = pending_forget(self.transcripts)
        return pending["person"] if pending else None

    def forget(
        self, person: str, dry_run: bool = False, rename_recordings: bool = False, yes: bool = False
    ) -> ForgetResult:
        """Remove ``person`` from everything the workspace keeps (see :func:`gesprekken.consent.forget`);
        with ``rename_recordings``, recordings whose file name carries their name are renamed.

        Where their turns rest on automatic naming below :data:`ACT_ON_NAME`, it stops with
        :class:`AttributionError` (changing nothing) unless ``yes`` or ``dry_run``.
        """
        from .consent import CHANGED_BY_HAND, forget, pending_forget

        if not any(c.isalnum() for c in person):
            # it would match everywhere: every export deleted and the desk's history with it (an organiser's run,
            # session 55: 'forget "$NAAM"' with the variable unset, exit 0)
            raise GesprekkenError(
                f"{person!r} is no name (it has no letter in it), so nothing was forgotten; pass the person's whole "
                "name, as in 'gesprekken forget \"Joost de Boer\"'"
            )
        # (else "No one called 'Ann Bos' in transcripts; check the spelling", where she is in the database and the site)
        self._require_transcripts_of_the_database()
        if not dry_run and self.transcripts.is_dir():
            # first, whether the transcripts folder may be written: read-only, forget stopped at its first write there,
            # after its look at what would show (a store rolled back) had left the database's WAL changed (session
            # 60's list). A file made and deleted, named as a temporary one, so that the folder is named if not.
            import tempfile

            with tempfile.NamedTemporaryFile(dir=self.transcripts, prefix=".forget.", suffix=".tmp"):
                pass
        if not dry_run and not yes:
            # an article draft an editor worked on was deleted before a word of it (an editor's read of the exports,
            # session 56): asked first, nothing forgotten yet; their own work copied out, --yes goes on
            edited = [
                removal.where
                for removal in self.forget(person, dry_run=True, rename_recordings=rename_recordings).removals
                if CHANGED_BY_HAND in removal.what
            ]
            if edited:
                raise GesprekkenError(
                    f"forget would delete {', '.join(edited)}, changed by hand since gesprekken wrote "
                    f"{'it' if len(edited) == 1 else 'them'} (an editor's work?), so nothing was forgotten yet; copy "
                    "out what you need (without the person), then run it again with --yes"
                )
        pending = pending_forget(self.transcripts)
        names = self._names()  # every transcript read once for both questions below
        renamed = [name for name in self.names_like(person, names) or [] if _renamed_from(person, name)]
        if renamed and not yes and not (pending and pending["person"] == person):
            # A stale name (before a rename) would take only mentions of it, leaving the person's turns;
            # but a close name may be someone else's, whom following the advice blindly would delete.
            run = "run 'gesprekken forget' with it"
            if len(renamed) == 1:
                run = f"run 'gesprekken forget \"{renamed[0]}\"'"
            raise GesprekkenError(
                f"{person!r} is no participant and speaks in no conversation, but {' or '.join(map(repr, renamed))} "
                f"does: if {' or '.join(map(repr, renamed))} is {person!r} under a new name, {run}; if {person!r} "
                f"is someone else, pass --yes to take only the mentions of {person!r} out of other people's words"
            )
        asked = yes or renamed or (pending and pending["person"] == person)
        partial = [] if asked else self.names_with_part(person, names)
        if partial:
            # A first name or a surname alone would take only that word out of what people said, and every export
            # and history entry that says it, and leave the participant as they were (a newcomer's run, session
            # 48: 'forget "Fatma"' for Fatma Yilmaz, exit 0).
            named = " or ".join(map(repr, partial))
            run = "run 'gesprekken forget' with the whole name"
            if len(partial) == 1:
                run = f"run 'gesprekken forget \"{partial[0]}\"'"
            raise GesprekkenError(
                f"{person!r} is no participant and speaks in no conversation, but it is a part of the name of {named}: "
                f"to forget her or him, {run}; if {person!r} is someone else, pass --yes to take only the mentions "
                f"of {person!r} out of other people's words"
            )
        found = self.attributions(person)
        if not dry_run and not yes:
            self._check_attribution(person, found, "Forgetting")
            self._check_unnamed_voice(person)
        try:
            result = forget(self, person, dry_run=dry_run, rename_recordings=rename_recordings)
        except GesprekkenError:
            if not dry_run and (self._public_pending() or self._stale_sites()):
                # Run again after one killed between its database and the public surfaces: nobody
                # is left to forget, but the public copy and folders may still hold them.
                self._changed()
            raise
        result.attributions = found
        if not dry_run:
            from .consent import after_forget_note, held_note
            from .transcript import read

            # Where they spoke, the voices left that automatic naming alone named stay back (held_for_naming),
            # and so do the unnamed ones: a part of the forgotten voice may be under one.
            for attributed in found:
                conversation = read(self.find(attributed.conversation_id))
                result.notes += [n for n in (held_note(conversation), after_forget_note(conversation)) if n]
            self._changed()
            if reached := self.public_state.reached():
                result.notes.append(
                    f"rebuilt without {person}: {', '.join(reached)} (public recordings with their voice silent)"
                )
        return result

    # --- exports -----------------------------------------------------------------------------

    def exportable(
        self, conversations: Iterable[str] = (), include_unpublished: bool = False
    ) -> tuple[list[Conversation], list[str]]:
        """The named conversations (default: all) as far as consent allows, and what was left out.

        Raises:
            GesprekkenError: there is nothing to export.
        """
        from .export import without_names

        pairs, warnings = self._exportable(conversations, include_unpublished)
        return [without_names(whole, part)[0] for whole, part in pairs], warnings

    def _exportable(
        self, conversations: Iterable[str], include_unpublished: bool
    ) -> tuple[list[tuple[Conversation, Conversation]], list[str]]:
        """As :meth:`exportable`, each conversation as read and as far as consent allows; one that waits on load's
        question of a hand edit (:meth:`would_show`) is left out and held off the public site.

        Raises:
            ShownByHand: a conversation named waits on load's question.
        """
        from .errors import ShownByHand
        from .export import left_out, nothing_exportable, publishable
        from .storage import shown_by_hand_said
        from .transcript import read

        self._require_transcripts_of_the_database()
        references = list(conversations)
        paths = [self.find(ref) for ref in references] if references else self.transcript_files()
        if not paths:
            raise GesprekkenError(f"{self.transcripts} holds no transcripts; ingest a recording first")
        # a hand edit that gives a turn kept back to someone shown waits on load's question: not exported meanwhile
        # (a reviewer's read: an export read the file as it was, Kees Mol's words under Ann's name)
        read_all, held = [], []
        for path in paths:
            conversation = read(path)
            if shown := self.would_show(path, conversation):
                self.hold(conversation.id)
                said = shown_by_hand_said(path.name, shown, conversation.id, by="an export", where="in it")
                if references:
                    raise ShownByHand(f"Nothing exported: {said}", shown)
                held.append((said, shown))
            else:
                read_all.append(conversation)
        warnings = [f"left out: {said}" for said, _ in held]
        warnings += left_out(read_all, include_unpublished)
        pairs = [(c, part) for c in read_all if (part := publishable(c, include_unpublished)) is not None]
        if not pairs and held:
            raise ShownByHand(f"Nothing exported: {held[0][0]}", held[0][1])
        if not pairs:
            raise GesprekkenError(nothing_exportable(read_all, include_unpublished))
        if references and not any(turn.text.strip() for _, part in pairs for turn in part.turns):
            # consent left no turn of those named: an empty file said only "wrote ..." (an editor's read of the
            # exports, session 56); said in so many words, with the reasons above it
            titles = ", ".join(f"'{whole.title}'" for whole, _ in pairs)
            warnings.append(f"no turn of {titles} may be shown, so the file holds none of what was said (see above)")
        return pairs, warnings

    def _analysed(self, pairs: list[tuple[Conversation, Conversation]]) -> list[tuple[Conversation, Analysis]]:
        """Each exportable part with the analysis an export shows (see :func:`gesprekken.export.public_analysis`)."""
        from .export import public_analysis, without_names

        return [
            without_names(whole, part, public_analysis(whole, part, self.analyse_conversation)) for whole, part in pairs
        ]

    def export_article(
        self,
        path: str | os.PathLike,
        conversations: Iterable[str] = (),
        fmt: str = "md",
        title: str | None = None,
        intro: str | None = None,
        box: bool = True,
        include_unpublished: bool = False,
        record: bool = True,
        force: bool = False,
    ) -> Export:
        """Write an article draft (md, docx or html) of the conversations (default: all).

        ``record=False`` does not remember the file for ``forget`` (a download that leaves the machine).
        A file at ``path`` that this workspace's exports did not write, or that changed since it wrote it (an
        editor worked on the draft), is replaced only with ``force``.

        Raises:
            ExportError: the file cannot be written, or holds what may be someone's work (without ``force``).
        """
        from . import export

        with self._exporting(record):
            pairs, warnings = self._exportable(conversations, include_unpublished)
            warnings += export.lost_headlines(pairs)
            kept = [part for _, part in pairs]
            loaded = self._analysed(pairs)
            if len(loaded) > 1:
                # the conference's name, the article's title, without anyone any of them leaves out
                shown = [export.conference_without_their_names(c.conference, pairs) for c, _ in loaded]
                loaded = [(replace(c, conference=name), a) for (c, a), name in zip(loaded, shown, strict=True)]
            hidden = self._not_public(pairs, include_unpublished)
            given = [export.without_their_names(text, pairs) if text else text for text in (title, intro)]
            if given != [title, intro]:
                warnings.append(
                    "the --title or --intro given names someone this export leaves out, or their organisation or "
                    "role: the article has '[naam verwijderd]' (or '[organisatie verwijderd]', '[functie "
                    "verwijderd]') there; write it without them"
                )
            blocks = export.article_blocks(loaded, given[0], given[1], box, self.thesaurus, hidden)
            # a concept says so inside, and what in it is not public yet: not only in its file's name, which is gone
            # once the text is pasted or the file renamed (an editor's run, session 53); and by each name (session 54)
            if concept := self._concept(loaded, hidden):
                blocks.insert(0, export.Paragraph("concept", concept))
            written = self._export(
                Path(path),
                "article",
                kept,
                warnings,
                lambda p: export.write_article(blocks, fmt, p),
                record,
                force,
                concept,
            )
            written.notes[:0] = export.unnamed_notes(kept)
            return written

    def export_subtitles(
        self,
        path: str | os.PathLike,
        conversation: str,
        fmt: str = "vtt",
        include_unpublished: bool = False,
        record: bool = True,
        force: bool = False,
        speakers: bool = True,
    ) -> Export:
        """Write subtitles (srt or vtt) of one conversation (``record``: see :meth:`export_article`), each change of
        speaker shown ("Joost de Boer: ...") unless not ``speakers``."""
        from .export import NothingToSubtitle, render_srt, render_vtt, too_short_to_read, without_names, write_text

        with self._exporting(record):
            pairs, warnings = self._exportable([conversation], include_unpublished)
            kept = without_names(*pairs[0])[0]
            if not any(turn.text.strip() for turn in kept.turns):
                # an empty file with exit 0 (an attack, session 57): no subtitle to show is no subtitles file
                raise NothingToSubtitle(
                    f"Nothing to subtitle in {pairs[0][0].title}: consent leaves no turn of it in "
                    f"({'; '.join(warnings) or 'no turn is public'}); nothing was written"
                )
            # (only the speakers: subtitles list no participants, a reviewer's read)
            hidden = self._not_public(pairs, include_unpublished)
            note = self._concept([(kept, None)], hidden, listed=False)
            marked = hidden[0].turns if hidden else frozenset()
            if fmt == "srt":  # SRT has no place for a note: each cue of what is not public says so
                text = render_srt(kept, speakers, marked)
            else:
                text = render_vtt(kept, speakers, note=note, not_public=marked)
            written = self._export(
                Path(path), "subtitles", [kept], warnings, lambda p: write_text(text, p), record, force, note
            )
            written.notes += too_short_to_read(kept)
            return written

    def export_data(
        self,
        path: str | os.PathLike,
        conversations: Iterable[str] = (),
        fmt: str = "json",
        include_unpublished: bool = False,
        record: bool = True,
        force: bool = False,
    ) -> Export:
        """Write every quote and action point (json, csv or xlsx) of the conversations (default: all;
        ``record``: see :meth:`export_article`)."""
        from .export import data_rows, mark_public, publishable, write_data

        with self._exporting(record):
            pairs, warnings = self._exportable(conversations, include_unpublished)
            kept = [part for _, part in pairs]
            loaded = self._analysed(pairs)
            rows = data_rows(loaded, self.thesaurus)
            concept = self._concept(loaded, self._not_public(pairs, include_unpublished), listed=False)
            if include_unpublished:  # which rows the public export has, word for word (and then as it has them)
                public = [(whole, part) for whole, _ in pairs if (part := publishable(whole)) is not None]
                rows = mark_public(rows, data_rows(self._analysed(public), self.thesaurus))
            return self._export(
                Path(path), "data", kept, warnings, lambda p: write_data(rows, fmt, p, concept), record, force, concept
            )

    @staticmethod
    def _not_public(pairs, include_unpublished: bool) -> list | None:
        """Per exported conversation, what a concept holds that the public may not see
        (:func:`gesprekken.export.not_yet_public`); None where the export is no concept."""
        from .export import not_yet_public

        return [not_yet_public(whole, part) for whole, part in pairs] if include_unpublished else None

    @staticmethod
    def _concept(shown, hidden, listed: bool = True) -> str | None:
        """A concept's note (:func:`gesprekken.export.concept_note`) for the exported conversations as ``shown`` (with
        their analyses) and what each holds that is not public (``hidden``, :meth:`_not_public`); None where the
        export is no concept or holds only what is public (``listed``: participants listed count, as in an
        article)."""
        from .export import concept_note

        if hidden is None:
            return None
        return concept_note([(c, h.names(listed)) for (c, _), h in zip(shown, hidden, strict=True)])

    def _exporting(self, record: bool) -> contextlib.AbstractContextManager:
        """The transcripts' write lock, held by an export that is recorded from its read of the transcripts to its
        record: a ``forget`` either waits for it and deletes it, or comes first and the export reads what is left
        (a forget in between deleted the exports recorded so far, and this one was recorded after it)."""
        if record and self.transcripts.is_dir():
            return transcripts_lock(self.transcripts)
        return contextlib.nullcontext()

    def _export(
        self,
        path: Path,
        kind: str,
        conversations,
        warnings,
        write: Callable[[Path], None],
        record: bool = True,
        force: bool = False,
        concept: str | None = None,
    ) -> Export:
        """Write the file (``write``), refusing to replace someone's work, and record it; ``concept``: a concept's
        note (:func:`gesprekken.export.concept_note`), which the command says too (:data:`CONCEPT_NOTE`)."""
        from .export import ExportError

        if record and not force and path.exists():
            written = self.recorded_exports().get(self._relative(path))
            if written is None or changed_by_hand(path, written):
                why = "changed since gesprekken wrote it" if written else "not written by 'gesprekken export'"
                raise ExportError(
                    f"{path} exists and was {why}, so it may hold someone's work; pass --force to replace it, "
                    "or -o another file"
                )
        if record and self.transcripts.is_dir():
            # first, whether the record can be written: in a read-only transcripts folder the export was written and
            # then refused, named nowhere forget looks once the database is rebuilt (a helper's attack, session 60).
            # A file made and deleted, as the record's own temporary one is named: writing the record itself made one
            # where there was none, and a failed export then left the folder changed (test_crash's full disk)
            import tempfile

            with tempfile.NamedTemporaryFile(dir=self.transcripts, prefix=f".{EXPORTS_RECORD}.", suffix=".tmp"):
                pass
        try:
            write(path)
        except OSError as e:
            raise ExportError(f"Cannot write {path}: {e.strerror or e}; pass -o with a path you may write to") from None
        ids = [c.id for c in conversations]
        if record:
            self.record_export(path, kind, ids)
        return Export(path, ids, warnings, notes=[CONCEPT_NOTE] if concept else [], concept=concept)

    def record_export(self, path: Path, kind: str, conversation_ids: list[str]) -> None:
        """Remember an export (relative to the workspace where it lies inside it), for ``forget``: in the
        database, and in the transcripts folder's :data:`EXPORTS_RECORD`, which outlives a database deleted
        and rebuilt from the transcripts (the exports it names still hold what they held)."""
        import datetime
        import json

        from .audio import content_sha256

        entry = {
            "kind": kind,
            "conversation_ids": list(conversation_ids),
            "written_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            # what was written: an export changed since (an editor's work on the draft) is not replaced unasked
            "sha256": content_sha256(path) if path.exists() else "",
            # which workspace wrote it: a copy of this one finds the record of an export outside it, by its absolute
            # path, and is not to delete what this one wrote (consent.written_elsewhere)
            "workspace": str(self.root),
        }
        stored = self._relative(path)
        if self.db_path.exists():
            row = {key: value for key, value in entry.items() if key not in ("sha256", "workspace")}  # its columns
            self.db["exports"].upsert(
                {"path": stored, **row, "conversation_ids": json.dumps(conversation_ids)}, pk="path"
            )
        if self.transcripts.is_dir():
            self._change_exports_in_folder(lambda record: {**record, stored: entry})

    def _change_exports_in_folder(self, change: Callable[[dict[str, dict]], dict[str, dict]]) -> None:
        """Write the transcripts folder's export record as ``change`` makes it of what it holds, under the lock."""
        import json

        from .paths import atomic_write

        with transcripts_lock(self.transcripts):
            record = change(self._exports_in_folder())
            with atomic_write(self.transcripts / EXPORTS_RECORD) as handle:
                json.dump(record, handle, ensure_ascii=False, indent=1)

    def _exports_in_folder(self) -> dict[str, dict]:
        import json

        try:
            record = json.loads((self.transcripts / EXPORTS_RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet (or damaged: the database's record still counts)
        return {str(k): v for k, v in record.items() if isinstance(v, dict)} if isinstance(record, dict) else {}

    def recorded_exports(self) -> dict[str, dict]:
        """Every export recorded (:meth:`record_export`), by its path as stored: ``kind`` and ``conversation_ids``."""
        import json
        import sqlite3

        found = self._exports_in_folder()
        if self.db_path.exists():  # read only: a dry run writes nothing
            with contextlib.closing(sqlite3.connect(read_only_uri(self.db_path), uri=True)) as db:
                if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'exports'").fetchone():
                    rows = db.execute("SELECT path, kind, conversation_ids, written_at FROM exports")
                    for stored, kind, ids, written_at in rows:
                        ids = sorted({*found.get(stored, {}).get("conversation_ids", []), *json.loads(ids)})
                        found[stored] = {
                            "written_at": written_at,
                            **found.get(stored, {}),
                            "kind": kind,
                            "conversation_ids": ids,
                        }
        return found

    def exports_of(self, conversation_id: str) -> list[Path]:
        """The exports recorded (:meth:`recorded_exports`) that hold conversation ``conversation_id`` and are still
        there: what a withdrawal does not reach (a newcomer's run, session 48: an article already sent on to a
        magazine held a participant who withdrew, and the command said nothing of it)."""
        return [
            path
            for stored, entry in sorted(self.recorded_exports().items())
            if conversation_id in (entry.get("conversation_ids") or []) and (path := self.resolve(stored)).exists()
        ]

    def forget_exports(self, stored: list[str]) -> None:
        """Drop the records of the exports at ``stored`` (paths as :meth:`recorded_exports` gives them)."""
        import json

        if self.db_path.exists() and self.db["exports"].exists():
            self.db.execute("DELETE FROM exports WHERE path IN (SELECT value FROM json_each(?))", [json.dumps(stored)])
        if (self.transcripts / EXPORTS_RECORD).exists():
            self._change_exports_in_folder(lambda record: {k: v for k, v in record.items() if k not in stored})

    def resolve(self, stored: str) -> Path:
        """A path stored by this workspace (relative to it, or absolute from older versions)."""
        return Path(stored) if Path(stored).is_absolute() else self.root / stored

    # --- publishing --------------------------------------------------------------------------

    def public_copy(self, incremental: bool = False) -> Path:
        """Build the checked public copy of the database (see :func:`gesprekken.publish.build_public_copy`),
        with public recordings in which withdrawn voices are silent; with ``incremental``, bring the
        existing copy up to date for the conversations that changed since it was built."""
        from .publish import build_public_copy

        self._require_db()
        return build_public_copy(self.db_path, self.transcripts, self.recordings, incremental=incremental)

    def recordings_outside(self) -> list[Path]:
        """The recordings, as the transcripts name them, that lie outside :attr:`recordings`, the only
        folder serve plays and publish copies recordings from: their conversations get no player and
        no published recording (``gesprekken ingest opnames/`` leaves them in ``opnames/``)."""
        self._require_db()
        root = self.recordings.resolve()
        stored = [row[0] for row in self.db.execute("SELECT recording FROM conversations WHERE recording != ''")]
        found = [as_linked(self.transcripts / recording) for recording in stored]
        return [path for path in found if not path.is_relative_to(root)]

    def publish(self, target: str | os.PathLike) -> dict:
        """Write the public knowledge base to ``target`` (see :func:`gesprekken.publish.write_site`),
        and remember the folder, so that a later change of consent rebuilds it too.

        Returns what :func:`~gesprekken.publish.write_site` wrote, with ``notes``: a sentence for each conversation
        published without the recording its transcript names, saying why (:meth:`_recordings_not_published`).
        """
        import datetime

        from .publish import write_site

        self._require_db()
        written = write_site(self.db_path, self.transcripts, self.recordings, Path(target))
        written["notes"] = self._recordings_not_published(written.pop("without_recording"))
        self.db["sites"].upsert(
            {
                "path": self._relative(Path(target)),
                "written_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            },
            pk="path",
        )
        return written

    def _recordings_not_published(self, without: Collection[str]) -> list[str]:
        """A note for each conversation of ``without`` (published with no recording) whose transcript names one:
        why the site plays none for it (publish said only "0 recordings": session 60's list). Not one outside the
        recordings folder, which :meth:`recordings_outside` names."""
        from .publish import recording_source

        root = self.recordings.resolve()
        named = {
            cid: (name, recording)
            for cid, name, recording in self.db.execute(
                "SELECT id, transcript_file, recording FROM conversations WHERE recording != ''"
            )
            if cid in without and as_linked(self.transcripts / recording).is_relative_to(root)
        }
        notes = self._recordings_not_their_own(named)
        said = {note.split(":", 1)[0] for note in notes}
        for name, recording in named.values():
            if name in said:
                continue
            if recording_source(self.transcripts, self.recordings, recording) is None:
                what = "is not there"
            else:
                what = "could not be read to make its public copy"
            notes.append(
                f"{name}: its recording {recording} {what}, so the public site plays no recording for it; put the "
                "conversation's recording there, or point 'recording:' at it, and run 'gesprekken load' again"
            )
        return notes

    def held_notes(self) -> tuple[list[str], list[str]]:
        """For ``publish`` to say: one sentence for each conversation whose voices the public copy leaves out until
        an editor confirms their automatic name (:func:`gesprekken.consent.held_note`), and one for each that
        shows voices under a name no editor confirmed (:func:`gesprekken.consent.unconfirmed_note`)."""
        from .consent import held_note, unconfirmed_note
        from .transcript import read

        held, named = [], []
        for path in self.transcript_files():
            try:
                conversation = read(path)
            except GesprekkenError:  # load said what is wrong with it, and left it out of the copy
                continue
            held += [note] if (note := held_note(conversation)) else []
            named += [note] if (note := unconfirmed_note(conversation)) else []
        return held, named

    def unpublish(self, target: str | os.PathLike) -> str:
        """Stop publishing to ``target``: a folder ``publish`` wrote is deleted (moved aside at once,
        so its servers stop answering from it, then removed), and only then forgotten, so a folder
        that could not be deleted stays registered and is named by the next command. A folder
        publish did not write is left as it is.

        Returns what became of the folder: ``"deleted"``, ``"gone"`` (it was not there), ``"kept"``
        (not a folder publish wrote) or ``"theirs"`` (another knowledge base publishes to it, see
        :meth:`_foreign`: left as it is).

        Raises:
            GesprekkenError: ``target`` is neither registered nor a folder publish wrote.
        """
        import shutil
        import tempfile

        from .publish import SITE_MARK

        folder = Path(target).resolve()
        registered = [site for site in self.sites() if site.resolve() == folder]
        marked = folder.is_dir() and (folder / SITE_MARK).is_file()
        # a folder another knowledge base publishes to (this one's original, for a copy) is theirs: kept
        theirs = marked and self._foreign(folder)
        written = marked and not theirs
        if not registered and not written:
            raise GesprekkenError(
                f"{target} is not a folder gesprekken publishes to; nothing changed "
                "(run 'gesprekken publish FOLDER' to publish to a folder)"
            )
        if written:
            aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.removed."))
            os.replace(folder, aside / folder.name)
            shutil.rmtree(aside)
            outcome = "deleted"
        else:
            outcome = "theirs" if theirs else "kept" if folder.exists() else "gone"
        if registered:
            stored = [row["path"] for row in self.db.query("SELECT path FROM sites")]
            for path in stored:
                if self.resolve(path).resolve() == folder:
                    self.db.execute("DELETE FROM sites WHERE path = ?", [path])
            self.db.conn.commit()
        return outcome

    def sites(self) -> list[Path]:
        """The folders `publish` wrote from this workspace."""
        if not self.db_path.exists() or not self.db["sites"].exists():
            return []
        return [self.resolve(row["path"]) for row in self.db.query("SELECT path FROM sites ORDER BY path")]

    def _foreign(self, site: Path) -> bool:
        """Whether another knowledge base publishes to ``site``, a folder outside this one: the one this
        was copied from, whose folder the copy's ``sites`` still names, or this one before it moved (a
        folder inside it moves along and stays its own). A change here neither marks nor rebuilds it
        (the copy would put its own consent on the original's public site); ``gesprekken publish`` to
        it takes it over."""
        from .publish import owner_of_site, site_owner

        if site.resolve().is_relative_to(self.root):
            return False  # a folder inside the workspace was copied or moved with it: its own
        owner = owner_of_site(site)
        return owner is not None and owner != site_owner(self.db_path)

    def _withhold_sites(self) -> None:
        """Before a change is written (to the database, or by forget to the transcripts): every
        folder ``publish`` wrote gets a mark of this change, so its servers answer 503 until a
        rebuild that read the database after the change is in place. A command killed in between
        (SIGKILL, a power cut) leaves no published folder showing what the change took back: a
        folder's servers never write, so they cannot bring it up to date themselves the way
        ``serve --public`` does its copy. The marks stay locked until the change is written
        (:meth:`_changed`), so a rebuild by another command meanwhile keeps them."""
        from .publish import withhold_site

        if self._site_marks:
            return  # this change's marks are there already
        for site in self.sites():
            if site.is_dir() and not self._foreign(site):
                held = withhold_site(site, self.db_path.name)
                if held is not None:
                    self._site_marks.append(held)

    def _release_site_marks(self) -> None:
        """The change is written (or will not be): the next rebuild may leave its marks out."""
        while self._site_marks:
            os.close(self._site_marks.pop())

    def _stale_sites(self) -> bool:
        """Whether a published folder is marked as not showing a change (a command was killed)."""
        from .serve import marked_stale

        return any(marked_stale(str(site)) for site in self.sites() if not self._foreign(site))

    def republish(self) -> PublicState:
        """Bring every public surface up to date after a change: the public copy that a running
        ``serve --public`` answers from (when there is one; it swaps it in on the next request)
        and every folder ``publish`` wrote. A folder that cannot be rebuilt (moved, read-only) is
        named in the result, and the rest still goes through."""
        state = PublicState()
        if not self.db_path.exists():
            return state
        state.public_copy, failed = self._update_public_copy()
        for site in self.sites():
            if not site.exists():
                state.failed.append((site, SITE_GONE))
                continue
            if self._foreign(site):
                state.failed.append((site, SITE_FOREIGN))
                continue
            reason: BaseException | None = failed
            if reason is None:
                try:
                    self.publish(site)
                    state.sites.append(site)
                    continue
                except Exception as e:  # noqa: BLE001 (a locked or unreadable database too: fail safe)
                    reason = e
            # The same for a published folder: its database leaves it, so neither a restarted
            # server nor a copy of the folder shows what the change took back.
            why = getattr(reason, "strerror", None) or str(reason)
            try:
                (site / self.db_path.name).unlink(missing_ok=True)
                why += "; its database was taken out of it"
            except OSError:
                pass
            state.failed.append((site, why))
        if failed is not None:
            raise failed
        return state

    def _update_public_copy(self) -> tuple[Path | None, BaseException | None]:
        """Bring the public copy (where there is one) up to date for what changed since it was built;
        return it, or what went wrong, in which case the copy from before is taken away."""
        from .publish import public_path

        public = public_path(self.db_path)
        taken_away = public.with_name(f"{public.name}.weggehaald")
        if not public.exists() and not taken_away.exists():
            return None, None
        try:
            # Only the conversations that changed: a desk save of one conversation must not
            # take the time of rebuilding a whole conference (see gesprekken.publish).
            path = self.public_copy(incremental=True)
            taken_away.unlink(missing_ok=True)
            return path, None
        except BaseException as e:
            # Fail safe: the copy from before the change may hold what was just withdrawn, so
            # it goes (`serve --public` answers 503), and the next command builds it again.
            taken_away.touch()
            public.unlink(missing_ok=True)
            return None, e

    def _public_pending(self) -> bool:
        """Whether the database holds changes the public surfaces may not show yet (see gesprekken.publish)."""
        import sqlite3

        from .publish import pending_changes

        if not self.db_path.exists():
            return False
        conn = sqlite3.connect(read_only_uri(self.db_path), uri=True)  # writes nothing, not even a WAL
        try:
            return pending_changes(conn) is True
        finally:
            conn.close()

    def hold_hand_edits(self, names: Iterable[str] | None = None) -> list[str]:
        """Make the database no more public than the transcripts ``names`` (None: every one it
        publishes) say, for consent taken back in them by hand (see :mod:`gesprekken.hand_edits`), and
        bring the public surfaces up to date where it changed them (see :meth:`republish`; what they
        reached in :attr:`public_state`). ``serve --public`` calls it before answering when a
        transcript changed. As before every change, each published folder is marked before the
        database is written: a process killed before the folders are rebuilt (SIGKILL, a power cut)
        leaves none showing what the transcripts took back; their servers answer 503 until the next
        command that changes something, or ``gesprekken publish``, rebuilds them (the public copy
        follows by the database's marks, see :meth:`catch_up_public_copy`). Returns a line for the
        server's log per conversation held back; what kept the public copy from following is in
        :attr:`public_failure` (the copy was taken away), for the caller to report after those lines.

        Raises:
            sqlite3.Error: the database could not be read or written.
        """
        from .hand_edits import hold_back

        self.public_state, self.public_failure = PublicState(), None
        marked = []

        def before_write() -> None:
            self._withhold_sites()
            marked.append(True)

        try:
            held = hold_back(self.db_path, self.transcripts, names, before_write=before_write)
        finally:
            self._release_site_marks()
        if held or marked:  # marked and nothing written in the end (stored meanwhile): a rebuild clears the marks
            try:
                self.public_state = self.republish()
            except Exception as e:  # noqa: BLE001 (the copy was taken away: the caller reports it)
                self.public_failure = e
        return held

    def catch_up_public_copy(self) -> Path | None:
        """Bring the public copy up to date for changes the database holds and the copy does not:
        those of a process killed after its commit and before its own update of the copy.
        ``serve --public`` calls it before answering when it sees such changes (see
        plugins/gesprekken_public.py). Returns the copy (None: there is none to bring up to date).

        Raises:
            BaseException: what kept the copy from being brought up to date; it was taken away
                (the server then answers 503 and logs the reason).
        """
        path, failed = self._update_public_copy()
        if failed is not None:
            raise failed
        return path

    def _changed(self) -> None:
        """After every change: the public surfaces follow (see :meth:`republish`)."""
        self._release_site_marks()
        try:
            self.public_state = self.republish()
            self.public_state.check()
        except Exception as e:
            if self.defer_public_failure:
                self.public_failure = e
                return
            if isinstance(e, GesprekkenError):
                raise
            # The change itself is written: one sentence on what kept the public copy back, not a traceback.
            reason = " ".join(str(e).split()) or type(e).__name__
            raise GesprekkenError(
                f"The change is saved, but the public copy could not be brought up to date ({reason}); "
                "visitors of 'gesprekken serve --public' get 503 until it can: fix that, then run 'gesprekken load'"
            ) from e

    def _require_db(self) -> None:
        if self.db_path.exists():
            return
        import difflib

        # A typo in --db ("gesprekkken.db") is no reason to ingest again: name the database that is there.
        there = [p.name for p in self.db_path.parent.glob("*.db")] if self.db_path.parent.is_dir() else []
        close = difflib.get_close_matches(self.db_path.name, there, 1, 0.8)
        if close:
            raise GesprekkenError(
                f"The database {self.db_path} does not exist; did you mean {self.db_path.with_name(close[0])}?"
            )
        if self.transcript_files():
            # ingest would transcribe them all again: load builds it from the transcripts in seconds
            raise GesprekkenError(
                f"The database {self.db_path} does not exist; pass --db with the database you use, or build this "
                f"one from the transcripts in {os.path.join(self.transcripts, '')} with 'gesprekken load' "
                "(with the same --db)"
            )
        raise GesprekkenError(f"The database {self.db_path} does not exist; run 'gesprekken ingest' first")

    def _require_transcripts_of_the_database(self) -> None:
        """Refuse a transcripts folder that is not there where the database holds conversations loaded from one: the
        folder moved or renamed (mv transcripts transcripts-2025), load said "ingest a recording first", export
        "holds no transcripts", apply-programme changed nothing with exit 0, and ingest would have transcribed every
        recording anew beside the edited transcripts (session 61's attack). Who begins a new folder on purpose (a
        trial with --transcripts proef, or transcripts/ deleted to begin again) is told to pass --db too: told only to
        move it back, they were stuck (a reviewer's read, session 61)."""
        import sqlite3

        if self.transcripts.is_dir() or not self.db_path.is_file():
            return
        try:
            with contextlib.closing(sqlite3.connect(read_only_uri(self.db_path), uri=True)) as db:
                held = db.execute("SELECT count(*) FROM conversations").fetchone()[0]
        except sqlite3.Error:
            return  # (no conversations table yet, or a database that does not read: said where it is opened)
        if held:
            from .errors import counted

            raise GesprekkenError(
                f"The transcripts folder {self.transcripts} is not there, but the database {self.db_path} holds "
                f"{counted(held, 'conversation')} loaded from one: if you moved or renamed it, move it back or pass "
                "--transcripts with the folder where it is now; to begin a new workspace in this folder instead "
                "(deleted on purpose, or a trial), pass --db with a database of its own too; nothing was changed"
            )


__all__ = ["Export", "IngestReport", "Workspace"]


def written_at(path: Path) -> float | None:
    """When ``path`` was last written (a time stamp), None where that cannot be read."""
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _text_or_nothing(path: Path) -> str:
    """``path``'s text, or "" where it does not read as UTF-8 (load says so of it; a note need not stop for it)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
