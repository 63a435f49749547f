"""PL503: personal data is sent to an analytics or tracing service."""

from __future__ import annotations

from privlint.engine.context import CallSite
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe
from privlint.rules.pl5_thirdparty.common import callee, report_identity, resolve, sent, track

_SERVICES = frozenset({"analytics", "tracing", "search"})


@register
class PiiToAnalytics(Rule):
    """Personal data is sent to an analytics, tracing or search service.

    ## Why is this bad?
    Product analytics (PostHog, Segment, Mixpanel, Amplitude), tracing and APM
    backends (Datadog, OpenTelemetry exporters, New Relic, Scout) and hosted search
    indexes (Algolia) keep every event property, span attribute and indexed record
    for months, copy it to further destinations and show it to everyone with a
    dashboard. An e-mail address, a name, a phone number or message text in an
    event turns a behaviour log into a register of people, usually with no legal
    basis and no way to honour a deletion request.

    ## Example
        posthog.capture("signed up", distinct_id=user.id, properties={"email": user.email})

    ## Use instead
        posthog.capture("signed up", distinct_id=user.id, properties={"plan": user.plan})

    The SDK calls, and which of their arguments carry event data, are listed in the
    rule pack (`rules/thirdparty.toml`); a project adds its own with
    `[tool.privlint] analytics-sinks`. Calls on SDK objects are followed from the
    constructor (`ph = Posthog(KEY); ph.capture(...)`, `mp = Mixpanel(TOKEN)`,
    `with tracer.trace("x") as span: span.set_tag(...)`). The user identity
    (`distinct_id`, `user_id`) is what analytics needs, so an internal user ID is
    not reported there or in properties; an e-mail address, phone number or name
    used as the identity is.
    """

    CODE = "PL503"
    NAME = "pii-to-analytics"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "third-party", "analytics", "external/cwe/cwe-359")
    SECURITY_SEVERITY = 5.3
    CWE = (359,)

    VALID = [
        Valid(
            "import posthog\n"
            "posthog.capture('signed up', distinct_id=user.id, properties={'plan': plan})\n"
        ),
        Valid("import posthog\nposthog.capture('signed up', distinct_id=user_id)\n"),
        Valid(
            "from posthog import Posthog\nph = Posthog(KEY)\n"
            "ph.capture('login', distinct_id=user.pk, properties={'method': 'sso'})\n"
        ),
        Valid("import analytics\nanalytics.track(user_id, 'Order Completed', {'total': total})\n"),
        Valid(
            "import analytics\n"
            "analytics.identify(user.id, {'plan': user.plan, 'email_count': len(user.email)})\n"
        ),
        Valid(
            "from mixpanel import Mixpanel\nmp = Mixpanel(TOKEN)\n"
            "mp.track(user_id, 'page viewed', {'page': page})\n"
        ),
        Valid(
            "from mixpanel import Mixpanel\nmp = Mixpanel(TOKEN)\n"
            "mp.people_set(user_id, {'signup_method': 'google', 'has_phone': bool(phone)})\n"
        ),
        Valid(
            "from amplitude import BaseEvent\n"
            "e = BaseEvent('play', user_id=user_id, event_properties={'song': song_id})\n"
        ),
        Valid(
            "from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\n"
            "with tracer.start_as_current_span('checkout') as span:\n"
            "    span.set_attribute('cart.items', len(items))\n"
        ),
        Valid(
            "from ddtrace import tracer\nwith tracer.trace('login') as span:\n"
            "    span.set_tag('user.id', user_id)\n"
        ),
        Valid("import other\nother.capture('x', properties={'email': email})\n"),
        Valid("class Mail:\n    def track(self, email):\n        self.track(email)\n"),
        Valid(
            "import posthog\n"
            "posthog.capture('reset', distinct_id=u.id, properties={'hash': hash_email(email)})\n"
        ),
        Valid("def f(mp):\n    mp.track(user_id, 'x', {'email': email})\n"),
        Valid(
            "from posthog import Posthog\nph = Posthog(KEY)\n"
            "def send(event, uid):\n    ph.capture(event, **{'distinct_id': uid})\n"
        ),
        Valid("import newrelic.agent\nnewrelic.agent.add_custom_attribute('plan', user.plan)\n"),
        Valid("import newrelic.agent\nnewrelic.agent.set_user_id(user.id)\n"),
        Valid(
            "import newrelic.agent\n"
            "newrelic.agent.record_custom_event('Checkout', {'items': len(cart), 'uid': user_id})\n"
        ),
        Valid("from ddtrace import tracer\ntracer.set_tags({'env': env, 'version': version})\n"),
        Valid("from opentelemetry import baggage\nbaggage.set_baggage('tenant', tenant_id)\n"),
        Valid(
            "from opentelemetry import metrics\nmeter = metrics.get_meter(__name__)\n"
            "logins = meter.create_counter('logins')\nlogins.add(1, {'method': 'sso'})\n"
        ),
        Valid("from scout_apm.api import Context\nContext.add('user_id', user.id)\n"),
        Valid(
            "from algoliasearch.search_client import SearchClient\n"
            "index = SearchClient.create(APP, KEY).init_index('products')\n"
            "index.save_objects([{'objectID': p.id, 'title': p.title}])\n"
        ),
        Valid("def f(index):\n    index.save_objects([{'email': email}])\n"),
    ]
    INVALID = [
        Invalid(
            "import posthog\n"
            "posthog.capture('signed up', distinct_id=user.id, properties={'email': user.email})\n",
            region=(2, 62, 2, 83),
            message="pii.email reaches PostHog (posthog.capture)",
        ),
        Invalid(
            "from posthog import Posthog\nph = Posthog(KEY)\n"
            "ph.capture('login', distinct_id=uid, properties={'phone': phone})\n",
            message="pii.phone reaches PostHog (ph.capture)",
        ),
        Invalid(
            "import posthog\nposthog.capture('signed up', distinct_id=user.email)\n",
            region=(2, 42, 2, 52),
            message="pii.email is the PostHog user identity in posthog.capture:"
            " use an internal, opaque ID",
        ),
        Invalid("import posthog\nposthog.identify(user.id, {'name': user.first_name})\n"),
        Invalid(
            "import analytics\n"
            "analytics.identify(user.id, {'email': user.email, 'plan': user.plan})\n",
            message="pii.email reaches Segment (analytics.identify)",
        ),
        Invalid(
            "import segment.analytics as analytics\n"
            "def f(form):\n    addr = form['email']\n"
            "    analytics.track(user_id, 'Signed Up', {'contact': addr})\n"
        ),
        Invalid(
            "from mixpanel import Mixpanel\n"
            "class Tracker:\n    def __init__(self):\n        self.mp = Mixpanel(TOKEN)\n"
            "    def signup(self, user):\n"
            "        self.mp.people_set(user.id, {'$email': user.email})\n",
            message="pii.email reaches Mixpanel (self.mp.people_set)",
        ),
        Invalid(
            "import mixpanel\nmp = mixpanel.Mixpanel(TOKEN)\n"
            "mp.track(uid, 'message sent', {'text': message_body})\n"
        ),
        Invalid(
            "from amplitude import BaseEvent, Amplitude\nclient = Amplitude(KEY)\n"
            "client.track(BaseEvent('signup', user_id=uid, user_properties={'email': email}))\n"
        ),
        Invalid(
            "from amplitude import Identify\nident = Identify()\nident.set('phone', phone_number)\n"
        ),
        Invalid(
            "from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\n"
            "with tracer.start_as_current_span('login') as span:\n"
            "    span.set_attribute('user.email', email)\n",
            message="pii.email reaches tracing (span.set_attribute)",
        ),
        Invalid(
            "from opentelemetry import trace\n"
            "trace.get_current_span().set_attributes({'enduser.phone': user.phone})\n"
        ),
        Invalid(
            "from ddtrace import tracer\n"
            "def login(request, password):\n"
            "    span = tracer.current_span()\n    span.set_tag('password', password)\n"
        ),
        Invalid("def handle(span, card_number):\n    span.set_tag('card', card_number)\n"),
        Invalid(
            "from posthog import Posthog\n"
            "class Telemetry:\n    def __init__(self):\n        self.posthog = Posthog(KEY)\n"
            "    def identify(self, anon_id, email):\n"
            "        self.posthog.capture(distinct_id=email, event='$identify')\n",
            region=(6, 42, 6, 47),
            message="pii.email is the PostHog user identity in self.posthog.capture:"
            " use an internal, opaque ID",
        ),
        Invalid(
            "from posthog import Posthog\nph = Posthog(KEY)\n"
            "def send(event, user_email):\n"
            "    kwargs = {'distinct_id': user_email, 'properties': {}}\n"
            "    ph.capture(event, **kwargs)\n",
            region=(5, 25, 5, 31),
        ),
        Invalid(
            "import newrelic.agent\nnewrelic.agent.add_custom_attribute('user.email', user.email)\n",
            message="pii.email reaches New Relic (newrelic.agent.add_custom_attribute)",
        ),
        Invalid(
            "import newrelic.agent\n"
            "newrelic.agent.record_custom_event('Signup', {'phone': phone_number})\n"
        ),
        Invalid(
            "from ddtrace import tracer\ntracer.set_tags({'customer': customer_name})\n",
            message="pii.name reaches Datadog (tracer.set_tags)",
        ),
        Invalid(
            "from ddtrace.contrib.trace_utils import set_user\nfrom ddtrace import tracer\n"
            "set_user(tracer, user.id, email=user.email)\n"
        ),
        Invalid("from opentelemetry import baggage\nbaggage.set_baggage('user.email', email)\n"),
        Invalid(
            "from opentelemetry import metrics\nmeter = metrics.get_meter(__name__)\n"
            "logins = meter.create_counter('logins')\nlogins.add(1, {'email': user.email})\n",
            message="pii.email reaches OpenTelemetry (logins.add)",
        ),
        Invalid("from scout_apm.api import Context\nContext.add('email', user.email)\n"),
        Invalid(
            "from algoliasearch.search_client import SearchClient\n"
            "client = SearchClient.create(APP, KEY)\nindex = client.init_index('users')\n"
            "index.save_object({'objectID': u.id, 'email': u.email, 'phone': u.phone})\n",
            message="pii.email and pii.phone reach Algolia (index.save_object)",
        ),
        Invalid(
            "from algoliasearch.search.client import SearchClientSync\n"
            "client = SearchClientSync(APP, KEY)\n"
            "client.save_object(index_name='users', body={'name': full_name})\n"
        ),
        Invalid(
            "import posthog\nposthog.capture(user.email, 'signed up', {'plan': plan})\n",
            message="pii.email is the PostHog user identity in posthog.capture:"
            " use an internal, opaque ID",
        ),
    ]

    def on_assign(self, site: AssignSite) -> None:
        track(site)

    def on_call(self, site: CallSite) -> None:
        call = resolve(site)
        if call is None or call.service not in _SERVICES:
            return
        spec = site.policy.thirdparty
        name = callee(site, call)
        for arg, taint, identity in sent(site, call):
            if identity:
                report_identity(type(self), site, call, name, arg, taint)
                continue
            sink = f"{call.sdk} ({name})"
            site.summarise(type(self), arg.value, sink, describe, spec.identity_allowed)
            categories = site.ordered(taint - spec.identity_allowed)
            if categories:
                site.report(
                    type(self), arg.value, describe(categories, f"{call.sdk} ({name})"), categories
                )
