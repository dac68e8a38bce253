"""ITA: catalogues per year (data files), an organisation's scores, national imports."""
