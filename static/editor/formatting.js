// Formatting commands the text editors' toolbars and keys share (static/editor/textbox.js and the
// report editor, static/editor/editor.js): bold, italic, links,
// lists and tables with a real header row. ``say`` shows a refusal where its person is looking.
import { toggleMark } from "prosemirror-commands";
import { wrapInList } from "prosemirror-schema-list";
import { TextSelection } from "prosemirror-state";
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, toggleHeaderRow } from "prosemirror-tables";
import { schema } from "./schema.js";
import { t } from "../js/words.js";

export function inList(state) {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type === schema.nodes.list_item) return true;
  }
  return false;
}

export function link(view, say) {
  const { from, to, empty } = view.state.selection;
  const mark = schema.marks.link;
  if (view.state.doc.rangeHasMark(from, to, mark)) return toggleMark(mark)(view.state, view.dispatch);
  if (empty) return say(t("Select the words to link first."));
  const href = window.prompt(t("Link to (a web address starting https://, or an e-mail address):"), "https://");
  if (!href || href === "https://") return true;
  const target = /^[^@\s/]+@[^@\s]+$/.test(href) ? `mailto:${href}` : href;
  if (!/^(https?:|mailto:|tel:)/i.test(target)) {
    return say(t("A link must be a web address starting http:// or https://, or an e-mail address."));
  }
  return toggleMark(mark, { href: target })(view.state, view.dispatch);
}

export function insertTable(state, dispatch) {
  const { table, table_row: row, table_header: header, table_cell: cell, paragraph } = schema.nodes;
  const cells = (type) => [0, 1, 2].map(() => type.create(null, paragraph.create()));
  const node = table.create(null, [row.create(null, cells(header)), row.create(null, cells(cell))]);
  if (!dispatch) return true;
  const tr = state.tr.replaceSelectionWith(node);
  let at = null; // the new table: the last one before the cursor, which lands just after it
  tr.doc.descendants((child, pos) => {
    if (child.type === table && pos < tr.selection.from) at = pos;
    return child.type !== table;
  });
  if (at !== null) tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1)));
  dispatch(tr.scrollIntoView());
  return true;
}

export const FORMATTING = [
  [t("Bold"), (view) => toggleMark(schema.marks.strong)(view.state, view.dispatch)],
  [t("Italic"), (view) => toggleMark(schema.marks.em)(view.state, view.dispatch)],
  [t("Link"), (view, say) => link(view, say)],
  [t("Bulleted list"), (view) => wrapInList(schema.nodes.bullet_list)(view.state, view.dispatch)],
  [t("Numbered list"), (view) => wrapInList(schema.nodes.ordered_list)(view.state, view.dispatch)],
  [t("Table"), (view) => insertTable(view.state, view.dispatch)],
  [t("Header row"), (view) => toggleHeaderRow(view.state, view.dispatch)],
  [t("Add row"), (view) => addRowAfter(view.state, view.dispatch)],
  [t("Add column"), (view) => addColumnAfter(view.state, view.dispatch)],
  [t("Delete row"), (view) => deleteRow(view.state, view.dispatch)],
  [t("Delete column"), (view) => deleteColumn(view.state, view.dispatch)],
];
