"""Who said it: diarization and naming on the synthetic dev set, with the real models."""

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLE_DIR, run, write_wav
from evaluation import word_speaker_accuracy

from gesprekken import transcript
from gesprekken.audio import SAMPLE_RATE, decode

DEV = Path(__file__).parent / "data" / "dev"
PROGRAMME = DEV / "programme.yaml"


def truth(recording: Path) -> list[dict]:
    return json.loads(recording.with_name(recording.name + ".truth.json").read_text(encoding="utf-8"))


def ingest(workspace: Path, recording: Path, *options) -> transcript.Conversation:
    result = run("ingest", recording, *options, cwd=workspace)
    assert result.exit_code == 0, result.output
    written = next(line for line in result.stdout.splitlines() if "->" in line).split("-> ")[1]
    return transcript.read(workspace / written)


def named_accuracy(conversation: transcript.Conversation, recording: Path) -> float:
    """Share of words whose speaker *name* is the true one (no relabelling allowed)."""
    true = truth(recording)
    words, said_by = [], []
    for turn in conversation.turns:
        words += turn.words
        said_by += [turn.speaker] * len(turn.words)
    from evaluation import truth_speaker_at

    right = sum(truth_speaker_at(true, (w.start + w.end) / 2) == s for w, s in zip(words, said_by, strict=True))
    return right / len(words)


@pytest.mark.parametrize("name", ["twee-mannen", "drie-sprekers"])
def test_dev_conversations_are_split_and_named(tmp_path, name):
    recording = DEV / f"{name}.mp3"
    conversation = ingest(tmp_path, recording, "--programme", PROGRAMME)
    true_speakers = {t["speaker"] for t in truth(recording)}
    assert {s.name for s in conversation.speakers} == true_speakers  # right count, right names
    assert named_accuracy(conversation, recording) >= 0.95
    # Turns are the voices' turns, not Whisper's segments: as many as the script has.
    assert len(conversation.turns) == len(truth(recording))


def test_sample_two_voices_of_different_sex(ingested_sample):
    (path,) = (ingested_sample / "transcripts").glob("*.md")
    conversation = transcript.read(path)
    recording = SAMPLE_DIR / "sample.mp3"
    words = [w for t in conversation.turns for w in t.words]
    labels = [t.speaker for t in conversation.turns for _ in t.words]
    assert word_speaker_accuracy(words, labels, truth(recording)) >= 0.95
    assert named_accuracy(conversation, recording) >= 0.95
    marloes = next(s for s in conversation.speakers if s.name == "Marloes van der Heijden")
    assert marloes.confidence >= 0.6 and any("ik ben Marloes" in e for e in marloes.evidence)


def test_one_speaker_gives_one_speaker(tmp_path):
    conversation = ingest(tmp_path, DEV / "een-spreker.mp3", "--programme", PROGRAMME)
    assert [s.name for s in conversation.speakers] == ["Marloes van der Heijden"]
    assert {t.speaker for t in conversation.turns} == {"Marloes van der Heijden"}


def test_speakers_option_sets_the_number(tmp_path):
    conversation = ingest(tmp_path, DEV / "drie-sprekers.mp3", "--speakers", "2")
    assert len(conversation.speakers) == 2
    assert {s.label for s in conversation.speakers} == {"Spreker 1", "Spreker 2"}
    assert all(s.name is None for s in conversation.speakers)  # no programme: nobody is guessed


def test_known_voice_is_recognised_in_another_recording(workspace):
    # The sample named Joost de Boer; the second recording has his voice but no introduction.
    conversation = ingest(workspace, DEV / "tweede-opname.mp3")
    joost_turn = next(t for t in conversation.turns if "consulenten" in t.text)
    assert joost_turn.speaker == "Joost de Boer"
    joost = next(s for s in conversation.speakers if s.name == "Joost de Boer")
    assert any("stemprofiel van Joost de Boer" in e for e in joost.evidence)
    # The other voice is nobody we know: it stays anonymous, never silently guessed.
    others = [s for s in conversation.speakers if s.name != "Joost de Boer"]
    assert others and all(s.name is None for s in others)


def test_unnamed_speakers_are_listed_for_the_editor(tmp_path):
    programme = tmp_path / "programma.csv"
    programme.write_text(
        "title,recording,name,role,organisation\n"
        "Betaalbaarheid,tweede-opname.mp3,Ingrid Smit,voorzitter,Woonbond\n"
        "Betaalbaarheid,tweede-opname.mp3,Joost de Boer,sectormanager,gemeente Zwolle\n"
    )
    result = run("ingest", DEV / "tweede-opname.mp3", "--programme", programme, cwd=tmp_path)
    assert result.exit_code == 0
    assert "could not be named with confidence; name it with 'gesprekken speakers" in result.stderr


def test_short_turns_and_overlapping_speech_do_not_crash(tmp_path):
    sample = decode(SAMPLE_DIR / "sample.mp3")
    marloes, joost = sample[: 9 * SAMPLE_RATE], sample[10 * SAMPLE_RATE : 19 * SAMPLE_RATE]
    overlap = 0.6 * marloes + 0.6 * joost
    # Alternate half-second slices of the two voices: turns far shorter than a window.
    slices = [(marloes if i % 2 else joost)[i * 8000 : (i + 1) * 8000] for i in range(18)]
    audio = np.concatenate([overlap, np.concatenate(slices)])
    path = write_wav(tmp_path / "door-elkaar.wav", audio * 32767)
    conversation = ingest(tmp_path, path)
    assert conversation.turns and 1 <= len(conversation.speakers) <= 4


def test_rename_and_merge_survive_reingest_and_load(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    result = run("speakers", "1ef18611", "--rename", "Joost de Boer=J. de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "J. de Boer\t3 turns" in result.output
    edited = path.read_bytes()
    assert run("ingest", "--sample", cwd=workspace).exit_code == 0
    assert run("load", cwd=workspace).exit_code == 0
    assert path.read_bytes() == edited
    conversation = transcript.read(path)
    assert {t.speaker for t in conversation.turns} == {"Marloes van der Heijden", "J. de Boer"}

    result = run("speakers", "1ef18611", "--merge", "J. de Boer=Marloes van der Heijden", cwd=workspace)
    assert result.exit_code == 0
    import sqlite3

    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT DISTINCT speaker FROM turns").fetchall() == [("Marloes van der Heijden",)]


@pytest.mark.parametrize(
    "options, message",
    [
        (["--rename", "Spreker 9=Ad"], "'Spreker 9' does not speak in"),
        (["--rename", "Joost de Boer"], "has no '='"),
        (["--rename", "Joost de Boer=Marloes van der Heijden"], "already speaks in"),
        (["--merge", "Joost de Boer=Ad Kok"], "nothing to merge into"),
    ],
)
def test_speakers_command_refuses_bad_corrections(workspace, options, message):
    (path,) = (workspace / "transcripts").glob("*.md")
    before = path.read_bytes()
    result = run("speakers", "1ef18611", *options, cwd=workspace)
    assert result.exit_code == 1 and message in result.stderr
    assert path.read_bytes() == before


def test_speakers_command_unknown_conversation(workspace):
    result = run("speakers", "bestaatniet", cwd=workspace)
    assert result.exit_code == 1 and "No conversation 'bestaatniet'" in result.stderr
