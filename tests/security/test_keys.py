"""Keys: the token format, what is stored, creation rules, revocation and the verifier cache."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from insatser_api.security import scopes, service
from insatser_api.security.models import ApiKey
from insatser_api.security.principal import Principal
from insatser_api.security.tokens import generate_token, hash_token, token_prefix
from tests.security.conftest import PEPPER, issue_key


def test_token_is_random_and_carries_its_prefix() -> None:
    first, second = generate_token(), generate_token()
    assert first.token != second.token
    assert first.token.startswith(f"isk_{first.prefix}_")
    assert len(first.token) == len("isk_") + 12 + 1 + 43  # 32 random bytes, base64url
    assert token_prefix(first.token) == first.prefix
    assert token_prefix("isk_0123456789ab_" + "a" * 43) is None
    assert token_prefix("Bearer nonsense") is None


def test_hash_depends_on_the_pepper() -> None:
    token = generate_token().token
    assert hash_token(token, "one-pepper") != hash_token(token, "other-pepper")
    assert len(hash_token(token, PEPPER)) == 64


def test_principal_writes_only_for_its_enheter() -> None:
    nexus = Principal("1", "nexus", frozenset({scopes.DOCUMENTATION_WRITE}), frozenset({"Nexus"}))
    assert nexus.may_write_for("Nexus")
    assert nexus.may_write_for("nexus")
    assert not nexus.may_write_for("Familjestöd Bryggan")
    everywhere = Principal("2", "all", frozenset({scopes.DOCUMENTATION_WRITE}), None)
    assert everywhere.may_write_for("Familjestöd Bryggan")
    reader = Principal("3", "reader", frozenset({scopes.DOCUMENTATION_READ}), None)
    assert not reader.may_write_for("Nexus")


def test_principal_reads_only_for_its_enheter() -> None:
    nexus = Principal("1", "nexus", frozenset({scopes.DOCUMENTATION_READ}), frozenset({"Nexus"}))
    assert nexus.may_read_for("nexus")
    assert not nexus.may_read_for("Familjestöd Bryggan")
    assert nexus.readable_among(["Nexus", "Familjestöd Bryggan"]) == frozenset({"Nexus"})
    everywhere = Principal("2", "all", frozenset({scopes.DOCUMENTATION_READ}), None)
    assert everywhere.readable_among(["Nexus"]) is None
    writer = Principal("3", "writer", frozenset({scopes.DOCUMENTATION_WRITE}), None)
    assert not writer.may_read_for("Nexus")
    assert writer.readable_among(["Nexus"]) == frozenset()


database = pytest.mark.database


@pytest.fixture
def sessions(secured_app: FastAPI) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = secured_app.state.database.write_sessions
    return factory


@database
def test_only_the_hash_is_stored(sessions: sessionmaker[Session]) -> None:
    token = issue_key(sessions, [scopes.CATALOG_READ], name="hash-only")
    with sessions() as session:
        key = session.scalars(select(ApiKey).where(ApiKey.name == "hash-only")).one()
        assert key.secret_hash == hash_token(token, PEPPER)
        assert token.split("_", 2)[2] not in key.secret_hash  # isk_<prefix>_<secret>
        assert key.prefix == token_prefix(token)


@database
@pytest.mark.parametrize(
    ("scope_list", "enheter", "message"),
    [
        ([], [], "minst en behörighet"),
        (["catalog:write"], [], "Okänd behörighet"),
        ([scopes.DOCUMENTATION_WRITE], [], "kräver att enheterna anges"),
        ([scopes.DOCUMENTATION_READ], [], "kräver att enheterna anges"),
        ([scopes.CATALOG_READ], ["Nexus"], "bara tillsammans med documentation:write"),
        ([scopes.DOCUMENTATION_WRITE], ["*", "Nexus"], "antingen '*'"),
    ],
)
def test_creation_rules(
    sessions: sessionmaker[Session], scope_list: list[str], enheter: list[str], message: str
) -> None:
    with sessions() as session, pytest.raises(service.KeyRequestError, match=message):
        service.create_key(session, "rules", scope_list, enheter, pepper=PEPPER)


@database
def test_names_are_unique(sessions: sessionmaker[Session]) -> None:
    issue_key(sessions, [scopes.ADMIN], name="twice")
    with sessions() as session, pytest.raises(service.KeyRequestError, match="finns redan"):
        service.create_key(session, "twice", [scopes.ADMIN], pepper=PEPPER)


@database
def test_star_means_every_enhet(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        star = service.create_key(
            session, "star", [scopes.DOCUMENTATION_WRITE], ["*"], pepper=PEPPER
        ).key
        named = service.create_key(
            session, "named", [scopes.DOCUMENTATION_WRITE], ["Nexus"], pepper=PEPPER
        ).key
        assert service.principal_of(star).enheter is None
        assert service.principal_of(named).enheter == frozenset({"Nexus"})
        session.rollback()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@database
def test_revocation_takes_effect_within_the_cache_time(sessions: sessionmaker[Session]) -> None:
    clock = FakeClock()
    verifier = service.KeyVerifier(sessions, PEPPER, ttl=30, clock=clock)
    token = issue_key(sessions, [scopes.ELIGIBILITY_CHECK], name="to-revoke")
    principal = verifier.verify(token)
    assert principal is not None
    assert principal.name == "to-revoke"
    with sessions() as session:
        service.revoke_key(session, "to-revoke")
        session.commit()
    clock.now += 29
    assert verifier.cached(token) == principal  # still trusted from the cache
    clock.now += 2
    assert verifier.cached(token) is None
    assert verifier.verify(token) is None


@database
def test_last_used_is_recorded_from_the_background(sessions: sessionmaker[Session]) -> None:
    usage = service.KeyUsage(sessions, interval=3600)
    verifier = service.KeyVerifier(sessions, PEPPER, ttl=0, usage=usage)
    token = issue_key(sessions, [scopes.CATALOG_READ], name="used")
    assert verifier.verify(token) is not None
    with sessions() as session:
        key = session.scalars(select(ApiKey).where(ApiKey.name == "used")).one()
        assert key.last_used_at is None  # the check itself wrote nothing
    usage.flush()
    with sessions() as session:
        key = session.scalars(select(ApiKey).where(ApiKey.name == "used")).one()
        assert key.last_used_at is not None


@database
def test_a_wrong_pepper_verifies_nothing(sessions: sessionmaker[Session]) -> None:
    token = issue_key(sessions, [scopes.CATALOG_READ])
    assert service.KeyVerifier(sessions, "another-pepper-entirely", ttl=0).verify(token) is None


@database
def test_the_cache_keeps_no_token_and_no_stored_hash(sessions: sessionmaker[Session]) -> None:
    verifier = service.KeyVerifier(sessions, PEPPER, ttl=30)
    token = issue_key(sessions, [scopes.ELIGIBILITY_CHECK], name="cached")
    assert verifier.verify(token) is not None
    kept = repr(vars(verifier)) if hasattr(verifier, "__dict__") else ""
    kept += repr(verifier._cache)
    assert token not in kept
    assert hash_token(token, PEPPER) not in kept
    # A token that differs in one character is not taken for the cached one.
    assert verifier.cached(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
