"""ScreenFeed: brings the collection to the visitor's screen, and keeps it up to date.

What enters the cycle, and when, is decided by kiosk.screen.policy.ScreenFeedPolicy;
this adapter runs it on Qt's timers and signals, applies its decisions to the visitor
session's models, starts the photos' preparation and writes the log's lines.
"""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import QObject, QTimer

from kiosk.catalogue import N_
from kiosk.content.collection import Collection, CollectionError
from kiosk.content.live import LiveCollection, Look
from kiosk.content.photocache import photo_identity
from kiosk.content.problems import capped, capped_lines
from kiosk.qt.images import PhotoPreparer
from kiosk.qt.preparing import Priority
from kiosk.qt.session import VisitorSession
from kiosk.screen.policy import ADMISSION_S, Admission, ScreenFeedPolicy

log = logging.getLogger(__name__)
MAX_PROBLEMS_SHOWN = 200


class ScreenFeed(QObject):
    def __init__(self, live: LiveCollection, photos: PhotoPreparer, session: VisitorSession, parent=None):
        super().__init__(parent)
        self.live, self.photos, self.session = live, photos, session
        self.policy = ScreenFeedPolicy(photos.is_ready, time.monotonic)
        self._photo_problems: dict[str, tuple[str, str]] = {}  # identity: (where, message)
        self.settings_problems: tuple = ()  # of kiosk.yaml: shown to staff with the others
        self._admission = QTimer(self)
        self._admission.setSingleShot(True)
        self._admission.timeout.connect(self._admit_when_due)
        photos.prepared.connect(self._on_prepared)
        photos.failed.connect(self._on_photo_failed)
        # Changes to the portrait on screen wait until the visitor moves on.
        session.currentIndexChanged.connect(self._release_held_back)
        session.autoplayChanged.connect(self._release_held_back)

    def load(self) -> Collection | None:
        """The first scan; its portraits enter the cycle as their photos are prepared."""
        try:
            collection = self.live.load()
        except CollectionError as exc:
            log.error("collection: %s; looking for it again every few seconds", exc.message)
            return None
        for line in capped_lines(collection.problems):
            log.warning("problem %s", line)
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
            for line in capped_lines(reading.problems):
                log.info("problem %s", line)
            if reading.id in look.kept:
                log.info(
                    "kept %s: its last good version stays on screen until the problem is fixed", reading.id
                )
            elif reading.portrait is not None:
                self.policy.announce(reading.id)
                self.photos.prefetch(reading.portrait, priority=Priority.WHEN_IDLE)
        self.admit()

    def facts_for_staff(self) -> dict:
        """What the admin panel shows: every problem (errors first), the counts, and the
        photo preparers, whose memory the panel counts as the kiosk's."""
        found = sorted(
            [*self.settings_problems, *self.live.problems()], key=lambda problem: not problem.is_error
        )
        problems = [{"where": p.location(), "message": p.message, "error": p.is_error} for p in capped(found)]
        problems += [
            {"where": where, "message": message, "error": True}
            for where, message in self._photo_problems.values()
        ]
        if self.photos.cache_problem:
            problems.insert(
                0, {"where": N_("photo cache"), "message": self.photos.cache_problem, "error": True}
            )
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
        self.policy.retry()
        self._photo_problems.clear()
        self.photos.forget_failures()
        self.prepare_everything()

    def prepare_everything(self) -> None:
        """Every portrait's pictures, prepared ahead (those already there are not made again)."""
        for portrait in self.live.portraits():
            self.photos.prefetch(portrait, priority=Priority.WHEN_IDLE)

    def _on_prepared(self, identity: str) -> None:
        wait = self.policy.prepared(identity)
        if self._admission.isActive():
            return
        if wait <= 0:
            self._admit_when_due()
        else:
            self._admission.start(max(1, round(wait * 1000)))

    def _release_held_back(self) -> None:
        if self.policy.release_held_back() and not self._admission.isActive():
            self._admission.start(round(ADMISSION_S * 1000))

    def admit(self) -> None:
        """Bring what is on screen up to date with the collection, keeping the visitor's
        place (kiosk.screen.policy says what that means)."""
        self.policy.look_at_everything()
        self._admit_when_due()

    def _admit_when_due(self) -> None:
        self._admission.stop()
        live = self.live.portraits()
        session = self.session
        reading = session.current_portrait() if not session.autoplay else None
        admission = self.policy.admit(live, session.portraits, reading)
        self._apply(admission, len(live))

    def _apply(self, admission: Admission, live_count: int) -> None:
        if not admission.changes_anything:
            return
        if admission.everything is not None:
            self.session.set_portraits(admission.everything)
        else:
            self.session.put_portraits(admission.arrivals)
        for line in admission.changes:
            log.info("%s", line)
        if not admission.changes:
            log.info("showing %d of %d portraits", self.session.portraits.rowCount(), live_count)

    def _on_photo_failed(self, identity: str, message: str) -> None:
        if not self.policy.failed(identity):
            return  # its backdrop or thumbnail failed too: said once is enough
        for portrait in self.live.portraits():
            if photo_identity(portrait) == identity:
                where = f"{portrait.id}/{os.path.basename(portrait.photo)}"
                self._photo_problems[identity] = (where, message)
                log.warning("problem %s: %s", where, message)
