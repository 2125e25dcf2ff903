"""The one entry point for free-text translation, shared by the resident's screen and the CLI.

Language codes may be the project's (`zh-Hans`, `pt-BR`, `fil`: mapped through the language
registry's `argos` code) or argos' own (`zh`, `pt`, `tl`). A pair without a model of its own
goes through English when both halves are installed. Models load lazily, or ahead of time
with `warm_up` from a worker when the resident's screen opens, so that the first question
does not wait for a model to load. All methods may be called from any thread; each model
is loaded at most once, without blocking other callers, and translations run in parallel
(CTranslate2 releases the GIL).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path

from tome_window.domain.languages import BY_CODE, LANGUAGES, SOURCE
from tome_window.services.translation import errors, store
from tome_window.services.translation.engine import LoadedModel, pin_argos_environment
from tome_window.services.translation.errors import TranslationError
from tome_window.services.translation.store import ModelInfo, Pair

log = logging.getLogger(__name__)


def to_argos(code: str) -> str:
    """The argos code for a project code (`pt-BR` → `pt`) or for an argos code as given."""
    lang = BY_CODE.get(code)
    if lang is not None:
        if lang.argos is None and lang.qt_locale.startswith("ja"):
            return "ja"  # やさしい日本語 is typed and read as Japanese: nothing to translate
        if lang.argos is None:
            raise errors.unknown_language(code)
        return lang.argos
    cleaned = code.strip().lower()
    if not cleaned or not cleaned.replace("_", "").isalpha() or len(cleaned) > 8:
        raise errors.unknown_language(code)
    return cleaned


class TranslationService:
    """Installed models, the pairs they make, and translation along those pairs."""

    def __init__(self, models_dir: Path) -> None:
        self.models_dir = Path(models_dir)
        pin_argos_environment(self.models_dir)
        self._lock = threading.RLock()
        self._models: list[ModelInfo] | None = None
        self._problems: list[TranslationError] = []
        self._loaded: dict[tuple[str, str], LoadedModel] = {}
        self._loading: dict[tuple[str, str], threading.Lock] = {}

    @classmethod
    def from_settings(cls, data_dir: Path | None = None) -> TranslationService:
        if data_dir is None:
            from tome_window.services.config import load_settings

            data_dir = load_settings().data_dir
        return cls(store.models_dir(data_dir))

    # -- what is installed ------------------------------------------------------------------

    def refresh(self) -> None:
        """Look at the models folder again (after an install, or a folder removed by hand)."""
        models, problems = store.scan(self.models_dir)
        with self._lock:
            self._models, self._problems = models, problems
            known = {(m.from_code, m.to_code): m.path for m in models}
            for key, loaded in list(self._loaded.items()):
                if known.get(key) != loaded.info.path:
                    del self._loaded[key]

    def installed(self) -> list[ModelInfo]:
        with self._lock:
            if self._models is None:
                self.refresh()
            return list(self._models or [])

    def problems(self) -> list[TranslationError]:
        """Model folders that could not be read; each is skipped, the others still work."""
        self.installed()
        with self._lock:
            return list(self._problems)

    def install(self, file: Path) -> ModelInfo:
        info = store.install_model(Path(file), self.models_dir)
        with self._lock:
            self._loaded.pop((info.from_code, info.to_code), None)
        self.refresh()
        return info

    def available_pairs(self) -> list[Pair]:
        return store.pairs(self.installed())

    def can_translate(self, src: str, dst: str) -> bool:
        try:
            self._route(src, dst)
        except TranslationError:
            return False
        return True

    def free_text_languages(self, source: str = SOURCE) -> list[str]:
        """Project language codes a resident can type in and read back (both ways with ja)."""
        return [lang.code for lang in LANGUAGES
                if lang.code != source and lang.argos is not None
                and self.can_translate(source, lang.code) and self.can_translate(lang.code, source)]

    # -- translating ------------------------------------------------------------------------

    def _route(self, src: str, dst: str) -> list[ModelInfo]:
        a, b = to_argos(src), to_argos(dst)
        if a == b:
            return []
        by_pair = {(m.from_code, m.to_code): m for m in self.installed()}
        if (a, b) in by_pair:
            return [by_pair[(a, b)]]
        pivot = store.PIVOT
        if (a, pivot) in by_pair and (pivot, b) in by_pair:
            return [by_pair[(a, pivot)], by_pair[(pivot, b)]]
        raise errors.unsupported_pair(src, dst)

    def _model(self, info: ModelInfo) -> LoadedModel:
        """The loaded model of a pair, loading it at most once even when asked from two threads.

        The slow load holds only that pair's gate, never the service's lock, so that quick
        questions (what is installed, what is loaded) never wait behind a loading model.
        """
        key = (info.from_code, info.to_code)
        with self._lock:
            loaded = self._loaded.get(key)
            if loaded is not None and loaded.info.path == info.path:
                return loaded
            gate = self._loading.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                loaded = self._loaded.get(key)
            if loaded is None or loaded.info.path != info.path:
                loaded = LoadedModel(info)
                with self._lock:
                    self._loaded[key] = loaded
            return loaded

    def translate(self, text: str, src: str, dst: str) -> str:
        """`text` from src to dst, through English if needed; TranslationError when it cannot."""
        route = self._route(src, dst)
        for info in route:
            if not text.strip():
                break
            text = self._model(info).translate(text)
        return text

    def warm_up(self, langs: Iterable[str], source: str = SOURCE) -> list[str]:
        """Load every model needed between `source` and each language; safe from a worker.

        Pairs without models are skipped (the screen says so on its own); a broken model
        raises, so that the screen can name it before the resident starts typing.
        """
        done: list[str] = []
        for lang in langs:
            for src, dst in ((source, lang), (lang, source)):
                try:
                    route = self._route(src, dst)
                except TranslationError:
                    continue
                for info in route:
                    self._model(info)
                    if info.pair not in done:
                        done.append(info.pair)
        return done

    def loaded_pairs(self) -> list[str]:
        with self._lock:
            return sorted(m.info.pair for m in self._loaded.values())
