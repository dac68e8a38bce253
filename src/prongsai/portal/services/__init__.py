"""Every write of the portal: publishing and withdrawing documents and evidence (see documents.py, evidence.py)."""
