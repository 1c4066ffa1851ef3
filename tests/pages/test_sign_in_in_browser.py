"""Signing in in Chromium on a server with authentication on: the form, its error, the way in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy.orm import sessionmaker

from insatser_api.kit.database import create_db_engine
from insatser_api.security import scopes, service
from tests.pages.browser import Tab
from tests.server import Server, running_server

PEPPER = "pages-test-pepper-long-enough"


@pytest.fixture(scope="module")
def locked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"INSATSER_AUTH_DISABLED": "false", "INSATSER_API_KEY_PEPPER": PEPPER}
    with running_server(tmp_path_factory.mktemp("pages-locked"), env=env) as server:
        yield server


@pytest.fixture
def locked_tab(browser: Browser, locked_server: Server) -> Iterator[Tab]:
    context = browser.new_context(base_url=locked_server.url, locale="sv-SE")
    context.set_default_timeout(10_000)
    try:
        yield Tab(context.new_page())
    finally:
        context.close()


def issue_key(server: Server, *granted: str) -> str:
    engine = create_db_engine(f"sqlite:///{server.catalog_dir.parent / 'insatser.db'}")
    try:
        with sessionmaker(engine)() as session:
            created = service.create_key(session, "kundcenter-test", granted, pepper=PEPPER)
            session.commit()
    finally:
        engine.dispose()
    return created.token


def test_sign_in_then_check(locked_tab: Tab, locked_server: Server) -> None:
    page = locked_tab.page
    page.goto("/prova")
    expect(page).to_have_url(f"{locked_server.url}/inloggning?till=%2Fprova")
    expect(page.locator("h1")).to_have_text("Logga in")
    locked_tab.check("inloggning")

    page.get_by_label("API-nyckel").fill("isk_fel")
    page.get_by_role("button", name="Logga in").click()
    field = page.get_by_label("API-nyckel")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(
        "Börjar med isk_. Får du ingen nyckel, fråga systemförvaltaren. "
        "Fel: Nyckeln gäller inte. Kontrollera att den är rätt inskriven och inte har återkallats."
    )
    locked_tab.check("inloggning-fel")

    token = issue_key(locked_server, scopes.CATALOG_READ, scopes.ELIGIBILITY_CHECK)
    page.get_by_label("API-nyckel").fill(token)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(f"{locked_server.url}/prova")
    expect(page.get_by_role("button", name="Logga ut (kundcenter-test)")).to_be_visible()
    cookies = page.context.cookies()
    assert [c["name"] for c in cookies] == ["insatser_session"]
    assert cookies[0]["httpOnly"] is True
    assert cookies[0]["sameSite"] == "Strict"
    assert token not in cookies[0]["value"]
    locked_tab.check("inloggad-prova")

    page.get_by_role("button", name="Logga ut (kundcenter-test)").click()
    expect(page).to_have_url(f"{locked_server.url}/inloggning?utloggad=1")
    expect(page.get_by_role("status")).to_have_text("Du är utloggad.")
    page.goto("/prova")
    expect(page.locator("h1")).to_have_text("Logga in")
    assert token not in locked_server.log()
