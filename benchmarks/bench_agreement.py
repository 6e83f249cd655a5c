"""How far two editors agree on the same conversations, and the analysis against each of them.

    python benchmarks/bench_agreement.py --set heldout4 --set heldout5    # the tables of BENCHMARKS.md,
    python benchmarks/bench_agreement.py --set heldout39 --set heldout40  # one per pair of sets
    python benchmarks/bench_agreement.py --details # and per conversation both editors' themes

Issue 15's targets (themes F1 0.8, action points 0.8 recall at 0.7 precision, the headline in the
top three for 70%) are measured against one editor's gold per set. How much of that gold is one
editor's choice is measured here: ``tests/data/analyse-second-editor/<set>-<name>.yaml`` holds a
second editor's themes, action points and headline for the twelve conversations of heldout4 and
heldout5 (session 8) and the twelve of heldout39 and heldout40 (session 25), written from the dialogues
alone (title, participants, turns; the first gold removed) by an editor who saw neither the first gold
nor any rule or result. The second editor is scored as if
it were a system, against the first ("editor A"), with the same matching as ``bench_speech.py``; the
analysis is scored against both. heldout4 and heldout5 have been tuned on since they were scored,
so the analysis's figures on them are optimistic; heldout39 and heldout40 were scored once as held out
(session 24) and trained on by no model; the editors' agreement is neither.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml
from evaluation import (
    SAME_SENTENCE,
    _matched,
    _prf,
    conversation_themes_of,
    headline_candidates_of,
    headline_rank,
    sentence_similarity,
    spoken_conversation,
)

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests/data/analyse-second-editor"


def conversations(sets: Sequence[str] = ()) -> list[tuple[Path, dict, dict]]:
    """(dialogue, first editor's gold, second editor's gold) for every conversation both wrote, of the
    spoken sets ``sets`` (all where none are named)."""
    found = []
    for path in sorted(SECOND.glob("*.yaml")):
        tag, name = path.name.split("-", 1)
        if sets and tag not in sets:
            continue
        dialogue = ROOT / "tests/data" / f"analyse-speech-{tag}" / name
        first = yaml.safe_load(dialogue.read_text(encoding="utf-8"))["gold"]
        found.append((dialogue, first, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


def themes_prf(predicted: list[list[str]], gold: list[list[str]]) -> dict:
    hits = sum(len(set(p) & set(g)) for p, g in zip(predicted, gold, strict=True))
    return _prf(hits, sum(map(len, predicted)), sum(map(len, gold)))


def sentences_prf(predicted: list[list[str]], gold: list[list[str]]) -> dict:
    hits = sum(len(_matched(p, g)) for p, g in zip(predicted, gold, strict=True))
    return _prf(hits, sum(map(len, predicted)), sum(map(len, gold)))


def in_top(candidates: list[list[str]], headlines: list[str], k: int) -> float:
    ranks = [headline_rank(cs, h) for cs, h in zip(candidates, headlines, strict=True)]
    return sum(r is not None and r <= k for r in ranks) / len(ranks)


def shown(scores: dict) -> str:
    return f"{scores['precision']:.2f} / {scores['recall']:.2f} / {scores['f1']:.2f}"


def main(argv: list[str] | None = None) -> int:
    from gesprekken.analyse import analyse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--set", action="append", default=[], help="only this spoken set (repeat for more)")
    args = parser.parse_args(argv)
    found = conversations(args.set)
    if not found:
        print(f"no second editor's gold in {SECOND}", file=sys.stderr)
        return 1
    a_themes = [first["themes"] for _, first, _ in found]
    b_themes = [second["themes"] for _, _, second in found]
    a_points = [[p["text"] for p in first["action_points"]] for _, first, _ in found]
    b_points = [[p["text"] for p in second["action_points"]] for _, _, second in found]
    a_headlines = [first["headline"] for _, first, _ in found]
    b_headlines = [second["headline"] for _, _, second in found]
    if args.details:
        for (dialogue, _, _), a, b in zip(found, a_themes, b_themes, strict=True):
            print(f"{dialogue.parent.name} {dialogue.stem}: A {a}, B {b}")
    tags = ", ".join(dict.fromkeys(dialogue.parent.name.removeprefix("analyse-speech-") for dialogue, _, _ in found))
    print(f"{len(found)} conversations ({tags}), P / R / F1 against the gold named\n")
    print("| who | against | themes | action points | headline (top 1 / top 3) |")
    print("| --- | --- | --- | --- | --- |")
    same = sum(sentence_similarity(a, b) >= SAME_SENTENCE for a, b in zip(a_headlines, b_headlines, strict=True))
    print(
        f"| editor B | editor A | {shown(themes_prf(b_themes, a_themes))} | "
        f"{shown(sentences_prf(b_points, a_points))} | the same headline in {same} of {len(found)} |"
    )
    for source in ("text", "speech"):
        themes, points, candidates = [], [], []
        for dialogue, _, _ in found:
            conversation, _ = spoken_conversation(dialogue, source)
            result = analyse(conversation)
            themes.append(conversation_themes_of(result))
            points.append([p.text for p in result.action_points])
            candidates.append(headline_candidates_of(result))
        for who, gold_themes, gold_points, headlines in (
            ("editor A", a_themes, a_points, a_headlines),
            ("editor B", b_themes, b_points, b_headlines),
        ):
            print(
                f"| analysis, {source} | {who} | {shown(themes_prf(themes, gold_themes))} | "
                f"{shown(sentences_prf(points, gold_points))} | "
                f"{in_top(candidates, headlines, 1):.2f} / {in_top(candidates, headlines, 3):.2f} |"
            )
        either = [sorted(set(a) | set(b)) for a, b in zip(a_themes, b_themes, strict=True)]
        both = [sorted(set(a) & set(b)) for a, b in zip(a_themes, b_themes, strict=True)]
        print(
            f"| analysis, {source} | themes: precision against either editor's, recall of those both list | "
            f"{themes_prf(themes, either)['precision']:.2f} / {themes_prf(themes, both)['recall']:.2f} | | |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
