"""Every support-line number, pinned as a literal copied from shared/facts/helplines.md.

A wrong number in a mental-health tool is the worst bug it can have. These
literals are deliberately duplicated here (not read from shared/) so the suite
fails if anyone edits a digit in data/interventions.yaml, and still runs in a
clone that has no ../shared.
"""

from __future__ import annotations

import re

import pytest

from therapick import export

# region -> emergency number
EMERGENCY = {"US": "911", "CA": "911", "GB": "999", "IE": "112", "AU": "000", "other": "the local emergency number"}
EMERGENCY_NOTE = {"GB": "112 also works", "IE": "999 also works"}

# line id -> (region, name, [(method, value)], contact text as written in helplines.md, source URL)
LINES = {
    "us-988": (
        "US",
        "988 Suicide & Crisis Lifeline",
        [("call", "988"), ("text", "988"), ("chat", "988lifeline.org")],
        "call or text 988; chat at 988lifeline.org; press 1 for the Veterans Crisis Line, press 2 for Spanish",
        "https://988lifeline.org",
    ),
    "us-samhsa": (
        "US",
        "SAMHSA National Helpline",
        [("call", "1-800-662-4357"), ("tty", "1-800-487-4889")],
        "call 1-800-662-4357 (1-800-662-HELP); TTY 1-800-487-4889",
        "https://www.samhsa.gov/find-help/national-helpline",
    ),
    "us-dv": (
        "US",
        "National Domestic Violence Hotline",
        [("call", "1-800-799-7233"), ("tty", "1-800-787-3224"), ("text", "88788")],
        "call 1-800-799-7233 (1-800-799-SAFE); TTY 1-800-787-3224; text START to 88788",
        "https://www.thehotline.org",
    ),
    "us-crisis-text": (
        "US",
        "Crisis Text Line",
        [("text", "741741")],
        "text HOME to 741741",
        "https://www.crisistextline.org",
    ),
    "us-rainn": (
        "US",
        "RAINN National Sexual Assault Hotline",
        [("call", "1-800-656-4673"), ("chat", "rainn.org")],
        "call 1-800-656-4673 (1-800-656-HOPE); chat at rainn.org",
        "https://www.rainn.org/get-help/national-sexual-assault-hotline",
    ),
    "us-childhelp": (
        "US",
        "Childhelp National Child Abuse Hotline",
        [("call", "1-800-422-4453"), ("text", "1-800-422-4453")],
        "call or text 1-800-422-4453 (1-800-4-A-CHILD)",
        "https://www.childhelphotline.org",
    ),
    "us-veterans": (
        "US",
        "Veterans Crisis Line",
        [("call", "988"), ("text", "838255")],
        "dial 988 then press 1; text 838255",
        "https://www.veteranscrisisline.net",
    ),
    "us-trevor": (
        "US",
        "The Trevor Project",
        [("call", "1-866-488-7386")],
        "call 1-866-488-7386",
        "https://www.thetrevorproject.org",
    ),
    "us-findtreatment": (
        "US",
        "FindTreatment.gov",
        [("web", "findtreatment.gov")],
        "website findtreatment.gov",
        "https://findtreatment.gov",
    ),
    "ca-988": (
        "CA",
        "9-8-8 Suicide Crisis Helpline",
        [("call", "988"), ("text", "988")],
        "call or text 988",
        "https://988.ca",
    ),
    "gb-samaritans": (
        "GB",
        "Samaritans",
        [("call", "116 123"), ("email", "jo@samaritans.org")],
        "call 116 123 (free); email jo@samaritans.org",
        "https://www.samaritans.org",
    ),
    "gb-shout": ("GB", "Shout", [("text", "85258")], "text SHOUT to 85258", "https://giveusashout.org"),
    "ie-samaritans": (
        "IE",
        "Samaritans Ireland",
        [("call", "116 123")],
        "call 116 123 (free)",
        "https://www.samaritans.org/ireland",
    ),
    "ie-50808": ("IE", "50808", [("text", "50808")], "text TALK to 50808", "https://text50808.ie"),
    "au-lifeline": (
        "AU",
        "Lifeline",
        [("call", "13 11 14"), ("text", "0477 13 11 14")],
        "call 13 11 14; text 0477 13 11 14",
        "https://www.lifeline.org.au",
    ),
    "other-findahelpline": (
        "other",
        "Find A Helpline",
        [("web", "findahelpline.com")],
        "website findahelpline.com",
        "https://findahelpline.com",
    ),
}

KEYWORDS = {"us-dv": "START", "us-crisis-text": "HOME", "gb-shout": "SHOUT", "ie-50808": "TALK"}
LETTERS = {
    "us-samhsa": "1-800-662-HELP",
    "us-dv": "1-800-799-SAFE",
    "us-rainn": "1-800-656-HOPE",
    "us-childhelp": "1-800-4-A-CHILD",
}


def all_lines(kb):  # type: ignore[no-untyped-def]
    return {line.id: (region, line) for region in kb.regions for line in region.lines}


def test_exactly_these_lines(kb) -> None:  # type: ignore[no-untyped-def]
    assert set(all_lines(kb)) == set(LINES)


@pytest.mark.parametrize("line_id", sorted(LINES))
def test_line_is_exact(kb, line_id: str) -> None:  # type: ignore[no-untyped-def]
    region_id, name, contacts, text, source = LINES[line_id]
    region, line = all_lines(kb)[line_id]
    assert region.id == region_id
    assert line.name == name
    assert [(c.method, c.value) for c in line.contact] == contacts
    assert line.contact_text == text
    assert line.source == source
    assert re.fullmatch(r"2026-11(-\d\d)?", line.checked), "every line carries the date it was checked"
    for c in line.contact:
        if line_id in KEYWORDS and c.method == "text":
            assert c.keyword == KEYWORDS[line_id]
        if line_id in LETTERS and c.method == "call":
            assert c.as_letters == LETTERS[line_id]


@pytest.mark.parametrize("region_id", sorted(EMERGENCY))
def test_emergency_numbers(kb, region_id: str) -> None:  # type: ignore[no-untyped-def]
    region = kb.regions_by_id[region_id]
    assert region.emergency == EMERGENCY[region_id]
    assert region.emergency_note == EMERGENCY_NOTE.get(region_id)
    assert any(line.crisis for line in region.lines), "every region has at least one crisis line"


def test_988_press_3_is_not_listed(kb) -> None:  # type: ignore[no-untyped-def]
    # The 988 LGBTQ+ youth option ("press 3") ended on 17 July 2025.
    assert "press 3" not in export.kb_markdown(kb)


def test_digits_in_contact_text_match_contact_values(kb) -> None:  # type: ignore[no-untyped-def]
    for _, line in all_lines(kb).values():
        for c in line.contact:
            assert c.value in line.contact_text, (line.id, c.value)
