// Factdesk's only script besides htmx. CSP-clean: no inline handlers, no eval.
(function () {
  "use strict";
  // Errors from htmx requests land in the status region instead of failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    var region = document.getElementById("toasts");
    if (!region) return;
    var p = document.createElement("p");
    p.className = "toast error";
    var status = event.detail.xhr ? event.detail.xhr.status : "";
    p.textContent = status === 403
      ? "Your role does not allow that action."
      : status === 404 ? "That item no longer exists or is not visible to you."
      : "The server could not complete that action (" + status + "). Nothing was changed.";
    region.replaceChildren(p);
  });
})();
