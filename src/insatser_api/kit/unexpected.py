"""Unexpected errors: a 500 problem with nothing of the error in it, and a log without data.

Starlette's own last-resort handler sits outside every middleware (so its 500 would lack the
security headers) and re-raises to the server, which logs the exception's text; that text can
hold anything a request carried, a personnummer included. Here the log names the exception type,
the route template and the code lines of the traceback, never the message.
"""

from __future__ import annotations

import logging
import traceback

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from insatser_api.kit.errors import client_gone, problem_response

logger = logging.getLogger(__name__)


class UnexpectedErrors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            # The caller hung up while its body was read: nobody to answer, nothing wrong here.
            client_gone(scope)
        except Exception as error:
            route = getattr(scope.get("route"), "path", "-")
            logger.error(
                "unexpected %s in %s %s\n%s",
                type(error).__name__,
                scope["method"],
                route,
                "".join(traceback.format_tb(error.__traceback__)).rstrip(),
            )
            if started:
                # Half a response is out; the server closes the connection.
                return
            response = problem_response(500, "Ett oväntat fel inträffade.", slug="internal-error")
            await response(scope, receive, send)
