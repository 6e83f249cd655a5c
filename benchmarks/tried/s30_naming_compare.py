# ruff: noqa  (a helper's script, kept as it ran)
"""Compare two runs of s30_naming_injection.py: per shape, right/unnamed/wrong before and after."""

import json
import sys
from collections import Counter, defaultdict

B = json.load(open(sys.argv[1]))
A = json.load(open(sys.argv[2]))
key = lambda r: (r["conv"], r["tpl"], r["voice"])
bd = {key(r): r for r in B}
stats = defaultdict(lambda: Counter())
examples = defaultdict(list)
for ra in A:
    rb = bd[key(ra)]
    truth = ra["truth"]
    for tag, r in (("before", rb), ("after", ra)):
        for label, name in r["names"].items():
            if name is None:
                stats[(ra["tpl"], tag)]["unnamed"] += 1
            elif name == truth.get(label):
                stats[(ra["tpl"], tag)]["right"] += 1
            else:
                stats[(ra["tpl"], tag)]["wrong"] += 1
    newly = [l for l, n in ra["names"].items() if n is not None and n != truth.get(l) and rb["names"].get(l) != n]
    if newly:
        examples[ra["tpl"]].append((ra["conv"], ra["voice"], newly))
    fixed = [l for l, n in rb["names"].items() if n is not None and n != truth.get(l) and ra["names"].get(l) != n]
    if fixed:
        examples[ra["tpl"] + "-FIXED"].append((ra["conv"], ra["voice"], fixed))
tpls = list(dict.fromkeys(r["tpl"] for r in A))
print(
    "| template | voices | before right/unnamed/wrong | after right/unnamed/wrong | voices newly wrong | conversations |"
)
for t in tpls:
    b, a = stats[(t, "before")], stats[(t, "after")]
    n = len([r for r in A if r["tpl"] == t])
    print(
        f"| {t} | {sum(a.values())} | {b['right']}/{b['unnamed']}/{b['wrong']} | {a['right']}/{a['unnamed']}/{a['wrong']} | {sum(len(x[2]) for x in examples[t])} | {n} |"
    )
for t in examples:
    print(t, len(examples[t]), examples[t][:4])
