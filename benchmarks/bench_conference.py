"""A whole conference folder: real-time factor and word error rate, sequential, batched and --jobs 2.

    python benchmarks/bench_conference.py [--rounds 1] [--batch-size 8] [--diarization]

The folder is the project's own synthetic Dutch recordings, copied into one place with one
programme: tests/data/dev (less english.mp3, which ingest refuses as another language) and
tests/data/naming/{dev,heldout}, 20 recordings, 12.4 minutes. Five contenders, each a fresh
process over the whole folder, alternating order between rounds so all see the same load:

- plain faster-whisper: what a user would write instead (the packaged base model folder, int8 on
  the CPU, nl, beam 5, temperature 0, VAD, word timestamps; one model, the files one by one);
- ``gesprekken ingest FOLDER --programme`` with ``--batch-size 0`` (sequential decoding);
- the same with ``--batch-size N`` (faster-whisper's batched pipeline);
- each of the two with ``--jobs 2`` (two worker processes, one thread each on 2 cores);
- with ``--beam-sizes 2,3,4``, also ``--jobs 2 --batch-size N`` at each of those beam widths.

Ingest runs with ``--no-diarization`` unless ``--diarization`` (speaker turns do not change the
words). Wall time is the whole command, Python start and model loads included. WER (jiwer) of each
against the scripts the recordings were spoken from, lowercased and without punctuation, over all
20 at once as benchmarks/bench_vocabulary.py computes it. CPU time (user + system, worker processes
included) is the steadier figure on a shared machine; the machine's load (``uptime``) is recorded
before each measurement.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jiwer
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SOURCES = [DATA / "dev", DATA / "naming" / "dev", DATA / "naming" / "heldout"]
LEFT_OUT = {"english.mp3"}

PLAIN = """
import json, sys
from pathlib import Path
from faster_whisper import WhisperModel
model = WhisperModel(sys.argv[1], device="cpu", compute_type="int8")
heard = {}
for recording in sorted(Path(sys.argv[2]).glob("*.mp3")):
    segments, info = model.transcribe(str(recording), language="nl", beam_size=5, temperature=0.0,
                                      vad_filter=True, word_timestamps=True)
    heard[recording.name] = "".join(w.word for s in segments for w in s.words)
Path(sys.argv[3]).write_text(json.dumps(heard))
"""


def normalise(text: str) -> str:
    import re

    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def conference_folder(target: Path) -> dict[str, str]:
    """Copy the recordings into ``target`` with one programme; return each recording's script."""
    target.mkdir(parents=True, exist_ok=True)
    conversations, scripts = [], {}
    for source in SOURCES:
        programme = yaml.safe_load((source / "programme.yaml").read_text())
        conversations += [entry for entry in programme["conversations"] if entry["recording"] not in LEFT_OUT]
        for recording in sorted(source.glob("*.mp3")):
            if recording.name in LEFT_OUT:
                continue
            # A recording the programme does not list (tweede-opname.mp3) is titled by its file name.
            shutil.copyfile(recording, target / recording.name)
            truth = json.loads(recording.with_name(recording.name + ".truth.json").read_text())
            scripts[recording.name] = normalise(" ".join(t["text"] for t in truth))
    programme = {"conference": "Woonconferentie 2026", "conversations": conversations}
    (target / "programme.yaml").write_text(yaml.safe_dump(programme, allow_unicode=True, sort_keys=False))
    return scripts


def transcribed_words(transcripts: Path) -> dict[str, str]:
    from gesprekken.transcript import read

    heard = {}
    for path in transcripts.glob("*.md"):
        conversation = read(path)
        heard[Path(conversation.recording).name] = " ".join(turn.text for turn in conversation.turns)
    return heard


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def contenders(batch_size: int, beam_sizes: list[int]) -> dict[str, list[str]]:
    """Each contender's ingest options (none for plain faster-whisper)."""
    return {
        "plain faster-whisper": [],
        "gesprekken ingest --batch-size 0 (sequential)": ["--batch-size", "0"],
        f"gesprekken ingest --batch-size {batch_size}": ["--batch-size", str(batch_size)],
        "gesprekken ingest --jobs 2 --batch-size 0": ["--jobs", "2", "--batch-size", "0"],
        f"gesprekken ingest --jobs 2 --batch-size {batch_size}": ["--jobs", "2", "--batch-size", str(batch_size)],
        **{
            f"gesprekken ingest --jobs 2 --batch-size {batch_size} --beam-size {beam}": [
                *("--jobs", "2", "--batch-size", str(batch_size), "--beam-size", str(beam))
            ]
            for beam in beam_sizes
        },
    }


def run(tool: str, options: list[str], folder: Path, model_folder: Path, args, workspace: Path):
    """Wall time, CPU time (user + system of the command and its worker processes), words, load before."""
    import resource

    before = load()
    if tool == "plain faster-whisper":
        out = workspace / "plain.json"
        command = [sys.executable, "-c", PLAIN, str(model_folder), str(folder), str(out)]
    else:
        command = [
            str(Path(sys.executable).parent / "gesprekken"),
            "ingest",
            str(folder),
            "--programme",
            str(folder / "programme.yaml"),
            "--quiet",
            "--db",
            str(workspace / "g.db"),
            "--transcripts",
            str(workspace / "transcripts"),
        ]
        if not args.diarization:
            command.append("--no-diarization")
        command += options
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    if tool == "plain faster-whisper":
        heard = {name: normalise(text) for name, text in json.loads(out.read_text()).items()}
    else:
        heard = {name: normalise(text) for name, text in transcribed_words(workspace / "transcripts").items()}
    return wall, cpu, heard, before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--diarization", action="store_true", help="ingest with speaker turns (slower)")
    parser.add_argument("--only", action="append", help="run only these contenders (by name)")
    parser.add_argument("--beam-sizes", default="", help="also --jobs 2 --batch-size N at these beam widths: 2,3,4")
    args = parser.parse_args()

    from faster_whisper.audio import decode_audio

    from gesprekken.models import ensure_packaged_model

    model_folder = ensure_packaged_model()
    every = contenders(args.batch_size, [int(b) for b in args.beam_sizes.split(",") if b])
    chosen = args.only or list(every)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "conferentie"
        scripts = conference_folder(folder)
        audio = sum(len(decode_audio(str(folder / name))) / 16000 for name in scripts)
        names = sorted(scripts)
        results: dict[str, list[tuple[float, float, float, str]]] = {tool: [] for tool in chosen}
        for round_number in range(args.rounds):
            order = chosen if round_number % 2 == 0 else list(reversed(chosen))
            for tool in order:
                workspace = Path(tempfile.mkdtemp(dir=scratch))
                wall, cpu, heard, before = run(tool, every[tool], folder, model_folder, args, workspace)
                missing = [name for name in names if name not in heard]
                wer = jiwer.wer([scripts[n] for n in names], [heard.get(n, "") for n in names])
                results[tool].append((wall, wer, cpu, before))
                print(
                    f"{tool}: {wall:.1f} s, CPU {cpu:.1f} s, WER {wer:.4f}, load {before}, missing {missing}",
                    file=sys.stderr,
                )
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {args.rounds} round(s), "
        f"{len(names)} recordings, {audio:.1f} s of audio, "
        f"{'with' if args.diarization else 'without'} diarization\n"
    )
    print(
        "| contender | wall (median) | real-time factor | CPU, user + sys | CPU per audio second | WER "
        "| load before (1, 5, 15 min) | runs |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for tool, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        print(
            f"| {tool} | {wall:.1f} s | {wall / audio:.3f} | {cpu:.1f} s | {cpu / audio:.3f} "
            f"| {statistics.median(r[1] for r in runs):.1%} "
            f"| {'; '.join(r[3] for r in runs)} | {', '.join(f'{r[0]:.1f}' for r in runs)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
