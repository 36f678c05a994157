"""Build bigger, realistic OpenStreetMap inputs by laying copies of a real extract side by side.

A factor N lays out N copies of the extract on a grid of ``ceil(sqrt(N))`` columns,
each copy shifted by the extract's own width and height (plus a small gap) and
with every node, way and relation id (and every way node ref and relation member
ref) moved up by a per-copy offset, so ids stay unique and the output stays
sorted by type then id, as Geofabrik and osmium write files.

The *complete* variant first drops what a clipped extract points at but does not
hold (way node refs to missing nodes, ways left with fewer than two nodes,
relation members that are missing, relations left empty). osmnx's XML readers
refuse clipped extracts, so osmnx is benchmarked on this variant.

Run ``python benchmarks/tile_osm.py --factor 16 --out DIR`` to write the files.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import osmium

#: The real extract the benchmark inputs are tiled from.
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "osm" / "helsinki.osm.pbf"
#: Where tiled inputs are cached (gitignored).
WORK_DIR = Path(__file__).resolve().parent / "_work"
#: Gap between two copies, as a fraction of the extract's width (or height).
GAP_FRACTION = 0.05

_Common = dict[str, object]


@dataclass
class _Extract:
    """One extract held in memory as plain Python data, sorted by id within each type."""

    #: (attributes, lon, lat) per node; lon/lat are None for an invalid location.
    nodes: list[tuple[_Common, float | None, float | None]] = field(default_factory=list)
    #: (attributes, node refs) per way.
    ways: list[tuple[_Common, list[int]]] = field(default_factory=list)
    #: (attributes, [(member type, ref, role), ...]) per relation.
    relations: list[tuple[_Common, list[tuple[str, int, str]]]] = field(default_factory=list)

    def bounds(self) -> tuple[float, float, float, float]:
        """Extent of the valid node locations (west, south, east, north)."""
        lons = [lon for _attrs, lon, _lat in self.nodes if lon is not None]
        lats = [lat for _attrs, _lon, lat in self.nodes if lat is not None]
        return min(lons), min(lats), max(lons), max(lats)

    def id_stride(self) -> int:
        """A power of ten above every id in the file: copy k adds k times this to its ids."""
        largest = max(
            max((a["id"] for a, *_ in group), default=0)  # type: ignore[type-var]
            for group in (self.nodes, self.ways, self.relations)
        )
        return 10 ** len(str(largest))


def _attributes(obj: osmium.osm.OSMObject) -> _Common:
    return dict(id=obj.id, version=obj.version, visible=obj.visible, changeset=obj.changeset,
                timestamp=obj.timestamp, uid=obj.uid, user=obj.user,
                tags=[(tag.k, tag.v) for tag in obj.tags])


@lru_cache(maxsize=4)
def _load(source: Path) -> _Extract:
    extract = _Extract()
    for obj in osmium.FileProcessor(str(source)):
        attrs = _attributes(obj)
        if obj.is_node():
            valid = obj.location.valid()
            extract.nodes.append(
                (attrs, obj.location.lon if valid else None, obj.location.lat if valid else None)
            )
        elif obj.is_way():
            extract.ways.append((attrs, [n.ref for n in obj.nodes]))
        elif obj.is_relation():
            extract.relations.append(
                (attrs, [(m.type, m.ref, m.role) for m in obj.members])
            )
    for group in (extract.nodes, extract.ways, extract.relations):
        group.sort(key=lambda item: item[0]["id"])  # type: ignore[arg-type, return-value]
    return extract


def complete(extract: _Extract) -> _Extract:
    """Drop the references a clipped extract makes to objects it does not hold.

    Way node refs to missing nodes are removed (and repeats this leaves next to each
    other collapsed); ways left with fewer than two nodes are dropped; relation
    members that are missing (or were dropped) are removed, and relations left with
    no member are dropped, repeatedly until nothing changes.
    """
    node_ids = {attrs["id"] for attrs, lon, _lat in extract.nodes if lon is not None}
    ways = []
    for attrs, refs in extract.ways:
        kept: list[int] = []
        for ref in refs:
            if ref in node_ids and (not kept or kept[-1] != ref):
                kept.append(ref)
        if len(kept) >= 2:
            ways.append((attrs, kept))
    present = {"n": node_ids, "w": {attrs["id"] for attrs, _refs in ways}}
    relations = extract.relations
    while True:
        present["r"] = {attrs["id"] for attrs, _members in relations}
        trimmed = []
        for attrs, members in relations:
            kept_members = [m for m in members if m[1] in present[m[0]]]
            if kept_members:
                trimmed.append((attrs, kept_members))
        changed = len(trimmed) != len(relations) or any(
            len(a[1]) != len(b[1]) for a, b in zip(trimmed, relations, strict=False)
        )
        relations = trimmed
        if not changed:
            break
    nodes = [item for item in extract.nodes if item[1] is not None]
    return _Extract(nodes=nodes, ways=ways, relations=relations)


def _grid(factor: int, bounds: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """(lon shift, lat shift) of each copy, row by row from the original."""
    west, south, east, north = bounds
    step_x = (east - west) * (1 + GAP_FRACTION)
    step_y = (north - south) * (1 + GAP_FRACTION)
    columns = math.ceil(math.sqrt(factor))
    return [((k % columns) * step_x, (k // columns) * step_y) for k in range(factor)]


def _header(bounds: tuple[float, float, float, float],
            shifts: list[tuple[float, float]]) -> osmium.io.Header:
    west, south, east, north = bounds
    header = osmium.io.Header()
    header.set("generator", "quartier benchmarks/tile_osm.py")
    header.add_box(osmium.osm.Box(
        osmium.osm.Location(west, south),
        osmium.osm.Location(east + max(dx for dx, _ in shifts),
                            north + max(dy for _, dy in shifts)),
    ))
    return header


def tile_extract(source: Path, factor: int, out_path: Path, *, complete_refs: bool = False) -> Path:
    """Write ``factor`` shifted copies of an extract, with fresh ids, to one file.

    Parameters
    ----------
    source
        A real OSM extract (any format pyosmium reads).
    factor
        Number of copies (1 keeps the data as it is, apart from the header).
    out_path
        The file to write; its suffix (``.osm.pbf`` or ``.osm``) chooses PBF or XML.
        It is written beside and renamed into place, so a half-written file never stays.
    complete_refs
        Write the *complete* variant (see :func:`complete`), which osmnx can read.

    Returns
    -------
    Path
        ``out_path``.
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, not {factor}")
    extract = _load(Path(source))
    bounds = extract.bounds()
    stride = extract.id_stride()
    if complete_refs:
        extract = complete(extract)
    shifts = _grid(factor, bounds)

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".partial-{os.getpid()}-{out_path.name}")
    writer = osmium.SimpleWriter(str(partial), header=_header(bounds, shifts), overwrite=True)
    mutable = osmium.osm.mutable
    node, way, relation = mutable.Node, mutable.Way, mutable.Relation
    try:
        # Copy k's ids all lie above copy k-1's, so writing copy by copy keeps id order.
        for k, (dx, dy) in enumerate(shifts):
            offset = k * stride
            for attrs, lon, lat in extract.nodes:
                location = None if lon is None else (lon + dx, lat + dy)
                writer.add_node(node(location=location, **{**attrs, "id": attrs["id"] + offset}))
        for k in range(factor):
            offset = k * stride
            for attrs, refs in extract.ways:
                writer.add_way(way(nodes=[r + offset for r in refs],
                                   **{**attrs, "id": attrs["id"] + offset}))
        for k in range(factor):
            offset = k * stride
            for attrs, members in extract.relations:
                moved = [(kind, ref + offset, role) for kind, ref, role in members]
                writer.add_relation(relation(members=moved,
                                             **{**attrs, "id": attrs["id"] + offset}))
    except BaseException:
        writer.close()
        partial.unlink(missing_ok=True)
        raise
    writer.close()
    os.replace(partial, out_path)
    return out_path


def tiled_name(source: Path, factor: int, suffix: str, complete_refs: bool = False) -> str:
    """File name of a tiled input: ``helsinki_x16.osm.pbf``, ``helsinki_x16_complete.osm``..."""
    stem = Path(source).name.split(".")[0]
    return f"{stem}_x{factor}{'_complete' if complete_refs else ''}{suffix}"


def ensure_tiled(factor: int, suffix: str, *, complete_refs: bool = False,
                 source: Path = SOURCE, work_dir: Path = WORK_DIR) -> Path:
    """The cached tiled input for a factor and format, written first if it is missing.

    Parameters
    ----------
    factor
        Number of copies.
    suffix
        ``.osm.pbf`` or ``.osm``.
    complete_refs
        The variant with dangling references removed (for osmnx).
    source, work_dir
        The extract to tile and the cache folder.
    """
    path = Path(work_dir) / tiled_name(source, factor, suffix, complete_refs)
    if not path.exists() or path.stat().st_mtime < Path(source).stat().st_mtime:
        tile_extract(source, factor, path, complete_refs=complete_refs)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write the tiled ``.osm.pbf`` and ``.osm`` for one factor."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, required=True, help="number of copies (1, 16, 100)")
    parser.add_argument("--out", type=Path, default=WORK_DIR, help="output folder")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the extract to tile")
    parser.add_argument("--formats", default=".osm.pbf,.osm",
                        help="comma-separated suffixes to write (default: .osm.pbf,.osm)")
    parser.add_argument("--complete", action="store_true",
                        help="also write the complete variant (no dangling refs) for osmnx")
    args = parser.parse_args(argv)
    variants = [False, True] if args.complete else [False]
    for complete_refs in variants:
        for suffix in args.formats.split(","):
            path = ensure_tiled(args.factor, suffix, complete_refs=complete_refs,
                                source=args.source, work_dir=args.out)
            print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
