"""PL6xx: clear-text storage of sensitive data."""
