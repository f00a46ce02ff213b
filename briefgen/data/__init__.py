"""The curated dataset: reading, record types, the on-disk cache and the check against sources."""
