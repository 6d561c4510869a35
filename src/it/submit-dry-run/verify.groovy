def log = new File(basedir, 'build.log').text
assert log.contains('Dry run, nothing is submitted. The command:')
def line = log.readLines().find { it.contains('org.apache.spark.deploy.SparkSubmit') || it.contains('bin/spark-submit') }
assert line != null : log
assert line.contains('--master yarn --deploy-mode cluster --name dry-run-job --queue analytics --executor-memory 2g --num-executors 4')
assert line =~ /--archives \S+\/target\/dry-run-job-1\.0-wheelhouse\.zip#wheelhouse/
assert line.contains('--conf spark.pyspark.python=./wheelhouse/bootstrap/python')
assert line.contains('--conf spark.pyspark.driver.python=./wheelhouse/bootstrap/python')
assert line.contains('--conf spark.yarn.appMasterEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/bin/python3.11')
assert line.contains('--conf spark.executorEnv.PYSPARK_WHEELHOUSE_PYTHON=/usr/bin/python3.11')
assert line.contains('--conf spark.sql.shuffle.partitions=8')
assert line.contains('--conf spark.hadoop.fs.s3a.secret.key=*****')
assert !log.contains('s3cr3t-value') : 'a secret reached the log'
assert line =~ /target\/pyspark-submit\/runner\.py --date 2026-11-23$/
assert log.contains('HADOOP_CONF_DIR=' + new File(basedir, 'hadoop-conf').path)
assert !log.contains('Submitted YARN application')
return true
