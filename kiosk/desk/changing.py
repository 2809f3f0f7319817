"""The desk's changes to portraits already there: publishing and withdrawing, the trash,
editing the texts. Each refused without a session or with another page's form."""

from __future__ import annotations

import logging
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kiosk.desk import changes, editing, security
from kiosk.desk.notices import with_notice
from kiosk.desk.pages import Pages, read_form

log = logging.getLogger("kiosk.desk")


class ChangingPages(Pages):
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
        form = await read_form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        back = "/trash" if what == "restored" else "/"
        try:
            folder, notice = self._apply(request, what, form)
        except changes.RefusedChange as refused:
            return RedirectResponse(with_notice(back, refused.reason, refused.folder), status_code=303)
        except OSError as exc:
            log.error("%s could not change %s: %s", security.who(request), what, exc)
            return RedirectResponse(with_notice(back, "not-written", str(exc.strerror)), status_code=303)
        self.collection.read_now()
        return RedirectResponse(with_notice(back, notice, folder), status_code=303)

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

    async def edit_page(self, request: Request) -> Response:
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        folder = request.path_params["folder"]
        try:
            values = editing.current_values(self.root, folder, self.settings.languages)
        except changes.RefusedChange as refused:
            return RedirectResponse(with_notice("/", refused.reason, refused.folder), status_code=303)
        reading = self.collection.reading(folder)
        language = self._language(request)
        problems = [p.as_line(language) for p in reading.problems] if reading else []
        return self._page(
            request, "edit.html", page="collection", folder=folder, values=values, problems=problems
        )

    async def edit_texts(self, request: Request) -> Response:
        """The edit form sent: the changed texts written, the rest of the file kept."""
        if not security.is_signed_in(request):
            return RedirectResponse("/signin", status_code=303)
        form = await read_form(request)
        if not security.csrf_ok(request, form.get(security.CSRF_FIELD)):
            return self._refused(request)
        folder = request.path_params["folder"]
        try:
            written = editing.apply_edit(self.root, folder, form, self.settings.languages)
        except changes.RefusedChange as refused:
            return RedirectResponse(with_notice("/", refused.reason, refused.folder), status_code=303)
        except OSError as exc:
            log.error("%s could not edit %s: %s", security.who(request), folder, exc)
            return RedirectResponse(with_notice("/", "not-written", str(exc.strerror)), status_code=303)
        if written:
            log.info("%s edited %s (%s)", security.who(request), folder, ", ".join(written))
        self.collection.read_now()
        notice = "edited" if written else "unchanged"
        return RedirectResponse(with_notice(f"/portrait/{quote(folder)}", notice, folder), status_code=303)
