"""Search and read the catalogue in Chromium: every state accessible, photographed."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.pages.browser import Tab


def test_the_start_page_lists_every_insats_with_section_and_enhet(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    expect(page).to_have_title("Sök insatser – Insatser utan behovsprövning")
    expect(page.locator("h2#traffar")).to_have_text("28 insatser")
    first = page.locator(".insats-list > li").first
    expect(first.locator(".meta")).to_contain_text("Avsnitt 2.1.1")
    expect(page.locator("footer")).to_contain_text("Detta är inget biståndsbeslut")
    tab.check("sok-start")


def test_search_by_word_and_filters(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_label("Sökord").fill("spel")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator(".insats-list")).to_contain_text("Spelbehandling")
    assert "q=spel" in page.url
    tab.check("sok-spel")

    page.get_by_label("Sökord").fill("")
    page.get_by_label("Väg in").select_option(label="Appen Mitt val mitt stöd")
    page.get_by_label("Sektor").select_option(value="Öppenvård")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator("h2#traffar")).not_to_have_text("28 insatser")
    for meta in page.locator(".insats-list .meta").all_inner_texts():
        assert "Öppenvård" in meta
    tab.check("sok-filter")


def test_a_filter_outside_the_lists_is_an_error_at_its_field(tab: Tab) -> None:
    page = tab.page
    response = page.goto("/?kanal=brevduva")
    assert response is not None
    assert response.status == 422
    field = page.get_by_label("Väg in")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description("Fel: Välj en väg in i listan.")
    expect(page.get_by_role("alert")).to_contain_text("Väg in: Välj en väg in i listan.")
    tab.check("sok-fel")


def test_an_insats_page_shows_what_the_bilaga_says(tab: Tab) -> None:
    page = tab.page
    page.goto("/?q=trädet")
    page.get_by_role("link", name="Stödgrupp barn och ungdom Trädet", exact=True).click()
    expect(page).to_have_url("/insatser/tradet")
    expect(page.locator("h1")).to_have_text("Stödgrupp barn och ungdom Trädet")
    for heading in (
        "Målgrupp",
        "Motivering",
        "Villkor",
        "Innehåll",
        "Så aktualiseras insatsen",
        "Samtycke",
        "Dokumentation",
        "Tolkningar",
    ):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(".source-line").first).to_contain_text("avsnitt 4.4.6")
    expect(page.locator("main")).to_contain_text("14 kap.")
    expect(page.locator("main")).to_contain_text("21 kap. 2 §")
    expect(page.locator("main")).to_contain_text("lämplighetsprövning")
    tab.check("insats-tradet")


def test_an_unknown_insats_is_a_page_that_says_so(tab: Tab) -> None:
    response = tab.page.goto("/insatser/finns-inte")
    assert response is not None
    assert response.status == 404
    expect(tab.page.locator("h1")).to_have_text("Sidan finns inte")
    tab.check("insats-okand")


def test_the_taxonomy_filters_and_the_vardkedja(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_label("Fas i vårdkedjan").select_option(label="Eftervård")
    page.get_by_label("Fokus").select_option(label="Alkohol och narkotika")
    page.get_by_role("button", name="Sök").click()
    assert "vardkedja=eftervard" in page.url
    expect(page.locator(".insats-list")).to_contain_text("12-steg eftervård")
    tab.check("sok-vardkedja")

    page.goto("/insatser/cra")
    chain = page.get_by_role("region", name="Klassificering och vårdkedja")
    expect(chain).to_contain_text("Primärbehandling")
    expect(chain).to_contain_text("inom ett år")
    tab.check("insats-cra-vardkedja")
    chain.get_by_role("link", name="Förstärkt CRA (F-CRA)").click()
    expect(page).to_have_url("/insatser/f-cra")
    earlier = page.get_by_role("region", name="Klassificering och vårdkedja")
    expect(earlier.get_by_role("link", name="CRA-primärbehandling")).to_be_visible()
