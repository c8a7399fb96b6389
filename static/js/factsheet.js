// Fact-sheet builder: move a focused claim with Alt+ArrowUp / Alt+ArrowDown (the same as its
// Up/Down buttons), and keep the focus on it after htmx swaps the builder. CSP-clean.
(function () {
  "use strict";
  var focusId = null;
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    var entry = event.target.closest ? event.target.closest("[data-fs-entry]") : null;
    if (!entry) return;
    var button = entry.querySelector('button[data-move="' + (event.key === "ArrowUp" ? "up" : "down") + '"]');
    if (!button) return;
    event.preventDefault();
    focusId = entry.id;
    button.click();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-move]") : null;
    if (button) {
      var entry = button.closest("[data-fs-entry]");
      if (entry) focusId = entry.id;
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusId) return;
    var entry = document.getElementById(focusId);
    focusId = null;
    if (entry) entry.focus();
  });
})();
