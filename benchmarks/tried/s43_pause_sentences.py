"""Session 43's reading: a comma after which the speaker paused as long as at a full stop, read as a full stop
(candidate P, branch ``s43-pause``: ``analyse.heard_sentences``). A reading on seen sets, not a candidate
judged: nothing in gesprekken/ changes here, and the shipped models are the ones trained on the sentences as
Whisper punctuated them.

    cd /tmp && python -W ignore /work/main/benchmarks/tried/s43_pause_sentences.py --gaps      # 1 min
    cd /tmp && python -W ignore /work/main/benchmarks/tried/s43_pause_sentences.py 0            # main, 5 min
    cd /tmp && python -W ignore /work/main/benchmarks/tried/s43_pause_sentences.py 0.40         # P, 5 min
    cd /tmp && python -W ignore /work/main/benchmarks/tried/s43_pause_sentences.py 0.40 heldout69 heldout70

``--gaps``: the pauses (the next word's start less this word's end, in Whisper's word times) after the words of
every seen speech transcript that end in a full stop, a comma, a question mark or nothing. A number: each seen
set's speech transcripts (or only the sets named) analysed with every comma followed by a pause of at least that
many seconds made a full stop (the next word capitalised; three words of the turn at least on either side; only
where the turn's words are its text), and scored as ``evaluation.evaluate_spoken`` scores them (speech only);
0 changes nothing.
"""

import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import evaluation  # noqa: E402
from bench_speech import seen_dialogues  # noqa: E402

STATS = {"turns": 0, "split": 0}


def split_text(turn, gap: float) -> str:
    words = [w for w in turn.words if (w.text or "").strip()]
    pieces = [w.text.strip() for w in words]
    if not words or " ".join(pieces) != " ".join(turn.text.split()):
        return turn.text
    out = list(pieces)
    for i in range(len(words) - 1):
        if pieces[i].endswith(",") and words[i + 1].start - words[i].end >= gap:
            if i + 1 >= 3 and len(words) - i - 1 >= 3 and out[i + 1][:1].isalpha():
                out[i] = pieces[i][:-1] + "."
                out[i + 1] = out[i + 1][:1].upper() + out[i + 1][1:]
                STATS["split"] += 1
    return " ".join(out)


def gaps() -> None:
    import numpy as np

    after: dict[str, list[float]] = {".": [], ",": [], "?": [], "": []}
    for _, path in seen_dialogues():
        conversation, _ = evaluation.spoken_conversation(path, "speech")
        for turn in conversation.turns:
            for a, b in zip(turn.words, turn.words[1:], strict=False):
                end = (a.text or "").strip()[-1:]
                after[end if end in ".,?" else ""].append(b.start - a.end)
    for mark, values in after.items():
        v = np.array(values)
        quantiles = np.round(np.quantile(v, [0.1, 0.25, 0.5, 0.75, 0.9]), 2)
        print(f"after {mark or 'a word'!r}: {len(v)}, quantiles 10/25/50/75/90 {quantiles}")
    for mark in (".", ","):
        counts, edges = np.histogram(after[mark], bins=np.arange(0, 0.9, 0.04))
        print(mark, " ".join(f"{e:.2f}:{c}" for e, c in zip(edges, counts, strict=False)))


def main() -> int:
    if sys.argv[1:2] == ["--gaps"]:
        gaps()
        return 0
    gap = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    names = sys.argv[2:]
    paths = [path for name, path in seen_dialogues() if not names or name in names]
    original = evaluation.spoken_conversation
    if gap:

        def spoken(path, source="speech"):
            conversation, gold = original(path, source)
            if source == "speech":
                STATS["turns"] += len(conversation.turns)
                conversation = replace(
                    conversation, turns=[replace(t, text=split_text(t, gap)) for t in conversation.turns]
                )
            return conversation, gold

        evaluation.spoken_conversation = spoken
    started = time.time()
    scores = evaluation.evaluate_spoken(paths, "speech")
    for task in ("themes", "action points"):
        s = scores[task]
        right = round(s["precision"] * s["predicted"])
        figures = f"{s['precision']:.3f}/{s['recall']:.3f}/{s['f1']:.3f}"
        print(f"{task}: P/R/F1 {figures} ({right}/{s['predicted']}/{s['gold']})")
    h = scores["headline"]
    print(f"headline top 1/3/5 {h['top1']:.3f}/{h['top3']:.3f}/{h['top5']:.3f} of {h['gold']}")
    print(f"pause {gap}: {STATS}, {len(paths)} conversations, {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
