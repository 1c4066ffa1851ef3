"""`python -m bench.questions`: how many questions a form asks before every insats is decided.

Made-up people (ages 0–90, folkbokförda in the kommun, elsewhere and nowhere, with and without
children, placed outside the home or not, with and without earlier insatser, every yes/no fact)
each have a complete, truthful profile. Each starts from a birth date only and is screened
(`POST /v1/eligibility`, in-process: the request model, `build_situation`, the compiled
catalogue, the answer's summary); each round the person answers one question from the profile,
until nothing is `needs_information`, then on until nothing is left to ask. Two flows:

- `next_questions`: the first of the summary's `next_questions`, answered with the answer of
  `GET /v1/facts` that is true of the person ("not placed" says both placement fields);
- `missing_facts`, as an app does today: the first of the summary's `missing_facts` (the
  catalogue's question order), answered field by field; once nothing is missing, the consent
  and participation questions, so that every flow ends with the whole profile's outcomes;
- `missing_facts_any_order`: the same, but any missing fact first (the union has no order
  that says which question settles most, so an app may ask them in any order).

Every flow must end with the outcomes of the complete profile judged at once (checked for
every person here, and on a sample by tests/bench/test_questions.py). No real personnummer: the
people are random birth dates and facts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion
from insatser_api.eligibility.answers import summarize
from insatser_api.eligibility.schemas import EligibilityAllRequest, Summary
from insatser_api.eligibility.situation_from_request import build_situation
from insatser_api.facts import NO_KOMMUN, OTHER_KOMMUN, FactKey
from insatser_api.rules.age import add_years

AS_OF = dt.date(2026, 11, 20)
OSTERSUND = "2380"
ELSEWHERE = "2361"  # Härjedalen
CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalog" / "ostersund"
# No flow may take more rounds than there are facts (each is asked at most once).
MAX_ROUNDS = 2 * len(FactKey)

Body = dict[str, Any]


def merged(body: Body, extra: Body) -> Body:
    """`extra` merged into `body` at every depth, as an app adds an answer to its request."""
    result = dict(body)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


@dataclass(frozen=True, slots=True)
class Person:
    """A complete, truthful profile. `answers` says, per fact, what the person says when asked
    in each flow (`combined`: the /v1/facts answer; `single`: the one field asked)."""

    birth_date: dt.date
    full: Body
    combined: dict[FactKey, Body] = field(repr=False)
    single: dict[FactKey, Body] = field(repr=False)


_HISTORY_IDS = (
    "cra",
    "aterfallsprevention",
    "spelbehandling",
    "anhorigstod",
    "biffsamtal",
    "booster-bryggan",
    "bra-samtal-vuxen",
    "tolvsteg-grupp",
)


def make_person(rng: random.Random) -> Person:
    age = rng.randint(0, 90)
    birth_date = AS_OF - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 364))
    age_years = (AS_OF - birth_date).days // 366  # a rough age for the profile's choices only
    combined: dict[FactKey, Body] = {}
    single: dict[FactKey, Body] = {}

    def both(key: FactKey, answer: Body) -> None:
        combined[key] = single[key] = answer

    folkbokford = rng.choices([OSTERSUND, ELSEWHERE, NO_KOMMUN, OTHER_KOMMUN], [70, 15, 10, 5])[0]
    both(FactKey.APPLICANT_FOLKBOKFORD, {"applicant": {"folkbokford_kommunkod": folkbokford}})

    has_child = (age_years >= 18 and rng.random() < 0.5) or (
        15 <= age_years < 18 and rng.random() < 0.05
    )
    if has_child:
        child_age = rng.randint(0, max(0, min(age_years - 15, 30)))
        child_birth = add_years(AS_OF, -child_age) - dt.timedelta(days=rng.randint(0, 364))
        child_birth = max(child_birth, birth_date + dt.timedelta(days=1))
        child_kommun = rng.choices([OSTERSUND, ELSEWHERE, NO_KOMMUN], [80, 15, 5])[0]
        both(FactKey.CHILD_AGE, {"child": {"birth_date": child_birth.isoformat()}})
        both(FactKey.CHILD_FOLKBOKFORD, {"child": {"folkbokford_kommunkod": child_kommun}})
        both(FactKey.CHILD_PARTICIPATES, {"child": {"participates": rng.random() < 0.4}})
    else:
        for key in (FactKey.CHILD_AGE, FactKey.CHILD_FOLKBOKFORD, FactKey.CHILD_PARTICIPATES):
            both(key, {"child": {"exists": False}})

    if age_years < 18 or (has_child and age_years < 18):
        both(FactKey.GUARDIAN_CONSENT, {"guardian_consent": rng.random() < 0.8})
    else:
        both(FactKey.GUARDIAN_CONSENT, {"guardian_consent": rng.random() < 0.5})

    history = []
    for _ in range(rng.choices([0, 1, 2], [60, 30, 10])[0]):
        ended = AS_OF - dt.timedelta(days=rng.randint(0, 730))
        if rng.random() < 0.2:
            history.append({"enhet": "Bryggan", "ended_on": ended.isoformat()})
        else:
            history.append({"insats_id": rng.choice(_HISTORY_IDS), "ended_on": ended.isoformat()})
    both(FactKey.HISTORY, {"history": history})

    for key in (
        FactKey.HAS_CRA_BEHANDLARE,
        FactKey.HAD_BOSTAD_FORST,
        FactKey.HAS_HYRESKONTRAKT_IN_KOMMUN,
        FactKey.COMPLETED_12_STEP_PRIMARY,
    ):
        both(key, {"facts": {key.value.removeprefix("facts."): rng.random() < 0.15}})

    placed = 7 <= age_years <= 17 and rng.random() < 0.2
    by_name, in_name = "placed_outside_home_by_kommunkod", "placed_outside_home_in_kommunkod"
    if placed:
        by = rng.choice([OSTERSUND, ELSEWHERE])
        in_ = rng.choice([OSTERSUND, ELSEWHERE])
        both(FactKey.PLACED_BY_KOMMUNKOD, {"facts": {by_name: by}})
        both(FactKey.PLACED_IN_KOMMUNKOD, {"facts": {in_name: in_}})
    else:
        not_placed = {"facts": {by_name: NO_KOMMUN, in_name: NO_KOMMUN}}
        combined[FactKey.PLACED_BY_KOMMUNKOD] = combined[FactKey.PLACED_IN_KOMMUNKOD] = not_placed
        single[FactKey.PLACED_BY_KOMMUNKOD] = {"facts": {by_name: NO_KOMMUN}}
        single[FactKey.PLACED_IN_KOMMUNKOD] = {"facts": {in_name: NO_KOMMUN}}

    full: Body = {"as_of": AS_OF.isoformat(), "applicant": {"birth_date": birth_date.isoformat()}}
    for key, answer in single.items():
        if key is not FactKey.APPLICANT_AGE:
            full = merged(full, answer)
    if not has_child:
        full["child"] = {"exists": False}
    return Person(birth_date, full, combined, single)


def people(count: int, seed: int = 15) -> Iterator[Person]:
    rng = random.Random(seed)
    for _ in range(count):
        yield make_person(rng)


class Screener:
    """`POST /v1/eligibility` in-process: the same request model, situation and summary."""

    def __init__(self, version: CatalogVersion) -> None:
        self.version = version

    def screen(self, body: Body) -> tuple[list[str], Summary]:
        request = EligibilityAllRequest.model_validate(body)
        situation = build_situation(request, AS_OF, self.version)
        decisions = self.version.compiled.judge_all(situation)
        return [d.outcome.value for d in decisions], summarize(self.version, decisions)


@dataclass(frozen=True, slots=True)
class Flow:
    rounds: int  # questions answered until nothing is needs_information
    rounds_all: int  # questions answered until nothing is left to ask
    outcomes: list[str]


Pick = Callable[[Summary], str | None]


def by_next_questions(summary: Summary) -> str | None:
    return summary.next_questions[0].fact if summary.next_questions else None


def by_missing_facts(summary: Summary) -> str | None:
    if summary.missing_facts:
        return summary.missing_facts[0]
    # Nothing missing: the app asks what the answers say remains (consent, participation).
    return summary.next_questions[0].fact if summary.next_questions else None


def by_missing_facts_in_any_order(rng: random.Random) -> Pick:
    """`missing_facts` read as the flat union it is: the app cannot tell which question
    settles most, so any of them may come first (a seeded random one)."""

    def pick(summary: Summary) -> str | None:
        if summary.missing_facts:
            return rng.choice(summary.missing_facts)
        return summary.next_questions[0].fact if summary.next_questions else None

    return pick


def follow(screener: Screener, person: Person, pick: Pick, combined: bool) -> Flow:
    answers = person.combined if combined else person.single
    body: Body = {
        "as_of": AS_OF.isoformat(),
        "applicant": {"birth_date": person.birth_date.isoformat()},
    }
    outcomes, summary = screener.screen(body)
    asked = 0
    rounds = None
    while True:
        if rounds is None and not summary.needs_information:
            rounds = asked
        fact = pick(summary)
        if fact is None:
            break
        asked += 1
        if asked > MAX_ROUNDS:
            raise RuntimeError(f"no end after {MAX_ROUNDS} questions (last: {fact})")
        body = merged(body, answers[FactKey(fact)])
        outcomes, summary = screener.screen(body)
    return Flow(rounds if rounds is not None else asked, asked, outcomes)


def _figures(values: list[int]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return {"mean": round(statistics.fmean(values), 2), "p95": p95, "max": ordered[-1]}


def run(count: int, seed: int = 15) -> dict[str, Any]:
    version = CatalogRegistry.from_directory(CATALOG_DIR).in_force(AS_OF)
    screener = Screener(version)
    flows: dict[str, tuple[Pick, bool]] = {
        "next_questions": (by_next_questions, True),
        "missing_facts": (by_missing_facts, False),
        "missing_facts_any_order": (by_missing_facts_in_any_order(random.Random(seed)), False),
    }
    rounds: dict[str, list[int]] = {name: [] for name in flows}
    rounds_all: dict[str, list[int]] = {name: [] for name in flows}
    mismatches = 0
    for person in people(count, seed):
        expected, _ = screener.screen(person.full)
        for name, (pick, combined) in flows.items():
            flow = follow(screener, person, pick, combined)
            rounds[name].append(flow.rounds)
            rounds_all[name].append(flow.rounds_all)
            mismatches += flow.outcomes != expected
    return {
        "people": count,
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "outcomes_differ": mismatches,
        "until_no_needs_information": {name: _figures(v) for name, v in rounds.items()},
        "until_nothing_to_ask": {name: _figures(v) for name, v in rounds_all.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    report = run(args.people, args.seed)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if report["outcomes_differ"]:
        raise SystemExit("some flows did not end with the complete profile's outcomes")


if __name__ == "__main__":
    main()
