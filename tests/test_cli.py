"""The commands as a newcomer meets them on the sample: the README's examples work, messages point
somewhere real, and what a command says matches what it does."""

import asyncio
import os
import re
import shlex
import sqlite3
from pathlib import Path

import pytest
from conftest import run, write_other_side_withdrawn
from datasette.app import Datasette

from gesprekken import transcript
from gesprekken.publish import build_public_copy
from gesprekken.serve import metadata

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SAMPLE = "wederkerigheid-in-de-wijk.md"
PLURAL_OF_ONE = re.compile(r"\b1 (conversations|turns|quotes|themes|action points|recordings|transcripts)\b")


def voice(workspace: Path, label: str) -> transcript.Speaker:
    return next(s for s in transcript.read(workspace / "transcripts" / SAMPLE).speakers if s.label == label)


def test_the_readme_renames_a_voice_by_its_label_on_the_sample(workspace):
    listing = run("speakers", "1ef18611", cwd=workspace)
    assert listing.exit_code == 0, listing.output
    joost = voice(workspace, "Spreker 2").name
    assert f"{joost} (Spreker 2)\t" in listing.output  # the label, to pass to --rename
    command = next(line for line in README.splitlines() if line.startswith("gesprekken speakers 1ef18611 --rename"))
    args = shlex.split(command.split("#")[0])[1:]
    result = run(*args, cwd=workspace)
    assert result.exit_code == 0, result.output
    named = voice(workspace, "Spreker 2")
    assert named.name == "Joost de Boer" and named.confirmed
    # A label for a voice named otherwise renames that voice; an unknown one lists names and labels.
    result = run("speakers", "1ef18611", "--rename", "Spreker 1=Marloes van der Heyden", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "renamed Spreker 1 (Marloes van der Heijden) -> Marloes van der Heyden" in result.output
    assert voice(workspace, "Spreker 1").name == "Marloes van der Heyden"
    result = run("speakers", "1ef18611", "--rename", "Spreker 9=Ad Kok", cwd=workspace)
    assert result.exit_code == 1 and "'Spreker 9' does not speak" in result.stderr
    assert "Joost de Boer (Spreker 2)" in result.stderr


def test_a_label_meets_the_same_privacy_refusals_as_a_name(workspace):
    assert run("publication", "1ef18611", "internal", "--participant", "Joost de Boer", cwd=workspace).exit_code == 0
    before = (workspace / "transcripts" / SAMPLE).read_bytes()
    result = run("speakers", "1ef18611", "--rename", "Spreker 2=Piet Jansen", cwd=workspace)
    assert result.exit_code == 1 and "their words would no longer be theirs" in result.stderr
    assert (workspace / "transcripts" / SAMPLE).read_bytes() == before
    # Both names of one voice, by label and by name, in one command: renamed twice.
    result = run(
        "speakers", "1ef18611", "--rename", "Spreker 2=Joost", "--rename", "Joost de Boer=J. de Boer", cwd=workspace
    )
    assert result.exit_code == 1 and "renamed twice" in result.stderr
    assert (workspace / "transcripts" / SAMPLE).read_bytes() == before


def test_a_merge_takes_labels_too(workspace):
    # (Marloes's voice introduces itself: merged into Joost's only once someone listened, as a rename is)
    path = workspace / "transcripts" / SAMPLE
    before = path.read_bytes()
    result = run("speakers", "1ef18611", "--merge", "Spreker 1=Spreker 2", cwd=workspace)
    assert result.exit_code == 1 and "introduces itself as Marloes van der Heijden" in result.stderr, result.output
    assert path.read_bytes() == before
    result = run("speakers", "1ef18611", "--merge", "Spreker 1=Spreker 2", "--force", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "merged Spreker 1 (Marloes van der Heijden) -> Spreker 2 (Joost de Boer)" in result.output
    speakers = {t.speaker for t in transcript.read(workspace / "transcripts" / SAMPLE).turns}
    assert speakers == {"Joost de Boer"}


def test_a_theme_an_editor_adds_or_removes_that_is_no_theme_is_said(workspace):
    """An attack (session 56): 'add_themes: [Armoede]' (the label) and 'remove_themes: [vroegsignaleringg]' (a typo)
    were not applied, without a word (an added quote no turn says has one)."""
    path = workspace / "transcripts" / SAMPLE
    text = path.read_text(encoding="utf-8")
    text = text.replace("  add_themes: []\n", "  add_themes: [Armoede, schuldhulp]\n", 1)
    text = text.replace("  remove_themes: []\n", "  remove_themes: [vroegsignaleringg, zzz]\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run("load", cwd=workspace)
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "added theme 'Armoede' under 'analysis: add_themes:' is no theme of the thesaurus" in said, said
    assert "write its id, 'armoede', there" in said and "write its id, 'vroegsignalering', there" in said, said
    assert "theme 'zzz'" in said and "theme 'schuldhulp'" not in said, said


@pytest.mark.parametrize("into", ["Spreker 1", "Marloes van der Heijden"])
def test_a_voice_merged_into_itself_is_refused_and_confirms_nothing(workspace, into):
    """An attack (session 56): '--merge "Spreker 1=Spreker 1"' said "merged", marked Marloes's automatic name
    confirmed by the editors, and her turns, held back until an editor listened, went on the site."""
    path = workspace / "transcripts" / SAMPLE
    before = path.read_bytes()
    result = run("speakers", "1ef18611", "--merge", f"Spreker 1={into}", cwd=workspace)
    assert result.exit_code == 1 and "nothing to merge" in result.stderr and "--confirm" in result.stderr
    assert path.read_bytes() == before


def test_confirming_a_name_says_confirmed(workspace):
    result = run("speakers", "1ef18611", "--rename", "Joost de Boer=Joost de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "confirmed Joost de Boer in" in result.output and "renamed" not in result.output
    assert re.search(r"Joost de Boer \(Spreker 2\)\t\d+ turns?\tconfirmed", result.output)


def test_a_voice_label_typed_in_a_heading_is_listed_as_not_named_and_a_name_as_confirmed(workspace):
    """A newcomer's run as an editor (session 50): a heading typed by hand as "Spreker 3" was listed by 'gesprekken
    speakers' as confirmed, where the desk says it is not named. A voice's label names no one; a name typed in a
    heading is the editor's, confirmed, as before."""
    (path,) = (workspace / "transcripts").glob("*.md")
    source = path.read_text(encoding="utf-8")
    heading = [line for line in source.splitlines() if line.startswith("## [")][-1]
    path.write_text(source.replace(heading, heading.rsplit("] ", 1)[0] + "] Spreker 3"), "utf-8")
    listed = run("speakers", "1ef18611", cwd=workspace).output
    assert re.search(r"^Spreker 3\t1 turn\tconfidence 0\.00  \(not named: check\)\t", listed, re.MULTILINE), listed
    path.write_text(source.replace(heading, heading.rsplit("] ", 1)[0] + "] Kees Mol"), "utf-8")
    listed = run("speakers", "1ef18611", cwd=workspace).output
    assert re.search(r"^Kees Mol\t1 turn\tconfirmed\t", listed, re.MULTILINE), listed


def test_an_unknown_conversation_is_answered_with_the_ids_there_are(workspace):
    result = run("speakers", "zzz", cwd=workspace)
    assert result.exit_code == 1
    assert "1ef18611" in result.stderr and SAMPLE in result.stderr and "'gesprekken load'" not in result.stderr
    kept = run("ingest", "--sample", cwd=workspace)  # ingest names the id beside the transcript
    assert kept.exit_code == 0 and f"sample.mp3 (id 1ef18611) -> transcripts/{SAMPLE}" in kept.output


def test_a_withdrawn_participants_turn_headed_by_hand_with_a_published_name_is_not_loaded_unasked(workspace):
    """A newcomer's run (session 48): Fatma Yilmaz withdrew; one of her turns headed by hand "Sanne Visser" (published)
    was on the site, her voice audible, after 'gesprekken load', which said nothing, where the desk asks before it
    moves such a turn. Load keeps that conversation as it was and says so, exit 1; --yes loads it. A word corrected
    in a withdrawn turn, or a heading given back, loads as ever."""
    import sqlite3

    (path,) = (workspace / "transcripts").glob("*.md")
    assert run("speakers", "1ef18611", "--rename", "Spreker 2=Joost de Boer", cwd=workspace).exit_code == 0
    withdrawn = run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", "--yes", cwd=workspace)
    assert withdrawn.exit_code == 0, withdrawn.output
    turns = transcript.read(path).turns
    his = [t for t in turns if t.speaker == "Joost de Boer" and "Joost" not in t.text][-1]  # not his introduction
    words = his.text.split()[-3:]

    def public_says() -> bool:
        public = sqlite3.connect(workspace / "gesprekken-openbaar.db")
        try:
            tables = [t for (t,) in public.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rows = [repr(row) for t in tables for row in public.execute(f"SELECT * FROM [{t}]")]
            return any(" ".join(words) in row for row in rows)
        finally:
            public.close()

    assert not public_says()
    source = path.read_text(encoding="utf-8")
    heading = next(line for line in source.splitlines() if line.startswith(f"## [{transcript.format_time(his.start)}"))
    path.write_text(source.replace(heading, heading.replace("Joost de Boer", "Marloes van der Heijden"), 1))
    result = run("load", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1, result.output
    assert "1 turn kept from the public for someone's consent is changed by hand" in said
    assert "now 'Marloes van der Heijden', kept back as Joost de Boer's" in said
    assert "run 'gesprekken load --yes 1ef18611', else give the headings and words back" in said
    assert not public_says()
    # given back, and a word corrected in his turn: loaded, nothing said
    path.write_text(source.replace(his.text, his.text.replace(words[0], words[0].upper()), 1))
    result = run("load", cwd=workspace)
    assert result.exit_code == 0 and "kept from the public for someone's" not in result.stderr, result.output
    # the editor is sure: --yes
    path.write_text(source.replace(heading, heading.replace("Joost de Boer", "Marloes van der Heijden"), 1))
    assert run("load", "--yes", cwd=workspace).exit_code == 0
    assert public_says()


def test_load_asks_before_a_merge_a_moved_heading_or_a_deleted_entry_shows_a_withdrawn_turn_and_not_for_a_reply(
    tmp_path,
):
    """A reviewer's read of the first version of load's question: a withdrawn turn merged into a published one's,
    headed with another name at another time, or given away with its participant's entry deleted went on the site;
    a short "Ja." beside a withdrawn "Ja, ja, ..." stopped a load with no edit at all, and while it did, a withdrawal
    typed in the same file waited with it. Now each is asked, no edit asks nothing, and a conversation held for the
    question is off the public site meanwhile, whatever else its file says."""
    import sqlite3

    from conftest import write_other_side_withdrawn

    path = write_other_side_withdrawn(tmp_path)
    source = path.read_text(encoding="utf-8")
    his = "Dat herken ik, de schuldhulpverlening komt te laat."

    def load_of(text: str, *args: str):
        path.write_text(text, "utf-8")
        return run("load", *args, cwd=tmp_path)

    def status() -> str:
        with sqlite3.connect(tmp_path / "gesprekken.db") as db:
            return db.execute("SELECT status FROM conversations").fetchone()[0]

    heading = next(line for line in source.splitlines() if line.startswith("## ") and line.endswith("Kees Mol"))
    # merged into Ann's turn before it: his heading deleted
    assert load_of(source.replace(heading + "\n", "")).exit_code == 1
    assert status() == "internal"  # off the public site while it waits: a withdrawal typed meanwhile waits on nothing
    assert his not in repr(public_turns(tmp_path))
    assert load_of(source).exit_code == 0 and status() == "published"
    # another name at another time; with his entry deleted too
    moved = heading.replace("00:03.00 – 00:05.50] Kees Mol", "00:09.00 – 00:11.50] Ann Bos")
    assert moved != heading
    assert load_of(source.replace(heading, moved)).exit_code == 1
    entry = source[source.index("- name: Kees Mol") : source.index("- name: Kees Mol") + 200].split("\n- name:")[0]
    without = source.replace(heading, heading.replace("Kees Mol", "Ann Bos"))
    without = without.replace(entry.split("speakers:")[0].rstrip("\n") + "\n", "", 1)
    assert "Kees Mol" not in without.split("---")[1].split("speakers:")[0]
    assert load_of(without).exit_code == 1
    # a short reply beside his, no edit at all: loaded, twice
    reply = source.replace("Jullie moeten de gegevens eerder met ons delen.", "Ja.")
    assert load_of(reply).exit_code == 0 and load_of(reply).exit_code == 0 and status() == "published"


def test_load_asks_where_a_withheld_participant_who_speaks_no_turn_is_taken_off_the_list(tmp_path):
    """A helper's attack (session 53): Piet Smit, withdrawn, speaks no turn; Ann says "zoals Piet Smit al zei",
    which the public copy shows as "[naam verwijderd]". His entry deleted by hand, load said nothing and put his
    name on the site. Load asks now (a respelling by hand too: the old spelling is no one's then), and --yes
    answers it; an entry of someone who speaks stays as it was (their name stays back as no participant's)."""
    from gesprekken.transcript import Participant, read, write

    path = write_other_side_withdrawn(tmp_path)
    conversation = read(path)
    conversation.participants.append(Participant("Piet Smit", "adviseur", "Huurdersbond", "withdrawn"))
    conversation.turns[2].text = "Jullie moeten de gegevens eerder met ons delen, zoals Piet Smit al zei."
    write(conversation, path)
    assert run("load", cwd=tmp_path).exit_code == 0
    assert "Piet Smit" not in repr(public_turns(tmp_path))
    source = path.read_text(encoding="utf-8")
    entry = source[source.index("- name: Piet Smit") : source.index("speakers:")]
    assert "withdrawn" in entry
    # (a respelling that still covers every mention is no question: "Piet Smid" finds "Piet Smit", a reviewer)
    path.write_text(source.replace("- name: Piet Smit", "- name: Piet Smid"), "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0 and "Piet Smit" not in repr(public_turns(tmp_path))
    path.write_text(source, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    for edited in (source.replace(entry, ""), source.replace("- name: Piet Smit", "- name: Jan Visser")):
        path.write_text(edited, "utf-8")
        result = run("load", cwd=tmp_path)
        said = " ".join(result.output.split())
        assert result.exit_code == 1 and "Piet Smit, not published, is no longer on the list of participants" in said
        assert "'gesprekken load --yes a1b2c3d4'" in said and "give the participant's entry, headings" in said
        assert "Piet Smit" not in repr(public_turns(tmp_path))
    path.write_text(source, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    # Kees Mol's entry (withdrawn, he speaks) deleted: his turns and his name stay back, no question
    kees = source[source.index("- name: Kees Mol") : source.index("- name: Piet Smit")]
    path.write_text(source.replace(kees, ""), "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    assert "Kees Mol" not in repr(public_turns(tmp_path))
    path.write_text(source.replace(entry, ""), "utf-8")
    assert run("load", "--yes", cwd=tmp_path).exit_code == 0 and run("load", cwd=tmp_path).exit_code == 0

    # named in the title alone, the entry deleted: asked too (a reviewer, session 53)
    conversation = read(path)
    conversation.participants.append(Participant("Piet Smit", "adviseur", "Huurdersbond", "withdrawn"))
    conversation.turns[2].text = "Jullie moeten de gegevens eerder met ons delen."
    conversation.title = "Eerder bij schulden, met Piet Smit"
    write(conversation, path)
    assert run("load", cwd=tmp_path).exit_code == 0
    named = path.read_text(encoding="utf-8")
    entry = named[named.index("- name: Piet Smit") : named.index("speakers:")]
    path.write_text(named.replace(entry, ""), "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 1
    # named in the conference alone: asked; named in withheld words alone (Kees Mol's, withdrawn): nothing would
    # show, no question (a second reviewer's attack, session 53: asked, and the conversation held for nothing)
    path.write_text(named, "utf-8")
    for where, asked in (("conference", 1), ("his", 0)):
        conversation = read(path)
        conversation.title = "Eerder bij schulden"
        if where == "conference":
            conversation.conference = "Afscheidssymposium Piet Smit"
        else:
            conversation.conference = ""
            conversation.turns[1].text = "Dat herken ik, zoals Piet Smit al zei: de schuldhulp komt te laat."
        write(conversation, path)
        assert run("load", "--yes", cwd=tmp_path).exit_code == 0
        named = path.read_text(encoding="utf-8")
        entry = named[named.index("- name: Piet Smit") : named.index("speakers:")]
        path.write_text(named.replace(entry, ""), "utf-8")
        assert run("load", cwd=tmp_path).exit_code == asked, where
        assert "Piet Smit" not in repr(public_turns(tmp_path))
        path.write_text(named, "utf-8")
        assert run("load", cwd=tmp_path).exit_code == 0
    # a heading no participant has ("Jan Vissers", which Ann's words say too) corrected by hand to a published
    # participant's name is no one taken off the list (a reviewer's attack, session 53: it was asked)
    path.write_text(named, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    conversation = read(path)
    conversation.participants.append(Participant("Jan Visser", "adviseur", "Huurdersbond", "published"))
    conversation.turns[0].speaker = "Jan Vissers"
    conversation.turns[2].text = "Jullie moeten het eerder delen, zei Jan Vissers."
    write(conversation, path)
    assert run("load", cwd=tmp_path).exit_code == 0
    conversation.turns[0].speaker = "Jan Visser"
    write(conversation, path)
    result = run("load", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_the_desk_on_a_conversation_load_held_says_load_s_question(tmp_path):
    """An editor's run (session 53): load held a conversation on its question of a hand edit, and the desk said
    under Publicatie "de database zegt intern, het transcript openbaar (met de hand bewerkt terwijl de site
    draaide). Een opslag hier of 'gesprekken load' neemt het transcript over": neither did (a save there is held
    too, load asks again). The desk says load's question now, which turn and what to do."""
    from conftest import write_other_side_withdrawn

    from gesprekken import Workspace

    path = write_other_side_withdrawn(tmp_path)
    source = path.read_text(encoding="utf-8")
    heading = next(line for line in source.splitlines() if line.startswith("## ") and line.endswith("Kees Mol"))
    path.write_text(source.replace(heading, heading.replace("Kees Mol", "Ann Bos")), "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 1

    def held() -> str | None:
        workspace = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
        try:
            return workspace.desk("a1b2c3d4e5f6").state()["held_back"]
        finally:
            workspace.close()

    said = held()
    assert said.startswith(
        "De openbare site houdt dit gesprek achter: het transcript is met de hand gewijzigd (de beurt om 00:03.0 "
        "staat onder Ann Bos, maar is achtergehouden als die van Kees Mol)"
    ), said
    assert "'gesprekken load --yes a1b2c3d4'" in said and "Een opslag hier" not in said
    # the heading given back: loaded, and nothing held
    path.write_text(source, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0 and held() is None


def test_a_save_before_the_next_load_does_not_show_a_turn_headed_by_hand_either(tmp_path):
    """A reviewer's read of session 48: load asked before a turn kept back (Kees Mol withdrew) headed by hand with a
    published name went on the site, but a desk save elsewhere in the conversation, or a 'publication', made before
    the next load took the transcript in as it was and put his words on the site. Each is made (the file says it,
    the desk's history too, with its undo) and keeps the rows as they were, off the public site, saying why; load
    then asks as before. A move the desk asked about and the editor confirmed is stored as confirmed."""
    import sqlite3

    from conftest import write_other_side_withdrawn

    from gesprekken import Workspace
    from gesprekken.desk import PublicNotUpdated

    path = write_other_side_withdrawn(tmp_path)
    source = path.read_text(encoding="utf-8")
    his = "Dat herken ik, de schuldhulpverlening komt te laat."
    heading = next(line for line in source.splitlines() if line.startswith("## ") and line.endswith("Kees Mol"))
    edited = source.replace(heading, heading.replace("Kees Mol", "Ann Bos"))
    path.write_text(edited, "utf-8")

    def status() -> str:
        with sqlite3.connect(tmp_path / "gesprekken.db") as db:
            return db.execute("SELECT status FROM conversations").fetchone()[0]

    def stored_speaker() -> str:
        with sqlite3.connect(tmp_path / "gesprekken.db") as db:
            return db.execute("SELECT speaker FROM turns WHERE text = ?", [his]).fetchone()[0]

    # the desk: a word corrected in Ann's first turn
    desk = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db").desk("a1b2c3d4e5f6")
    with pytest.raises(PublicNotUpdated) as held:
        desk.edit_text(desk.state()["version"], 0, "Wij zien steeds meer huurders met een huurachterstand.")
    said = str(held.value)
    assert said.startswith(
        "Opgeslagen, maar het transcript is met de hand gewijzigd (de beurt om 00:03.0 staat onder Ann Bos"
    )
    assert "achtergehouden als die van Kees Mol" in said and "'gesprekken load --yes a1b2c3d4'" in said
    assert held.value.saved["action"] == "tekst"
    assert "met een huurachterstand" in path.read_text(encoding="utf-8")  # the editor's correction is kept
    assert his not in repr(public_turns(tmp_path)) and stored_speaker() == "Kees Mol" and status() == "internal"
    # 'publication': the status is written, the rows wait on the question, exit 1 with the reason
    result = run("publication", "a1b2c3d4e5f6", "published", "--participant", "Ann Bos", cwd=tmp_path)
    assert result.exit_code == 1 and "Ann Bos: published, already so; but gesprek.md: 1 turn" in result.output
    result = run("publication", "a1b2c3d4e5f6", "internal", cwd=tmp_path)
    told = " ".join(result.stderr.split())
    assert result.exit_code == 1, result.output
    assert "Eerder bij schulden: internal, written in gesprek.md; but gesprek.md: 1 turn kept from the public" in told
    assert "so this save would put them on the site" in told
    assert "status: internal" in path.read_text(encoding="utf-8")
    result = run("publication", "a1b2c3d4e5f6", "published", "--yes", cwd=tmp_path)
    assert result.exit_code == 1 and "status: published" in path.read_text(encoding="utf-8"), result.output
    # a participant's status changed meanwhile: the rows kept take it (and keep no voice profile of theirs)
    with sqlite3.connect(tmp_path / "gesprekken.db") as db:
        db.execute("INSERT INTO voice_profiles VALUES ('Kees Mol', 'a1b2c3d4e5f6', 'Spreker 2', x'00')")
    assert run("publication", "a1b2c3d4e5f6", "internal", "--participant", "Kees Mol", cwd=tmp_path).exit_code == 1
    with sqlite3.connect(tmp_path / "gesprekken.db") as db:
        assert db.execute("SELECT status FROM participants WHERE name = 'Kees Mol'").fetchone() == ("internal",)
        assert db.execute("SELECT count(*) FROM voice_profiles").fetchone() == (0,)
    withdrawn = ("publication", "a1b2c3d4e5f6", "withdrawn", "--participant", "Kees Mol", "--yes")
    assert run(*withdrawn, cwd=tmp_path).exit_code == 1
    assert his not in repr(public_turns(tmp_path)) and stored_speaker() == "Kees Mol" and status() == "internal"
    # load asks as ever; the heading given back, the desk's and the command's saves load as written
    assert run("load", cwd=tmp_path).exit_code == 1 and status() == "internal"
    path.write_text(path.read_text(encoding="utf-8").replace(heading.replace("Kees Mol", "Ann Bos"), heading), "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0 and status() == "published"
    assert his not in repr(public_turns(tmp_path))
    assert "met een huurachterstand" in repr(public_turns(tmp_path))
    # the desk's own move, asked and confirmed: stored as confirmed
    desk = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db").desk("a1b2c3d4e5f6")
    with pytest.raises(Exception, match="verplaats dan toch"):
        desk.move_turn(desk.state()["version"], 1, "Ann Bos")
    desk.move_turn(desk.state()["version"], 1, "Ann Bos", force=True)
    assert his in repr(public_turns(tmp_path)) and status() == "published"


def test_load_s_question_takes_in_no_other_hand_edit_and_asks_of_a_turn_split_by_hand(tmp_path):
    """A reviewer's read of 8b447fe: a change the editor confirmed (a move, a merge) took every other hand edit in
    the file with it; forget put Kees Mol's own turn, headed by hand with Ann's name, on the site; a withdrawn turn
    split by hand into halves, each under 60% of it, went through; "Ja." corrected to "Nee." was taken for a turn
    given away where Ann's unchanged "Ja, dat zeg ik al jaren." says it; and 'load --yes' answered for every
    conversation. Each is mended: a confirmation covers only the turns it changes, forget asks first, the words
    of a withheld turn count wherever they went, only the turns a store changed count, 'load --yes ID'."""
    import sqlite3

    from conftest import ann_and_kees

    from gesprekken import Workspace
    from gesprekken.desk import DeskError, PublicNotUpdated
    from gesprekken.transcript import Conversation, Turn, write

    his, more = "Dat herken ik, de schuldhulpverlening komt te laat.", "Wij kunnen de signalen sneller oppakken."
    ann, kees = ann_and_kees()
    said = [(ann, "Wij zien steeds meer huurders."), (kees, his), (ann, "Ja, dat zeg ik al jaren."), (kees, more)]
    said += [(kees, "Ja.")]
    turns = [Turn(p.name, 3.0 * n, 3.0 * n + 2.5, text) for n, (p, text) in enumerate(said)]
    path = tmp_path / "transcripts" / "gesprek.md"
    other = tmp_path / "transcripts" / "ander.md"
    write(Conversation("a1b2c3d4e5f6", "Eerder", participants=[ann, kees], turns=turns, status="published"), path)
    write(Conversation("f6e5d4c3b2a1", "Ander", participants=[ann, kees], turns=turns, status="published"), other)
    assert run("load", cwd=tmp_path).exit_code == 0
    source, elsewhere = path.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")

    def on_site(words: str) -> bool:
        return words in repr(public_turns(tmp_path))

    def status() -> str:
        with sqlite3.connect(tmp_path / "gesprekken.db") as db:
            return db.execute("SELECT status FROM conversations WHERE id = 'a1b2c3d4e5f6'").fetchone()[0]

    def desk():
        return Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db").desk("a1b2c3d4e5f6")

    # "Ja." corrected to "Nee.": no question
    d = desk()
    assert d.edit_text(d.state()["version"], 4, "Nee.")["action"] == "tekst" and status() == "published"
    path.write_text(source, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    # split by hand in halves, both given to Ann
    halves = source.replace(
        f"## [00:09.00 – 00:11.50] Kees Mol\n\n{more}",
        "## [00:09.00 – 00:10.20] Ann Bos\n\nWij kunnen de\n\n## [00:10.20 – 00:11.50] Ann Bos\n\n"
        "signalen sneller oppakken.",
    )
    assert halves != source
    path.write_text(halves, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 1 and not on_site("sneller oppakken")
    # his first turn headed Ann's by hand; the editor confirms moving his second to Ann: only that one is theirs
    heading = next(line for line in source.splitlines() if line.startswith("## [00:03.00"))
    edited = source.replace(heading, heading.replace("Kees Mol", "Ann Bos"))
    path.write_text(edited, "utf-8")
    d = desk()
    with pytest.raises(PublicNotUpdated, match="de beurt om 00:03.0 staat onder Ann Bos"):
        d.move_turn(d.state()["version"], 3, "Ann Bos", force=True)
    assert not on_site("schuldhulpverlening komt te laat") and status() == "internal"
    # an export or a download leaves it out meanwhile (it read the file as it was)
    result = run("export", "article", "a1b2c3d4", "-o", tmp_path / "artikel.md", cwd=tmp_path)
    assert result.exit_code == 1 and "Nothing exported: gesprek.md: 2 turns" in " ".join(result.output.split())
    assert not (tmp_path / "artikel.md").exists()
    with pytest.raises(DeskError, match="Niet gedownload: het transcript is met de hand gewijzigd"):
        desk().export("artikel.md", tmp_path)
    # forget asks first, and forgets nothing yet
    path.write_text(edited, "utf-8")
    result = run("forget", "Kees Mol", cwd=tmp_path)
    assert result.exit_code == 1 and "Nothing forgotten yet: gesprek.md: 1 turn" in " ".join(result.output.split())
    assert path.read_text(encoding="utf-8") == edited and not on_site("schuldhulpverlening komt te laat")
    # the same hand edit in both conversations: --yes for one takes that one only
    other.write_text(elsewhere.replace(heading, heading.replace("Kees Mol", "Ann Bos")), "utf-8")
    result = run("load", "--yes", "f6e5d4c3", cwd=tmp_path)
    assert result.exit_code == 1 and "'gesprekken load --yes a1b2c3d4'" in " ".join(result.output.split())
    assert status() == "internal"
    assert run("load", "--yes", "a1b2c3d4", cwd=tmp_path).exit_code == 0 and status() == "published"
    assert on_site("schuldhulpverlening komt te laat")


def test_load_asks_where_a_withheld_turn_s_words_or_voice_would_show_and_not_for_words_that_were_there(tmp_path):
    """A second reviewer's attack on load's question: a word added to Kees Mol's (withdrawn) long turn in the same
    edit let his other turn, headed Ann's by hand, through (their common words were counted for it); his turn
    deleted by hand played his voice in the public recording; and Kees's "Ja precies, dat klopt." corrected to
    "Nou, dat klopt." beside a typo fixed in Ann's turn, which said "ja ... precies ... dat klopt" already, was
    asked about. Words count where they left the turns kept back for those shown; a withheld stretch in no turn
    kept back asks."""
    from conftest import ann_and_kees

    from gesprekken.transcript import Conversation, Turn, write

    long = "Kijk, ik denk dat het echt te laat komt, want wij willen eerder signalen van de verhuurders krijgen."
    secret = "Ik denk dat wij de verhuurders te laat schulden laten oppakken."
    ann, kees = ann_and_kees()
    said = [
        (ann, "Ja precies, dat klopt, wij zien het ook, en de huurders met een achterstand worden er meer."),
        (kees, long),
        (kees, "Ja precies, dat klopt."),
        (kees, secret),
    ]
    turns = [Turn(p.name, 3.0 * n, 3.0 * n + 2.5, text) for n, (p, text) in enumerate(said)]
    path = tmp_path / "transcripts" / "gesprek.md"
    write(Conversation("a1b2c3d4e5f6", "Eerder", participants=[ann, kees], turns=turns, status="published"), path)
    assert run("load", cwd=tmp_path).exit_code == 0
    source = path.read_text(encoding="utf-8")
    last = next(line for line in source.splitlines() if line.startswith("## [00:09.00"))

    def load_of(text: str):
        path.write_text(text, "utf-8")
        return run("load", cwd=tmp_path)

    given = source.replace(last, last.replace("Kees Mol", "Ann Bos")).replace("Kijk, ik", "Kijk, ook ik")
    result = load_of(given)
    assert result.exit_code == 1 and "(00:09.0 now 'Ann Bos', kept back as Kees Mol's)" in result.output
    assert load_of(source).exit_code == 0
    corrected = source.replace("Ja precies, dat klopt.\n", "Nou, dat klopt.\n").replace("worden er meer", "worden meer")
    assert corrected.count("Nou, dat klopt.") == 1 and load_of(corrected).exit_code == 0
    # his turn deleted by hand: the public recording plays only the turns heard where someone is withheld
    # (session 51), so nothing of his is heard there, and nothing is asked
    deleted = source.replace(f"{last}\n\n{secret}\n", "")
    assert deleted != source
    result = load_of(deleted)
    assert result.exit_code == 0 and silent_in(tmp_path, 9.0, 11.5)


def test_load_asks_where_a_withheld_turn_is_moved_copied_or_one_of_forgets_markers_deleted(tmp_path):
    """A reviewer's attack (session 50): a kept turn counted as still kept wherever its text was, so its stretch
    of the recording, moved by hand to other times, played Kees Mol's (withdrawn) voice; his turn copied under
    Ann's name, the original left, put his words on the site; and one of forget's markers deleted, all saying the
    same, played the forgotten voice (only the last was missed). Each asks now. A second attack: Ann's heading
    stretched over his words with his own shrunk, a copy with zero-width spaces in its words, and a marker deleted
    beside a participant entry '[verwijderd]' typed as published went through; a heading nudged or two of his turns
    merged by hand (no word times: the recording stays silent there) and a typo fixed in Ann's echo of his sentence
    were asked about. Those ask, these do not."""
    from conftest import ann_and_kees

    from gesprekken.transcript import Conversation, Turn, write

    secret = "Ik denk dat wij de verhuurders te laat schulden laten oppakken."
    ann, kees = ann_and_kees()
    said = [(ann, "Wij zien steeds meer huurders met een achterstand."), (kees, secret)]
    said += [(ann, "Dat zeg ik al jaren."), (kees, "Wij kunnen de signalen sneller delen.")]
    said += [(kees, "En de wethouder moet dat ook weten."), (ann, "Ja, wij kunnen de signalen snel delen, maar later.")]
    said += [(ann, "Graag.")]
    turns = [Turn(p.name, 3.0 * n, 3.0 * n + 2.5, text) for n, (p, text) in enumerate(said)]
    path = tmp_path / "transcripts" / "gesprek.md"
    write(Conversation("a1b2c3d4e5f6", "Eerder", participants=[ann, kees], turns=turns, status="published"), path)
    assert run("load", cwd=tmp_path).exit_code == 0
    source = path.read_text(encoding="utf-8")
    his = f"## [00:03.00 – 00:05.50] Kees Mol\n\n{secret}\n"
    assert his in source

    def load_of(text: str):
        path.write_text(text, "utf-8")
        return " ".join(run("load", cwd=tmp_path).output.split())

    def public() -> str:
        return repr(public_turns(tmp_path))

    loaded = "loaded 1 conversation into gesprekken.db"
    # moved by hand to times no turn holds: his words still kept back, and his stretch silent as no heard turn
    # holds it (session 51: where anyone is withheld the public recording plays only the turns heard)
    moved = source.replace(his, "") + "\n" + his.replace("00:03.00 – 00:05.50", "00:21.00 – 00:22.00")
    assert load_of(moved) == loaded and silent_in(tmp_path, 3.0, 5.5)
    assert "te laat schulden" not in public()
    assert load_of(source) == loaded  # and back
    copied = source + "\n" + his.replace("00:03.00 – 00:05.50] Kees Mol", "00:21.00 – 00:22.00] Ann Bos")
    assert "now 'Ann Bos', kept back as Kees Mol's" in load_of(copied)
    assert "te laat schulden" not in public()
    invisible = copied.replace("dat wij", "dat w\u200bij").replace("te laat", "te l\u00adaat")
    invisible = invisible.replace("schulden laten", "schu\u2066lden la\u034ften")  # a bidi isolate, a joiner mark
    assert "now 'Ann Bos', kept back as Kees Mol's" in load_of(invisible)
    stretched = source.replace("00:00.00 – 00:02.50] Ann Bos", "00:00.00 – 00:04.20] Ann Bos")
    stretched = stretched.replace("00:03.00 – 00:05.50] Kees Mol", "00:04.20 – 00:05.50] Kees Mol")
    assert stretched.count("04.20") == 2
    assert "00:03.0, kept back as Kees Mol's, no longer in a turn kept back" in load_of(stretched)
    # a fifth of a second of his voice is the bar, not a tenth of his turn (seconds of a long one: a reviewer)
    edge = source.replace("00:00.00 – 00:02.50] Ann Bos", "00:00.00 – 00:03.47] Ann Bos")
    edge = edge.replace("00:03.00 – 00:05.50] Kees Mol", "00:03.47 – 00:05.50] Kees Mol")
    assert "00:03.0, kept back as Kees Mol's, no longer in a turn kept back" in load_of(edge)
    # no question: his heading nudged, two of his turns merged by deleting a heading, Ann's echo corrected
    nudged = source.replace("00:03.00 – 00:05.50", "00:03.60 – 00:05.90")
    nudged = nudged.replace("Dat zeg ik al jaren.", "Dat zeg ik al jaren, te laat.")
    assert load_of(nudged) == loaded
    merged = source.replace("\n## [00:12.00 – 00:14.50] Kees Mol\n", "")
    assert merged != source and load_of(merged) == loaded
    assert load_of(source.replace("signalen snel delen, maar", "signalen sneller delen, maar")) == loaded
    assert load_of(source) == loaded
    # forget's markers all say the same: deleting the first is judged as deleting the last is, whatever a
    # participant entry typed by hand says of "[verwijderd]"
    assert run("forget", "Kees Mol", cwd=tmp_path).exit_code == 0
    forgotten = path.read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(forgotten.splitlines()) if line.startswith("## [00:03.00"))
    lines = forgotten.splitlines()
    assert "Kees Mol" not in forgotten and "verwijderd" in lines[first]
    # (one deleted while the others stand: silent there, as no heard turn holds it; all of them deleted: the
    # recording would play as it is, asked; session 51)
    deleted = "\n".join(lines[:first] + lines[first + 3 :])
    assert load_of(deleted) == loaded and silent_in(tmp_path, 3.0, 5.5)
    assert load_of(forgotten) == loaded
    markers = [n for n, line in enumerate(lines) if line.startswith("## [") and "verwijderd" in line]
    assert len(markers) == 3
    every = "\n".join(line for n, line in enumerate(lines) if not any(m <= n < m + 3 for m in markers))
    # (every one of them deleted: their stretches are remembered as kept back, so silent still, and no question
    # (session 52; before, the recording played whole and load asked), whatever a participant entry typed by hand
    # says of "[verwijderd]"
    assert load_of(every) == loaded and silent_in(tmp_path, 3.0, 5.5) and silent_in(tmp_path, 9.0, 14.5)
    entry = "participants:\n- name: '[verwijderd]'\n  status: published\n"
    assert "participants:\n" in every
    assert load_of(every.replace("participants:\n", entry, 1)) == loaded and silent_in(tmp_path, 3.0, 5.5)
    # a turn of Ann's typed over one of them asks, as the stretch of a turn deleted by an earlier edit
    over = every.replace("## [00:06.00", "## [00:03.00 – 00:05.50] Ann Bos\n\nDat klopt.\n\n## [00:06.00", 1)
    assert over != every and "kept back as [verwijderd]'s since an earlier edit" in load_of(over)


def test_a_misspelt_heading_over_a_withdrawn_turn_then_typed_as_a_published_participant_is_asked(tmp_path):
    """A helper's attack (session 51): Kees Mol withdrawn; one load with his heading misspelt "Kees Moll" (kept back
    as his, with a note), a second with a participant "Kees Moll" typed as published: his words went on the site
    under "Kees Moll", where the two edits in one load were asked about. Only the consent of the one a turn is
    kept back as counts; a participant's own status given back in the file still does."""
    from conftest import ann_and_kees

    from gesprekken.transcript import Conversation, Turn, write

    ann, kees = ann_and_kees()
    said = [(ann, "Wij zien steeds meer huurders met een achterstand."), (kees, "Dat herken ik, het komt te laat.")]
    said += [(ann, "Daarom willen we vroeg signaleren.")]
    turns = [Turn(p.name, 3.0 * n, 3.0 * n + 2.5, text) for n, (p, text) in enumerate(said)]
    path = tmp_path / "transcripts" / "gesprek.md"
    write(Conversation("a1b2c3d4e5f6", "Eerder", participants=[ann, kees], turns=turns, status="published"), path)
    assert run("load", cwd=tmp_path).exit_code == 0
    source = path.read_text(encoding="utf-8")
    misspelt = source.replace("00:05.50] Kees Mol", "00:05.50] Kees Moll")
    assert misspelt != source and run("load", cwd=tmp_path).exit_code == 0
    path.write_text(misspelt, "utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    entry = "participants:\n- name: Kees Moll\n  status: published\n"
    path.write_text(misspelt.replace("participants:\n", entry, 1), "utf-8")
    result = run("load", cwd=tmp_path)
    assert result.exit_code == 1 and "kept back as Kees Mol's" in " ".join(result.output.split()), result.output
    assert "het komt te laat" not in repr(public_turns(tmp_path))
    # his own status given back in the file is asked about too (an attack, session 55: an older copy of the file
    # written back took back his withdrawal unasked), and shows them once the editor says so
    path.write_text(source.replace("status: withdrawn", "status: published"), "utf-8")
    result = run("load", cwd=tmp_path)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "Kees Mol, withdrawn, is no longer withdrawn in it" in said, said
    assert "give the participant's status, headings and words back" in said
    assert "het komt te laat" not in repr(public_turns(tmp_path))
    assert "status: published" in path.read_text(encoding="utf-8")
    assert run("load", "--yes", "a1b2c3d4", cwd=tmp_path).exit_code == 0
    assert "het komt te laat" in repr(public_turns(tmp_path))


def silent_in(folder: Path, start: float, end: float) -> bool:
    """Whether the public recording of the one conversation in ``folder`` is silent from ``start`` to ``end``, as
    publish silences it (gesprekken.publish.silenced_spans), were it published with every voice confirmed."""
    import sqlite3

    from gesprekken.publish import TURNS_IN_TIME, _remembered_silent, silenced_spans, withheld_turns
    from gesprekken.redact import merged_spans
    from gesprekken.transcript import REMOVED_SPEAKER

    conn = sqlite3.connect(folder / "gesprekken.db")
    try:
        conn.execute("UPDATE speakers SET confirmed = 1")
        (cid,) = conn.execute("SELECT id FROM conversations").fetchone()
        held = withheld_turns(conn, [cid])
        turns = [
            (start, end, tid in held or speaker == REMOVED_SPEAKER, said_from, said_to)
            for tid, start, end, speaker, _, said_from, said_to in conn.execute(TURNS_IN_TIME, [cid])
        ]
        anyone = conn.execute("SELECT count(*) FROM participants WHERE status != 'published'").fetchone()[0] > 0
        remembered, withheld = _remembered_silent(conn, "main", [cid])  # (the stretches remembered as kept back)
        conn.rollback()
    finally:
        conn.close()
    spans = merged_spans(silenced_spans(turns, anyone or cid in withheld) + remembered.get(cid, []), None)
    return any(a <= start and end <= b for a, b in spans)


def public_turns(folder: Path) -> list:
    import sqlite3

    from gesprekken.publish import build_public_copy

    copy = build_public_copy(folder / "gesprekken.db", folder / "transcripts", folder / "recordings")
    with sqlite3.connect(copy) as public:
        tables = [t for (t,) in public.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [row for t in tables for row in public.execute(f"SELECT * FROM [{t}]")]


def test_withdrawing_someone_names_the_exports_that_still_hold_them(workspace):
    """A newcomer's run (session 48): after 'export data' and 'export article', withdrawing a participant said
    nothing of the files that still held their words, though the workspace records every export (forget deletes
    them). The command and the desk's history line name them, with what to do."""
    from gesprekken import Workspace

    (workspace / "out").mkdir()
    assert run("export", "data", "1ef18611", "-o", "out/k.csv", cwd=workspace).exit_code == 0
    assert run("export", "article", "1ef18611", "-o", "out/artikel.md", cwd=workspace).exit_code == 0
    assert run("speakers", "1ef18611", "--rename", "Spreker 2=Joost de Boer", cwd=workspace).exit_code == 0
    result = run("publication", "1ef18611", "internal", "--participant", "Joost de Boer", cwd=workspace)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 0, result.output
    assert (
        "Note: 2 exports of this conversation written before may still hold Joost de Boer as they were: "
        "out/artikel.md, out/k.csv; export them again, or delete them, and ask back any copy sent on" in said
    ), said
    result = run("publication", "1ef18611", "internal", "--participant", "Joost de Boer", cwd=workspace)
    assert "written before" not in result.stderr  # nothing changed, nothing said
    ws = Workspace(workspace / "transcripts", db=workspace / "gesprekken.db")
    (path,) = (workspace / "transcripts").glob("*.md")
    desk = ws.desk(transcript.read(path).id)
    saved = desk.set_status(desk.state()["version"], "withdrawn", "Joost de Boer", force=True)
    assert "Eerder geëxporteerd, misschien nog zoals het was: artikel.md, k.csv; exporteer opnieuw" in saved["summary"]


def test_withdrawing_a_participant_first_shows_what_their_turns_rest_on(workspace):
    result = run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", cwd=workspace)
    assert result.exit_code == 0, result.output
    shown = re.search(r"Joost de Boer speaks in .*in de wijk \(1ef18611\): \d+ turns?, under a name", result.output)
    assert shown and shown.start() < result.output.index("Joost de Boer: withdrawn")
    run("publication", "1ef18611", "published", "--participant", "Joost de Boer", cwd=workspace)
    assert run("speakers", "1ef18611", "--rename", "Spreker 2=Joost de Boer", cwd=workspace).exit_code == 0
    result = run("publication", "1ef18611", "withdrawn", "--participant", "Joost de Boer", cwd=workspace)
    assert re.search(r"\(1ef18611\): \d+ turns?, under a name an editor confirmed", result.stderr)


def test_confirm_is_a_rename_to_the_name_the_voice_has(workspace):
    """A newcomer's run: confirming a name was only `--rename "NAME=NAME"`, which reads oddly; `--confirm NAME` (a
    name or a label) does the same, and the notes say it."""
    from gesprekken.transcript import read

    (path,) = (workspace / "transcripts").glob("*.md")
    assert not all(s.confirmed for s in read(path).speakers if s.name)
    result = run(
        "speakers", "1ef18611", "--confirm", "Marloes van der Heijden", "--confirm", "Spreker 2", cwd=workspace
    )
    assert result.exit_code == 0, result.output
    assert all(s.confirmed for s in read(path).speakers if s.name)
    assert "confirmed Marloes van der Heijden in" in result.output


def test_forgetting_a_name_nobody_has_says_so(workspace):
    # The voice renamed to another spelling: the participant follows, the old name only stays in words; the
    # command says so (a newcomer's run: the participant changed without a word).
    renamed = run("speakers", "1ef18611", "--rename", "Spreker 2=Joost de Boer-Smit", cwd=workspace)
    assert renamed.exit_code == 0
    said = " ".join(renamed.stderr.split())
    assert "Note: the participant Joost de Boer is now spelt Joost de Boer-Smit in" in said, said
    assert "'Joost de Boer' is kept as an earlier spelling" in said
    result = run("forget", "Joost de Boer", "--dry-run", cwd=workspace)
    assert result.exit_code == 1 and "'Joost de Boer' is no participant" in result.stderr
    assert "'Joost de Boer-Smit' does" in result.stderr
    # Followed blindly, the advice must not delete someone else: it names both paths.
    assert (
        "if 'Joost de Boer-Smit' is 'Joost de Boer' under a new name, run 'gesprekken forget \"Joost de Boer-Smit\"'; "
        "if 'Joost de Boer' is someone else, pass --yes" in " ".join(result.stderr.split())
    )
    result = run("forget", "Joost de Boer", "--dry-run", "--yes", cwd=workspace)
    assert "'Joost de Boer' is no participant and speaks in no conversation" in result.stderr
    assert "did you mean 'Joost de Boer-Smit'?" in result.stderr
    result = run("forget", "Joost de Boer-Smit", "--dry-run", cwd=workspace)
    assert result.exit_code == 0 and "no participant" not in result.stderr


def test_forgetting_a_first_name_or_a_surname_alone_asks_whom_it_means_and_changes_nothing(workspace):
    """A newcomer's run (session 48): 'forget "Fatma"' for Fatma Yilmaz took the word "Fatma" out of what people said,
    deleted every export and history entry that said it, left Fatma Yilmaz's turns and participant entry as they
    were, and exited 0: the organiser believed her forgotten. A part of a participant's name asks first, naming
    both paths; nothing changes until then."""
    (path,) = (workspace / "transcripts").glob("*.md")
    source = path.read_bytes()
    for part in ("Marloes", "Van der Heijden", "marloes"):
        result = run("forget", part, cwd=workspace)
        said = " ".join(result.stderr.split())
        assert result.exit_code == 1, result.output
        assert (
            f"{part!r} is no participant and speaks in no conversation, but it is a part of the name of "
            "'Marloes van der Heijden': to forget her or him, run 'gesprekken forget \"Marloes van der Heijden\"'; if "
            f"{part!r} is someone else, pass --yes" in said
        ), said
        assert path.read_bytes() == source
    result = run("forget", "Marloes", "--yes", "--dry-run", cwd=workspace)
    assert result.exit_code == 0, result.output
    # a part of a double surname too (a reviewer's read)
    assert run("speakers", "1ef18611", "--rename", "Spreker 2=Joost de Boer-Smit", cwd=workspace).exit_code == 0
    result = run("forget", "Smit", cwd=workspace)
    assert result.exit_code == 1 and "a part of the name of 'Joost de Boer-Smit'" in " ".join(result.stderr.split())


def test_forgetting_no_name_at_all_is_refused_and_deletes_nothing(workspace):
    """An organiser's run (session 55): 'forget ""' (a script's unset variable), "   " or "." matched everywhere:
    every export and the whole desk history deleted, exit 0. Refused now, with nothing changed."""
    import sqlite3

    (path,) = (workspace / "transcripts").glob("*.md")
    for status in ("internal", "published"):  # two entries in the desk's history
        assert run("publication", path.stem, status, cwd=workspace).exit_code == 0
    exported = workspace / "artikel.md"
    assert run("export", "article", path.stem, "-o", exported, cwd=workspace).exit_code == 0
    source, article = path.read_bytes(), exported.read_bytes()
    edits = sqlite3.connect(workspace / "gesprekken.db").execute("SELECT count(*) FROM edits").fetchone()
    assert edits == (2,)
    for person in ("", "   ", ".", "-"):
        for dry in ((), ("--dry-run",)):
            result = run("forget", person, *dry, cwd=workspace)
            said = " ".join(result.stderr.split())
            assert result.exit_code == 1, result.output
            shown = " ".join(repr(person).split())
            assert f"{shown} is no name (it has no letter in it), so nothing was forgotten" in said, said
    assert path.read_bytes() == source and exported.read_bytes() == article
    assert sqlite3.connect(workspace / "gesprekken.db").execute("SELECT count(*) FROM edits").fetchone() == edits


def test_forgetting_a_participant_who_never_spoke_does_not_call_them_no_participant(workspace):
    # On the programme, at the table, but not a word recorded: they are a participant until forgotten.
    (path,) = (workspace / "transcripts").glob("*.md")
    text = path.read_text(encoding="utf-8")
    listed = "  status: published\nspeakers:"
    path.write_text(
        text.replace(listed, listed.replace("speakers:", "- name: Kees Mol\n  status: published\nspeakers:"), 1)
    )
    assert "Kees Mol" in [p.name for p in transcript.read(path).participants]
    result = run("forget", "Kees Mol", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "Kees Mol removed from the participants" in result.stdout
    assert "no participant" not in result.stderr
    assert "Kees Mol" not in path.read_text(encoding="utf-8")


def test_forgetting_someone_only_mentioned_is_not_sent_to_a_namesake(workspace):
    # Piet de Boer is another person than the participant Joost de Boer (difflib finds them 0.72
    # alike): he is not offered as a name before a rename, and forgetting Piet takes only his mentions.
    path = workspace / "transcripts" / SAMPLE
    text = path.read_text(encoding="utf-8")
    heading = r"(\n## \[[^\n]*\] Marloes van der Heijden\n\n)"
    said = re.sub(heading, r"\1Piet de Boer kon er niet bij zijn. ", text, count=1)
    assert said != text
    path.write_text(said, encoding="utf-8")
    result = run("forget", "Piet de Boer", "--dry-run", cwd=workspace)
    assert result.exit_code == 0, result.stderr
    assert 'gesprekken forget "Joost de Boer"' not in result.stderr
    assert "forgetting them takes only mentions of the name" in " ".join(result.stderr.split())


def test_load_waits_for_a_busy_database_and_says_so_in_one_sentence_when_it_stays_busy(workspace, monkeypatch):
    """A helper ran `load` while the desk saved: "sqlite3.OperationalError: database is locked", a traceback
    (SQLite's five seconds). Now a write waits for the other (storage.BUSY_WAIT), and a database that stays
    busy longer is one sentence and exit 1, the transcripts as they were."""
    import sqlite3

    from gesprekken import storage

    before = {p.name: p.read_bytes() for p in (workspace / "transcripts").glob("*.md")}
    other = sqlite3.connect(workspace / "gesprekken.db", isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another process's write, holding on
        monkeypatch.setattr(storage, "BUSY_WAIT", 0.5)
        result = run("load", cwd=workspace)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1
    assert "stayed busy" in result.output and "Traceback" not in result.output, result.output
    assert {p.name: p.read_bytes() for p in (workspace / "transcripts").glob("*.md")} == before
    assert run("load", cwd=workspace).exit_code == 0  # and once the other is done, it loads


def test_one_of_anything_is_singular(workspace):
    outputs = [run(*args, cwd=workspace).output for args in (("load",), ("analyse",), ("speakers", "1ef18611"))]
    outputs.append(run("forget", "Marloes van der Heijden", "--dry-run", cwd=workspace).output)
    assert "loaded 1 conversation into" in outputs[0] and "removed" not in outputs[0]  # not "removed 0 into"
    for output in outputs:
        assert not PLURAL_OF_ONE.search(output), output


def get(db: Path, path: str, public: Path | None = None, editor: bool = False):
    workspace = db.parent

    async def fetch():
        datasette = Datasette(
            [str(db)],
            immutables=[str(public)] if public else [],
            metadata=metadata(db, workspace / "recordings", workspace / "transcripts", public),
        )
        cookies = {"ds_actor": datasette.sign({"a": {"id": "editor"}}, "actor")} if editor else {}
        return await datasette.client.get(path, cookies=cookies)

    return asyncio.run(fetch())


def test_the_conversation_page_takes_the_ids_first_digits(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    for prefix in ("1ef18611", "1EF18611f5"):
        response = get(db, f"/-/gesprekken/gesprek/{prefix}?t=3")
        assert response.status_code == 302
        assert response.headers["location"] == "/-/gesprekken/gesprek/1ef18611f54b?t=3"
    for short in ("1ef1861", "1ef1861_", "1ef18611x"):
        assert get(db, f"/-/gesprekken/gesprek/{short}").status_code == 404


def test_a_prefix_of_a_conversation_that_is_not_public_is_as_unknown_as_any(knowledge_base):
    db = knowledge_base / "gesprekken.db"
    public = build_public_copy(db)
    internal = next(
        transcript.read(p).id
        for p in (knowledge_base / "transcripts").glob("*.md")
        if transcript.read(p).status != "published"
    )
    unknown = next(f"{n:08x}" for n in range(16) if not internal.startswith(f"{n:08x}"))
    hidden = get(db, f"/-/gesprekken/gesprek/{internal[:8]}", public)
    nowhere = get(db, f"/-/gesprekken/gesprek/{unknown}", public)
    assert hidden.status_code == nowhere.status_code == 404
    assert hidden.text.replace(internal[:8], unknown) == nowhere.text
    assert dict(hidden.headers) == dict(nowhere.headers)
    editor = get(db, f"/-/gesprekken/gesprek/{internal[:8]}", public, editor=True)
    assert editor.status_code == 302 and editor.headers["location"].endswith(internal)
    assert get(db, "/-/gesprekken/gesprek/1ef18611", public).status_code == 302  # published: there for everyone


def test_the_editor_password_hint_names_a_datasette_a_shell_finds():
    """serve's hint said `$(datasette hash-password)`: from the README's setup, with .venv not activated,
    a shell finds no `datasette`, and the hash came out empty. It names the datasette of this installation."""
    import subprocess

    from gesprekken.cli import hash_password_command

    command = shlex.split(hash_password_command())
    assert Path(command[0]).is_absolute(), command
    bare = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)} | {"PATH": "/usr/bin:/bin"}
    result = subprocess.run([*command, "--help"], env=bare, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "hash" in result.stdout.lower(), result.stderr


def test_names_the_wrong_way_round_are_pointed_to_the_swap_and_forget_names_the_recording_from_here(workspace):
    """A newcomer renamed a voice to the other participant's name and was told to merge the two (one
    voice from two); forget's dry run named the original recording as the transcript stores it
    (../recordings/sample.mp3, from transcripts/), not as the organiser finds it, and said "export it
    again" of an export it only would delete."""
    marloes, joost = "Marloes van der Heijden", "Joost de Boer"
    refused = run("speakers", "1ef18611", "--rename", f"{marloes}={joost}", cwd=workspace)
    assert refused.exit_code != 0
    swap = f'--rename "{marloes}={joost}" --rename "{joost}={marloes}"'
    assert swap in refused.output, refused.output
    # one new name for both voices: no swap or merge to offer (neither would run)
    both = run("speakers", "1ef18611", "--rename", f"{marloes}=Ann Bos", "--rename", f"{joost}=Ann Bos", cwd=workspace)
    assert both.exit_code != 0 and f"'Ann Bos' is given to {marloes} and {joost}; give each" in both.output
    # the command it gives swaps them (--force: here their own introductions say they were right)
    assert run("speakers", "1ef18611", *shlex.split(swap), "--force", cwd=workspace).exit_code == 0
    assert run("export", "article", "1ef18611", "-o", "artikel.md", cwd=workspace).exit_code == 0
    dry = run("forget", joost, "--dry-run", "--yes", cwd=workspace)
    assert dry.exit_code == 0, dry.output
    assert "the original recording recordings/sample.mp3 (of " in dry.output, dry.output
    assert "article export of a conversation they were in" in dry.output and "export deleted" not in dry.output


def test_confirming_a_voice_twice_changes_nothing_the_second_time(workspace):
    """A helper's attack on re-runs: each run of `speakers --rename "Joost de Boer=Joost de Boer"` added another
    "door de redactie: Joost de Boer bevestigd" to the transcript and the database."""
    command = ("speakers", "1ef18611", "--rename", "Joost de Boer=Joost de Boer")
    assert run(*command, cwd=workspace).exit_code == 0
    once = (workspace / "transcripts" / SAMPLE).read_bytes()
    for _ in range(2):
        result = run(*command, cwd=workspace)
        assert result.exit_code == 0, result.output
    assert (workspace / "transcripts" / SAMPLE).read_bytes() == once
    joost = next(s for s in transcript.read(workspace / "transcripts" / SAMPLE).speakers if s.name == "Joost de Boer")
    assert joost.confirmed and sum("bevestigd" in e for e in joost.evidence) == 1


def test_a_swap_undone_leaves_each_voice_its_name_confirmed_not_two_contradicting_lines(workspace):
    """A newcomer's run: a wrong swap and its fix left "door de redactie: Marloes van der Heijden is Joost de Boer"
    and "... Joost de Boer is Marloes van der Heijden" under one voice."""
    swap = ["--rename", "Marloes van der Heijden=Joost de Boer", "--rename", "Joost de Boer=Marloes van der Heijden"]
    for _ in range(2):
        result = run("speakers", "1ef18611", *swap, "--force", cwd=workspace)
        assert result.exit_code == 0, result.output
    for speaker in transcript.read(workspace / "transcripts" / SAMPLE).speakers:
        said = [e for e in speaker.evidence if e.startswith("door de redactie")]
        assert said == [f"door de redactie: {speaker.name} bevestigd"], said
    # and swapped once more: what it is now, once (not "... bevestigd" before it: a reviewer's find)
    assert run("speakers", "1ef18611", *swap, "--force", cwd=workspace).exit_code == 0
    for speaker in transcript.read(workspace / "transcripts" / SAMPLE).speakers:
        said = [e for e in speaker.evidence if e.startswith("door de redactie")]
        assert len(said) == 1 and said[0].endswith(f" is {speaker.name}"), said


@pytest.mark.parametrize(
    "command",
    [
        ("speakers", "1ef18611", "--rename", "Spreker 1=Marloes van der Heyden"),
        ("publication", "1ef18611", "internal"),
    ],
)
def test_an_editors_comment_in_the_front_matter_survives_a_command_that_rewrites_it(workspace, command):
    """A helper's attack on re-runs: "# Rol nagevraagd bij Joost; niet wijzigen" above a participant was dropped
    without a word by speakers --rename and publication, which write the front matter anew."""
    path = workspace / "transcripts" / SAMPLE
    text = path.read_text(encoding="utf-8")
    note, indented = "# Rol nagevraagd bij Joost; niet wijzigen", "  # rol: bevestigd per mail"
    text = text.replace("- name: Joost de Boer", f"{note}\n- name: Joost de Boer\n{indented}", 1)
    path.write_text(text, encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    result = run(*command, cwd=workspace)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert note in after and indented.strip() in after
    assert run("load", cwd=workspace).exit_code == 0


def test_analyse_after_a_hand_edit_not_loaded_says_to_load_first(workspace):
    """An attack (session 56): 'analyse' after a word was changed by hand, not loaded, stored a quote that no turn of
    the database said (quotes with the new words: 1, turns: 0). Refused now, nothing changed, with the way on."""
    path = workspace / "transcripts" / SAMPLE
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        before = db.execute("SELECT text FROM quotes ORDER BY rowid").fetchall()
    edited = transcript.read(path)
    edited.turns[1].text += " Zeker weten."
    transcript.write(edited, path)
    result = run("analyse", cwd=workspace)
    assert result.exit_code == 1 and f"{SAMPLE} was edited since the last load" in result.stderr, result.output
    with sqlite3.connect(workspace / "gesprekken.db") as db:
        assert db.execute("SELECT text FROM quotes ORDER BY rowid").fetchall() == before
    assert run("load", cwd=workspace).exit_code == 0 and run("analyse", cwd=workspace).exit_code == 0


@pytest.mark.parametrize("typed", ["joost de boer", "JOOST DE BOER"])
def test_forget_of_a_name_in_another_case_is_the_participants(workspace, typed):
    """An attack (session 56): 'forget "joost de boer"' was refused as a close name, and 'forget "JOOST DE BOER"'
    said he was no participant, then took his turns. Either is the participant's own name now, said as his."""
    result = run("forget", typed, "--dry-run", cwd=workspace)
    assert result.exit_code == 0 and "no participant" not in result.output, result.output
    assert "turns of Joost de Boer replaced" in result.output, result.output


def test_a_voice_that_says_it_is_not_the_one_merged_into_is_merged_only_when_sure(workspace):
    """Session 57's note: diarization split off a stand-in's words ("Ik ben niet Joost."), and a merge into the voice
    named Joost de Boer put them under his name without a question. Asked first, as a rename against an
    introduction is; with --force, merged."""
    path = workspace / "transcripts" / SAMPLE
    text = path.read_text(encoding="utf-8")
    conversation = transcript.read(path)
    last = conversation.turns[-1]
    text = text.replace(last.text, "Ik ben niet Joost. " + last.text, 1)
    path.write_text(text, encoding="utf-8")
    assert run("load", cwd=workspace).exit_code == 0
    voice = last.speaker
    assert voice != "Joost de Boer"
    before = path.read_bytes()
    result = run("speakers", "1ef18611", "--merge", f"{voice}=Joost de Boer", cwd=workspace)
    assert result.exit_code == 1, result.output
    assert f"The voice {voice} says it is not Joost de Boer ('Ik ben niet Joost.')" in result.stderr, result.stderr
    assert path.read_bytes() == before
    result = run("speakers", "1ef18611", "--merge", f"{voice}=Joost de Boer", "--force", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert {t.speaker for t in transcript.read(path).turns} == {"Joost de Boer"}


@pytest.mark.parametrize(
    "command, typed",
    [
        (["ingest"], "-dash.wav"),  # a file there: '-d' is no option
        (["ingest", "--quiet"], "--notities.wav"),
        (["export", "subtitles", "-o", "x.vtt"], "-tafel-3"),  # a conversation's name
        (["forget", "--dry-run"], "-Joost"),
    ],
)
def test_an_argument_that_starts_with_a_dash_is_told_how_to_pass_it(tmp_path, command, typed):
    """Click read a file named -dash.wav as options and said only "No such option '-d'"; where a file or another
    argument starts with -, the message says to put -- before it, and following it reaches the file."""
    (tmp_path / "-dash.wav").write_bytes(b"geen geluid " * 100)
    (tmp_path / "--notities.wav").write_bytes(b"geen geluid " * 100)
    result = run(*command, typed, cwd=tmp_path)
    said = " ".join(result.output.split())
    where = " ".join(c for c in command if c.isalpha())  # the command, as "gesprekken ingest" ("cli" in CliRunner)
    assert result.exit_code == 2 and "No such option" in said, said
    assert f"If {typed} is a file name or another argument, not an option, put -- before it" in said, said
    assert f" {where} -- {typed}" in said, said
    assert (f"or write it as ./{typed}" in said) == (tmp_path / typed).exists(), said
    if command[0] == "ingest":
        result = run(*command, "--", typed, cwd=tmp_path)
        said = " ".join(result.output.split())
        assert result.exit_code == 1 and "No such option" not in said and typed in said, said


@pytest.mark.parametrize("typed", ["-mijn opname.wav", "-Joost's opname.wav", '--"tafel 3".mp3'])
def test_the_advice_for_an_argument_that_starts_with_a_dash_works_when_pasted(tmp_path, typed):
    """A helper's attack (session 60): the advice wrote the name as it is, so for a file named "-mijn opname.wav"
    the command it gave, pasted into a shell, passed "-mijn" and "opname.wav" (and a quote in the name left the
    shell waiting for its pair). Both commands it gives are quoted as a shell reads them: each gives back the name."""
    (tmp_path / typed).write_bytes(b"geen geluid " * 100)
    result = run("ingest", typed, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    said = result.output.strip().splitlines()[-1]
    dashed = said.split("(after the options): ", 1)[1].split(", or write it as ", 1)[0]
    assert shlex.split(dashed)[-2:] == ["--", typed], said
    assert shlex.split(said.split(", or write it as ", 1)[1]) == [f"./{typed}"], said
    pasted = run(*shlex.split(dashed)[1:], cwd=tmp_path)  # ("cli ingest -- ...": the command without its name)
    said = " ".join(pasted.output.split())
    assert pasted.exit_code == 1 and "No such option" not in said and typed in said, said


def test_an_id_that_two_conversations_start_with_names_both(tmp_path):
    """A helper's attack (session 60): 'speakers a1b2' where two ids start so said "'a1b2' matches 2 conversations
    in transcripts; pass more of the id", without a word of which two, nor how much more tells them apart."""
    path = write_other_side_withdrawn(tmp_path)
    text = path.read_text(encoding="utf-8").replace("a1b2c3d4e5f6", "a1b2c3d4ffff").replace("Eerder", "Later")
    (path.parent / "later.md").write_text(text, encoding="utf-8")
    assert run("load", cwd=tmp_path).exit_code == 0
    for command in (["speakers", "a1b2"], ["publication", "a1b2c3", "internal"], ["export", "subtitles", "a1b2"]):
        result = run(*command, cwd=tmp_path)
        assert result.exit_code == 1, result.output
        assert (
            f"Error: '{command[1 if command[0] != 'export' else 2]}' matches 2 conversations in transcripts, "
            "a1b2c3d4e (gesprek.md), a1b2c3d4f (later.md); pass the id of the one you mean"
        ) in " ".join(result.output.split()), result.output
        named = run(*[word if not word.startswith("a1b2") else "a1b2c3d4ff" for word in command], cwd=tmp_path)
        assert named.exit_code == 0 or "matches" not in named.output, named.output


@pytest.mark.parametrize(
    "command",
    [["speakers", "a1b2"], ["publication", "a1b2", "internal"], ["export", "subtitles", "a1b2"], ["analyse", "a1b2"]],
)
def test_a_transcripts_folder_that_is_not_there_is_said_so(tmp_path, command):
    """A helper's attack (session 60): '--transcripts nergens' (a typo) said "No conversation 'a1b2' in nergens; ...
    each transcript in nergens has its id on the line 'id:' at the top", sending the user to look in a folder that
    is not there. It says the folder does not exist, and what to pass."""
    write_other_side_withdrawn(tmp_path)
    result = run(*command, "--transcripts", "nergens", cwd=tmp_path)
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert said.startswith("Error: The transcripts folder nergens does not exist"), said
    assert "pass --transcripts with the folder your transcripts are in" in said, said
    assert not (tmp_path / "nergens").exists()


def test_an_option_typed_wrong_is_not_taken_for_a_file():
    """--jobz is an option typed wrong, and Click's own suggestion is the help; no word of -- for it."""
    result = run("ingest", "--jobz", "2", "opnames/")
    assert result.exit_code == 2 and "No such option '--jobz'" in result.output and "'--jobs'" in result.output
    assert "put -- before it" not in result.output


def test_a_file_whose_name_a_short_option_took_as_its_value_is_told_how_to_pass_it(tmp_path):
    """A reviewer's read (session 59): a recording named -middag.wav was taken by -m (the model) as its value
    "iddag.wav", so ingest said only "Pass one or more recordings or folders, or --sample.", no word of the file or
    of --; the message says how to pass it now, as for -dash.wav."""
    (tmp_path / "-middag.wav").write_bytes(b"geen geluid " * 100)
    result = run("ingest", "-middag.wav", cwd=tmp_path)
    said = " ".join(result.output.split())
    assert result.exit_code == 2, said
    assert "If -middag.wav is a file name or another argument, not an option, put -- before it" in said, said
    assert "or write it as ./-middag.wav" in said, said
