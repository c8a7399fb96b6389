"""Benchmarks and their data generators (run as scripts: python bench/NAME.py)."""
