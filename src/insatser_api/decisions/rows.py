"""A batch of answered requests as counted rows of the decision log.

Answers that agree on every stored column are one row with their number in `answers`: a
screening answers 28 insatser, and people of one age asking on one day mostly get the same
28 answers, so a batch collapses to a fraction of its answers (docs/performance.md, fifth
round). No column holds the instant of a request; the day (Europe/Stockholm) is the finest
time kept, which is what statistics and gallring read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from insatser_api.kit.dates import STOCKHOLM
from insatser_api.rules import Decision, Status

COLUMNS = (
    "decided_on",
    "month",
    "client",
    "request_kind",
    "age_years",
    "insats_id",
    "catalog_version",
    "as_of",
    "outcome",
    "not_met_conditions",
    "unknown_conditions",
    "answers",
)

Row = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class AnsweredRequest:
    """One eligibility request's answers, as queued: the decisions are immutable, so the
    rows are built later, in the writer thread, off the request's path."""

    decided_at: dt.datetime
    client: str
    request_kind: str
    age_years: int | None
    decisions: Sequence[Decision]

    def head(self, dates_as_text: bool) -> Row:
        """The columns every answer of the request shares, in the order of `COLUMNS`."""
        day = self.decided_at.astimezone(STOCKHOLM).date()
        month = f"{day.year:04d}-{day.month:02d}"
        return (
            day.isoformat() if dates_as_text else day,
            month,
            self.client,
            self.request_kind,
            self.age_years,
        )


def counted_rows(batch: Iterable[AnsweredRequest], dates_as_text: bool) -> list[Row]:
    """The batch's answers as rows in the order of `COLUMNS`, equal rows counted once.

    Answers are counted per request head and decision object first, by identity: a repeated
    decision is mostly the same object (the rules layer hands out one decision for the same
    facts), and a dict keyed by the decision itself would compare two whole decisions
    whenever they share a hash, which on distinct people is most of the time. Each distinct
    decision then gives its half of a row once, and decisions whose halves are equal (other
    missing facts, another målgrupp note) are added up. Nothing is kept from one batch to the
    next: on distinct people, keeping the halves (by decision) cost more than it saved.
    """
    by_head: dict[Row, dict[int, int]] = {}
    decisions: dict[int, Decision] = {}
    for answered in batch:
        head = answered.head(dates_as_text)
        counts = by_head.get(head)
        if counts is None:
            counts = by_head[head] = {}
        for decision in answered.decisions:
            key = id(decision)
            count = counts.get(key)
            if count is None:
                counts[key] = 1
                decisions[key] = decision
            else:
                counts[key] = count + 1
    texts: dict[dt.date, object] = {}
    halves = {key: _tail(decision, dates_as_text, texts) for key, decision in decisions.items()}
    rows: list[Row] = []
    for head, counts in by_head.items():
        answers: dict[Row, int] = {}
        for key, count in counts.items():
            half = halves[key]
            answers[half] = answers.get(half, 0) + count
        rows.extend((*head, *half, count) for half, count in answers.items())
    return rows


def _tail(decision: Decision, dates_as_text: bool, texts: dict[dt.date, object]) -> Row:
    """The per-decision half of a row; `texts` holds the batch's prövningsdagar as the driver
    takes them (a batch has one or two)."""
    as_of = texts.get(decision.as_of)
    if as_of is None:
        as_of = texts[decision.as_of] = (
            decision.as_of.isoformat() if dates_as_text else decision.as_of
        )
    not_met: list[str] = []
    unknown: list[str] = []
    for condition in decision.conditions:
        if condition.status is Status.NOT_MET:
            not_met.append(condition.code)
        elif condition.status is Status.UNKNOWN:
            unknown.append(condition.code)
    return (
        decision.insats_id,
        decision.catalog_version,
        as_of,
        decision.outcome.value,
        " ".join(not_met),
        " ".join(unknown),
    )
