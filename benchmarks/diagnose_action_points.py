"""Why an action point found on the dialogue as written is missed on Whisper's transcript (issue 15).

    python benchmarks/diagnose_action_points.py            # the seen sets: the table of causes
    python benchmarks/diagnose_action_points.py --list     # and every miss with its cause
    python benchmarks/diagnose_action_points.py --set heldout35 --set heldout36

A reading, not a score: for each gold action point the analysis finds on the text and not on the
speech (``evaluation._matched``, as ``bench_speech.py`` counts), where its words went in Whisper's
transcript (the written dialogue's words aligned with the transcript's, difflib) and what the analysis
made of the sentence they landed in (the analysis's own sentence split, the rules' kind, the late
candidates, the learnt model's probability). Held-out sets (``bench_speech.HELD_OUT``) are refused.
"""

import argparse
import sys
from collections import Counter
from difflib import SequenceMatcher

from bench_speech import HELD_OUT, SETS
from evaluation import SAME_SENTENCE, _matched, normalised, sentence_similarity, spoken_conversation

from gesprekken.analyse import (
    action_kind,
    action_point_features,
    analyse,
    dutch_lemma,
    is_verb_stem,
    offered_shape,
    pipeline,
)
from gesprekken.learned import model

#: Words whose mishearing changes what the rules read (a modal, an auxiliary, a person, a verb of doing
#: first): a sentence heard alike except for one of these is "the modal, verb or person misheard".
KEY_WORDS = frozenset(
    """ik je jij u we wij jullie ze zij hij kan kunnen kun kunt zal zullen zou zouden moet moeten wil willen
    wilt ga gaan gaat laat laten laten mag mogen als dan""".split()
)
#: A sentence heard with at least this many words of other written sentences was run together with them.
MERGED_WORDS = 3
#: At most this far under the model's bar is "just under".
JUST_UNDER = 0.1


def is_verb(word: str) -> bool:
    """A verb's stem or an inflected form of a verb (as the sentence shapes read words: VS, VF, VP)."""
    lemma = dutch_lemma(word)
    return is_verb_stem(word) or bool(lemma and lemma.endswith("en") and lemma != word)


def offered(sentence: str) -> bool:
    """Whether the rules take a sentence or offer it to the model as a late candidate."""
    return action_kind(sentence) is not None or (len(sentence.split()) >= 5 and offered_shape(sentence) is not None)


def misheard(written: str, heard: str) -> str:
    """What of a step heard as one sentence kept it from being found: the words whose repair (one run of
    Whisper's words put back as written, the others left as heard) makes the rules offer it."""
    if offered(heard):
        return "offered, but heard too unlike the gold to be matched"
    said, got = written.split(), heard.split()
    matcher = SequenceMatcher(None, [normalised(w) for w in said], [normalised(w) for w in got], autojunk=False)
    repairs = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal" and offered(" ".join(got[:b1] + said[a1:a2] + got[b2:])):
            repairs.append({normalised(w) for w in said[a1:a2]})
    if not repairs:
        return "not offered: more than one run of its words misheard (or its punctuation)"
    if any(words & KEY_WORDS for words in repairs):
        return "not offered: a modal, person or conjunction misheard"
    if any(any(map(is_verb, words)) for words in repairs):
        return "not offered: its verb misheard"
    return "not offered: another word misheard"


def sentences(conversation) -> list[tuple[int, int, str]]:
    """(turn, sentence number, text) of every sentence as the analysis splits a turn."""
    nlp = pipeline()
    said = []
    for index, turn in enumerate(conversation.turns):
        for number, sentence in enumerate(nlp(turn.text).sents):
            if sentence.text.strip():
                said.append((index, number, sentence.text.strip()))
    return said


def words_of(said: list[tuple[int, int, str]]) -> tuple[list[str], list[int]]:
    """The normalised words of the sentences in order, and the sentence each belongs to."""
    words, owner = [], []
    for n, (_, _, text) in enumerate(said):
        for word in normalised(text).split():
            words.append(word)
            owner.append(n)
    return words, owner


def where(gold: str, written: list[tuple[int, int, str]]) -> int | None:
    """The written sentence the gold action point is (the most alike)."""
    best = max(range(len(written)), key=lambda n: sentence_similarity(written[n][2], gold), default=None)
    return best if best is not None and sentence_similarity(written[best][2], gold) >= SAME_SENTENCE else None


def diagnose(path) -> list[dict]:
    """Every gold action point of one conversation found on text and missed on speech, with its cause."""
    weighed = model("action_points")
    text_conversation, gold = spoken_conversation(path, "text")
    speech_conversation, _ = spoken_conversation(path, "speech")
    written = [a["text"] for a in gold["action_points"]]
    found = {}
    candidates = {}
    for source, conversation in (("text", text_conversation), ("speech", speech_conversation)):
        actions = analyse(conversation, unweighed=True).action_points
        rows = action_point_features(conversation, actions)
        scored = [(a, weighed.probability(row)) for a, row in zip(actions, rows, strict=True)]
        candidates[source] = scored
        kept = [a.text for a, p in scored if p >= weighed.threshold]
        found[source] = {j: kept[i] for i, j in _matched(kept, written)}
    missed = [j for j in found["text"] if j not in found["speech"]]
    if not missed:
        return []
    said_written, said_heard = sentences(text_conversation), sentences(speech_conversation)
    w_words, w_owner = words_of(said_written)
    h_words, h_owner = words_of(said_heard)
    aligned = {}
    matcher = SequenceMatcher(None, w_words, h_words, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            aligned[a + k] = b + k
    kept_speech = [a.text for a, p in candidates["speech"] if p >= weighed.threshold]
    out = []
    for j in missed:
        text = written[j]
        row = {"set": path.parent.name, "conversation": path.stem, "gold": text, "on_text": found["text"][j]}
        p_text = next((p for a, p in candidates["text"] if a.text == found["text"][j]), None)
        row["p_text"] = p_text
        # a speech candidate that is the same sentence
        best = max(
            ((sentence_similarity(a.text, text), a.text, p) for a, p in candidates["speech"]),
            default=(0.0, "", 0.0),
        )
        at = where(text, said_written)
        heard_in = Counter()
        gold_words = 0
        if at is not None:
            positions = [n for n, owner in enumerate(w_owner) if owner == at]
            gold_words = len(positions)
            for n in positions:
                if n in aligned:
                    heard_in[h_owner[aligned[n]]] += 1
        row["heard"] = [said_heard[n][2] for n in sorted(heard_in)]
        if best[0] >= SAME_SENTENCE:
            row["speech_candidate"], row["p_speech"] = best[1], best[2]
            if best[2] >= weighed.threshold:
                # kept, but matched to another gold sentence (one to one) or not at all
                taken = best[1] in kept_speech
                row["cause"] = "kept on speech, paired with another gold sentence" if taken else "?"
            elif best[2] >= weighed.threshold - JUST_UNDER:
                row["cause"] = "a candidate, the model's score just under the bar"
            else:
                row["cause"] = "a candidate, the model's score far under the bar"
            out.append(row)
            continue
        if at is None or not gold_words:
            row["cause"] = "(gold sentence not found in the written dialogue)"
            out.append(row)
            continue
        share = sum(heard_in.values()) / gold_words
        main, most = heard_in.most_common(1)[0] if heard_in else (None, 0)
        if share < 0.5:
            row["cause"] = "most of its words not heard as written"
        elif most < 0.75 * sum(heard_in.values()) and len([n for n, k in heard_in.items() if k >= 2]) >= 2:
            row["cause"] = "split in two or more sentences by Whisper's punctuation"
        else:
            # the words of the sentence heard that are another written sentence's: Whisper ran them together
            others = Counter(w_owner[n] for n, b in aligned.items() if h_owner[b] == main and w_owner[n] != at)
            if sum(others.values()) >= MERGED_WORDS:
                after = sum(k for n, k in others.items() if n > at)
                side = "the next" if after >= sum(others.values()) - after else "the one before"
                heard = said_heard[main][2]
                offered = [(a, p) for a, p in candidates["speech"] if a.text.strip() in heard or heard in a.text]
                state = (
                    "not a candidate"
                    if not offered
                    else "a candidate, kept"
                    if max(p for _, p in offered) >= weighed.threshold
                    else "a candidate, under the bar"
                )
                row["cause"] = f"merged with {side} sentence ({state})"
            else:
                heard = said_heard[main][2]
                lost = set(normalised(text).split()) - set(normalised(heard).split())
                row["cause"] = "the same sentence, " + misheard(text, heard)
                row["lost"] = sorted(lost)
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[s for s in SETS if s not in HELD_OUT], action="append")
    parser.add_argument("--list", action="store_true", help="print every miss with its cause")
    args = parser.parse_args(argv)
    chosen = args.set or [s for s in SETS if s not in HELD_OUT]
    rows = []
    totals = Counter()
    for name in chosen:
        for path in sorted(SETS[name].glob("*.yaml")):
            rows += diagnose(path)
            _, gold = spoken_conversation(path, "text")
            totals["gold"] += len(gold["action_points"])
    causes = Counter(row["cause"] for row in rows)
    print(
        f"sets: {', '.join(chosen)}; {totals['gold']} gold action points; found on text, missed on speech: {len(rows)}"
    )
    print("\n| cause | misses |\n| --- | --- |")
    for cause, n in causes.most_common():
        print(f"| {cause} | {n} |")
    if args.list:
        for row in sorted(rows, key=lambda r: r["cause"]):
            print(f"\n[{row['cause']}] {row['set']}/{row['conversation']}")
            print(f"  gold:  {row['gold']}")
            print(f"  heard: {' | '.join(row['heard'])}")
            if "speech_candidate" in row:
                print(f"  candidate p={row['p_speech']:.2f} (text p={row['p_text']:.2f}): {row['speech_candidate']}")
            if row.get("lost"):
                print(f"  words lost: {' '.join(row['lost'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
