"""LiveCollection: what curators do to folders while the kiosk runs, with a clock we turn."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.content.live import SWEEP_FOLDERS, LiveCollection
from kiosk.content.text import Languages
from tests.conftest import GOOD_YAML

QUIET = 1.5


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def live(collection):
    """A LiveCollection over a collection of two folders. File times never count as
    quiet (the wall clock stands at 0): only what the kiosk itself saw does."""
    collection("amal")
    collection("bruno")
    clock = Clock()
    live = LiveCollection(str(collection.root), Languages(), quiet=QUIET, clock=clock, wall_clock=lambda: 0)
    live.load()
    live.clock = clock
    live.add = collection
    return live


def names(live) -> list[str]:
    return [p.id for p in live.portraits()]


def wait(live, seconds: float) -> list:
    """Look every quarter second for `seconds`; returns every look that changed something."""
    looks = []
    for _ in range(int(seconds / 0.25)):
        live.clock.now += 0.25
        look = live.look()
        if look.changed:
            looks.append(look)
    return looks


def test_a_new_folder_enters_once_it_has_been_quiet(live):
    live.add("chen")
    live.look()
    assert names(live) == ["amal", "bruno"]  # seen, not read yet
    wait(live, QUIET)
    assert names(live) == ["amal", "bruno", "chen"]


def test_a_folder_being_copied_is_neither_shown_nor_reported(live, good_photo):
    folder = live.add("chen", photo=None)
    data = good_photo.read_bytes()
    with open(folder / "photo.jpg", "wb") as photo:
        for start in range(0, len(data), 4096):  # a slow copy under the final name
            photo.write(data[start : start + 4096])
            photo.flush()
            live.clock.now += 0.5
            assert not live.look().read
    assert names(live) == ["amal", "bruno"]
    (looks,) = wait(live, QUIET + 0.25)
    assert [r.id for r in looks.read] == ["chen"] and looks.read[0].problems == ()
    assert names(live) == ["amal", "bruno", "chen"]


def test_files_whose_own_times_are_old_are_read_sooner(collection, tmp_path):
    """A copy that kept the files' times (cp -p, rsync -t) is over once nothing moves."""
    clock = Clock()
    live = LiveCollection(str(collection.root), Languages(), quiet=QUIET, clock=clock)
    live.load()
    folder = collection("amal")
    past = os.stat(folder).st_mtime - 60
    for path in (folder / "portrait.yaml", folder / "photo.jpg", folder):
        os.utime(path, (past, past))
    live.look()
    clock.now += 0.5
    assert [r.id for r in live.look().read] == ["amal"]


def test_an_edit_shows_the_new_text_and_a_typo_keeps_the_last_good_version(live):
    yaml_file = live.add.root / "amal" / "portrait.yaml"
    yaml_file.write_text(GOOD_YAML.replace("Samira B.", "Samira K."), encoding="utf-8")
    live.hint("amal")
    wait(live, QUIET + 0.5)
    assert live.portraits()[0].name == "Samira K."

    yaml_file.write_text("name: [unclosed\n", encoding="utf-8")
    live.hint("amal")
    (look,) = wait(live, QUIET + 0.5)
    assert look.kept == ("amal",)
    assert "not valid YAML" in look.read[0].problems[0].message
    assert live.portraits()[0].name == "Samira K."  # still on screen

    yaml_file.write_text(GOOD_YAML.replace("Samira B.", "Samira L."), encoding="utf-8")
    live.hint("amal")
    wait(live, QUIET + 0.5)
    assert live.portraits()[0].name == "Samira L."


def test_an_edit_in_place_is_found_without_any_hint(live):
    """The folder's own time does not move when a file is rewritten in place."""
    folder = live.add.root / "bruno"
    own_time = os.stat(folder).st_mtime_ns
    with open(folder / "portrait.yaml", "r+", encoding="utf-8") as handle:
        text = handle.read().replace("Samira B.", "Samira Z.")
        handle.seek(0)
        handle.write(text)
    assert os.stat(folder).st_mtime_ns == own_time
    wait(live, QUIET + 0.5)
    assert live.portraits()[1].name == "Samira Z."


def test_every_folder_is_checked_in_turn_in_a_large_collection(collection):
    for number in range(SWEEP_FOLDERS * 2 + 10):
        collection(f"p{number:03d}")
    clock = Clock()
    live = LiveCollection(str(collection.root), Languages(), quiet=QUIET, clock=clock, wall_clock=lambda: 0)
    live.load()
    yaml_file = collection.root / "p105" / "portrait.yaml"
    with open(yaml_file, "r+", encoding="utf-8") as handle:  # in place: the folder's time stays
        handle.write("name: Zoe B.   ")  # as long as "name: Samira B."
    for _ in range(3):  # three looks cover 150 folders
        clock.now += 0.25
        live.look()
    clock.now += QUIET
    live.look()
    assert next(p for p in live.portraits() if p.id == "p105").name == "Zoe B."


def test_removed_and_renamed_folders(live):
    shutil.rmtree(live.add.root / "amal")
    look = live.look()
    assert look.removed == ("amal",) and names(live) == ["bruno"]
    os.rename(live.add.root / "bruno", live.add.root / "bruno-m")
    assert live.look().removed == ("bruno",)
    wait(live, QUIET)
    assert names(live) == ["bruno-m"]


def test_a_withdrawn_portrait_leaves(live):
    yaml_file = live.add.root / "amal" / "portrait.yaml"
    yaml_file.write_text(GOOD_YAML + "published: false\n", encoding="utf-8")
    live.hint("amal")
    wait(live, QUIET + 0.5)
    assert names(live) == ["bruno"]


def test_the_collection_folder_disappearing_keeps_everything_and_recovers(live, tmp_path):
    root = live.add.root
    away = tmp_path / "away"
    os.rename(root, away)
    looks = wait(live, 2)
    assert len(looks) == 1 and looks[0].event.startswith("collection unavailable")
    assert "keeping the 2 portraits" in looks[0].event
    assert names(live) == ["amal", "bruno"]
    os.rename(away, root)
    (back,) = wait(live, 1)
    assert back.event == f"collection back: {root}" and back.came_back
    assert back.read == () and back.removed == ()  # nothing changed: nothing read again
    assert names(live) == ["amal", "bruno"]


def test_an_empty_mount_point_on_another_disk_is_not_an_empty_collection(live, monkeypatch):
    for name in ("amal", "bruno"):
        shutil.rmtree(live.add.root / name)
    real_stat = os.stat

    def other_device(path, *args, **kwargs):
        info = real_stat(path, *args, **kwargs)
        if str(path) == str(live.add.root):
            return os.stat_result((*info[:2], info.st_dev + 1, *info[3:]))
        return info

    monkeypatch.setattr(os, "stat", other_device)
    look = live.look()
    assert "was it unmounted?" in look.event
    assert names(live) == ["amal", "bruno"]


def test_a_collection_that_is_missing_at_start_is_found_later(tmp_path, collection):
    clock = Clock()
    root = tmp_path / "later"
    live = LiveCollection(str(root), Languages(), quiet=QUIET, clock=clock, wall_clock=lambda: 0)
    with pytest.raises(Exception, match="does not exist"):
        live.load()
    collection("amal")
    os.rename(collection.root, root)
    clock.now += 0.25
    assert live.look().event == f"collection back: {root}"
    clock.now += QUIET
    live.look()
    assert [p.id for p in live.portraits()] == ["amal"]


def test_reading_everything_again_reads_every_folder_once(live):
    live.read_everything_again()
    looks = wait(live, QUIET + 0.5)
    assert sorted(r.id for look in looks for r in look.read) == ["amal", "bruno"]
    assert names(live) == ["amal", "bruno"] and not wait(live, 1)


def test_problems_and_counts_follow_the_last_reading(live):
    (live.add.root / "amal" / "photo.jpg").unlink()
    live.hint("amal")
    wait(live, QUIET + 0.5)
    (problem,) = live.problems()
    assert problem.folder == "amal" and "there is no photo" in problem.message
    assert live.counts() == {"folders": 2, "shown": 2, "drafts": 0, "with_errors": 1, "waiting": 0}


def test_file_times_rounded_to_two_seconds_are_not_trusted(collection):
    """A FAT stick's times may look old while a file is still being written."""
    clock = Clock()
    live = LiveCollection(str(collection.root), Languages(), quiet=QUIET, clock=clock)
    live.load()
    folder = collection("amal")
    for path in (folder / "portrait.yaml", folder / "photo.jpg", folder):
        os.utime(path, ns=(0, 1_700_000_000_000_000_000))  # an even second, long ago
    live.look()
    clock.now += 0.5
    assert live.look().read == ()  # the files' times alone are not enough here
    clock.now += QUIET
    assert [r.id for r in live.look().read] == ["amal"]


@pytest.fixture
def large_live(collection, monkeypatch):
    """35 folders, p000 to p034, whose own times looks read 10 at a time, in turn; the
    sweep alone would take 31 looks to reach p030."""
    from kiosk.content import live as live_module

    monkeypatch.setattr(live_module, "OWN_TIMES_PER_LOOK", 10)
    monkeypatch.setattr(live_module, "SWEEP_FOLDERS", 1)
    for number in range(35):
        collection(f"p{number:03d}")
    clock = Clock()
    live = LiveCollection(str(collection.root), Languages(), quiet=QUIET, clock=clock, wall_clock=lambda: 0)
    live.load()
    live.clock = clock
    return live


def save_as_editors_do(folder, name: str) -> None:
    """A new portrait.yaml written beside the old one, then renamed over it: the folder's
    own time moves."""
    (folder / "new.yaml").write_text(GOOD_YAML.replace("Samira B.", name), encoding="utf-8")
    os.replace(folder / "new.yaml", folder / "portrait.yaml")


def name_of(live, folder_id: str) -> str:
    return next(p for p in live.portraits() if p.id == folder_id).name


def test_an_edit_saved_by_renaming_is_noticed_in_turn_in_a_large_collection(large_live):
    save_as_editors_do(Path(large_live.root) / "p030", "Zoe B.")
    wait(large_live, 0.25 * 4)  # four looks cover the 35 folders
    wait(large_live, QUIET + 0.25)
    assert name_of(large_live, "p030") == "Zoe B."


def test_a_hinted_folder_is_checked_at_once_whatever_the_turn(large_live):
    """File-system events name a folder: it is checked at the next look, not in its turn."""
    save_as_editors_do(Path(large_live.root) / "p030", "Zoe B.")
    large_live.hint("p030")
    wait(large_live, 0.25)  # the first turn covers p000 to p009: only the hint can find p030
    wait(large_live, QUIET)  # the quiet wait; the turns reach p030 only later
    assert name_of(large_live, "p030") == "Zoe B."
