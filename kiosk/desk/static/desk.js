// The page follows the collection: when a folder changes (here or copied onto the share
// by someone else), it is drawn again. Nothing else runs in the page.
"use strict";
(function () {
  const shown = document.body.dataset.revision;
  if (!shown) return;
  async function look() {
    try {
      const answer = await fetch("/revision", { credentials: "same-origin", cache: "no-store" });
      if (answer.status === 401) { window.location.assign("/signin"); return; }
      const now = (await answer.json()).revision;
      if (now && now !== shown) { window.location.reload(); return; }
    } catch (error) {
      // The desk is restarting or the network dropped: look again later.
    }
    window.setTimeout(look, 2000);
  }
  window.setTimeout(look, 2000);
})();
