"""`insatser-api keys create | list | revoke`: API keys from the command line.

The token is printed once, at creation; only its HMAC is stored, so a lost key is revoked and
replaced, never recovered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from insatser_api.catalog.loader import CatalogError, load_catalog_dir
from insatser_api.config import Settings, get_settings
from insatser_api.kit.database import create_db_engine, session_factory
from insatser_api.security import service
from insatser_api.security.models import ApiKey
from insatser_api.security.scopes import ALL_SCOPES, EVERY_ENHET

keys_app = typer.Typer(help="API-nycklar: skapa, lista, återkalla", no_args_is_help=True)


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    engine = create_db_engine(settings.database_url)
    try:
        with session_factory(engine)() as session:
            yield session
            session.commit()
    except (OperationalError, ProgrammingError) as error:
        # Most likely the table is missing; the driver's text may name hosts, so not shown.
        typer.echo(
            f"Databasen kunde inte nås eller saknar tabellen api_keys ({type(error).__name__}); "
            "kör `alembic upgrade head`.",
            err=True,
        )
        raise typer.Exit(1) from None
    finally:
        engine.dispose()


def _catalog_enheter(settings: Settings) -> dict[str, str]:
    """Every enhet named in any catalogue version, by its case-folded name."""
    try:
        loaded = load_catalog_dir(settings.catalog_dir)
    except CatalogError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    return {i.enhet.casefold(): i.enhet for item in loaded for i in item.catalog.insatser}


def _canonical_enheter(settings: Settings, given: Sequence[str]) -> list[str]:
    if not given or list(given) == [EVERY_ENHET]:
        return list(given)
    known = _catalog_enheter(settings)
    unknown = [e for e in given if e != EVERY_ENHET and e.strip().casefold() not in known]
    if unknown:
        typer.echo(
            f"Okänd enhet: {', '.join(unknown)}. Enheter i katalogen: "
            f"{', '.join(sorted(known.values()))}.",
            err=True,
        )
        raise typer.Exit(1)
    return [known.get(e.strip().casefold(), e) for e in given]


@keys_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Unikt namn, t.ex. kundcenter-prod")],
    scope: Annotated[
        list[str],
        typer.Option(
            "--scope", "-s", help=f"Behörighet; upprepa. En av: {', '.join(sorted(ALL_SCOPES))}"
        ),
    ],
    enhet: Annotated[
        list[str] | None,
        typer.Option(
            "--enhet",
            "-e",
            help="Enhet vars dokumentation nyckeln får skriva och läsa (documentation:write, "
            "documentation:read); upprepa, eller '*' för alla",
        ),
    ] = None,
) -> None:
    """Skapa en nyckel och visa den en enda gång."""
    settings = get_settings()
    enheter = _canonical_enheter(settings, enhet or [])
    pepper = settings.api_key_pepper.get_secret_value()
    with _session(settings) as session:
        try:
            created = service.create_key(session, name, scope, enheter, pepper=pepper)
        except service.KeyRequestError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        typer.echo(f"Skapade nyckeln {created.key.name} (prefix {created.key.prefix}).")
        typer.echo("Nyckeln visas bara nu; spara den i en lösenordshanterare:")
        typer.echo(created.token)


@keys_app.command("list")
def list_keys() -> None:
    """Lista nycklar: prefix, namn, behörigheter, enheter, datum. Aldrig själva nycklarna."""
    with _session(get_settings()) as session:
        keys = service.list_keys(session)
        if not keys:
            typer.echo("Inga nycklar.")
        for key in keys:
            typer.echo(_describe(key))


@keys_app.command("revoke")
def revoke(
    name_or_prefix: Annotated[str, typer.Argument(help="Nyckelns namn eller prefix")],
) -> None:
    """Återkalla en nyckel; tjänster som kör slutar godta den inom nyckelcachens tid."""
    settings = get_settings()
    with _session(settings) as session:
        try:
            key = service.revoke_key(session, name_or_prefix)
        except service.KeyRequestError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        typer.echo(
            f"Återkallade {key.name} (prefix {key.prefix}); den slutar gälla inom "
            f"{settings.api_key_cache_seconds:g} sekunder."
        )


def _describe(key: ApiKey) -> str:
    status = (
        "återkallad " + key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else "aktiv"
    )
    used = key.last_used_at.isoformat(timespec="seconds") if key.last_used_at else "aldrig"
    enheter = ", ".join(key.enheter) if key.enheter else "-"
    return (
        f"{key.prefix}  {key.name}  [{' '.join(key.scopes)}]  enheter: {enheter}  "
        f"skapad {key.created_at.isoformat(timespec='seconds')}  använd {used}  {status}"
    )
