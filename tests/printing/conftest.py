"""Fixtures for printing through the real spooler: cupsd and the cups-pdf queue TomeWindowPDF.

scripts/cups.sh (run by scripts/test.sh) starts cupsd and creates the queue; when CUPS or
cups-pdf is missing the tests that need them skip with the reason. Printed pages are checked
by rendering them with pdftoppm and comparing pixels, because what matters is what comes out
of the printer, not which text objects a PDF holds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import need

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
QUEUE = "TomeWindowPDF"
# the sample 転入 (tests/data): a 41-year-old without employer insurance, two children
BUNDLE = ["01_juumin_idou.pdf", "02_kokuho_shikaku.pdf", "03_jidou_teate.pdf", "04_kodomo_iryou.pdf"]
C_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C"}


def sh(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, env=C_ENV, check=check,
                          timeout=20)


def _queue_problem() -> str | None:
    for tool in ("lp", "lpstat", "cupsenable", "cupsaccept", "pdftoppm"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"{tool} is not installed (Debian: cups cups-client cups-bsd poppler-utils)"
    if "scheduler is running" not in sh("lpstat", "-r").stdout:
        return "cupsd is not running (scripts/cups.sh starts it)"
    if sh("lpstat", "-p", QUEUE).returncode != 0:
        return f"print queue {QUEUE} is missing (scripts/cups.sh creates it; needs printer-driver-cups-pdf)"
    return None


def cups_pdf_out() -> Path:
    """Where cups-pdf writes, as /etc/cups/cups-pdf.conf says (scripts/cups.sh fixes it)."""
    conf = Path("/etc/cups/cups-pdf.conf")
    text = conf.read_text(encoding="utf-8", errors="replace") if conf.exists() else ""
    m = re.search(r"^Out\s+(\S+)\s*$", text, re.M)
    if not m or "$" in m.group(1):
        return Path("/var/spool/cups-pdf/ANONYMOUS")
    return Path(m.group(1))


@pytest.fixture(scope="session")
def cups_ready() -> Path:
    problem = _queue_problem()
    if problem:
        subprocess.run(["bash", str(REPO / "scripts" / "cups.sh")], check=False, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        problem = _queue_problem()
    if problem:
        need(problem)
    return cups_pdf_out()


def cpath(tool: str) -> str:
    return shutil.which(tool) or f"/usr/sbin/{tool}"


@pytest.fixture
def queue(cups_ready: Path) -> Iterator[str]:
    """The queue, enabled and accepting before and after each test.

    Jobs are not cancelled wholesale: every test waits for its own jobs, and a print that
    fails cancels its own, so another run sharing the queue keeps its jobs.
    """
    sh(cpath("cupsenable"), QUEUE)
    sh(cpath("cupsaccept"), QUEUE)
    yield QUEUE
    sh(cpath("cupsenable"), QUEUE)
    sh(cpath("cupsaccept"), QUEUE)


def wait_for_output(out_dir: Path, job_id: str, timeout: float = 20.0) -> Path:
    """cups-pdf names its file '<title>-job_<N>.pdf' (Label 2 in cups-pdf.conf)."""
    number = job_id.rsplit("-", 1)[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in out_dir.glob(f"*-job_{number}.pdf")]
        if found and sh("lpstat", "-W", "not-completed", "-o", QUEUE).stdout.find(job_id + " ") < 0:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"cups-pdf wrote no file for {job_id} in {out_dir} within {timeout}s")


def render_gray(pdf: Path, work: Path, dpi: int = 50) -> list[Path]:
    """Each page as a PGM image (pdftoppm), in page order."""
    work.mkdir(parents=True, exist_ok=True)
    prefix = work / pdf.stem[:20]
    sh("pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix), check=True)
    return sorted(work.glob(f"{prefix.name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def assert_same_pages(source: Path, printed: Path, work: Path, *, raster: bool = False) -> None:
    """Page count equal and every page nearly the same picture.

    Two rasterisers differ in anti-aliasing; a page that went through an image (the print
    dialog's path) also differs in stroke weight, so there the pages are compared blurred:
    the shapes must match, not their edges. Those pages are read at 75 dpi: at 50 dpi the
    2-D codes' modules alias against the dialog's 150 dpi raster and swamp the comparison.
    """
    from PIL import Image, ImageChops, ImageFilter, ImageStat

    dpi = 75 if raster else 50
    a = render_gray(source, work / "a", dpi)
    b = render_gray(printed, work / "b", dpi)
    assert len(a) == len(b) and a, (source.name, len(a), len(b))
    for pa, pb in zip(a, b, strict=True):
        ia, ib = Image.open(pa), Image.open(pb)
        assert abs(ia.width - ib.width) <= 2 and abs(ia.height - ib.height) <= 2, (ia.size, ib.size)
        assert ImageStat.Stat(ia).mean[0] < 254.5, "the source page is blank"
        ib = ib.resize(ia.size)
        if raster:
            ia, ib = ia.filter(ImageFilter.GaussianBlur(1.5)), ib.filter(ImageFilter.GaussianBlur(1.5))
        diff = ImageChops.difference(ia, ib)
        mean = ImageStat.Stat(diff).mean[0]
        ink = sum(diff.histogram()[48:]) / (ia.width * ia.height)
        limits = (10.0, 0.01) if raster else (4.0, 0.03)
        assert mean < limits[0] and ink < limits[1], (pa.name, mean, ink)


@pytest.fixture
def application(tmp_path: Path) -> tuple[str, list[Path]]:
    """A real 転入 bundle (four applications, BUNDLE) rendered by VisitService."""
    from tome_window.domain.resident import Resident
    from tome_window.services.visits import VisitService

    service = VisitService.open()
    try:
        visit = service.new_visit(event_id="tennyu")
        for key, value in json.loads((DATA / "answers_tennyu.json").read_text("utf-8")).items():
            service.answer(visit, key, value)
        resident = json.loads((DATA / "resident_tennyu.json").read_text("utf-8"))
        service.set_resident(visit, Resident.from_json(resident, source="file"))
        pdfs = service.export(visit, {"pdf"}, tmp_path / "pdf", allow_incomplete=True).pdfs
    finally:
        service.store.close()
    assert [p.name for p in pdfs] == BUNDLE
    return visit.id, pdfs
