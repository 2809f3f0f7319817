"""Rendering: the picture of a photo the screen draws, made from the curator's file.

A photo fitted to its box (upright, sRGB, with transparency flattened onto the
kiosk's background), a thumbnail, or the small darkened backdrop that the screen
blurs by scaling it up. Where the result is kept is kiosk.content.photocache's
business; this module only makes pictures.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageEnhance, ImageFilter

from kiosk.content.photocache import PhotoCache, Request
from kiosk.content.photos import prepare_photo
from kiosk.layout import BACKGROUND_RGB


def prepare(cache: PhotoCache, request: Request) -> Path:
    """The picture for `request` in `cache`, rendered unless it is already there;
    raises PhotoError or OSError."""
    return cache.locate(request) or cache.store(request, render(request))


def render(request: Request) -> Image.Image:
    picture = _opaque(prepare_photo(request.source, request.box_for))
    if request.kind == "backdrop":
        soft = picture.filter(ImageFilter.GaussianBlur(1.2))
        return ImageEnhance.Brightness(soft).enhance(0.55)
    return picture


def _opaque(picture: Image.Image) -> Image.Image:
    if picture.mode == "RGB":
        return picture  # convert() would copy it whole
    if picture.mode != "RGBA":
        return picture.convert("RGB")
    ground = Image.new("RGB", picture.size, BACKGROUND_RGB)
    ground.paste(picture, mask=picture.getchannel("A"))
    return ground
