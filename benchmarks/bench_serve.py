"""Serving speed at scale: full-text search and page render, gesprekken against plain Datasette.

    python benchmarks/make_corpus.py benchmarks/out/corpus.db     # 10,000 conversations, 1M turns
    python benchmarks/bench_serve.py benchmarks/out/corpus.db
    python benchmarks/bench_serve.py benchmarks/out/corpus.db --only filtered   # the filtered searches alone

Both sides run in this one process, on the same database file, through Datasette's own ASGI
client (no network in between), one request at a time, alternating, so that machine noise
falls on both alike:

- **gesprekken**: ``Datasette`` with gesprekken's metadata, plugins and settings (as
  ``gesprekken serve`` starts it);
- **plain Datasette**: ``Datasette([db])``, nothing else: what a user would run instead.

One-word searches come in three bands by how many turns hold the word: theme words (what
attendees search), rare words (names, places) and common words. Each word is searched
``--repeat`` times per side after one warm-up; p50 and p95 are over all requests of a band.
"""

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from datasette.app import Datasette

from gesprekken.serve import SETTINGS, metadata

THEME_WORDS = [
    "schuldhulpverlening",
    "wederkerigheid",
    "maatwerk",
    "leefbaarheid",
    "doorstroming",
    "huurachterstanden",
    "vroegsignalering",
    "mantelzorg",
    "statushouders",
    "huisuitzetting",
]
RARE_WORDS = ["Hoekstra", "Öztürk", "Veenstra", "Apeldoorn", "Kuipers", "Postma", "Amersfoort", "Schouten"]
COMMON_WORDS = ["huurders", "gemeente", "wonen", "mensen", "samen", "goed"]


def turns_holding(db_path: Path, word: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?", [f'"{word}"']).fetchone()[0]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def timed(client, path: str, warm_up: bool = False) -> float:
    start = time.perf_counter()
    response = await client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200 and not warm_up:  # a cold cache may pass Datasette's time limit
        raise RuntimeError(f"{path}: HTTP {response.status_code}: {response.text[:300]}")
    return elapsed


async def main_async(db_path: Path, repeat: int, sections: set[str]) -> None:
    name = db_path.stem
    with open(db_path, "rb") as handle:  # the file in the page cache for both sides alike
        while handle.read(1 << 24):
            pass
    ours = Datasette([str(db_path)], metadata=metadata(db_path), settings=SETTINGS)
    plain = Datasette([str(db_path)])
    await ours.invoke_startup()
    await plain.invoke_startup()
    with sqlite3.connect(db_path) as conn:
        size = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("conversations", "turns", "quotes", "action_points")
        }
        middle = size["conversations"] // 2
        some_conversation = conn.execute(
            "SELECT id FROM conversations ORDER BY id LIMIT 1 OFFSET ?", [middle]
        ).fetchone()[0]
    print(
        f"{size['conversations']:,} conversations, {size['turns']:,} turns, {size['quotes']:,} quotes, "
        f"{size['action_points']:,} action points; {db_path.stat().st_size / 1e6:,.0f} MB\n"
    )

    bands = {"theme words": THEME_WORDS, "rare words": RARE_WORDS, "common words": COMMON_WORDS}
    if "words" not in sections:
        bands = {}
    print("One-word full-text search, milliseconds (in process, one request at a time):\n")
    print("| words (turns holding one, median) | request | p50 | p95 |")
    print("| --- | --- | ---: | ---: |")
    cases = [
        (
            "gesprekken: search page, JSON (quotes, turns, action points, counts, facets)",
            ours,
            "/-/gesprekken/zoeken.json?q={w}",
        ),
        ("gesprekken: search page, HTML", ours, "/-/gesprekken/zoeken?q={w}"),
        ("gesprekken: turns table search, JSON", ours, f"/{name}/turns.json?_search={{w}}&_shape=array"),
        ("plain Datasette: turns table search, JSON", plain, f"/{name}/turns.json?_search={{w}}&_shape=array"),
        ("gesprekken: turns table search, HTML (players, captions)", ours, f"/{name}/turns?_search={{w}}"),
        ("plain Datasette: turns table search, HTML", plain, f"/{name}/turns?_search={{w}}"),
    ]
    for band, words in bands.items():
        holding = statistics.median(turns_holding(db_path, w) for w in words)
        times: dict[str, list[float]] = {label: [] for label, *_ in cases}
        for word in words:
            for _, app, path in cases:
                await timed(app.client, path.format(w=word), warm_up=True)
            for _ in range(repeat):
                for label, app, path in cases:
                    times[label].append(await timed(app.client, path.format(w=word)))
        for label, values in times.items():
            print(
                f"| {band} ({holding:,.0f}) | {label} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} |"
            )

    print("\nFiltered searches on the search page (JSON), milliseconds:\n")
    print("| search | p50 | p95 |")
    print("| --- | ---: | ---: |")
    filtered = [
        ("a word alone (the words below)", ["q=maatwerk", "q=huurders", "q=wijk", "q=samen"]),
        ("a theme alone (browse)", ["thema=maatwerk", "thema=schuldhulp", "thema=leefbaarheid", "thema=doorstroming"]),
        (
            "a word and a theme",
            [
                "q=maatwerk&thema=wederkerigheid",
                "q=huurders&thema=schuldhulp",
                "q=wijk&thema=leefbaarheid",
                "q=samen&thema=doorstroming",
            ],
        ),
        ("a word and a speaker", ["q=maatwerk&spreker=Ad+Kok", "q=huurders&spreker=Noor+Visser"]),
        (
            "a word and an organisation",
            ["q=maatwerk&organisatie=gemeente+Amsterdam", "q=huurders&organisatie=Woonstichting+Utrecht"],
        ),
        (
            "a word and a conference",
            ["q=maatwerk&congres=Woonconferentie+2020", "q=gemeente&congres=Woonconferentie+2025"],
        ),
        ("a conference alone", ["congres=Woonconferentie+2020", "congres=Woonconferentie+2025"]),
        ("an organisation alone", ["organisatie=gemeente+Amsterdam", "organisatie=Woonstichting+Utrecht"]),
    ]
    for label, queries in filtered if "filtered" in sections else []:
        values = []
        for query in queries:
            await timed(ours.client, f"/-/gesprekken/zoeken.json?{query}")
            for _ in range(repeat):
                values.append(await timed(ours.client, f"/-/gesprekken/zoeken.json?{query}"))
        print(f"| {label} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} |")

    print("\nPage render, milliseconds (p50 / p95 of", repeat * 4, "requests):\n")
    print("| page | gesprekken | plain Datasette |")
    print("| --- | ---: | ---: |")
    pages = [
        (
            "a conversation (gesprekken: the article page; plain: its row page)",
            f"/-/gesprekken/gesprek/{some_conversation}",
            f"/{name}/conversations/{some_conversation}",
        ),
        (
            "the turns of one conversation, HTML",
            f"/{name}/turns?conversation_id={some_conversation}",
            f"/{name}/turns?conversation_id={some_conversation}",
        ),
        ("the quotes table, first page, with facets", f"/{name}/quotes", f"/{name}/quotes"),
        ("the index page", "/", "/"),
    ]
    for label, our_path, plain_path in pages if "pages" in sections else []:
        await timed(ours.client, our_path)
        await timed(plain.client, plain_path)
        mine, theirs = [], []
        for _ in range(repeat * 4):
            mine.append(await timed(ours.client, our_path))
            theirs.append(await timed(plain.client, plain_path))
        print(
            f"| {label} | {percentile(mine, 50):.1f} / {percentile(mine, 95):.1f} | "
            f"{percentile(theirs, 50):.1f} / {percentile(theirs, 95):.1f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only", nargs="+", default=["words", "filtered", "pages"], choices=["words", "filtered", "pages"]
    )
    args = parser.parse_args()
    if not args.db.exists():
        print(f"{args.db} does not exist; make it with benchmarks/make_corpus.py", file=sys.stderr)
        return 1
    print(json.dumps({"python": sys.version.split()[0]}))
    asyncio.run(main_async(args.db, args.repeat, set(args.only)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
