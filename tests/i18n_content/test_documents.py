"""The printed guide's and reading aid's own sentences exist in every resident language."""

import pytest

from tome_window.domain.languages import LANGUAGES, SOURCE
from tome_window.services.form_text import FormText
from tome_window.services.pdf.guide import LABELS
from tome_window.services.pdf.reading_aid import TEXTS_JA, texts_for

TARGETS = [lang.code for lang in LANGUAGES if lang.code != SOURCE]
GUIDE_KEYS = set(LABELS) - {"number"}  # the visit number is printed as digits only


@pytest.fixture(scope="module")
def text() -> FormText:
    return FormText.load()


@pytest.mark.parametrize("code", TARGETS)
def test_every_sentence_is_written(text: FormText, code: str) -> None:
    missing = [f"guide.{k}" for k in sorted(GUIDE_KEYS) if not text.document_text(code, "guide", k)]
    missing += [f"reading_aid.{k}" for k in sorted(TEXTS_JA)
                if not text.document_text(code, "reading_aid", k)]
    assert not missing, f"translations/forms/{code}/documents.yaml lacks {missing}"


def test_reading_aid_falls_back_to_english_then_japanese(text: FormText) -> None:
    assert texts_for("ja", text) == TEXTS_JA
    english = texts_for("en", text)
    assert english["title"] != TEXTS_JA["title"]
    assert texts_for("ne", None) == TEXTS_JA  # no curated text at all: the Japanese source
