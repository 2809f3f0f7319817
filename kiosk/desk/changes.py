"""What a curator changes from the desk, each change one rename or one atomic write:
publishing and withdrawing a portrait, removing it to the trash and restoring it.

Nothing here deletes a curator's file, except a trashed folder older than TRASH_DAYS.
Every folder named by the page is checked to be one of the collection's own.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.content.collection import listed_names
from kiosk.content.fields import read_fields, read_published
from kiosk.content.portraits import YAML_NAME
from kiosk.content.problems import ContentError, ProblemList
from kiosk.content.strict_yaml import Mapping, parse
from kiosk.content.text import Languages

TRASH = ".trash"  # inside the collection: a rename on the same file system; the kiosk skips dot-folders
TRASH_DAYS = 30
_STAMP = "%Y%m%dT%H%M%SZ"
_TRASHED = re.compile(r"^(?P<id>.+)~(?P<when>\d{8}T\d{6}Z)$")
_PUBLISHED = re.compile(r"^published\s*:.*$", re.MULTILINE)


class RefusedChange(Exception):
    """A change the desk will not make: `reason` is the key of what the page says
    (kiosk.desk.notices.NOTICES), `folder` the folder it names."""

    def __init__(self, reason: str, folder: str) -> None:
        super().__init__(f"{reason}: {folder}")
        self.reason, self.folder = reason, folder


@dataclass(frozen=True)
class Trashed:
    name: str  # the folder's name in the trash
    id: str  # the portrait folder it was
    removed_at: datetime

    @property
    def restorable_until(self) -> datetime:
        return self.removed_at + timedelta(days=TRASH_DAYS)


def portrait_folder(root: str, folder_id: str) -> str:
    """The path of one of the collection's portrait folders, named by the page; refused
    unless it is exactly one of them (no '..', no slash, no link, no dot-folder)."""
    if folder_id not in listed_names(root):
        raise RefusedChange("no-folder", folder_id)
    path = os.path.join(root, folder_id)
    if os.path.islink(path) or not os.path.isdir(path):
        raise RefusedChange("no-folder", folder_id)
    return path


def read_portrait_yaml(root: str, folder_id: str) -> tuple[str, str]:
    """The path and the text of one of the collection's portrait.yaml files."""
    path = os.path.join(portrait_folder(root, folder_id), YAML_NAME)
    try:
        with open(path, encoding="utf-8") as handle:
            return path, handle.read()
    except (OSError, UnicodeDecodeError):
        raise RefusedChange("unreadable", folder_id) from None


def fields_in(text: str, folder_id: str, languages: Languages) -> dict | None:
    """The fields the kiosk reads in this text (kiosk.content.fields); None if it cannot."""
    try:
        document = parse(text)
    except ContentError:
        return None
    if not isinstance(document, Mapping):
        return None
    return read_fields(document, languages, ProblemList(folder_id, YAML_NAME))


def set_published(root: str, folder_id: str, published: bool) -> None:
    """Write `published: true|false` into the folder's portrait.yaml, the one line changed
    (or added at the end), every other line, comment and field kept as it was."""
    path, text = read_portrait_yaml(root, folder_id)
    line = f"published: {'true' if published else 'false'}"
    if _PUBLISHED.search(text):
        changed = _PUBLISHED.sub(line, text, count=1)
    else:
        changed = text + ("" if text.endswith("\n") or not text else "\n") + line + "\n"
    if _published_in(changed, folder_id) is not published:
        raise RefusedChange("unsafe", folder_id)
    write_atomically(path, changed.encode("utf-8"))


def write_atomically(path: str, data: bytes) -> None:
    """The whole file or the old one, never half: written beside it under a dot-name (which
    the kiosk never reads), then renamed over it."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.desk-{os.getpid()}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _published_in(text: str, folder_id: str) -> bool | None:
    """What the kiosk will read of `published:` in this text; None if it cannot be read."""
    values = fields_in(text, folder_id, Languages())
    if values is None:
        return None
    return read_published(values.get("published"), ProblemList(folder_id, YAML_NAME))


def remove(root: str, folder_id: str, now: datetime | None = None) -> Trashed:
    """Move the folder into the collection's trash (one rename); returns where it went."""
    path = portrait_folder(root, folder_id)
    when = (now or datetime.now(UTC)).replace(microsecond=0)
    trash = os.path.join(root, TRASH)
    os.makedirs(trash, exist_ok=True)
    name = f"{folder_id}~{when.strftime(_STAMP)}"
    os.rename(path, os.path.join(trash, name))
    return Trashed(name, folder_id, when)


def trashed(root: str, now: datetime | None = None) -> list[Trashed]:
    """What the trash holds, newest first; folders there longer than TRASH_DAYS are deleted."""
    now = now or datetime.now(UTC)
    trash = os.path.join(root, TRASH)
    try:
        names = os.listdir(trash)
    except OSError:
        return []
    kept = []
    for name in names:
        match = _TRASHED.match(name)
        if match is None or os.path.islink(os.path.join(trash, name)):
            continue
        entry = Trashed(name, match["id"], datetime.strptime(match["when"], _STAMP).replace(tzinfo=UTC))
        if entry.restorable_until < now:
            shutil.rmtree(os.path.join(trash, name), ignore_errors=True)
            continue
        kept.append(entry)
    return sorted(kept, key=lambda entry: entry.removed_at, reverse=True)


def restore(root: str, name: str) -> str:
    """Put a trashed folder back under its own name; returns that name."""
    entry = next((entry for entry in trashed(root) if entry.name == name), None)
    if entry is None:
        raise RefusedChange("not-in-trash", name)
    target = os.path.join(root, entry.id)
    if os.path.lexists(target):
        raise RefusedChange("taken", entry.id)
    os.rename(os.path.join(root, TRASH, name), target)
    return entry.id
