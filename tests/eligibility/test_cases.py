"""The YAML eligibility cases under tests/cases/, run through the HTTP API (OpenFisca style).

Each file names an insats and lists cases: a request body and the expected answer. Keys under
`expect` that a case leaves out are not checked. Besides the answer's own fields: texts the
consent message or the målgrupp note must contain or lack (`consent_message_contains`,
`…_lacks`, `target_group_note_contains`, `…_lacks`), the facts of `next_questions` in order,
and `what_would_change` as the list of its code sets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in document["cases"]:
            insats = case.get("path_insats") or case.get("insats") or document.get("insats")
            params.append(pytest.param(insats, _jsonable(case), id=f"{path.stem}: {case['name']}"))
    return params


CASES = _load_cases()


def test_every_insats_has_at_least_three_cases(registry: Any) -> None:
    counts: dict[str, int] = {}
    for param in CASES:
        insats, case = param.values
        if "status" not in case["expect"]:
            counts[insats] = counts.get(insats, 0) + 1
    version = registry.versions[-1]
    assert {i: counts.get(i, 0) for i in version.insatser if counts.get(i, 0) < 3} == {}


@pytest.mark.parametrize(("insats", "case"), CASES)
async def test_case(client: httpx.AsyncClient, insats: str, case: dict[str, Any]) -> None:
    response = await client.post(f"/v1/insatser/{insats}/eligibility", json=case["request"])
    expect = case["expect"]
    if "status" in expect:
        assert response.status_code == expect["status"], response.text
        assert response.headers["content-type"] == "application/problem+json"
        fields = {e["field"] for e in response.json().get("errors", [])}
        named = expect.get("error_fields", case.get("error_fields", []))
        assert set(named) <= fields, response.text
        return
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["outcome"] == expect["outcome"], _explain(answer)
    if "missing_facts" in expect:
        assert sorted(answer["missing_facts"]) == sorted(expect["missing_facts"]), _explain(answer)
    statuses = {c["code"]: c["status"] for c in answer["conditions"]}
    for code, status in expect.get("conditions", {}).items():
        assert statuses.get(code) == status, f"{code}: {_explain(answer)}"
    if "consent_required" in expect:
        assert answer["consent"]["required"] == expect["consent_required"], _explain(answer)
    if "documentation_mode" in expect:
        assert answer["documentation"]["mode"] == expect["documentation_mode"]
    if "stay_limit_until" in expect:
        assert answer["stay_limit"]["until"] == expect["stay_limit_until"], _explain(answer)
    if "outside_target_group" in expect:
        outside = answer["target_group"]["applicant_outside"]
        assert outside == expect["outside_target_group"], answer["target_group"]
    consent_message = answer["consent"]["message"]
    for text in expect.get("consent_message_contains", []):
        assert text in consent_message, consent_message
    for text in expect.get("consent_message_lacks", []):
        assert text not in consent_message, consent_message
    note = answer["target_group"]["note"]
    for text in expect.get("target_group_note_contains", []):
        assert text in note, note
    for text in expect.get("target_group_note_lacks", []):
        assert text not in note, note
    if "next_questions" in expect:
        assert [q["fact"] for q in answer["next_questions"]] == expect["next_questions"]
    if "eligible_from" in expect:
        assert answer.get("eligible_from") == expect["eligible_from"], _explain(answer)
    if "what_would_change" in expect:
        changes = [c["codes"] for c in answer.get("what_would_change") or []]
        assert changes == expect["what_would_change"], answer.get("what_would_change")
    if "information_present" in expect:
        assert bool(answer.get("information")) == expect["information_present"]
    if answer["outcome"] == "not_eligible":
        assert "11 kap. 6 §" in answer["information"]


def _explain(answer: dict[str, Any]) -> str:
    conditions = ", ".join(f"{c['code']}={c['status']}" for c in answer["conditions"])
    return (
        f"outcome={answer['outcome']} missing={answer['missing_facts']} [{conditions}] "
        f"consent={answer['consent']}"
    )
