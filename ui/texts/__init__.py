"""The text catalogue, one module per area (merged in ui/i18n.py)."""
