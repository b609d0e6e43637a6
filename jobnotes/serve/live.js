// Live reload for `jobnotes serve`: updates the page after a build that changed it
// (the event stream tells the digest of this page in each new build),
// shows build errors and note findings in an overlay, and pauses in hidden tabs.
// An overlay the reader closed stays closed, on every page and tab of this serve run,
// until what it would show changes.
// A change of the site's static files (stylesheets, scripts) reloads every tab.
(function () {
  "use strict";
  var script = document.currentScript;
  var run = script.getAttribute("data-run");
  var build = Number(script.getAttribute("data-build"));
  var page = script.getAttribute("data-page");
  var digest = script.getAttribute("data-digest");
  var assets = script.getAttribute("data-static");
  // A page the server made in place of one it could not show (missing, not built yet).
  var fallback = document.querySelector('meta[name="jobnotes-fallback"]');
  var source = null;
  var overlay = null;
  var SCROLL_KEY = "jobnotes-scroll:" + location.pathname;
  var DETAILS_KEY = "jobnotes-details:" + location.pathname;
  var HIDDEN_KEY = "jobnotes-overlay-hidden";
  var shown = null;       // the problems the overlay shows (see signature), or null

  // Which <details> the reader opened or closed, so the same ones stay so on the new
  // page: each known by its id, else by its summary's words (numbers aside: "5 more"
  // becomes "6 more") and its place among those of the same words.
  function eachDetails(root, visit) {
    var seen = {};
    Array.prototype.forEach.call(root.querySelectorAll("details"), function (d) {
      var summary = d.querySelector("summary");
      var words = summary ? summary.textContent.replace(/\d+/g, "#").replace(/\s+/g, " ").trim() : "";
      seen[words] = (seen[words] || 0) + 1;
      visit(d, d.id ? "#" + d.id : words + "|" + seen[words]);
    });
  }

  function detailsState(root) {
    var state = {};
    eachDetails(root, function (d, key) { state[key] = d.open; });
    return state;
  }

  function keepDetails(state, root) {
    eachDetails(root, function (d, key) {
      if (Object.prototype.hasOwnProperty.call(state, key)) { d.open = state[key]; }
    });
  }

  var saved = sessionStorage.getItem(SCROLL_KEY);
  var savedDetails = sessionStorage.getItem(DETAILS_KEY);
  if (saved !== null || savedDetails !== null) {
    sessionStorage.removeItem(SCROLL_KEY);
    sessionStorage.removeItem(DETAILS_KEY);
    window.addEventListener("load", function () {
      try { if (savedDetails) { keepDetails(JSON.parse(savedDetails), document); } } catch (e) { /* a bad value */ }
      if (saved !== null) { window.scrollTo(0, Number(saved)); }
    });
  }

  function currentPage() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.endsWith("/")) { path += "index.html"; }
    return path;
  }

  function reload() {
    sessionStorage.setItem(SCROLL_KEY, String(window.scrollY));
    sessionStorage.setItem(DETAILS_KEY, JSON.stringify(detailsState(document)));
    location.reload();
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Where findings are, for the heading: the notes, the settings file or the templates.
  function place(f) {
    if (f.path === "jobnotes.toml" || String(f.rule).indexOf("settings") === 0) {
      return "jobnotes.toml";
    }
    return f.rule === "template" ? "your site templates" : "your notes";
  }

  function errorsHeading(findings) {
    var places = [];
    findings.forEach(function (f) {
      if (places.indexOf(place(f)) === -1) { places.push(place(f)); }
    });
    var where = places.length > 1
      ? places.slice(0, -1).join(", ") + " and " + places[places.length - 1] : places[0];
    return (findings.length === 1 ? "1 error" : findings.length + " errors") + " in " + where;
  }

  // A failed build names the findings that stopped it: those are shown once, there.
  function mentioned(failure, f) {
    return !!failure && failure.indexOf(f.path) !== -1 && failure.indexOf(f.message) !== -1;
  }

  // What the overlay shows, one short string per problem.
  function signature(failure, findings) {
    var items = failure ? ["failure:" + failure] : [];
    return items.concat(findings.map(function (f) {
      return f.path + ":" + (f.line || "") + ":" + f.message;
    }));
  }

  // Whether every problem of ``items`` was among those closed on (fewer problems, once
  // some are fixed, stay closed; a new one opens the overlay again).
  function covered(items, hidden) {
    if (!hidden || !items) { return false; }
    return items.every(function (item) { return hidden.indexOf(item) !== -1; });
  }

  // The signature of the problems the reader closed the overlay on, in this serve run:
  // kept in localStorage, so every page and tab of the run knows it.
  function hiddenSignature() {
    try {
      var kept = JSON.parse(localStorage.getItem(HIDDEN_KEY));
      return kept && kept.run === run && Array.isArray(kept.signature) ? kept.signature : null;
    } catch (e) { return null; /* no storage, or a bad value */ }
  }

  function keepHidden(sig) {
    try {
      if (sig === null) {
        if (localStorage.getItem(HIDDEN_KEY) !== null) { localStorage.removeItem(HIDDEN_KEY); }
      } else {
        localStorage.setItem(HIDDEN_KEY, JSON.stringify({ run: run, signature: sig }));
      }
    } catch (e) { /* no storage: the overlay shows again on the next page */ }
  }

  function hideOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
    shown = null;
  }

  // Closed in another tab: closed here too when it shows the same problems.
  window.addEventListener("storage", function (event) {
    if (event.key === HIDDEN_KEY && shown !== null && covered(shown, hiddenSignature())) {
      hideOverlay();
    }
  });

  // Escape closes the overlay as its × does.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && overlay && shown !== null) {
      keepHidden(shown);
      hideOverlay();
    }
  });

  function showOverlay(status) {
    var findings = (status.findings || []).filter(function (f) {
      return f.severity === "error" && !mentioned(status.failure, f);
    });
    if (!status.failure && findings.length === 0) {
      hideOverlay();
      keepHidden(null);       // problems that come back later are news again
      return;
    }
    var sig = signature(status.failure, findings);
    var hidden = hiddenSignature();
    if (covered(sig, hidden)) { hideOverlay(); return; }
    // A problem not among those closed on: shown, with the others. (Closing it again
    // covers them all; once it is fixed, what is left stays closed.)
    if (overlay) { overlay.remove(); }
    shown = sig;
    overlay = el("div", "jobnotes-overlay");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Problems to fix");
    var box = el("div", "jobnotes-overlay-box");
    var close = el("button", "jobnotes-overlay-close", "×");
    var label = "Hide until these problems change";
    close.setAttribute("aria-label", label);
    close.setAttribute("title", label);
    close.addEventListener("click", function () {
      keepHidden(sig);
      hideOverlay();
    });
    close.setAttribute("aria-keyshortcuts", "Escape");
    box.appendChild(close);
    if (status.failure) {
      var built = status.built !== false;
      box.appendChild(el("h2", null, status.title ||
        (built ? "The site could not be rebuilt" : "No site could be built yet")));
      box.appendChild(el("pre", "jobnotes-overlay-failure",
        status.failure.replace(/^The site could not be built: /, "")));
      var advice = status.advice || "Fix the problem and save: this page updates by itself.";
      box.appendChild(el("p", null, built && !fallback
        ? "You are seeing the last good version. " + advice : advice));
    }
    if (findings.length) {
      box.appendChild(el("h2", null, errorsHeading(findings)));
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
    // New stylesheets or scripts: the page's bytes may be the same, its look is not.
    if (status.static && assets && status.static !== assets) { reload(); return; }
    if (page && status.page === page) {
      // The server says what this page is now: update it only when it differs.
      if (status.digest !== digest) { update(status); return; }
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

  // A changed page is fetched and put in place of the old one, keeping the stylesheets
  // and scripts already loaded and the scroll position: faster than reloading. The page
  // reloads instead when that cannot be done (its stylesheets changed, it is gone, it is
  // or was a page made in place of one, or the site's script does not offer to enhance a
  // new page).
  var updating = false;
  var pending = null;

  function stylesheets(doc) {
    return Array.prototype.map.call(doc.querySelectorAll('link[rel="stylesheet"]'),
      function (link) { return link.getAttribute("href"); }).join(" ");
  }

  function update(status) {
    var site = window.jobnotesSite;
    if (!window.fetch || !window.DOMParser || !site || !site.enhance) { reload(); return; }
    if (updating) { pending = status; return; }
    updating = true;
    window.jobnotesUpdate = { started: performance.timeOrigin + performance.now() };
    fetch(location.href, { cache: "no-store" }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("text/html") !== 0) { throw new Error("no page"); }
      return response.text();
    }).then(function (html) {
      var next = new DOMParser().parseFromString(html, "text/html");
      var tag = next.querySelector("script[data-digest]");
      if (!tag || fallback || next.querySelector('meta[name="jobnotes-fallback"]') ||
          stylesheets(next) !== stylesheets(document)) { throw new Error("new layout"); }
      var y = window.scrollY;
      var opened = detailsState(document);
      keepDetails(opened, next);
      document.title = next.title;
      document.body.replaceWith(document.adoptNode(next.body));
      overlay = null;
      shown = null;
      digest = tag.getAttribute("data-digest");
      build = Number(tag.getAttribute("data-build"));
      assets = tag.getAttribute("data-static") || assets;
      window.scrollTo(0, y);
      site.enhance();
      updating = false;
      if (pending) {
        var later = pending;
        pending = null;
        onBuild(later);
      } else {
        showOverlay(status);
      }
    }).catch(function () { reload(); });
  }

  // A browser opens only a few connections to one server at a time (six in Chromium),
  // and an event stream holds one for as long as its tab is open: with one per tab, a
  // seventh page would never load. So one visible tab holds the stream (whichever gets
  // the lock) and tells the others of each build, which then ask the server what their
  // own page is now; when it is hidden or closed, another visible tab takes over.
  var shared = window.BroadcastChannel && navigator.locks
    ? new BroadcastChannel("jobnotes-live") : null;
  var listening = false;
  var asking = null;      // the pending request for the lock
  var holding = null;     // releases the lock this tab holds

  function streamPath() {
    return page ? "?page=" + encodeURIComponent(page) : "";
  }

  // The newest build this tab has heard of: a status that arrives late (a slow answer to
  // askStatus after the stream told of a newer build) must not undo what it showed.
  var newest = 0;

  function receive(status) {
    if (status.run === run) {
      if (status.build < newest) { return; }
      newest = status.build;
    }
    onBuild(status);
    // The build this tab last heard of, for tools driving the page.
    window.jobnotesLive = { heard: status.build };
  }

  function openStream(onStatus) {
    source = new EventSource("/__jobnotes/events" + streamPath());
    source.addEventListener("build", function (event) {
      var status;
      try { status = JSON.parse(event.data); } catch (e) { return; /* a bad message */ }
      onStatus(status);
    });
  }

  function askStatus() {
    fetch("/__jobnotes/status" + streamPath(), { cache: "no-store" }).then(function (r) {
      return r.json();
    }).then(function (status) {
      if (listening) { receive(status); }
    }).catch(function () { /* the server is away: the stream's holder retries */ });
  }

  function connect() {
    if (listening || !window.EventSource) { return; }
    listening = true;
    if (!shared) { openStream(receive); return; }
    shared.onmessage = askStatus;
    askStatus();                    // what was built while this tab was hidden
    asking = window.AbortController ? new AbortController() : null;
    navigator.locks.request("jobnotes-live", asking ? { signal: asking.signal } : {},
      function () {
        return new Promise(function (release) {
          if (!listening) { release(); return; }
          holding = release;
          openStream(function (status) {
            receive(status);
            shared.postMessage(status.build);
          });
        });
      }).catch(function () { /* no longer asked for: hidden or closed */ });
  }

  function disconnect() {
    listening = false;
    if (source) { source.close(); source = null; }
    if (shared) { shared.onmessage = null; }
    if (asking) { asking.abort(); asking = null; }
    if (holding) { holding(); holding = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { disconnect(); } else { connect(); }
  });
  if (!document.hidden) { connect(); }
}());
