"""A widget that lays equal cells out in as many columns as its width allows.

The resident's language buttons were a fixed six-column grid, and a grid's minimum is its
widest row: the resident's screen could not become narrower than 1115 px, so on a portrait
tablet or a 1024×768 one 「次へ」 went off screen. `ReflowGrid` keeps a QGridLayout but
chooses its column count from the width it is given (up to `max_columns`) and fixes its own
height to the rows that makes, so the widgets below never overlap. (Height-for-width is not
used: a widget item asks its layout, not the widget, and a grid has none.)

It is a widget rather than a QLayout subclass on purpose: overriding QLayout.itemAt in
Python (which must return None past the end) corrupts None's reference count in PySide6
and aborts a long-running window with "none_dealloc".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class ReflowGrid(QWidget):
    def __init__(self, parent: QWidget | None = None, *, max_columns: int = 6,
                 spacing: int = 6) -> None:
        super().__init__(parent)
        self.max_columns = max(1, max_columns)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._cells: list[QWidget] = []
        self._columns = 0
        self._fit_width = 0

    def add_cell(self, widget: QWidget) -> None:
        self._cells.append(widget)
        self._arrange(self.max_columns if not self.isVisible() else self.columns_for(self.width()))

    # -- sizes -------------------------------------------------------------------------
    def _cell(self) -> QSize:
        cell = QSize(0, 0)
        for widget in self._cells:
            cell = cell.expandedTo(widget.sizeHint()).expandedTo(widget.minimumSizeHint())
        return cell

    def columns_for(self, width: int) -> int:
        cell = self._cell().width()
        count = len(self._cells) or 1
        if cell <= 0:
            return min(self.max_columns, count)
        space = self._grid.spacing()
        return max(1, min(self.max_columns, count, (width + space) // (cell + space)))

    def _widest_useful(self) -> int:
        """All the columns side by side: the preferred width."""
        cell = self._cell().width()
        columns = min(self.max_columns, len(self._cells) or 1)
        return columns * cell + (columns - 1) * self._grid.spacing()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._widest_useful(), self.minimumHeight())

    # -- arranging -----------------------------------------------------------------------
    def fit(self, width: int) -> None:
        """Arrange for `width` although hidden: a hidden widget gets no resize events, yet
        its height counts towards its window's minimum; whoever holds hidden pages (the
        resident's view) passes the width they will have."""
        self._fit_width = width
        if not self.isVisible():
            self._arrange(self.columns_for(width))

    def _width(self) -> int:
        return self.width() if self.isVisible() or not self._fit_width else self._fit_width

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._arrange(self.columns_for(event.size().width()))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._columns = 0  # cells may have grown (the larger-text toggle, the theme)
            self._arrange(self.columns_for(self._width()))
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self._columns = 0  # polished now: the theme's sizes are known
        self._arrange(self.columns_for(self.width()))
        super().showEvent(event)

    def _arrange(self, columns: int) -> None:
        cell = self._cell()
        self.setMinimumWidth(cell.width())
        rows = -(-len(self._cells) // columns) if self._cells else 0
        height = rows * cell.height() + max(0, rows - 1) * self._grid.spacing()
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._cells:
            self._grid.removeWidget(widget)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, widget in enumerate(self._cells):
            self._grid.addWidget(widget, index // columns, index % columns)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
