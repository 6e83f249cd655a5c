"""Session 41's reading: why the editors' action points found on the dialogue as written are missed on
Whisper's transcript (s40_ceilings: 1947 of 2616 on speech, 2219 on the text). A reading, not a candidate:
nothing in gesprekken/ changes.

    nice python -W ignore benchmarks/tried/s41_action_misses.py     # about 5 minutes

Every seen set (``bench_speech.SETS`` less ``HELD_OUT``) is analysed on speech and on text. Each gold action
point the text finds (``evaluation._matched``) and the speech does not is put in one class, by the speech
transcript's sentences (the analysis's own: spaCy's ``doc.sents`` of each turn, plus the sentences it reads
for its late candidates, leading "Maar"/"Ja" taken off and run-on statements split off):

- (i) not picked: a speech sentence is the same sentence (``sentence_similarity`` >= SAME_SENTENCE). Split by
  whether that sentence is among the unweighed candidates (the rules' and the late ones: the learnt model
  dropped it) or not (no rule saw a step), and whether a listed action point is that sentence but went to
  another gold in the one-to-one matching.
- (ii) run-on: none reaches SAME_SENTENCE, but a speech sentence, or two adjacent ones of a turn joined,
  longer than LONGER x the gold, contains it (rapidfuzz ``partial_ratio`` >= PARTIAL on the normalised
  texts). Whether the analysis listed such a longer sentence (found, but the matching rejects it for its
  length), or had it among its unweighed candidates.
- (iii) garbled: neither; the best speech sentence and its similarity.

Also: the speech action points that match no gold (false positives), and how many are over RUN_ON words; and
the speech P/R of every unweighed candidate the learnt model gives at least a bar (the shipped threshold and
others).
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_speech import seen_dialogues  # noqa: E402
from evaluation import SAME_SENTENCE, _matched, normalised, sentence_similarity, spoken_conversation  # noqa: E402

import gesprekken.analyse as analysis  # noqa: E402

PARTIAL, LONGER, RUN_ON = 85, 1.6, 30
SAMPLES = {"i": 15, "ii": 10, "iii": 10}


def contains(longer: str, gold: str) -> float:
    """partial_ratio of gold inside a sentence longer than LONGER x the gold (else 0)."""
    from rapidfuzz import fuzz

    a, b = normalised(longer), normalised(gold)
    if not a or not b or len(a) <= LONGER * len(b):
        return 0.0
    return fuzz.partial_ratio(b, a)


def opening(sentence: str) -> str:
    """The first two words after an "En"/"Maar"/"Dan"/"Ja" (the verb and its subject that make a step)."""
    words = [w for w in normalised(sentence).split() if w not in {"en", "maar", "dan", "ja", "nou", "oke"}]
    return " ".join(words[:2])


def unprefixed_kind(sentence: str) -> str | None:
    """The rules' kind of a sentence once a short lead before its first comma ("Moi, ...") is taken off."""
    head, sep, rest = sentence.partition(", ")
    if not sep or len(head.split()) > 2 or len(rest.split()) < 3:
        return None
    rest = rest[:1].upper() + rest[1:]
    return analysis.action_kind(rest) or analysis.offered_shape(rest)


def best_clauses(sentence: str, gold: str) -> tuple[str, float]:
    """The run of a sentence's comma clauses most like the gold, capitalised, and its similarity."""
    clauses = [c.strip() for c in sentence.split(",") if c.strip()]
    best, score = "", 0.0
    for a in range(len(clauses)):
        for b in range(a + 1, len(clauses) + 1):
            run = ", ".join(clauses[a:b])
            run = run[:1].upper() + run[1:]
            if not run.endswith((".", "?", "!")):
                run += "."
            value = sentence_similarity(run, gold)
            if value > score:
                best, score = run, value
    return best, score


def main() -> int:
    raw: dict[str, list[str]] = {}
    original_turn, original_late = analysis._analyse_turn, analysis.late_action_points
    captured: dict = {}

    def analyse_turn(doc, *args, **kwargs):
        raw[doc.text] = [s.text.strip() for s in doc.sents if s.text.strip()]
        return original_turn(doc, *args, **kwargs)

    def late(conversation, sentences, acting):
        captured["sentences"] = list(sentences)
        return original_late(conversation, sentences, acting)

    analysis._analyse_turn, analysis.late_action_points = analyse_turn, late
    rows = []
    fp = fp_long = said_total = 0
    fp_lengths = []
    from gesprekken.learned import model

    weighed = model("action_points")
    sweep = []  # per speech conversation: (candidates' texts, their probabilities, the gold's texts)
    gold_total = found_speech = found_text = 0
    for name, path in seen_dialogues():
        text_conv, gold = spoken_conversation(path, "text")
        written = [a["text"] for a in gold["action_points"]]
        text_said = [a.text for a in analysis.analyse(text_conv).action_points]
        text_pairs = {j: i for i, j in _matched(text_said, written)}
        speech_conv, _ = spoken_conversation(path, "speech")
        result = analysis.analyse(speech_conv)
        said = [a.text for a in result.action_points]
        pairs = _matched(said, written)
        speech_found = {j for _, j in pairs}
        used = {i for i, _ in pairs}
        gold_total += len(written)
        found_speech += len(speech_found)
        found_text += len(text_pairs)
        said_total += len(said)
        for i, s in enumerate(said):
            if i not in used:
                fp += 1
                fp_lengths.append(len(s.split()))
                fp_long += len(s.split()) > RUN_ON
        unweighed = list(analysis.analyse(speech_conv, unweighed=True).action_points)
        features = analysis.action_point_features(speech_conv, unweighed) if unweighed else []
        sweep.append(([a.text for a in unweighed], [weighed.probability(f) for f in features], written))
        missed = [j for j in text_pairs if j not in speech_found]
        if not missed:
            continue
        late_sentences = captured["sentences"]
        candidates = [a.text for a in analysis.analyse(speech_conv, unweighed=True).action_points]
        # the transcript's sentences per turn, in order (raw doc.sents, then the analysis's read ones)
        per_turn: list[list[str]] = []
        for index, turn in enumerate(speech_conv.turns):
            own = list(raw.get(turn.text, [turn.text]))
            own += [t for k, t, *_ in late_sentences if k == index and t not in own]
            per_turn.append(own)
        sentences = [s for own in per_turn for s in own]
        joined = [f"{a} {b}" for own in per_turn for a, b in zip(own, own[1:], strict=False)]
        for j in missed:
            g = written[j]
            best = max(sentences, key=lambda s, g=g: sentence_similarity(s, g), default="")
            score = sentence_similarity(best, g) if best else 0.0
            row = {
                "set": name,
                "file": path.name,
                "gold": g,
                "text_side": text_said[text_pairs[j]],
                "best": best,
                "score": score,
            }
            if score >= SAME_SENTENCE:
                row["kind"] = "i"
                row["candidate"] = any(sentence_similarity(c, g) >= SAME_SENTENCE for c in candidates)
                row["listed_other"] = any(sentence_similarity(s, g) >= SAME_SENTENCE for s in said)
                row["gold_kind"] = bool(analysis.action_kind(g) or analysis.offered_shape(g))
                row["opening_kept"] = opening(g) == opening(best)
                row["unprefixed"] = bool(unprefixed_kind(best))
            else:
                holder = max(sentences + joined, key=lambda s, g=g: contains(s, g), default="")
                if holder and contains(holder, g) >= PARTIAL:
                    row["kind"] = "ii"
                    row["holder"] = holder
                    row["joined"] = holder not in sentences
                    row["listed"] = any(contains(s, g) >= PARTIAL for s in said)
                    row["candidate"] = any(contains(c, g) >= PARTIAL for c in candidates)
                    row["words"] = len(holder.split())
                    run, run_score = best_clauses(holder, g)
                    row["clause"], row["clause_score"] = run, run_score
                    row["clause_kind"] = bool(analysis.action_kind(run) or analysis.offered_shape(run))
                else:
                    row["kind"] = "iii"
                    pair = max(joined, key=lambda s, g=g: sentence_similarity(s, g), default="")
                    row["split"] = bool(pair) and sentence_similarity(pair, g) >= SAME_SENTENCE
                    row["piece"] = contains(g, best) >= PARTIAL  # the speech sentence is a part of the gold
            rows.append(row)
    analysis._analyse_turn, analysis.late_action_points = original_turn, original_late

    kinds = Counter(r["kind"] for r in rows)
    print(
        f"gold action points {gold_total}: found on speech {found_speech}, on text {found_text}; "
        f"found on text not on speech: {len(rows)}"
    )
    i_rows = [r for r in rows if r["kind"] == "i"]
    ii_rows = [r for r in rows if r["kind"] == "ii"]
    print(
        f"(i) not picked: {kinds['i']}  (among the unweighed candidates: {sum(r['candidate'] for r in i_rows)}; "
        f"a listed action point is it, matched to another gold: {sum(r['listed_other'] for r in i_rows)})"
    )
    print(
        f"(ii) run-on: {kinds['ii']}  (listed by the analysis: {sum(r['listed'] for r in ii_rows)}; among the "
        f"unweighed candidates: {sum(r['candidate'] for r in ii_rows)}; the holder two sentences joined: "
        f"{sum(r['joined'] for r in ii_rows)}; holder's median words: "
        f"{sorted(r['words'] for r in ii_rows)[len(ii_rows) // 2] if ii_rows else '-'})"
    )
    print(
        f"  (i) not a candidate: {sum(not r['candidate'] for r in i_rows)}; the gold itself has a step's shape: "
        f"{sum(r['gold_kind'] for r in i_rows)}; the opening two words (verb and subject) heard right: "
        f"{sum(r['opening_kept'] for r in i_rows)} (of those not a candidate: "
        f"{sum(r['opening_kept'] and not r['candidate'] for r in i_rows)}); a step once a short lead before a "
        f"comma is taken off: {sum(r['unprefixed'] and not r['candidate'] for r in i_rows)}"
    )
    print(
        f"  (ii) a run of comma clauses of the holder is the gold (>= {SAME_SENTENCE}): "
        f"{sum(r['clause_score'] >= SAME_SENTENCE for r in ii_rows)}; and has a step's shape: "
        f"{sum(r['clause_score'] >= SAME_SENTENCE and r['clause_kind'] for r in ii_rows)}; of those listed: "
        f"{sum(r['clause_score'] >= SAME_SENTENCE and r['listed'] for r in ii_rows)}"
    )
    iii_rows = [r for r in rows if r["kind"] == "iii"]
    print(
        f"(iii) garbled: {kinds['iii']}  (two adjacent speech sentences joined are it: "
        f"{sum(r['split'] for r in iii_rows)}; the best speech sentence is a piece of the gold: "
        f"{sum(r['piece'] for r in iii_rows)})"
    )
    fp_lengths.sort()
    print(f"the learnt model's threshold on speech (shipped {weighed.threshold:.2f}): P/R of the action points")
    for bar in sorted({weighed.threshold, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5}):
        right = chosen = 0
        for texts, ps, gold_texts in sweep:
            kept = [t for t, p in zip(texts, ps, strict=True) if p >= bar]
            chosen += len(kept)
            right += len(_matched(kept, gold_texts))
        print(f"  p >= {bar:.2f}: {right}/{chosen} right, P {right / max(chosen, 1):.3f} R {right / gold_total:.3f}")
    print(
        f"speech action points listed: {said_total}, matching no gold: {fp}, of which over {RUN_ON} words: "
        f"{fp_long}; median words of a false positive: {fp_lengths[len(fp_lengths) // 2] if fp_lengths else '-'}"
    )
    for kind in ("i", "ii", "iii"):
        print(f"\n--- ({kind}) samples")
        for r in [r for r in rows if r["kind"] == kind][: SAMPLES[kind]]:
            print(f"[{r['set']}/{r['file']}] gold: {r['gold']}")
            print(f"   speech ({r['score']:.0f}): {r['best']}")
            if kind == "i":
                print(f"   candidate: {r['candidate']}, listed for another gold: {r['listed_other']}")
            if kind == "ii":
                print(
                    f"   holder ({r['words']} words, joined {r['joined']}, listed {r['listed']}, "
                    f"candidate {r['candidate']}): {r['holder']}"
                )
            if kind == "ii":
                print(f"   best clause run ({r['clause_score']:.0f}, step {r['clause_kind']}): {r['clause']}")
            if kind == "i":
                print(f"   opening kept {r['opening_kept']}, step once unprefixed {r['unprefixed']}")
            if kind == "iii":
                print(f"   split {r['split']}, piece {r['piece']}")
            print(f"   text side: {r['text_side']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
