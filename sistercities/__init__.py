"""Sister Cities Atlas core: data, geocoding, geometry and exports, with no Streamlit."""

__version__ = "0.1.0"
