"""The reserved slugs live in core (orgs refuses them when an organisation is created)."""

from prongsai.core.slugs import RESERVED_SLUGS

__all__ = ["RESERVED_SLUGS"]
