"""The resident's signature, drawn with a finger, a stylus or a mouse on the resident screen.

Each stroke is a QPainterPath (touch, tablet and mouse alike; a pen's tablet events and a
finger's touch events are taken as they come, so Qt synthesizes no second mouse stroke).
`problem()` refuses an empty pad, a dot or a tiny scribble in the resident's language
(translation context "SignaturePad", a resident context); `png_bytes()` is the ink alone,
trimmed, black on a transparent background, at twice the screen's logical resolution.
The service checks the PNG again (services.signature) before the visit keeps it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tome_window.views.names import name_input

MIN_WIDTH, MIN_HEIGHT = 600, 240
INK_WIDTH = 3.5  # logical pixels on screen
# Below both thresholds a mark is no signature: a tap, a dot, a short tick (logical pixels).
MIN_LENGTH = 80.0  # the strokes' total length
MIN_EXTENT = 40.0  # the larger side of the box around all strokes
PNG_SCALE = 2.0
PNG_MAX_SIDE = 1600  # pixels; the PNG is scaled down to fit


class SignaturePad(QWidget):
    """A large white box with a baseline; `changed` after every stroke and after `clear`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_input(self, "signature")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleDescription(self.tr("署名欄: 指かペンで、枠の中にお名前を書いてください"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, 360)

    # -- strokes ---------------------------------------------------------------------------
    @property
    def strokes(self) -> list[QPainterPath]:
        """One path per stroke, in the widget's coordinates."""
        return [_path(points) for points in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    def _begin(self, at: QPointF) -> None:
        self._strokes.append([QPointF(at)])
        self._drawing = True
        self.update()

    def _extend(self, at: QPointF) -> None:
        if not self._drawing or not self._strokes:
            return
        last = self._strokes[-1][-1]
        if (at - last).manhattanLength() >= 0.5:
            self._strokes[-1].append(QPointF(at))
            self.update()

    def _end(self, at: QPointF) -> None:
        if not self._drawing:
            return
        self._extend(at)
        self._drawing = False
        self.changed.emit()

    def total_length(self) -> float:
        return sum(_length(points) for points in self._strokes)

    def ink_rect(self) -> QRectF:
        """The box around every stroke (empty when there is none)."""
        points = [p for stroke in self._strokes for p in stroke]
        if not points:
            return QRectF()
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        return QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))

    def problem(self) -> str | None:
        """Why this is not yet a signature, in the resident's language; None when it is."""
        if not self._strokes:
            return self.tr("まだ署名がありません。枠の中に、指かペンでお名前を書いてください。")
        rect = self.ink_rect()
        if self.total_length() < MIN_LENGTH or max(rect.width(), rect.height()) < MIN_EXTENT:
            return self.tr("点や短い線だけでは署名になりません。お名前を大きく書いてください。")
        return None

    def png_bytes(self) -> bytes:
        """The ink alone as a PNG: trimmed to the strokes with a small margin, black on
        transparent; b"" for an empty pad."""
        if not self._strokes:
            return b""
        margin = INK_WIDTH * 2
        rect = self.ink_rect().adjusted(-margin, -margin, margin, margin)
        scale = min(PNG_SCALE, PNG_MAX_SIDE / max(rect.width(), rect.height(), 1.0))
        size = QSize(max(8, math.ceil(rect.width() * scale)), max(8, math.ceil(rect.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-rect.topLeft())
        self._paint_ink(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide str
        buffer.close()
        return bytes(data.data())

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.fillRect(frame, QColor("white"))
        painter.setPen(QPen(QColor("#3d4650"), 3))
        painter.drawRoundedRect(frame, 8, 8)
        # The line to sign on, with the usual × at its start.
        base_y = frame.top() + frame.height() * 0.75
        painter.setPen(QPen(QColor("#6b7480"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(frame.left() + 24, base_y), QPointF(frame.right() - 24, base_y))
        painter.setPen(QPen(QColor("#3d4650"), 3))
        x0, y0 = frame.left() + 24, base_y - 30
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + 18, y0 + 18))
        painter.drawLine(QPointF(x0 + 18, y0), QPointF(x0, y0 + 18))
        self._paint_ink(painter)
        painter.end()

    def _paint_ink(self, painter: QPainter) -> None:
        pen = QPen(QColor("black"), INK_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for points in self._strokes:
            if len(points) == 1:
                painter.drawPoint(points[0])
            else:
                painter.drawPath(_path(points))

    # -- input: mouse, tablet pen, touch -----------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()  # no synthesized mouse stroke on top of the pen's

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            points = event.points()  # type: ignore[attr-defined]
            if points:
                at = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(at)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(at)
                else:
                    self._end(at)
            event.accept()
            return True
        return super().event(event)


def _path(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    return path


def _length(points: list[QPointF]) -> float:
    return sum(math.hypot(b.x() - a.x(), b.y() - a.y()) for a, b in zip(points, points[1:], strict=False))
