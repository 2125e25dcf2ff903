"""The resident signs on the tablet: a large pad, 「書き直す」 and 「署名して終わる」.

The signature goes to the visit through the session (VisitService.set_signature: kept
encrypted with the visit, audited as present with its size, never the image) and is drawn
into every form's 署名 box with the date. An empty pad, a dot or a tiny scribble is refused
here in the resident's language; an image the service refuses asks for a new signature.
Staff who choose paper simply skip this page: the boxes stay empty for a pen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tome_window.views.i18n import font_families
from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.pages.confirm_page import polish_tree
from tome_window.views.read_aloud import ReadAloudButton
from tome_window.views.signature_pad import SignaturePad

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession

log = logging.getLogger(__name__)


class SignPage(QWidget):
    """`view:resident/sign`; `signed` once the session stored the signature."""

    signed = Signal()

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("view:resident/sign")
        set_look(self, "resident")
        self.setProperty("textsize", "normal")
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("residentTitle")
        self.heading.setWordWrap(True)
        set_look(self.heading, "resident_title")
        top.addWidget(self.heading, 1)
        self.read_aloud = ReadAloudButton(get_text=self._spoken_text,
                                          language=lambda: session.language)
        set_look(self.read_aloud, "resident_secondary")
        top.addWidget(self.read_aloud)
        outer.addLayout(top)
        self.hint = QLabel()
        self.hint.setObjectName("residentHint")
        self.hint.setWordWrap(True)
        set_look(self.hint, "resident_hint")
        outer.addWidget(self.hint)
        self.pad = SignaturePad()
        self.pad.changed.connect(self._pad_changed)
        outer.addWidget(self.pad, 1)
        self.message = QLabel()
        self.message.setObjectName("residentMessage")
        self.message.setWordWrap(True)
        set_look(self.message, "resident_hint")
        self.message.hide()
        outer.addWidget(self.message)
        # one button a row: side by side they made the page 820 px wide, more than a
        # portrait tablet has
        self.clear_button = name_action(QPushButton(), "clear_signature")
        set_look(self.clear_button, "resident_secondary")
        self.clear_button.clicked.connect(self.clear)
        self.sign_button = name_action(QPushButton(), "sign")
        set_look(self.sign_button, "resident_primary")
        self.sign_button.clicked.connect(self._sign)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        outer.addLayout(buttons)
        outer.addWidget(self.sign_button)
        session.language_changed.connect(lambda _code: self.retranslate())
        self._problem: str | None = None  # what the message shows, to retranslate it
        self.retranslate()

    def retranslate(self) -> None:
        font = QFont(self.font())
        font.setFamilies(font_families(self.session.language))
        self.setFont(font)
        self.heading.setText(self.tr("ご署名をお願いします"))
        self.hint.setText(self.tr("下の枠の中に、指かペンでお名前を書いてください。"))
        set_text(self.clear_button, self.tr("書き直す"))
        set_text(self.sign_button, self.tr("署名して終わる"))
        self.pad.retranslate()
        self.read_aloud.refresh()
        if self._problem == "pad":
            self._show(self.pad.problem())
        elif self._problem == "refused":
            self._show(self._refused_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_larger_text(self, on: bool) -> None:
        """Every text ×1.25, as on the resident's check (theme: [textsize="large"])."""
        size = "large" if on else "normal"
        if self.property("textsize") != size:
            self.setProperty("textsize", size)
            polish_tree(self)

    # -- the page's life -----------------------------------------------------------------
    def enter(self) -> None:
        """A fresh pad each time the page is shown."""
        self.read_aloud.stop()
        self.clear()

    def clear(self) -> None:
        """Empty the pad and the message (the stored signature stays until a new one)."""
        self.pad.clear()
        self._show(None)

    def _pad_changed(self) -> None:
        if self._problem is not None and not self.pad.is_empty():
            self._show(None)  # a stale refusal goes when the resident writes again

    def _sign(self) -> None:
        problem = self.pad.problem()
        if problem is not None:
            self._problem = "pad"
            self._show(problem)
            return
        from tome_window.domain.errors import TomeError

        try:
            self.session.set_signature(self.pad.png_bytes())
        except TomeError as exc:
            log.warning("signature refused: %s", exc.message_en)
            self._problem = "refused"
            self._show(self._refused_text())
            return
        self._show(None)
        self.read_aloud.stop()
        self.signed.emit()

    def _refused_text(self) -> str:
        return self.tr("署名を受け付けられませんでした。書き直して、もう一度お願いします。")

    def _show(self, text: str | None) -> None:
        if text is None:
            self._problem = None
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    def _spoken_text(self) -> str:
        parts = [self.heading.text(), self.hint.text()]
        if self.message.isVisible():
            parts.append(self.message.text().lstrip("⚠ "))
        return "\n".join(parts)
