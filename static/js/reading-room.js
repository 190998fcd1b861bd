// The reading room, on its own pages (loaded by base.html there only, so the service worker is
// registered only in browsers of people who use it):
// - notes: select words in a report to highlight them or write a note on them. Without JavaScript the
//   form under "Add a note" does the same; this only fills it in from a selection and marks the words;
// - offline: the service worker (static/js/reading-room-sw.js) keeps a meeting's papers when asked,
//   is told to drop Part 2 papers at sign-out, and asks the server what it may keep at every page.
// Its words are the page's language's (core/script_words.py, through t()).

import { t } from "./words.js";

const report = document.querySelector("[data-reading-room-report]");
const form = document.getElementById("note-form");
const data = document.getElementById("reading-room-notes");

const squash = (text) => text.replace(/\s+/g, " ").trim();

// The text nodes of an element with, for each character of its squashed text, where it came from.
function textMap(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const chars = [];
  let text = "";
  let lastSpace = true;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".council-paragraph__number, .council-reading-room__pack-page")) continue;
    for (let i = 0; i < node.data.length; i += 1) {
      const ch = node.data[i];
      if (/\s/.test(ch)) {
        if (lastSpace) continue;
        text += " ";
        lastSpace = true;
      } else {
        text += ch;
        lastSpace = false;
      }
      chars.push([node, i]);
    }
  }
  return { text, chars };
}

function mark(paragraph, quote, id) {
  const element = document.getElementById(`paragraph-${paragraph}`);
  if (!element || !quote) return;
  const { text, chars } = textMap(element);
  const start = text.indexOf(squash(quote));
  if (start < 0) return;
  const end = start + squash(quote).length - 1;
  const range = document.createRange();
  range.setStart(chars[start][0], chars[start][1]);
  range.setEnd(chars[end][0], chars[end][1] + 1);
  const highlight = document.createElement("mark");
  highlight.className = "council-note-mark";
  highlight.dataset.noteId = id;
  highlight.appendChild(range.extractContents());
  range.insertNode(highlight);
}

function paragraphOf(node) {
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
  const found = element && element.closest("[id^='paragraph-']");
  return found && report.contains(found) ? found : null;
}

function toolbar() {
  // A plain box holds the buttons: `hidden` on the button group itself loses to its display: flex.
  const bar = document.createElement("div");
  bar.className = "council-reading-room__toolbar";
  bar.hidden = true;
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", t("Selected words"));
  const group = document.createElement("div");
  group.className = "govuk-button-group govuk-!-margin-bottom-0";
  bar.appendChild(group);
  const labels = [
    ["highlight", t("Highlight")],
    ["note", t("Add a note")],
  ];
  for (const [kind, label] of labels) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
    button.dataset.kind = kind;
    button.textContent = label;
    group.appendChild(button);
  }
  report.before(bar);
  return bar;
}

if (report && form) {
  if (data) {
    for (const note of JSON.parse(data.textContent)) {
      if (note.paragraph) mark(note.paragraph, note.quote, note.id);
    }
  }
  const bar = toolbar();
  let chosen = null;
  const choose = () => {
    if (bar.contains(document.activeElement)) return; // moving to the buttons keeps the words chosen
    const selection = window.getSelection();
    const quote = selection && !selection.isCollapsed ? squash(selection.toString()) : "";
    const start = quote && paragraphOf(selection.anchorNode);
    const end = quote && paragraphOf(selection.focusNode);
    chosen = start && start === end ? { paragraph: start.id.slice("paragraph-".length), quote } : null;
    bar.hidden = !chosen;
  };
  document.addEventListener("selectionchange", choose);
  bar.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
  bar.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-kind]");
    if (!button || !chosen) return;
    form.elements.paragraph.value = chosen.paragraph;
    form.elements.quote.value = chosen.quote;
    form.querySelector(`input[name=kind][value=${button.dataset.kind}]`).checked = true;
    if (button.dataset.kind === "highlight") {
      form.requestSubmit();
    } else {
      form.elements.text.focus();
      form.scrollIntoView({ block: "center" });
    }
  });
}

// Offline ----------------------------------------------------------------------------------------

const script = document.querySelector("script[data-service-worker]");

function tell(worker, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage(message, [channel.port2]);
  });
}

if ("serviceWorker" in navigator && script) {
  navigator.serviceWorker.register(script.dataset.serviceWorker, { scope: "/" });
  navigator.serviceWorker.ready.then((registration) => {
    const worker = registration.active;
    if (navigator.onLine) tell(worker, { action: "sync" });

    const keep = document.querySelector("[data-offline-keep]");
    const list = document.getElementById("reading-room-offline");
    if (keep && list) {
      keep.hidden = false;
      const status = keep.querySelector("[data-offline-status]");
      keep.querySelector("button").addEventListener("click", async () => {
        status.textContent = t("Keeping the papers…");
        const result = await tell(worker, {
          action: "keep",
          papers: JSON.parse(list.textContent),
          assets: keep.dataset.assets.split(" "),
          committee: Number(keep.dataset.committee),
        });
        status.textContent = result.failed
          ? t("Kept %(kept)s papers for offline reading; %(failed)s could not be fetched.", result)
          : t("Kept %(kept)s papers for offline reading.", result);
      });
    }

    // Signing out: Part 2 papers leave this device before the session does (the server's
    // Clear-Site-Data header then clears the rest, in browsers that honour it).
    for (const form of document.querySelectorAll("form[action$='/accounts/logout/']")) {
      form.addEventListener("submit", async (event) => {
        if (form.dataset.cleared) return;
        event.preventDefault();
        await tell(worker, { action: "sign-out" });
        form.dataset.cleared = "yes";
        form.requestSubmit();
      });
    }
  });
}
