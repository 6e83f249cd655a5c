"""Session 27's candidates E3 and E4 (BENCHMARKS "Twenty-fifth round"): the themes model with one more
signal of meaning beside E2's ``meaning``, judged as ``learn_themes.py --check`` judges a model.

    python -W ignore benchmarks/tried/s27_themes_peak_neighbours.py E3
    python -W ignore benchmarks/tried/s27_themes_peak_neighbours.py E4

E3 ``meaning_peak``: per theme, the highest cosine of one turn's vector with the theme's profile, less the mean
of that over the themes (a theme talked about in one stretch). E4 ``neighbours``: per theme, the share of the
K training conversations (each source counted apart) nearest the conversation's vector whose editor listed it,
less the theme's share over all of them. Both cross-fitted as E2's profiles are: a training writer's rows get
what was learnt without that writer's gold, a left-out writer's what was learnt without theirs.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_themes as lt  # noqa: E402
import numpy as np  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402
from learning import SOURCES, training_dialogues  # noqa: E402

from gesprekken import meaning  # noqa: E402

K = 20


class Learnt(dict):
    """E2's profiles (the dict), with the bank of the writers they were learnt from."""

    vectors: np.ndarray
    golds: list[set]
    themes: list[str]
    rates: np.ndarray


def main(variant: str) -> int:
    meaning.TURN_CACHE_SIZE = 200_000
    conversations = lt.candidates()
    turns = {}
    for _, path in training_dialogues(lt.WRITERS):
        for source in SOURCES:
            conversation, _ = spoken_conversation(path, source)
            said = [t.text for t in conversation.turns if t.text.strip()]
            turns[(f"{path.parent.name}/{path.stem}", source)] = meaning.turn_vectors(said)
    original_profiles, original_rows = lt.profiles_of, lt.rows_of

    def profiles_of(conversations, writers):
        found = Learnt(original_profiles(conversations, writers))
        inside = [c for c in conversations if c["writer"] in writers]
        found.vectors = np.array([c["vector"] for c in inside])
        found.golds = [c["gold"] for c in inside]
        found.themes = sorted(found)
        found.rates = np.array([[t in g for t in found.themes] for g in found.golds], dtype=float)
        return found

    def rows_of(conversation, prior, lexicon=None, profiles=None):
        themes, rows, labels = original_rows(conversation, prior, lexicon, profiles)
        if profiles is None or not rows:
            return themes, rows, labels
        names = profiles.themes
        if variant == "E3":
            directions = np.array([profiles[t] for t in names])
            peaks = (turns[(conversation["id"], conversation["source"])] @ directions.T).max(axis=0)
            extra = dict(zip(names, peaks - peaks.mean(), strict=True))
            key = "meaning_peak"
        else:
            near = np.argsort(-(profiles.vectors @ np.asarray(conversation["vector"])))[:K]
            share = profiles.rates[near].mean(axis=0) - profiles.rates.mean(axis=0)
            extra = dict(zip(names, share, strict=True))
            key = "neighbours"
        rows = [row | {key: float(extra.get(theme, 0.0))} for theme, row in zip(themes, rows, strict=True)]
        return themes, rows, labels

    lt.profiles_of, lt.rows_of = profiles_of, rows_of
    lt._profiles.clear()
    name, c, sources, cut = lt.CHOICE
    features = (*lt.MEANING_SETS[name], {"E3": "meaning_peak", "E4": "neighbours"}[variant])
    gold = {(x["id"], x["source"]): x["gold"] for x in conversations}
    found = lt.left_out(conversations, list(lt.WRITERS), features, c, sources, cut)
    for group, members in (("apart, pooled", lt.APART), ("all, pooled", list(lt.WRITERS))):
        for source in SOURCES:
            keys = [(x["id"], x["source"]) for x in conversations if x["writer"] in members and x["source"] == source]
            p, r, f1, tp, predicted, listed = lt.prf((found[k], gold[k]) for k in keys)
            print(f"| {variant} | {group} ({len(keys)}) | {source} | {p:.3f}/{r:.3f}/{f1:.4f} ({tp} of {predicted}) |")
    model = lt.train(conversations, list(lt.WRITERS), features, c, sources)
    print(dict(zip(model.features, model.weights, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "E3"))
