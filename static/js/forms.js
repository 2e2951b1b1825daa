/* Forms, for every page (progressive enhancement: without JavaScript the summary is simply shown).
   After a failed submit the focus moves to the error summary (templates/includes/error_summary.html),
   on page load and when htmx swaps in a form or results that contain one; a link of the summary
   moves the focus to its field and shows the field's label. */
(function () {
  "use strict";

  function focusSummary(root) {
    var scope = root && root.querySelector ? root : document;
    var summary = scope.matches && scope.matches("[data-error-summary]") ? scope : scope.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  function focusField(event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var label = field.closest("fieldset");
    label = label ? label.querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  }

  document.addEventListener("click", focusField);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  } else {
    focusSummary(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { focusSummary(event.detail.target); });
})();
