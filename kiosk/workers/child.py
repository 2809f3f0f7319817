"""A photo-preparing child: `python -m kiosk.workers.child`, started by kiosk.workers.pool.

It imports Pillow and the content layer, never Qt. The same allow-list, pixel cap and
full decode apply as anywhere else: the child calls kiosk.content.rendering.prepare.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from collections.abc import Callable

from kiosk.content.photocache import CacheUnwritable, PhotoCache
from kiosk.content.photos import TOO_MUCH_MEMORY
from kiosk.content.problems import ContentError
from kiosk.content.rendering import prepare
from kiosk.workers.messages import BUG, CACHE_ERROR, DONE, OS_ERROR, PHOTO_ERROR, READY, Answer, Job

CHILD_NICENESS = 10  # the screen's process stays at 0: animations first
MEMORY_LIMIT_VARIABLE = "KIOSK_CHILD_MEMORY_LIMIT"  # bytes of address space, set by the pool


def answer(job: Job) -> Answer:
    """Prepare one picture; what happened."""
    try:
        prepare(PhotoCache(job.folder), job.request)
    except ContentError as exc:
        return Answer(PHOTO_ERROR, exc.message)
    except MemoryError:  # past the decoder: in a conversion or while writing
        return Answer(PHOTO_ERROR, TOO_MUCH_MEMORY)
    except CacheUnwritable as exc:
        return Answer(CACHE_ERROR, str(exc))
    except OSError as exc:
        return Answer(OS_ERROR, str(exc))
    return Answer(DONE)


def serve(handle: Callable[[Job], Answer] = answer) -> None:
    """Answer jobs from stdin until it closes (the kiosk ended, however it ended)."""
    set_up_child()
    jobs = sys.stdin.buffer
    # Answers get a pipe of their own; anything a library prints goes to stderr, where
    # it cannot be taken for an answer.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    answers.write(READY)
    answers.flush()
    for line in jobs:
        try:
            reply = handle(Job.from_line(line))
        except Exception:  # noqa: BLE001 - decoders' own errors are PhotoErrors by now: a bug
            reply = Answer(BUG, traceback.format_exc())
        answers.write(reply.to_line())
        answers.flush()


def set_up_child() -> None:
    # Ctrl-C in a technician's terminal reaches the whole group: the kiosk decides when
    # its children end (their stdin closes), and they do not print a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Not Linux, or not allowed: the child still works, with the limits the system has.
    with contextlib.suppress(AttributeError, OSError, ValueError, ImportError):
        os.setpriority(os.PRIO_PROCESS, 0, CHILD_NICENESS)
    limit = os.environ.get(MEMORY_LIMIT_VARIABLE)
    if limit:
        with contextlib.suppress(AttributeError, OSError, ValueError, ImportError):
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))


if __name__ == "__main__":
    serve()
