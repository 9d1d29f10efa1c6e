# syntax=docker/dockerfile:1
# Build stage: install the project and its dependencies into a virtualenv.
FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
COPY app ./app
RUN /opt/venv/bin/pip install .

# Runtime stage: the virtualenv, the migrations, and an unprivileged user.
FROM python:3.11-slim AS runtime
RUN groupadd --system --gid 10001 events && useradd --system --uid 10001 --gid events --home-dir /srv events
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
ENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/srv PYTHONUNBUFFERED=1 EVENTS_DATA_DIR=/srv/data
USER 10001:10001
EXPOSE 8000
# The image expects DATABASE_URL. Migrations are a separate step of a deploy:
#   docker run --rm -e DATABASE_URL=... IMAGE event-tracker migrate
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["event-tracker", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
