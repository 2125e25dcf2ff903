"""The reading aid: a printed explanation of the visit's applications in the resident's language.

The official forms stay Japanese. A resident who reads another language still has to know
what they signed, so this sheet says, in their language: what they applied for, what each
form says about them (the translated label, the Japanese label small beside it so the line
can be found on the form, and the value as entered: names and addresses are never
translated), and what happens next. Curated text only: titles, labels and next steps come
from translations/forms (FormText); the few sentences of the sheet itself are below.

Several scripts share a line (an English label, a Japanese name), so each line is drawn in
runs, one font per script (`scripts.font_for`). Devanagari and Burmese are shaped with
HarfBuzz before drawing: reportlab shapes inside drawString only when its optional bidi
package is present, so runs are shaped here with `shapeStr`, which needs only uharfbuzz.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tome_window.domain import my_number
from tome_window.domain.languages import BY_CODE, SOURCE
from tome_window.domain.prefill import FieldState, FormState, display_value
from tome_window.domain.visit import Visit
from tome_window.domain.wareki import to_wareki
from tome_window.services.files import make_dir, written_whole
from tome_window.services.pdf.fonts import FontSet, PdfError, load_fonts
from tome_window.services.pdf.mixed_text import MixedText

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 18 * mm, PAGE_W - 18 * mm, PAGE_H - 18 * mm, 20 * mm
LABEL_W = 70 * mm
LEADING = {"my": 1.5, "ne": 1.3}  # tall stacks above and below the line need more room

# The sheet's own sentences, curated per language (keys: see "en").
TEXTS_JA: dict[str, str] = {
    "title": "申請内容の説明", "notice": "この紙は、申請の内容を読みやすく説明するものです。正式な申請書ではありません。",
           "name": "お名前", "date": "受付日", "applied": "申請したこと", "about": "申請書に書いた内容",
           "next": "これからのこと", "general": "職員が申請書を確認し、手続が終わったらお知らせします。わからないことは窓口でおたずねください。",
           "yes": "はい", "no": "いいえ", "footer": "登米市 — 申請内容の説明(正式な申請書ではありません)"
}


def texts_for(language: str, form_text: Any = None) -> dict[str, str]:
    """The aid's own sentences: curated in translations/forms/<lang>/documents.yaml, with
    English and then the Japanese source standing in for any sentence not written yet."""
    if language == SOURCE or form_text is None:
        return dict(TEXTS_JA)
    out = {}
    for key, japanese in TEXTS_JA.items():
        out[key] = (form_text.document_text(language, "reading_aid", key)
                    or form_text.document_text("en", "reading_aid", key) or japanese)
    return out


def render_reading_aid(visit: Visit, forms: Sequence[FormState], language: str, out_path: Path,
                       form_text: Any = None) -> Path:
    """Write the aid to `out_path` (via a temporary name) and return the path."""
    if language not in BY_CODE:
        raise PdfError(f"読みやすい説明の言語がわかりません: {language}", f"unknown language {language!r}")
    out_path = Path(out_path)
    sheet = _Sheet(load_fonts(), language)
    t = texts_for(language, form_text)
    ask = _Asker(form_text, language)
    sheet.text(t["title"], 18, after=2)
    sheet.text(t["notice"], 10, gray=0.25, after=4)
    name = visit.value("resident.name")
    if name:
        sheet.row(t["name"], "", str(name), 12)
    sheet.row(t["date"], "", _date_text(visit.date.isoformat()), 11)
    sheet.rule()

    sheet.text(t["applied"], 14, after=2)
    for form in forms:
        title = ask("procedure_title", form.procedure.id)
        sheet.bullet(title or form.procedure.title, form.procedure.title if title else "")
    sheet.rule()

    sheet.text(t["about"], 14, after=2)
    for form in forms:
        title = ask("procedure_title", form.procedure.id)
        sheet.text(title or form.procedure.title, 12, after=0.5)
        if title:
            sheet.text(form.procedure.title, 8.5, gray=0.35, native=False, after=1.5)
        for fs in form.fields:
            value, translated = _value(fs, t, ask)
            if fs.key.startswith("visit.") or not value:
                continue
            label = (ask("field_label", fs.procedure_id, fs.field.id)
                     or ask("question_label", getattr(fs.field, "fact", None)))
            sheet.row(label or fs.field.label, fs.field.label if label else "", value, 10.5,
                      native=translated)
        for row in form.rows:  # each person of a row block, 別紙 rows included
            who = f"{row.block.label} {row.index + 1}"
            block = ask("row_label", form.procedure.id, row.block.id)
            for fs in row.fields:
                value, translated = _value(fs, t, ask)
                if not value:
                    continue
                label = ask("row_field_label", fs.procedure_id, row.block.id, fs.field.id)
                japanese = f"{who}: {fs.field.label}"
                mine = f"{block or row.block.label} {row.index + 1}: {label}"
                sheet.row(mine if label else japanese, japanese if label else "",
                          value, 10.5, native=translated)
        sheet.y -= 3
    sheet.rule()

    sheet.text(t["next"], 14, after=2)
    for form in forms:
        title = ask("procedure_title", form.procedure.id) or form.procedure.title
        steps = ask("next_steps", form.procedure.id)
        sheet.text(title, 11, after=0.5)
        sheet.text(steps or t["general"], 10, indent=5 * mm, after=3)
    return sheet.save(out_path, t["footer"])


class _Asker:
    """Look-ups in the curated form text; any gap or fault gives None (Japanese is shown)."""

    def __init__(self, form_text: Any, language: str) -> None:
        self.form_text = form_text if language != SOURCE else None
        self.language = language

    def __call__(self, method: str, *args: Any) -> str | None:
        if self.form_text is None or any(a is None for a in args):
            return None
        try:
            found = getattr(self.form_text, method)(self.language, *args)
        except Exception:  # noqa: BLE001 - a broken translation file must not stop printing
            return None
        return found if isinstance(found, str) and found.strip() else None


def _date_text(iso: str) -> str:
    """Both calendars: the form prints 和暦, the resident knows the Western year."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{to_wareki(day)} ({day.isoformat()})"


def _value(fs: FieldState, t: dict[str, str], ask: _Asker) -> tuple[str, bool]:
    """The value as printed, and whether it is (partly) in the resident's language."""
    if fs.value is None or fs.value == "":
        return "", False
    kind = fs.field.type.value
    if fs.key == "resident.my_number" or (fs.row and fs.key.endswith(".my_number")):
        return my_number.mask(str(fs.value)), False
    if kind == "checkbox":
        return (t["yes"] if fs.value else t["no"]), True
    if kind == "date":
        return _date_text(str(fs.value)), False
    japanese = display_value(fs.field, fs.value, date_format=lambda v: v)
    if kind == "choice" or getattr(fs.field, "fact", None) == "resident.sex":
        choice = (ask("row_choice", fs.procedure_id, fs.row.partition(".")[0], fs.field.id,
                      str(fs.value)) if fs.row else
                  ask("choice", fs.procedure_id, fs.field.id, str(fs.value)))
        if choice:
            return f"{choice} ({japanese})", True
    return japanese, False


class _Sheet(MixedText):
    """A cursor down A4 pages; each line is drawn in runs, one font per script."""

    def __init__(self, fonts: FontSet, language: str) -> None:
        super().__init__(fonts, language)
        self.lead = LEADING.get(language, 1.0)
        self.pages: list[list[tuple[float, float, str, float, float, bool]]] = [[]]
        self.y = TOP

    # -- layout ------------------------------------------------------------------------
    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.pages.append([])
            self.y = TOP

    def text(self, text: str, size: float, *, indent: float = 0, gray: float = 0,
             native: bool = True, after: float = 1.5) -> None:
        for line in self.wrap(text, size, RIGHT - LEFT - indent, native):
            self.need(size * 1.45 * self.lead)
            self.y -= size * 1.2 * self.lead
            self.pages[-1].append((LEFT + indent, self.y, line, size, gray, native))
            self.y -= size * 0.25
        self.y -= after

    def bullet(self, text: str, japanese: str) -> None:
        self.text("・" + text, 11.5, after=0.5 if japanese else 2)
        if japanese:
            self.text(japanese, 8.5, indent=4 * mm, gray=0.35, native=False, after=2)

    def row(self, label: str, japanese: str, value: str, size: float, *,
            native: bool = False) -> None:
        """Translated label (Japanese label small under it) | the value as entered."""
        left = self.wrap(label, size * 0.9, LABEL_W - 7 * mm, True)
        small = self.wrap(japanese, size * 0.7, LABEL_W - 7 * mm, False) if japanese else []
        right = self.wrap(value, size, RIGHT - LEFT - LABEL_W, native)
        value_lead = self.lead if native else 1.0
        height = max(len(left) * size * 1.3 * self.lead + len(small) * size * 0.95,
                     len(right) * size * 1.45 * value_lead + (size * 0.4 if native else 0))
        self.need(height + 2)
        top = self.y
        y = top
        for line in left:
            y -= size * 1.15 * self.lead
            self.pages[-1].append((LEFT + 3 * mm, y, line, size * 0.9, 0.2, True))
        for line in small:
            y -= size * 0.9
            self.pages[-1].append((LEFT + 3 * mm, y, line, size * 0.7, 0.4, False))
        y = top
        for line in right:
            y -= size * 1.2 * value_lead
            self.pages[-1].append((LEFT + LABEL_W, y, line, size, 0, native))
        self.y = top - height - 2

    def rule(self) -> None:
        self.need(6)
        self.y -= 2
        self.pages[-1].append((LEFT, self.y, "\x00rule", 0, 0.6, False))
        self.y -= 5

    # -- output -------------------------------------------------------------------------
    def save(self, out_path: Path, footer: str) -> Path:
        make_dir(out_path.parent, "読みやすい説明の保存先フォルダ", PdfError)
        with written_whole(out_path, "読みやすい説明", PdfError) as tmp:
            c = Canvas(str(tmp), pagesize=A4, invariant=True, initialFontName=self.fonts.gothic)
            c.setTitle(footer)
            for number, items in enumerate(self.pages, start=1):
                for x, y, line, size, gray, native in items:
                    if line == "\x00rule":
                        c.setStrokeGray(gray)
                        c.setLineWidth(0.4)
                        c.line(LEFT, y, RIGHT, y)
                        continue
                    self.draw(c, x, y, line, size, gray, native)
                self.draw(c, LEFT, 12 * mm, footer, 7.5, 0.35, True)
                self.draw(c, RIGHT - 10 * mm, 12 * mm, f"{number}/{len(self.pages)}", 7.5, 0.35, False)
                c.showPage()
            c.save()
        return out_path



