"""`tome-window audit verify`: exit 0 when intact, 4 naming the first broken row."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from tome_window.cli.audit_cmd import EXIT_TAMPERED
from tome_window.cli.main import main
from tome_window.services.storage import open_store
from tome_window.services.storage.models import AuditRecord


def _three_rows() -> list[int]:
    with open_store() as store:
        for i in range(3):
            store.record_audit("card_read", actor="counter-1", detail={"fields": i})
        return sorted(r.id for r in store.audit_log())


def test_intact_log_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    _three_rows()
    assert main(["audit", "verify"]) == 0
    assert "3 件を確認しました" in capsys.readouterr().out


def test_edited_row_exits_4_and_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    ids = _three_rows()
    with open_store() as store, Session(store._engine) as session, session.begin():
        session.execute(sa.update(AuditRecord).where(AuditRecord.id == ids[1])
                        .values(action="print"))
    assert main(["audit", "verify"]) == EXIT_TAMPERED
    err = capsys.readouterr().err
    assert f"操作記録 {ids[1]} の内容が書き換えられています" in err
    assert main(["audit", "verify", "--json"]) == EXIT_TAMPERED
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["first_bad_row"] == ids[1]


def test_missing_database_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify"]) == 1
    assert capsys.readouterr().err.startswith("エラー: ")
