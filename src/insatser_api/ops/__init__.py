"""Operations: health checks (and, later, metrics and request logging)."""
