"""What the visitor sees next, and why.

Two sets of rules, both free of Qt:

- **What is in the cycle** (`ScreenFeedPolicy`). A portrait enters once the pictures
  it needs are prepared, so nothing half-drawn or broken is ever shown; a new version
  replaces the old one once its own pictures are ready (the old one stays meanwhile);
  a photo that failed keeps that version out; the portrait a visitor is reading is
  neither changed nor removed until they move on (or autoplay takes over: then nobody
  is reading). Prepared pictures are let in at most every ADMISSION_S, so a thousand
  photos prepared at start make a few batches, not a thousand updates.
- **Where the visitor is in it** (`Cursor`). The cycle is in collection order and
  wraps around, so autoplay shows every portrait once before any repeats; a change of
  the cycle keeps the visitor on their portrait when it is still there, else on the
  one that took its place.

kiosk.qt.feed and kiosk.qt.session apply these decisions to the models and timers.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.content.collection import order_key
from kiosk.content.photocache import photo_identity
from kiosk.content.portraits import Portrait

ADMISSION_S = 0.3  # prepared photos enter the cycle at most this often


# -- what is in the cycle ------------------------------------------------------------


@dataclass(frozen=True)
class Admission:
    """What to show after an admission: the whole list (`everything`), or only these
    `arrivals` put into their places; and the log lines of live changes."""

    everything: list[Portrait] | None = None
    arrivals: list[Portrait] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return self.everything is not None or bool(self.arrivals)


class ShownPortraits(Protocol):
    """What the cycle holds now (kiosk.qt.models.PortraitListModel)."""

    def portraits(self) -> list[Portrait]: ...

    def version_of(self, portrait_id: str) -> Portrait | None: ...


class ScreenFeedPolicy:
    """Decides which version of each portrait is on screen.

    `is_ready(portrait)` says whether the pictures a portrait needs are prepared; the
    clock is in seconds (monotonic)."""

    def __init__(self, is_ready: Callable[[Portrait], bool], clock: Callable[[], float]) -> None:
        self._is_ready = is_ready
        self._clock = clock
        self._last_admission = float("-inf")
        self.broken: set[str] = set()  # photo identities that failed to prepare
        # Folders read by a live look: their arrival and updates are logged, not the start's.
        self._announced: set[str] = set()
        # Photos prepared since the last admission; None: look at every portrait again.
        # Between looks only these can change what is shown, and at start a batch of
        # them arrives every few hundred milliseconds: an admission that walked the
        # whole collection each time stalled the screen for 24 ms at 4000 portraits.
        self._prepared_since: set[str] | None = None
        self._live_seen: tuple[Portrait, ...] | None = None  # what the last full admission read
        # Photo identity: the live version it belongs to, for each version not shown yet.
        self._waiting: dict[str, Portrait] = {}
        self.held_back = False  # a newer version of the portrait being read waits

    # -- what happened ------------------------------------------------------------

    def announce(self, portrait_id: str) -> None:
        """A live look read this folder: its arrival or update will be logged."""
        self._announced.add(portrait_id)

    def prepared(self, identity: str) -> float:
        """A picture of this photo is ready; returns in how many seconds to admit (0: now)."""
        if self._prepared_since is not None:
            self._prepared_since.add(identity)
        waited = self._clock() - self._last_admission
        return max(0.0, ADMISSION_S - waited)

    def failed(self, identity: str) -> bool:
        """This photo cannot be prepared; returns False when that was known already."""
        if identity in self.broken:
            return False
        self.broken.add(identity)
        return True

    def look_at_everything(self) -> None:
        """The next admission checks every portrait (after a look, a retry, or when a
        held-back version may now be shown)."""
        self._prepared_since = None

    def retry(self) -> None:
        """Photos that failed are tried again (their files may have been out of reach)."""
        self.broken.clear()
        self._prepared_since = None

    def release_held_back(self) -> bool:
        """The visitor moved on: returns whether a held-back version now needs an admission."""
        if not self.held_back:
            return False
        self._prepared_since = None  # the held-back version may have been ready for long
        return True

    # -- the decision -------------------------------------------------------------

    def admit(self, live: tuple[Portrait, ...], shown: ShownPortraits, reading: Portrait | None) -> Admission:
        """What to show now. `live`: the collection's portraits (last good versions);
        `shown`: what the cycle holds; `reading`: the portrait a visitor is reading, or
        None when nobody is (autoplay)."""
        self._last_admission = self._clock()
        prepared, self._prepared_since = self._prepared_since, set()
        if prepared is not None and live is self._live_seen:
            return self._admit_prepared(prepared, shown, reading)
        return self._admit_all(live, shown, reading)

    def _admit_all(
        self, live: tuple[Portrait, ...], shown_now: ShownPortraits, reading: Portrait | None
    ) -> Admission:
        self._live_seen = live
        shown = {p.id: p for p in shown_now.portraits()}
        ready = self._ready_versions(live, shown)
        self.held_back = False
        if reading is not None:
            pinned = _with_pinned(ready, reading)
            self.held_back, ready = pinned != ready, pinned
        now = {p.id: p for p in ready}
        self._waiting = {photo_identity(p): p for p in live if now.get(p.id) is not p and now.get(p.id) != p}
        if ready == list(shown.values()):
            return Admission()
        return Admission(everything=ready, changes=self._changes(shown, ready))

    def _admit_prepared(
        self, prepared: set[str], shown: ShownPortraits, reading: Portrait | None
    ) -> Admission:
        """Only the waiting versions whose photos were prepared since the last admission:
        nothing else can have changed, so this costs the same at any collection size."""
        arrivals = []
        for identity in prepared:
            wanted = self._waiting.get(identity)
            if wanted is None or identity in self.broken or not self._is_ready(wanted):
                continue
            if reading is not None and wanted.id == reading.id:
                self.held_back = True  # shown when the visitor moves on (a full admission)
                continue
            arrivals.append(self._waiting.pop(identity))
        if not arrivals:
            return Admission()
        before = {p.id: old for p in arrivals if (old := shown.version_of(p.id)) is not None}
        return Admission(arrivals=arrivals, changes=self._changes(before, arrivals, removals=False))

    def _ready_versions(self, live: tuple[Portrait, ...], shown: dict[str, Portrait]) -> list[Portrait]:
        """Each live portrait's version to show: the wanted one once its pictures are
        ready, else the one shown (or none)."""
        ready = []
        for wanted in live:
            old = shown.get(wanted.id)
            if old is wanted:  # most portraits, once shown
                ready.append(old)
                continue
            if (old is None or old != wanted) and self._shows(wanted):
                old = wanted
            if old is not None:  # the old version (or nothing) while the new one's pictures are prepared
                ready.append(old)
        return ready

    def _shows(self, portrait: Portrait) -> bool:
        return photo_identity(portrait) not in self.broken and self._is_ready(portrait)

    def _changes(
        self, before: dict[str, Portrait], after: list[Portrait], *, removals: bool = True
    ) -> list[str]:
        """One line for each portrait added, updated or removed by a live change (the
        start's portraits arriving are not changes)."""
        lines = []
        for portrait in after:
            if portrait.id in self._announced and before.get(portrait.id) != portrait:
                self._announced.discard(portrait.id)
                lines.append(("added " if portrait.id not in before else "updated ") + portrait.id)
        if removals:
            lines.extend(f"removed {gone}" for gone in before.keys() - {p.id for p in after})
        return lines


def _with_pinned(portraits: list[Portrait], pinned: Portrait) -> list[Portrait]:
    """`portraits` with `pinned` in place of its newer version, or put back where it was."""
    ids = [p.id for p in portraits]
    if pinned.id in ids:
        at = ids.index(pinned.id)
        return [*portraits[:at], pinned, *portraits[at + 1 :]]
    keys = [order_key(p.id) for p in portraits]
    at = bisect.bisect(keys, order_key(pinned.id))
    return [*portraits[:at], pinned, *portraits[at:]]


# -- where the visitor is in it ------------------------------------------------------


class Cursor:
    """The visitor's place in a cycle of `count` portraits, which wraps around."""

    def __init__(self) -> None:
        self.index = 0

    def go_to(self, index: int, count: int) -> bool:
        """Move to `index` (wrapped); returns whether the place changed."""
        index = index % count if count else 0
        return self._move(index)

    def step(self, delta: int, count: int) -> bool:
        """The next (+1) or previous (-1) portrait; the cycle wraps around."""
        return self.go_to(self.index + delta, count)

    def follow(self, row_of_shown: int, fallback: int) -> bool:
        """After the cycle changed: stay on the portrait that was shown, now at
        `row_of_shown` (-1 when it left the cycle), else go to `fallback`."""
        return self._move(row_of_shown if row_of_shown >= 0 else fallback)

    def neighbour_rows(self, count: int) -> list[int]:
        """The rows a swipe would show next, in order."""
        if count < 2:
            return []
        return sorted({(self.index + 1) % count, (self.index - 1) % count} - {self.index})

    def fallback_after_removal(self, count: int) -> int:
        """Where to go when the portrait shown left: the one that followed it."""
        return min(self.index, max(count - 1, 0))

    def _move(self, index: int) -> bool:
        if index == self.index:
            return False
        self.index = index
        return True


def autoplay_advances(panel: str) -> bool:
    """Autoplay turns the page only while no panel is open over it."""
    return panel == ""
