"""The ceiling of the eligibility endpoints: how close to the floor any answer could come.

Issue 18 asks a one check to reach 0.9× and a screening 0.7× of the floor's requests/s
(`GET /health/live`). This part measures what the service would reach if working out and writing
an answer cost nothing: `served_app` is the service's own app (`insatser_api.main.served_app`)
with recorded-answer routes beside the real ones, in the same router, so they are matched,
authenticated and wrapped by the same middleware:

- **FastAPI route** (`/bench/ceiling/fastapi/…`): the real endpoint's parameters (the insats id,
  the body model, the registry, for a screening the list's filters, and the router's scope
  check), and a recorded answer as the result. Everything FastAPI and the service do for the
  endpoint except the rules and the answer.
- **FastAPI route, body only** (`/bench/ceiling/body/…`): the body model (and the insats id), the scope
  check, nothing else: the least a FastAPI route that validates and authenticates can cost.
- **ASGI route** (`/bench/ceiling/asgi/…`): a Starlette route that reads the body and sends the
  same recorded bytes: no validation, no scope check. The least any implementation that passes
  through the app's middleware and uvicorn can cost.

A recorded answer is a real answer of the service: per insats, the answer of the bench's first
people whose answer is of median length, so the bytes sent are as many as the real endpoint's.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from starlette.routing import Route

from bench.http import Endpoint
from bench.people import INSATS_IDS, people_bodies
from insatser_api import main
from insatser_api.catalog.dependencies import InsatsIdPath, RegistryDep, version_in_force
from insatser_api.catalog.filters import InsatsFilterDep
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.eligibility import router as eligibility
from insatser_api.eligibility.answers import answer_json, screening_json
from insatser_api.eligibility.schemas import (
    EligibilityAllRequest,
    EligibilityAllResponse,
    EligibilityRequest,
    EligibilityResponse,
)
from insatser_api.eligibility.situation_from_request import build_situation
from insatser_api.kit.dates import today_in_stockholm

PREFIX = "/bench/ceiling"
KINDS = {
    "fastapi": "FastAPI route, recorded answer",
    "body": "FastAPI route, body only",
    "asgi": "ASGI route, recorded answer",
}
SAMPLE = 200  # people whose answers are worked out to choose the recorded one

# Per insats id (and "" for the screening), the recorded answer; filled when the app is built.
_recorded: dict[str, bytes] = {}


def _median_sized(answers: list[bytes]) -> bytes:
    middle = statistics.median_low(len(a) for a in answers)
    return next(a for a in answers if len(a) == middle)


def record_answers(registry: CatalogRegistry) -> dict[str, bytes]:
    """Real answers of the service to the bench's first people, one of median length per insats
    and one for the screening."""
    one: dict[str, list[bytes]] = {i: [] for i in INSATS_IDS}
    screenings = []
    for body in people_bodies(SAMPLE):
        request = EligibilityAllRequest.model_validate(body)
        as_of = request.as_of or today_in_stockholm()
        version = version_in_force(registry, as_of)
        situation = build_situation(request, as_of, version)
        decisions = version.compiled.judge_all(situation)
        birth_date = situation.applicant.birth_date
        screenings.append(screening_json(version, as_of, decisions, birth_date))
        for decision in decisions:
            one[decision.insats_id].append(answer_json(version, decision, birth_date))
    recorded = {insats_id: _median_sized(answers) for insats_id, answers in one.items()}
    recorded[""] = _median_sized(screenings)
    return recorded


async def _fastapi_one(
    insats_id: InsatsIdPath, body: EligibilityRequest, registry: RegistryDep, request: Request
) -> Response:
    return eligibility.JsonAnswer(_recorded[insats_id], "ceiling")


async def _fastapi_all(
    body: EligibilityAllRequest, registry: RegistryDep, request: Request, selection: InsatsFilterDep
) -> Response:
    return eligibility.JsonAnswer(_recorded[""], "ceiling")


async def _body_one(body: EligibilityRequest, insats_id: InsatsIdPath) -> Response:
    return eligibility.JsonAnswer(_recorded[insats_id], "ceiling")


async def _body_all(body: EligibilityAllRequest) -> Response:
    return eligibility.JsonAnswer(_recorded[""], "ceiling")


async def _asgi(request: Request) -> Response:
    await request.body()
    insats_id = request.path_params.get("insats_id", "")
    return eligibility.JsonAnswer(_recorded[insats_id], "ceiling")


def _add_routes() -> None:
    router = eligibility.router
    if any(getattr(r, "path", "").startswith(PREFIX) for r in router.routes):
        return
    router.add_api_route(
        f"{PREFIX}/fastapi/v1/insatser/{{insats_id}}/eligibility",
        _fastapi_one,
        methods=["POST"],
        response_model=EligibilityResponse,
        include_in_schema=False,
    )
    router.add_api_route(
        f"{PREFIX}/fastapi/v1/eligibility",
        _fastapi_all,
        methods=["POST"],
        response_model=EligibilityAllResponse,
        include_in_schema=False,
    )
    router.add_api_route(
        f"{PREFIX}/body/v1/insatser/{{insats_id}}/eligibility",
        _body_one,
        methods=["POST"],
        response_model=EligibilityResponse,
        include_in_schema=False,
    )
    router.add_api_route(
        f"{PREFIX}/body/v1/eligibility",
        _body_all,
        methods=["POST"],
        response_model=EligibilityAllResponse,
        include_in_schema=False,
    )
    router.routes.append(
        Route(f"{PREFIX}/asgi/v1/insatser/{{insats_id}}/eligibility", _asgi, methods=["POST"])
    )
    router.routes.append(Route(f"{PREFIX}/asgi/v1/eligibility", _asgi, methods=["POST"]))


def served_app() -> FastAPI:
    """`insatser_api.main.served_app` with the ceiling's routes (uvicorn's factory)."""
    _add_routes()
    app = main.served_app()
    _recorded.update(record_answers(app.state.registry))
    return app


def endpoints(real: list[Endpoint]) -> Iterator[Endpoint]:
    """For each distinct eligibility endpoint of `real`, its two ceilings, on the same people."""
    for endpoint in real:
        if not endpoint.distinct:
            continue
        for kind, what in KINDS.items():
            yield Endpoint(
                f"{endpoint.name}_ceiling_{kind}",
                f"{endpoint.label.split(',')[0]}: {what}",
                tuple((m, f"{PREFIX}/{kind}{path}", body) for m, path, body in endpoint.requests),
                distinct=True,
            )


def sizes(recorded: dict[str, bytes]) -> dict[str, Any]:
    """The recorded answers' lengths in bytes: the one checks' median, and the screening's."""
    one = [len(a) for i, a in recorded.items() if i]
    return {"one_check_median_bytes": statistics.median(one), "screening_bytes": len(recorded[""])}


def answer_sizes(catalog_dir: Path) -> dict[str, Any]:
    """`sizes` of the answers `served_app` records, worked out in this process."""
    return sizes(record_answers(CatalogRegistry.from_directory(catalog_dir)))
