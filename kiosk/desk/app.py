"""The desk's pages: signing in, the collection with each portrait's state and problems,
publishing and withdrawing, the trash. Server-rendered (Jinja2, escaped), one small
script that reloads the page when the collection changes.

Starlette: a small, well-kept ASGI toolkit whose test client drives the pages in tests
without a server, with signed-cookie sessions built in; uvicorn serves it (kiosk.desk.server).
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kiosk import catalogue
from kiosk.catalogue import N_
from kiosk.content.photocache import PhotoCache, request_for
from kiosk.content.problems import ContentError
from kiosk.desk import changes, security
from kiosk.desk.state import STATES, DeskCollection
from kiosk.settings import Settings, load_settings, settings_path_for
from kiosk.workers.pool import InChildProcesses

log = logging.getLogger("kiosk.desk")
HERE = Path(__file__).parent
MAX_FORM_BYTES = 64 * 1024  # the desk's own forms are a few fields
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
}


class Desk:
    """One collection folder, served."""

    def __init__(self, root: str, settings: Settings, cache: Path, *, secure_cookies: bool = False) -> None:
        self.root = root
        self.settings = settings
        self.collection = DeskCollection(root, settings.languages)
        self.sign_ins = security.SignIn()
        self.thumbnails = InChildProcesses(PhotoCache(cache / "desk-thumbnails"), size=1)
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
                Route("/trash", self.trash_page),
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

    # -- pages ------------------------------------------------------------------

    def _page(self, request: Request, template: str, status: int = 200, **context) -> Response:
        language = catalogue.language_from_header(
            request.headers.get("accept-language", ""), self.settings.languages.offered
        )
        context.update(
            _=catalogue.translator(language),
            language=language,
            csrf_field=security.CSRF_FIELD,
            csrf=security.csrf_token(request),
            title=self.settings.title.get(language, self.settings.languages.default),
        )
        return self.templates.TemplateResponse(request, template, context, status_code=status)

    async def signin_page(self, request: Request) -> Response:
        if request.method == "GET":
            return self._page(request, "signin.html")
        form = await _form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        wait = self.sign_ins.seconds_locked()
        if wait:
            return self._page(request, "signin.html", 429, wait=wait)
        stored = self._stored_password()
        if not stored:
            return self._page(request, "signin.html", 403, no_password=True)
        if not self.sign_ins.check(str(form.get("password", "")), stored):
            log.warning("a wrong password from %s", _address(request))
            wait = self.sign_ins.seconds_locked()
            return self._page(request, "signin.html", 429 if wait else 403, wrong=True, wait=wait)
        security.sign_in(request)
        log.info("%s signed in from %s", security.who(request), _address(request))
        return RedirectResponse("/", status_code=303)

    async def signout(self, request: Request) -> Response:
        form = await _form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        log.info("%s signed out", security.who(request))
        request.session.clear()
        return RedirectResponse("/signin", status_code=303)

    async def collection_page(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        language = catalogue.language_from_header(
            request.headers.get("accept-language", ""), self.settings.languages.offered
        )
        everything = self.collection.entries(language)
        shown_state = request.query_params.get("state", "")
        shown = (
            [entry for entry in everything if entry.state == shown_state]
            if shown_state in STATES
            else everything
        )
        counts = {state: sum(1 for entry in everything if entry.state == state) for state in STATES}
        collection, problem = self.collection.current()
        return self._page(
            request,
            "collection.html",
            page="collection",
            entries=shown,
            counts=counts,
            total=len(everything),
            state=shown_state if shown_state in STATES else "",
            states=STATES,
            unreadable=problem,
            collection_problems=[p.as_line() for p in collection.problems] if collection else [],
            revision=self.collection.revision(),
            notice=NOTICES.get(request.query_params.get("done", ""), ""),
            notice_folder=request.query_params.get("folder", ""),
        )

    async def trash_page(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        return self._page(
            request,
            "trash.html",
            page="trash",
            entries=changes.trashed(self.root),
            notice=NOTICES.get(request.query_params.get("done", ""), ""),
            notice_folder=request.query_params.get("folder", ""),
        )

    async def revision(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return JSONResponse({"signed_in": False}, status_code=401)
        return JSONResponse({"revision": self.collection.revision()})

    async def thumbnail(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return Response(status_code=401)
        reading = self.collection.reading(request.path_params["folder"])
        if reading is None or reading.portrait is None:
            return Response(status_code=404)
        picture = request_for(reading.portrait, "thumb", (0, 0))
        from starlette.concurrency import run_in_threadpool

        try:
            await run_in_threadpool(self.thumbnails.prepare, picture)
        except (ContentError, OSError):
            return Response(status_code=404)
        return FileResponse(self.thumbnails.cache.path(picture), media_type="image/jpeg")

    # -- changes ----------------------------------------------------------------

    async def publish(self, request: Request) -> Response:
        return await self._change(request, "published")

    async def remove(self, request: Request) -> Response:
        return await self._change(request, "removed")

    async def restore(self, request: Request) -> Response:
        return await self._change(request, "restored")

    async def _change(self, request: Request, what: str) -> Response:
        """One change, refused without a session or with another page's form."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        form = await _form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        back = "/trash" if what == "restored" else "/"
        try:
            folder, notice = self._apply(request, what, form)
        except changes.RefusedChange as refused:
            return RedirectResponse(_with_notice(back, refused.reason, refused.folder), status_code=303)
        except OSError as exc:
            log.error("%s could not change %s: %s", security.who(request), what, exc)
            return RedirectResponse(_with_notice(back, "not-written", str(exc.strerror)), status_code=303)
        self.collection.read_now()
        return RedirectResponse(_with_notice(back, notice, folder), status_code=303)

    def _apply(self, request: Request, what: str, form) -> tuple[str, str]:
        """Make the change; returns the folder and the notice's key for the page."""
        name = request.path_params.get("folder") or request.path_params.get("name", "")
        session = security.who(request)
        if what == "published":
            published = form.get("published") == "true"
            changes.set_published(self.root, name, published)
            log.info("%s %s %s", session, "published" if published else "withdrew", name)
            return name, "published" if published else "withdrawn"
        if what == "removed":
            trashed = changes.remove(self.root, name)
            log.info("%s removed %s (to %s/%s)", session, name, changes.TRASH, trashed.name)
            return name, "removed"
        restored = changes.restore(self.root, name)
        log.info("%s restored %s", session, restored)
        return restored, "restored"

    def _refused(self, request: Request) -> Response:
        log.warning("a change refused from %s (no or wrong form token)", _address(request))
        return self._page(request, "refused.html", 403)

    def _stored_password(self) -> str:
        """Read at each sign-in: a password set with `kiosk pin --desk` works at once."""
        path = settings_path_for(self.root, None)
        settings, _ = load_settings(path)
        return settings.desk_password


async def _form(request: Request) -> dict:
    """A small form's fields; a larger body is no form of the desk's."""
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        return {}
    form = await request.form(max_files=0, max_fields=20)
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _with_notice(path: str, done: str, folder: str) -> str:
    return f"{path}?done={quote(done)}&folder={quote(folder)}"


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"
