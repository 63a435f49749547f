"""PL502: personal data is sent to an error tracker."""

from __future__ import annotations

from privlint.engine.context import CallSite
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe
from privlint.rules.pl5_thirdparty.common import assigned, callee, resolve, sent, track


@register
class PiiToErrorTracker(Rule):
    """Personal data is sent to an error tracker.

    ## Why is this bad?
    Sentry events are stored by a third party, searchable by many people and kept
    for months. User e-mails, names, tokens or message content in tags, contexts,
    extras, breadcrumbs, the user object or a message leave the organisation's
    control. The same holds for Rollbar, Bugsnag, Honeybadger, Airbrake and New
    Relic error notices.

    ## Example
        sentry_sdk.set_user({"id": user.id, "email": user.email})

    ## Use instead
        sentry_sdk.set_user({"id": user.id})

    The error-tracker calls and their data arguments are listed in the rule pack
    (`rules/thirdparty.toml`, `service = "error-tracker"`), including methods of
    scopes (`with sentry_sdk.push_scope() as scope: scope.set_user(...)`,
    `sentry_sdk.get_current_scope().set_tag(...)`) and the attributes a scope sends
    when assigned (`scope.user = {...}`, `[[assign]]`). An internal user ID is what
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
        Valid(
            "import sentry_sdk\n"
            "sentry_sdk.add_breadcrumb(category='auth', message='login ok', data={'uid': user_id})\n"
        ),
        Valid(
            "import sentry_sdk\nwith sentry_sdk.configure_scope() as scope:\n"
            "    scope.user = {'id': user.id}\n"
        ),
        Valid("class Box:\n    pass\nbox = Box()\nbox.user = {'email': email}\n"),
        Valid("import rollbar\nrollbar.report_message(f'payment failed for order {order_id}')\n"),
        Valid("import bugsnag\nbugsnag.notify(err, user={'id': user.id}, context='checkout')\n"),
        Valid("from honeybadger import honeybadger\nhoneybadger.set_context(user_id=user.id)\n"),
        Valid(
            "import pybrake\nnotifier = pybrake.Notifier(project_id=1, project_key=KEY)\n"
            "notifier.notify(err)\n"
        ),
        Valid(
            "import newrelic.agent\nnewrelic.agent.notice_error(attributes={'order': order_id})\n"
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
        Invalid(
            "import sentry_sdk\nsentry_sdk.add_breadcrumb(category='auth', message=f'login {email}')\n",
            message="pii.email reaches sentry_sdk.add_breadcrumb",
        ),
        Invalid("import sentry_sdk\nsentry_sdk.add_breadcrumb({'data': {'phone': phone}})\n"),
        Invalid(
            "import sentry_sdk\nwith sentry_sdk.configure_scope() as scope:\n"
            "    scope.user = {'id': user.id, 'email': user.email}\n",
            region=(3, 18, 3, 54),
            message="pii.email reaches scope.user",
        ),
        Invalid(
            "import rollbar\nrollbar.report_message('signup', 'info', None, {'email': email})\n",
            message="pii.email reaches rollbar.report_message",
        ),
        Invalid("import bugsnag\nbugsnag.notify(err, user={'id': u.id, 'email': u.email})\n"),
        Invalid("import bugsnag\nbugsnag.leave_breadcrumb('login', metadata={'pw': password})\n"),
        Invalid(
            "from honeybadger import honeybadger\nhoneybadger.set_context(user_email=user.email)\n",
            message="pii.email reaches honeybadger.honeybadger.set_context",
        ),
        Invalid(
            "from honeybadger import honeybadger\nhoneybadger.notify(err, context={'ssn': ssn})\n"
        ),
        Invalid(
            "import pybrake\nnotifier = pybrake.Notifier(project_id=1, project_key=KEY)\n"
            "notifier.send_notice({'context': {'user': {'email': user.email}}})\n"
        ),
        Invalid(
            "import newrelic.agent\nnewrelic.agent.notice_error(attributes={'email': email})\n"
        ),
    ]

    def on_assign(self, site: AssignSite) -> None:
        track(site)
        call = assigned(site)
        if call is None or call.service != "error-tracker":
            return
        allowed = site.policy.thirdparty.allowed(call.service)
        categories = site.ordered(site.taint(site.value) - allowed)
        if categories:
            name = site.source(site.target)
            site.report(type(self), site.value, f"{categories[0]} reaches {name}", categories)

    def on_call(self, site: CallSite) -> None:
        call = resolve(site)
        if call is None or call.service != "error-tracker":
            return
        name = callee(site, call)
        allowed = site.policy.thirdparty.allowed(call.service)
        for arg, taint, _ in sent(site, call):
            site.summarise(type(self), arg.value, name, describe, allowed)
            categories = site.ordered(taint - allowed)
            if categories:
                site.report(type(self), arg.value, f"{categories[0]} reaches {name}", categories)
