"""Ed25519 keys that sign audit entries: one key pair per person (actor) on this computer,
kept in the user-data folder, and the signature checks `check` runs.

A signature is made over the raw bytes of an entry's chain hash, so it vouches for the
entry and, through the chain, for every entry before it. Someone who rewrites the trail
and recomputes its hashes cannot make the signatures agree without the private key.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

# `cryptography` is imported where a key is made, read or checked, not with this module:
# opening a workspace and reading it need none of it, and its import costs ~25 ms of every
# start (its `serialization` package alone ~18 ms: it loads the SSH key formats and every
# cipher).

log = logging.getLogger(__name__)

KEYS_FOLDER = "keys"


def key_id(public_key: bytes) -> str:
    """A key's name in the workspace: the SHA-256 of its raw 32-byte public key, in hex."""
    return hashlib.sha256(public_key).hexdigest()


@dataclass(frozen=True)
class Signer:
    """One person's signing key, as the audit trail uses it."""

    actor: str
    public_key: bytes  # raw, 32 bytes
    _private: Ed25519PrivateKey = field(repr=False, compare=False)

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def sign(self, chain_hash: str) -> bytes:
        """The signature of an entry: over the bytes of its chain hash (hex)."""
        return self._private.sign(bytes.fromhex(chain_hash))

    @classmethod
    def from_private_key(cls, actor: str, private: Ed25519PrivateKey) -> Signer:
        return cls(actor, private.public_key().public_bytes_raw(), private)

    @classmethod
    def generate(cls, actor: str) -> Signer:
        """A fresh key held in memory only (tests, and a forger's own key in them)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return cls.from_private_key(actor, Ed25519PrivateKey.generate())


def public_key_from_bytes(raw: bytes) -> Ed25519PublicKey | None:
    """A listed public key, or None when the bytes cannot be one."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        return Ed25519PublicKey.from_public_bytes(bytes(raw))
    except (ValueError, TypeError):
        return None


def verifies(public: Ed25519PublicKey, signature: object, chain_hash: object) -> bool:
    """Whether `signature` is this key's signature of the chain hash `chain_hash` (hex)."""
    from cryptography.exceptions import InvalidSignature

    if not isinstance(signature, bytes) or not isinstance(chain_hash, str):
        return False
    try:
        public.verify(signature, bytes.fromhex(chain_hash))
    except (InvalidSignature, ValueError):
        return False
    return True


# -- the key store in the user-data folder ---------------------------------------------

_cache: dict[tuple[Path, str], Signer] = {}
_cache_lock = threading.Lock()


def keys_dir() -> Path:
    from qms_desktop.paths import user_data_dir

    return user_data_dir() / KEYS_FOLDER


def key_file(actor: str, folder: Path) -> Path:
    """Where an actor's private key lives: named by a hash of the name, so any name is a
    safe file name."""
    return folder / f"{hashlib.sha256(actor.encode('utf-8')).hexdigest()[:32]}.pem"


def signer_for(actor: str, folder: Path | None = None) -> Signer | None:
    """The actor's signing key on this computer, made on first use (PEM, mode 0600). None
    when it can neither be read nor made (the entries are then written unsigned, and
    `check` says so): a key store that fails must not stop anyone from working."""
    folder = keys_dir() if folder is None else folder
    with _cache_lock:
        cached = _cache.get((folder, actor))
        if cached is not None:
            return cached
        try:
            signer = _load_or_make(actor, folder)
        except (OSError, ValueError, TypeError) as exc:
            log.warning("no signing key for %r in %s: %s", actor, folder, exc)
            return None
        _cache[(folder, actor)] = signer
        return signer


def _load_or_make(actor: str, folder: Path) -> Signer:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    path = key_file(actor, folder)
    if not path.exists():
        _make(path)
    private = load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(f"{path.name} does not hold an Ed25519 key")
    return Signer.from_private_key(actor, private)


def _make(path: Path) -> None:
    """Write a new key under a temporary name and link it into place, so two processes
    making the same person's key at once end up using one of them, never half of one."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
    finally:
        tmp.unlink(missing_ok=True)
