"""A collection: a folder of portrait folders, scanned into portraits and problems.

Also the facets (origin, profession) visitors filter by, and the comparison of
two scans that live reloading builds on.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, replace

from kiosk.catalogue import N_
from kiosk.content import files
from kiosk.content.portraits import FolderReading, Portrait, folder_stamp, read_portrait_folder
from kiosk.content.problems import ContentError, Problem, ProblemList
from kiosk.content.text import Languages

DEFAULT_LANGUAGES = Languages()


class CollectionError(ContentError):
    """The collection folder itself cannot be read."""


@dataclass(frozen=True)
class Collection:
    root: str
    languages: Languages
    readings: tuple[FolderReading, ...]
    own_problems: tuple[Problem, ...] = ()  # of the collection as a whole

    @property
    def portraits(self) -> list[Portrait]:
        """The portraits visitors see, in a stable order."""
        return [r.portrait for r in self.readings if r.portrait is not None and r.portrait.published]

    @property
    def drafts(self) -> list[FolderReading]:
        return [r for r in self.readings if r.is_draft]

    @property
    def broken(self) -> list[FolderReading]:
        return [r for r in self.readings if r.is_broken]

    @property
    def problems(self) -> list[Problem]:
        return [*self.own_problems, *(p for r in self.readings for p in r.problems)]

    def with_problems(self, problems: list[Problem]) -> Collection:
        """The same collection, with problems found elsewhere (kiosk.yaml) listed first."""
        return replace(self, own_problems=(*problems, *self.own_problems))


def scan(
    root: str,
    languages: Languages = DEFAULT_LANGUAGES,
    previous: Collection | None = None,
    *,
    full_decode: bool = True,
) -> Collection:
    """Read every portrait folder under `root`.

    Folders whose files have not changed since `previous` are not read again.
    `full_decode=False` does not open photos: the kiosk's fast scan, whose
    photos are decoded in full when they are prepared for the screen.
    Raises CollectionError only when `root` itself cannot be listed.
    """
    names = folder_names(root)
    known = _reusable(previous, root, languages)
    own = ProblemList(None)
    readings: list[FolderReading] = []
    seen: dict[str, str] = {}
    for name in names:
        if _is_nfc_twin(name, seen, own):
            continue
        old = known.get(name)
        unchanged = old is not None and old.stamp == folder_stamp(os.path.join(root, name))
        if unchanged and old is not None:
            readings.append(old)
        else:
            readings.append(read_portrait_folder(root, name, languages, full_decode=full_decode))
    if not names:
        own.warning(N_("the collection holds no portrait folders yet: create one with 'kiosk new'"))
    return Collection(root, languages, tuple(readings), tuple(own.items))


def folder_names(root: str) -> list[str]:
    """The portrait folders in `root`, in collection order.

    Raises CollectionError when `root` itself cannot be listed."""
    return sorted(listed_names(root), key=order_key)


def listed_names(root: str) -> list[str]:
    """The portrait folders in `root`, in the order the system lists them: no `stat`
    of each folder (the file type comes with the listing on local disks)."""
    try:
        with os.scandir(root) as entries:
            return [e.name for e in entries if not files.is_debris(e.name) and _is_folder(e)]
    except FileNotFoundError:
        raise CollectionError(N_("{folder} does not exist: check the path").format(folder=root)) from None
    except NotADirectoryError:
        raise CollectionError(
            N_("{folder} is a file, not a folder of portrait folders").format(folder=root)
        ) from None
    except OSError as exc:
        raise CollectionError(
            N_("{folder} cannot be read ({reason}): check its permissions").format(
                folder=root, reason=exc.strerror
            )
        ) from None


def own_time(folder: str) -> int:
    """A folder's modification time (ns), which moves when files are added, removed
    or renamed in it; 0 when it cannot be read."""
    try:
        return os.stat(folder, follow_symlinks=False).st_mtime_ns
    except OSError:
        return 0


def own_times(root: str, names: list[str]) -> dict[str, int]:
    """{name: own_time} for folders in `root`. Each `stat` is relative to the open folder
    where the system allows it: building a path for each was half their cost."""
    if os.stat not in os.supports_dir_fd:  # pragma: no cover - Windows
        return {name: own_time(os.path.join(root, name)) for name in names}
    times = {}
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return dict.fromkeys(names, 0)
    try:
        for name in names:
            try:
                times[name] = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mtime_ns
            except OSError:
                times[name] = 0
    finally:
        os.close(fd)
    return times


def order_key(folder_name: str) -> tuple[str, str]:
    """Where a folder comes in the collection: by name, ignoring case."""
    return folder_name.casefold(), folder_name


def without_twins(names: list[str]) -> list[str]:
    """The names without the second of two that differ only in Unicode form.
    (Plain ASCII names, the usual ones, skip normalising.)"""
    seen: set[str] = set()
    kept = []
    for name in names:
        key = name if name.isascii() or not files.is_valid_name(name) else unicodedata.normalize("NFC", name)
        if key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _reusable(previous: Collection | None, root: str, languages: Languages) -> dict[str, FolderReading]:
    if previous is None or previous.root != root or previous.languages != languages:
        return {}
    return {r.id: r for r in previous.readings}


def _is_nfc_twin(name: str, seen: dict[str, str], own: ProblemList) -> bool:
    """True when another folder has the same name in another Unicode form (Mac vs Linux)."""
    if not files.is_valid_name(name):
        return False
    key = unicodedata.normalize("NFC", name)
    if key in seen:
        own.error(
            N_(
                "the folders '{first}' and '{second}' have the same name written two ways "
                "(as a Mac and a PC write accents): keep one"
            ).format(first=seen[key], second=name),
            file=name,
        )
        return True
    seen[key] = name
    return False


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def compare(old: Collection, new: Collection) -> Changes:
    """What visitors would see differently: portraits added, changed and removed."""
    before = {p.id: p for p in old.portraits}
    after = {p.id: p for p in new.portraits}
    return Changes(
        added=tuple(i for i in after if i not in before),
        changed=tuple(i for i in after if i in before and after[i] != before[i]),
        removed=tuple(i for i in before if i not in after),
    )
