"""Ctrl-C during decoding: how many are lost, out of N sent at random moments.

    python benchmarks/bench_interrupt.py [--runs 200] [--seed 1]
    python benchmarks/bench_interrupt.py --cli [--runs 16] [--seed 3]

PyAV 18.1 loses a KeyboardInterrupt raised while it builds the EAGAIN error that ends its decode
and resample loops: the handler runs, decoding goes on. Each run decodes the shipped sample (53 s)
over and over and sends this process SIGINT after a random 0 to 100 ms; the run counts as lost
when the handler ran and decoding still ended normally. Three decoders: PyAV's own loop as
gesprekken's stream() had it (the reference, unprotected), gesprekken.audio.decode (ingest's)
and the public copies' decode (gesprekken.redact).

``--cli``: the whole command, Linux only. ``gesprekken ingest --no-diarization`` of the sample twelve
times over (10.7 minutes: bench_ingest.py's) in a fresh workspace; once the recording has been open
50 ms (decoding its first piece; hashing takes less), SIGINT after a random 0 to 300 ms. The run
is lost when the first piece is still decoded after it (then a second Ctrl-C ends it); each run
reports the exit status, the last line on stderr and whether anything was left in the workspace.
"""

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
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


# The command as its entry point runs it, with a mark of the moment its first piece is decoded.
MARKED_CLI = """
import sys, time
from gesprekken import audio
mark = sys.argv.pop(1)
real = audio.stream
def stream(*args, **kwargs):
    for number, piece in enumerate(real(*args, **kwargs)):
        if number == 0:
            open(mark, "w").write(repr(time.time()))
        yield piece
audio.stream = stream
from gesprekken.cli import cli
sys.argv[0] = "gesprekken"
cli()
"""


def _has_open(pid: int, path: Path) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def cli_runs(runs: int, rng: random.Random) -> None:
    from bench_ingest import repeated_sample

    recording = repeated_sample(12)
    lost = 0
    with tempfile.TemporaryDirectory() as folder:
        workspace, mark = Path(folder) / "workspace", Path(folder) / "first-piece"
        workspace.mkdir()
        print("| run | lost | exit | stderr's last line | left in the workspace |\n| --- | --- | --- | --- | --- |")
        for run in range(runs):
            mark.unlink(missing_ok=True)
            command = [sys.executable, "-c", MARKED_CLI, str(mark), "ingest", str(recording), "--no-diarization"]
            # SIGINT as a terminal's: a shell without job control starts background jobs with it ignored.
            child = subprocess.Popen(
                command,
                cwd=workspace,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
            since = None
            while child.poll() is None:
                since = (since or time.monotonic()) if _has_open(child.pid, recording) else None
                if since and time.monotonic() - since > 0.05:
                    break
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.3))
            sent = time.time()
            child.send_signal(signal.SIGINT)
            again = False
            while child.poll() is None:
                if not again and mark.exists() and float(mark.read_text() or 0) > sent:
                    again = True  # the first Ctrl-C was lost
                    child.send_signal(signal.SIGINT)
                time.sleep(0.01)
            _, err = child.communicate()
            lost += again
            left = sorted(str(p.relative_to(workspace)) for p in workspace.rglob("*") if p.suffix != ".db")
            if (workspace / "gesprekken.db").exists():  # made and migrated when the command starts
                with sqlite3.connect(workspace / "gesprekken.db") as db:
                    stored = db.execute("SELECT count(*) FROM conversations").fetchone()[0]
                left += [f"{stored} conversations in gesprekken.db"] if stored else []
            last = (err.strip().splitlines() or [""])[-1]
            print(f"| {run} | {'lost' if again else ''} | {child.returncode} | {last} | {', '.join(left)} |")
    print(f"{lost} of {runs} first Ctrl-Cs lost")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli", action="store_true", help="Ctrl-C to the whole ingest command instead")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    if args.cli:
        cli_runs(args.runs, random.Random(args.seed))
        return 0
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
