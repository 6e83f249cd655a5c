"""Public recordings: a copy of a recording in which voices that may not be heard are silence.

A participant who withdrew consent (or is not published, or was forgotten) must not be heard
on the public site. The public copy of such a conversation's recording is written with PyAV as
FLAC (lossless, so silence stays exactly zero, and every browser plays it), at the original's
sample rate and channels and of the same length, so every time in the knowledge base still
points at the same moment. Each copy is checked after it is written: every silenced span must
decode to samples that are all zero, and the length must match, or it is deleted and refused.
"""

import hashlib
import json
from pathlib import Path

import numpy as np

from .audio import DeferredInterrupt
from .errors import GesprekkenError
from .paths import atomic_write

#: Public copies live in this folder inside the recordings folder (hidden: never ingested).
PUBLIC_FOLDER = ".openbaar"
#: The end of a span silenced to the end of the recording, however long the file is (seconds: 115 days).
END_OF_RECORDING = 10_000_000.0


class RedactionError(GesprekkenError):
    """A public recording could not be made with the withdrawn voices silenced."""


def public_recording_name(
    conversation_id: str, source_sha256: str, spans: list[tuple[float, float]], suffix: str = ".flac"
) -> str:
    """The file name of a conversation's public recording: it changes with the spans silenced (a copy silenced is
    FLAC; one with nothing silenced keeps its own ``suffix``)."""
    key = hashlib.sha256(json.dumps([source_sha256, spans]).encode()).hexdigest()[:12]
    return f"{conversation_id}-{key}{suffix}"


def _decode(path: Path) -> tuple[np.ndarray, int, str]:
    """All samples of the first audio stream as int16, shape (samples, channels); rate; layout."""
    import av

    with DeferredInterrupt() as interrupt, av.open(str(path), metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise RedactionError(f"{path} has no audio stream, so no public copy can be made of it")
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate or stream.rate
        layout = "mono" if (stream.codec_context.channels or 1) == 1 else "stereo"
        resampler = av.AudioResampler(format="s16", layout=layout, rate=rate)
        chunks = []
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
            interrupt.check()
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    channels = 1 if layout == "mono" else 2
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    return samples.reshape(-1, channels), rate, layout


def _encode_flac(samples: np.ndarray, rate: int, layout: str, handle) -> None:
    import av

    with DeferredInterrupt() as interrupt, av.open(handle, mode="w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout=layout)
        stream.format = "s16"
        step = 4096
        for start in range(0, len(samples), step):
            block = np.ascontiguousarray(samples[start : start + step].T.reshape(1, -1))
            frame = av.AudioFrame.from_ndarray(block, format="s16", layout=layout)
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                container.mux(packet)
            interrupt.check()
        for packet in stream.encode(None):
            container.mux(packet)


def remux(source: Path, target: Path) -> Path:
    """Write ``target``: the first audio stream of ``source``, its packets copied as they are (no new encoding),
    into a file of the same kind with none of its tags, chapters or other streams (what a recorder or an editor
    wrote there may name someone). Written whole or not at all.

    Raises:
        RedactionError: ``source`` has no audio stream.
    """
    import av

    with av.open(str(source), metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise RedactionError(f"{source} has no audio stream, so no public copy can be made of it")
        names = container.format.name.split(",")
        kind = "ipod" if "m4a" in names else names[0]  # (an M4A as an M4A, not QuickTime's "mov")
        stream = container.streams.audio[0]
        with atomic_write(target, "wb", encoding=None) as handle, av.open(handle, "w", format=kind) as out:
            copied = out.add_stream_from_template(stream)
            for packet in container.demux(stream):
                if packet.dts is None:  # (the demuxer's last, empty packet)
                    continue
                packet.stream = copied
                out.mux(packet)
    return target


def silence(source: Path, target: Path, spans: list[tuple[float, float]]) -> Path:
    """Write ``target``: ``source`` as FLAC with every ``(start, end)`` span (seconds) silent.

    Raises:
        RedactionError: the source cannot be decoded, or the copy fails its check.
    """
    samples, rate, layout = _decode(source)
    silenced = samples.copy()
    bounds = [(max(0, int(start * rate)), min(len(samples), int(np.ceil(end * rate)))) for start, end in spans]
    for first, last in bounds:
        silenced[first:last] = 0
    with atomic_write(target, "wb") as handle:
        _encode_flac(silenced, rate, layout, handle)
    check, check_rate, _ = _decode(target)
    heard = [float(np.sqrt(np.mean(check[a:b].astype(np.float64) ** 2))) for a, b in bounds if b > a]
    if check_rate != rate or len(check) != len(samples) or any(heard):
        target.unlink(missing_ok=True)
        raise RedactionError(
            f"The public copy of {source} did not come out silent where it must (RMS {max(heard, default=0):.1f}) "
            "or not of the same length; it was not published: report this as a bug"
        )
    return target


def merged_spans(spans: list[tuple[float, float]], duration: float | None) -> list[tuple[float, float]]:
    """``spans`` in order, within the recording (``duration``, where known), overlapping ones as one."""
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        start, end = round(max(0.0, start), 3), round(min(end, duration) if duration else end, 3)
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


#: Seconds silenced beyond the heard turns on either side of a hidden one: Whisper may give a word of the
#: hidden voice to the turn before ("En" of "En ik ben Joost ..." ended the sample's turn before his, and
#: 0.08 s of his voice was heard; a newcomer's run of the README, session 28). The heard turns lose at most
#: this much at their edge.
HIDDEN_MARGIN = 0.25


def hidden_spans(turns: list[tuple[float, float, bool]], duration: float) -> list[tuple[float, float]]:
    """The spans to silence, from every turn as ``(start, end, hidden)`` in recording order.

    A hidden turn is silenced from where the previous heard turn ends to where the next heard
    turn starts, and HIDDEN_MARGIN into each, so a word time that is a little off does not let the
    voice through.
    """
    spans: list[tuple[float, float]] = []
    ordered = sorted(turns)
    for i, (start, end, hidden) in enumerate(ordered):
        if not hidden:
            continue
        # Where turns overlap, the hidden voice wins: privacy first.
        before = min(max((e for s, e, h in ordered[:i] if not h), default=0.0), start)
        after = max(min((s for s, e, h in ordered[i + 1 :] if not h), default=duration), end)
        spans.append((before - HIDDEN_MARGIN, after + HIDDEN_MARGIN))
    return merged_spans(spans, duration or None)
