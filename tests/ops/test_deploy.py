"""deploy/: the reverse proxy that cuts off slow clients ships with the image's compose file."""

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
    assert "proxy_pass http://insatser;" in conf


def test_compose_puts_nginx_in_front_of_the_image() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["insatser"]["build"] == ".."
    assert "ports" not in services["insatser"]  # reachable through nginx only
    proxy = services["proxy"]
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert proxy["ports"]
