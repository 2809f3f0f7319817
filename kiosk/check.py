"""`kiosk check`: every problem of a collection, one line each, or as JSON."""

from __future__ import annotations

import json
import os

from kiosk import exits
from kiosk.content.collection import Collection
from kiosk.content.problems import capped_lines
from kiosk.content.text import escape_controls


def exit_status(collection: Collection) -> int:
    return exits.CONTENT_ERRORS if any(p.is_error for p in collection.problems) else exits.OK


def report_lines(collection: Collection) -> list[str]:
    """For a terminal: control characters in names and messages are escaped."""
    lines = [*capped_lines(collection.problems), summary(collection)]
    return [escape_controls(line) for line in lines]


def summary(collection: Collection) -> str:
    warnings = sum(1 for p in collection.problems if not p.is_error)
    parts = [
        _count(len(collection.portraits), "portrait ready", "portraits ready"),
        f"{len(collection.drafts)} hidden",
        f"{len(collection.broken)} broken",
        _count(warnings, "warning", "warnings"),
    ]
    return ", ".join(parts)


def report_json(collection: Collection) -> str:
    default = collection.languages.default
    data = {
        "root": collection.root,
        "portraits": [
            {
                "id": p.id,
                "name": p.name,
                "profession": p.profession.get(default, default),
                "origin": p.origin.get(default, default),
                "photo": os.path.relpath(p.photo, collection.root),
            }
            for p in collection.portraits
        ],
        "hidden": [
            {"id": r.id, "reason": "draft: 'published: false' in portrait.yaml"} for r in collection.drafts
        ],
        "problems": [p.as_json() for p in collection.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
