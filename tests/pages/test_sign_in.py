"""Who may use the pages: signing in with an API key, the session cookie, CSRF, revocation."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from insatser_api.main import create_app
from insatser_api.pages.access import SessionKeys
from insatser_api.pages.session import COOKIE_NAME
from insatser_api.security import scopes, service
from tests.conftest import guarded_client
from tests.personal_data import PersonalDataGuard
from tests.security.conftest import issue_key, secured_settings

pytestmark = pytest.mark.database


@pytest.fixture(scope="module")
def locked_app(database_url: str) -> Iterator[FastAPI]:
    # No key cache: a revoked key must end its sessions at the next request.
    application = create_app(secured_settings(database_url, api_key_cache_seconds=0))
    yield application
    application.state.database.dispose()


@pytest.fixture
async def browser(
    locked_app: FastAPI, personal_data_guard: PersonalDataGuard
) -> AsyncIterator[httpx.AsyncClient]:
    async with guarded_client(locked_app, personal_data_guard) as http:
        yield http


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert match, "no CSRF token in the form"
    return match[1]


async def sign_in(browser: httpx.AsyncClient, token: str) -> httpx.Response:
    form = await browser.get("/inloggning")
    return await browser.post(
        "/inloggning",
        data={"csrf_token": csrf_of(form.text), "api_key": token, "till": "/"},
    )


def key_for(app: FastAPI, *granted: str) -> str:
    return issue_key(app.state.database.write_sessions, granted)


async def test_the_pages_ask_for_sign_in_when_the_catalogue_is_closed(
    browser: httpx.AsyncClient,
) -> None:
    first = await browser.get("/")
    cookie = first.headers["set-cookie"]  # a session from the first page on, for its forms
    for path in ("/", "/insatser/cra"):
        response = await browser.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/inloggning?till=")
    page = await browser.get("/inloggning")
    assert page.status_code == 200
    assert 'type="password"' in page.text
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert page.headers["cache-control"] == "no-store"


async def test_signing_in_keeps_the_key_id_never_the_key(
    browser: httpx.AsyncClient, locked_app: FastAPI
) -> None:
    token = key_for(locked_app, scopes.CATALOG_READ, scopes.ELIGIBILITY_CHECK)
    before = (await browser.get("/inloggning")).headers["set-cookie"]
    browser.cookies.clear()
    signed_in = await sign_in(browser, token)
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/"
    cookie = signed_in.headers["set-cookie"]
    assert cookie.split(";")[0] != before.split(";")[0], "sign-in keeps the old session"
    secret = token.rsplit("_", 1)[1]
    assert secret not in cookie
    assert token.split("_")[1] not in cookie  # not even the key's prefix
    page = await browser.get("/")
    assert page.status_code == 200
    assert "Logga ut" in page.text


async def test_a_form_without_its_csrf_token_is_refused(
    browser: httpx.AsyncClient, locked_app: FastAPI
) -> None:
    token = key_for(locked_app, scopes.CATALOG_READ)
    await browser.get("/inloggning")
    for data in ({"api_key": token}, {"api_key": token, "csrf_token": "0" * 64}):
        refused = await browser.post("/inloggning", data=data)
        assert refused.status_code == 403
        assert "Formuläret hade gått ut" in refused.text
    cross_site = await browser.post(
        "/inloggning",
        data={"api_key": token, "csrf_token": csrf_of((await browser.get("/inloggning")).text)},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status_code == 403
    assert (await browser.get("/")).status_code == 303  # still not signed in


async def test_a_wrong_key_is_an_error_at_the_field(browser: httpx.AsyncClient) -> None:
    refused = await sign_in(browser, "isk_abcdefghijkl_" + "x" * 43)
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text
    assert 'aria-describedby="nyckel-tips api_key-fel"' in refused.text
    assert "Nyckeln gäller inte" in refused.text


async def test_a_key_without_the_pages_scopes_is_refused(
    browser: httpx.AsyncClient, locked_app: FastAPI
) -> None:
    refused = await sign_in(browser, key_for(locked_app, scopes.STATISTICS_READ))
    assert refused.status_code == 403
    assert "saknar behörigheterna" in refused.text


async def test_revoking_the_key_ends_its_sessions(
    browser: httpx.AsyncClient, locked_app: FastAPI
) -> None:
    token = key_for(locked_app, scopes.CATALOG_READ)
    await sign_in(browser, token)
    assert (await browser.get("/")).status_code == 200
    with locked_app.state.database.write_sessions() as session:
        service.revoke_key(session, token.split("_")[1])
        session.commit()
    assert (await browser.get("/")).status_code == 303


async def test_signing_out_forgets_the_session(
    browser: httpx.AsyncClient, locked_app: FastAPI
) -> None:
    await sign_in(browser, key_for(locked_app, scopes.CATALOG_READ))
    page = await browser.get("/")
    signed_out = await browser.post("/utloggning", data={"csrf_token": csrf_of(page.text)})
    assert signed_out.status_code == 303
    assert f'{COOKIE_NAME}=""' in signed_out.headers["set-cookie"]
    assert (await browser.get("/")).status_code == 303


async def test_the_cookie_is_secure_in_production(database_url: str) -> None:
    app = create_app(
        secured_settings(database_url, environment="production", decision_log_enabled=False)
    )
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            cookie = (await http.get("/inloggning")).headers["set-cookie"]
        assert "Secure" in cookie
    finally:
        app.state.database.dispose()


async def test_a_public_catalogue_needs_no_sign_in(database_url: str) -> None:
    app = create_app(secured_settings(database_url, public_catalog=True))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            assert (await http.get("/")).status_code == 200
            assert (await http.get("/insatser/cra")).status_code == 200
    finally:
        app.state.database.dispose()


async def test_database_trouble_is_a_503_page(
    browser: httpx.AsyncClient, locked_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    await sign_in(browser, key_for(locked_app, scopes.CATALOG_READ))
    unreachable = sessionmaker(create_engine("sqlite:////nonexistent-folder/insatser.db"))
    monkeypatch.setattr(locked_app.state.pages, "keys", SessionKeys(unreachable, ttl=0))
    page = await browser.get("/")
    assert page.status_code == 503
    assert page.headers["retry-after"] == "30"
    assert page.headers["cache-control"] == "no-store"
    assert "Tjänsten är inte tillgänglig just nu" in page.text
