"""Dialogs: importing hazard and reference layers, the CRS question, settings, about."""
