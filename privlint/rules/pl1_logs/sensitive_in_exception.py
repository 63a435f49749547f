"""PL103: sensitive data is put into an exception message."""

from __future__ import annotations

import builtins

import libcst as cst

from privlint.engine.context import RaiseSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe


@register
class SensitiveDataInException(Rule):
    """Sensitive data is put into an exception message.

    ## Why is this bad?
    Exception messages are logged by frameworks, printed in tracebacks, shown on
    error pages and sent to error trackers, far from the code that raised them. A
    message that quotes the rejected password or e-mail address leaks it wherever
    the error goes.

    ## Example
        raise ValueError(f"invalid e-mail address {email}")

    ## Use instead
        raise ValueError("invalid e-mail address")
    """

    CODE = "PL103"
    NAME = "sensitive-data-in-exception"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "external/cwe/cwe-209")
    SECURITY_SEVERITY = 5.5
    CWE = (209,)

    VALID = [
        # a vendor's support desk: a role address, not a person's
        Valid(
            "from .const import SUPPORT_EMAIL\n"
            "raise ConfigEntryError(placeholders={'support_email': SUPPORT_EMAIL})\n"
        ),
        # bound to a name of another sense: the public prefix of a key, not the key
        Valid(
            "def activate(api_key):\n    key_id = api_key.split('_')[1]\n"
            "    raise ValueError(f'API key {key_id} was never activated')\n"
        ),
        Valid("raise ValueError('invalid e-mail address')\n"),
        Valid("raise ValueError(f'password must be {min_length} long')\n"),
        Valid("raise KeyError(token_type)\n"),
        Valid("raise exc\n"),
        Valid("raise ValueError(f'{len(password)} characters')\n"),
        Valid("raise RuntimeError('token expired') from err\n"),
        Valid("raise PermissionError(f'user {user_id_field} missing')\n"),
        Valid("raise ValueError(f'bad value for {password_field!r}')\n"),
        Valid("raise TypeError(f'expected str, got {type(token).__name__}')\n"),
        Valid("raise ValueError(mask(api_key))\n"),
        Valid("raise Http404\n"),
        Valid(
            "raise ValidationError('x', params={'username': self.username_field.verbose_name})\n"
        ),
        Valid(
            "REASON_NO_CSRF_COOKIE = 'CSRF cookie not set.'\n"
            "def check():\n    raise RejectRequest(REASON_NO_CSRF_COOKIE)\n"
        ),
        Valid(
            "def f(self):\n    raise ValidationError(self.error_messages['password_incorrect'])\n"
        ),
        Valid(
            "def parse(self, token):\n    bits = token.split_contents()\n"
            "    raise TemplateSyntaxError('bad tag %s' % token)\n"
        ),
        # messages about a field, keyed by the field's name (Django forms, DRF; pretix)
        Valid(
            "from django import forms\n"
            "raise forms.ValidationError(self.error_messages['duplicate_email'], code='dup')\n"
        ),
        Valid(
            "from django.core.exceptions import ValidationError\n"
            "raise ValidationError({'password_repeat': self.error_messages['pw_mismatch']})\n"
        ),
        Valid(
            "from django.utils.translation import gettext as _\n"
            "raise ValidationError({'secret': _('A gift card with this secret exists.')})\n"
        ),
        Valid("raise ValidationError({'token': ['Unknown initialization token.']})\n"),
        Valid("raise ValidationError({'email': form.errors['email']})\n"),
        # an error-code constant named after a password rule is not a password
        Valid(
            "def check(password):\n    if len(password) < 8:\n"
            "        raise PasswordRefusedError(\n"
            "            msg='too short', errcode=Codes.PASSWORD_TOO_SHORT\n        )\n"
        ),
    ]
    INVALID = [
        # a field of a project's error, not its text: a note (its __str__ is PL403's)
        Invalid(
            "class AlreadySubscribedError(Exception):\n    pass\n"
            "def subscribe(mlist, email):\n    raise AlreadySubscribedError(mlist, email)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "class BounceError(Exception):\n    pass\n"
            "def f(email):\n    raise BounceError(f'{email} is not a subscriber')\n",
            level=Level.ERROR,
        ),
        Invalid("def f(email):\n    raise ValueError(email)\n", level=Level.ERROR),
        Invalid(
            "raise ValueError(f'invalid e-mail address {email}')\n",
            region=(1, 18, 1, 51),
            message="pii.email reaches the message of ValueError",
        ),
        Invalid("raise AuthError('bad password: ' + password)\n"),
        Invalid("raise ValueError('token %s' % token)\n"),
        Invalid("raise ValueError('ssn {}'.format(ssn))\n"),
        Invalid("def f(req):\n    raise BadRequest(req.json['credit_card'])\n"),
        Invalid("def f(u):\n    msg = f'no user {u.email}'\n    raise LookupError(msg)\n"),
        Invalid("raise errors.InvalidPhone(phone_number)\n"),
        Invalid("raise ValueError(message=f'{api_key} rejected')\n"),
        Invalid("raise RuntimeError(str(secret))\n"),
        Invalid("raise ValueError(repr(credentials))\n"),
        Invalid("raise ValidationError('x', params={'username': name})\n", level=Level.NOTE),
        Invalid("token = 'x'\ndef f(token):\n    raise ValueError(token)\n"),
        Invalid("API_KEY = os.environ['API_KEY']\ndef f():\n    raise ValueError(API_KEY)\n"),
        # a table of values, not of messages about them
        Invalid("raise ValueError(settings['password'])\n"),
        Invalid("raise ValidationError({'password': [password]})\n", level=Level.NOTE),
        Invalid("raise ValidationError({'email': _('%s is taken') % email})\n", level=Level.NOTE),
        # an error response quotes the caller's own value back to it: a note
        Invalid(
            "from fastapi import HTTPException\n"
            "def poll(token):\n    raise HTTPException(404, f'no test for token {token}')\n",
            level=Level.NOTE,
            message="credential.token reaches the message of HTTPException"
            " (sent back to the client in the error response)",
        ),
        Invalid(
            "def f(email):\n    raise SynapseError(400, f'{email} is not allowed')\n",
            level=Level.NOTE,
        ),
        Invalid(
            "from http import HTTPStatus\n"
            "def f(email):\n    raise ApiError(f'{email}', status_code=HTTPStatus.CONFLICT)\n",
            level=Level.NOTE,
        ),
        Invalid("def f(email):\n    raise ApiError(f'{email}', 200)\n"),
    ]

    def on_raise(self, site: RaiseSite) -> None:
        exc = site.exc
        if not isinstance(exc, cst.Call):
            return
        name = site.source(exc.func)
        response = _is_response_error(site, exc)
        builtin = _is_builtin_exception(site, exc.func)
        for arg in exc.args:
            categories = site.ordered(site.taint(arg.value))
            if categories:
                message = describe(categories, f"the message of {name}")
                level = None
                if response:
                    # the caller's own input echoed back to it, most often: a note
                    message += " (sent back to the client in the error response)"
                    level = Level.NOTE
                elif not builtin and isinstance(arg.value, (cst.Name, cst.Attribute)):
                    # `AlreadySubscribedError(mlist, email, role)`: a field of the error
                    # its handler reads, not text; its __str__ decides (PL403 reads it)
                    message += " (passed as data: its __str__ decides what the message shows)"
                    level = Level.NOTE
                site.report(type(self), arg.value, message, categories, level=level)


def _is_builtin_exception(site: RaiseSite, func: cst.BaseExpression) -> bool:
    """``ValueError``, ``builtins.KeyError``: its arguments are its message."""
    qualified = site.analysis.qualify(func)
    name = qualified if qualified is not None else site.source(func)
    name = name.removeprefix("builtins.")
    value = getattr(builtins, name, None)
    return isinstance(value, type) and issubclass(value, BaseException)


#: keywords that carry an HTTP status
_STATUS_KEYWORDS = frozenset({"status", "status_code", "code", "http_status"})


def _is_response_error(site: RaiseSite, exc: cst.Call) -> bool:
    """Whether the exception's message goes back to the client in the error response:
    the pack says so of its class (sinks.toml [responses]), or it is built with an
    HTTP error status (``SynapseError(400, msg)``, ``ApiError(msg, status_code=404)``)."""
    func = exc.func
    last = func.attr.value if isinstance(func, cst.Attribute) else site.source(func)
    if site.policy.is_response_error(site.analysis.qualify(func), last):
        return True
    for index, arg in enumerate(exc.args):
        keyword = arg.keyword.value if arg.keyword is not None else None
        if (keyword in _STATUS_KEYWORDS or (keyword is None and index == 0)) and _is_http_error(
            arg.value
        ):
            return True
    return False


def _is_http_error(node: cst.BaseExpression) -> bool:
    """An HTTP error status: ``400``..``599``, or ``HTTPStatus.NOT_FOUND``."""
    if isinstance(node, cst.Integer):
        return 400 <= int(node.value) <= 599
    return (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, (cst.Name, cst.Attribute))
        and site_name(node.value).endswith("HTTPStatus")
    )


def site_name(node: cst.BaseExpression) -> str:
    """``http.HTTPStatus`` as written, for a Name or an Attribute chain."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{site_name(node.value)}.{node.attr.value}"
    return ""
