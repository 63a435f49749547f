"""Host classification shared by the transport rules and the runtime HTTP guard."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(values: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _in(host: str, networks: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return any(address in network for network in networks)


@dataclass(frozen=True)
class HostPolicy:
    """Local, documentation and project-allowed hosts."""

    local_hosts: frozenset[str] = frozenset()
    local_networks: tuple[Network, ...] = ()
    local_suffixes: tuple[str, ...] = ()
    bind_addresses: frozenset[str] = frozenset()
    documentation_hosts: frozenset[str] = frozenset()
    documentation_suffixes: tuple[str, ...] = ()
    documentation_networks: tuple[Network, ...] = ()
    #: project additions: exact hosts or globs (``*.corp.example``), treated as local
    allowed: tuple[str, ...] = ()

    @classmethod
    def from_lists(
        cls,
        *,
        local_hosts: Iterable[str],
        local_networks: Iterable[str],
        local_suffixes: Iterable[str],
        bind_addresses: Iterable[str],
        documentation_hosts: Iterable[str],
        documentation_suffixes: Iterable[str],
        documentation_networks: Iterable[str],
        allowed: Iterable[str] = (),
    ) -> HostPolicy:
        return cls(
            local_hosts=frozenset(h.lower() for h in local_hosts),
            local_networks=_networks(local_networks),
            local_suffixes=tuple(s.lower() for s in local_suffixes),
            bind_addresses=frozenset(bind_addresses),
            documentation_hosts=frozenset(h.lower() for h in documentation_hosts),
            documentation_suffixes=tuple(s.lower() for s in documentation_suffixes),
            documentation_networks=_networks(documentation_networks),
            allowed=tuple(a.lower() for a in allowed),
        )

    def is_local(self, host: str) -> bool:
        """Loopback, a local suffix, a bind-all address, or allowed by the project."""
        host = host.lower().rstrip(".")
        if host in self.local_hosts or host.strip("[]") in self.bind_addresses:
            return True
        if host.endswith(self.local_suffixes) or _in(host, self.local_networks):
            return True
        return any(fnmatchcase(host, pattern) for pattern in self.allowed)

    def is_documentation(self, host: str) -> bool:
        """A host reserved for examples and tests: never real traffic."""
        host = host.lower().rstrip(".")
        return (
            host in self.documentation_hosts
            or host.endswith(self.documentation_suffixes)
            or _in(host, self.documentation_networks)
        )
