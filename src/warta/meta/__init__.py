"""Article metadata: outlet and dateline, publication date, language."""
