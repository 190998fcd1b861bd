// Approvers' comments in place on the editor page of a report nobody may type into now (in clearance,
// where static/editor/editor.js is not sent): its threads open under their parts and a "Comment"
// control starts one (static/editor/comments.js). Built by `npm run build` into static/build/commenting.js.
import { addCommentLinks, setUpComments } from "./comments.js";

function start() {
  const root = document.querySelector("[data-comments-in-place]");
  if (!root) return;
  addCommentLinks(root, root.dataset.commentsUrl);
  // No accepting here: a suggestion is accepted once the report is a draft again (the page says so).
  setUpComments(root, { csrf: root.dataset.csrf, version: () => null, change: null });
}

document.addEventListener("council:page-replaced", start);
start();
