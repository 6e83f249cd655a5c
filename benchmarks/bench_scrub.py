"""How long consent takes to find a withdrawn person's name in a transcript's text, and in how many forms.

    python benchmarks/bench_scrub.py [--repeat N]

For a few names (one with "van der" and "ij", one short, one with "ij"), the forms
:func:`gesprekken.consent.left_out_names` gives, and the time :func:`gesprekken.consent.scrub_names` takes over
the text of the first spoken heldout49 transcript (about 29 kB), best of ``--repeat`` runs. Every route that
leaves a name out (the public copy, the exports, forget) scrubs each text it touches this way.
"""

import argparse
import time
from pathlib import Path

from gesprekken import consent

NAMES = ["Marloes van der Heijden", "Kees Mol", "Marieke Meijer"]
TRANSCRIPT = sorted((Path(__file__).parent.parent / "tests/data/analyse-speech-heldout49/transcripts").glob("*.md"))[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = TRANSCRIPT.read_text(encoding="utf-8")
    print(f"| name ({len(text) // 1000} kB of {TRANSCRIPT.name}) | forms | scrub, s |")
    print("| --- | --- | --- |")
    for name in NAMES:
        variants, keep = consent.left_out_names([name], [("Ann Bos", "gemeente Deventer")])
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            consent.scrub_names(text, variants, keep)
            times.append(time.perf_counter() - start)
        print(f"| {name} | {len(variants)} | {min(times):.3f} |")


if __name__ == "__main__":
    main()
