"""Benchmark of a counter visit, run on demand (not part of the test suite).

Measured in one run and printed as JSON:
- GUI cold start to first paint, whole processes, against a bare PySide6 window (ratio);
- the 転入 bundle, prefill → PDFs, against bare reportlab drawing as many pages with as many
  strings and boxes and, since every application carries its 2-D code, the same payloads
  encoded by bare segno and drawn as rectangles; the font registered beforehand in both
  (ratio); the same without the codes on either side is reported too;
- peak RSS of the GUI once storage and forms are loaded.
Goals: start ≤ 1.5× bare, bundle ≤ 2× bare, RSS < 250 MB.

    .venv/bin/python bench/visit_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            import os, time
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            os._exit(0)
        return False
f = F(w); w.installEventFilter(f); w.show(); app.exec()
"""


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        TOME_WINDOW_DATA_DIR=str(data_dir),
        TOME_WINDOW_CONFIG=str(data_dir / "none.toml"),
    )
    env.update(extra)
    return env


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from launching the process to its first paint (reported by the child)."""
    start = time.time()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    painted = float(
        next(line.split()[1] for line in out.splitlines() if line.startswith("FIRST_PAINT"))
    )
    return painted - start


def bench_start(runs: int, data_dir: Path) -> dict[str, float]:
    app_cmd = [sys.executable, "-m", "tome_window"]
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    env = _env(data_dir, TOME_WINDOW_QUIT_AFTER_READY="1")
    subprocess.run(
        app_cmd, env=env, check=True, capture_output=True
    )  # create + migrate the DB once
    app_env = _env(data_dir, TOME_WINDOW_QUIT_AFTER_PAINT="1")
    bare, app = [], []
    for _ in range(runs):  # interleaved so that machine noise hits both alike
        bare.append(_timed(bare_cmd, app_env))
        app.append(_timed(app_cmd, app_env))
    b, a = statistics.median(bare), statistics.median(app)
    return {
        "bare_window_s": round(b, 3),
        "app_first_paint_s": round(a, 3),
        "ratio": round(a / b, 2),
    }


def bench_rss(data_dir: Path) -> dict[str, float]:
    env = _env(data_dir, TOME_WINDOW_QUIT_AFTER_READY="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "tome_window"], env=env, check=True, capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"app_peak_rss_mb": round(max(peak, before) / 1024, 1)}


def bench_bundle(runs: int, data_dir: Path) -> dict[str, float]:
    os.environ["TOME_WINDOW_DATA_DIR"] = str(data_dir)
    import segno
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from tome_window.domain.prefill import Prefiller
    from tome_window.domain.resident import Resident
    from tome_window.domain.visit import Visit
    from tome_window.services.forms_loader import load_catalog
    from tome_window.services.lookups import OfflineLookups
    from tome_window.services.pdf import codes, load_fonts, render, render_bundle

    catalog = load_catalog(REPO / "forms")
    fonts = load_fonts()
    resident = Resident.from_json(json.loads((DATA / "resident_tennyu.json").read_text("utf-8")))
    answers = json.loads((DATA / "answers_tennyu.json").read_text("utf-8"))
    prefiller = Prefiller(catalog, OfflineLookups())

    def app_run(out: Path) -> tuple[int, int, list[str], dict[str, int]]:
        visit = Visit(
            id=f"bench{time.perf_counter_ns()}",
            date=dt.date.today(),
            branch="本庁舎",
            office="登米市役所",
            staff="bench",
            event_id="tennyu",
        )
        for key, value in answers.items():
            prefiller.answer(visit, key, value)
        visit.set_resident(resident)
        forms = prefiller.forms(visit)
        rendered = render_bundle(forms, visit, out)
        return (sum(r.pages for r in rendered),
                sum(len(f.fields) + len(f.procedure.statics) for f in forms),
                [codes.payload(f, visit) for f in forms],
                {f.procedure.id: len(codes.layout(codes.payload(f, visit), f.procedure, fonts.gothic))
                 for f in forms})

    def bare_run(out: Path, pages: int, strings: int, payloads: list[str]) -> None:
        """The same output as the app: one file per application, a label, a box and a
        value for each field and note, and the application's 2-D code."""
        per_page = max(1, strings // pages)
        for page in range(pages):
            canvas = Canvas(str(out / f"bare{page}.pdf"), pagesize=A4, pageCompression=1)
            if payloads:
                qr = segno.make_qr(payloads[page % len(payloads)], error="m", boost_error=False)
                for r, row in enumerate(qr.matrix_iter(border=0)):
                    for col, dark in enumerate(row):
                        if dark:
                            canvas.rect(40 + col, 200 - r, 1, 1, stroke=0, fill=1)
            canvas.setFont(fonts.mincho, 17)
            canvas.drawCentredString(297, 800, "住民票の写し等交付申請書")
            for i in range(per_page):
                y = 780 - (i % 60) * 12
                canvas.setFont(fonts.gothic, 6.5)
                canvas.rect(40, y - 10, 500, 12)
                canvas.drawString(42, y - 2, f"項目{i} 窓口に来た方の住所")
                canvas.setFont(fonts.mincho, 10.5)
                canvas.drawString(
                    120, y - 8, f"宮城県登米市迫町佐沼字中江二丁目6番地1 登米太郎 {page}"
                )
            canvas.showPage()
            canvas.save()

    def measure(tmp: Path, payloads: list[str], pages: int, strings: int) -> tuple[float, float]:
        app_t, bare_t = [], []
        for i in range(runs):
            t = time.perf_counter()
            bare_run(tmp, pages, strings, payloads)
            bare_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            app_run(tmp / f"r{i}-{len(payloads)}")
            app_t.append(time.perf_counter() - t)
        return statistics.median(app_t), statistics.median(bare_t)

    with tempfile.TemporaryDirectory() as tmp:
        pages, strings, payloads, per_form = app_run(Path(tmp) / "warm")
        a, b = measure(Path(tmp), payloads, pages, strings)
        real_draw = render.draw_codes
        render.draw_codes = lambda *args, **kw: 0  # type: ignore[assignment]
        try:
            a0, b0 = measure(Path(tmp), [], pages, strings)
        finally:
            render.draw_codes = real_draw  # type: ignore[assignment]
    return {"pages": pages, "strings_and_boxes": strings, "codes_per_page": per_form, "bare_reportlab_s": round(b, 3),
            "app_prefill_to_pdfs_s": round(a, 3), "ratio": round(a / b, 2),
            "without_2d_codes": {"bare_reportlab_s": round(b0, 3), "app_s": round(a0, 3),
                                 "ratio": round(a0 / b0, 2)}}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        result = {
            "start": bench_start(args.runs, data_dir),
            "rss": bench_rss(data_dir),
            "bundle": bench_bundle(args.runs, data_dir),
            "goals": {"start_ratio": 1.5, "bundle_ratio": 2.0, "rss_mb": 250},
        }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
