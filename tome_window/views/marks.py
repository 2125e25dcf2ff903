"""Marking texts for the translation catalogs, in a module light enough for the first paint."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks a text for the catalogs where it is defined; tr() translates it where shown."""
    return text
