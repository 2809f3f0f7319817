"""Layout numbers that the Python side and the QML side both need, in one place.

QML reads them through kiosk.qt.contract.Layout (Theme.qml takes its background from
there); the content layer and the photo preparers read them here. Sizes QML alone
uses (margins, font sizes) stay in Theme.qml.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kiosk's background: the screen's, and what transparent photos are flattened onto.
BACKGROUND_RGB = (21, 17, 14)
BACKGROUND = "#15110e"
# The accent: the screen's highlights, and the captions of `kiosk snapshot`'s contact sheet.
ACCENT = "#f2a945"

# The overview's thumbnails are prepared at this size and drawn within it.
THUMB_BOX = (480, 480)
# Tiny: the screen scales it up over the photo's place, which is the blur.
BACKDROP_BOX = (40, 40)

# The JPEG decoder's scale may leave a picture up to 5% under its place (this is what
# keeps preparation fast); such a picture is drawn as it is, not stretched on every
# frame. Only a picture smaller than UPSCALE_BEYOND times its place is scaled up.
DRAFT_SLACK = 0.95
UPSCALE_BEYOND = 1.06

# A large page: larger than 2560x1440, as on a 4K screen. Its photos are kept uncompressed
# (kiosk.content.photocache). And of the five pages the carousel builds, only the current
# one and its neighbours hold their pictures there (PortraitPage.qml): the other two
# photos would be 26 to 36 MB more at 4K. On smaller pages they are a few MB, and the lead
# keeps back-to-back swipes fast (kiosk bench at 1080p: swipe_burst_ms p50 10 ms with
# it, 13 without).
LARGE_PAGE_ABOVE_PIXELS = 2560 * 1440


def is_large_page(width: float, height: float) -> bool:
    """Whether a page of this size, in the pixels it is drawn in, is a large one."""
    return width * height > LARGE_PAGE_ABOVE_PIXELS


# The staff PIN: how many digits it may have (kiosk.pin checks, the PIN pad stops there).
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12


# A portrait page: where the photo goes and where the words go, from the page's size,
# the screen's unit (a hundredth of its height, see Main.qml) and the photo's shape. The
# photo is never cropped nor stretched: it is fitted inside its place, PHOTO_MARGIN units
# from the place's edges, on a soft backdrop of itself that fills the place.
PHOTO_MARGIN = 1.2
# A page wider than tall puts the photo beside the words: the photo's column is never
# narrower than PHOTO_COLUMN_MIN of the page (a portrait-shaped photo sits in its backdrop,
# and the words keep lines of 60 to 70 characters), the words' never narrower than
# WORDS_COLUMN_MIN (a landscape photo takes the rest).
PHOTO_COLUMN_MIN = 0.46
WORDS_COLUMN_MIN = 0.36
# A page taller than wide puts the photo above the words: the photo takes the upper part
# as far as its shape asks, leaving the words at least WORDS_PANEL_MIN units of height
# (the name, a few lines, the page's controls; the rest scrolls).
WORDS_PANEL_MIN = 27


@dataclass(frozen=True)
class Place:
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class PagePlan:
    """Where one portrait's photo and words go on its page, in whole pixels."""

    beside: bool  # the photo beside the words (left), else above them
    photo: Place  # the photo's place: its backdrop fills it, the photo is fitted inside
    words: Place
    box: tuple[int, int]  # the largest the photo is drawn: its picture is prepared to fit it


@dataclass(frozen=True)
class Page:
    """A portrait page's size and the screen's unit, in the pixels the photo is drawn in."""

    width: int
    height: int
    unit: float

    @property
    def key(self) -> str:
        """The page in a prepared picture's file name: a picture made for one page is not
        used on another."""
        return f"{self.width}x{self.height}u{round(self.unit * 100)}"

    def plan(self, aspect: float) -> PagePlan:
        """The page's plan for a photo `aspect` (width / height) wide."""
        aspect = min(max(aspect, 0.1), 10.0) if aspect > 0 else 0.75
        if self.width >= self.height:
            return self._beside(aspect)
        return self._above(aspect)

    def box_for(self, size: tuple[int, int]) -> tuple[int, int]:
        """The box a photo of `size` (upright) is prepared to fit on this page."""
        return self.plan(size[0] / max(1, size[1])).box

    def _beside(self, aspect: float) -> PagePlan:
        margin = self.unit * PHOTO_MARGIN
        height = self.height - 2 * margin
        natural = height * aspect + 2 * margin
        widest = self.width * (1 - WORDS_COLUMN_MIN)
        column = round(min(widest, max(natural, self.width * PHOTO_COLUMN_MIN)))
        photo = Place(0, 0, column, self.height)
        words = Place(column, 0, self.width - column, self.height)
        return PagePlan(True, photo, words, _inner_box(photo, margin))

    def _above(self, aspect: float) -> PagePlan:
        margin = self.unit * PHOTO_MARGIN
        width = self.width - 2 * margin
        natural = width / aspect + 2 * margin
        highest = self.height - self.unit * WORDS_PANEL_MIN
        row = round(max(margin * 2 + 1, min(natural, highest)))
        photo = Place(0, 0, self.width, row)
        words = Place(0, row, self.width, self.height - row)
        return PagePlan(False, photo, words, _inner_box(photo, margin))


def _inner_box(place: Place, margin: float) -> tuple[int, int]:
    return max(1, round(place.width - 2 * margin)), max(1, round(place.height - 2 * margin))


# The photo full screen (a tap on it): as large as the screen allows, PHOTO_MARGIN units
# from its edges; the name and the credit beside it when the photo leaves a band at least
# CLOSE_UP_SIDE units wide, else beneath it: in one line CLOSE_UP_STRIP units high on a
# wide screen, in three lines on a tall one.
CLOSE_UP_SIDE = 34
CLOSE_UP_STRIP = 7
CLOSE_UP_STRIP_TALL = 12


@dataclass(frozen=True)
class CloseUpPlan:
    photo: Place  # the photo is fitted inside
    caption: Place
    beside: bool  # the caption in the band beside the photo, else in the strip beneath
    stacked: bool  # the caption's name, credit and hint one above the other, else in a row


def close_up_plan(width: int, height: int, unit: float, aspect: float) -> CloseUpPlan:
    aspect = min(max(aspect, 0.1), 10.0) if aspect > 0 else 0.75
    margin = round(unit * PHOTO_MARGIN)
    inset = round(unit * 4)  # the caption from the screen's edges, as a page's words
    room_w, room_h = width - 2 * margin, height - 2 * margin
    band = (width - min(room_w, room_h * aspect)) / 2
    if band - inset - margin >= unit * CLOSE_UP_SIDE:
        caption = Place(inset, inset, round(band - inset - 2 * margin), height - 2 * inset)
        return CloseUpPlan(Place(margin, margin, room_w, room_h), caption, True, True)
    tall = height > width
    strip = round(unit * (CLOSE_UP_STRIP_TALL if tall else CLOSE_UP_STRIP))
    caption = Place(inset, height - margin - strip, width - 2 * inset, strip)
    return CloseUpPlan(Place(margin, margin, room_w, room_h - strip), caption, False, tall)
