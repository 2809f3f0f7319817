"""The Qt layer: adapts the content layer for QML. QML only lays out and animates."""
