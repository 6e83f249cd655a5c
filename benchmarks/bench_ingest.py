"""Ingest speed and memory: `gesprekken ingest` against plain faster-whisper on the same file.

    python benchmarks/bench_ingest.py [--rounds 3] [RECORDING ...]

Without recordings it measures the shipped sample and a five-minute recording it speaks
itself (the sample dialogue six times, via scripts/speak.py; needs espeak-ng and MBROLA).
Each measurement is a fresh process, the two tools alternate within every round so
both see the same machine load, and the table reports the median of the rounds.

"plain faster-whisper" is what a user would write instead: load the same model folder,
transcribe with the same options (nl, beam 5, temperature 0, VAD, word timestamps) and
read every segment. gesprekken does that plus hashing, vocabulary repair, the Dutch
analysis, the transcript file and the database; and, unless --no-diarization, diarization
and naming.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "gesprekken" / "data" / "sample"
OUT = ROOT / "benchmarks" / "out"

PLAIN = """
import sys
from faster_whisper import WhisperModel
model = WhisperModel(sys.argv[1], device="cpu", compute_type="int8")
segments, info = model.transcribe(sys.argv[2], language="nl", beam_size=5, temperature=0.0,
                                  vad_filter=True, word_timestamps=True)
print(sum(len(s.words) for s in segments), "words", file=sys.stderr)
"""

# Runs a command and reports its wall time and the peak RSS of its process tree's largest process.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(command: list[str], env: dict) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True, env=env
    ).stdout
    return json.loads(output)


def duration_of(recording: Path) -> float:
    from faster_whisper.audio import decode_audio

    return len(decode_audio(str(recording))) / 16000


def long_recording() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "vijf-minuten.mp3"
    if not target.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "speak.py"),
                str(SAMPLE / "dialoog.yaml"),
                str(target),
                "--repeat",
                "6",
            ],
            check=True,
        )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recordings", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    recordings = args.recordings or [SAMPLE / "sample.mp3", long_recording()]

    from gesprekken.models import ensure_packaged_model

    model_folder = ensure_packaged_model()  # assembled once, as after the first run
    gesprekken = str(Path(sys.executable).parent / "gesprekken")
    env = dict(os.environ)
    rows = []
    for recording in recordings:
        seconds = duration_of(recording)
        results: dict[str, list[dict]] = {
            "plain faster-whisper": [],
            "gesprekken ingest --no-diarization": [],
            "gesprekken ingest": [],
        }
        for round_number in range(args.rounds):
            order = list(results) if round_number % 2 == 0 else list(reversed(results))
            for tool in order:
                with tempfile.TemporaryDirectory() as workspace:
                    if tool == "plain faster-whisper":
                        command = [sys.executable, "-c", PLAIN, str(model_folder), str(recording)]
                    else:
                        command = [
                            gesprekken,
                            "ingest",
                            str(recording),
                            "--quiet",
                            "--db",
                            f"{workspace}/g.db",
                            "--transcripts",
                            f"{workspace}/transcripts",
                        ]
                        if tool.endswith("--no-diarization"):
                            command.append("--no-diarization")
                    results[tool].append(measure(command, env))
        plain_wall = statistics.median(r["wall"] for r in results["plain faster-whisper"])
        for tool, runs in results.items():
            wall = statistics.median(r["wall"] for r in runs)
            rows.append(
                {
                    "recording": recording.name,
                    "audio_s": round(seconds, 1),
                    "tool": tool,
                    "wall_s": round(wall, 2),
                    "rtf": round(wall / seconds, 3),
                    "overhead": f"{(wall / plain_wall - 1) * 100:+.1f}%" if tool != "plain faster-whisper" else "",
                    "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs)),
                    "runs": [round(r["wall"], 2) for r in runs],
                }
            )
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {args.rounds} rounds\n")
    print("| recording | audio | tool | wall (median) | real-time factor | overhead | peak RSS | runs |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['recording']} | {r['audio_s']} s | {r['tool']} | {r['wall_s']} s | {r['rtf']} | {r['overhead']} "
            f"| {r['peak_rss_mb']} MB | {', '.join(map(str, r['runs']))} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
