"""After install(), every record is masked whichever logger and handler it goes through;
records are never dropped and logging never raises because of privlint."""

from __future__ import annotations

import gc
import io
import logging
import logging.config
import logging.handlers
import pickle
import queue
import sys
import threading
import traceback
import warnings
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

import privlint.runtime as runtime
from privlint.runtime import _state
from privlint.runtime.logging import WITHHELD, RedactingFilter, mask_record
from privlint.runtime.mask import Masker

SECRET = "hunter2-s3cret"  # privlint: ignore[PL201]


class Collect(logging.Handler):
    """Keeps what its formatter produced: what a real handler would write."""

    def __init__(self, fmt: str = "%(message)s") -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(fmt))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    """A fresh logger tree under ``pltest`` with no handlers; removed afterwards."""
    name = f"pltest.{threading.get_ident()}.{id(object())}"
    log = logging.getLogger(name)
    log.setLevel(logging.DEBUG)
    yield log
    for child in [log, *[logging.getLogger(n) for n in list(logging.root.manager.loggerDict)
                         if n.startswith(name + ".")]]:  # fmt: skip
        for handler in list(child.handlers):
            child.removeHandler(handler)
        for log_filter in list(child.filters):  # the name may come again (an id)
            child.removeFilter(log_filter)
        child.propagate = True


def test_child_logger_with_its_own_handler_and_no_propagation(logger: logging.Logger) -> None:
    runtime.install()
    child = logging.getLogger(logger.name + ".db")
    child.propagate = False
    handler = Collect()
    child.addHandler(handler)
    child.info("connect password=%s", SECRET)
    assert handler.lines == ["connect password=***"]


def test_handler_added_after_install_and_a_third_party_logger(logger: logging.Logger) -> None:
    runtime.install()
    handler = Collect("%(name)s %(message)s")
    third_party = logging.getLogger(logger.name + ".urllib3.connectionpool")
    logger.addHandler(handler)  # after install()
    third_party.debug("Starting new HTTPS connection: Authorization: Bearer %s", SECRET)
    assert handler.lines == [
        f"{third_party.name} Starting new HTTPS connection: Authorization: Bearer ***"
    ]


def test_root_logger_filter_alone_misses_child_records(logger: logging.Logger) -> None:
    """Why install() does not rely on a root filter: this is the usual failure."""
    handler = Collect()
    logger.addHandler(handler)
    logger.addFilter(RedactingFilter())  # a *logger* filter on the parent
    logging.getLogger(logger.name + ".child").warning("password=%s", SECRET)
    assert handler.lines == [f"password={SECRET}"]
    runtime.install()
    logging.getLogger(logger.name + ".child").warning("password=%s", SECRET)
    assert handler.lines[-1] == "password=***"


def test_last_resort_handler(logger: logging.Logger, capsys: pytest.CaptureFixture[str]) -> None:
    runtime.install()
    lonely = logging.getLogger(logger.name + ".lonely")
    lonely.propagate = False
    saved = logging.lastResort
    logging.lastResort = logging.StreamHandler(io.StringIO())  # type: ignore[assignment]
    try:
        lonely.warning("password=%s", SECRET)
        stream = logging.lastResort.stream  # type: ignore[union-attr]
        assert stream.getvalue() == "password=***\n"
    finally:
        logging.lastResort = saved


def test_records_handed_straight_to_a_handler(logger: logging.Logger) -> None:
    """QueueListener and frameworks call handler.handle() themselves."""
    runtime.install()
    records: queue.Queue[logging.LogRecord] = queue.Queue()
    handler = Collect()
    listener = logging.handlers.QueueListener(records, handler)
    listener.start()
    records.put(logging.makeLogRecord({"msg": "token=%s", "args": (SECRET,)}))
    listener.stop()
    assert handler.lines == ["token=***"]


def test_what_a_handler_filter_adds_is_masked_too(logger: logging.Logger) -> None:
    runtime.install()

    def add_context(record: logging.LogRecord) -> bool:
        record.user_email = "jane.doe@example.com"
        return True

    handler = Collect("%(message)s %(user_email)s")
    handler.addFilter(add_context)
    logger.addHandler(handler)
    logger.info("hello")
    assert handler.lines == ["hello ***"]


class _HandleAddsContext(logging.Logger):
    """A logger class of the program's that adds a field before the handlers run."""

    def handle(self, record: logging.LogRecord) -> None:
        record.user_email = "jane.doe@example.com"
        super().handle(record)


def _add_context(record: logging.LogRecord) -> bool:
    record.user_email = "jane.doe@example.com"
    return True


@pytest.mark.parametrize(
    "how",
    [
        "record factory",
        "logger filter",
        "logger class",
        "makeRecord wrapped after install()",
        "makeRecord wrapped before install()",
    ],
)
def test_fields_added_before_the_handlers_are_masked(logger: logging.Logger, how: str) -> None:
    # The records of the stock factory, for loggers of logging's own classes with no
    # filters, are not searched for such fields: each of these ways must still be.
    stock_make_record = logging.Logger.__dict__["makeRecord"]
    runtime.install()
    handler = Collect("%(message)s %(user_email)s")
    original = logging.getLogRecordFactory()

    def with_context(*args: object, **kwargs: object) -> logging.LogRecord:
        record = original(*args, **kwargs)
        record.user_email = "jane.doe@example.com"
        return record

    target = logger
    if how.startswith("makeRecord wrapped"):  # as tracing libraries do
        if how.endswith("before install()"):
            runtime.uninstall()
        make_record = logging.Logger.makeRecord

        def adds_context(self: logging.Logger, *args: Any, **kwargs: Any) -> logging.LogRecord:
            record = make_record(self, *args, **kwargs)
            record.user_email = "jane.doe@example.com"
            return record

        setattr(logging.Logger, "makeRecord", adds_context)  # noqa: B010
        runtime.install()
    elif how == "record factory":
        logging.setLogRecordFactory(with_context)
    elif how == "logger filter":
        logger.addFilter(_add_context)
    else:
        target = _HandleAddsContext(logger.name + ".custom")
    target.addHandler(handler)
    try:
        target.info("hello")
    finally:
        with warnings.catch_warnings():
            # wrapped after install(): uninstall() says it leaves that wrapper alone
            warnings.simplefilter("ignore", RuntimeWarning)
            runtime.uninstall()
        setattr(logging.Logger, "makeRecord", stock_make_record)  # noqa: B010
        logging.setLogRecordFactory(original)
        logger.removeFilter(_add_context)
        target.removeHandler(handler)
    assert handler.lines == ["hello ***"]


def test_a_dropped_record_does_not_keep_a_traceback_alive(logger: logging.Logger) -> None:
    runtime.install()
    logger.addFilter(lambda record: False)

    class Payload:
        pass

    def fail() -> weakref.ref[Payload]:
        payload = Payload()
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")  # privlint: ignore[PL101]
        return weakref.ref(payload)

    alive = fail()
    gc.collect()
    assert alive() is None


def test_uninstall_restores_make_record() -> None:
    original = logging.Logger.makeRecord
    runtime.install()
    assert logging.Logger.makeRecord is not original
    runtime.uninstall()
    assert logging.Logger.makeRecord is original


def test_args_extra_traceback_and_stack_are_masked(logger: logging.Logger) -> None:
    runtime.install()
    handler = Collect("%(message)s|%(detail)s|%(ctx)s")
    logger.addHandler(handler)
    try:
        raise ValueError(f"bad api_key={SECRET}")
    except ValueError:
        logger.exception(  # privlint: ignore[PL101]
            "failed for %(who)s",
            {"who": "john.doe@example.com"},
            extra={"detail": f"password={SECRET}", "ctx": {"token": SECRET, "n": 1}},
            stack_info=True,
        )
    (line,) = handler.lines
    assert SECRET not in line
    assert line.startswith("failed for j***@example.com|password=***|{'token': '***', 'n': 1}")
    assert "ValueError: bad api_key=***" in line


def test_record_is_masked_once_and_then_left_alone(logger: logging.Logger) -> None:
    record = logging.makeLogRecord({"msg": "password=%s", "args": (SECRET,)})
    mask_record(record)
    masked_msg = record.msg
    mask_record(record)
    assert record.msg is masked_msg == "password=***"
    assert record.args == ()


def test_masking_adds_no_attribute_to_the_record(logger: logging.Logger) -> None:
    # Formatters that write every attribute of a record (JSON formatters) would
    # print a marker of ours; what was masked last is remembered outside the record.
    runtime.install()
    seen: list[dict[str, object]] = []

    class Attributes(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(dict(record.__dict__))

    logger.addHandler(Attributes())
    logger.warning("login for %s", "john.doe@example.com", extra={"request_id": 7})
    (fields,) = seen
    assert fields["msg"] == "login for j***@example.com"
    standard = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
    assert set(fields) - standard == {"request_id"}


def test_a_record_changed_after_masking_is_masked_again() -> None:
    record = logging.makeLogRecord({"msg": "password=%s", "args": (SECRET,)})
    mask_record(record)
    record.msg = f"token={SECRET}"
    mask_record(record)
    assert record.msg == "token=***"
    record.__dict__["detail"] = f"api_key={SECRET}"
    mask_record(record)
    assert record.__dict__["detail"] == "api_key=***"


def test_a_message_a_handler_rewrites_is_masked_for_the_next_handler(
    logger: logging.Logger,
) -> None:
    runtime.install()

    class Rewrites(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            record.msg = f"token={SECRET}"

    second = Collect()
    logger.addHandler(Rewrites())
    logger.addHandler(second)
    logger.info("hello")
    assert second.lines == ["token=***"]


def test_a_masked_record_pickles_with_plain_arguments() -> None:
    record = logging.makeLogRecord({"msg": "password=%s", "args": (SECRET,)})
    mask_record(record)
    assert record.args == () and not record.args
    copy = pickle.loads(pickle.dumps(record))
    assert type(copy.args) is tuple and copy.args == ()
    assert copy.getMessage() == "password=***"


def test_handler_format_is_hooked_from_the_first_record_with_a_traceback(
    logger: logging.Logger,
) -> None:
    original = logging.Handler.format
    runtime.install()
    handler = Collect()
    handler.setFormatter(_RerenderingFormatter())
    logger.addHandler(handler)
    logger.info("plain")
    assert logging.Handler.format is original  # common records pay nothing for it
    try:
        raise ValueError(f"bad api_key={SECRET}")
    except ValueError:
        logger.exception("failed")  # privlint: ignore[PL101]
    assert logging.Handler.format is not original
    assert SECRET not in handler.lines[1] and "api_key=***" in handler.lines[1]
    runtime.uninstall()
    assert logging.Handler.format is original


def test_message_that_cannot_be_formatted_is_kept_with_arguments_withheld(
    logger: logging.Logger,
) -> None:
    runtime.install()
    handler = Collect()
    logger.addHandler(handler)
    logger.info("count %d for password", SECRET)
    assert handler.lines == [
        "count %d for password [privlint: arguments withheld, "
        "the message could not be formatted: TypeError]"
    ]
    assert runtime.stats()["format_errors"] == 1


def test_masker_failure_is_counted_and_the_record_still_goes_out(
    logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime.install()
    handler = Collect("%(message)s %(detail)s")
    logger.addHandler(handler)

    def explode(self: Masker, text: str) -> str:
        raise RuntimeError("masker bug")

    monkeypatch.setattr(Masker, "mask", explode)
    logger.error("password=%s", SECRET, extra={"detail": SECRET})  # does not raise
    assert handler.lines == [f"{WITHHELD} {WITHHELD}"]
    assert runtime.stats()["mask_errors"] == 1


def test_dict_config_filter(logger: logging.Logger) -> None:
    stream = io.StringIO()
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"privacy": {"()": "privlint.runtime.logging.RedactingFilter"}},
            "handlers": {
                "out": {
                    "class": "logging.StreamHandler",
                    "stream": stream,
                    "filters": ["privacy"],
                    "formatter": "plain",
                }
            },
            "formatters": {"plain": {"format": "%(levelname)s %(message)s"}},
            "loggers": {logger.name: {"handlers": ["out"], "level": "INFO"}},
        }
    )
    logging.getLogger(logger.name + ".child").info("secret=%s", SECRET)
    assert stream.getvalue() == "INFO secret=***\n"


def test_filter_with_its_own_configuration(tmp_path: object, logger: logging.Logger) -> None:
    from pathlib import Path

    config = Path(str(tmp_path)) / "pyproject.toml"
    config.write_text('[tool.privlint.names]\n"credential.password" = ["door_code"]\n')
    handler = Collect()
    handler.addFilter(RedactingFilter(config=str(config)))
    logger.addHandler(handler)
    logger.info("door_code=4711 password=abc")
    assert handler.lines == ["door_code=*** password=***"]


def test_uninstall_restores_logging(logger: logging.Logger) -> None:
    original = logging.Logger.callHandlers
    runtime.install()
    assert logging.Logger.callHandlers is not original
    runtime.uninstall()
    assert logging.Logger.callHandlers is original
    assert "filter" not in logging.Handler.__dict__
    handler = Collect()
    logger.addHandler(handler)
    logger.info("password=%s", SECRET)
    assert handler.lines == [f"password={SECRET}"]


def test_many_threads_no_record_lost_none_unmasked(logger: logging.Logger) -> None:
    runtime.install()
    handler = Collect("%(threadName)s %(message)s")
    logger.addHandler(handler)
    threads, per_thread = 8, 250
    barrier = threading.Barrier(threads)

    def work(n: int) -> None:
        child = logging.getLogger(f"{logger.name}.t{n}")
        barrier.wait()
        for i in range(per_thread):
            child.info("req %d user=%d password=%s mail=u%d@example.com", i, n, SECRET, i)

    pool = [threading.Thread(target=work, args=(n,), name=f"w{n}") for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert len(handler.lines) == threads * per_thread
    assert not any(SECRET in line for line in handler.lines)
    for n in range(threads):
        mine = [line for line in handler.lines if line.startswith(f"w{n} ")]
        assert len(mine) == per_thread
        assert mine[7] == f"w{n} req 7 user={n} password=*** mail=u***@example.com"
    assert _state.stats()["mask_errors"] == 0


class _RerenderingFormatter(logging.Formatter):
    """Clears the cached traceback so that its own formatException renders it again
    (a common idiom, e.g. to render tracebacks on one line)."""

    def formatException(self, ei: object) -> str:
        return " | ".join(traceback.format_exception(*ei)).replace("\n", " ")  # type: ignore[misc]

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = None
        return super().format(record)


class _JsonishFormatter(logging.Formatter):
    """Renders exc_info itself, ignoring exc_text, as JSON log formatters do."""

    def format(self, record: logging.LogRecord) -> str:
        exc = self.formatException(record.exc_info) if record.exc_info else ""
        return f"{record.getMessage()} exc={exc!r}"


@pytest.mark.parametrize("formatter", [_RerenderingFormatter(), _JsonishFormatter()])
def test_tracebacks_rendered_again_from_exc_info_are_masked(
    logger: logging.Logger, formatter: logging.Formatter
) -> None:
    runtime.install()
    handler = Collect()
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    try:
        raise ValueError(f"bad api_key={SECRET}")
    except ValueError:
        logger.exception("failed")  # privlint: ignore[PL101]
    (line,) = handler.lines
    assert SECRET not in line
    assert "ValueError: bad api_key=***" in line
    assert line.startswith("failed")


def test_formatter_used_directly_masks_the_traceback() -> None:
    runtime.install()
    try:
        raise ValueError(f"bad api_key={SECRET}")
    except ValueError:
        text = logging.Formatter().formatException(sys.exc_info())
    assert SECRET not in text
    assert "api_key=***" in text
    runtime.uninstall()
    try:
        raise ValueError(f"bad api_key={SECRET}")
    except ValueError:
        assert SECRET in logging.Formatter().formatException(sys.exc_info())
