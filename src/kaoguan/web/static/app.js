// Shared helpers for every page. Plain browser JavaScript, no build step, no CDN.
"use strict";

const kg = {
  // Calls the REST API and turns an error response into an Error whose message is the
  // server's `detail`, so pages can show the user what went wrong and where.
  async api(path, options = {}) {
    const init = Object.assign({ headers: {} }, options);
    if (init.json !== undefined) {
      init.body = JSON.stringify(init.json);
      init.headers["Content-Type"] = "application/json";
      delete init.json;
    }
    // Every state-changing call carries this page's CSRF token (the server refuses it otherwise).
    const csrf = document.querySelector('meta[name="csrf-token"]');
    if (csrf && csrf.content) init.headers["X-CSRF-Token"] = csrf.content;
    const response = await fetch(path, init);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = text; }
    if (!response.ok) {
      let detail = data && data.detail !== undefined ? data.detail : text;
      if (Array.isArray(detail)) detail = detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join(";");
      const error = new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
      error.status = response.status;
      throw error;
    }
    return data;
  },

  escape(text) {
    return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  },

  // Wraps each evidence clause found in `text` in <mark>; everything else is escaped.
  highlight(text, clauses) {
    const ranges = [];
    for (const clause of clauses) {
      if (!clause) continue;
      const at = text.indexOf(clause);
      if (at >= 0) ranges.push([at, at + clause.length]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    let html = "";
    let cursor = 0;
    for (const [start, end] of ranges) {
      if (start < cursor) continue; // overlapping evidence: keep the first
      html += kg.escape(text.slice(cursor, start)) + "<mark>" + kg.escape(text.slice(start, end)) + "</mark>";
      cursor = end;
    }
    return html + kg.escape(text.slice(cursor));
  },

  clock(date = new Date()) {
    return date.toLocaleTimeString("zh-CN", { hour12: false });
  },

  debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  },
};
window.kg = kg;
