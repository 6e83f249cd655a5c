"""Who said it: diarization and naming on the synthetic dev set, with the real models."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jiwer
import numpy as np
import pytest
from conftest import SAMPLE_DIR, normalise, run, write_wav
from evaluation import word_speaker_accuracy
from rapidfuzz import fuzz

from gesprekken import transcript
from gesprekken.audio import SAMPLE_RATE, decode

DEV = Path(__file__).parent / "data" / "dev"
PROGRAMME = DEV / "programme.yaml"


def truth(recording: Path) -> list[dict]:
    return json.loads(recording.with_name(recording.name + ".truth.json").read_text(encoding="utf-8"))


def ingest(workspace: Path, recording: Path, *options) -> transcript.Conversation:
    result = run("ingest", recording, *options, cwd=workspace)
    assert result.exit_code == 0, result.output
    written = next(line for line in result.stdout.splitlines() if "->" in line).split("-> ")[1]
    return transcript.read(workspace / written)


def named_accuracy(conversation: transcript.Conversation, recording: Path) -> float:
    """Share of words whose speaker *name* is the true one (no relabelling allowed)."""
    true = truth(recording)
    words, said_by = [], []
    for turn in conversation.turns:
        words += turn.words
        said_by += [turn.speaker] * len(turn.words)
    from evaluation import truth_speaker_at

    right = sum(truth_speaker_at(true, (w.start + w.end) / 2) == s for w, s in zip(words, said_by, strict=True))
    return right / len(words)


def assert_split_and_named(conversation: transcript.Conversation, recording: Path) -> None:
    true_speakers = {t["speaker"] for t in truth(recording)}
    assert {s.name for s in conversation.speakers} == true_speakers  # right count, right names
    assert named_accuracy(conversation, recording) >= 0.95
    # Turns are the voices' turns, not Whisper's segments: as many as the script has.
    assert len(conversation.turns) == len(truth(recording))
    # What was said is heard: the base model on synthetic voices, a loose bound (three voices: 0.17 on
    # AVX2, 0.34 on AVX-512, where the first 20 seconds are decoded again without the prompt).
    said = " ".join(t["text"] for t in truth(recording))
    heard = " ".join(t.text for t in conversation.turns)
    assert jiwer.wer(normalise(said), normalise(heard)) <= 0.5, heard


@pytest.mark.slow
@pytest.mark.whisper
def test_two_men_are_split_and_named(tmp_path):
    recording = DEV / "twee-mannen.mp3"
    assert_split_and_named(ingest(tmp_path, recording, "--programme", PROGRAMME), recording)


def cpu_instruction_sets() -> set[str]:
    """The instruction sets of CTranslate2 that this CPU has (read from /proc/cpuinfo, so Linux only)."""
    try:
        flags = set(re.search(r"^flags\s*:(.*)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)[1].split())
    except (OSError, TypeError):
        return set()
    needs = {"AVX2": {"avx2", "fma"}, "AVX512": {"avx512f", "avx512bw", "avx512dq", "avx512vl"}}
    return {isa for isa, flags_needed in needs.items() if flags_needed <= flags}


@pytest.mark.slow
@pytest.mark.parametrize("isa", ["AVX2", "AVX512"])
def test_three_speakers_are_transcribed_and_named_on_each_instruction_set(tmp_path, isa):
    """CTranslate2 computes with AVX2 on some CPUs and AVX-512 on others, and Whisper's words differ.

    On AVX-512 (here) Whisper writes out its prompt instead of the first 19 seconds of this recording;
    on AVX2 another machine did. Either way the recording is transcribed and its three voices named.
    CTranslate2's own kernels take AVX2 unless forced, its matrix products (oneDNN) the widest the CPU
    has: AVX2 holds both to AVX2, as on a CPU without AVX-512. The instruction set is fixed per process,
    so each runs in its own (not marked whisper: the setting CI's second run makes is overridden here).
    """
    if isa not in cpu_instruction_sets():
        pytest.skip(f"this CPU cannot run CTranslate2's {isa} code")
    recording = DEV / "drie-sprekers.mp3"
    gesprekken = Path(sys.executable).parent / "gesprekken"
    result = subprocess.run(
        [gesprekken, "ingest", recording, "--programme", PROGRAMME],
        cwd=tmp_path,
        env={
            **{k: v for k, v in os.environ.items() if k != "ONEDNN_MAX_CPU_ISA"},
            "CT2_FORCE_CPU_ISA": isa,
            "CT2_VERBOSE": "1",
            **({"ONEDNN_MAX_CPU_ISA": "AVX2"} if isa == "AVX2" else {}),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"Selected ISA: {isa}" in result.stderr  # CTranslate2 did take the instruction set
    assert "Use Intel MKL: false" in result.stderr  # nor MKL on an Intel CPU (gesprekken/__init__.py)
    (path,) = (tmp_path / "transcripts").glob("*.md")
    conversation = transcript.read(path)
    assert_split_and_named(conversation, recording)
    assert set(conversation.transcription["decoded_again"]) == {
        "prompt_echo",
        "loop",
        "temperature_fallback",
        "unworded_speech",
        "past_the_end",
    }


REPLIES = Path(__file__).parent / "data" / "replies"


@pytest.mark.slow
@pytest.mark.whisper
def test_one_word_replies_are_turns_under_the_repliers_name(tmp_path):
    """ "Ja.", "Precies.", "Afgesproken." and "Graag." answer longer turns of the other voice, each
    between pauses: each is a turn of its own, under the name of who said it, and the longer
    turns stay whole. Before, every reply stood under the other name: a word alone between two
    words of one voice took that voice, and a half-second chunk padded with a second of silence
    matched the other voice as often as its own. Words are found by time: Whisper's vary by CPU."""
    recording = REPLIES / "korte-antwoorden.mp3"
    conversation = ingest(tmp_path, recording, "--programme", REPLIES / "programme.yaml")
    true = truth(recording)
    # No voice has a wrong name. Whether both are named depends on what Whisper heard of the
    # introductions ("Sophie Janssen" is "zoveel jansen" on an Intel CPU), so the turns are checked by
    # voice: each written speaker's longer turns are one voice, the two voices differ.
    named = {s.name for s in conversation.speakers} - {None}
    assert named and named <= {t["speaker"] for t in true}
    said_by = [(word, turn.speaker) for turn in conversation.turns for word in turn.words]

    def voices(start: float, end: float) -> list[tuple[str, str]]:
        return [(w.text, s) for w, s in said_by if start - 0.3 <= (w.start + w.end) / 2 <= end + 0.3]

    replies = [t for t in true if len(t["text"].split()) == 1]
    voice_of = {}
    for turn in true:
        if turn not in replies:
            voice_of.setdefault(turn["speaker"], set()).update(s for _, s in voices(turn["start"], turn["end"]))
    assert all(len(v) == 1 for v in voice_of.values()) and len(set.union(*voice_of.values())) == 2, voice_of
    heard = 0
    for reply in replies:
        during = voices(reply["start"], reply["end"])
        heard += bool(during)
        assert {s for _, s in during} <= voice_of[reply["speaker"]], (reply["text"], during)
    assert heard >= len(replies) - 1  # Whisper may miss one lone word; the others are heard
    # No turn is split and none merged: one turn per written turn that Whisper heard.
    assert len(conversation.turns) == len(true) - (len(replies) - heard)
    if len(named) == 2:
        assert named_accuracy(conversation, recording) >= 0.98


def words_at_written_times(turns: list[dict], alone: float | None = None) -> list[transcript.Word]:
    """Each turn's written words spread evenly over its spoken time; the word at ``alone`` seconds
    gets a pause of 0.3 s on either side, a pause-bounded stretch of its speaker's own voice."""
    words = []
    for turn in turns:
        texts = turn["text"].split()
        step = (turn["end"] - turn["start"]) / len(texts)
        for k, text in enumerate(texts):
            start, end = turn["start"] + k * step, turn["start"] + (k + 1) * step - 0.01
            words.append(transcript.Word(round(start, 3), round(end, 3), text))
    if alone is not None:
        i = min(range(len(words)), key=lambda k: abs(words[k].start - alone))
        words[i - 1].end = min(words[i - 1].end, words[i].start - 0.3)
        words[i + 1].start = max(words[i + 1].start, words[i].end + 0.3)
    return words


def test_replies_get_their_own_voice_and_a_lone_word_keeps_its_speakers():
    """Diarization alone, at the written turns' times: each one-word reply between the other
    voice's turns is the replier's voice, and a word of Henk's set apart by pauses in the middle of
    his turn stays his (a hesitation is no change of speaker). Before, the replies took the other
    voice: one word between two words of one voice was smoothed into it."""
    from gesprekken.diarize import VoiceWindows, label_words

    recording = REPLIES / "korte-antwoorden.mp3"
    true = truth(recording)
    middle_of_henk = (true[6]["start"] + true[6]["end"]) / 2
    words = words_at_written_times(true, alone=middle_of_henk)
    windows = VoiceWindows()
    windows.add(decode(recording), words)
    labels = label_words(windows, words, expected=2).labels
    speaker_of = {true[0]["speaker"]: labels[0], true[1]["speaker"]: labels[len(true[0]["text"].split())]}
    assert speaker_of["Henk de Vries"] != speaker_of["Sophie Janssen"]
    said_by = [next(t["speaker"] for t in true if t["start"] <= w.start <= t["end"]) for w in words]
    assert [speaker_of[s] for s in said_by] == labels  # every word, the replies and the lone word too


def test_sample_two_voices_of_different_sex(ingested_sample):
    (path,) = (ingested_sample / "transcripts").glob("*.md")
    conversation = transcript.read(path)
    recording = SAMPLE_DIR / "sample.mp3"
    words = [w for t in conversation.turns for w in t.words]
    labels = [t.speaker for t in conversation.turns for _ in t.words]
    assert word_speaker_accuracy(words, labels, truth(recording)) >= 0.95
    assert named_accuracy(conversation, recording) >= 0.95
    marloes = next(s for s in conversation.speakers if s.name == "Marloes van der Heijden")
    # Named from her introduction, quoted as Whisper wrote it on this CPU.
    assert marloes.confidence >= 0.6 and any(
        fuzz.partial_ratio("ik ben marloes", e.lower()) >= 85 for e in marloes.evidence
    )


@pytest.mark.slow
@pytest.mark.whisper
def test_one_speaker_gives_one_speaker(tmp_path):
    conversation = ingest(tmp_path, DEV / "een-spreker.mp3", "--programme", PROGRAMME)
    assert [s.name for s in conversation.speakers] == ["Marloes van der Heijden"]
    assert {t.speaker for t in conversation.turns} == {"Marloes van der Heijden"}


@pytest.mark.slow
@pytest.mark.whisper
def test_speakers_option_sets_the_number(tmp_path):
    conversation = ingest(tmp_path, DEV / "drie-sprekers.mp3", "--speakers", "2")
    assert len(conversation.speakers) == 2
    assert {s.label for s in conversation.speakers} == {"Spreker 1", "Spreker 2"}
    assert all(s.name is None for s in conversation.speakers)  # no programme: nobody is guessed


@pytest.mark.slow
def test_known_voice_is_recognised_in_another_recording(workspace):
    # The sample named Joost de Boer; the second recording has his voice but no introduction.
    recording = DEV / "tweede-opname.mp3"
    conversation = ingest(workspace, recording)
    joost_said = [t for t in truth(recording) if t["speaker"] == "Joost de Boer"]
    for said in joost_said:  # the turns heard in the time he speaks are his
        heard = [t for t in conversation.turns if said["start"] <= (t.start + t.end) / 2 <= said["end"]]
        assert heard and {t.speaker for t in heard} == {"Joost de Boer"}, (said, heard)
    joost = next(s for s in conversation.speakers if s.name == "Joost de Boer")
    assert any("stemprofiel van Joost de Boer" in e for e in joost.evidence)
    # The other voice is nobody we know: it stays anonymous, never silently guessed.
    others = [s for s in conversation.speakers if s.name != "Joost de Boer"]
    assert others and all(s.name is None for s in others)


@pytest.mark.slow
@pytest.mark.whisper
def test_unnamed_speakers_are_listed_for_the_editor(tmp_path):
    programme = tmp_path / "programma.csv"
    programme.write_text(
        "title,recording,name,role,organisation\n"
        "Betaalbaarheid,tweede-opname.mp3,Ingrid Smit,voorzitter,Woonbond\n"
        "Betaalbaarheid,tweede-opname.mp3,Joost de Boer,sectormanager,gemeente Zwolle\n"
    )
    result = run("ingest", DEV / "tweede-opname.mp3", "--programme", programme, cwd=tmp_path)
    assert result.exit_code == 0
    assert "could not be named with confidence; name it with 'gesprekken speakers" in result.stderr


@pytest.mark.slow
@pytest.mark.whisper
def test_short_turns_and_overlapping_speech_do_not_crash(tmp_path):
    sample = decode(SAMPLE_DIR / "sample.mp3")
    marloes, joost = sample[: 9 * SAMPLE_RATE], sample[10 * SAMPLE_RATE : 19 * SAMPLE_RATE]
    overlap = 0.6 * marloes + 0.6 * joost
    # Alternate half-second slices of the two voices: turns far shorter than a window.
    slices = [(marloes if i % 2 else joost)[i * 8000 : (i + 1) * 8000] for i in range(18)]
    audio = np.concatenate([overlap, np.concatenate(slices)])
    path = write_wav(tmp_path / "door-elkaar.wav", audio * 32767)
    conversation = ingest(tmp_path, path)
    assert conversation.turns and 1 <= len(conversation.speakers) <= 4


def test_rename_and_merge_survive_reingest_and_load(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    result = run("speakers", "1ef18611", "--rename", "Joost de Boer=J. de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "J. de Boer (Spreker 2)\t3 turns" in result.output  # the voice's label beside its name
    edited = path.read_bytes()
    assert run("ingest", "--sample", cwd=workspace).exit_code == 0
    assert run("load", cwd=workspace).exit_code == 0
    assert path.read_bytes() == edited
    conversation = transcript.read(path)
    assert {t.speaker for t in conversation.turns} == {"Marloes van der Heijden", "J. de Boer"}

    # "J. de Boer" is no participant's name, so its words are held: the merge that would show them under
    # Marloes's name needs --force (session 43), and keeps nothing apart with it
    merge = ["speakers", "1ef18611", "--merge", "J. de Boer=Marloes van der Heijden"]
    refused = run(*merge, cwd=workspace)
    assert refused.exit_code == 1 and "J. de Boer is no participant's name" in " ".join(refused.output.split())
    assert path.read_bytes() == edited
    result = run(*merge, "--force", cwd=workspace)
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT DISTINCT speaker FROM turns").fetchall() == [("Marloes van der Heijden",)]


@pytest.mark.parametrize(
    "options, message",
    [
        (["--rename", "Spreker 9=Ad"], "'Spreker 9' does not speak in"),
        (["--rename", "Joost de Boer"], "has no '='"),
        (["--rename", "Joost de Boer=Marloes van der Heijden"], "already speaks in"),
        (["--merge", "Joost de Boer=Ad Kok"], "nothing to merge into"),
    ],
)
def test_speakers_command_refuses_bad_corrections(workspace, options, message):
    (path,) = (workspace / "transcripts").glob("*.md")
    before = path.read_bytes()
    result = run("speakers", "1ef18611", *options, cwd=workspace)
    assert result.exit_code == 1 and message in result.stderr
    assert path.read_bytes() == before


def test_speakers_command_unknown_conversation(workspace):
    result = run("speakers", "bestaatniet", cwd=workspace)
    assert result.exit_code == 1 and "No conversation 'bestaatniet'" in result.stderr


def test_clustering_is_scipys():
    """fastcluster and gesprekken's cut give scipy's labels (linkage + fcluster "maxclust"), which
    the diarization figures were measured with: on the dev recordings' voice windows and at random."""
    from scipy.cluster.hierarchy import fcluster, linkage

    from gesprekken.diarize import cluster, cosine_distances, cut

    reference = np.load(Path(__file__).parent / "data" / "voice_encoder_reference.npz")
    rng = np.random.default_rng(7)
    sets = [reference[name] for name in reference.files if name.endswith(".embeddings")]
    sets += [rng.normal(size=(int(rng.integers(2, 40)), 8)) for _ in range(200)]
    sets += [np.round(rng.normal(size=(30, 4))) + 0.01 for _ in range(50)]  # exact ties in distance
    for vectors in sets:
        vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
        tree = linkage(vectors.astype(np.float64), method="average", metric="cosine")
        assert np.allclose(cosine_distances(vectors), np.clip(tree_distances(vectors), 0, 2), atol=1e-12)
        for k in range(1, len(vectors) + 1):
            assert np.array_equal(cut(tree, k), fcluster(tree, t=k, criterion="maxclust") - 1), (len(vectors), k)
    for name in reference.files:
        if name.endswith(".embeddings"):
            vectors = reference[name]
            tree = linkage(vectors.astype(np.float64), method="average", metric="cosine")
            for speakers in (2, 3, 4):
                assert np.array_equal(cluster(vectors, speakers), fcluster(tree, t=speakers, criterion="maxclust") - 1)
    # Two clear voices, no number given: the dendrogram's own cut finds them.
    voices = np.concatenate([np.tile([1.0, 0.0, 0.0], (5, 1)), np.tile([0.0, 1.0, 0.0], (4, 1))])
    voices += rng.normal(scale=0.01, size=voices.shape)
    labels = cluster(voices).tolist()
    assert len(set(labels[:5])) == len(set(labels[5:])) == 1 and labels[0] != labels[-1]


def tree_distances(vectors: np.ndarray) -> np.ndarray:
    from scipy.spatial.distance import pdist

    return pdist(vectors.astype(np.float64), "cosine")


def three_voices(between_a_and_b: float, to_c: float, seed: int = 1) -> np.ndarray:
    """Six, five and four unit vectors around three voices A, B, C: A and B ``between_a_and_b``
    apart in cosine distance, C ``to_c`` from the middle of A and B."""
    rng = np.random.default_rng(seed)
    turn = np.arccos(1 - between_a_and_b)
    a, b = np.array([1.0, 0, 0, 0]), np.array([np.cos(turn), np.sin(turn), 0, 0])
    middle = (a + b) / np.linalg.norm(a + b)
    lift = np.arccos((1 - to_c) / np.cos(turn / 2))
    c = np.cos(lift) * middle + np.sin(lift) * np.array([0, 0, 1.0, 0])
    rows = [centre + rng.normal(scale=0.1, size=(count, 4)) for centre, count in ((a, 6), (b, 5), (c, 4))]
    vectors = np.concatenate(rows)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def voices_found(labels: np.ndarray) -> int:
    return len(set(labels.tolist()))


def test_programme_breaks_a_near_tie_of_the_gaps():
    """Where the dendrogram's widest gap says two voices by a hair and the programme lists three,
    three it is; a clear gap, voices closer than the threshold and --speakers still win."""
    import fastcluster

    from gesprekken.diarize import PRIOR_GAP_RATIO, cluster, cosine_distances

    def gaps(vectors):
        heights = fastcluster.linkage(cosine_distances(vectors), method="average")[::-1, 2]
        return heights[0] - heights[1], heights[1] - heights[2], heights[1]

    near_tie = three_voices(0.45, 1.05)
    two, three, _ = gaps(near_tie)
    assert PRIOR_GAP_RATIO * two <= three < two  # two by the widest gap, three nearly as wide
    assert voices_found(cluster(near_tie)) == 2
    assert voices_found(cluster(near_tie, expected=3)) == 3
    labels = cluster(near_tie, expected=3).tolist()
    assert [len(set(labels[s])) for s in (slice(0, 6), slice(6, 11), slice(11, 15))] == [1, 1, 1]
    assert voices_found(cluster(near_tie, expected=2)) == 2
    assert voices_found(cluster(near_tie, expected=5)) == 2  # no gap at five worth the name

    # A clear gap at two: a programme of three (someone who did not come) does not split a voice.
    clear = three_voices(0.45, 1.4)
    two, three, _ = gaps(clear)
    assert three < PRIOR_GAP_RATIO * two
    assert voices_found(cluster(clear, expected=3)) == 2
    # A clear gap at three: a programme of two (a moderator off it) does not merge two voices.
    assert voices_found(cluster(three_voices(0.45, 0.85), expected=2)) == 3
    # A and B closer than the threshold are one voice, however the programme counts.
    close = three_voices(0.2, 0.41)
    two, three, between = gaps(close)
    assert three > two and between < 0.3
    assert voices_found(cluster(close, expected=3)) == 2
    # --speakers is a command.
    assert voices_found(cluster(near_tie, 3, expected=2)) == 3 and voices_found(cluster(clear, 3)) == 3


@pytest.mark.slow
@pytest.mark.whisper
def test_programme_keeps_three_close_voices_apart(tmp_path):
    """15-regio: two men from one MBROLA voice (formants 0.9 and 1.3) and a woman. Without its
    sound tag (fb08179) the widest gap said two voices by 0.119 against 0.112, and one voice
    carried two men's words; the programme's three participants break that tie."""
    recording = Path(__file__).parent / "data" / "naming" / "heldout" / "15-regio.mp3"
    conversation = ingest(tmp_path, recording, "--programme", recording.with_name("programme.yaml"))
    assert len({t.speaker for t in conversation.turns}) == 3
    assert conversation.transcription["diarization"]["programme_speakers"] == 3
    words = [w for t in conversation.turns for w in t.words]
    said_by = [t.speaker for t in conversation.turns for _ in t.words]
    assert word_speaker_accuracy(words, said_by, truth(recording)) >= 0.95
    assert named_accuracy(conversation, recording) >= 0.95  # and each voice's name is its speaker's
