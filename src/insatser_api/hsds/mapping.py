"""The catalogue as HSDS 3.0 services: one service per insats.

- organization: the enhet that carries out the insats, whose `parent_organization_id` is the
  nämnd (an organization of its own); program: the sektor (KAF, BUV, Öppenvård) under the nämnd;
- eligibility_description: the målgrupp and the villkor as the bilaga writes them; minimum_age /
  maximum_age: the insats' own age condition (a villkor, never the målgrupp's age band);
- attributes: the taxonomy terms (typ, fokus, vardkedja) and the bilaga's section;
- contacts: the channels of access ("aktualiseras via"); service_areas: the kommun.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from insatser_api.catalog.schemas import AgeCondition, Catalog, Insats
from insatser_api.catalog.taxonomy import FAS_TERMS, FOKUS_TERMS, TYP_TERMS
from insatser_api.hsds.ids import hsds_id
from insatser_api.hsds.schemas import (
    HsdsAttribute,
    HsdsContact,
    HsdsOrganization,
    HsdsProgram,
    HsdsService,
    HsdsServiceArea,
    HsdsServiceBrief,
    HsdsTaxonomy,
    HsdsTaxonomyTerm,
)

TAXONOMY_VERSION = "1"


@dataclass(frozen=True, slots=True)
class _Dimension:
    code: str
    name: str
    description: str
    terms: dict[str, tuple[str, str]]


DIMENSIONS = (
    _Dimension(
        "typ",
        "Insatsens typ",
        "Vilket slags insats det är, efter tjänstemenyn i Örebro läns kartläggning av öppen "
        "missbruksvård (motiverande/rådgivande, behandlande, upprätthållande, sysselsättning, "
        "boende), med utredande och ekonomi tillagda.",
        {typ.value: term for typ, term in TYP_TERMS.items()},
    ),
    _Dimension(
        "fokus",
        "Insatsens fokus",
        "Vilka insatsen vänder sig till, och problemområdet där det finns ett.",
        {fokus.value: term for fokus, term in FOKUS_TERMS.items()},
    ),
    _Dimension(
        "vardkedja",
        "Fas i vårdkedjan",
        "Var i en behandlingskedja insatsen står, efter faserna hos Jordnära och Säviq "
        "(uppsökande, inslussning, primärbehandling, förlängd behandling, utslussning, "
        "eftervård).",
        {fas.value: term for fas, term in FAS_TERMS.items()},
    ),
)
_BY_CODE = {dimension.code: dimension for dimension in DIMENSIONS}
SOURCE_TAXONOMY = "kalla"


def service_id(catalog: Catalog, insats_id: str) -> uuid.UUID:
    return hsds_id(catalog.kommun.kod, "insats", insats_id)


def find_service(catalog: Catalog, wanted: uuid.UUID) -> Insats | None:
    return next((i for i in catalog.insatser if service_id(catalog, i.id) == wanted), None)


@dataclass(frozen=True, slots=True)
class ServiceQuery:
    """HSDS's `/services` filters, cumulative (AND); None = no filter. Ids are compared as
    written by the export (lower-case UUIDs), so an id that is not ours matches nothing."""

    organization_id: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None

    def matches(self, catalog: Catalog, insats: Insats) -> bool:
        kod = catalog.kommun.kod
        if self.organization_id is not None and self.organization_id.lower() not in {
            str(hsds_id(kod, "enhet", insats.enhet)),
            str(hsds_id(kod, "namnd")),
        }:
            return False
        codes = _codes(insats)
        if self.taxonomy_term_id is not None and self.taxonomy_term_id.lower() not in {
            str(hsds_id("taxonomy", dimension, code)) for dimension, code in codes
        }:
            return False
        return self.taxonomy_id is None or self.taxonomy_id.lower() in {
            str(hsds_id("taxonomy", dimension)) for dimension, _ in codes
        }


def service_brief(catalog: Catalog, insats: Insats) -> HsdsServiceBrief:
    organization = enhet_organization(catalog, insats.enhet)
    program = sektor_program(catalog, insats.sektor)
    minimum, maximum = _age_limits(insats)
    return HsdsServiceBrief(
        id=service_id(catalog, insats.id),
        organization_id=organization.id,
        program_id=program.id,
        name=insats.title,
        alternate_name=insats.heading if insats.heading != insats.title else None,
        description=insats.innehall,
        application_process=insats.aktualisering.text,
        eligibility_description=_eligibility(insats),
        minimum_age=minimum,
        maximum_age=maximum,
        organization=organization,
        program=program,
    )


def service_full(catalog: Catalog, insats: Insats) -> HsdsService:
    brief = service_brief(catalog, insats)
    return HsdsService(
        **dict(brief),
        contacts=[
            HsdsContact(
                id=hsds_id(catalog.kommun.kod, "insats", insats.id, "contact", channel.kanal),
                service_id=brief.id,
                organization_id=brief.organization_id,
                name=channel.text,
                department=insats.enhet,
            )
            for channel in insats.aktualisering.kanaler
        ],
        service_areas=[
            HsdsServiceArea(
                id=hsds_id(catalog.kommun.kod, "insats", insats.id, "service_area"),
                service_id=brief.id,
                name=catalog.kommun.namn,
                description=(
                    f"För personer som är folkbokförda i {catalog.kommun.namn} (bilagan, "
                    "avsnitt 1)."
                    if insats.villkor.general_folkbokforing
                    else f"Insatsens egna villkor gäller i stället för folkbokföring: "
                    f"{insats.villkor.text}"
                ),
            )
        ],
        attributes=list(_attributes(catalog, insats, brief.id)),
    )


def namnd_organization(catalog: Catalog) -> HsdsOrganization:
    return HsdsOrganization(
        id=hsds_id(catalog.kommun.kod, "namnd"),
        name=catalog.source.namnd,
        alternate_name=f"{catalog.source.namnd}, {catalog.kommun.namn}",
        description=f"Nämnden i {catalog.kommun.namn} som tillhandahåller insatserna utan "
        f"individuell behovsprövning ({catalog.source.law}, 11 kap. 5 §).",
    )


def enhet_organization(catalog: Catalog, enhet: str) -> HsdsOrganization:
    namnd = namnd_organization(catalog)
    return HsdsOrganization(
        id=hsds_id(catalog.kommun.kod, "enhet", enhet),
        name=enhet,
        alternate_name=f"{enhet}, {catalog.kommun.namn}",
        description=f"Enhet under {catalog.source.namnd} i {catalog.kommun.namn}.",
        parent_organization_id=namnd.id,
    )


def sektor_program(catalog: Catalog, sektor: str) -> HsdsProgram:
    found = next(s for s in catalog.sektorer if s.kod == sektor)
    return HsdsProgram(
        id=hsds_id(catalog.kommun.kod, "sektor", found.kod),
        organization_id=namnd_organization(catalog).id,
        name=found.namn,
        alternate_name=found.kod if found.kod != found.namn else None,
        description=f"Sektorn {found.namn} i {catalog.source.namnd}, bilagan avsnitt "
        f"{found.section}.",
    )


def taxonomy(dimension: str) -> HsdsTaxonomy:
    if dimension == SOURCE_TAXONOMY:
        return HsdsTaxonomy(
            id=hsds_id("taxonomy", SOURCE_TAXONOMY),
            name="Källa",
            description="Källdokumentet som en tjänst kommer ifrån; attributets värde är "
            "avsnittet i dokumentet.",
            version=TAXONOMY_VERSION,
        )
    found = _BY_CODE[dimension]
    return HsdsTaxonomy(
        id=hsds_id("taxonomy", found.code),
        name=found.name,
        description=found.description,
        version=TAXONOMY_VERSION,
    )


def taxonomy_term(dimension: str, code: str) -> HsdsTaxonomyTerm:
    detail = taxonomy(dimension)
    name, description = _BY_CODE[dimension].terms[code]
    return HsdsTaxonomyTerm(
        id=hsds_id("taxonomy", dimension, code),
        code=code,
        name=name,
        description=description,
        taxonomy=detail.name,
        taxonomy_id=detail.id,
        taxonomy_detail=detail,
    )


def _source_term(catalog: Catalog) -> HsdsTaxonomyTerm:
    detail = taxonomy(SOURCE_TAXONOMY)
    source = catalog.source
    return HsdsTaxonomyTerm(
        id=hsds_id("taxonomy", SOURCE_TAXONOMY, catalog.kommun.kod, source.file),
        code=source.file,
        name=source.title,
        description=f"{source.decision_reference} ({source.law}).",
        taxonomy=detail.name,
        taxonomy_id=detail.id,
        taxonomy_detail=detail,
    )


def _attributes(catalog: Catalog, insats: Insats, link_id: uuid.UUID) -> Iterator[HsdsAttribute]:
    kod = catalog.kommun.kod
    for dimension, code in _codes(insats):
        term = taxonomy_term(dimension, code)
        yield HsdsAttribute(
            id=hsds_id(kod, "insats", insats.id, "attribute", dimension, code),
            link_id=link_id,
            link_type=dimension,
            taxonomy_term_id=term.id,
            taxonomy_term=term,
        )
    source = _source_term(catalog)
    yield HsdsAttribute(
        id=hsds_id(kod, "insats", insats.id, "attribute", "source_section"),
        link_id=link_id,
        link_type="source_section",
        taxonomy_term_id=source.id,
        taxonomy_term=source,
        value=insats.section,
    )


def _codes(insats: Insats) -> list[tuple[str, str]]:
    """The insats' taxonomy as (dimension, code) pairs, in the order of its attributes."""
    return [
        ("typ", insats.taxonomy.typ.value),
        *(("fokus", fokus.value) for fokus in insats.taxonomy.fokus),
        *(("vardkedja", fas.value) for fas in insats.taxonomy.vardkedja),
    ]


def _age_limits(insats: Insats) -> tuple[int | None, int | None]:
    ages = [c for c in insats.villkor.conditions if isinstance(c, AgeCondition)]
    if not ages:
        return None, None
    lows = [c.min_age for c in ages if c.min_age is not None]
    highs = [c.max_age for c in ages if c.max_age is not None]
    return (max(lows) if lows else None), (min(highs) if highs else None)


def _eligibility(insats: Insats) -> str:
    return (
        f"Målgrupp: {_sentence(insats.malgrupp.text)} Villkor: {_sentence(insats.villkor.text)} "
        "Ingen nekas för att hen står utanför målgruppen; bara villkoren avgör "
        f"(bilagan, avsnitt 1 och {insats.section})."
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
