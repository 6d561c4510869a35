# Probe of the build's Python interpreter, run with `python -c`. Prints one JSON line.
# stdlib only; must run on any Python 3 so that an old interpreter gets a clear message.
import json
import sys
import sysconfig

info = {
    "executable": sys.executable,
    "implementation": sys.implementation.name,
    "version": "%d.%d.%d" % sys.version_info[:3],
    "versionInfo": list(sys.version_info[:2]),
    "platform": sysconfig.get_platform(),
    "pip": None,
    "tag": None,
}
try:
    import pip

    info["pip"] = pip.__version__
    from pip._vendor.packaging import tags

    info["tag"] = str(next(iter(tags.sys_tags())))
except Exception:
    pass
if info["tag"] is None:
    abi = (sysconfig.get_config_var("SOABI") or "").split("-")
    interp = "cp" if info["implementation"] == "cpython" else info["implementation"][:2]
    nodot = "%d%d" % sys.version_info[:2]
    info["tag"] = "%s%s-%s-%s" % (
        interp,
        nodot,
        (interp + nodot) if abi[0].startswith("cpython") else "none",
        sysconfig.get_platform().replace("-", "_").replace(".", "_"),
    )
print(json.dumps(info))
