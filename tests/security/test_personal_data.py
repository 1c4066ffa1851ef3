"""No personal data in logs or error bodies, for requests that carry it in every place a caller
can put it. (Every other API test runs under the same guard: tests/personal_data.py.)"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from tests.personal_data import PERSONNUMMER_SHAPED, PersonalDataGuard

PNR = "198507099805"  # valid (Luhn); born 1985-07-09
PNR_SHORT = "850709-9805"
BAD_CHECK = "198507099806"
BIRTH = "1985-07-09"
JOURNAL = "Klienten berättade om sin situation hemma och sin oro för barnen."
ELIGIBILITY = "/v1/insatser/cra/eligibility"


def _applicant(**fields: Any) -> dict[str, Any]:
    return {"as_of": "2026-11-23", "applicant": fields}


BODIES: list[dict[str, Any]] = [
    _applicant(personnummer=PNR),
    _applicant(personnummer=BAD_CHECK),
    _applicant(personnummer=PNR_SHORT, birth_date="1990-01-01"),  # contradictory
    _applicant(personnummer="19850709980"),  # wrong length
    _applicant(personnummer=PNR, age=12),
    _applicant(birth_date=BIRTH, age=3),
    _applicant(birth_date="2030-01-01"),  # after as_of
    _applicant(personnummer=int(PNR)),  # wrong type
    _applicant(personnummer=PNR + "0" * 20),  # too long
    _applicant(personnummer="851329-9805"),  # impossible date
    {"as_of": "2026-11-23", "applicant": {"personnummer": PNR, "journal": JOURNAL}},
    {"as_of": PNR, "applicant": {"personnummer": PNR}},
    {"as_of": "2026-11-23", "child": {"birth_date": BIRTH, "text": JOURNAL}},
    {"as_of": "2026-11-23", "history": [{"enhet": PNR, "ended_on": BIRTH}]},
    {"as_of": "2026-11-23", "history": [{"ended_on": BIRTH}]},  # names no insats
    {"as_of": "2026-11-23", "text": JOURNAL, "personnummer": PNR},
    {"as_of": "2020-01-01", "applicant": {"personnummer": PNR}},  # before the first catalogue
    {"as_of": "2026-11-23", "insats_ids": [PNR]},
]


@pytest.mark.parametrize(
    "path", [ELIGIBILITY, "/v1/eligibility", f"/v1/insatser/{PNR}/eligibility"]
)
@pytest.mark.parametrize("body", BODIES)
async def test_bodies(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> None:
    response = await client.post(path, json=body)
    assert response.status_code < 500
    assert PNR not in response.text
    assert PNR_SHORT not in response.text


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", f"/v1/insatser/{PNR}"),
        ("GET", f"/v1/insatser/{PNR_SHORT}"),
        ("GET", f"/v1/insatser?q={PNR}"),
        ("GET", f"/v1/insatser?as_of={PNR}"),
        ("GET", f"/v1/insatser?as_of={BIRTH}&personnummer={PNR}"),
        ("GET", f"/v1/catalog?as_of={PNR_SHORT}"),
        ("GET", f"/v1/{PNR}"),
        ("DELETE", f"/v1/insatser/{PNR}"),
        ("GET", f"/v1/insatser?per_page={PNR}"),
        ("GET", f"/v1/insatser?page={PNR}&sektor={PNR}&kanal={PNR}"),
    ],
)
async def test_paths_and_queries(client: httpx.AsyncClient, method: str, url: str) -> None:
    response = await client.request(method, url)
    assert response.status_code in (200, 404, 405, 422)
    assert PNR not in response.text


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (f'{{"applicant": {{"personnummer": "{PNR}"'.encode(), "application/json"),  # bad JSON
        (f"personnummer={PNR}&birth_date={BIRTH}".encode(), "application/x-www-form-urlencoded"),
        (f'{{"text": "{JOURNAL}", "pad": "{"x" * 70_000}"}}'.encode(), "application/json"),
    ],
)
async def test_raw_bad_bodies(client: httpx.AsyncClient, content: bytes, content_type: str) -> None:
    response = await client.post(
        ELIGIBILITY, content=content, headers={"content-type": content_type}
    )
    assert response.status_code in (400, 413, 415)
    assert PNR not in response.text
    assert BIRTH not in response.text


@pytest.mark.database
async def test_a_personnummer_as_the_api_key(secured_client: httpx.AsyncClient) -> None:
    for token in (PNR, PNR_SHORT, f"isk_abcdefghijkl_{PNR}"):
        response = await secured_client.get(
            "/v1/catalog", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 401
        assert PNR not in response.text


def test_the_guard_catches_a_leak_in_a_log_record(caplog: pytest.LogCaptureFixture) -> None:
    guard = PersonalDataGuard(sent={BIRTH})
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("insatser_api.example").info("handled %s", PNR_SHORT)
        logging.getLogger("insatser_api.example").info("born %s", BIRTH)
        guard.check_records(caplog.records)
    caplog.clear()  # the leak was on purpose: keep it from the autouse guard
    assert len(guard.leaks) == 2


@pytest.mark.parametrize("text", [PNR, PNR_SHORT, "19850709-9805", "8507099805", "850709+9805"])
def test_personnummer_shapes(text: str) -> None:
    assert PERSONNUMMER_SHAPED.search(f"x {text} y")


@pytest.mark.parametrize(
    "text", ["2026-11-23", "v1/insatser/cra", "12345678901234", "2380", "at 0x7f1284986250"]
)
def test_not_personnummer_shapes(text: str) -> None:
    assert not PERSONNUMMER_SHAPED.search(text)
