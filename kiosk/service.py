"""`kiosk service`: a systemd unit that runs this kiosk at boot, for the current install."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from kiosk import exits

_CAGE = """\
# Under cage, a compositor that shows one full-screen app and nothing else
# (Debian/Ubuntu: apt install cage), with no switching to other consoles (no -s).
# cage starts the kiosk; the kiosk tells systemd.
ExecStart={cage} -d -- {kiosk} run {root}
Environment=QT_QPA_PLATFORM=wayland;xcb
"""

_EGLFS = """\
# Straight to the screen with eglfs, no compositor. disable-zap: Ctrl+Alt+Backspace
# on a keyboard would otherwise quit the app.
ExecStart={kiosk} run {root}
Environment=QT_QPA_PLATFORM=eglfs
Environment=QT_QPA_EGLFS_ALWAYSSET=1
Environment=QT_QPA_EVDEV_KEYBOARD_PARAMETERS=grab=1:disable-zap
"""


def unit_file(root: str, *, user: str, eglfs: bool) -> str:
    kiosk = _kiosk_command()
    start = (_EGLFS if eglfs else _CAGE).format(
        cage=shutil.which("cage") or "/usr/bin/cage", kiosk=kiosk, root=root
    )
    return f"""\
# /etc/systemd/system/portrait-kiosk.service (made by `kiosk service`)
# Install: sudo cp this file there, then
#   sudo systemctl daemon-reload && sudo systemctl enable --now portrait-kiosk
[Unit]
Description=Portrait kiosk ({root})
After=systemd-user-sessions.service getty@tty1.service network-online.target
Wants=network-online.target
# The kiosk takes tty1 instead of a login prompt.
Conflicts=getty@tty1.service
# Never give up restarting, however often it fails.
StartLimitIntervalSec=0

[Service]
Type=notify
# The kiosk (a child of cage) sends READY=1 once the first portrait is drawn, then
# WATCHDOG=1 from its GUI thread: a frozen screen is restarted after WatchdogSec.
NotifyAccess=all
WatchdogSec=30
TimeoutStartSec=120
Restart=always
RestartSec=2
# Quitting from the admin panel (status 0) stays quit; a crash ({exits.CRASH}) restarts.
RestartPreventExitStatus=0
User={user}
PAMName=login
TTYPath=/dev/tty1
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier=tty1
UtmpMode=user
{start}# The GPU draws where its driver works, Qt's software renderer elsewhere: decided at
# each start, said in the log ("renderer: ..."). To choose yourself, uncomment one:
#Environment=QT_QUICK_BACKEND=software
#Environment=QT_QUICK_BACKEND=rhi
# No screen blanking or power saving under cage or eglfs: nothing asks for it.

[Install]
WantedBy=graphical.target
"""


def desk_unit_file(root: str, *, user: str, listen: str) -> str:
    return f"""\
# /etc/systemd/system/portrait-desk.service (made by `kiosk service --desk`)
# The curators' desk, beside the kiosk (or beside the master folder), on the network.
# Set its password first: {_kiosk_command()} pin --desk {root}
# Install: sudo cp this file there, then
#   sudo systemctl daemon-reload && sudo systemctl enable --now portrait-desk
# For https, add to ExecStart: --cert /path/to/cert.pem --key /path/to/key.pem
[Unit]
Description=Portrait kiosk curators' desk ({root})
After=network-online.target
Wants=network-online.target

[Service]
ExecStart={_kiosk_command()} desk {root} --listen {listen}
User={user}
Restart=always
RestartSec=2
StandardOutput=journal
StandardError=journal
NoNewPrivileges=true
PrivateTmp=true

[Install]
WantedBy=multi-user.target
"""


def _kiosk_command() -> str:
    """The `kiosk` script of this install (its virtual environment), else `python -m kiosk`."""
    script = Path(sys.executable).with_name("kiosk")
    return str(script) if script.exists() else f"{sys.executable} -m kiosk"


def sync_steps(root: str, *, user: str) -> str:
    """What a kiosk needs to receive its collection from the curators (kiosk service --sync)."""
    kiosk = _kiosk_command()
    home = f"/home/{user}"
    return f"""\
# A kiosk fed by the curators' collection through Syncthing (made by `kiosk service --sync`).
# 1. Syncthing for the {user} account, started at boot (Debian's own unit), and this
#    kiosk's device ID, for the curators:
sudo systemctl enable --now syncthing@{user}
sudo -u {user} syncthing serve --device-id
# 2. On the curators' machine, with that ID (it prints the curators' own ID):
#      kiosk sync MASTER-FOLDER --status-dir STATUS-FOLDER --kiosk KIOSK-ID --name entree-nord
# 3. Here: the collection received (receive-only: a change made here is undone) and this
#    kiosk's health sent back; --address when the two machines cannot find each other.
sudo -u {user} {kiosk} sync {root} --status-dir {home}/kiosk-status --curators CURATORS-ID \\
    --address tcp://CURATORS-HOST:22000
# 4. This kiosk's own settings ({home}/.config/portrait-kiosk/settings.yaml):
#      name: entree-nord
#      status_dir: {home}/kiosk-status
"""
