"""Spiders, one small module per source, that turn funding sources into normalised calls."""
