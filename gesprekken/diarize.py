"""Diarization: who speaks when, from voice embeddings of the recording, on the CPU.

Whisper's words say where there is speech. The words are grouped into speech chunks
(split at pauses), each chunk is cut into 1.6-second windows, and resemblyzer's speaker
encoder (converted to ONNX, shipped inside gesprekken, see voice_encoder.py) turns every
window into a voice embedding. Agglomerative clustering on cosine distance groups the
windows by voice: with ``num_speakers`` it makes that many groups, otherwise a distance
threshold decides how many there are. Each word then takes the voice of the windows
around it, so a speaker change inside one Whisper segment still splits the turn.

A short reply between pauses ("Ja.", "Afgesproken.") is its own chunk and keeps the voice
its own frames match, so it becomes a turn of its own; a short stretch of the same voice
(a word after a hesitation) takes the voice around it unless its frames clearly match the
other voice (``REPLY_MARGIN``).
"""

from dataclasses import dataclass, field

import numpy as np

from .transcript import Word
from .voice_encoder import mel_filterbank, mel_frames, normalize_volume, voice_encoder

FRAME = 0.01  # resemblyzer's mel frames are 10 ms
WINDOW_FRAMES = 160  # and its windows 1.6 s
WINDOWS_PER_SECOND = 2.0
#: Pauses at least this long separate speech chunks; no window spans one.
CHUNK_PAUSE = 0.25
#: Average cosine distance below which all speech is one voice; also the least distance
#: at which the dendrogram may be cut.
DISTANCE_THRESHOLD = 0.3
#: Chunks shorter than this give unsteady embeddings: they are assigned, not clustered.
MIN_CLUSTER_CHUNK = 1.0
#: A chunk shorter than ``MIN_CLUSTER_CHUNK`` between two chunks of one voice is another voice
#: only when its frames match that voice by at least this much cosine similarity more. On the
#: spoken sets heldout7 and heldout8 replies ("Precies.", "Vier?") matched the other voice by
#: 0.14-0.31, a speaker's own short stretches ("Alleen," after a pause) by at most 0.04.
REPLY_MARGIN = 0.08
MAX_SPEAKERS = 8
#: The programme's number of participants is taken instead of the widest gap's when the gap at
#: its cut is at least this share of the widest (see ``choose_speakers``): within the 0.02 that
#: one second of audio moved gaps of 0.10-0.12 (15-20%), not beyond it.
PRIOR_GAP_RATIO = 0.8
#: A voice heard for less of the speech than this is folded into the nearest other voice.
MIN_SPEAKER_SHARE = 0.03


@dataclass
class Diarization:
    """A voice label per word, and each voice's mean embedding (for voice profiles)."""

    labels: list[int]
    embeddings: np.ndarray
    settings: dict = field(default_factory=dict)

    @property
    def num_speakers(self) -> int:
        return len(self.embeddings)


def warm_up() -> None:
    """Load the speaker encoder (onnxruntime, a fraction of a second).

    Ingest calls this in a thread while Whisper transcribes, so the cost hides behind it.
    """
    voice_encoder()
    mel_filterbank()


def speech_chunks(words: list[Word], pause: float = CHUNK_PAUSE) -> list[list[int]]:
    """Indices of ``words`` grouped into runs without a pause of ``pause`` seconds or more."""
    chunks: list[list[int]] = []
    for i, word in enumerate(words):
        if chunks and word.start - words[chunks[-1][-1]].end < pause:
            chunks[-1].append(i)
        else:
            chunks.append([i])
    return chunks


def _windows(first: int, last: int, step: int) -> list[tuple[int, int]]:
    """Frame ranges of 1.6-s windows covering frames ``first``..``last`` of one chunk."""
    if last - first <= WINDOW_FRAMES:
        return [(first, last)]
    starts = list(range(first, last - WINDOW_FRAMES + 1, step))
    if starts[-1] + WINDOW_FRAMES < last:
        starts.append(last - WINDOW_FRAMES)
    return [(s, s + WINDOW_FRAMES) for s in starts]


@dataclass
class VoiceWindows:
    """Voice embeddings of 1.6-second windows over the speech, gathered piece of audio by piece.

    Times are seconds in the whole recording, so a long recording can be embedded one
    decoded piece at a time and its audio dropped afterwards.
    """

    spans: list[tuple[float, float]] = field(default_factory=list)
    chunk_of_window: list[int] = field(default_factory=list)
    chunk_durations: list[float] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)

    def add(self, audio: np.ndarray, words: list[Word], offset: float = 0.0) -> None:
        """Embed the speech of ``audio`` (which starts at ``offset``), given its ``words``."""
        if not words:
            return
        mel = mel_frames(normalize_volume(audio))
        step = round(1 / WINDOWS_PER_SECOND / FRAME)
        batch = []
        for chunk in speech_chunks(words):
            first = max(0, int((words[chunk[0]].start - offset) / FRAME))
            last = min(len(mel), max(first + 1, int(np.ceil((words[chunk[-1]].end - offset) / FRAME))))
            number = len(self.chunk_durations)
            self.chunk_durations.append(words[chunk[-1]].end - words[chunk[0]].start)
            for start, end in _windows(first, last, step):
                # A short chunk is repeated to fill its window: padded with silence, a half-second
                # reply was mostly silence to the encoder and often matched the other voice (on
                # heldout8's word times 15 words of such chunks took the wrong voice, repeated 4).
                repeats = -(-WINDOW_FRAMES // (end - start))
                window = np.tile(mel[start:end], (repeats, 1))[:WINDOW_FRAMES]
                self.spans.append((offset + start * FRAME, offset + end * FRAME))
                self.chunk_of_window.append(number)
                batch.append(window)
        if batch:
            self.vectors.append(voice_encoder().embed(np.stack(batch)))


def cluster(embeddings: np.ndarray, num_speakers: int | None = None, expected: int | None = None) -> np.ndarray:
    """Group L2-normalised embeddings by voice (average-linkage on cosine distance); a label per row.

    Without ``num_speakers`` the dendrogram decides: no voices at all if its top merge is
    closer than ``DISTANCE_THRESHOLD``, otherwise the cut at the widest gap between merge
    heights, which keeps the decision away from any one fixed distance. ``expected`` (the
    programme's number of participants) is a prior, not a command: see ``choose_speakers``.
    """
    if len(embeddings) < 2 or num_speakers == 1:
        return np.zeros(len(embeddings), dtype=int)
    # fastcluster: scipy's linkage (the same algorithm and output) in a 0.2 MB package, not 140 MB.
    import fastcluster

    tree = fastcluster.linkage(cosine_distances(embeddings), method="average")
    if not num_speakers:
        num_speakers = choose_speakers(tree, expected)
        if num_speakers == 1:
            return np.zeros(len(embeddings), dtype=int)
    return cut(tree, min(num_speakers, len(embeddings)))


def choose_speakers(tree: np.ndarray, expected: int | None = None) -> int:
    """How many voices a linkage matrix holds: the cut at the widest gap between merge heights,
    or ``expected`` where its own gap is nearly as wide.

    The widest gap is a measurement, and a noisy one: dropping one second of music from a
    recording moved its two top gaps by 0.02 each, on gaps of 0.10-0.12, and so flipped three
    voices to two. The programme's number of participants is evidence from outside the
    recording, so it breaks a near tie: ``expected`` voices are taken when the gap at that cut
    is at least ``PRIOR_GAP_RATIO`` of the widest and the merge that cut leaves apart is still
    farther than ``DISTANCE_THRESHOLD`` (voices that close are one voice, whatever the
    programme says). A clear gap elsewhere wins: someone listed may not have come, and a
    moderator may be off the programme.
    """
    heights = np.append(tree[::-1, 2], 0.0)  # highest merge first
    if heights[0] < DISTANCE_THRESHOLD:
        return 1
    candidates = [i for i in range(min(MAX_SPEAKERS - 1, len(heights) - 1)) if heights[i] >= DISTANCE_THRESHOLD]
    gaps = {i + 2: heights[i] - heights[i + 1] for i in candidates}
    widest = max(gaps, key=gaps.get)  # the first of equal gaps: the fewest voices
    if expected in gaps and expected != widest and gaps[expected] >= PRIOR_GAP_RATIO * gaps[widest]:
        return expected
    return widest


def cosine_distances(vectors: np.ndarray) -> np.ndarray:
    """Cosine distance of every pair of rows, condensed (row by row, upper triangle) as
    ``scipy.spatial.distance.pdist(vectors, "cosine")`` gives it."""
    x = vectors.astype(np.float64)
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    upper = np.triu_indices(len(x), k=1)
    return np.clip(1.0 - (x @ x.T)[upper], 0.0, 2.0)


def cut(tree: np.ndarray, k: int) -> np.ndarray:
    """Cut a linkage matrix into at most ``k`` flat clusters: a label (0, 1, ...) per observation.

    As ``scipy.cluster.hierarchy.fcluster(tree, k, "maxclust") - 1``: the lowest cut that leaves at
    most ``k`` clusters (merges of equal height go together), numbered as scipy numbers them.
    """
    n = len(tree) + 1
    if k >= n:
        return np.arange(n)  # every observation alone, in order
    # Each merge's height, or the highest below it where a merge lies lower than one it contains.
    highest = np.empty(n - 1)
    for i, (left, right, height, _) in enumerate(tree):
        highest[i] = max([height] + [highest[int(child) - n] for child in (left, right) if child >= n])
    ordered = np.sort(highest)
    # With the cut at ordered[i], the merges up to it are made: n - (i + 1) clusters, ties merged too.
    threshold = ordered[n - k - 1]
    labels = np.empty(n, dtype=int)
    number = 0
    # scipy's order: depth first from the top, the merged children (left, then right) before the
    # single observations hanging from the same merge.
    stack = [(2 * n - 2, False)]
    while stack:
        node, expanded = stack.pop()
        children = [int(tree[node - n, 0]), int(tree[node - n, 1])]
        if expanded:
            for child in children:
                if child < n:
                    labels[child] = number
                    number += 1
        elif highest[node - n] <= threshold:
            below = [node]
            while below:
                inner = below.pop()
                if inner < n:
                    labels[inner] = number
                else:
                    below += [int(tree[inner - n, 0]), int(tree[inner - n, 1])]
            number += 1
        else:
            stack.append((node, True))
            stack += [(child, False) for child in reversed(children) if child >= n]
    return labels


def _merge_small_clusters(
    labels: np.ndarray, embeddings: np.ndarray, durations: np.ndarray, min_share: float
) -> np.ndarray:
    """Fold voices heard for less than ``min_share`` of the speech into the nearest other voice."""
    labels = labels.copy()
    while True:
        ids = np.unique(labels)
        shares = np.array([durations[labels == i].sum() for i in ids]) / durations.sum()
        if len(ids) < 2 or shares.min() >= min_share:
            return labels
        small = ids[shares.argmin()]
        centroids = {i: _unit(embeddings[labels == i].mean(axis=0)) for i in ids if i != small}
        own = _unit(embeddings[labels == small].mean(axis=0))
        labels[labels == small] = max(centroids, key=lambda i: float(own @ centroids[i]))


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / (np.linalg.norm(vector) or 1.0)


def label_words(
    windows: VoiceWindows, words: list[Word], num_speakers: int | None = None, expected: int | None = None
) -> Diarization:
    """Cluster the voices of ``windows`` and give each of ``words`` the voice around it.

    ``num_speakers`` fixes the number of voices; ``expected`` (how many participants the
    programme lists) only breaks a near tie of the dendrogram's own choice (``choose_speakers``).

    Speech chunks (their windows averaged) are clustered, because a whole chunk's voice is
    far steadier than one window's; every window then takes its nearest voice, so a
    change of speaker without a pause still shows inside a chunk.
    """
    settings = {
        "method": "resemblyzer+average-linkage",
        "windows_per_second": WINDOWS_PER_SECOND,
        "distance_threshold": DISTANCE_THRESHOLD,
        "speakers": num_speakers or "auto",
    }
    if expected and not num_speakers:
        settings["programme_speakers"] = expected
    if not words or not windows.vectors:
        return Diarization([0] * len(words), np.zeros((0, 256), dtype=np.float32), settings)
    embeddings = np.concatenate(windows.vectors)
    chunk_of_window = np.array(windows.chunk_of_window)
    chunks = sorted(set(windows.chunk_of_window))
    chunk_embeddings = np.stack([_unit(embeddings[chunk_of_window == c].mean(axis=0)) for c in chunks])
    durations = np.array([windows.chunk_durations[c] for c in chunks])
    steady = durations >= MIN_CLUSTER_CHUNK
    if steady.sum() < 2:
        steady[:] = True
    chunk_labels = cluster(chunk_embeddings[steady], num_speakers, expected)
    if not num_speakers:
        chunk_labels = _merge_small_clusters(
            chunk_labels, chunk_embeddings[steady], durations[steady], min_share=MIN_SPEAKER_SHARE
        )
    ids = sorted(set(chunk_labels.tolist()))
    weighted = chunk_embeddings[steady] * durations[steady, None]
    centroids = np.stack([_unit(weighted[chunk_labels == i].sum(axis=0)) for i in ids])
    window_labels = np.argmax(embeddings @ centroids.T, axis=1)

    starts = np.array([start for start, _ in windows.spans])
    ends = np.array([end for _, end in windows.spans])
    labels = []
    windows_of_word = []
    for word in words:
        centre = (word.start + word.end) / 2
        covering = np.flatnonzero((starts <= centre) & (centre < ends))
        if not len(covering):
            covering = np.array([int(np.argmin(np.abs((starts + ends) / 2 - centre)))])
        windows_of_word.append(covering)
        labels.append(int(np.bincount(window_labels[covering], minlength=len(ids)).argmax()))
    chunks = speech_chunks(words)
    labels = _smooth(labels, chunks)
    labels = _short_chunks(labels, chunks, words, windows_of_word, embeddings, centroids)

    # Number voices by first appearance, and keep each one's mean embedding.
    order: dict[int, int] = {}
    for label in labels:
        order.setdefault(label, len(order))
    labels = [order[label] for label in labels]
    means = np.stack([centroids[old] for old, _ in sorted(order.items(), key=lambda item: item[1])])
    return Diarization(labels, means.astype(np.float32), settings)


def _smooth(labels: list[int], chunks: list[list[int]]) -> list[int]:
    """A single word between two words of one other voice in its own chunk takes that voice.

    One word inside a stretch of speech is no turn. A word alone between pauses is left to
    ``_short_chunks``: a one-word reply is a turn.
    """
    smoothed = list(labels)
    for chunk in chunks:
        for before, i, after in zip(chunk, chunk[1:], chunk[2:], strict=False):
            if labels[before] == labels[after] != labels[i]:
                smoothed[i] = labels[before]
    return smoothed


def _short_chunks(
    labels: list[int],
    chunks: list[list[int]],
    words: list[Word],
    windows_of_word: list[np.ndarray],
    embeddings: np.ndarray,
    centroids: np.ndarray,
) -> list[int]:
    """Give each short chunk between two chunks of one voice a single voice: the other voice
    when its own frames match that voice by ``REPLY_MARGIN`` or more (a reply), else the voice
    around it (the same speaker after a hesitation)."""
    labels = list(labels)
    for before, chunk, after in zip(chunks, chunks[1:], chunks[2:], strict=False):
        around = labels[before[-1]]
        if labels[after[0]] != around or words[chunk[-1]].end - words[chunk[0]].start >= MIN_CLUSTER_CHUNK:
            continue
        own = _unit(embeddings[np.unique(np.concatenate([windows_of_word[i] for i in chunk]))].mean(axis=0))
        similarity = centroids @ own
        best = int(np.argmax(similarity))
        voice = best if similarity[best] - similarity[around] >= REPLY_MARGIN else around
        for i in chunk:
            labels[i] = voice
    return labels
