"""Benchmarks: scripts that print figures (``make bench``). No assertions on timings."""
