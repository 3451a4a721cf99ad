"""QMS Desktop: build an ISO 9000-family quality system for a service organisation."""

__version__ = "0.1.0"
APP_NAME = "QMS Desktop"
ORG_NAME = "QMS Desktop"
