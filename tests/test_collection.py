"""Scanning a collection, facets and filters, and comparing two scans."""

from __future__ import annotations

import os
import shutil
import unicodedata

import pytest

from kiosk.content import portraits as portraits_module
from kiosk.content.collection import CollectionError, compare, scan
from kiosk.content.facets import Selection, facet_values, select
from kiosk.content.text import Languages
from tests.conftest import GOOD_YAML

LANGS = Languages()


def person(name: str, origin: str, profession: str, origin_en: str | None = None) -> str:
    origin_text = f"\n  fr: {origin}\n  en: {origin_en}" if origin_en else f" {origin}"
    return f"name: {name}\nprofession: {profession}\norigin:{origin_text}\ntestimony: Bonjour\n"


def test_broken_folder_never_affects_the_others(collection):
    collection("b-good")
    collection("a-broken", "name: [unclosed\n")
    collection("c-draft", GOOD_YAML + "published: false\n")
    (collection.root / "._junk").mkdir()
    (collection.root / "kiosk.yaml").write_text("title: x\n")
    result = scan(str(collection.root))
    assert [p.id for p in result.portraits] == ["b-good"]
    assert [r.id for r in result.broken] == ["a-broken"]
    assert [r.id for r in result.drafts] == ["c-draft"]
    assert [p.folder for p in result.problems] == ["a-broken"]


def test_order_is_stable_and_case_insensitive(collection):
    for name in ["zoe", "Amir", "bea"]:
        collection(name)
    assert [p.id for p in scan(str(collection.root)).portraits] == ["Amir", "bea", "zoe"]


def test_unreadable_root_is_a_collection_error(tmp_path):
    with pytest.raises(CollectionError, match="does not exist"):
        scan(str(tmp_path / "nowhere"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(CollectionError, match="is a file"):
        scan(str(tmp_path / "file"))


def test_empty_collection_is_a_warning(collection):
    result = scan(str(collection.root))
    assert result.portraits == []
    assert "no portrait folders yet" in result.problems[0].message


def test_same_name_in_nfc_and_nfd_is_reported_once(collection):
    collection(unicodedata.normalize("NFC", "rené"))
    collection(unicodedata.normalize("NFD", "rené"))
    result = scan(str(collection.root))
    assert len(result.portraits) == 1
    assert "same name written two ways" in result.problems[0].message


def test_facets_group_spellings_and_count(collection):
    collection("a", person("A", "Algérie", "Chef", "Algeria"))
    collection("b", person("B", "algerie ", "Plombier", "Algeria"))
    collection("c", person("C", "ALGÉRIE", "Chef", "Algeria"))
    collection("d", person("D", "Cambodge", "chef", "Cambodia"))
    portraits = scan(str(collection.root)).portraits
    origins = facet_values(portraits, "origin", Selection(), "fr", LANGS)
    assert [(v.label, v.count) for v in origins] == [("Algérie", 3), ("Cambodge", 1)]
    english = facet_values(portraits, "origin", Selection(), "en", LANGS)
    assert [(v.label, v.count) for v in english] == [("Algeria", 3), ("Cambodia", 1)]
    assert origins[0].key == english[0].key  # the same filter in both languages


def test_most_common_spelling_is_the_label(collection):
    collection("a", person("A", "Algérie", "Chef"))
    collection("b", person("B", "Algérie", "Chef"))
    collection("c", person("C", "algerie", "Chef"))
    portraits = scan(str(collection.root)).portraits
    assert facet_values(portraits, "origin", Selection(), "fr", LANGS)[0].label == "Algérie"


def test_counts_of_one_facet_follow_the_other_facets_choice(collection):
    collection("a", person("A", "Algérie", "Chef"))
    collection("b", person("B", "Algérie", "Plombier"))
    collection("c", person("C", "Cambodge", "Plombier"))
    portraits = scan(str(collection.root)).portraits
    plumbers = next(
        v for v in facet_values(portraits, "profession", Selection(), "fr", LANGS) if v.label == "Plombier"
    )
    chosen = Selection().with_value("profession", plumbers.key)
    origins = facet_values(portraits, "origin", chosen, "fr", LANGS)
    assert [(v.label, v.count) for v in origins] == [("Algérie", 1), ("Cambodge", 1)]
    # The chosen facet's own counts are not narrowed by itself.
    professions = facet_values(portraits, "profession", chosen, "fr", LANGS)
    assert [(v.label, v.count) for v in professions] == [("Chef", 1), ("Plombier", 2)]
    algeria = origins[0].key
    both = chosen.with_value("origin", algeria)
    assert [p.id for p in select(portraits, both, LANGS)] == ["b"]
    assert [p.id for p in select(portraits, both.without("origin").without("profession"), LANGS)] == [
        "a",
        "b",
        "c",
    ]


def test_compare_finds_added_changed_and_removed(collection, good_photo, tmp_path):
    collection("stays")
    collection("edited")
    collection("photo-replaced")
    collection("removed")
    before = scan(str(collection.root))
    shutil.rmtree(collection.root / "removed")
    collection("added")
    (collection.root / "edited" / "portrait.yaml").write_text(GOOD_YAML.replace("Samira", "Sami"))
    from PIL import Image

    Image.new("RGB", (1300, 1500), "blue").save(collection.root / "photo-replaced" / "photo.jpg")
    after = scan(str(collection.root), previous=before)
    changes = compare(before, after)
    assert changes.added == ("added",)
    assert set(changes.changed) == {"edited", "photo-replaced"}
    assert changes.removed == ("removed",)
    assert not compare(after, scan(str(collection.root), previous=after))


def test_rescan_reads_only_changed_folders(collection, monkeypatch):
    for name in ["a", "b", "c"]:
        collection(name)
    first = scan(str(collection.root))
    read = []
    original = portraits_module.read_portrait_folder

    def counting(root, folder_id, languages, **options):
        read.append(folder_id)
        return original(root, folder_id, languages, **options)

    monkeypatch.setattr("kiosk.content.collection.read_portrait_folder", counting)
    scan(str(collection.root), previous=first)
    assert read == []
    os.utime(collection.root / "b" / "portrait.yaml", ns=(1, 1))
    scan(str(collection.root), previous=first)
    assert read == ["b"]


def test_fast_scan_reads_headers_and_leaves_broken_pixels_to_preparation(collection):
    from tests.conftest import shared_file

    folder = collection("truncated", photo=None)
    shutil.copy(shared_file("Pillow", "Tests", "images", "truncated_jpeg.jpg"), folder / "photo.jpg")
    assert scan(str(collection.root)).portraits == []  # kiosk check: full decode
    assert [p.id for p in scan(str(collection.root), full_decode=False).portraits] == ["truncated"]


def test_without_twins_keeps_the_first_of_two_unicode_forms():
    from kiosk.content.collection import without_twins

    nfc, nfd = "h\u00e9l\u00e8ne", "he\u0301le\u0300ne"
    assert without_twins([nfc, "amal", nfd, "amal-b"]) == [nfc, "amal", "amal-b"]
