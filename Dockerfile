# Image for the web, worker and beat services of docker-compose.yml.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 LC_ALL=C.UTF-8 LANG=C.UTF-8
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend ./backend
COPY storefront ./storefront
COPY seller_portal ./seller_portal
COPY enterprise_portal ./enterprise_portal
RUN pip install --no-cache-dir .
COPY . .
RUN useradd --system --home /app sunshine && mkdir -p /data && chown sunshine /data
USER sunshine
EXPOSE 8000
CMD ["gunicorn", "backend.config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
