"""Renderers: one per output format. Each takes the same data and writes it in its own way."""

FORMATS = ("table", "text", "markdown", "json")
