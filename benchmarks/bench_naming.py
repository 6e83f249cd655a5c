"""Naming quality and cost on the naming set: voices named right, left unnamed, named wrong.

    python benchmarks/bench_naming.py [--part dev|heldout|all] [--keep DIR]
    python benchmarks/bench_naming.py --replay DIR [--threshold 0.6]

Each part of tests/data/naming/ (dev: the tuning part; heldout: never used to tune) is one
batch: `gesprekken ingest <folder> --programme <folder>/programme.yaml` runs once, in process,
into a fresh workspace, so the voice profiles of one conversation meet the next ones as in
real use. Every voice is then scored against the gold (tests/data/naming/README.md): right,
left unnamed, or named wrong (a voice of someone off the programme is right when unnamed).
The time spent naming (reading the voice profiles and naming the voices) is measured inside
the same run and set against the whole ingest.

--keep DIR keeps the workspaces (DIR/dev, DIR/heldout). --replay DIR names the voices again
from the transcripts kept there, without Whisper or diarization (same words, same voices),
in the same order and with a fresh store of voice profiles: a quick loop for checking a rule
change on the dev part.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from evaluation import naming_outcomes

from gesprekken import ingest, naming, storage, transcript
from gesprekken.transcript import Turn

ROOT = Path(__file__).resolve().parent.parent
NAMING = ROOT / "tests" / "data" / "naming"
PARTS = ("dev", "heldout")


def truth_of(recording: Path) -> list[dict]:
    return json.loads(recording.with_name(recording.name + ".truth.json").read_text(encoding="utf-8"))


def conversations(workspace: Path) -> list[transcript.Conversation]:
    """The workspace's transcripts, in the order their recordings were ingested."""
    found = [transcript.read(path) for path in storage.transcript_files(workspace / "transcripts")]
    return sorted(found, key=lambda c: Path(c.recording).name)


def ingest_part(part: str, workspace: Path) -> dict:
    """Ingest one part as one batch; return the ingest wall time and the naming time per call."""
    from gesprekken.cli import cli

    timings: list[float] = []
    real_name, real_profiles = ingest.name_speakers, storage.voice_profiles

    def timed(function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings.append(time.perf_counter() - start)

        return wrapper

    ingest.name_speakers, storage.voice_profiles = timed(real_name), timed(real_profiles)
    folder = NAMING / part
    start = time.perf_counter()
    try:
        result = CliRunner().invoke(
            cli,
            [
                "ingest",
                str(folder),
                "--programme",
                str(folder / "programme.yaml"),
                "--db",
                str(workspace / "gesprekken.db"),
                "--transcripts",
                str(workspace / "transcripts"),
                "--quiet",
            ],
            catch_exceptions=False,
        )
    finally:
        ingest.name_speakers, storage.voice_profiles = real_name, real_profiles
    wall = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"ingest of {folder} failed:\n{result.output}")
    return {"ingest": wall, "naming": sum(timings)}


def replay(part: str, workspace: Path, threshold: float) -> dict:
    """Name the voices of the kept transcripts again, in order, with a fresh voice-profile store."""
    naming_time = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        db = storage.open_db(Path(scratch) / "profiles.db")
        for conversation in conversations(workspace):
            label_of = {s.shown_as: s.label for s in conversation.speakers}
            turns = [
                Turn(label_of.get(t.speaker, t.speaker), t.start, t.end, t.text, t.words) for t in conversation.turns
            ]
            voices = {s.label: np.asarray(s.voice, dtype="float32") for s in conversation.speakers if s.voice}
            start = time.perf_counter()
            named = naming.name_speakers(
                turns, conversation.participants, voices, storage.voice_profiles(db), threshold=threshold
            )
            naming_time += time.perf_counter() - start
            for speaker in named.values():
                speaker.voice = [float(x) for x in voices[speaker.label]] if speaker.label in voices else None
            shown = {s.label: s.shown_as for s in named.values()}
            conversation.speakers = list(named.values())
            conversation.turns = [Turn(shown.get(t.speaker, t.speaker), t.start, t.end, t.text, t.words) for t in turns]
            storage.store(db, conversation, f"{conversation.id}.md")
            path = workspace / "replayed" / f"{Path(conversation.recording).stem}.md"
            path.parent.mkdir(exist_ok=True)
            transcript.write(conversation, path)
    return {"ingest": None, "naming": naming_time}


def score(part: str, named: list[transcript.Conversation]) -> list[dict]:
    rows = []
    for conversation in named:
        recording = NAMING / part / Path(conversation.recording).name
        outcomes = naming_outcomes(conversation, truth_of(recording))
        true_voices = {t["speaker"] for t in truth_of(recording)}
        rows.append({"case": recording.stem, "true": len(true_voices), "outcomes": outcomes})
    return rows


def table(part: str, rows: list[dict]) -> tuple[int, int, int]:
    print(f"\n{part}\n")
    print("| case | voices found / true | right | unnamed | wrong | names given (confidence) |")
    print("| --- | --- | --- | --- | --- | --- |")
    totals = [0, 0, 0]
    for row in rows:
        counts = [sum(o["verdict"] == v for o in row["outcomes"]) for v in ("right", "unnamed", "wrong")]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        given = "; ".join(
            f"{o['name'] or '-'} ({o['confidence']:.2f})" + ("" if o["verdict"] == "right" else f" [{o['true']}]")
            for o in sorted(row["outcomes"], key=lambda o: o["label"])
        )
        found = f"{len(row['outcomes'])} / {row['true']}"
        print(f"| {row['case']} | {found} | {counts[0]} | {counts[1]} | {counts[2]} | {given} |")
    voices = sum(totals) or 1
    print(
        f"| **{part}** | {sum(totals)} | **{totals[0]} ({totals[0] / voices:.0%})** | {totals[1]} | **{totals[2]}** | |"
    )
    return tuple(totals)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--keep", type=Path, help="keep the workspaces in this folder")
    parser.add_argument("--replay", type=Path, help="name again from the transcripts kept here by --keep")
    parser.add_argument("--threshold", type=float, default=naming.NAMING_THRESHOLD)
    args = parser.parse_args()
    parts = PARTS if args.part == "all" else (args.part,)
    print(f"{os.cpu_count()} cores; naming threshold {args.threshold}")
    grand = [0, 0, 0]
    cost = {"ingest": 0.0, "naming": 0.0}
    for part in parts:
        if args.replay:
            workspace = args.replay / part
            timing = replay(part, workspace, args.threshold)
            named = conversations_replayed(workspace)
        else:
            scratch = None
            if args.keep:
                workspace = args.keep / part
                workspace.mkdir(parents=True, exist_ok=False)
            else:
                scratch = tempfile.TemporaryDirectory()
                workspace = Path(scratch.name)
            timing = ingest_part(part, workspace)
            named = conversations(workspace)
        totals = table(part, score(part, named))
        grand = [a + b for a, b in zip(grand, totals, strict=True)]
        cost["naming"] += timing["naming"]
        if timing["ingest"] is not None:
            cost["ingest"] += timing["ingest"]
            print(
                f"\ningest {timing['ingest']:.1f} s, of which naming {timing['naming'] * 1000:.0f} ms "
                f"({timing['naming'] / timing['ingest']:.2%})"
            )
        else:
            print(f"\nnaming {timing['naming'] * 1000:.0f} ms")
    voices = sum(grand) or 1
    print(
        f"\nall: {sum(grand)} voices, right {grand[0]} ({grand[0] / voices:.0%}), unnamed {grand[1]}, wrong {grand[2]}"
    )
    if cost["ingest"]:
        print(f"naming {cost['naming']:.3f} s of ingest {cost['ingest']:.1f} s ({cost['naming'] / cost['ingest']:.2%})")
    return 0


def conversations_replayed(workspace: Path) -> list[transcript.Conversation]:
    return sorted(
        (transcript.read(p) for p in (workspace / "replayed").glob("*.md")), key=lambda c: Path(c.recording).name
    )


if __name__ == "__main__":
    sys.exit(main())
