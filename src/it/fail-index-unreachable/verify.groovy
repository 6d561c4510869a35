def url = new File(basedir, 'index-url.txt').text
def log = new File(basedir, 'build.log').text
assert log.contains("The package index ${url} could not be reached (connection refused): check <indexUrl> "
        + "(-Dpyspark.indexUrl) and <extraIndexUrls>") : log
assert !log.contains('pip found no distribution for')
return true
