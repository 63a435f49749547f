"""PL502: personal data is sent to an error tracker."""

from __future__ import annotations

from privlint.engine.context import CallSite
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl5_thirdparty.common import callee, resolve, sent, track


@register
class PiiToErrorTracker(Rule):
    """Personal data is sent to an error tracker.

    ## Why is this bad?
    Sentry events are stored by a third party, searchable by many people and kept
    for months. User e-mails, names, tokens or message content in tags, contexts,
    extras, the user object or a message leave the organisation's control.

    ## Example
        sentry_sdk.set_user({"id": user.id, "email": user.email})

    ## Use instead
        sentry_sdk.set_user({"id": user.id})

    The error-tracker calls and their data arguments are listed in the rule pack
    (`rules/thirdparty.toml`, `service = "error-tracker"`), including methods of
    scopes (`with sentry_sdk.push_scope() as scope: scope.set_user(...)`,
    `sentry_sdk.get_current_scope().set_tag(...)`). An internal user ID is what
    Sentry's user object is for: the `[identity] allowed` categories of the pack are
    not reported.
    """

    CODE = "PL502"
    NAME = "pii-to-error-tracker"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "third-party", "external/cwe/cwe-359")
    SECURITY_SEVERITY = 5.3
    CWE = (359,)

    VALID = [
        Valid("import sentry_sdk\nsentry_sdk.capture_message('payment failed')\n"),
        Valid("import sentry_sdk\nsentry_sdk.set_tag('region', region)\n"),
        Valid("import sentry_sdk\nsentry_sdk.set_extra('count', len(password))\n"),
        Valid("import sentry_sdk\nsentry_sdk.set_context('job', {'name': job_name})\n"),
        Valid("import sentry_sdk\nsentry_sdk.capture_message(f'failed after {attempts} tries')\n"),
        Valid("import sentry_sdk\nsentry_sdk.capture_message(mask(email))\n"),
        Valid("import other\nother.set_user({'email': email})\n"),
        Valid("import sentry_sdk\nsentry_sdk.set_tag('has_password', bool(password))\n"),
        Valid("import sentry_sdk\nsentry_sdk.capture_exception(err)\n"),
        Valid("def set_tag(k, v): pass\nset_tag('token', token)\n"),
        Valid("import sentry_sdk\nsentry_sdk.set_user({'id': user_id, 'username': username})\n"),
        Valid(
            "import sentry_sdk\nwith sentry_sdk.push_scope() as scope:\n"
            "    scope.set_tag('region', region)\n"
        ),
    ]
    INVALID = [
        Invalid("import sentry_sdk\nsentry_sdk.set_user({'email': email})\n"),
        Invalid("import sentry_sdk\nsentry_sdk.set_user({'id': 1, 'email': user.email})\n"),
        Invalid("import sentry_sdk\nsentry_sdk.capture_message(f'bad login {email}')\n"),
        Invalid("import sentry_sdk as s\ns.capture_message('reset for ' + email)\n"),
        Invalid("from sentry_sdk import set_tag\nset_tag('email', email)\n"),
        Invalid("import sentry_sdk\nsentry_sdk.set_extra('password', password)\n"),
        Invalid("import sentry_sdk\nsentry_sdk.set_context('user', {'phone': phone})\n"),
        Invalid("import sentry_sdk\naddr = form['email']\nsentry_sdk.set_tag('who', addr)\n"),
        Invalid("import sentry_sdk\nsentry_sdk.capture_message('token %s' % api_token)\n"),
        Invalid(
            "import sentry_sdk\nsentry_sdk.set_user({'username': u, 'ip_address': ip_address})\n"
        ),
        Invalid(
            "import sentry_sdk\nwith sentry_sdk.push_scope() as scope:\n"
            "    scope.set_extra('card', card_number)\n",
            message="financial.card reaches scope.set_extra",
        ),
        Invalid("import sentry_sdk\nsentry_sdk.get_current_scope().set_user({'email': email})\n"),
    ]

    def on_assign(self, site: AssignSite) -> None:
        track(site)

    def on_call(self, site: CallSite) -> None:
        call = resolve(site)
        if call is None or call.service != "error-tracker":
            return
        name = callee(site, call)
        allowed = site.policy.thirdparty.identity_allowed
        for arg, taint, _ in sent(site, call):
            categories = site.ordered(taint - allowed)
            if categories:
                site.report(type(self), arg.value, f"{categories[0]} reaches {name}", categories)
