"""Shared fixtures: every test gets its own data folder, so no test sees another's visits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]

# The data key lives in the OS key store: every test gets a private, real one (D-Bus + GNOME
# Keyring), never the developer's own.
pytest_plugins = ("tests.storage.keyring_session",)


def need(reason: str) -> None:
    """A missing daemon or tool skips a test on a developer's machine but fails in CI
    (CI=true), where scripts/test.sh installs and starts everything: a skip there would
    hide that the card, print or database path was never tested."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"required in CI: {reason}", pytrace=False)
    pytest.skip(reason)
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path_factory.mktemp("tome-data")
    monkeypatch.setenv("TOME_WINDOW_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TOME_WINDOW_CONFIG", str(data_dir / "no-config.toml"))
    monkeypatch.delenv("TOME_WINDOW_DB_URL", raising=False)
    monkeypatch.delenv("TOME_WINDOW_FORMS", raising=False)
    return data_dir


@pytest.fixture(scope="session")
def catalog():  # noqa: ANN201
    from tome_window.services.forms_loader import load_catalog

    loaded = load_catalog(REPO / "forms")
    assert not loaded.problems, [p.message_ja for p in loaded.problems]
    return loaded
