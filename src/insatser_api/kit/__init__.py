"""Shared building blocks: base schema, problem details, pagination."""
