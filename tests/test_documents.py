"""One document, three renderers: the screen, plain text and Markdown show the same sections.

The saved report is the results document written as Markdown, plus what only
a report has (its title, the date, the answers); the export is made of the
documents ``show`` and ``hotlines`` print. A web address is never split, in
any output at any width, and is a link in Markdown and (with colour) in the
terminal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tests.conftest import run
from therapick.advice.answers import Answers
from therapick.advice.result import advise
from therapick.base import i18n
from therapick.kb import loader
from therapick.kb.schema import KnowledgeBase
from therapick.output import doc, export, render, results
from therapick.output.doc import Heading

PERSONAS = {
    "london": {"crisis": False, "who": "adult", "concerns": ("low-mood",), "region": "GB"},
    "ohio": {"crisis": False, "who": "young-child", "concerns": ("child-behavior",), "region": "US"},
    "risk": {"crisis": True, "who": "teen", "concerns": ("intense-emotions", "abuse"), "region": "IE"},
    "nowhere": {"crisis": False, "who": "adult", "concerns": ("trauma",)},
}


def knowledge(lang: str) -> KnowledgeBase:
    i18n.set_language(lang)
    return loader.bundled(lang)


def headings(blocks: Any) -> list[str]:
    """Every heading of a document, panels' and fields' contents included."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(b.text)
        elif isinstance(b, (doc.Panel, doc.Field)):
            out += headings(b.blocks)
    return out


def markdown_headings(text: str) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_report_has_every_heading_of_the_screen_and_no_other(lang: str, persona: str) -> None:
    kb = knowledge(lang)
    result = advise(kb, Answers({"flags": PERSONAS[persona]}), 3, {})
    screen = headings(results.result(kb, result))
    report = markdown_headings(export.report_markdown(kb, result, "2026-12-01"))
    own = [i18n.t("therapick report"), i18n.t("Your answers")]  # what only a report has (and the date)
    assert report[0] == own[0] and own[1] in report
    assert sorted(h for h in report if h not in own) == sorted(screen)
    assert len(screen) >= 6  # the summary, the suggestions, the lines, the routes, the next steps


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_and_the_screen_start_with_the_same_summary(lang: str) -> None:
    kb = knowledge(lang)
    result = advise(kb, Answers({"flags": PERSONAS["london"]}), 3, {})
    screen = headings(results.result(kb, result))
    report = markdown_headings(export.report_markdown(kb, result, "2026-12-01"))
    assert screen[0] == i18n.t("In short") and report[1] == i18n.t("In short")
    assert screen[-1] == i18n.t("Your next steps") and report[-1] == i18n.t("Your next steps")


def test_the_export_shows_each_intervention_as_show_does(kb) -> None:
    text = export.kb_markdown(kb)
    for i in kb.interventions:
        shown = headings(render.intervention(kb, i))
        assert f"#### {shown[0]}\n" in text
        for label in ("Id", "For whom", "What to expect", "Evidence"):
            assert f"- **{label}:**" in text


# --------------------------------------------------------------------------
# Markdown


def test_markdown_escapes_the_knowledge_bases_words() -> None:
    out = doc.to_markdown([doc.para("a *b* _c_ [d](e) <f> `g` \\h")])
    assert out == "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\\\h\n"


def test_markdown_lists_fields_panels_and_links() -> None:
    out = doc.to_markdown(
        [
            Heading("Title", 0),
            doc.para("one ", ("bold", "bold"), " and ", ("it", "italic")),
            doc.item("x ", doc.link("https://example.org/a_b")),
            doc.item("y"),
            doc.Field("Why", (doc.item("p"), doc.item("q"))),
            doc.Field("What", (doc.para("line\nnext"),)),
            doc.Panel("Help", (doc.para("call ", ("999", "alert")),)),
            doc.para(doc.link("#anchor", "Contents")),
        ]
    )
    assert out == (
        "# Title\n\none **bold** and *it*\n\n- x <https://example.org/a_b>\n- y\n- **Why:**\n  - p\n  - q\n"
        "- **What:** line  \n  next\n\n> **Help**\n>\n> call **999**\n\n[Contents](#anchor)\n"
    )


def test_emphasis_hugs_its_words() -> None:
    assert doc.to_markdown([doc.para("a", (" b ", "bold"), "c")]) == "a **b** c\n"


# --------------------------------------------------------------------------
# A web address is never split


def urls_of(kb: KnowledgeBase) -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            found.update(re.findall(r"https?://[^\s)<>]+[^\s)<>.,;]", node))

    walk(msgspec.to_builtins(kb))
    return found


SCREENS = [
    ("show", "cbt", "--region", "GB"),
    ("show", "abc"),
    ("show", "pcit", "--region", "US"),
    ("hotlines",),
    ("ask", "--who", "adult", "--concern", "anxiety-depression", "--region", "GB"),
    ("ask", "--who", "young-child", "--concern", "child-behavior", "--region", "US"),
    ("ask", "--who", "teen", "--concern", "trauma", "--concern", "abuse", "--crisis", "--region", "AU"),
]


@pytest.mark.exhaustive  # a whole family in-process: the full suite's
@pytest.mark.parametrize("width", [20, 33, 60, 80, 127, 200])
@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("args", SCREENS, ids=lambda a: " ".join(a[:2]))
def test_no_url_is_split_in_any_output(runner, monkeypatch, kb, args: tuple[str, ...], plain: bool, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = run(runner, *(("--plain",) if plain else ()), *args).stdout
    known = urls_of(kb)
    printed = re.findall(r"https?://\S+", out)
    assert printed, args
    for url in printed:
        assert url.rstrip(".,;)") in known, (width, url)


def test_markdown_links_are_links(kb) -> None:
    text = export.kb_markdown(kb)
    bare = [u for u in re.findall(r"(?<![<(])https?://[^\s>)]+", text) if f"<{u}>" not in text]
    assert bare == [] or all(u in " ".join(n.text for n in kb.notes) for u in bare)
    assert text.count("<https://") >= 30


def test_a_terminal_gets_links_as_hyperlinks(runner, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = run(runner, "show", "pcit").stdout
    assert "\x1b]8;" in out and "https://www.pcit.org/for-parents" in out


def test_the_golden_exports_are_written_from_documents() -> None:
    """A guard on the layout itself: every Markdown list item in the export is one line or a continuation."""
    golden = Path(__file__).parent / "golden" / "export.md"
    for line in golden.read_text(encoding="utf-8").splitlines():
        assert not line.startswith("   -"), line  # nesting is two spaces a level, never three
