"""The documentation journal (SoL 2025:400 14 kap. 3–5 §)."""
