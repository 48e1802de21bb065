"""The offer to save, and a plan step's several entries, with answers fed through the ``Prompt`` seam
(issues 21 and 26): no terminal, no process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from therapick.advice.plan import Plan
from therapick.cli import questionnaire, safety_plan, session
from therapick.cli.asking import Prompt
from therapick.output import doc, export, render


class Fake:
    """An ``ask`` that answers from a list and keeps every prompt it was shown."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers: Iterator[Any] = iter(answers)
        self.asked: list[Prompt] = []

    def __call__(self, p: Prompt) -> Any:
        self.asked.append(p)
        value = next(self.answers)
        return p.default if value is ENTER else value


ENTER = object()  # Enter alone: the prompt's default (the name filled in)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return tmp_path


def offer(ask: Fake, saving: Any = questionnaire.REPORT) -> tuple[str | None, list[str]]:
    written: list[str] = []

    def write(path: str) -> None:
        Path(path).write_text("report", encoding="utf-8")
        written.append(path)

    return session.offer_save(saving, write, ask=ask), written


def test_declined_nothing_is_asked_or_written(here: Path) -> None:
    ask = Fake([False])
    assert offer(ask) == (None, [])
    assert [p.id for p in ask.asked] == ["save"]
    assert ask.asked[0].default is False  # the report: default no
    assert list(here.iterdir()) == [here / "home"]


def test_the_name_is_shown_then_the_whole_path_asked_before_writing(here: Path) -> None:
    ask = Fake([True, ENTER, True])
    assert offer(ask) == ("therapick-report.md", ["therapick-report.md"])
    name, sure = ask.asked[1], ask.asked[2]
    assert name.default == "therapick-report.md" and name.hint is None  # filled in: no "leave it empty"
    assert sure.kind == "confirm" and str(here / "therapick-report.md") in sure.text


def test_no_at_the_path_writes_nothing(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ask = Fake([True, ENTER, False, ""])
    assert offer(ask) == (None, [])
    assert ask.asked[3].default == "" and ask.asked[3].hint == "(leave it empty to skip)"
    assert "not saved; type another name, or leave the field empty to skip" in capsys.readouterr().err


def test_a_name_in_use_is_not_filled_in_and_a_typed_one_is_refused_without_a_flag(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "therapick-report.md").write_text("mine", encoding="utf-8")
    ask = Fake([True, "therapick-report.md", "", True])
    assert offer(ask) == (None, [])
    assert ask.asked[1].default == "therapick-report-2.md"
    err = capsys.readouterr().err
    assert "therapick-report.md already exists; type another name, or leave the field empty to skip" in err
    assert "--force" not in err
    assert ask.asked[2].default == "" and ask.asked[2].hint  # the field is empty, and says so
    assert (here / "therapick-report.md").read_text(encoding="utf-8") == "mine"


def test_a_tilde_is_the_home_folder(here: Path) -> None:
    ask = Fake([True, "~/r.md", True])
    path, written = offer(ask)
    assert path == str(here / "home" / "r.md") and written == [path]
    assert str(here / "home" / "r.md") in ask.asked[2].text


def test_a_missing_folder_is_said_and_asked_again(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ask = Fake([True, "nowhere/r.md", "-", "ok.md", True])
    assert offer(ask)[0] == "ok.md"
    err = capsys.readouterr().err
    assert "does not exist" in err and "- is not a file name here" in err and "--force" not in err


def test_a_plan_is_offered_with_yes_as_the_default(here: Path) -> None:
    ask = Fake([ENTER, ENTER, ENTER])
    assert offer(ask, questionnaire.PLAN)[0] == "safety-plan.md"
    assert ask.asked[0].default is True and "plan" in ask.asked[0].text


def test_a_step_holds_several_entries(kb: Any) -> None:
    ask = Fake(["Sam 0123", "my sister", "", "", "", "", "", "", "", ""])
    plan = safety_plan.make(kb, None, ask, lambda _: None, "2026-01-01")
    first = kb.safety_plan.steps[0].id
    assert plan.entries == ((first, "Sam 0123"), (first, "my sister"))
    assert [p.text for p in ask.asked[:3]] == [
        "Step 1: My warning signs",
        "Step 1: My warning signs: anything more?",
        "Step 1: My warning signs: anything more?",
    ]
    md = export.plan_markdown(kb, plan)
    assert "## 1. My warning signs\n\n- Sam 0123\n- my sister\n" in md
    shown = doc.to_plain(render.plan(kb, plan), 80)
    assert "- Sam 0123" in shown and "- my sister" in shown


def test_one_entry_is_shown_as_before(kb: Any) -> None:
    first = kb.safety_plan.steps[0].id
    plan = Plan(None, ((first, "tired"),), "2026-01-01")
    assert "## 1. My warning signs\n\ntired\n" in export.plan_markdown(kb, plan)
