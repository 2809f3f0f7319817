"""The desk's Add page: the form, a zip of folders, a dropped folder (kiosk.desk.uploads
stages and checks them)."""

from __future__ import annotations

import logging
import os

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kiosk.catalogue import translated
from kiosk.content.photocache import request_for
from kiosk.content.portraits import read_portrait_folder
from kiosk.content.problems import ContentError
from kiosk.desk import security, uploads
from kiosk.desk.notices import Outcome, with_notice
from kiosk.desk.pages import Pages

log = logging.getLogger("kiosk.desk")
# An upload larger than this is refused before it is read.
MAX_REQUEST_BYTES = uploads.MAX_BYTES + 1024 * 1024


class AddingPages(Pages):
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
        language = self._language(request)
        for folder in staging.folders:
            reading = read_portrait_folder(
                str(staging.path), folder, self.settings.languages, full_decode=False
            )
            lines = tuple(problem.as_line(language) for problem in reading.problems)
            if any(problem.is_error for problem in reading.problems):
                outcomes.append(Outcome(folder, "has-errors", lines))
                continue
            if reading.portrait is not None:
                try:
                    self.thumbnails.prepare(request_for(reading.portrait, "thumb", (0, 0)))
                except (ContentError, OSError) as exc:
                    message = exc.message if isinstance(exc, ContentError) else str(exc)
                    outcomes.append(Outcome(folder, "bad-photo", (*lines, translated(message, language))))
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
            return RedirectResponse(with_notice("/", outcomes[0].reason, outcomes[0].folder), status_code=303)
        status = 200 if any(outcome.added for outcome in outcomes) else 422
        return self._page(request, "add.html", status, page="add", outcomes=outcomes, values=values)
