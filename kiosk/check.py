"""`kiosk check`: every problem of a collection, one line each, or as JSON."""

from __future__ import annotations

import json
import os

from kiosk import exits
from kiosk.content.collection import Collection
from kiosk.content.facets import FACETS, Selection, facet_values
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


def report_json(collection: Collection, language: str | None = None) -> str:
    """The report for scripts; the facets' labels in `language` (default: the collection's)."""
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
        "facets": facets_json(collection, language or default),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def facets_json(collection: Collection, language: str) -> dict:
    """The filter chips as visitors see them with no filter chosen, in `language`."""
    portraits = list(collection.portraits)
    return {
        facet: [
            {"label": value.label, "count": value.count}
            for value in facet_values(portraits, facet, Selection(), language, collection.languages)
        ]
        for facet in FACETS
    }


def language_for_messages(requested: str | None, offered: tuple[str, ...], environment: dict) -> str:
    """The language of what the kiosk says to curators and staff: `requested` (--lang),
    else LANG when it names an offered language, else the collection's default."""
    if requested:
        return requested
    lang = environment.get("LANG", "")
    code = lang.split(".")[0].split("_")[0].split("@")[0].lower()
    return code if code in offered else offered[0]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
