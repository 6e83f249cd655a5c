import os, shutil, sqlite3, sys, tempfile
from pathlib import Path
from click.testing import CliRunner
from gesprekken.cli import cli
from gesprekken.transcript import read
from gesprekken.publish import withheld_turns

SRC = Path("/tmp/pytest-of-root/pytest-40/sample-workspace")
CID = "1ef18611f54b"

def fresh(name):
    ws = Path("/tmp/review-hold") / name
    if ws.exists():
        shutil.rmtree(ws)
    shutil.copytree(SRC, ws)
    return ws

def run(ws, *args):
    old = os.getcwd(); os.chdir(ws)
    try:
        r = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return r

def path(ws):
    return next((ws / "transcripts").glob("*.md"))

def compare(ws, label=""):
    c = read(path(ws))
    with sqlite3.connect(ws / "gesprekken.db") as db:
        held = withheld_turns(db, [CID])
        rows = db.execute("SELECT id, speaker FROM turns WHERE conversation_id=? ORDER BY seq", [CID]).fetchall()
        spk = db.execute("SELECT label, name, confirmed FROM speakers WHERE conversation_id=?", [CID]).fetchall()
        parts = db.execute("SELECT name, status FROM participants WHERE conversation_id=?", [CID]).fetchall()
    print(f"== {label}: held_for_naming={c.held_for_naming()} speakers(db)={spk} participants(db)={parts}")
    bad = 0
    for tid, speaker in rows:
        py = c.published_for(speaker)
        sq = tid not in held
        flag = "" if py == sq else "  <-- DISAGREE"
        bad += bool(flag)
        print(f"  {tid[-4:]} {speaker!r:32} python_public={py!s:5} sql_public={sq!s:5} sql={held.get(tid)}{flag}")
    return c, held, bad

def export_speakers(ws):
    from gesprekken import Workspace
    w = Workspace(ws / "transcripts", db=ws / "gesprekken.db")
    try:
        parts, _ = w.exportable([CID], False)
    except Exception as e:
        return f"error {e}"
    return [sorted({t.speaker for t in p.turns}) for p in parts]
