// Pasting from Word (issue 16). The clipboard's HTML is only read here: each paragraph Word wrote
// becomes one piece ({depth, heading, html}), with the lists and tables that follow it kept in its
// piece. The server (reports/paste_numbering.py) takes off the manual numbering ("1.1", "a)") and
// makes the pieces paragraphs of the report, nested as their numbers say, and cleans their HTML.

const NUMBER = /^\(?([0-9]{1,3}(\.[0-9]{1,3})*|[a-z]|[ivx]{1,4})[.)]?$/i;
const NUMBERED_START = /^\s*\(?([0-9]{1,3}(\.[0-9]{1,3})*[.)]?|[a-z][.)]|[ivx]{1,4}[.)])\s/i;
const HEADING = /^H[1-6]$/;
const WORD_HEADING = /\bMso(Heading\d|Title|Subtitle)\b/i;

/** The clipboard's HTML read in a document of its own, its inline styles renamed first: the page's
 * Content-Security-Policy forbids applying them (and Word's <style>), even in a document never shown. */
function read(html) {
  const unstyled = html
    .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/<[^>]+>/g, (tag) => tag.replace(/\sstyle\s*=/gi, " data-word-style="));
  return new DOMParser().parseFromString(unstyled, "text/html");
}

/** An element's HTML as Word wrote it (styles and all), for the server's cleaner to read. */
function written(element) {
  return element.outerHTML.replace(/<[^>]+>/g, (tag) => tag.replace(/\sdata-word-style=/g, " style="));
}

function styleOf(element) {
  return element.getAttribute("data-word-style") || "";
}

function listLevel(element) {
  const match = /mso-list:\s*\S+\s+level(\d)/i.exec(styleOf(element));
  return match ? Number(match[1]) : 0;
}

/** Word's list marker (the bullet or "1.1" it draws itself), taken out of the element: its text. */
function takeMarker(element) {
  const span = [...element.querySelectorAll("span")].find((s) => /mso-list:\s*ignore/i.test(styleOf(s)));
  if (!span) return "";
  const marker = span.textContent.replace(/\s+/g, " ").trim();
  span.remove();
  return marker;
}

/** The blocks the clipboard holds, in order, looking through Word's <div class=WordSection1>. */
function blocksOf(parent) {
  const out = [];
  for (const child of parent.children) {
    if (["DIV", "SECTION", "ARTICLE", "MAIN", "BODY"].includes(child.tagName)) out.push(...blocksOf(child));
    else if (!["STYLE", "SCRIPT", "META", "LINK", "TITLE", "XML"].includes(child.tagName)) out.push(child);
  }
  return out;
}

/** The pasted paragraphs as pieces for the server; lists and tables join the paragraph before them. */
export function pieces(html) {
  const doc = read(html);
  const found = [];
  let bullets = null; // Word's bullet paragraphs, gathered into one list
  const join = (markup) => {
    // A list or table after a heading is the start of the text under it: a sub-paragraph (one level down).
    const last = found[found.length - 1];
    if (!last || last.heading) found.push({ depth: last ? 2 : 1, heading: false, html: "" });
    found[found.length - 1].html += markup;
  };
  for (const element of blocksOf(doc.body)) {
    const level = listLevel(element);
    const marker = takeMarker(element);
    if (level && !NUMBER.test(marker)) {
      // A bullet: Word's own list paragraphs, which the server's cleaner turns into a list.
      if (!bullets) {
        bullets = [];
        join("");
      }
      join(written(element));
      continue;
    }
    bullets = null;
    if (["TABLE", "UL", "OL"].includes(element.tagName)) {
      join(written(element));
      continue;
    }
    if (!element.textContent.replace(/\u00a0/g, " ").trim()) continue; // Word's empty <p>&nbsp;</p>
    if (marker) {
      // A numbered list paragraph: its number goes back in front, for the server to read.
      element.removeAttribute("data-word-style");
      element.removeAttribute("class");
      element.prepend(doc.createTextNode(`${marker} `));
    }
    const heading = HEADING.test(element.tagName) || WORD_HEADING.test(element.className || "");
    found.push({ depth: level || 1, heading, html: written(element) });
  }
  return found.filter((piece) => piece.html);
}

/** Whether a paste needs the server: several paragraphs, a heading, or a paragraph number to take off. */
export function needsServer(found) {
  if (found.length > 1) return true;
  if (!found.length) return false;
  // Read in a document of its own: Word's inline styles must never touch the page (its CSP forbids them).
  const text = read(found[0].html).body.textContent;
  return found[0].heading || NUMBERED_START.test(text.replace(/\u00a0/g, " "));
}

/** HTML pasted within a paragraph (one paragraph, no number): Word's bullets become a list and a
 * table's first row its header row, as the server would store them; Word's styles are dropped. */
export function tidy(html) {
  const doc = read(html);
  for (const table of doc.querySelectorAll("table")) {
    const first = table.querySelector("tr");
    if (!first || first.querySelector("th")) continue;
    for (const cell of [...first.children]) {
      const header = doc.createElement("th");
      header.append(...cell.childNodes);
      cell.replaceWith(header);
    }
  }
  let list = null;
  for (const paragraph of [...doc.querySelectorAll("p")]) {
    if (!listLevel(paragraph)) {
      list = null;
      continue;
    }
    takeMarker(paragraph);
    if (!list || paragraph.previousElementSibling !== list) {
      list = doc.createElement("ul");
      paragraph.before(list);
    }
    const item = doc.createElement("li");
    item.append(...paragraph.childNodes);
    list.append(item);
    paragraph.remove();
  }
  // Word's inline styles go: the editor reads the HTML in a document that keeps the page's CSP.
  for (const element of doc.querySelectorAll("style, script")) element.remove();
  for (const element of doc.querySelectorAll("[data-word-style]")) element.removeAttribute("data-word-style");
  return doc.body.innerHTML;
}
