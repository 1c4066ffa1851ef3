"""The vårdkedja, derived from the catalogue: which insats opens which.

A link is never written down on its own. It is read from the conditions of the insats it leads
to: an `earlier_insats` condition (the insatser it names, and every insats at the enheter it
names), or a yes/no fact that says which insatser it is about (`insats_ids`, e.g. "has a
CRA-behandlare" is about CRA-primärbehandling). So `leder_till`, `foregas_av`, the graph of
`GET /v1/vardkedja` and the successors named in an eligibility answer cannot disagree with the
conditions that are judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from insatser_api.catalog.schemas import (
    AnyOfCondition,
    Catalog,
    ConditionSpec,
    EarlierInsatsCondition,
    Insats,
    YesNoCondition,
)
from insatser_api.catalog.taxonomy import Fas

Opens = Literal["after_end", "while_ongoing"]

_YEARS = {1: "ett år", 2: "två år", 3: "tre år", 4: "fyra år", 5: "fem år"}


@dataclass(frozen=True, slots=True)
class Link:
    """`source` opens `target` by the target's condition `condition`."""

    source: str
    target: str
    condition: str
    opens: Opens
    within_years: int | None

    @property
    def text(self) -> str:
        """When the link opens, in Swedish: "inom ett år efter avslutad insats"."""
        if self.opens == "while_ongoing":
            return "medan insatsen pågår"
        if self.within_years is None:
            return "efter avslutad insats"
        return f"inom {years(self.within_years)} efter avslutad insats"


@dataclass(frozen=True, slots=True)
class Vardkedja:
    links: tuple[Link, ...]
    leder_till: Mapping[str, tuple[str, ...]]
    foregas_av: Mapping[str, tuple[str, ...]]
    # What each insats opens, as an eligibility answer names it: built once with the chain,
    # because an eligible answer asks for it on the hot path.
    successors: Mapping[str, tuple[Successor, ...]]
    successors_json: Mapping[str, tuple[dict[str, object], ...]]


def years(count: int) -> str:
    return _YEARS.get(count, f"{count} år")


def derive(catalog: Catalog) -> Vardkedja:
    """Every link of the catalogue, in catalogue order of the insats it leads to."""
    by_enhet: dict[str, list[str]] = {}
    for insats in catalog.insatser:
        by_enhet.setdefault(insats.enhet.casefold(), []).append(insats.id)
    order = {insats.id: index for index, insats in enumerate(catalog.insatser)}
    links: list[Link] = []
    seen: set[tuple[str, str, str]] = set()
    for insats in catalog.insatser:
        for link in _links_into(insats, by_enhet, order):
            key = (link.source, link.target, link.condition)
            if key not in seen:
                seen.add(key)
                links.append(link)
    leder_till: dict[str, list[str]] = {i.id: [] for i in catalog.insatser}
    foregas_av: dict[str, list[str]] = {i.id: [] for i in catalog.insatser}
    out_of: dict[str, list[Link]] = {i.id: [] for i in catalog.insatser}
    for link in links:
        if link.target not in leder_till[link.source]:
            leder_till[link.source].append(link.target)
        if link.source not in foregas_av[link.target]:
            foregas_av[link.target].append(link.source)
        out_of[link.source].append(link)
    for ids in (*leder_till.values(), *foregas_av.values()):
        ids.sort(key=order.__getitem__)
    by_id = {insats.id: insats for insats in catalog.insatser}
    successors = {
        source: tuple(
            _successor(by_id[source], by_id[link.target], link)
            for link in sorted(found, key=lambda link: order[link.target])
        )
        for source, found in out_of.items()
    }
    return Vardkedja(
        links=tuple(links),
        leder_till={k: tuple(v) for k, v in leder_till.items()},
        foregas_av={k: tuple(v) for k, v in foregas_av.items()},
        successors=successors,
        successors_json={
            k: tuple(s.model_dump(mode="json") for s in v) for k, v in successors.items()
        },
    )


def _links_into(
    insats: Insats, by_enhet: Mapping[str, Sequence[str]], order: Mapping[str, int]
) -> Iterator[Link]:
    # Only the insats' own conditions: the inledning's general ones name no insats.
    for spec in _walk(insats.villkor.conditions):
        if isinstance(spec, EarlierInsatsCondition):
            sources = set(spec.insats_ids)
            for enhet in spec.enheter:
                sources.update(by_enhet.get(enhet.casefold(), ()))
            opens: Opens = "after_end"
            within: int | None = spec.within_years
        elif isinstance(spec, YesNoCondition) and spec.expected:
            sources = set(spec.insats_ids)
            opens = "while_ongoing" if spec.ongoing else "after_end"
            within = None
        else:
            continue
        # Taking the same insats again is not a step in the chain.
        sources.discard(insats.id)
        for source in sorted(sources, key=order.__getitem__):
            yield Link(source, insats.id, spec.code, opens, within)


def _walk(specs: Sequence[ConditionSpec]) -> Iterator[ConditionSpec]:
    for spec in specs:
        yield spec
        if isinstance(spec, AnyOfCondition):
            yield from _walk(spec.any_of)


# Derived once per catalogue object. The catalogue is immutable and the entry holds it, so its
# id cannot be reused while the entry exists; a reload brings new catalogues, and the bound
# keeps old ones from piling up.
_DERIVED_LIMIT = 32
_derived: dict[int, tuple[Catalog, Vardkedja]] = {}


def vardkedja_of(catalog: Catalog) -> Vardkedja:
    entry = _derived.get(id(catalog))
    if entry is not None and entry[0] is catalog:
        return entry[1]
    chain = derive(catalog)
    if len(_derived) >= _DERIVED_LIMIT:
        _derived.clear()
    _derived[id(catalog)] = (catalog, chain)
    return chain


class Successor(BaseModel):
    """An insats that this one opens, as an eligibility answer names it."""

    insats_id: str
    title: str
    enhet: str
    condition: str = Field(
        description="Koden för villkoret hos efterföljaren som insatsen uppfyller"
    )
    opens: Opens = Field(
        description="after_end: efter avslutad insats; while_ongoing: medan insatsen pågår"
    )
    within_years: int | None = Field(
        description="Efterföljaren öppnar inom så många år efter avslutad insats; null = ingen "
        "tidsgräns"
    )
    text: str = Field(
        description="På svenska, t.ex. «När du har avslutat CRA-primärbehandling kan du inom ett "
        "år få Booster efter avslutad insats hos Nexus.» Efterföljarens övriga villkor gäller "
        "också."
    )


def successors_of(catalog: Catalog, insats_id: str) -> list[Successor]:
    """What `insats_id` opens, with when and on what condition; empty when nothing."""
    return list(vardkedja_of(catalog).successors.get(insats_id, ()))


def _successor(source: Insats, target: Insats, link: Link) -> Successor:
    if link.opens == "while_ongoing":
        text = f"Medan du går i {source.title} kan du få {target.title} hos {target.enhet}."
    elif link.within_years is None:
        text = f"När du har avslutat {source.title} kan du få {target.title} hos {target.enhet}."
    else:
        text = (
            f"När du har avslutat {source.title} kan du inom {years(link.within_years)} få "
            f"{target.title} hos {target.enhet}."
        )
    return Successor(
        insats_id=target.id,
        title=target.title,
        enhet=target.enhet,
        condition=link.condition,
        opens=link.opens,
        within_years=link.within_years,
        text=text,
    )


class VardkedjaNode(BaseModel):
    id: str
    title: str
    vardkedja: list[Fas] = Field(description="Faser i vårdkedjan; tom = ingen behandlingskedja")


class VardkedjaEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: str = Field(alias="from", description="Insatsen som öppnar")
    to: str = Field(description="Insatsen som öppnas")
    condition: str = Field(description="Koden för villkoret hos insatsen som öppnas")
    text: str = Field(description="När, på svenska, t.ex. «inom ett år efter avslutad insats»")


class VardkedjaGraph(BaseModel):
    nodes: list[VardkedjaNode]
    edges: list[VardkedjaEdge]
