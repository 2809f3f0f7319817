"""Where the kiosk finds things that ship with it."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def package_dir() -> Path:
    return Path(str(resources.files("kiosk")))


def _shipped(in_package: str, in_checkout: str) -> Path:
    """A folder that the wheel puts inside the package and a checkout keeps beside it."""
    installed = package_dir() / in_package
    return installed if installed.is_dir() else package_dir().parent / in_checkout


def sample_portraits() -> Path:
    return _shipped("samples", "portraits")


def assets_dir() -> Path:
    """Fonts and icons."""
    return _shipped("assets", "assets")


def qml_dir() -> Path:
    return package_dir() / "qml"


def default_collection() -> Path:
    """./portraits when there is one, else the samples (so a fresh install shows something)."""
    here = Path(os.getcwd()) / "portraits"
    return here if here.is_dir() else sample_portraits()


def user_cache_folder() -> Path:
    """The kiosk's folder in the user's cache folder (XDG): ~/.cache/portrait-kiosk."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "portrait-kiosk"
