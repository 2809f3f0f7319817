"""Photos are prepared in child processes: what goes wrong there stays there."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest
from PIL import Image

from kiosk.content.photocache import PhotoCache, Request
from kiosk.content.photos import PhotoError
from kiosk.workers.pool import (
    CRASH_MESSAGE,
    InChildProcesses,
    PreparationBug,
    PreparationStopped,
    PreparationTimedOut,
)
from tests.test_photocache import sideways_camera_photo

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and uses Linux limits")


def child_that(code: str) -> list[str]:
    """A child whose jobs go to `handle(job)`, defined by `code`, and otherwise the real one."""
    program = f"from kiosk.workers import child\n{code}\nchild.serve(handle)\n"
    return [sys.executable, "-c", program]


@pytest.fixture
def photo(tmp_path):
    sideways_camera_photo(tmp_path / "camera.jpg")
    return str(tmp_path / "camera.jpg")


@pytest.fixture
def children():
    made = []

    def make(cache, **options):
        made.append(InChildProcesses(cache, **options))
        return made[-1]

    yield make
    for preparation in made:
        preparation.close()


def request(source: str, kind: str = "photo") -> Request:
    return Request(source, os.path.basename(source), kind, (1920, 1080))


def niceness(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[16])


def test_a_child_prepares_the_photo_upright_into_the_cache_at_lower_priority(tmp_path, photo, children):
    cache = PhotoCache(tmp_path / "cache")
    preparation = children(cache)
    preparation.prepare(request(photo))
    with Image.open(cache.path(request(photo))) as prepared:
        assert prepared.size == (810, 1080)
        assert prepared.getpixel((405, 50))[0] > 150  # the stored left is the top
    (pid,) = preparation.pids()
    assert pid != os.getpid() and niceness(pid) == 10


def test_a_child_that_crashes_costs_that_photo_not_the_others(tmp_path, photo, children):
    cache = PhotoCache(tmp_path / "cache")
    crashing = str(tmp_path / "BOOM.jpg")
    os.link(photo, crashing)
    preparation = children(
        cache,
        command=child_that(
            "import os\n"
            "def handle(job):\n"
            "    if 'BOOM' in job.request.source:\n"
            "        os.abort()  # as a decoder's segmentation fault would\n"
            "    return child.answer(job)\n"
        ),
    )
    with pytest.raises(PhotoError) as broken:
        preparation.prepare(request(crashing))
    assert broken.value.message == CRASH_MESSAGE
    preparation.prepare(request(photo))  # a fresh child took over
    assert cache.ready(request(photo)) and not cache.ready(request(crashing))


def test_a_child_killed_from_outside_is_replaced_and_the_photo_still_prepared(tmp_path, photo, children):
    cache = PhotoCache(tmp_path / "cache")
    preparation = children(cache)
    preparation.prepare(request(photo, "thumb"))
    (first,) = preparation.pids()
    os.kill(first, signal.SIGKILL)  # the system's out-of-memory killer, or a technician
    preparation.prepare(request(photo))
    assert cache.ready(request(photo))
    assert preparation.pids() != [first]


def test_children_with_nothing_to_do_end_and_come_back_when_needed(tmp_path, photo, children):
    cache = PhotoCache(tmp_path / "cache")
    preparation = children(cache)
    preparation.prepare(request(photo, "thumb"))
    (first,) = preparation.pids()
    preparation.end_idle(60)
    assert preparation.pids() == [first]  # idle for less than a minute: kept
    preparation.end_idle(0)
    assert preparation.pids() == [] and not os.path.exists(f"/proc/{first}")
    preparation.prepare(request(photo))
    assert cache.ready(request(photo)) and len(preparation.pids()) == 1


def test_a_photo_that_needs_too_much_memory_is_refused_with_what_to_do(tmp_path, children):
    big = tmp_path / "poster.png"
    Image.new("RGB", (6000, 6000), (90, 120, 200)).save(big, compress_level=1)
    cache = PhotoCache(tmp_path / "cache")
    preparation = children(cache, memory_limit=150 * 1024**2)
    with pytest.raises(PhotoError, match="needs more memory than the kiosk allows.*export it again"):
        preparation.prepare(request(str(big)))
    assert not cache.ready(request(str(big)))
    children(cache).prepare(request(str(big)))  # under the kiosk's real limit it is fine
    assert cache.ready(request(str(big)))


def test_children_that_hang_are_ended_and_the_photo_is_not_blamed_yet(tmp_path, photo, children):
    preparation = children(
        PhotoCache(tmp_path / "cache"),
        command=child_that("import time\ndef handle(job):\n    time.sleep(60)\n"),
        time_limit=1.0,
    )
    with pytest.raises(PreparationTimedOut, match="took more than 1 seconds"):
        preparation.prepare(request(photo))  # two helpers tried: a stalled share, or a slow photo
    assert preparation.pids() == []


def test_a_helper_that_stalls_is_replaced_and_the_photo_prepared(tmp_path, photo, children):
    marker = tmp_path / "stalled-once"
    cache = PhotoCache(tmp_path / "cache")
    preparation = children(
        cache,
        command=child_that(
            "import os, signal\n"
            "def handle(job):\n"
            f"    if not os.path.exists({str(marker)!r}):\n"
            f"        open({str(marker)!r}, 'w').close()\n"
            "        os.kill(os.getpid(), signal.SIGSTOP)  # stopped from outside, as a hung share\n"
            "    return child.answer(job)\n"
        ),
        time_limit=2.0,
    )
    preparation.prepare(request(photo))
    assert cache.ready(request(photo)) and marker.exists()


def test_a_bug_in_the_child_is_a_bug_with_its_traceback_not_a_broken_photo(tmp_path, photo, children):
    preparation = children(
        PhotoCache(tmp_path / "cache"), command=child_that("def handle(job):\n    return 1 / 0\n")
    )
    with pytest.raises(PreparationBug, match="(?s)Traceback.*ZeroDivisionError"):
        preparation.prepare(request(photo))


def test_closing_ends_the_children_and_the_job_they_were_on(tmp_path, photo, children):
    import threading

    preparation = children(
        PhotoCache(tmp_path / "cache"),
        command=child_that("import time\ndef handle(job):\n    time.sleep(60)\n"),
    )
    outcome = []

    def prepare():
        try:
            preparation.prepare(request(photo))
        except PreparationStopped:
            outcome.append("stopped")

    worker = threading.Thread(target=prepare)
    worker.start()
    deadline = time.monotonic() + 10
    while not preparation.pids() and time.monotonic() < deadline:
        time.sleep(0.01)
    (pid,) = preparation.pids()
    preparation.close()
    worker.join(10)
    assert outcome == ["stopped"]
    assert not os.path.exists(f"/proc/{pid}")  # ended and reaped
    with pytest.raises(PreparationStopped):
        preparation.prepare(request(photo))


def test_when_no_child_can_start_photos_are_still_prepared_and_the_log_says_why(
    tmp_path, photo, children, caplog
):
    cache = PhotoCache(tmp_path / "cache")
    preparation = children(cache, command=[sys.executable, "-c", "raise SystemExit(3)"])  # a broken install
    preparation.prepare(request(photo))
    preparation.prepare(request(photo, "thumb"))
    assert cache.ready(request(photo)) and cache.ready(request(photo, "thumb"))
    assert preparation.pids() == []
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "cannot start" in errors[0] and "status 3" in errors[0]


def test_a_child_that_writes_half_an_answer_and_hangs_is_ended(tmp_path, photo, children):
    half_then_hang = (
        "import sys, time\n"
        "sys.stdout.buffer.write(b'{\"ready\": true}\\n'); sys.stdout.flush()\n"
        "sys.stdin.buffer.readline()\n"
        "sys.stdout.buffer.write(b'{\"done\"'); sys.stdout.flush()\n"
        "time.sleep(60)\n"
    )
    preparation = children(
        PhotoCache(tmp_path / "cache"), command=[sys.executable, "-c", half_then_hang], time_limit=1.0
    )
    with pytest.raises(PreparationTimedOut, match="took more than 1 seconds"):
        preparation.prepare(request(photo))
