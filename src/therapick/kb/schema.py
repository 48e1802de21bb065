"""The knowledge base's schema: typed msgspec structs, and name lookup.

A wrong type, a missing key or an unknown key is reported with its exact
path (``$.interventions[3].fit``) by msgspec. Cross-references between
sections are checked in ``checks.py``; reading a file is ``source.py``.

Why it is over 400 lines: it is the whole schema, one Struct per kind of item with its
constraints; the knowledge base's author reads it as one page (and ``docs/json`` is made from it).
"""

# No `from __future__ import annotations`: msgspec would have to evaluate every annotation string
# with typing at the first decode (about 10 ms of every read command, bench/startup.py).

import re
from functools import cached_property
from typing import Annotated, Literal

from msgspec import Meta, Struct

from therapick.base.i18n import t
from therapick.base.text import schema_class

# Every pattern ends with _END, never `$`: `$` also matches before a final line break, so "GB\n"
# would pass as the region GB and then never be found. (`\Z` is Python's own; _END reads the same
# in the published JSON Schema, an ECMAScript regular expression.)
_END = r"(?![\s\S])"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*" + _END
REGION_PATTERN = r"^([A-Z]{2}|other)" + _END
COUNTRY_PATTERN = r"^[A-Z]{2}" + _END  # ISO 3166-1 alpha-2
OPTION_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*|[A-Z]{2})" + _END
# A page exactly as the checked facts give it, http or https (some pages are known only by http, and
# a link is never rewritten into a form nobody checked); printable ASCII, no space: a link is printed
# whole and exact. Any other scheme (ftp:, javascript:, file:) is refused.
PAGE_PATTERN = r"^https?://[!-~]+" + _END
FACT_PATTERN = r"^P[0-9]+" + _END  # a row of a facts file: P12
LANGUAGE_PATTERN = r"^[a-z]{2}" + _END  # ISO 639-1: es
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?" + _END
# Text shown to a person: not blank, and no hidden character (base/text.py: control, format,
# bidi, private-use and invisible characters), so an escape sequence or a reordering in a custom
# knowledge base never reaches the terminal and a name that looks empty is no name. A `Text` is
# one line; a `Prose` (a summary, a note) may hold line breaks. Linear: no nested scan.
_ONE_LINE, _LINES = schema_class(with_newline=True), schema_class(with_newline=False)
TEXT_PATTERN = f"^(?=[^{_ONE_LINE}]*{_END})\\s*[^\\s{_ONE_LINE}]"
PROSE_PATTERN = f"^(?=[^{_LINES}]*{_END})\\s*[^\\s{_LINES}]"

Id = Annotated[str, Meta(pattern=ID_PATTERN)]
RegionId = Annotated[str, Meta(pattern=REGION_PATTERN)]
CountryId = Annotated[str, Meta(pattern=COUNTRY_PATTERN)]
OptionId = Annotated[str, Meta(pattern=OPTION_PATTERN)]
Text = Annotated[str, Meta(min_length=1, pattern=TEXT_PATTERN)]
Prose = Annotated[str, Meta(min_length=1, pattern=PROSE_PATTERN)]
Month = Annotated[str, Meta(pattern=MONTH_PATTERN)]
Language = Annotated[str, Meta(pattern=LANGUAGE_PATTERN)]
Page = Annotated[str, Meta(pattern=PAGE_PATTERN)]

# What each pattern asks for, in words (messages never show a regular expression).
PATTERN_WORDS = {
    ID_PATTERN: "an id: lowercase letters and digits joined by hyphens (like cbt or gb-samaritans)",
    REGION_PATTERN: "a region id: two capital letters (like GB) or 'other'",
    COUNTRY_PATTERN: "a country code: two capital letters (like MX)",
    OPTION_PATTERN: "an option id: lowercase letters and digits joined by hyphens, or a two-letter region id",
    PAGE_PATTERN: "an https:// or http:// address (ASCII, no spaces; percent-encode other characters)",
    MONTH_PATTERN: "a date like 2026-11 or 2026-11-25",
    LANGUAGE_PATTERN: "a language code: two lowercase letters (like es)",
    FACT_PATTERN: "a row of the facts file, like P12",
    TEXT_PATTERN: "text on one line that is not blank, with no control or invisible characters",
    PROSE_PATTERN: "text that is not blank, with no control or invisible characters",
}


class _Base(Struct, forbid_unknown_fields=True, dict=True):
    pass


class Disclaimer(_Base):
    short: Prose
    full: Prose


class Note(_Base):
    id: Id
    title: Text
    text: Prose


class Category(_Base):
    id: Id
    name: Text
    summary: Prose


class Technique(_Base):
    id: Id
    name: Text
    summary: Prose


class Goal(_Base):
    id: Id
    name: Text
    summary: Prose


class Scenario(_Base):
    id: Id
    name: Text
    summary: Prose
    concerns: list[OptionId]
    interventions: list[Id]


class Resource(_Base):
    """A route to a professional: a service, a register, a directory or a person (a GP)."""

    id: Id
    name: Text
    note: Prose
    url: Page | None = None
    area: Text | None = None  # part of the region it applies to ("England"), if not all of it


class Provider(_Base):
    """Who keeps a list of providers trained in one approach, and where it applies."""

    id: Id  # unique in the knowledge base, so a clinic file can replace or remove it
    name: Text
    note: Prose
    covers: Annotated[list[RegionId], Meta(min_length=1)]  # region ids; "other" = internationally
    url: Page | None = None


class Gap(_Base):
    """Where a region has no national line for a concern: say so, and where to turn."""

    concerns: Annotated[list[OptionId], Meta(min_length=1)]
    text: Prose


class Contact(_Base):
    """One way to reach a line. Its ``value`` must be what a person can dial or type for its
    ``method`` (``contact_problem``): a number of only U+3164 looks blank, and a number holding a
    letter or a stray sign cannot be dialled."""

    method: Literal["call", "text", "chat", "email", "tty", "web", "whatsapp"]
    value: Text
    as_letters: Text | None = None
    keyword: Text | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        problem = contact_problem(self)
        if problem:
            raise ValueError(problem)  # msgspec reports it with the contact's path

    def words(self) -> str:
        """ "call 988", "text HOME to 741741": in the chosen language, looked up when called."""
        if self.method == "text" and self.keyword:
            out = t("text {keyword} to {value}", keyword=self.keyword, value=self.value)
        else:
            verb = {
                "call": t("call {value}", value=self.value),
                "text": t("text {value}", value=self.value),
                "chat": t("chat at {value}", value=self.value),
                "email": t("email {value}", value=self.value),
                "tty": t("TTY {value}", value=self.value),
                "web": t("website {value}", value=self.value),
                "whatsapp": t("WhatsApp {value}", value=self.value),
            }
            out = verb[self.method]
        if self.as_letters:
            out += f" ({self.as_letters})"
        if self.note:
            out += f" ({self.note})"
        return out


_DIAL = re.compile(r"\+?[0-9*#() .-]{1,40}")  # digits, and what a phone number is written with
_LETTERS = re.compile(r"\+?[0-9A-Za-z*#() .-]{1,40}")  # 1-800-662-HELP: a keypad's letters
_KEYWORD = re.compile(r"[^\W_]+( [^\W_]+)*")  # words a person types: letters and digits, spaced
_ADDRESS = re.compile(r"[!-?A-~]+@[!-?A-~]+\.[!-?A-~]+")  # printable ASCII, one @
_SITE = re.compile(r"[!-~]+")  # a domain or an address: printable ASCII, no space


def contact_problem(c: Contact) -> str | None:
    """What is wrong with a contact's value for its method, in words; None if nothing."""
    dial = c.method in ("call", "text", "tty", "whatsapp")
    if dial and not (_DIAL.fullmatch(c.value) and any(ch.isdigit() for ch in c.value)):
        what = {"call": "a number to call", "text": "a number to text", "tty": "a TTY number"}.get(
            c.method, f"a {c.method} number"
        )
        return (
            f"{what} must be digits a person can dial (with spaces, +, -, ., ( ) or * #), "
            f"at most 40 characters, not '{c.value[:60]}'"
        )
    if c.method == "email" and not _ADDRESS.fullmatch(c.value):
        return f"an email address must look like name@example.org (ASCII, no spaces), not '{c.value[:60]}'"
    if c.method in ("chat", "web") and not (_SITE.fullmatch(c.value) and any(ch.isalnum() for ch in c.value)):
        return f"a {c.method} address must be a site like example.org (ASCII, no spaces), not '{c.value[:60]}'"
    letters = c.as_letters
    if letters is not None and not (_LETTERS.fullmatch(letters) and any(ch.isalnum() for ch in letters)):
        return f"'as_letters' must be the number in a keypad's letters (like 1-800-662-HELP), not '{letters[:60]}'"
    if c.keyword is not None and not _KEYWORD.fullmatch(c.keyword):
        return f"a keyword must be letters or digits a person can type (like HOME), not '{c.keyword[:60]}'"
    return None


class ShowFor(_Base):
    """When a support line is relevant to a person's answers.

    ``always``, or: one of ``concerns`` was given and (when ``who`` is not
    empty) the support is for one of ``who``. An empty ``show_for`` means the
    line is listed by ``hotlines`` and the export but not matched to answers.
    """

    always: bool = False
    concerns: list[OptionId] = []
    who: list[OptionId] = []
    groups: list[OptionId] = []  # options of the optional "groups" question (veterans, ...)


class Line(_Base):
    id: Id
    name: Text
    contact: Annotated[list[Contact], Meta(min_length=1)]
    purpose: Prose
    hours: Text
    url: Page  # the line's own page, where the contact was checked
    checked: Month
    show_for: ShowFor
    contact_text: Text | None = None  # optional; shown text is made from `contact` (checks.py compares)
    # A general crisis line: answered 24/7, or its region's `crisis_gap` says plainly what is not
    # confirmed (validate warns otherwise).
    crisis: bool = False
    young: bool = False  # a line for children and young people: first when the support is for one
    in_language: Text | None = None  # how to get help in the reader's language (from the translation file)
    area: Text | None = None  # part of the region it serves ("England"), if not all of it
    # The facts say it refers or connects people to treatment services (SAMHSA's "treatment referral",
    # a locator of treatment facilities, a hotline that "connects to the state service"): only then is
    # it said to point someone to treatment. A line for information and advice is not.
    refers_to_treatment: bool = False

    def contact_kinds(self) -> set[str]:
        return {c.method for c in self.contact}

    def first_contact_words(self) -> str:
        """The first way to reach the line, in short ("call or text 988", "call 116 123"): for a compact list."""
        first = self.contact[0]
        nxt = self.contact[1] if len(self.contact) > 1 else None
        if first.method == "call" and nxt and nxt.method == "text" and nxt.value == first.value and not nxt.keyword:
            return t("call or text {value}", value=first.value)
        if first.method == "web":  # "findahelpline.com" says what it is
            return first.value
        return Contact(first.method, first.value, keyword=first.keyword).words()

    def contact_words(self) -> str:
        """How to reach the line, in words made from the structured contact (so they cannot disagree)."""
        parts: list[str] = []
        items = list(self.contact)
        n = 0
        while n < len(items):
            c = items[n]
            nxt = items[n + 1] if n + 1 < len(items) else None
            plain = not (c.as_letters or c.keyword or c.note)
            if (
                c.method == "call"
                and nxt
                and nxt.method == "text"
                and nxt.value == c.value
                and plain
                and not (nxt.as_letters or nxt.keyword or nxt.note)
            ):
                parts.append(t("call or text {value}", value=c.value))
                n += 2
                continue
            parts.append(c.words())
            n += 1
        return "; ".join(parts)


class Region(_Base):
    id: RegionId
    name: Text
    emergency: Text
    lines: Annotated[list[Line], Meta(min_length=1)]
    emergency_note: Text | None = None
    resources: list[Resource] = []  # routes to a professional in this region, shown first
    gaps: list[Gap] = []
    names: list[Text] = []  # other names people type for it ("UK", "Reino Unido"): matched, never shown
    # Where no crisis line is confirmed open 24/7: say so, and what to do instead (shown with the
    # crisis lines; validate then does not warn about their hours, as a gap note answers a concern).
    crisis_gap: Text | None = None
    # The name after "in" where English puts an article ("the United Kingdom"); else ``name``.
    name_in: Text | None = None

    @property
    def in_name(self) -> str:
        """How the region is named after "in": "in the United Kingdom", "in Spain"."""
        return self.name_in or self.name

    # The languages the region's own services work in ("es" for Spain and Mexico): a reader in one
    # of them is not told that no option in their language was confirmed for the region's own lines
    # (nothing is claimed for them either: only a line's ``in_language`` says what was confirmed).
    languages: list[Language] = []


class Country(_Base):
    """A country's emergency number where the checked facts hold it: for a person "somewhere else"."""

    id: CountryId
    name: Text
    emergency: Text  # the number, or words ("the local emergency number") where none is confirmed
    url: Page  # where the number was checked
    checked: Month
    emergency_note: Text | None = None  # its limits: where it is confirmed, what else to call
    names: list[Text] = []  # other names people type (English and Spanish): matched, never shown


class Option(_Base):
    id: OptionId
    label: Text
    phrase: Text
    risk: bool = False  # choosing it puts the region's crisis line above the suggestions
    # Former option ids this one took over (``substance-use`` became ``alcohol`` and ``drugs``):
    # an answer giving a former id means every option that replaces it, and a support line or a
    # gap that names one matches each of them, so older scripts, answer files and regions work.
    replaces: list[OptionId] = []


class Variant(_Base):
    """Other wording for a question when the support is for one of ``who``."""

    who: Annotated[list[OptionId], Meta(min_length=1)]
    text: Text
    said: Text | None = None


class OptionWords(_Base):
    """Words in a person's own description that point to one option (``therapick ask --describe``).

    Phrases in English and in Spanish, matched on word stems with small typing mistakes allowed
    (``advice/describe.py``); a word written ``=word`` is matched as written. ``ages``: the ages
    (in years, both ends included) that point to this option when a description states one.
    """

    en: list[Text] = []
    es: list[Text] = []
    ages: Annotated[list[Annotated[int, Meta(ge=0, le=150)]], Meta(min_length=2, max_length=2)] | None = None


class Question(_Base):
    id: Id
    kind: Literal["confirm", "one", "many"]
    text: Text
    said: Text
    required: bool = False
    default: bool | str | None = None
    options: list[Option] = []
    variants: list[Variant] = []
    hint: Text | None = None  # shown under the question ("optional: press enter to skip")
    words: dict[OptionId, OptionWords] = {}  # what in a description points to each option
    # The options are those of another (many-choice) question that the person chose; asked only
    # when they chose more than one ("which of these matters most?"). ``Questionnaire`` copies
    # that question's options here, so every option lookup works as for any other question.
    options_from: Id | None = None

    @cached_property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def former(self, option_id: str) -> list[str]:
        """The options that replace a former option id (none when it is no former id)."""
        return [o.id for o in self.options if option_id in o.replaces]

    def names(self, option_id: str) -> set[str]:
        """An option's id and the former ids it replaces: what a reference to it may say."""
        for o in self.options:
            if o.id == option_id:
                return {o.id, *o.replaces}
        return {option_id}

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


class Scoring(_Base):
    """Points to a score, as the ranking did before it ranked by evidence (issue 20).

    No longer used: kept so that knowledge bases written for the first releases still load.
    """

    half_points: Annotated[float, Meta(gt=0, le=1000)]  # finite: an infinity would make every score 0
    strong: Annotated[float, Meta(ge=0, le=1)]
    good: Annotated[float, Meta(ge=0, le=1)]


class Questionnaire(_Base):
    welcome: Prose
    questions: list[Question]
    scoring: Scoring | None = None  # no longer used (see Scoring)

    @cached_property
    def _with_options(self) -> dict[str, Question]:
        """Each question whose options are another's (``options_from``), with that one's options.

        Kept out of the question itself, so a file, an export or a clinic's merge never holds a copy.
        checks.py reports a missing or unsuitable source (the question is then left without options).
        """
        import msgspec

        out: dict[str, Question] = {}
        for q in self.questions:
            source = self.find(q.options_from) if q.options_from else None
            if source is not None and source is not q and source.options_from is None:
                out[q.id] = msgspec.structs.replace(q, options=list(source.options))
        return out

    def resolved(self, q: Question) -> Question:
        """``q`` with the options it is answered from: its own, or (``options_from``) another question's."""
        return self._with_options.get(q.id, q) if q.options_from else q

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def find(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @cached_property
    def former_ids(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """For each question, the former ids each of its options replaces (most have none)."""
        return {q.id: {o.id: tuple(sorted(o.replaces)) for o in q.options if o.replaces} for q in self.questions}

    def label(self, question_id: str, option_id: str) -> str:
        """The words of an option as the questionnaire shows them."""
        return self.question(question_id).option(option_id).label


class Evidence(_Base):
    """What a source says: a rating in its own words (quoted), or a finding in ours (not quoted),
    its own page, and what it means in plain words."""

    id: Id  # unique in the knowledge base, so a clinic file can replace or remove it
    source: Text
    rating: Text | None = None  # the source's own words, shown in quotation marks
    finding: Prose | None = None  # what the source found, in our words (never shown as a quote)
    url: Page | None = None
    meaning: Prose | None = None  # the scale in plain words ("the highest of its five levels")
    note: Prose | None = None  # scope or framing ("rates Child-Centered Play Therapy only")


# What a source says about an approach for a situation, strongest first. A guideline's word:
# "offer" (NICE's strong recommendation, or a quality statement that people be offered it),
# "strong" (another guideline's strong recommendation, e.g. the APA's "strongly recommends"),
# "recommends" (a recommendation whose strength the checked facts do not give: ranked with
# "consider", never above what it may be), "consider" (NICE's weaker one). A rating body's:
# "rated" (a clearinghouse or APA Division 12 level, in ``rating``, with its ``level``). And
# what puts an approach below the rest or out: "unevaluated" (a guideline lists it as used
# but not yet evaluated), "not-listed" (a guideline for the situation holds no such option),
# "not-routine" (a guideline advises against offering it routinely) and "no-added-effect" (a
# review found its distinctive part added nothing). README, "How the ranking works".
Says = Literal[
    "offer", "strong", "recommends", "consider", "rated", "unevaluated", "not-listed", "not-routine", "no-added-effect"
]
GUIDELINE_SAYS = ("offer", "strong", "recommends", "consider", "unevaluated", "not-listed", "not-routine")


class Situation(_Base):
    """What a named source says about one approach for a situation: which concerns, for whom.

    ``status`` is how the checked facts hold it: "seen" (its own words were read) or "named"
    (the guideline and its section were found, not its wording: then it is described in our
    words, never quoted, and no recommendation number is given).
    """

    id: Id  # unique in the knowledge base
    says: Says
    concerns: Annotated[list[OptionId], Meta(min_length=1)]
    who: Annotated[list[OptionId], Meta(min_length=1)]
    by: Text  # who says it, as a label names them ("NICE", "the CEBC", "APA Division 12")
    situation: Text  # the source's situation, in our words ("adults with PTSD")
    summary: Text  # what the source says here, in our words ("recommends individual trauma-focused CBT ...")
    status: Literal["seen", "named"]
    source: Text | None = None  # the source by name (validate: required)
    url: Page | None = None  # its own page (validate: required)
    rating: Text | None = None  # "rated" only: the rating in its source's own words (quoted)
    level: Annotated[int, Meta(ge=1, le=5)] | None = None  # "rated" only: its place on its scale, 1 the highest
    named: Text | None = None  # what the source names when it is not this approach ("parent training programmes")
    closest: Text | None = None  # how this approach relates to what the source names
    forms: list[Text] = []  # forms of the approach the source names, to ask for by name
    note: Text | None = None  # what else to know ("medication is a question for a doctor")
    readiness: list[OptionId] = []  # only when the person's readiness is one of these
    except_concerns: list[OptionId] = []  # not when the person also named one of these
    with_concerns: list[OptionId] = []  # only when the person also named one of these


class NoGoodFit(_Base):
    """A situation for which a named source recommends something that none of the approaches is."""

    id: Id
    concerns: Annotated[list[OptionId], Meta(min_length=1)]
    who: Annotated[list[OptionId], Meta(min_length=1)]
    situation: Text  # in our words ("cannabis or stimulant use")
    summary: Text  # what the source recommends, in our words
    status: Literal["seen", "named"]
    source: Text | None = None  # validate: required
    url: Page | None = None  # validate: required


Basis = Literal["design", "seed", "evidence", "specialists"]


class Fit(_Base):
    points: Annotated[int, Meta(ge=-10, le=10)]
    why: Prose
    # What backs the reason: "design" (worded as what the approach is designed
    # to do), or the checked source it carries over ("evidence" = the checked
    # evidence facts, "seed" = the overview).
    basis: Basis = "design"
    who: list[OptionId] = []  # shown (and counted) only when the support is for one of these


class Intervention(_Base):
    id: Id
    name: Text
    category: Id
    summary: Prose
    involves: Prose
    what_to_expect: Prose
    for_whom: Prose
    techniques: list[Id]
    evidence: Annotated[list[Evidence], Meta(min_length=1)]
    fit: dict[Id, dict[OptionId, Fit]]
    abbreviation: Text | None = None
    aliases: list[Text] = []
    providers: list[Provider] = []
    # What named sources say about it for each situation (the ranking's tiers); kept apart from
    # ``evidence``, which shows each rating as its source gives it.
    situations: list[Situation] = []
    # Concerns it is ranked for by its fit alone (what the overview or the facts say it works on or
    # with): no checked source rates or recommends it for them, and it is shown as "no guideline or
    # rating for this in the checked sources" (validate warns on any other).
    limited_evidence_for: list[OptionId] = []

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def fits(self, question_id: str) -> list[str]:
        """Option ids of a question this intervention earns points for."""
        return [k for k, f in self.fit.get(question_id, {}).items() if f.points > 0]


class OtherTherapy(_Base):
    """A therapy people look for that is not one of the knowledge base's interventions: ``show`` says
    so plainly, with ``note`` (a checked fact about it, with its source) where there is one."""

    id: Id
    name: Text
    aliases: list[Text] = []
    note: Text | None = None
    url: Page | None = None  # the page ``note`` comes from


class PlanStep(_Base):
    id: Id
    title: Text
    prompt: Prose
    hint: Prose | None = None
    lines: bool = False  # also list the region's emergency number and crisis lines


class SafetyPlan(_Base):
    intro: Prose
    source: Text
    steps: Annotated[list[PlanStep], Meta(min_length=1)]


class Timing(_Base):
    """A paced-breathing rhythm, in the source's numbers: seconds, or counts when ``counted``."""

    breathe_in: Annotated[int, Meta(ge=1, le=20)]
    breathe_out: Annotated[int, Meta(ge=1, le=20)]
    hold: Annotated[int, Meta(ge=0, le=20)] = 0
    pause: Annotated[int, Meta(ge=0, le=20)] = 0  # after breathing out
    counted: bool = False  # the source counts ("counting 1 to 5") rather than timing in seconds
    # Rounds the on-screen guide runs, only where the source gives a length (P2: 3 to 5 minutes).
    # None, where it does not: no count is made up, and the guide goes on until the person stops it.
    rounds: Annotated[int, Meta(ge=1, le=200)] | None = None


class PracticeStep(_Base):
    text: Text
    prompt: Text | None = None  # a prompt to answer in writing (a thought record's)


class Practice(_Base):
    """A short self-help practice from a checked source (shared/facts/practices.md)."""

    id: Id
    fact: Annotated[str, Meta(pattern=FACT_PATTERN)]  # its row in the facts file
    name: Text
    technique: Text  # the overview's technique it belongs to
    kind: Literal["breathing", "steps", "record"]  # a timed guide, steps to follow, or prompts to write
    summary: Text
    steps: Annotated[list[PracticeStep], Meta(min_length=1)]
    source: Text
    url: Page
    status: Text  # "own page" or "copy" (the publisher's words read on another site)
    checked: Month
    time: Text | None = None  # only where the source gives one
    cautions: list[Text] = []  # who it is for, and the source's cautions
    timing: Timing | None = None
    source_language: Literal["en", "es"] = "en"
    interventions: list[Id] = []  # the interventions a source ties it to
    tie: Text | None = None  # which source ties it, in words


class KnowledgeBase(_Base):
    # 2: ranking by evidence (situations, no_good_fit, main-concern; scoring unused). 1 still loads.
    schema_version: Literal[1, 2]
    updated: Text
    disclaimer: Disclaimer
    notes: list[Note]
    categories: Annotated[list[Category], Meta(min_length=1)]
    techniques: list[Technique]
    goals: list[Goal]
    scenarios: list[Scenario]
    resources: list[Resource]
    regions: Annotated[list[Region], Meta(min_length=1)]
    questionnaire: Questionnaire
    interventions: Annotated[list[Intervention], Meta(min_length=1)]
    professional_questions: list[Text] = []  # questions to bring to a professional (in the report)
    safety_plan: SafetyPlan | None = None
    other_therapies: list[OtherTherapy] = []  # names people look for that are not interventions here
    practices: list[Practice] = []  # short practices to try now (``therapick practice``)
    countries: list[Country] = []  # emergency numbers of countries, for a person "somewhere else"
    no_good_fit: list[NoGoodFit] = []  # situations none of the interventions fits well

    @cached_property
    def by_id(self) -> dict[str, Intervention]:
        return {i.id: i for i in self.interventions}

    @cached_property
    def categories_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def techniques_by_id(self) -> dict[str, Technique]:
        return {t.id: t for t in self.techniques}

    @cached_property
    def regions_by_id(self) -> dict[str, Region]:
        return {r.id: r for r in self.regions}

    @cached_property
    def countries_by_id(self) -> dict[str, Country]:
        return {c.id: c for c in self.countries}

    @cached_property
    def place_index(self) -> dict[str, tuple[str, str | None]]:
        """Normalised name of a place (``place_key``) -> (region id, country id or None).

        A region is found by its id, its name, its other names and its label in the region
        question; a country of the table by its id, name and other names. A country that is a
        region is its region; any other is region "other" with that country. Regions first.
        """
        index: dict[str, tuple[str, str | None]] = {}
        region_q = next((q for q in self.questionnaire.questions if q.id == "region"), None)
        labels = {o.id: o.label for o in region_q.options} if region_q else {}
        for r in self.regions:
            for name in (r.id, r.name, labels.get(r.id, ""), *r.names):
                key = place_key(name)
                if key:
                    index.setdefault(key, (r.id, None))
        regions = {r.id for r in self.regions}
        for c in self.countries:
            place = (c.id, None) if c.id in regions else ("other", c.id)
            for name in (c.id, c.name, *c.names):
                key = place_key(name)
                if key:
                    index.setdefault(key, place)
        return index

    @cached_property
    def name_index(self) -> dict[str, str]:
        """Normalised name, abbreviation or alias -> intervention id."""
        index: dict[str, str] = {}
        for i in self.interventions:
            for key in names_of(i):
                index.setdefault(key, i.id)
        return index

    @cached_property
    def other_index(self) -> dict[str, OtherTherapy]:
        """Normalised name or alias of a therapy this knowledge base does not cover -> that therapy."""
        index: dict[str, OtherTherapy] = {}
        for o in self.other_therapies:
            bare = re.sub(r"\s*\([^)]*\)", "", o.name)  # "Interpersonal therapy (IPT)": also without "(IPT)"
            for key in (normalise(x) for x in (o.id, o.name, bare, *o.aliases)):
                if key:
                    index.setdefault(key, o)
        return index

    def find(self, name: str) -> Intervention | None:
        """The intervention called ``name`` (id, name, abbreviation or alias)."""
        key = normalise(name)
        found = self.name_index.get(key) if key else None
        return self.by_id[found] if found else None


_SPELLING = (("our", "or"), ("centre", "center"), ("programme", "program"), ("isation", "ization"))
_NOT_ALNUM = re.compile(r"[\W_]+")
GENERIC_WORDS = r"therap(y|ies)|interventions?|approach|treatment"  # not matched when a name is not found


def normalise(name: str) -> str:
    """Fold case, accents, spaces, hyphens, punctuation and British/American spelling."""
    key = name.casefold()
    if not key.isascii():  # only then can there be accents to fold (a name at a time: large files, bench)
        import unicodedata

        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    for british, american in _SPELLING:
        key = key.replace(british, american)
    return _NOT_ALNUM.sub("", key)


_ARTICLE = re.compile(r"^(the|el|la|los|las)\s+")


def place_key(name: str) -> str:
    """A place's name as people type it, folded: case, accents, spaces, dots, a leading article.

    "G B", " uk ", "U.K." -> "gb"/"uk"; "Éire" -> "eire"; "the Netherlands" -> "netherlands".
    """
    import unicodedata

    key = "".join(c for c in unicodedata.normalize("NFKD", name.casefold().strip()) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", _ARTICLE.sub("", key))


def names_of(i: Intervention) -> list[str]:
    raw = [i.id, i.name, *(i.aliases)]
    if i.abbreviation:
        raw.append(i.abbreviation)
    return [k for k in (normalise(r) for r in raw) if k]
