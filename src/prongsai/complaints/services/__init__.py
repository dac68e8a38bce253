"""Every write to complaints goes through these functions (views, the API, commands and tests call them)."""

from prongsai.complaints.services.intake import IntakeData, file_case, normalise_code, register_case
from prongsai.complaints.services.setup import (
    active_kinds,
    add_holiday,
    add_kind,
    is_case_officer,
    remove_holiday,
    set_case_officer,
    settings_for,
    update_channel_settings,
    update_kind,
)
from prongsai.complaints.services.workflow import add_note, assign_department, can_handle, move, send_reply

__all__ = [
    "IntakeData",
    "active_kinds",
    "add_holiday",
    "add_kind",
    "add_note",
    "assign_department",
    "can_handle",
    "file_case",
    "is_case_officer",
    "move",
    "normalise_code",
    "register_case",
    "remove_holiday",
    "send_reply",
    "set_case_officer",
    "settings_for",
    "update_channel_settings",
    "update_kind",
]
