"""Keeping tests off the network."""

from __future__ import annotations

import socket
from typing import Any

import pytest


def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection but to this machine fails the test (for the modules that talk to services)."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and self.family != socket.AF_UNIX:
            raise AssertionError(f"a test tried to reach {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
