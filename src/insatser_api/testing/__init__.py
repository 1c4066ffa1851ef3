"""pytest plugin for other teams' test suites: the real insatser-api, one per test.

Installed with the package and registered as a pytest plugin (entry point `pytest11`), so a
suite only names the fixture:

    def test_an_adult_in_ostersund_may_take_part_in_cra(insatser_service):
        answer = insatser_service.client.check_eligibility(
            "cra", {"applicant": {"age": 30, "folkbokford_kommunkod": "2380"}}
        )
        assert answer.outcome == "eligible"

`insatser_service` starts `insatser-api serve` on a free loopback port with a fresh database
and authentication off, and yields an `InsatserService` with `.url` and `.client`. Options
(command line, `[pytest]` ini, or `@pytest.mark.insatser(...)` on a test, which wins):
`--insatser-catalog-dir` / `insatser_catalog_dir` / `catalog_dir=`: the catalogue folder
(default: the bundled one); `--insatser-as-of` / `insatser_as_of` / `as_of=`: the day the
service takes as today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from insatser_api.testing.service import InsatserService, ServiceError, start_service

__all__ = ["InsatserService", "ServiceError", "insatser_service", "start_service"]

_MARKER = "insatser"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("insatser", "insatser-api test service")
    group.addoption(
        "--insatser-catalog-dir",
        dest="insatser_catalog_dir",
        default=None,
        help="catalogue folder for the insatser_service fixture (default: the bundled one)",
    )
    group.addoption(
        "--insatser-as-of",
        dest="insatser_as_of",
        default=None,
        help="the day (YYYY-MM-DD) the insatser_service fixture takes as today",
    )
    parser.addini("insatser_catalog_dir", "catalogue folder for insatser_service", default="")
    parser.addini(
        "insatser_as_of", "the day (YYYY-MM-DD) insatser_service takes as today", default=""
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(catalog_dir=None, as_of=None): settings of the insatser_service fixture "
        "for this test",
    )


def _option(request: pytest.FixtureRequest, name: str) -> Any:
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None and name in marker.kwargs:
        return marker.kwargs[name]
    config = request.config
    from_command_line = config.getoption(f"insatser_{name}")
    if from_command_line:
        return from_command_line
    from_ini = config.getini(f"insatser_{name}")
    return from_ini or None


def _as_of(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise pytest.UsageError(f"insatser as_of: {value!r} is not a date YYYY-MM-DD") from None


@pytest.fixture
def insatser_service(request: pytest.FixtureRequest) -> Iterator[InsatserService]:
    """The real insatser-api on a free loopback port: fresh database, authentication off."""
    catalog = _option(request, "catalog_dir")
    catalog_dir = None
    if catalog is not None:
        catalog_dir = Path(catalog)
        if not catalog_dir.is_absolute():
            catalog_dir = request.config.rootpath / catalog_dir
    with start_service(catalog_dir=catalog_dir, as_of=_as_of(_option(request, "as_of"))) as service:
        yield service
