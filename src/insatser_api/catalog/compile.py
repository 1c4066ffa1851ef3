"""Compiling a validated catalogue into the rules layer's objects (done once, at load).

Here, above both: the catalogue's models know nothing of how conditions are evaluated, and the
rules layer nothing of the catalogue's file format. Each condition kind of `schemas.py` has one
builder below (adding a kind: docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from insatser_api.catalog.schemas import (
    AgeCondition,
    AnyOfCondition,
    Catalog,
    ConditionSpec,
    EarlierInsatsCondition,
    Insats,
    Kommun,
    KommunCondition,
    StayLimitCondition,
    YesNoCondition,
)
from insatser_api.rules.conditions import (
    AgeRange,
    AnyOf,
    Condition,
    EarlierInsats,
    InKommun,
    StayLimit,
    YesNoFact,
)
from insatser_api.rules.consent import ConsentRule
from insatser_api.rules.engine import CompiledCatalog, CompiledInsats, information_11_kap_6
from insatser_api.rules.target_group import AgeBand, TargetGroup


@dataclass(frozen=True, slots=True)
class _Context:
    """What a builder may need beyond its spec: each insats' enhet (earlier insatser) and the
    catalogue's kommun, named in what a villkor says would change an answer."""

    enhet_of: Mapping[str, str]
    kommun: Kommun

    def place(self, kommunkod: str) -> str:
        if kommunkod == self.kommun.kod:
            return self.kommun.namn
        return f"kommunen med kommunkod {kommunkod}"


_Builder = Callable[[ConditionSpec, str, _Context], Condition]


def _age(spec: ConditionSpec, source: str, _: _Context) -> Condition:
    assert isinstance(spec, AgeCondition)
    return AgeRange(spec.code, spec.description, source, spec.min_age, spec.max_age)


def _kommun(spec: ConditionSpec, source: str, _: _Context) -> Condition:
    assert isinstance(spec, KommunCondition)
    return InKommun(spec.code, spec.description, source, spec.fact, spec.kommunkod)


def _yes_no(spec: ConditionSpec, source: str, _: _Context) -> Condition:
    assert isinstance(spec, YesNoCondition)
    return YesNoFact(spec.code, spec.description, source, spec.fact, spec.expected)


def _earlier(spec: ConditionSpec, source: str, context: _Context) -> Condition:
    assert isinstance(spec, EarlierInsatsCondition)
    return EarlierInsats(
        spec.code,
        spec.description,
        source,
        spec.insats_ids,
        spec.enheter,
        spec.within_years,
        context.enhet_of,
        excluded=spec.excluded_insats_ids,
    )


def _stay(spec: ConditionSpec, source: str, context: _Context) -> Condition:
    assert isinstance(spec, StayLimitCondition)
    place = context.place(spec.kommunkod)
    return StayLimit(spec.code, spec.description, source, spec.kommunkod, place)


def _any_of(spec: ConditionSpec, source: str, context: _Context) -> Condition:
    assert isinstance(spec, AnyOfCondition)
    parts = [build_condition(part, source, context) for part in spec.any_of]
    return AnyOf(spec.code, spec.description, source, parts)


# One entry per condition kind of the catalogue schema.
_BUILDERS: dict[type[object], _Builder] = {
    AgeCondition: _age,
    KommunCondition: _kommun,
    YesNoCondition: _yes_no,
    EarlierInsatsCondition: _earlier,
    StayLimitCondition: _stay,
    AnyOfCondition: _any_of,
}


def build_condition(spec: ConditionSpec, default_source: str, context: _Context) -> Condition:
    return _BUILDERS[type(spec)](spec, spec.source or default_source, context)


def compile_catalog(catalog: Catalog) -> CompiledCatalog:
    context = _Context({insats.id: insats.enhet for insats in catalog.insatser}, catalog.kommun)
    information = information_11_kap_6(catalog.kommun.namn)
    insatser = {
        insats.id: _compile_insats(catalog, insats, context, information)
        for insats in catalog.insatser
    }
    return CompiledCatalog(
        version=catalog.version,
        valid_from=catalog.valid_from,
        kommun_kod=catalog.kommun.kod,
        kommun_namn=catalog.kommun.namn,
        insatser=insatser,
        fact_order={key.value: index for index, key in enumerate(catalog.fact_questions)},
    )


def _compile_insats(
    catalog: Catalog, insats: Insats, context: _Context, information: str
) -> CompiledInsats:
    return CompiledInsats(
        insats_id=insats.id,
        section=insats.section,
        catalog_version=catalog.version,
        conditions=[
            build_condition(spec, insats.section, context) for spec in catalog.conditions_of(insats)
        ],
        consent=ConsentRule(
            insats.consent.subject,
            insats.consent.without_consent_from_15,
            # The section is cited only where the entry itself speaks of consent.
            insats.section if insats.consent.text else None,
        ),
        target_group=TargetGroup(
            insats.malgrupp.text,
            tuple(AgeBand(b.subject, b.min_age, b.max_age) for b in insats.malgrupp.age_bands),
        ),
        information=information,
    )
