"""The steps of a visit, one widget each; the main window only moves between them."""
