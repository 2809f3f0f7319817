"""Layout numbers that the Python side and the QML side both need, in one place.

QML reads them through kiosk.qt.contract.Layout (Theme.qml takes its background from
there); the content layer and the photo preparers read them here. Sizes QML alone
uses (margins, font sizes) stay in Theme.qml.
"""

from __future__ import annotations

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

# The staff PIN: how many digits it may have (kiosk.pin checks, the PIN pad stops there).
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12
