"""Every route reads consent alike, on many small tables made at random (a fresh review's fuzz, session 41):
the export (:func:`gesprekken.export.publishable`), the transcript's rule (``Conversation.published_for``) and
the public copy's SQL (:func:`gesprekken.publish.withheld_turns`) show the same turns, and the editors' pages
mark each withheld turn as the desk does (:func:`gesprekken.publish.unconfirmed`, ``Desk._withheld``).

What varies: names as written, in capitals and in lower case, in the entries, the voices and the headings;
statuses; automatic and confirmed voices; a third voice; voice labels, forget's marker, look-alikes and a
name nobody listed as headings; turns that introduce themselves as the other participant."""

import random
import sqlite3

import pytest
from conftest import confirmable_marks, run, said_turns

from gesprekken import Workspace
from gesprekken.consent import held_note
from gesprekken.export import omission_line, omissions, publishable
from gesprekken.publish import unconfirmed, withheld_turns
from gesprekken.transcript import REMOVED_SPEAKER, Conversation, Participant, Speaker, read, write

J, M = "Joost de Boer", "Marloes van der Heijden"
TEXTS = (
    "Wij zien steeds meer huurders met huurachterstanden.",
    "Dat herken ik. De schuldhulpverlening komt te laat.",
    "Een huisuitzetting is voor mij echt het laatste redmiddel.",
    "We moeten de gegevens eerder delen, zo'n convenant helpt.",
    "Daarom willen we maatwerk bieden.",
    "Afgesproken. Ik zorg dat het convenant in september klaarligt.",
)
INTRO = {
    "J": "Goedemiddag, ik ben Joost de Boer van de gemeente Zwolle.",
    "M": "Goedemiddag, ik ben Marloes van der Heijden van De Linie.",
}
OTHERS = ("Spreker 3", "Karel Jansen", REMOVED_SPEAKER, "Joost de Bor", "J. de Boer", "Marloes van der Heyden", "JOOST")


def spellings(name: str) -> list[str]:
    return [name, name.upper(), name.lower()]


def table(rng: random.Random) -> Conversation:
    def status() -> str:
        return rng.choice(["published", "published", "internal", "withdrawn"])

    joost, marloes = rng.choice(spellings(J)[:2]), rng.choice(spellings(M)[:2])
    participants = [
        Participant(marloes, "directeur", "De Linie", status()),
        Participant(joost, "manager", "gemeente Zwolle", status()),
    ]
    speakers = [
        Speaker("Spreker 1", rng.choice([*spellings(M), None]), 0.9, confirmed=rng.random() < 0.3),
        Speaker("Spreker 2", rng.choice([*spellings(J), None]), 0.9, confirmed=rng.random() < 0.3),
    ]
    if rng.random() < 0.3:
        name = rng.choice(["Karel Jansen", *spellings(J), *spellings(M)])
        speakers.append(Speaker("Spreker 3", name, 0.8, confirmed=rng.random() < 0.3))
    pool = [s.shown_as for s in speakers] * 3 + [s.label for s in speakers] + spellings(J) + spellings(M)
    pool += OTHERS
    headings, texts = [], []
    for text in TEXTS:
        headings.append(rng.choice(pool))
        texts.append(f"{INTRO[rng.choice('JM')]} {text}" if rng.random() < 0.15 else text)
    turns = said_turns(headings, texts)
    return Conversation(
        id="abc123def456", title="Samen", participants=participants, turns=turns, speakers=speakers,
        duration=turns[-1].end, conference="C", status="published",
    )  # fmt: skip


@pytest.mark.parametrize("seed", [*range(300), 1415])  # 119, 237 and 1415 found a desk mark apart
def test_every_route_shows_the_same_turns_and_marks_them_alike(tmp_path, seed):
    path = tmp_path / "transcripts" / "gesprek.md"
    write(table(random.Random(seed)), path)
    if run("load", cwd=tmp_path).exit_code != 0:
        pytest.skip("a table load turns away (it says why)")
    c = read(path)
    part = publishable(c)
    by_export = {n for n, t in enumerate(c.turns) if part is not None and any(t is u for u in part.turns)}
    by_rule = {n for n, t in enumerate(c.turns) if c.published_for(t.speaker)}
    with sqlite3.connect(tmp_path / "gesprekken.db") as db:
        held = withheld_turns(db, [c.id])
        seqs = dict(db.execute("SELECT id, seq FROM turns"))
        marks = unconfirmed(db, held)
    db.close()
    by_sql = {seqs[tid] - 1 for tid in seqs if tid not in held}
    table_read = ([(p.name, p.status) for p in c.participants], [(s.name, s.confirmed) for s in c.speakers])
    assert by_export == by_rule == by_sql, (table_read, [t.speaker for t in c.turns])
    # the marks as held_note's rule (consent.confirmable) reads the transcript
    assert marks == confirmable_marks(tmp_path / "gesprekken.db", c), (table_read, [t.speaker for t in c.turns])
    ws = Workspace(tmp_path / "transcripts", db=tmp_path / "gesprekken.db")
    try:
        assert ws.desk(c.id)._withheld()[0] == marks, (table_read, [t.speaker for t in c.turns])
    finally:
        ws.close()
    held_note(c)  # the messages are made for every table
    for omission in omissions(c, include_unpublished=False):
        assert omission_line(omission)
