"""Ingest: a recording becomes a transcript file and rows in the database.

The order of writes is what keeps an organiser's work safe: the transcript file is
written first (atomically), then the database is updated in one transaction. A recording
whose transcript already exists (recognised by the SHA-256 of its bytes, whatever its
file name) is never transcribed again: the transcript, with any editor's corrections, is
loaded as it is.
"""

import json
import os
import re
import shlex
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import audio, paths, storage, transcript
from .consent import forgotten_in, without_forgotten
from .errors import GesprekkenError, RecordingError, TranscriptError
from .naming import name_speakers
from .programme import Programme, after_forget, apply_entry, slug, title_from_filename
from .transcribe import other_language, transcribe, vocabulary_prompt
from .transcript import DEFAULT_STATUS, UNKNOWN_SPEAKER, Conversation, Speaker, Turn, Word

if TYPE_CHECKING:
    from .workspace import Workspace

ID_LENGTH = 12


def _as_it_was(recording: Path) -> tuple[int, int]:
    """The size and time of ``recording``, which a file still being written changes."""
    stat = recording.stat()
    return stat.st_size, stat.st_mtime_ns


def _changed_since(recording: Path, before: tuple[int, int], sha256: str) -> bool:
    """Whether ``recording``'s bytes are no longer those hashed as ``sha256`` (its size and time were ``before``).
    A time alone moves for bytes that stay (touched by a sync or backup tool, a network share's clock): those are
    read again rather than an hour's transcription thrown away (a reviewer's read, session 61). A file moved away
    meanwhile was transcribed whole, as before."""
    try:
        if _as_it_was(recording) == before:
            return False
    except FileNotFoundError:
        return False
    try:
        return audio.content_sha256(recording) != sha256
    except OSError:
        return True


@dataclass
class IngestOutcome:
    """What happened to one recording."""

    recording: Path
    conversation_id: str
    transcript: Path
    #: ``"transcribed"`` (Whisper ran) or ``"kept"`` (an existing transcript was loaded).
    status: str
    notes: list[str] = field(default_factory=list)
    #: Speaker labels left unnamed, for the editor.
    unnamed: list[str] = field(default_factory=list)


def turns_from_words(words: list[Word], speakers: list[str]) -> list[Turn]:
    """One turn per run of words by the same speaker; word texts keep Whisper's spacing.

    Turns never run backwards: the words are taken in the order of their start (a repair that
    left them otherwise wrote "[00:40.70 – 00:39.64]"), and a word ends no earlier than it starts.
    """
    turns: list[Turn] = []
    runs: list[list[Word]] = []
    timed = sorted(zip(words, speakers, strict=True), key=lambda pair: pair[0].start)
    for word, speaker in ((w.mended(), s) for w, s in timed):
        if turns and turns[-1].speaker == speaker:
            runs[-1].append(word)
        else:
            turns.append(Turn(speaker, word.start, word.end, ""))
            runs.append([word])
    for turn, run in zip(turns, runs, strict=True):
        turn.start, turn.end = run[0].start, run[-1].end
        turn.text = "".join(w.text for w in run).strip()
        turn.words = [Word(w.start, w.end, w.text.strip(), w.probability) for w in run]
    return turns


def piece_progress(
    on_progress: Callable[[float, float], None] | None, offset: float, estimate: float
) -> Callable[[float, float], None] | None:
    """The progress of one piece of a recording (``offset`` seconds in) as progress through the whole,
    whose length is ``estimate`` (from the file's header) or, where the pieces run past it, as far as
    they go. Only the ingest's own last call, once every piece is done, says the audio is done: a
    piece ending where the estimate ended (a header that said too little) is not the end."""
    if on_progress is None:
        return None

    def progress(done: float, total: float) -> None:
        whole = max(estimate, offset + total)
        on_progress(min(offset + done, whole * 0.999), whole)

    return progress


def _same_title(theirs: str, ours: str) -> bool:
    """Whether a transcript's title (``theirs``, a slug) is the programme's (``ours``): the same, or the same but for
    the names, organisations and roles ``forget`` took out of it ("... met [naam verwijderd]" for "... met Joost de
    Boer", "De Linie en [organisatie verwijderd]" for "De Linie en gemeente Zwolle")."""
    from .consent import REMOVED_NAME, REMOVED_ORGANISATION, REMOVED_ROLE

    if theirs == ours:
        return True
    marks = (REMOVED_NAME, REMOVED_ORGANISATION, REMOVED_ROLE)
    parts = re.split("|".join(re.escape(slug(mark)) for mark in marks), theirs)
    return len(parts) > 1 and re.fullmatch(".+".join(re.escape(part) for part in parts), ours) is not None


class Ingester:
    """Ingests recordings into one workspace, loading Whisper once.

    Args:
        workspace: the transcripts folder, database and thesaurus to ingest into.
        model: a ``--model`` value (see :func:`gesprekken.models.resolve_model`).
        language: the spoken language, ``nl`` unless told otherwise.
        programme: the conference programme, if there is one.
        cpu_threads: threads for CTranslate2; 0 lets it choose.
        diarization: split turns by voice (otherwise one unnamed speaker throughout).
        num_speakers: how many speakers there are, when the organiser knows.
        vocabulary: repair Whisper's near-misses of the programme's names and the thesaurus's terms.
        store: load each transcript into the database (a worker process of a parallel ingest
            leaves that to the process that started it, which stores one at a time).
        batch_size: speech stretches Whisper decodes at once (faster-whisper's batched pipeline);
            0 decodes one window after another (see :func:`gesprekken.transcribe.transcribe`).
        beam_size: the beam search's width; None for the default (see :func:`gesprekken.transcribe.transcribe`).
        device: ``cpu`` or ``cuda`` (the CPU when there is no GPU, see :func:`gesprekken.models.choose_device`).
    """

    def __init__(
        self,
        workspace: "Workspace",
        model: str | None = None,
        language: str = "nl",
        programme: Programme | None = None,
        cpu_threads: int = 0,
        diarization: bool = True,
        num_speakers: int | None = None,
        vocabulary: bool = True,
        store: bool = True,
        batch_size: int = 0,
        device: str = "cpu",
        beam_size: int | None = None,
    ) -> None:
        self.workspace = workspace
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.device = device
        self.store = store
        self.transcripts = workspace.transcripts
        self.model_spec = model
        self.language = language
        self.programme = programme
        self.cpu_threads = cpu_threads
        self.diarization = diarization
        self.num_speakers = num_speakers
        self.thesaurus = workspace.thesaurus
        self.vocabulary = vocabulary
        self._model = None
        self._model_label = ""
        self._loading = threading.Lock()
        self._existing: dict[str, Path] | None = None
        self._read: set[Path] = set()
        self._made_from: dict[Path, tuple[Path, str]] = {}  # a recording file -> the transcript named it, its id
        # each transcript read: its titles (the one it has and those before an editor changed it), conference and date
        # (as slugs), its participants' names, its recording
        self._entries: dict[Path, tuple[tuple[list[str], str, str], set[str], str]] = {}
        self._broken: dict[str, TranscriptError] = {}

    def _warm_up(self) -> None:
        # The speaker encoder loads while Whisper transcribes. The Dutch pipeline does not: built
        # after Whisper is done with the recording (see _prepare_the_rest), its 150 MB (spaCy, the lemma
        # table) never add to Whisper's own working memory, and the worker processes of a parallel
        # ingest, which store nothing, never build it.
        if self.diarization:
            from .diarize import warm_up

            warm_up()

    def _speakers(self, voices, words: list[Word], participants, pitch=None) -> tuple[list[Turn], list[Speaker], dict]:
        """Split the words into turns by voice, and name each voice where the evidence allows; ``pitch``: the
        recording's :class:`gesprekken.pitch.PitchTrack`, each voice's median pitch for naming."""
        if self.diarization:
            from .diarize import VoiceWindows, label_words

            # The programme's participants are a prior on the number of voices, not a command.
            expected = len(participants) or None
            found = label_words(voices or VoiceWindows(), words, self.num_speakers, expected)
            labels, embeddings, settings = found.labels, found.embeddings, found.settings
        else:
            labels, embeddings, settings = [0] * len(words), [], {"method": "none"}
        turns = turns_from_words(words, [f"{UNKNOWN_SPEAKER} {label + 1}" for label in labels])
        voices = {f"{UNKNOWN_SPEAKER} {k + 1}": vector for k, vector in enumerate(embeddings)}
        pitches = {}
        if pitch is not None:
            for label in dict.fromkeys(turn.speaker for turn in turns):
                pitches[label] = pitch.of_spans(
                    [(w.start, w.end) for t in turns if t.speaker == label for w in t.words]
                )
        namings = name_speakers(turns, participants, voices, storage.voice_profiles(self.workspace.db), pitches=pitches)
        speakers = list(namings.values())
        for speaker in speakers:
            if speaker.label in voices:
                speaker.voice = [round(float(x), 4) for x in voices[speaker.label]]
            speaker.pitch = pitches.get(speaker.label)
        shown = {s.label: s.shown_as for s in speakers}
        for turn in turns:
            turn.speaker = shown[turn.speaker]
        return turns, speakers, settings

    def _whisper(self):
        with self._loading:  # one load, whichever thread asks first
            if self._model is None:
                from .models import load_whisper

                self._model, self._model_label = load_whisper(self.model_spec, self.cpu_threads, self.device)
        return self._model

    def _prepare_the_rest(self) -> None:
        # What follows the words (clustering, the Dutch analysis and its sentence encoder) loads in a
        # thread, while the voices and the vocabulary are done; built only now, after Whisper, so that it
        # never adds to Whisper's working memory (see _warm_up). Where it fails, the step that needs it
        # does the same work again and says why.
        try:
            if self.diarization:
                import fastcluster  # noqa: F401
            if self.store:
                from . import meaning
                from .analyse import pipeline

                pipeline(self.thesaurus)
                meaning.load()  # the sentence encoder the themes weigh (a second, 150 MB)
        except Exception:  # noqa: BLE001, S110
            pass

    def _transcript_for(self, conversation_id: str) -> Path | None:
        """The transcript file that already holds ``conversation_id``, if any.

        Each file is read once; on a miss, the files that appeared since are read too (another
        ingest of the recording may have written one while this one waited for its lock).
        """
        if self._existing is None:
            self._existing = {}
        if conversation_id not in self._existing and self.transcripts.exists():
            known = set(self._existing.values()) | self._read
            for path in storage.transcript_files(self.transcripts):
                if path in known:
                    continue
                self._read.add(path)
                try:
                    read = transcript.read(path)
                    self._existing[read.id] = path
                    self._remember(path, read)
                except TranscriptError as e:
                    # A broken file still names its id: keep it, so we neither overwrite
                    # nor duplicate it, and say what to fix.
                    text = path.read_text(errors="replace")
                    match = storage.ID_LINE.search(text)
                    if match:
                        self._broken[match[1]] = e
                    # and its recording's, where an editor changed the id
                    match = re.search(rf"^recording_sha256:\s*['\"]?([0-9a-f]{{{ID_LENGTH}}})", text, re.MULTILINE)
                    if match:
                        self._broken[match[1]] = e
        if conversation_id in self._broken:
            raise self._broken[conversation_id]
        return self._existing.get(conversation_id)

    def _remember(self, path: Path, conversation: Conversation) -> None:
        """What :meth:`_entry_held` and the look for a recording's changed bytes compare with, of a transcript."""
        self._entries[path] = (
            (
                [slug(title) for title in (conversation.title, *conversation.earlier_titles)],
                slug(conversation.conference),
                conversation.date,
            ),
            {n.casefold() for p in conversation.participants for n in (p.name, *p.earlier_spellings)},
            conversation.recording,
        )
        if conversation.recording:
            self._made_from.setdefault(self._named(conversation.recording).resolve(), (path, conversation.id))

    def _named(self, recording: str) -> Path:
        """The file a transcript's ``recording:`` names (relative to the transcripts folder, or absolute)."""
        named = Path(recording)
        return named if named.is_absolute() else self.transcripts / named

    def _entry_held(self, entry, listed=None) -> tuple[Path, str] | None:
        """The transcript (and the recording it names) that already is the programme's ``entry``: its title (or one
        it had before an editor changed it), or its recording, which the programme gives to ``entry`` (a title
        changed by hand); its conference, its date where both have one, and one participant at least where both list
        any. ``listed``: the programme's own entry, where ``entry`` is it as forget leaves it (see
        :func:`gesprekken.programme.after_forget`). Read after :meth:`_transcript_for` missed, which read every
        transcript."""
        conference = slug(entry.conference or (self.programme.conference if self.programme else ""))
        names = {p.name.casefold() for p in entry.participants}
        for path, ((titles, their_conference, date), theirs, named) in self._entries.items():
            if their_conference != conference or not path.exists():
                continue
            if not any(_same_title(title, slug(entry.title)) for title in titles) and not (
                named and self.programme and self.programme.match(Path(named)) is (listed or entry)
            ):
                continue
            if date and entry.date and date != entry.date:
                continue
            if names and theirs and not names & theirs:
                continue
            return path, named
        return None

    def _write_new_transcript(self, conversation: Conversation) -> Path:
        """Write a new transcript under a name no other file has, never replacing one: another
        ingest running beside this one may be writing a transcript of the same title."""
        base = slug(conversation.title) or "gesprek"
        self.transcripts.mkdir(parents=True, exist_ok=True)
        staged = self.transcripts / f".{base}.{conversation.id}.new.tmp"
        transcript.write(conversation, staged)
        try:
            for name in (f"{base}.md", f"{base}-{conversation.id[:8]}.md", f"{base}-{conversation.id}.md"):
                try:
                    os.link(staged, self.transcripts / name)  # fails if the name is taken: no overwrite
                    return self.transcripts / name
                except FileExistsError:
                    continue
            raise TranscriptError(
                f"{self.transcripts / (base + '.md')} and its variants exist already; move them away and ingest again"
            )
        finally:
            staged.unlink(missing_ok=True)

    def _recording_reference(self, recording: Path) -> str:
        """Where the transcript says the recording is: relative to the workspace if inside it (a link there to a
        file on another disk too)."""
        resolved = paths.as_linked(recording)
        workspace = self.transcripts.resolve().parent
        if resolved.is_relative_to(workspace):
            return os.path.relpath(resolved, self.transcripts.resolve())
        return str(resolved)

    def _follow_moved_recording(self, path: Path, kept: Conversation, recording: Path) -> Conversation | None:
        """The transcript at ``path`` pointed at ``recording``, the same recording (its checksum is the id) ingested
        again from another place, where the one it names is gone (moved into ``recordings/``, say): only its
        ``recording:`` changes, so that the player and ``publish`` find it (a newcomer's run: the transcript kept
        the old path, and no ``--recordings`` could serve it). None where the one it names is still there."""
        if not kept.recording:
            return None  # none named: as the editor left it
        if self._named(kept.recording).exists():
            return None
        reference = self._recording_reference(recording)
        plain = reference if yaml.safe_load(f"recording: {reference}") == {"recording": reference} else None
        with paths.transcripts_lock(self.transcripts):  # no desk save between the read and the write
            raw = path.read_bytes()  # as written: a byte-order mark and CRLF line ends stay
            bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
            text = raw[len(bom) :].decode("utf-8")
            close = text.find("\n---", 3)
            # that line alone: the rest of the front matter (an editor's comments with it) stays as written
            line = re.compile(
                r"^(recording:[ \t]*)(?:'[^'\r\n]*'|\"[^\"\r\n]*\"|[^\r\n]*?)([ \t]+#[^\r\n]*)?(?=\r?$)", re.MULTILINE
            )
            found = line.search(text, 0, close) if close > 0 else None
            value = plain if plain is not None else json.dumps(reference)
            changed = found and text[: found.start()] + found[1] + value + (found[2] or "") + text[found.end() :]
            try:
                follows = bool(changed) and transcript.loads(changed, path).recording == reference
            except TranscriptError:
                follows = False
            if not follows:
                raise TranscriptError(
                    f"{path} names the recording {kept.recording}, which is no longer there, and its recording: line "
                    f"is not one this can change; write 'recording: {reference}' there and run 'gesprekken load'"
                )
            with paths.atomic_write(path, "wb", encoding=None) as handle:
                handle.write(bom + changed.encode("utf-8"))
        return transcript.read(path)

    def ingest(
        self,
        recording: Path,
        only_recording: bool = False,
        on_progress: Callable[[float, float], None] | None = None,
    ) -> IngestOutcome:
        """Transcribe ``recording`` (unless its transcript exists), write its transcript, load it.

        Raises:
            RecordingError: the recording is missing, unreadable, has no sound or no speech.
            TranscriptError: the recording's existing transcript does not parse (fix it first).
            ModelError: the Whisper model cannot be loaded.
        """
        audio.check_readable(recording)
        before = _as_it_was(recording)
        sha256 = audio.content_sha256(recording)
        # Another ingest of this recording waits here, then finds (and keeps) the transcript this one writes.
        with paths.recording_lock(self.transcripts, sha256):
            return self._ingest(recording, sha256, only_recording, on_progress, before)

    def _ingest(
        self, recording: Path, sha256: str, only_recording: bool, on_progress, before: tuple[int, int] | None = None
    ) -> IngestOutcome:
        conversation_id = sha256[:ID_LENGTH]
        existing = self._transcript_for(conversation_id)
        if existing is not None:
            # read and stored under the transcripts' write lock: a desk save between the two (a withdrawal) was
            # undone in the rows by the older file this read, and the public copy showed him (an attack, session 55)
            with paths.transcripts_lock(self.transcripts):
                kept = transcript.read(existing)
                notes = [f"{recording.name} was ingested before; kept {existing} with its edits (no new transcription)"]
                moved = self._follow_moved_recording(existing, kept, recording)
                if moved is not None:
                    kept = moved
                    notes.append(
                        f"{existing.name} now points at {recording} (the recording it named is no longer there; "
                        "nothing else in it changed)"
                    )
                if self.store:
                    self.workspace.store(kept, existing)
            entry = self.programme.match(recording, only_recording) if self.programme else None
            if entry is not None:
                # A programme given (or corrected) after the first ingest is not applied by ingest,
                # which never writes to a kept transcript: say where it differs, and how to apply it.
                from .workspace import written_at

                applied = apply_entry(
                    kept,
                    entry,
                    self.programme.conference,
                    name_voices=False,
                    published_by_editors=self.workspace.published_by_editors(kept.id, written_at(self.programme.path)),
                    elsewhere=self.programme.listed_elsewhere(entry),
                    forgotten=forgotten_in(self.transcripts),
                )
                if applied.changes:
                    notes.append(
                        f"{existing.name} differs from the programme {self.programme.path} "
                        f"({'; '.join(applied.changes)}); apply it with "
                        f"'gesprekken apply-programme {shlex.quote(str(self.programme.path))} {conversation_id[:8]}'"
                    )
                # where the transcript keeps its own (an editor's role, a spelling): said too, as apply-programme
                # says it (a newcomer's run: ingest said nothing where only those differed)
                notes.extend(f"{existing.name}: {note}" for note in applied.kept)
            return IngestOutcome(recording, conversation_id, existing, "kept", notes)

        made_from = self._made_from.get(recording.resolve())
        if made_from is not None:
            # The file a transcript was made from, its bytes changed since (a tag tool, a re-export, another
            # recording saved under its name): a second conversation of it would take the programme's consent,
            # not what the editors set in the first (an attack, session 55: a withdrawn voice published again).
            raise RecordingError(
                f"{recording} is the recording {made_from[0]} was transcribed from, but its bytes changed since "
                f"(SHA-256 {sha256[:12]}…, not {made_from[1]}…), so it was not transcribed again and "
                f"{made_from[0].name} is kept as it is; put the original recording back, or, if this is another "
                "conversation, give it a file name of its own and ingest that"
            )
        entry = self.programme.match(recording, only_recording) if self.programme else None
        if entry is not None and (held := self._entry_held(entry)) is not None:
            # A recording of a conversation a transcript already is (the organiser's MP3s for the WAVs ingested
            # first): as a new conversation it would take the programme's consent, not what the editors set in that
            # transcript, someone forgotten there published again (an organiser's run, session 55).
            path, named = held
            gone = named and not self._named(named).exists()
            raise RecordingError(
                f"{recording} is {entry.title!r} in the programme {self.programme.path}, which {path} already is (made "
                f"from {named or 'a recording'}{', which is no longer there' if gone else ''}), so it was not "
                "transcribed and that conversation's edits and consent stay as they are; to keep them, ingest the "
                "recording it was made from (moved elsewhere, it is followed there); to transcribe this one instead, "
                f"move {path.name} out of {self.transcripts} first (its edits and consent do not carry over); if it is "
                "another conversation (a second part), give it a programme entry of its own, with another title"
            )
        notes = []
        if self.programme and entry is None:
            notes.append(f"{recording.name} is not in the programme {self.programme.path}; titled it by file name")
        # nobody forget took out comes back from the programme (session 58 left), said by no name, nor their name in
        # its title or conference (a reviewer's read, session 59), as apply-programme gives a kept transcript
        forgotten = forgotten_in(self.transcripts)
        conference = self.programme.conference if self.programme else ""
        listed = entry  # as the programme lists it
        if entry is not None:
            entry, listed_forgotten = after_forget(entry, forgotten, conference)
            if listed_forgotten:
                notes.append(f"{recording.name}: {listed_forgotten}")
        conference = entry.conference if entry else without_forgotten(conference, forgotten)
        title = entry.title if entry else without_forgotten(title_from_filename(recording), forgotten)
        if entry is None and title != title_from_filename(recording):
            # nor from the file name ("interview-fatma-yilmaz.m4a" gave "Interview fatma yilmaz", published with
            # the conversation: session 60's list); the site serves the recording by the id, the file keeps its name
            notes.append(
                f"{recording.name}: its file name carries the name of someone forget took out, so the title is "
                f"{title!r} without it; the public site serves the recording under the conversation's id, but to have "
                f"the name out of the workspace too, rename the file (to {conversation_id}{recording.suffix.lower()}, "
                "say) and ingest it again from there (the transcript follows it)"
            )
        participants = list(entry.participants) if entry else []
        pieces = audio.stream(recording)
        # The model loads while the first piece decodes (both release the GIL); decoding errors
        # surface first, and the model's own error from the thread as it is.
        loading = _Background(self._whisper) if self._model is None else None
        first = next(pieces)
        model = loading.result() if loading else self._whisper()
        _return_free_memory()  # what loading the model used and dropped, in the thread's own heap
        # The speaker model loads while Whisper works: its C++ threads release the GIL.
        warming = threading.Thread(target=self._warm_up, name="warm-up", daemon=True)
        warming.start()
        heard_language = False

        def check_language(probabilities: list[tuple[str, float]]) -> None:
            # Called with the first 30 seconds of speech, before Whisper writes a word of it.
            nonlocal heard_language
            heard_language = True
            spoken = other_language(probabilities, self.language)
            if spoken:
                warming.join()
                raise RecordingError(
                    f"{recording} sounds like another language ({spoken[0]}, {spoken[1]:.0%} sure), not "
                    f"{self.language}; pass --language {spoken[0]} to transcribe it in that language"
                )

        estimate = audio.estimated_duration(recording)
        prompt = vocabulary_prompt(title, participants)
        voices = None
        pitch = None  # how high each voice speaks (gesprekken.pitch), for naming
        words: list[Word] = []
        duration = speech = 0.0
        heard = None
        decoded_again: Counter[str] = Counter()
        # A long recording arrives in pieces of ten minutes: each is transcribed and its voices
        # embedded, then dropped, so memory does not grow with the length of the recording.
        pieces = _one_by_one([first], pieces)
        del first
        for offset, samples in pieces:
            heard = transcribe(
                model,
                samples,
                self.language,
                prompt,
                on_progress=piece_progress(on_progress, offset, estimate),
                batch_size=self.batch_size,
                beam_size=self.beam_size,
                # The language is checked on the first piece with speech (the first, unless it is silent).
                on_language=None if heard_language else check_language,
            )
            speech += heard.speech
            decoded_again.update(heard.settings["decoded_again"])
            piece_words = [
                Word(round(w.start + offset, 3), round(w.end + offset, 3), w.text, w.probability)
                for segment in heard.segments
                for w in segment.words
            ]
            if self.diarization:
                from .diarize import VoiceWindows

                warming.join()
                voices = voices or VoiceWindows()
                voices.add(samples, piece_words, offset)
                if piece_words:
                    from .pitch import PitchTrack

                    pitch = pitch or PitchTrack()
                    pitch.add(samples, offset)
            words += piece_words
            duration = offset + heard.duration
            del samples  # before the next piece is decoded
            _return_free_memory()
        if on_progress:  # Whisper is done, whatever the estimate said: the rest follows
            on_progress(duration, duration)
        preparing = threading.Thread(target=self._prepare_the_rest, name="prepare", daemon=True)
        preparing.start()
        try:
            warming.join()
            corrections: list[str] = []
            if self.vocabulary and words:
                from .vocabulary import Vocabulary, correct

                words, corrections = correct(words, Vocabulary.build(participants, self.thesaurus))
            if not words and not speech:
                raise RecordingError(
                    f"{recording} contains no speech that Whisper could hear (silence or noise only); "
                    "check that this is the right recording"
                )
            if not words:
                raise RecordingError(
                    f"{recording} has {speech:.0f} s of speech, but Whisper wrote none of it down, even decoded again "
                    "without the prompt; try a larger model with --model"
                )
            turns, speakers, diarization_settings = self._speakers(voices, words, participants, pitch)
        finally:
            preparing.join()
        conversation = Conversation(
            id=conversation_id,
            title=title,
            recording=self._recording_reference(recording),
            recording_sha256=sha256,
            duration=round(duration, 3),
            language=heard.language,
            date=entry.date if entry else "",
            conference=conference,
            participants=participants,
            status=entry.status if entry else DEFAULT_STATUS,
            turns=turns,
            transcription={
                "model": self._model_label,
                **heard.settings,
                "decoded_again": dict(decoded_again),
                "diarization": diarization_settings,
                "vocabulary_corrections": corrections if self.vocabulary else "off",
            },
            speakers=speakers,
        )
        if entry is not None:
            # and again, now that it is transcribed: another worker or process, or this one, may have written that
            # transcript meanwhile (the WAV and the MP3 of one table in one folder; a reviewer's read, session 55)
            self._transcript_for(conversation_id)
            if (held := self._entry_held(entry, listed)) is not None:
                raise RecordingError(
                    f"{recording} is {entry.title!r} in the programme {self.programme.path}, which {held[0]} became "
                    "while it was transcribed, so no second transcript of it was written; move that one out of "
                    f"{self.transcripts} to keep this one instead, or give this one a programme entry of its own"
                )
        if before is not None and _changed_since(recording, before, sha256):
            # a file still being copied into the folder (or recorded) was transcribed as far as it had come, and the
            # whole file, once there, was refused as another recording saved under its name (session 60's list)
            raise RecordingError(
                f"{recording} changed while it was transcribed (still being copied or recorded?), so no transcript "
                "of it was written; ingest it again once the file is complete"
            )
        path = self._write_new_transcript(conversation)
        if self._existing is not None:
            self._existing[conversation_id] = path
        self._remember(path, conversation)
        # Store what the file says, exactly as `load` would read it back.
        if self.store:
            self.workspace.store(transcript.read(path), path)
        unnamed = [s.label for s in conversation.speakers if not s.name] if participants else []
        from .naming import AGAINST_PITCH

        doubted = [s for s in conversation.speakers if any(e.startswith(AGAINST_PITCH) for e in s.evidence)]
        if doubted:
            named = " and ".join(f"{s.label} {s.evidence[0].removeprefix('misschien ')}" for s in doubted)
            notes.append(
                f"{recording.name}: the evidence names {named}, but the two voices sound the other way round from "
                "what those first names lead one to expect (pitch), so neither is named: listen, and name each as "
                "said below (a wrong pair puts every quote of both under the other's name)"
            )
        if participants and conversation.status != "published" and all(p.status == "published" for p in participants):
            # A CSV's per-participant 'publicatie' publishes no conversation: the public site shows nothing of it.
            notes.append(
                f"{recording.name}: every participant is published but the conversation is {conversation.status} "
                "(the programme's conversation status), so the public site shows nothing of it; publish it with "
                f"'gesprekken publication {conversation_id[:8]} published', or give the programme's conversation "
                "the status published"
            )
        if estimate > 0 and duration < 0.9 * estimate - 2:
            # a file cut short (an interrupted copy) was transcribed as far as it went without a word (an attack,
            # session 56): said, with the way on
            from .transcript import format_time

            notes.append(
                f"{recording.name}: Whisper decoded {format_time(duration)} of audio, where the file says it lasts "
                f"{format_time(estimate)}: it may be cut short (an interrupted copy or download); if so, copy the "
                f"whole recording over it, delete {path.name} (nothing in it was edited yet) and ingest it again"
            )
        from .consent import unconfirmed_note

        if note := unconfirmed_note(conversation):  # published at once: say under which names, and how to check
            notes.append(f"{recording.name}: {note}")
        return IngestOutcome(recording, conversation_id, path, "transcribed", notes, unnamed)


class _Background:
    """``work()`` run in a thread; :meth:`result` waits for it and returns or raises what it did."""

    def __init__(self, work: Callable) -> None:
        self._outcome: tuple = (None, None)
        self._done = threading.Event()
        # Not a daemon: a process that ends (a refused recording, Ctrl-C) waits for the work to end,
        # where a daemon thread torn down inside CTranslate2's constructor aborted it.
        self._thread = threading.Thread(target=self._run, args=(work,), name="background", daemon=False)
        self._thread.start()

    def _run(self, work: Callable) -> None:
        try:
            self._outcome = (work(), None)
        except BaseException as e:  # noqa: BLE001 (raised again by result(), in the caller's thread)
            self._outcome = (None, e)
        finally:
            self._done.set()

    def result(self):
        # Not Thread.join(): Python 3.11's join, interrupted by Ctrl-C, marks the running thread as
        # ended, so that the process no longer waits for it and aborts as a daemon's would.
        self._done.wait()
        value, error = self._outcome
        if error is not None:
            raise error
        return value


def _return_free_memory() -> None:
    """Hand the memory freed so far back to the system.

    glibc's malloc keeps freed memory for reuse, and raises its threshold for using fresh pages
    after each large block is freed: each piece's temporary arrays (the VAD's, the features) would
    otherwise stay resident, 100 MB and more, under Whisper's own working memory for the rest of
    the recording. Elsewhere than glibc this does nothing.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@lru_cache(maxsize=1)
def _libc():
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def _one_by_one(first: list, rest: Iterator):
    """The items of ``first`` (a list it empties), then those of ``rest``: no reference to an item
    is kept once it is handed on, so a piece of audio is freed as soon as its reader drops it."""
    while first:
        yield first.pop(0)
    yield from rest


# --- a conference in one command: recordings in parallel worker processes ----------------------

_worker: Ingester | None = None
_stop = None  # the parent's multiprocessing Event: set, the worker stops at its next moment of progress


def _start_worker(workspace: tuple, options: dict, stop) -> None:
    """Runs once in each worker process: its own workspace handle and its own Whisper model.

    Ctrl-C is the parent's to act on: it sets ``stop``, and the worker stops where nothing is half
    written (see :func:`_ingest_in_worker`). A worker that acted on Ctrl-C itself printed a
    traceback, or took the next recording queued for it.
    """
    import signal

    global _worker, _stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .workspace import Workspace

    transcripts, db, recordings, thesaurus = workspace
    _stop = stop
    _worker = Ingester(Workspace(transcripts, db, recordings, thesaurus), store=False, **options)


def _stop_if_asked(done: float, total: float) -> None:
    if _stop.is_set():
        raise KeyboardInterrupt


def _ingest_in_worker(recording: Path, only_recording: bool) -> tuple[Path, "IngestOutcome | GesprekkenError | None"]:
    """One recording in a worker process; ``None`` where the parent asked to stop before it was done.

    The stop is noticed as Whisper reports progress (each segment): the recording's lock and staged
    file are removed on the way out, and its transcript is not written.
    """
    if _stop.is_set():
        return recording, None
    try:
        return recording, _worker.ingest(recording, only_recording=only_recording, on_progress=_stop_if_asked)
    except GesprekkenError as e:
        return recording, e
    except KeyboardInterrupt:
        return recording, None
