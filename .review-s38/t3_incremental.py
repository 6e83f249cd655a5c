import sys, sqlite3; sys.path.insert(0, "/tmp/review-hold")
from harness import *
from gesprekken import Workspace
ws = fresh("ws3")
w = Workspace(ws / "transcripts", db=ws / "gesprekken.db")
public = w.public_copy()   # whole build, everyone published
def marloes_public(p):
    with sqlite3.connect(p) as db:
        return db.execute("SELECT count(*) FROM turns WHERE speaker='Marloes van der Heijden'").fetchone()[0], \
               db.execute("SELECT count(*) FROM speakers").fetchone()[0]
print("before: Marloes turns in public copy, speakers rows in copy:", marloes_public(public))
r = run(ws, "publication", CID[:8], "withdrawn", "--participant", "Joost de Boer", "--yes"); print(r.exit_code)
compare(ws, "editors db after withdrawal")
w = Workspace(ws / "transcripts", db=ws / "gesprekken.db")
inc = w.public_copy(incremental=True)
print("after incremental update: Marloes turns, speakers rows:", marloes_public(inc))
import shutil; shutil.copy(inc, "/tmp/review-hold/ws3-incremental.db")
whole = w.public_copy()
print("after whole build:        Marloes turns, speakers rows:", marloes_public(whole))
