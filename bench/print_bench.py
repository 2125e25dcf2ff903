"""Print path through the app vs bare `lp`, same PDFs, same CUPS queue (cups-pdf).

The app's path is PrintService.print_pdfs as the 印刷 button runs it: check the printer's
state, one `lp` per application, then watch the queue briefly so that a printer failing at
once is reported at the counter. The baseline is bare `lp` of the same files, one call per
file: a single multi-file `lp` call makes cups-pdf write only the first document, so it would
not print the same pages. Two times per run: until the spooler has accepted every job (the
call returns), and until cups-pdf has written every file (the paper would be coming out).

Prints JSON: medians over the runs and the ratios app / bare. Needs cupsd and the
TomeWindowPDF queue (bash scripts/cups.sh). Usage: .venv/bin/python bench/print_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUEUE = "TomeWindowPDF"
C_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C"}


def make_bundle(out: Path) -> list[Path]:
    """The 転入 bundle (three applications) from the test data, in a throwaway data folder."""
    os.environ["TOME_WINDOW_DATA_DIR"] = str(out / "data")
    os.environ["TOME_WINDOW_CONFIG"] = str(out / "no-config.toml")
    from tome_window.domain.resident import Resident
    from tome_window.services.visits import VisitService

    data = REPO / "tests" / "data"
    service = VisitService.open()
    visit = service.new_visit(event_id="tennyu")
    for key, value in json.loads((data / "answers_tennyu.json").read_text("utf-8")).items():
        service.answer(visit, key, value)
    resident = json.loads((data / "resident_tennyu.json").read_text("utf-8"))
    service.set_resident(visit, Resident.from_json(resident, source="file"))
    paths = service.export(visit, {"pdf"}, out / "pdf", allow_incomplete=True).pdfs
    service.store.close()
    return paths


def out_dir() -> Path:
    text = Path("/etc/cups/cups-pdf.conf").read_text("utf-8", errors="replace")
    m = re.search(r"^Out\s+(\S+)\s*$", text, re.M)
    return Path(m.group(1)) if m and "$" not in m.group(1) else Path("/var/spool/cups-pdf/ANONYMOUS")


def wait_written(job_ids: list[str], folder: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    pending = {j.rsplit("-", 1)[1] for j in job_ids}
    while pending and time.monotonic() < deadline:
        for number in list(pending):
            if any(folder.glob(f"*-job_{number}.pdf")):
                pending.discard(number)
        time.sleep(0.005)
    if pending:
        raise SystemExit(f"cups-pdf wrote nothing for jobs {sorted(pending)} in {folder}")
    for number in {j.rsplit("-", 1)[1] for j in job_ids}:
        for path in folder.glob(f"*-job_{number}.pdf"):
            path.unlink(missing_ok=True)


def run_app(paths: list[Path], settle: bool) -> tuple[float, list[str]]:
    from tome_window.services.printing import PrintService

    service = PrintService(QUEUE) if settle else PrintService(QUEUE, accept_wait_s=0.0)
    t0 = time.perf_counter()
    jobs = service.print_pdfs(paths, label="bench")
    return time.perf_counter() - t0, [j.job_id or "" for j in jobs]


def run_bare(paths: list[Path]) -> tuple[float, list[str]]:
    t0 = time.perf_counter()
    ids = []
    for path in paths:
        proc = subprocess.run(["lp", "-d", QUEUE, "-t", f"bare-{path.stem}", str(path)],
                              capture_output=True, text=True, env=C_ENV, check=True)
        ids.append(re.search(r"request id is (\S+) ", proc.stdout).group(1))  # type: ignore[union-attr]
    return time.perf_counter() - t0, ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    status = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True, env=C_ENV)
    if status.returncode != 0:
        print(json.dumps({"error": f"queue {QUEUE} missing: run bash scripts/cups.sh"}))
        return 1
    folder = out_dir()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_bundle(Path(tmp))
        kinds = {"app": lambda: run_app(paths, True), "app_no_settle": lambda: run_app(paths, False),
                 "bare": lambda: run_bare(paths)}
        times: dict[str, dict[str, list[float]]] = {k: {"accepted": [], "written": []} for k in kinds}
        for _ in range(args.runs):
            for kind, fn in kinds.items():
                t0 = time.perf_counter()
                accepted, ids = fn()
                wait_written(ids, folder)
                times[kind]["accepted"].append(accepted)
                times[kind]["written"].append(time.perf_counter() - t0)
    medians = {k: {m: round(statistics.median(v) * 1000, 1) for m, v in d.items()}
               for k, d in times.items()}
    result = {
        "files": len(paths), "runs": args.runs, "queue": QUEUE, "median_ms": medians,
        "ratio_accepted": round(medians["app"]["accepted"] / medians["bare"]["accepted"], 2),
        "ratio_written": round(medians["app"]["written"] / medians["bare"]["written"], 2),
        "ratio_accepted_no_settle": round(medians["app_no_settle"]["accepted"]
                                          / medians["bare"]["accepted"], 2),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
