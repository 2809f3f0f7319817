"""The story beyond the kiosk: a portrait's page online as a QR code that a phone (here,
zbarimg, an independent reader) decodes to exactly its link; how far the person is from
home, found in the offline gazetteer by what a curator writes; and every link a phone
should not be sent to, reported and never drawn."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys

import pytest

from kiosk.content.gazetteer import Gazetteer, fold
from kiosk.content.homes import rounded_km
from kiosk.workers.gazetteer import default_folder, open_gazetteer
from tests.conftest import GOOD_YAML, REPO, SAMPLES

STORY = "https://www.example.org/histoires/samira-b?lang=fr"
PARIS = (48.8580, 2.3488)


@pytest.fixture(scope="module")
def gazetteer():
    found = open_gazetteer(default_folder())
    assert found is not None, "the gazetteer could not be built"
    yield found
    found.close()


def kiosk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO), **(env or {})},
    )


def check_json(root) -> dict:
    done = kiosk("check", "--json", str(root))
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The spherical law of cosines: not the kiosk's haversine, the same sphere."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, cosine)))


# -- the gazetteer ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("home", "country", "near"),
    [
        ("Oran, Algérie", "DZ", (35.70, -0.64)),
        ("oran , algerie", "DZ", (35.70, -0.64)),
        ("Beyrouth", "LB", (33.89, 35.50)),
        ("Бейрут", "LB", (33.89, 35.50)),
        ("بيروت", "LB", (33.89, 35.50)),
        ("Hô Chi Minh-Ville", "VN", (10.82, 106.63)),
        ("Kinshasa, RDC", "CD", (-4.33, 15.31)),
        ("Saint-Louis, Sénégal", "SN", (16.02, -16.49)),
        ("Côte d'Ivoire", "CI", None),
        ("Royaume-Uni", "GB", (51.51, -0.13)),
    ],
)
def test_the_gazetteer_finds_homes_as_curators_write_them(gazetteer, home, country, near):
    place = gazetteer.find(home)
    assert place is not None and place.country == country
    if near:
        assert abs(place.latitude - near[0]) < 0.1 and abs(place.longitude - near[1]) < 0.1


def test_a_home_the_gazetteer_lacks_gets_the_closest_names_it_knows(gazetteer):
    assert gazetteer.find("Oarn, Algérie") is None
    assert "Oran, Algérie" in gazetteer.closest_names("Oarn, Algérie")
    assert "Algérie" in gazetteer.closest_names("Algérei")
    assert gazetteer.find("Tizi n'Tlata village, Algérie") is None


def test_folding_ignores_case_accents_hyphens_and_spaces():
    assert fold("Hô Chi Minh-Ville") == fold("ho chi minh ville") == "hochiminhville"


def test_a_damaged_gazetteer_file_finds_nothing_and_stops_nothing(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 100)
    damaged = Gazetteer(broken)
    assert damaged.find("Oran, Algérie") is None and damaged.closest_names("Oran") == []
    damaged.close()


def test_distances_are_said_as_people_say_them():
    assert [rounded_km(km) for km in (2.4, 37.6, 483.2, 1483.4, 9939.4, 11_342.0)] == [
        5,
        40,
        480,
        1480,
        9940,
        11_300,
    ]


# -- kiosk check --------------------------------------------------------------------


def test_check_json_gives_each_portraits_link_home_and_unrounded_distance(collection):
    collection("samira", GOOD_YAML + f"link: {STORY}\nhome: Oran, Algérie\n")
    collection("by-origin")  # no home: the origin's country (Algeria) stands for it
    collection("village", GOOD_YAML + "home: Tizi n'Tlata, Algérie\nhome_coordinates: [36.62, 4.18]\n")
    collection("nowhere", GOOD_YAML + "home: Oarn, Algérie\n")
    report = check_json(collection.root)
    portraits = {p["id"]: p for p in report["portraits"]}
    samira = portraits["samira"]
    assert samira["link"] == STORY and samira["home"] == "Oran, Algérie"
    assert samira["km_from_home"] == pytest.approx(great_circle_km(PARIS, (35.69906, -0.63588)), rel=1e-6)
    algiers = great_circle_km(PARIS, (36.73225, 3.08746))  # the capital stands for the country
    assert portraits["by-origin"]["km_from_home"] == pytest.approx(algiers, rel=1e-6)
    assert portraits["village"]["km_from_home"] == pytest.approx(
        great_circle_km(PARIS, (36.62, 4.18)), rel=1e-6
    )
    assert portraits["nowhere"]["km_from_home"] is None and portraits["nowhere"]["link"] is None
    (unknown,) = [p for p in report["problems"] if p["field"] == "home"]
    assert unknown["folder"] == "nowhere" and "did you mean 'Oran, Algérie'" in unknown["message"]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "http://www.example.org/story",
        "https://www.example.org/" + "a" * 3000,
        "ftp://x.org",
    ],
)
def test_a_link_a_phone_should_not_follow_is_reported_and_not_drawn(collection, link):
    collection("samira", GOOD_YAML + f"link: '{link}'\n")
    report = check_json(collection.root)
    (portrait,) = report["portraits"]
    assert portrait["link"] is None
    (problem,) = [p for p in report["problems"] if p["field"] == "link"]
    assert problem["severity"] == "warning" and len(problem["message"]) < 400


def test_the_exhibitions_link_stands_for_a_portrait_without_its_own(collection):
    collection("samira", GOOD_YAML + f"link:\n  fr: {STORY}\n  en: {STORY.replace('fr', 'en')}\n")
    collection("karim")
    (collection.root / "kiosk.yaml").write_text("link: https://www.example.org/expo\n", encoding="utf-8")
    portraits = {p["id"]: p for p in check_json(collection.root)["portraits"]}
    assert portraits["samira"]["link"] == STORY  # the collection's default language: French
    assert portraits["karim"]["link"] == "https://www.example.org/expo"


# -- on screen ------------------------------------------------------------------------


def decoded(picture) -> list[str]:
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg is not installed (tools/qr-reader installs zbar-tools)")
    done = subprocess.run([zbarimg, "-q", "--raw", str(picture)], capture_output=True, text=True, timeout=60)
    return done.stdout.splitlines()


@pytest.mark.parametrize("size", ["1920x1080", "1080x1920"])
def test_a_phone_reads_each_portraits_code_in_its_snapshot_to_exactly_its_link(tmp_path, size):
    root = tmp_path / "portraits"
    shutil.copytree(SAMPLES, root)
    yaml_file = root / "samira-benali" / "portrait.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8") + f"link: '{STORY}'\n", encoding="utf-8")
    out = tmp_path / "proofs"
    done = kiosk("snapshot", str(root), "--out", str(out), "--size", size, "--pages-only")
    assert done.returncode == 0, done.stderr
    assert decoded(out / "005-samira-benali.png") == [STORY]
    assert decoded(out / "001-amadou-diallo.png") == ["https://www.iamamigrant.org/"]  # the exhibition's


def test_the_page_says_how_far_home_is_in_the_visitors_language(make_kiosk):
    from kiosk.content.text import LocalText
    from kiosk.qt.settle import settle
    from tests.screen import show_portrait, text_on_page

    # The samples: samira-benali's home is Oran, Algérie.
    kiosk_app = make_kiosk(link=LocalText.plain("https://www.iamamigrant.org/"))
    show_portrait(kiosk_app, "samira-benali")
    assert text_on_page(kiosk_app.window, "fromHome").replace("\u202f", " ") == "À 1 480 km de chez soi"
    assert text_on_page(kiosk_app.window, "qrCaption") == "L'exposition en ligne"
    kiosk_app.session.setLanguage("en")
    settle(kiosk_app)
    assert text_on_page(kiosk_app.window, "fromHome") == "1,480 km from home"
    assert text_on_page(kiosk_app.window, "qrCaption") == "The exhibition online"


def test_the_map_shows_a_point_per_home_of_the_cycle_and_a_tap_opens_its_portraits(make_kiosk):
    from kiosk.qt.settle import settle
    from tests.screen import click, item

    kiosk_app = make_kiosk()
    session, window = kiosk_app.session, kiosk_app.window
    session.openPanel("overview")
    settle(kiosk_app)
    click(window, item(window, "openMap"))
    settle(kiosk_app)
    land = item(window, "mapLand")
    assert session.panel == "map" and land.property("source").toString().endswith(".png")
    assert land.property("progress") == 1.0 and land.property("paintedWidth") > 0
    points = kiosk_app.origin_map.points
    # Eight samples, seven places: Sokha C. and Vichet S. both come from Phnom Penh.
    assert sorted(point["count"] for point in points) == [1, 1, 1, 1, 1, 1, 2]
    assert item(window, "mapSummary").property("text") == "8 portraits, 7 lieux de départ"
    cambodia = next(point for point in points if point["count"] == 2)
    assert cambodia["origin"] == "Cambodge"
    assert 0.7 < cambodia["x"] < 0.85 and 0.35 < cambodia["y"] < 0.55  # south-east Asia
    click(window, item(window, "mapPoint_" + cambodia["key"]))
    settle(kiosk_app)
    assert session.panel == "" and session.count == 2
    assert {session.visible.portrait_at(row).id for row in range(2)} == {"sokha-chan", "vichet-sok"}
    session.openPanel("map")  # the map follows the filters: only the chosen origin's homes
    settle(kiosk_app)
    assert [point["count"] for point in kiosk_app.origin_map.points] == [2]


def test_the_exhibitions_settings_refuse_a_bad_link_and_bad_coordinates(tmp_path):
    from kiosk.content.homes import TOUR_SAINT_JACQUES
    from kiosk.settings import load_settings

    path = tmp_path / "kiosk.yaml"
    path.write_text("link: 'http://www.example.org'\nexhibition_coordinates: [48.9, 200]\n", encoding="utf-8")
    settings, problems = load_settings(str(path))
    assert not settings.link and settings.exhibition_coordinates == TOUR_SAINT_JACQUES
    assert [(p.field, p.line) for p in problems] == [("link", 1), ("exhibition_coordinates", 2)]
    path.write_text("exhibition_coordinates: [45.76, 4.84]\n", encoding="utf-8")  # Lyon
    assert load_settings(str(path))[0].exhibition_coordinates == (45.76, 4.84)
