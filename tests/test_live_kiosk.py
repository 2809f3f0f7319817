"""Curators changing folders while the real kiosk runs offscreen: what visitors see, what the log says."""

from __future__ import annotations

import logging
import os
import shutil
import time

import pytest
from PIL import Image
from PySide6.QtCore import QUrl

from kiosk.qt.models import FacetRole
from kiosk.qt.settle import pump, settle
from tests.conftest import GOOD_YAML
from tests.screen import current_page, item, text_on_page

SCREEN = (960, 540)
ARRIVAL_S = 3.0  # a new folder is in the cycle this long after its files stop changing


@pytest.fixture(autouse=True)
def change_lines_are_captured(caplog):
    caplog.set_level(logging.INFO, logger="kiosk")


@pytest.fixture
def three(collection):
    for name, who in (("amal", "Amal A."), ("bruno", "Bruno B."), ("chen", "Chen C.")):
        collection(name, GOOD_YAML.replace("Samira B.", who))
    return collection


def shown_ids(kiosk) -> list[str]:
    return [p.id for p in kiosk.session.portraits.portraits()]


def wait_until(condition, limit_s: float) -> float:
    """Seconds until `condition()` held, pumping events; fails after `limit_s`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit_s, f"not within {limit_s} s"
        pump(50)
    return time.monotonic() - start


def wait_for_looks(kiosk, count: int) -> None:
    """Until the kiosk has looked at the collection `count` more times."""
    looks = []

    def count_one() -> None:
        looks.append(1)

    kiosk.watcher.lookEnded.connect(count_one)
    try:
        wait_until(lambda: len(looks) >= count, 30)
    finally:
        kiosk.watcher.lookEnded.disconnect(count_one)


def change_lines(caplog) -> list[str]:
    prefixes = ("added", "updated", "removed", "problem", "kept", "collection")
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(prefixes)]


@pytest.fixture(scope="module")
def camera_like_photo(tmp_path_factory):
    """A JPEG of noise: big enough (about 1 MB) for a slow copy to take a few seconds."""
    path = tmp_path_factory.mktemp("camera") / "photo.jpg"
    Image.effect_noise((1200, 1500), 60).convert("RGB").save(path, quality=90)
    return path


def slow_copy(source, target, check, chunk: int = 64 * 1024, pause_ms: int = 120) -> None:
    """Write a file in pieces with pauses, under its final name, as a slow share does;
    `check()` runs at every pause."""
    data = source.read_bytes()
    with open(target, "wb") as handle:
        for start in range(0, len(data), chunk):
            handle.write(data[start : start + chunk])
            handle.flush()
            pump(pause_ms)
            check()


@pytest.mark.parametrize("file_events", [True, False], ids=["with-events", "rescan-alone"])
def test_a_folder_copied_in_slowly_appears_whole_without_disturbing_the_visitor(
    make_kiosk, three, camera_like_photo, caplog, file_events
):
    kiosk = make_kiosk(three.root, watch=True, file_events=file_events, screen=SCREEN)
    session = kiosk.session
    session.noteActivity()  # a visitor is here, on the second portrait, filtered by origin
    session.goTo(1)
    origin = session.facets["origin"]
    session.openPanel("origin")
    session.choose("origin", origin.data(origin.index(0), FacetRole.KEY))
    reading = session.current_portrait()
    caplog.clear()

    folder = three.root / "dmitri"
    folder.mkdir()
    (folder / "._photo.jpg").write_bytes(b"\0\5\26\7 Finder's resource fork")  # arrives first
    (folder / "portrait.yaml").write_text(GOOD_YAML.replace("Samira B.", "Dmitri D."), encoding="utf-8")

    def not_yet() -> None:
        assert "dmitri" not in shown_ids(kiosk) and change_lines(caplog) == []

    slow_copy(camera_like_photo, folder / "photo.jpg", not_yet)

    wait_until(lambda: "dmitri" in shown_ids(kiosk), ARRIVAL_S)
    assert change_lines(caplog) == ["added dmitri"]  # never reported as broken on the way
    assert session.current_portrait() == reading  # same portrait, same filter
    assert session.filtered and session.count == 4


def test_an_edit_shows_next_time_and_a_replaced_photo_is_the_new_picture(make_kiosk, three, caplog):
    kiosk = make_kiosk(three.root, watch=True, screen=SCREEN)
    session = kiosk.session
    session.noteActivity()
    caplog.clear()
    old_url = item(current_page(kiosk.window), "photo").property("source").toString()

    # The visitor is reading amal: the edit waits until they move on.
    yaml_file = three.root / "amal" / "portrait.yaml"
    yaml_file.write_text(GOOD_YAML.replace("Samira B.", "Amal Z."), encoding="utf-8")
    Image.new("RGB", (1200, 1500), "#1f6fb2").save(three.root / "amal" / "photo.jpg", quality=80)
    pump(int(ARRIVAL_S * 1000))
    assert text_on_page(kiosk.window, "name") == "Amal A."
    session.next()
    wait_until(lambda: session.portraits.portrait_at(0).name == "Amal Z.", 2)
    assert change_lines(caplog) == ["updated amal"]

    session.previous()
    settle(kiosk)
    assert text_on_page(kiosk.window, "name") == "Amal Z."
    new_url = item(current_page(kiosk.window), "photo").property("source").toString()
    assert new_url != old_url  # Qt caches images by URL: a new picture needs a new one
    picture = Image.open(QUrl(new_url).toLocalFile())
    red, green, blue = picture.getpixel((picture.width // 2, picture.height // 2))
    assert blue > 150 and red < 80  # the blue replacement, not the old brown photo


def test_a_text_edit_to_the_portrait_being_read_shows_once_the_visitor_moves_on(make_kiosk, three, caplog):
    """Only the words change: no picture is prepared again, and nothing else announces
    that the held-back version may now be shown."""
    kiosk = make_kiosk(three.root, watch=True, screen=SCREEN)
    session = kiosk.session
    session.noteActivity()
    caplog.clear()
    yaml_file = three.root / "amal" / "portrait.yaml"
    yaml_file.write_text(GOOD_YAML.replace("Samira B.", "Amal Z."), encoding="utf-8")
    wait_until(lambda: any(p.name == "Amal Z." for p in kiosk.live.portraits()), ARRIVAL_S)
    wait_for_looks(kiosk, 2)  # and its photo long prepared
    assert text_on_page(kiosk.window, "name") == "Amal A."  # being read: not changed under the visitor

    session.next()
    wait_until(lambda: session.portraits.portrait_at(0).name == "Amal Z.", 2)
    assert change_lines(caplog) == ["updated amal"]


def test_a_typo_keeps_the_last_good_version_until_it_is_fixed(make_kiosk, three, caplog):
    kiosk = make_kiosk(three.root, watch=True, screen=SCREEN)
    caplog.clear()
    yaml_file = three.root / "bruno" / "portrait.yaml"
    yaml_file.write_text("name: Bruno B.\nprofession: [oops\n", encoding="utf-8")
    wait_until(lambda: any(line.startswith("kept bruno") for line in change_lines(caplog)), ARRIVAL_S)
    assert shown_ids(kiosk) == ["amal", "bruno", "chen"]
    wait_for_looks(kiosk, 5)  # each reads every folder's files again (3 folders, 50 a look)
    problems = [line for line in change_lines(caplog) if line.startswith("problem bruno/portrait.yaml:")]
    assert len(problems) == 1  # logged once, not at every look

    yaml_file.write_text(GOOD_YAML.replace("Samira B.", "Bruno F."), encoding="utf-8")
    wait_until(lambda: kiosk.session.portraits.portrait_at(1).name == "Bruno F.", ARRIVAL_S)
    assert change_lines(caplog)[-1] == "updated bruno"


def test_removed_and_renamed_folders_leave_and_come_back_under_the_new_name(make_kiosk, three, caplog):
    kiosk = make_kiosk(three.root, watch=True, screen=SCREEN)
    session = kiosk.session
    session.noteActivity()
    session.goTo(2)  # reading chen
    caplog.clear()
    os.rename(three.root / "amal", three.root / "zoe")
    shutil.rmtree(three.root / "chen")
    wait_until(lambda: "zoe" in shown_ids(kiosk), ARRIVAL_S)
    # chen is on screen: it stays until the visitor moves on.
    assert shown_ids(kiosk) == ["bruno", "chen", "zoe"]
    assert text_on_page(kiosk.window, "name") == "Chen C."
    session.next()
    wait_until(lambda: shown_ids(kiosk) == ["bruno", "zoe"], 2)
    assert sorted(change_lines(caplog)) == ["added zoe", "removed amal", "removed chen"]


def test_the_collection_folder_going_away_keeps_the_screen_and_recovers(make_kiosk, three, tmp_path, caplog):
    kiosk = make_kiosk(three.root, watch=True, screen=SCREEN)
    caplog.clear()
    away = tmp_path / "unplugged"
    os.rename(three.root, away)
    wait_until(lambda: change_lines(caplog), 2)
    wait_for_looks(kiosk, 3)  # while it is away
    assert shown_ids(kiosk) == ["amal", "bruno", "chen"]
    assert text_on_page(kiosk.window, "name") == "Amal A."
    (gone,) = change_lines(caplog)  # said once, not at every look
    assert gone.startswith("collection unavailable") and "keeping the 3 portraits" in gone

    os.rename(away, three.root)
    wait_until(lambda: len(change_lines(caplog)) == 2, 2)
    assert change_lines(caplog)[1] == f"collection back: {three.root}"
    (three.root / "amal" / "portrait.yaml").write_text(GOOD_YAML.replace("Samira B.", "Amal X."))
    wait_until(lambda: kiosk.session.portraits.portrait_at(0).name == "Amal X.", ARRIVAL_S)


def test_looks_run_beside_the_screen_and_their_failures_reach_it(make_kiosk, three, qtbot, monkeypatch):
    """A look's cost grows with the collection: it must not run on the thread that draws
    the carousel. An error in a look still stops the kiosk as any uncaught error does."""
    import threading

    kiosk = make_kiosk(three.root, watch=True)
    threads = set()
    real_look = kiosk.live.look

    def look():
        threads.add(threading.current_thread())
        return real_look()

    monkeypatch.setattr(kiosk.live, "look", look)
    wait_until(lambda: threads, 5)
    assert threading.main_thread() not in threads

    def broken_look():
        raise OSError("the disk went away mid-look")

    monkeypatch.setattr(kiosk.live, "look", broken_look)
    with qtbot.capture_exceptions() as raised:
        wait_until(lambda: raised, 5)
    assert "the disk went away mid-look" in str(raised[0][1])


def test_file_events_keep_coming_from_folders_and_files_that_were_replaced(make_kiosk, three):
    """Qt drops the watch on a path that is removed or replaced; the kiosk watches the
    new one, so the next edit there is noticed at once rather than at a later look."""
    kiosk = make_kiosk(three.root, watch=True, screen=SCREEN)
    events = kiosk.watcher._events

    def watched() -> set[str]:
        return {*events.directories(), *events.files()}

    def name_of(folder: str) -> list[str]:
        return [p.name for p in kiosk.session.portraits.portraits() if p.id == folder]

    chen_yaml = str(three.root / "chen" / "portrait.yaml")
    wait_until(lambda: {str(three.root / "bruno"), chen_yaml} <= watched(), 5)
    replacement = three.root / "chen" / "portrait.yaml.new"
    replacement.write_text(GOOD_YAML.replace("Samira B.", "Chen R."), encoding="utf-8")
    os.replace(replacement, chen_yaml)  # as editors save: a new file under the old name
    os.rename(three.root / "bruno", three.root / "bruno-2")
    wait_until(lambda: name_of("chen") == ["Chen R."] and name_of("bruno-2"), ARRIVAL_S)
    wait_until(lambda: {str(three.root / "bruno-2"), chen_yaml} <= watched(), 5)


def test_a_folder_with_thousands_of_problems_logs_twenty_and_a_count(make_kiosk, collection, caplog):
    collection("good")
    collection("flood", GOOD_YAML + "".join(f"unknown_{n}: x\n" for n in range(3000)))
    caplog.set_level(logging.WARNING)
    make_kiosk(collection.root)
    flooded = [r.getMessage() for r in caplog.records if r.getMessage().startswith("problem flood")]
    assert len(flooded) == 21 and flooded[-1] == "problem flood: and 2 980 more like this"
