"""Audit entries signed with their writer's Ed25519 key: made on first use in the user-data
folder, listed in the workspace, and checked by `check`, which names every entry whose
signature fails, was made with a key the workspace does not list (or lists for someone
else), or is missing after its writer began signing."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from qms_desktop.domain.steps import Step
from qms_desktop.paths import user_data_dir
from qms_desktop.services.profile import update_profile
from qms_desktop.services.workspaces import CheckReport, check_workspace
from qms_desktop.storage import signing
from qms_desktop.storage.models import Organisation, StepRecord
from qms_desktop.storage.signing import Signer, key_id, public_key_from_bytes, signer_for, verifies
from qms_desktop.storage.workspace import Workspace


def edit(path: Path, actor: str, address: str) -> None:
    with Workspace.open(path) as ws:
        update_profile(ws, actor, address=address)


def rows(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def write(path: Path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def last_seq(path: Path, actor: str) -> int:
    return int(rows(path, "SELECT max(seq) FROM audit_entry WHERE actor = ?", actor)[0][0])


def findings(report: CheckReport, code: str) -> list[tuple[str, str]]:
    assert not report.sound
    hits = [(m.text("en"), m.text("zh_CN")) for m in report.findings if m.code == code]
    assert hits, report.problems
    return hits


def test_every_write_ends_with_a_signed_entry_that_verifies_against_the_listed_key(
    workspace_file: Path,
):
    """Signed once per write: the last entry of each flush carries its writer's signature
    over its chain hash, which vouches for the write's other entries (same actor and time
    stamp, just before it). No entry is left without a signature of its own write."""
    edit(workspace_file, "alice", "1 Signed Street")
    edit(workspace_file, "alice", "2 Signed Street")
    entries = rows(
        workspace_file,
        "SELECT seq, actor, at_utc, hash, key_id, signature FROM audit_entry ORDER BY id",
    )
    keys = {
        k: (actor, raw)
        for k, actor, raw in rows(
            workspace_file, "SELECT key_id, actor, public_key FROM signing_key"
        )
    }
    assert entries
    assert {e[1] for e in entries} == {"tester", "alice"}
    writes: list[list[tuple[object, ...]]] = []
    for entry in entries:
        if writes and writes[-1][-1][1:3] == entry[1:3] and writes[-1][-1][4] is None:
            writes[-1].append(entry)
        else:
            writes.append([entry])
    assert any(len(w) > 1 for w in writes)  # some writes hold several entries: signed once
    for write in writes:
        *unsigned, (_, actor, _, digest, kid, signature) = write
        assert all(e[4] is None and e[5] is None for e in unsigned)
        listed_actor, raw = keys[kid]
        assert listed_actor == actor and key_id(raw) == kid
        public = public_key_from_bytes(raw)
        assert public is not None and verifies(public, signature, digest)
    # alice's two edits: two writes, so two signatures of hers
    assert sum(1 for w in writes if w[-1][1] == "alice") == 2
    report = check_workspace(workspace_file)
    assert report.sound, report.problems
    assert report.notes == ()


def test_the_private_key_is_kept_per_person_in_the_user_data_folder(tmp_path: Path):
    folder = tmp_path / "keys"
    alice = signer_for("alice", folder)
    bob = signer_for("Bob 鲍勃/../x", folder)
    assert alice is not None and bob is not None and alice.key_id != bob.key_id
    files = sorted(folder.iterdir())
    assert len(files) == 2
    for f in files:
        assert f.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
        if sys.platform != "win32":
            assert stat.S_IMODE(f.stat().st_mode) == 0o600
    signing._cache.clear()  # as a new process would: the same key is read back
    again = signer_for("alice", folder)
    assert again is not None and again.key_id == alice.key_id
    assert signing.key_file("alice", signing.keys_dir()).parent == user_data_dir() / "keys"


def test_a_key_store_that_cannot_be_written_leaves_entries_unsigned_not_refused(
    tmp_path: Path,
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the keys folder should be")
    assert signer_for("alice", blocked / "keys") is None


def test_a_flipped_signature_byte_is_named(workspace_file: Path):
    edit(workspace_file, "alice", "1 Signed Street")
    seq = last_seq(workspace_file, "alice")
    (signature,) = rows(workspace_file, "SELECT signature FROM audit_entry WHERE seq = ?", seq)[0]
    assert isinstance(signature, bytes)
    flipped = bytes([signature[0] ^ 0x01]) + signature[1:]
    write(workspace_file, "UPDATE audit_entry SET signature = ? WHERE seq = ?", flipped, seq)
    report = check_workspace(workspace_file)
    assert [m.code for m in report.findings] == ["storage.check_signature_bad"]
    [(en, zh)] = findings(report, "storage.check_signature_bad")
    assert f"audit entry {seq} " in en and f"审计条目 {seq} " in zh


def _resign(path: Path, seq: int, signer: Signer, *, key: str | None = None) -> None:
    (digest,) = rows(path, "SELECT hash FROM audit_entry WHERE seq = ?", seq)[0]
    write(
        path,
        "UPDATE audit_entry SET signature = ?, key_id = ? WHERE seq = ?",
        signer.sign(str(digest)),
        signer.key_id if key is None else key,
        seq,
    )


def _list(path: Path, signer: Signer) -> None:
    write(
        path,
        "INSERT INTO signing_key (key_id, actor, public_key, added_at) VALUES (?, ?, ?, ?)",
        signer.key_id,
        signer.actor,
        signer.public_key,
        "2026-11-25T00:00:00+00:00",
    )


def test_an_entry_re_signed_with_another_persons_listed_key_is_named(workspace_file: Path):
    edit(workspace_file, "alice", "1 Signed Street")
    seq = last_seq(workspace_file, "alice")
    mallory = Signer.generate("mallory")
    _list(workspace_file, mallory)
    _resign(workspace_file, seq, mallory)
    [(en, zh)] = findings(check_workspace(workspace_file), "storage.check_signature_other_actor")
    assert f"audit entry {seq}, written by alice, is signed with the key of mallory" in en
    assert f"审计条目 {seq}" in zh and "mallory" in zh


def test_an_entry_re_signed_with_another_key_under_the_old_key_id_is_named(
    workspace_file: Path,
):
    edit(workspace_file, "alice", "1 Signed Street")
    seq = last_seq(workspace_file, "alice")
    (kid,) = rows(workspace_file, "SELECT key_id FROM audit_entry WHERE seq = ?", seq)[0]
    _resign(workspace_file, seq, Signer.generate("alice"), key=str(kid))
    [(en, _)] = findings(check_workspace(workspace_file), "storage.check_signature_bad")
    assert f"audit entry {seq} " in en


def test_an_entry_signed_with_an_unknown_key_is_named(workspace_file: Path):
    edit(workspace_file, "alice", "1 Signed Street")
    seq = last_seq(workspace_file, "alice")
    stranger = Signer.generate("alice")
    _resign(workspace_file, seq, stranger)
    [(en, zh)] = findings(check_workspace(workspace_file), "storage.check_signature_unknown_key")
    assert f"audit entry {seq} " in en and stranger.key_id[:16] in en
    assert f"审计条目 {seq} " in zh


def test_a_listed_key_whose_bytes_are_not_its_id_is_no_key(workspace_file: Path):
    """Swapping the public key under a listed key id (to vouch for a forger's signatures)
    leaves every entry signed under that id with an unknown key."""
    forger = Signer.generate("tester")
    write(workspace_file, "UPDATE signing_key SET public_key = ?", forger.public_key)
    report = check_workspace(workspace_file)
    assert findings(report, "storage.check_signature_unknown_key")


def test_an_unsigned_entry_after_its_writers_signed_ones_is_named(workspace_file: Path):
    edit(workspace_file, "alice", "1 Signed Street")
    edit(workspace_file, "alice", "2 Signed Street")
    seq = last_seq(workspace_file, "alice")
    write(
        workspace_file, "UPDATE audit_entry SET signature = NULL, key_id = NULL WHERE seq = ?", seq
    )
    [(en, zh)] = findings(check_workspace(workspace_file), "storage.check_signature_missing")
    assert f"audit entry {seq} by alice is not signed" in en
    assert f"审计条目 {seq}" in zh


def test_a_workspace_written_before_signing_is_sound_with_a_note(tmp_path: Path):
    """An older file: its entries were written unsigned. After the upgrade they stay so (a
    note, not a problem), and every entry written since is signed."""
    path = tmp_path / "v4.qms"

    def older_version(ws: Workspace) -> None:
        with ws.editing("old version") as s:
            s.add(
                Organisation(
                    id=1,
                    name="Old Org",
                    short_name="",
                    address="",
                    scope="",
                    services="",
                    sites="",
                    industry="",
                    doc_prefix="",
                    management_representative="",
                    default_language="en",
                )
            )
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))

    Workspace.create(path, revision="0004", fill=older_version).close()
    (old_entries,) = rows(path, "SELECT count(*) FROM audit_entry")[0]
    assert old_entries > 0
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None  # migrated to the signing schema after a backup
        update_profile(ws, "old version", address="1 New Street")
    report = check_workspace(path)
    assert report.sound, report.problems
    [note] = report.notes
    assert note.code == "storage.note_unsigned"
    assert f"audit entries 1–{old_entries} are not signed" in note.text("en")
    assert f"审计条目 1–{old_entries} 没有签名" in note.text("zh_CN")
    unsigned = rows(path, "SELECT count(*) FROM audit_entry WHERE signature IS NULL")[0][0]
    assert unsigned == old_entries


def test_signing_can_be_turned_off_for_a_workspace_and_check_notes_it(workspace_file: Path):
    write(workspace_file, "UPDATE audit_entry SET signature = NULL, key_id = NULL")
    write(workspace_file, "DELETE FROM signing_key")
    with Workspace.open(workspace_file) as ws:
        ws.signer_for = None
        update_profile(ws, "carol", address="3 Plain Street")
    report = check_workspace(workspace_file)
    assert report.sound, report.problems
    assert [m.code for m in report.notes] == ["storage.note_unsigned"]


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_two_makers_of_one_key_end_with_one(tmp_path: Path):
    folder = tmp_path / "keys"
    signing._make(signing.key_file("dora", folder))
    first = signing.key_file("dora", folder).read_bytes()
    signing._make(signing.key_file("dora", folder))  # a second maker: the first key stays
    assert signing.key_file("dora", folder).read_bytes() == first
    assert [p.name for p in folder.iterdir()] == [signing.key_file("dora", folder).name]


# -- signed once per write: what stands in for a signature of each entry -----------------


def _append(path: Path, actor: str, *, at: str | None = None) -> int:
    """Append an unsigned entry at the end of the trail as a forger without keys would:
    chained correctly, with the head moved on. Returns its seq."""
    from qms_desktop.domain.audit import entry_hash

    conn = sqlite3.connect(path)
    seq, prev, last_at = conn.execute(
        "SELECT seq, hash, at_utc FROM audit_entry ORDER BY id DESC LIMIT 1"
    ).fetchone()
    fields = {
        "seq": seq + 1,
        "at_utc": at or last_at,
        "actor": actor,
        "action": "update",
        "entity": "organisation",
        "entity_id": "1",
        "field": "notes",
        "old_value": None,
        "new_value": "forged",
        "prev_hash": prev,
    }
    digest = entry_hash(**fields)  # type: ignore[arg-type]
    conn.execute(
        "INSERT INTO audit_entry (seq, at_utc, actor, action, entity, entity_id, field,"
        " old_value, new_value, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (*fields.values(), digest),
    )
    conn.execute(
        "UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'", (f"{seq + 1} {digest}",)
    )
    conn.commit()
    conn.close()
    return int(seq) + 1


def test_an_unsigned_entry_appended_by_a_signing_writer_is_named(workspace_file: Path):
    edit(workspace_file, "alice", "1 Signed Street")
    seq = _append(workspace_file, "alice", at="2099-01-01T00:00:00.000000+00:00")
    report = check_workspace(workspace_file)
    [(en, zh)] = findings(report, "storage.check_signature_missing")
    assert f"audit entry {seq} by alice is not signed" in en and f"审计条目 {seq}" in zh


def test_an_unsigned_entry_appended_in_the_last_writes_own_name_and_time_is_named(
    workspace_file: Path,
):
    """Appended to look like part of the last write (same actor, same time stamp): the
    write's signature then no longer stands at its end."""
    edit(workspace_file, "alice", "1 Signed Street")
    seq = _append(workspace_file, "alice")
    [(en, _)] = findings(check_workspace(workspace_file), "storage.check_signature_missing")
    assert f"audit entry {seq} by alice" in en


def test_an_unsigned_entry_appended_by_someone_who_never_signed_is_named(workspace_file: Path):
    """The trail of a workspace that signs must end with a signature, whoever wrote last."""
    edit(workspace_file, "alice", "1 Signed Street")
    seq = _append(workspace_file, "eve", at="2099-01-01T00:00:00.000000+00:00")
    report = check_workspace(workspace_file)
    assert [m.code for m in report.findings] == ["storage.check_signature_last_missing"]
    [(en, zh)] = findings(report, "storage.check_signature_last_missing")
    assert f"last entries, {seq}–{seq} by eve, are not signed" in en
    assert f"{seq}–{seq}" in zh and "eve" in zh


def _recompute(conn: sqlite3.Connection) -> None:
    from qms_desktop.domain.audit import GENESIS_HASH, entry_hash

    prev, count = GENESIS_HASH, 0
    columns = "seq, at_utc, actor, action, entity, entity_id, field, old_value, new_value"
    for row_id, *values in conn.execute(
        f"SELECT id, {columns} FROM audit_entry ORDER BY id"
    ).fetchall():
        count += 1
        fields = dict(zip(columns.split(", "), values, strict=True)) | {"seq": count}
        digest = entry_hash(**fields, prev_hash=prev)  # type: ignore[arg-type]
        conn.execute(
            "UPDATE audit_entry SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (count, prev, digest, row_id),
        )
        prev = digest
    conn.execute(
        "UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'", (f"{count} {prev}",)
    )


def test_an_entry_of_another_writer_slipped_into_a_write_before_its_signature_is_named(
    workspace_file: Path,
):
    """Between a write's unsigned entries and its signed last one, an unsigned entry of
    someone else, with the chain recomputed: the write's entries before it are no longer
    followed by their writer's signature, and that signature no longer matches."""
    edit(workspace_file, "alice", "1 Signed Street")
    with Workspace.open(workspace_file) as ws:
        update_profile(ws, "alice", address="2 Signed Street", scope="All of it")
    write_rows = rows(
        workspace_file,
        "SELECT id, seq, key_id FROM audit_entry WHERE actor = 'alice' AND at_utc ="
        " (SELECT max(at_utc) FROM audit_entry WHERE actor = 'alice') ORDER BY id",
    )
    assert len(write_rows) >= 2 and write_rows[-1][2] is not None and write_rows[-2][2] is None
    signed_id = int(write_rows[-1][0])  # type: ignore[call-overload]
    conn = sqlite3.connect(workspace_file)
    # make room: move the signed entry (and nothing is after it) one row id on
    conn.execute("UPDATE audit_entry SET id = id + 1 WHERE id = ?", (signed_id,))
    conn.execute(
        "INSERT INTO audit_entry (id, seq, at_utc, actor, action, entity, entity_id, field,"
        " old_value, new_value, prev_hash, hash) SELECT ?, seq, at_utc, 'mallory', 'update',"
        " 'organisation', '1', 'notes', NULL, 'slipped in', '', '' FROM audit_entry WHERE id = ?",
        (signed_id, signed_id + 1),
    )
    _recompute(conn)
    conn.commit()
    conn.close()
    report = check_workspace(workspace_file)
    codes = {m.code for m in report.findings}
    assert "storage.check_signature_missing" in codes  # alice's entries before it, unvouched
    assert codes & {"storage.check_signature_bad", "storage.check_signature_bad_write"}
    missing = findings(report, "storage.check_signature_missing")
    assert any("by alice is not signed" in en for en, _ in missing)


def test_a_trail_written_when_every_entry_was_signed_still_verifies(workspace_file: Path):
    """Before signing once per write, every entry carried its own signature: such a trail
    meets the rule as it is (a signed entry vouches for itself)."""
    edit(workspace_file, "alice", "1 Signed Street")
    edit(workspace_file, "bob", "2 Signed Street")
    signers = {a: signer_for(a) for a in ("tester", "alice", "bob")}
    conn = sqlite3.connect(workspace_file)
    for row_id, actor, digest in conn.execute(
        "SELECT id, actor, hash FROM audit_entry WHERE signature IS NULL"
    ).fetchall():
        signer = signers[actor]
        assert signer is not None
        conn.execute(
            "UPDATE audit_entry SET key_id = ?, signature = ? WHERE id = ?",
            (signer.key_id, signer.sign(digest), row_id),
        )
    conn.commit()
    conn.close()
    assert rows(workspace_file, "SELECT count(*) FROM audit_entry WHERE signature IS NULL") == [
        (0,)
    ]
    report = check_workspace(workspace_file)
    assert report.sound, report.problems
    assert report.notes == ()
    # and one of those per-entry signatures, damaged on its own, is still named when its
    # key's last signature fails too
    seq = last_seq(workspace_file, "bob")
    write(workspace_file, "UPDATE audit_entry SET signature = zeroblob(64) WHERE seq = ?", seq)
    [(en, _)] = findings(check_workspace(workspace_file), "storage.check_signature_bad")
    assert f"audit entry {seq} " in en


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
def test_writes_cut_by_the_check_s_chunks_are_judged_the_same(
    chunk: int, workspace_file: Path, monkeypatch: pytest.MonkeyPatch
):
    """The check reads the trail a chunk at a time; a write's unsigned entries in one chunk
    and its signature in the next are one write all the same."""
    from qms_desktop.storage import integrity

    monkeypatch.setattr(integrity, "_CHUNK", chunk)
    with Workspace.open(workspace_file) as ws:
        update_profile(ws, "alice", address="2 Signed Street", scope="All", industry="Hotels")
    report = check_workspace(workspace_file)
    assert report.sound, report.problems
    assert report.notes == ()
    seq = _append(workspace_file, "alice")
    [(en, _)] = findings(check_workspace(workspace_file), "storage.check_signature_missing")
    assert f"audit entry {seq} by alice" in en


def test_the_count_of_signed_entries_counts_each_write_its_signature_vouches_for(
    workspace_file: Path,
):
    """What an auditor's package reports: every entry, when every write ends signed; a
    write whose signature is stripped no longer counts."""
    from qms_desktop.storage.audit import signed_entry_count

    with Workspace.open(workspace_file) as ws:
        update_profile(ws, "alice", address="2 Signed Street", scope="All", industry="Hotels")
        with ws.reading() as s:
            assert signed_entry_count(s) == ws.audit_head()[0]
    seq = last_seq(workspace_file, "alice")
    (at,) = rows(workspace_file, "SELECT at_utc FROM audit_entry WHERE seq = ?", seq)[0]
    (size,) = rows(workspace_file, "SELECT count(*) FROM audit_entry WHERE at_utc = ?", at)[0]
    assert isinstance(size, int) and size >= 3
    write(
        workspace_file, "UPDATE audit_entry SET signature = NULL, key_id = NULL WHERE seq = ?", seq
    )
    with Workspace.open(workspace_file, read_only=True) as ws, ws.reading() as s:
        assert signed_entry_count(s) == ws.audit_head()[0] - size
