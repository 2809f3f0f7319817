"""Whether this kiosk can make a sound, asked once, before any QML player loads.

Qt Multimedia is loaded here, in the screen's thread: loaded first by QML's loader
thread, its start-up messages wait for the interpreter lock that the screen's thread
holds while it loads QML, and the kiosk hangs.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
from pathlib import Path

from PySide6.QtCore import QLoggingCategory

log = logging.getLogger(__name__)
AV_LOG_ERROR = 16


def audio_output() -> tuple[bool, str]:
    """(Qt Multimedia loads, a staff-readable word on the sound): the second is empty
    when a sound device is there; otherwise voices run on a silent clock."""
    # Qt looks for PipeWire first and warns when it is not there, then uses PulseAudio.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
    try:
        from PySide6 import QtMultimedia
    except ImportError as exc:
        return False, f"Qt Multimedia cannot load ({exc}): install libpulse0; voices play silently"
    _quiet_ffmpeg(Path(QtMultimedia.__file__).parent / "Qt" / "lib")
    if not QtMultimedia.QMediaDevices.audioOutputs():
        return True, "no sound device (or no PulseAudio / PipeWire): voices play silently, with captions"
    return True, ""


def _quiet_ffmpeg(lib: Path) -> None:
    """Qt's FFmpeg prints each file's description and its decoders' notes on stderr:
    hundreds of lines a day in the kiosk's journal. Errors only."""
    for candidate in sorted(lib.glob("libavutil.so.*"))[:1]:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(str(candidate)).av_log_set_level(AV_LOG_ERROR)
