"""Prometheus metrics: requests and latency per route template, eligibility outcomes per insats.

Labels hold only bounded, non-personal values: route templates (`/v1/insatser/{insats_id}`,
never the raw path, which a careless caller could fill with a personnummer), HTTP methods,
status codes, insats ids from the catalogue and the four outcomes.

Per worker or for all workers: with several uvicorn workers each is its own process. When
`PROMETHEUS_MULTIPROC_DIR` names a writable folder (`insatser-api serve` empties it at start),
prometheus-client keeps the values in files there and `/metrics` adds up every worker; without
it each worker counts for itself and a scrape sees whichever worker answered.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from insatser_api.rules import Decision
from insatser_api.security import scopes
from insatser_api.security.dependencies import require_scope
from insatser_api.security.errors import AUTH_RESPONSES

MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

# Unlabelled metrics open their file in the folder at import; the folder may not exist yet
# (`serve` empties and makes it after its imports, and a worker may start first in tests).
if os.environ.get(MULTIPROC_DIR_VARIABLE):
    Path(os.environ[MULTIPROC_DIR_VARIABLE]).mkdir(parents=True, exist_ok=True)

# The route label of a request no route matched (a typo, a scanner, a path with data in it).
UNMATCHED_ROUTE = "unmatched"

HTTP_REQUESTS = Counter(
    "insatser_http_requests",
    "HTTP requests answered, by method, route template and status code",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "insatser_http_request_duration_seconds",
    "Time from request to the end of the response, by method and route template",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
ELIGIBILITY_OUTCOMES = Counter(
    "insatser_eligibility_outcomes",
    "Eligibility answers given, by insats and outcome",
    ["insats_id", "outcome"],
)
CATALOG_RELOADS = Counter(
    "insatser_catalog_reloads",
    "Catalogue reloads, by result (ok: swapped in; refused: the old version kept serving)",
    ["result"],
)
# Per worker (`liveall`: one series per live process with its pid), so an operator sees which
# catalogue each worker of each instance serves: 1 for the digest served now, 0 for earlier ones.
CATALOG_DIGEST = Gauge(
    "insatser_catalog_digest_info",
    "The catalogue folder digest this worker serves (1) and earlier ones (0)",
    ["digest"],
    multiprocess_mode="liveall",
)
DECISION_LOG_DROPPED = Counter(
    "insatser_decision_log_dropped",
    "Decision log entries (one per insats answered) given up: the queue was full while the "
    "database was away (reason=overflow) or the database refused the rows (reason=rejected)",
    ["reason"],
)
DECISION_LOG_WRITTEN = Counter(
    "insatser_decision_log_written", "Decision log entries written to the database"
)
DECISION_LOG_WRITER_CPU = Counter(
    "insatser_decision_log_writer_cpu_seconds",
    "CPU seconds the decision log's writer thread spent counting and writing batches: the "
    "log's cost to the serving processes, to set beside their CPU time",
)
DECISION_LOG_QUEUED = Gauge(
    "insatser_decision_log_queued",
    "Decision log entries waiting in memory for the database, over all live workers",
    multiprocess_mode="livesum",
)
DATABASE_UNAVAILABLE = Counter(
    "insatser_database_unavailable",
    "Requests answered 503 because the database could not be reached or written",
)


# The labelled child of each (insats, outcome), looked up once: `labels()` costs about 1.5 µs,
# 28 times per screening; the set is bounded by the catalogue's ids times four outcomes.
_OUTCOME_COUNTERS: dict[tuple[str, str], Any] = {}


def record_decisions(decisions: Iterable[Decision]) -> None:
    """Count answers; the ids come from the compiled catalogue, so they are always known ones."""
    for decision in decisions:
        key = (decision.insats_id, decision.outcome)
        counter = _OUTCOME_COUNTERS.get(key)
        if counter is None:
            counter = ELIGIBILITY_OUTCOMES.labels(decision.insats_id, decision.outcome.value)
            _OUTCOME_COUNTERS[key] = counter
        counter.inc()


def render() -> bytes:
    if os.environ.get(MULTIPROC_DIR_VARIABLE):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


# A scraper needs no more than the follow-up counts it exports: `statistics:read`, not `admin`.
router = APIRouter(
    tags=["Drift"],
    responses=AUTH_RESPONSES,
    dependencies=[Depends(require_scope(scopes.STATISTICS_READ))],
)


@router.get(
    "/metrics",
    summary="Mätvärden för Prometheus",
    description="Antal anrop och svarstider per route-mall (aldrig den faktiska sökvägen), "
    "behörighetssvar per insats och utfall samt omladdningar av katalogen, i Prometheus "
    "textformat. Inga personuppgifter förekommer i etiketterna.",
    response_class=Response,
    responses={
        200: {
            "description": "Mätvärdena i Prometheus textformat",
            "content": {
                CONTENT_TYPE_LATEST: {
                    "schema": {"type": "string"},
                    "example": 'insatser_http_requests_total{method="GET",'
                    'route="/v1/insatser/{insats_id}",status="200"} 42.0\n',
                }
            },
        }
    },
)
def get_metrics() -> Response:
    return Response(render(), media_type=CONTENT_TYPE_LATEST)
