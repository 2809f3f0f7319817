"""A touchscreen kiosk for portraits and testimonies of Parisians who came from elsewhere."""

__version__ = "0.1.0"
