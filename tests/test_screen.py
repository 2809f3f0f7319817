"""The real Main.qml offscreen, driven with touch, mouse and keys as visitors drive it."""

from __future__ import annotations

import logging
import os
import shutil

import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtQml import QQmlProperty
from PySide6.QtTest import QTest

from kiosk.content.photocache import PhotoCache
from kiosk.qt.app import KioskApp
from kiosk.qt.fonts import load_fonts
from kiosk.qt.headless import QUIET
from kiosk.qt.settle import pump, settle
from kiosk.settings import Settings
from tests.conftest import GOOD_YAML, SAMPLES
from tests.screen import (
    built_pages,
    centre,
    click,
    current_page,
    item,
    items,
    show_portrait,
    text_on_page,
    touch_swipe,
    touch_tap,
)

SCREEN = QSize(1280, 720)


def test_touch_swipe_goes_to_next_and_previous(make_kiosk, touchscreen):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    first = text_on_page(window, "name")
    touch_swipe(window, touchscreen, QPoint(900, 400), QPoint(300, 400))
    settle(kiosk)
    assert session.currentIndex == 1
    assert text_on_page(window, "name") != first
    touch_swipe(window, touchscreen, QPoint(300, 400), QPoint(900, 400))
    settle(kiosk)
    assert session.currentIndex == 0
    assert text_on_page(window, "name") == first


def test_swipe_back_from_the_first_wraps_to_the_last(make_kiosk, touchscreen):
    kiosk = make_kiosk()
    touch_swipe(kiosk.window, touchscreen, QPoint(300, 400), QPoint(900, 400))
    settle(kiosk)
    assert kiosk.session.currentIndex == kiosk.session.count - 1


def test_tap_on_the_arrows_and_arrow_keys(make_kiosk, touchscreen):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    touch_tap(window, touchscreen, centre(item(window, "nextButton")))
    assert session.currentIndex == 1
    click(window, item(window, "previousButton"))
    assert session.currentIndex == 0
    QTest.keyClick(window, Qt.Key.Key_Right)
    QTest.keyClick(window, Qt.Key.Key_Right)
    pump(50)
    assert session.currentIndex == 2
    QTest.keyClick(window, Qt.Key.Key_Left)
    pump(50)
    assert session.currentIndex == 1


def test_autoplay_advances_and_a_touch_pauses_it(make_kiosk, touchscreen, qtbot):
    kiosk = make_kiosk(autoplay_seconds=0.3)
    session = kiosk.session
    start = session.currentIndex
    with qtbot.waitSignal(session.currentIndexChanged, timeout=3000):
        pass
    assert session.currentIndex == (start + 1) % session.count and session.autoplay
    touch_tap(kiosk.window, touchscreen, QPoint(400, 400))
    assert not session.autoplay
    shown = session.currentIndex
    qtbot.wait(900)
    assert session.currentIndex == shown


def test_origin_chip_narrows_the_cycle_and_the_other_facets_counts(make_kiosk):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    click(window, item(window, "originButton"))
    assert session.panel == "origin" and item(window, "originPanel").isVisible()
    click(window, item(window, "chip_Algérie"))
    settle(kiosk)
    assert session.panel == ""
    assert session.count == 2
    assert item(window, "originButton").property("text") == "Algérie"
    professions = {
        kiosk.session.facets["profession"].data(
            kiosk.session.facets["profession"].index(row), Qt.ItemDataRole.DisplayRole
        ): kiosk.session.facets["profession"].data(
            kiosk.session.facets["profession"].index(row), Qt.ItemDataRole.UserRole + 3
        )
        for row in range(kiosk.session.facets["profession"].rowCount())
    }
    assert professions == {"Auto-entrepreneur": 1, "Cheffe cuisinière": 1}
    names = set()
    for _ in range(session.count):
        names.add(text_on_page(window, "name"))
        session.next()
        settle(kiosk)
    assert names == {"Karim H.", "Samira B."}
    click(window, item(window, "clearButton"))
    assert session.count == 8 and not session.filtered


def test_all_chip_clears_that_facet(make_kiosk):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    click(window, item(window, "professionButton"))
    click(window, item(window, "chip_Plombier"))
    assert session.count == 2
    click(window, item(window, "professionButton"))
    click(window, [c for c in items(window, "chip_all") if c.isVisible()][0])
    assert session.count == 8


def test_a_changed_filter_builds_the_page_on_screen_first_and_those_beside_it_after(make_kiosk):
    """Built together, the pages held the screen's thread for 15 to 20 ms as a filter was
    cleared: the page on screen is built alone, the others a moment later, ready before a
    visitor's next swipe."""
    kiosk = make_kiosk(screen=(1920, 1080))
    session = kiosk.session
    session.choose("origin", "algerie")
    settle(kiosk)
    session.clearFilters()
    assert session.count == 8
    assert set(built_pages(kiosk.window)) == {session.currentIndex}
    pump(300)
    assert len(built_pages(kiosk.window)) == 5
    session.next()
    assert item(current_page(kiosk.window), "photo").property("progress") == 1.0


def test_idle_reset_restores_language_filters_and_autoplay(make_kiosk, qtbot):
    kiosk = make_kiosk(idle_seconds=0.4, still_there_seconds=1)
    window, session = kiosk.window, kiosk.session
    click(window, item(window, "language_en"))
    click(window, item(window, "originButton"))
    click(window, item(window, "chip_Algeria"))
    click(window, item(window, "overviewButton"))
    assert (
        session.language == "en" and session.filtered and not session.autoplay and session.panel == "overview"
    )
    qtbot.waitUntil(lambda: session.autoplay, timeout=4000)
    assert session.language == "fr"
    assert not session.filtered and session.count == 8
    assert session.panel == ""
    assert item(window, "originButton").property("text") == "Origine"


def test_before_the_reset_the_visitor_is_asked_and_one_touch_anywhere_continues(
    make_kiosk, touchscreen, qtbot
):
    kiosk = make_kiosk(idle_seconds=0.3, still_there_seconds=30)
    window, session = kiosk.window, kiosk.session
    click(window, item(window, "language_en"))
    qtbot.waitUntil(lambda: session.stillThere, timeout=3000)
    assert item(window, "stillTherePrompt").isVisible()
    assert item(window, "stillThereTitle").property("text") == "Still there?"
    assert item(window, "continueButton").property("text") == "Continue"
    assert item(window, "stillThereCountdown").property("text") == "Back to the start in 30 s"
    shown = session.currentIndex
    touch_tap(window, touchscreen, centre(item(window, "nextButton")))  # anywhere, even on a control
    assert not session.stillThere and not item(window, "stillTherePrompt").isVisible()
    assert session.currentIndex == shown and session.language == "en"  # it only answered


def test_unanswered_the_prompt_counts_down_then_the_kiosk_resets(make_kiosk, qtbot, caplog):
    caplog.set_level(logging.INFO, logger="kiosk")
    kiosk = make_kiosk(idle_seconds=0.3, still_there_seconds=2)
    window, session = kiosk.window, kiosk.session
    click(window, item(window, "language_en"))
    qtbot.waitUntil(lambda: session.stillThere, timeout=3000)
    qtbot.waitUntil(lambda: session.stillThereCountdown == "Back to the start in 1 s", timeout=2000)
    qtbot.waitUntil(lambda: session.autoplay, timeout=2000)
    assert session.language == "fr" and not session.stillThere
    assert not item(window, "stillTherePrompt").isVisible()
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("idle:")]
    assert said == [
        "idle: asking whether the visitor is still there",
        "idle: back to the default language, filters cleared, autoplay on",
    ]


def test_a_long_testimony_scrolls_with_one_tap_as_well_as_a_drag(make_kiosk, touchscreen):
    kiosk = make_kiosk(screen=(1920, 1080))
    window = kiosk.window
    show_portrait(kiosk, "sokha-chan")  # its testimony runs beyond the screen
    settle(kiosk)
    page = current_page(window)
    scroller = item(page, "testimonyScroller")
    assert item(page, "testimonyButtons").isVisible() and scroller.property("contentY") == 0
    touch_tap(window, touchscreen, centre(item(page, "testimonyButtonsDown")))
    settle(kiosk)
    moved = scroller.property("contentY")
    assert moved > scroller.height() * 0.5  # most of a page on
    touch_tap(window, touchscreen, centre(item(page, "testimonyButtonsUp")))
    settle(kiosk)
    assert scroller.property("contentY") == 0
    show_portrait(kiosk, "amadou-diallo")  # a testimony that fits: no buttons
    settle(kiosk)
    assert not item(current_page(window), "testimonyButtons").isVisible()


def test_language_switch_changes_every_visible_text(make_kiosk):
    kiosk = make_kiosk()
    window = kiosk.window
    show_portrait(kiosk, "samira-benali")
    settle(kiosk)
    assert text_on_page(window, "meta") == "ALGÉRIE  ·  CHEFFE CUISINIÈRE"
    assert text_on_page(window, "quote").startswith("«\u00a0Paris")  # no break after «
    click(window, item(window, "language_en"))
    settle(kiosk)
    assert text_on_page(window, "meta") == "ALGERIA  ·  CHEF"
    assert text_on_page(window, "quote") == "“Paris taught me to take my time.”"
    assert text_on_page(window, "testimony").startswith("When I arrived from Oran")
    assert text_on_page(window, "arrived") == "Came to Paris  ·  1998"
    assert item(window, "professionButton").property("text") == "Profession"
    assert "Portraits of Parisians" in window.title()


def test_overview_opens_a_portrait(make_kiosk):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    click(window, item(window, "overviewButton"))
    settle(kiosk)
    grid = item(window, "overviewGrid")
    target = item(grid, "thumb_Sokha C.")  # in the second row: below the grid's fold
    grid_bottom = grid.mapToScene(QPointF(0, grid.height())).y()
    assert target.mapToScene(QPointF(0, target.height())).y() > grid_bottom
    click(window, item(window, "overviewButtonsDown"))  # a tap, not a drag, brings it up
    settle(kiosk)
    target = item(grid, "thumb_Sokha C.")  # the grid makes its thumbnails anew as it scrolls
    assert target.mapToScene(QPointF(0, target.height())).y() <= grid_bottom + 1
    click(window, target)
    settle(kiosk)
    assert session.panel == ""
    assert text_on_page(window, "name") == "Sokha C."


def test_hostile_text_renders_as_plain_text(make_kiosk, collection):
    hostile = '<img src="http://example.com/x.png"><b>bold</b> &amp; <script>alert(1)</script>'
    collection(
        "a", GOOD_YAML.replace("When I arrived...", f"'{hostile}'").replace("Samira B.", "'<i>Sam</i>'")
    )
    kiosk = make_kiosk(collection.root, languages=Settings().languages)
    kiosk.session.setLanguage("en")
    settle(kiosk)
    page = current_page(kiosk.window)
    assert item(page, "testimony").property("text") == hostile
    name = item(page, "name")
    assert name.property("text") == "<i>Sam</i>"
    # Drawn as ten characters, tags included: rich text would draw only "Sam".
    assert name.property("contentWidth") > 4 * name.property("font").pixelSize()


@pytest.mark.parametrize(("size", "scaled_up"), [((1200, 1500), False), ((160, 200), True)])
def test_the_photo_fills_its_place_whole(make_kiosk, collection, size, scaled_up):
    """Fitted to its place, never cropped: drawn as loaded (the cheap way to draw)
    when the photo is big enough, scaled up when it is smaller than its place."""
    from PIL import Image

    folder = collection("a", GOOD_YAML)
    Image.new("RGB", size, "#a05a3c").save(folder / "photo.jpg", quality=80)
    kiosk = make_kiosk(collection.root)
    page = current_page(kiosk.window)
    photo = item(page, "photo")
    scale = photo.property("scale")
    drawn_width = photo.property("paintedWidth") * scale
    drawn_height = photo.property("paintedHeight") * scale
    assert abs(drawn_height - photo.height()) <= 1  # a tall photo: its height fills the place
    assert drawn_width <= photo.width() + 1
    assert abs(drawn_width / drawn_height - size[0] / size[1]) < 0.01  # not stretched
    assert (scale > 1) == scaled_up


def test_long_testimony_scrolls_with_a_drag(make_kiosk, touchscreen):
    kiosk = make_kiosk()
    window = kiosk.window
    index = show_portrait(kiosk, "sokha-chan")  # the long testimony
    settle(kiosk)
    page = current_page(window)
    scroller = item(page, "testimonyScroller")
    assert scroller.property("contentHeight") > scroller.height()
    start = centre(scroller)
    touch_swipe(window, touchscreen, start, start - QPoint(0, 250))
    settle(kiosk)
    assert scroller.property("contentY") > 50
    assert kiosk.session.currentIndex == index  # a vertical drag is not a swipe


def test_empty_collection_shows_coming_soon(make_kiosk, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    kiosk = make_kiosk(empty)
    assert item(kiosk.window, "emptyView").isVisible()
    assert not item(kiosk.window, "carousel").isVisible()
    image = kiosk.window.grabWindow()
    assert not image.isNull() and image.size() == QSize(1280, 720)


def test_missing_collection_folder_shows_coming_soon_not_an_error(make_kiosk, tmp_path):
    kiosk = make_kiosk(tmp_path / "unplugged")
    assert item(kiosk.window, "emptyView").isVisible()


def test_window_refuses_to_close_in_kiosk_mode(qapp, tmp_path):
    load_fonts()
    kiosk = KioskApp(str(SAMPLES), Settings(), locked=True, screen=SCREEN, cache=PhotoCache(tmp_path))
    kiosk.show(windowed=True, size=QSize(640, 480))
    kiosk.window.close()
    pump(50)
    assert kiosk.window.isVisible()
    kiosk.close()
    pump(50)


def picture_size(url: str) -> tuple[int, int]:
    from PIL import Image
    from PySide6.QtCore import QUrl

    with Image.open(QUrl(url).toLocalFile()) as picture:
        return picture.size


def fills_its_place(picture: tuple[int, int], photo) -> bool:
    """As wide or as tall as the photo's place (to a pixel of rounding), and inside it."""
    width, height = photo.width(), photo.height()
    inside = picture[0] <= width + 1 and picture[1] <= height + 1
    return inside and (abs(picture[0] - width) <= 1 or abs(picture[1] - height) <= 1)


@pytest.mark.parametrize("screen", [(1280, 720), (720, 1280)])
def test_photos_are_prepared_at_the_size_they_are_drawn(make_kiosk, collection, screen):
    """Prepared to the photo's place, not the screen: Qt reads the picture as it is
    (not decoded larger and scaled on every load) and draws it 1:1."""
    from PIL import Image

    folder = collection("a", GOOD_YAML)
    Image.new("RGB", (3000, 2000), "#a05a3c").save(folder / "photo.jpg", quality=80)
    kiosk = make_kiosk(collection.root, screen=screen)
    photo = item(current_page(kiosk.window), "photo")
    prepared = picture_size(photo.property("source").toString())
    assert prepared == (photo.property("implicitWidth"), photo.property("implicitHeight"))
    assert fills_its_place(prepared, photo)
    assert photo.property("scale") == 1


def test_turning_the_screen_prepares_photos_anew_and_never_blanks_the_photo(make_kiosk):
    kiosk = make_kiosk(screen=(1280, 720))
    photo = item(current_page(kiosk.window), "photo")
    sources = [photo.property("source").toString()]
    photo.sourceChanged.connect(lambda: sources.append(photo.property("source").toString()))
    kiosk.window.resize(QSize(720, 1280))
    settle(kiosk)
    assert len(sources) > 1 and all(sources), sources  # a new picture, and no moment without one
    prepared = picture_size(sources[-1])
    assert prepared == (photo.property("implicitWidth"), photo.property("implicitHeight"))
    assert fills_its_place(prepared, photo)


def test_a_photo_the_decoder_leaves_a_little_small_is_drawn_as_it_is(make_kiosk, collection, tmp_path):
    """The JPEG decoder's scale may leave a picture up to 5% under its place: drawn 1:1
    (a scaled photo costs the software renderer 2 ms a frame), not stretched by 5%."""
    from PIL import Image

    box = make_kiosk(tmp_path / "nothing").photos.page.box_for((3, 1))
    folder = collection("a", GOOD_YAML)
    # Twice 97% of the place's width: the decoder's half scale gives 97% of it.
    width = 2 * round(box[0] * 0.97)
    Image.new("RGB", (width, width // 3), "#a05a3c").save(folder / "photo.jpg", quality=80)
    kiosk = make_kiosk(collection.root)
    photo = item(current_page(kiosk.window), "photo")
    assert photo.property("implicitWidth") == width // 2
    assert photo.property("scale") == 1


def test_a_screen_turned_while_the_first_photos_are_prepared_still_shows_every_portrait(qapp, tmp_path):
    """Each photo is prepared for the page's size: portraits still waiting for theirs when
    the page changes wait for pictures of the new size, which are asked for too."""
    shutil.copytree(SAMPLES, tmp_path / "portraits")
    kiosk = KioskApp(
        str(tmp_path / "portraits"),
        QUIET,
        locked=False,
        screen=QSize(1280, 720),
        cache=PhotoCache(tmp_path / "cache"),
    )
    try:
        kiosk.load_collection()
        kiosk.show(windowed=True, size=QSize(1280, 720))
        pump(20)  # the first photos on their way
        kiosk.window.resize(QSize(720, 1280))
        assert settle(kiosk)
        assert kiosk.session.count == len(kiosk.live.portraits()) == 8
    finally:
        kiosk.close()


def test_a_window_dragged_through_many_sizes_prepares_photos_only_at_the_last(make_kiosk, tmp_path):
    kiosk = make_kiosk(screen=(1280, 720))
    first = kiosk.photos.page
    for width in (1000, 900, 800):
        kiosk.window.resize(QSize(width, 720))
        pump(50)
    settle(kiosk)
    last = kiosk.photos.page
    pages = {name.rsplit("-", 1)[1] for name in os.listdir(tmp_path / "cache") if "-photo-" in name}
    assert first != last and pages == {f"{first.key}.jpg", f"{last.key}.jpg"}


def test_a_settled_screen_shows_its_photo_whole_not_mid_fade(make_kiosk, collection):
    collection("a")
    kiosk = make_kiosk(collection.root, transition_ms=900)  # photos fade in, as on a kiosk
    photo = item(current_page(kiosk.window), "photo")
    assert photo.property("progress") == 1.0 and photo.property("opacity") == 1.0  # loaded, faded in


def _layered(target) -> bool:
    return QQmlProperty(target, "layer.enabled").read()


def _ink(picture, target) -> tuple[int, tuple | None]:
    """How many pixels of `target`'s place are text (bright on the dark page), and where."""
    left, top = target.mapToScene(QPointF(0, 0)).toTuple()
    box = (int(left), int(top), int(left + target.width()), int(top + target.height()))
    bright = picture.crop(box).convert("L").point(lambda value: 255 if value > 128 else 0)
    return bright.histogram()[255], bright.getbbox()


def test_at_4k_the_name_and_quote_are_drawn_once_into_a_layer_that_looks_like_them(make_kiosk, tmp_path):
    """Qt's software renderer fills the outline of every glyph over 64 px on every frame:
    at 4K the name and the quote are drawn once into a layer, a moment after their page
    comes to rest beside the current one (not in the swipe's frame), and look the same
    drawn from it: nothing cut, nothing moved by more than a pixel or two."""
    from PIL import Image

    kiosk = make_kiosk(screen=(3840, 2160))
    pump(300)  # at rest: the pages on the path have their layers
    page = current_page(kiosk.window)
    name, quote, testimony = (item(page, part) for part in ("name", "quote", "testimony"))
    assert name.property("font").pixelSize() > 64 and quote.property("font").pixelSize() > 64
    assert testimony.property("font").pixelSize() <= 64  # drawn from Qt's ready glyphs
    assert [_layered(part) for part in (name, quote, testimony)] == [True, True, False]

    kiosk.window.grabWindow().save(str(tmp_path / "layered.png"))
    page.setProperty("largeTextLayered", False)
    pump(50)
    kiosk.window.grabWindow().save(str(tmp_path / "straight.png"))
    assert not _layered(name)
    layered, straight = Image.open(tmp_path / "layered.png"), Image.open(tmp_path / "straight.png")
    for part in (name, quote):
        (ink, box), (ink_straight, box_straight) = _ink(layered, part), _ink(straight, part)
        assert ink > 1000 and ink == pytest.approx(ink_straight, rel=0.05), part.objectName()
        # The layer sits on whole pixels, the straight text wherever its line falls.
        moved = max(abs(a - b) for a, b in zip(box, box_straight, strict=True))
        assert moved <= 2, (part.objectName(), box, box_straight)

    # A swipe: the page arriving beside the new current one waits until the frame is drawn.
    kiosk.session.next()
    arrived = built_pages(kiosk.window)[(kiosk.session.currentIndex + 1) % kiosk.session.count]
    assert not _layered(item(arrived, "name"))
    pump(300)
    assert _layered(item(arrived, "name"))


@pytest.mark.parametrize("screen, beyond_hold", [((3840, 2160), False), ((1920, 1080), True)])
def test_on_a_4k_page_only_the_pages_beside_the_visitor_hold_their_photos(make_kiosk, screen, beyond_hold):
    """Five pages are built (the current one, its neighbours and one more on each side).
    At 4K only the three on the path hold their pictures, two photos fewer in memory
    (about 30 MB); on a 1080p page the other two keep theirs, a lead for swipes back to
    back. Either way the page a swipe brings has its photo loaded."""
    kiosk = make_kiosk(screen=screen)
    session = kiosk.session
    for _ in range(3):
        settle(kiosk)
        near = {(session.currentIndex + step) % session.count for step in (-1, 0, 1)}
        photos = {index: item(page, "photo") for index, page in built_pages(kiosk.window).items()}
        assert len(photos) == 5
        held = {index for index, photo in photos.items() if photo.property("source").toString()}
        assert held == (set(photos) if beyond_hold else near)
        assert all(photos[index].property("progress") == 1.0 for index in held)  # loaded
        session.next()
        assert item(current_page(kiosk.window), "photo").property("progress") == 1.0
