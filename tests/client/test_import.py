"""The client is light: importing it loads none of the server's machinery."""

from __future__ import annotations

import json
import subprocess
import sys

SERVER_SIDE = ("fastapi", "starlette", "sqlalchemy", "yaml", "insatser_api.rules", "alembic")


def _modules_after(statement: str) -> list[str]:
    # A fresh interpreter: this test process has imported everything already.
    code = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules: list[str] = json.loads(result.stdout)
    return modules


def _server_side(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == s or m.startswith(s + ".") for s in SERVER_SIDE)]


def test_importing_the_client_loads_no_server_code() -> None:
    modules = _modules_after("import insatser_api.client")
    assert "insatser_api.client" in modules
    assert _server_side(modules) == []


def test_the_testing_plugin_is_as_light_until_a_service_starts() -> None:
    # pytest loads the plugin into every session of a suite that has the package installed.
    modules = _modules_after("import insatser_api.testing")
    assert _server_side(modules) == []


def test_the_check_sees_server_code_when_it_is_there() -> None:
    # The same check on the app finds what it looks for: the test above can fail.
    assert {"fastapi", "sqlalchemy", "insatser_api.rules"} <= set(
        _server_side(_modules_after("import insatser_api.main"))
    )
