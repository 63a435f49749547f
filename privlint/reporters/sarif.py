"""SARIF 2.1.0 for GitHub code scanning and IDE SARIF viewers, built with sarif-om.

What goes in and what stays out:

- every enabled rule as a ``reportingDescriptor`` with help, tags (CWE tags included),
  ``security-severity`` and ``precision``, so code scanning can rank and explain results;
- results with a region, an explicit ``level``, ``partialFingerprints`` (our fingerprint
  survives edits above the finding) and ``fixes`` where a rule has a rewrite, each
  with a ``safe`` property (an unsafe one says so in its description too);
- relative artifact URIs against ``%SRCROOT%``, whose absolute URI is the only absolute
  path in the log (in ``originalUriBaseIds``); in a git checkout ``%SRCROOT%`` is the
  repository's top-level directory, wherever privlint was started from, and
  ``versionControlProvenance`` names the ``origin`` remote (without credentials), the
  commit and the branch; files outside the root get ``file://`` URIs;
- each rule's ``helpUri`` opens its page, ``docs/rules/PLnnn.md``, in the repository
  (:data:`privlint.REPOSITORY_URL`); ``automationDetails.id`` is ``privlint/``, the
  category code scanning files the run under;
- a run stays within GitHub code scanning's upload limits (:data:`GITHUB_LIMITS`): past
  them, results are left out lowest level first, and a ``toolExecutionNotification``
  says how many, rather than the upload failing;
- a path that was asked for and not analysed (unreadable, not a regular file) is a PL000
  result at level ``note`` like every finding, and also a ``toolExecutionNotifications``
  entry of ``invocations[0]``, which is written only then and holds nothing else besides
  the required ``executionSuccessful`` (the run went on: true);
- no timestamps, no other invocation details (command line, machine, directories), and
  never a source snippet: privacy findings sit on the very text that must not be copied
  elsewhere.

sarif-om gives the object model but no serializer; ``to_json`` walks its attrs classes,
renames fields to their schema names and leaves out values equal to the schema defaults.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, TypeAlias
from urllib.parse import quote

import attr
import sarif_om as om

import privlint
from privlint.engine.files import is_not_analysed
from privlint.findings import Finding, Fix, Level, Region, ScanResult
from privlint.reporters.base import Reporter
from privlint.reporters.vcs import Provenance, find_provenance
from privlint.rules.base import RuleInfo

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = privlint.REPOSITORY_URL
SRCROOT = "%SRCROOT%"
#: ``category/``: code scanning keeps one set of alerts per category (upload-sarif keeps
#: an id the log has, whatever its own ``category`` input says); no run instance part,
#: so that the log depends only on the findings
DEFAULT_CATEGORY = "privlint"
AUTOMATION_ID = DEFAULT_CATEGORY + "/"
FINGERPRINT_KEY = "privlintFingerprint/v1"

# Finding columns are counted by libcst in str indices, i.e. Unicode code points, and
# reporters never see the source to convert them; so say what they are. (SARIF viewers
# that assume UTF-16 differ only on lines holding characters outside the BMP.)
COLUMN_KIND = "unicodeCodePoints"

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None

# CodeQL's vocabulary for ``problem.severity``, which code scanning shows for results
# that are not security alerts.
_PROBLEM_SEVERITY = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.NOTE: "recommendation",
    Level.NONE: "recommendation",
}


@dataclass(frozen=True)
class UploadLimits:
    """What one run may hold for the upload to be accepted (GitHub documents these as
    hard limits in "SARIF results exceed limits"): results per run, tags per rule, and
    the size of the gzip-compressed file. The other limits cannot be reached: privlint
    writes one run per file (limit 20), one location per result (limit 1,000), no code
    flows (limit 10,000 thread-flow locations per result) and fewer than a hundred rules
    (limit 25,000)."""

    results: int = 25_000
    tags: int = 20
    #: GitHub rejects a compressed file over 10 MB; stay a little below it
    gzip_bytes: int = 10_000_000


GITHUB_LIMITS = UploadLimits()

#: ``provenance`` default: ask git about the scan root
_DISCOVER: Any = object()


class SarifReporter(Reporter):
    """One SARIF log with one run of privlint.

    ``provenance`` is where the scan sits in git; by default it is found from the scan
    root (``None``: write paths relative to the scan root and no provenance)."""

    def __init__(
        self,
        provenance: Provenance | None = _DISCOVER,
        limits: UploadLimits | None = None,
        category: str = DEFAULT_CATEGORY,
    ) -> None:
        self.provenance = provenance
        self.limits = limits or GITHUB_LIMITS
        self.category = category
        #: results the last render left out to stay within the limits
        self.left_out = 0

    def render(
        self,
        result: ScanResult,
        rules: Sequence[RuleInfo],
        run_properties: Mapping[str, JsonValue] | None = None,
    ) -> str:
        provenance = (
            find_provenance(result.root) if self.provenance is _DISCOVER else self.provenance
        )
        findings = sorted(result.findings)
        keep = min(len(findings), self.limits.results)
        while True:
            log = build_log(
                result,
                rules,
                run_properties,
                provenance,
                _kept(findings, keep),
                len(findings),
                category=self.category,
            )
            text = json.dumps(to_json(log), indent=2) + "\n"
            size = len(gzip.compress(text.encode("utf-8"), mtime=0))
            if size <= self.limits.gzip_bytes or keep == 0:
                self.left_out = len(findings) - keep
                return text
            # results make up nearly all of a large log: scale them down to fit, with a
            # margin, and check again
            keep = min(keep - 1, int(keep * self.limits.gzip_bytes / size * 0.95))
            keep = max(keep, 0)


def _kept(findings: Sequence[Finding], count: int) -> list[Finding]:
    """The ``count`` findings a truncated run keeps: highest level first, then highest
    confidence, then report order; returned in report order."""
    if count >= len(findings):
        return list(findings)
    ranked = sorted(
        range(len(findings)),
        key=lambda i: (-findings[i].level, -findings[i].confidence, i),
    )
    return [findings[i] for i in sorted(ranked[:count])]


def build_log(
    result: ScanResult,
    rules: Sequence[RuleInfo],
    run_properties: Mapping[str, JsonValue] | None = None,
    provenance: Provenance | None = None,
    kept: Sequence[Finding] | None = None,
    total: int | None = None,
    limits: UploadLimits = GITHUB_LIMITS,
    category: str = DEFAULT_CATEGORY,
) -> Any:
    """The ``sarif_om.SarifLog`` for a scan (exposed for tests and other writers);
    ``run_properties`` go in the run's property bag (a shard's record). ``kept``, when
    given, are the findings written of ``total`` (a run cut down to the upload limits:
    a notification says how many were left out)."""
    ordered_rules = sorted({rule.id: rule for rule in rules}.values(), key=lambda r: r.id)
    rule_index = {rule.id: index for index, rule in enumerate(ordered_rules)}
    driver = om.ToolComponent(
        name="privlint",
        version=privlint.__version__,
        semantic_version=privlint.__version__,
        information_uri=INFORMATION_URI,
        rules=[_descriptor(rule, limits) for rule in ordered_rules],
    )
    findings = sorted(result.findings) if kept is None else list(kept)
    total = len(findings) if total is None else total
    paths = _Paths(result.root, provenance)
    run = om.Run(
        tool=om.Tool(driver=driver),
        automation_details=om.RunAutomationDetails(id=category.strip("/") + "/"),
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri=paths.root_uri)},
        column_kind=COLUMN_KIND,
        results=[_result(finding, rule_index, paths) for finding in findings],
    )
    if provenance is not None and provenance.repository_uri is not None:
        run.version_control_provenance = [_version_control(provenance)]
    notifications = [
        _notification(finding, rule_index, paths)
        for finding in findings
        if is_not_analysed(finding)
    ]
    if total > len(findings):
        notifications.append(_truncation_notice(total - len(findings), total, limits))
    if notifications:
        run.invocations = [
            om.Invocation(execution_successful=True, tool_execution_notifications=notifications)
        ]
    if run_properties:
        run.properties = property_bag(extra=run_properties)
    return om.SarifLog(runs=[run], version=SARIF_VERSION, schema_uri=SCHEMA_URI)


def _version_control(provenance: Provenance) -> Any:
    details = om.VersionControlDetails(
        repository_uri=provenance.repository_uri,
        mapped_to=om.ArtifactLocation(uri_base_id=SRCROOT),
    )
    if provenance.revision is not None:
        details.revision_id = provenance.revision
    if provenance.branch is not None:
        details.branch = provenance.branch
    return details


def _truncation_notice(left_out: int, total: int, limits: UploadLimits) -> Any:
    return om.Notification(
        message=om.Message(
            text=(
                f"{left_out} of {total} results were left out so that GitHub code scanning"
                f" accepts the upload (at most {limits.results:,} results per run and"
                f" {limits.gzip_bytes // 1_000_000} MB compressed); the highest levels were"
                " kept. The text and JSON reports have every finding."
            )
        ),
        level="warning",
    )


def _descriptor(rule: RuleInfo, limits: UploadLimits = GITHUB_LIMITS) -> Any:
    markdown = rule.help_markdown.strip() or rule.description or rule.summary or rule.id
    tags = list(rule.tags) + [f"external/cwe/cwe-{cwe}" for cwe in rule.cwe]
    return om.ReportingDescriptor(
        id=rule.id,
        name=rule.name,
        help_uri=privlint.rule_docs_url(rule.id),
        short_description=om.MultiformatMessageString(text=_sentence(rule.summary or rule.id)),
        full_description=om.MultiformatMessageString(
            text=_sentence(rule.description or rule.summary or rule.id)
        ),
        help=om.MultiformatMessageString(text=markdown_to_text(markdown), markdown=markdown),
        default_configuration=om.ReportingConfiguration(
            level=rule.level.sarif, enabled=rule.enabled_by_default
        ),
        properties=property_bag(
            tags=list(dict.fromkeys(tags))[: limits.tags],
            extra={
                # GitHub reads this as a string holding a number from 0.0 to 10.0.
                "security-severity": f"{min(max(rule.security_severity, 0.0), 10.0):.1f}",
                # RuleInfo has no precision yet; all rules aim to be precise.
                "precision": "high",
                "problem.severity": _PROBLEM_SEVERITY[rule.level],
            },
        ),
    )


def _result(finding: Finding, rule_index: Mapping[str, int], paths: _Paths) -> Any:
    location = om.Location(physical_location=_physical_location(finding, paths))
    sarif_result = om.Result(
        rule_id=finding.rule_id,
        # A result whose rule was not passed in keeps its ruleId and has no ruleIndex.
        rule_index=rule_index.get(finding.rule_id, -1),
        level=finding.level.sarif,
        message=om.Message(text=_sentence(finding.message)),
        locations=[location],
        rank=finding.confidence.rank,
        properties=property_bag(extra={"confidence": finding.confidence.label}),
    )
    if finding.fingerprint:
        sarif_result.partial_fingerprints = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.fix is not None and finding.fix.edits:
        sarif_result.fixes = [_fix(paths.location(finding.path), finding.fix)]
    return sarif_result


def _notification(finding: Finding, rule_index: Mapping[str, int], paths: _Paths) -> Any:
    """The tool execution notification for a path not analysed: where and why, tied to
    the rule (PL000) whose result says the same."""
    return om.Notification(
        message=om.Message(text=_sentence(f"{finding.path}: {finding.message}")),
        level=finding.level.sarif,
        locations=[om.Location(physical_location=_physical_location(finding, paths))],
        associated_rule=om.ReportingDescriptorReference(
            id=finding.rule_id, index=rule_index.get(finding.rule_id, -1)
        ),
    )


def _physical_location(finding: Finding, paths: _Paths) -> Any:
    return om.PhysicalLocation(
        artifact_location=paths.location(finding.path), region=_region(finding.region)
    )


def _fix(location: Any, fix: Fix) -> Any:
    replacements = [
        om.Replacement(
            deleted_region=_region(edit.region),
            inserted_content=om.ArtifactContent(text=edit.replacement),
        )
        for edit in sorted(fix.edits, key=lambda edit: edit.region)
    ]
    change = om.ArtifactChange(artifact_location=location, replacements=replacements)
    title = fix.title if fix.safe else f"{fix.title} (unsafe: it may change what the code does)"
    return om.Fix(
        description=om.Message(text=_sentence(title)),
        artifact_changes=[change],
        # as --fix reads it: only safe fixes are applied unless --unsafe-fixes
        properties=property_bag(extra={"safe": fix.safe}),
    )


def _region(region: Region) -> Any:
    # SARIF's endColumn is "the column following the end", like Region's exclusive end.
    return om.Region(
        start_line=region.start_line,
        start_column=region.start_column,
        end_line=region.end_line,
        end_column=region.end_column,
    )


class _Paths:
    """Finding paths (relative to the scan root, or absolute) as artifact locations
    relative to ``%SRCROOT%``: the repository's top level in a git checkout, else the
    scan root. A path outside it is an absolute ``file:`` URI."""

    def __init__(self, root: str, provenance: Provenance | None) -> None:
        scan_root = os.path.abspath(root)
        base = os.path.abspath(provenance.toplevel) if provenance is not None else scan_root
        #: the scan root seen from the base: "" or "pkg/sub/"
        prefix = os.path.relpath(scan_root, base).replace(os.sep, "/")
        if prefix == "." or prefix.startswith(".."):
            base, prefix = (scan_root, "") if prefix != "." else (base, "")
        self._base = base
        self._prefix = "" if not prefix else prefix + "/"
        uri = Path(base).as_uri()
        self.root_uri = uri if uri.endswith("/") else uri + "/"

    def location(self, path: str) -> Any:
        if PureWindowsPath(path).is_absolute() and not PurePosixPath(path).is_absolute():
            return om.ArtifactLocation(uri=PureWindowsPath(path).as_uri())
        if PurePosixPath(path).is_absolute():
            inside = os.path.relpath(path, self._base).replace(os.sep, "/")
            if inside.startswith(".."):
                return om.ArtifactLocation(uri=PurePosixPath(path).as_uri())
            relative = inside
        else:
            relative = posixpath.normpath(self._prefix + path.replace("\\", "/"))
            if relative.startswith(".."):
                absolute = os.path.normpath(os.path.join(self._base, relative))
                return om.ArtifactLocation(uri=Path(absolute).as_uri())
        return om.ArtifactLocation(uri=quote(relative, safe="/"), uri_base_id=SRCROOT)


def _sentence(text: str) -> str:
    """SARIF asks plain-text messages to be sentences: end them with a period."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def markdown_to_text(markdown: str) -> str:
    """A plain-text rendering of rule help: headings, emphasis and code marks removed."""
    lines = []
    for line in markdown.strip().splitlines():
        if line.strip().startswith("```"):
            continue
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", line)
        line = line.replace("**", "").replace("`", "")
        lines.append(line.rstrip())
    return "\n".join(lines)


def property_bag(
    tags: Sequence[str] | None = None, extra: Mapping[str, JsonValue] | None = None
) -> Any:
    """A ``PropertyBag``; sarif-om models only ``tags``, so other keys are set as attributes
    (attrs classes without slots accept them) and ``to_json`` writes them after ``tags``."""
    bag = om.PropertyBag(tags=list(tags) if tags else None)
    field_names = {field.name for field in attr.fields(om.PropertyBag)}
    for key, value in (extra or {}).items():
        if key in field_names:
            raise ValueError(f"property {key!r} is a PropertyBag field, not an extra")
        bag.__dict__[key] = value
    return bag


# --- serializer -----------------------------------------------------------------------

# Fields written even when they equal the schema default: a result's, a rule's and a
# notification's level (readers then need not know the default, and GitHub shows what
# we mean).
_ALWAYS_WRITTEN = {
    (om.Result, "level"),
    (om.ReportingConfiguration, "level"),
    (om.Notification, "level"),
}

# The order of keys, for people reading the log: these first, in this order, wherever
# they occur; any other key after them, in the order sarif-om declares it.
_KEY_ORDER = {
    key: position
    for position, key in enumerate(
        (
            "$schema",
            "id",
            "name",
            "version",
            "semanticVersion",
            "informationUri",
            "helpUri",
            "runs",
            "tool",
            "driver",
            "automationDetails",
            "versionControlProvenance",
            "repositoryUri",
            "revisionId",
            "branch",
            "mappedTo",
            "columnKind",
            "originalUriBaseIds",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
            "ruleId",
            "ruleIndex",
            "level",
            "enabled",
            "message",
            "description",
            "text",
            "markdown",
            "locations",
            "physicalLocation",
            "artifactLocation",
            "uri",
            "uriBaseId",
            "region",
            "startLine",
            "startColumn",
            "endLine",
            "endColumn",
            "partialFingerprints",
            "fixes",
            "artifactChanges",
            "replacements",
            "deletedRegion",
            "insertedContent",
            "rules",
            "results",
            "properties",
        )
    )
}


def to_json(value: object) -> JsonValue:
    """Turn a sarif-om object graph into JSON-ready data with schema property names."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if attr.has(type(value)):
        return _attrs_to_json(value)
    raise TypeError(f"cannot write {type(value).__name__} as SARIF")


def _attrs_to_json(obj: Any) -> dict[str, JsonValue]:
    cls = type(obj)
    members: list[tuple[str, JsonValue]] = []
    fields = attr.fields(cls)
    for field in fields:
        value = getattr(obj, field.name)
        if (cls, field.name) not in _ALWAYS_WRITTEN and _is_default(obj, field, value):
            continue
        members.append((field.metadata.get("schema_property_name", field.name), to_json(value)))
    members.sort(key=lambda member: _KEY_ORDER.get(member[0], len(_KEY_ORDER)))
    if cls is om.PropertyBag:
        field_names = {field.name for field in fields}
        members.extend(
            (key, to_json(item)) for key, item in vars(obj).items() if key not in field_names
        )
    return dict(members)


def _is_default(obj: object, field: attr.Attribute[Any], value: object) -> bool:
    default: object = field.default
    if default is attr.NOTHING:  # a required field
        return False
    factory = getattr(default, "factory", None)
    if factory is not None:  # attr.Factory, e.g. Run.newlineSequences
        default = factory(obj) if getattr(default, "takes_self", False) else factory()
    # Compare types too: in Python 1 == True and 0 == False, which JSON tells apart.
    return type(value) is type(default) and value == default
