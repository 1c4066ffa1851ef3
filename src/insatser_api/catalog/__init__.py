"""The versioned YAML catalogue: schema, loader, registry and HTTP endpoints."""
