"""Renderers: a neutral document model and one renderer per output format."""
