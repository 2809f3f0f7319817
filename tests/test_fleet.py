"""Several kiosks, one collection: each kiosk's health in a status file, and `kiosk fleet`
reading them all, stale, mismatched, malformed or foreign; the files Syncthing leaves
while it works are never content."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.content.files import is_debris
from kiosk.content.status import portable_stamp, read_status, revision_of, write_status
from kiosk.fleet import fleet_lines, read_fleet
from tests.conftest import REPO

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def at(minutes_ago: float) -> str:
    return (NOW - timedelta(minutes=minutes_ago)).isoformat().replace("+00:00", "Z")


def status(name: str, revision: str, written: float, since: float, **more) -> dict:
    return {
        "name": name,
        "revision": revision,
        "written_at": at(written),
        "revision_since": at(since),
        **more,
    }


def test_syncthings_own_files_are_never_content():
    for name in (
        ".stfolder",
        ".stignore",
        ".stversions",
        ".syncthing.photo.jpg.tmp",
        "~syncthing~photo.jpg.tmp",
    ):
        assert is_debris(name), name
    assert not is_debris("photo.jpg") and not is_debris("syncthing-notes.txt")


def test_the_revision_is_the_same_for_the_same_folders_on_any_machine(tmp_path):
    from kiosk.content.collection import scan
    from tests.conftest import SAMPLES

    portraits = scan(str(SAMPLES)).portraits
    first = revision_of((p.id, portable_stamp(p)) for p in portraits)
    # Another machine: another folder, other inodes and change times, another order.
    elsewhere = [
        replace(
            p,
            folder="/srv/kiosk/" + p.id,
            photo="/srv/kiosk/" + p.id + "/" + os.path.basename(p.photo),
            photo_stamp=(*p.photo_stamp[:2], 1, 2),
        )
        for p in reversed(portraits)
    ]
    assert revision_of((p.id, portable_stamp(p)) for p in elsewhere) == first
    edited = [replace(portraits[0], name="Amadou D. (edited)"), *portraits[1:]]
    assert revision_of((p.id, portable_stamp(p)) for p in edited) != first
    assert revision_of((p.id, portable_stamp(p)) for p in portraits[1:]) != first


def test_a_status_is_written_whole_and_read_back_and_a_broken_one_is_not_a_status(tmp_path):
    path = write_status(tmp_path, status("entrée nord/1", "abc", 0, 10, portraits=8))
    assert path.name == "entrée-nord-1.json" and [p.name for p in tmp_path.iterdir()] == [path.name]
    assert read_status(path)["portraits"] == 8
    for text in (
        "{",
        "[]",
        '{"name": 1}',
        '{"name": "a", "revision": "x", "written_at": "yesterday"}',
        "\udcff",
    ):
        broken = tmp_path / "broken.json"
        broken.write_text(text, encoding="utf-8", errors="surrogateescape")
        assert read_status(broken) is None, text
    (tmp_path / "huge.json").write_bytes(b"[" * 1_000_000)
    assert read_status(tmp_path / "huge.json") is None


def test_the_fleet_marks_a_silent_kiosk_and_one_left_on_an_old_revision(tmp_path):
    write_status(tmp_path, status("hall", "new", 0.5, 30, portraits=9, problems=0))
    write_status(tmp_path, status("library", "old", 1, 300, portraits=8, problems=2))  # 30 min behind
    write_status(tmp_path, status("north", "new", 6, 30, portraits=9))  # silent for 6 minutes
    write_status(tmp_path, status("south", "old", 0.2, 400, portraits=8))
    (tmp_path / "notes.txt").write_text("not a kiosk", encoding="utf-8")
    (tmp_path / "half.json").write_text('{"name": "x"', encoding="utf-8")
    (tmp_path / ".syncthing.hall.json.tmp").write_text("{", encoding="utf-8")
    kiosks, unreadable = read_fleet(tmp_path, now=NOW)
    table = {k.name: (k.current, k.stale) for k in kiosks}
    assert table == {
        "hall": (True, False),
        "library": (False, True),
        "north": (True, True),
        "south": (False, True),
    }
    assert unreadable == ["half.json", "notes.txt"]
    assert [k.portraits for k in kiosks] == [9, 8, 9, 8]
    lines = fleet_lines(kiosks, unreadable, "en", now=NOW)
    assert lines[1].startswith(
        "library: revision old (older revision), 8 portraits, 2 problems, last seen 60 s ago"
    )
    assert lines[1].endswith("STALE: on an older revision for more than 10 minutes")
    assert lines[2].endswith("STALE: silent for more than 5 minutes")
    assert (
        fleet_lines(kiosks, unreadable, "fr", now=NOW)[-1] == "notes.txt : pas l'état d'une borne (illisible)"
    )


def test_a_kiosk_just_behind_the_newest_revision_is_not_stale_yet(tmp_path):
    write_status(tmp_path, status("a", "new", 0, 2))  # the collection changed two minutes ago
    write_status(tmp_path, status("b", "old", 0, 60))
    kiosks, _ = read_fleet(tmp_path, now=NOW)
    assert [(k.name, k.current, k.stale) for k in kiosks] == [("a", True, False), ("b", False, False)]


def test_kiosk_fleet_json_for_scripts(tmp_path):
    write_status(tmp_path, status("hall", "r1", 0, 1, portraits=3, problems="many"))
    (tmp_path / "foreign.json").write_text('{"hello": "world"}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "fleet", "--json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    (hall,) = report["kiosks"]
    assert set(hall) == {"name", "revision", "current", "portraits", "problems", "last_seen", "stale"}
    assert hall["name"] == "hall" and hall["current"] is True and hall["problems"] == 0  # "many" is no count
    assert report["unreadable"] == ["foreign.json"]


@pytest.mark.parametrize("stopped", ["stopped", "staff restart"])
def test_the_kiosk_writes_its_health_and_says_how_its_last_run_ended(make_kiosk, tmp_path, stopped):
    folder = tmp_path / "status"
    kiosk = make_kiosk(status_dir=str(folder), name="hall")
    written = read_status(folder / "hall.json")
    assert written is not None and written["portraits"] == 8 and written["drafts"] == 1
    assert written["last_restart"]["why"] == "first start" and written["free_disk_mb"] > 0
    assert written["revision"] == revision_of((p.id, portable_stamp(p)) for p in kiosk.live.portraits())
    kiosk.close(stopped=stopped)
    assert read_status(folder / "hall.json")["stopped"] == stopped
    again = make_kiosk(status_dir=str(folder), name="hall")
    assert read_status(folder / "hall.json")["last_restart"]["why"] == stopped
    again.close()


def test_the_desk_shows_the_same_table(tmp_path):
    from starlette.testclient import TestClient

    from kiosk.desk.app import Desk
    from kiosk.pin import DESK_SETTING, hash_password, write_pin_setting
    from kiosk.settings import load_settings
    from tests.conftest import SAMPLES
    from tests.test_desk import FRENCH, signed_in

    root = tmp_path / "portraits"
    __import__("shutil").copytree(SAMPLES, root)
    write_pin_setting(str(root / "kiosk.yaml"), hash_password("tour saint-jacques"), DESK_SETTING)
    statuses = tmp_path / "status"
    now = datetime.now(UTC)
    fresh, old = (now - timedelta(seconds=20)), (now - timedelta(minutes=30))
    write_status(
        statuses, {"name": "hall <b>", "revision": "r2", "written_at": fresh.isoformat(), "portraits": 8}
    )
    write_status(
        statuses, {"name": "library", "revision": "r1", "written_at": old.isoformat(), "portraits": 7}
    )
    (statuses / "junk.json").write_text("[", encoding="utf-8")
    settings, _ = load_settings(str(root / "kiosk.yaml"))
    desk = Desk(str(root), settings, tmp_path / "desk", status_dir=str(statuses))
    try:
        with TestClient(desk.app, base_url="http://desk.local", headers=FRENCH) as browser:
            signed_in(browser, headers=FRENCH)
            page = browser.get("/fleet", headers=FRENCH).text
    finally:
        desk.close()
    assert "hall &lt;b&gt;" in page and "hall <b>" not in page  # a kiosk's name is text, escaped
    assert 'class="stale" data-kiosk="library"' in page and "silencieuse depuis plus de 5 minutes" in page
    assert 'class="well" data-kiosk="hall &lt;b&gt;"' in page
    assert "junk.json : pas l&#39;état d&#39;une borne (illisible)" in page
