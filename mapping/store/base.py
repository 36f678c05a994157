"""The one door to a project's storage: what every backend of a project offers.

Nothing outside :mod:`mapping.store` opens a connection to a project, writes SQL or
writes a layer with GDAL: it asks a :class:`ProjectStore`. The GeoPackage file
(:class:`mapping.store.geopackage.GeoPackageStore`) is the first backend; a PostGIS
team server is the second. The rest of Quartier never knows which one it is on, as the
rest of QGIS never knows which data provider a layer comes from.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Change, EditAction, Feature, HistoryEntry, MappingSession
from mapping.store.schema import (
    LayerInfo,
    LayerRecord,
    LayerSchema,
    ProjectMetadata,
    RasterLayer,
    WkbBatch,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: ``progress(fraction, message)``; may raise to cancel (the write is then rolled back).
Progress = Callable[[float, str], None]
#: West, south, east, north in degrees (WGS84).
BBox = tuple[float, float, float, float]


class ConflictError(ProjectError):
    """An edit was refused: someone saved a change to the same feature since it was read.

    Parameters
    ----------
    stored
        The feature as it is stored now (None: it was deleted meanwhile).
    attempted
        What this edit wanted it to become (None: a deletion).
    message
        The sentence, when not the usual one.
    saved_by
        Who saved the stored version, when known (the feature's ``contributor`` is who
        first mapped it, not who changed it last).
    """

    def __init__(self, stored: Feature | None, attempted: Feature | None,
                 message: str | None = None, saved_by: str | None = None) -> None:
        self.stored = stored
        self.attempted = attempted
        self.saved_by = saved_by or None
        super().__init__(message or _conflict_words(stored, attempted, self.saved_by))


def _conflict_words(stored: Feature | None, attempted: Feature | None,
                    saved_by: str | None = None) -> str:
    known = stored or attempted
    name = known.name if known is not None else ""
    if stored is None:
        if name:
            return tr("Someone saved a change to “{name}” after you opened it (it was deleted). "
                      "Your edit was not saved; look at both versions and choose which to keep.",
                      name=name)
        return tr("Someone saved a change to this feature after you opened it (it was deleted). "
                  "Your edit was not saved; look at both versions and choose which to keep.")
    if saved_by is None:
        if name:
            return tr("Someone saved a change to “{name}” after you opened it (it is now at "
                      "version {version}). Your edit was not saved; look at both versions and "
                      "choose which to keep.", name=name, version=stored.version)
        return tr("Someone saved a change to this feature after you opened it (it is now at "
                  "version {version}). Your edit was not saved; look at both versions and "
                  "choose which to keep.", version=stored.version)
    who = saved_by
    if name:
        return tr("Someone saved a change to “{name}” after you opened it ({who} saved version "
                  "{version}). Your edit was not saved; look at both versions and choose which "
                  "to keep.", name=name, who=who, version=stored.version)
    return tr("Someone saved a change to this feature after you opened it ({who} saved version "
              "{version}). Your edit was not saved; look at both versions and choose which to "
              "keep.", who=who, version=stored.version)


class LayerNotFoundError(ProjectError):
    """The project has no layer by that name (or it cannot be read as one)."""


@dataclass(frozen=True)
class EditStep:
    """One feature's part in an edit as written: what it becomes, and what was seen before."""

    #: The feature's change (layer, uuid, before and after).
    change: Change
    #: What the stored feature becomes (None: it is deleted).
    target: Feature | None
    #: What the history calls this step (create, update, undo...).
    action: EditAction
    #: Why, in a few words ("split", "undo of: Add Clinic").
    note: str = ""
    #: The stored version the editor last saw (0 or None: the feature did not exist).
    expected_version: int | None = None


class ProjectStore(abc.ABC):
    """A project's storage: layers, their registry, participatory features and history.

    Every method raises :class:`~layers.errors.ProjectError` (or a subclass) in plain
    words when the storage cannot be read or written; a failed write changes nothing.
    """

    # Project ---------------------------------------------------------------------------

    @property
    @abc.abstractmethod
    def location(self) -> str:
        """Where the project is: a file path, or a server URL without its password."""

    @abc.abstractmethod
    def metadata(self) -> ProjectMetadata:
        """Name, area of interest, source, data date... of the project."""

    @abc.abstractmethod
    def registry(self) -> list[LayerRecord]:
        """The layer registry (``quartier_layers``), in drawing order (bottom first)."""

    def record(self, name: str) -> LayerRecord | None:
        """The registry row of layer ``name``, or None.

        Parameters
        ----------
        name
            Layer name.
        """
        return next((r for r in self.registry() if r.name == name), None)

    @abc.abstractmethod
    def layers(self) -> list[LayerInfo]:
        """Every registered layer with its count, geometry type, CRS and extent."""

    @abc.abstractmethod
    def vector_layers(self) -> dict[str, str]:
        """Table name -> geometry type as GDAL names it ("" for a plain table); no rasters."""

    @abc.abstractmethod
    def name_taken(self, name: str) -> bool:
        """Whether a layer or table called ``name`` (any case) exists already.

        Parameters
        ----------
        name
            The layer name to try.
        """

    @abc.abstractmethod
    def layer_schema(self, name: str) -> LayerSchema:
        """Fields, their types, geometry type, CRS and count of a vector layer.

        Parameters
        ----------
        name
            Layer name.
        """

    def layer_fields(self, name: str) -> list[str]:
        """The attribute names of one vector layer (not its geometry).

        Parameters
        ----------
        name
            Layer name.
        """
        return self.layer_schema(name).fields

    # Reading layers --------------------------------------------------------------------

    @abc.abstractmethod
    def read_layer(self, name: str, bbox: BBox | None = None, columns: list[str] | None = None,
                   *, arrow: bool = False, where: str | None = None,
                   fids: Sequence[int] | None = None) -> gpd.GeoDataFrame:
        """One layer as a GeoDataFrame indexed by fid, in the layer's CRS (WGS84).

        Parameters
        ----------
        name
            Layer name.
        bbox
            Only features intersecting this box (through the spatial index).
        columns
            Only these attributes (the geometry always comes).
        arrow
            Read through GDAL's Arrow stream (faster on wide layers; integer fields with
            missing values then come as floats).
        where
            An OGR SQL filter on attributes (``"osm_type = 'way'"``).
        fids
            Only these rows.
        """

    @abc.abstractmethod
    def read_table(self, name: str, columns: list[str] | None = None,
                   fids: Sequence[int] | None = None) -> pd.DataFrame:
        """A layer's attributes only (no geometry), indexed by fid.

        Parameters
        ----------
        name
            Layer name.
        columns
            Only these attributes.
        fids
            Only these rows (a row that is gone is left out).
        """

    @abc.abstractmethod
    def open_arrow(self, name: str, columns: list[str] | None = None,
                   bbox: BBox | None = None, batch_size: int = 65_536
                   ) -> contextlib.AbstractContextManager[tuple[dict[str, Any], Any]]:
        """A stream of Arrow record batches with fids and WKB geometry, for the renderer.

        Yields ``(meta, reader)`` as :func:`pyogrio.raw.open_arrow` does.

        Parameters
        ----------
        name
            Layer name.
        columns
            Only these attributes.
        bbox
            Only features intersecting this box.
        batch_size
            Features per record batch.
        """

    @contextlib.contextmanager
    def read_for_map(self, name: str, columns: Sequence[str], batch_size: int = 65_536
                     ) -> Iterator[tuple[str, Iterator[WkbBatch]]]:
        """What the map draws of a layer: its CRS, and batches of fids, WKB and columns.

        This reads through :meth:`open_arrow`; a backend may read faster on its own.

        Parameters
        ----------
        name
            Layer name.
        columns
            Attributes to read; those the layer does not have are left out.
        batch_size
            Features per batch.
        """
        schema = self.layer_schema(name)
        present = [c for c in columns if c in set(schema.fields)]
        with self.open_arrow(name, columns=present, batch_size=batch_size) as (meta, reader):
            yield schema.crs, _arrow_batches(meta, reader, present)

    @abc.abstractmethod
    def read_raster(self, name: str) -> RasterLayer:
        """A raster layer's cells (NaN where no data), transform and CRS.

        Parameters
        ----------
        name
            Layer name.
        """

    def find_osm_object(self, tables: Sequence[str], osm_type: str,
                        osm_id: int) -> dict[str, Any] | None:
        """The first row of ``tables`` describing an OpenStreetMap object, or None.

        Parameters
        ----------
        tables
            Base layers to look in, in order.
        osm_type
            ``node``, ``way`` or ``relation``.
        osm_id
            Its id.

        Returns
        -------
        dict or None
            ``osm_version``, ``tags`` (JSON text), ``osm_nodes``, ``osm_node_details``
            (None when the layer has no such column) and ``geometry`` (shapely).
        """
        quoted = osm_type.replace("'", "''")
        for table in tables:
            present = set(self.layer_fields(table))
            if not {"osm_type", "osm_id", "osm_version", "tags"} <= present:
                continue
            extra = [c for c in ("osm_nodes", "osm_node_details") if c in present]
            found = self.read_layer(table, columns=["osm_version", "tags", *extra],
                                    where=f"osm_type = '{quoted}' AND osm_id = {int(osm_id)}")
            if len(found):
                row = found.iloc[0]
                return {"osm_version": _plain(row["osm_version"]), "tags": _plain(row["tags"]),
                        "osm_nodes": _plain(row.get("osm_nodes")),
                        "osm_node_details": _plain(row.get("osm_node_details")),
                        "geometry": found.geometry.iloc[0]}
        return None

    # Writing layers --------------------------------------------------------------------

    @abc.abstractmethod
    def write_layer(self, record: LayerRecord, frame: gpd.GeoDataFrame, *,
                    replace: bool = False, promote_to_multi: bool | None = None,
                    check: Callable[[LayerRecord | None, bool], None] | None = None,
                    order_band: tuple[int, int] | None = None,
                    progress: Progress | None = None) -> None:
        """Add a vector layer and its registry row, in one transaction: all or nothing.

        Parameters
        ----------
        record
            Its registry row (``added_at`` is set to now; ``draw_order`` is kept).
        frame
            Its features, in EPSG:4326.
        replace
            Replace a layer of that name in the same transaction (analysis results);
            without it, a name already taken is refused.
        promote_to_multi
            Store single shapes as multi-shapes (imports do, to mix both).
        check
            Called inside the transaction with the registry row of the layer replaced
            (None if none) and whether a table of that name exists; raising there
            (to refuse replacing a layer the caller does not own) changes nothing.
        order_band
            (start, span): draw it after the last layer drawn in ``start`` ..
            ``start + span``, decided inside the transaction (else ``record.draw_order``).
        progress
            Progress callback; raising there cancels and changes nothing.
        """

    @abc.abstractmethod
    def write_raster(self, record: LayerRecord, raster: RasterLayer, *,
                     order_band: tuple[int, int] | None = None,
                     progress: Progress | None = None) -> None:
        """Add a raster layer and its registry row, in one transaction: all or nothing.

        Parameters
        ----------
        record
            Its registry row.
        raster
            Its cells, transform and CRS.
        order_band
            (start, span) of its drawing position, as for :meth:`write_layer`.
        progress
            Progress callback; raising there cancels and changes nothing.
        """

    @abc.abstractmethod
    def restyle_layer(self, name: str, style: Mapping[str, Any], column: str | None = None,
                      values: Mapping[int, Any] | None = None) -> None:
        """Store a layer's new style and, in the same transaction, new values of one column.

        Parameters
        ----------
        name
            Layer name.
        style
            Its new registry style.
        column
            A column whose values change with it (a hazard's ``hazard_class``).
        values
            fid -> new value of ``column``.
        """

    @abc.abstractmethod
    def remove_layer(self, name: str, only_source: str | None = None) -> bool:
        """Remove a layer (table, index, registry row) in one transaction.

        Parameters
        ----------
        name
            Layer name (any case).
        only_source
            Remove it only if its registry ``source`` is this (``"analysis"``).

        Returns
        -------
        bool
            Whether a layer was removed.
        """

    # Participatory features and their history ----------------------------------------

    @abc.abstractmethod
    def read_features(self, layer: ParticipatoryLayer | str, bbox: BBox | None = None,
                      where: Mapping[str, Any] | None = None) -> list[Feature]:
        """Features of a participatory layer, by fid.

        Parameters
        ----------
        layer
            The participatory layer.
        bbox
            Only features that intersect this box.
        where
            Only features whose columns equal these values (``{"line_uuid": ...}``).
        """

    def read_feature(self, layer: ParticipatoryLayer | str, uuid: str) -> Feature | None:
        """The feature with this uuid, or None.

        Parameters
        ----------
        layer
            The participatory layer.
        uuid
            The feature's uuid.
        """
        found = self.read_features(layer, where={"uuid": uuid})
        return found[0] if found else None

    @abc.abstractmethod
    def apply_edit(self, steps: Sequence[EditStep], contributor: str,
                   mapping_session: str | None) -> list[Feature | None]:
        """Write one edit: every feature row and its history row, in ONE transaction.

        Optimistic locking: a step whose feature is no longer at
        ``expected_version`` (someone saved a change since it was read) refuses the
        whole edit with :class:`ConflictError`, and nothing is written.

        Parameters
        ----------
        steps
            The features to write, in order.
        contributor
            Who makes the edit (recorded in every history row).
        mapping_session
            The mapping session it is part of.

        Returns
        -------
        list
            Each feature as stored afterwards (None after a deletion).
        """

    @abc.abstractmethod
    def read_history(self, layer: str | None = None,
                     uuid: str | None = None) -> list[HistoryEntry]:
        """History rows, oldest first (of one feature when ``layer`` and ``uuid`` are given).

        Parameters
        ----------
        layer
            Layer of the feature.
        uuid
            The feature.
        """

    @abc.abstractmethod
    def open_mapping_session(self, session_id: str, name: str,
                             facilitator: str | None = None) -> None:
        """Prepare the project for edits and record a mapping session (kept if it exists).

        Parameters
        ----------
        session_id
            Identifier stored with each feature.
        name
            Name shown to people.
        facilitator
            Who runs it, if known.
        """

    @abc.abstractmethod
    def mapping_sessions(self) -> list[MappingSession]:
        """Every mapping session recorded in the project, oldest first."""

    # Lifecycle -------------------------------------------------------------------------

    @abc.abstractmethod
    def close(self) -> None:
        """Let go of the storage (every write is already saved)."""

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _arrow_batches(meta: dict[str, Any], reader: Any, columns: list[str]
                   ) -> Iterator[WkbBatch]:
    """GDAL's Arrow record batches as :class:`WkbBatch` (the WKB buffer is not copied)."""
    import numpy as np

    geometry_name = meta.get("geometry_name") or "geom"
    fid_name = meta.get("fid_column") or "fid"
    for batch in reader:
        geometry = batch.column(geometry_name)
        if not len(geometry):
            wkb, offsets = np.zeros(0, dtype=np.uint8), np.zeros(1, dtype=np.int64)
        elif geometry.null_count:
            nulls = geometry.is_null().to_numpy(zero_copy_only=False)
            blobs = [b"" if nulls[i] else geometry[i].as_py() for i in range(len(geometry))]
            lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
            wkb = np.frombuffer(b"".join(blobs), dtype=np.uint8)
            offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        else:
            _validity, offset_buffer, data = geometry.buffers()
            offsets = np.frombuffer(offset_buffer, dtype=np.int32, count=len(geometry) + 1,
                                    offset=geometry.offset * 4).astype(np.int64)
            wkb = (np.frombuffer(data, dtype=np.uint8) if data is not None
                   else np.zeros(0, dtype=np.uint8))
        names = batch.schema.names
        fids = (batch.column(fid_name).to_numpy().astype(np.int64) if fid_name in names
                else np.zeros(batch.num_rows, dtype=np.int64))
        yield WkbBatch(fids=fids, wkb=wkb, offsets=offsets,
                       columns={c: batch.column(c).to_numpy(zero_copy_only=False)
                                for c in columns if c in names})


def _plain(value: Any) -> Any:
    """A value read from a layer, with its missing values (NaN, NA) as None."""
    import pandas as pd

    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
