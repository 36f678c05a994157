/* Quartier offline web map: draws the layers written by mapping/export/webmap.py.
 *
 * Each layer arrives as a compact spec: its classes (colours, widths by zoom, the
 * zoom range they show at, as in resources/styles/osm_base.json) and its
 * features (GeoJSON geometries, a class index, a name and popup rows). Features
 * are grouped by class so that a class outside its zoom range is taken off the
 * map (not merely made invisible, so it cannot be clicked). All text typed by
 * residents reaches the page through textContent, never as HTML, in elements
 * with dir="auto": a name in Arabic reads right to left, whatever the page's
 * language. The words the script shows itself (zoom buttons, legend) come
 * translated from the exporter (page.words), in the language of <html lang>.
 */
(function () {
  "use strict";

  function at(stops, zoom, fallback) {
    if (!stops || !stops.length) { return fallback; }
    if (zoom <= stops[0][0]) { return stops[0][1]; }
    for (var i = 1; i < stops.length; i++) {
      if (zoom <= stops[i][0]) {
        var z0 = stops[i - 1][0], v0 = stops[i - 1][1], z1 = stops[i][0], v1 = stops[i][1];
        return v0 + (v1 - v0) * (zoom - z0) / (z1 - z0);
      }
    }
    return stops[stops.length - 1][1];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
      node.dir = "auto";  /* names in any script: the browser finds their direction */
    }
    return node;
  }

  function popupContent(spec, cls, props) {
    var box = element("div", "q-popup");
    var kind = cls.label;
    box.appendChild(element("div", "q-popup-title", props.n || kind));
    if (props.n && kind) { box.appendChild(element("div", "q-popup-kind", kind)); }
    if (props.t && props.t.length) {
      var table = element("table");
      props.t.forEach(function (row) {
        var tr = element("tr");
        tr.appendChild(element("th", null, row[0]));
        tr.appendChild(element("td", null, row[1]));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    box.appendChild(element("div", "q-popup-layer", spec.title));
    return box;
  }

  var SYMBOLS = {
    circle: '<circle cx="12" cy="12" r="8"/>',
    square: '<rect x="4.5" y="4.5" width="15" height="15"/>',
    diamond: '<polygon points="12,2.5 21.5,12 12,21.5 2.5,12"/>',
    triangle: '<polygon points="12,2.5 21.5,19.5 2.5,19.5"/>',
    cross: '<circle cx="12" cy="12" r="9"/><path d="M10.25 7.5h3.5v2.75h2.75v3.5h-2.75v2.75h-3.5v-2.75h-2.75v-3.5h2.75z" fill="#fff" stroke="none"/>',
    star: '<polygon points="12,1.5 14.6,8.6 22,8.9 16.2,13.6 18.2,20.8 12,16.6 5.8,20.8 7.8,13.6 2,8.9 9.4,8.6"/>'
  };

  function symbolIcon(cls, size) {
    var shape = SYMBOLS[cls.symbol] || SYMBOLS.circle;
    var html = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="' + size +
      '" height="' + size + '" fill="' + cls.fill + '" stroke="' + cls.stroke +
      '" stroke-width="2">' + shape + "</svg>";
    return L.divIcon({ html: html, className: "q-symbol", iconSize: [size, size],
                       iconAnchor: [size / 2, size / 2], popupAnchor: [0, -size / 2] });
  }

  function featureColour(spec, cls, props) {
    if (spec.colours && props.k !== undefined && props.k >= 0) { return spec.colours[props.k]; }
    return cls.stroke;
  }

  function pathStyle(spec, cls, props, zoom, casing) {
    var width = at(cls.width, zoom, 1);
    if (casing) {
      if (zoom < cls.casingMinZoom) { return { stroke: false, fill: false }; }
      return { color: cls.casing, weight: width + 2 * at(cls.casingWidth, zoom, 0.5),
               opacity: 1, fill: false, lineCap: "round", lineJoin: "round" };
    }
    var stroke = featureColour(spec, cls, props);
    if (cls.lowStroke && zoom < cls.casingMinZoom) { stroke = cls.lowStroke; }
    var outline = !!stroke && zoom >= cls.outlineMinZoom;
    return {
      stroke: outline, color: stroke || "#000", weight: outline ? Math.max(width, 0.6) : 0,
      opacity: 1, dashArray: cls.dash ? cls.dash.join(" ") : null,
      fill: !!cls.fill, fillColor: cls.fill, fillOpacity: cls.fill ? cls.fillOpacity : 0,
      lineCap: "round", lineJoin: "round"
    };
  }

  /* One class of one layer: its features as a GeoJSON layer (plus a casing under roads). */
  function classLayer(map, spec, cls, features, renderer) {
    var collection = { type: "FeatureCollection", features: features };
    var parts = [];
    var zoomOf = function () { return map.getZoom() + spec.zoomOffset; };
    if (cls.casing && spec.geometry !== "point") {
      parts.push(L.geoJSON(collection, {
        renderer: renderer, interactive: false,
        style: function (f) { return pathStyle(spec, cls, f.properties, zoomOf(), true); }
      }));
    }
    var main = L.geoJSON(collection, {
      renderer: renderer, interactive: spec.popups,
      style: function (f) { return pathStyle(spec, cls, f.properties, zoomOf(), false); },
      pointToLayer: function (f, latlng) {
        var size = at(spec.symbolSize, zoomOf(), 8);
        if (spec.labels) {
          return L.circleMarker(latlng, { renderer: renderer, radius: 0, stroke: false,
                                          fill: false, interactive: false });
        }
        if (spec.vectorSymbols) {
          return L.marker(latlng, { icon: symbolIcon(cls, Math.round(size * 1.5)),
                                    interactive: spec.popups, keyboard: false, pane: spec.pane });
        }
        return L.circleMarker(latlng, { renderer: renderer, radius: size / 2,
                                        color: cls.stroke || "#fff", weight: 1,
                                        fillColor: cls.fill, fillOpacity: 1,
                                        interactive: spec.popups });
      },
      onEachFeature: function (f, layer) {
        if (spec.labels && f.properties.n) {
          layer.bindTooltip(element("span", null, f.properties.n),
                            { permanent: true, direction: "center", className: "q-place" });
        } else if (spec.popups) {
          layer.bindPopup(function () { return popupContent(spec, cls, f.properties); });
        }
      }
    });
    parts.push(main);
    var group = L.featureGroup(parts);
    group.restyle = function () {
      var zoom = zoomOf();
      if (parts.length > 1) {
        parts[0].setStyle(function (f) { return pathStyle(spec, cls, f.properties, zoom, true); });
      }
      if (spec.geometry !== "point") {
        main.setStyle(function (f) { return pathStyle(spec, cls, f.properties, zoom, false); });
      } else if (!spec.vectorSymbols && !spec.labels) {
        main.setStyle({ radius: at(spec.symbolSize, zoom, 8) / 2 });
      }
    };
    return group;
  }

  function decode(spec) {
    var byClass = spec.classes.map(function () { return []; });
    for (var i = 0; i < spec.geoms.length; i++) {
      var props = { n: spec.names ? spec.names[i] : "" };
      if (spec.rows) { props.t = spec.rows[i]; }
      if (spec.colourIndex) { props.k = spec.colourIndex[i]; }
      var geometry = spec.geomType ? { type: spec.geomType, coordinates: spec.geoms[i] }
                                   : spec.geoms[i];
      byClass[spec.cls[i]].push({ type: "Feature", geometry: geometry, properties: props });
    }
    return byClass;
  }

  /* Place names are tooltips: hide those that would overlap one shown before them. */
  function declutter(map) {
    var kept = [];
    var nodes = map.getPane("tooltipPane").querySelectorAll(".q-place");
    Array.prototype.forEach.call(nodes, function (node) {
      node.style.visibility = "";
      var box = node.getBoundingClientRect();
      var clash = kept.some(function (other) {
        return box.left < other.right && box.right > other.left &&
               box.top < other.bottom && box.bottom > other.top;
      });
      if (clash) { node.style.visibility = "hidden"; } else { kept.push(box); }
    });
  }

  /* The Leaflet layer of one exported layer; classes come and go with the zoom. */
  window.quartierLayer = function (map, spec) {
    var pane = "q-" + spec.order;
    if (!map.getPane(pane)) { map.createPane(pane).style.zIndex = String(300 + spec.order); }
    if (spec.image) {
      return L.imageOverlay(spec.image, spec.bounds, { pane: pane, opacity: spec.opacity,
                                                       className: "q-hazard", interactive: false });
    }
    var renderer = spec.canvas ? L.canvas({ padding: 0.4, pane: pane })
                               : L.svg({ padding: 0.4, pane: pane });
    spec.pane = pane;
    if (spec.opacity < 1) { map.getPane(pane).style.opacity = String(spec.opacity); }
    var group = L.layerGroup();
    var classes = decode(spec).map(function (features, index) {
      var cls = spec.classes[index];
      return features.length ? { cls: cls, layer: classLayer(map, spec, cls, features, renderer) }
                             : null;
    }).filter(Boolean);
    function update() {
      var zoom = map.getZoom() + spec.zoomOffset;
      classes.forEach(function (entry) {
        var shown = zoom >= entry.cls.minZoom && zoom <= entry.cls.maxZoom;
        if (shown) {
          entry.layer.restyle();
          if (!group.hasLayer(entry.layer)) { group.addLayer(entry.layer); }
        } else if (group.hasLayer(entry.layer)) {
          group.removeLayer(entry.layer);
        }
      });
    }
    var tidy = function () { declutter(map); };
    group.on("add", function () {
      update();
      map.on("zoomend", update);
      if (spec.labels) { map.on("zoomend moveend", tidy); setTimeout(tidy, 0); }
    });
    group.on("remove", function () { map.off("zoomend", update); map.off("zoomend moveend", tidy); });
    group.quartierFeatureCount = spec.geoms.length;
    return group;
  };

  /* Title, legend and attribution: text prepared (and escaped) by the exporter. */
  window.quartierDecorate = function (map, page) {
    var words = page.words || {};
    if (page.lang && !document.documentElement.lang) { document.documentElement.lang = page.lang; }
    if (map.zoomControl) {
      [[map.zoomControl._zoomInButton, words.zoomIn], [map.zoomControl._zoomOutButton, words.zoomOut]]
        .forEach(function (pair) {
          if (pair[0] && pair[1]) {
            pair[0].title = pair[1];
            pair[0].setAttribute("aria-label", pair[1]);
          }
        });
    }
    var layers = document.querySelector(".leaflet-control-layers");
    if (layers && words.layers) {
      layers.setAttribute("aria-label", words.layers);
      var toggle = layers.querySelector(".leaflet-control-layers-toggle");
      if (toggle) { toggle.title = words.layers; toggle.setAttribute("aria-label", words.layers); }
    }
    map.getContainer().setAttribute("aria-label", words.map || "");
    map.attributionControl.setPrefix("Leaflet");
    page.attribution.forEach(function (text) { map.attributionControl.addAttribution(text); });
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = element("div", "q-legend leaflet-control");
      box.innerHTML = page.legend;  /* built from escaped, translated text in Python */
      if (words.legend) { box.setAttribute("aria-label", words.legend); }
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(map);
    if (page.bounds) { map.fitBounds(page.bounds, { padding: [8, 8] }); }
  };
}());
