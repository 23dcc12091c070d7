"""Serving the Atlas to many viewers: `make serve` (serve.py), the container and Kubernetes."""
