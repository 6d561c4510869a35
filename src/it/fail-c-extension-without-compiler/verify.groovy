def log = new File(basedir, 'build.log').text
assert log.contains("Building a wheel for cfast needs a C compiler, but 'gcc-not-installed' is not installed (or not on the PATH): install one (gcc, with the Python headers), set CC to one, or add a wheel of cfast built elsewhere to <findLinks> (-Dpyspark.findLinks)") : log
return true
