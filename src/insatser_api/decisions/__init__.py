"""The decision log: every eligibility answer, recorded without identity."""
