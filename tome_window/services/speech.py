"""Read aloud, offline: Open JTalk for Japanese (and やさしい日本語), espeak-ng for the others.

Engines are programs of the machine, run as subprocesses, so that a page change can stop
speech at once by killing a process:

* Japanese: Debian's `open_jtalk` with its dictionary (`open-jtalk-mecab-naist-jdic`, in
  /var/lib/mecab/dic/open-jtalk/naist-jdic, or $OPEN_JTALK_DICT_DIR) and the HTS voice
  "Mei" shipped in voices/ (CC BY 3.0, Nagoya Institute of Technology; $TOME_HTSVOICE
  names another .htsvoice). Debian has no Japanese voice package of its own.
* Other languages: `espeak-ng`, only where `espeak-ng --voices` lists a voice for the
  language (Filipino has none in Debian 12: no button for it).
* Playback: `pw-play`, `paplay` or `aplay`, whichever exists first.

Nothing is fetched from a network. A missing engine or player is no error: `can_speak`
says False and the screen shows no button; `status()` says what is missing (for a doctor).

What is spoken is never the individual number: any run of 12 or more digits and any masked
number (●●●●●●●●1234) is read as the word 「個人番号」 (in the resident's language).
Ruby readings, HTML tags and brackets are removed, and Japanese script is dropped from
text in other languages (their screens show the Japanese label beside the translation).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tome_window.domain.errors import TomeError

JAPANESE = ("ja", "ja-easy")
VOICE_DIR = Path(__file__).with_name("voices")
SHIPPED_VOICE = VOICE_DIR / "mei_normal.htsvoice"
DICT_DIRS = (
    Path("/var/lib/mecab/dic/open-jtalk/naist-jdic"),
    Path("/usr/share/open_jtalk/dic"),
    Path("/usr/local/share/open_jtalk/dic"),
)
# The project's language code → espeak-ng voice names to try, best first.
ESPEAK_VOICES: dict[str, tuple[str, ...]] = {
    "en": ("en-us", "en"),
    "zh-Hans": ("cmn", "zh"),
    "ko": ("ko",),
    "vi": ("vi",),
    "pt-BR": ("pt-br", "pt"),
    "fil": ("fil", "tl"),
    "id": ("id",),
    "ne": ("ne",),
    "my": ("my",),
}
PLAYERS = (("pw-play",), ("paplay",), ("aplay", "-q"))
# How the masked individual number is said, per language.
NUMBER_WORD = {
    "ja": "個人番号", "ja-easy": "マイナンバー", "en": "My Number", "zh-Hans": "个人编号",
    "ko": "개인번호", "vi": "mã số cá nhân", "pt-BR": "número individual",
    "fil": "My Number", "id": "nomor individu", "ne": "व्यक्तिगत नम्बर", "my": "ကိုယ်ပိုင်နံပါတ်",
}
_CHUNK = 400  # characters per open_jtalk run: it reads one line, keep each well inside its buffer
_TIMEOUT = 120


class SpeechError(TomeError):
    """Speech could not be made or played (no sound device, an engine that failed)."""


@dataclass(frozen=True)
class Engines:
    open_jtalk: str | None
    dictionary: Path | None
    voice: Path | None
    espeak: str | None
    espeak_voices: dict[str, str]  # language code → espeak-ng voice name
    player: tuple[str, ...] | None


def _japanese_parts() -> tuple[str | None, Path | None, Path | None]:
    binary = shutil.which("open_jtalk")
    dictionary = None
    env_dict = os.environ.get("OPEN_JTALK_DICT_DIR")
    for candidate in ([Path(env_dict)] if env_dict else []) + list(DICT_DIRS):
        if (candidate / "sys.dic").is_file():
            dictionary = candidate
            break
    env_voice = os.environ.get("TOME_HTSVOICE")
    voice = Path(env_voice) if env_voice else SHIPPED_VOICE
    return binary, dictionary, (voice if voice.is_file() else None)


def _espeak_voice_names(binary: str) -> set[str]:
    try:
        out = subprocess.run([binary, "--voices"], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    names: set[str] = set()
    for line in out.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 2:
            names.add(fields[1].lower())
    return names


@lru_cache(maxsize=8)
def _detect(path: str, dict_env: str | None, voice_env: str | None) -> Engines:
    del path, dict_env, voice_env  # the cache key: a changed environment is detected anew
    binary, dictionary, voice = _japanese_parts()
    espeak = shutil.which("espeak-ng")
    listed = _espeak_voice_names(espeak) if espeak else set()
    chosen = {}
    for code, candidates in ESPEAK_VOICES.items():
        for name in candidates:
            if name in listed:
                chosen[code] = name
                break
    player = None
    for command in PLAYERS:
        if shutil.which(command[0]):
            player = command
            break
    return Engines(binary, dictionary, voice, espeak, chosen, player)


def engines() -> Engines:
    return _detect(os.environ.get("PATH", ""), os.environ.get("OPEN_JTALK_DICT_DIR"),
                   os.environ.get("TOME_HTSVOICE"))


def voices() -> dict[str, str]:
    """Language code → the engine that can synthesize it ('open_jtalk' or 'espeak-ng:<voice>')."""
    found = engines()
    result: dict[str, str] = {}
    if found.open_jtalk and found.dictionary and found.voice:
        result.update({code: "open_jtalk" for code in JAPANESE})
    if found.espeak:
        result.update({code: f"espeak-ng:{name}" for code, name in found.espeak_voices.items()})
    return result


def can_synthesize(language: str) -> bool:
    return language in voices()


def can_speak(language: str) -> bool:
    """A voice for the language and a program to play it: only then is a button shown."""
    return can_synthesize(language) and engines().player is not None


def status() -> list[str]:
    """One line per part, for `doctor`/self-test: what reads aloud here and what is missing."""
    found = engines()
    lines = []
    if found.open_jtalk and found.dictionary and found.voice:
        lines.append(f"ja, ja-easy: open_jtalk ({found.dictionary}, {found.voice.name})")
    else:
        missing = [what for what, part in (("open_jtalk (apt open-jtalk)", found.open_jtalk),
                                           ("dictionary (apt open-jtalk-mecab-naist-jdic)",
                                            found.dictionary),
                                           ("voice (.htsvoice)", found.voice)) if not part]
        lines.append("ja, ja-easy: missing " + ", ".join(missing))
    if found.espeak:
        have = ", ".join(f"{c}={v}" for c, v in found.espeak_voices.items()) or "no voice"
        none = [c for c in ESPEAK_VOICES if c not in found.espeak_voices]
        lines.append(f"espeak-ng: {have}" + (f"; no voice for {', '.join(none)}" if none else ""))
    else:
        lines.append("espeak-ng: missing (apt espeak-ng)")
    lines.append(f"player: {' '.join(found.player)}" if found.player
                 else "player: missing (apt alsa-utils, or pipewire/pulseaudio)")
    return lines


# ---------------------------------------------------------------- what is said

_TAGS = re.compile(r"<[^>]+>")
_RUBY_RT = re.compile(r"<(rt|rp)\b[^>]*>.*?</\1>", re.S | re.I)
_KANJI = r"[\u3005\u3006\u4E00-\u9FFF\uF900-\uFAFF]"
_KANA = r"[\u3041-\u309F\u30A0-\u30FF\s・]"
# 漢字（かんじ） / 漢字(かんじ) / ｜漢字《かんじ》: keep the base, drop the reading.
_RUBY_PAREN = re.compile(rf"({_KANJI}+)[（(]{_KANA}+[）)]")
_RUBY_AOZORA = re.compile(r"[|｜]?([^|｜《》\s]+)《[^《》]*》")
_MASKED = re.compile(r"[●•*＊]{4,}[0-9]{0,4}")
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9](?:[ \-‐][0-9]|[0-9]){11,}(?![0-9])")
_BRACKETS = re.compile(r"[「」『』【】〈〉《》〔〕［］\[\]{}｛｝<>＜＞|｜]")
_PARENS = re.compile(r"[()（）]")
_JAPANESE_SCRIPT = re.compile(r"[\u3041-\u30FF\u3005\u3006\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F]+")
_KANA_ONLY = re.compile(r"[\u3041-\u30FF\uFF66-\uFF9F]+")


def spoken_text(text: str, language: str) -> str:
    """What the engine is given: the page's text without ruby, tags, brackets or the number."""
    text = _RUBY_RT.sub("", text or "")
    text = html.unescape(_TAGS.sub(" ", text))
    text = unicodedata.normalize("NFKC", text)
    word = f" {NUMBER_WORD.get(language, NUMBER_WORD['en'])} "
    text = _MASKED.sub(word, text)
    text = _LONG_NUMBER.sub(word, text)
    text = re.sub(rf"(?:{re.escape(word.strip())}\s*){{2,}}", word, text)
    text = _RUBY_AOZORA.sub(r"\1", text)
    text = _RUBY_PAREN.sub(r"\1", text)
    text = _BRACKETS.sub(" ", text)
    text = _PARENS.sub(" ", text)
    if language not in JAPANESE:
        script = _KANA_ONLY if language == "zh-Hans" else _JAPANESE_SCRIPT
        text = script.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _chunks(text: str) -> list[str]:
    """open_jtalk reads one line: sentences joined into lines of at most _CHUNK characters."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line[-1] not in "。．.!?！？、":
            line += "。"
        sentences.extend(s for s in re.split(r"(?<=[。．！？!?])", line) if s.strip())
    out: list[str] = []
    for sentence in sentences:
        while len(sentence) > _CHUNK:
            out.append(sentence[:_CHUNK])
            sentence = sentence[_CHUNK:]
        if out and len(out[-1]) + len(sentence) <= _CHUNK:
            out[-1] += sentence
        else:
            out.append(sentence)
    return out


# ---------------------------------------------------------------- synthesis

Register = Callable[[subprocess.Popen[bytes] | None], None]


def _run(command: list[str], register: Register | None, stdin: bytes | None = None,
         timeout: float | None = _TIMEOUT) -> None:
    proc = subprocess.Popen(command, stdin=subprocess.PIPE if stdin is not None else None,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if register:
        register(proc)
    try:
        _, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise SpeechError("読み上げ音声を作れませんでした (時間切れ)", "speech synthesis timed out") from None
    finally:
        if register:
            register(None)
    if proc.returncode != 0:
        detail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise SpeechError("読み上げ音声を作れませんでした",
                          f"{command[0]} failed ({proc.returncode}): {detail[0]}")


def _join_wavs(parts: list[Path], target: Path) -> None:
    with wave.open(str(parts[0]), "rb") as first:
        params = first.getparams()
    with wave.open(str(target), "wb") as out:
        out.setparams(params)
        for part in parts:
            with wave.open(str(part), "rb") as w:
                out.writeframes(w.readframes(w.getnframes()))


def synthesize(text: str, language: str, *, register: Register | None = None) -> Path:
    """A wav of the text in a private temporary directory; `discard(path)` removes it.

    `register` is told each engine process while it runs (so that it can be killed)."""
    engine = voices().get(language)
    if engine is None:
        raise SpeechError("この言語の読み上げ音声がありません", f"no voice for {language!r}")
    said = spoken_text(text, language)
    if not said:
        raise SpeechError("読み上げる文がありません", "nothing to read aloud")
    folder = Path(tempfile.mkdtemp(prefix="tome-speech-"))  # mode 0700: private to the user
    target = folder / "speech.wav"
    try:
        found = engines()
        if engine == "open_jtalk":
            assert found.open_jtalk and found.dictionary and found.voice
            parts = []
            for n, chunk in enumerate(_chunks(said)):
                source = folder / f"part{n}.txt"
                source.write_text(chunk + "\n", encoding="utf-8")
                part = folder / f"part{n}.wav"
                _run([found.open_jtalk, "-x", str(found.dictionary), "-m", str(found.voice),
                      "-ow", str(part), str(source)], register)
                source.unlink()
                parts.append(part)
            if len(parts) == 1:
                parts[0].rename(target)
            else:
                _join_wavs(parts, target)
                for part in parts:
                    part.unlink()
        else:
            assert found.espeak
            voice = engine.split(":", 1)[1]
            _run([found.espeak, "-v", voice, "-w", str(target), "--stdin"], register,
                 stdin=said.encode("utf-8"))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return target


def discard(wav: Path) -> None:
    """Remove a wav made by `synthesize` and its private directory."""
    if wav.parent.name.startswith("tome-speech-"):
        shutil.rmtree(wav.parent, ignore_errors=True)
    else:
        wav.unlink(missing_ok=True)


# ---------------------------------------------------------------- playback

class Speaker:
    """Synthesizes and plays one text at a time; `stop()` kills whatever runs, at once.

    `speak` blocks (run it on a worker); `stop` may be called from any thread. `player`
    is the command a wav path is appended to (default: the first of pw-play, paplay, aplay).
    """

    def __init__(self, player: Sequence[str] | None = None) -> None:
        self._player = tuple(player) if player else None
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._generation = 0

    @property
    def player(self) -> tuple[str, ...] | None:
        return self._player or engines().player

    def is_busy(self) -> bool:
        with self._lock:
            return self._proc is not None and self._proc.poll() is None

    def running(self) -> str | None:
        """The program running now (an engine or the player), None when idle."""
        with self._lock:
            proc = self._proc
        if proc is None or proc.poll() is not None:
            return None
        args = proc.args
        first = args[0] if isinstance(args, list) else args  # always a list here
        return Path(str(first)).name

    def _register(self, generation: int) -> Register:
        mine: list[subprocess.Popen[bytes]] = []

        def register(proc: subprocess.Popen[bytes] | None) -> None:
            with self._lock:
                if proc is None:
                    if mine and self._proc is mine[-1]:
                        self._proc = None
                    return
                mine.append(proc)
                self._proc = proc
                if generation != self._generation:
                    proc.kill()  # stopped while this process was being started
        return register

    def _stopped(self, generation: int) -> bool:
        with self._lock:
            return generation != self._generation

    def speak(self, text: str, language: str) -> bool:
        """Say the text; True when it was played to its end, False when stopped."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            previous = self._proc
        if previous is not None:
            _kill(previous)
        player = self.player
        if player is None:
            raise SpeechError("音声を再生するプログラムがありません", "no audio player (aplay/paplay/pw-play)")
        register = self._register(generation)
        try:
            wav = synthesize(text, language, register=register)
        except SpeechError:
            if self._stopped(generation):
                return False
            raise
        try:
            if self._stopped(generation):
                return False
            _run([*player, str(wav)], register, timeout=None)  # as long as the page lasts
        except SpeechError as exc:
            if self._stopped(generation):
                return False
            raise SpeechError("音声を再生できませんでした (スピーカーを確認してください)",
                              exc.message_en) from None
        finally:
            discard(wav)
        return not self._stopped(generation)

    def stop(self) -> None:
        """End synthesis or playback now (the process is killed, its wav removed by `speak`)."""
        with self._lock:
            self._generation += 1
            proc = self._proc
        if proc is not None:
            _kill(proc)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()  # SIGKILL: aplay ignores SIGTERM while blocked on its device
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
