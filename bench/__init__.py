"""Benchmarks: `python -m bench` (HTTP, wrk on loopback) and `python -m bench.rules` (rules layer).

Speed is measured here and recorded in docs/performance.md; tests never assert it.
"""
