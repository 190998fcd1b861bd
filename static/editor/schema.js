// What the editor can make, and nothing the server's sanitiser (core/richtext.py) would strip:
// paragraphs, line breaks, bold, italic, links, bulleted and numbered lists, and tables whose
// header row is real (<thead><th scope="col">), as the PDF and the Word copy need it.
import { DOMParser, DOMSerializer, Schema } from "prosemirror-model";
import { schema as basic } from "prosemirror-schema-basic";
import { addListNodes } from "prosemirror-schema-list";
import { tableNodes } from "prosemirror-tables";

const nodes = addListNodes(
  basic.spec.nodes.remove("heading").remove("blockquote").remove("code_block").remove("horizontal_rule").remove("image"),
  "paragraph block*",
  "block",
).append(tableNodes({ tableGroup: "block", cellContent: "paragraph+", cellAttributes: {} }));

export const schema = new Schema({
  nodes,
  // A link first: the outermost mark, so a link round partly italic words stays one link.
  marks: { link: basic.spec.marks.get("link"), strong: basic.spec.marks.get("strong"), em: basic.spec.marks.get("em") },
});

const parser = DOMParser.fromSchema(schema);
const serializer = DOMSerializer.fromSchema(schema);

/** The editor's document for stored HTML (already sanitised by the server). */
export function parse(element) {
  return parser.parse(element);
}

/** A fragment's HTML as the server stores it: a table's leading header rows in <thead> with
 * scope="col", a header cell in a body row scope="row", and a lone paragraph in a list item or
 * cell unwrapped (the text boxes and Word import write them that way too). */
export function toHTML(fragment) {
  const holder = document.createElement("div");
  holder.appendChild(serializer.serializeFragment(fragment));
  for (const table of holder.querySelectorAll("table")) shapeTable(table);
  for (const cell of holder.querySelectorAll("li, td, th")) {
    const only = cell.children.length === 1 && cell.firstElementChild;
    if (only && only.tagName === "P" && cell.childNodes.length === 1) only.replaceWith(...only.childNodes);
  }
  for (const cell of holder.querySelectorAll("[data-colwidth]")) cell.removeAttribute("data-colwidth");
  return holder.innerHTML;
}

function shapeTable(table) {
  const rows = [...table.querySelectorAll("tr")];
  const head = document.createElement("thead");
  const body = document.createElement("tbody");
  let inHead = true;
  for (const row of rows) {
    const cells = [...row.children];
    inHead = inHead && cells.length > 0 && cells.every((cell) => cell.tagName === "TH");
    for (const cell of cells) {
      if (cell.tagName === "TH") cell.setAttribute("scope", inHead ? "col" : "row");
    }
    (inHead ? head : body).appendChild(row);
  }
  table.replaceChildren(...[head, body].filter((part) => part.children.length));
}
