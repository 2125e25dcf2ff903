"""Tiny real models, built once per session; each test installs what it needs into its own
data folder (the suite's autouse fixture gives every test a fresh TOME_WINDOW_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.translation.tiny_model import build_package

# ja↔en, en↔ko: ja→ko and ko→ja exist only through English.
PAIRS = (("ja", "en"), ("en", "ja"), ("en", "ko"), ("ko", "en"))


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("argosmodels")
    return {(src, dst): build_package(out / f"{src}_{dst}.argosmodel", src, dst)
            for src, dst in PAIRS}


@pytest.fixture
def service(isolated_data_dir: Path):  # noqa: ANN201
    from tome_window.services.translation import TranslationService

    return TranslationService.from_settings()


@pytest.fixture
def installed(service, packages):  # noqa: ANN001, ANN201
    """A service with all four tiny models installed."""
    for file in packages.values():
        service.install(file)
    return service
