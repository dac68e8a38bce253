"""Every write of the oversight app: the synthetic country's bulk generation (the dashboard only reads)."""

from prongsai.oversight.services.bulk import GenerationResult, already_generated, generate_country, parse_years

__all__ = ["GenerationResult", "already_generated", "generate_country", "parse_years"]
