"""New portrait folders from the desk: a zip of folders, a folder dropped on the page, or
the add form. Everything is written into a staging folder inside the collection (a
dot-folder, which the kiosk never reads), checked with the content layer's rules, then
moved into the collection in one rename: the kiosk never sees half a portrait.

Refused, with the reason: entries that leave their folder (`..`, absolute paths, drive
letters), links, device files, more than MAX_ENTRIES entries, more than MAX_BYTES in all
(counted as written, not as the zip claims), a compression ratio beyond MAX_RATIO (a
bomb), a single file beyond MAX_FILE_BYTES.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from kiosk.content import files
from kiosk.content.photos import MAX_FILE_BYTES
from kiosk.content.portraits import YAML_NAME

INCOMING = ".desk-incoming"
MAX_BYTES = 400 * 1024**2
MAX_ENTRIES = 500
MAX_RATIO = 200
CHUNK = 1024 * 1024
_JUNK = {"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}
NAME_LIMIT = 100


class Refused(Exception):
    """What cannot be taken; `reason` is a key of kiosk.desk.notices.NOTICES, `detail` names
    the entry or the folder."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


@dataclass
class Staging:
    """A folder of the collection's, hidden from the kiosk, that new folders are built in."""

    path: Path
    written: int = 0
    entries: int = 0
    folders: list[str] = field(default_factory=list)

    @classmethod
    def under(cls, root: str) -> Staging:
        path = Path(root) / INCOMING / secrets.token_hex(8)
        path.mkdir(parents=True)
        return cls(path)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    @staticmethod
    def clear_leftovers(root: str) -> None:
        """What a desk stopped mid-upload left behind: never a curator's folder."""
        shutil.rmtree(Path(root) / INCOMING, ignore_errors=True)

    def add_file(self, relative: str, source: IO[bytes], limit: int = MAX_FILE_BYTES) -> None:
        """Copy one file in under `relative` (a folder/name path), counted against the caps."""
        parts = safe_parts(relative)
        if parts is None:
            return  # a system's own leftovers (__MACOSX, .DS_Store)
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise Refused("too-many-files", str(MAX_ENTRIES))
        target = self.path.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        size = 0
        if target.exists():
            raise Refused("bad-name", relative)  # twice in one upload
        with open(target, "xb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                self.written += len(chunk)
                if size > limit or self.written > MAX_BYTES:
                    raise Refused("too-large", relative)
                out.write(chunk)
        if parts[0] not in self.folders:
            self.folders.append(parts[0])


def safe_parts(relative: str) -> list[str] | None:
    """A path from a zip or a dropped folder, as folder and file names inside the staging
    folder; None for junk to skip; raises Refused for one that would leave it."""
    text = relative.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise Refused("outside", relative)
    parts = [part for part in PurePosixPath(text).parts if part not in ("", ".")]
    if any(part == ".." for part in parts):
        raise Refused("outside", relative)
    if not parts or any(part in _JUNK or part.startswith("._") for part in parts):
        return None
    if any(not files.is_valid_name(part) or len(part.encode("utf-8")) > 255 for part in parts):
        raise Refused("bad-name", relative)
    return parts


def unpack_zip(staging: Staging, archive: IO[bytes], fallback_folder: str) -> None:
    """Every file of the zip into the staging folder, as portrait folders: a zip whose
    files are at its top (a portrait.yaml, a photo) is one portrait, named
    `fallback_folder`; a zip of one folder of portrait folders (what "compress" makes of a
    folder) is those folders."""
    try:
        with zipfile.ZipFile(archive) as opened:
            members = [member for member in opened.infolist() if not member.is_dir()]
            for member in members:
                _check_member(member)
            paths = [member.filename.replace("\\", "/").rstrip("/") for member in members]
            wanted = [path for path in paths if safe_parts(path) is not None]
            flat = any("/" not in path for path in wanted)
            tops = {path.split("/")[0] for path in wanted}
            wrapped = not flat and len(tops) == 1 and all(path.count("/") >= 2 for path in wanted)
            for member, path in zip(members, paths, strict=True):
                name = f"{fallback_folder}/{path}" if flat else path.split("/", 1)[1] if wrapped else path
                with opened.open(member) as source:
                    staging.add_file(name, source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, RuntimeError):
        raise Refused("bad-zip", fallback_folder) from None


def _check_member(member: zipfile.ZipInfo) -> None:
    kind = stat.S_IFMT(member.external_attr >> 16)
    if kind and kind != stat.S_IFREG:
        raise Refused("not-a-file", member.filename)  # a link, a device, a pipe
    if member.file_size > MAX_FILE_BYTES:
        raise Refused("too-large", member.filename)
    if member.file_size > MAX_RATIO * max(1, member.compress_size) and member.file_size > CHUNK:
        raise Refused("bomb", member.filename)


def folder_name_for(name: str) -> str:
    """A folder name from a person's name: 'Lucía R.' -> 'lucia-r'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return "-".join(words)[:NAME_LIMIT] or "portrait"


def valid_folder_name(name: str) -> bool:
    return (
        0 < len(name) <= NAME_LIMIT
        and name == name.strip()
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and files.is_valid_name(name)
        and name.isprintable()
    )


def portrait_yaml(fields: dict[str, str | dict[str, str]]) -> str:
    """A portrait.yaml for the add form's fields: each text double-quoted (JSON strings are
    YAML's double-quoted scalars, whatever they hold), one per language where given."""
    lines = ["# Made with the curators' desk. / Créé avec le bureau des commissaires.", ""]
    for key, value in fields.items():
        if isinstance(value, dict):
            given = {code: text for code, text in value.items() if text.strip()}
            if not given:
                continue
            lines.append(f"{key}:")
            lines.extend(f"  {code}: {_quoted(text)}" for code, text in given.items())
        elif value.strip():
            lines.append(f"{key}: {_quoted(value)}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text.replace("\r\n", "\n").strip(), ensure_ascii=False)


def write_yaml(staging: Staging, folder: str, text: str) -> None:
    target = staging.path / folder / YAML_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if folder not in staging.folders:
        staging.folders.append(folder)


def move_in(staging: Staging, folder: str, root: str) -> None:
    """One rename into the collection; never over a folder already there."""
    target = os.path.join(root, folder)
    if os.path.lexists(target):
        raise Refused("taken", folder)
    os.rename(staging.path / folder, target)
