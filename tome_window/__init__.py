"""Tome Window: counter software for Tome City's 書かない窓口."""

__version__ = "0.1.0"
