"""A synthetic knowledge base for the serving benchmark: 10,000 conversations, one million turns.

    python benchmarks/make_corpus.py benchmarks/out/corpus.db            # 10,000 x 100 turns
    python benchmarks/make_corpus.py small.db --conversations 100        # a quick one

The schema is gesprekken's own (every migration applied, FTS triggers included). The text is
real Dutch: each turn strings together one to four sentences drawn from the analysis sets'
conversations (tests/data/analyse*), with their themes, so word frequencies are those of real
tweegesprekken; the small source makes every word more frequent than in a real corpus, which
makes full-text search slower, not faster. Names, organisations (places from the gazetteer)
and ten conferences are generated. Each conversation gets five quotes (one the headline) and
two action points. Word timings (the ``words`` table) are left out: nothing searches them.
Random but repeatable (``--seed``).
"""

import argparse
import json
import random
import re
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from gesprekken.storage import open_db

ROOT = Path(__file__).resolve().parent.parent
FIRST = [
    "Marloes",
    "Joost",
    "Fatma",
    "Ad",
    "Eline",
    "Mohamed",
    "Sanne",
    "Pieter",
    "Anouk",
    "Youssef",
    "Ingrid",
    "Bas",
    "Noor",
    "Kees",
    "Lotte",
    "Ahmed",
    "Petra",
    "Thijs",
    "Esther",
    "Ruud",
    "Naima",
    "Wim",
    "Iris",
    "Sem",
]
LAST = [
    "de Boer",
    "van der Heijden",
    "Yilmaz",
    "Kok",
    "Prins",
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Jong",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "El Amrani",
    "Öztürk",
    "van Dijk",
    "Willems",
    "Hoekstra",
    "Postma",
    "Kuipers",
    "Veenstra",
    "Schouten",
]
ROLES = [
    "directeur-bestuurder",
    "sectormanager wonen",
    "adviseur",
    "wethouder",
    "beleidsmedewerker",
    "voorzitter",
    "projectleider",
    "wijkconsulent",
    "manager sociaal domein",
    "directeur",
]
KINDS = ["Woonstichting", "Woningcorporatie", "gemeente", "Huurdersvereniging", "Stichting Welzijn", "GGD"]


def sentences() -> list[tuple[str, list[str]]]:
    """Every sentence of the analysis sets, with the themes of its turn."""
    found = []
    for path in sorted((ROOT / "tests/data").glob("analyse*/*.yaml")):
        for turn in yaml.safe_load(path.read_text(encoding="utf-8"))["turns"]:
            for sentence in re.split(r"(?<=[.?!])\s+", turn["text"]):
                if sentence.strip():
                    found.append((sentence.strip(), list(turn.get("themes") or [])))
    return found


def places() -> list[str]:
    lines = (ROOT / "gesprekken/data/places-nl.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line]
    return [name for name, population, *_ in sorted(rows, key=lambda r: -int(r[1]))][:400]  # the largest


def build(path: Path, conversations: int, turns_per: int, seed: int) -> dict:
    rng = random.Random(seed)
    pool = sentences()
    towns = places()
    organisations = [f"{kind} {town}" for town in towns for kind in KINDS]
    if path.exists():
        path.unlink()
    open_db(path).conn.close()  # the schema, by gesprekken's own migrations
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    theme_ids = [row[0] for row in db.execute("SELECT id FROM themes")]
    if not theme_ids:
        thesaurus = yaml.safe_load((ROOT / "gesprekken/data/thesaurus.yaml").read_text(encoding="utf-8"))["themes"]
        db.executemany(
            "INSERT INTO themes (id, label, description, related) VALUES (?, ?, ?, ?)",
            [(t["id"], t["label"], t["description"], json.dumps(t.get("related") or [])) for t in thesaurus],
        )
        theme_ids = [t["id"] for t in thesaurus]
    known = set(theme_ids)
    started = time.perf_counter()
    counts = {"turns": 0, "quotes": 0, "action_points": 0}
    for c in range(conversations):
        cid = f"{c:012x}"
        year = 2017 + c % 10
        conference = f"Woonconferentie {year}"
        people = []
        for _ in range(2):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            people.append((f"{cid}-{len(people)}", name, rng.choice(ROLES), rng.choice(organisations)))
        turns, turn_themes, quotes, quote_themes, actions, action_themes = [], [], [], [], [], []
        clock = 0.0
        for seq in range(turns_per):
            pid, name, _, organisation = people[seq % 2]
            picked = [rng.choice(pool) for _ in range(rng.randint(1, 4))]
            text = " ".join(s for s, _ in picked)
            themes = sorted({t for _, ts in picked for t in ts if t in known})
            length = 2.5 * len(picked) + rng.random() * 4
            tid = f"{cid}-{seq:04d}"
            turns.append(
                (tid, cid, seq, name, pid, clock, clock + length, text, organisation, conference, json.dumps(themes))
            )
            turn_themes += [(tid, t) for t in themes]
            if seq % 20 == 3 and len(quotes) < 5 or seq == turns_per - 1 and len(quotes) < 5:
                qid = f"{cid}-q{len(quotes) + 1:03d}"
                sentence, qthemes = picked[0]
                qthemes = sorted({t for t in qthemes if t in known})
                quotes.append(
                    (
                        qid,
                        cid,
                        tid,
                        name,
                        organisation,
                        sentence,
                        json.dumps(qthemes),
                        clock,
                        clock + 2.5,
                        1.0 - len(quotes) / 10,
                        len(quotes) + 1,
                        int(not quotes),
                        conference,
                    )
                )
                quote_themes += [(qid, t) for t in qthemes]
            if seq % 50 == 7:
                aid = f"{cid}-a{len(actions) + 1:03d}"
                sentence, athemes = picked[-1]
                athemes = sorted({t for t in athemes if t in known})
                actions.append(
                    (
                        aid,
                        cid,
                        tid,
                        name,
                        organisation,
                        sentence,
                        json.dumps(athemes),
                        clock,
                        clock + 2.5,
                        organisation,
                        conference,
                    )
                )
                action_themes += [(aid, t) for t in athemes]
            clock += length + 0.3
        headline = quotes[0][5] if quotes else None
        # The conversation's own themes, as the analysis ranks them: the six said most often.
        ranked = Counter(t for _, t in turn_themes).most_common(6)
        db.execute(
            "INSERT INTO conversations (id, title, conference, date, recording, recording_sha256, duration, "
            "language, transcript_file, transcription, headline, status, themes) "
            "VALUES (?, ?, ?, ?, '', '', ?, 'nl', '', '{}', ?, 'published', ?)",
            [
                cid,
                f"Tweegesprek {c + 1}: {people[0][1]} en {people[1][1]}",
                conference,
                f"{year}-11-{1 + c % 28:02d}",
                clock,
                headline,
                json.dumps([t for t, _ in ranked]),
            ],
        )
        db.executemany(
            "INSERT INTO conversation_themes (conversation_id, theme, score, rank) VALUES (?, ?, ?, ?)",
            [(cid, t, n / len(turns), rank) for rank, (t, n) in enumerate(ranked, start=1)],
        )
        db.executemany(
            "INSERT INTO participants (id, conversation_id, name, role, organisation, status) "
            "VALUES (?, ?, ?, ?, ?, 'published')",
            [(p[0], cid, *p[1:]) for p in people],
        )
        db.executemany(
            'INSERT INTO turns (id, conversation_id, seq, speaker, participant_id, start, "end", text, organisation, '
            "conference, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            turns,
        )
        db.executemany("INSERT INTO turn_themes (turn_id, theme_id) VALUES (?, ?)", turn_themes)
        db.executemany(
            "INSERT INTO quotes (id, conversation_id, turn_id, speaker, organisation, text, themes, start, "
            '"end", score, rank, headline, conference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            quotes,
        )
        db.executemany("INSERT INTO quote_themes (quote_id, theme_id) VALUES (?, ?)", quote_themes)
        db.executemany(
            "INSERT INTO action_points (id, conversation_id, turn_id, speaker, organisation, text, themes, "
            'start, "end", who, conference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            actions,
        )
        db.executemany("INSERT INTO action_point_themes (action_point_id, theme_id) VALUES (?, ?)", action_themes)
        counts["turns"] += len(turns)
        counts["quotes"] += len(quotes)
        counts["action_points"] += len(actions)
        if c % 1000 == 999:
            db.commit()
            print(
                f"  {c + 1} conversations, {counts['turns']} turns, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
    db.commit()
    db.execute("PRAGMA journal_mode = WAL")  # as gesprekken leaves its database
    db.execute("ANALYZE")
    db.close()
    return {
        "conversations": conversations,
        **counts,
        "seconds": round(time.perf_counter() - started, 1),
        "bytes": path.stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=100, help="turns per conversation")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    args.path.parent.mkdir(parents=True, exist_ok=True)
    print(json.dumps(build(args.path, args.conversations, args.turns, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
