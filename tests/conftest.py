"""Shared fixtures: the real spaCy model (loaded once), the bundled seed case, ../shared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pg"]

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = Path(__file__).resolve().parent / "resources"
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = ROOT / "examples" / "dagestan-2024-06-23.txt"
SEED_EXPECTED = RESOURCES / "cases" / "dagestan-2024-06-23" / "expected.json"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "issue(n): regression test for issue n")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if (SHARED / "data").is_dir():
        return
    skip = pytest.mark.skip(reason="../shared/data is not present")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp() -> Any:
    from incidents.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def seed_result(seed_text: str) -> dict[str, Any]:
    import incidents

    result: dict[str, Any] = incidents.extract(seed_text, published="2024-06-27", id="dagestan-2024-06-23").to_dict()
    return result


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not present")
    return path
