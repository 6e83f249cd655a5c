"""Sequential against batched decoding, file by file in one process: Whisper's time and WER.

    python benchmarks/bench_batched.py [--batch-size 8] [--set dev|naming|all] [--ways sequential,batched,...]

What `gesprekken ingest` does for the words (the programme's prompt, echo and loop recovery,
post-correction of near-misses), with the model loaded once; the two ways alternate on every
recording (which goes first alternates too), so both see the same machine load. WER (jiwer)
against the scripts, lowercased and without punctuation, over the set at once, as
benchmarks/bench_vocabulary.py computes it. Times are Whisper's alone: no process start, no
model load, no analysis; CPU time is the process's (user + system, all threads) over the same calls.
The ways ending in "greedy" decode with beam size 1 instead of 5.
"""

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import jiwer

import gesprekken.transcribe
from gesprekken.audio import decode
from gesprekken.models import load_whisper
from gesprekken.programme import read_programme
from gesprekken.transcribe import transcribe, vocabulary_prompt
from gesprekken.vocabulary import Vocabulary, correct

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {"dev": [DATA / "dev"], "naming": [DATA / "naming" / "dev", DATA / "naming" / "heldout"]}
SETS["all"] = SETS["dev"] + SETS["naming"]


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--ways", default="sequential,batched", help="of sequential, batched, *-greedy (beam 1)")
    args = parser.parse_args()
    model, _ = load_whisper(None)
    ways = {}  # name -> (batch size, beam size)
    for way in args.ways.split(","):
        batch = args.batch_size if way.startswith("batched") else 0
        beam = 1 if way.endswith("greedy") else gesprekken.transcribe.BEAM_SIZE
        name = "sequential" if not batch else f"batched ({batch})"
        ways[name + (", greedy" if beam == 1 else "")] = (batch, beam)
    seconds = dict.fromkeys(ways, 0.0)
    cpu = dict.fromkeys(ways, 0.0)
    beam_size = gesprekken.transcribe.BEAM_SIZE
    heard: dict[str, list[str]] = {way: [] for way in ways}
    references: list[str] = []
    folder_of: list[str] = []  # each recording's set, for a WER per set
    audio_seconds = 0.0
    loads = []
    number = 0
    for folder in SETS[args.set]:
        programme = read_programme(folder / "programme.yaml")
        for entry in programme.entries:
            recording = folder / entry.recording
            truth = recording.with_name(recording.name + ".truth.json")
            if not truth.exists():
                continue  # english.mp3: refused by ingest before Whisper runs
            references.append(normalise(" ".join(t["text"] for t in json.loads(truth.read_text()))))
            folder_of.append(str(folder.relative_to(DATA)))
            audio = decode(recording)
            audio_seconds += len(audio) / 16000
            prompt = vocabulary_prompt(entry.title, entry.participants)
            vocabulary = Vocabulary.build(entry.participants)
            loads.append(os.getloadavg()[0])
            order = list(ways) if number % 2 == 0 else list(reversed(ways))
            number += 1
            for way in order:
                batch, gesprekken.transcribe.BEAM_SIZE = ways[way]
                start, start_cpu = time.perf_counter(), time.process_time()
                transcription = transcribe(model, audio, initial_prompt=prompt, batch_size=batch)
                seconds[way] += time.perf_counter() - start
                cpu[way] += time.process_time() - start_cpu
                gesprekken.transcribe.BEAM_SIZE = beam_size
                words = [w for s in transcription.segments for w in s.words]
                corrected, _ = correct(words, vocabulary)
                heard[way].append(normalise("".join(w.text for w in corrected)))
    print(
        f"{len(references)} recordings ({args.set}), {audio_seconds:.1f} s of audio, {os.cpu_count()} cores, "
        f"1-minute load {min(loads):.1f}-{max(loads):.1f} during the run\n"
    )
    folders = list(dict.fromkeys(folder_of))
    print(
        f"| decoding | Whisper's time | real-time factor | CPU | CPU per second of audio | WER "
        f"| {' | '.join(f'WER {f}' for f in folders)} |"
    )
    print("| --- | --- | --- | --- | --- | --- |" + " --- |" * len(folders))
    for way in ways:
        per_set = [
            jiwer.wer(
                [r for r, f in zip(references, folder_of, strict=True) if f == folder],
                [h for h, f in zip(heard[way], folder_of, strict=True) if f == folder],
            )
            for folder in folders
        ]
        print(
            f"| {way} | {seconds[way]:.1f} s | {seconds[way] / audio_seconds:.3f} | {cpu[way]:.1f} s "
            f"| {cpu[way] / audio_seconds:.3f} | {jiwer.wer(references, heard[way]):.1%} "
            f"| {' | '.join(f'{w:.1%}' for w in per_set)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
