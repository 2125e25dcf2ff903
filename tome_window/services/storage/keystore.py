"""The data key in the operating system's credential store, never in a file beside the data.

A copy of the data folder (a stolen tablet's disk, a backup) must not carry what opens it.
The key is therefore held by the OS for the terminal's user account, through `keyring`:

- Windows: Credential Manager (`keyring.backends.Windows.WinVaultKeyring`), whose secrets
  DPAPI protects with the user's logon credentials;
- Linux: the freedesktop Secret Service (`keyring.backends.SecretService.Keyring`), served
  by GNOME Keyring (or KeePassXC / KWallet), whose login collection is sealed with the user's
  password and unlocked at login;
- macOS: the login Keychain (`keyring.backends.macOS.Keyring`).

Backends that keep secrets in a plain file, or none at all, are refused: a "key store" that a
disk copy opens is the problem this module exists to fix. PYTHON_KEYRING_BACKEND (keyring's
own setting) may pin one of the above.

One entry per database: service "tome-window", user name the database id kept in the
database (`store_meta.database_id`), so two databases on one account never share a key and
a database restored elsewhere finds no key there. Messages for staff are Japanese; the
English half goes to logs and never holds the key.
"""

from __future__ import annotations

from typing import Any

from tome_window.services.storage.errors import StorageError

SERVICE = "tome-window"
# Backends whose secrets a copy of the disk (or nothing at all) would give away.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file",
                    "keyring.backends.chainer")
_REFUSED_NAMES = ("PlaintextKeyring", "EncryptedKeyring")


def _backend() -> Any:
    import keyring

    backend = keyring.get_keyring()
    if _is_refused(backend):
        raise unavailable(f"no usable OS key store (keyring backend {_name(backend)})")
    return backend


def _is_refused(backend: Any) -> bool:
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):  # a chain is as good as its weakest member
        members = list(backend.backends)
        return not members or any(_is_refused(b) for b in members)
    module = type(backend).__module__
    return module.startswith(_REFUSED_MODULES) or type(backend).__name__ in _REFUSED_NAMES


def _name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def backend_name() -> str:
    """The keyring backend in use, for logs and `keys` messages."""
    return _name(_backend())


def load(database_id: str) -> str | None:
    """The stored key text of this database, None when this account holds none."""
    from keyring.errors import KeyringError

    try:
        value = _backend().get_password(SERVICE, database_id)
    except KeyringError as exc:
        raise unavailable(f"reading the key failed: {type(exc).__name__}") from exc
    except Exception as exc:  # D-Bus or OS errors surface as their own types
        raise unavailable(f"reading the key failed: {type(exc).__name__}") from exc
    return value if isinstance(value, str) and value else None


def store(database_id: str, key_text: str) -> None:
    """Write (or replace) the entry, then read it back: a store that lost it must fail now."""
    from keyring.errors import KeyringError

    backend = _backend()
    try:
        backend.set_password(SERVICE, database_id, key_text)
        readback = backend.get_password(SERVICE, database_id)
    except KeyringError as exc:
        raise unavailable(f"storing the key failed: {type(exc).__name__}") from exc
    except Exception as exc:
        raise unavailable(f"storing the key failed: {type(exc).__name__}") from exc
    if readback != key_text:
        raise unavailable("the key store did not keep the key (read-back differs)")


def delete(database_id: str) -> None:
    """Remove the entry; an entry already gone is fine."""
    try:
        _backend().delete_password(SERVICE, database_id)
    except Exception:  # noqa: BLE001 - PasswordDeleteError when absent; nothing to undo
        pass


def unavailable(detail: str) -> StorageError:
    return StorageError(
        "この端末の鍵保管庫(OS の資格情報マネージャー / キーリング)が使えません。"
        "端末の利用者アカウントでログインし直すか、情報政策担当に連絡してください。"
        "鍵がないため受付データは開けません。",
        f"OS key store unavailable: {detail}", kind="key")
