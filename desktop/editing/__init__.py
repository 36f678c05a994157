"""Field tagging on the map: drawing and editing tools, the preset picker and its form.

The :class:`~desktop.editing.controller.EditController` holds the mapping session
(:class:`mapping.editing.EditSession`) and is what the tools, the form and the Edit
toolbar talk to; the model's events tell it what changed, and it redraws those layers.
"""
