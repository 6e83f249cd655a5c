"""Recordings: finding them, identifying them by content, decoding and encoding them with PyAV.

faster-whisper decodes through PyAV, which bundles FFmpeg's libraries: mp3, m4a, wav,
ogg, flac and video containers decode without a system ffmpeg.
"""

import contextlib
import hashlib
import itertools
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from .errors import RecordingError

SAMPLE_RATE = 16000
RECORDING_EXTENSIONS = frozenset(
    {
        ".mp3",
        ".m4a",
        ".wav",
        ".ogg",
        ".oga",
        ".opus",
        ".flac",
        ".aac",
        ".wma",
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
    }
)
HINT = "pass an audio or video recording (mp3, m4a, wav, ogg, flac, mp4)"


def find_recordings(paths: list[Path]) -> list[Path]:
    """Expand folders into the recordings inside them (sorted); files are kept as given.

    Raises:
        RecordingError: a path does not exist, or a folder holds no recordings.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise RecordingError(f"{path} does not exist; check the path")
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                # Hidden files and folders (recordings/.openbaar/: public copies) are not recordings to ingest.
                if p.is_file()
                and p.suffix.lower() in RECORDING_EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise RecordingError(f"The folder {path} holds no recordings; {HINT}")
            found.extend(inside)
        else:
            found.append(path)
    return found


def refuse_if_none_exist(paths: list[Path]) -> None:
    """Refuse a run none of whose recordings or folders exist (a typo), before any work.

    Where some exist, the run goes on with them and each missing one is refused on its own, first.

    Raises:
        RecordingError: naming the paths, and saying to check them.
    """
    if not paths or any(path.exists() for path in paths):
        return
    if len(paths) == 1:
        raise RecordingError(f"{paths[0]} does not exist; check the path")
    *others, last = map(str, paths)
    raise RecordingError(f"{', '.join(others)} and {last} do not exist; check the paths")


def content_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes: a recording's identity, whatever its name."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_readable(path: Path) -> None:
    """Fail early, with a sentence a user can act on, if ``path`` cannot be a recording."""
    if not path.exists():
        raise RecordingError(f"{path} does not exist; check the path")
    if not path.is_file():
        raise RecordingError(f"{path} is not a file; {HINT}")
    if path.stat().st_size == 0:
        raise RecordingError(f"{path} is empty (0 bytes); copy the recording again from its source")
    try:
        str(path.absolute()).encode("utf-8")
    except UnicodeEncodeError:
        # a name from a Windows share or a zip file, in Latin-1: no transcript can say it, and as Whisper's prompt it
        # stopped the whole batch with a traceback (an attack, session 58)
        shown = os.fsencode(path).decode("cp1252", errors="replace")
        raise RecordingError(
            f"{shown} has a name that is not UTF-8 text (written by another system); rename it (mv on this system, "
            "retyping its name) and ingest it again"
        ) from None


def unplayable(path: Path) -> str | None:
    """What keeps ``path`` from being played as a recording ("cannot be decoded as audio or video (...)", "is empty
    (0 bytes)", "has no audio stream"), None where it opens with an audio stream (nothing is decoded: a quick look).
    For a recording a transcript names by hand, which ingest never looked at."""
    try:
        check_readable(path)
    except RecordingError as e:
        return str(e).removeprefix(f"{path} ").split(";", 1)[0]
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            return None if container.streams.audio else "has no audio stream"
    except av.error.FFmpegError as e:
        return f"cannot be decoded as audio or video ({e.strerror})"


class DeferredInterrupt:
    """Ctrl-C held back while PyAV works, and acted on as soon as it has returned.

    PyAV (18.1) loses a KeyboardInterrupt raised while it builds the exception its loops end on
    (FFmpeg's EAGAIN): the handler ran, decoding goes on, nothing is printed. So while PyAV works,
    SIGINT's handler only records the signal; :meth:`check`, called between calls into PyAV, hands
    it to the handler that was there before (Python's, which raises KeyboardInterrupt, or a
    server's own), and leaving the block restores that handler and does the same.

    Only the main thread can set a handler: elsewhere (a server's worker thread), and where SIGINT
    is ignored or left to the system, nothing changes. A block inside another uses the outer one's.
    """

    def __init__(self) -> None:
        self._previous = None
        self._outer: DeferredInterrupt | None = None
        self._pending: tuple | None = None

    def __enter__(self) -> "DeferredInterrupt":
        self._hold()
        return self

    def __exit__(self, *exc) -> None:
        self._release()

    def _hold(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        previous = signal.getsignal(signal.SIGINT)
        if isinstance(getattr(previous, "__self__", None), DeferredInterrupt):
            self._outer = previous.__self__
        elif callable(previous):
            self._previous = previous
            signal.signal(signal.SIGINT, self._record)

    def _release(self) -> None:
        previous, self._previous, self._outer = self._previous, None, None
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
            self._deliver(previous)

    def _deliver(self, handler) -> None:
        if self._pending is not None:
            signum, frame = self._pending
            self._pending = None
            handler(signum, frame)

    def _record(self, signum: int, frame) -> None:
        self._pending = (signum, frame)

    def check(self) -> None:
        """Act on a Ctrl-C that came while PyAV worked (normally: raise KeyboardInterrupt)."""
        if self._outer is not None:
            self._outer.check()
        elif self._previous is not None:
            self._deliver(self._previous)

    @contextlib.contextmanager
    def lifted(self) -> Iterator[None]:
        """Ctrl-C acts as usual inside this block: around the ``yield`` of a generator that decodes,
        so that the caller's own work (Whisper, for minutes) is not held back."""
        self._release()
        yield  # a generator closed here (perhaps in another thread) holds nothing again
        self._hold()


#: Long recordings are decoded and transcribed in pieces of about this many seconds, so memory
#: stays bounded whatever the length (10 minutes of 16 kHz float32 is 38 MB).
PIECE_SECONDS = 600
#: A piece ends at the quietest tenth of a second within this many seconds of its nominal end.
CUT_SEARCH_SECONDS = 10


def _quietest_cut(samples: np.ndarray, around: int) -> int:
    """The sample index of the quietest 100 ms near ``around``: a pause, so no word is cut."""
    frame = SAMPLE_RATE // 10
    low = max(frame, around - CUT_SEARCH_SECONDS * SAMPLE_RATE)
    high = min(len(samples) - frame, around + CUT_SEARCH_SECONDS * SAMPLE_RATE)
    if high <= low:
        return around
    starts = np.arange(low, high, frame)
    energy = [float(np.square(samples[i : i + frame]).mean()) for i in starts]
    # The quietest; among equally quiet (true silence), the one nearest the nominal end.
    best = min(range(len(starts)), key=lambda k: (energy[k], abs(int(starts[k]) - around)))
    return int(starts[best] + frame // 2)


def stream(path: Path, piece_seconds: int = PIECE_SECONDS):
    """Decode ``path`` piece by piece: yields ``(offset_seconds, samples)``, 16 kHz mono float32.

    Pieces end in a pause near every ``piece_seconds``; a short recording is one piece.
    A damaged stretch of a file is skipped, as FFmpeg's own tools do. Ctrl-C while a piece
    decodes raises KeyboardInterrupt (see :class:`DeferredInterrupt`).

    Raises:
        RecordingError: the file is missing, empty, not decodable, or has no audio stream.
    """
    check_readable(path)
    with DeferredInterrupt() as interrupt:
        import av  # a first import, interrupted, left a module without av.error

        try:
            container = av.open(str(path), metadata_errors="ignore")
        except av.error.FFmpegError as e:
            raise RecordingError(f"{path} cannot be decoded as audio or video ({e.strerror}); {HINT}") from None
        with container:
            if not container.streams.audio:
                kind = "video" if container.streams.video else "file"
                raise RecordingError(f"{path} is a {kind} with no audio stream; pass a recording with sound")
            audio_stream = container.streams.audio[0]
            # 16-bit samples scaled to float, exactly as faster-whisper's own decode_audio makes them:
            # Whisper then hears the same numbers as it would from plain faster-whisper.
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            pending: list[np.ndarray] = []
            buffered = 0
            offset = 0
            total = 0
            limit = (piece_seconds + CUT_SEARCH_SECONDS) * SAMPLE_RATE

            def frames():
                try:
                    for packet in container.demux(audio_stream):
                        interrupt.check()
                        try:
                            yield from packet.decode()
                        except av.error.InvalidDataError:
                            continue
                except av.error.FFmpegError as e:
                    if not total:
                        raise RecordingError(f"{path} cannot be decoded as audio ({e.strerror}); {HINT}") from None
                yield None  # flush the resampler

            for frame in frames():
                for out in resampler.resample(frame):
                    pending.append(out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0)
                    buffered += pending[-1].size
                    total += pending[-1].size
                interrupt.check()
                if buffered >= limit:
                    samples = np.concatenate(pending)
                    cut = _quietest_cut(samples, piece_seconds * SAMPLE_RATE)
                    with interrupt.lifted():
                        yield offset / SAMPLE_RATE, samples[:cut]
                    offset += cut
                    pending, buffered = [samples[cut:]], samples.size - cut
            if total == 0:
                raise RecordingError(f"{path} holds no audio samples; {HINT}")
            if buffered:
                with interrupt.lifted():
                    yield offset / SAMPLE_RATE, np.concatenate(pending)


def estimated_duration(path: Path) -> float:
    """The duration the container states, for a progress bar before decoding; 0 if unknown."""
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            return float(container.duration or 0) / av.time_base
    except av.error.FFmpegError:
        return 0.0


def decode(path: Path) -> np.ndarray:
    """Decode the first audio stream of ``path`` whole, to 16 kHz mono float32 samples.

    The same samples :func:`stream` gives piece by piece; for short files and tools.

    Raises:
        RecordingError: the file is missing, empty, not decodable or has no audio stream.
    """
    return np.concatenate([samples for _, samples in stream(path)])


#: The encoder for each extension :func:`encode` writes.
CODECS = {
    ".mp3": "libmp3lame",
    ".m4a": "aac",
    ".mp4": "aac",
    ".ogg": "libopus",
    ".opus": "libopus",
    ".flac": "flac",
    ".wav": "pcm_s16le",
}


def encode(path: Path, blocks: Iterable[np.ndarray], sample_rate: int = SAMPLE_RATE, bit_rate: int = 0) -> Path:
    """Write mono 16-bit samples to ``path`` in the container and codec its extension names.

    ``blocks`` (int16 arrays) are written one after the other, so a long recording need
    never be in memory whole; pass ``[samples]`` for one array. ``bit_rate`` 0 leaves the
    codec's default. Ctrl-C raises KeyboardInterrupt, the file half written.

    Raises:
        RecordingError: the extension is not one of :data:`CODECS`.
    """
    codec = CODECS.get(path.suffix.lower())
    if codec is None:
        raise RecordingError(f"Cannot write {path}: recordings are written as {', '.join(CODECS)}; pick one of those")
    import av

    with DeferredInterrupt() as interrupt, av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=48000 if codec == "libopus" else sample_rate)  # Opus: 48 kHz only
        stream.layout = "mono"
        if bit_rate:
            stream.bit_rate = bit_rate
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=stream.rate)
        for block in itertools.chain(blocks, [None]):
            frame = None
            if block is not None:
                frame = av.AudioFrame.from_ndarray(
                    np.asarray(block, dtype=np.int16).reshape(1, -1), format="s16", layout="mono"
                )
                frame.sample_rate = sample_rate
            for resampled in resampler.resample(frame):
                container.mux(stream.encode(resampled))
            interrupt.check()
        container.mux(stream.encode(None))
    return path
