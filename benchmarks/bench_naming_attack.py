"""Naming on an attack's spoken conversations (sessions 58, 59): who is named under each turn, and is it public.

    python benchmarks/bench_naming_attack.py            # about 5 minutes on two cores
    python benchmarks/bench_naming_attack.py -v         # every turn
    python benchmarks/bench_naming_attack.py --set s59  # session 59's ten conversations
    python benchmarks/bench_naming_attack.py --written  # the dialogues as written, each turn one voice: seconds

Each dialogue in ``benchmarks/naming-attack-s58/`` (written by a helper who attacked the naming: a host presenting
guests, an answer to "Wie heeft dat bedacht?", a question about one's own organisation, a former employer, a second
session of the same pair, two people with one first name, ...) is spoken with ``scripts/speak.py`` (MBROLA nl2/nl3)
and ingested with its programme (``programma.yaml``: everyone published) by ``gesprekken ingest``, one after another
in one workspace, as an organiser would; then h02 and h08 alone in a second one (h02's voices as profiles for h08,
the second session of the same pair). Each turn's heading is scored against who said most of its words (by the
words' times and the spoken turns'): right, held (a voice left unnamed: kept from the public), or WRONG (another
participant's name: public, since all are published). The moderators of h01 and h09 are on no programme: unnamed is
right for them.

Session 59's set (``naming-attack-s59/``, ten conversations: a quoted self-introduction, a host presenting both
guests in the other order than they speak, a stand-in who corrects the welcome, two men called Bas, "Wil je ...?"
said by Wil, a name misspelt in the programme, the other's name said in every turn, two De Vrieses introduced by
surname, a joking wrong self-introduction) is scored the same way, i09 then i10 (its second session) alone in the
second workspace. Off its programme: the moderator of i02 and Joost Mulder, who came for Erik Smit in i03.
``--written`` names the written turns (:func:`gesprekken.naming.name_speakers`, each written speaker one voice,
no profiles): the rules alone, without Whisper or diarization.

Session 60's set (``naming-attack-s60/``, ten conversations, no second session): a participant presenting the other
("Naast mij zit ..."), a speaker addressing himself in a thought and naming himself in the third person, a namesake
greeted in the audience, a moderator off the programme with a participant's first name, surnames that are words
("de boer op", "om de hoek"), Jansen and Janssen, "ik ben het met ... eens", two names that sound alike, an
introduction in English, a wrong name corrected. Off its programme: the moderator of k04.

Session 61's set (``naming-attack-s61/``, ten conversations, no second session): two men called Sander de Haan and
Sander de Haas, "ik ben" and the other's name with more after it ("erg erkentelijk", "een etentje schuldig"),
greetings passed on from a listed participant who is absent, a stand-in named by the other, a third participant
joining late, a moderator presenting both, first names only, a pronunciation corrected, the other's name said in
every turn, a badge's wrong name taken back. Off its programme: the moderators of m06 and m08, and Wim de Groot,
who came for Peter Bakker in m04.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from speak import speak_dialogue  # noqa: E402

from gesprekken import programme, transcript  # noqa: E402
from gesprekken.naming import name_speakers  # noqa: E402

#: Per set: its folder, the two conversations ingested alone in a second workspace (a first session and its second),
#: the voices of no participant (unnamed is right) and spoken names the programme spells otherwise. Sessions 60's
#: and 61's sets have no second session.
SETS = {
    "s58": ("naming-attack-s58", ["h02-wie-bedacht", "h08-tweede-sessie"], {"Gespreksleider"}, {}),
    "s59": (
        "naming-attack-s59",
        ["i09-verkeerd-voorgesteld", "i10-tweede-sessie"],
        {"Gespreksleider", "Joost Mulder"},
        {"Johan Smit": "Johan Smits"},
    ),
    "s60": ("naming-attack-s60", [], {"Gespreksleider"}, {}),
    "s61": ("naming-attack-s61", [], {"Gespreksleider", "Wim de Groot"}, {}),
}
SET = ROOT / "benchmarks" / "naming-attack-s58"
OFF_PROGRAMME: set[str] = set()
ALIASES: dict[str, str] = {}


def verdict(named: str | None, true: str | None) -> str:
    """right, held or WRONG for a turn named ``named`` (None: unnamed) that ``true`` said."""
    true = ALIASES.get(true, true)
    if true in OFF_PROGRAMME:
        return "right" if named is None else "WRONG"
    return "held" if named is None else "right" if named == true else "WRONG"


def written(stems: list[str], verbose: bool) -> Counter:
    """Name each written dialogue's turns, each written speaker one voice: the rules alone."""
    listed = {Path(e.recording).stem: e for e in programme.read_programme(SET / "programma.yaml").entries}
    total = Counter()
    for stem in stems:
        dialogue = yaml.safe_load((SET / f"{stem}.yaml").read_text())
        labels = {s: f"Spreker {n}" for n, s in enumerate(dict.fromkeys(t["speaker"] for t in dialogue["turns"]), 1)}
        said = [
            transcript.Turn(labels[t["speaker"]], n * 5.0, n * 5.0 + 4, t["text"])
            for n, t in enumerate(dialogue["turns"])
        ]
        named = name_speakers(said, listed[stem].participants)
        counts = Counter()
        for t in dialogue["turns"]:
            counts[verdict(named[labels[t["speaker"]]].name, t["speaker"])] += 1
        if verbose:
            for speaker, label in labels.items():
                print(f"   {label} {speaker:16s} named {named[label].name}")
        print(f"{stem}: {dict(counts)}")
        total.update(counts)
    return total


def ingest(workspace: Path, stems: list[str], recordings: Path) -> None:
    (workspace / "recordings").mkdir(parents=True)
    (workspace / "programma.yaml").write_bytes((SET / "programma.yaml").read_bytes())
    for stem in stems:
        (workspace / "recordings" / f"{stem}.wav").write_bytes((recordings / f"{stem}.wav").read_bytes())
        command = [str(Path(sys.executable).parent / "gesprekken"), "ingest", "--quiet", f"recordings/{stem}.wav"]
        # the ingest runs in the workspace: a relative PYTHONPATH ("PYTHONPATH=..") would name another folder there
        # and measure the installed gesprekken instead of this checkout's
        path = os.pathsep.join(str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "PYTHONPATH": path}
        subprocess.run([*command, "-p", "programma.yaml"], cwd=workspace, check=True, capture_output=True, env=env)


def score(workspace: Path, truths: dict[str, list[dict]], verbose: bool) -> Counter:
    total = Counter()
    for path in sorted((workspace / "transcripts").glob("*.md")):
        conversation = transcript.read(path)
        truth = truths[Path(conversation.recording).stem]
        counts = Counter()
        for turn in conversation.turns:
            votes = Counter()
            for word in turn.words:
                middle = (word.start + word.end) / 2
                said = min(
                    truth,
                    key=lambda t: (
                        0 if t["start"] <= middle <= t["end"] else min(abs(middle - t["start"]), abs(middle - t["end"]))
                    ),
                )  # noqa: E501
                votes[said["speaker"]] += 1
            true = votes.most_common(1)[0][0] if votes else None
            said = verdict(None if transcript.is_voice_label(turn.speaker) else turn.speaker, true)
            counts[said] += 1
            if verbose:
                print(f"   [{turn.start:6.2f}] {turn.speaker:22s} said by {true!s:18s} {said}")
        print(f"{Path(conversation.recording).stem}: {dict(counts)}")
        total.update(counts)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--set", choices=SETS, default="s58")
    parser.add_argument("--written", action="store_true", help="name the written turns only (no speech, no Whisper)")
    args = parser.parse_args()
    verbose = args.verbose
    global SET, OFF_PROGRAMME, ALIASES
    folder, second, OFF_PROGRAMME, ALIASES = SETS[args.set]
    SET = ROOT / "benchmarks" / folder
    stems = sorted(p.stem for p in SET.glob("[a-z][0-9]*.yaml"))
    if args.written:
        print("written:", json.dumps(dict(written(stems, verbose))))
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        recordings, truths = work / "recordings", {}
        recordings.mkdir()
        for stem in stems:
            truths[stem] = speak_dialogue(
                yaml.safe_load((SET / f"{stem}.yaml").read_text()), recordings / f"{stem}.wav"
            )
        ingest(work / "een", stems, recordings)
        print(f"one workspace, all {len(stems)}:", json.dumps(dict(score(work / "een", truths, verbose))))
        if not second:
            return
        ingest(work / "twee", second, recordings)
        print(f"{second[0][:3]} then {second[1][:3]} alone:", json.dumps(dict(score(work / "twee", truths, verbose))))


if __name__ == "__main__":
    main()
