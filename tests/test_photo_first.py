"""The photo first: on every screen and for every photo shape the photo gets its due
share of the screen, whole; a tap opens it full screen. Measured from the pictures of
the real screen, as a visitor sees it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from kiosk.layout import Page
from kiosk.qt.models import PortraitRole
from kiosk.qt.settle import settle
from tests.conftest import GOOD_YAML
from tests.photo_share import measure, pattern_photo
from tests.screen import centre, current_page, item, press_key, show_portrait, touch_tap

SHAPES = {"portrait-photo": (1500, 2000), "landscape-photo": (2400, 1600)}
SCREENS = [(1280, 720), (1920, 1080), (3840, 2160), (720, 1280), (1080, 1920)]


@pytest.fixture
def pattern_collection(collection):
    for folder, size in SHAPES.items():
        pattern_photo(collection(folder, GOOD_YAML, photo=None) / "photo.jpg", size)
    return collection.root


def grab(kiosk, path):
    assert settle(kiosk)
    kiosk.window.grabWindow().save(str(path))
    return measure(path)


@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_photo_covers_its_share_of_every_screen_whole(make_kiosk, pattern_collection, tmp_path, screen):
    kiosk = make_kiosk(pattern_collection, screen=screen)
    tall_screen = screen[1] > screen[0]
    for folder, (width, height) in SHAPES.items():
        show_portrait(kiosk, folder)
        drawn = grab(kiosk, tmp_path / f"{folder}.png")
        least = 0.40 if tall_screen and height > width else 0.30
        assert drawn.share >= least, (folder, drawn)
        assert drawn.framed, f"{folder}: the photo is cut off at {drawn.box}"
        assert drawn.shape == pytest.approx(width / height, rel=0.02), f"{folder}: stretched"


def test_a_wide_photo_sits_beside_the_words_and_takes_the_room_a_tall_one_leaves(
    make_kiosk, pattern_collection, tmp_path
):
    kiosk = make_kiosk(pattern_collection, screen=(1920, 1080))
    places = {}
    for folder in SHAPES:
        show_portrait(kiosk, folder)
        assert settle(kiosk)
        page = current_page(kiosk.window)
        places[folder] = (
            item(page, "photoArea").width(),
            item(page, "testimony").mapToScene(QPointF(0, 0)).x(),
        )
    (tall_photo, tall_words), (wide_photo, wide_words) = places["portrait-photo"], places["landscape-photo"]
    assert wide_photo > tall_photo and wide_words > wide_photo and tall_words > tall_photo
    # Each photo's words start where its own photo ends: the page is laid out for its photo.
    assert wide_words > tall_words


def test_each_page_knows_its_photos_shape_before_the_picture_loads(make_kiosk, pattern_collection):
    """The page lays itself out from the shape the model gives, so nothing moves when the
    picture arrives, and a swipe between two shapes slides two whole pages."""
    kiosk = make_kiosk(pattern_collection, screen=(1080, 1920))
    model = kiosk.session.portraits
    for row in range(model.rowCount()):
        portrait = model.portraits()[row]
        width, height = SHAPES[portrait.id]
        shape = model.data(model.index(row), PortraitRole.PHOTO_SHAPE)
        assert shape == pytest.approx(width / height, rel=0.01)


def test_a_tap_on_the_photo_opens_it_full_screen_and_another_closes_it(
    make_kiosk, pattern_collection, touchscreen, tmp_path
):
    kiosk = make_kiosk(pattern_collection, screen=(1920, 1080))
    window, session = kiosk.window, kiosk.session
    show_portrait(kiosk, "portrait-photo")
    on_page = grab(kiosk, tmp_path / "page.png")
    touch_tap(window, touchscreen, centre(item(current_page(window), "photoArea")))
    assert session.panel == "photo"
    closer = grab(kiosk, tmp_path / "closer.png")
    left, top, right, bottom = closer.box
    # As large as the screen allows: it fills the screen's height, whole.
    assert closer.framed and bottom - top >= window.height() * 0.95 and closer.share > on_page.share * 1.2
    picture = item(window, "closeUpPhoto")
    assert picture.property("progress") == 1.0  # the sharp picture, not the page's scaled
    assert picture.property("implicitHeight") >= window.height() * 0.85
    assert item(window, "closeUpName").property("text") == "Samira B."
    touch_tap(window, touchscreen, centre(item(window, "closeUp")))
    assert settle(kiosk) and session.panel == ""
    assert grab(kiosk, tmp_path / "back.png").share == pytest.approx(on_page.share, abs=0.005)


def test_the_full_screen_photo_is_within_reach_and_ends_with_the_visit(
    make_kiosk, pattern_collection, touchscreen
):
    """On a tall screen the photo is above a seated visitor's reach: the button below the
    words opens it too; the idle reset and Escape close it."""
    kiosk = make_kiosk(
        pattern_collection, screen=(1080, 1920), screen_diagonal_inches=43.0, mount_height_mm=700.0
    )
    window, session = kiosk.window, kiosk.session
    button = item(current_page(window), "closerLookButton")
    low = kiosk.body.body().floor_height_mm(button.mapToScene(QPointF(0, button.height())).y())
    assert low >= 380 and kiosk.body.body().floor_height_mm(button.mapToScene(QPointF(0, 0)).y()) <= 1220
    touch_tap(window, touchscreen, centre(button))
    assert session.panel == "photo"
    session.reset()
    assert session.panel == ""
    touch_tap(window, touchscreen, centre(item(current_page(window), "closerLookButton")))
    assert settle(kiosk) and session.panel == "photo"
    press_key(window, Qt.Key.Key_Escape)
    assert session.panel == ""


@pytest.mark.parametrize("shape", [0.2, 0.75, 1.0, 1.5, 5.0])
@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_a_plan_keeps_the_photo_inside_its_place_and_the_words_beside_or_below(screen, shape):
    width, height = screen[0], round(screen[1] * 0.88)
    page = Page(width, height, screen[1] / 100 if width > height else min(screen[1] / 100, width / 64))
    plan = page.plan(shape)
    photo, words = plan.photo, plan.words
    assert plan.box[0] <= photo.width and plan.box[1] <= photo.height
    if plan.beside:
        assert photo.x + photo.width == words.x and words.x + words.width == width
        assert words.width >= width * 0.35 and photo.height == words.height == height
    else:
        assert photo.y + photo.height == words.y and words.y + words.height == height
        assert words.height >= page.unit * 26 and photo.width == words.width == width
