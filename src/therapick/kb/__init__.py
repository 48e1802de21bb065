"""The knowledge base: its schema, reading files safely, checking, extending and translating it."""
