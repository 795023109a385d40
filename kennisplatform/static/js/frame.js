/* The page frame on narrow screens: the menu behind a disclosure button, and the filter
   panels of list pages open beside the results on wide screens. Loaded in <head> without
   defer so the menu is folded before the first paint; without JavaScript the menu is a
   plain list and the filter panels open with their summary. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("site-js");
  var WIDE = window.matchMedia("(min-width: 56em)");

  function setUpMenu() {
    var button = document.querySelector("[data-menu-button]");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));

    function toggle(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("site-menu--open", open);
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      toggle(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu and returns focus to its button.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        toggle(false);
        button.focus();
      }
    });
  }

  function setUpFilterPanels() {
    var panels = document.querySelectorAll("[data-filter-panel]");
    function follow() {
      panels.forEach(function (panel) { panel.open = WIDE.matches; });
    }
    follow();
    WIDE.addEventListener("change", follow);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpFilterPanels();
  });
})();
