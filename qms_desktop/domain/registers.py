"""Registers: the record tables of the steps (Summarise, Study, Plan, Allocate, Strengthen),
described once (fields, kinds, choices, references, rules) so that storage, services and the
GUI share one definition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import Step

MAX_TEXT = 1_000_000


REFERENCE_KINDS = ("reference", "references")
# the id of a record that is not in a register (a checklist item), set by a service, shown
# read-only: stored in a nullable INTEGER column
LINK_KIND = "link"


@dataclass(frozen=True)
class Field:
    """One field of a register.

    Kinds: text | multiline | date | choice | number, and two kinds that point at records of
    another register (named by `ref`):

    - ``reference``: one record or none; the value is the record's id (``int``) or ``None``;
      stored in a nullable INTEGER column (NOT NULL when required).
    - ``references``: any number of records; the value is a tuple of ids in the user's order,
      without repeats (``()`` when empty); stored as the ids written in decimal and separated
      by single spaces in a TEXT column (``"3 7"``; ``""`` for none), so the audit trail shows
      the ids.

    That the records exist (and, for people, have not left) is checked by the services,
    which can see the other register. A ``link`` is the id of a record outside the
    registers (a checklist item), set by a service and shown read-only.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()  # stored values of a choice ("" allowed only when not required)
    in_table: bool = True  # shown as a column of the register's table
    default: str = ""  # what a new record starts with (text and choice fields)
    ref: str = ""  # for reference kinds: the key of the register pointed at


@dataclass(frozen=True)
class Register:
    key: str  # also the audit entity and the storage table's suffix
    step: Step
    fields: tuple[Field, ...]
    rules: Callable[[dict[str, object]], None] | None = None
    label_fields: tuple[str, ...] = ()  # what names a record (pickers, documents); first field

    def label(self, values: dict[str, object]) -> str:
        """The record's name as a picker or a document shows it."""
        names = self.label_fields or (self.fields[0].name,)
        return " — ".join(str(values.get(n) or "").strip() for n in names if values.get(n))

    def references(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind in REFERENCE_KINDS)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise ValidationError(name, "core.no_such_field", field=name)

    def blank(self) -> dict[str, object]:
        return {f.name: blank_value(f) for f in self.fields}

    def new_record(self, today: dt.date, placeholder: str) -> dict[str, object]:
        """What a newly added record holds: each field's default, the first choice of a
        required choice, today for a required date, 0 for a required number, and
        `placeholder` (in the user's language) for required text still to be written."""
        values = self.blank()  # references start empty: the user picks them
        for f in self.fields:
            if f.kind in REFERENCE_KINDS:
                continue  # picked by the user (a required one: the record is made by a picker)
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


def blank_value(field: Field) -> object:
    """The empty value of a field's kind."""
    if field.kind in ("date", "number", "reference", LINK_KIND):
        return None
    if field.kind == "references":
        return ()
    return ""


def ids_to_text(ids: tuple[int, ...]) -> str:
    """How a `references` value is stored: "3 7"."""
    return " ".join(str(i) for i in ids)


def ids_from_text(text: str | None) -> tuple[int, ...]:
    """A stored `references` value read back (anything that is not an id is dropped)."""
    return tuple(int(t) for t in (text or "").split() if t.isdigit())


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
    elif field.kind in ("reference", LINK_KIND):
        value = _clean_id(field, value)
    elif field.kind == "references":
        if value in (None, ""):
            value = ()
        elif isinstance(value, str):
            value = tuple(_clean_id(field, t) for t in value.replace(",", " ").split())
        elif isinstance(value, list | tuple):
            value = tuple(_clean_id(field, t) for t in value)
        else:
            raise ValidationError(field.name, "core.must_be_reference")
        value = tuple(dict.fromkeys(i for i in value if i is not None))  # no repeats
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
        and value in (None, "", ())
        or (field.required and isinstance(value, str) and not value.strip())
    ):
        raise ValidationError(field.name, "core.required")
    return value


def _clean_id(field: Field, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(field.name, "core.must_be_reference")
    if isinstance(value, int):
        if value <= 0:
            raise ValidationError(field.name, "core.must_be_reference")
        return value
    text = str(value).strip()
    if not text.isdigit() or int(text) <= 0:
        raise ValidationError(field.name, "core.must_be_reference")
    return int(text)


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
        # the complaint whose cause the lesson was drawn from (Operate); the complaint shows
        # its lessons by this link, so the two are linked both ways with one stored value
        Field("complaint", "reference", ref="complaint", in_table=False),
    ),
    _lesson_rules,
    ("lesson",),  # a picker (a nonconformity's lesson drawn) names it by its words
)


# -- Study ---------------------------------------------------------------------------------

STUDY_STATES = ("planned", "completed")


def _training_rules(v: dict[str, object]) -> None:
    hours = v["hours"]
    if hours is not None and not 0 < float(hours) <= 1000:  # type: ignore[arg-type]
        raise ValidationError("hours", "core.hours_out_of_range")


PERSON_STATES = ("active", "left")

PEOPLE = Register(
    "person",
    Step.STUDY,
    (
        Field("name", "text", True),
        Field("role", "text", True),
        Field("department", "text"),
        # a person who left stays on record (trainings, past appointments) but can no longer
        # be appointed to a role or picked as an attendee
        Field("state", "choice", False, PERSON_STATES, default="active"),  # "": active
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
        # the people who attended (kind references -> person); replaced the free-text
        # "attendees" column in format 6
        Field("participants", "references", ref="person"),
        Field("assessment", "text"),
        # the study-plan standard the session teaches (matched without regard to case);
        # empty: a planned standard named in the topic counts
        Field("standard", "text"),
        # attendee names from before attendees were people that matched nobody: kept, one per
        # line, until the people exist and `match_attendees` moves them into `participants`
        Field("unmatched_attendees", "multiline", in_table=False),
    ),
    _training_rules,
    ("topic", "held_on"),
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


def _process_rules(v: dict[str, object]) -> None:
    if v["outsourced"] == "yes" and not str(v["provider"]).strip():
        raise ValidationError("provider", "plan.outsourced_needs_provider")


OBJECTIVES = Register(
    "objective",
    Step.PLAN,
    (
        Field("objective", "text", True),
        Field("metric", "text", True),
        Field("target", "number", True),
        Field("unit", "text", default="%"),
        # how a measured result is held against the target ("": at least, ">=")
        Field("comparison", "choice", False, ("", ">=", "<=", "="), in_table=False),
        Field("frequency", "choice", True, FREQUENCIES),
        Field("owner", "text"),  # who is responsible for reaching it (ISO 9001 6.2.2 c)
        Field("process", "text"),
        # the plan to reach it (ISO 9001 6.2.2): what will be done, with what resources, by
        # when, and how the results are evaluated
        Field("actions", "multiline", in_table=False),
        Field("resources", "multiline", in_table=False),
        Field("due", "date", in_table=False),
        Field("evaluation", "multiline", in_table=False),
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
        Field("responsible", "text"),  # the role answerable for the element (suggests a role)
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
        # an outsourced process (ISO 9001 4.4, 8.4): who carries it out and how it is controlled
        Field("outsourced", "choice", False, YES_NO, default="no"),  # "": not outsourced
        Field("provider", "text"),
        Field("controls", "multiline", in_table=False),
    ),
    _process_rules,
)

DOCUMENTS = Register(
    "planned_document",
    Step.PLAN,
    (
        Field("level", "choice", True, DOCUMENT_LEVELS),
        Field("number", "text", True),
        Field("title", "text", True),
        Field("parent", "text"),
        # the requirements it meets, e.g. "7.5, 8.2.1" (read like a process's `requirements`)
        Field("requirements", "text"),
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
    label_fields=("service", "item"),
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
    label_fields=("standard",),  # a picker names the standard, not its dimension's code
)

NEEDS = Register(
    "customer_need",
    Step.PLAN,
    (
        Field("need", "text", True),
        Field("category", "choice", True, KANO),
        Field("service", "text"),
        # Kano in use: what serves the need
        Field("standards", "references", ref="satisfaction_standard"),
        Field("moments", "references", ref="moment_of_truth", in_table=False),
        Field("commitment", "choice", False, YES_NO),  # the service commitment covers it
    ),
)

# the recovery plan of a moment of truth by the five steps (moment_of_truth.recovery keeps
# what does not fit them)
RECOVERY_PLAN_FIELDS = (
    "plan_apology",
    "plan_reinstatement",
    "plan_empathy",
    "plan_atonement",
    "plan_follow_up",
)

MOMENTS = Register(
    "moment_of_truth",
    Step.PLAN,
    (
        Field("moment", "text", True),
        Field("standard", "text", True),
        Field("owner", "text"),
        Field("severity", "choice", False, SEVERITIES),
        *(Field(name, "multiline", in_table=False) for name in RECOVERY_PLAN_FIELDS),
        Field("recovery", "multiline"),  # what the plan says beyond the five steps
    ),
)

# -- Allocate: roles, responsibilities, facilities and equipment -----------------------------

ROLE_KINDS = (
    "top_management",
    "management_representative",
    "process_owner",
    "internal_auditor",
    "document_controller",
    "department_head",
    "other_role",
)
ROLE_LEVELS = ("top", "middle", "front_line")
RACI = ("R", "A", "C", "I")
FACILITY_KINDS = ("service_facility", "service_equipment", "measuring_equipment")
FACILITY_STATES = ("planned", "ordered", "installed", "in_service", "retired")
MAX_CALIBRATION_MONTHS = 120


def _role_rules(v: dict[str, object]) -> None:
    if v["appointed_on"] is not None and v["appointee"] is None:
        raise ValidationError("appointed_on", "allocation.appointed_on_needs_appointee")


def _responsibility_rules(v: dict[str, object]) -> None:
    if (v["process"] is None) == (v["element"] is None):
        raise ValidationError("process", "allocation.cell_needs_one_target")


def _facility_rules(v: dict[str, object]) -> None:
    """Calibration belongs to measuring equipment; the next calibration follows the last one
    (filled in from the interval when left empty)."""
    from qms_desktop.domain.allocation import next_calibration_due

    months = v["calibration_months"]
    calibrated = any(v[n] is not None for n in ("calibration_months", "last_calibrated"))
    if calibrated and v["kind"] != "measuring_equipment":
        raise ValidationError("kind", "allocation.calibration_only_for_measuring")
    if months is not None and not 0 < float(months) <= MAX_CALIBRATION_MONTHS:  # type: ignore[arg-type]
        raise ValidationError(
            "calibration_months", "allocation.interval_out_of_range", limit=MAX_CALIBRATION_MONTHS
        )
    if months is not None and float(months) != int(float(months)):  # type: ignore[arg-type]
        raise ValidationError("calibration_months", "allocation.interval_whole_months")
    last, following = v["last_calibrated"], v["next_calibration"]
    if following is None and isinstance(last, dt.date) and months is not None:
        v["next_calibration"] = next_calibration_due(last, int(float(months)))  # type: ignore[arg-type]
    elif isinstance(last, dt.date) and isinstance(following, dt.date) and last > following:
        raise ValidationError(
            "last_calibrated",
            "allocation.calibration_after_next",
            last=last.isoformat(),
            next=following.isoformat(),
        )


ROLES = Register(
    "role",
    Step.ALLOCATE,
    (
        Field("title", "text", True),
        Field("kind", "choice", True, ROLE_KINDS, default="other_role"),
        Field("level", "choice", False, ROLE_LEVELS),
        Field("reports_to", "reference", ref="role"),  # draws the organisation chart
        Field("responsibilities", "multiline", in_table=False),
        Field("authorities", "multiline", in_table=False),
        Field("competence", "multiline", in_table=False),  # qualification the role requires
        Field("appointee", "reference", ref="person"),
        # what shows the appointee has that competence (certificate, course, years of practice)
        Field("appointee_competence", "multiline", in_table=False),
        Field("appointed_on", "date"),
        Field("appointing_document", "text"),
    ),
    _role_rules,
)

RESPONSIBILITIES = Register(
    "responsibility",
    Step.ALLOCATE,
    (
        # one cell of the responsibility matrix: a role against a process or an element
        Field("role", "reference", True, ref="role"),
        Field("process", "reference", ref="process"),
        Field("element", "reference", ref="element"),
        Field("assignment", "choice", True, RACI),
    ),
    _responsibility_rules,
    ("role", "assignment"),
)

FACILITIES = Register(
    "facility",
    Step.ALLOCATE,
    (
        Field("item", "text", True),
        Field("kind", "choice", True, FACILITY_KINDS),
        Field("site", "text"),
        Field("process", "reference", ref="process"),
        Field("service_item", "reference", ref="service_item"),
        Field("owner", "reference", ref="person"),
        Field("state", "choice", True, FACILITY_STATES),
        Field("needed_by", "date"),
        Field("calibration_months", "number", in_table=False),
        Field("last_calibrated", "date"),
        Field("next_calibration", "date"),
        Field("notes", "multiline", in_table=False),
    ),
    _facility_rules,
    ("item", "site"),
)


# -- Strengthen: the basic management work -------------------------------------------------

BASIC_WORK_STATES = ("open", "under_way", "in_place")

BASIC_WORK = Register(
    "basic_work",
    Step.STRENGTHEN,
    (
        Field("area", "text", True),
        Field("current_state", "multiline"),
        Field("weakness", "multiline"),
        Field("action", "multiline"),
        Field("owner", "reference", ref="person"),
        Field("due", "date"),
        Field("state", "choice", True, BASIC_WORK_STATES),
        Field("requirement", "text"),  # the checklist requirement it shores up, e.g. 7.1.5
        Field("evidence", "multiline", in_table=False),
    ),
)

# The starting list of areas offered to a new organisation (it may rename, add or delete):
# (English, Chinese, the ISO 9001:2015 requirement each shores up).
BASIC_WORK_AREAS: tuple[tuple[str, str, str], ...] = (
    ("Standardisation", "标准化工作", "7.5"),
    ("Measurement and metrology", "计量工作", "7.1.5"),
    ("Quality information and records", "质量信息与记录", "7.5.3"),
    ("Quality responsibility system", "质量责任制", "5.3"),
    ("Rules and regulations", "规章制度", "7.5.1"),
    ("Basic quality education", "质量教育", "7.2"),
)


# -- Operate: the customer's voice ------------------------------------------------------------

CHANNEL_KINDS = (
    "survey",
    "comment_card",
    "suggestion_box",
    "follow_up_call",
    "online_review",
    "complaint_desk",
)
COMPLAINT_STATES = ("open", "closed")
SURVEY_SCALES = ("7", "5")
SURVEY_ASKS = ("expectation_perception", "perception_only")
LIKERT_MAX = 7


def _not_future(v: dict[str, object], *names: str) -> None:
    today = dt.date.today()
    for name in names:
        day = v[name]
        if isinstance(day, dt.date) and day > today:
            raise ValidationError(name, "operate.date_in_future", date=day.isoformat())


def _not_negative(v: dict[str, object], *names: str) -> None:
    for name in names:
        value = v[name]
        if value is not None and float(value) < 0:  # type: ignore[arg-type]
            raise ValidationError(name, "operate.negative", value=value)


def _complaint_rules(v: dict[str, object]) -> None:
    _not_future(v, "received_on")


def _recovery_rules(v: dict[str, object]) -> None:
    _not_future(v, "apology_on", "reinstated_on", "follow_up_on")
    _not_negative(v, "token_value", "authority_limit")
    value, limit = v["token_value"], v["authority_limit"]
    if value is not None and limit is not None and float(value) > float(limit):  # type: ignore[arg-type]
        raise ValidationError("token_value", "operate.token_beyond_limit", value=value, limit=limit)
    if v["token_value"] not in (None, 0, 0.0) and not str(v["token"]).strip():
        raise ValidationError("token", "operate.value_needs_token")


def _claim_rules(v: dict[str, object]) -> None:
    _not_future(v, "claimed_on", "paid_on")
    _not_negative(v, "payout")
    claimed, paid = v["claimed_on"], v["paid_on"]
    if isinstance(claimed, dt.date) and isinstance(paid, dt.date) and paid < claimed:
        raise ValidationError("paid_on", "operate.paid_before_claimed", claimed=claimed.isoformat())


def _survey_rules(v: dict[str, object]) -> None:
    _not_future(v, "starts_on")
    _not_negative(v, *(f"weight_{d}" for d in SERVQUAL))
    start, end = v["starts_on"], v["ends_on"]
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        raise ValidationError("ends_on", "operate.ends_before_start", start=start.isoformat())


def _item_rules(v: dict[str, object]) -> None:
    if not v["dimension"]:
        raise ValidationError("dimension", "operate.item_needs_dimension")


def likert(name: str, value: object, top: int = LIKERT_MAX) -> None:
    """A Likert answer: a whole number from 1 to `top` (the survey's scale)."""
    if value is None:
        return
    number = float(value)  # type: ignore[arg-type]
    if not 1 <= number <= top or number != int(number):
        raise ValidationError(name, "operate.likert_out_of_range", value=value, top=top)


def _response_rules(v: dict[str, object]) -> None:
    _not_future(v, "answered_on")
    likert("expectation", v["expectation"])
    likert("perception", v["perception"])


def _result_rules(v: dict[str, object]) -> None:
    _not_future(v, "period")
    if v["objective"] is not None and v["standard"] is not None:
        raise ValidationError("objective", "operate.result_needs_one_target")


def _period_rules(v: dict[str, object]) -> None:
    _not_future(v, "period")
    _not_negative(v, "customers", "repeat_customers", "services", "keep_cost")
    customers, repeat = v["customers"], v["repeat_customers"]
    if customers is not None and repeat is not None and float(repeat) > float(customers):  # type: ignore[arg-type]
        raise ValidationError("repeat_customers", "operate.repeat_above_customers")


FEEDBACK_CHANNELS = Register(
    "feedback_channel",
    Step.OPERATE,
    (
        Field("name", "text", True),
        Field("kind", "choice", True, CHANNEL_KINDS),
        Field("owner", "reference", ref="person"),
        Field("frequency", "choice", False, FREQUENCIES),
    ),
)

COMPLAINTS = Register(
    "complaint",
    Step.OPERATE,
    (
        Field("received_on", "date", True),
        Field("channel", "reference", ref="feedback_channel"),
        Field("site", "text"),
        Field("customer", "text", in_table=False),  # optional: no more than the case needs
        Field("moment", "reference", ref="moment_of_truth"),
        Field("service_item", "reference", ref="service_item", in_table=False),
        Field("dimension", "choice", False, SERVQUAL),
        Field("description", "multiline", True),
        Field("severity", "choice", True, ("disappointed", "angered")),
        Field("commitment_invoked", "choice", False, YES_NO, default="no"),
        Field("status", "choice", True, COMPLAINT_STATES),
        Field("cause", "multiline", in_table=False),
    ),
    _complaint_rules,
    ("received_on", "description"),
)

RECOVERIES = Register(
    "recovery",
    Step.OPERATE,
    (
        Field("complaint", "reference", True, ref="complaint"),
        # step 1, apology
        Field("apology_on", "date"),
        Field("apology_by", "reference", ref="person", in_table=False),
        # step 2, urgent reinstatement
        Field("reinstatement", "multiline"),
        Field("reinstated_on", "date", in_table=False),
        # step 3, empathy
        Field("empathy", "multiline"),
        # step 4, symbolic atonement (a token of the catalogue: its role's limit applies)
        Field("catalogue_token", "reference", ref="recovery_token", in_table=False),
        Field("token", "text"),
        Field("token_value", "number", in_table=False),
        Field("authorised_by", "reference", ref="person", in_table=False),
        Field("authority_limit", "number", in_table=False),  # what the authoriser may grant
        # step 5, follow-up
        Field("follow_up_on", "date"),
        Field("follow_up_how", "text", in_table=False),
        Field("follow_up_outcome", "multiline", in_table=False),
        Field("retained", "choice", False, YES_NO),
    ),
    _recovery_rules,
    ("complaint",),
)


def _token_rules(v: dict[str, object]) -> None:
    _not_negative(v, "value_limit")


RECOVERY_TOKENS = Register(
    "recovery_token",
    Step.ALLOCATE,
    (
        # a token of atonement (step 4 of recovery) and who may grant it, up to what value
        Field("token", "text", True),
        Field("value_limit", "number"),
        Field("role", "reference", True, ref="role"),
        Field("notes", "multiline", in_table=False),
    ),
    _token_rules,
    ("token",),
)

COMMITMENT_CLAIMS = Register(
    "commitment_claim",
    Step.OPERATE,
    (
        Field("complaint", "reference", ref="complaint"),
        Field("claimed_on", "date", True),
        Field("payout", "number"),
        Field("paid_on", "date"),
        Field("paid_by", "reference", ref="person"),
        Field("notes", "multiline", in_table=False),
    ),
    _claim_rules,
    ("claimed_on", "payout"),
)

SURVEYS = Register(
    "survey",
    Step.OPERATE,
    (
        Field("title", "text", True),
        Field("starts_on", "date", True),
        Field("ends_on", "date"),
        Field("scale", "choice", True, SURVEY_SCALES),
        Field("asks", "choice", True, SURVEY_ASKS),
        # importance points per dimension (any scale; commonly 100 shared out)
        *(Field(f"weight_{d}", "number", in_table=False) for d in SERVQUAL),
    ),
    _survey_rules,
)

SURVEY_ITEMS = Register(
    "survey_item",
    Step.OPERATE,
    (
        Field("survey", "reference", True, ref="survey"),
        Field("code", "text", True),
        Field("statement", "text", True),
        Field("dimension", "choice", False, SERVQUAL),  # required, with its own message
        Field("standard", "reference", ref="satisfaction_standard"),
    ),
    _item_rules,
    ("code", "statement"),
)

SURVEY_RESPONSES = Register(
    "survey_response",
    Step.OPERATE,
    (
        Field("survey", "reference", True, ref="survey"),
        Field("respondent", "text", True),
        Field("item", "reference", True, ref="survey_item"),
        Field("expectation", "number"),
        Field("perception", "number", True),
        Field("answered_on", "date"),
    ),
    _response_rules,
    ("respondent", "item"),
)

RESULTS = Register(
    "result",
    Step.OPERATE,
    (
        Field("objective", "reference", ref="objective"),
        Field("standard", "reference", ref="satisfaction_standard"),
        Field("period", "date", True),
        Field("value", "number", True),
        Field("source", "text"),
    ),
    _result_rules,
    ("period", "value"),
)

CUSTOMER_PERIODS = Register(
    "customer_period",
    Step.OPERATE,
    (
        Field("period", "date", True),  # the first day of the month
        Field("customers", "number"),
        Field("repeat_customers", "number"),
        Field("services", "number"),  # services delivered (complaints per 1 000 of them)
        Field("keep_cost", "number", in_table=False),  # what keeping one customer costs
    ),
    _period_rules,
    ("period",),
)


# -- Operate: management review (ISO 9001 9.3) ---------------------------------------------------


def _review_rules(v: dict[str, object]) -> None:
    start, end, held = v["period_from"], v["period_to"], v["held_on"]
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        raise ValidationError(
            "period_to", "review.period_ends_before_start", start=start.isoformat()
        )
    if isinstance(start, dt.date) and isinstance(held, dt.date) and held < start:
        raise ValidationError("held_on", "review.held_before_period", start=start.isoformat())


# The meeting; its inputs are gathered from the other registers for its period
# (services/review.py) and its outputs are `nonconformity` rows whose `review` names it.
MANAGEMENT_REVIEWS = Register(
    "management_review",
    Step.OPERATE,
    (
        Field("held_on", "date", True),
        Field("period_from", "date", True),
        Field("period_to", "date", True),
        Field("chair", "reference", ref="person"),
        Field("participants", "references", ref="person", in_table=False),
        Field("changes_in_context", "multiline", in_table=False),
        Field("supplier_performance", "multiline", in_table=False),  # free text: no register yet
        Field("resources", "multiline", in_table=False),
        Field("risks_and_opportunities", "multiline", in_table=False),
        Field("suitable", "choice", False, YES_NO),
        Field("adequate", "choice", False, YES_NO),
        Field("effective", "choice", False, YES_NO),
        Field("conclusions", "multiline"),
        # the internal audits whose results the review took as input (9.3.2 c 6)
        Field("audits", "references", ref="internal_audit", in_table=False),
    ),
    _review_rules,
    ("held_on", "conclusions"),  # named by text too: a nonconformity's review picks it
)


# -- Operate: QC circles and quality culture and education -----------------------------------

CIRCLE_STATES = ("active", "dissolved")
PDCA = ("plan", "do", "check", "act")
CULTURE_KINDS = ("training", "quality_month", "competition", "recognition", "other")


def _circle_rules(v: dict[str, object]) -> None:
    _not_future(v, "registered_on")


def _project_rules(v: dict[str, object]) -> None:
    """Savings are zero or more; a project finishes on or after the day it was presented
    (the circle's registration date is checked by the service, which can see the circle)."""
    _not_future(v, "presented_on", "finished_on")
    _not_negative(v, "savings")
    presented, finished = v["presented_on"], v["finished_on"]
    if isinstance(presented, dt.date) and isinstance(finished, dt.date) and finished < presented:
        raise ValidationError(
            "finished_on", "circles.finished_before_presented", presented=presented.isoformat()
        )


QC_CIRCLES = Register(
    "qc_circle",
    Step.OPERATE,
    (
        Field("name", "text", True),
        # the facilitator (辅导员) may be one of the members or not
        Field("facilitator", "reference", ref="person"),
        Field("members", "references", ref="person"),
        Field("registered_on", "date"),
        Field("department", "text"),
        Field("status", "choice", False, CIRCLE_STATES, default="active"),
    ),
    _circle_rules,
)

QC_PROJECTS = Register(
    "qc_project",
    Step.OPERATE,
    (
        Field("circle", "reference", True, ref="qc_circle"),
        Field("title", "text", True),
        Field("problem", "multiline", in_table=False),
        # what the problem was drawn from: a complaint, a nonconformity or an objective
        Field("complaint", "reference", ref="complaint", in_table=False),
        Field("nonconformity", "reference", ref="nonconformity", in_table=False),
        Field("objective", "reference", ref="objective", in_table=False),
        Field("pdca", "choice", False, PDCA, default="plan"),
        Field("target", "text"),
        Field("measures", "multiline", in_table=False),
        Field("result", "multiline", in_table=False),
        Field("savings", "number"),
        Field("presented_on", "date"),
        Field("finished_on", "date"),
    ),
    _project_rules,
    ("title",),
)

CULTURE_ACTIVITIES = Register(
    "culture_activity",
    Step.OPERATE,
    (
        Field("title", "text", True),
        Field("kind", "choice", True, CULTURE_KINDS),
        Field("held_on", "date", True),
        Field("participants", "references", ref="person"),
        Field("topic", "multiline"),
    ),
    label_fields=("title", "held_on"),
)


# -- Operate: the internal audit programme (ISO 9001 9.2) -------------------------------------

AUDIT_STATES = ("planned", "in_progress", "completed", "cancelled")


def _audit_rules(v: dict[str, object]) -> None:
    """A completed audit was held, not in the future. Scope, independence and the status an
    audit reaches only by being started or completed are checked by services/audits.py,
    which can see the process, the roles and the audit's checklist."""
    held = v["held_on"]
    if v["status"] == "completed" and held is None:
        raise ValidationError("held_on", "audit.completed_needs_held_on")
    if isinstance(held, dt.date) and held > dt.date.today():
        raise ValidationError("held_on", "audit.held_in_future", date=held.isoformat())


# An audit's findings are the items of its checklist: an assessment made by "start audit"
# over the requirements in scope, whose id the storage row keeps (`assessment_id`, not a
# field the user edits).
INTERNAL_AUDITS = Register(
    "internal_audit",
    Step.OPERATE,
    (
        Field("title", "text", True),
        Field("planned_on", "date", True),
        Field("held_on", "date"),
        Field("process", "reference", ref="process"),
        # requirement refs in scope, e.g. "7.5, 8.2, 8.5.1"; a ref takes its sub-clauses
        Field("clauses", "text"),
        Field("site", "text", in_table=False),
        Field("lead_auditor", "reference", ref="person"),
        Field("auditors", "references", ref="person", in_table=False),
        Field("auditee", "reference", ref="person", in_table=False),
        Field("status", "choice", True, AUDIT_STATES),
        # why an auditor may audit their own work (checked against the Allocate roles)
        Field("independence_override", "multiline", in_table=False),
        Field("summary", "multiline", in_table=False),
    ),
    _audit_rules,
    ("title", "planned_on"),
)


# -- Operate: nonconformities and corrective actions (ISO 9001 10.2), the one action list ---

from qms_desktop.domain.actions import (  # noqa: E402 - beside the block that uses them
    CAUSE_CATEGORIES,
    NC_SOURCES,
    NC_STATES,
    PRIORITIES,
    WHYS,
    nonconformity_rules,
)

NONCONFORMITIES = Register(
    "nonconformity",
    Step.OPERATE,
    (
        Field("raised_on", "date", True),
        Field("source", "choice", True, NC_SOURCES, default="other"),
        # the gap-checklist item or audit finding it was raised from (services/actions.py);
        # the checklist's action fields edit this row
        Field("assessment_item", "link", in_table=False),
        Field("complaint", "reference", ref="complaint", in_table=False),
        Field("review", "reference", ref="management_review", in_table=False),
        Field("requirement", "text"),  # a requirement's ref, e.g. 8.5.1
        Field("description", "multiline", True),
        Field("containment", "multiline", in_table=False),
        # the root cause: five whys, the fishbone category, the cause found
        *(Field(name, "text", in_table=False) for name in WHYS),
        Field("cause_category", "choice", False, CAUSE_CATEGORIES, in_table=False),
        Field("root_cause", "multiline", in_table=False),
        Field("action", "multiline"),
        Field("owner", "text"),
        Field("due", "date"),
        Field("priority", "choice", False, PRIORITIES),
        Field("status", "choice", True, NC_STATES),
        # verification of effectiveness: a "no" reopens the action (domain.actions)
        Field("verified_by", "reference", ref="person", in_table=False),
        Field("verified_on", "date", in_table=False),
        Field("verification_evidence", "multiline", in_table=False),
        Field("effective", "choice", False, YES_NO, in_table=False),
        Field("lesson", "reference", ref="lesson", in_table=False),
    ),
    nonconformity_rules,
    ("raised_on", "description"),
)


# -- Operate: quality cost and the quality appraisal with its veto ----------------------------


def _cost_rules(v: dict[str, object]) -> None:
    from qms_desktop.domain.quality_cost import check_cost

    check_cost(v, "amount")


def _cost_period_rules(v: dict[str, object]) -> None:
    from qms_desktop.domain.quality_cost import check_cost

    check_cost(v, "revenue")


def _appraisal_rules(v: dict[str, object]) -> None:
    from qms_desktop.domain.quality_cost import check_appraisal

    check_appraisal(v)


QUALITY_COSTS = Register(
    "quality_cost",
    Step.OPERATE,
    (
        Field("period", "date", True),  # the month (kept as its first day)
        # the PAF categories of the quality-cost literature (not the method's seeds)
        Field(
            "category",
            "choice",
            True,
            ("prevention", "appraisal", "internal_failure", "external_failure"),
        ),
        Field("department", "text"),
        Field("amount", "number", True),  # in the workspace's currency
        Field("description", "text"),  # what it was, or where the figure comes from
    ),
    _cost_rules,
    ("period", "category", "amount"),
)

COST_PERIODS = Register(
    "cost_period",
    Step.OPERATE,
    (
        Field("period", "date", True),  # the month (kept as its first day)
        Field("revenue", "number"),  # in the workspace's currency
    ),
    _cost_period_rules,
    ("period",),
)

VETO_TRIGGERS = Register(
    "veto_trigger",
    Step.OPERATE,
    (
        Field("name", "text", True),
        Field(
            "kind",
            "choice",
            True,
            (
                "serious_complaint",
                "broken_commitment",
                "safety_incident",
                "major_nonconformity",
                "other",
            ),
        ),
        Field("description", "multiline"),
    ),
)

APPRAISALS = Register(
    "appraisal",
    Step.OPERATE,
    (
        Field("period", "date", True),  # the first day appraised
        Field("period_to", "date"),  # the last (empty: the month of `period`)
        Field("department", "text"),
        Field("person", "reference", ref="person"),
        Field("indicators", "multiline", in_table=False),
        Field("score", "number"),
        # the veto the period's records propose is computed when shown, never stored: the
        # person deciding records here whether it applied, and why
        Field("veto_applied", "choice", False, YES_NO, default="no"),
        Field("veto_reason", "multiline", in_table=False),
        Field("trigger", "reference", ref="veto_trigger"),
        Field("economic_effect", "multiline"),  # e.g. "quarterly bonus withheld"
        Field("decided_by", "reference", ref="person", in_table=False),
    ),
    _appraisal_rules,
    ("period", "department"),
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
        ROLES,
        RESPONSIBILITIES,
        FACILITIES,
        BASIC_WORK,
        FEEDBACK_CHANNELS,
        COMPLAINTS,
        RECOVERIES,
        RECOVERY_TOKENS,
        COMMITMENT_CLAIMS,
        SURVEYS,
        SURVEY_ITEMS,
        SURVEY_RESPONSES,
        RESULTS,
        CUSTOMER_PERIODS,
        INTERNAL_AUDITS,
        QC_CIRCLES,
        QC_PROJECTS,
        CULTURE_ACTIVITIES,
        MANAGEMENT_REVIEWS,
        NONCONFORMITIES,
        QUALITY_COSTS,
        COST_PERIODS,
        VETO_TRIGGERS,
        APPRAISALS,
    )
}


# -- helpers of the Plan step's records ---------------------------------------------------------


def recovery_steps_for(severity: str) -> tuple[int, ...]:
    """Which of the five recovery steps apply: a small disappointment needs apology and urgent
    reinstatement; a serious one adds empathy; an angry customer needs all five."""
    return {"small": (1, 2), "serious": (1, 2, 3), "angry": (1, 2, 3, 4, 5)}.get(severity, ())
