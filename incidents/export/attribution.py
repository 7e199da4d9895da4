"""The credit every export carries: GeoNames data is CC BY 4.0 and must be attributed."""

from __future__ import annotations

from incidents import __version__

GEONAMES = "Place names and coordinates from GeoNames (https://www.geonames.org/), CC BY 4.0"


def attribution() -> str:
    """One line for a ``source_note`` column or a ``properties.attribution`` member."""
    return f"{GEONAMES}. Incidents extracted from news reports by incidents {__version__}."
