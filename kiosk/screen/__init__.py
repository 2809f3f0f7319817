"""What the visitor sees next, and why: the screen's decisions, with no Qt in them.

kiosk.screen.policy decides; kiosk.qt adapts it (timers, signals, the models QML
draws). Tested with plain pytest and a fake clock.
"""
