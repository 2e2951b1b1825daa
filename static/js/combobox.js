/* Type-ahead for long drop-downs (progressive enhancement): every single <select> with more than
   LONG_LIST options becomes an accessible combobox (static/vendor/accessible-autocomplete, MIT);
   without JavaScript it stays a plain select. The select keeps its name and value: the form posts
   the same thing either way. */
(function () {
  "use strict";

  var LONG_LIST = 25;

  function plural(n, one, many) { return n + " " + (n < 2 ? one : many); }

  var FRENCH = {
    tNoResults: function () { return "Aucun résultat"; },
    tStatusQueryTooShort: function (minQueryLength) {
      return "Tapez au moins " + plural(minQueryLength, "caractère", "caractères") + " pour voir les propositions";
    },
    tStatusNoResults: function () { return "Aucun résultat"; },
    tStatusSelectedOption: function (selectedOption, length, index) {
      return selectedOption + " " + (index + 1) + " sur " + length + " est sélectionné";
    },
    tStatusResults: function (length, contentSelectedOption) {
      return plural(length, "proposition disponible", "propositions disponibles") + ". " + contentSelectedOption;
    },
    tAssistiveHint: function () {
      return "Quand des propositions apparaissent, parcourez-les avec les flèches haut et bas et validez avec Entrée.";
    }
  };

  function enhance(root) {
    if (!window.accessibleAutocomplete) return;
    var scope = root && root.querySelectorAll ? root : document;
    var selects = scope.querySelectorAll("select:not([multiple]):not([data-combobox-done])");
    Array.prototype.forEach.call(selects, function (select) {
      if (select.options.length <= LONG_LIST || select.hasAttribute("data-no-combobox")) return;
      select.setAttribute("data-combobox-done", "");
      var options = {
        selectElement: select,
        defaultValue: "",
        showAllValues: true,
        minLength: 0,
        confirmOnBlur: true
      };
      for (var key in FRENCH) { options[key] = FRENCH[key]; }
      window.accessibleAutocomplete.enhanceSelectElement(options);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.detail.target); });
})();
