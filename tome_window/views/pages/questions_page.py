"""The few questions the forms still need, each asked once for all of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from tome_window.views.editors import FieldEditor
from tome_window.views.pages.base import Page, clear_layout, heading, scrolled

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession


class QuestionsPage(Page):
    title = "質問"

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        outer = QVBoxLayout(self)
        self.heading = heading("")
        outer.addWidget(self.heading)
        self.inner = QWidget()
        self.box = QVBoxLayout(self.inner)
        self.box.setContentsMargins(4, 4, 8, 4)  # a portrait tablet: every pixel to the answers
        self.area = scrolled(self.inner)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.area, 1)
        self.editors: dict[str, FieldEditor] = {}
        self._keys: list[str] = []
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.timeout.connect(self.enter)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("お手続に必要なことをうかがいます"))
        if self.editors and self.isVisible():
            self._rebuild_timer.start(0)  # group titles are made with the editors

    def enter(self) -> None:
        clear_layout(self.box)
        self.editors.clear()
        visit = self.session.visit
        if visit is None:
            return
        questions = self.session.questions()
        self._keys = [q.key for q in questions]
        titles = {p.id: p.title for p, _ in self.session.prefiller.bundle(visit)}
        group = None
        for q in questions:
            owner = (self.tr("共通の質問(すべての申請書に使います)") if "." not in q.key
                     else titles.get(q.procedures[0], ""))
            if owner != group:
                group = owner
                self.box.addWidget(heading(owner, "sectionTitle"))
            editor = FieldEditor(q.key, q.definition, visit.value(q.key), self._commit,
                                 required=q.required)
            self.editors[q.key] = editor
            self.box.addWidget(editor)
        self.box.addStretch(1)

    def _commit(self, key: str, value: Any) -> str | None:
        error = self.session.answer(key, value)
        visit = self.session.visit
        if [q.key for q in self.session.questions()] != self._keys:
            self._rebuild_timer.start(0)  # a condition changed which questions apply
        else:
            for other, editor in self.editors.items():
                if other != key and visit is not None:
                    fact = visit.facts.get(other)
                    if fact is not None and fact.origin in ("prefill", "suggestion"):
                        editor.set_value(fact.value)
        return error

    def editor(self, key: str) -> FieldEditor:
        return self.editors[key]

    def clear(self) -> None:
        clear_layout(self.box)
        self.editors.clear()
        self._keys = []
