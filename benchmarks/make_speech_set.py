"""Speak the spoken analysis sets and transcribe them with gesprekken's own ingest.

    python benchmarks/make_speech_set.py            # every set, transcripts written into place
    python benchmarks/make_speech_set.py tests/data/analyse-speech-heldout2   # one set

Each dialogue of ``tests/data/analyse-speech`` (dev), ``tests/data/analyse-speech-heldout`` (held
out, looked at once), ``tests/data/analyse-speech-heldout2`` (held out, seen),
``tests/data/analyse-speech-dev2`` (longer conversations, dev),
``tests/data/analyse-speech-heldout3`` (longer, held out),
``tests/data/analyse-speech-heldout4`` (ten-minute conversations by an editor who had not read the
rules, held out, clean), ``tests/data/analyse-speech-heldout5`` (a second such set by another
editor, held out for the next round), ``tests/data/analyse-speech-heldout6`` (a third, by a third
editor, held out: never scored unless named), ``tests/data/analyse-speech-heldout7`` (a fourth,
by a fourth editor, held out the same way), ``tests/data/analyse-speech-heldout8`` (a fifth, by
a fifth editor, held out the same way), ``tests/data/analyse-speech-heldout9`` and
``tests/data/analyse-speech-heldout10`` (by a sixth and a seventh editor, held out the same way),
``tests/data/analyse-speech-heldout11`` and ``tests/data/analyse-speech-heldout12`` (by an eighth
and a ninth editor, session 10, held out the same way), ``tests/data/analyse-speech-heldout13`` and
``tests/data/analyse-speech-heldout14`` (by a tenth and an eleventh, session 10),
``tests/data/analyse-speech-heldout15`` and ``tests/data/analyse-speech-heldout16`` (by a twelfth and a
thirteenth, session 11, held out), ``tests/data/analyse-speech-heldout17`` and
``tests/data/analyse-speech-heldout18`` (by a fourteenth and a fifteenth, session 12, held out),
``tests/data/analyse-speech-heldout19`` and ``tests/data/analyse-speech-heldout20`` (by a sixteenth and
a seventeenth, session 12, held out), ``tests/data/analyse-speech-heldout21`` and
``tests/data/analyse-speech-heldout22`` (by an eighteenth and a nineteenth, session 12, held out for the
next round), ``tests/data/analyse-speech-heldout23`` and ``tests/data/analyse-speech-heldout24`` (by a
twentieth and a twenty-first, session 13, scored once in session 14),
``tests/data/analyse-speech-heldout25`` and ``tests/data/analyse-speech-heldout26`` (by a twenty-second and
a twenty-third, session 14, held out for the round after), ``tests/data/analyse-speech-heldout27`` and
``tests/data/analyse-speech-heldout28`` (by a twenty-fourth and a twenty-fifth, session 15, scored once),
``tests/data/analyse-speech-heldout29`` and ``tests/data/analyse-speech-heldout30`` (by a twenty-sixth and a
twenty-seventh, session 15, scored once in session 16), ``tests/data/analyse-speech-heldout31`` and
``tests/data/analyse-speech-heldout32`` (by a twenty-eighth and a twenty-ninth, session 16, scored once),
``tests/data/analyse-speech-heldout33`` and ``tests/data/analyse-speech-heldout34`` (by a thirtieth and a
thirty-first, session 16, scored once in session 17), ``tests/data/analyse-speech-heldout35`` and
``tests/data/analyse-speech-heldout36`` (by a thirty-second and a thirty-third, session 18, held out),
``tests/data/analyse-speech-heldout37`` and ``tests/data/analyse-speech-heldout38`` (by a thirty-fourth and a
thirty-fifth, session 20, held out), ``tests/data/analyse-speech-heldout39`` and
``tests/data/analyse-speech-heldout40`` (by a thirty-sixth and a thirty-seventh, session 21, held out),
``tests/data/analyse-speech-heldout41`` and ``tests/data/analyse-speech-heldout42`` (by a thirty-eighth and a
thirty-ninth, session 24, scored once in session 27), ``tests/data/analyse-speech-heldout44`` (by a
forty-first, session 28, scored once at its end), ``tests/data/analyse-speech-heldout43`` (by a fortieth, session 28,
scored once in session 29), ``tests/data/analyse-speech-heldout45`` and
``-heldout46`` (by a forty-second and a forty-third, session 29, scored once at its end),
``-heldout47`` and ``-heldout48`` (by a forty-fourth and a forty-fifth, session 30, briefed in
``benchmarks/briefs/writer-s30.md``, scored once in it), ``-heldout49`` and ``-heldout50`` (by a forty-sixth
and a forty-seventh, session 31, briefed the same way, scored once in it), ``-heldout51`` and ``-heldout52``
(by a forty-eighth and a forty-ninth, session 32, briefed the same way, scored once in it), ``-heldout53`` and
``-heldout54`` (by a fiftieth and a fifty-first, session 32, scored once in it, judging a candidate), ``-heldout55``
and ``-heldout56`` (by a fifty-second and a fifty-third, session 32, held out until session 33 scored them once,
judging a candidate), ``-heldout57`` and ``-heldout58`` (by a fifty-fourth and a fifty-fifth, session 33, scored
once in it, judging a candidate), ``-heldout59`` to ``-heldout62`` (by four more writers, session 34, scored once in
it, judging two candidates), ``-heldout63`` and ``-heldout64`` (by two more, session 34, scored once in it),
``-heldout65`` and ``-heldout66`` (by two more, session 34, scored once in 35), ``-heldout67`` to ``-heldout70`` (by
four more, session 35, scored once in it and in session 36), ``-heldout71`` and ``-heldout72`` (by two more, session
36, scored once in 37), ``-heldout73`` and ``-heldout74`` (by two more, session 37, scored once in 39),
``-heldout75`` and ``-heldout76`` (by two more, session 39, held out) is spoken with espeak-ng
and MBROLA (``scripts/speak.py``; needs the mbrola binary and the nl2/nl3 voices),
ingested by :class:`gesprekken.Workspace` with its programme (Whisper base, vocabulary repair,
diarization and naming: what a user gets), and the transcript is copied to
``<set>/transcripts/<dialogue>.md``. The analysis is then scored on those transcripts by
``bench_speech.py``: what the analysis sees is Whisper's text, errors included.

Each conversation is ingested in a workspace of its own, as a first recording (the same few
synthetic voices would otherwise be recognised as the people of an earlier conversation). Each
recording's length and ingest wall time (Whisper's model load included) go to
``<set>/transcripts/ingest-times.json``, so that the benchmark can compare the analysis time with
the ingest time. Whisper's words differ a
little between CPUs (CTranslate2 picks AVX2 or AVX-512), so the shipped transcripts are the
reference; running this again rewrites them.
"""

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = (
    ROOT / "tests/data/analyse-speech",
    ROOT / "tests/data/analyse-speech-heldout",
    ROOT / "tests/data/analyse-speech-heldout2",
    ROOT / "tests/data/analyse-speech-dev2",
    ROOT / "tests/data/analyse-speech-heldout3",
    ROOT / "tests/data/analyse-speech-heldout4",
    ROOT / "tests/data/analyse-speech-heldout5",
    ROOT / "tests/data/analyse-speech-heldout6",
    ROOT / "tests/data/analyse-speech-heldout7",
    ROOT / "tests/data/analyse-speech-heldout8",
    ROOT / "tests/data/analyse-speech-heldout9",
    ROOT / "tests/data/analyse-speech-heldout10",
    ROOT / "tests/data/analyse-speech-heldout11",
    ROOT / "tests/data/analyse-speech-heldout12",
    ROOT / "tests/data/analyse-speech-heldout13",
    ROOT / "tests/data/analyse-speech-heldout14",
    ROOT / "tests/data/analyse-speech-heldout15",
    ROOT / "tests/data/analyse-speech-heldout16",
    ROOT / "tests/data/analyse-speech-heldout17",
    ROOT / "tests/data/analyse-speech-heldout18",
    ROOT / "tests/data/analyse-speech-heldout19",
    ROOT / "tests/data/analyse-speech-heldout20",
    ROOT / "tests/data/analyse-speech-heldout21",
    ROOT / "tests/data/analyse-speech-heldout22",
    ROOT / "tests/data/analyse-speech-heldout23",
    ROOT / "tests/data/analyse-speech-heldout24",
    ROOT / "tests/data/analyse-speech-heldout25",
    ROOT / "tests/data/analyse-speech-heldout26",
    ROOT / "tests/data/analyse-speech-heldout27",
    ROOT / "tests/data/analyse-speech-heldout28",
    ROOT / "tests/data/analyse-speech-heldout29",
    ROOT / "tests/data/analyse-speech-heldout30",
    ROOT / "tests/data/analyse-speech-heldout31",
    ROOT / "tests/data/analyse-speech-heldout32",
    ROOT / "tests/data/analyse-speech-heldout33",
    ROOT / "tests/data/analyse-speech-heldout34",
    ROOT / "tests/data/analyse-speech-heldout35",
    ROOT / "tests/data/analyse-speech-heldout36",
    ROOT / "tests/data/analyse-speech-heldout37",
    ROOT / "tests/data/analyse-speech-heldout38",
    ROOT / "tests/data/analyse-speech-heldout39",
    ROOT / "tests/data/analyse-speech-heldout40",
    ROOT / "tests/data/analyse-speech-heldout41",
    ROOT / "tests/data/analyse-speech-heldout42",
    ROOT / "tests/data/analyse-speech-heldout43",
    ROOT / "tests/data/analyse-speech-heldout44",
    ROOT / "tests/data/analyse-speech-heldout45",
    ROOT / "tests/data/analyse-speech-heldout46",
    ROOT / "tests/data/analyse-speech-heldout47",
    ROOT / "tests/data/analyse-speech-heldout48",
    ROOT / "tests/data/analyse-speech-heldout49",
    ROOT / "tests/data/analyse-speech-heldout50",
    ROOT / "tests/data/analyse-speech-heldout51",
    ROOT / "tests/data/analyse-speech-heldout52",
    ROOT / "tests/data/analyse-speech-heldout53",
    ROOT / "tests/data/analyse-speech-heldout54",
    ROOT / "tests/data/analyse-speech-heldout55",
    ROOT / "tests/data/analyse-speech-heldout56",
    ROOT / "tests/data/analyse-speech-heldout57",
    ROOT / "tests/data/analyse-speech-heldout58",
    ROOT / "tests/data/analyse-speech-heldout59",
    ROOT / "tests/data/analyse-speech-heldout60",
    ROOT / "tests/data/analyse-speech-heldout61",
    ROOT / "tests/data/analyse-speech-heldout62",
    ROOT / "tests/data/analyse-speech-heldout63",
    ROOT / "tests/data/analyse-speech-heldout64",
    ROOT / "tests/data/analyse-speech-heldout65",
    ROOT / "tests/data/analyse-speech-heldout66",
    *(ROOT / f"tests/data/analyse-speech-heldout{n}" for n in range(67, 77)),
)


def programme_for(dialogues: list[tuple[Path, dict]]) -> dict:
    return {
        "conference": "Gesproken analyseset",
        "conversations": [
            {
                "title": dialogue["title"],
                "recording": f"{path.stem}.mp3",
                "date": str(dialogue.get("date", "")),
                "participants": dialogue["participants"],
            }
            for path, dialogue in dialogues
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=list(SETS), help="folders of dialogue YAML files")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the conversations a run stopped before the end already spoke (transcript and ingest time both)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    from speak import speak_dialogue

    from gesprekken import Workspace

    for folder in args.sets:
        dialogues = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.yaml"))]
        out = folder / "transcripts"
        out.mkdir(exist_ok=True)
        kept = out / "ingest-times.json"
        times = json.loads(kept.read_text(encoding="utf-8")) if args.resume and kept.exists() else {}
        for path, dialogue in dialogues:
            if path.stem in times and (out / f"{path.stem}.md").exists():
                print(f"{folder.name}/{path.stem}: kept from the run before", flush=True)
                continue
            # A workspace per conversation: the synthetic voices are the same few MBROLA voices, and
            # a workspace would otherwise recognise them as the people of an earlier conversation.
            with tempfile.TemporaryDirectory() as tmp:
                work = Path(tmp)
                recording = work / "recordings" / f"{path.stem}.mp3"
                recording.parent.mkdir()
                speak_dialogue(dialogue, recording)
                programme = work / "programme.yaml"
                programme.write_text(yaml.safe_dump(programme_for([(path, dialogue)]), allow_unicode=True), "utf-8")
                workspace = Workspace(work / "transcripts", db=work / "gesprekken.db", recordings=recording.parent)
                started = time.perf_counter()
                report = workspace.ingest([recording], programme)
                took = time.perf_counter() - started
                if report.failures:
                    raise SystemExit(f"{recording}: {report.failures[0][1]}")
                outcome = report.outcomes[0]
                conversation = workspace.read(outcome.conversation_id)
                shutil.copyfile(outcome.transcript, out / f"{path.stem}.md")
                workspace.close()
            times[path.stem] = {"audio_s": round(conversation.duration, 2), "ingest_s": round(took, 2)}
            times["_machine"] = {
                "processor": platform.processor() or platform.machine(),
                "python": platform.python_version(),
            }
            # Written after each conversation: a run stopped part way is resumed from here (--resume).
            kept.write_text(json.dumps(times, indent=1) + "\n", encoding="utf-8")
            print(f"{folder.name}/{path.stem}: {conversation.duration:.1f} s of audio, ingest {took:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
