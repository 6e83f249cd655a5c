"""Naming: which participant of the programme is each anonymous voice, as an editor would tell.

The programme bounds the names: when it lists a conversation's participants, a voice is named
after one of them or not at all. A stored voice profile of someone else is only a remark in the
evidence; a profile of a listed participant is one piece of evidence among the others; two
stored profiles of different people that sound alike are not used at all.

Evidence, per voice and participant, each with a weight (the README's table):

- a self-introduction: "ik ben Marloes van der Heijden", "mijn naam is Ad Kok", "Bram Schellekens
  is mijn naam", or a turn that opens with a participant's full name and their own role or
  organisation ("Rob Meijer, manager klantcontact bij Woonbron"); not a name spoken of ("Fatima El
  Amrani, van de bibliotheek, begint"), owned ("ik ben Ruud Kosters collega"), denied or an object
  ("ik ben Ruud niet", "ik ben Ruud gisteren tegengekomen");
- a name misheard: "ik ben Bineco Vibels" sounds like Ineke Wubbels, and like nobody else on the
  programme (weak evidence, no introduction);
- a known voice: a voice profile of a listed participant, from a confirmed or introduced name;
- being addressed: a question to "Kees" names the next voice Kees, thanks to "Sanne" the one
  before, a turn that ends giving the floor ("Fatima El Amrani, van de bibliotheek, begint.") the
  next; whoever says a participant's name is not that participant (but one's own full name opening a
  sentence of one's first two turns at a table of two: "Aangenaam. Lotte Janssen, ...", and any name of
  someone such a turn presents with their own role or organisation: "Klopt, Lotte. Lotte Janssen. Ik
  doe de verhuur.");
- whose side a voice speaks for: first person with the words of one kind of organisation or
  its place ("wij als corporatie", "onze leden", "bij ons in Zwolle"), or distance from a kind
  ("jullie corporaties", "die gemeente van u", "zij bij de gemeente");
- what a role makes people say: an alderman's "mijn college", a director's "onze organisatie",
  a civil servant's "mijn wethouder", a moderator's questions;
- answering a question put to an organisation or role ("Wat kan de provincie doen?").

The whole assignment is chosen, not voice by voice: each voice gets one participant or nobody,
each participant at most one voice, and the complete assignment with the highest total weight
wins (an exact search over all of them). A voice's confidence comes from the margin between that assignment
and the best complete assignment that gives this voice another name or none, so naming by
elimination follows from the other voices' evidence. A voice with nothing of its own for its name
is named by elimination only as an editor would: as many voices as the programme lists people,
every other voice named, nothing from this voice against the name or for someone else, and a real
share of the words; its evidence then says "door eliminatie: ...". Names an editor confirmed are
kept as they are and taken out of the assignment.
"""

import difflib
import functools
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

import numpy as np

from .transcript import CONFIRMED_EVIDENCE, UNKNOWN_SPEAKER, Conversation, Participant, Speaker, Turn, format_time

#: A voice is named when its confidence reaches this.
NAMING_THRESHOLD = 0.6
#: Cosine similarity from which a voice matches a stored voice profile; two profiles of
#: different people at least this alike are not used.
VOICE_MATCH_THRESHOLD = 0.8

WEIGHT_INTRODUCTION = 4.0
#: A voice profile at the threshold; it grows to twice this at a perfect match.
WEIGHT_VOICE = 1.5
WEIGHT_ADDRESSED = 1.5
WEIGHT_THANKED = 1.0
WEIGHT_MENTIONS = 1.0
WEIGHT_SIDE = 1.0
WEIGHT_ROLE = 0.5
WEIGHT_ANSWER = 0.75
#: "Ik ben teamleider bij Geldzorg Rotterdam": the role and organisation of one participant alone.
WEIGHT_OWN_ROLE = 2.0
WEIGHT_MODERATING = 0.4
#: "Ik ben Bineco Vibels" for Ineke Wubbels: an introduced name off the programme that sounds like
#: one participant's full name (``SOUNDS_ALIKE`` or more alike, and clearly more than any other's).
WEIGHT_SOUNDS_ALIKE = 0.5
SOUNDS_ALIKE = 0.7
SOUNDS_ALIKE_WORD = 0.6
#: The least share of the words, as part of an equal share, by which the one voice left is named
#: after the one participant left (half: 25% of a tweegesprek).
ELIMINATION_SHARE = 0.5
#: What leaving a voice unnamed costs: a voice is more likely someone on the programme than not.
WEIGHT_NOBODY = 1.0
#: Most that one kind of evidence adds for one voice and participant (repeating a phrase is
#: not new evidence).
CAPS = {
    "sounds_alike": 0.5,
    "own_role": 2.0,
    "side": 3.0,
    "role": 1.5,
    "answer": 2.0,
    "moderating": 1.2,
    "addressed": 3.0,
    "mentions": 3.0,
}

#: The start of an evidence line for a self-introduction; a name with one keeps a voice profile.
INTRODUCTION_EVIDENCE = "stelt zich voor"

INTRODUCTION = re.compile(
    # not a host's "Ik heet Kees Mol van harte welkom", nor "Als je spreekt met Kees Mol, ..." (an attack on naming,
    # session 45: each named the speaker Kees at 0.98)
    r"\b(?:ik ben|(?:mijn|de) naam is"
    r"|ik heet(?!(?:\s+(?!(?:en(?!\s+(?-i:[A-Z]))|ik|wil|wilt|om)\b)[\w'’-]+){1,7}?"
    r"\s+(?:van\s+harte\s+|hartelijk\s+|graag\s+)?welkom\b)"
    r"|(?<!\bals\s)(?<!\bwanneer\s)(?<!\bzodra\s)(?<!\bdan\s)(?:u|je) spreekt met)\s+((?:[\w'’-]+[\s,]*){1,5})",
    re.IGNORECASE,
)
#: "Van Dam is de naam, Erik van Dam", "Bram Schellekens is mijn naam": the surname (or name)
#: before, often the full name after.
NAME_IS = re.compile(r"^\W*((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s+is (?:de|mijn) naam\b[\s,]*((?:[\w'’-]+[\s,]*){0,4})", re.I)
#: "Stel je voor dat ...", "Kun je je voorstellen hoe ...": "imagine", no request to introduce oneself.
NOT_IMAGINE = r"\b(?!\s*[,:]?\s*(?:dat|hoe|wat|waar|wie|of|als|je|jij|u|we|wij|ze|zij|hij|er|het|de|een|iemand)\b)"
#: "... wie je bent", "... wie u eigenlijk bent" after a verb of telling: a few words between.
WHO_YOU_ARE = (
    r"(?:\s+(?:eens|even|nog|ons|mij|me|kort|maar|eerst|dan))*\s*,?\s+wie (?:jij|je|u)(?:\s+(?!niet\b)\w+)?\s+bent\b"
)
#: A question asking who someone is: the next voice's name in answer is its own.
WHO_QUESTION = re.compile(
    r"\b(?:wie (?:ben|bent) (?:jij|je|u)|wie zit(?:ten)? (?:er )?(?:eigenlijk )?"
    r"(?:hier|(?:naast|tegenover)(?!\s+(?:jou|je|u|jullie|hem|haar)\b))"  # not "naast jou": someone else
    # not "Hoe heet je contactpersoon bij de gemeente?": your contact's name (Whisper's "hoe heet je je eigenlijk?" is)
    r"|hoe heet (?:jij|je|u)(?!\s+(?!(?:eigenlijk|zelf|nou|dan|ook|je|jij|u|weer|alweer|voluit|precies|nu|nog)\b)\w)"
    r"|wat is (?:je|jouw|uw) naam"
    r"|met wie (?:spreek ik|heb ik (?:het genoegen|te maken))"  # "Met Ann." in answer (a reviewer's read, session 46)
    r"|stel (?:(?:jij|u) )?(?:je|jij|u|jezelf|uzelf|zich) (?:eens |even |eerst |kort |nog |maar )*voor"
    + NOT_IMAGINE
    + r"|(?:wil|wilt|kun|kunt|kan) (?:jij|je|u) (?:jezelf|je|uzelf|zich) (?:eens |even |eerst |kort |nog )*voorstellen"
    + NOT_IMAGINE
    # "Mag ik vragen wie u bent?", "Ik wil graag weten wie je bent."
    + r"|\b(?:vragen|weten) wie (?:jij|je|u) (?:eigenlijk |nou |dan )?bent\b"
    # "Vertel eens wie je bent.", "Wil je even vertellen wie je bent?": a request, not "Ik vertel je wie je bent"
    + r"|(?<![\w'’-]\s)(?:(?:en|nou|dus|maar)\s+)?\b(?:vertel|vertelt|zeg|zegt)(?:\s+(?:jij|je|u))?"
    + WHO_YOU_ARE
    + r"|(?<!\bik\s)(?:wil|wilt|kun|kunt|kan) (?:jij|je|u)(?:\s+[\w'’-]+){0,3}?\s+(?:vertellen|zeggen)"
    + WHO_YOU_ARE
    + ")",
    re.I,
)
#: "En jij?", "En u?": who the other is, where the asker has just said a name ("Ad, wethouder in Zwolle. En u?"); after
#: "Ik woon zelf in Deventer." it asks where the other lives (an attack, session 45: "Nou, Ann, ik woon in Zwolle." in
#: answer named that voice Ann at 0.98)
AND_YOU = re.compile(r"\ben (?:jij|u)\s*\?", re.I)
#: What one says of who one is before "En u?": "Ik zit hier namens de gemeente.", "Ik ben sectormanager ..."
SAYS_WHO_ONE_IS = re.compile(r"\b(?:namens|ik werk|ik zit|ik ben|ik heet|mijn naam|wij zijn|we zijn)\b", re.I)
#: "naast me zit Joost van Woonbron", "en dit is Marieke": the speaker introduces another voice
#: (Whisper may write "naast me zet").
INTRODUCING_OTHER = re.compile(
    r"\b(?:(?:naast|tegenover) (?:me|mij) (?:zit|zet)|dit is)\s+((?:[\w'’-]+[\s,]*){1,4})", re.I
)
#: Forms of address before a surname: "meneer De Vries", "mevrouw Van Leeuwen".
HONORIFICS = ("meneer", "mijnheer", "mevrouw", "heer", "dokter")

#: A question about who did or does something, its last sentence (WHO_QUESTION asks who the one answering is):
#: "Wie heeft dat plan eigenlijk bedacht?", "En wie moet ik dan bellen?", "Weet je bij wie dat ligt?".
WHO_ELSE = re.compile(
    r"(?i)(?:^|[.!?…]\s+)(?:[\w'’-]+[\s,]+){0,3}?(?:wie|wiens)\b"
    # not of the one asked, nor of whose turn it is: "Wie zijn jullie eigenlijk?", "Wie heb ik voor me?", "Wie wil er
    # beginnen?", "Wie is er aan het woord?" (a reviewer's read: their answers are introductions)
    r"(?![^.!?…]*\b(?:je|jij|jou|u|jullie|me|mij|begin\w*|start\w*|eerste|woord|noteren|voorstellen)\b)"
    r"[^.!?…]*\?$"
)

#: Words that may open a bare introduction before the name: "En ik Ruben Veenstra, ...", "Goedemiddag,
#: Rob Meijer, ...", "Met Nora Aydin, ...", "Ben Marloes Kuipers, ..." (Whisper lost the "ik").
INTRODUCTION_OPENERS = set("en ja nou hallo dag goedemorgen goedemiddag goedenavond ik ben met".split())
#: Words by which a bare name with a role introduces someone else, not the speaker: said to them
#: ("..., welkom", "..., bedankt voor uw komst") or of them ("..., zit naast mij").
INTRODUCING_ANOTHER = set("welkom u uw jij je jullie hij zij ze naast mij heet hem haar bedankt dank".split())
#: Words by which a bare name with a role is spoken of ("Bea Smit, directeur van De Horst, zei vorig
#: jaar ..."), unless the speaker's own "ik"/"we" comes first ("..., en ik zei toen ...").
SPOKEN_OF = set("zei zegt heeft had was".split())
SPEAKING_OF_ONESELF = set("ik mijn wij we ons onze".split())
#: Words said between "ik ben" and one's full name: "ik ben trouwens Ruud Koster", "ik ben dus ...".
NAME_FILLERS = frozenset("trouwens dus eigenlijk overigens zelf nou even gewoon".split())
#: Kinds of organisation. ``marks``: parts of words that make a participant of this kind (in the
#: organisation or role); ``words``: what people of this kind call their own.
#: A word shared by kinds counts for each of them when said as one's own, and not at all in a
#: question or in distancing.
KINDS: dict[str, dict] = {
    "gemeente": {
        "label": "de gemeente",
        "marks": ("gemeente", "stadsdeel", "wethouder", "burgemeester", "raadslid"),
        "words": (
            "gemeente",
            "gemeentes",
            "gemeenten",
            "college",
            "gemeenteraad",
            "ambtenaren",
            "ambtenaar",
            "inwoners",
            "burgers",
        )
        + ("stad", "stadsdeel", "wethouder", "raad"),
    },
    "corporatie": {
        "label": "de corporatie",
        "marks": ("corporatie", "woonstichting", "woningstichting", "woonbedrijf", "woningbouw", "woonzorg"),
        "words": ("corporatie", "corporaties", "woningcorporatie", "woningcorporaties", "woonstichting", "woonbedrijf")
        + ("verhuurder", "verhuurders", "huurders", "bewoners", "woningen", "bezit", "complexen", "flats")
        + ("huismeesters", "wijkconsulenten", "woonconsulenten", "consulenten", "woningzoekenden", "wachtlijst"),
    },
    "huurders": {
        "label": "de huurders",
        "marks": ("huurdersvereniging", "huurdersbond", "huurdersraad", "huurdersorganisatie", "bewonersorganisatie")
        + ("bewonerscommissie", "woonbond", "huurderskoepel"),
        "words": ("huurdersvereniging", "vereniging", "huurdersbond", "bond", "huurdersraad", "raad")
        + ("bewonerscommissie", "leden", "achterban", "huurders", "bewoners", "vrijwilligers"),
    },
    "zorg": {
        "label": "de zorg",
        "marks": ("zorg", "verpleeg", "ggz", "thuiszorg"),
        "words": ("zorg", "zorginstelling", "zorgmedewerkers", "zorgverleners", "clienten", "klienten", "patienten")
        + ("verpleegkundigen", "wijkverpleegkundigen", "wijkverpleging", "verzorgenden", "thuiszorg", "wachtlijst")
        + ("bewoners",),
    },
    "welzijn": {
        "label": "het welzijnswerk",
        "marks": ("welzijn", "jongerenwerk", "opbouwwerk", "buurtwerk"),
        "words": ("welzijn", "welzijnswerk", "jongerenwerk", "jongerenwerkers", "opbouwwerkers", "buurtwerkers")
        + ("vrijwilligers",),
    },
    "schuldhulp": {
        "label": "de schuldhulpverlening",
        "marks": ("schuldhulp", "kredietbank", "budgetbeheer"),
        "words": ("schuldhulp", "schuldhulpverlening", "schuldhulpverleners", "budgetcoaches", "kredietbank"),
    },
    "ontwikkelaar": {
        "label": "de ontwikkelaar",
        "marks": ("ontwikkel", "bouwbedrijf", "aannemer", "belegger"),
        "words": ("ontwikkelaar", "ontwikkelaars", "projectontwikkelaar", "projecten", "bouwbedrijf", "aannemer"),
    },
    "provincie": {
        "label": "de provincie",
        "marks": ("provincie", "gedeputeerde"),
        "words": ("provincie", "gedeputeerde", "statenleden"),
    },
    "rijk": {
        "label": "het rijk",
        "marks": ("ministerie", "rijksoverheid", "minister", "staatssecretaris"),
        "words": ("ministerie", "rijk", "kabinet", "minister"),
    },
    "onderzoek": {
        "label": "het onderzoek",
        "marks": ("hogeschool", "universiteit", "onderzoek", "kennisinstituut", "planbureau", "lector"),
        "words": ("onderzoek", "onderzoeken", "onderzoekers", "studenten", "hogeschool", "universiteit", "lectoraat"),
    },
}
#: Roles, and what the role makes people say of their own ("mijn college"); ``not_words`` are
#: what someone in another role says of this one ("mijn wethouder": the speaker is not one).
ROLES: dict[str, dict] = {
    "bestuurder": {
        "label": "wethouder",
        "marks": ("wethouder", "gedeputeerde", "burgemeester", "minister", "staatssecretaris"),
        "words": ("college", "portefeuille", "ambtenaren", "wethouder", "gedeputeerde"),
        "not_words": ("wethouder", "gedeputeerde", "minister"),
    },
    "leiding": {
        "label": "directeur",
        "marks": ("directeur", "bestuurder", "manager", "voorzitter", "teamleider", "coordinator", "hoofd"),
        "words": ("organisatie", "medewerkers", "team"),
        "not_words": ("directeur", "directie", "manager", "teamleider", "leidinggevende"),
    },
    "gespreksleider": {
        "label": "gespreksleider",
        "marks": ("gespreksleider", "dagvoorzitter", "moderator", "presentator"),
        "words": (),
        "not_words": ("gespreksleider", "dagvoorzitter"),
    },
}
KIND_WORDS = sorted(
    {w for kind in KINDS.values() for w in kind["words"]} | {w for r in ROLES.values() for w in r["words"]}
)
#: Real words close to a kind word, which are not a misheard kind word.
NEAR_MISSES = {"collega", "collegas", "collega's", "operatie", "operaties", "cooperatie", "cooperaties", "achterbank"}
#: Words by which one says one leads the talk: "ik leid dit gesprek", "jullie gespreksleider", "ik ben de
#: dagvoorzitter" (not "ik leid de woonstichting", nor the chair thanked: "Dank je wel, dagvoorzitter, ik ben ...").
LEADS_THE_TALK = re.compile(
    r"\b(?:(?:ik leid|leid ik)(?:\s+\w+){0,2}?\s+(?:het|dit|dat|de|deze)\s+(?:gesprek|gesprekken|sessie|discussie|debat"
    r"|middag|ochtend|avond|tafel|tafelgesprek)|(?<!dank )(?:uw|jullie|je|jouw|de|als) (?:gespreksleider|dagvoorzitter)"
    r"|ik modereer)\b"
)
#: Words before an organisation that place one at it: "ik werk bij Havensteder", "ik leid bij Havensteder het
#: gesprek met de huurders" (one's work there, not this talk).
AT_ONES_WORK = frozenset({"bij", "namens", "binnen", "voor"})
MODERATING = re.compile(r"\b(?:welkom|ik leid|leid ik|geef (?:ik )?het woord|uw gespreksleider|aan tafel zitten)\b")
#: A sentence by which a moderator gives the floor to the one it names: "Fatima El Amrani, van de bibliotheek,
#: begint.", "..., trapt af", "..., mag beginnen", "Ik geef het woord aan Peter."
GIVES_THE_FLOOR = re.compile(
    r"\b(?:begint|start|trapt (?:\w+ ){0,2}af|(?:mag|gaat) (?:\w+ ){0,2}(?:beginnen|starten|aftrappen)|opent"
    r"|(?:neemt|krijgt|heeft) (?:\w+ ){0,3}woord|is (?:\w+ ){0,2}aan de beurt|geef (?:\w+ ){0,2}het woord)\b"
)
#: The floor given to the one spoken to, or with the name last: "Jan, jij mag beginnen.", "Jan, aan jou het
#: woord.", "Jan, jouw beurt.", "Het woord is aan Jan.", "En nu jij, Jan." (an attack on naming, session 61: read as
#: an answer to the voice before, it named that voice Jan).
GIVES_YOU_THE_FLOOR = re.compile(
    r"\b(?:(?:jij|u) (?:(?:mag|gaat) (?:\w+ ){0,2}(?:beginnen|starten|aftrappen)|begint|start|trapt (?:\w+ )?af)"
    r"|aan (?:jou|u) (?:het woord|de beurt)|jouw beurt|uw beurt|het woord is aan)\b"
    r"|(?:^\W*|[,;]\s*)(?:en\s+)?nu\s+(?:jij|u)\b(?!\s+\w)"
)
#: Words that put what is said later than now: "Peter begint morgen bij ons" gives nobody the floor.
LATER = re.compile(
    r"\b(?:morgen|overmorgen|volgende?|straks|later|binnenkort|maandag|dinsdag|woensdag|donderdag|vrijdag)\b"
)
FIRST_PERSON = {"wij", "we", "ik"}
SECOND_PERSON = {"jullie", "u", "jij", "je"}
#: Words by which one speaks of oneself (or one's side).
MY_WORDS = FIRST_PERSON | {"mijn", "me", "mij", "ons", "onze"}
#: Words by which one says one is not something: "ik ben geen directeur", "ik ben niet van Woonbron".
NEGATIONS = {"geen", "niet", "nooit"}
#: "Als ik directeur bij Woonbron was, ...": what one would be is not what one is.
HYPOTHETICAL = re.compile(r"\b(?:als|alsof|indien|stel dat) (?:ik|wij|we)\b[^,;:]*\b(?:was|waren|zou|zouden|ware)\b")
#: Verbs by which someone else's words are told: "Hij zei: ik ben ...", "Toen belde ze.", "Zo begon ze."
#: ("stelde": "Hij stelde zich voor met: mijn naam is Kees Mol", an attack, session 57)
REPORTING = {"zei", "zegt", "zeiden", "vertelde", "vertelt", "belde", "begon", "schreef", "riep", "vroeg", "stelde"}
THIRD_PERSON = {"hij", "zij", "ze", "die", "men"}
OWN_POSSESSIVE = {"onze", "ons", "mijn"}
OTHER_POSSESSIVE = {"jullie", "uw", "jouw"}
ARTICLES = {"de", "het", "een", "'t"}
#: Words that may stand between a possessive and its noun: "onze eigen leden".
ADJECTIVES = {"eigen", "hele", "nieuwe", "grote", "kleine", "lokale", "andere", "vaste", "beste", "trouwe"}
PREPOSITIONS = {"in", "op", "bij", "aan", "van", "voor", "uit"}
#: Function words that never name an organisation or place.
STOPWORDS = ARTICLES | PREPOSITIONS | {"en", "der", "den", "ten", "ter"}
#: Words of organisation names that say nothing of which one.
GENERIC = {"stichting", "vereniging", "groep", "organisatie", "bv", "nv", "congres", "platform", "federatie"}


@dataclass
class Clue:
    """One piece of evidence: for (weight > 0) or against a voice being a participant."""

    label: str
    name: str
    weight: float
    category: str
    why: str


@dataclass
class Attribution:
    """On what a person's turns in one conversation rest: an editor's name, or automatic naming."""

    conversation_id: str
    title: str
    person: str
    #: How many turns carry the person's name.
    turns: int
    #: True when every voice under the name was confirmed by an editor (or written by hand).
    confirmed: bool
    #: The lowest confidence of the automatically named voices under the name; 1.0 when confirmed.
    confidence: float
    evidence: list[str] = field(default_factory=list)
    #: The voice labels under the name.
    voices: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _tokens(text: str) -> list[str]:
    tokens = re.findall(r"[\w'’-]+", _fold(text))
    # Whisper often hears "onze" as "om ze": "om ze leden" is "onze leden".
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i - 1 : i + 1] == ["om", "ze"] and (_kinds_of(tokens[i + 1]) or _roles_of(tokens[i + 1])):
            tokens[i - 1 : i + 1] = ["onze"]
    return tokens


def _name_similarity(said: str, participant: str, skippable: frozenset[str] = frozenset()) -> float:
    """How well words a speaker said match a participant's name (full name, or first name).

    A name after one word of ``skippable`` counts as said: "ik ben trouwens Fatima", "ik ben trouwens
    Ruud Koster", and Whisper's "ik ben Truus Ruud Koster" for it, where "Truus" is another
    participant's first name.
    """
    said_words = _tokens(said)
    name_words = _tokens(participant)
    if not said_words or not name_words:
        return 0.0
    if _name_not_ones_own(said, name_words, skippable):
        return 0.0
    best = 0.0
    for n in range(1, len(name_words) + 1):
        candidate = " ".join(said_words[:n])
        best = max(best, SequenceMatcher(None, candidate, " ".join(name_words)).ratio())
    first = SequenceMatcher(None, said_words[0], name_words[0]).ratio()
    best = max(best, 0.9 * first if first >= 0.85 else 0.0)
    # only a name that ends where the words said stop or at a comma: "ik ben trouwens Fatima's
    # buurvrouw", "ik ben Truus, Ruud Koster zit naast me", "ik ben even Ruud Koster kwijt" name nobody
    rest = _tokens(said.split(",")[0])[1:]
    if said_words[0] in skippable and said_words[0] != name_words[0] and rest:
        if len(rest) == 1:
            first = SequenceMatcher(None, rest[0], name_words[0]).ratio()
            best = max(best, 0.9 * first if first >= 0.85 else 0.0)
        elif len(rest) == len(name_words):
            best = max(best, SequenceMatcher(None, " ".join(rest), " ".join(name_words)).ratio())
    return best


#: Possessive pronouns by which a name owns what follows: "Ruud z'n collega", "Truus haar buurman" (Whisper's
#: "z’n" and "d’r" lose the apostrophe when folded).
POSSESSIVES_AFTER_NAME = frozenset("z'n zn zijn haar d'r dr hun".split())
#: Words that end the clause a name stands in: "ik ben Ruud Koster en ik werk ...".
CLAUSE_BREAKS = frozenset("en maar want omdat dus als ik we wij".split())
#: Infinitives by which "ben" is an auxiliary: "ik ben Ruud gaan halen", "ik ben Ruud wezen opzoeken".
INFINITIVES_AFTER_BEN = frozenset("gaan komen wezen blijven".split())
#: Past participles with "ben" that have no "ge-": "ik ben Ruud vergeten", "ik ben Ruud ontlopen".
PARTICIPLES = frozenset("vergeten ontlopen ontgaan ontkomen ontsnapt ontvlucht verloren".split())
#: What one can be to someone, the name its object: "ik ben Ruud kwijt", "ik ben Ruud dankbaar", "ik ben Lotte Smeets
#: erg erkentelijk", "... een etentje verschuldigd" (an attack on naming, session 61: his introduction at 0.98).
OBJECT_PREDICATES = frozenset("kwijt beu gewend dankbaar schuldig trouw erkentelijk verschuldigd".split())
#: ... and where it ends the clause, a word that is more often a verb: "ik ben Lotte Smeets zat" (tired of her), not
#: "ik ben Lotte Smeets zat lang bij de gemeente" (Whisper's lost comma).
OBJECT_PREDICATES_LAST = frozenset({"zat", "spuugzat"})
#: Past participles with "ben" of the speaker's own life, no object: "ik ben Ruud Koster gepensioneerd" (Whisper's
#: lost comma), "ik ben Ruud Koster opgegroeid in Zaandam".
ONES_OWN_PARTICIPLES = frozenset(
    "geboren getogen opgegroeid gepensioneerd getrouwd gescheiden afgestudeerd gestart gestopt verhuisd gevestigd"
    " gespecialiseerd gedetacheerd opgeleid gekomen begonnen aangesloten aangeschoven gegroeid".split()
)


def _owned_by_name(words: Sequence[str], name: Sequence[str]) -> int | None:
    """Where said words make a name the owner of the noun after it, so that it names someone else than
    the one spoken of: a genitive of one of the name's words ("Ruuds opvolger", "Ruud Kosters collega",
    "Koster's buurvrouw") or a possessive pronoun after it ("Ruud z'n collega", "Truus haar buurman").
    Returns that word's index, or None. A word of the name that ends in s itself is no genitive
    ("Wubbels"); a preposition after the s is none either ("Kosters van Zaanoever": Whisper's s)."""
    for k, word in enumerate(words[:-1]):
        owns = (k and word in POSSESSIVES_AFTER_NAME) or any(
            word in (part + "s", part + "'s") for part in name if not part.endswith("s")
        )
        if owns and words[k + 1] not in STOPWORDS | CLAUSE_BREAKS:
            return k
    return None


#: A past participle's "ge-": at the start ("gebeld") or after a separable particle ("opgevolgd", "tegengekomen").
PARTICIPLE_START = re.compile(
    r"(?:aan|af|bij|door|in|mee|na|om|onder|op|over|terug|tegen|toe|uit|voor|weg|samen|vast|los|langs|thuis)?ge"
)


def _perfect_tense(words: Sequence[str]) -> bool:
    """Whether a clause's words after "ik ben" hold a past participle or an infinitive that makes "ben"
    an auxiliary: "ik ben Ruud gisteren tegengekomen", "ik ben Ruud Koster vergeten", "ik ben Ruud gaan
    bellen". Only lowercase words: a capitalised one is a name ("Wonen Zuid")."""
    from .analyse import dutch_lemma, is_dutch_lemma

    for k, word in enumerate(words):
        folded = _fold(word)
        # a particle Whisper wrote apart: "tegen gekomen", "voor geweest", "achterna gegaan"
        then = _fold(words[k + 1]) if k + 1 < len(words) and words[k + 1][:1].islower() else ""
        # (not a noun the tables know: "Ik ben Lotte Smeets expert op gebied van huurrecht", a reviewer's read)
        if (
            folded in SEPARATE_PARTICLES
            and then.startswith("ge")
            and UNKNOWN_PARTICIPLE.match(folded + then)
            and not is_dutch_lemma(then)
        ):
            return True
        if not word[:1].islower() or folded in ONES_OWN_PARTICIPLES:
            continue
        if k + 1 < len(words) and _fold(words[k + 1]) == "door":
            continue  # a passive, "ik ben Ann Bos, gevolgd door een hele ploeg" (Whisper lost the comma)
        lemma = dutch_lemma(folded) or ""
        # "tegengekomen" (tegenkomen), "gebeld" (bellen), "opgevolgd" (opvolgen: the "ge" of its "-gen" aside): a
        # "ge-" the verb itself does not have, at the start or after a particle; not "zorgende", "kregen" or "wagens"
        # (a reviewer's read)
        if lemma.endswith("en") and PARTICIPLE_START.match(folded) and folded.count("ge") > lemma[:-2].count("ge"):
            return True
        if folded in INFINITIVES_AFTER_BEN | PARTICIPLES:
            return True
        # a participle the lemma tables lack, "ge-" after a particle or none: "ik ben Lotte Smeets achterna gegaan",
        # "... kwijtgeraakt", "... voor geweest" (variants of an attack on naming, session 60: each named the speaker
        # Lotte Smeets at 0.98); not a word they know as a lemma ("gebied")
        if (not lemma or lemma.endswith("en")) and UNKNOWN_PARTICIPLE.match(folded) and not is_dutch_lemma(folded):
            return True
        # the progressive: "ik ben Lotte Smeets aan het helpen"
        if folded == "aan" and [_fold(w) for w in words[k + 1 : k + 2]] == ["het"] and k + 2 < len(words):
            if words[k + 2][:1].islower() and _fold(words[k + 2]).endswith("en"):
                return True
    return False


#: Separable particles before a participle: "tegengekomen", "kwijtgeraakt", "achternagegaan".
SEPARATE_PARTICLES = frozenset(
    "aan af bij door in mee na om onder op over terug tegen toe uit voor weg samen vast los langs thuis kwijt achterna"
    " voorbij tegemoet".split()
)
#: The shape of a past participle: a separable particle or none, "ge-", and "-d", "-t" or "-n".
UNKNOWN_PARTICIPLE = re.compile(rf"(?:{'|'.join(sorted(SEPARATE_PARTICLES))})?ge[a-z]{{2,}}[dtn]$")


#: Past participles of the few verbs that take a person as object with "ben" ("ik ben Ann Bos tegengekomen"), read
#: after Whisper's comma too: "Ik ben Ann Bos, tegengekomen bij het overleg." (session 46's left wrong name). Not
#: the participles that describe oneself after one's name ("Ik ben Kees Mol, geboren in ...", "..., geworteld in"), nor
#: "vergeten" ("Ik ben Kees Mol, vergeten mezelf voor te stellen": a reviewer's read).
ANOTHER_AS_OBJECT = frozenset(
    "tegengekomen opgevolgd gevolgd gepasseerd achternagegaan achternagelopen nagelopen voorbijgegaan".split()
)


def _name_not_ones_own(said: str, name: Sequence[str], skippable: frozenset[str] = frozenset()) -> bool:
    """Whether the words after "ik ben" or "dit is" say a name of someone else than the one who is: its
    owner ("ik ben Ruud Kosters collega", "dit is Ruud z'n opvolger"), denied ("ik ben Ruud niet"), or an
    object ("ik ben Ruud kwijt", "ik ben Ruud Koster gisteren tegengekomen": "ben" as an auxiliary), in
    the clause that holds the name (or, with :data:`ANOTHER_AS_OBJECT`, after a comma right after it)."""
    pieces = said.split(",")
    after_comma = re.findall(r"[\w'’-]+", pieces[1]) if len(pieces) > 1 else []
    if (
        after_comma
        and _fold(after_comma[0]) in ANOTHER_AS_OBJECT
        and [_fold(w) for w in after_comma[1:2]] != ["door"]
        and len(re.findall(r"[\w'’-]+", pieces[0])) <= len(name) + 1
    ):
        return True  # "Ann Bos, tegengekomen bij ..." (the name alone before the comma, a word it skips at most)
    clause = re.findall(r"[\w'’-]+", pieces[0])
    for k, word in enumerate(clause):
        # (not a filler before a "niet": "ik ben Lotte Smeets dus niet, dat is mijn buurvrouw", an attack on naming,
        # session 60, was her introduction at 0.98)
        if k and _fold(word) in CLAUSE_BREAKS and not _filler_then_negation(clause[k:]):
            clause = clause[:k]
            break
    words = [_fold(w) for w in clause]
    span = len(name) + bool(words and words[0] in skippable)
    owner = _owned_by_name(words, name)
    # "ik ben Ruud Koster niet", "ik ben Ruud kwijt": not the name, or the name as an object
    # ("zat" after the name and a word or two of how much, not at the end of a clause of its own: "ik ben Lotte
    # Smeets directeur van Havensteder waar Hamid in de raad zat", "... die hier vorig jaar ook zat", a reviewer's read)
    between = words[span:-1]
    denied = bool(set(words[1:]) & (NEGATIONS | OBJECT_PREDICATES)) or (
        len(words) > 1
        and words[-1] in OBJECT_PREDICATES_LAST
        and len(between) <= 3
        and not set(between) & (PREPOSITIONS | {"die", "dat", "wie", "wat", "waar", "toen", "hier", "daar", "er"})
    )
    return (owner is not None and owner <= span) or denied or _perfect_tense(clause[1:])


def _filler_then_negation(words: Sequence[str]) -> bool:
    """Whether ``words`` open with fillers ("dus", "eigenlijk", "trouwens") and then "niet", "geen" or "nooit"."""
    rest = list(itertools.dropwhile(lambda word: _fold(word) in NAME_FILLERS, words))
    return len(rest) < len(words) and bool(rest) and _fold(rest[0]) in NEGATIONS


@dataclass
class _Person:
    """What the programme tells about a participant, for matching what is said."""

    name: str
    organisation: str
    kinds: set[str]
    roles: set[str]
    #: The proper names in the organisation: ``["apeldoorn"]``, ``["veluwse", "huis"]``.
    own_names: list[list[str]]
    #: The words of the role and the organisation as the programme spells them, folded.
    own_words: frozenset[str] = frozenset()
    #: The role as the programme gives it.
    role: str = ""


def _person(participant: Participant) -> _Person:
    words = _tokens(f"{participant.organisation} {participant.role}")
    role = _tokens(participant.role)
    roles = {key for key, r in ROLES.items() if any(t.startswith(m) for t in role for m in r["marks"])}
    if "gespreksleider" in roles:
        # A moderator's organisation is the conference: its words say nothing of a side.
        return _Person(
            participant.name, participant.organisation, set(), roles, [], _own_words(participant), participant.role
        )
    kinds = {key for key, kind in KINDS.items() if any(m in t for t in words for m in kind["marks"])}
    # The organisation's own name: runs of capitalised words that are not kind words,
    # "gemeente Apeldoorn" -> apeldoorn, "Woonstichting Het Veluwse Huis" -> veluwse huis.
    marks = {m for kind in KINDS.values() for m in kind["marks"]}
    own_names: list[list[str]] = []
    run: list[str] = []
    for word in re.findall(r"[\w'’-]+", participant.organisation) + [""]:
        folded = _fold(word)
        if word[:1].isupper() and not any(m in folded for m in marks) and folded not in GENERIC:
            if run or folded not in STOPWORDS:
                run.append(folded)
        else:
            if run and len("".join(run)) > 2:
                own_names.append(run)
            run = []
    return _Person(
        participant.name, participant.organisation, kinds, roles, own_names, _own_words(participant), participant.role
    )


def _own_words(participant: Participant) -> frozenset[str]:
    words = _tokens(f"{participant.role} {participant.organisation}")
    return frozenset(w for w in words if len(w) > 2 and w not in STOPWORDS and w not in GENERIC)


def _said_name(said: list[str], name: list[str]) -> bool:
    return _close_ratio(" ".join(said), " ".join(name), 0.8) >= 0.8


def _close_ratio(one: str, other: str, least: float) -> float:
    """SequenceMatcher's ratio of ``one`` and ``other`` when it is at least ``least``, else 0.0. Its cheap
    upper bounds come first (the lengths, then the letters): most words weighed as a name are nothing
    like it, and naming weighs the opening of every sentence for every participant's name."""
    length = len(one) + len(other)
    if length and 2.0 * min(len(one), len(other)) / length < least:  # SequenceMatcher.real_quick_ratio
        return 0.0
    matcher = SequenceMatcher(None, one, other)
    if matcher.quick_ratio() < least:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= least else 0.0


#: "Dag Bea Smit, ..." greets Bea; "Goedemiddag, Rob Meijer, ..." (a comma after the greeting) is
#: how a speaker opens with their own name.
GREETING = re.compile(r"^\W*(?:en |ja |nou )?(?:dag|hallo|hoi|goedemorgen|goedemiddag|goedenavond|welkom)\s+\w", re.I)
#: A sentence that is a greeting and nothing else: "Goedemiddag.", "Hallo allemaal."
GREETING_ALONE = re.compile(
    r"^\W*(?:(?:dag|hallo|hoi|goedemorgen|goedemiddag|goedenavond|goeiemorgen|goeiemiddag)(?:\s+allemaal)?\W*)+$", re.I
)


def _name_variants(person: _Person, people: Sequence[_Person]) -> list[list[str]]:
    """How a participant's own name may be said: in full, and the first name alone when no other
    participant has it."""
    name = _tokens(person.name)
    variants = [name] if len(name) > 1 else []
    if name and not any(_tokens(other.name)[:1] == name[:1] for other in people if other.name != person.name):
        variants.append(name[:1])
    return variants


def _says_name(tokens: list[str], name: list[str]) -> bool:
    """Whether ``name`` (its words) is said anywhere in ``tokens``, as Whisper may misspell it."""
    return any(_said_name(tokens[i : i + len(name)], name) for i in range(len(tokens) - len(name) + 1))


def _word_before_name(said: list[str], name: list[str]) -> bool:
    """Whether words taken for a misheard name with one word more ("Gerrit Jan Hofstede" for Gert-Jan
    Hofstee) are a word before the name said right: "Top Gerda Smeets", "Goed Gerda Smeets"."""
    whole, without = " ".join(said), " ".join(said[1:])
    named = " ".join(name)
    if said[0] == name[0]:
        return False
    ratio = _close_ratio(without, named, 0.8)
    return ratio >= 0.8 and ratio >= SequenceMatcher(None, whole, named).ratio()


def _name_at_start(tokens: list[str], person: _Person, people: Sequence[_Person]) -> tuple[int, int] | None:
    """Where ``person``'s name opens ``tokens`` after the opening words ("En ik Ruben Veenstra"):
    (start, length) of the full name (as Whisper may misspell it) or of the first name alone (as
    written, and only when it is theirs alone)."""
    name = _tokens(person.name)
    openers = 0
    while openers < len(tokens) and tokens[openers] in INTRODUCTION_OPENERS:
        openers += 1
    for variant in _name_variants(person, people):
        # The name may itself start with an opener's word ("Ben de Vries"): try each place; a
        # misheard full name may take a word more ("Gerrit Jan Hofstede" for Gert-Jan Hofstee).
        lengths = (len(variant), len(variant) + 1) if len(variant) > 1 else (1,)
        for i in range(openers + 1):
            for n in lengths:
                said = tokens[i : i + n]
                if len(said) == n and n > len(variant) and _word_before_name(said, variant):
                    continue  # "Top, Gerda Smeets": a word before her name, not her name misheard
                if len(said) == n and (_said_name(said, variant) if len(variant) > 1 else said == variant):
                    # "Ruud Kosters collega, ...", "Ruud z'n opvolger": the owner named, not the speaker
                    # (unless the word owned is their own role: Whisper's "Kosters, woonconsulent")
                    owner = _owned_by_name(tokens[i : i + n + 2], name)
                    if owner is not None and owner <= n and not _own_word(tokens[i + owner + 1], person):
                        return None
                    return i, n
    return None


def _speaks_of_oneself_first(words: Sequence[str], against: set[str]) -> bool | None:
    """True when the speaker's own "ik"/"we" comes before any word of ``against``, False when one of
    those comes first, None when neither is there."""
    for word in words:
        if word in SPEAKING_OF_ONESELF:
            return True
        if word in against:
            return False
    return None


#: What may follow one's full name to confirm it: "Ellen Pinas, ja.", "Ellen Pinas, dat klopt."
CONFIRMING = frozenset({"ja", "jazeker", "klopt", "dat", "inderdaad", "precies", "zeker"})


def _introduces_by_name(
    tokens: list[str], person: _Person, people: Sequence[_Person] = (), then: Sequence[str] = ()
) -> bool:
    """Whether a turn's first sentence opens with ``person``'s name followed by their own role or
    organisation: "Rob Meijer, manager klantcontact bij Woonbron", "En ik Ruben Veenstra,
    schuldhulpverlener" (Whisper lost the "ben"), "Karin, van de huurdersvereniging". Addressing
    someone ("Rob, wat vind jij?") asks or speaks to them. Not when the sentence names another
    participant too (a moderator introducing the table) or the next sentence (``then``) goes on
    about them ("Zij ..."). A first name alone is followed by nothing but their role or
    organisation ("Ruud, Woonstichting Betuwe bouwt te weinig" speaks to Ruud)."""
    found = _name_at_start(tokens, person, people)
    if not found:
        return False
    start, length = found
    name = _tokens(person.name)
    rest = tokens[start + length : start + length + 12]
    if set(rest) & INTRODUCING_ANOTHER:  # "Rob Meijer, manager bij Woonbron: welkom", "..., zit naast mij"
        return False
    if _told_of(rest, person):  # "Fatima El Amrani, van de bibliotheek, begint." (a moderator giving the floor)
        return False
    # "..., zei vorig jaar ...", and a next sentence "Welkom." or "Zij leidt ..."; not after the
    # speaker's own "ik"/"we" ("..., en ik zei toen ...", "Ik denk dat jullie ...").
    # "En Kees Mol, directeur van Rentree, aan jou.", "..., jouw beurt": handed the word (a reviewer's read; 0.98 wrong
    # at 7f42a96 too); not "..., met jou aan tafel vandaag" nor "..., fijn jou weer te zien" (a third reviewer's read)
    if any(pair in HANDING_OVER for pair in zip(rest, rest[1:], strict=False)):
        return False
    for words, against in ((rest, SPOKEN_OF), (then, INTRODUCING_ANOTHER | SPOKEN_OF)):
        if _speaks_of_oneself_first(words, against) is False:
            return False
    for other in people:
        words = _tokens(other.name)
        if other.name != person.name and _says_name(tokens, words):
            return False
    if then[:1] == ["die"]:
        return False

    if rest and set(rest) <= CONFIRMING and length >= len(name) > 1:
        # "Ellen Pinas, ja. Gemeentelijke ombudsman in Rotterdam.": one's full name confirmed (to "Mevrouw
        # Pinas?", which Whisper may have misheard), one's own role or organisation in the next sentence
        return any(_own_word(w, person) for w in then[:8])
    if length < len(name) or len(name) == 1:
        # a first name alone: only the person's own role and organisation may follow it
        return (
            bool(rest)
            and len(tokens) <= start + length + 8
            and all(_own_word(w, person) or w in STOPWORDS or _kinds_of(w) & person.kinds for w in rest)
        )
    return any(_own_word(w, person) for w in rest)


#: Words by which one hands the word to whoever one names: "Kees Mol, directeur van Rentree, aan jou."
HANDING_OVER = frozenset({("aan", "jou"), ("naar", "jou"), ("jouw", "beurt"), ("aan", "u"), ("uw", "beurt")})


#: Finite verbs of the third person, present and past, that the verb stems of the lemma tables do not
#: give: "Fatima El Amrani, van de bibliotheek, begint", "..., mag beginnen", "..., gaat ons vertellen".
THIRD_PERSON_VERBS = frozenset(
    "is was heeft had kan kon mag mocht wil wilde wou zal zou moet moest gaat ging komt kwam doet deed staat stond"
    " zit zat ligt lag ziet zag zegt zei weet wist krijgt kreeg neemt nam geeft gaf wordt werd begint begon"
    " blijft bleef brengt bracht denkt dacht vindt vond houdt hield laat liet spreekt sprak start trapt opent"
    " vertelt leidt schreef vroeg riep hielp bood koos liep sloot trok".split()
)
#: Words that are a subject of their own after a name ("Bea Smit, directeur, en dat betekent ..."), or
#: say the name is spoken to ("Bea Smit, bedankt voor uw komst": no verb of hers).
OTHER_SUBJECTS = frozenset(
    "dat dit die wat er hij zij ze jij je u jullie men iedereen niemand iemand bedankt dank welkom".split()
)


def _third_person_verb(word: str) -> bool:
    """Whether ``word`` is a finite verb of the third person: one of ``THIRD_PERSON_VERBS``, a verb's stem
    with "-t" ("vertelt", "opent", "trapt"; not a word the lemma tables know as a lemma: "kant",
    "plant"), or a past with "-de"/"-te" ("vertelde", "werkte")."""
    from .analyse import dutch_lemma, is_dutch_lemma, is_verb_stem

    if word in THIRD_PERSON_VERBS:
        return True
    if word.endswith("t") and len(word) > 3 and not is_dutch_lemma(word) and is_verb_stem(word[:-1]):
        return True
    return word.endswith(("de", "te")) and (dutch_lemma(word) or "").endswith("en")


def _told_of(rest: Sequence[str], person: _Person) -> bool:
    """Whether the words after ``person``'s name make the name the subject of a verb in the third
    person, so that the speaker tells of them: "Fatima El Amrani, van de bibliotheek, begint", "...,
    trapt af", "..., mag beginnen", "Bea Smit, De Horst heeft ...". Their own role and organisation may
    stand between; the speaker's own "ik"/"we" or another subject ("..., en dat betekent ...", "...,
    de wachtlijst groeit") first ends it."""
    for k, word in enumerate(rest):
        if word in SPEAKING_OF_ONESELF or word in OTHER_SUBJECTS:
            return False
        if word in ARTICLES and not (k and rest[k - 1] in PREPOSITIONS):
            if k + 1 < len(rest) and not _own_word(rest[k + 1], person):
                return False  # a noun of its own, not in a preposition's phrase: another subject
        if word in STOPWORDS or _own_word(word, person) or _kinds_of(word) & person.kinds:
            continue
        if _third_person_verb(word):
            return True
    return False


def _opens_told_of(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s name as the subject of a verb in the third person:
    "Ineke Wubbels weet dat ook", "Fatima El Amrani, van de bibliotheek, begint"."""
    found = _name_at_start(tokens, person, people)
    return bool(found) and _told_of(tokens[sum(found) :], person)


#: Verbs by which one knows, meets or deals with someone, before "ik"/"we": "Ann Bos ... ken ik al jaren", "..., daar
#: heb ik veel mee te maken", "Met Ann Bos ... spreek ik elke week". Not "daar werk ik" (one's own work).
KNOWING = frozenset(
    "ken kende kennen spreek sprak spreken zie zag zien heb had hebben ontmoet ontmoette bel belde mail mailde"
    " hoor hoorde tref trof mis waardeer vertrouw".split()
)
#: Words that take up the name said before them: "Kees Mol van Rentree, die ken ik", "..., daar heb ik mee te maken".
TAKING_UP = frozenset("die daar dat waar hem haar hen".split())


def _name_in_anothers_clause(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence that opens with ``person``'s name (their role or organisation after it) goes on with
    the speaker as the subject of knowing, meeting or dealing with them: "Ann Bos, gemeente Deventer, ken ik al
    jaren", "Kees Mol van Rentree, die ken ik nog", "..., daar heb ik veel mee te maken", "Met Ann Bos van de
    gemeente heb ik wekelijks contact", "Ann Bos van de gemeente en ik kennen elkaar", or with "jouw": "Kees Mol,
    directeur van Rentree, ik heb jouw notitie gelezen" (an attack on naming, session 45: each named the speaker
    as the one spoken of, at 0.98). Not "..., daar werk ik al twintig jaar", "..., en ik ben sectormanager",
    "Met Ann Bos van de gemeente, ik ben daar ..." (a reviewer's read: one's own introduction)."""
    found = _name_at_start(tokens, person, people)
    if found is None:
        return False
    rest = tokens[sum(found) :]
    k = 0
    while k < len(rest) and (rest[k] in ARTICLES | PREPOSITIONS or _own_word(rest[k], person)):
        k += 1
    rest = rest[k:]
    knows = next((m for m in range(1, min(4, len(rest))) if rest[m] in FIRST_PERSON and rest[m - 1] in KNOWING), None)
    # "Met Fatma Yilmaz, directeur van Ymere, ga ik het hebben over ...": the verb before "ik", so the words with the
    # name open the sentence and she is who one is with (not "Met Kees Mol, en ik ben ...": one's own, on the phone)
    inverted = next(
        (m for m in range(1, min(4, len(rest))) if rest[m] in FIRST_PERSON and rest[m - 1] not in CLAUSE_BREAKS),
        None,
    )
    return bool(
        knows == 1
        or (knows == 2 and rest[0] in TAKING_UP)
        or (knows is not None and "met" in tokens[: found[0]])
        or (inverted is not None and tokens[found[0] - 1 : found[0]] == ["met"])
        or (len(rest) > 2 and rest[:2] == ["en", "ik"] and (rest[2] in KNOWING or _plural_verb(rest[2])))
        or (FIRST_PERSON & set(rest[:4]) and "jouw" in rest[:4])
    )


def _plural_verb(word: str) -> bool:
    """Whether ``word`` is a verb in the plural of the present, as after "X en ik" ("Fatma Yilmaz en ik gaan ...",
    "... en ik werken al jaren samen"): a verb's infinitive the lemma tables know; not "ben", "werk" (one's own
    "..., en ik ben directeur")."""
    from .analyse import is_dutch_lemma, is_verb_stem

    if word in {"zijn", "gaan", "staan", "doen", "zien", "slaan"}:
        return True
    return (
        word.endswith("en")
        and word != "ben"
        and is_dutch_lemma(word)
        and not is_verb_stem(word)
        and (is_verb_stem(word[:-2]) or is_verb_stem(word[:-3]))
    )


#: What someone is to the speaker: "Ann, van de gemeente. Dat is mijn vaste sparringpartner."
RELATIONS = frozenset(
    "collega collegas sparringpartner contactpersoon aanspreekpunt partner maatje buurman buurvrouw baas"
    " leidinggevende opvolger voorganger vriend vriendin".split()
)


def _taken_up_next(tokens: list[str], then: Sequence[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence of ``person``'s name (and their role or organisation) alone is taken up by the next as
    someone the speaker knows: "Ann Bos. Die ken ik al jaren.", "Ann, van de gemeente. Dat is mijn vaste
    sparringpartner.", "Kees Mol. Hem bel ik elke week." (an attack on naming, session 46: the answer to "Wie is
    jouw contactpersoon bij de gemeente?" named the speaker Ann at 0.99)."""
    found = _name_at_start(tokens, person, people)
    if found is None or not then:
        return False
    rest = tokens[sum(found) :]
    if not all(w in STOPWORDS or _own_word(w, person) or _kinds_of(w) & person.kinds for w in rest):
        return False
    words = [w for w in then if w not in NAME_FILLERS]
    # (not "Die rol heb ik sinds 2020", "Die naam ken je misschien", "Die ben ik": one's own, a reviewer's read)
    return (
        words[:1] in (["die"], ["hem"], ["haar"])
        and len(words) > 2
        and words[1] in KNOWING
        and words[2] in FIRST_PERSON
    ) or (
        words[:2] in (["dat", "is"], ["die", "is"])
        and len(words) > 3
        and words[2] in OWN_POSSESSIVE | {"m'n", "mn"}
        and any(w in RELATIONS for w in words[3:6])
    )


#: Words by which a sentence speaks of the speaker: a name presented in it is no host's presenting.
ONESELF = frozenset({"ik", "me", "mij", "mijn", "wij", "we", "ons", "onze"})


def _presents_two(sentences: Sequence[str], people: Sequence[_Person]) -> bool:
    """Whether a turn presents two participants, each by full name with a word of their own role or organisation
    after it, in sentences that say nothing of the speaker: "Ann Bos, sectormanager bij de gemeente Deventer. Kees
    Mol, directeur van Rentree." is a host's, and neither name is the speaker's unless they say "ik ben ..." (an
    attack on naming, session 45: an unlisted moderator's voice was named as the first one presented). Not "Ann
    Bos, gemeente Deventer. Ik zit hier tegenover Kees Mol van Rentree." (a reviewer's read)."""
    presented = set()
    for sentence in sentences:
        tokens = _tokens(sentence)
        if ONESELF & set(tokens):
            continue
        for p in people:
            name = _tokens(p.name)
            for i in range(len(tokens) - len(name)) if len(name) > 1 else ():
                if _said_name(tokens[i : i + len(name)], name):
                    after = [w for w in tokens[i + len(name) : i + len(name) + 4] if w not in STOPWORDS]
                    if after and _own_word(after[0], p):
                        presented.add(p.name)
    return len(presented) > 1


def _opens_with_full_name(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s full name (after "ja", "goedemiddag" and the like)
    followed by nothing said to or of someone ("Bea Smit, bedankt voor uw komst" thanks her)."""
    after = _after_full_name(tokens, person, people)
    if after is None:
        return False
    rest = tokens[after:]
    return not set(rest) & (INTRODUCING_ANOTHER | SPOKEN_OF | SECOND_PERSON | OTHER_POSSESSIVE) and not _told_of(
        rest, person
    )


def _taken_up_as_their_part(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s name taken up by "dat is" or "die is" and then their own role or
    organisation: "Lotte Smeets, dat is de directeur van Havensteder." presents her (one says "dat ben ik" of
    oneself; a variant of an attack on naming, session 60, read it as the speaker's introduction at 0.98); not
    "..., dat is mijn naam"."""
    found = _name_at_start(tokens, person, people)
    rest = tokens[sum(found) :] if found else []
    if rest[:2] not in (["dat", "is"], ["die", "is"], ["dat", "was"], ["die", "was"]):
        return False
    words = [w for w in rest[2:] if w not in ARTICLES | NAME_FILLERS | {"hier", "daar", "nu"}]
    return bool(words) and _own_word(words[0], person)


def _after_full_name(tokens: list[str], person: _Person, people: Sequence[_Person]) -> int | None:
    """Where the sentence goes on after ``person``'s full name (of more than one word) that opens it, after opening
    words (:func:`_name_at_start`); None where it does not open with their full name."""
    found = _name_at_start(tokens, person, people)
    name = _tokens(person.name)
    return sum(found) if found and len(name) > 1 and found[1] >= len(name) else None


def _name_alone(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence is ``person``'s full name and nothing more ("ja" at most): "Dennis Kuipers." with
    Whisper's full stop after it. A name that goes on ("Anouk Veldkamp, ik zag je naam ...", "Peter de
    Groot, manager klantcontact bij ...") is left to the rules that read what follows it."""
    after = _after_full_name(tokens, person, people)
    return after is not None and set(tokens[after:]) <= CONFIRMING


def _presents(sentences: Sequence[str], person: _Person, people: Sequence[_Person], in_reply: bool) -> bool:
    """Whether a turn's sentences present ``person`` as one presents oneself: one opens with their full name
    (not told of), in reply to the other voice (``in_reply``) or after something said first, and their own
    role or organisation on the programme (a word of theirs alone, not of their name) is said in it or in the
    sentence right before or after it, in a sentence with nothing said to or of another: "Ouderenadviseur
    in Vlissingen, Stichting Welzijn. Marja Kodde, dus jij bent ...", "Klopt. Samir Haddad. Ik begeleid ..."."""
    name = _tokens(person.name)
    if len(name) < 2:
        return False
    said = [_tokens(sentence) for sentence in sentences]

    def own(word: str) -> bool:
        return word not in name and word not in STOPWORDS and _theirs_alone(word, person, people)

    for k, tokens in enumerate(said):
        found = _name_at_start(tokens, person, people) if in_reply or k else None
        if not found or found[1] < len(name) or _told_of(tokens[sum(found) :], person):
            continue
        for near in said[max(k - 1, 0) : k + 2]:
            if not set(near) & (INTRODUCING_ANOTHER | SPOKEN_OF | OTHER_POSSESSIVE) and any(map(own, near)):
                return True
    return False


#: The question back after saying who one is: "Marijke, ouderenadviseur, en jij?".
ASKED_BACK = (["en", "jij"], ["en", "u"], ["en", "jou"])
#: What closes a bare first name and the words of who one is: one's own "ik" or "we" going on, a new clause.
AFTER_WHO_ONE_IS = frozenset("ik we wij en dus maar want".split())


#: Words that may open a sentence before one's own full name in one's first turns, as Whisper writes them: "Ja,
#: Rob van Ommen, ...", "Klopt. Jolanda van Twillert, ...". Not a greeting ("Hoi Marc, Marc de Wit, Welzijn
#: Delft." greets Marc and reads his badge), recognition ("O, Marloes de Groot, gemeente Bodegraven. Dat is lang
#: geleden.") nor a contrast ("Maar Marloes de Groot, gemeente Bodegraven, die ken ik.").
BEFORE_ONES_NAME = frozenset("en ja nou klopt precies inderdaad aangenaam".split())
#: Words said to the one named, after their name and role: "..., welkom", "..., bedankt voor je komst".
TO_THEM = frozenset({"jou", "welkom", "bedankt", "dank", "toch"})
#: Words that open a question Whisper wrote without its mark: "..., klopt dat", "..., hoe bevalt dat".
ASKING = frozenset("klopt hoe wat waar wie waarom wanneer welke welk of toch he hè".split())


def _opens_with_who_one_is(
    sentence: str, following: Sequence[str], person: _Person, people: Sequence[_Person], by_ik: bool = False
) -> bool:
    """Whether a sentence opens with ``person``'s full name and goes on at once with who that person is: their
    own role or organisation ("Hendrik Mussche, voorzitter, al negen jaar, ...", "Marloes de Groot, gemeente
    Bodegraven-Reeuwijk.") or "ik" saying a part of who they are that is theirs alone (:func:`_states_own_part`,
    or "ik zit bij <their organisation>"): "Jolanda van Twillert, ik ben projectleider nieuwbouw bij ...".
    Whisper writes a comma where the speaker ended a sentence after their own name ("Gerard Nijhuis. Voorzitter
    van de huurdersvereniging."), and such a sentence, read as an address, named both voices the wrong way
    round: one's full name and, at once, that same person's role say who the speaker is.

    Not when the rest of the sentence says anything to them before one's own "ik" ("..., staat er op je badge",
    "..., hier aan tafel, fijn dat je er bent", "..., welkom") but to ask back ("..., en jij bent toch van de
    gemeente"), tells of them ("..., mag beginnen", "..., staat hier") or names another participant; not when the
    next clause asks or speaks of them ("..., klopt dat", "..., toch?", "..., die ken ik") or the next sentence
    does ("... Welkom.", "... Zij weet het.", "... Die ken ik."); not after a greeting ("Hoi Marc, Marc de Wit,
    Welzijn Delft." reads his badge); not "ik" telling what one thinks ("Els Bosman, ik herkende je"); not a first
    name alone, which reads a badge as readily. After a word ("Klopt Marloes de Groot, ...") or with ``by_ik``,
    only "ik" says it (a reviewer's attack, session 34, found each of these read as one's own)."""
    clauses = [_tokens(part) for part in re.split(r"[,;:–—]", sentence)]
    tokens = [w for clause in clauses for w in clause]
    ends = list(itertools.accumulate(len(clause) for clause in clauses))
    asked_back = next((i for i in range(len(tokens) - 1) if tokens[i : i + 2] in ASKED_BACK), len(tokens))
    if sentence.rstrip().endswith("?") and asked_back == len(tokens):
        return False
    i = 0
    while i < len(tokens) and tokens[i] in BEFORE_ONES_NAME:
        i += 1
    by_ik = by_ik or i > 0  # "Klopt Marloes de Groot, ..." as "Klopt. Marloes de Groot, ...": "ik" must say it
    found = _name_at_start(tokens[i:], person, people)
    if not found or found[0] or found[1] < 2:  # the full name first; a first name alone reads a badge as readily
        return False
    end = i + found[1]
    while end < len(tokens) and tokens[end] in {"ja", "hoor"}:  # "Jeroen Visser, ja, ik doe ..."
        end += 1
    if any(_says_name(tokens, _tokens(q.name)[:1]) for q in people if q.name != person.name):
        return False  # "Marloes de Groot, gemeente ..., en ik ben Ruud Verkerk.": another participant named
    clause_end = next((e for e in ends if e > end), len(tokens))
    rest = tokens[end:asked_back]
    # said to the other before one's own "ik" goes on ("Ilse Bronsveld, Gemeente Nunspeet, staat er op je
    # kaart", "..., hier aan tafel, fijn dat je er bent"), or told of them ("..., mag beginnen", "..., staat hier")
    told = rest[: next((n for n, w in enumerate(rest) if w in CLAUSE_BREAKS), len(rest))]  # not "..., want ..."
    if _speaks_of_oneself_first(rest, SECOND_PERSON | OTHER_POSSESSIVE | TO_THEM) is False or _told_of(told, person):
        return False
    # the next clause asks, speaks of them or to them: "..., klopt dat", "..., die ken ik", "..., ik ken je naam"
    then = tokens[clause_end : min(asked_back, next((e for e in ends if e > clause_end), len(tokens)))]
    if set(then[:1]) & (ASKING | INTRODUCING_ANOTHER | THIRD_PERSON) or set(then) & (
        SECOND_PERSON | OTHER_POSSESSIVE | {"jou"}
    ):
        return False
    # the next sentence: "... Welkom.", "... Zij weet het.", "... Mevrouw Smeets weet dat.", "... Die ken ik."
    name = _tokens(person.name)
    if following[:2] not in ASKED_BACK and (
        set(following) & (NOT_A_REPLY | INTRODUCING_ANOTHER | set(HONORIFICS) | set(name) | {"jou"})
        or _speaks_of_them(following)
    ):
        return False
    who = tokens[end:clause_end] if end < len(tokens) else list(following)
    who = who[: next((n for n, w in enumerate(who) if n and w in CLAUSE_BREAKS - {"ik", "we", "wij"}), len(who))]
    if who[:1] == ["ik"]:
        # "ik ben wijkagent", "ik werk bij Portaal" (_states_own_part); "ik zit bij Kompas", and nothing more:
        # "ik zit bij Twentse Hof in de klantenraad" sits elsewhere
        at = [w for w in who[3:] if w not in STOPWORDS]
        sits = who[1:3] == ["zit", "bij"] and bool(at) and all(_own_word(w, person) for w in at)
        return (sits and _theirs_alone(at[0], person, people)) or _states_own_part(who, person, people)
    if end >= len(tokens) or by_ik:
        return False  # the name alone: the next sentence says where one is with "ik", or nothing here
    words = [w for w in who if w not in STOPWORDS | PLACE_WORDS and not w.isdigit()]
    own = [w for w in words if _own_word(w, person)]
    # a town after "in" ("voorzitter van de huurdersvereniging in Borkulo") is beside one's role, not against it
    places = {w for n, w in enumerate(who) if n and who[n - 1] in {"in", "uit"}}
    foreign = [w for w in words if w not in own and w not in places]
    return any(_theirs_alone(w, person, people) for w in own) and len(foreign) < len(own)


def _speaks_of_them(sentence: Sequence[str]) -> bool:
    """Whether a sentence opens speaking of someone just named: "Zij weet het.", "Die ken ik.", "Die kent
    iedereen."; not "Die sleutelbos sjouw ik ...", a word before a noun."""
    if sentence[:1] and sentence[0] in {"hij", "zij", "ze"}:
        return True
    return (
        sentence[:1] in (["die"], ["dat"])
        and len(sentence) > 1
        and (_third_person_verb(sentence[1]) or sentence[2:3] in (["ik"], ["we"], ["wij"], ["je"], ["jij"], ["u"]))
    )


def _first_name_then_own_words(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence is ``person``'s first name alone, then at once what they are on the programme and
    nothing said to or of anyone: "Rik, wijkconsulent, Stokhasselt en een stukje Reeshof.", "Mustafa,
    incassomedewerker huurincasso, Woonkracht.", "Fatma, van de Gemeente Zaanstad, ik doe armoede
    beleid.", "Marijke, ouderenadviseur. En jij?". A role or organisation word of ``person``'s alone (no other
    participant's) is among the first two words after the name, and every other word up to the next clause
    is theirs too or no common Dutch (a place, a word misheard: "instok haseld"): "Rik, wijkconsulenten
    zien dat ook" goes on with a common verb and is said to Rik. The caller keeps it to a voice's opening
    turns at a table of two, where one says who one is."""
    from .heard import COMMON_FROM, zipf

    found = _name_at_start(tokens, person, people)
    name = _tokens(person.name)
    if not found or len(name) < 2 or found[1] >= len(name) or "en" in tokens[: found[0]]:
        return False  # "En Jan-Willem, van de gemeente": the other presented, "en jij bent" half heard
    rest = tokens[sum(found) :]
    if rest[-2:] in ASKED_BACK:
        rest = rest[:-2]  # the question back: "Marijke ouderenadviseur en jij?"
    # said to the other anywhere in the sentence: "Koen, wijkconsulent, dus jij ziet de mensen thuis.", "..., we
    # hebben elkaar al eens gemaild." (one reads the other's badge and goes on)
    if set(rest) & (INTRODUCING_ANOTHER | SPOKEN_OF | SECOND_PERSON | OTHER_POSSESSIVE | {"elkaar", "samen"}):
        return False
    end = next((n for n, w in enumerate(rest) if w in AFTER_WHO_ONE_IS), len(rest))
    clause, after = rest[:end], rest[end:]

    alone = functools.partial(_theirs_alone, person=person, people=people)

    def theirs_or_rare(words: Sequence[str]) -> bool:
        return all(alone(w) or zipf(w) < COMMON_FROM for w in words if w not in STOPWORDS)

    words = [w for w in clause if w not in STOPWORDS]
    if not (any(map(alone, words[:2])) and theirs_or_rare(words)):
        return False
    # what follows the clause: nothing; more of theirs ("en een stukje Reeshof"); or one's own "ik doe/werk/
    # ben" with a word of theirs ("Fatma, van de Gemeente Zaanstad, ik doe armoedebeleid"). Not "Koen,
    # Lindewaard, en ik wilde het hebben over eenzaamheid" nor "..., maar wat doe je dan precies".
    if not after:
        return True
    if after[0] == "en" and theirs_or_rare([w for w in after[1:] if w not in {"een", "stukje", "deel"}]):
        return True
    return after[:1] == ["ik"] and after[1:2] in (["doe"], ["werk"], ["ben"]) and any(map(alone, after[2:5]))


def _name_then_ik(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s full name and then the speaker's "ik": "Sevda Yildiz,
    ik ben directeur van ..." (in the middle of a turn, after "Klopt, dat was ik.")."""
    if "ik" not in tokens:
        return False  # what follows the name cannot be "ik": spare looking for the name
    found = _name_at_start(tokens, person, people)
    name = _tokens(person.name)
    return bool(found) and len(name) > 1 and found[1] >= len(name) and tokens[sum(found) : sum(found) + 1] == ["ik"]


def _name_then_own_role(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s name, first or full, and then the speaker's "ik"
    holding ``person``'s role at ``person``'s organisation: "Femke, ik ben budgetcoach, bij Buurtteam
    Overvecht". Nobody says another's role as "ik ben", so the name is not an address."""
    if "ik" not in tokens:
        return False  # what follows the name cannot be "ik": spare looking for the name
    found = _name_at_start(tokens, person, people)
    return bool(found) and tokens[sum(found) : sum(found) + 1] == ["ik"] and _states_own_role(tokens, person, people)


def _name_then_own_part(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s name, first or full, then the speaker's "ik" saying a part
    of who ``person`` is that is theirs alone (:func:`_states_own_part`): "Dennis, ik ben wijkagent in
    Lelystad", "Yvonne, ik woon hier al dertig jaar en ik zit in het bestuur van de bewonersvereniging"
    (Whisper's comma for "Dennis. Ik ben ..."). Weaker than one's role at one's organisation: the caller
    weighs it as tentative (another voice's own introduction as ``person`` overrules it)."""
    if "ik" not in tokens:
        return False
    found = _name_at_start(tokens, person, people)
    return (
        bool(found)
        and tokens[sum(found) : sum(found) + 1] == ["ik"]
        and _states_own_part(tokens[sum(found) :], person, people)
    )


def _where_one_sits(said: Sequence[str]) -> int | None:
    """Where in ``said``, when it opens with the speaker's "ik zit bij" or "ik werk bij", the organisation's first word
    stands (an article before it skipped), or None."""
    if said[:3] not in (["ik", "zit", "bij"], ["ik", "werk", "bij"]):
        return None
    at = 4 if said[3:4] and said[3] in ARTICLES else 3
    return at if at < len(said) else None


def _first_name_then_where_one_sits(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence is ``person``'s first name, then the speaker's "ik zit bij" or "ik werk bij" with an
    organisation's word that is ``person``'s alone, and nothing after it but more of who ``person`` is: "Sanne, ik
    zit bij Kompas, ambulant begeleiding." (Whisper's comma for "Sanne. Ik zit ...";
    heldout50/04). Not "Kees, ik zit bij Rentree elke maand, dus ik weet hoe het daar gaat." nor "Kees, ik zit bij
    Rentree morgen weer." (said to Kees: a reviewer's read of a first version that named those 0.99). The caller
    keeps it to a voice's opening turns."""
    found = _name_at_start(tokens, person, people)
    name = _tokens(person.name)
    if not found or found[1] >= len(name):
        return False
    said = tokens[sum(found) :]
    at = _where_one_sits(said)
    if at is None or not _theirs_alone(said[at], person, people):
        return False

    def of_their_role(word: str) -> bool:
        """One of their words, or another form of it ("begeleiding" of "ambulant begeleider"); not any uncommon
        word ("Kees, ik zit bij Rentree, huurdersraad." may be said to Kees: a reviewer's read)."""
        stem = word[:7]
        return _own_word(word, person) or any(w.startswith(stem) for w in person.own_words)

    return all(of_their_role(w) for w in said[at + 1 :] if w not in STOPWORDS)


#: Where the speaker sits or works, then an organisation: "ik zit in het bestuur van", "ik zit al tien jaar in de
#: raad van", "ik werk bij", "ik ben vrijwilliger bij". Not "ik zit in de app van", "ik sta op de wachtlijst bij",
#: "ik ben vorig jaar bij ... langs geweest".
OWN_PLACE = re.compile(
    r"^ik (?:zit (?:al \w+ jaar |al jaren )?(?:in|op) (?:het |de )?\w*(?:bestuur|directie|raad|team|college|werkgroep|"
    r"commissie) (?:van|bij)|werk (?:al \w+ jaar |al jaren )?(?:bij|voor)|ben (?:al \w+ jaar |al jaren )?(?:actief|"
    r"vrijwilliger) (?:bij|voor)) (?:de |het )?(\S+)"
)
#: Words by which an "ik" clause tells of another time, a visit or what one is not: "ik ben zelf wijkagent
#: geweest", "ik ben de wijkagent dankbaar", "ik ben bij de politie langs geweest", "ik ben geen wijkagent".
NOT_WHO_ONE_IS = NEGATIONS | {"geweest", "gewest", "was", "waren", "dankbaar", "langs", "zou", "zouden"}


def _full_name_then_own_part(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether ``person``'s full name, anywhere in a sentence with nothing said to anyone before it, is followed
    by the speaker's "ik" saying a part of who they are that is theirs alone (:func:`_states_own_part`), or
    where they sit ("ik zit bij Maaswijk"): "Hé, dag, mag ik, Martijn van den Heuvel, ik zit bij Maaswijk, de
    corporatie in Oss." (Whisper's commas for "Mag ik? Martijn van den Heuvel, ..."). Tentative, as the
    caller weighs it."""
    name = _tokens(person.name)
    if len(name) < 2 or "ik" not in tokens:
        return False
    for k in range(len(tokens) - len(name)):
        if not _said_name(tokens[k : k + len(name)], name):
            continue
        if set(tokens[:k]) & (SECOND_PERSON | OTHER_POSSESSIVE | INTRODUCING_ANOTHER):
            return False
        said = tokens[k + len(name) :]
        if said[:1] != ["ik"]:
            return False
        at = _where_one_sits(said)
        if at is not None and _theirs_alone(said[at], person, people):
            return True
        return _states_own_part(said, person, people)
    return False


def _states_own_part(said: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether ``said``, the speaker's "ik" first, says a role word of ``person``'s right after "ik ben"
    ("ik ben wijkagent in Lelystad"), or ``person``'s organisation after where the speaker sits or works
    ("ik woon hier al dertig jaar en ik zit in het bestuur van de bewonersvereniging", "ik werk bij
    Portaal"), in a clause of the speaker's "ik" said before any "je", "u" or "jullie"; the word
    ``person``'s alone among the participants: no other one's role or organisation has it (one's own role
    needs no organisation where nobody else at the table could hold it)."""
    roles = {w for w in _tokens(person.role) if len(w) > 2 and w not in STOPWORDS and w not in GENERIC}
    starts = [n for n, w in enumerate(said) if w == "ik"]
    for start, end in zip(starts, [*starts[1:], len(said)], strict=True):
        if set(said[:start]) & (SECOND_PERSON | OTHER_POSSESSIVE):
            return False
        part = said[start:end]
        cut = next((n for n, w in enumerate(part) if w in {"en", "maar", "want", "dus"}), len(part))
        part = part[:cut]
        if set(part) & NOT_WHO_ONE_IS:
            continue
        if part[:2] == ["ik", "ben"]:
            j = 2
            while j < len(part) and part[j] in BEFORE_ROLE - {"zelf"}:  # "ik ben zelf wijkagent": was, or too
                j += 1
            if (
                j < len(part)
                and difflib.get_close_matches(part[j], roles, 1, 0.85)
                and _theirs_alone(part[j], person, people)
            ):
                return True
        place = OWN_PLACE.match(" ".join(part))
        if place and _theirs_alone(place[1], person, people):
            return True
    return False


def _anothers_part(tokens: list[str], person: _Person, people: Sequence[_Person]) -> _Person | None:
    """The participant whose role or organisation, theirs alone, a sentence that introduces ``person`` says after
    the name, where it says nothing of ``person``'s own: "ik ben Sander de Haan, directeur van Pré Wonen" with the
    director of Pré Wonen another participant. None where there is none."""
    name = _tokens(person.name)
    at = next((k + len(name) for k in range(len(tokens)) if tokens[k : k + len(name)] == name), None)
    if at is None:
        return None
    rest = tokens[at:]
    rest = rest[: next((n for n, w in enumerate(rest) if n and w in {"ik", "we", "wij", "jij", "je", "u"}), len(rest))]
    # a town after "in" or "uit" is where one lives or was born ("geboren en getogen in Deventer"), not a part
    rest = [w for n, w in enumerate(rest) if not (n and rest[n - 1] in {"in", "uit"})]
    if any(_own_word(w, person) and _theirs_alone(w, person, people) for w in rest):
        return None
    # only as the name's apposition, right after it: "..., directeur van Pré Wonen", "... van Pré Wonen"; not one's
    # host or partner further on ("ik ben Hamid Amrani, vandaag te gast bij Havensteder", a reviewer's read)
    first = next((w for w in rest if w not in ARTICLES | NAME_FILLERS | APPOSITION_OPENS), None)
    return next(
        (other for other in people if other is not person and first and _theirs_alone(first, other, people)), None
    )


#: Words that open an apposition of one's part after one's name: "ik ben Ann Bos, van Havensteder", "..., namens".
APPOSITION_OPENS = frozenset({"van", "bij", "namens", "hier", "nu", "sinds", "al"})


def _own_word(word: str, person: _Person) -> bool:
    """Whether ``word`` is one of ``person``'s role or organisation (as Whisper may misspell it)."""
    return word in person.own_words or bool(difflib.get_close_matches(word, person.own_words, 1, 0.85))


def _theirs_alone(word: str, person: _Person, people: Sequence[_Person]) -> bool:
    """Whether ``word`` is one of ``person``'s role or organisation (:func:`_own_word`) and no other
    participant's: a word that says who the speaker is only if it is ``person``."""
    return _own_word(word, person) and not any(_own_word(word, q) for q in people if q.name != person.name)


def _says_own_name(
    tokens: list[str], person: _Person, people: Sequence[_Person], then: Sequence[str], invited: bool
) -> bool:
    """Whether a sentence is the speaker saying their own name without a role: "Ruud hier.", a name
    alone before going on about oneself ("Peter Hoekstra. Ik heb wonen in mijn portefeuille."), or a
    name in answer to "Wie ben jij?" or after "Zal ik maar beginnen?" (``invited``)."""
    found = _name_at_start(tokens, person, people)
    if not found:
        return False
    start, length = found
    rest = tokens[start + length :]
    against = INTRODUCING_ANOTHER | SPOKEN_OF
    if rest[:1] == ["hier"] and (len(rest) == 1 or rest[1] in {"van", "bij", "namens"}):
        # "Ruud hier, van de gemeente."; not "Ruud hier van de gemeente zegt altijd ...", which speaks of him
        return all(_own_word(w, person) or w in STOPWORDS or _kinds_of(w) & person.kinds for w in rest[2:])
    if rest:
        # "Karin, van de huurdersvereniging." in answer to "Wie ben jij?"; not "Karin, wat vind jij?"
        return invited and not set(rest) & against and "?" not in rest and not _told_of(rest, person)
    if invited:
        return True
    # "Peter Hoekstra. Ik heb ...": the next sentence speaks of oneself and to nobody
    return (
        bool(then)
        and not set(then) & (SECOND_PERSON | OTHER_POSSESSIVE)
        and bool(_speaks_of_oneself_first(then, against))
    )


#: Words that may follow the name by which one asks to be called: "Zeg maar Wilma, anders voel ik me zo oud."
#: Not "dat": "Zeg maar Cor dat we wachten" tells Cor something.
AFTER_OWN_CALL = {"anders", "hoor", "he", "alsjeblieft", "graag", "prima", "makkelijker"}


def _calls_oneself(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence tells how to call the speaker: "Fatima, zeg maar gewoon Fatima.", "Noem me
    maar Hanneke, hoor.", "Zeg maar Wilma, anders voel ik me zo oud." (also as Whisper wrote "En zeg,
    Marieke anders voel ik me zo oud."). The sentence opens with it (after "en", "ja" and the name
    itself); "zeg maar" as a filler ("Dat is zeg maar Ingeborg haar terrein"), "Zeg maar tegen ..."
    and "Zeg Ellen, ...?" are not it."""
    variants = _name_variants(person, people)
    i = 0
    while i < len(tokens) and tokens[i] in {"en", "ja", "nou", "o", "oh"}:
        i += 1
    full = False  # "Mohamed Azzouzi, zeg maar Moh": the full name that opens it, then its short form
    for variant in variants:  # "Fatima, zeg maar ...": the name that opens it is no address
        if tokens[i : i + len(variant)] == variant:
            full = len(variant) > 1 and len(variant) == len(_tokens(person.name))
            i += len(variant)
            break
    if tokens[i : i + 1] == ["zeg"] or tokens[i : i + 2] == ["zegt", "u"]:
        i, asked = i + (1 if tokens[i] == "zeg" else 2), False
    elif tokens[i : i + 2] in (["noem", "me"], ["noem", "mij"]):
        i, asked = i + 2, True
    else:
        return False
    while i < len(tokens) and tokens[i] in {"maar", "gewoon", "rustig", "toch"}:
        asked = True
        i += 1
    short, first = tokens[i] if i < len(tokens) else "", _tokens(person.name)[0]
    if full and asked and 3 <= len(short) < len(first):
        # one's full name, then what to call one by: the first letters of one's own first name
        return first.startswith(short)
    for variant in variants:
        said = tokens[i : i + len(variant)]
        if len(said) == len(variant) and (said == variant or (len(variant) > 1 and _said_name(said, variant))):
            # (a filler after it, and why: "Zeg maar Kees, trouwens, dat is makkelijker dan Jansen.", the spoken
            # attack of session 60, was read as an answer to Kees, and the voice before him named Kees)
            rest = list(itertools.dropwhile(lambda word: word in NAME_FILLERS, tokens[i + len(variant) :]))
            # "Zeg Ellen, ..." speaks to Ellen; only "anders voel ik me ..." makes it a name for oneself
            return (not rest or rest[0] in AFTER_OWN_CALL or (asked and rest[:2] == ["dat", "is"])) and (
                asked or rest[:1] == ["anders"]
            )
    return False


def _address_before(tokens: list[str], person: _Person, people: Sequence[_Person]) -> tuple[list[str], _Person] | None:
    """The rest of a sentence after an address to another participant that opens it ("Meneer Bakker,
    Lotte Smeets, van de Huurdersbond Maasland.", Whisper's "Met vrouw El Amrani, Bart Verhoeven,
    ..."), and the one addressed."""
    i = 0
    while i < len(tokens) and tokens[i] in INTRODUCTION_OPENERS - {"ik", "ben", "met"}:
        i += 1
    if tokens[i : i + 2] in (["met", "vrouw"], ["me", "vrouw"]):
        i += 2
    elif i < len(tokens) and tokens[i] in HONORIFICS:
        i += 1
    else:
        return None
    for other in people:
        surname = _tokens(other.name)[1:]
        said = tokens[i : i + len(surname)]
        if other.name != person.name and surname and len(said) == len(surname) and _said_name(said, surname):
            return tokens[i + len(surname) :], other
    return None


def _name_alone_after_own_words(
    tokens: list[str], person: _Person, people: Sequence[_Person], before: Sequence[str], then: Sequence[str]
) -> bool:
    """Whether a sentence in the middle of a turn is the speaker's full name alone, after a sentence of
    their own role and organisation: "Bijna, opbouwwerker, bij welzijn Oost. Kofi Mensah. Maar ik zit
    ...". Not when the next sentence speaks of them ("Die zou hier toch zitten?") or to someone."""
    name = _tokens(person.name)
    if len(name) < 2 or not (len(tokens) in (len(name), len(name) + 1) and _said_name(tokens, name)):
        return False
    if then and (not _speaks_of_oneself_first(then, INTRODUCING_ANOTHER | SPOKEN_OF) or then[:1] == ["die"]):
        return False
    if _states_own_role(list(before), person, people):
        return True  # "Ik ben gerechtsdeurwaarder, al 23 jaar, bij kantoor Brekelmans en Van Loon. Jeroen Brekelmans."

    owned = [w for w in before if _own_word(w, person) or _kinds_of(w) & person.kinds]
    # the speaker's own "ik" doing that work is no other word: "Ik doe de incasso bij Domstad Wonen. Bart
    # Nijhof."; an "ik" doing something else with it is: "Ik begin bij de incasso van Domstad Wonen. Bart
    # Nijhof." (a moderator)
    working = {
        w for w, then in zip(before, before[1:], strict=False) if w in SPEAKING_OF_ONESELF and then in DOING_ONES_WORK
    }
    others = [w for w in before if w not in owned and w not in STOPWORDS and w not in working]
    return len(owned) >= 2 and len(others) <= 1


def _name_alone_after_own_role(
    tokens: list[str], person: _Person, people: Sequence[_Person], before: Sequence[str], then: Sequence[str]
) -> bool:
    """Whether a sentence is ``person``'s full name alone after a sentence of their own role or organisation
    (two of its words at least, nobody else's, said to nobody), with no "ik ben" ("Beleidsadviseur
    waterveiligheid en ruimte, Waterschap Linge en Waal. Hanneke Blom."), and nothing after it to or of
    anyone. One says one's role, then one's name; one tells the other's role after "u bent". The caller
    keeps it to a voice's first turn at a table of two, tentatively (a host may present a guest so)."""
    name = _tokens(person.name)
    if len(name) < 2 or not (len(tokens) in (len(name), len(name) + 1) and _said_name(tokens[: len(name)], name)):
        return False
    owned = {w for w in before if _own_word(w, person)}
    theirs = {w for w in before for q in people if q.name != person.name and _own_word(w, q)}
    return (
        len(owned) >= 2
        and not theirs - owned
        and not set(before) & (SECOND_PERSON | OTHER_POSSESSIVE)
        and not set(then) & (NOT_A_REPLY | INTRODUCING_ANOTHER | SPOKEN_OF | set(name))
        and then[:1] != ["die"]
        and not (then and _third_person_verb(then[0]))
    )


def _name_alone_after_ik_ben(
    tokens: list[str], person: _Person, people: Sequence[_Person], before: Sequence[str], then: Sequence[str]
) -> bool:
    """Whether a sentence is ``person``'s full name alone between a sentence that opens with the speaker's
    "ik ben" or "ik werk", said to nobody and of nobody else, and one that goes on about the speaker: "Ik ben
    wijkverpleegkundige in Ede, vooral in Veldhuizen. Jolanda ter Haar. We komen ...". At a table of two (the
    caller's), with nobody presenting a guest, what follows "ik ben" and the name alone is one's own."""
    name = _tokens(person.name)
    if len(name) < 2 or not (len(tokens) in (len(name), len(name) + 1) and _said_name(tokens[: len(name)], name)):
        return False
    i = 0
    while i < len(before) and before[i] in {"en", "ja", "nou", "dus", "goed"}:
        i += 1
    return (
        before[i : i + 2] in (["ik", "ben"], ["ik", "werk"])
        and not set(before) & (SECOND_PERSON | OTHER_POSSESSIVE | INTRODUCING_ANOTHER)
        and not any(
            _said_name(before[k : k + len(_tokens(q.name))], _tokens(q.name))
            for q in people
            for k in range(len(before))
        )
        and bool(then)
        and not set(then) & (SECOND_PERSON | OTHER_POSSESSIVE)
        and _speaks_of_oneself_first(then, INTRODUCING_ANOTHER | SPOKEN_OF) is True
    )


#: How one turns to the other after saying one's own name and role: "..., en u bent van de politie".
TO_THE_OTHER = frozenset({"u", "jij", "je"})


def _own_name_and_role_then_you(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence is a greeting (at most three words), ``person``'s full name, nothing after it but
    their own role and organisation (a word of each), and then "en u bent ..." turning to the other:
    "Goedemiddag, Ria Bakker, voorzitter van Huurdersbelang Terneuzen, en u bent van de politie." One gives
    one's own name and role and then asks or tells the other's. The caller keeps it to a voice's first turn
    at a table of two, tentatively."""
    name = _tokens(person.name)
    to_other = next(
        (
            k
            for k in range(len(tokens) - 2)
            if tokens[k] == "en" and tokens[k + 1] in TO_THE_OTHER and tokens[k + 2] in {"bent", "ben"}
        ),
        None,
    )
    if len(name) < 2 or to_other is None:
        return False
    roles = {w for w in _tokens(person.role) if w in person.own_words}
    for start in range(min(3, to_other) + 1):
        if not _said_name(tokens[start : start + len(name)], name):
            continue
        if any(
            _said_name(tokens[:start][k : k + len(_tokens(q.name))], _tokens(q.name))
            for q in people
            for k in range(start)
        ):
            return False
        rest = tokens[start + len(name) : to_other]
        mine = {w for w in rest if _own_word(w, person)}
        if any(w not in mine and w not in STOPWORDS | PLACE_WORDS for w in rest):
            return False
        said_roles = {w for w in mine if difflib.get_close_matches(w, roles, 1, 0.85)}
        return bool(said_roles) and bool(mine - said_roles)
    return False


#: The most words of each of the (at most two) short sentences of a reply before one's name: "Dat
#: valt wel mee, hoor. Gerda Smeets, voorzitter van ...".
SHORT_REPLY = 8
#: Words of a short sentence that make it no reply of one's own: thanks, a welcome, words to someone, or
#: introducing someone else ("Mag ik even voorstellen.", "Eerst mijn gast.").
NOT_A_REPLY = (
    SECOND_PERSON | OTHER_POSSESSIVE | set("jou welkom bedankt dank voorstellen stel introduceren gast gasten".split())
)
#: Words by which a sentence says something of the speaker: without them a short sentence before a name
#: ("Top.", "Helder.", "Goed dan.", "Dat is duidelijk.") only acknowledges, which a host presenting his
#: guest says as readily as the guest before her own name.
OF_ONESELF = frozenset("ik mij me mijn m'n mn wij we ons onze zelf".split())
#: Words that may stand beside one's role and organisation: "..., bij Woonstichting Rivierland, hier in Tiel-Oost".
PLACE_WORDS = frozenset("hier hierin daar daarin".split())
#: "Zal ik, Jan Kuipers, ...": Whisper's comma after an offer to begin.
ZAL_IK = re.compile(r"^\W*(?:(?:ja|nou|goed|oke)\W+)?zal ik(?:\s+(?:maar|dan|even))*(?:\s+beginnen)?\s*[,:]\s*")


#: The most words of an acknowledgement before a comma and a name: "Ja, goed, Gerda Smeets, ...".
ACKNOWLEDGEMENT = 3


def _acknowledges(sentences: Sequence[str]) -> bool:
    """Whether the short sentences before a name only acknowledge what was said ("Top.", "Heel goed.", "Dat is
    helder."), saying nothing of the speaker: no "ik", "we" or "mijn"."""
    return bool(sentences) and not any(set(_tokens(s)) & OF_ONESELF for s in sentences)


#: Words of thanks alone: "Dank je.", "Dank u wel,", "Bedankt.", "Hartelijk dank."
THANKS = frozenset("dank bedankt je jij u wel hartelijk heel erg zeer".split())


def _thanks(tokens: Sequence[str]) -> bool:
    """Whether a sentence only thanks: "Dank je wel.", "Bedankt."."""
    return bool({"dank", "bedankt"} & set(tokens)) and set(tokens) <= THANKS


def _split_acknowledgement(
    sentences: list[tuple[str, float]], people: Sequence[_Person], first_turn: bool = False
) -> list[tuple[str, float]]:
    """A turn's sentences with a short acknowledgement before a comma and a participant's full name made a
    sentence of its own, as Whisper writes "Top, Gerda Smeets, voorzitter van ..." for "Top. Gerda Smeets,
    ...", and "Ja, Gerda Smeets, ..." (a "ja" that a host presenting his guest says too). Not a greeting or
    other opening words ("Goedemiddag, Rob Meijer, ...", "En ik, ..."), an address ("Meneer Bakker, ...") or
    words of oneself or to someone ("Zal ik, ...", "Dank je, ..."). In a voice's ``first_turn`` thanks too:
    "Dank je, Gerda Smeets, voorzitter van ..." is more likely thanks for a welcome before one's own name (or
    a host's thanks before his guest's) than thanks to Gerda by her full name and role, which close a talk."""
    if not sentences:
        return sentences
    if len(sentences) > 1 and GREETING_ALONE.match(sentences[0][0]):
        # "Goedemiddag. Natuurlijk, schuif aan, Ria van der Plas.": the greeting alone first, the rest as a turn
        return [sentences[0], *_split_acknowledgement(sentences[1:], people, first_turn)]
    text, at = sentences[0]
    names = {w for p in people for w in _tokens(p.name)}
    for comma in (m.start() for m in re.finditer(",", text)):
        before, after = _tokens(text[:comma]), _tokens(text[comma + 1 :])
        if not before or len(before) > ACKNOWLEDGEMENT:
            break
        if not (first_turn and _thanks(before)) and (
            set(before) <= INTRODUCTION_OPENERS - {"ja", "nou"}
            or GREETING.match(text)
            or set(before) & (OF_ONESELF | NOT_A_REPLY | names | set(HONORIFICS))
        ):
            break
        for p in people:
            name = _tokens(p.name)
            found = _name_at_start(after, p, people) if len(name) > 1 else None
            if found and found[0] == 0 and found[1] >= len(name):
                return [(text[:comma].strip() + ".", at), (text[comma + 1 :].strip(), at), *sentences[1:]]
    return sentences


def _introduces_after_opening(
    sentences: Sequence[str],
    position: int,
    person: _Person,
    people: Sequence[_Person],
    then: Sequence[str],
    welcomed: bool = False,
) -> bool:
    """Whether sentence ``position`` of a turn is the speaker's name with nothing after it but their
    own role and their own organisation (both), where the rules for a turn's first sentence do not
    reach: after "Zal ik," ("Zal ik, Jan Kuipers, gebiedsmanager, bij Woonstichting
    Rivierland."), after one or two short sentences of a reply ("Dat valt wel mee, hoor. Gerda Smeets,
    79, voorzitter van de Seniorenvereniging Heuvelrug."), or a first name with a place word ("Jan,
    gebiedsmanager bij Woonstichting Rivierland, hier in Tiel-Oost."). Someone else's name, role and
    organisation with nothing more are said of nobody but to them; the caller keeps it to the voice's
    first turn at a table of two without a moderator, with no other participant named in it. When the
    voice was just ``welcomed``, thanks are its reply: "Dank je. Gerda Smeets, voorzitter van ..." is the
    one welcomed thanking and saying who she is."""
    sentence = sentences[position]
    if position == 0:
        opening = ZAL_IK.match(_fold(sentence))
        tokens = _tokens(sentence[opening.end() :] if opening else sentence)
    elif position <= 2 and not any(
        len(_tokens(s)) > SHORT_REPLY
        or s.rstrip().endswith("?")
        or (set(_tokens(s)) & NOT_A_REPLY and not (welcomed and _thanks(_tokens(s))))
        for s in sentences[:position]
    ):
        tokens = _tokens(sentence)
    else:
        return False
    found = _name_at_start(tokens, person, people)
    if not found or (position == 0 and not opening and found[1] >= len(_tokens(person.name)) > 1):
        return False  # a full name that opens a turn: _introduces_by_name's
    rest = tokens[sum(found) :]
    roles = {w for w in _tokens(person.role) if w in person.own_words}

    def own(word: str) -> str | None:
        """Which of the person's words ``word`` is, also when Whisper ran it together with the next
        ("gebiedsmanagerinteel")."""
        close = difflib.get_close_matches(word, person.own_words, 1, 0.85)
        ran = [w for w in person.own_words if len(w) >= 6 and len(word) >= len(w) + 4 and word.startswith(w)]
        return (close or ran or [None])[0]

    said = [own(w) for w in rest]
    others = [
        w
        for w, mine in zip(rest, said, strict=True)
        if not mine and w not in STOPWORDS | PLACE_WORDS and not w.isdigit() and not _kinds_of(w) & person.kinds
    ]
    if others or len(rest) > 12 or not (set(said) & roles and set(said) - roles - {None}):
        return False
    # the next sentence goes on about someone else ("Zij ...", "Die ...", her name again: "Gerda weet ...", or
    # her verb after Whisper's full stop: "Weet dat als geen ander."), speaks to anyone ("Ik ken jou ...") or
    # of a guest ("Mijn gast vandaag.")
    return (
        _speaks_of_oneself_first(then, INTRODUCING_ANOTHER | SPOKEN_OF) is not False
        and then[:1] != ["die"]
        and not (then and _third_person_verb(then[0]))
        and not set(then) & (SECOND_PERSON | OTHER_POSSESSIVE | set(_tokens(person.name)) | {"jou", "gast", "welkom"})
    )


#: Verbs by which one says one's work: "ik doe de incasso", "wij zitten in het buurtteam".
DOING_ONES_WORK = set("doe doen werk werken ben zijn zit zitten".split())

#: Verbs by which a name after an address is told of ("Meneer Kok, Cor Bakker, van Het Anker, is ziek").
TOLD_OF = SPOKEN_OF | {"is", "wordt", "komt", "kan", "kon", "zal", "zou"}

#: Words between "ik ben" and one's role: "ik ben de teamleider", "ik ben hier directeur".
BEFORE_ROLE = ARTICLES | {"hier", "zelf", "nu", "daar"}


def _states_own_role(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether the speaker says they hold ``person``'s role at ``person``'s organisation, and nobody
    else's on the programme: "Ik ben teamleider, bij Geldzorg Rotterdam", "ik werk als opbouwwerker
    bij Welzijn Oost", "ik doe de verhuur, Noorderkamer Studentenhuisvesting". Not "ik ben benieuwd wat
    de directeur van De Regenboog ..."."""

    def words(text: str) -> set[str]:
        return {w for w in _tokens(text) if len(w) > 2 and w not in STOPWORDS and w not in GENERIC}

    def holds(p: _Person, role_at: int) -> bool:
        roles, organisation = words(p.role), words(p.organisation)
        if not (roles and organisation) or not difflib.get_close_matches(tokens[role_at], roles, 1, 0.85):
            return False
        after = tokens[role_at + 1 : role_at + 9]
        # the organisation after a preposition a few words on ("gerechtsdeurwaarder, al 23 jaar, bij kantoor
        # Brekelmans": in the next five words, else in the three after those), or at once where Whisper wrote
        # a comma for it ("Ik ben ouderenadviseur, Stichting Welzijn West-Friesland", "maatschappelijk
        # begeleider, VluchtelingenWerk, in Tilburg") or misheard it ("trajectbegeleider, wij Anker")
        at = [n for n, w in enumerate(after[:5]) if w in PREPOSITIONS] or [
            n for n, w in enumerate(after[5:], 5) if w in PREPOSITIONS
        ]
        said = after[:3] + [w for k in at for w in after[k + 1 : k + 4]]
        return any(difflib.get_close_matches(w, organisation, 1, 0.85) for w in said)

    for i in range(len(tokens) - 2):
        if tokens[i] != "ik" or tokens[i + 1] not in {"ben", "werk", "doe"}:
            continue
        clause = tokens[i : next((n for n in range(i + 1, len(tokens)) if tokens[n] in CLAUSE_BREAKS), len(tokens))]
        if set(clause) & {"geweest", "gewest"}:
            continue  # "ik ben zelf adviseur geweest bij de gemeente Utrecht": once, not now
        j = i + 2
        if tokens[i + 1] == "werk":
            if tokens[j : j + 1] != ["als"]:
                continue
            j += 1
        while j < len(tokens) and tokens[j] in BEFORE_ROLE:
            j += 1
        if j < len(tokens) and holds(person, j):
            return not any(holds(other, j) for other in people if other.name != person.name)
    return False


def _name_is(sentence: str, person: _Person) -> bool:
    """ "Van Dam is de naam, Erik van Dam" / "Erik van Dam is de naam" / "Bram Schellekens is mijn
    naam": the speaker's own name."""
    match = NAME_IS.match(sentence)
    # "Karin Bos is de naam van de directeur die ik zocht": a name spoken of, not one's own
    # "Cor Bakker is mijn naam niet": not one's own either
    after = _tokens(match[2])[:1] if match else []
    if (
        not match
        or after in (["van"], ["die"], ["dat"], ["waar"])
        or set(after) & NEGATIONS
        or sentence.rstrip().endswith("?")
    ):
        return False
    name, before = _tokens(person.name), _tokens(match[1])
    if _name_similarity(match[2], person.name) >= 0.8 and match[2].strip():
        return True
    surname = name[1:]
    return _said_name(before, name) or (bool(surname) and before[-len(surname) :] == surname)


def _with_own_role(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """The sentence gives at least two words of the person's own role and organisation and ends with
    their full name ("Voorzitter van de Wijkraad Donderberg, Mia Houben."), or opens with it and says
    nothing but those ("Gerda Smeets, voorzitter van de Seniorenvereniging Heuvelrug."): it presents
    them, oneself or a guest. Not a name that a verb follows ("Fatima El Amrani, coördinator bij de
    bibliotheek, neemt het woord."): that tells of them."""
    name = _tokens(person.name)
    if len(name) < 2 or len(tokens) <= len(name):
        return False
    if _said_name(tokens[-len(name) :], name):
        rest = tokens
    else:
        found = _name_at_start(tokens, person, people)
        if not found or found[1] < len(name):
            return False
        rest = tokens[sum(found) :]
        if any(not _own_word(w, person) and w not in STOPWORDS | PLACE_WORDS and not w.isdigit() for w in rest):
            return False
    return len({t for t in rest if t in person.own_words and t not in name and t not in STOPWORDS}) >= 2


def _clauses_ending_with_name(sentence: str, person: _Person) -> list[list[str]]:
    """The words of a sentence up to each of its commas, and all of them, that end with ``person``'s full
    name and say something before it: Whisper writes a comma where the speaker ended a sentence
    ("Voorzitter van Studentenvakbond Domstad, Noor Hendriks, en ja, dat vermoeden klopt"), so what ends
    at a comma may be a sentence of its own."""
    name = _tokens(person.name)
    if len(name) < 2:
        return []
    parts = sentence.split(",")
    clauses, last = [], []
    for n, part in enumerate(parts):
        # only where the last words before the comma are the name are the words up to it read: Whisper's
        # loop "ja, ja, ja, ..." has thousands of commas, and reading each clause whole grew with their square
        last = (last + _tokens(part))[-len(name) :]
        if _said_name(last, name):
            clause = _tokens(",".join(parts[: n + 1]))
            if len(clause) > len(name) and _said_name(clause[-len(name) :], name):
                clauses.append(clause)
    return clauses


def _ends_with_own_role(sentence: str, person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a clause of the sentence ending at a comma (see _clauses_ending_with_name) gives the person's own
    role and organisation and ends with their full name (_with_own_role): "Voorzitter van Studentenvakbond
    Domstad, Noor Hendriks, en ja, ..." presents Noor as "Voorzitter van ..., Noor Hendriks." does."""
    return any(_with_own_role(clause, person, people) for clause in _clauses_ending_with_name(sentence, person))


def _own_role_then_name(sentence: str, person: _Person, people: Sequence[_Person]) -> bool:
    """Whether a sentence opens with ``person``'s own role, says their organisation, and ends (or ends a
    clause at a comma) with their full name, and with nobody else's role: "Directeur van het kantoor
    Utrecht-Oost van de Stichtse Spaarbank, Hans Verhoef." At a table of two, a voice's first words
    presenting someone this way present itself (the caller keeps it to that, tentatively, as the rest
    of the talk may say the voice is a host presenting a guest)."""
    clauses = _clauses_ending_with_name(sentence, person)
    if not clauses:
        return False
    clause = clauses[0]
    opening = clause[0]
    roles = {w for w in _tokens(person.role) if w in person.own_words}
    if not difflib.get_close_matches(opening, roles, 1, 0.85):
        return False  # it must open with the role: "Naast mij zit de voorzitter van ..., X" tells of X
    return _with_own_role(clause, person, people) and not any(
        other.name != person.name and _own_word(opening, other) for other in people
    )


#: A sentence that opens by telling what others say or ask ("En dan vragen ze, Mustafa, wat staat hier?",
#: "Zegt hij: Jan, kom eens kijken."): the names in it are addressed in the story, not at the table.
REPORTED_SPEECH = re.compile(
    r"^\W*(?:(?:en|dan|toen|maar|want)\s+)*(?:vragen|vroegen|vraagt|vroeg|zeggen|zeiden|zegt|zei|roepen|riepen|"
    r"roept|riep)\s+(?:ze|zij|hij|die|mensen|ze dan|ze me|ze mij|hij me|hij mij)\b",
    re.I,
)


#: Speech or a thought told inside a sentence: what follows a verb of saying or thinking and a colon or a comma
#: ("Ik dacht toen: Kees, ...", "De huurder vroeg: bent u Ann Bos?", "Mijn vrouw zegt dan altijd: Kees, ...",
#: "Mijn vrouw zei, Kees, ...", "En dan krijg ik de vraag: Kees, ...") is someone's words in a story: a thought,
#: words said before (a past tense), or words another says now. Not one's own question at the table ("Dan wil ik
#: je vragen, Ann: ...", "Ik zou zeggen, Kees: ...": reviewers' finds). See :func:`_told_from`.
TOLD_VERBS = re.compile(
    r"\b(?:dacht|dachten|denk|denkt|zei|zeiden|vroeg|vroegen|riep|riepen|schreef|schreven|antwoordde|vertelde|"
    r"belde|hoorde)\b|\bde vraag\b"
    # read aloud: "ik lees hem even voor: Beste Kees, ..."
    r"|\b(?:lees|las|leest)\b(?:\s+\w+){0,4}\s+voor\b|\bciteer\b|\bcitaat\b|\b(?:stond|appte|mailde|tweette|schrijft)\b"
)
#: Verbs of saying in the present: told where someone else says it now ("zegt mijn vrouw:"), one's own question
#: where the speaker or "we" says it ("ik wil je vragen:").
SAYING_NOW = re.compile(r"\b(?:zegt|vraagt|roept|zeggen|vragen|roepen)\b")
#: A reporting clause after words told: "Ik ben Kees Mol, zei hij, en ...", "Ik ben Ann Bos, zegt ze dan", "“Ik ben
#: Kees Mol” zei hij", "..., stelde hij zich voor", "..., zei de man", "..., zegt mijn collega altijd", "..., zo
#: stelde ze zich voor", "..., zei Ann", "Ik ben Ann Bos zei ze en ..." (Whisper's lost comma). Within four words
#: of the name, not later in the sentence: "Ik ben Ann Bos, en als een huurder belt, vraagt ze ..." is hers.
#: ("Ik ben Ann Bos, zei de voorzitter al" is lost with them: a voice left unnamed, not named wrong.) And what was
#: written, the clause set apart: "Ik ben Kees Mol van Woonbron, stond er, en ..." (an attack, session 57; not "het
#: staat er goed voor", "mijn naam staat in de folder": a reviewer's read).
TOLD_AFTER = re.compile(
    r"(?:[\w'’-]+[\s,\"”’']+){1,4}?(?:(?:zo\s+)?(?:zei|zegt|zeiden|zeggen|vroeg|vraagt|riep|roept|antwoordde|"
    r"vertelde|schreef|stelde)\s+(?:hij|ze|zij|die|men|ie|(?:de|een|mijn|onze|zijn|"
    r"haar)\s+(?!naam\b)\w+|[A-ZÀ-Þ]\w+)"
    # (where it stood too: "Ik ben Lotte Smeets, stond er op mijn badge. Foutje.", an attack on naming, session 61)
    r"|(?:stond|staat)\s+er(?:\s*(?:op|in)(?:\s+(?:mijn|het|de|dat|die|zijn|haar|je|uw)\s+[\w'’-]+)?)?(?=\s*[,.!?;:]|\s*$)"
    # what others think or would say, set apart right after a comma: "Ik ben Lotte Smeets, dachten ze.", "...,
    # denken mensen vaak.", "..., hoor ik je denken.", "..., zou je zeggen, maar nee." (not a question going on:
    # "Ik ben Lotte Smeets, en wat denken mensen als ze Havensteder horen?", a reviewer's read)
    r"|(?:(?<=[,\"”’]\s)|(?<=[,\"”’]))(?:(?:zei|zegt|zeiden|zeggen|dacht|dachten|denkt|denken)\s+(?:hij|ze|zij|die|men|ie"
    r"|mensen|(?:de|een|mijn|onze|zijn|haar)\s+(?!naam\b)\w+|[A-ZÀ-Þ]\w+)"
    r"|hoor\s+ik\s+(?:je|jullie|u)\s+(?:denken|zeggen)|zou(?:den)?\s+(?:je|jullie|u|ze|mensen)\s+(?:zeggen|denken)))\b"
)
#: ... and a reporting clause set apart further on, after an apposition: "Ik ben Ann Bos en ik werk bij De Linie,
#: zei ze.", "Ik ben Ann Bos, directeur van De Linie, zei ze toen." (a fourth reviewer's find); not a clause that
#: goes on ("..., vraagt ze meestal om hulp" is the story the speaker tells).
_REPORTING_CLAUSE = (
    r"[,\"”’]\s*(?:zo\s+)?(?:zei|zegt|zeiden|zeggen|vroeg|vraagt|riep|roept|antwoordde|vertelde|schreef)\s+"
    r"(?:hij|ze|zij|die|men|ie{another})(?:\s+(?:toen|dan|nog|altijd|meteen|daarna|later|vaak|steeds|ook|al|er|erbij))*"
    r"\s*(?:[,.!?;:]|$)"
)
TOLD_APART = re.compile(_REPORTING_CLAUSE.format(another=""))
#: ... and for a side said (not an introduction), also with another as the one who says it: "Wij bij de gemeente
#: gaan dat regelen, zei de wethouder toen." (session 46's left wrong name; for an introduction, "..., zegt mijn
#: visitekaartje" is one's own still: a reviewer's read).
SIDE_TOLD = re.compile(_REPORTING_CLAUSE.format(another=r"|(?:de|een|mijn|onze|zijn|haar)\s+\w+"))


#: A clause that ends speaking to oneself: "Soms denk ik bij mezelf, Gert, waar ben je aan begonnen?", "zeg ik tegen
#: mezelf: ...". What follows is a thought, and a name in it the speaker's own (an attack on naming, session 60: "bij
#: mezelf, Gert, ...?" at the end of the alderman's turn named the director Gert Veenstra at 0.86).
#: A verb of thinking or saying goes with it: not "Dat zie ik ook bij mezelf, Lotte, ..." (said to Lotte, a
#: reviewer's read).
TO_ONESELF = re.compile(
    r"\b(?:denk|dacht|zeg|zei|vraag|vroeg|praat|sprak|mompel|mompelde|roep|riep)\b(?:\s+[\w'’-]+){0,4}?\s+"
    r"(?:bij|tegen|tot)\s+(?:mezelf|mijzelf|me\s+zelf|mij\s+zelf)\s*$"
)


def _told_from(sentence: str) -> int | None:
    """Where speech or a thought told in ``sentence`` begins (after the colon or comma that follows a verb of
    :data:`TOLD_VERBS`, or of :data:`SAYING_NOW` with no "ik", "we" or "wij" before it in its clause), or None:
    the names after it are someone's words in a story, no address at the table."""
    # one pass, each clause from the mark before it (of any kind), at most twelve words: Whisper's loops make
    # sentences of thousands of commas or colons. "Als ik thuiskom, zegt mijn vrouw: Kees, ..." is her clause.
    start = 0
    for mark in re.finditer(r"[.!?;:,]", sentence):
        clause, start = sentence[start : mark.start()], mark.end()
        if mark.group() in ".!?;":
            continue
        words = " ".join(_fold(clause).split()[-12:])
        if mark.group() == ",":
            # before a comma, only where the clause ends in the verb ("Ik dacht, Ann, ...", "Mijn vrouw zei, Kees,
            # ...", "Dan vraagt een inwoner, meneer Mol, ..."), in the past or of another: "ik denk dat wij aan
            # elkaar gekoppeld zijn, Gerrit" addresses Gerrit (heldout74/01, replayed)
            if TO_ONESELF.search(words):
                return mark.end()
            words = " ".join(words.split()[-3:])
            if re.search(r"\b(?:denk|denkt)\b", words):
                continue
        own = bool(re.search(r"\b(?:ik|we|wij)\b", words))
        if TO_ONESELF.search(words) or TOLD_VERBS.search(words) or (SAYING_NOW.search(words) and not own):
            return mark.end()
    return None


#: A reply that says no: "Nee, dat is mijn collega.", "Ja nee, ...", "Eh, nee.", "Ik? Nee.", "Helaas niet.",
#: "Neu.", "Dat klopt niet.", "Ik ben het niet."
DENIES = re.compile(
    r"\W*(?:(?:ja|eh|uh|ehm|ik|nou)\W+)*(?:nee|neen|nope|neu|helaas niet|dat klopt niet|ik ben het niet)\b", re.I
)
#: A reply that cuts in before the one asked or given the floor: "Mag ik eerst even iets zeggen?", "Sorry dat ik je
#: onderbreek", "Mag ik even inbreken?", "Even tussendoor", "Voordat Ann antwoordt".
INTERRUPTS = re.compile(
    r"\W*(?:(?:sorry|pardon|eh|uh|nou)\W+)*(?:mag ik (?:\w+ ){0,3}(?:eerst|even|inbreken|inhaken|aanvullen)"
    r"|sorry dat ik|even tussendoor|voordat \w+ (?:antwoordt|begint)|ik wil (?:even|eerst) (?:\w+ )?inbreken"
    r"|als ik (?:even|eerst|meteen) mag)\b",
    re.I,
)
#: A question whether one is someone: "Bent u Ann Bos?", "Jij bent toch ...?", "Is dat ...?", "Heet u ...?"; a
#: question that says a full name is one too ("Ann Bos?").
ASKS_WHO = re.compile(
    r"\b(?:bent u|ben jij|ben je|u bent|jij bent|je bent|heet u|heet jij|heet je|is dit|is dat|spreek ik met)\b", re.I
)
#: A supposition or a role played just before "ik ben": "Stel, ik ben Kees Mol, ...", "Stel je (even) voor: ik ben
#: ...", "Stel nou: ...", "Laten we zeggen: ik ben ...", "Even voor de grap, ik ben ...", "Ik speel even Kees Mol, ik
#: ben ...".
SUPPOSING = re.compile(
    r"(?:\b(?:stel(?:\s+(?:je|u))?(?:\s+(?:nou|even|eens|maar|dan))*(?:\s+voor)?|laten we zeggen|zeg nou|neem nou|"
    r"voor de grap)|\bik speel (?:(?:even|eens|nu|hier) )?(?-i:[A-ZÀ-Þ]).*)\s*[,:]?\s*$",
    re.I,
)
#: What takes back what was just said as a joke: "Grapje hoor.", "Nee, geintje.", "Klopt, grapje." (not "Geen grapje").
#: A slip put right: a sentence that opens with "nee" ("Nee, dat is zij.", "Nee hoor.", "Eh, nee, sorry.").
CORRECTED = re.compile(r"^\W*(?:(?:eh|uh|o|oh|oeps|sorry|ja)\W+)*nee\b", re.I)
#: ... or a "nee" set apart by commas a few words after "ik ben": "Ik ben Lotte Smeets, nee, sorry, Hamid Amrani."
CORRECTED_AFTER_NAME = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+\s*,\s*(?:(?:eh|o|oh|oeps)\W+)*nee\s*[,.!]", re.I)
#: What a "nee" puts right after it, for it to take an introduction back: someone else pointed at ("dat is zij",
#: "dat is mijn buurvrouw", "die zit daar"), an apology or "hoor" ("Nee hoor.", "o nee, sorry"), "ik bedoel"; not "nee,
#: ik ben directeur van ..." (one's name kept, the role put right) nor an answer ("Nee, we bouwen te weinig.", "Ja nee,
#: dat merken wij ook.": a reviewer's read of 738caf0, each took one's introduction back)
PUT_RIGHT = re.compile(
    r"^\W*(?:hoor|sorry|excuus|pardon)\b|\b(?:dat|die)\s+(?:is|was|zit|staat)\s+(?:zij|hij|ze|mijn|haar|zijn|mevrouw|meneer"
    r"|[A-ZÀ-Þ])|\b(?:zij|hij|ze)\s+(?:is|zit|staat)\b|\b(?:sorry|excuus|pardon|ik bedoel|verspreking|verkeerd)\b"
)
TAKEN_BACK = re.compile(r"^\W*(?:(?:nee|ja|ha|haha|klopt|hoor|nou|sorry|oke)\W+)*(?:grapje|geintje|grap)\b", re.I)
#: What one was, not is: a role or an organisation in a sentence of one's past ("Ik was wethouder in Deventer",
#: "... jarenlang wethouder geweest", "In mijn vorige baan als ...", "oud-wethouder", "voormalig directeur") says
#: nothing of whom one speaks for now. Said of oneself, not any past word: "minder mensen dan vroeger", "vorige
#: week" are today's, and so is "daar zijn wij altijd duidelijk in geweest" (a reviewer's find).
PAST = re.compile(
    r"\b(?:ik|wij|we) (?:was|waren|werkte|werkten|zat|zaten)\b|\b(?:was|waren|werkte|werkten|zat|zaten) (?:ik|wij|we)\b"
    r"|\btoen (?:ik|wij|we)\b.{0,60}?\b(?:was|waren|werkte|werkten|zat|zaten)\b"
    r"|\b(?:jarenlang|vroeger|eerder|ooit|lang)\b.*\bgeweest\b|\bvorige (?:baan|functie|werkgever|rol|job)\b"
    r"|\bvoorheen\b|\bdestijds\b|\bvoordat (?:ik|wij|we)\b|\boud-\w+|\bvoormalig\w*"
    # "Ik heb twaalf jaar bij de gemeente gewerkt.": where one worked (an attack, session 58)
    r"|\b(?:ik|wij|we) (?:heb|hebben|had|hadden)\b.*\bgewerkt\b"
)
#: Where a voice says it worked before: "Ik heb twaalf jaar bij de gemeente gewerkt", "toen ik bij de gemeente werkte",
#: "ik werkte vroeger bij de provincie": the kind word, for :data:`THEN`.
FORMERLY = re.compile(
    r"\b(?:ik|wij|we) (?:heb|hebben|had|hadden) (?:[\w'’-]+ ){0,4}?bij (?:de |het )?(\w+)(?: [\w'’-]+)? gewerkt\b"
    r"|\btoen (?:ik|wij|we) (?:nog )?bij (?:de |het )?(\w+)(?: [\w'’-]+)? (?:werkte|werkten|zat|zaten)\b"
    r"|\b(?:ik|wij|we) (?:werkte|werkten|zat|zaten) (?:[\w'’-]+ ){0,3}?bij (?:de |het )?(\w+)"
)
#: A sentence of then: what one's former employer did ("Bij de gemeente deden we dat toen heel anders.") is no side
#: of one's own now (an attack, session 58: the director, twelve years at the municipality, was named the alderman).
THEN = re.compile(r"\b(?:toen|vroeger|destijds|indertijd)\b")

#: "dat ben ik" beside one's name or role, said as a statement: "Directeur van Stichting Kamers Zeeland,
#: dat ben ik, Rianne Kodde." / "Rianne Kodde, dat ben ik." (not "dat ben ik niet", nor a question).
THAT_IS_ME = re.compile(r"\bdat ben ik(?: zelf)?\s*(?:[,.;:!]|$)", re.I)
#: A reply that opens by saying the name just said is one's own: "Ja, ja, dat ben ik.", "Klopt, dat ben ik!"
#: (not "Dat ben ik niet.", nor asked back: "Dat ben ik?").
CONFIRMS_OWN_NAME = re.compile(
    r"\s*(?:(?:ja|jazeker|jawel|klopt|inderdaad|precies|zeker|helemaal)\b[\s,!.]*)*"
    r"dat ben ik(?: zelf)?\s*(?:[,.;:!]|$)",
    re.I,
)


def _named_for_the_reply(sentences: Sequence[str], people: Sequence[_Person]) -> _Person | None:
    """The one participant the last sentence of a turn that names anyone names (full or first name): the
    name a reply "Ja, dat ben ik." takes for its own. None where that sentence names two, speaks of oneself
    ("Ik ben Tamara Bos, en ik zocht de eigenaar.") or is followed by words to the other ("Tamara Bos,
    gemeente. Jij bent de eigenaar?"): there "dat" is the owner, not the name."""
    for k in range(len(sentences) - 1, -1, -1):
        tokens = _tokens(sentences[k])
        named = [p for p in people if (name := _tokens(p.name)) and _says_name(tokens, name[:1])]
        if not named:
            continue
        if len(named) > 1 or MY_WORDS & set(tokens) or any(SECOND_PERSON & set(_tokens(s)) for s in sentences[k + 1 :]):
            return None
        return named[0]
    return None


def _own_role_and_name(tokens: list[str], person: _Person, people: Sequence[_Person]) -> bool:
    """Whether the speaker says they hold ``person``'s role at ``person``'s organisation (_states_own_role)
    and ends the sentence with ``person``'s full name right after it: "Ik ben ouderenadviseur bij Stichting
    Welzijn West-Friesland, Annelies Bakker." Not a name after other words: "..., net als Annelies Bakker"."""
    name = _tokens(person.name)
    return (
        len(name) > 1
        and len(tokens) > len(name)
        and _said_name(tokens[-len(name) :], name)
        and _own_word(tokens[-len(name) - 1], person)
        and _states_own_role(tokens, person, people)
    )


def _restated_after(said: str, person: _Person, following: Sequence[str] = ()) -> float:
    """How alike the words after "ik ben" are to ``person``'s full name where they are one word like their
    first name, a comma, then the full name ("Roeltoons, Roel Kuipers, woonconsulent ..."); 0.0 if not so,
    or if the words after the name (or the ``following`` sentence) speak to them: "Ik ben Roeland, Roel
    Kuipers, welkom", "Ik ben Annemiek, Annelies Bakker, fijn dat je er bent" (a host and the guest)."""
    clauses = said.split(",")
    first, name = _tokens(clauses[0]), _tokens(person.name)
    if len(clauses) < 2 or len(first) != 1 or len(name) < 2 or not first[0].startswith(name[0][:3]):
        return 0.0
    then = _tokens(clauses[2]) if len(clauses) > 2 else list(following)
    if _speaks_of_oneself_first(then, INTRODUCING_ANOTHER) is False:
        return 0.0
    return 1.0 if _said_name(_tokens(clauses[1]), name) else 0.0


def _name_restated(
    tokens: list[str], person: _Person, before: Sequence[str], following: Sequence[str], heard: Sequence[str]
) -> bool:
    """Whether a sentence is a part of ``person``'s name and then their full name, and nothing more:
    "Wansink, Lotte Wansink.", "Lotte, Lotte Wansink." One says one's own name so; to address someone,
    one says it once. Not a guest announced ("Mijn eerste gast. Wansink, Lotte Wansink."), spoken to or of
    next ("... Welkom.", "... Zij begeleidt ..."), nor the name just ``heard`` from another voice, repeated."""
    name = _tokens(person.name)
    if len(name) < 2 or len(tokens) != len(name) + 1 or not _said_name(tokens[1:], name):
        return False
    if (
        set(before) & {"welkom", "gast", "gasten"}
        or _speaks_of_oneself_first(following, INTRODUCING_ANOTHER | SPOKEN_OF) is False
        or name[-1] in heard
    ):
        return False
    return _close_ratio(tokens[0], name[0], 0.8) > 0 or _close_ratio(tokens[0], name[-1], 0.8) > 0


def _that_is_me(sentence: str, person: _Person) -> bool:
    """The speaker says the participant's full name with "dat ben ik": their own (it was read as
    addressing that participant, and the voices were named the wrong way round)."""
    if not THAT_IS_ME.search(sentence) or sentence.rstrip().endswith("?"):
        return False
    name = _tokens(person.name)
    return len(name) > 1 and _says_name(_tokens(sentence), name)


def _unknown_name(said: str, listed: Sequence[_Person]) -> str | None:
    """The name in an introduction ("ik ben Sandra") when it is nobody's on the programme: a
    capitalised word like no word of a listed participant's name or organisation."""
    words = re.findall(r"[\w'’-]+", said)[:3]
    # a name's shape: "Sandra", "Gert-Jan"; not "PvdA-wethouder", "GGD-arts"
    shape = unicodedata.normalize("NFKD", words[0]).encode("ascii", "ignore").decode() if words else ""
    if not re.fullmatch(r"[A-Z][a-z']+(?:-[A-Z][a-z']+)*", shape):
        return None
    known = {w for p in listed for w in _tokens(p.name)} | {w for p in listed for w in p.own_words}
    for word in (w for w in words if w[:1].isupper()):
        folded = _fold(word)
        if folded in STOPWORDS or _kinds_of(folded) or _roles_of(folded) or folded in INTRODUCTION_OPENERS:
            return None
        # a name that holds a listed word and two letters more is another name, not that one misheard:
        # "Robert" for Bert, "Marjan" for Jan
        alike = [w for w in known if not (len(folded) >= len(w) + 2 and w in folded)]
        if difflib.get_close_matches(folded, alike, 1, 0.75):
            return None
    return words[0]


def _sounds_like(said: str, people: Sequence[_Person]) -> tuple[str, float] | None:
    """The one participant whose full name an introduced name sounds like, when Whisper misheard it
    ("Ik ben Bineco Vibels" for Ineke Wubbels), with the likeness (0-1): the name's words compared as
    they sound (``heard.sound_key``), as many words as the participant's name has, at least two, and
    each word alike too. None when no full name is that alike, or another participant's is nearly
    as alike."""
    from .heard import sound_key

    words = _tokens(said)
    likeness = {}
    for p in people:
        name = _tokens(p.name)
        if len(name) < 2 or len(words) < len(name):
            continue
        heard, theirs = [sound_key(w) for w in words[: len(name)]], [sound_key(w) for w in name]
        # misheard word by word: each word somewhat alike, not one word alike and another name
        if any(SequenceMatcher(None, a, b).ratio() < SOUNDS_ALIKE_WORD for a, b in zip(heard, theirs, strict=True)):
            continue
        likeness[p.name] = SequenceMatcher(None, " ".join(heard), " ".join(theirs)).ratio()
    ranked = sorted(likeness.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < SOUNDS_ALIKE or (len(ranked) > 1 and ranked[1][1] > ranked[0][1] - 0.25):
        return None
    return ranked[0]


@functools.cache
def _kind_word(word: str) -> str:
    """``word`` as one of the kind and role words, also when Whisper misheard it a little
    ("collage" for "college"); a real word that happens to be near one is left alone."""
    if word in KIND_WORDS or len(word) < 7 or word in NEAR_MISSES:
        return word
    close = difflib.get_close_matches(word, KIND_WORDS, n=1, cutoff=0.85)
    return close[0] if close else word


def _kinds_of(word: str) -> set[str]:
    word = _kind_word(word)
    return {key for key, kind in KINDS.items() if word in kind["words"]}


def _roles_of(word: str) -> set[str]:
    word = _kind_word(word)
    return {key for key, role in ROLES.items() if word in role["words"]}


def _sentences(turn: Turn) -> list[tuple[str, float]]:
    """The turn's sentences, each with the time it starts in the recording."""
    text = turn.text
    tokens = text.split()
    result = []
    offset = index = counted = 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not sentence.strip():
            continue
        start = text.find(sentence, offset)
        offset = start + len(sentence)
        # the words before the sentence, counted on from the last one's: a turn of Whisper's loop ("Ja. Ja. ...")
        # has thousands of sentences, and counting each one's from the start grew with their square
        index += len(text[counted:start].split())
        counted = start
        if turn.words and len(turn.words) == len(tokens):
            at = turn.words[min(index, len(turn.words) - 1)].start
        elif turn.words:
            at = turn.words[min(len(turn.words) - 1, round(index * len(turn.words) / max(len(tokens), 1)))].start
        else:
            at = turn.start
        result.append((sentence.strip(), at))
    return result


def _quote(sentence: str, at: float) -> str:
    short = sentence if len(sentence) <= 140 else sentence[:137].rstrip() + "…"
    return f'"{short}" ({format_time(at)})'


def _skip_adjectives(tokens: list[str], j: int) -> int:
    while j < len(tokens) and tokens[j] in ADJECTIVES:
        j += 1
    return j


def _own_name_at(tokens: list[str], j: int, people: list[_Person]) -> list[_Person]:
    """Who has the organisation named at ``tokens[j]``: by its whole name, or by the first word of
    a longer one when no other participant's has it ("wij bij Woonkracht" for Woonkracht Zaanstreek)."""
    found = [p for p in people if any(tokens[j : j + len(n)] == n for n in p.own_names)]
    if found or j >= len(tokens) or len(tokens[j]) < 5:
        return found
    heads = [p for p in people if any(len(n) > 1 and n[0] == tokens[j] for n in p.own_names)]
    others = [p for p in people if p not in heads and any(tokens[j] in n for n in p.own_names)]
    return heads if len({p.organisation for p in heads}) == 1 and not others else []


#: Verbs by which "jij" or "u" is somewhere: "jij werkt bij een corporatie", "u zit in de raad".
BEING_SOMEWHERE = frozenset("werkt werkte zit zat woont woonde bent was komt kwam".split())


def _the_others_place(tokens: list[str], i: int) -> bool:
    """Whether the "bij" or "in" at ``i`` says where the other is: "En jij werkt bij een corporatie, zag ik.",
    "jij bij de gemeente"; not "Weet je, bij de gemeente zien we ..." (a "je" that asks nothing of a place)."""
    return (i >= 1 and tokens[i - 1] in {"jij", "u"}) or (
        i >= 2 and tokens[i - 2] in SECOND_PERSON and tokens[i - 1] in BEING_SOMEWHERE
    )


def _sides(tokens: list[str], people: list[_Person]) -> list[tuple[str, str, set[str], list[_Person]]]:
    """What a sentence says of the speaker's side.

    Returns ``(polarity, phrase, kinds, people)`` items: ``"own"`` for the speaker's own kind or
    organisation, ``"other"`` for one the speaker keeps at a distance, ``"role"`` and
    ``"not_role"`` for roles (``kinds`` then holds role keys).
    """
    found = []
    n = len(tokens)

    def phrase(i: int, j: int) -> str:
        return " ".join(tokens[i : j + 1])

    def noun_after(j: int) -> int:
        """Index of the noun after articles and adjectives from ``j``."""
        while j < n and tokens[j] in ARTICLES:
            j += 1
        return _skip_adjectives(tokens, j)

    weak = set()  # "wij werken voor de gemeente": whom one works for, maybe not where (a corporation does too)
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else ""
        # "onze leden", "mijn college", "ons eigen bezit"
        if token in OWN_POSSESSIVE:
            j = _skip_adjectives(tokens, i + 1)
            if j < n and not BOARDS.match(" ".join(tokens[j : j + 3])):
                word = tokens[j]
                if _kinds_of(word) and word not in PLACES_OF_ALL:
                    found.append(("own", phrase(i, j), _kinds_of(word), []))
                # "mijn wethouder": the speaker works for one, and is not one
                not_roles = {key for key, r in ROLES.items() if word in r["not_words"]}
                if not_roles:
                    found.append(("not_role", phrase(i, j), not_roles, []))
                elif _roles_of(word):
                    found.append(("role", phrase(i, j), _roles_of(word), []))
                owners = _own_name_at(tokens, j, people)
                if owners:
                    found.append(("own", phrase(i, j), set(), owners))
        # "jullie corporaties", "uw college": the word of one kind only
        if token in OTHER_POSSESSIVE:
            j = _skip_adjectives(tokens, i + 1)
            if j < n and len(_kinds_of(tokens[j])) == 1:
                found.append(("other", phrase(i, j), _kinds_of(tokens[j]), []))
        # "wij als corporatie", "ik als wethouder", "als provincie houden wij"; not "als de gemeente" (if)
        if token == "als" and nxt and nxt not in ARTICLES:
            kinds, roles = _kinds_of(nxt), _roles_of(nxt)
            before = tokens[i - 1] if i else ""
            after = tokens[i + 2 : i + 5]
            if kinds or roles:
                if (
                    before in FIRST_PERSON
                    or (i == 0 and FIRST_PERSON & set(after))
                    # "Onze stad groeit hard, als gemeente moeten we ...": its verb, then "we" (not "als
                    # gemeenten samenwerken": if)
                    or (after[1:2] == ["we"] or after[1:2] == ["wij"])
                    and not _plural(nxt)
                    or _as_ones_own_at_end(tokens, i)
                ):
                    if kinds:
                        found.append(("own", phrase(i - 1 if before else i, i + 1), kinds, []))
                    if roles:
                        found.append(("role", phrase(i - 1 if before else i, i + 1), roles, []))
                elif before in SECOND_PERSON and len(kinds) <= 1:
                    if kinds:
                        found.append(("other", phrase(i - 1, i + 1), kinds, []))
                    if roles:
                        found.append(("not_role", phrase(i - 1, i + 1), roles, []))
        # "bij ons in Zwolle", "wij bij de gemeente", "ik werk bij de gemeente Leiden", "we in Zwolle"
        start, by_name_only = None, False
        if token == "bij" and nxt == "ons":
            start = i + 2
        elif (
            token in FIRST_PERSON
            and nxt in {"bij", "van", "in", "op"}
            and (
                _opens_clause(tokens, i)
                # "jij van Rentree, ik van de gemeente": one beside the other (heldout71/04, replayed)
                or any(
                    tokens[k] in SECOND_PERSON and tokens[k + 1] in {"bij", "van", "in", "op"}
                    for k in range(max(0, i - 5), i - 1)
                )
            )
        ):
            # "wij bij de gemeente ...", "Ja, ik van de gemeente ...": who one is; not the verb's own words after an
            # inverted or a subordinate "ik" ("Dat heb ik van de gemeente gehoord", "Wat ik van de gemeente verwacht",
            # "Daar reken ik op de gemeente": an attack on naming, session 46)
            start = i + 2
        elif token in FIRST_PERSON and nxt in {"doe", "doen"} and i + 2 < n and tokens[i + 2] == "bij":
            # "ik doe bij Woongoed Waalstad de bijzondere doelgroepen": one's work (not "ik doe een aanvraag
            # bij de gemeente": "bij" right after the verb only), and only an organisation by its name ("ik doe
            # bij de gemeente een melding" is no side)
            start, by_name_only = i + 3, True
        elif token in FIRST_PERSON and nxt in {"werk", "werken", "zit", "zitten", "ben"}:
            # "ik werk als beleidsmedewerker bij de gemeente Leiden", "ik ben wethouder in Hoorn"
            places = {"bij", "voor", "in", "op", "van"} if nxt == "ben" else {"bij", "voor", "in", "op"}
            start = next((k + 1 for k in range(i + 2, min(i + 7, n)) if tokens[k] in places), None)
            if start is not None and NEGATIONS & set(tokens[i + 2 : start]):
                start = None  # "ik ben geen directeur bij Woonbron", "ik ben niet van Woonbron"
            elif (
                start is not None
                and (
                    CUSTOMERS & set(tokens[i + 2 : start])
                    or VISITED & set(_clause(tokens, i + 2))
                    # ("met name", "met veel plezier", "onder andere" aside: a reviewer's read)
                    or ATTITUDES & set(SET_PHRASES.sub(" ", " ".join(tokens[i + 2 : start])).split())
                )
            ):
                # "ik ben zelf huurder bij Rentree", "ik ben vanochtend bij de gemeente geweest", "ik ben echt onder de
                # indruk van Rentree", "ik zit elke maand bij de gemeente aan tafel" (an attack, session 46)
                start = None
        elif token == "hier" and nxt == "in":
            start = i + 2
        if start is not None:
            j = start
            while j < n and tokens[j] in PREPOSITIONS:
                j += 1
            j = noun_after(j)
            if (
                j < n
                and not (_roles_of(tokens[j]) or any(tokens[j] in r["not_words"] for r in ROLES.values()))
                and not BOARDS.match(" ".join(tokens[j : j + 3]))  # "ik ben lid van de raad van bestuur"
            ):
                # not "ik zit elke maand bij de wethouder aan tafel": a person one meets
                first_new = len(found)
                if _kinds_of(tokens[j]) and not by_name_only:
                    found.append(("own", phrase(i, j), _kinds_of(tokens[j]), []))
                owners = _own_name_at(tokens, j, people) or (
                    _own_name_at(tokens, j + 1, people) if _kinds_of(tokens[j]) else []
                )
                if owners and not _in_their_area(tokens, j, owners):
                    found.append(("own", phrase(i, min(j + 1, n - 1)), set(), owners))
                if tokens[start - 1] == "voor" and token != "ik":  # "ik werk voor de gemeente": one's employer
                    weak.update(range(first_new, len(found)))
        # "In Apeldoorn bouwen we", "Bij de schuldhulpverlening zien we": a place or kind, then "we"; not the
        # other's place with one's own "ik" after it ("En jij werkt bij een corporatie, zag ik.")
        if (
            token in {"in", "bij"}
            and _opens_clause(tokens, i)  # not "Als ik bij de gemeente aanklop, ..."
            and nxt
            and nxt not in {"ons", "jullie"}
            and not _the_others_place(tokens, i)
            and (not i or tokens[i - 1] not in CUSTOMERS)
        ):
            j = noun_after(i + 1)
            # "we" after its verb, not after a conjunction: "Ik ben ooit begonnen bij de gemeente, dus ik ..."
            if j < n and any(
                w in FIRST_PERSON and tokens[k - 1] not in CONJUNCTIONS
                for k, w in enumerate(tokens[j + 1 : j + 4], start=j + 1)
            ):
                # not "Bij de corporaties zien we ..." (among them), "In de gemeente Deventer hebben we ..." (its area)
                if _kinds_of(tokens[j]) and not _plural(tokens[j]) and not (token == "in" and tokens[j] in AREAS):
                    found.append(("own", phrase(i, j), _kinds_of(tokens[j]), []))
                owners = _own_name_at(tokens, j, people)
                if owners and not _in_their_area(tokens, j, owners):
                    found.append(("own", phrase(i, j), set(), owners))
        # "zij bij de gemeente", "bij jullie in Zwolle"
        if (token in {"zij", "ze"} and nxt in {"bij", "van", "op"}) or (token == "bij" and nxt == "jullie"):
            j = i + 2
            while j < n and tokens[j] in PREPOSITIONS:
                j += 1
            j = noun_after(j)
            if j < n:
                if len(_kinds_of(tokens[j])) == 1:
                    found.append(("other", phrase(i, j), _kinds_of(tokens[j]), []))
                owners = _own_name_at(tokens, j, people)
                if owners:
                    found.append(("other", phrase(i, j), set(), owners))
        # "die gemeente van u"
        if token == "die" and i + 3 < n and tokens[i + 2] == "van" and tokens[i + 3] in {"u", "jou", "jullie"}:
            if len(_kinds_of(nxt)) == 1:
                found.append(("other", phrase(i, i + 3), _kinds_of(nxt), []))
    return _one_side(found, weak, people)


#: A company's boards, which are no municipality's "raad" or "college": "onze raad van commissarissen".
BOARDS = re.compile(r"(?:raad|college) van (?:commissarissen|toezicht|bestuur)\b")
#: Words between "ik ben" and "bij" that make the place someone else's: "ik ben zelf ook huurder bij Rentree".
CUSTOMERS = frozenset("huurder huurster klant client cliënt bewoner gast".split())
#: Words after the place that make it a visit, or a start long ago: "ik ben vanochtend bij de gemeente geweest".
VISITED = frozenset("geweest begonnen gestart langsgegaan langs bezoek tafel".split())
#: What one is of or about an organisation, not in it: "ik ben afhankelijk van de gemeente", "kritisch op ...".
ATTITUDES = frozenset(
    "afhankelijk kritisch trots voorstander tegenstander indruk fan bang boos jaloers verbaasd teleurgesteld"
    " tevreden ontevreden positief negatief benieuwd overtuigd gecharmeerd enthousiast dankbaar zuinig blij klaar"
    " samen met onder".split()
)
#: Set phrases of those words that say nothing of an attitude: "ik werk met veel plezier bij Rentree".
SET_PHRASES = re.compile(r"\b(?:met name|met (?:veel |heel veel )?plezier|onder andere|onder meer)\b")
#: What may stand before "ik bij ...", "wij van ...", said of who one is: nothing, or a word that opens a clause.
APPOSED_AFTER = frozenset("en maar want dus ja nee nou kijk oke ook".split())
#: Hesitations, skipped before a word that opens its clause: "Eh, wij van de gemeente ..." (not "Wat eh ik ...").
HESITATIONS = frozenset("eh ehm uh uhm".split())


def _opens_clause(tokens: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` opens its clause: first, or after a word of :data:`APPOSED_AFTER` or "weet je"."""
    while i and tokens[i - 1] in HESITATIONS:
        i -= 1
    return not i or tokens[i - 1] in APPOSED_AFTER or list(tokens[max(0, i - 2) : i]) in (["weet", "je"], ["zie", "je"])


CONJUNCTIONS = frozenset("en maar dus want of omdat als toen".split())
#: Where anyone there lives or works: "onze stad" is a corporation's too.
PLACES_OF_ALL = frozenset({"stad", "stadsdeel"})
#: Kinds of organisation whose name is a place: "gemeente Deventer".
AREA_KINDS = frozenset({"gemeente", "provincie"})
#: Kind words that also name an area: "in de gemeente Deventer", "in de provincie".
AREAS = AREA_KINDS | PLACES_OF_ALL


def _in_their_area(tokens: list[str], j: int, owners: list[_Person]) -> bool:
    """Whether the name at ``tokens[j]`` is a municipality's place said as where one is ("bij ons in Deventer",
    "In Deventer hebben we"): anyone there says it, a corporation or a tenants' association in Deventer too (an
    attack on naming, session 45, named a Deventer corporation's voice as the municipality's)."""
    return j > 0 and tokens[j - 1] == "in" and all(p.kinds & AREA_KINDS for p in owners)


def _clause(tokens: list[str], i: int) -> list[str]:
    """The words from ``tokens[i]`` to the next conjunction, ten at most: "ik ben bij de gemeente sectormanager"
    of "..., en ik ga vaak op bezoek bij huurders"."""
    words = tokens[i : i + 10]
    return words[: next((k for k, w in enumerate(words) if w in CONJUNCTIONS), len(words))]


def _plural(word: str) -> bool:
    """Whether a kind word is the plural of another: "corporaties", "gemeenten"."""
    return any(word.endswith(end) and _kinds_of(word[: -len(end)]) for end in ("s", "n", "en"))


def _one_side(
    found: list[tuple[str, str, set[str], list[_Person]]], weak: set[int], people: list[_Person]
) -> list[tuple[str, str, set[str], list[_Person]]]:
    """``found`` less the sides a sentence claims as its own for two participants at once: "Wij werken voor de
    gemeente Deventer, dat doen we al jaren als corporatie" is the corporation's (whom one works for gives way to
    what one is), a sentence that says both in words as strong counts for no one (a helper's attack, session 44:
    it named the corporation's voice as the municipality's)."""

    def whose(item: tuple[str, str, set[str], list[_Person]]) -> set[str]:
        return {p.name for p in people if item[2] & p.kinds or p in item[3]}

    own = [k for k, item in enumerate(found) if item[0] == "own"]
    if len(set().union(*(whose(found[k]) for k in own))) <= 1:
        return found
    strong = [k for k in own if k not in weak]
    drop = set(own) if len(set().union(*(whose(found[k]) for k in strong))) != 1 else set(own) - set(strong)
    return [item for k, item in enumerate(found) if k not in drop]


#: Words that may stand between "we" and "als corporatie" at the end of a clause: "dat doen we al jaren als ...".
BEFORE_AS = frozenset(
    "al jaren ook nu vaak altijd graag dus toch wel nog zelf eigenlijk juist natuurlijk gewoon echt".split()
)


def _as_ones_own_at_end(tokens: list[str], i: int) -> bool:
    """ "Dat doen we al jaren als corporatie": "als" and a kind or role that end the sentence (or its clause before
    "en", "maar"), with "we" at most four words before and only words like "al jaren" between. Not "ik" ("Ik ken
    Rentree als corporatie"), an object between ("Wij vragen Rentree als corporatie") or what one would do ("Dat
    zou ik ook doen als corporatie": a reviewer's read found each named wrong)."""
    if i + 2 < len(tokens) and tokens[i + 2] not in {"en", "maar", "want", "dus"}:
        return False
    before = tokens[max(0, i - 4) : i]
    we = [k for k, w in enumerate(before) if w in {"we", "wij"}]
    if not we or {"zou", "zouden", "zal", "zullen"} & set(tokens[:i]):
        return False
    return set(before[we[-1] + 1 :]) <= BEFORE_AS


def _teller(words: Sequence[str]) -> str | None:
    """Who tells, in words that end with a verb of telling: the pronoun right after the last such verb ("zei ze",
    "vroeg ik"), else the nearest before it ("ik belde Rentree en vroeg" is "ik", "ik kwam binnen en ze zei" is
    "ze"); None where no pronoun says ("mijn collega zei")."""
    at = max((k for k, w in enumerate(words) if w in REPORTING), default=None)
    if at is None:
        return None
    if words[at + 1 : at + 2] and words[at + 1] in FIRST_PERSON | THIRD_PERSON:
        return words[at + 1]
    return next((w for w in reversed(words[:at]) if w in FIRST_PERSON | THIRD_PERSON), None)


#: Saying one reads aloud what another wrote: what follows in the turn is theirs ("Ik lees hem even voor.", "Op
#: LinkedIn stond het zo.", "Ik citeer:").
READS_ALOUD = re.compile(
    # "voor" ending the clause, or before a colon or what one read ("Ik lees hem even voor, hoor.", "Ik lees voor uit
    # haar mail: ...", "Ik lees even voor wat Ann me stuurde."); not "Ik lees de stukken altijd voor de vergadering"
    r"\b(?:lees|las|leest)\b(?:\s+\w+){0,4}\s+voor\b(?:\s*(?:[.!?]|$)|\s*,\s*(?:hoor|goed|oke|ja)\b|[^.!?]{0,40}:|\s+wat\b)"
    # quoting, and what stood in a mail, a post or a letter, before a colon: "Ik citeer haar.", "In de mail stond:"
    r"|\bciteer|\bciteerde|\bcitaat\b|\bstond (?:het|er)(?: \w+)? (?:zo|dit)\s*[.:!]?\s*$"
    # (not one's own: "Zoals ik in mijn mail schreef: ik ben Ann Bos", "Dank voor je bericht, even kort: ..." below)
    r"|\b(?:mail|bericht|brief|post|stond|schreef|schrijft|appte|mailde|tweette)\b[^.!?,]{0,40}:"
    r"|\b(?:schreef|mailde|appte) (?:ze|hij|zij|die)(?: me| mij| ons)?(?: dit| het)?\s*[.:!]?\s*$"
)
#: What one wrote oneself: "Zoals ik in mijn mail schreef: ik ben Ann Bos" is one's own introduction.
OWN_WRITING = re.compile(
    r"\b(?:ik|we|wij)\b(?:\s+\w+){0,4}\s+(?:schreef|schreven|mailde|appte)\b|\b(?:mijn|onze) (?:mail|bericht|brief)"
)


def reads_aloud(folded: str) -> bool:
    """Whether ``folded`` (a sentence or the words before an introduction) says the speaker reads another's words
    aloud (:data:`READS_ALOUD`), not what they wrote themselves (:data:`OWN_WRITING`, without "lees ... voor")."""
    found = READS_ALOUD.search(folded)
    return bool(found) and not (OWN_WRITING.search(folded) and not re.search(r"\b(?:lees|las|leest|citeer)", folded))


def _announces_reading(folded: str) -> bool:
    """Whether a sentence announces that what follows in the turn is read aloud: it ends with the reading ("Ik lees
    hem even voor.", "Op LinkedIn stond het zo.") or opens a letter after it ("... voor: Beste Kees."); a quote
    after a colon mid-sentence ends with its sentence (a reviewer's read)."""
    if not reads_aloud(folded):
        return False
    tail = folded.rstrip(" .!?")
    after = tail.rsplit(":", 1)[1].split() if ":" in tail else None
    return after is None or not after or after[0] in LETTER_OPENS


#: "Ik lees hem even voor, ...": reading aloud where a letter's greeting opens the next sentence.
READ_BEFORE_A_COMMA = re.compile(r"\b(?:lees|las|leest)\b(?:\s+\w+){0,4}\s+voor\s*,")
#: How a letter or a mail opens, after "ik lees hem even voor:".
LETTER_OPENS = frozenset("beste geachte hoi hallo lieve dag".split())
#: A sentence that ends what one read aloud: "Nou, dat was de mail.", "Einde citaat.", "Tot zover."
READ_ENDS = re.compile(
    r"^\W*(?:(?:nou|goed|oke|ja)\W+)?(?:dat was (?:de|het|haar|zijn) (?:mail|bericht|brief|post|citaat)"
    r"|einde citaat|tot zover)\W*$"
)


#: "nam ... op": the phone answered, in a call told.
ANSWERS_THE_PHONE = frozenset("nam neemt namen nemen".split())


def _reported(prefix: Sequence[str], before: Sequence[str], then: Sequence[str]) -> bool:
    """Whether words are someone else's, told by the speaker: after a reporting verb not the speaker's
    own in the same sentence ("Hij zei: ik ben Jan de Vries"), or between short sentences that tell
    of someone speaking ("Toen belde ze. Karin Bos, ik ben ... . Zo begon ze.")."""

    def verb_at(words: Sequence[str], people: set[str]) -> bool:
        return any(
            w in REPORTING and ({words[k - 1] if k else "", words[k + 1] if k + 1 < len(words) else ""} & people)
            for k, w in enumerate(words)
        )

    told = (
        any(
            w in REPORTING
            and not {prefix[k - 1] if k else "", prefix[k + 1] if k + 1 < len(prefix) else ""} & FIRST_PERSON
            for k, w in enumerate(prefix)
        )
        and _teller(prefix) not in FIRST_PERSON
    )  # "Zoals ik in mijn mail schreef: ik ben Ann Bos" is one's own
    # read aloud or a letter's opening: "Ik lees hem even voor: Beste Kees, ik ben Ann Bos"
    # (a greeting of one's own is no letter: "Beste mensen, ik ben Kees Mol", a reviewer's read; a letter's greeting
    # right after one reads aloud is: "ik lees hem even voor: Beste Kees, ik ben Ann Bos")
    greeting = len(prefix) > 2 and prefix[-2] in LETTER_OPENS and prefix[-3] == "voor"
    told = told or reads_aloud(" ".join(prefix[:-2] if greeting else prefix))
    # a call told, the words right after it: "Toen nam ze op: u spreekt met Ann Bos", "Dan neemt de wethouder zelf
    # op: ..." (not "nam ik", nor "nam contact met ons op, en ik ben ..." nor "nam het initiatief": a reviewer's read)
    tail = prefix[-5:]
    answered = tail[-1:] == ["op"] and any(
        w in ANSWERS_THE_PHONE and tail[k + 1] not in FIRST_PERSON for k, w in enumerate(tail[:-1])
    )
    return told or answered or any(len(s) <= 6 and verb_at(s, THIRD_PERSON) for s in (before, then))


#: What one says of someone one is not, around their name (``N``): "ik ben niet Kees", "ik ben Kees niet", "Kees is
#: mijn collega", "ik val in voor Kees", "ik zit hier namens Kees", "Kees is vandaag ziek". A stand-in at a table (a
#: colleague of the same organisation, the usual case) was named as the one on the programme by the side they spoke
#: for, or by elimination, and their words went public under that name (an attack, session 57). Evidence against the
#: name as strong as an introduction is for it.
DENIALS = (
    r"\bik ben niet N\b",
    r"\bik ben N niet(?: hoor| he| echt| nee)?$",
    r"^(?:ja |nee )?N is (?:mijn|onze|een) (?:\w+ )?(?:collega|baas|leidinggevende|directeur|wethouder|voorzitter)\b",
    r"\bik (?:vervang|val (?:\w+ )?in voor|zit (?:\w+ )*(?:hier|vandaag) (?:namens|voor|in plaats van)) N\b",
    r"\b(?:namens|in plaats van) N(?: die| want| omdat|$)",
    r"^(?:ja |nee )?N is (?:\w+ )?(?:ziek|verhinderd|afwezig|weg|er niet)\b",
)

#: What says someone is not at the table, whoever says it: greetings sent to them ("Doe de groeten aan Erik", "Doe
#: Erik de groeten"), get-well wishes, their being ill or away ("Erik is ziek"), a stand-in for them ("Ik zit hier
#: namens Peter Bakker, hij is ziek": an attack on naming, session 61, named the alderman, who said nothing of
#: herself, Peter Bakker, and the stand-in her, each by elimination).
ABSENCES = (
    # (not "Ik vervang Peter Bakker zijn collega", nor one sat "voor" someone, or a welcome "ook namens Peter Bakker",
    # with no reason they are away: each of someone at the table, a reviewer's read)
    r"\bik (?:vervang|val (?:\w+ )?in voor|zit (?:\w+ )*(?:hier|vandaag) (?:namens|in plaats van)) N\b"
    r"(?!(?: \w+)? (?:zijn|haar|zn|z n|dr|d r|s)\b)",
    r"\b(?:ik zit (?:\w+ )*(?:hier|vandaag) voor|namens) N(?: die| want| omdat| hij| zij| ze)\b",
    # (not "Laten we met Esther beginnen in plaats van Peter.": one at the table, a reviewer's read)
    r"\bik (?:ben|kom|sta|spreek) (?:\w+ )*in plaats van N\b(?!(?: \w+)? (?:zijn|haar|zn|z n|dr|d r|s)\b)",
    r"\bin plaats van N(?: die| want| omdat)\b",
    r"\b(?:de )?groeten (?:aan|voor) N\b",
    r"\bdoe N (?:\w+ )?groeten\b",  # "de" taken out before: it would read as a particle ("Erik de Vries")
    r"\bbeterschap (?:aan|voor) N\b",
    r"\bwens N (?:\w+ )?beterschap\b",
    r"^(?:ja |nee )?N is (?:\w+ )?(?:ziek|verhinderd|afwezig|weg|er niet)\b",
)


@functools.cache
def _denial(name: str, first_name_too: bool, patterns: tuple[str, ...] = DENIALS) -> re.Pattern:
    """:data:`DENIALS` of one participant, by full name, and by first name where ``first_name_too`` (folded, as
    :func:`_tokens` gives them). The name opens the sentence in "N is ...": not "De wil is er niet altijd" for Wil,
    nor "Mijn job is er niet makkelijker op" for Job (a reviewer's read)."""
    own = _tokens(name)
    # (the first name alone, not as another's with a particle after it: "Ik ben niet Kees van der Berg, ik ben Kees
    # Mol" denies no Kees Mol, a reviewer's read)
    alone = rf"{re.escape(own[0])}(?! (?:van|de|der|den|ter|ten|te|vd)\b)"
    forms = [re.escape(" ".join(own)), *([alone] if first_name_too else [])]
    either = "|".join(forms)
    return re.compile("|".join(f"(?:{pattern.replace('N', f'(?:{either})')})" for pattern in patterns))


def _denies(denial: re.Pattern, said_plainly: str, name: str) -> bool:
    """Whether a sentence (folded, :func:`_tokens` joined) says one is not ``name`` by ``denial`` (:func:`_denial`),
    and does not say one is ("Ik ben niet Kees Jansen, ik ben Kees Mol")."""
    return bool(denial.search(said_plainly)) and f"ik ben {' '.join(_tokens(name))}" not in said_plainly


def denial_of(conversation: Conversation, voice: str, name: str) -> str | None:
    """A sentence of the turns of ``voice`` (a name or a label) that says it is not ``name`` (:data:`DENIALS`: "Ik ben
    niet Kees"), or None; by first name where no other participant has it."""
    own = _tokens(name)
    if not own:
        return None
    firsts = Counter(_tokens(p.name)[0] for p in conversation.participants if _tokens(p.name) and p.name != name)
    pattern = _denial(name, not firsts[own[0]])
    for turn in conversation.turns:
        if turn.speaker == voice:
            for sentence, _ in _sentences(turn):
                if not sentence.rstrip().endswith("?") and _denies(pattern, " ".join(_tokens(sentence)), name):
                    return sentence.strip()
    return None


def _denials(people: list[_Person], patterns: tuple[str, ...] = DENIALS) -> list[tuple[_Person, re.Pattern]]:
    """Each participant's :data:`DENIALS` (or other ``patterns``), by first name only where no one else at the table
    has it ("Ik ben niet Kees Mol" is no word against Kees de Jong, a reviewer's read)."""
    firsts = Counter(_tokens(p.name)[0] for p in people if _tokens(p.name))
    return [(p, _denial(p.name, firsts[_tokens(p.name)[0]] == 1, patterns)) for p in people if _tokens(p.name)]


#: Words of what one wants from someone: "Wat verwacht je van de gemeente?", "Wat heb je nodig van de corporatie?".
EXPECTING = frozenset("verwacht verwachten verwachting nodig vraag vraagt vragen hoop hoopt hopen wens wenst".split())


def _question_about(tokens: list[str], people: list[_Person]) -> tuple[set[str], list[_Person], set[str]]:
    """The one kind, organisation or role a question is put to, if it names just one. A question back after
    saying who one is ("Marijke, ouderenadviseur, en jij?") is put to nobody's kind: what it names is the
    asker's own."""
    if tokens[-2:] in (["en", "jij"], ["en", "u"], ["en", "jullie"]):
        return set(), [], set()
    # "Wie is jouw contactpersoon bij de gemeente?", "Met wie werk je samen bij Rentree?": asked for someone else
    # (an attack on naming, session 46); not "Wie van jullie is van de gemeente?"
    for j, token in enumerate(tokens):
        if token == "wie" and (
            # (not "Met wie spreek ik?", which asks the one who answers, nor "Voor wie werk je?": a reviewer's read)
            (j and tokens[j - 1] in ("met", "bij") and tokens[j + 1 : j + 3] not in (["spreek", "ik"], ["heb", "ik"]))
            or (tokens[j + 1 : j + 2] in (["is"], ["was"]) and tokens[j + 2 : j + 3] in (["jouw"], ["je"], ["uw"]))
        ):
            return set(), [], set()
    kinds: set[str] = set()
    roles: set[str] = set()
    owners: list[_Person] = []
    expects = bool(set(tokens) & EXPECTING)
    for j, token in enumerate(tokens):
        if j and tokens[j - 1] in OWN_POSSESSIVE | FIRST_PERSON:
            continue
        if j > 1 and tokens[j - 1] == "als" and tokens[j - 2] in FIRST_PERSON:
            continue  # "Mogen wij als buurtteam ...?": the asker's own kind, as "ons buurtteam"
        if expects and j > 1 and tokens[j - 2] in ("van", "aan") and tokens[j - 1] in ARTICLES:
            # "Wat verwacht je van de gemeente?": what one wants from them is asked of the other side (an attack,
            # session 58: the alderman's question named the director who answered it the alderman)
            continue
        if len(_kinds_of(token)) == 1:
            kinds |= _kinds_of(token)
        for key, role in ROLES.items():
            if token in role["not_words"]:
                roles.add(key)
        owners += [p for p in _own_name_at(tokens, j, people) if p not in owners]
    if len(kinds) > 1 or len(roles) > 1 or len(owners) > 1:
        return set(), [], set()
    return kinds, owners, roles


#: A greeting, then "ik ben" (or "mijn naam is"): how a call or a visit opens, told in a story when it comes later.
GREETING_THEN_IK = re.compile(
    r"^\W*(?:dag|hallo|hoi|goedemorgen|goedemiddag|goedenavond)\b[\s,!]+(?:ik ben|mijn naam is)\b", re.I
)


def _asks_if_they_are(sentence: str, person: _Person, people: list[_Person]) -> bool:
    """Whether ``sentence`` asks the one spoken to whether they are ``person``: by their first name, organisation,
    role or kind after "ben je", "jij bent", ... ("Ben jij Erik?", "Jij bent van Ymere, toch?", "Je bent de directeur
    van Ymere?"); not whether they agree or were here before ("Ben je het daarmee eens?")."""
    asked = ASKS_WHO.search(sentence)
    if not asked:
        return False
    # (their name after a comma addresses them: "Is dat zo, Erik?" asks nothing of whom he is)
    first = person.name.split()[0]
    rest = _tokens(re.sub(rf",\s*{re.escape(first)}\b", "", sentence[asked.end() :]))
    if "eens" in rest:
        return False
    if _fold(first) in rest:
        return True
    kinds, owners, roles = _question_about(rest, people)
    return person in owners or bool(roles & person.roles or kinds & person.kinds)


#: A first name that opens a question as its verb, the subject straight after it: "Wil je beginnen?" (Wil de Wit's
#: question to the alderman; an address has its comma: "Wil, je hebt het woord.").
VERB_FIRST = re.compile(r"\W*([\w'’-]+)\s+(?:je|jij|u|jullie|ik|we|wij|hij|zij|ze)\b(?!\s*[,.!?])")
#: The verbs that open such a question and may be a first name too ("Wil", "Ben"): only they are read as the verb; a
#: name that is none ("Ruud jij woont toch in de wijk?", an address whose comma Whisper left out) still addresses.
QUESTION_VERBS = frozenset(
    "wil wilt ben bent kan kun kunt mag moet zal zul zult zou heb hebt ga gaat doe doet weet ken kent zie ziet hoor "
    "hoort vind vindt zit kom komt word wordt blijf denk hoop snap begrijp merk werk woon sta geef neem hou houd maak "
    "zeg vraag lees spreek loop voel durf hoef".split()
)


#: Words after "ik ben meneer Jansen" that go on saying who one is: "..., van de gemeente", "... en ik ...".
TITLE_ENDS = frozenset({"van", "bij", "namens", "uit", "en", "hier", "dus", "trouwens", "eigenlijk", "maar", "zelf"})


#: Seconds of speech below which a voice is most often a participant's words that diarization split off (1 to 2 s
#: on real CPUs), not someone else.
SPLIT_OFF_SECONDS = 3.0


#: Where someone sits who is not at the table: "achter in de zaal", "in het publiek", "op de eerste rij".
AUDIENCE = re.compile(
    r"\b(?:in|achter in|voor in|vooraan in|achterin|tussen)\s+(?:de|het)\s+(?:zaal|publiek|toehoorders)\b"
    r"|\bop de (?:eerste|tweede|derde|voorste|achterste) rij\b"
)


def _in_audience(sentences: Sequence[str], people: list[_Person]) -> set[str]:
    """The participants whose first name a turn says in a sentence that places the one named in the audience ("Ik
    zie mijn naamgenoot Anna achter in de zaal zitten.", "Anna, achter in de zaal, weet daar alles van."): in that
    turn their name is someone's not at the table (an attack on naming, session 60: the alderman Anna greeting her
    namesake in the audience, "Hoi Anna!", named the director who answered Anna Visser, and her by elimination the
    director)."""
    placed = set()
    for sentence in sentences:
        folded = _fold(sentence)
        if not AUDIENCE.search(folded):
            continue
        for name in _vocatives(sentence, people):
            # the name itself placed there, the place right after it ("Anna achter in de zaal", "Daar zit Anna, op
            # de eerste rij"); not a name said to someone at the table in a sentence of the audience ("Lotte, er
            # zitten veel huurders in de zaal, wat zeg je tegen ze?", a reviewer's read: both voices left unnamed)
            said = "|".join(re.escape(n) for n in {_fold(name), _fold(name).split()[0]})
            if re.search(rf"\b(?:{said})\b[\s,]*(?:(?:{'|'.join(PLACED)})\s+){{0,3}}(?:{AUDIENCE.pattern})", folded):
                placed.add(name)
    return placed


#: Words between a name and where it sits: "Anna zit daar achter in de zaal".
PLACED = ("zit", "zat", "zitten", "staat", "stond", "daar", "hier", "ergens", "helemaal", "ook", "nu", "vandaag")


def _puts_own_name_right(tokens: list[str], person: _Person) -> bool:
    """Whether a sentence (:func:`_tokens`) is one's own name said right: "Het is Bart, niet Bert.", "Nee, het is
    Jurre.", "Bart, niet Bert." (an attack on naming, session 61: read as an answer to the voice before, the moderator
    who said "Bert" went public as Bart Hendriks)."""
    rest = tokens[1:] if tokens[:1] == ["nee"] else tokens
    if rest[:2] == ["het", "is"]:
        rest = rest[2:]
    elif rest[-2:-1] != ["niet"]:
        return False
    own = _tokens(person.name)
    return any(
        rest[: len(form)] == form
        and (len(rest) == len(form) or (rest[len(form)] == "niet" and len(rest) == len(form) + 2))
        for form in (own, own[:1])
    )


#: How alike a name said before and a participant's first name are for the one to be a slip for the other ("Joeri"
#: for Jurre, "Bert" for Bart): the same first letter and this much alike.
MISNAMED = 0.4


#: Words before a place, whose capitalised word after them is no name said wrong: "in Feijenoord", "uit Maarssen".
PLACE_PREPOSITIONS = frozenset("in uit naar vanuit rond richting bij nabij buiten binnen".split())


def _misnamed_before(said_before: str, person: _Person, people: Sequence[_Person]) -> bool:
    """Whether the voice before said a name like ``person``'s first name but not it ("Welkom, wethouder Joeri
    Jansen.", "Bert, jij eerst."): a name that opens the reply puts it right, one's own, no answer to that voice (an
    attack on naming, session 61: "Jurre. Met twee keer een r." named the moderator who said "Joeri" Jurre Jansen).
    A word counts as a name where it is capitalised inside a sentence or stands before a comma, is no word of anyone's
    name and no word the lemma tables know."""
    from .analyse import dutch_lemma, is_dutch_lemma

    first, *surname = _tokens(person.name)
    names = {word for p in people for word in _tokens(p.name)}
    for sentence in re.split(r"(?<=[.!?…])\s+", said_before):
        for k, found in enumerate(re.finditer(r"[\w'’-]+", sentence)):
            word, folded = found[0], _fold(found[0])
            if not word[:1].isupper() or folded in names or folded[:1] != first[:1]:
                continue
            if k == 0 and not sentence[found.end() :].lstrip().startswith(","):
                continue  # a capital that opens a sentence: "Jullie ...", not "Joeri, wat ...?"
            if _fold(sentence[: found.start()]).split()[-1:] in ([w] for w in PLACE_PREPOSITIONS):
                continue  # a place: "In Feijenoord bouwen wij ..." is no slip for Femke (a reviewer's read)
            if is_dutch_lemma(folded) or dutch_lemma(folded) or SequenceMatcher(None, folded, first).ratio() < MISNAMED:
                continue
            # said to someone: before a comma or a sentence's end, before the participant's surname ("wethouder Joeri
            # Jansen"), after a welcome or a role; not one spoken of ("Mijn collega Pieter van Mitros deed dat." is no
            # slip for Peter, a reviewer's read)
            after = sentence[found.end() :].lstrip()
            before = _fold(sentence[: found.start()]).split()[-1:]
            if not (
                after[:1] in ("", ",", ".", "?", "!", "…", ";", ":")
                or _tokens(after)[: len(surname)] == surname != []
                or before in (["welkom"], ["hoi"], ["hallo"], ["dag"], ["beste"], ["aan"], ["meneer"], ["mevrouw"])
                or (before and _roles_of(before[0]))
            ):
                continue
            return True
    return False


def _vocatives(sentence: str, people: list[_Person]) -> list[str]:
    """Participants addressed or named in ``sentence`` by first or full name (case as written), or by
    surname after "meneer" or "mevrouw" ("Meneer De Vries, wat vindt u?")."""
    named = []
    honorific = "|".join(HONORIFICS)
    # "Wil je beginnen?" asked by Wil de Wit: his name as the verb, no address
    verb = VERB_FIRST.match(sentence) if sentence.rstrip().endswith("?") else None
    for p in people:
        first, *surname = p.name.split()
        forms = [re.escape(p.name), re.escape(first)]
        verb_at = verb.start(1) if verb and verb[1] == first and first.casefold() in QUESTION_VERBS else None
        if surname:
            forms.append(rf"(?i:\b(?:{honorific})\s+{re.escape(' '.join(surname))})")
        if any(
            said.start() != verb_at for said in re.finditer(rf"(?<![\w'’-])(?:{'|'.join(forms)})(?![\w'’-])", sentence)
        ):
            named.append(p.name)
    return named


#: Clues of a voice saying who it is: its introduction, its own role and organisation, its known voice.
SAYS_WHO = frozenset({"introduction", "own_role", "voice"})


class _Evidence:
    def __init__(self, labels: list[str], names: list[str]) -> None:
        self.clues: list[Clue] = []
        self.seen: set[tuple] = set()
        self.remarks: dict[str, list[str]] = {label: [] for label in labels}
        #: Voices that introduced themselves with a name nobody on the programme has ("ik ben Sandra").
        self.strangers: dict[str, list[str]] = {}
        #: Clues that count unless the rest of the evidence says otherwise.
        self.tentative: list[Clue] = []
        #: Tentative clues that count only when the rest of the evidence says so too.
        self.unsettled: list[Clue] = []
        self.labels, self.names = labels, names
        #: Words each voice said (every voice of the conversation, also those an editor named).
        self.words: dict[str, int] = {}
        #: How many participants the programme lists for the conversation (0: no programme).
        self.programme = 0
        #: Names said to someone at once ("Annelies Bakker, fijn dat je er bent."), not only said: (voice, name).
        self.spoken_to: set[tuple[str, str]] = set()
        #: Names said in a question ("Ineke Wubbels, van de zorggroep?") or otherwise than one says one's own
        #: (:func:`_said_as_ones_own`: "ik val in voor Bea", "Bea Smit kon niet komen"): (voice, name).
        self.not_oneself: set[tuple[str, str]] = set()
        #: Names said as one says one's own in a sentence of a voice's first two turns ("Hoi, Dirk.", "Hanneke
        #: Brinkhorst, je brief ...") as readily as to someone: (voice, name).
        self.opens_with: set[tuple[str, str]] = set()
        #: Voices that introduced themselves with one participant's name and another's role or organisation.
        self.misheard: dict[str, str] = {}
        #: Names said in a question ("Marieke, wat merken de huurders?"): (voice, name).
        self.asked: set[tuple[str, str]] = set()
        #: One name a voice was welcomed by, in the turn before its own, that put nothing right and said who it is
        #: in no other way: (voice, name).
        self.welcomed: set[tuple[str, str]] = set()

    def add(
        self,
        label: str,
        name: str,
        weight: float,
        category: str,
        why: str,
        where: tuple = (),
        tentative: bool = False,
        unsettled: bool = False,
    ) -> None:
        """Add a clue; with ``where``, only the first of its kind for that place and participant counts;
        a ``tentative`` one counts unless the other evidence says otherwise, an ``unsettled`` one only when
        it says so too (:meth:`settle`)."""
        if label not in self.remarks or name not in self.names or not weight:
            return
        if where:
            key = (label, name, category, weight > 0, where)
            if key in self.seen:
                return
            self.seen.add(key)
        self.clues.append(Clue(label, name, weight, category, why))
        if tentative or unsettled:
            self.tentative.append(self.clues[-1])
        if unsettled:
            self.unsettled.append(self.clues[-1])

    def settle(self) -> None:
        """Drop each tentative clue that the rest of the evidence contradicts: this voice has something
        for another participant ("Graag, Jan." in answer, "wij bij Woonstichting Rivierland"), or another
        voice has something for this one (her own role and organisation, her introduction). Drop each
        unsettled clue too unless another voice has something for another participant ("Ik ben Jan
        Kuipers, ..."): "Top. Gerda Smeets, voorzitter van ..." alone does not tell a guest from her host."""
        firm = [c for c in self.clues if not any(c is t for t in self.tentative)]
        rest = self._scores(firm)
        # what settles an unsettled clue is the other voice saying who it is, not a weaker clue ("Wat
        # verwacht je van Woonstichting Rivierland?" asked of the guest says nothing of who asks)
        says_who = self._scores([c for c in firm if c.category in SAYS_WHO])
        dropped, unsettled = [], []
        # two voices for two participants: the other voice is the other participant, so evidence against that
        # ("Jan, wat gaan jullie doen?" said by the other voice) says otherwise too
        pair = len(self.labels) == 2 and len(self.names) == 2
        for c in self.tentative:
            if (
                any(score > 0 for name, score in rest[c.label].items() if name != c.name)
                or any(rest[label][c.name] > 0 for label in self.labels if label != c.label)
                or (
                    pair
                    and any(
                        rest[label][name] < 0
                        for label in self.labels
                        if label != c.label
                        for name in self.names
                        if name != c.name
                    )
                )
            ):
                dropped.append(c)
                why = "niet als voorstellen gelezen, de rest van het gesprek wijst anders"
            elif any(c is u for u in self.unsettled) and not any(
                score > 0 for label in self.labels if label != c.label for name, score in says_who[label].items()
            ):
                unsettled.append(c)
                why = "niet als voorstellen gelezen: zo stelt ook de ander deze spreker voor, en niets anders zegt wie"
            else:
                continue
            self.remarks[c.label].append(f"{why}: {c.why}")
        gone = dropped + unsettled
        self.clues = [c for c in self.clues if not any(c is d for d in gone)]
        self.tentative, self.unsettled = [], []

    def by_first_name(self, label: str, name: str) -> bool:
        """Whether voice ``label`` introduced itself as ``name`` by first name alone ("Ik ben Marieke")."""
        surname = _tokens(name)[1:]
        return any(
            c.label == label
            and c.name == name
            and c.category == "introduction"
            and not set(surname) & set(_tokens(c.why))
            for c in self.clues
        )

    def introduced(self, label: str) -> list[str]:
        """The names voice ``label`` introduced itself with, in the order said."""
        return list(dict.fromkeys(c.name for c in self.clues if c.label == label and c.category == "introduction"))

    def speaks_for(self, label: str, name: str) -> bool:
        """Whether voice ``label`` has anything of its own for ``name``."""
        return any(c.label == label and c.name == name and c.weight > 0 for c in self.clues)

    def scores(self) -> dict[str, dict[str, float]]:
        return self._scores(self.clues)

    def _scores(self, clues: list[Clue]) -> dict[str, dict[str, float]]:
        totals: dict[tuple[str, str, str, bool], float] = {}
        for c in clues:
            key = (c.label, c.name, c.category, c.weight > 0)
            totals[key] = totals.get(key, 0.0) + c.weight
        scores = {label: dict.fromkeys(self.names, 0.0) for label in self.labels}
        for (label, name, category, _), total in totals.items():
            cap = CAPS.get(category, math.inf)
            scores[label][name] += max(-cap, min(cap, total))
        return scores


def _flagged_profiles(profiles: dict[str, np.ndarray]) -> dict[str, tuple[str, float]]:
    """Profiles of different people more alike than the match threshold: each with its look-alike."""
    flagged: dict[str, tuple[str, float]] = {}
    names = list(profiles)
    for a_index, a in enumerate(names):
        for b in names[a_index + 1 :]:
            similarity = _cosine(profiles[a], profiles[b])
            if similarity >= VOICE_MATCH_THRESHOLD:
                if similarity > flagged.get(a, ("", -1.0))[1]:
                    flagged[a] = (b, similarity)
                if similarity > flagged.get(b, ("", -1.0))[1]:
                    flagged[b] = (a, similarity)
    return flagged


def _cosine(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    return float(np.dot(a, b) / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))


def name_speakers(
    turns: list[Turn],
    participants: list[Participant],
    voices: dict[str, np.ndarray] | None = None,
    profiles: dict[str, np.ndarray] | None = None,
    threshold: float = NAMING_THRESHOLD,
    confirmed: list[Speaker] | None = None,
    pitches: dict[str, float | None] | None = None,
) -> dict[str, Speaker]:
    """Name the anonymous voices of ``turns`` (labels like "Spreker 1") from the programme.

    Args:
        turns: the conversation's turns, each with its voice's label.
        participants: the programme's participants for this conversation (any order). When
            there are any, they are the only names given.
        voices: each label's voice embedding, for matching ``profiles``.
        profiles: known voices by name, from earlier recordings (confirmed or introduced names).
        threshold: the least confidence at which a voice is named.
        confirmed: voices an editor named; they keep their name and take it out of the running.
        pitches: each label's median pitch (Hz, :mod:`gesprekken.pitch`): two voices named for a pair whose
            first names are usually one a woman's and one a man's, that speak clearly against it, are left
            for an editor (:func:`gesprekken.pitch.contrary`: such a pair was named the wrong way round).

    Returns:
        A :class:`~gesprekken.transcript.Speaker` per label; ``name`` is None where the evidence is too weak.
    """
    labels = list(dict.fromkeys(turn.speaker for turn in turns))
    kept = {s.label: s for s in confirmed or [] if s.confirmed and s.name and s.label in labels}
    evidence = _gather(turns, participants, voices, profiles, kept)
    named = _assign([label for label in labels if label not in kept], evidence, threshold, kept)
    # Not where a voice profile an editor confirmed backs a name: the guess from first names would overrule what
    # an editor heard, in every later recording of someone whose voice is not what their name suggests (a
    # reviewer's read); nor with a voice left unnamed (a host off the programme beside one participant).
    # Two voices with a pitch for two participants: a third voice too short for one (a few words split off: on an AMD
    # EPYC, tegen-de-namen.mp3 had one) or one left unnamed, which must be the participant no pitched voice is.
    # Its name is the one a voice without a pitch was given (so it is heard, not a host off the programme).
    pitched = [label for label in labels if (pitches or {}).get(label) and not kept]
    given = {label: named[label].name for label in pitched if named[label].name}
    unnamed = [label for label in pitched if not named[label].name]
    rest = [p.name for p in participants if p.name not in given.values()]
    heard = {named[label].name for label in labels if label not in pitched and label in named}
    if len(pitched) == 2 and len(unnamed) == 1 and len(participants) == 2 and len(rest) == 1 and rest[0] in heard:
        given[unnamed[0]] = rest[0]
    if (
        pitches
        and len(given) == 2
        and len(set(given.values())) == 2
        and not kept
        and not any(e.startswith(PROFILE_EVIDENCE) for label in labels for e in named[label].evidence)
    ):
        from .pitch import contrary

        if contrary(given, pitches):
            low, high = sorted(pitched, key=lambda label: pitches[label])
            times = pitches[high] / pitches[low]
            # every voice named by the words is left for an editor: the words named the pair the wrong way round
            for label in [label for label in labels if named[label].name or label in pitched]:
                was = named[label]
                if label not in pitched:
                    named[label] = replace(was, name=None, evidence=[f"misschien {was.name}", *was.evidence][:8])
                    continue
                than = f"{times:.1f} keer zo {'hoog' if label == high else 'laag'}".replace(".", ",")
                named[label] = replace(
                    was,
                    name=None,
                    evidence=[
                        f"misschien {given[label]}",
                        f"{AGAINST_PITCH}: deze stem spreekt {than} als de andere; luister en geef elke stem haar naam",
                        *was.evidence,
                    ][:8],
                )
    return {label: kept.get(label) or named[label] for label in labels}


#: The start of the evidence line of a voice left unnamed because the pair's pitch speaks against its names (it
#: goes when an editor names the voice).
AGAINST_PITCH = "maar de twee stemmen klinken andersom dan hun voornamen doen verwachten"
#: The start of the evidence line of a voice that matches a stored voice profile.
PROFILE_EVIDENCE = "stem lijkt op het stemprofiel van"


def evidence_scores(
    turns: list[Turn],
    participants: list[Participant],
    voices: dict[str, np.ndarray] | None = None,
    profiles: dict[str, np.ndarray] | None = None,
) -> dict[str, dict[str, float]]:
    """The summed weight of the evidence for each voice and candidate, before the assignment."""
    return _gather(turns, participants, voices, profiles, {}).scores()


def _gather(
    turns, participants, voices, profiles, kept: dict[str, Speaker], only_introductions: bool = False
) -> "_Evidence":
    """The evidence for each voice and candidate; with ``only_introductions``, the voices' introductions
    alone (and what their reading notes: names that sound alike, strangers), unless one of them is
    tentative: then all of it, as the rest of the evidence settles that one (see _Evidence.settle)."""
    profiles = profiles or {}
    flagged = _flagged_profiles(profiles)
    taken = {s.name for s in kept.values()}
    if participants:
        candidates = [p for p in participants if p.name not in taken]
    else:
        # Without a programme only a known voice can name someone: a profile that one of them matches.
        heard = {
            name
            for name, profile in profiles.items()
            if any(_cosine(voice, profile) >= VOICE_MATCH_THRESHOLD for voice in (voices or {}).values())
        }
        candidates = [Participant(name) for name in profiles if name in heard - set(flagged) - taken]
    labels = [label for label in dict.fromkeys(turn.speaker for turn in turns) if label not in kept]
    people = [_person(p) for p in candidates]
    evidence = _Evidence(labels, [p.name for p in people])
    for turn in turns:
        evidence.words[turn.speaker] = evidence.words.get(turn.speaker, 0) + len(turn.text.split())
    evidence.programme = len(participants)
    _listen(turns, people, evidence, [_person(p) for p in participants], only_introductions)
    if only_introductions:
        if evidence.tentative:
            return _gather(turns, participants, voices, profiles, kept)
        return evidence  # nothing tentative: settling would drop nothing
    _recognise(voices or {}, profiles, flagged, {p.name for p in participants}, evidence)
    evidence.settle()
    return evidence


def _listen(
    turns: list[Turn],
    people: list[_Person],
    evidence: _Evidence,
    listed: list[_Person],
    only_introductions: bool = False,
) -> None:
    """Evidence from what is said: introductions, address, sides, roles, answers; with
    ``only_introductions``, the introductions alone."""
    names = {p.name for p in people}
    by_name = {p.name: p for p in people}
    denials = _denials(people)
    absences = _denials(people, ABSENCES)
    # a word between "ik ben" and a full name: a filler, or another's first name Whisper made of one
    skippable = NAME_FILLERS | {_tokens(p.name)[0] for p in people if _tokens(p.name)}
    moderators = [p for p in people if "gespreksleider" in p.roles]
    two_voices = len({turn.speaker for turn in turns}) == 2
    # a table of two without a moderator: who but oneself says one's name, role and organisation alone?
    table_of_two = two_voices and not any("gespreksleider" in p.roles for p in listed)
    first_turns = {turn.speaker: index for index, turn in reversed(list(enumerate(turns)))}
    # the voices heard for longer than a participant's words split off by diarization (a second or two, on real
    # CPUs): a voice that short is no one off the programme
    spoken: dict[str, float] = {}
    for turn in turns:
        spoken[turn.speaker] = spoken.get(turn.speaker, 0.0) + max(turn.end - turn.start, 0.0)
    voices_heard = sum(seconds >= SPLIT_OFF_SECONDS for seconds in spoken.values())
    # each voice's first two turns: where one says who one is, also in reply to the other's question
    opening_turns: dict[str, list[int]] = {}
    for index, turn in enumerate(turns):
        if len(opening_turns.setdefault(turn.speaker, [])) < 2:
            opening_turns[turn.speaker].append(index)
    # where each voice says it worked before (FORMERLY): its sentences of then about that side are no side of its own
    formerly: dict[str, set[str]] = {}
    for turn in turns:
        for found in FORMERLY.finditer(" ".join(_tokens(turn.text))):
            formerly.setdefault(turn.speaker, set()).add(next(group for group in found.groups() if group))
    for index, turn in enumerate(turns):
        voice = turn.speaker
        nxt = next((t.speaker for t in turns[index + 1 :] if t.speaker != voice), None)
        previous = next((t.speaker for t in reversed(turns[:index]) if t.speaker != voice), None)
        sentences = _split_acknowledgement(_sentences(turn), people, first_turns[voice] == index)
        asks = any(s.rstrip().endswith("?") for s, _ in sentences)
        introduced: set[str] = set()
        then = _tokens(sentences[1][0]) if len(sentences) > 1 else []
        # the voice before asked who this one is: "Wie ben jij eigenlijk?", "En u?"
        asked = turns[index - 1].text if index and turns[index - 1].speaker != voice else ""
        asked_who = bool(
            WHO_QUESTION.search(asked)
            or (AND_YOU.search(asked) and (_vocatives(asked, people) or SAYS_WHO_ONE_IS.search(asked)))
        )
        # the voice before asked who did or does something ("Wie heeft dat plan eigenlijk bedacht?", "En wie moet ik
        # dan bellen?"): a name that opens this turn answers it and presents nobody (an attack, session 58: "Kees Mol,
        # directeur van Woonstichting Tiel." named the voice that answered so Kees Mol at 0.95, and Kees the other)
        answers_whom = not asked_who and bool(WHO_ELSE.search(asked.rstrip()))
        # the voice before welcomed this one ("Welkom bij dit gesprek."), naming nobody or the ones it welcomed
        welcome = bool(index) and turns[index - 1].speaker != voice and "welkom" in _tokens(turns[index - 1].text)
        welcomed = set(_vocatives(turns[index - 1].text, listed)) if welcome else None
        if (
            welcomed
            and len(welcomed) == 1
            and not INTRODUCTION.search(turns[index - 1].text)
            and not set(_tokens(turn.text)) & (NEGATIONS | {"nee", "ben", "heet"})
        ):
            # "Welkom Karin, fijn dat je er bent." "Dank je, Mark. ...": taken as one's name (not the host's own in
            # "Welkom, ik ben Ann Bos.")
            evidence.welcomed.add((voice, next(iter(welcomed))))
        first = sentences[0][0] if sentences else ""
        said_sentences = [s for s, _ in sentences]
        # how the voice's next turn opens: "Klopt, grapje." takes back what this one said of itself
        own_next = next((t for t in turns[index + 1 :] if t.speaker == voice), None)
        next_opens = next((s for s, _ in _sentences(own_next)), "") if own_next is not None else ""
        # a participant's first name said of someone the turn places in the audience ("Ik zie mijn naamgenoot Anna
        # achter in de zaal zitten. Hoi Anna!"): someone not at the table, in that turn no address nor mention of them
        in_audience = _in_audience(said_sentences, listed)
        # whom the turn names, once a turn: a turn of Whisper's loop has thousands of sentences
        addressed = set(_vocatives(turn.text, listed)) if table_of_two and first_turns[voice] == index else set()
        # a participant this turn presents as one presents oneself, in one's opening at a table of two: their
        # name in it, full or first ("Klopt, Samir. Samir Haddad. Ik begeleid ..."), addresses nobody
        presented = (
            {p.name for p in people if _presents(said_sentences, p, people, previous is not None)}
            if table_of_two and index in opening_turns[voice] and not asks
            else set()
        )
        # the next voice answers that the name this turn said last is theirs: "Gerda? Gerda Wesselink, van de
        # Brinkhoeve? Dat is lang geleden." "Ja! Ja, dat ben ik." (Whisper may drop the question marks, and the
        # name said twice reads as one's own): theirs, not this voice's
        reply = turns[index + 1] if index + 1 < len(turns) and turns[index + 1].speaker != voice else None
        confirms = CONFIRMS_OWN_NAME.match(reply.text) if reply is not None else None
        theirs = _named_for_the_reply(said_sentences, people) if confirms else None
        if theirs is not None:
            evidence.add(
                reply.speaker,
                theirs.name,
                WEIGHT_INTRODUCTION,
                "introduction",
                f"zegt dat {theirs.name} de eigen naam is: {_quote(confirms[0].strip(), reply.start)}",
                (index + 1, 0),
            )
        # what the voice just before told (not asked: "Bent u mevrouw Wansink?"), for a name repeated after it
        heard = [
            word
            for said, _ in (_sentences(turns[index - 1]) if index and turns[index - 1].speaker != voice else [])
            if not said.endswith("?")
            for word in _tokens(said)
        ]
        turn_words = functools.cache(lambda sentences=sentences: Counter(w for s, _ in sentences for w in _tokens(s)))
        # what the next other voice says, once a turn (a denial, or cutting in before the one asked)
        answer = functools.cache(
            lambda index=index, voice=voice: next((t.text for t in turns[index + 1 :] if t.speaker != voice), "")
        )
        hosting = _presents_two(said_sentences, people)
        # (from a sentence that ends with it or opens a letter: a quote after a colon ends with its sentence)
        read_from = next(
            (
                k
                for k, text in enumerate(said_sentences)
                if _announces_reading(_fold(text))
                # "Ik lees hem even voor, want hij is kort. Beste Kees, ..." (not "..., anders vergeet ik het.")
                or (
                    READ_BEFORE_A_COMMA.search(_fold(text))
                    and _tokens(said_sentences[k + 1])[:1] in [[w] for w in LETTER_OPENS]
                    if k + 1 < len(said_sentences)
                    else False
                )
            ),
            None,
        )
        read_until = (
            None
            if read_from is None
            else next(
                (k for k in range(read_from + 1, len(said_sentences)) if READ_ENDS.search(_fold(said_sentences[k]))),
                len(said_sentences),
            )
        )
        for position, (sentence, at) in enumerate(sentences):
            quote = _quote(sentence, at)
            tokens = _tokens(sentence)
            question = sentence.rstrip().endswith("?")
            if not question:
                said_plainly = " ".join(tokens)
                for person, denial in denials:
                    if _denies(denial, said_plainly, person.name):
                        evidence.add(
                            voice,
                            person.name,
                            -WEIGHT_INTRODUCTION,
                            "denied",
                            f"zegt {person.name.split()[0]} niet te zijn: {quote}",
                            (index, position),
                        )
                # "Doe de groeten aan Erik.": said to the other voice, Erik is not at the table (found attacking
                # naming, session 59: a stand-in was named by elimination as the director they came for)
                for person, absence in absences:
                    if absence.search(said_plainly.replace(" de groeten", " groeten")):
                        why = f"{person.name.split()[0]} is er niet, zegt een ander: {quote}"
                        for other in evidence.labels:
                            if other != voice:
                                evidence.add(other, person.name, -WEIGHT_INTRODUCTION, "denied", why, (index, position))
            # "Goedemiddag. Peter de Groot, manager klantcontact, ...": a greeting alone comes first, and
            # the sentence after it is weighed as a turn's first (not as an answer to "Wie ben jij?")
            after_greeting = position == 1 and bool(GREETING_ALONE.match(first))
            bare = (position == 0 or after_greeting) and not question
            # A name may come after a short opening: "Ik? Karin." "Zal ik maar beginnen? Peter Hoekstra."
            opening = (
                position == 0
                or after_greeting
                or (
                    position == 1
                    and len(_tokens(first)) <= 6
                    and (asked_who or (first.rstrip().endswith("?") and "ik" in _tokens(first)))
                )
            )
            following = _tokens(sentences[position + 1][0]) if position + 1 < len(sentences) else []
            after = then if position == 0 else following  # the sentence after a bare one
            # "Joost de Boer, wethouder in Rotterdam. Wat is het grootste probleem?": a host presents the one they then
            # ask (an attack, session 58: a moderator's second turn named him Joost de Boer at 0.98); only where a host
            # may be speaking (a voice's later turn, more voices than listed): a first turn "Kees Mol, Rentree. Wat is
            # jouw vraag?" is one's own (a reviewer's read), as is one's own question ("Zal ik beginnen?")
            asks_next = (
                (first_turns[voice] != index or len(first_turns) > len(listed))
                and position + 1 < len(sentences)
                and sentences[position + 1][0].rstrip().endswith("?")
                and not set(following) & (FIRST_PERSON | OWN_POSSESSIVE | {"me", "mij", "ons"})
            )
            # a name said after a short opening is one's own, as in answer (see _says_own_name); after a
            # greeting alone only a name with more said after a comma ("Goedemiddag. Sander Pauw,
            # beleidsadviseur bij ...") and no thanks or welcome next ("... Welkom.": to the one named)
            answering = position == 1 and (
                not after_greeting or ("," in sentence and not set(following) & {"welkom", "bedankt", "dank"})
            )
            before = _tokens(sentences[position - 1][0]) if position else []
            before_question = bool(position) and sentences[position - 1][0].rstrip().endswith("?")
            said = set()
            # someone else's words told by the speaker ("Hij zei: ik ben ...") or what one would be
            # ("Als ik directeur bij Woonbron was"): nothing the speaker says of themselves
            told = _reported(tokens[: tokens.index("ik") if "ik" in tokens else len(tokens)], before, following)
            # what one reads aloud after saying so: "Ik lees hem even voor. Beste Kees, ik ben Ann Bos, ..." (an
            # attack on naming, session 46: a mail read aloud named the reader after its writer at 1.00)
            told = told or (read_from is not None and read_from < position < read_until)
            # a greeting and "ik ben ..." after two sentences of a later turn, the one before not of oneself: someone's
            # call or visit acted out in a story ("Ik weet nog hoe het begon. De telefoon ging, en een man met een zware
            # stem. Goedemorgen, ik ben Piet de Wit, ...": an attack, session 59, named the teller the alderman at 0.95)
            # (not asked to say who one is: "Wil jij je even voorstellen?" "Ja, natuurlijk. Zeker. Goedemorgen, ik ben
            # ...", a reviewer's read)
            told = told or (
                position > 1
                and index != first_turns[voice]
                and not asked_who
                and bool(GREETING_THEN_IK.match(sentence))
                and not set(before) & OF_ONESELF
            )
            supposed = bool(HYPOTHETICAL.search(_fold(sentence)))
            # "Even voor de grap, ik ben Kees Mol, wethouder ...": a role played, by any rule
            own_at = re.search(r"\bik ben\b", sentence, re.I)
            supposed = supposed or bool(own_at and SUPPOSING.search(sentence[: own_at.start()]))
            # "Ik ben Sander Bos, wethouder van Zaanstad. Grapje hoor." (found attacking naming, session 59: the
            # director who said it named the alderman at 0.92, and kept as the alderman's voice profile)
            told = told or bool(
                own_at and any(TAKEN_BACK.match(s) for s in [*said_sentences[position + 1 :], next_opens])
            )
            # "Ik ben Lotte Smeets, nee, dat is zij. Ik ben de wethouder.", "Ik ben Lotte Smeets? Nee hoor.": a slip
            # put right at once, a "nee" right after the name or opening the next sentence (variants of an attack on
            # naming, session 60: the alderman went public as Lotte Smeets at 0.98)
            # (what follows the "nee" puts it right: not "..., nee, ik ben directeur van ...", "Nee, we bouwen ...")
            corrected = CORRECTED_AFTER_NAME.match(sentence, own_at.end()) if own_at else None
            next_said = said_sentences[position + 1] if own_at and position + 1 < len(said_sentences) else ""
            corrected_next = CORRECTED.match(next_said)
            told = told or bool(
                (corrected and PUT_RIGHT.search(sentence[corrected.end() :]))
                or (corrected_next and PUT_RIGHT.search(next_said[corrected_next.end() :]))
            )
            told_after = False
            not_own: set[str] = set()  # a name after "ik ben" that is not one's own: an object, owned, denied
            # "Ik ben meneer Jansen.": a surname after "ik ben" and "meneer" or "mevrouw" is one's own, no address
            # (an attack on naming, session 60: with Kees Jansen and Karin Janssen listed it introduced nobody, and
            # was read as the speaker saying "meneer Jansen" to the voice before, naming both voices wrong)
            own_title: set[str] = set()
            for match in INTRODUCTION.finditer(sentence):
                titled = _tokens(match[1])
                if titled[:1] and titled[0] in HONORIFICS and not set(titled) & NEGATIONS:
                    # (the surname ends what one is: not "Ik ben meneer Jansen dankbaar voor zijn steun", someone
                    # else thanked, a reviewer's read)
                    own_title |= {
                        p.name
                        for p in people
                        if _tokens(p.name)[1:] == titled[1 : len(_tokens(p.name))]
                        and titled[len(_tokens(p.name)) : len(_tokens(p.name)) + 1] in ([], *([w] for w in TITLE_ENDS))
                    }
                before_it = sentence[: match.start()]
                if told or _reported(_tokens(before_it), [], []) or reads_aloud(_fold(before_it)):
                    continue  # ("Ik citeer: Beste Kees, ik ben Ann Bos ...", "In de mail stond: ik ben ...")
                # someone's words with the reporting clause after them ("Ik ben Kees Mol, zei hij, en ..."), a
                # supposition ("Stel, ik ben Kees Mol, ..."): not the speaker's (an attack on naming, session 44)
                if (
                    TOLD_AFTER.match(sentence, match.start(1))
                    or TOLD_APART.search(sentence, match.end(1))
                    or SUPPOSING.search(sentence[: match.start()])
                ):
                    told_after = True  # someone's words: no address at the table, nor their side, either
                    continue
                # the whole clause, not only the words the pattern takes: "Ik ben Kees Mol vorig jaar in Zwolle
                # tegengekomen" ("ben" an auxiliary six words on)
                clause = sentence[match.start(1) :]
                similar = {p.name: _name_similarity(match[1], p.name, skippable) for p in people}
                for p in people:
                    if _name_not_ones_own(clause, _tokens(p.name), skippable):
                        # "Ik ben Ann Bos opgevolgd bij de gemeente": hers, by no other rule either (a reviewer's read)
                        opening_words = " ".join(_tokens(match[1])[: len(_tokens(p.name))])
                        if _name_similarity(opening_words, p.name, skippable) >= 0.8:
                            not_own.add(p.name)
                        similar[p.name] = 0.0
                best = max(similar.values(), default=0.0)
                if best < 0.8:
                    # "Ik ben Roeltoons, Roel Kuipers, ...": the first name Whisper misheard, then the full name
                    rest = sentence[match.start(1) :]
                    similar = {p.name: _restated_after(rest, p, following) for p in people} or similar
                    best = max(similar.values(), default=0.0)
                fitting = [name for name, value in similar.items() if value >= 0.8 and value >= best - 0.05]
                if len(fitting) == 1:
                    said.add(fitting[0])
                elif fitting:  # "Ik ben Peter." with two Peters on the programme
                    evidence.remarks[voice].append(
                        f"stelt zich voor als {match[1].strip(' ,')}: dat past bij {' en '.join(fitting)}"
                    )
                # Without a programme, a name like none of the known voices' is a stranger's just the same:
                # "Ik ben Marloes ..." is not Anna Visser, however alike two voices sound.
                elif best < 0.8 and (listed or people) and (unknown := _unknown_name(match[1], listed or people)):
                    alike = _sounds_like(match[1], people)
                    if alike:  # a name misheard, not a stranger: weak evidence for whom it sounds like
                        heard = " ".join(re.findall(r"[\w'’-]+", match[1])[: len(_tokens(alike[0]))])
                        why = f'noemt een naam die klinkt als {alike[0]} ("{heard}", {alike[1]:.2f}): {quote}'
                        evidence.add(voice, alike[0], WEIGHT_SOUNDS_ALIKE, "sounds_alike", why)
                    else:
                        evidence.strangers.setdefault(voice, []).append(f"{unknown}: {quote}")
            told = told or told_after  # "Ik ben Ann Bos, zegt ze dan, en ik werk bij De Linie": her side too
            # "Eh, wij bij de gemeente zouden dat nooit zo doen, zeggen ze dan.": another's side, told (session 46's
            # left wrong name); for the sides alone: "Ik ben Kees Mol, ..., zegt mijn visitekaartje" is his still
            side_told = bool(SIDE_TOLD.search(sentence))
            for p in people if not told else ():
                thanked = welcomed is not None and welcomed <= {p.name}
                if p is theirs:
                    continue  # the next voice says the name is theirs
                if p.name not in said and (
                    (answers_whom and position == 0)
                    or p.name in not_own
                    or hosting
                    or _name_in_anothers_clause(tokens, p, people)
                    or _taken_up_next(tokens, following, p, people)
                    or _taken_up_as_their_part(tokens, p, people)
                ):
                    continue  # one's "ik ben ..." alone counts where the turn presents two, or speaks of the one named
                if (
                    p.name in said
                    or _name_is(sentence, p)
                    or _that_is_me(sentence, p)
                    or (not question and not told and not supposed and _own_role_and_name(tokens, p, people))
                    or (not question and _name_restated(tokens, p, before, following, heard))
                    or (
                        bare
                        and not GREETING.match(sentence)
                        and not asks_next
                        and _introduces_by_name(tokens, p, people, after)
                    )
                    or (
                        opening
                        and not question
                        and not GREETING.match(sentence)
                        and _says_own_name(
                            tokens,
                            p,
                            people,
                            following,
                            # "Goedemiddag. Inge, toch, ...": after a greeting alone a first name greets Inge; one's
                            # full name there is one's own ("Goedemiddag. Sander Pauw, beleidsadviseur ...")
                            asked_who
                            or (answering and not (after_greeting and _after_full_name(tokens, p, people) is None)),
                        )
                    )
                    or (not question and _calls_oneself(tokens, p, people))
                    or (not question and not told and not supposed and _name_then_own_role(tokens, p, people))
                    or (
                        bare
                        and (address := _address_before(tokens, p, people)) is not None
                        # "Meneer Kok, Cor Bakker, van Het Anker, is helaas ziek" tells of Cor
                        and _speaks_of_oneself_first(address[0], TOLD_OF) is not False
                        and _introduces_by_name(address[0], p, [q for q in people if q is not address[1]], after)
                    )
                    or (
                        table_of_two
                        and position > 0
                        and not question
                        and not before_question
                        and _name_alone_after_ik_ben(tokens, p, people, before, following)
                    )
                    or (
                        position > 0
                        and not question
                        and not before_question
                        and (
                            _name_then_ik(tokens, p, people)
                            and _introduces_by_name(tokens, p, people, following)
                            or _name_alone_after_own_words(tokens, p, people, before, following)
                        )
                    )
                    or (
                        table_of_two
                        and index in opening_turns[voice]
                        and not supposed
                        and not introduced - {p.name}
                        and (
                            (position == 0 or after_greeting)
                            and _opens_with_who_one_is(sentence, following, p, people)
                            # after a word alone, "ik" must say it: "Klopt. Jolanda van Twillert, ik ben projectleider
                            # ..."; "Ja. Gerda Smeets, voorzitter van ..." may be a host presenting his guest
                            or (
                                position == 1
                                and set(_tokens(first)) <= BEFORE_ONES_NAME
                                and _opens_with_who_one_is(sentence, following, p, people, by_ik=True)
                            )
                        )
                    )
                    # the turn presents them as one presents oneself (their full name opens this sentence, their
                    # own role or organisation is said in it or beside it: "Tuurlijk. Dennis Kuipers. Ik
                    # coördineer het vroegsignaleringsteam van de Gemeente Amersfoort."), Whisper's full stop
                    # after the name or not
                    or (p.name in presented and _name_alone(tokens, p, people))
                ):
                    # "Ik ben Lotte van de organisatie.": with more voices than the programme lists, a first name alone
                    # may be someone off it who shares it (a moderator, in an attack on naming, session 60); it counts
                    # unless the rest says otherwise (another voice speaks for her, this one for someone else)
                    # (not a voice of a second or two beside two: "Mijn college." split off the alderman's words left
                    # his "Goedemiddag, ik ben Hamid." tentative, and his voice unnamed, a reviewer's read)
                    by_first_name = voices_heard > len(listed) and not set(_tokens(p.name)[1:]) <= set(tokens)
                    if (
                        not set(_tokens(p.name)[1:]) <= set(tokens)
                        and LEADS_THE_TALK.search(_fold(sentence))
                        and "gespreksleider" not in p.roles
                        # (not at her own organisation: "..., en ik leid bij Havensteder het gesprek met de huurders")
                        and not any(
                            tokens[k - 1] in AT_ONES_WORK and _theirs_alone(word, p, people)
                            for k, word in enumerate(tokens)
                            if k
                        )
                    ):
                        # "Ik ben Marieke, en ik leid dit gesprek.": a moderator who shares a participant's first
                        # name, not the participant (an attack on naming, session 60)
                        first = p.name.split()[0]
                        evidence.strangers.setdefault(voice, []).append(f"{first}, als gespreksleider: {quote}")
                        continue
                    # "Goedemiddag, ik ben Sander de Haan, directeur van Pré Wonen.": the name of one participant, the
                    # role or organisation of another alone (Whisper wrote Sandra de Haas so, in an attack on naming,
                    # session 60): a name misheard or a slip, for an editor to hear
                    other = _anothers_part(tokens, p, people)
                    if other is not None:
                        evidence.misheard.setdefault(voice, f"{p.name} met wat van {other.name} zegt: {quote}")
                    introduced.add(p.name)
                    evidence.add(
                        voice,
                        p.name,
                        WEIGHT_INTRODUCTION,
                        "introduction",
                        f"{INTRODUCTION_EVIDENCE}: {quote}",
                        tentative=by_first_name or _goes_on_after_ik_ben(sentence, p),
                    )
                elif (
                    table_of_two
                    and first_turns[voice] == index
                    and (position == 0 or previous is not None)  # a reply, to a voice before
                    and not question
                    and not GREETING.match(sentence)
                    and addressed <= {p.name}
                    and (
                        _introduces_after_opening(said_sentences, position, p, people, after, thanked)
                        or (position == 0 and _own_role_then_name(sentence, p, people))
                        or (position == 0 and _own_name_and_role_then_you(tokens, p, people))
                        or (
                            position > 0
                            and not before_question
                            and _name_alone_after_own_role(tokens, p, people, before, following)
                        )
                    )
                ):
                    # "Zal ik beginnen, Gerda Smeets, voorzitter van ..." may also be a host asking his guest:
                    # an introduction unless the rest of the talk says otherwise; "Top. Gerda Smeets, ..." as
                    # likely a host presenting his guest: only when the rest says so (see _Evidence.settle)
                    _introduce_tentatively(
                        evidence,
                        introduced,
                        voice,
                        p,
                        quote,
                        # thanks for a welcome tell the one welcomed from the host: not for the rest to settle
                        position > 0
                        and _acknowledges([s for s, _ in sentences[:position]])
                        and not (thanked and all(_thanks(_tokens(s)) for s, _ in sentences[:position]))
                        # one's role said in a sentence of its own and then one's name is "Directeur van
                        # ..., Hans Verhoef." with Whisper's full stop: as tentative, and no acknowledgement
                        and not _name_alone_after_own_role(tokens, p, people, before, following),
                    )
                elif (
                    not told
                    and not supposed
                    # "Annet Bosch, ik ben voorzitter ... En Jan-Willem, van de gemeente.": after one's own name,
                    # another's first name and their organisation present the other (Whisper lost "jij bent")
                    and not introduced - {p.name}
                    # "Dag Kees, directeur van Rentree. Leuk je te ontmoeten.": a greeting right before a name, no
                    # comma between, greets them (one reads their badge); "Hoi, Maarten, gemeente." presents oneself
                    and not GREETING.match(sentence)
                    and (
                        (
                            not question
                            and (_name_then_own_part(tokens, p, people) or _full_name_then_own_part(tokens, p, people))
                        )
                        or (
                            table_of_two
                            and index in opening_turns[voice]
                            and not question
                            and _first_name_then_where_one_sits(tokens, p, people)
                        )
                        or (
                            table_of_two
                            and index in opening_turns[voice]
                            and (not question or tokens[-2:] in ASKED_BACK)
                            and _first_name_then_own_words(tokens, p, people)
                            # "Welkom, Koen. Koen, wijkconsulent bij Lindewaard, in Kortenhoef.": a host reads
                            # the guest's badge; the name said in another of the turn's sentences is the guest's
                            and turn_words()[_tokens(p.name)[0]] <= tokens.count(_tokens(p.name)[0])
                        )
                    )
                ):
                    # A first name, then at once who that participant is ("Dennis, ik ben wijkagent in Lelystad",
                    # "Rik, wijkconsulent, ..."): Whisper's comma after a first name one says of oneself. An
                    # introduction unless the rest of the talk says otherwise (another voice presents itself
                    # as them, this voice has something for the other participant): see _Evidence.settle.
                    _introduce_tentatively(evidence, introduced, voice, p, quote)
            if only_introductions:
                continue
            # "Ik ben teamleider, bij Geldzorg Rotterdam": one participant's role at their organisation
            for p in people if not (question or told or supposed) else ():
                if p.name not in introduced and _states_own_role(tokens, p, people):
                    why = f"noemt de eigen functie en organisatie: {quote}"
                    evidence.add(voice, p.name, WEIGHT_OWN_ROLE, "own_role", why, (index, position))
            # "Ik ben Anna, en naast me zit Joost van Woonbron": in a tweegesprek, the other voice
            for match in INTRODUCING_OTHER.finditer(sentence) if two_voices and nxt else ():
                similar = {p.name: _name_similarity(match[1], p.name) for p in people if p.name not in introduced}
                fitting = [name for name, value in similar.items() if value >= 0.8]
                if len(fitting) == 1:
                    evidence.add(nxt, fitting[0], WEIGHT_ADDRESSED, "addressed", f"wordt voorgesteld: {quote}")
            # "En dan vragen ze, Mustafa, wat staat hier?": a name in speech told of is no address to the listener
            # nor after a verb of saying or thinking and a colon: "Ik dacht toen: Kees, waar ben je mee bezig?",
            # "De huurder vroeg: bent u Ann Bos?" (an attack on naming, session 44: both named the pair wrong)
            told_at = _told_from(sentence)
            named = (
                []
                if REPORTED_SPEECH.match(sentence) or told_after
                else _vocatives(sentence[:told_at] if told_at is not None else sentence, listed)
            )
            # the turn ends by giving the floor to the one participant it names, now: the next voice is
            # theirs ("Fatima El Amrani, van de bibliotheek, begint."; not "Peter begint morgen bij ons")
            floor = (
                len(named) == 1
                and named[0] in by_name
                and position == len(sentences) - 1
                and not question
                and not LATER.search(_fold(sentence))
                and (
                    (
                        bool(GIVES_THE_FLOOR.search(_fold(sentence)))
                        and (_opens_told_of(tokens, by_name[named[0]], people) or "woord aan" in _fold(sentence))
                    )
                    or bool(GIVES_YOU_THE_FLOOR.search(_fold(sentence)))
                )
            )
            presented_here = {
                p.name
                for match in INTRODUCING_OTHER.finditer(sentence)
                for p in people
                if _name_similarity(match[1], p.name) >= 0.8
            }
            for name in named:
                if name in introduced or name not in names or name in in_audience or name in own_title:
                    continue
                if _puts_own_name_right(tokens, by_name[name]):
                    continue  # "Het is Bart, niet Bert.": one's own name said right, no answer to Bart
                if (
                    (position == 0 or after_greeting)
                    and not asks
                    and _opens_with_full_name(tokens, by_name[name], people)
                ):
                    # "Esther Wouters, <words Whisper garbled>. Veel van mijn cliënten ...": a full name
                    # that opens a turn asking nothing is more likely one's own than an address
                    continue
                if (
                    table_of_two
                    and (previous is not None or position > 0)
                    and index in opening_turns[voice]
                    and not question
                    and _opens_with_full_name(tokens, by_name[name], people)
                ):
                    # "Aangenaam. Lotte Janssen, manager verhuur, ...", "Projectontwikkelaar, dat ben ik. Ruben
                    # Hoogendijk.": in reply to the other, one's full name opening a sentence of one's first
                    # turns is one's own; one addresses the other by first name or "mevrouw Pinas"
                    continue
                if name in presented:
                    # "Ouderenadviseur in Vlissingen, Stichting Welzijn. Marja Kodde, dus jij bent ...": one's own
                    # role, then one's name, read as addressing the other named both voices the wrong way round
                    continue
                if not question and (
                    _with_own_role(tokens, by_name[name], people)
                    or _ends_with_own_role(sentence, by_name[name], people)
                ):
                    # "Voorzitter van de Wijkraad Donderberg, Mia Houben.": a name with its own role and
                    # organisation presents that person (oneself, or a guest), it addresses no one; read
                    # as an address it named both voices the wrong way round
                    continue
                first = name.split()[0]
                evidence.add(
                    voice, name, -WEIGHT_MENTIONS, "mentions", f"spreekt {first} aan of noemt {first}: {quote}"
                )
                if _spoken_to(tokens, first):
                    evidence.spoken_to.add((voice, name))
                # (a question to "je" or "u" is put to someone, one's own "mij" in it or not: "Marieke, kun je mij
                # vertellen wat de huurders merken?", a reviewer's read, named the two voices heard as one Marieke)
                if question and (
                    not set(tokens) & {"ik", "mij", "me", "mijn", "m'n"}
                    or set(tokens) & {"je", "jij", "u", "jullie", "jou", "jouw", "uw"}
                ):
                    # (not one's own thought: "Kees, waar moet ik over drie jaar heen?", heldout27/05, replayed)
                    evidence.asked.add((voice, name))
                if question or not _said_as_ones_own(tokens, name):
                    evidence.not_oneself.add((voice, name))
                elif index in opening_turns[voice]:
                    evidence.opens_with.add((voice, name))
                later_question = any(s.rstrip().endswith("?") for s, _ in sentences[position:])
                # (not where another is named before the question: "Jurre, sorry. Femke?" asks Femke)
                later_question = later_question and (
                    question or not {n for s, _ in sentences[position + 1 :] for n in _vocatives(s, listed)} - {name}
                )
                # asked whether they are that person, and the reply says no (not "Nee, dat ben ik, zeker.")
                # or welcomed by name, then asked: "Welkom Erik. Jij bent van Ymere, toch?" "Nee, ik zit bij De Key."
                # (but not "Erik, ben je het daarmee eens?" "Nee.": a no to what one thinks, a reviewer's read)
                who = later_question and any(
                    _asks_if_they_are(s, by_name[name], people) for s, _ in sentences[position:]
                )
                denied = later_question and bool(ASKS_WHO.search(sentence) or name in sentence or who)
                if denied:
                    denied = bool(DENIES.match(answer())) and not THAT_IS_ME.search(answer())
                if denied and who and nxt:
                    # the one who says no is not the one named, not by elimination either
                    why = f"zegt nee op de vraag of dit {first} is: {quote}"
                    evidence.add(nxt, name, -WEIGHT_ADDRESSED, "denied", why, (index, position))
                if nxt and INTERRUPTS.match(answer()):
                    # "Ann, wat is voor jou de grootste zorg?" "Mag ik eerst even iets zeggen? Wij als Rentree ...":
                    # the one who cuts in is not the one asked (an attack on naming, session 45)
                    pass
                elif later_question and nxt and not denied:
                    # not where the reply says no: "Bent u Ann Bos?" "Nee, dat is mijn collega."
                    evidence.add(nxt, name, WEIGHT_ADDRESSED, "addressed", f"wordt aangesproken: {quote}")
                elif floor and nxt:
                    evidence.add(nxt, name, WEIGHT_ADDRESSED, "addressed", f"krijgt het woord: {quote}")
                elif (
                    position == 0
                    and previous
                    and not asks
                    and not _opens_told_of(tokens, by_name[name], people)
                    and not _taken_up_next(tokens, following, by_name[name], people)
                    # "Met Kees Mol, en naast me zit Ann Bos": Ann presented, not answered (a reviewer's read)
                    and name not in presented_here
                ):
                    # "Ineke, dat klopt": an answer to Ineke; "Ineke Wubbels weet dat ook" tells of her; not "Nee,
                    # Jurre." to the voice that said "Joeri": one's own name put right
                    # (nor from a voice of a second or two, split off another's words: m04 of session 61's attack,
                    # Whisper's "Peter" for the alderman's "Beterschap" named the stand-in before it Peter Bakker)
                    if not _misnamed_before(asked, by_name[name], people) and spoken[voice] >= SPLIT_OFF_SECONDS:
                        evidence.add(previous, name, WEIGHT_THANKED, "addressed", f"krijgt antwoord: {quote}")
            where = (index, position)  # one sentence is one piece of evidence per participant and kind
            said_here = " ".join(tokens)
            past = bool(PAST.search(said_here)) or bool(
                formerly.get(voice) and THEN.search(said_here) and formerly[voice] & set(tokens)
            )
            # another's words told ("Ik kwam binnen en ze zei: ik ben Ann Bos, van de gemeente"): not one's side
            told_words = _tokens(sentence[:told_at]) if told_at is not None else tokens  # before the words told
            told_by_another = told_at is not None and (
                reads_aloud(_fold(sentence[:told_at]))  # "Ik lees voor uit haar mail: ik ben Ann Bos"
                or (_reported(told_words, [], []) and _teller(told_words) not in FIRST_PERSON)
            )
            # "Ik ben Ann Bos gisteren tegengekomen bij de gemeente": "ben" an auxiliary, the place a visit
            auxiliary = bool(not_own)
            for polarity, said, keys, owners in _sides(told_words if told_by_another else tokens, people):
                if (told or side_told or supposed or past or auxiliary) and polarity in ("own", "role"):
                    continue
                for p in people:
                    if polarity in ("own", "other") and (keys & p.kinds or p in owners):
                        what = KINDS[min(keys & p.kinds)]["label"] if keys & p.kinds else p.organisation
                        if polarity == "own":
                            why, weight = f'spreekt voor {what} ("{said}")', WEIGHT_SIDE
                        else:
                            why, weight = f'neemt afstand van {what} ("{said}")', -WEIGHT_SIDE
                        evidence.add(voice, p.name, weight, "side", f"{why}: {quote}", where)
                    elif polarity == "role" and keys & p.roles:
                        what = ROLES[min(keys & p.roles)]["label"]
                        why = f'spreekt als {what} ("{said}"): {quote}'
                        evidence.add(voice, p.name, WEIGHT_ROLE, "role", why, where)
                    elif polarity == "not_role" and keys & p.roles:
                        what = ROLES[min(keys & p.roles)]["label"]
                        why = f'is geen {what} ("{said}"): {quote}'
                        evidence.add(voice, p.name, -WEIGHT_ROLE * 2, "role", why, where)
            # not where the reply says no to whom one is: "Jij bent van Ymere, toch?" "Nee, ik zit bij De Key."
            if sentence.rstrip().endswith("?") and nxt and not (ASKS_WHO.search(sentence) and DENIES.match(answer())):
                kinds, owners, roles = _question_about(tokens, people)
                for p in people:
                    if kinds & p.kinds or p in owners or roles & p.roles:
                        if kinds & p.kinds:
                            what = KINDS[min(kinds & p.kinds)]["label"]
                        elif p in owners:
                            what = p.organisation
                        else:
                            what = "de " + ROLES[min(roles & p.roles)]["label"]
                        why = f"antwoordt op een vraag aan {what}: {quote}"
                        evidence.add(nxt, p.name, WEIGHT_ANSWER, "answer", why, where)
            if moderators and (sentence.rstrip().endswith("?") or MODERATING.search(_fold(sentence))):
                for p in moderators:
                    evidence.add(voice, p.name, WEIGHT_MODERATING, "moderating", f"leidt het gesprek: {quote}")


def _recognise(voices, profiles, flagged, listed: set[str], evidence: _Evidence) -> None:
    """Evidence from known voices: a listed participant's profile counts, any other is a remark."""
    for label, voice in voices.items():
        if label not in evidence.remarks:
            continue
        for name, profile in profiles.items():
            similarity = _cosine(voice, profile)
            if similarity < VOICE_MATCH_THRESHOLD:
                continue
            if name in flagged:
                other, alike = flagged[name]
                evidence.remarks[label].append(
                    f"klinkt als {name} ({similarity:.2f}), maar dat stemprofiel lijkt op dat van {other} "
                    f"({alike:.2f}) en telt niet mee"
                )
            elif listed and name not in listed:
                evidence.remarks[label].append(f"klinkt als {name} ({similarity:.2f}), die niet op het programma staat")
            else:
                weight = WEIGHT_VOICE * (1 + (similarity - VOICE_MATCH_THRESHOLD) / (1 - VOICE_MATCH_THRESHOLD))
                evidence.add(label, name, weight, "voice", f"{PROFILE_EVIDENCE} {name} ({similarity:.2f})")


class _Assignments:
    """Every complete assignment of voices (rows) to candidates (columns) or nobody, searched exactly.

    Dynamic programming over the set of candidates already taken, forwards and backwards, so
    that the best assignment and, for every voice and choice, the best assignment that makes
    that choice come out of one pass each: n voices and m candidates cost n * 2^m * m steps
    (a few thousand for a table of three; 8 voices and 8 candidates: 18,000).
    """

    def __init__(self, scores: list[list[float]], nobody: float) -> None:
        self.scores, self.nobody = scores, nobody
        n, m = len(scores), len(scores[0]) if scores else 0
        self.n, self.m = n, m
        full = range(1 << m)
        # forward[i][mask]: best score of voices before i that took exactly the candidates in mask
        self.forward: list[dict[int, float]] = [{0: 0.0}]
        for i in range(n):
            step: dict[int, float] = {}
            for mask, value in self.forward[i].items():
                for column, taken in self._choices(i, mask):
                    total = value + (self.nobody if column is None else scores[i][column])
                    if total > step.get(taken, -math.inf):
                        step[taken] = total
            self.forward.append(step)
        # backward[i][mask]: best score of voices from i on when the candidates in mask are taken
        self.backward: list[list[float]] = [[0.0] * (1 << m) for _ in range(n + 1)]
        for i in reversed(range(n)):
            for mask in full:
                self.backward[i][mask] = max(
                    (self.nobody if c is None else scores[i][c]) + self.backward[i + 1][taken]
                    for c, taken in self._choices(i, mask)
                )

    def _choices(self, i: int, mask: int):
        yield None, mask
        for column in range(self.m):
            if not mask & (1 << column):
                yield column, mask | (1 << column)

    def best(self) -> tuple[float, list[int | None]]:
        """The best total, and each voice's column (None: nobody)."""
        chosen: list[int | None] = []
        mask, value = 0, 0.0
        for i in range(self.n):
            column, taken = max(
                self._choices(i, mask),
                key=lambda choice: (
                    (self.nobody if choice[0] is None else self.scores[i][choice[0]]) + self.backward[i + 1][choice[1]]
                ),
            )
            chosen.append(column)
            value += self.nobody if column is None else self.scores[i][column]
            mask = taken
        return self.backward[0][0], chosen

    def best_with(self, i: int, column: int | None) -> float:
        """The best total of the assignments in which voice ``i`` takes ``column`` (None: nobody)."""
        gain = self.nobody if column is None else self.scores[i][column]
        best = -math.inf
        for mask, value in self.forward[i].items():
            if column is not None and mask & (1 << column):
                continue
            taken = mask if column is None else mask | (1 << column)
            best = max(best, value + gain + self.backward[i + 1][taken])
        return best


#: Words after "ik ben" and one's full name, no comma between, that go on saying who one is: "... van Havensteder",
#: "... en ik ...", "... hier namens ...", "... de directeur", "... gepensioneerd" (Whisper's lost commas).
GOES_ON_SAYING_WHO = TITLE_ENDS | APPOSITION_OPENS | CLAUSE_BREAKS | NAME_FILLERS | ONES_OWN_PARTICIPLES | {"de", "het"}


def _goes_on_after_ik_ben(sentence: str, person: _Person) -> bool:
    """Whether "ik ben" and ``person``'s full name go on, in the same clause, with a word that says nothing of who one
    is: "Ik ben Lotte Smeets nog een excuus verplicht.", "... graag van dienst", "... zeer toegewijd" (variants of
    an attack on naming, session 61: each the alderman's introduction at 0.98, and the director, by elimination, him).
    Such an introduction counts unless the rest of the talk says otherwise (:meth:`_Evidence.settle`); a word list
    of what one can be to someone (:data:`OBJECT_PREDICATES`) is never whole."""
    found = re.search(rf"\bik ben\s+(?:[\w'’-]+\s+)?{re.escape(' '.join(_tokens(person.name)))}\b(.*)", _fold(sentence))
    if found is None or not found[1].strip() or found[1].lstrip()[:1] in ',.;:!?"”’)':
        return False
    word = _tokens(found[1])[0] if _tokens(found[1]) else ""
    return bool(word) and not (
        word in GOES_ON_SAYING_WHO or _own_word(word, person) or _roles_of(word) or _kinds_of(word)
    )


def _introduce_tentatively(
    evidence: _Evidence, introduced: set[str], voice: str, person: _Person, quote: str, unsettled: bool = False
) -> None:
    """``person``'s introduction by ``voice``, unless the rest of the evidence says otherwise (and with
    ``unsettled``, only where it says so too): see :meth:`_Evidence.settle`."""
    introduced.add(person.name)
    why = f"{INTRODUCTION_EVIDENCE}: {quote}"
    evidence.add(voice, person.name, WEIGHT_INTRODUCTION, "introduction", why, tentative=True, unsettled=unsettled)


def _confidence(margin: float) -> float:
    """0 for no margin; approaches 1 as the margin grows (1: 0.63, 2: 0.86, 4: 0.98)."""
    return round(1 - math.exp(-max(margin, 0.0)), 2)


#: The most a name is sure of where all that speaks for it is the other voices addressing this one ("Mag ik
#: Bart Smulders?", "Wilma, ..., toch?"): one sentence read as an address counts twice in the margin (for the
#: voice addressed and against the one who says it), and such names were wrong in 4 of the 17 named at 0.9 or
#: more on the spoken sets, against 3 of 542 for the rest (BENCHMARKS "Thirty-fourth round"). Under
#: workspace.ACT_ON_NAME, so withdrawing or forgetting on such a name asks first.
ADDRESSED_ALONE = 0.86
#: The evidence lines of the other voice addressing this one, and the lines that say nothing for or against
#: the name itself (elimination follows from the other voice; a name this voice says is someone else's).
ADDRESS_LINES = ("wordt aangesproken:", "krijgt het woord:", "krijgt antwoord:")
BESIDE_THE_NAME = re.compile(r"door eliminatie|maar: |niet als voorstellen gelezen|spreekt .+? aan of noemt ")


def addressed_alone(evidence: Sequence[str]) -> bool:
    """Whether all that speaks for a voice's name in its evidence lines is the other voice addressing it
    (:data:`ADDRESSED_ALONE`); read from the lines, so a transcript named before holds to it too."""
    own = [line for line in evidence if not BESIDE_THE_NAME.match(line)]
    return bool(own) and all(line.startswith(ADDRESS_LINES) for line in own)


def _assign(
    labels: list[str], evidence: _Evidence, threshold: float, kept: dict[str, Speaker] | None = None
) -> dict[str, Speaker]:
    """The best complete assignment of names to voices, with each voice's margin over its alternatives;
    ``kept``: the voices an editor named (not in ``labels``)."""
    scores = evidence.scores()
    # A voice that introduces itself as two people is two voices heard as one: it gets no name.
    for label in labels:
        introduced = evidence.introduced(label)
        if len(introduced) > 1:
            scores[label] = dict.fromkeys(scores[label], -math.inf)
            evidence.remarks[label].insert(
                0, f"stelt zich voor als {' en als '.join(introduced)}: twee stemmen als één gehoord; splits de beurten"
            )
        elif introduced and (label, introduced[0]) in evidence.asked and evidence.by_first_name(label, introduced[0]):
            # "Ik ben Marieke, en ik leid dit gesprek. ... Marieke, wat merken de huurders?": one does not ask oneself
            # by name; a moderator with a participant's first name and that participant heard as one voice (an
            # attack on naming, session 60: the moderator's words went public as the participant's)
            scores[label] = dict.fromkeys(scores[label], -math.inf)
            first = introduced[0].split()[0]
            why = f"stelt zich voor als {first} en vraagt {first} iets: twee stemmen als één gehoord; splits de beurten"
            evidence.remarks[label].insert(0, why)
        elif introduced and (
            welcomed := {n for v, n in evidence.welcomed if v == label}
            - set(introduced)
            # (not a name another voice introduces itself by: the director going on after the host's "Ah, welkom
            # Anouk, schuif maar aan." before Anouk's own "Ik ben Anouk Peters", a reviewer's read)
            - {n for other in scores if other != label for n in evidence.introduced(other)}
        ):
            # "Welkom Karin." "Dank je, Mark. ..." and later "Ik ben Anouk Peters, ik ben te laat.": one does not
            # take another's name in silence; two participants heard as one voice (an attack on naming, session 61:
            # Karin Vos's words went public as Anouk Peters's)
            scores[label] = dict.fromkeys(scores[label], -math.inf)
            why = (
                f"stelt zich voor als {introduced[0]} en liet zich verwelkomen als {sorted(welcomed)[0].split()[0]}:"
                " twee stemmen als één gehoord; splits de beurten"
            )
            evidence.remarks[label].insert(0, why)
        elif label in evidence.misheard:
            scores[label] = dict.fromkeys(scores[label], -math.inf)
            evidence.remarks[label].insert(0, f"stelt zich voor als {evidence.misheard[label]}; luister wie het is")
        elif not introduced and label in evidence.strangers:
            # "Ik ben Sandra, ik val voor Joost in": someone off the programme, whatever side they speak for
            scores[label] = dict.fromkeys(scores[label], -math.inf)
            evidence.remarks[label].insert(
                0, f"stelt zich voor als {evidence.strangers[label][0]}, een naam die niet op het programma staat"
            )
    # Candidates nothing was heard for are interchangeable, and at most one per voice can be
    # used: keeping that many keeps the search exact and small with a long programme.
    silent = [name for name in evidence.names if not any(scores[label][name] for label in labels)]
    names = [name for name in evidence.names if name not in silent[len(labels) :]]
    assignments = _Assignments([[scores[label][name] for name in names] for label in labels], -WEIGHT_NOBODY)
    total, chosen = assignments.best()
    result = {}
    for row, label in enumerate(labels):
        column = chosen[row]
        if column is None:
            result[label] = Speaker(label, None, 0.0, evidence.remarks[label][:3])
            continue
        runner_up = max(assignments.best_with(row, other) for other in [None, *range(len(names))] if other != column)
        result[label] = Speaker(label, names[column], _confidence(total - runner_up), [])
    # Named by elimination alone, where elimination does not hold: no name. Until nothing changes,
    # since a voice left unnamed can take away the elimination another voice rested on.
    dropped: dict[str, tuple[str, str]] = {}
    while True:
        newly = {}
        for label in labels:
            speaker = result[label]
            if speaker.name is None or evidence.speaks_for(label, speaker.name):
                continue
            left = _left_over(label, speaker.name, result, evidence, scores[label], threshold)
            if left.startswith("niet "):
                newly[label] = (speaker.name, left)
        if not newly:
            break
        for label, (name, left) in newly.items():
            dropped[label] = (name, left)
            result[label] = replace(result[label], name=None)
    for label in labels:
        speaker = result[label]
        if label in dropped:
            name, left = dropped[label]
            why = _why(label, name, chosen, labels, names, evidence, left)
            result[label] = replace(speaker, evidence=[f"misschien {name}", *why][:8])
            continue
        if speaker.name is None:
            continue
        left = _left_over(label, speaker.name, result, evidence, scores[label], threshold)
        introduced = speaker.name in evidence.introduced(label)
        shown = "" if left.startswith("niet ") or introduced else left  # an introduction says enough
        why = _why(label, speaker.name, chosen, labels, names, evidence, shown)
        if speaker.confidence >= threshold:
            result[label] = replace(speaker, evidence=why[:8])
        else:
            result[label] = replace(speaker, name=None, evidence=[f"misschien {speaker.name}"] + why)
    for label in labels:
        if result[label].name is None and label not in dropped:
            left = _left_past_a_name_said(label, result, evidence, scores[label], threshold, kept or {})
            if left:
                name, line, confidence = left
                why = _why(label, name, chosen, labels, names, evidence, line)
                result[label] = Speaker(label, name, confidence, why[:8])
    return {label: as_sure_as_read(speaker) for label, speaker in result.items()}


def _left_past_a_name_said(
    label: str,
    result: dict[str, Speaker],
    evidence: _Evidence,
    scores: dict[str, float],
    threshold: float,
    kept: dict[str, Speaker],
) -> tuple[str, str, float] | None:
    """The one participant left for the one voice left, where nothing but names this voice said stands
    against it: two voices for two participants, the other voice named by what it says of itself (its
    introduction, its own role and organisation, its voice) or by an editor. A name said was read as said
    to the listener ("Oh, jij bent Milan. Hanneke Brinkhorst, je brief ligt op mijn bureau." heard with
    Whisper's comma for her full stop), but the listener is someone else: said by this voice, the name is its
    own, where this voice says it as one says one's own every time (:func:`_said_as_ones_own`: not in a
    question, not told of, not said to), once in its first two turns. Not for a voice that introduced itself as
    someone off the programme, has anything for someone else, or says less than half an equal share of the
    words. Returns the name, the evidence line and a confidence no higher than the assignment's margin of one
    gives (0.63), or None."""
    if evidence.programme != 2 or len(evidence.words) != 2 or label in evidence.strangers:
        return None
    other = next((s for other, s in {**result, **kept}.items() if other != label), None)
    if other is None or other.name is None:
        return None
    if not (other.confirmed or other.label in kept):
        says_who = any(
            c.label == other.label and c.name == other.name and c.weight > 0 and c.category in SAYS_WHO
            for c in evidence.clues
        )
        if other.confidence < threshold or not says_who:
            return None
    left = [name for name in evidence.names if name != other.name]
    if len(left) != 1 or math.isinf(scores.get(left[0], 0.0)):
        return None
    name = left[0]
    mine = [c for c in evidence.clues if c.label == label]
    if any(c.name != name and c.weight > 0 for c in mine) or any(
        c.name == name and c.weight < 0 and c.category != "mentions" for c in mine
    ):
        return None
    if (label, name) in evidence.not_oneself:
        return None
    # the name said as one says one's own, every time, once in one's first turns ("Dank je, Anneke." thanks her,
    # "Kees, jij hier ook." greets him, "Bea Smit kon niet komen" tells of her)
    if any(c.name == name for c in mine) and (label, name) not in evidence.opens_with:
        return None
    if any(r.startswith("stelt zich voor als") for r in evidence.remarks[label]):
        return None
    share = evidence.words.get(label, 0) / max(sum(evidence.words.values()), 1)
    if share < ELIMINATION_SHARE / 2:
        return None
    said = any(c.name == name for c in mine)
    said = f"; de naam {name}, die deze stem zelf zegt, is dan de eigen naam" if said else ""
    line = (
        f"door eliminatie: 2 stemmen voor 2 sprekers op het programma, de andere stem is {other.name}{said};"
        f" deze stem zegt {share:.0%} van de woorden"
    )
    # no surer than elimination on the assignment's own margin: a name said stood against it
    return name, line, min(_confidence(WEIGHT_NOBODY), 1.0 if other.label in kept else other.confidence)


#: What may come before one's own name at the start of a sentence: a greeting, a "ja", a laugh.
BEFORE_OWN_NAME = frozenset("hoi hallo dag goedemiddag goedemorgen goedenavond ja jawel klopt ha haha nou o oh".split())
#: After a name, before one's own "ik", words that speak to that person or tell of them: "Kees, jij hier ook",
#: "Bea Smit, die is ziek", "Bea Smit, van De Horst, zij kon niet".
TOLD_AFTER_NAME = frozenset("jij u zij ze hij die haar hem".split())


def _said_as_ones_own(tokens: list[str], name: str) -> bool:
    """Whether a sentence says ``name`` as one says one's own: opening it (after :data:`BEFORE_OWN_NAME` words),
    with no verb of its own ("Bea Smit kon niet komen", "schuift zo aan"), "en", "toch", "je bent" or "je hebt"
    right after the name, and no word of :data:`TOLD_AFTER_NAME` before one's own "ik" ("Hoi, Dirk.", "Hanneke
    Brinkhorst, je brief ligt ..."; not "Dank je, Anneke.", "Kees, je bent laat", "Bea Smit, van De Horst, die is
    ziek"); a first name alone, with nothing to or of someone after it at all."""
    named = _tokens(name)
    rest = list(itertools.dropwhile(lambda word: word in BEFORE_OWN_NAME, tokens))
    if not named or not rest or rest[0] not in (named[0], named[-1]):
        return False
    full = len(named) > 1 and rest[: len(named)] == named
    after = rest[len(named) :] if full else rest[1:]
    # ("Kees en ik kennen elkaar" tells of two people, "Annemiek, toch?" asks)
    if after[:1] in (["en"], ["toch"]) or after[:2] in (["je", "bent"], ["je", "hebt"]):
        return False
    if after and _third_person_verb(after[0]):
        return False
    if any(word in TOLD_AFTER_NAME for word in itertools.takewhile(lambda word: word != "ik", after)):
        return False
    # a first name alone, then words to someone or of someone, speaks to the one named ("Ans, hoi, ik ken je van
    # de buurtavond", "Mehmet, ik wist niet dat hij hier ook zou zijn"); not one's own name asking back ("Esmée,
    # ja, de Vechtkamer en je bent")
    asks_back = after[-3:] in (["en", "je", "bent"], ["en", "jij", "bent"], ["en", "u", "bent"])
    return full or asks_back or not any(word in TOLD_AFTER_NAME | {"je", "jou", "jouw", "jullie"} for word in after)


def _spoken_to(tokens: list[str], first: str) -> bool:
    """Whether the words after a first name said go on speaking to the listener before the speaker's own "ik",
    "we" or "wij": "Annelies Bakker, fijn dat je er bent.", "Kees, wat vind jij?"; not "Esra, schuldhulpverlener,
    ik krijg jouw aanmaningen", one's own name, then one's own words."""
    if first.casefold() not in tokens:
        return False
    for word in tokens[tokens.index(first.casefold()) + 1 :]:
        if word in FIRST_PERSON:
            return False
        if word in SECOND_PERSON | OTHER_POSSESSIVE | {"jou", "welkom"}:
            return True
    return False


def _left_over(
    label: str, name: str, result: dict[str, Speaker], evidence: _Evidence, scores: dict[str, float], threshold: float
) -> str:
    """Whether ``label`` is the one voice left for the one participant left, as an editor tells by
    elimination: as many voices as the programme lists participants, every other voice named with
    confidence, no evidence on balance against ``name`` or for anyone else from this voice (but for
    someone another voice introduced itself as), and at least half an equal share of the words.
    Returns the evidence line that says so ("door eliminatie: ..."), or why not ("niet door
    eliminatie: ..."); "" without a programme. ``scores``: this voice's, per participant."""
    voices = len(evidence.words)
    if not evidence.programme:
        return ""
    if voices != evidence.programme:
        return f"niet door eliminatie: {voices} stemmen voor {evidence.programme} sprekers op het programma"
    others = [s for other, s in result.items() if other != label]
    unsure = [s.label for s in others if s.name is None or s.confidence < threshold]
    if unsure:
        return f"niet door eliminatie: {', '.join(unsure)} niet zeker benoemd"
    # Elimination needs more than names said: where all that was heard is names read as said to someone, and
    # none of them goes on speaking to them ("Hoi, Bas, van de energiecoöperatie" read as an address to Bas;
    # not "Annelies Bakker, fijn dat je er bent"), the names were right about as often as wrong over the spoken
    # sets (4 voices against 4)
    if (
        evidence.clues
        and all(c.category == "mentions" for c in evidence.clues)
        and not any((c.label, c.name) in evidence.spoken_to for c in evidence.clues)
    ):
        return "niet door eliminatie: alleen genoemde namen gehoord, geen stem zegt wie ze is"
    if scores.get(name, 0.0) < 0:
        return f"niet door eliminatie: er is iets tegen {name}"
    # Evidence for someone whose own voice introduced itself is outweighed ("En jij bent van de
    # huurders" heard as "En we ben het van de huurders"); for anyone else it is not. An introduction
    # that fits two participants stops it too; a voice profile of someone off the programme stays a
    # remark, as everywhere (synthetic voices and family members sound alike).
    introduced = {n for other in evidence.words if other != label for n in evidence.introduced(other)}
    # A voice that gave a name of its own, even one misheard as a participant's, is not the one left.
    if any(c.label == label and c.category == "sounds_alike" and c.name != name for c in evidence.clues):
        return "niet door eliminatie: deze stem noemt zich anders"
    if any(r.startswith("stelt zich voor als") for r in evidence.remarks[label]) or any(
        score > 0 for other, score in scores.items() if other != name and other not in introduced
    ):
        return "niet door eliminatie: deze stem wijst ook op iemand anders"
    share = evidence.words.get(label, 0) / max(sum(evidence.words.values()), 1)
    if share < ELIMINATION_SHARE / voices:
        return f"niet door eliminatie: deze stem zegt maar {share:.0%} van de woorden"
    named = ", ".join(s.name for s in others if s.name)
    return (
        f"door eliminatie: {voices} stemmen voor {voices} sprekers op het programma, de andere"
        f" {'stem is' if len(others) == 1 else 'stemmen zijn'} {named}; deze stem zegt {share:.0%} van de woorden"
    )


def _why(
    label: str,
    name: str,
    chosen: list[int],
    labels: list[str],
    names: list[str],
    evidence: _Evidence,
    elimination: str = "",
) -> list[str]:
    """The evidence lines for naming ``label`` ``name``: for it, by elimination, against the others,
    against it, remarks."""
    mine = [c for c in evidence.clues if c.label == label]
    lines = []
    shown: dict[str, int] = {}
    for clue in sorted((c for c in mine if c.name == name and c.weight > 0), key=lambda c: -c.weight):
        shown[clue.category] = shown.get(clue.category, 0) + 1
        if shown[clue.category] <= 2:  # two examples of a kind say enough
            lines.append(clue.why)
    lines += list(dict.fromkeys(c.why for c in mine if c.name != name and c.weight < 0))
    if not evidence.speaks_for(label, name):
        others = [names[c] for row, c in enumerate(chosen) if labels[row] != label and c is not None]
        if others and not elimination:  # the elimination's own line says it, or why it does not hold
            lines.append(f"volgt uit de andere stemmen ({', '.join(others)})")
    if elimination:
        lines.append(elimination)
    lines += [f"maar: {c.why}" for c in mine if c.name == name and c.weight < 0]
    lines += evidence.remarks[label]
    return list(dict.fromkeys(lines))[:8]


def keeps_voice_profile(speaker: Speaker) -> bool:
    """Whether a named voice may serve as a voice profile: confirmed by an editor, or introduced."""
    if not speaker.name or speaker.name.startswith(UNKNOWN_SPEAKER + " "):
        return False
    return speaker.confirmed or any(e.startswith(INTRODUCTION_EVIDENCE) for e in speaker.evidence)


def speakers_as_edited(conversation: Conversation) -> list[Speaker]:
    """The ``speakers:`` block as the headings say it now: a voice whose name an editor changed in
    every heading by hand takes that name, confirmed.

    Only the one-to-one case is certain: one voice of the block that no heading names any more,
    and one heading name that no voice carries. The transcript itself is not changed.

    A name given by automatic naming reads as sure as consent reads it (:func:`as_sure_as_read`): every route
    that shows a voice's confidence (the desk, ``gesprekken speakers``, the database) says what a withdrawal
    acts on.
    """
    speakers = [as_sure_as_read(s) for s in conversation.speakers]
    headings = list(dict.fromkeys(turn.speaker for turn in conversation.turns))
    carried = {s.shown_as for s in speakers}
    written = [name for name in headings if name not in carried and not name.startswith("[")]
    orphaned = [s for s in speakers if s.shown_as not in headings]
    if len(written) != 1 or len(orphaned) != 1:
        return speakers
    old, new = orphaned[0], written[0]
    edited = replace(
        old,
        name=new,
        confidence=1.0,
        confirmed=True,
        evidence=[
            *(e for e in old.evidence if not e.startswith(AGAINST_PITCH)),
            f"{CONFIRMED_EVIDENCE}: {old.shown_as} is {new} (kop met de hand gewijzigd)",
        ],
    )
    return [edited if s is old else s for s in speakers]


def as_sure_as_read(speaker: Speaker) -> Speaker:
    """``speaker``, a name that rests on being addressed alone no surer than :data:`ADDRESSED_ALONE` whenever it
    was named (a transcript named before that rule keeps the confidence naming wrote then)."""
    if speaker.name and not speaker.confirmed and speaker.confidence > ADDRESSED_ALONE:
        if addressed_alone(speaker.evidence):
            return replace(speaker, confidence=ADDRESSED_ALONE)
    return speaker


def attribution(conversation: Conversation, person: str) -> Attribution:
    """On what ``person``'s turns in ``conversation`` rest: a confirmed name or automatic naming.

    A name in a turn heading that no voice of the ``speakers:`` block carries was written by an
    editor, and counts as confirmed.
    """
    turns = sum(turn.speaker == person for turn in conversation.turns)
    voices = [s for s in speakers_as_edited(conversation) if s.name == person]
    automatic = [s for s in voices if not s.confirmed]
    if automatic:
        weakest = min(automatic, key=lambda s: s.confidence)  # each as sure as read (speakers_as_edited)
        confidence, evidence = weakest.confidence, list(weakest.evidence)
    else:
        confidence = 1.0
        evidence = [e for s in voices for e in s.evidence if e.startswith(CONFIRMED_EVIDENCE)] or (
            [f"{CONFIRMED_EVIDENCE}: de naam staat met de hand in de koppen"] if turns else []
        )
    return Attribution(
        conversation.id,
        conversation.title,
        person,
        turns,
        confirmed=not automatic and bool(turns or voices),
        confidence=confidence if turns or voices else 0.0,
        evidence=evidence,
        voices=[s.label for s in voices],
    )


def self_introductions(conversation: Conversation) -> dict[str, dict[str, str]]:
    """Per speaker of the turns (a name or a voice's label), the participants its own words introduce
    it as, each with the evidence line ("stelt zich voor: ..."): the introductions automatic naming
    reads, misheard names included ("ik ben Marloos van der Heiden" for Marloes van der Heijden).

    Empty without participants. Renaming and the consent notes ask it before a voice is named."""
    from .transcript import REMOVED_SPEAKER

    if not conversation.participants:
        return {}
    turns = [t for t in conversation.turns if t.speaker != REMOVED_SPEAKER]
    evidence = _gather(turns, conversation.participants, None, None, {}, only_introductions=True)
    found: dict[str, dict[str, str]] = {}
    for clue in evidence.clues:
        if clue.category == "introduction" and clue.weight > 0:
            found.setdefault(clue.label, {}).setdefault(clue.name, clue.why)
    return found
