// Progressive enhancement: the list works without this. The map's tiles come from another site, so
// nothing is drawn until the visitor asks for the map; the choice is remembered in this browser only.
(function () {
  "use strict";
  var STORAGE_KEY = "kennisplatform.kaart";
  var section = document.querySelector("[data-social-map]");
  if (!section || !window.L) {
    return;
  }
  var data = section.dataset.points && document.getElementById(section.dataset.points);
  if (!data && !section.dataset.pointsUrl) {
    return;
  }
  // The social map fetches its markers (GeoJSON, filtered as the list) only when the map is shown;
  // a profile carries its one point in the page.
  var points = data ? JSON.parse(data.textContent) : null;
  var consent = section.querySelector("[data-map-consent]");
  var shown = section.querySelector("[data-map-shown]");
  var canvas = section.querySelector("[data-map-canvas]");
  var text = section.dataset;
  var map = null;

  function remember(value) {
    try {
      if (value) {
        window.localStorage.setItem(STORAGE_KEY, "tonen");
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Storage may be blocked; the map then simply asks again next time.
    }
  }

  function remembered() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "tonen";
    } catch (error) {
      return false;
    }
  }

  function draw() {
    map = L.map(canvas, { scrollWheelZoom: false, maxZoom: 19, zoomControl: false });
    L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
    var prefix = document.createElement("a");
    prefix.href = "https://leafletjs.com";
    prefix.title = text.leafletTitle;
    prefix.textContent = "Leaflet";
    map.attributionControl.setPrefix(prefix.outerHTML);
    if (canvas.dataset.tiles) {
      L.tileLayer(canvas.dataset.tiles, { maxZoom: 19, attribution: canvas.dataset.attribution }).addTo(map);
    }
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", text.closePopup);
        close.title = text.closePopup;
      }
    });
    if (points) {
      addMarkers(points);
      return;
    }
    map.setView([52.2, 5.3], 7); // the Netherlands, until the markers are in
    var drawn = map;
    fetch(section.dataset.pointsUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        points = collection.features.map(function (feature) {
          var where = feature.geometry.coordinates;
          return { name: feature.properties.name, url: feature.properties.url, lat: where[1], lng: where[0] };
        });
        if (map === drawn) {
          addMarkers(points);
        }
      })
      .catch(function () {
        // The list below the map shows the same organisations; the map stays without markers.
      });
  }

  function addMarkers(points) {
    var layer = points.length > 1 && L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name, keyboard: true });
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link);
      layer.addLayer(marker);
    });
    map.addLayer(layer);
    if (points.length) {
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
    }
  }

  function show(focus) {
    consent.hidden = true;
    shown.hidden = false;
    if (!map) {
      draw();
    }
    if (focus) {
      shown.querySelector("[data-map-hide]").focus();
    }
  }

  function hide() {
    remember(false);
    if (map) {
      map.remove();
      map = null;
    }
    shown.hidden = true;
    consent.hidden = false;
    consent.querySelector("[data-map-show]").focus();
  }

  section.querySelector("[data-map-show]").addEventListener("click", function () {
    remember(true);
    show(true);
  });
  section.querySelector("[data-map-hide]").addEventListener("click", hide);
  section.hidden = false;
  if (remembered()) {
    show(false);
  }
})();
