# syntax=docker/dockerfile:1
FROM python:3.11-slim AS build
WORKDIR /app
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY pyproject.toml requirements.lock README.md ./
COPY src ./src
RUN /opt/venv/bin/pip install --constraint requirements.lock . "psycopg[binary]"

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 insatser
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
COPY catalog ./catalog
RUN mkdir -p /app/data && chown insatser /app/data
USER insatser
ENV PATH=/opt/venv/bin:$PATH INSATSER_ENVIRONMENT=production INSATSER_HOST=0.0.0.0
VOLUME ["/app/data"]
EXPOSE 8000
CMD ["sh", "-c", "alembic upgrade head && insatser-api serve --workers 2"]
