"""Pydantic models of a catalogue file (`catalog/<kommun>/<valid_from>.yaml`).

The catalogue says *which* conditions apply to an insats; the classes in
`insatser_api.rules.conditions` say *how* each kind is evaluated, and `compile.py` builds the
one from the other. The facts a condition may name are `rules.facts.FactKey`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from insatser_api.catalog.taxonomy import PERSON_FOKUS, PHASE_ORDER, Fas, Fokus, Typ
from insatser_api.facts import KOMMUNKOD_FACTS, YES_NO_FACTS, FactKey
from insatser_api.kit.schemas import StrictModel

KommunKod = Annotated[str, Field(pattern=r"^\d{4}$", description="Fyrsiffrig kommunkod (SCB)")]
InsatsId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Section = Annotated[str, Field(pattern=r"^\d+(\.\d+)*$", description="Avsnitt i bilagan")]


class DocumentationMode(StrEnum):
    """How carrying out the insats is documented (SoL 2025:400 14 kap.)."""

    INDIVIDUAL = "individual"  # 14 kap. 3 §
    ADVISORY = "advisory"  # 14 kap. 4 §
    DEIDENTIFIED = "deidentified"  # 14 kap. 5 §


class Kanal(StrEnum):
    """Channels of access named in the bilaga ("aktualiseras via ...")."""

    APP = "app"  # Appen Mitt val mitt stöd
    KUNDCENTER = "kundcenter"
    TELEFON = "telefon"
    FYSISKT = "fysiskt"  # på plats genom fysisk kontakt
    BEHANDLARE = "behandlare"
    SJALVREMISS = "sjalvremiss"
    KOORDINATOR = "koordinator"
    SAMVERKAN = "samverkan"  # via andra aktörer (socialsekreterare, Arbetsförmedlingen, ...)
    DIREKTKONTAKT = "direktkontakt"  # personen kontaktar enheten själv
    UPPSOKANDE = "uppsokande"  # enheten tar själv kontakt med personen


class _ConditionBase(StrictModel):
    code: Annotated[str, Field(pattern=r"^[a-z0-9_]+$", description="Maskinkod för villkoret")]
    description: str = Field(description="Villkoret i korthet, på svenska")
    source: Section | None = Field(
        default=None, description="Avsnitt i bilagan; utelämnat = insatsens eget avsnitt"
    )


class AgeCondition(_ConditionBase):
    """Age in completed years within [min_age, max_age], both ends inclusive."""

    kind: Literal["age"] = "age"
    min_age: int | None = Field(default=None, ge=0, le=130)
    max_age: int | None = Field(default=None, ge=0, le=130)

    @model_validator(mode="after")
    def _bounds(self) -> AgeCondition:
        if self.min_age is None and self.max_age is None:
            raise ValueError("ett åldersvillkor behöver min_age eller max_age")
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError("lägsta åldern (min_age) är större än den högsta (max_age)")
        return self


class KommunCondition(_ConditionBase):
    """A kommunkod fact (folkbokföring of applicant or child, a placement) equals `kommunkod`."""

    kind: Literal["kommun"] = "kommun"
    fact: FactKey
    kommunkod: KommunKod

    @model_validator(mode="after")
    def _kommun_fact(self) -> KommunCondition:
        if self.fact not in KOMMUNKOD_FACTS:
            raise ValueError(f"uppgiften {self.fact.value!r} är ingen kommunkod")
        return self


class YesNoCondition(_ConditionBase):
    """A yes/no fact the person states (no assessment is made): met when it equals `expected`."""

    kind: Literal["fact"] = "fact"
    fact: FactKey
    expected: bool = True
    insats_ids: list[InsatsId] = Field(
        default_factory=list,
        description="Insatser i katalogen som uppgiften gäller (vårdkedjan härleds härifrån)",
    )
    ongoing: bool = Field(
        default=False,
        description="Uppgiften gäller en pågående insats (annars en avslutad)",
    )

    @model_validator(mode="after")
    def _yes_no_fact(self) -> YesNoCondition:
        if self.fact not in YES_NO_FACTS:
            raise ValueError(f"uppgiften {self.fact.value!r} är ingen ja/nej-uppgift")
        return self


class EarlierInsatsCondition(_ConditionBase):
    """An earlier insats (by id or enhet) ended on or before as_of, at most `within_years` ago."""

    kind: Literal["earlier_insats"] = "earlier_insats"
    insats_ids: list[InsatsId] = Field(default_factory=list)
    enheter: list[str] = Field(
        default_factory=list, description="Insatser vid dessa enheter räknas också"
    )
    excluded_insats_ids: list[InsatsId] = Field(
        default_factory=list,
        description="Insatser som aldrig räknas, även om de hör till en angiven enhet (t.ex. "
        "boostern själv: en tidigare booster öppnar ingen ny)",
    )
    within_years: int = Field(ge=1, le=10)

    @model_validator(mode="after")
    def _names_something(self) -> EarlierInsatsCondition:
        if not self.insats_ids and not self.enheter:
            raise ValueError("ett villkor earlier_insats behöver insats_ids eller enheter")
        return self


class StayLimitCondition(_ConditionBase):
    """Akutboendet: without folkbokföring in `kommunkod`, a stay ends on the next vardag."""

    kind: Literal["stay_limit"] = "stay_limit"
    kommunkod: KommunKod


class AnyOfCondition(_ConditionBase):
    """Met when any part is met; not met only when every part is not met."""

    kind: Literal["any_of"] = "any_of"
    any_of: list[ConditionSpec] = Field(min_length=2)


ConditionSpec = Annotated[
    AgeCondition
    | KommunCondition
    | YesNoCondition
    | EarlierInsatsCondition
    | StayLimitCondition
    | AnyOfCondition,
    Field(discriminator="kind"),
]
AnyOfCondition.model_rebuild()


class AgeBand(StrictModel):
    """An age band stated in the målgrupp text: judged for a note only, never a refusal."""

    subject: Literal["applicant", "child"] = "applicant"
    min_age: int | None = Field(default=None, ge=0, le=130)
    max_age: int | None = Field(default=None, ge=0, le=130)


class Malgrupp(StrictModel):
    text: str = Field(description="Målgruppen som bilagan skriver den")
    age_bands: list[AgeBand] = Field(
        default_factory=list,
        description="Åldersband ur målgruppstexten; personen är inom målgruppen om något band passar",
    )


class Villkor(StrictModel):
    text: str = Field(description="Villkoren som bilagan skriver dem")
    general_folkbokforing: bool = Field(
        description="Om inledningens villkor om folkbokföring i kommunen gäller för insatsen"
    )
    conditions: list[ConditionSpec] = Field(default_factory=list)


class Channel(StrictModel):
    kanal: Kanal
    text: str = Field(description="Hur bilagan beskriver vägen in")
    max_age: int | None = Field(default=None, ge=0, le=130, description="Kanalen gäller upp till")


class Aktualisering(StrictModel):
    text: str | None = Field(description="Bilagans text om hur insatsen aktualiseras")
    kanaler: list[Channel] = Field(default_factory=list)


class Consent(StrictModel):
    """Vårdnadshavarens samtycke för barn (SoL 2025:400 21 kap. 2 §)."""

    subject: Literal["applicant", "participating_child"] = Field(
        default="applicant",
        description="applicant: den sökande om hen är barn; participating_child: barn som deltar",
    )
    without_consent_from_15: bool = Field(
        description="Lämplighetsprövning: ungdomar 15–17 år får delta utan samtycke"
    )
    text: str | None = Field(default=None, description="Bilagans text om samtycke")


class DocumentationTopic(StrictModel):
    """A topic a 14 kap. 4 or 5 § record may name instead of writing about the person."""

    code: Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=64)]
    text: str = Field(description="Ämnet på svenska")


class Documentation(StrictModel):
    mode: DocumentationMode
    legal_basis: str
    text: str = Field(description="Bilagans stycke Dokumentation")
    decision: str | None = Field(
        default=None, description="Nämndens beslut om undantag (krävs för 14 kap. 5 §)"
    )
    topics: list[DocumentationTopic] = Field(
        default_factory=list,
        description="Ämnen som en anteckning vid rådgivning (14 kap. 4 §) eller avidentifierad "
        "dokumentation (14 kap. 5 §) väljer bland; tom lista: anteckningen anger inget ämne",
    )

    @model_validator(mode="after")
    def _topics_only_without_identity(self) -> Documentation:
        if self.topics and self.mode is DocumentationMode.INDIVIDUAL:
            raise ValueError("topics are only declared for modes advisory and deidentified")
        codes = [topic.code for topic in self.topics]
        if len(codes) != len(set(codes)):
            raise ValueError("topic codes are not unique")
        return self

    @model_validator(mode="after")
    def _deidentified_needs_decision(self) -> Documentation:
        if self.mode is DocumentationMode.DEIDENTIFIED and not self.decision:
            raise ValueError(
                "dokumentationssättet deidentified kräver nämndens beslut i decision (14 kap. 5 §)"
            )
        if self.mode is not DocumentationMode.DEIDENTIFIED and self.decision:
            raise ValueError(
                "nämndens beslut (decision) anges bara för mode deidentified (14 kap. 5 §)"
            )
        return self


class Tolkning(StrictModel):
    """An interpretation the product made where the bilaga is ambiguous or silent."""

    topic: str
    text: str
    basis: str = Field(description="Var valet kommer ifrån, t.ex. rules.md eller lagrum")


class Taxonomy(StrictModel):
    """What kind of insats it is, whom it is for and its phase in a vårdkedja (api.md)."""

    typ: Typ
    fokus: list[Fokus] = Field(min_length=1)
    vardkedja: list[Fas] = Field(
        default_factory=list, description="Faser i vårdkedjan; tom = ingen behandlingskedja"
    )
    tolkning: list[Tolkning] = Field(
        default_factory=list, description="Varför insatsen klassats så, där bilagan inte säger det"
    )

    @model_validator(mode="after")
    def _codes(self) -> Taxonomy:
        if len(set(self.fokus)) != len(self.fokus):
            raise ValueError("fokus nämner samma kod två gånger")
        if not PERSON_FOKUS.intersection(self.fokus):
            raise ValueError(
                "fokus behöver minst en grupp människor (vuxna, barn_unga, foraldrar, …)"
            )
        phases = [PHASE_ORDER[fas] for fas in self.vardkedja]
        if phases != sorted(set(phases)):
            raise ValueError("vardkedja ska nämna varje fas en gång, i vårdkedjans ordning")
        return self


class Insats(StrictModel):
    id: InsatsId
    section: Section
    title: str = Field(description="Insatsens namn (rules.md, tabellen över insatser och id)")
    heading: str = Field(description="Rubriken i bilagan, som den är skriven")
    sektor: str = Field(description="Sektorns kortnamn: KAF, BUV eller Öppenvård")
    enhet: str
    malgrupp: Malgrupp
    villkor: Villkor
    motivering: str | None
    innehall: str
    aktualisering: Aktualisering
    consent: Consent
    documentation: Documentation
    tolkning: list[Tolkning] = Field(default_factory=list)
    taxonomy: Taxonomy


class Kommun(StrictModel):
    kod: KommunKod
    namn: str


class Sektor(StrictModel):
    kod: str
    namn: str
    section: Section


class SourceDocument(StrictModel):
    title: str
    file: str
    namnd: str
    decision_reference: str = Field(description="Nämndens beslut som bilagan hör till")
    law: str


class Catalog(StrictModel):
    """One version of a kommun's catalogue, in force from `valid_from`."""

    schema_version: Literal[1] = 1
    kommun: Kommun
    version: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}(\.\d+)?$")
    valid_from: dt.date
    source: SourceDocument
    sektorer: list[Sektor]
    general_villkor: list[ConditionSpec] = Field(
        description="Inledningens villkor, som gäller varje insats med general_folkbokforing"
    )
    fact_questions: dict[FactKey, str] = Field(
        description="Frågetext på svenska för varje uppgift som ett villkor kan behöva"
    )
    tolkning: list[Tolkning] = Field(default_factory=list)
    insatser: list[Insats] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        ids = [insats.id for insats in self.insatser]
        # Counter and one set: linear in the catalogue's size (2,800 insatser in the bench).
        duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
        known = set(ids)
        if duplicates:
            raise ValueError(f"insats-id som förekommer mer än en gång: {', '.join(duplicates)}")
        sektor_codes = {s.kod for s in self.sektorer}
        for insats in self.insatser:
            if insats.sektor not in sektor_codes:
                raise ValueError(f"insats {insats.id!r}: okänd sektor {insats.sektor!r}")
            codes = [c.code for c in self.conditions_of(insats)]
            if len(codes) != len(set(codes)):
                raise ValueError(f"insats {insats.id!r}: villkorens koder är inte unika")
            for spec in _flatten(insats.villkor.conditions):
                if isinstance(spec, EarlierInsatsCondition | YesNoCondition):
                    named = set(spec.insats_ids)
                    if isinstance(spec, EarlierInsatsCondition):
                        named |= set(spec.excluded_insats_ids)
                    unknown = sorted(named - known)
                    if unknown:
                        raise ValueError(
                            f"insats {insats.id!r}: {spec.kind} nämner okända insatser: "
                            + ", ".join(unknown)
                        )
        missing = sorted(k.value for k in FactKey if k not in self.fact_questions)
        if missing:
            raise ValueError(f"frågetext saknas i fact_questions för: {', '.join(missing)}")
        return self

    def conditions_of(self, insats: Insats) -> list[ConditionSpec]:
        """The insats' own conditions, then the inledning's where they apply to it."""
        own = list(insats.villkor.conditions)
        return own + self.general_villkor if insats.villkor.general_folkbokforing else own


def _flatten(specs: list[ConditionSpec]) -> list[ConditionSpec]:
    flat: list[ConditionSpec] = []
    for spec in specs:
        flat.append(spec)
        if isinstance(spec, AnyOfCondition):
            flat.extend(_flatten(spec.any_of))
    return flat
