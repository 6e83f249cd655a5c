"""Ctrl-C during decoding: how many are lost, out of N sent at random moments.

    python benchmarks/bench_interrupt.py [--runs 200] [--seed 1]

PyAV 18.1 loses a KeyboardInterrupt raised while it builds the EAGAIN error that ends its decode
and resample loops: the handler runs, decoding goes on. Each run decodes the shipped sample (53 s)
over and over and sends this process SIGINT after a random 0 to 100 ms; the run counts as lost
when the handler ran and decoding still ended normally. Three decoders: PyAV's own loop as
gesprekken's stream() had it (the reference, unprotected), gesprekken.audio.decode (ingest's)
and the public copies' decode (gesprekken.redact).
"""

import argparse
import os
import random
import signal
import threading
import time
from pathlib import Path

import numpy as np

from gesprekken import audio, redact

SAMPLE = Path(audio.__file__).parent / "data" / "sample" / "sample.mp3"


def pyav_alone(path: Path) -> np.ndarray:
    """stream()'s loop before the fix, without its pieces: demux, decode, resample to 16 kHz."""
    import av

    chunks = []
    with av.open(str(path), metadata_errors="ignore") as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=audio.SAMPLE_RATE)
        for packet in container.demux(container.streams.audio[0]):
            for frame in packet.decode():
                chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
        chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    return np.concatenate(chunks)


DECODERS = {
    "PyAV alone (stream's loop before)": pyav_alone,
    "gesprekken.audio.decode (ingest)": audio.decode,
    "gesprekken.redact._decode (public copies)": lambda path: redact._decode(path)[0],
}


def lost_of(decoder, runs: int, rng: random.Random) -> int:
    handled = []

    def handler(signum, frame):
        handled.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    lost = 0
    try:
        for _ in range(runs):
            handled.clear()
            try:
                threading.Timer(rng.uniform(0, 0.1), os.kill, (os.getpid(), signal.SIGINT)).start()
                while not handled:
                    decoder(SAMPLE)
                lost += 1
            except KeyboardInterrupt:
                pass
    finally:
        signal.signal(signal.SIGINT, previous)
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| decoder | runs | lost | wall | CPU |\n| --- | --- | --- | --- | --- |")
    for name, decoder in DECODERS.items():
        decoder(SAMPLE)  # imported and warm: every Ctrl-C below comes while decoding
        wall, cpu = time.perf_counter(), time.process_time()
        lost = lost_of(decoder, args.runs, random.Random(args.seed))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"| {name} | {args.runs} | {lost} | {wall:.1f} s | {cpu:.1f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
