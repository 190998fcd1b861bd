// The Django admin, made to meet WCAG 2.2 AA where it falls short: controls it draws without a
// label get one from their field's label (checked by axe-core in tests/browser/test_every_page_accessible.py).
//  - The search box inside an autocomplete list (select2) has no label.
//  - A date-and-time field's two boxes are introduced by plain text ("Date:", "Time:"), not labels.
//  - The boxes of a tabular inline (a report's recommendations, sections) sit under column headings.

import { t } from "./words.js";

function fieldLabel(element) {
  const label = element.id && document.querySelector(`label[for="${element.id}"]`);
  return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
}

function labelAutocompleteSearches() {
  for (const search of document.querySelectorAll(".select2-search__field:not([aria-label])")) {
    const container = search.closest(".select2-container");
    const select = container && container.previousElementSibling;
    const name = select && select.tagName === "SELECT" ? fieldLabel(select) : "";
    search.setAttribute("aria-label", name ? t("Search %(name)s", { name }) : t("Search"));
  }
}

function labelDateTimeParts() {
  for (const group of document.querySelectorAll("p.datetime")) {
    const first = group.querySelector("input");
    const name = first ? fieldLabel(first) || fieldLabel({ id: first.id.replace(/_0$/, "") }) : "";
    for (const input of group.querySelectorAll("input:not([aria-label])")) {
      const before = input.previousSibling && input.previousSibling.textContent.replace(/:\s*$/, "").trim();
      input.setAttribute("aria-label", [name, before].filter(Boolean).join(": "));
    }
  }
}

function labelTabularInlines() {
  for (const table of document.querySelectorAll(".tabular table")) {
    const headings = {};
    for (const th of table.querySelectorAll("thead th")) {
      const column = [...th.classList].find((name) => name.startsWith("column-"));
      if (column) headings[column.slice("column-".length)] = th.textContent.trim();
    }
    table.querySelectorAll("tbody tr.form-row").forEach((row, index) => {
      for (const cell of row.querySelectorAll("td")) {
        const field = [...cell.classList].find((name) => name.startsWith("field-"));
        const heading = field ? headings[field.slice("field-".length)] : cell.classList.contains("delete") ? t("Delete") : "";
        if (!heading) continue;
        for (const control of cell.querySelectorAll("input:not([type=hidden]), select, textarea")) {
          if (!control.hasAttribute("aria-label") && !(control.labels && control.labels.length)) {
            control.setAttribute("aria-label", t("%(heading)s (row %(number)s)", { heading, number: index + 1 }));
          }
        }
      }
    });
  }
}

function label() {
  labelAutocompleteSearches();
  labelDateTimeParts();
  labelTabularInlines();
}

label();
// select2 draws its search box when the page's scripts run and again after each choice.
new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
