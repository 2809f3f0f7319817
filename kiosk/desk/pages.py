"""The desk's pages that show: signing in and out, the collection, a portrait with its
proofs and voices, the trash; and what every page shares (its language, its form token).
Server-rendered (Jinja2, escaped)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from kiosk import catalogue
from kiosk.content.photocache import request_for
from kiosk.content.problems import ContentError
from kiosk.desk import changes, security
from kiosk.desk.notices import NOTICES, with_notice
from kiosk.desk.proofs import SHAPES, Proofs
from kiosk.desk.state import STATES, DeskCollection, entry_of
from kiosk.fleet import read_fleet, seen_at
from kiosk.settings import Settings, load_settings
from kiosk.workers.pool import InChildProcesses

log = logging.getLogger("kiosk.desk")
MAX_FORM_BYTES = 64 * 1024  # the desk's own forms are a few fields
_AUDIO = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
}


class Pages:
    """What every part of the desk has (kiosk.desk.app.Desk makes them) and the pages that show."""

    root: str
    settings: Settings
    settings_file: str | None  # the collection's kiosk.yaml, or the one given with --config
    collection: DeskCollection
    sign_ins: security.SignIn
    thumbnails: InChildProcesses
    status_dir: Path | None
    proofs: Proofs
    templates: Jinja2Templates

    def _language(self, request: Request) -> str:
        """The browser's language among the collection's, else the collection's default."""
        return catalogue.language_from_header(
            request.headers.get("accept-language", ""), self.settings.languages.offered
        )

    def _page(self, request: Request, template: str, status: int = 200, **context) -> Response:
        language = self._language(request)
        context.update(
            _=catalogue.translator(language),
            language=language,
            csrf_field=security.CSRF_FIELD,
            csrf=security.csrf_token(request),
            title=self.settings.title.get(language, self.settings.languages.default),
            languages=self.settings.languages.offered,
            notices=NOTICES,
        )
        return self.templates.TemplateResponse(request, template, context, status_code=status)

    async def signin_page(self, request: Request) -> Response:
        if request.method == "GET":
            return self._page(request, "signin.html")
        form = await read_form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        wait = self.sign_ins.seconds_locked()
        if wait:
            return self._page(request, "signin.html", 429, wait=wait)
        stored = self._stored_password()
        if not stored:
            return self._page(request, "signin.html", 403, no_password=True)
        if not self.sign_ins.check(str(form.get("password", "")), stored):
            log.warning("a wrong password from %s", address_of(request))
            wait = self.sign_ins.seconds_locked()
            return self._page(request, "signin.html", 429 if wait else 403, wrong=True, wait=wait)
        security.sign_in(request)
        log.info("%s signed in from %s", security.who(request), address_of(request))
        return RedirectResponse("/", status_code=303)

    async def signout(self, request: Request) -> Response:
        form = await read_form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        log.info("%s signed out", security.who(request))
        request.session.clear()
        return RedirectResponse("/signin", status_code=303)

    async def collection_page(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        language = self._language(request)
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
            unreadable=catalogue.translated(problem, language),
            collection_problems=[p.as_line(language) for p in collection.own_problems] if collection else [],
            revision=self.collection.revision(),
            notice=NOTICES.get(request.query_params.get("done", ""), ""),
            notice_folder=request.query_params.get("folder", ""),
        )

    async def portrait_page(self, request: Request) -> Response:
        """One portrait: its state and problems, its proofs in each shape and language (the
        real screen, drawn on first asking), its voices to listen to."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        language = self._language(request)
        reading = self.collection.reading(request.path_params["folder"])
        if reading is None:
            return RedirectResponse(
                with_notice("/", "no-folder", request.path_params["folder"]), status_code=303
            )
        entry = entry_of(reading, language, self.settings.languages)
        voices = [voice.spoken for voice in reading.portrait.voices] if reading.portrait else []
        return self._page(
            request,
            "portrait.html",
            page="collection",
            entry=entry,
            shapes=list(SHAPES),
            voices=voices,
            listening=bool(voices),
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

    async def fleet_page(self, request: Request) -> Response:
        """Every kiosk's last status, as `kiosk fleet` prints it."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        kiosks, unreadable = read_fleet(self.status_dir) if self.status_dir else ([], [])
        return self._page(
            request,
            "fleet.html",
            page="fleet",
            kiosks=kiosks,
            unreadable=unreadable,
            status_dir=self.status_dir,
            seen_at=seen_at,
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
        try:
            await run_in_threadpool(self.thumbnails.prepare, picture)
        except (ContentError, OSError):
            return Response(status_code=404)
        return FileResponse(self.thumbnails.cache.path(picture), media_type="image/jpeg")

    async def proof(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return Response(status_code=401)
        shape, language = request.path_params["shape"], request.path_params["language"]
        reading = self.collection.reading(request.path_params["folder"])
        if reading is None or shape not in SHAPES or language not in self.settings.languages.offered:
            return Response(status_code=404)
        listening = request.query_params.get("listening") == "1"
        picture = await run_in_threadpool(self.proofs.picture, reading, shape, language, listening)
        if picture is None:
            return Response(status_code=404)
        return FileResponse(picture, media_type="image/png")

    async def voice(self, request: Request) -> Response:
        """A portrait's recording, as it is in its folder, for the page's player."""
        if not security.is_signed_in(request):
            return Response(status_code=401)
        reading = self.collection.reading(request.path_params["folder"])
        if reading is None or reading.portrait is None:
            return Response(status_code=404)
        voice = next((v for v in reading.portrait.voices if v.spoken == request.path_params["spoken"]), None)
        if voice is None:
            return Response(status_code=404)
        path = os.path.join(reading.portrait.folder, voice.file)
        if os.path.islink(path) or not os.path.isfile(path):
            return Response(status_code=404)
        return FileResponse(
            path, media_type=_AUDIO.get(os.path.splitext(voice.file)[1].lower(), "audio/mpeg")
        )

    def _refused(self, request: Request) -> Response:
        log.warning("a change refused from %s (no or wrong form token)", address_of(request))
        return self._page(request, "refused.html", 403)

    def _stored_password(self) -> str:
        """Read at each sign-in: a password set with `kiosk pin --desk` works at once."""
        settings, _ = load_settings(self.settings_file)
        return settings.desk_password


async def read_form(request: Request) -> dict:
    """A small form's fields; a larger body is no form of the desk's."""
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        return {}
    async with request.form(max_files=0, max_fields=20) as form:
        return {key: value for key, value in form.items() if isinstance(value, str)}


def address_of(request: Request) -> str:
    return request.client.host if request.client else "?"
