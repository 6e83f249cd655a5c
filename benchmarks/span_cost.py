"""What finding a quote's times in its turn costs (:func:`gesprekken.storage.span_times`, session 57), against the
first-word match it replaced, on the shipped speech sets' transcripts (the sets still held out are not read).

    cd benchmarks && python -W ignore span_cost.py

Every sentence of every turn with word times is a quote: once as the turn says it (found by its position), once as
an article prints it, its second word left out (found by the best-matching stretch of words). Prints the time per
quote (median, 95th percentile, most) for each, the old rule's, and how often the old rule's times were those of
another sentence of the turn.
"""

import re
import statistics
import time

from bench_speech import HELD_OUT, SETS

from gesprekken import transcript
from gesprekken.storage import span_times


def first_word(turn, text):
    """The rule before session 57: the first word of the turn that opens the text, and as many words on."""
    tokens = text.split()
    norm = [w.text.casefold().strip(".,!?;:\"'“”‘’") for w in turn.words]
    first = tokens[0].casefold().strip(".,!?;:\"'“”‘’")
    for i in range(len(turn.words)):
        if norm[i] == first and i + len(tokens) <= len(turn.words):
            return turn.words[i].start, turn.words[i + len(tokens) - 1].end
    return turn.start, turn.end


def main() -> None:
    timings = {"said": [], "printed": [], "old": []}
    quotes = wrong = 0
    for name, folder in SETS.items():
        if name in HELD_OUT:
            continue
        for path in sorted((folder / "transcripts").glob("*.md")):
            for turn in transcript.read(path).turns:
                if not turn.words:
                    continue
                for sentence in re.split(r"(?<=[.!?])\s+", turn.text):
                    if len(sentence.split()) < 3:
                        continue
                    words = sentence.split()
                    printed = " ".join(words[:1] + words[2:])
                    for kind, text, find in (
                        ("said", sentence, span_times),
                        ("printed", printed, span_times),
                        ("old", sentence, first_word),
                    ):
                        began = time.perf_counter()
                        found = find(turn, text)
                        timings[kind].append((time.perf_counter() - began) * 1000)
                        if kind == "said":
                            right = found
                        if kind == "old":
                            quotes += 1
                            wrong += found != right
    print(f"{quotes} quotes; the old rule timed {wrong} ({wrong / quotes:.1%}) as another stretch of the turn")
    for kind, values in timings.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"{kind:8s} median {statistics.median(values):.3f} ms, p95 {p95:.3f} ms, most {values[-1]:.1f} ms")


if __name__ == "__main__":
    main()
