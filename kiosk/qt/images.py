"""PortraitImageProvider: photos, thumbnails and backdrops for QML, decoded off the GUI thread.

This is the one seam between QML and photo decoding: QML asks for
`image://portraits/<kind>/<token>`, where the token names one version of one
photo file, so a replaced photo gets a new URL and Qt's URL-keyed cache never
serves the old picture.
"""

from __future__ import annotations

import hashlib
import logging
import threading

from PIL import Image, ImageEnhance, ImageFilter
from PySide6.QtCore import QRunnable, QSize, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickAsyncImageProvider, QQuickImageResponse, QQuickTextureFactory

from kiosk.content.photos import PhotoError, prepare_photo
from kiosk.content.portraits import Portrait

log = logging.getLogger(__name__)

PROVIDER_ID = "portraits"
KINDS = ("photo", "thumb", "backdrop")
THUMB_BOX = (480, 480)
BACKDROP_BOX = (40, 40)  # tiny: scaled up on screen, it is the blur
DEFAULT_PHOTO_BOX = (1920, 1920)


def photo_token(portrait: Portrait) -> str:
    key = f"{portrait.photo}|{portrait.photo_stamp[0]}|{portrait.photo_stamp[1]}"
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def image_url(kind: str, token: str) -> str:
    return f"image://{PROVIDER_ID}/{kind}/{token}"


def render(kind: str, path: str, requested: QSize) -> Image.Image:
    """The picture for one request, as Pillow prepares it."""
    if kind == "thumb":
        return prepare_photo(path, THUMB_BOX)
    if kind == "backdrop":
        small = prepare_photo(path, BACKDROP_BOX).convert("RGB")
        soft = small.filter(ImageFilter.GaussianBlur(1.2))
        return ImageEnhance.Brightness(soft).enhance(0.55)
    box = (requested.width(), requested.height()) if requested.isValid() and not requested.isEmpty() else None
    return prepare_photo(path, box or DEFAULT_PHOTO_BOX)


def to_qimage(picture: Image.Image) -> QImage:
    """A QImage that owns its pixels (Pillow's buffer is gone when this returns)."""
    if picture.mode != "RGBA":
        picture = picture.convert("RGB")
    channels, fmt = (
        (4, QImage.Format.Format_RGBA8888) if picture.mode == "RGBA" else (3, QImage.Format.Format_RGB888)
    )
    data = picture.tobytes()
    return QImage(data, picture.width, picture.height, picture.width * channels, fmt).copy()


class _Response(QQuickImageResponse):
    def __init__(self) -> None:
        super().__init__()
        self.image = QImage()
        self.error = ""
        self.cancelled = threading.Event()

    def textureFactory(self) -> QQuickTextureFactory:  # noqa: N802 - Qt override
        return QQuickTextureFactory.textureFactoryForImage(self.image)

    def errorString(self) -> str:  # noqa: N802 - Qt override
        return self.error

    def cancel(self) -> None:
        self.cancelled.set()


class _Job(QRunnable):
    def __init__(self, response: _Response, kind: str, path: str | None, requested: QSize, done) -> None:
        super().__init__()
        self.response, self.kind, self.path, self.requested = response, kind, path, QSize(requested)
        self.done = done

    def run(self) -> None:
        response = self.response
        if self.path is None:
            response.image = _blank()  # an unknown URL: a stale one after a rescan
        elif not response.cancelled.is_set():
            try:
                response.image = to_qimage(render(self.kind, self.path, self.requested))
            except (PhotoError, OSError) as exc:
                # The photo changed or broke since the scan: the backdrop stays, nothing crashes.
                response.image = _blank()
                log.warning("photo %s could not be prepared: %s", self.path, getattr(exc, "message", exc))
        self.done()
        response.finished.emit()


def _blank() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB888)
    image.fill(0)
    return image


class PortraitImageProvider(QQuickAsyncImageProvider):
    def __init__(self) -> None:
        super().__init__()
        self._paths: dict[str, str] = {}
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(2)
        self._pending = 0
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        """Requests not answered yet (snapshots and tests wait for none)."""
        with self._lock:
            return self._pending

    def _count(self, delta: int) -> None:
        with self._lock:
            self._pending += delta

    def register(self, portrait: Portrait) -> str:
        """The token under which QML can ask for this portrait's pictures."""
        token = photo_token(portrait)
        self._paths[token] = portrait.photo
        return token

    def requestImageResponse(self, image_id: str, requested: QSize) -> QQuickImageResponse:  # noqa: N802
        kind, _, token = image_id.partition("/")
        response = _Response()
        path = self._paths.get(token) if kind in KINDS else None
        self._count(+1)
        self._pool.start(_Job(response, kind, path, requested, lambda: self._count(-1)))
        return response

    def wait_idle(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)
