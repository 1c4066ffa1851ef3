"""An eligible answer names what the insats opens next in the vårdkedja, and when."""

from __future__ import annotations

import httpx
import pytest

ADULT = {"as_of": "2026-11-23", "applicant": {"age": 40, "folkbokford_kommunkod": "2380"}}


async def test_eligible_for_cra_names_booster_and_f_cra(client: httpx.AsyncClient) -> None:
    answer = (await client.post("/v1/insatser/cra/eligibility", json=ADULT)).json()
    assert answer["outcome"] == "eligible"
    assert answer["successors"] == [
        {
            "insats_id": "f-cra",
            "title": "Förstärkt CRA (F-CRA)",
            "enhet": "Nexus",
            "condition": "has_cra_behandlare",
            "opens": "while_ongoing",
            "within_years": None,
            "text": "Medan du går i CRA-primärbehandling kan du få Förstärkt CRA (F-CRA) hos Nexus.",
        },
        {
            "insats_id": "booster-nexus",
            "title": "Booster efter avslutad insats",
            "enhet": "Nexus",
            "condition": "earlier_insats",
            "opens": "after_end",
            "within_years": 1,
            "text": "När du har avslutat CRA-primärbehandling kan du inom ett år få Booster "
            "efter avslutad insats hos Nexus.",
        },
    ]


@pytest.mark.parametrize(
    ("body", "outcome"),
    [
        ({"as_of": "2026-11-23", "applicant": {"age": 16, "folkbokford_kommunkod": "2380"}}, "not_eligible"),
        ({"as_of": "2026-11-23", "applicant": {"age": 40}}, "needs_information"),
    ],
)  # fmt: skip
async def test_only_an_eligible_answer_names_successors(
    client: httpx.AsyncClient, body: dict[str, object], outcome: str
) -> None:
    answer = (await client.post("/v1/insatser/cra/eligibility", json=body)).json()
    assert answer["outcome"] == outcome
    assert "successors" not in answer


async def test_an_insats_without_successors_has_no_field(client: httpx.AsyncClient) -> None:
    answer = (await client.post("/v1/insatser/hap-cpu/eligibility", json=ADULT)).json()
    assert answer["outcome"] == "eligible"
    assert "successors" not in answer


async def test_the_screening_names_successors_per_answer(client: httpx.AsyncClient) -> None:
    body = (await client.post("/v1/eligibility", json=ADULT)).json()
    named = {
        r["insats_id"]: [s["insats_id"] for s in r["successors"]]
        for r in body["results"]
        if "successors" in r
    }
    assert named == {
        "cra": ["f-cra", "booster-nexus"],
        "spelbehandling": ["booster-nexus"],
        "aterfallsprevention": ["booster-nexus"],
        "tolvsteg-grupp": ["tolvsteg-eftervard"],
        "tolvsteg-individuell": ["tolvsteg-eftervard"],
        "anhorigstod": ["booster-nexus"],
        "biffsamtal": ["booster-bryggan"],
    }  # fmt: skip
