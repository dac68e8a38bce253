"""Public intake under load: gunicorn on a loopback port, a throwaway SQLite database, 20 filings a second.

Prints intake_rps (accepted filings per second), intake_errors (anything but the redirect to the
thanks page), intake_lost (accepted minus stored, read from the database at the end) and
registry_gaps (registry numbers missing or repeated). BENCH_RATE and BENCH_SECONDS change the load.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The per-address limit is raised for the bench: every filing comes from 127.0.0.1.
os.environ["PRONGSAI_COMPLAINT_RATE_PER_MINUTE"] = "1000000"
os.environ.setdefault("DEBUG", "false")

import _setup

from prongsai.complaints import services
from prongsai.complaints.models import Case
from prongsai.orgs.services import create_organization, system_user

RATE = int(os.environ.get("BENCH_RATE", "20"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, deadline: float) -> None:
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}")


def main() -> None:
    org = create_organization(system_user(), name="องค์การบริหารส่วนตำบลทดสอบโหลด", slug="bench")
    kind = services.active_kinds(org)[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    print(
        f"# gunicorn {WORKERS} workers on {base}, SQLite in {os.environ['PRONGSAI_DATA_DIR']}; "
        f"per-address limit raised to {os.environ['PRONGSAI_COMPLAINT_RATE_PER_MINUTE']}/min "
        f"(PRONGSAI_COMPLAINT_RATE_PER_MINUTE) for the bench; {RATE} filings/s for {SECONDS} s",
        flush=True,
    )
    server = subprocess.Popen(
        [str(gunicorn), "prongsai.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
        stdout=subprocess.DEVNULL,
    )
    try:
        form_url = f"{base}/c/bench/"
        wait_until_up(form_url, time.time() + 30)
        with urllib.request.urlopen(form_url, timeout=10) as r:
            cookie = r.headers["Set-Cookie"]
            page = r.read().decode()
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)
        csrf_form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert csrf_cookie and csrf_form, "no CSRF token on the form"
        headers = {
            "Cookie": f"csrftoken={csrf_cookie[1]}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": form_url,
        }

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)

        def submit(n: int) -> tuple[bool, float]:
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": csrf_form[1],
                    "kind": str(kind.pk),
                    "subject": f"เรื่องทดสอบโหลดที่ {n}",
                    "details": "รายละเอียดของเรื่องทดสอบ " * 10,
                    "consent": "on",
                    "website": "",
                }
            ).encode()
            start = time.perf_counter()
            request = urllib.request.Request(form_url, data=body, headers=headers, method="POST")
            try:
                opener.open(request, timeout=30)
                ok = False  # a 200 means the form came back with errors
            except urllib.error.HTTPError as exc:
                ok = exc.code == 302 and "/thanks/" in (exc.headers.get("Location") or "")
            except OSError:
                ok = False
            return ok, time.perf_counter() - start

        total = RATE * SECONDS
        began = time.perf_counter()
        futures = []
        with ThreadPoolExecutor(max_workers=64) as pool:
            for n in range(total):
                delay = began + n / RATE - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                futures.append(pool.submit(submit, n))
            results = [f.result() for f in futures]
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)

    accepted = sum(1 for ok, _ in results if ok)
    latencies = sorted(t for _, t in results)
    stored = Case.objects.filter(organization=org).count()
    numbers = sorted(Case.objects.filter(organization=org).values_list("registry_no", flat=True))
    gaps = len(set(range(1, len(numbers) + 1)) ^ set(numbers)) + (len(numbers) - len(set(numbers)))
    _setup.report("intake_rps", accepted / elapsed, "filings/s")
    _setup.report("intake_errors", total - accepted, "filings")
    _setup.report("intake_lost", accepted - stored, "filings")
    _setup.report("intake_p50", latencies[len(latencies) // 2] * 1000, "ms")
    _setup.report("intake_p95", latencies[int(len(latencies) * 0.95)] * 1000, "ms")
    _setup.report("registry_gaps", gaps, "numbers")


if __name__ == "__main__":
    main()
