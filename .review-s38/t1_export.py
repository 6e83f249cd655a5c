import sys; sys.path.insert(0, "/tmp/review-hold")
from harness import *
ws = fresh("ws1")
r = run(ws, "publication", CID[:8], "withdrawn", "--participant", "Joost de Boer", "--yes"); print(r.exit_code, r.output[-600:])
compare(ws, "Joost withdrawn, Marloes automatic")
print("export (publishable) speakers:", export_speakers(ws))
print("Python published_for(Marloes):", read(path(ws)).published_for("Marloes van der Heijden"))
