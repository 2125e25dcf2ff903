"""The resident signs on the tablet: an empty pad or a dot is refused in the resident's
language, a drawn name is stored with the visit through the session, the page is large."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.test_resident_readable import too_small
from tests.i18n.test_switching import open_confirmation
from tome_window.views.resident_sign import SignPage
from tome_window.views.signature_pad import MIN_HEIGHT, MIN_WIDTH, SignaturePad

LEFT = Qt.MouseButton.LeftButton


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with the mouse: press, move through the points, release."""
    first, *rest = [QPoint(x, y) for x, y in points]
    QTest.mousePress(pad, LEFT, Qt.KeyboardModifier.NoModifier, first)
    for point in rest:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, LEFT, Qt.KeyboardModifier.NoModifier, rest[-1] if rest else first)


def tap(pad: SignaturePad, x: int, y: int) -> None:
    QTest.mouseClick(pad, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(x, y))


def name_like(pad: SignaturePad) -> None:
    draw(pad, [(100 + 12 * i, 150 + (40 if i % 2 else -30)) for i in range(25)])
    draw(pad, [(180, 100), (200, 200)])


@pytest.fixture
def page(qtbot, window):  # noqa: ANN001, ANN201
    open_confirmation(qtbot, window)
    sign = SignPage(window.session)
    qtbot.addWidget(sign)
    sign.resize(1280, 800)
    sign.show()
    sign.enter()
    qtbot.waitExposed(sign)
    return sign


def test_pad_is_large_named_and_refuses_empty_and_dot(qtbot) -> None:  # noqa: ANN001
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(900, 360)
    pad.show()
    assert pad.objectName() == "input:signature"
    assert pad.minimumWidth() >= MIN_WIDTH and pad.minimumHeight() >= MIN_HEIGHT
    assert pad.problem() and pad.png_bytes() == b""
    tap(pad, 300, 150)
    assert len(pad.strokes) == 1
    assert pad.problem() and "点" in pad.problem()
    draw(pad, [(300, 150), (306, 152)])  # a tick is no signature either
    assert pad.problem()
    pad.clear()
    assert pad.is_empty()
    name_like(pad)
    assert pad.problem() is None
    png = pad.png_bytes()
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.mode == "RGBA"
        width, height = image.size
        # trimmed to the ink (about 300 x 100 logical pixels), drawn at twice the resolution
        assert 500 < width < 800 and 150 < height < 300
        assert image.getchannel("A").getbbox() is not None


def test_empty_pad_and_a_dot_are_refused_on_the_page(qtbot, page) -> None:  # noqa: ANN001
    session = page.session
    signed: list[bool] = []
    page.signed.connect(lambda: signed.append(True))
    qtbot.mouseClick(page.sign_button, LEFT)
    assert page.message.isVisible() and "署名がありません" in page.message.text()
    tap(page.pad, 400, 150)
    assert not page.message.isVisible()  # writing again clears the stale refusal
    qtbot.mouseClick(page.sign_button, LEFT)
    assert page.message.isVisible() and "点" in page.message.text()
    assert not signed and not session.signature_present


def test_refusal_in_the_residents_language(qtbot, page) -> None:  # noqa: ANN001
    session = page.session
    session.set_language("en")
    QApplication.processEvents()
    assert page.heading.text() == "Please sign here"
    qtbot.mouseClick(page.sign_button, LEFT)
    assert page.message.text().endswith("There is no signature yet. Write your name inside the "
                                        "box with your finger or a pen.")
    tap(page.pad, 400, 150)
    qtbot.mouseClick(page.sign_button, LEFT)
    assert "A dot or a short line is not a signature" in page.message.text()
    session.set_language("vi")
    QApplication.processEvents()
    assert "chữ ký" in page.message.text()  # the shown refusal follows the language
    session.set_language("ja")


def test_drawn_signature_is_stored_with_the_visit(qtbot, page) -> None:  # noqa: ANN001
    session = page.session
    signed: list[bool] = []
    page.signed.connect(lambda: signed.append(True))
    name_like(page.pad)
    qtbot.mouseClick(page.sign_button, LEFT)
    assert signed == [True] and not page.message.isVisible()
    assert session.signature_present
    png = session.current.signature.png
    assert png.startswith(b"\x89PNG")
    page.enter()
    assert page.pad.is_empty() and session.signature_present  # a fresh pad keeps what was stored
    session.answer("phone", "0220-22-9999")  # a change the resident did not see voids it
    assert not session.signature_present


def test_rewrite_clears_the_pad(qtbot, page) -> None:  # noqa: ANN001
    name_like(page.pad)
    assert page.clear_button.objectName() == "action:clear_signature"
    assert page.sign_button.objectName() == "action:sign"
    qtbot.mouseClick(page.clear_button, LEFT)
    assert page.pad.is_empty()


@pytest.mark.parametrize("size", ((1280, 800), (1920, 1080)))
def test_sign_page_is_large(qtbot, page, size) -> None:  # noqa: ANN001
    page.resize(*size)
    qtbot.mouseClick(page.sign_button, LEFT)  # the refusal message is shown too
    QApplication.processEvents()
    assert page.objectName() == "view:resident/sign"
    assert not too_small(page, 20), too_small(page, 20)
    assert page.pad.width() >= MIN_WIDTH and page.pad.height() >= MIN_HEIGHT
    for button in (page.clear_button, page.sign_button):
        assert button.height() >= 66


def test_finger_strokes_are_drawn(qtbot) -> None:  # noqa: ANN001
    """Touch events (a finger on the tablet) make strokes, with no second mouse stroke."""
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(900, 360)
    pad.show()
    qtbot.waitExposed(pad)
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(100, 150), pad).commit()
    for i in range(1, 20):
        QTest.touchEvent(pad, device).move(0, QPoint(100 + 15 * i, 150 + (30 if i % 2 else -30)),
                                           pad).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(400, 150), pad).commit()
    QApplication.processEvents()
    assert len(pad.strokes) == 1
    assert pad.problem() is None


def test_pen_strokes_are_drawn(qtbot) -> None:  # noqa: ANN001
    """Tablet events (a stylus) make strokes; a pen's tap alone is refused like a dot."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QPointingDevice, QTabletEvent

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(900, 360)
    pad.show()
    pen = QPointingDevice.primaryPointingDevice()

    def send(kind: QEvent.Type, x: float, y: float, buttons: Qt.MouseButton) -> None:
        at = QPointF(x, y)
        event = QTabletEvent(kind, pen, at, pad.mapToGlobal(at), 0.5, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, LEFT, buttons)
        QApplication.sendEvent(pad, event)

    send(QEvent.Type.TabletPress, 200, 200, LEFT)
    send(QEvent.Type.TabletRelease, 200, 200, Qt.MouseButton.NoButton)
    assert len(pad.strokes) == 1 and pad.problem()
    pad.clear()
    send(QEvent.Type.TabletPress, 120, 200, LEFT)
    for i in range(1, 25):
        send(QEvent.Type.TabletMove, 120 + 12 * i, 200 - (25 if i % 2 else -25), LEFT)
    send(QEvent.Type.TabletRelease, 420, 200, Qt.MouseButton.NoButton)
    assert len(pad.strokes) == 1 and pad.problem() is None
