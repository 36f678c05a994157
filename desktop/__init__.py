"""The PySide6 desktop application and the quartier command."""
