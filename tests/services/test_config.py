from pathlib import Path

from tome_window.services.config import load_settings

REPO = Path(__file__).resolve().parents[2]


def test_defaults_need_nothing(isolated_data_dir: Path) -> None:
    s = load_settings()
    assert s.data_dir == isolated_data_dir
    assert s.db_url == f"sqlite:///{isolated_data_dir / 'tome-window.sqlite3'}"
    assert s.branch == "本庁舎" and s.retention_days == 30


def test_branch_profile_then_environment(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    profile = tmp_path / "config.toml"
    profile.write_text((REPO / "installer/profiles/minamikata.toml").read_text("utf-8")
                       + 'db_url = "postgresql+psycopg://tome@db/tome"\n', encoding="utf-8")
    monkeypatch.setenv("TOME_WINDOW_CONFIG", str(profile))
    s = load_settings()
    assert s.branch == "南方庁舎" and "国保年金課" in s.office
    assert s.db_url.startswith("postgresql+psycopg://")
    monkeypatch.setenv("TOME_WINDOW_BRANCH", "津山総合支所")
    monkeypatch.setenv("TOME_WINDOW_RETENTION_DAYS", "7")
    s = load_settings()
    assert s.branch == "津山総合支所" and s.retention_days == 7


def test_exports_are_not_kept_unless_the_branch_says_so(monkeypatch) -> None:  # noqa: ANN001
    assert load_settings().keep_exports is False
    monkeypatch.setenv("TOME_WINDOW_KEEP_EXPORTS", "true")
    assert load_settings().keep_exports is True
