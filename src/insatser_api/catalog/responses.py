"""What the catalogue endpoints answer: the catalogue as integrators read it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from insatser_api.catalog.schemas import (
    AgeBand,
    Aktualisering,
    Documentation,
    DocumentationMode,
    Insats,
    Kanal,
    Kommun,
    Tolkning,
)
from insatser_api.catalog.taxonomy import TaxonomyView
from insatser_api.catalog.vardkedja import vardkedja_of

# The models here are what the client reads, so this module imports only pydantic and the
# catalogue's schemas at load; the registry and the rules layer only where they are used.
if TYPE_CHECKING:
    from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion

LEDER_TILL = "Insatser som denna öppnar: deras villkor nämner den som tidigare insats"
FOREGAS_AV = "Insatser som öppnar denna: dess villkor nämner dem som tidigare insatser"


class CatalogInfo(BaseModel):
    kommun: Kommun
    version: str
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Sista dag versionen gäller; null = tills vidare")
    namnd: str
    decision_reference: str
    source_document: str
    source_file: str
    law: str
    insats_count: int
    digest: str
    tolkning: list[Tolkning]


class CatalogVersionInfo(BaseModel):
    version: str
    valid_from: dt.date
    valid_to: dt.date | None
    digest: str
    insats_count: int
    in_force: bool = Field(description="Om versionen gäller i dag")


class CatalogVersions(BaseModel):
    items: list[CatalogVersionInfo]


class FactQuestion(BaseModel):
    key: str = Field(description="Fältet i begäran, t.ex. facts.has_cra_behandlare")
    question: str


class ConditionView(BaseModel):
    code: str
    kind: str
    description: str
    source: str = Field(description="Avsnitt i bilagan som villkoret kommer ifrån")
    parameters: dict[str, Any]
    facts: list[FactQuestion]


class ConsentView(BaseModel):
    subject: str
    without_consent_from_15: bool
    text: str | None
    basis: str


class InsatsSummary(BaseModel):
    id: str
    section: str
    title: str
    sektor: str
    enhet: str
    malgrupp: str
    villkor: str
    documentation_mode: DocumentationMode
    kanaler: list[Kanal]
    taxonomy: TaxonomyView
    leder_till: list[str] = Field(description=LEDER_TILL)
    foregas_av: list[str] = Field(description=FOREGAS_AV)


class InsatsDetail(BaseModel):
    id: str
    section: str
    title: str
    heading: str = Field(description="Rubriken i bilagan, som den är skriven")
    sektor: str
    sektor_namn: str
    enhet: str
    malgrupp: str
    target_group_age_bands: list[AgeBand]
    villkor: str
    general_folkbokforing: bool
    conditions: list[ConditionView]
    motivering: str | None
    innehall: str
    aktualisering: Aktualisering
    consent: ConsentView
    documentation: Documentation
    tolkning: list[Tolkning]
    taxonomy: TaxonomyView
    leder_till: list[str] = Field(description=LEDER_TILL)
    foregas_av: list[str] = Field(description=FOREGAS_AV)
    catalog_version: str


def catalog_info(registry: CatalogRegistry, version: CatalogVersion) -> CatalogInfo:
    catalog = version.catalog
    return CatalogInfo(
        kommun=catalog.kommun,
        version=catalog.version,
        valid_from=catalog.valid_from,
        valid_to=registry.valid_to(version),
        namnd=catalog.source.namnd,
        decision_reference=catalog.source.decision_reference,
        source_document=catalog.source.title,
        source_file=catalog.source.file,
        law=catalog.source.law,
        insats_count=len(catalog.insatser),
        digest=version.digest,
        tolkning=catalog.tolkning,
    )


def catalog_versions(registry: CatalogRegistry, today: dt.date) -> CatalogVersions:
    try:
        current = registry.in_force(today)
    except LookupError:
        current = None
    return CatalogVersions(
        items=[
            CatalogVersionInfo(
                version=v.version,
                valid_from=v.catalog.valid_from,
                valid_to=registry.valid_to(v),
                digest=v.digest,
                insats_count=len(v.catalog.insatser),
                in_force=v is current,
            )
            for v in registry.versions
        ]
    )


def taxonomy_view(insats: Insats) -> TaxonomyView:
    taxonomy = insats.taxonomy
    return TaxonomyView(typ=taxonomy.typ, fokus=taxonomy.fokus, vardkedja=taxonomy.vardkedja)


def insats_summary(version: CatalogVersion, insats: Insats) -> InsatsSummary:
    chain = vardkedja_of(version.catalog)
    return InsatsSummary(
        id=insats.id,
        section=insats.section,
        title=insats.title,
        sektor=insats.sektor,
        enhet=insats.enhet,
        malgrupp=insats.malgrupp.text,
        villkor=insats.villkor.text,
        documentation_mode=insats.documentation.mode,
        kanaler=[c.kanal for c in insats.aktualisering.kanaler],
        taxonomy=taxonomy_view(insats),
        leder_till=list(chain.leder_till[insats.id]),
        foregas_av=list(chain.foregas_av[insats.id]),
    )


def insats_detail(version: CatalogVersion, insats: Insats) -> InsatsDetail:
    from insatser_api.rules.consent import CONSENT_BASIS

    catalog = version.catalog
    chain = vardkedja_of(catalog)
    specs = catalog.conditions_of(insats)
    compiled = version.compiled.insatser[insats.id].conditions
    questions = {key.value: text for key, text in catalog.fact_questions.items()}
    sektor_namn = next(s.namn for s in catalog.sektorer if s.kod == insats.sektor)
    return InsatsDetail(
        id=insats.id,
        section=insats.section,
        title=insats.title,
        heading=insats.heading,
        sektor=insats.sektor,
        sektor_namn=sektor_namn,
        enhet=insats.enhet,
        malgrupp=insats.malgrupp.text,
        target_group_age_bands=insats.malgrupp.age_bands,
        villkor=insats.villkor.text,
        general_folkbokforing=insats.villkor.general_folkbokforing,
        conditions=[
            ConditionView(
                code=spec.code,
                kind=spec.kind,
                description=spec.description,
                source=condition.source,
                parameters=spec.model_dump(
                    mode="json", exclude={"code", "kind", "description", "source"}
                ),
                facts=[FactQuestion(key=k, question=questions[k]) for k in condition.fact_keys],
            )
            for spec, condition in zip(specs, compiled, strict=True)
        ],
        motivering=insats.motivering,
        innehall=insats.innehall,
        aktualisering=insats.aktualisering,
        consent=ConsentView(
            subject=insats.consent.subject,
            without_consent_from_15=insats.consent.without_consent_from_15,
            text=insats.consent.text,
            basis=CONSENT_BASIS,
        ),
        documentation=insats.documentation,
        # The classification's tolkning beside the others, where a handläggare looks for them.
        tolkning=[*insats.tolkning, *insats.taxonomy.tolkning],
        taxonomy=taxonomy_view(insats),
        leder_till=list(chain.leder_till[insats.id]),
        foregas_av=list(chain.foregas_av[insats.id]),
        catalog_version=catalog.version,
    )
