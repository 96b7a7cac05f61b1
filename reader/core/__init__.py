"""Qari's core: documents, loaders, normalisation, footnotes, entities, search.

Plain Python only. Nothing under this package may import Qt; a test enforces it,
so every piece here can be tested, benchmarked and used from the command line
without a window.
"""
