"""Copy the two Dutch tables gesprekken reads into gesprekken/data/, with their licences.

    pip install spacy-lookups-data==1.0.5 wordfreq==3.1.1 && python scripts/copy_dutch_tables.py

gesprekken reads one file of each package: spacy-lookups-data's Dutch lemma table (1 MB of its
99 MB, which hold every language's tables) and wordfreq's small Dutch word list (0.1 MB of its
58 MB). Shipping the two files instead of the packages keeps 160 MB out of every install. The
files are copied byte for byte; tests/test_analysis.py checks them against the packages.
"""

import hashlib
import shutil
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "gesprekken" / "data"


def copy(package: str, source, target: Path) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as handle, open(target, "wb") as out:
        shutil.copyfileobj(handle, out)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"{package} {version(package)}: {target.relative_to(DATA.parent.parent)} (sha256 {digest})")
    return digest


def main() -> None:
    lemmas = DATA / "lemmas"
    digest = copy(
        "spacy-lookups-data",
        files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz",
        lemmas / "nl_lemma_lookup.json.gz",
    )
    shutil.copyfile(files("spacy_lookups_data").parent / find_licence("spacy_lookups_data"), lemmas / "LICENSE")
    (lemmas / "NOTICE").write_text(
        f"nl_lemma_lookup.json.gz is data/nl_lemma_lookup.json.gz of spacy-lookups-data "
        f"{version('spacy-lookups-data')}\n(https://github.com/explosion/spacy-lookups-data), by ExplosionAI GmbH, "
        "licensed under the MIT License (LICENSE in this folder),\n"
        f"copied unchanged (sha256 {digest}) by scripts/copy_dutch_tables.py in gesprekken.\n"
        "It maps each Dutch word form (lowercase) to its lemma, as spaCy's lookup lemmatizer reads it.\n",
        encoding="utf-8",
    )
    words = DATA / "wordfreq"
    digest = copy("wordfreq", files("wordfreq") / "data" / "small_nl.msgpack.gz", words / "small_nl.msgpack.gz")
    shutil.copyfile(files("wordfreq").parent / find_licence("wordfreq"), words / "LICENSE")
    (words / "NOTICE").write_text(WORDFREQ_NOTICE.format(version=version("wordfreq"), digest=digest), encoding="utf-8")


def find_licence(module: str) -> str:
    """The licence file in the installed distribution's .dist-info, relative to site-packages."""
    from importlib.metadata import distribution

    dist = distribution(module.replace("_", "-"))
    licence = next(f for f in dist.files if f.parent.name.endswith(".dist-info") and f.name.startswith("LICENSE"))
    return str(licence)


WORDFREQ_NOTICE = """\
small_nl.msgpack.gz is wordfreq/data/small_nl.msgpack.gz of wordfreq {version}
(https://github.com/rspeer/wordfreq), by Robyn Speer, copied unchanged (sha256 {digest})
by scripts/copy_dutch_tables.py in gesprekken. wordfreq's code is licensed under the Apache
License 2.0 (LICENSE in this folder); its data files, this one included, may be redistributed
under the Creative Commons Attribution-ShareAlike 4.0 licence
(https://creativecommons.org/licenses/by-sa/4.0/). This file keeps that licence.

wordfreq builds its lists from these sources, among others (its README says which serve which
language), and asks for them to be credited:
- SUBTLEX-NL, by Marc Brysbaert et al. (http://crr.ugent.be/programs-data/subtitle-frequencies):
  freely available data, redistributed with the authors' permission on condition that they are
  credited: Keuleers, E., Brysbaert, M. & New, B. (2010). SUBTLEX-NL: A new frequency measure
  for Dutch words based on film subtitles. Behavior Research Methods, 42(3), 643-650.
- OPUS OpenSubtitles 2018 (http://opus.nlpl.eu/OpenSubtitles.php), from the OpenSubtitles
  project (http://www.opensubtitles.org/).
- Wikipedia, the free encyclopedia (http://www.wikipedia.org).
- ParaCrawl, a multilingual Web crawl (https://paracrawl.eu).
- Google Books Ngrams (http://books.google.com/ngrams), and other sources listed in wordfreq's
  README.

Robyn Speer. (2022). rspeer/wordfreq: v3.0 (v3.0.2). Zenodo. https://doi.org/10.5281/zenodo.7199437
"""


if __name__ == "__main__":
    main()
