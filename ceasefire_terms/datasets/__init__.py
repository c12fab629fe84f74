"""The field's reference datasets, read from their published rows."""
