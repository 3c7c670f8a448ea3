"""Readers for corpus and benchmark formats, metrics, and the train / evaluate / predict commands."""
