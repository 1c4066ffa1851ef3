"""`documentation:read` is limited to the enheter named on the key, like writing (issue 12):
the read-scope matrix of keys against records of two enheter."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.security import scopes
from tests.security.conftest import issue_key

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

INDIVIDUAL = {"performed_on": "2026-11-20", "personnummer": "198512311237", "text": "Samtal."}
# cra is Nexus', biffsamtal is Familjestöd Bryggan's; both are individual-level (3 §).
RECORDS = {"cra": "Nexus", "biffsamtal": "Familjestöd Bryggan"}
# Key: its enheter (for documentation:read) -> the enheter whose records it sees.
MATRIX = [
    (["Nexus"], {"Nexus"}),
    (["nexus"], {"Nexus"}),  # an operator's spelling
    (["Familjestöd Bryggan"], {"Familjestöd Bryggan"}),
    (["Nexus", "Familjestöd Bryggan"], {"Nexus", "Familjestöd Bryggan"}),
    (["*"], {"Nexus", "Familjestöd Bryggan"}),
    (["Björkebo"], set()),
]


async def _write_one_record_each(client: httpx.AsyncClient, app: FastAPI) -> dict[str, str]:
    writer = issue_key(app.state.database.write_sessions, [scopes.DOCUMENTATION_WRITE], ["*"])
    ids = {}
    for insats_id, enhet in RECORDS.items():
        response = await client.post(
            f"/v1/insatser/{insats_id}/documentation",
            json=INDIVIDUAL,
            headers={"Authorization": f"Bearer {writer}"},
        )
        assert response.status_code == 201, response.text
        ids[enhet] = response.json()["id"]
    return ids


@pytest.mark.parametrize(("enheter", "visible"), MATRIX, ids=[",".join(e) for e, _ in MATRIX])
async def test_a_reader_sees_only_its_enheter(
    secured_client: httpx.AsyncClient,
    secured_app: FastAPI,
    enheter: list[str],
    visible: set[str],
) -> None:
    ids = await _write_one_record_each(secured_client, secured_app)
    reader = issue_key(
        secured_app.state.database.write_sessions, [scopes.DOCUMENTATION_READ], enheter
    )
    headers = {"Authorization": f"Bearer {reader}"}
    listed = (await secured_client.get("/v1/documentation", headers=headers)).json()
    assert {item["enhet"] for item in listed["items"]} == visible
    assert listed["total_items"] == len(visible)
    for enhet, record_id in ids.items():
        one = await secured_client.get(f"/v1/documentation/{record_id}", headers=headers)
        # Another enhet's record is answered as missing, not as forbidden.
        assert one.status_code == (200 if enhet in visible else 404)
        if enhet in visible:
            assert one.json()["personnummer"] == "198512311237"


async def test_a_writer_without_read_reads_nothing(
    secured_client: httpx.AsyncClient, secured_app: FastAPI
) -> None:
    ids = await _write_one_record_each(secured_client, secured_app)
    writer = issue_key(
        secured_app.state.database.write_sessions, [scopes.DOCUMENTATION_WRITE], ["Nexus"]
    )
    response = await secured_client.get(
        f"/v1/documentation/{ids['Nexus']}", headers={"Authorization": f"Bearer {writer}"}
    )
    assert response.status_code == 403
