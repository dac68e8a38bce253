"""Every write to plans, measures, progress and evidence goes through these functions.

Each runs in a transaction and records its actor in the audit history (django-simple-history):
views, the API, the command line, importers and tests all call them.
"""

from prongsai.measures.services import pending  # evidence files kept across a refused form; ends with a membership
from prongsai.measures.services.evidence import add_evidence, withdraw_evidence
from prongsai.measures.services.measures import (
    MeasureData,
    ProgressData,
    create_measure,
    delete_measure,
    record_progress,
    reorder_measures,
    update_measure,
)
from prongsai.measures.services.plans import (
    amend_plan,
    approve_plan,
    copy_plan_forward,
    create_plan,
    return_plan,
    submit_plan,
    update_plan,
    withdraw_plan,
)
from prongsai.measures.services.years import (
    YearDecision,
    accept_all_years,
    accept_year,
    keep_all_years,
    keep_year,
)

__all__ = [
    "MeasureData",
    "ProgressData",
    "YearDecision",
    "accept_all_years",
    "accept_year",
    "add_evidence",
    "amend_plan",
    "approve_plan",
    "copy_plan_forward",
    "create_measure",
    "create_plan",
    "delete_measure",
    "keep_all_years",
    "keep_year",
    "pending",
    "record_progress",
    "reorder_measures",
    "return_plan",
    "submit_plan",
    "update_measure",
    "update_plan",
    "withdraw_evidence",
    "withdraw_plan",
]
