"""Whether this kiosk can make a sound, asked once, before the voice player is made.

Qt Multimedia is loaded here, in the screen's thread, and nowhere in QML: loaded by
QML's loader thread, its start-up messages wait for the interpreter lock that the
screen's thread holds while it loads QML, and the kiosk hangs.
"""

from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLoggingCategory

from kiosk.catalogue import N_

log = logging.getLogger(__name__)
AV_LOG_ERROR = 16


def audio_output() -> tuple[bool, str]:
    """(Qt Multimedia loads, a staff-readable word on the sound): the second is empty
    when a sound device is there; otherwise voices run on a silent clock."""
    quiet_qt_multimedia()
    try:
        from PySide6 import QtMultimedia
    except ImportError as exc:
        return False, N_(
            "Qt Multimedia cannot load ({reason}): install libpulse0; voices play silently"
        ).format(reason=exc)
    _quiet_ffmpeg(Path(QtMultimedia.__file__).parent / "Qt" / "lib")
    if not QtMultimedia.QMediaDevices.audioOutputs():
        return True, N_("no sound device (or no PulseAudio / PipeWire): voices play silently, with captions")
    return True, ""


def quiet_qt_multimedia() -> None:
    """Before Qt Multimedia (or QtTextToSpeech, which loads it) is first imported: its
    warnings that are not problems stay out of the log."""
    QLoggingCategory.setFilterRules(
        # Qt looks for PipeWire first and warns when it is not there, then uses PulseAudio.
        "qt.multimedia.symbolsresolver.warning=false\n"
        # A recording still loading when the visitor swipes on is let go, and Qt warns that
        # it "could not open" it; a real failure reaches Listening as an error, and is logged.
        "qt.multimedia.ffmpeg.mediadataholder.warning=false"
    )


def _quiet_ffmpeg(lib: Path) -> None:
    """Qt's FFmpeg prints each file's description and its decoders' notes on stderr:
    hundreds of lines a day in the kiosk's journal. Errors only.

    Opened through libc's dlopen, lazily, as Qt opens it: its OpenSSL symbols come from
    a stub that resolves them on first use, and ctypes.CDLL binds every symbol at once,
    which fails."""
    libc = ctypes.CDLL(None)
    libc.dlopen.restype = ctypes.c_void_p
    libc.dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.dlsym.restype = ctypes.c_void_p
    libc.dlsym.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    for candidate in sorted(lib.glob("libavutil.so.*"))[:1]:
        handle = libc.dlopen(str(candidate).encode(), os.RTLD_LAZY | os.RTLD_LOCAL)
        address = handle and libc.dlsym(handle, b"av_log_set_level")
        if address:
            ctypes.CFUNCTYPE(None, ctypes.c_int)(address)(AV_LOG_ERROR)
        else:
            log.info("Qt's FFmpeg log level not set: %s cannot be opened", candidate.name)
