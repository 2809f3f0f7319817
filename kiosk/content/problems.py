"""Problems found in content, worded for curators.

A problem says where (folder, file, field, line), how bad (an error keeps the
portrait off screen, a warning does not) and what to do, in plain words: written in
English from a template of the catalogue, and shown in the reader's language
(kiosk.catalogue explains how).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

from kiosk.catalogue import N_, SOURCE_LANGUAGE, translated, translator

LINES_PER_FOLDER = 20  # then one line says how many more: one folder cannot flood the log


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

    def location(self, language: str = SOURCE_LANGUAGE) -> str:
        """`folder/file:line`, as much of it as is known."""
        parts = [p for p in (self.folder, self.file) if p]
        where = "/".join(parts) if parts else translator(language)(N_("collection"))
        return f"{where}:{self.line}" if self.line else where

    def as_line(self, language: str = SOURCE_LANGUAGE) -> str:
        """The problem as `kiosk check` prints it, in `language`."""
        prefix = "" if self.is_error else translator(language)(N_("warning: "))
        return f"{self.location(language)}: {prefix}{self.text(language)}"

    def text(self, language: str = SOURCE_LANGUAGE) -> str:
        return translated(self.message, language)

    def as_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def downgraded(self) -> Problem:
        """The same problem as a warning (used for drafts, which visitors never see)."""
        return Problem(self.folder, self.file, self.field, self.line, Severity.WARNING, self.message)


@dataclass(frozen=True)
class MoreLikeThis:
    """Stands for the problems of a folder past the first LINES_PER_FOLDER."""

    folder: str | None
    count: int
    is_error: bool  # one of them at least is an error

    def location(self, language: str = SOURCE_LANGUAGE) -> str:
        return self.folder or translator(language)(N_("collection"))

    @property
    def message(self) -> str:
        return N_("and {count} more like this").format(count=f"{self.count:,}".replace(",", " "))

    def text(self, language: str = SOURCE_LANGUAGE) -> str:
        return translated(self.message, language)

    def as_line(self, language: str = SOURCE_LANGUAGE) -> str:
        return f"{self.location(language)}: {self.text(language)}"


def capped(problems: Iterable[Problem], limit: int = LINES_PER_FOLDER) -> list[Problem | MoreLikeThis]:
    """At most `limit` problems per folder, in their order; the rest of a folder's are
    counted in one MoreLikeThis after its last one shown. One folder with 25 000 unknown
    keys cannot flood the log."""
    every = list(problems)
    beyond: dict[str | None, list[Problem]] = {}
    seen: dict[str | None, int] = {}
    for problem in every:
        seen[problem.folder] = seen.get(problem.folder, 0) + 1
        if seen[problem.folder] > limit:
            beyond.setdefault(problem.folder, []).append(problem)
    kept: list[Problem | MoreLikeThis] = []
    shown: dict[str | None, int] = {}
    for problem in every:
        count = shown[problem.folder] = shown.get(problem.folder, 0) + 1
        if count <= limit:
            kept.append(problem)
        rest = beyond.get(problem.folder)
        if count == limit and rest:
            kept.append(MoreLikeThis(problem.folder, len(rest), any(p.is_error for p in rest)))
    return kept


def capped_lines(
    problems: Iterable[Problem], limit: int = LINES_PER_FOLDER, language: str = SOURCE_LANGUAGE
) -> list[str]:
    return [item.as_line(language) for item in capped(problems, limit)]


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
