// GOV.UK error summary: move focus to it when a page comes back with errors, so screen readers
// read the problems first; a link in it moves focus to its field and shows the field's label
// (or its group's legend) at the top of the window. Everything works without this file.
(function () {
  "use strict";

  function labelOrLegend(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset) {
      var legend = fieldset.querySelector("legend");
      if (legend) { return legend; }
    }
    return document.querySelector("label[for='" + input.id + "']") || input;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) { return; }
      event.preventDefault();
      labelOrLegend(input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  });
})();
