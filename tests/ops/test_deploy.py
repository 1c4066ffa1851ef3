"""deploy/nginx.conf: the reverse proxy that cuts off slow clients, shipped in compose.yaml."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _setting(conf: str, name: str) -> str | None:
    found = re.search(rf"^\s*{name}\s+([^;]+);", conf, re.MULTILINE)
    return found.group(1).strip() if found else None


def test_nginx_cuts_off_slow_headers_and_bodies() -> None:
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        value = _setting(conf, name)
        assert value is not None, name
        assert value.endswith("s"), name
        assert int(value[:-1]) <= 30, name
    assert _setting(conf, "proxy_request_buffering") == "on"
    assert _setting(conf, "server_tokens") == "off"
    assert "proxy_pass http://api;" in conf


def test_compose_puts_nginx_in_front_of_the_api() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    proxy = compose["services"]["proxy"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert proxy["depends_on"] == ["api"]
    assert proxy["ports"] == ["127.0.0.1:8080:8080"]
