"""The documentation journal over HTTP, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from insatser_api.records.models import DocumentationRecord
from tests.two_versions import LATER

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

PERSONNUMMER = "19851231-1237"
INDIVIDUAL = {"performed_on": "2026-11-20", "personnummer": PERSONNUMMER, "text": "Samtal 1."}
ADVISORY = {
    "performed_on": "2026-11-20",
    "contact": "telefon",
    "topic": "spel",
    "text": "Allmän information om stöd vid spelproblem.",
}


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(DocumentationRecord)) or 0


async def _post(
    client: httpx.AsyncClient, insats_id: str, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else {}
    return await client.post(f"/v1/insatser/{insats_id}/documentation", json=body, headers=headers)


async def test_individual_record_is_stored_with_the_catalogue_facts(
    client: httpx.AsyncClient,
) -> None:
    response = await _post(client, "cra", {**INDIVIDUAL, "name": "Anna Andersson"})
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["insats_id"] == "cra"
    assert record["enhet"] == "Nexus"
    assert record["mode"] == "individual"
    assert record["legal_basis"] == "14 kap. 3 § socialtjänstlagen (2025:400)"
    assert record["catalog_version"] == "2025-07-01"
    assert record["personnummer"] == "198512311237"
    assert record["name"] == "Anna Andersson"
    assert record["corrects"] is None
    assert record["corrected_by"] == []
    assert record["recorded_by"] == "auth-disabled"
    assert response.headers["Location"] == f"/v1/documentation/{record['id']}"
    assert response.headers["Catalog-Version"] == "2025-07-01"
    fetched = await client.get(response.headers["Location"])
    assert fetched.status_code == 200
    assert fetched.json() == record


async def test_individual_without_personnummer_or_text_is_refused(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    response = await _post(client, "cra", {"performed_on": "2026-11-20"})
    assert response.status_code == 422
    fields = {e["field"]: e for e in response.json()["errors"]}
    assert set(fields) == {"personnummer", "text"}
    assert "14 kap. 3 §" in fields["personnummer"]["message"]
    assert _count(engine) == 0


async def test_individual_with_invalid_personnummer_is_refused_without_echo(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    response = await _post(client, "cra", {**INDIVIDUAL, "personnummer": "19851231-1238"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "invalid_check_digit"
    assert "1238" not in response.text
    assert _count(engine) == 0


async def test_advisory_record_without_identity_is_stored(client: httpx.AsyncClient) -> None:
    response = await _post(client, "radgivande-samtal", ADVISORY)
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["mode"] == "advisory"
    assert record["legal_basis"].startswith("14 kap. 4 §")
    assert record["personnummer"] is None
    assert record["text"] == ADVISORY["text"]
    assert (record["contact"], record["topic"]) == ("telefon", "spel")
    assert (record["participants"], record["duration_minutes"]) == (None, None)


async def test_the_answer_to_a_write_is_the_record_as_stored(client: httpx.AsyncClient) -> None:
    written = await _post(client, "radgivande-samtal", ADVISORY)
    assert written.status_code == 201, written.text
    assert written.headers["location"] == f"/v1/documentation/{written.json()['id']}"
    assert written.headers["catalog-version"]
    stored = await client.get(written.headers["location"])
    assert stored.json() == written.json()


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"personnummer": PERSONNUMMER}, "personnummer", "identifying_data_forbidden"),
        ({"name": "Anna Andersson"}, "name", "identifying_data_forbidden"),
        ({"text": f"Samtal med {PERSONNUMMER}."}, "text", "identity_number_in_text"),
        ({"text": "Samtal med 851231-1237."}, "text", "identity_number_in_text"),
        ({"text": "Samordningsnr 850191-1234."}, "text", "identity_number_in_text"),
    ],
)
async def test_advisory_refuses_identity_naming_the_rule_and_stores_nothing(
    client: httpx.AsyncClient, engine: Engine, extra: dict[str, str], field: str, code: str
) -> None:
    response = await _post(client, "radgivande-samtal", {**ADVISORY, **extra})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {"field": field, "message": body["errors"][0]["message"], "code": code}
    ]
    assert "14 kap. 4 §" in body["errors"][0]["message"]
    assert "1237" not in response.text
    assert "Andersson" not in response.text
    assert _count(engine) == 0


async def test_deidentified_mode_follows_the_catalogue_in_force_on_the_day(
    two_version_client: httpx.AsyncClient, engine: Engine
) -> None:
    # spelbehandling is individual in 2025-07-01 and de-identified from LATER (tests fixture).
    before = await _post(
        two_version_client, "spelbehandling", {**INDIVIDUAL, "performed_on": "2025-12-31"}
    )
    assert before.status_code == 201
    assert before.json()["mode"] == "individual"
    refused = await _post(
        two_version_client, "spelbehandling", {**INDIVIDUAL, "performed_on": LATER}
    )
    assert refused.status_code == 422
    fields = {e["field"]: e for e in refused.json()["errors"]}
    assert set(fields) == {"personnummer", "contact"}
    assert "14 kap. 5 §" in fields["personnummer"]["message"]
    after = await _post(
        two_version_client,
        "spelbehandling",
        {"performed_on": LATER, "contact": "grupp", "participants": 6, "text": "Gruppträff 3."},
    )
    assert after.status_code == 201, after.text
    assert after.json()["mode"] == "deidentified"
    assert after.headers["Catalog-Version"] == LATER
    assert _count(engine) == 2


async def test_correction_is_a_new_record_pointing_at_the_old(client: httpx.AsyncClient) -> None:
    first = (await _post(client, "cra", INDIVIDUAL)).json()
    correction = await _post(
        client, "cra", {**INDIVIDUAL, "text": "Rättad.", "corrects": first["id"]}
    )
    assert correction.status_code == 201
    assert correction.json()["corrects"] == first["id"]
    original = (await client.get(f"/v1/documentation/{first['id']}")).json()
    assert original["text"] == "Samtal 1."
    assert original["corrected_by"] == [correction.json()["id"]]


@pytest.mark.parametrize("corrects", ["no-such-record", "radgivande"])
async def test_correction_of_an_unknown_or_other_insats_record_is_refused(
    client: httpx.AsyncClient, corrects: str
) -> None:
    if corrects == "radgivande":
        corrects = (await _post(client, "radgivande-samtal", ADVISORY)).json()["id"]
    response = await _post(client, "cra", {**INDIVIDUAL, "corrects": corrects})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "corrects"


async def test_records_cannot_be_changed_or_deleted(client: httpx.AsyncClient) -> None:
    record = (await _post(client, "cra", INDIVIDUAL)).json()
    for method in ("PUT", "PATCH", "DELETE"):
        response = await client.request(method, f"/v1/documentation/{record['id']}")
        assert response.status_code == 405
        assert response.headers["content-type"] == "application/problem+json"


async def test_retry_with_the_same_idempotency_key_returns_the_first_record(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    key = str(uuid.uuid4())
    first = await _post(client, "cra", INDIVIDUAL, key)
    again = await _post(client, "cra", INDIVIDUAL, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _count(engine) == 1


async def test_same_idempotency_key_with_other_content_is_a_conflict(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    key = str(uuid.uuid4())
    assert (await _post(client, "cra", INDIVIDUAL, key)).status_code == 201
    response = await _post(client, "cra", {**INDIVIDUAL, "text": "Annat."}, key)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert _count(engine) == 1


async def test_parallel_retries_with_one_key_make_one_record(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    key = str(uuid.uuid4())
    responses = await asyncio.gather(*(_post(client, "cra", INDIVIDUAL, key) for _ in range(10)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert _count(engine) == 1


async def test_many_parallel_records_are_all_stored_once(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    total = 60
    bodies = [{**ADVISORY, "text": f"Kontakt {n}."} for n in range(total)]
    responses = await asyncio.gather(
        *(_post(client, "radgivande-samtal", body, f"k-{n}") for n, body in enumerate(bodies))
    )
    assert [r.status_code for r in responses] == [201] * total
    assert len({r.json()["id"] for r in responses}) == total
    assert _count(engine) == total
    listed = (await client.get("/v1/documentation", params={"per_page": 200})).json()
    assert listed["total_items"] == total
    assert sorted(item["text"] for item in listed["items"]) == sorted(b["text"] for b in bodies)


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"performed_on": "2099-01-01"}, "performed_on", "in_future"),
        ({"performed_on": "2025-06-30"}, "performed_on", "no_catalog_in_force"),
        ({"performed_on": "20/11/2026"}, "performed_on", "value_error"),
        ({}, "performed_on", "missing"),
        (
            {"performed_on": "2026-11-20", "birth_date": "1985-12-31"},
            "birth_date",
            "extra_forbidden",
        ),
    ],
)
async def test_bad_input_names_the_field(
    client: httpx.AsyncClient, body: dict[str, Any], field: str, code: str
) -> None:
    response = await _post(client, "radgivande-samtal", body)
    assert response.status_code == 422
    assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (
        field,
        code,
    )
    assert "1985" not in response.text


async def test_unknown_insats_is_404(client: httpx.AsyncClient) -> None:
    response = await _post(client, "no-such-insats", ADVISORY)
    assert response.status_code == 404


@pytest.mark.parametrize("key", ["", "a" * 201, "with space", "åäö"])
async def test_malformed_idempotency_key_is_refused(client: httpx.AsyncClient, key: str) -> None:
    response = await client.post(
        "/v1/insatser/radgivande-samtal/documentation",
        json=ADVISORY,
        headers={"Idempotency-Key": key.encode()},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_list_filters_by_insats_and_period_and_paginates(client: httpx.AsyncClient) -> None:
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        await _post(client, "radgivande-samtal", {**ADVISORY, "performed_on": day})
    await _post(client, "cra", INDIVIDUAL)
    everything = (await client.get("/v1/documentation")).json()
    assert everything["total_items"] == 4
    october = (
        await client.get(
            "/v1/documentation",
            params={"insats_id": "radgivande-samtal", "from": "2026-10-01", "to": "2026-10-31"},
        )
    ).json()
    assert [i["performed_on"] for i in october["items"]] == ["2026-10-01", "2026-10-15"]
    second_page = (await client.get("/v1/documentation", params={"per_page": 3, "page": 2})).json()
    assert second_page["total_items"] == 4
    assert [i["insats_id"] for i in second_page["items"]] == ["cra"]


async def test_list_with_empty_period_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/v1/documentation", params={"from": "2026-11-02", "to": "2026-11-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "to"


async def test_unknown_record_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/v1/documentation/{uuid.uuid4()}")
    assert response.status_code == 404
