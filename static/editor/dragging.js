// Moving paragraphs, recommendations and sections by dragging (issue 16). Each gets a handle at its
// left; dropped before or after another of its kind (or a paragraph onto a section with room for it,
// or onto a heading paragraph's heading line, to go under it),
// the server moves it (reports/blocks.py `move`) and the page is shown again as the server numbers it.
// Dragging is for the pointer only: Alt+Up/Down, the toolbar's Move up/down and the plain forms' move
// buttons do the same from the keyboard and without JavaScript.

import { t } from "../js/words.js";

const ITEMS = '.council-edit-item[id^="paragraph-"], .council-edit-item[id^="recommendation-"], .council-edit-section';
let dragged = null; // {key, kind, element} while a handle is being dragged
let marked = null;

export function isDragging() {
  return dragged !== null;
}

function kindOf(element) {
  return element.id.split("-")[0];
}

function describe(element) {
  const kind = kindOf(element);
  const number = element.querySelector(".council-number");
  const shown = number ? number.textContent.replace(/\.$/, "").trim() : "";
  const named = {
    paragraph: () => t("paragraph %(number)s", { number: shown }),
    recommendation: () => t("recommendation %(number)s", { number: shown }),
    section: () => t("section %(number)s", { number: shown }),
  };
  return (named[kind] ? named[kind]() : `${kind} ${shown}`).trim();
}

function unmark() {
  if (marked) marked.classList.remove("council-drop--before", "council-drop--after", "council-drop--end", "council-drop--under");
  marked = null;
}

/** Where the block being dragged would go if dropped now: {element, place}, or null. */
function dropPlace(event) {
  if (!dragged || !(event.target instanceof Element)) return null;
  const selector = dragged.kind === "section" ? ".council-edit-section" : `.council-edit-item[id^="${dragged.kind}-"]`;
  let element = event.target.closest(selector);
  if (element && (element === dragged.element || dragged.element.contains(element))) return null;
  if (!element && dragged.kind === "paragraph") {
    // Over a section but not over a paragraph of it: the paragraph goes last in that section.
    const section = event.target.closest(".council-edit-section");
    if (!section || section.hasAttribute("data-papers")) return null;
    return { element: section, place: "end" };
  }
  if (!element) return null;
  // Before it when over its upper half (a paragraph: the upper half of its own line, above any
  // sub-paragraphs), after it otherwise.
  const own = dragged.kind === "paragraph" ? element.querySelector(":scope > .council-edit-text, :scope > h3") : null;
  const box = (own || element).getBoundingClientRect();
  const place = event.clientY < box.top + box.height / 2 ? "before" : "after";
  // The lower half of a heading line with nothing under it yet: the paragraph goes under the heading
  // (its first sub-paragraph). Under a heading with sub-paragraphs, it is dropped among them.
  const childless = !element.querySelector('.council-edit-item[id^="paragraph-"]');
  if (own && own.tagName === "H3" && place === "after" && event.clientY <= box.bottom && childless) {
    return { element, place: "under" };
  }
  if (element.hasAttribute("data-papers") && place === "after") return null; // the background papers stay last
  return { element, place };
}

/** Give each paragraph, recommendation and section on the page a handle; `onMove(key, target, place)`. */
export function addHandles(root, onMove) {
  for (const item of root.querySelectorAll(ITEMS)) {
    if (item.hasAttribute("data-papers")) continue;
    const handle = document.createElement("span");
    handle.className = "council-drag-handle";
    handle.draggable = true;
    handle.setAttribute("aria-hidden", "true"); // pointer only: the move buttons and Alt+arrows are the keyboard's way
    handle.title = t("Drag to move %(part)s", { part: describe(item) });
    handle.addEventListener("dragstart", (event) => {
      dragged = { key: item.id, kind: kindOf(item), element: item };
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("application/x-council-block", item.id);
      event.dataTransfer.setDragImage(item, 8, 8);
      item.classList.add("council-dragging");
    });
    handle.addEventListener("dragend", () => {
      item.classList.remove("council-dragging");
      unmark();
      dragged = null;
    });
    item.prepend(handle);
  }
  root.addEventListener("dragover", (event) => {
    const found = dropPlace(event);
    if (!found) {
      unmark();
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (marked !== found.element) unmark();
    marked = found.element;
    marked.classList.remove("council-drop--before", "council-drop--after", "council-drop--end", "council-drop--under");
    marked.classList.add(`council-drop--${found.place}`);
  });
  root.addEventListener("dragleave", (event) => {
    if (event.target === root) unmark();
  });
  root.addEventListener("drop", (event) => {
    const found = dropPlace(event);
    unmark();
    if (!found) return;
    event.preventDefault();
    const key = dragged.key;
    dragged.element.classList.remove("council-dragging");
    dragged = null;
    onMove(key, found.element.id, found.place);
  });
}
