/* SPRO — small layout helpers, progressive: without JavaScript the menu is simply shown and wide
   tables scroll inside the page's main column.
   1. The header menu collapses behind a "Menu" disclosure button on narrow screens
      (aria-expanded; Enter or Space opens and closes it, Escape closes it and gives focus back to the button).
   2. Every table not already framed is put in its own horizontally scrollable frame that the keyboard
      can reach (tabindex="0", role="region", named after the table's caption or the heading before it). */
(function () {
  "use strict";

  function setUpMenu(nav) {
    var button = nav.querySelector(".menu-toggle");
    var list = document.getElementById(button && button.getAttribute("aria-controls"));
    if (!button || !list) return;
    nav.classList.add("menu-ready");
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) setOpen(false);
    });
  }

  function tableName(table, index) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var node = table;
    while (node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) return previous.textContent.trim();
        var inner = previous.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1].textContent.trim();
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "Tableau " + (index + 1);
  }

  function frameTables(root) {
    var tables = root.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.closest(".table-scroll")) continue;
      var frame = document.createElement("div");
      frame.className = "table-scroll";
      frame.setAttribute("data-name", tableName(table, i) + " (tableau qui défile horizontalement)");
      table.parentNode.insertBefore(frame, table);
      frame.appendChild(table);
    }
    markScrollable();
  }

  // Only a frame that actually scrolls becomes a tab stop (a desktop page keeps its usual tab order).
  function markScrollable() {
    var frames = document.querySelectorAll(".table-scroll[data-name]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.scrollWidth > frame.clientWidth + 1) {
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", frame.getAttribute("data-name"));
      } else {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    }
  }

  function ready() {
    document.documentElement.classList.add("js");
    var navs = document.querySelectorAll(".main-nav");
    for (var i = 0; i < navs.length; i++) setUpMenu(navs[i]);
    frameTables(document);
    // Tables that htmx swaps in later get their frame too.
    document.body.addEventListener("htmx:afterSettle", function () {
      frameTables(document);
    });
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(markScrollable, 150);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
