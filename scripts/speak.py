"""Speak a written Dutch dialogue into a recording with espeak-ng and MBROLA voices.

Used to make the sample recording shipped with the package and the longer
recordings of the benchmarks; not part of the installed package.

    python scripts/speak.py gesprekken/data/sample/dialoog.yaml gesprekken/data/sample/sample.mp3

Besides the recording it writes ``<out>.truth.json``: each turn's speaker, text and
start and end time, the ground truth for transcription and diarization checks.

Needs espeak-ng (Debian main) and, for ``mb-nl2``/``mb-nl3``, the mbrola binary and
voices from Debian contrib/non-free (``scripts/install_voices.sh`` fetches them, as root).
"""

import argparse
import json
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
import yaml

from gesprekken.audio import SAMPLE_RATE, encode


def synthesise(text: str, voice: str, speed: int = 150, pitch: int = 50, formants: float = 1.0) -> np.ndarray:
    """Return int16 mono samples at 16 kHz for one utterance.

    ``formants`` other than 1 plays the voice faster (above 1) or slower, at the same tempo: its
    formants and pitch move together, as with a shorter or longer vocal tract, so one MBROLA
    voice gives several that a speaker encoder tells apart (1.3 against 0.9: cosine about 0.73).
    """
    with tempfile.TemporaryDirectory() as tmp:
        wav_path = Path(tmp) / "utterance.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(round(speed / formants)), "-p", str(pitch), "-w", str(wav_path), text],
            check=True,
            capture_output=True,
        )
        with wave.open(str(wav_path)) as wav:
            rate = wav.getframerate()
            samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    rate = rate * formants
    if rate != SAMPLE_RATE:
        # espeak's own voices speak at 22.05 kHz; linear interpolation is plenty for test speech.
        positions = np.arange(0, len(samples), rate / SAMPLE_RATE)
        samples = np.interp(positions, np.arange(len(samples)), samples).astype(np.int16)
    return samples


def speak_dialogue(dialogue: dict, out: Path, pause: float = 0.7) -> list[dict]:
    """Speak every turn of ``dialogue`` into ``out`` and return the timed turns."""
    voices = dialogue["voices"]
    pieces = [np.zeros(int(SAMPLE_RATE * 0.5), dtype=np.int16)]
    clock = 0.5
    truth = []
    for turn in dialogue["turns"]:
        voice = voices[turn["speaker"]]
        if isinstance(voice, str):
            voice = {"voice": voice}
        samples = synthesise(
            turn["text"], voice["voice"], voice.get("speed", 150), voice.get("pitch", 50), voice.get("formants", 1.0)
        )
        truth.append(
            {
                "speaker": turn["speaker"],
                "text": turn["text"],
                "start": round(clock, 3),
                "end": round(clock + len(samples) / SAMPLE_RATE, 3),
            }
        )
        pieces += [samples, np.zeros(int(SAMPLE_RATE * pause), dtype=np.int16)]
        clock += len(samples) / SAMPLE_RATE + pause
    encode(out, [np.concatenate(pieces)], bit_rate=48000)
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dialogue", type=Path, help="YAML file with voices and turns")
    parser.add_argument("out", type=Path, help="recording to write (.mp3, .ogg, .m4a, .flac or .wav)")
    parser.add_argument("--repeat", type=int, default=1, help="speak the turns this many times (long recordings)")
    args = parser.parse_args(argv)
    dialogue = yaml.safe_load(args.dialogue.read_text(encoding="utf-8"))
    dialogue["turns"] = dialogue["turns"] * args.repeat
    truth = speak_dialogue(dialogue, args.out)
    args.out.with_name(args.out.name + ".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
