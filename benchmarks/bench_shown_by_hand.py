"""What load's question of a hand edit costs: ``storage.kept_back`` and ``storage.shown_by_hand`` on a load.

    python benchmarks/bench_shown_by_hand.py [--turns 100 600 1200]

A synthetic tweegesprek of N turns (25 words each, a third of them Kees Mol's, withdrawn) is loaded once into a
workspace of its own; then one of Ann Bos's turns is edited by hand three ways and loaded again, each time
timing the load (``Workspace.load``, as ``gesprekken load`` runs it) and, inside it, the look for turns given away
(``kept_back`` before the store, ``shown_by_hand`` after it): a word corrected (nothing of Kees's in it), eight
words of his added to her turn (the copy check reads her turn's new runs), and his turn copied whole under her
name (asked: the conversation is held). A ten-minute tweegesprek has 60-120 turns; 1,200 is a day of them in one
file. The same loads with everyone published (the usual case: no turn can be kept, the look is skipped) are the
baseline a user pays anyway.

Since session 52 the look also remembers what the rows kept back (``storage.remember_kept``, the table
``consent_stretches``), counted in the look. ``--tree PATH`` runs another checkout's gesprekken (an older commit,
for the cost side by side: ``git worktree add /tmp/old 997fece``).
"""

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

if "--tree" in sys.argv:  # (before gesprekken is imported: that tree's)
    TREE = Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()
    sys.path.insert(0, str(TREE))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import ann_and_kees  # noqa: E402

from gesprekken import Workspace, storage  # noqa: E402
from gesprekken.transcript import Conversation, Turn, write  # noqa: E402

VOCABULARY = (
    "de het een en van ik je dat die in is niet te op wat met zijn maar voor er om ook als dan bij nog zo huur "
    "schuld wijk gemeente signalen delen verhuurders wethouder huurders achterstand corporatie buurt"
).split()


def timed(calls: dict, name: str):
    """Wrap storage's ``name`` so that its seconds add up in ``calls[name]``; returns the original."""
    original = getattr(storage, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            calls[name] += time.perf_counter() - start

    setattr(storage, name, wrapper)
    return original


def run(turns: int, status: str) -> list[tuple[str, float, float, str]]:
    random.seed(turns)
    ann, kees = ann_and_kees(status)
    said = [
        (kees if n % 3 == 1 else ann, " ".join(random.choice(VOCABULARY) for _ in range(25)) + ".")
        for n in range(turns)
    ]
    folder = Path(tempfile.mkdtemp(prefix="bench-shown-"))
    path = folder / "transcripts" / "gesprek.md"
    talk = [Turn(p.name, 3.0 * n, 3.0 * n + 2.5, text) for n, (p, text) in enumerate(said)]
    conversation = Conversation(
        "a1b2c3d4e5f6", "Bench", participants=[ann, kees], turns=talk, status="published", duration=3.0 * turns
    )
    write(conversation, path)
    workspace = Workspace(folder / "transcripts", db=folder / "gesprekken.db")
    workspace.load()
    source = path.read_text(encoding="utf-8")
    hers, his = said[0][1], said[1][1]
    edits = {
        "a word corrected": [replace(talk[0], text=hers.replace(" ", " eh ", 1)), *talk[1:]],
        "eight of his words added": [replace(talk[0], text=hers + " " + " ".join(his.split()[:8])), *talk[1:]],
        "his turn copied under her name": [*talk, Turn(ann.name, 3.0 * turns, 3.0 * turns + 1, his)],
    }
    rows = []
    for what, edited in edits.items():
        write(replace(conversation, turns=edited), path)  # as an editor's hand would leave the file
        assert path.read_text(encoding="utf-8") != source
        # (store_asked calls _shown, which shown_by_hand wraps, since session 52)
        look = ("kept_back", "_shown" if hasattr(storage, "_shown") else "shown_by_hand", "remember_kept")
        calls = {name: 0.0 for name in look if hasattr(storage, name)}
        originals = {name: timed(calls, name) for name in calls}
        start = time.perf_counter()
        try:
            result = workspace.load()
        finally:
            whole = time.perf_counter() - start
            for name, original in originals.items():
                setattr(storage, name, original)
        rows.append((what, whole, sum(calls.values()), "held" if result.held else "loaded"))
        path.write_text(source, encoding="utf-8")
        workspace.load(yes=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, nargs="+", default=[100, 600, 1200])
    parser.add_argument("--tree", help="the checkout whose gesprekken to run (default: this one)")
    args = parser.parse_args(argv)
    print(f"gesprekken from {Path(storage.__file__).parent.parent}")
    print("| turns | Kees Mol | hand edit | load (s) | of which the look (s) | load says |")
    print("| --- | --- | --- | --- | --- | --- |")
    for turns in args.turns:
        for status in ("withdrawn", "published"):
            for what, whole, look, outcome in run(turns, status):
                print(f"| {turns} | {status} | {what} | {whole:.2f} | {look:.3f} | {outcome} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
