// The reading room's service worker: papers a member chose to "Keep for offline" open with no network.
// Served from the site root by reading_room/views.py (service_worker), so its scope covers the papers'
// own addresses (reports, appendices, packs). It touches no request it was not asked to keep.
//
// Two caches: public papers, and Part 2 papers, which are removed on sign-out, when the server says
// the member is no longer entitled to them (at the next sync), and after a set number of days unopened.
// At every sync the papers of the next meeting of each of the member's committees are kept too.

const PUBLIC = "reading-room-public-v1";
const PART2 = "reading-room-part2-v1";
const INDEX = "reading-room-index-v1";
const INDEX_KEY = "/reading-room/offline/index.json";
const ENTITLEMENT = "/reading-room/offline/entitlement/";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// What is kept, by address, remembered in memory too so that requests for anything else pass untouched.
let memo = null;
let loading = null;

// One index object for everyone: two syncs starting together must not each read their own and write
// over the other's.
async function readIndex() {
  if (memo) return memo;
  loading =
    loading ||
    (async () => {
      const stored = await (await caches.open(INDEX)).match(INDEX_KEY);
      return stored ? await stored.json() : {};
    })();
  memo = memo || (await loading);
  return memo;
}

async function writeIndex(index) {
  memo = index;
  const cache = await caches.open(INDEX);
  await cache.put(INDEX_KEY, new Response(JSON.stringify(index), { headers: { "Content-Type": "application/json" } }));
}

async function keep({ papers, assets, committee }) {
  const index = await readIndex();
  const now = Date.now();
  const results = { kept: 0, failed: 0 };
  const entries = [
    ...papers.map((paper) => ({ ...paper, committee })),
    ...assets.map((url) => ({ url, part2: false, committee: null })),
  ];
  for (const entry of entries) {
    const url = new URL(entry.url, self.location.origin).pathname + new URL(entry.url, self.location.origin).search;
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok || response.redirected) throw new Error(`${response.status}`);
      const cache = await caches.open(entry.part2 ? PART2 : PUBLIC);
      await cache.put(url, response);
      index[url] = { part2: entry.part2, committee: entry.committee, keptAt: now, openedAt: now };
      await writeIndex(index); // paper by paper: a worker stopped half-way still knows what it holds
      results.kept += 1;
    } catch (error) {
      results.failed += 1;
    }
  }
  await writeIndex(index);
  return results;
}

// Removes the papers the predicate picks. ``remember``: the index keeps a note that each was dropped,
// so that keeping the next meetings does not bring back a paper removed for lying unopened.
async function forget(predicate, { remember = false } = {}) {
  const index = await readIndex();
  for (const [url, entry] of Object.entries(index)) {
    if (predicate(entry)) {
      await (await caches.open(entry.part2 ? PART2 : PUBLIC)).delete(url);
      if (remember) index[url] = { ...entry, dropped: true };
      else delete index[url];
    }
  }
  await writeIndex(index);
}

// Ask the server what this device may still hold: signed out, or no longer on the committee, and the
// Part 2 papers go; so do those not opened for the council's set number of days.
async function sync() {
  let entitlement = null;
  try {
    const response = await fetch(ENTITLEMENT, { credentials: "same-origin", cache: "no-store" });
    if (response.ok && !response.redirected) entitlement = await response.json();
    else if (response.redirected || response.status === 403) entitlement = { committees: [], days: 0 };
  } catch (error) {
    return; // offline: nothing to learn until the network returns
  }
  if (!entitlement) return;
  const allowed = new Set(entitlement.committees);
  const oldest = Date.now() - entitlement.days * 24 * 3600 * 1000;
  await forget((entry) => entry.part2 && !allowed.has(entry.committee));
  await forget((entry) => entry.part2 && !entry.dropped && entry.openedAt < oldest, { remember: true });
  await keepNextMeetings(entitlement);
}

// The next meeting of each of the member's committees is kept without being asked: what this device
// does not hold yet, as the server lists it (Part 2 papers only for those entitled to them).
async function keepNextMeetings({ keep: meetings = [], assets = [] }) {
  const index = await readIndex();
  const missing = (url) => {
    const location = new URL(url, self.location.origin);
    return !index[location.pathname + location.search];
  };
  for (const meeting of meetings) {
    const papers = meeting.papers.filter((paper) => missing(paper.url));
    if (papers.length) await keep({ papers, assets: assets.filter(missing), committee: meeting.committee });
  }
}

async function signedOut() {
  await forget((entry) => entry.part2);
  await caches.delete(PART2);
}

// Keeping, syncing and signing out one after another, never interleaved (each page asks for a sync).
let queue = Promise.resolve();
const inTurn = (work) => {
  queue = queue.then(work, work);
  return queue;
};

self.addEventListener("message", (event) => {
  const { action } = event.data || {};
  const reply = (value) => event.ports[0] && event.ports[0].postMessage(value);
  if (action === "keep") event.waitUntil(inTurn(() => keep(event.data)).then(reply));
  if (action === "sync") event.waitUntil(inTurn(sync).then(() => reply({ synced: true })));
  if (action === "sign-out") event.waitUntil(inTurn(signedOut).then(() => reply({ cleared: true })));
});

// The kept page's words, in its language: the scripts' words it carries as JSON (core/script_words.py,
// <script id="script-words">), read from its text as static/js/words.js reads them from a document
// (a worker has none, and cannot import that module); the English where the page has none.
function pageWords(html) {
  const found = html.match(/<script id="script-words" type="application\/json">([^<]*)<\/script>/);
  let words = {};
  try {
    words = found ? JSON.parse(found[1]) : {};
  } catch {
    words = {};
  }
  return (msgid, params = {}) => {
    const text = typeof words[msgid] === "string" ? words[msgid] : msgid;
    return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}

const escape = (text) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[ch]);

function notice(html, when) {
  const t = pageWords(html);
  return (
    `<div class="govuk-warning-text council-reading-room__offline-copy"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>` +
    `<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">${escape(t("Warning"))}</span> ` +
    escape(t("You are offline: this is the copy kept on this device on %(when)s. It may have changed since.", { when })) +
    `</strong></div>`
  );
}

// A browser without Welsh dates (Debian's Chromium has none) writes the day in figures, not in English.
function keptWhen(date, locale) {
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length) {
    return date.toLocaleString(locale, { dateStyle: "long", timeStyle: "short" });
  }
  const time = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  return `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear()} ${time}`;
}

// A kept page served from the cache says so, at the top of its main content, in the page's language.
async function marked(response, keptAt) {
  const type = response.headers.get("Content-Type") || "";
  if (!type.startsWith("text/html")) return response;
  const text = await response.text();
  const welsh = /<html lang="cy"/.test(text);
  const when = keptWhen(new Date(keptAt), welsh ? "cy-GB" : "en-GB");
  // Given a function, replace() leaves a "$" in the words as it is.
  const html = text.replace(/<main[^>]*>/, (main) => main + notice(text, when));
  return new Response(html, { status: 200, headers: { "Content-Type": type } });
}

async function answer(request, url, entry) {
  const index = await readIndex();
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      // Online: the kept copy is brought up to date as it is read.
      await (await caches.open(entry.part2 ? PART2 : PUBLIC)).put(url, response.clone());
      index[url] = { ...entry, dropped: false, keptAt: Date.now(), openedAt: Date.now() };
      await writeIndex(index);
    }
    return response;
  } catch (error) {
    const cached = await (await caches.open(entry.part2 ? PART2 : PUBLIC)).match(url);
    if (!cached) throw error;
    index[url] = { ...entry, openedAt: Date.now() };
    await writeIndex(index);
    return marked(cached, entry.keptAt);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const location = new URL(request.url);
  if (location.origin !== self.location.origin) return;
  const url = location.pathname + location.search;
  if (memo && !memo[url]) return; // not kept: the browser fetches it as if there were no worker
  event.respondWith(
    readIndex().then((index) => (index[url] ? answer(request, url, index[url]) : fetch(request))),
  );
});
