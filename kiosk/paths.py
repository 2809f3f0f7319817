"""Where the kiosk finds things that ship with it."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def package_dir() -> Path:
    return Path(str(resources.files("kiosk")))


def sample_portraits() -> Path:
    """The bundled samples: inside the package when installed, beside it in a checkout."""
    installed = package_dir() / "samples"
    if installed.is_dir():
        return installed
    return package_dir().parent / "portraits"


def default_collection() -> Path:
    """./portraits when there is one, else the samples (so a fresh install shows something)."""
    here = Path(os.getcwd()) / "portraits"
    return here if here.is_dir() else sample_portraits()


def assets_dir() -> Path:
    """Fonts and icons: inside the package when installed, beside it in a checkout."""
    installed = package_dir() / "assets"
    if installed.is_dir():
        return installed
    return package_dir().parent / "assets"


def qml_dir() -> Path:
    return package_dir() / "qml"
