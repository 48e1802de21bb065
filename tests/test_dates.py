"""When a fact was checked, as people read it on screen and in the export; JSON keeps the raw date."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import run
from therapick.base import i18n


@pytest.mark.parametrize(
    ("value", "en", "es"),
    [
        ("2026-12", "December 2026", "diciembre de 2026"),
        ("2026-11-26", "26 November 2026", "26 de noviembre de 2026"),
        ("2025-01", "January 2025", "enero de 2025"),
        ("2026", "2026", "2026"),
        ("2026-13", "2026-13", "2026-13"),
        ("2026-02-40", "2026-02-40", "2026-02-40"),
        ("soon", "soon", "soon"),
    ],
)
def test_month_words(value: str, en: str, es: str) -> None:
    try:
        i18n.set_language("en")
        assert i18n.month_words(value) == en
        i18n.set_language("es")
        assert i18n.month_words(value) == es
    finally:
        i18n.set_language("en")


def test_the_screen_says_the_month_and_json_keeps_the_date(runner: CliRunner) -> None:
    raw = json.loads(run(runner, "hotlines", "--region", "GB", "--json").stdout)
    samaritans = next(x for x in raw["regions"][0]["lines"] if x["name"] == "Samaritans")
    assert samaritans["checked"] == "2026-11"  # the date as the knowledge base holds it
    screen = " ".join(run(runner, "hotlines", "--region", "GB").stdout.split())
    assert "(checked November 2026)" in screen and "(checked 2026-11)" not in screen
    spanish = " ".join(run(runner, "--lang", "es", "hotlines", "--region", "GB").stdout.split())
    assert "(consultada en noviembre de 2026)" in spanish
