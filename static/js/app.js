// Factdesk's only script besides htmx. CSP-clean: no inline handlers, no eval, no inline styles.
// - status messages for failed htmx requests
// - keyboard shortcuts (j/k move, a accept, x reject, c confirm (asks in a dialog: Enter
//   confirms), d dispute, e edit, l link evidence, u undo, q back to the queue, / search,
//   ? help); keys are ignored while typing, Esc leaves a search or filter field. In the
//   queue they act on the current row (a/x on the ticked rows when there are some).
//   No verdict is ever sent that the editor did not choose.
// - focus returns to what changed after a swap ([data-autofocus], the current queue row)
// - "New claim from selection" in the reading view: offsets in characters of the report text
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");
  var currentId = null; // id of the current [data-nav-item]

  function announce(text, kind) {
    var region = document.getElementById("toasts");
    if (!region) return;
    var p = document.createElement("p");
    p.className = "toast " + (kind || "info");
    p.textContent = text;
    region.replaceChildren(p);
  }

  // Errors from htmx requests land in the status region instead of failing silently. When no
  // answer came (or an error page did), the change may still have been saved: never say that
  // nothing changed. Sending the same form again is safe: its request key makes the desk
  // answer with the first outcome instead of applying the change twice.
  var UNKNOWN = " Your change may have been saved; reload to check.";
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : "";
    announce(status === 403
      ? "Your role does not allow that action."
      : status === 404 ? "That item no longer exists or is not visible to you."
      : "The desk could not finish that action (" + status + ")." + UNKNOWN, "error");
  });
  function unreachable() { announce("The desk could not be reached." + UNKNOWN, "error"); }
  document.addEventListener("htmx:sendError", unreachable);
  document.addEventListener("htmx:timeout", unreachable);

  // A form that stays on the page after the desk answered gets a fresh request key, so its
  // next use is a new change rather than a repeat of the one just answered.
  function freshKey() {
    var bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    if (!event.detail.successful || !elt || !elt.isConnected || !elt.querySelector) return;
    var key = elt.querySelector("input[name='request_key']");
    if (key) key.value = freshKey();
  });

  // --- current item (queue rows, highlighted figures) ------------------------------------
  function navItems() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-nav-item]"));
  }

  function setCurrent(el, focus) {
    navItems().forEach(function (item) { item.classList.remove("is-current"); });
    if (!el) { currentId = null; return; }
    el.classList.add("is-current");
    currentId = el.id || null;
    if (focus) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "nearest" });
    }
  }

  function currentItem() {
    return currentId ? document.getElementById(currentId) : null;
  }

  function move(step) {
    var items = navItems();
    if (!items.length) return;
    var index = items.indexOf(currentItem());
    var next = index < 0 ? (step > 0 ? 0 : items.length - 1)
      : Math.min(items.length - 1, Math.max(0, index + step));
    setCurrent(items[next], true);
  }

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest("[data-nav-item]");
    if (item) setCurrent(item, false);
  });

  // --- focus after swaps -----------------------------------------------------------------
  function focusInside(el) {
    if (el.tagName === "FORM") {
      // The first field in error; else the figure itself; else the first field.
      var field = el.querySelector("[aria-invalid='true'], .has-error input, .has-error select, .has-error textarea")
        || el.querySelector("[data-figure-box]") || el.querySelector("[name='value']")
        || el.querySelector("input:not([type='hidden']), select, textarea");
      if (field) { field.focus(); return; }
    }
    el.focus();
  }

  function focusIsFree() {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  // Focus returns to what changed -- unless the editor has already moved on (a key pressed
  // while the response settled put focus somewhere on purpose).
  function afterSwap() {
    // A confirmation step the server sent (no dialog opened here yet) becomes a modal dialog.
    var step = document.querySelector("dialog[data-show-modal][open]");
    if (step && step.showModal) {
      step.removeAttribute("data-show-modal");
      step.close();
      step.showModal();
      var ok = step.querySelector("button[type='submit']");
      if (ok) ok.focus();
      return;
    }
    var marked = Array.prototype.slice.call(document.querySelectorAll("[data-autofocus]"));
    marked.forEach(function (el) { el.removeAttribute("data-autofocus"); });
    if (marked.length && focusIsFree()) { focusInside(marked[0]); return; }
    var item = currentItem();
    if (item) {
      item.classList.add("is-current");
      if (focusIsFree()) item.focus({ preventScroll: true });
    }
  }
  // Settling a swapped row puts back the server's class list: keep the current marker on it.
  document.addEventListener("htmx:afterSettle", function () {
    var item = currentItem();
    if (item && !item.classList.contains("is-current")) item.classList.add("is-current");
  });
  // htmx:load fires for every piece of new content (main and out-of-band swaps), in the page.
  var swapPending = false;
  document.addEventListener("htmx:load", function () {
    if (swapPending) return;
    swapPending = true;
    window.setTimeout(function () { swapPending = false; afterSwap(); }, 0);
  });

  // --- actions by key --------------------------------------------------------------------
  function scopeForActions() {
    var item = currentItem();
    if (item && item.tagName === "TR" && document.body.contains(item)) return item;
    return document.getElementById("claim-panel") || document;
  }

  function openLinkBox(scope) {
    var box = (scope.querySelector && scope.querySelector("details.link-box"))
      || document.querySelector("details.link-box");
    if (!box) return false;
    box.open = true;
    var search = box.querySelector("[data-link-search]");
    if (search) search.focus();
    return true;
  }

  // --- verdicts: chosen, never defaulted; Confirm asks once in a dialog ----------------
  function verdictLabel(radio) {
    return radio.parentNode.textContent.trim().toLowerCase();
  }

  function askForVerdict(form) {
    var first = form.querySelector("input[name='verdict']");
    if (first) first.focus();
    announce("Choose a verdict first: Confirm (c), Dispute (d), Misleading or Unverifiable.", "error");
  }

  // Open the confirmation dialog of the panel: the corroborating links come ticked (plus any
  // the editor ticked in the verdict form), the reason typed there becomes the note.
  function openConfirm(form) {
    var panel = form.closest("#claim-panel") || document;
    var dialog = panel.querySelector("dialog[data-confirm-dialog]");
    if (!dialog || !dialog.showModal) return false;
    form.querySelectorAll("input[name='evidence']:checked").forEach(function (box) {
      var twin = dialog.querySelector("input[name='evidence'][value='" + box.value + "']");
      if (twin) twin.checked = true;
    });
    var reason = form.querySelector("[data-verdict-reason]");
    var note = dialog.querySelector("[data-confirm-reason]");
    if (reason && note && !note.value) note.value = reason.value.trim();
    if (dialog.open) dialog.close();
    dialog.showModal();
    var ok = dialog.querySelector("button[type='submit']");
    if (ok) ok.focus();
    return true;
  }

  // Send the verdict form with the verdict the editor chose: Confirm goes through the dialog,
  // the others need a reason first, and nothing goes without a choice.
  function sendVerdict(form) {
    var chosen = form.querySelector("input[name='verdict']:checked");
    if (!chosen) { askForVerdict(form); return; }
    if (chosen.value === "confirmed") { openConfirm(form); return; }
    var reason = form.querySelector("[data-verdict-reason]");
    if (reason && !reason.value.trim()) {
      reason.focus();
      announce("Give a reason, then press Ctrl+Enter to " + verdictLabel(chosen) + ".");
      return;
    }
    form.requestSubmit();
  }

  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-verdict-form]")) return;
    var chosen = form.querySelector("input[name='verdict']:checked");
    if (!chosen) { event.preventDefault(); askForVerdict(form); }
    else if (chosen.value === "confirmed") { event.preventDefault(); openConfirm(form); }
  });

  document.addEventListener("click", function (event) {
    var close = event.target.closest && event.target.closest("[data-dialog-close]");
    var dialog = close && close.closest("dialog");
    if (dialog) { event.preventDefault(); dialog.close(); }
  });

  // --- the queue: keys act on the focused row (a/x on the selection when rows are ticked) --
  // e, c, d and l open the row's claim on that step (?do=…, shown by the server: the edit
  // form, the confirmation dialog, a dispute with its reason, the evidence box).
  var ROW_STEPS = { e: "edit", c: "confirm", d: "dispute", l: "link" };

  function queueRows() {
    return navItems().filter(function (el) { return el.tagName === "TR"; });
  }

  function pickedBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll("input[name='pick']:checked"));
  }

  function nextRow(row) {
    var rows = queueRows();
    var at = rows.indexOf(row);
    return at >= 0 && at + 1 < rows.length ? rows[at + 1] : null;
  }

  function actInQueue(key) {
    if ((key === "a" || key === "x") && pickedBoxes().length) {
      var bulk = document.querySelector("#bulk-form button[value='" + (key === "a" ? "accept" : "reject") + "']");
      if (bulk) { bulk.click(); return true; }
    }
    var row = currentItem();
    if (!row || row.tagName !== "TR") {
      announce("Choose a claim first: j and k move between rows.");
      return true;
    }
    var label = "Claim " + row.id.replace(/^claim-(\d+)-row$/, "$1");
    if (ROW_STEPS[key]) {
      var open = row.querySelector("[data-open]");
      if (!open) return false;
      if ((key === "c" || key === "d") && row.getAttribute("data-state") !== "open") {
        announce(label + " is not open: accept it (a) before a verdict.", "error");
        return true;
      }
      var url = new URL(open.getAttribute("href"), window.location.href);
      url.searchParams.set("do", ROW_STEPS[key]);
      window.location.assign(url.toString());
      return true;
    }
    var control = row.querySelector("[data-shortcut='" + key + "']");
    if (!control) {
      announce(label + (key === "a" ? " cannot be accepted from its state." : " cannot be rejected from its state."), "error");
      return true;
    }
    var following = nextRow(row);
    control.click();
    if (following) setCurrent(following, true);
    return true;
  }

  function act(key) {
    if (queueRows().length && document.getElementById("claim-rows")) return actInQueue(key);
    var scope = scopeForActions();
    var control = scope.querySelector("[data-shortcut='" + key + "']");
    if (!control) return false;
    if (control.tagName === "SUMMARY") return openLinkBox(scope);
    if (control.type === "radio" && control.name === "verdict" && control.form) {
      control.checked = true;
      sendVerdict(control.form);
      return true;
    }
    control.click();
    return true;
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    if (target.isContentEditable) return true;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag === "INPUT") {
      var type = (target.getAttribute("type") || "text").toLowerCase();
      return ["checkbox", "radio", "button", "submit", "reset"].indexOf(type) < 0;
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    // Ctrl+Enter in a verdict reason sends the verdict the editor chose; without a choice it
    // asks for one (no verdict is a default).
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.hasAttribute
        && target.hasAttribute("data-verdict-reason") && target.form) {
      event.preventDefault();
      sendVerdict(target.form);
      return;
    }
    // Enter in the confirmation dialog confirms (also from a ticked evidence box).
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && target.type === "checkbox"
        && target.form && target.form.hasAttribute("data-confirm-form")) {
      event.preventDefault();
      target.form.requestSubmit();
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]")) return;
    if (event.key === "Escape" && isTyping(target) && target.closest
        && (target.type === "search" || target.closest("[role='search']"))) {
      // Leave the field (without clearing it): the keys work again, on the current row.
      event.preventDefault();
      target.blur();
      var row = currentItem();
      if (row) row.focus({ preventScroll: true });
      return;
    }
    if (event.key === "Escape") {
      var cancel = document.querySelector("[data-shortcut='Escape']");
      if (cancel) { event.preventDefault(); cancel.click(); }
      return;
    }
    if (isTyping(target)) return;
    var key = event.key;
    var handled = true;
    if (key === "j") move(1);
    else if (key === "k") move(-1);
    else if (key === "?") {
      var help = document.getElementById("keyboard-help");
      if (help && help.showModal) help.showModal();
    } else if (key === "/") {
      var search = document.querySelector("[data-shortcut='/']");
      if (search) search.focus(); else handled = openLinkBox(document);
    } else if (key === "Enter" || key === " ") {
      var item = currentItem();
      if (!item || target !== item || item.tagName !== "TR") { handled = false; }
      else if (key === "Enter") {
        var open = item.querySelector("[data-open]");
        if (open) open.click();
      } else {
        var box = item.querySelector("input[type='checkbox']:not([disabled])");
        if (box) box.click();
      }
    } else if ("axcdel".indexOf(key) >= 0 && key.length === 1) {
      handled = act(key);
    } else if (key === "u") {
      var undo = document.querySelector("#toasts [data-undo] button");
      if (undo) undo.click(); else handled = false;
    } else if (key === "q") {
      handled = backToQueue();
    } else handled = false;
    if (handled) event.preventDefault();
  });

  // Back to the queue the editor came from (its filters are in its URL), else the queue.
  function backToQueue() {
    var link = document.querySelector("[data-shortcut='q']");
    if (!link) return false;
    var queuePath = new URL(link.href, window.location.href).pathname;
    var from = document.referrer ? new URL(document.referrer) : null;
    if (from && from.origin === window.location.origin && from.pathname === queuePath
        && window.history.length > 1) {
      window.history.back();
    } else {
      link.click();
    }
    return true;
  }

  // --- Undo in toasts: offered for a few seconds, then taken away ------------------------
  var UNDO_SECONDS = 10;
  function expireUndo() {
    document.querySelectorAll("[data-undo]:not([data-undo-timed])").forEach(function (form) {
      form.setAttribute("data-undo-timed", "");
      window.setTimeout(function () {
        if (form.isConnected && !form.classList.contains("htmx-request")) form.remove();
      }, UNDO_SECONDS * 1000);
    });
  }
  document.addEventListener("htmx:load", expireUndo);

  // --- queue: the selection count in the (sticky) bulk toolbar ---------------------------
  function countSelected() {
    var out = document.getElementById("bulk-count");
    if (!out) return;
    var n = pickedBoxes().length;
    out.textContent = n ? n + " selected" : "None selected";
    var bar = document.getElementById("bulk-form");
    if (bar) bar.classList.toggle("has-selection", n > 0);
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "pick" || event.target.id === "pick-all") countSelected();
  });
  document.addEventListener("htmx:afterSettle", countSelected);

  // --- queue: select all ------------------------------------------------------------------
  function wireSelectAll() {
    var all = document.getElementById("pick-all");
    if (all) all.hidden = false;
  }
  document.addEventListener("change", function (event) {
    if (event.target.id !== "pick-all") return;
    var checked = event.target.checked;
    document.querySelectorAll("input[name='pick']:not([disabled])").forEach(function (box) {
      box.checked = checked;
    });
    countSelected();
  });
  document.addEventListener("htmx:afterSettle", wireSelectAll);

  // --- reading view: new claim from selection ---------------------------------------------
  function codePoints(text) { return Array.from(text).length; }

  function readSelection() {
    var container = document.getElementById("report-text");
    var form = document.getElementById("selection-form");
    if (!container || !form) return;
    var selection = window.getSelection();
    var button = document.getElementById("selection-button");
    var quoteBox = document.getElementById("selection-quote");
    var hint = document.getElementById("selection-hint");
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return;
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    var quote = range.toString();
    var start = codePoints(before.toString());
    var lead = quote.length - quote.replace(/^\s+/, "").length;
    var trimmed = quote.trim();
    if (!trimmed) return;
    start += codePoints(quote.slice(0, lead));
    var end = start + codePoints(trimmed);
    form.querySelector("[name='start']").value = String(start);
    form.querySelector("[name='end']").value = String(end);
    quoteBox.textContent = trimmed;
    quoteBox.hidden = false;
    hint.textContent = "Selected characters " + start + "–" + end + ":";
    button.disabled = false;
  }

  function setUpReading() {
    var button = document.getElementById("selection-button");
    if (button && !document.getElementById("sel-start").value) button.disabled = true;
  }
  document.addEventListener("mouseup", function () { window.setTimeout(readSelection, 0); });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) readSelection();
  });

  // --- the header's menu on narrow screens ------------------------------------------------
  function wireMenu() {
    var toggle = document.querySelector(".menu-toggle");
    if (!toggle) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.closest(".topbar").classList.toggle("menu-open", open);
    });
  }

  // A page the server opened on a step (?do=edit, ?do=confirm …) focuses it as after a swap.
  function ready() { wireMenu(); wireSelectAll(); setUpReading(); countSelected(); expireUndo(); afterSwap(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
