/* claimdiff report: filters, search, keyboard navigation and review decisions.
   Vanilla and offline: no network, no framework. Article text only ever reaches the page
   through textContent or the server-rendered (escaped) HTML; never innerHTML. */
(function () {
  "use strict";

  var STORAGE_PREFIX = "claimdiff-review:";
  var STATUS_LABELS = {
    "new": "New",
    "confirmed": "Confirmed",
    "dismissed": "Dismissed",
    "needs-follow-up": "Needs follow-up"
  };
  var KEY_STATUSES = { c: "confirmed", d: "dismissed", f: "needs-follow-up" };

  var data = JSON.parse(document.getElementById("claimdiff-data").textContent);
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var fileDecisions = {};
  (data.findings || []).forEach(function (finding) {
    if (finding.review && finding.review.status !== "new") {
      fileDecisions[finding.id] = {
        status: finding.review.status,
        note: finding.review.note || "",
        decided_at: finding.review.decided_at || null
      };
    }
  });
  var reviewFile = data.review ? data.review.file : null;
  var storage = openStorage();

  document.documentElement.classList.add("js");
  Array.prototype.forEach.call(document.querySelectorAll("[data-js-only]"), function (el) {
    el.hidden = false;
  });

  // -- review decisions ------------------------------------------------------------------------

  function openStorage() {
    try {
      var probe = STORAGE_PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // storage switched off: decisions last until the page is closed
    }
  }

  var memory = {}; // decisions when localStorage is unavailable: kept until the page closes

  function browserDecision(id) {
    if (!storage) return memory[id] || null;
    try {
      var value = JSON.parse(storage.getItem(STORAGE_PREFIX + id));
      return value && STATUS_LABELS[value.status] && value.status !== "new" ? value : null;
    } catch (error) {
      return null;
    }
  }

  function sameDecision(a, b) {
    return a && b && a.status === b.status && (a.note || "") === (b.note || "");
  }

  // The decision the page shows: the browser's when it is newer than the file's (or the file
  // has none), else the file's. Returns {decision, source} with source "browser" or "file".
  function effective(id) {
    var fromBrowser = browserDecision(id);
    var fromFile = fileDecisions[id] || null;
    if (fromBrowser && fromFile && !sameDecision(fromBrowser, fromFile)) {
      var browserTime = fromBrowser.decided_at || "";
      var fileTime = fromFile.decided_at || "";
      return browserTime >= fileTime
        ? { decision: fromBrowser, source: "browser", other: fromFile }
        : { decision: fromFile, source: "file", other: fromBrowser };
    }
    if (fromFile) return { decision: fromFile, source: "file", other: null };
    if (fromBrowser) return { decision: fromBrowser, source: "browser", other: null };
    return { decision: null, source: null, other: null };
  }

  function saveDecision(id, status, note) {
    var decision = { status: status, note: note, decided_at: new Date().toISOString() };
    if (storage) {
      storage.setItem(STORAGE_PREFIX + id, JSON.stringify(decision));
    } else {
      memory[id] = decision;
    }
  }

  function clearDecision(id) {
    if (storage) storage.removeItem(STORAGE_PREFIX + id);
    delete memory[id];
  }

  function sourceText(state) {
    if (!state.decision) {
      return reviewFile
        ? "New: no decision in the review file, none saved in this browser."
        : "No decision yet.";
    }
    var when = state.decision.decided_at ? " (" + state.decision.decided_at + ")" : "";
    if (state.source === "file") {
      var text = "Decision from the review file " + reviewFile + when + ".";
      if (state.other) text += " An older decision saved in this browser differs.";
      return text;
    }
    var saved = "Decision saved in this browser" + when + ".";
    if (state.other) {
      saved += " The review file said: " + STATUS_LABELS[state.other.status] + ".";
    }
    return saved;
  }

  function showReview(card) {
    var id = card.getAttribute("data-finding");
    var state = effective(id);
    var status = state.decision ? state.decision.status : "new";
    card.setAttribute("data-status", status);
    var badge = card.querySelector(".status");
    badge.className = "status status-" + status;
    badge.textContent = STATUS_LABELS[status];
    Array.prototype.forEach.call(card.querySelectorAll(".review input[type=radio]"), function (radio) {
      radio.checked = radio.value === status;
    });
    var note = card.querySelector(".review textarea");
    if (document.activeElement !== note) {
      note.value = state.decision ? state.decision.note || "" : "";
    }
    card.querySelector(".review-source").textContent = sourceText(state);
    card.querySelector(".review-clear").hidden = state.source !== "browser";
  }

  function decide(card, status) {
    var note = card.querySelector(".review textarea").value;
    saveDecision(card.getAttribute("data-finding"), status, note);
    showReview(card);
    updateProgress();
    applyFilters();
  }

  cards.forEach(function (card) {
    var id = card.getAttribute("data-finding");
    Array.prototype.forEach.call(card.querySelectorAll(".review input[type=radio]"), function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) decide(card, radio.value);
      });
    });
    var note = card.querySelector(".review textarea");
    note.addEventListener("input", function () {
      var state = effective(id);
      var hint = card.querySelector(".review-hint");
      if (state.decision) {
        saveDecision(id, state.decision.status, note.value);
        hint.textContent = "";
        card.querySelector(".review-source").textContent = sourceText(effective(id));
      } else {
        hint.textContent = "Choose a decision to save this note.";
      }
    });
    card.querySelector(".review-clear").addEventListener("click", function () {
      clearDecision(id);
      showReview(card);
      updateProgress();
      applyFilters();
    });
    showReview(card);
  });

  function updateProgress() {
    var counts = { "new": 0, "confirmed": 0, "dismissed": 0, "needs-follow-up": 0 };
    cards.forEach(function (card) { counts[card.getAttribute("data-status")] += 1; });
    var progress = document.getElementById("review-progress");
    if (progress) {
      progress.textContent =
        "Reviewed " + (cards.length - counts["new"]) + " of " + cards.length + ": " +
        counts.confirmed + " confirmed, " + counts.dismissed + " dismissed, " +
        counts["needs-follow-up"] + " needing follow-up, " + counts["new"] + " new.";
    }
  }

  // The review file format of claimdiff.review (docs/review-format.md), so that
  // `claimdiff check --review FILE` reads it back.
  function exportDecisions() {
    var decisions = [];
    cards.forEach(function (card) {
      var state = effective(card.getAttribute("data-finding"));
      if (state.decision) decisions.push(decisionRecord(card.getAttribute("data-finding"), state.decision));
    });
    // Decisions of the review file whose findings this run did not produce are carried on, so
    // they apply again if the finding comes back.
    ((data.review && data.review.no_longer_found) || []).forEach(function (gone) {
      decisions.push(decisionRecord(gone.finding, gone));
    });
    decisions.sort(function (a, b) { return a.finding < b.finding ? -1 : a.finding > b.finding ? 1 : 0; });
    var review = {
      format: "claimdiff-review",
      version: 1,
      exported_at: new Date().toISOString(),
      decisions: decisions
    };
    var blob = new Blob([JSON.stringify(review, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "claimdiff-review.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    var status = document.getElementById("export-status");
    status.textContent = "Exported " + decisions.length + " decisions to claimdiff-review.json.";
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function decisionRecord(id, decision) {
    var record = { finding: id, status: decision.status, note: decision.note || "" };
    if (decision.decided_at) record.decided_at = decision.decided_at;
    return record;
  }

  var exportButton = document.getElementById("export-decisions");
  if (exportButton) exportButton.addEventListener("click", exportDecisions);

  // -- filters and search -----------------------------------------------------------------------

  var filterControls = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var search = document.getElementById("filter-search");
  var searchText = cards.map(function (card) {
    var parts = [];
    Array.prototype.forEach.call(
      card.querySelectorAll("h3, .message, .quote blockquote, .outlet, .attribution"),
      function (el) { parts.push(el.textContent); }
    );
    return normalise(parts.join(" "));
  });

  function normalise(text) {
    return text.toLowerCase().replace(/\s+/g, " ");
  }

  function matches(card, index) {
    for (var i = 0; i < filterControls.length; i++) {
      var control = filterControls[i];
      var wanted = control.value;
      if (!wanted) continue;
      var field = control.getAttribute("data-filter");
      if (field === "outlet") {
        var outlets = Array.prototype.map.call(card.querySelectorAll(".quote"), function (q) {
          return q.getAttribute("data-outlet");
        });
        if (outlets.indexOf(wanted) < 0) return false;
      } else if (card.getAttribute("data-" + field) !== wanted) {
        return false;
      }
    }
    var terms = normalise(search ? search.value : "").split(" ").filter(Boolean);
    return terms.every(function (term) { return searchText[index].indexOf(term) >= 0; });
  }

  function applyFilters() {
    var shown = 0;
    var focusedHidden = null;
    cards.forEach(function (card, index) {
      var visible = matches(card, index);
      if (!visible && card.contains(document.activeElement)) focusedHidden = index;
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    var summary = document.getElementById("filter-summary");
    if (summary) {
      summary.textContent = "Showing " + shown + " of " + cards.length + " findings";
    }
    var none = document.getElementById("no-match");
    if (none) none.hidden = shown > 0 || cards.length === 0;
    // A card just hidden by a decision must not take the keyboard focus with it.
    if (focusedHidden !== null) {
      var next = visibleCards().filter(function (card) { return cards.indexOf(card) > focusedHidden; })[0];
      if (next) focusCard(next);
    }
  }

  filterControls.forEach(function (control) { control.addEventListener("change", applyFilters); });
  if (search) search.addEventListener("input", applyFilters);
  var reset = document.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      filterControls.forEach(function (control) { control.value = ""; });
      if (search) search.value = "";
      applyFilters();
    });
  }
  var filterForm = document.getElementById("filters");
  if (filterForm) filterForm.addEventListener("submit", function (event) { event.preventDefault(); });

  // -- keyboard ---------------------------------------------------------------------------------

  function visibleCards() {
    return cards.filter(function (card) { return !card.hidden; });
  }

  var current = null;

  function focusCard(card) {
    current = card;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  }

  function move(step) {
    var visible = visibleCards();
    if (!visible.length) return;
    var at = visible.indexOf(current);
    var target = at < 0 ? (step > 0 ? 0 : visible.length - 1) : at + step;
    if (target >= 0 && target < visible.length) focusCard(visible[target]);
  }

  cards.forEach(function (card) {
    card.addEventListener("focusin", function () { current = card; });
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.target.isContentEditable) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var key = event.key;
    if (key === "j" || key === "n") {
      move(1);
    } else if (key === "k" || key === "p") {
      move(-1);
    } else if (key === "/" && search) {
      search.focus();
    } else if (KEY_STATUSES[key] && current && !current.hidden) {
      decide(current, KEY_STATUSES[key]);
    } else {
      return;
    }
    event.preventDefault();
  });

  // -- links into collapsed sections --------------------------------------------------------------

  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    target.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", revealTarget);
  updateProgress();
  applyFilters();
  if (window.location.hash) revealTarget();
})();
