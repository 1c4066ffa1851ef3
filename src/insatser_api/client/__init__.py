"""A typed Python client for insatser-api, sync and async, over httpx.

    from insatser_api.client import InsatserClient

    with InsatserClient("http://127.0.0.1:8000", api_key="...") as api:
        answer = api.check_eligibility("cra", {"applicant": {"age": 30}})
        print(answer.outcome)

Methods return the service's own response models; an error answer raises `ProblemResponse`,
carrying the RFC 9457 body. Importing this package loads the response models and httpx, never
the app, the rules layer or the database (tests/client/test_import.py).
"""

from insatser_api.catalog.schemas import DocumentationMode, Kanal
from insatser_api.client.asynchronous import AsyncInsatserClient
from insatser_api.client.calls import (
    DocumentationBody,
    EligibilityAllBody,
    EligibilityBody,
    Readiness,
)
from insatser_api.client.errors import ProblemResponse
from insatser_api.client.sync import InsatserClient

__all__ = [
    "AsyncInsatserClient",
    "DocumentationBody",
    "DocumentationMode",
    "EligibilityAllBody",
    "EligibilityBody",
    "InsatserClient",
    "Kanal",
    "ProblemResponse",
    "Readiness",
]
