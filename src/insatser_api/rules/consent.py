"""Vårdnadshavarens samtycke (SoL 2025:400 21 kap. 2 §) and the bilaga's lämplighetsprövning."""

from __future__ import annotations

from typing import Literal

from insatser_api.rules.decision import ConsentResult
from insatser_api.rules.situation import Situation

CONSENT_BASIS = "21 kap. 2 § SoL (2025:400)"
ADULT_AGE = 18
OWN_DECISION_AGE = 15

_GIVEN_TEXT = {
    True: "samtycke har lämnats",
    False: "vårdnadshavaren har inte samtyckt",
    None: "samtycke har inte angetts",
}


class ConsentRule:
    """Whether the vårdnadshavare's consent is needed, and whether it was given.

    `applicant`: a child applicant needs consent; from 15 it is not needed where the nämnd's
    lämplighetsprövning allows it. `participating_child` (Samarbetssamtal): the parents apply, and
    consent is needed only where the child takes part in the talks.
    """

    __slots__ = ("section", "subject", "without_consent_from_15")

    def __init__(
        self,
        subject: Literal["applicant", "participating_child"],
        without_consent_from_15: bool,
        section: str,
    ) -> None:
        self.subject = subject
        self.without_consent_from_15 = without_consent_from_15
        self.section = section

    def evaluate(self, situation: Situation) -> ConsentResult:
        given = situation.guardian_consent
        if self.subject == "participating_child":
            return self._for_participating_child(situation, given)
        age = situation.age()
        if age is None:
            return ConsentResult(
                None,
                given,
                CONSENT_BASIS,
                "Personens ålder är okänd: är personen under 18 år behövs vårdnadshavarens "
                f"samtycke ({CONSENT_BASIS}); {_GIVEN_TEXT[given]}.",
            )
        if age >= ADULT_AGE:
            return ConsentResult(
                False,
                given,
                CONSENT_BASIS,
                "Personen är vuxen; samtycke från vårdnadshavare behövs inte.",
            )
        if age >= OWN_DECISION_AGE and self.without_consent_from_15:
            return ConsentResult(
                False,
                given,
                CONSENT_BASIS,
                "Nämndens lämplighetsprövning: ungdomar 15–17 år får delta utan vårdnadshavarens "
                f"samtycke (bilagan avsnitt {self.section}; {CONSENT_BASIS}).",
            )
        return ConsentResult(
            True,
            given,
            CONSENT_BASIS,
            f"Barn under {OWN_DECISION_AGE if self.without_consent_from_15 else ADULT_AGE} år får "
            f"insatsen endast med vårdnadshavarens samtycke (bilagan avsnitt {self.section}; "
            f"{CONSENT_BASIS}); {_GIVEN_TEXT[given]}.",
        )

    def _for_participating_child(self, situation: Situation, given: bool | None) -> ConsentResult:
        participates = situation.fact("child.participates")
        if participates is True:
            return ConsentResult(
                True,
                given,
                CONSENT_BASIS,
                "Barnet deltar i samtalen, så vårdnadshavarens samtycke krävs (bilagan avsnitt "
                f"{self.section}; {CONSENT_BASIS}); {_GIVEN_TEXT[given]}.",
            )
        assumed = "" if participates is False else "Det är inte angivet att barnet deltar. "
        return ConsentResult(
            False,
            given,
            CONSENT_BASIS,
            f"{assumed}Samtycke behövs inte när barnet inte deltar i samtalen; deltar barnet krävs "
            f"vårdnadshavarens samtycke (bilagan avsnitt {self.section}; {CONSENT_BASIS}).",
        )
