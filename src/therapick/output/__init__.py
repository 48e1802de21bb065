"""Laying out and writing: the document model and its renderers, screens, JSON, Markdown, files."""
