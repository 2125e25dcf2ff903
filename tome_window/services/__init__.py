"""Services: forms loading, prefill, storage, PDF, postal codes, furigana, card reading.

Each sits behind a small interface so that views and tests can swap it; none imports Qt.
"""
