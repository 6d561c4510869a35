def log = new File(basedir, 'build.log').text
assert log =~ /fastjob-1\.0-cp3\d+-cp3\d+-linux_x86_64\.whl \(built on this machine from \S+\) is for cp3\d+-cp3\d+-linux_x86_64 and does not run on CPython 3\.10 on manylinux2014_aarch64: a platform-specific wheel cannot be built here for another machine\. Build the wheelhouse on a machine like the cluster's nodes, add a wheel built there to <findLinks> or <extraDistributions>, or drop <targetPlatforms> and <targetPython>/ : log
assert !log.contains(' -m pip download ') : 'nothing is downloaded for a job that cannot run there'
return true
