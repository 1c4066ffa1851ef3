"""The whole check of three people in Chromium, one question at a time as `next_questions`
asks them: a 16-year-old, a 40-year-old not folkbokförd asking for Akutboendet, and a parent.
Every step is checked with axe-core and photographed (tests/pages/browser.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.pages.browser import Tab
from tests.personal_data import PERSONNUMMER_SHAPED
from tests.server import Server

MAX_QUESTIONS = 20  # the catalogue has 14 facts; more steps than that is a loop
Answer = Callable[[Page, str], None]


def skip(page: Page, fact: str) -> None:
    """Leave the question unanswered (the person does not know)."""
    page.get_by_role("button", name="Hoppa över frågan").click()


@pytest.fixture(scope="module")
def negatives(open_server: Server) -> dict[str, str]:
    """Each fact's first negative answer, as GET /v1/facts words it."""
    items = httpx.get(f"{open_server.url}/v1/facts", timeout=10).json()["items"]
    return {
        item["fact"]: next(a["means"] for a in item["answers"] if a["negative"])
        for item in items
        if any(a["negative"] for a in item["answers"])
    }


def start(tab: Tab, name: str, insats: str | None = None) -> None:
    page = tab.page
    page.goto("/prova" + (f"?insats={insats}" if insats else ""))
    expect(page.locator("h1")).to_have_text("Pröva för en person")
    expect(page.get_by_role("note", name="Inget biståndsbeslut")).to_contain_text(
        "Detta är inget biståndsbeslut"
    )
    tab.check(f"{name}-start")
    page.get_by_role("button", name="Börja prövningen").click()


def current_fact(page: Page) -> str | None:
    question = page.locator('input[name="fraga"]')
    return question.get_attribute("value") if question.count() else None


def walk(tab: Tab, name: str, answers: dict[str, Answer], negatives: dict[str, str]) -> list[str]:
    """Answer every question the page asks until none is left; the facts in the order asked."""
    page = tab.page
    asked: list[str] = []
    for step in range(1, MAX_QUESTIONS + 1):
        fact = current_fact(page)
        if fact is None:
            expect(page.get_by_role("heading", name="Inga fler frågor")).to_be_visible()
            tab.check(f"{name}-klar")
            return asked
        assert fact not in asked, f"{fact} asked twice: {asked}"
        asked.append(fact)
        tab.check(f"{name}-fraga-{step:02d}")
        if step == 3:
            # What the screen shows while asking (README's docs/staff-check-page.png).
            page.set_viewport_size({"width": 1100, "height": 1500})
            tab.screenshot(f"{name}-fraga-{step:02d}-skarm", full_page=False)
            page.set_viewport_size({"width": 1100, "height": 900})
        if answers.get(fact) is skip:
            skip(page, fact)
            continue
        if fact in answers:
            answers[fact](page, fact)
        else:
            page.get_by_label(negatives[fact], exact=True).check()
        page.get_by_role("button", name="Svara").click()
        expect(page.get_by_role("alert")).to_have_count(0)
    raise AssertionError(f"still asking after {MAX_QUESTIONS} questions: {asked}")


def age(years: int) -> Answer:
    def fill(page: Page, fact: str) -> None:
        own = page.get_by_label("Ange uppgiften nedan")
        if own.count():
            own.check()
        page.get_by_label("Ålder i år").fill(str(years))

    return fill


def born(iso_date: str) -> Answer:
    def fill(page: Page, fact: str) -> None:
        page.get_by_label("eller födelsedatum").fill(iso_date)

    return fill


def choose(means: str) -> Answer:
    def pick(page: Page, fact: str) -> None:
        page.get_by_label(means, exact=True).check()

    return pick


def group(page: Page, title: str) -> Any:
    return page.get_by_role("region", name=re.compile(f"^{re.escape(title)}"))


def summary(tab: Tab, name: str) -> str:
    page = tab.page
    page.get_by_role("button", name="Visa sammanfattning för utskrift").click()
    expect(page.locator("h1")).to_have_text("Sammanfattning av prövningen")
    tab.check(f"{name}-sammanfattning")
    page.emulate_media(media="print")
    tab.screenshot(f"{name}-utskrift")
    page.emulate_media(media="screen")
    text = page.locator("main").inner_text()
    assert "Detta är inget biståndsbeslut" in text
    assert not PERSONNUMMER_SHAPED.search(text)
    return text


def test_a_16_year_old(tab: Tab, negatives: dict[str, str]) -> None:
    page = tab.page
    start(tab, "prova-16")
    asked = walk(
        tab,
        "prova-16",
        {
            "applicant.age": age(16),
            "applicant.folkbokford_kommunkod": choose(
                "Personen är folkbokförd i Östersunds kommun"
            ),
            # On the phone the 16-year-old cannot say what the vårdnadshavare thinks.
            "guardian_consent": skip,
        },
        negatives,
    )
    assert asked[0] == "applicant.age"  # it decides every insats
    consent = group(page, "Personen får ta del med vårdnadshavarens samtycke")
    expect(consent).to_contain_text("21 kap. 2 §")
    refused = group(page, "Personen får inte ta del av")
    expect(refused).to_contain_text("CRA-primärbehandling")
    expect(refused).to_contain_text("11 kap. 6 §")
    expect(refused).to_contain_text("18 år eller äldre: inte uppfyllt")
    expect(page.get_by_role("region", name="Lämnade uppgifter")).to_contain_text("16 år")
    text = summary(tab, "prova-16")
    assert "16 år" in text
    assert "CRA-primärbehandling" in text


def test_a_40_year_old_not_folkbokford_asking_for_akutboendet(
    tab: Tab, negatives: dict[str, str]
) -> None:
    page = tab.page
    start(tab, "prova-akut", insats="akutboendet")
    expect(page.locator("p.lead")).to_contain_text("Akutboendet")
    walk(
        tab,
        "prova-akut",
        {
            "applicant.age": age(40),
            "applicant.folkbokford_kommunkod": choose(
                "Personen är inte folkbokförd i någon kommun (t.ex. bor utomlands)"
            ),
        },
        negatives,
    )
    # Without folkbokföring in the kommun the stay ends on the next vardag (4.1.1); the service
    # asks folkbokföring only where it changes an outcome.
    eligible = group(page, "Personen får ta del av")
    expect(eligible).to_contain_text("Akutboendet")
    expect(eligible).to_contain_text("nästa vardag")
    expect(page.locator(".result")).to_have_count(1)
    text = summary(tab, "prova-akut")
    assert "40 år" in text
    assert re.search(r"slutar senast \d{4}-\d{2}-\d{2}, nästa vardag", text)


def test_a_parent(tab: Tab, negatives: dict[str, str]) -> None:
    page = tab.page
    start(tab, "prova-foralder")
    asked = walk(
        tab,
        "prova-foralder",
        {
            "applicant.age": born("1988-03-14"),
            "applicant.folkbokford_kommunkod": choose(
                "Personen är folkbokförd i Östersunds kommun"
            ),
            "child.age": age(9),  # asked only if an insats needs it
            "child.folkbokford_kommunkod": choose("Barnet är folkbokfört i Östersunds kommun"),
            "child.participates": choose("Barnet deltar i samtalen"),
        },
        negatives,
    )
    assert "child.folkbokford_kommunkod" in asked
    eligible = group(page, "Personen får ta del av")
    expect(eligible).to_contain_text("Enskilda stödsamtal i föräldraroll")
    answered = page.get_by_role("region", name="Lämnade uppgifter")
    expect(answered).to_contain_text("år (enligt födelsedatum)")
    expect(answered).not_to_contain_text("1988-03-14")

    # A wrong answer is corrected without starting over: the age question comes back.
    answered.get_by_role(
        "button", name=re.compile("^Ändra svaret på: Hur gammal är personen")
    ).click()
    assert current_fact(page) == "applicant.age"
    page.get_by_label("Ålder i år").fill("200")
    page.get_by_role("button", name="Svara").click()
    field = page.get_by_label("Ålder i år")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Ange åldern i hela år, 0–130.")
    tab.check("prova-foralder-fel")
    field.fill("36")
    page.get_by_role("button", name="Svara").click()
    expect(page.get_by_role("heading", name="Inga fler frågor")).to_be_visible()
    expect(page.get_by_role("region", name="Lämnade uppgifter")).to_contain_text("36 år")
    text = summary(tab, "prova-foralder")
    assert "1988-03-14" not in text


def test_no_answer_chosen_is_an_error_at_the_question(tab: Tab) -> None:
    page = tab.page
    start(tab, "prova-tomt")
    page.get_by_role("button", name="Svara").click()
    expect(page.get_by_role("alert")).to_contain_text("Ange åldern i hela år, 0–130.")
    expect(page.get_by_label("Ålder i år")).to_have_attribute("aria-invalid", "true")
    tab.check("prova-tomt-fel")


def test_a_skipped_question_can_be_asked_again(tab: Tab) -> None:
    page = tab.page
    start(tab, "prova-hoppa")
    page.get_by_label("Ålder i år").fill("30")
    page.get_by_role("button", name="Svara").click()
    skipped = current_fact(page)
    page.get_by_role("button", name="Hoppa över frågan").click()
    assert current_fact(page) != skipped
    again = page.get_by_role("button", name=re.compile("^Fråga igen"))
    expect(again).to_have_count(1)
    tab.check("prova-hoppa")
    again.click()
    assert current_fact(page) == skipped


@pytest.fixture
def tab_without_javascript(browser: Browser, open_server: Server) -> Iterator[Page]:
    context = browser.new_context(base_url=open_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_everything_works_with_javascript_off(tab_without_javascript: Page) -> None:
    page = tab_without_javascript
    page.goto("/?q=spel")
    expect(page.locator(".insats-list")).to_contain_text("Spelbehandling")
    page.goto("/prova")
    page.get_by_role("button", name="Börja prövningen").click()
    page.get_by_label("Ålder i år").fill("25")
    page.get_by_role("button", name="Svara").click()
    expect(page.get_by_role("region", name="Lämnade uppgifter")).to_contain_text("25 år")
    page.get_by_role("button", name="Visa sammanfattning för utskrift").click()
    expect(page.locator("h1")).to_have_text("Sammanfattning av prövningen")


def test_the_server_logged_none_of_the_answers(open_server: Server) -> None:
    log = open_server.log()
    assert "1988-03-14" not in log
    assert "uppgifter" not in log
    assert not PERSONNUMMER_SHAPED.search(log)
