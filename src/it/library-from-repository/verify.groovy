def installed = new File(localRepositoryPath, 'it/pyspark/reportkit/0.5.0/reportkit-0.5.0.whl')
assert installed.isFile()
def zip = new java.util.zip.ZipFile(new File(basedir, 'job/target/reportjob-0.5.0-wheelhouse.zip'))
def inside = zip.getInputStream(zip.getEntry('wheels/reportkit-0.5.0-py3-none-any.whl')).bytes
zip.close()
assert inside == installed.bytes
assert new File(basedir, 'build.log').text.contains("Taking the Python library modules' wheels as they are: reportkit-0.5.0-py3-none-any.whl")
return true
