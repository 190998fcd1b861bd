// The words the scripts write, in the page's language. The server lists them in core/script_words.py
// and writes their translations into the page as JSON (<script type="application/json"
// id="script-words">, never run, so the Content-Security-Policy allows it); a word the page does not
// carry is written as its English.
let words = null;

function read() {
  if (words === null) {
    const element = document.getElementById("script-words");
    try {
      words = element ? JSON.parse(element.textContent) : {};
    } catch {
      words = {};
    }
  }
  return words;
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** `msgid` in the page's language, its %(name)s placeholders filled from `params`. */
export function t(msgid, params) {
  const found = read()[msgid];
  return fill(typeof found === "string" ? found : msgid, params);
}

/** The form for `count` of a word with a plural (`msgid` the singular, `plural` the English plural):
 * the server gives the forms for 0 to 12, which is enough to choose among Welsh's, and the form for 12
 * for every larger count. */
export function tn(msgid, plural, count, params) {
  const forms = read()[msgid];
  const text = Array.isArray(forms) ? forms[Math.min(count, forms.length - 1)] : count === 1 ? msgid : plural;
  return fill(text, { count, ...params });
}
