"""Every error a request schema can raise reaches the caller in Swedish, without the input.

A table of bad values per kind of field (body, query, path, header) on every endpoint that
takes input, then hypothesis on the request models themselves: whatever the caller sends, the
errors are mapped (never the neutral fallback, so no type is left unwritten) and Swedish.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from insatser_api.eligibility.schemas import EligibilityAllRequest, EligibilityRequest
from insatser_api.kit.errors import validation_errors
from insatser_api.kit.messages_sv import FALLBACK
from insatser_api.records.schemas import DocumentationRecordIn
from tests.kit.swedish import english_in

ONE = "/v1/insatser/cra/eligibility"
ALL = "/v1/eligibility"
DOCUMENT = "/v1/insatser/cra/documentation"
# Recognisable values: none of them may come back in an error body.
MARK = "XQZX19900101"
LONG = MARK * 20

# (method, url, body, headers, expected field, expected code)
CASES: list[tuple[str, str, Any, dict[str, str], str, str]] = [
    ("POST", ONE, [], {}, "body", "model_attributes_type"),
    ("POST", ONE, {"alder": MARK}, {}, "alder", "extra_forbidden"),
    ("POST", ONE, {"as_of": MARK}, {}, "as_of", "value_error"),
    ("POST", ONE, {"as_of": "2026-13-45"}, {}, "as_of", "date_from_datetime_parsing"),
    ("POST", ONE, {"applicant": MARK}, {}, "applicant", "model_attributes_type"),
    ("POST", ONE, {"applicant": {"age": 131}}, {}, "applicant.age", "less_than_equal"),
    ("POST", ONE, {"applicant": {"age": -1}}, {}, "applicant.age", "greater_than_equal"),
    ("POST", ONE, {"applicant": {"age": 40.5}}, {}, "applicant.age", "int_type"),
    ("POST", ONE, {"applicant": {"age": "40"}}, {}, "applicant.age", "int_type"),
    ("POST", ONE, {"applicant": {"personnummer": 19900101}}, {}, "applicant.personnummer", "string_type"),
    ("POST", ONE, {"applicant": {"personnummer": LONG}}, {}, "applicant.personnummer", "string_too_long"),
    ("POST", ONE, {"applicant": {"folkbokford_kommunkod": MARK}}, {}, "applicant.folkbokford_kommunkod", "string_pattern_mismatch"),
    ("POST", ONE, {"guardian_consent": MARK}, {}, "guardian_consent", "bool_type"),
    ("POST", ONE, {"child": {"participates": 1}}, {}, "child.participates", "bool_type"),
    ("POST", ONE, {"facts": {"placed_outside_home_in_kommunkod": 2380}}, {}, "facts.placed_outside_home_in_kommunkod", "string_type"),
    ("POST", ONE, {"history": {}}, {}, "history", "list_type"),
    ("POST", ONE, {"history": [{"ended_on": "2026-01-01"}] * 101}, {}, "history", "too_long"),
    ("POST", ONE, {"history": [{"ended_on": "2026-01-01"}]}, {}, "history[0]", "value_error"),
    ("POST", ONE, {"history": [{"insats_id": "cra"}]}, {}, "history[0].ended_on", "missing"),
    ("POST", ONE, {"history": [{"enhet": "", "ended_on": "2026-01-01"}]}, {}, "history[0].enhet", "string_too_short"),
    ("POST", ONE, {"history": [{"enhet": LONG, "ended_on": "2026-01-01"}]}, {}, "history[0].enhet", "string_too_long"),
    ("POST", ONE, {"history": [{"insats_id": MARK, "ended_on": "2026-01-01"}]}, {}, "history[0].insats_id", "string_pattern_mismatch"),
    ("POST", ONE, {"stay_until": 20261120}, {}, "stay_until", "value_error"),
    ("POST", ALL, {"insats_ids": ["cra"] * 201}, {}, "insats_ids", "too_long"),
    ("POST", ALL, {"insats_ids": MARK}, {}, "insats_ids", "list_type"),
    ("POST", ALL, {"applicant": {"age": 131}}, {}, "applicant.age", "less_than_equal"),
    ("POST", DOCUMENT, {}, {}, "performed_on", "missing"),
    ("POST", DOCUMENT, {"performed_on": "2026-11-20", "personnummer": LONG}, {}, "personnummer", "string_too_long"),
    ("POST", DOCUMENT, {"performed_on": "2026-11-20", "text": LONG * 100}, {}, "text", "string_too_long"),
    ("POST", DOCUMENT, {"performed_on": "2026-11-20", "corrects": LONG}, {}, "corrects", "string_too_long"),
    ("POST", DOCUMENT, {"performed_on": "2026-11-20"}, {"Idempotency-Key": ""}, "Idempotency-Key", "string_too_short"),
    ("POST", DOCUMENT, {"performed_on": "2026-11-20"}, {"Idempotency-Key": LONG}, "Idempotency-Key", "string_too_long"),
    ("GET", f"/v1/insatser?page=0&x={MARK}", None, {}, "page", "greater_than_equal"),
    ("GET", f"/v1/insatser?page={MARK}", None, {}, "page", "int_parsing"),
    ("GET", "/v1/insatser?page=1.5", None, {}, "page", "int_parsing"),
    ("GET", "/v1/insatser?per_page=201", None, {}, "per_page", "less_than_equal"),
    ("GET", f"/v1/insatser?kanal={MARK}", None, {}, "kanal", "enum"),
    ("GET", f"/v1/insatser?documentation_mode={MARK}", None, {}, "documentation_mode", "enum"),
    ("GET", f"/v1/insatser?q={LONG}", None, {}, "q", "string_too_long"),
    ("GET", f"/v1/insatser?as_of={MARK}", None, {}, "as_of", "value_error"),
    ("GET", f"/v1/catalog?as_of={MARK}", None, {}, "as_of", "value_error"),
    ("GET", f"/v1/statistics/decisions?from={MARK}", None, {}, "from", "value_error"),
    ("GET", "/v1/statistics/decisions?to=2026-02-30", None, {}, "to", "date_from_datetime_parsing"),
    ("GET", f"/v1/statistics/documentation?insats_id={LONG}", None, {}, "insats_id", "string_too_long"),
    ("GET", f"/v1/documentation?insats_id={LONG}", None, {}, "insats_id", "string_too_long"),
    ("GET", f"/v1/documentation?per_page={MARK}", None, {}, "per_page", "int_parsing"),
    ("GET", f"/v1/documentation/{LONG}", None, {}, "record_id", "string_too_long"),
]  # fmt: skip


def _assert_swedish_without_input(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert MARK not in response.text
    for text in (body["title"], body["detail"]):
        assert english_in(text) == set(), text
    for error in body.get("errors", []):
        assert english_in(error["message"]) == set(), error
        assert error["message"] != FALLBACK, error
    return body


@pytest.mark.parametrize(("method", "url", "body", "headers", "field", "code"), CASES)
async def test_every_bad_value_is_answered_in_swedish(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    body: Any,
    headers: dict[str, str],
    field: str,
    code: str,
) -> None:
    response = await client.request(method, url, json=body, headers=headers)
    assert response.status_code == 422, response.text
    found = _assert_swedish_without_input(response)
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in found["errors"]
    ], found


async def test_a_limit_is_named_as_api_md_shows_it(client: httpx.AsyncClient) -> None:
    response = await client.post(ONE, json={"applicant": {"age": 131}})
    assert response.json()["errors"] == [
        {"field": "applicant.age", "message": "Får vara högst 130.", "code": "less_than_equal"}
    ]


async def test_malformed_json_is_a_swedish_400(client: httpx.AsyncClient) -> None:
    for url in (ONE, ALL, DOCUMENT):
        response = await client.post(
            url,
            content=b'{"applicant": ' + MARK.encode(),
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 400, response.text
        assert _assert_swedish_without_input(response)["errors"][0]["code"] == "json_invalid"


def test_the_table_reaches_every_kind_of_error_the_schemas_raise() -> None:
    # Checked against the table itself, so a new kind of field shows up as a missing row.
    assert {code for *_, code in CASES} >= {
        "missing", "extra_forbidden", "model_attributes_type", "value_error", "string_type",
        "string_too_short", "string_too_long", "string_pattern_mismatch", "int_type",
        "int_parsing", "greater_than_equal", "less_than_equal", "bool_type", "list_type",
        "too_long", "enum", "date_from_datetime_parsing",
    }  # fmt: skip


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["2026-11-20", "2026-02-30", "2380", "cra", MARK, "199001011234", LONG])
    | st.sampled_from([131, -1, 40, 10**6, 1.5, [{"ended_on": "2026-11-20"}] * 101]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _bodies(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with the model's own field names (and nested ones) and arbitrary values."""
    schema = model.model_json_schema()
    # Every field name at any depth, so a field added later is fuzzed without editing this test.
    names = sorted(
        {
            name
            for part in (schema, *schema.get("$defs", {}).values())
            for name in part.get("properties", {})
        }
    )
    value = st.one_of(_JSON, st.dictionaries(st.sampled_from(names), _JSON, max_size=4))
    nested = st.one_of(value, st.lists(st.dictionaries(st.sampled_from(names), _JSON), max_size=3))
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=6), nested, max_size=6)


@pytest.mark.parametrize(
    "model", [EligibilityRequest, EligibilityAllRequest, DocumentationRecordIn]
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_is_sent_every_error_is_swedish(
    model: type[BaseModel], data: st.DataObject
) -> None:
    body = data.draw(_bodies(model))
    try:
        model.model_validate_json(json.dumps(body))
    except ValidationError as exc:
        for error in validation_errors(exc.errors()):
            assert english_in(error.message) == set(), error
            assert error.message != FALLBACK, error
            assert MARK not in error.message
            assert "199001011234" not in error.message
