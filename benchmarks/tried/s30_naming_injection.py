# ruff: noqa  (a helper's script, kept as it ran)
"""A helper's injection attack on session 30's naming rules (629d6d7, reverted), kept as it ran.

    PYTHONPATH=CHECKOUT python benchmarks/tried/s30_naming_injection.py > names.json   # CHECKOUT: a copy of
    python benchmarks/tried/s30_naming_compare.py before.json after.json               # gesprekken/ to test

Each sentence shape (TEMPLATES), naming the other participant, is put before the first turn of each voice of
every two-person spoken set, and every voice is named again (naming.name_speakers, no voice profiles); the
truth is aligned as in benchmarks/replay_naming.py. BENCHMARKS.md, "Twenty-seventh round", has the table.
"""

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import dataclasses

import yaml
from evaluation import aligned_speakers

from gesprekken import transcript
from gesprekken.naming import name_speakers


def voices_of(dialogue):
    written = yaml.safe_load(dialogue.read_text(encoding="utf-8"))
    heard = transcript.read(dialogue.parent / "transcripts" / f"{dialogue.stem}.md")
    votes = {}
    for truly, label in aligned_speakers(
        [(t["speaker"], t["text"]) for t in written["turns"]], [(t.speaker, t.text) for t in heard.turns]
    ):
        votes.setdefault(label, Counter())[truly] += 1
    return {label: c.most_common(1)[0][0] for label, c in votes.items()}


def first(n):
    return n.split()[0]


def orgtail(org):  # organisation without a leading article
    return org[4:] if org.lower().startswith("het ") or org.lower().startswith("de ") and False else org


TEMPLATES = {
    "r1-zitbij": lambda me, ot: f"{first(ot.name)}, ik zit bij {ot.organisation} regelmatig aan tafel.",
    "hoi-badge": lambda me, ot: f"Hoi, {first(ot.name)}, {ot.organisation}.",
    "hoi-ik": lambda me, ot: f"Hoi, {first(ot.name)}. Ik heb er zin in.",
    "r2-badge-q": lambda me, ot: f"{first(ot.name)}. {ot.organisation}, {ot.role}?",
    "r2-enjij": lambda me, ot: f"{first(ot.name)}, {ot.organisation}, en jij bent daar al jaren actief.",
    "r2-ja": lambda me, ot: f"{first(ot.name)}, ja, {ot.role}.",
    "r3-ownfirst": lambda me, ot: f"Hoi, {first(me.name)}, {ot.name}, {ot.organisation}, toch.",
    "r4-enjij": lambda me, ot: f"{ot.name}, en jij bent hier al vaker geweest.",
    "r5-stuk": lambda me, ot: f"Ik las het stuk van {ot.name}, van {ot.organisation}, ik ben het er helemaal mee eens.",
    "control-none": lambda me, ot: "Goedemiddag.",
}
out = []
t0 = time.time()
for dialogue in sorted((ROOT / "tests/data").glob("analyse-speech*/*.yaml")):
    md = dialogue.parent / "transcripts" / f"{dialogue.stem}.md"
    if not md.exists():
        continue
    conv = transcript.read(md)
    truth = voices_of(dialogue)
    people = conv.participants
    if len(people) != 2:
        continue
    base = {l: s.name for l, s in name_speakers(conv.turns, people).items()}
    out.append(
        {
            "conv": str(dialogue.relative_to(ROOT / "tests/data")),
            "tpl": "none",
            "voice": None,
            "names": base,
            "truth": truth,
        }
    )
    labels = list(dict.fromkeys(t.speaker for t in conv.turns))
    for voice in labels[:2]:
        me_name = truth.get(voice)
        me = next((p for p in people if p.name == me_name), None)
        if me is None:
            continue
        ot = next(p for p in people if p is not me)
        idx = next(i for i, t in enumerate(conv.turns) if t.speaker == voice)
        for tpl, make in TEMPLATES.items():
            turns = list(conv.turns)
            turns[idx] = dataclasses.replace(turns[idx], text=make(me, ot) + " " + turns[idx].text)
            try:
                names = {l: s.name for l, s in name_speakers(turns, people).items()}
            except Exception as e:
                names = {"error": repr(e)}
            out.append(
                {
                    "conv": str(dialogue.relative_to(ROOT / "tests/data")),
                    "tpl": tpl,
                    "voice": voice,
                    "names": names,
                    "truth": truth,
                }
            )
print(json.dumps(out))
print(f"{time.time() - t0:.0f}s", file=sys.stderr)
