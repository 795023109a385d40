// The follow button without a page load: the form is posted in the background and the button's box replaced
// by the server's new state (same template). Without JavaScript, or when the request fails, the form posts
// as usual and the page comes back with the new state.
(function () {
  "use strict";
  if (window.kennisplatformFollow) return;
  window.kennisplatformFollow = true;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var box = form.closest ? form.closest("[data-follow]") : null;
    if (!box || !window.fetch || !window.DOMParser || form.dataset.busy) return;
    event.preventDefault();
    form.dataset.busy = "1";
    // getAttribute: form.action would be the input named "action".
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-follow]");
        if (!fresh) throw new Error("no follow box");
        box.replaceChildren.apply(box, Array.prototype.slice.call(fresh.childNodes));
        var button = box.querySelector("button");
        if (button) button.focus();
      })
      .catch(function () {
        delete form.dataset.busy;
        form.submit();
      });
  });
})();
