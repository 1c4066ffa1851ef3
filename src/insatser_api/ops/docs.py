"""Swagger UI and ReDoc from the package's own files: municipal networks often cannot reach a CDN.

The assets under `static/` come unchanged from the npm packages `swagger-ui-dist` 5.35.0 and
`redoc` 2.5.4 (source-map comments removed), with their licence files beside them.

Both read `/docs/openapi.json`: the published contract (`/openapi.json`, openapi.yaml) as this
installation answers it. With authentication off no operation needs a key, so none shows a
lock and the description says so; with the catalogue public its reads show none either.
`/openapi.json` itself stays the contract, whatever the settings.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, swagger_ui_default_parameters
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from insatser_api.config import Settings

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/docs/static"
DOCS_PATHS = ("/docs", "/redoc")
DOCS_SPEC_URL = "/docs/openapi.json"
AUTH_OFF_NOTE = (
    "Autentiseringen är avstängd i den här installationen (`INSATSER_AUTH_DISABLED`, bara i "
    "utveckling och test): anropen behöver ingen API-nyckel. I produktion kräver anropen en "
    "nyckel (`Authorization: Bearer <nyckel>`) med rätt behörighet."
)
# The catalogue's reads, open to anyone with INSATSER_PUBLIC_CATALOG=true.
_CATALOG_READS = ("/v1/catalog", "/v1/insatser")

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")  # behind a proxy that serves us under a prefix
    return get_swagger_ui_html(
        openapi_url=f"{root}{DOCS_SPEC_URL}",
        title="insatser-api – API-dokumentation",
        swagger_js_url=f"{root}{STATIC_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{STATIC_URL}/swagger-ui.css",
        swagger_favicon_url=f"{root}{STATIC_URL}/favicon.png",
        # validatorUrl: Swagger UI would otherwise send the spec to validator.swagger.io.
        swagger_ui_parameters={**swagger_ui_default_parameters, "validatorUrl": None},
    )


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return get_redoc_html(
        openapi_url=f"{root}{DOCS_SPEC_URL}",
        title="insatser-api – API-referens",
        redoc_js_url=f"{root}{STATIC_URL}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{STATIC_URL}/favicon.png",
        with_google_fonts=False,
    )


@router.get(DOCS_SPEC_URL)
async def spec_as_configured(request: Request) -> JSONResponse:
    return JSONResponse(as_configured(request.app.openapi(), request.app.state.settings))


def as_configured(spec: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The contract with the security this installation applies: none with authentication
    off, none on the catalogue's reads when it is public."""
    if not (settings.auth_disabled or settings.public_catalog):
        return spec
    spec = copy.deepcopy(spec)
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            open_read = method == "get" and path.startswith(_CATALOG_READS)
            if settings.auth_disabled or (settings.public_catalog and open_read):
                operation.pop("security", None)
    if settings.auth_disabled:
        spec.get("components", {}).pop("securitySchemes", None)
        paragraphs = spec["info"].get("description", "").split("\n\n")
        spec["info"]["description"] = "\n\n".join(
            AUTH_OFF_NOTE if "API-nyckel" in part else part for part in paragraphs
        )
    return spec


def install_docs(app: FastAPI) -> None:
    """Create the app with `docs_url=None, redoc_url=None`, then call this."""
    app.include_router(router)
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="docs-static")
