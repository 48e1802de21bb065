"""What typed answers mean, and how prompt text is wrapped: pure, no terminal (issues 18 and 21)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from therapick.cli import asking, prompts

OPTIONS = (("adult", "An adult"), ("teen", "A teenager"), ("young-child", "A young child"))


@pytest.mark.parametrize("words", ["y", "yes", "YES", " Yes. ", "sí", "si", "S", "yeah"])
def test_yes(words: str) -> None:
    assert asking.yes_no(words) is True


@pytest.mark.parametrize("words", ["n", "no", "NO", "No!", "nope"])
def test_no(words: str) -> None:
    assert asking.yes_no(words) is False


@pytest.mark.parametrize(
    "words",
    ["maybe", "Maybe?", "not sure", "NOT  SURE", "idk", "I don't know", "i dont know", "unsure", "quizás", "Quizas",
     "quizá", "no sé", "No se", "NO SÉ.", "no lo sé", "tal vez", "no estoy segura"],
)  # fmt: skip
def test_unsure_is_a_reason_to_show_help(words: str) -> None:
    assert asking.yes_no(words) == asking.UNSURE_ANSWER


@pytest.mark.parametrize("words", ["", " ", "hello", "yes no", "nos", "noo", "sé", "y e s"])
def test_anything_else_is_not_an_answer(words: str) -> None:
    assert asking.yes_no(words) is None


def test_text_read_under_an_ascii_locale_is_recovered() -> None:
    typed = "sí".encode().decode("ascii", "surrogateescape")  # what Python reads from a UTF-8 terminal
    assert asking.yes_no(typed) is True
    assert asking.yes_no("no sé".encode().decode("ascii", "surrogateescape")) == asking.UNSURE_ANSWER


@pytest.mark.parametrize(
    ("typed", "ids"),
    [("1", ["adult"]), ("3 1", ["adult", "young-child"]), ("2,3", ["teen", "young-child"]),
     ("young-child", ["young-child"]), ("TEEN 1", ["adult", "teen"]), ("", []), ("1 1", ["adult"])],
)  # fmt: skip
def test_choices_by_number_or_id(typed: str, ids: list[str]) -> None:
    assert asking.choices(typed, OPTIONS) == ids


@pytest.mark.parametrize("typed", ["0", "4", "-1", "adults", "1 x", "²"])
def test_choices_that_are_not_options(typed: str) -> None:
    assert asking.choices(typed, OPTIONS) is None


def test_a_paste_as_text_never_holds_a_line_end() -> None:
    assert (
        asking.as_text("Sam 07700 900123\r\ncall after 6\rok\n\tthen\x1b[A")
        == "Sam 07700 900123 call after 6 ok  then[A"
    )


def test_confirm_with_a_default() -> None:
    assert asking.confirm("", True) is True and asking.confirm("", False) is False
    assert asking.confirm("s", False) is True and asking.confirm("N", True) is False
    assert asking.confirm("perhaps", True) is None


def lines_of(fragments: list[tuple[str, str]]) -> list[str]:
    return "".join(text for _, text in fragments).split("\n")


def test_wrap_breaks_between_words_and_keeps_styles() -> None:
    out = prompts.wrap([("q", "? Where are you? "), ("o", "United Kingdom or Ireland")], 20)
    assert lines_of(out) == ["? Where are you?", "  United Kingdom or", "  Ireland"]
    assert ("o", "Kingdom") in out  # each word keeps its style


def test_wrap_breaks_a_word_only_when_it_is_wider_than_a_line() -> None:
    out = lines_of(prompts.wrap([("", "see https://example.org/a/very/long/path/indeed ok")], 20))
    assert all(len(line) <= 20 for line in out)
    assert "".join("".join(out).split()) == "seehttps://example.org/a/very/long/path/indeedok"


def test_wrap_counts_wide_characters_as_two_cells() -> None:
    out = lines_of(prompts.wrap([("", "友達 の 電話 番号 です")], 9, indent=0))
    assert out == ["友達 の", "電話 番号", "です"]


words = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P")), min_size=1, max_size=12)


@given(st.lists(words, min_size=1, max_size=30), st.integers(min_value=10, max_value=120))
def test_wrap_loses_no_word_and_passes_no_width(text: list[str], width: int) -> None:
    from prompt_toolkit.utils import get_cwidth

    out = lines_of(prompts.wrap([("", " ".join(text))], width))
    assert " ".join(" ".join(out).split()) == " ".join(text) or any(get_cwidth(w) > width - 2 for w in text)
    for line in out:
        assert get_cwidth(line) <= width or any(get_cwidth(w) > width - 2 for w in text)
