// Autosave: each changed block is sent on its own (reports/blocks.py), one request at a time so that
// each carries the version the last one returned. A failed request is kept and tried again (after a
// few seconds, at once when the browser is back online, or when "Retry" is pressed): nothing typed
// is dropped because the network was away for a minute.

const RETRY_SECONDS = [2, 4, 8, 15];

export class SaveQueue {
  constructor({ url, csrf, version, status, onSaved, onConflict, onRefused }) {
    this.url = url;
    this.csrf = csrf;
    this.version = version;
    this.status = status;
    this.onSaved = onSaved;
    this.onConflict = onConflict;
    this.onRefused = onRefused;
    this.pending = new Map(); // block key -> function giving its HTML now
    this.stuck = new Set(); // blocks refused or in conflict: the status keeps saying so until they are saved
    this.running = null;
    this.failures = 0;
    this.timer = null;
    window.addEventListener("online", () => this.retry());
  }

  get busy() {
    return this.pending.size > 0 || this.running !== null;
  }

  add(key, html) {
    this.pending.set(key, html);
    this.status.show("saving");
    if (this.failures === 0) this.run();
  }

  drop(key) {
    this.pending.delete(key);
  }

  retry() {
    clearTimeout(this.timer);
    this.timer = null;
    this.failures = 0;
    if (this.pending.size) this.status.show("saving");
    this.run();
  }

  /** Resolves once everything waiting is saved (or refused); rejects while the network is away. */
  async flush() {
    while (this.busy) {
      if (this.failures > 0) throw new Error("offline");
      await (this.running || this.run());
    }
  }

  run() {
    if (this.running || this.pending.size === 0) return this.running;
    this.running = this.sendNext().finally(() => {
      this.running = null;
      if (this.failures === 0 && this.pending.size) this.run();
      else if (this.failures === 0 && this.stuck.size === 0) this.status.show("saved");
    });
    return this.running;
  }

  async sendNext() {
    const [key, html] = this.pending.entries().next().value;
    this.pending.delete(key);
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
      this.version = answer.version;
      this.stuck.delete(key);
      this.onSaved(key, sent, answer);
    } else if (response.status === 409) {
      this.stuck.add(key);
      this.onConflict(key, answer);
    } else if (response.status >= 500 || response.status === 429) {
      this.failed(key, html);
    } else {
      this.stuck.add(key);
      this.onRefused(key, answer.error || "This part could not be saved. Reload the page and try again.");
    }
  }

  failed(key, html) {
    if (!this.pending.has(key)) this.pending.set(key, html); // a newer change to the block goes instead
    const wait = RETRY_SECONDS[Math.min(this.failures, RETRY_SECONDS.length - 1)];
    this.failures += 1;
    this.status.show("failed");
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
    this.button.textContent = "Retry";
    this.button.hidden = true;
    this.button.addEventListener("click", onRetry);
    container.replaceChildren(this.text, this.button);
    this.state = "";
  }

  show(state, message) {
    this.state = state;
    const words = {
      saving: "Saving…",
      saved: "Saved",
      failed: "Not saved: retry. Your text is kept here and will be saved when the connection is back.",
      conflict: "Not saved: somebody else changed this report. See the message beside your text.",
      refused: message,
      idle: "Changes are saved as you type.",
    };
    this.text.textContent = words[state];
    this.button.hidden = state !== "failed";
  }
}
