"""The rule language: safe expressions compiled over an allow-list, and the names they may use."""
