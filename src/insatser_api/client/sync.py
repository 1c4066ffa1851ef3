"""The blocking client."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Self, TypeVar

import httpx

from insatser_api.catalog.responses import CatalogInfo, CatalogVersions, InsatsDetail, InsatsSummary
from insatser_api.catalog.schemas import DocumentationMode, Kanal
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ
from insatser_api.catalog.vardkedja import VardkedjaGraph
from insatser_api.client import calls
from insatser_api.client.calls import (
    Call,
    DocumentationBody,
    EligibilityAllBody,
    EligibilityBody,
    Readiness,
)
from insatser_api.eligibility.schemas import EligibilityAllResponse, EligibilityResponse, FactList
from insatser_api.hsds.schemas import HsdsService, HsdsServicePage
from insatser_api.kit.page import Page
from insatser_api.ops.schemas import CatalogReloaded
from insatser_api.records.schemas import DocumentationRecordOut
from insatser_api.statistics.schemas import DecisionStatistics, DocumentationStatistics

T = TypeVar("T")


class InsatserClient:
    """`InsatserClient(base_url, api_key=...)`; or pass `http` (e.g. over an ASGI transport)."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        api_key: str | None = None,
        timeout: float = 10.0,
        headers: Mapping[str, str] | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self._owns_http = http is None
        self.http = http or httpx.Client(base_url=base_url, timeout=timeout)
        self.http.headers.update(calls.http_headers(api_key, headers))

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def _send(self, call: Call[T]) -> T:
        return call.read(self.http.send(call.request(self.http)))

    def get_catalog(self, *, as_of: dt.date | None = None) -> CatalogInfo:
        return self._send(calls.get_catalog(as_of))

    def list_catalog_versions(self) -> CatalogVersions:
        return self._send(calls.list_catalog_versions())

    def list_insatser(
        self,
        *,
        as_of: dt.date | None = None,
        sektor: str | None = None,
        enhet: str | None = None,
        documentation_mode: DocumentationMode | None = None,
        kanal: Kanal | None = None,
        q: str | None = None,
        typ: Typ | None = None,
        fokus: Fokus | None = None,
        vardkedja: Fas | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> Page[InsatsSummary]:
        return self._send(
            calls.list_insatser(
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
        )

    def iter_insatser(
        self,
        *,
        as_of: dt.date | None = None,
        sektor: str | None = None,
        enhet: str | None = None,
        documentation_mode: DocumentationMode | None = None,
        kanal: Kanal | None = None,
        q: str | None = None,
        typ: Typ | None = None,
        fokus: Fokus | None = None,
        vardkedja: Fas | None = None,
        per_page: int = 200,
    ) -> Iterator[InsatsSummary]:
        """Every matching insats, page after page."""
        page = 1
        while True:
            found = self.list_insatser(
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
            yield from found.items
            if page * per_page >= found.total_items:
                return
            page += 1

    def get_insats(self, insats_id: str, *, as_of: dt.date | None = None) -> InsatsDetail:
        return self._send(calls.get_insats(insats_id, as_of))

    def list_facts(self, *, as_of: dt.date | None = None) -> FactList:
        """Every fact the catalogue can ask, with its question and answers (negatives too)."""
        return self._send(calls.list_facts(as_of))

    def get_vardkedja(self, *, as_of: dt.date | None = None) -> VardkedjaGraph:
        return self._send(calls.get_vardkedja(as_of))

    def list_hsds_services(
        self,
        *,
        as_of: dt.date | None = None,
        organization_id: uuid.UUID | str | None = None,
        taxonomy_term_id: uuid.UUID | str | None = None,
        taxonomy_id: uuid.UUID | str | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> HsdsServicePage:
        return self._send(
            calls.list_hsds_services(
                as_of=as_of,
                organization_id=organization_id,
                taxonomy_term_id=taxonomy_term_id,
                taxonomy_id=taxonomy_id,
                page=page,
                per_page=per_page,
            )
        )

    def get_hsds_service(
        self, service_id: uuid.UUID | str, *, as_of: dt.date | None = None
    ) -> HsdsService:
        return self._send(calls.get_hsds_service(service_id, as_of))

    def check_eligibility(self, insats_id: str, body: EligibilityBody) -> EligibilityResponse:
        return self._send(calls.check_eligibility(insats_id, body))

    def check_eligibility_all(
        self,
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
    ) -> EligibilityAllResponse:
        """Every insats (or those of `insats_ids`), limited by the list's filters."""
        return self._send(
            calls.check_eligibility_all(
                body,
                sektor=sektor,
                enhet=enhet,
                documentation_mode=documentation_mode,
                kanal=kanal,
                q=q,
                typ=typ,
                fokus=fokus,
                vardkedja=vardkedja,
            )
        )

    def create_documentation_record(
        self, insats_id: str, body: DocumentationBody, *, idempotency_key: str | None = None
    ) -> DocumentationRecordOut:
        """A record of an insats carried out (14 kap. SoL); pass an `idempotency_key` (e.g.
        a UUID made once per record) so a retry after a timeout never writes it twice."""
        return self._send(calls.create_documentation_record(insats_id, body, idempotency_key))

    def list_documentation_records(
        self,
        *,
        insats_id: str | None = None,
        first: dt.date | None = None,
        last: dt.date | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> Page[DocumentationRecordOut]:
        """Records performed from `first` to `last` (the API's `from` and `to`)."""
        return self._send(
            calls.list_documentation_records(
                insats_id=insats_id, first=first, last=last, page=page, per_page=per_page
            )
        )

    def get_documentation_record(self, record_id: str) -> DocumentationRecordOut:
        return self._send(calls.get_documentation_record(record_id))

    def decision_statistics(
        self,
        *,
        first: dt.date | None = None,
        last: dt.date | None = None,
        insats_id: str | None = None,
    ) -> DecisionStatistics:
        return self._send(calls.decision_statistics(first=first, last=last, insats_id=insats_id))

    def documentation_statistics(
        self,
        *,
        first: dt.date | None = None,
        last: dt.date | None = None,
        insats_id: str | None = None,
    ) -> DocumentationStatistics:
        return self._send(
            calls.documentation_statistics(first=first, last=last, insats_id=insats_id)
        )

    def health_live(self) -> dict[str, str]:
        return self._send(calls.health_live())

    def health_ready(self) -> Readiness:
        return self._send(calls.health_ready())

    def metrics(self) -> str:
        return self._send(calls.metrics())

    def reload_catalog(self) -> CatalogReloaded:
        """Admin: read the catalogue folder again (needs a key with the `admin` scope)."""
        return self._send(calls.reload_catalog())
