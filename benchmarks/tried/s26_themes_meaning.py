"""Session 26's candidate E1 (BENCHMARKS "Twenty-fifth round"), tried and not shipped: the themes model with
what the turns mean against the thesaurus's own words, judged as ``learn_themes.py`` judges a model.

    python -W ignore benchmarks/tried/s26_themes_meaning.py E1     # E1
    python -W ignore benchmarks/tried/s26_themes_meaning.py base   # the same protocol, before E2 shipped
    python -W ignore benchmarks/tried/s26_themes_meaning.py E2     # the shipped choice (learn_themes.py's)

E1: each theme's vector is the sentence encoder's (:mod:`gesprekken.meaning`) for "<label>. <description>";
per theme, ``semantic`` is the mean of the three highest turn-theme cosines, centred over the themes, and
``semantic_top`` marks the two highest, which are made eligible. E2, shipped, is ``meaning``: the turns'
mean against a profile learnt from the training writers' gold (``learn_themes.profiles_of``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_themes as lt  # noqa: E402
import numpy as np  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402
from learning import SOURCES, training_dialogues  # noqa: E402

from gesprekken import meaning  # noqa: E402
from gesprekken.analyse import read_thesaurus  # noqa: E402


def with_descriptions(conversations: list[dict]) -> None:
    """E1's two features added to every theme of every conversation (in place)."""
    themes = read_thesaurus()
    ids = sorted(themes)
    described = meaning.turn_vectors([f"{themes[t].label}. {themes[t].description}" for t in ids])
    said = {}
    for _, path in training_dialogues(lt.WRITERS):
        for source in SOURCES:
            conversation, _ = spoken_conversation(path, source)
            said[(f"{path.parent.name}/{path.stem}", source)] = meaning.turn_vectors(
                [t.text for t in conversation.turns]
            )
    for c in conversations:
        cosines = said[(c["id"], c["source"])] @ described.T  # turns x themes
        support = np.sort(cosines, axis=0)[-min(3, len(cosines)) :].mean(axis=0)
        centred = support - support.mean()
        top = set(np.argsort(-centred)[:2])
        for j, theme in enumerate(ids):
            features = c["features"].setdefault(theme, {"eligible": 0.0})
            features["semantic"] = float(centred[j])
            features["semantic_top"] = float(j in top)
            if j in top:
                features["eligible"] = 1.0


def main(variant: str) -> int:
    conversations = lt.candidates()
    name, c, sources, cut = lt.CHOICE
    features = {
        "base": lt.WORD_SETS["support and place, words"],
        "E1": (*lt.WORD_SETS["support and place, words"], "semantic", "semantic_top"),
        "E2": (lt.FEATURE_SETS | lt.WORD_SETS | lt.MEANING_SETS)[name],
    }[variant]
    if variant == "E1":
        with_descriptions(conversations)
    gold = {(x["id"], x["source"]): x["gold"] for x in conversations}
    found = lt.left_out(conversations, list(lt.WRITERS), features, c, sources, cut)
    for group, members in (("apart, pooled", lt.APART), ("all, pooled", list(lt.WRITERS))):
        for source in SOURCES:
            keys = [(x["id"], x["source"]) for x in conversations if x["writer"] in members and x["source"] == source]
            p, r, f1, tp, predicted, listed = lt.prf((found[k], gold[k]) for k in keys)
            print(f"| {variant} | {group} ({len(keys)}) | {source} | {p:.3f}/{r:.3f}/{f1:.4f} ({tp} of {predicted}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "E1"))
