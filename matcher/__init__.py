"""Embeddings, scoring, eligibility and explanations: which calls fit which priorities."""
