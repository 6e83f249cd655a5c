"""The speaker encoder without torch: resemblyzer's embeddings from onnxruntime and numpy mel frames.

tests/data/voice_encoder_reference.npz holds, for every dev recording, the windows diarization
cut from Whisper's words (mel-frame ranges) and resemblyzer's own embeddings of them (torch,
librosa), made once by ``scripts/convert_voice_encoder.py --reference``.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLE_DIR

from gesprekken.audio import SAMPLE_RATE, decode
from gesprekken.diarize import WINDOW_FRAMES
from gesprekken.voice_encoder import N_MELS, mel_frames, normalize_volume, voice_encoder

DATA = Path(__file__).parent / "data"
REFERENCE = np.load(DATA / "voice_encoder_reference.npz")
RECORDINGS = {path.stem: path for path in (DATA / "dev").glob("*.mp3")} | {"sample": SAMPLE_DIR / "sample.mp3"}


def windows_of(name: str) -> np.ndarray:
    """The recording's mel windows as diarization cut them when stored (silence pads a short chunk)."""
    mel = mel_frames(normalize_volume(decode(RECORDINGS[name])))
    frames = REFERENCE[f"{name}.frames"]
    windows = np.zeros((len(frames), WINDOW_FRAMES, N_MELS), dtype=np.float32)
    for window, (start, end) in zip(windows, frames, strict=True):
        window[: end - start] = mel[start:end]
    return windows


def resemblyzers(name: str) -> np.ndarray:
    stored = REFERENCE[f"{name}.embeddings"].astype(np.float32)  # float16 on disk
    return stored / np.linalg.norm(stored, axis=1, keepdims=True)


def test_every_dev_recording_has_reference_embeddings():
    assert sorted(RECORDINGS) == sorted(key.split(".")[0] for key in REFERENCE.files if key.endswith(".embeddings"))


@pytest.mark.parametrize("name", sorted(RECORDINGS))
def test_embeddings_are_resemblyzers(name):
    ours = voice_encoder().embed(windows_of(name))
    theirs = resemblyzers(name)
    assert ours.shape == theirs.shape and len(ours) >= 10
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999, f"{name}: window {cosines.argmin()} has cosine {cosines.min():.5f}"
    # The same windows in another order are far apart: the check above can fail.
    assert np.median((ours * np.roll(theirs, len(theirs) // 2, axis=0)).sum(axis=1)) < 0.95


def test_quiet_audio_is_raised_and_silence_stays_silent():
    tone = 0.001 * np.sin(2 * np.pi * 220 * np.arange(SAMPLE_RATE) / SAMPLE_RATE).astype(np.float32)
    raised = normalize_volume(tone)
    assert 20 * np.log10(np.sqrt(np.mean(raised.astype(np.float64) ** 2))) == pytest.approx(-30, abs=0.01)
    loud = 10 * raised  # -10 dBFS: never lowered
    assert np.array_equal(normalize_volume(loud), loud)
    silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
    assert np.array_equal(normalize_volume(silence), silence)
    assert mel_frames(silence).shape == (SAMPLE_RATE // 160 + 1, N_MELS) and not mel_frames(silence).any()


def test_diarization_needs_neither_torch_nor_librosa():
    # A fresh interpreter: embedding a recording's windows imports none of resemblyzer's stack.
    code = (
        "import sys, numpy as np\n"
        "from gesprekken.diarize import VoiceWindows\n"
        "from gesprekken.transcript import Word\n"
        "from pathlib import Path\n"
        "from gesprekken.audio import decode\n"
        f"audio = decode(Path({str(RECORDINGS['een-spreker'])!r}))\n"
        "windows = VoiceWindows()\n"
        "windows.add(audio, [Word(0.5, 3.0, 'ja'), Word(3.1, 6.0, 'nee')])\n"
        "vectors = np.concatenate(windows.vectors)\n"
        "assert vectors.shape[0] > 5 and vectors.shape[1] == 256 and np.isfinite(vectors).all()\n"
        "print(sorted({'torch', 'resemblyzer', 'librosa', 'numba', 'webrtcvad'} & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
