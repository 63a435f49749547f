"""PL5xx: personal data sent to third parties and telemetry."""
