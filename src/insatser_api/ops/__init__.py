"""Operations: health, metrics, request telemetry and logs, catalogue reload, offline API docs,
and the command line's catalogue diff and eligibility check."""
