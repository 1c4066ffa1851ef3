"""The smuggling corpus is refused with nothing stored; the honest corpus is accepted
(issue 12). Each smuggled variant goes through HTTP, and the table is counted afterwards."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from insatser_api.records.models import DocumentationRecord
from tests.records.corpora import HONEST_NOTES, SMUGGLED_FIELDS, SMUGGLED_TEXTS

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

DAY = "2026-11-20"
BASE = {"performed_on": DAY, "contact": "telefon", "topic": "spel"}
# Each smuggled record is refused; the whole corpus must have at least this many variants.
MIN_SMUGGLED = 60
MIN_HONEST = 60
MIN_ACCEPTED_SHARE = 0.95


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(DocumentationRecord)) or 0


def test_the_corpora_are_large_enough() -> None:
    assert len(SMUGGLED_TEXTS) + len(SMUGGLED_FIELDS) >= MIN_SMUGGLED
    assert len(HONEST_NOTES) >= MIN_HONEST


async def _refused(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/insatser/radgivande-samtal/documentation", json=body)
    assert response.status_code == 422, response.text
    problem: dict[str, Any] = response.json()
    return problem


@pytest.mark.parametrize(
    ("text", "code"), [(text, code) for _, text, code in SMUGGLED_TEXTS], ids=[label for label, _, _ in SMUGGLED_TEXTS]
)  # fmt: skip
async def test_a_smuggled_text_is_refused_naming_the_kind_and_nothing_is_stored(
    client: httpx.AsyncClient, engine: Engine, text: str, code: str
) -> None:
    problem = await _refused(client, {**BASE, "text": text})
    errors = problem["errors"]
    assert {error["field"] for error in errors} == {"text"}
    assert code in {error["code"] for error in errors}
    assert all("14 kap. 4 §" in error["message"] for error in errors)
    assert text not in str(problem)
    assert _count(engine) == 0


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [(extra, field, code) for _, extra, field, code in SMUGGLED_FIELDS],
    ids=[label for label, *_ in SMUGGLED_FIELDS],
)
async def test_an_identity_field_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, engine: Engine, extra: dict[str, str], field: str, code: str
) -> None:
    problem = await _refused(client, {**BASE, **extra})
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, code)]
    assert next(iter(extra.values())) not in str(problem)
    assert _count(engine) == 0


async def test_honest_advisory_notes_are_accepted(
    client: httpx.AsyncClient, engine: Engine, record_property: Any
) -> None:
    refused = []
    for insats_id, topic, contact, text in HONEST_NOTES:
        body = {"performed_on": DAY, "contact": contact, "topic": topic, "text": text}
        response = await client.post(f"/v1/insatser/{insats_id}/documentation", json=body)
        if response.status_code != 201:
            assert response.status_code == 422, response.text
            refused.append((text, [e["code"] for e in response.json()["errors"]]))
    false_refusal_rate = len(refused) / len(HONEST_NOTES)
    record_property("false_refusal_rate", false_refusal_rate)
    assert false_refusal_rate <= 1 - MIN_ACCEPTED_SHARE, refused
    assert _count(engine) == len(HONEST_NOTES) - len(refused)
