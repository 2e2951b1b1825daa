/* The platform's map component (templates/components/map.html, apps/core/templatetags/maps.py).
 * Draws the markers found in the page's own JSON, then the tiles when they load: a blocked tile server leaves the
 * markers and the list. Runs on page load and after htmx swaps; each map is drawn once. */
(function () {
  "use strict";

  function popup(marker) {
    var box = document.createElement("div");
    var title = document.createElement(marker.url ? "a" : "strong");
    title.textContent = marker.label;
    if (marker.url) title.href = marker.url;
    box.appendChild(title);
    if (marker.detail) {
      var detail = document.createElement("p");
      detail.textContent = marker.detail;
      box.appendChild(detail);
    }
    return box;
  }

  function layerFor(marker) {
    var at = [marker.lat, marker.lon];
    if (marker.colour) {
      return L.circleMarker(at, {
        radius: 7, color: "#ffffff", weight: 1.5, fillColor: marker.colour, fillOpacity: 0.9,
        className: "map__point",
      });
    }
    return L.marker(at, { title: marker.label, alt: marker.label, keyboard: true });
  }

  function draw(figure) {
    if (figure.dataset.drawn || typeof L === "undefined") return;
    var canvas = document.getElementById(figure.dataset.map);
    var data = document.getElementById(figure.dataset.map + "-data");
    if (!canvas || !data) return;
    var markers = JSON.parse(data.textContent);
    if (!markers.length) return;
    figure.dataset.drawn = "1";
    figure.hidden = false;
    L.Icon.Default.imagePath = canvas.dataset.iconPath;
    var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(canvas.dataset.tileUrl, { attribution: canvas.dataset.attribution, maxZoom: 18 }).addTo(map);
    var group = L.featureGroup(markers.map(function (marker) {
      return layerFor(marker).bindPopup(popup(marker));
    })).addTo(map);
    if (markers.length === 1) {
      map.setView([markers[0].lat, markers[0].lon], 14);
    } else {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 14 });
    }
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-map]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
  if (document.readyState !== "loading") drawAll(document);
})();
