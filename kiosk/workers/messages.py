"""What the kiosk and a photo-preparing child say to each other: one line of JSON each way.

JSON, never pickle: what a child says must never be able to run code in the screen's
process, even if a decoder was made to misbehave. A child first says READY, once its
imports are done; then each Job gets one Answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kiosk.content.photocache import Fit, PhotoCache, Request
from kiosk.layout import Page

READY = b'{"ready": true}\n'

DONE = "done"
PHOTO_ERROR = "photo_error"  # this photo cannot be shown: the curator must act
OS_ERROR = "os_error"  # the file cannot be read now (gone, or its share dropped)
CACHE_ERROR = "cache_error"  # the cache folder takes no more pictures (read-only, full)
BUG = "bug"  # an exception no photo explains; the message is the child's traceback
OUTCOMES = (DONE, PHOTO_ERROR, OS_ERROR, CACHE_ERROR, BUG)


class BadMessage(ValueError):
    """A line that is not a message of this protocol."""


@dataclass(frozen=True)
class Job:
    """Prepare one picture into the cache folder `folder` (the cache's or its stand-in)."""

    folder: str
    request: Request

    @classmethod
    def of(cls, cache: PhotoCache, request: Request) -> Job:
        return cls(str(cache.write_folder()), request)

    def to_line(self) -> bytes:
        request = self.request
        fields = {
            "folder": self.folder,
            "source": request.source,
            "identity": request.identity,
            "kind": request.kind,
            "box": _fit_fields(request.box),
            "stamp": list(request.stamp) if request.stamp else None,
        }
        return _line(fields)

    @classmethod
    def from_line(cls, line: bytes) -> Job:
        fields = _fields(line)
        try:
            stamp = fields["stamp"]
            request = Request(
                str(fields["source"]),
                str(fields["identity"]),
                str(fields["kind"]),
                _fit_of(fields["box"]),
                tuple(int(part) for part in stamp) if stamp else None,
            )
            return cls(str(fields["folder"]), request)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise BadMessage(f"not a job: {exc!r}") from None


@dataclass(frozen=True)
class Answer:
    """How one job went: DONE, or one of the errors with its message."""

    outcome: str
    message: str = ""

    def to_line(self) -> bytes:
        return _line({"outcome": self.outcome, "message": self.message})

    @classmethod
    def from_line(cls, line: bytes) -> Answer:
        fields = _fields(line)
        outcome, message = fields.get("outcome"), fields.get("message", "")
        if outcome not in OUTCOMES or not isinstance(message, str):
            raise BadMessage(f"not an answer: {line[:200]!r}")
        return cls(outcome, message)


def _fit_fields(fit: Fit) -> dict | list:
    if isinstance(fit, Page):
        return {"page": [fit.width, fit.height], "unit": fit.unit}
    return list(fit)


def _fit_of(fields) -> Fit:
    if isinstance(fields, dict):
        width, height = fields["page"]
        return Page(int(width), int(height), float(fields["unit"]))
    width, height = fields
    return int(width), int(height)


def _line(fields: dict) -> bytes:
    # ASCII (non-ASCII escaped): a line never holds a byte that could be taken for its end.
    return json.dumps(fields, ensure_ascii=True).encode("ascii") + b"\n"


def _fields(line: bytes) -> dict:
    try:
        fields = json.loads(line)
    except ValueError:
        raise BadMessage(f"not JSON: {line[:200]!r}") from None
    if not isinstance(fields, dict):
        raise BadMessage(f"not a JSON object: {line[:200]!r}")
    return fields
