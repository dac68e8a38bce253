"""Every write of the ITA app: catalogue versions, an organisation's scores, national imports, the
notes of the analysis, and measures made from suggestions.

Each runs in a transaction and records its actor (django-simple-history for assessments, the
versions themselves for catalogues, one ImportBatch per batch for bulk imports).
"""

from prongsai.ita.pasted import ParsedScores, parse_pasted_scores
from prongsai.ita.services.assessments import import_score_sheet, record_assessment
from prongsai.ita.services.catalogues import (
    MAX_CATALOGUE_BYTES,
    active_catalogue,
    catalogue_text,
    catalogue_years,
    edit_catalogue_item,
    upload_catalogue,
)
from prongsai.ita.services.national import NationalResult, UnknownRow, import_national_sheet
from prongsai.ita.services.notes import save_indicator_note
from prongsai.ita.services.suggestions import adopt_suggestion

__all__ = [
    "MAX_CATALOGUE_BYTES",
    "NationalResult",
    "ParsedScores",
    "UnknownRow",
    "active_catalogue",
    "adopt_suggestion",
    "catalogue_text",
    "catalogue_years",
    "edit_catalogue_item",
    "import_national_sheet",
    "import_score_sheet",
    "parse_pasted_scores",
    "record_assessment",
    "save_indicator_note",
    "upload_catalogue",
]
