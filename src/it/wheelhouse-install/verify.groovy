def installed = new File(localRepositoryPath, 'it/pyspark/installed-job/1.0/installed-job-1.0-wheelhouse.zip')
assert installed.isFile() : "not installed: $installed"
assert installed.bytes == new File(basedir, 'target/installed-job-1.0-wheelhouse.zip').bytes
return true
