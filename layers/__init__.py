"""Data in and the domain: OSM extracts, hazard layers, participatory layers.

Nothing here imports Qt; it is used and tested with no display.
"""
