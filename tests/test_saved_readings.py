"""Saved readings: a restart reads again only the folders that changed since the last one."""

from __future__ import annotations

import os

import pytest

from kiosk.content import collection as collection_module
from kiosk.content import saved_readings
from kiosk.content.collection import scan
from kiosk.content.live import LiveCollection
from kiosk.content.text import Languages
from tests.conftest import GOOD_YAML

FULL_YAML = """\
name: Lucia R.
profession:
  fr: Couturière
  en: Seamstress
origin: Colombia
quote:
  fr: « Ici, je couds des histoires. »
  en: "“Here I sew stories.”"
arrived: "1998"
photo_credit: © A. Martin
testimony: |
  Quand je suis arrivée, je ne connaissais personne.

  Maintenant, tout le quartier me connaît.
wrong_field: ignored, with a warning
"""


@pytest.fixture
def folders(collection):
    collection("amal")
    collection("lucia", FULL_YAML)
    collection("broken", "name: [unclosed\n")
    collection("draft", GOOD_YAML + "published: false\n", photo=None)
    return collection


@pytest.fixture
def reads(monkeypatch):
    """The names of the folders actually read (not reused) by each scan."""
    names: list[str] = []
    real = collection_module.read_portrait_folder

    def counting(root, name, *args, **kwargs):
        names.append(name)
        return real(root, name, *args, **kwargs)

    monkeypatch.setattr(collection_module, "read_portrait_folder", counting)
    return names


def start(root, saved) -> LiveCollection:
    live = LiveCollection(str(root), Languages(), saved=saved)
    live.load()
    return live


def test_what_is_saved_comes_back_the_same(folders, tmp_path):
    path = tmp_path / "cache" / "readings.json"
    scanned = scan(str(folders.root), full_decode=False)
    saved_readings.save(path, scanned)
    loaded = saved_readings.load(path, str(folders.root), Languages())
    assert loaded.readings == scanned.readings
    assert {r.id for r in loaded.readings if r.problems} == {"lucia", "broken", "draft"}
    lucia = next(p for p in loaded.portraits if p.id == "lucia")
    assert lucia.quote.get("en", "fr") == "“Here I sew stories.”" and lucia.photo_credit == "© A. Martin"


def test_a_restart_reads_only_the_folders_that_changed(folders, tmp_path, reads):
    saved = tmp_path / "cache" / "readings.json"
    first = start(folders.root, saved)
    assert sorted(reads) == ["amal", "broken", "draft", "lucia"] and saved.is_file()

    reads.clear()
    yaml_file = folders.root / "amal" / "portrait.yaml"
    yaml_file.write_text(GOOD_YAML.replace("Samira B.", "Samira K."), encoding="utf-8")
    folders("chen")
    second = start(folders.root, saved)
    assert sorted(reads) == ["amal", "chen"]
    assert [p.name for p in second.portraits()] == ["Samira K.", "Samira B.", "Lucia R."]
    assert second.problems() == first.problems()  # the reused folders keep their problems

    reads.clear()
    third = start(folders.root, saved)
    assert reads == []
    assert third.portraits() == second.portraits()


def test_an_unchanged_collection_does_not_rewrite_the_file(folders, tmp_path):
    saved = tmp_path / "cache" / "readings.json"
    start(folders.root, saved)
    os.utime(saved, (1, 1))
    start(folders.root, saved)
    assert saved.stat().st_mtime == 1


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "other languages", "other code", "wrong shape"],
)
def test_an_unusable_file_means_every_folder_is_read(folders, tmp_path, reads, damage, monkeypatch):
    saved = tmp_path / "cache" / "readings.json"
    start(folders.root, saved)
    text = saved.read_text(encoding="utf-8")
    if damage == "garbage":
        saved.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        saved.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "wrong shape":
        saved.write_text(text.replace('"readings":[[', '"readings":[[1,', 1), encoding="utf-8")
    elif damage == "other code":
        monkeypatch.setattr(saved_readings, "_code_version", lambda: "another version")
    reads.clear()
    languages = Languages(("en", "fr")) if damage == "other languages" else Languages()
    live = LiveCollection(str(folders.root), languages, saved=saved)
    live.load()
    assert sorted(reads) == ["amal", "broken", "draft", "lucia"]
    assert [p.id for p in live.portraits()] == ["amal", "lucia"]
    assert saved_readings.load(saved, str(folders.root), languages) is not None  # written anew


def test_a_cache_folder_that_cannot_be_written_does_not_stop_the_kiosk(folders, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    live = start(folders.root, blocker / "readings.json")
    assert [p.id for p in live.portraits()] == ["amal", "lucia"]


def test_each_collection_has_its_own_file(tmp_path):
    assert saved_readings.file_for(tmp_path, "/media/a") != saved_readings.file_for(tmp_path, "/media/b")


def test_names_that_are_not_valid_text_are_saved_too(folders, tmp_path, reads):
    os.mkdir(os.path.join(os.fsencode(folders.root), b"caf\xe9"))  # Latin-1, from an old PC
    with open(os.path.join(os.fsencode(folders.root), b"amal", b"not\xff.txt"), "wb") as handle:
        handle.write(b"notes")
    saved = tmp_path / "cache" / "readings.json"
    first = start(folders.root, saved)
    reads.clear()
    second = start(folders.root, saved)
    assert reads == []
    assert second.problems() == first.problems()
    assert any("not valid text" in p.message for p in second.problems())
