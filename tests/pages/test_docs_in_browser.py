"""The issue's complaint about Swagger UI, in Chromium: with authentication off it shows no
lock and no "Anrop kräver en API-nyckel"."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.pages.browser import Tab


def test_swagger_ui_without_authentication_shows_no_locks(tab: Tab) -> None:
    page = tab.page
    page.goto("/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".information-container")).to_contain_text("Autentiseringen är avstängd")
    expect(page.locator(".information-container")).not_to_contain_text("Anrop kräver en API-nyckel")
    expect(page.locator(".authorization__btn")).to_have_count(0)
    expect(page.locator(".auth-wrapper button")).to_have_count(0)
    tab.screenshot("swagger-ui-utan-inloggning")
