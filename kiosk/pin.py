"""The staff PIN and the curators' desk password: stored hashed in kiosk.yaml, checked
slowly, wrong guesses rate-limited.

No Qt here. `kiosk pin` writes the PIN's hash, `kiosk pin --desk` the password's; the
admin panel checks what staff type, the desk what curators type.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.layout import PIN_MAX_DIGITS, PIN_MIN_DIGITS

ITERATIONS = 120_000  # about 0.1 s a check here: cheap for staff, slow for guessing
_STORED = re.compile(r"^pbkdf2-sha256\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$")
_PIN = re.compile(rf"^[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}$")
SETTING = "admin_pin"
DESK_SETTING = "desk_password"
PASSWORD_MIN, PASSWORD_MAX = 8, 200


def is_valid_pin(pin: str) -> bool:
    return bool(_PIN.match(pin))


def is_stored_pin(stored: str) -> bool:
    return bool(_STORED.match(stored))


def is_valid_password(password: str) -> bool:
    return PASSWORD_MIN <= len(password) <= PASSWORD_MAX and password.isprintable()


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    return _hash(pin, salt)


def hash_password(password: str, salt: bytes | None = None) -> str:
    return _hash(password, salt)


def verify_pin(pin: str, stored: str) -> bool:
    return is_valid_pin(pin) and _verify(pin, stored)


def verify_password(password: str, stored: str) -> bool:
    return is_valid_password(password) and _verify(password, stored)


def _hash(secret: str, salt: bytes | None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, ITERATIONS)
    return f"pbkdf2-sha256${ITERATIONS}${salt.hex()}${digest.hex()}"


def _verify(secret: str, stored: str) -> bool:
    match = _STORED.match(stored)
    if match is None:
        return False
    iterations, salt, expected = int(match[1]), bytes.fromhex(match[2]), match[3]
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest.hex(), expected)


def write_pin_setting(path: str, stored: str, setting: str = SETTING) -> None:
    """Put `<setting>: <stored>` (the PIN's or the desk password's hash) in the settings
    file at `path`, keeping every other line."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        lines = []
    command = "kiosk pin --desk" if setting == DESK_SETTING else "kiosk pin"
    line = f'{setting}: "{stored}"  # set with {command}'
    kept = [existing for existing in lines if not re.match(rf"^{setting}\s*:", existing)]
    temporary = f"{path}.part"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write("\n".join([*kept, line]) + "\n")
    os.replace(temporary, path)


@dataclass
class PinAttempts:
    """Three wrong PINs lock the pad for 30 s, each further one doubles it (up to 15 min)."""

    free_attempts: int = 3
    first_lock_s: float = 30.0
    longest_lock_s: float = 900.0
    clock: Callable[[], float] = time.monotonic
    wrong: int = 0
    locked_until: float = 0.0

    def seconds_locked(self) -> int:
        return max(0, int(self.locked_until - self.clock() + 0.999))

    def check(self, pin: str, stored: str, verify: Callable[[str, str], bool] = verify_pin) -> bool:
        """True for the right PIN (or password, with `verify_password`); a locked pad
        refuses every one, the right one too."""
        if self.seconds_locked() or not stored:
            return False
        if verify(pin, stored):
            self.wrong = 0
            return True
        self.wrong += 1
        beyond = self.wrong - self.free_attempts
        if beyond >= 0:
            self.locked_until = self.clock() + min(self.first_lock_s * 2**beyond, self.longest_lock_s)
        return False
