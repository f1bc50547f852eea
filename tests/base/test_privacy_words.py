"""The privacy notes, release lines and threshold errors in German, and numbers in the reader's way."""

from __future__ import annotations

import pytest

from careerkit.errors import ConfigError
from careerkit.languages import decimal, use_language
from careerkit.privacy import Tally, check_comment_threshold, check_threshold, note, steps_note


def test_german_note_reads_as_whole_sentences() -> None:
    """A tally with a left-out workshop, two questions, small and complementary cells, in German."""
    use_language("de")
    tally = Tally(small=3, complement=1, lines=2, line_word="question", left_out=("TINY",))
    assert note(tally, 5) == (
        "Datenschutz: Gruppen mit weniger als 5 Personen werden nie gezeigt. "
        "Workshop TINY: bisher weniger als 5 Antworten, daher in keiner Zahl hier enthalten. "
        "2 Fragen mit weniger als 5 Personen: gar nicht gezeigt. "
        "3 Zahlen über weniger als 5 Personen (oder niemanden) ausgeblendet, dazu 1 weitere, "
        "damit sich die ausgeblendeten nicht aus den Summen errechnen lassen."
    )


def test_german_note_takes_singular_and_the_kind_of_line() -> None:
    """One group, one complementary number, one pooled number: singular forms, "Gruppe"."""
    use_language("de")
    tally = Tally(complement=1, lines=1, across=1, line_word="group", left_out=("A", "B"))
    text = note(tally, 3)
    assert "Workshops A, B: bisher weniger als 3 Antworten" in text
    assert "1 Gruppe mit weniger als 3 Personen: gar nicht gezeigt." in text
    assert "1 Zahl ausgeblendet, damit sich andere nicht errechnen lassen." in text
    assert text.endswith("so verrät auch ein Vergleich verschiedener Auswahlen nichts.")
    assert "1 zusammengefasste Zahl ausgeblendet" in text


def test_english_note_keeps_its_wording() -> None:
    """The English sentences read as before the catalogs carried them."""
    tally = Tally(small=1, complement=4, lines=1, line_word="workshop")
    assert note(tally, 5) == (
        "Privacy: groups of fewer than 5 people are never shown. "
        "1 workshop with fewer than 5 people: not shown at all. "
        "1 number about fewer than 5 people (or none) hidden, and 4 more so the hidden ones "
        "cannot be worked out from the totals."
    )
    assert note(Tally(), 5) == ""


def test_release_line_in_german_for_one_and_several_workshops() -> None:
    """The steps note names each workshop only when there are several, in German sentences."""
    use_language("de")
    assert steps_note({"W": 12}, {"W": 10}, 5) == (
        "12 Antworten; die Diagramme zeigen die ersten 10 (noch 3 bis zum nächsten Schritt). "
        "Die Diagramme ändern sich in Schritten von 5 Antworten je Workshop, damit sich keine "
        "einzelne Antwort herauslesen lässt."
    )
    both = steps_note({"A": 1, "B": 10}, {"A": 0, "B": 10}, 5)
    assert both.startswith("A: 1 Antwort; die Diagramme zeigen die ersten 0 (noch 4 bis")
    assert "; B: 10 Antworten; alle in den Diagrammen (noch 5 bis zum nächsten Schritt)." in both
    use_language("en")
    assert steps_note({"W": 1}, {"W": 0}, 5).startswith(
        "1 response; charts show the first 0 (4 more to the next step). Charts move"
    )


def test_threshold_errors_in_german() -> None:
    """A threshold too low, or not a number, is refused in German with the rule and the way out."""
    use_language("de")
    with pytest.raises(
        ConfigError, match="Die Berichtsschwelle ist 2, sie darf aber nicht unter 3"
    ):
        check_threshold(2)
    with pytest.raises(ConfigError, match=r"ganze Zahl von Personen sein \(angegeben: 'fünf'\)"):
        check_threshold("fünf")  # type: ignore[arg-type]
    with pytest.raises(
        ConfigError, match=r"Die Kommentarschwelle ist 4, .* Berichtsschwelle \(5\)"
    ):
        check_comment_threshold(4, 5)


@pytest.mark.parametrize(
    ("lang", "value", "places", "shown"),
    [
        ("de", 3.5, 1, "3,5"),
        ("en", 3.5, 1, "3.5"),
        ("de", -0.125, 2, "-0,12"),
        ("en", 0.789, 2, "0.79"),
        ("de", 12.0, 0, "12"),
        ("fr", 2.25, 1, "2,2"),
    ],
)
def test_decimal_follows_the_readers_language(
    lang: str, value: float, places: int, shown: str
) -> None:
    """A decimal comma in German (and French), a point in English, rounding as Python rounds."""
    assert decimal(value, places, lang) == shown


def test_decimal_defaults_to_the_language_in_use() -> None:
    """Without a language, the one careerkit's words are shown in decides the mark."""
    assert decimal(0.5) == "0.5"
    use_language("de")
    assert decimal(0.5) == "0,5" and decimal(0.5, lang="en") == "0.5"
