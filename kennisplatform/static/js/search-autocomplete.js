/* Suggestions while typing in a search box, following the ARIA combobox pattern:
   arrow keys move through the list, Enter chooses, Escape closes; a status
   region tells screen reader users how many suggestions there are. Without
   JavaScript the box is a plain search form. */
(function () {
  "use strict";

  var DELAY = 150;
  var MIN_LENGTH = 2;

  function init(box) {
    var input = box.querySelector("[role=combobox]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[data-combobox-status]");
    var items = [];
    var active = -1;
    var timer = null;
    var request = 0;

    function announce(count) {
      if (count === 0) status.textContent = box.dataset.statusNone;
      else if (count === 1) status.textContent = box.dataset.statusOne;
      else status.textContent = box.dataset.statusMany.replace("%(count)s", count);
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var suggestion = items[index];
      close();
      if (suggestion.url) {
        window.location.href = suggestion.url;
      } else {
        input.value = suggestion.text;
        input.form.submit();
      }
    }

    function same(a, b) { return a.text === b.text && a.url === b.url; }

    function render(suggestions) {
      // A slower answer can arrive while someone is already moving through the list: keep their choice.
      var chosen = active >= 0 ? items[active] : null;
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (suggestion, i) {
        var option = document.createElement("li");
        var kind = box.dataset["kind" + suggestion.kind.charAt(0).toUpperCase() + suggestion.kind.slice(1)];
        option.id = list.id + "-" + i;
        option.className = "site-combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = suggestion.text;
        if (kind) {
          var label = document.createElement("span");
          label.className = "site-combobox__kind";
          label.textContent = " (" + kind + ")";
          option.appendChild(label);
        }
        // Keep focus in the input; the click then chooses.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
      });
      active = -1;
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        mark(chosen ? suggestions.findIndex(function (suggestion) { return same(suggestion, chosen); }) : -1);
      } else {
        close();
      }
      announce(suggestions.length);
    }

    function fetchSuggestions() {
      var value = input.value.trim();
      var number = ++request;
      if (value.length < MIN_LENGTH) {
        items = [];
        list.textContent = "";
        close();
        return;
      }
      fetch(box.dataset.suggestUrl + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (number === request) render(data.suggestions || []); })
        .catch(function () { if (number === request) close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); mark(0); } return; }
        mark(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        mark(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () { close(); });
  }

  document.querySelectorAll(".site-combobox[data-suggest-url]").forEach(init);
})();
