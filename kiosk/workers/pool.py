"""The kiosk's side of photo preparation: a small pool of child processes.

Photos come from curators' USB sticks and shares; the decoders that read them are
C code. Each picture is prepared by a child process (kiosk.workers.child): a decoder
that crashes, runs away with memory or hangs on hostile bytes ends one child, and
the photo is reported as broken. The children also have their own interpreter lock,
so their Python work does not compete with the screen's thread for it. They speak
kiosk.workers.messages, one line of JSON each way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from kiosk.catalogue import N_
from kiosk.content.photocache import CacheUnwritable, PhotoCache, Request
from kiosk.content.photos import PhotoError
from kiosk.content.rendering import prepare
from kiosk.workers import child as child_main
from kiosk.workers.messages import BUG, CACHE_ERROR, OS_ERROR, PHOTO_ERROR, READY, Answer, BadMessage, Job

log = logging.getLogger(__name__)

MEMORY_LIMIT = 2 * 1024**3  # address space of one child; an 80 MP PNG needs about 0.8 GB
TIME_LIMIT = 120.0  # seconds for one picture; a 24 MP photo takes a fraction of one
# glibc: a child keeps up to 64 MB it freed for the next photo instead of returning it and
# faulting it in again (3160 page faults, 5 ms of a 163 ms photo); blocks over 32 MB, as
# for a huge PNG, still go back to the system at once. Each thread's arena would keep its
# own: the two threads that resize a photo in bands (kiosk.content.resizing) share one,
# which at 4K keeps 15 MB instead of 30.
CHILD_ALLOCATOR = {
    "MALLOC_MMAP_THRESHOLD_": str(32 * 1024**2),
    "MALLOC_TRIM_THRESHOLD_": str(64 * 1024**2),
    "MALLOC_ARENA_MAX": "2",
}
STARTUP_LIMIT = 30.0  # seconds for a child's imports (0.15 s here)
JOBS_PER_CHILD = 1000  # then a fresh child, which gives back what the allocator kept
CRASH_MESSAGE = N_(
    "the program that prepares photos stopped on this photo, twice (it may be damaged): "
    "open it in a photo editor and export it again as JPEG"
)


class PreparationStopped(OSError):
    """The kiosk is stopping: the picture was not prepared, and nothing is wrong with it."""


class PreparationTimedOut(OSError):
    """Two children in a row took longer than the time limit: a slow photo, or a stalled
    share or machine. Not yet the photo's fault: the caller tries again later."""


class PreparationBug(RuntimeError):
    """A child met an exception that no photo explains: a bug, which ends the kiosk as any
    other bug does (the message carries the child's traceback)."""


class _ChildGone(Exception):
    """The child ended in the middle of a job (a crash, or killed from outside)."""


class _ChildCannotStart(Exception):
    """A child ended before it was ready: the installation, not a photo, is at fault."""


class InThread:
    """Prepares in the calling thread: where no child process can be started."""

    def __init__(self, cache: PhotoCache) -> None:
        self.cache = cache

    def prepare(self, request: Request) -> None:
        prepare(self.cache, request)

    def pids(self) -> list[int]:
        return []

    def end_idle(self, seconds: float) -> None:
        pass

    def close(self) -> None:
        pass


class InChildProcesses:
    """Prepares pictures in up to `size` child processes, started when first needed.

    `prepare` blocks its (worker) thread until the child answers; it raises what
    kiosk.content.rendering.prepare raises: PhotoError for a photo that cannot be shown,
    OSError for one that cannot be read now. Thread-safe.
    """

    def __init__(
        self,
        cache: PhotoCache,
        size: int = 2,
        *,
        command: list[str] | None = None,
        memory_limit: int = MEMORY_LIMIT,
        time_limit: float = TIME_LIMIT,
    ) -> None:
        self.cache = cache
        self.size = size
        self.command = command or [sys.executable, "-m", child_main.__name__]
        self.memory_limit = memory_limit
        self.time_limit = time_limit
        self._idle: list[_Child] = []
        self._all: set[_Child] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._in_thread: InThread | None = None

    def prepare(self, request: Request) -> None:
        if self._in_thread is not None:
            self._in_thread.prepare(request)
            return
        job = Job.of(self.cache, request)
        timed_out = False
        # A child can die or stall for reasons of its own (stopped from outside, a hung
        # share): the photo is tried once more in a fresh child before anything is said.
        for _attempt in range(2):
            try:
                child = self._take()
            except _ChildCannotStart as exc:
                # Every photo would fail the same way and be blamed for it: keep showing
                # them, prepared in this process, and say so once.
                log.error(
                    "the photo preparers cannot start (%s); preparing photos in the kiosk's process", exc
                )
                self._in_thread = InThread(self.cache)
                self._in_thread.prepare(request)
                return
            try:
                answer = child.ask(job, self.time_limit)
            except _ChildGone:
                self._drop(child)
                if self._closed:
                    raise PreparationStopped("the kiosk is stopping") from None
                log.warning("the photo preparer ended on %s; starting another", request.source)
                continue
            except TimeoutError:
                self._drop(child)
                log.warning("the photo preparer took too long on %s; trying another", request.source)
                timed_out = True
                continue
            self._give_back(child)
            _raise_for(answer, job)
            if not self.cache.ready(request):  # deleted meanwhile, or a child that misspoke
                raise OSError(f"the prepared picture {request.file_name} is not in the cache")
            return
        if timed_out:
            raise PreparationTimedOut(
                N_("preparing the photo took more than {seconds} seconds").format(
                    seconds=f"{self.time_limit:.0f}"
                )
            )
        raise PhotoError(CRASH_MESSAGE)

    def pids(self) -> list[int]:
        """The children running now (the bench counts their memory as the kiosk's)."""
        with self._lock:
            return [child.pid for child in self._all]

    def end_idle(self, seconds: float) -> None:
        """End the children that have had nothing to do for `seconds`: with every photo
        prepared, a kiosk runs for weeks without them and their memory."""
        now = time.monotonic()
        with self._lock:
            done = [child for child in self._idle if now - child.idle_since >= seconds]
            self._idle = [child for child in self._idle if child not in done]
            self._all.difference_update(done)
        for child in done:
            child.end()

    def close(self) -> None:
        """End every child; jobs waiting on one raise PreparationStopped."""
        with self._lock:
            self._closed = True
            children, self._all, self._idle = list(self._all), set(), []
        for child in children:
            child.end()

    def _take(self) -> _Child:
        with self._lock:
            if self._closed:
                raise PreparationStopped("the kiosk is stopping")
            if self._idle:
                return self._idle.pop()
        # More callers than `size` only if the caller's pool is larger; each gets a child.
        child = _Child(self.command, self.memory_limit)
        with self._lock:
            if not self._closed:
                self._all.add(child)
                return child
        child.end()  # closed while it started
        raise PreparationStopped("the kiosk is stopping")

    def _give_back(self, child: _Child) -> None:
        with self._lock:
            if child in self._all and child.jobs < JOBS_PER_CHILD and len(self._idle) < self.size:
                child.idle_since = time.monotonic()
                self._idle.append(child)
                return
            self._all.discard(child)
        child.end()

    def _drop(self, child: _Child) -> None:
        with self._lock:
            self._all.discard(child)
        child.end()


def preparation_for(cache: PhotoCache) -> InChildProcesses | InThread:
    """Child processes, unless this Python cannot start one (an embedded or frozen build)."""
    if not sys.executable:
        log.warning("photos are prepared inside the kiosk's process: no Python to start a child")
        return InThread(cache)
    return InChildProcesses(cache)


class _Child:
    def __init__(self, command: list[str], memory_limit: int) -> None:
        environment = dict(os.environ, **CHILD_ALLOCATOR)
        environment[child_main.MEMORY_LIMIT_VARIABLE] = str(memory_limit)
        # The child imports this package: make it findable however the kiosk was started.
        package_root = str(Path(__file__).resolve().parents[2])
        environment["PYTHONPATH"] = os.pathsep.join(
            part for part in (package_root, os.environ.get("PYTHONPATH")) if part
        )
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
            close_fds=True,
        )
        self.stdin: IO[bytes] = self.process.stdin  # type: ignore[assignment]  # both PIPEs
        self.stdout: IO[bytes] = self.process.stdout  # type: ignore[assignment]
        self.pid = self.process.pid
        self.jobs = 0
        self.idle_since = time.monotonic()
        try:
            ready = self._read_line(STARTUP_LIMIT)
        except (_ChildGone, TimeoutError):
            ready = b""
        if ready != READY:
            self.end()
            raise _ChildCannotStart(f"{command[0]} ended with status {self.process.returncode}")

    def ask(self, job: Job, time_limit: float) -> Answer:
        self.jobs += 1
        try:
            self.stdin.write(job.to_line())
            self.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            raise _ChildGone() from None
        try:
            return Answer.from_line(self._read_line(time_limit))
        except BadMessage:  # a child that misspeaks is as good as gone
            raise _ChildGone() from None

    def _read_line(self, time_limit: float) -> bytes:
        """One line from the child within `time_limit`, read from the pipe itself: a
        buffered readline would wait forever on a child that wrote half a line and hung."""
        deadline = time.monotonic() + time_limit
        line = bytearray()
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError()
            try:
                pipe = self.stdout.fileno()
                readable, _, _ = select.select([pipe], [], [], remaining)
                chunk = os.read(pipe, 65536) if readable else None
            except (ValueError, OSError):  # closed by end() from another thread
                raise _ChildGone() from None
            if chunk == b"":  # the child ended
                raise _ChildGone()
            line += chunk or b""
        return bytes(line)

    def end(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.process.wait(5)
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError, ValueError):
                pipe.close()


def _raise_for(answer: Answer, job: Job) -> None:
    if answer.outcome == PHOTO_ERROR:
        raise PhotoError(answer.message)
    if answer.outcome == OS_ERROR:
        raise OSError(answer.message)
    if answer.outcome == CACHE_ERROR:
        raise CacheUnwritable(answer.message, Path(job.folder))
    if answer.outcome == BUG:
        raise PreparationBug(f"in the photo preparer:\n{answer.message}")
