"""手続き案内票: the sheet the resident takes away, saying where each procedure is done.

A resident with several procedures walks between sections and buildings (国保 is in the
南方庁舎); the sheet lists, for each procedure of the visit, its counter, where that is and
what to bring, in Japanese and, when a language is chosen, in that language line by line
under the Japanese, so staff and resident read the same sheet. Where each section is comes
from forms/offices.yaml (data the city maintains), never from code. Translations come in
through a callable so the curated catalogues, a test or nothing at all can provide them;
with no text for an item only the Japanese prints. No personal data is printed.

Translation kinds: ("guide", label), ("procedure.title", id), ("procedure.counter", id),
("procedure.bring", "id.N"), ("office", section or building id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tome_window.domain.definitions import ProcedureDef
from tome_window.domain.visit import Visit
from tome_window.domain.wareki import to_wareki
from tome_window.services.files import make_dir, written_whole
from tome_window.services.pdf.fonts import FontSet, PdfError, load_fonts
from tome_window.services.pdf.mixed_text import MixedText
from tome_window.services.pdf.scripts import wrap

Translate = Callable[[str, str, str], str | None]
PAGE_W, PAGE_H = A4
LEFT, RIGHT, BOTTOM = 18 * mm, PAGE_W - 18 * mm, 22 * mm

LABELS = {
    "title": "手続き案内票", "date": "受付日", "number": "受付番号",
    "intro": "本日の手続きと、それぞれの窓口・お持ちいただくもののご案内です。",
    "counter": "窓口", "place": "場所", "bring": "お持ちいただくもの",
    "branches": "お近くの総合支所 市民課でも、証明書の交付などを受け付けています。",
}
# The fee lines (procedure.fee, per application). Kept apart from LABELS until their curated
# translations exist (tests/i18n_content checks LABELS in every language); a translation of
# kind "guide" with these keys prints under the Japanese as for any other label.
FEE_LABELS = {
    "fee": "手数料", "fee_total": "手数料の合計(目安)",
    "fee_note": "1件あたりの手数料の合計です。通数や手続きの内容により変わります。",
}
# The guide's own wording in each language of the counter (curated; the translations
# provider may override any of them with kind "guide").
@dataclass(frozen=True)
class Section:
    id: str
    name: str
    building: str = ""
    floor: str = ""
    phone: str = ""
    procedures: tuple[str, ...] = ()


@dataclass
class Offices:
    main: dict[str, str] = field(default_factory=dict)
    buildings: dict[str, dict[str, str]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    branches: list[dict[str, str]] = field(default_factory=list)

    def section_for(self, procedure_id: str) -> Section | None:
        return next((s for s in self.sections if procedure_id in s.procedures), None)

    def where(self, section: Section) -> str:
        """Building, floor and address in one line; empty when none is known."""
        b = self.buildings.get(section.building, {})
        parts = [b.get("name", ""), section.floor, b.get("address", "")]
        return "　".join(p for p in parts if p)


def load_offices(forms_dir: Path) -> Offices:
    path = Path(forms_dir) / "offices.yaml"
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return Offices()
    except (OSError, yaml.YAMLError) as exc:
        raise PdfError(f"窓口の案内データを読めません({path})。",
                       f"cannot read {path}: {exc}") from exc
    sections = [Section(str(s["id"]), str(s["name"]), str(s.get("building") or ""),
                        str(s.get("floor") or ""), str(s.get("phone") or ""),
                        tuple(s.get("procedures") or ())) for s in data.get("sections") or []]
    return Offices({k: str(v) for k, v in (data.get("main_office") or {}).items()},
                   {k: {kk: str(vv or "") for kk, vv in v.items()}
                    for k, v in (data.get("buildings") or {}).items()},
                   sections, list(data.get("branches") or []))


def text_translations(text: Any) -> Translate:
    """The curated texts (translations/forms, through the FormText that VisitService.text()
    loaded): procedure titles, counters, bring lists and the guide's own sentences."""

    def translate(lang: str, kind: str, key: str) -> str | None:
        if kind == "guide":
            return text.document_text(lang, "guide", key)
        if kind == "procedure.title":
            return text.procedure_title(lang, key)
        if kind == "procedure.counter":
            return text.counter(lang, key)
        if kind == "procedure.bring":
            pid, _, index = key.rpartition(".")
            items = text.bring(lang, pid) or []
            return items[int(index)] if int(index) < len(items) else None
        return None

    return translate


class _Sheet:
    """A cursor that writes wrapped lines down the page and starts a new page when full."""

    def __init__(self, c: Canvas, fonts: FontSet, language: str | None, footer: str) -> None:
        self.c, self.fonts, self.language, self.footer = c, fonts, language, footer
        self.mixed = MixedText(fonts, language or "ja")
        self.y = PAGE_H - 18 * mm
        self.page = 1

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.finish_page()
            self.c.showPage()
            self.page += 1
            self.y = PAGE_H - 18 * mm

    def finish_page(self) -> None:
        self.c.setFont(self.fonts.gothic, 7.5)
        self.c.setFillGray(0.35)
        self.c.drawString(LEFT, 12 * mm, self.fonts.printable(self.footer))
        self.c.drawRightString(RIGHT, 12 * mm, f"{self.page}")
        self.c.setFillGray(0)

    def text(self, text: str, size: float, *, indent: float = 0, foreign: bool = False,
             gray: float = 0, after: float = 1.5) -> None:
        width = RIGHT - LEFT - indent
        if foreign:  # the resident's language, quoting Japanese terms: one font per script run
            lines = self.mixed.wrap(text, size, width, True)
        else:
            text = self.fonts.printable(text)
            lines = wrap(text, self.fonts.gothic, size, width)
        for line in lines:
            self.need(size * 1.35)
            self.y -= size * 1.15
            if foreign:
                self.mixed.draw(self.c, LEFT + indent, self.y, line, size, gray, True)
                continue
            self.c.setFont(self.fonts.gothic, size)
            self.c.setFillGray(gray)
            self.c.drawString(LEFT + indent, self.y, line)
            self.y -= size * 0.2
        self.c.setFillGray(0)
        self.y -= after

    def both(self, ja: str, other: str | None, size: float, *, indent: float = 0) -> None:
        """The Japanese line, then its translation a little smaller and grey."""
        self.text(ja, size, indent=indent, after=0.5 if other else 1.5)
        if other:
            self.text(other, size * 0.85, indent=indent, foreign=True, gray=0.25)

    def rule(self) -> None:
        self.need(4)
        self.c.setLineWidth(0.4)
        self.c.setStrokeGray(0.6)
        self.c.line(LEFT, self.y, RIGHT, self.y)
        self.c.setStrokeGray(0)
        self.y -= 3


def render_guide(procedures: Sequence[ProcedureDef], visit: Visit, path: Path, *,
                 offices: Offices | None = None, language: str | None = None,
                 translate: Translate | None = None, fonts: FontSet | None = None) -> Path:
    """Write the guide for these procedures (the visit's, in visit order) to `path`."""
    fonts = fonts or load_fonts()
    offices = offices or Offices()
    lang = language if language and language not in ("ja",) else None

    def tr(kind: str, key: str) -> str | None:
        if lang is None:
            return None
        return translate(lang, kind, key) if translate else None

    path = Path(path)
    make_dir(path.parent, "手続き案内票の保存先フォルダ", PdfError)
    with written_whole(path, "手続き案内票", PdfError) as tmp:
        c = Canvas(str(tmp), pagesize=A4, pageCompression=1)
        c.setTitle("手続き案内票")
        c.setCreator("Tome Window")
        main = offices.main
        sheet = _Sheet(c, fonts, lang, "　".join(p for p in (
            main.get("name", ""), main.get("address", ""),
            f"TEL {main['phone']}" if main.get("phone") else "") if p))
        _header(sheet, visit, tr)
        for i, proc in enumerate(procedures, start=1):
            _procedure(sheet, i, proc, offices, tr)
        fees = sum(proc.fee for proc in procedures)
        if fees > 0:
            _fee_total(sheet, fees, tr)
        if offices.branches:
            sheet.need(30)
            sheet.both(LABELS["branches"], tr("guide", "branches"), 9.5)
            line = "　".join(f"{b.get('name', '')} {b.get('phone', '')}" for b in offices.branches)
            sheet.text(line, 8, indent=3 * mm, gray=0.2)
        sheet.finish_page()
        c.save()
    return path


def _header(sheet: _Sheet, visit: Visit, tr: Callable[[str, str], str | None]) -> None:
    c, fonts = sheet.c, sheet.fonts
    c.setFont(fonts.gothic, 20)
    sheet.y -= 20
    c.drawCentredString(PAGE_W / 2, sheet.y, LABELS["title"])
    sheet.y -= 8
    other = tr("guide", "title")
    if other:
        sheet.y -= 12
        advance = sheet.mixed.width(other, 12, True)
        sheet.mixed.draw(c, PAGE_W / 2 - advance / 2, sheet.y, other, 12, 0, True)
        sheet.y -= 6
    day = visit.date if isinstance(visit.date, dt.date) else dt.date.today()
    sheet.text(f"{LABELS['date']}　{to_wareki(day)}　・　{visit.branch}　・　"
               f"{LABELS['number']} {visit.id[:8]}", 10, after=0.5)
    other_date = tr("guide", "date")
    if other_date:
        sheet.text(f"{other_date}: {day.isoformat()}", 8.5, foreign=True, gray=0.25)
    sheet.both(LABELS["intro"], tr("guide", "intro"), 9.5)
    sheet.rule()


def _procedure(sheet: _Sheet, i: int, proc: ProcedureDef, offices: Offices,
               tr: Callable[[str, str], str | None]) -> None:
    sheet.need(40)
    sheet.both(f"{i}. {proc.title}", tr("procedure.title", proc.id), 13)
    indent = 5 * mm
    sheet.both(f"{LABELS['counter']}: {proc.counter}",
               _label(tr, "counter", tr("procedure.counter", proc.id)), 10, indent=indent)
    section = offices.section_for(proc.id)
    if section is not None:
        where = offices.where(section)
        phone = f"TEL {section.phone}" if section.phone else ""
        line = "　".join(p for p in (section.name, where, phone) if p)
        sheet.both(f"{LABELS['place']}: {line}", _label(tr, "place", phone or None), 10,
                   indent=indent)
    if proc.fee > 0:  # per application, as the definition says (copies are not counted)
        sheet.both(f"{FEE_LABELS['fee']}: {yen(proc.fee)}",
                   _label(tr, "fee", f"¥{proc.fee:,}" if tr("guide", "fee") else None), 10,
                   indent=indent)
    if proc.bring:
        sheet.both(f"{LABELS['bring']}:", tr("guide", "bring"), 10, indent=indent)
        for n, item in enumerate(proc.bring):
            sheet.both(f"・{item}", _bullet(tr("procedure.bring", f"{proc.id}.{n}")), 9.5,
                       indent=indent + 4 * mm)
    sheet.rule()


def yen(amount: int) -> str:
    return f"{amount:,}円"


def _fee_total(sheet: _Sheet, fees: int, tr: Callable[[str, str], str | None]) -> None:
    """The visit's fees together, so the resident knows what to have ready."""
    sheet.need(20)
    sheet.both(f"{FEE_LABELS['fee_total']}　{yen(fees)}",
               _label(tr, "fee_total", f"¥{fees:,}" if tr("guide", "fee_total") else None), 12)
    sheet.both(FEE_LABELS["fee_note"], tr("guide", "fee_note"), 8.5, indent=3 * mm)
    sheet.rule()


def _label(tr: Callable[[str, str], str | None], key: str, text: str | None) -> str | None:
    if not text:
        return None
    label = tr("guide", key)
    return f"{label}: {text}" if label else text


def _bullet(text: str | None) -> str | None:
    return f"- {text}" if text else None
