def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3 : log
def mono = new File(basedir, 'monorepo')

// 1. mvn -T 4 package, from the reactor: the job's wheelhouse holds textkit's very wheel
assert runs[0].contains('Taking the Python library modules\' wheels as they are: textkit-1.0.0.dev0-py3-none-any.whl')
def attached = new File(mono, 'textkit/target/pyspark-wheel/wheel/textkit-1.0.0.dev0-py3-none-any.whl')
def zip = new java.util.zip.ZipFile(new File(mono, 'etl-job/target/etl-job-1.0.0-SNAPSHOT-wheelhouse.zip'))
def inside = zip.getInputStream(zip.getEntry('wheels/textkit-1.0.0.dev0-py3-none-any.whl')).bytes
zip.close()
assert inside == attached.bytes
assert runs[0] =~ /etl-job 1\.0\.0-SNAPSHOT \.+ SUCCESS/

// 2. again: nothing to rebuild, and mvn install publishes the wheel as an artifact of type whl
assert runs[1].contains("Wheel ${attached.path} is up to date")
assert runs[1] =~ /Wheelhouse \S+etl-job-1\.0\.0-SNAPSHOT-wheelhouse\.zip is up to date/
def installed = new File(localRepositoryPath, 'io/github/sparkwheel/examples/textkit/1.0.0-SNAPSHOT/textkit-1.0.0-SNAPSHOT.whl')
assert installed.bytes == attached.bytes

// 3. the job on YARN: the udfs jar shipped, its Java UDF called from SQL, textkit on the executors
def submit = runs[2]
assert submit.contains('Shipping jars: udfs-1.0.0-SNAPSHOT.jar')
def app = (submit =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert submit.contains("YARN application $app finished: SUCCEEDED") : submit
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def out = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(app)) out << f.text }
def driver = out.join('\n')
assert driver.contains('initials\tTBONTB\tto be or not to be') : driver
assert driver =~ /(?m)^BE!\t2$/
assert driver =~ /(?m)^textkit on the executors: \S*\/usercache\/\S+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+\/site-packages\/textkit\/__init__\.py$/ : driver
return true
