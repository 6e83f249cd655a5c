"""Naming on an attack's twelve spoken conversations (session 58): who is named under each turn, and is it public.

    python benchmarks/bench_naming_attack.py            # about 5 minutes on two cores
    python benchmarks/bench_naming_attack.py -v         # every turn

Each dialogue in ``benchmarks/naming-attack-s58/`` (written by a helper who attacked the naming: a host presenting
guests, an answer to "Wie heeft dat bedacht?", a question about one's own organisation, a former employer, a second
session of the same pair, two people with one first name, ...) is spoken with ``scripts/speak.py`` (MBROLA nl2/nl3)
and ingested with its programme (``programma.yaml``: everyone published) by ``gesprekken ingest``, one after another
in one workspace, as an organiser would; then h02 and h08 alone in a second one (h02's voices as profiles for h08,
the second session of the same pair). Each turn's heading is scored against who said most of its words (by the
words' times and the spoken turns'): right, held (a voice left unnamed: kept from the public), or WRONG (another
participant's name: public, since all are published). The moderators of h01 and h09 are on no programme: unnamed is
right for them.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "benchmarks" / "naming-attack-s58"
sys.path.insert(0, str(ROOT / "scripts"))

from speak import speak_dialogue  # noqa: E402

from gesprekken import transcript  # noqa: E402

#: The voices of no participant (a moderator off the programme): unnamed is right.
OFF_PROGRAMME = {"Gespreksleider"}


def ingest(workspace: Path, stems: list[str], recordings: Path) -> None:
    (workspace / "recordings").mkdir(parents=True)
    (workspace / "programma.yaml").write_bytes((SET / "programma.yaml").read_bytes())
    for stem in stems:
        (workspace / "recordings" / f"{stem}.wav").write_bytes((recordings / f"{stem}.wav").read_bytes())
        command = [str(Path(sys.executable).parent / "gesprekken"), "ingest", "--quiet", f"recordings/{stem}.wav"]
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        subprocess.run([*command, "-p", "programma.yaml"], cwd=workspace, check=True, capture_output=True, env=env)


def score(workspace: Path, truths: dict[str, list[dict]], verbose: bool) -> Counter:
    total = Counter()
    for path in sorted((workspace / "transcripts").glob("*.md")):
        conversation = transcript.read(path)
        truth = truths[Path(conversation.recording).stem]
        counts = Counter()
        for turn in conversation.turns:
            votes = Counter()
            for word in turn.words:
                middle = (word.start + word.end) / 2
                said = min(
                    truth,
                    key=lambda t: (
                        0 if t["start"] <= middle <= t["end"] else min(abs(middle - t["start"]), abs(middle - t["end"]))
                    ),
                )  # noqa: E501
                votes[said["speaker"]] += 1
            true = votes.most_common(1)[0][0] if votes else None
            unnamed = transcript.is_voice_label(turn.speaker)
            if true in OFF_PROGRAMME:
                verdict = "right" if unnamed else "WRONG"
            else:
                verdict = "held" if unnamed else "right" if turn.speaker == true else "WRONG"
            counts[verdict] += 1
            if verbose:
                print(f"   [{turn.start:6.2f}] {turn.speaker:22s} said by {true!s:18s} {verdict}")
        print(f"{Path(conversation.recording).stem}: {dict(counts)}")
        total.update(counts)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    verbose = parser.parse_args().verbose
    stems = sorted(p.stem for p in SET.glob("h*.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        recordings, truths = work / "recordings", {}
        recordings.mkdir()
        for stem in stems:
            truths[stem] = speak_dialogue(
                yaml.safe_load((SET / f"{stem}.yaml").read_text()), recordings / f"{stem}.wav"
            )
        ingest(work / "een", stems, recordings)
        print("one workspace, all twelve:", json.dumps(dict(score(work / "een", truths, verbose))))
        ingest(work / "twee", ["h02-wie-bedacht", "h08-tweede-sessie"], recordings)
        print("h02 then h08 alone:", json.dumps(dict(score(work / "twee", truths, verbose))))


if __name__ == "__main__":
    main()
