"""Piece length against memory, CPU and WER: one long recording ingested with pieces of N seconds.

    python benchmarks/bench_pieces.py [--repeat 12] [PIECE_SECONDS ...]

The recording is the shipped sample ``--repeat`` times over (bench_ingest.py's, 12: ten and a half
minutes); the reference is its dialogue as many times. Each piece length is one ingest in this
process, without diarization, into a fresh workspace; WER as bench_vocabulary.py computes it. Peak
memory is best read with profile_ingest.py, one process per length.
"""

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import jiwer
import yaml
from bench_ingest import SAMPLE, repeated_sample

import gesprekken.audio
from gesprekken.transcript import read
from gesprekken.workspace import Workspace


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pieces", nargs="*", type=int, default=[600, 300])
    parser.add_argument("--repeat", type=int, default=12)
    args = parser.parse_args()
    recording = repeated_sample(args.repeat)
    turns = yaml.safe_load((SAMPLE / "dialoog.yaml").read_text(encoding="utf-8"))["turns"]
    reference = " ".join([normalise(" ".join(turn["text"] for turn in turns))] * args.repeat)
    print("| piece | WER | CPU | decoded again |\n| --- | --- | --- | --- |")
    for seconds in args.pieces:
        gesprekken.audio.stream.__defaults__ = (seconds,)  # what ingest's audio.stream(recording) uses
        with tempfile.TemporaryDirectory() as folder:
            workspace = Workspace(Path(folder) / "transcripts", Path(folder) / "g.db")
            cpu = time.process_time()
            list(workspace.ingest_each([recording], diarization=False))
            cpu = time.process_time() - cpu
            conversation = read(next((Path(folder) / "transcripts").glob("*.md")))
            workspace.close()
        heard = normalise(" ".join(turn.text for turn in conversation.turns))
        again = conversation.transcription["decoded_again"]
        print(f"| {seconds} s | {jiwer.wer(reference, heard):.1%} | {cpu:.1f} s | {again} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
