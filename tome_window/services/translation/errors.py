"""What can go wrong with free-text translation, said plainly to staff and precisely to logs.

Every failure here is expected at a counter (a pair nobody installed, a file copied half-way
from a USB stick, a model folder deleted by hand), so each one carries a code the screen and
the CLI can act on, a Japanese message for staff and an English one for logs. None of them
may stop the rest of the program: callers show the message and carry on.
"""

from __future__ import annotations

from pathlib import Path

from tome_window.domain.errors import TomeError
from tome_window.domain.languages import BY_CODE

UNSUPPORTED_PAIR = "unsupported_pair"
MISSING_MODEL = "missing_model"
BROKEN_MODEL = "broken_model"
MISSING_FILE = "missing_file"
FAILED = "translation_failed"


class TranslationError(TomeError):
    """A translation that cannot be done; `code` says which kind, for screens and exit codes."""

    def __init__(self, code: str, message_ja: str, message_en: str) -> None:
        super().__init__(message_ja, message_en)
        self.code = code


def language_name(code: str) -> str:
    """The name staff read: the project's name for a language, or an argos code as is."""
    lang = BY_CODE.get(code)
    if lang is not None:
        return lang.native_name
    for candidate in BY_CODE.values():
        if candidate.argos == code:
            return candidate.native_name
    return code


def unsupported_pair(src: str, dst: str) -> TranslationError:
    return TranslationError(
        UNSUPPORTED_PAIR,
        f"{language_name(src)}→{language_name(dst)} の自由入力の翻訳はありません。"
        "職員が指さしでご案内します。",
        f"no translation model for {src}->{dst} (neither direct nor through English)",
    )


def unknown_language(code: str) -> TranslationError:
    return TranslationError(
        UNSUPPORTED_PAIR,
        f"「{code}」の自由入力の翻訳はありません。職員が指さしでご案内します。",
        f"language {code!r} has no free-text translation code",
    )


def missing_model(path: Path, pair: str) -> TranslationError:
    return TranslationError(
        MISSING_MODEL,
        f"翻訳モデル ({pair}) のファイルが見つかりません。"
        "モデルを入れ直してください。ほかの機能はそのまま使えます。",
        f"model files for {pair} are missing under {path}",
    )


def broken_model(path: Path, reason_ja: str, reason_en: str) -> TranslationError:
    return TranslationError(
        BROKEN_MODEL,
        f"翻訳モデル {path.name} は使えません: {reason_ja}。"
        "正しい .argosmodel ファイルを入れ直してください。ほかの機能はそのまま使えます。",
        f"unusable translation model {path}: {reason_en}",
    )


def missing_file(path: Path) -> TranslationError:
    return TranslationError(
        MISSING_FILE,
        f"ファイル {path} が見つかりません。",
        f"file not found: {path}",
    )


def failed(pair: str, exc: BaseException) -> TranslationError:
    return TranslationError(
        FAILED,
        f"翻訳 ({pair}) に失敗しました。もう一度お試しください。続く場合は職員が指さしでご案内します。",
        f"translation {pair} failed: {type(exc).__name__}: {exc}",
    )
