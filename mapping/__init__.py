"""The project and what is done with it: storage, history, styling, analysis, exports.

Nothing here imports Qt widgets; it is used and tested with no display.
"""
