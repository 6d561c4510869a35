"""Waits until the MiniYARNCluster started in pre-integration-test has written DIR/yarn.properties (or, for the
secure one, DIR/secure.properties). The Livy ITs wait for DIR/livy.properties themselves (ItServers.livy).

usage: python wait_for_yarn.py DIR [SECONDS [FILE]]
       python wait_for_yarn.py --reset DIR     (before the cluster starts: forget an earlier run's files)
"""
import os
import sys
import time


def main(directory, seconds=180, name="yarn.properties"):
    ready = os.path.join(directory, name)
    deadline = time.time() + seconds
    while not os.path.exists(ready):
        if time.time() > deadline:
            sys.exit("Not ready after %d s: no %s (see the server's log in the build output)" % (seconds, ready))
        time.sleep(0.25)
    with open(ready) as f:
        print("Up (%s): " % name + " ".join(line.strip() for line in f))


def reset(directory):
    for name in ("yarn.properties", "secure.properties", "livy.properties", "applications.properties", "failed", "stop"):
        try:
            os.remove(os.path.join(directory, name))
        except FileNotFoundError:
            pass
    os.makedirs(os.path.join(directory, "tmp"), exist_ok=True)


if __name__ == "__main__":
    if sys.argv[1] == "--reset":
        reset(sys.argv[2])
    else:
        main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 180,
             sys.argv[3] if len(sys.argv) > 3 else "yarn.properties")
