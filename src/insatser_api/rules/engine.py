"""Compiled insatser: conditions built once at catalogue load, judged per request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.rules.conditions import APPLICANT_AGE, Condition, StayLimit
from insatser_api.rules.consent import ConsentRule
from insatser_api.rules.decision import (
    ConditionResult,
    Decision,
    Outcome,
    Status,
    StayLimitResult,
)
from insatser_api.rules.situation import Situation
from insatser_api.rules.target_group import TargetGroup


def information_11_kap_6(kommun_namn: str) -> str:
    """What every refusal must tell the person (SoL 2025:400 11 kap. 6 §)."""
    return (
        "Du kan alltid ansöka om insatser och få ditt behov prövat enligt 11 kap. 1 § "
        f"socialtjänstlagen (2025:400). Kontakta socialtjänsten i {kommun_namn} för att ansöka. "
        "(Information enligt 11 kap. 6 § socialtjänstlagen (2025:400).)"
    )


@dataclass(frozen=True, slots=True)
class DocumentationRule:
    mode: DocumentationMode
    legal_basis: str
    text: str
    decision: str | None


class CompiledInsats:
    """One insats, ready to judge: its conditions, consent rule, målgrupp and documentation."""

    __slots__ = (
        "catalog_version",
        "conditions",
        "consent",
        "documentation",
        "id",
        "information",
        "section",
        "stay_limit_index",
        "target_group",
    )

    def __init__(
        self,
        *,
        insats_id: str,
        section: str,
        catalog_version: str,
        conditions: Iterable[Condition],
        consent: ConsentRule,
        target_group: TargetGroup,
        documentation: DocumentationRule,
        information: str,
    ) -> None:
        self.id = insats_id
        self.section = section
        self.catalog_version = catalog_version
        self.conditions = tuple(conditions)
        self.consent = consent
        self.target_group = target_group
        self.documentation = documentation
        self.information = information
        # Which condition, if any, limits a stay (Akutboendet): found once, not per request.
        self.stay_limit_index = next(
            (i for i, c in enumerate(self.conditions) if isinstance(c, StayLimit)), None
        )

    def judge(self, situation: Situation) -> Decision:
        results = tuple(condition.evaluate(situation) for condition in self.conditions)
        consent = self.consent.evaluate(situation)
        refused_consent = consent.required is True and consent.given is False
        missing: tuple[str, ...] = ()
        if refused_consent or any(r.status is Status.NOT_MET for r in results):
            outcome = Outcome.NOT_ELIGIBLE
        else:
            missing = tuple(dict.fromkeys(k for r in results for k in r.missing))
            # Unknown age decides whether consent is needed (rules.md, Edge decisions).
            if (
                consent.required is None
                and consent.given is not True
                and APPLICANT_AGE not in missing
            ):
                missing = (*missing, APPLICANT_AGE)
            if missing:
                outcome = Outcome.NEEDS_INFORMATION
            elif consent.required and consent.given is not True:
                outcome = Outcome.REQUIRES_GUARDIAN_CONSENT
            else:
                outcome = Outcome.ELIGIBLE
        return Decision(
            insats_id=self.id,
            catalog_version=self.catalog_version,
            as_of=situation.as_of,
            outcome=outcome,
            conditions=results,
            missing_facts=missing,
            consent=consent,
            target_group=self.target_group.evaluate(situation),
            stay_limit=self._stay_limit(results),
            information=self.information if outcome is Outcome.NOT_ELIGIBLE else None,
        )

    def _stay_limit(self, results: tuple[ConditionResult, ...]) -> StayLimitResult | None:
        if self.stay_limit_index is None:
            return None
        result = results[self.stay_limit_index]
        return StayLimitResult(result.stay_limit, result.message)


@dataclass(frozen=True, slots=True)
class CompiledCatalog:
    version: str
    valid_from: dt.date
    kommun_kod: str
    kommun_namn: str
    insatser: Mapping[str, CompiledInsats]
    fact_order: Mapping[str, int]

    def judge_all(
        self, situation: Situation, insats_ids: Iterable[str] | None = None
    ) -> list[Decision]:
        chosen = (
            self.insatser.values() if insats_ids is None else (self.insatser[i] for i in insats_ids)
        )
        return [insats.judge(situation) for insats in chosen]

    def ordered_facts(self, keys: Iterable[str]) -> list[str]:
        """Fact keys in the catalogue's question order, each once."""
        last = len(self.fact_order)
        return sorted(set(keys), key=lambda key: (self.fact_order.get(key, last), key))
