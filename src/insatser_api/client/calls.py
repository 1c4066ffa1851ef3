"""Each endpoint once: how to ask (method, path, query, body) and how to read the answer.

The sync and async clients only send these, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter

from insatser_api.catalog.responses import CatalogInfo, CatalogVersions, InsatsDetail, InsatsSummary
from insatser_api.catalog.schemas import DocumentationMode, Kanal
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ
from insatser_api.catalog.vardkedja import VardkedjaGraph
from insatser_api.client.errors import ProblemResponse
from insatser_api.eligibility.schemas import (
    EligibilityAllRequest,
    EligibilityAllResponse,
    EligibilityRequest,
    EligibilityResponse,
    FactList,
)
from insatser_api.hsds.schemas import HsdsService, HsdsServicePage
from insatser_api.kit.page import Page
from insatser_api.ops.schemas import CatalogReloaded
from insatser_api.records.schemas import DocumentationRecordIn, DocumentationRecordOut
from insatser_api.statistics.schemas import DecisionStatistics, DocumentationStatistics

T = TypeVar("T")

# A request body as the service's model, or as plain JSON (to send what a model would refuse,
# e.g. in a test of the service's 422 answers).
EligibilityBody = EligibilityRequest | Mapping[str, Any]
EligibilityAllBody = EligibilityAllRequest | Mapping[str, Any]
DocumentationBody = DocumentationRecordIn | Mapping[str, Any]


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    method: str
    path: str
    read: Callable[[httpx.Response], T]
    params: dict[str, str | int] | None = None
    json: Any = None
    headers: dict[str, str] | None = None

    def request(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        return http.build_request(
            self.method, self.path, params=self.params, json=self.json, headers=self.headers
        )


def _model(model: type[T]) -> Callable[[httpx.Response], T]:
    adapter = TypeAdapter(model)

    def read(response: httpx.Response) -> T:
        if response.is_error:
            raise ProblemResponse.from_response(response)
        return adapter.validate_json(response.content)

    return read


def _read_readiness(response: httpx.Response) -> Readiness:
    # 503 is an answer here, not an error: it says which check failed.
    if response.status_code not in (200, 503):
        raise ProblemResponse.from_response(response)
    return Readiness.model_validate_json(response.content)


def _read_text(response: httpx.Response) -> str:
    if response.is_error:
        raise ProblemResponse.from_response(response)
    return response.text


def _params(**values: object) -> dict[str, str | int]:
    """Query parameters, None left out; dates in ISO form, the rest (the catalogue's enums
    are StrEnums) as their text."""
    params: dict[str, str | int] = {}
    for key, value in values.items():
        if value is None:
            continue
        params[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return params


def _body(body: BaseModel | Mapping[str, Any]) -> Any:
    if isinstance(body, BaseModel):
        return body.model_dump(mode="json", exclude_none=True)
    return dict(body)


def _insats_path(insats_id: str) -> str:
    return "/v1/insatser/" + quote(insats_id, safe="")


_INSATS_PAGE = _model(Page[InsatsSummary])
_RECORD_PAGE = _model(Page[DocumentationRecordOut])


def get_catalog(as_of: dt.date | None) -> Call[CatalogInfo]:
    return Call("GET", "/v1/catalog", _model(CatalogInfo), _params(as_of=as_of))


def list_catalog_versions() -> Call[CatalogVersions]:
    return Call("GET", "/v1/catalog/versions", _model(CatalogVersions))


def list_insatser(
    *,
    as_of: dt.date | None,
    sektor: str | None,
    enhet: str | None,
    documentation_mode: DocumentationMode | None,
    kanal: Kanal | None,
    q: str | None,
    typ: Typ | None,
    fokus: Fokus | None,
    vardkedja: Fas | None,
    page: int,
    per_page: int,
) -> Call[Page[InsatsSummary]]:
    params = _params(
        as_of=as_of,
        sektor=sektor,
        enhet=enhet,
        documentation_mode=documentation_mode,
        kanal=kanal,
        q=q,
        typ=typ,
        fokus=fokus,
        vardkedja=vardkedja,
        page=page,
        per_page=per_page,
    )
    return Call("GET", "/v1/insatser", _INSATS_PAGE, params)


def get_insats(insats_id: str, as_of: dt.date | None) -> Call[InsatsDetail]:
    return Call("GET", _insats_path(insats_id), _model(InsatsDetail), _params(as_of=as_of))


def list_facts(as_of: dt.date | None) -> Call[FactList]:
    return Call("GET", "/v1/facts", _model(FactList), _params(as_of=as_of))


def get_vardkedja(as_of: dt.date | None) -> Call[VardkedjaGraph]:
    return Call("GET", "/v1/vardkedja", _model(VardkedjaGraph), _params(as_of=as_of))


def list_hsds_services(
    *,
    as_of: dt.date | None,
    organization_id: uuid.UUID | str | None,
    taxonomy_term_id: uuid.UUID | str | None,
    taxonomy_id: uuid.UUID | str | None,
    page: int,
    per_page: int,
) -> Call[HsdsServicePage]:
    params = _params(
        as_of=as_of,
        organization_id=organization_id,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        page=page,
        per_page=per_page,
    )
    return Call("GET", "/v1/hsds/services", _model(HsdsServicePage), params)


def get_hsds_service(service_id: uuid.UUID | str, as_of: dt.date | None) -> Call[HsdsService]:
    path = "/v1/hsds/services/" + quote(str(service_id), safe="")
    return Call("GET", path, _model(HsdsService), _params(as_of=as_of))


def check_eligibility(insats_id: str, body: EligibilityBody) -> Call[EligibilityResponse]:
    path = _insats_path(insats_id) + "/eligibility"
    return Call("POST", path, _model(EligibilityResponse), json=_body(body))


def check_eligibility_all(
    body: EligibilityAllBody,
    *,
    sektor: str | None = None,
    enhet: str | None = None,
    documentation_mode: DocumentationMode | None = None,
    kanal: Kanal | None = None,
    q: str | None = None,
    typ: Typ | None = None,
    fokus: Fokus | None = None,
    vardkedja: Fas | None = None,
) -> Call[EligibilityAllResponse]:
    """The screening; the filters are the list's (`list_insatser`), and select among the
    insatser of the body's `insats_ids` when it has them."""
    params = _params(
        sektor=sektor,
        enhet=enhet,
        documentation_mode=documentation_mode,
        kanal=kanal,
        q=q,
        typ=typ,
        fokus=fokus,
        vardkedja=vardkedja,
    )
    return Call(
        "POST",
        "/v1/eligibility",
        _model(EligibilityAllResponse),
        params=params or None,
        json=_body(body),
    )


def create_documentation_record(
    insats_id: str, body: DocumentationBody, idempotency_key: str | None
) -> Call[DocumentationRecordOut]:
    path = _insats_path(insats_id) + "/documentation"
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
    return Call("POST", path, _model(DocumentationRecordOut), json=_body(body), headers=headers)


def list_documentation_records(
    *,
    insats_id: str | None,
    first: dt.date | None,
    last: dt.date | None,
    page: int,
    per_page: int,
) -> Call[Page[DocumentationRecordOut]]:
    params = _params(insats_id=insats_id, page=page, per_page=per_page, **_period(first, last))
    return Call("GET", "/v1/documentation", _RECORD_PAGE, params)


def get_documentation_record(record_id: str) -> Call[DocumentationRecordOut]:
    path = "/v1/documentation/" + quote(record_id, safe="")
    return Call("GET", path, _model(DocumentationRecordOut))


def decision_statistics(
    *, first: dt.date | None, last: dt.date | None, insats_id: str | None
) -> Call[DecisionStatistics]:
    params = _params(insats_id=insats_id, **_period(first, last))
    return Call("GET", "/v1/statistics/decisions", _model(DecisionStatistics), params)


def documentation_statistics(
    *, first: dt.date | None, last: dt.date | None, insats_id: str | None
) -> Call[DocumentationStatistics]:
    params = _params(insats_id=insats_id, **_period(first, last))
    return Call("GET", "/v1/statistics/documentation", _model(DocumentationStatistics), params)


def _period(first: dt.date | None, last: dt.date | None) -> dict[str, dt.date | None]:
    # `from` is a Python keyword, hence `first`/`last` in the methods.
    return {"from": first, "to": last}


def health_live() -> Call[dict[str, str]]:
    return Call("GET", "/health/live", _model(dict[str, str]))


def health_ready() -> Call[Readiness]:
    return Call("GET", "/health/ready", _read_readiness)


def metrics() -> Call[str]:
    return Call("GET", "/metrics", _read_text)


def reload_catalog() -> Call[CatalogReloaded]:
    return Call("POST", "/v1/admin/catalog/reload", _model(CatalogReloaded))


def http_headers(api_key: str | None, headers: Mapping[str, str] | None) -> dict[str, str]:
    merged = {"accept": "application/json", **(headers or {})}
    if api_key:
        merged["authorization"] = f"Bearer {api_key}"
    return merged
