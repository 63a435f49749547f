"""PL505: personal data is sent to a hosted LLM API in a prompt."""

from __future__ import annotations

from privlint.engine.context import CallSite
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe
from privlint.rules.pl5_thirdparty.common import callee, report_identity, resolve, sent, track


@register
class PiiToLlm(Rule):
    """Personal data is sent to a hosted LLM API.

    ## Why is this bad?
    A prompt is a request to a third party: the provider receives and may keep the
    messages, system prompt and inputs (for abuse monitoring, often for weeks), and
    its subprocessors may see them. An e-mail address, a phone number, a name, a
    health record or a credential put into a prompt is personal data transferred
    to that provider, which needs a legal basis, a data-processing agreement and
    usually the user's knowledge; a credential in a prompt can also come back in
    the model's answer.

    ## Example
        client.chat.completions.create(model=MODEL, messages=[
            {"role": "user", "content": f"Summarise the case of {patient_name}: {diagnosis}"},
        ])

    ## Use instead
        client.chat.completions.create(model=MODEL, messages=[
            {"role": "user", "content": f"Summarise this case: {redact(case_notes)}"},
        ])

    The LLM clients and which of their arguments carry the prompt are listed in the
    rule pack (`rules/thirdparty.toml`, `service = "llm"`): OpenAI (clients and the
    module, `chat.completions`, `responses`, `completions`, `embeddings`), Anthropic
    (`messages`), Cohere, Gemini, Mistral, LiteLLM and LangChain chat models of hosted
    providers (`invoke`, `predict`, `stream`, ...). Message text that a user wrote for
    the model is what such an API is for (`[allowed] llm` in the pack), and so is an
    internal user ID; an e-mail address or name given as the `user` identifier is
    reported.
    """

    CODE = "PL505"
    NAME = "pii-to-llm"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "third-party", "llm", "external/cwe/cwe-359")
    SECURITY_SEVERITY = 5.3
    CWE = (359,)

    VALID = [
        Valid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.chat.completions.create(model=M, messages=[{'role': 'user',"
            " 'content': 'Write a haiku about autumn'}])\n"
        ),
        Valid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "def reply(user_message):\n"
            "    return client.chat.completions.create(model=M,"
            " messages=[{'role': 'user', 'content': user_message}], user=str(user_id))\n"
        ),
        Valid(
            "import anthropic\nclient = anthropic.Anthropic()\n"
            "client.messages.create(model=M, max_tokens=100, system='You are terse.',"
            " messages=[{'role': 'user', 'content': question}])\n"
        ),
        Valid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.chat.completions.create(model=M, messages=msgs, max_tokens=len(email))\n"
        ),
        Valid(
            "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model=M)\n"
            "llm.invoke(f'Classify the ticket: {redact(ticket_text)}')\n"
        ),
        Valid("def ask(client, email):\n    client.chat.completions.create(messages=[email])\n"),
        Valid(
            "import cohere\nco = cohere.ClientV2(KEY)\n"
            "co.chat(model=M, messages=[{'role': 'user', 'content': 'hello'}])\n"
        ),
        Valid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.embeddings.create(model=M, input=[doc.title for doc in docs])\n"
        ),
        Valid("import litellm\nlitellm.completion(M, [{'role': 'user', 'content': text}])\n"),
        Valid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.responses.create(model=M, input=f'Summarise order {order_id}')\n"
        ),
        Valid(
            "class Chat:\n    def create(self, messages):\n        pass\nChat().create([email])\n"
        ),
        Valid(
            "import litellm\ndef ask(messages, api_key):\n"
            "    kwargs = {'model': M, 'messages': messages}\n"
            "    kwargs['api_key'] = api_key\n    return litellm.completion(**kwargs)\n"
        ),
    ]
    INVALID = [
        Invalid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.chat.completions.create(model=M, messages=[{'role': 'user',"
            " 'content': f'Summarise {patient_name}: {diagnosis}'}])\n",
            message="health.record and pii.name reach OpenAI (client.chat.completions.create)",
        ),
        Invalid(
            "import openai\n"
            "openai.chat.completions.create(model=M, messages=[{'role': 'user',"
            " 'content': 'Write to ' + user.email}])\n",
            message="pii.email reaches OpenAI (openai.chat.completions.create)",
        ),
        Invalid(
            "from openai import AsyncOpenAI\n"
            "class Bot:\n    def __init__(self):\n        self.client = AsyncOpenAI()\n"
            "    async def ask(self, user):\n"
            "        await self.client.responses.create(model=M,"
            " input=f'Draft a reply to {user.phone_number}')\n"
        ),
        Invalid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "client.chat.completions.create(model=M, messages=msgs, user=user.email)\n",
            region=(3, 61, 3, 71),
            message="pii.email is the OpenAI user identity in client.chat.completions.create:"
            " use an internal, opaque ID",
        ),
        Invalid(
            "import anthropic\nclient = anthropic.Anthropic()\n"
            "client.messages.create(model=M, max_tokens=500,"
            " system=f'The customer is {customer_name}, card {card_number}', messages=m)\n"
        ),
        Invalid(
            "import cohere\nco = cohere.Client(KEY)\n"
            "co.chat(message=f'Is {ssn} a valid number?')\n",
            message="pii.national_id reaches Cohere (co.chat)",
        ),
        Invalid(
            "from langchain_anthropic import ChatAnthropic\n"
            "model = ChatAnthropic(model=M).with_structured_output(Schema)\n"
            "model.invoke([('human', f'Extract the diagnosis from {medical_record}')])\n"
        ),
        Invalid(
            "import litellm\n"
            "litellm.completion(model=M, messages=[{'role': 'user', 'content': str(api_key)}])\n",
            message="credential.secret reaches LiteLLM (litellm.completion)",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "client.models.generate_content(model=M, contents=f'Address: {home_address}')\n"
        ),
        Invalid(
            "import google.generativeai as genai\nmodel = genai.GenerativeModel(M)\n"
            "chat = model.start_chat()\nchat.send_message(f'My date of birth is {dob}')\n"
        ),
        Invalid(
            "from openai import OpenAI\nclient = OpenAI()\n"
            "def embed(form):\n    email = form['email']\n"
            "    return client.embeddings.create(model=M, input=email)\n"
        ),
        Invalid(
            "import litellm\ndef ask(user):\n"
            "    kwargs = {'model': M, 'messages': [{'content': f'Hi {user.email}'}]}\n"
            "    return litellm.completion(**kwargs)\n",
            message="pii.email reaches LiteLLM (litellm.completion)",
        ),
        Invalid(
            "from mistralai import Mistral\nclient = Mistral(api_key=KEY)\n"
            "client.chat.complete(model=M, messages=[{'role': 'user', 'content': phone}])\n"
        ),
    ]

    def on_assign(self, site: AssignSite) -> None:
        track(site)

    def on_call(self, site: CallSite) -> None:
        call = resolve(site)
        if call is None or call.service != "llm":
            return
        spec = site.policy.thirdparty
        name = callee(site, call)
        allowed = spec.allowed(call.service)
        for arg, taint, identity in sent(site, call):
            if identity:
                report_identity(type(self), site, call, name, arg, taint)
                continue
            if arg.star == "**":
                # `completion(**kwargs)`: the mapping holds the client's own keyword
                # arguments too, its `api_key=` among them; a credential there is the
                # provider's login, not a prompt
                taint = frozenset(c for c in taint if not c.startswith("credential."))
            else:
                sink = f"{call.sdk} ({name})"
                site.summarise(type(self), arg.value, sink, describe, allowed)
            categories = site.ordered(taint - allowed)
            if categories:
                site.report(
                    type(self), arg.value, describe(categories, f"{call.sdk} ({name})"), categories
                )
