"""The curators' desk: one collection folder served as web pages.

Starlette: a small, well-kept ASGI toolkit whose test client drives the pages in tests
without a server, with signed-cookie sessions built in; uvicorn serves it
(kiosk.desk.server). The pages are in kiosk.desk.pages (what shows), .adding (new
portraits) and .changing (publishing, the trash, editing).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kiosk.content.photocache import PhotoCache
from kiosk.desk import security, uploads
from kiosk.desk.adding import AddingPages
from kiosk.desk.changing import ChangingPages
from kiosk.desk.proofs import Proofs
from kiosk.desk.state import DeskCollection
from kiosk.settings import Settings, settings_path_for
from kiosk.workers.pool import InChildProcesses

HERE = Path(__file__).parent


class Desk(AddingPages, ChangingPages):
    """One collection folder, served."""

    def __init__(
        self,
        root: str,
        settings: Settings,
        cache: Path,
        *,
        secure_cookies: bool = False,
        settings_file: str | None = None,
        status_dir: str | None = None,
    ) -> None:
        self.root = root
        self.status_dir = Path(status_dir) if status_dir else None  # the kiosks' health, or none
        self.settings = settings
        self.settings_file = settings_file or settings_path_for(root, None)
        self.collection = DeskCollection(root, settings.languages)
        self.sign_ins = security.SignIn()
        self.thumbnails = InChildProcesses(PhotoCache(cache / "desk-thumbnails"), size=1)
        uploads.Staging.clear_leftovers(root)
        self.proofs = Proofs(root, cache / "proofs")
        # Every value escaped, whatever the template's name: content is never markup.
        pages = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
        self.templates = Jinja2Templates(env=pages)
        self.app = Starlette(
            routes=[
                Route("/", self.collection_page),
                Route("/signin", self.signin_page, methods=["GET", "POST"]),
                Route("/signout", self.signout, methods=["POST"]),
                Route("/revision", self.revision),
                Route("/portrait/{folder}/published", self.publish, methods=["POST"]),
                Route("/portrait/{folder}/remove", self.remove, methods=["POST"]),
                Route("/portrait/{folder}/thumbnail", self.thumbnail),
                Route("/portrait/{folder}", self.portrait_page),
                Route("/portrait/{folder}/proof/{shape}/{language}", self.proof),
                Route("/portrait/{folder}/edit", self.edit_page, methods=["GET"]),
                Route("/portrait/{folder}/edit", self.edit_texts, methods=["POST"]),
                Route("/portrait/{folder}/voice/{spoken}", self.voice),
                Route("/add", self.add_page, methods=["GET"]),
                Route("/add", self.add_portrait, methods=["POST"]),
                Route("/upload", self.upload, methods=["POST"]),
                Route("/trash", self.trash_page),
                Route("/fleet", self.fleet_page),
                Route("/trash/{name}/restore", self.restore, methods=["POST"]),
                Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
            ],
            middleware=[
                Middleware(security.SecurityHeaders),
                Middleware(
                    SessionMiddleware,
                    secret_key=security.session_secret(cache),
                    session_cookie="kiosk_desk",
                    max_age=security.SESSION_HOURS * 3600,
                    same_site="strict",
                    https_only=secure_cookies,
                ),
            ],
        )

    def close(self) -> None:
        self.thumbnails.close()
        self.collection.close()
