"""Vårdnadshavarens samtycke (SoL 2025:400 21 kap. 2 §) and the bilaga's lämplighetsprövning."""

from __future__ import annotations

from typing import Literal

from insatser_api.rules.facts import FactKey
from insatser_api.rules.results import ConsentResult
from insatser_api.rules.situation import Situation

CONSENT_BASIS = "21 kap. 2 § SoL (2025:400)"
ADULT_AGE = 18
OWN_DECISION_AGE = 15

_GIVEN_TEXT = {
    True: "samtycke har lämnats",
    False: "vårdnadshavaren har inte samtyckt",
    None: "samtycke har inte angetts",
}
# The cases that decide an answer: the applicant's age group ("unknown", "adult",
# "own_decision", "child"), or whether the child takes part in the talks:
_PARTICIPATION = ("yes", "no", "unstated")


class ConsentRule:
    """Whether the vårdnadshavare's consent is needed, and whether it was given.

    `applicant`: a child applicant needs consent; from 15 it is not needed where the nämnd's
    lämplighetsprövning allows it. `participating_child` (Samarbetssamtal): the parents apply, and
    consent is needed only where the child takes part in the talks.

    Every answer depends only on which case applies and on `guardian_consent`.
    """

    __slots__ = ("_answers", "section", "subject", "without_consent_from_15")

    def __init__(
        self,
        subject: Literal["applicant", "participating_child"],
        without_consent_from_15: bool,
        section: str,
    ) -> None:
        self.subject = subject
        self.without_consent_from_15 = without_consent_from_15
        self.section = section
        self._answers: dict[tuple[str, bool | None], ConsentResult] = {}

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        """The facts the answer depends on."""
        if self.subject == "participating_child":
            return (FactKey.CHILD_PARTICIPATES, FactKey.GUARDIAN_CONSENT)
        return (FactKey.APPLICANT_AGE, FactKey.GUARDIAN_CONSENT)

    def evaluate(self, situation: Situation) -> ConsentResult:
        if self.subject == "participating_child":
            participates = situation.child.participates
            case = "yes" if participates is True else "no" if participates is False else "unstated"
        else:
            case = self._age_group(situation.applicant.age)
        given = situation.guardian_consent
        # One answer per case and consent, built the first time it is needed.
        answer = self._answers.get((case, given))
        if answer is None:
            answer = self._answers[case, given] = self._answer(case, given)
        return answer

    def _age_group(self, age: int | None) -> str:
        if age is None:
            return "unknown"
        if age >= ADULT_AGE:
            return "adult"
        if age >= OWN_DECISION_AGE and self.without_consent_from_15:
            return "own_decision"
        return "child"

    def _answer(self, case: str, given: bool | None) -> ConsentResult:
        if case in _PARTICIPATION:
            return self._for_participating_child(case, given)
        return self._for_applicant(case, given)

    def _for_applicant(self, age_group: str, given: bool | None) -> ConsentResult:
        if age_group == "unknown":
            return ConsentResult(
                None,
                given,
                CONSENT_BASIS,
                "Personens ålder är okänd: är personen under 18 år behövs vårdnadshavarens "
                f"samtycke ({CONSENT_BASIS}); {_GIVEN_TEXT[given]}.",
            )
        if age_group == "adult":
            return ConsentResult(
                False,
                given,
                CONSENT_BASIS,
                "Personen är vuxen; samtycke från vårdnadshavare behövs inte.",
            )
        if age_group == "own_decision":
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

    def _for_participating_child(self, participates: str, given: bool | None) -> ConsentResult:
        if participates == "yes":
            return ConsentResult(
                True,
                given,
                CONSENT_BASIS,
                "Barnet deltar i samtalen, så vårdnadshavarens samtycke krävs (bilagan avsnitt "
                f"{self.section}; {CONSENT_BASIS}); {_GIVEN_TEXT[given]}.",
            )
        assumed = "" if participates == "no" else "Det är inte angivet att barnet deltar. "
        return ConsentResult(
            False,
            given,
            CONSENT_BASIS,
            f"{assumed}Samtycke behövs inte när barnet inte deltar i samtalen; deltar barnet krävs "
            f"vårdnadshavarens samtycke (bilagan avsnitt {self.section}; {CONSENT_BASIS}).",
        )
