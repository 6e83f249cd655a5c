"""Where one ingest's memory and CPU go, stage by stage: RSS sampled every 20 ms, stages marked.

    python benchmarks/profile_ingest.py RECORDING [--no-diarization] [--batch-size N]

Runs ``Workspace.ingest_each`` on RECORDING in a fresh temporary workspace, in this process, with
the library's stage functions wrapped: each line gives when a stage began or ended, the process's
CPU time spent inside it (all threads), its RSS then and the highest RSS until the next mark.
Compare with plain faster-whisper's profile (``--plain``): same model folder and options as
bench_ingest.py.
"""

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

samples: list[tuple[float, float]] = []
marks: list[tuple[float, str]] = []


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def sample(stop: threading.Event) -> None:
    while not stop.is_set():
        samples.append((time.perf_counter(), rss_mb()))
        time.sleep(0.02)


def wrap(owner, name: str, label: str) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        marks.append((time.perf_counter(), f"{label} >"))
        cpu = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            marks.append((time.perf_counter(), f"{label} < (CPU {time.process_time() - cpu:.2f} s)"))

    setattr(owner, name, wrapper)


def plain(recording: Path) -> None:
    from faster_whisper import WhisperModel

    from gesprekken.models import ensure_packaged_model

    model = WhisperModel(str(ensure_packaged_model()), device="cpu", compute_type="int8")
    marks.append((time.perf_counter(), "model loaded"))
    segments, _ = model.transcribe(
        str(recording), language="nl", beam_size=5, temperature=0.0, vad_filter=True, word_timestamps=True
    )
    marks.append((time.perf_counter(), "decoded, VAD done"))
    sum(len(s.words) for s in segments)


def ingest(recording: Path, diarization: bool, batch_size: int) -> None:
    from gesprekken import analyse, diarize, ingest, models, vocabulary, workspace

    wrap(models, "load_whisper", "load Whisper")
    wrap(ingest, "other_language", "language check")
    wrap(ingest, "transcribe", "transcribe (a piece)")
    wrap(diarize.VoiceWindows, "add", "voice windows (a piece)")
    wrap(diarize, "warm_up", "speaker encoder load")
    wrap(analyse, "pipeline", "Dutch pipeline")
    wrap(diarize, "label_words", "cluster voices")
    wrap(vocabulary, "correct", "vocabulary repair")
    wrap(workspace.Workspace, "store", "analyse and store")
    with tempfile.TemporaryDirectory() as folder:
        space = workspace.Workspace(Path(folder) / "transcripts", Path(folder) / "g.db")
        list(space.ingest_each([recording], diarization=diarization, batch_size=batch_size))
        space.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recording", type=Path)
    parser.add_argument("--no-diarization", action="store_true")
    parser.add_argument("--batch-size", type=int, default=0)
    parser.add_argument("--plain", action="store_true", help="profile plain faster-whisper instead")
    args = parser.parse_args()
    stop = threading.Event()
    threading.Thread(target=sample, args=(stop,), daemon=True).start()
    start = time.perf_counter()
    marks.append((start, "start"))
    if args.plain:
        plain(args.recording)
    else:
        ingest(args.recording, not args.no_diarization, args.batch_size)
    marks.append((time.perf_counter(), "end"))
    time.sleep(0.05)
    stop.set()
    for i, (at, label) in enumerate(marks):
        until = marks[i + 1][0] if i + 1 < len(marks) else float("inf")
        window = [rss for when, rss in samples if at <= when < until]
        if window:
            print(f"{at - start:8.2f} s  {label:45s} RSS {window[0]:6.0f} MB, highest until next {max(window):6.0f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB, CPU {time.process_time():.1f} s, wall {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
