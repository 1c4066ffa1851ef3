"""`insatser-api records scan`: which 14 kap. 4 and 5 § records already stored hold identity.

Before issue 12 the journal accepted texts with a personnummer in an unusual form, a name or a
phone number. This lists such records by id, insats, day and the kinds found (never the text),
so that the kommun can handle them under its dokumenthanteringsplan; the service itself never
changes or removes a record.
"""

from __future__ import annotations

import typer
from sqlalchemy import select

from insatser_api.config import get_settings
from insatser_api.kit.database import create_db_engine, session_factory
from insatser_api.records.models import DocumentationRecord
from insatser_api.security.identity import find_identity

records_app = typer.Typer(help="Dokumentationen: granskning", no_args_is_help=True)
_BATCH = 500


@records_app.command("scan")
def scan() -> None:
    """Lista rådgivande och avidentifierade poster vars text röjer identitet (slutkod 1 om någon finns)."""
    engine = create_db_engine(get_settings().database_url)
    found = 0
    try:
        with session_factory(engine)() as session:
            query = (
                select(
                    DocumentationRecord.id,
                    DocumentationRecord.insats_id,
                    DocumentationRecord.performed_on,
                    DocumentationRecord.text,
                )
                .where(DocumentationRecord.mode != "individual")
                .where(DocumentationRecord.text.is_not(None))
                .order_by(DocumentationRecord.performed_on, DocumentationRecord.id)
                .execution_options(yield_per=_BATCH)
            )
            for record_id, insats_id, performed_on, text in session.execute(query):
                kinds = find_identity(text or "")
                if kinds:
                    found += 1
                    typer.echo(f"{record_id}  {insats_id}  {performed_on}  {' '.join(kinds)}")
    finally:
        engine.dispose()
    typer.echo(f"{found} anteckningar med uppgifter som kan röja identitet.")
    if found:
        raise typer.Exit(1)
