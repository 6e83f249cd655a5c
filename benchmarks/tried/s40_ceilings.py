"""Session 40's reading (BENCHMARKS "Thirty-sixth round"): where the conversation themes and the asked
action points stand on the seen sets, before a candidate is written. A reading, not a candidate.

    python -W ignore benchmarks/tried/s40_ceilings.py     # about 8 minutes

Every seen set (``bench_speech.SETS`` less ``HELD_OUT``), on Whisper's transcript and as written: the
analysis is run with up to six conversation themes (``MAX_CHOSEN_THEMES`` 6, as before T5). Printed:

- per rank, how often the theme there is on the editor's list, by the model's probability;
- the themes' P/R/F1 as shipped (the top five) and with a bar on the probability below a kept rank;
- a per-theme prior (how often the theme, where the model chose it, was on the list, estimated with the set
  left out: ``(right + 5 * 0.65) / (chosen + 5)``), multiplied into the probability before the top five;
- the share of the editors' themes among the model's six at all (what no cut or order can pass);
- the gold action points that open "Zal ik ...?" or "Zullen we ...?" and how many of them are found.
"""

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_speech import seen_dialogues  # noqa: E402
from evaluation import _matched, spoken_conversation  # noqa: E402

import gesprekken.analyse as analysis  # noqa: E402

SOURCES = ("speech", "text")
OPENING = re.compile(r"^(?:\W*\w+,? )?(zal ik|zullen (?:we|wij)|kan ik|kunnen (?:we|wij)|wil ik)\b")
PRIOR, BASE = 5, 0.65


def prf(rows: list[dict], keep) -> str:
    right = chosen = gold = 0
    for row in rows:
        kept = keep(row)
        right += len(set(kept) & set(row["gold"]))
        chosen += len(kept)
        gold += len(row["gold"])
    p, r = right / chosen, right / gold
    return f"{p:.3f}/{r:.3f}/{2 * p * r / (p + r):.3f}"


def main() -> int:
    analysis.MAX_CHOSEN_THEMES = 6
    rows: dict[str, list[dict]] = {source: [] for source in SOURCES}
    for name, path in seen_dialogues():
        for source in SOURCES:
            conversation, gold = spoken_conversation(path, source)
            result = analysis.analyse(conversation)
            said = [a.text for a in result.action_points]
            written = [a["text"] for a in gold["action_points"]]
            rows[source].append(
                {
                    "set": name,
                    "gold": gold["themes"],
                    "ranked": [(t.theme, t.score) for t in result.conversation_themes],
                    "written": written,
                    "found": {j for _, j in _matched(said, written)},
                }
            )
    for source in SOURCES:
        data = rows[source]
        print(f"\n== {source}: {len(data)} conversations")
        by_rank = defaultdict(list)
        for row in data:
            for rank, (theme, p) in enumerate(row["ranked"], start=1):
                by_rank[rank].append((p, theme in row["gold"]))
        for rank, seen in sorted(by_rank.items()):
            bands = []
            for low, high in ((0, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 1.01)):
                band = [right for p, right in seen if low <= p < high]
                if band:
                    bands.append(f"{low:.1f}-{min(high, 1):.1f}: {sum(band)}/{len(band)}")
            print(f"rank {rank}: {sum(r for _, r in seen)}/{len(seen)} on the list  ({'; '.join(bands)})")
        print("themes P/R/F1, the top five as shipped:", prf(data, lambda row: [t for t, _ in row["ranked"][:5]]))
        for bar in (0.3, 0.4, 0.5):
            for kept in (3, 4):
                print(
                    f"  below rank {kept} only at p >= {bar}:",
                    prf(
                        data,
                        lambda row, b=bar, k=kept: [t for i, (t, p) in enumerate(row["ranked"][:5]) if i < k or p >= b],
                    ),
                )
        chosen: dict[str, Counter] = defaultdict(Counter)
        right: dict[str, Counter] = defaultdict(Counter)
        for row in data:
            for theme, _ in row["ranked"]:
                for other in {r["set"] for r in data} - {row["set"]}:
                    chosen[other][theme] += 1
                    right[other][theme] += theme in row["gold"]

        def prior(row: dict, chosen=chosen, right=right) -> list[str]:
            c, r = chosen[row["set"]], right[row["set"]]
            weighed = sorted(row["ranked"], key=lambda t: -t[1] * (r[t[0]] + PRIOR * BASE) / (c[t[0]] + PRIOR) / BASE)
            return [t for t, _ in weighed[:5]]

        print("  with a per-theme prior (set left out):", prf(data, prior))
        reached = sum(len(set(row["gold"]) & {t for t, _ in row["ranked"]}) for row in data)
        print(f"the editors' themes among the six: {reached}/{sum(len(row['gold']) for row in data)}")
        openings: Counter = Counter()
        found: Counter = Counter()
        for row in data:
            for j, text in enumerate(row["written"]):
                match = OPENING.match(text.casefold())
                key = f"{match.group(1) if match else 'other'}{' ?' if text.strip().endswith('?') else ''}"
                openings[key] += 1
                found[key] += j in row["found"]
        print(
            "gold action points found, by opening:", ", ".join(f"{k} {found[k]}/{n}" for k, n in openings.most_common())
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
