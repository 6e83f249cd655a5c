# ruff: noqa  (a helper's script, kept as it ran)
"""A helper's injection attack on session 31's naming change 7898766 (reverted), kept as it ran but for its root
(it had /work/main written in): s30_naming_injection.py's loop with its own templates, the listener's organisation
said in passing and the other's badge read; heldout49-50, then held out, left out. BENCHMARKS.md, "Twenty-eighth
round", sums it up. Run as the s30 script:

    PYTHONPATH=CHECKOUT python benchmarks/tried/s31_naming_injection.py > names.json   # CHECKOUT: a copy of
    python benchmarks/tried/s30_naming_compare.py before.json after.json               # gesprekken/ to test

Each sentence shape (TEMPLATES), naming the other participant, is put before the first turn of each voice of
every two-person spoken set, and every voice is named again (naming.name_speakers, no voice profiles); the
truth is aligned as in benchmarks/replay_naming.py.
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


from gesprekken import naming as _naming
import gesprekken as _g

print("gesprekken from", _g.__file__, file=sys.stderr)


def K(p):  # the participant's side as said at the table: "de gemeente", "de corporatie"; else the organisation
    kinds = _naming._person(p).kinds
    if len(kinds) == 1:
        return "de " + _naming.KINDS[next(iter(kinds))]["words"][0]
    return p.organisation


TEMPLATES = {
    # clause 2 misread: the speaker's OWN side after "jij/u bent|werkt|zit|komt van|bij|voor"
    "rep-mensen": lambda me, ot: f"Mensen zeggen dan: jij bent van {K(me)}, jij komt controleren.",
    "rep-collega": lambda me, ot: f"Mijn collega zei nog: jij bent toch van {K(me)}, regel het gewoon.",
    "u-adres": lambda me, ot: f"Wij zeggen altijd: u bent bij {K(me)} aan het goede adres.",
    "voor-partner": lambda me, ot: f"{first(ot.name)}, jij bent voor {K(me)} echt een belangrijke partner.",
    "voor-partner-noname": lambda me, ot: f"Jij bent voor {K(me)} echt een belangrijke partner.",
    "geweest": lambda me, ot: f"{first(ot.name)}, jij bent toch ook bij {K(me)} geweest, vorige week.",
    "komt-bij": lambda me, ot: f"{first(ot.name)}, jij komt toch ook bij {K(me)} op het overleg.",
    "zit-aan-tafel": lambda me, ot: f"Jij zit bij {K(me)} ook aan tafel, in het overleg.",
    "werkt-voor": lambda me, ot: f"Jij werkt eigenlijk ook voor {K(me)}, wij betalen dat.",
    # clause 2 used rightly: the OTHER's side
    "ctl-jijbent-ot": lambda me, ot: f"En jij bent toch van {K(ot)}.",
    "ctl-name-jijbent-ot": lambda me, ot: f"{first(ot.name)}, en jij bent toch van {K(ot)}.",
    # clause 1: the other's name and badge, said to them without greeting
    "aha-badge": lambda me, ot: f"Aha, {first(ot.name)}, {ot.organisation}.",
    "badge-sentences": lambda me, ot: f"{first(ot.name)}. {ot.organisation}. {ot.role}.",
    "van-welkom": lambda me, ot: f"{first(ot.name)} van {ot.organisation}, welkom.",
    "zo-badge-je": lambda me, ot: f"Zo, {first(ot.name)}, {ot.organisation}. Goed dat je er bent.",
    "oke-role": lambda me, ot: f"Oké {first(ot.name)}, {ot.role}. Dan begin ik wel.",
    # clause 1's own case: one's own name and badge
    "own-badge": lambda me, ot: f"{first(me.name)}, {me.organisation}, {me.role}.",
    "control-none": lambda me, ot: "Goedemiddag.",
}
out = []
t0 = time.time()
for dialogue in sorted((ROOT / "tests/data").glob("analyse-speech*/*.yaml")):
    if dialogue.parent.name in ("analyse-speech-heldout49", "analyse-speech-heldout50"):
        continue  # held out: not run here
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
