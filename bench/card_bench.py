"""Card read through the app vs a bare pyscard script, whole processes, same virtual card.

Runs the virtual card (sample profile) on the vpcd reader inside this process, then times
`python -m tome_window card read --pin-stdin --json` and `python bench/bare_read.py`
alternately, several runs each, counting the APDUs each run sends (in the virtual card).
Prints JSON: median wall times, ratio (app / bare), APDU counts. Needs pcscd + vpcd
(bash scripts/pcscd.sh). Usage: .venv/bin/python bench/card_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tome_window.devices.virtual_card import CardProfile, VirtualMyNumberCard  # noqa: E402
from tome_window.devices.vpcd import VpcdCardServer  # noqa: E402

COMMANDS = {
    "app": [sys.executable, "-m", "tome_window", "card", "read", "--pin-stdin", "--json"],
    "bare": [sys.executable, str(REPO / "bench" / "bare_read.py")],
}


def wait_present(timeout: float = 10.0) -> None:
    from smartcard import scard

    _, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        hr, states = scard.SCardGetStatusChange(ctx, 0, [("Virtual PCD 00 00", 0)])
        if hr == 0 and states[0][1] & scard.SCARD_STATE_PRESENT:
            return
        time.sleep(0.05)
    raise SystemExit("the virtual card did not appear on Virtual PCD 00 00 (run scripts/pcscd.sh)")


def run_once(card: VirtualMyNumberCard, which: str) -> tuple[float, int, str]:
    card.load(card.profile)  # fresh card state (tries, verification) for each run
    start = time.perf_counter()
    result = subprocess.run(
        COMMANDS[which], input="1234\n", capture_output=True, text=True, cwd=REPO, timeout=60
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{which} failed: {result.stdout} {result.stderr}")
    return elapsed, card.apdu_count, result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--latency-ms",
        type=float,
        nargs="*",
        default=[0.0, 40.0],
        help="per-APDU card latency to simulate (0 = raw vpcd; 40 = a real reader)",
    )
    args = parser.parse_args()
    # An installed program runs from bytecode, as pyscard here does; without this the app
    # would be compiled from source on every run when PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(str(REPO / "tome_window"), quiet=1)
    card = VirtualMyNumberCard(CardProfile.load(REPO / "devices" / "cards" / "sample.json"))
    server = VpcdCardServer(card).start()
    try:
        wait_present()
        results = [bench(card, args.runs, latency) for latency in args.latency_ms]
    finally:
        server.stop()
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def bench(card: VirtualMyNumberCard, runs: int, latency_ms: float) -> dict[str, object]:
    card.profile.apdu_delay_ms = latency_ms
    times: dict[str, list[float]] = {"app": [], "bare": []}
    apdus: dict[str, set[int]] = {"app": set(), "bare": set()}
    outputs: dict[str, str] = {}
    for which in ("app", "bare"):  # warm-up (page cache, .pyc), not timed
        run_once(card, which)
    for _ in range(runs):
        for which in ("app", "bare"):
            elapsed, count, out = run_once(card, which)
            times[which].append(elapsed)
            apdus[which].add(count)
            outputs[which] = out
    app, bare = statistics.median(times["app"]), statistics.median(times["bare"])
    return {
        "apdu_latency_ms": latency_ms,
        "runs": runs,
        "app_median_s": round(app, 4),
        "bare_median_s": round(bare, 4),
        "ratio": round(app / bare, 3),
        "app_apdus": sorted(apdus["app"]),
        "bare_apdus": sorted(apdus["bare"]),
        "same_output": json.loads(outputs["app"]) == json.loads(outputs["bare"]),
        "goal": "ratio <= 1.2 and app_apdus <= bare_apdus",
        "met": app / bare <= 1.2 and max(apdus["app"]) <= min(apdus["bare"]),
    }


if __name__ == "__main__":
    sys.exit(main())
