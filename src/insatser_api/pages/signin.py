"""`/inloggning` and `/utloggning`: sign in once with an API key, kept as a session.

The key is read from the form, verified as the API verifies a bearer key, and forgotten: the
session cookie names the key's id only (pages/session.py)."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from insatser_api.pages.access import PAGE_SCOPES, DatabaseUnavailable
from insatser_api.pages.session import StaffSession
from insatser_api.pages.view import StaffView, StaffViewDep
from insatser_api.security.service import KeyVerifier

router = APIRouter(include_in_schema=False)

KEY_FIELD = "api_key"
_KEY_MAX_LENGTH = 200
# Where a sign-in may send the browser afterwards: a path of this service, never another site
# ("//host" and "/\\host" are other sites to a browser).
_OWN_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9/_.\-%?=&]*$")
_AFTER_SIGN_IN = "/prova"


def back_to(value: object) -> str:
    return value if isinstance(value, str) and _OWN_PATH.match(value) else _AFTER_SIGN_IN


@router.get("/inloggning", name="page_sign_in")
async def sign_in_page(view: StaffViewDep) -> Response:
    return _form(view, back_to(view.request.query_params.get("till")))


@router.post("/inloggning")
async def sign_in(view: StaffViewDep) -> Response:
    form = await view.request.form()
    target = back_to(form.get("till"))
    if view.settings.auth_disabled:
        return view.redirect(target)
    if not view.form_is_ours(form):
        return _form(view, target, expired=True, status=403)
    token = form.get(KEY_FIELD)
    token = token.strip() if isinstance(token, str) else ""
    if not token:
        return _form(view, target, error="Skriv in API-nyckeln.", status=422)
    verifier: KeyVerifier = view.request.app.state.key_verifier
    principal = None
    if len(token) <= _KEY_MAX_LENGTH:
        try:
            principal = verifier.cached(token) or await run_in_threadpool(verifier.verify, token)
        except SQLAlchemyError as error:
            raise DatabaseUnavailable from error
    if principal is None or principal.key_id is None:
        return _form(
            view,
            target,
            error="Nyckeln gäller inte. Kontrollera att den är rätt inskriven och inte har "
            "återkallats.",
            status=422,
        )
    if PAGE_SCOPES.isdisjoint(principal.scopes):
        return _form(
            view,
            target,
            error="Nyckeln saknar behörigheterna för sidorna (catalog:read, eligibility:check).",
            status=403,
        )
    response = view.redirect(target)
    # A new nonce: whatever session the browser had before signing in is worth nothing now.
    view.pages.signer.write(response, view.request, StaffSession.fresh(principal.key_id))
    return response


@router.post("/utloggning", name="page_sign_out")
async def sign_out(view: StaffViewDep) -> Response:
    form = await view.request.form()
    if not view.form_is_ours(form):
        return _form(view, _AFTER_SIGN_IN, expired=True, status=403)
    response = view.redirect("/inloggning?utloggad=1")
    view.pages.signer.clear(response, view.request)
    return response


def _form(
    view: StaffView,
    target: str,
    *,
    error: str | None = None,
    expired: bool = False,
    status: int = 200,
) -> Response:
    return view.render(
        "sign_in.html",
        {
            "key_field": KEY_FIELD,
            "target": target,
            "error": error,
            "expired": expired,
            "signed_out": view.request.query_params.get("utloggad") == "1",
        },
        status=status,
    )
