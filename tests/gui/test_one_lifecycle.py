"""One visit made twice, once by the commands and once through the GUI's session, ends in the
same stored payload, the same documents and the same audit trail: there is one lifecycle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tome_window.cli.main import main
from tome_window.domain.resident import Resident
from tome_window.views import tasks

DATA = Path(__file__).resolve().parents[1] / "data"
ANSWERS = {"juminhyo_koufu.kind": "household_all", "juminhyo_koufu.purpose": "work",
           "phone": "0220-22-2111", "applicant_relation": "self"}


def _resident() -> dict[str, Any]:
    data = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    data["name_kana"] = "トメ　タロウ"
    return data


def _trail(store: Any, visit_id: str) -> list[tuple[str, dict[str, Any]]]:
    return [(a.action, a.detail) for a in reversed(store.audit_log(visit_id=visit_id))]


def _docs(folder: Path) -> dict[str, Any]:
    docs = {}
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc.pop("visit")
        docs[path.name] = doc
    return docs


def test_commands_and_gui_record_the_same_visit(qtbot, window, tmp_path, capsys) -> None:  # noqa: ANN001
    resident_file, answers_file = tmp_path / "r.json", tmp_path / "a.json"
    resident_file.write_text(json.dumps(_resident(), ensure_ascii=False), encoding="utf-8")
    answers_file.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")

    # the commands: fill, then export the data, then the guide in English
    assert main(["fill", "--procedure", "juminhyo_koufu", "--resident", str(resident_file),
                 "--answers", str(answers_file), "--out", str(tmp_path / "cli"), "--json"]) == 0
    cli_id = json.loads(capsys.readouterr().out)["visit_id"]
    assert main(["export", cli_id, "--format", "json,csv", "--out", str(tmp_path / "cli")]) == 0
    assert main(["guide", cli_id, "--out", str(tmp_path / "cli" / "00_guide.pdf"),
                 "--language", "en"]) == 0
    capsys.readouterr()

    # the GUI's session: the same steps, documents made on workers
    session = window.session
    session.begin(event_id=None, procedure_ids=[])
    session.begin(event_id=None, procedure_ids=["juminhyo_koufu"])
    session.set_resident(Resident.from_json(_resident(), source="file"))
    for key, value in ANSWERS.items():
        assert session.answer(key, value) is None
    gui_id = session.current.id
    out = tmp_path / "gui"
    made: list[Any] = []
    failed: list[str] = []
    session.export({"pdf"}, out, made.append, failed.append)
    qtbot.waitUntil(lambda: len(made) == 1 or bool(failed), timeout=30000)
    session.export({"json", "csv"}, out, made.append, failed.append)
    qtbot.waitUntil(lambda: len(made) == 2 or bool(failed), timeout=30000)
    session.set_language("en")
    session.guide(out, made.append, failed.append)
    qtbot.waitUntil(lambda: len(made) == 3 or bool(failed), timeout=30000)
    assert not failed
    session.flush()
    tasks.wait_all()

    store = session.svc.store
    cli_row, cli_payload = store.load_visit(cli_id)
    gui_row, gui_payload = store.load_visit(gui_id)
    assert gui_payload == cli_payload
    assert (gui_row.status, gui_row.procedure_ids) == (cli_row.status, cli_row.procedure_ids)
    assert _trail(store, gui_id) == _trail(store, cli_id)
    assert [a for a, _ in _trail(store, gui_id)] == [
        "visit_open", "visit_choose", "resident_file", "export", "export", "export_guide"]
    assert _docs(out) == _docs(tmp_path / "cli") and _docs(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in (tmp_path / "cli").iterdir())

    session.finish()
    tasks.wait_all()
    assert store.load_visit(gui_id)[0].status == "closed"
    assert _trail(store, gui_id)[-1] == ("visit_close", {"procedures": ["juminhyo_koufu"]})
