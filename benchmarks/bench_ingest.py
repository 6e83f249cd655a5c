"""Ingest speed and memory: `gesprekken ingest` against plain faster-whisper on the same file.

    python benchmarks/bench_ingest.py [--rounds 3] [--repeat-sample N] [--tools plain,ingest,...] [RECORDING ...]

Without recordings it measures the shipped sample and a five-minute recording it speaks
itself (the sample dialogue six times, via scripts/speak.py; needs espeak-ng and MBROLA).
``--repeat-sample N`` adds the sample N times over (6: five minutes, 135: two hours), made without
a speech synthesiser. Each measurement is a fresh process, the tools alternate within every round
so all see the same machine load, and the table reports the median of the rounds, with CPU time
(user + system) beside wall time, and the load average before each run: on a shared machine
CPU time is the steadier comparison.

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

# Runs a command and reports its wall time, CPU time (user + system, all its processes), the peak RSS
# of its process tree's largest process and the machine's load average just before it started.
MEASURE = """
import json, os, resource, subprocess, sys, time
load = os.getloadavg()
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
                  "load": load}))
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


def repeated_sample(times: int) -> Path:
    """The shipped sample ``times`` over in one mp3 (53.4 s each): five minutes is 6, two hours 135."""
    import numpy as np

    from gesprekken.audio import decode, encode

    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"sample-x{times}.mp3"
    if not target.exists():
        speech = (decode(SAMPLE / "sample.mp3") * 32767).astype(np.int16)
        encode(target, (speech for _ in range(times)))
    return target


TOOLS = {
    "plain": "plain faster-whisper",
    "no-diarization": "gesprekken ingest --no-diarization",
    "ingest": "gesprekken ingest",
    "batched": "gesprekken ingest --batch-size {batch}",
    "sequential": "gesprekken ingest --batch-size 0",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recordings", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--repeat-sample", type=int, action="append", default=[], help="also the sample this many times over"
    )
    parser.add_argument("--tools", default="plain,no-diarization,ingest", help=f"of {', '.join(TOOLS)}")
    parser.add_argument("--batch-size", type=int, default=8, help="for the batched tool")
    args = parser.parse_args()
    recordings = args.recordings + [repeated_sample(n) for n in args.repeat_sample]
    recordings = recordings or [SAMPLE / "sample.mp3", long_recording()]
    tools = [TOOLS[t].format(batch=args.batch_size) for t in args.tools.split(",")]

    from gesprekken.models import ensure_packaged_model

    model_folder = ensure_packaged_model()  # assembled once, as after the first run
    gesprekken = str(Path(sys.executable).parent / "gesprekken")
    env = dict(os.environ)
    rows = []
    for recording in recordings:
        seconds = duration_of(recording)
        results: dict[str, list[dict]] = {tool: [] for tool in tools}
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
                        command += tool.split()[2:]  # the tool's own options
                    results[tool].append(measure(command, env))
        plain = results.get("plain faster-whisper")
        plain_wall = statistics.median(r["wall"] for r in plain) if plain else None
        plain_cpu = statistics.median(r["cpu"] for r in plain) if plain else None
        for tool, runs in results.items():
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            compared = plain_wall is not None and tool != "plain faster-whisper"
            rows.append(
                {
                    "recording": recording.name,
                    "audio_s": round(seconds, 1),
                    "tool": tool,
                    "wall_s": round(wall, 2),
                    "rtf": round(wall / seconds, 3),
                    "overhead": f"{(wall / plain_wall - 1) * 100:+.1f}%" if compared else "",
                    "cpu_s": round(cpu, 1),
                    "cpu_overhead": f"{(cpu / plain_cpu - 1) * 100:+.1f}%" if compared else "",
                    "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs)),
                    "runs": [round(r["wall"], 2) for r in runs],
                    "loads": [round(r["load"][0], 1) for r in runs],
                }
            )
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {args.rounds} rounds\n")
    print(
        "| recording | audio | tool | wall (median) | real-time factor | overhead | CPU, user + sys (median) "
        "| CPU overhead | peak RSS | runs | 1-min load before each |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['recording']} | {r['audio_s']} s | {r['tool']} | {r['wall_s']} s | {r['rtf']} | {r['overhead']} "
            f"| {r['cpu_s']} s | {r['cpu_overhead']} | {r['peak_rss_mb']} MB | {', '.join(map(str, r['runs']))} "
            f"| {', '.join(map(str, r['loads']))} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
