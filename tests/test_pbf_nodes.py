"""Node versions read from a PBF file's bytes with numpy, against pyosmium reading them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import osmium
import pytest

from layers._pbf_nodes import node_versions
from layers.osm_extract import read_extract
from layers.osm_scan import _versions_of


def _pyosmium_versions(path: Path) -> tuple[list[int], list[int]]:
    ids: list[int] = []
    versions: list[int] = []
    for node in osmium.FileProcessor(str(path), osmium.osm.NODE):
        ids.append(node.id)
        versions.append(node.version)
    return ids, versions


@pytest.mark.parametrize("name", ["helsinki.osm.pbf", "kouvola.osm.pbf",
                                  "aguascalientes.osm.pbf"])
def test_every_node_id_and_version_as_pyosmium_reads_them(data_dir: Path, name: str):
    ids, versions = _pyosmium_versions(data_dir / "osm" / name)
    found = node_versions(data_dir / "osm" / name)
    assert found is not None
    assert len(ids) > 3000
    np.testing.assert_array_equal(found[0], ids)
    np.testing.assert_array_equal(found[1], versions)
    assert len(set(versions)) > 5  # real edit histories, not all 1


def test_a_file_without_metadata_gives_version_0(data_dir: Path, tmp_path: Path):
    bare = tmp_path / "bare.osm.pbf"
    with osmium.SimpleWriter(str(bare)) as writer:
        for node in osmium.FileProcessor(str(data_dir / "osm" / "kouvola.osm.pbf"),
                                         osmium.osm.NODE):
            writer.add_node(osmium.osm.mutable.Node(id=node.id, location=node.location))
    ids, versions = _pyosmium_versions(bare)
    found = node_versions(bare)
    assert found is not None
    np.testing.assert_array_equal(found[0], ids)
    assert set(versions) == {0} and not found[1].any()


def test_what_it_cannot_decode_is_left_to_pyosmium(data_dir: Path, tmp_path: Path):
    source = (data_dir / "osm" / "kouvola.osm.pbf").read_bytes()
    damaged = tmp_path / "damaged.osm.pbf"
    damaged.write_bytes(source[:len(source) // 2])  # ends in the middle of a blob
    assert node_versions(damaged) is None


def test_versions_of_way_nodes_same_from_pbf_and_from_xml(data_dir: Path, tmp_path: Path):
    pbf = data_dir / "osm" / "kouvola.osm.pbf"
    xml = tmp_path / "kouvola.osm"
    with osmium.SimpleWriter(str(xml)) as writer:
        for obj in osmium.FileProcessor(str(pbf)):
            writer.add(obj)
    ids, versions = _pyosmium_versions(pbf)
    wanted = np.array([ids[5], ids[-1], 1, ids[100], ids[5]], dtype=np.int64)
    expected = [versions[5], versions[-1], 0, versions[100], versions[5]]
    assert _versions_of(str(pbf), wanted).tolist() == expected
    assert _versions_of(str(xml), wanted).tolist() == expected


def test_building_node_details_carry_each_node_version(data_dir: Path):
    path = data_dir / "osm" / "kouvola.osm.pbf"
    ids, versions = _pyosmium_versions(path)
    version_of = dict(zip(ids, versions, strict=True))
    location_of = {node.id: node.location for node in
                   osmium.FileProcessor(str(path), osmium.osm.NODE)}
    buildings = read_extract(path).tables["buildings"].to_pydict()
    checked = 0
    for osm_type, refs, details in zip(buildings["osm_type"], buildings["osm_nodes"],
                                       buildings["osm_node_details"], strict=True):
        if osm_type != "way" or details is None:
            continue
        for ref, detail in zip(refs.split(), details.split(), strict=True):
            version, lon, lat = detail.split(",")
            location = location_of[int(ref)]
            assert int(version) == version_of[int(ref)]
            assert (lon, lat) == (f"{location.lon:.7f}", f"{location.lat:.7f}")
            checked += 1
    assert checked > 1000


def test_only_the_wanted_nodes(data_dir: Path):
    path = data_dir / "osm" / "helsinki.osm.pbf"
    ids, versions = _pyosmium_versions(path)
    wanted = np.array(sorted({ids[0], ids[17], ids[-1], ids[5000], 3}), dtype=np.int64)
    found = node_versions(path, wanted)
    assert found is not None
    version_of = dict(zip(ids, versions, strict=True))
    assert sorted(found[0].tolist()) == sorted({ids[0], ids[17], ids[-1], ids[5000]})
    assert found[1].tolist() == [version_of[i] for i in found[0].tolist()]
    none = node_versions(path, np.zeros(0, np.int64))
    assert none is not None and not len(none[0])
