"""The content layer: portrait folders, read and checked. Never imports Qt."""
