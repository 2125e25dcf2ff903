"""The resident's language on the counter screens: Qt translators, fonts and the picker.

Residents choose their language themselves, so the choice must take effect at once, without
a restart: installing a QTranslator makes Qt send LanguageChange to every widget, and each
resident-facing widget re-reads its text in `retranslate()`. Staff screens stay Japanese
while a resident reads in English: the resident's translator answers only for the contexts
in RESIDENT_CONTEXTS, although every staff string is marked too and sits in the catalogs.

Catalogs are `translations/tome_window_<code>.ts`; their compiled `.qm` files are build
outputs (scripts/setup.sh makes them). When one is missing the `.ts` is compiled on the fly
into a cache folder, so a fresh clone still switches language.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QPushButton, QSizePolicy, QWidget

from tome_window.domain.languages import LANGUAGES, SOURCE, language
from tome_window.views.names import name_action, name_option, set_text
from tome_window.views.reflow import ReflowGrid

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
QM_DIR = TRANSLATIONS / "qm"
CATALOG = "tome_window_{code}"

# Contexts (class names) whose text the resident reads; everything else is staff's.
RESIDENT_CONTEXTS = frozenset({"ConfirmPage", "LanguagePicker", "CardPanel", "ResidentText", "ResidentView",
                               "AskStaffPanel", "SignPage", "SignaturePad"})

# Fonts that carry each script; Qt falls back per character, these only set preference.
_SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("Noto Sans CJK SC", "WenQuanYi Micro Hei"),
    "ko": ("Noto Sans CJK KR", "NanumGothic"),
    "vi": ("Noto Sans",),
    "pt-BR": ("Noto Sans",),
    "fil": ("Noto Sans",),
    "id": ("Noto Sans",),
    "en": ("Noto Sans",),
    "ne": ("Noto Sans Devanagari", "Noto Sans"),
    "my": ("Noto Sans Myanmar", "Noto Sans"),
}
JAPANESE_FONTS = ("BIZ UDPGothic", "BIZ UDGothic", "Noto Sans CJK JP", "IPAexGothic")




def font_families(code: str) -> list[str]:
    """Families for text in `code`, Japanese after them (names and addresses stay Japanese)."""
    return [*_SCRIPT_FONTS.get(code, ()), *JAPANESE_FONTS]


class ResidentTranslator(QTranslator):
    """Translates only resident-facing contexts, so staff screens keep their Japanese."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if context not in RESIDENT_CONTEXTS:
            return None  # None, not "": Qt then falls back to the Japanese source
        return super().translate(context, source, disambiguation, n) or None


def qm_path(code: str) -> Path | None:
    """The compiled catalog for `code`; compiled from its .ts into a cache when missing."""
    built = QM_DIR / f"{CATALOG.format(code=code)}.qm"
    if built.exists():
        return built
    ts = TRANSLATIONS / f"{CATALOG.format(code=code)}.ts"
    if not ts.exists():
        return None
    cached = Path(tempfile.gettempdir()) / "tome-window-qm" / built.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    command = str(tool) if tool.exists() else shutil.which("pyside6-lrelease")
    if command is None:
        log.warning("no .qm for %s and pyside6-lrelease not found", code)
        return None
    cached.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([command, "-silent", str(ts), "-qm", str(cached)],
                          capture_output=True, timeout=30, check=False)
    if done.returncode != 0 or not cached.exists():
        log.warning("compiling %s failed: %s", ts.name, done.stderr.decode(errors="replace"))
        return None
    return cached


class LanguageService(QObject):
    """Keeps the application's translator in step with the visit's resident language."""

    applied = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.code = SOURCE
        self._translator: ResidentTranslator | None = None

    def apply(self, code: str) -> bool:
        """Switch the resident screens to `code`; False (and Japanese) when it cannot load."""
        language(code)  # unknown codes are a programming error
        if code == self.code:
            return True
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = None
        ok = True
        if code != SOURCE:
            translator = ResidentTranslator(self)
            path = qm_path(code)
            ok = path is not None and translator.load(str(path))
            if ok and app is not None:
                app.installTranslator(translator)  # Qt sends LanguageChange to every widget
                self._translator = translator
            else:
                log.warning("interface catalog for %s could not be loaded", code)
        self.code = code if ok else SOURCE
        self.applied.emit(self.code)  # widgets follow on Qt's (posted) LanguageChange
        return ok


def follow_session(chooser: Any, session: Any) -> None:
    """A LanguagePicker or LanguageToggle sets the visit's language, and shows the visit's
    language whoever changed it (another page's buttons, the end of the visit)."""
    chooser.chosen.connect(session.set_language)
    session.language_changed.connect(chooser.show_current)


class LanguagePicker(ReflowGrid):
    """Large buttons, each language in its own name and script, no flags.

    `compact` is for the PIN pad, where the pad keeps most of the room.
    """

    chosen = Signal(str)

    def __init__(self, current: str = SOURCE, parent: QWidget | None = None, *,
                 compact: bool = False) -> None:
        # as many columns as the screen's width allows: a fixed six made the resident's
        # screen at least 1115 px wide (views/reflow.py)
        super().__init__(parent, max_columns=5 if compact else 6)
        self.setObjectName("languagePicker")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for lang in LANGUAGES:
            button = name_option(QPushButton(lang.native_name), f"lang:{lang.code}")
            button.setProperty("languageButton", True)
            button.setCheckable(True)
            button.setMinimumHeight(40 if compact else 56)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            font = QFont(button.font())
            font.setFamilies(font_families(lang.code))
            font.setPointSize(11 if compact else 15)
            button.setFont(font)
            button.setToolTip(lang.english_name)
            self.group.addButton(button)
            self.buttons[lang.code] = button
            self.add_cell(button)
            button.clicked.connect(lambda _=False, c=lang.code: self.chosen.emit(c))
        self.show_current(current)

    def show_current(self, code: str) -> None:
        button = self.buttons.get(code)
        if button is not None and not button.isChecked():
            button.setChecked(True)


class LanguageToggle:
    """One button naming the current language (`action:choose_language`) that opens the
    language buttons below it; choosing one closes them.

    For the resident's PIN pad and check: the language was chosen on the welcome page, and
    the whole set of buttons at 20 pt takes four rows on a 1024×768 tablet, room those
    pages need for the pad and the forms. The caller lays out `button` and `picker`.
    """

    def __init__(self, current: str = SOURCE) -> None:
        self.picker = LanguagePicker(current)
        self.picker.hide()
        self.button = name_action(QPushButton(), "choose_language")
        self.button.setCheckable(True)
        self.button.toggled.connect(self.picker.setVisible)
        self.picker.chosen.connect(lambda _code: self.button.setChecked(False))
        self.show_current(current)

    @property
    def chosen(self) -> Any:
        return self.picker.chosen

    def show_current(self, code: str) -> None:
        self.picker.show_current(code)
        set_text(self.button, f"{language(code).native_name} ▼")


_form_text_lock = threading.Lock()
_form_text: list[Any] = []


def form_text() -> Any | None:
    """The curated form text (labels, help, choices per language), loaded once.

    None when the loader or its files are missing: the screens then show Japanese only,
    which is still correct, so a broken translation file never stops a visit.
    """
    with _form_text_lock:
        if not _form_text:
            loaded: Any = None
            try:
                from tome_window.services.form_text import FormText

                loaded = FormText.load()
            except Exception as exc:  # noqa: BLE001 - Japanese only is a safe fallback
                log.warning("form text unavailable, showing Japanese only: %s", exc)
            _form_text.append(loaded)
        return _form_text[0]


def reset_form_text() -> None:
    """Forget the loaded form text (after IT staff updated the files; tests)."""
    with _form_text_lock:
        _form_text.clear()
