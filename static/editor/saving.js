// Autosave: each changed block is sent on its own (reports/blocks.py), one request at a time so that
// each carries the version the last one returned; so at most one save of a block is ever in flight,
// and a block changed while its save was in flight is sent again, with its latest text, after it.
// While a change of structure (Enter, Tab, a move, an accepted suggestion) is on its way the queue
// holds its saves, so none races it with the version it is about to replace. A failed request is
// kept and tried again (after a few seconds, at once when the browser is back online, or when
// "Retry" is pressed): nothing typed is dropped because the network or the server was away a minute.
// A change of structure that failed is tried again the same way (`stalled`, `onRetry`), before saves.
// The status says "Saved" only when nothing typed is waiting: not in flight, queued, or in its pause,
// nor a change of structure on its way.

import { t } from "../js/words.js";

const RETRY_SECONDS = [2, 4, 8, 15];

export class SaveQueue {
  constructor({ url, csrf, version, status, onSaved, onConflict, onRefused, onRetry }) {
    this.url = url;
    this.csrf = csrf;
    this.version = version;
    this.status = status;
    this.onSaved = onSaved;
    this.onConflict = onConflict;
    this.onRefused = onRefused;
    this.onRetry = onRetry; // sends a failed change of structure again
    this.pending = new Map(); // block key -> function giving its HTML now
    this.typing = new Set(); // blocks typed into whose pause has not come yet: changed, not yet queued
    this.stuck = new Map(); // blocks refused or in conflict -> what the status says until they are saved
    this.sending = null; // the block whose save is in flight
    this.running = null;
    this.held = 0; // changes of structure on their way: saves wait for them
    this.failures = 0;
    this.timer = null;
    window.addEventListener("online", () => this.retry());
  }

  get busy() {
    return this.pending.size > 0 || this.running !== null;
  }

  /** The block was typed into: it is not saved until its pause comes and it is sent. */
  changed(key) {
    this.typing.add(key);
    this.show();
  }

  /** Its pause came: `html` gives its text now. Sent even if it looks saved while a save of it is
   * in flight, as that save may carry older text than the block shows now. */
  add(key, html) {
    this.typing.delete(key);
    this.pending.set(key, html);
    this.show();
    if (this.failures === 0) this.run();
  }

  /** Its pause came and the block is as last saved: nothing to send. */
  settled(key) {
    this.typing.delete(key);
    this.show();
  }

  /** Whether a save of the block is queued or in flight. */
  has(key) {
    return this.pending.has(key) || this.sending === key;
  }

  drop(key) {
    this.pending.delete(key);
    this.typing.delete(key);
  }

  /** Nothing waiting is to be sent: the page it was typed into has been replaced by the server's. */
  forget() {
    this.pending.clear();
    this.typing.clear();
  }

  /** A change of structure is on its way: saves wait until `release`. */
  hold() {
    this.held += 1;
  }

  release() {
    this.held = Math.max(0, this.held - 1);
    this.run();
    if (this.status.state === "saving") this.show(); // a refusal or conflict said meanwhile stays
  }

  /** A change of structure failed on its way: saves go on waiting for it, and it is tried again as a
   * failed save is. */
  stalled() {
    this.wait();
    this.show();
  }

  retry() {
    clearTimeout(this.timer);
    this.timer = null;
    this.failures = 0;
    this.show();
    if (this.onRetry) this.onRetry();
    this.run();
  }

  /** Resolves once everything waiting is saved (or refused); rejects while the network is away. */
  async flush() {
    while (this.busy) {
      if (this.failures > 0) throw new Error("offline");
      if (this.held > 0 && !this.running) throw new Error("held");
      await (this.running || this.run());
    }
  }

  run() {
    if (this.running || this.pending.size === 0 || this.failures > 0) return this.running;
    if (this.held > 0) return null;
    this.running = this.sendNext().finally(() => {
      this.running = null;
      this.sending = null;
      if (this.failures === 0 && this.pending.size) this.run();
      this.show();
    });
    return this.running;
  }

  /** The status tells the truth: failed while a retry is waiting, saving while anything typed is not
   * stored yet, a conflict or refusal while one is unresolved, and only then "Saved". */
  show() {
    if (this.failures > 0) this.status.show("failed");
    else if (this.running || this.pending.size || this.typing.size || this.held) this.status.show("saving");
    else if (this.stuck.size) this.status.show(...[...this.stuck.values()].pop());
    else this.status.show("saved");
  }

  async sendNext() {
    const [key, html] = this.pending.entries().next().value;
    this.pending.delete(key);
    this.sending = key;
    const sent = html();
    let response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf },
        body: JSON.stringify({ block: key, html: sent, version: this.version }),
      });
    } catch {
      this.failed(key, html);
      return;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      this.failures = 0;
      this.version = Math.max(this.version, answer.version);
      this.stuck.delete(key);
      this.onSaved(key, sent, answer);
    } else if (response.status === 409) {
      this.stuck.set(key, ["conflict"]);
      this.onConflict(key, answer);
    } else if (response.status >= 500 || response.status === 429) {
      this.failed(key, html);
    } else {
      const error = answer.error || t("This part could not be saved. Reload the page and try again.");
      this.stuck.set(key, ["refused", t("Not saved: %(error)s", { error })]);
      this.onRefused(key, error);
    }
  }

  failed(key, html) {
    if (!this.pending.has(key)) this.pending.set(key, html); // a newer change to the block goes instead
    this.wait();
  }

  wait() {
    const wait = RETRY_SECONDS[Math.min(this.failures, RETRY_SECONDS.length - 1)];
    this.failures += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.retry(), wait * 1000);
  }
}

/** "Saving…", "Saved" or "Not saved: retry", read out politely by screen readers. */
export class SaveStatus {
  constructor(container, onRetry) {
    this.text = document.createElement("p");
    this.text.className = "govuk-body council-save-status__text";
    this.text.setAttribute("role", "status");
    this.text.setAttribute("aria-live", "polite");
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "govuk-button govuk-button--secondary council-small-button";
    this.button.textContent = t("Retry");
    this.button.hidden = true;
    this.button.addEventListener("click", onRetry);
    container.replaceChildren(this.text, this.button);
    this.state = "";
  }

  show(state, message) {
    const words = {
      saving: t("Saving…"),
      saved: t("Saved"),
      failed: t("Not saved: retry. Your text is kept here and is sent again every few seconds."),
      conflict: t("Not saved: somebody else changed this report. See the message beside your text."),
      refused: message,
      idle: t("Changes are saved as you type."),
    };
    if (state === this.state && this.text.textContent === words[state]) return; // not read out again
    this.state = state;
    this.text.textContent = words[state];
    this.button.hidden = state !== "failed";
  }
}
