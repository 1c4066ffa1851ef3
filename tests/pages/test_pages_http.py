"""The pages over HTTP: their headers, their HTML, and their absence from the contract."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.kit.security_headers import PAGES_CSP

PAGES = ["/", "/?q=spel&kanal=app", "/insatser/cra", "/inloggning", "/prova", "/prova?insats=cra"]


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_carries_the_security_headers(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == PAGES_CSP
    assert "unsafe-inline" not in PAGES_CSP
    assert "script-src" not in PAGES_CSP  # default-src 'none': no script at all
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_is_swedish_html_without_script_or_other_origins(
    client: httpx.AsyncClient, path: str
) -> None:
    html = (await client.get(path)).text
    assert '<html lang="sv">' in html
    assert "<script" not in html
    assert " style=" not in html  # an inline style would need 'unsafe-inline'
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert url.startswith(("/", "#")), url


async def test_the_stylesheet_is_served(client: httpx.AsyncClient) -> None:
    css = await client.get("/static/pages.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")


def test_the_pages_are_not_in_the_contract(app: FastAPI) -> None:
    paths = set(app.openapi()["paths"])
    assert paths, "no paths at all"
    assert all(path.startswith(("/v1/", "/health/", "/metrics")) for path in paths), paths


async def test_an_html_form_is_still_refused_by_the_api(client: httpx.AsyncClient) -> None:
    refused = await client.post("/v1/eligibility", data={"applicant": "x"})
    assert refused.status_code == 415
