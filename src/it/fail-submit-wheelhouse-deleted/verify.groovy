def log = new File(basedir, 'build.log').text
assert log =~ /No wheelhouse at \S+\/target\/wheelhouse-gone-job-1\.0-wheelhouse\.zip, and it\.pyspark:wheelhouse-gone-job:zip:wheelhouse:1\.0 is in no Maven repository: run mvn package first, or perhaps you should set <wheelhouse> or -Dpyspark\.wheelhouse/ : log
return true
