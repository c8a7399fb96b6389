"""Fact sheets (curated, published sets of claims). Imported at the end of claims.models."""
