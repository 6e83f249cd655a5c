"""Convert resemblyzer's speaker encoder to ONNX once, and store resemblyzer's own embeddings.

Run on a developer's machine, with the ``reference`` extra (resemblyzer, torch, onnx); install
torch's CPU build first, or pip pulls a multi-GB CUDA build:

    pip install torch --index-url https://download.pytorch.org/whl/cpu
    pip install -e '.[reference]'
    python scripts/convert_voice_encoder.py            # the model, its licence and notice
    python scripts/convert_voice_encoder.py --reference

The first writes ``gesprekken/data/voice_encoder/``: the weights of resemblyzer's
``pretrained.pt``, unchanged, as ``voice_encoder.onnx`` (float32, the network of
``VoiceEncoder.forward``: LSTM, linear layer, ReLU, L2 norm), resemblyzer's LICENSE and a
NOTICE. It checks that onnxruntime gives torch's embeddings and that gesprekken's numpy mel
frames are librosa's.

``--reference`` also writes ``tests/data/voice_encoder_reference.npz``: for every dev recording
(tests/data/dev/*.mp3 and the sample), the mel-frame ranges of the windows diarization cuts
from Whisper's words, and resemblyzer's embeddings of them (float16), computed the way
gesprekken did before the conversion (resemblyzer's volume normalisation, its librosa mel
frames, its torch model). tests/test_voice_encoder.py compares the ONNX encoder against them.
"""

import argparse
import hashlib
import shutil
import sys
import warnings
from importlib.metadata import distribution
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "gesprekken" / "data" / "voice_encoder"
REFERENCE = ROOT / "tests" / "data" / "voice_encoder_reference.npz"
OPSET = 17  # onnxruntime 1.13 and later
IR_VERSION = 8  # readable by every onnxruntime faster-whisper accepts

NOTICE = """\
voice_encoder.onnx is the speaker encoder of Resemblyzer {version}
(https://github.com/resemble-ai/Resemblyzer), by Corentin Jemine, Resemble AI,
licensed under the Apache License 2.0 (LICENSE in this folder).

The weights are those of resemblyzer/pretrained.pt (sha256 {sha256}), unchanged,
converted from PyTorch to ONNX by scripts/convert_voice_encoder.py in gesprekken.
The network is VoiceEncoder.forward: a three-layer LSTM (40 mel bands in, 256 hidden),
the final hidden state through a linear layer and a ReLU, then L2-normalised.
Input "mels": float32 (windows, frames, 40); output "embeddings": float32 (windows, 256).
"""


def resemblyzer():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import resemblyzer
        import resemblyzer.audio
    return resemblyzer


def convert() -> None:
    import onnx
    import torch

    from gesprekken.voice_encoder import VoiceEncoder

    package = resemblyzer()
    encoder = package.VoiceEncoder("cpu", verbose=False).eval()
    weights = Path(package.__file__).parent / "pretrained.pt"
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "voice_encoder.onnx"
    example = torch.rand(2, 160, 40)
    torch.onnx.export(
        encoder,
        (example,),
        str(target),
        input_names=["mels"],
        output_names=["embeddings"],
        dynamic_axes={"mels": {0: "windows", 1: "frames"}, "embeddings": {0: "windows"}},
        opset_version=OPSET,
        dynamo=False,
    )
    model = onnx.load(str(target))
    model.ir_version = IR_VERSION
    model.producer_name = "gesprekken scripts/convert_voice_encoder.py"
    version = distribution("resemblyzer").version
    sha256 = hashlib.sha256(weights.read_bytes()).hexdigest()
    for key, value in {
        "source": f"Resemblyzer {version}, resemblyzer/pretrained.pt (sha256 {sha256})",
        "author": "Corentin Jemine, Resemble AI",
        "license": "Apache-2.0",
    }.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    licence = next(f for f in distribution("resemblyzer").files if f.name == "LICENSE")
    shutil.copyfile(licence.locate(), OUT / "LICENSE")
    (OUT / "NOTICE").write_text(NOTICE.format(version=version, sha256=sha256), encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB), LICENSE and NOTICE")

    # onnxruntime against torch, on batches of real and random windows.
    from gesprekken.audio import decode

    mel = package.audio.wav_to_mel_spectrogram(decode(ROOT / "gesprekken" / "data" / "sample" / "sample.mp3"))
    windows = np.stack([mel[s : s + 160] for s in range(0, len(mel) - 160, 50)] + [np.zeros((160, 40), np.float32)])
    windows[-1, :40] = mel[1000:1040]  # a short window padded with silence, as diarization makes
    windows = np.concatenate([windows, np.random.default_rng(0).random((8, 160, 40), dtype=np.float32)])
    with torch.no_grad():
        expected = encoder(torch.from_numpy(windows)).numpy()
    got = VoiceEncoder(target).embed(windows)
    cosines = (expected * got).sum(axis=1)
    print(f"onnxruntime against torch, {len(windows)} windows: cosine min {cosines.min():.7f}")
    if cosines.min() < 0.99999:
        sys.exit("the ONNX model does not give torch's embeddings")
    check_mel_frames()


def check_mel_frames() -> None:
    import librosa

    from gesprekken.audio import decode
    from gesprekken.voice_encoder import mel_filterbank, mel_frames

    librosa_filters = librosa.filters.mel(sr=16000, n_fft=400, n_mels=40)
    print("mel filterbank, largest difference from librosa's:", np.abs(mel_filterbank() - librosa_filters).max())
    audio = decode(ROOT / "tests" / "data" / "dev" / "twee-mannen.mp3")
    expected = resemblyzer().audio.wav_to_mel_spectrogram(audio)
    got = mel_frames(audio)
    if got.shape != expected.shape:
        sys.exit(f"mel frames: shape {got.shape}, librosa's {expected.shape}")
    relative = np.abs(got - expected).max() / np.abs(expected).max()
    print(f"mel frames of twee-mannen.mp3 {got.shape}: largest difference {relative:.2e} of the largest value")


def reference() -> None:
    """resemblyzer's embeddings of the windows diarization cuts, the way gesprekken made them."""
    import torch

    from gesprekken.audio import decode
    from gesprekken.diarize import FRAME, WINDOW_FRAMES, WINDOWS_PER_SECOND, _windows, speech_chunks
    from gesprekken.models import load_whisper
    from gesprekken.transcribe import transcribe

    package = resemblyzer()
    encoder = package.VoiceEncoder("cpu", verbose=False).eval()
    model, _ = load_whisper(None)
    recordings = sorted((ROOT / "tests" / "data" / "dev").glob("*.mp3"))
    recordings.append(ROOT / "gesprekken" / "data" / "sample" / "sample.mp3")
    stored = {}
    for recording in recordings:
        audio = decode(recording)
        words = [w for segment in transcribe(model, audio, "nl").segments for w in segment.words]
        mel = package.audio.wav_to_mel_spectrogram(package.audio.normalize_volume(audio, -30, increase_only=True))
        step = round(1 / WINDOWS_PER_SECOND / FRAME)
        frames, batch = [], []
        for chunk in speech_chunks(words):
            first = max(0, int(words[chunk[0]].start / FRAME))
            last = min(len(mel), max(first + 1, int(np.ceil(words[chunk[-1]].end / FRAME))))
            for start, end in _windows(first, last, step):
                window = np.zeros((WINDOW_FRAMES, mel.shape[1]), dtype=np.float32)
                window[: end - start] = mel[start:end]
                frames.append((start, end))
                batch.append(window)
        with torch.no_grad():
            embeddings = encoder(torch.from_numpy(np.stack(batch))).numpy()
        stored[f"{recording.stem}.frames"] = np.array(frames, dtype=np.int32)
        stored[f"{recording.stem}.embeddings"] = embeddings.astype(np.float16)
        print(f"{recording.name}: {len(frames)} windows")
    np.savez_compressed(REFERENCE, **stored)
    print(f"wrote {REFERENCE} ({REFERENCE.stat().st_size / 1e3:.0f} kB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", action="store_true", help="also store resemblyzer's embeddings for the tests")
    args = parser.parse_args()
    convert()
    if args.reference:
        reference()


if __name__ == "__main__":
    main()
