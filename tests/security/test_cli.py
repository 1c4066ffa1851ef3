"""`insatser-api keys create | list | revoke` against the test database."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from insatser_api.cli import app
from insatser_api.kit.database import create_db_engine, session_factory
from insatser_api.security import cli as keys_cli
from insatser_api.security.service import KeyVerifier
from tests.security.conftest import PEPPER, secured_settings

pytestmark = pytest.mark.database
runner = CliRunner()
TOKEN = re.compile(r"^isk_[a-z]{12}_[A-Za-z0-9_-]{43}$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _settings(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setattr(keys_cli, "get_settings", lambda: secured_settings(database_url))


def _verify(database_url: str, token: str) -> str | None:
    engine = create_db_engine(database_url)
    try:
        principal = KeyVerifier(session_factory(engine), PEPPER, ttl=0).verify(token)
    finally:
        engine.dispose()
    return principal.name if principal else None


def test_create_prints_the_key_once_and_it_works(database_url: str) -> None:
    result = runner.invoke(
        app, ["keys", "create", "cli-nexus", "-s", "documentation:write", "-e", "nexus"]
    )
    assert result.exit_code == 0, result.output
    token = TOKEN.search(result.output)
    assert token is not None
    assert _verify(database_url, token.group(0)) == "cli-nexus"
    listing = runner.invoke(app, ["keys", "list"])
    assert listing.exit_code == 0
    line = next(line for line in listing.output.splitlines() if "cli-nexus" in line)
    assert "enheter: Nexus" in line  # the catalogue's spelling
    assert "aktiv" in line
    assert token.group(0) not in listing.output
    assert token.group(0).split("_", 2)[2] not in listing.output


def test_revoke_by_name_or_prefix(database_url: str) -> None:
    created = runner.invoke(app, ["keys", "create", "cli-revoke", "--scope", "eligibility:check"])
    token = TOKEN.search(created.output)
    assert token is not None
    prefix = token.group(0).split("_")[1]
    result = runner.invoke(app, ["keys", "revoke", prefix])
    assert result.exit_code == 0, result.output
    assert "Återkallade cli-revoke" in result.output
    assert _verify(database_url, token.group(0)) is None
    listing = runner.invoke(app, ["keys", "list"])
    assert "återkallad" in next(line for line in listing.output.splitlines() if prefix in line)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["keys", "create", "x1", "-s", "documentation:write"], "kräver att enheterna anges"),
        (["keys", "create", "x2", "-s", "documentation:write", "-e", "Nowhere"], "Okänd enhet"),
        (["keys", "create", "x3", "-s", "superuser"], "Okänd behörighet"),
        (["keys", "revoke", "no-such-key"], "Ingen nyckel"),
    ],
)
def test_refusals_exit_non_zero_with_a_reason(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
