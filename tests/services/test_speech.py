"""Read aloud with the real engines: Open JTalk (Japanese), espeak-ng (others), aplay.

Skipped cleanly where scripts/setup.sh has not installed the engines. This machine has no
sound card: playback goes to ALSA's null device, and a playback that lasts is aplay writing
to a FIFO nobody reads (blocked as on a slow device) until `Speaker.stop` kills it.
"""

from __future__ import annotations

import array
import math
import os
import shutil
import threading
import time
import wave
from pathlib import Path

import pytest

from tome_window.domain.my_number import check_digit
from tome_window.services import speech

needs_jtalk = pytest.mark.skipif(not speech.can_synthesize("ja"),
                                 reason="open-jtalk and its dictionary are not installed")
needs_espeak = pytest.mark.skipif(not speech.can_synthesize("en"), reason="espeak-ng is not installed")
needs_aplay = pytest.mark.skipif(shutil.which("aplay") is None, reason="aplay is not installed")

ELEVEN = "12345678901"
MY_NUMBER = ELEVEN + str(check_digit(ELEVEN))


def loudness(path: Path) -> tuple[float, float]:
    """(seconds, RMS) of a 16-bit wav."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        samples = array.array("h", w.readframes(w.getnframes()))
        rms = math.sqrt(sum(s * s for s in samples) / max(len(samples), 1))
        return w.getnframes() / w.getframerate(), rms


@needs_jtalk
@pytest.mark.parametrize("language", ["ja", "ja-easy"])
def test_japanese_speech_is_a_wav_with_sound(language: str) -> None:
    wav = speech.synthesize("住民異動届の内容を確認してください。\n次へを押してください。", language)
    try:
        seconds, rms = loudness(wav)
        assert 1.5 < seconds < 20
        assert rms > 300
        assert oct(wav.parent.stat().st_mode & 0o777) == "0o700"  # private to the user
    finally:
        speech.discard(wav)
    assert not wav.parent.exists()


@needs_jtalk
def test_a_long_page_is_read_whole() -> None:
    """open_jtalk reads one line only: every line of the page is spoken, in chunks."""
    one = speech.synthesize("氏名を確認してください。", "ja")
    many = speech.synthesize("\n".join(["氏名を確認してください。"] * 40), "ja")
    try:
        assert loudness(many)[0] > 30 * loudness(one)[0]
    finally:
        speech.discard(one)
        speech.discard(many)


@needs_espeak
@pytest.mark.parametrize("language", ["en", "vi", "pt-BR"])
def test_espeak_speech_is_a_wav_with_sound(language: str) -> None:
    wav = speech.synthesize("Please check your address. 住所", language)
    try:
        seconds, rms = loudness(wav)
        assert seconds > 0.8
        assert rms > 300
    finally:
        speech.discard(wav)


@needs_espeak
def test_a_language_without_a_voice_has_no_speech() -> None:
    # Debian 12's espeak-ng has no Tagalog/Filipino voice; an unknown code has none either.
    assert "fil" not in speech.voices()
    assert not speech.can_speak("fil")
    assert not speech.can_speak("xx")
    with pytest.raises(speech.SpeechError):
        speech.synthesize("Basahin", "fil")


def test_no_engine_on_the_machine_means_no_speech(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no open_jtalk, espeak-ng or player here
    assert speech.voices() == {}
    assert not speech.can_speak("ja") and not speech.can_speak("en")
    report = "\n".join(speech.status())
    assert "open_jtalk" in report and "espeak-ng: missing" in report and "player: missing" in report


@pytest.mark.parametrize("written", [
    MY_NUMBER, f"{MY_NUMBER[:4]} {MY_NUMBER[4:8]} {MY_NUMBER[8:]}",
    f"{MY_NUMBER[:4]}-{MY_NUMBER[4:8]}-{MY_NUMBER[8:]}",
    "".join(chr(ord(c) + 0xFEE0) for c in MY_NUMBER),  # full-width digits
])
@pytest.mark.parametrize("language", ["ja", "ja-easy", "en", "ne"])
def test_the_individual_number_is_never_spoken(written: str, language: str) -> None:
    said = speech.spoken_text(f"個人番号: {written}\n氏名 登米 太郎", language)
    digits = "".join(ch for ch in said if ch.isdigit())
    assert MY_NUMBER not in digits and MY_NUMBER[:8] not in digits
    assert speech.NUMBER_WORD[language] in said


def test_the_masked_number_is_said_as_a_word() -> None:
    said = speech.spoken_text("個人番号 ●●●●●●●●1234", "ja")
    assert "●" not in said and "1234" not in said and "個人番号" in said


def test_ruby_tags_and_brackets_are_not_read() -> None:
    text = "<ruby>住所<rt>じゅうしょ</rt></ruby>「転入」\n氏名（しめい） ｜本籍《ほんせき》 (なし)"
    assert speech.spoken_text(text, "ja") == "住所 転入\n氏名 本籍 なし"
    # Other languages drop the Japanese label shown beside the translation.
    assert speech.spoken_text("Address 住所 (じゅうしょ)", "en") == "Address"
    assert speech.spoken_text("地址 住所 じゅうしょ", "zh-Hans") == "地址 住所"


@needs_jtalk
@needs_aplay
def test_speaker_plays_to_the_end_on_a_device(monkeypatch: pytest.MonkeyPatch) -> None:
    speaker = speech.Speaker(player=["aplay", "-q", "-D", "null"])
    made: list[Path] = []
    real = speech.synthesize

    def keep(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the real synthesis, noted
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(speech, "synthesize", keep)
    assert speaker.speak("確認してください。", "ja") is True
    assert made and not made[0].exists() and not made[0].parent.exists()  # removed after playing


@needs_espeak
@needs_aplay
def test_a_missing_sound_device_is_a_message() -> None:
    speaker = speech.Speaker(player=["aplay", "-q", "-D", "hw:97,0"])
    with pytest.raises(speech.SpeechError) as raised:
        speaker.speak("Please check your address.", "en")
    assert "再生できません" in raised.value.message_ja
    assert not speaker.is_busy()


@needs_jtalk
@needs_aplay
def test_stop_kills_a_long_playback(tmp_path: Path) -> None:
    fifo = tmp_path / "device"
    os.mkfifo(fifo)
    speaker = speech.Speaker(player=["aplay", "-q", "-D", f"file:FILE={fifo},FORMAT=raw"])
    result: list[bool] = []
    worker = threading.Thread(target=lambda: result.append(speaker.speak("確認してください。", "ja")))
    worker.start()
    deadline = time.monotonic() + 30
    while speaker.running() != "aplay":
        assert time.monotonic() < deadline, "aplay never started"
        time.sleep(0.02)
    proc = speaker._proc  # noqa: SLF001
    time.sleep(0.3)
    assert proc is not None and proc.poll() is None  # still "playing": blocked on its device
    started = time.monotonic()
    speaker.stop()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - started < 2
    assert proc.poll() is not None
    assert result == [False]
    assert not speaker.is_busy()
    assert not [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("tome-speech-*")
                if (p / "speech.wav").exists() and p.stat().st_mtime >= started - 5]
