from dataclasses import replace

from qms_desktop.domain.audit import GENESIS_HASH, AuditEntry, entry_hash, verify_chain


def make_chain(n: int) -> list[AuditEntry]:
    entries = []
    prev = GENESIS_HASH
    for i in range(1, n + 1):
        fields = dict(
            seq=i,
            at_utc=f"2026-01-01T00:00:0{i}",
            actor="a",
            action="update",
            entity="organisation",
            entity_id="1",
            field="name",
            old_value=str(i - 1),
            new_value=str(i),
            prev_hash=prev,
        )
        h = entry_hash(**fields)
        entries.append(AuditEntry(**fields, hash=h))
        prev = h
    return entries


def test_intact_chain_has_no_problems():
    chain = make_chain(5)
    assert verify_chain(chain, (5, chain[-1].hash)) == []


def test_edited_entry_is_found():
    chain = make_chain(5)
    chain[2] = replace(chain[2], new_value="tampered")
    problems = verify_chain(chain)
    assert problems[0].seq == 3 and "altered" in problems[0].message


def test_deleted_inserted_reordered_and_truncated_are_found():
    chain = make_chain(5)
    assert verify_chain(chain[:2] + chain[3:])[0].seq == 4  # deleted entry 3
    forged = replace(chain[1], at_utc="later")
    assert verify_chain(chain[:2] + [forged] + chain[2:])  # inserted
    assert verify_chain([chain[0], chain[2], chain[1], chain[3]])  # reordered
    assert verify_chain(chain[:4], (5, chain[-1].hash))  # cut from the end
