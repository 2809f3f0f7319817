"""The collection as the desk shows it: each folder with its state and its problems."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, replace

from kiosk.content.collection import Collection, CollectionError, scan
from kiosk.content.gazetteer import Gazetteer
from kiosk.content.homes import find_home
from kiosk.content.portraits import FolderReading
from kiosk.content.problems import Problem
from kiosk.content.text import Languages
from kiosk.workers.gazetteer import default_folder, open_gazetteer

ON_SCREEN, DRAFT, BROKEN = "on-screen", "draft", "broken"
STATES = (ON_SCREEN, DRAFT, BROKEN)
RESCAN_S = 1.0  # a page asked for more often than this reads the same scan


@dataclass(frozen=True)
class Entry:
    id: str
    name: str  # the folder's name when the portrait cannot be read
    origin: str
    profession: str
    state: str
    problems: tuple[str, ...]  # each as `kiosk check` words it, in the page's language
    has_photo: bool


def entry_of(reading: FolderReading, language: str, languages: Languages) -> Entry:
    portrait = reading.portrait
    if reading.is_draft:
        state = DRAFT
    elif portrait is None:
        state = BROKEN
    else:
        state = ON_SCREEN
    return Entry(
        id=reading.id,
        name=portrait.name if portrait else reading.id,
        origin=portrait.origin.get(language, languages.default) if portrait else "",
        profession=portrait.profession.get(language, languages.default) if portrait else "",
        state=state,
        problems=tuple(problem.as_line(language) for problem in reading.problems),
        has_photo=portrait is not None,
    )


class DeskCollection:
    """The collection read again when asked, at most once a second, from the folders that
    changed (the rest are reused): the page follows what others copy onto the share."""

    def __init__(self, root: str, languages: Languages) -> None:
        self.root = root
        self.languages = languages
        self._collection: Collection | None = None
        self._by_id: dict[str, FolderReading] = {}  # every thumbnail and proof asks for one
        self._read_at = 0.0
        self._problem = ""
        self._lock = threading.Lock()
        self._gazetteer: Gazetteer | None = None
        self._gazetteer_opened = False
        self._home_problems: dict[tuple, tuple[Problem, ...]] = {}  # by what says where home is

    def current(self) -> tuple[Collection | None, str]:
        """The collection (None when its folder cannot be read) and what is wrong, if anything."""
        with self._lock:
            if time.monotonic() - self._read_at >= RESCAN_S:
                self.read_now()
            return self._collection, self._problem

    def read_now(self) -> None:
        try:
            self._collection = self._with_home_problems(
                scan(self.root, self.languages, self._collection, full_decode=False)
            )
            self._problem = ""
        except CollectionError as exc:
            self._collection, self._problem = None, exc.message
        self._by_id = {r.id: r for r in self._collection.readings} if self._collection else {}
        self._read_at = time.monotonic()

    def close(self) -> None:
        if self._gazetteer is not None:
            self._gazetteer.close()
            self._gazetteer = None

    def _with_home_problems(self, collection: Collection) -> Collection:
        """The collection with what `kiosk check` says of each `home:` the gazetteer does
        not know (each home looked up once: the page reads the collection every second)."""
        if not self._gazetteer_opened:
            self._gazetteer = open_gazetteer(default_folder())
            self._gazetteer_opened = True
        readings = []
        for reading in collection.readings:
            portrait = reading.portrait
            if portrait is None or portrait.home is None:
                readings.append(reading)
                continue
            key = (portrait.id, portrait.home, portrait.home_coordinates)
            if key not in self._home_problems:
                _, found = find_home(portrait, self._gazetteer, self.languages.default)
                self._home_problems[key] = tuple(found)
            extra = [p for p in self._home_problems[key] if p not in reading.problems]
            readings.append(replace(reading, problems=(*reading.problems, *extra)) if extra else reading)
        return replace(collection, readings=tuple(readings))

    def entries(self, language: str) -> list[Entry]:
        collection, _ = self.current()
        if collection is None:
            return []
        return [entry_of(reading, language, self.languages) for reading in collection.readings]

    def reading(self, folder_id: str) -> FolderReading | None:
        self.current()  # read again if it is time
        return self._by_id.get(folder_id)

    def revision(self) -> str:
        """Changes when any folder does: the page reloads itself when it does."""
        collection, problem = self.current()
        if collection is None:
            return "unreadable:" + problem
        digest = hashlib.sha256()
        for reading in collection.readings:
            digest.update(repr((reading.id, reading.stamp)).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()[:16]
