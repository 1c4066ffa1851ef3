"""A route class for the hot JSON endpoints: documented by FastAPI, answered without its solver.

FastAPI builds the route, its OpenAPI operation and its schemas from the endpoint's signature as
for any other route. Only the request handling differs: instead of FastAPI's general
dependency solving (which costs an eligibility request more than the rules themselves; see
docs/performance.md), the handler runs the route's dependencies, validates the path parameters
and the JSON body with pydantic, and awaits the endpoint.

What a lean endpoint may declare is checked when the route is built, so anything unsupported is
a `TypeError` at start-up rather than a silent difference at run time: path parameters, at most
one body parameter that is a pydantic model, the `Request`, and dependencies (route-level or in
the signature) that are `async` callables taking nothing but the `Request` (the API-key check).
The endpoint must be `async` and return a finished `Response`.

Errors are the ones FastAPI raises, so the app's exception handlers answer them alike: the
dependencies' own HTTP errors, and one `RequestValidationError` with the locations FastAPI uses,
`("path", name, ...)` and `("body", ...)`, or a `json_invalid` error for a body that is not JSON.
As with FastAPI, the dependencies (authentication) run before the body is judged, so a caller
without a valid key learns nothing about its body, not even that its JSON is malformed. The body
is validated straight from the JSON text (`model_validate_json`): one pass instead of
`json.loads` and then validation. tests/kit/test_lean_route.py sends both routes the same valid
and bad requests and compares the answers byte for byte.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, cast

import fastapi.routing
from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.types import Receive, Scope, Send

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


@dataclass(frozen=True, slots=True)
class _Dependency:
    call: Callable[..., Awaitable[Any]]
    takes_request: bool
    name: str | None  # the endpoint parameter that receives its value, if any


@dataclass(frozen=True, slots=True)
class _PathParameter:
    name: str
    alias: str
    adapter: TypeAdapter[Any]


@dataclass(frozen=True, slots=True)
class _Body:
    name: str
    model: type[BaseModel]
    required: bool


class LeanRoute(fastapi.routing.APIRoute):
    """Use as `APIRouter(route_class=LeanRoute)` for endpoints of the supported shape."""

    _lean: Handler
    # Set when an include_router() adds dependencies: FastAPI's own handling runs them.
    _inclusion_dependencies = False

    def get_route_handler(self) -> Handler:
        # Built (and the endpoint's shape checked) when the route is: a TypeError at start-up.
        lean = self._lean_handler()
        if _included_with_more_dependencies(self):
            # Dependencies given to include_router() live in FastAPI's inclusion context, which
            # the lean handler does not read: FastAPI's own handler runs them, never skips them.
            self._inclusion_dependencies = True
            return super().get_route_handler()
        self._lean = lean
        return lean

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        # FastAPI wraps a handler in two exit stacks and its own exception handling; a lean
        # handler needs neither, and its exceptions reach the app's ExceptionMiddleware, which
        # answers them with the same handlers. A wrong method is left to FastAPI (its 405).
        if self._inclusion_dependencies or scope["method"] not in (self.methods or ()):
            await super().handle(scope, receive, send)
            return
        response = await self._lean(Request(scope, receive, send))
        await response(scope, receive, send)

    def _lean_handler(self) -> Handler:
        endpoint = self.dependant.call
        if endpoint is None or not inspect.iscoroutinefunction(endpoint):
            raise TypeError(f"{self.path}: a lean endpoint must be an async function")
        if _injects_more_than_the_request(self.dependant):
            raise TypeError(
                f"{self.path}: a lean route takes only path parameters, a body and Request"
            )
        return _handler(
            endpoint,
            dependencies=[_dependency(self.path, d) for d in self.dependant.dependencies],
            path_parameters=[_path_parameter(field) for field in self.dependant.path_params],
            body=_body(self.path, self.dependant),
            request_name=self.dependant.request_param_name,
        )


def _handler(
    endpoint: Callable[..., Awaitable[Response]],
    *,
    dependencies: Sequence[_Dependency],
    path_parameters: Sequence[_PathParameter],
    body: _Body | None,
    request_name: str | None,
) -> Handler:
    async def handle(request: Request) -> Response:
        arguments: dict[str, Any] = {}
        # Tests may replace a dependency through `app.dependency_overrides`, as FastAPI allows.
        overrides: dict[Any, Any] = getattr(request.app, "dependency_overrides", None) or {}
        for dependency in dependencies:
            override = overrides.get(dependency.call)
            if override is not None:
                value = await _run_override(override, request)
            elif dependency.takes_request:
                value = await dependency.call(request)
            else:
                value = await dependency.call()
            if dependency.name is not None:
                arguments[dependency.name] = value
        errors: list[dict[str, Any]] = []
        path_values = request.path_params
        for parameter in path_parameters:
            try:
                arguments[parameter.name] = parameter.adapter.validate_python(
                    path_values[parameter.alias]
                )
            except ValidationError as exc:
                errors.extend(_located(exc, ("path", parameter.alias)))
        if body is not None:
            raw = await request.body()
            if not raw:
                if body.required:
                    errors.append({"type": "missing", "loc": ("body",), "msg": "Field required"})
                else:
                    arguments[body.name] = None
            else:
                try:
                    arguments[body.name] = body.model.model_validate_json(raw)
                except ValidationError as exc:
                    errors.extend(_body_errors(exc))
        if errors:
            raise RequestValidationError(errors)
        if request_name is not None:
            arguments[request_name] = request
        response = await endpoint(**arguments)
        if not isinstance(response, Response):
            raise TypeError("a lean endpoint must return a Response")
        return response

    return handle


async def _run_override(override: Callable[..., Any], request: Request) -> Any:
    """A test's stand-in for a dependency: given the Request if it takes a parameter."""
    result = override(request) if inspect.signature(override).parameters else override()
    return await result if inspect.isawaitable(result) else result


# FastAPI validates a decoded body with from_attributes=True, where a value that is not an
# object is a `model_attributes_type` error; validated from JSON it is a `model_type` error.
# Callers see the code, so the lean route reports FastAPI's.
_FASTAPI_TYPES = {"model_type": "model_attributes_type"}


def _body_errors(exc: ValidationError) -> list[dict[str, Any]]:
    found = _located(exc, ("body",))
    if any(error["type"] == "json_invalid" for error in found):
        return [{"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error"}]
    return [{**error, "type": _FASTAPI_TYPES.get(error["type"], error["type"])} for error in found]


def _located(exc: ValidationError, prefix: tuple[str, ...]) -> list[dict[str, Any]]:
    # The input is left out: it is the caller's data and may hold a personnummer. The context
    # stays: the Swedish message names the schema's limit from it ("Får vara högst 130.").
    found = exc.errors(include_url=False, include_input=False)
    return [{**error, "loc": (*prefix, *error["loc"])} for error in found]


def _injects_more_than_the_request(dependant: Dependant) -> bool:
    """Whether a callable asks FastAPI for query, header or cookie parameters, or for objects
    a lean handler does not make (a Response, BackgroundTasks, SecurityScopes, ...)."""
    return bool(
        dependant.query_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.response_param_name is not None
        or dependant.background_tasks_param_name is not None
        or dependant.security_scopes_param_name is not None
        or dependant.http_connection_param_name is not None
        or dependant.websocket_param_name is not None
    )


def _dependency(path: str, dependant: Dependant) -> _Dependency:
    call = dependant.call
    if (
        call is None
        or not _is_async(call)
        or _injects_more_than_the_request(dependant)
        or dependant.path_params
        or dependant.body_params
        or dependant.dependencies
    ):
        raise TypeError(
            f"{path}: a lean route's dependencies must be async and take only the Request"
        )
    return _Dependency(call, dependant.request_param_name is not None, dependant.name)


def _path_parameter(field: Any) -> _PathParameter:
    info = field.field_info
    # The parameter's type with its constraints (e.g. max_length), as FastAPI validates it.
    adapter: TypeAdapter[Any] = TypeAdapter(cast(Any, Annotated[info.annotation, info]))
    return _PathParameter(field.name, field.alias, adapter)


def _body(path: str, dependant: Dependant) -> _Body | None:
    if not dependant.body_params:
        return None
    if len(dependant.body_params) > 1:
        raise TypeError(f"{path}: a lean route takes at most one body parameter")
    field = dependant.body_params[0]
    model = field.field_info.annotation
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"{path}: a lean route's body must be a pydantic model")
    return _Body(field.name, model, field.field_info.is_required())


def _is_async(call: Callable[..., Any]) -> bool:
    # A function, or an object whose __call__ is (a security scheme such as ScopedBearer).
    return inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(
        getattr(call, "__call__", None)  # noqa: B004
    )


def _included_with_more_dependencies(route: LeanRoute) -> bool:
    """Whether FastAPI is building `route` for an include_router() that adds dependencies.

    FastAPI (0.165) builds an included route's handler with its inclusion context in a context
    variable; a test checks that such dependencies still run, so a FastAPI that changes this
    fails that test rather than skipping a dependency.
    """
    context = getattr(fastapi.routing, "_effective_route_context_var", None)
    current = context.get() if context is not None else None
    if current is None or current.original_route is not route or current.dependant is None:
        return False
    own = [d.call for d in route.dependant.dependencies]
    return [d.call for d in current.dependant.dependencies] != own
