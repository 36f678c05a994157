"""Hazard analyses of a project: exposure, evacuation routing and access to services."""
