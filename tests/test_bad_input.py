"""Bad recordings: one sentence naming the file, a non-zero exit, nothing changed, the batch goes on."""

import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import run, snapshot, write_other_side_withdrawn, write_wav

from gesprekken.paths import read_only_uri


def make_video_without_audio(path):
    import av

    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def make_music(path):
    """Twelve seconds of a synthesised melody: sound, but no speech."""
    rate = 16000
    t = np.arange(rate * 2) / rate
    notes = [261.6, 329.6, 392.0, 523.3, 392.0, 329.6]
    melody = np.concatenate(
        [0.3 * np.sin(2 * np.pi * f * t) * np.exp(-t) + 0.15 * np.sin(4 * np.pi * f * t) for f in notes]
    )
    return write_wav(path, melody * 32767 * 0.8)


ENGLISH = __import__("pathlib").Path(__file__).parent / "data" / "dev" / "english.mp3"

BAD_INPUTS = {
    "missing": (lambda d: d / "bestaat-niet.mp3", "does not exist; check the path"),
    "text named mp3": (
        lambda d: (d / "notities.mp3").write_text("Dit is geen opname.\n" * 20) and d / "notities.mp3",
        "cannot be decoded as audio or video",
    ),
    "empty": (lambda d: (d / "leeg.m4a").write_bytes(b"") or d / "leeg.m4a", "is empty (0 bytes)"),
    "video without audio": (lambda d: make_video_without_audio(d / "beeld.mp4"), "is a video with no audio stream"),
    "silence": (
        lambda d: write_wav(d / "stilte.wav", np.zeros(16000 * 4)),
        "contains no speech",
    ),
    "music only": (lambda d: make_music(d / "muziek.wav"), "contains no speech"),
    "another language": (
        lambda d: shutil.copy(ENGLISH, d / "english.mp3") and d / "english.mp3",
        "sounds like another language (en, ",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_recording_is_refused_and_changes_nothing(workspace, kind):
    make, expected = BAD_INPUTS[kind]
    bad = make(workspace / "recordings")
    before = snapshot(workspace)
    result = run("ingest", bad, cwd=workspace)
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and error_lines[0].startswith(f"Error: {bad}") and expected in error_lines[0]
    assert "Traceback" not in result.output
    assert snapshot(workspace) == before


def test_bad_file_in_a_batch_does_not_stop_the_others(workspace, tmp_path):
    folder = tmp_path / "opnames"
    folder.mkdir()
    (folder / "kapot.mp3").write_text("geen audio")
    shutil.copy(workspace / "recordings" / "sample.mp3", folder / "tafel-3.mp3")
    result = run("ingest", folder, "--programme", workspace.parent.parent / "missing.yaml", cwd=workspace)
    assert result.exit_code == 1 and "does not exist" in result.output  # a bad programme stops before any work

    result = run("ingest", folder, "bestaat-niet.wav", cwd=workspace)
    assert result.exit_code == 1
    assert "kept: " in result.stdout and "tafel-3.mp3" in result.stdout
    assert "2 of 3 recordings refused (the others transcribed or already ingested):" in result.stderr
    assert "kapot.mp3" in result.stderr and "bestaat-niet.wav" in result.stderr


def test_the_count_at_the_end_names_each_refused_recording_once(tmp_path):
    """A helper's attack (session 60): a folder of recordings with two that are no recordings ended with
    "refused: opnames/x.wav: opnames/x.wav cannot be decoded ...", each file named twice in its line."""
    folder = tmp_path / "opnames"
    folder.mkdir()
    (folder / "kapot.mp3").write_text("geen audio")
    (folder / "notities.wav").write_text("Dit is geen opname.\n" * 20)
    result = run("ingest", folder, cwd=tmp_path)
    assert result.exit_code == 1
    refused = [line for line in result.stderr.splitlines() if line.startswith("  refused: ")]
    assert [line.count(str(folder)) for line in refused] == [1, 1], refused
    assert refused[0].startswith(f"  refused: {folder / 'kapot.mp3'} cannot be decoded as audio or video"), refused


def test_a_recording_whose_name_is_not_utf8_is_refused_and_the_batch_goes_on(workspace, tmp_path):
    """An attack (session 58): "café.wav" from a Windows share (its name in Latin-1) stopped a folder's ingest with a
    traceback from Whisper's prompt, and the recordings after it were never ingested."""
    import os

    folder = tmp_path / "opnames"
    folder.mkdir()
    shutil.copy(workspace / "recordings" / "sample.mp3", os.fsdecode(bytes(folder) + b"/caf\xe9.mp3"))
    shutil.copy(workspace / "recordings" / "sample.mp3", folder / "tafel-3.mp3")
    result = run("ingest", folder, cwd=workspace)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "café.mp3 has a name that is not UTF-8 text" in result.stderr and "rename it" in result.stderr
    assert "kept: " in result.stdout and "tafel-3.mp3" in result.stdout


@pytest.mark.parametrize(
    "name, content, said",
    [
        ("notities.wav", b"Dit is geen opname.\n" * 20, "cannot be decoded as audio or video ("),
        ("leeg.mp3", b"", "is empty (0 bytes)"),
    ],
)
def test_load_says_which_recording_a_transcript_names_cannot_be_played(tmp_path, name, content, said):
    """A helper's attack (session 60): a transcript whose 'recording:' an editor set by hand to a file that is no
    recording (a text file named .wav, an empty one) loaded without a word, and the site played nothing for it, as
    publish said only "0 recordings". Ingest refuses such a file by name; load now says which, and what to do."""
    path = write_other_side_withdrawn(tmp_path)
    (tmp_path / "recordings").mkdir()
    (tmp_path / "recordings" / name).write_bytes(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("recording: ''", f"recording: ../recordings/{name}"), encoding="utf-8")
    result = run("load", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Warning: gesprek.md: its recording ../recordings/{name} {said}")
    assert "so the public site plays no recording for it; put the conversation's recording there" in result.stderr


@pytest.mark.parametrize(
    "name, content, said",
    [
        ("notities.wav", b"Dit is geen opname.\n" * 20, "notities.wav cannot be decoded as audio or video ("),
        ("leeg.mp3", b"", "leeg.mp3 is empty (0 bytes)"),
        ("weg.mp3", None, "weg.mp3 is not there"),
    ],
)
def test_publish_says_which_recording_it_could_not_publish_and_why(tmp_path, name, content, said):
    """Session 60's list: publish said "published 1 conversation and 0 recordings" and no more, where the recording a
    transcript names cannot be played (load says so, but publish is run on another day). It says which, and why."""
    path = write_other_side_withdrawn(tmp_path)
    (tmp_path / "recordings").mkdir()
    if content is not None:
        (tmp_path / "recordings" / name).write_bytes(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("recording: ''", f"recording: ../recordings/{name}"), encoding="utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    result = run("publish", "site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "published 1 conversation and 0 recordings" in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Warning: gesprek.md: its recording ../recordings/{said}"), lines
    assert "so the public site plays no recording for it" in lines[0]


@pytest.mark.parametrize("language", ["english", "Dutch", "xx"])
def test_a_language_whisper_does_not_know_is_refused_before_any_work(tmp_path, language):
    """An attack (session 58): "--language english" loaded the model and then stopped with a traceback (a folder's
    batch at its first recording)."""
    (tmp_path / "tafel.wav").write_bytes(b"RIFF")
    result = run("ingest", "tafel.wav", "--language", language, cwd=tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is no language code Whisper knows; give one such as nl (Dutch)" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tafel.wav"]


@pytest.mark.parametrize(
    "paths, said",
    [
        (["opnames/"], "Error: opnames does not exist; check the path\n"),
        (["opnames", "tafel-3.mp3"], "Error: opnames and tafel-3.mp3 do not exist; check the paths\n"),
    ],
)
def test_a_path_that_does_not_exist_is_refused_before_any_work(tmp_path, paths, said):
    """A typo was started ("[1/1] opnames: started", "refused in 00:00") and then counted ("0 of 1
    recordings ingested"): one sentence, before anything is opened or written."""
    result = run("ingest", *paths, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == said and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_missing_path_beside_others_is_refused_first_and_the_others_go_on(tmp_path):
    folder = tmp_path / "opnames"
    folder.mkdir()
    (folder / "kapot.mp3").write_text("geen audio")
    result = run("ingest", folder, "bestaat-niet.wav", cwd=tmp_path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    missing = lines.index("Error: bestaat-niet.wav does not exist; check the path")
    assert missing < lines.index("[1/1] kapot.mp3: started")  # said before the work, which goes on
    assert not any("bestaat-niet.wav: started" in line for line in lines)
    assert lines[-1] == f"Error: 2 of 2 recordings refused: bestaat-niet.wav, {folder / 'kapot.mp3'}"


def test_folder_without_recordings(tmp_path):
    (tmp_path / "leeg").mkdir()
    result = run("ingest", tmp_path / "leeg", cwd=tmp_path)
    assert result.exit_code == 1
    # One sentence: not followed by "0 of 1 recordings ingested", a folder counted as a recording.
    assert result.stderr == (
        f"Error: The folder {tmp_path / 'leeg'} holds no recordings; pass an audio or video recording "
        "(mp3, m4a, wav, ogg, flac, mp4)\n"
    )
    assert not (tmp_path / "gesprekken.db").exists()


@pytest.mark.slow
@pytest.mark.whisper
@pytest.mark.parametrize("damage", ["cut", "overwritten"])
def test_a_damaged_database_is_one_sentence_and_how_to_rebuild_it(workspace, damage):
    """An attack (session 56): a database cut short or overwritten gave load a traceback ("database disk image is
    malformed", "file is not a database"). One sentence now, with how to rebuild it, and what it alone held."""
    db = workspace / "gesprekken.db"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3] if damage == "cut" else b"dit is geen database" * 400)
    for sidecar in workspace.glob("gesprekken.db-*"):
        sidecar.unlink()
    result = run("load", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "Traceback" not in said, said
    assert "is damaged" in said and "mv " in said and "run 'gesprekken load' to rebuild it" in said, said


@pytest.mark.parametrize("command", [["load"], ["ingest", "recordings/sample.mp3"]])
@pytest.mark.parametrize("folder", ["nergens", "transcripts/wederkerigheid-in-de-wijk.md"])
def test_a_database_in_a_folder_that_is_not_there_is_one_sentence_and_makes_no_folder(workspace, command, folder):
    """A typo in --db's folder (session 58's list): load made the folder and a new knowledge base in it and said
    it loaded (a file for a folder was a traceback). serve and publish refuse a database that is not there; these
    make one, but no folder nobody asked for (analyse: below)."""
    before = snapshot(workspace)
    db = workspace / folder / "kb.db"
    result = run(*command, "--db", db, cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "Traceback" not in said, said
    assert said.startswith(f"Error: The folder {db.parent} of the database kb.db "), said
    assert "pass --db with a file in a folder that exists" in said and f"mkdir -p {db.parent}" in said, said
    assert not (workspace / "nergens").exists() and snapshot(workspace) == before


@pytest.mark.parametrize(
    "db, said",
    [
        ("gesprekkken.db", "does not exist; did you mean gesprekken.db?"),
        (
            "nergens/kb.db",
            "does not exist; pass --db with the database you use, or build this one from the transcripts in "
            "transcripts/ with 'gesprekken load' (with the same --db)",
        ),
    ],
)
def test_analyse_of_a_database_that_is_not_there_makes_none(workspace, db, said):
    """--db with a typo ("gesprekkken.db", or in its folder): analyse made a new, empty database under that name (and
    its folder) and then said the transcript was not in it ("run 'gesprekken load' first", which would have filled the
    wrong file). It says so as serve and publish do, naming the database that is there, and makes nothing."""
    before = snapshot(workspace)
    result = run("analyse", "--db", db, cwd=workspace)
    assert result.exit_code == 1 and result.output == f"Error: The database {db} {said}\n", result.output
    assert snapshot(workspace) == before and not (workspace / "nergens").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["publication", "a1b2c3d4", "withdrawn"],
        ["publication", "a1b2c3d4", "internal", "--participant", "Ann Bos"],
        ["speakers", "a1b2c3d4"],
        ["speakers", "a1b2c3d4", "--rename", "Ann Bos=Anna Bos"],
        ["forget", "Ann Bos"],
        ["forget", "Ann Bos", "--dry-run"],
        ["export", "article", "a1b2c3d4", "-o", "artikel.md"],
        ["export", "subtitles", "a1b2c3d4"],
        ["export", "data"],
        ["apply-programme", "programma.csv"],
        ["publish", "site"],
        ["publish", "site", "--remove"],
        ["serve"],
        ["analyse"],
    ],
)
def test_a_command_that_reads_the_database_refuses_one_that_is_not_there(tmp_path, command):
    """A typo in --db (a helper's attack, session 60): publication and forget changed the transcripts alone and said
    so with exit 0, while the database the site is served from kept what they took back; speakers renamed in the file
    alone; export wrote, and recorded the export nowhere forget looks when the real database is used. Each command but
    ingest and load refuses a database that is not there, in one sentence, and changes and makes nothing."""
    write_other_side_withdrawn(tmp_path)
    (tmp_path / "programma.csv").write_text("opname,titel\nx.mp3,Iets\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run(*command, "--db", "gesprekkken.db", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert result.output == "Error: The database gesprekkken.db does not exist; did you mean gesprekken.db?\n"
    assert snapshot(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "gesprekken.db",
        "programma.csv",
        "transcripts",
    ]


def test_a_port_out_of_range_is_one_sentence(workspace):
    result = run("serve", "--port", "99999", cwd=workspace)
    assert result.exit_code == 2 and "Traceback" not in result.output and "99999" in result.output, result.output


def test_truncated_recording_is_transcribed_as_far_as_it_goes(tmp_path):
    from conftest import SAMPLE_DIR

    cut = tmp_path / "afgebroken.mp3"
    cut.write_bytes((SAMPLE_DIR / "sample.mp3").read_bytes()[:120_000])  # the first 20 s, cut mid-frame
    result = run("ingest", cut, "--no-diarization", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    from gesprekken.transcript import read

    (path,) = (tmp_path / "transcripts").glob("*.md")
    conversation = read(path)
    assert 15 < conversation.duration < 25 and conversation.turns
    # and it is said: the file's header says 53 s (an attack, session 56: not a word)
    said = " ".join(result.output.split())
    assert "afgebroken.mp3: Whisper decoded 00:" in said and "it may be cut short" in said, said


def test_a_recording_still_being_copied_while_it_is_transcribed_is_refused_and_nothing_written(tmp_path, monkeypatch):
    """Session 61's attack: a recording still being copied into the folder was transcribed as far as it had come,
    and once whole it was refused as another recording saved under its name (its bytes changed since). Ingest looks
    at the file again before it writes the transcript: one sentence, exit 1, no transcript, so that the next run,
    once the file is complete, transcribes it whole."""
    from conftest import SAMPLE_DIR

    from gesprekken import ingest

    whole = (SAMPLE_DIR / "sample.mp3").read_bytes()
    copying = tmp_path / "recordings" / "tafel-1.mp3"
    copying.parent.mkdir()
    copying.write_bytes(whole[:60_000])  # the first ten seconds, the copy still going on
    real = ingest.transcribe

    def copied_on(*args, **kwargs):
        heard = real(*args, **kwargs)
        with copying.open("ab") as rest:
            rest.write(whole[60_000:])
        return heard

    monkeypatch.setattr(ingest, "transcribe", copied_on)
    result = run("ingest", copying, "--no-diarization", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {copying} changed while it was transcribed"), errors
    assert "ingest it again once the file is complete" in errors[0]
    assert not list((tmp_path / "transcripts").glob("*.md"))


def test_a_recording_only_touched_while_it_is_transcribed_is_written(tmp_path, monkeypatch):
    """A reviewer's read of e894257 (session 61): a recording whose time alone moved while Whisper worked (a sync or
    backup tool touching it, a network share's clock) was refused as still being copied, the transcription thrown
    away, and every run again refused the same. Its bytes are those hashed: the transcript is written. One moved
    away meanwhile (into recordings/) was transcribed whole: no traceback, its transcript written as before."""
    import os

    from conftest import SAMPLE_DIR

    from gesprekken import ingest

    whole = (SAMPLE_DIR / "sample.mp3").read_bytes()
    touched = tmp_path / "opnames" / "tafel-1.mp3"
    moved = tmp_path / "opnames" / "tafel-2.mp3"
    touched.parent.mkdir()
    touched.write_bytes(whole[:60_000])  # ten seconds
    moved.write_bytes(whole[:50_000])
    real = ingest.transcribe

    calls = []

    def meanwhile(*args, **kwargs):
        heard = real(*args, **kwargs)
        calls.append(True)
        if len(calls) == 1:
            later = touched.stat().st_mtime_ns + 2_000_000_000
            os.utime(touched, ns=(later, later))
        else:
            (tmp_path / "recordings").mkdir()
            moved.rename(tmp_path / "recordings" / moved.name)
        return heard

    monkeypatch.setattr(ingest, "transcribe", meanwhile)
    result = run("ingest", touched, "--no-diarization", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "changed while it was transcribed" not in result.output
    assert len(list((tmp_path / "transcripts").glob("*.md"))) == 1
    result = run("ingest", moved, "--no-diarization", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "transcripts").glob("*.md"))) == 2


@pytest.mark.slow
@pytest.mark.whisper
def test_english_is_transcribed_when_asked(tmp_path):
    shutil.copy(ENGLISH, tmp_path / "english.mp3")
    result = run("ingest", tmp_path / "english.mp3", "--language", "en", "--no-diarization", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_duplicate_transcript_id_is_refused_and_the_rest_loads(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    shutil.copy(path, workspace / "transcripts" / "kopie.md")
    result = run("load", cwd=workspace)
    assert result.exit_code == 1
    assert "kopie.md and transcripts/wederkerigheid-in-de-wijk.md have the same id 1ef18611f54b" in " ".join(
        result.stderr.split()
    )
    import sqlite3

    with sqlite3.connect(workspace / "gesprekken.db") as db:  # neither copy: which one is the editor's is not known
        assert db.execute("SELECT count(*) FROM conversations").fetchone() == (0,)


def test_thesaurus_in_a_legacy_encoding(tmp_path):
    from gesprekken.analyse import ThesaurusError, read_thesaurus

    path = tmp_path / "thesaurus.yaml"
    path.write_bytes("themes:\n  - id: ideeen\n    label: Ideeën\n".encode("cp1252"))
    with __import__("pytest").raises(ThesaurusError, match="is not UTF-8 text"):
        read_thesaurus(path)


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            "programma.yaml",
            "conversations:\n  - title: A\n    participants: [\n",
            "line 3: a '[' on this line is never",
        ),
        ("programma.csv", "titel,naam\nA,Ad Kok\nA,Ad Kok\n", "line 3: 'Ad Kok' is named twice"),
        ("programma.yaml", "conversations:\n  - title: A\n    date: 2016-02-30\n", "line 3: the date 2016-02-30 does"),
        ("programma.csv", "titel,datum,naam\nA,2016-13-45,Ad Kok\n", "line 2: the date 2016-13-45 does not exist"),
        # one recording for two conversations: the second's people were never applied (an attack, session 58)
        (
            "programma.csv",
            "title,recording,name,status\nWonen,tafel-1.wav,Kees Mol,published\nHuur,Tafel-1.WAV,Ann Bos,withdrawn\n",
            "line 3: the recording 'Tafel-1.WAV' is given to 'Huur' here and to 'Wonen' at line 2; a recording is",
        ),
    ],
)
def test_bad_programme_changes_nothing(workspace, name, text, message):
    programme = workspace / name
    programme.write_text(text, encoding="utf-8")
    before = snapshot(workspace)
    result = run("ingest", workspace / "recordings" / "sample.mp3", "--programme", programme, cwd=workspace)
    assert result.exit_code == 1 and message in result.stderr and str(programme) in result.stderr
    assert snapshot(workspace) == before


def test_a_date_that_does_not_exist_in_a_transcript_is_one_sentence(workspace):
    import sqlite3

    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8").replace("date: '2026-11-12'", "date: 2016-02-30", 1)
    path.write_text(text, encoding="utf-8")
    result = run("load", cwd=workspace)  # in process, so a traceback would fail the test
    line = text.splitlines().index("date: 2016-02-30") + 1
    assert result.exit_code == 1
    assert f"{path.name} line {line}: the date 2016-02-30 does not exist" in result.stderr
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        assert conn.execute("SELECT date FROM conversations").fetchall() == [("2026-11-12",)]  # kept as it was


@pytest.mark.parametrize("written", ["volgende week", "‘2026-11-12’"])
def test_a_date_that_is_no_date_in_a_transcript_is_one_sentence(workspace, written):
    """An attack (session 56): 'volgende week', and Word's quotes around a date, were stored as the date, where the
    programme refuses them (and "2026-13-45" in the transcript is refused)."""
    import sqlite3

    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8").replace("date: '2026-11-12'", f"date: {written}", 1)
    path.write_text(text, encoding="utf-8")
    result = run("load", cwd=workspace)
    line = text.splitlines().index(f"date: {written}") + 1
    assert result.exit_code == 1 and f"{path.name} line {line}: the date '{written}' is not a date" in result.stderr
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        assert conn.execute("SELECT date FROM conversations").fetchall() == [("2026-11-12",)]


def test_broken_transcript_keeps_its_rows_on_load(workspace):
    import sqlite3

    (path,) = (workspace / "transcripts").glob("*.md")
    db = workspace / "gesprekken.db"
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT * FROM turns ORDER BY id").fetchall()
    path.write_text(path.read_text(encoding="utf-8").replace("id: 1ef18611f54b", "id: [kapot", 1), encoding="utf-8")
    result = run("load", cwd=workspace)
    line = path.read_text(encoding="utf-8").splitlines().index("id: [kapot") + 1
    assert result.exit_code == 1 and f"{path.name} line {line}: a '[' on this line is never closed" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT * FROM turns ORDER BY id").fetchall() == before


def test_a_heading_whose_times_no_recording_can_play_is_named_by_load(workspace):
    """Times typed by hand in a heading (an end before the start, a start after the recording's end, a second
    of 99) loaded without a word, and the turn's player played nothing, or another moment. The turn still loads;
    load says where and what."""
    import re

    (path,) = (workspace / "transcripts").glob("*.md")
    lines = path.read_text(encoding="utf-8").splitlines()
    headings = [n for n, line in enumerate(lines) if re.match(r"## \[", line)]
    first, second, third = headings[0], headings[1], headings[2]
    lines[first] = re.sub(r"\[[^\]]*\]", "[00:09.00 – 00:04.00]", lines[first], count=1)
    lines[second] = re.sub(r"\[[^\]]*\]", "[59:41.10 – 59:45.00]", lines[second], count=1)
    typed = re.search(r"\[(\d\d:\d\d\.\d\d) – ", lines[third])[1]
    lines[third] = re.sub(r"\[[^\]]*\]", f"[{typed} – 00:99.00]", lines[third], count=1)  # 00:59.99 meant
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 0, result.output
    assert f"{path.name}, line {first + 1}: the heading ends (00:04.00) before it starts (00:09.00)" in said, said
    assert f"{path.name}, line {second + 1}: the heading starts at 59:41.10, after the recording ends" in said, said
    assert said.count("so its turn's player plays nothing") == 2
    assert f"{path.name}, line {third + 1}: the heading has 00:99.00, which is no time (minutes and seconds run" in said


def test_a_turn_whose_words_were_deleted_by_hand_is_named_by_load_and_left_out_without_its_heading(workspace):
    """An editor deleted a turn's words in the file and left its heading: it loaded as an empty turn without
    a word. Load says where and what to do; with the heading deleted too, the turn is gone from the site."""
    import re
    import sqlite3

    (path,) = (workspace / "transcripts").glob("*.md")
    lines = path.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines) if re.match(r"## \[", line)][1]
    speaker = lines[second].split("] ", 1)[1]
    end = next(n for n in range(second + 2, len(lines)) if not lines[n].strip())
    kept = lines[: second + 2] + lines[end + 1 :]  # heading and blank line kept, the words' comment too
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 0, result.output
    assert re.search(
        rf"{re.escape(path.name)}, line {second + 1}: the turn of {speaker} at \d\d:\d\d\.\d\d has no words, so it is "
        "shown empty; write what was said under its heading, or delete the heading",
        said,
    ), said
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        assert conn.execute("SELECT count(*) FROM turns WHERE text = ''").fetchone() == (1,)

    del kept[second]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    assert result.exit_code == 0 and "has no words" not in result.stderr, result.output
    with sqlite3.connect(workspace / "gesprekken.db") as conn:
        assert conn.execute("SELECT count(*) FROM turns WHERE text = ''").fetchone() == (0,)


# --- a newcomer's mistakes in a transcript edited by hand (a helper's attack on load, session 31) -------------------


def _transcript(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    return path, path.read_text(encoding="utf-8")


def _headings(text: str) -> list[int]:
    import re

    return [n for n, line in enumerate(text.splitlines()) if re.match(r"## \[", line)]


def test_a_copy_that_does_not_read_is_a_copy_for_load_as_for_the_running_site(workspace):
    """A reviewer's find: "x (1).md" withdrawn there, with a key typed wrong. The running site held the conversation
    (a second file with its id), and load, which counted as copies only the files that read, published it again from
    "x.md" while the copy was still there. Load now takes neither, as for two copies that read."""
    import sqlite3

    path, text = _transcript(workspace)
    copy = path.with_name(f"{path.stem} (1).md")
    copy.write_text(text.replace("\nstatus: published", "\nstaus: withdrawn", 1), encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert "'staus' is no key of the front matter" in said, said
    assert "have the same id 1ef18611f54b" in said and copy.name in said and path.name in said, said
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT count(*) FROM conversations WHERE status = 'published'").fetchone() == (0,)
    db.close()
    copy.unlink()
    assert run("load", cwd=workspace).exit_code == 0


def test_two_copies_of_one_conversation_load_neither_and_publish_neither(workspace):
    """ "x (1).md" beside "x.md" (a synced copy): load took the first by name, the stale copy, and called the
    editor's own file the copy; her withdrawal of the conversation was undone on the database and the site."""
    import sqlite3

    path, text = _transcript(workspace)
    stale = path.with_name(f"{path.stem} (1).md")
    stale.write_text(text, encoding="utf-8")
    path.write_text(text.replace("\nstatus: published", "\nstatus: withdrawn", 1), encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert f"{stale.name} and transcripts/{path.name} have the same id 1ef18611f54b" in said, said
    assert "delete the copy you did not edit" in said
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT count(*) FROM conversations").fetchone() == (0,)
    result = run("publication", "1ef18611f54b", "internal", cwd=workspace)
    assert result.exit_code == 1 and "are copies of one conversation" in " ".join(result.stderr.split())
    stale.unlink()
    assert run("load", cwd=workspace).exit_code == 0
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT status FROM conversations").fetchall() == [("withdrawn",)]


@pytest.mark.parametrize(
    "old, new, said",
    [
        (
            "  status: published",
            "  staus: withdrawn",
            "'staus' is no key of a participant ('Marloes van der Heijden') (did you mean 'status'?)",
        ),
        ("  role: ", "  rol: ", "'rol' is no key of a participant ('Marloes van der Heijden') (did you mean 'role'?)"),
        ("\ntitle: ", "\ntitel: ", "'titel' is no key of the front matter (did you mean 'title'?)"),
        (
            "\nconference: ",
            "\nconferentie: ",
            "'conferentie' is no key of the front matter (did you mean 'conference'?)",
        ),
        # keys YAML reads as True or None were named so, on the front matter's first line
        ("\ntitle: ", "\non: ja\ntitle: ", "'on' is no key of the front matter"),
        ("  role: ", "  Null: x\n  role: ", "'Null' is no key of a participant ('Marloes van der Heijden')"),
    ],
)
def test_a_key_typed_wrong_in_the_front_matter_is_refused_with_the_key_meant(workspace, old, new, said):
    """A participant's "staus: withdrawn" loaded without a word as "internal" (the default), her voice profile
    kept; "rol:", "titel:" left the role empty and the title the file's name."""
    import sqlite3

    path, text = _transcript(workspace)
    assert old in text
    edited = text.replace(old, new, 1)
    path.write_text(edited, encoding="utf-8")
    db = workspace / "gesprekken.db"
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT * FROM participants ORDER BY name").fetchall()
    result = run("load", cwd=workspace)
    typed = new.strip("\n").split("\n")[0]
    line = next(n for n, text_line in enumerate(edited.splitlines(), 1) if text_line.startswith(typed))
    assert result.exit_code == 1 and f"{path.name} line {line}: {said}" in " ".join(result.stderr.split()), (
        result.stderr
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT * FROM participants ORDER BY name").fetchall() == before


@pytest.mark.parametrize("typed", ["on: ja", "on : ja"])
def test_a_yes_or_no_key_on_the_front_matters_first_line_is_named_as_typed(workspace, typed):
    """The key "on: ja" as the front matter's very first line, or "on : ja" anywhere: load said "'True' is no
    key", YAML's word for it."""
    path, text = _transcript(workspace)
    assert text.startswith("---\n")
    path.write_text(f"---\n{typed}\n" + text.removeprefix("---\n"), encoding="utf-8")
    result = run("load", cwd=workspace)
    assert result.exit_code == 1
    assert f"{path.name} line 2: 'on' is no key of the front matter" in " ".join(result.stderr.split()), result.stderr


@pytest.mark.parametrize(
    "old, new, typed, whose",
    [
        ("- name: Marloes", "- on: ja\n  name: Marloes", "- on: ja", "Marloes van der Heijden"),  # above name:
        ("  role: sectormanager", "  yes: x\n  role: sectormanager", "  yes: x", "Joost de Boer"),  # the second's
        ("  confirmed: false", "  Null: x\n  confirmed: false", "  Null: x", "Spreker 1"),
    ],
)
def test_a_key_typed_wrong_in_a_list_entry_is_named_on_its_line_and_for_its_entry(workspace, old, new, typed, whose):
    """A key typed above a participant's 'name:' was named on line 2; one in the second participant's entry was
    blamed on the first, whose entry the search started from (a reviewer's finds)."""
    path, text = _transcript(workspace)
    assert old in text
    edited = text.replace(old, new, 1)
    path.write_text(edited, encoding="utf-8")
    result = run("load", cwd=workspace)
    line = next(n for n, said in enumerate(edited.splitlines(), 1) if said == typed)
    key = typed.strip().removeprefix("- ").split(":")[0]
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and f"{path.name} line {line}: {key!r} is no key of a" in said, result.stderr
    assert f"({whose!r})" in said, result.stderr


@pytest.mark.parametrize("typed", ["### ", "##", "# ", ""])
def test_a_heading_typed_wrong_is_refused_where_its_words_would_go_to_the_turn_before(workspace, typed):
    """ "### [00:25.99 – ...] Jeroen" (or "##[", "# [", the "## " deleted) loaded as text of the turn before: a
    withdrawn speaker's words went public under the other's name, without a word."""
    path, text = _transcript(workspace)
    lines = text.splitlines()
    second = _headings(text)[1]
    lines[second] = typed + lines[second].removeprefix("## ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert f"{path.name} line {second + 1}: this line looks like a turn heading but is not one" in said, said


def test_a_word_comment_without_its_end_or_its_start_is_refused(workspace):
    """A "-->" deleted read every turn up to the next "-->" as the comment: the next turn was gone without a word. A
    "<!--" deleted put the timings into the turn's spoken, public text."""
    import re

    path, text = _transcript(workspace)
    lines = text.splitlines()
    comment = next(n for n, line in enumerate(lines) if line.startswith("<!-- woorden:"))
    closing = next(n for n in range(comment, len(lines)) if "-->" in lines[n])
    unclosed = lines.copy()
    unclosed[closing] = unclosed[closing].replace("-->", "")
    path.write_text("\n".join(unclosed) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert re.search(
        rf"{re.escape(path.name)} line {comment + 1}: this '<!--' comment is not closed before the turn heading on "
        r"line \d+",
        said,
    ), said
    opened = lines.copy()
    opened[comment] = opened[comment].replace("<!-- ", "", 1)
    path.write_text("\n".join(opened) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and f"{path.name} line {comment + 1}: word timings without their '<!--'" in said, said


def test_a_deleted_word_comment_leaves_its_turn_without_word_times_and_a_merge_runs_to_its_last_word(workspace):
    """README: delete a word comment whole and "its turn then has no word times"; its words were put at the end of
    the turn before instead, so a quote in it played nothing. Two turns merged by deleting a heading kept the first
    turn's end, and the player stopped before the merged words."""
    from gesprekken import transcript

    path, text = _transcript(workspace)
    before = transcript.read(path)
    lines = text.splitlines()
    second = _headings(text)[1]
    comment = next(n for n in range(second, len(lines)) if lines[n].startswith("<!-- woorden:"))
    closing = next(n for n in range(comment, len(lines)) if "-->" in lines[n])
    path.write_text("\n".join(lines[:comment] + lines[closing + 1 :]) + "\n", encoding="utf-8")
    after = transcript.read(path)
    assert after.turns[1].words == [] and after.turns[1].text == before.turns[1].text
    assert [t.words for n, t in enumerate(after.turns) if n != 1] == [
        t.words for n, t in enumerate(before.turns) if n != 1
    ]
    path.write_text("\n".join(lines[:second] + lines[second + 1 :]) + "\n", encoding="utf-8")
    merged = transcript.read(path)
    assert merged.turns[0].end == before.turns[1].words[-1].end > before.turns[0].end


def test_a_transcript_cut_after_its_front_matter_is_named_by_load(workspace):
    path, text = _transcript(workspace)
    lines = text.splitlines()
    path.write_text("\n".join(lines[: _headings(text)[0]]) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 0 and f"{path.name}: no turns after the front matter" in said, said


def test_a_turn_of_more_than_a_million_characters_is_one_sentence_not_a_traceback(workspace):
    path, text = _transcript(workspace)
    lines = text.splitlines()
    second = _headings(text)[1]
    lines.insert(second + 2, "woord " * 200_000)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    assert f"{path.name} line {second + 1}: this turn has 1,2" in said and "split it with turn headings" in said, said


def test_a_quotation_mark_left_open_is_named_on_its_own_line(workspace):
    """ "date: '2026-11-05" (the closing quote forgotten) ran on to the next quotation mark, twenty lines below in a
    speaker's evidence, and load sent the editor there, to quote a value that was right."""
    path, text = _transcript(workspace)
    lines = text.splitlines()
    date = next(n for n, line in enumerate(lines) if line.startswith("date:"))
    lines[date] = "date: '2026-11-05"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert f"{path.name} line {date + 1}: a quotation mark on this line is never closed" in said, said


def test_a_transcript_renamed_away_from_md_is_named_where_load_takes_it_off(workspace):
    """Renamed to .txt (or .md.bak), a transcript's conversation left the database with only "removed 1"."""
    path, _ = _transcript(workspace)
    path.rename(path.with_suffix(".txt"))
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 0
    assert f"{path.name} is gone from transcripts, so 'Wederkerigheid in de wijk' (1ef18611) was taken off" in said, (
        said
    )


@pytest.mark.parametrize("command", [("forget", "Joost de Boer", "--yes"), ("ingest", "--sample")])
def test_two_copies_of_one_conversation_are_stored_by_no_command(workspace, command):
    """A reviewer's find: after load took two copies of one conversation off, forget and a re-ingest each stored
    one copy back, the stale one too (published where the editor's copy withdrew it)."""
    import sqlite3

    path, text = _transcript(workspace)
    edited = path.with_name(f"{path.stem} (1).md")
    edited.write_text(text.replace("\nstatus: published", "\nstatus: withdrawn", 1), encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 1
    result = run(*command, cwd=workspace)
    said = " ".join((result.stderr + result.output).split())
    assert "are copies of one conversation" in said, said
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT count(*) FROM conversations").fetchone() == (0,)


def test_a_transcript_that_does_not_read_keeps_its_rows_off_the_public_site(workspace):
    """A reviewer's find: a withdrawal typed "staus: withdrawn" is refused now, and load kept the conversation's old
    rows, published, where the typo had read as "internal" before. What the file says of consent cannot be read:
    its rows stay, off the public site, until it reads."""
    import sqlite3

    from gesprekken import Workspace

    path, text = _transcript(workspace)
    joost = text.index("- name: Joost de Boer")
    path.write_text(text[:joost] + text[joost:].replace("  status: published", "  staus: withdrawn", 1), "utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and "'Wederkerigheid in de wijk' (1ef18611) is off the public site" in said, said
    assert "1 transcript could not be read; fix it and" in said
    # said again on every load it fails (a newcomer's run: the second said only the error)
    said = " ".join(run("load", cwd=workspace).stderr.split())
    assert "'Wederkerigheid in de wijk' (1ef18611) stays off the public site until it does" in said, said
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT count(*) FROM turns").fetchone()[0] > 0  # the rows are kept
    public = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db").public_copy()
    with sqlite3.connect(public) as db:
        assert db.execute("SELECT count(*) FROM conversations").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM turns WHERE speaker = 'Joost de Boer'").fetchone() == (0,)
    path.write_text(text, encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT status FROM conversations").fetchall() == [("published",)]


def test_a_long_quoted_value_over_two_lines_is_not_taken_for_a_quote_left_open(tmp_path):
    """A reviewer's find on 2d86eca: YAML writes a long quoted evidence over two lines, and a value with text after
    its closing quote further down ("headline: 'Huurachterstand' te laat gezien") was blamed on the evidence."""
    from gesprekken.errors import TranscriptError
    from gesprekken.paths import load_yaml

    text = (
        "id: abc\nspeakers:\n- label: S\n  evidence:\n  - 'stelt zich voor: \"Jeroen, een lange\n"
        "    zin\" (00:01)'\nanalysis:\n  headline: 'Huurachterstand' te laat gezien\n"
    )
    with pytest.raises(TranscriptError) as error:
        load_yaml(text, tmp_path / "x.md", TranscriptError, first_line=2)
    assert "x.md line 9: text follows the closing quotation mark" in str(error.value)


def locked(monkeypatch, folder) -> None:
    """Replacing a file in ``folder`` fails as on a file made immutable (chattr +i) or a read-only folder."""
    import os

    real = os.replace

    def replace(source, target, *args, **kwargs):
        if os.path.abspath(target).startswith(str(folder)):
            raise PermissionError(1, "Operation not permitted", str(target))
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_a_transcript_that_cannot_be_written_is_one_sentence_and_the_database_says_what_it_holds(
    workspace, monkeypatch
):
    """An attack (session 57): with the transcript made immutable, `publication ... withdrawn` ended in a traceback
    after the database had taken the withdrawal, the file still 'published', and the next load blamed an older copy
    of the file. One sentence now, with the file and what to do; a withdrawal stays in the database (the public site
    keeps them back at once), a change to more public is taken back whole."""
    import sqlite3

    from conftest import confirm_voices

    confirm_voices(workspace)
    (path,) = (workspace / "transcripts").glob("*.md")
    source = path.read_bytes()
    locked(monkeypatch, workspace / "transcripts")

    def status(name: str) -> str:
        with sqlite3.connect(workspace / "gesprekken.db") as db:
            return db.execute("SELECT status FROM participants WHERE name = ?", [name]).fetchone()[0]

    result = run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=workspace)
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = result.stderr.strip().splitlines()[-1]
    assert said.startswith(
        f"Error: Cannot write transcripts/{path.name}: Operation not permitted; the database has it withdrawn"
    )
    assert "the transcript still says published" in said and said.endswith("run this command again")
    assert path.read_bytes() == source and status("Joost de Boer") == "withdrawn"
    monkeypatch.undo()  # made writable, the command run again: done
    again = run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=workspace)
    assert again.exit_code == 0, again.output
    locked(monkeypatch, workspace / "transcripts")
    source = path.read_bytes()
    result = run("publication", "1ef18611", "published", "--participant", "Joost de Boer", "--yes", cwd=workspace)
    assert result.exit_code == 1 and "nothing changed: the transcript still says withdrawn" in result.stderr
    assert status("Joost de Boer") == "withdrawn" and path.read_bytes() == source  # more public: taken back
    # a command that writes a transcript otherwise: one sentence too
    result = run("speakers", "1ef18611", "--rename", "Joost de Boer=Joost de Boer", cwd=workspace)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [["speakers", "a1b2c3d4", "--rename", "Ann Bos=Anna Bos"], ["forget", "Ann Bos"], ["export", "data"]],
)
def test_a_transcripts_folder_that_may_not_be_written_is_named_not_a_temporary_file(tmp_path, command):
    """A helper's attack (session 60): with the transcripts folder read-only (chmod a-w, or chattr +i for root),
    speakers, forget and export said "No permission for .../transcripts/..forgotten.json.ut3f3lf6.tmp", a temporary
    file the user could not find, let alone chmod. The folder is named, with what to do; nothing changed."""
    import os
    import subprocess

    write_other_side_withdrawn(tmp_path)
    folder = tmp_path / "transcripts"
    before = snapshot(tmp_path)
    folder.chmod(0o555)
    immutable = os.geteuid() == 0  # (root writes in a folder whatever its mode)
    if immutable and subprocess.run(["chattr", "+i", folder], capture_output=True, check=False).returncode:
        folder.chmod(0o755)
        pytest.skip("root here, and chattr +i does not take on this file system")
    try:
        result = run(*command, cwd=tmp_path)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", folder], check=True)
        folder.chmod(0o755)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and ".tmp" not in said, said
    assert said.startswith(f"Error: No permission to write in the folder {folder}: "), said
    assert said.endswith("(chmod u+w, or chattr -i) and run this command again"), said
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k.startswith("transcripts/")} == {
        k: v for k, v in before.items() if k.startswith("transcripts/")
    }
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("gesprekken.db", "."))) == [
        "transcripts"
    ]  # (no export written)


def test_forget_in_a_transcripts_folder_that_may_not_be_written_changes_not_even_the_database(tmp_path):
    """Session 60's list: forget in a read-only transcripts folder stopped at its first write there, with the folder
    named, but after its look at what would show (a store rolled back) had written to the database's WAL. It asks the
    folder first: the same sentence, and no file of the workspace changed, in its bytes or its time."""
    import os
    import sqlite3
    import subprocess

    write_other_side_withdrawn(tmp_path)
    folder = tmp_path / "transcripts"

    def state() -> tuple:
        times = {
            str(path.relative_to(tmp_path)): path.stat().st_mtime_ns
            for path in tmp_path.rglob("*")
            if path.is_file() and not path.name.endswith("-shm") and path.stat().st_size  # (see snapshot)
        }
        with sqlite3.connect(read_only_uri(tmp_path / "gesprekken.db"), uri=True) as db:
            dump = list(db.iterdump())
        return snapshot(tmp_path), times, dump

    before = state()
    folder.chmod(0o555)
    immutable = os.geteuid() == 0  # (root writes in a folder whatever its mode)
    if immutable and subprocess.run(["chattr", "+i", folder], capture_output=True, check=False).returncode:
        folder.chmod(0o755)
        pytest.skip("root here, and chattr +i does not take on this file system")
    try:
        result = run("forget", "Ann Bos", cwd=tmp_path)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", folder], check=True)
        folder.chmod(0o755)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and said.startswith(f"Error: No permission to write in the folder {folder}: "), said
    assert state() == before


@pytest.mark.parametrize(
    "command",
    [
        ["load"],
        ["export", "data", "-o", "data.json"],
        ["apply-programme", "programma.csv"],
        ["forget", "Ann Bos", "--dry-run"],
        ["ingest", "tafel-9.wav"],
    ],
)
def test_a_transcripts_folder_renamed_between_commands_is_one_sentence_and_nothing_is_made(tmp_path, command):
    """Session 61's attack: the transcripts folder renamed (mv transcripts transcripts-2025) between two commands.
    Load said "does not exist; ingest a recording first", export "holds no transcripts; ingest a recording first",
    apply-programme changed nothing with exit 0, forget "No one called 'Ann Bos' in transcripts; check the spelling"
    (she is in the database, and on the site), and ingest made a new transcripts folder beside the edited one, to
    transcribe every recording anew. Each says the folder is not there while the database holds its conversations,
    and what to do; nothing is made, and once it is back (or named) the command runs."""
    write_other_side_withdrawn(tmp_path)
    (tmp_path / "programma.csv").write_text("title,name\nEerder bij schulden,Ann Bos\n", encoding="utf-8")
    write_wav(tmp_path / "tafel-9.wav", np.zeros(16000))
    (tmp_path / "transcripts").rename(tmp_path / "transcripts-2025")
    before = snapshot(tmp_path)
    result = run(*command, cwd=tmp_path)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and said.startswith(
        "Error: The transcripts folder transcripts is not there, but the database gesprekken.db holds 1 conversation "
        "loaded from one: if you moved or renamed it, move it back or pass --transcripts with the folder where it is "
        "now; to begin a new workspace in this folder instead (deleted on purpose, or a trial), pass --db with a "
        "database of its own too; nothing was changed"
    ), said
    assert snapshot(tmp_path) == before and not (tmp_path / "transcripts").exists()
    if command != ["ingest", "tafel-9.wav"]:  # (that one transcribes: silence, refused as such)
        assert run(*command, "--transcripts", "transcripts-2025", cwd=tmp_path).exit_code == 0


def test_a_new_transcripts_folder_begun_on_purpose_beside_a_database_is_told_how(tmp_path):
    """A reviewer's read of 4e8ac31 (session 61): a trial ingest into a folder of its own ('--transcripts proef')
    beside the workspace's gesprekken.db, or one who deleted transcripts/ to begin again, was told only to move the
    folder back or pass --transcripts, which they had. They are told to pass --db with a database of its own too,
    and so it runs; the database beside it is as it was."""
    write_other_side_withdrawn(tmp_path)
    write_wav(tmp_path / "tafel-9.wav", np.zeros(16000))
    before = snapshot(tmp_path)
    result = run("load", "--transcripts", "proef", cwd=tmp_path)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "The transcripts folder proef is not there" in said, said
    assert "to begin a new workspace in this folder instead (deleted on purpose, or a trial), pass --db" in said, said
    assert snapshot(tmp_path) == before
    result = run("export", "data", "-o", "data.json", "--transcripts", "proef", "--db", "proef.db", cwd=tmp_path)
    assert "is not there" not in " ".join(result.output.split()), result.output


def test_forget_with_an_export_in_a_folder_that_may_not_be_written_changes_nothing_first(tmp_path):
    """Session 61's attack: an article exported into a folder that was made read-only since (a shared drive, chattr
    +i). Forget rewrote the transcripts, then stopped at the article, the database and the site still holding the
    person until it was run again. It asks every export it deletes first: the folder named, nothing changed, and
    run again once the folder may be written, it forgets them and deletes the article."""
    import os
    import subprocess

    write_other_side_withdrawn(tmp_path)
    folder = tmp_path / "uit"
    folder.mkdir()
    assert run("export", "article", "a1b2c3d4", "-o", "uit/artikel.md", cwd=tmp_path).exit_code == 0
    before = snapshot(tmp_path)
    folder.chmod(0o555)
    immutable = os.geteuid() == 0  # (root writes in a folder whatever its mode)
    if immutable and subprocess.run(["chattr", "+i", folder], capture_output=True, check=False).returncode:
        folder.chmod(0o755)
        pytest.skip("root here, and chattr +i does not take on this file system")
    try:
        result = run("forget", "Ann Bos", cwd=tmp_path)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", folder], check=True)
        folder.chmod(0o755)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and f"Error: No permission to write in the folder {folder}: " in said, said
    assert snapshot(tmp_path) == before
    result = run("forget", "Ann Bos", cwd=tmp_path)
    assert result.exit_code == 0 and not (folder / "artikel.md").exists(), result.output
    assert "Ann Bos" not in (tmp_path / "transcripts" / "gesprek.md").read_text(encoding="utf-8")


def test_forget_deletes_an_export_only_its_mode_keeps_from_being_written():
    """A reviewer's read of 7ec3498 (session 61): forget asks each export it deletes before it changes anything, by
    opening it to append; an article an editor marked read-only (chmod a-w), in a folder that may be written, was
    refused so ('No permission for uit/artikel.md'), and forget kept the person, while deleting it needs only its
    folder. Asked as a user who is not root (root writes whatever the mode), it is deletable, and is deleted."""
    import os
    import shutil
    import tempfile

    from gesprekken.consent import _deletable

    folder = Path(tempfile.mkdtemp(prefix="gesprekken-uit-", dir="/tmp"))
    try:
        article = folder / "artikel.md"
        article.write_text("# Samen eerder bij schulden\n", encoding="utf-8")
        article.chmod(0o444)
        if os.geteuid() != 0:
            _deletable(article)
            return
        os.chown(folder, 65534, 65534)
        os.chown(article, 65534, 65534)
        child = os.fork()
        if child == 0:  # (as nobody: the mode keeps it from being written)
            code = 3
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                try:
                    article.open("ab").close()
                    code = 4  # (written all the same: nothing asked)
                except PermissionError:
                    _deletable(article)
                    article.unlink()
                    code = 0
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert not article.exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("said", ["attempt to write a readonly database", "unable to open database file"])
def test_a_database_that_cannot_be_written_is_one_sentence(said):
    """An attack (session 57): a read-only database or workspace folder gave SQLite's traceback for load,
    publication, analyse and even an export (which writes its record); one sentence now."""
    import sqlite3

    import click

    from gesprekken.options import user_errors

    @user_errors
    def command(db_path=None):
        raise sqlite3.OperationalError(said)

    with pytest.raises(click.ClickException) as refused:
        command(db_path="werk/gesprekken.db")
    assert refused.value.message.startswith(f"The database werk/gesprekken.db cannot be opened for writing ({said})")
    assert "make both writable" in refused.value.message


def test_a_withdrawal_in_a_folder_that_cannot_be_written_says_nothing_changed(workspace, monkeypatch):
    """A reviewer's read (session 57): in a read-only transcripts folder (as a user who is not root meets it) the
    temporary file fails before anything is stored, and the sentence said the database had the withdrawal it had
    not: the editor read him as gone from the site. What the database holds decides what is said."""
    import sqlite3
    import tempfile

    from conftest import confirm_voices

    confirm_voices(workspace)
    real = tempfile.mkstemp
    folder = workspace / "transcripts"

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", str(Path(dir) / ".x.tmp"))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=workspace)
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = result.stderr.strip().splitlines()[-1]
    assert "Permission denied; nothing changed: the transcript still says published" in said, said
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT status FROM participants WHERE name = 'Joost de Boer'").fetchone() == ("published",)


def test_ctrl_c_during_a_command_says_what_was_kept_and_exits_130(capsys):
    """An attack (session 57): Ctrl-C during load or export printed Click's "Aborted!" (exit 1) and nothing of what
    was kept; as ingest does, one sentence now, and the shell's 130."""
    from gesprekken.options import user_errors

    @user_errors
    def command(db_path=None):
        raise KeyboardInterrupt

    with pytest.raises(SystemExit) as stopped:
        command()
    assert stopped.value.code == 130
    assert capsys.readouterr().err.startswith("Stopped by Ctrl-C: nothing was left half-written")


def test_a_transcript_moved_into_a_folder_inside_transcripts_is_said_by_load_and_ingest(workspace):
    """An attack (session 58): a transcript moved into transcripts/archief/ left the database without a word, and the
    next ingest of its recording transcribed it anew, without the edits in the moved file."""
    (path,) = (workspace / "transcripts").glob("*.md")
    archive = workspace / "transcripts" / "archief"
    archive.mkdir()
    moved = archive / path.name
    path.rename(moved)
    (archive / "notities.md").write_text("# mijn aantekeningen\n", encoding="utf-8")  # no transcript: not said
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    said_moved = "transcripts/archief/" + path.name + " is a transcript in a folder inside"
    assert said_moved in said and "notities.md" not in said, said
    assert "move it into" in said
    (workspace / "kapot.mp3").write_text("geen audio")
    result = run("ingest", "kapot.mp3", cwd=workspace)
    assert said_moved in " ".join(result.stderr.split())


def test_forget_on_a_file_system_mounted_read_only_is_one_sentence(tmp_path, monkeypatch):
    """A reviewer's read of session 61: forget's look at an export on a file system mounted read-only (a USB stick,
    a share) met OSError EROFS, which is no PermissionError, and the user got a traceback and nothing forgotten. It
    is one sentence naming the file now, exit 1, and the transcripts as they were."""
    import errno

    from gesprekken.workspace import Workspace

    write_other_side_withdrawn(tmp_path)
    before = snapshot(tmp_path)
    stick = "/media/usb/artikel.docx"

    def mounted_read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", stick)

    monkeypatch.setattr(Workspace, "forget", mounted_read_only)
    result = run("forget", "Kees Mol", "--yes", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"{stick} is on a file system mounted read-only" in result.output
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before
