def log = new File(basedir, 'build.log').text
assert log.contains('Dry run, nothing is submitted. The command:')
def line = log.readLines().find { it.contains('io.github.sparkwheel.helpers.SubmitLauncher') || it.contains('bin/spark-submit') }
assert line != null : log
assert line.contains('--master yarn --deploy-mode cluster --name dry-run-job --queue analytics --executor-memory 2g --num-executors 4')
// the layers, as they would be staged: the dependency layer beside the job layer, the Spark runtime as one archive
def staging = new File(basedir, 'target/staging').path
def layers = "file://${staging}/layers"
assert line =~ /--archives ${layers}\/dependencies-[0-9a-f]{64}\.zip#wheelhouse-deps,${layers}\/job-[0-9a-f]{64}\.zip#wheelhouse /
assert line =~ /--conf spark\.yarn\.archive=${layers}\/spark-runtime-[0-9a-f]{64}\.zip /
assert line =~ /--conf spark\.yarn\.tags=pyspark-staging-\d{8}-\d{6}-[0-9a-f]{8}/
assert !line.contains('spark.yarn.jars')
assert line.contains('--conf spark.pyspark.python=./wheelhouse/bootstrap/python')
assert line.contains('--conf spark.pyspark.driver.python=./wheelhouse/bootstrap/python')
assert line.contains('--conf spark.yarn.appMasterEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/bin/python3.11')
assert line.contains('--conf spark.executorEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/bin/python3.11')
assert line.contains('--conf spark.sql.shuffle.partitions=8')
assert line.contains('--conf spark.hadoop.fs.s3a.secret.key=*****')
assert !log.contains('s3cr3t-value') : 'a secret reached the log'
assert line =~ /target\/pyspark-submit\/runner\.py --date 2026-11-23$/
assert log.contains('HADOOP_CONF_DIR=' + new File(basedir, 'hadoop-conf').path)
// what would be uploaded, and nothing was
['spark-runtime', 'dependencies', 'job'].each { kind ->
    assert log =~ /pyspark-staging: ${kind} layer ${kind}-[0-9a-f]{64}\.zip: would be uploaded \(\d+ bytes\) to file:${staging}/ : log
}
assert !new File(basedir, 'target/staging').exists()
assert !log.contains('Submitted YARN application')
return true
