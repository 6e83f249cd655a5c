"""The speaker encoder: a voice embedding for each 1.6-second window of speech, without torch.

The model is resemblyzer's voice encoder (Corentin Jemine, Resemble AI; Apache-2.0): a
three-layer LSTM over 40-band mel frames, ending in a 256-number, L2-normalised embedding.
``scripts/convert_voice_encoder.py`` converted its weights once to ONNX; they ship in
``data/voice_encoder/`` with resemblyzer's licence, and onnxruntime, which faster-whisper
already installs, runs them. The mel frames are those resemblyzer computes with librosa
(``librosa.feature.melspectrogram``: 25-ms Hann windows every 10 ms, centred, power
spectrum, 40 mel bands with Slaney's scale and normalisation), reproduced here in numpy.

``tests/test_voice_encoder.py`` checks the embeddings against resemblyzer's own, stored
for the windows diarization cuts from every dev recording.
"""

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE

N_FFT = 400  # 25 ms
HOP = 160  # 10 ms
N_MELS = 40
EMBEDDING_SIZE = 256
#: resemblyzer raises quiet audio to this loudness before the mel frames (never lowers it).
TARGET_DBFS = -30.0
#: Windows per onnxruntime call: as fast as one large batch, and the LSTM's buffers stay
#: a few MB instead of hundreds (its input projections grow with the batch).
BATCH = 32
#: Mel frames per block of FFTs, so a ten-minute piece never holds its whole spectrum.
_FFT_BLOCK = 4096
_INT16_MAX = 2**15 - 1


def model_path() -> Path:
    """The converted encoder inside the package."""
    return Path(str(files("gesprekken") / "data" / "voice_encoder" / "voice_encoder.onnx"))


def normalize_volume(audio: np.ndarray, target_dbfs: float = TARGET_DBFS) -> np.ndarray:
    """Raise ``audio`` to ``target_dbfs`` RMS if it is quieter; louder audio is left alone.

    resemblyzer's ``normalize_volume(wav, -30, increase_only=True)``, except that silence
    stays silence instead of turning into NaN.
    """
    rms = np.sqrt(np.mean((audio.astype(np.float64) * _INT16_MAX) ** 2)) if len(audio) else 0.0
    if rms == 0:
        return audio
    change = target_dbfs - 20 * np.log10(rms / _INT16_MAX)
    if change <= 0:
        return audio
    return (audio * (10 ** (change / 20))).astype(audio.dtype, copy=False)


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:
    """Slaney's mel scale (librosa's default, ``htk=False``): linear to 1 kHz, logarithmic above."""
    hz = np.asarray(hz, dtype=np.float64)
    mel = hz / (200.0 / 3)
    log_step = np.log(6.4) / 27.0
    above = hz >= 1000.0
    return np.where(above, 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / log_step, mel)


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    mel = np.asarray(mel, dtype=np.float64)
    log_step = np.log(6.4) / 27.0
    return np.where(mel >= 15.0, 1000.0 * np.exp(log_step * (mel - 15.0)), mel * (200.0 / 3))


@lru_cache(maxsize=1)
def mel_filterbank() -> np.ndarray:
    """The (40, 201) filters of ``librosa.filters.mel(sr=16000, n_fft=400, n_mels=40)``.

    Triangles between mel-spaced edges from 0 Hz to 8 kHz, each scaled to unit area
    (``norm="slaney"``); the same formula as librosa's, in float64, stored as float32.
    """
    fft_freqs = np.fft.rfftfreq(N_FFT, 1 / SAMPLE_RATE)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(SAMPLE_RATE / 2), N_MELS + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    # Rounded to float32 before and after the scaling, as librosa does: the very same filters.
    weights = np.maximum(0, np.minimum(lower, upper)).astype(np.float32)
    weights *= (2.0 / (edges[2:] - edges[:-2]))[:, None]
    return weights


@lru_cache(maxsize=1)
def _hann() -> np.ndarray:
    # Periodic, as scipy's get_window("hann", 400) that librosa uses, and float64 like it.
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)


def mel_frames(audio: np.ndarray) -> np.ndarray:
    """Mel power frames of 16 kHz ``audio``, one per 10 ms: shape (1 + len(audio) // 160, 40).

    resemblyzer's ``wav_to_mel_spectrogram`` (not a log-mel spectrogram): frames are centred
    on their time, the audio zero-padded by half a window at both ends.
    """
    padded = np.pad(np.asarray(audio, dtype=np.float32), N_FFT // 2)
    frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP]
    basis = mel_filterbank().T
    window = _hann()
    mel = np.empty((len(frames), N_MELS), dtype=np.float32)
    for start in range(0, len(frames), _FFT_BLOCK):
        # librosa transforms in float64 and keeps the spectrum as complex64, then squares its magnitude.
        spectrum = np.fft.rfft(frames[start : start + _FFT_BLOCK] * window, axis=1).astype(np.complex64)
        mel[start : start + _FFT_BLOCK] = np.abs(spectrum) ** 2 @ basis
    return mel


class VoiceEncoder:
    """resemblyzer's speaker encoder on onnxruntime: mel windows in, voice embeddings out.

    Args:
        path: the ONNX model; the one in the package by default.
        threads: onnxruntime's threads; 0 lets it use every physical core.
    """

    def __init__(self, path: Path | None = None, threads: int = 0) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3  # errors only: a library does not print
        # Idle threads sleep instead of spinning, so they take no CPU from Whisper's next piece.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(path or model_path()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, windows: np.ndarray) -> np.ndarray:
        """L2-normalised embeddings, shape (n, 256), of mel ``windows`` of shape (n, frames, 40)."""
        windows = np.ascontiguousarray(windows, dtype=np.float32)
        if not len(windows):
            return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
        return np.concatenate(
            [self._session.run(None, {"mels": windows[i : i + BATCH]})[0] for i in range(0, len(windows), BATCH)]
        )


_encoder: VoiceEncoder | None = None


def voice_encoder() -> VoiceEncoder:
    """The packaged encoder, loaded once per process."""
    global _encoder
    if _encoder is None:
        _encoder = VoiceEncoder()
    return _encoder
