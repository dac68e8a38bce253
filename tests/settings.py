"""Settings for the test suite: production settings with a throwaway data folder and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-checks")
# Memory-backed when the machine has /dev/shm: the test database is a real file (threads, other
# processes) at nearly the speed of an in-memory one.
_shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
os.environ.setdefault("PRONGSAI_DATA_DIR", tempfile.mkdtemp(prefix="prongsai-test-", dir=_shm))

from prongsai.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# SQLite tests use a file, not memory, so tests with several threads (concurrent writers) really run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The schema straight from the models (2.4 s less per xdist worker than replaying the migrations);
    # the PostgreSQL run in CI replays the real migrations, `make install` does on SQLite, and
    # tests/core/test_migrations.py checks that the migrations match the models.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["PRONGSAI_DATA_DIR"], "test.sqlite3"),
        "MIGRATE": False,
    }
    # A test database is thrown away: no fsync.
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;"
    )
