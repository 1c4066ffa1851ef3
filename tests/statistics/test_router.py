"""Statistics for the nämnd's uppföljning, from both tables."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.kit.dates import today_in_stockholm

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

OUTSIDE = {"age": 30, "folkbokford_kommunkod": "0180"}
INSIDE = {"age": 30, "folkbokford_kommunkod": "2380"}


async def _check(client: httpx.AsyncClient, insats_id: str, applicant: dict[str, object]) -> None:
    response = await client.post(
        f"/v1/insatser/{insats_id}/eligibility", json={"applicant": applicant}
    )
    assert response.status_code == 200


async def test_decisions_grouped_by_insats_month_and_outcome(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    for applicant in (OUTSIDE, OUTSIDE, INSIDE):
        await _check(client, "arbetsmarknadsinsatser", applicant)
    await _check(client, "cra", {"age": 30})
    app.state.decision_log.flush()
    response = await client.get("/v1/statistics/decisions")
    assert response.status_code == 200
    body = response.json()
    month = today_in_stockholm().strftime("%Y-%m")
    assert body["to"] == today_in_stockholm().isoformat()
    assert body["total"] == 4
    counts = {(i["insats_id"], i["month"], i["outcome"]): i["count"] for i in body["items"]}
    assert counts[("arbetsmarknadsinsatser", month, "not_eligible")] == 2
    assert counts[("arbetsmarknadsinsatser", month, "eligible")] == 1
    refused = {(c["insats_id"], c["code"], c["status"]): c["count"] for c in body["conditions"]}
    # "How many were refused for lack of folkbokföring"
    assert refused[("arbetsmarknadsinsatser", "folkbokford", "not_met")] == 2
    only_cra = (await client.get("/v1/statistics/decisions", params={"insats_id": "cra"})).json()
    assert only_cra["total"] == 1
    assert {i["insats_id"] for i in only_cra["items"]} == {"cra"}


async def test_period_outside_the_log_is_empty(client: httpx.AsyncClient, app: FastAPI) -> None:
    await _check(client, "cra", {"age": 30})
    app.state.decision_log.flush()
    response = await client.get(
        "/v1/statistics/decisions", params={"from": "2025-07-01", "to": "2025-07-31"}
    )
    assert response.json() == {
        "from": "2025-07-01",
        "to": "2025-07-31",
        "total": 0,
        "items": [],
        "conditions": [],
        "suppression": {"min_count": 1, "suppressed": 0, "note": "Inga antal döljs."},
    }


async def test_documentation_grouped_by_insats_month_and_mode(client: httpx.AsyncClient) -> None:
    advisory = "/v1/insatser/radgivande-samtal/documentation"
    for day in ("2026-09-03", "2026-09-20", "2026-10-01"):
        response = await client.post(
            advisory, json={"performed_on": day, "contact": "telefon", "topic": "spel"}
        )
        assert response.status_code == 201
    first = (
        await client.post(
            "/v1/insatser/cra/documentation",
            json={"performed_on": "2026-10-02", "personnummer": "198512311237", "text": "A"},
        )
    ).json()
    await client.post(
        "/v1/insatser/cra/documentation",
        json={
            "performed_on": "2026-10-02",
            "personnummer": "198512311237",
            "text": "B",
            "corrects": first["id"],
        },
    )
    body = (
        await client.get(
            "/v1/statistics/documentation", params={"from": "2026-09-01", "to": "2026-10-31"}
        )
    ).json()
    assert body["total"] == 4
    assert body["items"] == [
        {
            "insats_id": "radgivande-samtal",
            "month": "2026-09",
            "mode": "advisory",
            "count": 2,
            "corrections": 0,
        },
        {
            "insats_id": "cra",
            "month": "2026-10",
            "mode": "individual",
            "count": 1,
            "corrections": 1,
        },
        {
            "insats_id": "radgivande-samtal",
            "month": "2026-10",
            "mode": "advisory",
            "count": 1,
            "corrections": 0,
        },
    ]


async def test_default_period_is_twelve_calendar_months(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/statistics/documentation", params={"to": "2026-11-23"})
    body = response.json()
    assert (body["from"], body["to"]) == ("2025-12-01", "2026-11-23")
    body = (await client.get("/v1/statistics/documentation", params={"to": "2026-01-05"})).json()
    assert body["from"] == "2025-02-01"
    body = (await client.get("/v1/statistics/documentation", params={"to": "0001-03-01"})).json()
    assert body["from"] == "0001-01-01"


@pytest.mark.parametrize("path", ["/v1/statistics/decisions", "/v1/statistics/documentation"])
async def test_empty_period_is_refused(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path, params={"from": "2026-11-02", "to": "2026-11-01"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "to"


async def test_from_after_default_to_is_refused(client: httpx.AsyncClient) -> None:
    tomorrow = (today_in_stockholm() + dt.timedelta(days=1)).isoformat()
    response = await client.get("/v1/statistics/decisions", params={"from": tomorrow})
    assert response.status_code == 422


def test_code_combinations_are_split_into_counts_per_code() -> None:
    from insatser_api.statistics.router import _condition_counts

    counts = _condition_counts(
        [
            ("cra", "2026-11", "folkbokford age", "", 3),
            ("cra", "2026-11", "folkbokford", "has_cra_behandlare", 2),
            ("cra", "2026-10", "", "age", 1),
        ],
        min_count=1,
    )
    assert [(c.month, c.code, c.status, c.count) for c in counts] == [
        ("2026-10", "age", "unknown", 1),
        ("2026-11", "age", "not_met", 3),
        ("2026-11", "folkbokford", "not_met", 5),
        ("2026-11", "has_cra_behandlare", "unknown", 2),
    ]
