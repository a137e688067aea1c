# Portal Kabupaten/Kota Peduli HAM — production image.
# The same image runs the web (gunicorn), the Celery worker and Celery beat;
# see docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production

# WeasyPrint runtime libraries (Pango/HarfBuzz), fonts for the PDF reports,
# gettext for compilemessages, and poppler's pdftoppm for evidence previews.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-noto-core \
        gettext \
        poppler-utils \
    && fc-cache -f \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 portal \
    && useradd --system --uid 1000 --gid portal --create-home --home-dir /home/portal \
        --shell /usr/sbin/nologin portal \
    && mkdir -p /srv/media /srv/beat \
    && chown portal:portal /srv/media /srv/beat

WORKDIR /app

# Install the [project] dependencies first so this layer is cached until
# pyproject.toml changes.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install . \
    && rm -rf build ./*.egg-info

# Build-time only: dummy secret/hosts (and throwaway DB/Redis URLs) so the
# production settings import. `export` lasts for this RUN line only; nothing is
# baked into the image.
RUN export DJANGO_SECRET_KEY=build-only-not-a-secret \
        DJANGO_ALLOWED_HOSTS=localhost \
        DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        REDIS_URL=redis://localhost:6379/0 \
    && python manage.py compilemessages \
    && python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3

USER portal

EXPOSE 8000

CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
