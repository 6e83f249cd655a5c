"""Learn the weights of a conversation's themes (issue 15, ninth round), judged one writer left out.

    python -W ignore benchmarks/learn_themes.py           # the per-fold table; writes the model JSON
    python -W ignore benchmarks/learn_themes.py --check   # the table only, the shipped JSON left alone
    python -W ignore benchmarks/learn_themes.py --check --words  # beside it, the lexical signal offered

``--words`` (issue 15, tenth round) judges a signal that needs no thesaurus word: per theme, the
lemmas of the conversations whose editors listed it (:func:`lexicon_of`, smoothed log-odds), summed
over a conversation's own lemmas (``lexical``), and the two themes of the strongest signal made
eligible (``lexical_top``). It is offered to the nested choice as three more feature sets, with no
leakage: a left-out writer's conversations get the profile of the training writers, each training
writer's rows one learnt without that writer (cross-fitted), as the prior. It did not beat the sets
without it (BENCHMARKS.md, "Tenth round"), so the model written is still chosen without it.

A candidate is (conversation, theme) for every theme of the thesaurus; its features are what
:func:`gesprekken.analyse.theme_support` measures (the rules' score, its share of the best, the
turns, speakers and title that say it, related themes, whether the rules choose it) and a prior
per theme: how often the editors of the training writers list it (log-odds, smoothed), support or
not. Its label: the editor listed it. A conversation's themes are those whose probability reaches
a threshold, at least three, at most six (:func:`gesprekken.analyse.rank_themes`).

**Judged one writer left out, nested**: each writer's conversations are scored by a model trained
on the other writers only, whose penalty ``c``, training source (speech, or speech and text) and
threshold were chosen by a leave-one-writer-out inside those writers (the left-out writer's
conversations are not read to choose them), and whose prior counts only those writers' gold. Within
training, a conversation's prior leaves out its own writer's gold (else the prior would carry the
label). The shipped model is trained on all writers, its choices made the same way over all
six; the prior is folded into its weights as one feature per theme (``prior:<theme>``), so it is
scored with a dot product like any :class:`gesprekken.learned.Model`.

The baseline is the rules of rounds one to eight (:func:`gesprekken.analyse.rank_themes_by_rules`)
on the same transcripts. Needs scikit-learn (the test extras).
"""

import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import learning  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402
from learning import APART, SOURCES, WRITERS, fit, training_dialogues  # noqa: E402

import gesprekken.analyse as analyse_module  # noqa: E402
from gesprekken.learned import LEARNED, Model  # noqa: E402

NAME = "themes"
#: How much and where in the talk a theme is said (the first two feature sets).
SUPPORT_AND_PLACE = ("support", "share", "turns", "related", "participant", "opening", "closing", "peak", "spread")
#: The feature sets the nested choice picks from (see :func:`gesprekken.analyse.theme_support` for
#: each feature's reason). "support and place": how much and where in the talk a theme is said, its
#: share of the best, related themes, a participant's organisation, and the prior. "without the
#: prior": the same, what the editors list most often left out. "every feature": also the rules'
#: choice, both speakers, the title, the turns it is central in, words in passing, said at all.
FEATURE_SETS = {
    "support and place": (*SUPPORT_AND_PLACE, "prior"),
    "without the prior": SUPPORT_AND_PLACE,
    "every feature": (
        "support",
        "share",
        "turns",
        "coverage",
        "central",
        "both",
        "title",
        "participant",
        "related",
        "passing",
        "said",
        "rules",
        "opening",
        "closing",
        "peak",
        "spread",
        "prior",
    ),
}
#: The same sets with the lexical signal (:func:`lexicon_of`, ``lexical`` and ``lexical_top``) added:
#: offered to the nested choice beside the sets above (``--words``).
WORD_SETS = {f"{name}, words": (*features, "lexical", "lexical_top") for name, features in FEATURE_SETS.items()}
C_GRID = (0.03, 0.3, 3.0)
THRESHOLDS = tuple(round(0.15 + 0.05 * n, 2) for n in range(10))  # 0.15 to 0.60
TRAIN_SOURCES = (("speech",), ("speech", "text"))
#: The least number of themes a conversation gets (where that many are eligible): three, as the issue says.
LEAST = (analyse_module.MIN_LEARNT_THEMES,)
MAX_THEMES = analyse_module.MAX_CONVERSATION_THEMES


def candidates(words: bool = False) -> list[dict]:
    """One entry per conversation and source: its writer, gold themes, the rules' themes, and each
    theme's features (as :func:`gesprekken.analyse.analyse` computes them at run time); with
    ``words``, its content lemmas too (:func:`conversation_lemmas`)."""
    captured = []
    by_rules = analyse_module.rank_themes_by_rules

    def capture(*args, **kwargs):
        captured.append((args, kwargs))
        return by_rules(*args, **kwargs)

    conversations = []
    original = analyse_module.rank_themes
    analyse_module.rank_themes = capture
    try:
        for writer, path in training_dialogues():
            for source in SOURCES:
                conversation, gold = spoken_conversation(path, source)
                captured.clear()
                analyse_module.analyse(conversation)
                ((args, kwargs),) = captured
                supported = analyse_module.theme_support(*args, **kwargs)
                conversations.append(
                    {
                        "writer": writer,
                        "id": f"{path.parent.name}/{path.stem}",
                        "source": source,
                        "gold": set(gold["themes"]),
                        "rules": [t.theme for t in by_rules(*args, **kwargs)],
                        "features": {theme: features for theme, (_, features) in supported.items()},
                        "lemmas": conversation_lemmas(conversation) if words else frozenset(),
                    }
                )
    finally:
        analyse_module.rank_themes = original
    return conversations


def conversation_lemmas(conversation) -> frozenset[str]:
    """The lemmas of a conversation's content words: three letters or more, no stop word, inside no
    name (a person or organisation is no word of a theme, and stays out of what is learnt), known to
    the Dutch lemma tables (a misheard or foreign word is left out)."""
    nlp = analyse_module.pipeline()
    found = set()
    for doc in nlp.pipe(turn.text for turn in conversation.turns):
        names = [(e.start_char, e.end_char) for e in analyse_module.find_entities(doc, 0, conversation.participants)]
        for token in doc:
            if not token.is_alpha or token.is_stop or len(token) < 3:
                continue
            if any(start <= token.idx < end for start, end in names):
                continue
            lemma = token.lemma_.casefold()
            if analyse_module.is_dutch_word(lemma):
                found.add(lemma)
    return frozenset(found)


def priors(conversations: list[dict], writers) -> dict[str, float]:
    """Per theme, the smoothed log-odds that an editor of ``writers`` lists it in a conversation."""
    seen = {c["id"]: c["gold"] for c in conversations if c["writer"] in writers}
    listed: dict[str, int] = defaultdict(int)
    for gold in seen.values():
        for theme in gold:
            listed[theme] += 1
    themes = {theme for c in conversations for theme in c["features"]}
    n = len(seen)
    return {theme: math.log((listed[theme] + 0.5) / (n - listed[theme] + 0.5)) for theme in sorted(themes)}


#: The lexical profile (:func:`lexicon_of`): a theme's lemmas are those said in at least LEXICON_MIN_DF
#: of the conversations its editors listed it for, the LEXICON_SIZE that go with it most, weighed by
#: their log-odds (smoothed by LEXICON_SMOOTHING) of being said where it is listed against where not.
LEXICON_MIN_DF = 2
LEXICON_SIZE = 40
LEXICON_SMOOTHING = 1.0
_lexicons: dict[frozenset, dict] = {}


def lexicon_of(conversations: list[dict], writers) -> dict[str, dict[str, float]]:
    """Per theme, the lemmas that go with ``writers``' editors listing it and their weights (a
    conversation's lemmas are those of its transcript and its dialogue together); only their gold is read."""
    key = frozenset(writers)
    if key in _lexicons:
        return _lexicons[key]
    docs: dict[str, tuple[frozenset, set]] = {}
    for c in conversations:
        if c["writer"] in writers:
            docs[c["id"]] = (docs.get(c["id"], (frozenset(), c["gold"]))[0] | c["lemmas"], c["gold"])
    n = len(docs)
    said: dict[str, int] = defaultdict(int)
    listed: dict[str, int] = defaultdict(int)
    both: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for lemmas, gold in docs.values():
        for lemma in lemmas:
            said[lemma] += 1
        for theme in gold:
            listed[theme] += 1
            for lemma in lemmas:
                both[theme][lemma] += 1
    a = LEXICON_SMOOTHING
    profile = {}
    for theme in sorted(listed):
        with_theme, without = listed[theme], n - listed[theme]
        weights = {
            lemma: math.log((k + a) / (with_theme + 2 * a)) - math.log((said[lemma] - k + a) / (without + 2 * a))
            for lemma, k in both[theme].items()
            if k >= LEXICON_MIN_DF
        }
        best = sorted((w, lemma) for lemma, w in weights.items() if w > 0)[::-1][:LEXICON_SIZE]
        if best:
            profile[theme] = {lemma: round(w, 4) for w, lemma in sorted(best, key=lambda pair: pair[1])}
    _lexicons[key] = profile
    return profile


#: The themes with the strongest lexical signal in a conversation that may be chosen though no
#: thesaurus word names them (``lexical_top``).
LEXICAL_TOP = 2


def lexical_signal(lemmas, lexicon: dict[str, dict[str, float]]) -> dict[str, float]:
    """Per theme of ``lexicon``, the weights of the conversation's ``lemmas`` summed, over the square
    root of how many lemmas it has (a long talk says more words of every theme)."""
    if not lemmas:
        return {}
    scale = 1.0 / math.sqrt(len(lemmas))
    return {theme: scale * sum(weights.get(lemma, 0.0) for lemma in lemmas) for theme, weights in lexicon.items()}


def uses_words(features) -> bool:
    return "lexical" in features or "lexical_top" in features


def rows_of(
    conversation: dict, prior: dict[str, float], lexicon: dict | None = None
) -> tuple[list[str], list[dict], list[int]]:
    """The eligible themes of a conversation, their features and labels; with ``lexicon``, the lexical
    signal added from it (and a theme of the strongest lexical signal eligible, as at run time)."""
    features = conversation["features"]
    if lexicon is not None:
        lexical = lexical_signal(conversation["lemmas"], lexicon)
        ranked = sorted((t for t, v in lexical.items() if v > 0), key=lambda t: (-lexical[t], t))
        strongest = set(ranked[:LEXICAL_TOP])
        features = {
            t: f
            | {
                "lexical": lexical.get(t, 0.0),
                "lexical_top": float(t in strongest),
                "eligible": float(f["eligible"] or t in strongest),
            }
            for t, f in features.items()
        }
    themes = sorted(t for t, f in features.items() if f["eligible"])
    rows = [features[t] | {"prior": prior[t]} for t in themes]
    return themes, rows, [int(t in conversation["gold"]) for t in themes]


def train(conversations: list[dict], writers, features, c: float, sources) -> Model:
    """A model on ``writers``' conversations of ``sources``, each row's prior without its own writer."""
    rows, labels = [], []
    per_writer = {w: priors(conversations, set(writers) - {w}) for w in writers}
    # Cross-fitted: a training writer's rows get the lexical profile learnt without that writer's gold.
    words = {w: lexicon_of(conversations, set(writers) - {w}) if uses_words(features) else None for w in writers}
    for conversation in conversations:
        if conversation["writer"] in writers and conversation["source"] in sources:
            w = conversation["writer"]
            _, r, y = rows_of(conversation, per_writer[w], words[w])
            rows += r
            labels += y
    return fit(rows, labels, NAME, features, c=c)


def chosen(themes: list[str], probabilities: list[float], threshold: float, least: int) -> list[str]:
    """The themes kept (as :func:`gesprekken.analyse.rank_themes` keeps them): probability at least
    ``threshold``, at least ``least`` (where that many are eligible), at most six."""
    ranked = sorted(
        zip((round(p, 3) for p in probabilities), themes, strict=True), key=lambda pair: (-pair[0], pair[1])
    )
    kept = [t for p, t in ranked if p >= threshold]
    return [t for _, t in ranked][: max(len(kept), least)][:MAX_THEMES]


def predict(conversations: list[dict], writers, held: str, features, c: float, sources) -> dict[tuple, tuple]:
    """Each of ``held``'s conversations (both sources): its themes and their probabilities, from a
    model trained on ``writers`` (not ``held``)."""
    model = train(conversations, writers, features, c, sources)
    prior = priors(conversations, writers)
    words = lexicon_of(conversations, writers) if uses_words(features) else None
    out = {}
    for conversation in conversations:
        if conversation["writer"] == held:
            themes, rows, _ = rows_of(conversation, prior, words)
            out[(conversation["id"], conversation["source"])] = (themes, [model.probability(r) for r in rows])
    return out


def prf(pairs) -> tuple[float, float, float, int, int, int]:
    """Pooled precision, recall, F1 of (found, gold) theme lists."""
    pairs = list(pairs)
    tp = sum(len(set(found) & gold) for found, gold in pairs)
    predicted = sum(len(found) for found, _ in pairs)
    listed = sum(len(gold) for _, gold in pairs)
    p = tp / predicted if predicted else 1.0
    r = tp / listed if listed else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp, predicted, listed


def cell(scores: tuple) -> str:
    p, r, f1, tp, predicted, listed = scores
    return f"{p:.2f}/{r:.2f}/{f1:.2f} ({tp} of {predicted}, {listed} gold)"


def choose(conversations: list[dict], writers, sets=None) -> tuple[str, float, tuple, tuple[float, int], float]:
    """(feature set, c, training sources, (threshold, least themes), inner F1) with the best pooled F1 on speech of
    the editors apart among ``writers``, each scored by a model trained on the others of ``writers``
    only (a leave-one-writer-out inside them; the project's own sets count where no editor apart is
    left)."""
    gold = {(c["id"], c["source"]): c["gold"] for c in conversations}
    judged = [w for w in writers if w in APART] or list(writers)
    best = None
    for name, features in (sets or FEATURE_SETS).items():
        for sources in TRAIN_SOURCES:
            for c in C_GRID:
                predictions = {}
                for held in judged:
                    others = [w for w in writers if w != held]
                    predictions |= predict(conversations, others, held, features, c, sources)
                speech = {key: value for key, value in predictions.items() if key[1] == "speech"}
                for cut in ((threshold, least) for least in LEAST for threshold in THRESHOLDS):
                    f1 = prf((chosen(*speech[key], *cut), gold[key]) for key in speech)[2]
                    if best is None or f1 > best[4] + 1e-9:
                        best = (name, c, sources, cut, f1)
    return best


def arguments(argv: list[str] | None = None):
    """``--check`` and ``--out``, as every training script takes them (:func:`learning.arguments`), and ``--words``."""
    return learning.arguments(
        __doc__.splitlines()[0],
        argv,
        flags={
            "--words": "also judge the lexical signal (the conversation's words, learnt per theme) offered to the "
            "nested choice; the model written is chosen without it"
        },
    )


def nested(conversations: list[dict], writers, sets) -> tuple[dict[tuple, list[str]], dict[str, tuple]]:
    """Each conversation's themes from a model trained without its writer, its choices made among
    ``sets`` inside the other writers only; and those choices per writer left out."""
    found: dict[tuple, list[str]] = {}
    choices = {}
    for held in writers:
        inside = [w for w in writers if w != held]
        name, c, sources, cut, inner = choose(conversations, inside, sets)
        choices[held] = (name, c, sources, cut, inner)
        for key, (themes, probabilities) in predict(conversations, inside, held, sets[name], c, sources).items():
            found[key] = chosen(themes, probabilities, *cut)
    return found, choices


def unsaid(conversations: list[dict], found: dict[tuple, list[str]], members, source: str) -> str:
    """Of ``members``' gold themes that are not eligible on the thesaurus's words, how many ``found``
    has, and how many of the themes it chose were not so eligible."""
    hit = chosen_unsaid = listed = 0
    for c in conversations:
        if c["writer"] in members and c["source"] == source:
            said = {t for t, f in c["features"].items() if f["eligible"]}
            listed += len(c["gold"] - said)
            new = set(found[(c["id"], c["source"])]) - said
            chosen_unsaid += len(new)
            hit += len(new & c["gold"])
    return f"{hit} of {listed} unsaid gold, {hit} of {chosen_unsaid} chosen unsaid right"


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)

    conversations = candidates(words=args.words)
    writers = list(WRITERS)
    gold = {(c["id"], c["source"]): c["gold"] for c in conversations}
    runs = {"learnt, left out": nested(conversations, writers, FEATURE_SETS)}
    if args.words:
        runs["the words offered, left out"] = nested(conversations, writers, FEATURE_SETS | WORD_SETS)

    for run, (_, choices) in runs.items():
        print(f"Choices inside the training writers, {run} (features, c, sources, threshold, least, inner F1):")
        for held, (name, c, sources, (threshold, least), inner) in choices.items():
            print(
                f"  without {held}: {name}, c={c}, {'+'.join(sources)}, threshold {threshold:.2f}, least {least}, "
                f"inner speech F1 on the editors apart {inner:.3f}"
            )
    print()
    print(f"| writer left out (conversations) | source | rules P/R/F1 | {' | '.join(f'{r} P/R/F1' for r in runs)} |")
    print(f"| --- | --- | --- | {' | '.join('---' for _ in runs)} |")
    groups = [*((w, (w,)) for w in writers), ("apart, pooled", APART), (f"all {len(writers)}, pooled", writers)]
    rules = {(c["id"], c["source"]): c["rules"] for c in conversations}
    for group, members in groups:
        for source in SOURCES:
            keys = [(c["id"], c["source"]) for c in conversations if c["writer"] in members and c["source"] == source]
            cells = [cell(prf((rules[key], gold[key]) for key in keys))]
            cells += [cell(prf((found[key], gold[key]) for key in keys)) for found, _ in runs.values()]
            print(f"| {group} ({len(keys)}) | {source} | {' | '.join(cells)} |")
    if args.words:
        for run, (found, _) in runs.items():
            for source in SOURCES:
                print(f"{run}, editors apart, {source}: {unsaid(conversations, found, APART, source)}")

    name, c, sources, (threshold, least), inner = choose(conversations, writers)
    model = final_model(conversations, writers, name, c, sources, threshold, least)
    print(
        f"\nThe model trained on all {len(writers)}: {name}, c={c}, {'+'.join(sources)}, threshold {threshold:.2f}, "
        f"least {least} "
        f"(its choices' leave-one-writer-out F1 on the editors apart, speech: {inner:.3f})"
    )
    for feature, weight in zip(model.features, model.weights, strict=True):
        if not feature.startswith("prior:"):
            print(f"  {feature:12} {weight:+.3f}")
    if not args.check:
        print(f"written to {model.save(args.out)}")
    return 0


def final_model(
    conversations: list[dict], writers, name: str, c: float, sources, threshold: float, least: int
) -> Model:
    """The model trained on ``writers``, its prior folded in as one feature per theme."""
    trained = train(conversations, writers, FEATURE_SETS[name], c, sources)
    prior = priors(conversations, writers)
    weight = dict(zip(trained.features, trained.weights, strict=True))
    features = [f for f in trained.features if f != "prior"]
    weights = [weight[f] for f in features]
    if "prior" in weight:
        features += [f"prior:{theme}" for theme in prior]
        weights += [round(weight["prior"] * value, 6) for value in prior.values()]
    sets = ", ".join(s for ws in (WRITERS[w] for w in writers) for s in ws)
    folded = " (the prior folded in per theme)" if "prior" in weight else ""
    return Model(
        name=NAME,
        features=tuple(features),
        weights=tuple(weights),
        intercept=trained.intercept,
        threshold=threshold,
        trained_on=(
            f"benchmarks/learn_themes.py: logistic regression, c={c}, trained on {'+'.join(sources)} of the "
            f"spoken sets {sets} ({len({x['id'] for x in conversations})} conversations, {len(writers)} writers); "
            f"features ({name}) {', '.join(FEATURE_SETS[name])}{folded}; the features, "
            "c, sources and threshold chosen by leave-one-writer-out"
        ),
    )


def model_path() -> Path:
    return LEARNED / f"{NAME}.json"


if __name__ == "__main__":
    sys.exit(main())
