def log = new File(basedir, 'build.log').text
assert log.contains("Entry point 'simplejob:main()' is malformed: write it as package.module:function") : 'build.log lacks: ' + "Entry point 'simplejob:main()' is malformed: write it as package.module:function"
assert log.contains('<entryPoint> or -Dpyspark.entryPoint') : 'build.log lacks: ' + '<entryPoint> or -Dpyspark.entryPoint'
assert !new File(basedir, 'target/failing-job-1.0-wheelhouse.zip').exists()
return true
