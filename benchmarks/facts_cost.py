"""The cost the desk's saves gained in session 56: what each save set (storage.changed_facts) and the look for changes
an older copy of the file undid (storage.undone_changes), after 60 saves at the desk.

Run outside the repository (the working tree's plugins are loaded from it) on a copy of a workspace where
`gesprekken ingest --sample` ran: it saves 60 corrections there.

    cd /tmp && python benchmarks/facts_cost.py WORKSPACE
"""

import statistics
import sys
import time
from pathlib import Path

from gesprekken import Workspace, transcript
from gesprekken.desk import version_of
from gesprekken.storage import changed_facts, undone_changes


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    folder = Path(sys.argv[1])
    workspace = Workspace(folder / "transcripts", db=folder / "gesprekken.db")
    path = max((folder / "transcripts").glob("*.md"), key=lambda p: p.stat().st_size)
    before = transcript.read(path)
    desk = workspace.desk(before.id)
    for n in range(60):
        turn = transcript.read(path).turns[n % len(before.turns)]
        text = path.read_text(encoding="utf-8")
        desk.edit_text(version_of(text), n % len(before.turns), turn.text + " Ja.", start=turn.start, was=turn.text)
    after = transcript.read(path)
    facts = [timed(lambda: changed_facts(before, after)) for _ in range(30)]
    looks = [timed(lambda: undone_changes(workspace.db, after)) for _ in range(30)]
    saves = workspace.db.execute("SELECT count(*) FROM edits").fetchone()[0]
    print(f"{len(after.turns)} turns, {saves} saves in the history")
    print(f"changed_facts p50 {statistics.median(facts):.1f} ms, undone_changes p50 {statistics.median(looks):.1f} ms")


if __name__ == "__main__":
    main()
