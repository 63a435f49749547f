"""PL102: sensitive data is printed or written to stdout/stderr."""

from __future__ import annotations

from privlint.engine.context import CallSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import command_line_program, describe


@register
class SensitiveDataToOutput(Rule):
    """Sensitive data is printed or written to standard output.

    ## Why is this bad?
    Standard output and error end up in container logs, CI logs, terminal
    scroll-back and support screenshots: everywhere a log goes, with none of the
    controls. A debugging `print(user.email)` that ships is a leak.

    ## Example
        print("token:", token)

    ## Use instead
        print("token present:", bool(token))

    Covers `print`, `sys.stdout.write`/`sys.stderr.write`, `pprint`, `click.echo`
    and `rich.print`, after import resolution; a local function named `print` is
    not a sink.

    A command-line program (a module that defines a click or typer command or
    builds an argparse parser: the pack's `[output] programs`) prints to the
    operator who ran it, on purpose: an admin command that lists members' addresses
    is doing its job. There, people's data is a note and a credential a warning (it
    still lands in CI logs and scroll-back).
    """

    CODE = "PL102"
    NAME = "sensitive-data-to-output"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 6.5
    CWE = (532,)

    VALID = [
        Valid(
            "def show(*items):\n    print(*items)\n"
            "def f(email):\n    show('sent to', len(email), 'chars')\n"
        ),
        Valid("print('token present:', bool(token))\n"),
        Valid("print(len(password))\n"),
        Valid("print('hello', file=sys.stderr)\n"),
        Valid("print(token_count)\n"),
        Valid("def print(*a):\n    pass\nprint(password)\n"),
        Valid("from rich import print as rprint\nrprint('ok')\n"),
        Valid("import sys\nsys.stdout.write('done\\n')\n"),
        Valid("print(f'{max_tokens} tokens')\n"),
        Valid("print(mask_email(email))\n"),
        Valid("import click\nclick.echo(f'{len(emails)} e-mails sent')\n"),
        Valid("print(user.password_hash)\n"),
        Valid("password = 'x'\npassword = None\nprint(password)\n"),
    ]
    INVALID = [
        # a prompt's text alone is a CLI question as often as what a user asks an LLM
        Invalid(
            "import click\ndef select(prompt_text, options):\n    click.secho(prompt_text, bold=True)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "def show(*items):\n    print(*items)\n"
            "def note(x):\n    show('note', x)\n"
            "def f(email):\n    note(email)\n",
            region=(6, 10, 6, 15),
            message="pii.email reaches print through note -> show",
        ),
        Invalid(
            "print('token:', token)\n",
            region=(1, 17, 1, 22),
            message="credential.token reaches print",
        ),
        Invalid("import sys\nsys.stdout.write(f'pw={password}\\n')\n", region=(2, 18, 2, 36)),
        Invalid("import sys as s\ns.stderr.write(user.email)\n"),
        Invalid("from pprint import pprint\npprint({'ssn': record.ssn})\n"),
        Invalid("import click\nclick.echo(api_key)\n"),
        Invalid("from rich import print as rprint\nrprint(credit_card_number)\n"),
        Invalid("def f(u):\n    s = f'{u.first_name} {u.last_name}'\n    print(s)\n"),
        Invalid("print('phone: %s' % phone)\n"),
        Invalid("print(*[c.email for c in contacts])\n"),
        Invalid("def f(req):\n    print(req.headers['Authorization'])\n"),
        Invalid("print(secret.upper())\n"),
        Invalid("import pprint\npprint.pp(date_of_birth)\n"),
        # a command-line program prints to its operator: an admin command listing members
        Invalid(
            "import click\n"
            "def show(member):\n    print(member.email)\n"
            "@click.command()\ndef members():\n    show(find())\n",
            message="pii.email reaches print (a command-line program's output)",
            level=Level.NOTE,
        ),
        Invalid(
            "import click\nfrom app.cli import main\n"
            "@main.command()\ndef find(user):\n    click.echo(user.email)\n",
            level=Level.NOTE,
        ),
        # a script at the project's root with a main guard: run by hand
        Invalid(
            "def main():\n    for author in blame():\n        print(author.email)\n"
            "if __name__ == '__main__':\n    main()\n",
            filename="contribution_stats.py",
            level=Level.NOTE,
        ),
        Invalid(
            "def main():\n    for author in blame():\n        print(author.email)\n"
            "if __name__ == '__main__':\n    main()\n",
            filename="app/stats.py",
            level=Level.ERROR,
        ),
        Invalid(
            "from flask import Flask\napp = Flask(__name__)\n"
            "@app.route('/signup')\ndef signup():\n    print(request.form['email'])\n"
            "if __name__ == '__main__':\n    app.run()\n",
            filename="app.py",
            level=Level.ERROR,
        ),
        # a file that starts with `#!` is a script wherever it is: a credential it
        # prints is a warning there, as for any command-line program
        Invalid(
            "#!/usr/bin/env python\nimport secrets\n"
            "password = ''.join(secrets.choice(ALPHABET) for i in range(50))\nprint(password)\n",
            filename="app/generate_secret_key.py",
            level=Level.WARNING,
        ),
        Invalid(
            "#!/usr/bin/env python\nfor author in blame():\n    print(author.email)\n",
            filename="app/stats.py",
            level=Level.NOTE,
        ),
        Invalid(
            "import secrets\n"
            "password = ''.join(secrets.choice(ALPHABET) for i in range(50))\nprint(password)\n",
            filename="app/generate_secret_key.py",
            level=Level.ERROR,
        ),
        Invalid(
            "from django.core.management.base import BaseCommand\n"
            "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
            "        for user in duplicates():\n            print(user.email)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import argparse\ndef main():\n    args = argparse.ArgumentParser().parse_args()\n"
            "    print('token:', api_token)\n",
            level=Level.WARNING,
        ),
    ]

    def on_call(self, site: CallSite) -> None:
        sinks = site.policy.sinks
        if site.qualified is None or site.qualified not in sinks.output_functions:
            return
        sink = site.callee_name()
        for arg in site.data_arguments(sinks.output_ignore_keywords):
            categories = site.ordered(site.taint(arg.value))
            if not categories or not command_line_program(site):
                site.reach(type(self), arg.value, sink, describe)
                continue
            # a command-line program's output to its operator
            credential = any(category.startswith("credential.") for category in categories)
            site.report(
                type(self),
                arg.value,
                f"{describe(categories, sink)} (a command-line program's output)",
                categories,
                level=Level.WARNING if credential else Level.NOTE,
            )
            site.summarise(type(self), arg.value, sink, describe)
