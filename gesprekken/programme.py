"""The conference programme: who talks at which table, read from CSV or YAML.

YAML::

    conference: Woonconferentie 2026
    conversations:
      - title: Wederkerigheid in de wijk
        recording: tafel-3.m4a        # optional
        date: 2026-11-12              # optional
        participants:
          - {name: Marloes van der Heijden, role: directeur, organisation: Woonstichting De Linie}

The keys and columns may also carry their Dutch names (``gesprekken``, ``deelnemers``, ``naam``,
``rol``, ...: see :data:`ALIASES`).

CSV (one row per participant, as exported from a spreadsheet; ``;`` or ``,``)::

    title,recording,date,name,role,organisation
    Wederkerigheid in de wijk,tafel-3.m4a,2026-11-12,Marloes van der Heijden,directeur,Woonstichting De Linie
"""

import csv
import difflib
import io
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import ProgrammeError, counted, publication_command
from .paths import compose_yaml, iso_date, load_yaml, read_text
from .transcript import (
    DEFAULT_STATUS,
    REMOVED_SPEAKER,
    STATUS_WORDS,
    STATUSES,
    UNKNOWN_SPEAKER,
    Conversation,
    Participant,
    Speaker,
    alike_names,
    initialled,
)

COLUMNS = ("title", "recording", "date", "name", "role", "organisation", "conference", "status", "conversation_status")
#: Other names for the columns and keys, as Dutch organisers write them: one table for the CSV
#: columns and the YAML keys at each level, where a name is read as the one it stands for there.
ALIASES = {
    "titel": "title",
    "gesprek": "title",
    "opname": "recording",
    "bestand": "recording",
    "datum": "date",
    "naam": "name",
    "functie": "role",
    "rol": "role",
    "organisatie": "organisation",
    "organization": "organisation",
    "congres": "conference",
    "conferentie": "conference",
    "publicatie": "status",
    "toestemming": "status",
    "publicatie_gesprek": "conversation_status",
    "gesprekken": "conversations",
    "deelnemers": "participants",
}
#: The keys a YAML programme is read by, at each level.
TOP_KEYS = ("conference", "conversations")
CONVERSATION_KEYS = ("title", "recording", "date", "conference", "status", "participants")
PARTICIPANT_KEYS = ("name", "role", "organisation", "status")
#: How alike (difflib's ratio) an unknown key or column must be to a known one or its alias to read
#: as its typo: "partcipants", "statuss" and "naaam" are; a spreadsheet's own "notes", "email" or
#: "voornaam" are not, nor a word of its own made from a known one (see _made_from).
TYPO_SIMILARITY = 0.8


#: Dutch words organisers use for the statuses.
STATUS_ALIASES = {**STATUS_WORDS, "ja": "published", "nee": "internal"}


@dataclass
class ProgrammeEntry:
    """One conversation of the programme."""

    title: str
    participants: list[Participant] = field(default_factory=list)
    recording: str = ""
    date: str = ""
    conference: str = ""
    status: str = DEFAULT_STATUS
    #: Line in the programme file where the entry starts, for error messages.
    line: int = 0
    #: Whose status the programme gives (their names, casefolded; "" for the conversation's own), not the
    #: default of a programme without a status column or an empty cell: a stricter one is applied (apply_entry).
    stated: set[str] = field(default_factory=set)


@dataclass
class Programme:
    """The conversations of a conference, with the file they came from."""

    path: Path
    entries: list[ProgrammeEntry]
    conference: str = ""

    def listed_elsewhere(self, entry: ProgrammeEntry) -> set[str]:
        """The names (folded) the programme lists at tables other than ``entry``'s."""
        return {p.name.casefold() for other in self.entries if other is not entry for p in other.participants}

    def match(self, recording: Path, only_recording: bool = False) -> ProgrammeEntry | None:
        """The entry for ``recording``: by file name, else by title, else the only entry.

        ``only_recording`` says the recording is the only one ingested with this programme,
        so a programme with a single conversation and no file names still applies.
        """
        found, entry = self.by_file_name(recording)
        if found:
            return entry
        for entry in self.entries:
            if slug(entry.title) == slug(recording.stem):
                return entry
        if only_recording and len(self.entries) == 1 and not self.entries[0].recording:
            return self.entries[0]
        return None

    def by_file_name(self, recording: Path) -> tuple[bool, ProgrammeEntry | None]:
        """Whether an entry lists ``recording``'s file name (or its name without the suffix), and which entry it is:
        None where two or more list it and its folders tell none of them apart."""
        path = Path(os.path.abspath(recording)).parts  # (its folders, also where it was given as "gesprek.m4a")
        for whole in (True, False):  # by file name, else by its name without the suffix (.wav for .m4a)
            found = []
            for entry in self.entries:
                listed = _parts(entry.recording or "")
                if length := _trailing_parts(listed, path, whole):
                    found.append((entry, length, length == len(listed)))
            if len(found) == 1:
                return True, found[0][0]
            # Two recordings of one file name in two folders (day1/gesprek.m4a, day2/gesprek.m4a, both listed): the
            # one whose folders the recording's path ends with most, else none (session 60's list: both recordings
            # were the first one's conversation). The listed folders may begin where the organiser kept them
            # (opnames/dag1/gesprek.m4a, D:\Congres\dag1\gesprek.m4a for recordings/dag1/gesprek.m4a: matched
            # neither, a reviewer's read, session 61). A listed one without folders is any other of that name.
            if found:
                most = max(length for _, length, _ in found)
                best = [(entry, full) for entry, length, full in found if length == most]
                if most > 1 and len(best) == 1:
                    return True, best[0][0]
                whole_paths = [entry for entry, full in best if full]
                return True, whole_paths[0] if len(whole_paths) == 1 else None
        return False, None


def _parts(recording: str) -> tuple[str, ...]:
    """The folders and the file name of a programme's ``recording`` ("dag1/gesprek.m4a", or "dag1\\gesprek.m4a" as
    a spreadsheet on Windows writes it), without "." and ".." (not folders of their own)."""
    return tuple(part for part in re.split(r"[\\/]+", recording.strip()) if part not in ("", ".", ".."))


def _trailing_parts(listed: tuple[str, ...], path: tuple[str, ...], whole: bool) -> int:
    """How many of a programme's recording's parts (``listed``) the recording's ``path`` ends with, at least its file
    name (``whole``; else its name without the suffix), else 0."""
    if not listed or not path or not _same_name(*(p if whole else Path(p).stem for p in (listed[-1], path[-1]))):
        return 0
    length = 1
    while length < min(len(listed), len(path)) and _same_name(listed[-1 - length], path[-1 - length]):
        length += 1
    return length


def _same_name(a: str, b: str) -> bool:
    """Whether two file names are the same, whatever the case and Unicode form.

    macOS writes names decomposed (NFD: ``e`` + combining accent), a spreadsheet composed (NFC).
    """
    return unicodedata.normalize("NFC", a.casefold()) == unicodedata.normalize("NFC", b.casefold())


def slug(text: str) -> str:
    """A file-name-safe ASCII form of ``text``: ``Wederkerigheid in de wijk`` -> ``wederkerigheid-in-de-wijk``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def _made_from(found: str, word: str) -> bool:
    """Whether ``found`` is a real word made from ``word`` rather than a typo of it: a plural
    (titels, namen, rollen, datums) or the organiser (organisator) beside the organisation."""
    forms = {word + "en", word + word[-1] + "en"}
    if not word.endswith("s"):  # "statuss" is no plural of status
        forms.add(word + "s")
    if word.endswith("e"):
        forms.add(word + "n")
    for ending in ("ie", "ion"):
        if word.endswith(ending):
            forms |= {word[: -len(ending)] + made for made in ("or", "oren", "ors")}
    return found in forms


def _near_miss(path: Path, line: int, what: str, found: str, known) -> None:
    """Refuse ``found``, a key or column gesprekken does not read, when it is a typo of one it does
    (``known``, with their aliases): ignored, it would drop what it holds without a word (no
    participants, everyone internal)."""
    names = sorted({*known, *(alias for alias, meant in ALIASES.items() if meant in known)})
    if not found or found in names or any(_made_from(found, name) for name in names):
        return
    close = difflib.get_close_matches(found, names, n=1, cutoff=TYPO_SIMILARITY)
    if close:
        raise ProgrammeError(
            f"{path} line {line}: the {what} {found!r} is not one gesprekken reads (did you mean {close[0]!r}?); "
            f"correct it, or give a {what} of your own a name less like {close[0]!r}"
        )


def _canonical(path: Path, line: int, what: str, names: list[str], known) -> list[str]:
    """``names`` (a header's columns, a YAML mapping's keys) with each alias read as the name it stands
    for among ``known``; refused where two give one (``naam`` and ``name``), as one would be lost."""
    read = [_as_known(n, known) for n in names]
    for index, name in enumerate(read):
        if name in known and read.index(name) != index:
            raise ProgrammeError(
                f"{path} line {line}: the {what}s {names[read.index(name)]!r} and {names[index]!r} both give "
                f"the {name}; keep one"
            )
    return read


def _check_yaml_keys(path: Path, root) -> None:
    """Refuse a key that is a typo of a known one (``partcipants:``), or that gives what another
    key in the same place gives (``naam:`` beside ``name:``), with the line it is on."""

    def keys(node, known) -> list:
        if not isinstance(node, yaml.MappingNode):
            return []
        found = [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        for key, _ in found:
            _near_miss(path, key.start_mark.line + 1, "key", key.value, known)
        line = node.start_mark.line + 1
        read = _canonical(path, line, "key", [str(key.value) for key, _ in found], known)
        return [(name, value) for name, (_, value) in zip(read, found, strict=True)]

    top = dict(keys(root, TOP_KEYS))
    conversations = top.get("conversations") if isinstance(root, yaml.MappingNode) else root
    for item in conversations.value if isinstance(conversations, yaml.SequenceNode) else []:
        participants = dict(keys(item, CONVERSATION_KEYS)).get("participants")
        for person in participants.value if isinstance(participants, yaml.SequenceNode) else []:
            keys(person, PARTICIPANT_KEYS)


def _read_as(mapping, known) -> dict:
    """A YAML mapping with its aliased keys read as the names they stand for (``naam`` -> ``name``)."""
    if not isinstance(mapping, dict):
        return mapping
    return {_as_known(k, known): v for k, v in mapping.items()}


def _as_known(name: str, known) -> str:
    """``name``, or the name among ``known`` that it is an alias of (``naam`` -> ``name``)."""
    return ALIASES[name] if ALIASES.get(name) in known else name


def _status(path: Path, line: int, value) -> str:
    text = _text(value).casefold()
    if not text:
        return DEFAULT_STATUS
    text = STATUS_ALIASES.get(text, text)
    if text not in STATUSES:
        raise ProgrammeError(f"{path} line {line}: the status {value!r} is not one of {', '.join(STATUSES)}; fix it")
    return text


def _one_text_each(path: Path, line: int, item: dict, keys) -> None:
    """Refuse a value of ``keys`` that is a list or a mapping ("role: [directeur, voorzitter]"), which was kept as
    its Python text ("['directeur', 'voorzitter']": an attack, session 56)."""
    for key in keys:
        if isinstance(item.get(key), list | dict):
            raise ProgrammeError(
                f"{path} line {line}: the {key} {item.get(key)!r} is a list, not one text; write it as one "
                '(in quotes where it holds a comma: role: "directeur, voorzitter")'
            )


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _name(path: Path, line: int, value) -> str:
    """A participant's name, refused where it has a comma: "Mol, Kees" (a list's order) or "Kees Mol, wethouder"
    is no name anyone says, so no introduction would name the voice, the article would print it so, and consent
    would look for the wrong words (a helper's attack, session 44)."""
    from .consent import name_as_said

    name = _text(value)
    if "," in name:
        raise ProgrammeError(
            f"{path} line {line}: the name {name!r} has a comma; write the name as it is said, first name first "
            f"({name_as_said(name)!r}?), and a role, organisation or degree in a column of its own"
        )
    return name


def _date(path: Path, line: int, value) -> str:
    """The date as ISO (``12-11-2026`` -> ``2026-11-12``); refused where it is no date, which would
    otherwise be kept as the conversation's date as it was written."""
    try:
        return iso_date(value)
    except ValueError as e:
        raise ProgrammeError(f"{path} line {line}: {e}") from None


def _same_day(written: str, iso: str) -> bool:
    """Whether the date ``written`` (in a transcript, as the programme gave it) is the day ``iso``."""
    try:
        return iso_date(written) == iso
    except ValueError:
        return False


def _check_duplicates(path: Path, entries: list[ProgrammeEntry]) -> None:
    titles: dict[str, int] = {}
    recordings: dict[str, ProgrammeEntry] = {}
    for entry in entries:
        # one recording under two conversations: the second was never applied, its people's consent (a withdrawal)
        # recorded nowhere, and ingest said the recording was not given (an attack, session 58)
        # (by its folders too: "dag1/gesprek.m4a" and "dag2/gesprek.m4a" are two, told apart by match)
        recorded = "/".join(unicodedata.normalize("NFC", p.casefold()) for p in _parts(entry.recording or ""))
        if recorded in recordings:
            first = recordings[recorded]
            raise ProgrammeError(
                f"{path} line {entry.line}: the recording {entry.recording!r} is given to {entry.title!r} here and to "
                f"{first.title!r} at line {first.line}; a recording is one conversation: give each its own recording"
            )
        if recorded:
            recordings[recorded] = entry
        if entry.title.casefold() in titles:
            raise ProgrammeError(
                f"{path} line {entry.line}: the conversation {entry.title!r} is listed twice "
                f"(also at line {titles[entry.title.casefold()]}); give each conversation its own title"
            )
        titles[entry.title.casefold()] = entry.line
        names: set[str] = set()
        for participant in entry.participants:
            if participant.name.casefold() in names:
                raise ProgrammeError(
                    f"{path} line {entry.line}: {participant.name!r} is named twice in {entry.title!r}; "
                    "remove the duplicate"
                )
            names.add(participant.name.casefold())


def _read_yaml(path: Path, text: str) -> Programme:
    data = load_yaml(text, path, ProgrammeError)
    # Line numbers of each conversation, for messages: PyYAML's composer keeps them.
    nodes = compose_yaml(text)
    _check_yaml_keys(path, nodes)
    if isinstance(data, list):
        data = {"conversations": data}
    data = _read_as(data, TOP_KEYS)
    if not isinstance(data, dict) or not isinstance(data.get("conversations"), list):
        raise ProgrammeError(f"{path} line 1: expected a 'conversations:' list; see the README for the layout")
    conv_node = (
        next((v for k, v in nodes.value if ALIASES.get(k.value, k.value) == "conversations"), None)
        if isinstance(nodes, yaml.MappingNode)
        else nodes
    )
    lines = [item.start_mark.line + 1 for item in conv_node.value] if conv_node is not None else []
    conference = _text(data.get("conference"))
    entries = []
    for index, item in enumerate(data["conversations"]):
        line = lines[index] if index < len(lines) else 1
        item = _read_as(item, CONVERSATION_KEYS)
        if isinstance(item, dict) and "status" not in item:
            # the conversation's own status under the CSV column's name ("publicatie_gesprek: nee") was a key of its
            # own, dropped without a word (an attack, session 56): at this level, it is the status
            said = [k for k in item if ALIASES.get(k, k) == "conversation_status"]
            if said:
                item["status"] = item.pop(said[0])
        if not isinstance(item, dict) or not _text(item.get("title")):
            raise ProgrammeError(f"{path} line {line}: a conversation without a 'title:'; give it one")
        _one_text_each(path, line, item, ("title", "recording", "date", "conference", "status"))
        participants, stated = [], set()
        listed = item.get("participants") or []
        if not isinstance(listed, list):
            # "participants:" with its "- " forgotten was read as participants called "name", "role" and
            # "organisation" (an attack, session 56)
            raise ProgrammeError(
                f"{path} line {line}: the participants of {_text(item['title'])!r} are no list; write each as "
                "'- name: ...' on a line of its own, with its role and organisation under it"
            )
        for person in listed:
            if isinstance(person, str):
                person = {"name": person}
            person = _read_as(person, PARTICIPANT_KEYS)
            if not isinstance(person, dict) or not _text(person.get("name")):
                raise ProgrammeError(f"{path} line {line}: a participant without a 'name:'; give every one a name")
            _one_text_each(path, line, person, PARTICIPANT_KEYS)
            participants.append(
                Participant(
                    _name(path, line, person["name"]),
                    _text(person.get("role")),
                    _text(person.get("organisation")),
                    _status(path, line, person.get("status")),
                )
            )
            if _text(person.get("status")):
                stated.add(participants[-1].name.casefold())
        entries.append(
            ProgrammeEntry(
                title=_text(item["title"]),
                participants=participants,
                recording=_text(item.get("recording")),
                date=_date(path, line, item.get("date")),
                conference=_text(item.get("conference")) or conference,
                status=_status(path, line, item.get("status")),
                line=line,
                stated=stated | ({""} if _text(item.get("status")) else set()),
            )
        )
    return Programme(path, entries, conference)


def _closed(lines: list[str], dialect) -> bool:
    """Whether the row that starts ``lines`` closes every quotation mark it opens: a note over two
    lines (Alt+Enter in a spreadsheet) does; one never closed runs to the end of the file or into
    the next quoted cell."""
    try:
        next(csv.reader(io.StringIO("".join(lines)), dialect, strict=True))
    except csv.Error:
        return False
    return True


def _read_csv(path: Path, text: str) -> Programme:
    # Excel's "sep=;" first line says the separator (a Dutch Excel's export: an attack, session 56, was refused as a
    # header without 'title')
    said = re.match(r"\s*sep=(.)[ \t]*\r?\n", text)
    try:
        dialect = csv.Sniffer().sniff(text[said.end() if said else 0 :].split("\n", 1)[0], delimiters=",;\t")
        # A header without quotation marks makes the sniffer guess they are not doubled, while every
        # spreadsheet doubles one inside a quoted cell ("Ad ""de"" Kok"): read as it was written.
        dialect.doublequote = True
    except csv.Error:
        dialect = type("Excel", (csv.excel,), {})  # (its own: the separator below is this file's)
    if said:
        dialect.delimiter = said[1]
    reader = csv.reader(io.StringIO(text), dialect)
    if said:
        next(reader)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ProgrammeError(
            f"{path} line 1: the programme is empty; add a header row and one row per participant"
        ) from None
    for column in header:
        _near_miss(path, 1, "column", column, COLUMNS)
    header = _canonical(path, 1, "column", header, COLUMNS)
    if "title" not in header or "name" not in header:
        raise ProgrammeError(
            f"{path} line 1: the header needs at least the columns 'title' and 'name' ('titel' and 'naam') "
            f"(found: {', '.join(header) or 'nothing'}); see the README for the layout"
        )
    by_title: dict[str, ProgrammeEntry] = {}
    raw = io.StringIO(text).readlines()  # the lines as the reader counts them
    ended = reader.line_num
    for row in reader:
        first, line, ended = ended + 1, reader.line_num, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        for column, cell in zip(header, row, strict=False):
            # A quotation mark never closed swallows the rows after it into one cell, silently.
            if "\n" in cell.strip() and (column in ("title", "name") or not _closed(raw[first - 1 :], dialect)):
                raise ProgrammeError(
                    f"{path} line {first}: the cell {column!r} of this row runs on over {line - first + 1} lines, "
                    "as if a quotation mark in it is never closed; close the quotation mark or remove the line break"
                )
        # One never closed in the last row runs to the end of the file: its cells, one cell.
        if line == len(raw) and "".join(raw[first - 1 :]).count(dialect.quotechar or '"') % 2:
            if not _closed(raw[first - 1 :], dialect):
                raise ProgrammeError(
                    f'{path} line {first}: a quotation mark (") opened on this line is never closed, so the rest '
                    "of the row is read as one cell; close the quotation mark or remove it"
                )
        if len(row) > len(header):
            raise ProgrammeError(
                f"{path} line {line}: {len(row)} cells but {len(header)} columns; quote cells that contain "
                f"the separator {dialect.delimiter!r}"
            )
        if len(row) < len(header):
            # A cell left out moves every cell after it into the column before (an organisation read as the
            # role, a newcomer's run of the README): which one is missing cannot be told, so the row is refused.
            raise ProgrammeError(
                f"{path} line {line}: {len(row)} cells but {len(header)} columns ({', '.join(header)}); give "
                f"every row a cell for each column, an empty one as two separators in a row "
                f"({dialect.delimiter}{dialect.delimiter})"
            )
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        title, name = values.get("title", ""), _name(path, line, values.get("name", ""))
        if not title or not name:
            raise ProgrammeError(f"{path} line {line}: every row needs a title and a name; fill them in")
        entry = by_title.get(title.casefold())
        if entry is None:
            entry = by_title[title.casefold()] = ProgrammeEntry(title=title, line=line)
        values["date"] = _date(path, line, values.get("date"))
        for key in ("recording", "date"):
            # two tables under one title ("Rondetafel wonen" twice) were one conversation, the second's people added
            # to the first's transcript (an attack, session 56): refused, as YAML's title listed twice is
            if values.get(key) and getattr(entry, key) and values[key].casefold() != getattr(entry, key).casefold():
                raise ProgrammeError(
                    f"{path} line {line}: {title!r} has the {key} {values[key]!r} here and "
                    f"{getattr(entry, key)!r} at line {entry.line}; if these are two conversations, give each its own "
                    f"title, else give all its rows one {key} (or leave it empty after the first)"
                )
        for key in ("recording", "date", "conference"):
            if values.get(key) and not getattr(entry, key):
                setattr(entry, key, values[key])
        if values.get("conversation_status"):
            entry.status = _status(path, line, values["conversation_status"])
            entry.stated.add("")
        if _text(values.get("status")):
            entry.stated.add(name.casefold())
        if any(p.name.casefold() == name.casefold() for p in entry.participants):
            raise ProgrammeError(f"{path} line {line}: {name!r} is named twice in {title!r}; remove the duplicate row")
        entry.participants.append(
            Participant(
                name, values.get("role", ""), values.get("organisation", ""), _status(path, line, values.get("status"))
            )
        )
    entries = list(by_title.values())
    if not entries:
        # a header alone was a programme of nothing, without a word (an attack, session 56)
        raise ProgrammeError(f"{path}: the programme has a header but no rows; add one row per participant")
    return Programme(path, entries, next((e.conference for e in entries if e.conference), ""))


def read_programme(path: Path) -> Programme:
    """Read a programme file; the extension (.csv, .yaml, .yml) says which layout.

    Raises:
        ProgrammeError: naming the file and line, and what to fix.
    """
    text = read_text(path, ProgrammeError, "programme", "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')")
    # "Zoë" decomposed (NFD: "e" and a combining diaeresis, as macOS may write it) is the name typed
    # composed everywhere else (NFC: Whisper, the desk, a command line): stored composed, one name.
    text = unicodedata.normalize("NFC", text)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        programme = _read_csv(path, text)
    elif suffix in (".yaml", ".yml"):
        programme = _read_yaml(path, text)
    else:
        raise ProgrammeError(f"The programme {path} is neither .csv nor .yaml; save it as one of those")
    _check_duplicates(path, programme.entries)
    return programme


# --- a programme given after the recording was ingested ------------------------------------------


def title_from_filename(path: Path) -> str:
    """``tafel-3_wonen.m4a`` -> ``Tafel 3 wonen``: the title of a recording the programme does not name."""
    words = re.sub(r"[-_.]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name


@dataclass
class Applied:
    """What applying a programme entry to a kept transcript changes, and what it leaves as it is."""

    #: The conversation as it is with the programme applied.
    conversation: Conversation
    #: What changed, one short phrase each ("title 'Tafel 4' -> 'Wonen'", "added Ad Kok (published)").
    changes: list[str] = field(default_factory=list)
    #: Where transcript and programme differ and the transcript is kept (an editor's title, consent
    #: the command never loosens), one sentence each with what to do.
    kept: list[str] = field(default_factory=list)
    #: Turn headings renamed by the naming run again: old speaker -> new speaker.
    renamed: dict[str, str] = field(default_factory=dict)


def forgotten_here(conversation: Conversation) -> bool:
    """Whether ``forget`` removed someone from the conversation (it keeps no name of whom)."""
    from .consent import REMOVED_NAME

    said = [conversation.title, *(t.text for t in conversation.turns)]
    # A participant who never spoke and was never named leaves only the transcript's mark.
    return (
        conversation.forgotten
        or any(t.speaker == REMOVED_SPEAKER for t in conversation.turns)
        or any(REMOVED_NAME in x for x in said)
    )


def forgotten_listed_note(entry: "ProgrammeEntry", count: int) -> str:
    """What to say where the programme's ``entry`` lists ``count`` people forget took out (by no name)."""
    return (
        f"the programme's {entry.title!r} lists {counted(count, 'person', 'people')} forget took out, so "
        f"{'they were' if count > 1 else 'that one was'} not added: take them off the programme"
    )


def after_forget(
    entry: ProgrammeEntry, forgotten: Callable[[str], bool] | None, conference: str = ""
) -> tuple[ProgrammeEntry, str | None]:
    """``entry`` as the programme may give it once ``forget`` took people out (``forgotten``: its record,
    :func:`gesprekken.consent.forgotten_in`): their names out of its title and its conference (``conference``, the
    programme's, where the entry gives none of its own), and none of them among its participants; with the note that
    says so, by count and by no name, where it listed any (else None). What ingest gives a new recording and
    :func:`apply_entry` a kept transcript, alike."""
    from .consent import without_forgotten

    # nor their name in the programme's title or conference for this table (a reviewer's read, session 59)
    left = replace(
        entry,
        title=without_forgotten(entry.title, forgotten),
        conference=without_forgotten(entry.conference or conference, forgotten),
        participants=[p for p in entry.participants if not (forgotten and forgotten(p.name))],
    )
    gone = len(entry.participants) - len(left.participants)
    return left, forgotten_listed_note(left, gone) if gone else None


def apply_entry(
    conversation: Conversation,
    entry: ProgrammeEntry,
    conference: str = "",
    profiles: dict | None = None,
    name_voices: bool = True,
    published_by_editors: Iterable[str] = (),
    elsewhere: Collection[str] = (),
    forgotten: Callable[[str], bool] | None = None,
) -> Applied:
    """``conversation`` (a kept transcript) with what of ``entry`` no editor has changed.

    Title, date and conference are filled where they are still what ingest wrote without a
    programme (the file name's title, where no editor changed it, nothing); participants missing from the transcript
    are added with the programme's consent, and a participant's empty role or organisation is filled.
    Consent is never loosened: a participant or conversation the programme withdraws is withdrawn, one it says
    is internal ("nee", "intern") where the transcript publishes them is made internal, but for one an editor
    published (``published_by_editors``: their names, "" for the conversation, as the desk's history has them: the
    later word), and any other difference is left to ``gesprekken publication``. With ``name_voices``, the voices no
    editor confirmed are named again from the words already transcribed (as ingest names them,
    with the voice ``profiles`` of other conversations), so the new participants can be found.
    A forgotten person leaves no name behind, so nobody is added to a conversation someone was
    forgotten from. Nor to one whose participants the programme lists at another table (``elsewhere``: their names,
    folded) and none at this one: two tables swapped. Nor anyone ``forgotten`` says forget took out (its record,
    :func:`gesprekken.consent.forgotten_in`), anywhere: said, by no name, so the programme can be corrected.
    """
    from .consent import without_forgotten

    entry, listed_forgotten = after_forget(entry, forgotten, conference)
    changes, kept = [], []
    short = conversation.id[:8]
    title, date, status = conversation.title, conversation.date, conversation.status
    by_editors = {name.casefold() for name in published_by_editors}
    if entry.title != title:
        # (not an editor's, the file name's too: where they changed it, the titles before it are kept; and the file
        # name's as ingest made it after forget, without a name forget took out)
        named = title_from_filename(Path(conversation.recording))
        if title in (named, without_forgotten(named, forgotten)) and not conversation.earlier_titles:
            changes.append(f"title {title!r} -> {entry.title!r}")
            title = entry.title
        else:
            kept.append(
                f"kept the title {title!r} (the programme says {entry.title!r}); change it in the transcript if "
                "the programme is right"
            )
    if entry.date and entry.date != date:
        if not date or _same_day(date, entry.date):  # 12-11-2026, as an older gesprekken kept it
            changes.append(f"date {entry.date}")
            date = entry.date
        else:
            kept.append(f"kept the date {date} (the programme says {entry.date}); change it in the transcript if wrong")
    conference = entry.conference
    filled_conference = conversation.conference or conference
    if filled_conference != conversation.conference:
        changes.append(f"conference {conference!r}")
    elif conference and conference != conversation.conference:
        kept.append(
            f"kept the conference {conversation.conference!r} (the programme says {conference!r}); change it in "
            "the transcript if the programme is right"
        )
    if entry.status == "withdrawn" and status != "withdrawn":
        changes.append("conversation withdrawn, as the programme says")
        status = "withdrawn"
    elif "" in entry.stated and STATUSES.index(entry.status) > STATUSES.index(status):
        # "nee" or "intern" in the programme for a published conversation: consent taken back, as a withdrawal is
        # (an attack, session 56: "as the programme says", and it stayed on the site), but after an editor's word
        if "" in by_editors:
            kept.append(
                f"the conversation stays {status}, as an editor set it (the programme says {entry.status}); if they "
                f"did not agree, 'gesprekken publication {short} {entry.status}'"
            )
        else:
            changes.append(
                f"conversation {entry.status}, as the programme says (it was {status}; if they agreed since, publish "
                f"it again with 'gesprekken publication {short} {status}')"
            )
            status = entry.status
    elif entry.status == "published" and status == "withdrawn":
        # not the command that undoes it, as for a participant's withdrawal below (a reviewer's read, session 60:
        # re-ingesting with the programme said "publish it with 'gesprekken publication ... published'")
        kept.append(
            "the conversation stays withdrawn (the programme says published): a withdrawal is theirs, and no "
            "programme undoes it; change it only if they agree again, with 'gesprekken publication'"
        )
    elif entry.status == "published" and status != "published":
        kept.append(
            f"the conversation stays {status} (the programme says published); publish it with "
            f"'gesprekken publication {short} published'"
        )
    participants = list(conversation.participants)
    if listed_forgotten:
        kept.append(listed_forgotten)
    forgotten = forgotten_here(conversation)
    missing = []
    matched: set[int] = set()
    for person in entry.participants:
        # Their own name first (Jan Bakker is not Jan de Vries-Bakker where both sit at the table), then under
        # any spelling they had: an editor's correction of it is the name they keep. One entry each.
        at = next(
            (
                i
                for same in (True, False)
                for i, p in enumerate(participants)
                if i not in matched
                and any(
                    (n.casefold() == person.name.casefold()) if same else alike_names(n, person.name) for n in p.names
                )
            ),
            None,
        )
        if at is None:
            # "J. de Boer" in the programme, "Joost de Boer" as an editor wrote him out: one person, where only
            # one participant left fits the initial and the surname (added again, the programme's consent and
            # name would stand beside the editor's: a withdrawn person published under his initial)
            fitting = [
                i
                for i, p in enumerate(participants)
                if i not in matched and any(initialled(n, person.name) for n in p.names)
            ]
            at = fitting[0] if len(fitting) == 1 else None
        if at is not None:
            matched.add(at)
        if at is None:
            missing.append(person)
            continue
        listed = participants[at]
        if not any(n.casefold() == person.name.casefold() for n in listed.names):
            # "Marloes van der Heijde" in the programme for Marloes van der Heijden: one person, the transcript's
            # spelling kept, and said (a newcomer's run: neither command mentioned it)
            kept.append(
                f"kept the spelling {listed.name!r} (the programme writes {person.name!r}); if the programme is "
                "right, correct the name at the desk (Deelnemers) or in the transcript"
            )
        if listed.confirmed:  # an editor's role and organisation, an empty one too, are theirs
            filled = listed
            if (person.role, person.organisation) != (listed.role, listed.organisation):
                kept.append(
                    f"kept the role and organisation of {listed.name} an editor set ({listed.role or 'none'}, "
                    f"{listed.organisation or 'none'}; the programme says {person.role or 'none'}, "
                    f"{person.organisation or 'none'}); change them at the desk if the programme is right"
                )
        else:
            role, organisation = listed.role or person.role, listed.organisation or person.organisation
            filled = replace(listed, role=role, organisation=organisation)
            differ = [
                f"{what} {ours!r} (the programme says {theirs!r})"
                for what, ours, theirs in (
                    ("role", role, person.role),
                    ("organisation", organisation, person.organisation),
                )
                if theirs and ours != theirs
            ]
            if differ:
                kept.append(
                    f"kept the {' and the '.join(differ)} of {listed.name}, as the transcript has it; change it at the "
                    "desk or in the transcript if the programme is right"
                )
        if filled != listed:
            changes.append(
                f"filled in the role and organisation of {listed.name}, empty in the transcript (to keep one empty, "
                "add 'confirmed: true' under that participant, or empty it at the desk)"
            )
        if person.status == "withdrawn" and listed.status != "withdrawn":
            changes.append(f"{listed.name} withdrawn, as the programme says")
            filled = replace(filled, status="withdrawn")
        elif listed.status == "withdrawn" and person.status != "withdrawn":
            # Not the command that undoes it: a programme without a status column says "internal" for everyone,
            # and an organiser re-running the ingest read the note as the thing to do (a newcomer's run). Where
            # the programme gives no status, it says nothing against the withdrawal: no note (on every run, it
            # said "the programme says internal" of a programme without a status column: session 60's newcomer)
            if person.name.casefold() in entry.stated:
                kept.append(
                    f"{listed.name} stays withdrawn (the programme says {person.status}): a withdrawal is theirs, "
                    "and no programme undoes it; change it only if they agree again, with 'gesprekken publication'"
                )
        elif person.name.casefold() in entry.stated and STATUSES.index(person.status) > STATUSES.index(listed.status):
            # "nee" or "intern" in the programme for someone published: stricter, as a withdrawal is (see above)
            if any(n.casefold() in by_editors for n in listed.names):
                kept.append(
                    f"{listed.name} stays {listed.status}, as an editor set it (the programme says {person.status}); "
                    f"if they did not agree, '{publication_command(short, person.status, listed.name)}'"
                )
            else:
                changes.append(
                    f"{listed.name} {person.status}, as the programme says (was {listed.status}; if they agreed "
                    f"since, '{publication_command(short, listed.status, listed.name)}')"
                )
                filled = replace(filled, status=person.status)
        elif STATUSES.index(person.status) < STATUSES.index(listed.status):
            kept.append(
                f"{listed.name} stays {listed.status} (the programme says {person.status}); change it with "
                f"'{publication_command(short, person.status, listed.name)}'"
            )
        participants[at] = filled
    swapped = bool(missing and not matched and any(p.name.casefold() in elsewhere for p in participants))
    if matched and entry.participants:
        # one the programme no longer lists stays as the transcript has them: said, not "as the programme says" (an
        # attack, session 58: a person taken off the programme stayed published without a word)
        kept.extend(
            f"{p.name} is a participant here but not in the programme's {entry.title!r}; they stay {p.status}: if "
            f"they were taken off because they withdrew, '{publication_command(short, 'withdrawn', p.name)}'"
            for i, p in enumerate(participants)
            # (not one an editor added or corrected at the desk, a moderator say: said on every run, a reviewer's read)
            if i not in matched and p.status != "withdrawn" and not p.confirmed
        )
    if missing and forgotten:
        # (not by name: whom forget took out, who may be one of them, would be said again on every run, from the
        # programme: session 58 left; before the swap's note, which names them too)
        kept.append(
            f"someone was forgotten from this conversation, so nobody is added to it; the programme lists "
            f"{counted(len(missing), 'participant')} this transcript does not have: if one of them is whom you "
            "forgot, take them off the programme; add anyone else who belongs by hand under 'participants:'"
        )
    elif swapped:
        # nobody in common: another table's entry (two tables swapped in the programme, then corrected), whose people
        # were added to the transcript's, all four published (an attack, session 58)
        # (with whom the programme keeps back: their consent is applied nowhere else, a reviewer's read)
        stricter = [p for p in entry.participants if p.status != "published"]
        kept.append(
            f"added nobody: the programme's {entry.title!r} lists {', '.join(p.name for p in entry.participants)}, "
            f"and this transcript {', '.join(p.name for p in participants)}, whom the programme lists at another "
            "table (two tables swapped?); if the programme is right, correct the participants at the desk or in the "
            "transcript"
            + "".join(
                f"; the programme has {p.name} {p.status}: if {p.name} speaks here, set that with "
                f"'{publication_command(short, p.status, p.name)}' once added"
                for p in stricter
            )
        )
    elif missing:
        # One whose name heads turns kept from the public (their entry deleted by hand, as the desk has no way to
        # take someone off: an attack, session 55) is added as internal, not as the programme's published: consent
        # is never loosened, and nobody gave it under that heading.
        heading = {name.casefold() for name in conversation.unlisted()}
        added = [
            replace(p, status="internal") if p.status == "published" and p.name.casefold() in heading else replace(p)
            for p in missing
        ]
        changes.append("added " + ", ".join(f"{p.name} ({p.status})" for p in added))
        kept.extend(
            f"added {p.name} as internal, not published as the programme says: their turns were kept from the public, "
            f"their name on no participant's entry; publish them, if they agree, with "
            f"'{publication_command(short, 'published', p.name)}'"
            for p, q in zip(added, missing, strict=True)
            if p.status != q.status
        )
        participants += added
    applied = replace(
        conversation, title=title, date=date, conference=filled_conference, status=status, participants=participants
    )
    result = Applied(applied, changes, kept)
    if name_voices and participants:
        # Named again for the participants the programme added; with none added, only the voices left unnamed: a
        # voice's name an editor wrote into the headings by hand (two names swapped) is not undone by a re-run
        # (and with some added, a voice keeps its name unless naming now hears one of them: an attack, session 55,
        # found every name undone, two swapped by hand among them, as a third participant came in)
        only_unnamed = not (missing and not forgotten and not swapped)
        _name_again(result, profiles or {}, only_unnamed, added=() if only_unnamed else {p.name for p in missing})
    return result


def _name_again(result: Applied, profiles: dict, only_unnamed: bool = False, added: Collection[str] = ()) -> None:
    """Name the voices no editor confirmed again, from the turns as they are (see name_speakers); with
    ``only_unnamed``, only those that have no name yet, and a voice with a name only where naming hears one of
    ``added`` (the participants just added) in it.

    A heading that names no voice of the ``speakers:`` block was typed by an editor: it keeps its
    name, which no voice is given besides. Consent is never loosened: a voice named after a
    participant keeps that name where the new one's participant is less strictly kept (withdrawn
    -> published would publish the first one's words), and ``kept`` says how to rename it once
    someone has listened.
    """
    import numpy as np

    from .naming import name_speakers

    conversation = result.conversation
    voices = {s.shown_as: s for s in conversation.speakers}
    by_hand: list[Speaker] = []
    turns = []
    for turn in conversation.turns:
        if turn.speaker == REMOVED_SPEAKER:
            continue
        voice = voices.get(turn.speaker)
        if voice is None and re.fullmatch(rf"{UNKNOWN_SPEAKER} \d+", turn.speaker):
            voice = voices[turn.speaker] = Speaker(turn.speaker)  # a voice the block does not list
        elif voice is None:
            voice = voices[turn.speaker] = Speaker(turn.speaker, turn.speaker, 1.0, confirmed=True)
            by_hand.append(voice)
        turns.append(replace(turn, speaker=voice.label))
    speakers = [s for s in voices.values() if s not in by_hand]
    embeddings = {s.label: np.asarray(s.voice, dtype=np.float32) for s in speakers if s.voice is not None}
    confirmed = [s for s in voices.values() if s.confirmed and s.name]
    pitches = {s.label: s.pitch for s in speakers if s.pitch is not None}
    named = name_speakers(turns, conversation.participants, embeddings, profiles, confirmed=confirmed, pitches=pitches)
    strictness = {p.name: STATUSES.index(p.status) for p in conversation.participants}
    after = []
    for speaker in speakers:
        new = named.get(speaker.label)
        if speaker.confirmed or new is None or (speaker.name and (only_unnamed or new.name not in added)):
            after.append(speaker)
            continue
        if new.name and strictness.get(speaker.name, -1) > strictness.get(new.name, len(STATUSES)):
            listed = next(p for p in conversation.participants if p.name == speaker.name)
            result.kept.append(
                f"the voice {speaker.label} stays {speaker.name} ({listed.status}), though naming again hears "
                f"{new.name}: their words would be shown as {new.name}'s; listen, and if it is {new.name}, run "
                f'\'gesprekken speakers {conversation.id[:8]} --rename "{speaker.shown_as}={new.name}"'
                # the command asks --force where their words would go public (corrections.refuse_showing)
                + (" --force'" if strictness.get(new.name) == STATUSES.index("published") else "'")
            )
            after.append(speaker)
            continue
        new = replace(new, voice=speaker.voice, pitch=speaker.pitch)
        if new.shown_as != speaker.shown_as:
            result.renamed[speaker.shown_as] = new.shown_as
            result.changes.append(
                f"{speaker.shown_as} -> {new.shown_as}" + (f" ({new.confidence:.2f})" if new.name else "")
            )
        after.append(new)
    turns_after = [replace(t, speaker=result.renamed.get(t.speaker, t.speaker)) for t in conversation.turns]
    result.conversation = replace(conversation, speakers=after, turns=turns_after)
