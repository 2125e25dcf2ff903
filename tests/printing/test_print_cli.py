"""`tome-window print` and `tome-window printers` end to end on a visit made by `fill`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.printing.conftest import BUNDLE, DATA, cpath, sh, wait_for_output
from tome_window.cli.main import main
from tome_window.services.storage import open_store


def _fill(capsys, out: Path) -> str:  # noqa: ANN001
    code = main(["fill", "--allow-incomplete", "--event", "tennyu", "--resident", str(DATA / "resident_tennyu.json"),
                 "--answers", str(DATA / "answers_tennyu.json"), "--out", str(out), "--json"])
    assert code == 0
    return str(json.loads(capsys.readouterr().out)["visit_id"])


def test_print_a_filled_visit(queue: str, cups_ready: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    visit_id = _fill(capsys, tmp_path / "fill")
    # the sample visit still has missing answers: the gate refuses, nothing reaches the queue
    assert main(["print", visit_id, "--printer", queue, "--json"]) == 3
    refused = json.loads(capsys.readouterr().out)
    assert {p["kind"] for p in refused["problems"]} >= {"missing"} and "jobs" not in refused
    assert main(["print", visit_id, "--printer", queue, "--copies", "1", "--json",
                 "--allow-incomplete"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["printer"] == queue and [j["file"] for j in data["jobs"]] == BUNDLE
    assert all(j["title"].startswith(f"tome-{visit_id[:8]}-") for j in data["jobs"])
    for job in data["jobs"]:
        wait_for_output(cups_ready, job["job"]).unlink()
    store = open_store()
    try:
        entries = [a for a in store.audit_log(visit_id=visit_id) if a.action == "print"]
        assert len(entries) == 1
        assert entries[0].detail["printer"] == queue and entries[0].detail["files"] == len(BUNDLE)
        text = json.dumps([a.detail for a in store.audit_log(visit_id=visit_id)], ensure_ascii=False)
        assert "太郎" not in text and "登米　" not in text
    finally:
        store.close()

    # printer switched off: a Japanese message, exit 1, and the same visit prints again later
    sh(cpath("cupsdisable"), queue, check=True)
    assert main(["print", visit_id, "--printer", queue, "--allow-incomplete"]) == 1
    assert "停止しています" in capsys.readouterr().err
    sh(cpath("cupsenable"), queue, check=True)
    assert main(["print", visit_id, "--printer", queue, "--allow-incomplete"]) == 0
    out = capsys.readouterr().out
    for line in out.splitlines():
        wait_for_output(cups_ready, line.split("\t")[0]).unlink()


def test_unknown_visit_and_usage(queue: str, capsys) -> None:  # noqa: ANN001
    assert main(["print", "0" * 32, "--printer", queue, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]
    with pytest.raises(SystemExit) as exit_info:
        main(["print", "abc", "--copies", "0"])
    assert exit_info.value.code == 2


def test_printers_list(queue: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("TOME_WINDOW_PRINTER", queue)
    assert main(["printers", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["printer"] == queue
    mine = [p for p in data["printers"] if p["name"] == queue]
    assert mine and mine[0]["problem"] is None and mine[0]["accepting"]
    sh(cpath("cupsdisable"), queue, check=True)
    assert main(["printers"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("*") and queue in line and "停止中" in line for line in lines)
    assert main(["printers", "--json"]) == 0
    mine = [p for p in json.loads(capsys.readouterr().out)["printers"] if p["name"] == queue]
    assert mine[0]["problem"] == "off" and mine[0]["state"] == "停止中"


def test_printers_when_spooler_is_down(monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:9")
    assert main(["printers", "--json"]) == 1
    assert "CUPS" in json.loads(capsys.readouterr().out)["error"]
