import sys, sqlite3; sys.path.insert(0, "/tmp/review-hold")
from harness import *
from gesprekken import Workspace
from gesprekken.publish import public_path
ws = fresh("ws3b")
Workspace(ws / "transcripts", db=ws / "gesprekken.db").public_copy()   # as `serve --public` makes it at start
pub = public_path(ws / "gesprekken.db")
q = "SELECT speaker, substr(text,1,50) FROM turns ORDER BY seq"
print("public copy before:", sqlite3.connect(pub).execute(q).fetchall())
r = run(ws, "publication", CID[:8], "withdrawn", "--participant", "Joost de Boer", "--yes")
print("exit", r.exit_code, "| output mentions public copy:", [l for l in r.output.splitlines() if "public" in l.lower()][:3])
print("public copy right after the CLI (no other step):", sqlite3.connect(pub).execute(q).fetchall())
print("python published_for(Marloes):", read(path(ws)).published_for("Marloes van der Heijden"))
