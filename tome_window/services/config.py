"""Settings of one counter terminal: where data lives, which database, which branch.

Defaults need nothing (SQLite in the user data folder, the bundled forms, the main office),
so a newcomer can look around at once; a branch's IT staff override them with a TOML file in
the user config folder or with TOME_WINDOW_* environment variables (which win).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "tome-window"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_url: str
    forms_dir: Path | None = None
    branch: str = "本庁舎"
    office: str = "登米市役所 市民生活部 市民生活課"
    retention_days: int = 30
    keep_exports: bool = False
    staff: str = "counter"
    key_file: Path | None = None  # an older version's plain key file, read once to migrate
    printer: str = ""  # empty: the spooler's default destination
    print_command: str = ""  # e.g. SumatraPDF's silent print on Windows; empty: CUPS lp

    @property
    def key_path(self) -> Path:
        """Where an older version kept the data key in clear. Today the key lives in the OS
        key store (storage/keystore.py); a file found here is moved there once and destroyed."""
        return self.key_file or self.data_dir / "visit.key"


def config_path() -> Path:
    return Path(os.environ.get("TOME_WINDOW_CONFIG") or Path(user_config_dir(APP)) / "config.toml")


def load_settings() -> Settings:
    data_dir = Path(os.environ.get("TOME_WINDOW_DATA_DIR") or user_data_dir(APP))
    settings = Settings(data_dir=data_dir, db_url=_default_db(data_dir))
    path = config_path()
    if path.exists():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        settings = _apply(settings, {k: str(v) for k, v in data.items()})
    env = {k.removeprefix("TOME_WINDOW_").lower(): v for k, v in os.environ.items()
           if k.startswith("TOME_WINDOW_")}
    return _apply(settings, env)


def _default_db(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'tome-window.sqlite3'}"


def _apply(settings: Settings, values: dict[str, str]) -> Settings:
    changes: dict[str, object] = {}
    if "data_dir" in values:
        data_dir = Path(values["data_dir"])
        changes["data_dir"] = data_dir
        if "db_url" not in values and settings.db_url == _default_db(settings.data_dir):
            changes["db_url"] = _default_db(data_dir)  # the SQLite file moves with the folder
    if "db_url" in values:
        changes["db_url"] = values["db_url"]
    if "forms" in values:
        changes["forms_dir"] = Path(values["forms"])
    for key in ("branch", "office", "staff", "printer", "print_command"):
        if key in values:
            changes[key] = values[key]
    if "keep_exports" in values:
        changes["keep_exports"] = values["keep_exports"].strip().lower() in ("1", "true", "yes")
    if "retention_days" in values:
        changes["retention_days"] = int(values["retention_days"])
    if "key_file" in values:
        changes["key_file"] = Path(values["key_file"])
    return replace(settings, **changes)  # type: ignore[arg-type]
