"""Names as the magazine prints them: the full name first, the surname after."""

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


def surname(full_name: str) -> str:
    """The name used after a speaker's first turn: "Marloes van der Heijden" -> "Van der Heijden"."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    start = next((i for i in range(1, len(parts)) if parts[i].casefold() in PARTICLES), len(parts) - 1)
    rest = " ".join(parts[start:])
    return rest[:1].upper() + rest[1:]
