"""Session 41's reading: why the editors' conversation themes that never reach the model's six on
speech (s40_ceilings: 1643 of 2216 reached) are missed. A reading, not a candidate: nothing in gesprekken/
changes.

    python -W ignore benchmarks/tried/s41_theme_misses.py     # about 3 minutes

Every seen set (``bench_speech.SETS`` less ``HELD_OUT``) is analysed on Whisper's transcript with up to six
themes (``MAX_CHOSEN_THEMES`` 6, as s40_ceilings). Every gold theme not among the six is put in one class:

- (a) lost: a term of the theme that counts (the thesaurus matcher's match, not an ``in_passing`` word) is in
  the dialogue as written, none in the transcript: Whisper lost it (matches inside names are left out on
  both sides, as the analysis does). ``fuzzy``: a term found in the text is
  within rapidfuzz ratio >= FUZZY of a run of one to three words of the transcript (joined with and without
  spaces), words of at least MIN_FUZZY letters: what a looser match over the speech would bring back.
- (b) said: a term of it that counts is in the transcript: the model saw it and ranked it low. Its rank
  among all themes by the model's probability, the probability, and whether it was cut though among the
  top six (fewer than six kept: under the threshold and not ``eligible``).
- (c) implied: no term that counts in either text (``in_passing`` words only are counted apart, ``passing``).
  A sample is printed (title, the text's first 300 characters, the gold) to judge whether an editor
  could infer the theme.
"""

import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_speech import seen_dialogues  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402

import gesprekken.analyse as analysis  # noqa: E402

FUZZY, MIN_FUZZY = 85, 5
SAMPLE = 10
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def fuzzy_found(terms: set[str], words: list[str]) -> str | None:
    """A term of ``terms`` some run of one to three ``words`` is near (ratio >= FUZZY), as 'term~heard'."""
    from rapidfuzz import fuzz, process

    runs = set()
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            runs.add(" ".join(part))
            runs.add("".join(part))
    runs = [r for r in runs if len(r.replace(" ", "")) >= MIN_FUZZY]
    for term in sorted(terms):
        if len(term.replace(" ", "")) < MIN_FUZZY:
            continue
        best = process.extractOne(term, runs, scorer=fuzz.ratio, score_cutoff=FUZZY)
        if best:
            return f"{term}~{best[0]}"
    return None


def speech_words(nlp, conversation) -> list[str]:
    """The transcript's words, those of names (persons, organisations, places) left out, as the analysis
    leaves theme matches inside them out ("Huurdersvereniging Deventer Samen" is no theme)."""
    words = []
    for doc in nlp.pipe(t.text for t in conversation.turns):
        names = [(e.start_char, e.end_char) for e in analysis.find_entities(doc, 0, conversation.participants)]
        words += [
            w.group().casefold()
            for w in WORD.finditer(doc.text)
            if not any(start <= w.start() < end for start, end in names)
        ]
    return words


def counted(matches, field) -> tuple[dict[str, set[str]], set[str]]:
    """Per theme the terms that count, and the themes named only by in_passing words."""
    said: dict[str, set[str]] = defaultdict(set)
    passing = set()
    for m in matches:
        if analysis.counts(m, field):
            said[m.theme].add(m.term)
        else:
            passing.add(m.theme)
    return said, passing - set(said)


def main() -> int:
    analysis.MAX_CHOSEN_THEMES = 6
    field = analysis.read_thesaurus()
    nlp = analysis.pipeline()
    seen: dict = {}
    original_fill, original_rank = analysis.fill, analysis.rank_themes

    def fill(probable, threshold, least, eligible):
        seen.update(probable=probable, threshold=threshold, eligible=set(eligible))
        return original_fill(probable, threshold, least, eligible)

    def rank_themes(matches, *args, **kwargs):
        seen.update(matches=[m for turn in matches for m in turn], title=set(args[2]) if len(args) > 2 else set())
        return original_rank(matches, *args, **kwargs)

    analysis.fill, analysis.rank_themes = fill, rank_themes
    misses = []
    conversations = gold_total = reached = 0
    for name, path in seen_dialogues():
        conversation, gold = spoken_conversation(path, "speech")
        written, _ = spoken_conversation(path, "text")
        seen.clear()
        result = analysis.analyse(conversation)
        six = {t.theme for t in result.conversation_themes}
        conversations += 1
        gold_total += len(gold["themes"])
        reached += len(six & set(gold["themes"]))
        missed = [t for t in gold["themes"] if t not in six]
        if not missed:
            continue
        speech_said, speech_passing = counted(seen["matches"], field)
        text_matches = [
            m
            for doc, t in zip(nlp.pipe(t.text for t in written.turns), written.turns, strict=True)
            for m in analysis._analyse_turn(doc, t.speaker, t.speaker, written.participants).matches
        ]
        text_said, text_passing = counted(text_matches, field)
        rank = {theme: (i, p) for i, (p, theme) in enumerate(seen["probable"], start=1)}
        words = None  # the transcript's words outside names (as the analysis reads them), when asked
        for theme in missed:
            i, p = rank.get(theme, (None, None))
            row = {
                "set": name,
                "file": path.name,
                "theme": theme,
                "rank": i,
                "p": p,
                "eligible": theme in seen["eligible"],
                "cut": i is not None and i <= 6,  # among the top six by probability, not kept
                "threshold": seen["threshold"],
                "title": written.title,
                "text": " ".join(t.text for t in written.turns),
                "gold": gold["themes"],
                "chosen": [t.theme for t in result.conversation_themes],
            }
            if theme in speech_said:
                row["kind"] = "b"
                row["terms"] = sorted(speech_said[theme])
            elif theme in text_said:
                row["kind"] = "a"
                row["terms"] = sorted(text_said[theme])
                words = words if words is not None else speech_words(nlp, conversation)
                row["fuzzy"] = fuzzy_found(text_said[theme], words)
            else:
                row["kind"] = "c"
                row["passing"] = theme in speech_passing or theme in text_passing
            misses.append(row)
    analysis.fill, analysis.rank_themes = original_fill, original_rank

    print(f"{conversations} seen conversations on speech; gold themes among the six: {reached}/{gold_total}")
    print(f"missed: {len(misses)}  (threshold {misses[0]['threshold'] if misses else '-'})\n")
    by_theme = Counter(r["theme"] for r in misses)
    header = "theme                 miss  a(lost) a:fuzzy  b(said) b:cut b:med-rank b:med-p  c(impl) c:passing"
    print(header)

    def line(label: str, rows: list[dict]) -> str:
        a = [r for r in rows if r["kind"] == "a"]
        b = [r for r in rows if r["kind"] == "b"]
        c = [r for r in rows if r["kind"] == "c"]
        ranks = [r["rank"] for r in b if r["rank"] is not None]
        ps = [r["p"] for r in b if r["p"] is not None]
        return (
            f"{label:<21} {len(rows):>4}  {len(a):>7} {sum(bool(r['fuzzy']) for r in a):>7}  {len(b):>7} "
            f"{sum(r['cut'] for r in b):>5} {statistics.median(ranks) if ranks else '-':>10} "
            f"{f'{statistics.median(ps):.3f}' if ps else '-':>7}  {len(c):>7} {sum(r['passing'] for r in c):>9}"
        )

    for theme, _ in by_theme.most_common(10):
        print(line(theme, [r for r in misses if r["theme"] == theme]))
    top = {t for t, _ in by_theme.most_common(10)}
    print(line("(other themes)", [r for r in misses if r["theme"] not in top]))
    print(line("TOTAL", misses))

    c_all = [r for r in misses if r["kind"] == "c"]
    ranks = [r["rank"] for r in c_all if r["rank"] is not None]
    ps = [r["p"] for r in c_all if r["p"] is not None]
    if c_all:
        print(
            f"\n(c) implied: median rank {statistics.median(ranks)}, median p {statistics.median(ps):.3f}; "
            f"among the top six by p but cut: {sum(r['cut'] for r in c_all)}; "
            f"eligible: {sum(r['eligible'] for r in c_all)}"
        )
    b_all = [r for r in misses if r["kind"] == "b"]
    print(
        f"(b) said: rank 7-8: {sum(1 for r in b_all if r['rank'] and 7 <= r['rank'] <= 8)}, "
        f"rank 9-12: {sum(1 for r in b_all if r['rank'] and 9 <= r['rank'] <= 12)}, "
        f"beyond 12: {sum(1 for r in b_all if r['rank'] and r['rank'] > 12)}; "
        f"eligible: {sum(r['eligible'] for r in b_all)}"
    )
    a_all = [r for r in misses if r["kind"] == "a"]
    print("\n(a) lost: every fuzzy find, then the first 6 with none (theme: terms as written -> fuzzy over speech):")
    for r in [r for r in a_all if r["fuzzy"]] + [r for r in a_all if not r["fuzzy"]][:6]:
        print(f"  {r['set']}/{r['file']} {r['theme']}: {', '.join(r['terms'][:3])} -> {r['fuzzy']}")
    print("\n(b) said, the terms heard, by top missed theme:")
    for theme, _ in by_theme.most_common(10):
        heard = Counter(term for r in b_all if r["theme"] == theme for term in r["terms"])
        if heard:
            print(f"  {theme}: {', '.join(f'{t} {n}' for t, n in heard.most_common(6))}")

    print(f"\n(c) implied, a sample of {SAMPLE} across the top missed themes:")
    queues = {t: [r for r in c_all if r["theme"] == t] for t, _ in by_theme.most_common(10)}
    sample = []
    while len(sample) < SAMPLE and any(queues.values()):
        for queue in queues.values():
            if queue and len(sample) < SAMPLE:
                # spread over the sets: every third case of the theme
                sample.append(queue.pop(0))
                del queue[:2]
    for r in sample:
        print(f"\n- {r['theme']} (rank {r['rank']}, p {r['p']}) — {r['set']}/{r['file']}: {r['title']}")
        print(f"  gold: {', '.join(r['gold'])}; chosen: {', '.join(r['chosen'])}")
        print(f"  {r['text'][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
