"""Preparing one picture off the GUI thread: the job a worker thread runs, and how it ended.

PhotoPreparer (kiosk.qt.images) queues the jobs and decides what follows each outcome.
"""

from __future__ import annotations

import contextlib
import os
import threading
from enum import IntEnum

from PySide6.QtCore import QRunnable

from kiosk.content.photocache import CacheUnwritable, Request
from kiosk.content.problems import ContentError
from kiosk.workers.pool import InChildProcesses, InThread, PreparationStopped, PreparationTimedOut

WORKER_NICENESS = 10  # Linux: per-thread nice; the GUI thread stays at 0


class Priority(IntEnum):
    """How soon a picture is wanted (QThreadPool priorities: higher runs first)."""

    WHEN_IDLE = 0  # every portrait of the collection, prepared ahead
    NORMAL = 1  # asked for by QML now
    URGENT = 2  # the pages a swipe shows next


# How a job ended (what the GUI thread does next).
DONE = "done"
BROKEN = "broken"  # this version of the photo cannot be shown: the curator must act
TOO_SLOW = "too slow"  # took too long in two helpers: tried again later
CACHE_FULL = "cache full"  # the cache folder takes no more pictures
STAND_IN_FULL = "stand-in full"  # nor does the stand-in folder that took its place
NOT_NOW = "not now"  # gone or changing: the next look that sees it brings it again


class FileChangedError(OSError):
    """A photo being replaced: not broken, its folder's next reading brings the new one."""


_niced = threading.local()


def _yield_to_the_screen() -> None:
    """Lower this worker thread's CPU priority, once: on a two-core kiosk, two busy
    decoders otherwise take the cores from the GUI thread and animations stutter."""
    if getattr(_niced, "done", False):
        return
    _niced.done = True
    # Not Linux, or not allowed: the kiosk still works, a little less smoothly.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)


class PreparationJob(QRunnable):
    """One picture, prepared in a worker thread (by a child process, see kiosk.workers);
    its end is signalled to the GUI thread as (file name, identity, error, outcome)."""

    def __init__(self, preparation: InChildProcesses | InThread, request: Request, done) -> None:
        super().__init__()
        self.preparation, self.request, self.done = preparation, request, done

    def run(self) -> None:
        _yield_to_the_screen()
        error, outcome = "", DONE
        try:
            if self.request.source_changed():
                raise FileChangedError("the photo changed since its folder was read")
            self.preparation.prepare(self.request)
            if self.request.source_changed():  # replaced while we read it: a mix, not a picture
                self.preparation.cache.forget(self.request)
                raise FileChangedError("the photo changed while it was prepared")
        except ContentError as exc:  # broken, or not a file: this version stays out of the cycle
            error = exc.message
            outcome = NOT_NOW if self.request.source_changed() else BROKEN
        except PreparationStopped:
            return
        except PreparationTimedOut as exc:
            error, outcome = str(exc), TOO_SLOW
        except CacheUnwritable as exc:
            error = str(exc)
            outcome = CACHE_FULL if exc.folder == self.preparation.cache.folder else STAND_IN_FULL
        except OSError as exc:  # vanished or changing since the scan, or its share dropped
            error, outcome = str(exc), NOT_NOW
        # RuntimeError: the preparer was deleted, the kiosk is stopping.
        with contextlib.suppress(RuntimeError):
            self.done.emit(self.request.file_name, self.request.identity, error, outcome)
