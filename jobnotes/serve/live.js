// Live reload for `jobnotes serve`: reloads the page after a build that changed it
// (the event stream tells the digest of this page in each new build),
// shows build errors and note findings in an overlay, and pauses in hidden tabs.
(function () {
  "use strict";
  var script = document.currentScript;
  var run = script.getAttribute("data-run");
  var build = Number(script.getAttribute("data-build"));
  var page = script.getAttribute("data-page");
  var digest = script.getAttribute("data-digest");
  var source = null;
  var overlay = null;
  var SCROLL_KEY = "jobnotes-scroll:" + location.pathname;

  var saved = sessionStorage.getItem(SCROLL_KEY);
  if (saved !== null) {
    sessionStorage.removeItem(SCROLL_KEY);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }

  function currentPage() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.endsWith("/")) { path += "index.html"; }
    return path;
  }

  function reload() {
    sessionStorage.setItem(SCROLL_KEY, String(window.scrollY));
    location.reload();
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function showOverlay(status) {
    var findings = (status.findings || []).filter(function (f) {
      return f.severity === "error";
    });
    if (!status.failure && findings.length === 0) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (overlay) { overlay.remove(); }
    overlay = el("div", "jobnotes-overlay");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Problems in your notes");
    var box = el("div", "jobnotes-overlay-box");
    var close = el("button", "jobnotes-overlay-close", "×");
    close.setAttribute("aria-label", "Hide until the next save");
    close.addEventListener("click", function () { overlay.remove(); overlay = null; });
    box.appendChild(close);
    if (status.failure) {
      box.appendChild(el("h2", null, "The site could not be rebuilt"));
      box.appendChild(el("pre", "jobnotes-overlay-failure", status.failure));
      box.appendChild(el("p", null, "You are seeing the last good version. Fix the problem and save: this page updates by itself."));
    }
    if (findings.length) {
      box.appendChild(el("h2", null, findings.length === 1 ? "1 error in your notes" : findings.length + " errors in your notes"));
      var list = el("ul", "jobnotes-overlay-list");
      findings.slice(0, 50).forEach(function (f) {
        var item = el("li");
        var where = f.path + (f.line ? ":" + f.line + (f.column ? ":" + f.column : "") : "");
        item.appendChild(el("code", "jobnotes-overlay-where", where));
        item.appendChild(el("span", "jobnotes-overlay-message", " " + f.message));
        if (f.hint) { item.appendChild(el("div", "jobnotes-overlay-hint", f.hint)); }
        list.appendChild(item);
      });
      box.appendChild(list);
      if (findings.length > 50) { box.appendChild(el("p", null, "… and " + (findings.length - 50) + " more on the Problems page.")); }
    }
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  function onBuild(status) {
    if (status.run !== run) { reload(); return; }
    if (page && status.page === page) {
      // The server says what this page is now: reload only when it differs.
      if (status.digest !== digest) { reload(); return; }
      build = status.build;
      showOverlay(status);
      return;
    }
    if (status.build !== build) {
      var changed = status.changed;
      if (!status.failure && (changed === null || changed.indexOf(currentPage()) !== -1)) {
        reload();
        return;
      }
      build = status.build;
    }
    showOverlay(status);
  }

  function connect() {
    if (source || !window.EventSource) { return; }
    source = new EventSource("/__jobnotes/events" +
      (page ? "?page=" + encodeURIComponent(page) : ""));
    source.addEventListener("build", function (event) {
      try { onBuild(JSON.parse(event.data)); } catch (e) { /* ignore a bad message */ }
    });
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { disconnect(); } else { connect(); }
  });
  if (!document.hidden) { connect(); }
}());
