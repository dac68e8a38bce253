"""Login throttling with django-axes: the (account, address) pair, and the address alone.

django-axes counts failed logins in the database (AccessAttempt rows), so the count holds across
gunicorn workers and across servers that share the database. It has one failure limit for all its
lockout parameters; the handler below adds a second, higher limit for the address alone:

- LOGIN_FAILURES failures of one account from one address lock that pair (AXES_LOCKOUT_PARAMETERS
  [["username", "ip_address"]]): the same account from another address still logs in, so nobody can
  lock an officer out by guessing their password on purpose;
- LOGIN_ADDRESS_FAILURES failures from one address, whatever the accounts, lock that address for every
  account (someone trying many accounts); it is high because a whole office may share one address.

Both last LOGIN_COOLOFF_MINUTES after the last failure. A superuser unlocks early by deleting the
rows in the admin ("Access attempts") or with `prongsai axes_reset_username NAME` / `axes_reset_ip IP`.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


class LoginThrottleHandler(AxesDatabaseHandler):
    """AxesDatabaseHandler with the address-wide limit on top of the (account, address) one."""

    def address_failures(self, request: Any) -> int:
        """Failed logins from the request's address in the cool-off window, whatever the account."""
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        )
        return int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        pair = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if pair < limit and self.address_failures(request) >= settings.LOGIN_ADDRESS_FAILURES:
            return limit  # the address is locked: report it as the limit reached
        return pair


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The page a locked-out login gets: 429, in Thai, saying when to try again (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request) or settings.AXES_COOLOFF_TIME
    minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {"retry_at": timezone.now() + cool_off, "minutes": minutes}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
