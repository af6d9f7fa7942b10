"""Which language a patient writes in, and which languages the emails are in."""

from __future__ import annotations

import pytest

from denialwatch.domain.language import DEFAULT_LANGUAGE, LANGUAGES, detect_language, supported


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, I got this letter from my plan and I want to appeal it. Thank you.", "en"),
        ("Please help me with the denial, they said it was not needed.", "en"),
        ("Hola, me llegó esta carta de mi seguro y no sé qué hacer. Gracias.", "es"),
        ("Buenos días, les mando la carta que recibí ayer por correo.", "es"),
        ("¿Qué tengo que hacer ahora?", "es"),
    ],
)
def test_a_clear_text_is_read_as_its_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Gracias",
        "OK, filed 11/20",
        "Thanks!",
        "DW-00012",
        # Half in each language is no choice.
        "Hello, I have the letter. Hola, tengo la carta de mi plan.",
    ],
)
def test_a_short_or_mixed_text_says_nothing(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("es", "es"),
        ("es-MX", "es"),
        ("ES_us", "es"),
        (" es ", "es"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_supported_falls_back_to_english(code: str | None, expected: str) -> None:
    assert supported(code) == expected


def test_english_is_the_default_and_both_languages_are_offered() -> None:
    assert DEFAULT_LANGUAGE == "en"
    assert LANGUAGES == ("en", "es")
