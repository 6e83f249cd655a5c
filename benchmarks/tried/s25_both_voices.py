"""Session 25's candidate S (BENCHMARKS "Twenty-fourth round"), tried and not shipped: the headline's
offered order with both voices in the top three, judged as ``learn_headline.py --later`` judges a model.

    python -W ignore benchmarks/tried/s25_both_voices.py S      # S
    python -W ignore benchmarks/tried/s25_both_voices.py base   # the same protocol, main's order

Where the best three offered are all one speaker's and another named participant has a candidate above
the model's threshold, that participant's best is put third (the rest move down one).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_headline  # noqa: E402
from evaluation import SAME_SENTENCE, sentence_similarity, spoken_conversation  # noqa: E402
from learning import training_dialogues  # noqa: E402

from gesprekken import analyse  # noqa: E402


def conversations(writers=None) -> list[dict]:
    """As :func:`learn_headline.conversations`, each candidate with its speaker and whether it is named."""
    found = []
    for writer, path in training_dialogues(writers):
        for source in ("speech", "text"):
            conversation, gold = spoken_conversation(path, source)
            named = {p.name for p in conversation.participants}
            with learn_headline.captured_rows() as caught:
                analyse.analyse(conversation)
            candidates = [
                {
                    "turn": turn,
                    "text": text,
                    "features": features,
                    "rule": features["rule"],
                    "speaker": conversation.turns[turn].speaker,
                    "named": conversation.turns[turn].speaker in named,
                    "label": int(sentence_similarity(text, gold["headline"]) >= SAME_SENTENCE),
                }
                for turn, text, _, features in caught[-1]
                if len(text.split()) <= analyse.HEADLINE_MAX_WORDS
            ]
            found.append({"writer": writer, "source": source, "name": path.stem, "candidates": candidates})
    return found


def both_voices(conversation: dict, score, floor: float) -> int | None:
    """:func:`learn_headline.rank` with S's order."""
    scored = [(score(c), n, c) for n, c in enumerate(conversation["candidates"])]
    kept = [c for *_, c in sorted((s for s in scored if s[0] >= floor), key=lambda s: (-s[0], s[1]))]
    offered = [kept[n] for n in analyse.one_of_each([(c["turn"], c["text"]) for c in kept])]
    if len(offered) > 3 and len({c["speaker"] for c in offered[:3]}) == 1:
        first = offered[0]["speaker"]
        other = next((n for n, c in enumerate(offered[3:], 3) if c["speaker"] != first and c["named"]), None)
        if other is not None:
            offered.insert(2, offered.pop(other))
    return next((n for n, c in enumerate(offered[:5], 1) if c["label"]), None)


if __name__ == "__main__":
    learn_headline.conversations = conversations
    if sys.argv[1:] == ["S"]:
        learn_headline.rank = both_voices
    learn_headline.later(conversations())
