"""Swedish HTML pages for staff (Kundcenter, handläggare): search the catalogue, read an
insats, check a person step by step. Server-rendered, no JavaScript needed; they call the same
in-process functions as the API (api.md, Staff pages)."""
