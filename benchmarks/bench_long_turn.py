"""A transcript with one very long turn: the time and memory of ``gesprekken load``.

    python benchmarks/bench_long_turn.py WORKSPACE [CHARACTERS ...]

WORKSPACE is a folder after ``gesprekken ingest --sample`` (it is copied, not changed). For each size
(default 100,000, 200,000 and 400,000 characters) the sample's second turn gets that many characters of
Dutch talk more (four sentences of the field, repeated: themes, an organisation, a place and action
points in every few hundred characters, as a long monologue has them), and ``gesprekken load`` runs in a
fresh process: its wall time and its peak memory (the child's maximum resident set).

A turn is what one voice says unbroken, so ingest writes a monologue as one turn; spaCy reads at most
1,000,000 characters a text, and ``load`` refuses a longer turn (session 57's note: a turn of 880,000
characters ran over 500 s and 4.6 GB).
"""

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TALK = (
    "Wij moeten de huurders veel beter betrekken bij de plannen voor de wijk. "
    "Ik denk dat maatwerk in de schuldhulp echt het verschil maakt, zeker voor jonge gezinnen. "
    "De gemeente Zwolle en de corporatie zouden samen een loket kunnen openen. "
    "Leefbaarheid gaat over meer dan stenen, het gaat om mensen die elkaar kennen. "
)


def lengthened(transcript: Path, characters: int) -> None:
    """The transcript's second turn with ``characters`` of talk more, as a paragraph after its text."""
    lines = transcript.read_text(encoding="utf-8").splitlines()
    headings = [n for n, line in enumerate(lines) if line.startswith("## ")]
    talk = (TALK * (characters // len(TALK) + 1))[:characters].rsplit(" ", 1)[0]
    lines.insert(headings[2] - 1 if len(headings) > 2 else len(lines), "\n" + talk + "\n")
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    workspace = Path(sys.argv[1])
    sizes = [int(a) for a in sys.argv[2:]] or [100_000, 200_000, 400_000]
    gesprekken = Path(sys.executable).parent / "gesprekken"
    print("| characters added to one turn | load, seconds | load, peak memory (MB) |")
    print("| --- | --- | --- |")
    for characters in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "werkmap"
            shutil.copytree(workspace, copy, symlinks=True)
            (copy / "gesprekken.db").unlink(missing_ok=True)
            transcript = sorted((copy / "transcripts").glob("*.md"))[0]
            lengthened(transcript, characters)
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            done = subprocess.run([str(gesprekken), "load", "--quiet"], cwd=copy, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                return 1
            # ru_maxrss of the children is the largest any of them had: a size's own figure where it is the largest
            shown = f"{peak / 1024:.0f}" if peak > before else f"at most {before / 1024:.0f}"
            print(f"| {characters:,} | {seconds:.1f} | {shown} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
