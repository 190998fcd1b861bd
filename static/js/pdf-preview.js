// A draft's PDF preview is rendered by the worker: ask in the background until it is ready, then offer
// it. Without this file the page refreshes itself (a meta refresh) and has a link to check again.
const box = document.querySelector("[data-pdf-preview]");

async function check() {
  try {
    const response = await fetch(box.dataset.pdfPreview, { method: "HEAD", credentials: "same-origin", cache: "no-store" });
    if (response.ok && (response.headers.get("Content-Type") || "").startsWith("application/pdf")) {
      box.querySelector("[data-pdf-waiting]").hidden = true;
      box.querySelector("[data-pdf-ready]").hidden = false;
      return;
    }
  } catch {
    // the network failed us for a moment: ask again below
  }
  setTimeout(check, 3000);
}

if (box) setTimeout(check, 2000);
