"""Reading one portrait folder: portrait.yaml and its photo.

A folder gives a FolderReading: the portrait when it can be shown, and every
problem found, each naming the folder, the file and what to do.
"""

from __future__ import annotations

import codecs
import os
import re
import stat as stat_mode
from dataclasses import dataclass

from kiosk.catalogue import N_
from kiosk.content import files
from kiosk.content.fields import read_fields, read_published
from kiosk.content.photos import foreign_format, inspect_photo, is_photo_name
from kiosk.content.problems import ContentError, Problem, ProblemList
from kiosk.content.strict_yaml import Mapping, parse
from kiosk.content.text import Languages, LocalText
from kiosk.content.voices import Voice, find_voices

YAML_NAME = "portrait.yaml"
MAX_YAML_BYTES = 256 * 1024
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
SMALL_PHOTO_PIXELS = 1000  # on the long side; smaller looks soft on an HD screen


@dataclass(frozen=True)
class Portrait:
    id: str
    folder: str
    name: str
    profession: LocalText
    origin: LocalText
    testimony: LocalText
    quote: LocalText | None
    arrived: LocalText | None
    photo: str
    photo_size: tuple[int, int] | None  # as shown; None when the scan did not open it
    # Size, modification time, inode and change time: a replaced photo is a new photo,
    # even one of the same size copied with its time kept (`cp -p`, rsync -t).
    photo_stamp: tuple[int, int, int, int]
    photo_credit: str | None
    published: bool
    voices: tuple[Voice, ...] = ()  # by spoken language; what they hold is read later
    link: LocalText | None = None  # https:// only (kiosk.content.links)
    home: str | None = None  # as written: found in the gazetteer later (kiosk.content.homes)
    home_coordinates: tuple[float, float] | None = None  # the curator's, for a place it lacks


@dataclass(frozen=True)
class FolderReading:
    id: str
    portrait: Portrait | None
    problems: tuple[Problem, ...]
    stamp: tuple = ()  # what the folder looked like when read
    published: bool = True

    @property
    def is_broken(self) -> bool:
        """Meant for visitors but cannot be shown."""
        return self.portrait is None and self.published

    @property
    def is_draft(self) -> bool:
        """Kept off screen by 'published: false', complete or not."""
        return not self.published


def read_portrait_folder(
    root: str, folder_id: str, languages: Languages, *, full_decode: bool = True
) -> FolderReading:
    """Read and validate `root/folder_id`; never raises for bad content.

    `full_decode=False` does not open the photo: preparation checks its pixels."""
    folder = os.path.join(root, folder_id)
    problems = ProblemList(folder_id)
    try:
        stamp = _listed_stamp(folder)
        portrait, published = _read(folder, folder_id, languages, problems, full_decode, stamp)
    except OSError as exc:
        # Permissions, a share that dropped mid-read: the folder is reported, never fatal,
        # and only that (what it holds is unknown, so nothing else can be said of it).
        problems.items.clear()
        problems.error(
            N_(
                "the folder cannot be read ({reason}): check its permissions "
                "(the kiosk must be allowed to open it and list what it holds)"
            ).format(reason=exc.strerror or exc)
        )
        portrait, published, stamp = None, True, ()
    items = problems.items
    if not published:
        # A draft is work in progress: its problems must not fail a check.
        items = [problem.downgraded() for problem in items]
    return FolderReading(folder_id, portrait, tuple(items), stamp, published)


def folder_stamp(folder: str) -> tuple:
    """Names, sizes and times of a folder's files: equal stamps mean nothing changed.
    Empty when the folder cannot be listed."""
    try:
        return _listed_stamp(folder)
    except OSError:
        return ()


def _listed_stamp(folder: str) -> tuple:
    with os.scandir(folder) as entries:
        return tuple(sorted(_entry_stamp(entry) for entry in entries))


def _entry_stamp(entry: os.DirEntry) -> tuple:
    info = entry.stat(follow_symlinks=False)
    return entry.name, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def _read(
    folder: str, folder_id: str, languages: Languages, problems: ProblemList, full_decode: bool, stamp: tuple
):
    """(the portrait or None, whether it is published).

    `stamp` is the folder's listing, taken once: the photo is found and dated from it."""
    if not files.is_valid_name(folder_id):
        problems.error(N_("the folder's name is not valid text (UTF-8): rename the folder"))
        return None, True
    document = _read_document(folder, problems)
    yaml_problems = ProblemList(folder_id, YAML_NAME)
    values = read_fields(document, languages, yaml_problems) if document else {}
    published = read_published(values.get("published"), yaml_problems)
    problems.items.extend(yaml_problems.items)
    photo = _find_photo(folder, values.get("photo"), problems, full_decode, stamp)
    voices = find_voices(stamp, problems)
    if problems.has_errors or photo is None:
        return None, published
    path, info, stamp = photo
    portrait = Portrait(
        id=folder_id,
        folder=folder,
        name=values["name"],
        profession=values["profession"],
        origin=values["origin"],
        testimony=values["testimony"],
        quote=values.get("quote"),
        arrived=values.get("arrived"),
        photo=path,
        photo_size=(info.width, info.height) if info else None,
        photo_stamp=stamp,
        photo_credit=values.get("photo_credit"),
        published=published,
        voices=voices,
        link=values.get("link"),
        home=values.get("home"),
        home_coordinates=values.get("home_coordinates"),
    )
    return portrait, published


def _read_document(folder: str, problems: ProblemList) -> Mapping | None:
    """The parsed portrait.yaml, or None with its problem reported."""
    try:
        text, removed = _without_controls(_read_text(folder))
        if removed:
            problems.warning(
                N_(
                    "the file holds {count} invisible control character(s), which were removed: "
                    "retype the text around them if something looks wrong"
                ).format(count=removed),
                file=YAML_NAME,
            )
        document = parse(text)
    except ContentError as exc:
        problems.error(exc.message, file=YAML_NAME, line=exc.line)
        return None
    except OSError as exc:
        problems.error(
            N_("the file cannot be read ({reason}): check its permissions").format(reason=exc.strerror),
            file=YAML_NAME,
        )
        return None
    if document is None:
        problems.error(
            N_("the file is empty: fill it in (see the template from 'kiosk new')"), file=YAML_NAME
        )
    elif not isinstance(document, Mapping):
        problems.error(
            N_("the file must hold fields such as 'name: Samira B.', one per line"),
            file=YAML_NAME,
            line=document.line,
        )
        return None
    return document


def _read_text(folder: str) -> str:
    try:
        path = files.regular_file(folder, YAML_NAME)
    except FileNotFoundError:
        raise ContentError(_missing_yaml_message(folder)) from None
    data = files.read_bytes(path, MAX_YAML_BYTES)
    if len(data) > MAX_YAML_BYTES:
        raise ContentError(
            N_("the file is larger than {size} KB: shorten the texts").format(size=MAX_YAML_BYTES // 1024)
        )
    return _decode(data)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError(N_("the file is saved as UTF-16: save it again as UTF-8"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            N_(
                "the file is not saved as UTF-8 (it looks like Windows or Latin-1 text): "
                "save it again as UTF-8 in your text editor"
            ),
            line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _without_controls(text: str) -> tuple[str, int]:
    """`text` without the control characters YAML refuses (pasted from word processors)."""
    cleaned, count = _CONTROLS.subn("", text)
    return cleaned, count


def _missing_yaml_message(folder: str) -> str:
    for name in files.listing(folder):
        if name.lower() in ("portrait.yml", "portrait.yaml.txt", "portrait.txt", YAML_NAME):
            return N_("the file is named '{name}': rename it {right}").format(name=name, right=YAML_NAME)
    return N_("the file is missing: create it with 'kiosk new', or copy one from another portrait")


def _find_photo(folder: str, named: str | None, problems: ProblemList, full_decode: bool, stamp: tuple):
    """(path, PhotoInfo, stamp) of the folder's photo, or None with the problem reported.

    Without `full_decode` the photo is not opened at all (PhotoInfo is None): the
    kiosk's fast scan leaves every check of the pixels to preparation."""
    names = [entry[0] for entry in stamp if not files.is_debris(entry[0])]
    folders = {entry[0] for entry in stamp if stat_mode.S_ISDIR(entry[1])}
    name = _photo_name(names, folders, named, problems)
    if name is None:
        return None
    label = foreign_format(name)
    if label:
        problems.error(
            N_("the kiosk cannot show {format} pictures: export this one as JPEG").format(format=label),
            file=name,
        )
        return None
    listed = _regular_files(stamp).get(name)
    if listed is not None and not full_decode:
        # The listing was taken with lstat: a regular file, not a link, with its size and time.
        return os.path.join(folder, name), None, listed
    try:
        path = files.regular_file(folder, name)
        info = inspect_photo(path) if full_decode else None
        stat = os.stat(path)
    except FileNotFoundError:
        problems.error(_missing_photo_message(folder, name), file=YAML_NAME, field="photo")
        return None
    except ContentError as exc:
        problems.error(exc.message, file=name)
        return None
    except OSError as exc:
        problems.error(
            N_("the photo cannot be read ({reason}): check its permissions").format(reason=exc.strerror),
            file=name,
        )
        return None
    if info and max(info.width, info.height) < SMALL_PHOTO_PIXELS:
        problems.warning(
            N_(
                "the photo is only {size} pixels and will look blurred: "
                "use one at least {pixels} pixels on the long side"
            ).format(size=f"{info.width}x{info.height}", pixels=SMALL_PHOTO_PIXELS * 2),
            file=name,
        )
    return path, info, photo_stamp(stat)


def photo_stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies one version of a photo file (see Portrait.photo_stamp)."""
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def _regular_files(stamp: tuple) -> dict[str, tuple[int, int, int, int]]:
    """The photo stamp of each regular file in a folder stamp, by name."""
    return {
        name: (size, mtime, inode, ctime)
        for name, mode, size, mtime, inode, ctime in stamp
        if stat_mode.S_ISREG(mode)
    }


def _photo_name(
    listing: list[str], folders: set[str], named: str | None, problems: ProblemList
) -> str | None:
    if named is not None:
        if _is_plain_file_name(named):
            return named
        problems.error(
            N_(
                "'photo' is '{name}': write only the name of a file in this folder, "
                "e.g. photo.jpg (no folders, no '..')"
            ).format(name=named),
            file=YAML_NAME,
            field="photo",
        )
        return None
    names = [n for n in listing if files.is_valid_name(n)]
    # A folder is not a photo, whatever its name says (`originals.jpg/`); alone, it is
    # reported as what it is.
    photos = [n for n in names if is_photo_name(n) and n not in folders] or [
        n for n in names if is_photo_name(n)
    ][:1]
    if len(photos) == 1:
        return photos[0]
    if len(photos) > 1:
        problems.error(
            N_(
                "the folder holds {count} photos ({names}): keep one, "
                "or name the one to show in portrait.yaml as 'photo: NAME'"
            ).format(count=len(photos), names=", ".join(photos))
        )
        return None
    foreign = [n for n in names if foreign_format(n)]
    if foreign:
        return foreign[0]
    problems.error(N_("there is no photo: add one .jpg, .jpeg, .png or .webp file to the folder"))
    return None


def _missing_photo_message(folder: str, name: str) -> str:
    photos = [n for n in files.listing(folder) if is_photo_name(n)]
    if photos:
        return N_(
            "'photo' is '{name}', but there is no such file (the folder has: {names}): check the spelling"
        ).format(name=name, names=", ".join(photos))
    return N_("'photo' is '{name}', but there is no such file: check the spelling").format(name=name)


def _is_plain_file_name(name: str) -> bool:
    return (
        name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and not files.is_debris(name)
        and not os.path.isabs(name)
    )
