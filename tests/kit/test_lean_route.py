"""LeanRoute answers as FastAPI's own route does, refuses what it cannot answer alike, and runs
authentication before it reads a body."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.routing import APIRoute
from pydantic import Field, StrictBool, StrictInt

from insatser_api.kit.dates import IsoDate
from insatser_api.kit.errors import install_problem_handlers
from insatser_api.kit.lean_route import LeanRoute
from insatser_api.kit.schemas import StrictModel

Name = Annotated[str, Path(max_length=8)]


class Inner(StrictModel):
    flag: StrictBool | None = None
    when: IsoDate | None = None


class Body(StrictModel):
    count: StrictInt = Field(ge=0, le=10)
    inner: Inner | None = None
    items: list[Inner] | None = Field(default=None, max_length=2)


async def require_key(request: Request) -> str:
    if request.headers.get("x-key") != "open sesame":
        raise HTTPException(401, "Nyckel saknas.")
    return "caller"


async def echo(name: Name, body: Body, request: Request) -> Response:
    return Response(f"{name}:{body.model_dump_json()}:{request.method}", media_type="text/plain")


def _app(route_class: type[APIRoute]) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    router = APIRouter(route_class=route_class, dependencies=[Depends(require_key)])
    router.add_api_route("/things/{name}", echo, methods=["POST"])
    app.include_router(router)
    return app


async def _post(app: FastAPI, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.post(path, content=body, headers=headers)


STANDARD = _app(APIRoute)
LEAN = _app(LeanRoute)
KEY = {"x-key": "open sesame", "content-type": "application/json"}

# (path, body): valid requests and every kind of bad input a caller can send.
REQUESTS: list[tuple[str, bytes]] = [
    ("/things/a", b'{"count": 1}'),
    ("/things/a", b'{"count": 1, "inner": {"flag": true, "when": "2026-11-23"}}'),
    ("/things/a", b'{"count": 1, "items": [{"flag": false}, {}]}'),
    ("/things/a", b"{}"),
    ("/things/a", b'{"count": "1"}'),
    ("/things/a", b'{"count": 1.0}'),
    ("/things/a", b'{"count": true}'),
    ("/things/a", b'{"count": 11}'),
    ("/things/a", b'{"count": 1, "extra": 1}'),
    ("/things/a", b'{"count": 1, "inner": {"flag": "yes"}}'),
    ("/things/a", b'{"count": 1, "inner": {"when": "23/11/2026"}}'),
    ("/things/a", b'{"count": 1, "inner": {"when": "2026-02-30"}}'),
    ("/things/a", b'{"count": 1, "inner": []}'),
    ("/things/a", b'{"count": 1, "items": [{}, {}, {}]}'),
    ("/things/a", b'{"count": 1, "items": [{"flag": 1}]}'),
    ("/things/a", b"[1, 2]"),
    ("/things/a", b'"text"'),
    ("/things/a", b"null"),
    ("/things/a", b""),
    ("/things/a", b"{"),
    ("/things/a", b'{"count": 1,}'),
    ("/things/a", b'{"count": NaN}'),
    ("/things/a", b'{"count": 1, "count": "x"}'),
    ("/things/a", b'{"count": 99999999999999999999999}'),
    ("/things/toolongname", b'{"count": 1}'),
    ("/things/toolongname", b'{"count": "x"}'),
]


@pytest.mark.parametrize(("path", "body"), REQUESTS)
async def test_answers_as_fastapis_own_route(path: str, body: bytes) -> None:
    standard = await _post(STANDARD, path, body, KEY)
    lean = await _post(LEAN, path, body, KEY)
    assert lean.status_code == standard.status_code
    assert lean.headers["content-type"] == standard.headers["content-type"]
    assert lean.content == standard.content


async def test_authentication_comes_before_the_body_even_malformed_json() -> None:
    for app in (STANDARD, LEAN):
        answer = await _post(app, "/things/a", b"{", {})
        assert answer.status_code == 401
        assert answer.json()["detail"] == "Nyckel saknas."


async def test_validation_errors_never_echo_the_input() -> None:
    answer = await _post(LEAN, "/things/a", b'{"count": "198001011234"}', KEY)
    assert answer.status_code == 422
    assert b"198001011234" not in answer.content


async def test_dependency_overrides_are_honoured() -> None:
    app = _app(LeanRoute)

    async def let_everyone_in() -> str:
        return "test"

    app.dependency_overrides[require_key] = let_everyone_in
    answer = await _post(app, "/things/a", b'{"count": 2}', {})
    assert answer.status_code == 200
    assert answer.text.startswith("a:")


def _router_with(endpoint: Any, *, dependency: Any = None) -> None:
    router = APIRouter(route_class=LeanRoute)
    dependencies = [Depends(dependency)] if dependency else None
    router.add_api_route("/x/{name}", endpoint, methods=["POST"], dependencies=dependencies)


def test_refuses_what_it_cannot_answer_alike_when_the_route_is_built() -> None:
    async def with_query(name: str, body: Body, q: Annotated[int, Query()]) -> Response:
        raise AssertionError

    def synchronous(name: str, body: Body) -> Response:
        raise AssertionError

    async def two_bodies(name: str, a: Body, b: Body) -> Response:
        raise AssertionError

    async def plain_body(name: str, body: list[int]) -> Response:
        raise AssertionError

    async def fine(name: str, body: Body) -> Response:
        raise AssertionError

    def synchronous_dependency(request: Request) -> None:
        return None

    async def dependency_with_a_query(request: Request, q: int) -> None:
        return None

    for endpoint in (with_query, synchronous, two_bodies, plain_body):
        with pytest.raises(TypeError):
            _router_with(endpoint)
    for dependency in (synchronous_dependency, dependency_with_a_query):
        with pytest.raises(TypeError):
            _router_with(fine, dependency=dependency)
    _router_with(fine, dependency=require_key)


async def test_dependencies_given_to_include_router_still_run() -> None:
    # A lean handler reads the route's own dependencies only; FastAPI's handler takes over.
    router = APIRouter(route_class=LeanRoute)
    router.add_api_route("/things/{name}", echo, methods=["POST"])
    guarded = FastAPI()
    install_problem_handlers(guarded)
    guarded.include_router(router, dependencies=[Depends(require_key)])
    assert (await _post(guarded, "/things/a", b'{"count": 1}', {})).status_code == 401
    assert (await _post(guarded, "/things/a", b'{"count": 1}', KEY)).status_code == 200
    open_app = FastAPI()
    open_app.include_router(router)
    assert (await _post(open_app, "/things/a", b'{"count": 1}', {})).status_code == 200
