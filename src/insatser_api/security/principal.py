"""Who is calling: the authenticated key's name, scopes and the enheter whose documentation it
may write and read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from insatser_api.security.scopes import ALL_SCOPES, DOCUMENTATION_READ, DOCUMENTATION_WRITE


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of one request.

    `enheter` limits `documentation:write` and `documentation:read` alike: the enheter whose
    records this caller may write and read, or None for every enhet. Nexus staff must neither
    write nor read Bryggan's records.
    """

    key_id: str | None
    name: str
    scopes: frozenset[str]
    enheter: frozenset[str] | None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def may_write_for(self, enhet: str) -> bool:
        return DOCUMENTATION_WRITE in self.scopes and self._covers(enhet)

    def may_read_for(self, enhet: str) -> bool:
        return DOCUMENTATION_READ in self.scopes and self._covers(enhet)

    def readable_among(self, enheter: Iterable[str]) -> frozenset[str] | None:
        """Those of `enheter` whose records this caller may read; None: every enhet."""
        if DOCUMENTATION_READ not in self.scopes:
            return frozenset()
        if self.enheter is None:
            return None
        return frozenset(enhet for enhet in enheter if self._covers(enhet))

    def _covers(self, enhet: str) -> bool:
        if self.enheter is None:
            return True
        # Enhet names come from the catalogue and from an operator's command line: compare
        # them the way a person reads them, without regard to case.
        wanted = enhet.casefold()
        return any(allowed.casefold() == wanted for allowed in self.enheter)


# The caller when INSATSER_AUTH_DISABLED=true (development and test only).
AUTH_DISABLED = Principal(key_id=None, name="auth-disabled", scopes=ALL_SCOPES, enheter=None)
