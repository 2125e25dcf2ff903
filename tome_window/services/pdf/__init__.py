"""PDF applications (reportlab, A4, embedded Japanese fonts), drawn from the definitions."""

from tome_window.services.pdf.fonts import FontSet, GaijiHit, PdfError, find_gaiji, load_fonts
from tome_window.services.pdf.render import RenderedForm, render_bundle, render_form

__all__ = ["FontSet", "GaijiHit", "PdfError", "RenderedForm", "find_gaiji", "load_fonts",
           "render_bundle", "render_form"]
