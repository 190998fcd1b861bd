// Formatted text in a form's text box (the minutes, a decision), built by `npm run build` into
// static/build/textbox.js. Progressive enhancement: without it each box takes text with simple marks
// (core/editable_text.py) and never shows markup. With it each textarea[data-formatted-text] gives way
// to a ProseMirror editor with a toolbar (bold, italic, links, lists, tables with a real header row),
// started from the HTML the server put in the attribute; when its form is sent, the editor's HTML goes
// as "<name>-html" beside the box and the server sanitises it with the one allow-list (core/text_boxes.py).
import { baseKeymap, chainCommands, toggleMark } from "prosemirror-commands";
import { history, redo, undo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem } from "prosemirror-schema-list";
import { EditorState } from "prosemirror-state";
import { addRowAfter, goToNextCell, isInTable, tableEditing } from "prosemirror-tables";
import { EditorView } from "prosemirror-view";
import { FORMATTING, inList, link } from "./formatting.js";
import { parse, schema, toHTML } from "./schema.js";
import { t } from "../js/words.js";

function keys(say) {
  return keymap({
    // Enter makes the next paragraph, or the next bullet in a list; Tab moves between a table's cells
    // and nests a bullet, and otherwise leaves the box, as Tab leaves any text box.
    Enter: (state, dispatch) => inList(state) && splitListItem(schema.nodes.list_item)(state, dispatch),
    "Shift-Enter": chainCommands((state, dispatch) => {
      if (dispatch) dispatch(state.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView());
      return true;
    }),
    Tab: (state, dispatch, view) => {
      if (isInTable(state)) {
        if (goToNextCell(1)(state, dispatch)) return true;
        addRowAfter(state, dispatch); // Tab in the last cell adds a row, as in Word
        return goToNextCell(1)(view.state, view.dispatch);
      }
      return inList(state) && (sinkListItem(schema.nodes.list_item)(state, dispatch) || true);
    },
    "Shift-Tab": (state, dispatch) => {
      if (isInTable(state)) return goToNextCell(-1)(state, dispatch);
      return inList(state) && (liftListItem(schema.nodes.list_item)(state, dispatch) || true);
    },
    "Mod-b": toggleMark(schema.marks.strong),
    "Mod-i": toggleMark(schema.marks.em),
    "Mod-k": (state, dispatch, view) => link(view, say),
    "Mod-z": undo,
    "Mod-y": redo,
    "Shift-Mod-z": redo,
  });
}

function button(label, action) {
  const tool = document.createElement("button");
  tool.type = "button";
  tool.className = "govuk-button govuk-button--secondary council-small-button";
  tool.textContent = label;
  tool.addEventListener("mousedown", (event) => event.preventDefault()); // keep the cursor in the text
  tool.addEventListener("click", action);
  return tool;
}

function enhance(box) {
  const label = document.querySelector(`label[for="${box.id}"]`);
  const name = label ? label.textContent.trim() : box.name;
  const holder = document.createElement("div");
  holder.className = "council-formatted-text";
  const message = document.createElement("p");
  message.className = "govuk-error-message council-formatted-text__message";
  message.setAttribute("aria-live", "polite");
  const say = (text) => {
    message.textContent = text;
    return true;
  };
  const element = document.createElement("div");
  element.innerHTML = box.dataset.formattedText || "";
  const view = new EditorView(null, {
    state: EditorState.create({ doc: parse(element), plugins: [history(), keys(say), keymap(baseKeymap), tableEditing()] }),
    attributes: {
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": name,
      class: "council-formatted-text__text",
      spellcheck: "true",
      ...(box.getAttribute("aria-describedby") ? { "aria-describedby": box.getAttribute("aria-describedby") } : {}),
    },
    dispatchTransaction(transaction) {
      view.updateState(view.state.apply(transaction));
      if (transaction.docChanged) say("");
    },
  });
  const bar = document.createElement("div");
  bar.className = "council-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", t("Formatting: %(name)s", { name }));
  for (const [text, action] of FORMATTING) {
    bar.append(
      button(text, () => {
        action(view, say);
        view.focus();
      }),
    );
  }
  holder.append(bar, message, view.dom);
  box.hidden = true;
  box.disabled = true; // the editor's HTML is sent instead of the box's text
  box.after(holder);
  if (label) label.addEventListener("click", () => view.focus());
  // The hint describes the marks typed without this editor: with it, the toolbar does that.
  const hint = document.getElementById(`${box.id}_hint`);
  if (hint) hint.textContent = t("Use the buttons, or Ctrl+B for bold, Ctrl+I for italic and Ctrl+K for a link.");
  const html = document.createElement("input");
  html.type = "hidden";
  html.name = `${box.name}-html`;
  box.form.addEventListener("submit", () => {
    html.value = toHTML(view.state.doc.content);
    box.form.append(html);
  });
}

for (const box of document.querySelectorAll("textarea[data-formatted-text]")) {
  if (box.form) enhance(box);
}
