def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log

// 1. mvn deploy: the wheelhouse published, its layers staged by the stage goal, nothing submitted
def deploy = runs[0]
assert deploy =~ /Uploaded to releases: file:\S+\/releases\/it\/pyspark\/released-job\/1\.0\/released-job-1\.0-wheelhouse\.zip/ : deploy
def staged = (deploy =~ /pyspark-staging: ([a-z-]+) layer (\S+): staged/).collect { it[2] }
assert staged.size() == 5 : deploy  // the Spark runtime, dependencies, pyspark's two zips, the job
assert !deploy.contains('Submitted YARN application')

// 2. from a clean tree: the published wheelhouse, every layer already there, the application runs
def submit = runs[1]
assert submit =~ /No \S+\/target\/released-job-1\.0-wheelhouse\.zip: using it\.pyspark:released-job:zip:wheelhouse:1\.0 from the Maven repositories/ : submit
def again = (submit =~ /pyspark-staging: ([a-z-]+) layer (\S+): already staged/).collect { it[2] }
assert again as Set == staged as Set : submit
assert !(submit =~ /pyspark-staging: [a-z-]+ layer \S+: staged/)
def app = (submit =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert submit.contains("YARN application $app finished: SUCCEEDED")
assert submit.contains("Spark uploaded 2 files for $app: runner.py, __spark_conf__.zip")
return true
