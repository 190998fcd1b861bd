// The reading room's notes: select words in a report to highlight them or write a note on them.
// Progressive: without JavaScript the form under "Add a note" does the same; this only fills it in
// from a selection and marks the words of the member's notes in the text.

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
    if (node.parentElement.closest(".council-paragraph__number")) continue;
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
  const bar = document.createElement("div");
  bar.className = "council-reading-room__toolbar govuk-button-group";
  bar.hidden = true;
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Selected words");
  for (const [kind, label] of [["highlight", "Highlight"], ["note", "Add a note"]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
    button.dataset.kind = kind;
    button.textContent = label;
    bar.appendChild(button);
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
