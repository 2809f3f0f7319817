"""Photo preparation in child processes, so that a photo cannot take the kiosk down.

Photos come from curators' USB sticks and shares; the decoders that read them are
C code. Each picture is prepared by a child process: a decoder that crashes, runs
away with memory or hangs on hostile bytes ends one child, and the photo is
reported as broken. The children also have their own interpreter lock, so their
Python work does not compete with the screen's thread for it.

The protocol is one JSON line each way: the job (a Request and the cache folder)
and the answer; a child first says it is ready, once its imports are done. JSON, not pickle: what a child says must never be able to run
code in the screen's process, even if a decoder was made to misbehave.

A child runs `python -m kiosk.content.preparation` and imports Pillow and the
content layer, never Qt. The same allow-list, pixel cap and full decode apply as
anywhere else: the child calls PhotoCache.prepare.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from kiosk.content.photocache import PhotoCache, Request
from kiosk.content.photos import TOO_MUCH_MEMORY, PhotoError
from kiosk.content.problems import ContentError

log = logging.getLogger(__name__)

CHILD_NICENESS = 10  # the screen's process stays at 0: animations first
MEMORY_LIMIT = 2 * 1024**3  # address space of one child; an 80 MP PNG needs about 0.8 GB
TIME_LIMIT = 120.0  # seconds for one picture; a 24 MP photo takes a fraction of one
# glibc: a child keeps up to 64 MB it freed for the next photo instead of returning it and
# faulting it in again (3160 page faults, 5 ms of a 163 ms photo); blocks over 32 MB, as
# for a huge PNG, still go back to the system at once.
KEEP_FREED_MEMORY = {"MALLOC_MMAP_THRESHOLD_": str(32 * 1024**2), "MALLOC_TRIM_THRESHOLD_": str(64 * 1024**2)}
STARTUP_LIMIT = 30.0  # seconds for a child's imports (0.15 s here)
READY = b'{"ready": true}\n'
JOBS_PER_CHILD = 1000  # then a fresh child, which gives back what the allocator kept
CRASH_MESSAGE = (
    "the program that prepares photos stopped on this photo, twice (it may be damaged): "
    "open it in a photo editor and export it again as JPEG"
)


class PreparationStopped(OSError):
    """The kiosk is stopping: the picture was not prepared, and nothing is wrong with it."""


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
        self.cache.prepare(request)

    def pids(self) -> list[int]:
        return []

    def end_idle(self, seconds: float) -> None:
        pass

    def close(self) -> None:
        pass


class InChildProcesses:
    """Prepares pictures in up to `size` child processes, started when first needed.

    `prepare` blocks its (worker) thread until the child answers; it raises what
    PhotoCache.prepare raises: PhotoError for a photo that cannot be shown,
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
        self.command = command or [sys.executable, "-m", __name__]
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
        job = _job(self.cache, request)
        for _attempt in range(2):  # a child can die for reasons of its own: try a fresh one once
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
                raise PhotoError(
                    f"preparing the photo took more than {self.time_limit:.0f} seconds: "
                    "export it again as JPEG, 4000 pixels on the long side"
                ) from None
            self._give_back(child)
            _raise_for(answer)
            if not self.cache.ready(request):  # deleted meanwhile, or a child that misspoke
                raise OSError(f"the prepared picture {request.file_name} is not in the cache")
            return
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
        environment = dict(os.environ, KIOSK_CHILD_MEMORY_LIMIT=str(memory_limit), **KEEP_FREED_MEMORY)
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

    def ask(self, job: dict, time_limit: float) -> dict:
        self.jobs += 1
        try:
            self.process.stdin.write(json.dumps(job).encode("ascii") + b"\n")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            raise _ChildGone() from None
        line = self._read_line(time_limit)
        try:
            answer = json.loads(line)
        except ValueError:
            raise _ChildGone() from None
        if not isinstance(answer, dict):
            raise _ChildGone()
        return answer

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
                pipe = self.process.stdout.fileno()
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
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError, ValueError):
                pipe.close()


def _job(cache: PhotoCache, request: Request) -> dict:
    return {
        "folder": str(cache.folder),
        "source": request.source,
        "identity": request.identity,
        "kind": request.kind,
        "box": list(request.box),
        "stamp": list(request.stamp) if request.stamp else None,
    }


def _raise_for(answer: dict) -> None:
    if "photo_error" in answer:
        raise PhotoError(str(answer["photo_error"]))
    if "os_error" in answer:
        raise OSError(str(answer["os_error"]))
    if "bug" in answer:
        raise PreparationBug(f"in the photo preparer:\n{answer['bug']}")


# The child's side.


def answer(job: dict) -> dict:
    """Prepare one picture; what happened, as a JSON-able answer."""
    try:
        stamp = job["stamp"]
        request = Request(
            job["source"], job["identity"], job["kind"], tuple(job["box"]), tuple(stamp) if stamp else None
        )
        PhotoCache(job["folder"]).prepare(request)
    except ContentError as exc:
        return {"photo_error": exc.message}
    except MemoryError:  # past the decoder: in a conversion or while writing
        return {"photo_error": TOO_MUCH_MEMORY}
    except OSError as exc:
        return {"os_error": str(exc)}
    return {"done": True}


def serve(handle: Callable[[dict], dict] = answer) -> None:
    """Answer jobs from stdin until it closes (the kiosk ended, however it ended)."""
    _set_up_child()
    jobs = sys.stdin.buffer
    # Answers get a pipe of their own; anything a library prints goes to stderr, where
    # it cannot be taken for an answer.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    answers.write(READY)
    answers.flush()
    for line in jobs:
        try:
            reply = handle(json.loads(line))
        except Exception:  # noqa: BLE001 - decoders' own errors are PhotoErrors by now: a bug
            reply = {"bug": traceback.format_exc()}
        answers.write(json.dumps(reply).encode("ascii") + b"\n")
        answers.flush()


def _set_up_child() -> None:
    # Ctrl-C in a technician's terminal reaches the whole group: the kiosk decides when
    # its children end (their stdin closes), and they do not print a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Not Linux, or not allowed: the child still works, with the limits the system has.
    with contextlib.suppress(AttributeError, OSError, ValueError, ImportError):
        os.setpriority(os.PRIO_PROCESS, 0, CHILD_NICENESS)
    limit = os.environ.get("KIOSK_CHILD_MEMORY_LIMIT")
    if limit:
        with contextlib.suppress(AttributeError, OSError, ValueError, ImportError):
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))


if __name__ == "__main__":
    serve()
