"""The model's plain-words errors in the interface language.

The model (``layers/``, ``mapping/``) explains what went wrong in one English
sentence, with file names and numbers in it; it has no Qt and no translations.
The messages people meet most in the window (reading an extract, exporting,
saving an edit while the project is busy) are listed here as English templates:
a message that matches one is shown translated, with its names and numbers kept;
any other stays in English. The templates must follow the model's wording: the
tests check a few through the window.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ErrorText"

#: English templates of model errors; ``{name}`` stands for a part that varies.
TEMPLATES = (
    # Exports (mapping/export/safe_write.py)
    QT_TRANSLATE_NOOP("ErrorText", "Cannot write {target}: {parent} is a file, not a folder. "
                      "Choose a folder to export to."),
    QT_TRANSLATE_NOOP("ErrorText", "Cannot write {target}: the folder {folder} does not exist. "
                      "Create it first, or choose another folder."),
    QT_TRANSLATE_NOOP("ErrorText", "Cannot write {target}: a folder has that name. "
                      "Choose a file name."),
    QT_TRANSLATE_NOOP("ErrorText", "The disk is full: {name} was not exported and no "
                      "half-written file was left. Free some space or export to another disk "
                      "(a USB stick, for example)."),
    QT_TRANSLATE_NOOP("ErrorText", "Cannot write {target}: permission denied. Export to a "
                      "folder you can write to (your Documents folder, for example)."),
    QT_TRANSLATE_NOOP("ErrorText", "Cannot write {target}: the disk is read-only. Export to "
                      "another disk."),
    # Reading an OpenStreetMap extract (layers/osm_files.py)
    QT_TRANSLATE_NOOP("ErrorText", "The file {path} does not exist. Check the name and the "
                      "folder."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} is empty (0 bytes). Copy or download the extract "
                      "again."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} cannot be read: it ends too early, after {size} MB, "
                      "so it was probably cut off while copying. Copy or download the extract "
                      "again; nothing was created."),
    # Adding a hazard or reference layer (layers/layer_import.py)
    QT_TRANSLATE_NOOP("ErrorText", "{name} (read as {crs}) covers {bounds}, which does not "
                      "overlap the project area {area} (longitude,latitude: west,south to "
                      "east,north). Check that it is the right file and that its coordinate "
                      "system is right, or add --allow-outside to import it anyway."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} has no feature inside the project area {area}."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} is empty (0 bytes)."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} has no features."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} is damaged: its features cannot be read."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} is not a vector layer Quartier can read ({formats}), "
                      "or it is damaged."),
    QT_TRANSLATE_NOOP("ErrorText", "{name} is not a raster Quartier can read (GeoTIFF or ESRI "
                      "ASCII grid), or it is damaged."),
    # Saving (mapping/store/geopackage.py)
    QT_TRANSLATE_NOOP("ErrorText", "The project is busy: a layer is being added to it, or "
                      "another program is writing to it. This edit was not saved; try again in "
                      "a moment."),
    QT_TRANSLATE_NOOP("ErrorText", "The project file was replaced while this was being saved "
                      "(a layer was added to it): nothing was changed. Try again."),
    QT_TRANSLATE_NOOP("ErrorText", "The project file {path} is gone (moved or deleted): put it "
                      "back, or open it where it is now."),
    # Opening a team project (mapping/store/_pg_connect.py)
    QT_TRANSLATE_NOOP("ErrorText", "The server at {where} refused the user name or password "
                      "for {who}. Check them (Quartier never stores the password in the "
                      "project)."),
    QT_TRANSLATE_NOOP("ErrorText", "Cannot reach a PostgreSQL server at {where}: none is running "
                      "there, or a firewall blocks it. Check the address and the port."),
    QT_TRANSLATE_NOOP("ErrorText", "The server at {where} did not answer within {seconds} "
                      "seconds. Check the address and the network."),
)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The regular expression matching messages made from ``template``."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                    for i, part in enumerate(parts))
    return re.compile(f"^{regex}$", re.DOTALL)


def error_text(message: str) -> str:
    """``message`` in the interface language if it is a known one, else as it is."""
    for template in TEMPLATES:
        found = _pattern(template).match(message)
        if found is None:
            continue
        translated = QCoreApplication.translate(CONTEXT, template)
        if translated == template:
            return message
        try:
            return translated.format(**found.groupdict())
        except (KeyError, IndexError, ValueError):  # a translation with other placeholders
            return message
    return message
