"""PL4xx: missing redaction and exposure (models that print sensitive fields, whole-object dumps)."""
