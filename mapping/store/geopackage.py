"""The GeoPackage backend: a project is one ``.gpkg`` file QGIS and GDAL open as it is.

Reading goes through GDAL (pyogrio, rasterio), as QGIS reads it, except what the map
needs first (the layer list and the features it draws), which SQLite reads with the
answers GDAL gives (:mod:`mapping.store._gpkg_read`: a window opens without loading
GDAL, geopandas and pandas); every write goes
through SQLite transactions on the file itself, all or nothing and durable
(:mod:`mapping.store._gpkg`). A new layer is written by GDAL into a temporary file
beside the project and copied in by one transaction (:mod:`mapping.store._gpkg_copy`);
an edit writes its feature rows and history rows in one transaction
(:mod:`mapping.store._gpkg_features`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from layers.errors import ProjectError, QuartierError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Author, Feature, HistoryEntry, MappingSession, now
from mapping.store import _gpkg as gpkg
from mapping.store import _gpkg_copy as gpkg_copy
from mapping.store import _gpkg_features as rows
from mapping.store import _gpkg_layers as layer_rows
from mapping.store import _gpkg_merge as gpkg_merge
from mapping.store import _gpkg_read as gpkg_read
from mapping.store._gpkg_create import create_geopackage as _create_geopackage
from mapping.store._gpkg_merge import MergeConflict as MergeConflict
from mapping.store._gpkg_merge import MergeWrite as MergeWrite
from mapping.store.base import (
    BBox,
    ConflictError,
    EditStep,
    LayerNotFoundError,
    Progress,
    ProjectStore,
)
from mapping.store.schema import (
    LAYERS_TABLE,
    METADATA_TABLE,
    LayerInfo,
    LayerKind,
    LayerRecord,
    LayerSchema,
    ProjectMetadata,
    RasterLayer,
    WkbBatch,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    import pyarrow as pa


def create_geopackage(path: Path, layers: Mapping[str, gpd.GeoDataFrame | pa.Table],
                      metadata: ProjectMetadata,
                      kinds: Mapping[str, LayerKind] | None = None) -> None:
    """Write a new project file at ``path``, all at once or not at all (see :mod:`._gpkg_create`).

    Parameters
    ----------
    path
        Where the ``.gpkg`` goes (replaced when it exists).
    layers
        Base (and reference) layers, in EPSG:4326 or reprojected to it.
    metadata
        The project's metadata, complete.
    kinds
        Kind of each layer (default: street graph for ``street_*``, base otherwise).
    """
    gpkg.remove_stale_partials(Path(path).parent)
    try:
        _create_geopackage(Path(path), layers, metadata, kinds)
    except OSError as error:
        raise gpkg.write_refused(Path(path), error) or ProjectError(
            tr("Cannot write {path}: {reason}.", path=path,
               reason=error.strerror or error)) from error


class GeoPackageStore(ProjectStore):
    """A project kept in a GeoPackage file.

    Parameters
    ----------
    path
        The project ``.gpkg``.
    timeout
        How long an edit or a layer copy waits for another writer, in seconds (default
        :data:`mapping.store._gpkg.BUSY_TIMEOUT_S`).
    """

    def __init__(self, path: str | os.PathLike[str], timeout: float | None = None) -> None:
        self.path = Path(path)
        self._timeout = timeout
        self._file: gpkg.FollowingConnection | None = None
        if not self.path.exists():
            raise ProjectError(tr("The project {path} does not exist.", path=self.path))
        # Temporary files of Quartier processes killed while writing here.
        gpkg.remove_stale_partials(self.path.parent)
        with gpkg.file_access(), open(self.path, "rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            raise ProjectError(tr(
                "{name} is not a Quartier project (not a GeoPackage). Use 'quartier new' to "
                "make one from an OpenStreetMap extract.", name=self.path.name))

    @property
    def location(self) -> str:
        """The project file's path."""
        return str(self.path)

    # Connections -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """The editing connection when one is open, else a short-lived one."""
        try:
            if self._file is not None:
                yield self._file.get()
                return
            connection = gpkg.connect(self.path, self._timeout)
            try:
                yield connection
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise ProjectError(tr("{name} cannot be read ({reason}); is it a Quartier project, "
                                  "and not damaged?", name=self.path.name, reason=error)) from error

    def _editing(self) -> sqlite3.Connection:
        """The connection edits are written on, following the file when it is replaced."""
        if self._file is None:
            self._file = gpkg.FollowingConnection(self.path, self._timeout)
        return self._file.get()

    def close(self) -> None:
        """Close the editing connection, if one is open."""
        if self._file is not None:
            self._file.close()
            self._file = None

    # Project ---------------------------------------------------------------------------

    def metadata(self) -> ProjectMetadata:
        """Name, area of interest... from ``quartier_metadata``."""
        with self._connection() as connection:
            try:
                found = connection.execute(f"SELECT key, value FROM {METADATA_TABLE}").fetchall()
            except Exception as error:
                raise ProjectError(tr(
                    "{name} is a GeoPackage but not a Quartier project (it has no "
                    "quartier_metadata table).", name=self.path.name)) from error
        return ProjectMetadata.from_rows(found)

    def registry(self) -> list[LayerRecord]:
        """The ``quartier_layers`` rows in drawing order (bottom first)."""
        with self._connection() as connection:
            return layer_rows.registry_rows(connection)

    def layers(self) -> list[LayerInfo]:
        """Every registered layer with its count, geometry type, CRS and extent."""
        with gpkg.file_access():
            return self._layers()

    def _layers(self) -> list[LayerInfo]:
        try:
            return self._plain_layers()
        except (gpkg_read.NotPlain, sqlite3.Error):
            return self._gdal_layers()

    def _plain_layers(self) -> list[LayerInfo]:
        """:meth:`layers` read with SQLite alone (the first map needs no GDAL)."""
        connection = gpkg_read.connect_read_only(self.path)
        try:
            plain = gpkg_read.list_layers(connection)
            kinds = dict(connection.execute("SELECT table_name, data_type FROM gpkg_contents"
                                            ).fetchall())
        finally:
            connection.close()
        out = []
        for record in self.registry():
            found = plain.get(record.name)
            if found is None:
                if kinds.get(record.name) in ("features", "attributes"):
                    raise gpkg_read.NotPlain(f"{record.name} is a table GDAL lists")
                raster = self._raster_info(record)
                out.extend([raster] if raster is not None else [])
                continue
            out.append(LayerInfo(
                name=record.name, kind=record.kind, title=record.title, count=found.count,
                geometry_type=found.geometry_type, crs=found.crs,
                extent=found.extent if found.count else None))
        return out

    def _gdal_layers(self) -> list[LayerInfo]:
        import pyogrio

        listed = {name for name, _geometry in pyogrio.list_layers(self.path)}
        out = []
        for record in self.registry():
            name = record.name
            if name not in listed:  # a raster hazard, or a layer missing from the file
                raster = self._raster_info(record)
                out.extend([raster] if raster is not None else [])
                continue
            info = pyogrio.read_info(self.path, layer=name, force_feature_count=True,
                                     force_total_bounds=True)
            bounds = info.get("total_bounds")
            extent = None
            if info["features"] and bounds is not None:
                extent = tuple(float(v) for v in bounds)
            out.append(LayerInfo(
                name=name, kind=record.kind, title=record.title, count=int(info["features"]),
                geometry_type=str(info["geometry_type"] or "None"),
                crs=str(info["crs"] or ""), extent=extent,  # type: ignore[arg-type]
            ))
        return out

    def _raster_info(self, record: LayerRecord) -> LayerInfo | None:
        """How :meth:`layers` lists a raster layer (count = cells), or None if not one."""
        with self._connection() as connection:
            raster = connection.execute(
                "SELECT 1 FROM gpkg_contents WHERE table_name = ? AND data_type IN "
                "('2d-gridded-coverage', 'tiles')", (record.name,)).fetchone()
        if not raster:
            return None
        import rasterio

        with gpkg.file_access(), rasterio.open(f"GPKG:{self.path}:{record.name}") as dataset:
            epsg = dataset.crs.to_epsg() if dataset.crs else None
            west, south, east, north = (float(v) for v in dataset.bounds)
            return LayerInfo(name=record.name, kind=record.kind, title=record.title,
                             count=dataset.width * dataset.height, geometry_type="Raster",
                             crs=f"EPSG:{epsg}" if epsg else "", extent=(west, south, east, north))

    def vector_layers(self) -> dict[str, str]:
        """The tables GDAL lists (vector layers and plain tables; not rasters)."""
        try:
            connection = gpkg_read.connect_read_only(self.path)
            try:
                return gpkg_read.list_tables(connection)
            finally:
                connection.close()
        except (gpkg_read.NotPlain, sqlite3.Error):
            return self._gdal_vector_layers()

    def _gdal_vector_layers(self) -> dict[str, str]:
        import pyogrio

        with gpkg.file_access():
            return {str(name): str(geometry or "")
                    for name, geometry in pyogrio.list_layers(self.path)}

    def name_taken(self, name: str) -> bool:
        """Whether a table or registered layer is called ``name`` (any case)."""
        with self._connection() as connection:
            taken = connection.execute(
                "SELECT name FROM sqlite_master WHERE lower(name) = lower(?) UNION "
                f"SELECT name FROM {LAYERS_TABLE} WHERE lower(name) = lower(?)",
                (name, name)).fetchall()
        return bool(taken)

    def layer_schema(self, name: str) -> LayerSchema:
        """Fields, types, geometry type, CRS and count of a vector layer, as GDAL reads them."""
        import pyogrio

        with self._layer_read(name), gpkg.file_access():
            info = pyogrio.read_info(self.path, layer=name)
        return LayerSchema(fields=[str(f) for f in info["fields"]],
                           dtypes=[str(d) for d in info["dtypes"]],
                           geometry_type=info.get("geometry_type"),
                           crs=str(info.get("crs") or ""), count=int(info.get("features") or 0))

    # Reading layers --------------------------------------------------------------------

    @contextlib.contextmanager
    def _layer_read(self, name: str) -> Iterator[None]:
        """GDAL's "no such layer" (or unreadable layer) as a sentence."""
        import pyogrio

        try:
            yield
        except (pyogrio.errors.DataLayerError, pyogrio.errors.DataSourceError) as error:
            raise LayerNotFoundError(tr("{project} has no layer named {name} (or it cannot be "
                                        "read: {reason}).", project=self.path.name, name=name,
                                        reason=error)) from error

    def read_layer(self, name: str, bbox: BBox | None = None, columns: list[str] | None = None,
                   *, arrow: bool = False, where: str | None = None,
                   fids: Sequence[int] | None = None) -> gpd.GeoDataFrame:
        """One layer as a GeoDataFrame indexed by fid (see :meth:`ProjectStore.read_layer`)."""
        import pyogrio

        chosen = layer_rows.fid_filter(fids)
        if chosen is not None:
            where = chosen if where is None else f"({where}) AND {chosen}"
        with self._layer_read(name), gpkg.file_access():
            return pyogrio.read_dataframe(self.path, layer=name, bbox=bbox, columns=columns,
                                          fid_as_index=True, use_arrow=arrow, where=where)

    def read_table(self, name: str, columns: list[str] | None = None,
                   fids: Sequence[int] | None = None) -> pd.DataFrame:
        """A layer's attributes only, indexed by fid."""
        import pyogrio

        with self._layer_read(name), gpkg.file_access():
            return pyogrio.read_dataframe(self.path, layer=name, columns=columns,
                                          where=layer_rows.fid_filter(fids), read_geometry=False,
                                          fid_as_index=True)

    @contextlib.contextmanager
    def open_arrow(self, name: str, columns: list[str] | None = None, bbox: BBox | None = None,
                   batch_size: int = 65_536) -> Iterator[tuple[dict[str, Any], Any]]:
        """GDAL's Arrow stream of a layer, with fids and WKB geometry."""
        import pyogrio

        with self._layer_read(name), gpkg.file_access(), pyogrio.raw.open_arrow(
                self.path, layer=name, columns=columns, bbox=bbox, return_fids=True,
                use_pyarrow=True, batch_size=batch_size) as (meta, reader):
            yield meta, reader

    @contextlib.contextmanager
    def read_for_map(self, name: str, columns: Sequence[str], batch_size: int = 65_536
                     ) -> Iterator[tuple[str, Iterator[WkbBatch]]]:
        """What the map draws of a layer, read with SQLite (GDAL when that is quicker, or
        when the layer needs it).

        The answer is the one GDAL's Arrow stream gives, batch for batch; a layer holding
        something :mod:`mapping.store._gpkg_read` does not read as GDAL does is read by
        GDAL, from the first batch that does. Big layers go through GDAL, quicker per
        feature (:func:`mapping.store._gpkg_read.quicker_than_gdal`).
        """
        connection = None
        try:
            connection = gpkg_read.connect_read_only(self.path)
            crs = gpkg_read.layer_crs(connection, name)
            if not gpkg_read.quicker_than_gdal(connection, name):
                raise gpkg_read.NotPlain(f"{name} is read faster through GDAL")
            batches = gpkg_read.read_batches(connection, name, columns, batch_size)
        except (gpkg_read.NotPlain, sqlite3.Error):
            if connection is not None:
                connection.close()
            with super().read_for_map(name, columns, batch_size) as found:
                yield found
            return
        try:
            yield crs, self._plain_then_gdal(batches, name, columns, batch_size)
        finally:
            connection.close()

    def _plain_then_gdal(self, batches: Iterator[WkbBatch], name: str, columns: Sequence[str],
                         batch_size: int) -> Iterator[WkbBatch]:
        """The SQLite batches; from the first one GDAL would read otherwise, GDAL's."""
        done = 0
        try:
            for batch in batches:
                yield batch
                done += 1
        except (gpkg_read.NotPlain, sqlite3.Error):
            with super().read_for_map(name, columns, batch_size) as (_crs, rest):
                for index, batch in enumerate(rest):
                    if index >= done:
                        yield batch

    def read_raster(self, name: str) -> RasterLayer:
        """A raster layer's cells (NaN where no data), transform and CRS."""
        import rasterio
        from rasterio.errors import RasterioError

        try:
            with gpkg.file_access(), rasterio.open(f"GPKG:{self.path}:{name}") as dataset:
                data = dataset.read(1, masked=True)
                transform = dataset.transform
                epsg = dataset.crs.to_epsg() if dataset.crs else None
        except RasterioError as error:
            raise ProjectError(tr("The raster layer {name} of {project} cannot be read; the "
                                  "project file may be damaged.", name=name,
                                  project=self.path.name)) from error
        values = np.ma.filled(data.astype("float32"), np.nan)
        return RasterLayer(values=values, transform=transform,
                           crs=f"EPSG:{epsg}" if epsg else "EPSG:4326")

    def find_osm_object(self, tables: Sequence[str], osm_type: str,
                        osm_id: int) -> dict[str, Any] | None:
        """The first row of ``tables`` describing an OpenStreetMap object (one SQL query
        per table), or None."""
        with self._connection() as connection:
            return layer_rows.find_osm_object(connection, tables, osm_type, osm_id)

    # Writing layers --------------------------------------------------------------------

    def write_layer(self, record: LayerRecord, frame: gpd.GeoDataFrame, *,
                    replace: bool = False, promote_to_multi: bool | None = None,
                    check: Callable[[LayerRecord | None, bool], None] | None = None,
                    order_band: tuple[int, int] | None = None,
                    progress: Progress | None = None) -> None:
        """Write a vector layer with GDAL into a file beside the project, then copy it in."""
        import pyogrio

        def write(target: Path) -> None:
            options: dict[str, Any] = {}
            if promote_to_multi is not None:
                options["promote_to_multi"] = promote_to_multi
            with gpkg.bulk_writing():
                pyogrio.write_dataframe(
                    frame, target, layer=record.name, driver="GPKG",
                    layer_options={"SPATIAL_INDEX": "YES", "DESCRIPTION": record.title},
                    dataset_options={"VERSION": gpkg_copy.gpkg_version(self.path)}, **options)

        self._add(record, write, replace=replace, check=check, order_band=order_band,
                  progress=progress)

    def write_raster(self, record: LayerRecord, raster: RasterLayer, *,
                     order_band: tuple[int, int] | None = None,
                     progress: Progress | None = None) -> None:
        """Write a raster with GDAL into a file beside the project, then copy it in."""
        def write(target: Path) -> None:
            layer_rows.write_raster_file(target, record, raster,
                                         gpkg_copy.gpkg_version(self.path), progress)

        self._add(record, write, order_band=order_band, progress=progress)

    def _add(self, record: LayerRecord, write: Callable[[Path], None], *, replace: bool = False,
             check: Callable[[LayerRecord | None, bool], None] | None = None,
             order_band: tuple[int, int] | None = None,
             progress: Progress | None = None) -> None:
        import pyogrio
        from rasterio.errors import RasterioError

        def register(connection: sqlite3.Connection) -> None:
            order = record.draw_order if order_band is None \
                else layer_rows.next_order(connection, *order_band)
            layer_rows.register_layer(connection, record, order)

        def checked(connection: sqlite3.Connection) -> None:
            if check is None:
                return
            exists = connection.execute("SELECT 1 FROM main.sqlite_master WHERE lower(name) = "
                                        "lower(?)", (record.name,)).fetchone()
            check(layer_rows.registry_row(connection, record.name), bool(exists))

        try:
            with gpkg_copy.layer_file(self.path) as temporary:
                if progress is not None:
                    progress(0.0, tr("Adding {title} to the project",
                                     title=tr(record.title) if record.title else record.name))
                write(temporary)
                if progress is not None:
                    progress(0.9, tr("Copying the layer into the project"))
                # An analysis result (replaced at each run) is listed by its title in
                # QGIS; an import keeps the identifier GDAL gave it.
                gpkg_copy.copy_layer(self.path, temporary, record.name,
                                     identifier=(record.title or None) if replace else None,
                                     register=register,
                                     progress=progress, replace=replace, check=checked,
                                     timeout=self._timeout)
        except QuartierError:
            raise
        except (OSError, RasterioError, sqlite3.Error, pyogrio.errors.DataSourceError) as error:
            refused = gpkg.write_refused(self.path, error)
            if refused is not None:
                raise refused from error
            if replace:
                raise ProjectError(tr("Could not save {name} in {project}: {reason}. The project "
                                      "was not changed.", name=record.name,
                                      project=self.path.name, reason=error)) from error
            raise ProjectError(tr("Could not add {name} to {project}: {reason}. The project was "
                                  "not changed.", name=record.name, project=self.path.name,
                                  reason=error)) from error

    def restyle_layer(self, name: str, style: Mapping[str, Any], column: str | None = None,
                      values: Mapping[int, Any] | None = None) -> None:
        """Store a new style and new values of one column, in one transaction."""
        connection = gpkg.connect(self.path, self._timeout)
        try:
            with gpkg.transaction(connection):
                if column is not None and values:
                    connection.executemany(
                        f'UPDATE "{name}" SET "{column}" = ? WHERE fid = ?',
                        [(value, int(fid)) for fid, value in values.items()])
                connection.execute(f"UPDATE {LAYERS_TABLE} SET style = ? WHERE name = ?",
                                   (json.dumps(dict(style), ensure_ascii=False), name))
        except sqlite3.Error as error:
            raise gpkg.write_refused(self.path, error) or ProjectError(tr(
                "Could not save the new classes of {name}: {reason}.", name=name,
                reason=error)) from error
        finally:
            connection.close()

    def remove_layer(self, name: str, only_source: str | None = None) -> bool:
        """Drop a layer's table, index and rows, and its registry row, in one transaction."""
        try:
            connection = gpkg.connect(self.path, self._timeout)
            try:
                with gpkg.writing():
                    connection.execute("BEGIN IMMEDIATE")
                    try:
                        row = connection.execute(f"SELECT source FROM {LAYERS_TABLE} WHERE "
                                                 "lower(name) = lower(?)", (name,)).fetchone()
                        if row is None or (only_source is not None and row[0] != only_source):
                            connection.execute("ROLLBACK")
                            return False
                        gpkg_copy.drop_layer(connection, name)
                        connection.execute(f"DELETE FROM {LAYERS_TABLE} WHERE lower(name) = "
                                           "lower(?)", (name,))
                    except BaseException:
                        connection.execute("ROLLBACK")
                        raise
                    connection.execute("COMMIT")
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise gpkg.write_refused(self.path, error) or ProjectError(tr(
                "Could not remove {name} from {project}: {reason}. The project was not changed.",
                name=name, project=self.path.name, reason=error)) from error
        return True

    # Participatory features ------------------------------------------------------------

    def read_features(self, layer: ParticipatoryLayer | str, bbox: BBox | None = None,
                      where: Mapping[str, Any] | None = None) -> list[Feature]:
        """Features of a participatory layer, by fid (see :meth:`ProjectStore.read_features`)."""
        layer = ParticipatoryLayer(layer)
        clauses = [f'"{column}" = ?' for column in (where or {})]
        parameters: list[Any] = list((where or {}).values())
        if bbox is not None:
            west, south, east, north = bbox
            clauses.append(f'fid IN (SELECT id FROM "rtree_{layer}_geom" WHERE maxx >= ? AND '
                           "minx <= ? AND maxy >= ? AND miny <= ?)")
            parameters += [west, east, south, north]
        with self._connection() as connection:
            found = rows.read_features(connection, layer, " AND ".join(clauses),
                                       tuple(parameters))
        if bbox is None:
            return found
        # The index compares extents; a line passing by the box's corner is left out, as
        # GDAL's spatial filter does.
        box = shapely.box(*bbox)
        return [f for f in found if f.geometry is not None and box.intersects(f.geometry)]

    def read_feature(self, layer: ParticipatoryLayer | str, uuid: str) -> Feature | None:
        """The feature with this uuid, or None."""
        with self._connection() as connection:
            return rows.read_feature(connection, layer, uuid)

    def apply_edit(self, steps: Sequence[EditStep], contributor: str,
                   mapping_session: str | None) -> list[Feature | None]:
        """Write every step in one transaction, refusing it all on a version conflict."""
        written: list[Feature | None] = []
        checked: set[tuple[str, str]] = set()
        connection = self._editing()
        try:
            with gpkg.transaction(connection):
                author = Author(contributor, mapping_session, rows.next_edit_id(connection),
                                now())
                if len(steps) >= _MANY and _all_creations(connection, steps):
                    return _create_all(connection, steps, author)
                for step in steps:
                    change = step.change
                    key = (str(change.layer), change.uuid)
                    if key not in checked:
                        checked.add(key)
                        stored = rows.read_feature(connection, change.layer, change.uuid)
                        if (stored.version if stored else 0) != (step.expected_version or 0):
                            raise ConflictError(stored, step.target,
                                                saved_by=_last_editor(connection, change))
                    written.append(rows.write_feature(connection, change.layer, change.uuid,
                                                      step.target, step.action, author,
                                                      step.note))
        except sqlite3.Error as error:
            if gpkg.is_busy(error):
                raise ProjectError(tr("The project is busy: a layer is being added to it, or "
                                      "another program is writing to it. This edit was not "
                                      "saved; try again in a moment.")) from error
            raise gpkg.write_refused(self.path, error) or ProjectError(tr(
                "The edit could not be saved ({reason}); nothing was changed. Is the project "
                "file open in another program?", reason=error)) from error
        return written

    def read_history(self, layer: str | None = None,
                     uuid: str | None = None) -> list[HistoryEntry]:
        """History rows, oldest first (none when nothing was edited yet)."""
        with self._connection() as connection:
            if not layer_rows.has_table(connection, rows.HISTORY_TABLE):
                return []
            return rows.read_history(connection, layer, uuid)

    def open_mapping_session(self, session_id: str, name: str,
                             facilitator: str | None = None) -> None:
        """Create the history tables if missing and record the mapping session."""
        try:
            connection = self._editing()
            rows.ensure_tables(connection)
            rows.open_mapping_session(connection, session_id, name, facilitator)
        except sqlite3.Error as error:
            self.close()
            if gpkg.is_busy(error):
                raise ProjectError(tr("{name} is busy: another program or another task is "
                                      "writing to it. Nothing was changed; try again in a "
                                      "moment.", name=self.path.name)) from error
            raise gpkg.write_refused(self.path, error) or ProjectError(tr(
                "Cannot record edits in {name}: {reason}. Is the file read-only or open in "
                "another program?", name=self.path.name, reason=error)) from error

    def mapping_sessions(self) -> list[MappingSession]:
        """Every mapping session recorded in the project, oldest first."""
        with self._connection() as connection:
            return rows.read_mapping_sessions(connection)

    # Merging laptops (mapping.merge) ---------------------------------------------------

    def write_merge(self, merge: MergeWrite) -> None:
        """Write a merge's features, history rows and conflicts in one transaction."""
        try:
            gpkg_merge.write_merge(self._editing(), merge)
        except sqlite3.Error as error:
            raise ProjectError(tr("The merge could not be saved in {name} ({reason}); nothing "
                                  "was changed.", name=self.path.name, reason=error)) from error

    def merge_conflicts(self) -> list[MergeConflict]:
        """Conflicts kept by merges (``quartier_merge_conflicts``), by layer, uuid and field."""
        with self._connection() as connection:
            return gpkg_merge.read_conflicts(connection)

    def settle_merge_conflict(self, layer: str, uuid: str, target: Feature | None | bool,
                              contributor: str, note: str) -> Feature | None:
        """Resolve a feature's merge conflicts: write ``target`` (False: keep it as is)."""
        try:
            return gpkg_merge.settle(self._editing(), (layer, uuid), target, contributor, note)
        except sqlite3.Error as error:
            raise ProjectError(tr("The choice could not be saved in {name} ({reason}); nothing "
                                  "was changed.", name=self.path.name, reason=error)) from error


def _last_editor(connection: sqlite3.Connection, change: Any) -> str | None:
    """Who saved the stored version of ``change``'s feature (from its history)."""
    if not layer_rows.has_table(connection, rows.HISTORY_TABLE):
        return None
    entries = rows.read_history(connection, str(change.layer), change.uuid)
    return entries[-1].contributor if entries else None


#: From this many steps, an edit that only creates features is written in bulk.
_MANY = 50


def _all_creations(connection: sqlite3.Connection, steps: Sequence[EditStep]) -> bool:
    """Whether every step creates a feature that is not stored (an import)."""
    by_layer: dict[ParticipatoryLayer, list[str]] = {}
    for step in steps:
        if (step.target is None or step.change.before is not None
                or (step.expected_version or 0) != 0):
            return False
        by_layer.setdefault(ParticipatoryLayer(step.change.layer), []).append(step.change.uuid)
    return all(rows.all_new(connection, layer, uuids) for layer, uuids in by_layer.items())


def _create_all(connection: sqlite3.Connection, steps: Sequence[EditStep],
                author: Author) -> list[Feature | None]:
    """Write creations checked by :func:`_all_creations`: a layer at a time, then the
    history rows in the edit's order (the same rows as step by step)."""
    by_layer: dict[ParticipatoryLayer, list[int]] = {}
    for index, step in enumerate(steps):
        by_layer.setdefault(ParticipatoryLayer(step.change.layer), []).append(index)
    written: list[Feature | None] = [None] * len(steps)
    for layer, indexes in by_layer.items():
        targets = [(steps[i].change.uuid, steps[i].target) for i in indexes]
        created = rows.create_features(connection, layer, [
            (uuid, target) for uuid, target in targets if target is not None], author)
        for index, feature in zip(indexes, created, strict=True):
            written[index] = feature
    rows.write_history(connection, [(feature, step.action, step.note) for feature, step
                                    in zip(written, steps, strict=True)
                                    if feature is not None], author)
    return written
