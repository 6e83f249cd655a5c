"""Word error rate with and without domain vocabulary, on the synthetic dev recordings.

    python benchmarks/bench_vocabulary.py

Four variants of the same Whisper base run (temperature 0, so each is repeatable):
no vocabulary; the programme's names as initial prompt; post-correction of near-misses
only; both (what `gesprekken ingest` does). WER (jiwer) against the script each recording
was spoken from, lowercased and without punctuation; the words of the vocabulary itself
(names and theme terms) are also counted separately, since that is what it is for.
"""

import json
import re
import sys
from pathlib import Path

import jiwer

from gesprekken.audio import decode
from gesprekken.models import load_whisper
from gesprekken.programme import read_programme
from gesprekken.transcribe import transcribe, vocabulary_prompt
from gesprekken.vocabulary import Vocabulary, correct

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "gesprekken" / "data" / "sample"
DEV = ROOT / "tests" / "data" / "dev"
VARIANTS = {
    (False, False): "no vocabulary",
    (True, False): "initial prompt only",
    (False, True): "post-correction only",
    (True, True): "prompt + post-correction (gesprekken)",
}


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def main() -> int:
    model, _ = load_whisper(None)
    cases = [(SAMPLE / "sample.mp3", SAMPLE / "programme.yaml")] + [
        (DEV / f"{name}.mp3", DEV / "programme.yaml") for name in ("twee-mannen", "drie-sprekers", "een-spreker")
    ]
    hypotheses: dict[str, list[str]] = {name: [] for name in VARIANTS.values()}
    references: list[str] = []
    vocabulary_words: set[str] = set()
    for recording, programme_path in cases:
        entry = read_programme(programme_path).match(recording)
        vocabulary = Vocabulary.build(entry.participants)
        vocabulary_words |= {w.casefold() for name in vocabulary.names for w in name.split()} | set(vocabulary.terms)
        truth = json.loads(recording.with_name(recording.name + ".truth.json").read_text())
        references.append(normalise(" ".join(t["text"] for t in truth)))
        audio = decode(recording)
        for prompted in (False, True):
            prompt = vocabulary_prompt(entry.title, entry.participants) if prompted else None
            words = [w for s in transcribe(model, audio, initial_prompt=prompt).segments for w in s.words]
            corrected, _ = correct(words, vocabulary)
            for fixed, these in ((False, words), (True, corrected)):
                hypotheses[VARIANTS[(prompted, fixed)]].append(normalise("".join(w.text for w in these)))
    print(f"{len(cases)} recordings, {sum(len(r.split()) for r in references)} reference words\n")
    print("| variant | WER | vocabulary words missed |")
    print("| --- | --- | --- |")
    for name, heard in hypotheses.items():
        wer = jiwer.wer(references, heard)
        hits = total = 0
        for reference, hypothesis in zip(references, heard, strict=True):
            said = hypothesis.split()
            for word in reference.split():
                if word in vocabulary_words:
                    total += 1
                    hits += word in said
        print(f"| {name} | {wer:.1%} | {1 - hits / total:.1%} of {total} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
