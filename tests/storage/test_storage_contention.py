"""Several counter processes saving into one SQLite file wait for each other instead of failing.

Ten real OS processes open the same file through `open_store`, report that they are ready,
and are released together, so their saves really overlap. With a deferred `BEGIN` a save's
read (does the visit exist?) took a snapshot that a neighbour's commit made stale, and the
upgrade to a write failed at once with "database is locked"; the busy timeout never helped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tome_window.services.config import Settings
from tome_window.services.storage import open_store

PROCESSES = 10
SAVES = 15  # per process: one insert, then updates of the same visit, as the GUI does

WORKER = r"""
import json, sys
from pathlib import Path
from tome_window.services.config import Settings
from tome_window.services.storage import StorageError, open_store

data_dir, url, saves = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = open_store(Settings(data_dir=data_dir, db_url=url, retention_days=30))
print("ready", flush=True)
sys.stdin.readline()  # released together with the other processes
ok, failed = 0, []
vid = store.new_visit_id()
for step in range(saves):
    try:
        store.save_visit(vid, branch="本庁舎", staff="counter", status="open", event_id=None,
                         procedure_ids=["inkan_touroku"], payload={"step": step})
        ok += 1
    except StorageError as exc:
        failed.append(exc.message_en)
store.close()
print(json.dumps({"visit": vid, "ok": ok, "failed": failed}), flush=True)
"""


def test_ten_processes_saving_into_one_file_all_succeed(sqlite_settings: Settings) -> None:
    open_store(sqlite_settings).close()  # the file, schema and key exist, as at a counter
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen(
        [sys.executable, "-c", WORKER, str(sqlite_settings.data_dir), sqlite_settings.db_url,
         str(SAVES)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env) for _ in range(PROCESSES)]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line.strip() == "ready", proc.communicate(timeout=60)
        for proc in procs:  # release everyone at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    failures = [f for r in results for f in r["failed"]]
    assert failures == []
    assert [r["ok"] for r in results] == [SAVES] * PROCESSES
    with open_store(sqlite_settings) as store:
        stored = {v.id for v in store.list_visits(limit=PROCESSES * 2)}
        assert stored == {r["visit"] for r in results}
        for r in results:
            assert store.load_visit(r["visit"])[1] == {"step": SAVES - 1}
