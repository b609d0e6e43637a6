/* jobnotes: small progressive enhancements. Every page works without this file:
   tables show every row, details open on click, links are plain links. */
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  /* "2026-11-23" as the site writes a date everywhere else: "23 Nov 2026". */
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function shortDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m || +m[2] < 1 || +m[2] > 12) return iso;
    return (+m[3]) + " " + MONTHS[+m[2] - 1] + " " + m[1];
  }
  var hashListeners = [];     /* of the sortable tables and filter forms on the page now */

  /* --- sorting: click a column header ------------------------------------------------ */

  /* The sort is kept in the URL hash like the filters ("sort=company", "sort=-match" for
     highest first), so it survives a reload and the live update of `jobnotes serve`. */
  var SORT = "sort";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return (key !== null ? key : cell.textContent).trim().toLowerCase();
  }

  var compareText = (typeof Intl !== "undefined" && Intl.Collator)
    ? new Intl.Collator(undefined, { numeric: true }).compare
    : function (x, y) { return x.localeCompare(y, undefined, { numeric: true }); };

  function columnKey(th) {
    return th.getAttribute("data-sort-key") ||
      th.textContent.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* ``rows`` in this order, in one move. The rows are all taken out first, from the last:
     moved one by one from their places, ten thousand rows took Chromium seconds. */
  function putRows(body, rows) {
    while (body.lastChild) body.removeChild(body.lastChild);
    var moved = document.createDocumentFragment();
    rows.forEach(function (row) { moved.appendChild(row); });
    body.appendChild(moved);
  }

  /* A long table shows its first rows in the new order (see showingMore). */
  function reordered(table) {
    table.dispatchEvent(new Event("jobnotes:reordered"));
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var body = table.tBodies[0];
    if (!body) return;
    var keys = Array.prototype.map.call(headers, columnKey);
    var original = Array.prototype.slice.call(body.rows);
    /* On a phone the header row is hidden: a "Sort by" select writes the same sort= state. */
    var select = table.id ? document.querySelector('select[data-sort-for="' + table.id + '"]') : null;

    function showInSelect(value) {
      if (!select) return;
      if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        var index = keys.indexOf(value.replace(/^-/, ""));
        var option = document.createElement("option");      /* e.g. a header clicked twice */
        option.value = value;
        option.textContent = (index === -1 ? value : headers[index].textContent.trim()) +
          (value.charAt(0) === "-" ? ", descending" : ", ascending");
        select.appendChild(option);
      }
      select.value = value;
    }

    function unsort() {
      each(headers, function (h) { h.removeAttribute("aria-sort"); });
      putRows(body, original);
      reordered(table);
    }

    /* Each row's value is read once per sort and compared with one collator, and the rows
       go back in one move: a table of a thousand rows sorts at once. */
    function sortBy(index, ascending) {
      each(headers, function (h) { h.removeAttribute("aria-sort"); });
      headers[index].setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var keyed = Array.prototype.map.call(body.rows, function (row, position) {
        return { row: row, value: cellValue(row, index), position: position };
      });
      keyed.sort(function (a, b) {
        var x = a.value, y = b.value;
        if (x === y) return a.position - b.position;
        if (x === "") return 1;          /* empty cells last, whatever the direction */
        if (y === "") return -1;
        var order = compareText(x, y);
        return (ascending ? order : -order) || a.position - b.position;
      });
      putRows(body, keyed.map(function (item) { return item.row; }));
      reordered(table);
    }

    function apply(wanted) {
      var ascending = wanted.charAt(0) !== "-";
      var index = wanted ? keys.indexOf(ascending ? wanted : wanted.slice(1)) : -1;
      if (index === -1) {
        if (table.querySelector("th[aria-sort]")) unsort();
        showInSelect("");
        return;
      }
      var state = ascending ? "ascending" : "descending";
      if (headers[index].getAttribute("aria-sort") !== state) sortBy(index, ascending);
      showInSelect(wanted);
    }

    function fromHash() {
      if (isPlainAnchor()) return;      /* "#board": a jump on the page keeps the order */
      apply(readHash()[SORT] || "");
    }

    if (select) {
      select.addEventListener("change", function (e) {
        e.stopPropagation();          /* not a filter: the filter form need not hear it */
        apply(select.value);
        var change = {};
        change[SORT] = select.value;
        updateHash(change);
      });
    }

    each(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      /* A column whose useful order is highest first ("Match") says so: data-sort-first. */
      var first = th.getAttribute("data-sort-first") === "descending" ? "descending" : "ascending";
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var ascending = current ? current !== "ascending" : first === "ascending";
        sortBy(index, ascending);
        var change = {};
        change[SORT] = (ascending ? "" : "-") + keys[index];
        showInSelect(change[SORT]);
        updateHash(change);
      });
    });
    window.addEventListener("hashchange", fromHash);
    hashListeners.push(fromHash);
    fromHash();
  }

  /* --- filtering: a form of controls, mirrored in the URL hash ---------------------------- */

  var ACTIVE = ["applied", "screening", "interviewing", "offer"];

  function isPlainAnchor() {
    var hash = window.location.hash.replace(/^#/, "");
    return hash !== "" && hash.indexOf("=") === -1;
  }

  function readHash() {
    var values = {};
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf("=") === -1) return values;    /* a plain anchor such as #board */
    hash.split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length < 2 || !pair[0]) return;
      try {
        values[decodeURIComponent(pair[0])] = decodeURIComponent(pair.slice(1).join("="));
      } catch (e) { /* a malformed hash is ignored, not fatal */ }
    });
    return values;
  }

  function writeHash(values) {
    var parts = Object.keys(values).filter(function (k) { return values[k]; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(values[k]); });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash === window.location.hash || (!hash && window.location.hash.indexOf("=") === -1)) return;
    try {
      history.replaceState(null, "", hash || window.location.pathname + window.location.search);
    } catch (e) {
      window.location.hash = hash;
    }
  }

  /* Sets the given keys of the hash ("" removes one) and keeps the others: the filters
     and the sort each write their own part. */
  function updateHash(changes) {
    var values = readHash();
    Object.keys(changes).forEach(function (k) { values[k] = changes[k]; });
    writeHash(values);
  }

  function rowMatches(row, values) {
    var d = row.dataset;
    if (values.status) {
      var wanted = values.status === "active" ? ACTIVE : values.status.split(",");
      if (wanted.indexOf(d.status) === -1) return false;
    }
    if (values.channel && d.channel !== values.channel) return false;
    if (values.company && d.company !== values.company) return false;
    if (values.reached && (" " + d.reached + " ").indexOf(" " + values.reached + " ") === -1) {
      return false;
    }
    if (values.exit && d.exit !== values.exit) return false;
    if (values.stopped && d.stopped !== values.stopped &&
        (d.stopped || "").indexOf(values.stopped + "-") !== 0) return false;
    if (values.since && !(d.applied && d.applied >= values.since)) return false;
    if (values.q) {
      /* data-search holds what the row does not show but is found by (skills, contacts). */
      var text = (row.textContent + " " + (d.search || "")).toLowerCase();
      var words = values.q.toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.every(function (w) { return text.indexOf(w) !== -1; })) return false;
    }
    return true;
  }

  /* Writes that change nothing are skipped: on a long table each would have the browser
     look at the rows again. */
  function setHidden(element, hidden) {
    if (element.hidden !== hidden) element.hidden = hidden;
  }


  function makeFilters(form) {
    var table = document.getElementById(form.getAttribute("data-filters"));
    if (!table || !table.tBodies[0]) return;
    var rows = table.tBodies[0].rows;
    var controls = form.querySelectorAll("[name]");
    var count = form.querySelector(".filter-count");
    var clear = form.querySelector("[data-clear]");
    var empty = table.closest(".card") && table.closest(".card").querySelector(".no-match");
    var board = document.querySelector('[data-board-for="' + table.id + '"]');
    var boardState = board && board.parentNode.querySelector(".board-filter-state");
    var more = showingMore(table, function () { apply(false); });

    /* The board shows the rows the table shows: a card per row, matched by data-key. While
       a filter is on, a column shows its first BOARD_MATCHES matching cards and says how
       many more match: thousands of cards took the browser seconds at every keystroke. */
    function applyBoard(filtered, shown, visible) {
      if (!board) return;
      each(board.querySelectorAll(".board-col"), function (col) {
        var n = 0;
        each(col.querySelectorAll(".board-card[data-key]"), function (card) {
          var match = visible[card.dataset.key] === true;
          setHidden(card, !match || (filtered && n >= BOARD_MATCHES));
          if (match) n += 1;
        });
        var counter = col.querySelector(".board-col-count");
        if (counter && counter.textContent !== String(n)) counter.textContent = n;
        setHidden(col, filtered && n === 0);
        moreMatches(col, filtered ? n - BOARD_MATCHES : 0);
      });
      if (boardState) {
        boardState.hidden = !filtered;
        boardState.querySelector(".board-count").textContent = filtered
          ? "Filtered like the table: " + shown + " of " + rows.length + more.counted + "." : "";
      }
    }

    function current() {
      var values = {};
      each(controls, function (c) { values[c.name] = c.value.trim(); });
      return values;
    }

    function apply(toHash) {
      var values = current();
      var active = Object.keys(values).filter(function (k) { return values[k]; });
      var shown = 0;
      var inView = 0;
      var visible = {};         /* by data-key: the board shows every row kept, in view or not */
      each(rows, function (row) {
        var match = rowMatches(row, values);
        var show = match && inView < more.limit;
        setHidden(row, !show);
        if (show) inView += 1;
        if (match) {
          shown += 1;
          visible[row.dataset.key] = true;
        }
      });
      more.update(inView, shown, active.length > 0);
      var text = active.length ? shown + " of " + rows.length + more.counted : "";
      if (values.exit) {
        var sample = table.querySelector('tr[data-exit="' + values.exit.replace(/["\\]/g, "") + '"]');
        text += " · ended: " + (sample ? sample.dataset.exitLabel : values.exit);
      }
      if (values.since) text += " · applied since " + shortDate(values.since);
      if (values.stopped) text += " · got no further than: " + values.stopped.replace(/-/g, " ");
      if (count) count.textContent = text;
      if (count && count.parentNode) count.parentNode.hidden = !text;
      if (clear) clear.hidden = !active.length;
      if (empty) empty.hidden = shown !== 0;
      applyBoard(active.length > 0, shown, visible);
      if (toHash) updateHash(values);
    }

    function fromHash() {
      if (isPlainAnchor()) return;      /* "#board": a jump on the page keeps the filters */
      var values = readHash();
      each(controls, function (c) {
        var value = values[c.name] || "";
        if (c.tagName === "SELECT" && value &&
            !Array.prototype.some.call(c.options, function (o) { return o.value === value; })) {
          var option = document.createElement("option");   /* a value linked from elsewhere */
          option.value = value;
          option.textContent = value;
          c.appendChild(option);
        }
        c.value = value;
      });
      apply(false);
    }

    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    var clears = Array.prototype.slice.call(
      document.querySelectorAll('[data-clear-for="' + table.id + '"]'));
    if (clear) clears.push(clear);
    clears.forEach(function (button) {
      button.addEventListener("click", function () {
        each(controls, function (c) { c.value = ""; });
        apply(true);
      });
    });
    window.addEventListener("hashchange", fromHash);
    hashListeners.push(fromHash);
    table.addEventListener("jobnotes:reordered", function () { apply(false); });
    fromHash();
    if (isPlainAnchor()) apply(false);      /* the long table's first rows, all the same */
    table.classList.remove("rows-capped");  /* its rows are shown and hidden by apply now */
  }

  /* --- long boards: while filtered, a column's first matching cards ------------------------ */

  var BOARD_MATCHES = 100;

  /* The line under a board column that says how many more cards match (``rest`` > 0). */
  function moreMatches(col, rest) {
    var line = col.querySelector(".board-more-matches");
    if (rest <= 0) {
      if (line) setHidden(line, true);
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.className = "board-more-matches muted small";
      col.appendChild(line);
    }
    var text = rest + " more " + (rest === 1 ? "matches" : "match") + ": see the table.";
    if (line.textContent !== text) line.textContent = text;
    setHidden(line, false);
  }

  /* --- long tables: the first rows, and a bar to show more --------------------------------- */

  /* A table with data-rows-shown="N" shows the first N rows the filters keep, in its order
     (the browser lays out every row it shows: ten thousand take seconds), and the bar
     [data-rows-more-for] says how many more there are, with buttons to show them. Without
     the attribute, every row the filters keep. ``more()`` is called after a button. */
  function showingMore(table, more) {
    var step = +table.getAttribute("data-rows-shown");
    var bar = document.querySelector('[data-rows-more-for="' + table.id + '"]');
    /* ``counted``: what "12 of 43" counts; a long table shows only some of what matches. */
    var state = { limit: step > 0 ? step : Infinity, counted: " shown", update: function () {} };
    if (!(step > 0) || !bar) return state;
    state.counted = " match";
    var noun = bar.getAttribute("data-rows-noun") || "rows";
    /* Come by the link that shows every row without JavaScript: every row, here too. */
    var link = bar.querySelector('a[href^="#"]');
    if (link && location.hash === link.getAttribute("href")) state.limit = Infinity;
    var count = document.createElement("span");
    count.className = "rows-more-count";
    var next = document.createElement("button");
    next.type = "button";
    next.className = "link-button rows-more-next";
    var all = document.createElement("button");
    all.type = "button";
    all.className = "link-button rows-more-all";
    bar.textContent = "";
    [count, next, all].forEach(function (part) { bar.appendChild(part); });
    next.addEventListener("click", function () { state.limit += step; more(); });
    all.addEventListener("click", function () { state.limit = Infinity; more(); });
    state.update = function (inView, kept, filtered) {
      var rest = kept - inView;
      setHidden(bar, rest <= 0);
      if (rest <= 0) return;
      count.textContent = "Showing the first " + inView + " of " + kept + " " +
        (filtered ? "matching " : "") + noun + ".";
      setHidden(next, rest <= step);
      next.textContent = "Show " + step + " more";
      all.textContent = "Show all " + kept;
    };
    return state;
  }

  /* A free-text filter for any other table marked data-filterable. */
  function makeSimpleFilter(table) {
    var wrap = table.closest(".table-wrap") || table;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "table-filter";
    input.placeholder = "Filter…";
    input.setAttribute("aria-label", "Filter the table");
    tools.appendChild(input);
    wrap.parentNode.insertBefore(tools, wrap);
    input.addEventListener("input", function () {
      var values = { q: input.value };
      each(table.tBodies[0].rows, function (row) { setHidden(row, !rowMatches(row, values)); });
    });
  }

  /* --- print: open every <details> so tables and drafts are on paper ---------------------- */

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"),
      function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  function enhance() {
    hashListeners.forEach(function (fn) { window.removeEventListener("hashchange", fn); });
    hashListeners = [];
    each(document.querySelectorAll("table[data-sortable]"), makeSortable);
    each(document.querySelectorAll("form[data-filters]"), makeFilters);
    each(document.querySelectorAll("table[data-filterable]"), makeSimpleFilter);
  }

  document.addEventListener("DOMContentLoaded", enhance);
  /* `jobnotes serve` puts a changed page in place of the old one, then calls this. */
  window.jobnotesSite = { enhance: enhance };
})();
