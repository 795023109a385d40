// "Gebruik mijn locatie": asks the browser for the location only when the button is clicked, rounds it to
// about 100 m and submits it with the filter form to this site. Nothing is sent anywhere else.
(function () {
  "use strict";
  var button = document.querySelector("[data-near-me]");
  if (!button || !("geolocation" in navigator)) {
    return;
  }
  var form = button.form;
  var status = document.getElementById(button.getAttribute("aria-describedby"));
  var place = form.querySelector("[name=dichtbij]");
  button.hidden = false;
  if (place) {
    place.addEventListener("input", function () {
      form.querySelector("[name=lat]").value = "";
      form.querySelector("[name=lon]").value = "";
    });
  }
  button.addEventListener("click", function () {
    status.textContent = button.getAttribute("data-busy");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(3);
        form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(3);
        if (place) {
          place.value = "";
        }
        form.submit();
      },
      function () {
        status.textContent = button.getAttribute("data-failed");
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
