"""Writing a documentation record exactly once per Idempotency-Key, after `records.content`
has checked what the insats' documentation mode (SoL 2025:400 14 kap. 3–5 §) allows."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Row

from insatser_api.catalog.registry import CatalogVersion
from insatser_api.catalog.schemas import DocumentationMode, Insats
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import FieldError, InvalidRequest, ProblemError
from insatser_api.records import repository
from insatser_api.records.content import check_content
from insatser_api.records.models import DocumentationRecord
from insatser_api.records.schemas import (
    ContactForm,
    DocumentationRecordIn,
    DocumentationRecordOut,
)
from insatser_api.rules import parse_identity_number


class IdempotencyKeyReused(ProblemError):
    status = 409
    slug = "idempotency-key-reused"


@dataclass(frozen=True, slots=True)
class Written:
    record: Row[Any]  # as the database holds it (RETURNING, or the earlier request's row)
    replayed: bool  # an earlier request with the same Idempotency-Key wrote it
    corrected_by: Sequence[str] = ()  # later records correcting it (only a replay has any)


@dataclass(frozen=True, slots=True)
class CheckedRecord:
    """A record that its insats' documentation mode allows, ready to be written."""

    # Its row, but for `id` and `created_at` (given when written). With an Idempotency-Key,
    # `request_fingerprint` tells a retry from a reused key; without one it is not computed.
    values: dict[str, Any]


def normalized_personnummer(text: str, performed_on: dt.date) -> str:
    """The 12-digit form without separator, so one person is always written the same way."""
    identity = parse_identity_number(text, performed_on)
    digits = "".join(ch for ch in text if ch.isdigit())[-10:]
    return f"{identity.birth_date.year // 100:02d}{digits}"


def _fingerprint(insats_id: str, body: DocumentationRecordIn) -> str:
    canonical = orjson.dumps(
        {"insats_id": insats_id, "body": body.model_dump(mode="json")},
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(canonical).hexdigest()


def check_record(
    *,
    version: CatalogVersion,
    insats: Insats,
    body: DocumentationRecordIn,
    client: str,
    idempotency_key_hash: str | None,
) -> CheckedRecord:
    """The record to write, or InvalidRequest naming what the mode forbids or lacks; touches
    no database. `idempotency_key_hash` is the caller's Idempotency-Key as
    `records.idempotency.hash_idempotency_key` stores it."""
    mode = insats.documentation.mode
    if body.performed_on > today_in_stockholm():
        raise InvalidRequest(
            "En anteckning gäller en insats som har genomförts.",
            [
                FieldError(
                    field="performed_on", message="Får inte vara i framtiden.", code="in_future"
                )
            ],
        )
    errors = check_content(body, insats.documentation)
    if errors:
        raise InvalidRequest(
            "Anteckningen innehåller uppgifter som dokumentationssättet för insatsen inte "
            "tillåter eller saknar uppgifter som det kräver; ingenting sparades.",
            errors,
        )
    values = {
        "insats_id": insats.id,
        "enhet": insats.enhet,
        "catalog_version": version.version,
        "mode": mode.value,
        "legal_basis": insats.documentation.legal_basis,
        "performed_on": body.performed_on,
        "performed_month": body.performed_on.strftime("%Y-%m"),
        "contact": body.contact.value if body.contact else None,
        "participants": body.participants,
        "duration_minutes": body.duration_minutes,
        "topic": body.topic,
        "personnummer": (
            normalized_personnummer(body.personnummer, body.performed_on)
            if mode is DocumentationMode.INDIVIDUAL and body.personnummer
            else None
        ),
        "name": body.name if mode is DocumentationMode.INDIVIDUAL else None,
        "text": body.text,
        "corrects": body.corrects,
        "client": client,
        "idempotency_key": idempotency_key_hash,
        "request_fingerprint": (
            None if idempotency_key_hash is None else _fingerprint(insats.id, body)
        ),
    }
    return CheckedRecord(values=values)


def write_record(connection: Connection, record: CheckedRecord) -> Written:
    """Write the record once per Idempotency-Key, in the caller's transaction: the answer may
    be given only after it committed (`Database.write` does both, sharing the transaction with
    other requests' writes). Core statements, not the ORM: the write is the journal's hot
    path."""
    client, key = record.values["client"], record.values["idempotency_key"]
    if key is not None:
        earlier = repository.by_idempotency_key(connection, client, key)
        if earlier is not None:
            return _replay(connection, earlier, record.values["request_fingerprint"])
    corrects = record.values["corrects"]
    if corrects is not None:
        _check_corrected(connection, corrects, record.values["insats_id"])
    inserted = repository.insert_unless_key_taken(
        connection,
        {**record.values, "id": str(uuid.uuid4()), "created_at": dt.datetime.now(dt.UTC)},
    )
    if inserted is None and key is not None:
        # A concurrent request with the same key won the unique index.
        earlier = repository.by_idempotency_key(connection, client, key)
        if earlier is not None:
            return _replay(connection, earlier, record.values["request_fingerprint"])
    # Without a key nothing can conflict; with one, the winner's row was found above.
    assert inserted is not None
    # A new record has no corrections: its id was made here and is not yet committed.
    return Written(record=inserted, replayed=False)


def _replay(connection: Connection, earlier: Row[Any], fingerprint: str) -> Written:
    if earlier.request_fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            "Idempotency-Key har redan använts för en annan anteckning.",
            [
                FieldError(
                    field="Idempotency-Key",
                    message="Nyckeln hör till en tidigare begäran med annat innehåll.",
                    code="idempotency_key_reused",
                )
            ],
        )
    corrections = repository.corrections_of(connection, [earlier.id])
    return Written(record=earlier, replayed=True, corrected_by=corrections.get(earlier.id, ()))


def _check_corrected(connection: Connection, corrected_id: str, insats_id: str) -> None:
    if repository.insats_of(connection, corrected_id) != insats_id:
        raise InvalidRequest(
            "Anteckningen som ska rättas finns inte för den här insatsen.",
            [
                FieldError(
                    field="corrects",
                    message="Ingen anteckning med det id:t för insatsen.",
                    code="unknown_record",
                )
            ],
        )


def to_out(
    record: DocumentationRecord | Row[Any], corrected_by: Sequence[str] = ()
) -> DocumentationRecordOut:
    """The answer for a record: an ORM object (the reads) or a row (the write path)."""
    created_at = record.created_at
    if created_at.tzinfo is None:  # SQLite keeps no zone; every timestamp is written in UTC
        created_at = created_at.replace(tzinfo=dt.UTC)
    return DocumentationRecordOut(
        id=record.id,
        insats_id=record.insats_id,
        enhet=record.enhet,
        catalog_version=record.catalog_version,
        mode=DocumentationMode(record.mode),
        legal_basis=record.legal_basis,
        performed_on=record.performed_on,
        contact=ContactForm(record.contact) if record.contact else None,
        participants=record.participants,
        duration_minutes=record.duration_minutes,
        topic=record.topic,
        personnummer=record.personnummer,
        name=record.name,
        text=record.text,
        corrects=record.corrects,
        corrected_by=list(corrected_by),
        recorded_by=record.client,
        created_at=created_at,
    )
