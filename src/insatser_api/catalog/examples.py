"""Response examples for the catalogue endpoints' documentation (taken from real answers on
the 2025-07-01 catalogue, shortened)."""

from __future__ import annotations

from typing import Any

_DIGEST = "sha256:6e63c260f4f1516451c16dc500681d1435c2d82c548107dfa2b170a4c514fd4f"

CATALOG: dict[str, Any] = {
    "kommun": {"kod": "2380", "namn": "Östersunds kommun"},
    "version": "2025-07-01",
    "valid_from": "2025-07-01",
    "valid_to": None,
    "namnd": "Social- och arbetsmarknadsnämnden",
    "decision_reference": "Social- och arbetsmarknadsnämndens beslut om insatser utan "
    "behovsprövning från och med den 1 juli 2025, bilaga 1",
    "source_document": "Bilaga 1; Insatser som social- och arbetsmarknadsnämnden "
    "tillhandahåller utan behovsprövning",
    "source_file": "ostersund-bilaga-1-insatser-utan-behovsprovning.txt",
    "law": "Socialtjänstlag (2025:400)",
    "insats_count": 28,
    "digest": _DIGEST,
    "tolkning": [
        {
            "topic": "folkbokforing",
            "text": "Inledningen säger att insatserna riktar sig till personer som är "
            "folkbokförda i Östersunds kommun. Det läses som ett villkor för varje insats, om "
            "inte insatsen själv anger en annan regel.",
            "basis": "rules.md, Folkbokföring; bilagan avsnitt 1",
        }
    ],
}

VERSIONS: dict[str, Any] = {
    "items": [
        {
            "version": "2025-07-01",
            "valid_from": "2025-07-01",
            "valid_to": None,
            "digest": _DIGEST,
            "insats_count": 28,
            "in_force": True,
        }
    ]
}

INSATS_PAGE: dict[str, Any] = {
    "items": [
        {
            "id": "stodsamtal-foraldraroll",
            "section": "4.4.1",
            "title": "Enskilda stödsamtal i föräldraroll",
            "sektor": "Öppenvård",
            "enhet": "Familjelotsen",
            "malgrupp": "Föräldrar (eller annan viktig vuxen) till barn 0-17år som behöver "
            "stödsamtal i sitt föräldraskap.",
            "villkor": "Folkbokförd i Östersunds kommun.",
            "documentation_mode": "individual",
            "kanaler": ["telefon", "kundcenter", "app", "fysiskt"],
            "taxonomy": {"typ": "behandlande", "fokus": ["foraldrar"], "vardkedja": []},
            "leder_till": [],
            "foregas_av": [],
        }
    ],
    "total_items": 16,
    "page": 1,
    "per_page": 1,
}

INSATS: dict[str, Any] = {
    "id": "f-cra",
    "section": "4.5.4",
    "title": "Förstärkt CRA (F-CRA)",
    "heading": "Förstärkt CRA (F-CRA)",
    "sektor": "Öppenvård",
    "sektor_namn": "Öppenvård",
    "enhet": "Nexus",
    "malgrupp": "Insatsens målgrupp är personer som har fyllt 18 år eller äldre och samtidigt "
    "har en CRA-behandlare",
    "target_group_age_bands": [{"subject": "applicant", "min_age": 18, "max_age": None}],
    "villkor": "Personer som 18 år och har en CRA-behandlare.",
    "general_folkbokforing": True,
    "conditions": [
        {
            "code": "has_cra_behandlare",
            "kind": "fact",
            "description": "Har en CRA-behandlare",
            "source": "4.5.4",
            "parameters": {
                "fact": "facts.has_cra_behandlare",
                "expected": True,
                "insats_ids": ["cra"],
                "ongoing": True,
            },
            "facts": [
                {
                    "key": "facts.has_cra_behandlare",
                    "question": "Har personen en CRA-behandlare just nu?",
                }
            ],
        }
    ],
    "motivering": "Krav att samtidigt ha CRA-behandlare: …",
    "innehall": "Fyra förmiddagar i veckan får personen vara i en grupp i 14 veckor. …",
    "aktualisering": {
        "text": "Aktualisering till insats görs via behandlare.",
        "kanaler": [{"kanal": "behandlare", "text": "Via behandlare", "max_age": None}],
    },
    "consent": {
        "subject": "applicant",
        "without_consent_from_15": False,
        "text": None,
        "basis": "21 kap. 2 § SoL (2025:400)",
    },
    "documentation": {
        "mode": "individual",
        "legal_basis": "14 kap. 3 § socialtjänstlagen (2025:400)",
        "text": "14 kap 3 § SoL, då det är en stödinsats och dokumentation ska ske på individnivå.",
        "decision": None,
    },
    "tolkning": [
        {
            "topic": "folkbokforing",
            "text": "Insatsen säger inget om folkbokföring. Inledningens allmänna villkor gäller "
            "därför: personen ska vara folkbokförd i Östersunds kommun. Läsningen kan "
            "ifrågasättas, eftersom bilagan inte är konsekvent: … Inledningens syfte avgör: …",
            "basis": "rules.md, Folkbokföring; bilagan avsnitt 1 (inledningen), 3.1.1, 4.5.5, "
            "4.5.12, 4.5.13 och 4.6.1",
        },
        {
            "topic": "taxonomi",
            "text": "Typ behandlande: gruppbehandling fyra förmiddagar i veckan i 14 veckor. Fas "
            "primärbehandling: den ges samtidigt som personens egen CRA-behandling, inte efter "
            "den. …",
            "basis": "Örebro läns kartläggning av öppen missbruksvård (tjänstemenyn); Jordnära "
            "(vårdkedjans faser) och Säviq (inslussning i samhället); bilagan 4.5.4",
        },
    ],
    "taxonomy": {
        "typ": "behandlande",
        "fokus": ["vuxna", "alkohol_narkotika", "arbete"],
        "vardkedja": ["primarbehandling"],
    },
    "leder_till": [],
    "foregas_av": ["cra"],
    "catalog_version": "2025-07-01",
}

VARDKEDJA: dict[str, Any] = {
    "nodes": [
        {"id": "cra", "title": "CRA-primärbehandling", "vardkedja": ["primarbehandling"]},
        {"id": "f-cra", "title": "Förstärkt CRA (F-CRA)", "vardkedja": ["primarbehandling"]},
        {
            "id": "booster-nexus",
            "title": "Booster efter avslutad insats",
            "vardkedja": ["eftervard"],
        },
    ],
    "edges": [
        {
            "from": "cra",
            "to": "f-cra",
            "condition": "has_cra_behandlare",
            "text": "medan insatsen pågår",
        },
        {
            "from": "cra",
            "to": "booster-nexus",
            "condition": "earlier_insats",
            "text": "inom ett år efter avslutad insats",
        },
    ],
}


def example(body: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route whose 200 answer has this example."""
    return {200: {"description": "Svaret", "content": {"application/json": {"example": body}}}}
