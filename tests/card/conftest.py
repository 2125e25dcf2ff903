"""Fixtures for the real card stack: pcscd + vsmartcard-vpcd + pyscard + the virtual card.

One virtual card stays "on" reader Virtual PCD 00 00 for the whole session; each test puts
a fresh profile on it (``vcard.load("blocked")``), which resets its PIN counter and state.
When pcscd or vpcd is missing, tests marked ``card`` skip with the reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import need

REPO = Path(__file__).resolve().parents[2]
CARDS = REPO / "devices" / "cards"
READER = "Virtual PCD 00 00"
EMPTY_READER = "Virtual PCD 00 01"
VPCD_PORT = int(os.environ.get("TOME_VPCD_PORT", "35963"))


def _pcsc_problem() -> str | None:
    try:
        from smartcard import scard
    except ImportError as exc:
        return f"pyscard is not installed ({exc})"
    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return f"pcscd is not reachable: {scard.SCardGetErrorMessage(hresult)}"
    try:
        hresult, names = scard.SCardListReaders(ctx, [])
        if hresult != scard.SCARD_S_SUCCESS or READER not in names:
            return f"vpcd reader '{READER}' not present (install vsmartcard-vpcd, run scripts/pcscd.sh)"
    finally:
        scard.SCardReleaseContext(ctx)
    return None


@pytest.fixture(scope="session")
def pcsc_ready() -> None:
    problem = _pcsc_problem()
    if problem:
        subprocess.run(
            ["bash", str(REPO / "scripts" / "pcscd.sh")],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
        problem = _pcsc_problem()
    if problem:
        need(problem)


def card_on_reader(reader: str = READER) -> bool:
    from smartcard import scard

    _, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    try:
        hresult, states = scard.SCardGetStatusChange(ctx, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        return hresult == 0 and bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(ctx)


def wait_for(predicate, timeout: float = 8.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


class VirtualCardFixture:
    """The session's virtual card, with helpers to swap profiles and pull/replace it."""

    def __init__(self) -> None:
        from tome_window.devices.virtual_card import CardProfile, VirtualMyNumberCard
        from tome_window.devices.vpcd import VpcdCardServer

        self.card = VirtualMyNumberCard(CardProfile.load(CARDS / "sample.json"))
        self.server = VpcdCardServer(self.card, port=VPCD_PORT).start()

    def profile(self, name: str):  # noqa: ANN201
        from tome_window.devices.virtual_card import CardProfile

        return CardProfile.load(CARDS / f"{name}.json")

    def load(self, name: str, **overrides: object) -> None:
        profile = self.profile(name)
        for key, value in overrides.items():
            setattr(profile, key, value)
        old_atr = self.card.atr
        self.card.load(profile)
        if profile.atr_bytes != old_atr and self.present():
            self.remove()  # pcscd caches the ATR per insertion: re-insert for a new one
        self.insert()

    def present(self) -> bool:
        return self.server.connected and card_on_reader()

    def insert(self) -> None:
        self.server.insert()
        assert wait_for(lambda: self.server.connected and card_on_reader()), (
            "card not seen by pcscd"
        )

    def remove(self) -> None:
        self.server.remove()
        assert wait_for(lambda: not card_on_reader()), "pcscd still sees the card"


@pytest.fixture(scope="session")
def _vcard_session(pcsc_ready: None) -> Iterator[VirtualCardFixture]:
    fixture = VirtualCardFixture()
    fixture.insert()
    yield fixture
    fixture.server.stop()


@pytest.fixture
def vcard(_vcard_session: VirtualCardFixture) -> Iterator[VirtualCardFixture]:
    _vcard_session.load("sample")
    yield _vcard_session


def run_cli(
    *args: str, pin: str | None = "1234", env: dict[str, str] | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    """`tome-window ARGS` as a separate process, PIN on stdin (the documented way)."""
    full_env = dict(os.environ)
    full_env.pop("QT_QPA_PLATFORM", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tome_window", *args],
        input=None if pin is None else pin + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=REPO,
        env=full_env,
    )
