"""The pages as a person meets them: a real `insatser-api serve` and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.pages.browser import Tab, launch
from tests.server import Server, running_server


# Per module, not per session: while the sync driver runs, its event loop counts as running in
# this thread, and pytest-asyncio cannot run the async tests of the modules after it.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = launch(playwright)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Authentication off, as `make run` serves it."""
    with running_server(tmp_path_factory.mktemp("pages-open")) as server:
        yield server


@pytest.fixture
def tab(browser: Browser, open_server: Server) -> Iterator[Tab]:
    context = browser.new_context(
        base_url=open_server.url, locale="sv-SE", viewport={"width": 1100, "height": 900}
    )
    # Generous for two busy cores, far below Playwright's 30 s so that a failure comes soon.
    context.set_default_timeout(10_000)
    try:
        yield Tab(context.new_page())
    finally:
        context.close()
