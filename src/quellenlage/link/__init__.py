"""Linking: telling when two mentions name the same thing (within and across articles)."""
