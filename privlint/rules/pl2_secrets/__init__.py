"""PL2xx: secrets in the repository.

- PL201 hardcoded-credential (hardcoded_credential.py): the CST rule for Python
- PL202-PL208: detect-secrets findings in any file, one rule per family
  (file_rules.py; the scanner is ``privlint/engine/secrets.py``)
- PL209 committed-env-file, PL210 private-key-file: files never to track (file_rules.py)
"""
