"""Grants end with the membership: the one hook every grant tied to a membership registers with.

A membership ends when an admin removes a leaver (`orgs.services.remove_member`). Inside that same
transaction, after `removed_at` is saved, `end_all(member, actor)` calls every registered *ender*
in the order registered; if one raises, the removal is rolled back with everything else. Each ender
withdraws one kind of grant the person held through that membership, recording `actor` and a reason
in the grant's history (`core.audit.save_audited`), so the leaver keeps nothing.

Registered today:

- "department limits" (here): `Membership.departments` cleared; simple-history keeps the old limit.
- "invitations sent" (orgs/invitations.py): the leaver's pending invitations revoked.
- "case officer" (complaints/services/setup.py): the CaseOfficer permission withdrawn.
- "pending uploads" (imports/services.py): the leaver's draft imports in that organisation deleted.
- "pending evidence files" (measures/services/pending.py): files the leaver chose on an evidence form
  that came back with an error, kept for the next submit, deleted.
- "api tokens" (api/services.py): the person's API tokens revoked, when no other active membership
  and no active Oversight remains to use them for.

A LATER FEATURE that grants something through a membership (a row with a foreign key to Membership,
a flag, a per-person setting that opens data) registers its ender once, at import time of its app's
`services` module (or a module that module imports):

    from prongsai.orgs import grants

    def _end_reviewer(member: Membership, actor: Any) -> None:
        for grant in Reviewer.objects.select_for_update().filter(membership=member, active=True):
            grant.active = False
            save_audited(grant, actor, "membership ended")

    grants.register("plan reviewer", _end_reviewer)

`OrgsConfig.ready()` imports every installed app's `services` module, so every ender is registered
before any request or command can end a membership; `tests/orgs/test_grants_end_with_membership.py`
checks the registered names. An ender must be idempotent and must not depend on the other enders.

Joining again never revives a grant: accepting a new invitation (or `add_member` in a set-up
command) makes a NEW Membership row (only one ACTIVE row per person and organisation is unique), so
anything still pointing at the old row stays with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from prongsai.orgs.models import Membership

Ender = Callable[[Membership, Any], None]

_enders: dict[str, Ender] = {}


def register(name: str, ender: Ender) -> None:
    """Register `ender(member, actor)` under `name`; registering the same name again replaces it."""
    _enders[name] = ender


def registered() -> list[str]:
    return list(_enders)


def end_all(member: Membership, actor: Any) -> None:
    """End every registered grant `member` held. Called by remove_member inside its transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("grants.end_all must run inside the transaction that ends the membership")
    for ender in list(_enders.values()):
        ender(member, actor)


def _end_department_limits(member: Membership, actor: Any) -> None:
    """A department limit is a grant too (it says where an editor may write): cleared, kept in history."""
    if not member.departments.exists():
        return
    member._history_user = actor  # type: ignore[attr-defined]
    member._change_reason = "membership ended: department limits"  # type: ignore[attr-defined]
    member.departments.clear()


register("department limits", _end_department_limits)
