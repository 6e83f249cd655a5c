"""Learn the weights of a conversation's themes (issue 15, ninth round), judged one writer left out.

    python -W ignore benchmarks/learn_themes.py           # the per-writer table; writes the model and its words
    python -W ignore benchmarks/learn_themes.py --check   # the table only, the shipped files left alone

A candidate is (conversation, theme) for every theme of the thesaurus; its features are what
:func:`gesprekken.analyse.theme_support` measures (the rules' score, its share of the best, the
turns, speakers and title that say it, related themes, whether the rules choose it), a prior per
theme (how often the training writers' editors list it, log-odds, smoothed) and, since the sixteenth
round, the lexical signal: per theme, the lemmas of the conversations whose editors listed it
(:func:`lexicon_of`, smoothed log-odds), summed over a conversation's own lemmas (``lexical``,
:func:`gesprekken.analyse.lexical_signal`), the two themes of the strongest signal made eligible
(``lexical_top``) though no thesaurus word names them. Its label: the editor listed it. A
conversation's themes are those whose probability reaches a threshold, at least three, at most five (six until round 35)
(:func:`gesprekken.analyse.rank_themes`).

**Judged one writer left out**: each writer's conversations are scored by a model trained on the
other writers only, whose prior and word list count only those writers' gold. Within training, a
conversation's prior and word list leave out its own writer's gold (cross-fitted: else they would
carry the label). The writers are the eight of ``learning.WRITERS`` and the later editors apart
(heldout11-28 since the sixteenth round, heldout11-34 since the twentieth, heldout11-36 since the
twenty-first, heldout11-38 since the twenty-third; each scored once as held out before); the choice
of features, penalty ``c``, sources and threshold (``CHOICE``) is fixed, written before the sixteenth
round's run, not chosen inside the training writers as in rounds nine to fifteen (a nested choice
over 26 writers takes hours on two cores). The shipped model is trained on all writers; the prior is
folded into its weights as one feature per theme (``prior:<theme>``), so it is scored with a dot
product like any
:class:`gesprekken.learned.Model`, and its word list is written beside it
(:func:`gesprekken.learned.lexicon`).

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
from learning import SOURCES, fit, training_dialogues  # noqa: E402

import gesprekken.analyse as analyse_module  # noqa: E402
from gesprekken import meaning  # noqa: E402
from gesprekken.analyse import with_lexical, with_meaning  # noqa: E402
from gesprekken.learned import LEARNED, Model, save_lexicon  # noqa: E402

NAME = "themes"
#: The later editors apart (heldout11-38, each scored once as held out, seen since): the themes model
#: learns from them since the sixteenth round (heldout11-28), heldout29-34 since the twentieth,
#: heldout35-36 since the twenty-first, heldout37-38 since the twenty-third.
LATER = {name: (name,) for name in (f"heldout{n}" for n in range(11, 39))}
WRITERS = {**learning.WRITERS, **LATER}
APART = learning.APART + tuple(LATER)
#: How much and where in the talk a theme is said (the first two feature sets).
SUPPORT_AND_PLACE = ("support", "share", "turns", "related", "participant", "opening", "closing", "peak", "spread")
#: The feature sets (see :func:`gesprekken.analyse.theme_support` for
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
#: The same sets with the lexical signal (:func:`lexicon_of`, ``lexical`` and ``lexical_top``) added.
WORD_SETS = {f"{name}, words": (*features, "lexical", "lexical_top") for name, features in FEATURE_SETS.items()}
#: The same sets with the words and what the talk means (``meaning``, :func:`profiles_of`; session 26).
MEANING_SETS = {f"{name}, meaning": (*features, "meaning") for name, features in WORD_SETS.items()}
#: And the themes of the training conversations that mean the most alike (``neighbours``, :func:`bank_of`;
#: session 27).
NEIGHBOUR_SETS = {f"{name}, neighbours": (*features, "neighbours") for name, features in MEANING_SETS.items()}
ALL_SETS = FEATURE_SETS | WORD_SETS | MEANING_SETS | NEIGHBOUR_SETS
#: The model's feature set, penalty (scikit-learn's C), sources trained on and (threshold, least themes):
#: the shipped choice of rounds nine to fifteen (c, sources, threshold), with the prior and the words,
#: fixed before the sixteenth round's run (BENCHMARKS "Sixteenth round").
CHOICE = (
    "support and place, words, meaning, neighbours",
    3.0,
    ("speech", "text"),
    (0.25, analyse_module.MIN_LEARNT_THEMES),
)
MAX_THEMES = analyse_module.MAX_CHOSEN_THEMES


def candidates() -> list[dict]:
    """One entry per conversation and source: its writer, gold themes, the rules' themes, each
    theme's features and the conversation's content lemmas (as :func:`gesprekken.analyse.analyse`
    computes them at run time; the features without any word list, which training adds per fold)."""
    captured = []
    by_rules = analyse_module.rank_themes_by_rules

    def capture(*args, lemmas=frozenset(), texts=(), **kwargs):
        captured.append((args, kwargs, lemmas))
        return by_rules(*args, **kwargs)

    conversations = []
    original = analyse_module.rank_themes
    analyse_module.rank_themes = capture
    try:
        for writer, path in training_dialogues(WRITERS):
            for source in SOURCES:
                conversation, gold = spoken_conversation(path, source)
                captured.clear()
                analyse_module.analyse(conversation)
                ((args, kwargs, lemmas),) = captured
                supported = analyse_module.theme_support(*args, **kwargs)
                conversations.append(
                    {
                        "writer": writer,
                        "id": f"{path.parent.name}/{path.stem}",
                        "source": source,
                        "gold": set(gold["themes"]),
                        "rules": [t.theme for t in by_rules(*args, **kwargs)],
                        "features": {theme: features for theme, (_, features) in supported.items()},
                        "lemmas": lemmas,
                        "vector": meaning.conversation_vector([t.text for t in conversation.turns]),
                    }
                )
    finally:
        analyse_module.rank_themes = original
    return conversations


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


def uses_words(features) -> bool:
    return "lexical" in features or "lexical_top" in features


_profiles: dict = {}  # writers -> profiles, ("bank", writers) -> bank (per process)


def profiles_of(conversations: list[dict], writers) -> dict[str, tuple[float, ...]]:
    """Per theme, the direction in the sentence encoder's space (:mod:`gesprekken.meaning`) from the
    vectors of ``writers``' conversations whose editor did not list it to those whose editor did (the
    difference of the two means, unit length; each conversation's transcript and dialogue count as two);
    only their gold is read. A theme no editor of theirs listed, or every one did, has none."""
    import numpy as np

    key = frozenset(writers)
    if key not in _profiles:
        inside = [c for c in conversations if c["writer"] in writers]
        vectors = np.array([c["vector"] for c in inside])
        themes = sorted({theme for c in conversations for theme in c["features"]})
        found = {}
        for theme in themes:
            listed = np.array([theme in c["gold"] for c in inside])
            if listed.all() or not listed.any():
                continue
            direction = vectors[listed].mean(axis=0) - vectors[~listed].mean(axis=0)
            found[theme] = tuple(float(v) for v in direction / np.linalg.norm(direction))
        _profiles[key] = found
    return _profiles[key]


def uses_meaning(features) -> bool:
    return "meaning" in features


def bank_of(conversations: list[dict], writers) -> tuple:
    """The bank :func:`gesprekken.meaning.neighbours` reads, of ``writers``' conversations (each source a
    conversation of its own): their vectors and the themes their editors listed."""
    import numpy as np

    key = ("bank", frozenset(writers))
    if key not in _profiles:
        inside = [c for c in conversations if c["writer"] in writers]
        _profiles[key] = (np.array([c["vector"] for c in inside], dtype=np.float32), [c["gold"] for c in inside])
    return _profiles[key]


def uses_neighbours(features) -> bool:
    return "neighbours" in features


def rows_of(
    conversation: dict,
    prior: dict[str, float],
    lexicon: dict | None = None,
    profiles: dict | None = None,
    bank: tuple | None = None,
) -> tuple[list[str], list[dict], list[int]]:
    """Every theme of the thesaurus for a conversation (each may be its theme, said or not, as at run time
    since session 32), their features and labels; with ``lexicon``, the lexical signal added from it; with
    ``profiles``, what the talk means, and with ``bank`` the themes of the conversations nearest in meaning
    (:func:`gesprekken.analyse.with_meaning`)."""
    features = conversation["features"]
    if lexicon is not None:
        features = with_lexical(features, conversation["lemmas"], lexicon)
    if profiles is not None:
        near = meaning.neighbours(conversation["vector"], *bank, profiles) if bank is not None else None
        features = with_meaning(features, meaning.closeness(conversation["vector"], profiles), near)
    themes = sorted(features)
    rows = [features[t] | {"prior": prior[t]} for t in themes]
    return themes, rows, [int(t in conversation["gold"]) for t in themes]


def train(conversations: list[dict], writers, features, c: float, sources) -> Model:
    """A model on ``writers``' conversations of ``sources``, each row's prior without its own writer."""
    rows, labels = [], []
    per_writer = {w: priors(conversations, set(writers) - {w}) for w in writers}
    # Cross-fitted: a training writer's rows get the lexical profile learnt without that writer's gold.
    words = {w: lexicon_of(conversations, set(writers) - {w}) if uses_words(features) else None for w in writers}
    leaning = {w: profiles_of(conversations, set(writers) - {w}) if uses_meaning(features) else None for w in writers}
    banks = {w: bank_of(conversations, set(writers) - {w}) if uses_neighbours(features) else None for w in writers}
    for conversation in conversations:
        if conversation["writer"] in writers and conversation["source"] in sources:
            w = conversation["writer"]
            _, r, y = rows_of(conversation, per_writer[w], words[w], leaning[w], banks[w])
            rows += r
            labels += y
    return fit(rows, labels, NAME, features, c=c)


def chosen(
    themes: list[str], probabilities: list[float], threshold: float, least: int, eligible: set[str] | None = None
) -> list[str]:
    """The themes kept (as :func:`gesprekken.analyse.rank_themes` keeps them, :func:`gesprekken.analyse.fill`):
    probability at least ``threshold``, at least ``least`` of the ``eligible`` (None: every theme), at most
    MAX_THEMES."""
    ranked = sorted(
        zip((round(p, 3) for p in probabilities), themes, strict=True), key=lambda pair: (-pair[0], pair[1])
    )
    kept = analyse_module.fill(ranked, threshold, least, set(themes) if eligible is None else eligible)
    return [t for _, t in kept][:MAX_THEMES]


def predict(conversations: list[dict], writers, held: str, features, c: float, sources) -> dict[tuple, tuple]:
    """Each of ``held``'s conversations (both sources): its themes and their probabilities, from a
    model trained on ``writers`` (not ``held``)."""
    model = train(conversations, writers, features, c, sources)
    prior = priors(conversations, writers)
    words = lexicon_of(conversations, writers) if uses_words(features) else None
    leaning = profiles_of(conversations, writers) if uses_meaning(features) else None
    bank = bank_of(conversations, writers) if uses_neighbours(features) else None
    out = {}
    for conversation in conversations:
        if conversation["writer"] == held:
            themes, rows, _ = rows_of(conversation, prior, words, leaning, bank)
            eligible = {t for t, r in zip(themes, rows, strict=True) if r["eligible"]}
            out[(conversation["id"], conversation["source"])] = (themes, [model.probability(r) for r in rows], eligible)
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


def arguments(argv: list[str] | None = None):
    """``--check`` and ``--out``, as every training script takes them (:func:`learning.arguments`)."""
    return learning.arguments(__doc__.splitlines()[0], argv)


def left_out(conversations: list[dict], writers, features, c: float, sources, cut) -> dict[tuple, list[str]]:
    """Each conversation's themes (both sources) from a model trained without its writer."""
    found: dict[tuple, list[str]] = {}
    for held in writers:
        others = [w for w in writers if w != held]
        for key, (themes, probabilities, eligible) in predict(
            conversations, others, held, features, c, sources
        ).items():
            found[key] = chosen(themes, probabilities, *cut, eligible)
    return found


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
    conversations = candidates()
    writers = list(WRITERS)
    name, c, sources, cut = CHOICE
    features = ALL_SETS[name]
    gold = {(x["id"], x["source"]): x["gold"] for x in conversations}
    found = left_out(conversations, writers, features, c, sources, cut)
    rules = {(x["id"], x["source"]): x["rules"] for x in conversations}
    print(f"Each writer left out: {name}, c={c}, {'+'.join(sources)}, threshold {cut[0]:.2f}, least {cut[1]}\n")
    print("| writer left out (conversations) | source | rules P/R/F1 | learnt, left out P/R/F1 |")
    print("| --- | --- | --- | --- |")
    groups = [*((w, (w,)) for w in writers), ("apart, pooled", APART), (f"all {len(writers)}, pooled", writers)]
    for group, members in groups:
        for source in SOURCES:
            keys = [(x["id"], x["source"]) for x in conversations if x["writer"] in members and x["source"] == source]
            cells = [
                cell(prf((rules[key], gold[key]) for key in keys)),
                cell(prf((found[key], gold[key]) for key in keys)),
            ]
            print(f"| {group} ({len(keys)}) | {source} | {' | '.join(cells)} |")
    for source in SOURCES:
        print(f"editors apart, {source}: {unsaid(conversations, found, APART, source)}")

    model = final_model(conversations, writers, name, c, sources, *cut)
    print(f"\nThe model trained on all {len(writers)}: {name}, c={c}, {'+'.join(sources)}, threshold {cut[0]:.2f}")
    for feature, weight in zip(model.features, model.weights, strict=True):
        if not feature.startswith("prior:"):
            print(f"  {feature:12} {weight:+.3f}")
    if not args.check:
        for path in write_shipped(conversations, model, args.out):
            print(f"written to {path}")
    return 0


def write_shipped(conversations: list[dict], model: Model | None = None, out: Path | None = None) -> list[Path]:
    """Write the model trained on every writer with the shipped choice (:data:`CHOICE`) and, where its
    features read words, its word list: to gesprekken/data/learned, or beside ``out``. The retrain
    check of the tests calls this alone (the left-out table is the figures', not the model's)."""
    writers = list(WRITERS)
    name, c, sources, cut = CHOICE
    model = model or final_model(conversations, writers, name, c, sources, *cut)
    written = [model.save(out)]
    features = ALL_SETS[name]
    if uses_words(features):
        beside = out.with_name(f"{NAME}-lexicon.json") if out else None
        written.append(save_lexicon(NAME, lexicon_of(conversations, writers), model.trained_on, beside))
    if uses_meaning(features):
        beside = out.with_name(f"{NAME}-meaning.json") if out else None
        inside = (
            [(c["vector"], c["gold"]) for c in conversations if c["writer"] in writers]
            if uses_neighbours(features)
            else ()
        )
        written.append(
            meaning.save_profiles(NAME, profiles_of(conversations, writers), model.trained_on, beside, inside)
        )
    return written


def final_model(
    conversations: list[dict], writers, name: str, c: float, sources, threshold: float, least: int
) -> Model:
    """The model trained on ``writers``, its prior folded in as one feature per theme."""
    trained = train(conversations, writers, ALL_SETS[name], c, sources)
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
            f"features ({name}) {', '.join(ALL_SETS[name])}{folded}; the choice "
            "of features, c, sources and threshold fixed before the run (judged leave-one-writer-out)"
        ),
    )


def model_path() -> Path:
    return LEARNED / f"{NAME}.json"


if __name__ == "__main__":
    sys.exit(main())
