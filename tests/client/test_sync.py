"""The blocking client against a real uvicorn process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from insatser_api.catalog.schemas import DocumentationMode, Kanal
from insatser_api.client import InsatserClient, ProblemResponse
from insatser_api.eligibility.schemas import EligibilityAllRequest, EligibilityRequest
from insatser_api.rules import Outcome
from tests.server import Server


@pytest.fixture
def api(server: Server) -> Iterator[InsatserClient]:
    with InsatserClient(server.url) as client:
        yield client


def test_catalog_and_versions(api: InsatserClient) -> None:
    catalog = api.get_catalog(as_of=dt.date(2026, 1, 1))
    assert catalog.kommun.kod == "2380"
    assert catalog.insats_count == 28
    versions = api.list_catalog_versions()
    assert [v.version for v in versions.items] == [catalog.version]


def test_list_filters_and_pages(api: InsatserClient) -> None:
    first = api.list_insatser(per_page=10)
    assert (len(first.items), first.total_items, first.page) == (10, 28, 1)
    assert len(list(api.iter_insatser(per_page=10))) == 28
    advisory = api.list_insatser(documentation_mode=DocumentationMode.ADVISORY)
    assert {i.id for i in advisory.items} >= {"samarbetssamtal", "radgivande-samtal"}
    in_app = api.list_insatser(kanal=Kanal.APP, sektor="Öppenvård", q="samtal")
    assert all(Kanal.APP in i.kanaler for i in in_app.items)


def test_facts(api: InsatserClient) -> None:
    facts = {item.fact: item for item in api.list_facts().items}
    history = facts["history"]
    assert [(a.request, a.negative) for a in history.answers] == [({"history": []}, True)]


def test_one_insats(api: InsatserClient) -> None:
    cra = api.get_insats("cra")
    assert (cra.section, cra.enhet) == ("4.5.3", "Nexus")


def test_eligibility_one_and_all(api: InsatserClient) -> None:
    request = EligibilityRequest.model_validate(
        {"as_of": "2026-11-20", "applicant": {"age": 40, "folkbokford_kommunkod": "2380"}}
    )
    answer = api.check_eligibility("cra", request)
    assert answer.outcome is Outcome.ELIGIBLE
    everything = api.check_eligibility_all(
        EligibilityAllRequest.model_validate(
            {"applicant": {"age": 40}, "insats_ids": ["cra", "akutboendet"]}
        )
    )
    assert [r.insats_id for r in everything.results] == ["cra", "akutboendet"]
    assert "applicant.folkbokford_kommunkod" in everything.summary.missing_facts
    first = everything.summary.next_questions[0]
    assert (first.fact, first.decides) == ("applicant.folkbokford_kommunkod", ["cra"])
    nexus = api.check_eligibility_all({"applicant": {"age": 40}}, enhet="Nexus", q="booster")
    assert [r.insats_id for r in nexus.results] == ["booster-nexus"]


def test_error_answers_raise_with_the_problem(api: InsatserClient) -> None:
    with pytest.raises(ProblemResponse) as caught:
        api.get_insats("finns-inte")
    assert caught.value.status == 404
    assert caught.value.problem.type.endswith("not-found")
    with pytest.raises(ProblemResponse) as invalid:
        api.check_eligibility("cra", {"applicant": {"age": -1}})
    assert invalid.value.status == 422
    assert invalid.value.problem.errors
    assert invalid.value.problem.errors[0].field == "applicant.age"


def test_health_and_metrics(api: InsatserClient) -> None:
    assert api.health_live() == {"status": "ok"}
    ready = api.health_ready()
    assert ready.ready
    assert ready.checks == {"catalog": "ok", "database": "ok"}
    assert 'route="/v1/insatser/{insats_id}"' in api.metrics()


def test_api_key_is_sent_as_bearer(server: Server) -> None:
    with InsatserClient(server.url, api_key="nyckel-123") as client:
        assert client.http.headers["authorization"] == "Bearer nyckel-123"
        assert client.health_live() == {"status": "ok"}
