"""Session 25's read of single signals for the headline (BENCHMARKS "Twenty-fourth round"): for each, the
editor's headline's mean against the other candidates' and its percentile among its conversation's
candidates, over every seen spoken set (speech by default). Optimistic: these sets were read.

    python -W ignore benchmarks/tried/s25_headline_signals.py [speech|text]
"""

import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learning  # noqa: E402
from evaluation import SAME_SENTENCE, sentence_similarity, spoken_conversation  # noqa: E402
from learn_headline import captured_rows  # noqa: E402

from gesprekken import analyse  # noqa: E402

SEEN = {**learning.WRITERS, **{f"heldout{n}": (f"heldout{n}",) for n in range(11, 41)}}
CONTRAST = re.compile(r", (?:niet|maar|geen)\b|\bin plaats van\b|\bgeen \w+,? maar\b", re.IGNORECASE)


def lemmas(nlp, text: str) -> set[str]:
    table = analyse.lemma_lookup()
    found = set()
    for token in nlp.make_doc(text):
        if token.is_alpha and not token.is_stop and len(token) >= 3:
            lemma = table.get(token.lower_, token.lower_)
            if analyse.is_dutch_word(lemma):
                found.add(lemma)
    return found


def signals(conversation, rows) -> list[dict[str, float]]:
    nlp = analyse.pipeline()
    said = [lemmas(nlp, t.text) for t in conversation.turns]
    speakers = [t.speaker for t in conversation.turns]
    last = {}
    for turn, text, *_ in rows:
        last[turn] = text
    found = []
    for turn, text, *_ in rows:
        words = lemmas(nlp, text)
        others = [said[i] for i in range(len(said)) if i != turn]
        other_speaker = set().union(*(said[i] for i in range(len(said)) if speakers[i] != speakers[turn]))
        found.append(
            {
                "last_in_turn": float(last[turn] == text),
                "contrast": float(bool(CONTRAST.search(text))),
                "words": float(len(text.split())),
                "said_again": sum(sum(w in o for o in others) >= 2 for w in words) / len(words) if words else 0.0,
                "other_speaker": len(words & other_speaker) / len(words) if words else 0.0,
            }
        )
    return found


def main(source: str) -> None:
    values: dict[str, tuple[list, list, list]] = {}
    for _, path in learning.training_dialogues(SEEN):
        conversation, gold = spoken_conversation(path, source)
        with captured_rows() as caught:
            analyse.analyse(conversation)
        rows = [r for r in caught[-1] if len(r[1].split()) <= analyse.HEADLINE_MAX_WORDS]
        labels = [sentence_similarity(r[1], gold["headline"]) >= SAME_SENTENCE for r in rows]
        if not any(labels):
            continue
        found = signals(conversation, rows)
        for name in found[0]:
            editor, rest, percentiles = values.setdefault(name, ([], [], []))
            column = [f[name] for f in found]
            chosen = column[labels.index(True)]
            editor.append(chosen)
            rest.extend(v for v, label in zip(column, labels, strict=True) if not label)
            below = sum(v < chosen for v in column) + 0.5 * sum(v == chosen for v in column)
            percentiles.append(below / len(column))
    for name, (editor, rest, percentiles) in values.items():
        print(
            f"{name:14} editor's {statistics.mean(editor):.3f}, others {statistics.mean(rest):.3f}, "
            f"percentile {statistics.mean(percentiles):.3f} ({len(percentiles)} conversations)"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "speech")
