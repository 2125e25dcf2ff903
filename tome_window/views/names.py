"""Stable names for every input and action, and the look a widget is styled by.

Scripted visits (the GUI tests, a counter rehearsal, the bench) and screen readers reach
widgets by these names, so they say what a widget *is* and never change with layout,
language or style:

- ``fact:KEY`` / ``field:PROCEDURE.FIELD``: an editor holding an answer (`automation_name`),
  e.g. ``fact:new_address``, ``fact:resident.name``, ``field:kokuho_shikaku.reason``;
- ``input:NAME`` (or ``input:NAME/REF``): any other input, e.g. ``input:procedure_search``,
  ``input:copies``, ``input:reason/jidou_teate.account_number``;
- ``action:NAME`` (or ``action:NAME/REF``): a push button that does something, NAME in
  snake_case, e.g. ``action:next``, ``action:print``, ``action:override/REF``;
- option names for checkable buttons, which stand for a choice rather than an action:
  ``event:ID``, ``sex:CODE``, ``lang:CODE``, ``choice:KEY/VALUE``, ``confirm:last_try``
  (a checkable button that toggles a panel, ``action:ask_staff``, keeps its action name).

An input's accessible name is its stable name and its accessible description the label
shown beside it; a button's accessible name is its visible text, kept current by `set_text`
when the language changes. Styling never depends on these names: the theme (ui/theme.qss)
picks a button's look from the dynamic property ``look`` (`set_look`), so renaming a widget
for scripts cannot change how it looks.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

B = TypeVar("B", bound=QAbstractButton)
W = TypeVar("W", bound=QWidget)


def automation_name(key: str) -> str:
    """The stable name scripts and screen readers use: `fact:KEY` for a shared or resident
    fact (`fact:new_address`, `fact:resident.name`), `field:PROCEDURE.FIELD` for a form-only
    field (`field:kokuho_shikaku.reason`)."""
    head = key.partition(".")[0]
    shared = "." not in key or head in ("resident", "visit")
    return f"{'fact' if shared else 'field'}:{key}"


def name_action(button: B, action: str, text: str | None = None) -> B:
    """Name a push button `action:ACTION`; its accessible name is its visible text."""
    button.setObjectName(f"action:{action}")
    if text is None:
        button.setAccessibleName(button.text())
    else:
        set_text(button, text)
    return button


def name_option(button: B, option: str) -> B:
    """Name a checkable button by the choice it stands for (`sex:1`, `lang:en`)."""
    button.setObjectName(option)
    button.setAccessibleName(button.text())
    return button


def set_text(button: QAbstractButton, text: str) -> None:
    """Show `text` on a button and keep its accessible name equal to it (retranslation)."""
    button.setText(text)
    button.setAccessibleName(text)


def name_input(widget: W, name: str, description: str = "") -> W:
    """Name an input that holds no fact: `input:NAME`, described by its visible label."""
    return name_editor(widget, f"input:{name}", description)


def name_editor(widget: W, name: str, description: str = "") -> W:
    """An input's object and accessible name are its stable name; the label describes it."""
    widget.setObjectName(name)
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def set_look(widget: QWidget, look: str) -> None:
    """Style `widget` by the theme's `[look="LOOK"]` rules (primary, danger, resident_*).

    Set it before the widget is shown; a widget already polished is polished again, since
    Qt reads dynamic properties for style sheets only when polishing.
    """
    if widget.property("look") == look:
        return
    widget.setProperty("look", look)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
