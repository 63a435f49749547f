"""PL405: an application configures logging with no redacting filter (optional rule)."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import dotted
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl4_redaction.common import ModuleFacts, matches, root_module

HOW = "no redacting filter (privlint.runtime.install() or one named in redaction-filters)"


@register
class LoggingConfigWithoutRedaction(Rule):
    """An application configures logging with no redacting filter installed.

    ## Why is this bad?
    Static checks catch the secrets code names; values that arrive in exception
    messages, third-party loggers and `%r` of objects still reach the log. A
    redacting filter on every logger (`privlint.runtime.install()`, or the
    project's own) masks them as they are written. Where a policy requires one,
    the place to check is where the application sets logging up.

    ## Example
        if __name__ == "__main__":
            logging.basicConfig(level=logging.INFO)
            main()

    ## Use instead
        if __name__ == "__main__":
            logging.basicConfig(level=logging.INFO)
            privlint.runtime.install()
            main()

    Off by default: enable it with `enable = ["PL405"]` under `[tool.privlint]`.
    Reported: `logging.basicConfig`, `logging.config.dictConfig` and `fileConfig`
    in an application entry point (a module with `if __name__ == "__main__":` or a
    `main()` function), and a settings module's `LOGGING = {...}` dict, when nothing
    in the module installs a redacting filter: a call to one of the rule pack's
    installers (`privlint.runtime.install`), a filter class the pack or
    `[tool.privlint] redaction-filters` names (called, or named in a dictConfig
    string such as `"()": "privlint.runtime.logging.RedactingFilter"`).
    """

    CODE = "PL405"
    NAME = "logging-config-without-redaction"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 3.0
    CWE = (532,)
    ENABLED_BY_DEFAULT = False
    TRIGGER = ("basicConfig", "dictConfig", "fileConfig", "LOGGING")

    VALID = [
        Valid(
            "import logging\nimport privlint.runtime\n"
            "if __name__ == '__main__':\n    logging.basicConfig(level=logging.INFO)\n"
            "    privlint.runtime.install()\n"
        ),
        Valid(
            "import logging\nfrom privlint import runtime\ndef main():\n"
            "    runtime.install()\n    logging.basicConfig()\n"
        ),
        Valid("import logging\ndef setup():\n    logging.basicConfig(level=logging.DEBUG)\n"),
        Valid(
            "import logging.config\ndef main():\n    logging.config.dictConfig({\n"
            "        'version': 1,\n        'filters': {'redact': {'()': "
            "'privlint.runtime.logging.RedactingFilter'}},\n"
            "        'handlers': {'h': {'class': 'logging.StreamHandler', 'filters': ['redact']}},\n"
            "    })\n"
        ),
        Valid(
            "LOGGING = {\n    'version': 1,\n    'filters': {'mask': {'()': "
            "'privlint.runtime.logging.RedactingFilter'}},\n}\n"
        ),
        Valid(
            "import logging\nfrom privlint.runtime.logging import RedactingFilter\n"
            "def main():\n    logging.basicConfig()\n"
            "    logging.getLogger().addFilter(RedactingFilter())\n"
        ),
        Valid("LOGGING_LEVEL = 'INFO'\nLOGGING = os.environ.get('LOGGING_CONF')\n"),
        Valid(
            "import logging\ndef main():\n    pass\ndef basicConfig():\n    pass\nbasicConfig()\n"
        ),
        Valid("def main():\n    LOGGING = {'version': 1}\n    return LOGGING\n"),
        Valid(
            "from logging import basicConfig\nimport privlint.runtime.logging\n"
            "if __name__ == '__main__':\n    basicConfig()\n"
            "    privlint.runtime.logging.install_logging()\n"
        ),
        Valid(
            "import logging\nclass App:\n    def configure(self):\n        logging.basicConfig()\n"
        ),
        # Django 5.2 django/conf/global_settings.py: the empty default
        Valid("LOGGING_CONFIG = 'logging.config.dictConfig'\nLOGGING = {}\n"),
    ]
    INVALID = [
        Invalid(
            "import logging\n\nif __name__ == '__main__':\n    logging.basicConfig(level=logging.INFO)\n",
            region=(4, 5, 4, 44),
            message=f"logging.basicConfig configures logging with {HOW}",
        ),
        Invalid("import logging\ndef main():\n    logging.basicConfig(format='%(message)s')\n"),
        Invalid(
            "import logging.config\nimport yaml\ndef main():\n"
            "    logging.config.dictConfig(yaml.safe_load(open('logging.yaml')))\n"
        ),
        Invalid(
            "from logging.config import fileConfig\nif __name__ == '__main__':\n"
            "    fileConfig('logging.ini')\n"
        ),
        Invalid(
            "LOGGING = {\n    'version': 1,\n    'handlers': {'console': "
            "{'class': 'logging.StreamHandler'}},\n}\n",
            region=(1, 1, 1, 8),
            message=f"LOGGING configures logging with {HOW}",
        ),
        Invalid(
            "from logging import basicConfig as setup_logging\ndef main(argv=None):\n"
            "    setup_logging()\n"
        ),
        Invalid(
            "import logging\nimport privlint.runtime\ndef main():\n    logging.basicConfig()\n"
            "    privlint.runtime.mask('x')\n"
        ),
        Invalid(
            "import logging.config\nLOGGING_CONFIG = {'version': 1, 'filters': "
            "{'x': {'()': 'myapp.logs.ContextFilter'}}}\n"
            "if __name__ == '__main__':\n    logging.config.dictConfig(LOGGING_CONFIG)\n"
        ),
        Invalid("import logging as lg\nasync def main():\n    lg.basicConfig(level=lg.WARNING)\n"),
        Invalid(
            "import logging\nimport click\n@click.command()\ndef main():\n"
            "    logging.basicConfig()\nif __name__ == '__main__':\n    main()\n"
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "if __name__ == '__main__':\n    import sys\n    logging.basicConfig(stream=sys.stdout)\n"
        ),
    ]

    def __init__(self) -> None:
        self._facts: ModuleFacts | None = None

    def on_call(self, site: CallSite) -> None:
        if site.qualified is None:
            return
        if site.qualified not in site.policy.redaction.logging_config_functions:
            return
        facts = self._module(site)
        if not (facts.has_main_guard or facts.defines_main) or self._redacts(site, facts):
            return
        site.report(type(self), site.node, f"{site.qualified} configures logging with {HOW}")

    def on_assign(self, site: AssignSite) -> None:
        target = site.target
        if site.analysis.scope.parent is not None or not isinstance(target, cst.Name):
            return
        if target.value not in site.policy.redaction.logging_settings:
            return
        if not isinstance(site.value, cst.Dict) or not site.value.elements:
            return  # `LOGGING = {}`: a default that configures nothing
        if self._redacts(site, self._module(site)):
            return
        site.report(type(self), target, f"{target.value} configures logging with {HOW}")

    def _module(self, site: Site) -> ModuleFacts:
        if self._facts is None:
            module = root_module(site)
            self._facts = ModuleFacts.of(module) if module is not None else ModuleFacts()
        return self._facts

    @staticmethod
    def _redacts(site: Site, facts: ModuleFacts) -> bool:
        """Whether the module installs a redacting filter anywhere."""
        spec = site.policy.redaction
        names = spec.redaction_installers + spec.redaction_filters
        for call in facts.calls:
            if matches(names, site.qualify(call.func)) or matches(names, dotted(call.func)):
                return True
        return any(matches(spec.redaction_filters, text) for text in facts.strings)
