"""What the desk's pages say after a change, and what became of each folder sent.

By key: a link can only make a page say one of these, with the folder's name in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from kiosk.catalogue import N_

# What a page says after a change, by key: a link cannot make the desk say anything else.
NOTICES = {
    "published": N_("{folder} is published: on screen within seconds."),
    "withdrawn": N_("{folder} is withdrawn: off screen within seconds, nothing deleted."),
    "removed": N_("{folder} is in the trash: restore it from there within 30 days."),
    "restored": N_("{folder} is back in the collection."),
    "no-folder": N_("There is no portrait folder named {folder} in the collection."),
    "unreadable": N_("The portrait.yaml of {folder} cannot be read: fix it first (see its problems)."),
    "unsafe": N_(
        "The portrait.yaml of {folder} is written in a way the desk cannot change safely: "
        "set 'published:' in the file itself."
    ),
    "not-in-trash": N_("{folder} is not in the trash (any more)."),
    "taken": N_("A folder named {folder} is in the collection already: rename it, then restore this one."),
    "not-written": N_(
        "The collection folder did not take the change ({folder}): check the disk and its permissions."
    ),
    "added": N_("{folder} is added: on screen within seconds."),
    "added-draft": N_("{folder} is added as a draft: publish it when it is ready."),
    "has-errors": N_("{folder} was not added: fix the problems below, then send it again."),
    "bad-photo": N_("{folder} was not added: its photo cannot be shown."),
    "too-many-files": N_("Not taken: more than {folder} files in one upload."),
    "too-large": N_("Not taken: {folder} is too large (100 MB a file, 400 MB an upload at most)."),
    "outside": N_("Not taken: {folder} points outside its folder."),
    "bad-name": N_("Not taken: {folder} has a name the kiosk cannot use."),
    "bad-zip": N_("Not taken: {folder} is not a zip file that can be opened."),
    "not-a-file": N_("Not taken: {folder} is a link or a device, not a file."),
    "bomb": N_("Not taken: {folder} would unpack to far more than it weighs."),
    "bad-folder-name": N_(
        "Not taken: '{folder}' cannot be a folder's name: use letters, digits and hyphens."
    ),
    "nothing-sent": N_("Nothing was sent: choose a zip file or a folder."),
    "edited": N_("The texts of {folder} are saved: on screen within seconds."),
    "unchanged": N_("Nothing was changed in {folder}."),
    "required": N_(
        "Nothing was changed in {folder}: its name, profession, origin and testimony cannot be left empty."
    ),
}


@dataclass(frozen=True)
class Outcome:
    """What became of one folder sent to the desk."""

    folder: str
    reason: str  # a key of NOTICES
    problems: tuple[str, ...] = ()
    added: bool = False


def with_notice(path: str, done: str, folder: str) -> str:
    """`path`, saying NOTICES[done] about `folder` when it is drawn."""
    return f"{path}?done={quote(done)}&folder={quote(folder)}"
