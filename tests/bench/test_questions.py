"""bench/questions.py: every simulated flow ends with the outcomes of the complete profile
judged at once, on a sample of its people; and the flows it compares can fail."""

from __future__ import annotations

import pytest

from bench import questions
from insatser_api.catalog.registry import CatalogRegistry

SAMPLE = list(questions.people(300, seed=2026))


@pytest.fixture(scope="module")
def screener(registry: CatalogRegistry) -> questions.Screener:
    return questions.Screener(registry.in_force(questions.AS_OF))


@pytest.mark.parametrize(
    ("pick", "combined"),
    [(questions.by_next_questions, True), (questions.by_missing_facts, False)],
    ids=["next_questions", "missing_facts"],
)
def test_every_flow_ends_with_the_complete_profiles_outcomes(
    screener: questions.Screener, pick: questions.Pick, combined: bool
) -> None:
    for person in SAMPLE:
        expected, _ = screener.screen(person.full)
        flow = questions.follow(screener, person, pick, combined)
        assert flow.outcomes == expected, person.full
        assert flow.rounds <= flow.rounds_all


def test_the_people_are_varied() -> None:
    ages = [questions.AS_OF.year - p.birth_date.year for p in SAMPLE]
    assert min(ages) <= 2
    assert max(ages) >= 85
    kommuner = {p.full["applicant"]["folkbokford_kommunkod"] for p in SAMPLE}
    assert kommuner == {"2380", "2361", "none", "other"}
    assert any(p.full["child"].get("exists") is False for p in SAMPLE)
    assert any("folkbokford_kommunkod" in p.full["child"] for p in SAMPLE)
    assert any(p.full["history"] for p in SAMPLE)
    assert any(not p.full["history"] for p in SAMPLE)
    placed = {p.full["facts"]["placed_outside_home_by_kommunkod"] for p in SAMPLE}
    assert {"none", "2380"} <= placed


def test_a_flow_that_stops_early_is_caught(screener: questions.Screener) -> None:
    # Answering nothing leaves the birth date's answers, which differ from the full profile's.
    def never(_: object) -> None:
        return None

    differ = 0
    for person in SAMPLE[:50]:
        expected, _ = screener.screen(person.full)
        differ += questions.follow(screener, person, never, True).outcomes != expected
    assert differ > 40


def test_next_questions_ask_fewer_than_the_flat_union() -> None:
    report = questions.run(300, seed=7)
    assert report["outcomes_differ"] == 0
    ordered = report["until_no_needs_information"]["next_questions"]
    flat = report["until_no_needs_information"]["missing_facts"]
    assert ordered["mean"] < flat["mean"]
    assert ordered["p95"] < flat["p95"]
