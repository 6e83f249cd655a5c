"""Export speed: an article of a conference of ten conversations, and its subtitles and data.

    python benchmarks/bench_export.py

The ten conversations are the dev and held-out analysis sets' texts (eight and two) written
as transcripts. Reported: the export inside one process (the Dutch pipeline already built;
reading, analysing and rendering all ten), best of five, and the whole `gesprekken export`
command in a fresh process, median of three.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evaluation import dev_conversation

from gesprekken.analyse import analyse, pipeline
from gesprekken.export import article_blocks, data_rows, render_data, render_srt, write_article
from gesprekken.storage import transcript_files
from gesprekken.transcript import read, write

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sources = (
        sorted((ROOT / "tests/data/analyse").glob("*.yaml"))
        + sorted((ROOT / "tests/data/analyse-heldout").glob("*.yaml"))[:2]
    )
    folder = Path(tempfile.mkdtemp()) / "transcripts"
    for path in sources:
        conversation, _ = dev_conversation(path)
        conversation.conference = "Woonconferentie 2026"
        write(conversation, folder / f"{path.stem}.md")
    pipeline()
    print(f"{len(sources)} conversations\n\n| export | seconds |\n| --- | --- |")
    for fmt in ("md", "docx"):
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            loaded = [(c, analyse(c)) for c in map(read, transcript_files(folder))]
            write_article(article_blocks(loaded), fmt, folder.parent / f"artikel.{fmt}")
            runs.append(time.perf_counter() - start)
        print(f"| article ({fmt}), in process | {min(runs):.3f} |")
    start = time.perf_counter()
    loaded = [(c, analyse(c)) for c in map(read, transcript_files(folder))]
    render_data(data_rows(loaded), "csv")
    for conversation, _ in loaded:
        render_srt(conversation)
    print(f"| data (csv) and subtitles (srt) of all ten, in process | {time.perf_counter() - start:.3f} |")
    gesprekken = str(Path(sys.executable).parent / "gesprekken")
    commands = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [
                gesprekken,
                "export",
                "article",
                "--format",
                "docx",
                "--transcripts",
                str(folder),
                "-o",
                str(folder.parent / "cli.docx"),
            ],
            check=True,
            capture_output=True,
        )
        commands.append(time.perf_counter() - start)
    print(f"| `gesprekken export article --format docx`, fresh process | {statistics.median(commands):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
