"""Run calls at the same instant in threads, for the tests that prove nothing is lost under concurrency."""

import threading

from django.db import connections


def run_at_once(calls, timeout: float = 120) -> tuple[list, list[Exception]]:
    """Start every call behind one barrier; return (results, errors). Each thread closes its DB connection."""
    errors, results = [], []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # collected and checked by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
