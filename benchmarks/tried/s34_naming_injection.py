# ruff: noqa  (an attack script, kept as it ran)
"""The lead's injection attack on session 34's naming rule N (one's full name, then at once one's own role, is
one's own), kept as it ran: s31_naming_injection.py's loop with its own templates, the *other* participant's full
name with their role or organisation said in one's opening (a badge read, a recognition, a contrast, a welcome);
the sets still held out (bench_speech.HELD_OUT) left out (heldout59-62 when it first ran; its run after the
reviewer's narrowing read heldout63 before this line was fixed, and those rows were dropped unread). BENCHMARKS.md, "Thirty-first round", has the table. Run as the s30 script:

    PYTHONPATH=CHECKOUT python benchmarks/tried/s34_naming_injection.py > names.json   # CHECKOUT: a copy of
    python benchmarks/tried/s30_naming_compare.py before.json after.json               # gesprekken/ to test

Each template is put before the first turn of each voice of every two-person spoken set, and every voice is
named again (naming.name_speakers, no voice profiles); the truth is aligned as in benchmarks/replay_naming.py.
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
from bench_speech import HELD_OUT
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


def full(p):
    return p.name


TEMPLATES = {
    "control-none": lambda me, ot: "Goedemiddag.",
    "fn-role": lambda me, ot: f"{full(ot)}, {ot.role}.",
    "fn-org": lambda me, ot: f"{full(ot)}, {ot.organisation}.",
    "zo-fn-org": lambda me, ot: f"Zo, {full(ot)}, {ot.organisation}.",
    "o-fn-org-then": lambda me, ot: f"O, {full(ot)}, {ot.organisation}. Dat is lang geleden.",
    "ja-fn-role-then": lambda me, ot: f"Ja, {full(ot)}, {ot.role} bij {ot.organisation}. Die naam kende ik al.",
    "fn-org-ik-ken": lambda me, ot: f"{full(ot)}, {ot.organisation}, ik ken je naam.",
    "fn-org-wat-leuk": lambda me, ot: f"{full(ot)}, {ot.organisation}, wat leuk.",
    "fn-org-dacht": lambda me, ot: f"{full(ot)}, {ot.organisation}, dat dacht ik al.",
    "badge-sentences-full": lambda me, ot: f"{full(ot)}. {ot.organisation}. {ot.role}.",
    "maar-fn-die": lambda me, ot: f"Maar {full(ot)}, {ot.organisation}, die ken ik.",
    "fn-role-badge": lambda me, ot: f"{full(ot)}, {ot.role}, zegt je badge.",
    "en-fn-org": lambda me, ot: f"En {full(ot)}, {ot.organisation}.",
    "oke-fn-role": lambda me, ot: f"Oké, {full(ot)}, {ot.role}. Mooi.",
    "precies-fn-role-lees": lambda me, ot: f"Precies, {full(ot)}, {ot.role}, lees ik.",
    "fn-ik-ben-blij": lambda me, ot: f"{full(ot)}, ik ben blij dat je er bent.",
}
out = []
t0 = time.time()
for dialogue in sorted((ROOT / "tests/data").glob("analyse-speech*/*.yaml")):
    if dialogue.parent.name.removeprefix("analyse-speech-") in HELD_OUT:
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
