"""Several kiosks, one collection, carried by Syncthing: the folders each side shares, set
through Syncthing's REST API on this machine (`kiosk sync`).

The curators' machine sends the collection (send-only) and receives every kiosk's status
(receive-only); each kiosk receives the collection (receive-only: a change made on a kiosk
is reverted) and sends its own status (send-only). The REST API rather than Syncthing's
CLI: the CLI of Debian's Syncthing 1.19 fails on any setting that is a list (a device's
addresses, a folder's devices).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.catalogue import N_

COLLECTION_ID = "portrait-collection"
STATUS_ID = "portrait-status"
# The curators' desk works in these folders of the collection: never carried to the kiosks.
STIGNORE = "// Written by `kiosk sync`: the curators' desk's own folders stay here.\n.trash\n.desk-incoming\n"
RESCAN_S = 60  # a full look now and then; changes are seen at once by the file watcher
HOMES = ("~/.local/state/syncthing", "~/.config/syncthing")  # where Syncthing keeps config.xml


class SyncthingError(Exception):
    """Syncthing is not running here, or refused a change: the message (a catalogue
    template's English) says which."""


class Syncthing:
    """The Syncthing running on this machine, through its REST API."""

    def __init__(self, address: str, api_key: str) -> None:
        self.address = address.rstrip("/")
        self.api_key = api_key

    @classmethod
    def at_home(cls, home: str | None = None) -> Syncthing:
        """The instance whose config.xml is in `home` (else Syncthing's usual places)."""
        for place in [home] if home else [os.environ.get("STHOME", ""), *HOMES]:
            config = Path(os.path.expanduser(place or "")) / "config.xml"
            if place and config.is_file():
                gui = ET.parse(config).getroot().find("gui")
                if gui is None:
                    break
                address = gui.findtext("address", "127.0.0.1:8384")
                scheme = "https" if gui.get("tls") == "true" else "http"
                return cls(f"{scheme}://{address}", gui.findtext("apikey", ""))
        raise SyncthingError(
            N_(
                "no Syncthing configuration found: start Syncthing once (systemctl enable --now syncthing@USER)"
            )
        )

    def request(self, method: str, path: str, body: object = None) -> object:
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"X-API-Key": self.api_key, "Content-Type": "application/json"}
        asked = urllib.request.Request(self.address + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(asked, timeout=15) as answer:
                text = answer.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            refused = N_("Syncthing refused {request}: {reason}")
            raise SyncthingError(
                refused.format(request=f"{method} {path}", reason=f"{exc.code} {exc.read()[:200]!r}")
            ) from None
        except OSError as exc:
            silent = N_("Syncthing does not answer at {address} ({reason}): is it running?")
            raise SyncthingError(silent.format(address=self.address, reason=exc)) from None
        return json.loads(text) if text.strip()[:1] in ("{", "[") else text

    def device_id(self) -> str:
        status = self.request("GET", "/rest/system/status")
        assert isinstance(status, dict)
        return str(status["myID"])

    def add_device(self, device_id: str, name: str, address: str = "") -> None:
        device = {"deviceID": device_id, "name": name, "addresses": [address or "dynamic"]}
        self.request("PUT", f"/rest/config/devices/{device_id}", device)

    def share(self, folder_id: str, label: str, path: str, kind: str, device_id: str) -> None:
        """Share `path` as `folder_id` with `device_id` too (the devices it has are kept)."""
        folder = self.request("GET", f"/rest/config/folders/{folder_id}")
        devices = folder["devices"] if isinstance(folder, dict) else []
        if device_id not in {d["deviceID"] for d in devices}:
            devices.append({"deviceID": device_id})
        config = {
            **(folder if isinstance(folder, dict) else {}),
            "id": folder_id,
            "label": label,
            "path": path,
            "type": kind,
            "devices": devices,
            "rescanIntervalS": RESCAN_S,
            "fsWatcherEnabled": True,
        }
        self.request("PUT", f"/rest/config/folders/{folder_id}", config)

    def pause(self, device_id: str) -> None:
        self.request("POST", f"/rest/system/pause?device={device_id}")

    def resume(self, device_id: str) -> None:
        self.request("POST", f"/rest/system/resume?device={device_id}")


def join_curators(
    syncthing: Syncthing, collection: str, status_dir: str, curators: str, address: str = ""
) -> None:
    """A kiosk: the collection from the curators, received only; its status sent back."""
    Path(collection).mkdir(parents=True, exist_ok=True)
    Path(status_dir).mkdir(parents=True, exist_ok=True)
    syncthing.add_device(curators, "curators", address)
    syncthing.share(COLLECTION_ID, "Portraits", collection, "receiveonly", curators)
    syncthing.share(STATUS_ID, "Kiosks' status", status_dir, "sendonly", curators)


def add_kiosk(
    syncthing: Syncthing, collection: str, status_dir: str, kiosk: str, name: str, address: str = ""
) -> None:
    """The curators' machine: the collection sent to one more kiosk; its status received."""
    Path(status_dir).mkdir(parents=True, exist_ok=True)
    (Path(collection) / ".stignore").write_text(STIGNORE, encoding="utf-8")
    syncthing.add_device(kiosk, name, address)
    syncthing.share(COLLECTION_ID, "Portraits", collection, "sendonly", kiosk)
    syncthing.share(STATUS_ID, "Kiosks' status", status_dir, "receiveonly", kiosk)
