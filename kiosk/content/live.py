"""The collection as curators change it while the kiosk runs.

Curators copy folders in from laptops, network shares and USB sticks, edit them
in place, rename and remove them. The kiosk looks often and cheaply (`look()`):
the collection's listing and each folder's own modification time (beyond
OWN_TIMES_PER_LOOK folders, a share of them at each look, in turn), then the
file stamps (see folder_stamp) of the folders that moved, of those the
file-system watcher hinted at, and of a slice of the others in turn, because
an edit in place does not touch a folder's time and inotify misses network
mounts. A folder is read only once it is quiet, so a copy in progress is never
shown half-done nor reported as broken.

What visitors see (`portraits()`) is each folder's last good version: a folder
that turns broken while being edited keeps its previous portrait until it is
fixed. A collection folder that disappears (a stick pulled, a share dropped)
keeps everything loaded and is looked for again at every look.

No Qt here: kiosk.qt.watcher drives `look()` with a timer and the watcher's hints,
in a worker thread. One thread looks at a time; any other thread may read what
the last look published (portraits(), problems(), counts(), folder_names()) and
ask for hint() or read_everything_again(), which the next look takes up.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import saved_readings
from kiosk.content.collection import (
    Collection,
    CollectionError,
    listed_names,
    order_key,
    own_time,
    own_times,
    scan,
    without_twins,
)
from kiosk.content.portraits import FolderReading, Portrait, folder_stamp, read_portrait_folder
from kiosk.content.problems import Problem
from kiosk.content.text import Languages

QUIET_SECONDS = 1.5  # no change for this long: the copy is over
STEADY_SECONDS = 0.5  # at least this long unchanged as seen by the kiosk itself
SWEEP_FOLDERS = 50  # folders whose files are checked at each look, in turn
# Folders whose own times a look reads; a larger collection's take turns. A `stat` is
# about 4 us, but 4000 of them with their Python made a look 36 ms twice a second,
# and the carousel waited for the interpreter while it ran.
OWN_TIMES_PER_LOOK = 1000
READS_PER_LOOK = 25  # a look stays short even when hundreds of folders arrive at once
FAT_TIME_NS = 2_000_000_000  # FAT keeps file times in steps of 2 s


@dataclass
class _Folder:
    """What the kiosk knows of one portrait folder."""

    stamp: tuple
    own_time: int  # the folder's modification time (ns): it moves when entries come and go
    changed_at: float  # when the kiosk last saw the stamp change (monotonic seconds)
    settled: bool  # read since its last change
    good: Portrait | None = None  # the last version visitors may see
    problems: tuple[Problem, ...] = ()  # of the last reading
    draft: bool = False


@dataclass(frozen=True)
class _View:
    """What a look publishes for other threads: built whole, then swapped in at once."""

    order: tuple[str, ...] = ()  # folder names in collection order
    portraits: tuple[Portrait, ...] = ()
    problems: tuple[Problem, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Look:
    """What one look found."""

    read: tuple[FolderReading, ...] = ()  # folders read anew: their problems are worth logging
    kept: tuple[str, ...] = ()  # folders that turned broken: their last good version stays
    removed: tuple[str, ...] = ()  # folders gone from the collection
    event: str = ""  # a collection-level event worth one log line
    came_back: bool = False  # the collection folder is readable again after an outage
    settling: bool = False  # folders are still changing: look again soon
    appeared: tuple[str, ...] = ()  # folders new in the listing (for the watcher)

    @property
    def changed(self) -> bool:
        return bool(self.read or self.removed or self.event)


class LiveCollection:
    """Portrait folders read once they are quiet, with their last good versions."""

    def __init__(
        self,
        root: str,
        languages: Languages,
        *,
        quiet: float = QUIET_SECONDS,
        clock=time.monotonic,
        wall_clock=time.time,
        saved: Path | None = None,
    ) -> None:
        self.root = root
        self.saved = saved  # where the start-up readings are kept (see saved_readings)
        self.languages = languages
        self.quiet = quiet
        self._clock, self._wall_clock = clock, wall_clock
        self._folders: dict[str, _Folder] = {}
        self._order: list[str] = []  # folder names in collection order
        self._listed: set[str] = set()  # the names of the last listing, twins included
        self._listed_order: list[str] = []  # the same in collection order, without twins
        self._present: set[str] = set()  # the same as a set
        self._own_times_at = 0  # where the next look's turn of own times starts
        self._view = _View()
        self._requests = threading.Lock()  # guards the two requests below, made by other threads
        self._hints: set[str] = set()
        self._again = False  # read_everything_again() was asked for
        self._sweep_at = 0
        self._device: int | None = None
        self._lost: str = ""  # why the collection folder is unavailable, while it is
        self._own_problems: tuple[Problem, ...] = ()  # of the collection as a whole, at load

    # -- reading ----------------------------------------------------------------

    def load(self) -> Collection:
        """The first full scan, read at once; returns the scan's Collection (or raises
        CollectionError, and later looks find the folder when it appears). With `saved`,
        folders unchanged since the last start-up are not read again, and the readings
        are saved for the next one when any changed."""
        now = self._clock()
        previous = saved_readings.load(self.saved, self.root, self.languages) if self.saved else None
        try:
            collection = scan(self.root, self.languages, previous, full_decode=False)
            self._device = os.stat(self.root).st_dev
        except (CollectionError, OSError):
            self._lost = "it does not exist or cannot be read"
            raise
        times = own_times(self.root, [reading.id for reading in collection.readings])
        for reading in collection.readings:
            folder = _Folder(reading.stamp, times[reading.id], now, settled=True)
            _remember(folder, reading)
            self._folders[reading.id] = folder
        self._order = [r.id for r in collection.readings]
        self._own_problems = collection.own_problems
        self._publish()
        if self.saved and (previous is None or previous.readings != collection.readings):
            with contextlib.suppress(OSError):  # a full or read-only disk: the next start reads all
                saved_readings.save(self.saved, collection)
        return collection

    def hint(self, folder_name: str | None) -> None:
        """The file-system watcher saw something in this folder (None: the collection)."""
        if folder_name:
            with self._requests:
                self._hints.add(folder_name)

    def look(self) -> Look:
        """Notice what changed since the last look; read the folders that have gone quiet."""
        now = self._clock()
        try:
            names = self._list()
            device = os.stat(self.root).st_dev
        except (CollectionError, OSError) as exc:
            return self._unavailable(getattr(exc, "message", None) or str(exc))
        if not names and self._order and device != self._device:
            # An unmounted stick leaves an empty mount point on another device.
            return self._unavailable(f"{self.root} is empty and on another disk: was it unmounted?")
        came_back = bool(self._lost)
        event = f"collection back: {self.root}" if came_back else ""
        self._lost, self._device = "", device
        hinted, again = self._take_requests()
        if again:
            self._forget_stamps()
        removed = self._forget_missing(self._present)
        appeared = tuple(name for name in names if name not in self._folders)
        reordered = names != self._order
        self._order = names
        restamped = self._notice_changes(names, now, hinted)
        read, kept = self._read_quiet(now)
        if again or removed or reordered or restamped or read:
            self._publish()
        return Look(
            read=tuple(read),
            kept=tuple(kept),
            removed=tuple(removed),
            event=event,
            came_back=came_back,
            settling=any(not folder.settled for folder in self._folders.values()),
            appeared=appeared,
        )

    def portraits(self) -> tuple[Portrait, ...]:
        """What visitors may see, in collection order: each folder's last good version.
        The same tuple until a look changes something: `is` tells a reader nothing changed."""
        return self._view.portraits

    def folder_names(self) -> list[str]:
        return list(self._view.order)

    def problems(self) -> list[Problem]:
        """Every problem of the collection as last read, folder by folder."""
        return [*self._own_problems, *self._view.problems]

    def counts(self) -> dict[str, int]:
        return dict(self._view.counts)

    def read_everything_again(self) -> None:
        """Staff asked for a reload: every folder is read again, starting at the next look."""
        with self._requests:
            self._again = True

    # -- inner workings -----------------------------------------------------------

    def _unavailable(self, reason: str) -> Look:
        first = not self._lost
        self._lost = reason
        event = f"collection unavailable: {reason}; keeping the {len(self.portraits())} portraits on screen"
        return Look(event=event if first else "")

    def _publish(self) -> None:
        folders = [self._folders[name] for name in self._order if name in self._folders]
        self._view = _View(
            order=tuple(self._order),
            portraits=tuple(f.good for f in folders if f.good is not None),
            problems=tuple(p for f in folders for p in f.problems),
            counts=(
                ("folders", len(folders)),
                ("shown", sum(1 for f in folders if f.good is not None)),
                ("drafts", sum(1 for f in folders if f.draft)),
                ("with_errors", sum(1 for f in folders if any(p.is_error for p in f.problems))),
                ("waiting", sum(1 for f in folders if not f.settled)),
            ),
        )

    def _take_requests(self) -> tuple[set[str], bool]:
        with self._requests:
            hinted, again = self._hints, self._again
            self._hints, self._again = set(), False
        return hinted, again

    def _forget_stamps(self) -> None:
        for folder in self._folders.values():
            folder.stamp, folder.settled = (), False  # a new stamp, then the usual quiet wait

    def _forget_missing(self, names: set[str]) -> list[str]:
        gone = [name for name in self._folders if name not in names]
        for name in gone:
            del self._folders[name]
        return gone

    def _list(self) -> list[str]:
        """The folder names in collection order, without twins. Sorted again only when
        the names changed: that was a fifth of a look at 4000 folders."""
        listed = listed_names(self.root)
        if len(listed) != len(self._listed) or not self._listed.issuperset(listed):
            self._listed = set(listed)
            self._listed_order = without_twins(sorted(listed, key=order_key))
            self._present = set(self._listed_order)
        return self._listed_order

    def _notice_changes(self, names: list[str], now: float, hinted: set[str]) -> bool:
        """Stamp the folders that may have changed; a changed stamp starts a quiet wait.
        True when a folder is new or changed.

        May have changed: new folders, those still changing, those hinted at, those
        whose own time moved (read for all folders, or in turns in a large collection),
        and the sweep's few, whose files are stamped whatever their own times say."""
        swept = self._sweep(names)
        timed = self._own_times_turn(names)
        unsettled = [name for name, folder in self._folders.items() if not folder.settled]
        changed = False
        for name in dict.fromkeys([*timed, *swept, *hinted, *unsettled]):  # once each, in a stable order
            if name not in self._present:  # a hint about a folder that is gone, or a twin
                continue
            folder = self._folders.get(name)
            time_ns = timed.get(name)
            unmoved = folder is not None and time_ns == folder.own_time and folder.settled
            if unmoved and name not in hinted and name not in swept:
                continue
            path = os.path.join(self.root, name)
            if time_ns is None:
                time_ns = own_time(path)
            if folder is None:
                self._folders[name] = _Folder(folder_stamp(path), time_ns, now, settled=False)
                changed = True
                continue
            folder.own_time = time_ns
            stamp = folder_stamp(path)
            if stamp != folder.stamp:
                folder.stamp, folder.changed_at, folder.settled = stamp, now, False
                changed = True
        return changed

    def _own_times_turn(self, names: list[str]) -> dict[str, int]:
        """{name: own time} for this look's folders: every folder new to the kiosk, and
        all the others, or the next OWN_TIMES_PER_LOOK of them in turn."""
        if len(names) <= OWN_TIMES_PER_LOOK:
            return own_times(self.root, names)
        start = self._own_times_at % len(names)
        self._own_times_at = start + OWN_TIMES_PER_LOOK
        turn = [name for name in names if name not in self._folders]
        turn.extend(names[start : start + OWN_TIMES_PER_LOOK])
        turn.extend(names[: max(0, start + OWN_TIMES_PER_LOOK - len(names))])  # wrapping round
        return own_times(self.root, turn)

    def _sweep(self, names: list[str]) -> set[str]:
        """The next few folders in turn: every folder's files are checked every so often."""
        if not names:
            return set()
        start = self._sweep_at % len(names)
        self._sweep_at = start + SWEEP_FOLDERS
        return set(names[start : start + SWEEP_FOLDERS])

    def _read_quiet(self, now: float) -> tuple[list[FolderReading], list[str]]:
        read: list[FolderReading] = []
        kept: list[str] = []
        for name in self._order:
            folder = self._folders[name]
            if folder.settled or not self._is_quiet(folder, now):
                continue
            if len(read) >= READS_PER_LOOK:
                break
            reading = read_portrait_folder(self.root, name, self.languages, full_decode=False)
            if reading.stamp != folder.stamp:  # it changed while being read: wait again
                folder.stamp, folder.changed_at = reading.stamp, now
                continue
            folder.settled = True
            if _remember(folder, reading):
                kept.append(name)
            read.append(reading)
        return read, kept

    def _is_quiet(self, folder: _Folder, now: float) -> bool:
        """Unchanged long enough: as seen by the kiosk, or by the files' own times.
        Only the former when those times cannot be trusted: set in the future by a
        laptop's clock, or rounded down to 2 s by a FAT-formatted stick."""
        steady = now - folder.changed_at
        if steady >= self.quiet:
            return True
        times = [folder.own_time, *(entry[3] for entry in folder.stamp)]
        if all(time_ns % FAT_TIME_NS == 0 for time_ns in times):
            return False
        return (
            steady >= min(STEADY_SECONDS, self.quiet) and self._wall_clock() - max(times) / 1e9 >= self.quiet
        )


def _remember(folder: _Folder, reading: FolderReading) -> bool:
    """Take a new reading's portrait as the folder's good version; True when the
    reading is broken and an earlier good version is kept instead."""
    folder.problems, folder.draft = reading.problems, reading.is_draft
    if reading.portrait is not None and reading.published:
        folder.good = reading.portrait
        return False
    if reading.is_draft:
        folder.good = None  # withdrawn on purpose
        return False
    return folder.good is not None
