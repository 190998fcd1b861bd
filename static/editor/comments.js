// Approvers' comments where the text is, in the editor (issue 16). The page marks each part with
// threads ("2 open comments", a link to them on the comments page, which is how it works without
// JavaScript). Here the marker opens the thread in place: it is read from the comments page itself,
// so the same rules decide what shows (reports/comments.py, `can_comment_on_report`), and its reply,
// resolve, comment, accept and reject forms are sent from where they are, the answer shown in place.

import { t, tn } from "../js/words.js";

let csrf = "";
let change = null; // the editor's versioned change: an accepted suggestion changes the paragraph's text
let version = null;

/** Mark up the page's comment markers as buttons that open their threads in place. */
export function setUpComments(root, options) {
  csrf = options.csrf;
  change = options.change;
  version = options.version;
  for (const marker of root.querySelectorAll("a[data-comments]")) {
    marker.setAttribute("role", "button");
    marker.setAttribute("aria-expanded", "false");
    marker.setAttribute("aria-controls", panelId(marker));
    marker.addEventListener("click", (event) => {
      event.preventDefault();
      toggle(marker);
    });
    marker.addEventListener("keydown", (event) => {
      if (event.key !== " ") return;
      event.preventDefault();
      toggle(marker);
    });
  }
}

/** The paragraphs, recommendations and title-block rows on the page, named as their comments name them
 * ("paragraph 1.1", "the title-block row “Wards”"). */
function commentable(root) {
  const parts = [];
  for (const item of root.querySelectorAll('.council-edit-item[id^="paragraph-"], .council-edit-item[id^="recommendation-"]')) {
    const after = item.querySelector(":scope > .council-edit-text") || item.querySelector(":scope > h3");
    if (!after) continue; // its plain form is open
    const number = item.querySelector(".council-number");
    const shown = number ? number.textContent.replace(/\.$/, "").trim() : "";
    const where = item.id.startsWith("recommendation-")
      ? t("on recommendation %(number)s", { number: shown })
      : t("on paragraph %(number)s", { number: shown });
    parts.push({ key: item.id, where: where.trim(), place: (line) => after.after(line) });
  }
  // The title block's rows ("Wards", "Key decision"): a thread on a row is named by the row's label.
  for (const row of root.querySelectorAll('.govuk-summary-list__row[id^="row-"]')) {
    const label = row.querySelector(".govuk-summary-list__key");
    const value = row.querySelector(".govuk-summary-list__value");
    if (!label || !value) continue;
    parts.push({ key: row.id, where: t("on the title-block row “%(label)s”", { label: label.textContent.trim() }), place: (line) => value.append(line) });
  }
  return parts;
}

/**
 * A "Comment" link beside each paragraph, recommendation and title-block row with no comments yet, for people who may
 * start a thread (the page gives `url`, the comments page, only to them): it opens the form for a new
 * comment in place. Without JavaScript the comments page offers the same ("Comment on paragraph 1.1");
 * the links are made here so a long report's page stays small.
 */
export function addCommentLinks(root, url) {
  for (const { key, where, place } of commentable(root)) {
    if (root.querySelector(`a[data-comments="${CSS.escape(key)}"]`)) continue; // it has threads already
    const link = document.createElement("a");
    link.className = "govuk-link council-comment-marker council-comment-marker--new";
    link.href = `${url}?on=${encodeURIComponent(key)}#${key}`;
    link.dataset.comments = key;
    link.dataset.commentNew = "";
    const hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = ` ${where}`;
    link.append(t("Comment"), hidden);
    const line = document.createElement("p");
    line.className = "govuk-body-s council-comment-marker-line";
    line.append(link);
    place(line);
  }
}

/** After the page was shown again: the thread that was open opens again, saying what happened. */
export function reopen(root, key, said) {
  const marker = root && root.querySelector(`a[data-comments="${key}"]`);
  if (marker) show(marker, { said });
}

function panelId(marker) {
  return `comments-on-${marker.dataset.comments}`;
}

function toggle(marker) {
  const panel = document.getElementById(panelId(marker));
  if (panel) {
    close(marker, panel);
  } else {
    show(marker, { writing: "commentNew" in marker.dataset }); // a part without comments: write the first
  }
}

function close(marker, panel) {
  panel.remove();
  marker.setAttribute("aria-expanded", "false");
  marker.focus();
}

function where(marker) {
  const hidden = marker.querySelector(".govuk-visually-hidden");
  return hidden ? hidden.textContent.trim() : "";
}

function panelFor(marker) {
  let panel = document.getElementById(panelId(marker));
  if (!panel) {
    panel = document.createElement("div");
    panel.id = panelId(marker);
    panel.className = "council-comment-panel";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", t("Comments %(where)s", { where: where(marker) }));
    marker.closest(".council-comment-marker-line").after(panel);
  }
  return panel;
}

function message(text, kind) {
  const element = document.createElement("p");
  element.className = kind === "error" ? "govuk-error-message council-comment-panel__message" : "govuk-body-s council-comment-panel__message";
  element.setAttribute("role", kind === "error" ? "alert" : "status");
  element.textContent = text;
  return element;
}

/** Open (or show again) the threads on the marker's part; `writing` opens the form for a new comment. */
async function show(marker, { writing = false, said = "", typed = null } = {}) {
  const key = marker.dataset.comments;
  const panel = panelFor(marker);
  marker.setAttribute("aria-expanded", "true");
  const url = marker.href.split("#")[0].split("?")[0] + (writing ? `?on=${encodeURIComponent(key)}` : "");
  const focused = document.activeElement;
  let threads = null;
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const part = page.getElementById(key);
    threads = part && part.querySelector(".council-comment-threads");
  } catch {
    threads = null;
  }
  if (!threads) {
    panel.replaceChildren(message(t("The comments could not be read. Check the connection and try again."), "error"));
    return;
  }
  const heading = document.createElement("h3");
  heading.className = "govuk-heading-s";
  heading.textContent = t("Comments %(where)s", { where: where(marker) });
  heading.tabIndex = -1;
  const shut = document.createElement("button");
  shut.type = "button";
  shut.className = "govuk-button govuk-button--secondary council-small-button";
  shut.textContent = t("Close the comments");
  shut.addEventListener("click", () => close(marker, panel));
  const parts = [heading];
  if (said) parts.push(message(said.text, said.kind));
  parts.push(threads, shut);
  panel.replaceChildren(...parts);
  if (typed) {
    const box = panel.querySelector(`#${CSS.escape(typed.id)}`);
    if (box) box.value = typed.value; // refused: what was typed stays
  }
  count(marker, threads);
  wire(marker, panel);
  // The threads are read over the network: if the author has gone on meanwhile (back into the text,
  // after an accepted suggestion), the focus stays there, or what they type next would go nowhere.
  const movedOn = document.activeElement !== focused && document.activeElement !== document.body && !panel.contains(document.activeElement);
  if (movedOn) return;
  if (writing) {
    const box = panel.querySelector("textarea[name=body]:not([id^=reply-])");
    if (box) box.focus();
  } else if (said) {
    heading.focus();
  }
}

/** The marker says how many threads are open now. */
function count(marker, threads) {
  const all = threads.querySelectorAll(":scope > .council-comment-thread").length;
  const resolved = threads.querySelectorAll(":scope > .council-comment-thread--resolved").length;
  const open = all - resolved;
  if (!all && "commentNew" in marker.dataset) return; // still none: it still says "Comment"
  delete marker.dataset.commentNew;
  // The words the page's own markers use (templates/reports/_comment_marker.html).
  const text = open
    ? tn("%(open)s open comment", "%(open)s open comments", open, { open }) +
      (resolved ? `, ${t("%(resolved)s resolved", { resolved })}` : "")
    : tn("%(resolved)s resolved comment", "%(resolved)s resolved comments", resolved, { resolved });
  const hidden = marker.querySelector(".govuk-visually-hidden");
  marker.replaceChildren(document.createTextNode(text), hidden);
  marker.classList.toggle("council-comment-marker--open", open > 0);
}

function wire(marker, panel) {
  for (const link of panel.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("?on=")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        show(marker, { writing: true });
      });
    } else if (link.textContent.trim() === t("Cancel")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        show(marker);
      });
    }
  }
  for (const form of panel.querySelectorAll("form")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(marker, form);
    });
  }
}

async function send(marker, form) {
  const data = new FormData(form);
  const box = form.querySelector("textarea");
  const typed = box ? { id: box.id, value: box.value } : null;
  const post = async () => {
    if (data.has("version")) data.set("version", String(version()));
    const response = await fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-In-Place": "1" },
      body: new URLSearchParams(data),
    });
    return { ok: response.ok, status: response.status, answer: await response.json().catch(() => ({})) };
  };
  for (const button of form.querySelectorAll("button")) button.disabled = true;
  let result;
  try {
    // Accepting a suggestion puts new text in the paragraph: the editor saves what is typed first and
    // shows the page again afterwards, as for any change of the report.
    result = change && form.action.endsWith("/accept/") ? await change(post, marker.dataset.comments) : await post();
  } catch {
    result = { ok: false, answer: { error: t("Not sent: check the connection and try again.") } };
  }
  if (!result) return; // the editor has shown the page again, with the thread open
  if (result.ok) {
    show(marker, { said: { text: result.answer.done || t("Done."), kind: "status" } });
  } else {
    const error = result.answer.error || t("That could not be done. Reload the page and try again.");
    show(marker, { said: { text: error, kind: "error" }, typed, writing: form.id.startsWith("new-") });
  }
}
