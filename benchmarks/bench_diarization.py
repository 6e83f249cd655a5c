"""Diarization quality and cost on the synthetic dev set, side by side with ingest without it.

    python benchmarks/bench_diarization.py [--rounds 2] [--short-only]

Ingest's options from the environment apply (``GESPREKKEN_BATCH_SIZE=8`` measures batched decoding).

For each recording of the dev set (the shipped sample, tests/data/dev/*.mp3, and the
five-minute recording of bench_ingest.py), `gesprekken ingest --no-diarization` and
`gesprekken ingest` run alternately in fresh workspaces. Reported: speakers found and
true, word-level speaker accuracy (under the best mapping of voices to true speakers, and
by name as named from the programme), the diarization error rate (pyannote.metrics) with
its parts, without a collar and with 0.25 s forgiven around each true boundary, and the
wall time of both commands.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_ingest import long_recording
from evaluation import diarization_error_rate, truth_speaker_at, word_speaker_accuracy

from gesprekken import transcript

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"
SAMPLE = ROOT / "gesprekken" / "data" / "sample"


def long_programme() -> Path:
    """The sample's programme, pointing at the five-minute recording of the same dialogue."""
    path = ROOT / "benchmarks" / "out" / "vijf-minuten.yaml"
    path.write_text((SAMPLE / "programme.yaml").read_text().replace("sample.mp3", "vijf-minuten.mp3"))
    return path


def run(recording: Path, programme: Path, workspace: str, diarize: bool) -> tuple[float, Path]:
    command = [
        str(Path(sys.executable).parent / "gesprekken"),
        "ingest",
        str(recording),
        "--programme",
        str(programme),
        "--db",
        f"{workspace}/g.db",
        "--transcripts",
        f"{workspace}/t",
    ]
    if not diarize:
        command.append("--no-diarization")
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start, next(Path(workspace, "t").glob("*.md"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--short-only", action="store_true", help="leave out the five-minute recording (it needs espeak-ng and MBROLA)"
    )
    args = parser.parse_args()
    cases = [
        ("sample.mp3 (woman + man)", SAMPLE / "sample.mp3", SAMPLE / "programme.yaml"),
        ("twee-mannen.mp3 (two men)", DEV / "twee-mannen.mp3", DEV / "programme.yaml"),
        ("drie-sprekers.mp3 (three voices)", DEV / "drie-sprekers.mp3", DEV / "programme.yaml"),
        ("een-spreker.mp3 (one voice)", DEV / "een-spreker.mp3", DEV / "programme.yaml"),
    ]
    if not args.short_only:
        cases.append(("vijf-minuten.mp3 (woman + man, 5 min)", long_recording(), long_programme()))
    print(f"{os.cpu_count()} cores, {args.rounds} rounds; median wall times\n")
    print(
        "| recording | speakers found / true | word accuracy (voices) | word accuracy (names) "
        "| DER (confusion / missed / false alarm) | DER, 0.25 s collar "
        "| ingest without diarization | ingest with diarization | added |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, recording, programme in cases:
        truth = json.loads(recording.with_name(recording.name + ".truth.json").read_text())
        times: dict[bool, list[float]] = {False: [], True: []}
        kept = Path(tempfile.mkdtemp())
        for round_number in range(args.rounds):
            for diarize in (False, True) if round_number % 2 == 0 else (True, False):
                with tempfile.TemporaryDirectory() as workspace:
                    seconds, written = run(recording, programme, workspace, diarize)
                    times[diarize].append(seconds)
                    if diarize:
                        (kept / "t.md").write_bytes(written.read_bytes())
        conversation = transcript.read(kept / "t.md")
        words = [w for t in conversation.turns for w in t.words]
        said_by = [t.speaker for t in conversation.turns for _ in t.words]
        voices = word_speaker_accuracy(words, said_by, truth)
        names = sum(truth_speaker_at(truth, (w.start + w.end) / 2) == s for w, s in zip(words, said_by, strict=True))
        der = diarization_error_rate(conversation.turns, truth)
        der_collar = diarization_error_rate(conversation.turns, truth, collar=0.5)
        without, with_ = statistics.median(times[False]), statistics.median(times[True])
        found = len({t.speaker for t in conversation.turns})
        print(
            f"| {label} | {found} / {len({t['speaker'] for t in truth})} | {voices:.1%} "
            f"| {names / len(words):.1%} | {der['der']:.1%} ({der['confusion']:.1%} / {der['missed']:.1%} / "
            f"{der['false_alarm']:.1%}) | {der_collar['der']:.1%} | {without:.2f} s | {with_:.2f} s "
            f"| {(with_ / without - 1):+.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
