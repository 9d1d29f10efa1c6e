"""A Content-Security-Policy on every HTML answer (the pages, /docs, /redoc): the
browser may load scripts, styles, images and fonts from this service only.

The pages and the docs ship their files (app/web/static, the fastapi-offline package),
but ReDoc's bundle still names its logo on the vendor's CDN; with this policy the
browser does not even ask for it, so the docs never reach out, offline or not.
Swagger UI starts from an inline script and both docs set inline styles: allowed, as
they come from this service's own pages.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
          "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
          "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'self'")


class OwnFilesOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", POLICY)
            await send(message)

        await self.app(scope, receive, with_policy)
