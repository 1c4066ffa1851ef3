"""RequestBodyGuard at the ASGI level, for what an HTTP client will not send."""

from __future__ import annotations

import json

from starlette.types import Message, Receive, Scope, Send

from insatser_api.kit.body_guard import RequestBodyGuard, is_json_media_type


async def _echo_length(scope: Scope, receive: Receive, send: Send) -> None:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(len(body)).encode()})


async def _call(
    method: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
) -> tuple[int, bytes]:
    pending = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/x", "headers": headers}
    await RequestBodyGuard(_echo_length, max_bytes=10)(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


JSON = (b"content-type", b"application/json")


async def test_invalid_content_length_is_400() -> None:
    status, body = await _call("POST", [JSON, (b"content-length", b"ten")], [b"{}"])
    assert status == 400
    assert json.loads(body)["status"] == 400


async def test_chunks_are_counted_and_replayed() -> None:
    assert await _call("POST", [JSON], [b"12345", b"67890"]) == (200, b"10")
    status, _ = await _call("POST", [JSON], [b"12345", b"67890", b"1"])
    assert status == 413


async def test_a_get_is_not_asked_for_a_content_type() -> None:
    assert await _call("GET", [(b"content-length", b"2")], [b"{}"]) == (200, b"2")


def test_json_media_types() -> None:
    assert is_json_media_type("application/json")
    assert is_json_media_type("application/problem+json; charset=utf-8")
    assert not is_json_media_type("text/json+plain")
    assert not is_json_media_type("")
