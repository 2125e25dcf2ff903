"""A real, private OS key store for the tests: D-Bus session bus + GNOME Keyring.

The program keeps its data key in the OS key store (Secret Service on Linux). On a headless
Debian machine (CI, a developer's container) there is no login session, so the tests start
their own: a `dbus-daemon` with no service activation (nothing else can claim the name) and
`gnome-keyring-daemon --unlock` reading a throwaway password from stdin, its keyring files
in a temporary folder. Every process the tests start inherits DBUS_SESSION_BUS_ADDRESS, so
subprocess and multi-process tests use the same key store.

Tests never touch the developer's own keyring: the session fixture always points D-Bus at
the private bus. `another_machine` starts a second, independent key store, as on another
terminal. The daemons come from Debian's `dbus-daemon` and `gnome-keyring` (scripts/setup.sh).

Registered for the whole suite in tests/conftest.py (`pytest_plugins`), since every test that
opens a store needs a key store.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SECRETS = "org.freedesktop.secrets"
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class KeyStore:
    """One private key store: the environment a process needs to use it."""

    root: Path
    env: dict[str, str]


def available() -> str | None:
    """None when the daemons are installed, else what to install."""
    missing = [tool for tool in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(tool)]
    return None if not missing else f"{', '.join(missing)} not found: apt-get install " \
                                    "dbus-daemon gnome-keyring"


def _has_owner(address: str, name: str) -> bool:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                      interface="org.freedesktop.DBus")
    with open_dbus_connection(bus=address) as conn:
        reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)),
                                        timeout=5)
    return bool(reply.body[0])


@contextmanager
def key_store(root: Path, password: str = "test-login-password") -> Iterator[KeyStore]:
    """Start a bus and an unlocked GNOME Keyring under `root`; stop both (by pid) at the end."""
    run, data = root / "run", root / "data"
    for folder in (run, data):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    sock = Path(tempfile.mkdtemp(prefix="tome-bus-"))  # short: socket paths max ~107 bytes
    config = root / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=sock), encoding="utf-8")
    bus = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--nosyslog",
                            "--print-address=1"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    keyring_daemon: subprocess.Popen[str] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        assert address, "dbus-daemon gave no address"
        env = {"DBUS_SESSION_BUS_ADDRESS": address, "XDG_DATA_HOME": str(data),
               "XDG_RUNTIME_DIR": str(run),
               "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            text=True, env={**os.environ, **env, "HOME": str(root)})
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write(password)
        keyring_daemon.stdin.close()
        deadline = time.monotonic() + 20
        while not _has_owner(address, SECRETS):  # wait for the daemon, not for a fixed time
            if keyring_daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gnome-keyring-daemon did not start")
            time.sleep(0.02)
        yield KeyStore(root, env)
    finally:
        for proc in (keyring_daemon, bus):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        shutil.rmtree(sock, ignore_errors=True)


@contextmanager
def using(store: KeyStore) -> Iterator[None]:
    """Point this process (and the processes it starts) at `store`."""
    saved = {k: os.environ.get(k) for k in store.env}
    os.environ.update(store.env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session", autouse=True)
def os_key_store() -> Iterator[KeyStore | None]:
    """The suite's key store. Without the daemons, CI fails at once (scripts/setup.sh installs
    them); elsewhere the tests that open a store fail with the store's own Japanese message."""
    reason = available()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"required in CI: {reason}", pytrace=False)
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="tome-keyring-"))
    try:
        with key_store(root) as store, using(store):
            yield store
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def another_machine(tmp_path: Path) -> Iterator[KeyStore]:
    """A second terminal's key store: independent of the suite's (switch with `using`)."""
    from tests.conftest import need

    reason = available()
    if reason is not None:
        need(reason)
    with key_store(tmp_path / "other-machine") as store:
        yield store
