"""`kiosk fleet STATUS_DIR`: every kiosk's last status, one line each, or as JSON.

A kiosk silent for more than 5 minutes (by the `written_at` it wrote: Syncthing may change
a file's own time), or on an older revision than the newest for more than 10, is stale.
A file in the folder that is not a kiosk's status is listed as unreadable, never a crash.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.catalogue import N_, translator
from kiosk.content.status import parse_iso, read_status

SILENT_S = 5 * 60
OLD_REVISION_S = 10 * 60


@dataclass(frozen=True)
class FleetKiosk:
    name: str
    revision: str
    current: bool  # shows the newest revision
    portraits: int
    problems: int
    last_seen: str  # its written_at
    stale: bool
    why: str = ""  # what makes it stale, in English (translated where shown)


def read_fleet(folder: Path, now: datetime | None = None) -> tuple[list[FleetKiosk], list[str]]:
    """(the kiosks, by name; the files that are not kiosks' statuses)."""
    now = now or datetime.now(UTC)
    statuses: list[dict] = []
    unreadable: list[str] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.is_dir():
            continue  # Syncthing's own (.stfolder, .stversions, .syncthing.*.tmp), a status being written
        status = read_status(path)
        if status is None:
            unreadable.append(path.name)
        else:
            statuses.append(status)
    newest, newest_since = _newest_revision(statuses)
    kiosks = [_kiosk(status, newest, newest_since, now) for status in statuses]
    return sorted(kiosks, key=lambda kiosk: kiosk.name.casefold()), unreadable


def _newest_revision(statuses: list[dict]) -> tuple[str, datetime | None]:
    """The revision that some kiosk began to show last: what the collection is now."""
    best: tuple[datetime, str] | None = None
    for status in statuses:
        since = parse_iso(status.get("revision_since")) or parse_iso(status.get("written_at"))
        if since is not None and (best is None or since > best[0]):
            best = (since, status["revision"])
    return (best[1], best[0]) if best else ("", None)


def _kiosk(status: dict, newest: str, newest_since: datetime | None, now: datetime) -> FleetKiosk:
    written = parse_iso(status["written_at"])
    assert written is not None  # read_status keeps only statuses with a time
    current = status["revision"] == newest
    why = ""
    if (now - written).total_seconds() > SILENT_S:
        why = N_("silent for more than 5 minutes")
    elif not current and newest_since is not None and (now - newest_since).total_seconds() > OLD_REVISION_S:
        why = N_("on an older revision for more than 10 minutes")
    return FleetKiosk(
        name=status["name"],
        revision=status["revision"],
        current=current,
        portraits=_count(status.get("portraits")),
        problems=_count(status.get("problems")),
        last_seen=status["written_at"],
        stale=bool(why),
        why=why,
    )


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def seen_at(kiosk: FleetKiosk) -> str:
    """Its last status's time, in UTC to the minute: "2026-12-01 21:07"."""
    written = parse_iso(kiosk.last_seen)
    return written.strftime("%Y-%m-%d %H:%M") if written else kiosk.last_seen


def fleet_json(kiosks: list[FleetKiosk], unreadable: list[str]) -> str:
    shown = [{k: v for k, v in asdict(kiosk).items() if k != "why"} for kiosk in kiosks]
    return json.dumps({"kiosks": shown, "unreadable": unreadable}, ensure_ascii=False, indent=2)


def fleet_lines(
    kiosks: list[FleetKiosk], unreadable: list[str], language: str, now: datetime | None = None
) -> list[str]:
    """One line a kiosk, in `language`; then the files that could not be read."""
    _ = translator(language)
    now = now or datetime.now(UTC)
    lines = []
    for kiosk in kiosks:
        written = parse_iso(kiosk.last_seen)
        ago = int((now - written).total_seconds()) if written else 0
        state = _(N_("current")) if kiosk.current else _(N_("older revision"))
        line = _(
            N_(
                "{name}: revision {revision} ({state}), {portraits} portraits, {problems} problems, last seen {ago} s ago"
            ),
            name=kiosk.name,
            revision=kiosk.revision,
            state=state,
            portraits=kiosk.portraits,
            problems=kiosk.problems,
            ago=max(0, ago),
        )
        lines.append(line + (_(N_("  STALE: {why}"), why=_(kiosk.why)) if kiosk.stale else ""))
    if not kiosks:
        lines.append(_(N_("no kiosk has written its status here yet")))
    for name in unreadable:
        lines.append(_(N_("{file}: not a kiosk's status (unreadable)"), file=name))
    return lines
