"""Free-text translation through the app vs bare CTranslate2, same model, one run; GUI stalls.

Builds a model offline with tests/translation/tiny_model.py: by default of realistic size
(Transformer base: 6+6 layers, d_model 512, 8 heads, FFN 2048, 16k vocabulary, int8 as
argos ships them) with small random weights, so each decoding step costs what a trained
model's would. It then times, alternately, one sentence and a 10-sentence paragraph through
`TranslationService.translate` (splitting, tokenizer, CTranslate2, decoding) and through a
bare script (SentencePiece + `Translator.translate_batch` with the same options on the
already-split sentences). Last, it opens the AskStaffPanel offscreen with a fresh service
and a 5 ms QTimer on the GUI thread, and records the longest gap between ticks while the
panel checks the language, warms the models up and translates the paragraph, all through
`run_task`. The panel's first paint happens before the clock starts and is reported apart:
it is the GUI's own work (fonts, widgets), the same with or without translation.

Prints JSON. Goals: app/bare ≤ 1.2 for both, longest GUI gap ≤ 50 ms.
Usage: .venv/bin/python bench/translate_bench.py [--runs N] [--small]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.translation.tiny_model import Size, build_package  # noqa: E402
from tome_window.services.translation import TranslationService  # noqa: E402
from tome_window.services.translation.engine import DECODE_OPTIONS  # noqa: E402

SENTENCES = [
    "住民票の写しを一枚ください。",
    "転入の手続きはどこですか？",
    "マイナンバーカードを持っています！",
    "窓口で職員に聞いてください。",
    "子どもの手当の申請もしたいです。",
    "印鑑は持ってきていません。",
    "今日中に終わりますか？",
    "家族の分も一緒にお願いします。",
    "引っ越しは先週でした。",
    "ありがとうございました！",
]
PARAGRAPH = "".join(SENTENCES)
OUTPUT = "I would like a copy of my residence certificate, please."
BASE = Size(d_model=512, heads=8, ffn=2048, layers=6, vocab=16000, noise=0.02,
            quantization="int8")
SMALL = Size(d_model=128, heads=4, ffn=256, layers=2, vocab=2000, noise=0.02)


class Bare:
    """What a developer would write with CTranslate2 alone: no splitting, no service."""

    def __init__(self, package_dir: Path) -> None:
        import ctranslate2
        import sentencepiece as spm

        self.translator = ctranslate2.Translator(str(package_dir / "model"), device="cpu",
                                                 inter_threads=1, intra_threads=0)
        self.sp = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))

    def translate(self, sentences: list[str]) -> str:
        tokens = self.sp.encode(sentences, out_type=str)
        results = self.translator.translate_batch(tokens, **DECODE_OPTIONS)
        return self.sp.decode_pieces([t for r in results for t in r.hypotheses[0]])


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def time_pair(service: TranslationService, bare: Bare, runs: int) -> dict[str, Any]:
    cases = {"sentence": (SENTENCES[0], [SENTENCES[0]]), "paragraph": (PARAGRAPH, SENTENCES)}
    out: dict[str, Any] = {}
    for name, (text, split) in cases.items():
        app_t: list[float] = []
        bare_t: list[float] = []
        service.translate(text, "ja", "en")  # first calls allocate; not what residents wait for
        bare.translate(split)
        for i in range(runs):
            for which in (("app", "bare") if i % 2 == 0 else ("bare", "app")):  # ABBA order
                start = time.perf_counter()
                if which == "app":
                    app_out = service.translate(text, "ja", "en")
                    app_t.append(time.perf_counter() - start)
                else:
                    bare_out = bare.translate(split)
                    bare_t.append(time.perf_counter() - start)
        out[name] = {
            "app_ms": _median_ms(app_t), "bare_ms": _median_ms(bare_t),
            "ratio": round(statistics.median(app_t) / statistics.median(bare_t), 3),
            "same_output": app_out.replace(" ", "") == bare_out.replace(" ", ""),
        }
    return out


def run_until(condition: Callable[[], bool], timeout_s: float) -> None:
    """Run the GUI's event loop until condition() holds.

    A QEventLoop rather than a processEvents() loop: with PySide6 on Python 3.11 each
    processEvents() call drops one reference to None, and a busy loop soon aborts.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    poll = QTimer()
    poll.setInterval(1)

    def check() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()


def gui_stall(models_dir: Path, timeout_s: float = 120.0) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from tome_window.views import tasks
    from tome_window.views.ask_staff import AskStaffPanel

    _app = QApplication.instance() or QApplication([])  # kept alive for the whole measurement
    service = TranslationService(models_dir)  # fresh: the warm-up is measured too
    panel = AskStaffPanel(service)
    # First show and paint (fonts, widgets) is the GUI's own work, not translation: settle it
    # with Japanese, which needs no model, before the clock starts.
    start = time.perf_counter()
    panel.show()
    run_until(lambda: panel._available is True, timeout_s)
    settle_until = time.monotonic() + 0.3
    run_until(lambda: time.monotonic() > settle_until, timeout_s)
    first_show_ms = round((time.perf_counter() - start) * 1000 - 300, 1)
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    done: list[str] = []

    def shown(text: str) -> None:  # a Python slot: PySide6 mis-counts bound builtins as slots
        done.append(text)

    panel.shown_to_staff.connect(shown)
    panel.set_language("en")  # availability check and warm-up on workers, as at the counter
    run_until(lambda: len(service.loaded_pairs()) == 2 or panel._available is False, timeout_s)
    if not panel._available:
        raise SystemExit(f"the panel cannot translate: {panel.staff_status.text()}")
    warm_ticks = len(gaps)
    panel.resident_input.setPlainText(PARAGRAPH)
    panel.show_button.click()
    run_until(lambda: bool(done), timeout_s)
    timer.stop()
    tasks.wait_all(10000)
    if not done:
        raise SystemExit(f"the panel did not translate: {panel.staff_status.text()}")
    return {
        "max_gap_ms": round(max(gaps), 1),
        "max_gap_warm_up_ms": round(max(gaps[:warm_ticks] or [0]), 1),
        "max_gap_translate_ms": round(max(gaps[warm_ticks:] or [0]), 1),
        "ticks": len(gaps), "timer_interval_ms": 5,
        "first_show_ms_not_counted": first_show_ms,
    }


def reversed_copy(package: Path, out: Path) -> Path:
    """The same weights declared as en→ja, so the panel has both directions it needs."""
    import zipfile

    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("/metadata.json"):
                meta = json.loads(data)
                meta.update(from_code="en", to_code="ja")
                data = json.dumps(meta).encode()
            zout.writestr(item.filename.replace("ja_en", "en_ja"), data)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=16)
    parser.add_argument("--small", action="store_true", help="a small model (quick check)")
    args = parser.parse_args()
    size = SMALL if args.small else BASE
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        package = build_package(work / "ja_en.argosmodel", "ja", "en", size=size, output=OUTPUT)
        build_s = time.perf_counter() - start
        service = TranslationService(work / "models")
        info = service.install(package)
        service.install(reversed_copy(package, work / "en_ja.argosmodel"))
        service.warm_up(["en"])
        bare = Bare(info.path)
        timings = time_pair(service, bare, args.runs)
        stall = gui_stall(work / "models")
        model_mb = (info.path / "model" / "model.bin").stat().st_size / 1e6
    ratio = max(timings["sentence"]["ratio"], timings["paragraph"]["ratio"])
    result = {
        "model": {"d_model": size.d_model, "layers": size.layers, "heads": size.heads,
                  "ffn": size.ffn, "vocab": size.vocab, "quantization": size.quantization,
                  "model_bin_mb": round(model_mb, 1), "build_s": round(build_s, 1),
                  "output_pieces_per_sentence": "fixed sentence of ~50 characters"},
        "runs": args.runs, "cpu_count": os.cpu_count(),
        **timings,
        "gui": stall,
        "goal": {"ratio_max": 1.2, "gui_gap_max_ms": 50},
        "ok": ratio <= 1.2 and stall["max_gap_ms"] <= 50,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
