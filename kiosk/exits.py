"""The kiosk's exit statuses: what scripts and the service manager read.

`kiosk check` and `kiosk snapshot` use the first three; `kiosk run` the last three
(the systemd unit of kiosk.service restarts on anything but OK).
"""

OK = 0
CONTENT_ERRORS = 1  # `kiosk check`: a folder has an error; `kiosk snapshot`: a portrait not drawn
AUDIT_FAILED = 1  # `kiosk audit`: a check failed
REFUSED = 1  # a command that changed nothing (`kiosk pin` with two different PINs, ...)
UNREADABLE = 2  # the collection folder itself cannot be read, or a wrong argument
CRASH = 70  # EX_SOFTWARE: an uncaught exception; the service manager restarts the kiosk
RESTART = 75  # staff asked for a restart: `kiosk run` starts itself again
