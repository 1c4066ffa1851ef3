"""Who is calling: the authenticated key's name, scopes and the enheter it may write for."""

from __future__ import annotations

from dataclasses import dataclass

from insatser_api.security.scopes import ALL_SCOPES, DOCUMENTATION_WRITE


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of one request.

    `enheter` limits `documentation:write`: the enheter whose records this caller may write,
    or None for every enhet. Nexus staff must not write Bryggan's records.
    """

    key_id: str | None
    name: str
    scopes: frozenset[str]
    enheter: frozenset[str] | None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def may_write_for(self, enhet: str) -> bool:
        if DOCUMENTATION_WRITE not in self.scopes:
            return False
        if self.enheter is None:
            return True
        # Enhet names come from the catalogue and from an operator's command line: compare
        # them the way a person reads them, without regard to case.
        wanted = enhet.casefold()
        return any(allowed.casefold() == wanted for allowed in self.enheter)


# The caller when INSATSER_AUTH_DISABLED=true (development and test only).
AUTH_DISABLED = Principal(key_id=None, name="auth-disabled", scopes=ALL_SCOPES, enheter=None)
