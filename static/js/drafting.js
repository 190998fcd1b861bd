// Drafting pages, progressive enhancement only: every form works without this file.
//  1. Warn before leaving a page whose form has unsaved changes.
//  2. Pasting from Word: send the clipboard's HTML to the server, which keeps paragraphs,
//     lists, bold, italic and links, and put back what will be stored.

const dirty = new Set();
let submitting = false;

for (const form of document.querySelectorAll("form[data-unsaved-warning]")) {
  form.addEventListener("input", () => dirty.add(form));
  form.addEventListener("change", () => dirty.add(form));
  form.addEventListener("submit", () => {
    submitting = true;
  });
}

window.addEventListener("beforeunload", (event) => {
  if (submitting || dirty.size === 0) return;
  event.preventDefault();
  event.returnValue = ""; // older browsers need a value to show their own warning
});

function csrfToken(element) {
  const field = element.form && element.form.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

for (const box of document.querySelectorAll("textarea[data-rich-text][data-paste-url]")) {
  box.addEventListener("paste", async (event) => {
    const html = event.clipboardData && event.clipboardData.getData("text/html");
    if (!html) return; // plain text: the browser pastes it and the server tidies it on save
    event.preventDefault();
    const body = new URLSearchParams({ html });
    try {
      const response = await fetch(box.dataset.pasteUrl, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrfToken(box) },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      const cleaned = (await response.json()).html;
      box.setRangeText(cleaned, box.selectionStart, box.selectionEnd, "end");
    } catch {
      box.setRangeText(event.clipboardData.getData("text/plain"), box.selectionStart, box.selectionEnd, "end");
    }
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
