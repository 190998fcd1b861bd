// The report editor as one document (issue 16), built by `npm run build` into static/build/editor.js.
// Progressive enhancement: the page's forms work without it. With it, every block of text on the
// page (.council-block: the summary, each recommendation, each paragraph) becomes a ProseMirror
// editor, saved as it changes; Enter, Tab and Alt+arrows ask the server to split, nest and move
// paragraphs, and the page is then shown again as the server numbers it.
import { baseKeymap, chainCommands, splitBlock, toggleMark } from "prosemirror-commands";
import { history, redo, undo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { EditorState, TextSelection } from "prosemirror-state";
import { addRowAfter, goToNextCell, isInTable, tableEditing } from "prosemirror-tables";
import { Transform } from "prosemirror-transform";
import { EditorView } from "prosemirror-view";
import { initAll } from "/static/build/govuk-frontend.min.js";
import { addCommentLinks, reopen, setUpComments } from "./comments.js";
import { addHandles, isDragging } from "./dragging.js";
import { FORMATTING, inList, link } from "./formatting.js";
import { needsServer, pieces, tidy } from "./paste.js";
import { SaveQueue, SaveStatus } from "./saving.js";
import { parse, schema, toHTML } from "./schema.js";
import { t } from "../js/words.js";

const SAVE_AFTER_MS = 700;
const main = document.getElementById("main-content");
let root = null; // the page's [data-rich-editor] element, replaced whenever the server shows the page again
let queue = null;
let status = null;
let views = new Map(); // block key -> EditorView
let active = null; // the view the toolbar acts on: the last one focused
let structural = false; // a split, nest or move is on its way (or unfinished): another waits for it
let unfinished = null; // a change of structure the network or the server failed: Retry sends it again
const fresh = new Set(); // paragraphs Enter started and nothing has yet been typed into

// Blocks ------------------------------------------------------------------------------------------

function keyOf(element) {
  return element.dataset.block || element.closest("[id]").id;
}

function labelOf(key, element) {
  if (key === "summary") return t("Summary");
  const number = element.closest("[id]").querySelector(".council-number");
  const shown = number ? number.textContent.replace(/\.$/, "").trim() : "";
  const label = key.startsWith("recommendation") ? t("Recommendation %(number)s", { number: shown }) : t("Paragraph %(number)s", { number: shown });
  return label.trim();
}

function isParagraph(key) {
  return key.startsWith("paragraph-");
}

function mount(element) {
  const key = keyOf(element);
  const doc = parse(element);
  // A sub-section's heading (5.4 "Risk Management") with nothing under it yet: its empty text box says
  // what it is for, rather than leaving a blank gap under the heading. (Once it has sub-paragraphs
  // the hint would only repeat itself down the page.)
  const item = element.closest(".council-edit-item");
  const underHeading =
    isParagraph(key) && item && item.querySelector(":scope > h3") && !item.querySelector(":scope > .council-edit-item");
  element.replaceChildren();
  const view = new EditorView(element, {
    state: EditorState.create({ doc, plugins: plugins(key) }),
    attributes: (state) => ({
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": labelOf(key, element),
      class: "council-block__text",
      spellcheck: "true",
      ...(underHeading && isEmptyDoc(state.doc) ? { "data-placeholder": UNDER_HEADING, "aria-placeholder": UNDER_HEADING } : {}),
    }),
    dispatchTransaction(transaction) {
      const state = view.state.apply(transaction);
      view.updateState(state);
      if (transaction.docChanged) {
        follow(view, transaction);
        changed(key, view);
      }
    },
    transformPastedHTML: tidy,
    handlePaste(pastedInto, event) {
      // Several paragraphs, a heading or a numbered paragraph pasted into a paragraph become
      // paragraphs of the report (the server numbers them); anything else is pasted in place.
      if (!isParagraph(key) || isInTable(pastedInto.state) || inList(pastedInto.state)) return false;
      const html = event.clipboardData && event.clipboardData.getData("text/html");
      const found = html ? pieces(html) : [];
      if (!needsServer(found)) return false;
      pasteParagraphs(key, pastedInto, found);
      return true;
    },
    handleDOMEvents: {
      // A paragraph's handle dragged over the text is a move of the paragraph, not text to drop in.
      dragover: () => isDragging(),
      drop: () => isDragging(),
      focus() {
        active = view;
        return false;
      },
      blur() {
        // Left before anything was typed: the paragraph Enter started goes again (after the focus
        // has moved on, so the cursor is put back where the author went).
        if (fresh.has(key)) setTimeout(() => dropEmpty(key, view), 0);
        return false;
      },
    },
  });
  view.savedHTML = toHTML(view.state.doc.content);
  views.set(key, view);
}

function plugins(key) {
  const paragraph = isParagraph(key);
  const enter = (state, dispatch, view) => {
    if (inList(state)) {
      // Enter on the empty last bullet ends the list, as in Word; in a paragraph it starts the next one.
      const atEnd = state.selection.to === TextSelection.atEnd(state.doc).to;
      if (paragraph && atEnd && state.selection.$from.parent.content.size === 0) {
        liftListItem(schema.nodes.list_item)(state, dispatch);
        splitParagraph(key, view);
        return true;
      }
      return splitListItem(schema.nodes.list_item)(state, dispatch);
    }
    if (!paragraph || isInTable(state)) return false; // the summary and recommendations keep several paragraphs
    splitParagraph(key, view);
    return true;
  };
  const tab = (state, dispatch, view) => {
    if (isInTable(state)) {
      // Tab in the last cell adds a row, as in Word.
      if (goToNextCell(1)(state, dispatch)) return true;
      addRowAfter(state, dispatch);
      return goToNextCell(1)(view.state, view.dispatch);
    }
    if (inList(state)) return sinkListItem(schema.nodes.list_item)(state, dispatch) || true;
    if (!paragraph) return false; // Tab leaves the summary or a recommendation, as it leaves a text box
    paragraphAction(key, "indent");
    return true;
  };
  const shiftTab = (state, dispatch) => {
    if (isInTable(state)) return goToNextCell(-1)(state, dispatch);
    if (inList(state)) return liftListItem(schema.nodes.list_item)(state, dispatch) || true;
    if (!paragraph) return false;
    paragraphAction(key, "outdent");
    return true;
  };
  return [
    history(),
    keymap({
      Enter: enter,
      // In a paragraph's own text, a new line of the same paragraph (where a list can start, as in
      // "…as follows:" and its bullets); elsewhere a line break.
      "Shift-Enter": chainCommands(
        (state, dispatch) => paragraph && !inList(state) && !isInTable(state) && splitBlock(state, dispatch),
        (state, dispatch) => {
          if (dispatch) dispatch(state.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView());
          return true;
        },
      ),
      Tab: tab,
      "Shift-Tab": shiftTab,
      "Alt-ArrowUp": () => move(key, "up"),
      "Alt-ArrowDown": () => move(key, "down"),
      Escape: (state, dispatch, view) => leave(view),
      "Mod-Alt-2": (state, dispatch, view) => makeHeading(key, view),
      "Alt-F10": () => toToolbar(),
      "Mod-Shift-8": wrapInList(schema.nodes.bullet_list),
      "Mod-Shift-7": wrapInList(schema.nodes.ordered_list),
      "Mod-b": toggleMark(schema.marks.strong),
      "Mod-i": toggleMark(schema.marks.em),
      "Mod-k": (state, dispatch, view) => link(view, refuse),
      "Mod-z": undo,
      "Mod-y": redo,
      "Shift-Mod-z": redo,
    }),
    keymap(baseKeymap),
    tableEditing(),
  ];
}

const UNDER_HEADING = t("Text under the heading (optional)");

function isEmptyDoc(doc) {
  return doc.childCount === 1 && doc.firstChild.type === schema.nodes.paragraph && doc.firstChild.content.size === 0;
}

function isEmpty(view) {
  return isEmptyDoc(view.state.doc);
}

function changed(key, view) {
  if (!isEmpty(view)) fresh.delete(key);
  clearTimeout(view.saveTimer);
  queue.changed(key);
  view.saveTimer = setTimeout(() => {
    view.saveTimer = null;
    const html = toHTML(view.state.doc.content);
    // A save of the block still in flight may carry older text than it shows: it goes again after.
    if (html !== view.savedHTML || queue.has(key)) queue.add(key, () => toHTML(view.state.doc.content));
    else queue.settled(key);
  }, SAVE_AFTER_MS);
}

/** Escape leaves the text (Tab nests a paragraph while in it): the focus goes to its number. */
function leave(view) {
  const item = view.dom.closest(".council-edit-item, #summary-block") || view.dom.parentElement;
  const target = item.querySelector("a.council-number") || item;
  if (target === item && !item.hasAttribute("tabindex")) item.setAttribute("tabindex", "-1");
  target.focus();
  // Until the focus moves on, Tab passes over this text rather than going back into it.
  view.dom.setAttribute("tabindex", "-1");
  const restore = (event) => {
    if (event.target === target) return;
    view.dom.removeAttribute("tabindex");
    document.removeEventListener("focusin", restore);
  };
  document.addEventListener("focusin", restore);
  return true;
}

// Conflicts and refusals, shown beside the block --------------------------------------------------

function noticeFor(key) {
  const view = views.get(key);
  if (!view) return null;
  const block = view.dom.parentElement;
  let notice = block.nextElementSibling;
  if (!notice || !notice.classList.contains("council-block-notice")) {
    notice = document.createElement("div");
    notice.className = "govuk-error-summary council-block-notice";
    notice.setAttribute("role", "alert");
    block.after(notice);
  }
  return notice;
}

function showConflict(key, answer) {
  status.show("conflict");
  const notice = noticeFor(key);
  if (!notice) return;
  const title = document.createElement("h2");
  title.className = "govuk-error-summary__title";
  title.textContent = t("This part was not saved");
  const message = document.createElement("p");
  message.className = "govuk-body";
  message.textContent = answer.error || t("Somebody else changed this report while you were typing.");
  const theirs = document.createElement("div");
  theirs.className = "govuk-inset-text council-theirs";
  const heading = document.createElement("p");
  heading.className = "govuk-body-s";
  heading.textContent = t("Their text now:");
  const text = document.createElement("div");
  if (answer.theirs) text.innerHTML = answer.theirs; // stored text: the server's sanitiser has been over it
  else text.append(Object.assign(document.createElement("p"), { textContent: t("(nothing)") }));
  theirs.append(heading, text);
  const keep = button(t("Keep my text and save it"), () => {
    queue.version = answer.version;
    notice.remove();
    queue.add(key, () => toHTML(views.get(key).state.doc.content));
  });
  const take = button(t("Use their text"), () => {
    queue.version = answer.version;
    const view = views.get(key);
    const holder = document.createElement("div");
    holder.innerHTML = answer.theirs || "";
    const doc = parse(holder);
    view.updateState(EditorState.create({ doc, plugins: view.state.plugins }));
    view.savedHTML = toHTML(doc.content);
    notice.remove();
    queue.stuck.delete(key);
    queue.show();
  });
  const group = document.createElement("div");
  group.className = "govuk-button-group";
  group.append(keep, take);
  notice.replaceChildren(title, message, theirs, group);
}

function showRefused(key, error) {
  status.show("refused", t("Not saved: %(error)s", { error }));
  const notice = noticeFor(key);
  if (!notice) return;
  const message = document.createElement("p");
  message.className = "govuk-body";
  message.textContent = error;
  notice.replaceChildren(message);
}

function button(label, action, extraClass = "govuk-button--secondary") {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `govuk-button ${extraClass} council-small-button`;
  element.textContent = label;
  element.addEventListener("click", action);
  return element;
}

// Changes of structure: the server does them and numbers the result ------------------------------

/** The network or the server failed the request: it may not have arrived, or its answer not come back. */
class Unanswered extends Error {}

async function post(url, fields, json) {
  const headers = { "X-CSRFToken": queue.csrf, "X-In-Place": "1" };
  const options = { method: "POST", credentials: "same-origin", headers };
  if (json) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(fields);
  } else {
    options.body = new URLSearchParams(fields);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch {
    throw new Unanswered();
  }
  if (response.status >= 500 || response.status === 429) throw new Unanswered();
  return response;
}

/** A name for one change of structure, sent again with it when it is retried: the server answers a
 * change it has already made as it did the first time (web/views/autosave.py), so none is made twice. */
function changeName() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function structure(change) {
  if (structural) return;
  structural = true;
  for (const [key, view] of views) {
    view.since = null; // what was kept for a change refused before this one
    const waiting = view.saveTimer;
    clearTimeout(view.saveTimer);
    view.saveTimer = null;
    const html = toHTML(view.state.doc.content);
    if (html !== view.savedHTML || queue.has(key)) queue.add(key, () => toHTML(view.state.doc.content));
    else if (waiting) queue.settled(key);
  }
  const name = changeName();
  await attempt(() => change(name));
}

/** One try of a change of structure, after what is typed is saved. Saves wait while it is on its way,
 * so none is sent with the version it replaces (the server would refuse it as somebody else's
 * conflict). If the network or the server fails it, it stays unfinished and saves go on waiting (their
 * version depends on whether it was made): it is sent again as a failed save is, after a few seconds,
 * when the browser is back online, or on "Retry". */
async function attempt(change) {
  unfinished = null;
  if (!queue.held) {
    try {
      await queue.flush();
    } catch {
      unfinished = change; // a save failed first: it is retried, then this
      queue.show();
      return;
    }
    queue.hold();
  }
  let refused = null;
  try {
    await showAgain(await change());
  } catch (error) {
    if (error instanceof Unanswered) {
      unfinished = change;
      queue.stalled();
      return;
    }
    refused = t("Not saved: %(error)s", { error: error.message || t("This part could not be saved. Reload the page and try again.") });
  }
  structural = false;
  queue.release();
  if (refused) status.show("refused", refused);
}

function retryChange() {
  if (unfinished) attempt(unfinished);
}

// What is typed into a block while a change of it is on its way (or unfinished) is kept as steps, to
// be put onto what the server made of the block; where Enter cut the block is followed as it is typed
// into, words typed at the cut going after it (they were typed after the Enter).

function follow(view, transaction) {
  if (typeof view.cut === "number") view.cut = transaction.mapping.map(view.cut, -1);
  if (!view.since) return;
  transaction.steps.forEach((step, index) => {
    view.since.steps.push(step);
    view.since.inverted.push(step.invert(transaction.docs[index]));
  });
}

/** From now on, what is typed into the view is kept (the first try of a change: a retry keeps on). */
function keepTyping(view) {
  if (!view.since) view.since = { doc: view.state.doc, cut: view.cut, steps: [], inverted: [] };
  return view.since;
}

/** The steps typed since `since.doc` put after `over`, the server's change of that doc, each moved
 * past it (as prosemirror-collab rebases); words typed into text the change replaced go just after
 * what replaced them, so nothing typed is lost. `current` is the doc with the steps typed. */
function rebase(current, since, over) {
  const tr = new Transform(current);
  for (let index = since.inverted.length - 1; index >= 0; index--) tr.step(since.inverted[index]);
  for (const step of over.steps) tr.step(step);
  let mapFrom = since.steps.length;
  for (const step of since.steps) {
    const past = tr.mapping.slice(mapFrom);
    const mapped = step.map(past);
    mapFrom -= 1;
    if (mapped && !tr.maybeStep(mapped).failed) {
      tr.mapping.setMirror(mapFrom, tr.steps.length - 1);
    } else if (step.slice && step.slice.size) {
      const at = past.map(step.from, 1);
      tr.replace(at, at, step.slice);
    }
  }
  return tr;
}

/** The server's change of a block as one replacement of what differs (an accepted suggestion). */
function replacing(doc, result) {
  const over = new Transform(doc);
  const start = doc.content.findDiffStart(result.content);
  if (start === null) return over;
  let { a, b } = doc.content.findDiffEnd(result.content);
  const overlap = start - Math.min(a, b);
  if (overlap > 0) {
    a += overlap;
    b += overlap;
  }
  over.replace(start, a, result.slice(start, b));
  if (!over.doc.eq(result)) return new Transform(doc).replaceWith(0, doc.content.size, result.content);
  return over;
}

/** The block shown with what was typed into it (saved in its turn), the cursor at `at` if given. */
function put(key, doc, at) {
  const view = views.get(key);
  if (!view) return;
  if (!doc.eq(view.state.doc)) {
    view.updateState(EditorState.create({ doc, plugins: view.state.plugins }));
    changed(key, view);
  }
  if (at === null) return;
  const inside = Math.max(0, Math.min(at, view.state.doc.content.size));
  view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(inside))));
  view.focus();
}

/** Once the server has split the paragraph at `since.cut`: what was typed into it meanwhile, before
 * the cut, stays in it; after the cut it goes into the new paragraph, with the cursor. Called while the
 * old page is still there; answers what to do on the new one. */
function carrySplit(old, key, newKey) {
  const since = old.since;
  const current = old.state.doc;
  const head = old.hasFocus() ? old.state.selection.head : null;
  old.since = null;
  return {
    keys: [key, newKey],
    apply() {
      const depth = since.doc.resolve(since.cut).depth;
      const over = new Transform(since.doc);
      if (depth) over.split(since.cut, depth);
      const tr = rebase(current, since, over);
      const cut = tr.mapping.slice(since.inverted.length + over.steps.length).map(since.cut + depth);
      const at = head === null ? null : tr.mapping.map(head);
      put(key, tr.doc.cut(0, cut), at !== null && at < cut ? at : null);
      put(newKey, tr.doc.cut(cut), at !== null && at >= cut ? at - cut : null);
    },
  };
}

/** Once the server has changed the block's text (an accepted suggestion): what was typed into it
 * meanwhile is put into the new text where it was typed. */
function carryChange(old, key) {
  const since = old.since;
  const current = old.state.doc;
  const head = old.hasFocus() ? old.state.selection.head : null;
  old.since = null;
  return {
    keys: [key],
    apply() {
      const view = views.get(key);
      if (!view || !since.steps.length) return;
      const tr = rebase(current, since, replacing(since.doc, view.state.doc));
      put(key, tr.doc, head === null ? null : tr.mapping.map(head));
    },
  };
}

function splitParagraph(key, view) {
  if (!view.state.selection.empty) view.dispatch(view.state.tr.deleteSelection());
  view.cut = view.state.selection.from;
  const pk = key.split("-")[1];
  structure(async (name) => {
    queue.drop(key);
    clearTimeout(view.saveTimer);
    keepTyping(view);
    const doc = view.state.doc;
    const before = toHTML(doc.cut(0, view.cut).content);
    const after = toHTML(doc.cut(view.cut).content);
    const body = { before, after, version: queue.version, change: name };
    const response = await post(`${base()}blocks/paragraph-${pk}/split/`, body, true);
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error);
    if (!after.replace(/<[^>]*>/g, "").trim()) fresh.add(answer.block);
    return { key: answer.block, at: "start", carry: () => carrySplit(view, key, answer.block) };
  });
}

/** An empty paragraph Enter started and the author left: deleted, so no empty numbered paragraph stays. */
function dropEmpty(key, view) {
  if (structural || views.get(key) !== view || !document.contains(view.dom) || !document.hasFocus()) return;
  if (!fresh.has(key) || !isEmpty(view)) return;
  const item = view.dom.closest(".council-edit-item");
  if (item && item.querySelector(".council-edit-item")) return; // it has sub-paragraphs now: it stays
  fresh.delete(key);
  const went = active && active !== view ? active : null;
  structure(async () => {
    queue.drop(key);
    clearTimeout(view.saveTimer);
    const [kind, pk] = key.split("-");
    const response = await post(`${base()}${kind}s/${pk}/delete/`, { version: queue.version });
    if (!response.ok && response.status !== 409) throw new Error("");
    return went ? { key: keyOf(went.dom.parentElement), at: "keep" } : null;
  });
}

function pasteParagraphs(key, view, found) {
  fresh.delete(key);
  const { from, to } = view.state.selection;
  const doc = view.state.doc;
  const before = toHTML(doc.cut(0, from).content);
  const after = toHTML(doc.cut(to).content);
  const pk = key.split("-")[1];
  structure(async (name) => {
    queue.drop(key);
    clearTimeout(view.saveTimer);
    const body = { before, after, pieces: found, version: queue.version, change: name };
    const response = await post(`${base()}blocks/paragraph-${pk}/paste/`, body, true);
    const answer = await response.json();
    if (!response.ok) {
      status.show("refused", t("Not pasted: %(error)s", { error: answer.error || t("the paste could not be read.") }));
      return { key, at: "keep" };
    }
    return { key: answer.block, at: "end" };
  });
}

/** The line the cursor is in becomes the paragraph's heading: a sub-section (like 5.1 "Risk Management")
 * over the text after it. Only a paragraph has a heading; in a table or a list the line stays. */
function makeHeading(key, view) {
  const { state } = view;
  fresh.delete(key);
  if (!isParagraph(key) || isInTable(state) || inList(state)) {
    status.show("refused", t("Only a paragraph's own line can be a heading: put the cursor in one first."));
    return true;
  }
  const { $from } = state.selection;
  const line = state.doc.child($from.index(0));
  if (!line.textContent.trim()) {
    status.show("refused", t("Type the heading's words first, then make the line a heading."));
    return true;
  }
  const before = toHTML(state.doc.cut(0, $from.before(1)).content);
  const after = toHTML(state.doc.cut($from.after(1)).content);
  const pk = key.split("-")[1];
  structure(async (name) => {
    queue.drop(key);
    clearTimeout(view.saveTimer);
    const body = { before, heading: line.textContent, after, version: queue.version, change: name };
    const response = await post(`${base()}blocks/paragraph-${pk}/heading/`, body, true);
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error);
    return { key: answer.block, at: "end" };
  });
  return true;
}

function paragraphAction(key, action) {
  structure(async () => {
    const [kind, pk] = key.split("-");
    const response = await post(`${base()}${kind}s/${pk}/${action}/`, { version: queue.version });
    if (!response.ok && response.status !== 409) throw new Error("");
    return { key, at: "keep" };
  });
}

function move(key, direction) {
  if (key === "summary") return false;
  paragraphAction(key, direction);
  return true;
}

/** A paragraph, recommendation or section dropped where it was dragged (static/editor/dragging.js). */
function moveTo(key, target, place) {
  structure(async (name) => {
    const body = { block: key, target, place, version: queue.version, change: name };
    const response = await post(`${base()}blocks/move/`, body, true);
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.show("refused", t("Not moved: %(error)s", { error: answer.error || t("reload the page and try again.") }));
      return null;
    }
    return { key: answer.block, at: "end" };
  });
}

/** A suggested text accepted from a comment thread (static/editor/comments.js): a versioned change of
 * the paragraph, made after what is typed is saved; the page is then shown again, the thread open,
 * with what was typed into the paragraph meanwhile put into its new text. */
async function commentChange(send, key) {
  let tried = false;
  await structure(async () => {
    tried = true;
    const view = views.get(key);
    if (view) keepTyping(view);
    let sent;
    try {
      sent = await send();
    } catch {
      throw new Unanswered();
    }
    if (sent.status >= 500 || sent.status === 429) throw new Unanswered();
    const { ok, answer } = sent;
    const said = ok ? { text: answer.done || t("Done."), kind: "status" } : { text: answer.error || t("Not done."), kind: "error" };
    return { carry: view && ok ? () => carryChange(view, key) : null, afterwards: () => reopen(root, key, said) };
  });
  if (!tried) reopen(root, key, { text: t("Wait for the last change to finish, then try again."), kind: "error" });
  return null;
}

function base() {
  return root.dataset.inPlaceEditor;
}

/** Blocks typed into and not yet saved: key -> what they were last saved as, and their text now. */
function unsaved() {
  const typed = new Map();
  for (const [key, view] of views) {
    if (toHTML(view.state.doc.content) !== view.savedHTML) typed.set(key, { saved: view.savedHTML, doc: view.state.doc, at: view.state.selection.from });
  }
  return typed;
}

/** Text typed into a block while the page was fetched again goes back into the block, when the server
 * left the block as it was (the change's own block is carried by the change; it is somebody else's
 * text otherwise), and is saved. */
function carryOver(typed) {
  for (const [key, { saved, doc, at }] of typed) {
    const view = views.get(key);
    if (!view || view.savedHTML !== saved) continue;
    const focused = view.hasFocus();
    view.updateState(EditorState.create({ doc, plugins: view.state.plugins }));
    if (focused) view.dispatch(view.state.tr.setSelection(TextSelection.near(doc.resolve(at))));
    changed(key, view);
  }
}

/** Fetch the editor page again and put its content in place, then put the cursor back. What was typed
 * and not saved on the page it replaced goes into the new one (`focus.carry`, `carryOver`). */
async function showAgain(focus) {
  const selection = active && focus && focus.at === "keep" ? active.state.selection.from : null;
  let response;
  try {
    response = await fetch(base(), { credentials: "same-origin", headers: { "X-In-Place": "1" } });
  } catch {
    throw new Unanswered();
  }
  if (!response.ok) throw new Unanswered();
  const incoming = new DOMParser().parseFromString(await response.text(), "text/html");
  const content = incoming.getElementById("main-content");
  if (!content) {
    location.reload();
    return;
  }
  const typed = unsaved();
  const carry = focus && focus.carry ? focus.carry() : null;
  main.replaceChildren(...content.childNodes);
  document.title = incoming.title;
  initAll({ scope: main });
  start();
  const view = focus && views.get(focus.key);
  if (view) {
    const end = TextSelection.atEnd(view.state.doc).from;
    const at = selection !== null ? Math.min(selection, view.state.doc.content.size) : focus.at === "end" ? end : 1;
    view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at))));
    view.focus();
    view.dom.scrollIntoView({ block: "center" });
  } else if (focus && document.getElementById(focus.key)) {
    document.getElementById(focus.key).scrollIntoView({ block: "center" }); // a section moved
  }
  // What was typed meanwhile went into the page just replaced: its saves would send that page's text.
  queue.forget();
  if (carry) {
    carry.apply();
    for (const key of carry.keys) typed.delete(key);
  }
  carryOver(typed);
  if (focus && focus.afterwards) focus.afterwards();
}

// The toolbar -------------------------------------------------------------------------------------

// The shared formatting (static/editor/formatting.js), with the report's own: a heading line after
// the link, and nesting and moving at the end.
const AFTER_LINK = FORMATTING.findIndex(([label]) => label === t("Link")) + 1;
const TOOLS = [
  ...FORMATTING.slice(0, AFTER_LINK),
  [t("Heading"), (view, say, key) => makeHeading(key, view)],
  ...FORMATTING.slice(AFTER_LINK),
  [t("Nest"), (view, say, key) => isParagraph(key) && paragraphAction(key, "indent")],
  [t("Un-nest"), (view, say, key) => isParagraph(key) && paragraphAction(key, "outdent")],
  [t("Move up"), (view, say, key) => move(key, "up")],
  [t("Move down"), (view, say, key) => move(key, "down")],
];

/** Alt+F10 goes from the text to the toolbar (as in other editors); Escape goes back. */
function toToolbar() {
  const bar = root && root.querySelector(".council-toolbar");
  const tool = bar && (bar.querySelector('button[tabindex="0"]') || bar.querySelector("button"));
  if (!tool) return false;
  tool.focus();
  return true;
}

/** The toolbar is one stop in the page's Tab order; arrow keys, Home and End move along its buttons
 * (the WAI-ARIA toolbar pattern), and Escape goes back to the text it acts on. */
function roving(bar) {
  const tools = () => [...bar.querySelectorAll("button")];
  const go = (tool) => {
    for (const other of tools()) other.setAttribute("tabindex", other === tool ? "0" : "-1");
    tool.focus();
  };
  tools().forEach((tool, index) => tool.setAttribute("tabindex", index === 0 ? "0" : "-1"));
  bar.addEventListener("click", (event) => {
    const tool = event.target.closest("button");
    if (tool) for (const other of tools()) other.setAttribute("tabindex", other === tool ? "0" : "-1");
  });
  bar.addEventListener("keydown", (event) => {
    const all = tools();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      go(all[(moves[event.key] + all.length) % all.length]);
    } else if (event.key === "Escape" && active && document.contains(active.dom)) {
      event.preventDefault();
      active.focus();
    }
  });
}

function refuse(text) {
  status.show("refused", text);
  return true;
}

function toolbar() {
  const bar = document.createElement("div");
  bar.className = "council-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", t("Formatting and order"));
  for (const [label, action] of TOOLS) {
    const tool = button(label, () => {
      const view = active && document.contains(active.dom) ? active : null;
      if (!view) {
        status.show("refused", t("Click into a paragraph first, then choose what to do."));
        return;
      }
      action(view, refuse, keyOf(view.dom.parentElement));
      if (!structural) view.focus();
    });
    tool.addEventListener("mousedown", (event) => event.preventDefault()); // keep the cursor in the text
    bar.append(tool);
  }
  roving(bar);
  const help = document.createElement("p");
  help.className = "govuk-hint council-toolbar__help";
  help.textContent = t(
    "Type in any paragraph. Enter starts the next paragraph (twice after a bullet), Shift+Enter a new line of the same one; " +
      "Tab and Shift+Tab nest and un-nest it; Ctrl+Shift+8 starts bullets; Alt+F10 goes to these buttons (arrow keys move along them, Escape goes back); " +
      "Ctrl+Alt+2 (or Heading) makes the line a sub-section's heading; " +
      "Alt+Up and Alt+Down (or dragging the handle at its left) move it; Escape leaves the text. " +
      "Numbers follow as the report is saved.",
  );
  const saving = document.createElement("div");
  saving.className = "council-save-status";
  const holder = document.createElement("div");
  holder.className = "council-toolbar-holder";
  holder.append(bar, saving);
  // The help after the holder, not in it: only the buttons and the status stay at the top.
  return { parts: [holder, help], saving };
}

// Starting ----------------------------------------------------------------------------------------

function start() {
  root = main && main.querySelector("[data-rich-editor]");
  for (const [key, view] of views) {
    // Its text is gone with the old page: a save waiting for its pause would send it over the new one.
    if (view.saveTimer) {
      clearTimeout(view.saveTimer);
      view.saveTimer = null;
      queue.settled(key);
    }
    view.destroy();
  }
  views = new Map();
  active = null;
  if (!root) return;
  const { parts, saving } = toolbar();
  root.querySelector("[data-editor-toolbar]").replaceWith(...parts);
  const version = Number(root.dataset.version);
  if (!queue) {
    status = new SaveStatus(saving, () => queue.retry());
    queue = new SaveQueue({
      url: `${base()}blocks/`,
      csrf: root.dataset.csrf,
      version,
      status,
      onRetry: retryChange,
      onSaved(key, html) {
        const view = views.get(key);
        if (view) view.savedHTML = html;
        const notice = view && view.dom.parentElement.nextElementSibling;
        if (notice && notice.classList.contains("council-block-notice")) notice.remove();
      },
      onConflict: showConflict,
      onRefused: showRefused,
    });
  } else {
    const previous = status;
    status = new SaveStatus(saving, () => queue.retry());
    status.show(previous.state === "" ? "idle" : previous.state, previous.text.textContent);
    queue.status = status;
    queue.version = Math.max(queue.version, version); // a save answered after the page was read is newer
  }
  if (status.state === "") status.show("idle");
  // Every block of text on the page (editor.js is only sent to people who may edit it).
  for (const element of root.querySelectorAll(".council-block")) mount(element);
  addHandles(root, moveTo);
  if (root.dataset.commentsUrl) addCommentLinks(root, root.dataset.commentsUrl);
  setUpComments(root, { csrf: root.dataset.csrf, version: () => queue.version, change: commentChange });
  root.classList.add("council-rich-editor--on");
}

window.addEventListener("beforeunload", (event) => {
  const unsaved = queue && (queue.busy || unfinished || [...views.values()].some((v) => toHTML(v.state.doc.content) !== v.savedHTML));
  if (!unsaved) return;
  event.preventDefault();
  event.returnValue = "";
});

// drafting.js shows the page again after a plain form is sent in place: start again on the new page
// (a change of structure left unfinished was for the page that went: the new one shows what was made).
document.addEventListener("council:page-replaced", () => {
  if (unfinished) {
    unfinished = null;
    structural = false;
    queue.release();
  }
  start();
});
document.addEventListener("council:page-replacing", (event) => {
  // Nothing is typed into (or found by its name in) a page about to go: the new one takes its place.
  // A change still waiting for its pause is sent now, so the page that comes back has it.
  for (const [key, view] of views) {
    const waiting = view.saveTimer;
    clearTimeout(view.saveTimer);
    view.saveTimer = null;
    if (toHTML(view.state.doc.content) !== view.savedHTML || queue.has(key)) queue.add(key, () => toHTML(view.state.doc.content));
    else if (waiting) queue.settled(key);
    view.setProps({ editable: () => false, attributes: { class: "council-block__text" } });
  }
  // drafting.js waits for them (unless the network is away: the page it reads then says so).
  if (queue && event.detail) event.detail.wait(queue.flush().catch(() => {}));
});
start();
