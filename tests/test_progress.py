"""Progress where output is not a terminal (CI, a log file): plain lines, one as each recording
starts and one as it is done, where a progress bar drew nothing and the first ingest was silent for
minutes."""

import re
import shutil
import subprocess
import sys

import pytest
from conftest import DEV, first_seconds, run

#: The command as its entry point runs it.
GESPREKKEN = [sys.executable, "-c", "from gesprekken.cli import cli; cli(prog_name='gesprekken')"]


def test_the_sample_ingest_says_each_step_of_a_recording_as_a_line(sample_ingest):
    # On a busy two-core machine the sample takes minutes, which a log showed as silence
    # between 'started' and 'transcribed in' (a newcomer's run of the README).
    _, result = sample_ingest
    label = r"\[1/1\] sample\.mp3"
    steps = [
        rf"{label}: started \(\d\d:\d\d of audio\)",
        rf"{label}: (25|50|75)% of the audio transcribed after \d\d:\d\d",
        rf"{label}: all audio transcribed after \d\d:\d\d; now the speakers, themes and database",
        rf"{label}: transcribed in \d\d:\d\d",
    ]
    lines = result.stderr.splitlines()
    said = [next((n for n, line in enumerate(lines) if re.fullmatch(step, line)), None) for step in steps]
    assert None not in said and said == sorted(said), result.stderr
    quarters = [line for line in lines if "% of the audio" in line]
    assert 1 <= len(quarters) <= 3, result.stderr  # a line per step, not per segment
    assert "\r" not in result.stderr


@pytest.mark.slow
def test_a_piped_ingest_says_a_recording_started_before_it_is_done_and_how_long_it_took(tmp_path):
    recording = shutil.copy(DEV / "een-spreker.mp3", tmp_path / "een-spreker.mp3")
    child = subprocess.Popen(
        [*GESPREKKEN, "ingest", recording, "--no-diarization"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = child.stderr.readline()
        # Said at once, before the model loads and Whisper works (no transcript yet).
        assert first.strip() == "[1/1] een-spreker.mp3: started (00:14 of audio)", first
        assert not list(tmp_path.glob("transcripts/*.md"))
        out, err = child.communicate(timeout=300)
    finally:
        child.kill()
    assert child.returncode == 0, err
    assert re.search(r"^\[1/1\] een-spreker\.mp3: transcribed in \d\d:\d\d$", err, re.MULTILINE), err
    assert out.startswith("transcribed: ") and "een-spreker.mp3" in out
    assert "\r" not in err and "█" not in err and "#" not in err  # no bar drawn


@pytest.mark.slow
def test_parallel_jobs_say_each_start_and_outcome_as_lines_and_quiet_says_nothing(tmp_path):
    folder = tmp_path / "opnames"
    folder.mkdir()
    for name in ("een-spreker.mp3", "twee-mannen.mp3"):
        first_seconds(DEV / name, folder)
    (folder / "kapot.mp3").write_bytes(b"geen audio")
    result = run("ingest", folder, "--jobs", "2", "--no-diarization", cwd=tmp_path)  # CliRunner: no terminal
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    for name, outcome in (
        ("een-spreker.mp3", "transcribed"),
        ("twee-mannen.mp3", "transcribed"),
        ("kapot.mp3", "refused"),
    ):
        started = [n for n, line in enumerate(lines) if re.fullmatch(rf"\[\d/3\] {name}: started.*", line)]
        done = [n for n, line in enumerate(lines) if re.fullmatch(rf"\[\d/3\] {name}: {outcome} in \d\d:\d\d", line)]
        assert len(started) == len(done) == 1 and started < done, result.stderr

    again = run("ingest", folder, "--jobs", "2", "--no-diarization", cwd=tmp_path)
    assert re.search(r"^\[\d/3\] een-spreker\.mp3: kept in \d\d:\d\d$", again.stderr, re.MULTILINE), again.stderr
    quiet = run("ingest", folder, "--jobs", "2", "--quiet", cwd=tmp_path)
    assert "started" not in quiet.stderr and " in 00:" not in quiet.stderr, quiet.stderr


def test_all_audio_is_said_transcribed_only_once_every_piece_is(tmp_path, capsys):
    """A recording in two pieces of ten minutes whose header said it lasts 9:50: the first piece ended
    past the estimate, and the lines said "all audio transcribed" while the second piece had not begun."""
    from gesprekken.cli import _Lines
    from gesprekken.ingest import piece_progress

    recording = first_seconds(DEV / "een-spreker.mp3", tmp_path, seconds=2)
    lines = _Lines()
    on_progress = lines.start(recording, 1, 1)
    for offset in (0.0, 600.0):
        progress = piece_progress(on_progress, offset, estimate=590.0)
        for done in (150.0, 300.0, 450.0, 600.0):
            progress(done, 600.0)
        if offset == 0.0:
            assert "all audio transcribed" not in capsys.readouterr().err
    assert "all audio transcribed" not in capsys.readouterr().err
    on_progress(1200.0, 1200.0)  # the ingest's own call once Whisper is done
    assert "all audio transcribed after" in capsys.readouterr().err
