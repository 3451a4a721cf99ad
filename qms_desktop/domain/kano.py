"""Kano in use: what is missing for the customer's needs to be served — every basic
(must-be) need has a satisfaction standard, every moment of truth has a standard, an owner
and a recovery plan (covering the steps its planned severity needs, when planned by step),
and each of the five SERVQUAL dimensions has at least one satisfaction standard."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qms_desktop.domain.messages import Message
from qms_desktop.domain.registers import RECOVERY_PLAN_FIELDS, SERVQUAL, recovery_steps_for

Values = Mapping[str, object]

STEP_NAMES = {  # the five recovery steps, as the plan's fields name them
    1: "operate.kano_step_apology",
    2: "operate.kano_step_reinstatement",
    3: "operate.kano_step_empathy",
    4: "operate.kano_step_atonement",
    5: "operate.kano_step_follow_up",
}


@dataclass(frozen=True)
class KanoGap:
    """One thing missing, said in either language by `message`."""

    kind: str  # basic_need, moment_standard, moment_owner, moment_recovery, moment_steps, dimension
    subject: str  # the need, the moment, or the dimension's code
    message: Message


def _blank(value: object) -> bool:
    return not str(value or "").strip()


def kano_gaps(
    needs: Iterable[Values], moments: Iterable[Values], standards: Iterable[Values]
) -> list[KanoGap]:
    """What is missing: basic needs first, then moments of truth, then dimensions."""
    gaps: list[KanoGap] = []

    def gap(kind: str, subject: str, code: str, **params: object) -> None:
        gaps.append(KanoGap(kind, subject, Message(code, params)))

    for need in needs:
        if need.get("category") == "basic" and not need.get("standards"):
            name = str(need.get("need") or "")
            gap("basic_need", name, "operate.kano_basic_need", need=name)
    for m in moments:
        name = str(m.get("moment") or "")
        if _blank(m.get("standard")):
            gap("moment_standard", name, "operate.kano_moment_standard", moment=name)
        if _blank(m.get("owner")):
            gap("moment_owner", name, "operate.kano_moment_owner", moment=name)
        planned = {n for n, f in enumerate(RECOVERY_PLAN_FIELDS, start=1) if not _blank(m.get(f))}
        if not planned and _blank(m.get("recovery")):
            gap("moment_recovery", name, "operate.kano_moment_recovery", moment=name)
        elif planned:  # planned by step: the steps its severity needs
            needed = recovery_steps_for(str(m.get("severity") or ""))
            missing = [Message(STEP_NAMES[n]) for n in needed if n not in planned]
            if missing:
                gap("moment_steps", name, "operate.kano_moment_steps", moment=name, steps=missing)
    held = {s.get("dimension") for s in standards}
    for dim in SERVQUAL:
        if dim not in held:
            gap(
                "dimension",
                dim,
                "operate.kano_dimension",
                dimension=Message(f"operate.kano_dim_{dim}"),
            )
    return gaps
