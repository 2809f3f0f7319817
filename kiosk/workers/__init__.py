"""Child processes that prepare photos, so that a photo cannot take the kiosk down.

`pool` runs and supervises them from the kiosk's side, `child` is what each one runs
(`python -m kiosk.workers.child` in `ps`), and `messages` is the one-line JSON protocol
between the two. Nothing here imports Qt: the children only need Pillow and the content
layer.
"""
