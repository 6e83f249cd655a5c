"""CPU time of the pitch track ingest makes for naming (gesprekken.pitch): the sample, once and ten times over.

python benchmarks/bench_pitch.py
"""

import time
from pathlib import Path

import numpy as np

from gesprekken import audio
from gesprekken.pitch import PitchTrack

SAMPLE = Path(__file__).resolve().parent.parent / "gesprekken" / "data" / "sample" / "sample.mp3"

samples = np.concatenate([piece for _, piece in audio.stream(SAMPLE)])
for times in (1, 10):
    longer = np.tile(samples, times)
    started = time.process_time()
    PitchTrack().add(longer)
    print(f"{len(longer) / 16000:.0f} s of audio: {time.process_time() - started:.2f} s of CPU")
