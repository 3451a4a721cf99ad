"""The audit trail's hash chain: each entry's SHA-256 covers its content and the
previous entry's hash, so an edited, deleted, inserted or reordered entry shows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at_utc: str  # ISO 8601, UTC, microseconds
    actor: str
    action: str  # create / update / delete
    entity: str
    entity_id: str
    field: str
    old_value: str | None
    new_value: str | None
    prev_hash: str
    hash: str


def entry_hash(
    *,
    seq: int,
    at_utc: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    field: str,
    old_value: str | None,
    new_value: str | None,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [seq, at_utc, actor, action, entity, entity_id, field, old_value, new_value, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def verify_chain(
    entries: Iterable[AuditEntry], head: tuple[int, str] | None = None
) -> list[ChainProblem]:
    """Check a trail read in storage order (by row id). Returns problems, first broken entry first.

    `head` is the (count, last hash) the workspace recorded with its last write; it
    catches entries cut from the end, which the chain alone cannot show.
    """
    problems: list[ChainProblem] = []
    prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    for e in entries:
        count += 1
        if e.seq != expected_seq:
            problems.append(
                ChainProblem(
                    e.seq,
                    f"audit entry {e.seq} stands where entry {expected_seq} should: "
                    "entries were deleted, inserted or reordered",
                )
            )
            return problems
        if e.prev_hash != prev:
            problems.append(
                ChainProblem(e.seq, f"audit entry {e.seq} does not follow the entry before it")
            )
            return problems
        recomputed = entry_hash(
            seq=e.seq,
            at_utc=e.at_utc,
            actor=e.actor,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            field=e.field,
            old_value=e.old_value,
            new_value=e.new_value,
            prev_hash=e.prev_hash,
        )
        if recomputed != e.hash:
            problems.append(
                ChainProblem(e.seq, f"audit entry {e.seq} was altered after it was written")
            )
            return problems
        prev = e.hash
        expected_seq += 1
    if head is not None:
        head_count, head_hash = head
        if head_count != count or head_hash != prev:
            problems.append(
                ChainProblem(
                    count + 1,
                    f"the audit trail should hold {head_count} entries ending in "
                    f"{head_hash[:12]}…, but holds {count}: entries were removed from its end",
                )
            )
    return problems
