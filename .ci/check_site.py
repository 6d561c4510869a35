#!/usr/bin/env python3
"""Fails when the generated site (target/site, from `mvn site`) has a broken link or anchor inside it, when a goal
of the plugin has no page, or when a parameter a user can set has no description. Stdlib only."""
import os
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name) and (name == "id" or tag == "a"):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def parse(path, cache={}):
    if path not in cache:
        page = Page()
        with open(path, encoding="utf-8", errors="replace") as f:
            page.feed(f.read())
        cache[path] = page
    return cache[path]


def main(site, descriptor):
    problems = []
    pages = [os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f.endswith(".html")]
    for path in sorted(pages):
        for link in parse(path).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # outside the site: not ours to check offline
            target = path if not parts.path else os.path.normpath(os.path.join(os.path.dirname(path), unquote(parts.path)))
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not os.path.exists(target):
                problems.append("%s: broken link %s" % (os.path.relpath(path, site), link))
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in parse(target).ids:
                problems.append("%s: link %s names no anchor there" % (os.path.relpath(path, site), link))
    plugin = ET.parse(descriptor).getroot()
    goals = 0
    for mojo in plugin.iter("mojo"):
        goal = mojo.findtext("goal")
        goals += 1
        if not os.path.exists(os.path.join(site, goal + "-mojo.html")):
            problems.append("the goal %s has no page (%s-mojo.html)" % (goal, goal))
        if not (mojo.findtext("description") or "").strip():
            problems.append("the goal %s has no description" % goal)
        for parameter in mojo.iter("parameter"):
            if parameter.findtext("editable") == "true" and not (parameter.findtext("description") or "").strip():
                problems.append("the parameter %s of %s has no description" % (parameter.findtext("name"), goal))
    for problem in problems:
        print("check_site: " + problem)
    print("check_site: %d pages, %d goals: %s" % (len(pages), goals, "FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/site",
                  sys.argv[2] if len(sys.argv) > 2 else "target/classes/META-INF/maven/plugin.xml"))
