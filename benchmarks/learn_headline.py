"""Learn the headline's weights from the editors' gold, judged one writer left out at a time.

    python benchmarks/learn_headline.py            # the per-writer table, rules against learnt; writes
                                                   # gesprekken/data/learned/headline.json if it beats the rules
    python benchmarks/learn_headline.py --check    # the table only, nothing written
    python benchmarks/learn_headline.py --later    # the figure over every editor apart scored so far
    python benchmarks/learn_headline.py --meaning  # the second model, which orders the candidates after the
                                                   # headline: headline_meaning.json and its profile

A candidate is every sentence :func:`gesprekken.analyse.quote_rows` gives (not a question, at least four
words) that the page and the desk can offer (at most ``HEADLINE_MAX_WORDS`` words); it is one when it is
the editor's headline (``evaluation.headline_rank``'s similarity). About one positive per conversation
among a hundred, so the model ranks: a logistic regression with balanced classes on
:func:`gesprekken.analyse.quote_features`, judged by where the editor's headline lands in each
conversation's best five (top 1 / 3 / 5).

The honest protocol (``learning.WRITERS``, ``learning.APART``): each writer's conversations are ranked
by a model trained on the other writers only, and the penalty ``c`` and the sources trained on (speech,
or speech and text) are chosen inside those training writers (an inner leave-one-writer-out on them), so
no choice looks at the left-out writer. The rules (``quote_score``, here as its exact sum of the same
features) are scored on the same candidates. The shipped model is trained on all writers, with
``c`` and the sources the same inner choice makes on all of them.

The second model (``--meaning``, since the thirtieth round, BENCHMARKS) orders the four candidates offered after
the headline. It learns from every writer scored so far (:data:`MEANING_WRITERS`: the eight and the editors apart
of heldout11-54; a held-out set never) and weighs what a sentence means as well (``headline_meaning``,
:func:`gesprekken.analyse.headline_meaning`): its cosine with a profile of what editors pick, the unit difference
of the mean sentence vectors of the editors' headlines and of the other candidates (:class:`Profiles`),
cross-fitted (a training writer's candidates get a profile learnt without that writer, and without the writer
left out), so no row sees its own label. Its choice is fixed (:data:`MEANING_CHOICE`: a nested choice over fifty
writers is tens of thousands of fits); each writer is ranked by a model trained on the other writers only.
"""

import re
import sys
from collections.abc import Sequence
from contextlib import contextmanager

import learning
from bench_speech import HELD_OUT, SETS
from evaluation import SAME_SENTENCE, sentence_similarity, spoken_conversation
from learning import APART, SOURCES, WRITERS, fit, training_dialogues

from gesprekken import analyse as analysis
from gesprekken import meaning
from gesprekken.learned import Model

#: Where a sentence is in the conversation and how it is taken up: what the rules did not weigh.
PLACE = ("closing", "opening", "answered", "first_in_turn", "alone")
#: The feature sets tried, chosen inside the training writers like ``c``: the rules' sum with the
#: place, or the rules' parts weighed one by one, with the place.
FEATURE_SETS = {
    "rule and place": ("rule", *PLACE),
    "parts and place": (
        "opinion",
        "maxim",
        "denial",
        "repetition",
        "themes",
        "top_theme",
        "other_theme",
        "dependent",
        "lower_case",
        "words",
        "short",
        "described",
        "unnamed",
        "action",
        "names",
        "number",
        "personal",
        "past",
        "introduction",
        "garbled",
        *PLACE,
    ),
}
FEATURE_SETS["parts and place, meaning"] = (*FEATURE_SETS["parts and place"], analysis.HEADLINE_MEANING)
#: The writers the second model learns from: the eight and the later editors apart, each scored once as held
#: out and seen since; a set still held out (``bench_speech.HELD_OUT``) is never among them.
MEANING_WRITERS = {
    **WRITERS,
    **{name: (name,) for name in (f"heldout{n}" for n in range(11, 55)) if name not in HELD_OUT},
}
#: The second model's choice (feature set, c, sources trained on), fixed: the eight-writer model's own inner
#: choice ("parts and place", c=0.01, speech and text) with ``headline_meaning``.
MEANING_CHOICE = ("parts and place, meaning", 0.01, ("speech", "text"))
#: The penalties tried (scikit-learn's C, the inverse of the L2 penalty on standardised features).
CS = (0.001, 0.01, 0.1, 1.0)
#: The sources a model may be trained on: Whisper's transcripts only, or also the dialogues as written.
TRAINED_SOURCES = (("speech",), ("speech", "text"))
TOP = (1, 3, 5)


@contextmanager
def captured_rows():
    """While inside, :func:`analyse` hands its headline rows to the list yielded (and scores no quote)."""
    caught: list = []
    original_rows, original_quotes = analysis.quote_rows, analysis.headline_quotes

    def rows(*args, **kwargs):
        found = original_rows(*args, **kwargs)
        caught.append(found)
        return found

    analysis.quote_rows, analysis.headline_quotes = rows, lambda found: []
    try:
        yield caught
    finally:
        analysis.quote_rows, analysis.headline_quotes = original_rows, original_quotes


def conversations(writers: dict[str, tuple[str, ...]] | None = None) -> list[dict]:
    """Every trainable conversation per source (of ``learning.WRITERS``, or of ``writers``): its writer,
    the gold headline and its candidates."""
    found = []
    for writer, path in training_dialogues(writers):
        for source in SOURCES:
            conversation, gold = spoken_conversation(path, source)
            with captured_rows() as caught:
                analysis.analyse(conversation)
            candidates = [
                {"turn": turn, "text": text, "features": features, "rule": features["rule"]}
                for turn, text, _, features in caught[-1]
                if len(text.split()) <= analysis.HEADLINE_MAX_WORDS
            ]
            for c in candidates:
                c["label"] = int(sentence_similarity(c["text"], gold["headline"]) >= SAME_SENTENCE)
            found.append(
                {
                    "writer": writer,
                    "source": source,
                    "name": f"{path.parent.name}/{path.stem}",
                    "candidates": candidates,
                }
            )
    return found


def rank(conversation: dict, score, floor: float) -> int | None:
    """Where the editor's headline is among the best five by ``score`` (1 = first), or None; as the
    analysis offers them: above ``floor``, the best first, ties in the order said, each quote once
    (:func:`gesprekken.analyse.one_of_each`)."""
    scored = [(score(c), n, c) for n, c in enumerate(conversation["candidates"])]
    kept = [c for *_, c in sorted((s for s in scored if s[0] >= floor), key=lambda s: (-s[0], s[1]))]
    offered = [kept[n] for n in analysis.one_of_each([(c["turn"], c["text"]) for c in kept])]
    return next((n for n, c in enumerate(offered[:5], 1) if c["label"]), None)


def tops(ranks: Sequence[int | None]) -> tuple[int, ...]:
    """How many conversations have the editor's headline in the top 1, 3 and 5."""
    return tuple(sum(r is not None and r <= k for r in ranks) for k in TOP)


def train(convs: list[dict], choice: tuple, name: str = "headline", trained_on: str = "") -> Model:
    """A balanced logistic model on the candidates of ``convs``, with ``choice`` (feature set, c,
    sources trained on); its threshold keeps the share of candidates the rules keep (score above 0)."""
    features, c, sources = choice
    rows = [cand for conv in convs if conv["source"] in sources for cand in conv["candidates"]]
    model = fit(
        [r["features"] for r in rows],
        [r["label"] for r in rows],
        name=name,
        features=FEATURE_SETS[features],
        c=c,
        balanced=True,
        trained_on=trained_on,
    )
    kept = sum(r["rule"] > 0 for r in rows) / len(rows)
    probabilities = sorted(model.probability(r["features"]) for r in rows)
    threshold = probabilities[min(len(rows) - 1, int((1 - kept) * len(rows)))] if kept < 1 else 0.0
    return Model(
        model.name, model.features, model.weights, model.intercept, round(threshold * 0.999, 4), model.trained_on
    )


def model_ranks(model: Model, convs: list[dict]) -> list[int | None]:
    return [rank(conv, lambda c: round(model.probability(c["features"]), 4), model.threshold) for conv in convs]


def choose(convs: list[dict]) -> tuple:
    """The feature set, penalty and training sources whose models, each writer of ``convs`` left out
    in turn, put most of those writers' editors' headlines (speech) in the top three (then top 1 + top
    5; on a tie the first tried: the fewer features, the stronger penalty, speech only)."""
    best = None
    writers = list(dict.fromkeys(conv["writer"] for conv in convs))
    for features in ("rule and place", "parts and place"):  # (the meaning's profile is not cross-fitted here)
        for sources in TRAINED_SOURCES:
            for c in CS:
                ranks = []
                for writer in writers:
                    inside = [conv for conv in convs if conv["writer"] != writer]
                    outside = [conv for conv in convs if conv["writer"] == writer and conv["source"] == "speech"]
                    ranks += model_ranks(train(inside, (features, c, sources)), outside)
                one, three, five = tops(ranks)
                if best is None or (three, one + five) > best[0]:
                    best = ((three, one + five), (features, c, sources))
    return best[1]


def described(choice: tuple) -> str:
    features, c, sources = choice
    return f"{features}, c={c}, {'+'.join(sources)}"


def cell(counts: tuple[int, ...], size: int) -> str:
    return " / ".join(f"{k / size:.2f}" for k in counts) + f" ({counts[1]} of {size} in top 3)"


def table(convs: list[dict], predicted: dict[str, list[int | None]], chosen: dict[str, tuple]) -> str:
    """The per-writer table: rules against learnt (left out), speech and text, top 1 / 3 / 5."""
    lines = [
        "| writer (conversations) | source | rules top 1 / 3 / 5 | learnt, left out | chosen on the other writers |",
        "| --- | --- | --- | --- | --- |",
    ]
    groups = [(w, (w,)) for w in WRITERS] + [("apart, pooled", APART), (f"all {len(WRITERS)}, pooled", tuple(WRITERS))]
    for label, writers in groups:
        for source in SOURCES:
            picked = [n for n, conv in enumerate(convs) if conv["writer"] in writers and conv["source"] == source]
            rules = tops([rank(convs[n], lambda c: c["rule"], 1e-9) for n in picked])
            learnt = tops([predicted[convs[n]["writer"]][n] for n in picked])
            size = len(picked)
            how = described(chosen[writers[0]]) if len(writers) == 1 else ""
            lines.append(f"| {label} ({size}) | {source} | {cell(rules, size)} | {cell(learnt, size)} | {how} |")
    return "\n".join(lines)


def shipped(convs: list[dict], choice: tuple) -> Model:
    """The model trained on every writer with ``choice``, as shipped; its ``trained_on`` says the
    sets, the choice (read back by :func:`choice_of`) and how it was made."""
    sets = sorted({name for writer in WRITERS for name in WRITERS[writer]})
    return train(
        convs,
        choice,
        trained_on=(
            f"{len(convs) // 2} conversations of {len(WRITERS)} writers ({', '.join(sets)}); {described(choice)} "
            "(chosen by leave-one-writer-out top 3 on speech); balanced logistic regression; the threshold "
            "keeps the rules' share of quotes"
        ),
    )


def choice_of(model: Model) -> tuple:
    """The (feature set, c, sources) a shipped model was trained with."""
    features, c, sources = re.search(r"; ([a-z ,]+), c=([0-9.]+), ([a-z+]+) ", model.trained_on).groups()
    assert FEATURE_SETS[features] == model.features, "the model's features are not its feature set's"
    return features, float(c), tuple(sources.split("+"))


def arguments(argv: list[str] | None = None):
    """``--check`` and ``--out``, as every training script takes them (:func:`learning.arguments`), and
    ``--later``."""
    return learning.arguments(
        __doc__.splitlines()[0],
        argv,
        {"--later": later.__doc__.splitlines()[0], "--meaning": meaning_main.__doc__.splitlines()[0]},
    )


def later(convs: list[dict]) -> None:
    """Print the figure over every editor apart scored so far, nothing written: heldout4-10 left out.

    heldout4-10 ranked as the table ranks them (each by a model trained on the other writers, its
    choice made inside them), every later set scored once and seen since (heldout11 on, none held out) by
    the model trained on all of ``learning.WRITERS`` with the choice made on them: the shipped model's
    protocol, which never trains on the later sets. A candidate feature or choice is judged by this figure.
    """
    ranks: dict[str, list[int | None]] = {source: [] for source in SOURCES}
    for writer in APART:
        inside = [conv for conv in convs if conv["writer"] != writer]
        mine = [conv for conv in convs if conv["writer"] == writer]
        for conv, r in zip(mine, model_ranks(train(inside, choose(inside)), mine), strict=True):
            ranks[conv["source"]].append(r)
    names = [name for name in SETS if name.startswith("heldout") and int(name[7:] or 0) >= 11 and name not in HELD_OUT]
    newer = conversations({name: (name,) for name in names})
    model = shipped(convs, choose(convs))
    for conv, r in zip(newer, model_ranks(model, newer), strict=True):
        ranks[conv["source"]].append(r)
    apart = len(APART) + len(names)
    for source, found in ranks.items():
        print(f"{apart} editors apart ({len(found)} conversations), {source}, top 1 / 3 / 5: {tops(found)}")


class Profiles:
    """What editors pick as a headline, as a direction of the sentence encoder (:mod:`gesprekken.meaning`): per
    writer, the sums of the vectors of the editors' headlines and of the other candidates, so a profile learnt
    without some writers (cross-fitted) is a subtraction."""

    def __init__(self, convs: list[dict]):
        import numpy as np

        texts = list(dict.fromkeys(c["text"] for conv in convs for c in conv["candidates"]))
        self.vectors = {}
        for start in range(0, len(texts), 2000):
            part = texts[start : start + 2000]
            self.vectors.update(zip(part, meaning.turn_vectors(part), strict=True))
        self.sums: dict[str, list] = {}
        for conv in convs:
            sums = self.sums.setdefault(
                conv["writer"], [np.zeros(meaning.DIMENSIONS), 0, np.zeros(meaning.DIMENSIONS), 0]
            )
            for c in conv["candidates"]:
                at = 0 if c["label"] else 2
                sums[at] += self.vectors[c["text"]]
                sums[at + 1] += 1
        self._directions: dict[frozenset, object] = {}

    def direction(self, without=frozenset()):
        """The unit direction from the other candidates' mean vector to the headlines', learnt without the
        writers ``without``."""
        import numpy as np

        key = frozenset(without)
        if key not in self._directions:
            kept = [sums for writer, sums in self.sums.items() if writer not in key]
            headlines = sum(s[0] for s in kept) / sum(s[1] for s in kept)
            others = sum(s[2] for s in kept) / sum(s[3] for s in kept)
            self._directions[key] = (headlines - others) / np.linalg.norm(headlines - others)
        return self._directions[key]

    def mark(self, convs: list[dict], without=frozenset()) -> None:
        """Give each candidate of ``convs`` its ``headline_meaning``, by the profile learnt without its own
        writer and the writers ``without``."""
        for conv in convs:
            towards = self.direction({conv["writer"], *without})
            for c in conv["candidates"]:
                c["features"][analysis.HEADLINE_MEANING] = round(float(self.vectors[c["text"]] @ towards), 6)


def retrained_meaning(convs: list[dict] | None = None, profiles: Profiles | None = None) -> tuple[Model, object]:
    """The second model and its profile, as shipped: trained on every writer of :data:`MEANING_WRITERS` with
    :data:`MEANING_CHOICE`, each training writer's candidates marked by a profile learnt without them; the
    profile shipped is learnt from all."""
    convs = convs if convs is not None else conversations(MEANING_WRITERS)
    profiles = profiles or Profiles(convs)
    profiles.mark(convs)
    sets = [name for writer in MEANING_WRITERS for name in MEANING_WRITERS[writer]]
    model = train(
        convs,
        MEANING_CHOICE,
        name=analysis.HEADLINE_MEANING,
        trained_on=(
            f"{len(convs) // 2} conversations of {len(MEANING_WRITERS)} writers ({', '.join(sets)}); "
            f"{described(MEANING_CHOICE)} (fixed: the eight-writer model's choice with the sentences' meaning, "
            "BENCHMARKS 'Thirtieth round'); balanced logistic regression; the threshold keeps the rules' share of "
            "quotes; orders the candidates offered after the headline"
        ),
    )
    return model, profiles.direction()


def meaning_main(args) -> int:
    """Learn the second model, which orders the candidates after the headline, each writer left out."""
    convs = conversations(MEANING_WRITERS)
    profiles = Profiles(convs)
    learnt: dict[int, int | None] = {}
    for writer in MEANING_WRITERS:
        inside = [conv for conv in convs if conv["writer"] != writer]
        mine = [n for n, conv in enumerate(convs) if conv["writer"] == writer]
        profiles.mark(inside, {writer})
        profiles.mark([convs[n] for n in mine])
        model = train(inside, MEANING_CHOICE)
        learnt.update(zip(mine, model_ranks(model, [convs[n] for n in mine]), strict=True))
    apart = tuple(w for w in MEANING_WRITERS if w != "project")
    head = f"learnt, left out ({described(MEANING_CHOICE)})"
    print(f"| writers (conversations) | source | rules top 1 / 3 / 5 | {head} |")
    print("| --- | --- | --- | --- |")
    for label, writers in (("apart, pooled", apart), (f"all {len(MEANING_WRITERS)}, pooled", tuple(MEANING_WRITERS))):
        for source in SOURCES:
            picked = [n for n, conv in enumerate(convs) if conv["writer"] in writers and conv["source"] == source]
            rules = tops([rank(convs[n], lambda c: c["rule"], 1e-9) for n in picked])
            found = tops([learnt[n] for n in picked])
            print(f"| {label} ({len(picked)}) | {source} | {cell(rules, len(picked))} | {cell(found, len(picked))} |")
    model, profile = retrained_meaning(convs, profiles)
    print(f"\nshipped: {described(MEANING_CHOICE)}, threshold {model.threshold}")
    for feature, weight in sorted(zip(model.features, model.weights, strict=True), key=lambda fw: -abs(fw[1])):
        print(f"  {feature:16} {weight:+.3f}")
    if args.check:
        return 0
    written = model.save(args.out)
    profiles_at = written.with_name(f"{written.stem}-meaning.json")
    meaning.save_profiles(analysis.HEADLINE_MEANING, {"headline": profile}, model.trained_on, profiles_at)
    print(f"written: {written} and {profiles_at}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.meaning:
        return meaning_main(args)
    convs = conversations()
    if args.later:
        later(convs)
        return 0
    predicted: dict[str, list[int | None]] = {}
    chosen = {}
    for writer in WRITERS:
        inside = [conv for conv in convs if conv["writer"] != writer]
        chosen[writer] = choose(inside)
        model = train(inside, chosen[writer])
        ranks = model_ranks(model, convs)
        predicted[writer] = [r if conv["writer"] == writer else None for r, conv in zip(ranks, convs, strict=True)]
    print(table(convs, predicted, chosen))
    speech_apart = [n for n, conv in enumerate(convs) if conv["writer"] in APART and conv["source"] == "speech"]
    rules = tops([rank(convs[n], lambda c: c["rule"], 1e-9) for n in speech_apart])
    learnt = tops([predicted[convs[n]["writer"]][n] for n in speech_apart])
    choice = choose(convs)
    model = shipped(convs, choice)
    print(f"\nshipped: {described(choice)}, threshold {model.threshold}")
    for feature, weight in sorted(zip(model.features, model.weights, strict=True), key=lambda fw: -abs(fw[1])):
        print(f"  {feature:14} {weight:+.3f}")
    beats = (learnt[1], learnt[0] + learnt[2]) > (rules[1], rules[0] + rules[2])
    print(f"\n{len(APART)} editors apart, speech, top 3: rules {rules[1]}, learnt {learnt[1]} of {len(speech_apart)}")
    if args.check:
        return 0
    if not beats:
        print("the learnt model does not beat the rules on the editors apart (speech): nothing written")
        return 1
    print(f"written: {model.save(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
