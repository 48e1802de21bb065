"""therapick: find kinds of therapeutic help to talk over with a professional."""

__version__ = "0.1.0"
