"""Registers: the record tables of the Summarise, Study and Plan steps, described once
(fields, kinds, choices, rules) so that storage, services and the GUI share one definition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import Step

MAX_TEXT = 1_000_000


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | multiline | date | choice | number
    required: bool = False
    choices: tuple[str, ...] = ()  # stored values of a choice ("" allowed only when not required)
    in_table: bool = True  # shown as a column of the register's table
    default: str = ""  # what a new record starts with (text and choice fields)


@dataclass(frozen=True)
class Register:
    key: str  # also the audit entity and the storage table's suffix
    step: Step
    fields: tuple[Field, ...]
    rules: Callable[[dict[str, object]], None] | None = None

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise ValidationError(name, "core.no_such_field", field=name)

    def blank(self) -> dict[str, object]:
        return {f.name: (None if f.kind in ("date", "number") else "") for f in self.fields}

    def new_record(self, today: dt.date, placeholder: str) -> dict[str, object]:
        """What a newly added record holds: each field's default, the first choice of a
        required choice, today for a required date, 0 for a required number, and
        `placeholder` (in the user's language) for required text still to be written."""
        values = self.blank()
        for f in self.fields:
            if f.default:
                values[f.name] = f.default
            elif f.kind == "choice" and f.required:
                values[f.name] = f.choices[0]
            elif f.required and f.kind == "date":
                values[f.name] = today
            elif f.required and f.kind == "number":
                values[f.name] = 0.0
            elif f.required:
                values[f.name] = placeholder
        return values


def clean_value(field: Field, value: object) -> object:
    """The value to store for `field`, or ValidationError with a message fit to show."""
    if field.kind == "date":
        if value in (None, ""):
            value = None
        elif isinstance(value, dt.datetime):
            value = value.date()
        elif not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                raise ValidationError(field.name, "core.must_be_date", value=str(value)) from None
    elif field.kind == "number":
        if value in (None, ""):
            value = None
        elif isinstance(value, bool):
            raise ValidationError(field.name, "core.must_be_number")
        elif not isinstance(value, int | float):
            try:
                value = float(str(value).strip().replace(",", ""))
            except ValueError:
                raise ValidationError(field.name, "core.must_be_number") from None
        if value is not None and (value != value or value in (float("inf"), float("-inf"))):
            raise ValidationError(field.name, "core.must_be_number")
    elif field.kind == "choice":
        value = "" if value is None else str(value)
        if value not in field.choices and not (value == "" and not field.required):
            raise ValidationError(
                field.name,
                "core.not_a_choice",
                value=value,
                choices=[c for c in field.choices if c],
            )
    else:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(field.name, "core.must_be_text")
        if len(value) > MAX_TEXT:
            raise ValidationError(field.name, "core.text_too_long", limit=MAX_TEXT)
    if (
        field.required
        and value in (None, "")
        or (field.required and isinstance(value, str) and not value.strip())
    ):
        raise ValidationError(field.name, "core.required")
    return value


def validate_record(register: Register, values: dict[str, object]) -> dict[str, object]:
    """Clean every field of a whole record and apply the register's own rules."""
    unknown = set(values) - {f.name for f in register.fields}
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(name, "core.no_such_field", field=name)
    cleaned = {f.name: clean_value(f, values.get(f.name)) for f in register.fields}
    if register.rules is not None:
        register.rules(cleaned)
    return cleaned


# -- Summarise: experience and lessons ------------------------------------------------

LESSON_SOURCES = ("earlier_quality_activity", "complaint", "incident", "audit", "staff_suggestion")
RULE_KINDS = ("standard", "specification", "regulation")
DECISIONS = ("adopt", "reject", "later")


def _lesson_rules(v: dict[str, object]) -> None:
    if v["decision"] == "adopt" and not str(v["rule_kind"]):
        raise ValidationError("rule_kind", "core.adopted_lesson_needs_rule_kind")


LESSONS = Register(
    "lesson",
    Step.SUMMARISE,
    (
        Field("source", "choice", True, LESSON_SOURCES),
        Field("occurred_on", "date"),
        Field("what_happened", "multiline", True),
        Field("lesson", "multiline", True),
        Field("suggested_rule", "multiline", in_table=False),
        Field("rule_kind", "choice", False, RULE_KINDS),
        Field("decision", "choice", False, DECISIONS),
        Field("document", "text"),
    ),
    _lesson_rules,
)


# -- Study ---------------------------------------------------------------------------------

STUDY_STATES = ("planned", "completed")


def _training_rules(v: dict[str, object]) -> None:
    hours = v["hours"]
    if hours is not None and not 0 < float(hours) <= 1000:  # type: ignore[arg-type]
        raise ValidationError("hours", "core.hours_out_of_range")


PEOPLE = Register(
    "person",
    Step.STUDY,
    (
        Field("name", "text", True),
        Field("role", "text", True),
        Field("department", "text"),
    ),
)

STUDY_PLAN = Register(
    "study_plan",
    Step.STUDY,
    (
        Field("role", "text", True),
        Field("standard", "text", True),
        Field("due", "date"),
        Field("state", "choice", True, STUDY_STATES),
    ),
)

TRAINING = Register(
    "training",
    Step.STUDY,
    (
        Field("topic", "text", True),
        Field("held_on", "date", True),
        Field("trainer", "text"),
        Field("hours", "number"),
        Field("attendees", "multiline"),
        Field("assessment", "text"),
    ),
    _training_rules,
)

BENCHMARKING = Register(
    "benchmark",
    Step.STUDY,
    (
        Field("organisation", "text", True),
        Field("practice", "multiline", True),
        Field("adopt", "multiline"),
    ),
)


# -- Plan ----------------------------------------------------------------------------------

FREQUENCIES = ("daily", "weekly", "monthly", "quarterly", "yearly")
ELEMENT_GROUPS = ("key", "common", "operational")
YES_NO = ("yes", "no")
DOCUMENT_LEVELS = ("manual", "procedure", "instruction", "form")
SERVQUAL = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
KANO = ("basic", "performance", "excitement")
SEVERITIES = ("small", "serious", "angry")


def _objective_rules(v: dict[str, object]) -> None:
    if v["target"] is not None and not str(v["unit"]).strip():
        raise ValidationError("unit", "core.target_needs_unit")


def _element_rules(v: dict[str, object]) -> None:
    if v["adopted"] == "no" and not str(v["reason"]).strip():
        raise ValidationError("reason", "core.element_needs_reason")


OBJECTIVES = Register(
    "objective",
    Step.PLAN,
    (
        Field("objective", "text", True),
        Field("metric", "text", True),
        Field("target", "number", True),
        Field("unit", "text", default="%"),
        Field("frequency", "choice", True, FREQUENCIES),
        Field("owner", "text"),
        Field("process", "text"),
    ),
    _objective_rules,
)

ELEMENTS = Register(
    "element",
    Step.PLAN,
    (
        Field("element", "text", True),
        Field("group", "choice", True, ELEMENT_GROUPS),
        Field("adopted", "choice", True, YES_NO),
        Field("reason", "multiline"),
    ),
    _element_rules,
)

PROCESSES = Register(
    "process",
    Step.PLAN,
    (
        Field("name", "text", True),
        Field("owner", "text"),
        Field("inputs", "multiline"),
        Field("outputs", "multiline"),
        Field("resources", "multiline", in_table=False),
        Field("measures", "multiline", in_table=False),
        Field("requirements", "text"),
        Field(
            "feeds", "text"
        ),  # names of the processes this one hands its outputs to, comma-separated
    ),
)

DOCUMENTS = Register(
    "planned_document",
    Step.PLAN,
    (
        Field("level", "choice", True, DOCUMENT_LEVELS),
        Field("number", "text", True),
        Field("title", "text", True),
        Field("parent", "text"),
    ),
)

SERVICE_ITEMS = Register(
    "service_item",
    Step.PLAN,
    (
        Field("service", "text", True),
        Field("item", "text", True),
        Field("time_standard", "text"),
        Field("quality_standard", "text"),
        Field("price_standard", "text"),
        Field("delivery", "multiline", in_table=False),
        Field("control_points", "multiline", in_table=False),
    ),
)

SATISFACTION = Register(
    "satisfaction_standard",
    Step.PLAN,
    (
        Field("dimension", "choice", True, SERVQUAL),
        Field("standard", "text", True),
        Field("metric", "text", True),
        Field("target", "text", True),
    ),
)

NEEDS = Register(
    "customer_need",
    Step.PLAN,
    (
        Field("need", "text", True),
        Field("category", "choice", True, KANO),
        Field("service", "text"),
    ),
)

MOMENTS = Register(
    "moment_of_truth",
    Step.PLAN,
    (
        Field("moment", "text", True),
        Field("standard", "text", True),
        Field("owner", "text"),
        Field("severity", "choice", False, SEVERITIES),
        Field("recovery", "multiline"),
    ),
)

REGISTERS: dict[str, Register] = {
    r.key: r
    for r in (
        LESSONS,
        PEOPLE,
        STUDY_PLAN,
        TRAINING,
        BENCHMARKING,
        OBJECTIVES,
        ELEMENTS,
        PROCESSES,
        DOCUMENTS,
        SERVICE_ITEMS,
        SATISFACTION,
        NEEDS,
        MOMENTS,
    )
}


# -- step completion rules ------------------------------------------------------------------


def summarise_progress(lessons: list[dict[str, object]]) -> float | None:
    """Share of lessons with a decision (adopted ones linked to a document); None when empty."""
    if not lessons:
        return None
    done = sum(
        1
        for v in lessons
        if v["decision"] in ("reject", "later")
        or (v["decision"] == "adopt" and str(v["document"]).strip())
    )
    return done / len(lessons)


def study_progress(plan: list[dict[str, object]]) -> float | None:
    """Share of planned study completed; None when there is no plan yet."""
    if not plan:
        return None
    return sum(1 for v in plan if v["state"] == "completed") / len(plan)


def unknown_attendees(attendees: str, people: list[str]) -> list[str]:
    """Attendee lines that name nobody in the people register (empty register: no check)."""
    if not people:
        return []
    known = {p.strip().casefold() for p in people}
    return [
        a.strip() for a in attendees.splitlines() if a.strip() and a.strip().casefold() not in known
    ]


def recovery_steps_for(severity: str) -> tuple[int, ...]:
    """Which of the five recovery steps apply: a small disappointment needs apology and urgent
    reinstatement; a serious one adds empathy; an angry customer needs all five."""
    return {"small": (1, 2), "serious": (1, 2, 3), "angry": (1, 2, 3, 4, 5)}.get(severity, ())
