"""Slugs an organisation may not have: its public page /<slug>/ would never be reached.

Kept in core, so orgs.services refuses these in create_organization without depending on the
portal's models (the portal also refuses to publish for such an organisation).
"""

RESERVED_SLUGS = frozenset(
    {
        # prefixes of the application's own addresses (prongsai/urls.py and every app's urls.py)
        "accounts", "admin", "i18n", "api", "o", "plans", "measures", "evidence", "documents", "signed",
        "c", "track", "complaints", "complaint-files", "ita", "static", "media", "imports", "oversight",
        # the portal's own public pages
        "orgs", "log", "verify", "sitemap", "robots", "favicon", "publish",
    }
)  # fmt: skip
