"""`tome-window export` and `tome-window guide` from the command line; the font helper."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from tome_window.cli.main import main


def test_export_all_formats_and_audit(make_visit, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu", "kokuho_shikaku"])
    assert main(["export", visit.id, "--out", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = sorted(Path(f).name for f in data["files"])
    expected = [f"{i:02d}_{p}.{ext}" for i, p in ((1, "juminhyo_koufu"), (2, "kokuho_shikaku"))
                for ext in ("pdf", "json", "csv")]
    assert names == sorted([*expected, "02_kokuho_shikaku.insured.csv"])  # a CSV per row block
    entries = [a for a in service.store.audit_log(visit_id=visit.id) if a.action == "export"]
    assert entries and entries[0].detail["formats"] == ["csv", "json", "pdf"]
    assert entries[0].detail["files"] == 7
    dumped = json.dumps([a.detail for a in service.store.audit_log(visit_id=visit.id)],
                        ensure_ascii=False)
    assert "登米　太郎" not in dumped and "1985" not in dumped
    assert not list(tmp_path.glob("*.part"))


def test_export_one_format(make_visit, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    _, visit = make_visit(["inkan_shoumei"])
    assert main(["export", visit.id, "--format", "csv", "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["01_inkan_shoumei.csv"]


def test_unknown_visit_and_format(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["export", "no-such-visit", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "見つかりません" in err and "Traceback" not in err
    assert main(["export", "x", "--format", "pdf,xml", "--out", str(tmp_path)]) == 1
    assert "xml" in capsys.readouterr().err
    assert main(["guide", "no-such-visit", "--out", str(tmp_path / "g.pdf")]) == 1
    assert "見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "g.pdf").exists()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_guide_lists_each_procedure_and_counter(make_visit, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    service, visit = make_visit(["juumin_idou", "kokuho_shikaku", "jidou_teate"])
    out = tmp_path / "guide.pdf"
    assert main(["guide", visit.id, "--out", str(out)]) == 0
    text = _text(out).replace(" ", "")
    assert "手続き案内票" in text and "令和" in text
    for pid in ("juumin_idou", "kokuho_shikaku", "jidou_teate"):
        proc = service.catalog.procedures[pid]
        assert proc.title.replace(" ", "") in text
        assert proc.counter.replace(" ", "")[:10] in text
    assert "0220-58-2166" in text and "南方庁舎" in text  # where 国保 is handled
    assert "Procedure guide" not in _text(out)


def test_guide_in_english(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    _, visit = make_visit(["juminhyo_koufu"])
    out = tmp_path / "guide_en.pdf"
    assert main(["guide", visit.id, "--out", str(out), "--language", "en"]) == 0
    text = _text(out)
    assert "Procedure guide" in text and "What to bring" in text
    assert "住民票の写し等交付申請書" in text.replace(" ", "")
    assert main(["guide", visit.id, "--out", str(out), "--language", "xx"]) == 1


def test_guide_in_vietnamese_uses_a_font_with_its_letters(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    from tome_window.services.pdf.fonts import load_fonts
    from tome_window.services.pdf.scripts import font_for

    fonts = load_fonts()
    assert font_for("登米市", None, fonts) == fonts.gothic
    assert font_for("Giấy tờ cần mang theo", "vi", fonts) != fonts.gothic
    assert font_for("지참물", "ko", fonts) != fonts.gothic
    _, visit = make_visit(["juminhyo_koufu"])
    out = tmp_path / "guide_vi.pdf"
    assert main(["guide", visit.id, "--out", str(out), "--language", "vi"]) == 0
    assert "Giấy tờ cần mang theo" in _text(out)


def test_export_refuses_an_incomplete_visit_with_exit_3(make_visit, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu"])
    visit.facts.pop("juminhyo_koufu.purpose", None)
    service.save(visit)
    out = tmp_path / "o"
    assert main(["export", visit.id, "--out", str(out), "--json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] is False and data["files"] == []
    assert ("missing", "juminhyo_koufu.purpose") in {(p["kind"], p["field"]) for p in data["problems"]}
    assert not out.exists() or not list(out.iterdir())
    assert main(["export", visit.id, "--out", str(out), "--allow-incomplete"]) == 0
    assert (out / "01_juminhyo_koufu.pdf").exists()
