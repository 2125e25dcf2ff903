"""TranslationService end to end on real (tiny) models: direct pairs, pivots through English,
the project's language codes, failures as plain messages, and not one network connection."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from tome_window.services.translation import TranslationError, TranslationService, to_argos

# Each tiny model answers every sentence with one fixed sentence of its target language.
EN, JA, KO = "Hello.", "こんにちは。", "안녕하세요."


@pytest.mark.parametrize(("code", "argos"), [
    ("zh-Hans", "zh"), ("pt-BR", "pt"), ("fil", "tl"), ("ja", "ja"), ("ja-easy", "ja"),
    ("ko", "ko"), ("zh", "zh"), ("tl", "tl"), ("PT", "pt"),
])
def test_codes(code: str, argos: str) -> None:
    assert to_argos(code) == argos


def test_bad_code() -> None:
    with pytest.raises(TranslationError) as info:
        to_argos("x-1")
    assert info.value.code == "unsupported_pair"


def test_direct_and_pivot(installed: TranslationService) -> None:
    assert installed.translate("住民票をください。", "ja", "en") == EN
    assert installed.translate("Where is the counter?", "en", "ko") == KO
    # ja→ko has no model: ja→en, then en→ko; two sentences stay two all the way.
    assert installed.translate("住民票をください。転入はどこ？", "ja", "ko") == f"{KO} {KO}"
    assert installed.translate("창구는 어디입니까?", "ko", "ja") == JA
    assert installed.translate("一行目。\n\n二行目", "ja", "en") == f"{EN}\n\n{EN}"
    assert installed.translate("そのまま", "ja", "ja-easy") == "そのまま"


def test_pairs_and_free_text_languages(installed: TranslationService) -> None:
    assert installed.can_translate("ja", "ko") and installed.can_translate("ko", "ja")
    assert installed.can_translate("ja", "en")
    assert not installed.can_translate("ja", "vi")
    assert not installed.can_translate("ja", "ne")
    assert installed.free_text_languages() == ["en", "ko"]
    assert ("ja", "ko", ("en",)) in {(p.src, p.dst, p.via) for p in installed.available_pairs()}


def test_unsupported_pair_says_so_plainly(installed: TranslationService) -> None:
    with pytest.raises(TranslationError) as info:
        installed.translate("こんにちは", "ja", "vi")
    assert info.value.code == "unsupported_pair"
    assert "Tiếng Việt" in info.value.message_ja and "指さし" in info.value.message_ja
    assert "ja->vi" in info.value.message_en


def test_no_models_at_all(service: TranslationService) -> None:
    assert service.available_pairs() == []
    assert service.free_text_languages() == []
    assert service.warm_up(["en", "vi"]) == []
    with pytest.raises(TranslationError):
        service.translate("はい", "ja", "en")


def test_model_files_removed_after_install(installed: TranslationService) -> None:
    (installed.models_dir / "translate-ja_en" / "model" / "model.bin").unlink()
    with pytest.raises(TranslationError) as info:
        installed.translate("はい。", "ja", "en")
    assert info.value.code == "missing_model"
    installed.refresh()  # the folder is now reported as broken; the others still work
    assert not installed.can_translate("ja", "en")
    assert installed.translate("Hi.", "en", "ko") == KO
    assert any("model.bin" in p.message_ja for p in installed.problems())


def test_warm_up_loads_every_model_of_both_directions(installed: TranslationService) -> None:
    assert installed.loaded_pairs() == []
    done = installed.warm_up(["ko", "vi"])
    assert sorted(done) == ["en->ja", "en->ko", "ja->en", "ko->en"]
    assert installed.loaded_pairs() == sorted(done)


def test_parallel_translations(installed: TranslationService) -> None:
    results: list[str] = []

    def work() -> None:
        results.append(installed.translate("はい。", "ja", "ko"))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [KO] * 6


def test_not_one_connection(monkeypatch: pytest.MonkeyPatch, packages,  # noqa: ANN001
                            isolated_data_dir: Path) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network use: {args!r}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    service = TranslationService.from_settings()
    for file in packages.values():
        service.install(file)
    service.warm_up(["ko", "en"])
    assert service.translate("住民票をください。はい！", "ja", "ko") == f"{KO} {KO}"
    # Pieces are joined as argos joins them: each sentence starts with ▁, hence the space.
    assert service.translate("Hello. I am here.", "en", "ja") == f"{JA} {JA}"
    assert attempts == []
