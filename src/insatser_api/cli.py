"""Command line: `insatser-api serve | openapi export | catalog validate | catalog schema | keys`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from insatser_api.catalog.loader import CatalogError, load_catalog, load_catalog_dir
from insatser_api.catalog.schemas import Catalog
from insatser_api.config import get_settings
from insatser_api.security.cli import keys_app

app = typer.Typer(help="insatser-api: katalog och behörighetsprövning", no_args_is_help=True)
openapi_app = typer.Typer(help="Den publicerade OpenAPI-specifikationen", no_args_is_help=True)
catalog_app = typer.Typer(help="Katalogfiler", no_args_is_help=True)
app.add_typer(openapi_app, name="openapi")
app.add_typer(catalog_app, name="catalog")
app.add_typer(keys_app, name="keys")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Adress att lyssna på")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Antal processer")] = 1,
) -> None:
    """Start the HTTP service with uvicorn."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "insatser_api.main:app",
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        proxy_headers=True,
        # The access log prints raw paths, which a careless caller could fill with a
        # personnummer; request logging belongs to the app, with route templates only.
        access_log=False,
    )


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
    """Write the OpenAPI document the app serves, as YAML."""
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
    """Write the JSON Schema of catalogue files (for editors and review)."""
    path.write_text(render_catalog_schema(), encoding="utf-8")
    typer.echo(f"skrev {path}")


@catalog_app.command("validate")
def validate_catalog(
    path: Annotated[
        Path | None,
        typer.Argument(help="En katalogfil eller en mapp; standard: INSATSER_CATALOG_DIR"),
    ] = None,
) -> None:
    """Validate catalogue files; exit 1 with a precise message on the first bad one."""
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


if __name__ == "__main__":  # pragma: no cover
    app()
