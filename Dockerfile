# The Atlas in one container: one Streamlit process, about one core (scale out with more
# containers: deploy/k8s). Code, data, basemap and fonts are baked in: it needs no network.
# Build: docker build -t sister-cities-atlas:0.1.0 .
# Run:   docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET=... sister-cities-atlas:0.1.0
# The Python the project is tested with (3.11.7), on Debian 12 like the Makefile's machines.
FROM python:3.11.7-slim-bookworm

# Noto Sans CJK for Chinese text in exported images (sistercities/export.py reads Debian's
# files) and fontconfig for vl-convert's charts; pinned to bookworm's versions.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-noto-cjk=1:20220127+repack1-1 fontconfig=2.14.1-4 \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt \
    && useradd --create-home --uid 10001 --user-group atlas

# Owned by root, so the user the app runs as cannot change its code or data.
COPY .streamlit/ .streamlit/
COPY dashboard.py ./
COPY pages/ pages/
COPY components/ components/
COPY sistercities/ sistercities/
COPY data/ data/
COPY static/ static/

USER 10001
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0"]
