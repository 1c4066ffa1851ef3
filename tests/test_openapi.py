"""openapi.yaml is the published contract and must equal what the app serves (`make openapi`)."""

import json
from typing import Any

import yaml
from fastapi import FastAPI

from tests.conftest import ROOT


def test_openapi_yaml_equals_the_served_spec(app: FastAPI) -> None:
    published = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    served: dict[str, Any] = json.loads(json.dumps(app.openapi()))
    assert published == served, "openapi.yaml is stale: run `make openapi`"


def test_api_md_names_are_published(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    assert {
        "/v1/catalog": {"get"},
        "/v1/catalog/versions": {"get"},
        "/v1/insatser": {"get"},
        "/v1/insatser/{insats_id}": {"get"},
        "/v1/insatser/{insats_id}/eligibility": {"post"},
        "/v1/eligibility": {"post"},
        "/v1/facts": {"get"},
    }.items() <= {path: set(ops) for path, ops in paths.items()}.items()
    schemas = app.openapi()["components"]["schemas"]
    answer = schemas["EligibilityResponse"]["properties"]
    for field in (
        "insats_id",
        "catalog_version",
        "as_of",
        "outcome",
        "conditions",
        "missing_facts",
        "next_questions",
        "consent",
        "target_group",
        "documentation",
        "stay_limit",
        "eligible_from",
        "what_would_change",
        "information",
    ):
        assert field in answer
    assert set(schemas["Summary"]["properties"]) == {
        "eligible",
        "requires_guardian_consent",
        "needs_information",
        "not_eligible",
        "missing_facts",
        "next_questions",
        "outside_target_group",
    }
    screening = paths["/v1/eligibility"]["post"]["parameters"]
    assert {p["name"] for p in screening if p["in"] == "query"} >= {
        "sektor",
        "enhet",
        "documentation_mode",
        "kanal",
        "q",
    }


def test_the_screening_documents_the_lists_filters(app: FastAPI) -> None:
    # The screening reads them itself (catalog/filters.py filter_of_query); main.py copies them.
    paths = app.openapi()["paths"]
    screening = paths["/v1/eligibility"]["post"]["parameters"]
    listed = {p["name"]: p for p in paths["/v1/insatser"]["get"]["parameters"]}
    assert [p["name"] for p in screening] == [
        "sektor",
        "enhet",
        "documentation_mode",
        "kanal",
        "q",
        "typ",
        "fokus",
        "vardkedja",
    ]
    assert all(p == listed[p["name"]] for p in screening)
