def log = new File(basedir, 'build.log').text
assert log.contains("oddlib-3.0.0-py3-none-any.whl has version 3.0.0, but the module's Maven version 3.0.0-SNAPSHOT stands "
        + "for 3.0.0.dev0 to pip (-SNAPSHOT is .dev0): a job would lock a version that no Maven artifact names. Set the "
        + "version in") : log
assert log.contains("pyproject.toml or setup.py to 3.0.0.dev0, or the module's <version> to match")
return true
