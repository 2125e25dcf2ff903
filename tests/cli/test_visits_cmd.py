"""`tome-window visits list | head -1`: a reader that goes away early is no error to report."""

import subprocess
import sys
from pathlib import Path

from tome_window.services.storage import open_store

EXE = Path(sys.executable).with_name("tome-window")


def test_list_into_a_closed_pipe_prints_no_traceback() -> None:
    store = open_store()
    for _ in range(3):
        store.save_visit(store.new_visit_id(), branch="本庁舎", staff="t", status="open",
                         event_id=None, procedure_ids=["juminhyo_koufu"], payload={})
    store.close()
    # the reader is gone before anything is written, as `| head -1` is once it has its line
    proc = subprocess.Popen([str(EXE), "visits", "list"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert proc.returncode == 1


def test_list_into_head_prints_one_line() -> None:
    store = open_store()
    for _ in range(3):
        store.save_visit(store.new_visit_id(), branch="本庁舎", staff="t", status="open",
                         event_id=None, procedure_ids=["juminhyo_koufu"], payload={})
    store.close()
    out = subprocess.run(f"'{EXE}' visits list | head -1", shell=True, capture_output=True,
                         text=True, check=True)
    assert len(out.stdout.splitlines()) == 1 and "juminhyo_koufu" in out.stdout
    assert "Traceback" not in out.stderr, out.stderr
