"""`kiosk bench`: the real code paths timed on a synthetic collection."""
