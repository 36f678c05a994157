"""Panels around the map: layers, legend, identify results and the status bar."""
