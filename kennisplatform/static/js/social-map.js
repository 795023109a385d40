// Progressive enhancement: the list works without this; the map only shows when Leaflet loads.
(function () {
  "use strict";
  var section = document.querySelector("[data-social-map]");
  var data = document.getElementById("map-points");
  if (!section || !data || !window.L) {
    return;
  }
  var points = JSON.parse(data.textContent);
  var canvas = section.querySelector("#kaart");
  section.hidden = false;

  var map = L.map(canvas, { scrollWheelZoom: false, maxZoom: 19 });
  if (canvas.dataset.tiles) {
    L.tileLayer(canvas.dataset.tiles, { maxZoom: 19, attribution: canvas.dataset.attribution }).addTo(map);
  }
  var markers = L.markerClusterGroup();
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name, keyboard: true });
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    marker.bindPopup(link);
    markers.addLayer(marker);
  });
  map.addLayer(markers);
  map.fitBounds(markers.getBounds(), { padding: [24, 24], maxZoom: 15 });
})();
