"""Gunicorn settings read from the project's folder (`make serve-prod`, benchmarks).

The access log leaves out query strings and referrers: a search or the assistant carries a
person's situation in its URL (age, status, "handicap=on"), which must not end up in log files.
"""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
