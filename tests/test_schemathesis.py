"""Schemathesis against the app over ASGI: generated requests for every operation in the
published `openapi.yaml` (which tests/test_openapi.py holds equal to the served spec), with
authentication on and a key holding every scope. No response may be a server error or break the
schema (status codes, content types, headers, bodies); schema-invalid requests must be refused.

Keys are checked by a stand-in verifier. The journal and statistics endpoints need their
tables, so the app runs on a migrated SQLite file of its own (the fuzzer's records land there).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.config import CheckConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from insatser_api.kit import migrations
from insatser_api.main import create_app
from insatser_api.security.principal import Principal
from insatser_api.security.scopes import ALL_SCOPES
from tests.conftest import CATALOG_DIR, ROOT
from tests.security.conftest import secured_settings

# Per operation: enough for the interesting shapes, and the whole run within CI's minute or two.
EXAMPLES_PER_OPERATION = 300
TOKEN = "isk_fuzzfuzzfuzz_" + "f" * 43
FUZZER = Principal(key_id="fuzz", name="schemathesis", scopes=ALL_SCOPES, enheter=None)


class OneKeyVerifier:
    """Knows one key, holding every scope."""

    def cached(self, token: str) -> Principal | None:
        return FUZZER if token == TOKEN else None

    def verify(self, token: str) -> Principal | None:
        return self.cached(token)


_DATABASE_URL = f"sqlite:///{Path(tempfile.mkdtemp(prefix='insatser-fuzz-')) / 'fuzz.db'}"
migrations.upgrade(_DATABASE_URL)
app = create_app(secured_settings(_DATABASE_URL, catalog_dir=CATALOG_DIR))
app.state.key_verifier = OneKeyVerifier()
schema = schemathesis.openapi.from_dict(
    yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
)
schema.app = app
# A body over INSATSER_MAX_BODY_BYTES is refused with 413 before it is read (documented on every
# operation with a body); schemathesis does not count 413 as a rejection by default.
_negative = schema.config.checks.negative_data_rejection
schema.config.checks.negative_data_rejection = CheckConfig(
    expected_statuses=[*_negative.expected_statuses, 413]
)


@schema.auth(refresh_interval=None, retry_on=[])
class BearerKey:
    """Sends the key the way a caller does; schemathesis still tries requests without it."""

    def get(self, case: Case, context: schemathesis.AuthContext) -> str:
        return TOKEN

    def set(self, case: Case, data: str, context: schemathesis.AuthContext) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api(case: Case) -> None:
    case.call_and_validate(
        # A schema-valid body can still be refused with 422 for what JSON Schema cannot say
        # (rules.md): ages that disagree, a birth date or stay_until after/before as_of, a
        # samordningsnummer with a folkbokföring. Every other built-in check runs.
        excluded_checks=[positive_data_acceptance],
    )
