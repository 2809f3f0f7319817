"""What each kiosk says of its health: `STATUS_DIR/<kiosk name>.json`, written whole (under
another name, then renamed) at start, every 30 s and when it stops; Syncthing carries the
folder back to the curators, where `kiosk fleet` reads every kiosk's.

The file is the kiosks' only report: it must be read on any other machine, by a script,
however old or odd it is. Its times are in UTC, ISO 8601 (`written_at`), never the file's
own time, which Syncthing may change.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from kiosk.content.portraits import Portrait

STATUS_FORMAT = 1
WRITE_EVERY_S = 30
MAX_STATUS_BYTES = 512 * 1024  # a kiosk with a thousand broken folders says the first ones
MAX_BROKEN_LISTED = 50
_UNSAFE = re.compile(r"[^\w.-]+")


def revision_of(stamps: Iterable[tuple[str, object]]) -> str:
    """A digest of the folders a kiosk shows and their stamps: two kiosks that show the
    same versions of the same folders give the same revision, in any order."""
    digest = hashlib.sha256()
    for folder, stamp in sorted(stamps, key=lambda item: item[0]):
        digest.update(
            json.dumps([folder, stamp], ensure_ascii=False, default=str).encode("utf-8", "surrogateescape")
        )
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def portable_stamp(portrait: Portrait) -> list:
    """What a portrait shows, as it would be read on any machine: its texts, and its files'
    names, sizes and modification times (which Syncthing keeps), not their inodes, change
    times or where the collection folder is."""
    return [
        portrait.name,
        *(
            text.by_language if text else None
            for text in (portrait.profession, portrait.origin, portrait.testimony)
        ),
        *(text.by_language if text else None for text in (portrait.quote, portrait.arrived, portrait.link)),
        os.path.basename(portrait.photo),
        list(portrait.photo_stamp[:2]),
        portrait.photo_credit,
        portrait.home,
        portrait.home_coordinates,
        [
            [v.spoken, v.file, *v.stamp[:2], [[c.language, c.file, *c.stamp[:2]] for c in v.captions]]
            for v in portrait.voices
        ],
    ]


def status_file_name(kiosk_name: str) -> str:
    """`<kiosk name>.json`, the name made safe for any file system."""
    safe = _UNSAFE.sub("-", kiosk_name).strip(".-") or "kiosk"
    return safe[:100] + ".json"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_iso(text: object) -> datetime | None:
    """A written_at as a time in UTC, or None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


def write_status(folder: Path, status: dict) -> Path:
    """Write one kiosk's status, whole: a reader sees the old file or the new one."""
    path = folder / status_file_name(str(status["name"]))
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{path.name}.{os.getpid()}.part"  # a dot-file: Syncthing and `fleet` skip it
    data = json.dumps({"format": STATUS_FORMAT, **status}, ensure_ascii=False, indent=1)
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path


def read_status(path: Path) -> dict | None:
    """A kiosk's status, or None when the file is not one (malformed, foreign, too big)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_STATUS_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_STATUS_BYTES:
        return None
    try:
        status = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(status, dict) or not isinstance(status.get("name"), str):
        return None
    if parse_iso(status.get("written_at")) is None or not isinstance(status.get("revision"), str):
        return None
    return status
