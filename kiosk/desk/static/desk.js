// The collection page follows the collection: when a folder changes (here or copied onto
// the share by someone else), it is drawn again, unless the curator has just sent a form
// (withdraw, publish, remove): its answer is on its way, and a reload would cancel it.
"use strict";
(function () {
  const page = document.body;
  const shown = page.dataset.revision;
  if (!shown) return;
  document.addEventListener("submit", () => page.classList.add("sending"));
  window.addEventListener("pageshow", () => page.classList.remove("sending"));
  async function look() {
    if (!page.classList.contains("sending")) {
      try {
        const answer = await fetch("/revision", { credentials: "same-origin", cache: "no-store" });
        if (answer.status === 401) { window.location.assign("/signin"); return; }
        const now = (await answer.json()).revision;
        if (now && now !== shown) { window.location.reload(); return; }
      } catch (error) {
        // The desk is restarting or the network dropped: look again later.
      }
    }
    window.setTimeout(look, 2000);
  }
  window.setTimeout(look, 2000);
})();

// The Add page: folders or a zip dropped onto the page are sent as the folder input sends
// them (each file under its path), so that dropping works as choosing does.
(function () {
  const zone = document.querySelector("[data-drop]");
  if (!zone) return;
  const form = zone.closest("form");
  const token = form.querySelector("input[type=hidden]");

  async function filesOf(entry, path) {
    if (entry.isFile) {
      const file = await new Promise((done, failed) => entry.file(done, failed));
      return [[path + file.name, file]];
    }
    const reader = entry.createReader();
    const found = [];
    for (;;) {
      const batch = await new Promise((done, failed) => reader.readEntries(done, failed));
      if (!batch.length) break;
      for (const child of batch) found.push(...await filesOf(child, path + entry.name + "/"));
    }
    return found;
  }

  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    zone.classList.add("sending");
    try {
      const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry()).filter(Boolean);
      const body = new FormData();
      body.append(token.name, token.value);
      for (const entry of entries) {
        for (const [path, file] of await filesOf(entry, "")) body.append("files", file, path);
      }
      if (!entries.length) {  // files without a file system behind them: sent under their names
        for (const file of event.dataTransfer.files) body.append("files", file, file.name);
      }
      const answer = await fetch(form.action, { method: "POST", body: body, credentials: "same-origin" });
      if (answer.redirected) { window.location.assign(answer.url); return; }
      document.open();
      document.write(await answer.text());
      document.close();
    } catch (error) {
      // The desk could not be reached: nothing was sent; the curator can drop again.
      console.error("the drop was not sent:", error);
      zone.classList.remove("sending");
    }
  });
})();
