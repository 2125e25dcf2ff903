"""PrintService against the real CUPS spooler and the cups-pdf virtual printer."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from tests.printing.conftest import QUEUE, assert_same_pages, cpath, sh, wait_for_output
from tome_window.services.printing import PrintError, PrintService, job_title, parse_status

JAPANESE = ("プリンター", "印刷")


def test_prints_the_applications_and_the_pages_match(queue: str, cups_ready: Path,
                                                     application, tmp_path: Path) -> None:  # noqa: ANN001
    visit_id, paths = application
    jobs = PrintService(queue).print_pdfs(paths, label=visit_id[:8])
    assert [j.path for j in jobs] == [p.resolve() for p in paths]
    assert all(j.job_id and j.job_id.startswith(f"{QUEUE}-") and j.printer == QUEUE for j in jobs)
    outputs = []
    for job in jobs:
        assert job.title.startswith(f"tome-{visit_id[:8]}-") and job.title.isascii()
        printed = wait_for_output(cups_ready, job.job_id or "")
        assert_same_pages(job.path, printed, tmp_path / "cmp" / job.path.stem)
        outputs.append(printed)
    with pytest.raises(AssertionError):  # the comparison does tell two forms apart
        assert_same_pages(jobs[0].path, outputs[1], tmp_path / "cmp" / "wrong")
    for printed in outputs:
        printed.unlink()


def test_missing_printer(queue: str, application) -> None:  # noqa: ANN001
    with pytest.raises(PrintError) as info:
        PrintService("TomeWindowNoSuchPrinter").print_pdfs(application[1])
    assert info.value.code == "missing"
    assert "TomeWindowNoSuchPrinter" in info.value.message_ja and "見つかりません" in info.value.message_ja


def test_printer_off_then_on_prints_again(queue: str, cups_ready: Path, application) -> None:  # noqa: ANN001
    service = PrintService(queue)
    sh(cpath("cupsdisable"), "-r", "power off", queue, check=True)
    with pytest.raises(PrintError) as info:
        service.print_pdfs(application[1][:1])
    assert info.value.code == "off" and "停止しています" in info.value.message_ja
    assert "もう一度" in info.value.message_ja  # the visit stays open and can be printed again
    assert sh("lpstat", "-W", "not-completed", "-o", queue).stdout.strip() == ""  # nothing queued
    sh(cpath("cupsenable"), queue, check=True)
    jobs = service.print_pdfs(application[1][:1])
    wait_for_output(cups_ready, jobs[0].job_id or "").unlink()


def test_rejecting_jobs(queue: str, application) -> None:  # noqa: ANN001
    sh(cpath("cupsreject"), "-r", "maintenance", queue, check=True)
    with pytest.raises(PrintError) as info:
        PrintService(queue).print_pdfs(application[1][:1])
    assert info.value.code == "rejecting" and "受け付けていません" in info.value.message_ja


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_spooler_not_reachable(queue: str, application) -> None:  # noqa: ANN001
    env = {**os.environ, "CUPS_SERVER": f"127.0.0.1:{_unused_port()}"}
    service = PrintService(queue, env=env)
    for call in (lambda: service.print_pdfs(application[1]), service.printers,
                 lambda: PrintService(env=env).printer_name()):
        with pytest.raises(PrintError) as info:
            call()
        assert info.value.code == "spooler_down" and "CUPS" in info.value.message_ja


def test_lp_not_installed(tmp_path: Path, application) -> None:  # noqa: ANN001
    service = PrintService("Any", env={**os.environ, "PATH": str(tmp_path)})
    with pytest.raises(PrintError) as info:
        service.print_pdfs(application[1])
    assert info.value.code == "no_lp" and "lp" in info.value.message_ja


def _fake_tools(tmp_path: Path, lpstat_output: str) -> dict[str, str]:
    """An lpstat that reports a given state, and an lp that must not be called."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "lpstat.txt").write_text(lpstat_output, encoding="utf-8")
    scripts = {"lpstat": f"#!/bin/sh\ncat '{tmp_path / 'lpstat.txt'}'\n",
               "lp": f"#!/bin/sh\ntouch '{tmp_path / 'lp-called'}'\nexit 1\n"}
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(body, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}


NO_PAPER = """scheduler is running
system default destination: Counter1
Counter1 accepting requests since Sun Nov 22 15:42:08 2026
printer Counter1 is idle.  enabled since Sun Nov 22 15:42:08 2026
\tMedia tray empty
\tForm mounted:
\tDescription: Counter printer
\tAlerts: media-empty-error marker-supply-low-warning
\tLocation:
"""


def test_out_of_paper_from_printer_state_reasons(tmp_path: Path, application) -> None:  # noqa: ANN001
    service = PrintService(env=_fake_tools(tmp_path, NO_PAPER))
    [info] = service.printers()
    assert info.name == "Counter1" and info.is_default and info.problem() == "no_paper"
    assert info.message == "Media tray empty" and info.state_ja() == "用紙切れ"
    with pytest.raises(PrintError) as err:
        service.print_pdfs(application[1])
    assert err.value.code == "no_paper" and "用紙がありません" in err.value.message_ja
    assert not (tmp_path / "lp-called").exists()


@pytest.mark.parametrize(("alerts", "code"), [
    ("media-jam-error", "jam"), ("door-open-error", "cover_open"), ("toner-empty", "no_toner"),
    ("offline-report", "off"), ("toner-low-warning", None), ("none", None)])
def test_state_reasons_map_to_messages(alerts: str, code: str | None) -> None:
    status = parse_status(NO_PAPER.replace("media-empty-error marker-supply-low-warning", alerts))
    assert status.printers["Counter1"].problem() == code


def test_no_printer_configured_and_no_default(tmp_path: Path) -> None:
    env = _fake_tools(tmp_path, NO_PAPER.replace("system default destination: Counter1",
                                                 "no system default destination"))
    with pytest.raises(PrintError) as err:
        PrintService(env=env).printer_name()
    assert err.value.code == "no_printer" and all(w in err.value.message_ja for w in JAPANESE)


def test_default_destination_is_used(queue: str) -> None:
    service = PrintService(env={**os.environ, "LPDEST": queue})
    assert service.printer_name() == queue
    assert any(p.name == queue and p.problem() is None for p in service.printers())


def test_titles_never_carry_personal_data() -> None:
    title = job_title("3f2a9c1e", Path("/tmp/01_登米　太郎.pdf"))
    assert title.isascii() and "3f2a9c1e" in title and " " not in title


def test_print_command_template(queue: str, cups_ready: Path, application, tmp_path: Path) -> None:  # noqa: ANN001
    """The Windows way (a configured command per file), exercised here with lp itself."""
    before = set(cups_ready.glob("*.pdf"))
    service = PrintService(queue, print_command="lp -d {printer} -n {copies} -t {title} {file}")
    [job] = service.print_pdfs(application[1][:1], label="cmdtest")
    assert job.state == "submitted" and job.job_id is None
    import time

    deadline = time.monotonic() + 20
    while not (new := set(cups_ready.glob("tome-cmdtest-*.pdf")) - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert new
    for path in new:
        path.unlink()
    with pytest.raises(PrintError) as err:
        PrintService(queue, print_command="false {file}").print_pdfs(application[1][:1])
    assert err.value.code == "command_failed"
    with pytest.raises(PrintError) as err:
        PrintService(queue, print_command="/no/such/SumatraPDF.exe -print-to {printer} {file}"
                     ).print_pdfs(application[1][:1])
    assert err.value.code == "no_command" and "print_command" in err.value.message_ja


def test_missing_file_is_reported(queue: str, tmp_path: Path) -> None:
    with pytest.raises(PrintError) as err:
        PrintService(queue).print_pdfs([tmp_path / "gone.pdf"])
    assert err.value.code == "no_file" and "作り直して" in err.value.message_ja
