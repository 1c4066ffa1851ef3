"""The error every client method raises for a 4xx or 5xx answer."""

from __future__ import annotations

import httpx
from pydantic import ValidationError

from insatser_api.kit.problem import PROBLEM_MEDIA_TYPE, Problem


class ProblemResponse(Exception):
    """The service answered with an error; `problem` is its RFC 9457 body."""

    def __init__(self, problem: Problem, response: httpx.Response) -> None:
        super().__init__(f"{problem.status} {problem.title}: {problem.detail}")
        self.problem = problem
        self.status = problem.status
        self.response = response

    @classmethod
    def from_response(cls, response: httpx.Response) -> ProblemResponse:
        if response.headers.get("content-type", "").startswith(PROBLEM_MEDIA_TYPE):
            try:
                return cls(Problem.model_validate_json(response.content), response)
            except ValidationError:
                pass
        # Not from this service (a proxy, a load balancer): keep what can be known.
        return cls(
            Problem(
                type="about:blank",
                title=response.reason_phrase or "Fel",
                status=response.status_code,
                detail=response.text[:500],
            ),
            response,
        )
