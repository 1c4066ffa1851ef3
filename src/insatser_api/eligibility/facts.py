"""`GET /v1/facts`: every fact the catalogue can ask, with its question and the answers a form
may send, at least one of them negative (api.md, Answers that drive a form).

Every question can be answered truthfully without inventing a value: a person with no child, a
child not placed outside the home, no earlier insatser, no CRA-behandlare. The answers are the
request's own shapes (eligibility/schemas.py), so they are written here, beside the request;
the questions are the catalogue's. An explicit negative is a known fact to the rules: it makes
a villkor not met (rules/facts.py), never unknown.

The applicant's age has no negative: everyone has an age, and the truthful answer is always at
hand (a personnummer, a birth date or an age, `type` "age").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends

from insatser_api.catalog.dependencies import CatalogDep
from insatser_api.catalog.examples import example
from insatser_api.catalog.registry import CatalogVersion
from insatser_api.eligibility.schemas import FactAnswer, FactItem, FactList, FactType
from insatser_api.facts import NO_KOMMUN, OTHER_KOMMUN, FactKey
from insatser_api.kit.errors import PROBLEM_RESPONSES
from insatser_api.security.dependencies import require_catalog_read
from insatser_api.security.errors import AUTH_RESPONSES


def _answer(request: dict[str, Any], means: str, negative: bool) -> FactAnswer:
    return FactAnswer(request=request, means=means, negative=negative)


def _in(group: str, name: str, value: object) -> dict[str, Any]:
    return {group: {name: value}}


_NO_CHILD = _answer({"child": {"exists": False}}, "Personen har inget barn", True)
_NOT_PLACED = _answer(
    {
        "facts": {
            "placed_outside_home_by_kommunkod": NO_KOMMUN,
            "placed_outside_home_in_kommunkod": NO_KOMMUN,
        }
    },
    "Barnet är inte placerat utanför det egna hemmet",
    True,
)
_YES_NO_MEANS = {
    FactKey.HAS_CRA_BEHANDLARE: ("Personen har en CRA-behandlare", "ingen CRA-behandlare"),
    FactKey.HAD_BOSTAD_FORST: ("Personen har haft Bostad Först", "inte haft Bostad Först"),
    FactKey.HAS_HYRESKONTRAKT_IN_KOMMUN: (
        "Personen har ett hyreskontrakt i {kommun}",
        "inget hyreskontrakt i {kommun}",
    ),
    FactKey.COMPLETED_12_STEP_PRIMARY: (
        "Personen har gått en 12-stegs primärbehandling",
        "inte gått någon 12-stegs primärbehandling",
    ),
}


def _kommun_answers(key: FactKey, kod: str, namn: str) -> list[FactAnswer]:
    group, _, name = key.value.partition(".")
    if key is FactKey.APPLICANT_FOLKBOKFORD:
        return [
            _answer(_in(group, name, kod), f"Personen är folkbokförd i {namn}", False),
            _answer(
                _in(group, name, OTHER_KOMMUN), "Personen är folkbokförd i en annan kommun", True
            ),
            _answer(
                _in(group, name, NO_KOMMUN),
                "Personen är inte folkbokförd i någon kommun (t.ex. bor utomlands)",
                True,
            ),
        ]
    if key is FactKey.CHILD_FOLKBOKFORD:
        return [
            _answer(_in(group, name, kod), f"Barnet är folkbokfört i {namn}", False),
            _answer(
                _in(group, name, OTHER_KOMMUN), "Barnet är folkbokfört i en annan kommun", True
            ),
            _answer(_in(group, name, NO_KOMMUN), "Barnet är inte folkbokfört i någon kommun", True),
            _NO_CHILD,
        ]
    by = key is FactKey.PLACED_BY_KOMMUNKOD
    return [
        _answer(
            _in(group, name, kod),
            f"Barnet är placerat utanför det egna hemmet {'av' if by else 'i'} {namn}",
            False,
        ),
        _answer(
            _in(group, name, OTHER_KOMMUN),
            f"Barnet är placerat {'av' if by else 'i'} en annan kommun",
            True,
        ),
        _NOT_PLACED,
    ]


def _yes_no(key: FactKey, namn: str) -> list[FactAnswer]:
    group, _, name = key.value.partition(".")
    yes, no = (text.format(kommun=namn) for text in _YES_NO_MEANS[key])
    return [
        _answer(_in(group, name, True), yes, False),
        _answer(_in(group, name, False), f"Personen har {no}", True),
    ]


def _fixed(key: FactKey) -> list[FactAnswer]:
    """The answers of the facts whose answers do not depend on the kommun."""
    table: dict[FactKey, Callable[[], list[FactAnswer]]] = {
        FactKey.APPLICANT_AGE: list,
        FactKey.CHILD_AGE: lambda: [_NO_CHILD],
        FactKey.CHILD_PARTICIPATES: lambda: [
            _answer({"child": {"participates": True}}, "Barnet deltar i samtalen", False),
            _answer({"child": {"participates": False}}, "Barnet deltar inte i samtalen", True),
            _NO_CHILD,
        ],
        FactKey.GUARDIAN_CONSENT: lambda: [
            _answer({"guardian_consent": True}, "Vårdnadshavaren har samtyckt", False),
            _answer({"guardian_consent": False}, "Vårdnadshavaren samtycker inte", True),
        ],
        FactKey.HISTORY: lambda: [
            _answer(
                {"history": []},
                "Personen har inte avslutat någon insats det senaste året",
                True,
            )
        ],
        FactKey.STAY_UNTIL: lambda: [
            _answer(
                {"stay_until": None},
                "Ingen vistelse längre än till nästa vardag efterfrågas",
                True,
            )
        ],
    }
    return table[key]()


TYPES: dict[FactKey, FactType] = {
    FactKey.APPLICANT_AGE: "age",
    FactKey.APPLICANT_FOLKBOKFORD: "kommunkod",
    FactKey.CHILD_AGE: "age",
    FactKey.CHILD_FOLKBOKFORD: "kommunkod",
    FactKey.CHILD_PARTICIPATES: "boolean",
    FactKey.GUARDIAN_CONSENT: "boolean",
    FactKey.HISTORY: "history",
    FactKey.STAY_UNTIL: "date",
    FactKey.HAS_CRA_BEHANDLARE: "boolean",
    FactKey.HAD_BOSTAD_FORST: "boolean",
    FactKey.HAS_HYRESKONTRAKT_IN_KOMMUN: "boolean",
    FactKey.COMPLETED_12_STEP_PRIMARY: "boolean",
    FactKey.PLACED_BY_KOMMUNKOD: "kommunkod",
    FactKey.PLACED_IN_KOMMUNKOD: "kommunkod",
}


def answers_for(key: FactKey, version: CatalogVersion) -> list[FactAnswer]:
    """The answers a form may send to the question of `key`, in the catalogue's kommun."""
    kommun = version.catalog.kommun
    if TYPES[key] == "kommunkod":
        return _kommun_answers(key, kommun.kod, kommun.namn)
    if key in _YES_NO_MEANS:
        return _yes_no(key, kommun.namn)
    return _fixed(key)


def fact_list(version: CatalogVersion) -> FactList:
    """Every fact the catalogue has a question for, in its question order."""
    return FactList(
        items=[
            FactItem(
                fact=key.value,
                question=question,
                type=TYPES[key],
                answers=answers_for(key, version),
            )
            for key, question in version.catalog.fact_questions.items()
        ]
    )


router = APIRouter(
    tags=["Katalog"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES},
    dependencies=[Depends(require_catalog_read)],
)


_EXAMPLE = {
    "items": [
        {
            "fact": "facts.has_cra_behandlare",
            "question": "Har personen en CRA-behandlare just nu?",
            "type": "boolean",
            "answers": [
                {
                    "request": {"facts": {"has_cra_behandlare": True}},
                    "means": "Personen har en CRA-behandlare",
                    "negative": False,
                },
                {
                    "request": {"facts": {"has_cra_behandlare": False}},
                    "means": "Personen har ingen CRA-behandlare",
                    "negative": True,
                },
            ],
        }
    ]
}


@router.get(
    "/v1/facts",
    responses=example(_EXAMPLE),
    summary="Uppgifterna som katalogen kan fråga efter",
    description="Varje uppgift med frågetext, typ och de svar ett formulär kan skicka, minst "
    "ett nej-svar per uppgift (inget barn, inte placerad, inga tidigare insatser, ingen "
    "CRA-behandlare …). Ett svar är JSON att slå ihop med begäran. Den sökandes ålder har "
    "inget nej-svar: alla har en ålder. `as_of` väljer katalogversion.",
)
async def list_facts(version: CatalogDep) -> FactList:
    return fact_list(version)
