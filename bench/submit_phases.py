"""Where a cluster-mode submission's time goes, from a raw SparkSubmit log (millisecond timestamps,
bench/log4j2-millis.properties) and the NodeManager's container logs of its application.

usage: python submit_phases.py RAW_LOG NODEMANAGER_LOG_DIR
Prints one line: resources staged (count, seconds from "Preparing resources" to "Submitting
application"), submission to the ApplicationMaster's first log line (YARN's localization of the
AM's resources, the Spark jars above all, and the AM JVM's start), and the resources the AM
container localized.
"""
import datetime
import os
import re
import sys

STAMP = re.compile(r"^(\d\d/\d\d/\d\d \d\d:\d\d:\d\d(?:\.\d+)?) ")


def stamp(line):
    m = STAMP.match(line)
    if not m:
        return None
    text = m.group(1)
    return datetime.datetime.strptime(text, "%y/%m/%d %H:%M:%S.%f" if "." in text else "%y/%m/%d %H:%M:%S")


def first(lines, needle):
    for line in lines:
        if needle in line and stamp(line):
            return stamp(line), line
    return None, None


def main(raw_log, log_dir):
    with open(raw_log, errors="replace") as f:
        lines = f.read().splitlines()
    prepared, _ = first(lines, "Preparing resources for our AM container")
    submitted, line = first(lines, "Submitting application application_")
    uploads = sum(1 for l in lines if "Uploading resource" in l)
    if not (prepared and submitted):
        print("phases not found in %s" % raw_log)
        return
    app = re.search(r"(application_\d+_\d+)", line).group(1)
    am_start = None
    localized = 0
    for root, _, files in os.walk(log_dir):
        if app in root and root.endswith("_01_000001"):
            if "stderr" in files:
                with open(os.path.join(root, "stderr"), errors="replace") as f:
                    am_start, _ = first(f.read().splitlines(), " ")
            if "launch_container.sh" in files:
                with open(os.path.join(root, "launch_container.sh"), errors="replace") as f:
                    localized = sum(1 for l in f if l.startswith("ln -sf"))
    staged = (submitted - prepared).total_seconds()
    start = "?" if am_start is None else "%.0f s" % (am_start - submitted.replace(microsecond=0)).total_seconds()
    print("staged %d resources in %.1f s; submission to AM's first log line %s; AM localized %d resources"
          % (uploads, staged, start, localized))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
