"""Speak openings of the naming openings set and name their voices after Whisper and diarization.

    python benchmarks/speak_naming_openings.py tests/data/naming-openings/dev/01-voornaam.yaml ...

Each dialogue is spoken with espeak-ng and MBROLA (``scripts/speak.py``) and ingested by
:class:`gesprekken.Workspace` in a workspace of its own, with its conversation from the part's
programme (Whisper base, the programme's prompt, diarization, naming: what a user gets). Prints
Whisper's turns, to see how it writes the names, and each voice's name against its true speaker
(the speaker whose words the voice's words match best, as in ``rename_spoken_sets.py``).
"""

import argparse
import sys
import tempfile
from pathlib import Path

import yaml
from rename_spoken_sets import truth

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dialogues", nargs="+", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    from speak import speak_dialogue

    from gesprekken import Workspace

    for path in args.dialogues:
        dialogue = yaml.safe_load(path.read_text(encoding="utf-8"))
        programme = yaml.safe_load((path.parent / "programme.yaml").read_text(encoding="utf-8"))
        entry = next(c for c in programme["conversations"] if Path(c["recording"]).stem == path.stem)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            recording = work / "recordings" / f"{path.stem}.mp3"
            recording.parent.mkdir()
            speak_dialogue(dialogue, recording)
            (work / "programme.yaml").write_text(
                yaml.safe_dump({"conference": programme["conference"], "conversations": [entry]}, allow_unicode=True),
                "utf-8",
            )
            workspace = Workspace(work / "transcripts", db=work / "gesprekken.db", recordings=recording.parent)
            report = workspace.ingest([recording], work / "programme.yaml")
            if report.failures:
                raise SystemExit(f"{recording}: {report.failures[0][1]}")
            conversation = workspace.read(report.outcomes[0].conversation_id)
            workspace.close()
        label_of = {s.name or s.label: s.label for s in conversation.speakers}
        named = {s.label: s for s in conversation.speakers}
        true = truth(conversation, dialogue["turns"], label_of)
        print(f"## {path.stem}")
        for turn in conversation.turns:
            print(f"  [{turn.speaker}] {turn.text}")
        for label, speaker in true.items():
            gold = dialogue["naming"]["gold"][speaker]
            given = named[label].name
            outcome = (
                "right" if given in (gold, speaker) and (given or not gold) else "unnamed" if given is None else "wrong"
            )
            print(f"  {label}: {given} ({named[label].confidence:.2f}) - true {speaker}, gold {gold}: {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
