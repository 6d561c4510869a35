def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log
// pip built the C extension into a platform wheel for this machine's Python
def zip = new java.util.zip.ZipFile(new File(basedir, 'target/c-extension-job-1.0-wheelhouse.zip'))
assert zip.entries().toList()*.name.any { it ==~ /wheels\/cstats-0\.3-cp3\d+-cp3\d+-linux_x86_64\.whl/ }
zip.close()
[['3.5.5', runs[0]], ['4.0.1', runs[1]]].each { spark, run ->
    // the executors imported it from the virtualenv the bootstrap built on the YARN node
    assert run =~ /(?m)^\[INFO\] squares: 1 4 9 16$/ : run
    assert run =~ /(?m)^\[INFO\] cstats on the executors: \S*\/usercache\/\S+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+\/site-packages\/cstats\.cpython-3\d+-\S+\.so$/ : run
    assert run =~ /(?m)^\[INFO\] spark ${spark}$/ : run
    assert run =~ /The driver finished successfully; YARN application application_\d+_\d+ ran its executors/
}
return true
