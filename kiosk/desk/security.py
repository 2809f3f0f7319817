"""The desk's guards: who is signed in, forms that only the desk's own pages can send,
sign-in attempts slowed down, and the headers that keep pages from being framed or
running anything but the desk's own script."""

from __future__ import annotations

import hmac
import os
import secrets
import threading
from pathlib import Path

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.pin import PinAttempts, verify_password

CSRF_FIELD = "csrf_token"
SIGNED_IN = "signed_in"
SESSION_HOURS = 12

HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


def session_secret(folder: Path) -> str:
    """The key sessions are signed with, made once and kept (only this account reads it):
    curators stay signed in when the desk restarts."""
    path = folder / "desk-session-key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


def csrf_token(request: Request) -> str:
    """This session's token, put in every form the desk draws."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = request.session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def csrf_ok(request: Request, sent: object) -> bool:
    expected = request.session.get(CSRF_FIELD, "")
    return bool(expected) and isinstance(sent, str) and hmac.compare_digest(sent, expected)


def is_signed_in(request: Request) -> bool:
    return request.session.get(SIGNED_IN) is True


def who(request: Request) -> str:
    """The session as the desk's log names it: not the person, the sign-in."""
    return f"session {request.session.get('who', '?')}"


class SignIn:
    """The admin PIN pad's back-off, for the desk's password: three wrong ones, then a
    wait that doubles with each further one (30 s up to 15 min), for every address."""

    def __init__(self, attempts: PinAttempts | None = None) -> None:
        self.attempts = attempts or PinAttempts()
        self._lock = threading.Lock()

    def seconds_locked(self) -> int:
        with self._lock:
            return self.attempts.seconds_locked()

    def check(self, password: str, stored: str) -> bool:
        with self._lock:
            return self.attempts.check(password, stored, verify_password)


def sign_in(request: Request) -> None:
    request.session.clear()  # a new session for the signed-in curator: no token carried over
    request.session[SIGNED_IN] = True
    request.session["who"] = secrets.token_hex(4)
    csrf_token(request)


class SecurityHeaders:
    """Adds HEADERS to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [
                    (name.encode(), value.encode())
                    for name, value in HEADERS.items()
                    if name.encode() not in present
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
