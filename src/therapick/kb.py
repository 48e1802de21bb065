"""The knowledge base: its schema, safe loading, validation and name lookup.

The schema is a set of msgspec structs, so a wrong type or an unknown key is
reported with its exact path (``$.interventions[3].fit``). Cross-references
(a technique, a category, a question option) are checked afterwards, and
every problem found is reported, with the line in the file where the YAML
parser can give it.
"""

from __future__ import annotations

import os
import re
import zlib
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from therapick.errors import KB_ERROR, TherapickError

MAX_BYTES = 16 * 1024 * 1024  # a knowledge base larger than this is refused
MAX_DEPTH = 64  # deeper nesting than this is refused

Id = Annotated[str, Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
RegionId = Annotated[str, Meta(pattern=r"^([A-Z]{2}|other)$")]
OptionId = Annotated[str, Meta(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*|[A-Z]{2})$")]
# Text shown to a person: not empty, and no control characters (an escape
# sequence in a custom knowledge base must never reach the terminal raw).
Text = Annotated[str, Meta(min_length=1, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]+$")]
Url = Annotated[str, Meta(pattern=r"^https://\S+$")]
Month = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]


class _Base(Struct, forbid_unknown_fields=True, dict=True):
    pass


class Disclaimer(_Base):
    short: Text
    full: Text


class Note(_Base):
    id: Id
    title: Text
    text: Text


class Category(_Base):
    id: Id
    name: Text
    summary: Text


class Technique(_Base):
    id: Id
    name: Text
    summary: Text


class Goal(_Base):
    id: Id
    name: Text
    summary: Text


class Scenario(_Base):
    id: Id
    name: Text
    summary: Text
    concerns: list[OptionId]
    interventions: list[Id]


class Resource(_Base):
    """A route to a professional: a service, a register, a directory or a person (a GP)."""

    id: Id
    name: Text
    note: Text
    url: Url | None = None
    area: Text | None = None  # part of the region it applies to ("England"), if not all of it


class Provider(_Base):
    """Who keeps a list of providers trained in one approach, and where it applies."""

    name: Text
    note: Text
    covers: Annotated[list[RegionId], Meta(min_length=1)]  # region ids; "other" = internationally
    url: Url | None = None


class Gap(_Base):
    """Where a region has no national line for a concern: say so, and where to turn."""

    concerns: Annotated[list[OptionId], Meta(min_length=1)]
    text: Text


class Contact(_Base):
    method: Literal["call", "text", "chat", "email", "tty", "web"]
    value: Text
    as_letters: Text | None = None
    keyword: Text | None = None
    note: Text | None = None


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
    contact_text: Text
    purpose: Text
    hours: Text
    source: Url
    checked: Month
    show_for: ShowFor
    crisis: bool = False
    young: bool = False  # a line for children and young people: first when the support is for one
    area: Text | None = None  # part of the region it serves ("England"), if not all of it


class Region(_Base):
    id: RegionId
    name: Text
    emergency: Text
    lines: Annotated[list[Line], Meta(min_length=1)]
    emergency_note: Text | None = None
    resources: list[Resource] = []  # routes to a professional in this region, shown first
    gaps: list[Gap] = []


class Option(_Base):
    id: OptionId
    label: Text
    phrase: Text


class Variant(_Base):
    """Other wording for a question when the support is for one of ``who``."""

    who: Annotated[list[OptionId], Meta(min_length=1)]
    text: Text
    said: Text | None = None


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

    @cached_property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


class Scoring(_Base):
    half_points: Annotated[float, Meta(gt=0)]
    strong: Annotated[float, Meta(ge=0, le=1)]
    good: Annotated[float, Meta(ge=0, le=1)]


class Questionnaire(_Base):
    welcome: Text
    scoring: Scoring
    questions: list[Question]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def label(self, question_id: str, option_id: str) -> str:
        """The words of an option as the questionnaire shows them."""
        return self.question(question_id).option(option_id).label


class Evidence(_Base):
    """A rating in its source's own words, its own page, and what it means in plain words."""

    rating: Text
    source: Text
    url: Url | None = None
    meaning: Text | None = None  # the scale in plain words ("the highest of its five levels")
    note: Text | None = None  # scope or framing ("rates Child-Centered Play Therapy only")


Basis = Literal["design", "seed", "evidence", "specialists"]


class Fit(_Base):
    points: Annotated[int, Meta(ge=-10, le=10)]
    why: Text
    # What backs the reason: "design" (worded as what the approach is designed
    # to do), or the checked source it carries over ("evidence" = the checked
    # evidence facts, "seed" = the overview).
    basis: Basis = "design"
    who: list[OptionId] = []  # shown (and counted) only when the support is for one of these


class Intervention(_Base):
    id: Id
    name: Text
    category: Id
    summary: Text
    involves: Text
    what_to_expect: Text
    for_whom: Text
    techniques: list[Id]
    evidence: Annotated[list[Evidence], Meta(min_length=1)]
    fit: dict[Id, dict[OptionId, Fit]]
    abbreviation: Text | None = None
    aliases: list[Text] = []
    providers: list[Provider] = []

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def fits(self, question_id: str) -> list[str]:
        """Option ids of a question this intervention earns points for."""
        return [k for k, f in self.fit.get(question_id, {}).items() if f.points > 0]


class PlanStep(_Base):
    id: Id
    title: Text
    prompt: Text
    hint: Text | None = None


class SafetyPlan(_Base):
    intro: Text
    source: Text
    steps: Annotated[list[PlanStep], Meta(min_length=1)]


class KnowledgeBase(_Base):
    schema_version: Literal[1]
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
    def name_index(self) -> dict[str, str]:
        """Normalised name, abbreviation or alias -> intervention id."""
        index: dict[str, str] = {}
        for i in self.interventions:
            for key in _names(i):
                index.setdefault(key, i.id)
        return index

    def find(self, name: str) -> Intervention | None:
        """The intervention called ``name`` (id, name, abbreviation or alias)."""
        key = normalise(name)
        found = self.name_index.get(key) if key else None
        return self.by_id[found] if found else None

    def closest(self, name: str, n: int = 3) -> list[Intervention]:
        """Interventions whose names are closest to ``name``, best first.

        Generic words ("therapy", "intervention", ...) are ignored, so that
        "trauma therapy" is matched on "trauma"; a name that contains what was
        typed comes before one that is merely similar.
        """
        import difflib

        key = _GENERIC.sub("", normalise(name)[:100])
        if len(key) < 2:
            return []
        stripped: dict[str, str] = {}
        for k, iid in self.name_index.items():
            stripped.setdefault(_GENERIC.sub("", k) or k, iid)
        found = sorted((k for k in stripped if len(key) >= 3 and key in k), key=len)
        found += difflib.get_close_matches(key, stripped, n=n * 3, cutoff=0.6)
        ids: list[str] = []
        for match in found:
            if stripped[match] not in ids:
                ids.append(stripped[match])
        return [self.by_id[i] for i in ids[:n]]


_SPELLING = (("our", "or"), ("centre", "center"), ("programme", "program"), ("isation", "ization"))
_NOT_ALNUM = re.compile(r"[\W_]+")
_GENERIC = re.compile(r"therap(y|ies)|interventions?|approach|treatment")


def normalise(name: str) -> str:
    """Fold case, spaces, hyphens, punctuation and British/American spelling."""
    key = name.casefold()
    for british, american in _SPELLING:
        key = key.replace(british, american)
    return _NOT_ALNUM.sub("", key)


def _names(i: Intervention) -> list[str]:
    raw = [i.id, i.name, *(i.aliases)]
    if i.abbreviation:
        raw.append(i.abbreviation)
    return [k for k in (normalise(r) for r in raw) if k]


# --------------------------------------------------------------------------
# Loading


class Problem(Struct):
    """One thing wrong with a knowledge base (or answers) file."""

    message: str
    path: str = ""
    line: int | None = None

    def format(self, source: str) -> str:
        where = f"{source}, line {self.line}" if self.line else source
        at = f" at {self.path}" if self.path and self.path != "$" else ""
        return f"{where}: {self.message}{at}"


class KBInvalid(TherapickError):
    """The knowledge base could not be loaded; ``problems`` lists every one."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        lines = [p.format(source) for p in problems]
        more = f" (and {len(lines) - 1} more; run `therapick validate`)" if len(lines) > 1 else ""
        super().__init__(f"knowledge base is not valid: {lines[0]}{more}", KB_ERROR, lines)


PACKAGE_DIR = Path(__file__).resolve().parent
# A JSON twin of the bundled knowledge base, for speed: decoding it skips
# importing and running the YAML parser (about 20 ms of every command). It is
# used only when the YAML file's CRC-32 and size match the ones it was made
# from, so an edited YAML is always read as YAML. tests/test_kb.py fails when
# it is stale; regenerate with THERAPICK_UPDATE_GOLDEN=1 pytest tests/test_kb.py.
TWIN = PACKAGE_DIR / "kb_twin.json"


class Twin(Struct, forbid_unknown_fields=True):
    source_crc32: int
    source_size: int
    kb: KnowledgeBase


def default_path() -> Path:
    """Where the bundled knowledge base is: in an installed wheel, inside the
    package; in an editable install or a checkout, at the top of the repository."""
    packaged = PACKAGE_DIR / "data" / "interventions.yaml"
    if packaged.is_file():
        return packaged
    return PACKAGE_DIR.parents[1] / "data" / "interventions.yaml"


def make_twin(path: Path) -> bytes:
    """The JSON twin of the knowledge base at ``path`` (validated first)."""
    data = path.read_bytes()
    twin = Twin(zlib.crc32(data), len(data), loads(decode(data, str(path)), str(path)))
    return msgspec.json.format(msgspec.json.encode(twin), indent=1) + b"\n"


def _from_twin(path: Path, data: bytes) -> KnowledgeBase | None:
    try:
        twin = msgspec.json.decode(TWIN.read_bytes(), type=Twin)
    except (OSError, msgspec.DecodeError):
        return None
    if twin.source_crc32 != zlib.crc32(data) or twin.source_size != len(data) or check(twin.kb):
        return None
    return twin.kb


def read_text(path: Path, what: str = "knowledge base") -> str:
    """Read a UTF-8 text file, turning every OS failure into one message."""
    return decode(read_bytes(path, what), str(path))


def read_bytes(path: Path, what: str = "knowledge base") -> bytes:
    """Read a file of at most MAX_BYTES, turning every OS failure into one message."""
    try:
        size = os.stat(path).st_size
        if path.is_dir():
            raise TherapickError(f"{path}: is a folder, not a {what} file", KB_ERROR)
        if size > MAX_BYTES:
            raise TherapickError(
                f"{path}: {size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB "
                f"a {what} may be",
                KB_ERROR,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise TherapickError(f"{path}: no such file", KB_ERROR) from None
    except PermissionError:
        raise TherapickError(f"{path}: permission denied", KB_ERROR) from None
    except OSError as e:
        raise TherapickError(f"{path}: cannot read: {e.strerror or e}", KB_ERROR) from None
    return data


def decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise KBInvalid(source, [Problem(f"not UTF-8 text (byte {e.start})", line=line)]) from None


def parse_yaml(text: str, source: str) -> Any:
    """Parse YAML with a safe loader (the C one when available).

    Refuses what a knowledge base never needs and an attacker might use:
    tags that build Python objects (the safe loader does that), and anchors
    reused as aliases (a "billion laughs" document), and very deep nesting.
    """
    import yaml

    try:
        doc = yaml.load(text, Loader=_strict_loader())  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = f"not valid YAML: {(e.problem or str(e)).strip()}"
        if (e.problem or "").startswith("duplicate key"):
            problem = e.problem or problem
        if "could not determine a constructor" in str(e):
            problem = f"tag {_tag_in(str(e))} is not allowed (only plain YAML data)"
        return _raise(source, problem, mark.line + 1 if mark else None)
    except yaml.YAMLError as e:
        return _raise(source, f"not valid YAML: {e}", None)
    except RecursionError:
        return _raise(source, "nesting is too deep", None)
    _check_shape(doc, source)
    return doc


_LOADER: Any = None


def _strict_loader() -> Any:
    """PyYAML's safe loader (the C one when available) that refuses duplicate keys,
    which plain PyYAML resolves silently by keeping the last one."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class StrictLoader(base):  # type: ignore[misc]
            def construct_mapping(self, node: Any, deep: bool = False) -> Any:
                seen: set[str] = set()
                for key_node, _ in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        if key_node.value in seen:
                            raise yaml.constructor.ConstructorError(
                                None, None, f"duplicate key '{key_node.value}'", key_node.start_mark
                            )
                        seen.add(key_node.value)
                return super().construct_mapping(node, deep)

        _LOADER = StrictLoader
    return _LOADER


def _tag_in(message: str) -> str:
    m = re.search(r"tag '([^']*)'", message)
    return f"'{m.group(1)}'" if m else "(unknown)"


def _raise(source: str, message: str, line: int | None) -> Any:
    raise KBInvalid(source, [Problem(message, line=line)])


def _check_shape(doc: Any, source: str) -> None:
    """Refuse shared containers (YAML aliases) and deep nesting, in one walk."""
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if id(node) in seen:
            _raise(source, "YAML aliases (*name) are not allowed", None)
        if depth > MAX_DEPTH:
            _raise(source, f"nesting deeper than {MAX_DEPTH} levels is not allowed", None)
        seen.add(id(node))
        stack.extend((c, depth + 1) for c in children)


def load(path: Path | None = None) -> KnowledgeBase:
    """Load and validate a knowledge base; raise ``KBInvalid`` if it is not valid."""
    bundled = default_path()
    path = path or bundled
    data = read_bytes(path)
    if path == bundled:
        fast = _from_twin(path, data)
        if fast is not None:
            return fast
    return loads(decode(data, str(path)), str(path))


def loads(text: str, source: str = "<knowledge base>") -> KnowledgeBase:
    """Parse and validate a knowledge base given as YAML, or as JSON (a subset of YAML).

    A JSON document is decoded straight into the schema by msgspec, about a
    hundred times faster than PyYAML: the way to keep a very large knowledge
    base (see bench/startup.py). Anything that is not valid JSON is read as YAML.
    """
    try:
        if text.lstrip().startswith("{"):
            kb = _from_json(text)
            if kb is None:
                try:
                    doc = _yaml_document(text, source)
                except KBInvalid as e:
                    for p in e.problems:
                        p.message = p.message.replace("not valid YAML", "not valid JSON or YAML")
                    raise KBInvalid(source, e.problems) from None
                kb = msgspec.convert(doc, KnowledgeBase, strict=True)
        else:
            kb = msgspec.convert(_yaml_document(text, source), KnowledgeBase, strict=True)
    except msgspec.ValidationError as e:
        message, _, path = str(e).partition(" - at `")
        path = path.rstrip("`") or "$"
        unknown = re.search(r"unknown field `([^`]+)`", message)
        where = f"{path}.{unknown.group(1)}" if unknown else path
        raise KBInvalid(source, [Problem(_plain(message), path, _line_of(text, where))]) from None
    problems = check(kb)
    if problems:
        for p in problems:
            p.line = _line_of(text, p.path)
        raise KBInvalid(source, problems)
    return kb


def _yaml_document(text: str, source: str) -> Any:
    doc = parse_yaml(text, source)
    if doc is None:
        _raise(source, "the file is empty", None)
    if not isinstance(doc, dict):
        _raise(source, f"the top level must be a mapping of sections, not {_kind(doc)}", 1)
    return doc


def _from_json(text: str) -> KnowledgeBase | None:
    """The knowledge base if ``text`` is well-formed JSON (``None`` if it is not);
    a schema error is raised as ``msgspec.ValidationError`` like the YAML path's."""
    try:
        return msgspec.json.decode(text, type=KnowledgeBase)
    except msgspec.ValidationError:
        raise
    except msgspec.DecodeError:
        return None


_PATTERN_WORDS = {
    "^[^\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]+$": "text with no control characters (such as terminal escape sequences)",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "a lowercase, hyphenated id",
    "^([A-Z]{2}|other)$": "a two-letter region code or 'other'",
    "^([a-z0-9]+(-[a-z0-9]+)*|[A-Z]{2})$": "an option id",
    "^https://\\S+$": "an https:// address",
    "^\\d{4}-\\d{2}(-\\d{2})?$": "a date like 2026-11 or 2026-11-25",
}


def _plain(message: str) -> str:
    message = message.replace("`", "'").replace("Object contains unknown field", "unknown key")
    m = re.fullmatch(r"Expected 'str' matching regex '(.*)'", message)
    if m:
        pattern = m.group(1).replace("\\\\", "\\")
        return f"expected {_PATTERN_WORDS.get(pattern, 'text matching ' + pattern)}"
    return message


def _kind(value: Any) -> str:
    return {list: "a list", str: "plain text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _line_of(text: str, path: str) -> int | None:
    """The line of the node at a msgspec-style path, like ``$.a[2].b``.

    Only called when something is wrong, so it can afford a second parse.
    """
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    for m in _STEP.finditer(path[1:] if path.startswith("$") else path):
        key, index = m.group(1), m.group(2)
        if key is not None and isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == key]
            if not match:
                break
            node = match[0][1]
        elif index is not None and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
        else:
            break
    return int(node.start_mark.line) + 1 if node is not None else None


# --------------------------------------------------------------------------
# Cross-references


REQUIRED_QUESTIONS = {
    "crisis": "confirm",
    "who": "one",
    "concerns": "many",
    "goals": "many",
    "readiness": "one",
    "preferences": "many",
    "region": "one",
}


def check(kb: KnowledgeBase) -> list[Problem]:
    """Every cross-reference problem in a knowledge base that has the right types."""
    out: list[Problem] = []

    def dupes(items: list[Any], path: str) -> None:
        seen: set[str] = set()
        for n, item in enumerate(items):
            if item.id in seen:
                out.append(Problem(f"duplicate id '{item.id}'", f"{path}[{n}].id"))
            seen.add(item.id)

    for name in ("notes", "categories", "techniques", "goals", "scenarios", "resources", "regions", "interventions"):
        dupes(getattr(kb, name), f"$.{name}")
    qs = kb.questionnaire.questions
    dupes(qs, "$.questionnaire.questions")
    all_lines = [line for r in kb.regions for line in r.lines]
    dupes(all_lines, "$.regions[*].lines")

    questions = {q.id: q for q in qs}
    for qi, q in enumerate(qs):
        qpath = f"$.questionnaire.questions[{qi}]"
        dupes(q.options, f"{qpath}.options")
        if q.kind == "confirm":
            if q.options:
                out.append(Problem("a yes/no question has no options", f"{qpath}.options"))
            if q.default is not None and not isinstance(q.default, bool):
                out.append(Problem("a yes/no default must be true or false", f"{qpath}.default"))
        else:
            if not q.options:
                out.append(Problem("a choice question needs options", f"{qpath}.options"))
            if q.default is not None and q.default not in q.option_ids:
                out.append(Problem(f"default '{q.default}' is not one of the options", f"{qpath}.default"))
    for qid, kind in REQUIRED_QUESTIONS.items():
        if qid not in questions:
            out.append(Problem(f"the questionnaire must ask '{qid}'", "$.questionnaire.questions"))
        elif questions[qid].kind != kind:
            i = qs.index(questions[qid])
            out.append(Problem(f"question '{qid}' must be of kind '{kind}'", f"$.questionnaire.questions[{i}].kind"))
    if kb.questionnaire.scoring.good > kb.questionnaire.scoring.strong:
        out.append(Problem("'good' must not be above 'strong'", "$.questionnaire.scoring.good"))

    def options_of(qid: str) -> set[str]:
        return set(questions[qid].option_ids) if qid in questions else set()

    region_ids = {r.id for r in kb.regions}
    if "region" in questions and options_of("region") != region_ids:
        i = qs.index(questions["region"])
        out.append(
            Problem(
                f"region options {sorted(options_of('region'))} must match the regions {sorted(region_ids)}",
                f"$.questionnaire.questions[{i}].options",
            )
        )
    goal_ids = {g.id for g in kb.goals}
    if "goals" in questions and options_of("goals") != goal_ids:
        out.append(Problem("the goals question's options must match the goals section's ids", "$.goals"))

    def ref(value: str, known: set[str], what: str, path: str) -> None:
        if value not in known:
            import difflib

            hint = difflib.get_close_matches(value, known, n=1)
            more = f" (did you mean '{hint[0]}'?)" if hint else ""
            out.append(Problem(f"unknown {what} '{value}'{more}", path))

    concerns, who = options_of("concerns"), options_of("who")
    intervention_ids = {i.id for i in kb.interventions}
    for si, s in enumerate(kb.scenarios):
        for n, c in enumerate(s.concerns):
            ref(c, concerns, "concern", f"$.scenarios[{si}].concerns[{n}]")
        for n, iid in enumerate(s.interventions):
            ref(iid, intervention_ids, "intervention", f"$.scenarios[{si}].interventions[{n}]")
    for ri, r in enumerate(kb.regions):
        for li, line in enumerate(r.lines):
            lpath = f"$.regions[{ri}].lines[{li}].show_for"
            for n, c in enumerate(line.show_for.concerns):
                ref(c, concerns, "concern", f"{lpath}.concerns[{n}]")
            for n, w in enumerate(line.show_for.who):
                ref(w, who, "'who' option", f"{lpath}.who[{n}]")
        if not any(line.crisis for line in r.lines):
            out.append(Problem(f"region {r.id} has no crisis line (crisis: true)", f"$.regions[{ri}].lines"))

    categories = {c.id for c in kb.categories}
    techniques = {t.id for t in kb.techniques}
    fit_questions = {q for q in questions if q not in ("crisis", "region")}
    owner: dict[str, str] = {}
    for ii, item in enumerate(kb.interventions):
        ipath = f"$.interventions[{ii}]"
        ref(item.category, categories, "category", f"{ipath}.category")
        for n, t in enumerate(item.techniques):
            ref(t, techniques, "technique", f"{ipath}.techniques[{n}]")
        if "who" not in item.fit:
            out.append(Problem("fit must list the 'who' groups it is for", f"{ipath}.fit"))
        for qid, table in item.fit.items():
            if qid not in fit_questions:
                out.append(Problem(f"fit names '{qid}', which is not a question it can use", f"{ipath}.fit.{qid}"))
                continue
            for oid in table:
                ref(oid, options_of(qid), f"'{qid}' option", f"{ipath}.fit.{qid}.{oid}")
        for key in _names(item):
            other = owner.setdefault(key, item.id)
            if other != item.id:
                out.append(Problem(f"name '{key}' is used by both '{other}' and '{item.id}'", f"{ipath}.aliases"))
    return out
