"""The headline and its five candidates, ranked by the model learnt from the editors' gold (issue 15,
ninth round): the shipped weights are what the training gives, and what an editor sees follows them."""

import math

import pytest
from learn_headline import FEATURE_SETS, MEANING_CHOICE, choice_of, conversations, retrained_meaning, shipped

from gesprekken import meaning
from gesprekken.analyse import HEADLINE_MEANING, analyse, garbled, quote_features
from gesprekken.learned import model
from gesprekken.transcript import Conversation, Participant, Turn

PEOPLE = [
    Participant("Ingrid Vos", "directeur", "Woonstichting Het Anker"),
    Participant("Peter Lammers", "beleidsadviseur", "gemeente Deventer"),
]


def conversation(*texts: str) -> Conversation:
    speakers = [p.name for p in PEOPLE]
    turns = [Turn(speakers[n % 2], float(n), float(n) + 1, text) for n, text in enumerate(texts)]
    return Conversation(id="t", title="Een tweegesprek", participants=list(PEOPLE), turns=turns)


def score(sentence: str, **place) -> float:
    return model("headline").probability(quote_features(sentence, [], **place))


@pytest.mark.slow
@pytest.mark.retrain
def test_the_shipped_weights_are_what_the_training_gives():
    """Trained again on every set with the shipped choice (feature set, c, sources): the same model."""
    ours = model("headline")
    again = shipped(conversations(), choice_of(ours))
    assert again.features == ours.features and again.threshold == ours.threshold
    assert again.intercept == pytest.approx(ours.intercept, abs=1e-5)
    assert again.weights == pytest.approx(ours.weights, abs=1e-5)
    assert ours.features in FEATURE_SETS.values()


@pytest.mark.slow
@pytest.mark.retrain
def test_the_second_models_weights_and_profile_are_what_the_training_gives():
    """The model that orders the candidates after the headline, trained again on every writer with its fixed
    choice: the same weights, and the same profile of what editors pick (the encoder's floats differ in their
    last bits between CPUs)."""
    ours = model(HEADLINE_MEANING)
    assert choice_of(ours) == MEANING_CHOICE and ours.features in FEATURE_SETS.values()
    again, profile = retrained_meaning()
    assert again.features == ours.features and again.threshold == pytest.approx(ours.threshold, abs=1e-4)
    assert again.intercept == pytest.approx(ours.intercept, abs=1e-3)
    assert again.weights == pytest.approx(ours.weights, abs=1e-3)
    assert list(profile) == pytest.approx(meaning.profiles(HEADLINE_MEANING)["headline"], abs=1e-4)


TALK = (
    "Ik ben Ingrid Vos van Woonstichting Het Anker, wij verhuren vierduizend woningen.",
    "Ik ben Peter Lammers. Bij ons lopen de huurachterstanden op, vorig jaar met twaalf procent.",
    "Een brief lost geen schuld op, een gesprek aan de keukentafel wel.",
    "Ze weet op vrijdag nog niet of ze maandag een dak boven haar hoofd heeft.",
    "Een woningruil moet altijd vooraf bij de corporatie gemeld worden.",
    "Je raakt je baan kwijt, en een week later slaap je bij je zus op de bank.",
    "De aanvraag voor bijzondere bijstand loopt via het digitale loket.",
    "Een oudere die twintig jaar in dezelfde straat woont, verhuist niet voor een folder.",
    "Het formulier moet voor het eind van de maand binnen zijn.",
    "Precies, dat is de kern.",
)


def test_the_headline_and_its_second_are_the_first_models_and_the_three_after_them_what_editors_pick():
    """The headline (what the article, the page and the desk show first) and the candidate after it are the
    best two of the model of a quote's signs; the three offered after them follow the second model, which
    weighs what a sentence means as well, learnt from every writer's headlines (BENCHMARKS, "Thirty-first
    round", H8)."""
    result = analyse(conversation(*TALK))
    assert result.headline is result.quotes[0]
    offered = result.headline_candidates
    assert offered[:2] == result.quotes[:2] and len(offered) == 5
    second = [q for q in result.offered_order if q not in result.quotes[:2]]
    assert offered[2:] == second[:3]
    assert [q.text for q in offered[2:]] != [q.text for q in result.quotes[2:5]]  # the two models differ here


def test_a_sentence_said_twice_in_a_turn_keeps_its_place_among_the_candidates():
    """A reviewer's find (session 34): the second model's order was keyed by turn and text, so a sentence a
    turn says twice was ranked once for its later copy, and the earlier copy, unranked, jumped to third."""
    talk = list(TALK)
    talk[9] = "Precies, dat is de kern. Echt waar. Precies, dat is de kern."
    result = analyse(conversation(*talk))
    plain = analyse(conversation(*TALK))
    assert [q.text for q in result.headline_candidates] == [q.text for q in plain.headline_candidates]


def test_a_maxim_taken_up_at_the_end_is_the_headline_not_the_news_or_the_introduction():
    result = analyse(
        conversation(
            "Ik ben Ingrid Vos van Woonstichting Het Anker, wij verhuren vierduizend woningen.",
            "Ik ben Peter Lammers. Bij ons lopen de huurachterstanden op, vorig jaar met twaalf procent.",
            "Wij sturen elke maand een brief aan huurders met een achterstand.",
            "Die brieven lezen ze niet, denk ik.",
            "Een brief lost geen schuld op, een gesprek aan de keukentafel wel.",
            "Precies, dat is de kern.",
        )
    )
    assert result.headline.text == "Een brief lost geen schuld op, een gesprek aan de keukentafel wel."
    offered = [q.text for q in result.headline_candidates]
    assert 1 <= len(offered) <= 5 and offered[0] == result.headline.text
    assert not any(t.startswith("Ik ben") for t in offered[:3])
    # under the model's threshold (what the rules scored 0 or less): an introduction is no quote at all
    assert not any(q.text.startswith("Ik ben") for q in result.quotes)
    # the score an editor sorts quotes by (the page, "citaten over een thema") is the model's probability
    assert all(0 < q.score < 1 for q in result.quotes)
    assert [q.score for q in result.quotes] == sorted((q.score for q in result.quotes), reverse=True)


def test_the_editor_is_offered_five_different_quotes_not_one_twice():
    """A run-on statement is a quote of its own ("een gesprek aan de keukentafel wel" after the comma),
    but offered beside the whole sentence it is the same quote twice: the desk's five are five."""
    result = analyse(
        conversation(
            "Wij sturen elke maand een brief aan huurders met een achterstand.",
            "Een brief lost geen schuld op, een gesprek aan de keukentafel wel.",
            "Precies, dat is de kern.",
            "Een wijk zonder buurthuis verliest zijn hart.",
        )
    )
    whole = "Een brief lost geen schuld op, een gesprek aan de keukentafel wel."
    assert any(q.text == "Een gesprek aan de keukentafel wel." for q in result.quotes)  # still a quote
    offered = [q.text for q in result.headline_candidates]
    assert whole in offered and "Een gesprek aan de keukentafel wel." not in offered
    assert len(offered) == len(result.quotes) - 1


def test_a_sentence_the_other_speaker_takes_up_ranks_higher():
    """The replies differ in the reaction alone (the same themes, nothing quotable), so only the
    other speaker taking the sentence up can lift it."""
    quote = "Een wijk zonder buurthuis verliest zijn hart."
    taken_up = analyse(conversation(quote, "Precies, zo is het."))
    passed_over = analyse(conversation(quote, "Tja, zo is het."))
    assert [t.theme for t in taken_up.conversation_themes] == [t.theme for t in passed_over.conversation_themes]
    assert next(q.score for q in taken_up.quotes if q.text == quote) > next(
        q.score for q in passed_over.quotes if q.text == quote
    )


def test_the_fields_own_words_are_no_garble():
    """ "wederkerigheid", "vroegsignalering" and "schuldhulpverlening" are in neither the lemma tables nor
    wordfreq: counted as garbled, they marked a headline on the conversation's theme down for the word that
    makes it one (BENCHMARKS, "Thirtieth round", G)."""
    assert garbled("Voor mij gaat het om wederkerigheid.".split()) == 0
    assert garbled("Vroegsignalering en schuldhulpverlening horen bij elkaar.".split()) == 0
    assert garbled("Vroeg singeleering werkt alleen als we op tijdelen.".split()) > 0


def test_what_whisper_garbled_is_offered_below_what_it_heard_clearly():
    clear = "Een wijk zonder buurthuis verliest zijn hart."
    misheard = "Een wijk zonder bruthois verlijst zijn hard."
    assert garbled(misheard.split()) > 0 == garbled(clear.split())
    assert score(clear) > score(misheard)


@pytest.mark.parametrize(
    ("quote", "news"),
    [
        ("Een renovatie is nooit alleen een verbouwing.", "Bij ons betaalt een nieuwe huurder echt nooit meer huur."),
        ("Een brief lost nooit een schuld op.", "Niemand had me echt verteld dat de toeslag apart kwam."),
        ("Zekerheid geef je met een gesprek, niet met een brief.", "Veel huurders lezen de brieven van de corporatie."),
        ("Een huurder zonder hulp raakt zijn huis kwijt.", "Vijfenveertig gezinnen wachten echt op een woning."),
        ("Een tuin is geen straf.", "Fijn, want dat is voor mij de kern."),
        ("Een tuin is geen straf.", "Ik ben directeur van een woonstichting in Deventer."),
    ],
)
def test_the_learnt_model_keeps_what_makes_a_quote(quote, news):
    """What the rules put first (an opinion, a maxim, a contrast) the weights learnt from editors
    put first too: before the speaker's own news, an anecdote, a number, a reply, an introduction."""
    assert score(quote) > score(news)


def test_questions_and_scraps_are_never_candidates():
    assert quote_features("Hoe snel kunnen jullie beginnen met vroegsignalering?", []) is None
    assert quote_features("Dat klopt helemaal.", []) is None
    result = analyse(conversation("Hoe snel kunnen jullie beginnen?", "Dat klopt helemaal."))
    assert result.quotes == [] and result.headline is None


def test_a_probability_is_a_number_between_zero_and_one_for_any_sentence():
    values = quote_features("Een wijk zonder jongeren heeft geen toekomst.", ["jongeren"], ["jongeren"])
    assert set(model("headline").features) <= set(values)
    p = model("headline").probability(values)
    assert 0 < p < 1 and not math.isnan(p)
