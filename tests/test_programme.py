"""The programme: CSV from a spreadsheet or YAML, matched to recordings, refused with file and line."""

from dataclasses import replace
from pathlib import Path

import pytest

from gesprekken.errors import ProgrammeError
from gesprekken.programme import read_programme
from gesprekken.transcript import Participant

CSV = """titel;opname;naam;functie;organisatie
Wederkerigheid in de wijk;tafel-3.m4a;Marloes van der Heijden;directeur;Woonstichting De Linie
Wederkerigheid in de wijk;tafel-3.m4a;Joost de Boer;sectormanager wonen;gemeente Zwolle
Schuldhulp vroeg;;Fatma Yilmaz;adviseur;"Huurdersvereniging Oost; Zwolle"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_dutch_headers_and_semicolons(tmp_path):
    programme = read_programme(write(tmp_path, "programma.csv", CSV))
    first, second = programme.entries
    assert first.title == "Wederkerigheid in de wijk" and first.recording == "tafel-3.m4a"
    assert first.participants == [
        Participant("Marloes van der Heijden", "directeur", "Woonstichting De Linie"),
        Participant("Joost de Boer", "sectormanager wonen", "gemeente Zwolle"),
    ]
    assert second.participants[0].organisation == "Huurdersvereniging Oost; Zwolle"
    assert programme.match(Path("opnames/TAFEL-3.m4a")) is first
    assert programme.match(Path("schuldhulp-vroeg.mp3")) is second  # by title
    assert programme.match(Path("onbekend.mp3")) is None


def test_a_file_name_matches_in_either_unicode_form(tmp_path):
    import unicodedata

    name = "Café-Zoë tafel 2.m4a"
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert nfc != nfd
    for written, on_disk in ((nfc, nfd), (nfd, nfc)):  # macOS writes NFD names, a spreadsheet NFC
        programme = read_programme(write(tmp_path, "p.csv", f"title,recording,name\nOver wonen,{written},Ad Kok\n"))
        assert programme.match(tmp_path / on_disk) is programme.entries[0]
        assert programme.match(tmp_path / on_disk.upper().replace(".M4A", ".mp3")) is programme.entries[0]  # by stem


def test_two_recordings_of_one_file_name_in_two_folders_are_two_conversations(tmp_path):
    """Session 60's list: a recorder names every day's file alike (dag1/gesprek.m4a, dag2/gesprek.m4a), and the
    programme matched by file name alone. Such a programme was refused ("a recording is one conversation"), which it
    is not; each recording is now its own entry's, told apart by its folder (as a spreadsheet on Windows writes it
    too), and one in a folder the programme does not name is matched to neither."""
    import numpy as np
    from conftest import run, write_wav

    from gesprekken import transcript
    from gesprekken.audio import content_sha256
    from gesprekken.programme import title_from_filename
    from gesprekken.transcript import Conversation, Turn

    text = (
        "title,recording,name,organisation\n"
        "Dag een,dag1/gesprek.m4a,Ad Kok,gemeente Deventer\n"
        "Dag twee,dag2\\gesprek.m4a,Lies Berg,Woonstichting De Linie\n"
    )
    programme = read_programme(write(tmp_path, "programma.csv", text))
    one, two = programme.entries
    assert programme.match(tmp_path / "opnames" / "dag1" / "gesprek.m4a") is one
    assert programme.match(Path("opnames/DAG2/gesprek.wav")) is two  # (by its stem too, whatever the case)
    assert programme.match(Path("../dag2/gesprek.m4a")) is two
    assert programme.match(tmp_path / "dag3" / "gesprek.m4a") is None
    with pytest.raises(ProgrammeError, match="line 3: the recording 'dag1/gesprek.m4a' is given to 'Dag twee' here"):
        read_programme(write(tmp_path, "twee.csv", text.replace("dag2\\", "dag1/")))

    # as ingest wrote them without a programme (no Whisper: ingest keeps a transcript it has), then applied
    for n, day in enumerate(("dag1", "dag2")):
        (tmp_path / "opnames" / day).mkdir(parents=True)
        wav = write_wav(tmp_path / "opnames" / day / "gesprek.m4a", np.random.default_rng(n).normal(0, 3000, 16000))
        sha = content_sha256(wav)
        said = [Turn("Spreker 1", 0.0, 4.0, "Goedemiddag, welkom aan tafel.")]
        conversation = Conversation(
            id=sha[:12],
            title=title_from_filename(wav),
            recording=f"../opnames/{day}/gesprek.m4a",
            recording_sha256=sha,
            duration=1.0,
            turns=said,
        )
        transcript.write(conversation, tmp_path / "transcripts" / f"gesprek-{day}.md")
    result = run("ingest", "opnames", "--programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    offers = sorted(line for line in result.stderr.splitlines() if "differs from the programme" in line)
    assert len(offers) == 2 and "'Dag een'" in offers[0] and "'Dag twee'" in offers[1], result.stderr
    assert offers[0].startswith("gesprek-dag1.md") and offers[1].startswith("gesprek-dag2.md"), offers
    assert "names" not in result.stderr  # (no entry said missing: both are transcripts')
    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    applied = {path.name: transcript.read(path) for path in (tmp_path / "transcripts").glob("*.md")}
    assert {name: (c.title, [p.name for p in c.participants]) for name, c in applied.items()} == {
        "gesprek-dag1.md": ("Dag een", ["Ad Kok"]),
        "gesprek-dag2.md": ("Dag twee", ["Lies Berg"]),
    }
    # Dag een's recording and transcript not here: the programme's entry for it is said missing, though Dag twee's
    # transcript has a recording of that name (which said none missing)
    (tmp_path / "transcripts" / "gesprek-dag1.md").unlink()
    (tmp_path / "opnames" / "dag1" / "gesprek.m4a").unlink()
    result = run("ingest", "opnames", "--programme", "programma.csv", cwd=tmp_path)
    said = " ".join(result.stderr.split())
    assert "the programme programma.csv names dag1/gesprek.m4a ('Dag een', line 2), which is among no" in said, said


def test_two_recordings_of_one_file_name_listed_with_the_organisers_folders_are_told_apart(tmp_path):
    """A reviewer's read of d019ac2 (session 61): the programme lists the recordings where the organiser kept them
    (opnames/dag1/gesprek.m4a, or D:\\Congres\\dag1\\gesprek.m4a from a spreadsheet on Windows), the recordings
    here are recordings/dag1/gesprek.m4a: neither entry was matched, as neither listed path was whole at the end of
    the recording's; the entry whose folders the recording's path ends with most is its own."""
    for first, second in (
        ("opnames/dag1/gesprek.m4a", "opnames/dag2/gesprek.m4a"),
        ("D:\\Congres\\dag1\\gesprek.m4a", "D:\\Congres\\dag2\\gesprek.m4a"),
        ("/home/organisatie/Opnames/DAG1/gesprek.m4a", "/home/organisatie/Opnames/dag2/gesprek.m4a"),
    ):
        text = f"title,recording,name\nDag een,{first},Ad Kok\nDag twee,{second},Lies Berg\n"
        programme = read_programme(write(tmp_path, "programma.csv", text))
        one, two = programme.entries
        assert programme.match(tmp_path / "recordings" / "dag1" / "gesprek.m4a") is one, first
        assert programme.match(Path("recordings/dag2/gesprek.m4a")) is two, second
        assert programme.match(tmp_path / "recordings" / "dag3" / "gesprek.m4a") is None  # (neither's folder)
        assert programme.match(tmp_path / "gesprek.m4a") is None
    # a listed name without folders is any other of that name, but not the recording another entry's folders name
    text = "title,recording,name\nAlgemeen,gesprek.m4a,Ad Kok\nDag twee,opnames/dag2/gesprek.m4a,Lies Berg\n"
    programme = read_programme(write(tmp_path, "programma.csv", text))
    bare, two = programme.entries
    assert programme.match(tmp_path / "recordings" / "dag2" / "gesprek.m4a") is two
    assert programme.match(tmp_path / "recordings" / "dag1" / "gesprek.m4a") is bare


def test_names_written_decomposed_are_read_composed(tmp_path):
    """A programme saved on macOS may hold "Zoë Çelik" decomposed; Whisper, the desk and a command line
    write her composed. Read composed, she is one name wherever it is compared."""
    import unicodedata

    text = "title;name;role;organisation\nOver schulden;Zoë Çelik;wethouder;Gemeente Sûdwest-Fryslân\n"
    programme = read_programme(write(tmp_path, "p.csv", unicodedata.normalize("NFD", text)))
    (zoe,) = programme.entries[0].participants
    assert (zoe.name, zoe.organisation) == ("Zoë Çelik", "Gemeente Sûdwest-Fryslân")
    assert all(unicodedata.is_normalized("NFC", value) for value in (zoe.name, zoe.organisation))


@pytest.mark.parametrize("key", ["publicatie_gesprek", "conversation_status"])
def test_a_yaml_conversations_status_under_the_csv_columns_name_is_its_status(tmp_path, key):
    """An attack (session 56): 'publicatie_gesprek: nee' at a conversation in YAML was dropped without a word."""
    path = write(tmp_path, "p.yaml", f"conversations:\n  - title: A\n    {key}: nee\n    participants: [Ad Kok]\n")
    ((entry,),) = [read_programme(path).entries]
    assert entry.status == "internal" and "" in entry.stated


def test_excels_separator_line_is_read(tmp_path):
    """An attack (session 56): a Dutch Excel's CSV that opens with "sep=;" was refused as a header without 'title'."""
    path = write(tmp_path, "p.csv", "sep=;\ntitel;naam;functie\nTafel 1;Ad Kok;wethouder\n")
    ((entry,),) = [read_programme(path).entries]
    assert entry.title == "Tafel 1" and entry.participants == [Participant("Ad Kok", "wethouder")]


def test_yaml_and_the_single_conversation_rule(tmp_path):
    path = write(
        tmp_path,
        "programma.yaml",
        """
conference: Woonconferentie 2026
conversations:
  - title: Doorstroming
    participants:
      - name: Ad Kok
        role: wethouder
        organisation: gemeente Deventer
      - Fatma Yilmaz
""",
    )
    programme = read_programme(path)
    (entry,) = programme.entries
    assert entry.conference == "Woonconferentie 2026"
    assert entry.participants == [Participant("Ad Kok", "wethouder", "gemeente Deventer"), Participant("Fatma Yilmaz")]
    assert programme.match(Path("rec001.wav")) is None
    assert programme.match(Path("rec001.wav"), only_recording=True) is entry


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("p.yaml", "conversations:\n  - title: A\n    participants: [\n", "p.yaml line 3: a '[' on this line is never"),
        ("p.yaml", "conversations:\n  - title: A\n  - participants: []\n", "p.yaml line 3: a conversation without"),
        ("p.yaml", "conversations:\n  - title: A\n    participants: [{name: X}, {name: x}]\n", "'x' is named twice"),
        ("p.yaml", "conversations:\n  - title: A\n  - title: a\n", "line 3: the conversation 'a' is listed twice"),
        ("p.csv", "title,name\nA,Ad Kok\nA,Ad Kok\n", "p.csv line 3: 'Ad Kok' is named twice in 'A'"),
        # two tables under one title were one conversation (an attack, session 56)
        (
            "p.csv",
            "title,recording,name\nRondetafel,a.mp3,Ad Kok\nRondetafel,b.wav,Bo Smit\n",
            "p.csv line 3: 'Rondetafel' has the recording 'b.wav' here and 'a.mp3' at line 2; if these are two",
        ),
        (
            "p.yaml",
            "conversations:\n  - title: A\n    participants:\n      name: Ad Kok\n      role: wethouder\n",
            "p.yaml line 2: the participants of 'A' are no list; write each as '- name: ...'",
        ),
        (
            "p.csv",
            "titel,wie\nA,Ad\n",
            "p.csv line 1: the header needs at least the columns 'title' and 'name' ('titel' and 'naam')",
        ),
        ("p.csv", "title,name\nA,\n", "p.csv line 2: every row needs a title and a name"),
        (  # a cell left out: the organisation was read as the role, silently (a newcomer's run, session 28)
            "p.csv",
            "title,recording,date,name,role,organisation\nWederkerigheid,t.mp3,2026-11-12,Joost,gemeente Zwolle\n",
            "p.csv line 2: 5 cells but 6 columns (title, recording, date, name, role, organisation); give every row",
        ),
        ("p.csv", "", "p.csv line 1: the programme is empty"),
        # a header alone (an attack, session 56: accepted as a programme of nothing)
        ("p.csv", "title,name\n", "p.csv: the programme has a header but no rows"),
        (
            "p.yaml",
            "conversations:\n  - title: A\n    participants:\n      - name: Ad Kok\n"
            "        role: [directeur, voorzitter]\n",
            "the role ['directeur', 'voorzitter'] is a list, not one text",
        ),
        (
            "p.csv",
            'title,name\nA,"Ad Kok\nB,Bo\nC,Cor\n',
            "p.csv line 2: the cell 'name' of this row runs on over 3 lines, as if a quotation mark in it",
        ),
        (
            "p.csv",
            'title,name,role\nA,Ad,"wethouder\nA,Bo,voorzitter\nB,Cor,lid\n',
            "p.csv line 2: the cell 'role' of this row runs on over 3 lines, as if a quotation mark in it",
        ),
        ("p.csv", 'title,name\nA,"Ad Kok\n', 'p.csv line 2: a quotation mark (") opened on this line is never closed'),
        ("p.csv", 'title;name\nA;Ad\nB;"Bo', 'p.csv line 3: a quotation mark (") opened on this line is never closed'),
        ("p.txt", "title: A", "neither .csv nor .yaml"),
        (
            "p.yaml",
            "conversations:\n  - title: A\n    date: 2016-13-45\n",
            "p.yaml line 3: the date 2016-13-45 does not exist (month must be in 1..12); write a date that exists",
        ),
        ("p.yaml", "conversations:\n  - title: A\n    date: '2016-02-30'\n", "p.yaml line 2: the date 2016-02-30 does"),
        ("p.csv", "title,date,name\nA,2016-02-28,Ad\nB,2016-02-30,Bo\n", "p.csv line 3: the date 2016-02-30 does"),
    ],
)
def test_bad_programme_names_file_and_line(tmp_path, name, text, message):
    with pytest.raises(ProgrammeError) as error:
        read_programme(write(tmp_path, name, text))
    assert message in str(error.value)


def test_a_quotation_mark_never_closed_in_the_last_row_is_named(tmp_path):
    """The row's cells ran into one, and the message blamed a missing title and name."""
    from conftest import run

    path = kept_tafel_3(tmp_path)
    before = path.read_text()
    write(tmp_path, "bad.csv", 'title,recording,name\n"Wederkerigheid,tafel-3.wav,Marloes\n')
    result = run("apply-programme", "bad.csv", "--dry-run", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: bad.csv line 2: a quotation mark (") opened on this line is never closed, so the rest of the row '
        "is read as one cell; close the quotation mark or remove it\n"
    )
    assert path.read_text() == before


def test_quotation_marks_that_close_or_stand_inside_a_cell_are_still_read(tmp_path):
    text = 'title,name,role\n"Wonen, zorg",Ad,wethouder\nB,Bo,5" scherm\n'
    first, second = read_programme(write(tmp_path, "p.csv", text)).entries
    assert (first.title, first.participants[0].role) == ("Wonen, zorg", "wethouder")
    assert second.participants[0].role == '5" scherm'


@pytest.mark.parametrize("separator", [",", ";"])
def test_a_quotation_mark_a_spreadsheet_doubled_is_read_as_one(tmp_path, separator):
    """'"Ad ""de"" Kok"' was read as 'Ad "de"" Kok"': a name no transcript heading matches."""
    header = separator.join(("title", "name", "role"))
    text = f'{header}\nWonen{separator}"Ad ""de"" Kok"{separator}"""eerste"" wethouder"\n'
    (entry,) = read_programme(write(tmp_path, "p.csv", text)).entries
    assert (entry.participants[0].name, entry.participants[0].role) == ('Ad "de" Kok', '"eerste" wethouder')


def test_a_note_over_two_lines_in_a_spreadsheet_is_read(tmp_path):
    """A cell of an extra column with a line break and a comma in it (Alt+Enter in a spreadsheet), its
    quotation marks closed: read, not refused as a quotation mark never closed."""
    text = 'title,name,notes\nWonen,Jan Kuipers,"Komt later,\nvia de zij-ingang"\nWonen,Gerda Smeets,\n'
    programme = read_programme(write(tmp_path, "p.csv", text))
    assert [p.name for p in programme.entries[0].participants] == ["Jan Kuipers", "Gerda Smeets"]


#: What organisers get wrong in YAML, the line an editor shows it on, and what the message must say.
BROKEN_YAML = [
    (
        "conversations:\n  - title: Wonen: de toekomst\n    date: 2026-03-12\n",
        2,
        'put the value in quotes, like title: "Wonen: de toekomst"',
    ),
    ("conversations:\n\t- title: A\n", 2, "indented with a tab; indent it with spaces"),
    (
        'conversations:\n  - title: "Wonen in de wijk\n    date: 2026-03-12\n  - title: B\n',
        2,
        "a quotation mark on this line is never closed",
    ),
    (
        "conversations:\n  - title: A\n    participants:\n      - name: Jan\n     role: voorzitter\n",
        5,
        "indented differently from the lines it belongs with",
    ),
    ("conversations:\n  - title: A\n    participants: [Jan, Piet\n  - title: B\n", 3, "never closed with ']'"),
    ("conversations:\n  - title: A\n    participants: [\n", 3, "never closed with ']'"),
    ("conversations:\n  - title: @home\n", 2, "starts with '@'"),
    ("conversations:\n  - title: *stress\n", 2, 'put the value in quotes, like title: "*stress"'),
    ("conversations:\n  - title: A\n  dit is tekst\n", 3, "has text without a key"),
    ("conversations:\n  -title: A\n    date: 2026-03-12\n", 2, "a '-' that starts a list item needs a space"),
    ('conversations:\n  - title: "Het" nieuwe wonen\n', 2, "title: '\"Het\" nieuwe wonen'"),
    # a key twice in one participant: YAML keeps the second and drops the first without a word
    (
        "conversations:\n  - title: A\n    participants:\n      - name: Jan\n        role: a\n        name: Piet\n",
        6,
        "'name' is given twice in one place (also on line 4)",
    ),
    # a key misspelt: read, it was ignored, and the conversation had no participants (no names, no consent)
    (
        "conversations:\n  - title: A\n    partcipants:\n      - name: Jan\n",
        3,
        "the key 'partcipants' is not one gesprekken reads (did you mean 'participants'?)",
    ),
    (
        "conversations:\n  - title: A\n    participants:\n      - name: Jan\n        statuss: published\n",
        5,
        "the key 'statuss' is not one gesprekken reads (did you mean 'status'?)",
    ),
    ("conference: X\nconversatons:\n  - title: A\n", 2, "(did you mean 'conversations'?)"),
    # a word processor's line break (Shift+Enter) pasted into a value: an invisible character
    ("conversations:\n  - title: A\n    participants:\n      - name: Jan\x0bKuipers\n", 4, "invisible character"),
]


@pytest.mark.parametrize("text, line, advice", BROKEN_YAML)
def test_broken_yaml_programme_says_line_and_what_to_do(tmp_path, text, line, advice):
    import numpy as np
    from conftest import run, snapshot, write_wav

    recording = write_wav(tmp_path / "tafel-3.wav", np.zeros(16000))
    programme = write(tmp_path, "programma.yaml", text)
    before = snapshot(tmp_path)
    result = run("ingest", recording, "--programme", programme, cwd=tmp_path)
    message = result.stderr.strip()
    assert result.exit_code == 1 and message.startswith(f"Error: {programme} line {line}: "), message
    assert advice in message and message.count("\n") == 0
    for jargon in ("mapping", "scalar", "token", "block end", "stream", "node", "alias"):
        assert jargon not in message
    assert snapshot(tmp_path) == before


def test_a_misspelt_csv_column_is_refused_not_ignored(tmp_path):
    """`statuss` ignored left everyone internal without a word: refused, naming file, line and the column meant."""
    import numpy as np
    from conftest import run, snapshot, write_wav

    recording = write_wav(tmp_path / "tafel-3.wav", np.zeros(16000))
    programme = write(tmp_path, "programma.csv", "title,recording,name,statuss\nWonen,tafel-3.wav,Ad Kok,published\n")
    before = snapshot(tmp_path)
    result = run("ingest", recording, "--programme", programme, cwd=tmp_path)
    message = result.stderr.strip()
    assert result.exit_code == 1 and message.count("\n") == 0, message
    assert message.startswith(f"Error: {programme} line 1: the column 'statuss' is not one gesprekken reads")
    assert "(did you mean 'status'?)" in message
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "column, meant",
    [("naaam", "naam"), ("organisaton", "organisation"), ("Opnaem ", "opname"), ("conferntie", "conferentie")],
)
def test_a_misspelt_column_says_what_was_meant(tmp_path, column, meant):
    path = write(tmp_path, "p.csv", f"title,name,{column}\nA,Ad,x\n")
    with pytest.raises(ProgrammeError, match=f"line 1: the column .* \\(did you mean '{meant}'\\?\\)"):
        read_programme(path)


@pytest.mark.parametrize("column", ["notes", "email", "opmerkingen", "voornaam", "tafel", "telefoon", "zaal"])
def test_a_column_of_the_organisers_own_is_still_read_past(tmp_path, column):
    programme = read_programme(write(tmp_path, "p.csv", f"title,name,{column}\nWonen,Ad Kok,iets\n"))
    assert [p.name for p in programme.entries[0].participants] == ["Ad Kok"]
    yaml_text = f"conversations:\n  - title: A\n    {column}: x\n    participants:\n      - {{name: Ad, {column}: x}}\n"
    assert read_programme(write(tmp_path, "p.yaml", yaml_text)).entries[0].participants[0].name == "Ad"


def kept_transcript(tmp_path: Path, name: str, seed: int, said: list[tuple[str, str]], **fields) -> Path:
    """``name``.wav (a second of noise) and its transcript in ``transcripts/``, as ingest writes it
    (no Whisper: ingest keeps a transcript it has): ``said`` (speaker, text) a turn every five seconds,
    and the Conversation's other ``fields`` (title, speakers, participants, status)."""
    import numpy as np
    from conftest import write_wav

    from gesprekken import transcript
    from gesprekken.audio import content_sha256
    from gesprekken.transcript import Conversation, Turn

    sha = content_sha256(write_wav(tmp_path / f"{name}.wav", np.random.default_rng(seed).normal(0, 3000, 16000)))
    conversation = Conversation(
        id=sha[:12],
        recording=f"../{name}.wav",
        recording_sha256=sha,
        duration=1.0,
        turns=[Turn(speaker, i * 5.0, i * 5.0 + 4, text) for i, (speaker, text) in enumerate(said)],
        **fields,
    )
    (tmp_path / "transcripts").mkdir(exist_ok=True)
    path = tmp_path / "transcripts" / f"{name}.md"
    transcript.write(conversation, path)
    return path


def kept_tafel_3(tmp_path: Path) -> Path:
    """tafel-3.wav's transcript as ingest writes it without a programme (no Whisper: kept as it is)."""
    from gesprekken.transcript import Speaker

    said = [("Spreker 1", "Ik ben Ad Kok, wethouder in Deventer.")]
    return kept_transcript(tmp_path, "tafel-3", 3, said, title="Tafel 3", speakers=[Speaker("Spreker 1")])


DUTCH_YAML = """conferentie: Woonconferentie 2026
gesprekken:
  - titel: Wonen in de wijk
    opname: tafel-3.wav
    datum: 2026-11-12
    toestemming: openbaar
    deelnemers:
      - {naam: Ad Kok, rol: wethouder, organisatie: gemeente Deventer, toestemming: openbaar}
      - {naam: Els Vos, functie: notulist, organization: Stichting Stil, titels: drs.}
"""


def test_a_yaml_programme_with_dutch_keys_is_read_as_the_english_one(tmp_path):
    """`deelnemers:` with `naam:` was a conversation without participants, and `rol:` a typo."""
    from conftest import run

    from gesprekken.transcript import read

    path = kept_tafel_3(tmp_path)
    write(tmp_path, "programma.yaml", DUTCH_YAML)
    result = run("apply-programme", "programma.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    conversation = read(path)
    assert (conversation.title, conversation.date, conversation.conference) == (
        "Wonen in de wijk",
        "2026-11-12",
        "Woonconferentie 2026",
    )
    assert conversation.participants == [
        Participant("Ad Kok", "wethouder", "gemeente Deventer", "published"),
        Participant("Els Vos", "notulist", "Stichting Stil", "internal"),
    ]


def test_a_csv_programme_with_dutch_columns_and_words_of_its_own(tmp_path):
    """`conferentie` was refused as a typo of 'conference'; `organisator`, `rollen`, `namen` and
    `titels` (the organiser, a person's titles) are words of the spreadsheet's own."""
    from conftest import run

    from gesprekken.transcript import read

    path = kept_tafel_3(tmp_path)
    write(
        tmp_path,
        "programma.csv",
        "titel;opname;conferentie;naam;rol;organisator;rollen;namen;titels\n"
        "Wonen;tafel-3.wav;Woonconferentie 2026;Ad Kok;wethouder;Nina;spreker;Ad;drs.\n",
    )
    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    conversation = read(path)
    assert (conversation.title, conversation.conference) == ("Wonen", "Woonconferentie 2026")
    assert conversation.participants == [Participant("Ad Kok", "wethouder")]


@pytest.mark.parametrize(
    "text, advice",
    [
        ("gesprekken:\n  - titel: A\n    deelnemrs:\n      - naam: Ad\n", "'deelnemrs' is not one gesprekken reads"),
        ("gesprekken:\n  - titel: A\n    deelnemers:\n      - {naaam: Ad}\n", "(did you mean 'naam'?)"),
        ("conferntie: X\ngesprekken:\n  - titel: A\n", "(did you mean 'conferentie'?)"),
        ("conversations:\n  - title: A\n    participants:\n      - {name: Ad, naam: Bo}\n", "'name' and 'naam'"),
    ],
)
def test_a_dutch_yaml_key_misspelt_or_given_twice_is_refused(tmp_path, text, advice):
    with pytest.raises(ProgrammeError, match=r"line \d+: ") as refused:
        read_programme(write(tmp_path, "p.yaml", text))
    assert advice in str(refused.value)


def test_dates_that_exist_are_kept(tmp_path):
    yaml_text = "conversations:\n  - title: A\n    date: 2016-02-29\n  - title: B\n    date: 12 november 2026\n"
    assert [e.date for e in read_programme(write(tmp_path, "p.yaml", yaml_text)).entries] == [
        "2016-02-29",
        "2026-11-12",
    ]
    csv_text = "title,date,name\nA,2016-02-29,Ad\n"
    assert read_programme(write(tmp_path, "p.csv", csv_text)).entries[0].date == "2016-02-29"


@pytest.mark.parametrize(
    "written, stored",
    [
        ("12-11-2026 14:00", "2026-11-12 14:00"),
        ("12 november 2026 9:30", "2026-11-12 9:30"),
        ("2026-2-3", "2026-02-03"),
        ("2026-11-12T14:00", "2026-11-12T14:00"),
    ],
)
def test_a_date_with_a_time_or_unpadded_is_read_as_its_iso_form_sorts(written, stored):
    """12-11-2026 14:00 was refused where 2026-11-12 14:00 was kept; 2026-2-3 was kept unpadded, where
    3-2-2026 became 2026-02-03: stored dates sort as text, and the two would not."""
    from gesprekken.paths import iso_date

    assert iso_date(written) == stored


@pytest.mark.parametrize(
    "name, text",
    [
        ("programma.csv", "titel,opname,datum,naam\nWonen,tafel-3.wav,12-11-2026,Ad Kok\n"),
        ("programma.csv", "titel;opname;datum;naam\nWonen;tafel-3.wav;12/11/2026;Ad Kok\n"),
        ("programma.csv", "titel,opname,datum,naam\nWonen,tafel-3.wav,12.11.2026,Ad Kok\n"),
        ("programma.yaml", "gesprekken:\n  - {titel: Wonen, opname: tafel-3.wav, datum: 12-11-2026}\n"),
        ("programma.yaml", "gesprekken:\n  - {titel: Wonen, opname: tafel-3.wav, datum: 12 november 2026}\n"),
    ],
)
def test_a_date_written_day_first_is_stored_as_that_day(tmp_path, name, text):
    """12-11-2026 was kept as written, a date the database sorts after 2027-01-05 and a reader may
    take for December 11th."""
    from conftest import run

    from gesprekken.transcript import read

    path = kept_tafel_3(tmp_path)
    write(tmp_path, name, text)
    result = run("apply-programme", name, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert read(path).date == "2026-11-12"
    assert "12-11-2026" not in path.read_text()


@pytest.mark.parametrize(
    "name, text, line, value",
    [
        ("bad.csv", "titel,opname,datum,naam\nWonen,tafel-3.wav,volgende week,Ad Kok\n", 2, "volgende week"),
        ("bad.csv", "titel,datum,naam\nWonen,2026-11-12,Ad\nB,,Bo\nC,12 november,Cor\n", 4, "12 november"),
        ("bad.yaml", "gesprekken:\n  - titel: Wonen\n    datum: volgende week\n", 2, "volgende week"),
    ],
)
def test_a_date_that_is_no_date_is_refused(tmp_path, name, text, line, value):
    """`volgende week` was kept silently (apply-programme --dry-run left the old date, ingest wrote it)."""
    from conftest import run

    path = kept_tafel_3(tmp_path)
    before = path.read_text()
    write(tmp_path, name, text)
    result = run("apply-programme", name, "--dry-run", cwd=tmp_path)
    assert result.exit_code == 1
    assert f"Error: {name} line {line}: the date {value!r} is not a date" in result.stderr
    assert result.stderr.rstrip().endswith("write the date as 2026-11-12 (year-month-day)")
    assert "Traceback" not in result.output
    assert path.read_text() == before


def test_a_transcript_date_kept_day_first_takes_the_programmes_iso_form(tmp_path):
    """A transcript an older gesprekken wrote with the programme's 12-11-2026 is that day, not an
    editor's other date to keep."""
    from conftest import run

    from gesprekken import transcript
    from gesprekken.transcript import read

    path = kept_tafel_3(tmp_path)
    transcript.write(replace(read(path), date="12-11-2026"), path)
    write(tmp_path, "programma.csv", "titel,opname,datum,naam\nTafel 3,tafel-3.wav,12-11-2026,Ad Kok\n")
    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert read(path).date == "2026-11-12" and "kept the date" not in result.output


def test_programme_in_a_legacy_encoding(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("title,name\nCoöperatie,Zoë\n".encode("cp1252"))
    with pytest.raises(ProgrammeError, match=r"is not UTF-8 text \(line 2, byte 13\).*CSV UTF-8"):
        read_programme(path)


# --- a programme given, or corrected, after the recordings were ingested ------------------------

LATE_PROGRAMME = """title,recording,date,name,role,organisation,status
Wonen in de wijk,tafel-4.wav,2026-11-12,Marloes van der Heijden,directeur,Woonstichting De Linie,openbaar
Wonen in de wijk,tafel-4.wav,2026-11-12,Joost de Boer,sectormanager wonen,gemeente Zwolle,ingetrokken
Wonen in de wijk,tafel-4.wav,2026-11-12,Fatma Yilmaz,adviseur,Huurdersvereniging Oost,openbaar
Schuldhulp vroeg,tafel-5.wav,2026-11-13,Ad Kok,wethouder,gemeente Deventer,openbaar
"""


def kept_transcripts(tmp_path: Path) -> tuple[Path, Path]:
    """Two recordings whose transcripts ingest wrote without a programme, then an editor touched:
    tafel-4 published, Fatma Yilmaz added by hand (internal) and her voice named (confirmed); tafel-5
    retitled. Written as ingest writes them (no Whisper: ingest keeps a transcript it has)."""
    from gesprekken.transcript import Speaker

    fatma = Speaker("Spreker 3", "Fatma Yilmaz", 1.0, ["door de redactie: Spreker 3 is Fatma Yilmaz"], None, True)
    tafel_4 = kept_transcript(
        tmp_path,
        "tafel-4",
        0,
        [
            ("Spreker 1", "Goedemiddag, ik ben Marloes van der Heijden, directeur van Woonstichting De Linie."),
            ("Spreker 2", "En ik ben Joost de Boer, sectormanager wonen bij de gemeente Zwolle."),
            ("Fatma Yilmaz", "Wij zien bij de huurders dat de schulden oplopen voordat iemand aan de bel trekt."),
            ("Spreker 1", "Dat herken ik, wij als corporatie willen eerder bij mensen aan tafel."),
            ("Spreker 2", "Bij ons in Zwolle zijn we daar vorig jaar mee begonnen."),
        ],
        title="Tafel 4",
        participants=[Participant("Fatma Yilmaz")],
        status="published",
        speakers=[Speaker("Spreker 1"), Speaker("Spreker 2"), fatma],
    )
    tafel_5 = kept_transcript(
        tmp_path,
        "tafel-5",
        1,
        [("Spreker 1", "Ik ben Ad Kok, wethouder in Deventer."), ("Spreker 2", "Welkom, Ad.")],
        title="Over schulden",
        speakers=[Speaker("Spreker 1"), Speaker("Spreker 2")],
    )
    return tafel_4, tafel_5


def test_a_programme_given_later_is_offered_then_applied_as_far_as_no_editor_changed_it(tmp_path):
    from conftest import run

    from gesprekken.transcript import read

    tafel4, tafel5 = kept_transcripts(tmp_path)
    programme = write(tmp_path, "programma.csv", LATE_PROGRAMME)
    before = tafel4.read_bytes(), tafel5.read_bytes()

    # Ingest keeps the transcripts as they are, and says (one line each) where they differ and how to apply it.
    result = run("ingest", "tafel-4.wav", "tafel-5.wav", "--programme", programme.name, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tafel4.read_bytes(), tafel5.read_bytes()) == before
    id4 = read(tafel4).id[:8]
    offers = [line for line in result.stderr.splitlines() if "differs from the programme" in line]
    assert len(offers) == 2, result.stderr
    assert offers[0].startswith("tafel-4.md differs from the programme programma.csv (title 'Tafel 4' -> 'Wonen in de")
    assert "added Marloes van der Heijden (published), Joost de Boer (withdrawn)" in offers[0]
    assert offers[0].endswith(f"apply it with 'gesprekken apply-programme programma.csv {id4}'")
    assert "title" not in offers[1] and "date 2026-11-13" in offers[1]  # an editor's title is theirs

    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    applied = read(tafel4)
    assert (applied.title, applied.date, applied.status) == ("Wonen in de wijk", "2026-11-12", "published")
    people = {p.name: p for p in applied.participants}
    assert {name: p.status for name, p in people.items()} == {
        "Fatma Yilmaz": "internal",  # set by an editor: never loosened
        "Marloes van der Heijden": "published",
        "Joost de Boer": "withdrawn",
    }
    assert (people["Fatma Yilmaz"].role, people["Fatma Yilmaz"].organisation) == ("adviseur", "Huurdersvereniging Oost")
    # The voices named again from the words already there; the name an editor confirmed stays.
    assert [t.speaker for t in applied.turns] == [
        "Marloes van der Heijden",
        "Joost de Boer",
        "Fatma Yilmaz",
        "Marloes van der Heijden",
        "Joost de Boer",
    ]
    assert next(s for s in applied.speakers if s.label == "Spreker 3").confirmed
    # Withdrawn in the programme: their words are not published by this, nor Fatma's (internal).
    assert not applied.published_for("Joost de Boer") and not applied.published_for("Fatma Yilmaz")
    # Her voice was named again automatically, and Joost's too: a pair may be named the wrong way round, so
    # hers stays back until an editor confirms it (Conversation.held_for_naming), then shows.
    assert applied.held_for_naming() == ["Marloes van der Heijden", "Joost de Boer"]
    assert not applied.published_for("Marloes van der Heijden")
    marloes = next(s for s in applied.speakers if s.name == "Marloes van der Heijden")
    assert run("speakers", id4, "--rename", f"{marloes.name}={marloes.name}", cwd=tmp_path).exit_code == 0
    assert read(tafel4).published_for("Marloes van der Heijden")
    assert f'gesprekken publication {id4} published --participant "Fatma Yilmaz"' in result.stderr
    retitled = read(tafel5)
    assert (retitled.title, retitled.date, [t.speaker for t in retitled.turns][0]) == (
        "Over schulden",
        "2026-11-13",
        "Ad Kok",
    )
    assert "kept the title 'Over schulden' (the programme says 'Schuldhulp vroeg')" in result.stderr
    # The database follows the transcripts.
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "gesprekken.db")
    assert db.execute("SELECT title FROM conversations WHERE id = ?", [applied.id]).fetchone()[0] == "Wonen in de wijk"
    assert {r["speaker"] for r in db.query("SELECT speaker FROM turns WHERE conversation_id = ?", [applied.id])} == {
        "Marloes van der Heijden",
        "Joost de Boer",
        "Fatma Yilmaz",
    }

    # Again: nothing more changes, and ingest has nothing more to say.
    after = tafel4.read_bytes(), tafel5.read_bytes()
    again = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert again.exit_code == 0 and (tafel4.read_bytes(), tafel5.read_bytes()) == after
    # Both keep what an editor set where the programme differs: said so, not "as the programme says" (a
    # newcomer read that beside "Fatma Yilmaz stays internal (the programme says published)", session 28).
    assert "0 transcripts changed, 0 already as the programme says, 2 kept where it differs" in again.stderr
    assert "as the programme says:" not in again.stdout and again.stdout.count("unchanged: ") == 2, again.stdout
    result = run("ingest", "tafel-4.wav", "tafel-5.wav", "--programme", programme.name, cwd=tmp_path)
    assert "differs from the programme" not in result.stderr


def test_ingest_says_where_a_kept_transcript_keeps_its_own_spelling_or_role_against_the_programme(tmp_path):
    """A newcomer's run: ingest with a programme that spelt "Marloes van der Heijde" and gave her another role
    said only "kept: ..."; apply-programme --dry-run named the role, neither the spelling. Both say both now,
    and nothing changes."""
    from conftest import run

    tafel4, _ = kept_transcripts(tmp_path)
    write(tmp_path, "programma.csv", LATE_PROGRAMME)
    assert run("apply-programme", "programma.csv", cwd=tmp_path).exit_code == 0
    other = LATE_PROGRAMME.replace("Marloes van der Heijden,directeur", "Marloes van der Heijde,bestuurder")
    write(tmp_path, "programma-2.csv", other)
    before = tafel4.read_bytes()
    spelt = "kept the spelling 'Marloes van der Heijden' (the programme writes 'Marloes van der Heijde')"
    role = "kept the role 'directeur' (the programme says 'bestuurder') of Marloes van der Heijden"
    for command in (
        ("ingest", "tafel-4.wav", "--programme", "programma-2.csv"),
        ("apply-programme", "programma-2.csv", "--dry-run"),
    ):
        result = run(*command, cwd=tmp_path)
        said = " ".join(result.stderr.split())
        assert result.exit_code == 0 and spelt in said and role in said, said
    assert tafel4.read_bytes() == before


def test_nobody_comes_back_from_the_programme_where_someone_was_forgotten(tmp_path):
    from conftest import run

    from gesprekken.transcript import read

    tafel4, _ = kept_transcripts(tmp_path)
    write(tmp_path, "programma.csv", LATE_PROGRAMME)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert run("forget", "Fatma Yilmaz", "--yes", cwd=tmp_path).exit_code == 0
    result = run("apply-programme", "programma.csv", "--dry-run", cwd=tmp_path)
    assert "someone was forgotten from this conversation, so nobody is added to it" in result.stderr
    before = tafel4.read_bytes()
    assert run("apply-programme", "programma.csv", "--dry-run", cwd=tmp_path).exit_code == 0
    assert tafel4.read_bytes() == before
    assert run("apply-programme", "programma.csv", cwd=tmp_path).exit_code == 0
    assert "Fatma Yilmaz" not in {p.name for p in read(tafel4).participants}


def test_where_someone_was_forgotten_the_programmes_names_of_those_not_there_are_not_said(tmp_path):
    """Session 58 left: after `forget`, ingest (the sample's too) and apply-programme said on every run "someone was
    forgotten from this conversation, so nobody is added to it (they may be among ..., Fatma Yilmaz)": the programme's
    names of those not in the transcript, the forgotten person's among them, said again by forget's own mark. Now how
    many, and that one whom forget took out is to be taken off the programme; nobody is added."""
    from conftest import run

    from gesprekken.transcript import read

    tafel4, _ = kept_transcripts(tmp_path)
    write(tmp_path, "programma.csv", LATE_PROGRAMME)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert run("forget", "Fatma Yilmaz", "--yes", cwd=tmp_path).exit_code == 0
    names = [p.name for p in read(tafel4).participants]
    for command in (
        ("apply-programme", "programma.csv", "--dry-run"),
        ("apply-programme", "programma.csv"),
        ("ingest", "tafel-4.wav", "--programme", "programma.csv"),
    ):
        result = run(*command, cwd=tmp_path)
        said = " ".join((result.stdout + result.stderr).split())
        assert result.exit_code == 0, said
        assert "Fatma" not in said and "Yilmaz" not in said, said
        assert "someone was forgotten from this conversation, so nobody is added to it" in said, said
        # (the third, Fatma, whom forget's record knows: tests below)
        assert "the programme lists 2 participants this transcript does not have" in said, said
        assert "if one of them is whom you forgot, take them off the programme" in said, said
    assert [p.name for p in read(tafel4).participants] == names


def test_a_forgotten_person_the_programme_lists_at_another_table_is_added_nowhere(tmp_path):
    """Session 58 left: forget keeps no name, so a programme that lists Fatma Yilmaz, forgotten, at another table
    (tafel-5, which never held her) added her there as published on apply-programme, her name, role and organisation
    back in a transcript and on the site. Forget now keeps a record of whom it took out that holds no name (salted
    hashes); apply-programme and ingest add such a person nowhere and say so by no name."""
    from conftest import run

    from gesprekken.transcript import read

    tafel4, tafel5 = kept_transcripts(tmp_path)
    row = "Schuldhulp vroeg,tafel-5.wav,2026-11-13,Fatma Yilmaz,adviseur,Huurdersvereniging Oost,openbaar\n"
    write(tmp_path, "programma.csv", LATE_PROGRAMME + row.replace("Yilmaz", "YILMAZ"))
    assert run("load", cwd=tmp_path).exit_code == 0
    files = sorted((tmp_path / "transcripts").iterdir())
    assert run("forget", "Fatma Yilmaz", "--yes", "--dry-run", cwd=tmp_path).exit_code == 0
    assert sorted((tmp_path / "transcripts").iterdir()) == files  # a dry run writes nothing
    assert run("forget", "Fatma Yilmaz", "--yes", cwd=tmp_path).exit_code == 0
    for command in (
        ("apply-programme", "programma.csv", "--dry-run"),
        ("apply-programme", "programma.csv"),
        ("ingest", "tafel-5.wav", "--programme", "programma.csv"),
    ):
        result = run(*command, cwd=tmp_path)
        said = " ".join((result.stdout + result.stderr).split())
        assert result.exit_code == 0, said
        assert "Fatma" not in said and "YILMAZ" not in said, said
        assert "the programme's 'Schuldhulp vroeg' lists 1 person forget took out, so that one was not added" in said
    assert [p.name for p in read(tafel5).participants] == ["Ad Kok"]
    assert "Fatma" not in (tmp_path / "transcripts").joinpath(tafel5.name).read_text(encoding="utf-8")
    assert "Fatma" not in {p.name for p in read(tafel4).participants}
    from gesprekken.consent import FORGOTTEN

    record = (tmp_path / "transcripts" / FORGOTTEN).read_bytes()
    assert b"Fatma" not in record and b"fatma" not in record and b"ilmaz" not in record.lower()


def test_a_forgotten_participant_who_never_spoke_does_not_come_back_from_the_programme(tmp_path):
    """Forgotten, a participant who said nothing and was not named left no mark in the transcript:
    applying the programme again put their name, role and organisation back among the participants."""
    from conftest import run

    from gesprekken.transcript import read

    _, tafel5 = kept_transcripts(tmp_path)
    write(
        tmp_path,
        "programma.csv",
        LATE_PROGRAMME + "Schuldhulp vroeg,tafel-5.wav,2026-11-13,Els Vos,notulist,Stichting Stil,openbaar\n",
    )
    assert run("apply-programme", "programma.csv", cwd=tmp_path).exit_code == 0
    assert "Els Vos" in {p.name for p in read(tafel5).participants}
    forgotten = run("forget", "Els Vos", "--yes", cwd=tmp_path)
    assert forgotten.exit_code == 0, forgotten.output
    assert "Els Vos" not in tafel5.read_text(encoding="utf-8")
    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Els Vos" not in tafel5.read_text(encoding="utf-8"), result.stderr


def test_naming_again_does_not_move_a_withdrawn_voice_to_a_published_name(tmp_path):
    """A voice automatically named after Anna Kok (withdrawn) whose words introduce Marloes van der
    Heijden, whom the programme adds as published: renamed, Anna's words would be published as
    Marloes's. The name stays, with the command to run once someone has listened."""
    from conftest import run

    from gesprekken import transcript
    from gesprekken.transcript import Speaker

    speakers = [
        Speaker("Spreker 1", "Anna Kok", 0.6, ["stem lijkt op die van Anna Kok"]),
        Speaker("Spreker 2"),
    ]
    said = [
        ("Anna Kok", "Goedemiddag, ik ben Marloes van der Heijden, directeur van Woonstichting De Linie."),
        ("Spreker 2", "En ik ben Joost de Boer, sectormanager wonen bij de gemeente Zwolle."),
        ("Anna Kok", "Wij willen eerder bij mensen aan tafel."),
    ]
    path = kept_transcript(
        tmp_path,
        "tafel-6",
        6,
        said,
        title="Tafel 6",
        participants=[Participant("Anna Kok", status="withdrawn")],
        status="published",
        speakers=speakers,
    )
    short = transcript.read(path).id[:8]
    write(
        tmp_path,
        "programma.csv",
        "titel,opname,naam,toestemming\n"
        "Tafel 6,tafel-6.wav,Marloes van der Heijden,openbaar\n"
        "Tafel 6,tafel-6.wav,Joost de Boer,openbaar\n",
    )
    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    applied = transcript.read(path)
    assert [t.speaker for t in applied.turns] == ["Anna Kok", "Joost de Boer", "Anna Kok"]
    assert not applied.published_for("Anna Kok")
    told = " ".join(result.stderr.split())
    command = f'gesprekken speakers {short} --rename "Anna Kok=Marloes van der Heijden" --force'
    assert "the voice Spreker 1 stays Anna Kok (withdrawn), though naming again hears Marloes" in told, told
    assert command in told
    # Without --force the command refuses (her words would go public at once: session 43); once someone has
    # listened, the command given does it.
    refused = run("speakers", short, "--rename", "Anna Kok=Marloes van der Heijden", cwd=tmp_path)
    assert refused.exit_code == 1 and "(Anna Kok is withdrawn)" in " ".join(refused.output.split())
    renamed = run("speakers", short, "--rename", "Anna Kok=Marloes van der Heijden", "--force", cwd=tmp_path)
    assert renamed.exit_code == 0, renamed.output
    assert transcript.read(path).turns[0].speaker == "Marloes van der Heijden"


def test_every_field_the_transcript_keeps_where_the_programme_differs_is_noted():
    """A role typed into the transcript (no editor's 'confirmed') and a conference it has are kept where
    the programme differs; each is said, with what to do, as a kept title and an editor's role are."""
    from gesprekken.programme import ProgrammeEntry, apply_entry
    from gesprekken.transcript import Conversation

    kept = Conversation(
        id="abc123def456",
        title="Wonen in de wijk",
        conference="Woonconferentie 2025",
        participants=[Participant("Ad Kok", "adviseur", "")],
    )
    entry = ProgrammeEntry(
        "Wonen in de wijk",
        [Participant("Ad Kok", "wethouder", "gemeente Deventer")],
        conference="Woonconferentie 2026",
    )
    applied = apply_entry(kept, entry, name_voices=False)
    (person,) = applied.conversation.participants
    assert (person.role, person.organisation, applied.conversation.conference) == (
        "adviseur",
        "gemeente Deventer",  # empty in the transcript: filled
        "Woonconferentie 2025",
    )
    said = " ".join(applied.kept)
    assert "kept the conference 'Woonconferentie 2025' (the programme says 'Woonconferentie 2026')" in said
    assert "kept the role 'adviseur' (the programme says 'wethouder') of Ad Kok" in said
    assert "organisation" not in said


def test_a_programme_withdraws_the_participant_of_that_name_not_one_whose_name_holds_it():
    """A reviewer's find: with Jan Bakker and Jan de Vries-Bakker at one table (a married name holds his), the
    programme's withdrawal of Jan de Vries-Bakker went to Jan Bakker, the first alike name, and her words stayed
    public. Each entry takes its own name first, and no participant is taken twice."""
    from gesprekken.programme import ProgrammeEntry, apply_entry
    from gesprekken.transcript import Conversation

    kept = Conversation(
        id="abc123def456",
        title="Tafel",
        status="published",
        participants=[
            Participant("Jan Bakker", status="published"),
            Participant("Jan de Vries-Bakker", status="published"),
        ],
    )
    entry = ProgrammeEntry(
        "Tafel",
        [Participant("Jan Bakker", status="published"), Participant("Jan de Vries-Bakker", status="withdrawn")],
        status="published",
    )
    applied = apply_entry(kept, entry, name_voices=False)
    assert {p.name: p.status for p in applied.conversation.participants} == {
        "Jan Bakker": "published",
        "Jan de Vries-Bakker": "withdrawn",
    }


def test_a_name_the_editor_wrote_out_from_the_programmes_initial_is_not_added_again(workspace):
    """The programme lists "J. de Boer"; the editor wrote him out as "Joost de Boer" and he withdrew. Applied
    again, the programme added "J. de Boer (published)" beside him: his name back in the article and on the site
    (a helper's attack on re-runs)."""
    from importlib.resources import files

    from conftest import run

    from gesprekken.transcript import read

    sample = (files("gesprekken") / "data" / "sample" / "programme.yaml").read_text(encoding="utf-8")
    assert "Joost de Boer" in sample
    (workspace / "programma.yaml").write_text(sample.replace("Joost de Boer", "J. de Boer"), encoding="utf-8")
    assert run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", cwd=workspace).exit_code == 0
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    (path,) = (workspace / "transcripts").glob("*.md")
    listed = {p.name: p.status for p in read(path).participants}
    assert listed == {"Marloes van der Heijden": "published", "Joost de Boer": "withdrawn"}, listed
    assert "added" not in result.stderr
    # The note that he stays withdrawn does not hand the organiser the command that would undo it (a newcomer's
    # run: the programme's default "internal" came with "change it with 'gesprekken publication ... internal'").
    said = " ".join(result.stderr.split())
    assert "Joost de Boer stays withdrawn (the programme says published): a withdrawal is theirs" in said, said
    assert "--participant" not in said


def test_a_programme_without_a_status_says_nothing_of_a_withdrawal(workspace):
    """A programme without a status column says nothing of consent (the README), but ingesting the folder again
    with it said on every run "Pieter Smit stays withdrawn (the programme says internal): a withdrawal is theirs,
    ...", as if the programme had a word on it (helper hF's newcomer run, session 60). Without a status, no note;
    with one, the note as before."""
    from conftest import run

    csv = (
        "title,recording,date,name,role,organisation{}\n"
        "Wederkerigheid in de wijk,sample.mp3,2026-11-12,Marloes van der Heijden,directeur,Woonstichting De Linie{}\n"
        "Wederkerigheid in de wijk,sample.mp3,2026-11-12,Joost de Boer,sectormanager wonen,gemeente Zwolle{}\n"
    )
    (workspace / "zonder.csv").write_text(csv.format("", "", ""), encoding="utf-8")
    (workspace / "met.csv").write_text(csv.format(",status", ",published", ",intern"), encoding="utf-8")
    assert run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", cwd=workspace).exit_code == 0
    result = run("apply-programme", "zonder.csv", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "stays withdrawn" not in result.stderr and "the programme says internal" not in result.stderr, result.stderr
    result = run("apply-programme", "met.csv", cwd=workspace)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "Joost de Boer stays withdrawn (the programme says internal): a withdrawal is theirs" in said, said


def test_initials_match_one_name_and_never_two():
    from gesprekken.transcript import initialled

    assert initialled("J. de Boer", "Joost de Boer") and initialled("Joost de Boer", "j de boer")
    assert not initialled("J. de Boer", "Marloes de Boer") and not initialled("J. de Boer", "J. de Boer")
    assert not initialled("J. de Boer", "Joost de Vries")


def test_names_an_editor_swapped_in_the_headings_are_not_undone_by_the_programme_applied_again(workspace):
    """A helper's attack on re-runs: an editor swapped the two names in the turn headings (naming had them the
    wrong way round), and apply-programme with the same programme named the voices again and swapped them back."""
    import re
    from importlib.resources import files

    from conftest import run

    from gesprekken.transcript import read

    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8")
    swap = {"Joost de Boer": "Marloes van der Heijden", "Marloes van der Heijden": "Joost de Boer"}
    swapped = re.sub(
        r"^(## \[[^\]]*\] )(Joost de Boer|Marloes van der Heijden)$",
        lambda m: m[1] + swap[m[2]],
        text,
        flags=re.MULTILINE,
    )
    path.write_text(swapped, encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    before = [t.speaker for t in read(path).turns]
    (workspace / "programma.yaml").write_text(
        (files("gesprekken") / "data" / "sample" / "programme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert [t.speaker for t in read(path).turns] == before
    # nor by a programme that adds someone (an attack, session 55: every voice named again, the swap undone and
    # both names gone); the names stay, and a voice is renamed only where naming hears the one added
    programme = (workspace / "programma.yaml").read_text(encoding="utf-8")
    third = "      - name: Kees Mulder\n        role: moderator\n        status: published\n"
    (workspace / "programma.yaml").write_text(programme + third, encoding="utf-8")
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    assert result.exit_code == 0 and "added Kees Mulder (published)" in result.output, result.output
    assert [t.speaker for t in read(path).turns] == before
    assert "Kees Mulder" in [p.name for p in read(path).participants]


def test_a_participant_whose_entry_was_deleted_by_hand_is_added_back_as_internal(workspace):
    """An attack (session 55): Joost's entry deleted by hand (the desk has no way to take someone off), so his
    turns were kept from the public; apply-programme added him back as the programme's published, and his words
    were on the site. He is added as internal now, with the command that publishes him if he agrees."""
    import re
    from importlib.resources import files

    from conftest import run

    from gesprekken.transcript import read

    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8")
    entry = re.search(r"- name: Joost de Boer\n(?:  .*\n)+", text)[0]
    path.write_text(text.replace(entry, "", 1), encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    (workspace / "programma.yaml").write_text(
        (files("gesprekken") / "data" / "sample" / "programme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run("apply-programme", "programma.yaml", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "added Joost de Boer as internal, not published as the programme says" in said
    assert "'gesprekken publication 1ef18611 published --participant \"Joost de Boer\"'" in said
    assert {p.name: p.status for p in read(path).participants}["Joost de Boer"] == "internal"


@pytest.mark.parametrize(
    ("layout", "text", "meant"),
    [
        ("csv", 'title,name,role\nOver wonen,"Mol, Kees",wethouder\n', "Kees Mol"),
        ("csv", 'title,name\nOver wonen,"Heijden, Marloes van der"\n', "Marloes van der Heijden"),
        ("yaml", "conversations:\n  - title: Over wonen\n    participants:\n      - Kees Mol, wethouder\n", "Kees Mol"),
        ("csv", 'title,name\nOver wonen,"Heijden, van der, Marloes"\n', "Marloes van der Heijden"),
        ("csv", 'title,name\nOver wonen,"Jansen-van Dijk, Els"\n', "Els Jansen-van Dijk"),
        ("csv", 'title,name\nOver wonen,"de Vries, jan"\n', "jan de Vries"),
        ("csv", 'title,name\nOver wonen,"Anna Kok, MSc"\n', "Anna Kok"),
        ("csv", 'title,name\nOver wonen,"Kok, Anna, MSc"\n', "Anna Kok"),
        ("csv", 'title,name\nOver wonen,"Mol, Kees, wethouder"\n', "Kees Mol"),
    ],
)
def test_a_name_with_a_comma_is_refused_with_the_name_as_it_is_said(tmp_path, layout, text, meant):
    """A helper's attack (session 44): a programme listing "Mol, Kees" (surname first, as many lists do) gave a
    participant no introduction names ("ik ben Kees Mol"), an article that prints "Mol, Kees", and a
    withdrawal whose consent looked for "Mol," and "Kees" as a surname: "zei Mol" stayed public. Refused on
    its line, with the name as it is said."""
    with pytest.raises(ProgrammeError, match=rf"line [23]: the name .* has a comma; .*'{meant}'") as refused:
        read_programme(write(tmp_path, f"p.{layout}", text))
    assert str(refused.value).startswith(str(tmp_path / f"p.{layout}"))


def test_a_forgotten_person_named_in_the_programmes_title_of_another_table_is_not_named_there(tmp_path):
    """A reviewer's read of 8978d07 (session 59): after 'forget "Fatma Yilmaz"', a programme not yet corrected that
    titles tafel-5 "Schuldhulp vroeg met Fatma Yilmaz" (and names her in its conference) put her name back in that
    transcript's title and conference on apply-programme, for the site once it is published, and said it. The
    programme's title and conference have forget's marker where they name someone forget took out."""
    from conftest import run

    from gesprekken.consent import REMOVED_NAME
    from gesprekken.transcript import read

    _, tafel5 = kept_transcripts(tmp_path)
    tafel5.write_text(tafel5.read_text(encoding="utf-8").replace("title: Over schulden", "title: Tafel 5"), "utf-8")
    title = "Schuldhulp vroeg met fatma  YILMAZ"
    programme = f"""title,recording,date,name,role,organisation,status,conference
{title},tafel-5.wav,2026-11-13,Ad Kok,wethouder,gemeente Deventer,openbaar,Afscheid van Fátma Yilmaz
{title},tafel-5.wav,2026-11-13,Fatma Yilmaz,adviseur,Huurdersvereniging Oost,openbaar,
"""
    write(tmp_path, "programma.csv", programme)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert run("forget", "Fatma Yilmaz", "--yes", cwd=tmp_path).exit_code == 0
    for command in (("apply-programme", "programma.csv", "--dry-run"), ("apply-programme", "programma.csv")):
        result = run(*command, cwd=tmp_path)
        said = " ".join((result.stdout + result.stderr).split())
        assert result.exit_code == 0, said
        assert "fatma" not in said.lower() and "YILMAZ" not in said and "Fátma" not in said, said
    written = read(tafel5)
    assert written.title == f"Schuldhulp vroeg met {REMOVED_NAME}", written.title
    assert written.conference == f"Afscheid van {REMOVED_NAME}", written.conference
    assert [p.name for p in written.participants] == ["Ad Kok"]


def test_a_forgotten_person_the_programme_spells_in_lookalike_letters_is_added_nowhere(tmp_path):
    """A reviewer's read of 8978d07 (session 59): forget's record knows a name case, accents and spaces aside, but a
    programme that lists her as "Fаtma Yilmaz" (a Cyrillic а, as a name pasted from a web page may have it) added
    Fatma Yilmaz, forgotten, to tafel-5 as published on apply-programme: her name as every reader sees it back in a
    transcript and on the site. The record is read with the letters as they show (consent.as_seen), as forget finds
    a name in the transcripts."""
    from conftest import run

    from gesprekken.transcript import read

    _, tafel5 = kept_transcripts(tmp_path)
    row = "Schuldhulp vroeg,tafel-5.wav,2026-11-13,F\u0430tma Yilm\u0430z,adviseur,Huurdersvereniging Oost,openbaar\n"
    write(tmp_path, "programma.csv", LATE_PROGRAMME + row)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert run("forget", "Fatma Yilmaz", "--yes", cwd=tmp_path).exit_code == 0
    result = run("apply-programme", "programma.csv", cwd=tmp_path)
    said = " ".join((result.stdout + result.stderr).split())
    assert result.exit_code == 0, said
    assert "the programme's 'Schuldhulp vroeg' lists 1 person forget took out, so that one was not added" in said, said
    assert [p.name for p in read(tafel5).participants] == ["Ad Kok"]


def test_a_forgotten_name_with_a_full_width_apostrophe_or_a_possessive_is_taken_out_of_the_programmes_title(tmp_path):
    """Session 60's list: consent.without_forgotten read a word with its own class of apostrophes, without the
    full-width ＇ that consent.APOSTROPHES has beside it, so "Anna Maria d＇Oliveira van ＇t Hek" was seven words to
    it, more than it looks for a name in, and her name stayed in a programme's title after forget; and a name before
    a possessive ("Jan van 't Hek's tafel") was in no run of words it tried. Both are forget's marker now."""
    from gesprekken.consent import REMOVED_NAME, forgotten_in, remember_forgotten, without_forgotten

    remember_forgotten(tmp_path, ["Anna Maria d'Oliveira van 't Hek", "Jan van 't Hek"])
    forgotten = forgotten_in(tmp_path)
    for title, meant in [
        ("Tafel met Anna Maria d＇Oliveira van ＇t Hek", f"Tafel met {REMOVED_NAME}"),
        ("Tafel met Jan van ＇t Hek", f"Tafel met {REMOVED_NAME}"),
        ("Jan van ＇t Hek＇s tafel over wonen", f"{REMOVED_NAME}＇s tafel over wonen"),
        ("Jan van 't Hek's tafel over wonen", f"{REMOVED_NAME}'s tafel over wonen"),
        ("Tafel van Jan Hekkema", "Tafel van Jan Hekkema"),  # no one forgotten: as it was
    ]:
        assert without_forgotten(title, forgotten) == meant, title


def _desk_title(tmp_path: Path, path: Path, title: str) -> None:
    """``title`` saved at the editors' desk for the transcript at ``path``."""
    from gesprekken import Workspace
    from gesprekken.desk import version_of
    from gesprekken.transcript import read

    workspace = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    try:
        desk = workspace.desk(read(path).id)
        assert desk.set_title(version_of(path.read_text(encoding="utf-8")), title) is not None
    finally:
        workspace.close()


def test_an_editors_title_that_is_the_file_names_is_kept_by_a_programme_applied_later(tmp_path):
    """Session 60's list: apply-programme fills a title still the one ingest made from the file name, so an editor's
    title that is the same ("Tafel 5", set back at the desk after the programme gave "Schuldhulp vroeg") was taken for
    one never set and the programme's put over it. The desk keeps the title before (earlier_titles:), and a title
    with one before it is an editor's: kept, and said."""
    from conftest import run

    from gesprekken.transcript import read

    _, tafel5 = kept_transcripts(tmp_path)
    tafel5.write_text(tafel5.read_text(encoding="utf-8").replace("title: Over schulden", "title: Tafel 5"), "utf-8")
    write(tmp_path, "programma.csv", LATE_PROGRAMME)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert run("apply-programme", "programma.csv", cwd=tmp_path).exit_code == 0
    assert read(tafel5).title == "Schuldhulp vroeg"  # the file name's title: the programme's now
    _desk_title(tmp_path, tafel5, "Tafel 5")
    assert read(tafel5).earlier_titles == ["Schuldhulp vroeg"]
    for command in (("apply-programme", "programma.csv", "--dry-run"), ("apply-programme", "programma.csv")):
        result = run(*command, cwd=tmp_path)
        said = " ".join(result.stderr.split())
        assert result.exit_code == 0, said
        assert "kept the title 'Tafel 5' (the programme says 'Schuldhulp vroeg')" in said, said
        assert read(tafel5).title == "Tafel 5"


def test_a_copy_of_a_recording_whose_title_an_editor_changed_is_no_second_conversation(tmp_path):
    """Session 60's list: ingest knows a recording of a programme's conversation that a transcript already is (the
    AV company's re-encoded copy) by the transcript's title, so once an editor changed that title, at the desk or by
    hand, the copy was transcribed as a second conversation with the programme's consent, beside the editors' (a
    withdrawal of theirs published again). The desk keeps the title before (earlier_titles:, as a name's earlier
    spellings), and a transcript whose recording the programme gives to that conversation is it too (a title
    changed by hand): refused, nothing written."""
    from conftest import run, snapshot

    from gesprekken.transcript import read

    tafel4, tafel5 = kept_transcripts(tmp_path)  # tafel-5's title "Over schulden" is an editor's, typed by hand
    write(tmp_path, "programma.csv", LATE_PROGRAMME)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert run("apply-programme", "programma.csv", cwd=tmp_path).exit_code == 0
    assert read(tafel4).title == "Wonen in de wijk" and read(tafel5).title == "Over schulden"
    _desk_title(tmp_path, tafel4, "Huurders en schulden")
    # one conversation, no file names: the only entry is the recording ingested alone
    write(
        tmp_path,
        "tafel-4.yaml",
        "conversations:\n  - title: Wonen in de wijk\n    date: 2026-11-12\n    participants:\n"
        "      - {name: Marloes van der Heijden, status: published}\n",
    )
    (tmp_path / "opnieuw").mkdir()
    for name, programme in (("tafel-4.wav", "tafel-4.yaml"), ("tafel-5.wav", "programma.csv")):
        copy = tmp_path / "opnieuw" / name  # the same recording, other bytes
        copy.write_bytes((tmp_path / name).read_bytes() + b"\0" * 1024)
        before = snapshot(tmp_path / "transcripts")
        result = run("ingest", f"opnieuw/{name}", "--programme", programme, cwd=tmp_path)
        said = " ".join(result.output.split())
        assert result.exit_code != 0, said
        held = tafel4 if name == "tafel-4.wav" else tafel5
        assert f"which {Path('transcripts') / held.name} already is" in said, said
        assert "so it was not transcribed and that conversation's edits and consent stay as they are" in said, said
        assert snapshot(tmp_path / "transcripts") == before
    # the titles kept are forget's to scrub too, as the title is
    _desk_title(tmp_path, tafel4, "Huurders met Fatma Yilmaz")
    _desk_title(tmp_path, tafel4, "Huurders")
    assert "Huurders met Fatma Yilmaz" in read(tafel4).earlier_titles
    assert run("forget", "Fatma Yilmaz", "--yes", cwd=tmp_path).exit_code == 0
    assert "Fatma" not in tafel4.read_text(encoding="utf-8")
    assert "Huurders met [naam verwijderd]" in read(tafel4).earlier_titles


def test_a_forgotten_name_with_a_dutch_possessive_s_is_taken_out_of_the_programmes_title(tmp_path):
    """Dutch writes a name's possessive with an s and no apostrophe ("Joost de Boers tafel", "Maarten ’t Harts
    boek"); session 60 took a forgotten name out before an English "'s" alone, so "Joost de Boers tafel over wonen"
    in a programme's title kept his name after forget. The name goes, its s stays, as the "'s" does."""
    from gesprekken.consent import REMOVED_NAME, forgotten_in, remember_forgotten, without_forgotten

    remember_forgotten(tmp_path, ["Joost de Boer", "Maarten ’t Hart"])
    forgotten = forgotten_in(tmp_path)
    for title, meant in [
        ("Joost de Boers tafel over wonen", f"{REMOVED_NAME}s tafel over wonen"),
        ("Het boek van Maarten ’t Harts vader", f"Het boek van {REMOVED_NAME}s vader"),
        ("Joost de Boer's tafel", f"{REMOVED_NAME}'s tafel"),
        ("Tafel met Joost de Boers", f"Tafel met {REMOVED_NAME}s"),
        ("Tafel van Jan de Boers", "Tafel van Jan de Boers"),  # no one forgotten: as it was
    ]:
        assert without_forgotten(title, forgotten) == meant, title


def test_a_withdrawn_conversation_the_programme_publishes_is_not_handed_the_command_that_undoes_it(workspace):
    """The conversation was withdrawn; ingesting the folder again with a programme that says it is published kept
    it withdrawn, but said "the conversation stays withdrawn (the programme says published); publish it with
    'gesprekken publication 1ef18611 published'": the command that undoes a withdrawal, handed to the organiser as
    the thing to do, where a participant's withdrawal says it is theirs (a reviewer's read, session 60)."""
    from conftest import run

    from gesprekken.transcript import read

    (workspace / "met.csv").write_text(
        "title,recording,date,name,role,organisation,status,conversation_status\n"
        "Wederkerigheid in de wijk,sample.mp3,2026-11-12,Marloes van der Heijden,directeur,Woonstichting De Linie,"
        "published,published\n",
        encoding="utf-8",
    )
    assert run("publication", "1ef18611", "withdrawn", cwd=workspace).exit_code == 0
    for args in (("apply-programme", "met.csv"), ("ingest", "recordings/", "--programme", "met.csv")):
        result = run(*args, cwd=workspace)
        assert result.exit_code == 0, result.output
        said = " ".join(result.stderr.split())
        assert "the conversation stays withdrawn (the programme says published): a withdrawal is theirs" in said, said
        assert "publication 1ef18611 published" not in said, said
        (path,) = (workspace / "transcripts").glob("*.md")
        assert read(path).status == "withdrawn"
