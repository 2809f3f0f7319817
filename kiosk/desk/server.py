"""`kiosk desk`: the desk served on the address the technician gives, by uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.content.photocache import default_cache_folder
from kiosk.desk.app import Desk
from kiosk.settings import Settings

log = logging.getLogger("kiosk.desk")
DEFAULT_LISTEN = "127.0.0.1:8750"


def parse_listen(text: str) -> tuple[str, int]:
    """`ADDRESS:PORT` (an IPv6 address in brackets); raises ValueError with what is wrong."""
    host, colon, port = text.rpartition(":")
    if not colon or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"'{text}' is not ADDRESS:PORT, for example 192.168.1.20:8750")
    return host.strip("[]") or "0.0.0.0", int(port)


def serve(
    root: str,
    settings: Settings,
    listen: str,
    cert: str | None,
    key: str | None,
    settings_file: str | None,
    status_dir: str | None = None,
) -> None:
    host, port = parse_listen(listen)
    import uvicorn

    desk = Desk(
        root,
        settings,
        desk_folder(),
        secure_cookies=bool(cert),
        settings_file=settings_file,
        status_dir=status_dir,
    )
    scheme = "https" if cert else "http"
    log.info("serving %s on %s://%s:%d/", root, scheme, host, port)
    try:
        uvicorn.run(
            desk.app,
            host=host,
            port=port,
            ssl_certfile=cert,
            ssl_keyfile=key,
            log_config=None,  # the kiosk's own logging: one line per event, to the journal
            access_log=False,
            server_header=False,
        )
    finally:
        desk.close()


def desk_folder() -> Path:
    """The desk's own files (its session key, its thumbnails), beside the kiosk's cache."""
    return default_cache_folder().parent / "desk"
