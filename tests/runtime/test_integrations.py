"""structlog, loguru and Sentry get the same masking as logging."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

import privlint.runtime as runtime
from privlint.runtime import sentry
from privlint.runtime.structlog import RedactingProcessor

SECRET = "hunter2-s3cret"  # privlint: ignore[PL201]


# -- structlog ---------------------------------------------------------------------------


@pytest.fixture
def structlog_output() -> Any:
    structlog = pytest.importorskip("structlog")
    stream = io.StringIO()
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(sort_keys=True),
        ],
        logger_factory=structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=False,
    )
    yield structlog, stream
    structlog.reset_defaults()


def test_install_masks_structlog_events_and_fields(structlog_output: Any) -> None:
    structlog, stream = structlog_output
    log = structlog.get_logger().bind(request_id="r-1")  # bound before install()
    runtime.install()
    log.info(f"login password={SECRET}", password=SECRET, user="bob",  # privlint: ignore[PL101]
             ctx={"api_key": SECRET}, email="john.doe@example.com")  # fmt: skip
    event = json.loads(stream.getvalue())
    assert event == {
        "event": "login password=***",
        "password": "***",
        "user": "bob",
        "ctx": {"api_key": "***"},
        "email": "***",
        "request_id": "r-1",
        "level": "info",
    }
    runtime.uninstall()
    assert not any(isinstance(p, RedactingProcessor) for p in structlog.get_config()["processors"])


def test_structlog_tracebacks_are_masked(structlog_output: Any) -> None:
    structlog, stream = structlog_output
    runtime.install()
    try:
        raise RuntimeError(f"token={SECRET}")
    except RuntimeError:
        structlog.get_logger().exception("failed")
    event = json.loads(stream.getvalue())
    assert SECRET not in event["exception"]
    assert "token=***" in event["exception"]


def test_processor_after_the_renderer_masks_the_string() -> None:
    processor = RedactingProcessor()
    assert processor(None, "info", f'{{"password": "{SECRET}"}}') == '{"password": "***"}'
    assert processor(None, "info", b"token=abc") == b"token=***"


# -- loguru ------------------------------------------------------------------------------


def test_install_masks_loguru_messages_and_extra() -> None:
    loguru = pytest.importorskip("loguru")
    logger = loguru.logger
    stream = io.StringIO()
    sink = logger.add(stream, format="{message} | {extra}", colorize=False)
    try:
        runtime.install()
        logger.bind(api_key=SECRET, user="bob").info("login password={}", SECRET)
        runtime.uninstall()
        logger.info("after password={}", SECRET)
    finally:
        logger.remove(sink)
    first, second = stream.getvalue().splitlines()
    assert first == "login password=*** | {'api_key': '***', 'user': 'bob'}"
    assert second == f"after password={SECRET} | {{}}", "uninstall() removes the patcher"


@pytest.mark.parametrize("colorize", [False, True])
@pytest.mark.parametrize("diagnose", [False, True])
def test_loguru_tracebacks_are_masked(colorize: bool, diagnose: bool) -> None:
    loguru = pytest.importorskip("loguru")
    logger = loguru.logger
    stream = io.StringIO()
    sink = logger.add(stream, format="{message}", colorize=colorize, diagnose=diagnose)
    try:
        runtime.install()
        try:
            raise ValueError(f"bad api_key={SECRET}")
        except ValueError:
            logger.exception("failed")
        runtime.uninstall()
        try:
            raise ValueError(f"after api_key={SECRET}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.remove(sink)
    masked, _, after = stream.getvalue().partition("after api_key={SECRET}")
    assert "ValueError" in masked
    assert SECRET not in masked
    assert "api_key=***" in masked.replace("\x1b[0m", "").replace("\x1b[1m", "")
    assert f"after api_key={SECRET}" in after, "uninstall() restores loguru's formatter"


def test_loguru_serialized_records_are_masked() -> None:
    # serialize=True writes the exception object's text as it is, beside the
    # rendered traceback: its value is masked like the rest of the line.
    loguru = pytest.importorskip("loguru")
    logger = loguru.logger
    stream = io.StringIO()
    sink = logger.add(stream, serialize=True, diagnose=False)
    original = vars(loguru._handler.Handler)["_serialize_record"]
    try:
        runtime.install()
        try:
            raise ValueError(f"bad api_key={SECRET}, for john.doe@example.com")
        except ValueError:
            logger.bind(token=SECRET).exception("failed")
    finally:
        runtime.uninstall()
        logger.remove(sink)
    from loguru._handler import Handler

    assert Handler.__dict__["_serialize_record"] is original, "uninstall() restores it"
    (line,) = stream.getvalue().splitlines()
    assert SECRET not in line and "john.doe@" not in line
    record = json.loads(line)["record"]
    assert record["exception"]["value"] == "bad api_key=***, for j***@example.com"
    assert record["extra"] == {"token": "***"}


def test_loguru_serialized_lines_stay_json_when_a_number_looks_like_a_card() -> None:
    # A number in the record (a thread id, a count) can pass Luhn; masking the line
    # as text turned it into ***1111 where JSON needs a number.
    loguru = pytest.importorskip("loguru")
    logger = loguru.logger
    stream = io.StringIO()
    sink = logger.add(stream, serialize=True)
    try:
        runtime.install()
        logger.bind(count=4111111111111111, card="4111 1111 1111 1111").info(
            "mail john.doe@example.com"
        )
    finally:
        runtime.uninstall()
        logger.remove(sink)
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)["record"]
    assert record["message"] == "mail j***@example.com"
    assert record["extra"] == {"count": 4111111111111111, "card": "***1111"}
    assert "john.doe@" not in line and "4111 1111" not in line


def test_loguru_diagnose_masks_values_of_sensitive_names() -> None:
    # diagnose=True prints the values of the variables on the failing line, each
    # under its name: a value under a sensitive name is masked even without a shape.
    loguru = pytest.importorskip("loguru")
    logger = loguru.logger
    stream = io.StringIO()
    sink = logger.add(stream, format="{message}", colorize=False, diagnose=True)

    class Account:
        password = "correct-horse-battery-staple"

    user_password = "correct-horse-battery-staple"
    account = Account()
    user_name = "bob"
    try:
        runtime.install()
        try:
            _ = user_name + user_password + account.password + str(1 / 0)
        except ZeroDivisionError:
            logger.exception("failed")
    finally:
        runtime.uninstall()
        logger.remove(sink)
    text = stream.getvalue()
    assert "ZeroDivisionError" in text
    assert "'bob'" in text, "values under other names stay readable"
    assert "correct-horse" not in text


# -- Sentry ------------------------------------------------------------------------------


def test_sentry_events_are_masked_before_they_leave() -> None:
    sentry_sdk = pytest.importorskip("sentry_sdk")
    sent: list[dict[str, Any]] = []

    class Capture(sentry_sdk.transport.Transport):
        def capture_envelope(self, envelope: Any) -> None:
            for item in envelope.items:
                if item.type == "event":
                    sent.append(item.payload.json)

    sentry_sdk.init(
        dsn="https://public@sentry.example.invalid/1",
        transport=Capture,
        before_send=sentry.before_send,
        before_breadcrumb=sentry.before_breadcrumb,
        default_integrations=False,
        include_local_variables=True,
    )
    try:
        sentry_sdk.add_breadcrumb(message=f"login password={SECRET}", data={"token": SECRET})
        password = SECRET  # noqa: F841 - a local variable Sentry would report
        try:
            # (the comma ends the unquoted value; without it the words after it go too)
            raise ValueError(f"bad api_key={SECRET}, for john.doe@example.com")
        except ValueError as exc:
            sentry_sdk.capture_exception(exc)
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.init()  # back to a disabled client
    assert len(sent) == 1
    text = json.dumps(sent[0])
    assert SECRET not in text
    assert "john.doe@example.com" not in text
    exception = sent[0]["exception"]["values"][0]
    assert exception["value"] == "bad api_key=***, for j***@example.com"
    frame_vars = exception["stacktrace"]["frames"][-1]["vars"]
    assert frame_vars["password"] == "***"
    assert sent[0]["breadcrumbs"]["values"][0]["data"] == {"token": "***"}


def test_sentry_scrub_failure_sends_a_marker_not_the_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from privlint.runtime.mask import Masker

    def explode(self: Masker, data: Any) -> Any:
        raise RuntimeError("masker bug")

    monkeypatch.setattr(Masker, "mask_data", explode)
    event = {"event_id": "abc", "level": "error", "message": f"password={SECRET}"}
    assert sentry.before_send(event, {}) == {
        "event_id": "abc",
        "level": "error",
        "message": "[privlint: event withheld, masking failed]",
    }
