"""Gallring of the decision log: rows older than the retention are removed
(`insatser-api decision-log prune`; docs/privacy.md, Gallring, gives the legal reasoning).

The decision log holds no identity, but it is kept for one purpose, the nämnd's uppföljning,
and not longer than that purpose needs (GDPR art. 5.1 e as a principle, arkivlagen (1990:782)
for public records: the kommun's dokumenthanteringsplan names this retention).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from insatser_api.config import get_settings
from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.kit.database import create_db_engine, session_factory
from insatser_api.kit.dates import today_in_stockholm

decision_log_app = typer.Typer(help="Beslutsloggen: gallring", no_args_is_help=True)


def cutoff(today: dt.date, retention_days: int) -> dt.date:
    """The first day kept: rows decided before it are removed."""
    return today - dt.timedelta(days=retention_days)


def older_than(session: Session, first_kept: dt.date) -> int:
    query = select(func.count(DecisionLogEntry.id)).where(DecisionLogEntry.decided_on < first_kept)
    return session.scalar(query) or 0


def prune(session: Session, first_kept: dt.date) -> int:
    """Remove every row decided before `first_kept`; the number removed."""
    removed = older_than(session, first_kept)
    session.execute(delete(DecisionLogEntry).where(DecisionLogEntry.decided_on < first_kept))
    return removed


@decision_log_app.command("prune")
def prune_command(
    days: Annotated[
        int | None,
        typer.Option(
            "--days", min=1, help="Behåll så här många dagar (INSATSER_DECISION_LOG_RETENTION_DAYS)"
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Räkna bara, ta inte bort något")
    ] = False,
) -> None:
    """Gallra beslutsloggen: ta bort rader äldre än bevarandetiden."""
    settings = get_settings()
    first_kept = cutoff(today_in_stockholm(), days or settings.decision_log_retention_days)
    engine = create_db_engine(settings.database_url)
    try:
        with session_factory(engine)() as session:
            if dry_run:
                removed = older_than(session, first_kept)
                typer.echo(f"{removed} rader från före {first_kept} skulle gallras.")
                return
            removed = prune(session, first_kept)
            session.commit()
    finally:
        engine.dispose()
    typer.echo(f"Gallrade {removed} rader från före {first_kept} ur beslutsloggen.")
