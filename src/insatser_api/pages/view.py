"""What every page request shares: its session, who is signed in, and how a page is answered
(the template, the session cookie, the CSP and `Cache-Control: no-store`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion
from insatser_api.catalog.taxonomy import FAS_TERMS, FOKUS_TERMS, TYP_TERMS
from insatser_api.config import Settings
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.security_headers import PAGES_CSP
from insatser_api.pages import labels
from insatser_api.pages.access import SessionKeys, principal_when_open
from insatser_api.pages.session import CSRF_FIELD, SessionSigner, StaffSession
from insatser_api.security.principal import Principal

if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/static"
# Nothing a page shows is kept by a browser or a proxy: the check page holds a person's facts,
# and the catalogue pages depend on who is signed in.
PAGE_HEADERS = {"Content-Security-Policy": PAGES_CSP, "Cache-Control": "no-store"}


class Pages:
    """The pages' parts, built once per app (app.state.pages)."""

    def __init__(self, settings: Settings, keys: SessionKeys) -> None:
        self.settings = settings
        self.signer = SessionSigner(settings)
        self.keys = keys

    @cached_property
    def templates(self) -> Jinja2Templates:
        # Made for the first page shown, so that a worker serving only the API never imports
        # Jinja2 (docs/performance.md, fifth round: start-up).
        from fastapi.templating import Jinja2Templates

        templates = Jinja2Templates(directory=TEMPLATES_DIR)
        templates.env.globals.update(
            outcome_label=labels.OUTCOMES,
            status_label=labels.STATUSES,
            mode_label=labels.DOCUMENTATION_MODES,
            kanal_label=labels.KANALER,
            consent_subject_label=labels.CONSENT_SUBJECTS,
            typ_label={k: name for k, (name, _) in TYP_TERMS.items()},
            fokus_label={k: name for k, (name, _) in FOKUS_TERMS.items()},
            fas_label={k: name for k, (name, _) in FAS_TERMS.items()},
        )
        return templates


@dataclass(frozen=True, slots=True)
class StaffView:
    request: Request
    pages: Pages
    session: StaffSession
    new_session: bool
    principal: Principal | None

    @property
    def settings(self) -> Settings:
        return self.pages.settings

    @property
    def root(self) -> str:
        # Behind a proxy that serves us under a prefix, every link starts with it.
        root: str = self.request.scope.get("root_path", "")
        return root

    def version(self) -> CatalogVersion:
        """The catalogue in force today; before the first one, the first (as the
        Catalog-Version header says): the pages show it, and a check on it is refused."""
        registry: CatalogRegistry = self.request.app.state.registry
        try:
            return registry.in_force(today_in_stockholm())
        except LookupError:
            return registry.versions[0]

    def render(
        self, template: str, context: Mapping[str, Any] | None = None, status: int = 200
    ) -> HTMLResponse:
        response = self.pages.templates.TemplateResponse(
            self.request,
            template,
            {
                "root": self.root,
                "csrf_field": CSRF_FIELD,
                "csrf_token": self.pages.signer.csrf_token(self.session),
                "principal": self.principal,
                "auth_disabled": self.settings.auth_disabled,
                "signed_in": self.session.key_id is not None and self.principal is not None,
                **(context or {}),
            },
            status_code=status,
            headers=PAGE_HEADERS,
        )
        if self.new_session:
            self.pages.signer.write(response, self.request, self.session)
        return response

    def redirect(self, path: str) -> Response:
        response = RedirectResponse(f"{self.root}{path}", status_code=303, headers=PAGE_HEADERS)
        if self.new_session:
            self.pages.signer.write(response, self.request, self.session)
        return response

    def form_is_ours(self, form: FormData) -> bool:
        """CSRF: the form carries this session's token, and the browser says it was not sent
        from another site (Sec-Fetch-Site, where the browser sends it)."""
        if self.request.headers.get("sec-fetch-site") == "cross-site":
            return False
        return not self.new_session and self.pages.signer.csrf_valid(
            self.session, form.get(CSRF_FIELD)
        )


async def staff_view(request: Request) -> StaffView:
    pages: Pages = request.app.state.pages
    existing = pages.signer.read(request)
    session = existing or StaffSession.fresh()
    principal = principal_when_open(pages.settings)
    if principal is None and session.key_id is not None:
        principal = await pages.keys.principal(session.key_id)
    return StaffView(request, pages, session, existing is None, principal)


StaffViewDep = Annotated[StaffView, Depends(staff_view)]
