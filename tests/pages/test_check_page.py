"""The check page over HTTP: the form's state, tampering, the decision log, who may check."""

from __future__ import annotations

import html
import json
import re

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, func, select

from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.main import create_app
from insatser_api.pages.check_page import PAGE_REQUEST_KIND
from insatser_api.security import scopes
from tests.pages.test_sign_in import csrf_of, sign_in
from tests.security.conftest import issue_key, secured_settings


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden field {name}"
    return html.unescape(match[1])


def fact_asked(page: str) -> str | None:
    match = re.search(r'name="fraga" value="([^"]*)"', page)
    return match[1] if match else None


async def begin(client: httpx.AsyncClient, insats: str = "") -> tuple[str, str]:
    token = csrf_of((await client.get("/prova")).text)
    page = await client.post(
        "/prova", data={"csrf_token": token, "atgard": "borja", "urval": insats}
    )
    assert page.status_code == 200
    return token, page.text


async def answer(client: httpx.AsyncClient, token: str, page: str, **fields: str) -> httpx.Response:
    return await client.post(
        "/prova",
        data={
            "csrf_token": token,
            "atgard": "svara",
            "fraga": fact_asked(page) or "",
            "uppgifter": hidden(page, "uppgifter"),
            "hoppade": hidden(page, "hoppade"),
            **fields,
        },
    )


async def test_the_answers_travel_in_the_form_and_nowhere_else(client: httpx.AsyncClient) -> None:
    token, page = await begin(client, "cra")
    assert fact_asked(page) == "applicant.age"
    step = await answer(client, token, page, alder="30")
    assert step.status_code == 200
    assert step.headers["cache-control"] == "no-store"
    assert json.loads(hidden(step.text, "uppgifter")) == {
        "applicant": {"age": 30},
        "insats_ids": ["cra"],
    }
    assert str(step.url).endswith("/prova")  # no fact in the URL
    assert "set-cookie" not in step.headers  # the session is not where the facts go


async def test_an_answer_the_api_refuses_is_an_error_at_its_field(
    client: httpx.AsyncClient,
) -> None:
    token, page = await begin(client)
    refused = await answer(client, token, page, fodelsedatum="2999-01-01")
    assert refused.status_code == 422
    assert 'id="fodelsedatum-fel"' in refused.text
    assert 'aria-describedby="fodelsedatum-tips fodelsedatum-fel" aria-invalid="true"' in (
        refused.text
    )
    assert "2999-01-01" in refused.text  # shown back in its field to be corrected, nowhere else
    assert json.loads(hidden(refused.text, "uppgifter")) == {}


async def test_a_form_edited_by_hand_starts_over(client: httpx.AsyncClient) -> None:
    token, _ = await begin(client)
    for state in ("{not json", '{"applicant": {"age": "gammal"}}', '{"insats_ids": ["nej"]}'):
        tampered = await client.post(
            "/prova",
            data={"csrf_token": token, "atgard": "svara", "uppgifter": state, "hoppade": "[]"},
        )
        assert tampered.status_code == 400
        assert "Prövningen kunde inte fortsätta" in tampered.text


async def test_a_check_without_its_csrf_token_is_refused(client: httpx.AsyncClient) -> None:
    await client.get("/prova")
    refused = await client.post("/prova", data={"atgard": "borja", "urval": ""})
    assert refused.status_code == 403


@pytest.mark.usefixtures("empty_tables")
async def test_a_complete_check_is_logged_once(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    token, page = await begin(client, "akutboendet")
    done = await answer(client, token, page, alder="40")
    assert fact_asked(done.text) is None
    summary = await client.post(
        "/prova",
        data={
            "csrf_token": token,
            "atgard": "sammanfattning",
            "uppgifter": hidden(done.text, "uppgifter"),
            "hoppade": "[]",
        },
    )
    assert summary.status_code == 200
    app.state.decision_log.flush()
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                DecisionLogEntry.request_kind,
                DecisionLogEntry.insats_id,
                func.sum(DecisionLogEntry.answers),
            ).group_by(DecisionLogEntry.request_kind, DecisionLogEntry.insats_id)
        ).all()
    assert rows == [(PAGE_REQUEST_KIND, "akutboendet", 1)]


async def test_checking_needs_eligibility_check(database_url: str) -> None:
    app = create_app(secured_settings(database_url, public_catalog=True))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
            redirected = await browser.get("/prova")
            assert redirected.status_code == 303
            assert redirected.headers["location"] == "/inloggning?till=%2Fprova"
            reader = issue_key(app.state.database.write_sessions, [scopes.CATALOG_READ])
            await sign_in(browser, reader)
            refused = await browser.get("/prova")
            assert refused.status_code == 403
            assert "eligibility:check" in refused.text
    finally:
        app.state.database.dispose()
