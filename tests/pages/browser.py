"""Debian's Chromium, headless, driven by Playwright: never a browser Playwright downloads.

Every page a test visits can be checked with axe-core (`assert_accessible`, the vendored
tests/pages/axe/axe.min.js, evaluated in the page through the DevTools protocol, which the
page's CSP does not govern) and photographed (`screenshot`) into the test output folder:
`test-output/pages/` at the project root, or INSATSER_SCREENSHOT_DIR.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Response

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
# Every rule of WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("INSATSER_SCREENSHOT_DIR", ROOT / "test-output" / "pages"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: `apt-get install chromium chromium-driver` (make test and "
            ".ci/run do it)"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class Tab:
    """One browser page, with the console errors it logged (a CSP refusal is one)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        # A page's own 4xx status (a form with errors is a 422) is logged as a failed load
        # too; failed loads are told by _on_response, which knows what was loaded.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.console_errors.append(f"{response.status} for {response.url}")

    def assert_accessible(self, state: str) -> None:
        """0 axe-core violations on the page as it is now; `state` names it in the failure."""
        if self.page.evaluate("typeof window.axe") == "undefined":
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        violations: list[dict[str, Any]] = self.page.evaluate(
            """async (tags) => (await axe.run(document, {
                   runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
               })).violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)
               }))""",
            AXE_TAGS,
        )
        assert not violations, f"axe-core on {state}:\n" + json.dumps(
            violations, indent=2, ensure_ascii=False
        )

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        path = screenshot_dir() / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def check(self, state: str) -> None:
        """The page as it is now: accessible, no console errors, photographed as `state`."""
        self.assert_accessible(state)
        assert not self.console_errors, f"console errors on {state}: {self.console_errors}"
        self.screenshot(state)
