"""Benchmark of exporting visits, run on demand (not part of the test suite).

Creates 100 visits through the service (each with the 転入 answers and several procedures)
in a temporary data folder, then exports every one as PDF + JSON + CSV, and compares with
bare reportlab drawing the same number of pages, each with as many strings and boxes and one
QR code made by bare segno and drawn as rectangles; fonts registered beforehand in both.
Medians over runs, printed as JSON with the ratio.

    .venv/bin/python bench/export_bench.py [--visits 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
PROCEDURES = ["juumin_idou", "juminhyo_koufu", "kokuho_shikaku", "jidou_teate", "inkan_touroku"]


def make_visits(service, count: int) -> list[str]:  # noqa: ANN001
    from tome_window.domain.resident import Resident

    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    answers = json.loads((DATA / "answers_tennyu.json").read_text(encoding="utf-8"))
    ids = []
    for _ in range(count):
        visit = service.new_visit(procedure_ids=PROCEDURES)
        for key, value in answers.items():
            service.answer(visit, key, value)
        service.set_resident(visit, Resident.from_json(resident, source="file"))
        ids.append(visit.id)
    return ids


def bench_export(service, ids: list[str], out: Path) -> tuple[float, int, int]:  # noqa: ANN001
    start = time.perf_counter()
    files = 0
    for vid in ids:
        files += len(service.export(service.load(vid), {"pdf", "json", "csv"}, out / vid).files)
    elapsed = time.perf_counter() - start
    pages = sum(1 for _ in out.rglob("*.pdf"))
    return elapsed, files, pages


def bench_bare(pages: int, out: Path, strings: int, payload: str) -> float:
    """Bare reportlab: one file per page, `strings` strings and boxes, one segno QR each."""
    import segno
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from tome_window.services.pdf.fonts import load_fonts

    font = load_fonts().mincho
    start = time.perf_counter()
    for i in range(pages):
        c = Canvas(str(out / f"bare{i}.pdf"), pagesize=A4, pageCompression=1)
        c.setFont(font, 10.5)
        for s in range(strings):
            y = 280 - (s % 40) * 6.5
            c.rect(15 * mm, y * mm, 90 * mm, 6 * mm)
            c.drawString(17 * mm, (y + 1.5) * mm, f"登米市迫町佐沼 {s}")
        qr = segno.make_qr(payload, error="m", mode="byte", encoding="utf-8", eci=True)
        path = c.beginPath()
        for r, row in enumerate(qr.matrix_iter(border=0)):
            for col, dark in enumerate(row):
                if dark:
                    path.rect((20 + col * 0.35) * mm, (60 - r * 0.35) * mm, 0.35 * mm, 0.35 * mm)
        c.drawPath(path, stroke=0, fill=1)
        c.showPage()
        c.save()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["TOME_WINDOW_DATA_DIR"] = str(root / "data")
        os.environ["TOME_WINDOW_CONFIG"] = str(root / "none.toml")
        sys.path.insert(0, str(REPO))
        from tome_window.services.pdf.codes import payload
        from tome_window.services.pdf.fonts import load_fonts
        from tome_window.services.visits import VisitService

        load_fonts()
        service = VisitService.open()
        t0 = time.perf_counter()
        ids = make_visits(service, args.visits)
        create = time.perf_counter() - t0
        visit = service.load(ids[0])
        forms = service.forms(visit)
        sample = payload(forms[0], visit)
        strings = round(sum(len(f.fields) for f in forms) / len(forms))
        ours, bare = [], []
        files = pages = 0
        for run in range(args.runs):
            elapsed, files, pages = bench_export(service, ids, root / f"out{run}")
            ours.append(elapsed)
            (root / f"bare{run}").mkdir()
            bare.append(bench_bare(pages, root / f"bare{run}", strings, sample))
        service.store.close()
    o, b = statistics.median(ours), statistics.median(bare)
    print(json.dumps({
        "visits": args.visits, "runs": args.runs, "create_visits_s": round(create, 2),
        "files": files, "pdf_pages": pages, "payload_bytes": len(sample.encode("utf-8")),
        "export_s": round(o, 2), "bare_reportlab_s": round(b, 2),
        "ms_per_page": round(o / pages * 1000, 1), "bare_ms_per_page": round(b / pages * 1000, 1),
        "ratio": round(o / b, 2),
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
