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
_ASK_CONSENT = (FactKey.GUARDIAN_CONSENT,)
# Added to the participation case when the applying parent is under 18 (Samarbetssamtal).
_MINOR_PARENT = "+minor"


class ConsentRule:
    """Whether the vårdnadshavare's consent is needed, and whether it was given.

    `applicant`: a child applicant needs consent; from 15 it is not needed where the nämnd's
    lämplighetsprövning allows it. `participating_child` (Samarbetssamtal): the parents apply;
    consent is needed where the child takes part in the talks, and a parent under 18 is a child
    under 21 kap. 2 § who needs their own vårdnadshavare's consent (no lämplighetsprövning).
    That parent's age is read when stated, never asked for (rules.md, Consent for children).

    `section` is the bilaga's section when the entry itself speaks of consent or
    lämplighetsprövning, else None: a message cites the section only where it says something
    about consent (rules.md, Edge decisions).

    Every answer depends only on which case applies and on `guardian_consent`.
    """

    __slots__ = ("_answers", "_cited", "section", "subject", "without_consent_from_15")

    def __init__(
        self,
        subject: Literal["applicant", "participating_child"],
        without_consent_from_15: bool,
        section: str | None,
    ) -> None:
        self.subject = subject
        self.without_consent_from_15 = without_consent_from_15
        self.section = section
        self._cited = (
            f"bilagan avsnitt {section}; {CONSENT_BASIS}" if section is not None else CONSENT_BASIS
        )
        self._answers: dict[tuple[str, bool | None], ConsentResult] = {}

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        """The facts the answer depends on."""
        if self.subject == "participating_child":
            return (FactKey.CHILD_PARTICIPATES, FactKey.APPLICANT_AGE, FactKey.GUARDIAN_CONSENT)
        return (FactKey.APPLICANT_AGE, FactKey.GUARDIAN_CONSENT)

    def evaluate(self, situation: Situation) -> ConsentResult:
        if self.subject == "participating_child":
            participates = situation.child.participates
            case = "yes" if participates is True else "no" if participates is False else "unstated"
            age = situation.applicant.age
            if age is not None and age < ADULT_AGE:
                case += _MINOR_PARENT
        else:
            case = self._age_group(situation.applicant.age)
        given = situation.guardian_consent
        # One answer per case and consent, built the first time it is needed.
        answer = self._answers.get((case, given))
        if answer is None:
            answer = self._answers[case, given] = self._answer(case, given)
        return answer

    def not_deciding(self, given: bool | None) -> ConsentResult:
        """The answer where consent cannot decide the outcome: a villkor is not met, so the
        insats cannot be given whatever the vårdnadshavare says (rules.md, Edge decisions)."""
        answer = self._answers.get(("not_deciding", given))
        if answer is None:
            answer = self._answers["not_deciding", given] = ConsentResult(
                False,
                given,
                CONSENT_BASIS,
                "Samtycke prövas inte: ett villkor är inte uppfyllt, så insatsen kan inte ges "
                f"oavsett vårdnadshavarens samtycke ({CONSENT_BASIS}).",
            )
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
        if case.removesuffix(_MINOR_PARENT) in _PARTICIPATION:
            return self._for_parents(case, given)
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
                f"Personen är vuxen; samtycke från vårdnadshavare behövs inte ({CONSENT_BASIS}).",
            )
        if age_group == "own_decision":
            return ConsentResult(
                False,
                given,
                CONSENT_BASIS,
                "Nämndens lämplighetsprövning: ungdomar 15–17 år får delta utan vårdnadshavarens "
                f"samtycke ({self._cited}).",
            )
        return ConsentResult(
            True,
            given,
            CONSENT_BASIS,
            f"Barn under {OWN_DECISION_AGE if self.without_consent_from_15 else ADULT_AGE} år får "
            f"insatsen endast med vårdnadshavarens samtycke ({self._cited}); "
            f"{_GIVEN_TEXT[given]}.",
            _ASK_CONSENT if given is None else (),
        )

    def _for_parents(self, case: str, given: bool | None) -> ConsentResult:
        participates = case.removesuffix(_MINOR_PARENT)
        minor_parent = case.endswith(_MINOR_PARENT)
        if participates == "yes" or minor_parent:
            needed = []
            if participates == "yes":
                needed.append("barnet deltar i samtalen, så barnets vårdnadshavares samtycke krävs")
            if minor_parent:
                needed.append(
                    "föräldern är under 18 år och behöver sin egen vårdnadshavares samtycke"
                )
            reasons = " och ".join(needed)
            return ConsentResult(
                True,
                given,
                CONSENT_BASIS,
                f"{reasons[:1].upper()}{reasons[1:]} ({self._cited}); {_GIVEN_TEXT[given]}.",
                _ASK_CONSENT if given is None else (),
            )
        assumed = "" if participates == "no" else "Det är inte angivet att barnet deltar. "
        return ConsentResult(
            False,
            given,
            CONSENT_BASIS,
            f"{assumed}Samtycke behövs inte när barnet inte deltar i samtalen; deltar barnet krävs "
            f"vårdnadshavarens samtycke ({self._cited}).",
            # Whether the child takes part decides whether consent is needed (unless given).
            (FactKey.CHILD_PARTICIPATES,) if participates == "unstated" and given is None else (),
        )
