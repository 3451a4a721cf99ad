"""What a service changed, so each screen can decide whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    profile: bool = False
    steps: frozenset[str] = field(default_factory=frozenset)
    checklist: bool = False  # assessments were added or removed
    items: frozenset[int] = field(default_factory=frozenset)  # checklist items changed
    libraries: bool = False
    registers: frozenset[str] = field(default_factory=frozenset)
    audit: bool = True

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.profile or other.profile,
            self.steps | other.steps,
            self.checklist or other.checklist,
            self.items | other.items,
            self.libraries or other.libraries,
            self.registers | other.registers,
            self.audit or other.audit,
        )
