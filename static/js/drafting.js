// Drafting pages, progressive enhancement only: every form works without this file.
//  1. Warn before leaving a page whose form has unsaved changes.
//  2. Pasting from Word: send the clipboard's HTML to the server, which keeps paragraphs,
//     lists, tables, bold, italic and links, and put back the text box's text for it (simple marks
//     like "- " and **bold**, never HTML).
//  3. On the report editor, adding, editing, moving, nesting and deleting happen in place: the
//     same forms and links are sent with fetch, and the page's main content is replaced by the
//     server's new rendering, so numbering is always the server's and nothing is worked out twice.
import { initAll } from "/static/build/govuk-frontend.min.js";
import { t } from "./words.js";

const dirty = new Set();
let submitting = false;

document.addEventListener("input", (event) => markDirty(event.target));
document.addEventListener("change", (event) => markDirty(event.target));

function markDirty(target) {
  const form = target.closest && target.closest("form[data-unsaved-warning]");
  if (form) dirty.add(form);
}

// A form sent the ordinary way is being saved, not left: its own changes no longer count. This runs
// after the in-place editor's handler, which prevents the default for the forms it sends itself.
document.addEventListener("submit", (event) => {
  if (!event.defaultPrevented) dirty.delete(event.target);
});

window.addEventListener("beforeunload", (event) => {
  if (submitting || dirty.size === 0) return;
  event.preventDefault();
  event.returnValue = ""; // older browsers need a value to show their own warning
});

function csrfToken(element) {
  const form = element.form || element.closest("form");
  const field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

document.addEventListener("paste", async (event) => {
  const box = event.target;
  if (!box.matches || !box.matches("textarea[data-rich-text][data-paste-url]")) return;
  const html = event.clipboardData && event.clipboardData.getData("text/html");
  if (!html) return; // plain text: the browser pastes it and the server tidies it on save
  event.preventDefault();
  const plain = event.clipboardData.getData("text/plain");
  const body = new URLSearchParams({ html });
  try {
    const response = await fetch(box.dataset.pasteUrl, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": csrfToken(box) },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(String(response.status));
    const cleaned = (await response.json()).text;
    box.setRangeText(cleaned, box.selectionStart, box.selectionEnd, "end");
  } catch {
    box.setRangeText(plain, box.selectionStart, box.selectionEnd, "end");
  }
  box.dispatchEvent(new Event("input", { bubbles: true }));
});

// In-place editing ------------------------------------------------------------------------

const main = document.getElementById("main-content");
const editor = main && main.querySelector("[data-in-place-editor]");
const editorPath = editor && new URL(editor.dataset.inPlaceEditor, location.href).pathname;
let busy = false;

function isEditorLink(link) {
  const raw = link.getAttribute("href") || "";
  if (raw === "" || raw.startsWith("#") || link.target || link.hasAttribute("download")) return false;
  const url = new URL(link.href, location.href);
  return url.origin === location.origin && url.pathname === editorPath;
}

function isEditorForm(form) {
  const url = new URL(form.action, location.href);
  return url.origin === location.origin && url.pathname.startsWith(editorPath) && form.method.toLowerCase() === "post";
}

function leaveUnsaved(except) {
  const others = [...dirty].filter((form) => form !== except && document.contains(form));
  if (others.length === 0) return true;
  return window.confirm(t("You have changes that are not saved. Leave them and carry on?"));
}

async function replaceMain(response, anchor) {
  const html = await response.text();
  const incoming = new DOMParser().parseFromString(html, "text/html");
  const content = incoming.getElementById("main-content");
  if (!content) {
    location.assign(response.url); // not an editor page (signed out, say): let the browser show it
    return;
  }
  main.replaceChildren(...content.childNodes);
  document.title = incoming.title;
  dirty.clear();
  initAll({ scope: main });
  // The rich-text editor (static/editor) starts again on the new content.
  document.dispatchEvent(new CustomEvent("council:page-replaced"));
  // Refused: the summary of what is wrong comes first (GOV.UK's pattern); its links lead to the form.
  const refused = main.querySelector("#conflict, #form-errors, .govuk-form-group--error");
  focusOn(refused || (anchor && document.getElementById(anchor)));
}

// An open form: its first field; an item that moved or was saved: the item itself, so that the
// keyboard and a screen reader carry on from where the change happened.
function focusOn(target) {
  if (!target) return;
  const field = target.querySelector("textarea, input:not([type=hidden]):not([type=file]), select");
  const summary = target.id === "conflict" || target.id === "form-errors";
  const focusable = (!summary && field) || target;
  if (focusable === target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  focusable.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
}

// The rich-text editor (static/editor) stops taking typing until the new content is in place, and
// its saves are finished first: the page read next has them, at the version they made, so the change
// sent next is not refused as a conflict with the author's own typing.
async function leaving() {
  const waits = [];
  document.dispatchEvent(new CustomEvent("council:page-replacing", { detail: { wait: (promise) => waits.push(promise) } }));
  await Promise.allSettled(waits);
}

async function go(url, anchor) {
  const response = await fetch(url, { credentials: "same-origin", headers: { "X-In-Place": "1" } });
  await replaceMain(response, anchor);
  history.replaceState(null, "", editorPath + (anchor ? `#${anchor}` : ""));
}

if (editor) {
  main.addEventListener("click", async (event) => {
    const link = event.target.closest("a");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (!isEditorLink(link) || busy) return;
    if (!leaveUnsaved(null)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    busy = true;
    const url = new URL(link.href, location.href);
    try {
      await leaving();
      await go(url.pathname + url.search, url.hash.slice(1));
    } catch {
      location.assign(link.href);
    } finally {
      busy = false;
    }
  });

  main.addEventListener("submit", async (event) => {
    const form = event.target;
    if (event.defaultPrevented || !isEditorForm(form)) return;
    event.preventDefault();
    if (busy || !leaveUnsaved(form)) return;
    busy = true;
    main.setAttribute("aria-busy", "true");
    try {
      await leaving();
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form, event.submitter),
        credentials: "same-origin",
        headers: { "X-In-Place": "1" },
      });
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && type.startsWith("application/json")) {
        const { location: next } = await response.json();
        const url = new URL(next, location.href);
        await go(url.pathname + url.search, url.hash.slice(1));
      } else {
        // A refused form (400), an edit conflict (409): the server's page says why and keeps what was typed.
        await replaceMain(response, null);
      }
    } catch {
      submitting = true;
      form.submit(); // the network failed us: fall back to the plain form
    } finally {
      busy = false;
      main.removeAttribute("aria-busy");
    }
  });
}
