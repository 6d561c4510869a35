def log = new File(basedir, 'build.log').text
assert log.contains('slowmath has no wheel for CPython 3.10 on manylinux2014_aarch64 (the wheelhouse\'s target: pip '
        + 'fetches the dependencies as binary wheels for it): pin a version of it that has such a wheel, or add a wheel '
        + 'built on a machine like the cluster\'s nodes to <findLinks> (-Dpyspark.findLinks)') : log
return true
