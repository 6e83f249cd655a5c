"""The analysis on speech (issue 15): conversation themes, Whisper's near-misses, action points by
their structure, the headline an editor would pick, and where they are stored and shown."""

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import run
from evaluation import evaluate_spoken

from gesprekken.analyse import action_kind, analyse, quote_score
from gesprekken.transcript import Conversation, Participant, Turn, Word

DATA = Path(__file__).parent / "data"
PEOPLE = [
    Participant("Ingrid Vos", "directeur", "Woonstichting Het Anker"),
    Participant("Peter Lammers", "beleidsadviseur", "gemeente Deventer"),
]


def conversation(*texts: str, title: str = "Een tweegesprek") -> Conversation:
    speakers = [p.name for p in PEOPLE]
    turns = [Turn(speakers[n % 2], float(n), float(n) + 1, text) for n, text in enumerate(texts)]
    return Conversation(id="t", title=title, participants=list(PEOPLE), turns=turns)


def themes_of(*texts: str) -> list[str]:
    return [t.theme for t in analyse(conversation(*texts)).conversation_themes]


def test_a_theme_said_once_in_passing_is_no_theme_of_the_conversation():
    texts = (
        "Bij ons lopen de huurachterstanden op, ook bij jongeren.",
        "Wij zien dat ook. Een huurachterstand begint vaak met een betalingsachterstand bij de energie.",
        "Daarom willen we schuldhulpverlening eerder inschakelen.",
        "De schuldhulp moet naar de mensen toe, niet andersom.",
        "Met een betalingsregeling voorkomen we een huisuitzetting.",
    )
    found = themes_of(*texts)
    assert found[:2] == ["huurachterstand", "schuldhulp"] or found[:2] == ["schuldhulp", "huurachterstand"]
    # "ook bij jongeren": tagged on its turn, for search, but not a theme of the conversation.
    assert "jongeren" in analyse(conversation(*texts)).turn_themes[0]
    assert "jongeren" not in found


def test_a_field_word_said_once_in_a_phrase_is_a_theme_and_an_everyday_word_is_not():
    found = themes_of(
        "Bij ons lopen de huurachterstanden op.",
        "Een huurachterstand begint vaak klein, en de schuldhulpverlening komt te laat.",
        "Huurders zijn niet tegen een warmtepomp, ze zijn bang voor een nieuwe achterstand.",
        "De huurachterstand groeit ook bij onze buren.",
    )
    assert found[0] == "huurachterstand"
    assert "verduurzaming" in found  # "tegen een warmtepomp": a field word, once, inside a phrase
    assert "sociale-cohesie" not in found  # "bij onze buren": an everyday word, once


def test_a_mention_in_passing_weighs_less_in_a_long_conversation():
    said = (
        "Bij ons lopen de huurachterstanden op.",
        "Huurders zijn niet tegen een warmtepomp, ze zijn bang voor een nieuwe achterstand.",
        "Een huurachterstand begint vaak klein.",
    )
    replies = ("Dat herken ik.", "Vertel hoe dat bij jullie gaat.", "Dat gaat stap voor stap.", "Goed om te horen.")
    short = {t.theme: t.score for t in analyse(conversation(*said)).conversation_themes}
    assert "verduurzaming" in short  # one field word, once, in a short conversation
    texts = (*said, *(replies[n % 4] for n in range(21)))  # the same in twenty-four turns
    long = {t.theme: t.score for t in analyse(conversation(*texts)).conversation_themes}
    assert list(long)[0] == "huurachterstand"
    # The score is the learnt model's probability that an editor lists the theme (since the ninth
    # round; the rules' floor of 0.74 at twenty-four turns was on another scale): lower in the long talk.
    assert long.get("verduurzaming", 0.0) < short["verduurzaming"]


@pytest.mark.parametrize(
    ("said", "theme"),
    [
        ("Elke avond is er lawaai op het plein.", "overlast"),
        ("Voor één kamer moest ik elf formulieren invullen.", "regeldruk"),
        ("De voordeuren zijn tochtig en in de badkamer is een lekkage.", "onderhoud"),
        ("In deze straat groeten we elkaar niet meer.", "sociale-cohesie"),
        ("Een buurt waar mensen elkaar niet meer groeten, wordt onveilig.", "sociale-cohesie"),
        # how people talk about a theme the editor infers (found on held out 4, so tuned on)
        ("Een traplift past niet op die oude trap.", "wonen-en-zorg"),
        ("Het logeerhuis heeft een wachtlijst van zes weken.", "mantelzorg"),
        ("Op school heeft een op de vier kinderen overgewicht.", "preventie"),
        ("Zij heeft op een hele dag geen aanspraak.", "eenzaamheid"),
        ("Een derde van de bewoners spreekt slecht Nederlands.", "inclusie"),
        ("Mensen zeggen dat er toch niks mee gedaan wordt.", "vertrouwen"),
        ("Een op de vijf voortuinen is verwaarloosd.", "leefbaarheid"),
    ],
)
def test_everyday_words_of_a_theme_tag_the_turn(said, theme):
    assert theme in analyse(conversation(said)).turn_themes[0]


@pytest.mark.parametrize(
    ("said", "theme"),
    [
        # words every housing conversation uses, which across the spoken sets named a theme the editor did
        # not list far more often than one they did: they tag the turn for search, not the conversation
        ("Wij willen dit samen met de bewoners doen.", "participatie"),
        ("De bewoners zelf weten het best wat er speelt.", "participatie"),
        ("Zij krijgt begeleiding bij het openen van de post.", "wonen-en-zorg"),
        ("Hij zoekt al twee jaar een huurwoning in de stad.", "sociale-huur"),
        ("De huur gaat in januari automatisch van de rekening.", "betaalbaarheid"),
    ],
)
def test_everyday_housing_words_tag_the_turn_but_not_the_conversation(said, theme):
    result = analyse(conversation(said))
    assert theme in result.turn_themes[0]
    assert theme not in [t.theme for t in result.conversation_themes]


def test_a_theme_said_in_passing_does_not_lift_a_quote():
    said = "De huur is voor niemand een detail."
    plain = "De prijs is voor niemand een detail."
    scores = [analyse(conversation(s)).quotes[0].score for s in (said, plain)]
    assert scores[0] == scores[1]


def test_the_same_words_give_the_same_term_whatever_pythons_hash_seed():
    """A set's order changes with the hash seed: the term (and its weight) must not."""
    import os
    import subprocess
    import sys

    code = (
        "from gesprekken.analyse import pipeline; "
        "doc = pipeline()('Onze vrijwilligers helpen met de formulieren.'); "
        "print([m.term for m in doc.user_data['theme_matches']])"
    )
    terms = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "3")
    }
    assert len(terms) == 1 and "'vrijwilliger'" in terms.pop()  # the lemma, as the thesaurus lists it


def test_a_participants_organisation_supports_the_theme_it_stands_for():
    texts = (
        "Huurders zijn niet tegen een warmtepomp, ze zijn bang voor hogere woonlasten.",
        "De woonlasten mogen voor niemand stijgen.",
        "Het zou goed zijn als huurders zelf meebeslissen over de volgorde van de werkzaamheden.",
    )
    talk = conversation(*texts)

    def medezeggenschap() -> float:
        return next((t.score for t in analyse(talk).conversation_themes if t.theme == "medezeggenschap"), 0.0)

    without = medezeggenschap()
    talk.participants[1] = Participant("Peter Lammers", "voorzitter", "Huurdersvereniging Paddepoel")
    assert medezeggenschap() > without


def test_a_participants_role_or_organisation_in_a_tag_only_word_supports_no_theme():
    """ "Woningbouwvereniging" and "wijkconsulent" tag a turn (in_passing); as a participant's organisation or
    role they name no theme of the conversation either (they once filled the list as sociale-huur, wijkaanpak)."""
    texts = (
        "Huurders zijn niet tegen een warmtepomp, ze zijn bang voor hogere woonlasten.",
        "De woonlasten mogen voor niemand stijgen.",
    )
    talk = conversation(*texts)
    talk.participants[0] = Participant("Ingrid Vos", "wijkconsulent", "Woningbouwvereniging De Veste")
    found = [t.theme for t in analyse(talk).conversation_themes]
    assert "verduurzaming" in found and "betaalbaarheid" in found
    assert "sociale-huur" not in found and "wijkaanpak" not in found
    # The same words said in a turn still tag it, for search.
    said = analyse(conversation("De wijkconsulent van de woningbouwvereniging belde aan."))
    assert {"sociale-huur", "wijkaanpak"} <= set(said.turn_themes[0])


@pytest.mark.parametrize(
    ("said", "theme"),
    [
        # words and phrases of the field, written from it before any set was read (issue 15, seventh round)
        ("Hij staat al drie maanden achter met de huur.", "huurachterstand"),
        ("Zij wil wel kleiner wonen, maar een appartement is duurder.", "doorstroming"),
        ("Mensen worden van het kastje naar de muur gestuurd.", "regeldruk"),
        ("De gemeente moet de huisvestingsverordening aanpassen.", "toewijzing"),
        ("Sinds haar man overleed komt ze de deur niet meer uit.", "eenzaamheid"),
        ("Er ligt loonbeslag en de incasso loopt al.", "schuldhulp"),
        ("De kinderen hebben last van hun luchtwegen.", "gezondheid"),
        ("Hij is sociaal geïsoleerd geraakt.", "eenzaamheid"),  # not "geïsoleerd" (verduurzaming)
        ("De gezondheidsachterstand in deze wijk is groot.", "gezondheid"),  # not "achterstand" (huurachterstand)
        ("Een wmo-aanvraag duurt hier zes weken.", "sociaal-domein"),  # a hyphen's short part: wmo
    ],
)
def test_field_terms_tag_their_theme(said, theme):
    result = analyse(conversation(said))
    assert theme in result.turn_themes[0]
    assert theme in [t.theme for t in result.conversation_themes]


def test_overlapping_phrases_are_one_mention():
    """ "maanden achter" and "achter met de huur" are both terms: said as one phrase, they count once."""
    (theme,) = analyse(conversation("Hij staat al drie maanden achter met de huur.")).conversation_themes
    assert (theme.theme, theme.mentions) == ("huurachterstand", 1)


@pytest.mark.parametrize(
    "said",
    [
        # common words that end or start with a field term (lekken, sport, stoken, bieding, angst, lasten,
        # geweld, loten): no theme
        "Er zijn genoeg plekken voor het transport naar de sporthal.",
        "Hij werd gestoken, de wedstrijd werd afgelast en dat hebben we zo besloten.",
        "Na de ontvangst kregen we een aanbieding, geweldig was dat.",
    ],
)
def test_common_words_holding_a_field_term_tag_no_theme(said):
    assert analyse(conversation(said)).turn_themes[0] == []


def test_the_same_theme_said_by_both_in_several_turns_is_the_first():
    found = themes_of(
        "De wachtlijst voor een sociale huurwoning is hier acht jaar.",
        "Die woningnood zien wij ook: woningzoekenden wachten veel te lang.",
        "Een van de oorzaken is dat ouderen niet verhuizen.",
        "Het woningtekort los je alleen op met bouwen en doorstroming samen.",
    )
    assert found[0] == "woningtekort"


@pytest.mark.parametrize(
    "heard, theme",
    [
        ("We moeten dit jaar 45 status houders huisvesten.", "statushouders"),  # a compound split in two
        ("Wij kunnen aanvleks woningen op het sportveld zetten.", "nieuwbouw"),  # flexwoningen, misheard and split
        ("Voor mij begint levertbaarheid bij elkaar aanspreken.", "leefbaarheid"),  # a vowel and a consonant off
        ("De wachtlest is inmiddels acht jaar.", "woningtekort"),  # ij heard as e
        ("Als we samen een confinant tekenen, kan het.", "samenwerking"),  # convenant, v/f and e/i
        ("Het adviesrecht over het socialplan.", "medezeggenschap"),  # sociaal plan, joined
        # a phrase term with an ending dropped or a vowel off on one of its words
        ("Een warm overdracht, bedoel je.", "samenwerking"),  # warme overdracht
        ("Wij begeleiden mensen die uit beschermt wonnen komen.", "beschermd-wonen"),  # beschermd wonen
        ("Dat vind ik mooi voor wat hort wat, maar dan vriendelijk.", "wederkerigheid"),  # voor wat hoort wat
        ("We zitten nu drie jaar in procedure's, en dat kost geld.", "regeldruk"),  # a plural in -'s
    ],
)
def test_a_near_miss_of_a_term_in_whispers_words_is_matched(heard, theme):
    assert theme in analyse(conversation(heard)).turn_themes[0]


def heard_turn(*words: tuple[str, float]) -> Conversation:
    """One turn as Whisper wrote it, each word with how sure Whisper was of it."""
    timed = [Word(float(n), float(n) + 0.5, text, probability) for n, (text, probability) in enumerate(words)]
    turn = Turn(PEOPLE[0].name, 0.0, float(len(words)), " ".join(text for text, _ in words), timed)
    return Conversation(id="t", title="Een tweegesprek", participants=list(PEOPLE), turns=[turn])


@pytest.mark.parametrize(
    "heard, theme",
    [
        # vroegsignalering and eenzaamheid, as heldout14 and heldout5 were heard
        (
            (("Die", 0.93), ("vroeg", 0.89), ("zealering,", 0.45), ("daar", 0.98), ("praten", 0.9), ("we", 0.9)),
            "vroegsignalering",
        ),
        ((("Een", 0.14), ("zamhet", 0.49), ("loss", 0.23), ("je", 0.92), ("niet", 0.56), ("op.", 0.99)), "eenzaamheid"),
    ],
)
def test_a_near_miss_across_words_is_matched_where_whisper_doubted_its_rare_word(heard, theme):
    assert theme in analyse(heard_turn(*heard)).turn_themes[0]
    # The same words written with confidence: not enough alike to be the term.
    sure = tuple((text, 0.95) for text, _ in heard)
    assert theme not in analyse(heard_turn(*sure)).turn_themes[0]


@pytest.mark.parametrize(
    "heard, not_theme",
    [
        # Common words Whisper doubted are still read as said: "de woning" is no "koude woning", "wek team"
        # run together is a near-miss of wijkteam only with a rare word in it.
        ((("Wij", 0.9), ("hebben", 0.9), ("de", 0.3), ("woning", 0.3), ("opgeknapt.", 0.9)), "energiearmoede"),
        ((("Wij", 0.9), ("zien", 0.9), ("sociale", 0.2), ("problemen.", 0.9)), "overlast"),  # not asociaal
        ((("Het", 0.9), ("kantoor", 0.3), ("is", 0.9), ("dicht.", 0.9)), "wijkaanpak"),  # not wijkkantoor
    ],
)
def test_a_common_word_whisper_doubted_is_not_read_as_a_near_miss(heard, not_theme):
    assert not_theme not in analyse(heard_turn(*heard)).turn_themes[0]


def test_no_home_to_be_found_is_the_housing_shortage_and_a_family_home_is_not():
    said, family = analyse(
        conversation("Onze leraren kunnen hier geen woning meer vinden.", "Wij bouwen hier een gezinswoning.")
    ).turn_themes
    assert "woningtekort" in said and "woningtekort" not in family


@pytest.mark.parametrize(
    "heard, not_theme",
    [
        # Common Dutch words that sound nearly like a term: Whisper was sure of them.
        ("De universiteit ligt aan de achterkant van het station.", "inclusie"),  # not diversiteit
        ("De universiteit ligt aan de achterkant van het station.", "huurachterstand"),  # not achterstand
        ("Ze verlaten hun oude woonplaats.", "overlast"),
        ("Ze verlaten hun oude woonplaats.", "betaalbaarheid"),  # not woonlasten
        ("Een verwijzing naar de minister.", "ouderenhuisvesting"),  # not vergrijzing
        # Common words that run together into a near-miss.
        ("De woning met een tuin is verhuurd.", "volkshuisvesting"),  # not woningwet
        ("We gaan het samen uitwerken.", "samenwerking"),  # not samenwerken
    ],
)
def test_a_common_word_is_never_read_as_a_near_miss(heard, not_theme):
    assert not_theme not in analyse(conversation(heard)).turn_themes[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Het zou logisch zijn als jullie die signalen na één maand al met ons delen.",
        "Het zou nog iets zijn als jullie die signalen na een maand al met ons delen.",  # Whisper's version
        "Ik kan me voorstellen dat we na de zomer in twee wijken beginnen.",
        "Als jullie ons de adressen geven, kunnen wij die woningen in het voorjaar isoleren.",
        "Daar zeg ik ja op, als jullie ons de adressen geven, kunnen wij ze isoleren.",
        "Het lijkt me goed om de eerste woningen aan te bieden aan mensen uit dezelfde wijk.",
        "Mijn voorstel is dat jullie elk jaar twintig woningen reserveren.",
        "Dan leg ik het convenant in oktober voor aan de wethouder.",
        "Toch moet de gemeente die gegevens op tijd kunnen ontvangen.",
        # the indirect shapes of issue 15: an idea, what would be best or logical (inverted), what
        # the speaker sees something in or would do, an imperative, an object put first
        "Misschien is het een idee om de huismeester een vaste middag in de flat te geven.",
        "Het mooiste zou zijn als de huurders zelf de kleur van de kozijnen kiezen.",
        "Dan zou het verstandig zijn om de nieuwe bewoners eerst aan de buren voor te stellen.",
        "Ik zie wel iets in een proefjaar met een vaste contactpersoon per portiek.",
        "Een spreekuur in de bibliotheek zou ik een mooie eerste stap vinden.",
        "Een vast telefoonnummer voor ouderen zou al een wereld van verschil maken.",
        "En betrek de bewonerscommissie bij de keuze van de aannemer.",
        "Die brief laat ik deze week nog herschrijven in gewone taal.",
        "Ik breng dit voorstel in bij ons bestuur.",
        # as Whisper hears them: a comma where the speaker paused, "zou" heard as "zal" or "zo"
        "En een vaste huismeester, per flat zou ik een goede stap vinden.",
        "Een bewonersavond per blok zal een wereld van verschil maken.",
        "Hoezo ook helpen, als jullie de brieven in gewone taal schrijven.",
    ],
)
def test_an_indirect_proposal_is_an_action_point(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Hoe snel kunnen jullie daar klaar voor zijn?",  # a question
        "Zullen we de verhuisregeling samen uitwerken?",  # a proposal as a question: the answer is the action
        "Dat had anders gemoeten, dat geef ik toe.",  # a complaint about the past
        "Wij zouden graag middenhuurwoningen bouwen, maar met de huidige bouwkosten rekent het niet.",
        "Wij krijgen elke week meldingen van overlast in de bergingen.",  # how things are
        "Het verpleeghuis is vol, dus mensen moeten langer thuis blijven wonen.",  # no actor
        "Dat kunnen wij regelen.",  # taking up the other's proposal
        "Daar zie ik wel wat in.",  # taking it up, too
        "Dat zou ik graag in de krant lezen.",  # a reply, not a step
        "Wij kunnen het niet allemaal van bovenaf regelen.",  # a capability denied
        "Ik zorg al vier jaar voor mijn vader.",  # what has gone on for years
        "Een goed gesprek opent meer deuren dan een brief.",  # a general truth
        "Als ik uitval, kost dat de gemeente veel meer dan een verhuizing.",  # an argument, not a step
        "Sloop betekent voor veel bewoners dat ze hun buren kwijtraken.",  # a noun, not an imperative
        "Veel huurders durven de deur niet meer uit.",  # a description
        "Wij bieden maatwerk, en we vragen van huurders dat ze zelf bellen.",  # a policy, as it is
    ],
)
def test_a_question_a_complaint_or_a_description_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # a step imagined in a pseudo-cleft or with an adverb, a present-tense judgement of what is wise
        "Wat ik me kan voorstellen is dat de huismeester één middag per week in de flat zit.",
        "Ik kan me heel goed voorstellen dat we volgend jaar ook de tweede wijk meenemen.",
        "Dan is het misschien slim om eerst de portieken met de meeste klachten te doen.",
        "Ik zie wel wat in buurtbemiddeling voor de twee blokken aan de haven.",  # a bare noun after "in"
        # a condition whose consequence opens with "dan"; an offer; a promise; a visit; an object first
        "Als de corporatie de tuinen opknapt, dan willen de bewoners het onderhoud zelf doen.",
        "Als wij het onderzoek mogen betalen, dan hebben we voor de zomer een plan.",
        "Ik kan jullie laten zien welke portieken de meeste meldingen hebben.",
        "Onze buurtcoaches kunnen die gesprekken voeren en de bewoners helpen.",
        "Dat beloof ik: niemand hoeft zijn huis uit voor de renovatie.",
        "Dan komen we na de zomer bij elke bewoner langs met de tekeningen.",
        "Die sleutels geven wij aan de bewonerscommissie.",
        "En de gemeente Zwolle moet de grond voor de helft van de prijs leveren.",
        # as Whisper hears them: a reply and a comma before the step, "me" heard as "hem", "zou" as
        # "zal", an adjective lost, a long subject before "zal", "bespreek" as "besprek"
        "Daar kijk ik naar, maar ik wil de huurders er wel vroeg bij hebben.",
        "Wat ik hem ook kan voorstellen is dat de wijkagent een keer mee gaat.",
        "Een proef met een buurtbudget zal ik best willen proberen.",
        "Het moest te zijn als de huurders zelf de aannemer kiezen.",
        "En een vaste avond per maand met de huismeester in het buurthuis zal wel een wereld van verschil maken.",
        "Dan besprek ik in juni met de wethouder of er ruimte is voor een proef.",
    ],
)
def test_imagined_steps_offers_and_promises_are_action_points(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik kan me niet voorstellen dat de huurders dit willen.",  # denied
        "Een kind dat geen rust heeft, kan ook niet goed leren worden.",  # a possibility denied, a maxim
        "Maar als de deurwaarder eenmaal komt, kunnen wij weinig meer doen.",  # a warning: what is then lacking
        "Sinds het loket dicht is, zien we bewoners die hun brieven niet meer openen.",  # since: how it is
        "Dat doen we al in drie wijken.",  # already done
        "Dat doen we in Zwolle al.",
        "Dat doe ik niet.",  # refused
    ],
)
def test_a_denied_step_a_warning_or_what_is_already_done_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # shapes another writer used (held out 4): a comma before "is", an imperative with "dan wel", what
        # should be there of no one, an offer after its object, "lever", a judgement with its subject
        # first, a step after what the speaker cannot do
        "Wat ik me kan voorstellen, is dat de huismeester elke week in de flat zit.",
        "Maar zorg dan wel dat de bewoners elke maand een brief krijgen.",
        "Eigenlijk zou er in elke flat een vaste huismeester moeten zijn.",
        "Dat kan ik met onze directeur bespreken.",
        "Ik lever voor de raad een overzicht van de wachtlijsten.",
        "Voor ouderen zonder familie zou een klusdienst logisch zijn: dat wij de kleine reparaties doen.",
        "Dat kan ik niet alleen beslissen, maar ik leg het morgen aan het bestuur voor.",
        # proposals asked: what would be good, an agreement
        "Zou het niet logisch zijn als jullie de huurders zelf laten kiezen?",
        "Kunnen we afspreken dat jullie elke maand de cijfers sturen?",
        # what was decided or said, as the condition of a step
        "Als het bestuur dat heeft besloten, dan kunnen wij in maart beginnen.",
        "Als de wethouder zegt dat het kan, dan beginnen we in maart.",
        "Als jullie de adressen geven, hoeven wij niet meer te wachten.",  # what is no longer needed: a gain
        "Dan reserveren wij elk jaar twintig woningen voor jullie bewoners.",  # a yearly step offered
        "Wij gaan geen gezinnen meer uitzetten voor een schuld van een maand huur.",  # a promise not to
        "Daar wil ik het volgende week met de wethouder over hebben.",  # raising it with someone else
    ],
)
def test_steps_in_another_writers_shapes_are_action_points(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Als jullie de bewoners een brief sturen, dan denken ze dat de sloop al vaststaat.",  # how people react
        "Als de huur honderd euro stijgt, komen de oude bewoners niet terug.",  # a warning
        "We sturen elk jaar in mei een brief over de huurverhoging.",  # a routine
        "Elk jaar komt er een nieuwe subsidie, en als het geld op is, begint het weer opnieuw.",
        "Ik ga geen beloftes doen die ik niet kan waarmaken.",  # refused
        "De wethouder zegt dat wij moeten bouwen.",  # someone else's demand, reported
        "Daar wil ik het vandaag met je over hebben.",  # what to talk about
        "De gemeente heeft met ons afgesproken dat er tweehonderd woningen bij komen.",  # agreed before
        "Een lift is daar te duur, dat hebben we laten onderzoeken.",  # done before
        "Goed, weet je wat ook zou helpen.",  # announcing what follows, its question mark lost
        "Want als er straks minder woningen terugkomen, dan is dat nog steeds minder dan nu.",  # a reason
        "Vertel het me maar.",  # leave given, not a step asked
        "Zet het maar op de lijst voor de volgende keer.",
        "Zou het niet zo zijn dat iedereen dat eigenlijk wil?",  # a question, no proposal
    ],
)
def test_reactions_warnings_routines_refusals_and_reports_are_no_action_points(sentence):
    assert action_kind(sentence) is None


def test_who_should_act_follows_the_clause_that_says_it():
    result = analyse(
        conversation(
            "Het zou logisch zijn als jullie de signalen eerder met ons delen.",  # Ingrid: jullie, the gemeente
            "Als jullie de adressen geven, kunnen wij die woningen isoleren.",  # Peter: wij, his own side
            "Als de gemeente de verlichting vervangt, voelt het daar meteen veiliger.",  # Ingrid: the condition's
            "Ik kan me voorstellen dat jullie na de zomer in twee wijken beginnen.",  # Peter: jullie, the corporation
            "Dan leg ik het plan in oktober voor aan ons bestuur.",  # Ingrid: ik
            "Kunnen we afspreken dat jullie elke maand de cijfers sturen?",  # Peter: jullie, the corporation
        )
    )
    gemeente, anker = "gemeente Deventer", "Woonstichting Het Anker"
    assert [a.who for a in result.action_points] == [gemeente, gemeente, gemeente, anker, anker, anker]


def test_a_step_both_sides_take_together_is_for_both_and_a_plain_we_for_the_speakers_side():
    """Session 28's reading of the seen sets: editors list both sides where the "we" takes the other in
    ("laten we", "samen", "jij en ik"; a third of the misses of who should act), the speaker's own where it
    is a plain "ik kan me voorstellen dat we" or "ons team"; a condition's "dan moeten jullie" is the
    other side's (it was the speaker's)."""
    result = analyse(
        conversation(
            "Laten we in januari samen een bewonersavond in het buurthuis organiseren.",  # Ingrid: both
            "Ik kan me voorstellen dat we na de zomer in twee wijken beginnen.",  # Peter: the gemeente
            "Ik ga in ons team voorstellen dat we samen met jullie de brieven herschrijven.",  # Ingrid: her side
            "Als een huurder twee maanden achterloopt, dan moeten jullie ons meteen bellen.",  # Peter: Het Anker
        )
    )
    gemeente, anker = "gemeente Deventer", "Woonstichting Het Anker"
    assert [a.who for a in result.action_points] == [f"{anker} en {gemeente}", gemeente, anker, anker]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik neem volgende week contact met u op over de brief.",  # "met u": to the other, not with them
        "Als het met u goed is, dan stuur ik de brief volgende week.",
        "We gaan in maart samen met de huurdersvereniging een avond organiseren.",  # with a third party
        "Ik bel u morgen, en dan gaan we het samen met de buurtcoach oplossen.",
    ],
)
def test_a_step_with_the_other_addressed_or_with_a_third_party_is_the_speakers_sides(sentence):
    """The review of session 28's change: "met u" anywhere in the sentence, or "samen met de ..." (a third
    party), made both sides act."""
    assert [a.who for a in analyse(conversation(sentence)).action_points] == ["Woonstichting Het Anker"]


def test_an_imperative_is_for_the_other_side_and_a_step_put_first_for_the_speaker():
    result = analyse(
        conversation(
            "En betrek de huurders vanaf het begin bij de planning.",  # Ingrid: the gemeente should
            "Die adressen stuur ik jullie morgen nog.",  # Peter: his own side
            "Ik zou een bewonersavond in het buurthuis organiseren.",  # Ingrid: advice to the gemeente
            "Dan zou het logisch zijn om de eerste brief in gewone taal te schrijven.",  # Peter: his own step
        )
    )
    assert [a.who for a in result.action_points] == ["gemeente Deventer"] * 4


def test_the_headline_is_an_opinion_on_the_top_theme_not_an_introduction():
    result = analyse(
        conversation(
            "Ik ben Ingrid Vos van Woonstichting Het Anker, wij verhuren vierduizend woningen.",
            "Ik ben Peter Lammers. Bij ons lopen de huurachterstanden op.",
            "Voor mij is vroegsignalering geen controle, maar gewoon fatsoen.",
            "Hoe snel kunnen jullie beginnen met vroegsignalering?",
            "Ik kan me voorstellen dat we na de zomer in twee wijken beginnen met vroegsignalering.",
        )
    )
    assert result.headline.text == "Voor mij is vroegsignalering geen controle, maar gewoon fatsoen."
    texts = [q.text for q in result.headline_candidates]
    assert 1 <= len(texts) <= 5 and texts[0] == result.headline.text
    assert not any(t.startswith("Ik ben") for t in texts[:3]) and not any(t.endswith("?") for t in texts)


@pytest.mark.parametrize(
    ("quote", "news"),
    [
        # a general opinion against the speaker's own situation ("onze", "bij ons"), even a strong one
        ("Een wijk zonder buurthuis verliest zijn hart.", "Onze huismeester kent echt elke bewoner bij naam."),
        ("Een renovatie is nooit alleen een verbouwing.", "Bij ons betaalt een nieuwe huurder echt nooit meer huur."),
        # against an anecdote told in the past
        ("Een brief lost nooit een schuld op.", "Niemand had me echt verteld dat de toeslag apart kwam."),
        # the generic "je" after its topic, a contrast after a comma, a word said twice
        ("Eenzaamheid zie je niet aan een voordeur.", "Veel huurders lezen de brieven van de corporatie."),
        ("Zekerheid geef je met een gesprek, niet met een brief.", "Veel huurders lezen de brieven van de corporatie."),
        ("Een flat die niemand onderhoudt, wordt een slechte flat.", "Een flat aan de haven heeft geen lift meer."),
        # a number in words is a fact of one place, as one in figures is
        ("Een huurder zonder hulp raakt zijn huis kwijt.", "Vijfenveertig gezinnen wachten echt op een woning."),
    ],
)
def test_a_general_opinion_outranks_the_speakers_own_news(quote, news):
    assert quote_score(quote, []) > quote_score(news, [])


@pytest.mark.parametrize(
    ("quote", "news"),
    [
        # a general truth under a condition ("X is pas Y als Z"), a contrast after "alleen"
        (
            "Samenwerken werkt pas als beide kanten iets te zeggen hebben.",
            "De bewoners kennen de wijkagent nauwelijks.",
        ),
        ("Bewoners willen best helpen, alleen niet met hun eigen geld.", "De bewoners kennen de wijkagent nauwelijks."),
        # a reply ("Fijn, want dat ...") and a pronoun ("Ze ...") point back at what was said before
        ("Een tuin is geen straf.", "Fijn, want dat is voor mij de kern."),
        ("Een wijk zonder buurthuis verliest zijn hart.", "Ze verdienen echt een eerlijke kans."),
    ],
)
def test_a_maxim_outranks_a_sentence_that_needs_the_one_before(quote, news):
    assert quote_score(quote, []) > quote_score(news, [])


def test_a_pronoun_said_twice_is_no_figure_of_speech():
    assert quote_score("Wij zijn vrijwilligers, wij lezen geen begrotingen.", []) <= quote_score(
        "Wij zijn vrijwilligers, en lezen geen begrotingen.", []
    )


def test_the_rules_weigh_a_possessive_said_twice_and_another_theme_which_the_model_keeps_apart():
    """quote_score (the rules, the headline benchmark's baseline) counts a possessive said twice as a
    figure of speech and another of the conversation's themes where the top one is not carried; the
    learnt model's "repetition" leaves the possessive out. Both come from one quote_parts since the
    tenth round: no other test weighed these parts."""
    from gesprekken.analyse import quote_features

    mine, yours = (
        "Mijn buurt en mijn straat zijn helemaal veranderd.",
        "Mijn buurt en jouw straat zijn helemaal veranderd.",
    )
    assert quote_score(mine, []) == pytest.approx(quote_score(yours, []) + 0.4)
    assert quote_features(mine, [])["repetition"] == quote_features(yours, [])["repetition"] == 0
    said = "Eenzaamheid zie je niet aan de gevel."
    none, other, top, both = (
        quote_score(said, t, ["eenzaamheid", "wonen"])
        for t in ([], ["wonen"], ["eenzaamheid"], ["eenzaamheid", "wonen"])
    )
    assert (other - none, top - none, both - none) == pytest.approx((0.4, 0.5, 0.7))


def test_a_negation_makes_a_statement_more_quotable():
    # most of the editors' headlines deny or contrast something ("Eenzaamheid zie je niet aan de gevel")
    assert quote_score("Een buurt wordt niet veilig van een inval.", []) > quote_score(
        "Een buurt wordt weer veilig van een inval.", []
    )


def test_a_headline_of_eighteen_words_is_offered():
    # an editor's headline runs to sixteen or eighteen words ("Wie dag en nacht voor een ander zorgt, ...")
    quote = "Wie dag en nacht voor een ander zorgt, mag niet pas in beeld komen als ze zelf omvalt."
    result = analyse(conversation("De mantelzorger staat er vaak alleen voor.", quote))
    assert quote in [q.text for q in result.headline_candidates]


def test_a_reply_before_a_comma_is_left_out_of_the_quote():
    result = analyse(conversation("Dat is schrijnend, een kind dat in een koud huis zijn huiswerk maakt, mag niet."))
    assert result.quotes[0].text.startswith("Een kind dat in een koud huis")


def test_a_general_statement_run_on_after_a_comma_is_a_quote_of_its_own():
    # Whisper wrote a comma for the full stop after a reason
    result = analyse(
        conversation("Omdat mijn werk en mijn vrienden hier zijn, een wijk zonder jongeren heeft geen toekomst.")
    )
    assert result.quotes[0].text == "Een wijk zonder jongeren heeft geen toekomst."


def test_a_reply_and_a_but_before_a_quote_are_both_left_out():
    result = analyse(conversation("Dat hoor ik vaker, maar een stad zonder middeninkomens is geen stad meer."))
    assert result.headline.text == "Een stad zonder middeninkomens is geen stad meer."


def test_editor_corrections_reach_the_conversation_themes():
    talk = conversation(
        "Bij ons lopen de huurachterstanden op.",
        "Een huurachterstand begint vaak klein. De schuldhulpverlening komt te laat.",
    )
    talk.analysis = {"remove_themes": ["schuldhulp"], "add_themes": ["armoede"]}
    found = [t.theme for t in analyse(talk).conversation_themes]
    assert "schuldhulp" not in found and found[-1] == "armoede" and found[0] == "huurachterstand"


def test_a_theme_the_editor_adds_is_put_on_the_first_turn_only_where_no_turn_says_it():
    """A theme the model left out that turns do say ("schuldhulpverlening"), added back by an editor,
    made a search for it find the opening greeting as well as the turns that say it."""
    talk = conversation("Goedemiddag, welkom allebei.", "De schuldhulpverlening komt vaak te laat.")
    talk.analysis = {"add_themes": ["schuldhulp", "armoede"]}
    result = analyse(talk)
    assert "schuldhulp" in result.turn_themes[1] and "schuldhulp" not in result.turn_themes[0]
    assert "armoede" in result.turn_themes[0]  # no turn says it: the conversation as a whole
    assert {"schuldhulp", "armoede"} <= {t.theme for t in result.conversation_themes}


# --- the spoken sets ----------------------------------------------------------------------------


SPOKEN_SETS = (
    "analyse-speech",
    "analyse-speech-heldout",
    "analyse-speech-heldout2",
    "analyse-speech-dev2",
    "analyse-speech-heldout3",
    "analyse-speech-heldout4",
    "analyse-speech-heldout5",
    "analyse-speech-heldout6",
    "analyse-speech-heldout7",
    "analyse-speech-heldout8",
    "analyse-speech-heldout9",
    "analyse-speech-heldout10",
    "analyse-speech-heldout11",
    "analyse-speech-heldout12",
    "analyse-speech-heldout13",
    "analyse-speech-heldout14",
    "analyse-speech-heldout15",
    "analyse-speech-heldout16",
    "analyse-speech-heldout17",
    "analyse-speech-heldout18",
    "analyse-speech-heldout19",
    "analyse-speech-heldout20",
    "analyse-speech-heldout21",
    "analyse-speech-heldout22",
    "analyse-speech-heldout23",
    "analyse-speech-heldout24",
    "analyse-speech-heldout25",
    "analyse-speech-heldout26",
    "analyse-speech-heldout27",
    "analyse-speech-heldout28",
    "analyse-speech-heldout29",
    "analyse-speech-heldout30",
    "analyse-speech-heldout31",
    "analyse-speech-heldout32",
    "analyse-speech-heldout33",
    "analyse-speech-heldout34",
    "analyse-speech-heldout35",
    "analyse-speech-heldout36",
    "analyse-speech-heldout37",
    "analyse-speech-heldout38",
    "analyse-speech-heldout39",
    "analyse-speech-heldout40",
    "analyse-speech-heldout41",
    "analyse-speech-heldout42",
    "analyse-speech-heldout43",
    "analyse-speech-heldout44",
    "analyse-speech-heldout45",
    "analyse-speech-heldout46",
    "analyse-speech-heldout47",
    "analyse-speech-heldout48",
    "analyse-speech-heldout49",
    "analyse-speech-heldout50",
    "analyse-speech-heldout51",
    "analyse-speech-heldout52",
    "analyse-speech-heldout53",
    "analyse-speech-heldout54",
    "analyse-speech-heldout55",
    "analyse-speech-heldout56",
    "analyse-speech-heldout57",
    "analyse-speech-heldout58",
    "analyse-speech-heldout59",
    "analyse-speech-heldout60",
    "analyse-speech-heldout61",
    "analyse-speech-heldout62",
    "analyse-speech-heldout63",
    "analyse-speech-heldout64",
    "analyse-speech-heldout65",
    "analyse-speech-heldout66",
    *(f"analyse-speech-heldout{n}" for n in range(67, 77)),
)


def test_the_spoken_sets_are_whispers_transcripts_of_their_dialogues():
    import yaml

    for folder in SPOKEN_SETS:
        dialogues = sorted((DATA / folder).glob("*.yaml"))
        for path in dialogues:
            gold = yaml.safe_load(path.read_text(encoding="utf-8"))["gold"]
            assert 3 <= len(gold["themes"]) <= 6 and gold["headline"] and gold["action_points"], path
            assert (DATA / folder / "transcripts" / f"{path.stem}.md").exists(), path
    assert len(list((DATA / "analyse-speech").glob("*.yaml"))) >= 8
    assert len(list((DATA / "analyse-speech-heldout").glob("*.yaml"))) >= 4
    assert len(list((DATA / "analyse-speech-heldout2").glob("*.yaml"))) >= 5
    # the longer conversations of the third round: about twenty turns each
    for folder in ("analyse-speech-dev2", "analyse-speech-heldout3"):
        dialogues = sorted((DATA / folder).glob("*.yaml"))
        assert len(dialogues) >= 6
        assert all(len(yaml.safe_load(p.read_text(encoding="utf-8"))["turns"]) >= 18 for p in dialogues)
    # the fourth and fifth held-out parts: conversations of about ten minutes, each written by an
    # editor apart
    for folder in ("analyse-speech-heldout4", "analyse-speech-heldout5"):
        dialogues = sorted((DATA / folder).glob("*.yaml"))
        assert len(dialogues) >= 6
        assert all(len(yaml.safe_load(p.read_text(encoding="utf-8"))["turns"]) >= 36 for p in dialogues)


def test_the_second_editors_gold_is_copied_from_the_dialogues_it_labels():
    """benchmarks/bench_agreement.py compares two editors; every sentence of the second must be said."""
    import yaml

    from gesprekken.analyse import read_thesaurus

    themes = set(read_thesaurus())
    labelled = sorted((DATA / "analyse-second-editor").glob("*.yaml"))
    # heldout4 and heldout5 (session 8), heldout39 and heldout40 (session 25), heldout47 and heldout48 (session 30)
    assert len(labelled) == 36
    for path in labelled:
        tag, name = path.name.split("-", 1)
        dialogue = yaml.safe_load((DATA / f"analyse-speech-{tag}" / name).read_text(encoding="utf-8"))
        said = [turn["text"] for turn in dialogue["turns"]]
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert 3 <= len(gold["themes"]) <= 6 and set(gold["themes"]) <= themes, path
        for sentence in [gold["headline"], *(point["text"] for point in gold["action_points"])]:
            assert any(sentence in text for text in said), (path, sentence)


def test_the_spoken_dev_set_is_analysed_as_an_editor_would():
    """Figures after tuning on this set (optimistic); BENCHMARKS.md has the held-out figures."""
    scores = evaluate_spoken(sorted((DATA / "analyse-speech").glob("*.yaml")), "speech")
    assert scores["themes"]["precision"] >= 0.85 and scores["themes"]["f1"] >= 0.8
    assert scores["action points"]["precision"] >= 0.85 and scores["action points"]["recall"] >= 0.8
    assert scores["headline"]["top3"] >= 0.8


def test_the_longer_dev_conversations_keep_their_indirect_action_points():
    """The second dev part (tuned on, optimistic): about twenty turns, many proposals made indirectly."""
    scores = evaluate_spoken(sorted((DATA / "analyse-speech-dev2").glob("*.yaml")), "speech")
    assert scores["action points"]["precision"] >= 0.85 and scores["action points"]["recall"] >= 0.8  # was 0.75
    assert scores["themes"]["precision"] >= 0.7  # was 0.65


def test_the_third_held_out_set_tuned_on_in_the_fourth_round_meets_the_action_point_target():
    """Held out 3 was tuned on in the fourth round (optimistic): its action points and theme precision."""
    scores = evaluate_spoken(sorted((DATA / "analyse-speech-heldout3").glob("*.yaml")), "speech")
    assert scores["action points"]["precision"] >= 0.7 and scores["action points"]["recall"] >= 0.8
    assert scores["themes"]["precision"] >= 0.75
    assert scores["headline"]["top3"] >= 0.6


def test_the_fourth_held_out_set_tuned_on_in_the_fifth_round():
    """Held out 4 (another writer, the longest conversations) was tuned on in the fifth round (optimistic)."""
    scores = evaluate_spoken(sorted((DATA / "analyse-speech-heldout4").glob("*.yaml")), "speech")
    # was 0.60/0.70; the rules reached 0.84/0.84; the learnt model of the ninth round (trained on the other
    # writers too) lists fewer of this writer's steps: 0.85/0.77 (BENCHMARKS.md, "Ninth round: action points")
    assert scores["action points"]["precision"] >= 0.8 and scores["action points"]["recall"] >= 0.75
    # was 0.60; 0.77 after the sixth round, 0.60 with the field thesaurus of the seventh (more themes
    # this set's editor did not list: nieuwbouw, armoede, participatie; see BENCHMARKS.md)
    assert scores["themes"]["f1"] >= 0.58
    assert scores["headline"]["top3"] >= 0.6  # was 0.17


# --- stored and shown ---------------------------------------------------------------------------


def rows(db: Path, sql: str) -> list[tuple]:
    # Closed at once: a connection left open keeps a -wal file beside the shared sample's database.
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def test_a_conversation_keeps_at_most_five_themes_the_models_best_five():
    """Editors list five themes for most tweegesprekken; the model's sixth was right a third of the time
    (BENCHMARKS "Thirty-fifth round"). The dev set's "Verhuizen op leeftijd", as written, is ranked six
    themes by the model: the analysis keeps its best five, in its order."""
    from evaluation import spoken_conversation

    from gesprekken.analyse import MAX_CHOSEN_THEMES, analyse

    written, _ = spoken_conversation(DATA / "analyse-speech" / "02-verhuizen-op-leeftijd.yaml", "text")
    kept = [t.theme for t in analyse(written).conversation_themes]
    assert MAX_CHOSEN_THEMES == 5 and len(kept) == 5
    assert kept[:3] == ["ouderenhuisvesting", "doorstroming", "woningtekort"]


def test_ingest_stores_ranked_conversation_themes_and_headline_candidates(ingested_sample):
    db = ingested_sample / "gesprekken.db"
    ranked = rows(db, "SELECT theme, score, rank FROM conversation_themes ORDER BY rank")
    assert 3 <= len(ranked) <= 5 and [r[2] for r in ranked] == list(range(1, len(ranked) + 1))
    assert [r[1] for r in ranked] == sorted((r[1] for r in ranked), reverse=True)
    # The sample speaks of wederkerigheid and vroegsignalering, among others.
    assert {"wederkerigheid", "schuldhulp"} & {r[0] for r in ranked}
    (themes,) = rows(db, "SELECT themes FROM conversations")[0]
    assert json.loads(themes) == [r[0] for r in ranked]
    candidates = rows(db, "SELECT candidate, headline FROM quotes WHERE candidate IS NOT NULL ORDER BY candidate")
    assert 1 <= len(candidates) <= 5 and candidates[0] == (1, 1)


def test_removed_theme_leaves_the_conversation_and_the_export(workspace):
    (path,) = (workspace / "transcripts").glob("*.md")
    db = workspace / "gesprekken.db"
    first = rows(db, "SELECT theme FROM conversation_themes WHERE rank = 1")[0][0]
    path.write_text(
        path.read_text(encoding="utf-8").replace("  remove_themes: []", f"  remove_themes: [{first}]"), "utf-8"
    )
    assert run("analyse", cwd=workspace).exit_code == 0
    assert (first,) not in rows(db, "SELECT theme FROM conversation_themes")
    out = workspace / "data.json"
    assert run("export", "data", "--include-unpublished", "-o", out, cwd=workspace).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported and all(first not in [t.casefold() for t in r["conversation_themes"]] for r in exported)
    assert all(r["conversation_themes"] for r in exported)


def test_the_public_copy_holds_only_published_conversations_themes_said_by_published_voices(knowledge_base):
    from gesprekken.publish import build_public_copy

    public = build_public_copy(knowledge_base / "gesprekken.db")
    internal = {
        r[0] for r in rows(knowledge_base / "gesprekken.db", "SELECT id FROM conversations WHERE status != 'published'")
    }
    assert internal and rows(knowledge_base / "gesprekken.db", "SELECT count(*) FROM conversation_themes")[0][0]
    kept = rows(public, "SELECT conversation_id, theme FROM conversation_themes")
    assert not {cid for cid, _ in kept} & internal
    # Joost de Boer withdrew: a theme only he spoke of is no theme of the public conversation.
    spoken = set(
        rows(
            public,
            "SELECT t.conversation_id, tt.theme_id FROM turn_themes tt JOIN turns t ON t.id = tt.turn_id",
        )
    )
    assert set(kept) <= spoken
    for cid, themes in rows(public, "SELECT id, themes FROM conversations"):
        assert json.loads(themes) == [
            t
            for c, t in rows(public, "SELECT conversation_id, theme FROM conversation_themes ORDER BY rank")
            if c == cid
        ]


def test_an_unnamed_voice_acts_for_the_one_participant_not_heard():
    talk = conversation("Wij zien de achterstanden oplopen.", "Ik stuur jullie de adressen morgen nog.")
    talk.turns[1].speaker = "Spreker 2"  # naming left Peter's voice unnamed
    assert [a.who for a in analyse(talk).action_points] == ["gemeente Deventer"]


def test_an_unnamed_voice_that_must_be_a_participant_is_quoted_as_one():
    quote = "Een buurt wordt niet veilig van een inval."
    named = conversation("Wij zien de achterstanden oplopen.", quote)
    unnamed = conversation("Wij zien de achterstanden oplopen.", quote)
    unnamed.turns[1].speaker = "Spreker 2"  # naming left Peter's voice unnamed; Peter is not heard otherwise
    scores = [next(q.score for q in analyse(talk).quotes if q.text == quote) for talk in (named, unnamed)]
    assert scores[0] == scores[1]


def test_a_long_conversation_whose_terms_whisper_garbled_still_gets_three_themes():
    """Editors list three to six themes: where fewer reach the model's threshold in a long
    conversation, the most probable eligible ones are taken up to three; a near-miss of a term is
    eligible, a mumble (one everyday word's worth) is not (held out 5: three themes where the editor
    listed five). The rules took four here, the model trained on six writers too; the one trained on
    eight (threshold 0.45) keeps three."""
    from gesprekken.analyse import ThemeMatch, rank_themes, read_thesaurus, theme_support

    turns: list[list[ThemeMatch]] = [[] for _ in range(30)]  # thirty turns: the floor is 0.8
    for turn, theme in ((0, "schuldhulp"), (2, "schuldhulp"), (1, "middenhuur"), (3, "middenhuur")):
        turns[turn].append(ThemeMatch(0, 1, theme, theme, 1.0))
    turns[4].append(ThemeMatch(0, 1, "statushouders", "statushouders", 1.0))
    turns[6].append(ThemeMatch(0, 1, "mantelzorg", "mantelzorg", 0.7))  # a near-miss: 0.61
    turns[8].append(ThemeMatch(0, 1, "woningtekort", "woningtekort", 0.4))  # a mumble: 0.4
    speakers = ["Ingrid Vos", "Peter Lammers"] * 15
    chosen = [t.theme for t in rank_themes(turns, speakers, read_thesaurus())]
    assert 3 <= len(chosen) and "woningtekort" not in chosen
    support = theme_support(turns, speakers, read_thesaurus())
    assert support["mantelzorg"][1]["eligible"] and not support["woningtekort"][1]["eligible"]


@pytest.mark.parametrize(
    ("spoken", "theme"),
    [("heldout45/02-harderwijk-burenoverlast", "samenwerking"), ("heldout40/01-nieuwegein-flexwonen", "samenwerking")],
)
def test_a_theme_editors_list_though_no_word_of_it_is_said_is_found_in_a_spoken_tweegesprek(spoken, theme):
    """Editors list ``samenwerking`` for half the tweegesprekken, mostly where no word of the thesaurus names it.
    Only a theme said (or inferred from many words) was weighed at all, and it was missed in these two, spoken
    and transcribed by Whisper, whose editors listed it (BENCHMARKS "Twenty-ninth round"). Every theme is weighed
    now."""
    import re

    from evaluation import spoken_conversation

    from gesprekken.analyse import read_thesaurus

    name, stem = spoken.split("/")
    conversation, gold = spoken_conversation(DATA / f"analyse-speech-{name}" / f"{stem}.yaml", "speech")
    assert theme in gold["themes"]
    said = " ".join(turn.text.casefold() for turn in conversation.turns)
    assert not any(re.search(rf"\b{re.escape(term)}\b", said) for term in read_thesaurus()[theme].terms)
    assert theme in [t.theme for t in analyse(conversation).conversation_themes]


@pytest.mark.parametrize(
    "sentence",
    [
        "Dan geef ik haar volgende week jouw nummer.",
        "Dan nodig ik haar uit voor de eerste bijeenkomst.",
        "Dat weet ik nog niet, dat ga ik voor de kerst doorrekenen.",
        "En die portiekdeuren ga ik deze week weer op tafel leggen bij onze afdeling onderhoud.",
        "Bel jij haar dan gewoon een keer op.",
        "En neem dan ook iemand van de gemeente mee.",
    ],
)
def test_a_step_said_by_its_grammar_is_an_action_point(sentence):
    """The verb second after "dan", the future with "gaan" and an infinitive of doing, an imperative
    with its addressee or an indefinite object (held out 5's misses, general Dutch grammar)."""
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    ["Ik ga eerlijk zijn.", "Die ga ik onthouden.", "Dan denk ik dat het te laat is.", "Dan heb ik een probleem."],
)
def test_the_future_of_being_or_knowing_and_then_thinking_are_no_action_point(sentence):
    assert action_kind(sentence) is None


def test_a_sentence_that_opens_in_lower_case_goes_on_from_the_last_and_is_no_headline():
    """Whisper's full stop fell mid-sentence ("... Het is niet gek. is niet gek, dat is slim."): what
    follows it does not stand on its own. None of the 46 gold headlines opens in lower case."""
    whole = quote_score("Eenzaamheid zie je niet aan de gevel.", ["eenzaamheid"], ["eenzaamheid"])
    rest = quote_score("eenzaamheid zie je niet aan de gevel.", ["eenzaamheid"], ["eenzaamheid"])
    assert rest <= whole - 1.0


# --- the eighth round: precision by sentence structure (sentences written for these tests) ----------------


@pytest.mark.parametrize(
    "sentence",
    [
        # a modal of a person whose infinitive is one of thinking, saying or being: a hedge or a plea
        "Ik moet toegeven dat het beter gaat dan verwacht.",
        "We moeten wel realistisch blijven over de planning.",
        "U moet begrijpen dat wij ook aan regels vastzitten.",
        "Maar jullie moeten ook onze kant zien.",
        "Die afspraak wil ik niet vergeten.",
        "Dat wil ik nooit meer meemaken.",  # a "willen" denied: a stance
        "Ik zou niet weten hoe we dat moeten betalen.",
        # a commitment's own clause denied: what the speaker will not do or is not in charge of
        "Ik vraag ook geen extra geld van de gemeente.",
        "Wij gaan daar niet over, dat doet de gemeente.",
        "Dat neem ik haar niet kwalijk.",
    ],
)
def test_a_hedge_a_stance_or_a_denied_step_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence, kind",
    [
        # the hedge left out, the step that follows it counts
        ("Ik moet eerlijk zeggen: het zou goed zijn als jullie de huurders eerder inlichten.", "proposal"),
        ("Dan wil ik dat plan wel op papier zien.", "proposal"),  # a demand, not a perception
        ("Maar ik wil de bewonerscommissie er wel vanaf het begin bij hebben.", "proposal"),
        ("Dat doe ik, als het niet in de vakantie valt.", "commitment"),  # the denial is the condition's
        ("Dat beloof ik: de huur gaat niet omhoog door de isolatie.", "commitment"),
        ("Wij gaan geen huurders meer uitzetten voor een kleine schuld.", "commitment"),  # a promise not to
    ],
)
def test_a_hedge_or_a_denial_elsewhere_leaves_the_step(sentence, kind):
    assert action_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Als het misloopt, staan de kinderen op straat.",  # what befalls, then a state
        "Als er iets gebeurt, zijn wij binnen een uur ter plaatse.",  # the service described
        "Als je alleen naar de kosten kijkt, mis je het verhaal.",  # a general truth
        "Maar als je niet ventileert, wordt het vocht alleen maar erger.",
        "Als we toen hadden doorgezet, hadden we nu woningen gehad.",  # a regret
        "Als ik door de wijk fiets, zie ik overal lege winkels.",  # an observation
        "Als ik eerlijk ben, snap ik die boosheid wel.",
        "Als wij de huur verhogen, gaan de huurders naar de rechter.",  # what would follow: an argument
        "Als ik een collega naar de school stuur, zit er iemand minder op kantoor.",
    ],
)
def test_a_condition_that_argues_observes_or_befalls_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Als het misgaat, bel ik meteen de wijkagent.",  # what befalls, then the speaker acts
        "Als jullie de sleutels regelen, maken wij de ruimte schoon.",
        "Als we de subsidie krijgen, kunnen we in maart beginnen.",
        "Als de provincie meebetaalt, kunnen wij twintig woningen extra bouwen.",
    ],
)
def test_a_condition_someone_at_the_table_brings_about_is_still_a_step(sentence):
    assert action_kind(sentence) == "conditional"


@pytest.mark.parametrize(
    "sentence",
    [
        "We sturen altijd eerst een brief, daarna bellen we.",  # a routine in the main clause
        "Wij starten elk voorjaar met een schoonmaakactie in de portieken.",
        "Zouden jullie dat echt willen doen.",  # a question, its question mark lost
        "Moet u daar zelf voor betalen.",
        "Ik vraag me af of dat in de praktijk werkt.",  # wondering
        "We vragen ons af waarom dat zo lang duurt.",
        "Ik neem aan dat jullie de cijfers kennen.",  # assuming
        "We gaan ervan uit dat de bouwkosten verder stijgen.",
        "Ik stel me even voor, ik ben Karin van de GGD.",  # an introduction
        "Dat zorgt voor veel onrust in de straat.",  # what causes what
        "Het kan alleen maar erger worden.",  # how it may turn out
        "Dat kan flink duur worden voor de huurders.",
        "Het zou fijn zijn als het sneller ging, maar zo werkt het niet.",  # a wish turned down
        "Dan hadden we veel eerder kunnen zorgen voor een tijdelijke woning.",  # a regret
        "Een buurvrouw belt me en zegt, ik ga naar de huisarts, loop je even mee.",  # reported speech
    ],
)
def test_routines_questions_thoughts_and_regrets_are_no_action_points(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik regel dat er elke dinsdag iemand van ons in het buurthuis zit.",  # the routine is what it starts
        "Wij zorgen voor de koffie en de zaal.",
        "De oude school kan een buurthuis worden.",  # what it can become
        "Dat kan nog dit jaar geregeld worden.",
        "Dat stuur ik je vrijdag.",
        "Die ruimte geven wij.",
    ],
)
def test_a_routine_started_a_role_or_a_reply_that_adds_a_step_is_an_action_point(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Dat wil ik best doen.",  # a short reply that takes up the other's proposal
        "Die nemen we mee.",
        "Dat schrijf ik op, hoor.",
        "Ik kan me voorstellen dat u boos bent.",  # sympathy: a state imagined
        "Ik kan me voorstellen dat dat zwaar is voor de kinderen.",
        "Dat kan ik me goed voorstellen.",  # agreeing
        "Laat ik me even voorstellen.",  # an introduction
    ],
)
def test_a_bare_reply_or_sympathy_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik kan me voorstellen dat er in elke flat een vaste huismeester is.",  # what there should be
        "Ik kan me voorstellen dat we in het najaar een avond houden.",
        "Ik kan me voorstellen dat de wijkagent één middag per week in het buurthuis zit.",
    ],
)
def test_a_step_imagined_is_still_a_proposal(sentence):
    assert action_kind(sentence) == "proposal"


@pytest.mark.parametrize(
    "sentence",
    [
        "Jullie zouden eens moeten zien hoe die mensen wonen.",  # the chain's last modal is "moeten"
        "Ik zou willen dat het allemaal wat simpeler was.",  # a wish that cannot come true
        "Die klacht neem ik heel serieus.",  # how it is taken
        "Ik wil nog even terugkomen op wat je net zei.",  # talk about the talk
        "Stel dat de huur omhoog gaat, wat dan.",  # a supposition
        "We zetten vooral in op voorlichting.",  # what the organisation mostly does
        "Dat moet van de huurders zelf komen.",  # where it should come from: a principle
        "Wij bellen de huurder na de eerste gemiste betaling al.",  # already done
        "Een corporatie moet haar huurders gewoon goed informeren.",  # what any of a kind must do
        "Elke gemeente moet genoeg sociale huur bouwen.",
        "Ik maak me grote zorgen over die mevrouw op drie hoog.",  # a feeling
        "Ik ga nog even terug naar wat je zei over de wachtlijst.",  # talk about the talk
        "We moeten het samen doen.",  # a duty that names no step
        "Jullie moeten dat gewoon anders doen.",
        "Dat was toch afgesproken met de wethouder.",  # a past agreement: a reproach
    ],
)
def test_a_wish_an_attitude_a_supposition_or_a_practice_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Dat moet nog voor de zomer geregeld worden.",
        "Stel de bewoners op de hoogte van de planning.",
        "De gemeente moet de huurders beter informeren.",  # the one at the table, not any
        "Wij stellen een team aan dat de klachten binnen een week afhandelt.",  # "dat" opens a relative clause
        "De huurdersraad wil elke maand de cijfers bespreken.",  # a wish, its routine is what it asks for
        "Wij kunnen elk jaar twintig woningen vrijmaken en aanbieden aan jullie cliënten.",  # an offer
        "Misschien moeten wij bij elke nieuwe bewoner een huisbezoek doen.",  # "doen" with what is done
        "Dan is dat afgesproken, ik stuur je de lijst.",
    ],
)
def test_what_must_be_done_and_an_imperative_of_stellen_are_still_action_points(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Dan bel ik de corporatie en dan krijg ik een bandje.",  # what the speaker then undergoes
        "Ik bel, ik krijg een bandje, en dan hang ik maar weer op.",
        "Dan stuur ik een mail en dan hoor ik weken niks.",  # nothing then happens
        "Ik stuur ze een brief, ze sturen niks terug.",
        "We plannen een afspraak, en dan komt er niemand.",
    ],
)
def test_a_step_told_with_what_then_goes_wrong_is_a_complaint(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Wij kunnen een buurtapp per flat opzetten, dan hoort iedereen het op tijd.",  # what the step brings
        "Geef me straks de adressen, dan stuur ik morgen een monteur.",
    ],
)
def test_a_step_told_with_what_it_brings_stays_a_step(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Geloof me, dat gaat niet vanzelf.", None),  # believing: attention asked, not a step
        ("Kijk eens naar die wachtlijst.", None),
        ("Neem de familie Bakker: vier kinderen, drie kamers en schimmel op elke muur.", None),  # an example
        ("Neem het voorbeeld van Utrecht, daar werkt het wel.", None),
        ("Laat me je een voorbeeld geven.", None),  # the speaker's own next words
        ("Neem de wijkagent mee naar de volgende bewonersavond.", "imperative"),  # taken along: a step
        ("Laat me voor vrijdag weten hoeveel woningen het zijn.", "imperative"),
    ],
)
def test_an_imperative_of_attention_or_an_example_is_no_step(sentence, kind):
    assert action_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik wil jullie bedanken voor de uitnodiging.",  # the speaker's own next words
        "Ik wil nog één ding toevoegen.",
        "Dan wil ik nog iets kwijt over de huurverhoging.",
        "Ik wil u iets vragen.",
        "Laten we eerlijk zijn, dit werkt niet.",  # a hedge, not "laten we" + a step
        "Ik geef je gelijk.",  # agreeing
        "Ik geef toe, het had beter gekund.",  # admitting
        "Dan kunnen we het net zo goed laten.",  # resignation
    ],
)
def test_talk_about_the_talk_a_hedge_or_agreement_is_no_action_point(sentence):
    assert action_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik ga ervoor zorgen dat niemand tussen wal en schip valt.",  # the denial is the dat-clause's
        "Laten we in maart opnieuw om tafel gaan.",
        "Ik wil de gemeente vragen om de regeling te verlengen.",
        "Ik wil de wethouder iets vragen over de subsidie voor het buurthuis.",  # asking someone else
        "Ik geef je gelijk de sleutels van de ruimte mee.",  # "gelijk": at once
        "Wij kunnen die avond net zo goed zelf organiseren.",  # "net zo goed": just as well
    ],
)
def test_a_step_with_a_denial_in_its_dat_clause_or_after_laten_we_stays_a_step(sentence):
    assert action_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        # a thought, a worry or a regret first, then the speaker's side's own step in a clause of its own
        "Ik vraag me af of dat mag, dus ik leg het voor aan de jurist.",
        "Ik maak me zorgen over het vocht, dus ik stuur morgen een inspecteur.",
        "Ik neem aan dat u akkoord bent, dus ik stuur de brief morgen.",
        "Ik had het eerder kunnen doen, maar ik regel het morgen.",
        "Ik geef je gelijk, dus ik stuur de bewoners morgen een nieuwe brief.",
        # a denial in a clause opened by "waarom" is what the step looks into
        "Wij gaan uitzoeken waarom niemand de brief heeft gekregen.",
        # what can be done, its participle ending in -en
        "Het dak kan volgende maand vervangen worden.",
        "Dat kan volgende week besproken worden.",
    ],
)
def test_a_step_after_a_thought_or_with_a_denied_question_or_a_participle_in_en_is_an_action_point(sentence):
    assert action_kind(sentence) is not None


def test_a_run_on_sentence_of_many_hedges_is_judged_at_once():
    """Each hedge or denial taken off is another pass over the sentence: a thousand of them (a run-on
    sentence, a loop Whisper wrote) took seconds, then passed Python's recursion limit."""
    import time

    for unit in ("ik wil niet, ", "ik vraag geen geld, ", "ik moet eerlijk zijn, "):
        started = time.process_time()
        assert action_kind(unit * 1200) is None
        assert time.process_time() - started < 2


def test_a_practice_word_leaves_a_quote_its_score():
    """The word "vooral" marks a practice for action points only: a headline says it as often."""
    same = quote_score("Eenzaamheid zit gewoon achter de voordeur.", ["eenzaamheid"], ["eenzaamheid"])
    assert quote_score("Eenzaamheid zit vooral achter de voordeur.", ["eenzaamheid"], ["eenzaamheid"]) == same
    assert action_kind("Wij bellen vooral de bewoners die een achterstand hebben.") is None


def test_a_loop_of_replies_is_read_at_once():
    """Whisper writes "ja, ja, ja, ..." a thousand times: taking the replies off a sentence is a loop, not a
    recursion (which passed Python's recursion limit and stopped the analysis of the conversation)."""
    import time

    from gesprekken.analyse import _without_opening

    started = time.process_time()
    assert _without_opening("Ja, " * 1500 + "is dat het probleem niet.") == "Is dat het probleem niet."
    assert action_kind("Ja, " * 1500 + "stuur me morgen de brief van de gemeente.") == "imperative"
    assert time.process_time() - started < 2
    # the conversation with such a turn is analysed (it stopped with a RecursionError)
    analysis = analyse(conversation("Ik ben Ingrid Vos van Het Anker.", "Ja, " * 1500 + "dat is zo."))
    assert analysis.turn_themes is not None


def test_a_whisper_loop_of_thousands_of_replies_is_read_in_a_moment():
    """8cfee97's loop cut and counted the rest of the sentence at each reply it took off: 30,000 of them
    ("ja, ja, ja, ...", a Whisper loop through a long silence) took seconds, growing with their square."""
    import time

    from gesprekken.analyse import _without_opening

    started = time.process_time()
    assert _without_opening("ja, " * 30_000 + "is dat het probleem niet.") == "Is dat het probleem niet."
    assert time.process_time() - started < 1


def test_the_diagnosis_tells_why_a_step_found_on_the_text_is_missed_on_speech(monkeypatch):
    """benchmarks/diagnose_action_points.py (BENCHMARKS, "Twenty-first round"): heldout35's Nijmegen
    conversation (seen since session 20) has "Bel me gewoon direct, ..." heard as "Wel me gewoon direct, ...":
    the same sentence, its verb misheard, so no rule offers it; the held-out sets are refused."""
    from diagnose_action_points import diagnose, main

    rows = diagnose(DATA / "analyse-speech-heldout35/02-nijmegen-koude-ouderen.yaml")
    causes = {row["gold"]: row["cause"] for row in rows}
    assert causes["Bel me gewoon direct, niet via het algemene nummer."] == (
        "the same sentence, not offered: its verb misheard"
    )
    import diagnose_action_points

    # Refused while held out (between rounds, when none is, as if the last set were).
    held_out = diagnose_action_points.HELD_OUT or {sorted(diagnose_action_points.SETS, key=lambda n: (len(n), n))[-1]}
    monkeypatch.setattr(diagnose_action_points, "HELD_OUT", held_out)
    for name in held_out:
        with pytest.raises(SystemExit):
            main(["--set", name])
