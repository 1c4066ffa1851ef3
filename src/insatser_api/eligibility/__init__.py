"""Eligibility: HTTP requests → rules-layer situations → answers with the law behind them."""
