"""Property-based tests: what must hold for every valid questionnaire and response set."""
