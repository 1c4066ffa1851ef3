# syntax=docker/dockerfile:1
# insatser-api: build a virtualenv from the lock, then copy it into a slim image that runs as
# an unprivileged user. See README, "Docker".
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY pyproject.toml requirements.lock README.md ./
COPY src ./src
# Every version pinned by the lock; a plain (non-editable) install carries the package data
# (the Swagger UI and ReDoc files under insatser_api/ops/static).
RUN /opt/venv/bin/pip install --constraint requirements.lock .

FROM ${PYTHON_IMAGE}
RUN useradd --create-home --uid 10001 --user-group insatser
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
COPY catalog ./catalog
RUN mkdir -p /app/data && chown insatser:insatser /app/data
USER insatser
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    INSATSER_ENVIRONMENT=production \
    INSATSER_HOST=0.0.0.0 \
    INSATSER_PORT=8000 \
    INSATSER_WORKERS=2 \
    INSATSER_LOG_FORMAT=json \
    PROMETHEUS_MULTIPROC_DIR=/tmp/insatser-metrics
# The embedded SQLite database (DATABASE_URL defaults to sqlite:///data/insatser.db).
VOLUME ["/app/data"]
EXPOSE 8000
# No curl in a slim image: Python's urllib, which exits non-zero on an error or a timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('INSATSER_PORT', '8000') + '/health/live', timeout=4)"]
# Migrate, then `exec` so that the server is PID 1 and gets SIGTERM (stop) and SIGHUP
# (every worker reloads the catalogue in place) from `docker stop` / `docker kill -s HUP`.
CMD ["sh", "-c", "insatser-api db upgrade && exec insatser-api serve"]
