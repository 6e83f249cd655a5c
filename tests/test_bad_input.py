"""Bad recordings: one sentence naming the file, a non-zero exit, nothing changed, the batch goes on."""

import shutil

import numpy as np
import pytest
from conftest import run, snapshot, write_wav


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
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_recording_is_refused_and_changes_nothing(workspace, kind):
    make, expected = BAD_INPUTS[kind]
    bad = make(workspace / "recordings")
    before = snapshot(workspace)
    result = run("ingest", bad, cwd=workspace)
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert error_lines[0].startswith(f"Error: {bad}") and expected in error_lines[0]
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
    assert "1 of 3 recordings ingested; failed:" in result.stderr
    assert "kapot.mp3" in result.stderr and "bestaat-niet.wav" in result.stderr


def test_folder_without_recordings(tmp_path):
    (tmp_path / "leeg").mkdir()
    result = run("ingest", tmp_path / "leeg", cwd=tmp_path)
    assert result.exit_code == 1
    assert "holds no recordings" in result.stderr
    assert not (tmp_path / "gesprekken.db").exists()
