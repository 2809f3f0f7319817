"""The start-up scan's readings, kept on disk so that a restart reads only what changed.

A kiosk restarts after a power cut or a nightly reboot, and its first scan read
every portrait.yaml again: 350 ms for 1000 portraits here, 1.4 s for 4000, all
of it before the first portrait is drawn. Now the readings of the last start-up
are saved, and a folder's reading is reused only when its stamp (the names,
sizes, times and inodes of its files; see folder_stamp) is the same as when it
was read: the test the live looks already trust. The rest is read again.

The file is the kiosk's own, in its cache folder. Anything wrong with it
(missing, truncated, written for another collection, other languages or another
version of the content code) means every folder is read, never an error; a
technician may delete it at any time. JSON rather than pickle: loading it runs
no code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from kiosk.content.collection import Collection
from kiosk.content.portraits import FolderReading, Portrait
from kiosk.content.problems import Problem, Severity
from kiosk.content.text import Languages, LocalText
from kiosk.content.voices import Voice

FORMAT = 1
_LOCAL_TEXTS = {"profession", "origin", "testimony", "quote", "arrived", "link"}
_PAIRS = {"photo_size", "photo_stamp", "home_coordinates"}


def file_for(cache_folder: str | os.PathLike, root: str) -> Path:
    """Where the readings of the collection at `root` are kept."""
    key = hashlib.sha1(os.path.abspath(root).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(cache_folder) / f"readings-{key}.json"


def load(path: Path, root: str, languages: Languages) -> Collection | None:
    """The saved readings as a Collection to pass to scan() as `previous`, or None."""
    try:
        with open(path, encoding="ascii") as handle:
            saved = json.load(handle)
        if saved.get("key") != _key(root, languages):
            return None
        readings = tuple(_reading(item) for item in saved["readings"])
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return Collection(root, languages, readings)


def save(path: Path, collection: Collection) -> None:
    """Write the readings (write, then rename: a half-written file is never read)."""
    data = {
        "key": _key(collection.root, collection.languages),
        "readings": [_plain_reading(reading) for reading in collection.readings],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        # ASCII: names that were not valid UTF-8 on disk hold lone surrogates, which
        # only JSON's escapes carry through.
        with os.fdopen(handle, "w", encoding="ascii") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _key(root: str, languages: Languages) -> list:
    return [FORMAT, _code_version(), root, list(languages.offered)]


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of the content code: readings made by other code are not reused."""
    digest = hashlib.sha1()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _plain_reading(reading: FolderReading) -> list:
    portrait = reading.portrait
    return [
        reading.id,
        None if portrait is None else {f.name: _plain(getattr(portrait, f.name)) for f in fields(Portrait)},
        [[p.folder, p.file, p.field, p.line, p.severity.value, p.message] for p in reading.problems],
        reading.stamp,
        reading.published,
    ]


def _plain(value):
    if isinstance(value, LocalText):
        return [list(pair) for pair in value.by_language]
    if isinstance(value, tuple) and value and isinstance(value[0], Voice):
        return [voice.as_plain() for voice in value]
    return value


def _reading(item: list) -> FolderReading:
    folder_id, portrait, problems, stamp, published = item
    return FolderReading(
        folder_id,
        None if portrait is None else Portrait(**{name: _value(name, v) for name, v in portrait.items()}),
        tuple(
            Problem(f, file, field, line, Severity(kind), text)
            for f, file, field, line, kind, text in problems
        ),
        tuple(tuple(entry) for entry in stamp),
        published,
    )


def _value(name: str, value):
    if value is None:
        return None
    if name in _LOCAL_TEXTS:
        return LocalText(tuple((code, text) for code, text in value))
    if name in _PAIRS:
        return tuple(value)
    if name == "voices":
        return tuple(Voice.from_plain(voice) for voice in value)
    return value
