"""The desk's pages: signing in, the collection with each portrait's state and problems,
publishing and withdrawing, the trash. Server-rendered (Jinja2, escaped), one small
script that reloads the page when the collection changes.

Starlette: a small, well-kept ASGI toolkit whose test client drives the pages in tests
without a server, with signed-cookie sessions built in; uvicorn serves it (kiosk.desk.server).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
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
from kiosk.content.portraits import read_portrait_folder
from kiosk.content.problems import ContentError
from kiosk.desk import changes, editing, security, uploads
from kiosk.desk.proofs import SHAPES, Proofs
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
    "added": N_("{folder} is added: on screen within seconds."),
    "added-draft": N_("{folder} is added as a draft: publish it when it is ready."),
    "has-errors": N_("{folder} was not added: fix the problems below, then send it again."),
    "bad-photo": N_("{folder} was not added: its photo cannot be shown."),
    "too-many-files": N_("Not taken: more than {folder} files in one upload."),
    "too-large": N_("Not taken: {folder} is too large (100 MB a file, 400 MB an upload at most)."),
    "outside": N_("Not taken: {folder} points outside its folder."),
    "bad-name": N_("Not taken: {folder} has a name the kiosk cannot use."),
    "bad-zip": N_("Not taken: {folder} is not a zip file that can be opened."),
    "not-a-file": N_("Not taken: {folder} is a link or a device, not a file."),
    "bomb": N_("Not taken: {folder} would unpack to far more than it weighs."),
    "bad-folder-name": N_(
        "Not taken: '{folder}' cannot be a folder's name: use letters, digits and hyphens."
    ),
    "nothing-sent": N_("Nothing was sent: choose a zip file or a folder."),
    "edited": N_("The texts of {folder} are saved: on screen within seconds."),
    "unchanged": N_("Nothing was changed in {folder}."),
    "required": N_(
        "Nothing was changed in {folder}: its name, profession, origin and testimony cannot be left empty."
    ),
}
_AUDIO = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
}
# An upload larger than this is refused before it is read.
MAX_REQUEST_BYTES = uploads.MAX_BYTES + 1024 * 1024


class Desk:
    """One collection folder, served."""

    def __init__(self, root: str, settings: Settings, cache: Path, *, secure_cookies: bool = False) -> None:
        self.root = root
        self.settings = settings
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

    # -- new portraits ----------------------------------------------------------

    async def add_page(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        return self._page(request, "add.html", page="add", outcomes=[], values={})

    async def add_portrait(self, request: Request) -> Response:
        """The add form: a new folder written from its fields and its files."""
        refused = self._refuse_upload(request)
        if refused is not None:
            return refused
        async with request.form(max_files=20, max_fields=60) as form:
            return await self._add_from(request, form)

    async def _add_from(self, request: Request, form) -> Response:
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        values = {key: value for key, value in form.items() if isinstance(value, str)}
        folder = values.get("folder", "").strip() or uploads.folder_name_for(values.get("name", ""))
        staging = uploads.Staging.under(self.root)
        try:
            if not uploads.valid_folder_name(folder):
                raise uploads.Refused("bad-folder-name", folder)
            uploads.write_yaml(staging, folder, uploads.portrait_yaml(self._fields(values)))
            for upload in form.getlist("files"):
                if isinstance(upload, UploadFile) and upload.filename:
                    staging.add_file(f"{folder}/{os.path.basename(upload.filename)}", upload.file)
            outcomes = await run_in_threadpool(self._take, staging, request)
        except uploads.Refused as refusal:
            outcomes = [Outcome(refusal.detail, refusal.reason)]
        finally:
            staging.discard()
        return self._after_upload(request, outcomes, values)

    async def upload(self, request: Request) -> Response:
        """A zip of portrait folders, or a folder dropped on the page (its files, each with
        its path)."""
        refused = self._refuse_upload(request)
        if refused is not None:
            return refused
        async with request.form(max_files=uploads.MAX_ENTRIES, max_fields=5) as form:
            return await self._upload_from(request, form)

    async def _upload_from(self, request: Request, form) -> Response:
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        sent = [u for u in form.getlist("files") if isinstance(u, UploadFile) and u.filename]
        if not sent:
            return self._after_upload(request, [Outcome("", "nothing-sent")], {})
        staging = uploads.Staging.under(self.root)
        try:
            for upload in sent:
                name = upload.filename or ""
                if name.lower().endswith(".zip") and len(sent) == 1:
                    stem = uploads.folder_name_for(os.path.basename(name)[:-4])
                    await run_in_threadpool(uploads.unpack_zip, staging, upload.file, stem)
                else:
                    staging.add_file(name, upload.file)
            outcomes = await run_in_threadpool(self._take, staging, request)
        except uploads.Refused as refusal:
            outcomes = [Outcome(refusal.detail, refusal.reason)]
        finally:
            staging.discard()
        return self._after_upload(request, outcomes, {})

    def _refuse_upload(self, request: Request) -> Response | None:
        """Signed out, or larger than an upload may be (judged before reading it)."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        length = request.headers.get("content-length", "")
        if not length.isdigit() or int(length) > MAX_REQUEST_BYTES:
            return self._page(
                request, "add.html", 413, page="add", values={}, outcomes=[Outcome("", "too-large")]
            )
        return None

    def _fields(self, values: dict[str, str]) -> dict[str, str | dict[str, str]]:
        """The add form's fields as portrait.yaml's, one text per offered language."""
        languages = self.settings.languages.offered
        fields: dict[str, str | dict[str, str]] = {"name": values.get("name", "")}
        for key in ("profession", "origin", "testimony", "quote"):
            fields[key] = {code: values.get(f"{key}.{code}", "") for code in languages}
        fields["arrived"] = values.get("arrived", "")
        fields["photo_credit"] = values.get("photo_credit", "")
        if values.get("published") != "true":
            fields["published"] = "false"
        return fields

    def _take(self, staging: uploads.Staging, request: Request) -> list[Outcome]:
        """Each folder of the staging folder checked as the kiosk will read it, its photo
        prepared by the helper; the good ones moved into the collection."""
        outcomes = []
        for folder in staging.folders:
            reading = read_portrait_folder(
                str(staging.path), folder, self.settings.languages, full_decode=False
            )
            lines = tuple(problem.as_line() for problem in reading.problems)
            if any(problem.is_error for problem in reading.problems):
                outcomes.append(Outcome(folder, "has-errors", lines))
                continue
            if reading.portrait is not None:
                try:
                    self.thumbnails.prepare(request_for(reading.portrait, "thumb", (0, 0)))
                except (ContentError, OSError) as exc:
                    message = exc.message if isinstance(exc, ContentError) else str(exc)
                    outcomes.append(Outcome(folder, "bad-photo", (*lines, message)))
                    continue
            try:
                uploads.move_in(staging, folder, self.root)
            except uploads.Refused as refusal:
                outcomes.append(Outcome(folder, refusal.reason, lines))
                continue
            log.info("%s added %s", security.who(request), folder)
            outcomes.append(
                Outcome(folder, "added-draft" if reading.is_draft else "added", lines, added=True)
            )
        return outcomes

    def _after_upload(self, request: Request, outcomes: list[Outcome], values: dict) -> Response:
        """One folder added: back to the collection, which shows it. Otherwise the add page
        with what became of each folder (422 when nothing was added)."""
        self.collection.read_now()
        if len(outcomes) == 1 and outcomes[0].added:
            return RedirectResponse(
                _with_notice("/", outcomes[0].reason, outcomes[0].folder), status_code=303
            )
        status = 200 if any(outcome.added for outcome in outcomes) else 422
        return self._page(request, "add.html", status, page="add", outcomes=outcomes, values=values)

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
            languages=self.settings.languages.offered,
            notices=NOTICES,
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

    async def portrait_page(self, request: Request) -> Response:
        """One portrait: its state and problems, its proofs in each shape and language (the
        real screen, drawn on first asking), its voices to listen to."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        language = catalogue.language_from_header(
            request.headers.get("accept-language", ""), self.settings.languages.offered
        )
        reading = self.collection.reading(request.path_params["folder"])
        if reading is None:
            return RedirectResponse(
                _with_notice("/", "no-folder", request.path_params["folder"]), status_code=303
            )
        entry = next(e for e in self.collection.entries(language) if e.id == reading.id)
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

    async def edit_page(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        folder = request.path_params["folder"]
        try:
            values = editing.current_values(self.root, folder, self.settings.languages)
        except changes.RefusedChange as refused:
            return RedirectResponse(_with_notice("/", refused.reason, refused.folder), status_code=303)
        reading = self.collection.reading(folder)
        problems = [p.as_line() for p in reading.problems] if reading else []
        return self._page(
            request, "edit.html", page="collection", folder=folder, values=values, problems=problems
        )

    async def edit_texts(self, request: Request) -> Response:
        """The edit form sent: the changed texts written, the rest of the file kept."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        form = await _form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        folder = request.path_params["folder"]
        try:
            written = editing.apply_edit(self.root, folder, form, self.settings.languages)
        except changes.RefusedChange as refused:
            return RedirectResponse(_with_notice("/", refused.reason, refused.folder), status_code=303)
        except OSError as exc:
            log.error("%s could not edit %s: %s", security.who(request), folder, exc)
            return RedirectResponse(_with_notice("/", "not-written", str(exc.strerror)), status_code=303)
        if written:
            log.info("%s edited %s (%s)", security.who(request), folder, ", ".join(written))
        self.collection.read_now()
        notice = "edited" if written else "unchanged"
        return RedirectResponse(_with_notice(f"/portrait/{quote(folder)}", notice, folder), status_code=303)

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


@dataclass(frozen=True)
class Outcome:
    """What became of one folder sent to the desk."""

    folder: str
    reason: str  # a key of NOTICES
    problems: tuple[str, ...] = ()
    added: bool = False


def _with_notice(path: str, done: str, folder: str) -> str:
    return f"{path}?done={quote(done)}&folder={quote(folder)}"


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"
