"""The transcript file format: lossless round trip, edits mapped to audio, clear errors."""

from pathlib import Path

import pytest

from gesprekken.errors import TranscriptError
from gesprekken.transcript import (
    Conversation,
    Participant,
    Turn,
    Word,
    align_words,
    dumps,
    format_time,
    loads,
    parse_time,
)


def conversation() -> Conversation:
    return Conversation(
        id="abc123def456",
        title="Schuldhulp en maatwerk",
        recording="../recordings/tafel-2.m4a",
        recording_sha256="abc123def456" + "0" * 52,
        duration=3725.5,
        date="2026-11-12",
        conference="Woonconferentie 2026",
        participants=[Participant("Fatma Yilmaz", "adviseur", "Huurdersvereniging Oost"), Participant("Ad Kok")],
        turns=[
            Turn(
                "Fatma Yilmaz",
                1.0,
                3.5,
                "Wij willen maatwerk.",
                # How sure Whisper was of each word; the second turn is as written before it was kept.
                [Word(1.0, 1.4, "Wij", 0.93), Word(1.4, 1.9, "willen", 1.0), Word(2.0, 3.5, "maatwerk.", 0.41)],
            ),
            Turn(
                "Ad Kok",
                3720.0,
                3724.25,
                "Ideeën -- genoeg | toch?",
                [
                    Word(3720.0, 3721.0, "Ideeën"),
                    Word(3721.0, 3721.5, "--"),
                    Word(3721.5, 3722.0, "genoeg"),
                    Word(3722.0, 3723.0, "|"),
                    Word(3723.0, 3724.25, "toch?"),
                ],
            ),
        ],
        transcription={"model": "whisper-base (packaged)", "temperature": 0.0},
    )


def test_round_trip_is_lossless():
    original = conversation()
    text = dumps(original)
    assert loads(text) == original
    assert dumps(loads(text)) == text
    assert "## [1:02:00.00 – 1:02:04.25] Ad Kok" in text


def test_word_probabilities_are_kept_beside_the_times_and_old_files_read_as_before():
    text = dumps(conversation())
    assert "<!-- woorden: 1.00-1.40~0.93 Wij | 1.40-1.90~1.00 willen | 2.00-3.50~0.41 maatwerk. -->" in text
    assert "3720.00-3721.00 Ideeën | 3721.00-3721.50 - - |" in text  # no probability: times only, as before
    turns = loads(text).turns
    assert [w.probability for w in turns[0].words] == [0.93, 1.0, 0.41]
    assert {w.probability for w in turns[1].words} == {None}


def test_a_corrected_word_has_no_probability_and_the_words_around_it_keep_theirs():
    text = dumps(conversation()).replace("Wij willen maatwerk.", "Wij willen echt maatwerk leveren.")
    words = loads(text).turns[0].words
    assert [(w.text, w.probability) for w in words] == [
        ("Wij", 0.93),
        ("willen", 1.0),
        ("echt", None),  # written by the editor, not heard
        ("maatwerk", 0.41),  # as heard
        ("leveren.", None),
    ]
    # Whisper wrote "19" and ".000" as two words of the text "19.000": as sure as the least sure.
    heard = [Word(7.36, 7.62, "19", 0.47), Word(7.62, 7.98, ".000", 0.78), Word(7.98, 8.46, "woningen", 0.55)]
    assert [(w.text, w.probability) for w in align_words(["19.000 woningen"], heard)[0]] == [
        ("19.000", 0.47),
        ("woningen", 0.55),
    ]
    heard = [Word(1.0, 1.3, "auto", 0.9), Word(1.3, 1.5, "'s", 0.6), Word(1.5, 1.9, "en", 0.8)]
    assert [w.probability for w in align_words(["auto's en"], heard)[0]] == [0.6, 0.8]
    heard = [Word(1.5, 1.9, "sociaal", 0.8), Word(1.9, 2.6, "-economisch", 0.7)]
    assert [w.probability for w in align_words(["sociaal-economisch"], heard)[0]] == [0.7]


def test_words_an_editor_joined_or_split_are_the_editors():
    # Whisper heard "in" and "schakelen." apart; the editor's "inschakelen." is a correction, with no
    # probability (and no mark of doubt at the desk), though its letters are the same.
    heard = [Word(2.0, 2.2, "eerder", 0.95), Word(2.2, 2.4, "in", 0.31), Word(2.4, 3.0, "schakelen.", 0.62)]
    assert [(w.text, w.probability) for w in align_words(["eerder inschakelen."], heard)[0]] == [
        ("eerder", 0.95),
        ("inschakelen.", None),
    ]
    heard = [Word(2.0, 2.2, "de", 0.95), Word(2.2, 3.0, "wijkaanpak", 0.42)]
    assert [w.probability for w in align_words(["de wijk aanpak"], heard)[0]] == [0.95, None, None]
    # And so it stays through the file: loaded again, the joined word has no probability.
    text = dumps(conversation()).replace("Wij willen maatwerk.", "Wij willen maat werk.")
    assert [w.probability for w in loads(text).turns[0].words] == [0.93, 1.0, None, None]


def test_a_probability_above_one_is_refused_with_its_line():
    text = dumps(conversation()).replace("1.40-1.90~1.00 willen", "1.40-1.90~1.70 willen")
    with pytest.raises(
        TranscriptError, match=r"line \d+: the probability ~1.70 of 'willen' is more than 1; make it 0 to 1"
    ):
        loads(text, Path("t.md"))


def test_times():
    assert format_time(83.456) == "01:23.46"
    assert format_time(3725.5) == "1:02:05.50"
    assert parse_time("1:02:05.50") == pytest.approx(3725.5)
    assert parse_time("01:23,46") == pytest.approx(83.46)
    assert parse_time("12.5") == 12.5


def test_one_time_formatter_for_every_display():
    assert format_time(59.996) == "01:00.00"  # rounded whole, never 00:60.00
    assert format_time(3725.4567, decimals=3, always_hours=True) == "01:02:05.457"  # WebVTT
    assert format_time(83.456, decimals=3, always_hours=True) == "00:01:23.456"
    assert format_time(83.46, decimals=1) == "01:23.5"  # the Datasette table cells
    assert format_time(59.96, decimals=1) == "01:00.0"
    assert format_time(3725.5, decimals=0) == "1:02:06"  # the search and conversation pages
    assert format_time(0, decimals=0) == "00:00"


def test_corrected_word_keeps_the_time_of_the_word_it_replaced():
    text = dumps(conversation()).replace("Wij willen maatwerk.", "Wij willen echt maatwerk leveren.")
    words = loads(text).turns[0].words
    assert [w.text for w in words] == ["Wij", "willen", "echt", "maatwerk", "leveren."]
    assert (words[0].start, words[1].end) == (1.0, 1.9)
    assert words[2].start == words[2].end == 1.9  # an added word sits after the word before it
    # "maatwerk leveren." replaces "maatwerk.": they share its time.
    assert words[3].start == 2.0 and words[4].end == 3.5


def test_an_editors_words_for_a_misheard_run_take_the_heard_words_times_by_their_letters():
    """Whisper heard "Sturmen," (1.0-1.5) and, after a pause, "avondom" (3.0-3.4); the editor wrote "Stuur me
    maar avonden". Spread evenly over 1.0-3.4 "maar" began at 2.2, in the pause, and "avonden" 0.2 s early;
    by their letters over each heard word's own time the words sit where they were said."""
    heard = [Word(0.5, 0.9, "Ja,"), Word(1.0, 1.5, "Sturmen,"), Word(3.0, 3.4, "avondom"), Word(3.4, 3.6, "dan.")]
    words = align_words(["Ja, Stuur me maar avonden dan."], heard)[0]
    times = {w.text: (w.start, w.end) for w in words}
    assert times["Ja,"] == (0.5, 0.9) and times["dan."] == (3.4, 3.6)  # unchanged words keep their own
    assert times["Stuur"][0] == 1.0 and times["avonden"][1] == 3.4  # the run spans what it replaced
    assert 1.0 < times["me"][0] < times["me"][1] < 1.5  # inside the first heard word
    assert times["avonden"][0] >= 3.0  # not before the second heard word began
    assert [w.start for w in words] == sorted(w.start for w in words)
    # as many words as were heard: word for word ("bel" for "wil")
    heard = [Word(1.0, 1.2, "Ik"), Word(1.3, 1.6, "wil"), Word(1.6, 1.9, "je,"), Word(2.4, 2.9, "morgen.")]
    words = align_words(["Ik bel jou, morgen."], heard)[0]
    assert [(w.start, w.end) for w in words] == [(1.0, 1.2), (1.3, 1.6), (1.6, 1.9), (2.4, 2.9)]


def test_a_word_added_after_a_corrected_run_takes_no_time_from_it():
    """An editor's run (session 58): "om de ruk." corrected to "onder druk." and "Echt." added after it, in one save,
    were three words for three and laid word for word: "druk." took the time of "de" and "Echt." that of "ruk", so
    the quote "De leefbaarheid ... onder druk." stopped before its last word. By the letters they share, "druk." is
    heard in "ruk" and the added word is the moment after it; so too "opdelen. Echt waar." for "op tijdelen."."""
    heard = [
        Word(40.0, 40.5, "De"),
        Word(40.5, 41.5, "leefbaarheid"),
        Word(41.6, 42.0, "staat"),
        Word(42.1, 42.4, "om"),
        Word(42.4, 42.6, "de"),
        Word(42.7, 43.5, "ruk."),
        Word(44.0, 44.2, "We"),
    ]
    words = align_words(["De leefbaarheid staat onder druk. Echt. We"], heard)[0]
    times = {w.text: (w.start, w.end) for w in words}
    assert times["onder"][0] == 42.1 and times["druk."][1] == 43.5, times  # the quote ends where "ruk." did
    assert times["druk."][0] >= 42.4 and times["Echt."] == (43.5, 43.5), times
    assert times["We"] == (44.0, 44.2)
    heard = [Word(31.0, 31.28, "gegevens"), Word(31.28, 31.5, "op"), Word(31.5, 32.14, "tijdelen.")]
    words = align_words(["gegevens opdelen. Echt waar."], heard)[0]
    assert [(w.start, w.end) for w in words[1:]] == [(31.28, 32.14), (32.14, 32.14), (32.14, 32.14)]


def test_a_correction_sharing_a_letter_by_chance_is_spread_and_a_long_one_takes_no_long():
    """A reviewer's read (session 58) of the alignment by shared letters: "150 man" written out as "honderdvijftig
    mensen" shared one "n", and "mensen" became a moment at the end, "honderdvijftig" the whole run; a Whisper loop of
    thousands of words corrected took minutes at every read of the file. One letter in common is chance now, and a
    run too long for letters is spread as before."""
    import time

    heard = [Word(0.84, 1.08, "150"), Word(1.18, 1.42, "man")]
    words = align_words(["honderdvijftig mensen"], heard)[0]
    assert [(w.start, w.end) for w in words] == [(0.84, 1.08), (1.18, 1.42)]
    loop = [Word(n * 0.3, n * 0.3 + 0.25, ["ja,", "nee,", "nou,", "eh,"][n % 4]) for n in range(5000)]
    started = time.perf_counter()
    words = align_words([" ".join(["wederkerigheid"] * 1000)], loop)[0]
    assert time.perf_counter() - started < 10 and words[0].start == 0.0 and words[-1].end == loop[-1].end


def test_corrected_word_does_not_borrow_a_like_word_from_another_turn():
    talk = Conversation(
        id="a1",
        title="Kort",
        turns=[
            Turn("Fatma Yilmaz", 1.0, 1.5, "Nou.", [Word(1.0, 1.5, "Nou.")]),
            Turn("Ad Kok", 2.0, 2.5, "Ja.", [Word(2.0, 2.5, "Ja.")]),
        ],
    )
    turns = loads(dumps(talk).replace("\nNou.\n", "\nJa.\n")).turns  # the editor heard "Ja." twice
    assert [(w.text, w.start) for t in turns for w in t.words] == [("Ja.", 1.0), ("Ja.", 2.0)]


def test_split_turn_without_times_takes_them_from_its_words():
    text = dumps(conversation()).replace("Wij willen maatwerk.", "Wij willen\n\n## Ad Kok\n\nmaatwerk.")
    turns = loads(text).turns
    assert [(t.speaker, t.text) for t in turns[:2]] == [("Fatma Yilmaz", "Wij willen"), ("Ad Kok", "maatwerk.")]
    assert (turns[1].start, turns[1].end) == (2.0, 3.5)
    # the part before the new heading ends with its own last word, where the whole turn ended at 3.5
    assert (turns[0].start, turns[0].end) == (1.0, 1.9) and turns[0].end <= turns[1].start


def test_alignment_without_heard_words():
    assert align_words(["een twee"], []) == [[]]


@pytest.mark.parametrize(
    "damage, line_of, message",
    [
        (lambda t: t.replace("---\n", "", 1), None, "starts with a '---' line"),
        (
            lambda t: t.replace("title: Schuldhulp en maatwerk", "title: Schuldhulp: en maatwerk"),
            "title:",
            'put the value in quotes, like title: "Schuldhulp: en maatwerk"',
        ),
        (
            lambda t: t.replace("id: abc123def456", "id: [abc123def456"),
            "id: [abc123def456",
            "a '[' on this line is never closed with ']'",
        ),
        (lambda t: t.replace("id: abc123def456\n", ""), None, "no 'id'"),
        (
            lambda t: t.replace("---\n\n## [00:01", "---\nLos commentaar\n## [00:01"),
            "Los commentaar",
            "text before the first turn",
        ),
        (lambda t: t.replace("1.00-1.40~0.93 Wij", "1.00 Wij"), "1.00 Wij", "is not 'start-end word'"),
        (lambda t: t.replace("] Ad Kok", "]"), "## [1:02:00.00 – 1:02:04.25]", "needs a speaker"),
        # the times not closed: read as the name "[1:02:00.00 – 1:02:04.25 Ad Kok", whose turn no consent knew
        (lambda t: t.replace("] Ad Kok", " Ad Kok"), "## [1:02:00.00 – 1:02:04.25 Ad Kok", "not closed with ']'"),
        (
            lambda t: t.replace("date: '2026-11-12'", "date: 2016-13-45"),
            "date:",
            "the date 2016-13-45 does not exist (month must be in 1..12); write a date that exists, as YYYY-MM-DD",
        ),
        (
            lambda t: t.replace("date: '2026-11-12'", "date: '2016-02-30'"),
            "date:",
            "the date 2016-02-30 does not exist (day is out of range for month)",
        ),
        # a consent given twice for one person: YAML would read the last and drop the withdrawal unseen
        (
            lambda t: t.replace(
                "  organisation: Huurdersvereniging Oost\n  status: internal",
                "  organisation: Huurdersvereniging Oost\n  status: withdrawn\n  status: published",
            ),
            "status: published",
            "'status' is given twice in one place (also on line 16), and only one would be read; keep the one",
        ),
    ],
)
def test_damaged_transcript_names_file_and_line(damage, line_of, message):
    text = damage(dumps(conversation()))
    # The line an editor would look at: where the damage is (line 1 or 2 for the header).
    lines = text.splitlines()
    line = next(i for i, content in enumerate(lines, 1) if line_of in content) if line_of else None
    with pytest.raises(TranscriptError) as error:
        loads(text, Path("transcripts/tafel-2.md"))
    prefix = str(error.value).split(": ", 1)[0]
    assert prefix.startswith("transcripts/tafel-2.md line ")
    if line:
        assert prefix == f"transcripts/tafel-2.md line {line}"
    assert message in str(error.value)


def test_non_utf8_transcript(tmp_path):
    from gesprekken.corrections import rename_speaker
    from gesprekken.transcript import read

    path = tmp_path / "oud.md"
    path.write_bytes(dumps(conversation()).encode("latin-1", errors="replace").replace(b"Idee", b"Id\xe9e"))
    before = path.read_bytes()
    with pytest.raises(TranscriptError, match="oud.md is not UTF-8 text .*save it as UTF-8 in your editor"):
        read(path)
    with pytest.raises(TranscriptError, match="is not UTF-8 text"):  # a command that rewrites it says the same
        rename_speaker(path, "Ad Kok", "Adriaan Kok")
    assert path.read_bytes() == before


def test_a_whisper_loop_of_thousands_of_words_is_read_in_a_moment():
    """A turn of Whisper's loop ("Ja, ja, ja, ..." through a long silence) read back as written: difflib
    aligned its thousands of equal words in the square of their number (10 s for 12,000 on every read, by
    load, the desk and the pages); unedited words keep their own times at once."""
    import time

    said = "Ja, " * 12_000 + "dat is zo."
    heard = [Word(round(5 + n * 0.1, 2), round(5.05 + n * 0.1, 2), word, 0.5) for n, word in enumerate(said.split())]
    looping = Conversation(
        id="lus",
        title="Een lus",
        turns=[
            Turn(
                "Spreker 1",
                0.0,
                2.0,
                "Ik ben Ingrid.",
                [Word(0.0, 0.4, "Ik"), Word(0.4, 0.8, "ben"), Word(0.8, 2.0, "Ingrid.")],
            ),
            Turn("Spreker 2", 5.0, heard[-1].end, said, heard),
        ],
    )
    started = time.process_time()
    back = loads(dumps(looping))
    assert time.process_time() - started < 2
    assert back.turns[1].words == heard


@pytest.mark.parametrize(
    "one, other, alike",
    [
        ("Joost de Boer", "Joost de Boer-Smit", True),
        ("Joost de Boer", "Joost de Boer-de Vries", True),  # a married name, however long
        ("Joost de Boer", "Joost de Vries-de Boer", True),  # the partner's surname first
        ("Pieter Bakker", "Pieter Bakker-van Maanen", True),
        ("Joost de Boer", "Piet de Boer", False),
        ("Jan Bakker", "Jan-Willem Bakker", False),
        ("Joost", "Joost-Willem", False),
    ],
)
def test_a_surname_joined_by_a_hyphen_is_another_spelling_of_the_name(one, other, alike):
    """A newcomer's run: 'speakers --rename "Joost de Boer=Joost de Boer-de Vries"' left the participant as
    he was and the turns internal under a name nobody listed, where the README says words added count."""
    from gesprekken.transcript import alike_names

    assert alike_names(one, other) is alike and alike_names(other, one) is alike


@pytest.mark.parametrize(
    "old, new, whose",
    [
        ("status: internal\n", "status: pubished\n", "of the conversation"),
        ("  status: published\n", "  status: withdrwn\n", "of participant 'Fatma Yilmaz'"),
    ],
)
def test_an_error_in_the_front_matter_names_its_own_line(old, new, whose):
    """A newcomer's run: a misspelt status on line 7 or line 20 was said to be on line 2."""
    import re
    from dataclasses import replace

    text = dumps(replace(conversation(), participants=[Participant("Fatma Yilmaz", status="published")]))
    assert old in text
    text = text.replace(old, new, 1)
    line = text.splitlines().index(new.rstrip("\n")) + 1
    assert line > 2
    with pytest.raises(TranscriptError, match=rf"x.md line {line}: the status '{new.split()[-1]}' {re.escape(whose)}"):
        loads(text, Path("x.md"))


def test_a_status_typed_in_dutch_in_the_transcript_is_read_as_the_programme_and_the_desk_say_it():
    """A newcomer typed 'status: openbaar' by hand: refused, where the programme and 'publication' take it.
    Not "ja"/"nee" (a programme's consent column): typed into a transcript, "nee" would undo a withdrawal."""
    from dataclasses import replace

    text = dumps(
        replace(conversation(), status="internal", participants=[Participant("Fatma Yilmaz", status="internal")])
    )
    text = text.replace("status: internal\n", "status: Openbaar\n", 1).replace(
        "  status: internal\n", "  status: ingetrokken\n", 1
    )
    read = loads(text, Path("x.md"))
    assert (read.status, read.participants[0].status) == ("published", "withdrawn")
    with pytest.raises(TranscriptError, match="the status 'nee' of the conversation"):
        loads(text.replace("status: Openbaar\n", "status: nee\n", 1), Path("x.md"))


@pytest.mark.parametrize(
    "said",
    [
        "voor ons, met andere woorden: 10.5-15.5 procent",  # wrapped so that a line starts with "woorden: 10.5-15.5"
        "[2-3 woorden onverstaanbaar] de hulp kwam te laat",
        "[00:25.99 – 00:29.21] zei ze, en toen was het stil",
        "woorden: 9.77-10.23 is wat ze noteerde",
    ],
)
def test_text_that_looks_like_a_heading_or_a_comment_is_written_so_that_it_reads_back(said):
    """A reviewer's find: load refused lines that look like a heading or a bare word comment, and gesprekken itself
    wrote such lines (a wrapped turn of Whisper's, a desk edit "[2-3 woorden onverstaanbaar] ..."): the file no
    longer loaded, and publication and forget failed on it."""
    talk = conversation()
    words = said.split()
    text = " ".join(["x" * 71, *words]) if said.startswith("voor ons") else said
    spoken = [Word(1.0 + n * 0.1, 1.05 + n * 0.1, w) for n, w in enumerate(text.split())]
    talk.turns[0] = Turn("Fatma Yilmaz", 1.0, 9.0, text, spoken)
    assert any(
        line.lstrip("\\").startswith(said.split()[0] if not said.startswith("voor") else "woorden:")
        for line in dumps(talk).splitlines()
    )
    assert loads(dumps(talk)).turns[0].text == text


def test_a_split_with_times_typed_and_a_moved_comment_keep_their_word_times():
    """A reviewer's find on this session's first try at "a deleted comment leaves no word times": a split whose
    heading has times typed, and a comment moved under another turn, lost every word time of a turn."""
    talk = conversation()
    text = dumps(talk)
    split = text.replace("Wij willen maatwerk.", "Wij willen\n\n## [00:01.95 – 00:03.50] Ad Kok\n\nmaatwerk.")
    turns = loads(split).turns
    assert [w.text for w in turns[0].words] == ["Wij", "willen"] and [w.text for w in turns[1].words] == ["maatwerk."]
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("<!-- woorden:"))
    comment = lines[first]
    moved = lines[:first] + lines[first + 1 :]
    moved.insert(next(n for n, line in enumerate(moved) if line.startswith("<!-- woorden:")), comment)
    turns = loads("\n".join(moved) + "\n").turns
    assert [w.text for w in turns[0].words] == ["Wij", "willen", "maatwerk."]


def test_the_keys_load_reads_are_every_key_dumps_writes():
    """load refuses a key it does not read (``FRONT_KEYS`` and the entries' keys); a key dumps writes and they
    lack would make gesprekken's own files refused (a reviewer's note: the lists stood apart)."""
    from dataclasses import replace

    import yaml

    from gesprekken.transcript import FRONT_KEYS, PARTICIPANT_KEYS, SPEAKER_KEYS, Speaker

    talk = conversation()
    talk.forgotten = True
    talk.participants[0] = replace(talk.participants[0], confirmed=True, earlier_spellings=["Yılmaz"])
    talk.speakers = [Speaker("Spreker 1", "Fatma Yilmaz", 0.9, ["stelt zich voor"], [0.1, 0.2], True, 181.5)]
    front = yaml.safe_load(dumps(talk).split("---")[1])
    assert set(front) <= set(FRONT_KEYS)
    assert set(front["participants"][0]) == set(PARTICIPANT_KEYS)
    assert set(front["speakers"][0]) == set(SPEAKER_KEYS)
    assert loads(dumps(talk)).participants[0].earlier_spellings == ["Yılmaz"]


def test_a_front_matter_written_anew_keeps_the_editors_comments_at_the_end_of_their_lines():
    """An attack (session 55): a desk save of a headline, 'publication' or 'speakers --confirm' rewrote the front
    matter and dropped every comment at the end of a line ("role: wethouder  # nagevraagd bij Joost"). They stay
    at the end of the line that says the same; one whose line now says otherwise goes to the top, as comment lines
    do; a "#" inside a value is no comment; a second rewrite changes nothing more."""
    from dataclasses import replace

    from gesprekken.transcript import replace_front_matter

    source = dumps(replace(conversation(), title="Tafel #3 over schuld"))
    source = source.replace("title: 'Tafel #3 over schuld'", "title: 'Tafel #3 over schuld'  # zo in het programma")
    source = source.replace("date: '2026-11-12'", "date: 2026-11-12 # volgens het boekje", 1)
    source = source.replace("status: internal\n", "status: internal  # mail van 3 december\n", 1)
    source = source.replace("  role: adviseur\n", "  role: adviseur    # nagevraagd bij Fatma\n", 1)
    assert source.count("  # ") == 3 and "# volgens het boekje" in source
    parsed = loads(source)
    changed = replace(parsed, status="published")
    written = replace_front_matter(source, changed)
    assert "  role: adviseur  # nagevraagd bij Fatma\n" in written
    assert "title: 'Tafel #3 over schuld'  # zo in het programma\n" in written
    assert "date: '2026-11-12'  # volgens het boekje\n" in written  # said the same, written otherwise
    assert written.startswith("---\n# mail van 3 december\n")  # its line says otherwise now
    assert loads(written).status == "published" and loads(written).title == "Tafel #3 over schuld"
    assert replace_front_matter(written, loads(written)) == written
