"""Words of the map that come from data, in the current language: one source for the
window, the printed map and the web map.

Layer titles stored in projects ("Buildings"), hazard class words ("low", "use
caution"), the classes an analysis stores in its result layers ("not exposed",
"within 500 m"), the legend lines of the map style (``resources/styles``, extracted
from the JSON by ``tools/update_catalogues``) and the OpenStreetMap keys and values
"What is here?" shows. They are stored in English, a stable form, and translated here
through the model's catalogues (:mod:`layers.i18n`) where they are shown.

The title of a layer an analysis wrote is composed again from the parts stored in its
style (``title_message``, ``title_values``: see :func:`remember_title`); a title saved
as one English sentence before that is shown as stored (translated whole if the
catalogues know it).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import cache

from layers.i18n import N_, language, ptr, tr

#: Titles of the layers Quartier writes (mapping.store.schema, mapping.progress,
#: mapping.analysis): translated where shown.
LAYER_TITLES = (
    N_("Buildings"), N_("Roads and paths"), N_("Existing amenities and services"),
    N_("Rivers, drains and water"), N_("Land use and open spaces"), N_("Place names"),
    N_("Street graph: intersections"), N_("Street graph: street segments"),
    N_("Facilities"), N_("Informal transport lines"), N_("Transport stops"),
    N_("Risk zones"), N_("Evacuation routes"), N_("Evacuation service areas"),
    N_("Buildings with no safe route"), N_("Walk to transport"),
    N_("Transport stops by frequency"), N_("Least-served areas"),
    N_("Access to water points"), N_("Access to clinics or health centres"),
    N_("Access to hospitals"), N_("Access to pharmacies"), N_("Access to schools"),
    N_("Access to kindergartens"), N_("Access to toilets"), N_("Access to markets"),
    N_("Access to police stations"), N_("Access to fire stations"),
    N_("Access to places of worship"), N_("Access to community centres"),
    N_("Access to shelters or evacuation centres"),
)

#: Class words of the ready-made hazard schemes (mapping.analysis.schemes), of the
#: older three classes, and of what lies in no class, as stored (lower case).
CLASS_WORDS = {
    "use caution": N_("use caution"), "not exposed": N_("not exposed"),
    "not affected": N_("not affected"), "affected": N_("affected"),
    "very high": N_("very high"), "moderate": N_("moderate"), "low": N_("low"),
    "medium": N_("medium"), "high": N_("high"), "dry": N_("dry"), "wet": N_("wet"),
}
#: Classes of the level-of-service result layers (mapping.analysis._service_layers).
SERVICE_CLASSES = (
    N_("frequent stop within walk"), N_("stop within walk"), N_("no stop within walk"),
    N_("no street near"), N_("under 25 %"), N_("25-50 %"), N_("50-75 %"),
    N_("75 % or more"), N_("no buildings"), N_("frequent"), N_("not frequent"),
    N_("cut off"),
)

# A whole class word, alone or followed by its values in brackets ("High (> 1.5 m)"),
# as mapping's hazard legends store it; a name a user typed ("high water") is no class.
_CLASS_WORD = re.compile(rf"^({'|'.join(CLASS_WORDS)})(?: \((.*)\))?$",
                         re.DOTALL | re.IGNORECASE)
# The classes access and evacuation results store (mapping.analysis.access, evacuation).
_WITHIN_M = re.compile(r"within (\d+(?:\.\d+)?) m")
_BETWEEN_M = re.compile(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?) m")
_BEYOND_M = re.compile(r"beyond (\d+(?:\.\d+)?) m")
_WITHIN_MIN = re.compile(r"within (\d+(?:\.\d+)?) min walk")

_titles_lock = threading.Lock()
#: Stored title -> (message, values) of the result layers seen in open projects.
_TITLE_FORMS: dict[str, tuple[str, dict[str, str]]] = {}


def _same_case(translated: str, stored: str) -> str:
    """``translated`` starting in the case ``stored`` starts in ("low" / "Low")."""
    if not translated or not stored[:1].isalpha():
        return translated
    first = translated[:1].upper() if stored[:1].isupper() else translated[:1].lower()
    return first + translated[1:]


def capitalised(text: str) -> str:
    """``text`` with a capital first letter (a legend line)."""
    return text[:1].upper() + text[1:]


def remember_title(title: str, style: Mapping[str, object] | None) -> None:
    """Keep the stable form of a result layer's title, read from its stored style:
    ``title_message`` (a catalogue message, ``"{exposure} exposed to {hazard}"``) and
    ``title_values`` (the other layers' titles). :func:`layer_title` then composes it in
    the language shown."""
    if not style or not title:
        return
    message, values = style.get("title_message"), style.get("title_values")
    if isinstance(message, str) and message and isinstance(values, Mapping):
        with _titles_lock:
            _TITLE_FORMS[title] = (message, {str(k): str(v) for k, v in values.items()})


def layer_title(title: str, style: Mapping[str, object] | None = None) -> str:
    """A layer title as stored in a project, in the current language.

    A title the catalogues know whole ("Buildings", "Access to schools") is translated
    whole; a result layer's title holding other layers' titles ("Buildings exposed to
    Kianda flood") is composed from its stored parts (``style``, or those
    :func:`remember_title` kept), each part translated; any other title (one a person
    typed, or a result saved before its parts were stored) is shown as stored.
    """
    if not title or not title.strip():
        return title
    whole = tr(title)
    if whole != title:
        return whole
    form = None
    if style:
        message, values = style.get("title_message"), style.get("title_values")
        if isinstance(message, str) and message and isinstance(values, Mapping):
            form = (message, {str(k): str(v) for k, v in values.items()})
    if form is None:
        with _titles_lock:
            form = _TITLE_FORMS.get(title)
    if form is not None:
        message, values = form
        return tr(message, **{key: layer_title(value) for key, value in values.items()})
    return title


def class_label(label: str) -> str:
    """A class as stored ("Low (≤ 0.5 m)", "not exposed", "within 500 m", "unreachable")
    in the current language, in the case it is stored in; a class name a person typed
    ("high water") is shown as typed."""
    text = "" if label is None else str(label)
    match = _CLASS_WORD.match(text)
    if match:
        word = match.group(1)
        shown = _same_case(tr(CLASS_WORDS[word.lower()]), word)
        if match.group(2) is None:
            return shown
        return tr("{class_name} ({values})", class_name=shown, values=match.group(2))
    if text == "unreachable":
        return tr("unreachable")
    if found := _WITHIN_M.fullmatch(text):
        return tr("within {distance} m", distance=found.group(1))
    if found := _BETWEEN_M.fullmatch(text):
        return tr("{low}-{high} m", low=found.group(1), high=found.group(2))
    if found := _BEYOND_M.fullmatch(text):
        return tr("beyond {distance} m", distance=found.group(1))
    if found := _WITHIN_MIN.fullmatch(text):
        return tr("within {minutes} min walk", minutes=found.group(1))
    # Any other stored word the catalogues know (a reason for no safe route, a service
    # class); a name a person typed is not in them and stays as typed.
    return tr(text) if text.strip() else text


def is_class(label: str) -> bool:
    """Whether ``label`` is a class word or a result class as stored."""
    return bool(_CLASS_WORD.match(label) or label == "unreachable"
                or any(p.fullmatch(label) for p in (_WITHIN_M, _BETWEEN_M, _BEYOND_M,
                                                     _WITHIN_MIN)))


def legend_label(label: str) -> str:
    """A legend line in the current language: a line of the map style ("Footpath"), a
    hazard or result class (starting with a capital, as the other lines do), a service
    class; anything else (a transport line's name) as it is."""
    if not label:
        return label
    if is_class(label):
        return capitalised(class_label(label))
    return tr(label)


def _plain(word: str) -> str:
    return word.replace("_", " ").replace(":", " ").strip().capitalize()


def osm_key(key: str) -> str:
    """An OpenStreetMap key (or a column) in plain words: ``building:levels`` ->
    "Building levels", translated when known."""
    plain = _plain(key)
    return _osm_keys(language()).get(plain, plain)


def osm_value(value: str) -> str:
    """An OpenStreetMap value in plain words: ``place_of_worship`` -> "Place of worship",
    translated when known. Free text (names, numbers, several words) is left as it is."""
    if not re.fullmatch(r"[a-z][a-z0-9_:]*", value):
        return value
    plain = _plain(value)
    return _osm_values(language()).get(plain, plain)


@cache
def _osm_keys(_language: str) -> dict[str, str]:
    """Plain English key -> its words in ``_language`` (the current one)."""
    return {
        "Name": ptr("OsmKey", "Name"), "Amenity": ptr("OsmKey", "Amenity"),
        "Building": ptr("OsmKey", "Building"),
        "Building levels": ptr("OsmKey", "Building levels"),
        "Shop": ptr("OsmKey", "Shop"), "Healthcare": ptr("OsmKey", "Healthcare"),
        "Highway": ptr("OsmKey", "Highway"), "Surface": ptr("OsmKey", "Surface"),
        "Oneway": ptr("OsmKey", "Oneway"), "Ref": ptr("OsmKey", "Ref"),
        "Place": ptr("OsmKey", "Place"), "Population": ptr("OsmKey", "Population"),
        "Category": ptr("OsmKey", "Category"), "Landuse": ptr("OsmKey", "Landuse"),
        "Leisure": ptr("OsmKey", "Leisure"), "Natural": ptr("OsmKey", "Natural"),
        "Water": ptr("OsmKey", "Water"), "Waterway": ptr("OsmKey", "Waterway"),
        "Man made": ptr("OsmKey", "Man made"), "Operator": ptr("OsmKey", "Operator"),
        "Opening hours": ptr("OsmKey", "Opening hours"),
        "Religion": ptr("OsmKey", "Religion"), "Source": ptr("OsmKey", "Source"),
        "Note": ptr("OsmKey", "Note"), "Description": ptr("OsmKey", "Description"),
        "Addr street": ptr("OsmKey", "Addr street"),
        "Addr housenumber": ptr("OsmKey", "Addr housenumber"),
        "Emergency": ptr("OsmKey", "Emergency"), "Office": ptr("OsmKey", "Office"),
        "Tourism": ptr("OsmKey", "Tourism"),
        "Public transport": ptr("OsmKey", "Public transport"),
        "Railway": ptr("OsmKey", "Railway"), "Junction": ptr("OsmKey", "Junction"),
        "Lanes": ptr("OsmKey", "Lanes"), "Structure": ptr("OsmKey", "Structure"),
        "Roof": ptr("OsmKey", "Roof"), "Wall": ptr("OsmKey", "Wall"),
        "Hazard": ptr("OsmKey", "Hazard"), "Hazard class": ptr("OsmKey", "Hazard class"),
        "Depth": ptr("OsmKey", "Depth"), "Value": ptr("OsmKey", "Value"),
        "Title": ptr("OsmKey", "Title"), "Type": ptr("OsmKey", "Type"),
        "Created by": ptr("OsmKey", "Created by"),
    }


@cache
def _osm_values(_language: str) -> dict[str, str]:
    """Plain English value -> its words in ``_language`` (the current one)."""
    return {
        "Yes": ptr("OsmValue", "Yes"), "No": ptr("OsmValue", "No"),
        "Hospital": ptr("OsmValue", "Hospital"), "Clinic": ptr("OsmValue", "Clinic"),
        "Doctors": ptr("OsmValue", "Doctors"), "Pharmacy": ptr("OsmValue", "Pharmacy"),
        "School": ptr("OsmValue", "School"), "Kindergarten": ptr("OsmValue", "Kindergarten"),
        "College": ptr("OsmValue", "College"), "University": ptr("OsmValue", "University"),
        "Place of worship": ptr("OsmValue", "Place of worship"),
        "Toilets": ptr("OsmValue", "Toilets"),
        "Drinking water": ptr("OsmValue", "Drinking water"),
        "Water point": ptr("OsmValue", "Water point"), "Police": ptr("OsmValue", "Police"),
        "Fire station": ptr("OsmValue", "Fire station"), "Fuel": ptr("OsmValue", "Fuel"),
        "Bank": ptr("OsmValue", "Bank"), "Marketplace": ptr("OsmValue", "Marketplace"),
        "Community centre": ptr("OsmValue", "Community centre"),
        "Restaurant": ptr("OsmValue", "Restaurant"), "Cafe": ptr("OsmValue", "Cafe"),
        "Mortuary": ptr("OsmValue", "Mortuary"), "Mall": ptr("OsmValue", "Mall"),
        "Supermarket": ptr("OsmValue", "Supermarket"), "Kiosk": ptr("OsmValue", "Kiosk"),
        "Bus stop": ptr("OsmValue", "Bus stop"),
        "Residential": ptr("OsmValue", "Residential"),
        "Primary": ptr("OsmValue", "Primary"), "Secondary": ptr("OsmValue", "Secondary"),
        "Tertiary": ptr("OsmValue", "Tertiary"), "Trunk": ptr("OsmValue", "Trunk"),
        "Unclassified": ptr("OsmValue", "Unclassified"),
        "Service": ptr("OsmValue", "Service"), "Footway": ptr("OsmValue", "Footway"),
        "Path": ptr("OsmValue", "Path"), "Track": ptr("OsmValue", "Track"),
        "Steps": ptr("OsmValue", "Steps"), "Living street": ptr("OsmValue", "Living street"),
        "Roundabout": ptr("OsmValue", "Roundabout"), "River": ptr("OsmValue", "River"),
        "Stream": ptr("OsmValue", "Stream"), "Drain": ptr("OsmValue", "Drain"),
        "Ditch": ptr("OsmValue", "Ditch"), "Canal": ptr("OsmValue", "Canal"),
        "Suburb": ptr("OsmValue", "Suburb"),
        "Neighbourhood": ptr("OsmValue", "Neighbourhood"),
        "Village": ptr("OsmValue", "Village"), "Town": ptr("OsmValue", "Town"),
        "City": ptr("OsmValue", "City"), "Park": ptr("OsmValue", "Park"),
        "Pitch": ptr("OsmValue", "Pitch"), "Playground": ptr("OsmValue", "Playground"),
        "Cemetery": ptr("OsmValue", "Cemetery"), "Industrial": ptr("OsmValue", "Industrial"),
        "Commercial": ptr("OsmValue", "Commercial"), "Retail": ptr("OsmValue", "Retail"),
        "Forest": ptr("OsmValue", "Forest"), "Wood": ptr("OsmValue", "Wood"),
        "Grass": ptr("OsmValue", "Grass"), "Wetland": ptr("OsmValue", "Wetland"),
        "House": ptr("OsmValue", "House"), "Church": ptr("OsmValue", "Church"),
        "Mosque": ptr("OsmValue", "Mosque"), "Christian": ptr("OsmValue", "Christian"),
        "Muslim": ptr("OsmValue", "Muslim"), "Health": ptr("OsmValue", "Health"),
        "Education": ptr("OsmValue", "Education"),
        "Sanitation": ptr("OsmValue", "Sanitation"), "Shelter": ptr("OsmValue", "Shelter"),
        "Market": ptr("OsmValue", "Market"), "Worship": ptr("OsmValue", "Worship"),
        "Community": ptr("OsmValue", "Community"), "Transport": ptr("OsmValue", "Transport"),
        "Other": ptr("OsmValue", "Other"), "Flood": ptr("OsmValue", "Flood"),
        "Way": ptr("OsmValue", "Way"), "Node": ptr("OsmValue", "Node"),
        "Relation": ptr("OsmValue", "Relation"),
    }
