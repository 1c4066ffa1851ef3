"""Command line: `insatser-api serve | check | openapi export | db upgrade | catalog ... | keys ...`.

Exit codes: 0 done, 1 a catalogue file is bad (`catalog validate`) or the catalogues differ
(`catalog diff`, like diff(1)), 2 bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from insatser_api.catalog.loader import CatalogError, load_catalog, load_catalog_dir
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.catalog.schemas import Catalog
from insatser_api.config import get_settings
from insatser_api.ops.logs import configure_logging
from insatser_api.ops.metrics import MULTIPROC_DIR_VARIABLE
from insatser_api.records.cli import records_app
from insatser_api.security.cli import keys_app
from insatser_api.statistics.retention import decision_log_app

app = typer.Typer(help="insatser-api: katalog och behörighetsprövning", no_args_is_help=True)
openapi_app = typer.Typer(help="Den publicerade OpenAPI-specifikationen", no_args_is_help=True)
catalog_app = typer.Typer(help="Katalogfiler", no_args_is_help=True)
db_app = typer.Typer(help="Databasen", no_args_is_help=True)
app.add_typer(openapi_app, name="openapi")
app.add_typer(catalog_app, name="catalog")
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="keys")
app.add_typer(decision_log_app, name="decision-log")
app.add_typer(records_app, name="records")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Adress att lyssna på")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Antal processer; standard INSATSER_WORKERS")
    ] = None,
) -> None:
    """Starta HTTP-tjänsten med uvicorn (SIGHUP: varje process läser katalogen på nytt)."""
    from insatser_api.ops import server

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    _reset_multiprocess_metrics()
    _migrate_embedded_database(settings.database_url)
    _announce(host or settings.host, port or settings.port)
    server.run(
        host or settings.host,
        port or settings.port,
        workers or settings.workers,
        settings.catalog_dir,
    )


def _migrate_embedded_database(database_url: str) -> None:
    """Create and migrate an embedded SQLite database before serving, so that a fresh install
    answers at once. PostgreSQL is migrated as its own deployment step (`db upgrade`): several
    instances starting together must not race to migrate a shared database."""
    from insatser_api.kit.database import is_sqlite
    from insatser_api.kit.migration_head import at_head

    if not is_sqlite(database_url) or at_head(database_url):
        return
    # Alembic logs one INFO line per plugin when it is first imported: noise at every start.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # Imported only when there is something to migrate: Alembic is a fifth of a start-up.
    from insatser_api.kit import migrations

    migrations.upgrade(database_url)


def _announce(host: str, port: int) -> None:
    # For the person who just typed `make run` or `insatser-api serve`: where to start reading.
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    base = f"http://{shown}:{port}"
    typer.echo(f"insatser-api på {base} — dokumentation: {base}/docs (Swagger UI), {base}/redoc")
    typer.echo(f"Sidor för personal: {base}/ (sök insatser), {base}/prova (pröva för en person)")


def _reset_multiprocess_metrics() -> None:
    """Start the shared metrics folder empty: files from an earlier run would be added up."""
    folder = os.environ.get(MULTIPROC_DIR_VARIABLE)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


@app.command("check")
def check_eligibility(
    insats: Annotated[str, typer.Argument(help="Insatsens id, t.ex. cra")],
    age: Annotated[int | None, typer.Option(help="Ålder i hela år")] = None,
    birth_date: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Födelsedatum ÅÅÅÅ-MM-DD")
    ] = None,
    kommun: Annotated[
        str | None,
        typer.Option(help="Folkbokföringskommun, t.ex. 2380; none = ingen, other = en annan"),
    ] = None,
    as_of: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Prövningsdag; standard i dag")
    ] = None,
    consent: Annotated[
        bool | None, typer.Option("--consent/--no-consent", help="Vårdnadshavarens samtycke")
    ] = None,
    fact: Annotated[
        list[str] | None, typer.Option(help="Uppgift NYCKEL=VÄRDE, t.ex. has_cra_behandlare=ja")
    ] = None,
    no_child: Annotated[
        bool, typer.Option("--no-child", help="Personen har inget barn (child.exists = false)")
    ] = False,
    child_age: Annotated[int | None, typer.Option(help="Barnets ålder")] = None,
    child_kommun: Annotated[str | None, typer.Option(help="Barnets folkbokföringskommun")] = None,
    child_participates: Annotated[
        bool | None,
        typer.Option(
            "--child-participates/--child-not-participating", help="Deltar barnet i samtalen?"
        ),
    ] = None,
    history: Annotated[
        list[str] | None, typer.Option(help="Avslutad insats ID=ÅÅÅÅ-MM-DD, t.ex. cra=2026-05-31")
    ] = None,
    stay_until: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Akutboendet: dagen vistelsen slutar"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Svaret som JSON, som API:et")] = False,
) -> None:
    """Pröva en insats i terminalen, mot katalogmappen (ingen server behövs).

    Personnummer tas inte emot här: det skulle bli kvar i skalets historik.
    """
    # Imported by the commands that use them: `serve` starts without the rules' answer layer.
    from insatser_api.ops import check

    registry = CatalogRegistry.from_directory(get_settings().catalog_dir)
    try:
        body = check.request_body(
            age=age,
            birth_date=birth_date.date() if birth_date else None,
            kommun=kommun,
            as_of=as_of.date() if as_of else None,
            consent=consent,
            facts=check.parse_facts(fact or []),
            child={
                "exists": False if no_child else None,
                "age": child_age,
                "folkbokford_kommunkod": child_kommun,
                "participates": child_participates,
            },
            history=history or [],
            stay_until=stay_until.date() if stay_until else None,
        )
        answer = check.judge(registry, insats, body)
    except check.CheckInputError as exc:
        for error in exc.errors:
            typer.echo(f"{error.field}: {error.message}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        typer.echo(check.render(answer, registry))


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Option(help="Alembic-revision att gå till")] = "head",
) -> None:
    """Migrera databasen (DATABASE_URL) till en revision, som standard den senaste."""
    from insatser_api.kit import migrations

    migrations.upgrade(get_settings().database_url, revision)
    typer.echo(f"databasen är migrerad till {revision}")


def openapi_document() -> dict[str, Any]:
    from insatser_api.main import create_app

    spec: dict[str, Any] = json.loads(json.dumps(create_app().openapi()))
    return spec


def render_openapi() -> str:
    return yaml.safe_dump(openapi_document(), sort_keys=False, allow_unicode=True, width=100)


@openapi_app.command("export")
def export_openapi(
    path: Annotated[Path, typer.Argument(help="Fil att skriva; - för stdout")] = Path(
        "openapi.yaml"
    ),
) -> None:
    """Skriv OpenAPI-dokumentet som tjänsten publicerar, som YAML."""
    text = render_openapi()
    if str(path) == "-":
        typer.echo(text, nl=False)
    else:
        path.write_text(text, encoding="utf-8")
        typer.echo(f"skrev {path}")


def render_catalog_schema() -> str:
    schema = Catalog.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "insatser-api katalog"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@catalog_app.command("schema")
def export_catalog_schema(
    path: Annotated[Path, typer.Argument(help="Fil att skriva")] = Path("catalog/schema.json"),
) -> None:
    """Skriv katalogfilernas JSON Schema (för redigerare och granskning)."""
    path.write_text(render_catalog_schema(), encoding="utf-8")
    typer.echo(f"skrev {path}")


@catalog_app.command("validate")
def validate_catalog(
    path: Annotated[
        Path | None,
        typer.Argument(help="En katalogfil eller en mapp; standard: INSATSER_CATALOG_DIR"),
    ] = None,
) -> None:
    """Kontrollera katalogfiler, också att texter och siffror stämmer överens.

    Slutstatus 1 med fil, plats i filen och fel för den första felaktiga filen.
    """
    target = path or get_settings().catalog_dir
    try:
        loaded = load_catalog_dir(target) if target.is_dir() else [load_catalog(target)]
    except CatalogError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    for item in loaded:
        typer.echo(
            f"{item.path}: version {item.catalog.version}, {len(item.catalog.insatser)} insatser, "
            f"{item.digest}"
        )


@catalog_app.command("diff")
def diff_catalogs(
    old: Annotated[Path, typer.Argument(help="Den tidigare katalogfilen")],
    new: Annotated[Path, typer.Argument(help="Den nya katalogfilen")],
) -> None:
    """Visa vad en ny katalogversion ändrar: tillagda och borttagna insatser, villkor,
    målgrupp och dokumentationssätt.

    Slutstatus 0: inga skillnader, 1: skillnader, 2: en fil är felaktig.
    """
    # Imported by the command that uses it, like `check` above: not needed to serve.
    from insatser_api.ops import catalog_diff

    try:
        before, after = load_catalog(old), load_catalog(new)
    except CatalogError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    diff = catalog_diff.diff_catalogs(before.catalog, after.catalog)
    typer.echo(catalog_diff.render(diff))
    if not diff.empty:
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
