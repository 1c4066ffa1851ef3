"""API keys: who may call what (README, Security).

A key is a random token shown once; the database keeps only an HMAC of it. Each key carries
scopes, and a key that may write documentation names the enheter it may write for.
"""
