"""Transcription: Dutch speech to timed words with faster-whisper.

Settings follow what makes runs repeatable and robust on conference audio: temperature 0
(the same file gives the same words), the Silero VAD filter (no text invented in the
pauses), word timestamps (every word keeps its place in the audio), and the programme's
names as the initial prompt (Whisper then spells them as the programme does). Where Whisper
writes out that prompt or loops instead of the speech, which happens on some CPUs and not on others,
the stretch is decoded again without the prompt (see :func:`transcribe`).

With a batch size, faster-whisper's ``BatchedInferencePipeline`` decodes several stretches of
speech (the VAD's, up to 30 seconds each) at once, each with the prompt and without the text
before it; a stretch that loops is decoded again alone on the sequential path with the prompt, one
that echoes the prompt (or still loops) alone without it, and up the temperature ladder on the
sequential path when that fails too.
"""

import re
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from .audio import SAMPLE_RATE
from .transcript import Participant, Word

BEAM_SIZE = 5


@dataclass
class Segment:
    """A stretch of speech as Whisper returns it; word texts keep their leading space."""

    start: float
    end: float
    text: str
    words: list[Word] = field(default_factory=list)

    @classmethod
    def of_words(cls, words: list[Word]) -> "Segment":
        """The segment that these words (at least one) make: their times and their text."""
        return cls(words[0].start, words[-1].end, "".join(w.text for w in words).strip(), words)


@dataclass
class Transcription:
    """What Whisper heard, with the settings it ran with."""

    segments: list[Segment]
    duration: float
    language: str
    settings: dict
    #: Seconds of speech the VAD filter found: 0 means silence or noise only, whatever Whisper wrote.
    speech: float


def vocabulary_prompt(title: str = "", participants: list[Participant] | None = None) -> str:
    """An initial prompt that teaches Whisper the spelling of the conversation's names."""
    people = [", ".join(part for part in (p.name, p.role, p.organisation) if part) for p in (participants or [])]
    parts = [f"Tweegesprek: {title}." if title else ""] + ([f"Met {' en '.join(people)}."] if people else [])
    return " ".join(part for part in parts if part)


#: A recording is refused as "another language" only when Whisper is this sure of it and gives
#: the requested language at most OTHER_LANGUAGE_MAX_REQUESTED (synthetic Dutch scores 0.57-0.91).
OTHER_LANGUAGE_MIN_PROBABILITY = 0.8
OTHER_LANGUAGE_MAX_REQUESTED = 0.05


ECHO_WORDS = 6
#: Whisper's own test for a decode stuck in a loop: text whose gzip compression ratio is above this
#: repeats itself. Speech in the dev set stays at or below 1.6; the loops seen were 2.45-4.1.
LOOP_COMPRESSION_RATIO = 2.4


def _normal_words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", text.casefold()).split()


def echoes_prompt(text: str, prompt: str | None) -> bool:
    """Whether Whisper wrote out its initial prompt instead of speech (a known failure).

    A segment is an echo when it repeats six or more consecutive words of the prompt;
    people introducing themselves do not speak in the prompt's "Name, role, organisation en".
    """
    if not prompt:
        return False
    said, given = _normal_words(text), _normal_words(prompt)
    runs = {tuple(given[i : i + ECHO_WORDS]) for i in range(len(given) - ECHO_WORDS + 1)}
    return any(tuple(said[i : i + ECHO_WORDS]) in runs for i in range(len(said) - ECHO_WORDS + 1))


#: Words after a sentence said twice at once that still leave it a loop (Whisper's loop ends its
#: segment; a person who echoes a sentence goes on talking).
ECHO_TAIL_WORDS = 2
#: A whole sentence said twice at once is Whisper's loop when it is this long (people echo a short
#: sentence whole, "Dan zijn we het daarover oneens." "Dan zijn we het daarover oneens.", not a long
#: one) or when no more than a closing of CLOSING_WORDS follows it ("X. X. Dank u wel.").
LONG_SENTENCE_WORDS = 10
CLOSING_WORDS = 6


def repeats_itself(text: str) -> bool:
    """Whether Whisper got stuck writing the same words over and over.

    Its own gzip test, or a stretch of six words or more said again at once, whole: a loop at the
    end of a recording often says its sentence just twice, too short for the gzip test. People do
    say six words again ("zet het op de agenda van ..." twice in one answer), but with other
    words between: what lies between the two is not said again, as it is in a loop (the text may
    end halfway through the second time). And one speaker echoes the other's sentence at once
    ("Maar bij de schoolpoort staan ze wel." "Bij de schoolpoort staan ze wel, ja. Om kwart over
    twee."), then goes on: said twice at once, words are a loop where the text ends with the second
    time (a word or two after it at most), as Whisper's does, or where both times are whole sentences
    that are long or followed by no more than a closing ("X. X. Dank u wel.": an echo takes part of a
    sentence or adds to it, or repeats a short one and talk goes on); said three times, anywhere.
    """
    data = text.encode()
    if data and len(data) / len(zlib.compress(data)) > LOOP_COMPRESSION_RATIO:
        return True
    # each word (as _normal_words gives them) and whether a sentence ends after it: Whisper loops on whole
    # sentences ("X. X. Dank u wel."), an echo takes part of one ("Maar bij de schoolpoort staan ze wel."
    # "Bij de schoolpoort staan ze wel, ja.")
    said = re.findall(r"(\w+)(\W*)", text.casefold())
    words, ends = [word for word, _ in said], [bool(re.search(r"[.?!…]", gap)) for _, gap in said]
    last_seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - ECHO_WORDS + 1):
        run = tuple(words[i : i + ECHO_WORDS])
        first = last_seen.setdefault(run, i)  # where these six words were said last
        period = i - first
        if period < ECHO_WORDS:
            continue
        again = words[i : i + period]  # all of it said again, or the text ends in its second half
        if words[first : first + len(again)] == again and 2 * len(again) >= period:
            after = i + period  # where a third time would start
            if (
                len(words) - after <= ECHO_TAIL_WORDS
                or words[after : after + ECHO_WORDS] == words[i : i + ECHO_WORDS]
                or (
                    (first == 0 or ends[first - 1])
                    and ends[i - 1]
                    and ends[after - 1]
                    and (period >= LONG_SENTENCE_WORDS or len(words) - after <= CLOSING_WORDS)
                )
            ):
                return True
        last_seen[run] = i
    return False


#: A sentence of at most this many words, all of them the prompt's, said twice or more in a row is
#: Whisper looping on the prompt ("Haaglanden. Haaglanden. Haaglanden."), not speech: too short for
#: the gzip test and the six-word repeat, and often split over segments of a word each.
PROMPT_LOOP_WORDS = 3


def _sentences(texts: list[str]) -> list[tuple[int, int]]:
    """Where each sentence of these word texts begins and ends (word indices, end excluded)."""
    spans, begin = [], 0
    for i, text in enumerate(texts):
        if re.search(r"[.!?…]\W*$", text):
            spans.append((begin, i + 1))
            begin = i + 1
    if begin < len(texts):
        spans.append((begin, len(texts)))
    return spans


def prompt_loop(texts: list[str], prompt: str | None) -> tuple[int, int] | None:
    """The first run (word indices, end excluded) of one short sentence of the prompt's words said
    again and again as sentences of its own, or None; see :data:`PROMPT_LOOP_WORDS`.

    A word said over and over in one sentence ("nee, nee, nee") is no run, nor is a word that is not
    the prompt's; and a run needs a name of the prompt (a word of four letters or more that it writes
    with a capital), so "Goed. Goed." is no loop when the title says "goed" too.
    """
    if not prompt:
        return None
    given = set(_normal_words(prompt))
    named = {word.casefold() for word in re.findall(r"\w{4,}", prompt) if word[0].isupper()}
    keys = []
    for begin, end in _sentences(texts):
        written = " ".join(texts[begin:end]).strip()
        said = tuple(_normal_words(written))
        looping = 0 < len(said) <= PROMPT_LOOP_WORDS and given.issuperset(said) and not named.isdisjoint(said)
        keys.append((begin, end, said if looping else None, written))
    for i in range(len(keys) - 1):
        if keys[i][2] is not None and keys[i][2] == keys[i + 1][2]:
            last = i + 1
            while last + 1 < len(keys) and keys[last + 1][2] == keys[i][2]:
                last += 1
            # Twice is a loop only as Whisper writes one, the same statement twice ("Haaglanden.
            # Haaglanden."); "Marloes? Marloes!" is someone calling her.
            if last > i + 1 or (keys[i][3] == keys[last][3] and keys[i][3].endswith(".")):
                return keys[i][0], keys[last][1]
    return None


def without_prompt_loops(segments: list[Segment], prompt: str | None) -> list[Segment]:
    """The segments without the words of any run of :func:`prompt_loop`, within or across segments:
    what Whisper could not be made to write otherwise is left to be found as unworded speech."""
    words = [(k, w) for k, segment in enumerate(segments) for w in segment.words]
    dropped: set[int] = set()
    while True:
        kept = [i for i in range(len(words)) if i not in dropped]
        run = prompt_loop([words[i][1].text for i in kept], prompt)
        if run is None:
            break
        dropped.update(kept[run[0] : run[1]])
    if not dropped:
        return segments
    left = []
    for k, segment in enumerate(segments):
        own = [w for i, (j, w) in enumerate(words) if j == k and i not in dropped]
        if len(own) == len(segment.words):
            left.append(segment)
        elif own:
            left.append(Segment.of_words(own))
    return left


def in_time_order(segments: list[Segment]) -> list[Segment]:
    """The segments with every word and segment in time order, and no time that runs backwards.

    A segment decoded again, or a stretch of skipped speech filled in, can lie between the words of
    one segment (whose words looped over that speech); that segment is split around it. A word's end
    is never before its start. A segment without words is left out: it has no time of its own to keep in
    order, and a transcript's turns are made of words, so it would reach none of them.
    """
    words = [(k, w.mended()) for k, segment in enumerate(segments) for w in segment.words]
    words.sort(key=lambda item: item[1].start)  # stable: words at one time keep their order
    ordered: list[Segment] = []
    runs: list[tuple[int, list[Word]]] = []
    for k, word in words:
        if runs and runs[-1][0] == k:
            runs[-1][1].append(word)
        else:
            runs.append((k, [word]))
    for k, run in runs:
        segment = segments[k]
        if run == segment.words and segment.start <= segment.end:
            ordered.append(segment)
        else:
            ordered.append(Segment.of_words(run))
    return ordered


def loops(text: str, prompt: str | None) -> bool:
    """Whether Whisper looped: :func:`repeats_itself`, or a :func:`prompt_loop` in ``text``."""
    return repeats_itself(text) or prompt_loop(text.split(), prompt) is not None


#: Whisper writes on past the audio's end: words at its very end (within PAST_THE_END seconds) without a moment of
#: their own (shorter than NO_MOMENT: each starts where it ends), often a sentence said again and again ("Ik ben niet
#: Kees. Ik ben niet Kees."), the word before them stretched from the last speech to the end at a probability below
#: UNHEARD. No one said them, and they stood under a participant's name on the site, and as evidence for naming (an
#: attack, session 57: 3 of 10 short spoken recordings, 4 to 18 words each; Whisper's own tests let them pass, four
#: words said three times being no loop by either). Two such words at least: one may be a word cut off by the end.
PAST_THE_END = 0.1
NO_MOMENT = 0.02
UNHEARD = 0.1


def without_words_past_the_end(segments: list[Segment], duration: float) -> tuple[list[Segment], int]:
    """The segments without the words Whisper wrote past the audio's end (see :data:`PAST_THE_END`), and how many."""
    words = [w for segment in segments for w in segment.words]
    first = len(words)
    while first and words[first - 1].end - words[first - 1].start < NO_MOMENT:
        if words[first - 1].start < duration - PAST_THE_END:
            break
        first -= 1
    if len(words) - first < 2:
        return segments, 0
    before = words[first - 1] if first else None
    if before is not None and before.end >= duration - PAST_THE_END and (before.probability or 0.0) < UNHEARD:
        first -= 1
    gone = {id(w) for w in words[first:]}
    kept = []
    for segment in segments:
        left = [w for w in segment.words if id(w) not in gone]
        if len(left) == len(segment.words):
            kept.append(segment)
        elif left:
            kept.append(Segment.of_words(left))
    return kept, len(gone)


def _finished(segments: list[Segment], prompt: str | None, duration: float, counts: dict) -> list[Segment]:
    """The segments as a transcription returns them: without prompt-word loops (see
    :func:`without_prompt_loops`), sound tags and words past the end (``counts["past_the_end"]``, see
    :func:`without_words_past_the_end`), in time order."""
    finished = in_time_order(without_sound_tags(without_prompt_loops(segments, prompt)))
    finished, counts["past_the_end"] = without_words_past_the_end(finished, duration)
    return finished


def not_speech(text: str, prompt: str | None) -> str | None:
    """Why a segment's text is not what was said: ``"prompt_echo"``, ``"loop"``, or None when it may be.

    Both come from what Whisper was given to read, the prompt or its own previous text, and
    depend on the CPU's arithmetic (CTranslate2's AVX2 and AVX-512 paths round differently).
    """
    if echoes_prompt(text, prompt):
        return "prompt_echo"
    if loops(text, prompt):
        return "loop"
    return None


def other_language(probabilities: list[tuple[str, float]], language: str) -> tuple[str, float] | None:
    """The language the speech is clearly in, by Whisper's ``probabilities``, when that is not ``language``.

    Returns the language and how sure Whisper is of it, or None when the speech may be in ``language``.
    """
    detected, probability = max(probabilities, key=lambda item: item[1])
    requested = dict(probabilities).get(language, 0.0)
    if (
        detected != language
        and probability >= OTHER_LANGUAGE_MIN_PROBABILITY
        and requested <= OTHER_LANGUAGE_MAX_REQUESTED
    ):
        return detected, probability
    return None


@contextmanager
def _hearing_language(model, on_language: Callable[[list[tuple[str, float]]], None] | None):
    """Hand ``on_language`` Whisper's language probabilities for the first window it encodes.

    Whisper forced to Dutch still writes English words for English speech, so the language is
    checked, on the first 30 seconds of speech: from the encoder output that transcription computes
    for that window anyway (as ``WhisperModel.detect_language`` reads it from its own encoder pass,
    one pass over 30 seconds that costs more than a second of CPU). The check runs before the window
    is decoded, so ``on_language`` may raise to stop at once.
    """
    if on_language is None:
        yield
        return
    encode, own = model.encode, model.__dict__.get("encode")

    def restore() -> None:
        if own is None:
            model.__dict__.pop("encode", None)
        else:
            model.encode = own

    def encode_and_hear(features):
        output = encode(features)
        restore()  # once: every later window is encoded as before
        # One list per window of the batch: the first is the first speech.
        probabilities = model.model.detect_language(output)[0]
        on_language([(token[2:-2], probability) for token, probability in probabilities])
        return output

    model.encode = encode_and_hear
    try:
        yield
    finally:
        restore()


#: faster-whisper's own ladder of temperatures: a decode that comes out empty, or repeats itself,
#: is tried again a little less sure of itself.
FALLBACK_TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
#: Candidates sampled at each temperature above 0 (faster-whisper's default is 5). The ladder is
#: climbed only where Whisper loops or writes nothing, and there each of five candidates loops to the
#: token limit too: on one looping stretch of the conference folder the ladder took 19 s of CPU with 5
#: (a fifth of the whole folder's) and 5 s with 1, for a window that gave a few words either way.
FALLBACK_BEST_OF = 1
#: Whisper's own threshold on a decode's average log-probability: below it at every temperature of
#: the ladder, Whisper has no words there that it trusts, only the least bad of its samples.
LOG_PROB_THRESHOLD = -1.0


def _clip(audio: np.ndarray, start: float, end: float) -> np.ndarray:
    """The samples of ``audio`` from ``start`` to ``end`` (seconds)."""
    return audio[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)]


def _segment(segment, offset: float) -> Segment:
    # Words keep Whisper's own spacing (" woningen", ".000") so that joining them rebuilds the
    # text exactly; the transcript file stores them stripped.
    words = [
        Word(round(w.start + offset, 3), round(w.end + offset, 3), w.word, round(w.probability, 3))
        for w in segment.words or []
    ]
    return Segment(round(segment.start + offset, 3), round(segment.end + offset, 3), segment.text.strip(), words)


def _decode_again(model, audio: np.ndarray, start: float, end: float, options: dict) -> tuple[list[Segment], float]:
    """Decode from ``start`` without the prompt, up to Whisper's first segment boundary at or after ``end``.

    Returns the segments (times in ``audio``) and where that boundary is, so that decoding with
    the prompt goes on from a place where Whisper itself cut, not from the middle of a word.
    """
    found = []
    lazy, _ = model.transcribe(audio[round(start * SAMPLE_RATE) :], **{**options, "initial_prompt": None})
    for segment in lazy:
        if start + segment.start >= end:
            return found, round(start + segment.start, 3)
        found.append(_segment(segment, start))
    return found, len(audio) / SAMPLE_RATE


def _decode_with_fallback(
    model, audio: np.ndarray, start: float, end: float, options: dict, prompt: str | None = None
) -> list[Segment]:
    """Decode ``start``-``end`` up the temperature ladder, repeatably, with ``prompt`` (none by default);
    a window that fails at every temperature (see :data:`LOG_PROB_THRESHOLD`) gives no segment."""
    import ctranslate2

    # Sampling above temperature 0 is random: a fixed seed keeps runs repeatable.
    ctranslate2.set_random_seed(0)
    clip = _clip(audio, start, end)
    lazy, _ = model.transcribe(
        clip,
        **{**options, "initial_prompt": prompt, "temperature": FALLBACK_TEMPERATURES, "best_of": FALLBACK_BEST_OF},
    )
    # A window that failed at every temperature is dropped, not left to the luck of the samples.
    return [
        _segment(segment, start)
        for segment in lazy
        if not (segment.temperature == FALLBACK_TEMPERATURES[-1] and segment.avg_logprob < LOG_PROB_THRESHOLD)
    ]


#: Speech at least this long (seconds, by the VAD without its padding) without a word in it was
#: skipped by Whisper. With the prompt it skips what it takes for text already written: people
#: introducing themselves in the prompt's own words ("Rob Meijer, manager klantcontact, Woonbron").
#: Whisper's word times can end half a second early, and the VAD pads speech by 0.4 s: shorter
#: stretches are pauses between turns.
UNWORDED_SPEECH = 1.5


def unworded_speech(audio: np.ndarray, segments: list[Segment]) -> list[tuple[float, float, float]]:
    """Gaps between Whisper's words (and before the first, after the last) that hold speech by the
    VAD: ``(start, end, seconds of speech)`` for each."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    duration = len(audio) / SAMPLE_RATE
    gaps, covered = [], 0.0
    for start, end in sorted((w.start, w.end) for segment in segments for w in segment.words):
        # Up to the furthest end so far: a word's time can reach past the next word's start (word
        # times overlap, and a segment decoded again can lie over others), which is no gap.
        gaps.append((covered, start))
        covered = max(covered, end)
    gaps.append((covered, duration))
    unpadded = VadOptions(speech_pad_ms=0, min_silence_duration_ms=300)
    stretches = []
    for start, end in gaps:
        if end - start < UNWORDED_SPEECH:
            continue
        clip = _clip(audio, start, end)
        speech = sum(s["end"] - s["start"] for s in get_speech_timestamps(clip, unpadded)) / SAMPLE_RATE
        if speech >= UNWORDED_SPEECH:
            stretches.append((round(start, 3), round(end, 3), round(speech, 3)))
    return stretches


def _fill_unworded_speech(model, audio: np.ndarray, segments: list[Segment], options: dict, prompt) -> int:
    """Decode each stretch of speech Whisper skipped again, on its own: with the prompt (which spells
    the names) but without the text before it; also without the prompt when that leaves most of the
    stretch's speech unwritten (a skip again, or one word such as "MUZIEK."), keeping whichever
    wrote more of it. Only words inside the stretch are kept. Returns how many stretches gave words."""
    filled = 0
    for start, end, speech in unworded_speech(audio, segments):
        clip = _clip(audio, start, end)
        best: list[Segment] = []
        for given in dict.fromkeys((prompt, None)):
            lazy, _ = model.transcribe(
                clip, **{**options, "initial_prompt": given, "condition_on_previous_text": False}
            )
            found = []
            for segment in lazy:
                words = [w for w in _segment(segment, start).words if w.end <= end + 0.2]
                if words and not not_speech(segment.text, prompt):
                    found.append(Segment.of_words(words))
            found = without_prompt_loops(found, prompt)
            if _spoken(found) > _spoken(best):
                best = found
            if _spoken(best) >= speech / 2:
                break
        if best:
            filled += 1
            segments += best
    # A stretch filled in can lie between the words of one segment: that segment is split around it.
    segments[:] = in_time_order(segments)
    return filled


def _prompt_loop_start(segments: list[Segment], prompt: str | None) -> float | None:
    """Where a run of :func:`prompt_loop` that reaches into the last of these segments begins
    (seconds), or None."""
    words = [w for segment in segments for w in segment.words]
    run = prompt_loop([w.text for w in words], prompt)
    if run is None or run[1] <= len(words) - len(segments[-1].words):
        return None
    return words[run[0]].start


def _loops_anywhere(segments: list[Segment], prompt: str | None) -> bool:
    """Whether any of these segments is :func:`not_speech`, or a :func:`prompt_loop` runs over them."""
    return any(not_speech(s.text, prompt) for s in segments) or without_prompt_loops(segments, prompt) != segments


def _spoken(segments: list[Segment]) -> float:
    return sum(w.end - w.start for segment in segments for w in segment.words)


#: What Whisper writes for a sound that is not speech, learnt from subtitles: "MUZIEK." after the
#: last words of a recording (seen in the spoken sets), "[applaus]", "(gelach)".
SOUND_TAG = re.compile(
    r"^\W*(?:(?:MUZIEK|APPLAUS|GELACH|STILTE)\W*|[\[(]\s*(?:muziek|applaus|gelach|stilte)\s*[\])]\W*)$", re.I
)


def without_sound_tags(segments: list[Segment]) -> list[Segment]:
    """The segments without words that only name a sound (:data:`SOUND_TAG`), and without segments
    of punctuation alone; a word in capitals must be all capitals, so a speaker's "muziek" stays."""
    kept = []
    for segment in segments:
        # Also when its words split the tag ("[app", "laus]"); and a segment without a letter or a
        # digit ("***", seen after a loop's retry up the temperature ladder) is no speech either.
        if _sound_tag(segment.text) or not re.search(r"\w", segment.text):
            continue
        words = [w for w in segment.words if not _sound_tag(w.text)]
        if len(words) == len(segment.words):
            kept.append(segment)
        elif any(re.search(r"\w", w.text) for w in words):  # not the brackets of "[ APPLAUS ]" alone
            kept.append(Segment.of_words(words))
    return kept


def _sound_tag(text: str) -> bool:
    text = text.strip()
    return bool(SOUND_TAG.match(text)) and (text.upper() == text or text.lstrip()[:1] in "[(")


def _model_settings(model) -> dict:
    """Where and how the model runs, as CTranslate2 reports it (the effective, not the asked-for)."""
    return {"device": model.model.device, "compute_type": model.model.compute_type}


def transcribe(
    model,
    audio: np.ndarray,
    language: str = "nl",
    initial_prompt: str | None = None,
    on_progress: Callable[[float, float], None] | None = None,
    batch_size: int = 0,
    on_language: Callable[[list[tuple[str, float]]], None] | None = None,
    beam_size: int | None = None,
) -> Transcription:
    """Transcribe 16 kHz mono ``audio`` with a loaded ``WhisperModel``.

    faster-whisper yields segments lazily; this consumes them all, reporting the seconds
    of audio done through ``on_progress(done, total)`` as each segment arrives. With a
    ``batch_size`` above 0 the batched pipeline decodes (see :func:`transcribe_batched`);
    0 decodes one window after another, each conditioned on the text before it. ``beam_size`` is
    the beam search's width at temperature 0 (1: greedy; default :data:`BEAM_SIZE`).

    ``on_language``, when given, is called once, before anything is decoded, with Whisper's
    language probabilities (``[("nl", 0.91), ...]``) for the first 30 seconds of speech, and may
    raise to stop (see :func:`other_language`); it is not called when the audio holds no speech.

    A segment that is not speech (see :func:`not_speech`) is decoded again without the prompt,
    from its start to Whisper's next segment boundary; when that is empty or loops too, once more
    up the temperature ladder. Decoding with the prompt then goes on from that boundary, with no
    memory of the bad text. ``settings["decoded_again"]`` counts each kind.
    """
    beam_size = beam_size or BEAM_SIZE
    with _hearing_language(model, on_language):
        if batch_size > 0:
            return transcribe_batched(model, audio, language, initial_prompt, on_progress, batch_size, beam_size)
        return _transcribe_sequential(model, audio, language, initial_prompt, on_progress, beam_size)


def _transcribe_sequential(model, audio, language, initial_prompt, on_progress, beam_size=BEAM_SIZE) -> Transcription:
    import faster_whisper

    options = {
        "language": language,
        "task": "transcribe",
        "beam_size": beam_size,
        "temperature": 0.0,
        "vad_filter": True,
        "word_timestamps": True,
        "condition_on_previous_text": True,
        "initial_prompt": initial_prompt or None,
    }
    duration = len(audio) / SAMPLE_RATE
    lazy_segments, info = model.transcribe(audio, **options)
    segments: list[Segment] = []
    decoded_again = dict.fromkeys(("prompt_echo", "loop", "temperature_fallback"), 0)
    offset = 0.0  # where in ``audio`` the decode in hand began
    while True:
        bad, why, looped_from = None, None, None
        for segment in lazy_segments:
            why = not_speech(segment.text, initial_prompt)
            # A loop on the prompt's words can begin after speech, or in the segment before.
            heard = _segment(segment, offset)
            looped_from = _prompt_loop_start([*segments[-1:], heard], initial_prompt)
            if why or looped_from is not None:
                bad, why = segment, why or "loop"
                break
            segments.append(heard)
            if on_progress:
                on_progress(min(offset + segment.end, duration), duration)
        if bad is None:
            break
        decoded_again[why] += 1
        # A segment without length has no usable times: then the rest goes without the prompt.
        start, end = offset + bad.start, offset + bad.end if bad.end > bad.start else duration
        if looped_from is not None:
            # A loop on the prompt's words: what it wrote in the segment before goes, and the
            # words before it in this segment stay when they are speech.
            if segments and segments[-1].end > looped_from:
                kept = [w for w in segments.pop().words if w.start < looped_from]
                segments += [Segment.of_words(kept)] if kept else []
            if why == "loop" and not repeats_itself(bad.text):
                before = [w for w in _segment(bad, offset).words if w.start < looped_from]
                segments += [Segment.of_words(before)] if before else []
                start = looped_from
            start = min(start, looped_from)
        again, resume = _decode_again(model, audio, start, end, options)
        if not any(segment.words for segment in again) or any(loops(segment.text, initial_prompt) for segment in again):
            if not again:  # nothing at all without the prompt: try the bad stretch alone, then go on
                resume = end
            again = _decode_with_fallback(model, audio, start, resume, options)
            decoded_again["temperature_fallback"] += 1
        segments += again
        if on_progress:
            on_progress(min(resume, duration), duration)
        if resume >= duration:
            break
        offset = resume
        lazy_segments, _ = model.transcribe(audio[round(offset * SAMPLE_RATE) :], **options)
    # A loop on the prompt's words that decoding again could not mend is dropped: its stretch is
    # then unworded speech, decoded again on its own.
    segments = without_prompt_loops(in_time_order(segments), initial_prompt)
    decoded_again["unworded_speech"] = _fill_unworded_speech(model, audio, segments, options, initial_prompt)
    if on_progress:
        on_progress(duration, duration)
    settings = {
        "faster_whisper": faster_whisper.__version__,
        **_model_settings(model),
        "batch_size": 0,
        "decoded_again": decoded_again,
        **{key: value for key, value in options.items() if value is not None},
    }
    segments = _finished(segments, initial_prompt, duration, decoded_again)
    return Transcription(segments, duration, info.language, settings, round(info.duration_after_vad, 3))


def _speech_stretch(audio: np.ndarray, time: float) -> tuple[float, float]:
    """The stretch of speech, as the batched pipeline cut it (its VAD, 30 s at most), around ``time``."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    speech = get_speech_timestamps(audio, VadOptions(max_speech_duration_s=30, min_silence_duration_ms=160))
    # Grouped as faster-whisper's collect_chunks groups them (a new stretch where 30 s of speech
    # would be passed), not read from its metadata: that leaves out the first VAD segment of every
    # stretch after the first, and a stretch of one VAD segment altogether.
    spans: list[tuple[float, float]] = []
    held = 0
    for part in speech:
        length = part["end"] - part["start"]
        if spans and held + length <= 30 * SAMPLE_RATE:
            spans[-1] = (spans[-1][0], part["end"] / SAMPLE_RATE)
            held += length
        else:
            spans.append((part["start"] / SAMPLE_RATE, part["end"] / SAMPLE_RATE))
            held = length
    if not spans:
        return 0.0, len(audio) / SAMPLE_RATE
    return min(spans, key=lambda span: 0 if span[0] <= time <= span[1] else min(abs(time - t) for t in span))


def transcribe_batched(
    model,
    audio: np.ndarray,
    language: str = "nl",
    initial_prompt: str | None = None,
    on_progress: Callable[[float, float], None] | None = None,
    batch_size: int = 8,
    beam_size: int = BEAM_SIZE,
) -> Transcription:
    """Transcribe with faster-whisper's ``BatchedInferencePipeline``, ``batch_size`` stretches at a time.

    Each stretch of speech is decoded on its own, with the prompt, so a bad one harms no other.
    A stretch that loops (see :func:`not_speech`; or a name of the prompt said as sentences over
    segments, see :func:`prompt_loop`) is decoded again alone on the sequential path, with the
    prompt, up the temperature ladder (the batched pipeline decodes at one temperature), and the
    pipeline's later segments of that stretch are left out.
    One that echoes the prompt, or still loops, is decoded again alone without the prompt; when
    that is empty or loops too, the sequential path decodes it up the ladder without the prompt.
    ``settings["decoded_again"]`` counts each kind, as :func:`transcribe` does.
    """
    import faster_whisper

    options = {
        "language": language,
        "task": "transcribe",
        "beam_size": beam_size,
        "temperature": 0.0,
        "vad_filter": True,
        "word_timestamps": True,
        "initial_prompt": initial_prompt or None,
    }
    pipeline = faster_whisper.BatchedInferencePipeline(model)
    duration = len(audio) / SAMPLE_RATE
    lazy_segments, info = pipeline.transcribe(audio, batch_size=batch_size, **options)
    segments: list[Segment] = []
    decoded_again = dict.fromkeys(("prompt_echo", "loop", "temperature_fallback"), 0)
    decoded_to = 0.0  # the end of the last stretch decoded again, which replaces the pipeline's segments in it
    for segment in lazy_segments:
        if (segment.start + segment.end) / 2 < decoded_to:
            continue
        heard = _segment(segment, 0.0)
        why = not_speech(segment.text, initial_prompt)
        if not why and _prompt_loop_start([*segments[-1:], heard], initial_prompt) is not None:
            why = "loop"  # a name of the prompt as sentences, one segment each (see prompt_loop)
        if not why:
            segments.append(heard)
        else:
            decoded_again[why] += 1
            start, end = _speech_stretch(audio, (segment.start + segment.end) / 2)
            sequential = {**options, "condition_on_previous_text": True}
            again = []
            if why == "loop":
                # A loop is Whisper's own doing, not the prompt's (an echo is): the stretch decoded
                # window after window, up the temperature ladder, keeps the prompt and the names it
                # spells, which decoded without the prompt are often lost ("Was" for "Bas").
                again = _decode_with_fallback(model, audio, start, end, sequential, initial_prompt)
                if not any(s.words for s in again) or _loops_anywhere(again, initial_prompt):
                    again = []
            if not again:
                clip = _clip(audio, start, end)
                lazy, _ = pipeline.transcribe(clip, batch_size=1, **{**options, "initial_prompt": None})
                again = [_segment(s, start) for s in lazy]
            if not any(s.words for s in again) or any(repeats_itself(s.text) for s in again):
                again = _decode_with_fallback(model, audio, start, end, sequential)
                decoded_again["temperature_fallback"] += 1
            # Keep the words in order: the stretch may reach back over words already kept, and the
            # pipeline's later segments of it are not kept.
            while segments and segments[-1].end > start:
                segments.pop()
            segments += again
            decoded_to = max(decoded_to, end)
        if on_progress:
            on_progress(min(segments[-1].end if segments else 0.0, duration), duration)
    if on_progress:
        on_progress(duration, duration)
    settings = {
        "faster_whisper": faster_whisper.__version__,
        **_model_settings(model),
        "batch_size": batch_size,
        "decoded_again": decoded_again,
        **{key: value for key, value in options.items() if value is not None},
        # Each stretch is decoded without the text before it (the pipeline's only way).
        "condition_on_previous_text": False,
    }
    segments = _finished(segments, initial_prompt, duration, decoded_again)
    return Transcription(segments, duration, info.language, settings, round(info.duration_after_vad, 3))
