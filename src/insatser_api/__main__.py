"""`python -m insatser_api serve …`: the same command line as `insatser-api`."""

from insatser_api.cli import app

app()
