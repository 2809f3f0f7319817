"""ScreenFeed: brings the collection to the visitor's screen, and keeps it up to date.

A portrait enters the cycle once its pictures are prepared (so nothing half-drawn
or broken is ever shown); a new version replaces the old one once its own
pictures are ready; the portrait a visitor is reading is neither changed nor
removed until they move on. Each live change is one line in the log.
"""

from __future__ import annotations

import bisect
import logging
import os

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from kiosk.content.collection import Collection, CollectionError, order_key
from kiosk.content.live import LiveCollection, Look
from kiosk.content.photocache import photo_identity
from kiosk.content.portraits import Portrait
from kiosk.qt.images import PhotoPreparer, Priority
from kiosk.qt.session import VisitorSession

log = logging.getLogger(__name__)
ADMISSION_MS = 300  # prepared photos enter the cycle at most this often
MAX_PROBLEMS_SHOWN = 200


class ScreenFeed(QObject):
    def __init__(self, live: LiveCollection, photos: PhotoPreparer, session: VisitorSession, parent=None):
        super().__init__(parent)
        self.live, self.photos, self.session = live, photos, session
        # Photos (by identity) that failed to prepare: a replaced file is a new identity.
        self._broken: set[str] = set()
        self._photo_problems: dict[str, tuple[str, str]] = {}  # identity: (where, message)
        # Folders read by a live look: their arrival and updates are logged, not the start's.
        self._announced: set[str] = set()
        self.settings_problems: tuple = ()  # of kiosk.yaml: shown to staff with the others
        self._admission = QTimer(self)
        self._admission.setSingleShot(True)
        self._admission.timeout.connect(self._admit_when_due)
        self._since_admission = QElapsedTimer()
        self._since_admission.start()
        # Photos prepared since the last admission; None: look at every portrait again.
        # Between looks only these can change what is shown, and at start a batch of
        # them arrives every few hundred milliseconds: an admission that walked the
        # whole collection each time stalled the screen for 24 ms at 4000 portraits.
        self._prepared_since: set[str] | None = None
        self._live_seen: tuple[Portrait, ...] | None = None  # what the last full admission read
        # Photo identity: the live version it belongs to, for each version not shown yet.
        self._waiting: dict[str, Portrait] = {}
        photos.prepared.connect(self._on_prepared)
        photos.failed.connect(self._on_photo_failed)
        # Changes to the portrait on screen wait until the visitor moves on.
        self._held_back = False
        session.currentIndexChanged.connect(self._release_held_back)
        session.autoplayChanged.connect(self._release_held_back)

    def load(self) -> Collection | None:
        """The first scan; its portraits enter the cycle as their photos are prepared."""
        try:
            collection = self.live.load()
        except CollectionError as exc:
            log.error("collection: %s; looking for it again every few seconds", exc.message)
            return None
        for problem in collection.problems:
            log.warning("problem %s", problem.as_line())
        for portrait in collection.portraits:
            self.photos.prefetch(portrait, priority=Priority.WHEN_IDLE)
        self.admit()
        return collection

    @property
    def admitting(self) -> bool:
        """Prepared photos wait to enter the cycle."""
        return self._admission.isActive()

    def on_look(self, look: Look) -> None:
        if look.event:
            log.info("%s", look.event)
        if look.came_back:
            self._retry_everything()
        for reading in look.read:
            for problem in reading.problems:
                log.info("problem %s", problem.as_line())
            if reading.id in look.kept:
                log.info(
                    "kept %s: its last good version stays on screen until the problem is fixed", reading.id
                )
            elif reading.portrait is not None:
                self._announced.add(reading.id)
                self.photos.prefetch(reading.portrait, priority=Priority.WHEN_IDLE)
        self.admit()

    def facts_for_staff(self) -> dict:
        """What the admin panel shows: every problem (errors first), the counts, and the
        photo preparers, whose memory the panel counts as the kiosk's."""
        found = sorted(
            [*self.settings_problems, *self.live.problems()], key=lambda problem: not problem.is_error
        )
        problems = [{"where": p.location(), "message": p.message, "error": p.is_error} for p in found]
        problems += [
            {"where": where, "message": message, "error": True}
            for where, message in self._photo_problems.values()
        ]
        return {
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "counts": self.live.counts(),
            "preparers": self.photos.preparation.pids(),
        }

    def read_everything_again(self) -> None:
        self._retry_everything()
        self.live.read_everything_again()

    def _retry_everything(self) -> None:
        """After an outage, photos that failed may have failed for want of their files."""
        self._broken.clear()
        self._photo_problems.clear()
        self._prepared_since = None
        self.photos.forget_failures()
        for portrait in self.live.portraits():
            self.photos.prefetch(portrait, priority=Priority.WHEN_IDLE)

    def _on_prepared(self, identity: str) -> None:
        """At once if the last admission was a while ago, else at the end of the interval:
        a thousand photos prepared at start make a few batches, not a thousand updates."""
        if self._prepared_since is not None:
            self._prepared_since.add(identity)
        if self._admission.isActive():
            return
        waited = self._since_admission.elapsed()
        if waited >= ADMISSION_MS:
            self._admit_when_due()
        else:
            self._admission.start(ADMISSION_MS - waited)

    def _release_held_back(self) -> None:
        if self._held_back and not self._admission.isActive():
            self._prepared_since = None  # the held-back version may have been ready for long
            self._admission.start(ADMISSION_MS)

    def admit(self) -> None:
        """Bring what is on screen up to date with the collection, keeping the visitor's place.

        A portrait enters once its pictures are prepared; until a new version's are,
        the old version stays. The portrait on screen is not changed or removed
        under the visitor: that waits until they move on."""
        self._prepared_since = None
        self._admit_when_due()

    def _admit_when_due(self) -> None:
        self._admission.stop()
        self._since_admission.restart()
        live = self.live.portraits()
        prepared, self._prepared_since = self._prepared_since, set()
        if prepared is not None and live is self._live_seen:
            self._admit_prepared(prepared, len(live))
        else:
            self._admit_all(live)

    def _admit_all(self, live: tuple[Portrait, ...]) -> None:
        """Every live portrait's version to show, checked one by one: after a look, a
        retry, or when a held-back version may now be shown."""
        self._live_seen = live
        shown = {p.id: p for p in self.session.portraits.portraits()}
        ready = self._ready_versions(live, shown)
        current = self.session.current_portrait()
        if current is not None and not self.session.autoplay:  # autoplay: nobody is reading
            pinned = _with_pinned(ready, current)
            self._held_back, ready = pinned != ready, pinned
        now = {p.id: p for p in ready}
        self._waiting = {photo_identity(p): p for p in live if now.get(p.id) is not p and now.get(p.id) != p}
        if ready != list(shown.values()):
            self.session.set_portraits(ready)
            if not self._log_changes(shown, ready):
                log.info("showing %d of %d portraits", len(ready), len(live))

    def _admit_prepared(self, prepared: set[str], live_count: int) -> None:
        """Only the waiting versions whose photos were prepared since the last admission:
        nothing else can have changed, so this costs the same at any collection size."""
        current = self.session.current_portrait()
        reading = current.id if current is not None and not self.session.autoplay else None
        arrivals = []
        for identity in prepared:
            wanted = self._waiting.get(identity)
            if wanted is None or identity in self._broken or not self.photos.is_ready(wanted):
                continue
            if wanted.id == reading:
                self._held_back = True  # shown when the visitor moves on (a full admission)
                continue
            arrivals.append(self._waiting.pop(identity))
        if not arrivals:
            return
        model = self.session.portraits
        before = {p.id: model.portrait_at(row) for p in arrivals if (row := model.row_of(p.id)) >= 0}
        self.session.put_portraits(arrivals)
        if not self._log_changes(before, arrivals):
            log.info("showing %d of %d portraits", model.rowCount(), live_count)

    def _ready_versions(self, live: tuple[Portrait, ...], shown: dict[str, Portrait]) -> list[Portrait]:
        """Each live portrait's version to show: the wanted one once its pictures are
        ready, else the one shown (or none)."""
        ready = []
        for wanted in live:
            old = shown.get(wanted.id)
            if old is wanted:  # most portraits, once shown
                ready.append(old)
                continue
            if old is None or old != wanted:
                identity = photo_identity(wanted)
                if identity not in self._broken and self.photos.is_ready(wanted):
                    old = wanted
            if old is not None:  # the old version (or nothing) while the new one's pictures are prepared
                ready.append(old)
        return ready

    def _log_changes(self, before: dict[str, Portrait], after: list[Portrait]) -> int:
        """One line for each portrait added, updated or removed by a live change;
        returns how many (the start's portraits arriving are not changes)."""
        lines = []
        for portrait in after:
            if portrait.id in self._announced and before.get(portrait.id) != portrait:
                self._announced.discard(portrait.id)
                lines.append(("added " if portrait.id not in before else "updated ") + portrait.id)
        lines.extend(f"removed {gone}" for gone in before.keys() - {p.id for p in after})
        for line in lines:
            log.info("%s", line)
        return len(lines)

    def _on_photo_failed(self, identity: str, message: str) -> None:
        if identity in self._broken:
            return  # its backdrop or thumbnail failed too: said once is enough
        self._broken.add(identity)
        for portrait in self.live.portraits():
            if photo_identity(portrait) == identity:
                where = f"{portrait.id}/{os.path.basename(portrait.photo)}"
                self._photo_problems[identity] = (where, message)
                log.warning("problem %s: %s", where, message)


def _with_pinned(portraits: list[Portrait], pinned: Portrait) -> list[Portrait]:
    """`portraits` with `pinned` in place of its newer version, or put back where it was."""
    ids = [p.id for p in portraits]
    if pinned.id in ids:
        at = ids.index(pinned.id)
        return [*portraits[:at], pinned, *portraits[at + 1 :]]
    keys = [order_key(p.id) for p in portraits]
    at = bisect.bisect(keys, order_key(pinned.id))
    return [*portraits[:at], pinned, *portraits[at:]]
