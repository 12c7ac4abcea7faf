# The web bundle, built from the npm registry's packages as `make web` builds it.
FROM node:20-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run --silent build

# The wheel: the service with its queries, migrations and web app inside (package data).
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml ./
COPY app ./app
COPY --from=web /src/app/web/static/dist ./app/web/static/dist
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

# The service: the locked dependencies, then the wheel; no source tree in the image.
FROM python:3.11-slim
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --require-hashes --requirement /tmp/requirements.lock \
    && rm /tmp/requirements.lock
COPY --from=wheel /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-deps /tmp/wheels/*.whl && rm -rf /tmp/wheels
WORKDIR /srv
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
