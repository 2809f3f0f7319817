"""A curator at work, in a process of its own: adds, edits, renames and removes folders.

`python -m kiosk.bench.curator ROOT SECONDS` runs until SECONDS have passed (or it is
killed). It only touches the folders it created itself and keeps every file valid,
so the kiosk's log should show changes and no problem.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
from pathlib import Path

from kiosk.bench.synthetic import yaml_text

PAUSE_S = (0.5, 2.5)
MOST_FOLDERS = 12


def work(root: Path, seconds: float, seed: int = 7) -> int:
    """Returns the number of changes made."""
    chance = random.Random(seed)
    photos = sorted(root.glob("*/photo.jpg"))[:4]
    if not photos:
        return 0
    deadline = time.monotonic() + seconds
    mine: list[Path] = []
    changes = 0
    while time.monotonic() < deadline:
        time.sleep(chance.uniform(*PAUSE_S))
        action = chance.choice(["add", "add", "edit", "photo", "rename", "remove"])
        if action == "add" or not mine:
            if len(mine) < MOST_FOLDERS:
                mine.append(_add(root, chance, photos))
        elif action == "edit":
            _edit(chance.choice(mine), chance)
        elif action == "photo":
            _copy_slowly(chance.choice(photos), chance.choice(mine) / "photo.jpg")
        elif action == "rename":
            folder = mine.pop(chance.randrange(len(mine)))
            mine.append(folder.rename(root / f"zz-curator-{chance.randrange(10**6):06d}"))
        else:
            shutil.rmtree(mine.pop(chance.randrange(len(mine))), ignore_errors=True)
        changes += 1
    return changes


def _add(root: Path, chance: random.Random, photos: list[Path]) -> Path:
    folder = root / f"zz-curator-{chance.randrange(10**6):06d}"
    folder.mkdir(exist_ok=True)
    (folder / "portrait.yaml").write_text(yaml_text(chance.randrange(10**4)), encoding="utf-8")
    _copy_slowly(chance.choice(photos), folder / "photo.jpg")
    return folder


def _edit(folder: Path, chance: random.Random) -> None:
    (folder / "portrait.yaml").write_text(yaml_text(chance.randrange(10**4)), encoding="utf-8")


def _copy_slowly(source: Path, target: Path) -> None:
    """In pieces under the final name, as a copy over the network arrives."""
    data = source.read_bytes()
    with open(target, "wb") as handle:
        for start in range(0, len(data), 256 * 1024):
            handle.write(data[start : start + 256 * 1024])
            handle.flush()
            time.sleep(0.05)


if __name__ == "__main__":
    print(work(Path(sys.argv[1]), float(sys.argv[2])))
