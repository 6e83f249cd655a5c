"""Names as the magazine prints them: the full name first, the surname after."""

import re
from collections import Counter
from collections.abc import Iterable

#: Dutch name particles ("tussenvoegsels"): "Marloes van der Heijden" is "Van der Heijden" later on.
PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "ter",
    "ten",
    "te",
    "op",
    "in",
    "'t",
    "’t",
    "'s",
    "’s",
    "el",
    "al",
    "von",
    "la",
    "le",
    "du",
    "da",
    "di",
    "d'",
    "vd",
}


#: Particles that are a first name too, written with a capital before the rest of a name: "Al Gore", "Al van der Berg"
#: ("al" is a Dutch word and the Arabic article: "Ahmed al Hashimi", "Al-Hashimi", "al Hashimi" have it in a
#: surname; "Al Hashimi" alone is taken for a first name, where a programme rarely lists a surname alone).
GIVEN_NAME_PARTICLES = frozenset({"Al"})

#: Degrees and suffixes written after a name ("Anna Kok, MSc", "Jan Jansen jr."): not part of the name.
POSTNOMINALS = frozenset({"msc", "ma", "mba", "phd", "bsc", "ba", "llm", "llb", "ra", "mpa", "md", "jr", "sr"})
#: ... of those, the ones that are no surname of their own ("Li Ma", "Anna Ba"), also without a comma or a dot.
UNMISTAKABLE_POSTNOMINALS = POSTNOMINALS - {"ma", "ba", "ra", "md"}


def _postnominal(word: str) -> bool:
    """Whether ``word``, written after a name, is a degree or a suffix: "jr.", "MSc", "Ph.D.", ", MA"."""
    bare = word.casefold().strip(",").replace(".", "")
    return bare in UNMISTAKABLE_POSTNOMINALS or (bare in POSTNOMINALS and ("." in word or word.endswith(",")))


def double_surname_start(word: str) -> bool:
    """Whether ``word`` opens a double surname whose second part has a particle ("Jansen-van", "Bakker-de")."""
    return "-" in word and word.split("-", 1)[1].casefold() in PARTICLES


def surname(full_name: str) -> str:
    """The name used after a speaker's first turn: "Marloes van der Heijden" -> "Van der Heijden"; a double surname
    whole ("Karin Bakker-de Vries" -> "Bakker-de Vries"), a name that is a surname alone as it is ("Van der Laan"),
    without a suffix or a degree ("Jan Jansen jr." -> "Jansen": an editor's read of the exports, session 56)."""
    parts = full_name.split()
    while len(parts) > 1 and _postnominal(parts[-1]):
        parts.pop()
    if len(parts) < 2:
        rest = " ".join(parts).rstrip(",") or full_name
    elif opens_with_surname(parts):
        rest = " ".join(parts)
    else:
        start = next(
            (i for i in range(1, len(parts)) if parts[i].casefold() in PARTICLES or double_surname_start(parts[i])),
            len(parts) - 1,
        )
        rest = " ".join(parts[start:])
    rest = rest.rstrip(",")
    return rest[:1].upper() + rest[1:]


def opens_with_surname(parts: list[str]) -> bool:
    """Whether a name (``parts``: its words) is a surname alone, opening with its particle ("van der Laan", "De Vries",
    "'s Jacob"), not a first name that is a particle too ("Al Gore": :data:`GIVEN_NAME_PARTICLES`)."""
    return (
        bool(parts) and parts[0].casefold() in PARTICLES and not (parts[0] in GIVEN_NAME_PARTICLES and len(parts) > 1)
    )


def printed_name(full_name: str) -> str:
    """A name as it opens a label or a line: its first particle with a capital where no first name or initial comes
    before it ("van der Laan" -> "Van der Laan", "ir. van 't Hek" -> "Ir. Van 't Hek"), as Dutch writes it, and
    what opens it with one ("dr. Marloes de Vries" -> "Dr. Marloes de Vries"). A name that opens with a first name
    or an initial is as it was typed ("J. de Vries", "bell hooks")."""
    parts = full_name.split()
    first = 0
    while first < len(parts) - 1 and _title(parts[first]):
        first += 1
    particle = bool(parts) and _opens_with_particle(parts[first])
    if not particle and first == 0:
        return full_name
    if particle:
        parts[first] = parts[first][:1].upper() + parts[first][1:]
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    return " ".join(parts)


def _title(word: str) -> bool:
    """Whether ``word`` is a title written small before a name: "dr.", "mr.", "ir.", "prof.dr." (not an initial, nor
    initials typed small: "a.j.")."""
    return word[:1].islower() and word.endswith(".") and not re.fullmatch(r"(?:[^\W\d_]\.)+", word)


def _opens_with_particle(word: str) -> bool:
    """Whether ``word`` is a particle ("van", "'t") or opens with one ("d'Ancona")."""
    folded = word.casefold()
    return folded in PARTICLES or (folded.startswith(("d'", "d’")) and len(folded) > 2)


def later_names(names: Iterable[str]) -> dict[str, str]:
    """What each of ``names`` (a conversation's participants) is printed as after their first turn: the surname
    (:func:`surname`), or the full name again where another has the same surname ("Jan de Vries" and "Anna de
    Vries" were both "De Vries:", five turns in a row: an editor's read of the exports, session 56)."""
    names = list(dict.fromkeys(names))
    counts = Counter(surname(name).casefold() for name in names)
    return {name: surname(name) if counts[surname(name).casefold()] == 1 else name for name in names}
