"""Who may call the server, how often, and what the browser may do with its pages.

With no key in the keys file when it starts, the server is open, which `spinscope serve` allows only on a
loopback address. With keys (or on any other address), every API call and page needs one, even after the
last key is revoked: `Authorization: Bearer KEY` or `X-API-Key: KEY` for programs,
a cookie set by the sign-in page for browsers (HttpOnly, SameSite=Strict, so other sites cannot use it).
Every response carries a strict Content-Security-Policy: scripts and styles from this server only (plus, on
the analyse page, the one inline stylesheet of technique colours, allowed by its hash).
"""

from __future__ import annotations

import math

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinscope.serve.keys import KeyStore
from spinscope.serve.limits import RateLimiter

KEY_COOKIE = "spinscope_key"
BASE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class NeedsKey(Exception):
    """A request without a valid key, on a server that uses keys."""


def presented_key(request: Request) -> str | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-key") or request.cookies.get(KEY_COOKIE)


def client_of(request: Request, keys: KeyStore, required: bool) -> str:
    """The rate-limit identity of a request: its key's id, or its address on a server without keys."""
    if not required:
        return "addr:" + (request.client.host if request.client else "unknown")
    key = presented_key(request)
    record = keys.verify(key) if key else None
    if record is None:
        raise NeedsKey
    return "key:" + record.id


def check_rate(limiter: RateLimiter, client: str) -> None:
    wait = limiter.take(client)
    if wait > 0:
        raise HTTPException(
            status_code=429,
            detail="too many requests; slow down",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )


def page_csp(extra_style_hashes: tuple[str, ...] = ()) -> str:
    if not extra_style_hashes:
        return BASE_CSP
    return BASE_CSP.replace("style-src 'self'", "style-src 'self' " + " ".join(extra_style_hashes))


class SecurityHeadersMiddleware:
    """Adds the hardening headers, and the base CSP to any response that did not set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in _HEADERS if name not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", BASE_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
