"""The whole window, offscreen, as the GUI tests use it."""

from tests.gui.conftest import window  # noqa: F401 - the fixture, shared
