"""`documentation:write` is limited to the enheter named on the key: Nexus staff cannot write
Bryggan's records. The journal and the decision log name the key that wrote."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.main import create_app
from insatser_api.security import scopes
from tests.conftest import guarded_client
from tests.personal_data import PersonalDataGuard
from tests.security.conftest import issue_key, secured_settings

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

RECORD = {"performed_on": "2026-11-20", "personnummer": "198512311237", "text": "Samtal."}


async def test_a_nexus_key_writes_nexus_records_only(
    secured_client: httpx.AsyncClient, secured_app: FastAPI
) -> None:
    sessions = secured_app.state.database.write_sessions
    nexus = issue_key(sessions, [scopes.DOCUMENTATION_WRITE], ["Nexus"], name="nexus-journal")
    headers = {"Authorization": f"Bearer {nexus}"}
    own = await secured_client.post("/v1/insatser/cra/documentation", json=RECORD, headers=headers)
    assert own.status_code == 201, own.text
    assert own.json()["recorded_by"] == "nexus-journal"
    other = await secured_client.post(
        "/v1/insatser/biffsamtal/documentation", json=RECORD, headers=headers
    )
    assert other.status_code == 403
    assert other.headers["content-type"] == "application/problem+json"


async def test_the_decision_log_names_the_calling_key(
    database_url: str, engine: Engine, personal_data_guard: PersonalDataGuard
) -> None:
    app = create_app(secured_settings(database_url, decision_log_enabled=True))
    token = issue_key(
        app.state.database.write_sessions, [scopes.ELIGIBILITY_CHECK], name="kundcenter-test"
    )
    async with guarded_client(app, personal_data_guard) as client:
        response = await client.post(
            "/v1/insatser/cra/eligibility",
            json={"applicant": {"age": 30}},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200
    app.state.decision_log.close()
    app.state.database.dispose()
    with Session(engine) as session:
        clients = session.scalars(select(DecisionLogEntry.client)).all()
    assert clients == ["kundcenter-test"]
