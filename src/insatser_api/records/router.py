"""The documentation journal: `POST /v1/insatser/{id}/documentation`, `GET /v1/documentation`."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response

from insatser_api.catalog.dependencies import (
    CATALOG_VERSION_HEADER,
    InsatsIdPath,
    RegistryDep,
    find_insats,
    version_in_force,
)
from insatser_api.catalog.examples import example
from insatser_api.decisions.recording import client_name
from insatser_api.kit.body_guard import BODY_PROBLEM_RESPONSES
from insatser_api.kit.database import DatabaseDep, SessionDep
from insatser_api.kit.errors import PROBLEM_RESPONSES, FieldError, NotFound
from insatser_api.kit.pagination import Page, PageQuery, PerPageQuery
from insatser_api.kit.periods import FromQuery, ToQuery, check_period
from insatser_api.records import examples, repository
from insatser_api.records.idempotency import hash_idempotency_key
from insatser_api.records.schemas import DocumentationRecordIn, DocumentationRecordOut
from insatser_api.records.service import check_record, to_out, write_record
from insatser_api.security.dependencies import (
    DocumentationReader,
    DocumentationWriter,
    ensure_may_write_for,
)
from insatser_api.security.errors import AUTH_RESPONSES

router = APIRouter(tags=["Dokumentation"], responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES})

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_KEY_HEADER,
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Klientens nyckel för begäran (t.ex. ett UUID). Ett nytt försök med samma "
        "nyckel och samma innehåll skapar aldrig en andra anteckning. Nyckeln sparas bara "
        "som en nycklad hash.",
    ),
]
RecordIdPath = Annotated[str, Path(description="Anteckningens id", max_length=36)]


@router.post(
    "/v1/insatser/{insats_id}/documentation",
    status_code=201,
    response_model=DocumentationRecordOut,
    summary="Dokumentera en genomförd insats",
    description="Sparar en anteckning om en genomförd insats. Insatsens dokumentationssätt i "
    "katalogen som gällde den dagen avgör innehållet: på individnivå (14 kap. 3 §) krävs "
    "personnummer och journaltext; vid rådgivning (14 kap. 4 §) och avidentifierad "
    "dokumentation (14 kap. 5 §) bär fält med fasta värden anteckningen (`contact`, "
    "`participants`, `duration_minutes`, ett `topic` ur insatsens lista i katalogen) och en "
    "kort text får inte röja identitet: personnummer, födelsedatum, namn, e-post, "
    "telefonnummer och adresser avvisas i alla skrivformer, felet säger vilket slag som "
    "hittades men aldrig vad, och ingenting sparas. Anteckningar ändras eller tas aldrig bort: "
    "en rättelse är en ny anteckning med `corrects`. Med `Idempotency-Key` skapar ett nytt "
    "försök aldrig en andra anteckning (svaret har då huvudet `Idempotent-Replayed: true`).",
    responses={
        **BODY_PROBLEM_RESPONSES,
        201: {
            "description": "Anteckningen är sparad (eller fanns redan för samma Idempotency-Key)",
            "content": {"application/json": {"example": examples.RECORD}},
        },
        409: {"description": "Idempotency-Key har använts för annat innehåll"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "examples": {
                        "individual": {
                            "summary": "Individnivå (t.ex. CRA)",
                            "value": {
                                "performed_on": "2026-11-20",
                                "personnummer": "19851231-1237",
                                "text": "Första samtalet genomfört enligt plan.",
                            },
                        },
                        "advisory": {
                            "summary": "Rådgivning (t.ex. rådgivande samtal)",
                            "value": {
                                "performed_on": "2026-11-20",
                                "contact": "telefon",
                                "participants": 1,
                                "duration_minutes": 20,
                                "topic": "spel",
                                "text": "Tipsade om Spelpaus och stödlinjen.",
                            },
                        },
                    }
                }
            }
        }
    },
)
async def create_documentation_record(
    insats_id: InsatsIdPath,
    body: DocumentationRecordIn,
    registry: RegistryDep,
    database: DatabaseDep,
    principal: DocumentationWriter,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    # `async def`, the transaction in a writer thread: a plain `def` endpoint cost two hops to
    # FastAPI's thread pool (the endpoint, then FastAPI's validation of the returned model).
    version = version_in_force(registry, body.performed_on, field="performed_on")
    insats = find_insats(version, insats_id)
    ensure_may_write_for(principal, insats.enhet)  # Nexus staff cannot write Bryggan's records
    client = client_name(request)
    key_hash = (
        None
        if idempotency_key is None
        else hash_idempotency_key(
            client, idempotency_key, request.app.state.settings.api_key_pepper.get_secret_value()
        )
    )
    checked = check_record(
        version=version, insats=insats, body=body, client=client, idempotency_key_hash=key_hash
    )
    written = await database.write(functools.partial(write_record, record=checked))
    record = to_out(written.record, written.corrected_by)
    headers = {
        CATALOG_VERSION_HEADER: version.version,
        "Location": f"/v1/documentation/{record.id}",
    }
    if written.replayed:
        headers[REPLAYED_HEADER] = "true"
    # The route's response_model documents the body; returned as a finished response, FastAPI
    # neither validates nor serializes it again.
    return Response(
        record.model_dump_json(), status_code=201, headers=headers, media_type="application/json"
    )


@router.get(
    "/v1/documentation",
    summary="Lista anteckningar",
    responses=example(examples.RECORDS),
    description="Anteckningar om genomförda insatser vid de enheter som API-nyckeln anger "
    "(eller alla, `*`), filtrerade på insats och på genomförandedag (`from`, `to`, båda "
    "inräknade), i den ordning insatserna genomfördes.",
)
def list_documentation_records(
    session: SessionDep,
    principal: DocumentationReader,
    insats_id: Annotated[str | None, Query(max_length=64, description="Insatsens id")] = None,
    from_: FromQuery = None,
    to: ToQuery = None,
    page: PageQuery = 1,
    per_page: PerPageQuery = 50,
) -> Page[DocumentationRecordOut]:
    check_period(from_, to)
    rows, total = repository.page(
        session,
        insats_id=insats_id,
        first=from_,
        last=to,
        enheter=principal.readable_among(repository.enheter(session)),
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    corrections = repository.corrections_of(session, [row.id for row in rows])
    return Page[DocumentationRecordOut](
        items=[to_out(row, corrections.get(row.id, ())) for row in rows],
        total_items=total,
        page=page,
        per_page=per_page,
    )


@router.get(
    "/v1/documentation/{record_id}",
    summary="En anteckning",
    responses=example(examples.RECORD),
    description="En anteckning med de senare anteckningar som rättar den (`corrected_by`). En "
    "anteckning vid en enhet som API-nyckeln inte anger finns inte för den (404).",
)
def get_documentation_record(
    record_id: RecordIdPath, session: SessionDep, principal: DocumentationReader
) -> DocumentationRecordOut:
    record = repository.get(session, record_id)
    # Another enhet's record is answered as missing: a caller learns nothing of its existence.
    if record is None or not principal.may_read_for(record.enhet):
        raise NotFound(
            "Anteckningen finns inte.",
            [FieldError(field="record_id", message="Okänd anteckning.", code="unknown_record")],
        )
    corrections = repository.corrections_of(session, [record.id])
    return to_out(record, corrections.get(record.id, ()))
