"""What a service changed, so each screen can decide whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    profile: bool = False
    steps: frozenset[str] = field(default_factory=frozenset)
    audit: bool = True

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.profile or other.profile, self.steps | other.steps, self.audit or other.audit)
