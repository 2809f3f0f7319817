"""Problems found in content, worded for curators.

A problem says where (folder, file, field, line), how bad (an error keeps the
portrait off screen, a warning does not) and what to do, in plain words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    folder: str | None
    file: str | None
    field: str | None
    line: int | None
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """`folder/file:line`, as much of it as is known."""
        parts = [p for p in (self.folder, self.file) if p]
        where = "/".join(parts) if parts else "collection"
        return f"{where}:{self.line}" if self.line else where

    def as_line(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.location()}: {prefix}{self.message}"

    def as_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def downgraded(self) -> Problem:
        """The same problem as a warning (used for drafts, which visitors never see)."""
        return Problem(self.folder, self.file, self.field, self.line, Severity.WARNING, self.message)


class ContentError(Exception):
    """Content the kiosk cannot use; `message` is a sentence for the curator."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class ProblemList:
    """Collects the problems of one file or folder, with its location filled in."""

    def __init__(self, folder: str | None, file: str | None = None) -> None:
        self.folder = folder
        self.file = file
        self.items: list[Problem] = []

    def error(self, message: str, **where) -> None:
        self._add(Severity.ERROR, message, **where)

    def warning(self, message: str, **where) -> None:
        self._add(Severity.WARNING, message, **where)

    def _add(
        self,
        severity: Severity,
        message: str,
        *,
        file: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        problem = Problem(self.folder, file or self.file, field, line, severity, message)
        self.items.append(problem)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)
