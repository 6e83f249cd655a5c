"""Quality and speed of the Dutch analysis.

    python benchmarks/bench_analysis.py

Quality: precision, recall and F1 per task on the dev set (tests/data/analyse, eight
conversations the analysis was developed on) and on the held-out set
(tests/data/analyse-heldout, written afterwards). Speed: a fresh process importing spaCy
and building the pipeline, and the analysis of a ten-minute conversation (about 1,500
words: the dev conversations' turns joined into one conversation), best of five.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD = """
import time
start = time.perf_counter()
from gesprekken.analyse import pipeline
pipeline()
print(time.perf_counter() - start)
"""


def table(title: str, scores: dict) -> None:
    print(f"\n{title}\n")
    print("| task | precision | recall | F1 | gold items |")
    print("| --- | --- | --- | --- | --- |")
    for task, s in scores.items():
        if task == "headline":
            continue
        print(f"| {task} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} | {s['gold']} |")
    print(
        f"| headline quote among the gold choices | | | {scores['headline']['accuracy']:.2f} (accuracy) "
        f"| {scores['headline']['gold']} |"
    )


def main() -> int:
    from evaluation import dev_conversation, evaluate_analysis

    from gesprekken.analyse import analyse
    from gesprekken.transcript import Conversation

    table(
        "Dev set (tests/data/analyse, 8 conversations)",
        evaluate_analysis(sorted((ROOT / "tests/data/analyse").glob("*.yaml"))),
    )
    table(
        "Held-out set (tests/data/analyse-heldout, 3 conversations)",
        evaluate_analysis(sorted((ROOT / "tests/data/analyse-heldout").glob("*.yaml"))),
    )

    loads = [
        float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    turns, participants = [], []
    for path in sorted((ROOT / "tests/data/analyse").glob("*.yaml")):
        conversation, _ = dev_conversation(path)
        turns += conversation.turns
        participants += conversation.participants
    long = Conversation(id="tien-minuten", title="Tien minuten", participants=participants, turns=turns * 2)
    words = sum(len(t.text.split()) for t in long.turns)
    analyse(long)  # warm: the pipeline is built once per process
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        analyse(long)
        runs.append(time.perf_counter() - start)
    print("\nSpeed\n\n| measurement | seconds |\n| --- | --- |")
    print(f"| import spaCy and build the pipeline, fresh process (median of 3) | {sorted(loads)[1]:.2f} |")
    print(f"| analyse a conversation of {len(long.turns)} turns, {words} words (best of 5) | {min(runs):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
