"""Recordings: finding them, identifying them by content, and decoding them with PyAV.

faster-whisper decodes through PyAV, which bundles FFmpeg's libraries: mp3, m4a, wav,
ogg, flac and video containers decode without a system ffmpeg.
"""

import hashlib
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
    A damaged stretch of a file is skipped, as FFmpeg's own tools do.

    Raises:
        RecordingError: the file is missing, empty, not decodable, or has no audio stream.
    """
    check_readable(path)
    import av

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
            if buffered >= limit:
                samples = np.concatenate(pending)
                cut = _quietest_cut(samples, piece_seconds * SAMPLE_RATE)
                yield offset / SAMPLE_RATE, samples[:cut]
                offset += cut
                pending, buffered = [samples[cut:]], samples.size - cut
        if total == 0:
            raise RecordingError(f"{path} holds no audio samples; {HINT}")
        if buffered:
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
