"""One logging setup for the kiosk: stderr (the journal under systemd) and a rotated
file, with Qt's and QML's messages routed into it, and crashes logged before exiting."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

from kiosk import exits
from kiosk.content.text import escape_controls

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILES_KEPT = 5  # at most about 12 MB of logs, however long the kiosk runs

log = logging.getLogger("kiosk")


class LineFormatter(logging.Formatter):
    """One record, one line: control characters in a message (a folder name with a
    newline or an escape sequence in it) are escaped, so no message can forge a log line
    or reach a terminal raw. Tracebacks keep their lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = escape_controls(record.message)
        return super().formatMessage(record)


def setup_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format=_FORMAT)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(LineFormatter(_FORMAT))


def log_folder() -> Path:
    """$KIOSK_LOG_DIR, else the XDG state folder (~/.local/state/portrait-kiosk)."""
    if os.environ.get("KIOSK_LOG_DIR"):
        return Path(os.environ["KIOSK_LOG_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "portrait-kiosk"


def log_to_file() -> Path | None:
    """Also write the log to a size-rotated file; None (and a warning) if it cannot be."""
    path = log_folder() / "kiosk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("no log file (%s): the log goes to stderr only", exc)
        return None
    handler.setFormatter(LineFormatter(_FORMAT))
    logging.getLogger().addHandler(handler)
    return path


def exit_on_uncaught_exceptions() -> None:
    """An exception nobody caught, in any thread, is logged with its traceback and ends
    the process with a non-zero status: a half-working kiosk is worse than a restart."""

    def on_exception(kind, value, traceback) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        log.critical("uncaught exception, stopping", exc_info=(kind, value, traceback))
        logging.shutdown()  # flush the file before the process goes
        os._exit(exits.CRASH)  # from any thread, without waiting for the event loop

    sys.excepthook = on_exception
    threading.excepthook = lambda args: on_exception(args.exc_type, args.exc_value, args.exc_traceback)


def route_qt_messages() -> None:
    """Qt and QML warnings become log records (logger 'qt'), not stray stderr lines."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    logger = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind, context, message) -> None:
        logger.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
