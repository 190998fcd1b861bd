// Copies the parts of GOV.UK Frontend the pages use into static/build, so the
// app serves them itself (no CDN) and no third-party code is committed.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..", "..");
const govuk = path.join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const build = path.join(root, "static", "build");

fs.mkdirSync(build, { recursive: true });
fs.copyFileSync(path.join(govuk, "govuk-frontend.min.js"), path.join(build, "govuk-frontend.min.js"));
fs.cpSync(path.join(govuk, "assets", "images"), path.join(build, "govuk", "assets", "images"), { recursive: true });
fs.copyFileSync(
  path.join(root, "node_modules", "axe-core", "axe.min.js"),
  path.join(build, "axe.min.js"),
);
