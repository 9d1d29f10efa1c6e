# syntax=docker/dockerfile:1
# Build stage: the locked runtime dependencies (with hashes), then the app alone.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
# Dependencies first: this layer is rebuilt only when requirements.lock changes.
# The lock holds no embedded PostgreSQL: the image needs DATABASE_URL.
COPY requirements.lock ./
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY app ./app
RUN /opt/venv/bin/pip install --no-deps --no-compile . \
 && /opt/venv/bin/python -m compileall -q /opt/venv/lib
# The gazetteer index, built once here: the image's filesystem may be read-only when it
# runs, and rebuilding it at every start takes seconds (app/extraction/gazetteer/cache.py).
# -P: import the installed app, not the sources in this folder (the hash covers its files).
RUN EVENTS_CACHE_DIR=/opt/venv/share/event-tracker /opt/venv/bin/python -P -m app.extraction.gazetteer.cache

# Runtime stage: the virtualenv, the migrations, and an unprivileged user.
FROM python:3.11-slim AS runtime
RUN groupadd --system --gid 10001 events \
 && useradd --system --uid 10001 --gid events --home-dir /srv events \
 && mkdir -p /srv/data \
 && chown events:events /srv/data
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
# Settings with their defaults here; override any with `docker run -e`. DATABASE_URL has
# none: started without it, the image exits at once saying so. FORWARDED_ALLOW_IPS: set
# it to the load balancer's addresses, or Link and feed URLs carry the internal scheme.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    EVENTS_PROJECT_DIR=/srv \
    EVENTS_DATA_DIR=/srv/data \
    EVENTS_CACHE_DIR=/opt/venv/share/event-tracker \
    EVENTS_HOST=0.0.0.0 \
    EVENTS_PORT=8000 \
    EVENTS_WORKERS=2 \
    EVENTS_LOG_LEVEL=info \
    EVENTS_LOG_FORMAT=json \
    FORWARDED_ALLOW_IPS=127.0.0.1
USER 10001:10001
EXPOSE 8000
# Migrations are a separate step of a deploy:
#   docker run --rm -e DATABASE_URL=... IMAGE event-tracker migrate
# Two roles: the API (this CMD, with a change-webhook delivery worker in each process) or
# delivery workers alone (no HTTP, so no health check to answer):
#   docker run --no-healthcheck -e DATABASE_URL=... IMAGE event-tracker worker
# and then the API with `event-tracker serve --no-worker` if deliveries should run only there.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('EVENTS_PORT', '8000'), timeout=2)"]
CMD ["event-tracker", "serve"]
