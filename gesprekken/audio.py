"""Recordings: finding them, identifying them by content, and decoding them with PyAV.

faster-whisper decodes through PyAV, which bundles FFmpeg's libraries: mp3, m4a, wav,
ogg, flac and video containers decode without a system ffmpeg.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import RecordingError

SAMPLE_RATE = 16000
RECORDING_EXTENSIONS = frozenset(
    {".mp3", ".m4a", ".wav", ".ogg", ".oga", ".opus", ".flac", ".aac", ".wma", ".mp4", ".m4v", ".mov", ".mkv",
     ".webm", ".avi"}
)
HINT = "pass an audio or video recording (mp3, m4a, wav, ogg, flac, mp4)"


@dataclass(frozen=True)
class Recording:
    """A recording file and what decoding it told us."""

    path: Path
    sha256: str
    duration: float


def find_recordings(paths: list[Path]) -> list[Path]:
    """Expand folders into the recordings inside them (sorted); files are kept as given.

    Raises:
        RecordingError: a path does not exist, or a folder holds no recordings.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in RECORDING_EXTENSIONS and not p.name.startswith(".")
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


def decode(path: Path) -> np.ndarray:
    """Decode the first audio stream of ``path`` to 16 kHz mono float32 samples.

    Raises:
        RecordingError: the file is missing, empty, not decodable or has no audio stream.
    """
    check_readable(path)
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                kind = "video" if container.streams.video else "file"
                raise RecordingError(f"{path} is a {kind} with no audio stream; pass a recording with sound")
    except av.error.FFmpegError as e:
        raise RecordingError(f"{path} cannot be decoded as audio or video ({e.strerror}); {HINT}") from None

    from faster_whisper.audio import decode_audio

    try:
        audio = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, ValueError, RuntimeError) as e:
        raise RecordingError(f"{path} is damaged and cannot be decoded ({e}); copy it again from its source") from None
    if audio.size == 0:
        raise RecordingError(f"{path} holds no audio samples; {HINT}")
    return audio
