# syntax=docker/dockerfile:1
# insatser-api: build the wheel from the lock into a virtualenv, then copy it into a slim image
# that runs as an unprivileged user. See docs/containers.md (production and test mode).
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY pyproject.toml setup.py MANIFEST.in requirements.lock README.md ./
COPY src ./src
COPY catalog ./catalog
COPY migrations ./migrations
# Every version pinned by the lock; a plain (non-editable) install carries the package data:
# the catalogue, the migrations (setup.py copies them in) and the Swagger UI and ReDoc files.
RUN /opt/venv/bin/pip install --constraint requirements.lock .

FROM ${PYTHON_IMAGE}
RUN useradd --create-home --uid 10001 --user-group insatser
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
RUN mkdir -p /app/data && chown insatser:insatser /app/data
USER insatser
# Production by default: a real INSATSER_API_KEY_PEPPER is required. Test mode for other teams'
# CI: -e INSATSER_ENVIRONMENT=test -e INSATSER_AUTH_DISABLED=true (no pepper, no key).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    INSATSER_ENVIRONMENT=production \
    INSATSER_HOST=0.0.0.0 \
    INSATSER_PORT=8000 \
    INSATSER_WORKERS=2 \
    INSATSER_LOG_FORMAT=json \
    DATABASE_URL=sqlite:////app/data/insatser.db \
    PROMETHEUS_MULTIPROC_DIR=/tmp/insatser-metrics
# The embedded SQLite database; with DATABASE_URL=postgresql://... nothing is kept here.
VOLUME ["/app/data"]
EXPOSE 8000
# No curl in a slim image: Python's urllib, which exits non-zero on an error or a timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('INSATSER_PORT', '8000') + '/health/live', timeout=4)"]
# `serve` runs uvicorn on uvloop + httptools (pinned in requirements.lock, installed above) and
# listens on its own TCP_NODELAY socket for any INSATSER_WORKERS (docs/performance.md, fifth round).
# Migrate (PostgreSQL too), then `exec` so that the server is PID 1 and gets SIGTERM (stop) and
# SIGHUP (every worker reloads the catalogue in place) from `docker stop` / `docker kill -s HUP`.
CMD ["sh", "-c", "insatser-api db upgrade && exec insatser-api serve"]
